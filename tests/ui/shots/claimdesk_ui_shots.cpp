// Renders the shell's main screens to PNG files so a person can look at them:
//   QT_QPA_PLATFORM=offscreen build/tests/ui/claimdesk_ui_shots /tmp/shots
// Uses a temporary demo vault (fast KDF) and a recording Prompter; nothing real is touched.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "ui/admin/AddUserDialog.h"
#include "ui/admin/UsersDialog.h"
#include "ui/common/AppSettings.h"
#include "ui/shell/AppController.h"
#include "ui/shell/ChangePassphraseDialog.h"
#include "ui/shell/CreateVaultDialog.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/PreferencesDialog.h"
#include "ui/shell/StartScreen.h"
#include "ui/shell/UnlockDialog.h"

#include "demo/DemoVault.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTest>

#include <cstdio>

using namespace claimdesk;

namespace {

QDir g_out;

void shoot(QWidget* widget, const QString& name)
{
    widget->show();
    (void)QTest::qWaitForWindowExposed(widget);
    QTest::qWait(50);
    const QString path = g_out.filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(path)) {
        std::fprintf(stderr, "could not save %s\n", qPrintable(path));
    } else {
        std::printf("%s (%dx%d)\n", qPrintable(path), widget->width(), widget->height());
        std::fflush(stdout);
    }
}

bool waitFor(const std::function<bool()>& condition)
{
    return QTest::qWaitFor(condition, 10000);
}

void signIn(ui::AppController& controller, const QString& username, const QString& passphrase)
{
    ui::UnlockDialog* unlock = controller.unlockDialog();
    unlock->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(username);
    unlock->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->setText(passphrase);
    unlock->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    waitFor([&] { return controller.mainWindow() != nullptr; });
}

const core::DemoAccount& demoAccount(core::Role role)
{
    for (const core::DemoAccount& account : core::DemoVault::accounts()) {
        if (account.role == role) {
            return account;
        }
    }
    return core::DemoVault::accounts().front();
}

}  // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    g_out = QDir(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/shots"));
    g_out.mkpath(QStringLiteral("."));
    test::useTestSettings();
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QTemporaryDir dir;
    const QString vault = test::createLockedVault(dir);
    test::RecordingPrompter prompter;
    auto session = test::makeSession(dir);
    ui::AppController controller(*session, prompter);

    // 1. Start screen: a vault, and one that has gone missing.
    ui::AppSettings::rememberVault(QStringLiteral("/srv/shared/Old claims archive.claimdesk"));
    ui::AppSettings::rememberVault(vault);
    controller.start();
    shoot(controller.startScreen(), QStringLiteral("01-start-screen"));
    QSettings().clear();
    controller.startScreen()->reloadRecentVaults();
    shoot(controller.startScreen(), QStringLiteral("01b-start-screen-empty"));

    // 2. Create vault, after a mismatched repeat.
    controller.createVault();
    ui::CreateVaultDialog* create = controller.createVaultDialog();
    create->setVaultPath(QDir::home().filePath(QStringLiteral("Documents/Abuse claims team.claimdesk")));
    create->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(QStringLiteral("jsmith"));
    create->findChild<QLineEdit*>(QStringLiteral("displayNameEdit"))->setText(QStringLiteral("Jo Smith"));
    QTest::keyClicks(create->findChild<QLineEdit*>(QStringLiteral("passphraseEdit")),
                     QStringLiteral("purple otters juggle"));
    QTest::keyClicks(create->findChild<QLineEdit*>(QStringLiteral("repeatEdit")),
                     QStringLiteral("purple otters jugle"));
    create->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    shoot(create, QStringLiteral("02-create-vault-mismatch"));
    create->reject();

    // 3. Unlock: the demo vault with its accounts, then a wrong passphrase on an ordinary vault.
    controller.tryDemo();
    shoot(controller.startScreen(), QStringLiteral("02b-start-screen-preparing-demo"));
    waitFor([&] { return controller.unlockDialog() != nullptr; });
    shoot(controller.unlockDialog(), QStringLiteral("03-unlock-demo"));
    const QString demo = controller.demoVaultPath();
    controller.openVault(vault);
    ui::UnlockDialog* unlock = controller.unlockDialog();
    unlock->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(QStringLiteral("ada"));
    unlock->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->setText(QStringLiteral("wrong guess here"));
    unlock->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    shoot(unlock, QStringLiteral("04a-unlock-busy"));
    waitFor([&] { return !unlock->isBusy(); });
    shoot(unlock, QStringLiteral("04-unlock-wrong-passphrase"));

    // 4. Main window, signed in to the demo vault as the admin.
    controller.openVault(demo);
    signIn(controller, demoAccount(core::Role::Admin).username, demoAccount(core::Role::Admin).passphrase);
    ui::MainWindow* main = controller.mainWindow();
    main->resize(1000, 660);
    shoot(main, QStringLiteral("05-main-window-admin"));

    // 5. Users, and adding one.
    main->showUsers();
    auto* users = main->findChild<ui::UsersDialog*>();
    shoot(users, QStringLiteral("06-users"));
    users->findChild<QPushButton*>(QStringLiteral("addUserButton"))->click();
    auto* add = users->findChild<ui::AddUserDialog*>();
    add->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(QStringLiteral("hkhan"));
    add->findChild<QLineEdit*>(QStringLiteral("displayNameEdit"))->setText(QStringLiteral("Hana Khan"));
    QTest::keyClicks(add->findChild<QLineEdit*>(QStringLiteral("passphraseEdit")),
                     QStringLiteral("hana first sign-in"));
    shoot(add, QStringLiteral("07-add-user"));
    add->reject();
    users->reject();

    // 6. Change passphrase (first sign-in form) and preferences.
    ui::ChangePassphraseDialog firstSignIn(*session, prompter, ui::ChangePassphraseDialog::Mode::FirstSignIn);
    shoot(&firstSignIn, QStringLiteral("08-first-sign-in"));
    ui::ChangePassphraseDialog voluntary(*session, prompter, ui::ChangePassphraseDialog::Mode::Voluntary);
    shoot(&voluntary, QStringLiteral("08b-change-passphrase"));
    firstSignIn.hide();
    voluntary.hide();
    {
        ui::PreferencesDialog preferences(std::nullopt, main);
        shoot(&preferences, QStringLiteral("09-preferences"));
    }

    // 7. Signed in as the paralegal: the Admin menu explains itself.
    controller.lock(ui::LockReason::UserRequest);
    shoot(controller.unlockDialog(), QStringLiteral("10-unlock-after-lock"));
    controller.openVault(demo);
    signIn(controller, demoAccount(core::Role::Paralegal).username, demoAccount(core::Role::Paralegal).passphrase);
    main = controller.mainWindow();
    main->resize(1000, 660);
    shoot(main, QStringLiteral("11-main-window-paralegal"));
    QMenu* adminMenu = main->menuBar()->findChildren<QMenu*>().at(1);
    adminMenu->popup(main->mapToGlobal(QPoint(60, 20)));
    shoot(adminMenu, QStringLiteral("12-admin-menu-paralegal"));
    QMenu* fileMenu = main->menuBar()->findChildren<QMenu*>().at(0);
    adminMenu->hide();
    fileMenu->popup(main->mapToGlobal(QPoint(10, 20)));
    shoot(fileMenu, QStringLiteral("13-file-menu"));
    fileMenu->hide();
    controller.shutdown();
    return 0;
}
