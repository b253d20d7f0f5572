// Session safety in the shell (issue 7): the hide-screen key, the clipboard guard and the firm's maximum auto-lock
// delay, through AppController as the app wires them. People sign in through the unlock dialog on a TestFirm vault
// (Ada Admin, Sam Supervisor, Sol Solicitor, Pat Paralegal); dialogs are opened with open() and every message goes
// through the RecordingPrompter, so nothing blocks. Offscreen, the clipboard is the process's own; "another program"
// is simulated with the guard's ownership probe.
//
// With CLAIMDESK_SAFETY_SHOTS=DIR set, the hidden main window and the two dialogs are also saved as PNGs there.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "TestFirm.h"

#include "ui/admin/SessionPolicyDialog.h"
#include "ui/cases/CaseFileWidget.h"
#include "ui/cases/CaseListPanel.h"
#include "ui/cases/CaseWorkspace.h"
#include "ui/common/AppSettings.h"
#include "ui/deadlines/DiaryWindow.h"
#include "ui/session/ClipboardGuard.h"
#include "ui/session/ScreenHider.h"
#include "ui/shell/AppController.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/PreferencesDialog.h"
#include "ui/shell/UnlockDialog.h"
#include "ui/therapy/TherapyFundWindow.h"

#include "cases/CaseService.h"
#include "store/SessionPolicy.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace claimdesk;
using namespace std::chrono_literals;
using test::RecordingPrompter;

namespace {

const QString kClient = QStringLiteral("Ruth Ames");
const QString kOtherProgramFormat = QStringLiteral("application/x-claimdesk-test-other-program");

void submitUnlock(ui::UnlockDialog* dialog, const QString& username, const QByteArray& passphrase)
{
    dialog->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(username);
    auto* passphraseEdit = dialog->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"));
    passphraseEdit->setText(QString::fromUtf8(passphrase));
    QTest::keyClick(passphraseEdit, Qt::Key_Return);
}

QAction* action(QWidget* window, const char* name)
{
    return window->findChild<QAction*>(QString::fromLatin1(name));
}

QList<QWidget*> visibleWindows()
{
    QList<QWidget*> windows;
    for (QWidget* w : QApplication::topLevelWidgets()) {
        if (w->isVisible() && w->windowType() != Qt::ToolTip) {
            windows << w;
        }
    }
    return windows;
}

QWidget* visibleCover(QWidget* window)
{
    for (QWidget* c : window->findChildren<QWidget*>(QStringLiteral("screenCover"), Qt::FindDirectChildrenOnly)) {
        if (c->isVisible()) {
            return c;
        }
    }
    return nullptr;
}

// The cover is what a person sees anywhere in the window: the menu bar, the middle, the status bar.
bool coverIsOnTop(QWidget* window, QWidget* cover)
{
    const QRect r = window->rect();
    for (const QPoint& p : {QPoint(4, 4), r.center(), QPoint(4, r.height() - 4), QPoint(r.width() - 4, 4)}) {
        QWidget* at = window->childAt(p);
        if (at != cover && !cover->isAncestorOf(at)) {
            qWarning("at (%d, %d) of %s: %s %s", p.x(), p.y(), window->metaObject()->className(),
                     at != nullptr ? at->metaObject()->className() : "nothing",
                     at != nullptr ? qPrintable(at->objectName()) : "");
            return false;
        }
    }
    return true;
}

// Counts the key presses that reach a widget (an object's own filter runs after the application's filters).
class KeyPressCounter final : public QObject {
public:
    int presses = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::KeyPress) {
            ++presses;
        }
        return QObject::eventFilter(watched, event);
    }
};

void saveShot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("CLAIMDESK_SAFETY_SHOTS");
    if (!dir.isEmpty() && QDir().mkpath(dir)) {
        widget->grab().save(QDir(dir).filePath(name));
    }
}

QClipboard* clipboard()
{
    return QGuiApplication::clipboard();
}

}  // namespace

class SessionSafetyTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    // Hide screen
    void hideKeyCoversEveryWindowAndASecondPressRevealsIt();
    void noKeyPressShortcutOrClickReachesACoveredWidget();
    void hideKeyWorksWhileAModalDialogIsOpen();
    void windowShownOrRetitledWhileHiddenIsCoveredAndKeepsItsTitleForLater();
    void lockRevealsAndUnlockShowsTheWindowsAgain();
    void inputOnAHiddenScreenIsNotActivity();
    void hideScreenIsInTheFileAndViewMenusWithItsShortcut();

    // Clipboard
    void copiedTextIsMarkedSecretAndClearedAfterTheTimeout();
    void textAnotherProgramPutThereMeanwhileIsLeftAlone();
    void lockAndQuitClearTheClipboard_data();
    void lockAndQuitClearTheClipboard();
    void autoLockClearsTheClipboard();
    void copyFromATableIsGuardedToo();

    // Firm maximum auto-lock delay
    void firmMaximumCapsTheDelayAndThePreferences();
    void withoutAFirmMaximumThePreferencesGoTo240();
    void adminSetsTheFirmMaximumInTheUi();
    void onlyAnAdminMaySetTheSessionPolicy();

private:
    void makeController(ui::ShellOptions options = {});
    // Signs in through the unlock dialog and waits for the main window (and, for case roles, the case list).
    ui::MainWindow* signIn(const QString& username);
    qint64 createCase();
    bool activate(QWidget* window);
    void pressHideKey(QWidget* target) { QTest::keyClick(target, Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier); }
    // Copies `text` from the case list's search field with Ctrl+C, as a person would.
    QLineEdit* copyFromSearchField(ui::MainWindow* main, const QString& text);

    std::unique_ptr<test::TestFirm> m_firm;
    RecordingPrompter m_prompter;
    std::unique_ptr<ui::VaultSession> m_session;
    std::unique_ptr<ui::AppController> m_controller;
};

void SessionSafetyTest::initTestCase()
{
    test::useTestSettings();
}

void SessionSafetyTest::init()
{
    QSettings().clear();
    m_prompter.reset();
    clipboard()->clear();
    m_firm = std::make_unique<test::TestFirm>();
    m_session = std::make_unique<ui::VaultSession>(m_firm->options(), core::KdfProfile::fastForTestsOnly());
    makeController();
}

void SessionSafetyTest::cleanup()
{
    m_controller.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_firm.reset();
    clipboard()->clear();
}

void SessionSafetyTest::makeController(ui::ShellOptions options)
{
    m_controller.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_controller = std::make_unique<ui::AppController>(*m_session, m_prompter, options);
    m_controller->start();
}

ui::MainWindow* SessionSafetyTest::signIn(const QString& username)
{
    m_controller->openVault(m_firm->path());
    ui::UnlockDialog* unlock = m_controller->unlockDialog();
    if (unlock == nullptr) {
        return nullptr;
    }
    submitUnlock(unlock, username, test::TestFirm::passphraseOf(username));
    if (!QTest::qWaitFor([&] { return m_controller->mainWindow() != nullptr; }, 5000)) {
        return nullptr;
    }
    ui::MainWindow* main = m_controller->mainWindow();
    main->resize(1000, 700);
    if (main->caseWorkspace() != nullptr
        && !QTest::qWaitFor([&] { return !main->caseWorkspace()->listPanel()->isLoading(); }, 5000)) {
        return nullptr;
    }
    return main;
}

qint64 SessionSafetyTest::createCase()
{
    core::CaseService service(m_firm->solicitor());
    core::NewCase c;
    c.client.fullName = kClient;
    c.client.dateOfBirth = QDate(1990, 5, 6);
    core::Incident incident;
    incident.start = QDate(2001, 3, 1);
    incident.startPrecision = core::DatePrecision::Month;
    incident.abuseTypes = {QStringLiteral("sexual")};
    c.incidents.push_back(incident);
    c.consent.processingForClaim = true;
    c.consent.contact = true;
    c.supervisor = QStringLiteral("sam");
    auto created = service.create(c);
    if (!created) {
        qFatal("creating a test case failed: %s", qPrintable(created.error().message));
    }
    return created->id;
}

bool SessionSafetyTest::activate(QWidget* window)
{
    window->activateWindow();
    return QTest::qWaitForWindowActive(window);
}

QLineEdit* SessionSafetyTest::copyFromSearchField(ui::MainWindow* main, const QString& text)
{
    auto* edit = main->findChild<QLineEdit*>(QStringLiteral("caseSearchEdit"));
    if (edit == nullptr) {
        return nullptr;
    }
    edit->setText(text);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_C, Qt::ControlModifier);
    return edit;
}

// --- Hide screen ---------------------------------------------------------------------------------------------------

void SessionSafetyTest::hideKeyCoversEveryWindowAndASecondPressRevealsIt()
{
    const qint64 caseId = createCase();
    QPointer<ui::MainWindow> main = signIn(QStringLiteral("sam"));
    QVERIFY(main);
    QVERIFY(main->caseWorkspace()->openCase(caseId) != nullptr);
    main->showDeadlineDiary();
    main->showTherapyFund();
    const QList<QWidget*> windows = visibleWindows();
    QVERIFY2(windows.size() >= 3, qPrintable(QString::number(windows.size())));  // main window, diary, fund
    QList<QString> titles;
    for (QWidget* w : windows) {
        titles << w->windowTitle();
    }
    QVERIFY2(main->windowTitle().contains(QStringLiteral("-20")), qPrintable(main->windowTitle()));  // the reference

    // From the diary, not the main window: the key works in every window.
    auto* diary = main->findChild<ui::DiaryWindow*>();
    QVERIFY(diary != nullptr && windows.contains(diary));
    QVERIFY(main->findChild<ui::TherapyFundWindow*>() != nullptr);
    QVERIFY(activate(diary));
    pressHideKey(diary);

    QVERIFY(m_controller->screenHider().isHidden());
    for (QWidget* w : windows) {
        QWidget* cover = visibleCover(w);
        QVERIFY2(cover != nullptr, w->metaObject()->className());
        QCOMPARE(cover->geometry(), w->rect());
        QVERIFY(coverIsOnTop(w, cover));
        QCOMPARE(w->windowTitle(), QStringLiteral("ClaimDesk"));
        auto* label = cover->findChild<QLabel*>(QStringLiteral("screenCoverLabel"));
        QVERIFY(label != nullptr);
        QCOMPARE(label->text(),
                 QStringLiteral("ClaimDesk — screen hidden. Press Ctrl+Shift+H or unlock to show it."));
    }
    saveShot(main, QStringLiteral("main-window-hidden.png"));

    // The second press, from the main window this time.
    QVERIFY(activate(main));
    pressHideKey(main);
    QVERIFY(!m_controller->screenHider().isHidden());
    for (qsizetype i = 0; i < windows.size(); ++i) {
        QVERIFY(visibleCover(windows[i]) == nullptr);
        QCOMPARE(windows[i]->windowTitle(), titles[i]);
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(main->findChild<QWidget*>(QStringLiteral("screenCover")) == nullptr);
    QVERIFY(m_session->isUnlocked());  // a privacy screen, not a lock
}

void SessionSafetyTest::noKeyPressShortcutOrClickReachesACoveredWidget()
{
    ui::MainWindow* main = signIn(QStringLiteral("sam"));
    QVERIFY(main);
    auto* search = main->findChild<QLineEdit*>(QStringLiteral("caseSearchEdit"));
    auto* privacyButton = main->findChild<QToolButton*>(QStringLiteral("privacyModeButton"));
    QVERIFY(search != nullptr && privacyButton != nullptr);
    const bool privacy = action(main, "privacyModeAction")->isChecked();
    KeyPressCounter counter;
    search->installEventFilter(&counter);
    main->installEventFilter(&counter);
    QVERIFY(activate(main));
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("ab"));
    QCOMPARE(search->text(), QStringLiteral("ab"));
    QCOMPARE(counter.presses, 2);  // the counter works

    pressHideKey(main);  // QTest presses Shift and Control first: those still reach the main window
    QVERIFY(m_controller->screenHider().isHidden());
    const int before = counter.presses;
    QTest::keyClicks(search, QStringLiteral("xyz"));
    QTest::keyClick(search, Qt::Key_Backspace);
    QTest::keyClick(search, Qt::Key_Return);
    QTest::keyClick(main, Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);  // privacy mode's shortcut
    QTest::keyClick(main, Qt::Key_F, Qt::AltModifier);                           // a menu mnemonic
    QTest::mouseClick(privacyButton, Qt::LeftButton);
    QCOMPARE(counter.presses, before);
    QCOMPARE(search->text(), QStringLiteral("ab"));
    QCOMPARE(action(main, "privacyModeAction")->isChecked(), privacy);
    QVERIFY(QApplication::activePopupWidget() == nullptr);
    QVERIFY(m_controller->screenHider().isHidden());

    pressHideKey(search);
    QVERIFY(!m_controller->screenHider().isHidden());
    QTest::keyClicks(search, QStringLiteral("c"));
    QCOMPARE(search->text(), QStringLiteral("abc"));
    search->removeEventFilter(&counter);
    main->removeEventFilter(&counter);
}

void SessionSafetyTest::hideKeyWorksWhileAModalDialogIsOpen()
{
    ui::MainWindow* main = signIn(QStringLiteral("ada"));
    QVERIFY(main);
    action(main, "preferencesAction")->trigger();
    auto* preferences = main->findChild<ui::PreferencesDialog*>();
    QVERIFY(preferences != nullptr);
    QVERIFY(QApplication::activeModalWidget() == preferences);
    auto* spin = preferences->findChild<QSpinBox*>(QStringLiteral("autoLockSpinBox"));
    const int value = spin->value();

    pressHideKey(spin);
    QVERIFY(m_controller->screenHider().isHidden());
    QVERIFY(visibleCover(preferences) != nullptr);
    QVERIFY(visibleCover(main) != nullptr);
    QTest::keyClick(spin, Qt::Key_Up);
    QCOMPARE(spin->value(), value);

    pressHideKey(spin);
    QVERIFY(!m_controller->screenHider().isHidden());
    QVERIFY(preferences->isVisible());  // still there, as it was
    QTest::keyClick(spin, Qt::Key_Up);
    QCOMPARE(spin->value(), value + 1);
}

void SessionSafetyTest::windowShownOrRetitledWhileHiddenIsCoveredAndKeepsItsTitleForLater()
{
    ui::MainWindow* main = signIn(QStringLiteral("ada"));
    QVERIFY(main);
    const QString mainTitle = main->windowTitle();
    m_controller->toggleScreenHidden();
    QVERIFY(m_controller->screenHider().isHidden());

    main->showCourtClosures();  // as a background task's window might appear
    QWidget* closures = nullptr;
    for (QWidget* w : visibleWindows()) {
        if (w != main && w->parentWidget() == main) {
            closures = w;
        }
    }
    QVERIFY(closures != nullptr);
    QVERIFY(visibleCover(closures) != nullptr);
    QCOMPARE(closures->windowTitle(), QStringLiteral("ClaimDesk"));
    main->setWindowTitle(QStringLiteral("CD-2026-0007 — ClaimDesk"));  // a case opened in the background
    QCOMPARE(main->windowTitle(), QStringLiteral("ClaimDesk"));

    m_controller->toggleScreenHidden();
    QCOMPARE(closures->windowTitle(), QStringLiteral("Court closure days — ClaimDesk"));
    QCOMPARE(main->windowTitle(), QStringLiteral("CD-2026-0007 — ClaimDesk"));
    QVERIFY(mainTitle != main->windowTitle());
}

void SessionSafetyTest::lockRevealsAndUnlockShowsTheWindowsAgain()
{
    QPointer<ui::MainWindow> main = signIn(QStringLiteral("ada"));
    QVERIFY(main);
    QVERIFY(activate(main));
    pressHideKey(main);
    QVERIFY(m_controller->screenHider().isHidden());

    QTest::keyClick(main, Qt::Key_L, Qt::ControlModifier);  // the lock key still works on a hidden screen
    QVERIFY(!m_session->isUnlocked());
    QVERIFY(!m_controller->screenHider().isHidden());
    ui::UnlockDialog* unlock = m_controller->unlockDialog();
    QVERIFY(unlock != nullptr && unlock->isVisible());
    QVERIFY(visibleCover(unlock) == nullptr);
    QVERIFY(unlock->windowTitle().startsWith(QStringLiteral("Unlock ")));

    submitUnlock(unlock, QStringLiteral("ada"), test::TestFirm::passphraseOf(QStringLiteral("ada")));
    QTRY_VERIFY(m_controller->mainWindow() != nullptr);
    QVERIFY(visibleCover(m_controller->mainWindow()) == nullptr);
    QVERIFY(m_controller->mainWindow()->windowTitle().endsWith(QStringLiteral("— ClaimDesk")));
}

void SessionSafetyTest::inputOnAHiddenScreenIsNotActivity()
{
    makeController(ui::ShellOptions {400ms});
    QPointer<ui::MainWindow> main = signIn(QStringLiteral("ada"));
    QVERIFY(main);
    m_controller->toggleScreenHidden();
    for (int i = 0; i < 8 && main; ++i) {  // 8 × 150 ms of typing: three times the delay
        QTest::qWait(150);
        if (main) {
            QTest::keyClick(main, Qt::Key_Shift);
            QTest::mouseMove(main, QPoint(10 + i, 10 + i));
        }
    }
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isUnlocked(), 2000);
    QVERIFY(!m_controller->screenHider().isHidden());
    QVERIFY(m_controller->unlockDialog() != nullptr && m_controller->unlockDialog()->isVisible());
}

void SessionSafetyTest::hideScreenIsInTheFileAndViewMenusWithItsShortcut()
{
    ui::MainWindow* main = signIn(QStringLiteral("sam"));
    QVERIFY(main);
    QAction* hide = action(main, "hideScreenAction");
    QVERIFY(hide != nullptr);
    QCOMPARE(hide->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    QCOMPARE(hide->shortcutContext(), Qt::ApplicationShortcut);
    QStringList menus;
    for (QObject* widget : hide->associatedObjects()) {
        if (auto* menu = qobject_cast<QMenu*>(widget)) {
            menus << menu->title();
        }
    }
    menus.sort();
    QCOMPARE(menus, (QStringList {QStringLiteral("&File"), QStringLiteral("&View")}));
    if (!qEnvironmentVariableIsEmpty("CLAIMDESK_SAFETY_SHOTS")) {
        auto* file = qobject_cast<QMenu*>(hide->associatedObjects().constFirst());
        file->popup(main->mapToGlobal(QPoint(0, 0)));
        QTest::qWait(50);
        saveShot(file, QStringLiteral("file-menu.png"));
        file->close();
    }
    hide->trigger();
    QVERIFY(m_controller->screenHider().isHidden());
}

// --- Clipboard -----------------------------------------------------------------------------------------------------

void SessionSafetyTest::copiedTextIsMarkedSecretAndClearedAfterTheTimeout()
{
    m_controller->clipboardGuard().setTimeout(400ms);
    ui::MainWindow* main = signIn(QStringLiteral("sam"));
    QVERIFY(main);
    QVERIFY(copyFromSearchField(main, kClient) != nullptr);
    QCOMPARE(clipboard()->text(), kClient);
    const QMimeData* data = clipboard()->mimeData();
    QVERIFY(data != nullptr);
    QCOMPARE(data->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
    QVERIFY(ui::ClipboardGuard::isFromThisProcess(QClipboard::Clipboard, *data));
    QVERIFY(m_controller->clipboardGuard().isWaiting());

    QTest::qWait(150);
    QCOMPARE(clipboard()->text(), kClient);  // not before its time
    QTRY_VERIFY_WITH_TIMEOUT(clipboard()->text().isEmpty(), 3000);
    QVERIFY(!m_controller->clipboardGuard().isWaiting());
    QVERIFY(m_session->isUnlocked());
}

void SessionSafetyTest::textAnotherProgramPutThereMeanwhileIsLeftAlone()
{
    m_controller->clipboardGuard().setTimeout(300ms);
    m_controller->clipboardGuard().setOwnershipProbe(
        [](QClipboard::Mode, const QMimeData& data) { return !data.hasFormat(kOtherProgramFormat); });
    ui::MainWindow* main = signIn(QStringLiteral("sam"));
    QVERIFY(main);
    QVERIFY(copyFromSearchField(main, kClient) != nullptr);
    QCOMPARE(clipboard()->text(), kClient);

    auto* other = new QMimeData;  // the clipboard takes it
    other->setText(QStringLiteral("a shopping list from another program"));
    other->setData(kOtherProgramFormat, QByteArray("1"));
    clipboard()->setMimeData(other);
    QTest::qWait(700);
    QCOMPARE(clipboard()->text(), QStringLiteral("a shopping list from another program"));
    QVERIFY(!clipboard()->mimeData()->hasFormat(ui::ClipboardGuard::secretHintFormat()));  // not ours to mark
    m_controller->lock(ui::LockReason::UserRequest);
    QCOMPARE(clipboard()->text(), QStringLiteral("a shopping list from another program"));
}

void SessionSafetyTest::lockAndQuitClearTheClipboard_data()
{
    QTest::addColumn<bool>("quit");
    QTest::addRow("Ctrl+L") << false;
    QTest::addRow("quit") << true;
}

void SessionSafetyTest::lockAndQuitClearTheClipboard()
{
    QFETCH(bool, quit);
    ui::MainWindow* main = signIn(QStringLiteral("sam"));
    QVERIFY(main);
    QCOMPARE(m_controller->clipboardGuard().timeout(), std::chrono::milliseconds(30s));
    QVERIFY(copyFromSearchField(main, kClient) != nullptr);
    QCOMPARE(clipboard()->text(), kClient);
    if (quit) {
        m_controller->shutdown();  // what the application's aboutToQuit runs
    } else {
        QVERIFY(activate(main));
        QTest::keyClick(main, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(!m_session->isUnlocked());
    }
    QVERIFY(clipboard()->text().isEmpty());
    QVERIFY(!m_controller->clipboardGuard().isWaiting());
}

void SessionSafetyTest::autoLockClearsTheClipboard()
{
    makeController(ui::ShellOptions {500ms});
    ui::MainWindow* main = signIn(QStringLiteral("sam"));
    QVERIFY(main);
    QVERIFY(copyFromSearchField(main, kClient) != nullptr);
    QCOMPARE(clipboard()->text(), kClient);
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isUnlocked(), 5000);
    QVERIFY(clipboard()->text().isEmpty());
}

void SessionSafetyTest::copyFromATableIsGuardedToo()
{
    m_controller->clipboardGuard().setTimeout(300ms);
    QStandardItemModel model(1, 1);
    model.setItem(0, 0, new QStandardItem(kClient));
    QTableView view;
    view.setModel(&model);
    view.show();
    view.setCurrentIndex(model.index(0, 0));
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboard()->text(), kClient);
    QCOMPARE(clipboard()->mimeData()->data(ui::ClipboardGuard::secretHintFormat()), QByteArray("secret"));
    QTRY_VERIFY_WITH_TIMEOUT(clipboard()->text().isEmpty(), 3000);
}

// --- Firm maximum auto-lock delay ----------------------------------------------------------------------------------

void SessionSafetyTest::firmMaximumCapsTheDelayAndThePreferences()
{
    QVERIFY(core::SessionPolicy(m_firm->admin()).setMaxAutoLockMinutes(10).ok());
    ui::AppSettings::setAutoLockMinutes(30);
    ui::MainWindow* main = signIn(QStringLiteral("pat"));
    QVERIFY(main);
    QCOMPARE(m_controller->effectiveAutoLockMinutes(), 10);
    QCOMPARE(m_controller->inactivityLocker().timeout(), std::chrono::milliseconds(10min));

    action(main, "preferencesAction")->trigger();
    auto* preferences = main->findChild<ui::PreferencesDialog*>();
    QVERIFY(preferences != nullptr);
    auto* spin = preferences->findChild<QSpinBox*>(QStringLiteral("autoLockSpinBox"));
    QCOMPARE(spin->maximum(), 10);
    QCOMPARE(spin->value(), 10);
    auto* limit = preferences->findChild<QLabel*>(QStringLiteral("firmLimitLabel"));
    QVERIFY(limit->isVisible());
    QCOMPARE(limit->text(), QStringLiteral("Your firm allows at most 10 minutes."));
    saveShot(preferences, QStringLiteral("preferences-firm-limit.png"));
    spin->setValue(40);  // clamped by the spin box
    QCOMPARE(spin->value(), 10);
    spin->setValue(4);
    preferences->accept();
    QCOMPARE(ui::AppSettings::autoLockMinutes(), 4);
    QCOMPARE(m_controller->inactivityLocker().timeout(), std::chrono::milliseconds(4min));
}

void SessionSafetyTest::withoutAFirmMaximumThePreferencesGoTo240()
{
    ui::AppSettings::setAutoLockMinutes(30);
    ui::MainWindow* main = signIn(QStringLiteral("pat"));
    QVERIFY(main);
    QCOMPARE(m_controller->inactivityLocker().timeout(), std::chrono::milliseconds(30min));
    action(main, "preferencesAction")->trigger();
    auto* preferences = main->findChild<ui::PreferencesDialog*>();
    QCOMPARE(preferences->findChild<QSpinBox*>(QStringLiteral("autoLockSpinBox"))->maximum(), 240);
    QVERIFY(!preferences->findChild<QLabel*>(QStringLiteral("firmLimitLabel"))->isVisible());
}

void SessionSafetyTest::adminSetsTheFirmMaximumInTheUi()
{
    ui::AppSettings::setAutoLockMinutes(30);
    ui::MainWindow* main = signIn(QStringLiteral("ada"));
    QVERIFY(main);
    QCOMPARE(m_controller->inactivityLocker().timeout(), std::chrono::milliseconds(30min));
    QAction* policy = action(main, "sessionPolicyAction");
    QVERIFY(policy != nullptr && policy->isEnabled());
    policy->trigger();
    auto* dialog = main->findChild<ui::SessionPolicyDialog*>();
    QVERIFY(dialog != nullptr);
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("currentLabel"))->text().contains(QStringLiteral("No firm")));
    saveShot(dialog, QStringLiteral("session-policy-dialog.png"));
    dialog->findChild<QSpinBox*>(QStringLiteral("maxAutoLockSpinBox"))->setValue(12);
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QVERIFY2(m_prompter.count(RecordingPrompter::Kind::Error) == 0,
             qPrintable(m_prompter.calls.isEmpty() ? QString() : m_prompter.calls.last().text));
    QCOMPARE(m_session->maxAutoLockMinutes(), std::optional<int>(12));
    QCOMPARE(m_controller->inactivityLocker().timeout(), std::chrono::milliseconds(12min));  // at once, here
    QVERIFY(main->findChild<QLabel*>(QStringLiteral("lockHintLabel"))->text().contains(QStringLiteral("12 minutes")));

    // Kept in the vault and recorded.
    auto stored = core::SessionPolicy(m_firm->supervisor()).maxAutoLockMinutes();
    QVERIFY(stored.ok());
    QCOMPARE(*stored, std::optional<int>(12));
    auto entries = m_firm->supervisor().auditEntries();
    QVERIFY(entries.ok());
    QVERIFY(std::any_of(entries->begin(), entries->end(), [](const core::AuditEntry& e) {
        return e.action == QStringLiteral("session.policy.set") && e.username == QStringLiteral("ada");
    }));
}

void SessionSafetyTest::onlyAnAdminMaySetTheSessionPolicy()
{
    ui::MainWindow* main = signIn(QStringLiteral("sam"));
    QVERIFY(main);
    QAction* policy = action(main, "sessionPolicyAction");
    QVERIFY(policy != nullptr);
    QVERIFY(!policy->isEnabled());
    QVERIFY2(policy->toolTip().contains(QStringLiteral("Only an admin")), qPrintable(policy->toolTip()));
    main->showSessionPolicy();  // even when called directly
    QVERIFY(main->findChild<ui::SessionPolicyDialog*>() == nullptr);
    // And the session refuses, with the refusal recorded by core.
    QCOMPARE(m_session->setMaxAutoLockMinutes(60).error().code, core::ErrorCode::PermissionDenied);
    QCOMPARE(m_session->maxAutoLockMinutes(), std::optional<int>());
}

QTEST_MAIN(SessionSafetyTest)
#include "tst_ui_session_safety.moc"
