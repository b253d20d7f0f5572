#pragma once

#include "common/Error.h"
#include "therapy/TherapyTypes.h"

#include <QDate>
#include <QString>

#include <functional>
#include <memory>

class QWidget;

namespace claimdesk::ui {

class Prompter;
class VaultSession;

// The supervisor's decisions and payments, shared by the case's Therapy tab and the fund window: each opens its
// dialog (open(), never exec()), asks core on OK, and keeps the dialog — with what was typed — when core refuses.
struct TherapyFlowContext {
    QWidget* parent = nullptr;
    VaultSession* session = nullptr;
    Prompter* prompter = nullptr;
    QDate today;
    // After a change core accepted (a status-bar sentence) or after a conflict (empty): reload what is shown.
    std::function<void(const QString& message)> changed;
};

namespace therapyflows {

// Core refused a change of request `requestId`: the sentence for the dialog. A conflicting edit (someone else changed
// the request meanwhile) is also reported through the Prompter, the screen reloads, and `version` becomes the
// version now stored — so pressing OK again applies what was typed to the request as it now is, knowingly.
QString refusal(const TherapyFlowContext& context, qint64 requestId, const std::shared_ptr<int>& version,
                const core::Error& error);
QString busyText();

void approve(const TherapyFlowContext& context, const core::therapy::TherapyRequest& request);
void reject(const TherapyFlowContext& context, const core::therapy::TherapyRequest& request);
void approveExtension(const TherapyFlowContext& context, const core::therapy::TherapyRequest& request);
void refuseExtension(const TherapyFlowContext& context, const core::therapy::TherapyRequest& request);
void pay(const TherapyFlowContext& context, const core::therapy::Invoice& invoice);

// Why `username` (a supervisor or not) may not decide `request`; empty when they may.
QString decisionRefusal(const core::therapy::TherapyRequest& request, const QString& username, bool supervisor);

}  // namespace therapyflows

}  // namespace claimdesk::ui
