#pragma once

#include "therapy/TherapyTypes.h"

#include <QAbstractTableModel>
#include <QDate>

#include <functional>
#include <vector>

namespace claimdesk::ui {

// Therapy requests: a case's (the Therapy tab, Reference hidden) or the fund window's queues (references only,
// never a client's name). Display text is formatted; SortRole carries raw values (days, pence, counts); RiskRole
// the risk level for the badge delegate. Serious risk is red. Reviews that are due or past are amber.
class TherapyRequestModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TherapyRequestModel)
public:
    enum Column { Reference, Status, Modality, Provider, Sessions, PaidOfCap, Risk, Requested, Requester, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int RiskRole = Qt::UserRole + 1;
    static constexpr int IdRole = Qt::UserRole + 2;

    explicit TherapyRequestModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRequests(std::vector<core::therapy::TherapyRequest> requests);
    void clear();
    const core::therapy::TherapyRequest* requestAt(int row) const;
    int rowOf(qint64 requestId) const;  // -1 when not listed
    const std::vector<core::therapy::TherapyRequest>& requests() const { return m_rows; }
    void setNameOf(std::function<QString(const QString&)> nameOf) { m_nameOf = std::move(nameOf); }

private:
    std::vector<core::therapy::TherapyRequest> m_rows;
    std::function<QString(const QString&)> m_nameOf;
};

}  // namespace claimdesk::ui
