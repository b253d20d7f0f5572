#pragma once

#include "common/Region.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

// The case file's data: plain values, no storage and no Qt GUI. Money is integer pence; dates are QDate.
namespace claimdesk::core {

enum class Stage {
    Enquiry,
    Intake,
    Engagement,
    Investigation,
    Experts,
    LetterOfClaim,
    Negotiation,
    Proceedings,
    TrialPreparation,
    Resolution,
    Closed,
};
constexpr int kStageCount = 11;

enum class ClaimLimb { AgainstAbuser, VicariousLiability, InstitutionalNegligence, HumanRightsAct, Cica };
enum class Funding { Unknown, Cfa, Dba, LegalAid, Private, AteInsured };
enum class DatePrecision { Day, Month, Year, Approximate };
enum class PartyKind { Person, Organisation };
enum class PartyRole {
    Abuser,
    Institution,
    Employer,
    Insurer,
    PublicAuthority,
    OpposingSolicitor,
    Witness,
    Expert,
    Therapist,
    LitigationFriend,
};
enum class SuicidalThoughts { NotAsked, None, Passive, Active };
// Where the client lives in relation to the abuser.
enum class AbuserProximity { NotAsked, Apart, Near, SameHome };
// Who supports the client now (DOMAIN §6.3).
enum class SupportKind { Gp, Therapist, Isva, CrisisTeam, Family };
// Where a safeguarding referral went.
enum class Referral { Police, ChildrensSocialCare, AdultSafeguarding, Lado };
// Whether the client agreed to a referral, or why it was made without their consent.
enum class ReferralConsent { NotApplicable, Obtained, WithoutConsent };
// The answers that make a safeguarding screen a serious risk (SafeguardingScreen::seriousRisks).
enum class SeriousRisk {
    ActiveSuicidalThoughts,
    SuicidePlan,
    SuicideIntent,
    RecentSelfHarm,
    CurrentAbuse,
    LivesWithAbuser,
    AbuserHasAccessToChildren,
    AbuserInPositionOfTrust,
};
// BreakGlass: the supervisor's notice that someone opened a restricted case in an emergency (CaseService::breakGlass).
enum class TaskKind { General, Safeguarding, AskLater, Limitation, BreakGlass };

// Stable identifiers for storage, CSV and JSON ("letter-of-claim"), and English labels for people.
QString stageId(Stage stage);
QString stageLabel(Stage stage);
std::optional<Stage> stageFromText(const QString& idOrLabel);
QString limbId(ClaimLimb limb);
QString limbLabel(ClaimLimb limb);
std::optional<ClaimLimb> limbFromId(const QString& id);
QString fundingId(Funding funding);
QString fundingLabel(Funding funding);
std::optional<Funding> fundingFromId(const QString& id);
QString regionLabel(Region region);
std::optional<Region> regionFromText(const QString& text);
QString precisionId(DatePrecision precision);
std::optional<DatePrecision> precisionFromId(const QString& id);
QString partyRoleId(PartyRole role);
QString partyRoleLabel(PartyRole role);
std::optional<PartyRole> partyRoleFromId(const QString& id);
QString suicidalThoughtsId(SuicidalThoughts value);
std::optional<SuicidalThoughts> suicidalThoughtsFromId(const QString& id);
QString taskKindId(TaskKind kind);
std::optional<TaskKind> taskKindFromId(const QString& id);
QString abuserProximityId(AbuserProximity value);
std::optional<AbuserProximity> abuserProximityFromId(const QString& id);
QString supportKindId(SupportKind kind);
std::optional<SupportKind> supportKindFromId(const QString& id);
QString referralId(Referral referral);
std::optional<Referral> referralFromId(const QString& id);
QString referralConsentId(ReferralConsent value);
std::optional<ReferralConsent> referralConsentFromId(const QString& id);
// English, for task titles and the audit log ("active suicidal thoughts"); the UI has its own words.
QString seriousRiskText(SeriousRisk risk);

// How, and whether, the firm may contact the client. Every "safe" flag defaults to false: a channel is
// unsafe until someone has confirmed it with the client.
struct SafeContact {
    bool phone = false;
    bool voicemail = false;
    bool text = false;
    bool email = false;
    bool post = false;
    QStringList neverWriteTo;  // addresses that must never receive anything
    QString codeWord;
    QString timesToAvoid;
    QString whoAtHomeKnows;
};

struct Client {
    qint64 id = 0;
    QString fullName;
    QString preferredName;
    QStringList formerNames;
    QDate dateOfBirth;
    bool dateOfBirthVerified = false;
    QString pronouns;
    QString phone;
    QString email;
    QString address;
    SafeContact safeContact;
    QString preferredCaseworkerGender;
    QString communicationNeeds;
    QString interpreterLanguage;
    bool capacityConcern = false;
    QString litigationFriend;

    // "Sam Taylor" -> "S.T."
    QString initials() const;
    // The name to use when speaking to the client.
    QString nameToUse() const { return preferredName.isEmpty() ? fullName : preferredName; }
};

struct Party {
    qint64 id = 0;
    PartyKind kind = PartyKind::Person;
    QString name;
    QStringList aliases;
};

struct CaseParty {
    Party party;
    PartyRole role = PartyRole::Abuser;
};

struct Incident {
    qint64 id = 0;
    QDate start;
    DatePrecision startPrecision = DatePrecision::Day;
    QDate end;  // null: a single incident
    DatePrecision endPrecision = DatePrecision::Day;
    QStringList abuseTypes;
    QStringList perpetrators;   // party names, linked to parties of the case
    QStringList institutions;   // party names
    QString location;
    Region region = Region::EnglandWales;
    bool reportedToPolice = false;
    QDate policeReportDate;
    QString policeForce;
    QString crimeReference;
    QString prosecutionStatus;

    // The earliest and latest days the incident can have started, given its precision (the conservative
    // reading for limitation uses the earliest).
    QDate earliestStart() const;
    QDate latestEnd() const;
    // Age in whole years at the earliest possible start (-1 if unknown).
    int ageAtStart(const QDate& dateOfBirth) const;
};

struct Note {
    qint64 id = 0;
    QDateTime atUtc;
    QString author;
    bool sensitive = false;
    QString text;  // empty in listings unless revealed
};

struct Task {
    qint64 id = 0;
    QString title;
    QDate due;
    QString assignee;
    bool done = false;
    bool urgent = false;
    TaskKind kind = TaskKind::General;
    QDateTime createdAtUtc;
    QString createdBy;
};

// The safeguarding screen asked at intake (DOMAIN §6.3). Every answer is optional: nullopt (or NotAsked) is
// "not asked", "don't know" or "ask later" — the client is never pressed for an answer.
struct SafeguardingScreen {
    QDateTime askedAtUtc;
    QString askedBy;  // a username, or the name of whoever asked when it was not the person recording it

    // Risk to the client.
    SuicidalThoughts suicidalThoughts = SuicidalThoughts::NotAsked;
    std::optional<bool> plan;
    std::optional<bool> intent;  // intends to act on the thoughts
    std::optional<bool> accessToMeans;
    std::optional<bool> pastAttempts;
    std::optional<bool> selfHarm;  // recent self-harm
    std::optional<bool> currentAbuse;  // including domestic abuse
    AbuserProximity livesNearAbuser = AbuserProximity::NotAsked;
    std::vector<SupportKind> support;  // support in place now
    QString supportLastContact;  // e.g. "saw her GP last Tuesday"
    bool crisisLineGiven = false;  // crisis-line details given to the client

    // Risk to others.
    std::optional<bool> abuserHasAccessToChildren;
    std::optional<bool> abuserInPositionOfTrust;
    std::optional<bool> abuserAlive;
    std::optional<bool> abuserWhereaboutsKnown;
    std::optional<bool> abuserConvicted;
    std::optional<bool> abuserUnderInvestigation;
    std::optional<bool> abuserSubjectToNotification;  // sex offender notification requirements
    std::optional<bool> otherVictimsNamed;
    std::optional<bool> clientChildrenAtRisk;
    std::optional<bool> institutionStillOperating;

    QStringList skipped;  // questions deferred with "ask later"

    // Active suicidal thoughts, a plan, intent, recent self-harm, current abuse, living with the abuser, or an
    // abuser with access to children or in a position of trust.
    std::vector<SeriousRisk> seriousRisks() const;
    bool seriousRisk() const;
    QStringList seriousRiskReasons() const;  // seriousRisks() in English
    bool anyAnswered() const;  // at least one question has an answer

    // The JSON object stored in cases.safeguarding (also written by the demo generator).
    QJsonObject toJson() const;
    static SafeguardingScreen fromJson(const QJsonObject& object);
};

// What a supervisor records about a safeguarding risk (DOMAIN §6.3 "action taken").
struct SafeguardingAction {
    QString actionTaken;  // required: what was done
    QString leadConsulted;  // the safeguarding lead consulted (name), if any
    QDate leadConsultedOn;
    std::vector<Referral> referrals;
    ReferralConsent consent = ReferralConsent::NotApplicable;
    QString withoutConsentReason;  // required when the referral was made without the client's consent
    bool privilegeChecked = false;  // checked that nothing privileged was disclosed
    QString outcome;
    QDate reviewOn;  // a follow-up task is set for this day
    QDateTime recordedAtUtc;  // set by CaseService
    QString recordedBy;

    bool isEmpty() const { return !recordedAtUtc.isValid() && actionTaken.isEmpty(); }
    QJsonObject toJson() const;
    static SafeguardingAction fromJson(const QJsonObject& object);
};

struct Consent {
    bool processingForClaim = false;
    bool contact = false;
    QDateTime recordedAtUtc;
    QString recordedBy;

    // The JSON object stored in cases.consent.
    QJsonObject toJson() const;
    static Consent fromJson(const QJsonObject& object);
};

struct CaseRecord {
    qint64 id = 0;
    QString reference;
    Client client;
    QString feeEarner;   // username
    QString supervisor;  // username
    Stage stage = Stage::Enquiry;
    std::vector<ClaimLimb> limbs;
    Funding funding = Funding::Unknown;
    QString ateInsurer;
    QDate openedOn;
    QDate closedOn;
    QString outcome;
    qint64 damagesEstimatePence = 0;
    qint64 settlementPence = 0;
    bool restricted = false;
    bool hasAccount = false;  // the account itself is only returned by CaseService::revealAccount
    std::vector<Incident> incidents;
    std::vector<CaseParty> parties;
    SafeguardingScreen safeguarding;
    bool safeguardingAlert = false;  // red banner until a supervisor records the action taken
    QString safeguardingAction;  // what was done (the latest action's actionTaken)
    SafeguardingAction safeguardingActionRecord;  // the latest action in full (empty until one is recorded)
    Consent consent;

    int version = 0;  // optimistic concurrency: bumped by every save
    QDateTime updatedAtUtc;
    QString updatedBy;
};

// One row of the case list.
struct CaseSummary {
    qint64 id = 0;
    QString reference;
    QString clientName;
    QString clientInitials;
    Stage stage = Stage::Enquiry;
    QString feeEarner;
    QString feeEarnerName;
    QDate nextDeadline;
    QString nextDeadlineLabel;
    bool safeguardingAlert = false;
    bool restricted = false;
    bool restrictedPlaceholder = false;  // the user may not see this case: only the reference is shown
    bool limitationUnverified = true;
};

}  // namespace claimdesk::core
