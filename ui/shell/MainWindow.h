#pragma once

#include <QMainWindow>
#include <QElapsedTimer>
#include <QPointer>

class QAction;
class QLabel;
class QTimer;
class QToolButton;

namespace claimdesk::ui {

class AuditViewerWindow;
class CaseWorkspace;
class CourtClosuresWindow;
class DiaryWindow;
class LimitationQueueWindow;
class RetentionWindow;
class TherapyFundWindow;
class Prompter;
class VaultSession;
class WelcomePanel;

// The signed-in window: menus, the case workspace (the case list and open case files) for supervisors,
// solicitors and paralegals, or the welcome panel for admins and accounts (who see no case content; accounts get a
// Therapy menu with the fund's payment side), and a status bar
// with the vault file, privacy mode and the signed-in user. Its title shows a case reference at most, never
// client data. Lock, new/open vault and quit are decisions for AppController, so they are signals;
// everything else it handles itself.
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
    // Admin › Audit trail… (supervisors and admins; one at a time).
    void showAuditTrail();
    void showPreferences();
    // Admin › Session policy…: the firm's maximum auto-lock delay (admins).
    void showSessionPolicy();
    void showAbout();
    void newIntake();
    void resumeIntakeDraft();
    void setPrivacyMode(bool on);
    // Deadlines menu: the firm's deadline diary and the "limitation unverified or missing" queue (one of each).
    void showDeadlineDiary();
    void showLimitationQueue();
    void showCourtClosures();
    void refreshReminders();  // the status bar's "limitation reminders to acknowledge" button (and break-glass notices)
    // Therapy menu: the therapy fund window (supervisors; accounts get its payment side only; one at a time).
    void showTherapyFund();
    // Cases › Print case summary… (the open case) and Subject access bundle… (supervisors); Reports › Reports….
    void printCaseSummary();
    void saveSubjectAccessBundle();
    void showReports();
    // Cases › Retention and erasure… (supervisors; one at a time).
    void showRetention();

    CaseWorkspace* caseWorkspace() const { return m_workspace; }  // nullptr for admins
    WelcomePanel* welcomePanel() const { return m_welcome; }       // nullptr for case roles

signals:
    void newVaultRequested();
    void openVaultRequested();
    void lockRequested();
    void quitRequested();
    void preferencesChanged();  // the auto-lock delay may have changed (preferences or the firm's policy)
    void hideScreenRequested();  // File › Hide screen (Ctrl+Shift+H); AppController hides every window

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void createCaseMenus();
    void createPaymentsMenu();  // accounts: Therapy › Therapy fund payments…
    void showSession();
    void updateTitle();
    void openIntakeWizard(qint64 draftId);
    void updateCaseActions();
    // True when no open case file has unsaved changes, or the person chose to drop them.
    bool mayDiscardUnsavedCases();
    // The status bar's "break-glass access to review" button: open Break-glass tasks assigned to this person.
    void refreshBreakGlassNotices();

    VaultSession& m_session;
    Prompter& m_prompter;
    WelcomePanel* m_welcome = nullptr;
    CaseWorkspace* m_workspace = nullptr;
    QToolButton* m_privacyButton = nullptr;
    QToolButton* m_remindersButton = nullptr;
    QToolButton* m_breakGlassButton = nullptr;
    qint64 m_breakGlassCase = 0;  // the newest notice's case, opened by the button
    QTimer* m_remindersTimer = nullptr;
    QElapsedTimer m_remindersChecked;  // when the status bar's reminders were last read
    QAction* m_privacyAction = nullptr;
    QAction* m_newIntakeAction = nullptr;
    QAction* m_resumeDraftAction = nullptr;
    QAction* m_saveCaseAction = nullptr;
    QAction* m_closeCaseAction = nullptr;
    QAction* m_printSummaryAction = nullptr;
    QAction* m_subjectAccessAction = nullptr;
    QString m_currentReference;
    QAction* m_casesMenuAnchor = nullptr;
    QLabel* m_vaultStatus;
    QLabel* m_userStatus;
    QAction* m_backupAction = nullptr;
    QAction* m_usersAction = nullptr;
    QAction* m_hideScreenAction = nullptr;
    QPointer<DiaryWindow> m_diary;
    QPointer<LimitationQueueWindow> m_limitationQueue;
    QPointer<CourtClosuresWindow> m_courtClosures;
    QPointer<TherapyFundWindow> m_therapyFund;
    QPointer<AuditViewerWindow> m_auditViewer;
    QPointer<RetentionWindow> m_retention;
};

}  // namespace claimdesk::ui
