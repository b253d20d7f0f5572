#include "ui/cases/TaskListModel.h"

#include "ui/cases/CaseText.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <limits>

namespace claimdesk::ui {

TaskListModel::TaskListModel(QObject* parent) : QAbstractTableModel(parent), m_today(QDate::currentDate())
{
}

int TaskListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_tasks.size());
}

int TaskListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const core::Task& t = m_tasks[static_cast<std::size_t>(index.row())];
    const bool overdue = !t.done && t.due.isValid() && t.due < m_today;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Title: return t.urgent && !t.done ? tr("Urgent: %1").arg(t.title) : t.title;
        case Due:
            if (!t.due.isValid()) {
                return QStringLiteral("—");
            }
            return t.done ? ukDate(t.due) : tr("%1 · %2").arg(ukDate(t.due), daysLeft(t.due, m_today));
        case Assignee: return m_staff.nameOf(t.assignee);
        default: return {};
        }
    case Qt::CheckStateRole:
        if (index.column() == Done) {
            return t.done ? Qt::Checked : Qt::Unchecked;
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Done: return t.done;
        case Title: return t.title.toCaseFolded();
        case Due: return t.due.isValid() ? t.due.toJulianDay() : std::numeric_limits<qint64>::max();
        case Assignee: return t.assignee;
        default: return {};
        }
    case Qt::ForegroundRole:
        if (t.done) {
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        }
        if (t.urgent || (overdue && index.column() == Due)) {
            return QBrush(QColor(0xa1, 0x1d, 0x12));
        }
        break;
    case Qt::FontRole:
        if (t.urgent && !t.done && index.column() == Title) {
            QFont bold;
            bold.setWeight(QFont::DemiBold);
            return bold;
        }
        if (t.done && index.column() == Title) {
            QFont struck;
            struck.setStrikeOut(true);
            return struck;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Title) {
            return tr("%1 task, added by %2 on %3")
                .arg(taskKindName(t.kind), m_staff.nameOf(t.createdBy), ukDateTime(t.createdAtUtc));
        }
        break;
    default: break;
    }
    return {};
}

bool TaskListModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || index.column() != Done
        || role != Qt::CheckStateRole) {
        return false;
    }
    const core::Task& t = m_tasks[static_cast<std::size_t>(index.row())];
    const bool done = value.value<Qt::CheckState>() == Qt::Checked || value.toInt() == Qt::Checked;
    if (done != t.done) {
        emit doneToggled(t.id, done);  // the row changes when the case file reloads the tasks
    }
    return false;
}

Qt::ItemFlags TaskListModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Done) {
        f |= Qt::ItemIsUserCheckable;
    }
    return f;
}

QVariant TaskListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Done: return tr("Done");
    case Title: return tr("Task");
    case Due: return tr("Due");
    case Assignee: return tr("Assigned to");
    default: return {};
    }
}

void TaskListModel::setTasks(std::vector<core::Task> tasks)
{
    beginResetModel();
    m_tasks = std::move(tasks);
    // Open before done, urgent first, then the soonest due (undated last): what needs doing is on top.
    std::stable_sort(m_tasks.begin(), m_tasks.end(), [](const core::Task& a, const core::Task& b) {
        if (a.done != b.done) {
            return !a.done;
        }
        if (a.urgent != b.urgent) {
            return a.urgent;
        }
        if (a.due.isValid() != b.due.isValid()) {
            return a.due.isValid();
        }
        return a.due < b.due;
    });
    endResetModel();
}

void TaskListModel::clear()
{
    if (m_tasks.empty()) {
        return;
    }
    beginRemoveRows({}, 0, rowCount() - 1);
    m_tasks.clear();
    endRemoveRows();
}

const core::Task* TaskListModel::taskAt(int row) const
{
    if (row < 0 || row >= rowCount()) {
        return nullptr;
    }
    return &m_tasks[static_cast<std::size_t>(row)];
}

void TaskListModel::setToday(const QDate& today)
{
    m_today = today;
    if (!m_tasks.empty()) {
        emit dataChanged(index(0, Due), index(rowCount() - 1, Due));
    }
}

}  // namespace claimdesk::ui
