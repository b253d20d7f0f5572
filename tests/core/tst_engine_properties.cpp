// Property tests of the deadline engine over thousands of generated scenarios (fixed seed, so every run checks
// the same inputs and a failure names the scenario to replay). Each property comes from DOMAIN.md or
// ENGINE-CLI.md: the ordering of strict/safe/roll-forward dates, open days, the party rule for `date`, order
// independence, determinism, `expired`, the primary selection, and independent models of the simple rules.
// Nothing depends on today's date.

#include "deadlines/DeadlineEngine.h"
#include "deadlines/EngineJson.h"
#include "deadlines/EngineTypes.h"
#include "deadlines/HolidayCalendar.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <optional>

using namespace claimdesk::core;
using namespace claimdesk::core::deadlines;
using namespace Qt::StringLiterals;

// Who must act by a deadline (own / opponent), whatever the engine calls the enum.
using PartyT = decltype(claimdesk::core::deadlines::DeadlineEntry::party);

namespace {

constexpr quint32 kSeed = 20261127;
constexpr int kScenarios = 5000;
constexpr int kMaxReported = 8;  // failures shown per property (the count is always reported)

const QDate kS11zaCommencement(2026, 6, 29);
const QDate kScotlandChildhoodAbuseInForce(2017, 10, 4);
const QDate kScotlandPrescriptionCutoff(1964, 9, 26);

constexpr unsigned kSexual = static_cast<unsigned>(AbuseType::Sexual);

const HolidayCalendar& calendar()
{
    return HolidayCalendar::builtIn();
}

QString show(const QDate& date)
{
    return date.isValid() ? date.toString(u"ddd yyyy-MM-dd"_s) : u"null"_s;
}

QString show(const std::optional<QDate>& date)
{
    return date ? show(*date) : u"null"_s;
}

QString regionWord(Region region)
{
    return regionId(region);
}

// --- An independent model of the simple rules (DOMAIN.md P1–P5, §2, §3, §4, §6.4) ---------------------------

// P4/P5: the corresponding date `months` later, or the last day of that month.
QDate corresponding(const QDate& date, int months)
{
    const int total = date.year() * 12 + (date.month() - 1) + months;
    const int year = total / 12;
    const int month = total % 12 + 1;
    return QDate(year, month, std::min(date.day(), QDate(year, month, 1).daysInMonth()));
}

// A birthday by the earlier (28 Feb) convention (P5, U2).
QDate birthday(const QDate& dob, int age)
{
    return corresponding(dob, age * 12);
}

// CPR 6.26, written out from the table in DOMAIN.md §4.2 B4.
QDate deemedDocument(const QDateTime& sent, ServiceMethod method, Region region)
{
    QDate day = sent.date();
    if (method == ServiceMethod::FirstClassPost || method == ServiceMethod::DocumentExchange) {
        day = day.addDays(2);
        while (!calendar().isBusinessDay(region, day)) {
            day = day.addDays(1);
        }
        return day;
    }
    if (calendar().isBusinessDay(region, day) && sent.time() < QTime(16, 30)) {
        return day;
    }
    do {
        day = day.addDays(1);
    } while (!calendar().isBusinessDay(region, day));
    return day;
}

// --- Scenario generator ----------------------------------------------------------------------------------------

class Generator {
public:
    explicit Generator(quint32 seed) : m_rng(seed) { }

    int between(int lowest, int highest) { return m_rng.bounded(lowest, highest + 1); }
    bool chance(int percent) { return between(1, 100) <= percent; }
    QDate dayBetween(const QDate& first, const QDate& last)
    {
        if (last <= first) {
            return first;
        }
        return first.addDays(m_rng.bounded(qint64(0), first.daysTo(last) + 1));
    }
    template <typename T>
    const T& pick(const QList<T>& list)
    {
        return list.at(between(0, int(list.size()) - 1));
    }
    Region region(int englandPercent)
    {
        if (chance(englandPercent)) {
            return Region::EnglandWales;
        }
        return chance(50) ? Region::Scotland : Region::NorthernIreland;
    }
    QDateTime moment(const QDate& day)
    {
        return QDateTime(day, QTime(between(7, 21), between(0, 59)), QTimeZone::utc());
    }
    ServiceMethod method()
    {
        return pick(QList<ServiceMethod> {ServiceMethod::FirstClassPost, ServiceMethod::DocumentExchange,
                                          ServiceMethod::Personal, ServiceMethod::LeaveAtAddress, ServiceMethod::Email,
                                          ServiceMethod::Fax});
    }
    std::optional<PartyT> party()
    {
        switch (between(0, 2)) {
        case 0:
            return std::nullopt;
        case 1:
            return PartyT::Own;
        default:
            return PartyT::Opponent;
        }
    }
    template <typename T>
    void shuffle(QList<T>& list)
    {
        for (qsizetype i = list.size() - 1; i > 0; --i) {
            list.swapItemsAt(i, between(0, int(i)));
        }
    }

    EngineInput scenario()
    {
        EngineInput in;
        // The as-of date: often near the law-change dates, otherwise anywhere from 1995 to 2035.
        const int when = between(1, 100);
        if (when <= 25) {
            in.asOf = dayBetween(QDate(2026, 6, 20), QDate(2026, 7, 10));
        } else if (when <= 30) {
            in.asOf = dayBetween(QDate(2017, 9, 25), QDate(2017, 10, 15));
        } else {
            in.asOf = dayBetween(QDate(1995, 1, 1), QDate(2035, 12, 31));
        }
        // The client: born 1950–2020 (before asOf), sometimes on 29 February, sometimes unknown.
        QDate dob = dayBetween(QDate(1950, 1, 1), std::min(QDate(2020, 12, 31), in.asOf.addDays(-400)));
        if (chance(4)) {
            int year = dob.year() - dob.year() % 4;
            if (!QDate::isLeapYear(year)) {
                year -= 4;
            }
            dob = QDate(year, 2, 29);
        }
        if (!chance(7)) {
            in.client.dateOfBirth = dob;
        }
        if (chance(5)) {
            in.client.dateOfDeath = dayBetween(dob.addDays(200), in.asOf);
        }
        in.client.lacksCapacity = chance(5);
        if (chance(10)) {
            in.priorClaimDisposedOn = dayBetween(QDate(2000, 1, 1), in.asOf);
        }
        // Incidents (1–4).
        const int incidents = between(1, 4);
        for (int i = 0; i < incidents; ++i) {
            IncidentFacts incident;
            incident.id = u"i"_s + QString::number(i + 1);
            const int precision = between(1, 100);
            incident.precision = precision <= 70 ? Precision::Day : precision <= 85 ? Precision::Month : Precision::Year;
            QDate start = dayBetween(dob, in.asOf);
            if (chance(2)) {  // around the Scottish prescription cut-off
                start = dayBetween(QDate(1964, 9, 20), QDate(1964, 10, 2));
                if (start < dob) {
                    start = dob;
                }
            }
            incident.start = start;
            if (chance(40)) {
                incident.end = std::min(in.asOf, start.addDays(between(0, 2500)));
            }
            incident.abuseTypes = unsigned(between(0, 15));
            if (chance(60)) {
                incident.abuseTypes |= kSexual;
            }
            incident.region = region(70);
            if (chance(15)) {
                incident.dateOfKnowledge = dayBetween(start, in.asOf);
                switch (between(0, 3)) {
                case 0:
                    break;
                case 1:
                    incident.dateOfKnowledgeStatus = KnowledgeStatus::Argued;
                    break;
                case 2:
                    incident.dateOfKnowledgeStatus = KnowledgeStatus::Agreed;
                    break;
                default:
                    incident.dateOfKnowledgeStatus = KnowledgeStatus::Determined;
                    break;
                }
            }
            incident.publicAuthorityDefendant = chance(20);
            in.incidents.append(incident);
        }
        // CICA facts.
        if (chance(40)) {
            in.cica.reportedToPoliceOn = dayBetween(dob, in.asOf);
        }
        if (chance(15)) {
            in.cica.decisionOn = dayBetween(in.asOf.addDays(-400), in.asOf);
        }
        if (chance(15)) {
            in.cica.reviewDecisionOn = dayBetween(in.asOf.addDays(-400), in.asOf);
        }
        // Events, all in one region (where service takes place), within four years before asOf.
        const Region where = region(70);
        const QDate from = in.asOf.addDays(-1500);
        auto dated = [&](EventType type, const QDate& day) {
            Event event;
            event.type = type;
            event.date = day;
            event.region = where;
            return event;
        };
        for (int n = between(0, 2); n > 0; --n) {
            in.events.append(dated(EventType::LetterOfClaimPosted, dayBetween(from, in.asOf)));
        }
        for (int n = between(0, 2); n > 0; --n) {
            in.events.append(dated(EventType::LetterOfClaimAcknowledged, dayBetween(from, in.asOf)));
        }
        if (chance(50)) {
            const QDate issued = dayBetween(from, in.asOf);
            in.events.append(dated(EventType::ClaimFormIssued, issued));
            if (chance(70)) {
                Event served;
                served.type = EventType::ClaimFormServed;
                served.at = moment(issued.addDays(between(0, 150)));
                served.method = method();
                served.particularsIncluded = chance(50);
                served.region = where;
                in.events.append(served);
            }
        }
        if (chance(35)) {
            Event particulars;
            particulars.type = EventType::ParticularsServed;
            particulars.at = moment(dayBetween(from, in.asOf));
            particulars.method = method();
            particulars.region = where;
            in.events.append(particulars);
        }
        if (chance(30)) {
            in.events.append(dated(EventType::AcknowledgmentOfServiceFiled, dayBetween(from, in.asOf)));
        }
        if (chance(20)) {
            Event extension;
            extension.type = EventType::DefenceExtensionAgreed;
            extension.days = between(1, 40);
            extension.region = where;
            in.events.append(extension);
        }
        for (int n = between(0, 2); n > 0; --n) {
            Event offer;
            offer.type = EventType::Part36OfferSent;
            offer.at = moment(dayBetween(from, in.asOf));
            offer.method = method();
            offer.relevantPeriodDays = between(21, 60);
            offer.region = where;
            in.events.append(offer);
        }
        for (int n = between(0, 2); n > 0; --n) {
            Event request = dated(EventType::SubjectAccessRequestReceived, dayBetween(from, in.asOf));
            request.party = party();
            in.events.append(request);
        }
        for (int n = between(0, 2); n > 0; --n) {
            Event proposal = dated(EventType::RehabilitationProposalReceived, dayBetween(from, in.asOf));
            proposal.party = party();
            in.events.append(proposal);
        }
        if (chance(25)) {
            Event standstill;
            standstill.type = EventType::StandstillAgreed;
            standstill.expiresOn = dayBetween(in.asOf.addDays(-200), in.asOf.addDays(400));
            standstill.region = where;
            in.events.append(standstill);
        }
        // Sometimes the same step twice at the same moment, differing only in how or by whom (an offer sent by
        // e-mail and by post at once; two requests received the same day, one for each side).
        if (chance(6)) {
            QList<qsizetype> repeatable;
            for (qsizetype i = 0; i < in.events.size(); ++i) {
                const EventType type = in.events.at(i).type;
                if (type == EventType::Part36OfferSent || type == EventType::SubjectAccessRequestReceived
                    || type == EventType::RehabilitationProposalReceived) {
                    repeatable.append(i);
                }
            }
            if (!repeatable.isEmpty()) {
                Event twin = in.events.at(pick(repeatable));
                if (twin.method) {
                    twin.method = twin.method == ServiceMethod::Email ? ServiceMethod::FirstClassPost : ServiceMethod::Email;
                }
                twin.party = twin.party == PartyT::Own ? std::optional<PartyT>(PartyT::Opponent) : std::optional<PartyT>(PartyT::Own);
                in.events.append(twin);
            }
        }
        shuffle(in.events);
        return in;
    }

private:
    QRandomGenerator m_rng;
};

// A compact description of an input, to replay a failing scenario by hand.
QString describe(const EngineInput& in)
{
    QStringList parts;
    parts << u"asOf "_s + in.asOf.toString(Qt::ISODate);
    parts << u"dob "_s + show(in.client.dateOfBirth);
    if (in.client.dateOfDeath) {
        parts << u"died "_s + show(in.client.dateOfDeath);
    }
    if (in.client.lacksCapacity) {
        parts << u"lacksCapacity"_s;
    }
    if (in.priorClaimDisposedOn) {
        parts << u"disposed "_s + show(in.priorClaimDisposedOn);
    }
    for (const IncidentFacts& i : in.incidents) {
        parts << QStringLiteral("incident %1 %2..%3 prec %4 types %5 %6 dok %7/%8 pa %9")
                     .arg(i.id, show(i.start), show(i.end))
                     .arg(int(i.precision))
                     .arg(i.abuseTypes)
                     .arg(regionWord(i.region), show(i.dateOfKnowledge))
                     .arg(i.dateOfKnowledgeStatus ? int(*i.dateOfKnowledgeStatus) : -1)
                     .arg(i.publicAuthorityDefendant);
    }
    parts << u"cica "_s + show(in.cica.reportedToPoliceOn) + u"/"_s + show(in.cica.decisionOn) + u"/"_s
            + show(in.cica.reviewDecisionOn);
    for (const Event& e : in.events) {
        parts << QStringLiteral("%1 %2 %3 %4 %5 days %6 rp %7 exp %8 %9 party %10")
                     .arg(eventTypeId(e.type), show(e.date),
                          e.at ? e.at->toString(u"yyyy-MM-ddTHH:mm"_s) : u"-"_s,
                          e.method ? serviceMethodId(*e.method) : u"-"_s,
                          e.particularsIncluded ? u"pi"_s : u"-"_s)
                     .arg(e.days)
                     .arg(e.relevantPeriodDays)
                     .arg(show(e.expiresOn), regionWord(e.region), e.party ? partyId(*e.party) : u"-"_s);
    }
    return parts.join(u"; "_s);
}

QByteArray json(const EngineResult& result)
{
    return QJsonDocument(toJson(result)).toJson(QJsonDocument::Compact);
}

// Every field of two results, in the order the engine lists them. Cheaper than comparing toJson() (which the
// tests also do, for a sample, so that fields added later are covered too).
bool same(const LimitationEntry& a, const LimitationEntry& b)
{
    return a.incident == b.incident && a.region == b.region && a.regime == b.regime && a.strictDate == b.strictDate
        && a.safeDate == b.safeDate && a.rollForwardDate == b.rollForwardDate && a.alternativeDate == b.alternativeDate
        && a.legacyDate == b.legacyDate && a.knowledgeDate == b.knowledgeDate && a.expired == b.expired
        && a.confidence == b.confidence && a.flags == b.flags && a.explanation == b.explanation;
}

bool same(const DeadlineEntry& a, const DeadlineEntry& b)
{
    return a.rule == b.rule && a.title == b.title && a.party == b.party && a.date == b.date
        && a.strictDate == b.strictDate && a.safeDate == b.safeDate && a.rollForwardDate == b.rollForwardDate
        && a.chaseDate == b.chaseDate && a.cutoff == b.cutoff && a.incident == b.incident && a.trigger == b.trigger
        && a.expired == b.expired && a.flags == b.flags && a.explanation == b.explanation;
}

bool same(const ServiceDate& a, const ServiceDate& b)
{
    return a.document == b.document && a.deemedServed == b.deemedServed && a.earliestReading == b.earliestReading
        && a.explanation == b.explanation;
}

bool same(const Warning& a, const Warning& b)
{
    return a.code == b.code && a.message == b.message;
}

template <typename T>
bool sameLists(const QList<T>& a, const QList<T>& b)
{
    return a.size() == b.size() && std::equal(a.cbegin(), a.cend(), b.cbegin(), [](const T& x, const T& y) { return same(x, y); });
}

bool same(const EngineResult& a, const EngineResult& b)
{
    return a.engineVersion == b.engineVersion && a.rulesVersion == b.rulesVersion
        && a.holidayTableVersion == b.holidayTableVersion && a.asOf == b.asOf && a.primary.has_value() == b.primary.has_value()
        && (!a.primary || same(*a.primary, *b.primary)) && sameLists(a.limitation, b.limitation)
        && sameLists(a.deadlines, b.deadlines) && sameLists(a.serviceDates, b.serviceDates)
        && sameLists(a.warnings, b.warnings);
}

// Where two JSON texts first differ, with some context either side.
QString firstDifference(const QByteArray& a, const QByteArray& b)
{
    qsizetype at = 0;
    while (at < a.size() && at < b.size() && a.at(at) == b.at(at)) {
        ++at;
    }
    const qsizetype from = std::max<qsizetype>(0, at - 160);
    return QString::fromUtf8(a.mid(from, 320)) + u"\n    vs: "_s + QString::fromUtf8(b.mid(from, 320));
}

// Which region's days count for a deadline: the incident's for per-incident rules, England & Wales for the CICA
// review and appeal (a GB scheme with one tribunal), otherwise the region of the events (one per scenario).
Region regionOf(const DeadlineEntry& deadline, const EngineInput& in)
{
    if (!deadline.incident.isEmpty()) {
        for (const IncidentFacts& i : in.incidents) {
            if (i.id == deadline.incident) {
                return i.region;
            }
        }
    }
    if (deadline.rule.startsWith(u"CICA_"_s)) {
        return Region::EnglandWales;
    }
    return in.events.isEmpty() ? Region::EnglandWales : in.events.first().region;
}

const QSet<QString>& contractRegimes()
{
    static const QSet<QString> regimes {
        u"EW_S11_ADULT"_s,        u"EW_S28_MINOR"_s,   u"EW_S14_KNOWLEDGE"_s, u"EW_S11ZA_CHILD_SEXUAL_ABUSE"_s,
        u"NI_ART7_ADULT"_s,       u"NI_ART7_MINOR"_s,  u"SCOT_S17_ADULT"_s,   u"SCOT_S17A_CHILDHOOD_ABUSE"_s,
        u"SCOT_PRESCRIBED"_s,     u"CAPACITY_UNDETERMINED"_s};
    return regimes;
}

const QSet<QString>& noLimitRegimes()
{
    static const QSet<QString> regimes {u"EW_S11ZA_CHILD_SEXUAL_ABUSE"_s, u"SCOT_S17A_CHILDHOOD_ABUSE"_s,
                                        u"SCOT_PRESCRIBED"_s};
    return regimes;
}

const QSet<QString>& contractRules()
{
    static const QSet<QString> rules {
        u"HRA_S7_CLAIM"_s,          u"CICA_APPLICATION"_s,       u"CICA_REVIEW_REQUEST"_s,
        u"CICA_TRIBUNAL_APPEAL"_s,  u"PI_PROTOCOL_ACKNOWLEDGMENT"_s, u"PI_PROTOCOL_RESPONSE"_s,
        u"CPR_7_5_SERVE_CLAIM_FORM"_s, u"CPR_7_4_SERVE_PARTICULARS"_s, u"CPR_10_ACKNOWLEDGMENT_OF_SERVICE"_s,
        u"CPR_15_DEFENCE"_s,        u"CPR_15_5_EXTENDED_DEFENCE"_s, u"PART_36_RELEVANT_PERIOD"_s,
        u"UK_GDPR_SAR_RESPONSE"_s,  u"UK_GDPR_SAR_EXTENDED"_s,   u"REHAB_CODE_REPLY"_s,
        u"STANDSTILL_EXPIRY"_s};
    return rules;
}

// Collects property violations: the count, and the first few with the scenario that shows them.
class Violations {
public:
    void add(int scenario, const EngineInput& in, const QString& what)
    {
        ++m_count;
        if (m_shown.size() < kMaxReported) {
            m_shown << QStringLiteral("scenario #%1: %2\n    input: %3").arg(scenario).arg(what, describe(in));
        }
    }
    bool empty() const { return m_count == 0; }
    QByteArray report() const
    {
        return (QStringLiteral("%1 violation(s) in %2 scenarios (seed %3); the first:\n")
                    .arg(m_count)
                    .arg(kScenarios)
                    .arg(kSeed)
                + m_shown.join(u"\n"_s))
            .toLocal8Bit();
    }

private:
    int m_count = 0;
    QStringList m_shown;
};

#define VERIFY_NO_VIOLATIONS(violations) QVERIFY2((violations).empty(), (violations).report().constData())

}  // namespace

class EnginePropertiesTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();

    void everyGeneratedInputIsValid();
    void limitationDatesAreOrderedAndOnOpenDays();
    void deadlineDatesAreOrderedAndOnOpenDays();
    void dateFollowsThePartyRule();
    void expiredMeansAsOfAfterTheStrictDate();
    void primaryIsTheEarliestSafeDate();
    void regimesRulesAndFlagsAreConsistent();
    void limitationMatchesAnIndependentModel();
    void deadlineStrictDatesMatchTheirTriggers();
    void everythingIsExplained();
    void orderOfIncidentsAndEventsDoesNotMatter();
    void recomputingGivesTheSameResult();

private:
    QList<EngineInput> m_inputs;
    QList<EngineResult> m_results;
};

void EnginePropertiesTest::initTestCase()
{
    QElapsedTimer timer;
    timer.start();
    Generator generator(kSeed);
    const DeadlineEngine engine(calendar());
    m_inputs.reserve(kScenarios);
    for (int i = 0; i < kScenarios; ++i) {
        m_inputs.append(generator.scenario());
        m_results.append(engine.compute(m_inputs.last()));
    }
    qInfo("generated and computed %d scenarios in %lld ms", kScenarios, timer.elapsed());
}

void EnginePropertiesTest::everyGeneratedInputIsValid()
{
    // The generator keeps to the contract (incidents between birth and asOf, ends after starts, unique ids,
    // one claim form, relevant periods of 21+ days): validate() must accept every scenario.
    const DeadlineEngine engine(calendar());
    Violations violations;
    for (int i = 0; i < kScenarios; ++i) {
        const QList<InputProblem> problems = engine.validate(m_inputs.at(i));
        if (!problems.isEmpty()) {
            violations.add(i, m_inputs.at(i), u"validate() rejected it: "_s + problems.first().line());
        }
    }
    VERIFY_NO_VIOLATIONS(violations);
}

void EnginePropertiesTest::limitationDatesAreOrderedAndOnOpenDays()
{
    // P7/P10: safeDate ≤ strictDate ≤ rollForwardDate; the safe date is the LAST open day on or before the strict
    // date; a roll-forward date exists exactly when the strict date is a closed day and is the NEXT open day.
    Violations violations;
    for (int i = 0; i < kScenarios; ++i) {
        const EngineInput& in = m_inputs.at(i);
        for (const LimitationEntry& e : m_results.at(i).limitation) {
            const QString who = e.incident + u" ("_s + e.regime + u"): "_s;
            if (!e.strictDate) {
                if (e.safeDate || e.rollForwardDate) {
                    violations.add(i, in, who + u"dates without a strict date"_s);
                }
                continue;
            }
            const QDate strict = *e.strictDate;
            if (!e.safeDate) {
                violations.add(i, in, who + u"no safe date"_s);
                continue;
            }
            const QDate safe = *e.safeDate;
            if (safe > strict) {
                violations.add(i, in, who + u"safe "_s + show(safe) + u" after strict "_s + show(strict));
            }
            if (!calendar().isOpenDay(e.region, safe)) {
                violations.add(i, in, who + u"safe date "_s + show(safe) + u" is not an open day in "_s
                                          + regionWord(e.region));
            }
            for (QDate d = safe.addDays(1); d <= strict; d = d.addDays(1)) {
                if (calendar().isOpenDay(e.region, d)) {
                    violations.add(i, in, who + u"safe "_s + show(safe) + u" is not the last open day before "_s
                                              + show(strict) + u" ("_s + show(d) + u" is open)"_s);
                    break;
                }
            }
            const bool strictOpen = calendar().isOpenDay(e.region, strict);
            if (strictOpen != !e.rollForwardDate) {
                violations.add(i, in, who + u"strict "_s + show(strict) + (strictOpen ? u" is open"_s : u" is closed"_s)
                                          + u" but roll-forward is "_s + show(e.rollForwardDate));
            }
            if (e.rollForwardDate) {
                const QDate roll = *e.rollForwardDate;
                if (roll <= strict || !calendar().isOpenDay(e.region, roll)) {
                    violations.add(i, in, who + u"roll-forward "_s + show(roll) + u" not an open day after "_s
                                              + show(strict));
                }
                for (QDate d = strict.addDays(1); d < roll; d = d.addDays(1)) {
                    if (calendar().isOpenDay(e.region, d)) {
                        violations.add(i, in, who + u"roll-forward "_s + show(roll) + u" skips the open day "_s + show(d));
                        break;
                    }
                }
            }
        }
    }
    VERIFY_NO_VIOLATIONS(violations);
}

void EnginePropertiesTest::deadlineDatesAreOrderedAndOnOpenDays()
{
    // ENGINE-CLI: safeDate ≤ strictDate ≤ rollForwardDate; the safe date is the last business/open day on or
    // before the strict date; a roll-forward date follows a closed strict date and is the next open day; a chase
    // date is a business day after the strict date.
    Violations violations;
    for (int i = 0; i < kScenarios; ++i) {
        const EngineInput& in = m_inputs.at(i);
        for (const DeadlineEntry& d : m_results.at(i).deadlines) {
            const Region region = regionOf(d, in);
            const QString who = d.rule + u" "_s + d.incident + u": "_s;
            if (!d.strictDate.isValid() || !d.safeDate.isValid() || !d.date.isValid()) {
                violations.add(i, in, who + u"a date is missing"_s);
                continue;
            }
            if (d.safeDate > d.strictDate) {
                violations.add(i, in, who + u"safe "_s + show(d.safeDate) + u" after strict "_s + show(d.strictDate));
            }
            if (!calendar().isOpenDay(region, d.safeDate)) {
                violations.add(i, in, who + u"safe "_s + show(d.safeDate) + u" not an open day in "_s + regionWord(region));
            }
            for (QDate day = d.safeDate.addDays(1); day <= d.strictDate; day = day.addDays(1)) {
                if (calendar().isOpenDay(region, day)) {
                    violations.add(i, in, who + u"safe "_s + show(d.safeDate) + u" is not the last open day before "_s
                                              + show(d.strictDate));
                    break;
                }
            }
            if (calendar().isOpenDay(region, d.strictDate) && d.safeDate != d.strictDate) {
                violations.add(i, in, who + u"strict date is open but safe differs"_s);
            }
            if (d.rollForwardDate) {
                const QDate roll = *d.rollForwardDate;
                if (roll <= d.strictDate || !calendar().isOpenDay(region, roll)
                    || calendar().isOpenDay(region, d.strictDate)) {
                    violations.add(i, in, who + u"roll-forward "_s + show(roll) + u" after strict "_s + show(d.strictDate)
                                              + u" is wrong"_s);
                }
                for (QDate day = d.strictDate.addDays(1); day < roll; day = day.addDays(1)) {
                    if (calendar().isOpenDay(region, day)) {
                        violations.add(i, in, who + u"roll-forward skips the open day "_s + show(day));
                        break;
                    }
                }
            }
            if (d.chaseDate && (*d.chaseDate <= d.strictDate || !calendar().isBusinessDay(region, *d.chaseDate))) {
                violations.add(i, in, who + u"chase "_s + show(d.chaseDate) + u" is not a business day after "_s
                                          + show(d.strictDate));
            }
        }
    }
    VERIFY_NO_VIOLATIONS(violations);
}

void EnginePropertiesTest::dateFollowsThePartyRule()
{
    // ENGINE-CLI: `date` is safeDate when party is own; when opponent, rollForwardDate if not null, else strictDate.
    Violations violations;
    for (int i = 0; i < kScenarios; ++i) {
        for (const DeadlineEntry& d : m_results.at(i).deadlines) {
            const QDate expected = d.party == PartyT::Own ? d.safeDate : d.rollForwardDate.value_or(d.strictDate);
            if (d.date != expected) {
                violations.add(i, m_inputs.at(i),
                               d.rule + u" ("_s + partyId(d.party) + u"): date "_s + show(d.date) + u", expected "_s
                                   + show(expected));
            }
        }
    }
    VERIFY_NO_VIOLATIONS(violations);
}

void EnginePropertiesTest::expiredMeansAsOfAfterTheStrictDate()
{
    // ENGINE-CLI: `expired` — asOf is after strictDate (false when there is no strict date).
    Violations violations;
    for (int i = 0; i < kScenarios; ++i) {
        const EngineInput& in = m_inputs.at(i);
        for (const LimitationEntry& e : m_results.at(i).limitation) {
            const bool expected = e.strictDate && in.asOf > *e.strictDate;
            if (e.expired != expected) {
                violations.add(i, in, e.incident + u": expired "_s + (e.expired ? u"true"_s : u"false"_s) + u", strict "_s
                                          + show(e.strictDate));
            }
        }
    }
    VERIFY_NO_VIOLATIONS(violations);
}

void EnginePropertiesTest::primaryIsTheEarliestSafeDate()
{
    // ENGINE-CLI: limitation.primary is the incident with the earliest non-null safeDate, or null when none has one.
    Violations violations;
    for (int i = 0; i < kScenarios; ++i) {
        const EngineResult& r = m_results.at(i);
        std::optional<QDate> earliest;
        for (const LimitationEntry& e : r.limitation) {
            if (e.safeDate && (!earliest || *e.safeDate < *earliest)) {
                earliest = e.safeDate;
            }
        }
        if (!earliest) {
            if (r.primary) {
                violations.add(i, m_inputs.at(i), u"primary "_s + r.primary->incident + u" although no entry has a date"_s);
            }
            continue;
        }
        if (!r.primary || r.primary->safeDate != earliest) {
            violations.add(i, m_inputs.at(i),
                           u"primary safe "_s + (r.primary ? show(r.primary->safeDate) : u"(none)"_s) + u", earliest "_s
                               + show(earliest));
            continue;
        }
        bool isAnEntry = false;
        for (const LimitationEntry& e : r.limitation) {
            isAnEntry = isAnEntry
                || (e.incident == r.primary->incident && e.strictDate == r.primary->strictDate
                    && e.regime == r.primary->regime);
        }
        if (!isAnEntry) {
            violations.add(i, m_inputs.at(i), u"primary does not match its incident's entry"_s);
        }
    }
    VERIFY_NO_VIOLATIONS(violations);
}

void EnginePropertiesTest::regimesRulesAndFlagsAreConsistent()
{
    Violations violations;
    for (int i = 0; i < kScenarios; ++i) {
        const EngineInput& in = m_inputs.at(i);
        const EngineResult& r = m_results.at(i);
        QSet<QString> ids;
        for (const IncidentFacts& incident : in.incidents) {
            ids.insert(incident.id);
        }
        if (r.limitation.size() != in.incidents.size()) {
            violations.add(i, in, u"one limitation entry per incident"_s);
        }
        for (const LimitationEntry& e : r.limitation) {
            const QString who = e.incident + u" ("_s + e.regime + u"): "_s;
            const auto incident = std::find_if(in.incidents.cbegin(), in.incidents.cend(),
                                               [&](const IncidentFacts& f) { return f.id == e.incident; });
            if (incident == in.incidents.cend()) {
                violations.add(i, in, who + u"entry for an unknown incident"_s);
                continue;
            }
            if (!contractRegimes().contains(e.regime)) {
                violations.add(i, in, who + u"regime not in the contract"_s);
            }
            // No-limitation regimes have null dates; every other regime (but capacity) has a strict date.
            if (noLimitRegimes().contains(e.regime) && (e.strictDate || e.safeDate || e.rollForwardDate)) {
                violations.add(i, in, who + u"a no-limitation regime with a date"_s);
            }
            if (!noLimitRegimes().contains(e.regime) && e.regime != u"CAPACITY_UNDETERMINED"_s && !e.strictDate) {
                violations.add(i, in, who + u"no strict date"_s);
            }
            // §2.6: s.11ZA only from 29 Jun 2026, only in England & Wales.
            if (e.regime == u"EW_S11ZA_CHILD_SEXUAL_ABUSE"_s
                && (in.asOf < kS11zaCommencement || incident->region != Region::EnglandWales
                    || !incident->has(AbuseType::Sexual))) {
                violations.add(i, in, who + u"s.11ZA where it cannot apply"_s);
            }
            // §2.6/§2.12: the s.11ZA regime carries CSA_NO_LIMIT + FAIR_HEARING_RISK, and the "no limitation period"
            // badge never sits on an entry that shows a limitation date.
            if (e.regime == u"EW_S11ZA_CHILD_SEXUAL_ABUSE"_s
                && !(e.flags.contains(u"CSA_NO_LIMIT"_s) && e.flags.contains(u"FAIR_HEARING_RISK"_s))) {
                violations.add(i, in, who + u"s.11ZA without CSA_NO_LIMIT and FAIR_HEARING_RISK"_s);
            }
            if (e.flags.contains(u"CSA_NO_LIMIT"_s) && e.strictDate) {
                violations.add(i, in, who + u"CSA_NO_LIMIT on an entry with the limitation date "_s + show(e.strictDate));
            }
            // §2.8: Scottish regimes only for Scottish incidents; FORUM_CHECK for any non-E&W incident.
            if (e.regime.startsWith(u"SCOT_"_s) != (incident->region == Region::Scotland)
                && e.regime != u"CAPACITY_UNDETERMINED"_s) {
                violations.add(i, in, who + u"regime of the wrong region"_s);
            }
            if (e.regime.startsWith(u"NI_"_s) && incident->region != Region::NorthernIreland) {
                violations.add(i, in, who + u"NI regime outside Northern Ireland"_s);
            }
            if ((incident->region != Region::EnglandWales) != e.flags.contains(u"FORUM_CHECK"_s)) {
                violations.add(i, in, who + u"FORUM_CHECK wrong for region "_s + regionWord(incident->region));
            }
            // §2.8: abuse in Scotland before 26 Sep 1964 (its earliest possible day) is prescribed, later abuse is not.
            if (incident->region == Region::Scotland && incident->start) {
                QDate earliest = *incident->start;
                if (incident->precision == Precision::Month) {
                    earliest = QDate(earliest.year(), earliest.month(), 1);
                } else if (incident->precision == Precision::Year) {
                    earliest = QDate(earliest.year(), 1, 1);
                }
                if ((e.regime == u"SCOT_PRESCRIBED"_s) != (earliest < kScotlandPrescriptionCutoff)) {
                    violations.add(i, in, who + u"SCOT_PRESCRIBED wrong against the 26 Sep 1964 cut-off"_s);
                }
            }
            // §2.7: DATE_IMPRECISE exactly when the date is not known to the day.
            if (e.flags.contains(u"DATE_IMPRECISE"_s) != (incident->precision != Precision::Day)) {
                violations.add(i, in, who + u"DATE_IMPRECISE wrong"_s);
            }
            // §2.5: in England & Wales an expired period needs s.33.
            if (incident->region == Region::EnglandWales && e.expired != e.flags.contains(u"S33_REQUIRED"_s)) {
                violations.add(i, in, who + u"S33_REQUIRED and expired disagree"_s);
            }
            // §2.10: HRA_SHORT_LIMIT whenever a public authority defendant is recorded.
            if (incident->publicAuthorityDefendant != e.flags.contains(u"HRA_SHORT_LIMIT"_s)) {
                violations.add(i, in, who + u"HRA_SHORT_LIMIT wrong"_s);
            }
            // §2.4: capacity concern → DISABILITY_CAPACITY (for incidents with a computed period).
            if (e.flags.contains(u"DISABILITY_CAPACITY"_s) && !in.client.lacksCapacity) {
                violations.add(i, in, who + u"DISABILITY_CAPACITY without a capacity concern"_s);
            }
            // §2.3: DOK_ARGUED only with a date of knowledge that is not agreed or determined.
            if (e.flags.contains(u"DOK_ARGUED"_s)
                && (!incident->dateOfKnowledge
                    || (incident->dateOfKnowledgeStatus && *incident->dateOfKnowledgeStatus != KnowledgeStatus::Argued))) {
                violations.add(i, in, who + u"DOK_ARGUED without an argued date of knowledge"_s);
            }
            if (e.regime == u"EW_S14_KNOWLEDGE"_s
                && (!incident->dateOfKnowledgeStatus || *incident->dateOfKnowledgeStatus == KnowledgeStatus::Argued)) {
                violations.add(i, in, who + u"s.14 date used although the date of knowledge is only argued"_s);
            }
        }
        for (const DeadlineEntry& d : r.deadlines) {
            if (!contractRules().contains(d.rule)) {
                violations.add(i, in, d.rule + u": rule not in the contract"_s);
            }
            if (!d.incident.isEmpty() && !ids.contains(d.incident)) {
                violations.add(i, in, d.rule + u": unknown incident "_s + d.incident);
            }
            if (d.rule == u"CICA_APPLICATION"_s && d.flags.contains(u"CICA_OUT_OF_TIME"_s) != (in.asOf > d.strictDate)) {
                violations.add(i, in, u"CICA_OUT_OF_TIME disagrees with asOf "_s + show(in.asOf) + u" and strict "_s
                                          + show(d.strictDate));
            }
        }
    }
    VERIFY_NO_VIOLATIONS(violations);
}

void EnginePropertiesTest::limitationMatchesAnIndependentModel()
{
    // For the simple cases — date of birth known (not 29 Feb), a single day known exactly, no date of knowledge, no
    // death, no capacity concern — the strict date follows directly from DOMAIN.md:
    //   adult at accrual: 3 years from the day, not counting it (P1, P4, P5: 29 Feb → 28 Feb);
    //   child in E&W/NI: the day before the 21st birthday (s.28, P2), unless s.11ZA applies (E&W, sexual, asOf on or
    //   after 29 Jun 2026, no claim disposed before then): no date;
    //   Scotland: before 26 Sep 1964 prescribed; a child's abuse once s.17A is in force: no date; otherwise under-16
    //   time is disregarded (the day before the 19th birthday) or 3 years from the injury.
    Violations violations;
    int modelled = 0;
    for (int i = 0; i < kScenarios; ++i) {
        const EngineInput& in = m_inputs.at(i);
        if (!in.client.dateOfBirth || in.client.dateOfDeath || in.client.lacksCapacity) {
            continue;
        }
        const QDate dob = *in.client.dateOfBirth;
        if (dob.month() == 2 && dob.day() == 29) {
            continue;
        }
        for (const IncidentFacts& incident : in.incidents) {
            if (incident.precision != Precision::Day || (incident.end && *incident.end != *incident.start)
                || incident.dateOfKnowledge) {
                continue;
            }
            const QDate start = *incident.start;
            const bool child = start < birthday(dob, 18);
            std::optional<QDate> strict;
            QString regime;
            switch (incident.region) {
            case Region::EnglandWales:
            case Region::NorthernIreland: {
                const bool england = incident.region == Region::EnglandWales;
                const bool disposedBefore = in.priorClaimDisposedOn && *in.priorClaimDisposedOn < kS11zaCommencement;
                if (!child) {
                    strict = corresponding(start, 36);
                    regime = england ? u"EW_S11_ADULT"_s : u"NI_ART7_ADULT"_s;
                } else if (england && incident.has(AbuseType::Sexual) && in.asOf >= kS11zaCommencement
                           && !disposedBefore) {
                    regime = u"EW_S11ZA_CHILD_SEXUAL_ABUSE"_s;
                } else {
                    strict = birthday(dob, 21).addDays(-1);
                    regime = england ? u"EW_S28_MINOR"_s : u"NI_ART7_MINOR"_s;
                }
                break;
            }
            case Region::Scotland:
                if (start < kScotlandPrescriptionCutoff) {
                    regime = u"SCOT_PRESCRIBED"_s;
                } else if (child && incident.abuseTypes != 0 && in.asOf >= kScotlandChildhoodAbuseInForce) {
                    regime = u"SCOT_S17A_CHILDHOOD_ABUSE"_s;
                } else if (child && start < birthday(dob, 16)) {
                    strict = birthday(dob, 19).addDays(-1);
                } else {
                    strict = corresponding(start, 36);
                    regime = u"SCOT_S17_ADULT"_s;
                }
                break;
            }
            const auto entry = std::find_if(m_results.at(i).limitation.cbegin(), m_results.at(i).limitation.cend(),
                                            [&](const LimitationEntry& e) { return e.incident == incident.id; });
            if (entry == m_results.at(i).limitation.cend()) {
                violations.add(i, in, incident.id + u": no entry"_s);
                continue;
            }
            ++modelled;
            if (entry->strictDate != strict || (!regime.isEmpty() && entry->regime != regime)) {
                violations.add(i, in,
                               incident.id + u": engine "_s + entry->regime + u" "_s + show(entry->strictDate)
                                   + u", model "_s + (regime.isEmpty() ? u"(any regime)"_s : regime) + u" "_s
                                   + show(strict));
            }
        }
    }
    qInfo("%d incidents checked against the model", modelled);
    QVERIFY(modelled > 1000);
    VERIFY_NO_VIOLATIONS(violations);
}

void EnginePropertiesTest::deadlineStrictDatesMatchTheirTriggers()
{
    // Rules with a single trigger, from the tables in DOMAIN.md §2.10, §3.3, §4.1, §4.2, §4.5, §6.4 and §2.11:
    // the multiset of strict dates per rule equals the one the triggers give. Also the party of each rule.
    Violations violations;
    for (int i = 0; i < kScenarios; ++i) {
        const EngineInput& in = m_inputs.at(i);
        const EngineResult& r = m_results.at(i);
        QMap<QString, QList<QDate>> expected;
        const bool abroad = std::any_of(in.incidents.cbegin(), in.incidents.cend(), [](const IncidentFacts& f) {
            return f.start && f.region != Region::EnglandWales;
        });
        for (const IncidentFacts& incident : in.incidents) {
            if (incident.publicAuthorityDefendant && incident.start) {
                QDate act = *incident.start;
                if (incident.precision == Precision::Month) {
                    act = QDate(act.year(), act.month(), 1);
                } else if (incident.precision == Precision::Year) {
                    act = QDate(act.year(), 1, 1);
                }
                expected[u"HRA_S7_CLAIM"_s] << corresponding(act, 12).addDays(-1);  // P3: "beginning with"
            }
        }
        if (in.cica.decisionOn) {
            expected[u"CICA_REVIEW_REQUEST"_s] << in.cica.decisionOn->addDays(56);
        }
        if (in.cica.reviewDecisionOn) {
            expected[u"CICA_TRIBUNAL_APPEAL"_s] << in.cica.reviewDecisionOn->addDays(90);
        }
        for (const Event& e : in.events) {
            switch (e.type) {
            case EventType::LetterOfClaimPosted:
                expected[u"PI_PROTOCOL_ACKNOWLEDGMENT"_s] << e.date->addDays(abroad ? 42 : 21);
                break;
            case EventType::LetterOfClaimAcknowledged:
                expected[u"PI_PROTOCOL_RESPONSE"_s] << corresponding(*e.date, abroad ? 6 : 3);
                break;
            case EventType::ClaimFormIssued:
                expected[u"CPR_7_5_SERVE_CLAIM_FORM"_s] << corresponding(*e.date, 4);
                break;
            case EventType::Part36OfferSent:
                expected[u"PART_36_RELEVANT_PERIOD"_s]
                    << deemedDocument(*e.at, *e.method, e.region).addDays(e.relevantPeriodDays);
                break;
            case EventType::SubjectAccessRequestReceived:
                expected[u"UK_GDPR_SAR_RESPONSE"_s] << corresponding(*e.date, 1);
                expected[u"UK_GDPR_SAR_EXTENDED"_s] << corresponding(*e.date, 3);
                break;
            case EventType::RehabilitationProposalReceived:
                expected[u"REHAB_CODE_REPLY"_s] << e.date->addDays(21);
                break;
            case EventType::StandstillAgreed:
                expected[u"STANDSTILL_EXPIRY"_s] << *e.expiresOn;
                break;
            default:
                break;
            }
        }
        static const QSet<QString> modelled {u"HRA_S7_CLAIM"_s, u"CICA_REVIEW_REQUEST"_s, u"CICA_TRIBUNAL_APPEAL"_s,
                                             u"PI_PROTOCOL_ACKNOWLEDGMENT"_s, u"PI_PROTOCOL_RESPONSE"_s,
                                             u"CPR_7_5_SERVE_CLAIM_FORM"_s, u"PART_36_RELEVANT_PERIOD"_s,
                                             u"UK_GDPR_SAR_RESPONSE"_s, u"UK_GDPR_SAR_EXTENDED"_s,
                                             u"REHAB_CODE_REPLY"_s, u"STANDSTILL_EXPIRY"_s};
        QMap<QString, QList<QDate>> actual;
        for (const DeadlineEntry& d : r.deadlines) {
            if (modelled.contains(d.rule)) {
                actual[d.rule] << d.strictDate;
            }
            // Who acts (DOMAIN P10 perspective; §4.1 the defendant's protocol steps; §4.3 the defendant's responses).
            static const QSet<QString> opponents {u"PI_PROTOCOL_ACKNOWLEDGMENT"_s, u"PI_PROTOCOL_RESPONSE"_s,
                                                  u"CPR_10_ACKNOWLEDGMENT_OF_SERVICE"_s, u"CPR_15_DEFENCE"_s,
                                                  u"CPR_15_5_EXTENDED_DEFENCE"_s};
            static const QSet<QString> own {u"HRA_S7_CLAIM"_s, u"CICA_APPLICATION"_s, u"CICA_REVIEW_REQUEST"_s,
                                            u"CICA_TRIBUNAL_APPEAL"_s, u"CPR_7_5_SERVE_CLAIM_FORM"_s,
                                            u"CPR_7_4_SERVE_PARTICULARS"_s, u"STANDSTILL_EXPIRY"_s};
            if ((opponents.contains(d.rule) && d.party != PartyT::Opponent) || (own.contains(d.rule) && d.party != PartyT::Own)) {
                violations.add(i, in, d.rule + u": party "_s + partyId(d.party));
            }
        }
        // An explicit party on a SAR or rehabilitation event decides who replies.
        QMap<QString, QList<PartyT>> partiesWanted;
        for (const Event& e : in.events) {
            if (e.party && e.type == EventType::SubjectAccessRequestReceived) {
                partiesWanted[u"sar"_s] << *e.party;
            }
            if (e.party && e.type == EventType::RehabilitationProposalReceived) {
                partiesWanted[u"rehab"_s] << *e.party;
            }
        }
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            QList<QDate> want = it.value();
            QList<QDate> got = actual.value(it.key());
            std::sort(want.begin(), want.end());
            std::sort(got.begin(), got.end());
            if (want != got) {
                QStringList w;
                QStringList g;
                for (const QDate& d : want) {
                    w << show(d);
                }
                for (const QDate& d : got) {
                    g << show(d);
                }
                violations.add(i, in, it.key() + u": strict dates ["_s + g.join(u", "_s) + u"], expected ["_s
                                          + w.join(u", "_s) + u"]"_s);
            }
        }
        for (auto it = actual.cbegin(); it != actual.cend(); ++it) {
            if (!expected.contains(it.key())) {
                violations.add(i, in, it.key() + u": raised without its trigger"_s);
            }
        }
        // Explicit parties: every SAR/rehab party given must appear among the deadlines of that rule.
        auto countParty = [&](const QString& rule, PartyT party) {
            return std::count_if(r.deadlines.cbegin(), r.deadlines.cend(),
                                 [&](const DeadlineEntry& d) { return d.rule == rule && d.party == party; });
        };
        for (const PartyT party : {PartyT::Own, PartyT::Opponent}) {
            const auto sarWanted = std::count(partiesWanted[u"sar"_s].cbegin(), partiesWanted[u"sar"_s].cend(), party);
            if (countParty(u"UK_GDPR_SAR_RESPONSE"_s, party) < sarWanted) {
                violations.add(i, in, u"UK_GDPR_SAR_RESPONSE: an explicit party "_s + partyId(party) + u" was ignored"_s);
            }
            const auto rehabWanted
                = std::count(partiesWanted[u"rehab"_s].cbegin(), partiesWanted[u"rehab"_s].cend(), party);
            if (countParty(u"REHAB_CODE_REPLY"_s, party) < rehabWanted) {
                violations.add(i, in, u"REHAB_CODE_REPLY: an explicit party "_s + partyId(party) + u" was ignored"_s);
            }
        }
    }
    VERIFY_NO_VIOLATIONS(violations);
}

void EnginePropertiesTest::everythingIsExplained()
{
    // P10 / STYLE: every computed date carries its explanation steps.
    Violations violations;
    for (int i = 0; i < kScenarios; ++i) {
        const EngineResult& r = m_results.at(i);
        for (const LimitationEntry& e : r.limitation) {
            if (e.explanation.isEmpty() || e.explanation.contains(QString())) {
                violations.add(i, m_inputs.at(i), e.incident + u": empty explanation"_s);
            }
        }
        for (const DeadlineEntry& d : r.deadlines) {
            if (d.explanation.isEmpty() || d.explanation.contains(QString()) || d.title.isEmpty()) {
                violations.add(i, m_inputs.at(i), d.rule + u": empty explanation or title"_s);
            }
        }
        for (const ServiceDate& s : r.serviceDates) {
            if (s.explanation.isEmpty() || !s.deemedServed.isValid()) {
                violations.add(i, m_inputs.at(i), s.document + u": empty explanation or no date"_s);
            }
        }
        for (const Warning& w : r.warnings) {
            if (w.code.isEmpty() || w.message.isEmpty()) {
                violations.add(i, m_inputs.at(i), u"a warning without code or message"_s);
            }
        }
    }
    VERIFY_NO_VIOLATIONS(violations);
}

void EnginePropertiesTest::orderOfIncidentsAndEventsDoesNotMatter()
{
    // DeadlineEngine.h: "the result does not depend on the order of incidents or events". Every scenario is
    // shuffled and compared field by field; every fifth is also compared as toJson() text.
    Generator shuffler(kSeed ^ 0x5a5a5a5au);
    const DeadlineEngine engine(calendar());
    Violations violations;
    for (int i = 0; i < kScenarios; ++i) {
        EngineInput shuffled = m_inputs.at(i);
        shuffler.shuffle(shuffled.incidents);
        shuffler.shuffle(shuffled.events);
        const EngineResult again = engine.compute(shuffled);
        if (!same(again, m_results.at(i)) || i % 5 == 0) {
            const QByteArray before = json(m_results.at(i));
            const QByteArray after = json(again);
            if (before != after || !same(again, m_results.at(i))) {
                violations.add(i, m_inputs.at(i),
                               u"the shuffled input gives a different result; JSON near the first difference:\n    "_s
                                   + firstDifference(before, after));
            }
        }
    }
    VERIFY_NO_VIOLATIONS(violations);
}

void EnginePropertiesTest::recomputingGivesTheSameResult()
{
    // Pure and deterministic: the same input again, with a fresh engine, gives the same result (field by field for
    // every scenario, byte-identical toJson() text for every fifth).
    Violations violations;
    for (int i = 0; i < kScenarios; ++i) {
        const DeadlineEngine fresh(calendar());
        const EngineResult again = fresh.compute(m_inputs.at(i));
        if (!same(again, m_results.at(i))) {
            violations.add(i, m_inputs.at(i), u"recomputing changed the result: "_s
                                                  + firstDifference(json(m_results.at(i)), json(again)));
        } else if (i % 5 == 0 && json(again) != json(m_results.at(i))) {
            violations.add(i, m_inputs.at(i), u"recomputing changed the JSON text"_s);
        }
    }
    VERIFY_NO_VIOLATIONS(violations);
}

QTEST_GUILESS_MAIN(EnginePropertiesTest)
#include "tst_engine_properties.moc"
