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

// What goes into a demo vault besides its people.
struct DemoContent {
    int cases = 200;  // fictional cases (DemoCases), written by the demo supervisor
    quint32 seed = 1;  // the same seed always gives the same cases
    // Fictional therapy providers, this year's and last year's fund budgets and (when there are cases) a few dozen
    // therapy requests in every status of the workflow (DemoTherapy).
    bool therapyFund = true;
};

// A throwaway vault of fictional people and fictional cases for trying ClaimDesk without real client data.
// Every account is ready to use: none has to change a one-time passphrase.
class DemoVault {
public:
    static QString fileName();  // "ClaimDesk demo.claimdesk"
    // demo-admin, demo-supervisor, demo-solicitor and demo-paralegal, all with the passphrase
    // "demo-passphrase"; the admin comes first.
    static const std::vector<DemoAccount>& accounts();
    static QString passphrase();  // "demo-passphrase"
    static QString referencePrefix();  // "DEMO": demo case references read DEMO-2019-0042
    // Creates the demo vault at `path` (which must not exist) and leaves it locked. Uses options.kdf as
    // given: callers choose the cost (the demo holds nothing real, so the UI and the CLI use
    // KdfProfile::interactive()).
    static Result<void> create(const QString& path, const VaultOptions& options, const DemoContent& content = {});
};

}  // namespace claimdesk::core
