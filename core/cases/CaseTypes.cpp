#include "cases/CaseTypes.h"

#include <QJsonArray>

#include <algorithm>
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
const Table<TaskKind, 5> kTaskKinds{{
    {TaskKind::General, {u"general", u"Task"}},
    {TaskKind::Safeguarding, {u"safeguarding", u"Safeguarding"}},
    {TaskKind::AskLater, {u"ask-later", u"Ask later"}},
    {TaskKind::Limitation, {u"limitation", u"Limitation"}},
    {TaskKind::BreakGlass, {u"break-glass", u"Break-glass"}},
}};
const Table<AbuserProximity, 4> kProximity {{
    {AbuserProximity::NotAsked, {u"not-asked", u"Not asked"}},
    {AbuserProximity::Apart, {u"apart", u"Not near the abuser"}},
    {AbuserProximity::Near, {u"near", u"Near the abuser"}},
    {AbuserProximity::SameHome, {u"same-home", u"With the abuser"}},
}};
const Table<SupportKind, 5> kSupport {{
    {SupportKind::Gp, {u"gp", u"GP"}},
    {SupportKind::Therapist, {u"therapist", u"Therapist"}},
    {SupportKind::Isva, {u"isva", u"ISVA"}},
    {SupportKind::CrisisTeam, {u"crisis-team", u"Crisis team"}},
    {SupportKind::Family, {u"family", u"Family"}},
}};
const Table<Referral, 4> kReferrals {{
    {Referral::Police, {u"police", u"Police"}},
    {Referral::ChildrensSocialCare, {u"childrens-social-care", u"Children's social care"}},
    {Referral::AdultSafeguarding, {u"adult-safeguarding", u"Adult safeguarding"}},
    {Referral::Lado, {u"lado", u"LADO"}},
}};
const Table<ReferralConsent, 3> kReferralConsent {{
    {ReferralConsent::NotApplicable, {u"not-applicable", u"Not applicable"}},
    {ReferralConsent::Obtained, {u"obtained", u"Client consented"}},
    {ReferralConsent::WithoutConsent, {u"without-consent", u"Without the client's consent"}},
}};
const Table<SeriousRisk, 8> kSeriousRisks {{
    {SeriousRisk::ActiveSuicidalThoughts, {u"active-suicidal-thoughts", u"active suicidal thoughts"}},
    {SeriousRisk::SuicidePlan, {u"plan", u"a plan to end their life"}},
    {SeriousRisk::SuicideIntent, {u"intent", u"intent to act on thoughts of ending their life"}},
    {SeriousRisk::RecentSelfHarm, {u"self-harm", u"recent self-harm"}},
    {SeriousRisk::CurrentAbuse, {u"current-abuse", u"abuse happening now"}},
    {SeriousRisk::LivesWithAbuser, {u"lives-with-abuser", u"living with the abuser"}},
    {SeriousRisk::AbuserHasAccessToChildren, {u"abuser-access-to-children", u"the abuser has access to children"}},
    {SeriousRisk::AbuserInPositionOfTrust, {u"abuser-position-of-trust", u"the abuser is in a position of trust"}},
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
QString abuserProximityId(AbuserProximity v)
{
    return idOf(kProximity, v);
}
std::optional<AbuserProximity> abuserProximityFromId(const QString& t)
{
    return fromText(kProximity, t);
}
QString supportKindId(SupportKind v)
{
    return idOf(kSupport, v);
}
std::optional<SupportKind> supportKindFromId(const QString& t)
{
    return fromText(kSupport, t);
}
QString referralId(Referral v)
{
    return idOf(kReferrals, v);
}
std::optional<Referral> referralFromId(const QString& t)
{
    return fromText(kReferrals, t);
}
QString referralConsentId(ReferralConsent v)
{
    return idOf(kReferralConsent, v);
}
std::optional<ReferralConsent> referralConsentFromId(const QString& t)
{
    return fromText(kReferralConsent, t);
}
QString seriousRiskText(SeriousRisk v)
{
    return labelOf(kSeriousRisks, v);
}

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

std::vector<SeriousRisk> SafeguardingScreen::seriousRisks() const
{
    std::vector<SeriousRisk> risks;
    auto add = [&risks](bool yes, SeriousRisk risk) {
        if (yes) {
            risks.push_back(risk);
        }
    };
    add(suicidalThoughts == SuicidalThoughts::Active, SeriousRisk::ActiveSuicidalThoughts);
    add(plan.value_or(false), SeriousRisk::SuicidePlan);
    add(intent.value_or(false), SeriousRisk::SuicideIntent);
    add(selfHarm.value_or(false), SeriousRisk::RecentSelfHarm);
    add(currentAbuse.value_or(false), SeriousRisk::CurrentAbuse);
    add(livesNearAbuser == AbuserProximity::SameHome, SeriousRisk::LivesWithAbuser);
    add(abuserHasAccessToChildren.value_or(false), SeriousRisk::AbuserHasAccessToChildren);
    add(abuserInPositionOfTrust.value_or(false), SeriousRisk::AbuserInPositionOfTrust);
    return risks;
}

bool SafeguardingScreen::seriousRisk() const
{
    return !seriousRisks().empty();
}

QStringList SafeguardingScreen::seriousRiskReasons() const
{
    QStringList reasons;
    for (SeriousRisk risk : seriousRisks()) {
        reasons << seriousRiskText(risk);
    }
    return reasons;
}

bool SafeguardingScreen::anyAnswered() const
{
    const std::optional<bool> answers[] = {plan,
                                           intent,
                                           accessToMeans,
                                           pastAttempts,
                                           selfHarm,
                                           currentAbuse,
                                           abuserHasAccessToChildren,
                                           abuserInPositionOfTrust,
                                           abuserAlive,
                                           abuserWhereaboutsKnown,
                                           abuserConvicted,
                                           abuserUnderInvestigation,
                                           abuserSubjectToNotification,
                                           otherVictimsNamed,
                                           clientChildrenAtRisk,
                                           institutionStillOperating};
    return suicidalThoughts != SuicidalThoughts::NotAsked || livesNearAbuser != AbuserProximity::NotAsked
        || !support.empty() || !supportLastContact.isEmpty() || crisisLineGiven
        || std::any_of(std::begin(answers), std::end(answers),
                       [](const std::optional<bool>& a) { return a.has_value(); });
}

namespace {
QJsonValue optionalBool(const std::optional<bool>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

std::optional<bool> optionalBoolFrom(const QJsonValue& v)
{
    return v.isBool() ? std::optional<bool>(v.toBool()) : std::nullopt;
}

QString dateText(const QDate& d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

QString timeText(const QDateTime& t)
{
    return t.isValid() ? t.toString(Qt::ISODateWithMs) : QString();
}

template <typename E, typename ToId> QJsonArray idArray(const std::vector<E>& values, ToId toId)
{
    QJsonArray out;
    for (E v : values) {
        out.append(toId(v));
    }
    return out;
}

template <typename E, typename FromId> std::vector<E> fromIdArray(const QJsonValue& array, FromId fromId)
{
    std::vector<E> out;
    for (const QJsonValue& v : array.toArray()) {
        if (auto e = fromId(v.toString())) {
            out.push_back(*e);
        }
    }
    return out;
}

// The screen's yes/no answers by their JSON key, so writing and reading cannot drift apart.
template <typename Screen> auto yesNoFields(Screen& s)
{
    return std::array<std::pair<const char16_t*, decltype(&s.plan)>, 16> {{
        {u"plan", &s.plan},
        {u"intent", &s.intent},
        {u"accessToMeans", &s.accessToMeans},
        {u"pastAttempts", &s.pastAttempts},
        {u"selfHarm", &s.selfHarm},
        {u"currentAbuse", &s.currentAbuse},
        {u"abuserHasAccessToChildren", &s.abuserHasAccessToChildren},
        {u"abuserInPositionOfTrust", &s.abuserInPositionOfTrust},
        {u"abuserAlive", &s.abuserAlive},
        {u"abuserWhereaboutsKnown", &s.abuserWhereaboutsKnown},
        {u"abuserConvicted", &s.abuserConvicted},
        {u"abuserUnderInvestigation", &s.abuserUnderInvestigation},
        {u"abuserSubjectToNotification", &s.abuserSubjectToNotification},
        {u"otherVictimsNamed", &s.otherVictimsNamed},
        {u"clientChildrenAtRisk", &s.clientChildrenAtRisk},
        {u"institutionStillOperating", &s.institutionStillOperating},
    }};
}
}  // namespace

QJsonObject SafeguardingScreen::toJson() const
{
    QJsonObject o {{QStringLiteral("askedAt"), askedAtUtc.toString(Qt::ISODateWithMs)},
                   {QStringLiteral("askedBy"), askedBy},
                   {QStringLiteral("suicidalThoughts"), suicidalThoughtsId(suicidalThoughts)},
                   {QStringLiteral("livesNearAbuser"), abuserProximityId(livesNearAbuser)},
                   {QStringLiteral("support"), idArray(support, supportKindId)},
                   {QStringLiteral("supportLastContact"), supportLastContact},
                   {QStringLiteral("crisisLineGiven"), crisisLineGiven},
                   {QStringLiteral("skipped"), QJsonArray::fromStringList(skipped)}};
    for (const auto& [key, field] : yesNoFields(*this)) {
        o.insert(QString::fromUtf16(key), optionalBool(*field));
    }
    return o;
}

SafeguardingScreen SafeguardingScreen::fromJson(const QJsonObject& o)
{
    SafeguardingScreen s;
    s.askedAtUtc = QDateTime::fromString(o.value(QStringLiteral("askedAt")).toString(), Qt::ISODateWithMs);
    s.askedBy = o.value(QStringLiteral("askedBy")).toString();
    s.suicidalThoughts = suicidalThoughtsFromId(o.value(QStringLiteral("suicidalThoughts")).toString())
                             .value_or(SuicidalThoughts::NotAsked);
    s.livesNearAbuser = abuserProximityFromId(o.value(QStringLiteral("livesNearAbuser")).toString())
                            .value_or(AbuserProximity::NotAsked);
    s.support = fromIdArray<SupportKind>(o.value(QStringLiteral("support")), supportKindFromId);
    s.supportLastContact = o.value(QStringLiteral("supportLastContact")).toString();
    s.crisisLineGiven = o.value(QStringLiteral("crisisLineGiven")).toBool();
    for (const auto& [key, field] : yesNoFields(s)) {
        *field = optionalBoolFrom(o.value(QString::fromUtf16(key)));
    }
    for (const QJsonValue& v : o.value(QStringLiteral("skipped")).toArray()) {
        s.skipped << v.toString();
    }
    return s;
}

QJsonObject SafeguardingAction::toJson() const
{
    return {{QStringLiteral("actionTaken"), actionTaken},
            {QStringLiteral("leadConsulted"), leadConsulted},
            {QStringLiteral("leadConsultedOn"), dateText(leadConsultedOn)},
            {QStringLiteral("referrals"), idArray(referrals, referralId)},
            {QStringLiteral("consent"), referralConsentId(consent)},
            {QStringLiteral("withoutConsentReason"), withoutConsentReason},
            {QStringLiteral("privilegeChecked"), privilegeChecked},
            {QStringLiteral("outcome"), outcome},
            {QStringLiteral("reviewOn"), dateText(reviewOn)},
            {QStringLiteral("recordedAt"), timeText(recordedAtUtc)},
            {QStringLiteral("recordedBy"), recordedBy}};
}

SafeguardingAction SafeguardingAction::fromJson(const QJsonObject& o)
{
    SafeguardingAction a;
    a.actionTaken = o.value(QStringLiteral("actionTaken")).toString();
    a.leadConsulted = o.value(QStringLiteral("leadConsulted")).toString();
    a.leadConsultedOn = QDate::fromString(o.value(QStringLiteral("leadConsultedOn")).toString(), Qt::ISODate);
    a.referrals = fromIdArray<Referral>(o.value(QStringLiteral("referrals")), referralFromId);
    a.consent
        = referralConsentFromId(o.value(QStringLiteral("consent")).toString()).value_or(ReferralConsent::NotApplicable);
    a.withoutConsentReason = o.value(QStringLiteral("withoutConsentReason")).toString();
    a.privilegeChecked = o.value(QStringLiteral("privilegeChecked")).toBool();
    a.outcome = o.value(QStringLiteral("outcome")).toString();
    a.reviewOn = QDate::fromString(o.value(QStringLiteral("reviewOn")).toString(), Qt::ISODate);
    a.recordedAtUtc = QDateTime::fromString(o.value(QStringLiteral("recordedAt")).toString(), Qt::ISODateWithMs);
    a.recordedBy = o.value(QStringLiteral("recordedBy")).toString();
    return a;
}

QJsonObject Consent::toJson() const
{
    return {{QStringLiteral("processingForClaim"), processingForClaim},
            {QStringLiteral("contact"), contact},
            {QStringLiteral("recordedAt"), recordedAtUtc.toString(Qt::ISODateWithMs)},
            {QStringLiteral("recordedBy"), recordedBy}};
}

Consent Consent::fromJson(const QJsonObject& o)
{
    Consent c;
    c.processingForClaim = o.value(QStringLiteral("processingForClaim")).toBool();
    c.contact = o.value(QStringLiteral("contact")).toBool();
    c.recordedAtUtc = QDateTime::fromString(o.value(QStringLiteral("recordedAt")).toString(), Qt::ISODateWithMs);
    c.recordedBy = o.value(QStringLiteral("recordedBy")).toString();
    return c;
}

}  // namespace claimdesk::core
