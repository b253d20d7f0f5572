// claimdesk-bench --cases N: what a caseworker waits for, on a demo vault of N fictional cases.
//
//   1. A child process (claimdesk-bench --internal-make-demo) creates the demo vault with DemoVault::create
//      (Argon2id INTERACTIVE, as the GUI's demo; the cases through DemoCases' bulk path), so the memory it
//      uses does not count towards this process's peak RSS.
//   2. Unlock to a populated list: Vault::unlock as demo-solicitor + CaseService::list + a first search
//      (the FTS index read and ready), each timed.
//   3. Search as you type: several realistic queries typed letter by letter, three times over; per keystroke
//      CaseService::search and CaseFilter::matches over the whole list (the work the list's proxy does).
//   4. Conflict checks: the first (which builds the in-memory index) and then the median/p95 of more checks.
//   5. RSS with the list open (VmRSS, and VmHWM so far), then an import of 10,000 CSV rows (CaseImport: a
//      dry run that only checks, then the real import in one transaction), and the overall peak RSS.

#include "CasesBenchmark.h"

#include "cases/CaseImport.h"
#include "cases/CaseService.h"
#include "conflicts/ConflictService.h"
#include "demo/DemoCases.h"
#include "demo/DemoVault.h"
#include "store/AuditLog.h"
#include "store/Crypto.h"
#include "store/Vault.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

namespace claimdesk::bench {

namespace {

using namespace claimdesk::core;

constexpr int kImportRows = 10000;
constexpr quint32 kDemoSeed = 1;
constexpr quint32 kImportSeed = 7;
constexpr std::size_t kSealedSaves = 1000;  // case.update entries sealed and then read back

[[noreturn]] void fatal(const QString& message)
{
    std::fprintf(stderr, "claimdesk-bench: %s\n", message.toUtf8().constData());
    std::exit(1);
}

template <typename T> T require(Result<T> result, const char* doing)
{
    if (!result) {
        fatal(QStringLiteral("%1 failed: %2").arg(QString::fromLatin1(doing), result.error().message));
    }
    return std::move(result).value();
}

void require(Result<void> result, const char* doing)
{
    if (!result) {
        fatal(QStringLiteral("%1 failed: %2").arg(QString::fromLatin1(doing), result.error().message));
    }
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

// Nearest-rank percentile of already collected samples.
double percentile(std::vector<double> values, double p)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

// "VmRSS" or "VmHWM" from /proc/self/status, in MiB.
double procStatusMiB(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field)) {
            return line.mid(static_cast<qsizetype>(std::strlen(field)) + 1).trimmed().split(' ').value(0).toDouble()
                / 1024.0;
        }
    }
    return 0;
}

double peakRssMiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

VaultOptions demoOptions(const QString& dir)
{
    VaultOptions options;
    options.kdf = KdfProfile::interactive();  // as the GUI's demo vault
    options.cacheKiB = VaultOptions::kDesktopCacheKiB;  // what a caseworker waits for: the desktop app's cache
    options.throttleStateFile = QDir(dir).filePath(QStringLiteral("unlock-attempts.json"));
    return options;
}

QJsonObject latencySummary(const std::vector<double>& samples)
{
    return {{QStringLiteral("samples"), static_cast<qint64>(samples.size())},
            {QStringLiteral("medianMs"), rounded(percentile(samples, 50))},
            {QStringLiteral("p95Ms"), rounded(percentile(samples, 95))},
            {QStringLiteral("maxMs"), rounded(percentile(samples, 100))}};
}

}  // namespace

int runMakeDemo(const QStringList& arguments)
{
    // arguments: PATH N
    if (arguments.size() != 2) {
        return 2;
    }
    const QString path = arguments.at(0);
    const int cases = arguments.at(1).toInt();
    if (!crypto::initialise()) {
        fatal(QStringLiteral("libsodium could not start"));
    }
    QElapsedTimer timer;
    timer.start();
    require(DemoVault::create(path, demoOptions(QFileInfo(path).absolutePath()), {cases, kDemoSeed}),
            "creating the demo vault");
    const double seconds = ms(timer) / 1000.0;
    std::printf("%s\n",
                QJsonDocument(QJsonObject {{QStringLiteral("seconds"), rounded(seconds, 3)},
                                           {QStringLiteral("peakRssMiB"), rounded(peakRssMiB(), 1)}})
                    .toJson(QJsonDocument::Compact)
                    .constData());
    return 0;
}

int runCasesBenchmark(int cases, const QString& baseDir)
{
    if (!crypto::initialise()) {
        fatal(QStringLiteral("libsodium could not start"));
    }
    QTemporaryDir dir(baseDir.isEmpty() ? QString() : baseDir + QStringLiteral("/claimdesk-bench-XXXXXX"));
    if (!dir.isValid()) {
        fatal(QStringLiteral("cannot create a working folder: %1").arg(dir.errorString()));
    }
    const QString path = dir.filePath(DemoVault::fileName());
    const VaultOptions options = demoOptions(dir.path());

    // 0. The generator alone (no database), so the bulk write's own cost can be told apart.
    QElapsedTimer timer;
    timer.start();
    {
        DemoCases generator(kDemoSeed);
        for (int i = 0; i < cases; ++i) {
            (void)generator.next();
        }
    }
    const double generateSeconds = ms(timer) / 1000.0;

    // 1. The demo vault, made by a child process.
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--internal-make-demo"), path, QString::number(cases)});
    if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        fatal(
            QStringLiteral("creating the demo vault failed: %1").arg(QString::fromUtf8(child.readAllStandardError())));
    }
    const QJsonObject made = QJsonDocument::fromJson(child.readAllStandardOutput()).object();

    // 2. Unlock to a populated list with search ready.
    timer.start();
    auto vault = require(Vault::unlock(path, DemoCases::kSolicitor, DemoVault::passphrase().toUtf8(), options),
                         "unlocking the demo vault");
    const double unlockMs = ms(timer);
    CaseService caseService(*vault);
    timer.start();
    const std::vector<CaseSummary> list = require(caseService.list(), "listing the cases");
    const double listMs = ms(timer);
    timer.start();
    const QSet<qint64> firstHits = require(caseService.search(QStringLiteral("a")), "the first search");
    const double firstSearchMs = ms(timer);
    const double rssListOpen = procStatusMiB("VmRSS:");

    // 3. Search as you type.
    const QString me = vault->currentUser().username;
    const QStringList queries {QStringLiteral("Müller"),       QStringLiteral("northfield"),
                               QStringLiteral("St Aldric"),    QStringLiteral("O'Connor"),
                               QStringLiteral("zoe mensah"),   QStringLiteral("DEMO-2019-0042"),
                               QStringLiteral("Kelsby Youth"), QStringLiteral("hartley")};
    std::vector<double> keystrokeMs;
    std::vector<double> fromSecondCharacterMs;  // a list that waits for two characters before it searches
    std::vector<double> searchOnlyMs;
    QJsonArray perQuery;
    constexpr int kSearchRounds = 3;  // each query typed three times: 3 × 76 keystrokes, a steadier p95
    for (const QString& query : queries) {
        std::vector<double> typed;
        qsizetype shown = 0;
        for (qsizetype step = 0; step < query.size() * kSearchRounds; ++step) {
            const qsizetype k = step % query.size() + 1;
            const QString prefix = query.left(k);
            QElapsedTimer keystroke;
            keystroke.start();
            const QSet<qint64> hits = require(caseService.search(prefix), "searching");
            const double searchMs = ms(keystroke);
            CaseFilter filter;
            shown = 0;
            for (const CaseSummary& s : list) {
                if (filter.matches(s, me, &hits)) {
                    ++shown;
                }
            }
            typed.push_back(ms(keystroke));
            searchOnlyMs.push_back(searchMs);
            if (k >= 2) {
                fromSecondCharacterMs.push_back(typed.back());
            }
        }
        keystrokeMs.insert(keystrokeMs.end(), typed.begin(), typed.end());
        perQuery.append(QJsonObject {{QStringLiteral("query"), query},
                                     {QStringLiteral("keystrokes"), static_cast<qint64>(query.size())},
                                     {QStringLiteral("medianMs"), rounded(percentile(typed, 50))},
                                     {QStringLiteral("p95Ms"), rounded(percentile(typed, 95))},
                                     {QStringLiteral("maxMs"), rounded(percentile(typed, 100))},
                                     {QStringLiteral("finalMatches"), static_cast<qint64>(shown)}});
    }
    const double searchP95 = percentile(keystrokeMs, 95);

    // 4. Conflict checks.
    ConflictService conflicts(*vault);
    timer.start();
    const auto firstMatches = require(conflicts.check(QStringLiteral("William Hartley")), "the first conflict check");
    const double firstConflictMs = ms(timer);
    const QStringList names {QStringLiteral("Bill Hartley"),
                             QStringLiteral("Zoe Muller"),
                             QStringLiteral("Kate O'Connor"),
                             QStringLiteral("Saint Aldric's School"),
                             QStringLiteral("Northfeld Childrens Home"),
                             QStringLiteral("Jon Smith"),
                             QStringLiteral("Priya Patel"),
                             QStringLiteral("Sean Murphy"),
                             QStringLiteral("Siân Evans"),
                             QStringLiteral("Thomas Fairbairn"),
                             QStringLiteral("Margaret Whitcombe"),
                             QStringLiteral("Ciaran Okafor"),
                             QStringLiteral("Jenny Ashdown"),
                             QStringLiteral("Kwame Mensah"),
                             QStringLiteral("Rebecca Brontë"),
                             QStringLiteral("Tony Nowak"),
                             QStringLiteral("Dafydd Morgan"),
                             QStringLiteral("Eilidh MacLeod"),
                             QStringLiteral("Glenarrow Youth Club"),
                             QStringLiteral("Harry Kowalski")};
    std::vector<double> conflictMs;
    qint64 conflictMatches = 0;
    for (int round = 0; round < 3; ++round) {
        for (const QString& name : names) {
            timer.start();
            const auto matches = require(conflicts.check(name), "a conflict check");
            conflictMs.push_back(ms(timer));
            conflictMatches += static_cast<qint64>(matches.size());
        }
    }
    const double conflictP95 = percentile(conflictMs, 95);
    const double rssBeforeImport = procStatusMiB("VmRSS:");
    const double peakBeforeImport = procStatusMiB("VmHWM:");

    // 5. Import 10,000 CSV rows into the same vault.
    const QByteArray csv = DemoCases::importCsv(kImportRows, kImportSeed);
    CaseImport importer(*vault);
    const ImportReport dryRun = require(importer.run(csv, true), "checking the import file");
    if (!dryRun.accepted()) {
        fatal(QStringLiteral("the generated import file was rejected: %1").arg(dryRun.problemLines().value(0)));
    }
    timer.start();
    const ImportReport imported = require(importer.run(csv, false), "importing");
    const double importSeconds = ms(timer) / 1000.0;
    if (imported.references.size() != kImportRows) {
        fatal(QStringLiteral("the import wrote %1 cases, not %2").arg(imported.references.size()).arg(kImportRows));
    }

    // 6. The audit trail's sealed case details: saves that each write a sealed case.update, then pages read back
    // (each entry opened with its case's key).
    std::vector<double> sealedSaveMs;
    for (const CaseSummary& row : list) {
        if (sealedSaveMs.size() >= kSealedSaves) {
            break;
        }
        if (row.restrictedPlaceholder || row.feeEarner != me) {
            continue;
        }
        CaseRecord record = require(caseService.load(row.id), "loading a case to save");
        record.client.preferredName = QStringLiteral("Bench %1").arg(sealedSaveMs.size());
        timer.start();
        require(caseService.save(record), "saving a case");
        sealedSaveMs.push_back(ms(timer));
    }
    std::vector<double> auditPageMs;
    std::size_t openedOnPage = 0;
    for (int round = 0; round < 5; ++round) {
        timer.start();
        const AuditPage page = require(AuditLog::query(vault->connection(), {}, 0, AuditLog::kMaxPageSize),
                                       "reading the audit log");
        auditPageMs.push_back(ms(timer));
        openedOnPage = static_cast<std::size_t>(std::count_if(page.entries.begin(), page.entries.end(), [](const AuditEntry& e) {
            return e.details == AuditEntry::Details::Opened;
        }));
    }

    const qint64 fileBytes = QFileInfo(path).size();
    vault->lock();

    const QJsonObject report {
        {QStringLiteral("mode"), QStringLiteral("cases")},
        {QStringLiteral("environment"),
         QJsonObject {{QStringLiteral("buildType"), QStringLiteral(CLAIMDESK_BUILD_TYPE)},
                      {QStringLiteral("cpus"), QThread::idealThreadCount()},
                      {QStringLiteral("kdfProfile"), QStringLiteral("interactive (the demo vault's)")},
                      {QStringLiteral("cacheKiB"), options.cacheKiB}}},
        {QStringLiteral("cases"), cases},
        {QStringLiteral("demoVault"),
         QJsonObject {{QStringLiteral("createSeconds"), made.value(QStringLiteral("seconds"))},
                      {QStringLiteral("generatorOnlySeconds"), rounded(generateSeconds, 3)},
                      {QStringLiteral("childPeakRssMiB"), made.value(QStringLiteral("peakRssMiB"))},
                      {QStringLiteral("fileMiB"), rounded(static_cast<double>(fileBytes) / (1024.0 * 1024.0), 1)},
                      {QStringLiteral("note"),
                       QStringLiteral("DemoVault::create in a child process: 4 users "
                                      "(Argon2id INTERACTIVE) + DemoCases bulk write in one "
                                      "transaction; fileMiB after the import")}}},
        {QStringLiteral("unlockToList"),
         QJsonObject {{QStringLiteral("unlockMs"), rounded(unlockMs)},
                      {QStringLiteral("listMs"), rounded(listMs)},
                      {QStringLiteral("firstSearchMs"), rounded(firstSearchMs)},
                      {QStringLiteral("totalMs"), rounded(unlockMs + listMs + firstSearchMs)},
                      {QStringLiteral("rows"), static_cast<qint64>(list.size())},
                      {QStringLiteral("firstSearchHits"), static_cast<qint64>(firstHits.size())}}},
        {QStringLiteral("searchAsYouType"),
         QJsonObject {
             {QStringLiteral("perKeystroke"), latencySummary(keystrokeMs)},
             {QStringLiteral("fromSecondCharacter"), latencySummary(fromSecondCharacterMs)},
             {QStringLiteral("searchOnly"), latencySummary(searchOnlyMs)},
             {QStringLiteral("queries"), perQuery},
             {QStringLiteral("targetP95Ms"), 50},
             {QStringLiteral("targetMet"), searchP95 < 50.0},
             {QStringLiteral("note"),
              QStringLiteral("8 queries typed letter by letter, 3 times; per keystroke = CaseService::search + "
                             "CaseFilter::matches over every row")}}},
        {QStringLiteral("conflictCheck"),
         QJsonObject {{QStringLiteral("firstMs"), rounded(firstConflictMs)},
                      {QStringLiteral("firstMatches"), static_cast<qint64>(firstMatches.size())},
                      {QStringLiteral("later"), latencySummary(conflictMs)},
                      {QStringLiteral("laterMatches"), conflictMatches},
                      {QStringLiteral("targetMs"), 100},
                      {QStringLiteral("targetMet"), conflictP95 < 100.0},
                      {QStringLiteral("note"),
                       QStringLiteral("first = builds the in-memory index; later = 3 rounds of "
                                      "20 names, index reused")}}},
        {QStringLiteral("import"),
         QJsonObject {{QStringLiteral("rows"), kImportRows},
                      {QStringLiteral("checkSeconds"), rounded(dryRun.seconds, 3)},
                      {QStringLiteral("seconds"), rounded(importSeconds, 3)},
                      {QStringLiteral("rowsPerSecond"), rounded(kImportRows / importSeconds, 0)},
                      {QStringLiteral("note"),
                       QStringLiteral("into the demo vault; one transaction, "
                                      "CaseService::create per row (+ save when the stage is "
                                      "not enquiry), one cases.import audit entry")}}},
        {QStringLiteral("sealedAudit"),
         QJsonObject {{QStringLiteral("save"), latencySummary(sealedSaveMs)},
                      {QStringLiteral("page5000"), latencySummary(auditPageMs)},
                      {QStringLiteral("openedOnPage"), static_cast<qint64>(openedOnPage)},
                      {QStringLiteral("note"),
                       QStringLiteral("save = CaseService::save of one case, whose case.update entry is sealed "
                                      "under the case key; page5000 = AuditLog::query of the newest 5,000 entries "
                                      "(the largest page), each sealed one opened with its case key, 5 rounds")}}},
        {QStringLiteral("memory"),
         QJsonObject {{QStringLiteral("rssWithListOpenMiB"), rounded(rssListOpen, 1)},
                      {QStringLiteral("rssAfterSearchAndConflictsMiB"), rounded(rssBeforeImport, 1)},
                      {QStringLiteral("peakRssBeforeImportMiB"), rounded(peakBeforeImport, 1)},
                      {QStringLiteral("peakRssMiB"), rounded(peakRssMiB(), 1)},
                      {QStringLiteral("note"),
                       QStringLiteral("this process only (the demo vault is made by a "
                                      "child); peak before import includes Argon2id "
                                      "INTERACTIVE's 64 MiB at unlock")}}},
    };
    std::fputs(QJsonDocument(report).toJson(QJsonDocument::Indented).constData(), stdout);
    return 0;
}

}  // namespace claimdesk::bench
