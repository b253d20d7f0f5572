#include "ui/therapy/TherapyRequestModel.h"

#include "ui/cases/CaseText.h"
#include "ui/therapy/TherapyText.h"

#include <QBrush>
#include <QFont>

namespace claimdesk::ui {

using namespace core::therapy;

TherapyRequestModel::TherapyRequestModel(QObject* parent) : QAbstractTableModel(parent) { }

int TherapyRequestModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TherapyRequestModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TherapyRequestModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const TherapyRequest& r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Reference: return r.caseReference;
        case Status: return therapyStatusName(r.status);
        case Modality: return modalityText(r);
        case Provider: return r.providerName.isEmpty() ? tr("(not chosen)") : r.providerName;
        case Sessions: return sessionsText(r);
        case PaidOfCap: return paidText(r);
        case Risk: return riskLevelName(r.risk);
        case Requested: return ukDate(r.requestedOn);
        case Requester: return m_nameOf ? m_nameOf(r.requester) : r.requester;
        default: return {};
        }
    case SortRole:
        switch (index.column()) {
        case Reference: return r.caseReference;
        case Status: return static_cast<int>(r.status);
        case Modality: return modalityText(r);
        case Provider: return r.providerName;
        case Sessions: return r.sessionsApproved > 0 ? r.sessionsUsed : -1;
        case PaidOfCap: return r.paidPence;
        case Risk: return static_cast<int>(r.risk);
        case Requested: return r.requestedOn.isValid() ? r.requestedOn.toJulianDay() : qint64(0);
        case Requester: return m_nameOf ? m_nameOf(r.requester) : r.requester;
        default: return {};
        }
    case RiskRole: return static_cast<int>(r.risk);
    case IdRole: return r.id;
    case Qt::ForegroundRole:
        if (index.column() == Risk && r.risk == RiskLevel::SeriousRisk) {
            return QBrush(safeguardingRed());
        }
        if (index.column() == PaidOfCap && r.capPence() > 0 && r.paidPence > r.capPence()) {
            return QBrush(safeguardingRed());
        }
        if (index.column() == Sessions && r.sessionsApproved > 0 && r.sessionsUsed > r.sessionsApproved) {
            return QBrush(safeguardingRed());
        }
        if (index.column() == Status && (r.status == RequestStatus::ReviewDue || r.status == RequestStatus::ExtensionRequested
                                          || r.status == RequestStatus::AwaitingApproval)) {
            return QBrush(unverifiedAmber());
        }
        return {};
    case Qt::FontRole:
        if (index.column() == Risk && r.risk == RiskLevel::SeriousRisk) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Sessions:
            return r.sessionsApproved > 0
                ? tr("Charged sessions used: %1 of %2 approved (%3 requested).")
                      .arg(r.sessionsUsed)
                      .arg(r.sessionsApproved)
                      .arg(r.sessionsRequested)
                : tr("Not approved yet.");
        case PaidOfCap:
            return tr("Paid %1 of the approved cap %2; invoiced %3.")
                .arg(money(r.paidPence), money(r.capPence()), money(r.invoicedPence));
        case Risk:
            return r.risk == RiskLevel::SeriousRisk
                ? tr("The case's safeguarding screen records a serious risk: check the safeguarding action before "
                     "arranging therapy.")
                : tr("From the case's safeguarding screen.");
        default: return {};
        }
    default: return {};
    }
}

QVariant TherapyRequestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Reference: return tr("Case");
    case Status: return tr("Status");
    case Modality: return tr("Modality");
    case Provider: return tr("Provider");
    case Sessions: return tr("Sessions used / approved");
    case PaidOfCap: return tr("Paid / cap");
    case Risk: return tr("Risk");
    case Requested: return tr("Requested");
    case Requester: return tr("Requested by");
    default: return {};
    }
}

void TherapyRequestModel::setRequests(std::vector<TherapyRequest> requests)
{
    beginResetModel();
    m_rows = std::move(requests);
    endResetModel();
}

void TherapyRequestModel::clear()
{
    setRequests({});
}

const TherapyRequest* TherapyRequestModel::requestAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

int TherapyRequestModel::rowOf(qint64 requestId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == requestId) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

}  // namespace claimdesk::ui
