#include "ui/cases/CaseText.h"

#include "deadlines/DateRules.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

namespace claimdesk::ui {

namespace {

class CaseText {
    Q_DECLARE_TR_FUNCTIONS(CaseText)
public:
    static QString dayProblem(int day, int month, int year)
    {
        return tr("%1 %2 does not exist: check the day.").arg(day).arg(ukLocale().monthName(month) + QLatin1Char(' ')
                                                                         + QString::number(year));
    }

    static const QLocale& ukLocale()
    {
        static const QLocale locale(QLocale::English, QLocale::UnitedKingdom);
        return locale;
    }
};

// 1..12 for "jan", "january", "sept" …; 0 when it is not a month.
int monthFromName(const QString& word)
{
    const QString w = word.toCaseFolded();
    if (w.size() < 3) {
        return 0;
    }
    if (w == QStringLiteral("sept")) {
        return 9;
    }
    const QLocale& uk = CaseText::ukLocale();
    for (int m = 1; m <= 12; ++m) {
        const QString full = uk.monthName(m, QLocale::LongFormat).toCaseFolded();
        if (w == full || (w.size() == 3 && full.startsWith(w))) {
            return m;
        }
    }
    return 0;
}

DateParse dayMonthYear(int day, int month, int year)
{
    if (month < 1 || month > 12) {
        return {std::nullopt, CaseText::tr("%1 is not a month: write the month as 1 to 12 or its name.").arg(month)};
    }
    const QDate date(year, month, day);
    if (!date.isValid()) {
        return {std::nullopt, CaseText::dayProblem(day, month, year)};
    }
    return {ParsedDate {date, core::DatePrecision::Day}, {}};
}

}  // namespace

QString ukDate(const QDate& date)
{
    return core::deadlines::ukShortDate(date);  // "Sep", whatever the locale data says
}

QString ukDate(const QDate& date, core::DatePrecision precision)
{
    if (!date.isValid()) {
        return {};
    }
    switch (precision) {
    case core::DatePrecision::Day: return ukDate(date);
    case core::DatePrecision::Month: return core::deadlines::ukMonthYear(date);
    case core::DatePrecision::Year: return QString::number(date.year());
    case core::DatePrecision::Approximate: return CaseText::tr("about %1").arg(date.year());
    }
    return ukDate(date);
}

QString ukDateTime(const QDateTime& utc)
{
    if (!utc.isValid()) {
        return {};
    }
    const QDateTime local = utc.toLocalTime();
    return CaseText::tr("%1, %2").arg(local.time().toString(QStringLiteral("HH:mm")), ukDate(local.date()));
}

DateParse parseUkDate(const QString& typed, bool partial)
{
    const QString text = typed.simplified();
    if (text.isEmpty()) {
        return {};
    }
    // "about 1994", "c. 1994", "circa Mar 1994": an approximate date.
    static const QRegularExpression about(QStringLiteral("^(?:about|around|approximately|approx\\.?|circa|ca?\\.)\\s*(.+)$"),
                                          QRegularExpression::CaseInsensitiveOption);
    if (const auto m = about.match(text); m.hasMatch() && partial) {
        DateParse inner = parseUkDate(m.captured(1), true);
        if (inner.value) {
            inner.value->precision = core::DatePrecision::Approximate;
        }
        return inner;
    }
    static const QRegularExpression numeric(QStringLiteral("^(\\d{1,2})\\s*[/.\\-]\\s*(\\d{1,2})\\s*[/.\\-]\\s*(\\d+)$"));
    static const QRegularExpression iso(QStringLiteral("^(\\d{4})-(\\d{1,2})-(\\d{1,2})$"));
    static const QRegularExpression named(QStringLiteral("^(\\d{1,2})(?:st|nd|rd|th)?\\s+(\\p{L}+)\\.?,?\\s+(\\d+)$"));
    static const QRegularExpression monthNamed(QStringLiteral("^(\\p{L}+)\\.?,?\\s+(\\d+)$"));
    static const QRegularExpression monthNumeric(QStringLiteral("^(\\d{1,2})\\s*[/.\\-]\\s*(\\d{4})$"));
    static const QRegularExpression yearOnly(QStringLiteral("^(\\d{4})$"));
    static const QRegularExpression shortYear(QStringLiteral("(^|\\D)\\d{2}$"));

    const QString wholeYear = CaseText::tr("Write the year in full (1994, not 94).");
    auto year = [&](const QString& digits) { return digits.size() == 4 ? digits.toInt() : -1; };

    if (auto m = iso.match(text); m.hasMatch()) {
        return dayMonthYear(m.captured(3).toInt(), m.captured(2).toInt(), m.captured(1).toInt());
    }
    if (auto m = numeric.match(text); m.hasMatch()) {
        const int y = year(m.captured(3));
        if (y < 0) {
            return {std::nullopt, wholeYear};
        }
        return dayMonthYear(m.captured(1).toInt(), m.captured(2).toInt(), y);
    }
    if (auto m = named.match(text); m.hasMatch()) {
        const int month = monthFromName(m.captured(2));
        if (month == 0) {
            return {std::nullopt, CaseText::tr("“%1” is not a month.").arg(m.captured(2))};
        }
        const int y = year(m.captured(3));
        if (y < 0) {
            return {std::nullopt, wholeYear};
        }
        return dayMonthYear(m.captured(1).toInt(), month, y);
    }
    const QString needDay = CaseText::tr("Give the day too, for example 27/11/2026.");
    if (auto m = monthNamed.match(text); m.hasMatch() && monthFromName(m.captured(1)) != 0) {
        if (!partial) {
            return {std::nullopt, needDay};
        }
        const int y = year(m.captured(2));
        if (y < 0) {
            return {std::nullopt, wholeYear};
        }
        return {ParsedDate {QDate(y, monthFromName(m.captured(1)), 1), core::DatePrecision::Month}, {}};
    }
    if (auto m = monthNumeric.match(text); m.hasMatch()) {
        if (!partial) {
            return {std::nullopt, needDay};
        }
        const int month = m.captured(1).toInt();
        if (month < 1 || month > 12) {
            return {std::nullopt, CaseText::tr("%1 is not a month: write the month as 1 to 12 or its name.").arg(month)};
        }
        return {ParsedDate {QDate(m.captured(2).toInt(), month, 1), core::DatePrecision::Month}, {}};
    }
    if (auto m = yearOnly.match(text); m.hasMatch()) {
        if (!partial) {
            return {std::nullopt, needDay};
        }
        return {ParsedDate {QDate(m.captured(1).toInt(), 1, 1), core::DatePrecision::Year}, {}};
    }
    if (shortYear.match(text).hasMatch() && text.size() > 2) {
        return {std::nullopt, wholeYear};
    }
    return {std::nullopt, partial ? CaseText::tr("Not a date. Try 27/11/1994, Nov 1994 or 1994.")
                                  : CaseText::tr("Not a date. Try 27/11/1994 or 27 Nov 1994.")};
}

QString money(qint64 pence)
{
    const bool negative = pence < 0;
    const qint64 magnitude = negative ? -pence : pence;
    const QString pounds = CaseText::ukLocale().toString(magnitude / 100);
    const QString text = QStringLiteral("£%1.%2").arg(pounds).arg(magnitude % 100, 2, 10, QLatin1Char('0'));
    return negative ? QStringLiteral("−") + text : text;
}

std::optional<qint64> parseMoney(const QString& typed)
{
    QString text = typed.trimmed();
    text.remove(QLatin1Char(',')).remove(QLatin1Char(' '));
    if (text.startsWith(QStringLiteral("£"))) {
        text.remove(0, 1);
    }
    static const QRegularExpression amount(QStringLiteral("^(\\d{1,12})(?:\\.(\\d{1,2}))?$"));
    const auto m = amount.match(text);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    qint64 pence = m.captured(1).toLongLong() * 100;
    if (const QString fraction = m.captured(2); !fraction.isEmpty()) {
        pence += fraction.size() == 1 ? fraction.toInt() * 10 : fraction.toInt();
    }
    return pence;
}

QString daysLeft(const QDate& deadline, const QDate& today)
{
    const qint64 days = today.daysTo(deadline);
    if (days == 0) {
        return CaseText::tr("today");
    }
    if (days == 1) {
        return CaseText::tr("tomorrow");
    }
    if (days < 0) {
        return CaseText::tr("%n day(s) overdue", nullptr, static_cast<int>(-days));
    }
    return CaseText::tr("in %n day(s)", nullptr, static_cast<int>(days));
}

QString stageName(core::Stage stage)
{
    using core::Stage;
    switch (stage) {
    case Stage::Enquiry: return CaseText::tr("Enquiry");
    case Stage::Intake: return CaseText::tr("Intake");
    case Stage::Engagement: return CaseText::tr("Engagement");
    case Stage::Investigation: return CaseText::tr("Investigation");
    case Stage::Experts: return CaseText::tr("Experts");
    case Stage::LetterOfClaim: return CaseText::tr("Letter of claim");
    case Stage::Negotiation: return CaseText::tr("Negotiation");
    case Stage::Proceedings: return CaseText::tr("Proceedings");
    case Stage::TrialPreparation: return CaseText::tr("Trial preparation");
    case Stage::Resolution: return CaseText::tr("Resolution");
    case Stage::Closed: return CaseText::tr("Closed");
    }
    return {};
}

QString limbName(core::ClaimLimb limb)
{
    using core::ClaimLimb;
    switch (limb) {
    case ClaimLimb::AgainstAbuser: return CaseText::tr("Against the abuser");
    case ClaimLimb::VicariousLiability: return CaseText::tr("Institution: vicarious liability");
    case ClaimLimb::InstitutionalNegligence: return CaseText::tr("Institution: negligence");
    case ClaimLimb::HumanRightsAct: return CaseText::tr("Human Rights Act");
    case ClaimLimb::Cica: return CaseText::tr("CICA");
    }
    return {};
}

QString fundingName(core::Funding funding)
{
    using core::Funding;
    switch (funding) {
    case Funding::Unknown: return CaseText::tr("Not decided yet");
    case Funding::Cfa: return CaseText::tr("Conditional fee agreement (CFA)");
    case Funding::Dba: return CaseText::tr("Damages-based agreement (DBA)");
    case Funding::LegalAid: return CaseText::tr("Legal aid");
    case Funding::Private: return CaseText::tr("Private");
    case Funding::AteInsured: return CaseText::tr("ATE insurance");
    }
    return {};
}

QString regionName(core::Region region)
{
    using core::Region;
    switch (region) {
    case Region::EnglandWales: return CaseText::tr("England & Wales");
    case Region::Scotland: return CaseText::tr("Scotland");
    case Region::NorthernIreland: return CaseText::tr("Northern Ireland");
    }
    return {};
}

QString precisionName(core::DatePrecision precision)
{
    using core::DatePrecision;
    switch (precision) {
    case DatePrecision::Day: return CaseText::tr("Exact day");
    case DatePrecision::Month: return CaseText::tr("Month known");
    case DatePrecision::Year: return CaseText::tr("Year known");
    case DatePrecision::Approximate: return CaseText::tr("Approximate");
    }
    return {};
}

QString partyRoleName(core::PartyRole role)
{
    using core::PartyRole;
    switch (role) {
    case PartyRole::Abuser: return CaseText::tr("Abuser");
    case PartyRole::Institution: return CaseText::tr("Institution");
    case PartyRole::Employer: return CaseText::tr("Employer");
    case PartyRole::Insurer: return CaseText::tr("Insurer");
    case PartyRole::PublicAuthority: return CaseText::tr("Public authority");
    case PartyRole::OpposingSolicitor: return CaseText::tr("Opposing solicitor");
    case PartyRole::Witness: return CaseText::tr("Witness");
    case PartyRole::Expert: return CaseText::tr("Expert");
    case PartyRole::Therapist: return CaseText::tr("Therapist");
    case PartyRole::LitigationFriend: return CaseText::tr("Litigation friend");
    }
    return {};
}

QString partyKindName(core::PartyKind kind)
{
    return kind == core::PartyKind::Person ? CaseText::tr("Person") : CaseText::tr("Organisation");
}

QString taskKindName(core::TaskKind kind)
{
    using core::TaskKind;
    switch (kind) {
    case TaskKind::General: return CaseText::tr("Task");
    case TaskKind::Safeguarding: return CaseText::tr("Safeguarding");
    case TaskKind::AskLater: return CaseText::tr("Ask later");
    case TaskKind::Limitation: return CaseText::tr("Limitation");
    case TaskKind::BreakGlass: return CaseText::tr("Break-glass");
    }
    return {};
}

QString seriousRiskName(core::SeriousRisk risk)
{
    using core::SeriousRisk;
    switch (risk) {
    case SeriousRisk::ActiveSuicidalThoughts: return CaseText::tr("active suicidal thoughts");
    case SeriousRisk::SuicidePlan: return CaseText::tr("a plan to end their life");
    case SeriousRisk::SuicideIntent: return CaseText::tr("intent to act on thoughts of ending their life");
    case SeriousRisk::RecentSelfHarm: return CaseText::tr("recent self-harm");
    case SeriousRisk::CurrentAbuse: return CaseText::tr("abuse happening now");
    case SeriousRisk::LivesWithAbuser: return CaseText::tr("living with the abuser");
    case SeriousRisk::AbuserHasAccessToChildren: return CaseText::tr("the abuser has access to children");
    case SeriousRisk::AbuserInPositionOfTrust: return CaseText::tr("the abuser is in a position of trust");
    }
    return {};
}

QStringList seriousRiskNames(const core::SafeguardingScreen& screen)
{
    QStringList names;
    for (core::SeriousRisk risk : screen.seriousRisks()) {
        names << seriousRiskName(risk);
    }
    return names;
}

QString supportKindName(core::SupportKind kind)
{
    using core::SupportKind;
    switch (kind) {
    case SupportKind::Gp: return CaseText::tr("GP");
    case SupportKind::Therapist: return CaseText::tr("Therapist");
    case SupportKind::Isva: return CaseText::tr("ISVA");
    case SupportKind::CrisisTeam: return CaseText::tr("Crisis team");
    case SupportKind::Family: return CaseText::tr("Family");
    }
    return {};
}

QString referralName(core::Referral referral)
{
    using core::Referral;
    switch (referral) {
    case Referral::Police: return CaseText::tr("Police (999 or 101)");
    case Referral::ChildrensSocialCare: return CaseText::tr("Children's social care");
    case Referral::AdultSafeguarding: return CaseText::tr("Adult safeguarding");
    case Referral::Lado: return CaseText::tr("LADO (allegation against someone working with children)");
    }
    return {};
}

QString referralConsentName(core::ReferralConsent consent)
{
    using core::ReferralConsent;
    switch (consent) {
    case ReferralConsent::NotApplicable: return CaseText::tr("Not recorded");
    case ReferralConsent::Obtained: return CaseText::tr("The client consented");
    case ReferralConsent::WithoutConsent: return CaseText::tr("Made without the client's consent");
    }
    return {};
}

QString abuserProximityName(core::AbuserProximity proximity)
{
    using core::AbuserProximity;
    switch (proximity) {
    case AbuserProximity::NotAsked: return CaseText::tr("not asked");
    case AbuserProximity::Apart: return CaseText::tr("no");
    case AbuserProximity::Near: return CaseText::tr("nearby");
    case AbuserProximity::SameHome: return CaseText::tr("with them");
    }
    return {};
}

std::vector<std::pair<QString, QString>> safeguardingAnswers(const core::SafeguardingScreen& s)
{
    std::vector<std::pair<QString, QString>> rows;
    auto yesNo = [&rows](const QString& question, const std::optional<bool>& answer) {
        if (answer) {
            rows.emplace_back(question, *answer ? CaseText::tr("yes") : CaseText::tr("no"));
        }
    };
    switch (s.suicidalThoughts) {
    case core::SuicidalThoughts::NotAsked: break;
    case core::SuicidalThoughts::None:
        rows.emplace_back(CaseText::tr("Thoughts of ending their life"), CaseText::tr("none"));
        break;
    case core::SuicidalThoughts::Passive:
        rows.emplace_back(CaseText::tr("Thoughts of ending their life"), CaseText::tr("passive"));
        break;
    case core::SuicidalThoughts::Active:
        rows.emplace_back(CaseText::tr("Thoughts of ending their life"), CaseText::tr("active"));
        break;
    }
    yesNo(CaseText::tr("A plan"), s.plan);
    yesNo(CaseText::tr("Intends to act on them"), s.intent);
    yesNo(CaseText::tr("Has the means to hand"), s.accessToMeans);
    yesNo(CaseText::tr("Tried before"), s.pastAttempts);
    yesNo(CaseText::tr("Self-harm recently"), s.selfHarm);
    yesNo(CaseText::tr("Abuse happening now"), s.currentAbuse);
    if (s.livesNearAbuser != core::AbuserProximity::NotAsked) {
        rows.emplace_back(CaseText::tr("Lives with or near the abuser"), abuserProximityName(s.livesNearAbuser));
    }
    if (!s.support.empty() || !s.supportLastContact.isEmpty()) {
        QStringList support;
        for (core::SupportKind kind : s.support) {
            support << supportKindName(kind);
        }
        QString text = support.isEmpty() ? CaseText::tr("none named") : support.join(QStringLiteral(", "));
        if (!s.supportLastContact.isEmpty()) {
            text = CaseText::tr("%1 (last contact: %2)").arg(text, s.supportLastContact);
        }
        rows.emplace_back(CaseText::tr("Support in place"), text);
    }
    if (s.crisisLineGiven) {
        rows.emplace_back(CaseText::tr("Crisis-line details"), CaseText::tr("given to the client"));
    }
    yesNo(CaseText::tr("Abuser has access to children"), s.abuserHasAccessToChildren);
    yesNo(CaseText::tr("Abuser in a position of trust"), s.abuserInPositionOfTrust);
    yesNo(CaseText::tr("Abuser alive"), s.abuserAlive);
    yesNo(CaseText::tr("Abuser's whereabouts known"), s.abuserWhereaboutsKnown);
    yesNo(CaseText::tr("Abuser convicted"), s.abuserConvicted);
    yesNo(CaseText::tr("Abuser under investigation"), s.abuserUnderInvestigation);
    yesNo(CaseText::tr("Abuser subject to notification requirements"), s.abuserSubjectToNotification);
    yesNo(CaseText::tr("Other people who may have been harmed named"), s.otherVictimsNamed);
    yesNo(CaseText::tr("Client's own children at risk"), s.clientChildrenAtRisk);
    yesNo(CaseText::tr("Institution still operating"), s.institutionStillOperating);
    return rows;
}

std::vector<std::pair<QString, QString>> safeguardingActionRows(const core::SafeguardingAction& a)
{
    std::vector<std::pair<QString, QString>> rows;
    rows.emplace_back(CaseText::tr("Action taken"), a.actionTaken);
    if (!a.leadConsulted.isEmpty() || a.leadConsultedOn.isValid()) {
        rows.emplace_back(
            CaseText::tr("Safeguarding lead consulted"),
            a.leadConsultedOn.isValid() ? CaseText::tr("%1, %2").arg(
                a.leadConsulted.isEmpty() ? CaseText::tr("yes") : a.leadConsulted, ukDate(a.leadConsultedOn))
                                        : a.leadConsulted);
    }
    QStringList referrals;
    for (core::Referral r : a.referrals) {
        referrals << referralName(r);
    }
    rows.emplace_back(CaseText::tr("Referral made"),
                      referrals.isEmpty() ? CaseText::tr("none") : referrals.join(QStringLiteral(", ")));
    if (!a.referrals.empty()) {
        rows.emplace_back(CaseText::tr("Consent"),
                          a.consent == core::ReferralConsent::WithoutConsent
                              ? CaseText::tr("%1: %2").arg(referralConsentName(a.consent), a.withoutConsentReason)
                              : referralConsentName(a.consent));
    }
    rows.emplace_back(CaseText::tr("Privilege check"),
                      a.privilegeChecked ? CaseText::tr("done") : CaseText::tr("not recorded"));
    if (!a.outcome.isEmpty()) {
        rows.emplace_back(CaseText::tr("Outcome"), a.outcome);
    }
    if (a.reviewOn.isValid()) {
        rows.emplace_back(CaseText::tr("Review on"), ukDate(a.reviewOn));
    }
    return rows;
}

QString safeContactHtml(const core::SafeContact& c, bool privacyMode)
{
    const QString yes = QStringLiteral("<span style=\"color:#1b6e2a\">✔</span>");
    const QString no = QStringLiteral("<span style=\"color:#a11d12\">✘</span>");
    auto channel = [&](const QString& name, bool safe, const QString& warning) {
        return safe ? QStringLiteral("%1 %2").arg(name, yes)
                    : QStringLiteral("%1 %2 <b>— %3</b>").arg(name, no, warning);
    };
    QStringList channels {
        channel(CaseText::tr("phone"), c.phone, CaseText::tr("do not phone")),
        channel(CaseText::tr("voicemail"), c.voicemail, CaseText::tr("do not leave voicemail")),
        channel(CaseText::tr("text"), c.text, CaseText::tr("do not text")),
        channel(CaseText::tr("email"), c.email, CaseText::tr("do not email")),
        channel(CaseText::tr("post"), c.post, CaseText::tr("do not post anything")),
    };
    QStringList rules;
    QStringList addresses;
    for (const QString& address : c.neverWriteTo) {
        if (!address.trimmed().isEmpty()) {
            addresses << address.trimmed().toHtmlEscaped();
        }
    }
    if (!addresses.isEmpty()) {
        rules << (privacyMode ? CaseText::tr("<b>never write to %n address(es)</b> (hidden in privacy mode)", nullptr,
                                             static_cast<int>(addresses.size()))
                              : CaseText::tr("<b>never write to:</b> %1").arg(addresses.join(QStringLiteral("; "))));
    }
    rules << (c.codeWord.trimmed().isEmpty() ? CaseText::tr("no code word") : CaseText::tr("code word set"));
    if (!c.timesToAvoid.trimmed().isEmpty()) {
        rules << CaseText::tr("avoid: %1").arg(c.timesToAvoid.trimmed().toHtmlEscaped());
    }
    if (!c.whoAtHomeKnows.trimmed().isEmpty()) {
        rules << CaseText::tr("who at home knows: %1").arg(c.whoAtHomeKnows.trimmed().toHtmlEscaped());
    }
    QString html = CaseText::tr("<b>Safe contact:</b> %1; %2")
                       .arg(channels.join(QStringLiteral(", ")), rules.join(QStringLiteral("; ")));
    if (!c.phone && !c.voicemail && !c.text && !c.email && !c.post) {
        html = CaseText::tr("<b>No way of contacting the client has been confirmed as safe.</b> Check with them "
                            "before any contact.")
               + QStringLiteral("<br>") + html;
    }
    return html;
}

}  // namespace claimdesk::ui
