// Deadlines other than limitation: HRA s.7, CICA (DOMAIN.md §3), the PI Protocol and Rehabilitation Code (§4.1),
// issue and service (§4.2), responding to the claim (§4.3), Part 36 (§4.5), subject access requests (§6.4)
// and standstill agreements (§2.11).

#include "deadlines/DateRules.h"
#include "deadlines/HolidayCalendar.h"
#include "deadlines/RuleSupport.h"

#include <algorithm>

namespace claimdesk::core::deadlines::detail {

namespace {

const Event* firstOf(const EngineInput& input, EventType type)
{
    for (const Event& event : input.events) {
        if (event.type == type) {
            return &event;
        }
    }
    return nullptr;
}

QList<const Event*> allOf(const EngineInput& input, EventType type)
{
    QList<const Event*> events;
    for (const Event& event : input.events) {
        if (event.type == type) {
            events.append(&event);
        }
    }
    return events;
}

DeadlineEntry start(const QString& rule, const QString& title, ActingParty party, const QDate& strict, const QString& trigger)
{
    DeadlineEntry entry;
    entry.rule = rule;
    entry.title = title;
    entry.party = party;
    entry.strictDate = strict;
    entry.trigger = trigger;
    return entry;
}

QString whenSent(const QDateTime& at, ServiceMethod method)
{
    return QStringLiteral("%1 at %2 by %3").arg(ukDate(at.date()), ukTime(at.time()), serviceMethodLabel(method));
}

bool anyIncidentOutside(const EngineInput& input, Region region)
{
    return std::any_of(input.incidents.begin(), input.incidents.end(),
                       [region](const IncidentFacts& i) { return i.start && i.region != region; });
}

class Procedure {
public:
    Procedure(const Context& context, EngineResult& result)
        : m_context(context), m_input(context.input), m_calendar(context.calendar), m_result(result)
    {
    }

    void run()
    {
        humanRights();
        cicaApplications();
        cicaReviewAndAppeal();
        protocol();
        service();
        part36();
        subjectAccess();
        rehabilitation();
        standstill();
    }

private:
    void add(DeadlineEntry entry, Region region, Rolling rolling)
    {
        finishDeadline(entry, region, rolling, m_context);
        m_result.deadlines.append(std::move(entry));
    }

    void warn(const QString& code, const QString& message) { m_result.warnings.append(Warning {code, message}); }

    // --- HRA 1998 s.7(5) (DOMAIN §2.10, P3) -----------------------------------------------------------------
    void humanRights()
    {
        for (const IncidentFacts& incident : m_input.incidents) {
            if (!incident.publicAuthorityDefendant || !incident.start) {
                continue;
            }
            const QDate act = earliestDay(*incident.start, incident.precision);
            const QDate end = latestEnd(incident);
            DeadlineEntry entry = start(QStringLiteral("HRA_S7_CLAIM"), QStringLiteral("Human Rights Act claim: issue by"),
                                        ActingParty::Own, lastDayOfYearsBeginningWith(act, 1), QStringLiteral("incident"));
            entry.incident = incident.id;
            entry.flags << QStringLiteral("HRA_SHORT_LIMIT");
            entry.explanation
                << QStringLiteral("Incident %1 involves a public authority: proceedings under the Human Rights Act 1998 "
                                  "must be brought within one year beginning with the date of the act complained of "
                                  "(s.7(5)(a)), or a longer period the court thinks equitable.")
                       .arg(incident.id)
                << QStringLiteral("The act is taken as %1, the earliest possible date. \"Beginning with\" counts that day "
                                  "(unverified point U6: the cautious reading is used), so the year ends on %2, the day before the anniversary.")
                       .arg(ukDate(act), ukDate(entry.strictDate))
                << QStringLiteral("Minority does not suspend this limit (unverified point U7: the cautious reading is used).");
            if (end > act) {
                entry.explanation << QStringLiteral("If the conduct was one continuing course ending on %1, time would run "
                                                    "from its end (O'Connor v Bar Standards Board), giving %2; the engine "
                                                    "keeps the earlier date.")
                                         .arg(ukDate(end), ukDate(lastDayOfYearsBeginningWith(end, 1)));
            }
            add(std::move(entry), incident.region, Rolling::CourtOffice);
        }
    }

    // --- CICA application (DOMAIN §3.2) ---------------------------------------------------------------------
    void cicaApplications()
    {
        const std::optional<QDate>& dob = m_input.client.dateOfBirth;
        const std::optional<QDate>& reported = m_input.cica.reportedToPoliceOn;
        for (const IncidentFacts& incident : m_input.incidents) {
            if (!incident.start) {
                continue;
            }
            if (incident.region == Region::NorthernIreland) {
                warn(QStringLiteral("CICA_NI_SCHEME"),
                     QStringLiteral("Incident %1 happened in Northern Ireland, which has its own compensation scheme with "
                                    "its own time limits: the engine does not compute them (unverified point U12: the cautious reading is used).")
                         .arg(incident.id));
                continue;
            }
            const QDate date = earliestDay(*incident.start, incident.precision);
            DeadlineEntry entry = start(QStringLiteral("CICA_APPLICATION"), QStringLiteral("CICA application"),
                                        ActingParty::Own, QDate(), QStringLiteral("incident"));
            entry.incident = incident.id;
            const QDate eighteen = dob ? dayOfAttaining(*dob, 18) : QDate();
            const bool child = dob && date < eighteen;
            if (!child) {
                entry.strictDate = lastDayOfYearsFrom(date, 2);
                entry.explanation << QStringLiteral("Criminal Injuries Compensation Scheme 2012 para 87: the application "
                                                    "must be received as soon as reasonably practicable and within two "
                                                    "years after the incident, %1: by %2.")
                                         .arg(ukDate(date), ukDate(entry.strictDate));
                if (!dob) {
                    entry.explanation << QStringLiteral("No date of birth is recorded, so the adult rule is used; it gives "
                                                        "the earliest date.");
                }
            } else if (reported && *reported < eighteen) {
                entry.strictDate = dayOfAttaining(*dob, 20).addDays(-1);
                entry.explanation << QStringLiteral("A child at the time (18 on %1) and reported to the police before 18 "
                                                    "(%2): para 88 allows an application until the 20th birthday; the "
                                                    "engine takes the day before it, %3 (paragraph wording "
                                                    "unverified).")
                                         .arg(ukDate(eighteen), ukDate(*reported), ukDate(entry.strictDate));
            } else if (reported) {
                entry.strictDate = lastDayOfYearsFrom(*reported, 2);
                entry.explanation << QStringLiteral("A child at the time, first reported to the police after turning 18, "
                                                    "on %1: para 88 allows two years after the report: by %2.")
                                         .arg(ukDate(*reported), ukDate(entry.strictDate));
            } else if (m_input.asOf < eighteen) {
                entry.strictDate = dayOfAttaining(*dob, 20).addDays(-1);
                entry.explanation << QStringLiteral("A child at the time and not yet reported to the police. If reported "
                                                    "before 18 (%1), para 88 allows until the 20th birthday: the engine "
                                                    "takes the day before it, %2. If first reported later, the limit "
                                                    "becomes two years after the report, which is later.")
                                         .arg(ukDate(eighteen), ukDate(entry.strictDate));
            } else {
                warn(QStringLiteral("CICA_NOT_REPORTED"),
                     QStringLiteral("Incident %1: not yet reported to the police. Once first reported, a CICA application "
                                    "is due within two years of the report (Scheme para 88); an award may be refused if "
                                    "the report was not made as soon as reasonably practicable (para 22). Record the "
                                    "report date to diarise it.")
                         .arg(incident.id));
                continue;
            }
            entry.explanation << QStringLiteral("No rule moves a CICA deadline off a weekend or holiday (unverified point U8: the cautious reading is used).");
            if (m_input.asOf > entry.strictDate) {
                entry.flags << QStringLiteral("CICA_OUT_OF_TIME");
                entry.explanation << QStringLiteral("The time limit has passed: only a claims officer's extension for "
                                                    "exceptional circumstances can help (para 89; flag "
                                                    "CICA_OUT_OF_TIME).");
            }
            add(std::move(entry), incident.region, Rolling::None);
        }
    }

    // --- CICA review and tribunal appeal (DOMAIN §3.3) -------------------------------------------------------
    void cicaReviewAndAppeal()
    {
        if (const std::optional<QDate>& decided = m_input.cica.decisionOn) {
            DeadlineEntry entry = start(QStringLiteral("CICA_REVIEW_REQUEST"), QStringLiteral("CICA review request"),
                                        ActingParty::Own, decided->addDays(56), QStringLiteral("cica.decisionOn"));
            entry.explanation << QStringLiteral("A review of the CICA decision dated %1 must be asked for within 56 days "
                                                "of the decision: by %2 (CICA may extend in exceptional circumstances; "
                                                "paragraph number unverified, unverified point U8).")
                                     .arg(ukDate(*decided), ukDate(entry.strictDate));
            add(std::move(entry), Region::EnglandWales, Rolling::None);
        }
        if (const std::optional<QDate>& reviewed = m_input.cica.reviewDecisionOn) {
            DeadlineEntry entry = start(QStringLiteral("CICA_TRIBUNAL_APPEAL"),
                                        QStringLiteral("Appeal to the First-tier Tribunal (CIC)"), ActingParty::Own,
                                        reviewed->addDays(90), QStringLiteral("cica.reviewDecisionOn"));
            entry.cutoff = QStringLiteral("17:00");
            entry.explanation << QStringLiteral("The notice of appeal must be received by the tribunal within 90 days "
                                                "after the review decision dated %1 (Tribunal Procedure (First-tier "
                                                "Tribunal) (SEC) Rules 2008 r.22): %2, by 5 pm.")
                                     .arg(ukDate(*reviewed), ukDate(entry.strictDate));
            add(std::move(entry), Region::EnglandWales, Rolling::NextWorkingDay);
        }
    }

    // --- PI Protocol (DOMAIN §4.1 A3, A4) ----------------------------------------------------------------------
    void protocol()
    {
        const bool abroad = anyIncidentOutside(m_input, Region::EnglandWales);
        for (const Event* posted : allOf(m_input, EventType::LetterOfClaimPosted)) {
            const int days = abroad ? 42 : 21;
            DeadlineEntry entry = start(QStringLiteral("PI_PROTOCOL_ACKNOWLEDGMENT"),
                                        QStringLiteral("Defendant's acknowledgment of the letter of claim"),
                                        ActingParty::Opponent, posted->date->addDays(days),
                                        eventTypeId(EventType::LetterOfClaimPosted));
            entry.explanation << QStringLiteral("Pre-Action Protocol for Personal Injury Claims: the defendant should "
                                                "acknowledge the letter of claim, naming its insurer, within %1 calendar "
                                                "days of the date of posting, %2: by %3.%4")
                                     .arg(days)
                                     .arg(ukDate(*posted->date), ukDate(entry.strictDate),
                                          abroad ? QStringLiteral(" (42 days because an incident is outside England & "
                                                                  "Wales.)")
                                                 : QString())
                              << QStringLiteral("Protocol periods are not court rules: the date is not moved off a "
                                                "weekend or holiday.");
            add(std::move(entry), posted->region, Rolling::None);
        }
        for (const Event* acknowledged : allOf(m_input, EventType::LetterOfClaimAcknowledged)) {
            const int months = abroad ? 6 : 3;
            DeadlineEntry entry = start(QStringLiteral("PI_PROTOCOL_RESPONSE"),
                                        QStringLiteral("Defendant's reasoned response to the letter of claim"),
                                        ActingParty::Opponent, lastDayOfMonthsFrom(*acknowledged->date, months),
                                        eventTypeId(EventType::LetterOfClaimAcknowledged));
            entry.explanation << QStringLiteral("Pre-Action Protocol for Personal Injury Claims: the defendant has at most "
                                                "%1 months from its acknowledgment, %2, to investigate and reply "
                                                "admitting or denying liability with reasons: by %3 (corresponding-date "
                                                "rule, Dodds v Walker).")
                                     .arg(months)
                                     .arg(ukDate(*acknowledged->date), ukDate(entry.strictDate))
                              << QStringLiteral("Protocol periods are not court rules: the date is not moved off a "
                                                "weekend or holiday.");
            add(std::move(entry), acknowledged->region, Rolling::None);
        }
    }

    // --- Issue and service, acknowledgment and defence (DOMAIN §4.2, §4.3) -----------------------------------
    void service()
    {
        const Event* issued = firstOf(m_input, EventType::ClaimFormIssued);
        const Event* served = firstOf(m_input, EventType::ClaimFormServed);
        const Event* particulars = firstOf(m_input, EventType::ParticularsServed);
        const Event* acknowledged = firstOf(m_input, EventType::AcknowledgmentOfServiceFiled);
        const Event* extension = firstOf(m_input, EventType::DefenceExtensionAgreed);

        std::optional<QDate> validity;  // CPR 7.5: the last day for the claim form's service step
        if (issued) {
            validity = lastDayOfMonthsFrom(*issued->date, 4);
            DeadlineEntry entry = start(QStringLiteral("CPR_7_5_SERVE_CLAIM_FORM"),
                                        QStringLiteral("Serve the claim form (CPR 7.5 step)"), ActingParty::Own, *validity,
                                        eventTypeId(EventType::ClaimFormIssued));
            entry.cutoff = QStringLiteral("23:59");
            entry.explanation << QStringLiteral("CPR 7.5(1): the step required to serve the claim form (posting, "
                                                "leaving, sending) must be taken before midnight on the calendar day "
                                                "four months after the date of issue, %1: %2 (corresponding-date rule).")
                                     .arg(ukDate(*issued->date), ukDate(*validity));
            if (served && served->at) {
                const bool inTime = served->at->date() <= *validity;
                entry.explanation << QStringLiteral("The step was taken on %1: %2.")
                                         .arg(ukDate(served->at->date()),
                                              inTime ? QStringLiteral("in time") : QStringLiteral("LATE"));
                if (!inTime) {
                    warn(QStringLiteral("CLAIM_FORM_SERVED_LATE"),
                         QStringLiteral("The claim form's service step was taken on %1, after the CPR 7.5 period ended "
                                        "on %2: the claim form was not validly served in time. An application under "
                                        "CPR 7.6 is needed at once.")
                             .arg(ukDate(served->at->date()), ukDate(*validity)));
                }
            }
            add(std::move(entry), issued->region, Rolling::None);
        }

        // Deemed service dates.
        std::optional<ClaimFormService> claimForm;
        if (served && served->at) {
            claimForm = deemedServiceOfClaimForm(served->at->date(), m_calendar, served->region);
            ServiceDate date {QStringLiteral("claimForm"), claimForm->deemed, claimForm->earliestReading, {}};
            date.explanation << QStringLiteral("The CPR 7.5 step was taken on %1 by %2.")
                                    .arg(ukDate(served->at->date()), serviceMethodLabel(*served->method))
                             << QStringLiteral("CPR 6.14: deemed served on the second business day after the step: %1.")
                                    .arg(ukDate(claimForm->deemed));
            if (claimForm->earliestReading != claimForm->deemed) {
                date.explanation << QStringLiteral("Another reading (only the second day itself need be a business day) "
                                                   "gives %1 (unverified point U9: the cautious reading is used): the engine uses the earlier date for the "
                                                   "firm's own next steps and the later one for the other side's.")
                                        .arg(ukDate(claimForm->earliestReading));
            }
            m_result.serviceDates.append(date);
        }
        // The particulars' deemed service: later and earlier readings.
        std::optional<QDate> particularsLater;
        std::optional<QDate> particularsEarlier;
        if (served && served->particularsIncluded && claimForm) {
            particularsLater = claimForm->deemed;
            particularsEarlier = claimForm->earliestReading;
        } else if (particulars && particulars->at) {
            const QDate deemed = deemedServiceOfDocument(*particulars->at, *particulars->method, m_calendar,
                                                         particulars->region);
            particularsLater = deemed;
            particularsEarlier = deemed;
            ServiceDate date {QStringLiteral("particulars"), deemed, std::nullopt, {}};
            date.explanation << QStringLiteral("The particulars of claim were sent on %1.")
                                    .arg(whenSent(*particulars->at, *particulars->method))
                             << deemedWords(*particulars->at, *particulars->method, deemed, particulars->region);
            m_result.serviceDates.append(date);
        }

        // CPR 7.4: particulars to follow.
        if (served && !served->particularsIncluded && claimForm) {
            QDate strict = cprDaysAfter(claimForm->earliestReading, 14, m_calendar, served->region);
            DeadlineEntry entry = start(QStringLiteral("CPR_7_4_SERVE_PARTICULARS"),
                                        QStringLiteral("Serve the particulars of claim"), ActingParty::Own, strict,
                                        eventTypeId(EventType::ClaimFormServed));
            entry.explanation << QStringLiteral("CPR 7.4(1)(b): particulars not served with the claim form must be served "
                                                "within 14 days after service of the claim form. Counted from %1, the "
                                                "earlier reading of its deemed service: %2.")
                                     .arg(ukDate(claimForm->earliestReading), ukDate(strict));
            if (validity && *validity < strict) {
                entry.strictDate = *validity;
                entry.explanation << QStringLiteral("CPR 7.4(2): and in any event no later than the last day for serving "
                                                    "the claim form, %1, which is earlier, so it decides.")
                                         .arg(ukDate(*validity));
            }
            entry.explanation << QStringLiteral("The particulars must be deemed served by then (CPR 6.26): first-class "
                                                "post sent on a Thursday is deemed served on the Monday; allow for it.");
            if (particularsLater && *particularsLater > entry.strictDate) {
                warn(QStringLiteral("POC_LATE"),
                     QStringLiteral("The particulars of claim are deemed served on %1, after the last day for serving "
                                    "them, %2 (CPR 7.4).")
                         .arg(ukDate(*particularsLater), ukDate(entry.strictDate)));
            }
            add(std::move(entry), served->region, Rolling::None);
        }
        if (validity && particulars && particulars->at && particularsLater && *particularsLater > *validity) {
            warn(QStringLiteral("POC_AFTER_CLAIM_FORM_VALIDITY"),
                 QStringLiteral("The particulars of claim sent on %1 are deemed served on %2, after the claim form's "
                                "validity for service ended on %3 (CPR 7.4(2)): serve them by a method that is deemed "
                                "served in time (personal service or e-mail before 4.30 pm on a business day), or apply "
                                "to extend time before it ends.")
                     .arg(whenSent(*particulars->at, *particulars->method), ukDate(*particularsLater),
                          ukDate(*validity)));
        }

        // CPR 10.3 acknowledgment of service and CPR 15.4 defence: the other side's, so the later readings.
        if (!particularsLater) {
            return;
        }
        const Region region = served ? served->region : particulars->region;
        {
            DeadlineEntry entry = start(QStringLiteral("CPR_10_ACKNOWLEDGMENT_OF_SERVICE"),
                                        QStringLiteral("Acknowledgment of service due"), ActingParty::Opponent,
                                        cprDaysAfter(*particularsLater, 14, m_calendar, region),
                                        QStringLiteral("particularsDeemedServed"));
            entry.explanation << QStringLiteral("CPR 10.3: 14 days after service of the particulars of claim, deemed on "
                                                "%1 (the later reading, because the other side must act): %2.")
                                     .arg(ukDate(*particularsLater), ukDate(entry.strictDate));
            add(std::move(entry), region, Rolling::CourtOffice);
        }
        const int defenceDays = acknowledged ? 28 : 14;
        const QDate defence = cprDaysAfter(*particularsLater, defenceDays, m_calendar, region);
        {
            DeadlineEntry entry = start(QStringLiteral("CPR_15_DEFENCE"), QStringLiteral("Defence due"),
                                        ActingParty::Opponent, defence, QStringLiteral("particularsDeemedServed"));
            entry.explanation << QStringLiteral("CPR 15.4: the defence is due %1 days after service of the particulars "
                                                "of claim, deemed on %2%3: %4.")
                                     .arg(defenceDays)
                                     .arg(ukDate(*particularsLater),
                                          acknowledged ? QStringLiteral(", because an acknowledgment of service was filed")
                                                       : QStringLiteral(" (28 days if an acknowledgment of service is "
                                                                        "filed)"),
                                          ukDate(defence));
            add(std::move(entry), region, Rolling::CourtOffice);
        }
        if (extension) {
            DeadlineEntry entry = start(QStringLiteral("CPR_15_5_EXTENDED_DEFENCE"),
                                        QStringLiteral("Defence due (agreed extension)"), ActingParty::Opponent,
                                        defence.addDays(extension->days),
                                        eventTypeId(EventType::DefenceExtensionAgreed));
            entry.explanation << QStringLiteral("CPR 15.5: the parties agreed to extend the time for the defence by %1 "
                                                "days beyond %2: %3. The defendant must tell the court in writing.")
                                     .arg(extension->days)
                                     .arg(ukDate(defence), ukDate(entry.strictDate));
            if (extension->days > 28) {
                entry.explanation << QStringLiteral("More than 28 days cannot be agreed: it needs a court order.");
                warn(QStringLiteral("EXTENSION_OVER_28_DAYS"),
                     QStringLiteral("The agreed extension for the defence is %1 days; CPR 15.5 allows at most 28 days by "
                                    "agreement, so anything longer needs a court order.")
                         .arg(extension->days));
            }
            add(std::move(entry), region, Rolling::CourtOffice);
        }
    }

    QString deemedWords(const QDateTime& at, ServiceMethod method, const QDate& deemed, Region region) const
    {
        switch (method) {
        case ServiceMethod::FirstClassPost:
        case ServiceMethod::DocumentExchange:
            return QStringLiteral("CPR 6.26: by %1, deemed served on the second day after posting if that is a business "
                                  "day, otherwise the next business day: %2.")
                .arg(serviceMethodLabel(method), ukDate(deemed));
        case ServiceMethod::Personal:
        case ServiceMethod::LeaveAtAddress:
        case ServiceMethod::Email:
        case ServiceMethod::Fax:
            break;
        }
        const bool sameDay = deemed == at.date();
        if (sameDay) {
            return QStringLiteral("CPR 6.26: by %1 on a business day before 4.30 pm, so deemed served the same day, %2.")
                .arg(serviceMethodLabel(method), ukDate(deemed));
        }
        const QString why = m_calendar.isBusinessDay(region, at.date())
            ? QStringLiteral("at or after 4.30 pm")
            : QStringLiteral("on %1").arg(closedReason(at.date(), m_calendar, region, false));
        return QStringLiteral("CPR 6.26: by %1 %2, so deemed served on the next business day, %3.")
            .arg(serviceMethodLabel(method), why, ukDate(deemed));
    }

    // --- Part 36 (DOMAIN §4.5 E1) -------------------------------------------------------------------------
    void part36()
    {
        for (const Event* offer : allOf(m_input, EventType::Part36OfferSent)) {
            const QDate deemed = deemedServiceOfDocument(*offer->at, *offer->method, m_calendar, offer->region);
            ServiceDate date {QStringLiteral("part36Offer"), deemed, std::nullopt, {}};
            date.explanation << QStringLiteral("The Part 36 offer was sent on %1.").arg(whenSent(*offer->at, *offer->method))
                             << deemedWords(*offer->at, *offer->method, deemed, offer->region);
            m_result.serviceDates.append(date);
            DeadlineEntry entry = start(QStringLiteral("PART_36_RELEVANT_PERIOD"),
                                        QStringLiteral("Part 36 offer: relevant period ends"), ActingParty::Opponent,
                                        cprDaysAfter(deemed, offer->relevantPeriodDays, m_calendar, offer->region),
                                        eventTypeId(EventType::Part36OfferSent));
            entry.explanation << QStringLiteral("The offer sent on %1 is made when served (CPR 36.7): deemed served on %2.")
                                     .arg(whenSent(*offer->at, *offer->method), ukDate(deemed))
                              << QStringLiteral("The relevant period of %1 days (CPR 36.5: at least 21) runs from then, "
                                                "counting every calendar day (CPR 2.8; Essex CC v UBB Waste): it ends on "
                                                "%2.")
                                     .arg(offer->relevantPeriodDays)
                                     .arg(ukDate(entry.strictDate));
            add(std::move(entry), offer->region, Rolling::None);
        }
    }

    // --- Subject access requests (DOMAIN §6.4) ------------------------------------------------------------
    void subjectAccess()
    {
        for (const Event* request : allOf(m_input, EventType::SubjectAccessRequestReceived)) {
            const ActingParty party = request->party.value_or(ActingParty::Opponent);
            for (const int months : {1, 3}) {
                const bool extended = months == 3;
                DeadlineEntry entry = start(extended ? QStringLiteral("UK_GDPR_SAR_EXTENDED")
                                                     : QStringLiteral("UK_GDPR_SAR_RESPONSE"),
                                            extended ? QStringLiteral("Subject access response (if extended)")
                                                     : QStringLiteral("Subject access response due"),
                                            party, lastDayOfMonthsFrom(*request->date, months),
                                            eventTypeId(EventType::SubjectAccessRequestReceived));
                entry.explanation << QStringLiteral("UK GDPR Art 12(3) as applied by the ICO: the request was received on "
                                                    "%1, which counts as day 1; the response is due by the corresponding "
                                                    "date %2 later, or that month's last day if it has none: %3.")
                                         .arg(ukDate(*request->date),
                                              extended ? QStringLiteral("three months (the one month plus the two-month "
                                                                        "extension for complex or numerous requests, "
                                                                        "notified within the first month)")
                                                       : QStringLiteral("one month"),
                                              ukDate(entry.strictDate))
                                  << QStringLiteral("The clock starts later if ID, clarification or a fee was needed "
                                                    "(record the later date as the receipt); the Data (Use and Access) "
                                                    "Act 2025 changes are not yet reflected (unverified point U16: the cautious reading is used).");
                add(std::move(entry), request->region, Rolling::NextWorkingDay);
            }
        }
    }

    // --- Rehabilitation Code 2015 (DOMAIN §4.1 A5) ----------------------------------------------------------
    void rehabilitation()
    {
        for (const Event* proposal : allOf(m_input, EventType::RehabilitationProposalReceived)) {
            const ActingParty party = proposal->party.value_or(ActingParty::Own);
            DeadlineEntry entry = start(QStringLiteral("REHAB_CODE_REPLY"),
                                        QStringLiteral("Reply to the rehabilitation proposal"), party,
                                        proposal->date->addDays(21),
                                        eventTypeId(EventType::RehabilitationProposalReceived));
            entry.explanation << QStringLiteral("Rehabilitation Code 2015: a reply within 21 days of receiving the "
                                                "proposal on %1: by %2. The Code is voluntary and not a court rule, so "
                                                "the date is not moved off a weekend or holiday.")
                                     .arg(ukDate(*proposal->date), ukDate(entry.strictDate));
            add(std::move(entry), proposal->region, Rolling::None);
        }
    }

    // --- Standstill agreements (DOMAIN §2.11) ---------------------------------------------------------------
    void standstill()
    {
        for (const Event* agreed : allOf(m_input, EventType::StandstillAgreed)) {
            DeadlineEntry entry = start(QStringLiteral("STANDSTILL_EXPIRY"), QStringLiteral("Standstill agreement ends"),
                                        ActingParty::Own, *agreed->expiresOn, eventTypeId(EventType::StandstillAgreed));
            entry.explanation << QStringLiteral("The standstill agreement ends on %1. Issue proceedings, or agree a "
                                                "written extension, before then: once it ends, time runs again.")
                                     .arg(ukDate(*agreed->expiresOn));
            if (*agreed->expiresOn >= m_input.asOf) {
                entry.flags << QStringLiteral("STANDSTILL_ACTIVE");
            }
            add(std::move(entry), agreed->region, Rolling::None);
        }
    }

    const Context& m_context;
    const EngineInput& m_input;
    const HolidayCalendar& m_calendar;
    EngineResult& m_result;
};

}  // namespace

void addProceduralDeadlines(const Context& context, EngineResult& result)
{
    Procedure(context, result).run();
}

}  // namespace claimdesk::core::deadlines::detail
