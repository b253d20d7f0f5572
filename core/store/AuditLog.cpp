#include "store/AuditLog.h"

#include "store/Crypto.h"
#include "store/Sqlite.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

namespace claimdesk::core {

namespace {
QString isoMs(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}
}  // namespace

QString AuditLog::computeHash(const AuditEntry& e)
{
    // A JSON array gives an unambiguous encoding of the fields (no separator games).
    const QJsonArray fields{QStringLiteral("claimdesk-audit-v1"),
                            e.id,
                            isoMs(e.atUtc),
                            e.username,
                            e.action,
                            e.entity,
                            e.entityId,
                            QString::fromUtf8(QJsonDocument(e.summary).toJson(QJsonDocument::Compact)),
                            e.previousHash};
    return QString::fromLatin1(crypto::hash(QJsonDocument(fields).toJson(QJsonDocument::Compact)).toHex());
}

Result<void> AuditLog::append(sql::Connection& db, const QDateTime& atUtc, const QString& username,
                              const QString& action, const QString& entity, const QString& entityId,
                              const QJsonObject& summary)
{
    AuditEntry e;
    auto head = db.prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (!head) {
        return head.error();
    }
    auto row = head->step();
    if (!row) {
        return row.error();
    }
    e.id = *row ? head->int64(0) + 1 : 1;
    e.previousHash = *row ? head->text(1) : QString();
    e.atUtc = atUtc.toUTC();
    e.username = username;
    e.action = action;
    e.entity = entity;
    e.entityId = entityId;
    e.summary = summary;
    e.hash = computeHash(e);

    auto insert = db.prepare(
        "INSERT INTO audit_log (id, at, username, action, entity, entity_id, summary, prev_hash, hash) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, e.id)
        .bind(2, isoMs(e.atUtc))
        .bind(3, e.username)
        .bind(4, e.action)
        .bind(5, e.entity)
        .bind(6, e.entityId.isNull() ? QStringLiteral("") : e.entityId)
        .bind(7, QString::fromUtf8(QJsonDocument(e.summary).toJson(QJsonDocument::Compact)))
        .bind(8, e.previousHash.isNull() ? QStringLiteral("") : e.previousHash)
        .bind(9, e.hash);
    if (auto done = insert->run(); !done) {
        return done.error();
    }
    auto setHead = db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('audit.head', ?1)");
    if (!setHead) {
        return setHead.error();
    }
    setHead->bind(1, QStringLiteral("%1:%2").arg(e.id).arg(e.hash));
    return setHead->run();
}

namespace {
Result<std::vector<AuditEntry>> readEntries(sql::Statement& stmt)
{
    std::vector<AuditEntry> entries;
    while (true) {
        auto row = stmt.step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        AuditEntry e;
        e.id = stmt.int64(0);
        e.atUtc = QDateTime::fromString(stmt.text(1), Qt::ISODateWithMs);
        e.username = stmt.text(2);
        e.action = stmt.text(3);
        e.entity = stmt.text(4);
        e.entityId = stmt.text(5);
        e.summary = QJsonDocument::fromJson(stmt.text(6).toUtf8()).object();
        e.previousHash = stmt.text(7);
        e.hash = stmt.text(8);
        entries.push_back(std::move(e));
    }
    return entries;
}
}  // namespace

Result<std::vector<AuditEntry>> AuditLog::list(sql::Connection& db, int limit)
{
    auto stmt = db.prepare("SELECT id, at, username, action, entity, entity_id, summary, prev_hash, hash "
                           "FROM audit_log ORDER BY id LIMIT ?1");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, static_cast<qint64>(limit));
    return readEntries(*stmt);
}

Result<std::vector<AuditEntry>> AuditLog::listFor(sql::Connection& db, const QString& entity, const QString& entityId)
{
    auto stmt = db.prepare("SELECT id, at, username, action, entity, entity_id, summary, prev_hash, hash "
                           "FROM audit_log WHERE entity = ?1 AND entity_id = ?2 ORDER BY id");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, entity).bind(2, entityId);
    return readEntries(*stmt);
}

void AuditFilter::setLocalDays(const QDate& from, const QDate& to)
{
    fromUtc = from.isValid() ? from.startOfDay(Qt::LocalTime).toUTC() : QDateTime();
    untilUtc = to.isValid() ? to.addDays(1).startOfDay(Qt::LocalTime).toUTC() : QDateTime();
}

bool AuditFilter::isEmpty() const
{
    return username.trimmed().isEmpty() && caseReference.trimmed().isEmpty() && action.trimmed().isEmpty()
        && !fromUtc.isValid() && !untilUtc.isValid();
}

Result<AuditPage> AuditLog::query(sql::Connection& db, const AuditFilter& filter, qint64 beforeId, int limit)
{
    if (limit < 1 || limit > kMaxPageSize) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("Ask for 1 to %1 audit entries at a time.").arg(kMaxPageSize));
    }
    const QString username = filter.username.trimmed().toLower();
    const QString reference = filter.caseReference.trimmed().toUpper();
    QString action = filter.action.trimmed();
    while (action.endsWith(QLatin1Char('.'))) {
        action.chop(1);
    }
    // Fixed SQL fragments only; every value is bound. Unused filters bind NULL and drop out ("?1 IS NULL OR …")
    // would stop SQLite from using an index, so the statement is built from the filters that are set.
    QByteArray sql = "SELECT id, at, username, action, entity, entity_id, summary, prev_hash, hash "
                     "FROM audit_log WHERE id < ?1";
    if (!username.isEmpty()) {
        sql += " AND username = ?2";
    }
    if (!reference.isEmpty()) {
        sql += " AND entity = 'case' AND entity_id = ?3";
    }
    if (!action.isEmpty()) {
        // "a.b" itself, or anything from "a.b." up to (not including) "a.b/" ('/' follows '.' in every collation
        // SQLite uses here: BINARY compares code points).
        sql += " AND (action = ?4 OR (action >= ?5 AND action < ?6))";
    }
    if (filter.fromUtc.isValid()) {
        sql += " AND at >= ?7";
    }
    if (filter.untilUtc.isValid()) {
        sql += " AND at < ?8";
    }
    sql += " ORDER BY id DESC LIMIT ?9";
    auto stmt = db.prepare(sql.constData());
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max());
    if (!username.isEmpty()) {
        stmt->bind(2, username);
    }
    if (!reference.isEmpty()) {
        stmt->bind(3, reference);
    }
    if (!action.isEmpty()) {
        stmt->bind(4, action).bind(5, action + QLatin1Char('.')).bind(6, action + QLatin1Char('/'));
    }
    if (filter.fromUtc.isValid()) {
        stmt->bind(7, isoMs(filter.fromUtc));
    }
    if (filter.untilUtc.isValid()) {
        stmt->bind(8, isoMs(filter.untilUtc));
    }
    stmt->bind(9, static_cast<qint64>(limit) + 1);  // one more than asked: is there another page?
    auto entries = readEntries(*stmt);
    if (!entries) {
        return entries.error();
    }
    AuditPage page;
    page.more = entries->size() > static_cast<size_t>(limit);
    if (page.more) {
        entries->pop_back();
    }
    page.entries = std::move(*entries);
    return page;
}

Result<AuditChainReport> AuditLog::verify(sql::Connection& db)
{
    auto stmt = db.prepare("SELECT id, at, username, action, entity, entity_id, summary, prev_hash, hash "
                           "FROM audit_log ORDER BY rowid");
    if (!stmt) {
        return stmt.error();
    }
    AuditChainReport report;
    QString previousHash;
    qint64 expectedId = 1;
    auto broken = [&report](qint64 id, const QString& problem) {
        report.intact = false;
        report.firstBrokenId = id;
        report.problem = problem;
    };
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        AuditEntry e;
        e.id = stmt->int64(0);
        const QString at = stmt->text(1);
        e.atUtc = QDateTime::fromString(at, Qt::ISODateWithMs);
        e.username = stmt->text(2);
        e.action = stmt->text(3);
        e.entity = stmt->text(4);
        e.entityId = stmt->text(5);
        const QString summaryText = stmt->text(6);
        e.summary = QJsonDocument::fromJson(summaryText.toUtf8()).object();
        e.previousHash = stmt->text(7);
        e.hash = stmt->text(8);
        ++report.entries;
        if (e.id != expectedId) {
            broken(e.id, QStringLiteral("entry %1 follows entry %2: entries were deleted or reordered")
                             .arg(e.id)
                             .arg(expectedId - 1));
            return report;
        }
        if (e.previousHash != previousHash) {
            broken(e.id, QStringLiteral("entry %1 does not link to the entry before it").arg(e.id));
            return report;
        }
        // Re-encode exactly as stored; a summary that no longer parses, or a changed field, breaks the hash.
        const bool summaryRoundTrips =
            QString::fromUtf8(QJsonDocument(e.summary).toJson(QJsonDocument::Compact)) == summaryText;
        if (!summaryRoundTrips || isoMs(e.atUtc) != at || computeHash(e) != e.hash) {
            broken(e.id, QStringLiteral("entry %1 was altered after it was written").arg(e.id));
            return report;
        }
        previousHash = e.hash;
        ++expectedId;
    }
    const QString head = [&db] {
        auto h = db.prepare("SELECT value FROM settings WHERE key = 'audit.head'");
        if (!h || !h->step().ok()) {
            return QString();
        }
        return h->text(0);
    }();
    const QString expectedHead = report.entries == 0 ? QString() : QStringLiteral("%1:%2").arg(expectedId - 1).arg(previousHash);
    if (head != expectedHead) {
        broken(expectedId, QStringLiteral("the newest entries of the audit log were deleted (the log ends at entry "
                                          "%1, but its recorded head is %2)")
                               .arg(expectedId - 1)
                               .arg(head.section(QLatin1Char(':'), 0, 0)));
    }
    return report;
}

}  // namespace claimdesk::core
