#pragma once

#include "deadlines/DeadlineService.h"

#include <QAbstractTableModel>

#include <functional>
#include <vector>

namespace claimdesk::ui {

// The procedural events recorded on a case: when, what, how it was served, the note and who recorded it.
// SortRole carries the event's raw date and time.
class EventListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventListModel)
public:
    enum Column { When, Type, Method, Note, RecordedBy, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit EventListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEvents(std::vector<core::deadlines::CaseEvent> events);
    void clear();
    const core::deadlines::CaseEvent* eventAt(int row) const;
    void setNameOf(std::function<QString(const QString&)> nameOf) { m_nameOf = std::move(nameOf); }

    // "14:05, 3 Mar 2026" or "3 Mar 2026"; for events without a date, what they say instead ("28 days").
    static QString whenText(const core::deadlines::Event& event);

private:
    std::vector<core::deadlines::CaseEvent> m_rows;
    std::function<QString(const QString&)> m_nameOf;
};

}  // namespace claimdesk::ui
