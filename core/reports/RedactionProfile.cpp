#include "reports/RedactionProfile.h"

#include <algorithm>
#include <array>

namespace claimdesk::core::reports {

namespace {

struct PartName {
    Part part;
    const char* id;
    const char* label;
};

constexpr std::array<PartName, kPartCount> kParts {{
    {Part::CaseDetails, "case-details", "case details"},
    {Part::ClientName, "client-name", "the client's name and date of birth"},
    {Part::ClientPreferences, "client-preferences", "the client's preferences and communication needs"},
    {Part::ClientContact, "client-contact", "the client's address, telephone and e-mail"},
    {Part::SafeContactDetail, "safe-contact", "safe-contact details"},
    {Part::ContactThroughFirm, "contact-through-firm", "the contact-through-the-firm instruction"},
    {Part::Capacity, "capacity", "capacity and litigation friend"},
    {Part::Funding, "funding", "funding"},
    {Part::Valuation, "valuation", "valuation and settlement"},
    {Part::Limitation, "limitation", "the limitation date"},
    {Part::LimitationExplanation, "limitation-explanation", "the limitation explanation"},
    {Part::Deadlines, "deadlines", "open deadlines"},
    {Part::Parties, "parties", "parties"},
    {Part::Incidents, "incidents", "incidents"},
    {Part::PoliceDetails, "police-details", "police details"},
    {Part::Account, "account", "the client's account"},
    {Part::SafeguardingStatus, "safeguarding-status", "safeguarding status"},
    {Part::SafeguardingDetail, "safeguarding-detail", "safeguarding detail"},
    {Part::Therapy, "therapy", "therapy arranged"},
    {Part::TherapyMoney, "therapy-money", "therapy costs"},
    {Part::Tasks, "tasks", "open tasks"},
    {Part::Notes, "notes", "file notes"},
    {Part::SensitiveNotes, "sensitive-notes", "sensitive notes"},
}};

std::vector<ProfileSpec> makeSpecs()
{
    using P = Part;
    std::vector<ProfileSpec> specs;
    specs.push_back({Profile::Internal, QStringLiteral("internal"), QStringLiteral("Internal"),
                     QStringLiteral("INTERNAL — DO NOT SEND"),
                     QStringLiteral("The whole file for the case team and file reviews. Never sent outside the firm."),
                     {P::CaseDetails, P::ClientName, P::ClientPreferences, P::ClientContact, P::SafeContactDetail,
                      P::Capacity, P::Funding, P::Valuation, P::Limitation, P::LimitationExplanation, P::Deadlines,
                      P::Parties, P::Incidents, P::PoliceDetails, P::Account, P::SafeguardingStatus,
                      P::SafeguardingDetail, P::Therapy, P::TherapyMoney, P::Tasks, P::Notes, P::SensitiveNotes}});
    specs.push_back({Profile::Counsel, QStringLiteral("counsel"), QStringLiteral("Counsel"),
                     QStringLiteral("COPY FOR COUNSEL"),
                     QStringLiteral("For instructing counsel: the claim, limitation with its reasoning, parties, "
                                    "incidents and file notes; no account, contact or safeguarding detail."),
                     {P::CaseDetails, P::ClientName, P::ClientPreferences, P::ContactThroughFirm, P::Capacity,
                      P::Funding, P::Valuation, P::Limitation, P::LimitationExplanation, P::Deadlines, P::Parties,
                      P::Incidents, P::PoliceDetails, P::SafeguardingStatus, P::Therapy, P::TherapyMoney,
                      P::Notes}});
    specs.push_back({Profile::Client, QStringLiteral("client"), QStringLiteral("Client copy"),
                     QStringLiteral("CLIENT COPY"),
                     QStringLiteral("For the client: their case, key dates, parties, incidents and therapy. Refused "
                                    "when the client's safe-contact rules forbid post, unless a supervisor overrides."),
                     {P::CaseDetails, P::ClientName, P::ClientPreferences, P::Funding, P::Limitation, P::Deadlines,
                      P::Parties, P::Incidents, P::PoliceDetails, P::Therapy, P::TherapyMoney}});
    specs.push_back({Profile::Therapist, QStringLiteral("therapist"), QStringLiteral("Therapist"),
                     QStringLiteral("COPY FOR THERAPIST"),
                     QStringLiteral("For the client's therapist: who the client is, how to communicate, whether a "
                                    "safeguarding concern is open, and the therapy the fund pays for."),
                     {P::CaseDetails, P::ClientName, P::ClientPreferences, P::ContactThroughFirm,
                      P::SafeguardingStatus, P::Therapy}});
    specs.push_back({Profile::Insurer, QStringLiteral("insurer"), QStringLiteral("Insurer / defendant"),
                     QStringLiteral("COPY FOR THE DEFENDANT'S INSURER"),
                     QStringLiteral("For the defendant or their insurer: the client anonymised (initials), the "
                                    "parties and the incidents as pleaded; nothing privileged."),
                     {P::CaseDetails, P::ContactThroughFirm, P::Parties, P::Incidents}});
    return specs;
}

const std::vector<ProfileSpec>& specs()
{
    static const std::vector<ProfileSpec> all = makeSpecs();
    return all;
}

const PartName& partName(Part part)
{
    return kParts.at(static_cast<std::size_t>(part));
}

}  // namespace

const ProfileSpec& profileSpec(Profile profile)
{
    return specs().at(static_cast<std::size_t>(profile));
}

const std::vector<Profile>& allProfiles()
{
    static const std::vector<Profile> all {Profile::Internal, Profile::Counsel, Profile::Client, Profile::Therapist,
                                           Profile::Insurer};
    return all;
}

std::optional<Profile> profileFromId(const QString& id)
{
    const QString wanted = id.trimmed().toLower();
    for (const ProfileSpec& s : specs()) {
        if (s.id == wanted) {
            return s.profile;
        }
    }
    return std::nullopt;
}

bool includes(Profile profile, Part part)
{
    const auto& parts = profileSpec(profile).parts;
    return std::find(parts.begin(), parts.end(), part) != parts.end();
}

QString partId(Part part)
{
    return QString::fromLatin1(partName(part).id);
}

QString partLabel(Part part)
{
    return QString::fromUtf8(partName(part).label);
}

QStringList omittedLabels(Profile profile)
{
    QStringList out;
    for (const PartName& p : kParts) {
        if (p.part == Part::ContactThroughFirm) {
            continue;  // an instruction, not information left out
        }
        if (!includes(profile, p.part)) {
            out << QString::fromUtf8(p.label);
        }
    }
    return out;
}

}  // namespace claimdesk::core::reports
