#pragma once

#include "common/Result.h"

#include <QString>

#include <functional>
#include <vector>

namespace claimdesk::core::sql {
class Connection;
}

namespace claimdesk::core {

// One numbered schema step. Each runs in its own transaction with `PRAGMA user_version` set inside it,
// so a failure rolls the vault back to the previous version whole.
struct Migration {
    int version = 0;
    QString name;
    std::function<Result<void>(sql::Connection&)> apply;
};

// The schema this build of ClaimDesk writes, in order. The last version is the current schema version.
const std::vector<Migration>& standardMigrations();
int latestSchemaVersion(const std::vector<Migration>& migrations);

// Applies every migration newer than the vault's version. Refuses a vault newer than the list.
Result<int> migrate(sql::Connection& db, const std::vector<Migration>& migrations);

}  // namespace claimdesk::core
