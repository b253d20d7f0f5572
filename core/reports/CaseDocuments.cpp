#include "reports/CaseDocuments.h"

#include "cases/CaseService.h"
#include "deadlines/DateRules.h"
#include "deadlines/DeadlineService.h"
#include "store/SqlText.h"
#include "store/Sqlite.h"
#include "store/AuditLog.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"
#include "users/User.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <map>

namespace claimdesk::core::reports {

using deadlines::ukMonthYear;
using deadlines::ukShortDate;
using Fields = std::vector<std::pair<QString, QString>>;

namespace {

QString yesNo(bool value)
{
    return value ? QStringLiteral("Yes") : QStringLiteral("No");
}

QString orDash(const QString& text)
{
    return text.trimmed().isEmpty() ? QStringLiteral("—") : text;
}

QString dateOrDash(const QDate& date)
{
    return date.isValid() ? ukShortDate(date) : QStringLiteral("—");
}

QJsonValue isoValue(const QDate& date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}


// "12 Mar 1998", "Mar 1998", "1998", "about 1998".
QString datePhrase(const QDate& date, DatePrecision precision)
{
    if (!date.isValid()) {
        return QStringLiteral("date not known");
    }
    switch (precision) {
    case DatePrecision::Day: return ukShortDate(date);
    case DatePrecision::Month: return ukMonthYear(date);
    case DatePrecision::Year: return QString::number(date.year());
    case DatePrecision::Approximate: return QStringLiteral("about %1").arg(date.year());
    }
    return ukShortDate(date);
}

QString incidentWhen(const Incident& i)
{
    const QString start = datePhrase(i.start, i.startPrecision);
    if (!i.end.isValid()) {
        return start;
    }
    return QStringLiteral("%1 – %2").arg(start, datePhrase(i.end, i.endPrecision));
}

QString daysLeftText(const QDate& due, const QDate& today)
{
    if (!due.isValid() || !today.isValid()) {
        return QStringLiteral("—");
    }
    const qint64 days = today.daysTo(due);
    if (days == 0) {
        return QStringLiteral("today");
    }
    if (days == 1) {
        return QStringLiteral("tomorrow");
    }
    if (days == -1) {
        return QStringLiteral("1 day overdue");
    }
    if (days < 0) {
        return QStringLiteral("%1 days overdue").arg(-days);
    }
    return QStringLiteral("%1 days").arg(days);
}

QString displayNameOf(Vault& vault, const QString& username)
{
    if (username.isEmpty()) {
        return {};
    }
    auto stmt = vault.connection().prepare("SELECT display_name FROM users WHERE username = ?1");
    if (!stmt) {
        return username;
    }
    stmt->bind(1, username);
    auto row = stmt->step();
    if (row && *row) {
        return stmt->text(0);
    }
    return username;
}

QString limbsText(const std::vector<ClaimLimb>& limbs)
{
    QStringList names;
    for (ClaimLimb l : limbs) {
        names << limbLabel(l);
    }
    return names.isEmpty() ? QStringLiteral("Not yet decided") : names.join(QStringLiteral("; "));
}

QString safeChannels(const SafeContact& sc, bool safe)
{
    QStringList out;
    const std::pair<bool, const char*> channels[] {{sc.phone, "telephone"}, {sc.voicemail, "voicemail"},
                                                   {sc.text, "text message"}, {sc.email, "e-mail"},
                                                   {sc.post, "post"}};
    for (const auto& [ok, name] : channels) {
        if (ok == safe) {
            out << QString::fromLatin1(name);
        }
    }
    return out.isEmpty() ? QStringLiteral("none") : out.join(QStringLiteral(", "));
}

QString supportText(SupportKind k)
{
    switch (k) {
    case SupportKind::Gp: return QStringLiteral("GP");
    case SupportKind::Therapist: return QStringLiteral("therapist");
    case SupportKind::Isva: return QStringLiteral("ISVA");
    case SupportKind::CrisisTeam: return QStringLiteral("crisis team");
    case SupportKind::Family: return QStringLiteral("family");
    }
    return {};
}

QString referralText(Referral r)
{
    switch (r) {
    case Referral::Police: return QStringLiteral("police");
    case Referral::ChildrensSocialCare: return QStringLiteral("children's social care");
    case Referral::AdultSafeguarding: return QStringLiteral("adult safeguarding");
    case Referral::Lado: return QStringLiteral("LADO");
    }
    return {};
}

QString statusSentence(const deadlines::LimitationStatus& s, Vault& vault)
{
    using deadlines::LimitationState;
    switch (s.state) {
    case LimitationState::Verified:
        return QStringLiteral("Verified by %1 on %2").arg(displayNameOf(vault, s.verifiedBy),
                                                           ukShortDate(s.verifiedAtUtc.toLocalTime().date()));
    case LimitationState::Unverified:
        return QStringLiteral("UNVERIFIED — %1").arg(s.why.isEmpty() ? QStringLiteral("a supervisor must check it")
                                                                      : s.why);
    case LimitationState::Missing:
        return QStringLiteral("MISSING — %1").arg(s.why.isEmpty() ? QStringLiteral("no limitation date yet") : s.why);
    }
    return {};
}

Document baseDocument(Vault& vault)
{
    Document d;
    d.firmName = firmName(vault);
    d.marking = privilegeMarking();
    d.printedBy = vault.currentUser().displayName;
    d.printedAtUtc = vault.now().toUTC();
    return d;
}

}  // namespace

QString privilegeMarking()
{
    return QStringLiteral("PRIVATE & CONFIDENTIAL — LEGALLY PRIVILEGED");
}

QString firmName(Vault& vault)
{
    auto name = vault.setting(QStringLiteral("firm.name"));
    return name ? name->trimmed() : QString();
}

Result<void> setFirmName(Vault& vault, const QString& name)
{
    if (auto admin = vault.requireAdmin(QStringLiteral("set the firm's name")); !admin) {
        return admin;
    }
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty() || trimmed.size() > 120) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The firm's name is 1 to 120 characters, as it should appear at the top of "
                                        "every printed page."));
    }
    return vault.setSetting(QStringLiteral("firm.name"), trimmed);  // audited with the old and new value
}

CaseDocuments::CaseDocuments(Vault& vault, CaseService& cases, deadlines::DeadlineService& deadlines,
                             therapy::TherapyService& therapy)
    : m_vault(vault), m_cases(cases), m_deadlines(deadlines), m_therapy(therapy)
{
}

Result<void> CaseDocuments::checkSummary(const SummaryRequest& request)
{
    auto record = m_cases.load(request.caseId);  // role, restriction (refusals audited) and existence
    if (!record) {
        return record.error();
    }
    if (request.profile == Profile::Client && !record->client.safeContact.post) {
        const QString attempted = QStringLiteral("print a client copy of the case summary");
        if (request.overrideReason.trimmed().isEmpty()) {
            return refuseOutput(m_vault, attempted, QStringLiteral("case"), record->reference,
                                QStringLiteral("A client copy of %1 cannot be printed: the client's safe-contact rules "
                                               "say nothing may be posted to them. Give the summary to the client "
                                               "another safe way, or ask a supervisor to override with a reason.")
                                    .arg(record->reference));
        }
        if (!m_cases.isSupervisor()) {
            return refuseOutput(m_vault, attempted, QStringLiteral("case"), record->reference,
                                QStringLiteral("Only a supervisor may override the safe-contact rules to print a client "
                                               "copy of %1.")
                                    .arg(record->reference));
        }
    }
    return {};
}

Result<Document> CaseDocuments::summary(const SummaryRequest& request)
{
    if (auto allowed = checkSummary(request); !allowed) {
        return allowed.error();
    }
    auto loaded = m_cases.load(request.caseId);
    if (!loaded) {
        return loaded.error();
    }
    const CaseRecord& c = *loaded;
    const Profile p = request.profile;
    const ProfileSpec& spec = profileSpec(p);
    const QDate today = request.asOf.isValid() ? request.asOf : m_vault.now().toLocalTime().date();

    Document d = baseDocument(m_vault);
    d.title = QStringLiteral("Case summary");
    d.reference = c.reference;
    d.watermark = spec.watermark;
    d.profileName = spec.name;
    d.subtitle = QStringLiteral("%1 · %2 · as at %3").arg(c.reference, spec.name, ukShortDate(today));
    auto& b = d.blocks;

    // The case.
    b.push_back(Block::heading(QStringLiteral("The case")));
    Fields caseFields {{QStringLiteral("Reference"), c.reference},
                       {QStringLiteral("Stage"), stageLabel(c.stage)},
                       {QStringLiteral("Fee earner"), orDash(displayNameOf(m_vault, c.feeEarner))},
                       {QStringLiteral("Supervisor"), orDash(displayNameOf(m_vault, c.supervisor))},
                       {QStringLiteral("Opened"), dateOrDash(c.openedOn)},
                       {QStringLiteral("Claim"), limbsText(c.limbs)}};
    if (c.closedOn.isValid()) {
        caseFields.emplace_back(QStringLiteral("Closed"), ukShortDate(c.closedOn));
    }
    if (includes(p, Part::Funding)) {
        caseFields.emplace_back(QStringLiteral("Funding"), fundingLabel(c.funding));
        if (!c.ateInsurer.isEmpty()) {
            caseFields.emplace_back(QStringLiteral("ATE insurer"), c.ateInsurer);
        }
    }
    if (includes(p, Part::Valuation)) {
        caseFields.emplace_back(QStringLiteral("Damages estimate"),
                                c.damagesEstimatePence > 0 ? therapy::gbp(c.damagesEstimatePence) : QStringLiteral("—"));
        if (c.settlementPence > 0) {
            caseFields.emplace_back(QStringLiteral("Settlement"), therapy::gbp(c.settlementPence));
        }
        if (!c.outcome.isEmpty()) {
            caseFields.emplace_back(QStringLiteral("Outcome"), c.outcome);
        }
    }
    if (c.restricted && p == Profile::Internal) {
        caseFields.emplace_back(QStringLiteral("Access"), QStringLiteral("Restricted to named people"));
    }
    b.push_back(Block::fieldList(std::move(caseFields)));

    // The client.
    b.push_back(Block::heading(QStringLiteral("The client")));
    const Client& cl = c.client;
    Fields clientFields;
    if (includes(p, Part::ClientName)) {
        clientFields.emplace_back(QStringLiteral("Name"), cl.fullName);
        if (!cl.formerNames.isEmpty() && p == Profile::Internal) {
            clientFields.emplace_back(QStringLiteral("Former names"), cl.formerNames.join(QStringLiteral(", ")));
        }
        QString dob = dateOrDash(cl.dateOfBirth);
        if (cl.dateOfBirth.isValid()) {
            dob += cl.dateOfBirthVerified ? QStringLiteral(" (verified)") : QStringLiteral(" (not yet verified)");
        }
        clientFields.emplace_back(QStringLiteral("Date of birth"), dob);
    } else {
        clientFields.emplace_back(QStringLiteral("Client"), QStringLiteral("%1 (anonymised)").arg(cl.initials()));
    }
    if (includes(p, Part::ClientPreferences)) {
        if (!cl.preferredName.isEmpty()) {
            clientFields.emplace_back(QStringLiteral("Preferred name"), cl.preferredName);
        }
        if (!cl.pronouns.isEmpty()) {
            clientFields.emplace_back(QStringLiteral("Pronouns"), cl.pronouns);
        }
        if (!cl.communicationNeeds.isEmpty()) {
            clientFields.emplace_back(QStringLiteral("Communication needs"), cl.communicationNeeds);
        }
        if (!cl.interpreterLanguage.isEmpty()) {
            clientFields.emplace_back(QStringLiteral("Interpreter"), cl.interpreterLanguage);
        }
        if (!cl.preferredCaseworkerGender.isEmpty()) {
            clientFields.emplace_back(QStringLiteral("Caseworker preference"), cl.preferredCaseworkerGender);
        }
    }
    if (includes(p, Part::ClientContact)) {
        clientFields.emplace_back(QStringLiteral("Address"), orDash(cl.address));
        clientFields.emplace_back(QStringLiteral("Telephone"), orDash(cl.phone));
        clientFields.emplace_back(QStringLiteral("E-mail"), orDash(cl.email));
    }
    if (includes(p, Part::Capacity)) {
        clientFields.emplace_back(QStringLiteral("Capacity concern"), yesNo(cl.capacityConcern));
        if (!cl.litigationFriend.isEmpty()) {
            clientFields.emplace_back(QStringLiteral("Litigation friend"), cl.litigationFriend);
        }
    }
    b.push_back(Block::fieldList(std::move(clientFields)));
    if (includes(p, Part::SafeContactDetail)) {
        const SafeContact& sc = cl.safeContact;
        b.push_back(Block::heading(QStringLiteral("Safe contact"), 2));
        Fields safe {{QStringLiteral("Safe to use"), safeChannels(sc, true)},
                     {QStringLiteral("Never use"), safeChannels(sc, false)}};
        if (!sc.neverWriteTo.isEmpty()) {
            safe.emplace_back(QStringLiteral("Never write to"), sc.neverWriteTo.join(QStringLiteral("; ")));
        }
        if (!sc.codeWord.isEmpty()) {
            safe.emplace_back(QStringLiteral("Code word"), sc.codeWord);
        }
        if (!sc.timesToAvoid.isEmpty()) {
            safe.emplace_back(QStringLiteral("Times to avoid"), sc.timesToAvoid);
        }
        if (!sc.whoAtHomeKnows.isEmpty()) {
            safe.emplace_back(QStringLiteral("Who at home knows"), sc.whoAtHomeKnows);
        }
        b.push_back(Block::fieldList(std::move(safe)));
    }
    if (includes(p, Part::ContactThroughFirm)) {
        b.push_back(Block::notice(QStringLiteral("Do not contact the client directly. Every contact goes through the "
                                                 "fee earner at the firm, who knows how the client may safely be "
                                                 "reached.")));
    }

    // Safeguarding status (detail for Internal only).
    if (includes(p, Part::SafeguardingStatus)) {
        b.push_back(Block::heading(QStringLiteral("Safeguarding")));
        if (c.safeguardingAlert) {
            b.push_back(Block::notice(QStringLiteral("A safeguarding concern is open on this case and no action has "
                                                     "been recorded yet. Speak to the fee earner before any contact."),
                                      Tone::Danger));
        } else if (!c.safeguardingActionRecord.isEmpty()) {
            b.push_back(Block::paragraph(QStringLiteral("A safeguarding concern was raised; a supervisor recorded the "
                                                        "action taken on %1.")
                                             .arg(ukShortDate(c.safeguardingActionRecord.recordedAtUtc.toLocalTime().date()))));
        } else {
            b.push_back(Block::paragraph(QStringLiteral("No safeguarding concern is recorded.")));
        }
        if (includes(p, Part::SafeguardingDetail)) {
            const SafeguardingScreen& s = c.safeguarding;
            Fields detail;
            const QStringList risks = s.seriousRiskReasons();
            detail.emplace_back(QStringLiteral("Serious risks"), risks.isEmpty() ? QStringLiteral("none recorded")
                                                                                 : risks.join(QStringLiteral("; ")));
            if (s.askedAtUtc.isValid()) {
                detail.emplace_back(QStringLiteral("Screened"),
                                    QStringLiteral("%1 by %2").arg(ukShortDate(s.askedAtUtc.toLocalTime().date()),
                                                                   displayNameOf(m_vault, s.askedBy)));
            }
            QStringList support;
            for (SupportKind k : s.support) {
                support << supportText(k);
            }
            if (!support.isEmpty()) {
                detail.emplace_back(QStringLiteral("Support in place"), support.join(QStringLiteral(", ")));
            }
            if (!s.skipped.isEmpty()) {
                detail.emplace_back(QStringLiteral("Questions deferred"), s.skipped.join(QStringLiteral("; ")));
            }
            const SafeguardingAction& a = c.safeguardingActionRecord;
            if (!a.isEmpty()) {
                detail.emplace_back(QStringLiteral("Action taken"), a.actionTaken);
                QStringList referrals;
                for (Referral r : a.referrals) {
                    referrals << referralText(r);
                }
                if (!referrals.isEmpty()) {
                    detail.emplace_back(QStringLiteral("Referred to"), referrals.join(QStringLiteral(", ")));
                }
                if (!a.outcome.isEmpty()) {
                    detail.emplace_back(QStringLiteral("Outcome"), a.outcome);
                }
                if (a.reviewOn.isValid()) {
                    detail.emplace_back(QStringLiteral("Review on"), ukShortDate(a.reviewOn));
                }
            }
            b.push_back(Block::fieldList(std::move(detail)));
        }
    }

    // Limitation.
    if (includes(p, Part::Limitation)) {
        b.push_back(Block::heading(QStringLiteral("Limitation")));
        auto status = m_deadlines.limitationStatus(c.id);
        if (!status) {
            return status.error();
        }
        Fields lim;
        if (status->noLimitationPeriod) {
            lim.emplace_back(QStringLiteral("Limitation date"), QStringLiteral("No limitation period applies"));
        } else {
            lim.emplace_back(QStringLiteral("Limitation date"), dateOrDash(status->primarySafeDate));
            if (status->primarySafeDate.isValid()) {
                const qint64 left = today.daysTo(status->primarySafeDate);
                lim.emplace_back(QStringLiteral("Time left"),
                                 left >= 0 ? daysLeftText(status->primarySafeDate, today)
                                 : -left >= 730 ? QStringLiteral("PASSED over %1 years ago").arg(-left / 365)
                                                : QStringLiteral("PASSED %1 days ago").arg(-left));
            }
        }
        lim.emplace_back(QStringLiteral("Status"), statusSentence(*status, m_vault));
        if (status->overridden) {
            lim.emplace_back(QStringLiteral("Overridden"), status->overrideReason);
        }
        b.push_back(Block::fieldList(std::move(lim)));
        if (status->state != deadlines::LimitationState::Verified) {
            b.push_back(Block::notice(status->noLimitationPeriod
                                          ? QStringLiteral("This limitation position has not been verified by a "
                                                           "supervisor. Do not rely on it until it is.")
                                          : QStringLiteral("This limitation date has not been verified by a supervisor. "
                                                           "Do not rely on it until it is."),
                                      Tone::Danger));
        }
        if (status->primarySafeDate.isValid() && !status->noLimitationPeriod) {
            const qint64 left = today.daysTo(status->primarySafeDate);
            if (left < 0) {
                b.push_back(Block::notice(QStringLiteral("The limitation date has passed. Proceedings now depend on the "
                                                         "court's discretion (LA 1980 s.33) or another route: the "
                                                         "supervising solicitor decides what to do."),
                                          Tone::Danger));
            } else if (left < 183) {
                b.push_back(Block::notice(QStringLiteral("Less than six months to the limitation date."), Tone::Warning));
            }
        }
        if (includes(p, Part::LimitationExplanation)) {
            auto result = m_deadlines.evaluate(c.id, today);
            if (!result) {
                return result.error();
            }
            int n = 0;
            for (const deadlines::LimitationEntry& e : result->limitation) {
                ++n;
                b.push_back(Block::heading(QStringLiteral("Incident %1 — %2")
                                               .arg(e.incident.isEmpty() ? QString::number(n) : e.incident,
                                                    deadlines::regimeLabel(e.regime)),
                                           2));
                Fields f;
                if (e.strictDate) {
                    f.emplace_back(QStringLiteral("Strict date"), ukShortDate(*e.strictDate));
                }
                if (e.safeDate) {
                    f.emplace_back(QStringLiteral("Safe date (act by)"), ukShortDate(*e.safeDate));
                }
                if (e.rollForwardDate) {
                    f.emplace_back(QStringLiteral("Roll-forward date"), ukShortDate(*e.rollForwardDate));
                }
                f.emplace_back(QStringLiteral("Confidence"), e.confidence == QLatin1String("VERIFIED")
                                                                 ? QStringLiteral("Settled law")
                                                                 : QStringLiteral("Conservative assumption (law unsettled)"));
                if (!e.flags.isEmpty()) {
                    f.emplace_back(QStringLiteral("Flags"), e.flags.join(QStringLiteral(", ")));
                }
                b.push_back(Block::fieldList(std::move(f)));
                QStringList steps;
                for (int i = 0; i < e.explanation.size(); ++i) {
                    steps << QStringLiteral("%1. %2").arg(i + 1).arg(e.explanation.at(i));
                }
                if (!steps.isEmpty()) {
                    b.push_back(Block::paragraph(steps.join(QLatin1Char('\n'))));
                }
            }
        }
    }

    // Open deadlines.
    if (includes(p, Part::Deadlines)) {
        b.push_back(Block::heading(QStringLiteral("Open deadlines")));
        auto list = m_deadlines.deadlines(c.id);
        if (!list) {
            return list.error();
        }
        std::vector<deadlines::StoredDeadline> open;
        for (const auto& dl : *list) {
            if (!dl.done() && dl.dueOn.isValid() && dl.kind != deadlines::DeadlineKind::Limitation) {
                open.push_back(dl);
            }
        }
        std::sort(open.begin(), open.end(), [](const auto& x, const auto& y) { return x.dueOn < y.dueOn; });
        std::vector<QStringList> rows;
        for (const auto& dl : open) {
            rows.push_back({ukShortDate(dl.dueOn), daysLeftText(dl.dueOn, today), dl.title,
                            dl.party == deadlines::ActingParty::Own ? QStringLiteral("Us") : QStringLiteral("Other side")});
        }
        b.push_back(Block::table({{QStringLiteral("Due"), 1.2}, {QStringLiteral("Time left"), 1.2},
                                  {QStringLiteral("Deadline"), 4}, {QStringLiteral("Who acts"), 1.2}},
                                 std::move(rows), QStringLiteral("No open deadlines."), QStringLiteral("deadlines")));
    }

    // Parties.
    if (includes(p, Part::Parties)) {
        b.push_back(Block::heading(QStringLiteral("Parties")));
        std::vector<QStringList> rows;
        for (const CaseParty& cp : c.parties) {
            rows.push_back({cp.party.name, partyRoleLabel(cp.role),
                            cp.party.kind == PartyKind::Person ? QStringLiteral("Person") : QStringLiteral("Organisation"),
                            cp.party.aliases.join(QStringLiteral(", "))});
        }
        b.push_back(Block::table({{QStringLiteral("Name"), 3}, {QStringLiteral("Role"), 2}, {QStringLiteral("Kind"), 1.3},
                                  {QStringLiteral("Also known as"), 2.5}},
                                 std::move(rows), QStringLiteral("No parties recorded."), QStringLiteral("parties")));
    }

    // Incidents.
    if (includes(p, Part::Incidents)) {
        b.push_back(Block::heading(QStringLiteral("Incidents")));
        std::vector<QStringList> rows;
        int n = 0;
        for (const Incident& i : c.incidents) {
            ++n;
            QString place = i.location;
            place += (place.isEmpty() ? QString() : QStringLiteral(" · ")) + regionLabel(i.region);
            QString police = i.reportedToPolice
                ? (i.policeReportDate.isValid() ? QStringLiteral("Yes, %1").arg(ukShortDate(i.policeReportDate))
                                                : QStringLiteral("Yes"))
                : QStringLiteral("No");
            rows.push_back({QString::number(n), incidentWhen(i), i.abuseTypes.join(QStringLiteral(", ")), place, police});
        }
        b.push_back(Block::table({{QStringLiteral("#"), 0.4}, {QStringLiteral("When"), 2}, {QStringLiteral("Abuse"), 2.6},
                                  {QStringLiteral("Where"), 2.4}, {QStringLiteral("Reported to police"), 1.6}},
                                 std::move(rows), QStringLiteral("No incidents recorded."), QStringLiteral("incidents")));
        if (includes(p, Part::PoliceDetails)) {
            std::vector<QStringList> policeRows;
            n = 0;
            for (const Incident& i : c.incidents) {
                ++n;
                if (i.reportedToPolice || !i.crimeReference.isEmpty() || !i.policeForce.isEmpty()) {
                    policeRows.push_back({QString::number(n), orDash(i.policeForce), orDash(i.crimeReference),
                                          orDash(i.prosecutionStatus)});
                }
            }
            if (!policeRows.empty()) {
                b.push_back(Block::heading(QStringLiteral("Police"), 2));
                b.push_back(Block::table({{QStringLiteral("Incident"), 0.8}, {QStringLiteral("Force"), 2.2},
                                          {QStringLiteral("Crime reference"), 2}, {QStringLiteral("Prosecution"), 3}},
                                         std::move(policeRows), QString(), QStringLiteral("police")));
            }
        }
    }

    // The account.
    if (includes(p, Part::Account)) {
        b.push_back(Block::heading(QStringLiteral("The client's account")));
        if (!c.hasAccount) {
            b.push_back(Block::paragraph(QStringLiteral("No account recorded."), Tone::Muted));
        } else {
            auto account = m_cases.revealAccount(c.id);  // audited as a reveal, like on screen
            if (!account) {
                return account.error();
            }
            b.push_back(Block::paragraph(*account));
        }
    }

    // Therapy.
    if (includes(p, Part::Therapy)) {
        b.push_back(Block::heading(QStringLiteral("Therapy")));
        auto statement = m_therapy.statement(c.id);
        if (!statement) {
            return statement.error();
        }
        const bool money = includes(p, Part::TherapyMoney);
        std::vector<Column> columns {{QStringLiteral("Requested"), 1.3}, {QStringLiteral("Provider"), 2.4},
                                     {QStringLiteral("Therapy"), 2.4}, {QStringLiteral("Status"), 1.8},
                                     {QStringLiteral("Sessions used / approved"), 1.6, Align::Right}};
        if (money) {
            columns.push_back({QStringLiteral("Cap"), 1.3, Align::Right});
            columns.push_back({QStringLiteral("Paid"), 1.3, Align::Right});
        }
        std::vector<QStringList> rows;
        for (const therapy::TherapyRequest& r : statement->requests) {
            QString therapyName = therapy::modalityLabel(r.modality);
            if (r.modality == therapy::Modality::Other && !r.modalityOther.isEmpty()) {
                therapyName = r.modalityOther;
            }
            QStringList row {dateOrDash(r.requestedOn), r.providerName.isEmpty() ? QStringLiteral("(not chosen)") : r.providerName,
                             therapyName, therapy::statusLabel(r.status),
                             r.sessionsApproved > 0 ? QStringLiteral("%1 / %2").arg(r.sessionsUsed).arg(r.sessionsApproved)
                                                    : QStringLiteral("—")};
            if (money) {
                row << therapy::gbp(r.capPence()) << therapy::gbp(r.paidPence);
            }
            rows.push_back(row);
        }
        b.push_back(Block::table(std::move(columns), std::move(rows), QStringLiteral("No therapy has been requested."),
                                 QStringLiteral("therapy")));
        if (money && !statement->requests.empty()) {
            b.push_back(Block::fieldList({{QStringLiteral("Invoiced"), therapy::gbp(statement->invoicedPence)},
                                          {QStringLiteral("Paid by the firm"), therapy::gbp(statement->paidPence)},
                                          {QStringLiteral("Recovered"), therapy::gbp(statement->recoveredPence)},
                                          {QStringLiteral("Written off"), therapy::gbp(statement->writtenOffPence)},
                                          {QStringLiteral("Still to recover"), therapy::gbp(statement->outstandingPence)}}));
        }
    }

    // Open tasks.
    if (includes(p, Part::Tasks)) {
        b.push_back(Block::heading(QStringLiteral("Open tasks")));
        auto tasks = m_cases.tasks(c.id);
        if (!tasks) {
            return tasks.error();
        }
        std::vector<QStringList> rows;
        for (const Task& t : *tasks) {
            if (!t.done) {
                rows.push_back({dateOrDash(t.due), t.urgent ? QStringLiteral("URGENT: ") + t.title : t.title,
                                orDash(displayNameOf(m_vault, t.assignee))});
            }
        }
        b.push_back(Block::table({{QStringLiteral("Due"), 1.2}, {QStringLiteral("Task"), 5}, {QStringLiteral("Who"), 1.8}},
                                 std::move(rows), QStringLiteral("No open tasks."), QStringLiteral("tasks")));
    }

    // File notes.
    if (includes(p, Part::Notes) || includes(p, Part::SensitiveNotes)) {
        b.push_back(Block::heading(QStringLiteral("Latest file notes")));
        auto notes = m_cases.notes(c.id);  // newest first; sensitive ones without text
        if (!notes) {
            return notes.error();
        }
        std::vector<QStringList> rows;
        int leftOut = 0;
        for (const Note& n : *notes) {
            if (static_cast<int>(rows.size()) >= request.latestNotes) {
                break;
            }
            QString text = n.text;
            if (n.sensitive) {
                if (!includes(p, Part::SensitiveNotes)) {
                    ++leftOut;
                    continue;
                }
                auto revealed = m_cases.revealNote(n.id);  // audited as a reveal
                if (!revealed) {
                    return revealed.error();
                }
                text = QStringLiteral("[Sensitive] ") + *revealed;
            } else if (!includes(p, Part::Notes)) {
                continue;
            }
            rows.push_back({ukShortDate(n.atUtc.toLocalTime().date()), displayNameOf(m_vault, n.author), text});
        }
        b.push_back(Block::table({{QStringLiteral("Date"), 1.2}, {QStringLiteral("By"), 1.6}, {QStringLiteral("Note"), 6}},
                                 std::move(rows), QStringLiteral("No file notes."), QStringLiteral("notes")));
        if (leftOut > 0) {
            b.push_back(Block::paragraph(leftOut == 1 ? QStringLiteral("1 sensitive note is not included in this copy.")
                                                      : QStringLiteral("%1 sensitive notes are not included in this copy.")
                                                            .arg(leftOut),
                                         Tone::Muted));
        }
    }

    // What this copy leaves out.
    const QStringList omitted = omittedLabels(p);
    if (!omitted.isEmpty()) {
        b.push_back(Block::notice(QStringLiteral("This copy is for: %1 It leaves out %2.")
                                      .arg(spec.audience, omitted.join(QStringLiteral(", "))),
                                  Tone::Muted));
    }
    return d;
}

OutputRecord CaseDocuments::summaryRecord(const SummaryRequest& request, const Document& document,
                                          const QString& format, const QString& destination) const
{
    OutputRecord r;
    r.action = QStringLiteral("summary.output");
    r.entity = QStringLiteral("case");
    r.entityId = document.reference;
    r.profile = profileSpec(request.profile).id;
    r.format = format;
    r.destination = destination;
    r.overrideReason = request.overrideReason.trimmed();
    for (Part part : profileSpec(request.profile).parts) {
        if (part == Part::Account || part == Part::SensitiveNotes || part == Part::SafeguardingDetail
            || part == Part::SafeContactDetail || part == Part::ClientContact) {
            r.included << partId(part);
        }
    }
    return r;
}

Document therapyStatementDocument(const therapy::CaseStatement& s)
{
    Document d;
    d.marking = privilegeMarking();
    d.title = QStringLiteral("Statement of therapy costs");
    d.reference = s.caseReference;
    d.subtitle = QStringLiteral("Case %1 · for the schedule of loss: past special damages (cost of treatment)")
                     .arg(s.caseReference);
    d.profileName = QStringLiteral("Statement of therapy costs");
    auto& b = d.blocks;
    b.push_back(Block::heading(QStringLiteral("Therapy arranged")));
    std::vector<QStringList> requests;
    for (const therapy::TherapyRequest& r : s.requests) {
        QString therapyName = therapy::modalityLabel(r.modality);
        if (r.modality == therapy::Modality::Other && !r.modalityOther.isEmpty()) {
            therapyName = r.modalityOther;
        }
        requests.push_back({dateOrDash(r.requestedOn), r.providerName.isEmpty() ? QStringLiteral("(not chosen)") : r.providerName,
                            therapyName, therapy::statusLabel(r.status),
                            r.sessionsApproved > 0 ? QStringLiteral("%1 / %2").arg(r.sessionsUsed).arg(r.sessionsApproved)
                                                   : QStringLiteral("—"),
                            therapy::gbp(r.capPence()), therapy::gbp(r.paidPence)});
    }
    b.push_back(Block::table({{QStringLiteral("Requested"), 1.3}, {QStringLiteral("Provider"), 2.3},
                              {QStringLiteral("Therapy"), 2.2}, {QStringLiteral("Status"), 1.7},
                              {QStringLiteral("Sessions used / approved"), 1.5, Align::Right},
                              {QStringLiteral("Cap"), 1.2, Align::Right}, {QStringLiteral("Paid"), 1.2, Align::Right}},
                             std::move(requests), QStringLiteral("No therapy has been requested on this case.")));
    b.push_back(Block::heading(QStringLiteral("Invoices and payments")));
    std::vector<QStringList> lines;
    for (const therapy::StatementLine& l : s.lines) {
        lines.push_back({ukShortDate(l.date), l.description, l.invoicedPence != 0 ? therapy::gbp(l.invoicedPence) : QString(),
                         l.paidPence != 0 ? therapy::gbp(l.paidPence) : QString()});
    }
    b.push_back(Block::table({{QStringLiteral("Date"), 1.2}, {QStringLiteral("Description"), 6},
                              {QStringLiteral("Invoiced"), 1.3, Align::Right}, {QStringLiteral("Paid"), 1.3, Align::Right}},
                             std::move(lines), QStringLiteral("No invoices yet.")));
    b.push_back(Block::heading(QStringLiteral("Totals")));
    b.push_back(Block::fieldList({{QStringLiteral("Invoiced"), therapy::gbp(s.invoicedPence)},
                                  {QStringLiteral("Paid by the firm"), therapy::gbp(s.paidPence)},
                                  {QStringLiteral("Recovered"), therapy::gbp(s.recoveredPence)},
                                  {QStringLiteral("Written off"), therapy::gbp(s.writtenOffPence)},
                                  {QStringLiteral("Still to recover"), therapy::gbp(s.outstandingPence)}}));
    return d;
}

// --- Subject access -----------------------------------------------------------------------------------------

namespace {

// The actions that disclose a case's file outside the vault (recipients, UK GDPR Art 15(1)(c)).
bool isDisclosure(const QString& action)
{
    return action == u"summary.output" || action == u"sar.output" || action == u"therapy.statement.export"
        || action == u"cases.export";
}

struct Withheld {
    QString category;
    QString basis;
    std::vector<QStringList> items;  // date, description
};

Result<std::vector<std::pair<qint64, QString>>> casesOfClient(sql::Connection& db, qint64 caseId)
{
    auto stmt = db.prepare("SELECT id, reference FROM cases WHERE client_id = (SELECT client_id FROM cases WHERE id = ?1) "
                           "ORDER BY opened_on, id");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, caseId);
    std::vector<std::pair<qint64, QString>> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        out.emplace_back(stmt->int64(0), stmt->text(1));
    }
    return out;
}

// Rows of a privileged table for one case: the date and a description that says what it is, never its content.
Result<std::vector<QStringList>> privilegedItems(sql::Connection& db, const char* sqlText, qint64 caseId)
{
    auto stmt = db.prepare(sqlText);
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, caseId);
    std::vector<QStringList> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        const QString at = stmt->text(0);
        QDate day = QDate::fromString(at.left(10), Qt::ISODate);
        out.push_back({day.isValid() ? day.toString(Qt::ISODate) : QString(), stmt->text(1)});
    }
    return out;
}

}  // namespace

Result<SarBundle> CaseDocuments::subjectAccess(qint64 caseId, const QDate& asOf)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    sql::Connection& db = m_vault.connection();
    if (!m_cases.isSupervisor()) {
        QString reference;
        if (auto stmt = db.prepare("SELECT reference FROM cases WHERE id = ?1")) {
            stmt->bind(1, caseId);
            if (auto row = stmt->step(); row && *row) {
                reference = stmt->text(0);
            }
        }
        return refuseOutput(m_vault, QStringLiteral("prepare a subject access bundle"), QStringLiteral("case"), reference,
                            QStringLiteral("Subject access bundles are prepared by supervisors. Ask the case's "
                                           "supervisor."));
    }
    auto first = m_cases.load(caseId);
    if (!first) {
        return first.error();
    }
    auto caseList = casesOfClient(db, caseId);
    if (!caseList) {
        return caseList.error();
    }
    const QDate today = asOf.isValid() ? asOf : m_vault.now().toLocalTime().date();
    const Client& client = first->client;

    SarBundle bundle;
    bundle.reference = first->reference;
    Document& d = bundle.document;
    d = baseDocument(m_vault);
    d.title = QStringLiteral("Your personal data");
    d.reference = first->reference;
    d.profileName = QStringLiteral("Subject access");
    d.marking = QStringLiteral("PRIVATE & CONFIDENTIAL — FOR THE ADDRESSEE ONLY");
    d.subtitle = QStringLiteral("Subject access request · %1 · prepared %2").arg(client.fullName, ukShortDate(today));
    auto& b = d.blocks;
    b.push_back(Block::paragraph(
        QStringLiteral("This is a copy of the personal data our firm holds about you in ClaimDesk, the system we use to "
                       "run your claim, as at %1. A machine-readable copy (JSON) comes with it. Some material is "
                       "withheld because it is legally privileged or is about other people; it is listed at the end "
                       "with the reason.")
            .arg(ukShortDate(today))));

    QJsonObject json;
    json.insert(QStringLiteral("format"), QStringLiteral("claimdesk-subject-access"));
    json.insert(QStringLiteral("version"), 1);
    json.insert(QStringLiteral("preparedAt"), d.printedAtUtc.toString(Qt::ISODateWithMs));
    json.insert(QStringLiteral("preparedBy"), d.printedBy);
    json.insert(QStringLiteral("asOf"), today.toString(Qt::ISODate));

    // About you (clients table).
    b.push_back(Block::heading(QStringLiteral("About you")));
    const SafeContact& sc = client.safeContact;
    b.push_back(Block::fieldList({{QStringLiteral("Name"), client.fullName},
                                  {QStringLiteral("Preferred name"), orDash(client.preferredName)},
                                  {QStringLiteral("Former names"), orDash(client.formerNames.join(QStringLiteral(", ")))},
                                  {QStringLiteral("Date of birth"), dateOrDash(client.dateOfBirth)},
                                  {QStringLiteral("Pronouns"), orDash(client.pronouns)},
                                  {QStringLiteral("Address"), orDash(client.address)},
                                  {QStringLiteral("Telephone"), orDash(client.phone)},
                                  {QStringLiteral("E-mail"), orDash(client.email)},
                                  {QStringLiteral("We may contact you by"), safeChannels(sc, true)},
                                  {QStringLiteral("We never use"), safeChannels(sc, false)},
                                  {QStringLiteral("Never write to"), orDash(sc.neverWriteTo.join(QStringLiteral("; ")))},
                                  {QStringLiteral("Code word"), orDash(sc.codeWord)},
                                  {QStringLiteral("Times to avoid"), orDash(sc.timesToAvoid)},
                                  {QStringLiteral("Who at home knows"), orDash(sc.whoAtHomeKnows)},
                                  {QStringLiteral("Caseworker preference"), orDash(client.preferredCaseworkerGender)},
                                  {QStringLiteral("Communication needs"), orDash(client.communicationNeeds)},
                                  {QStringLiteral("Interpreter"), orDash(client.interpreterLanguage)},
                                  {QStringLiteral("Capacity concern recorded"), yesNo(client.capacityConcern)},
                                  {QStringLiteral("Litigation friend"), orDash(client.litigationFriend)}}));
    json.insert(QStringLiteral("client"),
                QJsonObject {{QStringLiteral("fullName"), client.fullName},
                             {QStringLiteral("preferredName"), client.preferredName},
                             {QStringLiteral("formerNames"), QJsonArray::fromStringList(client.formerNames)},
                             {QStringLiteral("dateOfBirth"), isoValue(client.dateOfBirth)},
                             {QStringLiteral("dateOfBirthVerified"), client.dateOfBirthVerified},
                             {QStringLiteral("pronouns"), client.pronouns},
                             {QStringLiteral("address"), client.address},
                             {QStringLiteral("phone"), client.phone},
                             {QStringLiteral("email"), client.email},
                             {QStringLiteral("safeContact"),
                              QJsonObject {{QStringLiteral("phone"), sc.phone},
                                           {QStringLiteral("voicemail"), sc.voicemail},
                                           {QStringLiteral("text"), sc.text},
                                           {QStringLiteral("email"), sc.email},
                                           {QStringLiteral("post"), sc.post},
                                           {QStringLiteral("neverWriteTo"), QJsonArray::fromStringList(sc.neverWriteTo)},
                                           {QStringLiteral("codeWord"), sc.codeWord},
                                           {QStringLiteral("timesToAvoid"), sc.timesToAvoid},
                                           {QStringLiteral("whoAtHomeKnows"), sc.whoAtHomeKnows}}},
                             {QStringLiteral("preferredCaseworkerGender"), client.preferredCaseworkerGender},
                             {QStringLiteral("communicationNeeds"), client.communicationNeeds},
                             {QStringLiteral("interpreterLanguage"), client.interpreterLanguage},
                             {QStringLiteral("capacityConcern"), client.capacityConcern},
                             {QStringLiteral("litigationFriend"), client.litigationFriend}});

    Withheld notesWithheld {QStringLiteral("File notes"),
                            QStringLiteral("Legal professional privilege (DPA 2018 Sch 2 para 19)"), {}};
    Withheld workWithheld {QStringLiteral("Case work: tasks, deadlines, procedural events and limitation sign-offs"),
                           QStringLiteral("Legal professional privilege (DPA 2018 Sch 2 para 19)"), {}};
    Withheld thirdParty {QStringLiteral("Information about other people (people named as parties, perpetrators' names, "
                                        "conflict-check results)"),
                         QStringLiteral("Third-party personal data (DPA 2018 Sch 2 para 16)"), {}};
    Withheld safeguardingWithheld {QStringLiteral("Safeguarding actions and referrals"),
                                   QStringLiteral("Held back for review: may be exempt for the prevention or detection of "
                                                  "crime (DPA 2018 Sch 2 para 2); a supervisor decides what can be "
                                                  "released"),
                                   {}};

    QJsonArray casesJson;
    for (const auto& [id, reference] : *caseList) {
        auto loaded = m_cases.load(id);
        if (!loaded) {
            return makeError(loaded.error().code,
                             QStringLiteral("The bundle needs every case of this client, and case %1 could not be read: %2")
                                 .arg(reference, loaded.error().message));
        }
        const CaseRecord& c = *loaded;
        b.push_back(Block::heading(QStringLiteral("Your case %1").arg(c.reference)));
        b.push_back(Block::fieldList({{QStringLiteral("Opened"), dateOrDash(c.openedOn)},
                                      {QStringLiteral("Closed"), dateOrDash(c.closedOn)},
                                      {QStringLiteral("Stage"), stageLabel(c.stage)},
                                      {QStringLiteral("Claim"), limbsText(c.limbs)},
                                      {QStringLiteral("Funding"), fundingLabel(c.funding)},
                                      {QStringLiteral("Your solicitor"), orDash(displayNameOf(m_vault, c.feeEarner))},
                                      {QStringLiteral("Consent to process your data for the claim"),
                                       yesNo(c.consent.processingForClaim)},
                                      {QStringLiteral("Consent to contact"), yesNo(c.consent.contact)}}));
        QJsonObject caseJson {{QStringLiteral("reference"), c.reference},
                              {QStringLiteral("openedOn"), isoValue(c.openedOn)},
                              {QStringLiteral("closedOn"), isoValue(c.closedOn)},
                              {QStringLiteral("stage"), stageId(c.stage)},
                              {QStringLiteral("funding"), fundingId(c.funding)},
                              {QStringLiteral("feeEarner"), displayNameOf(m_vault, c.feeEarner)},
                              {QStringLiteral("consent"), c.consent.toJson()}};
        QJsonArray limbs;
        for (ClaimLimb l : c.limbs) {
            limbs.append(limbId(l));
        }
        caseJson.insert(QStringLiteral("claimLimbs"), limbs);

        // Your account (cases.account).
        QString account;
        if (c.hasAccount) {
            auto revealed = m_cases.revealAccount(c.id);
            if (!revealed) {
                return revealed.error();
            }
            account = *revealed;
        }
        b.push_back(Block::heading(QStringLiteral("What you told us"), 2));
        b.push_back(Block::paragraph(account.isEmpty() ? QStringLiteral("No account is recorded.") : account,
                                     account.isEmpty() ? Tone::Muted : Tone::Normal));
        caseJson.insert(QStringLiteral("account"), account);

        // Incidents (perpetrators' names withheld: third-party data).
        std::vector<QStringList> incidentRows;
        QJsonArray incidentsJson;
        for (const Incident& i : c.incidents) {
            incidentRows.push_back({incidentWhen(i), i.abuseTypes.join(QStringLiteral(", ")),
                                    i.location + (i.institutions.isEmpty() ? QString()
                                                                            : QStringLiteral(" (") + i.institutions.join(QStringLiteral(", ")) + QLatin1Char(')')),
                                    i.reportedToPolice ? QStringLiteral("Yes %1 %2").arg(dateOrDash(i.policeReportDate), i.policeForce).trimmed()
                                                       : QStringLiteral("No"),
                                    orDash(i.crimeReference)});
            incidentsJson.append(QJsonObject {{QStringLiteral("start"), isoValue(i.start)},
                                              {QStringLiteral("startPrecision"), precisionId(i.startPrecision)},
                                              {QStringLiteral("end"), isoValue(i.end)},
                                              {QStringLiteral("abuseTypes"), QJsonArray::fromStringList(i.abuseTypes)},
                                              {QStringLiteral("institutions"), QJsonArray::fromStringList(i.institutions)},
                                              {QStringLiteral("location"), i.location},
                                              {QStringLiteral("region"), regionId(i.region)},
                                              {QStringLiteral("reportedToPolice"), i.reportedToPolice},
                                              {QStringLiteral("policeReportDate"), isoValue(i.policeReportDate)},
                                              {QStringLiteral("policeForce"), i.policeForce},
                                              {QStringLiteral("crimeReference"), i.crimeReference},
                                              {QStringLiteral("prosecutionStatus"), i.prosecutionStatus}});
            if (!i.perpetrators.isEmpty()) {
                thirdParty.items.push_back({QString(), QStringLiteral("Case %1: names of %2 alleged perpetrator(s) of an incident")
                                                           .arg(c.reference).arg(i.perpetrators.size())});
            }
        }
        b.push_back(Block::heading(QStringLiteral("The incidents"), 2));
        b.push_back(Block::table({{QStringLiteral("When"), 2}, {QStringLiteral("What happened"), 2.6},
                                  {QStringLiteral("Where"), 2.6}, {QStringLiteral("Reported to police"), 2},
                                  {QStringLiteral("Crime reference"), 1.5}},
                                 std::move(incidentRows), QStringLiteral("No incidents are recorded."),
                                 QStringLiteral("incidents")));
        caseJson.insert(QStringLiteral("incidents"), incidentsJson);

        // Organisations named in the claim (people are third parties).
        QJsonArray orgJson;
        std::vector<QStringList> orgRows;
        int people = 0;
        for (const CaseParty& cp : c.parties) {
            if (cp.party.kind == PartyKind::Organisation) {
                orgRows.push_back({cp.party.name, partyRoleLabel(cp.role)});
                orgJson.append(QJsonObject {{QStringLiteral("name"), cp.party.name},
                                            {QStringLiteral("role"), partyRoleId(cp.role)}});
            } else {
                ++people;
            }
        }
        if (people > 0) {
            thirdParty.items.push_back({QString(), QStringLiteral("Case %1: %2 people named as parties").arg(c.reference).arg(people)});
        }
        b.push_back(Block::heading(QStringLiteral("Organisations named in your claim"), 2));
        b.push_back(Block::table({{QStringLiteral("Organisation"), 3}, {QStringLiteral("Role"), 2}}, std::move(orgRows),
                                 QStringLiteral("None."), QStringLiteral("organisations")));
        caseJson.insert(QStringLiteral("organisations"), orgJson);

        // Safeguarding answers (cases.safeguarding): the client's own answers.
        const SafeguardingScreen& s = c.safeguarding;
        b.push_back(Block::heading(QStringLiteral("Your wellbeing and safety answers"), 2));
        if (s.anyAnswered()) {
            const QStringList risks = s.seriousRiskReasons();
            b.push_back(Block::fieldList({{QStringLiteral("Asked on"), s.askedAtUtc.isValid() ? ukShortDate(s.askedAtUtc.toLocalTime().date()) : QStringLiteral("—")},
                                          {QStringLiteral("Risks we noted"), risks.isEmpty() ? QStringLiteral("none") : risks.join(QStringLiteral("; "))},
                                          {QStringLiteral("Support you told us about"), orDash(s.supportLastContact)},
                                          {QStringLiteral("Crisis-line details given"), yesNo(s.crisisLineGiven)}}));
        } else {
            b.push_back(Block::paragraph(QStringLiteral("No answers are recorded."), Tone::Muted));
        }
        caseJson.insert(QStringLiteral("safeguardingAnswers"), s.toJson());
        if (!c.safeguardingActionRecord.isEmpty()) {
            safeguardingWithheld.items.push_back({c.safeguardingActionRecord.recordedAtUtc.toLocalTime().date().toString(Qt::ISODate),
                                                  QStringLiteral("Case %1: safeguarding action record").arg(c.reference)});
        }

        // Therapy (therapy_requests, _sessions, _invoices, _payments).
        auto requests = m_therapy.requests(c.id);
        if (!requests) {
            return requests.error();
        }
        QJsonArray therapyJson;
        std::vector<QStringList> therapyRows;
        std::vector<QStringList> sessionRows;
        for (const therapy::TherapyRequest& r : *requests) {
            auto sessions = m_therapy.sessions(r.id);
            auto invoices = m_therapy.invoices(r.id);
            auto payments = m_therapy.payments(r.id);
            if (!sessions || !invoices || !payments) {
                return !sessions ? sessions.error() : (!invoices ? invoices.error() : payments.error());
            }
            therapyRows.push_back({dateOrDash(r.requestedOn), orDash(r.providerName), therapy::modalityLabel(r.modality),
                                   therapy::statusLabel(r.status), orDash(r.diagnosis),
                                   QStringLiteral("%1 / %2").arg(r.sessionsUsed).arg(r.sessionsApproved)});
            QJsonArray sj;
            for (const therapy::TherapySession& ts : *sessions) {
                sessionRows.push_back({ukShortDate(ts.heldOn), orDash(r.providerName), therapy::sessionOutcomeLabel(ts.outcome)});
                sj.append(QJsonObject {{QStringLiteral("heldOn"), isoValue(ts.heldOn)},
                                       {QStringLiteral("outcome"), therapy::sessionOutcomeLabel(ts.outcome)},
                                       {QStringLiteral("note"), ts.note}});
            }
            QJsonArray ij;
            for (const therapy::Invoice& inv : *invoices) {
                ij.append(QJsonObject {{QStringLiteral("number"), inv.number},
                                       {QStringLiteral("date"), isoValue(inv.invoiceDate)},
                                       {QStringLiteral("sessionsCovered"), inv.sessionsCovered},
                                       {QStringLiteral("amount"), therapy::decimalPounds(inv.amountPence)}});
            }
            QJsonArray pj;
            for (const therapy::Payment& pay : *payments) {
                pj.append(QJsonObject {{QStringLiteral("paidOn"), isoValue(pay.paidOn)},
                                       {QStringLiteral("amount"), therapy::decimalPounds(pay.amountPence)}});
            }
            therapyJson.append(QJsonObject {{QStringLiteral("requestedOn"), isoValue(r.requestedOn)},
                                            {QStringLiteral("provider"), r.providerName},
                                            {QStringLiteral("therapy"), therapy::modalityLabel(r.modality)},
                                            {QStringLiteral("status"), therapy::statusLabel(r.status)},
                                            {QStringLiteral("diagnosis"), r.diagnosis},
                                            {QStringLiteral("recommendation"), r.recommendation},
                                            {QStringLiteral("frequency"), r.frequency},
                                            {QStringLiteral("sessionsApproved"), r.sessionsApproved},
                                            {QStringLiteral("sessionsUsed"), r.sessionsUsed},
                                            {QStringLiteral("sessions"), sj},
                                            {QStringLiteral("invoices"), ij},
                                            {QStringLiteral("payments"), pj}});
        }
        b.push_back(Block::heading(QStringLiteral("Therapy"), 2));
        b.push_back(Block::table({{QStringLiteral("Requested"), 1.3}, {QStringLiteral("Provider"), 2.2},
                                  {QStringLiteral("Therapy"), 2.2}, {QStringLiteral("Status"), 1.7},
                                  {QStringLiteral("Diagnosis"), 2}, {QStringLiteral("Sessions used / approved"), 1.4, Align::Right}},
                                 std::move(therapyRows), QStringLiteral("No therapy is recorded."), QStringLiteral("therapy")));
        if (!sessionRows.empty()) {
            b.push_back(Block::table({{QStringLiteral("Session"), 1.3}, {QStringLiteral("Provider"), 3}, {QStringLiteral("Outcome"), 2}},
                                     std::move(sessionRows), QString(), QStringLiteral("therapy-sessions")));
        }
        caseJson.insert(QStringLiteral("therapy"), therapyJson);

        // Conflict checks run on the client's name (conflict_checks); the matches are other people's data.
        QJsonArray checksJson;
        std::vector<QStringList> checkRows;
        if (auto stmt = db.prepare("SELECT at, query_name, query_dob FROM conflict_checks WHERE case_id = ?1 ORDER BY at")) {
            stmt->bind(1, c.id);
            while (true) {
                auto row = stmt->step();
                if (!row) {
                    return row.error();
                }
                if (!*row) {
                    break;
                }
                const QDate day = QDate::fromString(stmt->text(0).left(10), Qt::ISODate);
                checkRows.push_back({dateOrDash(day), stmt->text(1), stmt->isNull(2) ? QStringLiteral("—") : stmt->text(2)});
                checksJson.append(QJsonObject {{QStringLiteral("on"), isoValue(day)},
                                               {QStringLiteral("name"), stmt->text(1)},
                                               {QStringLiteral("dateOfBirth"), stmt->isNull(2) ? QJsonValue(QJsonValue::Null) : QJsonValue(stmt->text(2))}});
            }
            if (!checkRows.empty()) {
                thirdParty.items.push_back({QString(), QStringLiteral("Case %1: the results of %2 conflict check(s)").arg(c.reference).arg(checkRows.size())});
            }
        } else {
            return stmt.error();
        }
        b.push_back(Block::heading(QStringLiteral("Checks made on your name"), 2));
        b.push_back(Block::table({{QStringLiteral("Date"), 1.3}, {QStringLiteral("Name checked"), 3}, {QStringLiteral("Date of birth checked"), 2}},
                                 std::move(checkRows), QStringLiteral("None."), QStringLiteral("conflict-checks")));
        caseJson.insert(QStringLiteral("conflictChecks"), checksJson);

        // Who received copies of your file (audit log: disclosures).
        auto history = AuditLog::listFor(db, QStringLiteral("case"), c.reference);
        if (!history) {
            return history.error();
        }
        QJsonArray disclosuresJson;
        std::vector<QStringList> disclosureRows;
        for (const AuditEntry& e : *history) {
            if (!isDisclosure(e.action)) {
                continue;
            }
            const QString profile = e.summary.value(QStringLiteral("profile")).toString();
            const QString format = e.summary.value(QStringLiteral("format")).toString();
            const QString what = e.action == u"sar.output" ? QStringLiteral("Subject access bundle")
                : e.action == u"therapy.statement.export" ? QStringLiteral("Statement of therapy costs")
                : e.action == u"cases.export" ? QStringLiteral("Case list export")
                : QStringLiteral("Case summary (%1)").arg(profile.isEmpty() ? QStringLiteral("internal") : profile);
            disclosureRows.push_back({ukShortDate(e.atUtc.toLocalTime().date()), what, format});
            disclosuresJson.append(QJsonObject {{QStringLiteral("on"), e.atUtc.toLocalTime().date().toString(Qt::ISODate)},
                                                {QStringLiteral("document"), what},
                                                {QStringLiteral("format"), format}});
        }
        b.push_back(Block::heading(QStringLiteral("Copies made of your file"), 2));
        b.push_back(Block::table({{QStringLiteral("Date"), 1.3}, {QStringLiteral("Document"), 4}, {QStringLiteral("Form"), 1}},
                                 std::move(disclosureRows), QStringLiteral("None."), QStringLiteral("disclosures")));
        caseJson.insert(QStringLiteral("disclosures"), disclosuresJson);

        // Privileged material, listed as withheld.
        auto noteItems = privilegedItems(db, "SELECT at, 'File note' || CASE WHEN sensitive = 1 THEN ' (sensitive)' ELSE '' END "
                                             "FROM notes WHERE case_id = ?1 ORDER BY at", c.id);
        auto taskItems = privilegedItems(db, "SELECT created_at, 'Task' FROM tasks WHERE case_id = ?1 ORDER BY created_at", c.id);
        auto eventItems = privilegedItems(db, "SELECT recorded_at, 'Procedural event' FROM case_events WHERE case_id = ?1 "
                                              "ORDER BY recorded_at", c.id);
        auto deadlineItems = privilegedItems(db, "SELECT computed_at, 'Deadline' FROM deadlines WHERE case_id = ?1 ORDER BY due_on", c.id);
        auto signoffItems = privilegedItems(db, "SELECT requested_at, 'Limitation sign-off' FROM limitation_signoffs "
                                                "WHERE case_id = ?1 ORDER BY requested_at", c.id);
        for (auto* items : {&noteItems, &taskItems, &eventItems, &deadlineItems, &signoffItems}) {
            if (!*items) {
                return items->error();
            }
        }
        for (QStringList item : *noteItems) {
            item[1] = QStringLiteral("Case %1: %2").arg(c.reference, item[1]);
            notesWithheld.items.push_back(item);
        }
        for (auto* items : {&taskItems, &eventItems, &deadlineItems, &signoffItems}) {
            for (QStringList item : **items) {
                item[1] = QStringLiteral("Case %1: %2").arg(c.reference, item[1]);
                workWithheld.items.push_back(item);
            }
        }
        casesJson.append(caseJson);
    }
    json.insert(QStringLiteral("cases"), casesJson);

    // What is withheld, and why.
    b.push_back(Block::heading(QStringLiteral("Information withheld")));
    b.push_back(Block::paragraph(QStringLiteral("The law allows us to withhold some information. Each kind is listed "
                                                "here with the reason; the contents are not included.")));
    QJsonArray withheldJson;
    for (const Withheld* w : {&notesWithheld, &workWithheld, &safeguardingWithheld, &thirdParty}) {
        if (w->items.empty()) {
            continue;
        }
        bundle.withheldItems += static_cast<int>(w->items.size());
        b.push_back(Block::heading(w->category, 2));
        b.push_back(Block::paragraph(QStringLiteral("Reason: %1.").arg(w->basis), Tone::Muted));
        std::vector<QStringList> rows;
        QJsonArray items;
        for (const QStringList& item : w->items) {
            rows.push_back({item[0].isEmpty() ? QStringLiteral("—") : ukShortDate(QDate::fromString(item[0], Qt::ISODate)), item[1]});
            items.append(QJsonObject {{QStringLiteral("date"), item[0].isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(item[0])},
                                      {QStringLiteral("item"), item[1]}});
        }
        b.push_back(Block::table({{QStringLiteral("Date"), 1.3}, {QStringLiteral("Item"), 6}}, std::move(rows), QString()));
        withheldJson.append(QJsonObject {{QStringLiteral("category"), w->category},
                                         {QStringLiteral("reason"), w->basis},
                                         {QStringLiteral("count"), static_cast<int>(w->items.size())},
                                         {QStringLiteral("items"), items}});
    }
    if (withheldJson.isEmpty()) {
        b.push_back(Block::paragraph(QStringLiteral("Nothing is withheld.")));
    }
    json.insert(QStringLiteral("withheld"), withheldJson);

    // Art 15 supplementary information.
    b.push_back(Block::heading(QStringLiteral("About this information")));
    b.push_back(Block::fieldList(
        {{QStringLiteral("Why we hold it"), QStringLiteral("To bring and run your claim, which you asked us to do.")},
         {QStringLiteral("Lawful basis"), QStringLiteral("Our contract with you (UK GDPR Art 6(1)(b)); for information about your "
                                                         "health, sex life and any crime, the establishment, exercise or "
                                                         "defence of legal claims (Art 9(2)(f)).")},
         {QStringLiteral("Where it came from"), QStringLiteral("From you, and from records we requested with your authority.")},
         {QStringLiteral("How long we keep it"), QStringLiteral("Usually six to seven years after your case closes (longer if you "
                                                                "were a child when the case ran); we review it then.")},
         {QStringLiteral("Your rights"), QStringLiteral("You may ask us to correct it, and you may complain to the Information "
                                                        "Commissioner's Office (ico.org.uk, 0303 123 1113).")}}));
    bundle.json = json;
    return bundle;
}

OutputRecord CaseDocuments::sarRecord(const SarBundle& bundle, const QString& format, const QString& destination) const
{
    OutputRecord r;
    r.action = QStringLiteral("sar.output");
    r.entity = QStringLiteral("case");
    r.entityId = bundle.reference;
    r.profile = QStringLiteral("subject-access");
    r.format = format;
    r.destination = destination;
    r.rows = bundle.withheldItems;
    r.included = QStringList {partId(Part::Account), partId(Part::ClientContact), partId(Part::SafeContactDetail)};
    return r;
}

}  // namespace claimdesk::core::reports
