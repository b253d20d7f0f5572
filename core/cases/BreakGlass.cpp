// CaseService's break-glass access to restricted cases (issue 7, ethical walls): the grant, its notice to the
// case's supervisor and its audit entry. The rest of CaseService reads the grants (migration 12,
// break_glass_grants) wherever it decides who may open a case.

#include "cases/CaseService.h"

#include "store/SqlText.h"
#include "store/Sqlite.h"
#include "store/Vault.h"

namespace claimdesk::core {

namespace {

struct RestrictedCase {
    bool exists = false;
    QString reference;
    bool restricted = false;
    QString feeEarner;
    QString supervisor;
    bool named = false;  // on the case's list (case_access); grants are not counted here
};

Result<RestrictedCase> readRestrictedCase(sql::Connection& db, qint64 caseId, const QString& user)
{
    auto stmt = db.prepare("SELECT reference, restricted, fee_earner, supervisor, "
                           "EXISTS (SELECT 1 FROM case_access a WHERE a.case_id = cases.id AND a.username = ?2) "
                           "FROM cases WHERE id = ?1");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, caseId).bind(2, user);
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    RestrictedCase c;
    if (*row) {
        c.exists = true;
        c.reference = stmt->text(0);
        c.restricted = stmt->int64(1) != 0;
        c.feeEarner = stmt->text(2);
        c.supervisor = stmt->text(3);
        c.named = stmt->int64(4) != 0;
    }
    return c;
}

// A refusal's audit entry, in a transaction of its own (nothing else is written).
void auditRefusal(Vault& vault, const QString& action, const QString& reference, const QJsonObject& summary)
{
    auto tx = sql::Transaction::begin(vault.connection());
    if (tx && vault.audit(action, QStringLiteral("case"), reference, summary)) {
        (void)tx->commit();
    }
}

}  // namespace

Result<CaseRecord> CaseService::breakGlass(qint64 caseId, const QString& reason)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    sql::Connection& db = m_vault.connection();
    const QString me = m_vault.currentUser().username;
    auto target = readRestrictedCase(db, caseId, me);
    if (!target) {
        return target.error();
    }
    if (!canSeeCaseContent()) {
        // Admins hold no case content, in an emergency or not.
        if (target->exists) {
            auditRefusal(m_vault, QStringLiteral("permission.denied"), target->reference,
                         {{QStringLiteral("attempted"), QStringLiteral("break glass")}});
        }
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("Your role (%1) does not include case files, so it cannot break glass on one.")
                             .arg(roleName(m_vault.currentUser().role)));
    }
    if (!target->exists) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That case no longer exists."));
    }
    if (!target->restricted || target->feeEarner == me || target->supervisor == me || target->named) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("You may open %1 already: break-glass is not needed.").arg(target->reference));
    }
    const QString why = reason.trimmed();
    if (why.size() < kBreakGlassMinReason) {
        auditRefusal(m_vault, QStringLiteral("case.break-glass.refused"), target->reference,
                     {{QStringLiteral("reason"), why},
                      {QStringLiteral("refused"),
                       why.isEmpty() ? QStringLiteral("no reason given") : QStringLiteral("reason too short")}});
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("Say why you must open %1 now (at least %2 characters). The reason is recorded "
                                        "in the audit trail and the case's supervisor is told.")
                             .arg(target->reference)
                             .arg(kBreakGlassMinReason));
    }

    const QDateTime now = m_vault.now();
    const QDateTime expires = now.addSecs(qint64 {kBreakGlassHours} * 3600);
    const QString notified = target->supervisor.isEmpty() ? target->feeEarner : target->supervisor;
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto grant = db.prepare("INSERT INTO break_glass_grants (case_id, username, reason, granted_at, expires_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!grant) {
        return grant.error();
    }
    if (auto ran
        = grant->bind(1, caseId).bind(2, me).bind(3, why).bind(4, sql::isoUtc(now)).bind(5, sql::isoUtc(expires)).run();
        !ran) {
        return ran.error();
    }
    const qint64 grantId = db.lastInsertRowId();
    // The supervisor's notice: an urgent task on the case, due today, which stays open until they mark it done.
    auto task = db.prepare("INSERT INTO tasks (case_id, title, due_on, assignee, done, urgent, kind, created_at, "
                           "created_by) VALUES (?1, ?2, ?3, ?4, 0, 1, ?5, ?6, ?7)");
    if (!task) {
        return task.error();
    }
    const QString title = QStringLiteral("Break-glass access by %1: %2").arg(m_vault.currentUser().displayName, why);
    if (auto ran = task->bind(1, caseId)
                       .bind(2, title)
                       .bind(3, sql::dateText(now.toLocalTime().date()))
                       .bind(4, notified)
                       .bind(5, taskKindId(TaskKind::BreakGlass))
                       .bind(6, now.toString(Qt::ISODateWithMs))
                       .bind(7, me)
                       .run();
        !ran) {
        return ran.error();
    }
    const qint64 taskId = db.lastInsertRowId();
    if (auto logged = m_vault.audit(QStringLiteral("case.break-glass"), QStringLiteral("case"), target->reference,
                                    {{QStringLiteral("reason"), why},
                                     {QStringLiteral("expiresAt"), sql::isoUtc(expires)},
                                     {QStringLiteral("notified"), notified},
                                     {QStringLiteral("grantId"), grantId},
                                     {QStringLiteral("taskId"), taskId}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return load(caseId);
}

Result<CaseRecord> CaseService::breakGlassByReference(const QString& reference, const QString& reason)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    // A reference is never secret (the list shows restricted cases by reference): looking it up reveals nothing.
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
        return makeError(ErrorCode::NotFound, QStringLiteral("There is no case %1.").arg(reference.trimmed()));
    }
    const qint64 id = stmt->int64(0);
    stmt->reset();
    return breakGlass(id, reason);
}

Result<std::optional<BreakGlassGrant>> CaseService::activeBreakGlass(qint64 caseId)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    const QString me = m_vault.currentUser().username;
    auto stmt = m_vault.connection().prepare(
        "SELECT g.id, c.reference, g.reason, g.granted_at, g.expires_at FROM break_glass_grants g "
        "JOIN cases c ON c.id = g.case_id WHERE g.username = ?2 AND g.case_id = ?1 AND g.expires_at > ?3 "
        "AND c.restricted = 1 AND c.fee_earner <> ?2 AND c.supervisor <> ?2 "
        "AND NOT EXISTS (SELECT 1 FROM case_access a WHERE a.case_id = c.id AND a.username = ?2) "
        "ORDER BY g.expires_at DESC LIMIT 1");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, caseId).bind(2, me).bind(3, sql::isoUtc(m_vault.now()));
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    if (!*row || !canSeeCaseContent()) {
        return std::optional<BreakGlassGrant> {};
    }
    BreakGlassGrant g;
    g.id = stmt->int64(0);
    g.caseId = caseId;
    g.reference = stmt->text(1);
    g.username = me;
    g.reason = stmt->text(2);
    g.grantedAtUtc = sql::utcFrom(stmt->text(3));
    g.expiresAtUtc = sql::utcFrom(stmt->text(4));
    return std::optional<BreakGlassGrant> {std::move(g)};
}

Result<std::vector<BreakGlassNotice>> CaseService::breakGlassNotices()
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    std::vector<BreakGlassNotice> out;
    if (!canSeeCaseContent()) {
        return out;
    }
    auto stmt = m_vault.connection().prepare(
        "SELECT t.id, t.case_id, c.reference, t.created_by, t.created_at FROM tasks t JOIN cases c ON c.id = t.case_id "
        "WHERE t.assignee = ?1 AND t.done = 0 AND t.kind = ?2 ORDER BY t.created_at DESC, t.id DESC");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, m_vault.currentUser().username).bind(2, taskKindId(TaskKind::BreakGlass));
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        BreakGlassNotice n;
        n.taskId = stmt->int64(0);
        n.caseId = stmt->int64(1);
        n.reference = stmt->text(2);
        n.by = stmt->text(3);
        n.atUtc = QDateTime::fromString(stmt->text(4), Qt::ISODateWithMs);
        out.push_back(std::move(n));
    }
    return out;
}

}  // namespace claimdesk::core
