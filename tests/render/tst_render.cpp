// The page renderer: tables broken into pages with their header repeated and no row split, headings kept with what
// follows, the frame (marking, footer, "Page N of M", watermark) on every page of the PDF as pdftotext reads it,
// oversize pieces, page setup, and atomic PDF files.

#include "render/DocumentPainter.h"

#include "ResultAsserts.h"

#include "reports/ReportDocument.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageRanges>
#include <QPageSize>
#include <QPdfWriter>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <map>

#include <sys/resource.h>

using namespace claimdesk;
using core::ErrorCode;
using core::reports::Align;
using core::reports::Block;
using core::reports::Column;
using core::reports::Document;
using core::reports::Tone;

namespace {

constexpr int kDpi = 300;

qreal mm(qreal millimetres)
{
    return millimetres * kDpi / 25.4;
}

Document firmDocument()
{
    Document d;
    d.firmName = QStringLiteral("Harlow & Pryce Solicitors LLP");
    d.marking = QStringLiteral("PRIVATE & CONFIDENTIAL — LEGALLY PRIVILEGED");
    d.title = QStringLiteral("Case summary");
    d.subtitle = QStringLiteral("HPS-2026-0042 · Copy for counsel");
    d.profileName = QStringLiteral("Counsel");
    d.printedBy = QStringLiteral("Alex Morgan");
    d.printedAtUtc = QDateTime(QDate(2026, 11, 27), QTime(14, 5), Qt::UTC);
    d.reference = QStringLiteral("HPS-2026-0042");
    return d;
}

std::vector<Column> deadlineColumns()
{
    return {{QStringLiteral("Due"), 1.2, Align::Left},
            {QStringLiteral("Deadline"), 3.0, Align::Left},
            {QStringLiteral("Party"), 1.6, Align::Left},
            {QStringLiteral("Amount"), 1.0, Align::Right}};
}

// Rows of a deadline table; every seventh row has a two-line cell so that rows differ in height.
std::vector<QStringList> deadlineRows(int count)
{
    std::vector<QStringList> rows;
    for (int i = 0; i < count; ++i) {
        QString deadline = QStringLiteral("Serve witness statement %1").arg(i);
        if (i % 7 == 3) {
            deadline += QStringLiteral(" — the court ordered exchange by 4 pm; the other side has agreed an extension "
                                       "in writing");
        }
        rows.push_back({QStringLiteral("%1 Dec 2026").arg(1 + i % 28), deadline,
                        i % 2 ? QStringLiteral("Claimant") : QStringLiteral("Defendant"),
                        QStringLiteral("£%1.00").arg(100 + i)});
    }
    return rows;
}

// The sample with every kind of block: what a person looks at, and what pdftotext must read back.
Document everyBlockDocument()
{
    Document d = firmDocument();
    d.watermark = QStringLiteral("COPY FOR COUNSEL");
    d.blocks.push_back(Block::heading(QStringLiteral("Client and case")));
    d.blocks.push_back(Block::fieldList({
        {QStringLiteral("Reference"), QStringLiteral("HPS-2026-0042")},
        {QStringLiteral("Client"), QStringLiteral("Jordan Ellis")},
        {QStringLiteral("Fee earner"), QStringLiteral("Priya Shah (FIELDMARKER7731)")},
        {QStringLiteral("Safe contact"),
         QStringLiteral("Mobile only, weekdays after 6 pm. Do not leave voicemail; do not write to the home address "
                        "while the client is living with the alleged abuser.")},
    }));
    d.blocks.push_back(Block::paragraph(QStringLiteral(
        "The client was injured in an assault on 3 March 2024 and reported it to the police the same "
        "night (PARAMARKER4410). A claim to the Criminal Injuries Compensation Authority was made within "
        "the two-year time limit; the civil claim against the landlord runs separately and is the "
        "subject of this summary.")));
    d.blocks.push_back(Block::notice(
        QStringLiteral("Limitation: the primary limitation period ends on 3 March 2027 (NOTICEMARKER2290). Issue "
                       "proceedings or agree a standstill before then."),
        Tone::Warning));
    d.blocks.push_back(Block::notice(QStringLiteral("Safeguarding: a serious risk was recorded. Speak to the "
                                                    "supervising solicitor before contacting the client."),
                                     Tone::Danger));
    d.blocks.push_back(Block::heading(QStringLiteral("Deadlines")));
    d.blocks.push_back(Block::heading(QStringLiteral("Open deadlines"), 2));
    std::vector<QStringList> rows = deadlineRows(120);
    rows[77][1] = QStringLiteral("Exchange expert reports (CELLMARKER5563)");
    d.blocks.push_back(Block::table(deadlineColumns(), rows, QStringLiteral("No open deadlines.")));
    d.blocks.push_back(Block::heading(QStringLiteral("Completed deadlines"), 2));
    d.blocks.push_back(
        Block::table(deadlineColumns(), {}, QStringLiteral("No completed deadlines (EMPTYMARKER8820).")));
    d.blocks.push_back(
        Block::paragraph(QStringLiteral("Dates for the trial window have not been fixed."), Tone::Warning));
    d.blocks.push_back(Block::paragraph(QStringLiteral("Counsel’s fee note is overdue."), Tone::Danger));
    d.blocks.push_back(Block::pageBreak());
    d.blocks.push_back(Block::heading(QStringLiteral("Notes withheld from this copy")));
    d.blocks.push_back(
        Block::notice(QStringLiteral("Three sensitive notes are not included in the copy for counsel."), Tone::Muted));
    d.blocks.push_back(Block::notice(QStringLiteral("This summary was prepared from the case file as it stood when it "
                                                    "was printed."),
                                     Tone::Normal));
    d.blocks.push_back(Block::paragraph(QStringLiteral("No further notes."), Tone::Muted));
    return d;
}

// A PDF writer set up as paint() sets it up (A4 portrait, 16 mm / 14 mm, 300 dpi), for paginate().
struct A4Writer {
    QBuffer buffer;
    QPdfWriter writer {&buffer};
    A4Writer()
    {
        buffer.open(QIODevice::WriteOnly);
        writer.setResolution(kDpi);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(14, 16, 14, 16),
                                         QPageLayout::Millimeter));
    }
};

render::Pagination paginateA4(const Document& document)
{
    A4Writer a4;
    return render::paginate(document, a4.writer);
}

std::vector<render::PlacedPiece> piecesOf(const render::Pagination& pagination, int block)
{
    std::vector<render::PlacedPiece> pieces;
    for (const render::PlacedPiece& piece : pagination.pieces) {
        if (piece.block == block) {
            pieces.push_back(piece);
        }
    }
    return pieces;
}

// Every piece inside the body of its page: below the header band, above the footer band, and no two overlapping.
void verifyInsideBodies(const render::Pagination& pagination, const QSizeF& pageRect)
{
    std::map<int, std::vector<QRectF>> byPage;
    for (const render::PlacedPiece& piece : pagination.pieces) {
        QVERIFY2(piece.page >= 0 && piece.page < pagination.pages, qPrintable(QString::number(piece.page)));
        QVERIFY2(piece.rect.left() >= 0 && piece.rect.right() <= pageRect.width() + 0.5,
                 qPrintable(QStringLiteral("block %1 row %2 sticks out sideways").arg(piece.block).arg(piece.row)));
        QVERIFY2(piece.rect.top() >= mm(8),
                 qPrintable(QStringLiteral("block %1 row %2 on page %3 is in the header (top %4)")
                                .arg(piece.block)
                                .arg(piece.row)
                                .arg(piece.page)
                                .arg(piece.rect.top())));
        QVERIFY2(piece.rect.bottom() <= pageRect.height() - mm(7),
                 qPrintable(QStringLiteral("block %1 row %2 on page %3 runs into the footer (bottom %4 of %5)")
                                .arg(piece.block)
                                .arg(piece.row)
                                .arg(piece.page)
                                .arg(piece.rect.bottom())
                                .arg(pageRect.height())));
        QVERIFY(piece.rect.height() > 0);
        byPage[piece.page].push_back(piece.rect);
    }
    for (auto& [page, rects] : byPage) {
        std::sort(rects.begin(), rects.end(), [](const QRectF& a, const QRectF& b) { return a.top() < b.top(); });
        for (std::size_t i = 1; i < rects.size(); ++i) {
            QVERIFY2(rects[i].top() >= rects[i - 1].bottom() - 0.5,
                     qPrintable(QStringLiteral("pieces overlap on page %1").arg(page)));
        }
    }
}

// The text of a PDF as `pdftotext -layout` reads it, one string per page.
QStringList pdfPages(const QByteArray& pdf)
{
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in.pdf"));
    const QString out = dir.filePath(QStringLiteral("out.txt"));
    QFile file(in);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size()) {
        return {};
    }
    file.close();
    QProcess process;
    process.start(QStandardPaths::findExecutable(QStringLiteral("pdftotext")),
                  {QStringLiteral("-layout"), QStringLiteral("-enc"), QStringLiteral("UTF-8"), in, out});
    if (!process.waitForFinished(120000) || process.exitCode() != 0) {
        return {};
    }
    QFile text(out);
    if (!text.open(QIODevice::ReadOnly)) {
        return {};
    }
    QStringList pages = QString::fromUtf8(text.readAll()).split(QLatin1Char('\f'));
    if (!pages.isEmpty() && pages.last().trimmed().isEmpty()) {
        pages.removeLast();  // pdftotext ends every page, the last one too, with a form feed
    }
    return pages;
}

#define SKIP_WITHOUT(tool)                                                                                             \
    if (QStandardPaths::findExecutable(QStringLiteral(tool)).isEmpty()) {                                              \
        QSKIP(tool " (poppler-utils) is not installed");                                                               \
    }

// A page's size in the PDF, in points ("/MediaBox [0 0 595.000000 842.000000]").
QRegularExpression mediaBox(int width, int height)
{
    return QRegularExpression(QStringLiteral("/MediaBox \\[0 0 %1(\\.0+)? %2(\\.0+)?\\]").arg(width).arg(height));
}

// With CLAIMDESK_RENDER_SAMPLE_DIR set, also writes the document there as NAME.pdf for a person to look at.
void writeSample(const Document& document, const QString& name)
{
    if (const QByteArray dir = qgetenv("CLAIMDESK_RENDER_SAMPLE_DIR"); !dir.isEmpty()) {
        QVERIFY_OK(render::writePdf(document, QDir(QString::fromLocal8Bit(dir)).filePath(name + QStringLiteral(".pdf")),
                                    true));
    }
}

QString fileText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

}  // namespace

class RenderTest : public QObject {
    Q_OBJECT

private slots:
    void longTableRepeatsHeaderAndNeverSplitsARow();
    void headingMovesToTheNextPageWithItsTable();
    void pdfHasFrameOnEveryPageAndEveryBlockAsText();
    void pdfMetadataNamesTitleAndReferenceOnly();
    void writePdfNeverOverwritesUnlessAsked();
    void writePdfIntoMissingFolderLeavesNothing();
    void writePdfIntoReadOnlyFolderLeavesNothing();
    void writePdfThatFailsHalfwayKeepsTheOldFile();
    void oversizeParagraphBreaksAcrossPagesByLines();
    void oversizeTableRowIsSplitNotLost();
    void keepPageSetupKeepsTheCallersLetterPage();
    void defaultPageSetupIsA4();
    void pageRangesPaintOnlyThoseWithTheWholeCount();
    void painterThatCannotBeginIsAnError();
    void emptyDocumentIsOnePage();
    void sameBreaksAtEveryResolution_data();
    void sameBreaksAtEveryResolution();
};

void RenderTest::longTableRepeatsHeaderAndNeverSplitsARow()
{
    Document document = firmDocument();
    document.blocks.push_back(Block::heading(QStringLiteral("Deadlines")));
    document.blocks.push_back(Block::table(deadlineColumns(), deadlineRows(300), QStringLiteral("No deadlines.")));
    A4Writer a4;
    const render::Pagination pagination = render::paginate(document, a4.writer);
    QVERIFY2(pagination.pages >= 4, qPrintable(QString::number(pagination.pages)));
    verifyInsideBodies(pagination, QSizeF(a4.writer.width(), a4.writer.height()));

    // Every row exactly once, in order, each wholly on one page.
    const std::vector<render::PlacedPiece> table = piecesOf(pagination, 1);
    int nextRow = 0;
    int lastPage = 0;
    std::map<int, int> firstPieceRowByPage;
    for (const render::PlacedPiece& piece : table) {
        firstPieceRowByPage.try_emplace(piece.page, piece.row);
        QVERIFY(piece.page >= lastPage);
        lastPage = piece.page;
        if (piece.row >= 0) {
            QCOMPARE(piece.row, nextRow);
            ++nextRow;
        }
    }
    QCOMPARE(nextRow, 300);

    // The header starts the table and starts every page the table continues on, above that page's rows.
    const int firstPage = table.front().page;
    QCOMPARE(table.front().row, -2);
    QCOMPARE(lastPage, pagination.pages - 1);
    for (int page = firstPage + 1; page <= lastPage; ++page) {
        QVERIFY2(firstPieceRowByPage.count(page) == 1, qPrintable(QStringLiteral("no rows on page %1").arg(page)));
        QVERIFY2(
            firstPieceRowByPage[page] == -2,
            qPrintable(
                QStringLiteral("page %1 starts with row %2, not the header").arg(page).arg(firstPieceRowByPage[page])));
    }
    const auto headers
        = std::count_if(table.begin(), table.end(), [](const render::PlacedPiece& p) { return p.row == -2; });
    QCOMPARE(headers, static_cast<std::ptrdiff_t>(lastPage - firstPage + 1));

    // Rows on a page are stacked in order without gaps bigger than a rule.
    for (std::size_t i = 1; i < table.size(); ++i) {
        if (table[i].page == table[i - 1].page) {
            QVERIFY(qAbs(table[i].rect.top() - table[i - 1].rect.bottom()) < 1.0);
        }
    }

    // paint() lays out the same way.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kDpi);
    const core::Result<int> painted = render::paint(document, writer);
    QVERIFY_OK(painted);
    QCOMPARE(painted.value(), pagination.pages);
}

void RenderTest::headingMovesToTheNextPageWithItsTable()
{
    // One-line paragraphs push a heading and its table down the first page, one line at a time, until the heading
    // and the table's first row no longer fit together.
    const auto build = [](int fillers) {
        Document document = firmDocument();
        for (int i = 0; i < fillers; ++i) {
            document.blocks.push_back(Block::paragraph(QStringLiteral("Attendance note %1.").arg(i)));
        }
        document.blocks.push_back(Block::heading(QStringLiteral("Open deadlines")));
        document.blocks.push_back(Block::table(deadlineColumns(), deadlineRows(5), QStringLiteral("None.")));
        return document;
    };
    struct Where {
        render::PlacedPiece heading;
        render::PlacedPiece header;
        render::PlacedPiece firstRow;
        render::PlacedPiece lastFiller;
    };
    const auto locate = [](const render::Pagination& pagination, int fillers) {
        Where where;
        for (const render::PlacedPiece& piece : pagination.pieces) {
            if (piece.block == fillers) {
                where.heading = piece;
            } else if (piece.block == fillers + 1 && piece.row == -2 && where.header.block < 0) {
                where.header = piece;
            } else if (piece.block == fillers + 1 && piece.row == 0) {
                where.firstRow = piece;
            } else if (piece.block == fillers - 1) {
                where.lastFiller = piece;
            }
        }
        return where;
    };

    Where before;
    int moved = 0;
    for (int fillers = 1; fillers < 200 && moved == 0; ++fillers) {
        const render::Pagination pagination = paginateA4(build(fillers));
        const Where where = locate(pagination, fillers);
        QCOMPARE(where.heading.page, where.firstRow.page);
        QCOMPARE(where.header.page, where.firstRow.page);
        if (where.heading.page == 1) {
            moved = fillers;
            QVERIFY2(fillers > 1, "the heading and its table never fitted on the first page");
            // The fillers still end on the first page: the heading itself moved.
            QCOMPARE(where.lastFiller.page, 0);
            // And it moved although it alone would have fitted: with one filler fewer it sat lower than its table's
            // first row by more than one filler line.
            const qreal fillerStep = where.lastFiller.rect.bottom() - before.lastFiller.rect.bottom();
            QVERIFY(fillerStep > 0);
            QVERIFY2(before.heading.rect.bottom() + fillerStep <= before.firstRow.rect.bottom(),
                     "the test never put the heading at the bottom of the page on its own");
            // It heads the next page.
            for (const render::PlacedPiece& piece : pagination.pieces) {
                if (piece.page == 1) {
                    QVERIFY(piece.rect.top() >= where.heading.rect.top());
                }
            }
        }
        before = where;
    }
    QVERIFY2(moved > 0, "the heading never reached the end of the first page");
}

void RenderTest::pdfHasFrameOnEveryPageAndEveryBlockAsText()
{
    SKIP_WITHOUT("pdftotext");
    const Document document = everyBlockDocument();
    const core::Result<QByteArray> pdf = render::pdfBytes(document);
    QVERIFY_OK(pdf);
    QVERIFY(pdf->startsWith("%PDF-"));
    writeSample(document, QStringLiteral("sample"));

    const int pages = paginateA4(document).pages;
    QVERIFY2(pages >= 3, qPrintable(QString::number(pages)));
    const QStringList text = pdfPages(pdf.value());
    QCOMPARE(text.size(), pages);
    const QString footer = document.footerText();
    for (int page = 0; page < pages; ++page) {
        const QString onPage = text[page].simplified();
        const auto where = QStringLiteral(" on page %1: %2").arg(page + 1).arg(onPage.left(400));
        QVERIFY2(onPage.contains(QStringLiteral("Page %1 of %2").arg(page + 1).arg(pages)),
                 qPrintable(QStringLiteral("page number") + where));
        QVERIFY2(onPage.contains(document.marking), qPrintable(QStringLiteral("marking") + where));
        QVERIFY2(onPage.contains(document.firmName), qPrintable(QStringLiteral("firm") + where));
        QVERIFY2(onPage.contains(footer), qPrintable(QStringLiteral("footer") + where));
        QVERIFY2(onPage.contains(document.watermark), qPrintable(QStringLiteral("watermark") + where));
    }
    QVERIFY(text[0].contains(document.title));
    QVERIFY(text[0].contains(document.subtitle));
    QVERIFY(!text[1].contains(document.subtitle));
    const QString all = text.join(QLatin1Char('\n'));
    for (const char* marker : {"FIELDMARKER7731", "PARAMARKER4410", "NOTICEMARKER2290", "CELLMARKER5563",
                               "EMPTYMARKER8820", "Jordan Ellis", "Serve witness statement 119", "£219.00"}) {
        QVERIFY2(all.contains(QString::fromUtf8(marker)), marker);
    }
    // Searchable as typed: no ligature characters (U+FB00-FB06) in place of "fi", "fl"…
    QVERIFY2(!all.contains(QRegularExpression(QStringLiteral("[\\x{FB00}-\\x{FB06}]"))), "ligatures in the text layer");
    // The page break: the last heading starts the last page.
    QVERIFY(text.last().contains(QStringLiteral("Notes withheld from this copy")));
    QVERIFY(!text[pages - 2].contains(QStringLiteral("Notes withheld from this copy")));
}

void RenderTest::pdfMetadataNamesTitleAndReferenceOnly()
{
    SKIP_WITHOUT("pdfinfo");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("summary.pdf"));
    QVERIFY_OK(render::writePdf(everyBlockDocument(), path));
    QProcess process;
    process.start(QStandardPaths::findExecutable(QStringLiteral("pdfinfo")), {path});
    QVERIFY(process.waitForFinished(60000));
    const QString info = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(info.contains(QRegularExpression(QStringLiteral("^Title: +Case summary HPS-2026-0042$"),
                                              QRegularExpression::MultilineOption)),
             qPrintable(info));
    QVERIFY2(
        info.contains(QRegularExpression(QStringLiteral("^Creator: +ClaimDesk$"), QRegularExpression::MultilineOption)),
        qPrintable(info));
    QVERIFY2(!info.contains(QStringLiteral("Jordan")), qPrintable(info));
    QVERIFY2(info.contains(QStringLiteral("(A4)")), qPrintable(info));
}

void RenderTest::writePdfNeverOverwritesUnlessAsked()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("summary.pdf"));
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("keep me");
    existing.close();

    const core::Result<int> refused = render::writePdf(everyBlockDocument(), path);
    QCOMPARE_ERROR(refused, ErrorCode::AlreadyExists);
    QVERIFY2(refused.error().message.contains(QDir::toNativeSeparators(path)), qPrintable(refused.error().message));
    QCOMPARE(fileText(path), QStringLiteral("keep me"));

    const core::Result<int> replaced = render::writePdf(everyBlockDocument(), path, true);
    QVERIFY_OK(replaced);
    QCOMPARE(replaced.value(), paginateA4(everyBlockDocument()).pages);
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(written.readAll().startsWith("%PDF-"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList {QStringLiteral("summary.pdf")});
}

void RenderTest::writePdfIntoMissingFolderLeavesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no-such-folder/summary.pdf"));
    const core::Result<int> result = render::writePdf(everyBlockDocument(), path);
    QCOMPARE_ERROR(result, ErrorCode::NotFound);
    QVERIFY2(result.error().message.contains(QStringLiteral("does not exist")), qPrintable(result.error().message));
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
}

void RenderTest::writePdfIntoReadOnlyFolderLeavesNothing()
{
    QTemporaryDir dir;
    QString folder = dir.filePath(QStringLiteral("read-only"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    const auto restore = qScopeGuard([&] {
        QFile::setPermissions(dir.filePath(QStringLiteral("read-only")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    });
    QFile probe(QDir(folder).filePath(QStringLiteral("probe")));
    if (probe.open(QIODevice::WriteOnly)) {
        // Running as root, who may write anywhere on disk: /proc refuses new files even to root.
        probe.remove();
        if (!QFileInfo(QStringLiteral("/proc")).isDir()) {
            QSKIP("this user can write into read-only folders, and there is no /proc");
        }
        folder = QStringLiteral("/proc");
    }
    const QString path = QDir(folder).filePath(QStringLiteral("claimdesk-render-summary.pdf"));
    const core::Result<int> result = render::writePdf(everyBlockDocument(), path);
    QCOMPARE_ERROR(result, ErrorCode::IoError);
    QVERIFY2(result.error().message.contains(QStringLiteral("Choose a folder you can write to")),
             qPrintable(result.error().message));
    QVERIFY(!QFileInfo::exists(path));
    if (folder != QStringLiteral("/proc")) {
        QVERIFY(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
    }
}

void RenderTest::writePdfThatFailsHalfwayKeepsTheOldFile()
{
    // A file size limit makes the writes fail part way through the PDF, as a full disk would.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("summary.pdf"));
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("the previous summary");
    existing.close();

    rlimit before {};
    QVERIFY(getrlimit(RLIMIT_FSIZE, &before) == 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = before;
    small.rlim_cur = 8 * 1024;
    QVERIFY(setrlimit(RLIMIT_FSIZE, &small) == 0);
    const core::Result<int> result = render::writePdf(everyBlockDocument(), path, true);
    setrlimit(RLIMIT_FSIZE, &before);
    std::signal(SIGXFSZ, previousHandler);

    QVERIFY2(!result.ok(), "a PDF larger than the file size limit was reported as written");
    QCOMPARE(core::errorCodeName(result.error().code), core::errorCodeName(ErrorCode::DiskFull));
    QVERIFY2(result.error().message.contains(QStringLiteral("no partial file was left")),
             qPrintable(result.error().message));
    QCOMPARE(fileText(path), QStringLiteral("the previous summary"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList {QStringLiteral("summary.pdf")});
}

void RenderTest::oversizeParagraphBreaksAcrossPagesByLines()
{
    SKIP_WITHOUT("pdftotext");
    QStringList lines;
    for (int i = 1; i <= 400; ++i) {
        lines << QStringLiteral("Line %1 of the transcript: alpha%1 beta%1 gamma%1.").arg(i);
    }
    Document document = firmDocument();
    document.blocks.push_back(Block::paragraph(QStringLiteral("Before the transcript.")));
    document.blocks.push_back(Block::paragraph(lines.join(QLatin1Char('\n'))));
    document.blocks.push_back(Block::paragraph(QStringLiteral("After the transcript (AFTERMARKER).")));

    A4Writer a4;
    const render::Pagination pagination = render::paginate(document, a4.writer);
    verifyInsideBodies(pagination, QSizeF(a4.writer.width(), a4.writer.height()));
    const std::vector<render::PlacedPiece> parts = piecesOf(pagination, 1);
    QVERIFY2(parts.size() >= 5, qPrintable(QString::number(parts.size())));
    for (std::size_t i = 0; i < parts.size(); ++i) {
        QCOMPARE(parts[i].page, parts.front().page + static_cast<int>(i));  // one part per page, no page skipped
    }

    writeSample(document, QStringLiteral("oversize-paragraph"));
    const core::Result<QByteArray> pdf = render::pdfBytes(document);
    QVERIFY_OK(pdf);
    const QStringList text = pdfPages(pdf.value());
    QCOMPARE(text.size(), pagination.pages);
    const QString all = text.join(QLatin1Char('\n'));
    for (int i = 1; i <= 400; ++i) {
        const QString word = QStringLiteral("alpha%1 beta%1 gamma%1.").arg(i);
        QVERIFY2(all.count(word) == 1, qPrintable(word));
    }
    QVERIFY(all.contains(QStringLiteral("AFTERMARKER")));
}

void RenderTest::oversizeTableRowIsSplitNotLost()
{
    SKIP_WITHOUT("pdftotext");
    QStringList lines;
    for (int i = 1; i <= 300; ++i) {
        lines << QStringLiteral("cellline%1").arg(i);
    }
    Document document = firmDocument();
    document.blocks.push_back(Block::table(deadlineColumns(),
                                           {{QStringLiteral("1 Dec 2026"), lines.join(QLatin1Char('\n')),
                                             QStringLiteral("Claimant"), QStringLiteral("£1.00")},
                                            {QStringLiteral("2 Dec 2026"), QStringLiteral("NEXTROWMARKER"),
                                             QStringLiteral("Defendant"), QStringLiteral("£2.00")}},
                                           QStringLiteral("None.")));
    A4Writer a4;
    const render::Pagination pagination = render::paginate(document, a4.writer);
    verifyInsideBodies(pagination, QSizeF(a4.writer.width(), a4.writer.height()));
    std::vector<int> rowPages;
    for (const render::PlacedPiece& piece : pagination.pieces) {
        if (piece.row == 0) {
            rowPages.push_back(piece.page);
        }
    }
    QVERIFY2(rowPages.size() >= 3, qPrintable(QString::number(rowPages.size())));
    // It starts right under the table's header rather than leaving the header alone at the foot of a page.
    QCOMPARE(pagination.pieces.front().row, -2);
    QCOMPARE(rowPages.front(), pagination.pieces.front().page);
    for (std::size_t i = 1; i < rowPages.size(); ++i) {
        QCOMPARE(rowPages[i], rowPages[i - 1] + 1);
    }
    writeSample(document, QStringLiteral("oversize-row"));

    const core::Result<QByteArray> pdf = render::pdfBytes(document);
    QVERIFY_OK(pdf);
    const QString all = pdfPages(pdf.value()).join(QLatin1Char('\n'));
    for (int i = 1; i <= 300; ++i) {
        const QRegularExpression word(QStringLiteral("\\bcellline%1\\b").arg(i));
        QVERIFY2(all.count(word) == 1, qPrintable(word.pattern()));
    }
    QVERIFY(all.contains(QStringLiteral("NEXTROWMARKER")));
}

void RenderTest::keepPageSetupKeepsTheCallersLetterPage()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(kDpi);
        writer.setPageSize(QPageSize(QPageSize::Letter));
        writer.setPageMargins(QMarginsF(25.4, 25.4, 25.4, 25.4), QPageLayout::Millimeter);
        const core::Result<int> pages = render::paint(everyBlockDocument(), writer, true);
        QVERIFY_OK(pages);
        QCOMPARE(writer.pageLayout().pageSize().id(), QPageSize::Letter);
        QCOMPARE(writer.pageLayout().margins(QPageLayout::Millimeter), QMarginsF(25.4, 25.4, 25.4, 25.4));
    }
    QVERIFY2(QString::fromLatin1(buffer.data()).contains(mediaBox(612, 792)), "the PDF's pages are not US Letter");
}

void RenderTest::defaultPageSetupIsA4()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(kDpi);
        writer.setPageSize(QPageSize(QPageSize::Letter));
        QVERIFY_OK(render::paint(everyBlockDocument(), writer));
        QCOMPARE(writer.pageLayout().pageSize().id(), QPageSize::A4);
        QCOMPARE(writer.pageLayout().orientation(), QPageLayout::Portrait);
        QCOMPARE(writer.pageLayout().margins(QPageLayout::Millimeter), QMarginsF(14, 16, 14, 16));
    }
    QVERIFY2(QString::fromLatin1(buffer.data()).contains(mediaBox(595, 842)), "the PDF's pages are not A4");
}

void RenderTest::pageRangesPaintOnlyThoseWithTheWholeCount()
{
    SKIP_WITHOUT("pdftotext");
    const Document document = everyBlockDocument();
    const int pages = paginateA4(document).pages;
    QVERIFY(pages >= 3);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(kDpi);
        QPageRanges ranges;
        ranges.addPage(2);
        ranges.addPage(3);
        writer.setPageRanges(ranges);
        const core::Result<int> painted = render::paint(document, writer);
        QVERIFY_OK(painted);
        QCOMPARE(painted.value(), pages);
    }
    const QStringList text = pdfPages(buffer.data());
    QCOMPARE(text.size(), 2);
    QVERIFY(text[0].contains(QStringLiteral("Page 2 of %1").arg(pages)));
    QVERIFY(text[1].contains(QStringLiteral("Page 3 of %1").arg(pages)));
}

void RenderTest::painterThatCannotBeginIsAnError()
{
    QTemporaryDir dir;
    QPdfWriter writer(dir.filePath(QStringLiteral("no-such-folder/out.pdf")));
    QCOMPARE_ERROR(render::paint(everyBlockDocument(), writer), ErrorCode::IoError);
}

void RenderTest::emptyDocumentIsOnePage()
{
    Document document = firmDocument();
    QCOMPARE(paginateA4(document).pages, 1);
    QVERIFY(paginateA4(document).pieces.empty());
    const core::Result<QByteArray> pdf = render::pdfBytes(document);
    QVERIFY_OK(pdf);
    QVERIFY(pdf->startsWith("%PDF-"));
}

void RenderTest::sameBreaksAtEveryResolution_data()
{
    QTest::addColumn<int>("dpi");
    QTest::addRow("150 dpi, a draft printer") << 150;
    QTest::addRow("600 dpi, a laser printer") << 600;
    QTest::addRow("1200 dpi, QPrinter::HighResolution and QPdfWriter's default") << 1200;
}

void RenderTest::sameBreaksAtEveryResolution()
{
    QFETCH(int, dpi);
    const Document document = everyBlockDocument();
    const render::Pagination reference = paginateA4(document);
    A4Writer other;
    other.writer.setResolution(dpi);
    const render::Pagination pagination = render::paginate(document, other.writer);
    QCOMPARE(pagination.pages, reference.pages);
    QCOMPARE(pagination.pieces.size(), reference.pieces.size());
    const qreal scale = qreal(dpi) / kDpi;
    for (std::size_t i = 0; i < reference.pieces.size(); ++i) {
        QCOMPARE(pagination.pieces[i].block, reference.pieces[i].block);
        QCOMPARE(pagination.pieces[i].row, reference.pieces[i].row);
        QCOMPARE(pagination.pieces[i].page, reference.pieces[i].page);
        QVERIFY2(qAbs(pagination.pieces[i].rect.top() / scale - reference.pieces[i].rect.top()) < mm(1),
                 qPrintable(QStringLiteral("piece %1 at %2 mm, at %3 dpi at %4 mm")
                                .arg(i)
                                .arg(reference.pieces[i].rect.top() / mm(1))
                                .arg(dpi)
                                .arg(pagination.pieces[i].rect.top() / scale / mm(1))));
    }
}

QTEST_MAIN(RenderTest)
#include "tst_render.moc"
