#pragma once

#include "deadlines/DeadlineService.h"

#include <QAbstractTableModel>
#include <QDate>

#include <functional>
#include <vector>

namespace claimdesk::ui {

// The deadline diary: open deadlines and due limitation reminders across cases. It shows the case reference,
// never a client's name (core does not even give one). Overdue rows are red, rows within 14 days amber; a reminder
// that waits for acknowledgment is bold, and an escalated one says so. SortRole carries raw values.
class DiaryModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiaryModel)
public:
    enum Column { Due, Reference, Title, WhoActs, FeeEarner, Reminder, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit DiaryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEntries(std::vector<core::deadlines::DiaryEntry> entries);
    void clear();
    const std::vector<core::deadlines::DiaryEntry>& entries() const { return m_rows; }
    const core::deadlines::DiaryEntry* entryAt(int row) const;
    void setToday(const QDate& today);
    void setNameOf(std::function<QString(const QString&)> nameOf) { m_nameOf = std::move(nameOf); }

    static QString reminderText(const core::deadlines::DiaryEntry& entry);

private:
    std::vector<core::deadlines::DiaryEntry> m_rows;
    QDate m_today;
    std::function<QString(const QString&)> m_nameOf;
};

}  // namespace claimdesk::ui
