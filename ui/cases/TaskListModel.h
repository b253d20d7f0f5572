#pragma once

#include "cases/CaseTypes.h"
#include "ui/cases/StaffNames.h"

#include <QAbstractTableModel>
#include <QDate>

#include <vector>

namespace claimdesk::ui {

// A case's tasks: open ones first, urgent ones at the top and in red, then by due date (core's order).
// The Done column is checkable; ticking it asks (doneToggled) rather than changing the row, so the case file
// can ask core first and the row changes only when core agrees.
class TaskListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskListModel)
public:
    enum Column { Done, Title, Due, Assignee, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit TaskListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setTasks(std::vector<core::Task> tasks);
    void clear();
    const core::Task* taskAt(int row) const;
    void setToday(const QDate& today);
    void setStaffNames(const StaffNames& staff) { m_staff = staff; }

signals:
    void doneToggled(qint64 taskId, bool done);

private:
    std::vector<core::Task> m_tasks;
    QDate m_today;
    StaffNames m_staff;
};

}  // namespace claimdesk::ui
