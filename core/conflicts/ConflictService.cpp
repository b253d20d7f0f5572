#include "conflicts/ConflictService.h"

#include "retention/RetentionService.h"
#include "store/SqlText.h"
#include "store/Sqlite.h"
#include "store/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace claimdesk::core {

namespace {
QStringList listFromJson(const QString& text)
{
    QStringList out;
    for (const QJsonValue& v : QJsonDocument::fromJson(text.toUtf8()).array()) {
        out << v.toString();
    }
    return out;
}

QStringList blockKeys(const NameKey& key)
{
    QStringList keys;
    for (int i = 0; i < key.tokens.size(); ++i) {
        keys << QStringLiteral("s:") + key.phonetic.at(i);
        for (const QString& group : key.nicknameGroups.at(i)) {
            keys << QStringLiteral("n:") + group;
        }
        if (key.tokens.at(i).size() >= 4) {
            // Beginnings and endings catch typos that change the Soundex code ("Adlridge" for "Aldridge").
            keys << QStringLiteral("p:") + key.tokens.at(i).left(3) << QStringLiteral("x:") + key.tokens.at(i).right(3);
        }
    }
    return keys;
}

bool canSeeCases(Role role)
{
    return role == Role::Supervisor || role == Role::Solicitor || role == Role::Paralegal;
}
}  // namespace

ConflictService::ConflictService(Vault& vault) : m_vault(vault) {}

Result<void> ConflictService::refreshIndex()
{
    sql::Connection& db = m_vault.connection();
    // Bumped by triggers on clients, cases, parties and case_parties (migration 9): one row, whatever the size.
    auto stamp = db.scalarText("SELECT n FROM conflict_source_version WHERE id = 1");
    if (!stamp) {
        return stamp.error();
    }
    if (*stamp == m_stamp && !m_entries.empty()) {
        return {};
    }
    std::vector<Entry> entries;
    std::vector<NameKey> keys;
    QHash<QString, int> keyOfName;
    auto keyFor = [&](const QString& name) {
        auto it = keyOfName.constFind(name);
        if (it != keyOfName.constEnd()) {
            return *it;
        }
        keys.push_back(NameMatcher::analyse(name));
        const int index = static_cast<int>(keys.size()) - 1;
        keyOfName.insert(name, index);
        return index;
    };
    auto clients = db.prepare("SELECT c.id, c.reference, c.restricted, c.fee_earner, c.supervisor, cl.full_name, "
                              "cl.preferred_name, cl.former_names, cl.date_of_birth FROM cases c "
                              "JOIN clients cl ON cl.id = c.client_id");
    if (!clients) {
        return clients.error();
    }
    while (true) {
        auto row = clients->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        Entry base;
        base.caseId = clients->int64(0);
        base.caseReference = clients->text(1);
        base.restricted = clients->int64(2) != 0;
        base.feeEarner = clients->text(3);
        base.supervisor = clients->text(4);
        base.dob = QDate::fromString(clients->text(8), Qt::ISODate);
        Entry client = base;
        client.kind = QStringLiteral("client");
        client.keyIndex = keyFor(clients->text(5));
        entries.push_back(client);
        const QString preferred = clients->text(6);
        if (!preferred.isEmpty() && preferred != clients->text(5)) {
            Entry p = base;
            p.kind = QStringLiteral("client");
            p.keyIndex = keyFor(preferred);
            entries.push_back(p);
        }
        for (const QString& former : listFromJson(clients->text(7))) {
            Entry f = base;
            f.kind = QStringLiteral("former-name");
            f.keyIndex = keyFor(former);
            entries.push_back(f);
        }
    }
    auto parties = db.prepare("SELECT c.id, c.reference, c.restricted, c.fee_earner, c.supervisor, p.name, p.aliases, cp.role "
                              "FROM case_parties cp JOIN parties p ON p.id = cp.party_id JOIN cases c ON c.id = cp.case_id");
    if (!parties) {
        return parties.error();
    }
    while (true) {
        auto row = parties->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        Entry base;
        base.caseId = parties->int64(0);
        base.caseReference = parties->text(1);
        base.restricted = parties->int64(2) != 0;
        base.feeEarner = parties->text(3);
        base.supervisor = parties->text(4);
        base.role = parties->text(7);
        Entry party = base;
        party.kind = QStringLiteral("party");
        party.keyIndex = keyFor(parties->text(5));
        entries.push_back(party);
        for (const QString& alias : listFromJson(parties->text(6))) {
            Entry a = base;
            a.kind = QStringLiteral("alias");
            a.keyIndex = keyFor(alias);
            entries.push_back(a);
        }
    }
    std::vector<std::vector<int>> entriesOfKey(keys.size());
    for (int i = 0; i < static_cast<int>(entries.size()); ++i) {
        entriesOfKey[static_cast<std::size_t>(entries[static_cast<std::size_t>(i)].keyIndex)].push_back(i);
    }
    QHash<QString, std::vector<int>> blocks;
    for (int k = 0; k < static_cast<int>(keys.size()); ++k) {
        for (const QString& b : blockKeys(keys[static_cast<std::size_t>(k)])) {
            auto& list = blocks[b];
            if (list.empty() || list.back() != k) {
                list.push_back(k);
            }
        }
    }
    m_entries = std::move(entries);
    m_keys = std::move(keys);
    m_entriesOfKey = std::move(entriesOfKey);
    m_blocks = std::move(blocks);
    m_stamp = *stamp;
    return {};
}

Result<std::vector<ConflictMatch>> ConflictService::check(const QString& name, const QDate& dateOfBirth)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!canSeeCases(m_vault.currentUser().role)) {
        return m_vault.refuse(QStringLiteral("run a conflict check"), QStringLiteral("conflict-check"), QString(),
                              QStringLiteral("Your role does not include conflict checks."));
    }
    const NameKey query = NameMatcher::analyse(name);
    if (query.tokens.isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Enter a name to check."));
    }
    if (auto refreshed = refreshIndex(); !refreshed) {
        return refreshed.error();
    }
    QSet<int> candidates;
    for (const QString& k : blockKeys(query)) {
        auto it = m_blocks.constFind(k);
        if (it != m_blocks.constEnd()) {
            for (int i : *it) {
                candidates.insert(i);
            }
        }
    }
    // Apply per-case visibility at query time (access lists can change without the index changing).
    QSet<qint64> named;
    {
        // Named on the case, or holding a break-glass grant that has not expired (CaseService::breakGlass).
        auto access = m_vault.connection().prepare(
            "SELECT case_id FROM case_access WHERE username = ?1 "
            "UNION SELECT case_id FROM break_glass_grants WHERE username = ?1 AND expires_at > ?2");
        if (!access) {
            return access.error();
        }
        access->bind(1, m_vault.currentUser().username).bind(2, sql::isoUtc(m_vault.now()));
        while (true) {
            auto row = access->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            named.insert(access->int64(0));
        }
    }
    const QString me = m_vault.currentUser().username;
    std::vector<ConflictMatch> matches;
    for (int k : candidates) {
        const NameKey& key = m_keys[static_cast<std::size_t>(k)];
        const NameMatch base = NameMatcher::compare(query, key);
        if (base.score + 0.1 < NameMatcher::kReportThreshold) {
            continue;  // not even a matching date of birth could lift it over the threshold
        }
        for (int i : m_entriesOfKey[static_cast<std::size_t>(k)]) {
            const Entry& e = m_entries[static_cast<std::size_t>(i)];
            NameMatch m = base;
            NameMatcher::adjustForDateOfBirth(m, dateOfBirth, e.dob);
            if (m.score < NameMatcher::kReportThreshold) {
                continue;
            }
            ConflictMatch c;
            c.kind = e.kind;
            c.score = m.score;
            const bool visible = !e.restricted || e.feeEarner == me || e.supervisor == me || named.contains(e.caseId);
            if (visible) {
                c.name = key.original;
                c.role = e.role;
                c.caseId = e.caseId;
                c.caseReference = e.caseReference;
                c.reasons = std::move(m.reasons);
            } else {
                // The placeholder the case list shows too: the reference, so a supervisor can be asked about that
                // case, and nothing else (no name, role or reason that would say who matched).
                c.restricted = true;
                c.caseReference = e.caseReference;
                c.reasons << QStringLiteral("possible match in restricted case %1 — ask a supervisor").arg(e.caseReference);
            }
            matches.push_back(std::move(c));
        }
    }
    std::sort(matches.begin(), matches.end(), [](const ConflictMatch& a, const ConflictMatch& b) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        return a.caseReference < b.caseReference;
    });
    // One line per case and kind is enough: keep the best-scoring name of each.
    std::vector<ConflictMatch> unique;
    QSet<QString> seen;
    for (ConflictMatch& m : matches) {
        const QString key = m.restricted ? QStringLiteral("restricted:%1").arg(m.caseReference) : QStringLiteral("%1:%2:%3").arg(m.caseId).arg(m.kind, m.name);
        if (!seen.contains(key)) {
            seen.insert(key);
            unique.push_back(std::move(m));
        }
    }
    // Erased cases (RetentionService): the tombstone keeps only keyed hashes of the client's names, so it is found by
    // the exact name (after folding), never fuzzily, and says nothing but its reference.
    auto erased = RetentionService::erasedCasesNamed(m_vault.connection(), name);
    if (!erased) {
        return erased.error();
    }
    for (const ErasedCase& e : *erased) {
        ConflictMatch m;
        m.kind = QStringLiteral("erased-case");
        m.caseReference = e.reference;
        m.score = 1.0;
        m.reasons << QStringLiteral("erased case %1 — ask a supervisor").arg(e.reference);
        unique.push_back(std::move(m));
    }
    return unique;
}

Result<qint64> ConflictService::record(qint64 caseId, const QString& name, const QDate& dateOfBirth,
                                       const std::vector<ConflictMatch>& matches)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!canSeeCases(m_vault.currentUser().role)) {
        return m_vault.refuse(QStringLiteral("record a conflict check"), QStringLiteral("conflict-check"), QString(),
                              QStringLiteral("Your role does not include conflict checks."));
    }
    if (name.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("A conflict check needs the name that was checked."));
    }
    QJsonArray result;
    for (const ConflictMatch& m : matches) {
        result.append(QJsonObject{{QStringLiteral("name"), m.name},
                                  {QStringLiteral("kind"), m.kind},
                                  {QStringLiteral("caseReference"), m.caseReference},
                                  {QStringLiteral("score"), m.score},
                                  {QStringLiteral("reasons"), QJsonArray::fromStringList(m.reasons)}});
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto stmt = db.prepare("INSERT INTO conflict_checks (case_id, at, by_user, query_name, query_dob, result) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!stmt) {
        return stmt.error();
    }
    if (caseId > 0) {
        stmt->bind(1, caseId);
    } else {
        stmt->bindNull(1);
    }
    stmt->bind(2, m_vault.now().toString(Qt::ISODateWithMs))
        .bind(3, m_vault.currentUser().username)
        .bind(4, name)
        .bind(5, dateOfBirth.isValid() ? dateOfBirth.toString(Qt::ISODate) : QString())
        .bind(6, QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)));
    if (auto ran = stmt->run(); !ran) {
        return ran.error();
    }
    const qint64 id = db.lastInsertRowId();
    if (auto logged = m_vault.audit(QStringLiteral("conflict.check"), QStringLiteral("conflict-check"), QString::number(id),
                                    {{QStringLiteral("matches"), static_cast<int>(matches.size())}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return id;
}

Result<void> ConflictService::attachToCase(qint64 checkId, qint64 caseId)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready;
    }
    if (!canSeeCases(m_vault.currentUser().role)) {
        return m_vault.refuse(QStringLiteral("attach a conflict check to a case"), QStringLiteral("conflict-check"),
                              QString::number(checkId), QStringLiteral("Your role does not include conflict checks."));
    }
    auto stmt = m_vault.connection().prepare("UPDATE conflict_checks SET case_id = ?1 WHERE id = ?2 AND by_user = ?3");
    if (!stmt) {
        return stmt.error();
    }
    return stmt->bind(1, caseId).bind(2, checkId).bind(3, m_vault.currentUser().username).run();
}

Result<void> ConflictService::clear(qint64 checkId, const QString& reason)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready;
    }
    const Role role = m_vault.currentUser().role;
    if (role != Role::Supervisor && role != Role::Solicitor) {
        return m_vault.refuse(QStringLiteral("clear a potential conflict"), QStringLiteral("conflict-check"),
                              QString::number(checkId),
                              QStringLiteral("A solicitor or supervisor clears a potential conflict."));
    }
    if (reason.trimmed().size() < 10) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Say why the match is not a conflict (for example, a "
                                                                 "different date of birth confirmed with the client)."));
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto stmt = db.prepare("UPDATE conflict_checks SET cleared_by = ?1, cleared_at = ?2, cleared_reason = ?3 WHERE id = ?4");
    if (!stmt) {
        return stmt.error();
    }
    if (auto ran = stmt->bind(1, m_vault.currentUser().username)
                       .bind(2, m_vault.now().toString(Qt::ISODateWithMs))
                       .bind(3, reason.trimmed())
                       .bind(4, checkId)
                       .run();
        !ran) {
        return ran.error();
    }
    if (db.changes() == 0) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That conflict check no longer exists."));
    }
    if (auto logged = m_vault.audit(QStringLiteral("conflict.clear"), QStringLiteral("conflict-check"), QString::number(checkId),
                                    {{QStringLiteral("reason"), reason.trimmed()}});
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

Result<std::vector<ConflictCheckRecord>> ConflictService::checksFor(qint64 caseId)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    // A check's query is usually the client's name: the checks on a case are case content, and those on a
    // restricted case are only for the users who may open it.
    if (!canSeeCases(m_vault.currentUser().role)) {
        return m_vault.refuse(QStringLiteral("read a case's conflict checks"), QStringLiteral("conflict-check"), QStringLiteral("case #%1").arg(caseId),
                              QStringLiteral("Your role does not include conflict checks."));
    }
    {
        auto access = m_vault.connection().prepare(
            "SELECT reference, restricted, fee_earner, supervisor, "
            "EXISTS (SELECT 1 FROM case_access a WHERE a.case_id = cases.id AND a.username = ?2) "
            "OR EXISTS (SELECT 1 FROM break_glass_grants g WHERE g.username = ?2 AND g.case_id = cases.id "
            "AND g.expires_at > ?3) "
            "FROM cases WHERE id = ?1");
        if (!access) {
            return access.error();
        }
        const QString me = m_vault.currentUser().username;
        access->bind(1, caseId).bind(2, me).bind(3, sql::isoUtc(m_vault.now()));
        auto row = access->step();
        if (!row) {
            return row.error();
        }
        if (*row && access->int64(1) != 0 && access->text(2) != me && access->text(3) != me && access->int64(4) == 0) {
            const QString reference = access->text(0);
            access->reset();
            return m_vault.refuse(QStringLiteral("read the conflict checks of a restricted case"), QStringLiteral("case"),
                                  reference,
                                  QStringLiteral("%1 is a restricted case. Ask its supervisor for access.").arg(reference));
        }
    }
    auto stmt = m_vault.connection().prepare(
        "SELECT id, case_id, at, by_user, query_name, query_dob, result, cleared_by, cleared_at, cleared_reason "
        "FROM conflict_checks WHERE case_id = ?1 ORDER BY at DESC");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, caseId);
    std::vector<ConflictCheckRecord> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        ConflictCheckRecord r;
        r.id = stmt->int64(0);
        r.caseId = stmt->int64(1);
        r.atUtc = QDateTime::fromString(stmt->text(2), Qt::ISODateWithMs);
        r.by = stmt->text(3);
        r.queryName = stmt->text(4);
        r.queryDob = QDate::fromString(stmt->text(5), Qt::ISODate);
        r.matches = static_cast<int>(QJsonDocument::fromJson(stmt->text(6).toUtf8()).array().size());
        r.clearedBy = stmt->text(7);
        r.clearedAtUtc = QDateTime::fromString(stmt->text(8), Qt::ISODateWithMs);
        r.clearedReason = stmt->text(9);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace claimdesk::core
