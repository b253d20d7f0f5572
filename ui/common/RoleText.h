#pragma once

#include "users/User.h"

#include <QString>

namespace claimdesk::ui {

QString roleDisplayName(core::Role role);  // "Admin", "Supervisor", … (translated)
// One sentence on what the role may do (docs/PERMISSIONS.md), for the role choice's tooltip (translated).
QString roleDescription(core::Role role);
// Every role, in the order the UI lists them.
constexpr core::Role kAllRoles[] = {core::Role::Admin, core::Role::Supervisor, core::Role::Solicitor,
                                    core::Role::Paralegal, core::Role::Accounts};

}  // namespace claimdesk::ui
