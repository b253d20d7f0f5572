#include "ui/deadlines/DeadlineListModel.h"

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
using core::deadlines::StoredDeadline;

namespace {

qint64 dayKey(const QDate& date)
{
    return date.isValid() ? date.toJulianDay() : std::numeric_limits<qint64>::max();  // none: last
}

}  // namespace

DeadlineListModel::DeadlineListModel(QObject* parent) : QAbstractTableModel(parent), m_today(DateInput::today()) { }

int DeadlineListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DeadlineListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeadlineListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const StoredDeadline& d = m_rows[static_cast<std::size_t>(index.row())];
    const bool done = d.done();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Due:
            return d.dueOn.isValid() ? ukDate(d.dueOn) : tr("No date");
        case Title:
            return d.title;
        case Rule:
            return d.kind == DeadlineKind::Manual ? tr("Court order / manual") : d.rule;
        case WhoActs:
            return partyName(d.party);
        case DaysLeft:
            return done || !d.dueOn.isValid() ? QString() : daysLeft(d.dueOn, m_today);
        case Status:
            if (done) {
                const QString who = m_nameOf ? m_nameOf(d.doneBy) : d.doneBy;
                return tr("Done by %1, %2").arg(who, ukDate(d.doneAtUtc.toLocalTime().date()));
            }
            if (d.dueOn.isValid() && d.dueOn < m_today) {
                return tr("Overdue");
            }
            return tr("Open");
        default:
            return {};
        }
    case SortRole:
        switch (index.column()) {
        case Due:
        case DaysLeft:
            return dayKey(d.dueOn);
        case Title:
            return d.title;
        case Rule:
            return d.rule;
        case WhoActs:
            return static_cast<int>(d.party);
        case Status:
            return done ? 2 : (d.dueOn.isValid() && d.dueOn < m_today ? 0 : 1);
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (done) {
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        }
        if (const QColor c = urgencyColour(d.dueOn, m_today); c.isValid()) {
            return QBrush(c);
        }
        return {};
    case Qt::FontRole:
        if (!done && d.kind == DeadlineKind::Limitation) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Rule || index.column() == Title) {
            QStringList lines;
            if (d.kind == DeadlineKind::Limitation) {
                lines << regimeText(d.rule);
            }
            if (!d.note.isEmpty()) {
                lines << d.note;
            }
            for (int i = 0; i < d.explanation.size(); ++i) {
                lines << tr("%1. %2").arg(i + 1).arg(d.explanation.at(i));
            }
            return lines.join(QLatin1Char('\n'));
        }
        return {};
    default:
        return {};
    }
}

QVariant DeadlineListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Due: return tr("Due");
    case Title: return tr("Deadline");
    case Rule: return tr("Rule");
    case WhoActs: return tr("Who acts");
    case DaysLeft: return tr("Days left");
    case Status: return tr("Status");
    default: return {};
    }
}

void DeadlineListModel::setDeadlines(std::vector<StoredDeadline> deadlines)
{
    beginResetModel();
    m_rows = std::move(deadlines);
    endResetModel();
}

void DeadlineListModel::clear()
{
    setDeadlines({});
}

const StoredDeadline* DeadlineListModel::deadlineAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

void DeadlineListModel::setToday(const QDate& today)
{
    m_today = today;
    if (!m_rows.empty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

}  // namespace claimdesk::ui
