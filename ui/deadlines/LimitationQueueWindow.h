#pragma once

#include "deadlines/DeadlineService.h"

#include <QAbstractTableModel>
#include <QDialog>

#include <utility>
#include <vector>

class QLabel;
class QTableView;

namespace claimdesk::ui {

class Prompter;
class VaultSession;

// Deadlines → Limitation queue: every open case whose limitation date is unverified or missing, with the case
// reference (never a client's name), the primary date, the state and why. SortRole carries the raw date.
class LimitationQueueModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LimitationQueueModel)
public:
    enum Column { Reference, PrimaryDate, State, Why, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;
    using Row = std::pair<QString, core::deadlines::LimitationStatus>;

    explicit LimitationQueueModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void setRows(std::vector<Row> rows);

private:
    std::vector<Row> m_rows;
};

class LimitationQueueWindow final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LimitationQueueWindow)
public:
    LimitationQueueWindow(VaultSession& session, Prompter& prompter, QWidget* parent = nullptr);
    ~LimitationQueueWindow() override;
    void reload();
    LimitationQueueModel* model() const { return m_model; }

private:
    VaultSession& m_session;
    Prompter& m_prompter;
    LimitationQueueModel* m_model;
    QLabel* m_summary;
    QTableView* m_view;
};

}  // namespace claimdesk::ui
