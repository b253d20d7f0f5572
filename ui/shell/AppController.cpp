#include "ui/shell/AppController.h"

#include "ui/common/AppSettings.h"
#include "ui/common/Prompter.h"
#include "ui/common/Secrets.h"
#include "ui/session/VaultSession.h"
#include "ui/shell/ChangePassphraseDialog.h"
#include "ui/shell/CreateVaultDialog.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/StartScreen.h"
#include "ui/shell/UnlockDialog.h"

#include "demo/DemoVault.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QFileInfo>
#include <QKeyEvent>
#include <QTemporaryDir>

namespace claimdesk::ui {

namespace {
// Releases a window that may be on the call stack (its own slot may have led here) for deletion later.
template <typename Window> void disposeLater(std::unique_ptr<Window>& window)
{
    if (window) {
        window->hide();
        window.release()->deleteLater();
    }
}
}  // namespace

AppController::AppController(VaultSession& session, Prompter& prompter, ShellOptions options, QObject* parent)
    : QObject(parent),
      m_session(session),
      m_prompter(prompter),
      m_options(options),
      m_start(std::make_unique<StartScreen>())
{
    connect(m_start.get(), &StartScreen::openRecentRequested, this, [this](const QString& path) { openVault(path); });
    connect(m_start.get(), &StartScreen::openOtherRequested, this, &AppController::chooseVaultToOpen);
    connect(m_start.get(), &StartScreen::createRequested, this, &AppController::createVault);
    connect(m_start.get(), &StartScreen::demoRequested, this, &AppController::tryDemo);
    connect(m_start.get(), &StartScreen::quitRequested, this, &AppController::quit);
    connect(&m_locker, &InactivityLocker::inactive, this, [this] { lock(LockReason::Inactivity); });
    m_hider.setAllowedKeys({QKeySequence(Qt::CTRL | Qt::Key_L)});  // locking a hidden screen is fine
    applyAutoLockTimeout();
}

AppController::~AppController()
{
    shutdown();
}

void AppController::start()
{
    showStartScreen();
}

CreateVaultDialog* AppController::createVaultDialog() const
{
    return m_create;
}

QString AppController::demoVaultPath() const
{
    return m_demoDir ? QDir(m_demoDir->path()).filePath(core::DemoVault::fileName()) : QString();
}

void AppController::showStartScreen()
{
    m_start->reloadRecentVaults();
    m_start->show();
    m_start->raise();
    m_start->activateWindow();
}

void AppController::openVault(const QString& path, const QString& username)
{
    disposeUnlockDialog();
    m_unlock = std::make_unique<UnlockDialog>(m_session, path);
    m_unlock->setUsername(username);
    if (!demoVaultPath().isEmpty() && QFileInfo(path) == QFileInfo(demoVaultPath())) {
        m_unlock->setDemoAccounts(core::DemoVault::accounts());
    }
    connect(m_unlock.get(), &UnlockDialog::unlocked, this, [this] {
        const QString opened = m_session.vaultPath();
        if (QFileInfo(opened) != QFileInfo(demoVaultPath())) {
            AppSettings::rememberVault(opened);  // the demo vault is temporary: not worth remembering
        }
        QByteArray oneTime = m_unlock->takeOneTimePassphrase();
        disposeUnlockDialog();
        sessionOpened(std::move(oneTime));
    });
    connect(m_unlock.get(), &QDialog::rejected, this, [this] {
        disposeUnlockDialog();
        showStartScreen();
    });
    m_start->hide();
    m_unlock->show();
    m_unlock->raise();
    m_unlock->activateWindow();
}

void AppController::disposeUnlockDialog()
{
    if (m_unlock) {
        m_unlock->disconnect(this);
        disposeLater(m_unlock);
    }
}

void AppController::chooseVaultToOpen()
{
    endSession(LockReason::UserRequest);
    showStartScreen();
    const QString path = m_prompter.chooseFileToOpen(m_start.get(), tr("Open a vault"), AppSettings::lastFolder(),
                                                     tr("ClaimDesk vaults (*.claimdesk);;All files (*)"));
    if (!path.isEmpty()) {
        openVault(path);
    }
}

void AppController::createVault()
{
    endSession(LockReason::UserRequest);
    showStartScreen();
    if (m_create) {
        m_create->raise();
        return;
    }
    m_create = new CreateVaultDialog(m_session, m_prompter, m_start.get());
    m_create->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_create, &CreateVaultDialog::created, this, [this](const QString& path) {
        AppSettings::rememberVault(path);
        sessionOpened({});
    });
    m_create->open();
}

void AppController::tryDemo()
{
    endSession(LockReason::UserRequest);
    showStartScreen();
    m_demoDir = std::make_unique<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("claimdesk-demo-XXXXXX")));
    if (!m_demoDir->isValid()) {
        m_prompter.showError(m_start.get(), tr("The demo vault could not be created"),
                             tr("No temporary folder could be created: %1").arg(m_demoDir->errorString()));
        m_demoDir.reset();
        return;
    }
    m_start->setBusy(true, tr("Preparing the demo vault…"));
    m_session.createDemo(demoVaultPath(), this, [this](const core::Result<void>& created) {
        m_start->setBusy(false);
        if (!created) {
            m_prompter.reportError(m_start.get(), tr("The demo vault could not be created"), created.error());
            return;
        }
        openVault(demoVaultPath());
    });
}

void AppController::sessionOpened(QByteArray oneTimePassphrase)
{
    applyAutoLockTimeout();
    m_locker.start();  // covers the first-sign-in dialog too
    qApp->installEventFilter(this);
    if (!m_session.currentUser().mustChangePassphrase) {
        wipe(oneTimePassphrase);
        showMainWindow();
        return;
    }
    m_firstSignIn
        = std::make_unique<ChangePassphraseDialog>(m_session, m_prompter, ChangePassphraseDialog::Mode::FirstSignIn);
    m_firstSignIn->setOneTimePassphrase(std::move(oneTimePassphrase));
    connect(m_firstSignIn.get(), &QDialog::accepted, this, [this] {
        disposeLater(m_firstSignIn);
        showMainWindow();
    });
    connect(m_firstSignIn.get(), &QDialog::rejected, this, [this] {
        if (!m_ending) {
            lock(LockReason::UserRequest);  // "Sign out"
        }
    });
    m_start->hide();
    m_firstSignIn->show();
    m_firstSignIn->raise();
    m_firstSignIn->activateWindow();
}

void AppController::showMainWindow()
{
    m_main = std::make_unique<MainWindow>(m_session, m_prompter);
    connect(m_main.get(), &MainWindow::lockRequested, this, [this] { lock(LockReason::UserRequest); });
    connect(m_main.get(), &MainWindow::quitRequested, this, &AppController::quit);
    connect(m_main.get(), &MainWindow::newVaultRequested, this, &AppController::createVault);
    connect(m_main.get(), &MainWindow::openVaultRequested, this, &AppController::chooseVaultToOpen);
    connect(m_main.get(), &MainWindow::preferencesChanged, this, &AppController::applyAutoLockTimeout);
    connect(m_main.get(), &MainWindow::hideScreenRequested, this, &AppController::toggleScreenHidden);
    m_main->show();
    m_start->hide();
    m_main->raise();
    m_main->activateWindow();
}

void AppController::lock(LockReason reason)
{
    if (m_ending) {
        return;
    }
    const bool hadSession = m_session.isUnlocked() || m_main || m_firstSignIn;
    const QString path = m_session.vaultPath();
    const QString username = m_session.currentUser().username;
    endSession(reason);
    if (hadSession && !path.isEmpty()) {
        openVault(path, username);
    }
}

void AppController::endSession(LockReason reason)
{
    if (m_ending) {
        return;
    }
    m_ending = true;
    m_locker.stop();
    qApp->removeEventFilter(this);
    m_clipboard.clearNow();
    closeAllDialogs();
    if (m_main) {
        m_main->clearSessionData();
        m_main->disconnect(this);
        disposeLater(m_main);
    }
    if (m_firstSignIn) {
        m_firstSignIn->disconnect(this);
        disposeLater(m_firstSignIn);
    }
    m_session.lock(reason);  // wipes the key and destroys the vault (once any running task has finished)
    // Last, once every window with client data is closed: the unlock dialog comes next, uncovered, and the person
    // unlocks to see their windows again.
    m_hider.revealScreen();
    m_ending = false;
}

bool AppController::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (QApplication::activeModalWidget() != nullptr && key->key() == Qt::Key_L
            && key->modifiers() == Qt::ControlModifier) {
            lock(LockReason::UserRequest);
            return true;
        }
        // Reaches a widget only when no enabled shortcut took it: a modal dialog is up, or the first sign-in.
        // (While hidden, the hider's own filter comes first and reveals.)
        if (m_hider.isHideKey(*key)) {
            key->accept();
            toggleScreenHidden();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void AppController::closeAllDialogs()
{
    // Popups first (menus, combo box lists), then every dialog, including message boxes and file dialogs
    // running their own event loops: done() ends those loops, and the code after them sees "cancelled".
    for (int guard = 0; guard < 16 && QApplication::activePopupWidget() != nullptr; ++guard) {
        QApplication::activePopupWidget()->close();
    }
    QList<QPointer<QDialog>> dialogs;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (auto* dialog = qobject_cast<QDialog*>(widget); dialog != nullptr && dialog != m_unlock.get()) {
            dialogs << dialog;
        }
    }
    for (const QPointer<QDialog>& dialog : std::as_const(dialogs)) {
        if (dialog && dialog->isVisible()) {
            dialog->done(QDialog::Rejected);
        }
    }
}

void AppController::quit()
{
    shutdown();
    QCoreApplication::quit();
}

void AppController::shutdown()
{
    endSession(LockReason::Quit);
    disposeUnlockDialog();
}

void AppController::toggleScreenHidden()
{
    if (m_hider.isHidden()) {
        m_hider.revealScreen();
    } else if (m_session.isUnlocked() && !m_ending) {
        m_hider.hideScreen();
    }
}

int AppController::effectiveAutoLockMinutes() const
{
    return VaultSession::effectiveAutoLockMinutes(AppSettings::autoLockMinutes(), m_session.maxAutoLockMinutes());
}

void AppController::applyAutoLockTimeout()
{
    m_locker.setTimeout(m_options.inactivityTimeout.value_or(std::chrono::minutes(effectiveAutoLockMinutes())));
}

}  // namespace claimdesk::ui
