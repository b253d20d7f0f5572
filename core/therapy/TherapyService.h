#pragma once

#include "cases/CaseTypes.h"
#include "common/Result.h"
#include "therapy/TherapyTypes.h"

#include <QDate>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace claimdesk::core {

class CaseService;
class Vault;

namespace deadlines {
class DeadlineService;
}

namespace sql {
class Connection;
}

namespace therapy {

// What a supervisor decides when approving (or approving an extension).
struct ApprovalInput {
    int sessions = 0;  // approve: sessions approved (≤ requested); extension: extra sessions (≤ asked for)
    QString conditions;
    QDate reviewOn;  // optional review date
    int reviewAfterSessions = 0;  // optional review point (0: keep)
    // Needed when the cap (or the extra) exceeds the fund year's remaining budget: the supervisor's reason.
    QString budgetOverrideReason;
};

// The overdue reviews, invoices awaiting payment and approval queue of the fund window.
struct FundQueues {
    std::vector<TherapyRequest> awaitingApproval;  // AwaitingApproval and ExtensionRequested
    std::vector<TherapyRequest> reviewsDue;  // ReviewDue, or a review date that has passed
    std::vector<Invoice> awaitingPayment;  // outstanding, not disputed, oldest due first
};

// The therapy fund (DOMAIN.md §7) with permission checks and an audit entry for every change.
//
// Who may do what:
// - anyone who may open the case (fee earners, supervisors): draft, edit a draft, move it through submission,
//   clinical check, quote and instruction; log sessions; record invoices; ask for an extension; record
//   recovery; add providers and their bank details.
// - a supervisor who is not the requester and whose authority limit covers the cap: approve, reject, decide
//   an extension; override the budget with a reason.
// - a supervisor other than the person who entered a provider's bank details: mark them verified by
//   call-back (changing the details clears the mark).
// - supervisors: pay invoices (to verified bank details only), write off, set the year's allocation, read the
//   fund report and queues. Admins: set authority limits and the fund year's start month.
// - accounts (no case files): the payment side only — the providers (read), the invoices awaiting payment (queues()
//   with the request queues empty) and paying them, with the same rules as a supervisor; a restricted case's invoices
//   only when named on it. Bank-detail verification stays with supervisors. docs/PERMISSIONS.md has the matrix.
//
// Every change of a request is checked against the version the caller read: a request changed meanwhile
// (another supervisor approved it first) gives ConflictingEdit naming who and when, and nothing is written.
// The fund report as CSV (the CLI's `therapy report --csv` and the fund window's export): a header, one row per
// request, then a Total row; money in pence; cells a spreadsheet would run as formulas neutralised. No BOM.
QString fundReportCsv(const FundReport& report);

class TherapyService {
public:
    TherapyService(Vault& vault, CaseService& cases, deadlines::DeadlineService& deadlines);

    // Providers.
    Result<std::vector<Provider>> providers(bool includeInactive = false);
    Result<Provider> provider(qint64 id);
    Result<Provider> saveProvider(const Provider& provider);  // id 0: add; else update at provider.version
    Result<Provider> verifyProviderBank(qint64 providerId, int expectedVersion);

    // Requests on a case.
    Result<std::vector<TherapyRequest>> requests(qint64 caseId);
    Result<TherapyRequest> request(qint64 requestId);
    Result<TherapyRequest> createRequest(const TherapyRequest& draft);  // saved as Draft
    // Edits the request's details while it is Draft … QuoteObtained (approved figures only change by decision).
    Result<TherapyRequest> updateRequest(const TherapyRequest& edited);
    // A plain workflow step (not a decision): submit, clinical check, quote obtained, send for approval,
    // instruct provider, start therapy, review due/done, ending, completed, reconciled, closed.
    Result<TherapyRequest> transition(qint64 requestId, RequestStatus to, int expectedVersion, const QString& note = {});
    Result<TherapyRequest> approve(qint64 requestId, const ApprovalInput& input, int expectedVersion);
    Result<TherapyRequest> reject(qint64 requestId, const QString& reason, int expectedVersion);
    Result<TherapyRequest> requestExtension(qint64 requestId, int sessions, const QString& reason, int expectedVersion);
    Result<TherapyRequest> approveExtension(qint64 requestId, const ApprovalInput& input, int expectedVersion);
    Result<TherapyRequest> refuseExtension(qint64 requestId, const QString& reason, int expectedVersion);
    Result<std::vector<Decision>> decisions(qint64 requestId);
    // Rehabilitation Code: the compensator received the proposal on `receivedOn`; adds the 21-day reply
    // deadline to the case (DeadlineService, the other side replies).
    Result<TherapyRequest> recordRehabProposal(qint64 requestId, const QDate& receivedOn, int expectedVersion);

    // Sessions. A session past the approved count is kept, flagged, and raises an extension request.
    Result<std::vector<TherapySession>> sessions(qint64 requestId);
    Result<TherapySession> logSession(qint64 requestId, const TherapySession& session);

    // Invoices and payments.
    Result<std::vector<Invoice>> invoices(qint64 requestId);
    Result<Invoice> addInvoice(qint64 requestId, const Invoice& invoice);
    Result<Invoice> setInvoiceDisputed(qint64 invoiceId, bool disputed, const QString& reason);
    Result<std::vector<Payment>> payments(qint64 requestId);
    Result<Payment> pay(qint64 invoiceId, const Payment& payment);

    // Recovery at settlement.
    Result<TherapyRequest> recordRecovery(qint64 requestId, bool claimedInSchedule, qint64 recoveredPence,
                                          int expectedVersion);
    Result<TherapyRequest> writeOff(qint64 requestId, qint64 amountPence, const QString& reason, int expectedVersion);

    // The fund.
    int yearStartMonth();  // 1–12, default 4 (April)
    Result<void> setYearStartMonth(int month);  // admin
    int currentFundYear();
    Result<FundBudget> budget(int year);
    Result<FundBudget> setAllocation(int year, qint64 allocatedPence, const QString& note);  // supervisor
    Result<FundReport> report(int year);  // supervisor
    Result<FundQueues> queues();  // supervisor
    Result<CaseStatement> statement(qint64 caseId);
    // Records that a therapy document leaves the vault — printed, previewed or exported — before it is written
    // (issue 6: every print and export is audited): the fund report of a year (supervisors) or a case's statement
    // (anyone who may open the case). `format`: "pdf", "csv", "print", "json", "text"; `destination`: the file.
    enum class Document { FundReport, Statement };
    Result<void> recordExport(Document document, const QString& subject, const QString& format,
                              const QString& destination = {}, int rows = -1);

    // Approval authority (admin sets; 0: none). Unset limits fall back to the firm default (£3,000).
    Result<qint64> authorityLimit(const QString& username);
    Result<void> setAuthorityLimit(const QString& username, qint64 pence);

    static Result<void> createSchema(sql::Connection& db);  // migration 7

private:
    Result<CaseRecord> requireCase(qint64 caseId);
    Result<TherapyRequest> fetch(qint64 requestId);  // no permission check
    Result<TherapyRequest> requireRequest(qint64 requestId);  // fetch + the case may be opened
    // Who may pay an invoice of the request: a supervisor who may open the case, or accounts (who never open case
    // files) unless the case is restricted and does not name them. Refusals audited.
    Result<void> requirePayer(qint64 requestId);
    // Inside a transaction: the request as stored now, refused with ConflictingEdit unless still at `expectedVersion`.
    Result<TherapyRequest> lockFor(qint64 requestId, int expectedVersion);
    Result<void> store(const TherapyRequest& before, TherapyRequest after, const QString& action,
                       QJsonObject detail = {});
    Result<void> addDecision(const TherapyRequest& before, const TherapyRequest& after, qint64 authorityLimit,
                             const QString& note);
    Result<FundBudget> allocation(int year);  // the year's dates and allocation; nothing committed or paid yet
    Result<FundBudget> computeBudget(int year);
    Result<qint64> limitOf(const QString& username);
    Error refuse(const QString& attempted, const QString& entityId, const QString& message);  // audited
    Result<Provider> fetchProvider(qint64 id);
    QDate today() const;

    Vault& m_vault;
    CaseService& m_cases;
    deadlines::DeadlineService& m_deadlines;
};

}  // namespace therapy
}  // namespace claimdesk::core
