#pragma once

#include "render/DocumentPainter.h"

#include <QColor>
#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <memory>
#include <vector>

class QPainter;
class QPaintDevice;
class QPagedPaintDevice;
class QTextLayout;

// Internal to claimdesk_render: the measured, paginated document. paginate() and paint() both use it, so what the
// tests see is exactly what is painted.
namespace claimdesk::render {

class DocumentLayout {
public:
    // Measures every block with the device's resolution and page rectangle and breaks the result into pages.
    DocumentLayout(const core::reports::Document& document, const QPagedPaintDevice& device);
    ~DocumentLayout();
    DocumentLayout(const DocumentLayout&) = delete;
    DocumentLayout& operator=(const DocumentLayout&) = delete;

    int pageCount() const { return static_cast<int>(m_pages.size()); }
    Pagination pagination() const;
    // Paints page `page` (from 0) on a painter that is active on the device the layout was measured for.
    void paintPage(QPainter& painter, int page) const;

    // What a unit of text is made of; public only so the .cpp's helpers can build them.
    struct TextRun {
        std::shared_ptr<QTextLayout> layout;
        QPointF origin;  // of the layout, in the unit's coordinates
        QColor color;
        qreal advance = 0;  // from one line's top to the next
        qreal lineHeight = 0;  // of one line's ink (ascent + descent)
        qreal width = 0;  // the width the lines were broken at
    };
    enum class Decoration { None, HeadingRule, TableHeader, TableRow, TableEmpty, Field, Notice };
    // One thing placed down the body: a heading, a paragraph, a field pair, a table header or row, a notice.
    struct Unit {
        int block = -1;
        int row = -1;
        Decoration decoration = Decoration::None;
        QColor accent;  // the notice's frame, the heading's rule
        QColor fill;  // background (table header, zebra row, notice); invalid: none
        qreal ruleY = 0;  // HeadingRule: where the rule is, in the unit's coordinates
        qreal height = 0;
        qreal spaceBefore = 0;  // dropped at the top of a page
        bool keepWithNext = false;
        bool splittable = false;  // a paragraph: may break between any two lines (widows and orphans aside)
        bool breakBefore = false;  // a PageBreak block came before it
        int header = -1;  // a table row or empty text: the index of its table's header unit
        std::vector<TextRun> runs;
        std::vector<qreal> lineBottoms;  // splittable units: where each line's box ends
    };

private:
    struct Slice {
        int unit = -1;
        qreal from = 0;  // the part of the unit shown, in its own coordinates
        qreal to = 0;
        QRectF rect;  // where it is on the page
        qreal inset = 0;  // a continued row, pair or notice starts this far down its rect (its padding)
        bool repeatedHeader = false;
    };
    struct Page {
        std::vector<Slice> slices;
    };

    void measurePage(const core::reports::Document& document);
    void measureBlocks(const core::reports::Document& document);
    void addTable(const core::reports::Block& block, int index, qreal space);
    void paginate();
    qreal chainNeed(int first) const;
    qreal firstPart(const Unit& unit) const;
    qreal freshAvailable(const Unit& unit) const;
    bool repeatsHeader(const Unit& unit) const;
    qreal bestCut(const Unit& unit, qreal from, qreal limit, bool strict) const;

    void paintBackground(QPainter& painter, const Slice& slice) const;
    void paintForeground(QPainter& painter, const Slice& slice) const;
    void paintWatermark(QPainter& painter) const;
    void paintFrame(QPainter& painter, int page) const;

    const QPaintDevice& m_device;
    qreal m_dpi = 72;
    qreal m_width = 0;  // the painter's page rectangle (inside the margins)
    qreal m_height = 0;
    qreal m_firstTop = 0;  // where the body starts on the first page (below the title) and on the others
    qreal m_top = 0;
    qreal m_bottom = 0;  // where the body ends (above the footer)
    qreal m_headerRuleY = 0;
    qreal m_footerRuleY = 0;
    qreal m_titleY = 0;
    qreal m_titleClip = 0;  // the title is never allowed to take more than this
    TextRun m_firm;
    TextRun m_marking;
    TextRun m_copyNote;  // the watermark's words as text, under the marking (empty layout: no watermark)
    TextRun m_title;
    TextRun m_subtitle;
    TextRun m_footer;
    QPainterPath m_watermark;  // glyph outlines centred on (0, 0), before rotation
    std::vector<Unit> m_units;
    std::vector<Page> m_pages;
};

}  // namespace claimdesk::render
