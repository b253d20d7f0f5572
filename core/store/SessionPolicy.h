#pragma once

#include "common/Result.h"

#include <QString>

#include <optional>

namespace claimdesk::core {

class Vault;

// The firm's session rules (issue 7, "Session safety"). Each person chooses how long ClaimDesk waits before it
// locks itself (a per-computer preference, 5 minutes by default); an admin may set a firm maximum in the vault
// (setting `session.maxAutoLockMinutes`), and the delay that applies is the shorter of the two.
//
// Anyone signed in may read the maximum (every session has to obey it, also during the first sign-in); only an
// admin may set it: a refusal is recorded as `permission.denied`, a change as `session.policy.set` with the old
// and new values, in the same transaction.
class SessionPolicy {
public:
    static constexpr int kMinAutoLockMinutes = 1;
    static constexpr int kMaxAutoLockMinutes = 240;
    static constexpr int kDefaultAutoLockMinutes = 5;

    static QString maxAutoLockSetting();  // "session.maxAutoLockMinutes"

    // The delay that applies: the person's preference (brought into 1–240), capped by the firm maximum if any.
    static int effectiveAutoLockMinutes(int preferredMinutes, std::optional<int> firmMaximum);
    // InvalidInput unless 1 ≤ minutes ≤ 240.
    static Result<void> checkAutoLockMinutes(int minutes);
    // How a stored value reads: empty means no maximum; a number is brought into 1–240; anything else (a value
    // nobody could have saved through ClaimDesk) reads as the 5-minute default, so a damaged setting never
    // lifts a limit.
    static std::optional<int> parseMaxAutoLock(const QString& stored);

    explicit SessionPolicy(Vault& vault) : m_vault(vault) { }

    // std::nullopt when no admin set a maximum.
    Result<std::optional<int>> maxAutoLockMinutes();
    // Admins only; 1–240 minutes.
    Result<void> setMaxAutoLockMinutes(int minutes);

private:
    Vault& m_vault;
};

}  // namespace claimdesk::core
