#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace claimdesk::core {

// Admin: users, settings, backups, no case content. Supervisor, Solicitor, Paralegal: the case roles. Accounts: the
// therapy fund's payment side only (invoices awaiting payment, paying them), no case content. docs/PERMISSIONS.md.
enum class Role { Admin, Supervisor, Solicitor, Paralegal, Accounts };

QString roleName(Role role);                         // stable identifier: "admin", "supervisor", …
std::optional<Role> roleFromName(const QString& name);

struct User {
    qint64 id = 0;
    QString username;  // normalised: lower case
    QString displayName;
    Role role = Role::Paralegal;
    bool active = true;
    bool mustChangePassphrase = false;
    QDateTime createdAtUtc;
};

struct NewUser {
    QString username;
    QString displayName;
    Role role = Role::Paralegal;
};

}  // namespace claimdesk::core
