#pragma once

// The therapy fund as plain values and pure rules (DOMAIN.md §7): providers, requests and their state machine,
// sessions, invoices, payments, recovery and the fund's yearly budget. Money is integer pence throughout.

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <optional>
#include <vector>

namespace claimdesk::core::therapy {

enum class Modality { TraumaFocusedCbt, Emdr, Cbt, Psychodynamic, Dbt, Cat, Counselling, Group, Other };
enum class Delivery { InPerson, Video, Phone };
// DOMAIN §7.1: how the therapy is expected to be paid for in the end. Everything recorded here is paid by the firm
// from the fund first; the route says where recovery is expected from. A Rehabilitation Code request also
// creates the 21-day reply deadline when the compensator receives the proposal.
enum class FundingRoute { FirmFund, RehabilitationCode, InterimPayment, Other };
// From the case's safeguarding screen (DOMAIN §6.3), refreshed on every change of the request.
enum class RiskLevel { NotScreened, NoneDisclosed, RiskNoted, SeriousRisk };

// DOMAIN §7.3. DRAFT → SUBMITTED → CLINICAL_CHECK → QUOTE_OBTAINED → AWAITING_APPROVAL → APPROVED | REJECTED →
// PROVIDER_INSTRUCTED → IN_THERAPY ⇄ REVIEW_DUE → EXTENSION_REQUESTED → (APPROVED_EXTENSION | ENDING) → COMPLETED
// → RECONCILED → CLOSED. Beyond DOMAIN's diagram (flagged for the supervising solicitor): a request may be
// withdrawn (→ CLOSED) at any point before the provider is instructed, including after approval (which releases
// its commitment); IN_THERAPY may go straight to COMPLETED when the approved sessions ran their course; and
// PROVIDER_INSTRUCTED may go to ENDING when the client stops before the first session.
enum class RequestStatus {
    Draft,
    Submitted,
    ClinicalCheck,
    QuoteObtained,
    AwaitingApproval,
    Approved,
    Rejected,
    ProviderInstructed,
    InTherapy,
    ReviewDue,
    ExtensionRequested,
    ApprovedExtension,
    Ending,
    Completed,
    Reconciled,
    Closed,
};

enum class SessionOutcome { Attended, LateCancelled, DidNotAttend };

// Stable ids ("trauma-focused-cbt", "in-person", "firm-fund", "awaiting-approval", "late-cancelled" …) for
// storage, JSON and the CLI; labels in plain English for people.
QString modalityId(Modality m);
std::optional<Modality> modalityFromId(const QString& id);
QString modalityLabel(Modality m);
QString deliveryId(Delivery d);
std::optional<Delivery> deliveryFromId(const QString& id);
QString deliveryLabel(Delivery d);
QString fundingRouteId(FundingRoute f);
std::optional<FundingRoute> fundingRouteFromId(const QString& id);
QString fundingRouteLabel(FundingRoute f);
QString riskLevelId(RiskLevel r);
std::optional<RiskLevel> riskLevelFromId(const QString& id);
QString riskLevelLabel(RiskLevel r);
QString statusId(RequestStatus s);
std::optional<RequestStatus> statusFromId(const QString& id);
QString statusLabel(RequestStatus s);
QString sessionOutcomeId(SessionOutcome o);
std::optional<SessionOutcome> sessionOutcomeFromId(const QString& id);
QString sessionOutcomeLabel(SessionOutcome o);

std::vector<Modality> allModalities();
std::vector<RequestStatus> allStatuses();

// --- The state machine --------------------------------------------------------------------------------------

// The statuses a request may move to from `from` (in workflow order). Approval, rejection and the extension
// decisions are among them but need TherapyService's four-eyes calls, not a plain transition.
std::vector<RequestStatus> allowedNext(RequestStatus from);
bool isAllowed(RequestStatus from, RequestStatus to);
// Why `from` → `to` is not allowed, in a sentence for people ("A request awaiting approval cannot be marked
// completed: it must be approved and the provider instructed first."); empty when it is allowed.
QString transitionRefusal(RequestStatus from, RequestStatus to);
// Statuses in which invoices may be paid: exactly DOMAIN §7.3's {ProviderInstructed, InTherapy, ReviewDue,
// ExtensionRequested, Completed}.
bool isPayable(RequestStatus s);
// Whether the request's details may still be edited (before it goes for approval).
bool isEditable(RequestStatus s);
// Plain steps that only a supervisor may take (they sign off money): → Reconciled, and Reconciled → Closed.
bool needsSupervisor(RequestStatus from, RequestStatus to);
// Statuses in which sessions may be logged (the provider has been instructed and therapy is not over).
bool acceptsSessions(RequestStatus s);
// Statuses whose unpaid cap is committed against the budget (approved, not yet reconciled).
bool commitsBudget(RequestStatus s);
// Decisions a supervisor takes (four-eyes): AwaitingApproval → Approved/Rejected, ExtensionRequested →
// ApprovedExtension/Ending.
bool isDecision(RequestStatus from, RequestStatus to);

// --- Money ----------------------------------------------------------------------------------------------------

// VAT at the standard rate, 20 %, on `netPence`, rounded half up to the penny. Whether a provider's therapy is
// exempt is UNVERIFIED (DOMAIN §7.2): the request's VAT flag says whether to add it.
qint64 vatOn(qint64 netPence);
// The approved total: sessions × cost per session + assessment/report fees, plus VAT when the flag is set.
qint64 capFor(int sessions, qint64 costPerSessionPence, qint64 feesPence, bool vat);
// "£1,234.50" (used by the CLI's text and the statement; the UI has its own GBP formatting).
QString gbp(qint64 pence);
// "1234.50" for files (CSV, JSON): no currency sign, no thousands separator, "-" when negative.
QString decimalPounds(qint64 pence);

// --- Financial years ----------------------------------------------------------------------------------------

// The fund year a date falls in, named by the calendar year it starts in: with an April start, 3 Mar 2027 is
// in fund year 2026 (2026/27).
int fundYearOf(const QDate& date, int startMonth);
QDate fundYearStart(int year, int startMonth);
QDate fundYearEnd(int year, int startMonth);  // the last day
QString fundYearLabel(int year, int startMonth);  // "2026/27" (a January start: "2026")

// --- Records ------------------------------------------------------------------------------------------------

struct Provider {
    qint64 id = 0;
    QString name;  // the therapist
    QString organisation;
    QString professionalBody;  // HCPC, BACP, UKCP, BPS … (list UNVERIFIED: free text)
    QString registrationNumber;
    QString contact;  // phone, e-mail, address
    int paymentTermsDays = 30;
    QString bankAccountName;
    QString bankSortCode;  // "12-34-56"
    QString bankAccountNumber;  // 8 digits
    QString bankEnteredBy;  // who typed or changed the bank details since they were last confirmed ("sam,sol")
    QString bankVerifiedBy;  // who confirmed them by calling the provider back; empty: not verified
    QDateTime bankVerifiedAtUtc;
    bool active = true;
    int version = 0;

    bool bankVerified() const { return !bankVerifiedBy.isEmpty(); }
    bool hasBankDetails() const { return !bankSortCode.isEmpty() && !bankAccountNumber.isEmpty(); }
};

struct TherapySession {
    qint64 id = 0;
    qint64 requestId = 0;
    QDate heldOn;
    SessionOutcome outcome = SessionOutcome::Attended;
    bool charged = true;  // counts against the approved sessions (the provider charges late cancellations / DNAs)
    bool beyondApproved = false;  // logged when every approved session was used: raised an extension request
    QString note;
    QString recordedBy;
    QDateTime recordedAtUtc;
};

struct Invoice {
    qint64 id = 0;
    qint64 requestId = 0;
    qint64 providerId = 0;  // set by TherapyService from the request (ignored on addInvoice)
    QString number;  // the provider's invoice number
    QDate invoiceDate;
    QDate receivedOn;
    QDate periodFrom;
    QDate periodTo;
    int sessionsCovered = 0;
    qint64 amountPence = 0;
    bool checkedAgainstSessions = false;
    bool disputed = false;
    QString disputeReason;
    QString recordedBy;
    QDateTime recordedAtUtc;
    // Filled by TherapyService.
    qint64 paidPence = 0;
    QDate dueOn;  // received + the provider's payment terms
    QString caseReference;
    QString providerName;
    RequestStatus requestStatus = RequestStatus::Draft;  // payable only while isPayable(requestStatus)

    qint64 outstandingPence() const { return amountPence - paidPence; }
};

struct Payment {
    qint64 id = 0;
    qint64 invoiceId = 0;
    qint64 requestId = 0;
    QDate paidOn;
    qint64 amountPence = 0;
    QString method;  // "BACS", "Faster Payment", "cheque"
    QString reference;
    QString paidFrom;  // office account / disbursement ledger (accounting treatment UNVERIFIED)
    QString paidBy;
    QDateTime recordedAtUtc;
};

// One decision on a request: approval, rejection, extension approved or refused (who, when, authority).
struct Decision {
    qint64 id = 0;
    RequestStatus from = RequestStatus::AwaitingApproval;
    RequestStatus to = RequestStatus::Approved;
    QString by;
    QDateTime atUtc;
    int sessionsApproved = 0;  // total approved after the decision
    qint64 capPence = 0;  // cap after the decision
    qint64 authorityLimitPence = 0;  // the approver's limit at the time
    QString budgetOverrideReason;  // set when the decision exceeded the remaining budget
    QString note;  // conditions, the reason for a refusal
};

struct TherapyRequest {
    qint64 id = 0;
    qint64 caseId = 0;
    QString caseReference;
    int fundYear = 0;  // the budget it draws on: the year it was requested in, then the year it was approved in
    QString requester;  // username
    QString submittedBy;  // who sent it for approval
    QString figuresEditedBy;  // who last changed the sessions, cost, fees, VAT or provider
    QDate requestedOn;
    FundingRoute funding = FundingRoute::FirmFund;
    QString recommendation;  // who recommended it and where (expert/GP report reference)
    QString diagnosis;  // free text (PTSD, complex PTSD, depression …)
    RiskLevel risk = RiskLevel::NotScreened;
    qint64 providerId = 0;  // 0: none chosen yet
    QString providerName;  // filled by TherapyService
    Modality modality = Modality::TraumaFocusedCbt;
    QString modalityOther;  // when modality is Other
    int sessionMinutes = 50;
    Delivery delivery = Delivery::InPerson;
    QString frequency;  // "weekly"
    int sessionsRequested = 0;
    int sessionsApproved = 0;
    qint64 costPerSessionPence = 0;
    bool vat = false;
    qint64 feesPence = 0;  // assessment and report fees
    int reviewAfterSessions = 0;  // 0: no review point
    QDate reviewOn;
    bool recoverabilityAgreed = false;  // recoverability terms agreed with the client
    bool reportsShareable = false;  // progress reports may be shared with the firm
    RequestStatus status = RequestStatus::Draft;
    QString approver;
    QDate decidedOn;
    QString conditions;
    QString budgetOverrideReason;
    QString rejectionReason;
    int extensionSessions = 0;  // asked for in the open extension request
    QString extensionReason;
    QString extensionRequestedBy;  // a username, or "" when a session past the approved count raised it
    QDate rehabProposalReceivedOn;  // Rehabilitation Code: when the compensator received the proposal
    bool claimedInSchedule = false;
    qint64 recoveredPence = 0;
    qint64 writtenOffPence = 0;
    QString writeOffReason;
    int version = 0;
    QDateTime updatedAtUtc;
    QString updatedBy;

    // Derived, filled by TherapyService.
    bool hidden = false;  // a restricted case the user may not open: only the reference, status and money are filled
    int sessionsUsed = 0;  // charged sessions logged
    qint64 invoicedPence = 0;
    qint64 paidPence = 0;

    // The approved total (0 before approval: fees count only once sessions are approved).
    qint64 capPence() const
    {
        return sessionsApproved > 0 ? capFor(sessionsApproved, costPerSessionPence, feesPence, vat) : 0;
    }
    // What the request would cost if every session requested were approved (an open extension not included).
    qint64 requestedCapPence() const
    {
        return capFor(sessionsRequested, costPerSessionPence, feesPence, vat);
    }
    qint64 committedPence() const { return commitsBudget(status) ? std::max<qint64>(capPence() - paidPence, 0) : 0; }
    int sessionsLeft() const { return sessionsApproved - sessionsUsed; }
};

// The fund for one year: allocated − committed − paid = remaining, exactly.
struct FundBudget {
    int year = 0;
    QDate startsOn;
    QDate endsOn;
    qint64 allocatedPence = 0;
    qint64 committedPence = 0;  // approved and not yet paid (released when a request is reconciled)
    qint64 paidPence = 0;  // paid on the year's requests
    qint64 remainingPence = 0;  // may be negative after an override
    QString setBy;
    QDateTime setAtUtc;
};

// The `therapy report` rows and totals (CLI --json/--csv, the fund window, the report of issue 6).
struct ReportRow {
    qint64 requestId = 0;
    QString caseReference;
    QString provider;  // "(restricted)" for a restricted case the user may not open
    RequestStatus status = RequestStatus::Draft;
    int approvedSessions = 0;
    qint64 capPence = 0;
    qint64 invoicedPence = 0;
    qint64 paidPence = 0;
    qint64 recoveredPence = 0;
    qint64 writtenOffPence = 0;
};

struct FundReport {
    FundBudget budget;
    std::vector<ReportRow> requests;  // by case reference, then request id
    ReportRow totals;  // sums; caseReference "Total"
};

// What the case's statement of therapy costs (schedule of loss) lists.
struct StatementLine {
    QDate date;
    QString description;  // "Invoice INV-104 (4 sessions, 3 Mar–31 Mar 2026), paid 14 Apr 2026"
    qint64 invoicedPence = 0;
    qint64 paidPence = 0;
};

struct CaseStatement {
    QString caseReference;
    std::vector<TherapyRequest> requests;
    std::vector<StatementLine> lines;  // date order
    qint64 invoicedPence = 0;
    qint64 paidPence = 0;
    qint64 recoveredPence = 0;
    qint64 writtenOffPence = 0;
    qint64 outstandingPence = 0;  // paid − recovered − written off: still to recover
};

}  // namespace claimdesk::core::therapy
