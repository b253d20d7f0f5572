#include "ui/cases/CaseWorkspace.h"

#include "deadlines/DeadlineService.h"
#include "ui/cases/DateInput.h"
#include "ui/deadlines/DeadlineText.h"

#include "ui/cases/CaseAccess.h"
#include "ui/cases/CaseFileWidget.h"
#include "ui/cases/CaseListModel.h"
#include "ui/cases/CaseListPanel.h"
#include "ui/common/Prompter.h"
#include "ui/session/VaultSession.h"

#include "cases/CaseService.h"

#include <QPointer>
#include <QTabBar>

namespace claimdesk::ui {

namespace {
// The list row for a case just saved or created, keeping what only the list knows (the fee earner's name,
// the next deadline) when the case was in the list already.
core::CaseSummary summaryOf(const core::CaseRecord& r, const core::CaseSummary* previous, const StaffNames& staff)
{
    core::CaseSummary s;
    s.id = r.id;
    s.reference = r.reference;
    s.clientName = r.client.fullName;
    s.clientInitials = r.client.initials();
    s.stage = r.stage;
    s.feeEarner = r.feeEarner;
    s.feeEarnerName = previous != nullptr && previous->feeEarner == r.feeEarner ? previous->feeEarnerName
                                                                                : staff.nameOf(r.feeEarner);
    if (previous != nullptr) {
        s.nextDeadline = previous->nextDeadline;
        s.nextDeadlineLabel = previous->nextDeadlineLabel;
        s.limitationUnverified = previous->limitationUnverified;
    }
    s.safeguardingAlert = r.safeguardingAlert;
    s.restricted = r.restricted;
    return s;
}
}  // namespace

CaseWorkspace::CaseWorkspace(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QTabWidget(parent), m_session(session), m_prompter(prompter), m_list(new CaseListPanel(session, this))
{
    setObjectName(QStringLiteral("caseWorkspace"));
    setDocumentMode(true);
    setTabsClosable(true);
    addTab(m_list, tr("Cases"));
    tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);  // the list stays
    tabBar()->setTabButton(0, QTabBar::LeftSide, nullptr);
    connect(m_list, &CaseListPanel::openCaseRequested, this, [this](qint64 id) { openCase(id); });
    connect(m_list, &CaseListPanel::restrictedCaseRequested, this, &CaseWorkspace::breakGlass);
    connect(m_list, &CaseListPanel::statusMessage, this, &CaseWorkspace::statusMessage);
    connect(this, &QTabWidget::tabCloseRequested, this, [this](int index) { closeCaseAt(index); });
    connect(this, &QTabWidget::currentChanged, this, &CaseWorkspace::tabChanged);
}

CaseWorkspace::~CaseWorkspace() = default;

void CaseWorkspace::start()
{
    if (auto users = m_session.users()) {  // before the list load makes the session busy
        m_staff = StaffNames(*users);
    }
    m_list->reload();
}

CaseFileWidget* CaseWorkspace::currentCaseFile() const
{
    return qobject_cast<CaseFileWidget*>(currentWidget());
}

CaseFileWidget* CaseWorkspace::caseFile(qint64 caseId) const
{
    for (CaseFileWidget* file : caseFiles()) {
        if (file->caseId() == caseId) {
            return file;
        }
    }
    return nullptr;
}

QList<CaseFileWidget*> CaseWorkspace::caseFiles() const
{
    QList<CaseFileWidget*> files;
    for (int i = 1; i < count(); ++i) {
        if (auto* file = qobject_cast<CaseFileWidget*>(widget(i))) {
            files << file;
        }
    }
    return files;
}

CaseFileWidget* CaseWorkspace::openCase(qint64 caseId)
{
    if (CaseFileWidget* open = caseFile(caseId)) {
        setCurrentWidget(open);
        return open;
    }
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        if (m_session.isUnlocked()) {
            emit statusMessage(tr("Still loading the case list. Try again in a moment."));
        }
        return nullptr;
    }
    auto record = cases->load(caseId);
    if (!record) {
        m_prompter.reportError(this, tr("The case could not be opened"), record.error());
        return nullptr;
    }
    const bool restricted = record->restricted;
    auto* file = new CaseFileWidget(m_session, m_prompter, std::move(*record), m_privacy, m_staff, this);
    if (restricted) {  // open only through an emergency grant: say so on the file
        if (auto grant = cases->activeBreakGlass(caseId); grant && *grant) {
            file->showBreakGlass((*grant)->reason, (*grant)->expiresAtUtc);
        }
    }
    connect(file, &CaseFileWidget::dirtyChanged, this, [this, file] { updateTabText(file); });
    connect(file, &CaseFileWidget::saved, this,
            [this, file](const core::CaseRecord& saved) { caseSaved(file, saved); });
    connect(file, &CaseFileWidget::statusMessage, this, &CaseWorkspace::statusMessage);
    const int index = addTab(file, file->reference());
    setTabToolTip(index, tr("Case %1").arg(file->reference()));
    setCurrentIndex(index);
    return file;
}

void CaseWorkspace::updateTabText(CaseFileWidget* file)
{
    const int index = indexOf(file);
    if (index > 0) {
        setTabText(index, file->isDirty() ? tr("%1 •").arg(file->reference()) : file->reference());
    }
}

void CaseWorkspace::caseSaved(CaseFileWidget* file, const core::CaseRecord& record)
{
    const int row = m_list->model()->rowOf(record.id);
    m_list->updateCase(summaryOf(record, m_list->model()->caseAt(row), m_staff));
    updateTabText(file);
}

bool CaseWorkspace::saveCurrent()
{
    CaseFileWidget* file = currentCaseFile();
    return file != nullptr && file->save();
}

bool CaseWorkspace::closeCaseAt(int index)
{
    QPointer<CaseFileWidget> file = qobject_cast<CaseFileWidget*>(widget(index));
    if (file == nullptr) {
        return false;
    }
    if (file->isDirty()
        && !m_prompter.confirm(this, tr("Close %1 without saving?").arg(file->reference()),
                               tr("Your changes to %1 have not been saved. If you close it now, they are lost.")
                                   .arg(file->reference()),
                               tr("Close without saving"))) {
        if (file) {  // a lock while the question was up has closed it already
            setCurrentWidget(file);
        }
        return false;
    }
    if (!file) {
        return false;
    }
    removeTab(indexOf(file));  // the question may have run an event loop: look the tab up again
    file->wipe();
    file->hide();
    file->deleteLater();
    return true;
}

void CaseWorkspace::closeCurrentCase()
{
    if (currentIndex() > 0) {
        closeCaseAt(currentIndex());
    }
}

void CaseWorkspace::caseCreated(qint64 caseId)
{
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        return;
    }
    // The provisional limitation date (and any other deadline) from the facts the intake recorded.
    core::deadlines::DeadlineService* deadlines = availableDeadlines(m_session);
    const QDate today = DateInput::today();
    if (deadlines != nullptr) {
        (void)deadlines->recompute(caseId, today);  // on failure the case file's Deadlines tab recomputes
    }
    if (auto record = cases->load(caseId)) {
        core::CaseSummary summary = summaryOf(*record, nullptr, m_staff);
        if (deadlines != nullptr) {
            if (auto stored = deadlines->deadlines(caseId)) {
                for (const auto& d : *stored) {
                    const bool passedLimitation = d.kind == core::deadlines::DeadlineKind::Limitation && d.dueOn < today;
                    if (!d.done() && d.dueOn.isValid() && !passedLimitation
                        && (!summary.nextDeadline.isValid() || d.dueOn < summary.nextDeadline)) {
                        summary.nextDeadline = d.dueOn;
                    }
                }
            }
        }
        m_list->updateCase(summary);
    }
    openCase(caseId);
}

void CaseWorkspace::breakGlass(qint64 caseId, const QString& reference)
{
    if (availableCases(m_session) == nullptr) {
        if (m_session.isUnlocked()) {
            emit statusMessage(tr("Still loading the case list. Try again in a moment."));
        }
        return;
    }
    const std::optional<QString> reason = m_prompter.askText(
        this, tr("%1 is restricted").arg(reference),
        tr("This case is restricted. Open it in an emergency (break-glass)…\n\nOnly if it cannot wait for its "
           "supervisor: say why you must open it now (at least %1 characters). You will have access for %2 hours. "
           "The reason is recorded in the audit trail and the case's supervisor is told at once.")
            .arg(core::CaseService::kBreakGlassMinReason)
            .arg(core::CaseService::kBreakGlassHours),
        tr("Break glass and open"));
    if (!reason) {
        emit statusMessage(tr("%1 is a restricted case. Ask its supervisor if you need access.").arg(reference));
        return;
    }
    core::CaseService* cases = availableCases(m_session);  // the question may have run an event loop (a lock)
    if (cases == nullptr) {
        return;
    }
    auto record = cases->breakGlass(caseId, *reason);
    if (!record) {
        m_prompter.reportError(this, tr("%1 was not opened").arg(reference), record.error());
        return;
    }
    m_list->updateCase(summaryOf(*record, m_list->model()->caseAt(m_list->model()->rowOf(caseId)), m_staff));
    openCase(caseId);
    emit statusMessage(tr("Break-glass access to %1 recorded; its supervisor has been told.").arg(reference));
}

void CaseWorkspace::setPrivacyMode(bool on)
{
    m_privacy = on;
    m_list->setPrivacyMode(on);
    for (CaseFileWidget* file : caseFiles()) {
        file->setPrivacyMode(on);
    }
}

void CaseWorkspace::focusSearch()
{
    setCurrentIndex(0);
    m_list->focusSearch();
}

void CaseWorkspace::tabChanged()
{
    CaseFileWidget* file = currentCaseFile();
    emit currentReferenceChanged(file != nullptr ? file->reference() : QString());
}

void CaseWorkspace::clear()
{
    // No questions on lock: unsaved edits go with the session (nothing of a client may stay on screen).
    while (count() > 1) {
        QWidget* page = widget(count() - 1);
        removeTab(count() - 1);
        if (auto* file = qobject_cast<CaseFileWidget*>(page)) {
            file->wipe();
        }
        page->hide();
        page->deleteLater();
    }
    m_list->clear();
    setCurrentIndex(0);
}

}  // namespace claimdesk::ui
