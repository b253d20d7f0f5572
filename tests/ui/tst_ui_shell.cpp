// The shell as a whole (AppController): locking, first sign-in, the admin-only menu items, backup, the
// start screen's recent list and the demo vault.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "ui/admin/AddUserDialog.h"
#include "ui/admin/UsersDialog.h"
#include "ui/admin/UsersModel.h"
#include "ui/common/AppSettings.h"
#include "ui/common/MessageBoxPrompter.h"
#include "ui/shell/AppController.h"
#include "ui/shell/ChangePassphraseDialog.h"
#include "ui/shell/CreateVaultDialog.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/PreferencesDialog.h"
#include "ui/shell/StartScreen.h"
#include "ui/shell/UnlockDialog.h"

#include "demo/DemoVault.h"
#include "store/Vault.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace claimdesk;
using namespace std::chrono_literals;
using test::RecordingPrompter;

namespace {

// Fills in the unlock dialog and presses Unlock.
void submitUnlock(ui::UnlockDialog* dialog, const QString& username, const QString& passphrase)
{
    dialog->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(username);
    auto* passphraseEdit = dialog->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"));
    passphraseEdit->setText(passphrase);
    QTest::keyClick(passphraseEdit, Qt::Key_Return);
}

QAction* action(QWidget* window, const char* name)
{
    return window->findChild<QAction*>(QString::fromLatin1(name));
}

}  // namespace

class ShellTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void autoLockClosesDialogsClearsMainWindowAndShowsUnlockForSameVault();
    void autoLockClosesAMessageBoxWaitingForAnAnswer();
    void autoLockIsRecordedAsInactivityInTheAuditLog();
    void ctrlLLocksAndShowsUnlockWithUsernameKept();
    void activityKeepsTheSessionOpen();
    void ctrlLLocksEvenWhileAModalDialogIsOpen();
    void preferencesChangeTheAutoLockDelay();
    void welcomePanelStatesTheAutoLockDelayInWords();
    void oneTimePassphraseForcesChangeBeforeMainWindow();
    void signingOutOfFirstSignInLocksAgain();
    void usersActionIsDisabledWithReasonForNonAdmin();
    void usersActionOpensUsersDialogForAdmin();
    void windowTitleAndSettingsHoldNoUserData();
    void backupWritesVaultAndKeyFileAndReportsPath();
    void backupOfAReopenedVaultWorks();
    void startScreenShowsMissingRecentVaultAsMissing();
    void unlockedVaultIsRememberedInRecentList();
    void openAVaultAsksForTheFileThroughPrompter();
    void demoVaultShowsAccountsThatSignIn();

private:
    QString lastError() const
    {
        const RecordingPrompter::Call* call = m_prompter.last(RecordingPrompter::Kind::Error);
        return call != nullptr ? call->text : QString();
    }
    // Opens the vault through the controller's unlock dialog and waits for the main window.
    ui::MainWindow* signIn(const QString& username, const QString& passphrase);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_vaultPath;
    RecordingPrompter m_prompter;
    std::unique_ptr<ui::VaultSession> m_session;
    std::unique_ptr<ui::AppController> m_controller;
};

void ShellTest::initTestCase()
{
    test::useTestSettings();
}

void ShellTest::init()
{
    QSettings().clear();
    m_prompter.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_vaultPath = test::createLockedVault(*m_dir);
    m_session = test::makeSession(*m_dir);
    m_controller = std::make_unique<ui::AppController>(*m_session, m_prompter, ui::ShellOptions {});
    m_controller->start();
}

void ShellTest::cleanup()
{
    m_controller.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_dir.reset();
}

ui::MainWindow* ShellTest::signIn(const QString& username, const QString& passphrase)
{
    m_controller->openVault(m_vaultPath);
    ui::UnlockDialog* unlock = m_controller->unlockDialog();
    if (unlock == nullptr) {
        return nullptr;
    }
    submitUnlock(unlock, username, passphrase);
    if (!QTest::qWaitFor([&] { return m_controller->mainWindow() != nullptr; }, 5000)) {
        return nullptr;
    }
    return m_controller->mainWindow();
}

void ShellTest::autoLockClosesDialogsClearsMainWindowAndShowsUnlockForSameVault()
{
    m_controller = std::make_unique<ui::AppController>(*m_session, m_prompter, ui::ShellOptions {300ms});
    m_controller->start();
    QPointer<ui::MainWindow> main = signIn(QStringLiteral("ada"), QString::fromUtf8(test::kAdminPassphrase));
    QVERIFY(main);
    QVERIFY(main->isVisible());
    QVERIFY(test::anyWidgetShows(QStringLiteral("Ada Admin")));

    // An admin dialog with a model, and a form inside it with something typed.
    action(main, "usersAction")->trigger();
    QPointer<ui::UsersDialog> users = main->findChild<ui::UsersDialog*>();
    QVERIFY(users);
    QPointer<ui::UsersModel> model = users->model();
    QCOMPARE(model->rowCount(), 1);
    users->findChild<QPushButton*>(QStringLiteral("addUserButton"))->click();
    QPointer<ui::AddUserDialog> addUser = users->findChild<ui::AddUserDialog*>();
    QVERIFY(addUser);
    QTest::keyClicks(addUser->findChild<QLineEdit*>(QStringLiteral("displayNameEdit")),
                     QStringLiteral("Bob Barrister"));
    QCOMPARE(test::visibleDialogs().size(), 2);

    // Then nobody touches anything.
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->unlockDialog() != nullptr && m_controller->unlockDialog()->isVisible(),
                             5000);
    QVERIFY(!m_session->isUnlocked());
    QCOMPARE(m_controller->unlockDialog()->vaultPath(), m_vaultPath);
    QVERIFY(m_controller->mainWindow() == nullptr);
    QVERIFY(!model || model->rowCount() == 0);  // cleared at once, then destroyed with its dialog
    QVERIFY(!main || !main->isVisible());
    const QList<QDialog*> open = test::visibleDialogs();
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.constFirst(), m_controller->unlockDialog());
    QVERIFY2(!test::anyWidgetShows(QStringLiteral("Ada Admin")),
             qPrintable(test::whereWidgetShows(QStringLiteral("Ada Admin"))));
    QVERIFY2(!test::anyWidgetShows(QStringLiteral("Bob Barrister")),
             qPrintable(test::whereWidgetShows(QStringLiteral("Bob Barrister"))));
    QTRY_VERIFY(!main && !users && !addUser && !model);  // and nothing of the session is left alive
}

void ShellTest::autoLockClosesAMessageBoxWaitingForAnAnswer()
{
    // The real prompter: a QMessageBox running its own event loop when the timer fires.
    ui::MessageBoxPrompter realPrompter;
    m_controller = std::make_unique<ui::AppController>(*m_session, realPrompter, ui::ShellOptions {300ms});
    m_controller->start();
    m_controller->openVault(m_vaultPath);
    submitUnlock(m_controller->unlockDialog(), QStringLiteral("ada"), QString::fromUtf8(test::kAdminPassphrase));
    QTRY_VERIFY(m_controller->mainWindow() != nullptr);

    bool stuck = false;
    QTimer safety;  // if the lock failed to close the box, close it so the test fails instead of hanging
    safety.setSingleShot(true);
    connect(&safety, &QTimer::timeout, this, [&] {
        stuck = true;
        for (QDialog* dialog : test::visibleDialogs()) {
            dialog->reject();
        }
    });
    safety.start(5s);
    action(m_controller->mainWindow(), "aboutAction")->trigger();  // blocks in QMessageBox::exec until closed
    safety.stop();

    QVERIFY(!stuck);
    QVERIFY(!m_session->isUnlocked());
    QVERIFY(m_controller->unlockDialog() != nullptr);
    QTRY_COMPARE(test::visibleDialogs().size(), 1);
    QVERIFY(QApplication::topLevelWidgets().size() > 0);
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        QVERIFY2(qobject_cast<QMessageBox*>(widget) == nullptr || !widget->isVisible(), "a message box is still open");
    }
}

void ShellTest::autoLockIsRecordedAsInactivityInTheAuditLog()
{
    m_controller = std::make_unique<ui::AppController>(*m_session, m_prompter, ui::ShellOptions {200ms});
    m_controller->start();
    QVERIFY(signIn(QStringLiteral("ada"), QString::fromUtf8(test::kAdminPassphrase)));
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isUnlocked(), 5000);

    auto vault
        = core::Vault::unlock(m_vaultPath, QStringLiteral("ada"), test::kAdminPassphrase, test::fastOptions(*m_dir));
    QVERIFY(vault);
    auto entries = (*vault)->auditEntries();
    QVERIFY(entries);
    QStringList actions;
    for (const core::AuditEntry& entry : *entries) {
        actions << entry.action;
    }
    QVERIFY2(actions.contains(QStringLiteral("vault.auto-lock")), qPrintable(actions.join(u',')));
}

void ShellTest::ctrlLLocksAndShowsUnlockWithUsernameKept()
{
    QPointer<ui::MainWindow> main = signIn(QStringLiteral("ada"), QString::fromUtf8(test::kAdminPassphrase));
    QVERIFY(main);
    QCOMPARE(action(main, "lockAction")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
    main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(main));

    QTest::keyClick(main, Qt::Key_L, Qt::ControlModifier);

    QVERIFY(!m_session->isUnlocked());
    ui::UnlockDialog* unlock = m_controller->unlockDialog();
    QVERIFY(unlock != nullptr);
    QVERIFY(unlock->isVisible());
    QCOMPARE(unlock->vaultPath(), m_vaultPath);
    QCOMPARE(unlock->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->text(), QStringLiteral("ada"));
    QVERIFY(unlock->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->text().isEmpty());
    QTRY_VERIFY(!main);
    QVERIFY2(!test::anyWidgetShows(QStringLiteral("Ada Admin")),
             qPrintable(test::whereWidgetShows(QStringLiteral("Ada Admin"))));
}

void ShellTest::activityKeepsTheSessionOpen()
{
    m_controller = std::make_unique<ui::AppController>(*m_session, m_prompter, ui::ShellOptions {400ms});
    m_controller->start();
    ui::MainWindow* main = signIn(QStringLiteral("ada"), QString::fromUtf8(test::kAdminPassphrase));
    QVERIFY(main);
    for (int i = 0; i < 6; ++i) {  // 6 × 150 ms of typing is well past the timeout
        QTest::qWait(150);
        QTest::keyClick(main, Qt::Key_Shift);
        QVERIFY(m_session->isUnlocked());
    }
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isUnlocked(), 5000);  // and then it stops
}

void ShellTest::ctrlLLocksEvenWhileAModalDialogIsOpen()
{
    ui::MainWindow* main = signIn(QStringLiteral("ada"), QString::fromUtf8(test::kAdminPassphrase));
    QVERIFY(main);
    action(main, "preferencesAction")->trigger();
    auto* preferences = main->findChild<ui::PreferencesDialog*>();
    QVERIFY(preferences != nullptr);
    QVERIFY(QApplication::activeModalWidget() == preferences);
    QTest::keyClick(preferences->findChild<QSpinBox*>(), Qt::Key_L, Qt::ControlModifier);
    QVERIFY(!m_session->isUnlocked());
    QVERIFY(m_controller->unlockDialog() != nullptr && m_controller->unlockDialog()->isVisible());
    QCOMPARE(test::visibleDialogs().size(), 1);
}

void ShellTest::preferencesChangeTheAutoLockDelay()
{
    QCOMPARE(m_controller->inactivityLocker().timeout(), std::chrono::milliseconds(5min));
    ui::MainWindow* main = signIn(QStringLiteral("ada"), QString::fromUtf8(test::kAdminPassphrase));
    QVERIFY(main);
    action(main, "preferencesAction")->trigger();
    auto* preferences = main->findChild<ui::PreferencesDialog*>();
    preferences->findChild<QSpinBox*>(QStringLiteral("autoLockSpinBox"))->setValue(7);
    preferences->accept();
    QCOMPARE(ui::AppSettings::autoLockMinutes(), 7);
    QCOMPARE(m_controller->inactivityLocker().timeout(), std::chrono::milliseconds(7min));
    QVERIFY(main->findChild<QLabel*>(QStringLiteral("lockHintLabel"))->text().contains(QStringLiteral("7 minutes")));
}

void ShellTest::welcomePanelStatesTheAutoLockDelayInWords()
{
    ui::AppSettings::setAutoLockMinutes(1);
    ui::MainWindow* main = signIn(QStringLiteral("ada"), QString::fromUtf8(test::kAdminPassphrase));
    QVERIFY(main);
    const QString hint = main->findChild<QLabel*>(QStringLiteral("lockHintLabel"))->text();
    QVERIFY2(hint.contains(QStringLiteral("after 1 minute without")), qPrintable(hint));  // English plural forms
    QVERIFY(
        main->findChild<QLabel*>(QStringLiteral("welcomeHeadingLabel"))->text().contains(QStringLiteral("Ada Admin")));
}

void ShellTest::oneTimePassphraseForcesChangeBeforeMainWindow()
{
    test::addUserToVault(*m_dir, QStringLiteral("bob"), QStringLiteral("Bob Barrister"), core::Role::Solicitor,
                         "bob one-time passphrase");
    m_controller->openVault(m_vaultPath);
    submitUnlock(m_controller->unlockDialog(), QStringLiteral("bob"), QStringLiteral("bob one-time passphrase"));
    QTRY_VERIFY(m_controller->firstSignInDialog() != nullptr && m_controller->firstSignInDialog()->isVisible());
    QVERIFY(m_controller->mainWindow() == nullptr);
    ui::ChangePassphraseDialog* change = m_controller->firstSignInDialog();
    QVERIFY(!change->findChild<QLineEdit*>(QStringLiteral("currentEdit"))->isVisible());  // it knows the one-time one

    change->findChild<QLineEdit*>(QStringLiteral("newEdit"))->setText(QStringLiteral("bob's very own passphrase"));
    change->findChild<QLineEdit*>(QStringLiteral("repeatEdit"))->setText(QStringLiteral("bob's very own passphrase"));
    change->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();

    QTRY_VERIFY(m_controller->mainWindow() != nullptr);
    QVERIFY(m_controller->mainWindow()->isVisible());
    QVERIFY(!m_session->currentUser().mustChangePassphrase);
    m_controller->lock(ui::LockReason::UserRequest);
    QVERIFY(test::unlockSession(*m_session, m_vaultPath, QStringLiteral("bob"), "bob's very own passphrase"));
}

void ShellTest::signingOutOfFirstSignInLocksAgain()
{
    test::addUserToVault(*m_dir, QStringLiteral("bob"), QStringLiteral("Bob Barrister"), core::Role::Solicitor,
                         "bob one-time passphrase");
    m_controller->openVault(m_vaultPath);
    submitUnlock(m_controller->unlockDialog(), QStringLiteral("bob"), QStringLiteral("bob one-time passphrase"));
    QTRY_VERIFY(m_controller->firstSignInDialog() != nullptr);
    m_controller->firstSignInDialog()->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel)->click();

    QVERIFY(!m_session->isUnlocked());
    QVERIFY(m_controller->mainWindow() == nullptr);
    QVERIFY(m_controller->unlockDialog() != nullptr && m_controller->unlockDialog()->isVisible());
}

void ShellTest::usersActionIsDisabledWithReasonForNonAdmin()
{
    test::addUserToVault(*m_dir, QStringLiteral("pat"), QStringLiteral("Pat Paralegal"), core::Role::Paralegal,
                         "pat one-time passphrase");
    {
        auto pat = core::Vault::unlock(m_vaultPath, QStringLiteral("pat"), "pat one-time passphrase",
                                       test::fastOptions(*m_dir));
        QVERIFY(pat);
        QVERIFY((*pat)->changePassphrase("pat one-time passphrase", "pat's own passphrase"));
    }
    ui::MainWindow* main = signIn(QStringLiteral("pat"), QStringLiteral("pat's own passphrase"));
    QVERIFY(main);
    QAction* users = action(main, "usersAction");
    QVERIFY(!users->isEnabled());
    QVERIFY2(users->toolTip().contains(QStringLiteral("admin")), qPrintable(users->toolTip()));
    QVERIFY(!action(main, "backupAction")->isEnabled());
    QVERIFY(action(main, "changePassphraseAction")->isEnabled());
    QVERIFY(action(main, "lockAction")->isEnabled());
    main->showUsers();  // even when called directly, no Users dialog for a paralegal
    QVERIFY(main->findChild<ui::UsersDialog*>() == nullptr);
}

void ShellTest::usersActionOpensUsersDialogForAdmin()
{
    ui::MainWindow* main = signIn(QStringLiteral("ada"), QString::fromUtf8(test::kAdminPassphrase));
    QVERIFY(main);
    QVERIFY(action(main, "usersAction")->isEnabled());
    action(main, "usersAction")->trigger();
    auto* users = main->findChild<ui::UsersDialog*>();
    QVERIFY(users != nullptr);
    QVERIFY(users->isVisible());
    QCOMPARE(users->model()->rowCount(), 1);
    QCOMPARE(users->selectedUsername(), QStringLiteral("ada"));
}

void ShellTest::windowTitleAndSettingsHoldNoUserData()
{
    ui::MainWindow* main = signIn(QStringLiteral("ada"), QString::fromUtf8(test::kAdminPassphrase));
    QVERIFY(main);
    QCOMPARE(main->windowTitle(), QStringLiteral("test.claimdesk — ClaimDesk"));
    QVERIFY(main->findChild<QLabel*>(QStringLiteral("userStatusLabel"))->text().contains(QStringLiteral("Ada Admin")));
    QVERIFY(main->findChild<QLabel*>(QStringLiteral("vaultStatusLabel"))
                ->text()
                .contains(QStringLiteral("test.claimdesk")));
    m_controller->lock(ui::LockReason::UserRequest);

    QSettings settings;
    for (const QString& key : settings.allKeys()) {
        const QString value = settings.value(key).toString();
        QVERIFY2(!value.contains(QStringLiteral("Ada")) && !value.contains(QString::fromUtf8(test::kAdminPassphrase)),
                 qPrintable(key));
    }
    QVERIFY(settings.contains(QStringLiteral("mainWindow/geometry")));
}

void ShellTest::backupWritesVaultAndKeyFileAndReportsPath()
{
    // A vault created in this session (see backupOfAReopenedVaultWorks for one that was unlocked).
    m_controller->createVault();
    ui::CreateVaultDialog* create = m_controller->createVaultDialog();
    QVERIFY(create != nullptr);
    create->setVaultPath(m_dir->filePath(QStringLiteral("fresh.claimdesk")));
    create->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(QStringLiteral("ada"));
    create->findChild<QLineEdit*>(QStringLiteral("displayNameEdit"))->setText(QStringLiteral("Ada Admin"));
    create->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->setText(QString::fromUtf8(test::kAdminPassphrase));
    create->findChild<QLineEdit*>(QStringLiteral("repeatEdit"))->setText(QString::fromUtf8(test::kAdminPassphrase));
    create->accept();
    QTRY_VERIFY(m_controller->mainWindow() != nullptr);

    const QString target = m_dir->filePath(QStringLiteral("backups/copy.claimdesk"));
    m_prompter.saveAnswers << target;
    action(m_controller->mainWindow(), "backupAction")->trigger();
    QVERIFY(m_session->isBusy());  // off the UI thread
    QVERIFY(m_controller->mainWindow()->findChild<QProgressDialog*>() != nullptr);

    QTRY_VERIFY(!m_session->isBusy());
    QVERIFY2(m_prompter.count(RecordingPrompter::Kind::Error) == 0, qPrintable(lastError()));
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Inform), 1);
    QVERIFY(m_prompter.last(RecordingPrompter::Kind::Inform)->text.contains(target));
    QVERIFY(QFile::exists(target));
    QVERIFY(QFile::exists(target + QStringLiteral("-keys")));
    QVERIFY(m_session->isUnlocked());
    QTRY_VERIFY(m_controller->mainWindow()->findChild<QProgressDialog*>() == nullptr);
}

void ShellTest::backupOfAReopenedVaultWorks()
{
    ui::MainWindow* main = signIn(QStringLiteral("ada"), QString::fromUtf8(test::kAdminPassphrase));
    QVERIFY(main);
    const QString target = m_dir->filePath(QStringLiteral("copy.claimdesk"));
    m_prompter.saveAnswers << target;
    action(main, "backupAction")->trigger();
    QTRY_VERIFY(!m_session->isBusy());
    QVERIFY2(m_prompter.count(RecordingPrompter::Kind::Error) == 0, qPrintable(lastError()));
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Inform), 1);
    QVERIFY(QFile::exists(target));
}

void ShellTest::startScreenShowsMissingRecentVaultAsMissing()
{
    const QString gone = m_dir->filePath(QStringLiteral("moved-away.claimdesk"));
    ui::AppSettings::rememberVault(gone);
    ui::AppSettings::rememberVault(m_vaultPath);
    ui::StartScreen* start = m_controller->startScreen();
    start->reloadRecentVaults();
    auto* list = start->findChild<QListWidget*>(QStringLiteral("recentVaultsList"));
    QCOMPARE(list->count(), 2);
    QVERIFY(list->item(0)->text().startsWith(QStringLiteral("test.claimdesk")));
    QVERIFY(!list->item(0)->text().contains(QStringLiteral("missing")));
    QVERIFY(list->item(1)->text().contains(QStringLiteral("(missing)")));

    list->setCurrentRow(1);
    QVERIFY(start->selectedVault().isEmpty());
    QVERIFY(!start->findChild<QPushButton*>(QStringLiteral("openRecentButton"))->isEnabled());
    start->findChild<QPushButton*>(QStringLiteral("forgetRecentButton"))->click();
    QCOMPARE(list->count(), 1);
    QCOMPARE(ui::AppSettings::recentVaults().size(), 1);
}

void ShellTest::unlockedVaultIsRememberedInRecentList()
{
    QVERIFY(ui::AppSettings::recentVaults().isEmpty());
    QVERIFY(signIn(QStringLiteral("ada"), QString::fromUtf8(test::kAdminPassphrase)));
    QCOMPARE(ui::AppSettings::recentVaults(), QStringList {m_vaultPath});
}

void ShellTest::openAVaultAsksForTheFileThroughPrompter()
{
    m_prompter.openAnswers << QString();  // cancelled: stay on the start screen
    m_controller->startScreen()->findChild<QPushButton*>(QStringLiteral("openVaultButton"))->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::OpenFile), 1);
    QVERIFY(m_controller->unlockDialog() == nullptr);
    QVERIFY(m_controller->startScreen()->isVisible());

    m_prompter.openAnswers << m_vaultPath;
    m_controller->startScreen()->findChild<QPushButton*>(QStringLiteral("openVaultButton"))->click();
    QVERIFY(m_controller->unlockDialog() != nullptr);
    QCOMPARE(m_controller->unlockDialog()->vaultPath(), m_vaultPath);
    QVERIFY(!m_controller->startScreen()->isVisible());
    m_controller->unlockDialog()->reject();  // "Close vault" goes back to the start screen
    QVERIFY(m_controller->startScreen()->isVisible());
}

void ShellTest::demoVaultShowsAccountsThatSignIn()
{
    m_controller->tryDemo();
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->unlockDialog() != nullptr, 10000);
    ui::UnlockDialog* unlock = m_controller->unlockDialog();
    QVERIFY(unlock->findChild<QWidget*>(QStringLiteral("demoAccountsGroupBox"))->isVisible());
    auto* table = unlock->findChild<QTableWidget*>(QStringLiteral("demoAccountsTableWidget"));
    QCOMPARE(table->rowCount(), static_cast<int>(core::DemoVault::accounts().size()));

    const auto& accounts = core::DemoVault::accounts();
    const auto paralegal = std::find_if(accounts.begin(), accounts.end(),
                                        [](const core::DemoAccount& a) { return a.role == core::Role::Paralegal; });
    QVERIFY(paralegal != accounts.end());
    table->setCurrentCell(static_cast<int>(paralegal - accounts.begin()), 0);  // choosing a row fills in the form
    QCOMPARE(unlock->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->text(), paralegal->username);
    QCOMPARE(unlock->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->text(), paralegal->passphrase);
    unlock->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(m_controller->mainWindow() != nullptr);  // no forced passphrase change for demo accounts
    QVERIFY(!action(m_controller->mainWindow(), "usersAction")->isEnabled());
    QVERIFY(ui::AppSettings::recentVaults().isEmpty());  // the demo vault is temporary
}

QTEST_MAIN(ShellTest)
#include "tst_ui_shell.moc"
