#pragma once

#include "common/Error.h"

namespace claimdesk::cli {

// The exit statuses of claimdesk-cli. They are a stable interface: scripts test them, so never renumber.
enum class ExitStatus : int {
    Success = 0,
    Failure = 1,  // anything not listed below (no such file, disk full, I/O error, …)
    Usage = 2,  // unknown command or option, missing argument, bad role, weak passphrase
    BadCredentials = 3,  // wrong passphrase or unknown user (one status and one message), too many attempts
    VaultDamaged = 4,  // damaged or tampered vault or key file, not a vault, `vault check` found problems
    VaultBusy = 5,  // another process held the write lock for longer than --busy-timeout
    PermissionDenied = 6,  // the role does not allow it, or a one-time passphrase must be changed first
};

constexpr int toInt(ExitStatus status)
{
    return static_cast<int>(status);
}

// The status for a core error. Every ErrorCode has one; unlisted codes are Failure.
ExitStatus exitStatusFor(core::ErrorCode code);

}  // namespace claimdesk::cli
