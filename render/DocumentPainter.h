#pragma once

#include "common/Result.h"
#include "reports/ReportDocument.h"

#include <QByteArray>
#include <QRectF>
#include <QString>

#include <vector>

class QPagedPaintDevice;

// Paints a core::reports::Document on pages: QPrinter (print, print preview) in the GUI, QPdfWriter in the CLI and
// for files. QtGui only (no widgets, no QtPrintSupport): the caller owns the QGuiApplication (offscreen is fine).
//
// The page: a header with the firm name and the marking on every page (and the watermark's words under the marking,
// as text), the title and subtitle on the first page, the watermark across the page behind the text (glyph outlines,
// so it stays out of the text layer that search and pdftotext read), a footer with Document::footerText() and
// "Page N of M". Blocks flow down the body: a heading stays with what follows it, a table row, a field pair and a
// notice are never split (unless one alone is taller than a page), a table's header row repeats on each continuation
// page, paragraphs may break between lines (never leaving a single line behind or alone on the next page). Fonts are
// DejaVu Sans in points with vertical metrics from the font's design, so a document breaks into the same pages on
// every machine and at every resolution (a 1200 dpi printer, a 300 dpi PDF).
namespace claimdesk::render {

// Where each piece of the document landed: for tests (rows never split across pages, headings kept with what follows).
// `block` indexes Document::blocks. `row`: the table row, or -1 when the piece is not a table row (a heading, a
// paragraph or its part on one page, a field pair, a notice, a table's empty text), or -2 for a table's header row
// (where the table starts, and repeated at the top of each continuation page). `page` counts from 0. `rect` is in
// the painter's coordinates on that page (device pixels, origin at the top-left corner inside the page margins).
// A paragraph broken across pages, or a piece taller than a whole page, has one PlacedPiece per page.
struct PlacedPiece {
    int block = -1;
    int row = -1;
    int page = 0;
    QRectF rect;
};
struct Pagination {
    int pages = 0;
    std::vector<PlacedPiece> pieces;  // in reading order
};

// Lays out `document` for `device` (page size, margins and resolution as set on it) without painting.
Pagination paginate(const core::reports::Document& document, QPagedPaintDevice& device);

// Paints every page (QPrinter for print/preview, QPdfWriter for files). Sets A4 portrait and margins of 16 mm top
// and bottom, 14 mm left and right on the device first unless told not to (print preview lets the user change the
// page setup: pass keepPageSetup = true). Honours the device's page ranges (a print dialog's "pages 2-3"): other
// pages are laid out but not painted, and "Page N of M" still counts the whole document.
// Returns the number of pages of the document, or an Error (IoError) when the painter could not begin or the
// device refused a new page (a cancelled print job).
core::Result<int> paint(const core::reports::Document& document, QPagedPaintDevice& device, bool keepPageSetup = false);

// Renders to a PDF file atomically (QSaveFile: a full disk (DiskFull) or an unwritable or missing folder (IoError,
// NotFound) is an Error with a message saying what to do, and no partial file is left). Never overwrites an existing
// file unless `overwrite` (AlreadyExists). PDF title = document.title + " " + reference (never the client's name),
// creator "ClaimDesk", 300 dpi. Returns the page count.
core::Result<int> writePdf(const core::reports::Document& document, const QString& path, bool overwrite = false);

// The same bytes in memory (tests, print preview caching).
core::Result<QByteArray> pdfBytes(const core::reports::Document& document);

}  // namespace claimdesk::render
