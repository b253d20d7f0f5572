#include "ui/intake/IntakeSummary.h"

#include "ui/cases/CaseText.h"
#include "ui/intake/DateText.h"
#include "ui/intake/SafeguardingPage.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace claimdesk::ui {

namespace {

class Summary {
    Q_DECLARE_TR_FUNCTIONS(IntakeSummary)
public:
    explicit Summary(const IntakeResult& result) : m_result(result), m_case(result.newCase) {}

    QString html(const std::vector<NameCheck>& checks);

private:
    void section(const QString& title) { m_html += QStringLiteral("<h3>") + title.toHtmlEscaped() + QStringLiteral("</h3>"); }
    void beginTable() { m_html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\" width=\"100%\">"); }
    void endTable() { m_html += QStringLiteral("</table>"); }
    // A row with a plain-text value; an empty value reads "Not given".
    void row(const QString& label, const QString& value) { rowHtml(label, value.isEmpty() ? notGiven() : value.toHtmlEscaped()); }
    void rowHtml(const QString& label, const QString& valueHtml)
    {
        m_html += QStringLiteral("<tr><td width=\"30%\" valign=\"top\">")
                  + label.toHtmlEscaped() + QStringLiteral("</td><td valign=\"top\">") + valueHtml
                  + QStringLiteral("</td></tr>");
    }
    static QString notGiven() { return QStringLiteral("<span style=\"color:#6b6b6b\">") + tr("Not given").toHtmlEscaped() + QStringLiteral("</span>"); }
    static QString warning(const QString& text)
    {
        return QStringLiteral("<span style=\"color:#b3261e; font-weight:600\">") + text.toHtmlEscaped() + QStringLiteral("</span>");
    }
    static QString yesNo(bool value) { return value ? tr("Yes") : tr("No"); }
    static QString answer(const std::optional<bool>& value, bool askedLater, bool dontKnowOffered = false)
    {
        if (askedLater) {
            return tr("Ask later");
        }
        if (!value.has_value()) {
            return dontKnowOffered ? tr("Not known, or not asked") : tr("Not asked");
        }
        return *value ? tr("Yes") : tr("No");
    }
    static QString lines(const QStringList& items) { return items.join(QStringLiteral(", ")); }

    void safety();
    void client();
    void incidents();
    void claims();
    void safeguarding();
    void consent();
    void conflicts(const std::vector<NameCheck>& checks);
    void notes();

    const IntakeResult& m_result;
    const core::NewCase& m_case;
    QString m_html;
};

QString Summary::html(const std::vector<NameCheck>& checks)
{
    safety();
    client();
    incidents();
    claims();
    safeguarding();
    consent();
    conflicts(checks);
    notes();
    return m_html;
}

void Summary::safety()
{
    section(tr("Safety and contact"));
    beginTable();
    if (m_result.safeToTalk.has_value()) {
        row(tr("Safe to talk now"), yesNo(*m_result.safeToTalk));
    } else {
        row(tr("Safe to talk now"), tr("Not asked"));
    }
    const core::SafeContact& safe = m_case.client.safeContact;
    QStringList ways;
    QStringList unsafe;
    (safe.phone ? ways : unsafe) << tr("phone calls");
    (safe.voicemail ? ways : unsafe) << tr("voicemail");
    (safe.text ? ways : unsafe) << tr("text messages");
    (safe.email ? ways : unsafe) << tr("email");
    (safe.post ? ways : unsafe) << tr("letters by post");
    rowHtml(tr("Safe ways to contact"),
            ways.isEmpty() ? warning(tr("None confirmed yet: treat every way as unsafe.")) : lines(ways).toHtmlEscaped());
    if (!ways.isEmpty() && !unsafe.isEmpty()) {
        rowHtml(tr("Do not use"), warning(lines(unsafe)));
    }
    if (!safe.neverWriteTo.isEmpty()) {
        rowHtml(tr("Never write to"), warning(safe.neverWriteTo.join(QStringLiteral("; "))));
    }
    row(tr("Code word"), safe.codeWord);
    row(tr("Times to avoid"), safe.timesToAvoid);
    row(tr("Who at home knows"), safe.whoAtHomeKnows);
    endTable();
}

void Summary::client()
{
    const core::Client& c = m_case.client;
    section(tr("The client"));
    beginTable();
    row(tr("Full name"), c.fullName);
    row(tr("Preferred name"), c.preferredName);
    if (!c.formerNames.isEmpty()) {
        row(tr("Former names"), lines(c.formerNames));
    }
    if (c.dateOfBirth.isValid()) {
        row(tr("Date of birth"), c.dateOfBirthVerified ? tr("%1 (proof seen)").arg(formatUkDate(c.dateOfBirth))
                                                        : tr("%1 (not yet verified)").arg(formatUkDate(c.dateOfBirth)));
    } else {
        row(tr("Date of birth"), {});
    }
    row(tr("Pronouns"), c.pronouns);
    row(tr("Phone"), c.phone);
    row(tr("Email"), c.email);
    row(tr("Address"), QString(c.address).replace(QLatin1Char('\n'), QStringLiteral(", ")));
    if (!c.preferredCaseworkerGender.isEmpty()) {
        const QString& g = c.preferredCaseworkerGender;
        row(tr("Caseworker"), g == QStringLiteral("female")   ? tr("Prefers a woman")
                              : g == QStringLiteral("male")   ? tr("Prefers a man")
                              : g == QStringLiteral("non-binary") ? tr("Prefers a non-binary caseworker")
                                                                  : g);
    }
    if (!c.communicationNeeds.isEmpty()) {
        row(tr("Access needs"), c.communicationNeeds);
    }
    if (!c.interpreterLanguage.isEmpty()) {
        row(tr("Interpreter"), c.interpreterLanguage);
    }
    if (c.capacityConcern) {
        rowHtml(tr("Capacity"), warning(tr("Concern about capacity: the solicitor must consider it")));
    }
    if (!c.litigationFriend.isEmpty()) {
        row(tr("Litigation friend"), c.litigationFriend);
    }
    endTable();
}

void Summary::incidents()
{
    section(tr("What happened"));
    beginTable();
    if (m_case.incidents.empty()) {
        row(tr("Incidents"), tr("None entered yet"));
    }
    int n = 0;
    for (const core::Incident& i : m_case.incidents) {
        ++n;
        QString when = formatUkDate(i.start, i.startPrecision);
        if (i.end.isValid()) {
            when = tr("%1 to %2").arg(when, formatUkDate(i.end, i.endPrecision));
        }
        if (const int age = i.ageAtStart(m_case.client.dateOfBirth); age >= 0) {
            when += QStringLiteral(" ") + tr("(aged about %1 at the start)").arg(age);
        }
        QStringList where{regionText(i.region)};
        if (!i.location.isEmpty()) {
            where.prepend(i.location);
        }
        QStringList kinds;
        for (const QString& kind : i.abuseTypes) {
            kinds << abuseTypeText(kind);
        }
        QString detail = QStringLiteral("<b>") + when.toHtmlEscaped() + QStringLiteral("</b><br>")
                         + lines(where).toHtmlEscaped();
        if (!kinds.isEmpty()) {
            detail += QStringLiteral("<br>") + kinds.join(QStringLiteral(" · ")).toHtmlEscaped();
        }
        if (!i.perpetrators.isEmpty()) {
            detail += QStringLiteral("<br>") + tr("Who: %1").arg(lines(i.perpetrators)).toHtmlEscaped();
        }
        if (!i.institutions.isEmpty()) {
            detail += QStringLiteral("<br>") + tr("Institutions: %1").arg(lines(i.institutions)).toHtmlEscaped();
        }
        if (i.reportedToPolice) {
            QStringList police;
            if (i.policeReportDate.isValid()) {
                police << formatUkDate(i.policeReportDate);
            }
            if (!i.policeForce.isEmpty()) {
                police << i.policeForce;
            }
            if (!i.crimeReference.isEmpty()) {
                police << tr("ref. %1").arg(i.crimeReference);
            }
            if (!i.prosecutionStatus.isEmpty()) {
                police << QCoreApplication::translate("claimdesk::ui::PolicePage", i.prosecutionStatus.toUtf8().constData());
            }
            detail += QStringLiteral("<br>")
                      + (police.isEmpty() ? tr("Reported to the police") : tr("Reported to the police: %1").arg(lines(police)))
                            .toHtmlEscaped();
        }
        rowHtml(tr("Incident %1").arg(n), detail);
    }
    if (!m_case.account.isEmpty()) {
        const auto words = m_case.account.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts).size();
        row(tr("The client's account"), tr("Recorded (%1 words). It is kept behind a content warning.").arg(words));
    } else {
        row(tr("The client's account"), tr("Not given now"));
    }
    endTable();
}

void Summary::claims()
{
    section(tr("Claims the client may want"));
    beginTable();
    QStringList limbs;
    for (core::ClaimLimb limb : m_case.limbs) {
        limbs << limbText(limb);
    }
    row(tr("Claims"), limbs.isEmpty() ? tr("Not discussed yet") : lines(limbs));
    endTable();
}

void Summary::safeguarding()
{
    const core::SafeguardingScreen& s = m_case.safeguarding;
    const QStringList& later = m_case.askLater;
    auto deferred = [&later](const QString& needle) {
        return std::any_of(later.cbegin(), later.cend(), [&needle](const QString& q) { return q.contains(needle); });
    };
    section(tr("Safeguarding"));
    beginTable();
    const QStringList risks = SafeguardingPage::seriousRiskText(s);
    if (!risks.isEmpty()) {
        QString because = lines(risks);
        because[0] = because[0].toUpper();
        rowHtml(tr("Serious risk"),
                warning(tr("%1. An urgent task goes to the supervisor and the case shows a red safeguarding banner.")
                            .arg(because)));
    }
    const bool thoughtsLater = s.suicidalThoughts == core::SuicidalThoughts::NotAsked && deferred(tr("thoughts of ending their life"));
    row(tr("Thoughts of ending their life"), thoughtsLater ? tr("Ask later") : suicidalThoughtsText(s.suicidalThoughts));
    row(tr("A plan"), answer(s.plan, deferred(tr("a plan to end their life"))));
    row(tr("Self-harm recently"), answer(s.selfHarm, deferred(tr("recent self-harm"))));
    row(tr("Abuse happening now"), answer(s.currentAbuse, deferred(tr("abuse happening now"))));
    row(tr("Abuser has access to children"), answer(s.abuserHasAccessToChildren, deferred(tr("access to children")), true));
    row(tr("Abuser in a position of trust"), answer(s.abuserInPositionOfTrust, deferred(tr("position of trust")), true));
    // The further questions are shown once answered or left for later, so a short screen stays short.
    auto optional = [&](const QString& label, const std::optional<bool>& value, const QString& needle) {
        if (value.has_value() || deferred(needle)) {
            row(label, answer(value, deferred(needle)));
        }
    };
    optional(tr("Intends to act on the thoughts"), s.intent, tr("intend to act"));
    optional(tr("Has the means to hand"), s.accessToMeans, tr("the means to hand"));
    optional(tr("Tried to end their life before"), s.pastAttempts, tr("past attempts"));
    if (s.livesNearAbuser != core::AbuserProximity::NotAsked || deferred(tr("live with or near the abuser"))) {
        row(tr("Lives with or near the abuser"),
            s.livesNearAbuser == core::AbuserProximity::NotAsked ? tr("Ask later")
                                                                 : abuserProximityName(s.livesNearAbuser));
    }
    QStringList support;
    for (core::SupportKind kind : s.support) {
        support << supportKindName(kind);
    }
    if (!support.isEmpty() || !s.supportLastContact.isEmpty()) {
        row(tr("Support in place"),
            s.supportLastContact.isEmpty() ? lines(support)
                                           : tr("%1 (last contact: %2)").arg(lines(support), s.supportLastContact));
    }
    optional(tr("Abuser alive"), s.abuserAlive, tr("whether the abuser is alive"));
    optional(tr("Known where the abuser is"), s.abuserWhereaboutsKnown, tr("where the abuser is now"));
    optional(tr("Abuser convicted"), s.abuserConvicted, tr("was convicted"));
    optional(tr("Abuser under investigation"), s.abuserUnderInvestigation, tr("under investigation"));
    optional(tr("Abuser subject to notification requirements"), s.abuserSubjectToNotification,
             tr("notification requirements"));
    optional(tr("Named other people who may have been harmed"), s.otherVictimsNamed, tr("may have been harmed"));
    optional(tr("Client's own children at risk"), s.clientChildrenAtRisk, tr("own children"));
    optional(tr("Institution still operating"), s.institutionStillOperating, tr("institution still operates"));
    if (!s.askedBy.isEmpty() || s.askedAtUtc.isValid()) {
        row(tr("Asked"), tr("by %1, %2").arg(s.askedBy.isEmpty() ? tr("you") : s.askedBy, ukDateTime(s.askedAtUtc)));
    }
    if (!later.isEmpty()) {
        row(tr("Follow-up tasks (ask later)"), later.join(QStringLiteral("; ")));
    }
    endTable();
}

void Summary::consent()
{
    section(tr("Consent"));
    beginTable();
    const core::Consent& c = m_case.consent;
    rowHtml(tr("To use their information"), c.processingForClaim ? tr("Given").toHtmlEscaped() : warning(tr("Not yet given")));
    rowHtml(tr("To be contacted"), c.contact ? tr("Given").toHtmlEscaped() : warning(tr("Not yet given")));
    endTable();
}

void Summary::conflicts(const std::vector<NameCheck>& checks)
{
    section(tr("Conflict and duplicate check"));
    QString body;
    for (const NameCheck& check : checks) {
        if (check.matches.empty()) {
            continue;
        }
        body += QStringLiteral("<p>") + tr("For “%1”:").arg(check.name).toHtmlEscaped() + QStringLiteral("</p>")
                + ConflictHints::describeMatches(check, static_cast<int>(check.matches.size()));
    }
    if (body.isEmpty()) {
        m_html += QStringLiteral("<p>")
                  + (checks.empty() ? tr("No names to check yet.") : tr("No possible matches for the names entered.")).toHtmlEscaped()
                  + QStringLiteral("</p>");
        return;
    }
    m_html += QStringLiteral("<p>")
              + warning(tr("Possible matches to be aware of. The check and its result are recorded on the new case; a "
                           "solicitor or supervisor clears any real conflict."))
              + QStringLiteral("</p>") + body;
}

void Summary::notes()
{
    if (m_result.notes.isEmpty() && m_result.sensitiveNotes.isEmpty()) {
        return;
    }
    section(tr("Also recorded as notes on the case"));
    m_html += QStringLiteral("<ul>");
    for (const QString& note : m_result.notes) {
        m_html += QStringLiteral("<li>") + note.toHtmlEscaped() + QStringLiteral("</li>");
    }
    for (const QString& note : m_result.sensitiveNotes) {
        m_html += QStringLiteral("<li>") + tr("%1 (sensitive note)").arg(note).toHtmlEscaped() + QStringLiteral("</li>");
    }
    m_html += QStringLiteral("</ul>");
}

}  // namespace

QString abuseTypeText(const QString& id)
{
    if (id == QStringLiteral("sexual")) {
        return Summary::tr("Sexual abuse");
    }
    if (id == QStringLiteral("physical")) {
        return Summary::tr("Physical abuse");
    }
    if (id == QStringLiteral("emotional")) {
        return Summary::tr("Emotional abuse");
    }
    if (id == QStringLiteral("exploitation")) {
        return Summary::tr("Grooming or exploitation");
    }
    if (id == QStringLiteral("online")) {
        return Summary::tr("Online or image-based abuse");
    }
    if (id == QStringLiteral("neglect")) {
        return Summary::tr("Neglect");
    }
    return id;
}

QString regionText(core::Region region)
{
    switch (region) {
    case core::Region::EnglandWales: return Summary::tr("England & Wales");
    case core::Region::Scotland: return Summary::tr("Scotland");
    case core::Region::NorthernIreland: return Summary::tr("Northern Ireland");
    }
    return {};
}

QString limbText(core::ClaimLimb limb)
{
    switch (limb) {
    case core::ClaimLimb::AgainstAbuser: return Summary::tr("Against the abuser");
    case core::ClaimLimb::VicariousLiability: return Summary::tr("Institution: vicarious liability");
    case core::ClaimLimb::InstitutionalNegligence: return Summary::tr("Institution: negligence");
    case core::ClaimLimb::HumanRightsAct: return Summary::tr("Human Rights Act");
    case core::ClaimLimb::Cica: return Summary::tr("CICA");
    }
    return {};
}

QString suicidalThoughtsText(core::SuicidalThoughts value)
{
    switch (value) {
    case core::SuicidalThoughts::NotAsked: return Summary::tr("Not asked");
    case core::SuicidalThoughts::None: return Summary::tr("None");
    case core::SuicidalThoughts::Passive: return Summary::tr("Passive");
    case core::SuicidalThoughts::Active: return Summary::tr("Active");
    }
    return {};
}

QString intakeSummaryHtml(const IntakeResult& result, const std::vector<NameCheck>& checks)
{
    return Summary(result).html(checks);
}

}  // namespace claimdesk::ui
