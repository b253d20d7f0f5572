#include "ui/shell/MainWindow.h"

#include "ui/admin/UsersDialog.h"
#include "ui/admin/UsersModel.h"
#include "ui/common/AppSettings.h"
#include "ui/common/Prompter.h"
#include "ui/common/RoleText.h"
#include "ui/session/VaultSession.h"
#include "ui/shell/ChangePassphraseDialog.h"
#include "ui/shell/PreferencesDialog.h"
#include "ui/shell/WelcomePanel.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QProgressDialog>
#include <QStatusBar>

namespace claimdesk::ui {

MainWindow::MainWindow(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QMainWindow(parent),
      m_session(session),
      m_prompter(prompter),
      m_welcome(new WelcomePanel(this)),
      m_vaultStatus(new QLabel(this)),
      m_userStatus(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setCentralWidget(m_welcome);
    m_vaultStatus->setObjectName(QStringLiteral("vaultStatusLabel"));
    m_userStatus->setObjectName(QStringLiteral("userStatusLabel"));
    m_vaultStatus->setTextFormat(Qt::PlainText);
    m_userStatus->setTextFormat(Qt::PlainText);
    m_vaultStatus->setContentsMargins(6, 0, 6, 0);
    m_userStatus->setContentsMargins(6, 0, 6, 0);
    statusBar()->addWidget(m_vaultStatus, 1);
    statusBar()->addPermanentWidget(m_userStatus);
    createMenus();
    if (!restoreGeometry(AppSettings::mainWindowGeometry())) {
        resize(980, 660);
    }
    showSession();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newVault = file->addAction(tr("&New vault…"), this, &MainWindow::newVaultRequested);
    newVault->setObjectName(QStringLiteral("newVaultAction"));
    newVault->setShortcut(QKeySequence::New);
    QAction* openVault = file->addAction(tr("&Open vault…"), this, &MainWindow::openVaultRequested);
    openVault->setObjectName(QStringLiteral("openVaultAction"));
    openVault->setShortcut(QKeySequence::Open);
    file->addSeparator();
    m_backupAction = file->addAction(tr("&Backup…"), this, &MainWindow::backup);
    m_backupAction->setObjectName(QStringLiteral("backupAction"));
    QAction* change = file->addAction(tr("&Change passphrase…"), this, &MainWindow::changePassphrase);
    change->setObjectName(QStringLiteral("changePassphraseAction"));
    QAction* preferences = file->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    preferences->setObjectName(QStringLiteral("preferencesAction"));
    preferences->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction* lock = file->addAction(tr("&Lock"), this, &MainWindow::lockRequested);
    lock->setObjectName(QStringLiteral("lockAction"));
    lock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    lock->setShortcutContext(Qt::ApplicationShortcut);
    QAction* quit = file->addAction(tr("&Quit"), this, &MainWindow::quitRequested);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* admin = menuBar()->addMenu(tr("&Admin"));
    admin->setToolTipsVisible(true);  // so a disabled item can say why
    m_usersAction = admin->addAction(tr("&Users…"), this, &MainWindow::showUsers);
    m_usersAction->setObjectName(QStringLiteral("usersAction"));
    file->setToolTipsVisible(true);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About ClaimDesk"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::showSession()
{
    const core::User user = m_session.currentUser();
    const QString fileName = QFileInfo(m_session.vaultPath()).fileName();
    const bool isAdmin = user.role == core::Role::Admin;
    // The vault's file name is fine in a title; a client's name never is.
    setWindowTitle(tr("%1 — ClaimDesk").arg(fileName));
    m_welcome->showUser(user, fileName, AppSettings::autoLockMinutes());
    m_vaultStatus->setText(tr("Vault: %1").arg(fileName));
    m_vaultStatus->setToolTip(QDir::toNativeSeparators(m_session.vaultPath()));
    m_userStatus->setText(tr("%1 · %2").arg(user.displayName, roleDisplayName(user.role)));

    const QString adminOnly
        = tr("Only an admin can do this. You are signed in as %1.").arg(roleDisplayName(user.role).toLower());
    m_usersAction->setEnabled(isAdmin);
    m_usersAction->setToolTip(isAdmin ? tr("Add users, change roles, reset passphrases") : adminOnly);
    m_usersAction->setStatusTip(m_usersAction->toolTip());
    m_backupAction->setEnabled(isAdmin);
    m_backupAction->setToolTip(isAdmin ? tr("Copy the vault and its key file to another place") : adminOnly);
    m_backupAction->setStatusTip(m_backupAction->toolTip());
}

void MainWindow::setAutoLockMinutes(int minutes)
{
    m_welcome->setAutoLockMinutes(minutes);
}

void MainWindow::clearSessionData()
{
    AppSettings::setMainWindowGeometry(saveGeometry());
    for (UsersModel* model : findChildren<UsersModel*>()) {
        model->clear();
    }
    m_welcome->clear();
    m_vaultStatus->clear();
    m_vaultStatus->setToolTip(QString());
    m_userStatus->clear();
    statusBar()->clearMessage();
    setWindowTitle(tr("ClaimDesk"));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    AppSettings::setMainWindowGeometry(saveGeometry());
    event->accept();
    emit quitRequested();
}

void MainWindow::backup()
{
    if (m_session.currentUser().role != core::Role::Admin) {
        return;
    }
    const QFileInfo vault(m_session.vaultPath());
    const QString suggested
        = QDir(vault.absolutePath())
              .filePath(tr("%1 backup %2").arg(vault.completeBaseName(), QDate::currentDate().toString(Qt::ISODate))
                        + QStringLiteral(".claimdesk"));
    const QString target
        = m_prompter.chooseFileToSave(this, tr("Back up the vault to…"), suggested,
                                      tr("ClaimDesk vaults (*.claimdesk)"), QStringLiteral("claimdesk"));
    if (target.isEmpty() || !m_session.isUnlocked()) {
        return;
    }
    QPointer<QProgressDialog> progress = new QProgressDialog(tr("Backing up the vault…"), QString(), 0, 0, this);
    progress->setObjectName(QStringLiteral("backupProgressDialog"));
    progress->setWindowTitle(tr("Backup"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->show();
    m_session.backupTo(target, this, [this, target, progress](const core::Result<void>& result) {
        if (progress) {
            progress->close();
        }
        if (!result) {
            m_prompter.reportError(this, tr("The backup failed"), result.error());
            return;
        }
        AppSettings::setLastFolder(QFileInfo(target).absolutePath());
        m_prompter.inform(
            this, tr("Backup complete"),
            tr("The vault was backed up to:\n%1\n\nIts key file was saved next to it:\n%2\n\nKeep the two "
               "together, somewhere safe: the backup opens with the same passphrases as the vault.")
                .arg(QDir::toNativeSeparators(target), QDir::toNativeSeparators(target + QStringLiteral("-keys"))));
    });
}

void MainWindow::changePassphrase()
{
    auto* dialog = new ChangePassphraseDialog(m_session, m_prompter, ChangePassphraseDialog::Mode::Voluntary, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showUsers()
{
    if (m_session.currentUser().role != core::Role::Admin) {
        return;
    }
    auto* dialog = new UsersDialog(m_session, m_prompter, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showPreferences()
{
    auto* dialog = new PreferencesDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        setAutoLockMinutes(AppSettings::autoLockMinutes());
        emit preferencesChanged();
    });
    dialog->open();
}

void MainWindow::showAbout()
{
    m_prompter.about(this, tr("About ClaimDesk"),
                     tr("<h3>ClaimDesk %1</h3>"
                        "<p>Case records for the abuse-claims team.</p>"
                        "<p>Everything is kept in an encrypted vault on this computer or your firm's network. "
                        "ClaimDesk locks itself when nobody is using it.</p>")
                         .arg(QCoreApplication::applicationVersion().toHtmlEscaped()));
}

}  // namespace claimdesk::ui
