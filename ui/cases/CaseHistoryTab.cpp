#include "ui/cases/CaseHistoryTab.h"

#include "ui/cases/CaseAccess.h"
#include "ui/cases/CaseText.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"

#include "cases/CaseService.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace claimdesk::ui {

CaseHistoryModel::CaseHistoryModel(QObject* parent) : QAbstractTableModel(parent)
{
}

int CaseHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int CaseHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CaseHistoryModel::describeAction(const QString& action)
{
    static const QHash<QString, const char*> words {
        {QStringLiteral("case.create"), QT_TR_NOOP("Case opened")},
        {QStringLiteral("case.update"), QT_TR_NOOP("Case edited")},
        {QStringLiteral("case.account.reveal"), QT_TR_NOOP("Account shown")},
        {QStringLiteral("case.account.update"), QT_TR_NOOP("Account edited")},
        {QStringLiteral("case.note.add"), QT_TR_NOOP("Note added")},
        {QStringLiteral("case.note.reveal"), QT_TR_NOOP("Sensitive note shown")},
        {QStringLiteral("case.task.add"), QT_TR_NOOP("Task added")},
        {QStringLiteral("case.task.done"), QT_TR_NOOP("Task done")},
        {QStringLiteral("case.task.reopen"), QT_TR_NOOP("Task reopened")},
        {QStringLiteral("case.safeguarding.action"), QT_TR_NOOP("Safeguarding action recorded")},
        {QStringLiteral("permission.denied"), QT_TR_NOOP("Access refused")},
    };
    const auto it = words.constFind(action);
    return it == words.cend() ? action : tr(it.value());
}

QString CaseHistoryModel::describeField(const QString& key)
{
    static const QHash<QString, const char*> words {
        {QStringLiteral("stage"), QT_TR_NOOP("stage")},
        {QStringLiteral("feeEarner"), QT_TR_NOOP("fee earner")},
        {QStringLiteral("supervisor"), QT_TR_NOOP("supervisor")},
        {QStringLiteral("limbs"), QT_TR_NOOP("claim limbs")},
        {QStringLiteral("funding"), QT_TR_NOOP("funding")},
        {QStringLiteral("ateInsurer"), QT_TR_NOOP("ATE insurer")},
        {QStringLiteral("openedOn"), QT_TR_NOOP("opened on")},
        {QStringLiteral("closedOn"), QT_TR_NOOP("closed on")},
        {QStringLiteral("outcome"), QT_TR_NOOP("outcome")},
        {QStringLiteral("damagesEstimatePence"), QT_TR_NOOP("damages estimate")},
        {QStringLiteral("settlementPence"), QT_TR_NOOP("settlement")},
        {QStringLiteral("restricted"), QT_TR_NOOP("restriction")},
        {QStringLiteral("client.fullName"), QT_TR_NOOP("client's name")},
        {QStringLiteral("client.preferredName"), QT_TR_NOOP("preferred name")},
        {QStringLiteral("client.formerNames"), QT_TR_NOOP("former names")},
        {QStringLiteral("client.dateOfBirth"), QT_TR_NOOP("date of birth")},
        {QStringLiteral("client.dateOfBirthVerified"), QT_TR_NOOP("date of birth verified")},
        {QStringLiteral("client.safeContact"), QT_TR_NOOP("safe-contact rules")},
        {QStringLiteral("client.capacityConcern"), QT_TR_NOOP("capacity concern")},
        {QStringLiteral("incidents"), QT_TR_NOOP("incidents")},
        {QStringLiteral("parties"), QT_TR_NOOP("parties")},
    };
    const auto it = words.constFind(key);
    return it == words.cend() ? key : tr(it.value());
}

QString CaseHistoryModel::describeDetails(const core::AuditEntry& e)
{
    const QJsonObject& s = e.summary;
    if (e.action == QStringLiteral("case.update")) {
        QStringList fields;
        for (const QString& key : s.value(QStringLiteral("changes")).toObject().keys()) {
            fields << describeField(key);
        }
        return fields.isEmpty() ? tr("Saved with no change") : tr("Changed: %1").arg(fields.join(QStringLiteral(", ")));
    }
    if (e.action == QStringLiteral("case.task.add")) {
        return s.value(QStringLiteral("title")).toString();
    }
    if (e.action == QStringLiteral("case.note.add")) {
        return s.value(QStringLiteral("sensitive")).toBool() ? tr("Sensitive") : QString();
    }
    if (e.action == QStringLiteral("case.safeguarding.action")) {
        return s.value(QStringLiteral("action")).toString();
    }
    if (e.action == QStringLiteral("permission.denied")) {
        return s.value(QStringLiteral("attempted")).toString();
    }
    return {};
}

QVariant CaseHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const core::AuditEntry& e = m_entries[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case When: return ukDateTime(e.atUtc);
        case Who: return m_staff.nameOf(e.username);
        case What: return describeAction(e.action);
        case Details: return describeDetails(e);
        default: return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case When: return e.atUtc;
        case Who: return e.username;
        case What: return e.action;
        case Details: return describeDetails(e);
        default: return {};
        }
    }
    return {};
}

QVariant CaseHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case When: return tr("When");
    case Who: return tr("Who");
    case What: return tr("What");
    case Details: return tr("Details");
    default: return {};
    }
}

void CaseHistoryModel::setEntries(std::vector<core::AuditEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const core::AuditEntry& a, const core::AuditEntry& b) { return a.id > b.id; });
    endResetModel();
}

void CaseHistoryModel::clear()
{
    if (m_entries.empty()) {
        return;
    }
    beginRemoveRows({}, 0, rowCount() - 1);
    m_entries.clear();
    endRemoveRows();
}

CaseHistoryTab::CaseHistoryTab(VaultSession& session, Prompter& prompter, qint64 caseId, const StaffNames& staff,
                               QWidget* parent)
    : QWidget(parent),
      m_session(session),
      m_prompter(prompter),
      m_caseId(caseId),
      m_model(new CaseHistoryModel(this)),
      m_view(new QTableView(this)),
      m_intro(new QLabel(tr("Everything done to this case, newest first, from the vault's tamper-evident audit log. "
                            "Only supervisors see this."),
                         this))
{
    setObjectName(QStringLiteral("historyTab"));
    m_view->setObjectName(QStringLiteral("historyTableView"));
    m_model->setStaffNames(staff);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(CaseHistoryModel::When, 160);
    m_view->setColumnWidth(CaseHistoryModel::Who, 120);
    m_view->setColumnWidth(CaseHistoryModel::What, 220);
    m_intro->setWordWrap(true);
    makeSecondary(m_intro);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(m_intro);
    layout->addWidget(m_view, 1);
}

CaseHistoryTab::~CaseHistoryTab() = default;

void CaseHistoryTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    reload();  // fresh each time it is looked at
}

void CaseHistoryTab::reload()
{
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        return;
    }
    auto entries = cases->history(m_caseId);
    if (!entries) {
        m_prompter.reportError(this, tr("The history could not be loaded"), entries.error());
        return;
    }
    m_model->setEntries(std::move(*entries));
}

void CaseHistoryTab::wipe()
{
    m_model->clear();
}

}  // namespace claimdesk::ui
