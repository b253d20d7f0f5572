#include "ui/cases/CaseDiff.h"

#include "ui/cases/CaseText.h"

#include <QCoreApplication>

namespace claimdesk::ui {

namespace {

class CaseDiffText {
    Q_DECLARE_TR_FUNCTIONS(CaseDiff)
};

QString yesNo(bool v)
{
    return v ? CaseDiffText::tr("yes") : CaseDiffText::tr("no");
}

QString lines(const QStringList& items)
{
    return items.join(QStringLiteral("; "));
}

QString incidentText(const core::Incident& i)
{
    QString when = ukDate(i.start, i.startPrecision);
    if (i.end.isValid()) {
        when = CaseDiffText::tr("%1 to %2").arg(when, ukDate(i.end, i.endPrecision));
    }
    QStringList parts {when, regionName(i.region)};
    if (!i.abuseTypes.isEmpty()) {
        parts << i.abuseTypes.join(QStringLiteral(", "));
    }
    if (!i.location.isEmpty()) {
        parts << i.location;
    }
    QStringList who = i.perpetrators;
    who << i.institutions;
    if (!who.isEmpty()) {
        parts << who.join(QStringLiteral(", "));
    }
    if (i.reportedToPolice) {
        parts << CaseDiffText::tr("reported to police %1 %2 %3")
                     .arg(ukDate(i.policeReportDate), i.policeForce, i.crimeReference)
                     .simplified();
    }
    if (!i.prosecutionStatus.isEmpty()) {
        parts << i.prosecutionStatus;
    }
    return parts.join(QStringLiteral(" · "));
}

QString incidentsText(const core::CaseRecord& r)
{
    QStringList out;
    for (const core::Incident& i : r.incidents) {
        out << incidentText(i);
    }
    return out.join(QLatin1Char('\n'));
}

QString partiesText(const core::CaseRecord& r)
{
    QStringList out;
    for (const core::CaseParty& p : r.parties) {
        QString text = QStringLiteral("%1 (%2, %3)").arg(p.party.name.trimmed(), partyKindName(p.party.kind).toLower(),
                                                         partyRoleName(p.role));
        if (!p.party.aliases.isEmpty()) {
            text += CaseDiffText::tr(", also known as %1").arg(p.party.aliases.join(QStringLiteral(", ")));
        }
        out << text;
    }
    return out.join(QLatin1Char('\n'));
}

QString limbsText(const core::CaseRecord& r)
{
    QStringList out;
    for (core::ClaimLimb l : r.limbs) {
        out << limbName(l);
    }
    return out.join(QStringLiteral(", "));
}

// Every field the case file edits: how it reads, and how to take it from another version.
struct FieldSpec {
    const char* label;
    bool personal;  // masked in privacy mode
    QString (*text)(const core::CaseRecord&);
    void (*take)(core::CaseRecord& into, const core::CaseRecord& from);
};

using R = core::CaseRecord;
const FieldSpec kFields[] = {
    {QT_TRANSLATE_NOOP("CaseDiff", "Stage"), false, [](const R& r) { return stageName(r.stage); },
     [](R& to, const R& from) { to.stage = from.stage; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Fee earner"), false, [](const R& r) { return r.feeEarner; },
     [](R& to, const R& from) { to.feeEarner = from.feeEarner; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Supervisor"), false, [](const R& r) { return r.supervisor; },
     [](R& to, const R& from) { to.supervisor = from.supervisor; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Funding"), false, [](const R& r) { return fundingName(r.funding); },
     [](R& to, const R& from) { to.funding = from.funding; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "ATE insurer"), false, [](const R& r) { return r.ateInsurer; },
     [](R& to, const R& from) { to.ateInsurer = from.ateInsurer; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Claim limbs"), false, limbsText, [](R& to, const R& from) { to.limbs = from.limbs; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Opened on"), false, [](const R& r) { return ukDate(r.openedOn); },
     [](R& to, const R& from) { to.openedOn = from.openedOn; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Closed on"), false, [](const R& r) { return ukDate(r.closedOn); },
     [](R& to, const R& from) { to.closedOn = from.closedOn; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Outcome"), false, [](const R& r) { return r.outcome; },
     [](R& to, const R& from) { to.outcome = from.outcome; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Damages estimate"), false, [](const R& r) { return money(r.damagesEstimatePence); },
     [](R& to, const R& from) { to.damagesEstimatePence = from.damagesEstimatePence; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Settlement"), false, [](const R& r) { return money(r.settlementPence); },
     [](R& to, const R& from) { to.settlementPence = from.settlementPence; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Restricted"), false, [](const R& r) { return yesNo(r.restricted); },
     [](R& to, const R& from) { to.restricted = from.restricted; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Client: full name"), true, [](const R& r) { return r.client.fullName; },
     [](R& to, const R& from) { to.client.fullName = from.client.fullName; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Client: preferred name"), true, [](const R& r) { return r.client.preferredName; },
     [](R& to, const R& from) { to.client.preferredName = from.client.preferredName; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Client: former names"), true, [](const R& r) { return lines(r.client.formerNames); },
     [](R& to, const R& from) { to.client.formerNames = from.client.formerNames; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Client: pronouns"), false, [](const R& r) { return r.client.pronouns; },
     [](R& to, const R& from) { to.client.pronouns = from.client.pronouns; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Client: date of birth"), false, [](const R& r) { return ukDate(r.client.dateOfBirth); },
     [](R& to, const R& from) { to.client.dateOfBirth = from.client.dateOfBirth; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Client: date of birth verified"), false,
     [](const R& r) { return yesNo(r.client.dateOfBirthVerified); },
     [](R& to, const R& from) { to.client.dateOfBirthVerified = from.client.dateOfBirthVerified; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Client: phone"), true, [](const R& r) { return r.client.phone; },
     [](R& to, const R& from) { to.client.phone = from.client.phone; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Client: email"), true, [](const R& r) { return r.client.email; },
     [](R& to, const R& from) { to.client.email = from.client.email; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Client: address"), true, [](const R& r) { return r.client.address; },
     [](R& to, const R& from) { to.client.address = from.client.address; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Safe to phone"), false, [](const R& r) { return yesNo(r.client.safeContact.phone); },
     [](R& to, const R& from) { to.client.safeContact.phone = from.client.safeContact.phone; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Safe to leave voicemail"), false,
     [](const R& r) { return yesNo(r.client.safeContact.voicemail); },
     [](R& to, const R& from) { to.client.safeContact.voicemail = from.client.safeContact.voicemail; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Safe to text"), false, [](const R& r) { return yesNo(r.client.safeContact.text); },
     [](R& to, const R& from) { to.client.safeContact.text = from.client.safeContact.text; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Safe to email"), false, [](const R& r) { return yesNo(r.client.safeContact.email); },
     [](R& to, const R& from) { to.client.safeContact.email = from.client.safeContact.email; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Safe to post"), false, [](const R& r) { return yesNo(r.client.safeContact.post); },
     [](R& to, const R& from) { to.client.safeContact.post = from.client.safeContact.post; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Never write to"), true,
     [](const R& r) { return lines(r.client.safeContact.neverWriteTo); },
     [](R& to, const R& from) { to.client.safeContact.neverWriteTo = from.client.safeContact.neverWriteTo; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Code word"), true, [](const R& r) { return r.client.safeContact.codeWord; },
     [](R& to, const R& from) { to.client.safeContact.codeWord = from.client.safeContact.codeWord; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Times to avoid"), false, [](const R& r) { return r.client.safeContact.timesToAvoid; },
     [](R& to, const R& from) { to.client.safeContact.timesToAvoid = from.client.safeContact.timesToAvoid; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Who at home knows"), false,
     [](const R& r) { return r.client.safeContact.whoAtHomeKnows; },
     [](R& to, const R& from) { to.client.safeContact.whoAtHomeKnows = from.client.safeContact.whoAtHomeKnows; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Preferred caseworker"), false,
     [](const R& r) { return r.client.preferredCaseworkerGender; },
     [](R& to, const R& from) { to.client.preferredCaseworkerGender = from.client.preferredCaseworkerGender; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Communication needs"), false, [](const R& r) { return r.client.communicationNeeds; },
     [](R& to, const R& from) { to.client.communicationNeeds = from.client.communicationNeeds; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Interpreter"), false, [](const R& r) { return r.client.interpreterLanguage; },
     [](R& to, const R& from) { to.client.interpreterLanguage = from.client.interpreterLanguage; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Capacity concern"), false, [](const R& r) { return yesNo(r.client.capacityConcern); },
     [](R& to, const R& from) { to.client.capacityConcern = from.client.capacityConcern; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Litigation friend"), true, [](const R& r) { return r.client.litigationFriend; },
     [](R& to, const R& from) { to.client.litigationFriend = from.client.litigationFriend; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Incidents"), false, incidentsText,
     [](R& to, const R& from) { to.incidents = from.incidents; }},
    {QT_TRANSLATE_NOOP("CaseDiff", "Parties"), false, partiesText, [](R& to, const R& from) { to.parties = from.parties; }},
};

}  // namespace

std::vector<FieldDifference> caseDifferences(const core::CaseRecord& base, const core::CaseRecord& mine,
                                             const core::CaseRecord& theirs, bool privacyMode)
{
    const QString hidden = CaseDiffText::tr("(hidden in privacy mode)");
    const QString none = CaseDiffText::tr("(empty)");
    std::vector<FieldDifference> out;
    for (const FieldSpec& f : kFields) {
        const QString a = f.text(mine);
        const QString b = f.text(theirs);
        if (a == b) {
            continue;
        }
        const QString original = f.text(base);
        const bool iChanged = a != original;
        const bool theyChanged = b != original;
        const bool mask = privacyMode && f.personal;
        out.push_back({CaseDiffText::tr(f.label), mask ? hidden : (a.isEmpty() ? none : a),
                       mask ? hidden : (b.isEmpty() ? none : b),
                       iChanged && theyChanged ? FieldDifference::ChangedBy::Both
                                               : (iChanged ? FieldDifference::ChangedBy::You
                                                           : FieldDifference::ChangedBy::Them)});
    }
    return out;
}

core::CaseRecord keepMine(const core::CaseRecord& base, const core::CaseRecord& mine, const core::CaseRecord& theirs)
{
    core::CaseRecord merged = mine;
    for (const FieldSpec& f : kFields) {
        if (f.text(mine) == f.text(base) && f.text(theirs) != f.text(base)) {
            f.take(merged, theirs);  // I left it alone and they changed it: their change stays
        }
    }
    return merged;
}

}  // namespace claimdesk::ui
