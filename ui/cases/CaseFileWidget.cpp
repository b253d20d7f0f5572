#include "ui/cases/CaseFileWidget.h"

#include "ui/cases/CaseAccess.h"
#include "ui/cases/CaseAccountTab.h"
#include "ui/cases/CaseClientTab.h"
#include "ui/cases/CaseDiff.h"
#include "ui/cases/CaseHistoryTab.h"
#include "ui/cases/CaseIncidentsTab.h"
#include "ui/cases/CaseNotesTab.h"
#include "ui/cases/CaseOverviewTab.h"
#include "ui/cases/CasePartiesTab.h"
#include "ui/cases/CaseTasksTab.h"
#include "ui/deadlines/CaseDeadlinesTab.h"
#include "ui/therapy/CaseTherapyTab.h"
#include "ui/cases/CaseText.h"
#include "ui/cases/ConflictDialog.h"
#include "ui/cases/SafeguardingActionDialog.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"

#include "cases/CaseService.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include <optional>

namespace claimdesk::ui {

namespace {

QFrame* banner(QWidget* parent, const QString& objectName, const QString& background, const QString& border,
               const QString& text)
{
    auto* frame = new QFrame(parent);
    frame->setObjectName(objectName);
    // Fixed colours (text included), so the banner reads the same in light and dark themes.
    frame->setStyleSheet(QStringLiteral("QFrame#%1 { background: %2; border: 1px solid %3; border-radius: 6px; }"
                                        "QFrame#%1 QLabel { color: %4; background: transparent; border: none; }")
                             .arg(objectName, background, border, text));
    return frame;
}

}  // namespace

CaseFileWidget::CaseFileWidget(VaultSession& session, Prompter& prompter, core::CaseRecord record, bool privacyMode,
                               const StaffNames& staff, QWidget* parent)
    : QWidget(parent),
      m_session(session),
      m_prompter(prompter),
      m_record(std::move(record)),
      m_caseId(m_record.id),
      m_reference(m_record.reference),
      m_privacy(privacyMode),
      m_staff(staff)
{
    setObjectName(QStringLiteral("caseFile"));
    const bool supervisor = session.currentUser().role == core::Role::Supervisor;

    // Header: the reference, the name to use, where the case is; Save on the right.
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("caseReferenceLabel"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    makeHeading(m_title);
    m_clientName = new QLabel(this);
    m_clientName->setObjectName(QStringLiteral("caseClientLabel"));
    m_clientName->setTextFormat(Qt::PlainText);
    makeSubheading(m_clientName);
    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("caseSubtitleLabel"));
    m_subtitle->setTextFormat(Qt::PlainText);
    makeSecondary(m_subtitle);
    m_dirtyLabel = new QLabel(tr("Unsaved changes"), this);
    m_dirtyLabel->setObjectName(QStringLiteral("unsavedChangesLabel"));
    makeSecondary(m_dirtyLabel);
    m_dirtyLabel->setVisible(false);
    m_saveButton = new QPushButton(tr("&Save"), this);
    m_saveButton->setObjectName(QStringLiteral("saveCaseButton"));
    m_saveButton->setToolTip(tr("Save the changes to this case (Ctrl+S)"));
    m_saveButton->setEnabled(false);
    connect(m_saveButton, &QPushButton::clicked, this, &CaseFileWidget::save);
    auto* names = new QHBoxLayout;
    names->setSpacing(14);
    names->addWidget(m_title);
    names->addWidget(m_clientName);
    names->addStretch(1);
    names->addWidget(m_dirtyLabel);
    names->addWidget(m_saveButton);

    // The safe-contact banner: always there, whatever tab is open.
    QFrame* safeFrame = banner(this, QStringLiteral("safeContactBanner"), QStringLiteral("#eef4fa"),
                               QStringLiteral("#b9cde2"), QStringLiteral("#1c2b3a"));
    m_safeContact = new QLabel(safeFrame);
    m_safeContact->setObjectName(QStringLiteral("safeContactLabel"));
    m_safeContact->setTextFormat(Qt::RichText);
    m_safeContact->setWordWrap(true);
    m_safeContact->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* safeLayout = new QHBoxLayout(safeFrame);
    safeLayout->setContentsMargins(12, 8, 12, 8);
    safeLayout->addWidget(m_safeContact, 1);

    // The safeguarding banner: red, until a supervisor records the action taken.
    m_safeguardingFrame = banner(this, QStringLiteral("safeguardingBanner"), QStringLiteral("#fdecea"),
                                 QStringLiteral("#d9a19a"), QStringLiteral("#7a1209"));
    m_safeguardingText = new QLabel(m_safeguardingFrame);
    m_safeguardingText->setObjectName(QStringLiteral("safeguardingLabel"));
    m_safeguardingText->setTextFormat(Qt::RichText);
    m_safeguardingText->setWordWrap(true);
    m_recordAction = new QPushButton(tr("&Record action taken…"), m_safeguardingFrame);
    m_recordAction->setObjectName(QStringLiteral("recordActionButton"));
    m_recordAction->setVisible(supervisor);
    connect(m_recordAction, &QPushButton::clicked, this, &CaseFileWidget::recordSafeguardingAction);
    auto* safeguardingLayout = new QHBoxLayout(m_safeguardingFrame);
    safeguardingLayout->setContentsMargins(12, 8, 12, 8);
    safeguardingLayout->addWidget(m_safeguardingText, 1);
    safeguardingLayout->addWidget(m_recordAction, 0, Qt::AlignVCenter);

    // The break-glass banner: red, while the case is open only through an emergency grant (showBreakGlass).
    m_breakGlassFrame = banner(this, QStringLiteral("breakGlassBanner"), QStringLiteral("#fdecea"),
                               QStringLiteral("#d9a19a"), QStringLiteral("#7a1209"));
    m_breakGlassText = new QLabel(m_breakGlassFrame);
    m_breakGlassText->setObjectName(QStringLiteral("breakGlassLabel"));
    m_breakGlassText->setTextFormat(Qt::RichText);
    m_breakGlassText->setWordWrap(true);
    auto* breakGlassLayout = new QHBoxLayout(m_breakGlassFrame);
    breakGlassLayout->setContentsMargins(12, 8, 12, 8);
    breakGlassLayout->addWidget(m_breakGlassText, 1);
    m_breakGlassFrame->setVisible(false);

    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("saveProblemsLabel"));
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setWordWrap(true);
    makeProblem(m_problems);
    m_problems->setVisible(false);

    // The tabs.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("caseFileTabs"));
    m_tabs->setDocumentMode(true);
    m_overview = new CaseOverviewTab(supervisor, staff, m_tabs);
    m_client = new CaseClientTab(m_tabs);
    m_incidents = new CaseIncidentsTab(m_tabs);
    m_parties = new CasePartiesTab(m_tabs);
    m_account = new CaseAccountTab(session, prompter, m_caseId, m_record.hasAccount, m_tabs);
    m_notes = new CaseNotesTab(session, prompter, m_caseId, staff, m_tabs);
    m_tasks = new CaseTasksTab(session, prompter, m_caseId, staff, m_tabs);
    m_sections = {m_overview, m_client, m_incidents, m_parties};
    m_tabs->addTab(m_overview, tr("&Overview"));
    m_tabs->addTab(m_client, tr("C&lient"));
    m_tabs->addTab(m_incidents, tr("&Incidents"));
    m_tabs->addTab(m_parties, tr("&Parties"));
    m_tabs->addTab(m_account, tr("&Account"));
    m_tabs->addTab(m_notes, tr("&Notes"));
    m_tabs->addTab(m_tasks, tr("&Tasks"));
    auto* deadlines = new CaseDeadlinesTab(session, prompter, m_caseId, m_reference, staff, m_tabs);
    connect(this, &CaseFileWidget::saved, deadlines, &CaseDeadlinesTab::caseSaved);  // facts changed: recompute
    connect(deadlines, &CaseDeadlinesTab::statusMessage, this, &CaseFileWidget::statusMessage);
    m_tabs->addTab(deadlines, tr("&Deadlines"));
    m_therapy = new CaseTherapyTab(session, prompter, m_caseId, m_reference, staff, m_tabs);
    connect(m_therapy, &CaseTherapyTab::statusMessage, this, &CaseFileWidget::statusMessage);
    m_tabs->addTab(m_therapy, tr("T&herapy"));
    if (supervisor) {
        m_history = new CaseHistoryTab(session, prompter, m_caseId, staff, m_tabs);
        m_tabs->addTab(m_history, tr("Histor&y"));
    }

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 8);
    layout->setSpacing(8);
    layout->addLayout(names);
    layout->addWidget(m_subtitle);
    layout->addWidget(safeFrame);
    layout->addWidget(m_safeguardingFrame);
    layout->addWidget(m_breakGlassFrame);
    layout->addWidget(m_problems);
    layout->addWidget(m_tabs, 1);

    for (CaseSection* section : m_sections) {
        connect(section, &CaseSection::edited, this, &CaseFileWidget::sectionEdited);
    }
    connect(m_account, &CaseAccountTab::edited, this, &CaseFileWidget::updateDirty);
    connect(m_client, &CaseClientTab::dateOfBirthEdited, this,
            [this] { m_incidents->setDateOfBirth(m_client->dateOfBirth()); });

    adopt(m_record);
    setPrivacyMode(privacyMode);
    m_notes->reload();
    m_tasks->reload();
}

CaseFileWidget::~CaseFileWidget() = default;

ConflictDialog* CaseFileWidget::conflictDialog() const
{
    return qobject_cast<ConflictDialog*>(m_conflict.data());
}

bool CaseFileWidget::isDirty() const
{
    return m_sectionsDirty || m_account->isDirty();
}

void CaseFileWidget::adopt(const core::CaseRecord& record)
{
    m_record = record;
    for (CaseSection* section : m_sections) {
        section->load(m_record);
    }
    m_sectionsDirty = false;
    refreshHeader();
    refreshBanners();
    updateDirty();
}

void CaseFileWidget::refreshHeader()
{
    m_title->setText(m_reference);
    const core::Client& c = m_record.client;
    if (m_privacy) {
        m_clientName->setText(c.initials());
        m_clientName->setToolTip(tr("Privacy mode is on: names are shown as initials (Ctrl+Shift+P)."));
    } else {
        QString name = c.fullName;
        if (!c.preferredName.isEmpty() && c.preferredName != c.fullName) {
            name = tr("%1 — prefers “%2”").arg(c.fullName, c.preferredName);
        }
        if (!c.pronouns.isEmpty()) {
            name = tr("%1 (%2)").arg(name, c.pronouns);
        }
        m_clientName->setText(name);
        m_clientName->setToolTip(QString());
    }
    QStringList facts {stageName(m_record.stage), tr("Fee earner: %1").arg(m_staff.nameOf(m_record.feeEarner))};
    if (!m_record.supervisor.isEmpty()) {
        facts << tr("Supervisor: %1").arg(m_staff.nameOf(m_record.supervisor));
    }
    if (m_record.openedOn.isValid()) {
        facts << tr("Opened %1").arg(ukDate(m_record.openedOn));
    }
    if (m_record.restricted) {
        facts << tr("Restricted");
    }
    m_subtitle->setText(facts.join(QStringLiteral("  ·  ")));
}

void CaseFileWidget::refreshBanners()
{
    m_safeContact->setText(safeContactHtml(m_record.client.safeContact, m_privacy));
    const bool alert = m_record.safeguardingAlert;
    m_safeguardingFrame->setVisible(alert);
    if (!alert) {
        m_safeguardingText->clear();
        return;
    }
    const QStringList reasons = seriousRiskNames(m_record.safeguarding);
    const QString what = reasons.isEmpty() ? tr("a serious risk was recorded") : reasons.join(QStringLiteral(", "));
    const bool supervisor = m_session.currentUser().role == core::Role::Supervisor;
    m_safeguardingText->setText(
        tr("<b>Safeguarding risk:</b> %1.<br>%2")
            .arg(what.toHtmlEscaped(),
                 supervisor ? tr("Review it today, then record the action taken.")
                            : tr("A supervisor must review it today and record the action taken. Make sure they "
                                 "know.")));
}

void CaseFileWidget::setPrivacyMode(bool on)
{
    m_privacy = on;
    for (CaseSection* section : m_sections) {
        section->setPrivacyMode(on);
    }
    m_account->setPrivacyMode(on);
    refreshHeader();
    refreshBanners();
}

void CaseFileWidget::sectionEdited()
{
    m_sectionsDirty = true;
    updateDirty();
}

void CaseFileWidget::updateDirty()
{
    const bool dirty = isDirty();
    m_dirtyLabel->setVisible(dirty);
    m_saveButton->setEnabled(dirty);
    if (dirty != m_wasDirty) {
        m_wasDirty = dirty;
        emit dirtyChanged(dirty);
    }
}

core::CaseRecord CaseFileWidget::collect() const
{
    core::CaseRecord edited = m_record;
    for (const CaseSection* section : m_sections) {
        section->apply(edited);
    }
    return edited;
}

void CaseFileWidget::showProblems(const QStringList& problems)
{
    if (problems.isEmpty()) {
        m_problems->clear();
        m_problems->setVisible(false);
        return;
    }
    m_problems->setText(tr("Not saved yet. Fix what is marked in red, then save again:\n• %1")
                            .arg(problems.join(QStringLiteral("\n• "))));
    m_problems->setVisible(true);
}

bool CaseFileWidget::save()
{
    if (m_wiped || availableCases(m_session) == nullptr) {
        return false;
    }
    if (m_conflict) {
        m_conflict->raise();
        return false;
    }
    QStringList problems;
    QWidget* firstWithProblems = nullptr;
    for (CaseSection* section : m_sections) {
        const QStringList p = section->problems();
        if (!p.isEmpty() && firstWithProblems == nullptr) {
            firstWithProblems = section;
        }
        problems << p;
    }
    showProblems(problems);
    if (firstWithProblems != nullptr) {
        m_tabs->setCurrentWidget(firstWithProblems);
        return false;
    }
    if (!isDirty()) {
        return true;
    }
    return saveRecord(collect());
}

bool CaseFileWidget::saveRecord(core::CaseRecord edited)
{
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        return false;
    }
    if (m_sectionsDirty) {
        auto saved = cases->save(edited);
        if (!saved) {
            if (saved.error().code == core::ErrorCode::ConflictingEdit) {
                openConflict(edited);
                return false;
            }
            // What was typed stays in the form; core's message says what to fix.
            m_prompter.reportError(this, tr("%1 was not saved").arg(m_reference), saved.error());
            return false;
        }
        adopt(*saved);
    }
    if (m_account->isDirty()) {
        auto written = cases->setAccount(m_caseId, m_account->editedAccount(), m_record.version);
        if (!written) {
            m_prompter.reportError(this, tr("The account of %1 was not saved").arg(m_reference), written.error());
            updateDirty();
            return false;
        }
        m_account->markSaved();
        refreshAfterOwnChange(*written);
    }
    updateDirty();
    emit saved(m_record);
    emit statusMessage(tr("%1 saved.").arg(m_reference));
    return true;
}

void CaseFileWidget::openConflict(const core::CaseRecord& edited)
{
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        return;
    }
    auto conflict = cases->conflictFor(edited);
    if (!conflict) {
        m_prompter.reportError(this, tr("%1 was not saved").arg(m_reference), conflict.error());
        return;
    }
    auto* dialog = new ConflictDialog(m_record, edited, *conflict, m_privacy, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    m_conflict = dialog;
    const core::CaseRecord theirs = conflict->theirs;
    const QString savedBy = conflict->savedBy;
    connect(dialog, &QDialog::finished, this, [this, theirs, savedBy](int choice) {
        m_conflict = nullptr;
        if (m_wiped) {
            return;  // closed by a lock
        }
        switch (choice) {
        case ConflictDialog::KeepMine: {
            core::CaseRecord mine = keepMine(m_record, collect(), theirs);  // with their changes where we made none
            mine.version = theirs.version;
            saveRecord(mine);
            break;
        }
        case ConflictDialog::UseTheirs:
            adopt(theirs);
            emit saved(m_record);
            emit statusMessage(tr("Showing the version %1 saved.").arg(savedBy));
            break;
        default: emit statusMessage(tr("Not saved. Your changes are still here.")); break;
        }
    });
    dialog->open();
}

void CaseFileWidget::refreshAfterOwnChange(int ourVersion)
{
    const bool onlyOurs = ourVersion == m_record.version + 1;
    std::optional<core::CaseRecord> now;
    if (core::CaseService* cases = availableCases(m_session)) {
        if (auto loaded = cases->load(m_caseId)) {
            now = std::move(*loaded);
        }
    }
    if (now && !m_sectionsDirty) {
        adopt(*now);
        return;
    }
    if (!onlyOurs) {
        return;  // someone else saved too: the next save shows both versions
    }
    // Edits in progress (or the case could not be read again): keep them, and take only the version bump that
    // was ours, with what it changed when we can read it.
    m_record.version = ourVersion;
    if (now) {
        m_record.updatedAtUtc = now->updatedAtUtc;
        m_record.updatedBy = now->updatedBy;
        m_record.safeguardingAlert = now->safeguardingAlert;
        m_record.safeguardingAction = now->safeguardingAction;
        m_record.safeguardingActionRecord = now->safeguardingActionRecord;
        m_record.hasAccount = now->hasAccount;
    }
    refreshBanners();
    m_overview->showFacts(m_record);
}

void CaseFileWidget::recordSafeguardingAction()
{
    auto* dialog
        = new SafeguardingActionDialog(m_session, m_caseId, m_reference, seriousRiskNames(m_record.safeguarding), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (m_wiped) {
            return;
        }
        refreshAfterOwnChange(dialog->newVersion());
        m_tasks->reload();
        emit saved(m_record);
        emit statusMessage(tr("The safeguarding action on %1 was recorded.").arg(m_reference));
    });
    dialog->open();
}

void CaseFileWidget::wipe()
{
    m_wiped = true;
    if (m_conflict) {
        m_conflict->reject();
    }
    m_record = core::CaseRecord {};
    m_record.id = m_caseId;
    m_record.reference = m_reference;
    for (CaseSection* section : m_sections) {
        section->load(m_record);
    }
    m_account->wipe();
    m_notes->wipe();
    m_tasks->wipe();
    m_therapy->wipe();
    if (m_history != nullptr) {
        m_history->wipe();
    }
    m_clientName->clear();
    m_subtitle->clear();
    m_safeContact->clear();
    m_safeguardingText->clear();
    m_breakGlassText->clear();
    m_breakGlassFrame->setVisible(false);
    m_problems->clear();
    m_sectionsDirty = false;
}

void CaseFileWidget::showBreakGlass(const QString& reason, const QDateTime& expiresAtUtc)
{
    const QDateTime ends = expiresAtUtc.toLocalTime();
    m_breakGlassText->setText(tr("<b>Opened by break-glass:</b> %1 (your supervisor has been told).<br>Your access "
                                 "to this restricted case ends at %2 on %3; everything you do is recorded.")
                                  .arg(reason.toHtmlEscaped(), ends.toString(QStringLiteral("HH:mm")),
                                       ukDate(ends.date())));
    m_breakGlassFrame->setVisible(true);
}

}  // namespace claimdesk::ui
