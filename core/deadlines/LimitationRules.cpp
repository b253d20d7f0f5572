// Limitation per incident: DOMAIN.md §2 (E&W s.11, s.14, s.28, s.33, s.11ZA; Scotland s.17, s.17A and the
// 1964 cut-off; Northern Ireland art 7; capacity), with the case-level flags of §2.12.

#include "deadlines/DateRules.h"
#include "deadlines/DeadlineEngine.h"
#include "deadlines/HolidayCalendar.h"
#include "deadlines/RuleSupport.h"

#include <algorithm>
#include <set>

namespace claimdesk::core::deadlines::detail {

namespace {

const QDate kScotlandChildhoodAbuseInForce(2017, 10, 4);  // Limitation (Childhood Abuse) (Scotland) Act 2017
const QDate kScotlandPrescriptionCutoff(1964, 9, 26);  // abuse before this day stays extinguished

const QString kConservative = QStringLiteral("CONSERVATIVE_ASSUMPTION");

QString adultRegime(Region region)
{
    switch (region) {
    case Region::EnglandWales:
        return QStringLiteral("EW_S11_ADULT");
    case Region::Scotland:
        return QStringLiteral("SCOT_S17_ADULT");
    case Region::NorthernIreland:
        return QStringLiteral("NI_ART7_ADULT");
    }
    return {};
}

QString abuseWords(const IncidentFacts& incident)
{
    QStringList words;
    if (incident.has(AbuseType::Sexual)) {
        words << QStringLiteral("sexual");
    }
    if (incident.has(AbuseType::Physical)) {
        words << QStringLiteral("physical");
    }
    if (incident.has(AbuseType::Emotional)) {
        words << QStringLiteral("emotional");
    }
    if (incident.has(AbuseType::Neglect)) {
        words << QStringLiteral("neglect");
    }
    return words.isEmpty() ? QStringLiteral("not recorded") : words.join(QStringLiteral(", "));
}

void addFlag(LimitationEntry& entry, const QString& flag)
{
    if (!entry.flags.contains(flag)) {
        entry.flags << flag;
    }
}

// The statute that gives the court a discretion to allow a late claim, per region.
QString discretionWords(Region region)
{
    switch (region) {
    case Region::EnglandWales:
        return QStringLiteral("LA 1980 s.33");
    case Region::Scotland:
        return QStringLiteral("s.19A of the 1973 Act");
    case Region::NorthernIreland:
        return QStringLiteral("art 50 of the Limitation (NI) Order 1989");
    }
    return {};
}

// One incident's computation; fills the entry's regime, dates, flags and steps.
class IncidentLimitation {
public:
    IncidentLimitation(const IncidentFacts& incident, const Context& context)
        : m_incident(incident), m_context(context), m_input(context.input)
    {
        m_entry.incident = incident.id;
        m_entry.region = incident.region;
    }

    LimitationEntry run()
    {
        if (!m_incident.start) {
            m_entry.regime = adultRegime(m_incident.region);
            addFlag(m_entry, QStringLiteral("DATE_MISSING"));
            m_entry.confidence = kConservative;
            step(QStringLiteral("Incident %1 has no date, so no limitation date can be computed for it. Record at "
                                "least the year it happened; until then the case counts as having no limitation date.")
                     .arg(m_incident.id));
            return m_entry;
        }
        describeIncident();
        describeAge();
        switch (m_incident.region) {
        case Region::EnglandWales:
        case Region::NorthernIreland:
            englandOrNorthernIreland();
            break;
        case Region::Scotland:
            scotland();
            break;
        }
        if (m_strict.isValid()) {
            knowledge();
            death();
            capacity();
            finishDates();
        }
        priorClaim();
        return m_entry;
    }

private:
    void step(const QString& text) { m_entry.explanation << text; }

    void describeIncident()
    {
        m_start = earliestDay(*m_incident.start, m_incident.precision);
        m_end = latestEnd(m_incident);
        const bool range = m_end > m_start;
        step(QStringLiteral("Incident %1 in %2 (%3 abuse): %4.")
                 .arg(m_incident.id, regionName(m_incident.region), abuseWords(m_incident),
                      range ? QStringLiteral("from %1 to %2").arg(ukDate(m_start), ukDate(m_end))
                            : QStringLiteral("on %1").arg(ukDate(m_start))));
        if (m_incident.precision != Precision::Day) {
            addFlag(m_entry, QStringLiteral("DATE_IMPRECISE"));
            m_entry.confidence = kConservative;
            step(QStringLiteral("The date is %1: the engine reads it as %2, the earliest day it could mean, because an "
                                "earlier date gives an earlier deadline; the latest it could mean is %3 (flag "
                                "DATE_IMPRECISE). Record the exact date when it is known.")
                     .arg(precisionWords(*m_incident.start, m_incident.precision), ukDate(m_start), ukDate(m_end)));
        }
        if (range) {
            step(QStringLiteral("Each act of abuse is a separate cause of action (unverified point U11: the cautious reading is used): the earliest possible "
                                "one, on %1, gives the earliest date, so the engine counts from it.")
                     .arg(ukDate(m_start)));
        }
    }

    void describeAge()
    {
        const std::optional<QDate>& dob = m_input.client.dateOfBirth;
        if (!dob) {
            addFlag(m_entry, QStringLiteral("DOB_MISSING"));
            m_entry.confidence = kConservative;
            step(QStringLiteral("No date of birth is recorded, so the engine cannot tell whether the client was a "
                                "child: it applies the adult rule, which always gives the earliest date. Record the "
                                "date of birth (a child's date is usually later)."));
            return;
        }
        m_eighteen = dayOfAttaining(*dob, 18, LeapBirthday::Feb28);
        m_leapBirthday = dob->month() == 2 && dob->day() == 29;
        step(QStringLiteral("Born %1, so 18 at the start of %2 (Family Law Reform Act 1969 s.9; Matthew v Sedman: an "
                            "event at midnight counts its own day).")
                 .arg(ukDate(*dob), ukDate(m_eighteen)));
        if (m_leapBirthday) {
            addFlag(m_entry, QStringLiteral("LEAPDAY_BIRTHDAY"));
            m_entry.confidence = kConservative;
            step(QStringLiteral("Born on 29 February: in a common year the birthday may be kept on 28 February or on 1 "
                                "March (unsettled in England & Wales, unverified point U2). The engine uses 28 February, the "
                                "earlier, and shows the later result as an alternative."));
        }
        m_child = m_start < m_eighteen;
        m_adultPart = m_child && m_end >= m_eighteen;
        const int age = ageOn(*dob, m_start);
        step(m_child ? QStringLiteral("Aged %1 on %2, the earliest possible date: a child when the cause of action "
                                      "accrued.")
                           .arg(age)
                           .arg(ukDate(m_start))
                     : QStringLiteral("Aged %1 on %2: an adult when the cause of action accrued.")
                           .arg(age)
                           .arg(ukDate(m_start)));
        if (m_adultPart) {
            step(QStringLiteral("The incident may run on past the 18th birthday (to %1), so some acts may have "
                                "happened at 18 or over.")
                     .arg(ukDate(m_end)));
        }
    }

    // A minor's period: 3 years counted from the start of the 18th birthday, that day included (s.28 / art 7).
    void minorPeriod(const QString& statute)
    {
        const QDate& dob = *m_input.client.dateOfBirth;
        m_strict = lastDayOfYearsBeginningWith(m_eighteen, 3);
        m_alternatives.push_back(dayOfAttaining(dob, 21, LeapBirthday::Feb28));
        if (m_leapBirthday) {
            m_alternatives.push_back(lastDayOfYearsBeginningWith(dayOfAttaining(dob, 18, LeapBirthday::Mar1), 3));
            m_alternatives.push_back(dayOfAttaining(dob, 21, LeapBirthday::Mar1));
        }
        m_entry.confidence = kConservative;
        step(QStringLiteral("A child's time does not run until 18 (%1). Three years counted from the start of the 18th "
                            "birthday, that day included, end on %2, the day before the 21st birthday. Some sources say "
                            "\"by the 21st birthday\" (%3): the engine takes the earlier day (unverified point U1: the cautious reading is used).")
                 .arg(statute, ukDate(m_strict), ukDate(dayOfAttaining(dob, 21, LeapBirthday::Feb28))));
    }

    void adultPeriod(const QDate& accrual, const QString& statute)
    {
        m_strict = lastDayOfYearsFrom(accrual, 3);
        step(QStringLiteral("%1: 3 years from the day the cause of action accrued, not counting that day (Marren v "
                            "Dawson Bentley): the period ends on %2.")
                 .arg(statute, ukDate(m_strict)));
        if (accrual.month() == 2 && accrual.day() == 29) {
            m_entry.confidence = kConservative;
            step(QStringLiteral("The cause of action accrued on 29 February; three years later there is no 29 February, "
                                "so the engine takes 28 February, the earlier reading (unverified point U3: the cautious reading is used)."));
        }
    }

    void englandOrNorthernIreland()
    {
        const bool england = m_incident.region == Region::EnglandWales;
        if (!england) {
            addFlag(m_entry, QStringLiteral("FORUM_CHECK"));
            step(QStringLiteral("Abuse in Northern Ireland: the Limitation (NI) Order 1989 art 7 applies, with the same "
                                "structure as the E&W s.11; no NI equivalent of s.11ZA was found (unverified point U12: the cautious reading is used). Check "
                                "where the claim should be brought (flag FORUM_CHECK)."));
        }
        const QString adultStatute = england ? QStringLiteral("LA 1980 s.11 (A v Hoare: deliberate abuse is a claim "
                                                              "under s.11)")
                                             : QStringLiteral("Limitation (NI) Order 1989 art 7");
        if (!m_child) {
            m_entry.regime = england ? QStringLiteral("EW_S11_ADULT") : QStringLiteral("NI_ART7_ADULT");
            adultPeriod(m_start, adultStatute);
            return;
        }
        if (england && m_incident.has(AbuseType::Sexual) && s11zaApplies()) {
            childSexualAbuse();
            return;
        }
        m_entry.regime = england ? QStringLiteral("EW_S28_MINOR") : QStringLiteral("NI_ART7_MINOR");
        minorPeriod(england ? QStringLiteral("LA 1980 s.28") : QStringLiteral("Limitation (NI) Order 1989 art 7 and "
                                                                               "art 48"));
        if (m_adultPart) {
            step(QStringLiteral("Acts at 18 or over have 3 years from each act, which ends later than this, so the "
                                "child's date decides."));
        }
    }

    // LA 1980 s.11ZA (in force 29 Jun 2026): is it available for this child sexual abuse incident?
    bool s11zaApplies()
    {
        const QDate commencement = DeadlineEngine::s11zaCommencement();
        if (m_input.asOf < commencement) {
            step(QStringLiteral("Sexual abuse of a child: from %1 LA 1980 s.11ZA removes the limitation period, but on "
                                "the as-of date, %2, it is not yet in force, so the old rules apply. The date is "
                                "recomputed once the as-of date reaches %1.")
                     .arg(ukDate(commencement), ukDate(m_input.asOf)));
            return false;
        }
        if (m_input.priorClaimDisposedOn && *m_input.priorClaimDisposedOn < commencement) {
            addFlag(m_entry, QStringLiteral("PRIOR_CLAIM_DISPOSED"));
            step(QStringLiteral("LA 1980 s.11ZA (in force %1) would remove the limitation period, but a claim for this "
                                "abuse was settled or decided by a court on %2, before it came into force, and s.11ZA "
                                "does not revive such a claim: the old rules apply (flag PRIOR_CLAIM_DISPOSED).")
                     .arg(ukDate(commencement), ukDate(*m_input.priorClaimDisposedOn)));
            return false;
        }
        if (m_input.client.dateOfDeath) {
            step(QStringLiteral("LA 1980 s.11ZA does not apply to a claim continued for a deceased person's estate "
                                "unless the client brought it before death. The engine cannot know that, so it keeps "
                                "the old rules, which give the earlier date."));
            return false;
        }
        return true;
    }

    void childSexualAbuse()
    {
        const QDate legacy = lastDayOfYearsBeginningWith(m_eighteen, 3);
        step(QStringLiteral("Sexual abuse of a child in England & Wales: since %1 no limitation period applies (LA 1980 "
                            "s.11ZA, inserted by the Crime and Policing Act 2026 s.96), whenever the abuse happened. The "
                            "defendant may still ask the court to dismiss the claim if a fair hearing is not possible "
                            "(s.11ZB; final wording unverified, unverified point U4).")
                 .arg(ukDate(DeadlineEngine::s11zaCommencement())));
        step(QStringLiteral("Under the old rules (s.28) the last day would have been %1; kept for the record only.")
                 .arg(ukDate(legacy)));
        m_entry.legacyDate = legacy;
        if (m_adultPart) {
            m_entry.regime = QStringLiteral("EW_S11_ADULT");
            addFlag(m_entry, QStringLiteral("MIXED_REGIME"));
            m_entry.confidence = kConservative;
            step(QStringLiteral("s.11ZA covers only abuse while the client was under 18. Acts at 18 or over fall under "
                                "s.11, and the earliest could have been on the 18th birthday, %1 (flag MIXED_REGIME). "
                                "If all of this incident happened before the 18th birthday, correct its dates.")
                     .arg(ukDate(m_eighteen)));
            adultPeriod(m_eighteen, QStringLiteral("LA 1980 s.11"));
            return;
        }
        m_entry.regime = QStringLiteral("EW_S11ZA_CHILD_SEXUAL_ABUSE");
        addFlag(m_entry, QStringLiteral("CSA_NO_LIMIT"));
        addFlag(m_entry, QStringLiteral("FAIR_HEARING_RISK"));
    }

    void scotland()
    {
        addFlag(m_entry, QStringLiteral("FORUM_CHECK"));
        step(QStringLiteral("Abuse in Scotland is normally litigated in Scotland by Scottish solicitors: check the "
                            "forum (flag FORUM_CHECK, unverified point U15)."));
        if (m_start < kScotlandPrescriptionCutoff) {
            m_entry.regime = QStringLiteral("SCOT_PRESCRIBED");
            addFlag(m_entry, QStringLiteral("SCOT_PRESCRIBED"));
            step(QStringLiteral("Abuse in Scotland before %1 was extinguished by the old 20-year prescription and was not "
                                "revived by the Limitation (Childhood Abuse) (Scotland) Act 2017, unless a claim was made "
                                "or acknowledged before 26 Sep 1984: no claim can be brought (flag SCOT_PRESCRIBED). A "
                                "solicitor must confirm.")
                     .arg(ukDate(kScotlandPrescriptionCutoff)));
            if (m_end >= kScotlandPrescriptionCutoff) {
                step(QStringLiteral("The incident may run on to %1: acts from %2 on are not prescribed. Record them as a "
                                    "separate incident so that their dates are computed.")
                         .arg(ukDate(m_end), ukDate(kScotlandPrescriptionCutoff)));
            }
            return;
        }
        const bool abuse = m_incident.abuseTypes != 0;
        if (m_child && abuse && m_input.asOf >= kScotlandChildhoodAbuseInForce && !m_input.client.dateOfDeath) {
            m_entry.regime = QStringLiteral("SCOT_S17A_CHILDHOOD_ABUSE");
            addFlag(m_entry, QStringLiteral("FAIR_HEARING_RISK"));
            step(QStringLiteral("Abuse of a child in Scotland (sexual, physical or emotional abuse or neglect, begun before "
                                "18): no time limit since %1 (Prescription and Limitation (Scotland) Act 1973 s.17A), "
                                "also for earlier abuse (s.17B) and for continuing abuse that began in childhood. The "
                                "defender may resist if a fair hearing is not possible or it would suffer substantial "
                                "prejudice (flag FAIR_HEARING_RISK).")
                     .arg(ukDate(kScotlandChildhoodAbuseInForce)));
            return;
        }
        m_entry.regime = QStringLiteral("SCOT_S17_ADULT");
        if (m_child) {
            if (!abuse) {
                step(QStringLiteral("No kind of abuse is recorded, so s.17A (childhood abuse) cannot be assumed to apply."));
            } else if (m_input.client.dateOfDeath) {
                step(QStringLiteral("s.17A applies only to an action brought by the injured person; the client has died, "
                                    "so the ordinary rules apply."));
            } else {
                step(QStringLiteral("On the as-of date s.17A (in force %1) did not yet apply.")
                         .arg(ukDate(kScotlandChildhoodAbuseInForce)));
            }
            const QDate sixteen = dayOfAttaining(*m_input.client.dateOfBirth, 16, LeapBirthday::Feb28);
            if (m_start < sixteen) {
                m_strict = lastDayOfYearsBeginningWith(sixteen, 3);
                m_entry.confidence = kConservative;
                step(QStringLiteral("Time under 16 is disregarded (1973 Act s.17(3)): 3 years counted from the start of "
                                    "the 16th birthday, %1, end on %2, the day before the 19th birthday.")
                         .arg(ukDate(sixteen), ukDate(m_strict)));
                return;
            }
        }
        adultPeriod(m_start, QStringLiteral("Prescription and Limitation (Scotland) Act 1973 s.17 (where the act was "
                                            "continuing the statute counts from when it ceased; the engine counts from "
                                            "the earliest act, the earlier date)"));
    }

    void knowledge()
    {
        if (!m_incident.dateOfKnowledge || *m_incident.dateOfKnowledge <= m_start) {
            return;
        }
        const QDate known = *m_incident.dateOfKnowledge;
        const QDate fromKnowledge = lastDayOfYearsFrom(known, 3);
        m_entry.knowledgeDate = fromKnowledge;
        const QString statute = m_incident.region == Region::EnglandWales ? QStringLiteral("LA 1980 s.14")
            : m_incident.region == Region::Scotland ? QStringLiteral("the 1973 Act s.17(2)(b) (awareness)")
                                                    : QStringLiteral("the Limitation (NI) Order 1989 art 7");
        if (fromKnowledge <= m_strict) {
            step(QStringLiteral("The date of knowledge, %1, gives %2 (%3), which is not later, so it changes nothing.")
                     .arg(ukDate(known), ukDate(fromKnowledge), statute));
            return;
        }
        const KnowledgeStatus status = m_incident.dateOfKnowledgeStatus.value_or(KnowledgeStatus::Argued);
        if (status == KnowledgeStatus::Argued) {
            addFlag(m_entry, QStringLiteral("DOK_ARGUED"));
            m_alternatives.push_back(fromKnowledge);
            step(QStringLiteral("A later date of knowledge, %1, is argued: %2 would give %3. Until it is agreed or "
                                "decided by the court the engine keeps the earlier date (flag DOK_ARGUED; since A v "
                                "Hoare the test is objective and late knowledge rarely succeeds).")
                     .arg(ukDate(known), statute, ukDate(fromKnowledge)));
            return;
        }
        if (m_incident.region == Region::EnglandWales) {
            m_entry.regime = QStringLiteral("EW_S14_KNOWLEDGE");
        }
        m_strict = fromKnowledge;
        step(QStringLiteral("The date of knowledge, %1, is %2: %3 gives 3 years from it, not counting that day, so the "
                            "period ends on %4.")
                 .arg(ukDate(known),
                      status == KnowledgeStatus::Agreed ? QStringLiteral("agreed") : QStringLiteral("decided by the court"),
                      statute, ukDate(m_strict)));
    }

    void death()
    {
        if (!m_input.client.dateOfDeath) {
            return;
        }
        const QDate died = *m_input.client.dateOfDeath;
        addFlag(m_entry, QStringLiteral("CLIENT_DECEASED"));
        if (died > m_strict) {
            step(QStringLiteral("The client died on %1, after the period had ended.").arg(ukDate(died)));
            return;
        }
        m_strict = lastDayOfYearsFrom(died, 3);
        step(QStringLiteral("The client died on %1, before the period ended: for the estate the period is 3 years from "
                            "the death (or from the personal representative's knowledge, if later; LA 1980 s.11(5)), "
                            "ending on %2.")
                 .arg(ukDate(died), ukDate(m_strict)));
    }

    void capacity()
    {
        if (!m_input.client.lacksCapacity) {
            return;
        }
        m_entry.regime = QStringLiteral("CAPACITY_UNDETERMINED");
        addFlag(m_entry, QStringLiteral("DISABILITY_CAPACITY"));
        m_entry.confidence = kConservative;
        step(QStringLiteral("A capacity concern is recorded. If the client lacked capacity to conduct proceedings when the "
                            "cause of action accrued, time does not run while that lasts (s.28; Seaton v Seddon when "
                            "incapacity follows minority); once time has started, later incapacity does not stop it. The "
                            "engine cannot decide capacity: it shows the date that applies if the client had capacity, "
                            "the earliest possible. A solicitor must determine it on medical evidence (flag "
                            "DISABILITY_CAPACITY)."));
    }

    void finishDates()
    {
        const HolidayCalendar& calendar = m_context.calendar;
        const Region region = m_incident.region;
        m_entry.strictDate = m_strict;
        const QDate safe = lastOpenDayOnOrBefore(m_strict, calendar, region);
        m_entry.safeDate = safe;
        if (!calendar.isOpenDay(region, m_strict)) {
            m_entry.rollForwardDate = openDayOnOrAfter(m_strict.addDays(1), calendar, region);
        }
        explainClosedDays(m_entry.explanation, m_strict, safe, m_entry.rollForwardDate,
                          QStringLiteral("Pritam Kaur v S Russell & Sons and CPR 2.8(5) allow a claim form to be "
                                         "issued on the next day the court office is open; information only, because "
                                         "whether this survives online issuing is unsettled (unverified point U5: the cautious reading is used)."),
                          calendar, region, true);
        std::sort(m_alternatives.begin(), m_alternatives.end());
        for (const QDate& alternative : m_alternatives) {
            if (alternative > m_strict) {
                m_entry.alternativeDate = alternative;
                step(QStringLiteral("Alternative reading: %1 (information only; the engine diarises the earlier date).")
                         .arg(ukDate(alternative)));
                break;
            }
        }
        m_entry.expired = m_input.asOf > m_strict;
        if (m_entry.expired) {
            addFlag(m_entry, QStringLiteral("S33_REQUIRED"));
            step(QStringLiteral("On the as-of date, %1, the period has ended: the claim is out of time unless the court "
                                "allows it under %2. Gather the evidence on the reasons for delay now (flag "
                                "S33_REQUIRED).")
                     .arg(ukDate(m_input.asOf), discretionWords(region)));
        } else {
            step(QStringLiteral("On the as-of date, %1, there are %2 days to the safe date.")
                     .arg(ukDate(m_input.asOf))
                     .arg(m_input.asOf.daysTo(safe)));
        }
    }

    void priorClaim()
    {
        if (m_input.priorClaimDisposedOn && !m_entry.flags.contains(QStringLiteral("PRIOR_CLAIM_DISPOSED"))) {
            addFlag(m_entry, QStringLiteral("PRIOR_CLAIM_DISPOSED"));
            step(QStringLiteral("An earlier claim was settled or decided on %1: a new claim for the same abuse may be "
                                "barred whatever the limitation position. A solicitor must check (flag "
                                "PRIOR_CLAIM_DISPOSED).")
                     .arg(ukDate(*m_input.priorClaimDisposedOn)));
        }
    }

    const IncidentFacts& m_incident;
    const Context& m_context;
    const EngineInput& m_input;
    LimitationEntry m_entry;
    QDate m_start;
    QDate m_end;
    QDate m_eighteen;
    bool m_leapBirthday = false;
    bool m_child = false;
    bool m_adultPart = false;
    QDate m_strict;
    std::vector<QDate> m_alternatives;
};

}  // namespace

QList<LimitationEntry> limitationEntries(const Context& context)
{
    QList<LimitationEntry> entries;
    for (const IncidentFacts& incident : context.input.incidents) {
        entries.append(IncidentLimitation(incident, context).run());
    }
    std::set<QString> regimes;
    for (const LimitationEntry& entry : entries) {
        regimes.insert(entry.regime);
    }
    // The standstill agreements in force on the as-of date.
    std::optional<QDate> standstillUntil;
    for (const Event& event : context.input.events) {
        if (event.type == EventType::StandstillAgreed && event.expiresOn && *event.expiresOn >= context.input.asOf) {
            standstillUntil = std::max(standstillUntil.value_or(*event.expiresOn), *event.expiresOn);
        }
    }
    for (qsizetype i = 0; i < entries.size(); ++i) {
        LimitationEntry& entry = entries[i];
        if (regimes.size() > 1 && !entry.flags.contains(QStringLiteral("MIXED_REGIME"))) {
            addFlag(entry, QStringLiteral("MIXED_REGIME"));
            entry.explanation << QStringLiteral("The case's incidents fall under different regimes (flag MIXED_REGIME): "
                                                "the case's primary date is the earliest safe date among them.");
        }
        if (context.input.incidents.at(i).publicAuthorityDefendant) {
            addFlag(entry, QStringLiteral("HRA_SHORT_LIMIT"));
            entry.explanation << QStringLiteral("A public authority is a defendant: a Human Rights Act claim has its own, "
                                                "much shorter limit (1 year; see HRA_S7_CLAIM; flag HRA_SHORT_LIMIT).");
        }
        if (standstillUntil && entry.strictDate) {
            addFlag(entry, QStringLiteral("STANDSTILL_ACTIVE"));
            entry.explanation << QStringLiteral("A standstill agreement runs until %1. Its terms may stop time running; "
                                                "the engine does not move the limitation date, so check the agreement "
                                                "(flag STANDSTILL_ACTIVE).")
                                     .arg(ukDate(*standstillUntil));
        }
    }
    return entries;
}

}  // namespace claimdesk::core::deadlines::detail
