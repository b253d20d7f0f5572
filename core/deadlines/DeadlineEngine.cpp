#include "deadlines/DeadlineEngine.h"

#include "deadlines/HolidayCalendar.h"
#include "deadlines/RuleSupport.h"

#include <QSet>

#include <algorithm>
#include <array>
#include <tuple>

namespace claimdesk::core::deadlines {

namespace {

struct EventName {
    EventType type;
    const char16_t* id;
    const char16_t* label;
};

constexpr std::array<EventName, 11> kEventNames {{
    {EventType::LetterOfClaimPosted, u"letterOfClaimPosted", u"Letter of claim posted"},
    {EventType::LetterOfClaimAcknowledged, u"letterOfClaimAcknowledged", u"Letter of claim acknowledged"},
    {EventType::ClaimFormIssued, u"claimFormIssued", u"Claim form issued"},
    {EventType::ClaimFormServed, u"claimFormServed", u"Claim form served"},
    {EventType::ParticularsServed, u"particularsServed", u"Particulars of claim served"},
    {EventType::AcknowledgmentOfServiceFiled, u"acknowledgmentOfServiceFiled", u"Acknowledgment of service filed"},
    {EventType::DefenceExtensionAgreed, u"defenceExtensionAgreed", u"Extension for the defence agreed"},
    {EventType::Part36OfferSent, u"part36OfferSent", u"Part 36 offer sent"},
    {EventType::SubjectAccessRequestReceived, u"subjectAccessRequestReceived", u"Subject access request received"},
    {EventType::RehabilitationProposalReceived, u"rehabilitationProposalReceived",
     u"Rehabilitation proposal received"},
    {EventType::StandstillAgreed, u"standstillAgreed", u"Standstill agreed"},
}};

// Events a case can have only once.
bool singular(EventType type)
{
    switch (type) {
    case EventType::ClaimFormIssued:
    case EventType::ClaimFormServed:
    case EventType::ParticularsServed:
    case EventType::AcknowledgmentOfServiceFiled:
    case EventType::DefenceExtensionAgreed:
        return true;
    default:
        return false;
    }
}

QString quoted(const QDate& date)
{
    return QLatin1Char('"') + date.toString(Qt::ISODate) + QLatin1Char('"');
}

}  // namespace

QString eventTypeId(EventType type)
{
    for (const EventName& name : kEventNames) {
        if (name.type == type) {
            return QString::fromUtf16(name.id);
        }
    }
    return {};
}

std::optional<EventType> eventTypeFromId(const QString& id)
{
    for (const EventName& name : kEventNames) {
        if (id == QString::fromUtf16(name.id)) {
            return name.type;
        }
    }
    return std::nullopt;
}

QString eventTypeLabel(EventType type)
{
    for (const EventName& name : kEventNames) {
        if (name.type == type) {
            return QString::fromUtf16(name.label);
        }
    }
    return {};
}

QString partyId(ActingParty party)
{
    return party == ActingParty::Own ? QStringLiteral("own") : QStringLiteral("opponent");
}

DeadlineEngine::DeadlineEngine(const HolidayCalendar& calendar) : m_calendar(calendar) { }

QString DeadlineEngine::engineVersion()
{
    return QStringLiteral("1.0.0");
}

QString DeadlineEngine::rulesVersion()
{
    return QStringLiteral("2026.11.1");
}

QDate DeadlineEngine::s11zaCommencement()
{
    return QDate(2026, 6, 29);
}

QList<InputProblem> DeadlineEngine::validate(const EngineInput& input) const
{
    QList<InputProblem> problems;
    auto problem = [&problems](const QString& field, const QString& message) {
        problems.append(InputProblem {field, message});
    };
    if (!input.asOf.isValid()) {
        problem(QStringLiteral("asOf"), QStringLiteral("missing: give the date to compute as of (YYYY-MM-DD)"));
        return problems;
    }
    const std::optional<QDate>& dob = input.client.dateOfBirth;
    if (dob && *dob > input.asOf) {
        problem(QStringLiteral("client.dateOfBirth"),
                QStringLiteral("%1 is after asOf %2").arg(quoted(*dob), quoted(input.asOf)));
    }
    if (dob && input.client.dateOfDeath && *input.client.dateOfDeath < *dob) {
        problem(QStringLiteral("client.dateOfDeath"),
                QStringLiteral("%1 is before the date of birth %2").arg(quoted(*input.client.dateOfDeath), quoted(*dob)));
    }
    QSet<QString> ids;
    for (qsizetype i = 0; i < input.incidents.size(); ++i) {
        const IncidentFacts& incident = input.incidents.at(i);
        const QString path = QStringLiteral("incidents[%1]").arg(i);
        if (incident.id.isEmpty()) {
            problem(path + QStringLiteral(".id"), QStringLiteral("missing: every incident needs an id"));
        } else if (ids.contains(incident.id)) {
            problem(path + QStringLiteral(".id"), QStringLiteral("\"%1\" is used by another incident").arg(incident.id));
        }
        ids.insert(incident.id);
        if (!incident.start) {
            continue;
        }
        const QDate start = detail::earliestDay(*incident.start, incident.precision);
        if (incident.end && detail::latestDay(*incident.end, incident.endPrecision.value_or(incident.precision)) < start) {
            problem(path + QStringLiteral(".end"),
                    QStringLiteral("%1 is before the start %2").arg(quoted(*incident.end), quoted(*incident.start)));
        }
        if (start > input.asOf) {
            problem(path + QStringLiteral(".start"),
                    QStringLiteral("%1 is after asOf %2").arg(quoted(*incident.start), quoted(input.asOf)));
        }
        if (dob && detail::latestEnd(incident) < *dob) {
            problem(path + QStringLiteral(".start"),
                    QStringLiteral("%1 is before the client's date of birth %2").arg(quoted(*incident.start), quoted(*dob)));
        }
    }
    QSet<int> seen;
    for (qsizetype i = 0; i < input.events.size(); ++i) {
        const Event& event = input.events.at(i);
        const QString path = QStringLiteral("events[%1]").arg(i);
        const QString type = eventTypeId(event.type);
        if (singular(event.type)) {
            if (seen.contains(static_cast<int>(event.type))) {
                problem(path + QStringLiteral(".type"),
                        QStringLiteral("a second \"%1\" event: a case has only one; correct the first instead").arg(type));
            }
            seen.insert(static_cast<int>(event.type));
        }
        auto need = [&](bool present, const QString& field, const QString& what) {
            if (!present) {
                problem(path + QLatin1Char('.') + field, QStringLiteral("missing: %1 needs %2").arg(type, what));
            }
        };
        switch (event.type) {
        case EventType::LetterOfClaimPosted:
        case EventType::LetterOfClaimAcknowledged:
        case EventType::ClaimFormIssued:
        case EventType::AcknowledgmentOfServiceFiled:
        case EventType::SubjectAccessRequestReceived:
        case EventType::RehabilitationProposalReceived:
            need(event.date.has_value(), QStringLiteral("date"), QStringLiteral("the date (YYYY-MM-DD)"));
            break;
        case EventType::ClaimFormServed:
        case EventType::ParticularsServed:
        case EventType::Part36OfferSent:
            need(event.at.has_value(), QStringLiteral("at"), QStringLiteral("the date and time (YYYY-MM-DDTHH:MM)"));
            need(event.method.has_value(), QStringLiteral("method"), QStringLiteral("the method of service"));
            break;
        case EventType::DefenceExtensionAgreed:
            if (event.days <= 0) {
                problem(path + QStringLiteral(".days"),
                        QStringLiteral("%1 is not a number of days (give 1 to 28)").arg(event.days));
            }
            break;
        case EventType::StandstillAgreed:
            need(event.expiresOn.has_value(), QStringLiteral("expiresOn"), QStringLiteral("the date it ends"));
            break;
        }
        if (event.type == EventType::Part36OfferSent && event.relevantPeriodDays < 21) {
            problem(path + QStringLiteral(".relevantPeriodDays"),
                    QStringLiteral("%1 is less than the 21 days CPR 36.5 requires").arg(event.relevantPeriodDays));
        }
    }
    return problems;
}

EngineResult DeadlineEngine::compute(const EngineInput& input) const
{
    EngineResult result;
    result.engineVersion = engineVersion();
    result.rulesVersion = rulesVersion();
    result.holidayTableVersion = m_calendar.version();
    result.asOf = input.asOf;

    // Order independence: incidents by id, events in a canonical order, so the result never depends on how the
    // caller listed them.
    EngineInput sorted = input;
    std::sort(sorted.incidents.begin(), sorted.incidents.end(),
              [](const IncidentFacts& a, const IncidentFacts& b) { return a.id < b.id; });
    auto eventKey = [](const Event& e) {
        return std::make_tuple(static_cast<int>(e.type), e.date.value_or(QDate()).toJulianDay(),
                               e.at ? e.at->date().toJulianDay() * 1440 + e.at->time().msecsSinceStartOfDay() / 60000 : 0,
                               e.method ? static_cast<int>(*e.method) : -1, e.particularsIncluded,
                               e.expiresOn.value_or(QDate()).toJulianDay(), e.days, e.relevantPeriodDays,
                               static_cast<int>(e.region), e.party ? static_cast<int>(*e.party) : -1);
    };
    std::stable_sort(sorted.events.begin(), sorted.events.end(),
                     [&](const Event& a, const Event& b) { return eventKey(a) < eventKey(b); });

    const detail::Context context {sorted, m_calendar};
    result.limitation = detail::limitationEntries(context);
    for (const LimitationEntry& entry : result.limitation) {
        if (entry.safeDate && (!result.primary || *entry.safeDate < *result.primary->safeDate)) {
            result.primary = entry;
        }
    }
    detail::addProceduralDeadlines(context, result);
    // A total order, so that equal-looking entries (two SARs on one day, one for each side) never swap places.
    auto deadlineKey = [](const DeadlineEntry& d) {
        return std::make_tuple(d.date, d.rule, d.incident, d.strictDate, static_cast<int>(d.party), d.trigger,
                               d.explanation.join(QLatin1Char('\n')));
    };
    std::stable_sort(result.deadlines.begin(), result.deadlines.end(),
                     [&](const DeadlineEntry& a, const DeadlineEntry& b) { return deadlineKey(a) < deadlineKey(b); });
    auto serviceKey = [](const ServiceDate& s) {
        return std::make_tuple(s.document, s.deemedServed, s.explanation.join(QLatin1Char('\n')));
    };
    std::stable_sort(result.serviceDates.begin(), result.serviceDates.end(),
                     [&](const ServiceDate& a, const ServiceDate& b) { return serviceKey(a) < serviceKey(b); });
    return result;
}

}  // namespace claimdesk::core::deadlines
