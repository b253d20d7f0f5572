#include "render/DocumentPainter.h"

#include "render/DocumentLayout.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageRanges>
#include <QPageSize>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QStorageInfo>

#include <cerrno>

namespace claimdesk::render {

using core::ErrorCode;
using core::makeError;
using core::reports::Document;

namespace {

constexpr int kPdfResolution = 300;  // dpi: small files, and plenty for text and rules
constexpr qint64 kNearlyFullBytes = 4 * 1024 * 1024;

// A4 portrait; 16 mm top and bottom, 14 mm left and right.
void setFirmPageSetup(QPagedPaintDevice& device)
{
    const QPageLayout a4(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(14, 16, 14, 16),
                         QPageLayout::Millimeter);
    if (!device.setPageLayout(a4)) {
        // A printer may refuse the margins as a whole (its own minimums): keep the paper and orientation at least.
        device.setPageSize(a4.pageSize());
        device.setPageOrientation(QPageLayout::Portrait);
        device.setPageMargins(a4.margins(), QPageLayout::Millimeter);
    }
}

QString pdfTitle(const Document& document)
{
    const QString title = document.title.trimmed();
    const QString reference = document.reference.trimmed();
    if (reference.isEmpty()) {
        return title;
    }
    return title.isEmpty() ? reference : title + QLatin1Char(' ') + reference;
}

// `out` must be open for writing; the writer does not close it.
core::Result<int> renderPdf(const Document& document, QIODevice& out)
{
    QPdfWriter writer(&out);
    writer.setResolution(kPdfResolution);
    writer.setCreator(QStringLiteral("ClaimDesk"));
    writer.setTitle(pdfTitle(document));
    return paint(document, writer);
}

bool diskLooksFull(const QString& folder)
{
    const QStorageInfo storage(folder);
    return storage.isValid() && storage.bytesAvailable() >= 0 && storage.bytesAvailable() < kNearlyFullBytes;
}

}  // namespace

Pagination paginate(const Document& document, QPagedPaintDevice& device)
{
    return DocumentLayout(document, device).pagination();
}

core::Result<int> paint(const Document& document, QPagedPaintDevice& device, bool keepPageSetup)
{
    if (!keepPageSetup) {
        setFirmPageSetup(device);
    }
    QPainter painter;
    if (!painter.begin(&device)) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("The document could not be printed because the printer or the file could not "
                                        "be opened. Check the printer (or choose another folder) and try again."));
    }
    const DocumentLayout layout(document, device);
    const QPageRanges ranges = device.pageRanges();
    bool firstPainted = true;
    for (int page = 0; page < layout.pageCount(); ++page) {
        if (!ranges.isEmpty() && !ranges.contains(page + 1)) {
            continue;
        }
        if (!firstPainted && !device.newPage()) {
            painter.end();
            return makeError(
                ErrorCode::IoError,
                QStringLiteral("Printing stopped after page %1 of %2 (the job was cancelled or the printer "
                               "did not accept another page). Print the document again.")
                    .arg(page)
                    .arg(layout.pageCount()));
        }
        firstPainted = false;
        layout.paintPage(painter, page);
    }
    if (!painter.end()) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("The document could not be finished on the printer or in the file. Try again, "
                                        "or choose another printer or folder."));
    }
    return layout.pageCount();
}

core::Result<int> writePdf(const Document& document, const QString& path, bool overwrite)
{
    if (path.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("No file name was given for the PDF. Choose a file name."));
    }
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (info.isDir()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is a folder. Choose a file name for the PDF inside it.").arg(shown));
    }
    if (info.exists() && !overwrite) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("%1 already exists and was left unchanged. Choose another name, or confirm "
                                        "that the existing file should be replaced.")
                             .arg(shown));
    }
    const QString folder = info.absolutePath();
    if (!QFileInfo(folder).isDir()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("The folder %1 does not exist, so the PDF was not written. Choose an existing "
                                        "folder.")
                             .arg(QDir::toNativeSeparators(folder)));
    }

    // Painted in memory first (a long bundle is a few megabytes), then written in one go, so that a failed write
    // is seen, with its errno, where it happens.
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const core::Result<int> pages = renderPdf(document, buffer);
    if (!pages) {
        return pages.error();
    }
    buffer.close();

    QSaveFile file(path);  // written beside the target and renamed over it only when complete
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("The PDF could not be created in %1 (%2). Choose a folder you can write to.")
                             .arg(QDir::toNativeSeparators(folder), file.errorString()));
    }
    errno = 0;
    const bool written = file.write(bytes) == bytes.size() && file.commit();
    const int writeErrno = errno;
    if (!written) {
        // Not committed: the temporary file goes with `file`, and an existing file of that name is untouched.
        if (file.error() == QFileDevice::ResourceError || writeErrno == ENOSPC || writeErrno == EFBIG
            || writeErrno == EDQUOT || diskLooksFull(folder)) {
            return makeError(ErrorCode::DiskFull,
                             QStringLiteral("The PDF %1 was not written because the disk is full or a file size limit "
                                            "was reached (%2). Free some space or choose another folder; no partial "
                                            "file was left.")
                                 .arg(shown, file.errorString()));
        }
        return makeError(ErrorCode::IoError,
                         QStringLiteral("The PDF %1 could not be written (%2). Check that the folder is still "
                                        "available and that you can write to it, then try again; no partial file "
                                        "was left.")
                             .arg(shown, file.errorString()));
    }
    return pages;
}

core::Result<QByteArray> pdfBytes(const Document& document)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const core::Result<int> pages = renderPdf(document, buffer);
    if (!pages) {
        return pages.error();
    }
    buffer.close();
    return bytes;
}

}  // namespace claimdesk::render
