#pragma once

#include "therapy/TherapyTypes.h"

#include <QAbstractTableModel>

namespace claimdesk::ui {

// The fund report of a year (FundReport): one row per request (case reference, never a client's name), then the
// totals row in bold. SortRole carries pence and counts; the totals row sorts last whatever the order.
class FundReportModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FundReportModel)
public:
    enum Column {
        Reference, Provider, Status, ApprovedSessions, Cap, Invoiced, Paid, Recovered, WrittenOff, ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int TotalsRole = Qt::UserRole + 1;  // true on the totals row

    explicit FundReportModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setReport(core::therapy::FundReport report);
    void clear();
    const core::therapy::FundReport& report() const { return m_report; }
    // The report as CSV (the CLI's columns, money in pence), UTF-8 with a BOM, every cell formula-safe.
    QByteArray toCsv() const;

private:
    const core::therapy::ReportRow& rowAt(int row) const;

    core::therapy::FundReport m_report;
    bool m_loaded = false;
};

}  // namespace claimdesk::ui
