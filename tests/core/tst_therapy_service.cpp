// TherapyService (core/therapy/TherapyService.h; DOMAIN.md §7; issue 5) on a real encrypted vault shared by the
// people of a small firm (TestFirm), each on their own Vault object: the workflow from draft to closed, four-eyes
// decisions and authority limits, the fund's budget arithmetic with overrides, payment controls, bank-detail
// verification, duplicate invoices, sessions past the approved count, the Rehabilitation Code deadline, two
// supervisors deciding at once, restricted cases and the case statement.
//
// Error codes are pinned where the header implies them (PermissionDenied for who-may-do-what, ConflictingEdit for
// a stale version, InvalidInput for an illegal transition); other refusals are checked as refusals with a message.

#include "ResultAsserts.h"
#include "TestFirm.h"

#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "store/AuditLog.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

using namespace claimdesk::core;
using namespace claimdesk::core::therapy;
using claimdesk::test::TestFirm;
using S = RequestStatus;

// A refusal whose code the header does not settle: not a success, not an internal error, and a message for people.
#define QVERIFY_REFUSED(expr)                                                                                          \
    do {                                                                                                               \
        const auto& refused_ = (expr);                                                                                 \
        QVERIFY2(!refused_.ok(), "expected a refusal, got success");                                                   \
        QVERIFY2(refused_.error().code != ErrorCode::Internal, qPrintable(refused_.error().message));                  \
        QVERIFY2(!refused_.error().message.trimmed().isEmpty(), "refused without a message");                          \
    } while (false)

// The budget identity of the header: allocated − committed − paid = remaining, exactly.
#define QVERIFY_BUDGET(service, year, allocated, committed, paid, remaining)                                           \
    do {                                                                                                               \
        const auto budget_ = (service).budget(year);                                                                   \
        QVERIFY_OK(budget_);                                                                                           \
        QCOMPARE(budget_->allocatedPence, qint64(allocated));                                                          \
        QCOMPARE(budget_->committedPence, qint64(committed));                                                          \
        QCOMPARE(budget_->paidPence, qint64(paid));                                                                    \
        QCOMPARE(budget_->remainingPence, qint64(remaining));                                                          \
        QCOMPARE(budget_->allocatedPence - budget_->committedPence - budget_->paidPence, budget_->remainingPence);     \
    } while (false)

namespace {

// One person's desk: their vault session and the services over it.
struct Desk {
    explicit Desk(Vault& v) : vault(v), cases(v), deadlines(v, cases), therapy(v, cases, deadlines) {}
    Vault& vault;
    CaseService cases;
    deadlines::DeadlineService deadlines;
    TherapyService therapy;
};

// The firm's fund year on TestFirm::today() (Fri 27 Nov 2026) with the default April start.
constexpr int kYear = 2026;
constexpr qint64 kDefaultAuthority = 300'000;  // £3,000

// A second supervisor, Sue: added by the admin, signed in once to replace the one-time passphrase (as the vault
// requires), then signed in through the firm like everyone else.
Vault& secondSupervisor(TestFirm& firm)
{
    const QString sue = QStringLiteral("sue");
    const QByteArray oneTime = QByteArrayLiteral("one-time passphrase for sue");
    if (auto added = firm.admin().addUser({sue, QStringLiteral("Sue Second"), Role::Supervisor}, oneTime); !added) {
        qFatal("adding sue failed: %s", qPrintable(added.error().message));
    }
    {
        auto first = Vault::unlock(firm.path(), sue, oneTime, firm.options());
        if (!first) {
            qFatal("first sign-in of sue failed: %s", qPrintable(first.error().message));
        }
        if (auto changed = (*first)->changePassphrase(oneTime, TestFirm::passphraseOf(sue)); !changed) {
            qFatal("sue's passphrase change failed: %s", qPrintable(changed.error().message));
        }
    }
    return firm.session(sue);
}

NewCase clientCase(const QString& feeEarner = QStringLiteral("sol"), const QString& supervisor = QStringLiteral("sam"),
                   bool restricted = false)
{
    NewCase n;
    n.client.fullName = QStringLiteral("Morgan Example");
    n.client.dateOfBirth = QDate(1990, 5, 14);
    n.feeEarner = feeEarner;
    n.supervisor = supervisor;
    n.restricted = restricted;
    n.safeguarding.suicidalThoughts = SuicidalThoughts::None;
    Incident incident;
    incident.start = QDate(2001, 3, 1);
    incident.abuseTypes = QStringList {QStringLiteral("sexual")};
    incident.region = Region::EnglandWales;
    n.incidents.push_back(incident);
    return n;
}

Provider providerNamed(const QString& name, const QString& account = QStringLiteral("12345678"))
{
    Provider p;
    p.name = name;
    p.organisation = QStringLiteral("Northern Trauma Clinic");
    p.professionalBody = QStringLiteral("HCPC");
    p.registrationNumber = QStringLiteral("PYL01234");
    p.contact = QStringLiteral("01632 960000");
    p.paymentTermsDays = 30;
    p.bankAccountName = QStringLiteral("Northern Trauma Clinic Ltd");
    p.bankSortCode = QStringLiteral("12-34-56");
    p.bankAccountNumber = account;
    return p;
}

// A provider for requests that never reach payment (the quote needs one; the bank details are never verified).
qint64 quoted(Desk& desk)
{
    auto p = desk.therapy.saveProvider(providerNamed(QStringLiteral("Dr Quinn Quote"), QStringLiteral("99990000")));
    return p ? p->id : -1;
}

TherapyRequest draftFor(qint64 caseId, qint64 providerId, int sessions, qint64 costPerSession, qint64 fees = 0)
{
    TherapyRequest r;
    r.caseId = caseId;
    r.providerId = providerId;
    r.funding = FundingRoute::FirmFund;
    r.recommendation = QStringLiteral("Dr A. Expert, psychiatric report of 2 Oct 2026, para 41");
    r.diagnosis = QStringLiteral("Complex PTSD");
    r.modality = Modality::TraumaFocusedCbt;
    r.sessionMinutes = 50;
    r.delivery = Delivery::InPerson;
    r.frequency = QStringLiteral("weekly");
    r.sessionsRequested = sessions;
    r.costPerSessionPence = costPerSession;
    r.feesPence = fees;
    r.recoverabilityAgreed = true;
    return r;
}

ApprovalInput approving(int sessions, const QString& overrideReason = {})
{
    ApprovalInput a;
    a.sessions = sessions;
    a.conditions = QStringLiteral("Progress report after six sessions");
    a.budgetOverrideReason = overrideReason;
    return a;
}

TherapySession attended(const QDate& on)
{
    TherapySession s;
    s.heldOn = on;
    s.outcome = SessionOutcome::Attended;
    s.charged = true;
    return s;
}

Invoice invoiceFor(const QString& number, int sessions, qint64 amount, const QDate& on)
{
    Invoice i;
    i.number = number;
    i.invoiceDate = on;
    i.receivedOn = on;
    i.periodFrom = on.addDays(-28);
    i.periodTo = on;
    i.sessionsCovered = sessions;
    i.amountPence = amount;
    i.checkedAgainstSessions = true;
    return i;
}

Payment paying(qint64 amount, const QDate& on)
{
    Payment p;
    p.paidOn = on;
    p.amountPence = amount;
    p.method = QStringLiteral("BACS");
    p.reference = QStringLiteral("CLAIMDESK-THERAPY");
    p.paidFrom = QStringLiteral("office account");
    return p;
}

// Plain workflow steps, one after another, each at the version the previous one returned.
Result<TherapyRequest> walk(TherapyService& therapy, TherapyRequest r, const std::vector<S>& steps)
{
    for (S to : steps) {
        auto next = therapy.transition(r.id, to, r.version);
        if (!next) {
            return makeError(next.error().code, QStringLiteral("%1 → %2: %3")
                                                    .arg(statusId(r.status), statusId(to), next.error().message));
        }
        r = *next;
    }
    return r;
}

const std::vector<S> kToApproval = {S::Submitted, S::ClinicalCheck, S::QuoteObtained, S::AwaitingApproval};

// Watches the audit log (read on any connection: it is one table of the shared vault).
class AuditWatch {
public:
    explicit AuditWatch(Vault& vault) : m_vault(vault) { (void)fresh(); }
    // The entries written since the last call.
    std::vector<AuditEntry> fresh()
    {
        std::vector<AuditEntry> out;
        auto all = AuditLog::list(m_vault.connection());
        if (all) {
            for (const AuditEntry& e : *all) {
                if (e.id > m_last) {
                    out.push_back(e);
                }
            }
            for (const AuditEntry& e : *all) {
                m_last = std::max(m_last, e.id);
            }
        }
        return out;
    }

private:
    Vault& m_vault;
    qint64 m_last = 0;
};

// True when a change by `who` was audited since the last look (a refusal or a sign-in does not count).
bool audited(AuditWatch& watch, const QString& who, QString* seen = nullptr)
{
    const auto entries = watch.fresh();
    QStringList actions;
    bool found = false;
    for (const AuditEntry& e : entries) {
        actions << e.username + QLatin1Char(':') + e.action;
        if (e.username == who && e.action != QStringLiteral("permission.denied")
            && !e.action.startsWith(QStringLiteral("vault."))) {
            found = true;
        }
    }
    if (seen) {
        *seen = actions.join(QStringLiteral(", "));
    }
    return found;
}

#define QVERIFY_AUDITED(watch, who)                                                                                    \
    do {                                                                                                               \
        QString seen_;                                                                                                 \
        QVERIFY2(audited((watch), QStringLiteral(who), &seen_),                                                        \
                 qPrintable(QStringLiteral("no audit entry by " who "; new entries: [%1]").arg(seen_)));              \
    } while (false)

// Advances the firm's clock by whole days and returns the new date (sessions are dated when held).
QDate tick(TestFirm& firm, int days)
{
    firm.clock().advanceSeconds(qint64(days) * 86400);
    return firm.clock().nowUtc().date();
}

const ReportRow* rowFor(const FundReport& report, qint64 requestId)
{
    for (const ReportRow& row : report.requests) {
        if (row.requestId == requestId) {
            return &row;
        }
    }
    return nullptr;
}

}  // namespace

class TestTherapyService : public QObject {
    Q_OBJECT

private slots:
    void wholeWorkflowFromDraftToClosedIsAudited();
    void createdRequestIsADraftWhateverTheCallerSays();
    void illegalTransitionsAreRefusedAndChangeNothing();
    void noPlainStepFromAwaitingApproval();
    void closedIsFinalAndTherapyCannotSkipAhead();
    void staleOrOutOfTurnDecisionsAreRefused();
    void decisionsAreNotPlainTransitions();
    void detailsChangeOnlyBeforeApproval();
    void selfApprovalIsRefused();
    void selfRejectionIsRefused();
    void selfRefusalOfAnExtensionIsRefused();
    void onlySupervisorsDecide();
    void authorityLimitIsSetByAnAdminAndBoundsTheCap();
    void budgetArithmeticWithOverridesPaymentsExtensionsAndRelease();
    void unapprovedRequestsHaveNoCapInTheReport();
    void allocationIsForSupervisors();
    void yearStartMonthIsForAdmins();
    void paymentsStayWithinTheCapAndTheInvoice();
    void noPaymentBeforeTheProviderIsInstructed();
    void noPaymentToUnverifiedBankDetails();
    void bankDetailsAreVerifiedBySomeoneElseAndEditingClearsIt();
    void duplicateInvoiceNumberFromTheSameProviderIsRefused();
    void sessionsPastTheApprovedCountRaiseAnExtensionRequest();
    void sessionHeldBeforeAnExtensionDecisionCanBeLoggedAfterIt();
    void sessionBeyondApprovedWhileEndingIsNotSilent();
    void rehabilitationProposalCreatesTheReplyDeadline();
    void rehabilitationProposalDateInADraftStillGetsItsDeadline();
    void twoSupervisorsApprovingTheSameVersion();
    void twoSupervisorsApprovingAtOnceOnTwoThreads();
    void restrictedCaseRequestsAreHidden();
    void restrictedCaseInvoicesInThePaymentQueueAreMasked();
    void statementTotalsAreTheSumsOfItsLines();
    void withdrawingAnApprovedRequestReleasesItsCommitment();
    void onlyASupervisorReconcilesOrClosesTheMoney();
    void supervisorWhoAskedForTheExtensionCannotDecideIt();
    void supervisorWhoPricedOrSentTheRequestCannotApproveIt();
    void refusalsInsideADecisionStayInTheAuditLog();
    void vatRoundedPerInvoiceDoesNotBlockTheLastPayment();
    void bankDetailsChangedByTwoPeopleNeedAThird();
    void recoveryOfAClosedRequestCannotChange();
};

// --- The workflow -----------------------------------------------------------------------------------------------

void TestTherapyService::wholeWorkflowFromDraftToClosedIsAudited()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    AuditWatch audit(firm.admin());

    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    auto provider = sol.therapy.saveProvider(providerNamed(QStringLiteral("Dr Rowan Therapist")));
    QVERIFY_OK(provider);
    QCOMPARE(provider->bankEnteredBy, QStringLiteral("sol"));
    QVERIFY(!provider->bankVerified());
    QVERIFY_AUDITED(audit, "sol");
    auto verified = sam.therapy.verifyProviderBank(provider->id, provider->version);
    QVERIFY_OK(verified);
    QCOMPARE(verified->bankVerifiedBy, QStringLiteral("sam"));
    QVERIFY_AUDITED(audit, "sam");
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, QStringLiteral("Board decision, March")));
    QVERIFY_AUDITED(audit, "sam");
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 0, 0, 1'000'000);

    // Draft: 12 sessions of £90 and a £150 assessment requested.
    auto r = sol.therapy.createRequest(draftFor(theCase->id, provider->id, 12, 9000, 15000));
    QVERIFY_OK(r);
    QVERIFY_AUDITED(audit, "sol");
    QCOMPARE(r->status, S::Draft);
    QCOMPARE(r->requester, QStringLiteral("sol"));
    QCOMPARE(r->requestedOn, TestFirm::today());
    QCOMPARE(r->fundYear, kYear);
    QCOMPARE(r->caseReference, theCase->reference);
    QCOMPARE(r->providerName, QStringLiteral("Dr Rowan Therapist"));
    QCOMPARE(r->requestedCapPence(), qint64(123000));
    for (S to : kToApproval) {
        const int before = r->version;
        r = sol.therapy.transition(r->id, to, r->version);
        QVERIFY_OK(r);
        QCOMPARE(r->status, to);
        QVERIFY(r->version > before);
        QVERIFY_AUDITED(audit, "sol");
    }
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 0, 0, 1'000'000);  // nothing committed before approval

    // Approved for 10 sessions: cap 10 × £90 + £150 = £1,050.
    r = sam.therapy.approve(r->id, approving(10), r->version);
    QVERIFY_OK(r);
    QVERIFY_AUDITED(audit, "sam");
    QCOMPARE(r->status, S::Approved);
    QCOMPARE(r->approver, QStringLiteral("sam"));
    QCOMPARE(r->decidedOn, TestFirm::today());
    QCOMPARE(r->sessionsApproved, 10);
    QCOMPARE(r->capPence(), qint64(105000));
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 105000, 0, 895000);

    r = walk(sol.therapy, *r, {S::ProviderInstructed, S::InTherapy});
    QVERIFY_OK(r);
    QVERIFY_AUDITED(audit, "sol");

    // Four sessions, then the first invoice (assessment + 4 sessions), paid in full.
    for (int i = 0; i < 4; ++i) {
        QVERIFY_OK(sol.therapy.logSession(r->id, attended(tick(firm, 7))));
        QVERIFY_AUDITED(audit, "sol");
    }
    const QDate firstInvoiceOn = tick(firm, 1);
    auto inv1 = sol.therapy.addInvoice(r->id, invoiceFor(QStringLiteral("INV-101"), 4, 51000, firstInvoiceOn));
    QVERIFY_OK(inv1);
    QVERIFY_AUDITED(audit, "sol");
    QCOMPARE(inv1->dueOn, firstInvoiceOn.addDays(30));
    QCOMPARE(inv1->providerId, provider->id);
    QCOMPARE(inv1->outstandingPence(), qint64(51000));
    auto pay1 = sam.therapy.pay(inv1->id, paying(51000, firstInvoiceOn));
    QVERIFY_OK(pay1);
    QCOMPARE(pay1->paidBy, QStringLiteral("sam"));
    QVERIFY_AUDITED(audit, "sam");
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 54000, 51000, 895000);

    // A review, six more sessions, the second invoice.
    r = sol.therapy.request(r->id);
    QVERIFY_OK(r);
    QCOMPARE(r->sessionsUsed, 4);
    QCOMPARE(r->paidPence, qint64(51000));
    r = walk(sol.therapy, *r, {S::ReviewDue, S::InTherapy});
    QVERIFY_OK(r);
    for (int i = 0; i < 6; ++i) {
        QVERIFY_OK(sol.therapy.logSession(r->id, attended(tick(firm, 7))));
    }
    const QDate secondInvoiceOn = tick(firm, 1);
    auto inv2 = sol.therapy.addInvoice(r->id, invoiceFor(QStringLiteral("INV-102"), 6, 54000, secondInvoiceOn));
    QVERIFY_OK(inv2);
    QVERIFY_OK(sam.therapy.pay(inv2->id, paying(54000, secondInvoiceOn)));
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 0, 105000, 895000);

    // At the next review the therapist asks for two more sessions; a supervisor agrees.
    r = sol.therapy.request(r->id);
    QVERIFY_OK(r);
    QCOMPARE(r->sessionsUsed, 10);
    QCOMPARE(r->sessionsLeft(), 0);
    r = walk(sol.therapy, *r, {S::ReviewDue});
    QVERIFY_OK(r);
    r = sol.therapy.requestExtension(r->id, 2, QStringLiteral("Therapist recommends two closing sessions"),
                                     r->version);
    QVERIFY_OK(r);
    QVERIFY_AUDITED(audit, "sol");
    QCOMPARE(r->status, S::ExtensionRequested);
    QCOMPARE(r->extensionSessions, 2);
    QCOMPARE_ERROR(sam.therapy.approveExtension(r->id, approving(3), r->version), ErrorCode::InvalidInput);  // > asked
    (void)audit.fresh();
    r = sam.therapy.approveExtension(r->id, approving(2), r->version);
    QVERIFY_OK(r);
    QVERIFY_AUDITED(audit, "sam");
    QCOMPARE(r->status, S::ApprovedExtension);
    QCOMPARE(r->sessionsApproved, 12);
    QCOMPARE(r->capPence(), qint64(123000));
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 18000, 105000, 877000);

    r = walk(sam.therapy, *r, {S::InTherapy});
    QVERIFY_OK(r);
    for (int i = 0; i < 2; ++i) {
        auto s = sol.therapy.logSession(r->id, attended(tick(firm, 7)));
        QVERIFY_OK(s);
        QVERIFY(!s->beyondApproved);
    }
    const QDate thirdInvoiceOn = tick(firm, 1);
    auto inv3 = sol.therapy.addInvoice(r->id, invoiceFor(QStringLiteral("INV-103"), 2, 18000, thirdInvoiceOn));
    QVERIFY_OK(inv3);
    QVERIFY_OK(sam.therapy.pay(inv3->id, paying(18000, thirdInvoiceOn)));
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 0, 123000, 877000);

    // Therapy ends; at settlement £1,100 is recovered and £130 written off; the request is reconciled and closed.
    r = sol.therapy.request(r->id);
    QVERIFY_OK(r);
    r = walk(sam.therapy, *r, {S::Ending, S::Completed});
    QVERIFY_OK(r);
    QVERIFY_AUDITED(audit, "sam");
    r = sol.therapy.recordRecovery(r->id, true, 110000, r->version);
    QVERIFY_OK(r);
    QVERIFY_AUDITED(audit, "sol");
    QVERIFY(r->claimedInSchedule);
    QCOMPARE(r->recoveredPence, qint64(110000));
    r = sam.therapy.writeOff(r->id, 13000, QStringLiteral("Reduced at settlement: two sessions disallowed"), r->version);
    QVERIFY_OK(r);
    QVERIFY_AUDITED(audit, "sam");
    QCOMPARE(r->writtenOffPence, qint64(13000));
    r = walk(sam.therapy, *r, {S::Reconciled, S::Closed});
    QVERIFY_OK(r);
    QVERIFY_AUDITED(audit, "sam");
    QCOMPARE(r->status, S::Closed);
    auto closedStatement = sol.therapy.statement(theCase->id);
    QVERIFY_OK(closedStatement);
    QCOMPARE(closedStatement->outstandingPence, qint64(0));
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 0, 123000, 877000);

    // The record: two decisions, twelve sessions, three invoices, three payments.
    auto decisions = sol.therapy.decisions(r->id);
    QVERIFY_OK(decisions);
    QCOMPARE(decisions->size(), std::size_t {2});
    QCOMPARE(decisions->at(0).from, S::AwaitingApproval);
    QCOMPARE(decisions->at(0).to, S::Approved);
    QCOMPARE(decisions->at(0).by, QStringLiteral("sam"));
    QCOMPARE(decisions->at(0).sessionsApproved, 10);
    QCOMPARE(decisions->at(0).capPence, qint64(105000));
    QCOMPARE(decisions->at(0).authorityLimitPence, kDefaultAuthority);
    QVERIFY(decisions->at(0).budgetOverrideReason.isEmpty());
    QCOMPARE(decisions->at(1).from, S::ExtensionRequested);
    QCOMPARE(decisions->at(1).to, S::ApprovedExtension);
    QCOMPARE(decisions->at(1).sessionsApproved, 12);
    QCOMPARE(decisions->at(1).capPence, qint64(123000));
    auto sessions = sol.therapy.sessions(r->id);
    QVERIFY_OK(sessions);
    QCOMPARE(sessions->size(), std::size_t {12});
    QVERIFY(std::none_of(sessions->begin(), sessions->end(), [](const TherapySession& s) { return s.beyondApproved; }));
    QCOMPARE(sessions->front().recordedBy, QStringLiteral("sol"));
    auto invoices = sol.therapy.invoices(r->id);
    QVERIFY_OK(invoices);
    QCOMPARE(invoices->size(), std::size_t {3});
    for (const Invoice& i : *invoices) {
        QCOMPARE(i.outstandingPence(), qint64(0));
    }
    auto payments = sol.therapy.payments(r->id);
    QVERIFY_OK(payments);
    QCOMPARE(payments->size(), std::size_t {3});
    qint64 paidTotal = 0;
    for (const Payment& p : *payments) {
        paidTotal += p.amountPence;
    }
    QCOMPARE(paidTotal, qint64(123000));

    // The fund report's row and totals.
    auto report = sam.therapy.report(kYear);
    QVERIFY_OK(report);
    const ReportRow* row = rowFor(*report, r->id);
    QVERIFY(row);
    QCOMPARE(row->caseReference, theCase->reference);
    QCOMPARE(row->provider, QStringLiteral("Dr Rowan Therapist"));
    QCOMPARE(row->status, S::Closed);
    QCOMPARE(row->approvedSessions, 12);
    QCOMPARE(row->capPence, qint64(123000));
    QCOMPARE(row->invoicedPence, qint64(123000));
    QCOMPARE(row->paidPence, qint64(123000));
    QCOMPARE(row->recoveredPence, qint64(110000));
    QCOMPARE(row->writtenOffPence, qint64(13000));
    QCOMPARE(report->totals.paidPence, qint64(123000));
    QCOMPARE(report->budget.remainingPence, qint64(877000));

    // The audit chain is intact after all of it.
    auto chain = AuditLog::verify(firm.admin().connection());
    QVERIFY_OK(chain);
    QVERIFY2(chain->intact, qPrintable(chain->problem));
}

void TestTherapyService::createdRequestIsADraftWhateverTheCallerSays()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    TherapyRequest forged = draftFor(theCase->id, 0, 12, 9000);
    forged.status = S::Approved;
    forged.sessionsApproved = 12;
    forged.approver = QStringLiteral("sam");
    forged.requester = QStringLiteral("sam");
    forged.paidPence = 5000;
    forged.decidedOn = TestFirm::today();
    // What only decisions and the service's own calls may write: a decision's conditions and budget override, a
    // rejection, an open extension request, a Rehabilitation Code proposal (which must create its deadline), a
    // write-off.
    forged.conditions = QStringLiteral("Approved by the board");
    forged.budgetOverrideReason = QStringLiteral("Agreed by the COLP");
    forged.rejectionReason = QStringLiteral("Rejected earlier");
    forged.extensionSessions = 6;
    forged.extensionReason = QStringLiteral("More sessions");
    forged.rehabProposalReceivedOn = QDate(2026, 11, 2);
    forged.writeOffReason = QStringLiteral("Written off");
    auto r = sol.therapy.createRequest(forged);
    QVERIFY_OK(r);
    QCOMPARE(r->status, S::Draft);
    QCOMPARE(r->sessionsApproved, 0);
    QVERIFY(r->approver.isEmpty());
    QVERIFY(!r->decidedOn.isValid());
    QCOMPARE(r->requester, QStringLiteral("sol"));
    QCOMPARE(r->paidPence, qint64(0));
    QCOMPARE(r->requestedCapPence(), qint64(108000));
    QStringList kept;  // every forged field that came through, in one message
    if (!r->conditions.isEmpty()) {
        kept << QStringLiteral("conditions");
    }
    if (!r->budgetOverrideReason.isEmpty()) {
        kept << QStringLiteral("budgetOverrideReason");
    }
    if (!r->rejectionReason.isEmpty()) {
        kept << QStringLiteral("rejectionReason");
    }
    if (r->extensionSessions != 0) {
        kept << QStringLiteral("extensionSessions");
    }
    if (!r->extensionReason.isEmpty()) {
        kept << QStringLiteral("extensionReason");
    }
    if (!r->writeOffReason.isEmpty()) {
        kept << QStringLiteral("writeOffReason");
    }
    if (r->rehabProposalReceivedOn.isValid()) {
        // Kept only if it also created the reply deadline: never a proposal date without it.
        auto stored = sol.deadlines.deadlines(theCase->id);
        QVERIFY_OK(stored);
        if (std::none_of(stored->begin(), stored->end(), [](const deadlines::StoredDeadline& d) {
                return d.rule == QStringLiteral("REHAB_CODE_REPLY");
            })) {
            kept << QStringLiteral("rehabProposalReceivedOn (and no REHAB_CODE_REPLY deadline on the case)");
        }
    }
    QVERIFY2(kept.isEmpty(), qPrintable(QStringLiteral("kept from the caller: ") + kept.join(QStringLiteral(", "))));
    auto listed = sol.therapy.requests(theCase->id);
    QVERIFY_OK(listed);
    QCOMPARE(listed->size(), std::size_t {1});
    QCOMPARE(listed->front().id, r->id);
}

void TestTherapyService::illegalTransitionsAreRefusedAndChangeNothing()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(r);

    // From DRAFT only SUBMITTED (and withdrawing, → CLOSED) is a step; everything else is refused with a reason
    // and nothing changes.
    for (S to : allStatuses()) {
        if (to == S::Submitted || to == S::Closed) {
            continue;
        }
        auto refused = sol.therapy.transition(r->id, to, r->version);
        QVERIFY2(!refused.ok(), qPrintable(QStringLiteral("draft → %1 was allowed").arg(statusId(to))));
        QCOMPARE(errorCodeName(refused.error().code), errorCodeName(ErrorCode::InvalidInput));
        QVERIFY2(!refused.error().message.trimmed().isEmpty(), qPrintable(statusId(to)));
        auto now = sol.therapy.request(r->id);
        QVERIFY_OK(now);
        QCOMPARE(now->status, S::Draft);
        QCOMPARE(now->version, r->version);
    }
}

void TestTherapyService::noPlainStepFromAwaitingApproval()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(r);
    // From AWAITING_APPROVAL no plain step but withdrawing (approval and rejection are decisions).
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    for (S to : allStatuses()) {
        if (to == S::Closed) {
            continue;
        }
        auto refused = sol.therapy.transition(r->id, to, r->version);
        QVERIFY2(!refused.ok(), qPrintable(QStringLiteral("awaiting approval → %1 was allowed").arg(statusId(to))));
        QVERIFY(!refused.error().message.trimmed().isEmpty());
        if (to != S::Approved && to != S::Rejected) {
            QCOMPARE(errorCodeName(refused.error().code), errorCodeName(ErrorCode::InvalidInput));
        }
        auto now = sol.therapy.request(r->id);
        QVERIFY_OK(now);
        QCOMPARE(now->status, S::AwaitingApproval);
        QCOMPARE(now->version, r->version);
    }
}

void TestTherapyService::closedIsFinalAndTherapyCannotSkipAhead()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    // In therapy: not straight to reconciled or closed, not back to approved or a draft.
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    r = sam.therapy.approve(r->id, approving(6), r->version);
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, {S::ProviderInstructed, S::InTherapy});
    QVERIFY_OK(r);
    for (S to : {S::Draft, S::AwaitingApproval, S::Approved, S::ProviderInstructed, S::Reconciled, S::Closed}) {
        auto refused = sol.therapy.transition(r->id, to, r->version);
        QVERIFY2(!refused.ok(), qPrintable(QStringLiteral("in therapy → %1 was allowed").arg(statusId(to))));
        QCOMPARE(errorCodeName(refused.error().code), errorCodeName(ErrorCode::InvalidInput));
    }
    auto now = sol.therapy.request(r->id);
    QVERIFY_OK(now);
    QCOMPARE(now->status, S::InTherapy);
    QCOMPARE(now->version, r->version);

    // Rejected, then closed: nothing more can happen to it.
    auto rejected = sol.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(rejected);
    rejected = walk(sol.therapy, *rejected, kToApproval);
    QVERIFY_OK(rejected);
    rejected = sam.therapy.reject(rejected->id, QStringLiteral("Not indicated"), rejected->version);
    QVERIFY_OK(rejected);
    rejected = walk(sol.therapy, *rejected, {S::Closed});
    QVERIFY_OK(rejected);
    for (S to : allStatuses()) {
        auto refused = sam.therapy.transition(rejected->id, to, rejected->version);
        QVERIFY2(!refused.ok(), qPrintable(QStringLiteral("closed → %1 was allowed").arg(statusId(to))));
        QCOMPARE(errorCodeName(refused.error().code), errorCodeName(ErrorCode::InvalidInput));
    }
    QVERIFY_REFUSED(sam.therapy.approve(rejected->id, approving(6), rejected->version));
    auto closed = sol.therapy.request(rejected->id);
    QVERIFY_OK(closed);
    QCOMPARE(closed->status, S::Closed);
    QCOMPARE(closed->version, rejected->version);
}

void TestTherapyService::staleOrOutOfTurnDecisionsAreRefused()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    // A decision at a stale version is a conflict, not a decision.
    Desk sam(firm.supervisor());
    QCOMPARE_ERROR(sam.therapy.approve(r->id, approving(6), r->version - 1), ErrorCode::ConflictingEdit);
    auto unchanged = sol.therapy.request(r->id);
    QVERIFY_OK(unchanged);
    QCOMPARE(unchanged->version, r->version);
    QCOMPARE(unchanged->status, S::AwaitingApproval);

    // Nor can a decision be taken in the wrong state: approving a draft.
    auto draft = sol.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(draft);
    QVERIFY_REFUSED(sam.therapy.approve(draft->id, approving(6), draft->version));
    QVERIFY_REFUSED(sam.therapy.approveExtension(draft->id, approving(2), draft->version));
    QVERIFY_REFUSED(sol.therapy.requestExtension(draft->id, 2, QStringLiteral("more"), draft->version));
    auto still = sol.therapy.request(draft->id);
    QVERIFY_OK(still);
    QCOMPARE(still->status, S::Draft);
    QCOMPARE(still->version, draft->version);
    QCOMPARE(still->sessionsApproved, 0);
}

void TestTherapyService::decisionsAreNotPlainTransitions()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    // Even a supervisor who could approve cannot do it with a plain transition (no four-eyes checks, no decision).
    QVERIFY_REFUSED(sam.therapy.transition(r->id, S::Approved, r->version));
    QVERIFY_REFUSED(sam.therapy.transition(r->id, S::Rejected, r->version));
    auto now = sam.therapy.request(r->id);
    QVERIFY_OK(now);
    QCOMPARE(now->status, S::AwaitingApproval);
    QCOMPARE(now->version, r->version);
    auto decisions = sam.therapy.decisions(r->id);
    QVERIFY_OK(decisions);
    QVERIFY(decisions->empty());
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 0, 0, 1'000'000);
}

void TestTherapyService::detailsChangeOnlyBeforeApproval()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(r);
    // A draft's details can be edited, but approved figures only change by decision.
    TherapyRequest edited = *r;
    edited.sessionsRequested = 8;
    edited.sessionsApproved = 8;
    edited.diagnosis = QStringLiteral("PTSD");
    auto saved = sol.therapy.updateRequest(edited);
    QVERIFY_OK(saved);
    QCOMPARE(saved->sessionsRequested, 8);
    QCOMPARE(saved->diagnosis, QStringLiteral("PTSD"));
    QCOMPARE(saved->sessionsApproved, 0);
    QCOMPARE(saved->status, S::Draft);
    QVERIFY(saved->version > r->version);
    // Editing at a stale version is a conflict.
    QCOMPARE_ERROR(sol.therapy.updateRequest(edited), ErrorCode::ConflictingEdit);

    auto approved = walk(sol.therapy, *saved, kToApproval);
    QVERIFY_OK(approved);
    approved = sam.therapy.approve(approved->id, approving(8), approved->version);
    QVERIFY_OK(approved);
    TherapyRequest late = *approved;
    late.costPerSessionPence = 20000;  // after approval the cost cannot move
    QVERIFY_REFUSED(sol.therapy.updateRequest(late));
    auto now = sol.therapy.request(approved->id);
    QVERIFY_OK(now);
    QCOMPARE(now->costPerSessionPence, qint64(9000));
    QCOMPARE(now->version, approved->version);
    QCOMPARE(now->capPence(), qint64(72000));
}

// --- Four eyes --------------------------------------------------------------------------------------------------

void TestTherapyService::selfApprovalIsRefused()
{
    TestFirm firm;
    Desk sam(firm.supervisor());
    Desk sue(secondSupervisor(firm));
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    // Sam runs his own case and asks for therapy for his client: he may not decide his own request.
    auto theCase = sam.cases.create(clientCase(QStringLiteral("sam"), QString()));
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sam);
    QVERIFY(pid > 0);
    auto r = sam.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(r);
    QCOMPARE(r->requester, QStringLiteral("sam"));
    r = walk(sam.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    auto self = sam.therapy.approve(r->id, approving(6), r->version);
    QCOMPARE_ERROR(self, ErrorCode::PermissionDenied);
    QVERIFY(!self.error().message.trimmed().isEmpty());
    auto now = sam.therapy.request(r->id);
    QVERIFY_OK(now);
    QCOMPARE(now->status, S::AwaitingApproval);
    QCOMPARE(now->version, r->version);
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 0, 0, 1'000'000);
    // A second supervisor can.
    auto approved = sue.therapy.approve(r->id, approving(6), r->version);
    QVERIFY_OK(approved);
    QCOMPARE(approved->approver, QStringLiteral("sue"));
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 54000, 0, 946000);

    // Nor may he decide the extension of his own request.
    approved = walk(sam.therapy, *approved, {S::ProviderInstructed, S::InTherapy, S::ReviewDue});
    QVERIFY_OK(approved);
    auto asked = sam.therapy.requestExtension(r->id, 2, QStringLiteral("Two more"), approved->version);
    QVERIFY_OK(asked);
    QCOMPARE_ERROR(sam.therapy.approveExtension(r->id, approving(2), asked->version), ErrorCode::PermissionDenied);
    QVERIFY_OK(sue.therapy.approveExtension(r->id, approving(2), asked->version));
}

void TestTherapyService::selfRejectionIsRefused()
{
    // "A supervisor who is not the requester …: approve, reject, decide an extension" — rejecting too.
    TestFirm firm;
    Desk sam(firm.supervisor());
    Desk sue(secondSupervisor(firm));
    auto theCase = sam.cases.create(clientCase(QStringLiteral("sam"), QString()));
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sam);
    QVERIFY(pid > 0);
    auto r = sam.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(r);
    r = walk(sam.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    QCOMPARE_ERROR(sam.therapy.reject(r->id, QStringLiteral("Changed my mind"), r->version),
                   ErrorCode::PermissionDenied);
    auto now = sam.therapy.request(r->id);
    QVERIFY_OK(now);
    QCOMPARE(now->status, S::AwaitingApproval);
    QCOMPARE(now->version, r->version);
    QVERIFY_OK(sue.therapy.reject(r->id, QStringLiteral("Covered by the NHS"), r->version));
}

void TestTherapyService::selfRefusalOfAnExtensionIsRefused()
{
    TestFirm firm;
    Desk sam(firm.supervisor());
    Desk sue(secondSupervisor(firm));
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sam.cases.create(clientCase(QStringLiteral("sam"), QString()));
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sam);
    QVERIFY(pid > 0);
    auto r = sam.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(r);
    r = walk(sam.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    r = sue.therapy.approve(r->id, approving(6), r->version);
    QVERIFY_OK(r);
    r = walk(sam.therapy, *r, {S::ProviderInstructed, S::InTherapy, S::ReviewDue});
    QVERIFY_OK(r);
    r = sam.therapy.requestExtension(r->id, 2, QStringLiteral("Two more"), r->version);
    QVERIFY_OK(r);
    QCOMPARE_ERROR(sam.therapy.refuseExtension(r->id, QStringLiteral("Enough"), r->version),
                   ErrorCode::PermissionDenied);
    auto now = sam.therapy.request(r->id);
    QVERIFY_OK(now);
    QCOMPARE(now->status, S::ExtensionRequested);
    QCOMPARE(now->version, r->version);
    auto refused = sue.therapy.refuseExtension(r->id, QStringLiteral("Enough for now"), r->version);
    QVERIFY_OK(refused);
    QCOMPARE(refused->status, S::Ending);
    QCOMPARE(refused->sessionsApproved, 6);
}

void TestTherapyService::onlySupervisorsDecide()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk pat(firm.paralegal());
    Desk oli(firm.outsider());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    for (Desk* who : {&sol, &pat, &oli}) {
        const QString name = who->vault.currentUser().username;
        auto approved = who->therapy.approve(r->id, approving(6), r->version);
        QVERIFY2(!approved.ok(), qPrintable(name));
        QCOMPARE(errorCodeName(approved.error().code), errorCodeName(ErrorCode::PermissionDenied));
        auto rejected = who->therapy.reject(r->id, QStringLiteral("no"), r->version);
        QVERIFY2(!rejected.ok(), qPrintable(name));
        QCOMPARE(errorCodeName(rejected.error().code), errorCodeName(ErrorCode::PermissionDenied));
        QCOMPARE_ERROR(who->therapy.queues(), ErrorCode::PermissionDenied);
        QCOMPARE_ERROR(who->therapy.report(kYear), ErrorCode::PermissionDenied);
    }
    auto now = sol.therapy.request(r->id);
    QVERIFY_OK(now);
    QCOMPARE(now->status, S::AwaitingApproval);
    QCOMPARE(now->version, r->version);
    // The supervisor's queue holds it; approving more sessions than requested is refused.
    auto queues = sam.therapy.queues();
    QVERIFY_OK(queues);
    QVERIFY(std::any_of(queues->awaitingApproval.begin(), queues->awaitingApproval.end(),
                        [&](const TherapyRequest& q) { return q.id == r->id; }));
    QCOMPARE_ERROR(sam.therapy.approve(r->id, approving(7), r->version), ErrorCode::InvalidInput);
    auto rejected = sam.therapy.reject(r->id, QStringLiteral("Not clinically indicated yet"), r->version);
    QVERIFY_OK(rejected);
    QCOMPARE(rejected->status, S::Rejected);
    QCOMPARE(rejected->rejectionReason, QStringLiteral("Not clinically indicated yet"));
    QCOMPARE(rejected->approver, QStringLiteral("sam"));
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 0, 0, 1'000'000);  // a rejection commits nothing
    auto decisions = sam.therapy.decisions(r->id);
    QVERIFY_OK(decisions);
    QCOMPARE(decisions->size(), std::size_t {1});
    QCOMPARE(decisions->front().to, S::Rejected);
    QCOMPARE(decisions->front().note, QStringLiteral("Not clinically indicated yet"));
    // Rejected → Closed.
    QVERIFY_OK(walk(sol.therapy, *rejected, {S::Closed}));
}

void TestTherapyService::authorityLimitIsSetByAnAdminAndBoundsTheCap()
{
    TestFirm firm;
    Desk ada(firm.admin());
    Desk sam(firm.supervisor());
    Desk sol(firm.solicitor());
    Desk sue(secondSupervisor(firm));
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 10'000'000, {}));
    auto limit = ada.therapy.authorityLimit(QStringLiteral("sam"));
    QVERIFY_OK(limit);
    QCOMPARE(*limit, kDefaultAuthority);
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);

    // 12 × £250 + £150 = £3,150: over Sam's £3,000.
    auto big = sol.therapy.createRequest(draftFor(theCase->id, pid, 12, 25000, 15000));
    QVERIFY_OK(big);
    big = walk(sol.therapy, *big, kToApproval);
    QVERIFY_OK(big);
    QCOMPARE_ERROR(sam.therapy.approve(big->id, approving(12), big->version), ErrorCode::PermissionDenied);
    auto now = sol.therapy.request(big->id);
    QVERIFY_OK(now);
    QCOMPARE(now->status, S::AwaitingApproval);
    QCOMPARE(now->version, big->version);

    // Only an admin sets limits.
    QCOMPARE_ERROR(sam.therapy.setAuthorityLimit(QStringLiteral("sam"), 500'000), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(sol.therapy.setAuthorityLimit(QStringLiteral("sam"), 500'000), ErrorCode::PermissionDenied);
    limit = ada.therapy.authorityLimit(QStringLiteral("sam"));
    QVERIFY_OK(limit);
    QCOMPARE(*limit, kDefaultAuthority);
    QVERIFY_OK(ada.therapy.setAuthorityLimit(QStringLiteral("sam"), 500'000));
    limit = sam.therapy.authorityLimit(QStringLiteral("sam"));
    QVERIFY_OK(limit);
    QCOMPARE(*limit, qint64(500'000));
    auto approved = sam.therapy.approve(big->id, approving(12), big->version);
    QVERIFY_OK(approved);
    auto decisions = sam.therapy.decisions(big->id);
    QVERIFY_OK(decisions);
    QCOMPARE(decisions->size(), std::size_t {1});
    QCOMPARE(decisions->front().authorityLimitPence, qint64(500'000));
    QCOMPARE(decisions->front().capPence, qint64(315000));

    // Sue keeps the default: a cap of exactly £3,000 is covered.
    auto exact = sol.therapy.createRequest(draftFor(theCase->id, pid, 20, 15000));
    QVERIFY_OK(exact);
    exact = walk(sol.therapy, *exact, kToApproval);
    QVERIFY_OK(exact);
    QVERIFY_OK(sue.therapy.approve(exact->id, approving(20), exact->version));

    // The limit bounds what is approved (the cap), not what was asked: 13 × £250 + £150 asked, 11 approved = £2,900.
    auto partly = sol.therapy.createRequest(draftFor(theCase->id, pid, 13, 25000, 15000));
    QVERIFY_OK(partly);
    partly = walk(sol.therapy, *partly, kToApproval);
    QVERIFY_OK(partly);
    partly = sue.therapy.approve(partly->id, approving(11), partly->version);
    QVERIFY_OK(partly);
    QCOMPARE(partly->capPence(), qint64(290000));

    // An extension that would take the cap past the approver's limit is refused: 11 + 1 → £3,150 > £3,000.
    partly = walk(sol.therapy, *partly, {S::ProviderInstructed, S::InTherapy, S::ReviewDue});
    QVERIFY_OK(partly);
    partly = sol.therapy.requestExtension(partly->id, 1, QStringLiteral("One more"), partly->version);
    QVERIFY_OK(partly);
    QCOMPARE_ERROR(sue.therapy.approveExtension(partly->id, approving(1), partly->version),
                   ErrorCode::PermissionDenied);
    QVERIFY_OK(sam.therapy.approveExtension(partly->id, approving(1), partly->version));  // £5,000 covers it
}

// --- The budget ---------------------------------------------------------------------------------------------

void TestTherapyService::budgetArithmeticWithOverridesPaymentsExtensionsAndRelease()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    auto provider = sol.therapy.saveProvider(providerNamed(QStringLiteral("Dr Rowan Therapist")));
    QVERIFY_OK(provider);
    QVERIFY_OK(sam.therapy.verifyProviderBank(provider->id, provider->version));
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 200'000, QStringLiteral("£2,000 for the year")));
    QVERIFY_BUDGET(sam.therapy, kYear, 200'000, 0, 0, 200'000);
    auto budget = sam.therapy.budget(kYear);
    QVERIFY_OK(budget);
    QCOMPARE(budget->startsOn, QDate(2026, 4, 1));
    QCOMPARE(budget->endsOn, QDate(2027, 3, 31));
    QCOMPARE(budget->setBy, QStringLiteral("sam"));

    // A: 10 × £90 + £150 = £1,050.
    auto a = sol.therapy.createRequest(draftFor(theCase->id, provider->id, 10, 9000, 15000));
    QVERIFY_OK(a);
    a = walk(sol.therapy, *a, kToApproval);
    QVERIFY_OK(a);
    a = sam.therapy.approve(a->id, approving(10), a->version);
    QVERIFY_OK(a);
    QVERIFY_BUDGET(sam.therapy, kYear, 200'000, 105000, 0, 95000);

    // B: 12 × £90 = £1,080 > £950 remaining: refused without a reason (or with a blank one), allowed with one.
    auto b = sol.therapy.createRequest(draftFor(theCase->id, provider->id, 12, 9000));
    QVERIFY_OK(b);
    b = walk(sol.therapy, *b, kToApproval);
    QVERIFY_OK(b);
    QVERIFY_REFUSED(sam.therapy.approve(b->id, approving(12), b->version));
    QVERIFY_REFUSED(sam.therapy.approve(b->id, approving(12, QStringLiteral("   ")), b->version));
    auto unchanged = sol.therapy.request(b->id);
    QVERIFY_OK(unchanged);
    QCOMPARE(unchanged->status, S::AwaitingApproval);
    QCOMPARE(unchanged->version, b->version);
    QVERIFY_BUDGET(sam.therapy, kYear, 200'000, 105000, 0, 95000);
    const QString reason = QStringLiteral("Serious risk: therapy cannot wait for next year's allocation (COLP agreed)");
    b = sam.therapy.approve(b->id, approving(12, reason), b->version);
    QVERIFY_OK(b);
    QCOMPARE(b->budgetOverrideReason, reason);
    auto decisions = sam.therapy.decisions(b->id);
    QVERIFY_OK(decisions);
    QCOMPARE(decisions->size(), std::size_t {1});
    QCOMPARE(decisions->front().budgetOverrideReason, reason);
    QVERIFY_BUDGET(sam.therapy, kYear, 200'000, 213000, 0, -13000);

    // C: rejected: nothing committed, nothing changes.
    auto c = sol.therapy.createRequest(draftFor(theCase->id, provider->id, 4, 9000));
    QVERIFY_OK(c);
    c = walk(sol.therapy, *c, kToApproval);
    QVERIFY_OK(c);
    QVERIFY_OK(sam.therapy.reject(c->id, QStringLiteral("Covered by the NHS"), c->version));
    QVERIFY_BUDGET(sam.therapy, kYear, 200'000, 213000, 0, -13000);

    // A paid £510: moves from committed to paid; remaining does not move.
    a = walk(sol.therapy, *a, {S::ProviderInstructed, S::InTherapy});
    QVERIFY_OK(a);
    for (int i = 0; i < 4; ++i) {
        QVERIFY_OK(sol.therapy.logSession(a->id, attended(tick(firm, 7))));
    }
    auto inv = sol.therapy.addInvoice(a->id, invoiceFor(QStringLiteral("A-1"), 4, 51000, tick(firm, 1)));
    QVERIFY_OK(inv);
    QVERIFY_OK(sam.therapy.pay(inv->id, paying(51000, firm.clock().nowUtc().date())));
    QVERIFY_BUDGET(sam.therapy, kYear, 200'000, 162000, 51000, -13000);

    // An extension of 2 × £90 for A also exceeds the (negative) remaining budget: it too needs the reason.
    a = sol.therapy.request(a->id);
    QVERIFY_OK(a);
    a = walk(sol.therapy, *a, {S::ReviewDue});
    QVERIFY_OK(a);
    a = sol.therapy.requestExtension(a->id, 2, QStringLiteral("Two more sessions recommended"), a->version);
    QVERIFY_OK(a);
    QVERIFY_REFUSED(sam.therapy.approveExtension(a->id, approving(2), a->version));
    QVERIFY_BUDGET(sam.therapy, kYear, 200'000, 162000, 51000, -13000);
    a = sam.therapy.approveExtension(a->id, approving(2, QStringLiteral("Same risk as before")), a->version);
    QVERIFY_OK(a);
    QCOMPARE(a->capPence(), qint64(123000));
    QVERIFY_BUDGET(sam.therapy, kYear, 200'000, 180000, 51000, -31000);

    // A is reconciled having used only £510: the unpaid £720 of its cap is released.
    a = walk(sam.therapy, *a, {S::Completed});
    QVERIFY_OK(a);
    QVERIFY_BUDGET(sam.therapy, kYear, 200'000, 180000, 51000, -31000);  // completed still commits
    a = walk(sam.therapy, *a, {S::Reconciled});
    QVERIFY_OK(a);
    QVERIFY_BUDGET(sam.therapy, kYear, 200'000, 108000, 51000, 41000);

    // A larger allocation raises what remains by the difference.
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 300'000, QStringLiteral("Top-up in January")));
    QVERIFY_BUDGET(sam.therapy, kYear, 300'000, 108000, 51000, 141000);

    // The report's budget is the same budget and its totals are the sums of its rows.
    auto report = sam.therapy.report(kYear);
    QVERIFY_OK(report);
    QCOMPARE(report->budget.committedPence, qint64(108000));
    QCOMPARE(report->budget.remainingPence, qint64(141000));
    QCOMPARE(report->requests.size(), std::size_t {3});
    ReportRow sum;
    for (const ReportRow& row : report->requests) {
        sum.capPence += row.capPence;
        sum.invoicedPence += row.invoicedPence;
        sum.paidPence += row.paidPence;
        sum.recoveredPence += row.recoveredPence;
        sum.writtenOffPence += row.writtenOffPence;
        sum.approvedSessions += row.approvedSessions;
    }
    QCOMPARE(report->totals.caseReference, QStringLiteral("Total"));
    QCOMPARE(report->totals.capPence, sum.capPence);
    QCOMPARE(report->totals.invoicedPence, sum.invoicedPence);
    QCOMPARE(report->totals.paidPence, qint64(51000));
    QCOMPARE(report->totals.paidPence, sum.paidPence);
    QCOMPARE(report->totals.approvedSessions, sum.approvedSessions);
}

void TestTherapyService::unapprovedRequestsHaveNoCapInTheReport()
{
    // "The approved total (0 before approval)": a rejected request with an assessment fee was never approved, so its
    // cap in the report (and the report's total cap) is 0, not the fee.
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 10, 9000, 15000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    r = sam.therapy.reject(r->id, QStringLiteral("Not clinically indicated"), r->version);
    QVERIFY_OK(r);
    QCOMPARE(r->sessionsApproved, 0);
    auto report = sam.therapy.report(kYear);
    QVERIFY_OK(report);
    const ReportRow* row = rowFor(*report, r->id);
    QVERIFY(row);
    QCOMPARE(row->approvedSessions, 0);
    QCOMPARE(row->capPence, qint64(0));
    QCOMPARE(report->totals.capPence, qint64(0));
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 0, 0, 1'000'000);
}

void TestTherapyService::allocationIsForSupervisors()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk pat(firm.paralegal());
    Desk sam(firm.supervisor());
    QCOMPARE_ERROR(sol.therapy.setAllocation(kYear, 500'000, {}), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(pat.therapy.setAllocation(kYear, 500'000, {}), ErrorCode::PermissionDenied);
    QVERIFY_REFUSED(sam.therapy.setAllocation(kYear, -1, QStringLiteral("negative")));
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 500'000, {}));
    QCOMPARE_ERROR(sol.therapy.setAllocation(kYear, 0, {}), ErrorCode::PermissionDenied);
    QVERIFY_BUDGET(sam.therapy, kYear, 500'000, 0, 0, 500'000);
    // Another year is another budget.
    QVERIFY_BUDGET(sam.therapy, kYear + 1, 0, 0, 0, 0);
}

void TestTherapyService::yearStartMonthIsForAdmins()
{
    TestFirm firm;
    Desk ada(firm.admin());
    Desk sam(firm.supervisor());
    QCOMPARE(sam.therapy.yearStartMonth(), 4);
    QCOMPARE(sam.therapy.currentFundYear(), 2026);  // 27 Nov 2026, April start
    QCOMPARE_ERROR(sam.therapy.setYearStartMonth(12), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(ada.therapy.setYearStartMonth(0), ErrorCode::InvalidInput);
    QCOMPARE_ERROR(ada.therapy.setYearStartMonth(13), ErrorCode::InvalidInput);
    QCOMPARE(sam.therapy.yearStartMonth(), 4);
    QVERIFY_OK(ada.therapy.setYearStartMonth(12));
    QCOMPARE(sam.therapy.yearStartMonth(), 12);  // read by another person's session
    QCOMPARE(sam.therapy.currentFundYear(), 2025);  // 27 Nov 2026 is before 1 Dec
    auto budget = sam.therapy.budget(2025);
    QVERIFY_OK(budget);
    QCOMPARE(budget->startsOn, QDate(2025, 12, 1));
    QCOMPARE(budget->endsOn, QDate(2026, 11, 30));
}

// --- Payments ---------------------------------------------------------------------------------------------------

void TestTherapyService::paymentsStayWithinTheCapAndTheInvoice()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    auto provider = sol.therapy.saveProvider(providerNamed(QStringLiteral("Dr Rowan Therapist")));
    QVERIFY_OK(provider);
    QVERIFY_OK(sam.therapy.verifyProviderBank(provider->id, provider->version));
    // Cap: 4 × £100 = £400.
    auto r = sol.therapy.createRequest(draftFor(theCase->id, provider->id, 4, 10000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    r = sam.therapy.approve(r->id, approving(4), r->version);
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, {S::ProviderInstructed, S::InTherapy});
    QVERIFY_OK(r);
    const QDate today = TestFirm::today();

    // Invoice 1, £300: not overpaid, not paid by a solicitor, not by a negative amount; then paid in full.
    auto inv1 = sol.therapy.addInvoice(r->id, invoiceFor(QStringLiteral("T-1"), 3, 30000, today));
    QVERIFY_OK(inv1);
    QVERIFY_REFUSED(sam.therapy.pay(inv1->id, paying(30001, today)));
    QCOMPARE_ERROR(sol.therapy.pay(inv1->id, paying(30000, today)), ErrorCode::PermissionDenied);
    QVERIFY_REFUSED(sam.therapy.pay(inv1->id, paying(-100, today)));
    QVERIFY_OK(sam.therapy.pay(inv1->id, paying(10000, today)));  // part payment
    QVERIFY_REFUSED(sam.therapy.pay(inv1->id, paying(20001, today)));  // more than what is left of the invoice
    QVERIFY_OK(sam.therapy.pay(inv1->id, paying(20000, today)));
    QVERIFY_REFUSED(sam.therapy.pay(inv1->id, paying(1, today)));  // nothing left to pay

    // A disputed invoice is not paid until the dispute is resolved.
    auto disputed = sol.therapy.addInvoice(r->id, invoiceFor(QStringLiteral("T-D"), 1, 5000, today));
    QVERIFY_OK(disputed);
    auto marked = sol.therapy.setInvoiceDisputed(disputed->id, true, QStringLiteral("Session not held"));
    QVERIFY_OK(marked);
    QVERIFY(marked->disputed);
    QCOMPARE(marked->disputeReason, QStringLiteral("Session not held"));
    QVERIFY_REFUSED(sam.therapy.pay(disputed->id, paying(5000, today)));
    auto queues = sam.therapy.queues();
    QVERIFY_OK(queues);
    QVERIFY(std::none_of(queues->awaitingPayment.begin(), queues->awaitingPayment.end(),
                         [&](const Invoice& i) { return i.id == disputed->id; }));
    QVERIFY(std::none_of(queues->awaitingPayment.begin(), queues->awaitingPayment.end(),
                         [&](const Invoice& i) { return i.id == inv1->id; }));  // paid in full

    // Invoice 2, £200: only £100 of the cap is left.
    auto inv2 = sol.therapy.addInvoice(r->id, invoiceFor(QStringLiteral("T-2"), 2, 20000, today));
    QVERIFY_OK(inv2);
    queues = sam.therapy.queues();
    QVERIFY_OK(queues);
    QVERIFY(std::any_of(queues->awaitingPayment.begin(), queues->awaitingPayment.end(),
                        [&](const Invoice& i) { return i.id == inv2->id; }));
    QVERIFY_REFUSED(sam.therapy.pay(inv2->id, paying(20000, today)));
    QVERIFY_REFUSED(sam.therapy.pay(disputed->id, paying(5000, today)));
    QVERIFY_OK(sol.therapy.setInvoiceDisputed(disputed->id, false, {}));
    QVERIFY_OK(sam.therapy.pay(disputed->id, paying(5000, today)));  // resolved: £350 paid
    QVERIFY_REFUSED(sam.therapy.pay(inv2->id, paying(5001, today)));  // £400.01 > £400
    auto payments = sol.therapy.payments(r->id);
    QVERIFY_OK(payments);
    QCOMPARE(payments->size(), std::size_t {3});
    QVERIFY_OK(sam.therapy.pay(inv2->id, paying(5000, today)));  // exactly the cap
    QVERIFY_REFUSED(sam.therapy.pay(inv2->id, paying(1, today)));

    auto now = sol.therapy.request(r->id);
    QVERIFY_OK(now);
    QCOMPARE(now->paidPence, qint64(40000));
    QCOMPARE(now->invoicedPence, qint64(55000));
    QCOMPARE(now->paidPence, now->capPence());
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 0, 40000, 960000);
    auto invoices = sol.therapy.invoices(r->id);
    QVERIFY_OK(invoices);
    for (const Invoice& i : *invoices) {
        if (i.id == inv2->id) {
            QCOMPARE(i.paidPence, qint64(5000));
            QCOMPARE(i.outstandingPence(), qint64(15000));
        }
    }
}

void TestTherapyService::noPaymentBeforeTheProviderIsInstructed()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    auto provider = sol.therapy.saveProvider(providerNamed(QStringLiteral("Dr Rowan Therapist")));
    QVERIFY_OK(provider);
    QVERIFY_OK(sam.therapy.verifyProviderBank(provider->id, provider->version));
    auto r = sol.therapy.createRequest(draftFor(theCase->id, provider->id, 4, 10000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    r = sam.therapy.approve(r->id, approving(4), r->version);
    QVERIFY_OK(r);
    const QDate today = TestFirm::today();
    // Approved, provider not yet instructed: an invoice (if it may be recorded at all) is not paid.
    auto early = sol.therapy.addInvoice(r->id, invoiceFor(QStringLiteral("EARLY-1"), 1, 10000, today));
    if (early) {
        QVERIFY_REFUSED(sam.therapy.pay(early->id, paying(10000, today)));
        auto payments = sam.therapy.payments(r->id);
        QVERIFY_OK(payments);
        QVERIFY(payments->empty());
    } else {
        QVERIFY(early.error().code != ErrorCode::Internal);
    }
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 40000, 0, 960000);

    // Once instructed it may be paid; while the request is ENDING, not (DOMAIN §7.3's payable list); once it is
    // COMPLETED, again.
    r = walk(sol.therapy, *r, {S::ProviderInstructed});
    QVERIFY_OK(r);
    auto inv = sol.therapy.addInvoice(r->id, invoiceFor(QStringLiteral("INV-1"), 2, 20000, today));
    QVERIFY_OK(inv);
    QVERIFY_OK(sam.therapy.pay(inv->id, paying(10000, today)));
    r = sol.therapy.request(r->id);
    QVERIFY_OK(r);
    r = walk(sam.therapy, *r, {S::InTherapy, S::Ending});
    QVERIFY_OK(r);
    QVERIFY_REFUSED(sam.therapy.pay(inv->id, paying(10000, today)));
    auto payments = sam.therapy.payments(r->id);
    QVERIFY_OK(payments);
    QCOMPARE(payments->size(), std::size_t {1});
    r = sam.therapy.request(r->id);  // a payment changes the request (its paid total)
    QVERIFY_OK(r);
    r = walk(sam.therapy, *r, {S::Completed});
    QVERIFY_OK(r);
    QVERIFY_OK(sam.therapy.pay(inv->id, paying(10000, today)));
    // Reconciled (every invoice paid): no longer payable.
    r = sam.therapy.request(r->id);
    QVERIFY_OK(r);
    r = walk(sam.therapy, *r, {S::Reconciled});
    QVERIFY_OK(r);
    auto late = sol.therapy.addInvoice(r->id, invoiceFor(QStringLiteral("INV-2"), 1, 5000, today));
    if (late) {
        QVERIFY_REFUSED(sam.therapy.pay(late->id, paying(5000, today)));
    }
    payments = sam.therapy.payments(r->id);
    QVERIFY_OK(payments);
    QCOMPARE(payments->size(), std::size_t {2});
}

void TestTherapyService::noPaymentToUnverifiedBankDetails()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    auto provider = sol.therapy.saveProvider(providerNamed(QStringLiteral("Dr Rowan Therapist")));
    QVERIFY_OK(provider);
    QVERIFY(!provider->bankVerified());
    auto r = sol.therapy.createRequest(draftFor(theCase->id, provider->id, 4, 10000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    r = sam.therapy.approve(r->id, approving(4), r->version);
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, {S::ProviderInstructed, S::InTherapy});
    QVERIFY_OK(r);
    const QDate today = TestFirm::today();
    auto inv = sol.therapy.addInvoice(r->id, invoiceFor(QStringLiteral("INV-1"), 4, 40000, today));
    QVERIFY_OK(inv);
    QVERIFY_REFUSED(sam.therapy.pay(inv->id, paying(10000, today)));
    auto payments = sam.therapy.payments(r->id);
    QVERIFY_OK(payments);
    QVERIFY(payments->empty());
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 40000, 0, 960000);

    // Verified by call-back: payable.
    auto verified = sam.therapy.verifyProviderBank(provider->id, provider->version);
    QVERIFY_OK(verified);
    QVERIFY_OK(sam.therapy.pay(inv->id, paying(10000, today)));
    // Someone changes the account number (a classic invoice fraud): the mark is gone and payment stops.
    Provider changed = *verified;
    changed.bankAccountNumber = QStringLiteral("87654321");
    auto saved = sol.therapy.saveProvider(changed);
    QVERIFY_OK(saved);
    QVERIFY(!saved->bankVerified());
    QVERIFY_REFUSED(sam.therapy.pay(inv->id, paying(10000, today)));
    payments = sam.therapy.payments(r->id);
    QVERIFY_OK(payments);
    QCOMPARE(payments->size(), std::size_t {1});
}

void TestTherapyService::bankDetailsAreVerifiedBySomeoneElseAndEditingClearsIt()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    Desk sue(secondSupervisor(firm));
    AuditWatch audit(firm.admin());

    // Sam types the bank details in: he may not verify them himself; a solicitor may not verify at all.
    auto p = sam.therapy.saveProvider(providerNamed(QStringLiteral("Dr Rowan Therapist")));
    QVERIFY_OK(p);
    QCOMPARE(p->bankEnteredBy, QStringLiteral("sam"));
    QCOMPARE_ERROR(sam.therapy.verifyProviderBank(p->id, p->version), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(sol.therapy.verifyProviderBank(p->id, p->version), ErrorCode::PermissionDenied);
    auto now = sol.therapy.provider(p->id);
    QVERIFY_OK(now);
    QVERIFY(!now->bankVerified());
    QCOMPARE(now->version, p->version);
    (void)audit.fresh();
    auto verified = sue.therapy.verifyProviderBank(p->id, p->version);
    QVERIFY_OK(verified);
    QVERIFY_AUDITED(audit, "sue");
    QCOMPARE(verified->bankVerifiedBy, QStringLiteral("sue"));
    QCOMPARE(verified->bankVerifiedAtUtc, firm.clock().nowUtc());
    QVERIFY(verified->version > p->version);

    // A change that is not to the bank details keeps the mark.
    Provider contact = *verified;
    contact.contact = QStringLiteral("rowan@example.org");
    auto keptMark = sol.therapy.saveProvider(contact);
    QVERIFY_OK(keptMark);
    QCOMPARE(keptMark->bankVerifiedBy, QStringLiteral("sue"));
    QCOMPARE(keptMark->bankEnteredBy, QStringLiteral("sam"));

    // A change to the bank details clears it, and whoever changed them entered them.
    Provider sortCode = *keptMark;
    sortCode.bankSortCode = QStringLiteral("65-43-21");
    auto cleared = sol.therapy.saveProvider(sortCode);
    QVERIFY_OK(cleared);
    QVERIFY(!cleared->bankVerified());
    QCOMPARE(cleared->bankEnteredBy, QStringLiteral("sol"));
    // Saving at an old version is a conflict.
    QCOMPARE_ERROR(sol.therapy.saveProvider(sortCode), ErrorCode::ConflictingEdit);
    QCOMPARE_ERROR(sam.therapy.verifyProviderBank(p->id, keptMark->version), ErrorCode::ConflictingEdit);
    auto reverified = sam.therapy.verifyProviderBank(p->id, cleared->version);  // Sol entered these: Sam may
    QVERIFY_OK(reverified);
    QCOMPARE(reverified->bankVerifiedBy, QStringLiteral("sam"));

    // The marks cannot be forged through saveProvider.
    Provider forged = providerNamed(QStringLiteral("Dr Forged"), QStringLiteral("11112222"));
    forged.bankEnteredBy = QStringLiteral("oli");
    forged.bankVerifiedBy = QStringLiteral("sam");
    forged.bankVerifiedAtUtc = firm.clock().nowUtc();
    auto saved = sol.therapy.saveProvider(forged);
    QVERIFY_OK(saved);
    QCOMPARE(saved->bankEnteredBy, QStringLiteral("sol"));
    QVERIFY(!saved->bankVerified());
    Provider reforged = *saved;
    reforged.bankVerifiedBy = QStringLiteral("sam");
    auto resaved = sol.therapy.saveProvider(reforged);
    QVERIFY_OK(resaved);
    QVERIFY(!resaved->bankVerified());
}

void TestTherapyService::duplicateInvoiceNumberFromTheSameProviderIsRefused()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    auto p1 = sol.therapy.saveProvider(providerNamed(QStringLiteral("Dr Rowan Therapist")));
    QVERIFY_OK(p1);
    auto p2 = sol.therapy.saveProvider(providerNamed(QStringLiteral("Dr Alex Other"), QStringLiteral("55556666")));
    QVERIFY_OK(p2);
    auto ready = [&](qint64 providerId) -> Result<TherapyRequest> {
        auto r = sol.therapy.createRequest(draftFor(theCase->id, providerId, 6, 9000));
        if (!r) {
            return r;
        }
        r = walk(sol.therapy, *r, kToApproval);
        if (!r) {
            return r;
        }
        r = sam.therapy.approve(r->id, approving(6), r->version);
        if (!r) {
            return r;
        }
        return walk(sol.therapy, *r, {S::ProviderInstructed, S::InTherapy});
    };
    auto r1 = ready(p1->id);
    QVERIFY_OK(r1);
    auto r2 = ready(p1->id);
    QVERIFY_OK(r2);
    auto r3 = ready(p2->id);
    QVERIFY_OK(r3);
    const QDate today = TestFirm::today();
    QVERIFY_OK(sol.therapy.addInvoice(r1->id, invoiceFor(QStringLiteral("INV-001"), 1, 9000, today)));
    // The same number from the same provider: on the same request or another client's request.
    QVERIFY_REFUSED(sol.therapy.addInvoice(r1->id, invoiceFor(QStringLiteral("INV-001"), 1, 9000, today)));
    QVERIFY_REFUSED(sol.therapy.addInvoice(r2->id, invoiceFor(QStringLiteral("INV-001"), 2, 18000, today)));
    // Not by writing it differently either (case, spaces).
    QVERIFY_REFUSED(sol.therapy.addInvoice(r2->id, invoiceFor(QStringLiteral("inv-001"), 1, 9000, today)));
    QVERIFY_REFUSED(sol.therapy.addInvoice(r2->id, invoiceFor(QStringLiteral(" INV-001 "), 1, 9000, today)));
    // The same number from another provider is another invoice.
    QVERIFY_OK(sol.therapy.addInvoice(r3->id, invoiceFor(QStringLiteral("INV-001"), 1, 9000, today)));
    auto i1 = sol.therapy.invoices(r1->id);
    QVERIFY_OK(i1);
    QCOMPARE(i1->size(), std::size_t {1});
    auto i2 = sol.therapy.invoices(r2->id);
    QVERIFY_OK(i2);
    QVERIFY(i2->empty());
    auto i3 = sol.therapy.invoices(r3->id);
    QVERIFY_OK(i3);
    QCOMPARE(i3->size(), std::size_t {1});
}

// --- Sessions -----------------------------------------------------------------------------------------------

void TestTherapyService::sessionsPastTheApprovedCountRaiseAnExtensionRequest()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 2, 9000));
    QVERIFY_OK(r);
    // No sessions on a draft.
    QVERIFY_REFUSED(sol.therapy.logSession(r->id, attended(TestFirm::today())));
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    r = sam.therapy.approve(r->id, approving(2), r->version);
    QVERIFY_OK(r);
    QVERIFY_REFUSED(sol.therapy.logSession(r->id, attended(TestFirm::today())));  // provider not instructed
    r = walk(sol.therapy, *r, {S::ProviderInstructed, S::InTherapy});
    QVERIFY_OK(r);

    for (int i = 0; i < 2; ++i) {
        auto s = sol.therapy.logSession(r->id, attended(tick(firm, 7)));
        QVERIFY_OK(s);
        QVERIFY(!s->beyondApproved);
        QCOMPARE(s->recordedBy, QStringLiteral("sol"));
    }
    // A did-not-attend the provider does not charge for does not use an approved session.
    TherapySession dna = attended(tick(firm, 7));
    dna.outcome = SessionOutcome::DidNotAttend;
    dna.charged = false;
    auto logged = sol.therapy.logSession(r->id, dna);
    QVERIFY_OK(logged);
    QVERIFY(!logged->beyondApproved);
    auto now = sol.therapy.request(r->id);
    QVERIFY_OK(now);
    QCOMPARE(now->sessionsUsed, 2);
    QCOMPARE(now->status, S::InTherapy);
    const int versionBefore = now->version;

    // The third charged session: kept, flagged, and the request now asks for an extension.
    auto beyond = sol.therapy.logSession(r->id, attended(tick(firm, 7)));
    QVERIFY_OK(beyond);
    QVERIFY(beyond->beyondApproved);
    now = sol.therapy.request(r->id);
    QVERIFY_OK(now);
    QCOMPARE(now->status, S::ExtensionRequested);
    QVERIFY(now->version > versionBefore);
    QCOMPARE(now->sessionsUsed, 3);
    QCOMPARE(now->sessionsApproved, 2);  // nothing approved silently
    QCOMPARE(now->capPence(), qint64(18000));
    auto sessions = sol.therapy.sessions(r->id);
    QVERIFY_OK(sessions);
    QCOMPARE(sessions->size(), std::size_t {4});
    QCOMPARE(int(std::count_if(sessions->begin(), sessions->end(),
                               [](const TherapySession& s) { return s.beyondApproved; })),
             1);
    // It waits for a supervisor.
    auto queues = sam.therapy.queues();
    QVERIFY_OK(queues);
    QVERIFY(std::any_of(queues->awaitingApproval.begin(), queues->awaitingApproval.end(),
                        [&](const TherapyRequest& q) { return q.id == r->id; }));
}

void TestTherapyService::sessionHeldBeforeAnExtensionDecisionCanBeLoggedAfterIt()
{
    // Sessions are often logged late, from the provider's monthly invoice. A session held after the funding was
    // approved is funded, whatever was decided later (an extension).
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    r = sam.therapy.approve(r->id, approving(4), r->version);  // approved on Fri 27 Nov 2026
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, {S::ProviderInstructed, S::InTherapy});
    QVERIFY_OK(r);
    const QDate first = tick(firm, 7);  // Fri 4 Dec
    QVERIFY_OK(sol.therapy.logSession(r->id, attended(first)));
    const QDate notLoggedYet = tick(firm, 7);  // Fri 11 Dec: held, not logged yet
    tick(firm, 3);
    r = sol.therapy.request(r->id);
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, {S::ReviewDue});
    QVERIFY_OK(r);
    r = sol.therapy.requestExtension(r->id, 2, QStringLiteral("Therapist recommends two more"), r->version);
    QVERIFY_OK(r);
    r = sam.therapy.approveExtension(r->id, approving(2), r->version);  // Mon 14 Dec
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, {S::InTherapy});
    QVERIFY_OK(r);
    auto late = sol.therapy.logSession(r->id, attended(notLoggedYet));
    QVERIFY_OK(late);
    QVERIFY(!late->beyondApproved);
    // A session before the original approval is still refused.
    QVERIFY_REFUSED(sol.therapy.logSession(r->id, attended(QDate(2026, 11, 20))));
}

void TestTherapyService::sessionBeyondApprovedWhileEndingIsNotSilent()
{
    // "A session past the approved count is kept, flagged, and raises an extension request" — also while therapy
    // is ending (e.g. after an extension was refused, the client attended once more).
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 2, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    r = sam.therapy.approve(r->id, approving(2), r->version);
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, {S::ProviderInstructed, S::InTherapy});
    QVERIFY_OK(r);
    QVERIFY_OK(sol.therapy.logSession(r->id, attended(tick(firm, 7))));
    QVERIFY_OK(sol.therapy.logSession(r->id, attended(tick(firm, 7))));
    r = sol.therapy.request(r->id);
    QVERIFY_OK(r);
    r = sol.therapy.requestExtension(r->id, 1, QStringLiteral("One more"), r->version);
    QVERIFY_OK(r);
    r = sam.therapy.refuseExtension(r->id, QStringLiteral("Enough for now"), r->version);
    QVERIFY_OK(r);
    QCOMPARE(r->status, S::Ending);
    // The extension was just refused, so no new extension request: the session is kept and flagged, the request
    // stays ending, and the supervisor gets an urgent task (the fund will not pay for that session).
    auto beyond = sol.therapy.logSession(r->id, attended(tick(firm, 7)));
    QVERIFY_OK(beyond);
    QVERIFY(beyond->beyondApproved);
    auto now = sol.therapy.request(r->id);
    QVERIFY_OK(now);
    QCOMPARE(now->status, S::Ending);
    auto tasks = sol.cases.tasks(theCase->id);
    QVERIFY_OK(tasks);
    const bool told = std::any_of(tasks->begin(), tasks->end(), [](const Task& t) {
        return t.urgent && !t.done && t.title.contains(QStringLiteral("beyond the approved sessions"));
    });
    QVERIFY2(told, "no urgent task tells the supervisor about the overrun");
}

void TestTherapyService::rehabilitationProposalCreatesTheReplyDeadline()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    TherapyRequest draft = draftFor(theCase->id, 0, 10, 9000);
    draft.funding = FundingRoute::RehabilitationCode;
    auto r = sol.therapy.createRequest(draft);
    QVERIFY_OK(r);
    QCOMPARE(r->funding, FundingRoute::RehabilitationCode);
    // Received Fri 20 Nov 2026: reply by Fri 11 Dec 2026 (21 days; the Code is not a court rule, no rolling).
    auto recorded = sol.therapy.recordRehabProposal(r->id, QDate(2026, 11, 20), r->version);
    QVERIFY_OK(recorded);
    QCOMPARE(recorded->rehabProposalReceivedOn, QDate(2026, 11, 20));
    QVERIFY(recorded->version > r->version);
    auto stored = sol.deadlines.deadlines(theCase->id);
    QVERIFY_OK(stored);
    auto reply = std::find_if(stored->begin(), stored->end(),
                              [](const deadlines::StoredDeadline& d) { return d.rule == QStringLiteral("REHAB_CODE_REPLY"); });
    QVERIFY(reply != stored->end());
    QCOMPARE(reply->dueOn, QDate(2026, 12, 11));
    QCOMPARE(reply->party, deadlines::ActingParty::Opponent);  // the compensator replies
    // Stale version: a conflict, and no second deadline.
    QCOMPARE_ERROR(sol.therapy.recordRehabProposal(r->id, QDate(2026, 11, 21), r->version), ErrorCode::ConflictingEdit);
    stored = sol.deadlines.deadlines(theCase->id);
    QVERIFY_OK(stored);
    QCOMPARE(int(std::count_if(stored->begin(), stored->end(), [](const deadlines::StoredDeadline& d) {
                 return d.rule == QStringLiteral("REHAB_CODE_REPLY");
             })),
             1);
}

void TestTherapyService::rehabilitationProposalDateInADraftStillGetsItsDeadline()
{
    // A request form that sends the proposal date with the draft must not leave the case without its 21-day reply
    // deadline: either the date is not taken from the draft (and recordRehabProposal then adds the deadline), or
    // the deadline is created with it.
    TestFirm firm;
    Desk sol(firm.solicitor());
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    TherapyRequest draft = draftFor(theCase->id, 0, 10, 9000);
    draft.funding = FundingRoute::RehabilitationCode;
    draft.rehabProposalReceivedOn = QDate(2026, 11, 20);
    auto r = sol.therapy.createRequest(draft);
    QVERIFY_OK(r);
    auto recorded = sol.therapy.recordRehabProposal(r->id, QDate(2026, 11, 20), r->version);
    auto stored = sol.deadlines.deadlines(theCase->id);
    QVERIFY_OK(stored);
    const bool hasReply = std::any_of(stored->begin(), stored->end(), [](const deadlines::StoredDeadline& d) {
        return d.rule == QStringLiteral("REHAB_CODE_REPLY") && d.dueOn == QDate(2026, 12, 11);
    });
    QVERIFY2(hasReply, qPrintable(QStringLiteral("no REHAB_CODE_REPLY deadline; recordRehabProposal said: %1")
                                      .arg(recorded ? QStringLiteral("ok") : recorded.error().message)));
}

// --- Two supervisors at once ------------------------------------------------------------------------------------

void TestTherapyService::twoSupervisorsApprovingTheSameVersion()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    Desk sue(secondSupervisor(firm));
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 10, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    // Both open the approval queue and read the same version.
    auto samRead = sam.therapy.request(r->id);
    QVERIFY_OK(samRead);
    auto sueRead = sue.therapy.request(r->id);
    QVERIFY_OK(sueRead);
    QCOMPARE(samRead->version, sueRead->version);
    firm.clock().advanceSeconds(60);
    QVERIFY_OK(sam.therapy.approve(r->id, approving(10), samRead->version));
    auto late = sue.therapy.approve(r->id, approving(8), sueRead->version);
    QCOMPARE_ERROR(late, ErrorCode::ConflictingEdit);
    const QString message = late.error().message;
    QVERIFY2(message.contains(QStringLiteral("Sam Supervisor")) || message.contains(QStringLiteral("sam")),
             qPrintable(message));
    // Rejecting at the stale version is refused the same way.
    QCOMPARE_ERROR(sue.therapy.reject(r->id, QStringLiteral("no"), sueRead->version), ErrorCode::ConflictingEdit);
    auto now = sue.therapy.request(r->id);
    QVERIFY_OK(now);
    QCOMPARE(now->approver, QStringLiteral("sam"));
    QCOMPARE(now->sessionsApproved, 10);
    auto decisions = sue.therapy.decisions(r->id);
    QVERIFY_OK(decisions);
    QCOMPARE(decisions->size(), std::size_t {1});
    QVERIFY_BUDGET(sue.therapy, kYear, 1'000'000, 90000, 0, 910000);  // counted once
}

void TestTherapyService::twoSupervisorsApprovingAtOnceOnTwoThreads()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    Desk sue(secondSupervisor(firm));
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 10, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    const qint64 id = r->id;
    const int version = r->version;
    // Each supervisor's own session on their own thread (as on two desktops), released together.
    std::optional<Result<TherapyRequest>> samResult;
    std::optional<Result<TherapyRequest>> sueResult;
    std::atomic<int> ready {0};
    auto run = [&](Desk& desk, std::optional<Result<TherapyRequest>>& out) {
        ++ready;
        while (ready.load() < 2) {
            std::this_thread::yield();
        }
        out.emplace(desk.therapy.approve(id, approving(10), version));
        // Someone else saving can make the loser wait past the busy timeout; trying again at the same version
        // must then meet the winner's change.
        if (!out->ok() && out->error().code == ErrorCode::VaultBusy) {
            out.emplace(desk.therapy.approve(id, approving(10), version));
        }
    };
    std::thread a(run, std::ref(sam), std::ref(samResult));
    std::thread b(run, std::ref(sue), std::ref(sueResult));
    a.join();
    b.join();
    QVERIFY(samResult && sueResult);
    const int wins = (samResult->ok() ? 1 : 0) + (sueResult->ok() ? 1 : 0);
    QCOMPARE(wins, 1);
    const auto& loser = samResult->ok() ? *sueResult : *samResult;
    const QString winner = samResult->ok() ? QStringLiteral("sam") : QStringLiteral("sue");
    const QString winnerName = samResult->ok() ? QStringLiteral("Sam Supervisor") : QStringLiteral("Sue Second");
    QCOMPARE(errorCodeName(loser.error().code), errorCodeName(ErrorCode::ConflictingEdit));
    QVERIFY2(loser.error().message.contains(winnerName) || loser.error().message.contains(winner),
             qPrintable(loser.error().message));
    auto now = sol.therapy.request(id);
    QVERIFY_OK(now);
    QCOMPARE(now->approver, winner);
    auto decisions = sol.therapy.decisions(id);
    QVERIFY_OK(decisions);
    QCOMPARE(decisions->size(), std::size_t {1});
    QVERIFY_BUDGET(sam.therapy, kYear, 1'000'000, 90000, 0, 910000);
}

// --- Restricted cases -------------------------------------------------------------------------------------------

void TestTherapyService::restrictedCaseRequestsAreHidden()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    Desk oli(firm.outsider());
    Desk sue(secondSupervisor(firm));
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase(QStringLiteral("sol"), QStringLiteral("sam"), true));
    QVERIFY_OK(theCase);
    auto provider = sol.therapy.saveProvider(providerNamed(QStringLiteral("Dr Rowan Therapist")));
    QVERIFY_OK(provider);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, provider->id, 6, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);

    // Oli may not open the case: nothing about its requests, and no changes.
    QCOMPARE_ERROR(oli.therapy.requests(theCase->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(oli.therapy.request(r->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(oli.therapy.createRequest(draftFor(theCase->id, provider->id, 6, 9000)), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(oli.therapy.transition(r->id, S::Draft, r->version), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(oli.therapy.decisions(r->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(oli.therapy.sessions(r->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(oli.therapy.invoices(r->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(oli.therapy.statement(theCase->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(oli.therapy.recordRecovery(r->id, true, 100, r->version), ErrorCode::PermissionDenied);
    // Sue is a supervisor but not on this case: she cannot open it, so she cannot decide on it either.
    QCOMPARE_ERROR(sue.therapy.request(r->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(sue.therapy.approve(r->id, approving(6), r->version), ErrorCode::PermissionDenied);
    auto now = sol.therapy.request(r->id);
    QVERIFY_OK(now);
    QCOMPARE(now->version, r->version);
    QCOMPARE(now->status, S::AwaitingApproval);
    // Nor does the fund window's approval queue show Sue the restricted request's provider.
    auto queues = sue.therapy.queues();
    QVERIFY_OK(queues);
    for (const TherapyRequest& q : queues->awaitingApproval) {
        if (q.id == r->id) {
            QVERIFY2(q.providerName.isEmpty() || q.providerName == QStringLiteral("(restricted)"),
                     qPrintable(q.providerName));
            QVERIFY(q.diagnosis.isEmpty());
        }
    }

    // The case's own supervisor decides; the fund report still counts it, without the provider for Sue.
    QVERIFY_OK(sam.therapy.approve(r->id, approving(6), r->version));
    auto samReport = sam.therapy.report(kYear);
    QVERIFY_OK(samReport);
    const ReportRow* samRow = rowFor(*samReport, r->id);
    QVERIFY(samRow);
    QCOMPARE(samRow->provider, QStringLiteral("Dr Rowan Therapist"));
    auto sueReport = sue.therapy.report(kYear);
    QVERIFY_OK(sueReport);
    const ReportRow* sueRow = rowFor(*sueReport, r->id);
    QVERIFY(sueRow);
    QCOMPARE(sueRow->provider, QStringLiteral("(restricted)"));
    QCOMPARE(sueRow->caseReference, theCase->reference);
    QCOMPARE(sueRow->capPence, qint64(54000));
    QCOMPARE(sueReport->budget.committedPence, qint64(54000));
    QCOMPARE(sueReport->totals.capPence, samReport->totals.capPence);
}

void TestTherapyService::restrictedCaseInvoicesInThePaymentQueueAreMasked()
{
    // The fund report shows "(restricted)" for a restricted case's provider to a supervisor who may not open the
    // case; the payment queue of the same fund window must not show what the report hides.
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    Desk sue(secondSupervisor(firm));
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase(QStringLiteral("sol"), QStringLiteral("sam"), true));
    QVERIFY_OK(theCase);
    auto provider = sol.therapy.saveProvider(providerNamed(QStringLiteral("Dr Rowan Therapist")));
    QVERIFY_OK(provider);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, provider->id, 6, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    r = sam.therapy.approve(r->id, approving(6), r->version);
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, {S::ProviderInstructed, S::InTherapy});
    QVERIFY_OK(r);
    auto inv = sol.therapy.addInvoice(r->id, invoiceFor(QStringLiteral("R-1"), 2, 18000, TestFirm::today()));
    QVERIFY_OK(inv);
    // Sam (the case's supervisor) sees it in full.
    auto samQueues = sam.therapy.queues();
    QVERIFY_OK(samQueues);
    auto samLine = std::find_if(samQueues->awaitingPayment.begin(), samQueues->awaitingPayment.end(),
                                [&](const Invoice& i) { return i.id == inv->id; });
    QVERIFY(samLine != samQueues->awaitingPayment.end());
    QCOMPARE(samLine->providerName, QStringLiteral("Dr Rowan Therapist"));
    // Sue may not open the case: the line is absent or masked like the report's.
    auto sueQueues = sue.therapy.queues();
    QVERIFY_OK(sueQueues);
    for (const Invoice& i : sueQueues->awaitingPayment) {
        if (i.id == inv->id) {
            QCOMPARE(i.providerName, QStringLiteral("(restricted)"));
        }
    }
    QCOMPARE_ERROR(sue.therapy.pay(inv->id, paying(18000, TestFirm::today())), ErrorCode::PermissionDenied);
}

// --- The statement ------------------------------------------------------------------------------------------

void TestTherapyService::statementTotalsAreTheSumsOfItsLines()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 1'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    auto provider = sol.therapy.saveProvider(providerNamed(QStringLiteral("Dr Rowan Therapist")));
    QVERIFY_OK(provider);
    QVERIFY_OK(sam.therapy.verifyProviderBank(provider->id, provider->version));

    // Two requests on the case: £1,050 cap (paid £510 + £300 of a £540 invoice) and £480 cap (paid £240).
    auto start = [&](int sessions, qint64 cost, qint64 fees) -> Result<TherapyRequest> {
        auto r = sol.therapy.createRequest(draftFor(theCase->id, provider->id, sessions, cost, fees));
        if (!r) {
            return r;
        }
        r = walk(sol.therapy, *r, kToApproval);
        if (!r) {
            return r;
        }
        r = sam.therapy.approve(r->id, approving(sessions), r->version);
        if (!r) {
            return r;
        }
        return walk(sol.therapy, *r, {S::ProviderInstructed, S::InTherapy});
    };
    auto a = start(10, 9000, 15000);
    QVERIFY_OK(a);
    auto b = start(4, 12000, 0);
    QVERIFY_OK(b);
    const QDate d1 = tick(firm, 10);
    auto a1 = sol.therapy.addInvoice(a->id, invoiceFor(QStringLiteral("A-1"), 4, 51000, d1));
    QVERIFY_OK(a1);
    QVERIFY_OK(sam.therapy.pay(a1->id, paying(51000, d1)));
    const QDate d2 = tick(firm, 10);
    auto b1 = sol.therapy.addInvoice(b->id, invoiceFor(QStringLiteral("B-1"), 2, 24000, d2));
    QVERIFY_OK(b1);
    QVERIFY_OK(sam.therapy.pay(b1->id, paying(24000, d2)));
    const QDate d3 = tick(firm, 10);
    auto a2 = sol.therapy.addInvoice(a->id, invoiceFor(QStringLiteral("A-2"), 6, 54000, d3));
    QVERIFY_OK(a2);
    QVERIFY_OK(sam.therapy.pay(a2->id, paying(30000, d3)));

    a = sol.therapy.request(a->id);
    QVERIFY_OK(a);
    a = sol.therapy.recordRecovery(a->id, true, 60000, a->version);
    QVERIFY_OK(a);
    b = sol.therapy.request(b->id);
    QVERIFY_OK(b);
    QCOMPARE_ERROR(sol.therapy.writeOff(b->id, 4000, QStringLiteral("Not claimed"), b->version),
                   ErrorCode::PermissionDenied);
    QVERIFY_REFUSED(sam.therapy.writeOff(b->id, 4000, QStringLiteral("  "), b->version));  // a reason is required
    b = sam.therapy.writeOff(b->id, 4000, QStringLiteral("Not claimed: outside the schedule"), b->version);
    QVERIFY_OK(b);
    QCOMPARE(b->writeOffReason, QStringLiteral("Not claimed: outside the schedule"));

    auto statement = sol.therapy.statement(theCase->id);
    QVERIFY_OK(statement);
    QCOMPARE(statement->caseReference, theCase->reference);
    QCOMPARE(statement->requests.size(), std::size_t {2});
    qint64 invoiced = 0;
    qint64 paid = 0;
    QDate previous;
    for (const StatementLine& line : statement->lines) {
        invoiced += line.invoicedPence;
        paid += line.paidPence;
        QVERIFY(!line.description.trimmed().isEmpty());
        QVERIFY2(!previous.isValid() || previous <= line.date, qPrintable(line.description));  // date order
        previous = line.date;
    }
    QCOMPARE(statement->invoicedPence, invoiced);
    QCOMPARE(statement->paidPence, paid);
    QCOMPARE(statement->invoicedPence, qint64(51000 + 24000 + 54000));
    QCOMPARE(statement->paidPence, qint64(51000 + 24000 + 30000));
    QCOMPARE(statement->recoveredPence, qint64(60000));
    QCOMPARE(statement->writtenOffPence, qint64(4000));
    QCOMPARE(statement->outstandingPence, statement->paidPence - statement->recoveredPence - statement->writtenOffPence);
    QCOMPARE(statement->outstandingPence, qint64(41000));
}

void TestTherapyService::withdrawingAnApprovedRequestReleasesItsCommitment()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 500'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 6, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    r = sam.therapy.approve(r->id, approving(6), r->version);
    QVERIFY_OK(r);
    auto budget = sam.therapy.budget(kYear);
    QVERIFY_OK(budget);
    QCOMPARE(budget->committedPence, r->capPence());
    // The client decides not to go ahead before the provider is instructed: the fee earner withdraws it.
    r = sol.therapy.transition(r->id, S::Closed, r->version, QStringLiteral("Client does not want therapy now"));
    QVERIFY_OK(r);
    budget = sam.therapy.budget(kYear);
    QVERIFY_OK(budget);
    QCOMPARE(budget->committedPence, qint64{0});
    QCOMPARE(budget->remainingPence, qint64{500'000});
    // Once the provider is instructed it can no longer simply be withdrawn.
    auto second = sol.therapy.createRequest(draftFor(theCase->id, pid, 2, 9000));
    QVERIFY_OK(second);
    second = walk(sol.therapy, *second, kToApproval);
    QVERIFY_OK(second);
    second = sam.therapy.approve(second->id, approving(2), second->version);
    QVERIFY_OK(second);
    second = walk(sol.therapy, *second, {S::ProviderInstructed});
    QVERIFY_OK(second);
    QCOMPARE_ERROR(sol.therapy.transition(second->id, S::Closed, second->version), ErrorCode::InvalidInput);
}

void TestTherapyService::onlyASupervisorReconcilesOrClosesTheMoney()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 500'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    const qint64 pid = quoted(sol);
    QVERIFY(pid > 0);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, pid, 1, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    r = sam.therapy.approve(r->id, approving(1), r->version);
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, {S::ProviderInstructed, S::InTherapy, S::Completed});
    QVERIFY_OK(r);
    QCOMPARE_ERROR(sol.therapy.transition(r->id, S::Reconciled, r->version), ErrorCode::PermissionDenied);
    r = sam.therapy.transition(r->id, S::Reconciled, r->version);
    QVERIFY_OK(r);
    QCOMPARE_ERROR(sol.therapy.transition(r->id, S::Closed, r->version), ErrorCode::PermissionDenied);
    r = sam.therapy.transition(r->id, S::Closed, r->version);  // nothing paid: nothing to recover
    QVERIFY_OK(r);
    QCOMPARE(r->status, S::Closed);
}

namespace {
int deniedCount(Vault& vault)
{
    int n = 0;
    if (auto all = AuditLog::list(vault.connection())) {
        for (const AuditEntry& e : *all) {
            n += e.action == QStringLiteral("permission.denied") ? 1 : 0;
        }
    }
    return n;
}

// sol asks, sue approves `sessions`, sol instructs and starts therapy.
Result<TherapyRequest> inTherapy(TestFirm& firm, Desk& sol, Desk& sue, qint64 providerId, int sessions, qint64 cost,
                                 bool vat = false)
{
    auto theCase = sol.cases.create(clientCase());
    if (!theCase) {
        return theCase.error();
    }
    TherapyRequest draft = draftFor(theCase->id, providerId, sessions, cost);
    draft.vat = vat;
    auto r = sol.therapy.createRequest(draft);
    if (!r) {
        return r;
    }
    r = walk(sol.therapy, *r, kToApproval);
    if (!r) {
        return r;
    }
    r = sue.therapy.approve(r->id, approving(sessions, QStringLiteral("test budget")), r->version);
    if (!r) {
        return r;
    }
    Q_UNUSED(firm);
    return walk(sol.therapy, *r, {S::ProviderInstructed, S::InTherapy});
}
}  // namespace

void TestTherapyService::supervisorWhoAskedForTheExtensionCannotDecideIt()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    Desk sue(secondSupervisor(firm));
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 5'000'000, {}));
    auto r = inTherapy(firm, sol, sue, quoted(sol), 6, 9000);
    QVERIFY_OK(r);
    // Sam did not ask for the therapy, but he asks for the extension: he may not decide it as well.
    r = sam.therapy.requestExtension(r->id, 4, QStringLiteral("Therapist's progress report"), r->version);
    QVERIFY_OK(r);
    QCOMPARE(r->extensionRequestedBy, QStringLiteral("sam"));
    const int denied = deniedCount(firm.supervisor());
    QCOMPARE_ERROR(sam.therapy.approveExtension(r->id, approving(4), r->version), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(sam.therapy.refuseExtension(r->id, QStringLiteral("no"), r->version), ErrorCode::PermissionDenied);
    QCOMPARE(deniedCount(firm.supervisor()), denied + 2);
    auto decided = sue.therapy.approveExtension(r->id, approving(4), r->version);
    QVERIFY_OK(decided);
    QCOMPARE(decided->sessionsApproved, 10);
    QCOMPARE(decided->approver, QStringLiteral("sue"));  // the funding's approver; the extension is a decision row
}

void TestTherapyService::supervisorWhoPricedOrSentTheRequestCannotApproveIt()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    Desk sue(secondSupervisor(firm));
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 5'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, quoted(sol), 10, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, {S::Submitted, S::ClinicalCheck, S::QuoteObtained});
    QVERIFY_OK(r);
    // Sam raises the figures himself, then sends it for approval: he may not approve what he priced.
    TherapyRequest edited = *r;
    edited.sessionsRequested = 12;
    edited.costPerSessionPence = 25000;
    r = sam.therapy.updateRequest(edited);
    QVERIFY_OK(r);
    QCOMPARE(r->figuresEditedBy, QStringLiteral("sam"));
    r = walk(sam.therapy, *r, {S::AwaitingApproval});
    QVERIFY_OK(r);
    QCOMPARE(r->submittedBy, QStringLiteral("sam"));
    QCOMPARE_ERROR(sam.therapy.approve(r->id, approving(12), r->version), ErrorCode::PermissionDenied);
    // Sue approves within her limit once an admin raised it (12 × £250 = £3,000 is within the default anyway).
    {
        CaseService adminCases(firm.admin());
        deadlines::DeadlineService adminDeadlines(firm.admin(), adminCases);
        TherapyService adminTherapy(firm.admin(), adminCases, adminDeadlines);
        QVERIFY_OK(adminTherapy.setAuthorityLimit(QStringLiteral("sue"), 400'000));
    }
    QVERIFY_OK(sue.therapy.approve(r->id, approving(12), r->version));
}

void TestTherapyService::refusalsInsideADecisionStayInTheAuditLog()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 5'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, quoted(sol), 40, 12000));  // £4,800, over £3,000
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, kToApproval);
    QVERIFY_OK(r);
    const int denied = deniedCount(firm.supervisor());
    QCOMPARE_ERROR(sam.therapy.approve(r->id, approving(40), r->version), ErrorCode::PermissionDenied);
    QCOMPARE(deniedCount(firm.supervisor()), denied + 1);
    auto unchanged = sam.therapy.request(r->id);
    QVERIFY_OK(unchanged);
    QCOMPARE(unchanged->status, S::AwaitingApproval);
    QCOMPARE(unchanged->version, r->version);
}

void TestTherapyService::vatRoundedPerInvoiceDoesNotBlockTheLastPayment()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    Desk sue(secondSupervisor(firm));
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 5'000'000, {}));
    auto provider = sol.therapy.saveProvider(providerNamed(QStringLiteral("Dr Vat")));
    QVERIFY_OK(provider);
    QVERIFY_OK(sam.therapy.verifyProviderBank(provider->id, provider->version));
    // £92.43 × 10 with VAT: the cap rounds VAT once (£1,109.16); the provider rounds it on each invoice (£110.92).
    auto r = inTherapy(firm, sol, sue, provider->id, 10, 9243, true);
    QVERIFY_OK(r);
    QCOMPARE(r->capPence(), qint64 {110916});
    for (int i = 1; i <= 10; ++i) {
        const QDate on = tick(firm, 1);
        QVERIFY_OK(sol.therapy.logSession(r->id, attended(on)));
        auto invoice = sol.therapy.addInvoice(r->id, invoiceFor(QStringLiteral("V-%1").arg(i), 1, 11092, on));
        QVERIFY_OK(invoice);
        auto paid = sam.therapy.pay(invoice->id, paying(11092, on));
        QVERIFY2(paid.ok(), qPrintable(QStringLiteral("payment %1: %2").arg(i).arg(paid ? QString() : paid.error().message)));
    }
    auto now = sol.therapy.request(r->id);
    QVERIFY_OK(now);
    QCOMPARE(now->paidPence, qint64 {110920});  // 4p of VAT rounding over the cap, within 1p per invoice
    auto budget = sam.therapy.budget(kYear);
    QVERIFY_OK(budget);
    QCOMPARE(budget->allocatedPence - budget->committedPence - budget->paidPence, budget->remainingPence);
    // More than rounding is still refused.
    auto extra = sol.therapy.addInvoice(r->id, invoiceFor(QStringLiteral("V-11"), 0, 500, tick(firm, 1)));
    QVERIFY_OK(extra);
    QCOMPARE_ERROR(sam.therapy.pay(extra->id, paying(500, extra->invoiceDate)), ErrorCode::InvalidInput);
}

void TestTherapyService::bankDetailsChangedByTwoPeopleNeedAThird()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    Desk sue(secondSupervisor(firm));
    auto p = sam.therapy.saveProvider(providerNamed(QStringLiteral("Dr Two Hands")));
    QVERIFY_OK(p);
    Provider renamed = *p;
    renamed.bankAccountName = QStringLiteral("Dr Two Hands Ltd");
    p = sol.therapy.saveProvider(renamed);
    QVERIFY_OK(p);
    QVERIFY(!p->bankVerified());
    // Sam typed the account number: Sol's later change of the name does not let Sam confirm his own number.
    QCOMPARE_ERROR(sam.therapy.verifyProviderBank(p->id, p->version), ErrorCode::PermissionDenied);
    auto verified = sue.therapy.verifyProviderBank(p->id, p->version);
    QVERIFY_OK(verified);
    QCOMPARE(verified->bankVerifiedBy, QStringLiteral("sue"));
    // A trailing space typed into the name is not a change of bank details.
    Provider spaced = *verified;
    spaced.bankAccountName += QStringLiteral("  ");
    auto kept = sol.therapy.saveProvider(spaced);
    QVERIFY_OK(kept);
    QVERIFY(kept->bankVerified());
}

void TestTherapyService::recoveryOfAClosedRequestCannotChange()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    QVERIFY_OK(sam.therapy.setAllocation(kYear, 5'000'000, {}));
    auto theCase = sol.cases.create(clientCase());
    QVERIFY_OK(theCase);
    auto r = sol.therapy.createRequest(draftFor(theCase->id, quoted(sol), 2, 9000));
    QVERIFY_OK(r);
    r = walk(sol.therapy, *r, {S::Closed});  // withdrawn
    QVERIFY_OK(r);
    QCOMPARE_ERROR(sol.therapy.recordRecovery(r->id, true, 0, r->version), ErrorCode::InvalidInput);
}

QTEST_GUILESS_MAIN(TestTherapyService)
#include "tst_therapy_service.moc"
