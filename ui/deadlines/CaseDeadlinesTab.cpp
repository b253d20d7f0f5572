#include "ui/deadlines/CaseDeadlinesTab.h"

#include "ui/cases/CaseText.h"
#include "ui/cases/DateInput.h"
#include "ui/common/ErrorText.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/deadlines/DeadlineDialogs.h"
#include "ui/deadlines/DeadlineListModel.h"
#include "ui/deadlines/DeadlineText.h"
#include "ui/deadlines/EventListModel.h"
#include "ui/deadlines/LimitationPanel.h"
#include "ui/session/VaultSession.h"

#include "users/User.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace claimdesk::ui {

namespace dl = core::deadlines;

namespace {

QTableView* table(QWidget* parent, const QString& objectName)
{
    auto* view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->setShowGrid(false);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

QWidget* section(QWidget* parent, const QString& title, QWidget* body, const QList<QPushButton*>& buttons)
{
    auto* page = new QWidget(parent);
    auto* heading = new QLabel(title, page);
    makeSubheading(heading);
    auto* head = new QHBoxLayout;
    head->addWidget(heading);
    head->addStretch(1);
    for (QPushButton* b : buttons) {
        b->setParent(page);
        head->addWidget(b);
    }
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(head);
    body->setParent(page);
    layout->addWidget(body, 1);
    return page;
}

}  // namespace

CaseDeadlinesTab::CaseDeadlinesTab(VaultSession& session, Prompter& prompter, qint64 caseId, const QString& reference,
                                   const StaffNames& staff, QWidget* parent)
    : QWidget(parent),
      m_session(session),
      m_prompter(prompter),
      m_caseId(caseId),
      m_reference(reference),
      m_staff(staff),
      m_today(DateInput::today()),
      m_limitation(new LimitationPanel),
      m_events(new EventListModel(this)),
      m_deadlines(new DeadlineListModel(this)),
      m_deadlinesProxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("deadlinesTab"));
    const auto nameOf = [this](const QString& username) { return this->nameOf(username); };
    m_events->setNameOf(nameOf);
    m_deadlines->setNameOf(nameOf);
    m_deadlines->setToday(m_today);

    // What the last change moved: calm, inline, dismissible.
    m_changesFrame = new QFrame(this);
    m_changesFrame->setObjectName(QStringLiteral("deadlineChangesFrame"));
    m_changesFrame->setStyleSheet(QStringLiteral(
        "QFrame#deadlineChangesFrame { background: #e9f1fb; border: 1px solid #b7cde8; border-radius: 6px; }"
        "QFrame#deadlineChangesFrame QLabel { color: #1c3d6b; background: transparent; border: none; }"));
    m_changes = new QLabel(m_changesFrame);
    m_changes->setObjectName(QStringLiteral("deadlineChangesLabel"));
    m_changes->setTextFormat(Qt::RichText);
    m_changes->setWordWrap(true);
    auto* dismiss = new QToolButton(m_changesFrame);
    dismiss->setObjectName(QStringLiteral("dismissChangesButton"));
    dismiss->setText(tr("OK"));
    dismiss->setAutoRaise(true);
    connect(dismiss, &QToolButton::clicked, m_changesFrame, &QWidget::hide);
    auto* changesLayout = new QHBoxLayout(m_changesFrame);
    changesLayout->setContentsMargins(12, 6, 8, 6);
    changesLayout->addWidget(m_changes, 1);
    changesLayout->addWidget(dismiss, 0, Qt::AlignTop);
    m_changesFrame->setVisible(false);

    // Limitation, in a scroll area: explanations can be long.
    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("limitationScrollArea"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_limitation);
    connect(m_limitation, &LimitationPanel::verifyRequested, this, &CaseDeadlinesTab::verify);
    connect(m_limitation, &LimitationPanel::overrideRequested, this, &CaseDeadlinesTab::overrideLimitation);

    // Deadlines, by raw date.
    m_deadlinesView = table(this, QStringLiteral("deadlinesTableView"));
    m_deadlinesProxy->setSourceModel(m_deadlines);
    m_deadlinesProxy->setSortRole(DeadlineListModel::SortRole);
    m_deadlinesView->setModel(m_deadlinesProxy);
    m_deadlinesView->setSortingEnabled(true);
    m_deadlinesView->sortByColumn(DeadlineListModel::Due, Qt::AscendingOrder);
    QHeaderView* header = m_deadlinesView->horizontalHeader();
    header->setSectionResizeMode(DeadlineListModel::Title, QHeaderView::Stretch);
    m_deadlinesView->setColumnWidth(DeadlineListModel::Due, 110);
    m_deadlinesView->setColumnWidth(DeadlineListModel::Rule, 290);
    m_deadlinesView->setColumnWidth(DeadlineListModel::WhoActs, 90);
    m_deadlinesView->setColumnWidth(DeadlineListModel::DaysLeft, 120);
    m_deadlinesView->setColumnWidth(DeadlineListModel::Status, 190);
    m_markDone = new QPushButton(tr("&Mark done"));
    m_markDone->setObjectName(QStringLiteral("markDoneButton"));
    m_addManual = new QPushButton(tr("Add court-ordered deadline…"));
    m_addManual->setObjectName(QStringLiteral("addManualDeadlineButton"));
    connect(m_markDone, &QPushButton::clicked, this, &CaseDeadlinesTab::markDone);
    connect(m_addManual, &QPushButton::clicked, this, &CaseDeadlinesTab::addManualDeadline);
    connect(m_deadlinesView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CaseDeadlinesTab::updateButtons);

    // Events, in the order they happened.
    m_eventsView = table(this, QStringLiteral("eventsTableView"));
    auto* eventsProxy = new QSortFilterProxyModel(this);
    eventsProxy->setSourceModel(m_events);
    eventsProxy->setSortRole(EventListModel::SortRole);
    m_eventsView->setModel(eventsProxy);
    m_eventsView->setSortingEnabled(true);
    m_eventsView->sortByColumn(EventListModel::When, Qt::AscendingOrder);
    m_eventsView->horizontalHeader()->setSectionResizeMode(EventListModel::Note, QHeaderView::Stretch);
    m_eventsView->setColumnWidth(EventListModel::When, 140);
    m_eventsView->setColumnWidth(EventListModel::Type, 280);
    m_eventsView->setColumnWidth(EventListModel::Method, 130);
    m_eventsView->setColumnWidth(EventListModel::RecordedBy, 190);
    m_recordEvent = new QPushButton(tr("Record event…"));
    m_recordEvent->setObjectName(QStringLiteral("recordEventButton"));
    m_removeEvent = new QPushButton(tr("Remove event"));
    m_removeEvent->setObjectName(QStringLiteral("removeEventButton"));
    connect(m_recordEvent, &QPushButton::clicked, this, &CaseDeadlinesTab::recordEvent);
    connect(m_removeEvent, &QPushButton::clicked, this, &CaseDeadlinesTab::removeEvent);
    connect(m_eventsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CaseDeadlinesTab::updateButtons);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("deadlinesSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(scroll);
    splitter->addWidget(section(splitter, tr("Deadlines"), m_deadlinesView, {m_markDone, m_addManual}));
    splitter->addWidget(section(splitter, tr("Events"), m_eventsView, {m_recordEvent, m_removeEvent}));
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    splitter->setSizes({500, 300, 200});  // the limitation first: it is why the tab exists

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);
    layout->addWidget(m_changesFrame);
    layout->addWidget(splitter, 1);

    connect(&m_session, &VaultSession::locked, this, &CaseDeadlinesTab::wipe);
    updateButtons();
}

CaseDeadlinesTab::~CaseDeadlinesTab() = default;

void CaseDeadlinesTab::setToday(const QDate& today)
{
    m_today = today;
    m_deadlines->setToday(today);
    if (m_loaded) {
        reload();
    }
}

void CaseDeadlinesTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    reload();  // the case may have been edited on another tab since
}

void CaseDeadlinesTab::reload()
{
    dl::DeadlineService* service = availableDeadlines(m_session);
    if (service == nullptr) {
        return;
    }
    m_loaded = true;
    auto result = service->evaluate(m_caseId, m_today);
    auto status = service->limitationStatus(m_caseId);
    if (!result || !status) {
        m_limitation->showProblem(
            tr("The limitation date could not be worked out: %1").arg(result ? status.error().message : result.error().message));
    } else {
        m_status = *status;
        m_limitation->show(*result, *status, m_today, [this](const QString& u) { return nameOf(u); },
                           m_session.currentUser().role == core::Role::Supervisor);
    }
    if (auto events = service->events(m_caseId)) {
        m_events->setEvents(std::move(*events));
    } else {
        m_events->clear();
    }
    if (auto deadlines = service->deadlines(m_caseId)) {
        m_deadlines->setDeadlines(std::move(*deadlines));
    } else {
        m_deadlines->clear();
    }
    updateButtons();
}

void CaseDeadlinesTab::caseSaved()
{
    dl::DeadlineService* service = availableDeadlines(m_session);
    if (service == nullptr) {
        return;
    }
    auto changes = service->recompute(m_caseId, m_today);
    if (!changes) {
        m_prompter.reportError(this, tr("The deadlines were not worked out again"), changes.error());
        return;
    }
    if (!changes->empty()) {
        showChanges(tr("The case was saved."), *changes);
    }
    if (isVisible()) {
        reload();
    }
}

void CaseDeadlinesTab::wipe()
{
    m_loaded = false;
    m_status = {};
    m_limitation->clear();
    m_events->clear();
    m_deadlines->clear();
    m_changes->clear();
    m_changesFrame->hide();
}

void CaseDeadlinesTab::updateButtons()
{
    const QModelIndexList events = m_eventsView->selectionModel()->selectedRows();
    m_removeEvent->setEnabled(!events.isEmpty());
    const QModelIndexList rows = m_deadlinesView->selectionModel()->selectedRows();
    const dl::StoredDeadline* d
        = rows.isEmpty() ? nullptr : m_deadlines->deadlineAt(m_deadlinesProxy->mapToSource(rows.first()).row());
    m_markDone->setEnabled(d != nullptr && !d->done());
    m_markDone->setToolTip(d != nullptr && d->kind == dl::DeadlineKind::Limitation
                               ? tr("A limitation date is met by issuing the claim: record “Claim form issued”.")
                               : tr("Record that this deadline was met (who and when are kept)."));
}

void CaseDeadlinesTab::showChanges(const QString& what, const std::vector<dl::DeadlineChange>& changes)
{
    QStringList lines;
    for (const dl::DeadlineChange& c : changes) {
        QString move;
        if (!c.before.isValid() && c.after.isValid()) {
            move = tr("new: %1").arg(ukDate(c.after));
        } else if (c.before.isValid() && !c.after.isValid()) {
            move = tr("%1 → no longer applies").arg(ukDate(c.before));
        } else if (c.before.isValid()) {
            move = tr("%1 → %2").arg(ukDate(c.before), ukDate(c.after));
        } else {
            move = tr("no date");
        }
        lines << tr("<li>%1: %2</li>").arg(c.title.toHtmlEscaped(), move);
    }
    const QString summary = changes.empty()
        ? tr("%1 No deadline changed.").arg(what.toHtmlEscaped())
        : tr("%1 %n deadline(s) changed:", nullptr, static_cast<int>(changes.size())).arg(what.toHtmlEscaped());
    m_changes->setText(changes.empty() ? summary
                                       : QStringLiteral("%1<ul style=\"margin:0px\">%2</ul>").arg(summary, lines.join(QString())));
    m_changesFrame->show();
    emit statusMessage(changes.empty() ? tr("%1: no deadline changed.").arg(m_reference)
                                       : tr("%1: %n deadline(s) changed.", nullptr, static_cast<int>(changes.size()))
                                             .arg(m_reference));
}

void CaseDeadlinesTab::recordEvent()
{
    auto* dialog = new RecordEventDialog(
        m_reference,
        [this](const dl::Event& event, const QString& note) -> QString {
            dl::DeadlineService* service = availableDeadlines(m_session);
            if (service == nullptr) {
                return tr("The vault is busy or locked. Try again in a moment.");
            }
            auto changes = service->addEvent(m_caseId, event, note);
            if (!changes) {
                return describe(changes.error());  // shown in the dialog, which keeps what was typed
            }
            showChanges(tr("“%1” was recorded.").arg(eventTypeName(event.type)), *changes);
            reload();
            return {};
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void CaseDeadlinesTab::removeEvent()
{
    const QModelIndexList rows = m_eventsView->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        return;
    }
    const auto* proxy = qobject_cast<const QSortFilterProxyModel*>(m_eventsView->model());
    const dl::CaseEvent* event = m_events->eventAt(proxy->mapToSource(rows.first()).row());
    if (event == nullptr) {
        return;
    }
    const qint64 eventId = event->id;
    const QString name = eventTypeName(event->event.type);
    const QString when = EventListModel::whenText(event->event);
    if (!m_prompter.confirm(this, tr("Remove event"),
                            tr("Remove “%1” (%2) from %3? The deadlines that depend on it are worked out again, and "
                               "the removal is recorded in the case history.")
                                .arg(name, when, m_reference),
                            tr("Remove event"))) {
        return;
    }
    dl::DeadlineService* service = availableDeadlines(m_session);
    if (service == nullptr) {
        return;
    }
    auto changes = service->removeEvent(eventId);
    if (!changes) {
        m_prompter.reportError(this, tr("The event was not removed"), changes.error());
        return;
    }
    showChanges(tr("“%1” was removed.").arg(name), *changes);
    reload();
}

void CaseDeadlinesTab::markDone()
{
    const QModelIndexList rows = m_deadlinesView->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        return;
    }
    const dl::StoredDeadline* d = m_deadlines->deadlineAt(m_deadlinesProxy->mapToSource(rows.first()).row());
    dl::DeadlineService* service = availableDeadlines(m_session);
    if (d == nullptr || service == nullptr) {
        return;
    }
    const QString title = d->title;
    if (auto done = service->complete(d->id); !done) {
        m_prompter.reportError(this, tr("Not marked done"), done.error());  // a limitation row: core says why
        return;
    }
    emit statusMessage(tr("%1: “%2” marked done.").arg(m_reference, title));
    reload();
}

void CaseDeadlinesTab::addManualDeadline()
{
    auto* dialog = new ManualDeadlineDialog(
        m_reference,
        [this](const QString& title, const QDate& date, const QString& note) -> QString {
            dl::DeadlineService* service = availableDeadlines(m_session);
            if (service == nullptr) {
                return tr("The vault is busy or locked. Try again in a moment.");
            }
            if (auto added = service->addManualDeadline(m_caseId, title, date, note); !added) {
                return describe(added.error());
            }
            emit statusMessage(tr("%1: “%2” added for %3.").arg(m_reference, title, ukDate(date)));
            reload();
            return {};
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void CaseDeadlinesTab::verify()
{
    const QString date = m_status.primarySafeDate.isValid() ? ukDate(m_status.primarySafeDate) : tr("(no date)");
    if (!m_prompter.confirm(this, tr("Verify limitation"),
                            tr("Confirm %1 as the limitation safe date of %2? You confirm you have checked the facts "
                               "and the explanation.")
                                .arg(date, m_reference),
                            tr("Verify"))) {
        return;
    }
    dl::DeadlineService* service = availableDeadlines(m_session);
    if (service == nullptr) {
        return;
    }
    if (auto verified = service->verifyLimitation(m_caseId); !verified) {
        m_prompter.reportError(this, tr("Not verified"), verified.error());  // four eyes: core says why
        return;
    }
    emit statusMessage(tr("%1: limitation verified.").arg(m_reference));
    reload();
}

void CaseDeadlinesTab::overrideLimitation()
{
    auto* dialog = new OverrideLimitationDialog(
        m_reference, m_status.primarySafeDate,
        [this](const QDate& date, const QString& reason) -> QString {
            dl::DeadlineService* service = availableDeadlines(m_session);
            if (service == nullptr) {
                return tr("The vault is busy or locked. Try again in a moment.");
            }
            if (auto done = service->overrideLimitation(m_caseId, date, reason); !done) {
                return describe(done.error());
            }
            emit statusMessage(tr("%1: limitation overridden to %2; it needs verifying.").arg(m_reference, ukDate(date)));
            reload();
            return {};
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

}  // namespace claimdesk::ui
