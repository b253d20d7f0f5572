#pragma once

#include "common/Region.h"
#include "deadlines/DateRules.h"
#include "deadlines/HolidayCalendar.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The deadline engine's input and output as plain values (docs: ENGINE-CLI.md, DOMAIN.md §1–4, §6.4).
// EngineJson reads and writes them in the CLI contract's JSON; the case file builds them from the vault.
namespace claimdesk::core::deadlines {

// ---------------------------------------------------------------------------------------------------------
// Input

enum class Precision { Day, Month, Year };
enum class AbuseType : unsigned { Sexual = 1, Physical = 2, Emotional = 4, Neglect = 8 };
enum class KnowledgeStatus { Argued, Agreed, Determined };

struct ClientFacts {
    std::optional<QDate> dateOfBirth;
    std::optional<QDate> dateOfDeath;
    bool lacksCapacity = false;  // a capacity concern: incapacity may have existed when the abuse happened
};

struct IncidentFacts {
    QString id;
    std::optional<QDate> start;  // as given; with Month/Year precision the engine reads the earliest day meant
    std::optional<QDate> end;
    Precision precision = Precision::Day;
    std::optional<Precision> endPrecision;  // when the end is known less (or more) precisely than the start
    unsigned abuseTypes = 0;  // AbuseType bits
    Region region = Region::EnglandWales;
    std::optional<QDate> dateOfKnowledge;
    std::optional<KnowledgeStatus> dateOfKnowledgeStatus;
    bool publicAuthorityDefendant = false;

    bool has(AbuseType type) const { return (abuseTypes & static_cast<unsigned>(type)) != 0; }
};

struct CicaFacts {
    std::optional<QDate> reportedToPoliceOn;
    std::optional<QDate> decisionOn;
    std::optional<QDate> reviewDecisionOn;
};

enum class EventType {
    LetterOfClaimPosted,
    LetterOfClaimAcknowledged,
    ClaimFormIssued,
    ClaimFormServed,
    ParticularsServed,
    AcknowledgmentOfServiceFiled,
    DefenceExtensionAgreed,
    Part36OfferSent,
    SubjectAccessRequestReceived,
    RehabilitationProposalReceived,
    StandstillAgreed,
};
QString eventTypeId(EventType type);  // "letterOfClaimPosted", … (the CLI contract's spelling)
std::optional<EventType> eventTypeFromId(const QString& id);
QString eventTypeLabel(EventType type);  // "Letter of claim posted"

// Who must act by a deadline: the firm/client (own: the earliest defensible date is diarised) or the other
// side (opponent: the latest date they are still in time, before any step against them).
enum class ActingParty { Own, Opponent };

struct Event {
    EventType type = EventType::ClaimFormIssued;
    std::optional<QDate> date;  // date-only events
    std::optional<QDateTime> at;  // timed events (UK local time)
    std::optional<ServiceMethod> method;
    bool particularsIncluded = false;  // claimFormServed: the particulars are contained in / served with it
    int days = 0;  // defenceExtensionAgreed
    int relevantPeriodDays = 21;  // part36OfferSent
    std::optional<QDate> expiresOn;  // standstillAgreed
    Region region = Region::EnglandWales;  // where service takes place / whose working days count
    std::optional<ActingParty> party;  // subjectAccessRequestReceived, rehabilitationProposalReceived: who replies
};

struct EngineInput {
    QDate asOf;
    ClientFacts client;
    std::optional<QDate> priorClaimDisposedOn;
    QList<IncidentFacts> incidents;
    CicaFacts cica;
    QList<Event> events;
};

// ---------------------------------------------------------------------------------------------------------
// Output

struct LimitationEntry {
    QString incident;
    Region region = Region::EnglandWales;
    QString regime;  // EW_S11_ADULT, EW_S28_MINOR, … (ENGINE-CLI.md)
    std::optional<QDate> strictDate;
    std::optional<QDate> safeDate;
    std::optional<QDate> rollForwardDate;
    std::optional<QDate> alternativeDate;  // the earliest later date another reading of the law allows (info)
    std::optional<QDate> legacyDate;  // s.11ZA: the date the old rules gave (history and printing only)
    std::optional<QDate> knowledgeDate;  // s.14: the date counted from the date of knowledge, when one is given
    bool expired = false;
    // VERIFIED, or CONSERVATIVE_ASSUMPTION when an unsettled point (DOMAIN.md §11) was decided the cautious way
    QString confidence = QStringLiteral("VERIFIED");
    QStringList flags;
    QStringList explanation;
};

struct DeadlineEntry {
    QString rule;  // CPR_15_DEFENCE, …
    QString title;  // "Defence due"
    ActingParty party = ActingParty::Own;
    QDate date;  // the date to act on (safe date for own; roll-forward or strict for opponent)
    QDate strictDate;
    QDate safeDate;
    std::optional<QDate> rollForwardDate;
    std::optional<QDate> chaseDate;  // protocol periods ending on a closed day: chase on the next business day
    QString cutoff;  // "16:30", "23:59", … or empty
    QString incident;  // for per-incident rules (CICA application, HRA claim)
    QString trigger;  // the event type or fact that starts the clock
    bool expired = false;  // asOf is after the date to act on
    QStringList flags;
    QStringList explanation;
};

struct ServiceDate {
    QString document;  // "claimForm", "particulars", "part36Offer"
    QDate deemedServed;
    std::optional<QDate> earliestReading;  // CPR 6.14 alternative reading (DOMAIN U9)
    QStringList explanation;
};

struct Warning {
    QString code;
    QString message;
};

struct EngineResult {
    QString engineVersion;
    QString rulesVersion;
    QString holidayTableVersion;
    QDate asOf;
    std::optional<LimitationEntry> primary;
    QList<LimitationEntry> limitation;
    QList<DeadlineEntry> deadlines;
    QList<ServiceDate> serviceDates;
    QList<Warning> warnings;
};

QString partyId(ActingParty party);  // "own", "opponent"

}  // namespace claimdesk::core::deadlines
