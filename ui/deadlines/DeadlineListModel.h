#pragma once

#include "deadlines/DeadlineService.h"

#include <QAbstractTableModel>
#include <QDate>

#include <vector>

namespace claimdesk::ui {

// A case's stored deadlines (limitation, computed and court-ordered). Display text is formatted; SortRole carries
// the raw value (the due date's Julian day, days left as a number), so a proxy sorts by date, never by text.
// Overdue rows are red, rows due within 14 days amber; done rows are muted.
class DeadlineListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadlineListModel)
public:
    enum Column { Due, Title, Rule, WhoActs, DaysLeft, Status, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit DeadlineListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setDeadlines(std::vector<core::deadlines::StoredDeadline> deadlines);
    void clear();
    const core::deadlines::StoredDeadline* deadlineAt(int row) const;
    void setToday(const QDate& today);
    void setNameOf(std::function<QString(const QString&)> nameOf) { m_nameOf = std::move(nameOf); }

private:
    std::vector<core::deadlines::StoredDeadline> m_rows;
    QDate m_today;
    std::function<QString(const QString&)> m_nameOf;
};

}  // namespace claimdesk::ui
