#include "ui/deadlines/LimitationQueueWindow.h"

#include "ui/cases/CaseText.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/deadlines/DeadlineText.h"
#include "ui/session/VaultSession.h"

#include <QBrush>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>

namespace claimdesk::ui {

namespace dl = core::deadlines;

LimitationQueueModel::LimitationQueueModel(QObject* parent) : QAbstractTableModel(parent) { }

int LimitationQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LimitationQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LimitationQueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto& [reference, s] = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Reference: return reference;
        case PrimaryDate:
            return s.primarySafeDate.isValid() ? ukDate(s.primarySafeDate)
                : s.noLimitationPeriod        ? tr("No limitation period")
                                              : tr("No date");
        case State: return QString(limitationStateName(s.state) + (s.overridden ? tr(" (override)") : QString()));
        case Why: return s.why;
        default: return {};
        }
    case SortRole:
        switch (index.column()) {
        case PrimaryDate:
            return s.primarySafeDate.isValid() ? s.primarySafeDate.toJulianDay() : std::numeric_limits<qint64>::max();
        case State: return static_cast<int>(s.state);
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ForegroundRole:
        if (index.column() == State && s.state == dl::LimitationState::Missing) {
            return QBrush(overdueRed());
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == Why ? QVariant(s.why) : QVariant();
    default:
        return {};
    }
}

QVariant LimitationQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Reference: return tr("Case");
    case PrimaryDate: return tr("Primary date");
    case State: return tr("State");
    case Why: return tr("Why");
    default: return {};
    }
}

void LimitationQueueModel::setRows(std::vector<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

LimitationQueueWindow::LimitationQueueWindow(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QDialog(parent), m_session(session), m_prompter(prompter), m_model(new LimitationQueueModel(this))
{
    setObjectName(QStringLiteral("LimitationQueueWindow"));
    setWindowTitle(tr("Limitation unverified or missing — ClaimDesk"));
    setSizeGripEnabled(true);
    auto* heading = new QLabel(tr("Limitation unverified or missing"), this);
    makeHeading(heading);
    auto* hint = new QLabel(tr("Open cases without a limitation date verified by a second supervisor. Open the case "
                               "and use its Deadlines tab to verify, override or complete the facts."),
                            this);
    hint->setWordWrap(true);
    makeSecondary(hint);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("queueSummaryLabel"));
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(LimitationQueueModel::SortRole);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("limitationQueueTableView"));
    m_view->setModel(proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(LimitationQueueModel::PrimaryDate, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->horizontalHeader()->setSectionResizeMode(LimitationQueueModel::Why, QHeaderView::Stretch);
    m_view->setColumnWidth(LimitationQueueModel::Reference, 130);
    m_view->setColumnWidth(LimitationQueueModel::PrimaryDate, 160);
    m_view->setColumnWidth(LimitationQueueModel::State, 150);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* refresh = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    connect(refresh, &QPushButton::clicked, this, &LimitationQueueWindow::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(heading);
    layout->addWidget(hint);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(900, 520);
    connect(&m_session, &VaultSession::locked, this, [this] {
        m_model->setRows({});
        m_summary->clear();
    });
    reload();
}

LimitationQueueWindow::~LimitationQueueWindow() = default;

void LimitationQueueWindow::reload()
{
    dl::DeadlineService* service = availableDeadlines(m_session);
    if (service == nullptr) {
        return;
    }
    auto rows = service->unverifiedQueue();
    if (!rows) {
        m_prompter.reportError(this, tr("The queue could not be loaded"), rows.error());
        return;
    }
    m_summary->setText(rows->empty() ? tr("Every open case has a verified limitation date.")
                                     : tr("%n case(s) need attention.", nullptr, static_cast<int>(rows->size())));
    m_model->setRows(std::move(*rows));
}

}  // namespace claimdesk::ui
