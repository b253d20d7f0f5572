#include "users/User.h"

namespace claimdesk::core {

QString roleName(Role role)
{
    switch (role) {
    case Role::Admin: return QStringLiteral("admin");
    case Role::Supervisor: return QStringLiteral("supervisor");
    case Role::Solicitor: return QStringLiteral("solicitor");
    case Role::Paralegal: return QStringLiteral("paralegal");
    case Role::Accounts: return QStringLiteral("accounts");
    }
    return {};
}

std::optional<Role> roleFromName(const QString& name)
{
    for (Role r : {Role::Admin, Role::Supervisor, Role::Solicitor, Role::Paralegal, Role::Accounts}) {
        if (roleName(r) == name.trimmed().toLower()) {
            return r;
        }
    }
    return std::nullopt;
}

}  // namespace claimdesk::core
