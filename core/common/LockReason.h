#pragma once

namespace claimdesk::core {

// Why a session ended, for the audit log.
enum class LockReason { UserRequest, Inactivity, Quit };

}  // namespace claimdesk::core
