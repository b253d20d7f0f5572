// claimdesk-bench --reports N
//
//   1. A demo vault of N fictional cases with its therapy fund (a child process, as --cases: DemoVault::create;
//      every case's deadlines are computed when it is made).
//   2. Unlocked as demo-supervisor (every report is open to a supervisor), each firm report built by
//      FirmReports::build as of today (the demo's therapy fund is dated up to today): the whole team's diary for
//      the next 28 days, the caseload, limitation risk and this fund year's therapy fund position. The first build
//      (cold page cache; it also runs DeadlineService::refreshStale, which finds nothing stale in a fresh demo vault)
//      and then the median and worst of 5 more; each document's CSV (toCsv) timed the same way.
//   3. Each document written as an A4 PDF by render/ ("pdfMs"), and the first build + CSV + PDF together.
// Target (issue 6): a 200-case report renders in under 5 s; reports over thousands of cases must be fine.

#include "ReportsBenchmark.h"

#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "demo/DemoCases.h"
#include "demo/DemoVault.h"
#include "reports/FirmReports.h"
#include "render/DocumentPainter.h"
#include "reports/ReportDocument.h"
#include "store/Crypto.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <vector>

namespace claimdesk::bench {

namespace {

using namespace claimdesk::core;

constexpr int kRuns = 5;  // after the first build

[[noreturn]] void fatal(const QString& message)
{
    std::fprintf(stderr, "claimdesk-bench: %s\n", message.toUtf8().constData());
    std::exit(1);
}

double ms(const QElapsedTimer& timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

double rounded(double value, int decimals = 2)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

// The time to write `document` as a PDF with render/ (into a new file in `dir`), in milliseconds; null when it failed.
std::optional<double> renderPdfMs(const reports::Document& document, const QString& dir)
{
    static int n = 0;
    const QString path = QDir(dir).filePath(QStringLiteral("report-%1.pdf").arg(++n));
    QElapsedTimer timer;
    timer.start();
    auto pages = render::writePdf(document, path, /*overwrite=*/true);
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    QFile::remove(path);
    if (!pages) {
        return std::nullopt;
    }
    return ms;
}

int tableRows(const reports::Document& document, bool firstOnly)
{
    int rows = 0;
    for (const reports::Block& b : document.blocks) {
        if (b.kind == reports::Block::Kind::Table) {
            rows += static_cast<int>(b.rows.size());
            if (firstOnly) {
                break;
            }
        }
    }
    return rows;
}

}  // namespace

int runReportsBenchmark(int cases, const QString& baseDir)
{
    if (!crypto::initialise()) {
        fatal(QStringLiteral("libsodium could not start"));
    }
    QTemporaryDir dir(baseDir.isEmpty() ? QString() : baseDir + QStringLiteral("/claimdesk-bench-XXXXXX"));
    if (!dir.isValid()) {
        fatal(QStringLiteral("cannot create a working folder: %1").arg(dir.errorString()));
    }
    const QString path = dir.filePath(DemoVault::fileName());

    // 1. The demo vault, made by a child process.
    QElapsedTimer timer;
    timer.start();
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--internal-make-demo"), path, QString::number(cases)});
    if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        fatal(
            QStringLiteral("creating the demo vault failed: %1").arg(QString::fromUtf8(child.readAllStandardError())));
    }
    const double makeMs = ms(timer);

    // 2. The reports, as the demo supervisor.
    VaultOptions options;
    options.kdf = KdfProfile::interactive();
    options.cacheKiB = VaultOptions::kDesktopCacheKiB;  // the desktop app's cache: reports are printed from the GUI
    options.throttleStateFile = QDir(dir.path()).filePath(QStringLiteral("unlock-attempts.json"));
    auto vault = Vault::unlock(path, DemoCases::kSupervisor, DemoVault::passphrase().toUtf8(), options);
    if (!vault) {
        fatal(vault.error().message);
    }
    CaseService caseService(**vault);
    deadlines::DeadlineService deadlineService(**vault, caseService);
    therapy::TherapyService therapyService(**vault, caseService, deadlineService);
    reports::FirmReports firmReports(**vault, caseService, deadlineService, therapyService);
    const QDate asOf = (*vault)->now().toLocalTime().date();

    QJsonObject perReport;
    double firstTotalMs = 0;
    double worstFirstMs = 0;
    for (const reports::ReportKind kind : {reports::ReportKind::Diary, reports::ReportKind::Caseload,
                                           reports::ReportKind::LimitationRisk, reports::ReportKind::TherapyFund}) {
        reports::ReportRequest request;
        request.kind = kind;
        request.asOf = asOf;
        std::vector<double> buildMs;
        std::vector<double> csvMs;
        double firstMs = 0;
        double firstCsvMs = 0;
        qint64 csvBytes = 0;
        std::optional<reports::Document> last;
        for (int run = 0; run <= kRuns; ++run) {
            timer.start();
            auto built = firmReports.build(request);
            if (!built) {
                fatal(QStringLiteral("%1: %2").arg(reports::reportKindId(kind), built.error().message));
            }
            const double buildTime = ms(timer);
            timer.start();
            const QByteArray csv = reports::toCsv(*built);
            const double csvTime = ms(timer);
            csvBytes = csv.size();
            if (run == 0) {
                firstMs = buildTime;
                firstCsvMs = csvTime;
            } else {
                buildMs.push_back(buildTime);
                csvMs.push_back(csvTime);
            }
            last = std::move(*built);
        }
        const std::optional<double> pdfMs = renderPdfMs(*last, dir.path());
        firstTotalMs += firstMs + firstCsvMs + pdfMs.value_or(0.0);
        worstFirstMs = std::max(worstFirstMs, firstMs + firstCsvMs + pdfMs.value_or(0.0));
        perReport.insert(
            reports::reportKindId(kind),
            QJsonObject {{QStringLiteral("firstBuildMs"), rounded(firstMs)},
                         {QStringLiteral("medianBuildMs"), rounded(median(buildMs))},
                         {QStringLiteral("worstBuildMs"), rounded(*std::max_element(buildMs.begin(), buildMs.end()))},
                         {QStringLiteral("firstCsvMs"), rounded(firstCsvMs)},
                         {QStringLiteral("medianCsvMs"), rounded(median(csvMs))},
                         {QStringLiteral("csvBytes"), csvBytes},
                         {QStringLiteral("pdfMs"), pdfMs ? QJsonValue(rounded(*pdfMs)) : QJsonValue()},
                         {QStringLiteral("mainTableRows"), tableRows(*last, true)},
                         {QStringLiteral("allTableRows"), tableRows(*last, false)}});
    }
    (*vault)->lock();

    const QJsonObject report {
        {QStringLiteral("mode"), QStringLiteral("reports")},
        {QStringLiteral("cases"), cases},
        {QStringLiteral("cpus"), QThread::idealThreadCount()},
        {QStringLiteral("buildType"), QStringLiteral(CLAIMDESK_BUILD_TYPE)},
        {QStringLiteral("asOf"), asOf.toString(Qt::ISODate)},
        {QStringLiteral("makeDemoVaultMs"), rounded(makeMs, 0)},
        {QStringLiteral("reports"), perReport},
        {QStringLiteral("firstRunAllFourMs"), rounded(firstTotalMs)},
        {QStringLiteral("worstFirstRunMs"), rounded(worstFirstMs)},
        {QStringLiteral("targetMs"), 5000},
        {QStringLiteral("note"),
         QStringLiteral("FirmReports::build as demo-supervisor (diary: whole team, next 28 days), then toCsv; first "
                        "run cold, then median/worst of %1; pdfMs: render::writePdf of the document (A4, 300 dpi); "
                        "worstFirstRunMs: the slowest report's first build + CSV + PDF.")
             .arg(kRuns)},
    };
    std::printf("%s", QJsonDocument(report).toJson(QJsonDocument::Indented).constData());
    return 0;
}

}  // namespace claimdesk::bench
