#include "ui/shell/MainWindow.h"

#include "ui/admin/SessionPolicyDialog.h"
#include "ui/admin/UsersDialog.h"
#include "ui/audit/AuditViewerWindow.h"
#include "ui/admin/UsersModel.h"
#include "ui/cases/CaseAccess.h"
#include "ui/cases/CaseFileWidget.h"
#include "ui/cases/CaseListPanel.h"
#include "ui/cases/CaseText.h"
#include "ui/cases/CaseWorkspace.h"
#include "ui/cases/IntakeLauncher.h"
#include "ui/reports/ReportsDialog.h"
#include "ui/reports/SubjectAccess.h"
#include "ui/reports/SummaryDialog.h"
#include "ui/retention/RetentionWindow.h"
#include "ui/common/AppSettings.h"
#include "ui/common/Prompter.h"
#include "ui/common/RoleText.h"
#include "ui/deadlines/CourtClosuresWindow.h"
#include "ui/deadlines/DeadlineText.h"
#include "ui/deadlines/DiaryWindow.h"
#include "ui/deadlines/LimitationQueueWindow.h"
#include "ui/session/ScreenHider.h"
#include "ui/session/VaultSession.h"
#include "ui/therapy/TherapyFundWindow.h"
#include "ui/shell/ChangePassphraseDialog.h"
#include "ui/shell/PreferencesDialog.h"
#include "ui/shell/WelcomePanel.h"

#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "users/User.h"

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
#include <QTimer>
#include <QToolButton>

namespace claimdesk::ui {

MainWindow::MainWindow(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QMainWindow(parent),
      m_session(session),
      m_prompter(prompter),
      m_vaultStatus(new QLabel(this)),
      m_userStatus(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    // Case roles work in the case workspace; admins see no case content, so they keep the welcome panel.
    if (m_session.cases() != nullptr && m_session.cases()->canSeeCaseContent()) {
        m_workspace = new CaseWorkspace(m_session, m_prompter, this);
        setCentralWidget(m_workspace);
    } else {
        m_welcome = new WelcomePanel(this);
        setCentralWidget(m_welcome);
    }
    m_vaultStatus->setObjectName(QStringLiteral("vaultStatusLabel"));
    m_userStatus->setObjectName(QStringLiteral("userStatusLabel"));
    m_vaultStatus->setTextFormat(Qt::PlainText);
    m_userStatus->setTextFormat(Qt::PlainText);
    m_vaultStatus->setContentsMargins(6, 0, 6, 0);
    m_userStatus->setContentsMargins(6, 0, 6, 0);
    statusBar()->addWidget(m_vaultStatus, 1);
    if (m_workspace != nullptr) {
        m_privacyButton = new QToolButton(this);
        m_privacyButton->setObjectName(QStringLiteral("privacyModeButton"));
        m_privacyButton->setCheckable(true);
        m_privacyButton->setAutoRaise(true);
        statusBar()->addPermanentWidget(m_privacyButton);
        // Limitation reminders waiting for this person (and, for a supervisor, those escalated to them): on every
        // screen, not only in the diary, so they cannot be missed.
        m_remindersButton = new QToolButton(this);
        m_remindersButton->setObjectName(QStringLiteral("remindersStatusButton"));
        m_remindersButton->setAutoRaise(true);
        m_remindersButton->setVisible(false);
        connect(m_remindersButton, &QToolButton::clicked, this, &MainWindow::showDeadlineDiary);
        statusBar()->addPermanentWidget(m_remindersButton);
        // Someone broke glass on a case this person supervises: on every screen until they mark the task done.
        m_breakGlassButton = new QToolButton(this);
        m_breakGlassButton->setObjectName(QStringLiteral("breakGlassStatusButton"));
        m_breakGlassButton->setAutoRaise(true);
        m_breakGlassButton->setVisible(false);
        m_breakGlassButton->setStyleSheet(QStringLiteral("QToolButton { color: #a40000; font-weight: bold; }"));
        connect(m_breakGlassButton, &QToolButton::clicked, this, [this] {
            if (m_workspace != nullptr && m_breakGlassCase > 0) {
                m_workspace->openCase(m_breakGlassCase);
            }
        });
        statusBar()->addPermanentWidget(m_breakGlassButton);
        m_remindersTimer = new QTimer(this);
        m_remindersTimer->setInterval(10 * 60 * 1000);
        connect(m_remindersTimer, &QTimer::timeout, this, &MainWindow::refreshReminders);
        m_remindersTimer->start();
        // After a background task (the list's first load among them), but not after every save: the diary query
        // reads every open deadline, so at most once a minute this way; the timer and acknowledgments do the rest.
        connect(&m_session, &VaultSession::busyChanged, this, [this](bool busy) {
            if (!busy && (!m_remindersChecked.isValid() || m_remindersChecked.hasExpired(60 * 1000))) {
                refreshReminders();
            }
        });
    }
    statusBar()->addPermanentWidget(m_userStatus);
    createMenus();
    if (m_workspace != nullptr) {
        createCaseMenus();
    } else if (m_session.currentUser().role == core::Role::Accounts) {
        createPaymentsMenu();
    }
    if (!restoreGeometry(AppSettings::mainWindowGeometry())) {
        resize(980, 660);
    }
    showSession();
    if (m_workspace != nullptr) {
        setPrivacyMode(AppSettings::privacyMode());
        m_workspace->start();
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newVault = file->addAction(tr("&New vault…"), this, [this] {
        if (mayDiscardUnsavedCases()) {
            emit newVaultRequested();
        }
    });
    newVault->setObjectName(QStringLiteral("newVaultAction"));
    QAction* openVault = file->addAction(tr("&Open vault…"), this, [this] {
        if (mayDiscardUnsavedCases()) {
            emit openVaultRequested();
        }
    });
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
    // Blanks every ClaimDesk window until pressed again or the session is locked (AppController, ScreenHider).
    m_hideScreenAction = file->addAction(tr("&Hide screen"), this, &MainWindow::hideScreenRequested);
    m_hideScreenAction->setObjectName(QStringLiteral("hideScreenAction"));
    m_hideScreenAction->setShortcut(ScreenHider::defaultKey());
    m_hideScreenAction->setShortcutContext(Qt::ApplicationShortcut);
    m_hideScreenAction->setStatusTip(tr("Cover every ClaimDesk window at once; press %1 again to show them")
                                         .arg(ScreenHider::defaultKey().toString(QKeySequence::NativeText)));
    QAction* quit = file->addAction(tr("&Quit"), this, [this] {
        if (mayDiscardUnsavedCases()) {
            emit quitRequested();
        }
    });
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* admin = menuBar()->addMenu(tr("&Admin"));
    m_casesMenuAnchor = admin->menuAction();  // the Cases and View menus go before it, for case roles
    admin->setToolTipsVisible(true);  // so a disabled item can say why
    m_usersAction = admin->addAction(tr("&Users…"), this, &MainWindow::showUsers);
    m_usersAction->setObjectName(QStringLiteral("usersAction"));
    QAction* closures = admin->addAction(tr("Court &closure days…"), this, &MainWindow::showCourtClosures);
    closures->setObjectName(QStringLiteral("courtClosuresAction"));
    closures->setToolTip(tr("Days a court office is closed besides the bank holidays: no deadline falls on them."));
    QAction* auditTrail = admin->addAction(tr("&Audit trail…"), this, &MainWindow::showAuditTrail);
    auditTrail->setObjectName(QStringLiteral("auditTrailAction"));
    const core::Role role = m_session.currentUser().role;
    const bool mayReadAudit = role == core::Role::Supervisor || role == core::Role::Admin;
    auditTrail->setEnabled(mayReadAudit);
    auditTrail->setToolTip(mayReadAudit ? tr("Who did what and when: every change, reveal, export and sign-in.")
                                        : tr("Only a supervisor or an admin can read the audit trail. You are signed "
                                             "in as %1.")
                                              .arg(roleDisplayName(role).toLower()));
    auditTrail->setStatusTip(auditTrail->toolTip());
    QAction* policy = admin->addAction(tr("Session &policy…"), this, &MainWindow::showSessionPolicy);
    policy->setObjectName(QStringLiteral("sessionPolicyAction"));
    policy->setEnabled(role == core::Role::Admin);
    policy->setToolTip(role == core::Role::Admin
                           ? tr("The longest ClaimDesk may stay unlocked without activity, on every computer.")
                           : tr("Only an admin can set the firm's session policy. You are signed in as %1.")
                                 .arg(roleDisplayName(role).toLower()));
    policy->setStatusTip(policy->toolTip());
    file->setToolTipsVisible(true);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About ClaimDesk"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::createCaseMenus()
{
    QMenu* cases = new QMenu(tr("&Cases"), this);
    menuBar()->insertMenu(m_casesMenuAnchor, cases);
    cases->setToolTipsVisible(true);
    m_newIntakeAction = cases->addAction(tr("&New intake…"), this, &MainWindow::newIntake);
    m_newIntakeAction->setObjectName(QStringLiteral("newIntakeAction"));
    m_newIntakeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_resumeDraftAction = cases->addAction(tr("&Resume an intake draft…"), this, &MainWindow::resumeIntakeDraft);
    m_resumeDraftAction->setObjectName(QStringLiteral("resumeDraftAction"));
    cases->addSeparator();
    QAction* find = cases->addAction(tr("&Find a case"), m_workspace, &CaseWorkspace::focusSearch);
    find->setObjectName(QStringLiteral("findCaseAction"));
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    m_saveCaseAction = cases->addAction(tr("&Save case"), m_workspace, &CaseWorkspace::saveCurrent);
    m_saveCaseAction->setObjectName(QStringLiteral("saveCaseAction"));
    m_saveCaseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    m_closeCaseAction = cases->addAction(tr("&Close case file"), m_workspace, &CaseWorkspace::closeCurrentCase);
    m_closeCaseAction->setObjectName(QStringLiteral("closeCaseAction"));
    m_closeCaseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    cases->addSeparator();
    m_printSummaryAction = cases->addAction(tr("&Print case summary…"), this, &MainWindow::printCaseSummary);
    m_printSummaryAction->setObjectName(QStringLiteral("printSummaryAction"));
    m_printSummaryAction->setShortcut(QKeySequence::Print);
    m_printSummaryAction->setStatusTip(tr("Print or save the open case's summary for counsel, the client, a therapist, "
                                          "the insurer or the file"));
    m_subjectAccessAction = cases->addAction(tr("S&ubject access bundle…"), this, &MainWindow::saveSubjectAccessBundle);
    m_subjectAccessAction->setObjectName(QStringLiteral("subjectAccessAction"));
    m_subjectAccessAction->setStatusTip(tr("Every piece of personal data held about the open case's client, as a PDF and "
                                           "JSON (supervisors)"));
    QAction* retention = cases->addAction(tr("Re&tention and erasure…"), this, &MainWindow::showRetention);
    retention->setObjectName(QStringLiteral("retentionAction"));
    const bool mayReview = m_session.currentUser().role == core::Role::Supervisor;
    retention->setEnabled(mayReview);
    retention->setToolTip(mayReview ? tr("Closed cases due for destroy review, legal holds and two-person erasure.")
                                    : tr("Retention review, legal holds and erasure are for supervisors."));
    retention->setStatusTip(retention->toolTip());

    QMenu* reports = new QMenu(tr("&Reports"), this);
    menuBar()->insertMenu(m_casesMenuAnchor, reports);
    QAction* reportsAction = reports->addAction(tr("&Reports…"), this, &MainWindow::showReports);
    reportsAction->setObjectName(QStringLiteral("reportsAction"));
    reportsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    reportsAction->setStatusTip(tr("Deadline diary, caseload, limitation risk and the therapy fund, as PDF or CSV"));

    QMenu* deadlines = new QMenu(tr("D&eadlines"), this);
    menuBar()->insertMenu(m_casesMenuAnchor, deadlines);
    QAction* diary = deadlines->addAction(tr("&Diary…"), this, &MainWindow::showDeadlineDiary);
    diary->setObjectName(QStringLiteral("deadlineDiaryAction"));
    diary->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    QAction* queue = deadlines->addAction(tr("&Limitation queue…"), this, &MainWindow::showLimitationQueue);
    queue->setObjectName(QStringLiteral("limitationQueueAction"));
    queue->setStatusTip(tr("Open cases whose limitation date is unverified or missing"));

    QMenu* therapy = new QMenu(tr("T&herapy"), this);
    menuBar()->insertMenu(m_casesMenuAnchor, therapy);
    therapy->setToolTipsVisible(true);
    QAction* fund = therapy->addAction(tr("&Therapy fund…"), this, &MainWindow::showTherapyFund);
    fund->setObjectName(QStringLiteral("therapyFundAction"));
    const bool supervisor = m_session.currentUser().role == core::Role::Supervisor;
    fund->setEnabled(supervisor);
    fund->setStatusTip(tr("The fund's budget, the approval queue, providers, invoices awaiting payment and reviews"));
    fund->setToolTip(supervisor ? tr("The fund's budget, the approval queue, providers, invoices and reviews.")
                                : tr("For supervisors: ask a supervisor about the therapy fund. Requests are made on "
                                     "the case's Therapy tab."));

    QMenu* view = new QMenu(tr("&View"), this);
    menuBar()->insertMenu(m_casesMenuAnchor, view);
    m_privacyAction = view->addAction(tr("&Privacy mode (initials only)"));
    m_privacyAction->setObjectName(QStringLiteral("privacyModeAction"));
    m_privacyAction->setCheckable(true);
    m_privacyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_privacyAction->setShortcutContext(Qt::ApplicationShortcut);
    m_privacyAction->setStatusTip(tr("Show clients' initials instead of their names, for open-plan offices and "
                                     "screen sharing"));
    connect(m_privacyAction, &QAction::toggled, this, &MainWindow::setPrivacyMode);
    view->addSeparator();
    view->addAction(m_hideScreenAction);  // the same action as in the File menu: one shortcut
    connect(m_privacyButton, &QToolButton::clicked, m_privacyAction, &QAction::setChecked);

    connect(m_workspace, &CaseWorkspace::currentReferenceChanged, this, [this](const QString& reference) {
        m_currentReference = reference;
        updateTitle();
        updateCaseActions();
    });
    connect(m_workspace, &CaseWorkspace::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    // While the case list loads in the background, nothing else may use the vault.
    connect(&m_session, &VaultSession::busyChanged, this, &MainWindow::updateCaseActions);
    updateCaseActions();
}

void MainWindow::createPaymentsMenu()
{
    // Accounts hold no case files (no Cases, Reports, Deadlines or View menus): the therapy fund's payment side only.
    QMenu* therapy = new QMenu(tr("T&herapy"), this);
    menuBar()->insertMenu(m_casesMenuAnchor, therapy);
    therapy->setToolTipsVisible(true);
    QAction* fund = therapy->addAction(tr("&Therapy fund payments…"), this, &MainWindow::showTherapyFund);
    fund->setObjectName(QStringLiteral("therapyFundAction"));
    fund->setStatusTip(tr("Therapy invoices awaiting payment, and the providers' bank details"));
    fund->setToolTip(tr("Pay therapy invoices awaiting payment. Requests, approvals and the fund's budget are for fee "
                        "earners and supervisors."));
}

void MainWindow::updateCaseActions()
{
    if (m_workspace == nullptr) {
        return;
    }
    const bool ready = availableCases(m_session) != nullptr;
    const bool caseOpen = m_workspace->currentCaseFile() != nullptr;
    for (QAction* action : {m_newIntakeAction, m_resumeDraftAction}) {
        action->setEnabled(ready);
        action->setToolTip(ready ? QString() : tr("Wait for the case list to finish loading."));
    }
    m_saveCaseAction->setEnabled(ready && caseOpen);
    m_closeCaseAction->setEnabled(caseOpen);
    m_printSummaryAction->setEnabled(ready && caseOpen);
    const bool supervisor = m_session.currentUser().role == core::Role::Supervisor;
    m_subjectAccessAction->setEnabled(ready && caseOpen && supervisor);
    m_subjectAccessAction->setToolTip(supervisor ? QString() : tr("Subject access bundles are prepared by supervisors."));
}

void MainWindow::setPrivacyMode(bool on)
{
    if (m_workspace == nullptr) {
        return;
    }
    if (m_privacyAction->isChecked() != on) {
        m_privacyAction->setChecked(on);  // comes back here through toggled()
        return;
    }
    AppSettings::setPrivacyMode(on);
    m_workspace->setPrivacyMode(on);
    m_privacyButton->setChecked(on);
    m_privacyButton->setText(on ? tr("Privacy mode: on — initials only") : tr("Privacy mode: off"));
    m_privacyButton->setToolTip(on ? tr("Client names are shown as initials. Click or press Ctrl+Shift+P to show "
                                        "names.")
                                   : tr("Click or press Ctrl+Shift+P to show initials instead of client names "
                                        "(open-plan offices, screen sharing)."));
}

void MainWindow::showDeadlineDiary()
{
    if (m_workspace == nullptr || m_session.deadlines() == nullptr) {
        return;
    }
    if (!m_diary) {
        m_diary = new DiaryWindow(m_session, m_prompter, this);
        connect(m_diary, &DiaryWindow::openCaseRequested, m_workspace, &CaseWorkspace::openCase);
        connect(m_diary, &QDialog::finished, this, &MainWindow::refreshReminders);
        connect(m_diary, &DiaryWindow::remindersChanged, this, &MainWindow::refreshReminders);
    } else {
        m_diary->reload();
    }
    m_diary->show();
    m_diary->raise();
    m_diary->activateWindow();
}

void MainWindow::showAuditTrail()
{
    const core::Role role = m_session.currentUser().role;
    if (m_session.audit() == nullptr || (role != core::Role::Supervisor && role != core::Role::Admin)) {
        return;
    }
    if (!m_auditViewer) {
        m_auditViewer = new AuditViewerWindow(m_session, m_prompter, this);
    } else {
        m_auditViewer->reload();
    }
    m_auditViewer->show();
    m_auditViewer->raise();
    m_auditViewer->activateWindow();
}

void MainWindow::refreshBreakGlassNotices()
{
    core::CaseService* cases = availableCases(m_session);
    if (m_breakGlassButton == nullptr || cases == nullptr) {
        return;
    }
    auto notices = cases->breakGlassNotices();
    const int waiting = notices ? static_cast<int>(notices->size()) : 0;
    m_breakGlassButton->setVisible(waiting > 0);
    m_breakGlassCase = waiting > 0 ? notices->front().caseId : 0;
    if (waiting == 0) {
        return;
    }
    QStringList references;
    for (const core::BreakGlassNotice& n : *notices) {
        if (!references.contains(n.reference)) {
            references << n.reference;
        }
    }
    m_breakGlassButton->setText(tr("⚠ %n break-glass notice(s) to review", nullptr, waiting));
    m_breakGlassButton->setToolTip(tr("Someone opened a restricted case you supervise in an emergency: %1. Click to "
                                      "open the newest; its Tasks tab says who and why. Mark the task done once you "
                                      "have checked it.")
                                       .arg(references.join(QStringLiteral(", "))));
}

void MainWindow::refreshReminders()
{
    refreshBreakGlassNotices();
    if (m_remindersButton == nullptr) {
        return;
    }
    core::deadlines::DeadlineService* service = availableDeadlines(m_session);
    if (service == nullptr) {
        return;  // locked or busy: the next busyChanged(false) asks again
    }
    m_remindersChecked.start();
    const bool supervisor = m_session.currentUser().role == core::Role::Supervisor;
    const QDate today = m_session.today();
    auto entries = service->diary(supervisor ? core::deadlines::DiaryScope::Team : core::deadlines::DiaryScope::Mine,
                                  today, today, today);
    int waiting = 0;
    int escalated = 0;
    if (entries) {
        for (const core::deadlines::DiaryEntry& e : *entries) {
            waiting += e.needsAcknowledgment ? 1 : 0;
            escalated += e.needsAcknowledgment && e.escalated ? 1 : 0;
        }
    }
    m_remindersButton->setVisible(waiting > 0);
    if (waiting == 0) {
        return;
    }
    m_remindersButton->setText(escalated > 0
                                   ? tr("⚠ %n limitation reminder(s) to acknowledge", nullptr, waiting)
                                         + tr(" — %n escalated", nullptr, escalated)
                                   : tr("⚠ %n limitation reminder(s) to acknowledge", nullptr, waiting));
    m_remindersButton->setToolTip(tr("Open the deadline diary (Ctrl+Shift+D) to acknowledge them. A reminder not "
                                     "acknowledged by the next business day goes to the case's supervisor."));
    m_remindersButton->setStyleSheet(escalated > 0 ? QStringLiteral("QToolButton { color: #a40000; font-weight: bold; }")
                                                   : QStringLiteral("QToolButton { color: #8a5a00; font-weight: bold; }"));
}

void MainWindow::showCourtClosures()
{
    if (m_session.deadlines() == nullptr) {
        return;
    }
    if (!m_courtClosures) {
        m_courtClosures = new CourtClosuresWindow(m_session, m_prompter, this);
    } else {
        m_courtClosures->reload();
    }
    m_courtClosures->show();
    m_courtClosures->raise();
    m_courtClosures->activateWindow();
}

void MainWindow::showLimitationQueue()
{
    if (m_workspace == nullptr || m_session.deadlines() == nullptr) {
        return;
    }
    if (!m_limitationQueue) {
        m_limitationQueue = new LimitationQueueWindow(m_session, m_prompter, this);
    } else {
        m_limitationQueue->reload();
    }
    m_limitationQueue->show();
    m_limitationQueue->raise();
    m_limitationQueue->activateWindow();
}

void MainWindow::showTherapyFund()
{
    const core::Role role = m_session.currentUser().role;
    const bool supervisor = m_workspace != nullptr && role == core::Role::Supervisor;
    if (m_session.therapy() == nullptr || (!supervisor && role != core::Role::Accounts)) {
        return;
    }
    if (!m_therapyFund) {
        m_therapyFund = new TherapyFundWindow(m_session, m_prompter, this);
        if (m_workspace != nullptr) {
            connect(m_therapyFund, &TherapyFundWindow::openCaseRequested, m_workspace, &CaseWorkspace::openCase);
        }
    } else {
        m_therapyFund->reload();
    }
    m_therapyFund->show();
    m_therapyFund->raise();
    m_therapyFund->activateWindow();
}

void MainWindow::printCaseSummary()
{
    CaseFileWidget* file = m_workspace != nullptr ? m_workspace->currentCaseFile() : nullptr;
    if (file == nullptr || availableCases(m_session) == nullptr) {
        return;
    }
    auto* dialog = new SummaryDialog(m_session, m_prompter, file->caseId(), file->reference(),
                                     file->record().client.safeContact.post, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::saveSubjectAccessBundle()
{
    CaseFileWidget* file = m_workspace != nullptr ? m_workspace->currentCaseFile() : nullptr;
    if (file == nullptr) {
        return;
    }
    (void)ui::saveSubjectAccessBundle(this, m_session, m_prompter, file->caseId(), file->reference());
}

void MainWindow::showRetention()
{
    if (m_workspace == nullptr || m_session.retention() == nullptr
        || m_session.currentUser().role != core::Role::Supervisor) {
        return;
    }
    if (!m_retention) {
        m_retention = new RetentionWindow(m_session, m_prompter, this);
        connect(m_retention, &RetentionWindow::caseErased, this, [this](const QString& reference) {
            // The erased case leaves every open tab and the case list.
            for (CaseFileWidget* file : m_workspace->caseFiles()) {
                if (file->reference() == reference) {
                    m_workspace->closeCaseAt(m_workspace->indexOf(file));
                }
            }
            m_workspace->listPanel()->reload();
        });
    } else {
        m_retention->reload();
    }
    m_retention->show();
    m_retention->raise();
    m_retention->activateWindow();
}

void MainWindow::showReports()
{
    if (m_workspace == nullptr) {
        return;
    }
    auto* dialog = new ReportsDialog(m_session, m_prompter, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::updateTitle()
{
    // The vault's file name or a case reference is fine in a title; a client's name never is.
    const QString fileName = QFileInfo(m_session.vaultPath()).fileName();
    setWindowTitle(m_currentReference.isEmpty() ? tr("%1 — ClaimDesk").arg(fileName)
                                                : tr("%1 — ClaimDesk").arg(m_currentReference));
}

void MainWindow::newIntake()
{
    openIntakeWizard(0);
}

void MainWindow::resumeIntakeDraft()
{
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        return;
    }
    auto drafts = cases->drafts();
    if (!drafts) {
        m_prompter.reportError(this, tr("Your intake drafts could not be listed"), drafts.error());
        return;
    }
    if (drafts->empty()) {
        m_prompter.inform(this, tr("No intake drafts"),
                          tr("You have no unfinished intakes. An intake is kept as a draft when it is closed, "
                             "locked or interrupted before the case is created."));
        return;
    }
    // Dates only: a list like this can be on a shared screen.
    QStringList items;
    for (const core::IntakeDraft& draft : *drafts) {
        items << tr("Intake draft last saved %1").arg(ukDateTime(draft.updatedAtUtc));
    }
    const std::optional<int> chosen
        = m_prompter.chooseItem(this, tr("Resume an intake"), tr("Choose the intake to carry on with:"), items, 0);
    if (!chosen || *chosen < 0 || *chosen >= static_cast<int>(drafts->size())) {
        return;
    }
    openIntakeWizard((*drafts)[static_cast<std::size_t>(*chosen)].id);
}

void MainWindow::openIntakeWizard(qint64 draftId)
{
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr || m_session.conflicts() == nullptr) {
        return;
    }
    std::vector<core::User> staff;
    if (auto users = m_session.users()) {
        staff = std::move(*users);
    }
    QPointer<CaseWorkspace> workspace = m_workspace;
    QWidget* wizard = launchIntakeWizard(*cases, *m_session.conflicts(), m_prompter, this, draftId, staff,
                                         m_session.currentUser().username, [workspace](qint64 caseId) {
                                             if (workspace) {
                                                 workspace->caseCreated(caseId);
                                             }
                                         });
    if (wizard == nullptr) {
        m_prompter.inform(this, tr("Intake"), tr("The intake wizard is not part of this build of ClaimDesk yet."));
    }
}

void MainWindow::showSession()
{
    const core::User user = m_session.currentUser();
    const QString fileName = QFileInfo(m_session.vaultPath()).fileName();
    const bool isAdmin = user.role == core::Role::Admin;
    updateTitle();
    if (m_welcome != nullptr) {
        m_welcome->showUser(user, fileName,
                            VaultSession::effectiveAutoLockMinutes(AppSettings::autoLockMinutes(),
                                                                   m_session.maxAutoLockMinutes()));
    }
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
    if (m_welcome != nullptr) {
        m_welcome->setAutoLockMinutes(minutes);
    }
}

void MainWindow::clearSessionData()
{
    AppSettings::setMainWindowGeometry(saveGeometry());
    for (UsersModel* model : findChildren<UsersModel*>()) {
        model->clear();
    }
    if (m_welcome != nullptr) {
        m_welcome->clear();
    }
    if (m_workspace != nullptr) {
        m_workspace->clear();  // every case file wiped and closed, the list emptied
    }
    m_currentReference.clear();
    m_vaultStatus->clear();
    m_vaultStatus->setToolTip(QString());
    m_userStatus->clear();
    statusBar()->clearMessage();
    setWindowTitle(tr("ClaimDesk"));
}

bool MainWindow::mayDiscardUnsavedCases()
{
    if (m_workspace == nullptr) {
        return true;
    }
    QStringList unsaved;
    for (CaseFileWidget* file : m_workspace->caseFiles()) {
        if (file->isDirty()) {
            unsaved << file->reference();
        }
    }
    if (unsaved.isEmpty()) {
        return true;
    }
    // Asked only when someone chooses to leave; a lock (which must never wait for an answer) does not ask.
    return m_prompter.confirm(this, tr("Leave without saving?"),
                              tr("These cases have changes that are not saved: %1. If you go on, the changes are "
                                 "lost.")
                                  .arg(unsaved.join(QStringLiteral(", "))),
                              tr("Leave without saving"));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!mayDiscardUnsavedCases()) {
        event->ignore();
        return;
    }
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
    auto* dialog = new PreferencesDialog(m_session.maxAutoLockMinutes(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        setAutoLockMinutes(
            VaultSession::effectiveAutoLockMinutes(AppSettings::autoLockMinutes(), m_session.maxAutoLockMinutes()));
        emit preferencesChanged();
    });
    dialog->open();
}

void MainWindow::showSessionPolicy()
{
    if (m_session.currentUser().role != core::Role::Admin) {
        return;
    }
    auto* dialog = new SessionPolicyDialog(m_session, m_prompter, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        setAutoLockMinutes(
            VaultSession::effectiveAutoLockMinutes(AppSettings::autoLockMinutes(), m_session.maxAutoLockMinutes()));
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
