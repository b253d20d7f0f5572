#include "retention/RetentionService.h"

#include "cases/CaseService.h"
#include "store/Crypto.h"
#include "store/SqlText.h"
#include "store/Sqlite.h"
#include "store/Vault.h"
#include "therapy/TherapyTypes.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace claimdesk::core {

namespace {

using sql::dateFrom;
using sql::dateText;
using sql::isoUtc;
using sql::notNull;
using sql::utcFrom;

const QString kYearsAfterClosureKey = QStringLiteral("retention.yearsAfterClosure");
const QString kYearsAfterEighteenthKey = QStringLiteral("retention.yearsAfterEighteenth");
// The key of the tombstones' name hashes: random per vault, inside the encrypted database (not derived from the
// vault key, which an admin can rotate). "vault." settings are ClaimDesk's own: Vault::setSetting refuses them.
constexpr const char* kTombstoneKeySetting = "vault.tombstoneNameKey";
constexpr int kMaxWithinDays = 3650;

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

QString stageClosed()
{
    return stageId(Stage::Closed);
}

// A table name from sqlite_master, quoted as an SQL identifier (never user data).
QByteArray quotedIdentifier(const QString& name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return (QLatin1Char('"') + quoted + QLatin1Char('"')).toUtf8();
}

// Runs a statement that binds the case id as ?1 and returns how many rows it changed.
Result<int> runForCase(sql::Connection& db, const char* text, qint64 caseId)
{
    auto stmt = db.prepare(text);
    if (!stmt) {
        return stmt.error();
    }
    if (auto ran = stmt->bind(1, caseId).run(); !ran) {
        return ran.error();
    }
    return db.changes();
}

// The vault's tombstone key, created on first use (inside the caller's transaction).
Result<SecureBytes> tombstoneKey(sql::Connection& db, bool create)
{
    auto read = db.prepare("SELECT value FROM settings WHERE key = ?1");
    if (!read) {
        return read.error();
    }
    read->bind(1, kTombstoneKeySetting);
    auto row = read->step();
    if (!row) {
        return row.error();
    }
    QByteArray hex = *row ? read->text(0).toLatin1() : QByteArray();
    read->reset();
    if (hex.isEmpty()) {
        if (!create) {
            return SecureBytes();
        }
        QByteArray fresh = crypto::randomBytes(crypto::kKeyBytes);
        hex = fresh.toHex();
        wipe(fresh);
        auto insert = db.prepare("INSERT INTO settings (key, value) VALUES (?1, ?2)");
        if (!insert) {
            return insert.error();
        }
        if (auto ran = insert->bind(1, kTombstoneKeySetting).bind(2, QString::fromLatin1(hex)).run(); !ran) {
            return ran.error();
        }
    }
    QByteArray raw = QByteArray::fromHex(hex);
    SecureBytes key = SecureBytes::copyOf(reinterpret_cast<const unsigned char*>(raw.constData()),
                                          static_cast<std::size_t>(raw.size()));
    wipe(raw);
    wipe(hex);
    return key;
}

QStringList nameHashes(const SecureBytes& key, const QStringList& names)
{
    QStringList out;
    for (const QString& name : names) {
        for (const QString& form : tombstoneNameForms(name)) {
            const QString hash = QString::fromLatin1(crypto::keyedHash(key, form.toUtf8()).toHex());
            if (!out.contains(hash)) {
                out << hash;
            }
        }
    }
    return out;
}

bool hasCicaLimb(const QString& limbsJson)
{
    const QString cica = limbId(ClaimLimb::Cica);
    for (const QJsonValue& v : QJsonDocument::fromJson(limbsJson.toUtf8()).array()) {
        if (v.toString() == cica) {
            return true;
        }
    }
    return false;
}

// Therapy money still moving on the case: committed, payable or awaiting recovery. Erasing it would take the
// fund's figures with it, so the fund's accounting is finished first.
bool therapyStillOpen(const QString& statusText)
{
    const auto status = therapy::statusFromId(statusText);
    if (!status) {
        return true;  // unknown: do not guess
    }
    return therapy::commitsBudget(*status) || therapy::isPayable(*status)
        || *status == therapy::RequestStatus::Reconciled;
}

}  // namespace

RetentionService::RetentionService(Vault& vault, CaseService& cases) : m_vault(vault), m_cases(cases)
{
}

// --- Schema ------------------------------------------------------------------------------------------------------

Result<void> RetentionService::createSchema(sql::Connection& db)
{
    return db.exec(R"sql(
        -- Legal holds (DOMAIN §8: "legal hold flag blocks destruction"). A hold is lifted by filling released_*;
        -- at most one hold per case is active. Rows go with their case when it is erased.
        CREATE TABLE legal_holds (
            id             INTEGER PRIMARY KEY,
            case_id        INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            reason         TEXT NOT NULL,
            placed_by      TEXT NOT NULL,
            placed_at      TEXT NOT NULL,
            released_by    TEXT NOT NULL DEFAULT '',
            released_at    TEXT NOT NULL DEFAULT '',
            release_reason TEXT NOT NULL DEFAULT ''
        );
        CREATE UNIQUE INDEX legal_holds_active ON legal_holds (case_id) WHERE released_at = '';
        CREATE INDEX legal_holds_by_case ON legal_holds (case_id);
        -- The first half of a two-person erasure: one pending request per case.
        CREATE TABLE erasure_requests (
            case_id      INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
            reason       TEXT NOT NULL,
            requested_by TEXT NOT NULL,
            requested_at TEXT NOT NULL
        );
        -- What remains of an erased case (DOMAIN §8 "a minimal tombstone (ref, dates) for conflict checks"; issue 7
        -- "reference, dates, who erased it"). compacted_at: when VACUUM rewrote the file after the erasure.
        CREATE TABLE erased_cases (
            id           INTEGER PRIMARY KEY,
            reference    TEXT NOT NULL UNIQUE,
            opened_on    TEXT NOT NULL DEFAULT '',
            closed_on    TEXT NOT NULL DEFAULT '',
            requested_by TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            erased_by    TEXT NOT NULL,
            erased_at    TEXT NOT NULL,
            compacted_at TEXT NOT NULL DEFAULT ''
        );
        -- Keyed BLAKE2b hashes (hex) of the erased client's folded names (RetentionRules tombstoneNameForms): a
        -- conflict check finds the tombstone by an exact name, and nothing here reads back as a name.
        CREATE TABLE erased_case_names (
            erased_case_id INTEGER NOT NULL REFERENCES erased_cases (id),
            name_hash      TEXT NOT NULL,
            PRIMARY KEY (erased_case_id, name_hash)
        );
        CREATE INDEX erased_case_names_by_hash ON erased_case_names (name_hash);
    )sql");
}

// --- Policy ------------------------------------------------------------------------------------------------------

RetentionPolicy RetentionService::policy()
{
    RetentionPolicy p;
    auto read = [this](const QString& key, int fallback) {
        auto value = m_vault.setting(key);
        bool ok = false;
        const int years = value ? value->toInt(&ok) : 0;
        return ok && years >= RetentionPolicy::kMinimumYears && years <= RetentionPolicy::kMaximumYears ? years
                                                                                                        : fallback;
    };
    p.yearsAfterClosure = read(kYearsAfterClosureKey, RetentionPolicy::kDefaultYearsAfterClosure);
    p.yearsAfterEighteenth = read(kYearsAfterEighteenthKey, RetentionPolicy::kDefaultYearsAfterEighteenth);
    return p;
}

Result<void> RetentionService::setPolicy(const RetentionPolicy& policy)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready;
    }
    const Role role = m_vault.currentUser().role;
    if (role != Role::Supervisor && role != Role::Admin) {
        return refuse(QStringLiteral("change the retention periods"), QString(),
                      QStringLiteral("Only a supervisor or an admin can change the retention periods."));
    }
    if (const QString problem = policy.problem(); !problem.isEmpty()) {
        return invalid(problem);
    }
    if (auto set = m_vault.setSetting(kYearsAfterClosureKey, QString::number(policy.yearsAfterClosure)); !set) {
        return set;
    }
    return m_vault.setSetting(kYearsAfterEighteenthKey, QString::number(policy.yearsAfterEighteenth));
}

// --- Helpers -----------------------------------------------------------------------------------------------------

Error RetentionService::refuse(const QString& attempted, const QString& reference, const QString& message)
{
    auto tx = sql::Transaction::begin(m_vault.connection());
    // About one case: entity "case" (so the case's history shows it); the report: "report" "retention", as the firm
    // reports record theirs; the periods: the "setting" entity.
    const bool policyChange = attempted == QStringLiteral("change the retention periods");
    const QString entity = !reference.isEmpty() ? QStringLiteral("case")
        : policyChange                          ? QStringLiteral("setting")
                                                : QStringLiteral("report");
    const QString entityId = !reference.isEmpty() ? reference : QStringLiteral("retention");
    if (tx
        && m_vault.audit(QStringLiteral("permission.denied"), entity, entityId,
                         {{QStringLiteral("attempted"), attempted},
                          {QStringLiteral("role"), roleName(m_vault.currentUser().role)}})) {
        (void)tx->commit();
    }
    return makeError(ErrorCode::PermissionDenied, message);
}

Result<void> RetentionService::requireSupervisor(const QString& attempted, const QString& reference)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready;
    }
    const Role role = m_vault.currentUser().role;
    if (role != Role::Supervisor) {
        return refuse(
            attempted, reference,
            QStringLiteral("Only a supervisor can %1. You are signed in as %2.").arg(attempted, roleName(role)));
    }
    return {};
}

Result<void> RetentionService::checkReason(const QString& reason, const QString& clientFullName,
                                           const QString& clientPreferredName, const QStringList& clientFormerNames)
{
    if (reason.trimmed().size() < kRetentionMinReason) {
        return invalid(QStringLiteral("Give the reason in a few words (at least %1 characters): it stays in the audit "
                                      "trail.")
                           .arg(kRetentionMinReason));
    }
    if (reasonNamesClient(reason, clientFullName, clientPreferredName, clientFormerNames)) {
        return invalid(
            QStringLiteral("Do not name the client in the reason: it stays in the audit trail after the case "
                           "is erased. Write, for example, \"retention period over, file reviewed\"."));
    }
    return {};
}

Result<qint64> RetentionService::caseIdOf(const QString& reference)
{
    auto stmt = m_vault.connection().prepare("SELECT id FROM cases WHERE reference = ?1 COLLATE NOCASE");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, reference.trimmed());
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        auto erased = erasedCase(reference);
        if (erased && erased->has_value()) {
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("%1 was erased on %2 (approved by %3).")
                    .arg((*erased)->reference, reports::ukDateTime((*erased)->erasedAtUtc), (*erased)->erasedBy));
        }
        return makeError(ErrorCode::NotFound, QStringLiteral("There is no case %1.").arg(reference.trimmed()));
    }
    return stmt->int64(0);
}

// --- Reading -----------------------------------------------------------------------------------------------------

namespace {

struct RowReadContext {
    RetentionPolicy policy;
    QDate asOf;
    QString me;
};

// Reads the rows: every closed case and every case with an erasure request, or just `onlyCaseId`.
Result<std::vector<RetentionRow>> readRows(sql::Connection& db, const RowReadContext& ctx, qint64 onlyCaseId)
{
    QHash<qint64, RetentionRow> holds;
    {
        auto stmt = db.prepare("SELECT case_id, reason, placed_by, placed_at FROM legal_holds WHERE released_at = ''");
        if (!stmt) {
            return stmt.error();
        }
        while (true) {
            auto row = stmt->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            RetentionRow& r = holds[stmt->int64(0)];
            r.onHold = true;
            r.holdReason = stmt->text(1);
            r.holdBy = stmt->text(2);
            r.holdAtUtc = utcFrom(stmt->text(3));
        }
    }
    QHash<qint64, RetentionRow> requests;
    {
        auto stmt = db.prepare("SELECT case_id, reason, requested_by, requested_at FROM erasure_requests");
        if (!stmt) {
            return stmt.error();
        }
        while (true) {
            auto row = stmt->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            RetentionRow& r = requests[stmt->int64(0)];
            r.erasureRequested = true;
            r.requestReason = stmt->text(1);
            r.requestedBy = stmt->text(2);
            r.requestedAtUtc = utcFrom(stmt->text(3));
            r.approvableFromUtc = r.requestedAtUtc.addSecs(kErasureWaitSeconds);
        }
    }
    // A restricted case the user is not on (fee earner, supervisor, named) shows without the hold's reason; acting
    // on it goes through CaseService, which also honours break-glass grants.
    auto stmt = db.prepare(
        "SELECT c.id, c.reference, c.stage, c.closed_on, c.limbs, c.restricted, c.fee_earner, c.supervisor, "
        "cl.date_of_birth, cl.capacity_concern, "
        "EXISTS (SELECT 1 FROM case_access a WHERE a.case_id = c.id AND a.username = ?1) "
        "FROM cases c JOIN clients cl ON cl.id = c.client_id "
        "WHERE (?2 = 0 AND (c.stage = ?3 OR c.id IN (SELECT case_id FROM erasure_requests))) OR c.id = ?2");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, ctx.me).bind(2, onlyCaseId).bind(3, stageClosed());
    std::vector<RetentionRow> rows;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        RetentionRow r;
        r.caseId = stmt->int64(0);
        r.reference = stmt->text(1);
        const bool closed = stmt->text(2) == stageClosed();
        r.closedOn = dateFrom(stmt->text(3));
        const bool restricted = stmt->int64(5) != 0;
        const bool mine = stmt->text(6) == ctx.me || stmt->text(7) == ctx.me || stmt->int64(10) != 0;
        r.restricted = restricted && !mine;
        RetentionFacts facts;
        facts.closed = closed;
        facts.closedOn = r.closedOn;
        facts.dateOfBirth = dateFrom(stmt->text(8));
        facts.capacityConcern = stmt->int64(9) != 0;
        facts.cica = hasCicaLimb(stmt->text(4));
        r.decision = destroyReviewDate(facts, ctx.policy);
        if (closed) {
            r.due = !r.decision.listFrom.isValid() || r.decision.listFrom <= ctx.asOf;
        }
        if (auto h = holds.constFind(r.caseId); h != holds.constEnd()) {
            r.onHold = true;
            r.holdReason = h->holdReason;
            r.holdBy = h->holdBy;
            r.holdAtUtc = h->holdAtUtc;
        }
        if (auto q = requests.constFind(r.caseId); q != requests.constEnd()) {
            r.erasureRequested = true;
            r.requestReason = q->requestReason;
            r.requestedBy = q->requestedBy;
            r.requestedAtUtc = q->requestedAtUtc;
            r.approvableFromUtc = q->approvableFromUtc;
        }
        if (r.restricted) {
            r.holdReason.clear();
            r.requestReason.clear();
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

}  // namespace

Result<std::vector<RetentionRow>> RetentionService::due(const QDate& asOf, int withinDays)
{
    if (auto allowed = requireSupervisor(QStringLiteral("read the retention report"), QString()); !allowed) {
        return allowed.error();
    }
    if (!asOf.isValid()) {
        return invalid(QStringLiteral("Give the date the report is as of."));
    }
    if (withinDays < 0 || withinDays > kMaxWithinDays) {
        return invalid(QStringLiteral("Look ahead 0 to %1 days.").arg(kMaxWithinDays));
    }
    const RetentionPolicy p = policy();
    auto all = readRows(m_vault.connection(), {p, asOf, m_vault.currentUser().username}, 0);
    if (!all) {
        return all.error();
    }
    const QDate horizon = asOf.addDays(withinDays);
    std::vector<RetentionRow> out;
    for (RetentionRow& r : *all) {
        const bool closed = r.decision.basis != ReviewBasis::NotClosed;
        const bool inWindow = closed && (!r.decision.listFrom.isValid() || r.decision.listFrom <= horizon);
        if (inWindow || r.erasureRequested) {
            out.push_back(std::move(r));
        }
    }
    std::sort(out.begin(), out.end(), [](const RetentionRow& a, const RetentionRow& b) {
        const QDate& da = a.decision.listFrom;
        const QDate& db = b.decision.listFrom;
        if (da.isValid() != db.isValid()) {
            return !da.isValid();  // undated manual reviews first
        }
        if (da != db) {
            return da < db;
        }
        return a.reference < b.reference;
    });
    return out;
}

Result<RetentionRow> RetentionService::status(const QString& reference, const QDate& asOf)
{
    if (auto allowed = requireSupervisor(QStringLiteral("read the retention report"), reference); !allowed) {
        return allowed.error();
    }
    auto id = caseIdOf(reference);
    if (!id) {
        return id.error();
    }
    const RetentionPolicy p = policy();
    auto rows = readRows(m_vault.connection(), {p, asOf, m_vault.currentUser().username}, *id);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("There is no case %1.").arg(reference));
    }
    return std::move(rows->front());
}

Result<reports::Document> RetentionService::document(const QDate& asOf, int withinDays)
{
    auto rows = due(asOf, withinDays);
    if (!rows) {
        return rows.error();
    }
    RetentionReportHeader header;
    header.asOf = asOf;
    header.withinDays = withinDays;
    header.policy = policy();
    if (auto firm = m_vault.setting(QStringLiteral("firm.name"))) {
        header.firmName = firm->trimmed();
    }
    header.printedBy = m_vault.currentUser().displayName;
    header.printedAtUtc = m_vault.now();
    return retentionDocument(*rows, header);
}

// --- Legal hold --------------------------------------------------------------------------------------------------

Result<CaseRecord> RetentionService::caseForAction(const QString& attempted, const QString& reference,
                                                   const QString& reason)
{
    if (auto allowed = requireSupervisor(attempted, reference); !allowed) {
        return allowed.error();
    }
    auto id = caseIdOf(reference);
    if (!id) {
        return id.error();
    }
    auto record = m_cases.load(*id);  // restricted cases: refused and recorded there
    if (!record) {
        return record.error();
    }
    if (auto ok = checkReason(reason, record->client.fullName, record->client.preferredName, record->client.formerNames);
        !ok) {
        return ok.error();
    }
    return record;
}

Result<void> RetentionService::placeHold(const QString& reference, const QString& reason)
{
    auto record = caseForAction(QStringLiteral("put a case on legal hold"), reference, reason);
    if (!record) {
        return record.error();
    }
    const qint64 caseId = record->id;
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    {
        auto held = db.prepare("SELECT placed_by FROM legal_holds WHERE case_id = ?1 AND released_at = ''");
        if (!held) {
            return held.error();
        }
        held->bind(1, caseId);
        auto row = held->step();
        if (!row) {
            return row.error();
        }
        if (*row) {
            return invalid(
                QStringLiteral("%1 is already on legal hold (placed by %2).").arg(record->reference, held->text(0)));
        }
    }
    auto insert = db.prepare("INSERT INTO legal_holds (case_id, reason, placed_by, placed_at) VALUES (?1, ?2, ?3, ?4)");
    if (!insert) {
        return insert.error();
    }
    if (auto ran = insert->bind(1, caseId)
                       .bind(2, reason.trimmed())
                       .bind(3, m_vault.currentUser().username)
                       .bind(4, isoUtc(m_vault.now()))
                       .run();
        !ran) {
        return ran;
    }
    if (auto logged = m_vault.audit(QStringLiteral("retention.hold"), QStringLiteral("case"), record->reference,
                                    {{QStringLiteral("reason"), reason.trimmed()}});
        !logged) {
        return logged;
    }
    return tx->commit();
}

Result<void> RetentionService::releaseHold(const QString& reference, const QString& reason)
{
    auto record = caseForAction(QStringLiteral("lift a legal hold"), reference, reason);
    if (!record) {
        return record.error();
    }
    const qint64 caseId = record->id;
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    QString heldBy;
    QString heldSince;
    {
        auto held = db.prepare("SELECT placed_by, placed_at FROM legal_holds WHERE case_id = ?1 AND released_at = ''");
        if (!held) {
            return held.error();
        }
        held->bind(1, caseId);
        auto row = held->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return invalid(QStringLiteral("%1 is not on legal hold.").arg(record->reference));
        }
        heldBy = held->text(0);
        heldSince = held->text(1);
    }
    auto update = db.prepare("UPDATE legal_holds SET released_by = ?1, released_at = ?2, release_reason = ?3 "
                             "WHERE case_id = ?4 AND released_at = ''");
    if (!update) {
        return update.error();
    }
    if (auto ran = update->bind(1, m_vault.currentUser().username)
                       .bind(2, isoUtc(m_vault.now()))
                       .bind(3, reason.trimmed())
                       .bind(4, caseId)
                       .run();
        !ran) {
        return ran;
    }
    if (auto logged = m_vault.audit(QStringLiteral("retention.release"), QStringLiteral("case"), record->reference,
                                    {{QStringLiteral("reason"), reason.trimmed()},
                                     {QStringLiteral("heldBy"), heldBy},
                                     {QStringLiteral("heldSince"), heldSince}});
        !logged) {
        return logged;
    }
    return tx->commit();
}

// --- Erasure -----------------------------------------------------------------------------------------------------

Result<void> RetentionService::requestErasure(const QString& reference, const QString& reason)
{
    auto record = caseForAction(QStringLiteral("ask for a case to be erased"), reference, reason);
    if (!record) {
        return record.error();
    }
    const qint64 caseId = record->id;
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    const RetentionPolicy p = policy();
    const QDate today = m_vault.now().toLocalTime().date();
    auto rows = readRows(db, {p, today, m_vault.currentUser().username}, caseId);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("There is no case %1.").arg(reference));
    }
    RetentionRow row = rows->front();
    row.restricted = false;  // CaseService::load let this user open it
    if (const QString no = requestRefusal(row, m_vault.currentUser().role); !no.isEmpty()) {
        return invalid(no);
    }
    const QDateTime now = m_vault.now();
    auto insert = db.prepare(
        "INSERT INTO erasure_requests (case_id, reason, requested_by, requested_at) VALUES (?1, ?2, ?3, ?4)");
    if (!insert) {
        return insert.error();
    }
    if (auto ran = insert->bind(1, caseId)
                       .bind(2, reason.trimmed())
                       .bind(3, m_vault.currentUser().username)
                       .bind(4, isoUtc(now))
                       .run();
        !ran) {
        return ran;
    }
    const RetentionDecision& d = row.decision;
    if (auto logged
        = m_vault.audit(QStringLiteral("erasure.request"), QStringLiteral("case"), record->reference,
                        {{QStringLiteral("reason"), reason.trimmed()},
                         {QStringLiteral("reviewOn"), dateText(d.reviewOn)},
                         {QStringLiteral("basis"), reviewBasisId(d.basis)},
                         // Before its destroy-review date (or a manual review): erasure at the client's request, say.
                         {QStringLiteral("beforeReviewDate"), !d.reviewOn.isValid() || d.reviewOn > today},
                         {QStringLiteral("approvableFrom"), isoUtc(now.addSecs(kErasureWaitSeconds))}});
        !logged) {
        return logged;
    }
    return tx->commit();
}

Result<void> RetentionService::withdrawErasure(const QString& reference, const QString& reason)
{
    auto record = caseForAction(QStringLiteral("withdraw an erasure request"), reference, reason);
    if (!record) {
        return record.error();
    }
    const qint64 caseId = record->id;
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    QString requestedBy;
    {
        auto read = db.prepare("SELECT requested_by FROM erasure_requests WHERE case_id = ?1");
        if (!read) {
            return read.error();
        }
        read->bind(1, caseId);
        auto row = read->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return invalid(QStringLiteral("No one has asked for %1 to be erased.").arg(record->reference));
        }
        requestedBy = read->text(0);
    }
    if (auto removed = runForCase(db, "DELETE FROM erasure_requests WHERE case_id = ?1", caseId); !removed) {
        return removed.error();
    }
    if (auto logged
        = m_vault.audit(QStringLiteral("erasure.withdraw"), QStringLiteral("case"), record->reference,
                        {{QStringLiteral("reason"), reason.trimmed()}, {QStringLiteral("requestedBy"), requestedBy}});
        !logged) {
        return logged;
    }
    return tx->commit();
}

namespace {

// Restores the connection's secure_delete setting when the erasure is over (it slows every other delete).
class SecureDeleteScope {
public:
    explicit SecureDeleteScope(sql::Connection& db) : m_db(db)
    {
        auto before = db.scalarInt("PRAGMA secure_delete");
        m_before = before ? *before : 0;
        auto now = db.scalarInt("PRAGMA secure_delete = ON");
        m_on = now && *now == 1;
    }
    ~SecureDeleteScope()
    {
        if (m_before == 0 && m_db.isOpen()) {
            (void)m_db.scalarInt("PRAGMA secure_delete = OFF");
        }
    }
    SecureDeleteScope(const SecureDeleteScope&) = delete;
    SecureDeleteScope& operator=(const SecureDeleteScope&) = delete;
    bool isOn() const { return m_on; }

private:
    sql::Connection& m_db;
    qint64 m_before = 0;
    bool m_on = false;
};

struct CaseFacts {
    qint64 clientId = 0;
    QString reference;
    QString stage;
    QDate openedOn;
    QDate closedOn;
    QStringList clientNames;
};

Result<CaseFacts> readCaseFacts(sql::Connection& db, qint64 caseId)
{
    auto stmt = db.prepare("SELECT c.client_id, c.reference, c.stage, c.opened_on, c.closed_on, cl.full_name, "
                           "cl.preferred_name, cl.former_names FROM cases c JOIN clients cl ON cl.id = c.client_id "
                           "WHERE c.id = ?1");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, caseId);
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That case no longer exists."));
    }
    CaseFacts f;
    f.clientId = stmt->int64(0);
    f.reference = stmt->text(1);
    f.stage = stmt->text(2);
    f.openedOn = dateFrom(stmt->text(3));
    f.closedOn = dateFrom(stmt->text(4));
    f.clientNames << stmt->text(5);
    if (!stmt->text(6).isEmpty()) {
        f.clientNames << stmt->text(6);
    }
    for (const QJsonValue& v : QJsonDocument::fromJson(stmt->text(7).toUtf8()).array()) {
        f.clientNames << v.toString();
    }
    return f;
}

// Every row about the case, children first (foreign keys are on). Returns rows deleted per table.
Result<QJsonObject> deleteCaseRows(sql::Connection& db, qint64 caseId, qint64 clientId, const QString& reference)
{
    QJsonObject counts;
    auto count = [&counts](const QString& table, int n) {
        if (n > 0) {
            counts.insert(table, counts.value(table).toInt() + n);
        }
    };
    // Rows that hang off the case's rows rather than the case: therapy payments, invoices, sessions and decisions
    // (off its requests), and reminder acknowledgments (off its deadlines).
    const struct {
        const char* table;
        const char* sql;
    } firstSteps[] = {
        {"therapy_payments",
         "DELETE FROM therapy_payments WHERE request_id IN (SELECT id FROM therapy_requests WHERE case_id = ?1)"},
        {"therapy_invoices",
         "DELETE FROM therapy_invoices WHERE request_id IN (SELECT id FROM therapy_requests WHERE case_id = ?1)"},
        {"therapy_sessions",
         "DELETE FROM therapy_sessions WHERE request_id IN (SELECT id FROM therapy_requests WHERE case_id = ?1)"},
        {"therapy_decisions",
         "DELETE FROM therapy_decisions WHERE request_id IN (SELECT id FROM therapy_requests WHERE case_id = ?1)"},
        {"therapy_requests", "DELETE FROM therapy_requests WHERE case_id = ?1"},
        {"reminder_acks",
         "DELETE FROM reminder_acks WHERE deadline_id IN (SELECT id FROM deadlines WHERE case_id = ?1)"},
    };
    for (const auto& step : firstSteps) {
        auto n = runForCase(db, step.sql, caseId);
        if (!n) {
            return n.error();
        }
        count(QString::fromLatin1(step.table), *n);
    }
    // The parties the case used: deleted below unless another case uses them too.
    std::vector<qint64> partyIds;
    {
        auto parties = db.prepare("SELECT DISTINCT party_id FROM case_parties WHERE case_id = ?1");
        if (!parties) {
            return parties.error();
        }
        parties->bind(1, caseId);
        while (true) {
            auto row = parties->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            partyIds.push_back(parties->int64(0));
        }
    }
    // Every other table with a case_id column: incidents, notes, tasks, case_parties, case_access, conflict_checks,
    // case_events, deadlines, case_deadline_state, limitation_signoffs, legal_holds, erasure_requests,
    // break_glass_grants, and whatever a later migration adds. Intake drafts have no link to a case (a draft is
    // deleted when its case is created), so there is none to delete.
    QStringList tables;
    {
        auto list = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                               "AND name <> 'cases' ORDER BY name");
        if (!list) {
            return list.error();
        }
        while (true) {
            auto row = list->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            tables << list->text(0);
        }
    }
    for (const QString& table : tables) {
        const QByteArray info = "PRAGMA table_info(" + quotedIdentifier(table) + ")";
        auto columns = db.prepare(info.constData());
        if (!columns) {
            return columns.error();
        }
        bool hasCaseId = false;
        while (true) {
            auto row = columns->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            hasCaseId = hasCaseId || columns->text(1) == QStringLiteral("case_id");
        }
        if (!hasCaseId) {
            continue;
        }
        const QByteArray del = "DELETE FROM " + quotedIdentifier(table) + " WHERE case_id = ?1";
        auto n = runForCase(db, del.constData(), caseId);
        if (!n) {
            return n.error();
        }
        count(table, *n);
    }
    if (auto n = runForCase(db, "DELETE FROM case_search WHERE docid = ?1", caseId); !n) {
        return n.error();
    } else {
        count(QStringLiteral("case_search"), *n);
    }
    if (auto n = runForCase(db, "DELETE FROM cases WHERE id = ?1", caseId); !n) {
        return n.error();
    } else {
        count(QStringLiteral("cases"), *n);
    }
    if (auto n
        = runForCase(db, "DELETE FROM clients WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM cases WHERE client_id = ?1)",
                     clientId);
        !n) {
        return n.error();
    } else {
        count(QStringLiteral("clients"), *n);
    }
    for (qint64 partyId : partyIds) {
        auto n = runForCase(
            db, "DELETE FROM parties WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM case_parties WHERE party_id = ?1)",
            partyId);
        if (!n) {
            return n.error();
        }
        count(QStringLiteral("parties"), *n);
    }
    // Other cases' conflict checks that found this case keep the match, but not the erased client's or party's name.
    {
        auto checks = db.prepare("SELECT id, result FROM conflict_checks WHERE instr(result, ?1) > 0");
        if (!checks) {
            return checks.error();
        }
        checks->bind(1, reference);
        std::vector<std::pair<qint64, QString>> rewritten;
        while (true) {
            auto row = checks->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            QJsonArray result = QJsonDocument::fromJson(checks->text(1).toUtf8()).array();
            bool changed = false;
            for (qsizetype i = 0; i < result.size(); ++i) {
                QJsonObject match = result.at(i).toObject();
                if (match.value(QStringLiteral("caseReference")).toString() == reference) {
                    match.insert(QStringLiteral("name"), QString());
                    match.insert(QStringLiteral("reasons"),
                                 QJsonArray {QStringLiteral("erased case %1").arg(reference)});
                    match.insert(QStringLiteral("erased"), true);
                    result.replace(i, match);
                    changed = true;
                }
            }
            if (changed) {
                rewritten.emplace_back(checks->int64(0),
                                       QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)));
            }
        }
        checks->reset();
        for (const auto& [id, text] : rewritten) {
            auto update = db.prepare("UPDATE conflict_checks SET result = ?1 WHERE id = ?2");
            if (!update) {
                return update.error();
            }
            if (auto ran = update->bind(1, text).bind(2, id).run(); !ran) {
                return ran.error();
            }
        }
        if (!rewritten.empty()) {
            counts.insert(QStringLiteral("otherConflictChecksScrubbed"), static_cast<int>(rewritten.size()));
        }
    }
    // FTS4 deletes by adding "deleted" markers in new segments: the old segments keep the words until a merge.
    // 'optimize' merges every segment into one, which drops them.
    if (auto merged = db.exec("INSERT INTO case_search (case_search) VALUES ('optimize')"); !merged) {
        return merged.error();
    }
    return counts;
}

struct TombstoneSigners {
    QString requestedBy;
    QDateTime requestedAtUtc;
    QString erasedBy;
    QDateTime erasedAtUtc;
};

// Inside the caller's transaction, with secure_delete on: the tombstone (reference, dates, who asked and who approved,
// and the client's names as keyed hashes), then every row about the case. Returns the rows deleted per table.
Result<QJsonObject> tombstoneAndDelete(sql::Connection& db, qint64 caseId, const CaseFacts& facts,
                                       const TombstoneSigners& signers)
{
    auto key = tombstoneKey(db, true);
    if (!key) {
        return key.error();
    }
    auto tombstone = db.prepare("INSERT INTO erased_cases (reference, opened_on, closed_on, requested_by, "
                                "requested_at, erased_by, erased_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!tombstone) {
        return tombstone.error();
    }
    if (auto ran = tombstone->bind(1, facts.reference)
                       .bind(2, notNull(dateText(facts.openedOn)))
                       .bind(3, notNull(dateText(facts.closedOn)))
                       .bind(4, signers.requestedBy)
                       .bind(5, isoUtc(signers.requestedAtUtc))
                       .bind(6, signers.erasedBy)
                       .bind(7, isoUtc(signers.erasedAtUtc))
                       .run();
        !ran) {
        return ran.error();
    }
    const qint64 tombstoneId = db.lastInsertRowId();
    for (const QString& hash : nameHashes(*key, facts.clientNames)) {
        auto insert = db.prepare("INSERT INTO erased_case_names (erased_case_id, name_hash) VALUES (?1, ?2)");
        if (!insert) {
            return insert.error();
        }
        if (auto ran = insert->bind(1, tombstoneId).bind(2, hash).run(); !ran) {
            return ran.error();
        }
    }
    return deleteCaseRows(db, caseId, facts.clientId, facts.reference);
}

}  // namespace

Result<ErasureReceipt> RetentionService::approveErasure(const QString& reference)
{
    if (auto allowed = requireSupervisor(QStringLiteral("approve an erasure"), reference); !allowed) {
        return allowed.error();
    }
    if (auto erased = erasedCase(reference); !erased) {
        return erased.error();
    } else if (erased->has_value()) {
        const ErasedCase& e = **erased;
        auto compactedAt = m_vault.connection().prepare("SELECT compacted_at FROM erased_cases WHERE reference = ?1");
        if (!compactedAt) {
            return compactedAt.error();
        }
        compactedAt->bind(1, e.reference);
        auto row = compactedAt->step();
        if (!row) {
            return row.error();
        }
        const bool compacted = *row && !compactedAt->text(0).isEmpty();
        compactedAt->reset();
        if (compacted) {
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("%1 was already erased on %2 (approved by %3).")
                                 .arg(e.reference, reports::ukDateTime(e.erasedAtUtc), e.erasedBy));
        }
        return compact({e.reference});  // the erasure is done; its VACUUM had failed
    }
    auto id = caseIdOf(reference);
    if (!id) {
        return id.error();
    }
    auto record = m_cases.load(*id);  // restriction: refused and recorded there
    if (!record) {
        return record.error();
    }
    const QString me = m_vault.currentUser().username;
    sql::Connection& db = m_vault.connection();
    // Four eyes: refused (and recorded) before anything is written.
    {
        auto request = db.prepare("SELECT requested_by FROM erasure_requests WHERE case_id = ?1");
        if (!request) {
            return request.error();
        }
        request->bind(1, *id);
        auto row = request->step();
        if (!row) {
            return row.error();
        }
        const bool own = *row && request->text(0) == me;
        request->reset();
        if (own) {
            return refuse(QStringLiteral("approve an erasure they asked for"), record->reference,
                          QStringLiteral("You asked for %1 to be erased: another supervisor must approve it.")
                              .arg(record->reference));
        }
    }

    ErasureReceipt receipt;
    {
        SecureDeleteScope secureDelete(db);
        if (!secureDelete.isOn()) {
            return makeError(ErrorCode::Internal,
                             QStringLiteral("SQLCipher's secure delete could not be turned on, so "
                                            "nothing was erased."));
        }
        auto tx = sql::Transaction::begin(db);
        if (!tx) {
            return tx.error();
        }
        // Everything checked again under the write lock: a hold or a reopening by someone else in the meantime wins.
        const QDateTime now = m_vault.now();
        auto rows = readRows(db, {policy(), now.toLocalTime().date(), me}, *id);
        if (!rows) {
            return rows.error();
        }
        if (rows->empty()) {
            return makeError(ErrorCode::NotFound, QStringLiteral("That case no longer exists."));
        }
        RetentionRow row = rows->front();
        row.restricted = false;  // CaseService::load let this user open it
        if (const QString no = approvalRefusal(row, me, m_vault.currentUser().role, now); !no.isEmpty()) {
            return invalid(no);
        }
        {
            auto therapy = db.prepare("SELECT status FROM therapy_requests WHERE case_id = ?1");
            if (!therapy) {
                return therapy.error();
            }
            therapy->bind(1, *id);
            while (true) {
                auto t = therapy->step();
                if (!t) {
                    return t.error();
                }
                if (!*t) {
                    break;
                }
                if (therapyStillOpen(therapy->text(0))) {
                    return invalid(
                        QStringLiteral("%1 has a therapy-fund request whose money is still committed, payable "
                                       "or awaiting recovery: close it in the therapy fund first.")
                            .arg(row.reference));
                }
            }
        }
        auto facts = readCaseFacts(db, *id);
        if (!facts) {
            return facts.error();
        }
        auto counts = tombstoneAndDelete(db, *id, *facts, {row.requestedBy, row.requestedAtUtc, me, now});
        if (!counts) {
            return counts.error();
        }
        int total = 0;
        for (auto it = counts->begin(); it != counts->end(); ++it) {
            total += it.key() == QStringLiteral("otherConflictChecksScrubbed") ? 0 : it.value().toInt();
        }
        // The event, not the data: who asked, when, and how many rows of each kind went.
        if (auto logged
            = m_vault.audit(QStringLiteral("erasure.approve"), QStringLiteral("case"), facts->reference,
                            {{QStringLiteral("requestedBy"), row.requestedBy},
                             {QStringLiteral("requestedAt"), isoUtc(row.requestedAtUtc)},
                             {QStringLiteral("rowsDeleted"), *counts},
                             {QStringLiteral("clientKept"), counts->value(QStringLiteral("clients")).toInt() == 0},
                             // DOMAIN §8: destruction is logged with what, when, who and the method.
                             {QStringLiteral("method"),
                              QStringLiteral("SQLCipher secure_delete; search index merged; VACUUM next")}});
            !logged) {
            return logged.error();
        }
        if (auto committed = tx->commit(); !committed) {
            return committed.error();
        }
        receipt.reference = facts->reference;
        receipt.erasedAtUtc = now;
        receipt.rowsDeleted = total;
        auto compacted = compact({facts->reference});
        if (!compacted) {
            return compacted.error();
        }
        receipt.compacted = compacted->compacted;
        receipt.compactProblem = compacted->compactProblem;
    }
    return receipt;
}

Result<ErasureReceipt> RetentionService::compact(const QStringList& references)
{
    ErasureReceipt receipt;
    receipt.reference = references.value(0);
    sql::Connection& db = m_vault.connection();
    // Outside any transaction: VACUUM rebuilds the whole file, so pages freed by the erasure are not kept.
    if (auto vacuumed = db.exec("VACUUM"); !vacuumed) {
        receipt.compacted = false;
        receipt.compactProblem
            = QStringLiteral("The case was erased, but the vault file could not be rewritten yet (%1). Its data is "
                             "already deleted and overwritten; when nobody else has the vault open, approve %2 again "
                             "to finish.")
                  .arg(vacuumed.error().message, receipt.reference);
        return receipt;
    }
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    for (const QString& reference : references) {
        auto mark = db.prepare("UPDATE erased_cases SET compacted_at = ?1 WHERE reference = ?2");
        if (!mark) {
            return mark.error();
        }
        if (auto ran = mark->bind(1, isoUtc(m_vault.now())).bind(2, reference).run(); !ran) {
            return ran.error();
        }
        if (auto logged = m_vault.audit(QStringLiteral("erasure.compact"), QStringLiteral("case"), reference,
                                        {{QStringLiteral("method"), QStringLiteral("VACUUM")}});
            !logged) {
            return logged.error();
        }
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    receipt.compacted = true;
    return receipt;
}

// --- Tombstones --------------------------------------------------------------------------------------------------

namespace {
ErasedCase erasedFrom(const sql::Statement& stmt)
{
    ErasedCase e;
    e.reference = stmt.text(0);
    e.openedOn = dateFrom(stmt.text(1));
    e.closedOn = dateFrom(stmt.text(2));
    e.requestedBy = stmt.text(3);
    e.requestedAtUtc = utcFrom(stmt.text(4));
    e.erasedBy = stmt.text(5);
    e.erasedAtUtc = utcFrom(stmt.text(6));
    return e;
}
}  // namespace

Result<std::optional<ErasedCase>> RetentionService::erasedCase(const QString& reference)
{
    auto stmt
        = m_vault.connection().prepare("SELECT reference, opened_on, closed_on, requested_by, requested_at, "
                                       "erased_by, erased_at FROM erased_cases WHERE reference = ?1 COLLATE NOCASE");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, reference.trimmed());
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return std::optional<ErasedCase>();
    }
    return std::optional<ErasedCase>(erasedFrom(*stmt));
}

Result<std::vector<ErasedCase>> RetentionService::erasedCasesNamed(sql::Connection& db, const QString& name)
{
    std::vector<ErasedCase> out;
    auto key = tombstoneKey(db, false);
    if (!key) {
        return key.error();
    }
    if (key->empty()) {
        return out;  // nothing was ever erased
    }
    QSet<QString> seen;
    for (const QString& hash : nameHashes(*key, {name})) {
        auto stmt = db.prepare("SELECT e.reference, e.opened_on, e.closed_on, e.requested_by, e.requested_at, "
                               "e.erased_by, e.erased_at FROM erased_case_names n "
                               "JOIN erased_cases e ON e.id = n.erased_case_id WHERE n.name_hash = ?1");
        if (!stmt) {
            return stmt.error();
        }
        stmt->bind(1, hash);
        while (true) {
            auto row = stmt->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            ErasedCase e = erasedFrom(*stmt);
            if (!seen.contains(e.reference)) {
                seen.insert(e.reference);
                out.push_back(std::move(e));
            }
        }
    }
    return out;
}

// --- The erasure register (backups made before an erasure) ------------------------------------------------------

namespace {
constexpr char kRegisterContext[9] = "erasereg";

QByteArray registerBody(const QJsonObject& withoutTag)
{
    return QJsonDocument(withoutTag).toJson(QJsonDocument::Compact);
}

QJsonObject erasedJson(const ErasedCase& e)
{
    return {{QStringLiteral("reference"), e.reference},
            {QStringLiteral("openedOn"), dateText(e.openedOn)},
            {QStringLiteral("closedOn"), dateText(e.closedOn)},
            {QStringLiteral("requestedBy"), e.requestedBy},
            {QStringLiteral("requestedAt"), isoUtc(e.requestedAtUtc)},
            {QStringLiteral("erasedBy"), e.erasedBy},
            {QStringLiteral("erasedAt"), isoUtc(e.erasedAtUtc)}};
}
}  // namespace

Result<QByteArray> RetentionService::erasureRegister()
{
    if (auto allowed = requireSupervisor(QStringLiteral("export the erasure register"), QString()); !allowed) {
        return allowed.error();
    }
    sql::Connection& db = m_vault.connection();
    auto stmt = db.prepare("SELECT reference, opened_on, closed_on, requested_by, requested_at, erased_by, erased_at "
                           "FROM erased_cases ORDER BY erased_at, reference");
    if (!stmt) {
        return stmt.error();
    }
    QJsonArray erased;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        erased.append(erasedJson(erasedFrom(*stmt)));
    }
    QJsonObject document {{QStringLiteral("format"), QString::fromLatin1(kRegisterFormat)},
                          {QStringLiteral("version"), 1},
                          {QStringLiteral("vaultId"), m_vault.vaultId()},
                          {QStringLiteral("writtenAt"), isoUtc(m_vault.now())},
                          {QStringLiteral("writtenBy"), m_vault.currentUser().username},
                          {QStringLiteral("erased"), erased}};
    const QByteArray tag = m_vault.authenticationTag(kRegisterContext, registerBody(document));
    document.insert(QStringLiteral("tag"), QString::fromLatin1(tag.toHex()));
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    if (auto logged = m_vault.audit(QStringLiteral("erasure.register"), QStringLiteral("vault"), m_vault.vaultId(),
                                    {{QStringLiteral("cases"), erased.size()}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

Result<std::vector<ReappliedErasure>> RetentionService::reapplyErasures(const QByteArray& registerJson)
{
    if (auto allowed = requireSupervisor(QStringLiteral("re-apply erasures"), QString()); !allowed) {
        return allowed.error();
    }
    QJsonParseError parsed {};
    QJsonObject document = QJsonDocument::fromJson(registerJson, &parsed).object();
    if (parsed.error != QJsonParseError::NoError
        || document.value(QStringLiteral("format")).toString() != QString::fromLatin1(kRegisterFormat)) {
        return invalid(QStringLiteral("This is not a ClaimDesk erasure register. Export one from the live vault "
                                      "(erasure register) and give that file."));
    }
    const QString tagText = document.take(QStringLiteral("tag")).toString();
    const QByteArray expected = m_vault.authenticationTag(kRegisterContext, registerBody(document));
    if (!crypto::constantTimeEquals(QByteArray::fromHex(tagText.toLatin1()), expected)) {
        const bool otherVault = document.value(QStringLiteral("vaultId")).toString() != m_vault.vaultId();
        return invalid(otherVault
                           ? QStringLiteral("This erasure register was written by another vault, so it cannot erase "
                                            "anything here. Nothing was changed.")
                           : QStringLiteral("This erasure register does not match this vault's key: it was changed "
                                            "after it was written, or the vault key was rotated since this backup. "
                                            "Nothing was changed. Erase the cases it lists with the two-person "
                                            "erasure (erasure request, then erasure approve)."));
    }
    std::vector<ErasedCase> listed;
    for (const QJsonValue& v : document.value(QStringLiteral("erased")).toArray()) {
        const QJsonObject o = v.toObject();
        ErasedCase e;
        e.reference = o.value(QStringLiteral("reference")).toString();
        e.requestedBy = o.value(QStringLiteral("requestedBy")).toString();
        e.requestedAtUtc = utcFrom(o.value(QStringLiteral("requestedAt")).toString());
        e.erasedBy = o.value(QStringLiteral("erasedBy")).toString();
        e.erasedAtUtc = utcFrom(o.value(QStringLiteral("erasedAt")).toString());
        listed.push_back(std::move(e));
    }

    std::vector<ReappliedErasure> outcomes;
    QStringList erasedNow;
    sql::Connection& db = m_vault.connection();
    {
        SecureDeleteScope secureDelete(db);
        if (!secureDelete.isOn()) {
            return makeError(ErrorCode::Internal,
                             QStringLiteral("SQLCipher's secure delete could not be turned on, so nothing was erased."));
        }
        auto tx = sql::Transaction::begin(db);
        if (!tx) {
            return tx.error();
        }
        for (const ErasedCase& e : listed) {
            ReappliedErasure outcome;
            outcome.reference = e.reference;
            auto already = erasedCase(e.reference);
            if (!already) {
                return already.error();
            }
            auto id = db.prepare("SELECT id FROM cases WHERE reference = ?1");
            if (!id) {
                return id.error();
            }
            auto row = id->bind(1, e.reference).step();
            if (!row) {
                return row.error();
            }
            if (already->has_value() || !*row) {
                outcome.outcome = already->has_value() ? ReappliedErasure::Outcome::AlreadyErased
                                                       : ReappliedErasure::Outcome::NotHere;
                outcomes.push_back(outcome);
                continue;
            }
            const qint64 caseId = id->int64(0);
            auto facts = readCaseFacts(db, caseId);
            if (!facts) {
                return facts.error();
            }
            auto counts = tombstoneAndDelete(db, caseId, *facts,
                                             {e.requestedBy, e.requestedAtUtc, e.erasedBy, e.erasedAtUtc});
            if (!counts) {
                return counts.error();
            }
            if (auto logged = m_vault.audit(
                    QStringLiteral("erasure.reapply"), QStringLiteral("case"), e.reference,
                    {{QStringLiteral("requestedBy"), e.requestedBy},
                     {QStringLiteral("erasedBy"), e.erasedBy},
                     {QStringLiteral("erasedAt"), isoUtc(e.erasedAtUtc)},
                     {QStringLiteral("register"), document.value(QStringLiteral("writtenAt")).toString()},
                     {QStringLiteral("rowsDeleted"), *counts},
                     {QStringLiteral("method"),
                      QStringLiteral("SQLCipher secure_delete; search index merged; VACUUM next")}});
                !logged) {
                return logged.error();
            }
            outcome.outcome = ReappliedErasure::Outcome::Erased;
            outcomes.push_back(outcome);
            erasedNow << e.reference;
        }
        if (auto committed = tx->commit(); !committed) {
            return committed.error();
        }
    }
    if (!erasedNow.isEmpty()) {
        auto compacted = compact(erasedNow);
        if (!compacted) {
            return compacted.error();
        }
        if (!compacted->compacted) {
            return makeError(ErrorCode::VaultBusy, compacted->compactProblem);
        }
    }
    return outcomes;
}

}  // namespace claimdesk::core
