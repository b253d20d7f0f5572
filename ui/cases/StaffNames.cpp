#include "ui/cases/StaffNames.h"

namespace claimdesk::ui {

StaffNames::StaffNames(const std::vector<core::User>& users)
{
    for (const core::User& user : users) {
        if (!user.displayName.isEmpty()) {
            m_names.insert(user.username, user.displayName);
        }
    }
}

QString StaffNames::nameOf(const QString& username) const
{
    return m_names.value(username, username);
}

}  // namespace claimdesk::ui
