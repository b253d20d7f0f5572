#pragma once

#include "users/User.h"

#include <QHash>
#include <QString>

#include <vector>

namespace claimdesk::ui {

// Usernames to display names, so the case screens show people ("Sol Solicitor") rather than logins.
class StaffNames {
public:
    StaffNames() = default;
    explicit StaffNames(const std::vector<core::User>& users);

    QString nameOf(const QString& username) const;  // the username itself when unknown

private:
    QHash<QString, QString> m_names;
};

}  // namespace claimdesk::ui
