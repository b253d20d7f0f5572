#pragma once

#include <QMainWindow>

class QAction;
class QLabel;

namespace claimdesk::ui {

class Prompter;
class VaultSession;
class WelcomePanel;

// The signed-in window: menus, the welcome panel (cases come later) and a status bar with the vault file
// and the signed-in user. It never shows client data in its title. Lock, new/open vault and quit are
// decisions for AppController, so they are signals; everything else it handles itself.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    MainWindow(VaultSession& session, Prompter& prompter, QWidget* parent = nullptr);
    ~MainWindow() override;

    void setAutoLockMinutes(int minutes);
    // For a lock: saves the geometry and empties every label and model. (AppController closes the dialogs.)
    void clearSessionData();

    void backup();
    void changePassphrase();
    void showUsers();
    void showPreferences();
    void showAbout();

signals:
    void newVaultRequested();
    void openVaultRequested();
    void lockRequested();
    void quitRequested();
    void preferencesChanged();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void showSession();

    VaultSession& m_session;
    Prompter& m_prompter;
    WelcomePanel* m_welcome;
    QLabel* m_vaultStatus;
    QLabel* m_userStatus;
    QAction* m_backupAction = nullptr;
    QAction* m_usersAction = nullptr;
};

}  // namespace claimdesk::ui
