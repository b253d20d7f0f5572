#include "deadlines/EngineJson.h"

#include "deadlines/DateRules.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>
#include <QTimeZone>

namespace claimdesk::core::deadlines {

namespace {

QString describe(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

// Reads one object's fields, collecting problems under a path prefix.
class Reader {
public:
    Reader(const QJsonObject& object, QString path, QList<InputProblem>& problems)
        : m_object(object), m_path(std::move(path)), m_problems(problems)
    {
    }

    QString field(const QString& name) const { return m_path.isEmpty() ? name : m_path + QLatin1Char('.') + name; }
    bool present(const QString& name) const
    {
        const QJsonValue v = m_object.value(name);
        return !v.isUndefined() && !v.isNull();
    }
    QJsonValue value(const QString& name) const { return m_object.value(name); }
    void problem(const QString& name, const QString& message) const
    {
        m_problems.append(InputProblem {field(name), message});
    }

    std::optional<QDate> date(const QString& name) const
    {
        if (!present(name)) {
            return std::nullopt;
        }
        static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        const QJsonValue v = value(name);
        const QString text = v.toString();
        const QDate parsed = v.isString() && shape.match(text).hasMatch() ? QDate::fromString(text, Qt::ISODate) : QDate();
        if (!parsed.isValid()) {
            problem(name, QStringLiteral("%1 is not a valid date (YYYY-MM-DD)").arg(describe(v)));
            return std::nullopt;
        }
        return parsed;
    }

    std::optional<QDateTime> dateTime(const QString& name) const
    {
        if (!present(name)) {
            return std::nullopt;
        }
        static const QRegularExpression shape(QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})T(\\d{2}):(\\d{2})(?::(\\d{2}))?$"));
        const QJsonValue v = value(name);
        const QRegularExpressionMatch match = shape.match(v.toString());
        if (v.isString() && match.hasMatch()) {
            const QDate day = QDate::fromString(match.captured(1), Qt::ISODate);
            const QTime time(match.captured(2).toInt(), match.captured(3).toInt(),
                             match.captured(4).isEmpty() ? 0 : match.captured(4).toInt());
            if (day.isValid() && time.isValid()) {
                // UK local wall-clock time, kept as given: only the date and the time of day matter to the rules.
                return QDateTime(day, time, QTimeZone::utc());
            }
        }
        problem(name, QStringLiteral("%1 is not a valid date and time (YYYY-MM-DDTHH:MM, UK local time)").arg(describe(v)));
        return std::nullopt;
    }

    bool boolean(const QString& name) const
    {
        if (!present(name)) {
            return false;
        }
        if (!value(name).isBool()) {
            problem(name, QStringLiteral("%1 is not true or false").arg(describe(value(name))));
            return false;
        }
        return value(name).toBool();
    }

    std::optional<int> integer(const QString& name) const
    {
        if (!present(name)) {
            return std::nullopt;
        }
        const QJsonValue v = value(name);
        const double d = v.toDouble();
        if (!v.isDouble() || d != static_cast<double>(static_cast<int>(d)) || d < -100000 || d > 100000) {
            problem(name, QStringLiteral("%1 is not a whole number").arg(describe(v)));
            return std::nullopt;
        }
        return static_cast<int>(d);
    }

    std::optional<QString> string(const QString& name) const
    {
        if (!present(name)) {
            return std::nullopt;
        }
        if (!value(name).isString()) {
            problem(name, QStringLiteral("%1 is not a string").arg(describe(value(name))));
            return std::nullopt;
        }
        return value(name).toString();
    }

    // One of `choices` (by their ids); anything else is a problem listing what is allowed.
    template <typename T>
    std::optional<T> choice(const QString& name, const QList<std::pair<QString, T>>& choices) const
    {
        const std::optional<QString> text = string(name);
        if (!text) {
            return std::nullopt;
        }
        QStringList allowed;
        for (const auto& [id, v] : choices) {
            if (id == *text) {
                return v;
            }
            allowed << id;
        }
        problem(name, QStringLiteral("\"%1\" is not one of %2").arg(*text, allowed.join(QStringLiteral(", "))));
        return std::nullopt;
    }

    std::optional<QJsonObject> object(const QString& name) const
    {
        if (!present(name)) {
            return std::nullopt;
        }
        if (!value(name).isObject()) {
            problem(name, QStringLiteral("%1 is not an object").arg(describe(value(name))));
            return std::nullopt;
        }
        return value(name).toObject();
    }

    std::optional<QJsonArray> array(const QString& name) const
    {
        if (!present(name)) {
            return std::nullopt;
        }
        if (!value(name).isArray()) {
            problem(name, QStringLiteral("%1 is not an array").arg(describe(value(name))));
            return std::nullopt;
        }
        return value(name).toArray();
    }

private:
    QJsonObject m_object;
    QString m_path;
    QList<InputProblem>& m_problems;
};

const QList<std::pair<QString, Region>> kRegions {
    {QStringLiteral("england-wales"), Region::EnglandWales},
    {QStringLiteral("scotland"), Region::Scotland},
    {QStringLiteral("northern-ireland"), Region::NorthernIreland},
};
const QList<std::pair<QString, Precision>> kPrecisions {
    {QStringLiteral("day"), Precision::Day},
    {QStringLiteral("month"), Precision::Month},
    {QStringLiteral("year"), Precision::Year},
};
const QList<std::pair<QString, KnowledgeStatus>> kKnowledge {
    {QStringLiteral("argued"), KnowledgeStatus::Argued},
    {QStringLiteral("agreed"), KnowledgeStatus::Agreed},
    {QStringLiteral("determined"), KnowledgeStatus::Determined},
};
const QList<std::pair<QString, AbuseType>> kAbuse {
    {QStringLiteral("sexual"), AbuseType::Sexual},
    {QStringLiteral("physical"), AbuseType::Physical},
    {QStringLiteral("emotional"), AbuseType::Emotional},
    {QStringLiteral("neglect"), AbuseType::Neglect},
};
const QList<std::pair<QString, ActingParty>> kParties {
    {QStringLiteral("own"), ActingParty::Own},
    {QStringLiteral("opponent"), ActingParty::Opponent},
};

QList<std::pair<QString, ServiceMethod>> methods()
{
    QList<std::pair<QString, ServiceMethod>> list;
    for (ServiceMethod m : {ServiceMethod::FirstClassPost, ServiceMethod::DocumentExchange, ServiceMethod::Personal,
                            ServiceMethod::LeaveAtAddress, ServiceMethod::Email, ServiceMethod::Fax}) {
        list.append({serviceMethodId(m), m});
    }
    return list;
}

QList<std::pair<QString, EventType>> eventTypes()
{
    QList<std::pair<QString, EventType>> list;
    for (int i = 0; i <= static_cast<int>(EventType::StandstillAgreed); ++i) {
        const auto type = static_cast<EventType>(i);
        list.append({eventTypeId(type), type});
    }
    return list;
}

void readIncident(const QJsonValue& value, const QString& path, ParsedInput& parsed)
{
    if (!value.isObject()) {
        parsed.problems.append(InputProblem {path, QStringLiteral("%1 is not an object").arg(describe(value))});
        return;
    }
    const Reader r(value.toObject(), path, parsed.problems);
    IncidentFacts incident;
    incident.id = r.string(QStringLiteral("id")).value_or(QString());
    incident.start = r.date(QStringLiteral("start"));
    incident.end = r.date(QStringLiteral("end"));
    incident.precision = r.choice(QStringLiteral("precision"), kPrecisions).value_or(Precision::Day);
    incident.endPrecision = r.choice(QStringLiteral("endPrecision"), kPrecisions);
    incident.region = r.choice(QStringLiteral("region"), kRegions).value_or(Region::EnglandWales);
    if (const auto types = r.array(QStringLiteral("abuseTypes"))) {
        for (qsizetype i = 0; i < types->size(); ++i) {
            const QJsonValue t = types->at(i);
            const QString field = r.field(QStringLiteral("abuseTypes[%1]").arg(i));
            const auto found = std::find_if(kAbuse.begin(), kAbuse.end(), [&](const auto& p) { return p.first == t.toString(); });
            if (!t.isString() || found == kAbuse.end()) {
                parsed.problems.append(InputProblem {
                    field, QStringLiteral("%1 is not one of sexual, physical, emotional, neglect").arg(describe(t))});
                continue;
            }
            incident.abuseTypes |= static_cast<unsigned>(found->second);
        }
    }
    incident.dateOfKnowledge = r.date(QStringLiteral("dateOfKnowledge"));
    incident.dateOfKnowledgeStatus = r.choice(QStringLiteral("dateOfKnowledgeStatus"), kKnowledge);
    incident.publicAuthorityDefendant = r.boolean(QStringLiteral("publicAuthorityDefendant"));
    parsed.input.incidents.append(incident);
}

std::optional<Event> readEventObject(const QJsonObject& object, const QString& path, QList<InputProblem>& problems)
{
    const Reader r(object, path, problems);
    if (!r.present(QStringLiteral("type"))) {
        r.problem(QStringLiteral("type"), QStringLiteral("missing: every event needs a type"));
        return std::nullopt;
    }
    const std::optional<EventType> type = r.choice(QStringLiteral("type"), eventTypes());
    if (!type) {
        return std::nullopt;
    }
    Event event;
    event.type = *type;
    event.date = r.date(QStringLiteral("date"));
    event.at = r.dateTime(QStringLiteral("at"));
    event.method = r.choice(QStringLiteral("method"), methods());
    event.particularsIncluded = r.boolean(QStringLiteral("particularsIncluded"));
    event.days = r.integer(QStringLiteral("days")).value_or(0);
    event.relevantPeriodDays = r.integer(QStringLiteral("relevantPeriodDays")).value_or(21);
    event.expiresOn = r.date(QStringLiteral("expiresOn"));
    event.region = r.choice(QStringLiteral("region"), kRegions).value_or(Region::EnglandWales);
    event.party = r.choice(QStringLiteral("party"), kParties);
    return event;
}

void readEvent(const QJsonValue& value, const QString& path, ParsedInput& parsed)
{
    if (!value.isObject()) {
        parsed.problems.append(InputProblem {path, QStringLiteral("%1 is not an object").arg(describe(value))});
        return;
    }
    if (auto event = readEventObject(value.toObject(), path, parsed.problems)) {
        parsed.input.events.append(*event);
    }
}

QJsonValue dateOrNull(const std::optional<QDate>& date)
{
    return date && date->isValid() ? QJsonValue(date->toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonObject limitationJson(const LimitationEntry& e)
{
    return QJsonObject {
        {QStringLiteral("incident"), e.incident},
        {QStringLiteral("region"), regionId(e.region)},
        {QStringLiteral("regime"), e.regime},
        {QStringLiteral("strictDate"), dateOrNull(e.strictDate)},
        {QStringLiteral("safeDate"), dateOrNull(e.safeDate)},
        {QStringLiteral("rollForwardDate"), dateOrNull(e.rollForwardDate)},
        {QStringLiteral("alternativeDate"), dateOrNull(e.alternativeDate)},
        {QStringLiteral("legacyDate"), dateOrNull(e.legacyDate)},
        {QStringLiteral("knowledgeDate"), dateOrNull(e.knowledgeDate)},
        {QStringLiteral("expired"), e.expired},
        {QStringLiteral("confidence"), e.confidence},
        {QStringLiteral("flags"), QJsonArray::fromStringList(e.flags)},
        {QStringLiteral("explanation"), QJsonArray::fromStringList(e.explanation)},
    };
}

QString numbered(const QStringList& steps, const QString& indent)
{
    QString text;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        text += indent + QString::number(i + 1) + QStringLiteral(". ") + steps.at(i) + QLatin1Char('\n');
    }
    return text;
}

QString minutes(const QDateTime& at)
{
    return at.date().toString(Qt::ISODate) + QLatin1Char('T') + at.time().toString(QStringLiteral("HH:mm"));
}

QString precisionId(Precision p)
{
    for (const auto& [id, value] : kPrecisions) {
        if (value == p) {
            return id;
        }
    }
    return {};
}

}  // namespace

std::optional<Event> parseEvent(const QJsonObject& object, QList<InputProblem>& problems)
{
    return readEventObject(object, QStringLiteral("event"), problems);
}

QJsonObject eventToJson(const Event& event)
{
    QJsonObject o {{QStringLiteral("type"), eventTypeId(event.type)}};
    if (event.date) {
        o.insert(QStringLiteral("date"), event.date->toString(Qt::ISODate));
    }
    if (event.at) {
        o.insert(QStringLiteral("at"), minutes(*event.at));
    }
    if (event.method) {
        o.insert(QStringLiteral("method"), serviceMethodId(*event.method));
    }
    if (event.type == EventType::ClaimFormServed) {
        o.insert(QStringLiteral("particularsIncluded"), event.particularsIncluded);
    }
    if (event.type == EventType::DefenceExtensionAgreed) {
        o.insert(QStringLiteral("days"), event.days);
    }
    if (event.type == EventType::Part36OfferSent) {
        o.insert(QStringLiteral("relevantPeriodDays"), event.relevantPeriodDays);
    }
    if (event.expiresOn) {
        o.insert(QStringLiteral("expiresOn"), event.expiresOn->toString(Qt::ISODate));
    }
    if (event.region != Region::EnglandWales) {
        o.insert(QStringLiteral("region"), regionId(event.region));
    }
    if (event.party) {
        o.insert(QStringLiteral("party"), partyId(*event.party));
    }
    return o;
}

QJsonObject inputToJson(const EngineInput& input)
{
    QJsonArray incidents;
    for (const IncidentFacts& i : input.incidents) {
        QJsonArray types;
        for (const auto& [id, type] : kAbuse) {
            if (i.has(type)) {
                types.append(id);
            }
        }
        QJsonObject o {{QStringLiteral("id"), i.id},
                       {QStringLiteral("start"), dateOrNull(i.start)},
                       {QStringLiteral("end"), dateOrNull(i.end)},
                       {QStringLiteral("precision"), precisionId(i.precision)},
                       {QStringLiteral("abuseTypes"), types},
                       {QStringLiteral("region"), regionId(i.region)},
                       {QStringLiteral("dateOfKnowledge"), dateOrNull(i.dateOfKnowledge)},
                       {QStringLiteral("publicAuthorityDefendant"), i.publicAuthorityDefendant}};
        if (i.endPrecision) {
            o.insert(QStringLiteral("endPrecision"), precisionId(*i.endPrecision));
        }
        if (i.dateOfKnowledgeStatus) {
            for (const auto& [id, status] : kKnowledge) {
                if (status == *i.dateOfKnowledgeStatus) {
                    o.insert(QStringLiteral("dateOfKnowledgeStatus"), id);
                }
            }
        }
        incidents.append(o);
    }
    QJsonArray events;
    for (const Event& e : input.events) {
        events.append(eventToJson(e));
    }
    return QJsonObject {
        {QStringLiteral("asOf"), input.asOf.toString(Qt::ISODate)},
        {QStringLiteral("client"),
         QJsonObject {{QStringLiteral("dateOfBirth"), dateOrNull(input.client.dateOfBirth)},
                      {QStringLiteral("dateOfDeath"), dateOrNull(input.client.dateOfDeath)},
                      {QStringLiteral("lacksCapacity"), input.client.lacksCapacity}}},
        {QStringLiteral("priorClaimDisposedOn"), dateOrNull(input.priorClaimDisposedOn)},
        {QStringLiteral("incidents"), incidents},
        {QStringLiteral("cica"),
         QJsonObject {{QStringLiteral("reportedToPoliceOn"), dateOrNull(input.cica.reportedToPoliceOn)},
                      {QStringLiteral("decisionOn"), dateOrNull(input.cica.decisionOn)},
                      {QStringLiteral("reviewDecisionOn"), dateOrNull(input.cica.reviewDecisionOn)}}},
        {QStringLiteral("events"), events},
    };
}

ParsedInput parseEngineInput(const QByteArray& json)
{
    ParsedInput parsed;
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        parsed.problems.append(InputProblem {QStringLiteral("input"), QStringLiteral("not valid JSON (%1 at byte %2)")
                                                                          .arg(error.errorString())
                                                                          .arg(error.offset)});
        return parsed;
    }
    if (!document.isObject()) {
        parsed.problems.append(InputProblem {QStringLiteral("input"), QStringLiteral("must be a JSON object")});
        return parsed;
    }
    const Reader root(document.object(), QString(), parsed.problems);
    if (!root.present(QStringLiteral("asOf"))) {
        root.problem(QStringLiteral("asOf"), QStringLiteral("missing: give the date to compute as of (YYYY-MM-DD)"));
    }
    parsed.input.asOf = root.date(QStringLiteral("asOf")).value_or(QDate());
    if (const auto client = root.object(QStringLiteral("client"))) {
        const Reader r(*client, QStringLiteral("client"), parsed.problems);
        parsed.input.client.dateOfBirth = r.date(QStringLiteral("dateOfBirth"));
        parsed.input.client.dateOfDeath = r.date(QStringLiteral("dateOfDeath"));
        parsed.input.client.lacksCapacity = r.boolean(QStringLiteral("lacksCapacity"));
    }
    parsed.input.priorClaimDisposedOn = root.date(QStringLiteral("priorClaimDisposedOn"));
    if (const auto incidents = root.array(QStringLiteral("incidents"))) {
        for (qsizetype i = 0; i < incidents->size(); ++i) {
            readIncident(incidents->at(i), QStringLiteral("incidents[%1]").arg(i), parsed);
        }
    }
    if (const auto cica = root.object(QStringLiteral("cica"))) {
        const Reader r(*cica, QStringLiteral("cica"), parsed.problems);
        parsed.input.cica.reportedToPoliceOn = r.date(QStringLiteral("reportedToPoliceOn"));
        parsed.input.cica.decisionOn = r.date(QStringLiteral("decisionOn"));
        parsed.input.cica.reviewDecisionOn = r.date(QStringLiteral("reviewDecisionOn"));
    }
    if (const auto events = root.array(QStringLiteral("events"))) {
        for (qsizetype i = 0; i < events->size(); ++i) {
            readEvent(events->at(i), QStringLiteral("events[%1]").arg(i), parsed);
        }
    }
    if (const auto closures = root.array(QStringLiteral("courtClosures"))) {
        for (qsizetype i = 0; i < closures->size(); ++i) {
            const QJsonValue v = closures->at(i);
            const QString path = QStringLiteral("courtClosures[%1]").arg(i);
            if (v.isObject()) {
                const Reader r(v.toObject(), path, parsed.problems);
                if (const auto day = r.date(QStringLiteral("date"))) {
                    parsed.courtClosures.append(
                        Holiday {*day, r.string(QStringLiteral("name")).value_or(QStringLiteral("Court closure"))});
                } else if (!r.present(QStringLiteral("date"))) {
                    r.problem(QStringLiteral("date"), QStringLiteral("missing"));
                }
                continue;
            }
            const QDate day = v.isString() ? QDate::fromString(v.toString(), Qt::ISODate) : QDate();
            if (!day.isValid()) {
                parsed.problems.append(InputProblem {path, QStringLiteral("%1 is not a valid date").arg(describe(v))});
                continue;
            }
            parsed.courtClosures.append(Holiday {day, QStringLiteral("Court closure")});
        }
    }
    return parsed;
}

QJsonObject toJson(const EngineResult& result)
{
    QJsonArray incidents;
    for (const LimitationEntry& e : result.limitation) {
        incidents.append(limitationJson(e));
    }
    QJsonValue primary(QJsonValue::Null);
    if (result.primary) {
        primary = QJsonObject {
            {QStringLiteral("incident"), result.primary->incident},
            {QStringLiteral("regime"), result.primary->regime},
            {QStringLiteral("strictDate"), dateOrNull(result.primary->strictDate)},
            {QStringLiteral("safeDate"), dateOrNull(result.primary->safeDate)},
            {QStringLiteral("rollForwardDate"), dateOrNull(result.primary->rollForwardDate)},
        };
    }
    QJsonArray deadlines;
    for (const DeadlineEntry& d : result.deadlines) {
        deadlines.append(QJsonObject {
            {QStringLiteral("rule"), d.rule},
            {QStringLiteral("title"), d.title},
            {QStringLiteral("party"), partyId(d.party)},
            {QStringLiteral("date"), dateOrNull(d.date)},
            {QStringLiteral("strictDate"), dateOrNull(d.strictDate)},
            {QStringLiteral("safeDate"), dateOrNull(d.safeDate)},
            {QStringLiteral("rollForwardDate"), dateOrNull(d.rollForwardDate)},
            {QStringLiteral("chaseDate"), dateOrNull(d.chaseDate)},
            {QStringLiteral("cutoff"), d.cutoff.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.cutoff)},
            {QStringLiteral("incident"), d.incident.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.incident)},
            {QStringLiteral("trigger"), d.trigger},
            {QStringLiteral("expired"), d.expired},
            {QStringLiteral("flags"), QJsonArray::fromStringList(d.flags)},
            {QStringLiteral("explanation"), QJsonArray::fromStringList(d.explanation)},
        });
    }
    QJsonArray service;
    for (const ServiceDate& s : result.serviceDates) {
        service.append(QJsonObject {
            {QStringLiteral("document"), s.document},
            {QStringLiteral("deemedServed"), dateOrNull(s.deemedServed)},
            {QStringLiteral("earliestReading"), dateOrNull(s.earliestReading)},
            {QStringLiteral("explanation"), QJsonArray::fromStringList(s.explanation)},
        });
    }
    QJsonArray warnings;
    for (const Warning& w : result.warnings) {
        warnings.append(QJsonObject {{QStringLiteral("code"), w.code}, {QStringLiteral("message"), w.message}});
    }
    return QJsonObject {
        {QStringLiteral("engineVersion"), result.engineVersion},
        {QStringLiteral("rulesVersion"), result.rulesVersion},
        {QStringLiteral("holidayTableVersion"), result.holidayTableVersion},
        {QStringLiteral("asOf"), result.asOf.toString(Qt::ISODate)},
        {QStringLiteral("limitation"),
         QJsonObject {{QStringLiteral("primary"), primary}, {QStringLiteral("incidents"), incidents}}},
        {QStringLiteral("deadlines"), deadlines},
        {QStringLiteral("serviceDates"), service},
        {QStringLiteral("warnings"), warnings},
    };
}

QString toText(const EngineResult& result)
{
    QString text = QStringLiteral("As of %1 (engine %2, rules %3, holidays %4)\n")
                       .arg(ukDate(result.asOf), result.engineVersion, result.rulesVersion, result.holidayTableVersion);
    text += QStringLiteral("\nLIMITATION\n");
    if (result.primary) {
        text += QStringLiteral("Primary: incident %1, safe date %2\n")
                    .arg(result.primary->incident, ukDate(*result.primary->safeDate));
    } else {
        text += QStringLiteral("Primary: no limitation date\n");
    }
    for (const LimitationEntry& e : result.limitation) {
        text += QStringLiteral("\nIncident %1: %2\n").arg(e.incident, e.regime);
        if (e.strictDate) {
            text += QStringLiteral("  Safe date %1; strict date %2").arg(ukDate(*e.safeDate), ukDate(*e.strictDate));
            if (e.rollForwardDate) {
                text += QStringLiteral("; roll-forward %1").arg(ukDate(*e.rollForwardDate));
            }
            text += e.expired ? QStringLiteral(" (EXPIRED)\n") : QStringLiteral("\n");
        } else {
            text += QStringLiteral("  No limitation date\n");
        }
        if (!e.flags.isEmpty()) {
            text += QStringLiteral("  Flags: ") + e.flags.join(QStringLiteral(", ")) + QLatin1Char('\n');
        }
        text += numbered(e.explanation, QStringLiteral("  "));
    }
    text += QStringLiteral("\nDEADLINES\n");
    if (result.deadlines.isEmpty()) {
        text += QStringLiteral("None\n");
    }
    for (const DeadlineEntry& d : result.deadlines) {
        text += QStringLiteral("\n%1  %2 [%3, %4]%5\n")
                    .arg(ukDate(d.date), d.title, d.rule, partyId(d.party),
                         d.expired ? QStringLiteral(" (PASSED)") : QString());
        text += numbered(d.explanation, QStringLiteral("  "));
    }
    if (!result.serviceDates.isEmpty()) {
        text += QStringLiteral("\nSERVICE\n");
        for (const ServiceDate& s : result.serviceDates) {
            text += QStringLiteral("\n%1 deemed served %2\n").arg(s.document, ukDate(s.deemedServed));
            text += numbered(s.explanation, QStringLiteral("  "));
        }
    }
    if (!result.warnings.isEmpty()) {
        text += QStringLiteral("\nWARNINGS\n");
        for (const Warning& w : result.warnings) {
            text += QStringLiteral("%1: %2\n").arg(w.code, w.message);
        }
    }
    return text;
}

QJsonArray holidaysToJson(const QList<Holiday>& holidays)
{
    QJsonArray array;
    for (const Holiday& h : holidays) {
        array.append(QJsonObject {{QStringLiteral("date"), h.date.toString(Qt::ISODate)}, {QStringLiteral("name"), h.name}});
    }
    return array;
}

}  // namespace claimdesk::core::deadlines
