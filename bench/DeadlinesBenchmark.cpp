// claimdesk-bench --deadlines N
//
//   1. Engine alone: the facts of N demo cases (DemoCases, the same generator as the demo vault) converted with
//      caseFacts() and computed by DeadlineEngine, as of 27 Nov 2026 (target: all N under 2 s on this machine).
//   2. Through the vault: a demo vault of N cases (child process, as --cases; it computes and stores every case's
//      deadlines when it is made), then DeadlineService::recomputeAll, which loads, computes and reconciles every
//      case's stored deadlines in one transaction (what a new holiday table or engine version costs).
//   3. The diary: DeadlineService::diary for the whole firm, the next 30 days, as a supervisor (target under
//      100 ms), median and worst of 7 runs.

#include "DeadlinesBenchmark.h"

#include "cases/CaseService.h"
#include "deadlines/DeadlineEngine.h"
#include "deadlines/DeadlineService.h"
#include "deadlines/HolidayCalendar.h"
#include "demo/DemoCases.h"
#include "demo/DemoVault.h"
#include "store/Crypto.h"
#include "store/Vault.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace claimdesk::bench {

namespace {

using namespace claimdesk::core;

[[noreturn]] void fatal(const QString& message)
{
    std::fprintf(stderr, "claimdesk-bench: %s\n", message.toUtf8().constData());
    std::exit(1);
}

double ms(const QElapsedTimer& t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

double rounded(double value, int places = 1)
{
    double scale = 1;
    for (int i = 0; i < places; ++i) {
        scale *= 10;
    }
    return static_cast<double>(static_cast<qint64>(value * scale + 0.5)) / scale;
}

}  // namespace

int runDeadlinesBenchmark(int cases, const QString& baseDir)
{
    if (!crypto::initialise()) {
        fatal(QStringLiteral("libsodium could not start"));
    }
    const QDate asOf(2026, 11, 27);

    // 1. The engine alone.
    std::vector<deadlines::EngineInput> inputs;
    inputs.reserve(static_cast<std::size_t>(cases));
    {
        DemoCases generator(1);
        for (int i = 0; i < cases; ++i) {
            const DemoCase demo = generator.next();
            deadlines::EngineInput input = deadlines::caseFacts(demo.input.client, demo.input.incidents,
                                                                demo.input.parties, demo.input.limbs);
            input.asOf = asOf;
            inputs.push_back(std::move(input));
        }
    }
    const deadlines::DeadlineEngine engine(deadlines::HolidayCalendar::builtIn());
    QElapsedTimer timer;
    timer.start();
    qint64 limitationEntries = 0;
    qint64 deadlineEntries = 0;
    qint64 explanationSteps = 0;
    for (const deadlines::EngineInput& input : inputs) {
        const deadlines::EngineResult result = engine.compute(input);
        limitationEntries += result.limitation.size();
        deadlineEntries += result.deadlines.size();
        for (const auto& l : result.limitation) {
            explanationSteps += l.explanation.size();
        }
    }
    const double engineMs = ms(timer);

    // 2. Through the vault.
    QTemporaryDir dir(baseDir.isEmpty() ? QString() : baseDir + QStringLiteral("/claimdesk-bench-XXXXXX"));
    if (!dir.isValid()) {
        fatal(QStringLiteral("cannot create a working folder: %1").arg(dir.errorString()));
    }
    const QString path = dir.filePath(DemoVault::fileName());
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--internal-make-demo"), path, QString::number(cases)});
    if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        fatal(QStringLiteral("creating the demo vault failed: %1").arg(QString::fromUtf8(child.readAllStandardError())));
    }
    VaultOptions options;
    options.kdf = KdfProfile::interactive();
    auto vault = Vault::unlock(path, DemoCases::kSupervisor, DemoVault::passphrase().toUtf8(), options);
    if (!vault) {
        fatal(vault.error().message);
    }
    CaseService caseService(**vault);
    deadlines::DeadlineService service(**vault, caseService);
    timer.start();
    auto refreshed = service.recomputeAll(asOf);
    if (!refreshed) {
        fatal(refreshed.error().message);
    }
    const double storeMs = ms(timer);

    // 3. The diary.
    std::vector<double> diaryMs;
    qint64 diaryRows = 0;
    for (int run = 0; run < 7; ++run) {
        timer.start();
        auto diary = service.diary(deadlines::DiaryScope::All, asOf, asOf.addDays(30), asOf);
        if (!diary) {
            fatal(diary.error().message);
        }
        diaryMs.push_back(ms(timer));
        diaryRows = static_cast<qint64>(diary->size());
    }
    std::sort(diaryMs.begin(), diaryMs.end());
    (*vault)->lock();

    const QJsonObject report {
        {QStringLiteral("mode"), QStringLiteral("deadlines")},
        {QStringLiteral("cases"), cases},
        {QStringLiteral("cpus"), QThread::idealThreadCount()},
        {QStringLiteral("buildType"), QStringLiteral(CLAIMDESK_BUILD_TYPE)},
        {QStringLiteral("engineOnly"),
         QJsonObject {{QStringLiteral("totalMs"), rounded(engineMs)},
                      {QStringLiteral("perCaseMicroseconds"), rounded(engineMs * 1000.0 / std::max(cases, 1), 2)},
                      {QStringLiteral("limitationEntries"), limitationEntries},
                      {QStringLiteral("deadlines"), deadlineEntries},
                      {QStringLiteral("explanationSteps"), explanationSteps},
                      {QStringLiteral("targetMs"), 2000}}},
        {QStringLiteral("recomputeAndStore"),
         QJsonObject {{QStringLiteral("totalMs"), rounded(storeMs)},
                      {QStringLiteral("casesChanged"), *refreshed},
                      {QStringLiteral("note"), QStringLiteral("DeadlineService::recomputeAll: load each case, compute, "
                                                              "reconcile every stored deadline with its explanation, "
                                                              "one transaction (the demo vault already holds them)")}}},
        {QStringLiteral("diaryNext30Days"),
         QJsonObject {{QStringLiteral("medianMs"), rounded(diaryMs[diaryMs.size() / 2], 2)},
                      {QStringLiteral("worstMs"), rounded(diaryMs.back(), 2)},
                      {QStringLiteral("rows"), diaryRows},
                      {QStringLiteral("targetMs"), 100}}},
    };
    std::printf("%s", QJsonDocument(report).toJson(QJsonDocument::Indented).constData());
    return 0;
}

}  // namespace claimdesk::bench
