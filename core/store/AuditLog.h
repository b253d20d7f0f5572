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
    qint64 id = 0;
    QDateTime atUtc;
    QString username;
    QString action;    // "vault.unlock", "user.add", …
    QString entity;    // "user", "vault", "case", …
    QString entityId;
    QJsonObject summary;  // old/new values and other detail; never a passphrase or key
    QString previousHash;
    QString hash;
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

    static QString computeHash(const AuditEntry& entry);
};

}  // namespace claimdesk::core
