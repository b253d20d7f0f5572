#include "cases/CaseService.h"

#include "deadlines/DateRules.h"
#include "store/SqlText.h"
#include "store/Sqlite.h"
#include "store/Vault.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

namespace claimdesk::core {

namespace {

using sql::dateFrom;
using sql::dateText;
using sql::notNull;

QString toJson(const QStringList& list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList listFromJson(const QString& text)
{
    QStringList out;
    for (const QJsonValue& v : QJsonDocument::fromJson(text.toUtf8()).array()) {
        out << v.toString();
    }
    return out;
}

QString objectToJson(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject objectFromJson(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString ukDate(const QDate& d)
{
    return deadlines::ukShortDate(d);
}

QString limbsToJson(const std::vector<ClaimLimb>& limbs)
{
    QStringList ids;
    for (ClaimLimb l : limbs) {
        ids << limbId(l);
    }
    return toJson(ids);
}

std::vector<ClaimLimb> limbsFromJson(const QString& text)
{
    std::vector<ClaimLimb> out;
    for (const QString& id : listFromJson(text)) {
        if (auto l = limbFromId(id)) {
            out.push_back(*l);
        }
    }
    return out;
}

// A flat view of the fields an audit entry compares (never the account).
QJsonObject auditView(const CaseRecord& c)
{
    QJsonArray incidents;
    for (const Incident& i : c.incidents) {
        incidents.append(QStringLiteral("%1 %2–%3 %4").arg(precisionId(i.startPrecision), dateText(i.start), dateText(i.end),
                                                           regionId(i.region)));
    }
    QJsonArray parties;
    for (const CaseParty& p : c.parties) {
        parties.append(QStringLiteral("%1: %2").arg(partyRoleId(p.role), p.party.name));
    }
    return {{QStringLiteral("stage"), stageId(c.stage)},
            {QStringLiteral("feeEarner"), c.feeEarner},
            {QStringLiteral("supervisor"), c.supervisor},
            {QStringLiteral("limbs"), limbsToJson(c.limbs)},
            {QStringLiteral("funding"), fundingId(c.funding)},
            {QStringLiteral("ateInsurer"), c.ateInsurer},
            {QStringLiteral("openedOn"), dateText(c.openedOn)},
            {QStringLiteral("closedOn"), dateText(c.closedOn)},
            {QStringLiteral("outcome"), c.outcome},
            {QStringLiteral("damagesEstimatePence"), c.damagesEstimatePence},
            {QStringLiteral("settlementPence"), c.settlementPence},
            {QStringLiteral("restricted"), c.restricted},
            {QStringLiteral("client.fullName"), c.client.fullName},
            {QStringLiteral("client.preferredName"), c.client.preferredName},
            {QStringLiteral("client.formerNames"), toJson(c.client.formerNames)},
            {QStringLiteral("client.dateOfBirth"), dateText(c.client.dateOfBirth)},
            {QStringLiteral("client.dateOfBirthVerified"), c.client.dateOfBirthVerified},
            {QStringLiteral("client.safeContact"),
             QStringLiteral("phone=%1 voicemail=%2 text=%3 email=%4 post=%5")
                 .arg(c.client.safeContact.phone)
                 .arg(c.client.safeContact.voicemail)
                 .arg(c.client.safeContact.text)
                 .arg(c.client.safeContact.email)
                 .arg(c.client.safeContact.post)},
            {QStringLiteral("client.capacityConcern"), c.client.capacityConcern},
            {QStringLiteral("incidents"), incidents},
            {QStringLiteral("parties"), parties}};
}

QJsonObject diff(const QJsonObject& before, const QJsonObject& after)
{
    QJsonObject changes;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (before.value(it.key()) != it.value()) {
            changes.insert(it.key(), QJsonObject{{QStringLiteral("old"), before.value(it.key())}, {QStringLiteral("new"), it.value()}});
        }
    }
    return changes;
}

Error denied(const QString& what)
{
    return makeError(ErrorCode::PermissionDenied, what);
}

// What a refusal about one case is recorded against: its reference (the audit viewer's case filter), or "#id" when
// there is no such case.
QString caseAuditId(sql::Connection& db, qint64 caseId)
{
    auto stmt = db.prepare("SELECT reference FROM cases WHERE id = ?1");
    if (stmt) {
        stmt->bind(1, caseId);
        if (auto row = stmt->step(); row && *row) {
            const QString reference = stmt->text(0);
            stmt->reset();
            return reference;
        }
        stmt->reset();
    }
    return QStringLiteral("#%1").arg(caseId);
}

Result<void> validate(const Client& client, const std::vector<Incident>& incidents, const QDate& today)
{
    QStringList problems;
    if (client.fullName.trimmed().isEmpty()) {
        problems << QStringLiteral("Enter the client's full name.");
    }
    if (client.dateOfBirth.isValid() && client.dateOfBirth > today) {
        problems << QStringLiteral("The date of birth %1 is in the future.").arg(ukDate(client.dateOfBirth));
    }
    int n = 0;
    for (const Incident& i : incidents) {
        ++n;
        if (!i.start.isValid()) {
            problems << QStringLiteral("Incident %1: enter when it started (a year is enough).").arg(n);
            continue;
        }
        if (i.start > today) {
            problems << QStringLiteral("Incident %1 starts in the future (%2).").arg(n).arg(ukDate(i.start));
        }
        if (i.end.isValid() && i.latestEnd() < i.earliestStart()) {
            problems << QStringLiteral("Incident %1 ends (%2) before it starts (%3).").arg(n).arg(ukDate(i.end), ukDate(i.start));
        }
        if (client.dateOfBirth.isValid() && i.latestEnd() < client.dateOfBirth) {
            problems << QStringLiteral("Incident %1 is dated before the client was born.").arg(n);
        }
    }
    if (!problems.isEmpty()) {
        return makeError(ErrorCode::InvalidInput, problems.join(QLatin1Char(' ')));
    }
    return {};
}

// Apostrophes are dropped from indexed names and from what is typed alike, so "St Mary's" is found by
// "st marys" as well as "st mary's" (the tokenizer would otherwise split it into "mary" and "s").
QString withoutApostrophes(QString text)
{
    static const QRegularExpression apostrophes(QStringLiteral("[’'`´]"));
    return text.remove(apostrophes);
}

// Words typed -> an FTS4 prefix query ("mul* st*"): letters and digits only, so nothing typed can change
// the query's meaning.
QString ftsQuery(const QString& text)
{
    static const QRegularExpression nonWord(QStringLiteral("[^\\p{L}\\p{N}]+"));
    QStringList terms;
    for (const QString& word : withoutApostrophes(text).split(nonWord, Qt::SkipEmptyParts)) {
        terms << word + QLatin1Char('*');
    }
    return terms.join(QLatin1Char(' '));
}

}  // namespace

bool CaseFilter::matches(const CaseSummary& s, const QString& currentUser, const QSet<qint64>* searchHits) const
{
    if (searchHits != nullptr && !searchHits->contains(s.id)) {
        return false;
    }
    if (stage && s.stage != *stage) {
        return false;
    }
    if (!includeClosed && s.stage == Stage::Closed) {
        return false;
    }
    if (!feeEarner.isEmpty() && s.feeEarner != feeEarner) {
        return false;
    }
    if (mineOnly && s.feeEarner != currentUser) {
        return false;
    }
    if (safeguardingOnly && !s.safeguardingAlert) {
        return false;
    }
    if (restrictedOnly && !s.restricted) {
        return false;
    }
    return true;
}

CaseService::CaseService(Vault& vault) : m_vault(vault) {}

bool CaseService::canSeeCaseContent() const
{
    const Role r = m_vault.currentUser().role;
    return r == Role::Supervisor || r == Role::Solicitor || r == Role::Paralegal;
}

bool CaseService::isSupervisor() const
{
    return m_vault.currentUser().role == Role::Supervisor;
}

namespace {
struct CaseAccessRow {
    bool exists = false;
    QString reference;
    bool restricted = false;
    QString feeEarner;
    QString supervisor;
    bool named = false;  // on the case's list, or holding a break-glass grant that has not expired
};

Result<CaseAccessRow> accessRow(sql::Connection& db, qint64 caseId, const QString& user, const QDateTime& now)
{
    auto stmt = db.prepare("SELECT reference, restricted, fee_earner, supervisor, "
                           "EXISTS (SELECT 1 FROM case_access a WHERE a.case_id = cases.id AND a.username = ?2) "
                           "OR EXISTS (SELECT 1 FROM break_glass_grants g WHERE g.username = ?2 "
                           "AND g.case_id = cases.id AND g.expires_at > ?3) "
                           "FROM cases WHERE id = ?1");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, caseId).bind(2, user).bind(3, sql::isoUtc(now));
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    CaseAccessRow r;
    if (*row) {
        r.exists = true;
        r.reference = stmt->text(0);
        r.restricted = stmt->int64(1) != 0;
        r.feeEarner = stmt->text(2);
        r.supervisor = stmt->text(3);
        r.named = stmt->int64(4) != 0;
    }
    return r;
}

bool mayOpen(const CaseAccessRow& r, const QString& user)
{
    return !r.restricted || r.feeEarner == user || r.supervisor == user || r.named;
}
}  // namespace

Result<bool> CaseService::mayOpenByReference(const QString& reference)
{
    if (!canSeeCaseContent()) {
        return false;
    }
    auto id = m_vault.connection().prepare("SELECT id FROM cases WHERE reference = ?1");
    if (!id) {
        return id.error();
    }
    auto row = id->bind(1, reference).step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return false;
    }
    const QString me = m_vault.currentUser().username;
    auto access = accessRow(m_vault.connection(), id->int64(0), me, m_vault.now());
    if (!access) {
        return access.error();
    }
    return access->exists && mayOpen(*access, me);
}

// Checks role and restriction for one case and returns its reference.
static Result<QString> requireCase(Vault& vault, const CaseService& service, qint64 caseId)
{
    if (auto ready = vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!service.canSeeCaseContent()) {
        return vault.refuse(QStringLiteral("open a case file"), QStringLiteral("case"),
                            caseAuditId(vault.connection(), caseId),
                            QStringLiteral("Your role (%1) does not include case files.").arg(roleName(vault.currentUser().role)));
    }
    auto row = accessRow(vault.connection(), caseId, vault.currentUser().username, vault.now());
    if (!row) {
        return row.error();
    }
    if (!row->exists) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That case no longer exists."));
    }
    if (!mayOpen(*row, vault.currentUser().username)) {
        auto tx = sql::Transaction::begin(vault.connection());
        if (tx && vault.audit(QStringLiteral("permission.denied"), QStringLiteral("case"), row->reference,
                              {{QStringLiteral("attempted"), QStringLiteral("open a restricted case")}})) {
            (void)tx->commit();
        }
        return denied(QStringLiteral("%1 is a restricted case. Ask its supervisor for access.").arg(row->reference));
    }
    return row->reference;
}

QString CaseService::referencePrefix()
{
    auto prefix = m_vault.setting(QStringLiteral("cases.referencePrefix"));
    return prefix && !prefix->isEmpty() ? *prefix : QStringLiteral("CD");
}

Result<void> CaseService::setReferencePrefix(const QString& prefix)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Z]{2,6}$"));
    if (!valid.match(prefix).hasMatch()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("A reference prefix is 2 to 6 capital letters, such as BBK."));
    }
    const Role r = m_vault.currentUser().role;
    if (r != Role::Admin && r != Role::Supervisor) {
        return m_vault.refuse(QStringLiteral("change the case reference prefix"), QStringLiteral("setting"),
                              QStringLiteral("cases.referencePrefix"),
                              QStringLiteral("Only a supervisor or an admin can change the case reference prefix."));
    }
    return m_vault.setSetting(QStringLiteral("cases.referencePrefix"), prefix);
}

namespace {
Result<QString> nextReference(sql::Connection& db, const QString& prefix, int year)
{
    auto select = db.prepare("SELECT next FROM case_sequences WHERE prefix = ?1 AND year = ?2");
    if (!select) {
        return select.error();
    }
    select->bind(1, prefix).bind(2, year);
    auto row = select->step();
    if (!row) {
        return row.error();
    }
    qint64 number = *row ? select->int64(0) : 1;
    // Skip numbers already taken (e.g. by imported cases), so a reference is never reused.
    while (true) {
        const QString candidate = QStringLiteral("%1-%2-%3").arg(prefix).arg(year).arg(number, 4, 10, QLatin1Char('0'));
        auto taken = db.prepare("SELECT 1 FROM cases WHERE reference = ?1");
        if (!taken) {
            return taken.error();
        }
        taken->bind(1, candidate);
        auto hit = taken->step();
        if (!hit) {
            return hit.error();
        }
        if (!*hit) {
            auto upsert = db.prepare("INSERT OR REPLACE INTO case_sequences (prefix, year, next) VALUES (?1, ?2, ?3)");
            if (!upsert) {
                return upsert.error();
            }
            if (auto ran = upsert->bind(1, prefix).bind(2, year).bind(3, number + 1).run(); !ran) {
                return ran.error();
            }
            return candidate;
        }
        ++number;
    }
}

// Binds a client's fields to ?1 … ?23, in the column order shared by the INSERT and the UPDATE below.
void bindClient(sql::Statement& stmt, const Client& c)
{
    stmt.bind(1, c.fullName.trimmed())
        .bind(2, notNull(c.preferredName.trimmed()))
        .bind(3, toJson(c.formerNames))
        .bind(4, dateText(c.dateOfBirth))
        .bind(5, c.dateOfBirthVerified)
        .bind(6, notNull(c.pronouns))
        .bind(7, notNull(c.phone))
        .bind(8, notNull(c.email))
        .bind(9, notNull(c.address))
        .bind(10, c.safeContact.phone)
        .bind(11, c.safeContact.voicemail)
        .bind(12, c.safeContact.text)
        .bind(13, c.safeContact.email)
        .bind(14, c.safeContact.post)
        .bind(15, toJson(c.safeContact.neverWriteTo))
        .bind(16, notNull(c.safeContact.codeWord))
        .bind(17, notNull(c.safeContact.timesToAvoid))
        .bind(18, notNull(c.safeContact.whoAtHomeKnows))
        .bind(19, notNull(c.preferredCaseworkerGender))
        .bind(20, notNull(c.communicationNeeds))
        .bind(21, notNull(c.interpreterLanguage))
        .bind(22, c.capacityConcern)
        .bind(23, notNull(c.litigationFriend));
}

Result<qint64> insertClient(sql::Connection& db, const Client& c)
{
    auto stmt = db.prepare(
        "INSERT INTO clients (full_name, preferred_name, former_names, date_of_birth, dob_verified, pronouns, phone, "
        "email, address, safe_phone, safe_voicemail, safe_text, safe_email, safe_post, never_write_to, code_word, "
        "times_to_avoid, who_knows, caseworker_gender, communication_needs, interpreter_language, capacity_concern, "
        "litigation_friend) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19, ?20, ?21, ?22, ?23)");
    if (!stmt) {
        return stmt.error();
    }
    bindClient(*stmt, c);
    if (auto ran = stmt->run(); !ran) {
        return ran.error();
    }
    return db.lastInsertRowId();
}
}  // namespace


namespace {

Result<void> updateClient(sql::Connection& db, qint64 clientId, const Client& c)
{
    auto stmt = db.prepare(
        "UPDATE clients SET full_name = ?1, preferred_name = ?2, former_names = ?3, date_of_birth = ?4, dob_verified = ?5, "
        "pronouns = ?6, phone = ?7, email = ?8, address = ?9, safe_phone = ?10, safe_voicemail = ?11, safe_text = ?12, "
        "safe_email = ?13, safe_post = ?14, never_write_to = ?15, code_word = ?16, times_to_avoid = ?17, who_knows = ?18, "
        "caseworker_gender = ?19, communication_needs = ?20, interpreter_language = ?21, capacity_concern = ?22, "
        "litigation_friend = ?23 WHERE id = ?24");
    if (!stmt) {
        return stmt.error();
    }
    bindClient(*stmt, c);
    stmt->bind(24, clientId);
    return stmt->run();
}

Result<Client> readClient(sql::Connection& db, qint64 clientId)
{
    auto stmt = db.prepare(
        "SELECT id, full_name, preferred_name, former_names, date_of_birth, dob_verified, pronouns, phone, email, address, "
        "safe_phone, safe_voicemail, safe_text, safe_email, safe_post, never_write_to, code_word, times_to_avoid, "
        "who_knows, caseworker_gender, communication_needs, interpreter_language, capacity_concern, litigation_friend "
        "FROM clients WHERE id = ?1");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, clientId);
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("The client record is missing."));
    }
    Client c;
    c.id = stmt->int64(0);
    c.fullName = stmt->text(1);
    c.preferredName = stmt->text(2);
    c.formerNames = listFromJson(stmt->text(3));
    c.dateOfBirth = dateFrom(stmt->text(4));
    c.dateOfBirthVerified = stmt->int64(5) != 0;
    c.pronouns = stmt->text(6);
    c.phone = stmt->text(7);
    c.email = stmt->text(8);
    c.address = stmt->text(9);
    c.safeContact.phone = stmt->int64(10) != 0;
    c.safeContact.voicemail = stmt->int64(11) != 0;
    c.safeContact.text = stmt->int64(12) != 0;
    c.safeContact.email = stmt->int64(13) != 0;
    c.safeContact.post = stmt->int64(14) != 0;
    c.safeContact.neverWriteTo = listFromJson(stmt->text(15));
    c.safeContact.codeWord = stmt->text(16);
    c.safeContact.timesToAvoid = stmt->text(17);
    c.safeContact.whoAtHomeKnows = stmt->text(18);
    c.preferredCaseworkerGender = stmt->text(19);
    c.communicationNeeds = stmt->text(20);
    c.interpreterLanguage = stmt->text(21);
    c.capacityConcern = stmt->int64(22) != 0;
    c.litigationFriend = stmt->text(23);
    return c;
}

// Reuses a party with the same kind and name (so one institution is one party across cases), merging aliases.
Result<qint64> upsertParty(sql::Connection& db, const Party& p)
{
    const QString kind = p.kind == PartyKind::Person ? QStringLiteral("person") : QStringLiteral("organisation");
    auto find = db.prepare("SELECT id, aliases FROM parties WHERE kind = ?1 AND name = ?2 COLLATE NOCASE");
    if (!find) {
        return find.error();
    }
    find->bind(1, kind).bind(2, p.name.trimmed());
    auto row = find->step();
    if (!row) {
        return row.error();
    }
    if (*row) {
        const qint64 id = find->int64(0);
        QStringList aliases = listFromJson(find->text(1));
        bool grew = false;
        for (const QString& a : p.aliases) {
            if (!a.trimmed().isEmpty() && !aliases.contains(a.trimmed(), Qt::CaseInsensitive)) {
                aliases << a.trimmed();
                grew = true;
            }
        }
        if (grew) {
            auto update = db.prepare("UPDATE parties SET aliases = ?1 WHERE id = ?2");
            if (!update) {
                return update.error();
            }
            if (auto ran = update->bind(1, toJson(aliases)).bind(2, id).run(); !ran) {
                return ran.error();
            }
        }
        return id;
    }
    auto insert = db.prepare("INSERT INTO parties (kind, name, aliases) VALUES (?1, ?2, ?3)");
    if (!insert) {
        return insert.error();
    }
    if (auto ran = insert->bind(1, kind).bind(2, p.name.trimmed()).bind(3, toJson(p.aliases)).run(); !ran) {
        return ran.error();
    }
    return db.lastInsertRowId();
}

Result<void> writeIncidentsAndParties(sql::Connection& db, qint64 caseId, const std::vector<Incident>& incidents,
                                      const std::vector<CaseParty>& parties)
{
    for (const char* clear : {"DELETE FROM incidents WHERE case_id = ?1", "DELETE FROM case_parties WHERE case_id = ?1"}) {
        auto stmt = db.prepare(clear);
        if (!stmt) {
            return stmt.error();
        }
        if (auto ran = stmt->bind(1, caseId).run(); !ran) {
            return ran.error();
        }
    }
    auto insert = db.prepare(
        "INSERT INTO incidents (case_id, start_date, start_precision, end_date, end_precision, abuse_types, perpetrators, "
        "institutions, location, region, reported_to_police, police_report_date, police_force, crime_reference, "
        "prosecution_status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    if (!insert) {
        return insert.error();
    }
    for (const Incident& i : incidents) {
        insert->reset();
        insert->bind(1, caseId)
            .bind(2, dateText(i.start))
            .bind(3, precisionId(i.startPrecision))
            .bind(4, dateText(i.end))
            .bind(5, precisionId(i.endPrecision))
            .bind(6, toJson(i.abuseTypes))
            .bind(7, toJson(i.perpetrators))
            .bind(8, toJson(i.institutions))
            .bind(9, notNull(i.location))
            .bind(10, regionId(i.region))
            .bind(11, i.reportedToPolice)
            .bind(12, dateText(i.policeReportDate))
            .bind(13, notNull(i.policeForce))
            .bind(14, notNull(i.crimeReference))
            .bind(15, notNull(i.prosecutionStatus));
        if (auto ran = insert->run(); !ran) {
            return ran.error();
        }
    }
    auto link = db.prepare("INSERT OR IGNORE INTO case_parties (case_id, party_id, role) VALUES (?1, ?2, ?3)");
    if (!link) {
        return link.error();
    }
    for (const CaseParty& cp : parties) {
        if (cp.party.name.trimmed().isEmpty()) {
            continue;
        }
        auto partyId = upsertParty(db, cp.party);
        if (!partyId) {
            return partyId.error();
        }
        link->reset();
        if (auto ran = link->bind(1, caseId).bind(2, *partyId).bind(3, partyRoleId(cp.role)).run(); !ran) {
            return ran.error();
        }
    }
    return {};
}

Result<void> insertTask(sql::Connection& db, qint64 caseId, const Task& t, const QString& createdAt, const QString& createdBy)
{
    auto stmt = db.prepare("INSERT INTO tasks (case_id, title, due_on, assignee, done, urgent, kind, created_at, created_by) "
                           "VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8)");
    if (!stmt) {
        return stmt.error();
    }
    return stmt->bind(1, caseId)
        .bind(2, notNull(t.title))
        .bind(3, dateText(t.due))
        .bind(4, notNull(t.assignee))
        .bind(5, t.urgent)
        .bind(6, taskKindId(t.kind))
        .bind(7, createdAt)
        .bind(8, createdBy)
        .run();
}

Result<bool> activeUserExists(sql::Connection& db, const QString& username)
{
    auto stmt = db.prepare("SELECT 1 FROM users WHERE username = ?1 AND active = 1");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, username);
    return stmt->step();
}

}  // namespace

Result<CaseRecord> CaseService::create(const NewCase& input)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!canSeeCaseContent()) {
        return m_vault.refuse(QStringLiteral("create a case"), QStringLiteral("cases"), QString(),
                              QStringLiteral("Your role (%1) cannot open cases.").arg(roleName(m_vault.currentUser().role)));
    }
    const QDate today = m_vault.now().toLocalTime().date();
    if (auto valid = validate(input.client, input.incidents, today); !valid) {
        return valid.error();
    }
    sql::Connection& db = m_vault.connection();
    const QString me = m_vault.currentUser().username;
    const QString feeEarner = input.feeEarner.isEmpty() ? me : normaliseUsername(input.feeEarner);
    const QString supervisor = normaliseUsername(input.supervisor);
    for (const QString& user : {feeEarner, supervisor}) {
        if (user.isEmpty()) {
            continue;
        }
        auto exists = activeUserExists(db, user);
        if (!exists) {
            return exists.error();
        }
        if (!*exists) {
            return makeError(ErrorCode::InvalidInput, QStringLiteral("There is no active user called %1.").arg(user));
        }
    }
    const QDate opened = input.openedOn.isValid() ? input.openedOn : today;
    const QString now = m_vault.now().toString(Qt::ISODateWithMs);

    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto clientId = insertClient(db, input.client);
    if (!clientId) {
        return clientId.error();
    }
    auto reference = nextReference(db, referencePrefix(), opened.year());
    if (!reference) {
        return reference.error();
    }
    SafeguardingScreen screen = input.safeguarding;
    if (screen.anyAnswered()) {
        // Whoever asked, when: the person recording it, now, unless the intake says otherwise.
        if (screen.askedBy.trimmed().isEmpty()) {
            screen.askedBy = me;
        }
        if (!screen.askedAtUtc.isValid()) {
            screen.askedAtUtc = m_vault.now();
        }
    }
    screen.skipped = input.askLater;
    Consent consent = input.consent;
    consent.recordedBy = consent.recordedBy.isEmpty() ? me : consent.recordedBy;
    if (!consent.recordedAtUtc.isValid()) {
        consent.recordedAtUtc = m_vault.now();
    }
    const bool serious = screen.seriousRisk();
    auto insert = db.prepare(
        "INSERT INTO cases (reference, client_id, fee_earner, supervisor, stage, limbs, funding, opened_on, restricted, "
        "account, safeguarding, safeguarding_alert, consent, version, created_at, created_by, updated_at, updated_by) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14, ?15, ?14, ?15)");
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, *reference)
        .bind(2, *clientId)
        .bind(3, feeEarner)
        .bind(4, notNull(supervisor))
        .bind(5, stageId(input.stage))
        .bind(6, limbsToJson(input.limbs))
        .bind(7, fundingId(input.funding))
        .bind(8, dateText(opened))
        .bind(9, input.restricted)
        .bind(10, notNull(input.account))
        .bind(11, objectToJson(screen.toJson()))
        .bind(12, serious)
        .bind(13, objectToJson(consent.toJson()))
        .bind(14, now)
        .bind(15, me);
    if (auto ran = insert->run(); !ran) {
        return ran.error();
    }
    const qint64 caseId = db.lastInsertRowId();
    if (auto written = writeIncidentsAndParties(db, caseId, input.incidents, input.parties); !written) {
        return written.error();
    }
    const QString safeguardingOwner = supervisor.isEmpty() ? feeEarner : supervisor;
    if (serious) {
        Task urgent;
        urgent.title = QStringLiteral("URGENT safeguarding: %1 — review today and record the action taken")
                           .arg(screen.seriousRiskReasons().join(QStringLiteral(", ")));
        urgent.due = today;
        urgent.assignee = safeguardingOwner;
        urgent.urgent = true;
        urgent.kind = TaskKind::Safeguarding;
        if (auto added = insertTask(db, caseId, urgent, now, me); !added) {
            return added.error();
        }
    } else if (screen.suicidalThoughts == SuicidalThoughts::NotAsked) {
        Task screenTask;
        screenTask.title = QStringLiteral("Complete the safeguarding screen");
        screenTask.due = today;
        screenTask.assignee = feeEarner;
        screenTask.kind = TaskKind::Safeguarding;
        if (auto added = insertTask(db, caseId, screenTask, now, me); !added) {
            return added.error();
        }
    }
    for (const QString& question : input.askLater) {
        Task later;
        later.title = QStringLiteral("Ask later (the client chose not to answer yet): %1").arg(question);
        later.due = today.addDays(7);
        later.assignee = feeEarner;
        later.kind = TaskKind::AskLater;
        if (auto added = insertTask(db, caseId, later, now, me); !added) {
            return added.error();
        }
    }
    if (auto indexed = CaseSearchIndex::refresh(db, caseId); !indexed) {
        return indexed.error();
    }
    if (!input.conflictChecks.empty()) {
        ConflictService conflicts(m_vault);
        for (const ConflictCheck& check : input.conflictChecks) {
            if (auto recorded = conflicts.record(caseId, check); !recorded) {
                return recorded.error();  // the transaction rolls back: no case, and no record of its checks
            }
        }
    }
    if (input.fromDraftId > 0) {
        auto drop = db.prepare("DELETE FROM intake_drafts WHERE id = ?1 AND owner = ?2");
        if (!drop) {
            return drop.error();
        }
        if (auto ran = drop->bind(1, input.fromDraftId).bind(2, me).run(); !ran) {
            return ran.error();
        }
    }
    if (auto logged = m_vault.audit(QStringLiteral("case.create"), QStringLiteral("case"), *reference,
                                    {{QStringLiteral("feeEarner"), feeEarner},
                                     {QStringLiteral("stage"), stageId(input.stage)},
                                     {QStringLiteral("restricted"), input.restricted},
                                     {QStringLiteral("incidents"), static_cast<int>(input.incidents.size())},
                                     {QStringLiteral("safeguardingAlert"), serious},
                                     {QStringLiteral("askLater"), static_cast<int>(input.askLater.size())}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return load(caseId);
}

namespace {
Result<CaseRecord> readCase(sql::Connection& db, qint64 caseId)
{
    auto stmt = db.prepare(
        "SELECT id, reference, client_id, fee_earner, supervisor, stage, limbs, funding, ate_insurer, opened_on, "
        "closed_on, outcome, damages_estimate_pence, settlement_pence, restricted, length(account) > 0, safeguarding, "
        "safeguarding_alert, safeguarding_action, consent, version, updated_at, updated_by, safeguarding_action_record "
        "FROM cases WHERE id = ?1");
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
    CaseRecord c;
    c.id = stmt->int64(0);
    c.reference = stmt->text(1);
    const qint64 clientId = stmt->int64(2);
    c.feeEarner = stmt->text(3);
    c.supervisor = stmt->text(4);
    c.stage = stageFromText(stmt->text(5)).value_or(Stage::Enquiry);
    c.limbs = limbsFromJson(stmt->text(6));
    c.funding = fundingFromId(stmt->text(7)).value_or(Funding::Unknown);
    c.ateInsurer = stmt->text(8);
    c.openedOn = dateFrom(stmt->text(9));
    c.closedOn = dateFrom(stmt->text(10));
    c.outcome = stmt->text(11);
    c.damagesEstimatePence = stmt->int64(12);
    c.settlementPence = stmt->int64(13);
    c.restricted = stmt->int64(14) != 0;
    c.hasAccount = stmt->int64(15) != 0;
    c.safeguarding = SafeguardingScreen::fromJson(objectFromJson(stmt->text(16)));
    c.safeguardingAlert = stmt->int64(17) != 0;
    c.safeguardingAction = stmt->text(18);
    c.consent = Consent::fromJson(objectFromJson(stmt->text(19)));
    c.version = static_cast<int>(stmt->int64(20));
    c.updatedAtUtc = QDateTime::fromString(stmt->text(21), Qt::ISODateWithMs);
    c.updatedBy = stmt->text(22);
    c.safeguardingActionRecord = SafeguardingAction::fromJson(objectFromJson(stmt->text(23)));
    auto client = readClient(db, clientId);
    if (!client) {
        return client.error();
    }
    c.client = *client;

    auto incidents = db.prepare(
        "SELECT id, start_date, start_precision, end_date, end_precision, abuse_types, perpetrators, institutions, "
        "location, region, reported_to_police, police_report_date, police_force, crime_reference, prosecution_status "
        "FROM incidents WHERE case_id = ?1 ORDER BY start_date, id");
    if (!incidents) {
        return incidents.error();
    }
    incidents->bind(1, caseId);
    while (true) {
        auto irow = incidents->step();
        if (!irow) {
            return irow.error();
        }
        if (!*irow) {
            break;
        }
        Incident i;
        i.id = incidents->int64(0);
        i.start = dateFrom(incidents->text(1));
        i.startPrecision = precisionFromId(incidents->text(2)).value_or(DatePrecision::Day);
        i.end = dateFrom(incidents->text(3));
        i.endPrecision = precisionFromId(incidents->text(4)).value_or(DatePrecision::Day);
        i.abuseTypes = listFromJson(incidents->text(5));
        i.perpetrators = listFromJson(incidents->text(6));
        i.institutions = listFromJson(incidents->text(7));
        i.location = incidents->text(8);
        i.region = regionFromText(incidents->text(9)).value_or(Region::EnglandWales);
        i.reportedToPolice = incidents->int64(10) != 0;
        i.policeReportDate = dateFrom(incidents->text(11));
        i.policeForce = incidents->text(12);
        i.crimeReference = incidents->text(13);
        i.prosecutionStatus = incidents->text(14);
        c.incidents.push_back(std::move(i));
    }
    auto parties = db.prepare("SELECT p.id, p.kind, p.name, p.aliases, cp.role FROM case_parties cp "
                              "JOIN parties p ON p.id = cp.party_id WHERE cp.case_id = ?1 ORDER BY cp.role, p.name");
    if (!parties) {
        return parties.error();
    }
    parties->bind(1, caseId);
    while (true) {
        auto prow = parties->step();
        if (!prow) {
            return prow.error();
        }
        if (!*prow) {
            break;
        }
        CaseParty cp;
        cp.party.id = parties->int64(0);
        cp.party.kind = parties->text(1) == QStringLiteral("person") ? PartyKind::Person : PartyKind::Organisation;
        cp.party.name = parties->text(2);
        cp.party.aliases = listFromJson(parties->text(3));
        cp.role = partyRoleFromId(parties->text(4)).value_or(PartyRole::Witness);
        c.parties.push_back(std::move(cp));
    }
    return c;
}

QString displayNameOf(sql::Connection& db, const QString& username)
{
    auto stmt = db.prepare("SELECT display_name FROM users WHERE username = ?1");
    if (!stmt) {
        return username;
    }
    stmt->bind(1, username);
    auto row = stmt->step();
    return row && *row ? stmt->text(0) : username;
}
}  // namespace

Result<CaseRecord> CaseService::load(qint64 caseId)
{
    if (auto allowed = requireCase(m_vault, *this, caseId); !allowed) {
        return allowed.error();
    }
    return readCase(m_vault.connection(), caseId);
}

Result<CaseRecord> CaseService::loadByReference(const QString& reference)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
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
    return load(stmt->int64(0));
}

Result<EditConflict> CaseService::conflictFor(const CaseRecord& edited)
{
    auto theirs = load(edited.id);
    if (!theirs) {
        return theirs.error();
    }
    EditConflict conflict;
    conflict.savedBy = displayNameOf(m_vault.connection(), theirs->updatedBy);
    conflict.savedAtUtc = theirs->updatedAtUtc;
    conflict.theirs = std::move(*theirs);
    return conflict;
}

Result<CaseRecord> CaseService::save(const CaseRecord& edited)
{
    auto reference = requireCase(m_vault, *this, edited.id);
    if (!reference) {
        return reference.error();
    }
    const QDate today = m_vault.now().toLocalTime().date();
    if (auto valid = validate(edited.client, edited.incidents, today); !valid) {
        return valid.error();
    }
    if (edited.closedOn.isValid() && edited.openedOn.isValid() && edited.closedOn < edited.openedOn) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("The case cannot close before it opened."));
    }
    if (edited.damagesEstimatePence < 0 || edited.settlementPence < 0) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Amounts of money cannot be negative."));
    }
    sql::Connection& db = m_vault.connection();
    // Only a supervisor may restrict or unrestrict a case or change its supervisor. Checked before the write
    // transaction so the refusal stays in the audit log; on the version the editor read only (a case saved
    // meanwhile is a ConflictingEdit below, whose merge keeps their supervisor and restriction).
    if (!isSupervisor()) {
        auto stored = db.prepare("SELECT version, restricted, supervisor FROM cases WHERE id = ?1");
        if (!stored) {
            return stored.error();
        }
        stored->bind(1, edited.id);
        auto row = stored->step();
        if (!row) {
            return row.error();
        }
        const bool changesAccess = *row && stored->int64(0) == edited.version
            && (edited.restricted != (stored->int64(1) != 0) || edited.supervisor != stored->text(2));
        stored->reset();
        if (changesAccess) {
            return m_vault.refuse(QStringLiteral("change a case's supervisor or restriction"), QStringLiteral("case"),
                                  *reference,
                                  QStringLiteral("Only a supervisor can change who supervises a case or whether it is "
                                                 "restricted."));
        }
    }
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto before = readCase(db, edited.id);
    if (!before) {
        return before.error();
    }
    if (before->version != edited.version) {
        return makeError(ErrorCode::ConflictingEdit,
                         QStringLiteral("%1 saved this case at %2, after you opened it. Nothing you typed is lost: "
                                        "compare the two versions and choose which to keep.")
                             .arg(displayNameOf(db, before->updatedBy),
                                  before->updatedAtUtc.toLocalTime().toString(QStringLiteral("HH:mm 'on' d MMM yyyy"))));
    }
    // Only a supervisor may restrict or unrestrict a case or change its supervisor.
    if ((edited.restricted != before->restricted || edited.supervisor != before->supervisor) && !isSupervisor()) {
        return denied(QStringLiteral("Only a supervisor can change who supervises a case or whether it is restricted."));
        // (audited before the transaction, above; reached only if the case changed in between)
    }
    for (const QString& user : {edited.feeEarner, edited.supervisor}) {
        if (user.isEmpty() || user == before->feeEarner || user == before->supervisor) {
            continue;
        }
        auto exists = activeUserExists(db, user);
        if (!exists) {
            return exists.error();
        }
        if (!*exists) {
            return makeError(ErrorCode::InvalidInput, QStringLiteral("There is no active user called %1.").arg(user));
        }
    }
    if (auto updated = updateClient(db, before->client.id, edited.client); !updated) {
        return updated.error();
    }
    auto stmt = db.prepare(
        "UPDATE cases SET fee_earner = ?1, supervisor = ?2, stage = ?3, limbs = ?4, funding = ?5, ate_insurer = ?6, "
        "opened_on = ?7, closed_on = ?8, outcome = ?9, damages_estimate_pence = ?10, settlement_pence = ?11, "
        "restricted = ?12, consent = ?13, version = version + 1, updated_at = ?14, updated_by = ?15 WHERE id = ?16");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, notNull(edited.feeEarner))
        .bind(2, notNull(edited.supervisor))
        .bind(3, stageId(edited.stage))
        .bind(4, limbsToJson(edited.limbs))
        .bind(5, fundingId(edited.funding))
        .bind(6, notNull(edited.ateInsurer))
        .bind(7, dateText(edited.openedOn))
        .bind(8, dateText(edited.closedOn))
        .bind(9, notNull(edited.outcome))
        .bind(10, edited.damagesEstimatePence)
        .bind(11, edited.settlementPence)
        .bind(12, edited.restricted)
        .bind(13, objectToJson(edited.consent.toJson()))
        .bind(14, m_vault.now().toString(Qt::ISODateWithMs))
        .bind(15, m_vault.currentUser().username)
        .bind(16, edited.id);
    if (auto ran = stmt->run(); !ran) {
        return ran.error();
    }
    if (auto written = writeIncidentsAndParties(db, edited.id, edited.incidents, edited.parties); !written) {
        return written.error();
    }
    if (auto indexed = CaseSearchIndex::refresh(db, edited.id); !indexed) {
        return indexed.error();
    }
    auto after = readCase(db, edited.id);
    if (!after) {
        return after.error();
    }
    const QJsonObject changes = diff(auditView(*before), auditView(*after));
    if (auto logged = m_vault.audit(QStringLiteral("case.update"), QStringLiteral("case"), *reference,
                                    {{QStringLiteral("changes"), changes}, {QStringLiteral("version"), after->version}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return after;
}

Result<QString> CaseService::revealAccount(qint64 caseId)
{
    auto reference = requireCase(m_vault, *this, caseId);
    if (!reference) {
        return reference.error();
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto stmt = db.prepare("SELECT account FROM cases WHERE id = ?1");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, caseId);
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    const QString account = *row ? stmt->text(0) : QString();
    stmt->reset();
    if (auto logged = m_vault.audit(QStringLiteral("case.account.reveal"), QStringLiteral("case"), *reference); !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return account;
}

Result<int> CaseService::setAccount(qint64 caseId, const QString& account, int expectedVersion)
{
    auto reference = requireCase(m_vault, *this, caseId);
    if (!reference) {
        return reference.error();
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    {
        auto current = db.prepare("SELECT version, updated_by, updated_at FROM cases WHERE id = ?1");
        if (!current) {
            return current.error();
        }
        current->bind(1, caseId);
        auto row = current->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return makeError(ErrorCode::NotFound, QStringLiteral("That case no longer exists."));
        }
        if (current->int64(0) != expectedVersion) {
            const QString by = current->text(1);
            const QDateTime at = QDateTime::fromString(current->text(2), Qt::ISODateWithMs);
            return makeError(ErrorCode::ConflictingEdit,
                             QStringLiteral("%1 saved this case at %2, after you opened it, so the account was not "
                                            "replaced. Your text is still in the editor: copy it, reload the case and "
                                            "compare before saving again.")
                                 .arg(displayNameOf(db, by), at.toLocalTime().toString(QStringLiteral("HH:mm 'on' d MMM yyyy"))));
        }
    }
    auto stmt = db.prepare("UPDATE cases SET account = ?1, version = version + 1, updated_at = ?2, updated_by = ?3 WHERE id = ?4");
    if (!stmt) {
        return stmt.error();
    }
    if (auto ran = stmt->bind(1, notNull(account))
                       .bind(2, m_vault.now().toString(Qt::ISODateWithMs))
                       .bind(3, m_vault.currentUser().username)
                       .bind(4, caseId)
                       .run();
        !ran) {
        return ran.error();
    }
    if (auto logged = m_vault.audit(QStringLiteral("case.account.update"), QStringLiteral("case"), *reference,
                                    {{QStringLiteral("length"), static_cast<int>(account.size())},
                                     {QStringLiteral("version"), expectedVersion + 1}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return expectedVersion + 1;
}

Result<std::vector<CaseSummary>> CaseService::list()
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!canSeeCaseContent()) {
        return m_vault.refuse(QStringLiteral("list the cases"), QStringLiteral("cases"), QString(),
                              QStringLiteral("Your role (%1) does not include case files.").arg(roleName(m_vault.currentUser().role)));
    }
    const QString me = m_vault.currentUser().username;
    auto stmt = m_vault.connection().prepare(
        "SELECT c.id, c.reference, cl.full_name, c.stage, c.fee_earner, coalesce(u.display_name, c.fee_earner), "
        "c.safeguarding_alert, c.restricted, c.supervisor, "
        "EXISTS (SELECT 1 FROM case_access a WHERE a.case_id = c.id AND a.username = ?1) "
        "OR (c.restricted = 1 AND EXISTS (SELECT 1 FROM break_glass_grants g WHERE g.username = ?1 AND g.case_id = c.id "
        "AND g.expires_at > ?3)), "
        // The next open deadline (deadlines table, DeadlineService): overdue ones included, except a limitation
        // date that has passed (that case is S33_REQUIRED, shown in its panel and the limitation queue).
        // (`+d.done_at`: look the case's rows up by case, never scan the firm's open deadlines once per case)
        "(SELECT min(d.due_on) FROM deadlines d WHERE d.case_id = c.id AND +d.done_at = '' AND d.due_on IS NOT NULL "
        " AND NOT (d.kind = 'limitation' AND d.due_on < ?2)), "
        // Limitation verified: the latest sign-off is verified and was given for the facts last computed.
        "EXISTS (SELECT 1 FROM limitation_signoffs so JOIN case_deadline_state st ON st.case_id = so.case_id "
        " WHERE so.case_id = c.id AND so.id = (SELECT max(x.id) FROM limitation_signoffs x WHERE x.case_id = c.id) "
        " AND so.verified_by <> '' AND so.facts_hash = st.facts_hash AND st.case_version = c.version) "
        "FROM cases c JOIN clients cl ON cl.id = c.client_id LEFT JOIN users u ON u.username = c.fee_earner "
        "ORDER BY c.id");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, me).bind(2, m_vault.now().toLocalTime().date().toString(Qt::ISODate)).bind(3, sql::isoUtc(m_vault.now()));
    std::vector<CaseSummary> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        CaseSummary s;
        s.id = stmt->int64(0);
        s.reference = stmt->text(1);
        s.stage = stageFromText(stmt->text(3)).value_or(Stage::Enquiry);
        s.feeEarner = stmt->text(4);
        s.feeEarnerName = stmt->text(5);
        s.restricted = stmt->int64(7) != 0;
        const QString supervisor = stmt->text(8);
        const bool named = stmt->int64(9) != 0;
        const bool visible = !s.restricted || s.feeEarner == me || supervisor == me || named;
        if (visible) {
            Client c;
            c.fullName = stmt->text(2);
            s.clientName = c.fullName;
            s.clientInitials = c.initials();
            s.safeguardingAlert = stmt->int64(6) != 0;
            s.nextDeadline = dateFrom(stmt->text(10));
            s.limitationUnverified = stmt->int64(11) == 0;
        } else {
            s.restrictedPlaceholder = true;
            s.feeEarner.clear();
            s.feeEarnerName.clear();
        }
        out.push_back(std::move(s));
    }
    return out;
}

Result<QSet<qint64>> CaseService::search(const QString& text)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    // Which cases match a name is case content: an admin could otherwise learn who the firm acts for.
    if (!canSeeCaseContent()) {
        return m_vault.refuse(
            QStringLiteral("search the cases"), QStringLiteral("cases"), QString(),
            QStringLiteral("Your role (%1) does not include case files.").arg(roleName(m_vault.currentUser().role)));
    }
    const QString query = ftsQuery(text);
    QSet<qint64> hits;
    if (query.isEmpty()) {
        return hits;
    }
    // Something shaped like a reference ("BBK-2026-00", "bbk-2026") is looked up as a prefix of the reference
    // through its unique index: the full-text terms "bbk* 2026*" would each match nearly every case.
    static const QRegularExpression referenceShape(QStringLiteral("^\\s*([A-Za-z]{2,6}-\\d{1,4}(?:-\\d*)?)\\s*$"));
    if (const auto shaped = referenceShape.match(text); shaped.hasMatch()) {
        const QString prefix = shaped.captured(1).toUpper();
        auto stmt = m_vault.connection().prepare("SELECT id FROM cases WHERE reference >= ?1 AND reference < ?2");
        if (!stmt) {
            return stmt.error();
        }
        stmt->bind(1, prefix).bind(2, prefix + QChar(0xFFFF));
        while (true) {
            auto row = stmt->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            hits.insert(stmt->int64(0));
        }
        return hits;  // a reference is never secret: restricted cases are found by it too
    }
    const QString me = m_vault.currentUser().username;
    // Restricted cases the user may not open are found by their reference only. They are few: fetch them
    // (through the restricted index) and check their reference in C++, so the full-text query stays a plain
    // MATCH without joins.
    QHash<qint64, QString> hidden;
    {
        auto stmt = m_vault.connection().prepare(
            "SELECT c.id, c.reference FROM cases c WHERE c.restricted = 1 AND c.fee_earner <> ?1 AND c.supervisor <> ?1 "
            "AND NOT EXISTS (SELECT 1 FROM case_access a WHERE a.case_id = c.id AND a.username = ?1) "
            "AND NOT EXISTS (SELECT 1 FROM break_glass_grants g WHERE g.username = ?1 AND g.case_id = c.id "
            "AND g.expires_at > ?2)");
        if (!stmt) {
            return stmt.error();
        }
        stmt->bind(1, me).bind(2, sql::isoUtc(m_vault.now()));
        while (true) {
            auto row = stmt->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            hidden.insert(stmt->int64(0), stmt->text(1).toLower());
        }
    }
    const QStringList terms = query.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    auto referenceMatches = [&terms](const QString& reference) {
        const QStringList parts = QString(reference).replace(QLatin1Char('-'), QLatin1Char(' ')).split(QLatin1Char(' '));
        return std::all_of(terms.begin(), terms.end(), [&](const QString& term) {
            const QString prefix = term.chopped(1).toLower();  // drop the trailing '*'
            return reference.startsWith(prefix)
                || std::any_of(parts.begin(), parts.end(), [&](const QString& p) { return p.startsWith(prefix); });
        });
    };
    auto stmt = m_vault.connection().prepare("SELECT docid FROM case_search WHERE case_search MATCH ?1");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, query);
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        const qint64 id = stmt->int64(0);
        auto it = hidden.constFind(id);
        if (it == hidden.constEnd() || referenceMatches(*it)) {
            hits.insert(id);
        }
    }
    return hits;
}

QString CaseSearchIndex::referenceText(const QString& reference)
{
    return reference + QLatin1Char(' ') + QString(reference).replace(QLatin1Char('-'), QLatin1Char(' '));
}

QString CaseSearchIndex::namesText(const QStringList& names)
{
    return withoutApostrophes(names.join(QLatin1Char(' ')));
}

Result<void> CaseSearchIndex::write(sql::Connection& db, qint64 caseId, const QString& reference,
                                    const QStringList& clientNames, const QStringList& partyNames)
{
    // REPLACE on the docid: FTS4 deletes the case's old entry (if any) before writing the new one.
    auto insert
        = db.prepare("INSERT OR REPLACE INTO case_search (docid, reference, names, parties) VALUES (?1, ?2, ?3, ?4)");
    if (!insert) {
        return insert.error();
    }
    return insert->bind(1, caseId)
        .bind(2, referenceText(reference))
        .bind(3, namesText(clientNames))
        .bind(4, namesText(partyNames))
        .run();
}

Result<void> CaseSearchIndex::refresh(sql::Connection& db, qint64 caseId)
{
    auto names = db.prepare("SELECT cases.reference, clients.full_name, clients.preferred_name, clients.former_names "
                            "FROM cases JOIN clients ON clients.id = cases.client_id WHERE cases.id = ?1");
    if (!names) {
        return names.error();
    }
    names->bind(1, caseId);
    auto row = names->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return {};
    }
    const QString reference = names->text(0);
    QStringList clientNames {names->text(1), names->text(2)};
    clientNames << listFromJson(names->text(3));
    names->reset();
    QStringList partyNames;
    auto parties = db.prepare("SELECT p.name, p.aliases FROM case_parties cp JOIN parties p ON p.id = cp.party_id "
                              "WHERE cp.case_id = ?1");
    if (!parties) {
        return parties.error();
    }
    parties->bind(1, caseId);
    while (true) {
        auto prow = parties->step();
        if (!prow) {
            return prow.error();
        }
        if (!*prow) {
            break;
        }
        partyNames << parties->text(0) << listFromJson(parties->text(1));
    }
    return write(db, caseId, reference, clientNames, partyNames);
}

Result<std::vector<Note>> CaseService::notes(qint64 caseId)
{
    if (auto allowed = requireCase(m_vault, *this, caseId); !allowed) {
        return allowed.error();
    }
    auto stmt = m_vault.connection().prepare(
        "SELECT id, at, author, sensitive, CASE WHEN sensitive = 1 THEN '' ELSE text END FROM notes "
        "WHERE case_id = ?1 ORDER BY at DESC, id DESC");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, caseId);
    std::vector<Note> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        Note n;
        n.id = stmt->int64(0);
        n.atUtc = QDateTime::fromString(stmt->text(1), Qt::ISODateWithMs);
        n.author = stmt->text(2);
        n.sensitive = stmt->int64(3) != 0;
        n.text = stmt->text(4);
        out.push_back(std::move(n));
    }
    return out;
}

Result<Note> CaseService::addNote(qint64 caseId, const QString& text, bool sensitive)
{
    auto reference = requireCase(m_vault, *this, caseId);
    if (!reference) {
        return reference.error();
    }
    if (text.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("The note is empty."));
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    Note n;
    n.atUtc = m_vault.now();
    n.author = m_vault.currentUser().username;
    n.sensitive = sensitive;
    n.text = text;
    auto stmt = db.prepare("INSERT INTO notes (case_id, at, author, sensitive, text) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!stmt) {
        return stmt.error();
    }
    if (auto ran = stmt->bind(1, caseId).bind(2, n.atUtc.toString(Qt::ISODateWithMs)).bind(3, n.author).bind(4, sensitive).bind(5, text).run();
        !ran) {
        return ran.error();
    }
    n.id = db.lastInsertRowId();
    if (auto logged = m_vault.audit(QStringLiteral("case.note.add"), QStringLiteral("case"), *reference,
                                    {{QStringLiteral("noteId"), n.id}, {QStringLiteral("sensitive"), sensitive}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return n;
}

Result<QString> CaseService::revealNote(qint64 noteId)
{
    auto owner = m_vault.connection().prepare("SELECT case_id, text, sensitive FROM notes WHERE id = ?1");
    if (!owner) {
        return owner.error();
    }
    owner->bind(1, noteId);
    auto row = owner->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That note no longer exists."));
    }
    const qint64 caseId = owner->int64(0);
    const QString text = owner->text(1);
    const bool sensitive = owner->int64(2) != 0;
    owner->reset();
    auto reference = requireCase(m_vault, *this, caseId);
    if (!reference) {
        return reference.error();
    }
    if (sensitive) {
        auto tx = sql::Transaction::begin(m_vault.connection());
        if (!tx) {
            return tx.error();
        }
        if (auto logged = m_vault.audit(QStringLiteral("case.note.reveal"), QStringLiteral("case"), *reference,
                                        {{QStringLiteral("noteId"), noteId}});
            !logged) {
            return logged.error();
        }
        if (auto committed = tx->commit(); !committed) {
            return committed.error();
        }
    }
    return text;
}

Result<std::vector<Task>> CaseService::tasks(qint64 caseId)
{
    if (auto allowed = requireCase(m_vault, *this, caseId); !allowed) {
        return allowed.error();
    }
    auto stmt = m_vault.connection().prepare(
        "SELECT id, title, due_on, assignee, done, urgent, kind, created_at, created_by FROM tasks WHERE case_id = ?1 "
        "ORDER BY done, urgent DESC, due_on IS NULL, due_on, id");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, caseId);
    std::vector<Task> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        Task t;
        t.id = stmt->int64(0);
        t.title = stmt->text(1);
        t.due = dateFrom(stmt->text(2));
        t.assignee = stmt->text(3);
        t.done = stmt->int64(4) != 0;
        t.urgent = stmt->int64(5) != 0;
        t.kind = taskKindFromId(stmt->text(6)).value_or(TaskKind::General);
        t.createdAtUtc = QDateTime::fromString(stmt->text(7), Qt::ISODateWithMs);
        t.createdBy = stmt->text(8);
        out.push_back(std::move(t));
    }
    return out;
}

Result<Task> CaseService::addTask(qint64 caseId, Task task)
{
    auto reference = requireCase(m_vault, *this, caseId);
    if (!reference) {
        return reference.error();
    }
    if (task.title.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Give the task a title."));
    }
    if (task.assignee.isEmpty()) {
        task.assignee = m_vault.currentUser().username;
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    task.createdAtUtc = m_vault.now();
    task.createdBy = m_vault.currentUser().username;
    if (auto added = insertTask(db, caseId, task, task.createdAtUtc.toString(Qt::ISODateWithMs), task.createdBy); !added) {
        return added.error();
    }
    task.id = db.lastInsertRowId();
    if (auto logged = m_vault.audit(QStringLiteral("case.task.add"), QStringLiteral("case"), *reference,
                                    {{QStringLiteral("taskId"), task.id}, {QStringLiteral("title"), task.title},
                                     {QStringLiteral("due"), dateText(task.due)}, {QStringLiteral("assignee"), task.assignee}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return task;
}

Result<void> CaseService::setTaskDone(qint64 taskId, bool done)
{
    auto owner = m_vault.connection().prepare("SELECT case_id, kind FROM tasks WHERE id = ?1");
    if (!owner) {
        return owner.error();
    }
    owner->bind(1, taskId);
    auto row = owner->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That task no longer exists."));
    }
    const qint64 caseId = owner->int64(0);
    const bool safeguarding = owner->text(1) == taskKindId(TaskKind::Safeguarding);
    owner->reset();
    auto reference = requireCase(m_vault, *this, caseId);
    if (!reference) {
        return reference.error();
    }
    sql::Connection& db = m_vault.connection();
    if (safeguarding && done) {
        auto alert = db.prepare("SELECT safeguarding_alert FROM cases WHERE id = ?1");
        if (alert && alert->bind(1, caseId).step().ok() && alert->int64(0) != 0) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("This safeguarding task closes when a supervisor records the action taken "
                                            "on the case."));
        }
    }
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto stmt = db.prepare("UPDATE tasks SET done = ?1, done_at = ?2, done_by = ?3 WHERE id = ?4");
    if (!stmt) {
        return stmt.error();
    }
    if (auto ran = stmt->bind(1, done)
                       .bind(2, done ? m_vault.now().toString(Qt::ISODateWithMs) : QString())
                       .bind(3, done ? m_vault.currentUser().username : QString())
                       .bind(4, taskId)
                       .run();
        !ran) {
        return ran.error();
    }
    if (auto logged = m_vault.audit(done ? QStringLiteral("case.task.done") : QStringLiteral("case.task.reopen"),
                                    QStringLiteral("case"), *reference, {{QStringLiteral("taskId"), taskId}});
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

Result<int> CaseService::recordSafeguardingAction(qint64 caseId, const SafeguardingAction& action)
{
    auto reference = requireCase(m_vault, *this, caseId);
    if (!reference) {
        return reference.error();
    }
    if (!isSupervisor()) {
        return m_vault.refuse(QStringLiteral("record a safeguarding action"), QStringLiteral("case"), *reference,
                              QStringLiteral("Only a supervisor can record the action taken on a safeguarding risk."));
    }
    const QDate today = m_vault.now().toLocalTime().date();
    QStringList problems;
    if (action.actionTaken.trimmed().size() < 10) {
        problems << QStringLiteral("Describe the action taken (who was consulted, any referral made, the outcome).");
    }
    if (action.leadConsultedOn.isValid() && action.leadConsultedOn > today) {
        problems << QStringLiteral("The safeguarding lead cannot have been consulted on %1, which is in the future.")
                        .arg(ukDate(action.leadConsultedOn));
    }
    if (!action.referrals.empty() && action.consent == ReferralConsent::NotApplicable) {
        problems << QStringLiteral("Say whether the client consented to the referral, or why it was made without "
                                   "their consent.");
    }
    if (action.consent == ReferralConsent::WithoutConsent && action.withoutConsentReason.trimmed().size() < 10) {
        problems << QStringLiteral("Give the reason for disclosing without the client's consent (for example, to "
                                   "protect a child from serious harm).");
    }
    if (action.reviewOn.isValid() && action.reviewOn < today) {
        problems << QStringLiteral("The review date %1 has passed: choose today or a later day.")
                        .arg(ukDate(action.reviewOn));
    }
    if (!problems.isEmpty()) {
        return makeError(ErrorCode::InvalidInput, problems.join(QLatin1Char(' ')));
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    const QString now = m_vault.now().toString(Qt::ISODateWithMs);
    const QString me = m_vault.currentUser().username;
    SafeguardingAction recorded = action;
    recorded.actionTaken = action.actionTaken.trimmed();
    recorded.leadConsulted = action.leadConsulted.trimmed();
    recorded.withoutConsentReason
        = recorded.consent == ReferralConsent::WithoutConsent ? action.withoutConsentReason.trimmed() : QString();
    recorded.outcome = action.outcome.trimmed();
    recorded.recordedAtUtc = m_vault.now();
    recorded.recordedBy = me;
    auto update = db.prepare("UPDATE cases SET safeguarding_alert = 0, safeguarding_action = ?1, "
                             "safeguarding_action_record = ?2, version = version + 1, updated_at = ?3, updated_by = ?4 "
                             "WHERE id = ?5");
    if (!update) {
        return update.error();
    }
    if (auto ran = update->bind(1, recorded.actionTaken)
                       .bind(2, objectToJson(recorded.toJson()))
                       .bind(3, now)
                       .bind(4, me)
                       .bind(5, caseId)
                       .run();
        !ran) {
        return ran.error();
    }
    auto version = db.prepare("SELECT version FROM cases WHERE id = ?1");
    if (!version) {
        return version.error();
    }
    version->bind(1, caseId);
    if (auto row = version->step(); !row || !*row) {
        return row ? makeError(ErrorCode::NotFound, QStringLiteral("That case no longer exists.")) : row.error();
    }
    const int newVersion = static_cast<int>(version->int64(0));
    version->reset();
    auto close = db.prepare("UPDATE tasks SET done = 1, done_at = ?1, done_by = ?2 WHERE case_id = ?3 AND kind = 'safeguarding' AND done = 0");
    if (!close) {
        return close.error();
    }
    if (auto ran = close->bind(1, now).bind(2, me).bind(3, caseId).run(); !ran) {
        return ran.error();
    }
    if (recorded.reviewOn.isValid()) {
        Task review;
        review.title
            = QStringLiteral("Safeguarding review: check how the client is and whether the action taken is enough");
        review.due = recorded.reviewOn;
        review.assignee = me;
        review.kind = TaskKind::General;
        if (auto added = insertTask(db, caseId, review, now, me); !added) {
            return added.error();
        }
    }
    QStringList referrals;
    for (Referral r : recorded.referrals) {
        referrals << referralId(r);
    }
    if (auto logged = m_vault.audit(QStringLiteral("case.safeguarding.action"), QStringLiteral("case"), *reference,
                                    {{QStringLiteral("action"), recorded.actionTaken},
                                     {QStringLiteral("leadConsulted"), recorded.leadConsulted},
                                     {QStringLiteral("referrals"), QJsonArray::fromStringList(referrals)},
                                     {QStringLiteral("consent"), referralConsentId(recorded.consent)},
                                     {QStringLiteral("privilegeChecked"), recorded.privilegeChecked},
                                     {QStringLiteral("reviewOn"), dateText(recorded.reviewOn)},
                                     {QStringLiteral("version"), newVersion}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return newVersion;
}

Result<qint64> CaseService::saveDraft(qint64 draftId, const QJsonObject& data)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!canSeeCaseContent()) {
        return m_vault.refuse(QStringLiteral("save an intake draft"), QStringLiteral("intake-draft"), QString::number(draftId),
                              QStringLiteral("Your role (%1) cannot take intakes.").arg(roleName(m_vault.currentUser().role)));
    }
    sql::Connection& db = m_vault.connection();
    const QString now = m_vault.now().toString(Qt::ISODateWithMs);
    const QString me = m_vault.currentUser().username;
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    qint64 id = draftId;
    if (draftId > 0) {
        auto stmt = db.prepare("UPDATE intake_drafts SET data = ?1, updated_at = ?2 WHERE id = ?3 AND owner = ?4");
        if (!stmt) {
            return stmt.error();
        }
        if (auto ran = stmt->bind(1, objectToJson(data)).bind(2, now).bind(3, draftId).bind(4, me).run(); !ran) {
            return ran.error();
        }
        if (db.changes() == 0) {
            id = 0;  // deleted meanwhile: start a new draft rather than lose what was typed
        }
    }
    if (id == 0) {
        auto stmt = db.prepare("INSERT INTO intake_drafts (owner, created_at, updated_at, data) VALUES (?1, ?2, ?2, ?3)");
        if (!stmt) {
            return stmt.error();
        }
        if (auto ran = stmt->bind(1, me).bind(2, now).bind(3, objectToJson(data)).run(); !ran) {
            return ran.error();
        }
        id = db.lastInsertRowId();
        if (auto logged = m_vault.audit(QStringLiteral("intake.draft.create"), QStringLiteral("intake-draft"), QString::number(id)); !logged) {
            return logged.error();
        }
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return id;
}

Result<std::vector<IntakeDraft>> CaseService::drafts()
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!canSeeCaseContent()) {
        return m_vault.refuse(QStringLiteral("list intake drafts"), QStringLiteral("intake-draft"), QString(),
                              QStringLiteral("Your role (%1) cannot take intakes.").arg(roleName(m_vault.currentUser().role)));
    }
    auto stmt = m_vault.connection().prepare("SELECT id, owner, updated_at, data FROM intake_drafts WHERE owner = ?1 ORDER BY updated_at DESC");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, m_vault.currentUser().username);
    std::vector<IntakeDraft> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        IntakeDraft d;
        d.id = stmt->int64(0);
        d.owner = stmt->text(1);
        d.updatedAtUtc = QDateTime::fromString(stmt->text(2), Qt::ISODateWithMs);
        d.data = objectFromJson(stmt->text(3));
        out.push_back(std::move(d));
    }
    return out;
}

Result<void> CaseService::deleteDraft(qint64 draftId)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready;
    }
    if (!canSeeCaseContent()) {
        return m_vault.refuse(QStringLiteral("delete an intake draft"), QStringLiteral("intake-draft"),
                              QString::number(draftId),
                              QStringLiteral("Your role (%1) cannot take intakes.").arg(roleName(m_vault.currentUser().role)));
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto stmt = db.prepare("DELETE FROM intake_drafts WHERE id = ?1 AND owner = ?2");
    if (!stmt) {
        return stmt.error();
    }
    if (auto ran = stmt->bind(1, draftId).bind(2, m_vault.currentUser().username).run(); !ran) {
        return ran.error();
    }
    if (auto logged = m_vault.audit(QStringLiteral("intake.draft.delete"), QStringLiteral("intake-draft"), QString::number(draftId)); !logged) {
        return logged.error();
    }
    return tx->commit();
}

Result<std::vector<AuditEntry>> CaseService::history(qint64 caseId)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    const Role r = m_vault.currentUser().role;
    if (r != Role::Supervisor && r != Role::Admin) {
        return m_vault.refuse(QStringLiteral("read a case's history"), QStringLiteral("case"),
                              caseAuditId(m_vault.connection(), caseId),
                              QStringLiteral("A case's history is for supervisors and admins."));
    }
    QString reference;
    if (r == Role::Supervisor) {
        // A supervisor sees the history of the cases they may open (restricted ones only if named on them).
        auto allowed = requireCase(m_vault, *this, caseId);
        if (!allowed) {
            return allowed.error();
        }
        reference = *allowed;
    } else {
        auto ref = m_vault.connection().prepare("SELECT reference FROM cases WHERE id = ?1");
        if (!ref) {
            return ref.error();
        }
        ref->bind(1, caseId);
        auto row = ref->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return makeError(ErrorCode::NotFound, QStringLiteral("That case no longer exists."));
        }
        reference = ref->text(0);
    }
    auto entries = AuditLog::listFor(m_vault.connection(), QStringLiteral("case"), reference);
    if (!entries) {
        return entries.error();
    }
    if (r == Role::Admin) {
        // Admins see who did what and when, never case content: values are reduced to the names of the fields.
        for (AuditEntry& e : *entries) {
            QJsonObject reduced;
            const QJsonObject changes = e.summary.value(QStringLiteral("changes")).toObject();
            if (!changes.isEmpty()) {
                reduced.insert(QStringLiteral("changedFields"), QJsonArray::fromStringList(changes.keys()));
            }
            e.summary = reduced;
        }
    }
    return entries;
}

}  // namespace claimdesk::core
