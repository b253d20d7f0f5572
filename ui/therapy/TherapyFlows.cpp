#include "ui/therapy/TherapyFlows.h"

#include "ui/cases/CaseText.h"
#include "ui/cases/StaffNames.h"
#include "ui/common/ErrorText.h"
#include "ui/common/Prompter.h"
#include "ui/session/VaultSession.h"
#include "ui/therapy/TherapyDialogs.h"
#include "ui/therapy/TherapyText.h"

#include "therapy/TherapyService.h"

#include <QCoreApplication>
#include <QWidget>

namespace claimdesk::ui::therapyflows {

using namespace core::therapy;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("TherapyFlows", text);
}

void show(QDialog* dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

TherapyService* service(const TherapyFlowContext& c)
{
    return availableTherapy(*c.session);
}

QString nameOf(const TherapyFlowContext& c, const QString& username)
{
    if (auto users = c.session->users()) {
        return StaffNames(*users).nameOf(username);
    }
    return username;
}

}  // namespace

QString busyText()
{
    return tr("The vault is busy or locked. Try again in a moment.");
}

QString refusal(const TherapyFlowContext& c, qint64 requestId, const std::shared_ptr<int>& version,
                const core::Error& error)
{
    if (error.code != core::ErrorCode::ConflictingEdit) {
        return describe(error);
    }
    c.prompter->reportError(c.parent, tr("Someone else changed this request"), error);
    if (c.changed) {
        c.changed(QString());
    }
    if (TherapyService* s = service(c)) {
        if (auto fresh = s->request(requestId)) {
            *version = fresh->version;
        }
    }
    return tr("%1\nYour version is still in this form. Press OK again to save yours over theirs (their change to "
              "these fields is replaced and both saves stay in the audit trail), or Cancel to keep theirs.")
        .arg(describe(error));
}

QString decisionRefusal(const TherapyRequest& request, const QString& username, bool supervisor)
{
    if (!supervisor) {
        return tr("Only a supervisor can decide on therapy funding.");
    }
    if (request.hidden) {
        return tr("A restricted case you may not open: ask its supervisor.");
    }
    if (request.requester == username) {
        return tr("You asked for this therapy: another supervisor must decide (four eyes).");
    }
    if (request.status == core::therapy::RequestStatus::AwaitingApproval
        && (request.submittedBy == username || request.figuresEditedBy == username)) {
        return tr("You sent this request for approval or changed its figures: another supervisor must decide (four "
                  "eyes).");
    }
    if (request.status == core::therapy::RequestStatus::ExtensionRequested && request.extensionRequestedBy == username) {
        return tr("You asked for this extension: another supervisor must decide (four eyes).");
    }
    return {};
}

void approve(const TherapyFlowContext& c, const TherapyRequest& request)
{
    TherapyService* s = service(c);
    if (s == nullptr) {
        return;
    }
    // Core checks every decision against the fund year of the day it is taken.
    std::optional<qint64> remaining;
    if (auto budget = s->budget(s->currentFundYear())) {
        remaining = budget->remainingPence;
    }
    std::optional<qint64> limit;
    if (auto l = s->authorityLimit(c.session->currentUser().username)) {
        limit = *l;
    }
    auto version = std::make_shared<int>(request.version);
    const qint64 id = request.id;
    const QString reference = request.caseReference;
    auto* dialog = new DecisionDialog(
        DecisionDialog::Mode::Approve, request, nameOf(c, request.requester), remaining, limit,
        [c, id, version, reference](const ApprovalInput& input) -> QString {
            TherapyService* live = service(c);
            if (live == nullptr) {
                return busyText();
            }
            auto approved = live->approve(id, input, *version);
            if (!approved) {
                return refusal(c, id, version, approved.error());
            }
            c.changed(tr("%1: therapy approved (sessions: %2, cap %3).")
                          .arg(reference)
                          .arg(approved->sessionsApproved)
                          .arg(money(approved->capPence())));
            return {};
        },
        c.parent);
    show(dialog);
}

void approveExtension(const TherapyFlowContext& c, const TherapyRequest& request)
{
    TherapyService* s = service(c);
    if (s == nullptr) {
        return;
    }
    // An extension draws on the fund year the request was approved in.
    std::optional<qint64> remaining;
    if (auto budget = s->budget(request.fundYear > 0 ? request.fundYear : s->currentFundYear())) {
        remaining = budget->remainingPence;
    }
    std::optional<qint64> limit;
    if (auto l = s->authorityLimit(c.session->currentUser().username)) {
        limit = *l;
    }
    auto version = std::make_shared<int>(request.version);
    const qint64 id = request.id;
    const QString reference = request.caseReference;
    auto* dialog = new DecisionDialog(
        DecisionDialog::Mode::ApproveExtension, request, nameOf(c, request.requester), remaining, limit,
        [c, id, version, reference](const ApprovalInput& input) -> QString {
            TherapyService* live = service(c);
            if (live == nullptr) {
                return busyText();
            }
            auto approved = live->approveExtension(id, input, *version);
            if (!approved) {
                return refusal(c, id, version, approved.error());
            }
            c.changed(tr("%1: extension approved (sessions in all: %2, cap %3).")
                          .arg(reference)
                          .arg(approved->sessionsApproved)
                          .arg(money(approved->capPence())));
            return {};
        },
        c.parent);
    show(dialog);
}

namespace {

void refuseWithReason(const TherapyFlowContext& c, const TherapyRequest& request, bool extension)
{
    auto version = std::make_shared<int>(request.version);
    const qint64 id = request.id;
    const QString reference = request.caseReference;
    auto* dialog = new TherapyFormDialog(
        extension ? tr("Refuse extension — %1").arg(reference) : tr("Reject therapy request — %1").arg(reference),
        extension ? tr("Refuse more sessions for %1").arg(reference) : tr("Reject the therapy request for %1").arg(reference),
        extension ? tr("Therapy moves to ending with the sessions already approved. The fee earner sees your reason.")
                  : tr("The fee earner sees your reason. A rejected request can only be closed; a new request can be "
                       "made if things change."),
        extension ? tr("&Refuse extension") : tr("&Reject"), c.parent);
    dialog->setObjectName(extension ? QStringLiteral("RefuseExtensionDialog") : QStringLiteral("RejectDialog"));
    dialog->addText(QStringLiteral("reason"), tr("&Reason:"), QString(), true, true);
    dialog->setSubmit([c, id, version, reference, extension](const TherapyFormDialog& form) -> QString {
        TherapyService* s = service(c);
        if (s == nullptr) {
            return busyText();
        }
        auto done = extension ? s->refuseExtension(id, form.text(QStringLiteral("reason")), *version)
                              : s->reject(id, form.text(QStringLiteral("reason")), *version);
        if (!done) {
            return refusal(c, id, version, done.error());
        }
        c.changed(extension ? tr("%1: extension refused.").arg(reference) : tr("%1: therapy request rejected.").arg(reference));
        return {};
    });
    show(dialog);
}

}  // namespace

void reject(const TherapyFlowContext& c, const TherapyRequest& request)
{
    refuseWithReason(c, request, false);
}

void refuseExtension(const TherapyFlowContext& c, const TherapyRequest& request)
{
    refuseWithReason(c, request, true);
}

void pay(const TherapyFlowContext& c, const Invoice& invoice)
{
    const qint64 invoiceId = invoice.id;
    const QString reference = invoice.caseReference;
    const QString number = invoice.number;
    auto* dialog = new TherapyFormDialog(
        tr("Pay invoice — %1").arg(reference), tr("Pay invoice %1 from %2").arg(number, invoice.providerName),
        tr("Outstanding %1 of %2, due %3. Payments go only to bank details verified by call-back, and never beyond "
           "the approved cap.")
            .arg(money(invoice.outstandingPence()), money(invoice.amountPence), ukDate(invoice.dueOn)),
        tr("&Record payment"), c.parent);
    dialog->setObjectName(QStringLiteral("PayDialog"));
    dialog->addDate(QStringLiteral("paidOn"), tr("&Paid on:"), c.today, true);
    dialog->addAmount(QStringLiteral("amount"), tr("&Amount:"), invoice.outstandingPence(), true);
    dialog->addChoice(QStringLiteral("method"), tr("&Method:"),
                      {tr("BACS"), tr("Faster Payment"), tr("Cheque")}, true);
    dialog->addText(QStringLiteral("reference"), tr("&Reference:"), QString(), false, false,
                    tr("e.g. the bank's payment reference"));
    dialog->addChoice(QStringLiteral("paidFrom"), tr("Paid &from:"),
                      {tr("Office account"), tr("Disbursement ledger")}, true);
    dialog->addNote(tr("Which account therapy is paid from follows the firm's SRA Accounts Rules advice (to be "
                       "confirmed)."));
    dialog->setSubmit([c, invoiceId, reference, number](const TherapyFormDialog& form) -> QString {
        TherapyService* s = service(c);
        if (s == nullptr) {
            return busyText();
        }
        Payment p;
        p.invoiceId = invoiceId;
        p.paidOn = form.date(QStringLiteral("paidOn"));
        p.amountPence = form.amount(QStringLiteral("amount")).value_or(0);
        p.method = form.choiceText(QStringLiteral("method"));
        p.reference = form.text(QStringLiteral("reference"));
        p.paidFrom = form.choiceText(QStringLiteral("paidFrom"));
        auto paid = s->pay(invoiceId, p);
        if (!paid) {
            return describe(paid.error());
        }
        c.changed(tr("%1: %2 paid on invoice %3.").arg(reference, money(paid->amountPence), number));
        return {};
    });
    show(dialog);
}

}  // namespace claimdesk::ui::therapyflows
