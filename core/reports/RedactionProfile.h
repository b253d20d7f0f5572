#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

// Who a printed case summary is for, and what each audience may see. Each profile is a fixed list of parts,
// written down in docs/REDACTION-PROFILES.md (a test checks that the document and this code agree). The
// account, sensitive notes, safeguarding detail and safe-contact details are in the Internal profile only.
namespace claimdesk::core::reports {

enum class Profile { Internal, Counsel, Client, Therapist, Insurer };
constexpr int kProfileCount = 5;

// The parts of a case summary, in the order they are printed.
enum class Part {
    CaseDetails,          // reference, stage, fee earner, supervisor, opened/closed, claim limbs
    ClientName,           // full name and date of birth (otherwise initials only: anonymised)
    ClientPreferences,    // preferred name, pronouns, communication needs, interpreter, caseworker preference
    ClientContact,        // address, telephone, e-mail
    SafeContactDetail,    // which channels are safe, code word, addresses never to write to, who at home knows
    ContactThroughFirm,   // the line "Contact the client only through the firm" (instead of any contact detail)
    Capacity,             // capacity concern and litigation friend
    Funding,              // funding arrangement and ATE insurer
    Valuation,            // damages estimate and settlement
    Limitation,           // case-level limitation date, status and verification
    LimitationExplanation,// per-incident regime, dates and the numbered explanation
    Deadlines,            // open deadlines with days left
    Parties,              // parties and their roles
    Incidents,            // incident dates, abuse types, place, region, whether reported to the police
    PoliceDetails,        // police force, crime reference, prosecution status
    Account,              // the client's account in their own words
    SafeguardingStatus,   // whether a safeguarding concern is open and whether action was recorded
    SafeguardingDetail,   // the risks screened, the action taken, referrals
    Therapy,              // therapy arranged: provider, therapy, status, sessions
    TherapyMoney,         // therapy caps, invoices, payments and what is still to recover
    Tasks,                // open tasks
    Notes,                // the latest file notes that are not sensitive
    SensitiveNotes,       // sensitive file notes, in full
};
constexpr int kPartCount = 23;

struct ProfileSpec {
    Profile profile;
    QString id;          // "counsel" (CLI, audit log)
    QString name;        // "Counsel" (footer, menus)
    QString watermark;   // "COPY FOR COUNSEL"; the Internal copy has "INTERNAL — DO NOT SEND"
    QString audience;    // one sentence for the print dialog
    std::vector<Part> parts;  // what it includes, in printing order
};

const ProfileSpec& profileSpec(Profile profile);
const std::vector<Profile>& allProfiles();
std::optional<Profile> profileFromId(const QString& id);
bool includes(Profile profile, Part part);
QString partId(Part part);     // "safeguarding-detail" (the document's and the audit log's name)
QString partLabel(Part part);  // "safeguarding detail"
// The parts a profile leaves out, in words, for the "This copy leaves out …" line.
QStringList omittedLabels(Profile profile);

}  // namespace claimdesk::core::reports
