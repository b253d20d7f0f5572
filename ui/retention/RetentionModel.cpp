#include "ui/retention/RetentionModel.h"

#include "ui/cases/CaseText.h"

#include <QFont>

namespace claimdesk::ui {

RetentionModel::RetentionModel(QObject* parent) : QAbstractTableModel(parent)
{
}

int RetentionModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RetentionModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {
QString statusText(const core::RetentionRow& r, const QDate& asOf)
{
    if (r.decision.isManual()) {
        return RetentionModel::tr("Manual review: %1").arg(r.decision.manualReasons.join(QStringLiteral(", ")));
    }
    if (r.decision.basis == core::ReviewBasis::NotClosed) {
        return RetentionModel::tr("Not closed");
    }
    if (r.due) {
        return RetentionModel::tr("Due");
    }
    const int days = static_cast<int>(asOf.daysTo(r.decision.reviewOn));
    return RetentionModel::tr("Due in %n day(s)", nullptr, days);
}
}  // namespace

QVariant RetentionModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) {
        return {};
    }
    const core::RetentionRow& r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Reference: return r.restricted ? tr("%1 (restricted)").arg(r.reference) : r.reference;
        case Closed: return ukDate(r.closedOn);
        case ReviewDate: return r.decision.reviewOn.isValid() ? ukDate(r.decision.reviewOn) : tr("—");
        case Status: return statusText(r, m_asOf);
        case LegalHold:
            if (!r.onHold) {
                return tr("No");
            }
            return r.restricted ? tr("On hold") : tr("On hold: %1").arg(r.holdReason);
        case Erasure:
            if (!r.erasureRequested) {
                return QString();
            }
            return tr("Asked by %1; approvable from %2").arg(r.requestedBy, ukDateTime(r.approvableFromUtc));
        default: return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Reference: return r.reference;
        case Closed: return r.closedOn;
        case ReviewDate: return r.decision.listFrom;
        case Status: return r.due;
        case LegalHold: return r.onHold;
        case Erasure: return r.requestedAtUtc;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == ReviewDate) {
        return r.decision.explanation.join(QLatin1Char('\n'));
    }
    if (role == Qt::FontRole && r.due) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

QVariant RetentionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Reference: return tr("Case");
    case Closed: return tr("Closed");
    case ReviewDate: return tr("Review date");
    case Status: return tr("Status");
    case LegalHold: return tr("Legal hold");
    case Erasure: return tr("Erasure request");
    default: return {};
    }
}

void RetentionModel::setRows(std::vector<core::RetentionRow> rows, const QDate& asOf)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_asOf = asOf;
    endResetModel();
}

void RetentionModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

const core::RetentionRow* RetentionModel::rowAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

int RetentionModel::rowOf(const QString& reference) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].reference == reference) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

}  // namespace claimdesk::ui
