#include "cases/CaseTypes.h"

#include <array>
#include <utility>

namespace claimdesk::core {

namespace {
template <typename E, std::size_t N>
using Table = std::array<std::pair<E, std::pair<const char16_t*, const char16_t*>>, N>;

const Table<Stage, 11> kStages{{
    {Stage::Enquiry, {u"enquiry", u"Enquiry"}},
    {Stage::Intake, {u"intake", u"Intake"}},
    {Stage::Engagement, {u"engagement", u"Engagement"}},
    {Stage::Investigation, {u"investigation", u"Investigation"}},
    {Stage::Experts, {u"experts", u"Experts"}},
    {Stage::LetterOfClaim, {u"letter-of-claim", u"Letter of claim"}},
    {Stage::Negotiation, {u"negotiation", u"Negotiation"}},
    {Stage::Proceedings, {u"proceedings", u"Proceedings"}},
    {Stage::TrialPreparation, {u"trial-preparation", u"Trial preparation"}},
    {Stage::Resolution, {u"resolution", u"Resolution"}},
    {Stage::Closed, {u"closed", u"Closed"}},
}};
const Table<ClaimLimb, 5> kLimbs{{
    {ClaimLimb::AgainstAbuser, {u"abuser", u"Against the abuser"}},
    {ClaimLimb::VicariousLiability, {u"vicarious-liability", u"Institution: vicarious liability"}},
    {ClaimLimb::InstitutionalNegligence, {u"negligence", u"Institution: negligence"}},
    {ClaimLimb::HumanRightsAct, {u"hra", u"Human Rights Act"}},
    {ClaimLimb::Cica, {u"cica", u"CICA"}},
}};
const Table<Funding, 6> kFunding{{
    {Funding::Unknown, {u"unknown", u"Not yet agreed"}},
    {Funding::Cfa, {u"cfa", u"Conditional fee agreement (CFA)"}},
    {Funding::Dba, {u"dba", u"Damages-based agreement (DBA)"}},
    {Funding::LegalAid, {u"legal-aid", u"Legal aid"}},
    {Funding::Private, {u"private", u"Private client"}},
    {Funding::AteInsured, {u"ate", u"ATE insurance"}},
}};
const Table<Region, 3> kRegions{{
    {Region::EnglandWales, {u"england-wales", u"England & Wales"}},
    {Region::Scotland, {u"scotland", u"Scotland"}},
    {Region::NorthernIreland, {u"northern-ireland", u"Northern Ireland"}},
}};
const Table<DatePrecision, 4> kPrecisions{{
    {DatePrecision::Day, {u"day", u"Exact day"}},
    {DatePrecision::Month, {u"month", u"Month only"}},
    {DatePrecision::Year, {u"year", u"Year only"}},
    {DatePrecision::Approximate, {u"approx", u"Approximate"}},
}};
const Table<PartyRole, 10> kRoles{{
    {PartyRole::Abuser, {u"abuser", u"Abuser"}},
    {PartyRole::Institution, {u"institution", u"Institution"}},
    {PartyRole::Employer, {u"employer", u"Employer"}},
    {PartyRole::Insurer, {u"insurer", u"Insurer"}},
    {PartyRole::PublicAuthority, {u"public-authority", u"Public authority"}},
    {PartyRole::OpposingSolicitor, {u"opposing-solicitor", u"Opposing solicitor"}},
    {PartyRole::Witness, {u"witness", u"Witness"}},
    {PartyRole::Expert, {u"expert", u"Expert"}},
    {PartyRole::Therapist, {u"therapist", u"Therapist"}},
    {PartyRole::LitigationFriend, {u"litigation-friend", u"Litigation friend"}},
}};
const Table<SuicidalThoughts, 4> kSuicidal{{
    {SuicidalThoughts::NotAsked, {u"not-asked", u"Not asked"}},
    {SuicidalThoughts::None, {u"none", u"None"}},
    {SuicidalThoughts::Passive, {u"passive", u"Passive"}},
    {SuicidalThoughts::Active, {u"active", u"Active"}},
}};
const Table<TaskKind, 4> kTaskKinds{{
    {TaskKind::General, {u"general", u"Task"}},
    {TaskKind::Safeguarding, {u"safeguarding", u"Safeguarding"}},
    {TaskKind::AskLater, {u"ask-later", u"Ask later"}},
    {TaskKind::Limitation, {u"limitation", u"Limitation"}},
}};

template <typename E, std::size_t N>
QString idOf(const Table<E, N>& table, E value)
{
    for (const auto& [e, texts] : table) {
        if (e == value) {
            return QString::fromUtf16(texts.first);
        }
    }
    return {};
}
template <typename E, std::size_t N>
QString labelOf(const Table<E, N>& table, E value)
{
    for (const auto& [e, texts] : table) {
        if (e == value) {
            return QString::fromUtf16(texts.second);
        }
    }
    return {};
}
template <typename E, std::size_t N>
std::optional<E> fromText(const Table<E, N>& table, const QString& text)
{
    const QString t = text.trimmed();
    for (const auto& [e, texts] : table) {
        if (t.compare(QString::fromUtf16(texts.first), Qt::CaseInsensitive) == 0
            || t.compare(QString::fromUtf16(texts.second), Qt::CaseInsensitive) == 0) {
            return e;
        }
    }
    return std::nullopt;
}
}  // namespace

QString stageId(Stage v) { return idOf(kStages, v); }
QString stageLabel(Stage v) { return labelOf(kStages, v); }
std::optional<Stage> stageFromText(const QString& t) { return fromText(kStages, t); }
QString limbId(ClaimLimb v) { return idOf(kLimbs, v); }
QString limbLabel(ClaimLimb v) { return labelOf(kLimbs, v); }
std::optional<ClaimLimb> limbFromId(const QString& t) { return fromText(kLimbs, t); }
QString fundingId(Funding v) { return idOf(kFunding, v); }
QString fundingLabel(Funding v) { return labelOf(kFunding, v); }
std::optional<Funding> fundingFromId(const QString& t) { return fromText(kFunding, t); }
QString regionLabel(Region v) { return labelOf(kRegions, v); }
std::optional<Region> regionFromText(const QString& t)
{
    if (auto r = fromText(kRegions, t)) {
        return r;
    }
    const QString s = t.trimmed().toLower();
    if (s == QStringLiteral("e&w") || s == QStringLiteral("ew") || s == QStringLiteral("england") || s == QStringLiteral("wales")) {
        return Region::EnglandWales;
    }
    if (s == QStringLiteral("ni")) {
        return Region::NorthernIreland;
    }
    return std::nullopt;
}
QString precisionId(DatePrecision v) { return idOf(kPrecisions, v); }
std::optional<DatePrecision> precisionFromId(const QString& t) { return fromText(kPrecisions, t); }
QString partyRoleId(PartyRole v) { return idOf(kRoles, v); }
QString partyRoleLabel(PartyRole v) { return labelOf(kRoles, v); }
std::optional<PartyRole> partyRoleFromId(const QString& t) { return fromText(kRoles, t); }
QString suicidalThoughtsId(SuicidalThoughts v) { return idOf(kSuicidal, v); }
std::optional<SuicidalThoughts> suicidalThoughtsFromId(const QString& t) { return fromText(kSuicidal, t); }
QString taskKindId(TaskKind v) { return idOf(kTaskKinds, v); }
std::optional<TaskKind> taskKindFromId(const QString& t) { return fromText(kTaskKinds, t); }

QString Client::initials() const
{
    QString out;
    for (const QString& part : fullName.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        out += part.at(0).toUpper();
        out += QLatin1Char('.');
    }
    return out;
}

QDate Incident::earliestStart() const
{
    if (!start.isValid()) {
        return {};
    }
    switch (startPrecision) {
    case DatePrecision::Day: return start;
    case DatePrecision::Month: return QDate(start.year(), start.month(), 1);
    case DatePrecision::Year: return QDate(start.year(), 1, 1);
    case DatePrecision::Approximate: return QDate(start.year() - 1, 1, 1);  // "around 2005": could be 2004
    }
    return start;
}

QDate Incident::latestEnd() const
{
    const QDate last = end.isValid() ? end : start;
    const DatePrecision precision = end.isValid() ? endPrecision : startPrecision;
    if (!last.isValid()) {
        return {};
    }
    switch (precision) {
    case DatePrecision::Day: return last;
    case DatePrecision::Month: return QDate(last.year(), last.month(), last.daysInMonth());
    case DatePrecision::Year: return QDate(last.year(), 12, 31);
    case DatePrecision::Approximate: return QDate(last.year() + 1, 12, 31);
    }
    return last;
}

int Incident::ageAtStart(const QDate& dateOfBirth) const
{
    const QDate at = earliestStart();
    if (!at.isValid() || !dateOfBirth.isValid() || at < dateOfBirth) {
        return -1;
    }
    int age = at.year() - dateOfBirth.year();
    if (at.month() < dateOfBirth.month() || (at.month() == dateOfBirth.month() && at.day() < dateOfBirth.day())) {
        --age;
    }
    return age;
}

bool SafeguardingScreen::seriousRisk() const
{
    return !seriousRiskReasons().isEmpty();
}

QStringList SafeguardingScreen::seriousRiskReasons() const
{
    QStringList reasons;
    if (suicidalThoughts == SuicidalThoughts::Active) {
        reasons << QStringLiteral("active suicidal thoughts");
    }
    if (plan.value_or(false)) {
        reasons << QStringLiteral("a plan to end their life");
    }
    if (selfHarm.value_or(false)) {
        reasons << QStringLiteral("recent self-harm");
    }
    if (currentAbuse.value_or(false)) {
        reasons << QStringLiteral("abuse happening now");
    }
    if (abuserHasAccessToChildren.value_or(false)) {
        reasons << QStringLiteral("the abuser has access to children");
    }
    if (abuserInPositionOfTrust.value_or(false)) {
        reasons << QStringLiteral("the abuser is in a position of trust");
    }
    return reasons;
}

}  // namespace claimdesk::core
