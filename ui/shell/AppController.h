#pragma once

#include "ui/session/ClipboardGuard.h"
#include "ui/session/InactivityLocker.h"
#include "ui/session/ScreenHider.h"
#include "ui/session/VaultSession.h"

#include <QObject>
#include <QPointer>

#include <chrono>
#include <memory>
#include <optional>

class QTemporaryDir;

namespace claimdesk::ui {

class ChangePassphraseDialog;
class CreateVaultDialog;
class MainWindow;
class Prompter;
class StartScreen;
class UnlockDialog;

struct ShellOptions {
    // Overrides the auto-lock delay from the preferences. Tests use milliseconds.
    std::optional<std::chrono::milliseconds> inactivityTimeout;
};

// Decides which window is on screen: the start screen, the unlock dialog, the first-sign-in passphrase
// change, or the main window. Owns the inactivity locker, the hide-screen key (Ctrl+Shift+H, from any window while
// a session is open) and the clipboard guard, and performs every lock: reveal a hidden screen, clear our text from
// the clipboard, close all dialogs and popups, clear the main window, end the session (which wipes the key and
// destroys the vault), and show the unlock dialog for the same vault.
class AppController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppController)
public:
    AppController(VaultSession& session, Prompter& prompter, ShellOptions options = {}, QObject* parent = nullptr);
    ~AppController() override;

    void start();
    void openVault(const QString& path, const QString& username = {});
    void chooseVaultToOpen();
    void createVault();
    void tryDemo();
    void lock(LockReason reason);  // then shows the unlock dialog for the same vault
    void quit();
    void shutdown();  // ends any session without showing anything (application exit)

    StartScreen* startScreen() const { return m_start.get(); }
    UnlockDialog* unlockDialog() const { return m_unlock.get(); }
    CreateVaultDialog* createVaultDialog() const;
    ChangePassphraseDialog* firstSignInDialog() const { return m_firstSignIn.get(); }
    MainWindow* mainWindow() const { return m_main.get(); }
    InactivityLocker& inactivityLocker() { return m_locker; }
    ScreenHider& screenHider() { return m_hider; }
    ClipboardGuard& clipboardGuard() { return m_clipboard; }  // tests shorten its 30 seconds
    void toggleScreenHidden();  // only while a session is open
    // The auto-lock delay in minutes: the preference, capped by the open vault's firm maximum.
    int effectiveAutoLockMinutes() const;
    QString demoVaultPath() const;

protected:
    // Ctrl+L and Ctrl+Shift+H while a modal dialog is up (the main window's shortcuts are blocked then), or before
    // there is a main window (the first sign-in).
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showStartScreen();
    void sessionOpened(QByteArray oneTimePassphrase);
    void showMainWindow();
    void endSession(LockReason reason);
    void closeAllDialogs();
    void disposeUnlockDialog();
    void applyAutoLockTimeout();

    VaultSession& m_session;
    Prompter& m_prompter;
    ShellOptions m_options;
    InactivityLocker m_locker;
    ScreenHider m_hider;
    ClipboardGuard m_clipboard;
    std::unique_ptr<StartScreen> m_start;
    std::unique_ptr<UnlockDialog> m_unlock;
    QPointer<CreateVaultDialog> m_create;
    std::unique_ptr<ChangePassphraseDialog> m_firstSignIn;
    std::unique_ptr<MainWindow> m_main;
    std::unique_ptr<QTemporaryDir> m_demoDir;
    bool m_ending = false;
};

}  // namespace claimdesk::ui
