#include "ui/therapy/TherapyInvoiceModel.h"

#include "ui/cases/CaseText.h"
#include "ui/cases/DateInput.h"
#include "ui/therapy/TherapyText.h"

#include <QBrush>

namespace claimdesk::ui {

using core::therapy::Invoice;

namespace {

qint64 dayKey(const QDate& date)
{
    return date.isValid() ? date.toJulianDay() : qint64(0);
}

}  // namespace

TherapyInvoiceModel::TherapyInvoiceModel(QObject* parent) : QAbstractTableModel(parent), m_today(DateInput::today()) { }

int TherapyInvoiceModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TherapyInvoiceModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool TherapyInvoiceModel::overdue(const Invoice& i) const
{
    return i.outstandingPence() > 0 && !i.disputed && i.dueOn.isValid() && m_today.isValid() && i.dueOn < m_today;
}

QVariant TherapyInvoiceModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Invoice& i = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Reference: return i.caseReference;
        case Provider: return i.providerName;
        case Number: return i.number;
        case InvoiceDate: return ukDate(i.invoiceDate);
        case Period:
            if (i.periodFrom.isValid() && i.periodTo.isValid()) {
                return tr("%1 – %2").arg(ukDate(i.periodFrom), ukDate(i.periodTo));
            }
            return ukDate(i.periodFrom.isValid() ? i.periodFrom : i.periodTo);
        case Sessions: return i.sessionsCovered;
        case Amount: return money(i.amountPence);
        case Paid: return money(i.paidPence);
        case Due: return ukDate(i.dueOn);
        case State:
            if (i.disputed) {
                return tr("Disputed");
            }
            if (i.outstandingPence() <= 0) {
                return tr("Paid");
            }
            if (overdue(i)) {
                return i.paidPence > 0 ? tr("Part paid, overdue") : tr("Overdue");
            }
            return i.paidPence > 0 ? tr("Part paid") : tr("Awaiting payment");
        default: return {};
        }
    case SortRole:
        switch (index.column()) {
        case Reference: return i.caseReference;
        case Provider: return i.providerName;
        case Number: return i.number;
        case InvoiceDate: return dayKey(i.invoiceDate);
        case Period: return dayKey(i.periodFrom);
        case Sessions: return i.sessionsCovered;
        case Amount: return i.amountPence;
        case Paid: return i.paidPence;
        case Due: return dayKey(i.dueOn);
        case State: return i.disputed ? 3 : i.outstandingPence() <= 0 ? 2 : overdue(i) ? 0 : 1;
        default: return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Amount || index.column() == Paid || index.column() == Sessions) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case Qt::ForegroundRole:
        if ((index.column() == Due || index.column() == State) && overdue(i)) {
            return QBrush(safeguardingRed());
        }
        if (index.column() == State && i.disputed) {
            return QBrush(unverifiedAmber());
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == State && i.disputed && !i.disputeReason.isEmpty()) {
            return tr("Disputed: %1").arg(i.disputeReason);
        }
        if (index.column() == Sessions) {
            return i.checkedAgainstSessions ? tr("Checked against the sessions log.")
                                            : tr("Not yet checked against the sessions log.");
        }
        if (index.column() == Due) {
            return tr("Received %1; due by the provider's payment terms.").arg(ukDate(i.receivedOn));
        }
        return {};
    default: return {};
    }
}

QVariant TherapyInvoiceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole
        && (section == Amount || section == Paid || section == Sessions)) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);  // over right-aligned figures
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Reference: return tr("Case");
    case Provider: return tr("Provider");
    case Number: return tr("Invoice");
    case InvoiceDate: return tr("Dated");
    case Period: return tr("Period");
    case Sessions: return tr("Sessions");
    case Amount: return tr("Amount");
    case Paid: return tr("Paid");
    case Due: return tr("Due");
    case State: return tr("State");
    default: return {};
    }
}

void TherapyInvoiceModel::setInvoices(std::vector<Invoice> invoices)
{
    beginResetModel();
    m_rows = std::move(invoices);
    endResetModel();
}

void TherapyInvoiceModel::clear()
{
    setInvoices({});
}

const Invoice* TherapyInvoiceModel::invoiceAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

void TherapyInvoiceModel::setToday(const QDate& today)
{
    m_today = today;
    if (!m_rows.empty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

}  // namespace claimdesk::ui
