#include "therapy/TherapyTypes.h"

#include <QLocale>

#include <array>
#include <utility>

namespace claimdesk::core::therapy {

namespace {

template <typename E, std::size_t N>
using Table = std::array<std::pair<E, const char*>, N>;

template <typename E, std::size_t N>
QString idOf(const Table<E, N>& table, E value)
{
    for (const auto& [e, id] : table) {
        if (e == value) {
            return QString::fromLatin1(id);
        }
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> fromId(const Table<E, N>& table, const QString& text)
{
    for (const auto& [e, id] : table) {
        if (text == QLatin1String(id)) {
            return e;
        }
    }
    return std::nullopt;
}

constexpr Table<Modality, 9> kModalities{{
    {Modality::TraumaFocusedCbt, "trauma-focused-cbt"},
    {Modality::Emdr, "emdr"},
    {Modality::Cbt, "cbt"},
    {Modality::Psychodynamic, "psychodynamic"},
    {Modality::Dbt, "dbt"},
    {Modality::Cat, "cat"},
    {Modality::Counselling, "counselling"},
    {Modality::Group, "group"},
    {Modality::Other, "other"},
}};
constexpr Table<Modality, 9> kModalityLabels{{
    {Modality::TraumaFocusedCbt, "Trauma-focused CBT"},
    {Modality::Emdr, "EMDR"},
    {Modality::Cbt, "CBT"},
    {Modality::Psychodynamic, "Psychodynamic therapy"},
    {Modality::Dbt, "DBT"},
    {Modality::Cat, "Cognitive analytic therapy (CAT)"},
    {Modality::Counselling, "Counselling"},
    {Modality::Group, "Group therapy"},
    {Modality::Other, "Other"},
}};
constexpr Table<Delivery, 3> kDeliveries{{
    {Delivery::InPerson, "in-person"},
    {Delivery::Video, "video"},
    {Delivery::Phone, "phone"},
}};
constexpr Table<Delivery, 3> kDeliveryLabels{{
    {Delivery::InPerson, "In person"},
    {Delivery::Video, "Video"},
    {Delivery::Phone, "Phone"},
}};
constexpr Table<FundingRoute, 4> kRoutes{{
    {FundingRoute::FirmFund, "firm-fund"},
    {FundingRoute::RehabilitationCode, "rehabilitation-code"},
    {FundingRoute::InterimPayment, "interim-payment"},
    {FundingRoute::Other, "other"},
}};
constexpr Table<FundingRoute, 4> kRouteLabels{{
    {FundingRoute::FirmFund, "Firm therapy fund"},
    {FundingRoute::RehabilitationCode, "Rehabilitation Code (compensator)"},
    {FundingRoute::InterimPayment, "Interim payment"},
    {FundingRoute::Other, "Other funding (CICA, NHS, charity)"},
}};
constexpr Table<RiskLevel, 4> kRisks{{
    {RiskLevel::NotScreened, "not-screened"},
    {RiskLevel::NoneDisclosed, "none-disclosed"},
    {RiskLevel::RiskNoted, "risk-noted"},
    {RiskLevel::SeriousRisk, "serious-risk"},
}};
constexpr Table<RiskLevel, 4> kRiskLabels{{
    {RiskLevel::NotScreened, "Not screened"},
    {RiskLevel::NoneDisclosed, "No risk disclosed"},
    {RiskLevel::RiskNoted, "Risk noted"},
    {RiskLevel::SeriousRisk, "Serious risk"},
}};
constexpr Table<RequestStatus, 16> kStatuses{{
    {RequestStatus::Draft, "draft"},
    {RequestStatus::Submitted, "submitted"},
    {RequestStatus::ClinicalCheck, "clinical-check"},
    {RequestStatus::QuoteObtained, "quote-obtained"},
    {RequestStatus::AwaitingApproval, "awaiting-approval"},
    {RequestStatus::Approved, "approved"},
    {RequestStatus::Rejected, "rejected"},
    {RequestStatus::ProviderInstructed, "provider-instructed"},
    {RequestStatus::InTherapy, "in-therapy"},
    {RequestStatus::ReviewDue, "review-due"},
    {RequestStatus::ExtensionRequested, "extension-requested"},
    {RequestStatus::ApprovedExtension, "approved-extension"},
    {RequestStatus::Ending, "ending"},
    {RequestStatus::Completed, "completed"},
    {RequestStatus::Reconciled, "reconciled"},
    {RequestStatus::Closed, "closed"},
}};
constexpr Table<RequestStatus, 16> kStatusLabels{{
    {RequestStatus::Draft, "Draft"},
    {RequestStatus::Submitted, "Submitted"},
    {RequestStatus::ClinicalCheck, "Clinical check"},
    {RequestStatus::QuoteObtained, "Quote obtained"},
    {RequestStatus::AwaitingApproval, "Awaiting approval"},
    {RequestStatus::Approved, "Approved"},
    {RequestStatus::Rejected, "Rejected"},
    {RequestStatus::ProviderInstructed, "Provider instructed"},
    {RequestStatus::InTherapy, "In therapy"},
    {RequestStatus::ReviewDue, "Review due"},
    {RequestStatus::ExtensionRequested, "Extension requested"},
    {RequestStatus::ApprovedExtension, "Extension approved"},
    {RequestStatus::Ending, "Ending"},
    {RequestStatus::Completed, "Completed"},
    {RequestStatus::Reconciled, "Reconciled"},
    {RequestStatus::Closed, "Closed"},
}};
constexpr Table<SessionOutcome, 3> kOutcomes{{
    {SessionOutcome::Attended, "attended"},
    {SessionOutcome::LateCancelled, "late-cancelled"},
    {SessionOutcome::DidNotAttend, "did-not-attend"},
}};
constexpr Table<SessionOutcome, 3> kOutcomeLabels{{
    {SessionOutcome::Attended, "Attended"},
    {SessionOutcome::LateCancelled, "Late cancellation"},
    {SessionOutcome::DidNotAttend, "Did not attend"},
}};

using S = RequestStatus;

// DOMAIN §7.3 as a list of arrows. Rejection is a supervisor's decision, so it happens only from
// AwaitingApproval; before that the fee earner may withdraw a request (→ Closed).
constexpr std::array<std::pair<S, S>, 30> kArrows{{
    {S::Draft, S::Submitted},
    {S::Draft, S::Closed},  // withdrawn before submission
    {S::Submitted, S::ClinicalCheck},
    {S::Submitted, S::Closed},  // withdrawn
    {S::ClinicalCheck, S::QuoteObtained},
    {S::ClinicalCheck, S::Closed},  // withdrawn
    {S::QuoteObtained, S::AwaitingApproval},
    {S::QuoteObtained, S::Closed},  // withdrawn
    {S::AwaitingApproval, S::Approved},  // decision
    {S::AwaitingApproval, S::Rejected},  // decision
    {S::AwaitingApproval, S::Closed},  // withdrawn while waiting for a decision
    {S::Approved, S::ProviderInstructed},
    {S::Approved, S::Closed},  // withdrawn before the provider is instructed: releases the commitment
    {S::Rejected, S::Closed},
    {S::ProviderInstructed, S::InTherapy},
    {S::ProviderInstructed, S::Ending},  // the client stops before the first session
    {S::InTherapy, S::ReviewDue},
    {S::ReviewDue, S::InTherapy},
    {S::InTherapy, S::ExtensionRequested},
    {S::ReviewDue, S::ExtensionRequested},
    {S::ExtensionRequested, S::ApprovedExtension},  // decision
    {S::ExtensionRequested, S::Ending},  // decision (refused)
    {S::ApprovedExtension, S::InTherapy},
    {S::ApprovedExtension, S::Completed},
    {S::InTherapy, S::Ending},
    {S::ReviewDue, S::Ending},
    {S::InTherapy, S::Completed},
    {S::Ending, S::Completed},
    {S::Completed, S::Reconciled},
    {S::Reconciled, S::Closed},
}};

}  // namespace

QString modalityId(Modality m) { return idOf(kModalities, m); }
std::optional<Modality> modalityFromId(const QString& id) { return fromId(kModalities, id); }
QString modalityLabel(Modality m) { return idOf(kModalityLabels, m); }
QString deliveryId(Delivery d) { return idOf(kDeliveries, d); }
std::optional<Delivery> deliveryFromId(const QString& id) { return fromId(kDeliveries, id); }
QString deliveryLabel(Delivery d) { return idOf(kDeliveryLabels, d); }
QString fundingRouteId(FundingRoute f) { return idOf(kRoutes, f); }
std::optional<FundingRoute> fundingRouteFromId(const QString& id) { return fromId(kRoutes, id); }
QString fundingRouteLabel(FundingRoute f) { return idOf(kRouteLabels, f); }
QString riskLevelId(RiskLevel r) { return idOf(kRisks, r); }
std::optional<RiskLevel> riskLevelFromId(const QString& id) { return fromId(kRisks, id); }
QString riskLevelLabel(RiskLevel r) { return idOf(kRiskLabels, r); }
QString statusId(RequestStatus s) { return idOf(kStatuses, s); }
std::optional<RequestStatus> statusFromId(const QString& id) { return fromId(kStatuses, id); }
QString statusLabel(RequestStatus s) { return idOf(kStatusLabels, s); }
QString sessionOutcomeId(SessionOutcome o) { return idOf(kOutcomes, o); }
std::optional<SessionOutcome> sessionOutcomeFromId(const QString& id) { return fromId(kOutcomes, id); }
QString sessionOutcomeLabel(SessionOutcome o) { return idOf(kOutcomeLabels, o); }

std::vector<Modality> allModalities()
{
    std::vector<Modality> all;
    for (const auto& [m, id] : kModalities) {
        all.push_back(m);
    }
    return all;
}

std::vector<RequestStatus> allStatuses()
{
    std::vector<RequestStatus> all;
    for (const auto& [s, id] : kStatuses) {
        all.push_back(s);
    }
    return all;
}

std::vector<RequestStatus> allowedNext(RequestStatus from)
{
    std::vector<RequestStatus> next;
    for (RequestStatus to : allStatuses()) {  // workflow order
        if (isAllowed(from, to)) {
            next.push_back(to);
        }
    }
    return next;
}

bool isAllowed(RequestStatus from, RequestStatus to)
{
    for (const auto& [a, b] : kArrows) {
        if (a == from && b == to) {
            return true;
        }
    }
    return false;
}

bool isDecision(RequestStatus from, RequestStatus to)
{
    return (from == S::AwaitingApproval && (to == S::Approved || to == S::Rejected))
        || (from == S::ExtensionRequested && (to == S::ApprovedExtension || to == S::Ending));
}

QString transitionRefusal(RequestStatus from, RequestStatus to)
{
    if (isAllowed(from, to)) {
        return {};
    }
    const QString a = statusLabel(from).toLower();
    const QString b = statusLabel(to).toLower();
    if (from == to) {
        return QStringLiteral("The request is already %1.").arg(a);
    }
    if (from == S::Closed) {
        return QStringLiteral("The request is closed: nothing more can happen to it. Start a new request if the "
                              "client needs more therapy.");
    }
    if (to == S::Approved || to == S::Rejected) {
        return QStringLiteral("A request can only be approved or rejected while it is awaiting approval (it is %1 "
                              "now).").arg(a);
    }
    if (to == S::ApprovedExtension) {
        return QStringLiteral("An extension can only be approved after one has been asked for (the request is %1 "
                              "now).").arg(a);
    }
    const std::vector<RequestStatus> next = allowedNext(from);
    QStringList names;
    for (RequestStatus s : next) {
        names << statusLabel(s).toLower();
    }
    const QString options = names.isEmpty() ? QStringLiteral("nothing") : names.join(QStringLiteral(", "));
    switch (to) {
    case S::ProviderInstructed:
        return QStringLiteral("The provider can only be instructed once the request is approved (it is %1 now).").arg(a);
    case S::InTherapy:
    case S::ReviewDue:
    case S::ExtensionRequested:
    case S::Ending:
    case S::Completed:
        if (static_cast<int>(from) < static_cast<int>(S::ProviderInstructed) || from == S::Rejected) {
            return QStringLiteral("A request that is %1 cannot be marked %2: it must be approved and the provider "
                                  "instructed first.").arg(a, b);
        }
        break;
    case S::Reconciled:
        return QStringLiteral("Only a completed request can be reconciled (it is %1 now).").arg(a);
    default:
        break;
    }
    return QStringLiteral("A request that is %1 cannot be marked %2. From %1 it can go to: %3.").arg(a, b, options);
}

bool isPayable(RequestStatus s)
{
    switch (s) {
    case S::ProviderInstructed:
    case S::InTherapy:
    case S::ReviewDue:
    case S::ExtensionRequested:
    case S::Completed:
        return true;  // exactly DOMAIN §7.3's list: after an extension decision, therapy resumes or completes first
    default:
        return false;
    }
}

bool isEditable(RequestStatus s)
{
    return s == S::Draft || s == S::Submitted || s == S::ClinicalCheck || s == S::QuoteObtained;
}

bool needsSupervisor(RequestStatus from, RequestStatus to)
{
    return to == S::Reconciled || (from == S::Reconciled && to == S::Closed);
}

bool acceptsSessions(RequestStatus s)
{
    switch (s) {
    case S::ProviderInstructed:
    case S::InTherapy:
    case S::ReviewDue:
    case S::ExtensionRequested:
    case S::ApprovedExtension:
    case S::Ending:
        return true;
    default:
        return false;
    }
}

bool commitsBudget(RequestStatus s)
{
    switch (s) {
    case S::Approved:
    case S::ProviderInstructed:
    case S::InTherapy:
    case S::ReviewDue:
    case S::ExtensionRequested:
    case S::ApprovedExtension:
    case S::Ending:
    case S::Completed:
        return true;
    default:
        return false;
    }
}

qint64 vatOn(qint64 netPence)
{
    // 20 %, half up: (net × 20 + 50) / 100, for non-negative amounts; symmetric for refunds.
    if (netPence < 0) {
        return -vatOn(-netPence);
    }
    return (netPence * 20 + 50) / 100;
}

qint64 capFor(int sessions, qint64 costPerSessionPence, qint64 feesPence, bool vat)
{
    if (sessions <= 0 && feesPence <= 0) {
        return 0;
    }
    const qint64 net = static_cast<qint64>(std::max(sessions, 0)) * costPerSessionPence + feesPence;
    return vat ? net + vatOn(net) : net;
}

QString gbp(qint64 pence)
{
    const bool negative = pence < 0;
    const qint64 abs = negative ? -pence : pence;
    const QString pounds = QLocale(QLocale::English, QLocale::UnitedKingdom).toString(abs / 100);
    return QStringLiteral("%1£%2.%3")
        .arg(negative ? QStringLiteral("-") : QString(), pounds)
        .arg(abs % 100, 2, 10, QLatin1Char('0'));
}

QString decimalPounds(qint64 pence)
{
    const qint64 abs = pence < 0 ? -pence : pence;
    return QStringLiteral("%1%2.%3")
        .arg(pence < 0 ? QStringLiteral("-") : QString())
        .arg(abs / 100)
        .arg(abs % 100, 2, 10, QLatin1Char('0'));
}

int fundYearOf(const QDate& date, int startMonth)
{
    return date.month() >= startMonth ? date.year() : date.year() - 1;
}

QDate fundYearStart(int year, int startMonth)
{
    return QDate(year, startMonth, 1);
}

QDate fundYearEnd(int year, int startMonth)
{
    return fundYearStart(year, startMonth).addYears(1).addDays(-1);
}

QString fundYearLabel(int year, int startMonth)
{
    if (startMonth == 1) {
        return QString::number(year);
    }
    return QStringLiteral("%1/%2").arg(year).arg((year + 1) % 100, 2, 10, QLatin1Char('0'));
}

}  // namespace claimdesk::core::therapy
