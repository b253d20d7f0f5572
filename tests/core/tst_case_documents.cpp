// The case summary's redaction profiles and the subject access bundle (issue 6), as data: what each profile's
// document says (Document::plainText, the text the PDF is painted from), the client-copy refusal, who may build a
// bundle, and that every table holding the client's data reaches the bundle while privileged material is only
// listed as withheld. The PDF rendering itself is tested in tests/render and through the CLI.

#include "FakeClock.h"
#include "ResultAsserts.h"
#include "TestFirm.h"

#include "cases/CaseService.h"
#include "conflicts/ConflictService.h"
#include "deadlines/DeadlineService.h"
#include "reports/CaseDocuments.h"
#include "reports/OutputAudit.h"
#include "reports/RedactionProfile.h"
#include "store/AuditLog.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace claimdesk::core;
using namespace claimdesk::core::reports;
using claimdesk::test::TestFirm;
using S = therapy::RequestStatus;

namespace {

struct Desk {
    explicit Desk(Vault& v) : vault(v), cases(v), deadlines(v, cases), therapy(v, cases, deadlines),
                              documents(v, cases, deadlines, therapy) {}
    Vault& vault;
    CaseService cases;
    deadlines::DeadlineService deadlines;
    therapy::TherapyService therapy;
    CaseDocuments documents;
};

// Unique strings planted in each field, so a test can say exactly what reached a document.
namespace marker {
const QString account = QStringLiteral("ACCOUNTMARK7Q");
const QString sensitiveNote = QStringLiteral("SENSNOTEMARK4K");
const QString plainNote = QStringLiteral("PLAINNOTEMARK2J");
const QString codeWord = QStringLiteral("CODEWORDMARK9Z");
const QString neverWrite = QStringLiteral("NEVERWRITEMARK3P");
const QString address = QStringLiteral("ADDRESSMARK5T");
const QString action = QStringLiteral("SGACTIONMARK8W");
const QString party = QStringLiteral("PARTYMARK6R");
const QString perpetrator = QStringLiteral("PERPMARK1H");
const QString location = QStringLiteral("LOCATIONMARK2B");
const QString crimeRef = QStringLiteral("CRIMEREFMARK4D");
const QString task = QStringLiteral("TASKMARK5M");
const QString litFriend = QStringLiteral("LITFRIENDMARK0A");
const QString communication = QStringLiteral("COMMSMARK7C");
const QString diagnosis = QStringLiteral("DIAGNOSISMARK3E");
const QString sessionNote = QStringLiteral("SESSIONNOTEMARK8S");
const QString invoice = QStringLiteral("INVMARK-77");
const QString checkName = QStringLiteral("CHECKNAMEMARK6V");
const QString provider = QStringLiteral("Dr PROVIDERMARK2X");
}  // namespace marker

NewCase markedCase(bool postIsSafe)
{
    NewCase n;
    n.client.fullName = QStringLiteral("Morgan Example");
    n.client.dateOfBirth = QDate(1990, 5, 14);
    n.client.address = QStringLiteral("1 %1 Street, Leeds").arg(marker::address);
    n.client.phone = QStringLiteral("07700 900123");
    n.client.safeContact.phone = true;
    n.client.safeContact.post = postIsSafe;
    n.client.safeContact.codeWord = marker::codeWord;
    n.client.safeContact.neverWriteTo = QStringList {QStringLiteral("%1 Road").arg(marker::neverWrite)};
    n.client.litigationFriend = marker::litFriend;
    n.client.communicationNeeds = marker::communication;
    n.feeEarner = QStringLiteral("sol");
    n.supervisor = QStringLiteral("sam");
    n.funding = Funding::Cfa;
    n.account = QStringLiteral("In my own words: %1.").arg(marker::account);
    n.safeguarding.suicidalThoughts = SuicidalThoughts::None;
    n.safeguarding.currentAbuse = true;  // a serious risk: the supervisor must record an action
    Incident incident;
    incident.start = QDate(2001, 3, 1);
    incident.startPrecision = DatePrecision::Month;
    incident.abuseTypes = QStringList {QStringLiteral("sexual")};
    incident.perpetrators = QStringList {marker::perpetrator};
    incident.location = marker::location;
    incident.region = Region::EnglandWales;
    incident.reportedToPolice = true;
    incident.policeReportDate = QDate(2019, 6, 3);
    incident.policeForce = QStringLiteral("West Yorkshire Police");
    incident.crimeReference = marker::crimeRef;
    n.incidents.push_back(incident);
    CaseParty abuser;
    abuser.party.name = marker::perpetrator;
    abuser.role = PartyRole::Abuser;
    CaseParty school;
    school.party.kind = PartyKind::Organisation;
    school.party.name = QStringLiteral("St %1 School").arg(marker::party);
    school.role = PartyRole::Institution;
    n.parties = {abuser, school};
    ConflictCheck check;
    check.name = marker::checkName;
    n.conflictChecks.push_back(check);
    return n;
}

struct Fixture {
    TestFirm firm;
    Desk sol {firm.solicitor()};
    Desk sam {firm.supervisor()};
    qint64 caseId = 0;
    QString reference;

    explicit Fixture(bool postIsSafe = true)
    {
        auto created = sol.cases.create(markedCase(postIsSafe));
        if (!created) {
            qFatal("creating the case failed: %s", qPrintable(created.error().message));
        }
        caseId = created->id;
        reference = created->reference;
        must(sol.cases.addNote(caseId, QStringLiteral("Called the client: %1").arg(marker::plainNote), false));
        must(sol.cases.addNote(caseId, QStringLiteral("Disclosed more: %1").arg(marker::sensitiveNote), true));
        Task t;
        t.title = QStringLiteral("Chase the records (%1)").arg(marker::task);
        t.due = TestFirm::today().addDays(7);
        must(sol.cases.addTask(caseId, t));
        SafeguardingAction a;
        a.actionTaken = QStringLiteral("Spoke with the safeguarding lead and the client; %1").arg(marker::action);
        must(sam.cases.recordSafeguardingAction(caseId, a));
    }

    template <typename R>
    static void must(const R& r)
    {
        if (!r) {
            qFatal("fixture step failed: %s", qPrintable(r.error().message));
        }
    }

    // A therapy request through to a paid invoice, with a session note and an invoice number to find.
    void addPaidTherapy()
    {
        must(sam.therapy.setAllocation(2026, 1'000'000, {}));
        therapy::Provider p;
        p.name = marker::provider;
        p.organisation = QStringLiteral("Northern Trauma Clinic");
        p.professionalBody = QStringLiteral("HCPC");
        p.registrationNumber = QStringLiteral("PYL01234");
        p.contact = QStringLiteral("01632 960000");
        p.paymentTermsDays = 30;
        p.bankAccountName = QStringLiteral("Northern Trauma Clinic Ltd");
        p.bankSortCode = QStringLiteral("12-34-56");
        p.bankAccountNumber = QStringLiteral("12345678");
        auto provider = sol.therapy.saveProvider(p);
        must(provider);
        must(sam.therapy.verifyProviderBank(provider->id, provider->version));
        therapy::TherapyRequest r;
        r.caseId = caseId;
        r.providerId = provider->id;
        r.recommendation = QStringLiteral("Dr A. Expert, report of 2 Oct 2026");
        r.diagnosis = marker::diagnosis;
        r.frequency = QStringLiteral("weekly");
        r.sessionsRequested = 4;
        r.costPerSessionPence = 10000;
        r.recoverabilityAgreed = true;
        auto req = sol.therapy.createRequest(r);
        must(req);
        for (S to : {S::Submitted, S::ClinicalCheck, S::QuoteObtained, S::AwaitingApproval}) {
            req = sol.therapy.transition(req->id, to, req->version);
            must(req);
        }
        therapy::ApprovalInput approval;
        approval.sessions = 4;
        req = sam.therapy.approve(req->id, approval, req->version);
        must(req);
        for (S to : {S::ProviderInstructed, S::InTherapy}) {
            req = sol.therapy.transition(req->id, to, req->version);
            must(req);
        }
        therapy::TherapySession session;
        session.heldOn = TestFirm::today();
        session.note = marker::sessionNote;
        must(sol.therapy.logSession(req->id, session));
        therapy::Invoice inv;
        inv.number = marker::invoice;
        inv.invoiceDate = inv.receivedOn = inv.periodTo = TestFirm::today();
        inv.periodFrom = TestFirm::today().addDays(-7);
        inv.sessionsCovered = 1;
        inv.amountPence = 10000;
        inv.checkedAgainstSessions = true;
        auto added = sol.therapy.addInvoice(req->id, inv);
        must(added);
        therapy::Payment pay;
        pay.paidOn = TestFirm::today();
        pay.amountPence = 10000;
        pay.method = QStringLiteral("BACS");
        must(sam.therapy.pay(added->id, pay));
    }
};

SummaryRequest requestFor(qint64 caseId, Profile profile, const QString& overrideReason = {})
{
    SummaryRequest r;
    r.caseId = caseId;
    r.profile = profile;
    r.asOf = TestFirm::today();
    r.overrideReason = overrideReason;
    return r;
}

qint64 countAudit(Vault& vault, const QString& action)
{
    auto all = AuditLog::list(vault.connection());
    return all ? std::count_if(all->begin(), all->end(), [&](const AuditEntry& e) { return e.action == action; }) : -1;
}

}  // namespace

class TestCaseDocuments : public QObject {
    Q_OBJECT

private slots:
    void profileContents_data();
    void profileContents();
    void everyPageOfTheDocumentIsMarkedAndWatermarked();
    void omittedPartsAreNamed();
    void clientCopyIsRefusedWhenPostIsUnsafe();
    void clientCopyIsAllowedWhenPostIsSafe();
    void summaryOutputIsAudited();
    void revealsForTheInternalCopyAreAudited();
    void restrictedCaseIsRefusedToOthers();
    void adminHasNoCaseContent();
    void profileMatrixMatchesTheDocument();
    void subjectAccessHoldsEveryTable();
    void subjectAccessWithholdsPrivilegedMaterial();
    void subjectAccessIsForSupervisors();

private:
    std::unique_ptr<Fixture> m_fixture;  // one case, read by the data-driven test
};

// What each profile must and must not print. The rows are the documented matrix (docs/REDACTION-PROFILES.md) as
// it reaches the page: a marker per part.
void TestCaseDocuments::profileContents_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<QString>("marker");
    QTest::addColumn<bool>("present");
    struct Row {
        const char* part;
        QString marker;
        bool internal, counsel, client, therapist, insurer;
    };
    const Row rows[] = {
        {"account", marker::account, true, false, false, false, false},
        {"sensitive note", marker::sensitiveNote, true, false, false, false, false},
        {"plain note", marker::plainNote, true, true, false, false, false},
        {"code word", marker::codeWord, true, false, false, false, false},
        {"never write to", marker::neverWrite, true, false, false, false, false},
        {"address", marker::address, true, false, false, false, false},
        {"safeguarding action", marker::action, true, false, false, false, false},
        {"litigation friend", marker::litFriend, true, true, false, false, false},
        {"communication needs", marker::communication, true, true, true, true, false},
        {"full name", QStringLiteral("Morgan Example"), true, true, true, true, false},
        {"initials (anonymised)", QStringLiteral("M.E. (anonymised)"), false, false, false, false, true},
        {"organisation party", marker::party, true, true, true, false, true},
        {"incident location", marker::location, true, true, true, false, true},
        {"crime reference", marker::crimeRef, true, true, true, false, false},
        {"open task", marker::task, true, false, false, false, false},
        {"funding", QStringLiteral("Conditional fee agreement"), true, true, true, false, false},
        {"limitation section", QStringLiteral("Limitation date"), true, true, true, false, false},
        {"safeguarding status", QStringLiteral("Safeguarding"), true, true, false, true, false},
        {"contact through the firm", QStringLiteral("Do not contact the client directly"), false, true, false, true, true},
    };
    const char* names[] = {"internal", "counsel", "client", "therapist", "insurer"};
    for (const Row& r : rows) {
        const bool expected[] = {r.internal, r.counsel, r.client, r.therapist, r.insurer};
        for (int p = 0; p < kProfileCount; ++p) {
            QTest::addRow("%s: %s %s", names[p], r.part, expected[p] ? "printed" : "left out")
                << p << r.marker << expected[p];
        }
    }
}

void TestCaseDocuments::profileContents()
{
    QFETCH(int, profile);
    QFETCH(QString, marker);
    QFETCH(bool, present);
    if (!m_fixture) {
        m_fixture = std::make_unique<Fixture>();
    }
    Fixture& f = *m_fixture;
    auto doc = f.sam.documents.summary(requestFor(f.caseId, static_cast<Profile>(profile), QStringLiteral("n/a")));
    QVERIFY_OK(doc);
    const QString text = doc->plainText();
    QVERIFY2(text.contains(marker) == present,
             qPrintable(QStringLiteral("%1 should %2 be in the %3 copy").arg(marker, present ? QString() : QStringLiteral("not"),
                                                                            profileSpec(static_cast<Profile>(profile)).id)));
    QVERIFY(!text.contains(marker::perpetrator) || static_cast<Profile>(profile) != Profile::Therapist);
}

void TestCaseDocuments::everyPageOfTheDocumentIsMarkedAndWatermarked()
{
    Fixture f;
    auto doc = f.sol.documents.summary(requestFor(f.caseId, Profile::Counsel));
    QVERIFY_OK(doc);
    QCOMPARE(doc->marking, QStringLiteral("PRIVATE & CONFIDENTIAL — LEGALLY PRIVILEGED"));
    QCOMPARE(doc->watermark, QStringLiteral("COPY FOR COUNSEL"));
    QCOMPARE(doc->profileName, QStringLiteral("Counsel"));
    QCOMPARE(doc->reference, f.reference);
    QVERIFY(!doc->title.contains(QStringLiteral("Morgan")));  // the PDF's title names the case, never the client
    QCOMPARE(doc->footerText(), QStringLiteral("Printed by Sol Solicitor on 27 Nov 2026 at 12:00 · Profile: Counsel"));
}

void TestCaseDocuments::omittedPartsAreNamed()
{
    Fixture f;
    auto counsel = f.sol.documents.summary(requestFor(f.caseId, Profile::Counsel));
    QVERIFY_OK(counsel);
    QVERIFY(counsel->plainText().contains(QStringLiteral("It leaves out")));
    QVERIFY(counsel->plainText().contains(QStringLiteral("the client's account")));
    QVERIFY(counsel->plainText().contains(QStringLiteral("1 sensitive note is not included in this copy.")));
    auto internal = f.sol.documents.summary(requestFor(f.caseId, Profile::Internal));
    QVERIFY_OK(internal);
    QVERIFY(!internal->plainText().contains(QStringLiteral("It leaves out")));
}

void TestCaseDocuments::clientCopyIsRefusedWhenPostIsUnsafe()
{
    Fixture f(false);
    const qint64 refusalsBefore = countAudit(f.sam.vault, QStringLiteral("permission.denied"));
    auto refused = f.sol.documents.summary(requestFor(f.caseId, Profile::Client));
    QCOMPARE_ERROR(refused, ErrorCode::PermissionDenied);
    QVERIFY(refused.error().message.contains(QStringLiteral("safe-contact")));
    // A fee earner cannot override; a supervisor can, with a reason, and the reason goes in the audit record.
    QCOMPARE_ERROR(f.sol.documents.summary(requestFor(f.caseId, Profile::Client, QStringLiteral("Client collects it"))),
                   ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(f.sam.documents.summary(requestFor(f.caseId, Profile::Client, QStringLiteral("   "))),
                   ErrorCode::PermissionDenied);
    QCOMPARE(countAudit(f.sam.vault, QStringLiteral("permission.denied")), refusalsBefore + 3);
    const SummaryRequest overridden = requestFor(f.caseId, Profile::Client, QStringLiteral("Client collects it in person"));
    auto doc = f.sam.documents.summary(overridden);
    QVERIFY_OK(doc);
    QVERIFY_OK(recordOutput(f.sam.vault, f.sam.documents.summaryRecord(overridden, *doc, QStringLiteral("print"), {})));
    auto all = AuditLog::list(f.sam.vault.connection());
    QVERIFY_OK(all);
    const AuditEntry& last = all->back();
    QCOMPARE(last.action, QStringLiteral("summary.output"));
    QCOMPARE(last.summary.value(QStringLiteral("overrideReason")).toString(), QStringLiteral("Client collects it in person"));
    QCOMPARE(last.summary.value(QStringLiteral("profile")).toString(), QStringLiteral("client"));
}

void TestCaseDocuments::clientCopyIsAllowedWhenPostIsSafe()
{
    Fixture f(true);
    QVERIFY_OK(f.sol.documents.checkSummary(requestFor(f.caseId, Profile::Client)));
    auto doc = f.sol.documents.summary(requestFor(f.caseId, Profile::Client));
    QVERIFY_OK(doc);
    QCOMPARE(doc->watermark, QStringLiteral("CLIENT COPY"));
}

void TestCaseDocuments::summaryOutputIsAudited()
{
    Fixture f;
    const SummaryRequest request = requestFor(f.caseId, Profile::Therapist);
    auto doc = f.sol.documents.summary(request);
    QVERIFY_OK(doc);
    const qint64 before = countAudit(f.sol.vault, QStringLiteral("summary.output"));
    QVERIFY_OK(recordOutput(f.sol.vault,
                            f.sol.documents.summaryRecord(request, *doc, QStringLiteral("pdf"), QStringLiteral("/tmp/x.pdf"))));
    QCOMPARE(countAudit(f.sol.vault, QStringLiteral("summary.output")), before + 1);
    auto all = AuditLog::list(f.sol.vault.connection());
    QVERIFY_OK(all);
    const AuditEntry& e = all->back();
    QCOMPARE(e.username, QStringLiteral("sol"));
    QCOMPARE(e.entity, QStringLiteral("case"));
    QCOMPARE(e.entityId, f.reference);
    QCOMPARE(e.summary.value(QStringLiteral("profile")).toString(), QStringLiteral("therapist"));
    QCOMPARE(e.summary.value(QStringLiteral("format")).toString(), QStringLiteral("pdf"));
    QCOMPARE(e.summary.value(QStringLiteral("file")).toString(), QStringLiteral("/tmp/x.pdf"));
}

void TestCaseDocuments::revealsForTheInternalCopyAreAudited()
{
    Fixture f;
    auto all = AuditLog::list(f.sol.vault.connection());
    QVERIFY_OK(all);
    const qint64 before = static_cast<qint64>(all->size());
    auto doc = f.sol.documents.summary(requestFor(f.caseId, Profile::Internal));
    QVERIFY_OK(doc);
    all = AuditLog::list(f.sol.vault.connection());
    QVERIFY_OK(all);
    QStringList actions;
    for (std::size_t i = static_cast<std::size_t>(before); i < all->size(); ++i) {
        actions << all->at(i).action;
    }
    QVERIFY2(actions.filter(QStringLiteral("account")).size() == 1, qPrintable(actions.join(QLatin1Char(','))));
    QVERIFY2(actions.filter(QStringLiteral("note")).size() == 1, qPrintable(actions.join(QLatin1Char(','))));
    // The counsel copy reveals nothing, so it leaves no reveal behind.
    auto counsel = f.sol.documents.summary(requestFor(f.caseId, Profile::Counsel));
    QVERIFY_OK(counsel);
    auto after = AuditLog::list(f.sol.vault.connection());
    QVERIFY_OK(after);
    QCOMPARE(after->size(), all->size());
}

void TestCaseDocuments::restrictedCaseIsRefusedToOthers()
{
    TestFirm firm;
    Desk sol(firm.solicitor());
    NewCase n = markedCase(true);
    n.restricted = true;
    auto created = sol.cases.create(n);
    QVERIFY_OK(created);
    Desk oli(firm.outsider());
    QCOMPARE_ERROR(oli.documents.summary(requestFor(created->id, Profile::Counsel)), ErrorCode::PermissionDenied);
    QVERIFY_OK(sol.documents.summary(requestFor(created->id, Profile::Counsel)));
}

void TestCaseDocuments::adminHasNoCaseContent()
{
    Fixture f;
    Desk ada(f.firm.admin());
    QCOMPARE_ERROR(ada.documents.summary(requestFor(f.caseId, Profile::Insurer)), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(ada.documents.subjectAccess(f.caseId, TestFirm::today()), ErrorCode::PermissionDenied);
}

// docs/REDACTION-PROFILES.md has one table row per part with a ✓ under each profile that includes it; the code's
// lists must say the same.
void TestCaseDocuments::profileMatrixMatchesTheDocument()
{
    QFile file(QStringLiteral(CLAIMDESK_SOURCE_DIR "/docs/REDACTION-PROFILES.md"));
    QVERIFY2(file.open(QIODevice::ReadOnly), "docs/REDACTION-PROFILES.md is missing");
    const QString text = QString::fromUtf8(file.readAll());
    int checked = 0;
    for (int i = 0; i < kPartCount; ++i) {
        const Part part = static_cast<Part>(i);
        const QRegularExpression row(QStringLiteral("^\\|\\s*`%1`\\s*\\|(.*)$").arg(QRegularExpression::escape(partId(part))),
                                     QRegularExpression::MultilineOption);
        const auto m = row.match(text);
        QVERIFY2(m.hasMatch(), qPrintable(QStringLiteral("no row for `%1`").arg(partId(part))));
        const QStringList cells = m.captured(1).split(QLatin1Char('|'));
        QVERIFY2(cells.size() >= kProfileCount, qPrintable(m.captured(0)));
        for (int p = 0; p < kProfileCount; ++p) {
            const bool ticked = cells.at(p + 1 - 1).contains(QStringLiteral("✓"));
            QVERIFY2(ticked == includes(static_cast<Profile>(p), part),
                     qPrintable(QStringLiteral("`%1` under %2: document says %3")
                                    .arg(partId(part), profileSpec(static_cast<Profile>(p)).id,
                                         ticked ? QStringLiteral("included") : QStringLiteral("left out"))));
            ++checked;
        }
    }
    QCOMPARE(checked, kPartCount * kProfileCount);
}

void TestCaseDocuments::subjectAccessHoldsEveryTable()
{
    Fixture f;
    f.addPaidTherapy();
    auto bundle = f.sam.documents.subjectAccess(f.caseId, TestFirm::today());
    QVERIFY_OK(bundle);
    const QString pdfText = bundle->document.plainText();
    const QString json = QString::fromUtf8(QJsonDocument(bundle->json).toJson());
    // table: marker (in both the PDF text and the JSON unless noted)
    const std::pair<const char*, QString> inBoth[] = {
        {"clients", marker::address},          {"clients (safe contact)", marker::codeWord},
        {"cases (account)", marker::account},  {"incidents", marker::location},
        {"incidents (police)", marker::crimeRef}, {"parties (organisations)", marker::party},
        {"therapy_requests", marker::diagnosis}, {"therapy_providers (name)", marker::provider},
        {"conflict_checks", marker::checkName},
    };
    for (const auto& [table, m] : inBoth) {
        QVERIFY2(pdfText.contains(m), qPrintable(QStringLiteral("%1: %2 missing from the PDF text").arg(QString::fromLatin1(table), m)));
        QVERIFY2(json.contains(m), qPrintable(QStringLiteral("%1: %2 missing from the JSON").arg(QString::fromLatin1(table), m)));
    }
    QVERIFY2(json.contains(marker::sessionNote), "therapy_sessions: session note missing from the JSON");
    QVERIFY2(json.contains(marker::invoice), "therapy_invoices: invoice number missing from the JSON");
    QVERIFY2(json.contains(QStringLiteral("\"paidOn\": \"2026-11-27\"")), "therapy_payments: payment missing from the JSON");
    QCOMPARE(bundle->json.value(QStringLiteral("format")).toString(), QStringLiteral("claimdesk-subject-access"));
    QCOMPARE(bundle->json.value(QStringLiteral("client")).toObject().value(QStringLiteral("dateOfBirth")).toString(),
             QStringLiteral("1990-05-14"));
}

void TestCaseDocuments::subjectAccessWithholdsPrivilegedMaterial()
{
    Fixture f;
    auto bundle = f.sam.documents.subjectAccess(f.caseId, TestFirm::today());
    QVERIFY_OK(bundle);
    const QString pdfText = bundle->document.plainText();
    const QString json = QString::fromUtf8(QJsonDocument(bundle->json).toJson());
    for (const QString& privileged : {marker::plainNote, marker::sensitiveNote, marker::task, marker::perpetrator,
                                      marker::action}) {
        QVERIFY2(!pdfText.contains(privileged), qPrintable(privileged + QStringLiteral(" leaked into the PDF")));
        QVERIFY2(!json.contains(privileged), qPrintable(privileged + QStringLiteral(" leaked into the JSON")));
    }
    // … but each is listed as withheld with its reason.
    QVERIFY(pdfText.contains(QStringLiteral("Information withheld")));
    QVERIFY(pdfText.contains(QStringLiteral("File note (sensitive)")));
    QVERIFY(pdfText.contains(QStringLiteral("Legal professional privilege")));
    const QJsonArray withheld = bundle->json.value(QStringLiteral("withheld")).toArray();
    int notes = 0;
    for (const QJsonValue& w : withheld) {
        if (w.toObject().value(QStringLiteral("category")).toString() == QStringLiteral("File notes")) {
            notes = w.toObject().value(QStringLiteral("count")).toInt();
        }
    }
    QCOMPARE(notes, 2);
    QVERIFY(bundle->withheldItems >= 5);  // 2 notes, tasks, the safeguarding action, a perpetrator, a person party
}

void TestCaseDocuments::subjectAccessIsForSupervisors()
{
    Fixture f;
    const qint64 before = countAudit(f.sam.vault, QStringLiteral("permission.denied"));
    QCOMPARE_ERROR(f.sol.documents.subjectAccess(f.caseId, TestFirm::today()), ErrorCode::PermissionDenied);
    QCOMPARE(countAudit(f.sam.vault, QStringLiteral("permission.denied")), before + 1);
    auto bundle = f.sam.documents.subjectAccess(f.caseId, TestFirm::today());
    QVERIFY_OK(bundle);
    QVERIFY_OK(recordOutput(f.sam.vault, f.sam.documents.sarRecord(*bundle, QStringLiteral("pdf+json"), QStringLiteral("/tmp/sar"))));
    QCOMPARE(countAudit(f.sam.vault, QStringLiteral("sar.output")), 1);
}

QTEST_GUILESS_MAIN(TestCaseDocuments)
#include "tst_case_documents.moc"
