#include "store/Migrations.h"

#include "store/Sqlite.h"

namespace claimdesk::core {

namespace {

// SQLite 3.15 (SQLCipher 3.4.1): no UPSERT, window functions or RENAME COLUMN in migrations.
Result<void> v1Foundation(sql::Connection& db)
{
    return db.exec(R"sql(
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        CREATE TABLE users (
            id                     INTEGER PRIMARY KEY,
            username               TEXT NOT NULL UNIQUE,
            display_name           TEXT NOT NULL,
            role                   TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'solicitor', 'paralegal')),
            active                 INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            must_change_passphrase INTEGER NOT NULL DEFAULT 0 CHECK (must_change_passphrase IN (0, 1)),
            created_at             TEXT NOT NULL,
            updated_at             TEXT NOT NULL
        );
        CREATE TABLE audit_log (
            id        INTEGER PRIMARY KEY,
            at        TEXT NOT NULL,
            username  TEXT NOT NULL,
            action    TEXT NOT NULL,
            entity    TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            summary   TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash      TEXT NOT NULL
        );
        CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);
        CREATE INDEX audit_log_by_user ON audit_log (username, at);
    )sql");
}

}  // namespace

const std::vector<Migration>& standardMigrations()
{
    static const std::vector<Migration> migrations{
        {1, QStringLiteral("foundation: settings, users, audit log"), v1Foundation},
    };
    return migrations;
}

int latestSchemaVersion(const std::vector<Migration>& migrations)
{
    return migrations.empty() ? 0 : migrations.back().version;
}

Result<int> migrate(sql::Connection& db, const std::vector<Migration>& migrations)
{
    auto current = db.scalarInt("PRAGMA user_version");
    if (!current) {
        return current.error();
    }
    const int latest = latestSchemaVersion(migrations);
    int version = static_cast<int>(*current);
    if (version > latest) {
        return makeError(ErrorCode::NewerSchema,
                         QStringLiteral("This vault was written by a newer version of ClaimDesk (schema %1; this "
                                        "version knows up to %2). Update ClaimDesk to open it; the vault was not "
                                        "changed.")
                             .arg(version)
                             .arg(latest));
    }
    for (const Migration& m : migrations) {
        if (m.version <= version) {
            continue;
        }
        auto tx = sql::Transaction::begin(db);
        if (!tx) {
            return tx.error();
        }
        auto applied = m.apply(db);
        if (applied) {
            // PRAGMA takes no bound parameters; the version is our own integer, never user input.
            const QByteArray setVersion = "PRAGMA user_version = " + QByteArray::number(m.version);
            applied = db.exec(setVersion.constData());
        }
        if (applied) {
            applied = tx->commit();
        }
        if (!applied) {
            const Error& e = applied.error();
            if (e.code == ErrorCode::VaultBusy || e.code == ErrorCode::DiskFull) {
                return e;
            }
            return makeError(ErrorCode::MigrationFailed,
                             QStringLiteral("Upgrading the vault to schema %1 (%2) failed, so it was left at schema %3 "
                                            "unchanged: %4")
                                 .arg(m.version)
                                 .arg(m.name)
                                 .arg(version)
                                 .arg(e.message));
        }
        version = m.version;
    }
    return version;
}

}  // namespace claimdesk::core
