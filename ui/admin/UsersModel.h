#pragma once

#include "users/User.h"

#include <QAbstractTableModel>

#include <vector>

namespace claimdesk::ui {

// The vault's users, one row each. DisplayRole is formatted text; SortRole carries raw values.
class UsersModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsersModel)
public:
    enum Column { Username, DisplayName, Role, Status, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit UsersModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setUsers(std::vector<core::User> users);  // replaces everything
    void addUser(const core::User& user);  // one new row at the end
    void clear();  // on lock: no user data left behind
    const core::User* userAt(int row) const;
    int rowOf(const QString& username) const;  // -1 when absent

private:
    std::vector<core::User> m_users;
};

}  // namespace claimdesk::ui
