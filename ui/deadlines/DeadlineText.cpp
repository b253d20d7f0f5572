#include "ui/deadlines/DeadlineText.h"

#include "ui/cases/CaseText.h"
#include "ui/session/VaultSession.h"

#include <QCoreApplication>

namespace claimdesk::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DeadlineText", text);
}

}  // namespace

core::deadlines::DeadlineService* availableDeadlines(const VaultSession& session)
{
    return session.isBusy() ? nullptr : session.deadlines();
}

QString regimeText(const QString& regime)
{
    return core::deadlines::regimeLabel(regime);
}

QString eventTypeName(core::deadlines::EventType type)
{
    using core::deadlines::EventType;
    switch (type) {
    case EventType::LetterOfClaimPosted: return tr("Letter of claim posted");
    case EventType::LetterOfClaimAcknowledged: return tr("Letter of claim acknowledged");
    case EventType::ClaimFormIssued: return tr("Claim form issued");
    case EventType::ClaimFormServed: return tr("Claim form served");
    case EventType::ParticularsServed: return tr("Particulars of claim served");
    case EventType::AcknowledgmentOfServiceFiled: return tr("Acknowledgment of service filed");
    case EventType::DefenceExtensionAgreed: return tr("Defence extension agreed");
    case EventType::Part36OfferSent: return tr("Part 36 offer sent");
    case EventType::SubjectAccessRequestReceived: return tr("Subject access request received");
    case EventType::RehabilitationProposalReceived: return tr("Rehabilitation proposal received");
    case EventType::StandstillAgreed: return tr("Standstill agreed");
    }
    return core::deadlines::eventTypeLabel(type);
}

QString serviceMethodName(core::deadlines::ServiceMethod method)
{
    using core::deadlines::ServiceMethod;
    switch (method) {
    case ServiceMethod::FirstClassPost: return tr("First-class post");
    case ServiceMethod::DocumentExchange: return tr("Document exchange");
    case ServiceMethod::Personal: return tr("Personal service");
    case ServiceMethod::LeaveAtAddress: return tr("Left at the address");
    case ServiceMethod::Email: return tr("Email");
    case ServiceMethod::Fax: return tr("Fax");
    }
    return core::deadlines::serviceMethodLabel(method);
}

QString partyName(core::deadlines::ActingParty party)
{
    return party == core::deadlines::ActingParty::Own ? tr("Us") : tr("Other side");
}

QString limitationStateName(core::deadlines::LimitationState state)
{
    using core::deadlines::LimitationState;
    switch (state) {
    case LimitationState::Verified: return tr("Verified");
    case LimitationState::Unverified: return tr("Unverified");
    case LimitationState::Missing: return tr("Missing");
    }
    return {};
}

QColor overdueRed()
{
    return {0xa1, 0x1d, 0x12};
}

QColor soonAmber()
{
    return {0x8a, 0x5a, 0x00};
}

QColor urgencyColour(const QDate& due, const QDate& today, int amberDays)
{
    if (!due.isValid() || !today.isValid()) {
        return {};
    }
    const qint64 days = today.daysTo(due);
    if (days < 0) {
        return overdueRed();
    }
    if (days <= amberDays) {
        return soonAmber();
    }
    return {};
}

FlagBadge flagBadge(const QString& flag)
{
    const QColor redBg(0xfd, 0xec, 0xea), redFg(0x7a, 0x12, 0x09);
    const QColor amberBg(0xfd, 0xf3, 0xdc), amberFg(0x6b, 0x45, 0x00);
    const QColor blueBg(0xe6, 0xef, 0xfa), blueFg(0x1c, 0x3d, 0x6b);
    const QColor greenBg(0xe5, 0xf4, 0xe8), greenFg(0x1e, 0x5a, 0x2c);
    struct Known {
        const char16_t* id;
        const char* label;
        const char* tooltip;
        int tone;  // 0 red, 1 amber, 2 blue, 3 green
    };
    static const Known known[] = {
        {u"S33_REQUIRED", QT_TRANSLATE_NOOP("DeadlineText", "s.33 needed"),
         QT_TRANSLATE_NOOP("DeadlineText", "The primary limitation period has passed: the claim can go on only if the "
                                           "court disapplies it under LA 1980 s.33."),
         0},
        {u"DOB_MISSING", QT_TRANSLATE_NOOP("DeadlineText", "Date of birth missing"),
         QT_TRANSLATE_NOOP("DeadlineText", "Without the client's date of birth the engine cannot tell whether they were "
                                           "a child: it assumed the earliest date. Record the date of birth."),
         0},
        {u"DATE_MISSING", QT_TRANSLATE_NOOP("DeadlineText", "Incident date missing"),
         QT_TRANSLATE_NOOP("DeadlineText", "This incident has no date, so no limitation date can be worked out. "
                                           "Record at least the year."),
         0},
        {u"SCOT_PRESCRIBED", QT_TRANSLATE_NOOP("DeadlineText", "Prescription"),
         QT_TRANSLATE_NOOP("DeadlineText", "Under Scots law the right may be extinguished after 20 years (s.7): take "
                                           "advice from Scottish counsel."),
         0},
        {u"HRA_SHORT_LIMIT", QT_TRANSLATE_NOOP("DeadlineText", "HRA: 1 year"),
         QT_TRANSLATE_NOOP("DeadlineText", "A Human Rights Act claim against a public authority must be brought within "
                                           "one year (HRA 1998 s.7(5)), far sooner than the abuse claim."),
         0},
        {u"FAIR_HEARING_RISK", QT_TRANSLATE_NOOP("DeadlineText", "Fair hearing risk"),
         QT_TRANSLATE_NOOP("DeadlineText", "The defendant may apply to dismiss the claim if a fair hearing is no longer "
                                           "possible (s.11ZB): preserve evidence and act promptly."),
         1},
        {u"DOK_ARGUED", QT_TRANSLATE_NOOP("DeadlineText", "Knowledge argued"),
         QT_TRANSLATE_NOOP("DeadlineText", "The date of knowledge (s.14) is only argued, not agreed or determined: the "
                                           "earlier date is the one to diarise."),
         1},
        {u"DISABILITY_CAPACITY", QT_TRANSLATE_NOOP("DeadlineText", "Capacity"),
         QT_TRANSLATE_NOOP("DeadlineText", "A lack of capacity may stop time running (s.28). Get evidence of capacity "
                                           "before relying on a later date."),
         1},
        {u"PRIOR_CLAIM_DISPOSED", QT_TRANSLATE_NOOP("DeadlineText", "Earlier claim"),
         QT_TRANSLATE_NOOP("DeadlineText", "An earlier claim on these facts was settled or dismissed: check whether a "
                                           "new claim may be brought at all."),
         1},
        {u"DATE_IMPRECISE", QT_TRANSLATE_NOOP("DeadlineText", "Date imprecise"),
         QT_TRANSLATE_NOOP("DeadlineText", "Only the month or year of the incident is known: the engine used the "
                                           "earliest day it could mean, which gives the earliest date."),
         1},
        {u"CICA_OUT_OF_TIME", QT_TRANSLATE_NOOP("DeadlineText", "CICA out of time"),
         QT_TRANSLATE_NOOP("DeadlineText", "The usual time for a CICA application has passed: an application needs "
                                           "exceptional circumstances."),
         1},
        {u"CLIENT_DECEASED", QT_TRANSLATE_NOOP("DeadlineText", "Client deceased"),
         QT_TRANSLATE_NOOP("DeadlineText", "The client has died: different periods apply to the estate's claim "
                                           "(LA 1980 s.11(5))."),
         1},
        {u"MIXED_REGIME", QT_TRANSLATE_NOOP("DeadlineText", "Mixed regimes"),
         QT_TRANSLATE_NOOP("DeadlineText", "The incidents fall under different regimes: the case-level date is the "
                                           "earliest of them."),
         2},
        {u"LEAPDAY_BIRTHDAY", QT_TRANSLATE_NOOP("DeadlineText", "29 Feb birthday"),
         QT_TRANSLATE_NOOP("DeadlineText", "The client was born on 29 February: in other years the earlier reading "
                                           "(28 February) was used."),
         2},
        {u"FORUM_CHECK", QT_TRANSLATE_NOOP("DeadlineText", "Forum check"),
         QT_TRANSLATE_NOOP("DeadlineText", "Part of the abuse happened in another UK jurisdiction: check which law "
                                           "and which court apply."),
         2},
        {u"STANDSTILL_ACTIVE", QT_TRANSLATE_NOOP("DeadlineText", "Standstill"),
         QT_TRANSLATE_NOOP("DeadlineText", "A standstill agreement is in force: time is suspended only against those "
                                           "who signed it, and only until it ends."),
         2},
        {u"CONSERVATIVE_ASSUMPTION", QT_TRANSLATE_NOOP("DeadlineText", "Cautious reading"),
         QT_TRANSLATE_NOOP("DeadlineText", "The law is unsettled on a point here: the engine took the reading that "
                                           "gives the earlier date. The explanation says which."),
         2},
        {u"CSA_NO_LIMIT", QT_TRANSLATE_NOOP("DeadlineText", "No limitation period"),
         QT_TRANSLATE_NOOP("DeadlineText", "Child sexual abuse: since 29 June 2026 there is no limitation period "
                                           "(LA 1980 s.11ZA), but delay can still harm the claim (s.11ZB)."),
         3},
    };
    for (const Known& k : known) {
        if (flag == QStringView(k.id)) {
            const QColor bg = k.tone == 0 ? redBg : k.tone == 1 ? amberBg : k.tone == 2 ? blueBg : greenBg;
            const QColor fg = k.tone == 0 ? redFg : k.tone == 1 ? amberFg : k.tone == 2 ? blueFg : greenFg;
            return {tr(k.label), tr(k.tooltip), bg, fg};
        }
    }
    return {flag, tr("Flag %1: see the explanation.").arg(flag), blueBg, blueFg};
}

}  // namespace claimdesk::ui
