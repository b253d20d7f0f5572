#pragma once

#include "common/Result.h"
#include "users/User.h"

#include <QString>

#include <vector>

namespace claimdesk::core {

struct VaultOptions;

// One fictional person in the demo vault. The passphrase is shown on screen so a tester can sign in.
struct DemoAccount {
    QString username;
    QString displayName;
    Role role = Role::Paralegal;
    QString passphrase;
};

// A throwaway vault of fictional people (and, in later releases, fictional cases) for trying ClaimDesk
// without real client data. Every account is ready to use: none has to change a one-time passphrase.
class DemoVault {
public:
    static QString fileName();  // "ClaimDesk demo.claimdesk"
    // An admin, a supervisor, a solicitor and a paralegal; the admin comes first.
    static const std::vector<DemoAccount>& accounts();
    // Creates the demo vault at `path` (which must not exist) and leaves it locked. Uses options.kdf as
    // given: callers choose the cost (the demo holds nothing real, so the UI uses KdfProfile::interactive()).
    static Result<void> create(const QString& path, const VaultOptions& options);
};

}  // namespace claimdesk::core
