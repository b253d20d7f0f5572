#pragma once

#include "common/Region.h"

#include <QDate>
#include <QDateTime>
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
enum class TaskKind { General, Safeguarding, AskLater, Limitation };

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

struct SafeguardingScreen {
    QDateTime askedAtUtc;
    QString askedBy;
    SuicidalThoughts suicidalThoughts = SuicidalThoughts::NotAsked;
    std::optional<bool> plan;
    std::optional<bool> selfHarm;
    std::optional<bool> currentAbuse;
    std::optional<bool> abuserHasAccessToChildren;
    std::optional<bool> abuserInPositionOfTrust;
    QStringList skipped;  // questions deferred with "ask later"

    // Active suicidal thoughts, a plan, self-harm, current abuse or a risk to children.
    bool seriousRisk() const;
    QStringList seriousRiskReasons() const;
};

struct Consent {
    bool processingForClaim = false;
    bool contact = false;
    QDateTime recordedAtUtc;
    QString recordedBy;
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
    QString safeguardingAction;
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
