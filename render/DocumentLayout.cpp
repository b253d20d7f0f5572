#include "render/DocumentLayout.h"

#include <QFont>
#include <QFontMetricsF>
#include <QGlyphRun>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPen>
#include <QRawFont>
#include <QTextLayout>
#include <QTextOption>
#include <QtMath>

#include <algorithm>
#include <cmath>
#include <limits>

namespace claimdesk::render {

using core::reports::Align;
using core::reports::Block;
using core::reports::Column;
using core::reports::Document;
using core::reports::Tone;
using TextRun = DocumentLayout::TextRun;
using Unit = DocumentLayout::Unit;
using Decoration = DocumentLayout::Decoration;

namespace {

// Points to device pixels, so every length below reads in points: pt(6).
struct Points {
    qreal dpi;
    qreal operator()(qreal points) const { return points * dpi / 72.0; }
};

constexpr qreal kEpsilon = 0.5;  // device pixels: positions this close are the same
constexpr qreal kNoLimit = std::numeric_limits<qreal>::max() / 4;

// Type sizes, in points.
namespace size {
constexpr qreal firm = 9.5;
constexpr qreal marking = 8;
constexpr qreal copyNote = 7;
constexpr qreal title = 17;
constexpr qreal subtitle = 10;
constexpr qreal footer = 7.5;
constexpr qreal heading1 = 12;
constexpr qreal heading2 = 10.5;
constexpr qreal body = 9.5;
constexpr qreal label = 9;
constexpr qreal table = 8.5;
constexpr qreal notice = 9;
constexpr qreal watermark = 60;
constexpr qreal watermarkSmallest = 18;
}  // namespace size

constexpr qreal kSmallestPart = 30;  // points: the least of an oversize piece worth starting at the foot of a page
constexpr qreal kLabelShare = 0.3;  // of the width, for a field's label
constexpr qreal kWatermarkDegrees = -35;
constexpr qreal kMarkingShare = 0.6;  // at most, of the header's width

QColor rgb(QRgb value)
{
    return QColor::fromRgb(value);
}

// The palette: dark ink, one navy accent, greys, the privilege marking in dark red.
namespace ink {
const QColor text = rgb(0x1a1a1a);
const QColor navy = rgb(0x1f3a5f);
const QColor subtle = rgb(0x666666);
const QColor label = rgb(0x565d66);
const QColor footer = rgb(0x555555);
const QColor marking = rgb(0x8b0000);
const QColor pageRule = rgb(0x8a96a3);
const QColor headingRule = rgb(0xa9b8ca);
const QColor tableHeaderFill = rgb(0xe9eef4);
const QColor tableHeaderText = rgb(0x1f2d3d);
const QColor tableHeaderRule = rgb(0x9fb0c4);
const QColor zebra = rgb(0xf6f8fa);
const QColor rowRule = rgb(0xdde3ea);
const QColor fieldRule = rgb(0xe6e9ee);
const QColor watermark = QColor(0, 0, 0, 38);  // translucent: ~#d9d9d9 on white, and tables' shading shows through
}  // namespace ink

QColor toneText(Tone tone)
{
    switch (tone) {
    case Tone::Danger: return rgb(0x8b1a1a);
    case Tone::Warning: return rgb(0x8a5300);
    case Tone::Muted: return rgb(0x6b6b6b);
    case Tone::Normal: break;
    }
    return ink::text;
}

struct NoticeColours {
    QColor fill;
    QColor accent;
    QColor text;
};

NoticeColours noticeColours(Tone tone)
{
    switch (tone) {
    case Tone::Warning: return {rgb(0xfdf4e3), rgb(0xc98500), rgb(0x4d3300)};
    case Tone::Danger: return {rgb(0xfbeaea), rgb(0xb3261e), rgb(0x6e1410)};
    case Tone::Muted: return {rgb(0xf2f2f2), rgb(0x9a9a9a), rgb(0x444444)};
    case Tone::Normal: break;
    }
    return {rgb(0xeef2f6), rgb(0x5b7591), rgb(0x1f2d3d)};
}

QFont makeFont(qreal points, bool bold = false, bool italic = false)
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setStyleHint(QFont::SansSerif);
    font.setPointSizeF(points);
    font.setBold(bold);
    font.setItalic(italic);
    font.setHintingPreference(QFont::PreferNoHinting);
    // No ligatures: "fi" as one glyph comes out of the PDF as U+FB01, and then "Profile" is not found by a search.
    // (Scripts that need shaping are still shaped.)
    font.setStyleStrategy(QFont::PreferNoShaping);
    return font;
}

// QTextLayout breaks lines only at U+2028; the document's texts use '\n'.
QString forLayout(QString text)
{
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    text.replace(QLatin1Char('\n'), QChar::LineSeparator);
    return text;
}

// The font's vertical metrics in device pixels, from its design (measured at 2048 px, where rounding to whole pixels
// does not matter): a device's own metrics are rounded to its pixels, and over a long table that rounding added up
// to millimetres, so a 1200 dpi printer and a 300 dpi PDF broke pages in different places.
struct VerticalMetrics {
    qreal ascent = 0;
    qreal height = 0;  // ascent + descent
    qreal lineSpacing = 0;
};

VerticalMetrics verticalMetrics(const QFont& font, qreal dpi)
{
    constexpr int kReferencePixels = 2048;
    QFont reference(font);
    reference.setPixelSize(kReferencePixels);
    const QFontMetricsF metrics(reference);
    const qreal scale = font.pointSizeF() * dpi / 72.0 / kReferencePixels;
    return {metrics.ascent() * scale, (metrics.ascent() + metrics.descent()) * scale, metrics.lineSpacing() * scale};
}

// Lays `text` out in lines of `width` device pixels; `spacing` stretches the font's line spacing.
TextRun layText(const QString& text, const QFont& font, qreal width, const QPaintDevice& device, const QColor& color,
                Qt::Alignment align = Qt::AlignLeft, qreal spacing = 1.0)
{
    TextRun run;
    run.layout = std::make_shared<QTextLayout>(forLayout(text), font, &device);
    QTextOption option(align);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setUseDesignMetrics(true);
    run.layout->setTextOption(option);
    run.layout->setCacheEnabled(true);
    const VerticalMetrics metrics = verticalMetrics(font, device.logicalDpiY() > 0 ? device.logicalDpiY() : 72);
    run.advance = metrics.lineSpacing * spacing;
    run.lineHeight = metrics.height;
    run.width = std::max<qreal>(width, 1);
    run.color = color;
    run.layout->beginLayout();
    qreal y = 0;
    for (QTextLine line = run.layout->createLine(); line.isValid(); line = run.layout->createLine()) {
        line.setLineWidth(run.width);
        line.setPosition(QPointF(0, y));
        y += run.advance;
    }
    run.layout->endLayout();
    return run;
}

// From the first line's top to the last line's bottom (no spacing after the last line).
qreal textHeight(const TextRun& run)
{
    return (std::max(1, run.layout->lineCount()) - 1) * run.advance + run.lineHeight;
}

// Draws the lines of `run` whose tops lie in [from, to) of its unit, with the unit's `from` at `at` on the page.
void drawLines(QPainter& painter, const TextRun& run, QPointF at, qreal from = 0, qreal to = kNoLimit)
{
    painter.setPen(run.color);
    for (int i = 0; i < run.layout->lineCount(); ++i) {
        const QTextLine line = run.layout->lineAt(i);
        const qreal top = run.origin.y() + line.y();
        if (top < from - kEpsilon || top >= to - kEpsilon) {
            continue;
        }
        line.draw(&painter, QPointF(at.x() + run.origin.x(), at.y() - from + run.origin.y()));
    }
}

QPen thinPen(const QColor& color, qreal width)
{
    QPen pen(color, width);
    pen.setCapStyle(Qt::FlatCap);
    return pen;
}

}  // namespace

DocumentLayout::DocumentLayout(const Document& document, const QPagedPaintDevice& device) : m_device(device)
{
    m_dpi = device.logicalDpiY() > 0 ? device.logicalDpiY() : 72;
    m_width = std::max(device.width(), 1);
    m_height = std::max(device.height(), 1);
    measurePage(document);
    measureBlocks(document);
    paginate();
}

DocumentLayout::~DocumentLayout() = default;

void DocumentLayout::measurePage(const Document& document)
{
    const Points pt {m_dpi};
    const QPaintDevice& device = m_device;

    // Header: the firm on the left, the marking on the right on the same baseline, then a rule.
    const QFont markingFont = makeFont(size::marking, true);
    const QFont firmFont = makeFont(size::firm, true);
    const qreal markingNatural = QFontMetricsF(markingFont, &device).horizontalAdvance(document.marking) + pt(1);
    const qreal markingWidth = std::min(markingNatural, m_width * kMarkingShare);
    m_marking = layText(document.marking, markingFont, markingWidth, device, ink::marking, Qt::AlignRight);
    m_firm = layText(document.firmName, firmFont, m_width - markingWidth - pt(12), device, ink::text);
    const qreal baselineShift = verticalMetrics(firmFont, m_dpi).ascent - verticalMetrics(markingFont, m_dpi).ascent;
    m_firm.origin = QPointF(0, std::max<qreal>(0, -baselineShift));
    m_marking.origin = QPointF(m_width - markingWidth, std::max<qreal>(0, baselineShift));
    qreal headerText = std::max(m_firm.origin.y() + textHeight(m_firm), m_marking.origin.y() + textHeight(m_marking));
    // The copy's status ("COPY FOR COUNSEL") as text under the marking: the diagonal watermark is drawn as outlines,
    // so that it stays out of the text layer (search, copy and paste, pdftotext, screen readers) and this says it.
    const QString copyNote = document.watermark.trimmed();
    if (!copyNote.isEmpty()) {
        m_copyNote = layText(copyNote, makeFont(size::copyNote, true), m_width * kMarkingShare, device, ink::subtle,
                             Qt::AlignRight);
        m_copyNote.origin = QPointF(m_width * (1 - kMarkingShare), headerText + pt(1.5));
        headerText = m_copyNote.origin.y() + textHeight(m_copyNote);
    }
    m_headerRuleY = headerText + pt(3.5);
    m_top = m_headerRuleY + pt(14);

    // Footer: a rule, the footer text on the left (wrapped clear of the page number), "Page N of M" on the right.
    const QFont footerFont = makeFont(size::footer);
    const qreal pageNumberWidth
        = QFontMetricsF(footerFont, &device).horizontalAdvance(QStringLiteral("Page 8888 of 8888"));
    m_footer = layText(document.footerText(), footerFont, m_width - pageNumberWidth - pt(12), device, ink::footer);
    m_footerRuleY = m_height - textHeight(m_footer) - pt(4);
    m_footer.origin = QPointF(0, m_footerRuleY + pt(4));
    m_bottom = std::max(m_footerRuleY - pt(12), m_top + pt(72));  // a page too small for the frame still terminates

    // First page: the title and subtitle under the header; they may never take more than half the body.
    m_title = layText(document.title, makeFont(size::title, true), m_width, device, ink::navy);
    m_title.origin = QPointF(0, m_top);
    qreal y = m_top + textHeight(m_title);
    if (!document.subtitle.isEmpty()) {
        m_subtitle = layText(document.subtitle, makeFont(size::subtitle), m_width, device, ink::subtle);
        m_subtitle.origin = QPointF(0, y + pt(4));
        y = m_subtitle.origin.y() + textHeight(m_subtitle);
    }
    m_titleClip = m_top + (m_bottom - m_top) / 2;
    m_firstTop = std::min(y + pt(18), m_titleClip);

    // Watermark: as large as fits along the diagonal of the body (down to a floor, then wrapped), as glyph outlines.
    if (!copyNote.isEmpty()) {
        QFont font = makeFont(size::watermark, true);
        const qreal angle = qDegreesToRadians(std::abs(kWatermarkDegrees));
        const qreal room = 0.8 * std::min(m_width / std::cos(angle), (m_bottom - m_top) / std::sin(angle));
        const qreal natural = QFontMetricsF(font, &device).horizontalAdvance(copyNote);
        if (natural > room) {
            font.setPointSizeF(std::max(size::watermarkSmallest, size::watermark * room / natural));
        }
        const TextRun run = layText(copyNote, font, room, device, ink::watermark, Qt::AlignHCenter);
        for (const QGlyphRun& glyphs : run.layout->glyphRuns()) {
            const QRawFont raw = glyphs.rawFont();
            const QList<quint32> indexes = glyphs.glyphIndexes();
            const QList<QPointF> positions = glyphs.positions();
            for (qsizetype i = 0; i < indexes.size() && i < positions.size(); ++i) {
                m_watermark.addPath(raw.pathForGlyph(indexes[i]).translated(positions[i]));
            }
        }
        m_watermark.translate(-m_watermark.boundingRect().center());
    }
}

void DocumentLayout::measureBlocks(const Document& document)
{
    const Points pt {m_dpi};
    const QPaintDevice& device = m_device;
    bool pendingBreak = false;
    bool afterHeading = false;
    bool afterParagraph = false;
    // Space between blocks: small under a heading, 6 pt between paragraphs, 9 pt between different kinds of block.
    const auto spaceBefore
        = [&](bool paragraph) { return afterHeading ? pt(2) : (paragraph && afterParagraph ? pt(6) : pt(9)); };

    for (int index = 0; index < static_cast<int>(document.blocks.size()); ++index) {
        const Block& block = document.blocks[static_cast<std::size_t>(index)];
        const std::size_t firstUnit = m_units.size();
        switch (block.kind) {
        case Block::Kind::Heading: {
            const bool major = block.level <= 1;
            Unit unit;
            unit.block = index;
            unit.keepWithNext = true;
            TextRun run = layText(block.text, makeFont(major ? size::heading1 : size::heading2, true), m_width, device,
                                  major ? ink::navy : ink::text);
            const qreal height = textHeight(run);
            if (major) {
                unit.decoration = Decoration::HeadingRule;
                unit.accent = ink::headingRule;
                unit.ruleY = height + pt(3);
                unit.height = unit.ruleY + pt(5);
                unit.spaceBefore = afterHeading ? pt(4) : pt(16);
            } else {
                unit.height = height + pt(4);
                unit.spaceBefore = afterHeading ? pt(3) : pt(11);
            }
            unit.runs.push_back(std::move(run));
            m_units.push_back(std::move(unit));
            break;
        }
        case Block::Kind::Paragraph: {
            Unit unit;
            unit.block = index;
            unit.splittable = true;
            unit.spaceBefore = spaceBefore(true);
            TextRun run
                = layText(block.text, makeFont(size::body), m_width, device, toneText(block.tone), Qt::AlignLeft, 1.12);
            unit.height = textHeight(run);
            const int lines = std::max(1, run.layout->lineCount());
            for (int i = 1; i < lines; ++i) {
                unit.lineBottoms.push_back(i * run.advance);
            }
            unit.lineBottoms.push_back(unit.height);
            unit.runs.push_back(std::move(run));
            m_units.push_back(std::move(unit));
            break;
        }
        case Block::Kind::Fields: {
            const QFont labelFont = makeFont(size::label, true);
            const QFont valueFont = makeFont(size::body);
            const qreal labelColumn = m_width * kLabelShare;
            const qreal pad = pt(2.5);
            const qreal shift = verticalMetrics(valueFont, m_dpi).ascent - verticalMetrics(labelFont, m_dpi).ascent;
            for (std::size_t i = 0; i < block.fields.size(); ++i) {
                const auto& [labelText, valueText] = block.fields[i];
                Unit unit;
                unit.block = index;
                unit.decoration = Decoration::Field;
                unit.accent = ink::fieldRule;
                unit.spaceBefore = i > 0 ? 0 : spaceBefore(false);
                TextRun label
                    = layText(labelText, labelFont, labelColumn - pt(12), device, ink::label, Qt::AlignLeft, 1.08);
                TextRun value
                    = layText(valueText, valueFont, m_width - labelColumn, device, ink::text, Qt::AlignLeft, 1.08);
                label.origin = QPointF(0, pad + std::max<qreal>(0, shift));
                value.origin = QPointF(labelColumn, pad + std::max<qreal>(0, -shift));
                unit.height
                    = std::max(label.origin.y() + textHeight(label), value.origin.y() + textHeight(value)) + pad;
                unit.runs.push_back(std::move(label));
                unit.runs.push_back(std::move(value));
                m_units.push_back(std::move(unit));
            }
            break;
        }
        case Block::Kind::Table: addTable(block, index, spaceBefore(false)); break;
        case Block::Kind::Notice: {
            const NoticeColours colours = noticeColours(block.tone);
            const qreal pad = pt(6.5);
            const qreal bar = pt(3);
            Unit unit;
            unit.block = index;
            unit.decoration = Decoration::Notice;
            unit.fill = colours.fill;
            unit.accent = colours.accent;
            unit.spaceBefore = afterHeading ? pt(4) : pt(9);
            TextRun run = layText(block.text, makeFont(size::notice), m_width - bar - pt(9) - pad, device, colours.text,
                                  Qt::AlignLeft, 1.12);
            run.origin = QPointF(bar + pt(9), pad);
            unit.height = textHeight(run) + 2 * pad;
            unit.runs.push_back(std::move(run));
            m_units.push_back(std::move(unit));
            break;
        }
        case Block::Kind::PageBreak: pendingBreak = true; break;
        }
        if (m_units.size() > firstUnit) {
            if (pendingBreak) {
                m_units[firstUnit].breakBefore = true;
                pendingBreak = false;
            }
            afterHeading = block.kind == Block::Kind::Heading;
            afterParagraph = block.kind == Block::Kind::Paragraph;
        }
    }
}

void DocumentLayout::addTable(const Block& block, int index, qreal space)
{
    const Points pt {m_dpi};
    const QPaintDevice& device = m_device;

    // Columns: as given; a table without columns gets one untitled column per cell.
    std::vector<Column> columns = block.columns;
    if (columns.empty()) {
        std::size_t cells = 1;
        for (const QStringList& row : block.rows) {
            cells = std::max(cells, static_cast<std::size_t>(row.size()));
        }
        columns.resize(cells);
    }
    qreal totalWeight = 0;
    for (const Column& column : columns) {
        totalWeight += std::isfinite(column.weight) && column.weight > 0 ? column.weight : 0;
    }
    std::vector<qreal> left;
    std::vector<qreal> width;
    qreal x = 0;
    for (const Column& column : columns) {
        const qreal weight = std::isfinite(column.weight) && column.weight > 0 ? column.weight : 0;
        const qreal share = totalWeight > 0 ? weight / totalWeight : 1.0 / static_cast<qreal>(columns.size());
        left.push_back(x);
        width.push_back(m_width * share);
        x += m_width * share;
    }

    const qreal padX = pt(4);
    const qreal padY = pt(3);
    const auto alignOf
        = [](const Column& column) { return column.align == Align::Right ? Qt::AlignRight : Qt::AlignLeft; };
    // One unit with a cell per column, each laid out in its column less the padding.
    const auto cellsUnit = [&](const QStringList& texts, const QFont& font, const QColor& colour, Unit& unit) {
        qreal tallest = 0;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const qsizetype at = static_cast<qsizetype>(c);
            TextRun run = layText(at < texts.size() ? texts.at(at) : QString(), font, width[c] - 2 * padX, device,
                                  colour, alignOf(columns[c]), 1.05);
            run.origin = QPointF(left[c] + padX, padY);
            tallest = std::max(tallest, textHeight(run));
            unit.runs.push_back(std::move(run));
        }
        unit.height = tallest + 2 * padY;
    };

    const bool hasHeader
        = std::any_of(columns.begin(), columns.end(), [](const Column& column) { return !column.title.isEmpty(); });
    int headerUnit = -1;
    if (hasHeader) {
        Unit header;
        header.block = index;
        header.row = -2;
        header.decoration = Decoration::TableHeader;
        header.fill = ink::tableHeaderFill;
        header.accent = ink::tableHeaderRule;
        header.keepWithNext = true;
        header.spaceBefore = space;
        QStringList titles;
        for (const Column& column : columns) {
            titles << column.title;
        }
        cellsUnit(titles, makeFont(size::table, true), ink::tableHeaderText, header);
        headerUnit = static_cast<int>(m_units.size());
        m_units.push_back(std::move(header));
    }

    if (block.rows.empty()) {
        Unit empty;
        empty.block = index;
        empty.decoration = Decoration::TableEmpty;
        empty.accent = ink::rowRule;
        empty.header = headerUnit;
        empty.spaceBefore = hasHeader ? 0 : space;
        TextRun run = layText(block.emptyText, makeFont(size::table + 0.5, false, true), m_width - 2 * padX, device,
                              ink::subtle);
        run.origin = QPointF(padX, pt(5));
        empty.height = textHeight(run) + pt(10);
        empty.runs.push_back(std::move(run));
        m_units.push_back(std::move(empty));
        return;
    }

    const QFont cellFont = makeFont(size::table);
    for (std::size_t r = 0; r < block.rows.size(); ++r) {
        Unit row;
        row.block = index;
        row.row = static_cast<int>(r);
        row.decoration = Decoration::TableRow;
        row.accent = ink::rowRule;
        row.header = headerUnit;
        if (r % 2 == 1) {
            row.fill = ink::zebra;
        }
        row.spaceBefore = (r == 0 && !hasHeader) ? space : 0;
        cellsUnit(block.rows[r], cellFont, ink::text, row);
        m_units.push_back(std::move(row));
    }
}

// The height a unit needs on the page it starts on: its own and, while each keeps with the next, the next one's,
// down to the first part of the last (two lines of a paragraph, a whole row). Spacing before `first` not included.
qreal DocumentLayout::chainNeed(int first) const
{
    const int count = static_cast<int>(m_units.size());
    qreal need = 0;
    for (int j = first; j < count; ++j) {
        const Unit& unit = m_units[static_cast<std::size_t>(j)];
        if (j > first) {
            need += unit.spaceBefore;
        }
        const bool chained
            = unit.keepWithNext && j + 1 < count && !m_units[static_cast<std::size_t>(j + 1)].breakBefore;
        need += chained ? unit.height : firstPart(unit);
        if (!chained) {
            break;
        }
    }
    return need;
}

// The smallest leading part of a unit that may end a page: two lines of a paragraph of four or more, the start of a
// unit taller than a page (which is split anyway), else all of it.
qreal DocumentLayout::firstPart(const Unit& unit) const
{
    if (unit.splittable && unit.lineBottoms.size() >= 4) {
        return unit.lineBottoms[1];
    }
    if (unit.height > freshAvailable(unit) + kEpsilon) {
        return std::min(unit.height, Points {m_dpi}(kSmallestPart));  // oversize: split anyway, so its start
    }
    return unit.height;
}

bool DocumentLayout::repeatsHeader(const Unit& unit) const
{
    // A header taller than a third of the body is not repeated (it would leave too little room for rows).
    return unit.header >= 0 && m_units[static_cast<std::size_t>(unit.header)].height <= (m_bottom - m_top) / 3;
}

// The room for `unit` at the top of a new (not the first) page, below a repeated table header if it gets one.
qreal DocumentLayout::freshAvailable(const Unit& unit) const
{
    const qreal header = repeatsHeader(unit) ? m_units[static_cast<std::size_t>(unit.header)].height : 0;
    return m_bottom - m_top - header;
}

// The lowest position in (from, limit] where the unit can be cut without cutting through a line, or -1.
// Paragraphs: between lines, and when `strict`, leaving at least two lines on each side of the cut (no widows or
// orphans). Other units (rows, pairs, notices) are only cut when they are taller than a page, and never `strict`.
qreal DocumentLayout::bestCut(const Unit& unit, qreal from, qreal limit, bool strict) const
{
    if (unit.splittable) {
        const int lines = static_cast<int>(unit.lineBottoms.size());
        const int above = static_cast<int>(std::count_if(unit.lineBottoms.begin(), unit.lineBottoms.end(),
                                                         [&](qreal b) { return b <= from + kEpsilon; }));
        for (int k = lines - 1; k >= 1; --k) {
            const qreal cut = unit.lineBottoms[static_cast<std::size_t>(k - 1)];
            if (cut <= from + kEpsilon) {
                break;
            }
            if (cut > limit + kEpsilon || (strict && (k - above < 2 || lines - k < 2))) {
                continue;
            }
            return cut;
        }
        return -1;
    }
    if (strict) {
        return -1;
    }
    // Any position that no line of any run straddles: a line's top, or where its box ends.
    std::vector<std::pair<qreal, qreal>> spans;  // top, bottom of each line's ink
    std::vector<qreal> candidates;
    for (const TextRun& run : unit.runs) {
        for (int i = 0; i < run.layout->lineCount(); ++i) {
            const QTextLine line = run.layout->lineAt(i);
            const qreal top = run.origin.y() + line.y();
            spans.emplace_back(top, top + run.lineHeight);
            candidates.push_back(top);
            candidates.push_back(top + run.advance);
        }
    }
    std::sort(spans.begin(), spans.end());
    std::vector<qreal> lowestBottom;  // the lowest bottom among spans[0..i]
    lowestBottom.reserve(spans.size());
    for (const auto& [top, bottom] : spans) {
        lowestBottom.push_back(lowestBottom.empty() ? bottom : std::max(lowestBottom.back(), bottom));
    }
    std::sort(candidates.begin(), candidates.end(), std::greater<>());
    for (const qreal cut : candidates) {
        if (cut > limit + kEpsilon) {
            continue;
        }
        if (cut <= from + kEpsilon) {
            break;
        }
        // Spans starting above the cut; if the lowest of their bottoms is below it, one straddles it.
        const auto end = std::lower_bound(spans.begin(), spans.end(), cut - kEpsilon,
                                          [](const std::pair<qreal, qreal>& span, qreal y) { return span.first < y; });
        const auto started = static_cast<std::size_t>(end - spans.begin());
        if (started == 0 || lowestBottom[started - 1] <= cut + kEpsilon) {
            return cut;
        }
    }
    return -1;
}

void DocumentLayout::paginate()
{
    m_pages.assign(1, Page {});
    qreal y = m_firstTop;
    bool content = false;  // anything but a repeated table header on the current page
    const Points pt {m_dpi};

    const auto place = [&](int unit, qreal from, qreal to, qreal gap, qreal inset, bool repeated) {
        const QRectF rect(0, y + gap, m_width, to - from + inset);
        m_pages.back().slices.push_back(Slice {unit, from, to, rect, inset, repeated});
        y = rect.bottom();
    };
    const auto startPage = [&](const Unit& unit) {
        m_pages.emplace_back();
        y = m_top;
        content = false;
        if (repeatsHeader(unit)) {
            place(unit.header, 0, m_units[static_cast<std::size_t>(unit.header)].height, 0, 0, true);
        }
    };

    for (int i = 0; i < static_cast<int>(m_units.size()); ++i) {
        const Unit& unit = m_units[static_cast<std::size_t>(i)];
        if (unit.breakBefore && content) {
            startPage(unit);
        }
        // Keep with next: move the whole chain if it does not fit here but would on a new page. (On a new page
        // the room is exactly freshAvailable, so this never moves a unit twice.)
        const qreal need = chainNeed(i);
        if ((content ? unit.spaceBefore : 0) + need > m_bottom - y + kEpsilon
            && need <= freshAvailable(unit) + kEpsilon) {
            startPage(unit);
        }
        // Place the unit, splitting it where it may be split. Each turn either places the rest, places a part,
        // or starts a page after which the rest fits or is oversize; an oversize rest always advances, so this ends.
        qreal pos = 0;
        for (;;) {
            const qreal gap = (content && pos == 0) ? unit.spaceBefore : 0;
            const qreal inset = (pos > 0 && !unit.splittable) ? pt(3) : 0;
            const qreal available = m_bottom - y - gap - inset;
            const qreal rest = unit.height - pos;
            if (rest <= available + kEpsilon) {
                place(i, pos, unit.height, gap, inset, false);
                content = true;
                break;
            }
            // A rest taller than a whole page is cut here (below its heading or table header) wherever no line is
            // cut, as long as a useful part fits; at the top of a page, through a line if it must.
            const bool oversize = rest > freshAvailable(unit) - inset + kEpsilon;
            qreal cut = unit.splittable ? bestCut(unit, pos, pos + available, true) : -1;
            if (cut < 0 && oversize) {
                cut = bestCut(unit, pos, pos + available, false);
                if (content && cut < pos + pt(kSmallestPart) / 2) {
                    cut = -1;
                } else if (cut < 0) {
                    cut = pos + std::max(available, pt(12));  // a single line taller than the page
                }
            }
            if (cut > pos + kEpsilon) {
                place(i, pos, cut, gap, inset, false);
                content = true;
                pos = cut;
            }
            startPage(unit);
        }
    }
}

Pagination DocumentLayout::pagination() const
{
    Pagination result;
    result.pages = pageCount();
    for (std::size_t page = 0; page < m_pages.size(); ++page) {
        for (const Slice& slice : m_pages[page].slices) {
            const Unit& unit = m_units[static_cast<std::size_t>(slice.unit)];
            result.pieces.push_back(
                PlacedPiece {unit.block, slice.repeatedHeader ? -2 : unit.row, static_cast<int>(page), slice.rect});
        }
    }
    return result;
}

void DocumentLayout::paintPage(QPainter& painter, int page) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const Page& current = m_pages[static_cast<std::size_t>(page)];
    // Shading first, then the watermark over the shading, then rules and text over both.
    for (const Slice& slice : current.slices) {
        paintBackground(painter, slice);
    }
    paintWatermark(painter);
    paintFrame(painter, page);
    for (const Slice& slice : current.slices) {
        paintForeground(painter, slice);
    }
    painter.restore();
}

void DocumentLayout::paintBackground(QPainter& painter, const Slice& slice) const
{
    const Unit& unit = m_units[static_cast<std::size_t>(slice.unit)];
    if (unit.fill.isValid()) {
        painter.fillRect(slice.rect, unit.fill);
    }
}

void DocumentLayout::paintForeground(QPainter& painter, const Slice& slice) const
{
    const Points pt {m_dpi};
    const Unit& unit = m_units[static_cast<std::size_t>(slice.unit)];
    const QRectF& rect = slice.rect;
    switch (unit.decoration) {
    case Decoration::HeadingRule:
        if (unit.ruleY >= slice.from && unit.ruleY < slice.to) {
            const qreal ruleY = rect.top() + slice.inset - slice.from + unit.ruleY;
            painter.setPen(thinPen(unit.accent, pt(0.75)));
            painter.drawLine(QPointF(rect.left(), ruleY), QPointF(rect.right(), ruleY));
        }
        break;
    case Decoration::TableHeader:
        painter.setPen(thinPen(unit.accent, pt(0.8)));
        painter.drawLine(rect.bottomLeft(), rect.bottomRight());
        break;
    case Decoration::TableRow:
    case Decoration::TableEmpty:
    case Decoration::Field:
        painter.setPen(thinPen(unit.accent, pt(0.4)));
        painter.drawLine(rect.bottomLeft(), rect.bottomRight());
        break;
    case Decoration::Notice: {
        QColor frame = unit.accent;
        frame.setAlpha(120);
        painter.setPen(thinPen(frame, pt(0.5)));
        painter.setBrush(Qt::NoBrush);
        const qreal half = pt(0.25);
        painter.drawRect(rect.adjusted(half, half, -half, -half));
        painter.fillRect(QRectF(rect.left(), rect.top(), pt(3), rect.height()), unit.accent);
        break;
    }
    case Decoration::None: break;
    }
    for (const TextRun& run : unit.runs) {
        drawLines(painter, run, QPointF(rect.left(), rect.top() + slice.inset), slice.from, slice.to);
    }
}

void DocumentLayout::paintWatermark(QPainter& painter) const
{
    if (m_watermark.isEmpty()) {
        return;
    }
    painter.save();
    painter.translate(m_width / 2, (m_top + m_bottom) / 2);
    painter.rotate(kWatermarkDegrees);
    painter.fillPath(m_watermark, ink::watermark);
    painter.restore();
}

void DocumentLayout::paintFrame(QPainter& painter, int page) const
{
    const Points pt {m_dpi};
    drawLines(painter, m_firm, QPointF(0, 0));
    drawLines(painter, m_marking, QPointF(0, 0));
    if (m_copyNote.layout) {
        drawLines(painter, m_copyNote, QPointF(0, 0));
    }
    painter.setPen(thinPen(ink::pageRule, pt(0.6)));
    painter.drawLine(QPointF(0, m_headerRuleY), QPointF(m_width, m_headerRuleY));

    if (page == 0) {
        drawLines(painter, m_title, QPointF(0, 0), 0, m_titleClip);
        if (m_subtitle.layout) {
            drawLines(painter, m_subtitle, QPointF(0, 0), 0, m_titleClip);
        }
    }

    painter.setPen(thinPen(ink::pageRule, pt(0.6)));
    painter.drawLine(QPointF(0, m_footerRuleY), QPointF(m_width, m_footerRuleY));
    drawLines(painter, m_footer, QPointF(0, 0));
    TextRun number = layText(QStringLiteral("Page %1 of %2").arg(page + 1).arg(pageCount()), makeFont(size::footer),
                             m_width, m_device, ink::footer, Qt::AlignRight);
    number.origin = m_footer.origin;
    drawLines(painter, number, QPointF(0, 0));
}

}  // namespace claimdesk::render
