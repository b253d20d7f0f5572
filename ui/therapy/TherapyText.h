#pragma once

#include "therapy/TherapyTypes.h"

#include <QColor>
#include <QString>

namespace claimdesk::core::therapy {
class TherapyService;
}

namespace claimdesk::ui {

class VaultSession;

// The session's therapy service if the therapy screens may use it now: nullptr while the vault is locked or a
// background task (the case list loading) holds the vault's connection. Ask again for every action.
core::therapy::TherapyService* availableTherapy(const VaultSession& session);

// The therapy vocabulary as the screens show it (core's plain-English labels, translatable here).
QString therapyStatusName(core::therapy::RequestStatus status);
QString modalityName(core::therapy::Modality modality);
QString modalityText(const core::therapy::TherapyRequest& request);  // "Other: art therapy" for Other
QString deliveryName(core::therapy::Delivery delivery);
QString fundingRouteName(core::therapy::FundingRoute route);
QString riskLevelName(core::therapy::RiskLevel risk);
QString sessionOutcomeName(core::therapy::SessionOutcome outcome);

// The button that moves a request from `from` to `to` as a plain workflow step ("Submit", "Clinical check done",
// "Instruct provider", "Review done" …).
QString stepLabel(core::therapy::RequestStatus from, core::therapy::RequestStatus to);
// What the step does, for its tooltip.
QString stepHint(core::therapy::RequestStatus from, core::therapy::RequestStatus to);

// "3 / 12" (used / approved), or "12 requested" before approval.
QString sessionsText(const core::therapy::TherapyRequest& request);
// "£270.00 / £1,080.00" (paid / cap), or "quote £1,080.00" before approval.
QString paidText(const core::therapy::TherapyRequest& request);

// Badge colours for a risk level (serious risk in the app's safeguarding red). Invalid fill: plain text.
struct RiskBadge {
    QString label;
    QColor fill;
    QColor text;
};
RiskBadge riskBadge(core::therapy::RiskLevel risk);
QColor safeguardingRed();  // the case list's "Safeguarding" badge
QColor unverifiedAmber();  // text colour for unverified bank details

}  // namespace claimdesk::ui
