#pragma once

#include "cases/CaseTypes.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace claimdesk::ui {

// How the case screens write and read dates, money and the case vocabulary. Dates are UK style
// ("27 Nov 2026"); money is integer pence in core and "£12,500.00" on screen.

QString ukDate(const QDate& date);  // "27 Nov 2026"; empty for an invalid date
// An incident date as precise as it is known: "3 Mar 1994", "Mar 1994", "1994", "about 1994".
QString ukDate(const QDate& date, core::DatePrecision precision);
QString ukDateTime(const QDateTime& utc);  // local time: "14:05, 27 Nov 2026"

// What was typed into a date field.
struct ParsedDate {
    QDate date;  // the first day of the month or year when only those were given
    core::DatePrecision precision = core::DatePrecision::Day;
};
struct DateParse {
    std::optional<ParsedDate> value;  // nothing when the text is empty or not a date
    QString problem;                  // why it is not a date (empty when it is, or when the text is empty)
};
// Accepts 27/11/2026, 27-11-2026, 27.11.2026, 27 Nov 2026, 27 November 2026, 2026-11-27 and, when
// `partial` is set, Nov 2026, 11/2026 and 2026. Years are written in full. A day that does not exist
// (31/02/2021) is a problem, never silently moved.
DateParse parseUkDate(const QString& text, bool partial);

QString money(qint64 pence);  // "£12,500.00"; "£0.00"
// "12500", "£12,500", "12,500.5" -> pence; nothing when it is not an amount of money.
std::optional<qint64> parseMoney(const QString& text);

// "in 12 days", "tomorrow", "today", "3 days overdue".
QString daysLeft(const QDate& deadline, const QDate& today);

// Translated names of core's vocabulary.
QString stageName(core::Stage stage);
QString limbName(core::ClaimLimb limb);
QString fundingName(core::Funding funding);
QString regionName(core::Region region);
QString precisionName(core::DatePrecision precision);
QString partyRoleName(core::PartyRole role);
QString partyKindName(core::PartyKind kind);
QString taskKindName(core::TaskKind kind);
// The safeguarding vocabulary (DOMAIN §6.3).
QString seriousRiskName(core::SeriousRisk risk);  // "active suicidal thoughts", "living with the abuser" …
QStringList seriousRiskNames(const core::SafeguardingScreen& screen);
QString supportKindName(core::SupportKind kind);
QString referralName(core::Referral referral);
QString referralConsentName(core::ReferralConsent consent);
QString abuserProximityName(core::AbuserProximity proximity);
// The screen's answers as (question, answer) rows, for the overview: only the questions that were answered, so a
// short screen stays short. The suicidal-thoughts question comes first when it was asked.
std::vector<std::pair<QString, QString>> safeguardingAnswers(const core::SafeguardingScreen& screen);
// The supervisor's action record as (label, value) rows (who recorded it and when are left to the caller).
std::vector<std::pair<QString, QString>> safeguardingActionRows(const core::SafeguardingAction& action);

// The safe-contact banner's text, as HTML (client text escaped). In privacy mode addresses are counted,
// not shown.
QString safeContactHtml(const core::SafeContact& contact, bool privacyMode);

// Every stage, limb, funding … in the order the UI lists them.
constexpr core::Stage kAllStages[] = {
    core::Stage::Enquiry,     core::Stage::Intake,           core::Stage::Engagement,
    core::Stage::Investigation, core::Stage::Experts,        core::Stage::LetterOfClaim,
    core::Stage::Negotiation, core::Stage::Proceedings,      core::Stage::TrialPreparation,
    core::Stage::Resolution,  core::Stage::Closed,
};
constexpr core::ClaimLimb kAllLimbs[] = {core::ClaimLimb::AgainstAbuser, core::ClaimLimb::VicariousLiability,
                                         core::ClaimLimb::InstitutionalNegligence, core::ClaimLimb::HumanRightsAct,
                                         core::ClaimLimb::Cica};
constexpr core::Funding kAllFunding[] = {core::Funding::Unknown,  core::Funding::Cfa,     core::Funding::Dba,
                                         core::Funding::LegalAid, core::Funding::Private, core::Funding::AteInsured};
constexpr core::Region kAllRegions[]
    = {core::Region::EnglandWales, core::Region::Scotland, core::Region::NorthernIreland};
constexpr core::DatePrecision kAllPrecisions[] = {core::DatePrecision::Day, core::DatePrecision::Month,
                                                  core::DatePrecision::Year, core::DatePrecision::Approximate};
constexpr core::SupportKind kAllSupportKinds[]
    = {core::SupportKind::Gp, core::SupportKind::Therapist, core::SupportKind::Isva, core::SupportKind::CrisisTeam,
       core::SupportKind::Family};
constexpr core::Referral kAllReferrals[] = {core::Referral::Police, core::Referral::ChildrensSocialCare,
                                            core::Referral::AdultSafeguarding, core::Referral::Lado};
constexpr core::PartyRole kAllPartyRoles[] = {
    core::PartyRole::Abuser,           core::PartyRole::Institution, core::PartyRole::Employer,
    core::PartyRole::Insurer,          core::PartyRole::PublicAuthority, core::PartyRole::OpposingSolicitor,
    core::PartyRole::Witness,          core::PartyRole::Expert,      core::PartyRole::Therapist,
    core::PartyRole::LitigationFriend,
};

}  // namespace claimdesk::ui
