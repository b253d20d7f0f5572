#include "store/AuditLog.h"

#include "store/Crypto.h"
#include "store/Sqlite.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstring>
#include <limits>
#include <map>
#include <optional>

namespace claimdesk::core {

namespace {
QString isoMs(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

const QString kSealedKey = QStringLiteral("sealed");

// Binds a sealed summary to its entry and case: a sealed summary copied to another entry does not open.
QByteArray sealingContext(qint64 id, const QString& reference)
{
    return "claimdesk-audit-case-v1:" + QByteArray::number(id) + ':' + reference.toUtf8();
}

constexpr const char* kReadCaseKey =
    "SELECT k.key FROM case_keys k JOIN cases c ON c.id = k.case_id WHERE c.reference = ?1";

SecureBytes keyFrom(QByteArray&& stored)
{
    auto key = SecureBytes::copyOf(reinterpret_cast<const unsigned char*>(stored.constData()),
                                   static_cast<std::size_t>(stored.size()));
    wipe(stored);
    return key;
}

// The case key through a prepared kReadCaseKey statement (reset afterwards); nothing when the case has none.
Result<std::optional<SecureBytes>> readCaseKey(sql::Statement& read, const QString& reference)
{
    read.bind(1, reference);
    auto row = read.step();
    std::optional<SecureBytes> key;
    if (row && *row) {
        key = keyFrom(read.blob(0));
    }
    read.reset();
    if (!row) {
        return row.error();
    }
    return key;
}

// The key sealing the audit details of the case with this reference, made on first use; nothing when there is no
// such case (an erased case has neither a row nor a key).
Result<std::optional<SecureBytes>> caseKeyForWriting(sql::Connection& db, const QString& reference)
{
    auto read = db.prepare(kReadCaseKey);
    if (!read) {
        return read.error();
    }
    auto existing = readCaseKey(*read, reference);
    if (!existing || *existing) {
        return existing;
    }
    QByteArray fresh = crypto::randomBytes(crypto::kKeyBytes);
    auto insert = db.prepare("INSERT INTO case_keys (case_id, key) SELECT id, ?2 FROM cases WHERE reference = ?1");
    if (!insert) {
        wipe(fresh);
        return insert.error();
    }
    insert->bind(1, reference).bindBlob(2, fresh);
    auto inserted = insert->run();
    SecureBytes key = keyFrom(std::move(fresh));
    if (!inserted) {
        return inserted.error();
    }
    if (db.changes() == 0) {
        return std::optional<SecureBytes>();  // no case has this reference: nothing of a case to seal
    }
    return std::optional<SecureBytes>(std::move(key));
}

bool isSealed(const AuditEntry& e)
{
    return e.summary.size() == 1 && e.summary.contains(kSealedKey);
}

// Opens every sealed summary in `entries` with its case's key. The keys of the cases on the page are read once each,
// into one locked allocation.
Result<void> openDetails(sql::Connection& db, std::vector<AuditEntry>& entries)
{
    std::map<QString, std::size_t> keySlots;  // reference -> key slot; kNoKey when the case (and its key) is gone
    constexpr std::size_t kNoKey = std::numeric_limits<std::size_t>::max();
    for (const AuditEntry& e : entries) {
        if (isSealed(e)) {
            keySlots.emplace(e.entityId, kNoKey);
        }
    }
    if (keySlots.empty()) {
        return {};
    }
    SecureBytes keys(crypto::kKeyBytes * keySlots.size());
    {
        auto read = db.prepare(kReadCaseKey);
        if (!read) {
            return read.error();
        }
        std::size_t next = 0;
        for (auto& [reference, slot] : keySlots) {
            read->bind(1, reference);
            auto row = read->step();
            if (!row) {
                return row.error();
            }
            if (*row) {
                QByteArray stored = read->blob(0);
                if (stored.size() == static_cast<qsizetype>(crypto::kKeyBytes)) {
                    std::memcpy(keys.data() + next * crypto::kKeyBytes, stored.constData(), crypto::kKeyBytes);
                    slot = next++;
                }
                wipe(stored);
            }
            read->reset();
        }
    }
    for (AuditEntry& e : entries) {
        if (!isSealed(e)) {
            continue;
        }
        const std::size_t slot = keySlots.at(e.entityId);
        const QByteArray box = QByteArray::fromBase64(e.summary.value(kSealedKey).toString().toLatin1());
        e.summary = {};
        if (slot == kNoKey) {
            e.details = AuditEntry::Details::Erased;
            continue;
        }
        constexpr auto nonceBytes = static_cast<qsizetype>(crypto::kNonceBytes);
        const crypto::Sealed sealed{box.left(nonceBytes), box.mid(nonceBytes)};
        const auto plain = crypto::decryptBytes(keys.data() + slot * crypto::kKeyBytes, sealed,
                                                sealingContext(e.id, e.entityId));
        QJsonParseError parsed{};
        const QJsonDocument document = plain ? QJsonDocument::fromJson(*plain, &parsed) : QJsonDocument();
        if (!plain || parsed.error != QJsonParseError::NoError || !document.isObject()) {
            e.details = AuditEntry::Details::Damaged;
            continue;
        }
        e.summary = document.object();
        e.details = AuditEntry::Details::Opened;
    }
    return {};
}
}  // namespace

bool AuditLog::sealsDetails(const QString& action, const QString& entity)
{
    return entity == QLatin1String("case") && !action.startsWith(QLatin1String("erasure."))
        && !action.startsWith(QLatin1String("retention."));
}

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
                            compact(e.summary),
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
    if (!summary.isEmpty() && !entityId.isEmpty() && sealsDetails(action, entity)) {
        auto key = caseKeyForWriting(db, entityId);
        if (!key) {
            return key.error();
        }
        if (*key) {
            const crypto::Sealed sealed
                = crypto::encryptBytes(**key, compact(summary).toUtf8(), sealingContext(e.id, entityId));
            e.summary = QJsonObject{{kSealedKey, QString::fromLatin1(QByteArray(sealed.nonce + sealed.ciphertext).toBase64())}};
        }
    }
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
        .bind(7, compact(e.summary))
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
Result<std::vector<AuditEntry>> readEntries(sql::Connection& db, sql::Statement& stmt)
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
    if (auto opened = openDetails(db, entries); !opened) {
        return opened.error();
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
    return readEntries(db, *stmt);
}

Result<std::vector<AuditEntry>> AuditLog::listFor(sql::Connection& db, const QString& entity, const QString& entityId)
{
    auto stmt = db.prepare("SELECT id, at, username, action, entity, entity_id, summary, prev_hash, hash "
                           "FROM audit_log WHERE entity = ?1 AND entity_id = ?2 ORDER BY id");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, entity).bind(2, entityId);
    return readEntries(db, *stmt);
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
    auto entries = readEntries(db, *stmt);
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
            compact(e.summary) == summaryText;
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
