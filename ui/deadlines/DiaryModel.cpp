#include "ui/deadlines/DiaryModel.h"

#include "ui/cases/CaseText.h"
#include "ui/cases/DateInput.h"
#include "ui/deadlines/DeadlineText.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <limits>

namespace claimdesk::ui {

using core::deadlines::DeadlineKind;
using core::deadlines::DiaryEntry;

DiaryModel::DiaryModel(QObject* parent) : QAbstractTableModel(parent), m_today(DateInput::today()) { }

int DiaryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DiaryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DiaryModel::reminderText(const DiaryEntry& e)
{
    if (e.escalated) {
        return tr("Escalated to supervisor — %1 reminder").arg(e.reminderRung);
    }
    if (e.needsAcknowledgment) {
        return tr("%1 reminder — acknowledge").arg(e.reminderRung);
    }
    return {};
}

QVariant DiaryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const DiaryEntry& e = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Due: return tr("%1 · %2").arg(ukDate(e.dueOn), daysLeft(e.dueOn, m_today));
        case Reference: return e.caseReference;
        case Title: return e.title;
        case WhoActs: return partyName(e.party);
        case FeeEarner: return m_nameOf ? m_nameOf(e.feeEarner) : e.feeEarner;
        case Reminder: return reminderText(e);
        default: return {};
        }
    case SortRole:
        switch (index.column()) {
        case Due: return e.dueOn.isValid() ? e.dueOn.toJulianDay() : std::numeric_limits<qint64>::max();
        case Reference: return e.caseReference;
        case Title: return e.title;
        case WhoActs: return static_cast<int>(e.party);
        case FeeEarner: return data(index, Qt::DisplayRole);
        case Reminder: return e.escalated ? 0 : e.needsAcknowledgment ? 1 : 2;
        default: return {};
        }
    case Qt::ForegroundRole:
        if (e.restricted) {
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        }
        if (index.column() == Reminder && e.needsAcknowledgment) {
            return QBrush(overdueRed());
        }
        if (const QColor c = urgencyColour(e.dueOn, m_today); c.isValid()) {
            return QBrush(c);
        }
        return {};
    case Qt::FontRole:
        if (e.needsAcknowledgment || e.kind == DeadlineKind::Limitation) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        if (e.restricted) {
            return tr("A restricted case: only its reference is shown.");
        }
        if (index.column() == Reminder && e.needsAcknowledgment) {
            return e.escalated ? tr("Not acknowledged by the next business day after %1: the supervisor (%2) has been "
                                    "alerted.")
                                     .arg(ukDate(e.reminderDueOn), m_nameOf ? m_nameOf(e.supervisor) : e.supervisor)
                               : tr("Reminder due %1: acknowledge it, or it escalates to the supervisor the next "
                                    "business day.")
                                     .arg(ukDate(e.reminderDueOn));
        }
        return {};
    default:
        return {};
    }
}

QVariant DiaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Due: return tr("Due");
    case Reference: return tr("Case");
    case Title: return tr("Deadline");
    case WhoActs: return tr("Who acts");
    case FeeEarner: return tr("Fee earner");
    case Reminder: return tr("Reminder");
    default: return {};
    }
}

void DiaryModel::setEntries(std::vector<DiaryEntry> entries)
{
    beginResetModel();
    m_rows = std::move(entries);
    endResetModel();
}

void DiaryModel::clear()
{
    setEntries({});
}

const DiaryEntry* DiaryModel::entryAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

void DiaryModel::setToday(const QDate& today)
{
    m_today = today;
    if (!m_rows.empty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

}  // namespace claimdesk::ui
