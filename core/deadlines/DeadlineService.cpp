#include "deadlines/DeadlineService.h"

#include "cases/CaseService.h"
#include "deadlines/DateRules.h"
#include "deadlines/EngineJson.h"
#include "deadlines/HolidayCalendar.h"
#include "store/SqlText.h"
#include "store/Sqlite.h"
#include "store/Vault.h"
#include "users/User.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <map>

namespace claimdesk::core::deadlines {

namespace {

using sql::dateFrom;
using sql::dateText;
using sql::isoUtc;
using sql::notNull;

void bindDate(sql::Statement& s, int index, const QDate& d)
{
    if (d.isValid()) {
        s.bind(index, dateText(d));
    } else {
        s.bindNull(index);
    }
}

Precision precisionOf(DatePrecision p)
{
    switch (p) {
    case DatePrecision::Day:
        return Precision::Day;
    case DatePrecision::Month:
        return Precision::Month;
    case DatePrecision::Year:
    case DatePrecision::Approximate:
        return Precision::Year;  // "about 2005": the whole year is possible
    }
    return Precision::Year;
}

unsigned abuseBits(const QStringList& types)
{
    unsigned bits = 0;
    for (const QString& t : types) {
        const QString s = t.toLower();
        if (s.contains(QStringLiteral("sexual"))) {
            bits |= static_cast<unsigned>(AbuseType::Sexual);
        }
        if (s.contains(QStringLiteral("physical"))) {
            bits |= static_cast<unsigned>(AbuseType::Physical);
        }
        if (s.contains(QStringLiteral("emotional")) || s.contains(QStringLiteral("psychological"))) {
            bits |= static_cast<unsigned>(AbuseType::Emotional);
        }
        if (s.contains(QStringLiteral("neglect"))) {
            bits |= static_cast<unsigned>(AbuseType::Neglect);
        }
    }
    return bits;
}

// The facts a limitation sign-off verified: the engine input without its as-of date.
QString factsHash(EngineInput input)
{
    input.asOf = QDate(2000, 1, 1);
    const QByteArray json = QJsonDocument(inputToJson(input)).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex());
}

// The court closure days the firm added (table court_closures), in date order.
QList<Holiday> closuresOf(sql::Connection& db)
{
    QList<Holiday> closures;
    if (auto s = db.prepare("SELECT day, name FROM court_closures ORDER BY day")) {
        while (true) {
            auto row = s->step();
            if (!row || !*row) {
                break;
            }
            closures.append(Holiday {dateFrom(s->text(0)), s->text(1)});
        }
        s->reset();
    }
    return closures;
}

StoredDeadline readDeadline(const sql::Statement& s)
{
    StoredDeadline d;
    d.id = s.int64(0);
    d.caseId = s.int64(1);
    const QString kind = s.text(2);
    d.kind = kind == QStringLiteral("limitation") ? DeadlineKind::Limitation
        : kind == QStringLiteral("manual")        ? DeadlineKind::Manual
                                                  : DeadlineKind::Computed;
    d.rule = s.text(3);
    d.key = s.text(4);
    d.title = s.text(5);
    d.party = s.text(6) == QStringLiteral("opponent") ? ActingParty::Opponent : ActingParty::Own;
    d.incident = s.text(7);
    d.dueOn = dateFrom(s.text(8));
    d.strictOn = dateFrom(s.text(9));
    d.safeOn = dateFrom(s.text(10));
    d.rollForwardOn = dateFrom(s.text(11));
    d.cutoff = s.text(12);
    d.flags = s.text(13).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    // Stored zlib-compressed (explanations are a third of the vault otherwise); '[]' for manual deadlines.
    const QByteArray stored = s.blob(14);
    const QByteArray json = stored.startsWith('[') ? stored : qUncompress(stored);
    for (const QJsonValue& v : QJsonDocument::fromJson(json).array()) {
        d.explanation << v.toString();
    }
    d.engineVersion = s.text(15);
    d.rulesVersion = s.text(16);
    d.holidayVersion = s.text(17);
    d.computedAtUtc = QDateTime::fromString(s.text(18), Qt::ISODateWithMs);
    d.note = s.text(19);
    d.doneBy = s.text(20);
    d.doneAtUtc = QDateTime::fromString(s.text(21), Qt::ISODateWithMs);
    d.caseReference = s.text(22);
    return d;
}

constexpr const char* kDeadlineColumns
    = "d.id, d.case_id, d.kind, d.rule, d.key, d.title, d.party, d.incident, d.due_on, d.strict_on, d.safe_on, "
      "d.roll_forward_on, d.cutoff, d.flags, d.explanation, d.engine_version, d.rules_version, d.holiday_version, "
      "d.computed_at, d.note, d.done_by, d.done_at, c.reference";

}  // namespace

EngineInput caseFacts(const Client& client, const std::vector<Incident>& incidents,
                      const std::vector<CaseParty>& parties, const std::vector<ClaimLimb>& limbs)
{
    EngineInput input;
    if (client.dateOfBirth.isValid()) {
        input.client.dateOfBirth = client.dateOfBirth;
    }
    input.client.lacksCapacity = client.capacityConcern;
    bool publicAuthority = std::find(limbs.begin(), limbs.end(), ClaimLimb::HumanRightsAct) != limbs.end();
    for (const CaseParty& p : parties) {
        publicAuthority = publicAuthority || p.role == PartyRole::PublicAuthority;
    }
    int number = 0;
    for (const Incident& i : incidents) {
        IncidentFacts facts;
        facts.id = QString::number(++number);
        if (i.start.isValid()) {
            facts.start = i.start;
        }
        if (i.end.isValid()) {
            facts.end = i.end;
        }
        facts.precision = precisionOf(i.startPrecision);
        facts.endPrecision = precisionOf(i.endPrecision);
        facts.abuseTypes = abuseBits(i.abuseTypes);
        facts.region = i.region;
        facts.publicAuthorityDefendant = publicAuthority;
        if (i.reportedToPolice && i.policeReportDate.isValid()
            && (!input.cica.reportedToPoliceOn || i.policeReportDate < *input.cica.reportedToPoliceOn)) {
            input.cica.reportedToPoliceOn = i.policeReportDate;
        }
        input.incidents.append(facts);
    }
    return input;
}

QString deadlineKindId(DeadlineKind kind)
{
    switch (kind) {
    case DeadlineKind::Limitation:
        return QStringLiteral("limitation");
    case DeadlineKind::Computed:
        return QStringLiteral("computed");
    case DeadlineKind::Manual:
        return QStringLiteral("manual");
    }
    return {};
}

QString regimeLabel(const QString& regime)
{
    if (regime == u"EW_S11_ADULT") {
        return QStringLiteral("Adult at the time — LA 1980 s.11 (3 years from the abuse)");
    }
    if (regime == u"EW_S28_MINOR") {
        return QStringLiteral("Child at the time — LA 1980 s.28");
    }
    if (regime == u"EW_S14_KNOWLEDGE") {
        return QStringLiteral("From the date of knowledge — LA 1980 s.14");
    }
    if (regime == u"EW_S11ZA_CHILD_SEXUAL_ABUSE") {
        return QStringLiteral("No limitation period — LA 1980 s.11ZA (from %1). Defendant may apply to dismiss if a fair "
                  "hearing is impossible (s.11ZB).")
            .arg(ukShortDate(QDate(2026, 6, 29)));
    }
    if (regime == u"NI_ART7_ADULT") {
        return QStringLiteral("Adult at the time — Limitation (NI) Order 1989 art.7");
    }
    if (regime == u"NI_ART7_MINOR") {
        return QStringLiteral("Child at the time — Limitation (NI) Order 1989 arts.7 and 48");
    }
    if (regime == u"SCOT_S17_ADULT") {
        return QStringLiteral("Adult at the time — Prescription and Limitation (Scotland) Act 1973 s.17");
    }
    if (regime == u"SCOT_S17A_CHILDHOOD_ABUSE") {
        return QStringLiteral("No limitation period — PL(S)A 1973 s.17A (childhood abuse). The defender may ask the court to "
                  "dismiss if a fair hearing is impossible (s.17D).");
    }
    if (regime == u"SCOT_PRESCRIBED") {
        return QStringLiteral("May be extinguished — Scottish 20-year prescription (PL(S)A 1973 s.7): take advice at once");
    }
    if (regime == u"CAPACITY_UNDETERMINED") {
        return QStringLiteral("Capacity not yet determined — time may not run while the client lacks capacity (LA 1980 s.28)");
    }
    return regime;
}

QString limitationStateLabel(LimitationState state)
{
    switch (state) {
    case LimitationState::Verified:
        return QStringLiteral("Verified");
    case LimitationState::Unverified:
        return QStringLiteral("Unverified");
    case LimitationState::Missing:
        return QStringLiteral("Missing");
    }
    return {};
}

Result<void> DeadlineService::createSchema(sql::Connection& db)
{
    return db.exec(R"sql(
        -- Procedural events recorded on a case: the deadline engine's input, as its JSON (EngineJson).
        CREATE TABLE case_events (
            id          INTEGER PRIMARY KEY,
            case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            type        TEXT NOT NULL,
            data        TEXT NOT NULL,
            note        TEXT NOT NULL DEFAULT '',
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX case_events_by_case ON case_events (case_id);
        -- Deadlines: derived (kind limitation/computed, with the rule and the versions that produced them) or
        -- entered by hand (manual). `key` identifies a derived deadline within its case across recomputations.
        CREATE TABLE deadlines (
            id              INTEGER PRIMARY KEY,
            case_id         INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            kind            TEXT NOT NULL CHECK (kind IN ('limitation', 'computed', 'manual')),
            rule            TEXT NOT NULL,
            key             TEXT NOT NULL,
            title           TEXT NOT NULL,
            party           TEXT NOT NULL DEFAULT 'own',
            incident        TEXT NOT NULL DEFAULT '',
            due_on          TEXT,
            strict_on       TEXT,
            safe_on         TEXT,
            roll_forward_on TEXT,
            cutoff          TEXT NOT NULL DEFAULT '',
            flags           TEXT NOT NULL DEFAULT '',
            explanation     BLOB NOT NULL DEFAULT '[]',  -- JSON array of steps, zlib-compressed (qCompress)
            engine_version  TEXT NOT NULL DEFAULT '',
            rules_version   TEXT NOT NULL DEFAULT '',
            holiday_version TEXT NOT NULL DEFAULT '',
            computed_at     TEXT NOT NULL DEFAULT '',
            note            TEXT NOT NULL DEFAULT '',
            done_by         TEXT NOT NULL DEFAULT '',
            done_at         TEXT NOT NULL DEFAULT '',
            UNIQUE (case_id, key)
        );
        CREATE INDEX deadlines_open_by_due ON deadlines (done_at, due_on);
        -- Per case: the facts the last computation used (their hash), its primary limitation date and versions.
        CREATE TABLE case_deadline_state (
            case_id          INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
            case_version     INTEGER NOT NULL,
            facts_hash       TEXT NOT NULL,
            primary_safe_on  TEXT,
            limitation_count INTEGER NOT NULL DEFAULT 0,
            computed_at      TEXT NOT NULL,
            engine_version   TEXT NOT NULL,
            rules_version    TEXT NOT NULL,
            holiday_version  TEXT NOT NULL
        );
        -- Four-eyes limitation sign-off: an override (with reason) or a confirmation of the computed date,
        -- valid only while the case's facts hash is unchanged.
        CREATE TABLE limitation_signoffs (
            id           INTEGER PRIMARY KEY,
            case_id      INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            safe_on      TEXT,
            overridden   INTEGER NOT NULL DEFAULT 0,
            reason       TEXT NOT NULL DEFAULT '',
            facts_hash   TEXT NOT NULL,
            requested_by TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            verified_by  TEXT NOT NULL DEFAULT '',
            verified_at  TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX limitation_signoffs_by_case ON limitation_signoffs (case_id, id);
        CREATE TABLE reminder_acks (
            deadline_id     INTEGER NOT NULL REFERENCES deadlines (id) ON DELETE CASCADE,
            rung            TEXT NOT NULL,
            acknowledged_by TEXT NOT NULL,
            acknowledged_at TEXT NOT NULL,
            PRIMARY KEY (deadline_id, rung)
        );
        CREATE TABLE court_closures (
            day      TEXT PRIMARY KEY,
            name     TEXT NOT NULL,
            added_by TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL DEFAULT ''
        );
    )sql");
}

DeadlineService::DeadlineService(Vault& vault, CaseService& cases) : m_vault(vault), m_cases(cases) { }

const HolidayCalendar& DeadlineService::calendar()
{
    QList<Holiday> closures = closuresOf(m_vault.connection());
    if (!m_calendar || closures != m_calendarClosures) {
        m_calendar = closures.isEmpty() ? HolidayCalendar::builtIn() : HolidayCalendar::builtIn().withCourtClosures(closures);
        m_calendarClosures = std::move(closures);
    }
    return *m_calendar;
}

namespace {
Result<std::vector<CaseEvent>> storedEvents(sql::Connection& db, qint64 caseId);
}  // namespace

Result<EngineInput> DeadlineService::inputFor(qint64 caseId, const QDate& asOf)
{
    auto record = m_cases.load(caseId);
    if (!record) {
        return record.error();
    }
    EngineInput input = caseFacts(record->client, record->incidents, record->parties, record->limbs);
    input.asOf = asOf;
    auto events = storedEvents(m_vault.connection(), caseId);  // the case was checked just above
    if (!events) {
        return events.error();
    }
    for (const CaseEvent& e : *events) {
        input.events.append(e.event);
    }
    return input;
}

Result<EngineResult> DeadlineService::evaluate(qint64 caseId, const QDate& asOf)
{
    auto input = inputFor(caseId, asOf);
    if (!input) {
        return input.error();
    }
    const HolidayCalendar& calendar = this->calendar();
    return DeadlineEngine(calendar).compute(*input);
}

Result<std::vector<CaseEvent>> DeadlineService::events(qint64 caseId)
{
    // The events are case content: the case must be one the user may open (role and restriction, refusals audited).
    if (auto record = m_cases.load(caseId); !record) {
        return record.error();
    }
    return storedEvents(m_vault.connection(), caseId);
}

namespace {
// A case's events as stored, for callers that have already checked the case may be opened.
Result<std::vector<CaseEvent>> storedEvents(sql::Connection& db, qint64 caseId)
{
    auto s = db.prepare(
        "SELECT id, data, note, recorded_by, recorded_at FROM case_events WHERE case_id = ?1 ORDER BY id");
    if (!s) {
        return s.error();
    }
    s->bind(1, caseId);
    std::vector<CaseEvent> out;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        QList<InputProblem> problems;
        auto event = parseEvent(QJsonDocument::fromJson(s->text(1).toUtf8()).object(), problems);
        if (!event) {
            return makeError(ErrorCode::Corrupted, QStringLiteral("A stored event of this case cannot be read (%1).")
                                                       .arg(problems.isEmpty() ? QString() : problems.first().line()));
        }
        out.push_back(CaseEvent {s->int64(0), caseId, *event, s->text(2), s->text(3),
                                 QDateTime::fromString(s->text(4), Qt::ISODateWithMs)});
    }
    return out;
}
}  // namespace

Result<std::vector<DeadlineChange>> DeadlineService::addEvent(qint64 caseId, const Event& event, const QString& note)
{
    auto record = m_cases.load(caseId);
    if (!record) {
        return record.error();
    }
    const QDate today = m_vault.now().toLocalTime().date();
    auto input = inputFor(caseId, today);
    if (!input) {
        return input.error();
    }
    input->events.append(event);
    const HolidayCalendar& calendar = this->calendar();
    QStringList problems;
    for (const InputProblem& p : DeadlineEngine(calendar).validate(*input)) {
        if (p.field.startsWith(QStringLiteral("events[%1]").arg(input->events.size() - 1))) {
            problems << p.message;
        }
    }
    const QDate happened = event.at ? event.at->date() : event.date.value_or(QDate());
    if (happened.isValid() && happened > today) {
        problems << QStringLiteral("the date %1 is in the future: record an event once it has happened").arg(ukDate(happened));
    }
    if (!problems.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The event was not recorded: %1.").arg(problems.join(QStringLiteral("; "))));
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto insert = db.prepare("INSERT INTO case_events (case_id, type, data, note, recorded_by, recorded_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert) {
        return insert.error();
    }
    const QJsonObject data = eventToJson(event);
    insert->bind(1, caseId)
        .bind(2, eventTypeId(event.type))
        .bind(3, QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)))
        .bind(4, notNull(note))
        .bind(5, m_vault.currentUser().username)
        .bind(6, isoUtc(m_vault.now()));
    if (auto ran = insert->run(); !ran) {
        return ran.error();
    }
    if (auto logged = m_vault.audit(QStringLiteral("case.event.add"), QStringLiteral("case"), record->reference,
                                    {{QStringLiteral("eventId"), db.lastInsertRowId()}, {QStringLiteral("event"), data}});
        !logged) {
        return logged.error();
    }
    auto changes = recompute(caseId, today);
    if (!changes) {
        return changes.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return changes;
}

Result<std::vector<DeadlineChange>> DeadlineService::removeEvent(qint64 eventId)
{
    sql::Connection& db = m_vault.connection();
    auto owner = db.prepare("SELECT case_id, data FROM case_events WHERE id = ?1");
    if (!owner) {
        return owner.error();
    }
    owner->bind(1, eventId);
    auto found = owner->step();
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That event no longer exists."));
    }
    const qint64 caseId = owner->int64(0);
    const QJsonObject data = QJsonDocument::fromJson(owner->text(1).toUtf8()).object();
    owner->reset();
    auto record = m_cases.load(caseId);
    if (!record) {
        return record.error();
    }
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto del = db.prepare("DELETE FROM case_events WHERE id = ?1");
    if (!del) {
        return del.error();
    }
    if (auto ran = del->bind(1, eventId).run(); !ran) {
        return ran.error();
    }
    if (auto logged = m_vault.audit(QStringLiteral("case.event.remove"), QStringLiteral("case"), record->reference,
                                    {{QStringLiteral("eventId"), eventId}, {QStringLiteral("event"), data}});
        !logged) {
        return logged.error();
    }
    auto changes = recompute(caseId, m_vault.now().toLocalTime().date());
    if (!changes) {
        return changes.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return changes;
}

Result<std::vector<DeadlineChange>> DeadlineService::recompute(qint64 caseId, const QDate& asOf)
{
    auto input = inputFor(caseId, asOf);
    if (!input) {
        return input.error();
    }
    auto reference = m_vault.connection().prepare("SELECT reference FROM cases WHERE id = ?1");
    if (!reference) {
        return reference.error();
    }
    reference->bind(1, caseId);
    if (auto row = reference->step(); !row || !*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That case no longer exists."));
    }
    const QString ref = reference->text(0);
    reference->reset();
    const HolidayCalendar& calendar = this->calendar();
    const DeadlineEngine engine(calendar);
    // A case's stored facts are checked when they are entered; a problem left here (an incident after today)
    // is skipped by the engine rather than guessed.
    const EngineResult result = engine.compute(*input);
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto changes = store(caseId, ref, result);
    if (!changes) {
        return changes.error();
    }
    auto state = db.prepare(
        "INSERT OR REPLACE INTO case_deadline_state (case_id, facts_hash, primary_safe_on, limitation_count, "
        "computed_at, engine_version, rules_version, holiday_version, case_version) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, (SELECT version FROM cases WHERE id = ?1))");
    if (!state) {
        return state.error();
    }
    state->bind(1, caseId).bind(2, factsHash(*input));
    bindDate(*state, 3, result.primary ? result.primary->safeDate.value_or(QDate()) : QDate());
    state->bind(4, static_cast<qint64>(result.limitation.size()))
        .bind(5, isoUtc(m_vault.now()))
        .bind(6, result.engineVersion)
        .bind(7, result.rulesVersion)
        .bind(8, result.holidayTableVersion);
    if (auto ran = state->run(); !ran) {
        return ran.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return changes;
}

Result<std::vector<DeadlineChange>> DeadlineService::store(qint64 caseId, const QString& reference,
                                                           const EngineResult& result)
{
    sql::Connection& db = m_vault.connection();
    struct Row {
        DeadlineKind kind;
        QString rule, key, title, party, incident, cutoff;
        QDate due, strict, safe, roll;
        QStringList flags, explanation;
    };
    std::vector<Row> wanted;
    for (const LimitationEntry& e : result.limitation) {
        wanted.push_back(Row {DeadlineKind::Limitation, e.regime, QStringLiteral("LIMITATION:") + e.incident,
                              QStringLiteral("Limitation (incident %1)").arg(e.incident), partyId(ActingParty::Own),
                              e.incident, QString(), e.safeDate.value_or(QDate()), e.strictDate.value_or(QDate()),
                              e.safeDate.value_or(QDate()), e.rollForwardDate.value_or(QDate()), e.flags,
                              e.explanation});
    }
    QHash<QString, int> ordinals;
    for (const DeadlineEntry& d : result.deadlines) {
        const QString base = d.rule + QLatin1Char(':') + d.incident + QLatin1Char(':') + d.trigger;
        const int n = ++ordinals[base];
        const QString title = d.incident.isEmpty() ? d.title : QStringLiteral("%1 (incident %2)").arg(d.title, d.incident);
        wanted.push_back(Row {DeadlineKind::Computed, d.rule, base + QLatin1Char(':') + QString::number(n), title,
                              partyId(d.party), d.incident, d.cutoff, d.date, d.strictDate, d.safeDate,
                              d.rollForwardDate.value_or(QDate()), d.flags, d.explanation});
    }
    // What is stored now.
    std::map<QString, std::pair<qint64, QDate>> existing;
    {
        auto s = db.prepare("SELECT key, id, due_on FROM deadlines WHERE case_id = ?1 AND kind <> 'manual'");
        if (!s) {
            return s.error();
        }
        s->bind(1, caseId);
        while (true) {
            auto row = s->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            existing[s->text(0)] = {s->int64(1), dateFrom(s->text(2))};
        }
    }
    std::vector<DeadlineChange> changes;
    const QString now = isoUtc(m_vault.now());
    // No UPSERT in SQLCipher 3.4's SQLite 3.15: an UPDATE of the row found above, else an INSERT.
    auto insert = db.prepare(
        "INSERT INTO deadlines (case_id, kind, rule, key, title, party, incident, due_on, strict_on, safe_on, "
        "roll_forward_on, cutoff, flags, explanation, engine_version, rules_version, holiday_version, computed_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
    if (!insert) {
        return insert.error();
    }
    auto update = db.prepare(
        "UPDATE deadlines SET case_id = ?1, kind = ?2, rule = ?3, key = ?4, title = ?5, party = ?6, incident = ?7, "
        "due_on = ?8, strict_on = ?9, safe_on = ?10, roll_forward_on = ?11, cutoff = ?12, flags = ?13, "
        "explanation = ?14, engine_version = ?15, rules_version = ?16, holiday_version = ?17, computed_at = ?18 "
        "WHERE id = ?19");
    if (!update) {
        return update.error();
    }
    QSet<QString> keep;
    for (const Row& r : wanted) {
        keep.insert(r.key);
        const auto found = existing.find(r.key);
        if (found == existing.end()) {
            changes.push_back(DeadlineChange {r.key, r.title, QDate(), r.due});
        } else if (found->second.second != r.due) {
            changes.push_back(DeadlineChange {r.key, r.title, found->second.second, r.due});
        }
        sql::Statement& upsert = found == existing.end() ? *insert : *update;
        upsert.reset();  // each row binds afresh (a stepped statement cannot be re-bound)
        if (found != existing.end()) {
            upsert.bind(19, found->second.first);
        }
        upsert.bind(1, caseId)
            .bind(2, deadlineKindId(r.kind))
            .bind(3, r.rule)
            .bind(4, r.key)
            .bind(5, r.title)
            .bind(6, r.party)
            .bind(7, notNull(r.incident));
        bindDate(upsert, 8, r.due);
        bindDate(upsert, 9, r.strict);
        bindDate(upsert, 10, r.safe);
        bindDate(upsert, 11, r.roll);
        upsert.bind(12, notNull(r.cutoff))
            .bind(13, notNull(r.flags.join(QLatin1Char(' '))))
            .bindBlob(14, qCompress(QJsonDocument(QJsonArray::fromStringList(r.explanation)).toJson(QJsonDocument::Compact), 6))
            .bind(15, result.engineVersion)
            .bind(16, result.rulesVersion)
            .bind(17, result.holidayTableVersion)
            .bind(18, now);
        if (auto ran = upsert.run(); !ran) {
            return ran.error();
        }
    }
    auto del = db.prepare("DELETE FROM deadlines WHERE id = ?1");
    if (!del) {
        return del.error();
    }
    for (const auto& [key, value] : existing) {
        if (keep.contains(key)) {
            continue;
        }
        changes.push_back(DeadlineChange {key, key.section(QLatin1Char(':'), 0, 0), value.second, QDate()});
        del->reset();
        if (auto ran = del->bind(1, value.first).run(); !ran) {
            return ran.error();
        }
    }
    if (!changes.empty()) {
        QJsonArray list;
        for (const DeadlineChange& c : changes) {
            list.append(QJsonObject {{QStringLiteral("deadline"), c.key},
                                     {QStringLiteral("old"), c.before.isValid() ? dateText(c.before) : QJsonValue()},
                                     {QStringLiteral("new"), c.after.isValid() ? dateText(c.after) : QJsonValue()}});
        }
        if (auto logged = m_vault.audit(QStringLiteral("deadline.recompute"), QStringLiteral("case"), reference,
                                        {{QStringLiteral("changes"), list},
                                         {QStringLiteral("engineVersion"), result.engineVersion},
                                         {QStringLiteral("rulesVersion"), result.rulesVersion},
                                         {QStringLiteral("holidayTableVersion"), result.holidayTableVersion}});
            !logged) {
            return logged.error();
        }
    }
    return changes;
}

Result<int> DeadlineService::recomputeAll(const QDate& asOf, const std::function<bool(int, int)>& progress)
{
    auto cases = m_cases.list();
    if (!cases) {
        return cases.error();
    }
    std::vector<qint64> ids;
    for (const CaseSummary& s : *cases) {
        if (!s.restrictedPlaceholder && s.stage != Stage::Closed) {  // as refreshStale: closed cases keep theirs
            ids.push_back(s.id);
        }
    }
    auto tx = sql::Transaction::beginBulk(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    int changed = 0;
    const int total = static_cast<int>(ids.size());
    for (int i = 0; i < total; ++i) {
        auto changes = recompute(ids[static_cast<std::size_t>(i)], asOf);
        if (!changes) {
            return changes.error();
        }
        changed += changes->empty() ? 0 : 1;
        if (progress && (i % 256 == 0 || i + 1 == total) && !progress(i + 1, total)) {
            return makeError(ErrorCode::InvalidInput, QStringLiteral("Recomputation was cancelled; nothing was changed."));
        }
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return changed;
}

Result<int> DeadlineService::refreshStale(const QDate& asOf, int atMost)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!m_cases.canSeeCaseContent()) {
        return m_vault.refuse(QStringLiteral("recompute deadlines"), QStringLiteral("cases"), QString(),
                              QStringLiteral("Your role (%1) does not include case files.").arg(roleName(m_vault.currentUser().role)));
    }
    sql::Connection& db = m_vault.connection();
    const QString me = m_vault.currentUser().username;
    auto s = db.prepare(
        "SELECT c.id FROM cases c LEFT JOIN case_deadline_state st ON st.case_id = c.id "
        "WHERE c.stage <> 'closed' AND (st.case_id IS NULL OR st.case_version <> c.version "
        "OR st.engine_version <> ?1 OR st.rules_version <> ?2 OR st.holiday_version <> ?3) AND (c.restricted = 0 OR c.fee_earner = ?4 OR c.supervisor = ?4 OR EXISTS "
        "(SELECT 1 FROM case_access a WHERE a.case_id = c.id AND a.username = ?4)) ORDER BY c.id");
    if (!s) {
        return s.error();
    }
    s->bind(1, DeadlineEngine::engineVersion())
        .bind(2, DeadlineEngine::rulesVersion())
        .bind(3, calendar().version())
        .bind(4, me);
    std::vector<qint64> stale;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        stale.push_back(s->int64(0));
    }
    s->reset();
    if (stale.empty()) {
        return 0;
    }
    if (atMost >= 0 && stale.size() > static_cast<std::size_t>(atMost)) {
        return -1;
    }
    auto tx = sql::Transaction::beginBulk(db);
    if (!tx) {
        return tx.error();
    }
    for (const qint64 id : stale) {
        if (auto changes = recompute(id, asOf); !changes) {
            return changes.error();
        }
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return static_cast<int>(stale.size());
}

Result<std::vector<StoredDeadline>> DeadlineService::deadlines(qint64 caseId)
{
    if (auto allowed = m_cases.load(caseId); !allowed) {
        return allowed.error();
    }
    const QByteArray query = QByteArray("SELECT ") + kDeadlineColumns
        + " FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE d.case_id = ?1 "
          "ORDER BY d.due_on IS NULL, d.due_on, d.kind, d.key";
    auto s = m_vault.connection().prepare(query.constData());
    if (!s) {
        return s.error();
    }
    s->bind(1, caseId);
    std::vector<StoredDeadline> out;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        out.push_back(readDeadline(*s));
    }
    return out;
}

Result<StoredDeadline> DeadlineService::addManualDeadline(qint64 caseId, const QString& title, const QDate& dueOn,
                                                          const QString& note)
{
    auto record = m_cases.load(caseId);
    if (!record) {
        return record.error();
    }
    if (title.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Give the deadline a title (for example \"Witness "
                                                                 "statements by court order\")."));
    }
    if (!dueOn.isValid()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Give the deadline a date that exists."));
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    const QString now = isoUtc(m_vault.now());
    auto insert = db.prepare("INSERT INTO deadlines (case_id, kind, rule, key, title, party, due_on, strict_on, safe_on, "
                             "note, computed_at) VALUES (?1, 'manual', 'MANUAL', ?2, ?3, 'own', ?4, ?4, ?4, ?5, ?6)");
    if (!insert) {
        return insert.error();
    }
    // The key only has to be unique within the case: the time, and a random part for two added in one millisecond.
    const QString key = QStringLiteral("MANUAL:%1:%2").arg(now).arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    insert->bind(1, caseId).bind(2, key).bind(3, title.trimmed()).bind(4, dateText(dueOn))
        .bind(5, notNull(note)).bind(6, now);
    if (auto ran = insert->run(); !ran) {
        return ran.error();
    }
    const qint64 id = db.lastInsertRowId();
    if (auto logged = m_vault.audit(QStringLiteral("deadline.manual.add"), QStringLiteral("case"), record->reference,
                                    {{QStringLiteral("deadlineId"), id}, {QStringLiteral("title"), title.trimmed()},
                                     {QStringLiteral("due"), dateText(dueOn)}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    auto all = deadlines(caseId);
    if (!all) {
        return all.error();
    }
    for (const StoredDeadline& d : *all) {
        if (d.id == id) {
            return d;
        }
    }
    return makeError(ErrorCode::Internal, QStringLiteral("The new deadline could not be read back."));
}

Result<void> DeadlineService::complete(qint64 deadlineId)
{
    sql::Connection& db = m_vault.connection();
    auto owner = db.prepare("SELECT case_id, title, kind, done_at FROM deadlines WHERE id = ?1");
    if (!owner) {
        return owner.error();
    }
    owner->bind(1, deadlineId);
    auto found = owner->step();
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That deadline no longer exists."));
    }
    const qint64 caseId = owner->int64(0);
    const QString title = owner->text(1);
    const bool limitation = owner->text(2) == QStringLiteral("limitation");
    const bool done = !owner->text(3).isEmpty();
    owner->reset();
    auto record = m_cases.load(caseId);
    if (!record) {
        return record.error();
    }
    if (done) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("That deadline is already marked done."));
    }
    if (limitation) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A limitation date is met by issuing proceedings: record \"Claim form issued\" "
                                        "as an event instead of marking it done."));
    }
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto update = db.prepare("UPDATE deadlines SET done_by = ?2, done_at = ?3 WHERE id = ?1");
    if (!update) {
        return update.error();
    }
    update->bind(1, deadlineId).bind(2, m_vault.currentUser().username).bind(3, isoUtc(m_vault.now()));
    if (auto ran = update->run(); !ran) {
        return ran.error();
    }
    if (auto logged = m_vault.audit(QStringLiteral("deadline.complete"), QStringLiteral("case"), record->reference,
                                    {{QStringLiteral("deadlineId"), deadlineId}, {QStringLiteral("title"), title}});
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

Result<void> DeadlineService::overrideLimitation(qint64 caseId, const QDate& safeDate, const QString& reason)
{
    auto record = m_cases.load(caseId);
    if (!record) {
        return record.error();
    }
    if (m_vault.currentUser().role == Role::Paralegal) {
        return m_vault.refuse(QStringLiteral("override a limitation date"), QStringLiteral("case"), record->reference,
                              QStringLiteral("Only a solicitor or a supervisor may override a limitation date."));
    }
    if (reason.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Say why the limitation date is overridden: the reason "
                                                                 "is kept with the date and shown to the verifier."));
    }
    if (!safeDate.isValid()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Give the overriding date as a date that exists."));
    }
    auto input = inputFor(caseId, m_vault.now().toLocalTime().date());
    if (!input) {
        return input.error();
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    if (auto refreshed = recompute(caseId, input->asOf); !refreshed) {
        return refreshed.error();
    }
    auto insert = db.prepare("INSERT INTO limitation_signoffs (case_id, safe_on, overridden, reason, facts_hash, "
                             "requested_by, requested_at) VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6)");
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, caseId).bind(2, dateText(safeDate)).bind(3, reason.trimmed()).bind(4, factsHash(*input))
        .bind(5, m_vault.currentUser().username).bind(6, isoUtc(m_vault.now()));
    if (auto ran = insert->run(); !ran) {
        return ran.error();
    }
    if (auto logged = m_vault.audit(QStringLiteral("limitation.override"), QStringLiteral("case"), record->reference,
                                    {{QStringLiteral("safeDate"), dateText(safeDate)},
                                     {QStringLiteral("reason"), reason.trimmed()}});
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

namespace {

struct SignOffRow {
    bool exists = false;
    QDate safeOn;
    bool overridden = false;
    QString reason;
    QString factsHash;
    QString requestedBy;
    QString verifiedBy;
    QDateTime verifiedAt;
};

Result<SignOffRow> latestSignOff(sql::Connection& db, qint64 caseId)
{
    auto s = db.prepare("SELECT safe_on, overridden, reason, facts_hash, requested_by, verified_by, verified_at "
                        "FROM limitation_signoffs WHERE case_id = ?1 ORDER BY id DESC LIMIT 1");
    if (!s) {
        return s.error();
    }
    s->bind(1, caseId);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    SignOffRow r;
    if (*row) {
        r.exists = true;
        r.safeOn = dateFrom(s->text(0));
        r.overridden = s->int64(1) != 0;
        r.reason = s->text(2);
        r.factsHash = s->text(3);
        r.requestedBy = s->text(4);
        r.verifiedBy = s->text(5);
        r.verifiedAt = QDateTime::fromString(s->text(6), Qt::ISODateWithMs);
    }
    s->reset();
    return r;
}

}  // namespace

Result<void> DeadlineService::verifyLimitation(qint64 caseId)
{
    auto record = m_cases.load(caseId);
    if (!record) {
        return record.error();
    }
    const User& me = m_vault.currentUser();
    if (me.role != Role::Supervisor) {
        return m_vault.refuse(QStringLiteral("verify a limitation date"), QStringLiteral("case"), record->reference,
                              QStringLiteral("Only a supervisor may verify a limitation date."));
    }
    auto input = inputFor(caseId, m_vault.now().toLocalTime().date());
    if (!input) {
        return input.error();
    }
    const QString hash = factsHash(*input);
    sql::Connection& db = m_vault.connection();
    auto latest = latestSignOff(db, caseId);
    if (!latest) {
        return latest.error();
    }
    // Four eyes: not the person who last entered the case's facts, an event, or the override.
    QSet<QString> enteredBy {record->updatedBy};
    if (auto events = storedEvents(db, caseId)) {
        for (const CaseEvent& e : *events) {
            enteredBy.insert(e.recordedBy);
        }
    }
    const bool pendingOverride = latest->exists && latest->overridden && latest->verifiedBy.isEmpty()
        && latest->factsHash == hash;
    if (pendingOverride) {
        enteredBy.insert(latest->requestedBy);
    }
    if (enteredBy.contains(me.username)) {
        return m_vault.refuse(QStringLiteral("verify a limitation date they entered facts or an override for"),
                              QStringLiteral("case"), record->reference,
                              QStringLiteral("You entered facts or an override this date depends on: another supervisor "
                                             "must verify it (four eyes)."));
    }
    const EngineResult result = DeadlineEngine(calendar()).compute(*input);
    bool anyDated = false;
    for (const LimitationEntry& e : result.limitation) {
        anyDated = anyDated || e.strictDate.has_value();
    }
    if (!pendingOverride && result.limitation.isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("There is no limitation date to verify: record the "
                                                                 "incidents (at least their year) first."));
    }
    if (!pendingOverride) {
        for (const LimitationEntry& e : result.limitation) {
            if (e.flags.contains(QStringLiteral("DATE_MISSING"))) {
                return makeError(ErrorCode::InvalidInput,
                                 QStringLiteral("Incident %1 has no date: record it before verifying.").arg(e.incident));
            }
        }
    }
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    // The stored deadlines and their facts hash are brought up to date with what is being verified.
    if (auto refreshed = recompute(caseId, input->asOf); !refreshed) {
        return refreshed.error();
    }
    const QString now = isoUtc(m_vault.now());
    QDate verifiedDate;
    if (pendingOverride) {
        verifiedDate = latest->safeOn;
        auto update = db.prepare("UPDATE limitation_signoffs SET verified_by = ?2, verified_at = ?3 WHERE id = "
                                 "(SELECT max(id) FROM limitation_signoffs WHERE case_id = ?1)");
        if (!update) {
            return update.error();
        }
        if (auto ran = update->bind(1, caseId).bind(2, me.username).bind(3, now).run(); !ran) {
            return ran.error();
        }
    } else {
        verifiedDate = result.primary ? result.primary->safeDate.value_or(QDate()) : QDate();
        auto insert = db.prepare("INSERT INTO limitation_signoffs (case_id, safe_on, overridden, facts_hash, requested_by, "
                                 "requested_at, verified_by, verified_at) VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6, ?5)");
        if (!insert) {
            return insert.error();
        }
        insert->bind(1, caseId);
        bindDate(*insert, 2, verifiedDate);
        insert->bind(3, hash).bind(4, record->updatedBy).bind(5, now).bind(6, me.username);
        if (auto ran = insert->run(); !ran) {
            return ran.error();
        }
    }
    if (auto logged = m_vault.audit(QStringLiteral("limitation.verify"), QStringLiteral("case"), record->reference,
                                    {{QStringLiteral("safeDate"), verifiedDate.isValid() ? dateText(verifiedDate)
                                                                                          : QStringLiteral("none")},
                                     {QStringLiteral("override"), pendingOverride},
                                     {QStringLiteral("noLimitationPeriod"), !anyDated && !pendingOverride}});
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

Result<LimitationStatus> DeadlineService::limitationStatus(qint64 caseId)
{
    auto input = inputFor(caseId, m_vault.now().toLocalTime().date());
    if (!input) {
        return input.error();
    }
    sql::Connection& db = m_vault.connection();
    const EngineResult result = DeadlineEngine(calendar()).compute(*input);
    auto latest = latestSignOff(db, caseId);
    if (!latest) {
        return latest.error();
    }
    LimitationStatus status;
    status.caseId = caseId;
    status.primarySafeDate = result.primary ? result.primary->safeDate.value_or(QDate()) : QDate();
    bool anyDated = false;
    bool anyMissing = false;
    for (const LimitationEntry& e : result.limitation) {
        anyDated = anyDated || e.strictDate.has_value();
        anyMissing = anyMissing || e.flags.contains(QStringLiteral("DATE_MISSING"));
    }
    status.noLimitationPeriod = !result.limitation.isEmpty() && !anyDated && !anyMissing;
    const bool current = latest->exists && latest->factsHash == factsHash(*input);
    if (current && latest->overridden) {
        status.overridden = true;
        status.overrideReason = latest->reason;
        status.primarySafeDate = latest->safeOn;
        status.requestedBy = latest->requestedBy;
    }
    if (result.limitation.isEmpty() && !status.overridden) {
        status.state = LimitationState::Missing;
        status.why = QStringLiteral("No incident is recorded, so no limitation date can be computed.");
        return status;
    }
    if (anyMissing && !status.overridden) {
        status.state = LimitationState::Missing;
        status.why = QStringLiteral("An incident has no date, so its limitation date cannot be computed.");
        return status;
    }
    if (current && !latest->verifiedBy.isEmpty()) {
        status.state = LimitationState::Verified;
        status.verifiedBy = latest->verifiedBy;
        status.verifiedAtUtc = latest->verifiedAt;
        return status;
    }
    status.state = LimitationState::Unverified;
    if (latest->exists && !current) {
        status.why = QStringLiteral("The facts changed after the last sign-off: a supervisor must verify the date again.");
    } else if (status.overridden) {
        status.why = QStringLiteral("The override by %1 awaits verification by another supervisor.").arg(latest->requestedBy);
    } else {
        status.why = QStringLiteral("Not yet verified by a supervisor other than the person who entered the facts.");
    }
    return status;
}

Result<std::vector<std::pair<QString, LimitationStatus>>> DeadlineService::unverifiedQueue()
{
    auto overview = limitationOverview();
    if (!overview) {
        return overview.error();
    }
    std::vector<std::pair<QString, LimitationStatus>> out;
    for (LimitationOverviewEntry& entry : *overview) {
        if (!entry.restricted && entry.status.state != LimitationState::Verified) {
            out.emplace_back(std::move(entry.caseReference), std::move(entry.status));
        }
    }
    // The dates still ahead first (soonest first), then those already passed (most recent first), then none.
    const QDate today = m_vault.now().toLocalTime().date();
    auto rank = [&today](const LimitationStatus& st) {
        const QDate d = st.primarySafeDate;
        if (!d.isValid()) {
            return std::make_tuple(2, qint64 {0});
        }
        return d >= today ? std::make_tuple(0, d.toJulianDay()) : std::make_tuple(1, -d.toJulianDay());
    };
    std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return rank(a.second) < rank(b.second); });
    return out;
}

Result<std::vector<LimitationOverviewEntry>> DeadlineService::limitationOverview()
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!m_cases.canSeeCaseContent()) {
        return m_vault.refuse(QStringLiteral("read the firm's limitation positions"), QStringLiteral("cases"), QString(),
                              QStringLiteral("Your role (%1) does not include case files.").arg(roleName(m_vault.currentUser().role)));
    }
    // One query over the stored state (no case is loaded or computed): fast on 100,000 cases.
    const QString me = m_vault.currentUser().username;
    auto s = m_vault.connection().prepare(
        "SELECT c.id, c.reference, st.case_id IS NOT NULL, st.primary_safe_on, st.limitation_count, "
        "st.facts_hash, st.case_version = c.version, so.id IS NOT NULL, so.verified_by, so.facts_hash, so.overridden, "
        "so.requested_by, so.safe_on, so.reason, "
        "EXISTS (SELECT 1 FROM deadlines d WHERE d.case_id = c.id AND d.kind = 'limitation' "
        "        AND (' ' || d.flags || ' ') LIKE '% DATE_MISSING %'), "
        "EXISTS (SELECT 1 FROM deadlines d WHERE d.case_id = c.id AND d.kind = 'limitation' AND d.due_on IS NOT NULL), "
        "c.fee_earner, coalesce(u.display_name, c.fee_earner), "
        "c.restricted = 0 OR c.fee_earner = ?1 OR c.supervisor = ?1 OR EXISTS "
        "(SELECT 1 FROM case_access a WHERE a.case_id = c.id AND a.username = ?1) "
        "FROM cases c LEFT JOIN case_deadline_state st ON st.case_id = c.id "
        "LEFT JOIN limitation_signoffs so ON so.id = (SELECT max(x.id) FROM limitation_signoffs x WHERE x.case_id = c.id) "
        "LEFT JOIN users u ON u.username = c.fee_earner "
        "WHERE c.stage <> 'closed' ORDER BY c.id");
    if (!s) {
        return s.error();
    }
    s->bind(1, me);
    std::vector<LimitationOverviewEntry> out;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        LimitationOverviewEntry entry;
        LimitationStatus& status = entry.status;
        status.caseId = s->int64(0);
        entry.caseReference = s->text(1);
        entry.restricted = s->int64(18) == 0;
        if (!entry.restricted) {
            entry.feeEarner = s->text(16);
            entry.feeEarnerName = s->text(17);
        }
        const bool computed = s->int64(2) != 0;
        status.primarySafeDate = dateFrom(s->text(3));
        const qint64 limitationCount = s->int64(4);
        const bool fresh = s->int64(6) != 0;
        const bool signed_ = s->int64(7) != 0;
        const bool current = signed_ && computed && fresh && s->text(9) == s->text(5);
        status.overridden = current && s->int64(10) != 0;
        if (status.overridden) {
            status.primarySafeDate = dateFrom(s->text(12));
            status.overrideReason = s->text(13);
            status.requestedBy = s->text(11);
        }
        const bool dateMissing = s->int64(14) != 0;
        status.noLimitationPeriod = computed && limitationCount > 0 && !dateMissing && s->int64(15) == 0;
        if (current && !s->text(8).isEmpty()) {
            status.state = LimitationState::Verified;
            status.verifiedBy = s->text(8);
        } else if (!computed) {
            status.state = LimitationState::Unverified;
            status.why = QStringLiteral("Its deadlines have not been computed yet: open the case.");
        } else if (limitationCount == 0 && !status.overridden) {
            status.state = LimitationState::Missing;
            status.why = QStringLiteral("No incident is recorded, so no limitation date can be computed.");
        } else if (dateMissing && !status.overridden) {
            status.state = LimitationState::Missing;
            status.why = QStringLiteral("An incident has no date, so its limitation date cannot be computed.");
        } else if (signed_ && !current) {
            status.state = LimitationState::Unverified;
            status.why = QStringLiteral("The facts changed after the last sign-off: a supervisor must verify the date again.");
        } else if (status.overridden) {
            status.state = LimitationState::Unverified;
            status.why = QStringLiteral("The override by %1 awaits verification by another supervisor.").arg(status.requestedBy);
        } else {
            status.state = LimitationState::Unverified;
            status.why = QStringLiteral("Not yet verified by a supervisor other than the person who entered the facts.");
        }
        if (entry.restricted) {
            // Reference, state and date only: who asked for what, and why, is case content.
            status.why.clear();
            status.overrideReason.clear();
            status.requestedBy.clear();
            status.verifiedBy.clear();
        }
        out.push_back(std::move(entry));
    }
    s->reset();
    return out;
}

ReminderLadder ReminderLadder::standard()
{
    using U = ReminderRung::Unit;
    return ReminderLadder{{{U::Months, 12}, {U::Months, 6}, {U::Months, 3}, {U::Months, 1}, {U::Weeks, 2},
                           {U::LastBusinessDays, 5}}};
}

namespace {
const QString kLadderSetting = QStringLiteral("deadlines.reminderLadder");

// Days before the safe date a rung falls (an approximation for ordering and checks: months count as 31 days).
int roughDaysBefore(const ReminderRung& r)
{
    switch (r.unit) {
    case ReminderRung::Unit::Months:
        return r.count * 31;
    case ReminderRung::Unit::Weeks:
        return r.count * 7;
    case ReminderRung::Unit::Days:
        return r.count;
    case ReminderRung::Unit::LastBusinessDays:
        return r.count + (r.count / 5 + 1) * 2;  // weekends between
    }
    return 0;
}
}  // namespace

Result<ReminderLadder> ReminderLadder::parse(const QString& text)
{
    using U = ReminderRung::Unit;
    ReminderLadder ladder;
    QStringList problems;
    int businessRungs = 0;
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    for (const QString& raw : parts) {
        const QString part = raw.toLower();
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("^(\\d{1,3})(m|w|d|bd)$")).match(part);
        if (!m.hasMatch()) {
            problems << QStringLiteral("\"%1\" is not a rung: write a number and m (months), w (weeks), d (days) or "
                                       "bd (each of the last business days), for example 6m")
                            .arg(raw);
            continue;
        }
        const int n = m.captured(1).toInt();
        const QString unit = m.captured(2);
        ReminderRung rung;
        rung.count = n;
        int max = 0;
        if (unit == QStringLiteral("m")) {
            rung.unit = U::Months;
            max = 36;
        } else if (unit == QStringLiteral("w")) {
            rung.unit = U::Weeks;
            max = 104;
        } else if (unit == QStringLiteral("d")) {
            rung.unit = U::Days;
            max = 730;
        } else {
            rung.unit = U::LastBusinessDays;
            max = 20;
            ++businessRungs;
        }
        if (n < 1 || n > max) {
            problems << QStringLiteral("%1 must be between 1%2 and %3%2").arg(raw, unit).arg(max);
            continue;
        }
        ladder.rungs.push_back(rung);
    }
    if (parts.isEmpty()) {
        problems << QStringLiteral("give at least one rung, for example 12m, 6m, 3m, 1m, 2w, 5bd");
    }
    if (businessRungs > 1) {
        problems << QStringLiteral("give the last business days (bd) once");
    }
    if (problems.isEmpty()) {
        // Earliest first; the last business days always close the ladder.
        std::stable_sort(ladder.rungs.begin(), ladder.rungs.end(), [](const ReminderRung& a, const ReminderRung& b) {
            const bool aLast = a.unit == ReminderRung::Unit::LastBusinessDays;
            const bool bLast = b.unit == ReminderRung::Unit::LastBusinessDays;
            if (aLast != bLast) {
                return bLast;
            }
            return roughDaysBefore(a) > roughDaysBefore(b);
        });
        for (std::size_t i = 1; i < ladder.rungs.size(); ++i) {
            if (ladder.rungs[i].unit == ladder.rungs[i - 1].unit && ladder.rungs[i].count == ladder.rungs[i - 1].count) {
                problems << QStringLiteral("%1 is given twice").arg(ReminderLadder{{ladder.rungs[i]}}.text());
            }
        }
        const bool lastFortnight = std::any_of(ladder.rungs.begin(), ladder.rungs.end(), [](const ReminderRung& r) {
            return r.unit == U::LastBusinessDays || (r.unit == U::Weeks && r.count <= 2)
                || (r.unit == U::Days && r.count <= 14);
        });
        if (!lastFortnight) {
            problems << QStringLiteral("the ladder must remind within the last two weeks (add 2w, 10d or 5bd): a "
                                       "limitation date must never arrive unannounced");
        }
    }
    if (!problems.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The reminder ladder was not changed: %1.").arg(problems.join(QStringLiteral("; "))));
    }
    return ladder;
}

QString ReminderLadder::text() const
{
    QStringList parts;
    for (const ReminderRung& r : rungs) {
        switch (r.unit) {
        case ReminderRung::Unit::Months:
            parts << QStringLiteral("%1m").arg(r.count);
            break;
        case ReminderRung::Unit::Weeks:
            parts << QStringLiteral("%1w").arg(r.count);
            break;
        case ReminderRung::Unit::Days:
            parts << QStringLiteral("%1d").arg(r.count);
            break;
        case ReminderRung::Unit::LastBusinessDays:
            parts << QStringLiteral("%1bd").arg(r.count);
            break;
        }
    }
    return parts.join(QStringLiteral(", "));
}

QString ReminderLadder::describe() const
{
    // Runs of one unit are grouped: "12, 6, 3 and 1 months".
    QStringList groups;
    QString tail;
    std::size_t i = 0;
    while (i < rungs.size()) {
        const ReminderRung::Unit unit = rungs[i].unit;
        QStringList counts;
        int last = 0;
        for (; i < rungs.size() && rungs[i].unit == unit; ++i) {
            counts << QString::number(rungs[i].count);
            last = rungs[i].count;
        }
        const bool one = counts.size() == 1 && last == 1;  // "1 month", but "3 and 1 months"
        const QString list = counts.size() == 1
            ? counts.front()
            : counts.mid(0, counts.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + counts.back();
        switch (unit) {
        case ReminderRung::Unit::Months:
            groups << list + (one ? QStringLiteral(" month") : QStringLiteral(" months"));
            break;
        case ReminderRung::Unit::Weeks:
            groups << list + (one ? QStringLiteral(" week") : QStringLiteral(" weeks"));
            break;
        case ReminderRung::Unit::Days:
            groups << list + (one ? QStringLiteral(" day") : QStringLiteral(" days"));
            break;
        case ReminderRung::Unit::LastBusinessDays:
            tail = last == 1 ? QStringLiteral("on the last business day")
                             : QStringLiteral("each of the last %1 business days").arg(last);
            break;
        }
    }
    QString text = groups.join(QStringLiteral(", "));
    if (!text.isEmpty()) {
        text += QStringLiteral(" before");
    }
    if (!tail.isEmpty()) {
        text += text.isEmpty() ? tail : QStringLiteral(", then ") + tail;
    }
    return text;
}

std::vector<std::pair<QString, QDate>> ReminderLadder::rungsFor(const QDate& safeDate, Region region) const
{
    const HolidayCalendar& calendar = HolidayCalendar::builtIn();
    std::vector<std::pair<QString, QDate>> out;
    for (const ReminderRung& r : rungs) {
        switch (r.unit) {
        case ReminderRung::Unit::Months:
            out.emplace_back(QStringLiteral("%1 month%2").arg(r.count).arg(r.count == 1 ? QString() : QStringLiteral("s")),
                             addCalendarMonths(safeDate, -r.count));
            break;
        case ReminderRung::Unit::Weeks:
            out.emplace_back(QStringLiteral("%1 week%2").arg(r.count).arg(r.count == 1 ? QString() : QStringLiteral("s")),
                             safeDate.addDays(-7 * r.count));
            break;
        case ReminderRung::Unit::Days:
            out.emplace_back(QStringLiteral("%1 day%2").arg(r.count).arg(r.count == 1 ? QString() : QStringLiteral("s")),
                             safeDate.addDays(-r.count));
            break;
        case ReminderRung::Unit::LastBusinessDays: {
            // Each of the last N business days up to and including the safe date.
            std::vector<QDate> lastDays;
            for (QDate d = safeDate; lastDays.size() < static_cast<std::size_t>(r.count); d = d.addDays(-1)) {
                if (calendar.isBusinessDay(region, d)) {
                    lastDays.push_back(d);
                }
            }
            for (std::size_t i = lastDays.size(); i-- > 0;) {
                out.emplace_back(i == 0 ? QStringLiteral("due today")
                                        : QStringLiteral("%1 business day%2 left")
                                              .arg(i)
                                              .arg(i == 1 ? QString() : QStringLiteral("s")),
                                 lastDays[i]);
            }
            break;
        }
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return out;
}

QDate ReminderLadder::horizon(const QDate& today) const
{
    QDate furthest = today;
    for (const ReminderRung& r : rungs) {
        QDate reach;
        switch (r.unit) {
        case ReminderRung::Unit::Months:
            reach = addCalendarMonths(today, r.count);
            break;
        case ReminderRung::Unit::Weeks:
            reach = today.addDays(7 * r.count);
            break;
        case ReminderRung::Unit::Days:
            reach = today.addDays(r.count);
            break;
        case ReminderRung::Unit::LastBusinessDays:
            reach = today.addDays(r.count * 2 + 14);  // generous: N business days across holidays
            break;
        }
        furthest = std::max(furthest, reach);
    }
    return furthest.addDays(1);
}

std::vector<std::pair<QString, QDate>> DeadlineService::reminderLadder(const QDate& safeDate, Region region)
{
    return ReminderLadder::standard().rungsFor(safeDate, region);
}

Result<ReminderLadder> DeadlineService::firmReminderLadder()
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    auto text = m_vault.setting(kLadderSetting);
    if (!text) {
        return text.error();
    }
    if (text->isEmpty()) {
        return ReminderLadder::standard();
    }
    auto parsed = ReminderLadder::parse(*text);
    // A stored ladder that no longer reads (edited by hand) falls back to the standard one, never to none.
    return parsed ? *parsed : ReminderLadder::standard();
}

Result<void> DeadlineService::setFirmReminderLadder(const ReminderLadder& ladder)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready;
    }
    const Role role = m_vault.currentUser().role;
    if (role != Role::Supervisor && role != Role::Admin) {
        return m_vault.refuse(QStringLiteral("change the reminder ladder"), QStringLiteral("setting"), kLadderSetting,
                              QStringLiteral("Only a supervisor or an admin can change the firm's reminder ladder."));
    }
    auto checked = ReminderLadder::parse(ladder.text());
    if (!checked) {
        return checked.error();
    }
    auto before = firmReminderLadder();
    if (!before) {
        return before.error();
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    if (auto set = m_vault.setSetting(kLadderSetting, checked->text()); !set) {
        return set;
    }
    if (auto logged = m_vault.audit(QStringLiteral("deadline.reminder-ladder.set"), QStringLiteral("setting"),
                                    kLadderSetting,
                                    {{QStringLiteral("old"), before->text()}, {QStringLiteral("new"), checked->text()}});
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

Result<std::vector<DiaryEntry>> DeadlineService::diary(DiaryScope scope, const QDate& from, const QDate& to,
                                                       const QDate& today)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!m_cases.canSeeCaseContent()) {
        return m_vault.refuse(QStringLiteral("read the deadline diary"), QStringLiteral("cases"), QString(),
                              QStringLiteral("Your role (%1) does not include case files.").arg(roleName(m_vault.currentUser().role)));
    }
    const QString me = m_vault.currentUser().username;
    sql::Connection& db = m_vault.connection();
    // Deadlines due up to `to` (overdue ones too), and limitation dates whose reminder ladder has started
    // (safe date within 12 months and a day of today).
    auto ladder = firmReminderLadder();
    if (!ladder) {
        return ladder.error();
    }
    const QDate ladderHorizon = ladder->horizon(today);
    auto s = db.prepare(
        "SELECT d.id, d.case_id, c.reference, d.title, d.rule, d.kind, d.party, d.due_on, c.fee_earner, c.supervisor, "
        "c.restricted, EXISTS (SELECT 1 FROM case_access a WHERE a.case_id = c.id AND a.username = ?1) "
        "FROM deadlines d JOIN cases c ON c.id = d.case_id "
        "WHERE d.done_at = '' AND d.due_on IS NOT NULL AND d.due_on >= ?4 "
        "AND (d.due_on <= ?2 OR (d.kind = 'limitation' AND d.due_on <= ?3)) "
        "AND NOT (d.kind = 'limitation' AND d.due_on < ?5) "
        "AND c.stage <> 'closed' ORDER BY d.due_on, c.reference, d.id");
    if (!s) {
        return s.error();
    }
    // Overdue deadlines stay in the diary for a year (until marked done); a limitation date that has passed
    // leaves it: the case is then flagged S33_REQUIRED in its limitation panel and the limitation-risk report.
    s->bind(1, me)
        .bind(2, dateText(to))
        .bind(3, dateText(std::max(to, ladderHorizon)))
        .bind(4, dateText(addCalendarMonths(today, -12)))
        .bind(5, dateText(today));
    // Acknowledged reminder rungs.
    QSet<QString> acknowledged;
    if (auto acks = db.prepare("SELECT deadline_id, rung FROM reminder_acks")) {
        while (true) {
            auto row = acks->step();
            if (!row || !*row) {
                break;
            }
            acknowledged.insert(QString::number(acks->int64(0)) + QLatin1Char('|') + acks->text(1));
        }
        acks->reset();
    }
    const HolidayCalendar& calendar = HolidayCalendar::builtIn();
    std::vector<DiaryEntry> out;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        DiaryEntry e;
        e.deadlineId = s->int64(0);
        e.caseId = s->int64(1);
        e.caseReference = s->text(2);
        e.title = s->text(3);
        e.rule = s->text(4);
        const QString kind = s->text(5);
        e.kind = kind == QStringLiteral("limitation") ? DeadlineKind::Limitation
            : kind == QStringLiteral("manual")        ? DeadlineKind::Manual
                                                      : DeadlineKind::Computed;
        e.party = s->text(6) == QStringLiteral("opponent") ? ActingParty::Opponent : ActingParty::Own;
        e.dueOn = dateFrom(s->text(7));
        e.feeEarner = s->text(8);
        e.supervisor = s->text(9);
        const bool restricted = s->int64(10) != 0;
        const bool named = s->int64(11) != 0;
        const bool mine = e.feeEarner == me;
        const bool team = mine || e.supervisor == me;
        if ((scope == DiaryScope::Mine && !mine) || (scope == DiaryScope::Team && !team)) {
            continue;
        }
        e.restricted = restricted && !(team || named);
        if (e.restricted) {
            e.title = QStringLiteral("Deadline in a restricted case");
        }
        if (e.kind == DeadlineKind::Limitation && !e.restricted) {
            // The latest rung that has fallen due: it waits for acknowledgment (earlier rungs are superseded).
            for (const auto& [rung, due] : ladder->rungsFor(e.dueOn, Region::EnglandWales)) {
                if (due <= today) {
                    e.reminderRung = rung;
                    e.reminderDueOn = due;
                }
            }
            if (!e.reminderRung.isEmpty()
                && !acknowledged.contains(QString::number(e.deadlineId) + QLatin1Char('|') + e.reminderRung)) {
                e.needsAcknowledgment = true;
                // Not acknowledged by the next business day after it fell due: escalated to the supervisor.
                e.escalated = today >= addBusinessDays(e.reminderDueOn, 1, calendar, Region::EnglandWales);
            } else {
                e.reminderRung.clear();
                e.reminderDueOn = QDate();
            }
        }
        const bool inRange = e.dueOn <= to;
        if (!inRange && !e.needsAcknowledgment) {
            continue;
        }
        out.push_back(std::move(e));
    }
    Q_UNUSED(from);
    return out;
}

Result<void> DeadlineService::acknowledgeReminder(qint64 deadlineId, const QString& rung)
{
    sql::Connection& db = m_vault.connection();
    auto owner = db.prepare("SELECT case_id, title FROM deadlines WHERE id = ?1");
    if (!owner) {
        return owner.error();
    }
    owner->bind(1, deadlineId);
    auto found = owner->step();
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That deadline no longer exists."));
    }
    const qint64 caseId = owner->int64(0);
    owner->reset();
    auto record = m_cases.load(caseId);
    if (!record) {
        return record.error();
    }
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto insert = db.prepare("INSERT OR IGNORE INTO reminder_acks (deadline_id, rung, acknowledged_by, acknowledged_at) "
                             "VALUES (?1, ?2, ?3, ?4)");
    if (!insert) {
        return insert.error();
    }
    if (auto ran = insert->bind(1, deadlineId).bind(2, rung).bind(3, m_vault.currentUser().username)
                       .bind(4, isoUtc(m_vault.now())).run();
        !ran) {
        return ran.error();
    }
    if (auto logged = m_vault.audit(QStringLiteral("deadline.reminder.acknowledge"), QStringLiteral("case"),
                                    record->reference,
                                    {{QStringLiteral("deadlineId"), deadlineId}, {QStringLiteral("rung"), rung}});
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

Result<QList<Holiday>> DeadlineService::courtClosures()
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    return calendar().courtClosures();
}

namespace {

Result<void> requireAdminOrSupervisor(Vault& vault, const QString& action)
{
    if (vault.currentUser().role == Role::Supervisor) {
        return vault.requireReady();
    }
    return vault.requireAdmin(action);
}

}  // namespace

Result<void> DeadlineService::addCourtClosure(const QDate& day, const QString& name)
{
    if (auto allowed = requireAdminOrSupervisor(m_vault, QStringLiteral("add a court closure day")); !allowed) {
        return allowed;
    }
    if (!day.isValid()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Give the closure day as a date that exists."));
    }
    if (name.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("Say what the closure is (for example \"Court closed: building works\")."));
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto insert = db.prepare("INSERT OR REPLACE INTO court_closures (day, name, added_by, added_at) VALUES (?1, ?2, ?3, ?4)");
    if (!insert) {
        return insert.error();
    }
    if (auto ran = insert->bind(1, dateText(day)).bind(2, name.trimmed()).bind(3, m_vault.currentUser().username)
                       .bind(4, isoUtc(m_vault.now())).run();
        !ran) {
        return ran.error();
    }
    if (auto logged = m_vault.audit(QStringLiteral("deadline.closure.add"), QStringLiteral("calendar"), dateText(day),
                                    {{QStringLiteral("name"), name.trimmed()}});
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

Result<void> DeadlineService::removeCourtClosure(const QDate& day)
{
    if (auto allowed = requireAdminOrSupervisor(m_vault, QStringLiteral("remove a court closure day")); !allowed) {
        return allowed;
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto del = db.prepare("DELETE FROM court_closures WHERE day = ?1");
    if (!del) {
        return del.error();
    }
    if (auto ran = del->bind(1, dateText(day)).run(); !ran) {
        return ran.error();
    }
    if (db.changes() == 0) {
        return makeError(ErrorCode::NotFound, QStringLiteral("%1 is not a court closure day.").arg(ukDate(day)));
    }
    if (auto logged = m_vault.audit(QStringLiteral("deadline.closure.remove"), QStringLiteral("calendar"), dateText(day));
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

namespace {

QByteArray icsEscape(const QString& text)
{
    QString t = text;
    t.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    t.replace(QLatin1Char(';'), QStringLiteral("\\;"));
    t.replace(QLatin1Char(','), QStringLiteral("\\,"));
    t.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return t.toUtf8();
}

// RFC 5545 §3.1: lines of at most 75 octets, continued with CRLF + space; never split a UTF-8 sequence.
QByteArray folded(const QByteArray& line)
{
    QByteArray out;
    int count = 0;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const auto byte = static_cast<unsigned char>(line.at(i));
        const bool continuation = (byte & 0xC0) == 0x80;
        if (count >= 74 && !continuation) {
            out += "\r\n ";
            count = 1;
        }
        out += line.at(i);
        ++count;
    }
    return out + "\r\n";
}

}  // namespace

QByteArray DeadlineService::toIcs(const std::vector<DiaryEntry>& entries, const QDateTime& stampUtc)
{
    QByteArray ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ClaimDesk//Deadline diary//EN\r\nCALSCALE:GREGORIAN\r\n"
                     "METHOD:PUBLISH\r\n";
    const QByteArray stamp = stampUtc.toUTC().toString(QStringLiteral("yyyyMMddTHHmmssZ")).toLatin1();
    for (const DiaryEntry& e : entries) {
        if (!e.dueOn.isValid()) {
            continue;
        }
        ics += "BEGIN:VEVENT\r\n";
        ics += folded("UID:deadline-" + QByteArray::number(e.deadlineId) + "-" + e.dueOn.toString(QStringLiteral("yyyyMMdd")).toLatin1()
                      + "@claimdesk");
        ics += folded("DTSTAMP:" + stamp);
        ics += folded("DTSTART;VALUE=DATE:" + e.dueOn.toString(QStringLiteral("yyyyMMdd")).toLatin1());
        ics += folded("DTEND;VALUE=DATE:" + e.dueOn.addDays(1).toString(QStringLiteral("yyyyMMdd")).toLatin1());
        // Case reference and rule title only: never a client's name.
        ics += folded("SUMMARY:" + icsEscape(e.caseReference + QStringLiteral(": ") + e.title));
        ics += folded("CATEGORIES:" + icsEscape(e.kind == DeadlineKind::Limitation ? QStringLiteral("Limitation")
                                                                                   : QStringLiteral("Deadline")));
        ics += "TRANSP:TRANSPARENT\r\nCLASS:CONFIDENTIAL\r\nEND:VEVENT\r\n";
    }
    ics += "END:VCALENDAR\r\n";
    return ics;
}

}  // namespace claimdesk::core::deadlines
