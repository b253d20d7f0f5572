#include "ui/admin/UsersModel.h"

#include "ui/common/RoleText.h"

#include <QGuiApplication>
#include <QPalette>

namespace claimdesk::ui {

namespace {
enum class UserStatus { Active, MustChangePassphrase, Disabled };

UserStatus statusOf(const core::User& user)
{
    if (!user.active) {
        return UserStatus::Disabled;
    }
    return user.mustChangePassphrase ? UserStatus::MustChangePassphrase : UserStatus::Active;
}
}  // namespace

UsersModel::UsersModel(QObject* parent) : QAbstractTableModel(parent)
{
}

int UsersModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_users.size());
}

int UsersModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsersModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const core::User& user = m_users[static_cast<std::size_t>(index.row())];
    const UserStatus status = statusOf(user);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Username: return user.username;
        case DisplayName: return user.displayName;
        case Role: return roleDisplayName(user.role);
        case Status:
            switch (status) {
            case UserStatus::Active: return tr("Active");
            case UserStatus::MustChangePassphrase: return tr("Active, one-time passphrase");
            case UserStatus::Disabled: return tr("Disabled");
            }
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Username: return user.username;
        case DisplayName: return user.displayName.toCaseFolded();
        case Role: return static_cast<int>(user.role);
        case Status: return static_cast<int>(status);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Status && status == UserStatus::MustChangePassphrase) {
            return tr("Has not yet replaced the one-time passphrase an admin gave them.");
        }
        if (index.column() == Status && status == UserStatus::Disabled) {
            return tr("Cannot sign in. The username is kept for the audit log and cannot be reused.");
        }
        break;
    case Qt::ForegroundRole:
        if (status == UserStatus::Disabled) {
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        }
        break;
    default: break;
    }
    return {};
}

QVariant UsersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Username: return tr("Username");
    case DisplayName: return tr("Name");
    case Role: return tr("Role");
    case Status: return tr("Status");
    default: return {};
    }
}

void UsersModel::setUsers(std::vector<core::User> users)
{
    beginResetModel();
    m_users = std::move(users);
    endResetModel();
}

void UsersModel::addUser(const core::User& user)
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_users.push_back(user);
    endInsertRows();
}

void UsersModel::clear()
{
    if (m_users.empty()) {
        return;
    }
    beginRemoveRows({}, 0, rowCount() - 1);
    m_users.clear();
    endRemoveRows();
}

const core::User* UsersModel::userAt(int row) const
{
    if (row < 0 || row >= rowCount()) {
        return nullptr;
    }
    return &m_users[static_cast<std::size_t>(row)];
}

int UsersModel::rowOf(const QString& username) const
{
    for (std::size_t i = 0; i < m_users.size(); ++i) {
        if (m_users[i].username == username) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

}  // namespace claimdesk::ui
