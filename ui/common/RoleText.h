#pragma once

#include "users/User.h"

#include <QString>

namespace claimdesk::ui {

QString roleDisplayName(core::Role role);  // "Admin", "Supervisor", … (translated)
// Every role, in the order the UI lists them.
constexpr core::Role kAllRoles[]
    = {core::Role::Admin, core::Role::Supervisor, core::Role::Solicitor, core::Role::Paralegal};

}  // namespace claimdesk::ui
