#pragma once

#include "common/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace claimdesk::core::sql {
class Connection;
}

namespace claimdesk::core {

struct AuditEntry {
    // Where the summary came from. Entries about a case keep their details sealed under that case's own key
    // (crypto-shredding): erasing the case deletes the key, and the entry keeps the event (who, what, when, which
    // reference) while its details become unreadable. The chain hashes what is stored, so it verifies either way.
    enum class Details {
        Clear,    // stored as written (not about a case, or an erasure/retention event that must outlive it)
        Opened,   // sealed under the case key, opened for this read
        Erased,   // sealed, and the case key went with the erased case: `summary` is empty
        Damaged,  // sealed, but it does not open under the case key (altered): `summary` is empty
        Withheld, // opened, then withheld from a reader who may not open the case (AuditService): `summary` is empty
    };

    qint64 id = 0;
    QDateTime atUtc;
    QString username;
    QString action;    // "vault.unlock", "user.add", …
    QString entity;    // "user", "vault", "case", …
    QString entityId;
    QJsonObject summary;  // old/new values and other detail; never a passphrase or key
    QString previousHash;
    QString hash;
    Details details = Details::Clear;
};

// Which entries a query returns. Every field is optional (empty or invalid: no restriction); the entries match
// all the fields given.
struct AuditFilter {
    QString username;       // exactly this user (usernames are stored lower case; compared lower case)
    QString caseReference;  // entries about this case: entity "case" and this entity id (compared upper case)
    // The action and every action below it at a '.': "therapy" (or "therapy.") matches "therapy.invoice.add"
    // but not "therapyx"; "vault.unlock" matches "vault.unlock" only (and any "vault.unlock.…").
    QString action;
    QDateTime fromUtc;   // at or after this instant
    QDateTime untilUtc;  // before this instant

    // Whole days in the computer's local time zone, both inclusive: from 00:00 local on `from` to 00:00 local on
    // the day after `to` (an invalid date leaves that end open).
    void setLocalDays(const QDate& from, const QDate& to);
    bool isEmpty() const;
};

// One page of a query, newest first. `more` says older matching entries exist: ask again with
// beforeId = entries.back().id.
struct AuditPage {
    std::vector<AuditEntry> entries;
    bool more = false;
};

struct AuditChainReport {
    bool intact = true;
    qint64 entries = 0;
    qint64 firstBrokenId = 0;  // 0 when intact
    QString problem;
};

// The append-only, hash-chained audit log. Each row's hash covers its content and the previous row's hash,
// so an edited, deleted or reordered row breaks the chain; the head (last id and hash) is also kept in
// the settings table so that deleting the newest rows is detected too.
class AuditLog {
public:
    // Appends inside the caller's transaction (the same one as the change it records).
    static Result<void> append(sql::Connection& db, const QDateTime& atUtc, const QString& username,
                               const QString& action, const QString& entity, const QString& entityId,
                               const QJsonObject& summary);
    static Result<AuditChainReport> verify(sql::Connection& db);
    static Result<std::vector<AuditEntry>> list(sql::Connection& db, int limit = -1);
    // The entries about one entity ("case", "BBK-2026-0042"), oldest first, through the entity index.
    static Result<std::vector<AuditEntry>> listFor(sql::Connection& db, const QString& entity, const QString& entityId);

    // The entries matching `filter` with an id below `beforeId` (0: from the newest), newest first, at most `limit`
    // (1 to kMaxPageSize). Keyset paging: each page is one indexed query, whatever the log's length.
    static constexpr int kMaxPageSize = 5000;
    static Result<AuditPage> query(sql::Connection& db, const AuditFilter& filter, qint64 beforeId, int limit);

    // Whether an entry's summary is sealed under its case's key: entries about a case ("case", reference), except the
    // erasure and retention events, which record the erasure itself and must stay readable after it.
    static bool sealsDetails(const QString& action, const QString& entity);

    // Over the entry as stored (for a sealed entry, the sealed summary).
    static QString computeHash(const AuditEntry& entry);
};

}  // namespace claimdesk::core
