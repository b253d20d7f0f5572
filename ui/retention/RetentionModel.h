#pragma once

#include "retention/RetentionRules.h"

#include <QAbstractTableModel>
#include <QDate>

#include <vector>

namespace claimdesk::ui {

// The retention window's list: closed cases due for destroy review, manual reviews and cases with an erasure
// request (core::RetentionService::due). Cases by reference only. Due rows are bold, held rows say so; the tooltip of
// the review date carries the rule's explanation. SortRole carries raw values (dates, booleans).
class RetentionModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetentionModel)
public:
    enum Column { Reference, Closed, ReviewDate, Status, LegalHold, Erasure, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit RetentionModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRows(std::vector<core::RetentionRow> rows, const QDate& asOf);
    void clear();
    const core::RetentionRow* rowAt(int row) const;
    int rowOf(const QString& reference) const;  // -1 when not listed

private:
    std::vector<core::RetentionRow> m_rows;
    QDate m_asOf;
};

}  // namespace claimdesk::ui
