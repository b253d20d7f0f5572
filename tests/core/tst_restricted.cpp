// Restricted cases (issue 7, ethical walls) across the core: someone who may not open a restricted case sees its
// reference and nothing else in the case list and search, conflict results, the diary, the firm's reports and the
// therapy fund, and is refused the case file, its summary and the subject access bundle. Break-glass
// (CaseService::breakGlass) then opens it for 8 hours with a reason: audited, recorded as a grant, and the case's
// supervisor gets an urgent task. Each test looks for unique markers (the client's names, a party, a deadline,
// a provider) that must never reach the outsider, and for the reference that must.

#include "ResultAsserts.h"
#include "TestFirm.h"

#include "audit/AuditService.h"
#include "cases/CaseService.h"
#include "conflicts/ConflictService.h"
#include "deadlines/DeadlineService.h"
#include "reports/CaseDocuments.h"
#include "reports/FirmReports.h"
#include "store/AuditLog.h"
#include "store/Sqlite.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace claimdesk::core;
using claimdesk::test::TestFirm;

namespace {

// The walled case's markers: none of them may ever reach someone who may not open it.
const QString kClient = QStringLiteral("Wren Quillfeather");
const QString kFormerName = QStringLiteral("Wren Marchbanks");
const QString kAbuser = QStringLiteral("Thaddeus Brackenridge");
const QString kDeadline = QStringLiteral("Serve the Quillfeather witness bundle");
const QString kProvider = QStringLiteral("Dr Ottoline Verrall");
const QStringList kMarkers {QStringLiteral("Quillfeather"), QStringLiteral("Marchbanks"),
                            QStringLiteral("Brackenridge"), QStringLiteral("Ottoline"), QStringLiteral("Verrall")};

const QString kReason = QStringLiteral("Client rang in crisis; Sol is on leave and Sam is in court");

// One person's desk: their session and the services over it.
struct Desk {
    explicit Desk(Vault& v)
        : vault(v),
          cases(v),
          conflicts(v),
          deadlines(v, cases),
          therapy(v, cases, deadlines),
          reports(v, cases, deadlines, therapy),
          documents(v, cases, deadlines, therapy)
    {
    }
    Vault& vault;
    CaseService cases;
    ConflictService conflicts;
    deadlines::DeadlineService deadlines;
    therapy::TherapyService therapy;
    reports::FirmReports reports;
    reports::CaseDocuments documents;
};

// A child abused at 12 (limitation runs to the day before the 21st birthday: 31 Dec 2026 for a 2 Jan 2006 birth, so
// the diary and the limitation-risk report both list it), restricted, Sol's.
NewCase walledCase(const QString& supervisor)
{
    NewCase n;
    n.client.fullName = kClient;
    n.client.formerNames = QStringList {kFormerName};
    n.client.dateOfBirth = QDate(2006, 1, 2);
    n.feeEarner = QStringLiteral("sol");
    n.supervisor = supervisor;
    n.stage = Stage::Investigation;
    n.restricted = true;
    n.safeguarding.suicidalThoughts = SuicidalThoughts::None;
    Incident incident;
    incident.start = QDate(2018, 3, 1);
    incident.abuseTypes = QStringList {QStringLiteral("physical")};
    incident.region = Region::EnglandWales;
    n.incidents.push_back(incident);
    CaseParty abuser;
    abuser.party.kind = PartyKind::Person;
    abuser.party.name = kAbuser;
    abuser.role = PartyRole::Abuser;
    n.parties.push_back(abuser);
    return n;
}

QString markerIn(const QString& text)
{
    for (const QString& m : kMarkers) {
        if (text.contains(m, Qt::CaseInsensitive)) {
            return m;
        }
    }
    return {};
}

QString textOf(const CaseSummary& s)
{
    return QStringList {s.reference, s.clientName, s.clientInitials, s.feeEarner, s.feeEarnerName, s.nextDeadlineLabel}
        .join(QLatin1Char('|'));
}

QString textOf(const ConflictMatch& m)
{
    return QStringList {m.name, m.kind, m.role, m.caseReference, m.reasons.join(QLatin1Char(';'))}.join(
        QLatin1Char('|'));
}

const CaseSummary* summaryOf(const std::vector<CaseSummary>& rows, qint64 id)
{
    for (const CaseSummary& s : rows) {
        if (s.id == id) {
            return &s;
        }
    }
    return nullptr;
}

std::vector<AuditEntry> entries(Vault& any, const QString& reference, const QString& action)
{
    std::vector<AuditEntry> out;
    auto all = AuditLog::listFor(any.connection(), QStringLiteral("case"), reference);
    if (all) {
        for (const AuditEntry& e : *all) {
            if (e.action == action) {
                out.push_back(e);
            }
        }
    }
    return out;
}

// The Break-glass tasks on the case, as someone who may open it reads them.
std::vector<Task> breakGlassTasks(Vault& reader, qint64 caseId)
{
    std::vector<Task> out;
    if (auto tasks = CaseService(reader).tasks(caseId)) {
        for (const Task& t : *tasks) {
            if (t.kind == TaskKind::BreakGlass) {
                out.push_back(t);
            }
        }
    }
    return out;
}

qint64 grantCount(Vault& any)
{
    auto n = any.connection().scalarInt("SELECT count(*) FROM break_glass_grants");
    return n ? *n : -1;
}

}  // namespace

class RestrictedTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void listShowsOutsidersTheReferenceOnly();
    void searchFindsItForOutsidersByReferenceOnly_data();
    void searchFindsItForOutsidersByReferenceOnly();
    void conflictMatchesSayOnlyAskASupervisor();
    void caseFileSummaryAndSubjectAccessAreRefused();
    void diaryAndFirmReportsShowTheReferenceOnly();
    void therapyFundShowsTheReferenceOnly();

    void breakGlassOpensTheCaseAuditsItAndTellsTheSupervisor();
    void breakGlassNeedsAReasonAndARefusalIsAudited_data();
    void breakGlassNeedsAReasonAndARefusalIsAudited();
    void breakGlassEndsAfterEightHours();
    void breakGlassTellsTheFeeEarnerWhenTheCaseHasNoSupervisor();
    void adminsCannotBreakGlass();
    void breakGlassIsNotNeededByThoseWhoMayOpenTheCase_data();
    void breakGlassIsNotNeededByThoseWhoMayOpenTheCase();
    void breakGlassOnAnUnknownReferenceIsNotFound();

    void auditDetailsAreForThoseWhoMayOpenTheCase();

private:
    std::unique_ptr<TestFirm> m_firm;
    CaseRecord m_walled;  // Sol's, supervised by Sam; Oli (another solicitor) is the outsider
};

void RestrictedTest::init()
{
    m_firm = std::make_unique<TestFirm>();
    auto created = CaseService(m_firm->solicitor()).create(walledCase(QStringLiteral("sam")));
    QVERIFY_OK(created);
    m_walled = *created;
}

void RestrictedTest::cleanup()
{
    m_firm.reset();
}

void RestrictedTest::listShowsOutsidersTheReferenceOnly()
{
    auto rows = CaseService(m_firm->outsider()).list();
    QVERIFY_OK(rows);
    const CaseSummary* hidden = summaryOf(*rows, m_walled.id);
    QVERIFY(hidden);
    QCOMPARE(hidden->reference, m_walled.reference);
    QCOMPARE(hidden->restrictedPlaceholder, true);
    QVERIFY(hidden->clientName.isEmpty());
    QVERIFY(hidden->feeEarner.isEmpty());
    for (const CaseSummary& s : *rows) {
        QVERIFY2(markerIn(textOf(s)).isEmpty(), qPrintable(textOf(s)));
    }
    // Those who may open it see it in full: its fee earner, its supervisor, and a paralegal once named on it.
    for (Vault* insider : {&m_firm->solicitor(), &m_firm->supervisor()}) {
        auto theirs = CaseService(*insider).list();
        QVERIFY_OK(theirs);
        QCOMPARE(summaryOf(*theirs, m_walled.id)->clientName, kClient);
    }
    QVERIFY(summaryOf(*CaseService(m_firm->paralegal()).list(), m_walled.id)->restrictedPlaceholder);
    auto name
        = m_firm->solicitor().connection().prepare("INSERT INTO case_access (case_id, username) VALUES (?1, 'pat')");
    QVERIFY_OK(name);
    QVERIFY_OK(name->bind(1, m_walled.id).run());
    QCOMPARE(summaryOf(*CaseService(m_firm->paralegal()).list(), m_walled.id)->clientName, kClient);
}

void RestrictedTest::searchFindsItForOutsidersByReferenceOnly_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("found");
    QTest::addRow("client's surname: nothing") << QStringLiteral("quillfeather") << false;
    QTest::addRow("client's full name: nothing") << kClient << false;
    QTest::addRow("former name: nothing") << QStringLiteral("marchbanks") << false;
    QTest::addRow("the abuser (a party): nothing") << QStringLiteral("brackenridge") << false;
    QTest::addRow("the reference's number: found") << QStringLiteral("0001") << true;
    QTest::addRow("the whole reference: found") << QStringLiteral("CD-2026-0001") << true;
}

void RestrictedTest::searchFindsItForOutsidersByReferenceOnly()
{
    QFETCH(QString, typed);
    QFETCH(bool, found);
    QCOMPARE(m_walled.reference, QStringLiteral("CD-2026-0001"));
    auto hits = CaseService(m_firm->outsider()).search(typed);
    QVERIFY_OK(hits);
    QCOMPARE(hits->contains(m_walled.id), found);
    // Its fee earner finds it whatever was typed.
    auto insider = CaseService(m_firm->solicitor()).search(typed);
    QVERIFY_OK(insider);
    QVERIFY(insider->contains(m_walled.id));
}

void RestrictedTest::conflictMatchesSayOnlyAskASupervisor()
{
    ConflictService outsider(m_firm->outsider());
    for (const QString& name : {kClient, kFormerName, kAbuser}) {
        auto matches = outsider.check(name);
        QVERIFY_OK(matches);
        QVERIFY2(!matches->empty(), qPrintable(name));
        for (const ConflictMatch& m : *matches) {
            QVERIFY2(markerIn(textOf(m)).isEmpty(), qPrintable(textOf(m)));
            QCOMPARE(m.restricted, true);
            QCOMPARE(m.caseId, qint64 {0});
            // The placeholder of the issue: "restricted case REF", so the person can ask a supervisor about that case;
            // no name, role or reason that would say who in it matched.
            QCOMPARE(m.caseReference, m_walled.reference);
            QVERIFY(m.name.isEmpty());
            QVERIFY(m.role.isEmpty());
            QVERIFY(m.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("ask a supervisor")));
        }
    }
    // The conflict checks recorded on the case are case content too.
    QCOMPARE_ERROR(outsider.checksFor(m_walled.id), ErrorCode::PermissionDenied);
    // Its supervisor sees the match in full.
    auto full = ConflictService(m_firm->supervisor()).check(kClient);
    QVERIFY_OK(full);
    QCOMPARE(full->front().caseReference, m_walled.reference);
    QCOMPARE(full->front().name, kClient);
}

void RestrictedTest::caseFileSummaryAndSubjectAccessAreRefused()
{
    Desk oli(m_firm->outsider());
    QCOMPARE_ERROR(oli.cases.load(m_walled.id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(oli.cases.loadByReference(m_walled.reference), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(oli.cases.notes(m_walled.id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(oli.deadlines.deadlines(m_walled.id), ErrorCode::PermissionDenied);
    reports::SummaryRequest request;
    request.caseId = m_walled.id;
    request.asOf = TestFirm::today();
    QCOMPARE_ERROR(oli.documents.checkSummary(request), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(oli.documents.summary(request), ErrorCode::PermissionDenied);
    // A supervisor who may not open it gets no subject access bundle either (Sam may not open a case without him).
    auto unsupervised = CaseService(m_firm->solicitor()).create(walledCase({}));
    QVERIFY_OK(unsupervised);
    Desk sam(m_firm->supervisor());
    auto bundle = sam.documents.subjectAccess(unsupervised->id, TestFirm::today());
    QCOMPARE_ERROR(bundle, ErrorCode::PermissionDenied);
    QVERIFY(markerIn(bundle.error().message).isEmpty());
}

void RestrictedTest::diaryAndFirmReportsShowTheReferenceOnly()
{
    // Sam supervises the firm but not this case (it has no supervisor): the firm-wide views show him its reference.
    Desk sol(m_firm->solicitor());
    auto theCase = sol.cases.create(walledCase({}));
    QVERIFY_OK(theCase);
    QVERIFY_OK(sol.deadlines.recompute(theCase->id, TestFirm::today()));
    QVERIFY_OK(sol.deadlines.addManualDeadline(theCase->id, kDeadline, QDate(2026, 12, 8), {}));

    Desk sam(m_firm->supervisor());
    auto diary
        = sam.deadlines.diary(deadlines::DiaryScope::All, TestFirm::today(), QDate(2027, 1, 31), TestFirm::today());
    QVERIFY_OK(diary);
    int listed = 0;
    for (const deadlines::DiaryEntry& e : *diary) {
        const QString text
            = QStringList {e.caseReference, e.title, e.rule, e.feeEarner, e.supervisor}.join(QLatin1Char('|'));
        QVERIFY2(markerIn(text).isEmpty(), qPrintable(text));
        if (e.caseId == theCase->id || e.caseReference == theCase->reference) {
            ++listed;
            QVERIFY(e.restricted);
            QCOMPARE(e.caseReference, theCase->reference);
        }
    }
    QVERIFY(listed > 0);

    for (reports::ReportKind kind :
         {reports::ReportKind::Diary, reports::ReportKind::Caseload, reports::ReportKind::LimitationRisk}) {
        reports::ReportRequest request;
        request.kind = kind;
        request.asOf = TestFirm::today();
        request.from = TestFirm::today();
        request.to = QDate(2027, 1, 31);
        auto doc = sam.reports.build(request);
        QVERIFY_OK(doc);
        const QString text = doc->plainText();
        const QString csv = QString::fromUtf8(reports::toCsv(*doc));
        QVERIFY2(markerIn(text).isEmpty(),
                 qPrintable(reports::reportKindId(kind) + QLatin1String(": ") + markerIn(text)));
        QVERIFY2(markerIn(csv).isEmpty(), qPrintable(reports::reportKindId(kind)));
        if (kind != reports::ReportKind::Caseload) {  // the caseload counts restricted cases without listing them
            QVERIFY2(text.contains(theCase->reference), qPrintable(reports::reportKindId(kind)));
        }
    }
    // Its fee earner's diary names the deadline.
    auto theirs
        = sol.deadlines.diary(deadlines::DiaryScope::Mine, TestFirm::today(), QDate(2027, 1, 31), TestFirm::today());
    QVERIFY_OK(theirs);
    QVERIFY(std::any_of(theirs->begin(), theirs->end(),
                        [](const deadlines::DiaryEntry& e) { return e.title == kDeadline; }));
}

void RestrictedTest::therapyFundShowsTheReferenceOnly()
{
    using S = therapy::RequestStatus;
    Desk sol(m_firm->solicitor());
    auto theCase = sol.cases.create(walledCase({}));  // no supervisor: Sam may not open it
    QVERIFY_OK(theCase);
    therapy::Provider p;
    p.name = kProvider;
    p.organisation = QStringLiteral("Verrall Trauma Practice");
    p.professionalBody = QStringLiteral("HCPC");
    p.registrationNumber = QStringLiteral("PYL04321");
    p.contact = QStringLiteral("01632 960001");
    p.paymentTermsDays = 30;
    p.bankAccountName = QStringLiteral("Verrall Trauma Practice Ltd");
    p.bankSortCode = QStringLiteral("12-34-56");
    p.bankAccountNumber = QStringLiteral("87654321");
    auto provider = sol.therapy.saveProvider(p);
    QVERIFY_OK(provider);
    therapy::TherapyRequest draft;
    draft.caseId = theCase->id;
    draft.providerId = provider->id;
    draft.funding = therapy::FundingRoute::FirmFund;
    draft.recommendation = QStringLiteral("Dr A. Expert, psychiatric report of 2 Oct 2026, para 41");
    draft.diagnosis = QStringLiteral("Complex PTSD");
    draft.modality = therapy::Modality::TraumaFocusedCbt;
    draft.sessionMinutes = 50;
    draft.delivery = therapy::Delivery::InPerson;
    draft.frequency = QStringLiteral("weekly");
    draft.sessionsRequested = 6;
    draft.costPerSessionPence = 9000;
    draft.recoverabilityAgreed = true;
    auto request = sol.therapy.createRequest(draft);
    QVERIFY_OK(request);
    therapy::TherapyRequest r = *request;
    for (S to : {S::Submitted, S::ClinicalCheck, S::QuoteObtained, S::AwaitingApproval}) {
        auto next = sol.therapy.transition(r.id, to, r.version);
        QVERIFY_OK(next);
        r = *next;
    }

    Desk sam(m_firm->supervisor());
    auto report = sam.therapy.report(2026);
    QVERIFY_OK(report);
    bool listed = false;
    for (const therapy::ReportRow& row : report->requests) {
        QVERIFY2(markerIn(row.provider + row.caseReference).isEmpty(), qPrintable(row.provider));
        if (row.requestId == r.id) {
            listed = true;
            QCOMPARE(row.caseReference, theCase->reference);
            QCOMPARE(row.provider, QStringLiteral("(restricted)"));
        }
    }
    QVERIFY(listed);
    auto queues = sam.therapy.queues();
    QVERIFY_OK(queues);
    for (const therapy::TherapyRequest& q : queues->awaitingApproval) {
        QVERIFY2(markerIn(q.providerName + q.diagnosis + q.caseReference).isEmpty(), qPrintable(q.providerName));
        if (q.id == r.id) {
            QCOMPARE(q.caseReference, theCase->reference);
            QVERIFY(q.hidden);
        }
    }
    QCOMPARE_ERROR(sam.therapy.request(r.id), ErrorCode::PermissionDenied);
    // The fee earner's own view names the provider.
    auto theirs = sol.therapy.request(r.id);
    QVERIFY_OK(theirs);
    QCOMPARE(theirs->providerName, kProvider);
}

void RestrictedTest::breakGlassOpensTheCaseAuditsItAndTellsTheSupervisor()
{
    Desk oli(m_firm->outsider());
    QCOMPARE(grantCount(m_firm->admin()), qint64 {0});
    auto opened = oli.cases.breakGlass(m_walled.id, QStringLiteral("  ") + kReason + QStringLiteral(" "));
    QVERIFY_OK(opened);
    QCOMPARE(opened->client.fullName, kClient);
    QCOMPARE(opened->reference, m_walled.reference);

    // During the grant everything about the case works as for someone named on it.
    QVERIFY_OK(oli.cases.load(m_walled.id));
    QVERIFY_OK(oli.cases.loadByReference(m_walled.reference));
    QVERIFY_OK(oli.cases.notes(m_walled.id));
    QVERIFY_OK(oli.deadlines.deadlines(m_walled.id));
    QVERIFY_OK(oli.conflicts.checksFor(m_walled.id));
    QCOMPARE(summaryOf(*oli.cases.list(), m_walled.id)->clientName, kClient);
    QVERIFY(oli.cases.search(QStringLiteral("quillfeather"))->contains(m_walled.id));
    auto match = oli.conflicts.check(kClient);
    QVERIFY_OK(match);
    QCOMPARE(match->front().caseReference, m_walled.reference);
    reports::SummaryRequest summary;
    summary.caseId = m_walled.id;
    summary.asOf = TestFirm::today();
    auto printed = oli.documents.summary(summary);
    QVERIFY_OK(printed);
    QVERIFY(printed->plainText().contains(kClient));

    // The grant: 8 hours from now, with the reason as given (trimmed).
    auto grant = oli.cases.activeBreakGlass(m_walled.id);
    QVERIFY_OK(grant);
    QVERIFY(grant->has_value());
    QCOMPARE((*grant)->reason, kReason);
    QCOMPARE((*grant)->username, QStringLiteral("oli"));
    QCOMPARE((*grant)->grantedAtUtc, TestFirm::startTime());
    QCOMPARE((*grant)->expiresAtUtc, TestFirm::startTime().addSecs(8 * 3600));
    QCOMPARE(grantCount(m_firm->admin()), qint64 {1});

    // The audit entry, with the reason.
    const auto logged = entries(m_firm->admin(), m_walled.reference, QStringLiteral("case.break-glass"));
    QCOMPARE(logged.size(), std::size_t {1});
    QCOMPARE(logged.front().username, QStringLiteral("oli"));
    QCOMPARE(logged.front().summary.value(QStringLiteral("reason")).toString(), kReason);
    QCOMPARE(logged.front().summary.value(QStringLiteral("notified")).toString(), QStringLiteral("sam"));
    QCOMPARE(logged.front().summary.value(QStringLiteral("expiresAt")).toString(),
             QStringLiteral("2026-11-27T20:00:00.000Z"));
    // And the loads during the grant are not refusals.
    QVERIFY(entries(m_firm->admin(), m_walled.reference, QStringLiteral("permission.denied")).empty());

    // The supervisor is told: an urgent task on the case, due today, saying who and why.
    CaseService sam(m_firm->supervisor());
    const auto tasks = breakGlassTasks(m_firm->supervisor(), m_walled.id);
    QCOMPARE(tasks.size(), std::size_t {1});
    const Task& notice = tasks.front();
    QCOMPARE(notice.title, QStringLiteral("Break-glass access by Oli Other: ") + kReason);
    QCOMPARE(notice.assignee, QStringLiteral("sam"));
    QCOMPARE(notice.urgent, true);
    QCOMPARE(notice.done, false);
    QCOMPARE(notice.due, TestFirm::today());
    QCOMPARE(notice.createdBy, QStringLiteral("oli"));
    auto notices = sam.breakGlassNotices();
    QVERIFY_OK(notices);
    QCOMPARE(notices->size(), std::size_t {1});
    QCOMPARE(notices->front().reference, m_walled.reference);
    QCOMPARE(notices->front().caseId, m_walled.id);
    QCOMPARE(notices->front().by, QStringLiteral("oli"));
    QCOMPARE(notices->front().taskId, notice.id);
    QVERIFY(oli.cases.breakGlassNotices()->empty());
    // Once Sam has looked into it, the notice goes.
    QVERIFY_OK(sam.setTaskDone(notice.id, true));
    QVERIFY(sam.breakGlassNotices()->empty());
    // Sam (supervisor, may open it anyway) has no grant to show.
    QVERIFY(!sam.activeBreakGlass(m_walled.id)->has_value());
}

void RestrictedTest::breakGlassNeedsAReasonAndARefusalIsAudited_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("refused");  // the audit entry's "refused"; empty: accepted
    QTest::addRow("no reason") << QString() << QStringLiteral("no reason given");
    QTest::addRow("spaces only") << QStringLiteral("     ") << QStringLiteral("no reason given");
    QTest::addRow("nine characters") << QStringLiteral("emergency") << QStringLiteral("reason too short");
    QTest::addRow("short once trimmed") << QStringLiteral("   urgent!    ") << QStringLiteral("reason too short");
    QTest::addRow("exactly ten characters: accepted") << QStringLiteral("emergency!") << QString();
}

void RestrictedTest::breakGlassNeedsAReasonAndARefusalIsAudited()
{
    QFETCH(QString, reason);
    QFETCH(QString, refused);
    CaseService oli(m_firm->outsider());
    auto result = oli.breakGlass(m_walled.id, reason);
    const auto refusals = entries(m_firm->admin(), m_walled.reference, QStringLiteral("case.break-glass.refused"));
    const auto grants = entries(m_firm->admin(), m_walled.reference, QStringLiteral("case.break-glass"));
    if (refused.isEmpty()) {
        QVERIFY_OK(result);
        QCOMPARE(grants.size(), std::size_t {1});
        QVERIFY(refusals.empty());
        return;
    }
    QCOMPARE_ERROR(result, ErrorCode::InvalidInput);
    QVERIFY(result.error().message.contains(m_walled.reference));
    QVERIFY(result.error().message.contains(QStringLiteral("at least 10 characters")));
    QCOMPARE(refusals.size(), std::size_t {1});
    QCOMPARE(refusals.front().username, QStringLiteral("oli"));
    QCOMPARE(refusals.front().summary.value(QStringLiteral("refused")).toString(), refused);
    QCOMPARE(refusals.front().summary.value(QStringLiteral("reason")).toString(), reason.trimmed());
    QVERIFY(grants.empty());
    QCOMPARE(grantCount(m_firm->admin()), qint64 {0});
    QCOMPARE_ERROR(oli.load(m_walled.id), ErrorCode::PermissionDenied);
    QVERIFY(breakGlassTasks(m_firm->supervisor(), m_walled.id).empty());
}

void RestrictedTest::breakGlassEndsAfterEightHours()
{
    Desk oli(m_firm->outsider());
    QVERIFY_OK(oli.cases.breakGlass(m_walled.id, kReason));
    m_firm->clock().advanceSeconds(8 * 3600 - 1);
    QVERIFY_OK(oli.cases.load(m_walled.id));
    QVERIFY(oli.cases.activeBreakGlass(m_walled.id)->has_value());

    m_firm->clock().advanceSeconds(1);  // 20:00:00 UTC: over
    QCOMPARE_ERROR(oli.cases.load(m_walled.id), ErrorCode::PermissionDenied);
    QVERIFY(!oli.cases.activeBreakGlass(m_walled.id)->has_value());
    auto rows = oli.cases.list();
    QVERIFY_OK(rows);
    const CaseSummary* row = summaryOf(*rows, m_walled.id);
    QVERIFY(row->restrictedPlaceholder);
    QVERIFY(markerIn(textOf(*row)).isEmpty());
    QVERIFY(!oli.cases.search(QStringLiteral("quillfeather"))->contains(m_walled.id));
    QVERIFY(oli.conflicts.check(kClient)->front().restricted);
    QCOMPARE_ERROR(oli.conflicts.checksFor(m_walled.id), ErrorCode::PermissionDenied);

    // Breaking glass again is a new grant, a new entry and a new notice.
    m_firm->clock().advanceSeconds(60);
    QVERIFY_OK(oli.cases.breakGlass(m_walled.id, QStringLiteral("Police called about the client again")));
    QCOMPARE(grantCount(m_firm->admin()), qint64 {2});
    QCOMPARE(entries(m_firm->admin(), m_walled.reference, QStringLiteral("case.break-glass")).size(), std::size_t {2});
    CaseService sam(m_firm->supervisor());
    QCOMPARE(sam.breakGlassNotices()->size(), std::size_t {2});
    QCOMPARE((*oli.cases.activeBreakGlass(m_walled.id))->reason,
             QStringLiteral("Police called about the client again"));
}

void RestrictedTest::breakGlassTellsTheFeeEarnerWhenTheCaseHasNoSupervisor()
{
    auto unsupervised = CaseService(m_firm->solicitor()).create(walledCase({}));
    QVERIFY_OK(unsupervised);
    // Sam supervises the firm, not this case: he breaks glass like anyone else, and Sol (its fee earner) is told.
    CaseService sam(m_firm->supervisor());
    QCOMPARE_ERROR(sam.load(unsupervised->id), ErrorCode::PermissionDenied);
    QVERIFY_OK(sam.breakGlass(unsupervised->id, kReason));
    CaseService sol(m_firm->solicitor());
    const auto tasks = breakGlassTasks(m_firm->solicitor(), unsupervised->id);
    QCOMPARE(tasks.size(), std::size_t {1});
    QCOMPARE(tasks.front().assignee, QStringLiteral("sol"));
    QCOMPARE(tasks.front().title, QStringLiteral("Break-glass access by Sam Supervisor: ") + kReason);
    QCOMPARE(sol.breakGlassNotices()->size(), std::size_t {1});
    QVERIFY(sam.breakGlassNotices()->empty());
    const auto logged = entries(m_firm->admin(), unsupervised->reference, QStringLiteral("case.break-glass"));
    QCOMPARE(logged.size(), std::size_t {1});
    QCOMPARE(logged.front().summary.value(QStringLiteral("notified")).toString(), QStringLiteral("sol"));
}

void RestrictedTest::adminsCannotBreakGlass()
{
    CaseService ada(m_firm->admin());
    QCOMPARE_ERROR(ada.breakGlass(m_walled.id, kReason), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(ada.breakGlassByReference(m_walled.reference, kReason), ErrorCode::PermissionDenied);
    QCOMPARE(grantCount(m_firm->admin()), qint64 {0});
    const auto denials = entries(m_firm->admin(), m_walled.reference, QStringLiteral("permission.denied"));
    QCOMPARE(denials.size(), std::size_t {2});
    QCOMPARE(denials.front().username, QStringLiteral("ada"));
    QCOMPARE(denials.front().summary.value(QStringLiteral("attempted")).toString(), QStringLiteral("break glass"));
    QVERIFY(entries(m_firm->admin(), m_walled.reference, QStringLiteral("case.break-glass")).empty());
    QVERIFY(breakGlassTasks(m_firm->supervisor(), m_walled.id).empty());
}

void RestrictedTest::breakGlassIsNotNeededByThoseWhoMayOpenTheCase_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<bool>("restricted");
    QTest::addRow("its fee earner") << QStringLiteral("sol") << true;
    QTest::addRow("its supervisor") << QStringLiteral("sam") << true;
    QTest::addRow("a paralegal named on it") << QStringLiteral("pat") << true;
    QTest::addRow("anyone, on a case that is not restricted") << QStringLiteral("oli") << false;
}

void RestrictedTest::breakGlassIsNotNeededByThoseWhoMayOpenTheCase()
{
    QFETCH(QString, who);
    QFETCH(bool, restricted);
    if (!restricted) {
        CaseRecord open = m_walled;
        open.restricted = false;
        auto saved = CaseService(m_firm->supervisor()).save(open);
        QVERIFY_OK(saved);
    }
    auto name
        = m_firm->solicitor().connection().prepare("INSERT INTO case_access (case_id, username) VALUES (?1, 'pat')");
    QVERIFY_OK(name);
    QVERIFY_OK(name->bind(1, m_walled.id).run());
    auto result = CaseService(m_firm->session(who)).breakGlass(m_walled.id, kReason);
    QCOMPARE_ERROR(result, ErrorCode::InvalidInput);
    QVERIFY(result.error().message.contains(QStringLiteral("break-glass is not needed")));
    QCOMPARE(grantCount(m_firm->admin()), qint64 {0});
    QVERIFY(entries(m_firm->admin(), m_walled.reference, QStringLiteral("case.break-glass")).empty());
}

void RestrictedTest::breakGlassOnAnUnknownReferenceIsNotFound()
{
    QCOMPARE_ERROR(CaseService(m_firm->outsider()).breakGlassByReference(QStringLiteral("CD-2026-9999"), kReason),
                   ErrorCode::NotFound);
    QCOMPARE_ERROR(CaseService(m_firm->outsider()).breakGlass(987654, kReason), ErrorCode::NotFound);
    auto byReference = CaseService(m_firm->outsider()).breakGlassByReference(QStringLiteral("cd-2026-0001"), kReason);
    QVERIFY_OK(byReference);
    QCOMPARE(byReference->id, m_walled.id);
}

// The audit viewer shows who did what and when on every case, but a case entry's details (the client's old and new
// name in case.update) only to a reader who may open the case: never to an admin, and not to a supervisor
// outside a restricted case's wall. The same holds for the CSV export.
void RestrictedTest::auditDetailsAreForThoseWhoMayOpenTheCase()
{
    NewCase unsupervised = walledCase(QString());
    CaseService sols(m_firm->solicitor());
    auto other = sols.create(unsupervised);  // restricted, Sol's, Sam is not on it
    QVERIFY_OK(other);
    // A correction of each client's name: case.update keeps the old and the new name.
    for (CaseRecord record : {m_walled, *other}) {
        auto loaded = sols.load(record.id);
        QVERIFY_OK(loaded);
        loaded->client.fullName = kClient + QStringLiteral(" Jr");
        QVERIFY_OK(sols.save(*loaded));
    }

    const auto updateOf = [](Vault& reader, const QString& reference) -> std::optional<AuditEntry> {
        AuditFilter filter;
        filter.caseReference = reference;
        filter.action = QStringLiteral("case.update");
        auto page = AuditService(reader).query(filter);
        if (!page || page->entries.size() != 1) {
            return std::nullopt;
        }
        return page->entries.front();
    };
    // Sam supervises the first case: the details open for him.
    const auto samsOwn = updateOf(m_firm->supervisor(), m_walled.reference);
    QVERIFY(samsOwn);
    QCOMPARE(samsOwn->details, AuditEntry::Details::Opened);
    QVERIFY(QJsonDocument(samsOwn->summary).toJson().contains(kClient.toUtf8()));
    // The second case is walled off from him: the event, not the details.
    const auto walledOff = updateOf(m_firm->supervisor(), other->reference);
    QVERIFY(walledOff);
    QCOMPARE(walledOff->details, AuditEntry::Details::Withheld);
    QVERIFY(walledOff->summary.isEmpty());
    QCOMPARE(walledOff->username, QStringLiteral("sol"));
    QVERIFY(AuditService::detailsLine(*walledOff).contains(QStringLiteral("only for those who may open the case")));
    // The admin: neither case's details.
    for (const QString& reference : {m_walled.reference, other->reference}) {
        const auto admins = updateOf(m_firm->admin(), reference);
        QVERIFY(admins);
        QCOMPARE(admins->details, AuditEntry::Details::Withheld);
        QVERIFY(admins->summary.isEmpty());
    }
    // The admin's export of the whole log names no client.
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("audit.csv"));
    auto written = AuditService(m_firm->admin()).exportCsv({}, csv);
    QVERIFY_OK(written);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray exported = file.readAll();
    QVERIFY(exported.contains(m_walled.reference.toUtf8()));
    QVERIFY(exported.contains(",withheld,"));
    QVERIFY(!exported.contains("Quillfeather"));
}

QTEST_GUILESS_MAIN(RestrictedTest)
#include "tst_restricted.moc"
