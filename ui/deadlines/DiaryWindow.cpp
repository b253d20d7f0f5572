#include "ui/deadlines/DiaryWindow.h"

#include "ui/cases/CaseText.h"
#include "ui/cases/DateInput.h"
#include "ui/cases/StaffNames.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/deadlines/DeadlineDialogs.h"
#include "ui/deadlines/DeadlineText.h"
#include "ui/deadlines/DiaryModel.h"
#include "ui/session/VaultSession.h"

#include "users/User.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace claimdesk::ui {

namespace dl = core::deadlines;

DiaryWindow::DiaryWindow(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QDialog(parent),
      m_session(session),
      m_prompter(prompter),
      m_today(session.today()),
      m_model(new DiaryModel(this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("DiaryWindow"));
    setWindowTitle(tr("Deadline diary — ClaimDesk"));
    setSizeGripEnabled(true);
    m_model->setToday(m_today);
    if (auto users = session.users()) {
        StaffNames staff(*users);
        m_model->setNameOf([staff](const QString& u) { return staff.nameOf(u); });
    }

    auto* heading = new QLabel(tr("Deadline diary"), this);
    makeHeading(heading);
    m_scope = new QComboBox(this);
    m_scope->setObjectName(QStringLiteral("diaryScopeCombo"));
    m_scope->addItem(tr("Mine"), static_cast<int>(dl::DiaryScope::Mine));
    m_scope->addItem(tr("My team"), static_cast<int>(dl::DiaryScope::Team));
    m_scope->addItem(tr("All firm"), static_cast<int>(dl::DiaryScope::All));
    m_scope->setCurrentIndex(session.currentUser().role == core::Role::Supervisor ? 1 : 0);
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("diaryRangeCombo"));
    m_range->addItem(tr("Overdue and this week"), static_cast<int>(Range::ThisWeek));
    m_range->addItem(tr("Next 30 days"), static_cast<int>(Range::Next30Days));
    m_range->addItem(tr("Next 6 months"), static_cast<int>(Range::Next6Months));
    m_range->setCurrentIndex(1);
    auto* scopeLabel = new QLabel(tr("&Show:"), this);
    scopeLabel->setBuddy(m_scope);
    auto* rangeLabel = new QLabel(tr("&When:"), this);
    rangeLabel->setBuddy(m_range);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("diarySummaryLabel"));
    makeSecondary(m_summary);
    m_export = new QPushButton(tr("&Export calendar (.ics)…"), this);
    m_export->setObjectName(QStringLiteral("exportIcsButton"));
    m_export->setToolTip(tr("For Outlook or Google Calendar: the entries shown, with the case reference and the "
                            "deadline only — never a client's name."));
    connect(m_scope, &QComboBox::currentIndexChanged, this, &DiaryWindow::reload);
    connect(m_range, &QComboBox::currentIndexChanged, this, &DiaryWindow::reload);
    connect(m_export, &QPushButton::clicked, this, &DiaryWindow::exportCalendar);
    m_ladderButton = new QPushButton(tr("Reminder &ladder…"), this);
    m_ladderButton->setObjectName(QStringLiteral("reminderLadderButton"));
    const bool mayChangeLadder = session.currentUser().role == core::Role::Supervisor
        || session.currentUser().role == core::Role::Admin;
    m_ladderButton->setEnabled(mayChangeLadder);
    m_ladderButton->setToolTip(mayChangeLadder
                                   ? tr("When limitation reminders fall due, for the whole firm.")
                                   : tr("Only a supervisor or an admin can change when limitation reminders fall due."));
    connect(m_ladderButton, &QPushButton::clicked, this, &DiaryWindow::editReminderLadder);

    auto* filters = new QHBoxLayout;
    filters->addWidget(scopeLabel);
    filters->addWidget(m_scope);
    filters->addSpacing(12);
    filters->addWidget(rangeLabel);
    filters->addWidget(m_range);
    filters->addSpacing(12);
    filters->addWidget(m_summary, 1);
    filters->addWidget(m_ladderButton);
    filters->addWidget(m_export);

    // Reminders that wait for acknowledgment: above the table, hard to miss.
    m_reminders = new QFrame(this);
    m_reminders->setObjectName(QStringLiteral("remindersFrame"));
    m_reminders->setStyleSheet(QStringLiteral(
        "QFrame#remindersFrame { background: #fdf3dc; border: 1px solid #e0c27a; border-radius: 6px; }"
        "QFrame#remindersFrame QLabel { color: #5a3a00; background: transparent; border: none; }"));
    m_remindersLayout = new QVBoxLayout(m_reminders);
    m_remindersLayout->setContentsMargins(12, 8, 12, 8);
    m_remindersLayout->setSpacing(4);
    m_reminders->setVisible(false);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("diaryTableView"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(DiaryModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(DiaryModel::Due, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    QHeaderView* header = m_view->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setHighlightSections(false);
    header->setSectionResizeMode(DiaryModel::Title, QHeaderView::Stretch);
    m_view->setColumnWidth(DiaryModel::Due, 185);
    m_view->setColumnWidth(DiaryModel::Reference, 130);
    m_view->setColumnWidth(DiaryModel::WhoActs, 90);
    m_view->setColumnWidth(DiaryModel::FeeEarner, 130);
    m_view->setColumnWidth(DiaryModel::Reminder, 300);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const dl::DiaryEntry* e = m_model->entryAt(m_proxy->mapToSource(index).row());
        if (e != nullptr && !e->restricted) {
            emit openCaseRequested(e->caseId);
        }
    });

    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(8);
    layout->addWidget(heading);
    layout->addLayout(filters);
    layout->addWidget(m_reminders);
    layout->addWidget(m_view, 1);
    layout->addWidget(close);
    resize(1200, 640);

    connect(&m_session, &VaultSession::locked, this, &DiaryWindow::clearAll);
    reload();
}

DiaryWindow::~DiaryWindow() = default;

void DiaryWindow::setToday(const QDate& today)
{
    m_today = today;
    m_model->setToday(today);
    reload();
}

void DiaryWindow::setRange(Range range)
{
    m_range->setCurrentIndex(m_range->findData(static_cast<int>(range)));
}

void DiaryWindow::setScopeIndex(int index)
{
    m_scope->setCurrentIndex(index);
}

void DiaryWindow::clearAll()
{
    m_model->clear();
    m_summary->clear();
    rebuildReminders();
}

void DiaryWindow::reload()
{
    dl::DeadlineService* service = availableDeadlines(m_session);
    if (service == nullptr) {
        return;
    }
    QDate to;
    switch (static_cast<Range>(m_range->currentData().toInt())) {
    case Range::Overdue: to = m_today.addDays(-1); break;
    case Range::ThisWeek: to = m_today.addDays(7 - m_today.dayOfWeek()); break;  // to Sunday
    case Range::Next30Days: to = m_today.addDays(30); break;
    case Range::Next6Months: to = m_today.addMonths(6); break;
    }
    const auto scope = static_cast<dl::DiaryScope>(m_scope->currentData().toInt());
    auto entries = service->diary(scope, m_today, to, m_today);
    if (!entries) {
        m_model->clear();
        m_summary->setText(tr("The diary could not be loaded."));
        m_prompter.reportError(this, tr("The diary could not be loaded"), entries.error());
        rebuildReminders();
        return;
    }
    int overdue = 0;
    for (const dl::DiaryEntry& e : *entries) {
        overdue += e.dueOn < m_today ? 1 : 0;
    }
    const int total = static_cast<int>(entries->size());
    m_model->setEntries(std::move(*entries));
    m_summary->setText(overdue > 0 ? tr("%n deadline(s)", nullptr, total) + tr(", %n overdue", nullptr, overdue)
                                   : tr("%n deadline(s)", nullptr, total));
    m_export->setEnabled(total > 0);
    rebuildReminders();
}

void DiaryWindow::rebuildReminders()
{
    while (QLayoutItem* item = m_remindersLayout->takeAt(0)) {
        if (QWidget* w = item->widget()) {
            w->hide();
            w->setParent(nullptr);  // gone from findChildren at once; deleted when control returns
            w->deleteLater();
        } else if (QLayout* l = item->layout()) {
            while (QLayoutItem* inner = l->takeAt(0)) {
                if (QWidget* child = inner->widget()) {
                    child->hide();
                    child->setParent(nullptr);  // may be the button being clicked: deleted later, not now
                    child->deleteLater();
                }
                delete inner;
            }
        }
        delete item;
    }
    std::vector<const dl::DiaryEntry*> waiting;
    for (const dl::DiaryEntry& e : m_model->entries()) {
        if (e.needsAcknowledgment) {
            waiting.push_back(&e);
        }
    }
    m_reminders->setVisible(!waiting.empty());
    if (waiting.empty()) {
        return;
    }
    auto* title = new QLabel(tr("<b>%n limitation reminder(s) to acknowledge</b>", nullptr,
                                static_cast<int>(waiting.size())),
                             m_reminders);
    title->setObjectName(QStringLiteral("remindersHeadingLabel"));
    m_remindersLayout->addWidget(title);
    title->show();
    constexpr std::size_t kShown = 6;
    for (std::size_t i = 0; i < waiting.size() && i < kShown; ++i) {
        const dl::DiaryEntry& e = *waiting[i];
        auto* row = new QHBoxLayout;
        auto* text = new QLabel(m_reminders);
        text->setObjectName(QStringLiteral("reminderLabel"));
        text->setTextFormat(Qt::RichText);
        text->setText(tr("%1<b>%2</b> — %3, safe date %4 (%5): %6 reminder")
                          .arg(e.escalated ? tr("<span style=\"color:#a11d12\"><b>Escalated to supervisor</b></span> · ")
                                           : QString(),
                               e.caseReference.toHtmlEscaped(), e.title.toHtmlEscaped(), ukDate(e.dueOn),
                               daysLeft(e.dueOn, m_today).toHtmlEscaped(), e.reminderRung.toHtmlEscaped()));
        auto* ack = new QPushButton(tr("Acknowledge"), m_reminders);
        ack->setObjectName(QStringLiteral("acknowledgeButton"));
        ack->setProperty("deadlineId", e.deadlineId);
        ack->setProperty("caseReference", e.caseReference);
        const qint64 id = e.deadlineId;
        const QString rung = e.reminderRung;
        connect(ack, &QPushButton::clicked, this, [this, id, rung] { acknowledge(id, rung); });
        row->addWidget(text, 1);
        row->addWidget(ack);
        m_remindersLayout->addLayout(row);
        text->show();  // now, not when the event loop next runs
        ack->show();
    }
    if (waiting.size() > kShown) {
        auto* more = new QLabel(tr("… and %n more in the table below.", nullptr, static_cast<int>(waiting.size() - kShown)),
                                m_reminders);
        m_remindersLayout->addWidget(more);
        more->show();
    }
}

void DiaryWindow::acknowledge(qint64 deadlineId, const QString& rung)
{
    dl::DeadlineService* service = availableDeadlines(m_session);
    if (service == nullptr) {
        return;
    }
    // Acknowledging a rung covers the earlier rungs of the same ladder too: core shows the latest rung not yet
    // acknowledged, so without this an older, already-superseded reminder would come back at once.
    QStringList rungs {rung};
    auto firm = service->firmReminderLadder();
    const dl::ReminderLadder ladder = firm ? *firm : dl::ReminderLadder::standard();
    for (const dl::DiaryEntry& e : m_model->entries()) {
        if (e.deadlineId != deadlineId || !e.reminderDueOn.isValid()) {
            continue;
        }
        for (const auto& [earlier, due] : ladder.rungsFor(e.dueOn, core::Region::EnglandWales)) {
            if (due <= e.reminderDueOn && earlier != rung) {
                rungs << earlier;
            }
        }
        break;
    }
    for (const QString& r : std::as_const(rungs)) {
        if (auto done = service->acknowledgeReminder(deadlineId, r); !done) {
            m_prompter.reportError(this, tr("The reminder was not acknowledged"), done.error());
            break;
        }
    }
    reload();
    emit remindersChanged();
}

void DiaryWindow::exportCalendar()
{
    if (m_model->entries().empty()) {
        return;
    }
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested
        = QDir(documents).filePath(tr("ClaimDesk deadlines %1.ics").arg(m_today.toString(Qt::ISODate)));
    const QString path = m_prompter.chooseFileToSave(this, tr("Export calendar"), suggested,
                                                     tr("Calendar files (*.ics)"), QStringLiteral("ics"));
    if (path.isEmpty()) {
        return;
    }
    if (QFileInfo::exists(path)
        && !m_prompter.confirm(this, tr("Replace the file?"),
                               tr("%1 already exists. Replace it with this calendar?").arg(QFileInfo(path).fileName()),
                               tr("Replace"))) {
        return;
    }
    // Only what is shown, in the order shown.
    std::vector<dl::DiaryEntry> shown;
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        if (const dl::DiaryEntry* e = m_model->entryAt(m_proxy->mapToSource(m_proxy->index(r, 0)).row())) {
            shown.push_back(*e);
        }
    }
    const QByteArray ics = dl::DeadlineService::toIcs(shown, QDateTime::currentDateTimeUtc());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(ics) != ics.size() || !file.commit()) {
        m_prompter.showError(this, tr("The calendar was not saved"),
                             tr("%1 could not be written (%2). Choose another folder.")
                                 .arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    m_prompter.inform(this, tr("Calendar exported"),
                      tr("%n deadline(s) written to %1. Import it into Outlook or Google Calendar; it holds case "
                         "references and deadlines only.",
                         nullptr, static_cast<int>(shown.size()))
                          .arg(QDir::toNativeSeparators(path)));
}

void DiaryWindow::editReminderLadder()
{
    dl::DeadlineService* service = availableDeadlines(m_session);
    if (service == nullptr) {
        return;
    }
    auto current = service->firmReminderLadder();
    if (!current) {
        m_prompter.reportError(this, tr("The reminder ladder could not be read"), current.error());
        return;
    }
    auto* dialog = new ReminderLadderDialog(
        *current, m_today.addMonths(13),
        [this](const dl::ReminderLadder& ladder) -> QString {
            dl::DeadlineService* s = availableDeadlines(m_session);
            if (s == nullptr) {
                return tr("The vault is locked: nothing was changed.");
            }
            auto saved = s->setFirmReminderLadder(ladder);
            return saved ? QString() : saved.error().message;
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, &DiaryWindow::reload);
    dialog->open();
}

}  // namespace claimdesk::ui
