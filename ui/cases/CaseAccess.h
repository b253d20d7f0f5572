#pragma once

namespace claimdesk::core {
class CaseService;
}

namespace claimdesk::ui {

class VaultSession;

// The session's case service if the case screens may use it now: nullptr while the vault is locked, and
// while a background task (the case list loading) is using the vault's connection. Ask again for every
// action; never keep the pointer.
core::CaseService* availableCases(const VaultSession& session);

}  // namespace claimdesk::ui
