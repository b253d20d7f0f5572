#pragma once

#include "therapy/TherapyTypes.h"

#include <QAbstractTableModel>

#include <functional>
#include <vector>

namespace claimdesk::ui {

// Therapy providers: who they are, their registration, payment terms and whether their bank details were
// verified by call-back (unverified in amber: payments to them are refused).
class TherapyProviderModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TherapyProviderModel)
public:
    enum Column { Name, Organisation, Registration, Contact, Terms, Bank, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit TherapyProviderModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setProviders(std::vector<core::therapy::Provider> providers);
    void clear();
    const core::therapy::Provider* providerAt(int row) const;
    void setNameOf(std::function<QString(const QString&)> nameOf) { m_nameOf = std::move(nameOf); }

    // "Verified by Sam Supervisor, 27 Nov 2026", "Not verified", "No bank details".
    static QString bankText(const core::therapy::Provider& provider,
                            const std::function<QString(const QString&)>& nameOf = {});

private:
    std::vector<core::therapy::Provider> m_rows;
    std::function<QString(const QString&)> m_nameOf;
};

}  // namespace claimdesk::ui
