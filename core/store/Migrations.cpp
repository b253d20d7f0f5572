#include "store/Migrations.h"

#include "deadlines/DeadlineService.h"
#include "retention/RetentionService.h"
#include "therapy/TherapyService.h"

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

// Cases, clients, parties, incidents, notes, tasks, conflict checks, intake drafts and the search index.
// Lists (former names, aliases, abuse types) are JSON arrays; the safeguarding screen and consent are JSON
// objects owned by their case.
Result<void> v2Cases(sql::Connection& db)
{
    return db.exec(R"sql(
        CREATE TABLE clients (
            id                   INTEGER PRIMARY KEY,
            full_name            TEXT NOT NULL,
            preferred_name       TEXT NOT NULL DEFAULT '',
            former_names         TEXT NOT NULL DEFAULT '[]',
            date_of_birth        TEXT,
            dob_verified         INTEGER NOT NULL DEFAULT 0,
            pronouns             TEXT NOT NULL DEFAULT '',
            phone                TEXT NOT NULL DEFAULT '',
            email                TEXT NOT NULL DEFAULT '',
            address              TEXT NOT NULL DEFAULT '',
            safe_phone           INTEGER NOT NULL DEFAULT 0,
            safe_voicemail       INTEGER NOT NULL DEFAULT 0,
            safe_text            INTEGER NOT NULL DEFAULT 0,
            safe_email           INTEGER NOT NULL DEFAULT 0,
            safe_post            INTEGER NOT NULL DEFAULT 0,
            never_write_to       TEXT NOT NULL DEFAULT '[]',
            code_word            TEXT NOT NULL DEFAULT '',
            times_to_avoid       TEXT NOT NULL DEFAULT '',
            who_knows            TEXT NOT NULL DEFAULT '',
            caseworker_gender    TEXT NOT NULL DEFAULT '',
            communication_needs  TEXT NOT NULL DEFAULT '',
            interpreter_language TEXT NOT NULL DEFAULT '',
            capacity_concern     INTEGER NOT NULL DEFAULT 0,
            litigation_friend    TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE cases (
            id                     INTEGER PRIMARY KEY,
            reference              TEXT NOT NULL UNIQUE,
            client_id              INTEGER NOT NULL REFERENCES clients (id),
            fee_earner             TEXT NOT NULL,
            supervisor             TEXT NOT NULL DEFAULT '',
            stage                  TEXT NOT NULL,
            limbs                  TEXT NOT NULL DEFAULT '[]',
            funding                TEXT NOT NULL DEFAULT 'unknown',
            ate_insurer            TEXT NOT NULL DEFAULT '',
            opened_on              TEXT NOT NULL,
            closed_on              TEXT,
            outcome                TEXT NOT NULL DEFAULT '',
            damages_estimate_pence INTEGER NOT NULL DEFAULT 0,
            settlement_pence       INTEGER NOT NULL DEFAULT 0,
            restricted             INTEGER NOT NULL DEFAULT 0,
            account                TEXT NOT NULL DEFAULT '',
            safeguarding           TEXT NOT NULL DEFAULT '{}',
            safeguarding_alert     INTEGER NOT NULL DEFAULT 0,
            safeguarding_action    TEXT NOT NULL DEFAULT '',
            consent                TEXT NOT NULL DEFAULT '{}',
            version                INTEGER NOT NULL DEFAULT 1,
            created_at             TEXT NOT NULL,
            created_by             TEXT NOT NULL,
            updated_at             TEXT NOT NULL,
            updated_by             TEXT NOT NULL
        );
        CREATE INDEX cases_by_client ON cases (client_id);
        CREATE INDEX cases_by_fee_earner ON cases (fee_earner);
        CREATE TABLE case_access (
            case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            username TEXT NOT NULL,
            PRIMARY KEY (case_id, username)
        );
        CREATE TABLE parties (
            id      INTEGER PRIMARY KEY,
            kind    TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
            name    TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE case_parties (
            case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            party_id INTEGER NOT NULL REFERENCES parties (id),
            role     TEXT NOT NULL,
            PRIMARY KEY (case_id, party_id, role)
        );
        CREATE INDEX case_parties_by_party ON case_parties (party_id);
        CREATE TABLE incidents (
            id                 INTEGER PRIMARY KEY,
            case_id            INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            start_date         TEXT,
            start_precision    TEXT NOT NULL DEFAULT 'day',
            end_date           TEXT,
            end_precision      TEXT NOT NULL DEFAULT 'day',
            abuse_types        TEXT NOT NULL DEFAULT '[]',
            perpetrators       TEXT NOT NULL DEFAULT '[]',
            institutions       TEXT NOT NULL DEFAULT '[]',
            location           TEXT NOT NULL DEFAULT '',
            region             TEXT NOT NULL DEFAULT 'england-wales',
            reported_to_police INTEGER NOT NULL DEFAULT 0,
            police_report_date TEXT,
            police_force       TEXT NOT NULL DEFAULT '',
            crime_reference    TEXT NOT NULL DEFAULT '',
            prosecution_status TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX incidents_by_case ON incidents (case_id);
        CREATE TABLE notes (
            id        INTEGER PRIMARY KEY,
            case_id   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            at        TEXT NOT NULL,
            author    TEXT NOT NULL,
            sensitive INTEGER NOT NULL DEFAULT 0,
            text      TEXT NOT NULL
        );
        CREATE INDEX notes_by_case ON notes (case_id, at);
        CREATE TABLE tasks (
            id         INTEGER PRIMARY KEY,
            case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            title      TEXT NOT NULL,
            due_on     TEXT,
            assignee   TEXT NOT NULL DEFAULT '',
            done       INTEGER NOT NULL DEFAULT 0,
            urgent     INTEGER NOT NULL DEFAULT 0,
            kind       TEXT NOT NULL DEFAULT 'general',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            done_at    TEXT,
            done_by    TEXT
        );
        CREATE INDEX tasks_by_case ON tasks (case_id);
        CREATE INDEX tasks_by_assignee ON tasks (assignee, done);
        CREATE TABLE conflict_checks (
            id             INTEGER PRIMARY KEY,
            case_id        INTEGER REFERENCES cases (id) ON DELETE CASCADE,
            at             TEXT NOT NULL,
            by_user        TEXT NOT NULL,
            query_name     TEXT NOT NULL,
            query_dob      TEXT,
            result         TEXT NOT NULL DEFAULT '[]',
            cleared_by     TEXT,
            cleared_at     TEXT,
            cleared_reason TEXT
        );
        CREATE TABLE intake_drafts (
            id         INTEGER PRIMARY KEY,
            owner      TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            data       TEXT NOT NULL
        );
        CREATE TABLE case_sequences (
            prefix TEXT NOT NULL,
            year   INTEGER NOT NULL,
            next   INTEGER NOT NULL,
            PRIMARY KEY (prefix, year)
        );
        CREATE VIRTUAL TABLE case_search USING fts4 (
            reference, names, parties,
            tokenize=unicode61 "remove_diacritics=1", prefix="1,2,3"
        );
    )sql");
}

// Parties are looked up by name whenever a case is saved (one institution is one party across cases): without
// an index every lookup read the whole table, which made a 10,000-row import into a 100,000-case vault take
// minutes.
Result<void> v3PartyNames(sql::Connection& db)
{
    return db.exec(R"sql(
        CREATE INDEX parties_by_name ON parties (name COLLATE NOCASE, kind);
        -- The case list reads these columns of every case: a covering index keeps the account text and the
        -- JSON columns out of that scan. Search looks up the (few) restricted cases.
        CREATE INDEX cases_list ON cases (id, reference, client_id, stage, fee_earner, supervisor, restricted,
                                          safeguarding_alert);
        CREATE INDEX cases_restricted ON cases (restricted, fee_earner, supervisor);
        CREATE INDEX tasks_open_by_kind ON tasks (case_id, kind, done, due_on);
    )sql");
}

// The supervisor's safeguarding "action taken" in full (DOMAIN §6.3: safeguarding lead consulted, referrals,
// consent or the reason for disclosing without it, privilege check, outcome, review date) as a JSON object.
// safeguarding_action keeps the action's text. The screen's new answers need no column: they live in the
// safeguarding JSON object, and a screen saved before them reads them as "not asked".
Result<void> v4SafeguardingAction(sql::Connection& db)
{
    return db.exec(R"sql(
        ALTER TABLE cases ADD COLUMN safeguarding_action_record TEXT NOT NULL DEFAULT '{}';
    )sql");
}

// The conflict index checks whether any case changed with count, max(id) and sum(version) over `cases`. Without
// an index that holds `version` that read every case row (accounts included) on every check: 400 ms on 100,000
// cases once the deadlines tables shared the page cache. This covering index makes it a scan of small entries.
Result<void> v6CaseVersions(sql::Connection& db)
{
    return db.exec("CREATE INDEX cases_versions ON cases (version);");
}

// The audit viewer and `claimdesk-cli audit list` page through one user's entries newest first (ORDER BY id DESC,
// keyset id < ?). audit_log_by_user is ordered by time, so that needed a sort of all the user's entries per page:
// 750 ms for 75,000. This index is ordered by id within each user.
Result<void> v8AuditByUser(sql::Connection& db)
{
    return db.exec("CREATE INDEX audit_log_by_user_id ON audit_log (username, id);");
}

// The conflict index asks on every check whether any client, case or party changed since it was built. Counting
// and summing over 100,000 cases and their parties read thousands of pages each time, which the desktop's smaller
// page cache no longer held (conflict p95 88 ms). Triggers keep one counter instead: one row to read.
Result<void> v9ConflictSourceVersion(sql::Connection& db)
{
    QByteArray script = "CREATE TABLE conflict_source_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);"
                        "INSERT INTO conflict_source_version (id, n) VALUES (1, 0);";
    for (const char* table : {"cases", "clients", "parties", "case_parties"}) {
        for (const char* event : {"INSERT", "UPDATE", "DELETE"}) {
            script += QByteArray("CREATE TRIGGER conflict_source_") + table + "_" + QByteArray(event).toLower()
                + " AFTER " + event + " ON " + table
                + " BEGIN UPDATE conflict_source_version SET n = n + 1 WHERE id = 1; END;";
        }
    }
    return db.exec(script.constData());
}

// The accounts role (issue 7: therapy payments only). The users table's CHECK lists the roles, and SQLite cannot
// alter a CHECK: the table is rebuilt with the new list and every row copied with its id. Nothing else refers to
// users (no foreign keys, triggers or views name it; usernames are what other tables keep), and its only index is
// the one UNIQUE (username) makes, which the new table makes again.
Result<void> v10AccountsRole(sql::Connection& db)
{
    return db.exec(R"sql(
        CREATE TABLE users_new (
            id                     INTEGER PRIMARY KEY,
            username               TEXT NOT NULL UNIQUE,
            display_name           TEXT NOT NULL,
            role                   TEXT NOT NULL
                                   CHECK (role IN ('admin', 'supervisor', 'solicitor', 'paralegal', 'accounts')),
            active                 INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            must_change_passphrase INTEGER NOT NULL DEFAULT 0 CHECK (must_change_passphrase IN (0, 1)),
            created_at             TEXT NOT NULL,
            updated_at             TEXT NOT NULL
        );
        INSERT INTO users_new (id, username, display_name, role, active, must_change_passphrase, created_at, updated_at)
            SELECT id, username, display_name, role, active, must_change_passphrase, created_at, updated_at FROM users;
        DROP TABLE users;
        ALTER TABLE users_new RENAME TO users;
    )sql");
}

// Break-glass access to restricted cases (issue 7): who opened which case in an emergency, why, and until when.
// CaseService reads a grant that has not expired as if the user were named on the case (case_access). Rows are
// never updated; a grant ends by expiring. They go with their case (ON DELETE CASCADE), as case_access does.
Result<void> v12BreakGlass(sql::Connection& db)
{
    return db.exec(R"sql(
        CREATE TABLE break_glass_grants (
            id         INTEGER PRIMARY KEY,
            case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            username   TEXT NOT NULL,
            reason     TEXT NOT NULL,
            granted_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE INDEX break_glass_grants_by_user ON break_glass_grants (username, case_id, expires_at);
        CREATE INDEX break_glass_grants_by_case ON break_glass_grants (case_id);
    )sql");
}

// A key per case for the details of its audit entries (issue 7: "the audit trail keeps the event, not the data").
// AuditLog seals the summary of every entry about a case under that case's key and hashes the sealed form into the
// chain; erasure deletes the case and, with it, this row (the erasure deletes every table with a case_id column, and
// ON DELETE CASCADE does the same), so the old entries keep who, what, when and the reference, and their details can
// no longer be read. Entries written before this migration are not sealed: rewriting them would break the chain.
Result<void> v13CaseKeys(sql::Connection& db)
{
    return db.exec(R"sql(
        CREATE TABLE case_keys (
            case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
            key     BLOB NOT NULL CHECK (length(key) = 32)
        );
    )sql");
}

}  // namespace

const std::vector<Migration>& standardMigrations()
{
    static const std::vector<Migration> migrations{
        {1, QStringLiteral("foundation: settings, users, audit log"), v1Foundation},
        {2, QStringLiteral("cases, clients, parties, incidents, notes, tasks, conflicts, drafts, search"), v2Cases},
        {3, QStringLiteral("indexes for party lookups, the case list and search"), v3PartyNames},
        {4, QStringLiteral("the safeguarding action taken, in full"), v4SafeguardingAction},
        {5, QStringLiteral("deadlines: case events, derived and manual deadlines, limitation sign-off, reminders"),
         deadlines::DeadlineService::createSchema},
        {6, QStringLiteral("a covering index for the conflict index's freshness check"), v6CaseVersions},
        {7, QStringLiteral("therapy fund: providers, requests, decisions, sessions, invoices, payments, budgets"),
         therapy::TherapyService::createSchema},
        {8, QStringLiteral("an index for reading one user's audit entries newest first"), v8AuditByUser},
        {9, QStringLiteral("one counter of changes to clients, cases and parties for the conflict index"),
         v9ConflictSourceVersion},
        {10, QStringLiteral("the accounts role: the users table rebuilt with the new role list"), v10AccountsRole},
        {11, QStringLiteral("retention: legal holds, erasure requests and the tombstones of erased cases"),
         RetentionService::createSchema},
        {12, QStringLiteral("break-glass grants: emergency access to restricted cases"), v12BreakGlass},
        {13, QStringLiteral("case keys: the details of a case's audit entries, sealed so erasure can shred them"),
         v13CaseKeys},
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
