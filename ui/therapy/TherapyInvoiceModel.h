#pragma once

#include "therapy/TherapyTypes.h"

#include <QAbstractTableModel>
#include <QDate>

#include <vector>

namespace claimdesk::ui {

// Provider invoices: a request's (the Therapy tab) or those awaiting payment across the fund (references only).
// Due dates past "today" are red; disputed invoices say so. SortRole carries raw values.
class TherapyInvoiceModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TherapyInvoiceModel)
public:
    // The figures come last, right-aligned.
    enum Column { Reference, Provider, Number, InvoiceDate, Period, Due, State, Sessions, Amount, Paid, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit TherapyInvoiceModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setInvoices(std::vector<core::therapy::Invoice> invoices);
    void clear();
    const core::therapy::Invoice* invoiceAt(int row) const;
    const std::vector<core::therapy::Invoice>& invoices() const { return m_rows; }
    void setToday(const QDate& today);

private:
    bool overdue(const core::therapy::Invoice& invoice) const;

    std::vector<core::therapy::Invoice> m_rows;
    QDate m_today;
};

}  // namespace claimdesk::ui
