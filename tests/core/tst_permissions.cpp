// The permission matrix (issue 7, "Roles and permissions"): every service action run as each role — admin, supervisor,
// solicitor, paralegal, accounts — on a fresh copy of one small firm's vault, through the real service method.
//
// Each row asserts that the action either succeeds or is refused with PermissionDenied (nothing in between: the
// fixture gives every allowed call what it needs), that every refusal left a `permission.denied` entry in the audit
// log and that an allowed call left none, and that the outcome is what docs/PERMISSIONS.md says for that action and
// role: the document's table is parsed here, so it cannot drift from the code. A separate test checks that the
// document lists exactly the actions below, once each. Conditions written in a cell ("✓ not the requester") are met
// by the fixture; the conditions themselves are pinned by the services' own tests (tst_therapy_service,
// tst_deadline_service, tst_case_service, tst_retention) and by restrictedCasesAreWalledOff below.

#include "FakeClock.h"
#include "ResultAsserts.h"
#include "TestFirm.h"

#include "audit/AuditService.h"
#include "cases/CaseService.h"
#include "conflicts/ConflictService.h"
#include "deadlines/DeadlineService.h"
#include "reports/CaseDocuments.h"
#include "reports/FirmReports.h"
#include "retention/RetentionService.h"
#include "store/AuditLog.h"
#include "store/Keyring.h"
#include "store/SessionPolicy.h"
#include "store/Sqlite.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

using namespace claimdesk;
using namespace claimdesk::core;
using namespace claimdesk::core::therapy;
using claimdesk::test::TestFirm;
using S = RequestStatus;

namespace {

// The columns of the document's table, and who acts for each role in the test firm.
const QStringList kRoles {QStringLiteral("admin"), QStringLiteral("supervisor"), QStringLiteral("solicitor"),
                          QStringLiteral("paralegal"), QStringLiteral("accounts")};

QString actorFor(const QString& role)
{
    static const std::map<QString, QString> actors {
        {QStringLiteral("admin"), QStringLiteral("ada")},      {QStringLiteral("supervisor"), QStringLiteral("sam")},
        {QStringLiteral("solicitor"), QStringLiteral("sol")},  {QStringLiteral("paralegal"), QStringLiteral("pat")},
        {QStringLiteral("accounts"), QStringLiteral("acc")},
    };
    return actors.at(role);
}

constexpr int kYear = 2026;  // the fund year of TestFirm::today() (27 Nov 2026, April start)

// Every service over one session.
struct Desk {
    explicit Desk(Vault& v)
        : vault(v), cases(v), deadlines(v, cases), therapy(v, cases, deadlines), conflicts(v), audit(v),
          documents(v, cases, deadlines, therapy), reports(v, cases, deadlines, therapy), policy(v), retention(v, cases)
    {
    }
    Vault& vault;
    CaseService cases;
    deadlines::DeadlineService deadlines;
    TherapyService therapy;
    ConflictService conflicts;
    AuditService audit;
    reports::CaseDocuments documents;
    reports::FirmReports reports;
    SessionPolicy policy;
    RetentionService retention;
};

// --- The firm's vault, built once ---------------------------------------------------------------------------------

// What the actions work on: one ordinary case (C1: Sol's, supervised by Sam) with a note, a task, an event, a
// manual deadline, conflict checks and therapy requests in every state an action needs; and one restricted case
// (the wall: Oli's, supervised by Sue) that only Oli and Sue may open, with an invoice awaiting payment. For
// retention and erasure: closed cases (Sol's, supervised by Sam) made two days before the rows run — one on legal
// hold, one with nothing asked, one whose erasure Sue asked for then (so Sam may approve it now), one whose erasure
// can be withdrawn — and the erasure register Sam exported after a throwaway case was erased (Sue asked, Sam approved).
struct World {
    QString path;
    qint64 caseId = 0;
    QString reference;
    CaseRecord record;  // C1 as stored at the end
    qint64 wallCaseId = 0;
    QString wallReference;
    qint64 sensitiveNoteId = 0;
    qint64 taskId = 0;
    qint64 eventId = 0;
    qint64 manualDeadlineId = 0;
    qint64 checkId = 0;       // a conflict check on C1, by Sol
    qint64 looseCheckId = 0;  // a check Sol ran before any case existed
    qint64 draftId = 0;       // Sol's intake draft
    qint64 verifiedProvider = 0;
    Provider unverifiedProvider;  // bank details entered by Sol, not yet confirmed
    TherapyRequest awaiting;      // awaiting approval, asked for by Sol
    TherapyRequest paying;        // in therapy: two sessions, one invoice paid, one awaiting payment
    TherapyRequest extension;     // extension requested by Sol
    TherapyRequest draft;         // a Rehabilitation Code draft
    TherapyRequest completed;     // completed with nothing invoiced: ready to reconcile
    TherapyRequest wallRequest;   // in therapy on the wall case
    qint64 openInvoice = 0;       // C1's invoice awaiting payment
    qint64 wallInvoice = 0;       // the wall case's invoice awaiting payment
    QDate closureDay;
    QString heldReference;          // closed, on legal hold (placed by Sam)
    QString closedReference;        // closed, no hold, no erasure request
    QString approvableReference;    // closed, erasure asked for by Sue 48 hours before the rows run
    QString withdrawableReference;  // closed, erasure asked for by Sue
    QByteArray erasureRegister;     // exported by Sam after a throwaway case was erased
};

void addPerson(TestFirm& firm, const QString& username, const QString& name, Role role)
{
    const QByteArray oneTime = QByteArrayLiteral("one-time passphrase for ") + username.toUtf8();
    if (auto added = firm.admin().addUser({username, name, role}, oneTime); !added) {
        qFatal("adding %s failed: %s", qPrintable(username), qPrintable(added.error().message));
    }
    auto first = Vault::unlock(firm.path(), username, oneTime, firm.options());
    if (!first) {
        qFatal("first sign-in of %s failed: %s", qPrintable(username), qPrintable(first.error().message));
    }
    if (auto changed = (*first)->changePassphrase(oneTime, TestFirm::passphraseOf(username)); !changed) {
        qFatal("%s's passphrase change failed: %s", qPrintable(username), qPrintable(changed.error().message));
    }
}

NewCase clientCase(const QString& feeEarner, const QString& supervisor, bool restricted = false)
{
    NewCase n;
    n.client.fullName = QStringLiteral("Morgan Example");
    n.client.dateOfBirth = QDate(1990, 5, 14);
    n.feeEarner = feeEarner;
    n.supervisor = supervisor;
    n.restricted = restricted;
    n.account = QStringLiteral("Initial account of events.");
    n.safeguarding.suicidalThoughts = SuicidalThoughts::None;
    Incident incident;
    incident.start = QDate(2001, 3, 1);
    incident.abuseTypes = QStringList {QStringLiteral("sexual")};
    incident.region = Region::EnglandWales;
    n.incidents.push_back(incident);
    return n;
}

Provider providerNamed(const QString& name, const QString& account)
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

TherapyRequest draftFor(qint64 caseId, qint64 providerId, FundingRoute funding = FundingRoute::FirmFund)
{
    TherapyRequest r;
    r.caseId = caseId;
    r.providerId = providerId;
    r.funding = funding;
    r.recommendation = QStringLiteral("Dr A. Expert, psychiatric report of 2 Oct 2026, para 41");
    r.diagnosis = QStringLiteral("Complex PTSD");
    r.modality = Modality::TraumaFocusedCbt;
    r.sessionMinutes = 50;
    r.delivery = Delivery::InPerson;
    r.frequency = QStringLiteral("weekly");
    r.sessionsRequested = 6;
    r.costPerSessionPence = 9000;
    r.recoverabilityAgreed = true;
    return r;
}

ApprovalInput approving(int sessions)
{
    ApprovalInput a;
    a.sessions = sessions;
    a.conditions = QStringLiteral("Progress report after three sessions");
    return a;
}

TherapySession attended()
{
    TherapySession s;
    s.heldOn = TestFirm::today();
    s.outcome = SessionOutcome::Attended;
    s.charged = true;
    return s;
}

// A case of Sol's (supervised by Sam) opened in 2015 and closed in 2019, for a client of its own. Returns its
// reference.
QString createClosed(CaseService& cases, const QString& clientName)
{
    NewCase n = clientCase(QStringLiteral("sol"), QStringLiteral("sam"));
    n.client.fullName = clientName;
    n.openedOn = QDate(2015, 5, 1);
    auto created = cases.create(n);
    if (!created) {
        qFatal("building the firm: a case to close failed: %s", qPrintable(created.error().message));
    }
    CaseRecord record = *created;
    record.stage = Stage::Closed;
    record.closedOn = QDate(2019, 3, 29);
    if (auto saved = cases.save(record); !saved) {
        qFatal("building the firm: closing %s failed: %s", qPrintable(record.reference),
               qPrintable(saved.error().message));
    }
    return record.reference;
}

const QString kRetentionReason = QStringLiteral("Retention period over and the file was reviewed");

Invoice invoiceFor(const QString& number)
{
    Invoice i;
    i.number = number;
    i.invoiceDate = TestFirm::today();
    i.receivedOn = TestFirm::today();
    i.periodFrom = TestFirm::today();
    i.periodTo = TestFirm::today();
    i.sessionsCovered = 1;
    i.amountPence = 9000;
    i.checkedAgainstSessions = true;
    return i;
}

Payment paying()
{
    Payment p;
    p.paidOn = TestFirm::today();
    p.amountPence = 9000;
    p.method = QStringLiteral("BACS");
    p.reference = QStringLiteral("CLAIMDESK-THERAPY");
    p.paidFrom = QStringLiteral("office account");
    return p;
}

template <typename T>
T must(Result<T> result, const char* what)
{
    if (!result) {
        qFatal("building the firm: %s failed: %s", what, qPrintable(result.error().message));
    }
    return std::move(*result);
}

void must(const Result<void>& result, const char* what)
{
    if (!result) {
        qFatal("building the firm: %s failed: %s", what, qPrintable(result.error().message));
    }
}

TherapyRequest walk(TherapyService& therapy, TherapyRequest r, std::initializer_list<S> steps)
{
    for (S to : steps) {
        r = must(therapy.transition(r.id, to, r.version), "a therapy step");
    }
    return r;
}

World buildWorld()
{
    static QTemporaryDir kept;
    World w;
    {
        TestFirm firm;
        addPerson(firm, QStringLiteral("acc"), QStringLiteral("Alex Accounts"), Role::Accounts);
        addPerson(firm, QStringLiteral("sue"), QStringLiteral("Sue Second"), Role::Supervisor);
        Desk sol(firm.solicitor());
        Desk sam(firm.supervisor());
        Desk oli(firm.outsider());
        Desk sue(firm.session(QStringLiteral("sue")));

        // C1 and what hangs off it.
        const CaseRecord c1 = must(sol.cases.create(clientCase(QStringLiteral("sol"), QStringLiteral("sam"))), "C1");
        w.caseId = c1.id;
        w.reference = c1.reference;
        w.sensitiveNoteId = must(sol.cases.addNote(c1.id, QStringLiteral("Disclosed a further incident."), true),
                                 "a sensitive note")
                                .id;
        Task task;
        task.title = QStringLiteral("Request GP records");
        task.due = TestFirm::today().addDays(14);
        w.taskId = must(sol.cases.addTask(c1.id, task), "a task").id;
        deadlines::Event posted;
        posted.type = deadlines::EventType::LetterOfClaimPosted;
        posted.date = QDate(2026, 11, 2);
        (void)must(sol.deadlines.addEvent(c1.id, posted, QStringLiteral("to the diocese")), "an event");
        w.eventId = must(sol.deadlines.events(c1.id), "the events").front().id;
        w.manualDeadlineId = must(sol.deadlines.addManualDeadline(c1.id, QStringLiteral("Serve the expert report"),
                                                                  TestFirm::today().addDays(30), QString()),
                                  "a manual deadline")
                                 .id;
        const auto matches = must(sol.conflicts.check(QStringLiteral("Morgan Example")), "a conflict check");
        w.checkId = must(sol.conflicts.record(c1.id, QStringLiteral("Morgan Example"), {}, matches), "recording it");
        w.looseCheckId = must(sol.conflicts.record(0, QStringLiteral("Jordan Sample"), {}, {}), "a loose check");
        w.draftId = must(sol.cases.saveDraft(0, QJsonObject {{QStringLiteral("client"), QJsonObject {}}}), "a draft");
        w.closureDay = QDate(2027, 1, 15);
        must(sam.deadlines.addCourtClosure(w.closureDay, QStringLiteral("Court closed: building works")), "a closure");

        // The therapy fund.
        (void)must(sam.therapy.setAllocation(kYear, 1'000'000, QStringLiteral("Board decision")), "the allocation");
        Provider verified = must(sol.therapy.saveProvider(providerNamed(QStringLiteral("Dr Rowan Therapist"),
                                                                        QStringLiteral("12345678"))),
                                 "a provider");
        verified = must(sam.therapy.verifyProviderBank(verified.id, verified.version), "verifying its bank details");
        w.verifiedProvider = verified.id;
        w.unverifiedProvider = must(
            sol.therapy.saveProvider(providerNamed(QStringLiteral("Dr Quinn Quote"), QStringLiteral("99990000"))),
            "an unverified provider");

        const std::initializer_list<S> toApproval {S::Submitted, S::ClinicalCheck, S::QuoteObtained, S::AwaitingApproval};
        w.awaiting = walk(sol.therapy, must(sol.therapy.createRequest(draftFor(c1.id, verified.id)), "a request"),
                          toApproval);

        TherapyRequest r = walk(sol.therapy, must(sol.therapy.createRequest(draftFor(c1.id, verified.id)), "a request"),
                                toApproval);
        r = must(sam.therapy.approve(r.id, approving(6), r.version), "approving it");
        r = walk(sol.therapy, r, {S::ProviderInstructed, S::InTherapy});
        (void)must(sol.therapy.logSession(r.id, attended()), "a session");
        (void)must(sol.therapy.logSession(r.id, attended()), "a second session");
        const Invoice paid = must(sol.therapy.addInvoice(r.id, invoiceFor(QStringLiteral("INV-1"))), "an invoice");
        (void)must(sam.therapy.pay(paid.id, paying()), "paying it");
        w.openInvoice = must(sol.therapy.addInvoice(r.id, invoiceFor(QStringLiteral("INV-2"))), "a second invoice").id;
        w.paying = must(sol.therapy.request(r.id), "reading it back");

        r = walk(sol.therapy, must(sol.therapy.createRequest(draftFor(c1.id, verified.id)), "a request"), toApproval);
        r = must(sam.therapy.approve(r.id, approving(6), r.version), "approving it");
        r = walk(sol.therapy, r, {S::ProviderInstructed, S::InTherapy});
        w.extension = must(sol.therapy.requestExtension(r.id, 2, QStringLiteral("Two closing sessions"), r.version),
                           "an extension request");

        w.draft = must(sol.therapy.createRequest(draftFor(c1.id, verified.id, FundingRoute::RehabilitationCode)),
                       "a Rehabilitation Code draft");

        r = walk(sol.therapy, must(sol.therapy.createRequest(draftFor(c1.id, verified.id)), "a request"), toApproval);
        r = must(sam.therapy.approve(r.id, approving(6), r.version), "approving it");
        w.completed = walk(sol.therapy, r, {S::ProviderInstructed, S::Ending, S::Completed});

        // The wall: Oli's restricted case, supervised by Sue.
        const CaseRecord wall
            = must(oli.cases.create(clientCase(QStringLiteral("oli"), QStringLiteral("sue"), true)), "the wall case");
        w.wallCaseId = wall.id;
        w.wallReference = wall.reference;
        r = walk(oli.therapy, must(oli.therapy.createRequest(draftFor(wall.id, verified.id)), "a wall request"),
                 toApproval);
        r = must(sue.therapy.approve(r.id, approving(6), r.version), "approving it");
        r = walk(oli.therapy, r, {S::ProviderInstructed, S::InTherapy});
        (void)must(oli.therapy.logSession(r.id, attended()), "a wall session");
        w.wallInvoice = must(oli.therapy.addInvoice(r.id, invoiceFor(QStringLiteral("W-1"))), "a wall invoice").id;
        w.wallRequest = must(oli.therapy.request(r.id), "reading it back");

        w.record = must(sol.cases.load(c1.id), "reading C1 back");

        // Retention and erasure, two days before the rows run (every Copy's clock starts at TestFirm::startTime()).
        firm.clock().advanceSeconds(-2 * kErasureWaitSeconds);
        w.heldReference = createClosed(sol.cases, QStringLiteral("Harper Quillon"));
        must(sam.retention.placeHold(w.heldReference, QStringLiteral("Related claim against the diocese still open")),
             "a legal hold");
        w.closedReference = createClosed(sol.cases, QStringLiteral("Casey Brannock"));
        w.approvableReference = createClosed(sol.cases, QStringLiteral("Avery Tollemache"));
        must(sue.retention.requestErasure(w.approvableReference, kRetentionReason), "an erasure request");
        w.withdrawableReference = createClosed(sol.cases, QStringLiteral("Wren Dallowick"));
        must(sue.retention.requestErasure(w.withdrawableReference, kRetentionReason), "a second erasure request");
        // The register: a throwaway case, asked for by Sue, erased by Sam a day later, then exported by Sam.
        const QString erased = createClosed(sol.cases, QStringLiteral("Ellis Faraway"));
        must(sue.retention.requestErasure(erased, kRetentionReason), "a throwaway erasure request");
        firm.clock().advanceSeconds(kErasureWaitSeconds);
        (void)must(sam.retention.approveErasure(erased), "erasing the throwaway case");
        w.erasureRegister = must(sam.retention.erasureRegister(), "the erasure register");
        firm.clock().advanceSeconds(kErasureWaitSeconds);  // back to TestFirm::startTime()

        // Every session closed before the files are copied.
        for (const char16_t* user : {u"ada", u"sam", u"sol", u"pat", u"oli", u"acc", u"sue"}) {
            firm.session(QString::fromUtf16(user)).lock();
        }
        w.path = kept.filePath(QStringLiteral("world.claimdesk"));
        if (!QFile::copy(firm.path(), w.path)
            || !QFile::copy(Keyring::pathFor(firm.path()), Keyring::pathFor(w.path))) {
            qFatal("copying the firm's vault failed");
        }
    }
    return w;
}

const World& world()
{
    static const World w = buildWorld();
    return w;
}

// A private copy of the world for one row, with the people signed in on first use (as TestFirm).
class Copy {
    QTemporaryDir m_dir;
    test::FakeClock m_clock {TestFirm::startTime()};
    std::map<QString, std::unique_ptr<Vault>> m_sessions;

public:
    explicit Copy(const QString& source)
    {
        if (!m_dir.isValid() || !QFile::copy(source, path())
            || !QFile::copy(Keyring::pathFor(source), Keyring::pathFor(path()))) {
            qFatal("copying the world failed");
        }
    }
    QString path() const { return m_dir.filePath(QStringLiteral("copy.claimdesk")); }
    QString file(const QString& name) const { return m_dir.filePath(name); }
    VaultOptions options() const
    {
        VaultOptions o = test::fastOptions(m_dir);
        o.clock = &m_clock;
        return o;
    }
    Vault& session(const QString& username)
    {
        auto& slot = m_sessions[username];
        if (!slot) {
            auto opened = Vault::unlock(path(), username, TestFirm::passphraseOf(username), options());
            if (!opened) {
                qFatal("signing in %s failed: %s", qPrintable(username), qPrintable(opened.error().message));
            }
            slot = std::move(*opened);
        }
        return *slot;
    }
};

// --- The actions ---------------------------------------------------------------------------------------------------

using Outcome = std::optional<Error>;

template <typename R>
Outcome outcomeOf(const R& result)
{
    return result.ok() ? Outcome {} : Outcome {result.error()};
}

struct Context {
    Desk& desk;
    const World& w;
    Copy& copy;
};

struct Action {
    QString method;  // the document's key: the text in backticks in its "Service method" column
    std::function<Outcome(Context&)> run;
};

Outcome none()
{
    return {};
}

// One entry per row of docs/PERMISSIONS.md.
const std::vector<Action>& actions()
{
    static const std::vector<Action> all = [] {
        std::vector<Action> a;
        const auto add = [&a](const char* method, std::function<Outcome(Context&)> run) {
            a.push_back({QString::fromLatin1(method), std::move(run)});
        };

        // Cases.
        add("CaseService::create", [](Context& c) {
            return outcomeOf(c.desk.cases.create(clientCase(QString(), QString())));
        });
        add("CaseService::load", [](Context& c) { return outcomeOf(c.desk.cases.load(c.w.caseId)); });
        add("CaseService::loadByReference", [](Context& c) { return outcomeOf(c.desk.cases.loadByReference(c.w.reference)); });
        add("CaseService::save", [](Context& c) {
            CaseRecord edited = c.w.record;
            edited.client.pronouns = QStringLiteral("they/them");
            return outcomeOf(c.desk.cases.save(edited));
        });
        add("CaseService::conflictFor", [](Context& c) { return outcomeOf(c.desk.cases.conflictFor(c.w.record)); });
        add("CaseService::revealAccount", [](Context& c) { return outcomeOf(c.desk.cases.revealAccount(c.w.caseId)); });
        add("CaseService::setAccount", [](Context& c) {
            return outcomeOf(c.desk.cases.setAccount(c.w.caseId, QStringLiteral("A fuller account."), c.w.record.version));
        });
        add("CaseService::list", [](Context& c) { return outcomeOf(c.desk.cases.list()); });
        add("CaseService::search", [](Context& c) { return outcomeOf(c.desk.cases.search(QStringLiteral("morgan"))); });
        add("CaseService::notes", [](Context& c) { return outcomeOf(c.desk.cases.notes(c.w.caseId)); });
        add("CaseService::addNote", [](Context& c) {
            return outcomeOf(c.desk.cases.addNote(c.w.caseId, QStringLiteral("Called the client back."), false));
        });
        add("CaseService::revealNote", [](Context& c) { return outcomeOf(c.desk.cases.revealNote(c.w.sensitiveNoteId)); });
        add("CaseService::tasks", [](Context& c) { return outcomeOf(c.desk.cases.tasks(c.w.caseId)); });
        add("CaseService::addTask", [](Context& c) {
            Task t;
            t.title = QStringLiteral("Chase the police disclosure");
            return outcomeOf(c.desk.cases.addTask(c.w.caseId, t));
        });
        add("CaseService::setTaskDone", [](Context& c) { return outcomeOf(c.desk.cases.setTaskDone(c.w.taskId, true)); });
        add("CaseService::recordSafeguardingAction", [](Context& c) {
            SafeguardingAction action;
            action.actionTaken = QStringLiteral("Spoke with the client and the duty safeguarding lead; GP informed.");
            return outcomeOf(c.desk.cases.recordSafeguardingAction(c.w.caseId, action));
        });
        add("CaseService::saveDraft", [](Context& c) {
            return outcomeOf(c.desk.cases.saveDraft(0, QJsonObject {{QStringLiteral("client"), QJsonObject {}}}));
        });
        add("CaseService::drafts", [](Context& c) { return outcomeOf(c.desk.cases.drafts()); });
        add("CaseService::deleteDraft", [](Context& c) { return outcomeOf(c.desk.cases.deleteDraft(c.w.draftId)); });
        add("CaseService::history", [](Context& c) { return outcomeOf(c.desk.cases.history(c.w.caseId)); });
        add("CaseService::referencePrefix", [](Context& c) {
            (void)c.desk.cases.referencePrefix();
            return none();
        });
        add("CaseService::setReferencePrefix", [](Context& c) {
            return outcomeOf(c.desk.cases.setReferencePrefix(QStringLiteral("BBK")));
        });
        add("CaseService::breakGlass", [](Context& c) {
            return outcomeOf(c.desk.cases.breakGlass(c.w.wallCaseId, QStringLiteral("Client in crisis on the phone now")));
        });
        add("CaseService::breakGlassByReference", [](Context& c) {
            return outcomeOf(
                c.desk.cases.breakGlassByReference(c.w.wallReference, QStringLiteral("Client in crisis on the phone now")));
        });
        add("CaseService::activeBreakGlass", [](Context& c) { return outcomeOf(c.desk.cases.activeBreakGlass(c.w.wallCaseId)); });
        add("CaseService::breakGlassNotices", [](Context& c) { return outcomeOf(c.desk.cases.breakGlassNotices()); });

        // Conflict checks.
        add("ConflictService::check", [](Context& c) {
            return outcomeOf(c.desk.conflicts.check(QStringLiteral("Morgan Example")));
        });
        add("ConflictService::record", [](Context& c) {
            return outcomeOf(c.desk.conflicts.record(c.w.caseId, QStringLiteral("Morgan Example"), {}, {}));
        });
        add("ConflictService::attachToCase", [](Context& c) {
            return outcomeOf(c.desk.conflicts.attachToCase(c.w.looseCheckId, c.w.caseId));
        });
        add("ConflictService::clear", [](Context& c) {
            return outcomeOf(c.desk.conflicts.clear(c.w.checkId, QStringLiteral("Different date of birth, confirmed.")));
        });
        add("ConflictService::checksFor", [](Context& c) { return outcomeOf(c.desk.conflicts.checksFor(c.w.caseId)); });

        // Deadlines.
        const QDate today = TestFirm::today();
        add("DeadlineService::inputFor", [today](Context& c) { return outcomeOf(c.desk.deadlines.inputFor(c.w.caseId, today)); });
        add("DeadlineService::evaluate", [today](Context& c) { return outcomeOf(c.desk.deadlines.evaluate(c.w.caseId, today)); });
        add("DeadlineService::events", [](Context& c) { return outcomeOf(c.desk.deadlines.events(c.w.caseId)); });
        add("DeadlineService::addEvent", [](Context& c) {
            deadlines::Event issued;
            issued.type = deadlines::EventType::ClaimFormIssued;
            issued.date = QDate(2026, 11, 20);
            return outcomeOf(c.desk.deadlines.addEvent(c.w.caseId, issued, QString()));
        });
        add("DeadlineService::removeEvent", [](Context& c) { return outcomeOf(c.desk.deadlines.removeEvent(c.w.eventId)); });
        add("DeadlineService::recompute", [today](Context& c) { return outcomeOf(c.desk.deadlines.recompute(c.w.caseId, today)); });
        add("DeadlineService::recomputeAll", [today](Context& c) { return outcomeOf(c.desk.deadlines.recomputeAll(today)); });
        add("DeadlineService::refreshStale", [today](Context& c) { return outcomeOf(c.desk.deadlines.refreshStale(today)); });
        add("DeadlineService::deadlines", [](Context& c) { return outcomeOf(c.desk.deadlines.deadlines(c.w.caseId)); });
        add("DeadlineService::addManualDeadline", [today](Context& c) {
            return outcomeOf(c.desk.deadlines.addManualDeadline(c.w.caseId, QStringLiteral("Hearing bundle to court"),
                                                                today.addDays(20), QString()));
        });
        add("DeadlineService::complete", [](Context& c) { return outcomeOf(c.desk.deadlines.complete(c.w.manualDeadlineId)); });
        add("DeadlineService::overrideLimitation", [](Context& c) {
            return outcomeOf(c.desk.deadlines.overrideLimitation(c.w.caseId, QDate(2030, 1, 10),
                                                                 QStringLiteral("Counsel's advice of 3 Nov 2026")));
        });
        add("DeadlineService::verifyLimitation", [](Context& c) { return outcomeOf(c.desk.deadlines.verifyLimitation(c.w.caseId)); });
        add("DeadlineService::limitationStatus", [](Context& c) { return outcomeOf(c.desk.deadlines.limitationStatus(c.w.caseId)); });
        add("DeadlineService::unverifiedQueue", [](Context& c) { return outcomeOf(c.desk.deadlines.unverifiedQueue()); });
        add("DeadlineService::limitationOverview", [](Context& c) { return outcomeOf(c.desk.deadlines.limitationOverview()); });
        add("DeadlineService::diary", [today](Context& c) {
            return outcomeOf(c.desk.deadlines.diary(deadlines::DiaryScope::All, today, today.addDays(60), today));
        });
        add("DeadlineService::acknowledgeReminder", [](Context& c) {
            return outcomeOf(c.desk.deadlines.acknowledgeReminder(c.w.manualDeadlineId, QStringLiteral("2 weeks")));
        });
        add("DeadlineService::courtClosures", [](Context& c) { return outcomeOf(c.desk.deadlines.courtClosures()); });
        add("DeadlineService::addCourtClosure", [](Context& c) {
            return outcomeOf(c.desk.deadlines.addCourtClosure(QDate(2027, 2, 12), QStringLiteral("Court closed: IT outage")));
        });
        add("DeadlineService::removeCourtClosure", [](Context& c) {
            return outcomeOf(c.desk.deadlines.removeCourtClosure(c.w.closureDay));
        });
        add("DeadlineService::firmReminderLadder", [](Context& c) { return outcomeOf(c.desk.deadlines.firmReminderLadder()); });
        add("DeadlineService::setFirmReminderLadder", [](Context& c) {
            return outcomeOf(c.desk.deadlines.setFirmReminderLadder(deadlines::ReminderLadder::standard()));
        });

        // The therapy fund.
        add("TherapyService::providers", [](Context& c) { return outcomeOf(c.desk.therapy.providers(true)); });
        add("TherapyService::provider", [](Context& c) { return outcomeOf(c.desk.therapy.provider(c.w.verifiedProvider)); });
        add("TherapyService::saveProvider", [](Context& c) {
            return outcomeOf(c.desk.therapy.saveProvider(providerNamed(QStringLiteral("Dr New"), QStringLiteral("55554444"))));
        });
        add("TherapyService::verifyProviderBank", [](Context& c) {
            return outcomeOf(c.desk.therapy.verifyProviderBank(c.w.unverifiedProvider.id, c.w.unverifiedProvider.version));
        });
        add("TherapyService::requests", [](Context& c) { return outcomeOf(c.desk.therapy.requests(c.w.caseId)); });
        add("TherapyService::request", [](Context& c) { return outcomeOf(c.desk.therapy.request(c.w.paying.id)); });
        add("TherapyService::createRequest", [](Context& c) {
            return outcomeOf(c.desk.therapy.createRequest(draftFor(c.w.caseId, c.w.verifiedProvider)));
        });
        add("TherapyService::updateRequest", [](Context& c) {
            TherapyRequest edited = c.w.draft;
            edited.sessionsRequested = 8;
            return outcomeOf(c.desk.therapy.updateRequest(edited));
        });
        add("TherapyService::transition", [](Context& c) {
            return outcomeOf(c.desk.therapy.transition(c.w.draft.id, S::Submitted, c.w.draft.version));
        });
        add("TherapyService::transition(reconcile or close)", [](Context& c) {
            return outcomeOf(c.desk.therapy.transition(c.w.completed.id, S::Reconciled, c.w.completed.version));
        });
        add("TherapyService::approve", [](Context& c) {
            return outcomeOf(c.desk.therapy.approve(c.w.awaiting.id, approving(6), c.w.awaiting.version));
        });
        add("TherapyService::reject", [](Context& c) {
            return outcomeOf(c.desk.therapy.reject(c.w.awaiting.id, QStringLiteral("No clinical basis yet"), c.w.awaiting.version));
        });
        add("TherapyService::requestExtension", [](Context& c) {
            return outcomeOf(
                c.desk.therapy.requestExtension(c.w.paying.id, 2, QStringLiteral("Two more recommended"), c.w.paying.version));
        });
        add("TherapyService::approveExtension", [](Context& c) {
            return outcomeOf(c.desk.therapy.approveExtension(c.w.extension.id, approving(2), c.w.extension.version));
        });
        add("TherapyService::refuseExtension", [](Context& c) {
            return outcomeOf(c.desk.therapy.refuseExtension(c.w.extension.id, QStringLiteral("The review says therapy can end"),
                                                            c.w.extension.version));
        });
        add("TherapyService::decisions", [](Context& c) { return outcomeOf(c.desk.therapy.decisions(c.w.paying.id)); });
        add("TherapyService::recordRehabProposal", [today](Context& c) {
            return outcomeOf(c.desk.therapy.recordRehabProposal(c.w.draft.id, today, c.w.draft.version));
        });
        add("TherapyService::sessions", [](Context& c) { return outcomeOf(c.desk.therapy.sessions(c.w.paying.id)); });
        add("TherapyService::logSession", [](Context& c) { return outcomeOf(c.desk.therapy.logSession(c.w.paying.id, attended())); });
        add("TherapyService::invoices", [](Context& c) { return outcomeOf(c.desk.therapy.invoices(c.w.paying.id)); });
        add("TherapyService::addInvoice", [](Context& c) {
            return outcomeOf(c.desk.therapy.addInvoice(c.w.paying.id, invoiceFor(QStringLiteral("INV-3"))));
        });
        add("TherapyService::setInvoiceDisputed", [](Context& c) {
            return outcomeOf(c.desk.therapy.setInvoiceDisputed(c.w.openInvoice, true, QStringLiteral("Session not held")));
        });
        add("TherapyService::payments", [](Context& c) { return outcomeOf(c.desk.therapy.payments(c.w.paying.id)); });
        add("TherapyService::pay", [](Context& c) { return outcomeOf(c.desk.therapy.pay(c.w.openInvoice, paying())); });
        add("TherapyService::recordRecovery", [](Context& c) {
            return outcomeOf(c.desk.therapy.recordRecovery(c.w.paying.id, true, 5000, c.w.paying.version));
        });
        add("TherapyService::writeOff", [](Context& c) {
            return outcomeOf(c.desk.therapy.writeOff(c.w.paying.id, 1000, QStringLiteral("Disallowed at settlement"),
                                                     c.w.paying.version));
        });
        add("TherapyService::yearStartMonth", [](Context& c) {
            (void)c.desk.therapy.yearStartMonth();
            return none();
        });
        add("TherapyService::setYearStartMonth", [](Context& c) { return outcomeOf(c.desk.therapy.setYearStartMonth(4)); });
        add("TherapyService::currentFundYear", [](Context& c) {
            (void)c.desk.therapy.currentFundYear();
            return none();
        });
        add("TherapyService::budget", [](Context& c) { return outcomeOf(c.desk.therapy.budget(kYear)); });
        add("TherapyService::setAllocation", [](Context& c) {
            return outcomeOf(c.desk.therapy.setAllocation(kYear, 1'200'000, QStringLiteral("Top-up")));
        });
        add("TherapyService::report", [](Context& c) { return outcomeOf(c.desk.therapy.report(kYear)); });
        add("TherapyService::queues", [](Context& c) { return outcomeOf(c.desk.therapy.queues()); });
        add("TherapyService::statement", [](Context& c) { return outcomeOf(c.desk.therapy.statement(c.w.caseId)); });
        add("TherapyService::recordExport(statement)", [](Context& c) {
            return outcomeOf(c.desk.therapy.recordExport(TherapyService::Document::Statement, c.w.reference,
                                                         QStringLiteral("pdf"), c.copy.file(QStringLiteral("s.pdf"))));
        });
        add("TherapyService::recordExport(fund report)", [](Context& c) {
            return outcomeOf(c.desk.therapy.recordExport(TherapyService::Document::FundReport, QString::number(kYear),
                                                         QStringLiteral("csv"), c.copy.file(QStringLiteral("f.csv")), 5));
        });
        add("TherapyService::authorityLimit", [](Context& c) {
            return outcomeOf(c.desk.therapy.authorityLimit(QStringLiteral("sam")));
        });
        add("TherapyService::setAuthorityLimit", [](Context& c) {
            return outcomeOf(c.desk.therapy.setAuthorityLimit(QStringLiteral("sam"), 400'000));
        });

        // Documents and reports.
        add("CaseDocuments::checkSummary", [today](Context& c) {
            reports::SummaryRequest r;
            r.caseId = c.w.caseId;
            r.asOf = today;
            return outcomeOf(c.desk.documents.checkSummary(r));
        });
        add("CaseDocuments::checkSummary(client copy overriding safe contact)", [today](Context& c) {
            reports::SummaryRequest r;
            r.caseId = c.w.caseId;
            r.profile = reports::Profile::Client;
            r.asOf = today;
            r.overrideReason = QStringLiteral("Client asked for it at the meeting; collects it in person.");
            return outcomeOf(c.desk.documents.checkSummary(r));
        });
        add("CaseDocuments::summary", [today](Context& c) {
            reports::SummaryRequest r;
            r.caseId = c.w.caseId;
            r.profile = reports::Profile::Counsel;
            r.asOf = today;
            return outcomeOf(c.desk.documents.summary(r));
        });
        add("CaseDocuments::subjectAccess", [today](Context& c) {
            return outcomeOf(c.desk.documents.subjectAccess(c.w.caseId, today));
        });
        add("reports::firmName", [](Context& c) {
            (void)reports::firmName(c.desk.vault);
            return none();
        });
        add("reports::setFirmName", [](Context& c) {
            return outcomeOf(reports::setFirmName(c.desk.vault, QStringLiteral("Harbour & Vale LLP")));
        });
        const auto report = [today](reports::ReportKind kind, const QString& feeEarner = {}) {
            return [today, kind, feeEarner](Context& c) {
                reports::ReportRequest r;
                r.kind = kind;
                r.asOf = today;
                r.feeEarner = feeEarner;
                return outcomeOf(c.desk.reports.build(r));
            };
        };
        add("FirmReports::build(diary)", report(reports::ReportKind::Diary));
        add("FirmReports::build(diary of another fee earner)", report(reports::ReportKind::Diary, QStringLiteral("oli")));
        add("FirmReports::build(caseload)", report(reports::ReportKind::Caseload));
        add("FirmReports::build(limitation risk)", report(reports::ReportKind::LimitationRisk));
        add("FirmReports::build(therapy fund)", report(reports::ReportKind::TherapyFund));

        // The audit log.
        add("AuditService::query", [](Context& c) { return outcomeOf(c.desk.audit.query(AuditFilter {}, 0, 50)); });
        add("AuditService::usernames", [](Context& c) { return outcomeOf(c.desk.audit.usernames()); });
        add("AuditService::verifyChain", [](Context& c) { return outcomeOf(c.desk.audit.verifyChain()); });
        add("AuditService::exportCsv", [](Context& c) {
            return outcomeOf(c.desk.audit.exportCsv(AuditFilter {}, c.copy.file(QStringLiteral("audit.csv"))));
        });
        add("Vault::auditEntries", [](Context& c) { return outcomeOf(c.desk.vault.auditEntries()); });

        // The vault: users, keys, backups, settings.
        add("Vault::users", [](Context& c) { return outcomeOf(c.desk.vault.users()); });
        add("Vault::addUser", [](Context& c) {
            return outcomeOf(c.desk.vault.addUser({QStringLiteral("newbie"), QStringLiteral("New Person"), Role::Paralegal},
                                                  QByteArrayLiteral("newbie one-time passphrase")));
        });
        add("Vault::disableUser", [](Context& c) { return outcomeOf(c.desk.vault.disableUser(QStringLiteral("oli"))); });
        add("Vault::resetPassphrase", [](Context& c) {
            return outcomeOf(c.desk.vault.resetPassphrase(QStringLiteral("oli"), QByteArrayLiteral("oli's new one-time phrase")));
        });
        add("Vault::changeRole", [](Context& c) {
            return outcomeOf(c.desk.vault.changeRole(QStringLiteral("oli"), Role::Paralegal));
        });
        add("Vault::rotateVaultKey", [](Context& c) { return outcomeOf(c.desk.vault.rotateVaultKey()); });
        add("Vault::backupTo", [](Context& c) {
            return outcomeOf(c.desk.vault.backupTo(c.copy.file(QStringLiteral("backup.claimdesk"))));
        });
        add("Vault::checkIntegrity", [](Context& c) { return outcomeOf(c.desk.vault.checkIntegrity()); });
        add("Vault::changePassphrase", [](Context& c) {
            const QString me = c.desk.vault.currentUser().username;
            return outcomeOf(c.desk.vault.changePassphrase(TestFirm::passphraseOf(me), QByteArrayLiteral("a brand new long passphrase")));
        });
        add("SessionPolicy::maxAutoLockMinutes", [](Context& c) { return outcomeOf(c.desk.policy.maxAutoLockMinutes()); });
        add("SessionPolicy::setMaxAutoLockMinutes", [](Context& c) { return outcomeOf(c.desk.policy.setMaxAutoLockMinutes(10)); });

        // Retention and erasure.
        add("RetentionService::setPolicy", [](Context& c) {
            RetentionPolicy longer;
            longer.yearsAfterClosure = 10;
            return outcomeOf(c.desk.retention.setPolicy(longer));
        });
        add("RetentionService::due", [today](Context& c) { return outcomeOf(c.desk.retention.due(today, 90)); });
        add("RetentionService::status", [today](Context& c) {
            return outcomeOf(c.desk.retention.status(c.w.closedReference, today));
        });
        add("RetentionService::document", [today](Context& c) {
            return outcomeOf(c.desk.retention.document(today, 90));
        });
        add("RetentionService::placeHold", [](Context& c) {
            return outcomeOf(
                c.desk.retention.placeHold(c.w.reference, QStringLiteral("Complaint to the regulator pending")));
        });
        add("RetentionService::releaseHold", [](Context& c) {
            return outcomeOf(
                c.desk.retention.releaseHold(c.w.heldReference, QStringLiteral("The related claim has settled")));
        });
        add("RetentionService::requestErasure", [](Context& c) {
            return outcomeOf(c.desk.retention.requestErasure(c.w.closedReference, kRetentionReason));
        });
        add("RetentionService::withdrawErasure", [](Context& c) {
            return outcomeOf(c.desk.retention.withdrawErasure(c.w.withdrawableReference,
                                                              QStringLiteral("A costs query on the file came in")));
        });
        add("RetentionService::approveErasure", [](Context& c) {
            return outcomeOf(c.desk.retention.approveErasure(c.w.approvableReference));
        });
        add("RetentionService::erasureRegister", [](Context& c) {
            return outcomeOf(c.desk.retention.erasureRegister());
        });
        add("RetentionService::reapplyErasures", [](Context& c) {
            auto reapplied = c.desk.retention.reapplyErasures(c.w.erasureRegister);
            if (reapplied
                && (reapplied->size() != 1 || reapplied->front().outcome != ReappliedErasure::Outcome::AlreadyErased)) {
                return Outcome {makeError(ErrorCode::Internal,
                                          QStringLiteral("the register should list the world's one erased case, "
                                                         "already erased in this copy"))};
            }
            return outcomeOf(reapplied);
        });
        return a;
    }();
    return all;
}

const Action* actionNamed(const QString& method)
{
    for (const Action& a : actions()) {
        if (a.method == method) {
            return &a;
        }
    }
    return nullptr;
}

// --- The document --------------------------------------------------------------------------------------------------

struct DocumentedRow {
    int line = 0;
    std::map<QString, bool> allowed;  // role -> ✓ (true) or ✗ (false)
};

struct PermissionsDocument {
    std::map<QString, DocumentedRow> rows;
    QStringList problems;  // unreadable cells, duplicate rows, a missing table
};

QString documentPath()
{
    return QStringLiteral(CLAIMDESK_SOURCE_DIR "/docs/PERMISSIONS.md");
}

// The table whose header names the five roles: one row per action, the action's key in backticks in the first cell
// that has any, then ✓ or ✗ (optionally followed by a condition) under each role. Rows without backticks (group
// headings) are skipped.
PermissionsDocument parseDocument()
{
    PermissionsDocument doc;
    QFile file(documentPath());
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        doc.problems << QStringLiteral("%1 cannot be read").arg(documentPath());
        return doc;
    }
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    std::map<QString, int> roleColumn;
    bool inTable = false;
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (!line.startsWith(QLatin1Char('|'))) {
            if (inTable) {
                break;  // the first matrix table ends here
            }
            continue;
        }
        QStringList cells = line.split(QLatin1Char('|'));
        cells.removeFirst();
        if (!cells.isEmpty() && cells.last().trimmed().isEmpty()) {
            cells.removeLast();
        }
        if (!inTable) {
            std::map<QString, int> found;
            for (int c = 0; c < cells.size(); ++c) {
                const QString name = cells.at(c).trimmed().toLower();
                if (kRoles.contains(name)) {
                    found[name] = c;
                }
            }
            if (found.size() == static_cast<std::size_t>(kRoles.size())) {
                roleColumn = found;
                inTable = true;
            }
            continue;
        }
        if (line.contains(QStringLiteral("---"))) {
            continue;  // the separator row
        }
        QString key;
        for (const QString& cell : std::as_const(cells)) {
            const int open = cell.indexOf(QLatin1Char('`'));
            const int close = open < 0 ? -1 : cell.indexOf(QLatin1Char('`'), open + 1);
            if (close > open) {
                key = cell.mid(open + 1, close - open - 1).trimmed();
                break;
            }
        }
        if (key.isEmpty()) {
            continue;
        }
        if (doc.rows.count(key) != 0) {
            doc.problems << QStringLiteral("line %1: %2 is listed twice").arg(i + 1).arg(key);
            continue;
        }
        DocumentedRow row;
        row.line = i + 1;
        for (const auto& [role, column] : roleColumn) {
            const QString cell = column < cells.size() ? cells.at(column).trimmed() : QString();
            if (cell.startsWith(QStringLiteral("✓"))) {
                row.allowed[role] = true;
            } else if (cell.startsWith(QStringLiteral("✗"))) {
                row.allowed[role] = false;
            } else {
                doc.problems << QStringLiteral("line %1: %2, %3: \"%4\" is neither ✓ nor ✗").arg(i + 1).arg(key, role, cell);
            }
        }
        doc.rows.emplace(key, row);
    }
    if (!inTable) {
        doc.problems << QStringLiteral("%1 has no table with the columns %2").arg(documentPath(), kRoles.join(QStringLiteral(", ")));
    }
    return doc;
}

const PermissionsDocument& document()
{
    static const PermissionsDocument d = parseDocument();
    return d;
}

qint64 refusalsBy(Vault& vault, const QString& username)
{
    auto entries = AuditLog::list(vault.connection());
    if (!entries) {
        return -1;
    }
    return std::count_if(entries->begin(), entries->end(), [&username](const AuditEntry& e) {
        return e.action == QStringLiteral("permission.denied") && e.username == username;
    });
}

}  // namespace

class PermissionsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void documentListsEveryActionOnce();
    void matrix_data();
    void matrix();
    void accountsSeeThePaymentSideOnly();
    void restrictedCasesAreWalledOff();
};

void PermissionsTest::initTestCase()
{
    (void)world();  // built once, before the first row's clock starts
}

void PermissionsTest::documentListsEveryActionOnce()
{
    const PermissionsDocument& doc = document();
    QVERIFY2(doc.problems.isEmpty(), qPrintable(doc.problems.join(QLatin1Char('\n'))));
    QStringList missing;
    std::set<QString> tested;
    for (const Action& a : actions()) {
        QVERIFY2(tested.insert(a.method).second, qPrintable(a.method + QStringLiteral(" is tested twice")));
        if (doc.rows.count(a.method) == 0) {
            missing << a.method;
        }
    }
    QStringList extra;
    for (const auto& [key, row] : doc.rows) {
        if (tested.count(key) == 0) {
            extra << QStringLiteral("%1 (line %2)").arg(key).arg(row.line);
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not in docs/PERMISSIONS.md: ") + missing.join(QStringLiteral(", "))));
    QVERIFY2(extra.isEmpty(), qPrintable(QStringLiteral("in docs/PERMISSIONS.md but not tested: ") + extra.join(QStringLiteral(", "))));
}

void PermissionsTest::matrix_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("role");
    for (const Action& a : actions()) {
        for (const QString& role : kRoles) {
            QTest::addRow("%s as %s", qPrintable(a.method), qPrintable(role)) << a.method << role;
        }
    }
}

void PermissionsTest::matrix()
{
    QFETCH(QString, method);
    QFETCH(QString, role);
    const Action* action = actionNamed(method);
    QVERIFY(action != nullptr);
    const auto documented = document().rows.find(method);
    QVERIFY2(documented != document().rows.end(), qPrintable(method + QStringLiteral(" is not in docs/PERMISSIONS.md")));
    const auto cell = documented->second.allowed.find(role);
    QVERIFY2(cell != documented->second.allowed.end(), "the document's cell is unreadable (see documentListsEveryActionOnce)");

    Copy copy(world().path);
    const QString actor = actorFor(role);
    Vault& vault = copy.session(actor);
    const qint64 before = refusalsBy(vault, actor);
    Outcome outcome;
    {
        Desk desk(vault);
        Context context {desk, world(), copy};
        outcome = action->run(context);
    }
    const qint64 after = refusalsBy(vault, actor);
    if (outcome) {
        QVERIFY2(outcome->code == ErrorCode::PermissionDenied,
                 qPrintable(QStringLiteral("%1 as %2 failed with %3 instead of succeeding or PermissionDenied: %4")
                                .arg(method, role, errorCodeName(outcome->code), outcome->message)));
        QVERIFY2(!outcome->message.trimmed().isEmpty(), "a refusal without a message");
        QVERIFY2(after > before, qPrintable(QStringLiteral("%1 as %2 was refused without a permission.denied entry")
                                                .arg(method, role)));
    } else {
        QVERIFY2(after == before, qPrintable(QStringLiteral("%1 as %2 succeeded but recorded a refusal").arg(method, role)));
    }
    const bool allowed = !outcome.has_value();
    QVERIFY2(allowed == cell->second,
             qPrintable(QStringLiteral("docs/PERMISSIONS.md line %1 says %2 for %3, but the code %4 it%5")
                            .arg(documented->second.line)
                            .arg(cell->second ? QStringLiteral("✓") : QStringLiteral("✗"), role,
                                 allowed ? QStringLiteral("allows") : QStringLiteral("refuses"),
                                 outcome ? QStringLiteral(" (") + outcome->message + QLatin1Char(')') : QString())));
}

// Accounts: the invoices awaiting payment and nothing of the requests behind them; paying works as for a supervisor.
void PermissionsTest::accountsSeeThePaymentSideOnly()
{
    Copy copy(world().path);
    Desk acc(copy.session(QStringLiteral("acc")));
    QVERIFY(!acc.cases.canSeeCaseContent());
    auto queues = acc.therapy.queues();
    QVERIFY_OK(queues);
    QVERIFY(queues->awaitingApproval.empty());
    QVERIFY(queues->reviewsDue.empty());
    QCOMPARE(queues->awaitingPayment.size(), std::size_t {2});  // C1's, and the wall case's
    for (const Invoice& i : queues->awaitingPayment) {
        QCOMPARE(i.providerName == QStringLiteral("(restricted)"), i.id == world().wallInvoice);
    }
    Desk sam(copy.session(QStringLiteral("sam")));
    auto full = sam.therapy.queues();
    QVERIFY_OK(full);
    QVERIFY(!full->awaitingApproval.empty());  // what accounts do not get

    auto paid = acc.therapy.pay(world().openInvoice, paying());
    QVERIFY_OK(paid);
    QCOMPARE(paid->paidBy, QStringLiteral("acc"));
    // The payment controls are the supervisors': not over the outstanding amount.
    QCOMPARE_ERROR(acc.therapy.pay(world().openInvoice, paying()), ErrorCode::InvalidInput);
    // The request behind the invoice is case content.
    QCOMPARE_ERROR(acc.therapy.request(world().paying.id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(acc.therapy.verifyProviderBank(world().unverifiedProvider.id, world().unverifiedProvider.version),
                   ErrorCode::PermissionDenied);
}

// The ethical wall: a restricted case is open only to its fee earner, its supervisor and the users it names. Others
// — supervisors and accounts included — are refused, and every refusal is audited.
void PermissionsTest::restrictedCasesAreWalledOff()
{
    Copy copy(world().path);
    const World& w = world();
    struct Attempt {
        QString who;
        std::function<Outcome(Desk&)> run;
    };
    const std::vector<Attempt> refused {
        {QStringLiteral("sam"), [&w](Desk& d) { return outcomeOf(d.cases.load(w.wallCaseId)); }},
        {QStringLiteral("sol"), [&w](Desk& d) { return outcomeOf(d.cases.loadByReference(w.wallReference)); }},
        {QStringLiteral("pat"), [&w](Desk& d) { return outcomeOf(d.deadlines.events(w.wallCaseId)); }},
        {QStringLiteral("sam"), [&w](Desk& d) { return outcomeOf(d.therapy.request(w.wallRequest.id)); }},
        {QStringLiteral("sam"), [&w](Desk& d) { return outcomeOf(d.therapy.pay(w.wallInvoice, paying())); }},
        {QStringLiteral("acc"), [&w](Desk& d) { return outcomeOf(d.therapy.pay(w.wallInvoice, paying())); }},
        {QStringLiteral("sol"), [&w](Desk& d) { return outcomeOf(d.conflicts.checksFor(w.wallCaseId)); }},
        {QStringLiteral("ada"), [&w](Desk& d) { return outcomeOf(d.cases.load(w.wallCaseId)); }},
    };
    for (const Attempt& attempt : refused) {
        Vault& vault = copy.session(attempt.who);
        const qint64 before = refusalsBy(vault, attempt.who);
        Desk desk(vault);
        const Outcome outcome = attempt.run(desk);
        QVERIFY2(outcome && outcome->code == ErrorCode::PermissionDenied,
                 qPrintable(attempt.who + QStringLiteral(" was not refused on the wall case")));
        QVERIFY2(refusalsBy(vault, attempt.who) > before, qPrintable(attempt.who + QStringLiteral("'s refusal was not audited")));
    }
    // Its fee earner and supervisor may; so may accounts once named on the case.
    Desk oli(copy.session(QStringLiteral("oli")));
    QVERIFY_OK(oli.cases.load(w.wallCaseId));
    Desk acc(copy.session(QStringLiteral("acc")));
    auto name = copy.session(QStringLiteral("sue")).connection().prepare(
        "INSERT INTO case_access (case_id, username) VALUES (?1, 'acc')");
    QVERIFY_OK(name);
    name->bind(1, w.wallCaseId);
    QVERIFY_OK(name->run());
    auto queues = acc.therapy.queues();
    QVERIFY_OK(queues);
    for (const Invoice& i : queues->awaitingPayment) {
        QVERIFY(i.providerName != QStringLiteral("(restricted)"));
    }
    QVERIFY_OK(acc.therapy.pay(w.wallInvoice, paying()));
    QCOMPARE_ERROR(acc.cases.load(w.wallCaseId), ErrorCode::PermissionDenied);  // named, but still no case files
}

QTEST_GUILESS_MAIN(PermissionsTest)
#include "tst_permissions.moc"
