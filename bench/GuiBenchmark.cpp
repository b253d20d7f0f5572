// claimdesk-gui-bench: the memory of the GUI process itself with the case list open (issue 3: peak RSS under
// 250 MB with 100,000 cases), measured on the code path a caseworker takes, and printed as JSON.
//
//   claimdesk-gui-bench [--cases N] [--vault PATH] [--kdf moderate|interactive] [--user NAME] [--cache-kib K]
//
//   1. The demo vault: PATH when it exists (a vault cached from an earlier run: DemoVault's users and passphrase),
//      otherwise made at PATH (or in a temporary folder) by a child process (--internal-make-demo), so the
//      generator's memory never counts towards this process. Its key slots use --kdf: MODERATE by default, the
//      cost of every vault made outside the demo, so the unlock costs what it costs a firm's real vault.
//   2. As app/gui/main.cpp: a QApplication (offscreen platform unless QT_QPA_PLATFORM says otherwise), a
//      VaultSession with core's default options and an AppController. AppController::openVault shows the real
//      UnlockDialog; the username and passphrase are typed into it and it is accepted: VaultSession::unlock
//      (Argon2id on a worker thread), then the MainWindow with the case workspace, whose list loads through
//      VaultSession::listCases and CaseListModel::prepare off the UI thread.
//   3. When VaultSession::opened fires (the KDF has finished and released its memory) VmHWM is read — the peak
//      including the unlock — and reset by writing "5" to /proc/self/clear_refs, so later VmHWM readings are
//      the peak with the list open, without the KDF's buffer.
//   4. When the list is populated (CaseListPanel::loaded) and painted: VmRSS, VmHWM and a breakdown (anonymous
//      vs file-backed pages from smaps_rollup, the malloc heap from mallinfo2, SQLite's own allocations, which
//      hold the page cache). Then the view is scrolled to the end and a search is typed letter by letter
//      (slower than the 120 ms debounce, so every keystroke searches), and memory is read again.
//   5. Last, malloc_trim(0) as a diagnostic: how much of the RSS was freed heap the allocator still held.
//
// Settings, recent vaults and the unlock-attempts file go to a temporary XDG folder, never the user's own.
// Built, not run, by the tests; run it by hand in a Release/RelWithDebInfo build.

#include "ui/cases/CaseListModel.h"
#include "ui/cases/CaseListPanel.h"
#include "ui/cases/CaseWorkspace.h"
#include "ui/common/MessageBoxPrompter.h"
#include "ui/common/Translations.h"
#include "ui/session/VaultSession.h"
#include "ui/shell/AppController.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/UnlockDialog.h"

#include "demo/DemoCases.h"
#include "demo/DemoVault.h"
#include "store/Crypto.h"
#include "store/KdfProfile.h"
#include "store/Keyring.h"
#include "store/Vault.h"

#include <sqlcipher/sqlite3.h>

#include <QAbstractItemView>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QSet>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <vector>

namespace {

using namespace claimdesk;

constexpr quint32 kDemoSeed = 1;  // as claimdesk-bench --cases
constexpr int kTimeoutMs = 15 * 60 * 1000;
constexpr double kTargetMiB = 250e6 / (1024.0 * 1024.0);  // "under 250 MB": 238.4 MiB
const char* const kSearch = "hartley";

[[noreturn]] void fatal(const QString& message)
{
    std::fprintf(stderr, "claimdesk-gui-bench: %s\n", message.toUtf8().constData());
    std::exit(1);
}

double rounded(double value, int decimals = 1)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

double mib(double bytes)
{
    return rounded(bytes / (1024.0 * 1024.0));
}

// A "Name:   123 kB" field of a /proc/self file, in MiB.
double procFieldMiB(const QString& file, const char* field)
{
    QFile status(file);
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(prefix)) {
            return rounded(line.mid(prefix.size()).trimmed().split(' ').value(0).toDouble() / 1024.0);
        }
    }
    return 0;
}

double vmRss()
{
    return procFieldMiB(QStringLiteral("/proc/self/status"), "VmRSS");
}

double vmHwm()
{
    return procFieldMiB(QStringLiteral("/proc/self/status"), "VmHWM");
}

// Resets VmHWM to the current RSS (Linux 4.0+).
bool resetPeak()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

// Where the resident memory is: pages, the malloc heap, SQLite's allocations (the page cache among them).
QJsonObject breakdown()
{
    const QString rollup = QStringLiteral("/proc/self/smaps_rollup");
    const double rss = procFieldMiB(rollup, "Rss");
    const double anonymous = procFieldMiB(rollup, "Anonymous");
    const struct mallinfo2 heap = mallinfo2();
    sqlite3_int64 sqliteNow = 0;
    sqlite3_int64 sqlitePeak = 0;
    sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &sqliteNow, &sqlitePeak, 0);
    return {{QStringLiteral("anonymousMiB"), anonymous},
            {QStringLiteral("fileBackedMiB"), rounded(rss - anonymous)},
            {QStringLiteral("mallocInUseMiB"), mib(static_cast<double>(heap.uordblks + heap.hblkhd))},
            {QStringLiteral("mallocFreeHeldMiB"), mib(static_cast<double>(heap.fordblks))},
            {QStringLiteral("sqliteMemoryMiB"), mib(static_cast<double>(sqliteNow))},
            {QStringLiteral("sqliteMemoryPeakMiB"), mib(static_cast<double>(sqlitePeak))}};
}

// The longest single pass of the event loop since the last reset: how long the window froze at most (a search
// runs, filters and repaints inside one pass when the debounce timer fires).
double g_longestPassMs = 0;

// A heap block as glibc sizes it: the request plus its 8-byte header, rounded up to 16, at least 32.
double mallocChunk(std::size_t request)
{
    return static_cast<double>(std::max<std::size_t>(32, (request + 8 + 15) / 16 * 16));
}

// What one QString's text costs on the heap (Qt 6: a 16-byte header, then UTF-16 with a terminator), counted once
// however many QStrings share it.
double stringHeap(const QString& text, QSet<const void*>& seen)
{
    if (text.isNull() || text.capacity() == 0 || seen.contains(text.constData())) {
        return 0;
    }
    seen.insert(text.constData());
    return mallocChunk(16 + 2 * (static_cast<std::size_t>(text.capacity()) + 1));
}

// The list model's storage: the rows (core::CaseSummary) exactly, the sort keys from a sample of rows.
QJsonObject modelStorage(const std::vector<core::CaseSummary>& cases)
{
    QSet<const void*> seen;
    double rowTexts = 0;
    for (const core::CaseSummary& c : cases) {
        for (const QString* text : {&c.reference, &c.clientName, &c.clientInitials, &c.feeEarner, &c.feeEarnerName,
                                    &c.nextDeadlineLabel}) {
            rowTexts += stringHeap(*text, seen);
        }
    }
    const double rows = static_cast<double>(cases.capacity() * sizeof(core::CaseSummary));
    double keyTexts = 0;
    const std::size_t step = std::max<std::size_t>(1, cases.size() / 2000);
    std::size_t sampled = 0;
    for (std::size_t i = 0; i < cases.size(); i += step, ++sampled) {
        const ui::CaseListModel::SortKeys keys = ui::CaseListModel::keysFor(cases[i]);
        QSet<const void*> own;
        for (const QString* text : {&keys.reference, &keys.client, &keys.initials, &keys.feeEarner}) {
            keyTexts += stringHeap(*text, own);
        }
    }
    const double n = static_cast<double>(cases.size());
    const double keys = sampled == 0 ? 0 : keyTexts / static_cast<double>(sampled) * n
            + n * static_cast<double>(sizeof(ui::CaseListModel::SortKeys) + sizeof(int));
    return {{QStringLiteral("rowStructsMiB"), mib(rows)},
            {QStringLiteral("rowTextsMiB"), mib(rowTexts)},
            {QStringLiteral("sortKeysMiB"), mib(keys)},
            {QStringLiteral("totalMiB"), mib(rows + rowTexts + keys)},
            {QStringLiteral("note"),
             QStringLiteral("an estimate from the model's own rows (distinct texts counted once; sort keys "
                            "from a sample of rows made again)")}};
}

// Runs the event loop until `condition` holds; false after `timeoutMs`.
bool waitUntil(const std::function<bool()>& condition, int timeoutMs = kTimeoutMs)
{
    QTimer tick;  // wakes the loop, so the condition is checked even when nothing else happens
    tick.start(10);
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs) {
            return false;
        }
        QElapsedTimer pass;
        pass.start();
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        g_longestPassMs = std::max(g_longestPassMs, static_cast<double>(pass.nsecsElapsed()) / 1e6);
    }
    return true;
}

void settle(int ms)
{
    QElapsedTimer timer;
    timer.start();
    waitUntil([&] { return timer.elapsed() >= ms; });
}

core::KdfProfile kdfNamed(const QString& name)
{
    if (name == QLatin1String("moderate")) {
        return core::KdfProfile::moderate();
    }
    if (name == QLatin1String("interactive")) {
        return core::KdfProfile::interactive();
    }
    fatal(QStringLiteral("--kdf must be moderate or interactive, not \"%1\"").arg(name));
}

// The child: claimdesk-gui-bench --internal-make-demo PATH N KDF. Prints {"seconds": …}.
int makeDemo(const QStringList& arguments)
{
    if (arguments.size() != 3) {
        return 2;
    }
    if (!core::crypto::initialise()) {
        fatal(QStringLiteral("libsodium could not start"));
    }
    const QString path = arguments.at(0);
    core::VaultOptions options;
    options.kdf = kdfNamed(arguments.at(2));
    options.throttleStateFile = QDir(QFileInfo(path).absolutePath()).filePath(QStringLiteral("unlock-attempts.json"));
    QElapsedTimer timer;
    timer.start();
    if (auto made = core::DemoVault::create(path, options, {arguments.at(1).toInt(), kDemoSeed}); !made) {
        fatal(QStringLiteral("creating the demo vault failed: %1").arg(made.error().message));
    }
    std::printf("{\"seconds\": %.3f}\n", static_cast<double>(timer.elapsed()) / 1000.0);
    return 0;
}

struct Arguments {
    int cases = 100000;
    QString vault;  // empty: a temporary one
    QString kdf = QStringLiteral("moderate");
    QString user = core::DemoCases::kSolicitor;
    std::optional<int> cacheKiB;
};

Arguments parse(const QStringList& args)
{
    Arguments parsed;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        const auto value = [&]() -> QString {
            if (i + 1 >= args.size()) {
                fatal(QStringLiteral("%1 needs a value").arg(arg));
            }
            return args.at(++i);
        };
        if (arg == QLatin1String("--cases")) {
            parsed.cases = value().toInt();
        } else if (arg == QLatin1String("--vault")) {
            parsed.vault = value();
        } else if (arg == QLatin1String("--kdf")) {
            parsed.kdf = value();
            (void)kdfNamed(parsed.kdf);
        } else if (arg == QLatin1String("--user")) {
            parsed.user = value();
        } else if (arg == QLatin1String("--cache-kib")) {
            parsed.cacheKiB = value().toInt();
        } else {
            fatal(QStringLiteral("unknown argument \"%1\"\nusage: claimdesk-gui-bench [--cases N] [--vault PATH] "
                                 "[--kdf moderate|interactive] [--user NAME] [--cache-kib K]")
                      .arg(arg));
        }
    }
    if (parsed.cases <= 0) {
        fatal(QStringLiteral("--cases must be a positive number"));
    }
    return parsed;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc >= 2 && qstrcmp(argv[1], "--internal-make-demo") == 0) {
        QCoreApplication app(argc, argv);
        return makeDemo(QCoreApplication::arguments().mid(2));
    }

    // Nothing of the user's own: settings, recent vaults and the unlock throttle live here for this run.
    QTemporaryDir home(QDir::temp().filePath(QStringLiteral("claimdesk-gui-bench-XXXXXX")));
    if (!home.isValid()) {
        fatal(QStringLiteral("cannot create a working folder: %1").arg(home.errorString()));
    }
    for (const char* variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"}) {
        qputenv(variable, QFile::encodeName(home.path() + QLatin1Char('/') + QLatin1String(variable)));
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ClaimDesk"));
    QApplication::setApplicationName(QStringLiteral("ClaimDesk"));
    QApplication::setQuitOnLastWindowClosed(false);
    ui::installTranslations(app);
    const Arguments args = parse(QCoreApplication::arguments());

    // 1. The demo vault: reused, or made by a child process.
    const QString path = args.vault.isEmpty() ? QDir(home.path()).filePath(core::DemoVault::fileName())
                                              : QFileInfo(args.vault).absoluteFilePath();
    const bool reused = QFileInfo::exists(path);
    QJsonValue createSeconds;
    if (!reused) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--internal-make-demo"), path, QString::number(args.cases), args.kdf});
        if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
            fatal(QStringLiteral("creating the demo vault at %1 failed").arg(path));
        }
        createSeconds = QJsonDocument::fromJson(child.readAllStandardOutput()).object().value(QStringLiteral("seconds"));
    }
    QJsonObject slotKdf;
    if (auto keyring = core::Keyring::load(core::Keyring::pathFor(path))) {
        if (const core::KeySlot* slot = keyring->find(args.user)) {
            slotKdf = {{QStringLiteral("memLimitMiB"), mib(static_cast<double>(slot->kdf.memLimitBytes))},
                       {QStringLiteral("opsLimit"), static_cast<qint64>(slot->kdf.opsLimit)}};
        }
    } else {
        fatal(QStringLiteral("%1 has no readable keyring: %2").arg(path, keyring.error().message));
    }

    // 2. The GUI, put together as app/gui/main.cpp does.
    ui::MessageBoxPrompter prompter;
    std::optional<ui::VaultSession> session;
    core::VaultOptions defaults;
    defaults.cacheKiB = core::VaultOptions::kDesktopCacheKiB;  // what VaultSession() uses
    if (args.cacheKiB) {
        defaults.cacheKiB = *args.cacheKiB;  // an experiment: how much of the RSS is SQLite's page cache
        session.emplace(defaults, core::KdfProfile::interactive());
    } else {
        session.emplace();  // the desktop options, as the application
    }
    ui::AppController controller(*session, prompter);
    controller.start();
    settle(300);
    const double rssStarted = vmRss();

    controller.openVault(path, args.user);
    ui::UnlockDialog* unlock = controller.unlockDialog();
    auto* passphrase = unlock != nullptr ? unlock->findChild<QLineEdit*>(QStringLiteral("passphraseEdit")) : nullptr;
    if (passphrase == nullptr) {
        fatal(QStringLiteral("the unlock dialog has no passphrase field"));
    }
    settle(100);
    const double rssUnlockShown = vmRss();
    const QJsonObject breakdownUnlockShown = breakdown();
    passphrase->setText(core::DemoVault::passphrase());

    // 3. At VaultSession::opened the KDF is over: the peak so far includes it; reset for what follows.
    QElapsedTimer clock;
    double unlockMs = -1;
    double peakIncludingUnlock = 0;
    double rssAfterUnlock = 0;
    bool peakReset = false;
    QObject::connect(&*session, &ui::VaultSession::opened, &app, [&] {
        unlockMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        peakIncludingUnlock = vmHwm();
        rssAfterUnlock = vmRss();
        peakReset = resetPeak();
    });
    clock.start();
    unlock->accept();  // what the Unlock button does

    // 4. The main window with the list populated.
    ui::CaseListPanel* panel = nullptr;
    if (!waitUntil([&] {
            if (ui::MainWindow* main = controller.mainWindow(); main != nullptr && main->caseWorkspace() != nullptr) {
                panel = main->caseWorkspace()->listPanel();
            }
            return panel != nullptr && !panel->isLoading() && panel->lastLoadMs() >= 0;
        })) {
        fatal(controller.unlockDialog() != nullptr
                  ? QStringLiteral("the unlock did not succeed (a wrong user or passphrase for %1?)").arg(path)
                  : QStringLiteral("the case list did not load in time"));
    }
    const double populatedMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    QTableView* view = panel->view();
    const int rows = panel->model()->rowCount();
    settle(500);  // painted, and the posted events done
    const double rssListOpen = vmRss();
    const double peakListOpen = vmHwm();
    const QJsonObject breakdownListOpen = breakdown();

    // 5. Scroll to the end, then search as you type.
    view->scrollToBottom();
    settle(300);
    const double rssAfterScroll = vmRss();
    QLineEdit* search = panel->searchEdit();
    search->setFocus();
    QElapsedTimer searchClock;
    searchClock.start();
    std::vector<double> keystrokeMs;  // per keystroke: the longest event-loop pass (the search, filter and repaint)
    for (const QChar letter : QString::fromLatin1(kSearch)) {
        search->insert(QString(letter));
        g_longestPassMs = 0;
        settle(ui::CaseListPanel::kSearchDelayMs + 80);
        keystrokeMs.push_back(g_longestPassMs);
    }
    std::sort(keystrokeMs.begin(), keystrokeMs.end());
    const double searchSeconds = static_cast<double>(searchClock.elapsed()) / 1000.0;
    const int shown = view->model()->rowCount();
    view->scrollToBottom();
    settle(300);
    const double rssAfterSearch = vmRss();
    const double peakAfterUnlock = vmHwm();
    const QJsonObject breakdownAfterSearch = breakdown();
    const QJsonObject storage = modelStorage(panel->model()->cases());  // after the readings: it allocates

    // Diagnostic: freed heap the allocator still held (malloc arenas of the worker threads included).
    malloc_trim(0);
    const double rssAfterTrim = vmRss();

    const double peakWhole = std::max(peakIncludingUnlock, vmHwm());
    const QJsonObject report {
        {QStringLiteral("mode"), QStringLiteral("gui")},
        {QStringLiteral("environment"),
         QJsonObject {{QStringLiteral("buildType"), QStringLiteral(CLAIMDESK_BUILD_TYPE)},
                      {QStringLiteral("cpus"), QThread::idealThreadCount()},
                      {QStringLiteral("qpaPlatform"), QGuiApplication::platformName()},
                      {QStringLiteral("qtVersion"), QString::fromLatin1(qVersion())},
                      {QStringLiteral("unlockKdf"), slotKdf},
                      {QStringLiteral("cacheKiB"), args.cacheKiB.value_or(defaults.cacheKiB)},
                      {QStringLiteral("user"), args.user}}},
        {QStringLiteral("cases"), args.cases},
        {QStringLiteral("rows"), rows},
        {QStringLiteral("vault"),
         QJsonObject {{QStringLiteral("path"), path},
                      {QStringLiteral("reused"), reused},
                      {QStringLiteral("createSeconds"), createSeconds},
                      {QStringLiteral("fileMiB"), mib(static_cast<double>(QFileInfo(path).size()))}}},
        {QStringLiteral("unlockToList"),
         QJsonObject {{QStringLiteral("unlockMs"), rounded(unlockMs)},
                      {QStringLiteral("listLoadMs"), static_cast<qint64>(panel->lastLoadMs())},
                      {QStringLiteral("totalMs"), rounded(populatedMs)},
                      {QStringLiteral("note"),
                       QStringLiteral("from UnlockDialog::accept: unlock = until VaultSession::opened (Argon2id + "
                                      "opening); listLoad = CaseListPanel::reload until the model holds the rows; "
                                      "total = until CaseListPanel::loaded")}}},
        {QStringLiteral("memory"),
         QJsonObject {
             {QStringLiteral("rssStartScreenMiB"), rssStarted},
             {QStringLiteral("rssUnlockDialogMiB"), rssUnlockShown},
             {QStringLiteral("peakIncludingUnlockMiB"), peakIncludingUnlock},
             {QStringLiteral("rssAfterUnlockMiB"), rssAfterUnlock},
             {QStringLiteral("rssWithListOpenMiB"), rssListOpen},
             {QStringLiteral("peakWithListOpenMiB"), peakReset ? QJsonValue(peakListOpen) : QJsonValue()},
             {QStringLiteral("rssAfterScrollMiB"), rssAfterScroll},
             {QStringLiteral("rssAfterSearchMiB"), rssAfterSearch},
             {QStringLiteral("peakAfterUnlockMiB"), peakReset ? QJsonValue(peakAfterUnlock) : QJsonValue()},
             {QStringLiteral("peakRssMiB"), peakWhole},
             {QStringLiteral("targetMiB"), rounded(kTargetMiB)},
             {QStringLiteral("listOpenTargetMet"), peakReset && peakAfterUnlock < kTargetMiB},
             {QStringLiteral("withUnlockDialog"), breakdownUnlockShown},
             {QStringLiteral("withListOpen"), breakdownListOpen},
             {QStringLiteral("listModelStorage"), storage},
             {QStringLiteral("afterSearch"), breakdownAfterSearch},
             {QStringLiteral("rssAfterMallocTrimMiB"), rssAfterTrim},
             {QStringLiteral("note"),
              QStringLiteral("MiB from /proc/self/status; target 250 MB = 238.4 MiB. peakIncludingUnlock = VmHWM "
                             "when the vault opened (Argon2id's buffer included); VmHWM is then reset "
                             "(clear_refs 5), so peakWithListOpen and peakAfterUnlock (after scrolling and "
                             "searching) exclude the KDF. rssAfterMallocTrim is a diagnostic taken last.")}}},
        {QStringLiteral("search"),
         QJsonObject {{QStringLiteral("typed"), QString::fromLatin1(kSearch)},
                      {QStringLiteral("shownRows"), shown},
                      {QStringLiteral("seconds"), rounded(searchSeconds, 2)},
                      {QStringLiteral("keystrokeMedianMs"), rounded(keystrokeMs[keystrokeMs.size() / 2])},
                      {QStringLiteral("keystrokeMaxMs"), rounded(keystrokeMs.back())},
                      {QStringLiteral("note"),
                       QStringLiteral("one letter every 200 ms (the debounce is 120 ms): each keystroke searches; "
                                      "per keystroke = the longest event-loop pass after it (search, filter, "
                                      "repaint: how long the window froze)")}}},
    };
    std::fputs(QJsonDocument(report).toJson(QJsonDocument::Indented).constData(), stdout);

    controller.shutdown();
    return 0;
}
