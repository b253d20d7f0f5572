#include "ui/therapy/FundReportModel.h"

#include "ui/cases/CaseText.h"
#include "ui/therapy/TherapyText.h"

#include "cases/CaseImport.h"
#include "therapy/TherapyService.h"

#include <QFont>

namespace claimdesk::ui {

using core::therapy::ReportRow;

FundReportModel::FundReportModel(QObject* parent) : QAbstractTableModel(parent) { }

int FundReportModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_loaded) {
        return 0;
    }
    return static_cast<int>(m_report.requests.size()) + 1;
}

int FundReportModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const ReportRow& FundReportModel::rowAt(int row) const
{
    return row < static_cast<int>(m_report.requests.size()) ? m_report.requests[static_cast<std::size_t>(row)]
                                                              : m_report.totals;
}

QVariant FundReportModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const bool totals = index.row() == static_cast<int>(m_report.requests.size());
    const ReportRow& r = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Reference: return totals ? tr("Total") : r.caseReference;
        case Provider: return totals ? (m_report.requests.size() == 1 ? tr("1 request") : tr("%1 requests").arg(m_report.requests.size())) : r.provider;
        case Status: return totals ? QString() : therapyStatusName(r.status);
        case ApprovedSessions: return r.approvedSessions;
        case Cap: return money(r.capPence);
        case Invoiced: return money(r.invoicedPence);
        case Paid: return money(r.paidPence);
        case Recovered: return money(r.recoveredPence);
        case WrittenOff: return money(r.writtenOffPence);
        default: return {};
        }
    case SortRole: {
        // The totals row stays at the bottom in either order is not possible with one key; keep it last ascending.
        switch (index.column()) {
        case Reference: return totals ? QStringLiteral("\uffff") : r.caseReference;
        case Provider: return totals ? QStringLiteral("\uffff") : r.provider;
        case Status: return totals ? 1000 : static_cast<int>(r.status);
        case ApprovedSessions: return r.approvedSessions;
        case Cap: return r.capPence;
        case Invoiced: return r.invoicedPence;
        case Paid: return r.paidPence;
        case Recovered: return r.recoveredPence;
        case WrittenOff: return r.writtenOffPence;
        default: return {};
        }
    }
    case TotalsRole: return totals;
    case Qt::FontRole:
        if (totals) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= ApprovedSessions) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    default: return {};
    }
}

QVariant FundReportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section >= ApprovedSessions) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);  // over right-aligned figures
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Reference: return tr("Case");
    case Provider: return tr("Provider");
    case Status: return tr("Status");
    case ApprovedSessions: return tr("Sessions");
    case Cap: return tr("Cap");
    case Invoiced: return tr("Invoiced");
    case Paid: return tr("Paid");
    case Recovered: return tr("Recovered");
    case WrittenOff: return tr("Written off");
    default: return {};
    }
}

void FundReportModel::setReport(core::therapy::FundReport report)
{
    beginResetModel();
    m_report = std::move(report);
    m_loaded = true;
    endResetModel();
}

void FundReportModel::clear()
{
    beginResetModel();
    m_report = {};
    m_loaded = false;
    endResetModel();
}

QByteArray FundReportModel::toCsv() const
{
    return core::Csv::utf8WithBom(core::therapy::fundReportCsv(m_report));  // the CLI's columns, from core
}

}  // namespace claimdesk::ui
