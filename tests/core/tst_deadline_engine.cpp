// The deadline engine end to end, in-process (core/deadlines/DeadlineEngine.h): EngineInput built directly,
// computed with the built-in holiday calendar. One data-driven test per rule family; every row is named after
// the DOMAIN.md worked case (§9 T1–T20, §2–§4, §6.4) or the situation it pins. Expected values come from
// DOMAIN.md and ENGINE-CLI.md (never from running the engine); weekdays were checked independently.
// Nothing here depends on today's date: every input carries its own asOf.

#include "deadlines/DeadlineEngine.h"
#include "deadlines/EngineJson.h"
#include "deadlines/EngineTypes.h"
#include "deadlines/HolidayCalendar.h"

#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <functional>
#include <optional>

using namespace claimdesk::core;
using namespace claimdesk::core::deadlines;
using namespace Qt::StringLiterals;

// Who must act by a deadline (own / opponent), whatever the engine calls the enum.
using PartyT = decltype(claimdesk::core::deadlines::DeadlineEntry::party);

namespace {

// "Not checked" for an expected date; a null QDate means "expected null".
const QDate kAny(1, 1, 1);

constexpr unsigned kSexual = static_cast<unsigned>(AbuseType::Sexual);
constexpr unsigned kPhysical = static_cast<unsigned>(AbuseType::Physical);
constexpr unsigned kEmotional = static_cast<unsigned>(AbuseType::Emotional);

QDate iso(const char* text)
{
    const QDate date = QDate::fromString(QString::fromLatin1(text), Qt::ISODate);
    Q_ASSERT_X(date.isValid(), "iso", text);
    return date;
}

QDateTime at(const char* text)
{
    const QDateTime dateTime = QDateTime::fromString(QString::fromLatin1(text), Qt::ISODate);
    Q_ASSERT_X(dateTime.isValid(), "at", text);
    return dateTime;
}

QString show(const QDate& date)
{
    return date.isValid() ? date.toString(u"ddd yyyy-MM-dd"_s) : u"null"_s;
}

QString show(const std::optional<QDate>& date)
{
    return date ? show(*date) : u"null"_s;
}

// The UK style the explanations use ("Sun 14 Jan 2024"), written out independently of DateRules::ukDate.
QString uk(const QDate& date)
{
    return date.toString(u"ddd d MMM yyyy"_s);
}

// --- Input builders ---------------------------------------------------------------------------------------

class Facts {
public:
    explicit Facts(const char* asOf, const char* dateOfBirth = nullptr)
    {
        m_input.asOf = iso(asOf);
        if (dateOfBirth) {
            m_input.client.dateOfBirth = iso(dateOfBirth);
        }
    }

    Facts& incident(const char* id, const char* start, unsigned types, Region region = Region::EnglandWales)
    {
        IncidentFacts incident;
        incident.id = QString::fromLatin1(id);
        incident.start = iso(start);
        incident.abuseTypes = types;
        incident.region = region;
        m_input.incidents.append(incident);
        return *this;
    }
    // Modifiers of the incident added last.
    Facts& until(const char* end)
    {
        m_input.incidents.last().end = iso(end);
        return *this;
    }
    Facts& precision(Precision precision)
    {
        m_input.incidents.last().precision = precision;
        return *this;
    }
    Facts& knowledge(const char* day, std::optional<KnowledgeStatus> status)
    {
        m_input.incidents.last().dateOfKnowledge = iso(day);
        m_input.incidents.last().dateOfKnowledgeStatus = status;
        return *this;
    }
    Facts& publicAuthority()
    {
        m_input.incidents.last().publicAuthorityDefendant = true;
        return *this;
    }

    Facts& died(const char* day)
    {
        m_input.client.dateOfDeath = iso(day);
        return *this;
    }
    Facts& lacksCapacity()
    {
        m_input.client.lacksCapacity = true;
        return *this;
    }
    Facts& priorClaimDisposed(const char* day)
    {
        m_input.priorClaimDisposedOn = iso(day);
        return *this;
    }
    Facts& reportedToPolice(const char* day)
    {
        m_input.cica.reportedToPoliceOn = iso(day);
        return *this;
    }
    Facts& cicaDecision(const char* day)
    {
        m_input.cica.decisionOn = iso(day);
        return *this;
    }
    Facts& cicaReviewDecision(const char* day)
    {
        m_input.cica.reviewDecisionOn = iso(day);
        return *this;
    }

    Facts& dated(EventType type, const char* day, std::optional<PartyT> party = std::nullopt)
    {
        Event event;
        event.type = type;
        event.date = iso(day);
        event.party = party;
        m_input.events.append(event);
        return *this;
    }
    Facts& sent(EventType type, const char* when, ServiceMethod method)
    {
        Event event;
        event.type = type;
        event.at = at(when);
        event.method = method;
        m_input.events.append(event);
        return *this;
    }
    Facts& claimFormServed(const char* when, ServiceMethod method, bool particularsIncluded)
    {
        sent(EventType::ClaimFormServed, when, method);
        m_input.events.last().particularsIncluded = particularsIncluded;
        return *this;
    }
    Facts& part36(const char* when, ServiceMethod method, int relevantPeriodDays = 21)
    {
        sent(EventType::Part36OfferSent, when, method);
        m_input.events.last().relevantPeriodDays = relevantPeriodDays;
        return *this;
    }
    Facts& extension(int days)
    {
        Event event;
        event.type = EventType::DefenceExtensionAgreed;
        event.days = days;
        m_input.events.append(event);
        return *this;
    }
    Facts& standstill(const char* expiresOn)
    {
        Event event;
        event.type = EventType::StandstillAgreed;
        event.expiresOn = iso(expiresOn);
        m_input.events.append(event);
        return *this;
    }
    // Where the last event's service takes place / whose working days count.
    Facts& in(Region region)
    {
        m_input.events.last().region = region;
        return *this;
    }
    // The last event, to change what the helpers above do not cover.
    Event& lastEvent() { return m_input.events.last(); }

    operator EngineInput() const { return m_input; }  // NOLINT(google-explicit-constructor): rows read better
    EngineInput input() const { return m_input; }

private:
    EngineInput m_input;
};

// --- Worked cases shared by several rule families ----------------------------------------------------------

// T1 / §2.1: adult sexual assault on Thu 14 Jan 2021, as of 1 Jun 2023.
Facts t1()
{
    return std::move(Facts("2023-06-01", "1990-05-05").incident("i1", "2021-01-14", kSexual));
}

// T6 / §2.6: DOB 10 Mar 2003, child sexual abuse "2012–2014" (known to the year).
Facts t6(const char* asOf)
{
    Facts facts(asOf, "2003-03-10");
    facts.incident("i1", "2012-01-01", kSexual).until("2014-01-01").precision(Precision::Year);
    return facts;
}

// T8 / §4.3 (Easter): claim form (particulars inside) issued Mon 3 Mar 2025, posted first class Thu 17 Apr 2025.
Facts t8(bool acknowledged, int extensionDays)
{
    Facts facts("2025-04-25", "1990-05-05");
    facts.incident("i1", "2021-01-14", kSexual)
        .dated(EventType::ClaimFormIssued, "2025-03-03")
        .claimFormServed("2025-04-17T11:00", ServiceMethod::FirstClassPost, true);
    if (acknowledged) {
        facts.dated(EventType::AcknowledgmentOfServiceFiled, "2025-05-02");
    }
    if (extensionDays > 0) {
        facts.extension(extensionDays);
    }
    return facts;
}

// T10 / §4.2 trap: claim issued Fri 31 Oct 2025; particulars sent separately.
Facts t10(const char* particularsSentAt, ServiceMethod method)
{
    Facts facts("2026-02-27", "1990-05-05");
    facts.incident("i1", "2021-01-14", kSexual)
        .dated(EventType::ClaimFormIssued, "2025-10-31")
        .sent(EventType::ParticularsServed, particularsSentAt, method);
    return facts;
}

// T11 / §4.3 (Good Friday end date): particulars deemed served Fri 6 Mar 2026 (e-mailed that morning); AoS filed.
Facts t11()
{
    Facts facts("2026-03-10", "1990-05-05");
    facts.incident("i1", "2021-01-14", kSexual)
        .sent(EventType::ParticularsServed, "2026-03-06T10:00", ServiceMethod::Email)
        .dated(EventType::AcknowledgmentOfServiceFiled, "2026-03-10");
    return facts;
}

// U9 / §4.2 B2: a Friday posting of the claim form, particulars to follow. Issued Mon 1 Sep 2025.
Facts fridayPosting()
{
    Facts facts("2025-10-03", "1990-05-05");
    facts.incident("i1", "2021-01-14", kSexual)
        .dated(EventType::ClaimFormIssued, "2025-09-01")
        .claimFormServed("2025-10-03T10:00", ServiceMethod::FirstClassPost, false);
    return facts;
}

// T14 / §2.10: HRA act complained of on Wed 12 Nov 2025 by a public authority (adult client).
Facts t14()
{
    return std::move(Facts("2025-12-01", "1990-05-05").incident("i1", "2025-11-12", kPhysical).publicAuthority());
}

// T17 / §4.5 E1: Part 36 offer e-mailed 17:10 Fri 19 Dec 2025.
Facts t17()
{
    return std::move(Facts("2025-12-20", "1990-05-05")
                         .incident("i1", "2021-01-14", kSexual)
                         .part36("2025-12-19T17:10", ServiceMethod::Email));
}

// T18 / §4.1: letter of claim posted Mon 1 Dec 2025, acknowledged Mon 15 Dec 2025.
Facts t18()
{
    return std::move(Facts("2025-12-15", "1990-05-05")
                         .incident("i1", "2021-01-14", kSexual)
                         .dated(EventType::LetterOfClaimPosted, "2025-12-01")
                         .dated(EventType::LetterOfClaimAcknowledged, "2025-12-15"));
}

// The ENGINE-CLI.md example input (valid).
Facts cliExampleFacts()
{
    Facts facts("2026-11-27", "2006-01-02");
    facts.incident("i1", "2015-03-01", kSexual).until("2016-06-30");
    facts.dated(EventType::LetterOfClaimPosted, "2025-12-01")
        .dated(EventType::LetterOfClaimAcknowledged, "2025-12-15")
        .dated(EventType::ClaimFormIssued, "2025-03-03")
        .claimFormServed("2025-04-17T11:00", ServiceMethod::FirstClassPost, true)
        .sent(EventType::ParticularsServed, "2025-05-01T10:00", ServiceMethod::Email)
        .dated(EventType::AcknowledgmentOfServiceFiled, "2025-05-02")
        .extension(28)
        .part36("2025-12-19T17:10", ServiceMethod::Email)
        .dated(EventType::SubjectAccessRequestReceived, "2025-11-25")
        .dated(EventType::RehabilitationProposalReceived, "2026-01-05")
        .standstill("2027-03-31");
    return facts;
}

// --- Result lookups -------------------------------------------------------------------------------------------

EngineResult compute(const EngineInput& input)
{
    return DeadlineEngine(HolidayCalendar::builtIn()).compute(input);
}

QString dump(const EngineResult& result)
{
    return QString::fromUtf8(QJsonDocument(toJson(result)).toJson(QJsonDocument::Indented));
}

const LimitationEntry* entryFor(const EngineResult& result, const QString& incident)
{
    for (const LimitationEntry& entry : result.limitation) {
        if (entry.incident == incident) {
            return &entry;
        }
    }
    return nullptr;
}

QList<const DeadlineEntry*> deadlinesFor(const EngineResult& result, const QString& rule)
{
    QList<const DeadlineEntry*> out;
    for (const DeadlineEntry& entry : result.deadlines) {
        if (entry.rule == rule) {
            out.append(&entry);
        }
    }
    return out;
}

QStringList rules(const EngineResult& result)
{
    QStringList out;
    for (const DeadlineEntry& entry : result.deadlines) {
        out.append(entry.rule);
    }
    return out;
}

// --- Expectations ---------------------------------------------------------------------------------------------

struct LimitationExpect {
    QString incident;
    QString regime;  // empty: not checked
    QDate strict = kAny;
    QDate safe = kAny;
    QDate roll = kAny;
    QDate alternative = kAny;
    QDate legacy = kAny;
    int expired = -1;  // -1: not checked
    QStringList with;
    QStringList without;
    QString confidence;  // empty: not checked
};

struct DeadlineExpect {
    QString rule;
    QString incident;  // empty: not checked
    std::optional<PartyT> party;  // not checked when absent
    QDate date = kAny;
    QDate strict = kAny;
    QDate safe = kAny;
    QDate roll = kAny;
    QDate chase = kAny;
    std::optional<QString> cutoff;  // not checked when absent; "" = no cut-off
    int expired = -1;
    QStringList with;
    QStringList without;
};

struct ServiceExpect {
    QString document;
    QDate deemed;
    QDate earliestReading = kAny;
};

}  // namespace

Q_DECLARE_METATYPE(claimdesk::core::deadlines::EngineInput)
Q_DECLARE_METATYPE(LimitationExpect)
Q_DECLARE_METATYPE(DeadlineExpect)
Q_DECLARE_METATYPE(ServiceExpect)

#define COMPARE_OPTIONAL_DATE(actual, expected)                                                                        \
    do {                                                                                                               \
        if ((expected) != kAny) {                                                                                      \
            QCOMPARE(show(actual), show(expected));                                                                    \
        }                                                                                                              \
    } while (false)

class DeadlineEngineTest : public QObject {
    Q_OBJECT
private slots:
    // §2 limitation, per incident
    void limitationEnglandWales_data();
    void limitationEnglandWales();
    void limitationChildSexualAbuse_data();
    void limitationChildSexualAbuse();
    void limitationScotlandAndNorthernIreland_data();
    void limitationScotlandAndNorthernIreland();
    void primarySelection_data();
    void primarySelection();

    // §2.10, §3: HRA and CICA
    void humanRightsAndCica_data();
    void humanRightsAndCica();
    // §4.1, §2.11, §6.4: protocol, rehabilitation, standstill, subject access
    void preActionAndRecords_data();
    void preActionAndRecords();
    // §4.2–§4.5: issue, service, response, Part 36
    void courtProcess_data();
    void courtProcess();
    void rulesRaisedOnlyWhenTheyApply_data();
    void rulesRaisedOnlyWhenTheyApply();
    void serviceDates_data();
    void serviceDates();
    void pocAfterClaimFormValidity_data();
    void pocAfterClaimFormValidity();

    // Order independence and court closure days
    void orderOfIncidentsAndEventsDoesNotMatter_data();
    void orderOfIncidentsAndEventsDoesNotMatter();
    void courtClosureDays();

    // Explanations and the input checks
    void explanationsMentionTheDates_data();
    void explanationsMentionTheDates();
    void unverifiedPointsAreSaidSo_data();
    void unverifiedPointsAreSaidSo();
    void validate_data();
    void validate();
    void versionsAreReported();

private:
    static void addLimitationColumns();
    static void checkLimitation();
    static void addDeadlineColumns();
    static void checkDeadline();
};

// =================================================================================================================
// Limitation

void DeadlineEngineTest::addLimitationColumns()
{
    QTest::addColumn<EngineInput>("input");
    QTest::addColumn<LimitationExpect>("expect");
}

void DeadlineEngineTest::checkLimitation()
{
    QFETCH(EngineInput, input);
    QFETCH(LimitationExpect, expect);
    const EngineResult result = compute(input);
    const LimitationEntry* entry = entryFor(result, expect.incident);
    QVERIFY2(entry, qPrintable(u"no limitation entry for "_s + expect.incident + u"\n"_s + dump(result)));
    const QString context = u"\nflags: "_s + entry->flags.join(u", "_s) + u"\nexplanation:\n  "_s
        + entry->explanation.join(u"\n  "_s);
    if (!expect.regime.isEmpty()) {
        QVERIFY2(entry->regime == expect.regime,
                 qPrintable(u"regime "_s + entry->regime + u", expected "_s + expect.regime + context));
    }
    COMPARE_OPTIONAL_DATE(entry->strictDate, expect.strict);
    COMPARE_OPTIONAL_DATE(entry->safeDate, expect.safe);
    COMPARE_OPTIONAL_DATE(entry->rollForwardDate, expect.roll);
    COMPARE_OPTIONAL_DATE(entry->alternativeDate, expect.alternative);
    COMPARE_OPTIONAL_DATE(entry->legacyDate, expect.legacy);
    if (expect.expired >= 0) {
        QVERIFY2(entry->expired == (expect.expired == 1), qPrintable(u"expired is wrong"_s + context));
    }
    for (const QString& flag : expect.with) {
        QVERIFY2(entry->flags.contains(flag), qPrintable(flag + u" missing"_s + context));
    }
    for (const QString& flag : expect.without) {
        QVERIFY2(!entry->flags.contains(flag), qPrintable(flag + u" present but must not be"_s + context));
    }
    if (!expect.confidence.isEmpty()) {
        QCOMPARE(entry->confidence, expect.confidence);
    }
    QVERIFY2(!entry->explanation.isEmpty(), "every limitation entry explains itself");
}

void DeadlineEngineTest::limitationEnglandWales_data()
{
    addLimitationColumns();

    QTest::addRow("T1: adult, single incident Thu 14 Jan 2021 → strict Sun 14 Jan 2024, safe Fri 12, roll Mon 15")
        << t1().input()
        << LimitationExpect {u"i1"_s, u"EW_S11_ADULT"_s, iso("2024-01-14"), iso("2024-01-12"), iso("2024-01-15"), kAny,
                             kAny, 0, {}, {u"S33_REQUIRED"_s, u"LEAPDAY_BIRTHDAY"_s, u"DATE_IMPRECISE"_s}, {}};
    QTest::addRow("T1 as of the day after the strict date: expired → S33_REQUIRED")
        << Facts("2024-01-15", "1990-05-05").incident("i1", "2021-01-14", kSexual).input()
        << LimitationExpect {u"i1"_s, u"EW_S11_ADULT"_s, iso("2024-01-14"), iso("2024-01-12"), iso("2024-01-15"), kAny,
                             kAny, 1, {u"S33_REQUIRED"_s}, {}, {}};
    QTest::addRow("T1 as of the strict date itself: not yet expired")
        << Facts("2024-01-14", "1990-05-05").incident("i1", "2021-01-14", kSexual).input()
        << LimitationExpect {u"i1"_s, u"EW_S11_ADULT"_s, iso("2024-01-14"), kAny, kAny, kAny, kAny, 0, {},
                             {u"S33_REQUIRED"_s}, {}};
    QTest::addRow("T2: adult, incident Mon 26 Dec 2022 → strict Fri 26 Dec 2025 (Boxing Day), safe Wed 24, roll Mon 29")
        << Facts("2023-06-01", "1990-05-05").incident("i1", "2022-12-26", kPhysical).input()
        << LimitationExpect {u"i1"_s, u"EW_S11_ADULT"_s, iso("2025-12-26"), iso("2025-12-24"), iso("2025-12-29"), kAny,
                             kAny, 0, {}, {}, {}};
    QTest::addRow("T3: child physical abuse, DOB Mon 2 Jan 2006 → EW_S28_MINOR, strict Fri 1 Jan 2027, alt Sat 2 Jan")
        << Facts("2026-11-27", "2006-01-02").incident("i1", "2018-05-01", kPhysical).input()
        << LimitationExpect {u"i1"_s,
                             u"EW_S28_MINOR"_s,
                             iso("2027-01-01"),
                             iso("2026-12-31"),
                             iso("2027-01-04"),
                             iso("2027-01-02"),
                             kAny,
                             0,
                             {},
                             {u"CSA_NO_LIMIT"_s, u"S33_REQUIRED"_s},
                             u"CONSERVATIVE_ASSUMPTION"_s};
    QTest::addRow("P2 worked example: DOB 10 Mar 2003, physical abuse → strict Sat 9 Mar 2024, safe Fri 8 Mar")
        << Facts("2023-01-01", "2003-03-10").incident("i1", "2012-06-01", kPhysical).input()
        << LimitationExpect {u"i1"_s, u"EW_S28_MINOR"_s, iso("2024-03-09"), iso("2024-03-08"), iso("2024-03-11"),
                             iso("2024-03-10"), kAny, 0, {}, {}, {}};
    QTest::addRow("T4: child physical abuse, DOB 29 Feb 2004 → strict Thu 27 Feb 2025, alt Fri 28 Feb, LEAPDAY")
        << Facts("2024-06-01", "2004-02-29").incident("i1", "2015-06-01", kPhysical).input()
        << LimitationExpect {u"i1"_s,
                             u"EW_S28_MINOR"_s,
                             iso("2025-02-27"),
                             iso("2025-02-27"),
                             QDate(),
                             iso("2025-02-28"),
                             kAny,
                             0,
                             {u"LEAPDAY_BIRTHDAY"_s},
                             {},
                             u"CONSERVATIVE_ASSUMPTION"_s};
    QTest::addRow("T5: adult incident Thu 29 Feb 2024 → strict Sun 28 Feb 2027, safe Fri 26 Feb, conservative")
        << Facts("2024-06-01", "1990-05-05").incident("i1", "2024-02-29", kSexual).input()
        << LimitationExpect {u"i1"_s,
                             u"EW_S11_ADULT"_s,
                             iso("2027-02-28"),
                             iso("2027-02-26"),
                             iso("2027-03-01"),
                             kAny,
                             kAny,
                             0,
                             {},
                             {u"LEAPDAY_BIRTHDAY"_s},
                             u"CONSERVATIVE_ASSUMPTION"_s};
    QTest::addRow("§2.7: adult incident known only to the month (Mar 2015) → read as 1 Mar 2015, strict Thu 1 Mar 2018")
        << Facts("2016-01-01", "1980-01-01").incident("i1", "2015-03-17", kSexual).precision(Precision::Month).input()
        << LimitationExpect {u"i1"_s,
                             u"EW_S11_ADULT"_s,
                             iso("2018-03-01"),
                             iso("2018-03-01"),
                             QDate(),
                             kAny,
                             kAny,
                             0,
                             {u"DATE_IMPRECISE"_s},
                             {},
                             u"CONSERVATIVE_ASSUMPTION"_s};
    QTest::addRow("§2.7: physical abuse \"in 2005\", DOB 15 Jun 1987 → child at 1 Jan 2005: strict Sat 14 Jun 2008")
        << Facts("2026-01-01", "1987-06-15").incident("i1", "2005-01-01", kPhysical).precision(Precision::Year).input()
        << LimitationExpect {u"i1"_s,
                             u"EW_S28_MINOR"_s,
                             iso("2008-06-14"),
                             iso("2008-06-13"),
                             iso("2008-06-16"),
                             kAny,
                             kAny,
                             1,
                             {u"DATE_IMPRECISE"_s, u"S33_REQUIRED"_s},
                             {},
                             {}};
    QTest::addRow("§2.3: date of knowledge ARGUED → primary stays Sat 5 May 2018, DOK date shown as alternative")
        << Facts("2022-06-01", "1980-01-01")
               .incident("i1", "2015-05-05", kSexual)
               .knowledge("2022-03-01", KnowledgeStatus::Argued)
               .input()
        << LimitationExpect {u"i1"_s,
                             u"EW_S11_ADULT"_s,
                             iso("2018-05-05"),
                             iso("2018-05-04"),
                             iso("2018-05-08"),  // Mon 7 May 2018 is the early May bank holiday
                             iso("2025-03-01"),
                             kAny,
                             1,
                             {u"DOK_ARGUED"_s, u"S33_REQUIRED"_s},
                             {},
                             {}};
    QTest::addRow("§2.3: date of knowledge AGREED → EW_S14_KNOWLEDGE, strict Sat 1 Mar 2025, safe Fri 28 Feb")
        << Facts("2022-06-01", "1980-01-01")
               .incident("i1", "2015-05-05", kSexual)
               .knowledge("2022-03-01", KnowledgeStatus::Agreed)
               .input()
        << LimitationExpect {u"i1"_s,
                             u"EW_S14_KNOWLEDGE"_s,
                             iso("2025-03-01"),
                             iso("2025-02-28"),
                             iso("2025-03-03"),
                             kAny,
                             kAny,
                             0,
                             {},
                             {u"DOK_ARGUED"_s, u"S33_REQUIRED"_s},
                             {}};
    QTest::addRow("§2.3: date of knowledge DETERMINED by the court → EW_S14_KNOWLEDGE, strict Sat 1 Mar 2025")
        << Facts("2022-06-01", "1980-01-01")
               .incident("i1", "2015-05-05", kSexual)
               .knowledge("2022-03-01", KnowledgeStatus::Determined)
               .input()
        << LimitationExpect {u"i1"_s,
                             u"EW_S14_KNOWLEDGE"_s,
                             iso("2025-03-01"),
                             iso("2025-02-28"),
                             iso("2025-03-03"),
                             kAny,
                             kAny,
                             0,
                             {},
                             {u"DOK_ARGUED"_s},
                             {}};
    QTest::addRow("§2.3 + §2.4: a child's agreed date of knowledge later than the s.28 date → Sun 1 Jun 2025")
        << Facts("2023-01-01", "2000-01-01")
               .incident("i1", "2010-01-01", kPhysical)
               .knowledge("2022-06-01", KnowledgeStatus::Agreed)
               .input()
        << LimitationExpect {u"i1"_s, u"EW_S14_KNOWLEDGE"_s, iso("2025-06-01"), iso("2025-05-30"), iso("2025-06-02"),
                             kAny, kAny, 0, {}, {u"S33_REQUIRED"_s}, {}};
    QTest::addRow("§2.4: capacity concern → DISABILITY_CAPACITY, solicitor to determine")
        << Facts("2023-06-01", "1980-01-01").incident("i1", "2021-01-14", kSexual).lacksCapacity().input()
        << LimitationExpect {u"i1"_s, u"CAPACITY_UNDETERMINED"_s, kAny, kAny, kAny, kAny, kAny, -1,
                             {u"DISABILITY_CAPACITY"_s}, {}, {}};
    QTest::addRow("§2.1 s.11(5): adult client died Wed 1 Jun 2022, within the period → 3 years from death, Sun 1 Jun 2025")
        << Facts("2023-01-01", "1980-01-01").incident("i1", "2021-01-14", kSexual).died("2022-06-01").input()
        << LimitationExpect {u"i1"_s, {}, iso("2025-06-01"), iso("2025-05-30"), iso("2025-06-02"), kAny, kAny, 0, {}, {},
                             {}};
    QTest::addRow("no date of birth: the adult rule, which gives the earliest date (T1 dates)")
        << Facts("2023-06-01").incident("i1", "2021-01-14", kSexual).input()
        << LimitationExpect {u"i1"_s, u"EW_S11_ADULT"_s, iso("2024-01-14"), iso("2024-01-12"), iso("2024-01-15"), kAny,
                             kAny, 0, {}, {}, {}};
    QTest::addRow("§2.10: public authority defendant → HRA_SHORT_LIMIT; T14 s.11 limb Sun 12 Nov 2028, safe Fri 10")
        << t14().input()
        << LimitationExpect {u"i1"_s, u"EW_S11_ADULT"_s, iso("2028-11-12"), iso("2028-11-10"), iso("2028-11-13"), kAny,
                             kAny, 0, {u"HRA_SHORT_LIMIT"_s}, {}, {}};
    QTest::addRow("§2.11: a standstill running on the as-of date → STANDSTILL_ACTIVE on the T1 entry")
        << t1().standstill("2024-03-31").input()
        << LimitationExpect {u"i1"_s, u"EW_S11_ADULT"_s, iso("2024-01-14"), iso("2024-01-12"), kAny, kAny, kAny, 0,
                             {u"STANDSTILL_ACTIVE"_s}, {}, {}};
    QTest::addRow("§2.11: a standstill that ended before the as-of date → no STANDSTILL_ACTIVE")
        << t1().standstill("2023-05-31").input()
        << LimitationExpect {u"i1"_s, u"EW_S11_ADULT"_s, iso("2024-01-14"), kAny, kAny, kAny, kAny, 0, {},
                             {u"STANDSTILL_ACTIVE"_s}, {}};
}

void DeadlineEngineTest::limitationEnglandWales()
{
    checkLimitation();
}

void DeadlineEngineTest::limitationChildSexualAbuse_data()
{
    addLimitationColumns();

    QTest::addRow("T6(a): as of 1 Jun 2026 (before s.11ZA) → legacy strict Sat 9 Mar 2024, expired, S33_REQUIRED")
        << t6("2026-06-01").input()
        << LimitationExpect {u"i1"_s,
                             u"EW_S28_MINOR"_s,
                             iso("2024-03-09"),
                             iso("2024-03-08"),
                             iso("2024-03-11"),
                             iso("2024-03-10"),
                             kAny,
                             1,
                             {u"S33_REQUIRED"_s, u"DATE_IMPRECISE"_s},
                             {u"CSA_NO_LIMIT"_s, u"FAIR_HEARING_RISK"_s},
                             {}};
    QTest::addRow("T6(b): as of 1 Jul 2026 → EW_S11ZA, no limitation date, CSA_NO_LIMIT + FAIR_HEARING_RISK")
        << t6("2026-07-01").input()
        << LimitationExpect {u"i1"_s,
                             u"EW_S11ZA_CHILD_SEXUAL_ABUSE"_s,
                             QDate(),
                             QDate(),
                             QDate(),
                             QDate(),
                             iso("2024-03-09"),
                             0,
                             {u"CSA_NO_LIMIT"_s, u"FAIR_HEARING_RISK"_s},
                             {u"S33_REQUIRED"_s},
                             {}};
    QTest::addRow("T6(c): as of 1 Jul 2026 but settled 30 Nov 2025 → PRIOR_CLAIM_DISPOSED, s.11ZA does not revive")
        << t6("2026-07-01").priorClaimDisposed("2025-11-30").input()
        << LimitationExpect {u"i1"_s,
                             u"EW_S28_MINOR"_s,
                             iso("2024-03-09"),
                             iso("2024-03-08"),
                             kAny,
                             kAny,
                             kAny,
                             1,
                             {u"PRIOR_CLAIM_DISPOSED"_s, u"S33_REQUIRED"_s},
                             {u"CSA_NO_LIMIT"_s},
                             {}};
    QTest::addRow("T7: assaulted Tue 15 Jun 2021 at 18 → EW_S11_ADULT strict Sat 15 Jun 2024, expired, S33_REQUIRED")
        << t6("2026-07-01").incident("i2", "2021-06-15", kSexual).input()
        << LimitationExpect {u"i2"_s,
                             u"EW_S11_ADULT"_s,
                             iso("2024-06-15"),
                             iso("2024-06-14"),
                             iso("2024-06-17"),
                             kAny,
                             kAny,
                             1,
                             {u"S33_REQUIRED"_s, u"MIXED_REGIME"_s},
                             {u"CSA_NO_LIMIT"_s},
                             {}};
    QTest::addRow("T7: the childhood incident of the same client keeps no limitation and no S33_REQUIRED")
        << t6("2026-07-01").incident("i2", "2021-06-15", kSexual).input()
        << LimitationExpect {u"i1"_s,
                             u"EW_S11ZA_CHILD_SEXUAL_ABUSE"_s,
                             QDate(),
                             QDate(),
                             QDate(),
                             kAny,
                             kAny,
                             0,
                             {u"CSA_NO_LIMIT"_s},
                             {u"S33_REQUIRED"_s},
                             {}};
    QTest::addRow("s.11ZA commencement: as of Sun 28 Jun 2026 the old rules still apply")
        << Facts("2026-06-28", "2003-03-10").incident("i1", "2012-06-01", kSexual).input()
        << LimitationExpect {u"i1"_s, u"EW_S28_MINOR"_s, iso("2024-03-09"), kAny, kAny, kAny, kAny, 1,
                             {u"S33_REQUIRED"_s}, {u"CSA_NO_LIMIT"_s}, {}};
    QTest::addRow("s.11ZA commencement: as of Mon 29 Jun 2026 no limitation period")
        << Facts("2026-06-29", "2003-03-10").incident("i1", "2012-06-01", kSexual).input()
        << LimitationExpect {u"i1"_s, u"EW_S11ZA_CHILD_SEXUAL_ABUSE"_s, QDate(), QDate(), QDate(), kAny, kAny, 0,
                             {u"CSA_NO_LIMIT"_s, u"FAIR_HEARING_RISK"_s}, {u"S33_REQUIRED"_s}, {}};
    QTest::addRow("age boundary: sexual assault ON the 18th birthday, Wed 10 Mar 2021 → adult, strict Sun 10 Mar 2024")
        << Facts("2026-07-01", "2003-03-10").incident("i1", "2021-03-10", kSexual).input()
        << LimitationExpect {u"i1"_s,
                             u"EW_S11_ADULT"_s,
                             iso("2024-03-10"),
                             iso("2024-03-08"),
                             iso("2024-03-11"),
                             kAny,
                             kAny,
                             1,
                             {u"S33_REQUIRED"_s},
                             {u"CSA_NO_LIMIT"_s},
                             {}};
    QTest::addRow("age boundary: sexual abuse the day before the 18th birthday, Tue 9 Mar 2021 → s.11ZA")
        << Facts("2026-07-01", "2003-03-10").incident("i1", "2021-03-09", kSexual).input()
        << LimitationExpect {u"i1"_s, u"EW_S11ZA_CHILD_SEXUAL_ABUSE"_s, QDate(), QDate(), QDate(), kAny, kAny, 0,
                             {u"CSA_NO_LIMIT"_s}, {}, {}};
    QTest::addRow("sexual AND physical abuse of a child: the act constituted sexual abuse → s.11ZA")
        << Facts("2026-11-27", "2006-01-02").incident("i1", "2015-03-01", kSexual | kPhysical).input()
        << LimitationExpect {u"i1"_s, u"EW_S11ZA_CHILD_SEXUAL_ABUSE"_s, QDate(), QDate(), QDate(), kAny, kAny, 0,
                             {u"CSA_NO_LIMIT"_s, u"FAIR_HEARING_RISK"_s}, {}, {}};
    QTest::addRow("emotional abuse of a child after 29 Jun 2026: s.11ZA is sexual abuse only → EW_S28_MINOR (T3 dates)")
        << Facts("2026-11-27", "2006-01-02").incident("i1", "2015-03-01", kEmotional).input()
        << LimitationExpect {u"i1"_s, u"EW_S28_MINOR"_s, iso("2027-01-01"), iso("2026-12-31"), iso("2027-01-04"),
                             kAny, kAny, 0, {}, {u"CSA_NO_LIMIT"_s}, {}};
    QTest::addRow("§2.7: sexual abuse \"in 2005\", DOB 15 Jun 1987, may straddle 18 → earliest adult act decides")
        << Facts("2026-07-01", "1987-06-15").incident("i1", "2005-01-01", kSexual).precision(Precision::Year).input()
        << LimitationExpect {u"i1"_s,
                             {},
                             iso("2008-06-15"),
                             iso("2008-06-13"),
                             iso("2008-06-16"),
                             kAny,
                             kAny,
                             1,
                             {u"DATE_IMPRECISE"_s, u"MIXED_REGIME"_s},
                             {u"CSA_NO_LIMIT"_s},
                             {}};
    QTest::addRow("claim disposed on 15 Jul 2026, after commencement: not a pre-commencement disposal → s.11ZA")
        << Facts("2026-08-01", "2003-03-10").incident("i1", "2012-06-01", kSexual).priorClaimDisposed("2026-07-15").input()
        << LimitationExpect {u"i1"_s, u"EW_S11ZA_CHILD_SEXUAL_ABUSE"_s, QDate(), QDate(), QDate(), kAny, kAny, 0,
                             {u"CSA_NO_LIMIT"_s}, {}, {}};
    QTest::addRow("client died before bringing the action: s.11ZA does not apply to the estate → old rules")
        << Facts("2026-07-01", "2003-03-10").incident("i1", "2012-06-01", kSexual).died("2026-05-01").input()
        << LimitationExpect {u"i1"_s, u"EW_S28_MINOR"_s, iso("2024-03-09"), kAny, kAny, kAny, kAny, 1,
                             {u"S33_REQUIRED"_s}, {u"CSA_NO_LIMIT"_s}, {}};
}

void DeadlineEngineTest::limitationChildSexualAbuse()
{
    checkLimitation();
}

void DeadlineEngineTest::limitationScotlandAndNorthernIreland_data()
{
    addLimitationColumns();

    QTest::addRow("T19: Scotland, child sexual abuse Fri 25 Sep 1964 → SCOT_PRESCRIBED (hard stop)")
        << Facts("2026-01-01", "1955-01-01").incident("i1", "1964-09-25", kSexual, Region::Scotland).input()
        << LimitationExpect {u"i1"_s, u"SCOT_PRESCRIBED"_s, QDate(), QDate(), QDate(), kAny, kAny, 0,
                             {u"SCOT_PRESCRIBED"_s, u"FORUM_CHECK"_s}, {}, {}};
    QTest::addRow("T19: Scotland, child sexual abuse Sat 26 Sep 1964 → SCOT_S17A, no time limit")
        << Facts("2026-01-01", "1955-01-01").incident("i1", "1964-09-26", kSexual, Region::Scotland).input()
        << LimitationExpect {u"i1"_s, u"SCOT_S17A_CHILDHOOD_ABUSE"_s, QDate(), QDate(), QDate(), kAny, kAny, 0,
                             {u"FORUM_CHECK"_s}, {u"SCOT_PRESCRIBED"_s, u"S33_REQUIRED"_s}, {}};
    QTest::addRow("§2.8: Scotland, child PHYSICAL abuse after 4 Oct 2017 → SCOT_S17A (all kinds of abuse)")
        << Facts("2026-01-01", "2000-01-01").incident("i1", "2010-05-05", kPhysical, Region::Scotland).input()
        << LimitationExpect {u"i1"_s, u"SCOT_S17A_CHILDHOOD_ABUSE"_s, QDate(), QDate(), QDate(), kAny, kAny, 0,
                             {u"FORUM_CHECK"_s}, {}, {}};
    QTest::addRow("§2.8: Scotland adult, injury Sun 2 Jan 2022 → strict Thu 2 Jan 2025 (Scottish holiday), safe Tue 31 Dec")
        << Facts("2022-06-01", "1980-01-01").incident("i1", "2022-01-02", kSexual, Region::Scotland).input()
        << LimitationExpect {u"i1"_s, u"SCOT_S17_ADULT"_s, iso("2025-01-02"), iso("2024-12-31"), iso("2025-01-03"),
                             kAny, kAny, 0, {u"FORUM_CHECK"_s}, {}, {}};
    QTest::addRow("§2.8: Scotland child before s.17A (as of 1 Jan 2017): under-16 time disregarded → Fri 4 May 2018")
        << Facts("2017-01-01", "1999-05-05").incident("i1", "2010-06-01", kPhysical, Region::Scotland).input()
        << LimitationExpect {u"i1"_s, {}, iso("2018-05-04"), iso("2018-05-04"), QDate(), kAny, kAny, 0,
                             {u"FORUM_CHECK"_s}, {}, {}};
    QTest::addRow("§2.9: Northern Ireland adult, incident 17 Mar 2022 → strict Mon 17 Mar 2025 (St Patrick's Day)")
        << Facts("2022-06-01", "1980-01-01").incident("i1", "2022-03-17", kSexual, Region::NorthernIreland).input()
        << LimitationExpect {u"i1"_s, u"NI_ART7_ADULT"_s, iso("2025-03-17"), iso("2025-03-14"), iso("2025-03-18"),
                             kAny, kAny, 0, {u"FORUM_CHECK"_s}, {}, {}};
    QTest::addRow("§2.9: Northern Ireland child SEXUAL abuse after 29 Jun 2026: no s.11ZA in NI → NI_ART7_MINOR")
        << Facts("2026-07-01", "2005-05-05").incident("i1", "2015-01-01", kSexual, Region::NorthernIreland).input()
        << LimitationExpect {u"i1"_s,
                             u"NI_ART7_MINOR"_s,
                             iso("2026-05-04"),
                             iso("2026-05-01"),
                             iso("2026-05-05"),
                             iso("2026-05-05"),
                             kAny,
                             1,
                             {u"S33_REQUIRED"_s, u"FORUM_CHECK"_s},
                             {u"CSA_NO_LIMIT"_s},
                             {}};
}

void DeadlineEngineTest::limitationScotlandAndNorthernIreland()
{
    checkLimitation();
}

void DeadlineEngineTest::primarySelection_data()
{
    QTest::addColumn<EngineInput>("input");
    QTest::addColumn<QString>("primaryIncident");  // empty: primary must be null
    QTest::addColumn<QDate>("primarySafe");
    QTest::addColumn<int>("mixed");  // 1: some entry carries MIXED_REGIME, 0: none, -1: not checked

    QTest::addRow("T7: case primary = the adult incident, Sat 15 Jun 2024 (safe Fri 14 Jun); MIXED_REGIME")
        << t6("2026-07-01").incident("i2", "2021-06-15", kSexual).input() << u"i2"_s << iso("2024-06-14") << 1;
    QTest::addRow("T6(b): only a no-limitation incident → primary is null")
        << t6("2026-07-01").input() << QString() << QDate() << 0;
    QTest::addRow("§2.7: two adult incidents, the earlier expires first (same regime, not mixed)")
        << Facts("2023-06-01", "1980-01-01")
               .incident("late", "2022-12-26", kSexual)
               .incident("early", "2021-01-14", kSexual)
               .input()
        << u"early"_s << iso("2024-01-12") << 0;
    QTest::addRow("§2.6 mixed: child sexual (no limit) + child physical (T3 dates) → primary is the physical one")
        << Facts("2026-11-27", "2006-01-02")
               .incident("sexual", "2015-03-01", kSexual)
               .incident("physical", "2018-05-01", kPhysical)
               .input()
        << u"physical"_s << iso("2026-12-31") << 1;
    QTest::addRow("earliest SAFE date wins: Scottish strict Sat 3 Jan 2026 (safe Wed 31 Dec) before E&W Fri 2 Jan 2026")
        << Facts("2023-06-01", "1980-01-01")
               .incident("ew", "2023-01-02", kSexual)
               .incident("scot", "2023-01-03", kSexual, Region::Scotland)
               .input()
        << u"scot"_s << iso("2025-12-31") << -1;
    QTest::addRow("T14: the HRA limb is a deadline, not a limitation entry: primary is the s.11 limb, Fri 10 Nov 2028")
        << t14().input() << u"i1"_s << iso("2028-11-10") << 0;
}

void DeadlineEngineTest::primarySelection()
{
    QFETCH(EngineInput, input);
    QFETCH(QString, primaryIncident);
    QFETCH(QDate, primarySafe);
    QFETCH(int, mixed);
    const EngineResult result = compute(input);
    if (primaryIncident.isEmpty()) {
        QVERIFY2(!result.primary, qPrintable(dump(result)));
    } else {
        QVERIFY2(result.primary, qPrintable(dump(result)));
        QCOMPARE(result.primary->incident, primaryIncident);
        QCOMPARE(show(result.primary->safeDate), show(primarySafe));
        // The primary is one of the entries, unchanged.
        const LimitationEntry* entry = entryFor(result, primaryIncident);
        QVERIFY(entry);
        QCOMPARE(show(result.primary->strictDate), show(entry->strictDate));
        QCOMPARE(result.primary->regime, entry->regime);
    }
    if (mixed >= 0) {
        bool anyMixed = false;
        for (const LimitationEntry& entry : result.limitation) {
            anyMixed = anyMixed || entry.flags.contains(u"MIXED_REGIME"_s);
        }
        QVERIFY2(anyMixed == (mixed == 1), qPrintable(dump(result)));
    }
}

// =================================================================================================================
// Deadlines

void DeadlineEngineTest::addDeadlineColumns()
{
    QTest::addColumn<EngineInput>("input");
    QTest::addColumn<DeadlineExpect>("expect");
}

void DeadlineEngineTest::checkDeadline()
{
    QFETCH(EngineInput, input);
    QFETCH(DeadlineExpect, expect);
    const EngineResult result = compute(input);
    QList<const DeadlineEntry*> found = deadlinesFor(result, expect.rule);
    if (!expect.incident.isEmpty()) {
        found.removeIf([&](const DeadlineEntry* d) { return d->incident != expect.incident; });
    }
    QVERIFY2(found.size() == 1, qPrintable(u"expected one "_s + expect.rule + u", found "_s
                                           + QString::number(found.size()) + u"; rules: "_s + rules(result).join(u", "_s)));
    const DeadlineEntry& d = *found.first();
    const QString context = u"\nflags: "_s + d.flags.join(u", "_s) + u"\nexplanation:\n  "_s + d.explanation.join(u"\n  "_s);
    if (expect.party) {
        QVERIFY2(d.party == *expect.party, qPrintable(u"party "_s + partyId(d.party) + context));
    }
    COMPARE_OPTIONAL_DATE(d.date, expect.date);
    COMPARE_OPTIONAL_DATE(d.strictDate, expect.strict);
    COMPARE_OPTIONAL_DATE(d.safeDate, expect.safe);
    COMPARE_OPTIONAL_DATE(d.rollForwardDate, expect.roll);
    COMPARE_OPTIONAL_DATE(d.chaseDate, expect.chase);
    if (expect.cutoff) {
        QCOMPARE(d.cutoff, *expect.cutoff);
    }
    if (expect.expired >= 0) {
        QVERIFY2(d.expired == (expect.expired == 1), qPrintable(u"expired is wrong"_s + context));
    }
    for (const QString& flag : expect.with) {
        QVERIFY2(d.flags.contains(flag), qPrintable(flag + u" missing"_s + context));
    }
    for (const QString& flag : expect.without) {
        QVERIFY2(!d.flags.contains(flag), qPrintable(flag + u" present but must not be"_s + context));
    }
    // ENGINE-CLI: `date` is the safe date for the firm's own acts; for the other side's, the roll-forward date
    // when there is one, else the strict date.
    const QDate partyDate = d.party == PartyT::Own ? d.safeDate : d.rollForwardDate.value_or(d.strictDate);
    QCOMPARE(show(d.date), show(partyDate));
    QVERIFY2(!d.explanation.isEmpty(), "every deadline explains itself");
}

void DeadlineEngineTest::humanRightsAndCica_data()
{
    addDeadlineColumns();
    const PartyT own = PartyT::Own;

    QTest::addRow("T14: HRA act Wed 12 Nov 2025 → one year beginning with it ends Wed 11 Nov 2026")
        << t14().input()
        << DeadlineExpect {u"HRA_S7_CLAIM"_s, u"i1"_s, own, iso("2026-11-11"), iso("2026-11-11"), iso("2026-11-11"),
                           QDate(), kAny, {}, 0, {u"HRA_SHORT_LIMIT"_s}, {}};
    QTest::addRow("U7: HRA limit not suspended during minority: child's act Tue 5 May 2020 → Tue 4 May 2021")
        << Facts("2020-06-01", "2010-01-01").incident("i1", "2020-05-05", kPhysical).publicAuthority().input()
        << DeadlineExpect {u"HRA_S7_CLAIM"_s, u"i1"_s, own, iso("2021-05-04"), iso("2021-05-04"), iso("2021-05-04"),
                           QDate(), kAny, {}, -1, {u"HRA_SHORT_LIMIT"_s}, {}};
    QTest::addRow("P3+P7: HRA act Sun 1 Mar 2025 → strict Sat 28 Feb 2026, safe Fri 27 Feb, roll-forward Mon 2 Mar")
        << Facts("2025-06-01", "1980-01-01").incident("i1", "2025-03-01", kPhysical).publicAuthority().input()
        << DeadlineExpect {u"HRA_S7_CLAIM"_s, u"i1"_s, own, iso("2026-02-27"), iso("2026-02-28"), iso("2026-02-27"),
                           iso("2026-03-02"), kAny, {}, 0, {}, {}};
    QTest::addRow("T15: CICA, DOB 15 Aug 2007, abused at 11, reported 2019 → by Sat 14 Aug 2027 (diarise Fri 13)")
        << Facts("2025-01-01", "2007-08-15").incident("i1", "2018-10-01", kSexual).reportedToPolice("2019-06-01").input()
        << DeadlineExpect {u"CICA_APPLICATION"_s, u"i1"_s, own, iso("2027-08-13"), iso("2027-08-14"), iso("2027-08-13"),
                           QDate(), kAny, {}, 0, {}, {u"CICA_OUT_OF_TIME"_s}};
    QTest::addRow("T15: CICA, first reported Sat 3 Jan 2026 after 18 → by Mon 3 Jan 2028 (bank holiday; diarise Fri 31 Dec)")
        << Facts("2026-02-01", "2007-08-15").incident("i1", "2018-10-01", kSexual).reportedToPolice("2026-01-03").input()
        << DeadlineExpect {u"CICA_APPLICATION"_s, u"i1"_s, own, iso("2027-12-31"), iso("2028-01-03"), iso("2027-12-31"),
                           QDate(), kAny, {}, 0, {}, {u"CICA_OUT_OF_TIME"_s}};
    QTest::addRow("§3.2 para 87: adult incident Fri 1 Mar 2024 → two years after, Sun 1 Mar 2026 (diarise Fri 27 Feb)")
        << Facts("2024-04-01", "1980-01-01").incident("i1", "2024-03-01", kSexual).input()
        << DeadlineExpect {u"CICA_APPLICATION"_s, u"i1"_s, own, iso("2026-02-27"), iso("2026-03-01"), iso("2026-02-27"),
                           QDate(), kAny, {}, 0, {}, {u"CICA_OUT_OF_TIME"_s}};
    QTest::addRow("§3.2 + P8: CICA, adult incident in Scotland Mon 2 Jan 2023 → Thu 2 Jan 2025, a Scottish holiday")
        << Facts("2023-02-01", "1980-01-01").incident("i1", "2023-01-02", kSexual, Region::Scotland).input()
        << DeadlineExpect {u"CICA_APPLICATION"_s, u"i1"_s, own, iso("2024-12-31"), iso("2025-01-02"), iso("2024-12-31"),
                           QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("§3.2 para 89: adult incident Thu 14 Jan 2021, as of 1 Jun 2023 → out of time since Sat 14 Jan 2023")
        << t1().input()
        << DeadlineExpect {u"CICA_APPLICATION"_s, u"i1"_s, own, iso("2023-01-13"), iso("2023-01-14"), iso("2023-01-13"),
                           QDate(), kAny, {}, 1, {u"CICA_OUT_OF_TIME"_s}, {}};
    QTest::addRow("T16: CICA decision Tue 10 Feb 2026 → review request by Tue 7 Apr 2026 (56 days)")
        << Facts("2026-02-11", "1980-01-01").cicaDecision("2026-02-10").input()
        << DeadlineExpect {u"CICA_REVIEW_REQUEST"_s, {}, own, iso("2026-04-07"), iso("2026-04-07"), iso("2026-04-07"),
                           QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("T16: review decision Fri 1 May 2026 → appeal received by Thu 30 Jul 2026 (90 days)")
        << Facts("2026-05-02", "1980-01-01").cicaReviewDecision("2026-05-01").input()
        << DeadlineExpect {u"CICA_TRIBUNAL_APPEAL"_s, {}, own, iso("2026-07-30"), iso("2026-07-30"), iso("2026-07-30"),
                           QDate(), kAny, u"17:00"_s, 0, {}, {}};
    QTest::addRow("§3.3: review decision Sun 1 Feb 2026 → 90 days end Sat 2 May 2026; the firm diarises Fri 1 May")
        << Facts("2026-02-02", "1980-01-01").cicaReviewDecision("2026-02-01").input()
        << DeadlineExpect {u"CICA_TRIBUNAL_APPEAL"_s, {}, own, iso("2026-05-01"), iso("2026-05-02"), iso("2026-05-01"),
                           kAny, kAny, {}, 0, {}, {}};
}

void DeadlineEngineTest::humanRightsAndCica()
{
    checkDeadline();
}

void DeadlineEngineTest::preActionAndRecords_data()
{
    addDeadlineColumns();
    const PartyT own = PartyT::Own;
    const PartyT opponent = PartyT::Opponent;

    QTest::addRow("T18: letter of claim posted Mon 1 Dec 2025 → acknowledgment due Mon 22 Dec 2025 (21 days)")
        << t18().input()
        << DeadlineExpect {u"PI_PROTOCOL_ACKNOWLEDGMENT"_s, {}, opponent, iso("2025-12-22"), iso("2025-12-22"),
                           iso("2025-12-22"), QDate(), QDate(), {}, 0, {}, {}};
    QTest::addRow("T18: acknowledged Mon 15 Dec 2025 → response due Sun 15 Mar 2026, not rolled; chase Mon 16 Mar")
        << t18().input()
        << DeadlineExpect {u"PI_PROTOCOL_RESPONSE"_s, {}, opponent, iso("2026-03-15"), iso("2026-03-15"),
                           iso("2026-03-13"), QDate(), iso("2026-03-16"), {}, 0, {}, {}};
    QTest::addRow("§4.1 A3: incident outside England & Wales → acknowledgment within 42 days, Mon 12 Jan 2026")
        << Facts("2025-12-15", "1980-01-01")
               .incident("i1", "2021-01-14", kSexual, Region::Scotland)
               .dated(EventType::LetterOfClaimPosted, "2025-12-01")
               .input()
        << DeadlineExpect {u"PI_PROTOCOL_ACKNOWLEDGMENT"_s, {}, opponent, iso("2026-01-12"), iso("2026-01-12"), kAny,
                           QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("§4.1 A4: incident outside England & Wales → response within 6 months, Mon 15 Jun 2026")
        << Facts("2025-12-15", "1980-01-01")
               .incident("i1", "2021-01-14", kSexual, Region::Scotland)
               .dated(EventType::LetterOfClaimAcknowledged, "2025-12-15")
               .input()
        << DeadlineExpect {u"PI_PROTOCOL_RESPONSE"_s, {}, opponent, iso("2026-06-15"), iso("2026-06-15"), kAny, QDate(),
                           kAny, {}, 0, {}, {}};
    QTest::addRow("§4.1 A5: rehabilitation proposal received Mon 5 Jan 2026 → reply by Mon 26 Jan 2026 (21 days)")
        << Facts("2026-01-05", "1980-01-01").dated(EventType::RehabilitationProposalReceived, "2026-01-05").input()
        << DeadlineExpect {u"REHAB_CODE_REPLY"_s, {}, std::nullopt, iso("2026-01-26"), iso("2026-01-26"),
                           iso("2026-01-26"), QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("§4.1 A5: the firm replies; 21 days from Sat 10 Jan 2026 end Sat 31 Jan → diarise Fri 30 Jan")
        << Facts("2026-01-10", "1980-01-01").dated(EventType::RehabilitationProposalReceived, "2026-01-10", own).input()
        << DeadlineExpect {u"REHAB_CODE_REPLY"_s, {}, own, iso("2026-01-30"), iso("2026-01-31"), iso("2026-01-30"),
                           QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("§4.1 A5: the compensator replies; Sat 31 Jan 2026 is not moved (not a court rule), chase Mon 2 Feb")
        << Facts("2026-01-10", "1980-01-01")
               .dated(EventType::RehabilitationProposalReceived, "2026-01-10", opponent)
               .input()
        << DeadlineExpect {u"REHAB_CODE_REPLY"_s, {}, opponent, iso("2026-01-31"), iso("2026-01-31"), iso("2026-01-30"),
                           QDate(), iso("2026-02-02"), {}, 0, {}, {}};
    QTest::addRow("§2.11: standstill agreed to Wed 31 Mar 2027 → diarise its expiry; STANDSTILL_ACTIVE")
        << Facts("2026-11-27", "1980-01-01").standstill("2027-03-31").input()
        << DeadlineExpect {u"STANDSTILL_EXPIRY"_s, {}, own, iso("2027-03-31"), iso("2027-03-31"), iso("2027-03-31"),
                           QDate(), kAny, {}, 0, {u"STANDSTILL_ACTIVE"_s}, {}};
    QTest::addRow("§2.11: standstill that ended Sat 31 Jan 2026 → passed, not active")
        << Facts("2026-11-27", "1980-01-01").standstill("2026-01-31").input()
        << DeadlineExpect {u"STANDSTILL_EXPIRY"_s, {}, own, iso("2026-01-30"), iso("2026-01-31"), iso("2026-01-30"),
                           kAny, kAny, {}, 1, {}, {u"STANDSTILL_ACTIVE"_s}};
    QTest::addRow("T12: SAR received by a local authority Tue 25 Nov 2025 → due Mon 29 Dec 2025 (25 Dec + holidays)")
        << Facts("2025-11-25", "1980-01-01").dated(EventType::SubjectAccessRequestReceived, "2025-11-25", opponent).input()
        << DeadlineExpect {u"UK_GDPR_SAR_RESPONSE"_s, {}, opponent, iso("2025-12-29"), iso("2025-12-25"),
                           iso("2025-12-24"), kAny, kAny, {}, 0, {}, {}};
    QTest::addRow("T12: the same SAR, if extended → due Wed 25 Feb 2026")
        << Facts("2025-11-25", "1980-01-01").dated(EventType::SubjectAccessRequestReceived, "2025-11-25", opponent).input()
        << DeadlineExpect {u"UK_GDPR_SAR_EXTENDED"_s, {}, opponent, iso("2026-02-25"), iso("2026-02-25"),
                           iso("2026-02-25"), QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("T13: SAR received Fri 31 Jan 2025 → due Fri 28 Feb 2025 (no 31 Feb)")
        << Facts("2025-01-31", "1980-01-01").dated(EventType::SubjectAccessRequestReceived, "2025-01-31", opponent).input()
        << DeadlineExpect {u"UK_GDPR_SAR_RESPONSE"_s, {}, opponent, iso("2025-02-28"), iso("2025-02-28"),
                           iso("2025-02-28"), QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("T13: the same SAR, if extended → three months, Wed 30 Apr 2025")
        << Facts("2025-01-31", "1980-01-01").dated(EventType::SubjectAccessRequestReceived, "2025-01-31", opponent).input()
        << DeadlineExpect {u"UK_GDPR_SAR_EXTENDED"_s, {}, opponent, iso("2025-04-30"), iso("2025-04-30"),
                           iso("2025-04-30"), QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("§6.4: recipient in Scotland, received Tue 2 Dec 2025 → Fri 2 Jan 2026 is a Scottish holiday → Mon 5 Jan")
        << Facts("2025-12-02", "1980-01-01")
               .dated(EventType::SubjectAccessRequestReceived, "2025-12-02", opponent)
               .in(Region::Scotland)
               .input()
        << DeadlineExpect {u"UK_GDPR_SAR_RESPONSE"_s, {}, opponent, iso("2026-01-05"), iso("2026-01-02"),
                           iso("2025-12-31"), kAny, kAny, {}, 0, {}, {}};
    QTest::addRow("§6.4: the same request in England & Wales → due Fri 2 Jan 2026, a working day there")
        << Facts("2025-12-02", "1980-01-01").dated(EventType::SubjectAccessRequestReceived, "2025-12-02", opponent).input()
        << DeadlineExpect {u"UK_GDPR_SAR_RESPONSE"_s, {}, opponent, iso("2026-01-02"), iso("2026-01-02"),
                           iso("2026-01-02"), QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("§6.4: the firm answers the client's own SAR of Tue 25 Nov 2025 → diarise Wed 24 Dec 2025")
        << Facts("2025-11-25", "1980-01-01").dated(EventType::SubjectAccessRequestReceived, "2025-11-25", own).input()
        << DeadlineExpect {u"UK_GDPR_SAR_RESPONSE"_s, {}, own, iso("2025-12-24"), iso("2025-12-25"), iso("2025-12-24"),
                           kAny, kAny, {}, 0, {}, {}};
}

void DeadlineEngineTest::preActionAndRecords()
{
    checkDeadline();
}

void DeadlineEngineTest::courtProcess_data()
{
    addDeadlineColumns();
    const PartyT own = PartyT::Own;
    const PartyT opponent = PartyT::Opponent;

    QTest::addRow("T8: B1 claim form validity (issued Mon 3 Mar 2025) → step by midnight Thu 3 Jul 2025")
        << t8(true, 28).input()
        << DeadlineExpect {u"CPR_7_5_SERVE_CLAIM_FORM"_s, {}, own, iso("2025-07-03"), iso("2025-07-03"),
                           iso("2025-07-03"), QDate(), kAny, u"23:59"_s, 0, {}, {}};
    QTest::addRow("T8: AoS due Wed 7 May 2025 (14 days after deemed service Wed 23 Apr)")
        << t8(true, 28).input()
        << DeadlineExpect {u"CPR_10_ACKNOWLEDGMENT_OF_SERVICE"_s, {}, opponent, iso("2025-05-07"), iso("2025-05-07"),
                           iso("2025-05-07"), QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("T8: AoS filed → defence due Wed 21 May 2025 (28 days)")
        << t8(true, 28).input()
        << DeadlineExpect {u"CPR_15_DEFENCE"_s, {}, opponent, iso("2025-05-21"), iso("2025-05-21"), iso("2025-05-21"),
                           QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("T8: no AoS → defence due Wed 7 May 2025 (14 days)")
        << t8(false, 0).input()
        << DeadlineExpect {u"CPR_15_DEFENCE"_s, {}, opponent, iso("2025-05-07"), iso("2025-05-07"), iso("2025-05-07"),
                           QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("T8: with the maximum agreed extension of 28 days → defence by Wed 18 Jun 2025")
        << t8(true, 28).input()
        << DeadlineExpect {u"CPR_15_5_EXTENDED_DEFENCE"_s, {}, opponent, iso("2025-06-18"), iso("2025-06-18"),
                           iso("2025-06-18"), QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("T10: B1 last day Sat 28 Feb 2026 23:59, no roll-forward → the firm diarises Fri 27 Feb")
        << t10("2026-02-27T10:00", ServiceMethod::FirstClassPost).input()
        << DeadlineExpect {u"CPR_7_5_SERVE_CLAIM_FORM"_s, {}, own, iso("2026-02-27"), iso("2026-02-28"),
                           iso("2026-02-27"), QDate(), kAny, u"23:59"_s, 0, {}, {}};
    QTest::addRow("T10: PoC deemed served Mon 2 Mar 2026 → AoS due Mon 16 Mar 2026 (C1: service of the PoC)")
        << t10("2026-02-27T10:00", ServiceMethod::FirstClassPost).input()
        << DeadlineExpect {u"CPR_10_ACKNOWLEDGMENT_OF_SERVICE"_s, {}, opponent, iso("2026-03-16"), iso("2026-03-16"),
                           iso("2026-03-16"), QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("T11: defence 28 days after Fri 6 Mar 2026 = Good Friday 3 Apr → file by Tue 7 Apr 2026 (CPR 2.8(5))")
        << t11().input()
        << DeadlineExpect {u"CPR_15_DEFENCE"_s, {}, opponent, iso("2026-04-07"), iso("2026-04-03"), iso("2026-04-02"),
                           iso("2026-04-07"), kAny, {}, 0, {}, {}};
    QTest::addRow("T11: AoS 14 days after Fri 6 Mar 2026 → Fri 20 Mar 2026")
        << t11().input()
        << DeadlineExpect {u"CPR_10_ACKNOWLEDGMENT_OF_SERVICE"_s, {}, opponent, iso("2026-03-20"), iso("2026-03-20"),
                           iso("2026-03-20"), QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("U9: Friday posting, PoC to follow → serve PoC 14 days after the EARLIER reading, Mon 6 → Mon 20 Oct")
        << fridayPosting().input()
        << DeadlineExpect {u"CPR_7_4_SERVE_PARTICULARS"_s, {}, own, iso("2025-10-20"), iso("2025-10-20"),
                           iso("2025-10-20"), QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("B1: issued Mon 1 Sep 2025 → 4 months end Thu 1 Jan 2026 (New Year's Day), not rolled; diarise Wed 31 Dec")
        << fridayPosting().input()
        << DeadlineExpect {u"CPR_7_5_SERVE_CLAIM_FORM"_s, {}, own, iso("2025-12-31"), iso("2026-01-01"),
                           iso("2025-12-31"), QDate(), kAny, u"23:59"_s, 0, {}, {}};
    QTest::addRow("CPR 7.4(2): PoC to follow, but the claim form's validity ends first (Sat 28 Feb 2026) → diarise Fri 27")
        << Facts("2026-02-25", "1990-05-05")
               .incident("i1", "2021-01-14", kSexual)
               .dated(EventType::ClaimFormIssued, "2025-10-31")
               .claimFormServed("2026-02-25T10:00", ServiceMethod::FirstClassPost, false)
               .input()
        << DeadlineExpect {u"CPR_7_4_SERVE_PARTICULARS"_s, {}, own, iso("2026-02-27"), iso("2026-02-28"),
                           iso("2026-02-27"), QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("C1 + P7: PoC e-mailed Mon 7 Apr 2025 → AoS 14 days = Easter Monday 21 Apr → in time Tue 22 Apr")
        << Facts("2025-04-08", "1990-05-05").sent(EventType::ParticularsServed, "2025-04-07T10:00", ServiceMethod::Email).input()
        << DeadlineExpect {u"CPR_10_ACKNOWLEDGMENT_OF_SERVICE"_s, {}, opponent, iso("2025-04-22"), iso("2025-04-21"),
                           iso("2025-04-17"), iso("2025-04-22"), kAny, {}, 0, {}, {}};
    QTest::addRow("P8: claim form (PoC inside) served in Scotland, step Tue 30 Dec 2025 → deemed Mon 5 Jan → AoS Mon 19 Jan")
        << Facts("2025-12-30", "1990-05-05")
               .dated(EventType::ClaimFormIssued, "2025-11-03")
               .claimFormServed("2025-12-30T10:00", ServiceMethod::FirstClassPost, true)
               .in(Region::Scotland)
               .input()
        << DeadlineExpect {u"CPR_10_ACKNOWLEDGMENT_OF_SERVICE"_s, {}, opponent, iso("2026-01-19"), iso("2026-01-19"),
                           iso("2026-01-19"), QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("T17: Part 36 offer e-mailed 17:10 Fri 19 Dec 2025 → relevant period ends Mon 12 Jan 2026")
        << t17().input()
        << DeadlineExpect {u"PART_36_RELEVANT_PERIOD"_s, {}, std::nullopt, iso("2026-01-12"), iso("2026-01-12"),
                           iso("2026-01-12"), QDate(), kAny, {}, 0, {}, {}};
    QTest::addRow("E1: a 28-day relevant period, offer e-mailed 10:00 Mon 5 Jan 2026 → ends Mon 2 Feb 2026")
        << Facts("2026-01-05", "1990-05-05").part36("2026-01-05T10:00", ServiceMethod::Email, 28).input()
        << DeadlineExpect {u"PART_36_RELEVANT_PERIOD"_s, {}, std::nullopt, iso("2026-02-02"), iso("2026-02-02"),
                           iso("2026-02-02"), QDate(), kAny, {}, 0, {}, {}};
}

void DeadlineEngineTest::courtProcess()
{
    checkDeadline();
}

void DeadlineEngineTest::rulesRaisedOnlyWhenTheyApply_data()
{
    QTest::addColumn<EngineInput>("input");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");

    QTest::addRow("T8: PoC inside the claim form → no separate CPR 7.4 deadline; AoS, defence and extension")
        << t8(true, 28).input()
        << QStringList {u"CPR_7_5_SERVE_CLAIM_FORM"_s, u"CPR_10_ACKNOWLEDGMENT_OF_SERVICE"_s, u"CPR_15_DEFENCE"_s,
                        u"CPR_15_5_EXTENDED_DEFENCE"_s}
        << QStringList {u"CPR_7_4_SERVE_PARTICULARS"_s};
    QTest::addRow("T8 without an agreed extension → no CPR 15.5 deadline")
        << t8(true, 0).input() << QStringList {u"CPR_15_DEFENCE"_s} << QStringList {u"CPR_15_5_EXTENDED_DEFENCE"_s};
    QTest::addRow("no public authority defendant → no HRA deadline")
        << t1().input() << QStringList {u"CICA_APPLICATION"_s} << QStringList {u"HRA_S7_CLAIM"_s};
    QTest::addRow("T14: public authority defendant → HRA deadline")
        << t14().input() << QStringList {u"HRA_S7_CLAIM"_s} << QStringList {};
    QTest::addRow("§3: Northern Ireland has its own scheme → no CICA deadline for an NI incident")
        << Facts("2022-06-01", "1980-01-01").incident("i1", "2022-03-17", kSexual, Region::NorthernIreland).input()
        << QStringList {} << QStringList {u"CICA_APPLICATION"_s};
    QTest::addRow("no events → no procedural deadlines but the CICA application")
        << t1().input() << QStringList {u"CICA_APPLICATION"_s}
        << QStringList {u"CPR_7_5_SERVE_CLAIM_FORM"_s, u"PI_PROTOCOL_ACKNOWLEDGMENT"_s, u"UK_GDPR_SAR_RESPONSE"_s,
                        u"PART_36_RELEVANT_PERIOD"_s, u"REHAB_CODE_REPLY"_s, u"STANDSTILL_EXPIRY"_s};
    QTest::addRow("T12: a SAR gives both the response and the extended deadline")
        << Facts("2025-11-25", "1980-01-01").dated(EventType::SubjectAccessRequestReceived, "2025-11-25").input()
        << QStringList {u"UK_GDPR_SAR_RESPONSE"_s, u"UK_GDPR_SAR_EXTENDED"_s} << QStringList {};
}

void DeadlineEngineTest::rulesRaisedOnlyWhenTheyApply()
{
    QFETCH(EngineInput, input);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    const QStringList got = rules(compute(input));
    for (const QString& rule : present) {
        QVERIFY2(got.contains(rule), qPrintable(rule + u" missing; rules: "_s + got.join(u", "_s)));
    }
    for (const QString& rule : absent) {
        QVERIFY2(!got.contains(rule), qPrintable(rule + u" present; rules: "_s + got.join(u", "_s)));
    }
}

void DeadlineEngineTest::serviceDates_data()
{
    QTest::addColumn<EngineInput>("input");
    QTest::addColumn<ServiceExpect>("expect");

    QTest::addRow("T8: claim form posted Thu 17 Apr 2025 → deemed Wed 23 Apr; earliest reading Tue 22 Apr")
        << t8(true, 28).input() << ServiceExpect {u"claimForm"_s, iso("2025-04-23"), iso("2025-04-22")};
    QTest::addRow("U9: claim form posted Fri 3 Oct 2025 → deemed Tue 7 Oct; earliest reading Mon 6 Oct")
        << fridayPosting().input() << ServiceExpect {u"claimForm"_s, iso("2025-10-07"), iso("2025-10-06")};
    QTest::addRow("P8: claim form step in Scotland Tue 30 Dec 2025 → deemed Mon 5 Jan 2026 (1 and 2 Jan)")
        << Facts("2025-12-30", "1990-05-05")
               .dated(EventType::ClaimFormIssued, "2025-11-03")
               .claimFormServed("2025-12-30T10:00", ServiceMethod::FirstClassPost, true)
               .in(Region::Scotland)
               .input()
        << ServiceExpect {u"claimForm"_s, iso("2026-01-05"), kAny};
    QTest::addRow("T10: PoC posted Fri 27 Feb 2026 → deemed Mon 2 Mar 2026")
        << t10("2026-02-27T10:00", ServiceMethod::FirstClassPost).input()
        << ServiceExpect {u"particulars"_s, iso("2026-03-02"), kAny};
    QTest::addRow("T11: PoC e-mailed 10:00 Fri 6 Mar 2026 → deemed the same day")
        << t11().input() << ServiceExpect {u"particulars"_s, iso("2026-03-06"), kAny};
    QTest::addRow("T17: Part 36 offer e-mailed 17:10 Fri 19 Dec 2025 → deemed Mon 22 Dec 2025")
        << t17().input() << ServiceExpect {u"part36Offer"_s, iso("2025-12-22"), kAny};
}

void DeadlineEngineTest::serviceDates()
{
    QFETCH(EngineInput, input);
    QFETCH(ServiceExpect, expect);
    const EngineResult result = compute(input);
    const ServiceDate* found = nullptr;
    for (const ServiceDate& s : result.serviceDates) {
        if (s.document == expect.document) {
            QVERIFY2(!found, "one service date per document");
            found = &s;
        }
    }
    QVERIFY2(found, qPrintable(u"no service date for "_s + expect.document + u"\n"_s + dump(result)));
    QCOMPARE(show(found->deemedServed), show(expect.deemed));
    COMPARE_OPTIONAL_DATE(found->earliestReading.value_or(found->deemedServed), expect.earliestReading);
    QVERIFY(!found->explanation.isEmpty());
    QVERIFY2(found->explanation.join(u' ').contains(uk(expect.deemed)),
             qPrintable(found->explanation.join(u"\n"_s)));
}

void DeadlineEngineTest::pocAfterClaimFormValidity_data()
{
    QTest::addColumn<EngineInput>("input");
    QTest::addColumn<bool>("warned");

    QTest::addRow("T10: PoC posted Fri 27 Feb 2026, deemed Mon 2 Mar, after the Sat 28 Feb validity → warning")
        << t10("2026-02-27T10:00", ServiceMethod::FirstClassPost).input() << true;
    QTest::addRow("T10 variant: PoC posted Thu 26 Feb 2026 → second day Sat 28 → Mon 2 Mar, still too late")
        << t10("2026-02-26T10:00", ServiceMethod::FirstClassPost).input() << true;
    QTest::addRow("T10 variant: PoC posted Wed 25 Feb 2026 → deemed Fri 27 Feb, in time → no warning")
        << t10("2026-02-25T10:00", ServiceMethod::FirstClassPost).input() << false;
    QTest::addRow("T10 variant: PoC e-mailed 10:00 Fri 27 Feb 2026 → deemed the same day, in time → no warning")
        << t10("2026-02-27T10:00", ServiceMethod::Email).input() << false;
    QTest::addRow("T10 variant: PoC e-mailed 17:00 Fri 27 Feb 2026 → deemed Mon 2 Mar → warning")
        << t10("2026-02-27T17:00", ServiceMethod::Email).input() << true;
}

void DeadlineEngineTest::pocAfterClaimFormValidity()
{
    QFETCH(EngineInput, input);
    QFETCH(bool, warned);
    const EngineResult result = compute(input);
    const Warning* warning = nullptr;
    for (const Warning& w : result.warnings) {
        if (w.code == u"POC_AFTER_CLAIM_FORM_VALIDITY"_s) {
            warning = &w;
        }
    }
    QVERIFY2((warning != nullptr) == warned, qPrintable(dump(result)));
    if (warning) {
        QVERIFY2(warning->message.contains(u"Mon 2 Mar 2026"_s), qPrintable(warning->message));
        QVERIFY2(warning->message.contains(u"Sat 28 Feb 2026"_s), qPrintable(warning->message));
    }
}

// =================================================================================================================
// Order independence, court closures

void DeadlineEngineTest::orderOfIncidentsAndEventsDoesNotMatter_data()
{
    QTest::addColumn<EngineInput>("input");

    QTest::addRow("T7: the two incidents") << t6("2026-07-01").incident("i2", "2021-06-15", kSexual).input();
    QTest::addRow("the ENGINE-CLI example events") << cliExampleFacts().input();
    QTest::addRow("two SARs received the same day, Mon 13 Oct 2025: one for each side to answer")
        << Facts("2025-10-13", "1980-01-01")
               .dated(EventType::SubjectAccessRequestReceived, "2025-10-13", PartyT::Own)
               .dated(EventType::SubjectAccessRequestReceived, "2025-10-13", PartyT::Opponent)
               .input();
    QTest::addRow("two rehabilitation proposals received the same day, one for each side to answer")
        << Facts("2026-01-05", "1980-01-01")
               .dated(EventType::RehabilitationProposalReceived, "2026-01-05", PartyT::Own)
               .dated(EventType::RehabilitationProposalReceived, "2026-01-05", PartyT::Opponent)
               .input();
    QTest::addRow("a Part 36 offer sent by e-mail and by first-class post at the same minute")
        << Facts("2026-01-05", "1990-05-05")
               .part36("2026-01-05T10:00", ServiceMethod::Email)
               .part36("2026-01-05T10:00", ServiceMethod::FirstClassPost)
               .input();
}

void DeadlineEngineTest::orderOfIncidentsAndEventsDoesNotMatter()
{
    // DeadlineEngine.h: "the result does not depend on the order of incidents or events".
    QFETCH(EngineInput, input);
    EngineInput reversed = input;
    std::reverse(reversed.incidents.begin(), reversed.incidents.end());
    std::reverse(reversed.events.begin(), reversed.events.end());
    const QString forwards = dump(compute(input));
    const QString backwards = dump(compute(reversed));
    if (forwards != backwards) {
        qsizetype at = 0;
        while (at < forwards.size() && at < backwards.size() && forwards.at(at) == backwards.at(at)) {
            ++at;
        }
        QFAIL(qPrintable(u"listing the input in reverse changes the result; first difference:\n"_s
                         + forwards.mid(std::max<qsizetype>(0, at - 200), 400) + u"\n--- reversed:\n"_s
                         + backwards.mid(std::max<qsizetype>(0, at - 200), 400)));
    }
}

void DeadlineEngineTest::courtClosureDays()
{
    // P8: the firm may add court closure days. They close the court office (safe and roll-forward dates of acts at
    // the court office) but are not bank holidays: CPR business days (deemed service) are unchanged.
    const HolidayCalendar closed = HolidayCalendar::builtIn().withCourtClosures(
        {Holiday {iso("2026-12-31"), u"Court closure"_s}, Holiday {iso("2026-04-07"), u"Court closure"_s},
         Holiday {iso("2025-04-22"), u"Court closure"_s}});
    const DeadlineEngine engine(closed);

    // T3 with the court closed on Thu 31 Dec 2026: safe date Wed 30 Dec 2026.
    const EngineResult t3 = engine.compute(Facts("2026-11-27", "2006-01-02").incident("i1", "2018-05-01", kPhysical));
    QVERIFY(entryFor(t3, u"i1"_s));
    QCOMPARE(show(entryFor(t3, u"i1"_s)->strictDate), show(iso("2027-01-01")));
    QCOMPARE(show(entryFor(t3, u"i1"_s)->safeDate), show(iso("2026-12-30")));
    QCOMPARE(show(entryFor(t3, u"i1"_s)->rollForwardDate), show(iso("2027-01-04")));
    QVERIFY(t3.holidayTableVersion != HolidayCalendar::builtIn().version());

    // T11 with the court also closed on Tue 7 Apr 2026: the defence may be filed on Wed 8 Apr 2026.
    const EngineResult t11result = engine.compute(t11());
    const QList<const DeadlineEntry*> defence = deadlinesFor(t11result, u"CPR_15_DEFENCE"_s);
    QCOMPARE(defence.size(), 1);
    QCOMPARE(show(defence.first()->rollForwardDate), show(iso("2026-04-08")));
    QCOMPARE(show(defence.first()->date), show(iso("2026-04-08")));

    // T8 with the court closed on Tue 22 Apr 2025: still a business day, so deemed service stays Wed 23 Apr 2025.
    const EngineResult t8result = engine.compute(t8(true, 28));
    const auto claimForm = std::find_if(t8result.serviceDates.cbegin(), t8result.serviceDates.cend(),
                                        [](const ServiceDate& s) { return s.document == u"claimForm"_s; });
    QVERIFY(claimForm != t8result.serviceDates.cend());
    QCOMPARE(show(claimForm->deemedServed), show(iso("2025-04-23")));
    QCOMPARE(show(claimForm->earliestReading.value_or(claimForm->deemedServed)), show(iso("2025-04-22")));
}

// =================================================================================================================
// Explanations

void DeadlineEngineTest::explanationsMentionTheDates_data()
{
    QTest::addColumn<EngineInput>("input");
    QTest::addColumn<QStringList>("mentioned");  // in some explanation of the result

    QTest::addRow("T1") << t1().input()
                        << QStringList {u"Thu 14 Jan 2021"_s, u"Sun 14 Jan 2024"_s, u"Fri 12 Jan 2024"_s,
                                        u"Mon 15 Jan 2024"_s};
    QTest::addRow("T3") << Facts("2026-11-27", "2006-01-02").incident("i1", "2018-05-01", kPhysical).input()
                        << QStringList {u"Tue 2 Jan 2024"_s, u"Fri 1 Jan 2027"_s, u"Thu 31 Dec 2026"_s,
                                        u"Mon 4 Jan 2027"_s, u"Sat 2 Jan 2027"_s};
    QTest::addRow("T6(b)") << t6("2026-07-01").input() << QStringList {u"Mon 29 Jun 2026"_s, u"Sat 9 Mar 2024"_s};
    QTest::addRow("T8") << t8(true, 28).input()
                        << QStringList {u"Thu 17 Apr 2025"_s, u"Wed 23 Apr 2025"_s, u"Tue 22 Apr 2025"_s,
                                        u"Wed 7 May 2025"_s, u"Wed 21 May 2025"_s, u"Wed 18 Jun 2025"_s,
                                        u"Thu 3 Jul 2025"_s};
    QTest::addRow("T10") << t10("2026-02-27T10:00", ServiceMethod::FirstClassPost).input()
                         << QStringList {u"Fri 31 Oct 2025"_s, u"Sat 28 Feb 2026"_s, u"Mon 2 Mar 2026"_s};
    QTest::addRow("T11") << t11().input() << QStringList {u"Fri 3 Apr 2026"_s, u"Tue 7 Apr 2026"_s};
    QTest::addRow("T14") << t14().input() << QStringList {u"Wed 12 Nov 2025"_s, u"Wed 11 Nov 2026"_s,
                                                          u"Sun 12 Nov 2028"_s, u"Fri 10 Nov 2028"_s};
    QTest::addRow("T15") << Facts("2025-01-01", "2007-08-15")
                                .incident("i1", "2018-10-01", kSexual)
                                .reportedToPolice("2019-06-01")
                                .input()
                         << QStringList {u"Sat 14 Aug 2027"_s};
    QTest::addRow("T17") << t17().input() << QStringList {u"17:10"_s, u"Mon 22 Dec 2025"_s, u"Mon 12 Jan 2026"_s};
    QTest::addRow("T18") << t18().input()
                         << QStringList {u"Mon 22 Dec 2025"_s, u"Sun 15 Mar 2026"_s, u"Mon 16 Mar 2026"_s};
}

void DeadlineEngineTest::explanationsMentionTheDates()
{
    QFETCH(EngineInput, input);
    QFETCH(QStringList, mentioned);
    const EngineResult result = compute(input);
    QStringList all;
    // Every entry explains itself and names its own dates in UK style.
    for (const LimitationEntry& e : result.limitation) {
        QVERIFY2(!e.explanation.isEmpty(), qPrintable(e.incident));
        const QString text = e.explanation.join(u'\n');
        for (const std::optional<QDate>& date : {e.strictDate, e.safeDate, e.rollForwardDate, e.alternativeDate}) {
            if (date) {
                QVERIFY2(text.contains(uk(*date)), qPrintable(uk(*date) + u" not in:\n"_s + text));
            }
        }
        all << e.explanation;
    }
    for (const DeadlineEntry& d : result.deadlines) {
        QVERIFY2(!d.explanation.isEmpty(), qPrintable(d.rule));
        const QString text = d.explanation.join(u'\n');
        for (const std::optional<QDate>& date :
             {std::optional<QDate>(d.date), std::optional<QDate>(d.strictDate), std::optional<QDate>(d.safeDate),
              d.rollForwardDate, d.chaseDate}) {
            if (date) {
                QVERIFY2(text.contains(uk(*date)), qPrintable(d.rule + u": "_s + uk(*date) + u" not in:\n"_s + text));
            }
        }
        all << d.explanation;
    }
    for (const ServiceDate& s : result.serviceDates) {
        QVERIFY2(!s.explanation.isEmpty(), qPrintable(s.document));
        all << s.explanation;
    }
    for (const Warning& w : result.warnings) {
        QVERIFY2(!w.message.isEmpty(), qPrintable(w.code));
        all << w.message;
    }
    const QString text = all.join(u'\n');
    for (const QString& phrase : mentioned) {
        QVERIFY2(text.contains(phrase), qPrintable(phrase + u" not mentioned in:\n"_s + text));
    }
}

void DeadlineEngineTest::unverifiedPointsAreSaidSo_data()
{
    // ENGINE-CLI: "Where DOMAIN.md marks a point UNVERIFIED, the engine follows its stated default … and says so in
    // `explanation`." Target: "limitation:<incident>", "deadline:<rule>" or "service:<document>".
    QTest::addColumn<EngineInput>("input");
    QTest::addColumn<QString>("target");

    QTest::addRow("U5: T1 roll-forward relies on Pritam Kaur surviving online issuing") << t1().input()
                                                                                       << u"limitation:i1"_s;
    QTest::addRow("U1: T3 day before the 21st birthday")
        << Facts("2026-11-27", "2006-01-02").incident("i1", "2018-05-01", kPhysical).input() << u"limitation:i1"_s;
    QTest::addRow("U2: T4 leap-day birthday")
        << Facts("2024-06-01", "2004-02-29").incident("i1", "2015-06-01", kPhysical).input() << u"limitation:i1"_s;
    QTest::addRow("U3: T5 accrual on 29 Feb")
        << Facts("2024-06-01", "1990-05-05").incident("i1", "2024-02-29", kSexual).input() << u"limitation:i1"_s;
    QTest::addRow("U4: T6(b) final wording of s.11ZB") << t6("2026-07-01").input() << u"limitation:i1"_s;
    QTest::addRow("U12: Northern Ireland has no s.11ZA equivalent")
        << Facts("2022-06-01", "1980-01-01").incident("i1", "2022-03-17", kSexual, Region::NorthernIreland).input()
        << u"limitation:i1"_s;
    QTest::addRow("U15: forum for a Scottish incident")
        << Facts("2022-06-01", "1980-01-01").incident("i1", "2022-01-02", kSexual, Region::Scotland).input()
        << u"limitation:i1"_s;
    QTest::addRow("U6/U7: T14 HRA \"beginning with\", not suspended in minority") << t14().input()
                                                                                 << u"deadline:HRA_S7_CLAIM"_s;
    QTest::addRow("U8: T15 CICA para 88 wording, no weekend rule")
        << Facts("2025-01-01", "2007-08-15").incident("i1", "2018-10-01", kSexual).reportedToPolice("2019-06-01").input()
        << u"deadline:CICA_APPLICATION"_s;
    QTest::addRow("U8: T16 review paragraph number")
        << Facts("2026-02-11", "1980-01-01").cicaDecision("2026-02-10").input() << u"deadline:CICA_REVIEW_REQUEST"_s;
    QTest::addRow("U9: Friday posting of the claim form, two readings of CPR 6.14") << fridayPosting().input()
                                                                                  << u"service:claimForm"_s;
    QTest::addRow("U16: T12 SAR and the Data (Use and Access) Act 2025")
        << Facts("2025-11-25", "1980-01-01").dated(EventType::SubjectAccessRequestReceived, "2025-11-25").input()
        << u"deadline:UK_GDPR_SAR_RESPONSE"_s;
}

void DeadlineEngineTest::unverifiedPointsAreSaidSo()
{
    QFETCH(EngineInput, input);
    QFETCH(QString, target);
    const EngineResult result = compute(input);
    const QString kind = target.section(u':', 0, 0);
    const QString name = target.section(u':', 1);
    QStringList explanation;
    if (kind == u"limitation"_s) {
        const LimitationEntry* entry = entryFor(result, name);
        QVERIFY2(entry, qPrintable(target));
        explanation = entry->explanation;
    } else if (kind == u"deadline"_s) {
        const QList<const DeadlineEntry*> found = deadlinesFor(result, name);
        QVERIFY2(!found.isEmpty(), qPrintable(target));
        explanation = found.first()->explanation;
    } else {
        for (const ServiceDate& s : result.serviceDates) {
            if (s.document == name) {
                explanation = s.explanation;
            }
        }
    }
    const QString text = explanation.join(u'\n');
    QVERIFY2(text.contains(u"unverified"_s, Qt::CaseInsensitive), qPrintable(target + u":\n"_s + text));
}

// =================================================================================================================
// validate()

namespace {

Facts cliExample()
{
    return cliExampleFacts();
}

EngineInput changed(Facts facts, const std::function<void(EngineInput&)>& change)
{
    EngineInput input = facts.input();
    change(input);
    return input;
}

Event eventOf(EventType type)
{
    Event event;
    event.type = type;
    return event;
}

}  // namespace

void DeadlineEngineTest::validate_data()
{
    QTest::addColumn<EngineInput>("input");
    QTest::addColumn<QStringList>("fields");  // each problem's field path, in any order
    QTest::addColumn<QString>("mentioned");  // in the matching problem's message (the offending value)

    QTest::addRow("the ENGINE-CLI example input is valid") << cliExample().input() << QStringList {} << QString();
    QTest::addRow("incident end before its start") << changed(cliExample(), [](EngineInput& in) {
        in.incidents[0].end = iso("2014-01-01");
    }) << QStringList {u"incidents[0].end"_s} << u"2014-01-01"_s;
    QTest::addRow("incident after asOf") << changed(cliExample(), [](EngineInput& in) {
        in.incidents[0].start = iso("2027-01-01");
        in.incidents[0].end.reset();
    }) << QStringList {u"incidents[0].start"_s} << u"2027-01-01"_s;
    QTest::addRow("duplicate incident id") << changed(cliExample(), [](EngineInput& in) {
        in.incidents.append(in.incidents[0]);
    }) << QStringList {u"incidents[1].id"_s} << u"i1"_s;
    QTest::addRow("a second claimFormIssued event") << changed(cliExample(), [](EngineInput& in) {
        Event second = eventOf(EventType::ClaimFormIssued);
        second.date = iso("2025-03-10");
        in.events.append(second);
    }) << QStringList {u"events[11]"_s} << u"claimFormIssued"_s;
    QTest::addRow("Part 36 relevant period of 20 days (< 21)") << changed(cliExample(), [](EngineInput& in) {
        in.events[7].relevantPeriodDays = 20;
    }) << QStringList {u"events[7].relevantPeriodDays"_s} << u"20"_s;
    QTest::addRow("claimFormServed without its time") << changed(cliExample(), [](EngineInput& in) {
        in.events[3].at.reset();
    }) << QStringList {u"events[3].at"_s} << QString();
    QTest::addRow("particularsServed without its method") << changed(cliExample(), [](EngineInput& in) {
        in.events[4].method.reset();
    }) << QStringList {u"events[4].method"_s} << QString();
    QTest::addRow("letterOfClaimPosted without its date") << changed(cliExample(), [](EngineInput& in) {
        in.events[0].date.reset();
    }) << QStringList {u"events[0].date"_s} << QString();
    QTest::addRow("subjectAccessRequestReceived without its date") << changed(cliExample(), [](EngineInput& in) {
        in.events[8].date.reset();
    }) << QStringList {u"events[8].date"_s} << QString();
    QTest::addRow("standstillAgreed without expiresOn") << changed(cliExample(), [](EngineInput& in) {
        in.events[10].expiresOn.reset();
    }) << QStringList {u"events[10].expiresOn"_s} << QString();
    QTest::addRow("defenceExtensionAgreed without days") << changed(cliExample(), [](EngineInput& in) {
        in.events[6].days = 0;
    }) << QStringList {u"events[6].days"_s} << QString();
    QTest::addRow("part36OfferSent without time and method: two problems") << changed(cliExample(), [](EngineInput& in) {
        in.events[7].at.reset();
        in.events[7].method.reset();
    }) << QStringList {u"events[7].at"_s, u"events[7].method"_s} << QString();
    QTest::addRow("missing asOf") << changed(cliExample(), [](EngineInput& in) { in.asOf = QDate(); })
                                  << QStringList {u"asOf"_s} << QString();
    QTest::addRow("problems in several places are all reported") << changed(cliExample(), [](EngineInput& in) {
        in.incidents[0].end = iso("2014-01-01");
        in.events[7].relevantPeriodDays = 14;
    }) << QStringList {u"incidents[0].end"_s, u"events[7].relevantPeriodDays"_s} << QString();
}

void DeadlineEngineTest::validate()
{
    QFETCH(EngineInput, input);
    QFETCH(QStringList, fields);
    QFETCH(QString, mentioned);
    const QList<InputProblem> problems = DeadlineEngine(HolidayCalendar::builtIn()).validate(input);
    QStringList lines;
    for (const InputProblem& p : problems) {
        lines << p.line();
    }
    const QString all = lines.join(u"\n"_s);
    QVERIFY2(problems.size() == fields.size(), qPrintable(u"problems:\n"_s + all));
    for (const QString& field : fields) {
        // The field path names the field itself ("events[7].at") or the element ("events[11]" → "events[11].type").
        const auto match = std::find_if(problems.cbegin(), problems.cend(), [&](const InputProblem& p) {
            return p.field == field || p.field.startsWith(field + u'.');
        });
        QVERIFY2(match != problems.cend(), qPrintable(field + u" not named; problems:\n"_s + all));
        QVERIFY2(!match->message.isEmpty(), qPrintable(field));
        QVERIFY2(match->line().startsWith(match->field + u": "_s), qPrintable(match->line()));
        if (!mentioned.isEmpty()) {
            QVERIFY2(match->message.contains(mentioned), qPrintable(match->line()));
        }
    }
}

void DeadlineEngineTest::versionsAreReported()
{
    const EngineResult result = compute(t1());
    QCOMPARE(result.engineVersion, DeadlineEngine::engineVersion());
    QCOMPARE(result.rulesVersion, DeadlineEngine::rulesVersion());
    QCOMPARE(result.holidayTableVersion, HolidayCalendar::builtIn().version());
    QVERIFY(!result.engineVersion.isEmpty() && !result.rulesVersion.isEmpty() && !result.holidayTableVersion.isEmpty());
    QCOMPARE(result.asOf, iso("2023-06-01"));
    QCOMPARE(DeadlineEngine::s11zaCommencement(), iso("2026-06-29"));
}

QTEST_GUILESS_MAIN(DeadlineEngineTest)
#include "tst_deadline_engine.moc"
