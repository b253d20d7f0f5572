#include "ui/therapy/TherapyText.h"

#include "ui/cases/CaseText.h"
#include "ui/session/VaultSession.h"

#include <QCoreApplication>

namespace claimdesk::ui {

using namespace core::therapy;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("TherapyText", text);
}

}  // namespace

core::therapy::TherapyService* availableTherapy(const VaultSession& session)
{
    return session.isBusy() ? nullptr : session.therapy();
}

QString therapyStatusName(RequestStatus status)
{
    return statusLabel(status);
}

QString modalityName(Modality modality)
{
    return modalityLabel(modality);
}

QString modalityText(const TherapyRequest& request)
{
    if (request.modality == Modality::Other && !request.modalityOther.trimmed().isEmpty()) {
        return tr("Other: %1").arg(request.modalityOther.trimmed());
    }
    return modalityName(request.modality);
}

QString deliveryName(Delivery delivery)
{
    return deliveryLabel(delivery);
}

QString fundingRouteName(FundingRoute route)
{
    return fundingRouteLabel(route);
}

QString riskLevelName(RiskLevel risk)
{
    return riskLevelLabel(risk);
}

QString sessionOutcomeName(SessionOutcome outcome)
{
    return sessionOutcomeLabel(outcome);
}

QString stepLabel(RequestStatus from, RequestStatus to)
{
    switch (to) {
    case RequestStatus::Submitted: return tr("Submit");
    case RequestStatus::ClinicalCheck: return tr("Clinical check done");
    case RequestStatus::QuoteObtained: return tr("Quote obtained");
    case RequestStatus::AwaitingApproval: return tr("Send for approval");
    case RequestStatus::ProviderInstructed: return tr("Instruct provider");
    case RequestStatus::InTherapy:
        if (from == RequestStatus::ReviewDue) {
            return tr("Review done");
        }
        if (from == RequestStatus::ApprovedExtension) {
            return tr("Resume therapy");
        }
        return tr("Start therapy");
    case RequestStatus::ReviewDue: return tr("Review due");
    case RequestStatus::Ending: return tr("Ending");
    case RequestStatus::Completed: return tr("Completed");
    case RequestStatus::Reconciled: return tr("Reconciled");
    case RequestStatus::Closed:
        return static_cast<int>(from) <= static_cast<int>(RequestStatus::AwaitingApproval) ? tr("Withdraw")
                                                                                         : tr("Close");
    default: return therapyStatusName(to);
    }
}

QString stepHint(RequestStatus from, RequestStatus to)
{
    switch (to) {
    case RequestStatus::Submitted: return tr("Submit the request for the clinical check.");
    case RequestStatus::ClinicalCheck: return tr("The clinical basis (recommendation, diagnosis, risk) was checked.");
    case RequestStatus::QuoteObtained: return tr("The provider's quote is in: cost per session and fees are entered.");
    case RequestStatus::AwaitingApproval: return tr("Ask a supervisor to approve the therapy (four eyes).");
    case RequestStatus::ProviderInstructed: return tr("The provider was instructed to start.");
    case RequestStatus::InTherapy:
        return from == RequestStatus::ReviewDue ? tr("The review was held: therapy carries on.")
                                                : tr("Therapy has started: sessions can be logged.");
    case RequestStatus::ReviewDue: return tr("The review point was reached: hold the review.");
    case RequestStatus::Ending: return tr("Therapy is ending: the last sessions are being held.");
    case RequestStatus::Completed: return tr("Therapy is finished.");
    case RequestStatus::Reconciled: return tr("Every invoice is paid or disputed and the figures are checked.");
    case RequestStatus::Closed:
        return static_cast<int>(from) <= static_cast<int>(RequestStatus::AwaitingApproval)
            ? tr("Withdraw the request: nothing more happens to it.")
            : tr("Close the request: nothing more happens to it.");
    default: return {};
    }
}


QString sessionsText(const TherapyRequest& request)
{
    if (request.sessionsApproved > 0) {
        return QStringLiteral("%1 / %2").arg(request.sessionsUsed).arg(request.sessionsApproved);
    }
    return tr("%1 requested").arg(request.sessionsRequested);
}

QString paidText(const TherapyRequest& request)
{
    if (request.sessionsApproved > 0 || request.capPence() > 0) {
        return QStringLiteral("%1 / %2").arg(money(request.paidPence), money(request.capPence()));
    }
    const qint64 quote = request.requestedCapPence();
    return quote > 0 ? tr("quote %1").arg(money(quote)) : tr("no quote yet");
}

QColor safeguardingRed()
{
    return {0xa1, 0x1d, 0x12};
}

QColor unverifiedAmber()
{
    return {0x9a, 0x5b, 0x00};
}

RiskBadge riskBadge(RiskLevel risk)
{
    switch (risk) {
    case RiskLevel::SeriousRisk: return {riskLevelName(risk), safeguardingRed(), Qt::white};
    case RiskLevel::RiskNoted: return {riskLevelName(risk), QColor(0xfd, 0xf3, 0xe1), QColor(0x7a, 0x4e, 0x00)};
    case RiskLevel::NoneDisclosed: return {riskLevelName(risk), QColor(0xe5, 0xf4, 0xe8), QColor(0x1e, 0x5a, 0x2c)};
    case RiskLevel::NotScreened: break;
    }
    return {riskLevelName(risk), QColor(), QColor(0x55, 0x5f, 0x6b)};
}

}  // namespace claimdesk::ui
