#include "ResultAsserts.h"
#include "TestFirm.h"

#include "cases/CaseService.h"
#include "store/AuditLog.h"
#include "store/Sqlite.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>

using namespace claimdesk;
using namespace claimdesk::core;

Q_DECLARE_METATYPE(claimdesk::core::CaseFilter)
Q_DECLARE_METATYPE(claimdesk::core::CaseSummary)
Q_DECLARE_METATYPE(claimdesk::core::SafeguardingScreen)
Q_DECLARE_METATYPE(claimdesk::core::SafeguardingAction)

namespace {

qint64 rowCount(Vault& vault, const char* sql)
{
    auto n = vault.connection().scalarInt(sql);
    return n ? *n : qint64 {-1};
}

std::vector<AuditEntry> auditOf(Vault& vault, const QString& action)
{
    auto all = AuditLog::list(vault.connection());
    if (!all) {
        qFatal("reading the audit log failed: %s", qPrintable(all.error().message));
    }
    std::vector<AuditEntry> out;
    std::copy_if(all->begin(), all->end(), std::back_inserter(out),
                 [&](const AuditEntry& e) { return e.action == action; });
    return out;
}

qint64 auditCount(Vault& vault)
{
    return rowCount(vault, "SELECT count(*) FROM audit_log");
}

// The least a case needs: a client with a name, screened with no risk, for Sol.
// What a supervisor records, with only the required text.
SafeguardingAction actionTaken(const QString& text)
{
    SafeguardingAction a;
    a.actionTaken = text;
    return a;
}

NewCase minimalCase(const QString& clientName)
{
    NewCase n;
    n.client.fullName = clientName;
    n.client.dateOfBirth = QDate(1990, 1, 15);
    n.feeEarner = QStringLiteral("sol");
    n.safeguarding.suicidalThoughts = SuicidalThoughts::None;
    return n;
}

const CaseSummary* summaryOf(const std::vector<CaseSummary>& rows, qint64 id)
{
    auto it = std::find_if(rows.begin(), rows.end(), [id](const CaseSummary& s) { return s.id == id; });
    return it == rows.end() ? nullptr : &*it;
}

std::vector<Task> tasksOfKind(const std::vector<Task>& tasks, TaskKind kind)
{
    std::vector<Task> out;
    std::copy_if(tasks.begin(), tasks.end(), std::back_inserter(out), [kind](const Task& t) { return t.kind == kind; });
    return out;
}

Result<void> nameOnCase(Vault& vault, qint64 caseId, const QString& username)
{
    auto stmt = vault.connection().prepare("INSERT INTO case_access (case_id, username) VALUES (?1, ?2)");
    if (!stmt) {
        return stmt.error();
    }
    return stmt->bind(1, caseId).bind(2, username).run();
}

}  // namespace

class CaseServiceTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void cleanupTestCase();

    void referencesAreSequentialPerPrefixAndYear();
    void referenceNumbersAreNeverReused();
    void referencePrefixRules();
    void createAndLoadKeepEveryField();
    void aPartyIsSharedAcrossCasesAndGathersAliases();
    void createRefusesInvalidInputAndWritesNothing_data();
    void createRefusesInvalidInputAndWritesNothing();
    void saveRefusesInvalidInputAndKeepsTheStoredCase();
    void loadOfAMissingCaseIsNotFound();
    void concurrentSaveNamesWhoSavedAndKeepsMineOnRequest();
    void saveIsAuditedWithOldAndNewValues();
    void revealingTheAccountIsAudited();
    void sensitiveNotesAreListedWithoutTextUntilRevealed();
    void seriousRisk_data();
    void seriousRisk();
    void seriousSafeguardingAnswerRaisesAnUrgentTaskUntilASupervisorActs();
    void safeguardingTaskGoesToTheFeeEarnerWhenThereIsNoSupervisor();
    void unscreenedCaseGetsATaskToCompleteTheScreen();
    void askLaterQuestionsBecomeFollowUpTasks();
    void safeguardingScreenKeepsEveryAnswer();
    void safeguardingActionRecordsTheLeadReferralsConsentAndAReview();
    void safeguardingActionRefusesAnIncompleteRecord_data();
    void safeguardingActionRefusesAnIncompleteRecord();
    void savingAtTheVersionTheActionReturnedIsNotAConflict();
    void createOpensTheCaseAtItsStageInOneStep();
    void searchEntryIsOneFunctionRebuiltFromWhatIsStored();
    void adminSeesNoCaseContent();
    void oneTimePassphraseMustBeChangedBeforeUsingCases();
    void restrictedCaseIsAPlaceholderForOutsiders();
    void onlyASupervisorChangesRestrictionOrSupervisor();
    void search_data();
    void search();
    void searchOfARestrictedCaseByNameForAUserNamedOnIt();
    void draftsBelongToTheirOwnerAndGoWhenTheCaseIsCreated();
    void caseFilterMatches_data();
    void caseFilterMatches();
    void outerTransactionRollbackUndoesBothCreates();
    void outerTransactionCommitKeepsBothCreates();

private:
    void setUpSearchFirm();

    std::unique_ptr<test::TestFirm> m_firm;
    std::unique_ptr<test::TestFirm> m_searchFirm;  // shared by the rows of search()
    QHash<QString, qint64> m_searchIds;
};

void CaseServiceTest::init()
{
    m_firm = std::make_unique<test::TestFirm>();
}

void CaseServiceTest::cleanup()
{
    m_firm.reset();
}

void CaseServiceTest::cleanupTestCase()
{
    m_searchFirm.reset();
}

void CaseServiceTest::referencesAreSequentialPerPrefixAndYear()
{
    CaseService cases(m_firm->paralegal());
    QCOMPARE(cases.referencePrefix(), QStringLiteral("CD"));  // until the firm sets its own
    auto first = cases.create(minimalCase(QStringLiteral("Anna Jones")));
    QVERIFY_OK(first);
    QCOMPARE(first->reference, QStringLiteral("CD-2026-0001"));

    CaseService admin(m_firm->admin());
    QVERIFY_OK(admin.setReferencePrefix(QStringLiteral("BBK")));
    QCOMPARE(cases.referencePrefix(), QStringLiteral("BBK"));  // another session sees the firm setting
    QStringList references;
    for (const QString& name :
         {QStringLiteral("Ben Carter"), QStringLiteral("Cara Doyle"), QStringLiteral("Dan Evans")}) {
        auto created = cases.create(minimalCase(name));
        QVERIFY_OK(created);
        references << created->reference;
    }
    QCOMPARE(references,
             (QStringList {QStringLiteral("BBK-2026-0001"), QStringLiteral("BBK-2026-0002"),
                           QStringLiteral("BBK-2026-0003")}));

    // A case opened in another year is numbered in that year's sequence.
    NewCase older = minimalCase(QStringLiteral("Eve Fisher"));
    older.openedOn = QDate(2025, 12, 30);
    auto lastYear = cases.create(older);
    QVERIFY_OK(lastYear);
    QCOMPARE(lastYear->reference, QStringLiteral("BBK-2025-0001"));
    QCOMPARE(lastYear->openedOn, QDate(2025, 12, 30));
    auto next = cases.create(minimalCase(QStringLiteral("Fay Green")));
    QVERIFY_OK(next);
    QCOMPARE(next->reference, QStringLiteral("BBK-2026-0004"));
}

void CaseServiceTest::referenceNumbersAreNeverReused()
{
    CaseService cases(m_firm->paralegal());
    QVERIFY_OK(cases.create(minimalCase(QStringLiteral("Anna Jones"))));
    QVERIFY_OK(cases.create(minimalCase(QStringLiteral("Ben Carter"))));
    // The sequence falls behind the cases on file (as after an import): the next number skips the taken ones.
    QVERIFY_OK(m_firm->paralegal().connection().exec("UPDATE case_sequences SET next = 1"));
    auto third = cases.create(minimalCase(QStringLiteral("Cara Doyle")));
    QVERIFY_OK(third);
    QCOMPARE(third->reference, QStringLiteral("CD-2026-0003"));
}

void CaseServiceTest::referencePrefixRules()
{
    CaseService supervisor(m_firm->supervisor());
    CaseService paralegal(m_firm->paralegal());
    CaseService solicitor(m_firm->solicitor());
    QCOMPARE_ERROR(supervisor.setReferencePrefix(QStringLiteral("bbk")), ErrorCode::InvalidInput);
    QCOMPARE_ERROR(supervisor.setReferencePrefix(QStringLiteral("B")), ErrorCode::InvalidInput);
    QCOMPARE_ERROR(supervisor.setReferencePrefix(QStringLiteral("BBK-1")), ErrorCode::InvalidInput);
    QCOMPARE_ERROR(supervisor.setReferencePrefix(QStringLiteral("TOOLONG")), ErrorCode::InvalidInput);
    QCOMPARE_ERROR(paralegal.setReferencePrefix(QStringLiteral("PAT")), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(solicitor.setReferencePrefix(QStringLiteral("SOL")), ErrorCode::PermissionDenied);
    QCOMPARE(paralegal.referencePrefix(), QStringLiteral("CD"));
    QVERIFY_OK(supervisor.setReferencePrefix(QStringLiteral("KELL")));
    auto created = paralegal.create(minimalCase(QStringLiteral("Anna Jones")));
    QVERIFY_OK(created);
    QCOMPARE(created->reference, QStringLiteral("KELL-2026-0001"));
}

void CaseServiceTest::createAndLoadKeepEveryField()
{
    NewCase input;
    Client& c = input.client;
    c.fullName = QStringLiteral("Catherine Ann Walsh");
    c.preferredName = QStringLiteral("Kate");
    c.formerNames = QStringList {QStringLiteral("Catherine Byrne"), QStringLiteral("Kate Doyle")};
    c.dateOfBirth = QDate(1990, 3, 14);
    c.dateOfBirthVerified = true;
    c.pronouns = QStringLiteral("she/her");
    c.phone = QStringLiteral("07700 900123");
    c.email = QStringLiteral("kate@example.org");
    c.address = QStringLiteral("Flat 2, 10 Mill Lane, Leeds LS1 4AB");
    c.safeContact.phone = true;
    c.safeContact.voicemail = false;
    c.safeContact.text = true;
    c.safeContact.email = false;
    c.safeContact.post = false;
    c.safeContact.neverWriteTo = QStringList {QStringLiteral("14 Old Road, Bradford BD7 1AA")};
    c.safeContact.codeWord = QStringLiteral("bluebell");
    c.safeContact.timesToAvoid = QStringLiteral("after 5pm on weekdays");
    c.safeContact.whoAtHomeKnows = QStringLiteral("her sister only");
    c.preferredCaseworkerGender = QStringLiteral("female");
    c.communicationNeeds = QStringLiteral("short sessions, breaks");
    c.interpreterLanguage = QStringLiteral("Polish");
    c.capacityConcern = true;
    c.litigationFriend = QStringLiteral("Mary Walsh");
    input.feeEarner = QStringLiteral("SOL");  // usernames are case-insensitive
    input.supervisor = QStringLiteral("sam");
    input.limbs = {ClaimLimb::AgainstAbuser, ClaimLimb::VicariousLiability, ClaimLimb::Cica};
    input.funding = Funding::Cfa;
    input.account = QStringLiteral("It started the winter I turned nine.");
    input.safeguarding.suicidalThoughts = SuicidalThoughts::Passive;
    input.safeguarding.plan = false;
    input.safeguarding.currentAbuse = false;
    input.consent.processingForClaim = true;
    input.consent.contact = true;

    Incident later;
    later.start = QDate(2002, 9, 1);
    later.startPrecision = DatePrecision::Month;
    later.end = QDate(2003, 1, 1);
    later.endPrecision = DatePrecision::Year;
    later.abuseTypes = QStringList {QStringLiteral("physical")};
    later.perpetrators = QStringList {QStringLiteral("Gerald Fenwick")};
    later.institutions = QStringList {QStringLiteral("St Mary's Children's Home")};
    later.location = QStringLiteral("Belfast");
    later.region = Region::NorthernIreland;
    later.reportedToPolice = true;
    later.policeReportDate = QDate(2019, 6, 3);
    later.policeForce = QStringLiteral("PSNI");
    later.crimeReference = QStringLiteral("CR-2019-4471");
    later.prosecutionStatus = QStringLiteral("no further action");
    Incident earlier;
    earlier.start = QDate(1999, 1, 1);
    earlier.startPrecision = DatePrecision::Approximate;
    earlier.abuseTypes = QStringList {QStringLiteral("sexual"), QStringLiteral("emotional")};
    earlier.perpetrators = QStringList {QStringLiteral("Gerald Fenwick")};
    earlier.region = Region::Scotland;
    input.incidents = {later, earlier};  // stored in any order, loaded by start date

    CaseParty abuser;
    abuser.party.kind = PartyKind::Person;
    abuser.party.name = QStringLiteral("Gerald Fenwick");
    abuser.party.aliases = QStringList {QStringLiteral("Gerry Fenn")};
    abuser.role = PartyRole::Abuser;
    CaseParty home;
    home.party.kind = PartyKind::Organisation;
    home.party.name = QStringLiteral("St Mary's Children's Home");
    home.role = PartyRole::Institution;
    input.parties = {home, abuser};

    CaseService paralegal(m_firm->paralegal());
    auto created = paralegal.create(input);
    QVERIFY_OK(created);

    // Loaded by another user in another session, and by reference in any case.
    CaseService solicitor(m_firm->solicitor());
    auto loaded = solicitor.loadByReference(created->reference.toLower());
    QVERIFY_OK(loaded);
    const CaseRecord& r = *loaded;
    QCOMPARE(r.id, created->id);
    QCOMPARE(r.reference, QStringLiteral("CD-2026-0001"));
    QCOMPARE(r.feeEarner, QStringLiteral("sol"));
    QCOMPARE(r.supervisor, QStringLiteral("sam"));
    QCOMPARE(r.stage, Stage::Enquiry);
    QVERIFY(r.limbs == input.limbs);
    QCOMPARE(r.funding, Funding::Cfa);
    QCOMPARE(r.openedOn, test::TestFirm::today());
    QVERIFY(!r.closedOn.isValid());
    QCOMPARE(r.restricted, false);
    QCOMPARE(r.hasAccount, true);
    QCOMPARE(r.version, 1);
    QCOMPARE(r.updatedBy, QStringLiteral("pat"));
    QCOMPARE(r.updatedAtUtc, test::TestFirm::startTime());
    QCOMPARE(r.safeguardingAlert, false);  // passive thoughts alone are not a serious risk
    QCOMPARE(r.safeguarding.suicidalThoughts, SuicidalThoughts::Passive);
    QVERIFY(r.safeguarding.plan == std::optional<bool>(false));
    QVERIFY(!r.safeguarding.selfHarm.has_value());  // not asked stays unknown, not "no"
    QCOMPARE(r.safeguarding.askedBy, QStringLiteral("pat"));
    QCOMPARE(r.consent.processingForClaim, true);
    QCOMPARE(r.consent.contact, true);
    QCOMPARE(r.consent.recordedBy, QStringLiteral("pat"));
    QCOMPARE(r.consent.recordedAtUtc, test::TestFirm::startTime());

    const Client& k = r.client;
    QVERIFY(k.id > 0);
    QCOMPARE(k.fullName, c.fullName);
    QCOMPARE(k.preferredName, c.preferredName);
    QCOMPARE(k.nameToUse(), QStringLiteral("Kate"));
    QCOMPARE(k.initials(), QStringLiteral("C.A.W."));
    QCOMPARE(k.formerNames, c.formerNames);
    QCOMPARE(k.dateOfBirth, c.dateOfBirth);
    QCOMPARE(k.dateOfBirthVerified, true);
    QCOMPARE(k.pronouns, c.pronouns);
    QCOMPARE(k.phone, c.phone);
    QCOMPARE(k.email, c.email);
    QCOMPARE(k.address, c.address);
    QCOMPARE(k.safeContact.phone, true);
    QCOMPARE(k.safeContact.voicemail, false);
    QCOMPARE(k.safeContact.text, true);
    QCOMPARE(k.safeContact.email, false);
    QCOMPARE(k.safeContact.post, false);
    QCOMPARE(k.safeContact.neverWriteTo, c.safeContact.neverWriteTo);
    QCOMPARE(k.safeContact.codeWord, c.safeContact.codeWord);
    QCOMPARE(k.safeContact.timesToAvoid, c.safeContact.timesToAvoid);
    QCOMPARE(k.safeContact.whoAtHomeKnows, c.safeContact.whoAtHomeKnows);
    QCOMPARE(k.preferredCaseworkerGender, c.preferredCaseworkerGender);
    QCOMPARE(k.communicationNeeds, c.communicationNeeds);
    QCOMPARE(k.interpreterLanguage, c.interpreterLanguage);
    QCOMPARE(k.capacityConcern, true);
    QCOMPARE(k.litigationFriend, c.litigationFriend);

    QCOMPARE(r.incidents.size(), std::size_t {2});
    const Incident& i0 = r.incidents[0];
    QCOMPARE(i0.start, earlier.start);
    QCOMPARE(i0.startPrecision, DatePrecision::Approximate);
    QVERIFY(!i0.end.isValid());
    QCOMPARE(i0.abuseTypes, earlier.abuseTypes);
    QCOMPARE(i0.region, Region::Scotland);
    QCOMPARE(i0.reportedToPolice, false);
    QCOMPARE(i0.earliestStart(), QDate(1998, 1, 1));  // "around 1999" could mean 1998
    QCOMPARE(i0.ageAtStart(k.dateOfBirth), 7);
    const Incident& i1 = r.incidents[1];
    QCOMPARE(i1.start, later.start);
    QCOMPARE(i1.startPrecision, DatePrecision::Month);
    QCOMPARE(i1.end, later.end);
    QCOMPARE(i1.endPrecision, DatePrecision::Year);
    QCOMPARE(i1.latestEnd(), QDate(2003, 12, 31));
    QCOMPARE(i1.abuseTypes, later.abuseTypes);
    QCOMPARE(i1.perpetrators, later.perpetrators);
    QCOMPARE(i1.institutions, later.institutions);
    QCOMPARE(i1.location, later.location);
    QCOMPARE(i1.region, Region::NorthernIreland);
    QCOMPARE(i1.reportedToPolice, true);
    QCOMPARE(i1.policeReportDate, later.policeReportDate);
    QCOMPARE(i1.policeForce, later.policeForce);
    QCOMPARE(i1.crimeReference, later.crimeReference);
    QCOMPARE(i1.prosecutionStatus, later.prosecutionStatus);
    QCOMPARE(i1.ageAtStart(k.dateOfBirth), 12);

    QCOMPARE(r.parties.size(), std::size_t {2});
    QCOMPARE(r.parties[0].role, PartyRole::Abuser);
    QCOMPARE(r.parties[0].party.kind, PartyKind::Person);
    QCOMPARE(r.parties[0].party.name, QStringLiteral("Gerald Fenwick"));
    QCOMPARE(r.parties[0].party.aliases, QStringList {QStringLiteral("Gerry Fenn")});
    QCOMPARE(r.parties[1].role, PartyRole::Institution);
    QCOMPARE(r.parties[1].party.kind, PartyKind::Organisation);
    QCOMPARE(r.parties[1].party.name, QStringLiteral("St Mary's Children's Home"));

    // What create() returned is what load() reads.
    QCOMPARE(created->client.safeContact.codeWord, k.safeContact.codeWord);
    QCOMPARE(created->incidents.size(), r.incidents.size());

    auto creates = auditOf(m_firm->paralegal(), QStringLiteral("case.create"));
    QCOMPARE(creates.size(), std::size_t {1});
    QCOMPARE(creates[0].username, QStringLiteral("pat"));
    QCOMPARE(creates[0].entity, QStringLiteral("case"));
    QCOMPARE(creates[0].entityId, r.reference);
    QCOMPARE(creates[0].summary.value(QStringLiteral("incidents")).toInt(), 2);
    QCOMPARE(creates[0].summary.value(QStringLiteral("feeEarner")).toString(), QStringLiteral("sol"));
    // The audit log never holds the account, a name or the code word.
    const QByteArray summary = QJsonDocument(creates[0].summary).toJson();
    QVERIFY(!summary.contains("winter"));
    QVERIFY(!summary.contains("Walsh"));
    QVERIFY(!summary.contains("bluebell"));
}

void CaseServiceTest::aPartyIsSharedAcrossCasesAndGathersAliases()
{
    CaseService cases(m_firm->paralegal());
    NewCase first = minimalCase(QStringLiteral("Anna Jones"));
    first.parties = {CaseParty {Party {0, PartyKind::Person, QStringLiteral("Derek Hale"), {QStringLiteral("Del")}},
                                PartyRole::Abuser}};
    NewCase second = minimalCase(QStringLiteral("Ben Carter"));
    second.parties = {
        CaseParty {
            Party {
                0, PartyKind::Person, QStringLiteral("derek hale"), {QStringLiteral("D. Hale"), QStringLiteral("del")}},
            PartyRole::Abuser},
        CaseParty {Party {0, PartyKind::Organisation, QStringLiteral("Derek Hale"), {}}, PartyRole::Employer},
    };
    auto a = cases.create(first);
    QVERIFY_OK(a);
    auto b = cases.create(second);
    QVERIFY_OK(b);
    QCOMPARE(rowCount(m_firm->paralegal(), "SELECT count(*) FROM parties"),
             qint64 {2});  // one person, one organisation
    auto reloaded = cases.load(a->id);
    QVERIFY_OK(reloaded);
    QCOMPARE(reloaded->parties.size(), std::size_t {1});
    QCOMPARE(reloaded->parties[0].party.id, b->parties[0].party.id);
    QCOMPARE(reloaded->parties[0].party.aliases, (QStringList {QStringLiteral("Del"), QStringLiteral("D. Hale")}));
}

void CaseServiceTest::createRefusesInvalidInputAndWritesNothing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QDate>("dateOfBirth");
    QTest::addColumn<QDate>("incidentStart");
    QTest::addColumn<QDate>("incidentEnd");
    QTest::addColumn<QString>("feeEarner");
    QTest::addColumn<QString>("messagePart");

    const QDate today = test::TestFirm::today();
    const QString name = QStringLiteral("Anna Jones");
    const QDate dob(1990, 1, 15);
    QTest::addRow("date of birth tomorrow is in the future")
        << name << today.addDays(1) << QDate() << QDate() << QString() << QStringLiteral("in the future");
    QTest::addRow("incident ends the day before it starts")
        << name << dob << QDate(2004, 5, 1) << QDate(2004, 4, 30) << QString() << QStringLiteral("before it starts");
    QTest::addRow("empty name") << QString() << dob << QDate() << QDate() << QString() << QStringLiteral("full name");
    QTest::addRow("name of spaces only") << QStringLiteral("   ") << dob << QDate() << QDate() << QString()
                                         << QStringLiteral("full name");
    QTest::addRow("incident starts in the future")
        << name << dob << today.addDays(3) << QDate() << QString() << QStringLiteral("starts in the future");
    QTest::addRow("incident before the client was born") << name << dob << QDate(1989, 6, 1) << QDate(1989, 7, 1)
                                                         << QString() << QStringLiteral("before the client was born");
    QTest::addRow("fee earner who is not a user") << name << dob << QDate() << QDate() << QStringLiteral("nobody")
                                                  << QStringLiteral("no active user called nobody");
}

void CaseServiceTest::createRefusesInvalidInputAndWritesNothing()
{
    QFETCH(QString, name);
    QFETCH(QDate, dateOfBirth);
    QFETCH(QDate, incidentStart);
    QFETCH(QDate, incidentEnd);
    QFETCH(QString, feeEarner);
    QFETCH(QString, messagePart);

    NewCase input = minimalCase(name);
    input.client.dateOfBirth = dateOfBirth;
    if (!feeEarner.isEmpty()) {
        input.feeEarner = feeEarner;
    }
    if (incidentStart.isValid()) {
        Incident i;
        i.start = incidentStart;
        i.end = incidentEnd;
        input.incidents.push_back(i);
    }
    input.account = QStringLiteral("an account");
    input.askLater = QStringList {QStringLiteral("a question")};
    Vault& vault = m_firm->paralegal();
    const qint64 auditBefore = auditCount(vault);
    CaseService cases(vault);
    auto created = cases.create(input);
    QCOMPARE_ERROR(created, ErrorCode::InvalidInput);
    QVERIFY2(created.error().message.contains(messagePart), qPrintable(created.error().message));
    for (const char* sql :
         {"SELECT count(*) FROM cases", "SELECT count(*) FROM clients", "SELECT count(*) FROM incidents",
          "SELECT count(*) FROM tasks", "SELECT count(*) FROM case_sequences", "SELECT count(*) FROM case_search"}) {
        QCOMPARE(rowCount(vault, sql), qint64 {0});
    }
    QCOMPARE(auditCount(vault), auditBefore);
    // Nothing half-done blocks the next, valid, case from taking the first number.
    auto valid = cases.create(minimalCase(QStringLiteral("Anna Jones")));
    QVERIFY_OK(valid);
    QCOMPARE(valid->reference, QStringLiteral("CD-2026-0001"));
}

void CaseServiceTest::saveRefusesInvalidInputAndKeepsTheStoredCase()
{
    CaseService cases(m_firm->solicitor());
    auto created = cases.create(minimalCase(QStringLiteral("Anna Jones")));
    QVERIFY_OK(created);

    CaseRecord futureDob = *created;
    futureDob.client.dateOfBirth = test::TestFirm::today().addDays(1);
    QCOMPARE_ERROR(cases.save(futureDob), ErrorCode::InvalidInput);
    CaseRecord backwards = *created;
    Incident i;
    i.start = QDate(2004, 5, 1);
    i.end = QDate(2004, 4, 30);
    backwards.incidents.push_back(i);
    QCOMPARE_ERROR(cases.save(backwards), ErrorCode::InvalidInput);
    CaseRecord noName = *created;
    noName.client.fullName.clear();
    QCOMPARE_ERROR(cases.save(noName), ErrorCode::InvalidInput);
    CaseRecord closedEarly = *created;
    closedEarly.closedOn = created->openedOn.addDays(-1);
    QCOMPARE_ERROR(cases.save(closedEarly), ErrorCode::InvalidInput);
    CaseRecord negative = *created;
    negative.damagesEstimatePence = -1;
    QCOMPARE_ERROR(cases.save(negative), ErrorCode::InvalidInput);

    auto stored = cases.load(created->id);
    QVERIFY_OK(stored);
    QCOMPARE(stored->version, 1);
    QCOMPARE(stored->client.fullName, QStringLiteral("Anna Jones"));
    QCOMPARE(stored->client.dateOfBirth, QDate(1990, 1, 15));
    QVERIFY(stored->incidents.empty());
    QVERIFY(auditOf(m_firm->solicitor(), QStringLiteral("case.update")).empty());
}

void CaseServiceTest::loadOfAMissingCaseIsNotFound()
{
    CaseService cases(m_firm->solicitor());
    QCOMPARE_ERROR(cases.load(4242), ErrorCode::NotFound);
    QCOMPARE_ERROR(cases.loadByReference(QStringLiteral("CD-1999-0001")), ErrorCode::NotFound);
    QCOMPARE_ERROR(cases.revealAccount(4242), ErrorCode::NotFound);
}

void CaseServiceTest::concurrentSaveNamesWhoSavedAndKeepsMineOnRequest()
{
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    input.supervisor = QStringLiteral("sam");
    CaseService solicitor(m_firm->solicitor());
    CaseService paralegal(m_firm->paralegal());
    auto created = solicitor.create(input);
    QVERIFY_OK(created);

    auto solsCopy = solicitor.load(created->id);
    auto patsCopy = paralegal.load(created->id);
    QVERIFY_OK(solsCopy);
    QVERIFY_OK(patsCopy);

    m_firm->clock().advanceSeconds(300);
    const QDateTime solSavedAt = m_firm->clock().nowUtc();
    CaseRecord sols = *solsCopy;
    sols.stage = Stage::Investigation;
    sols.damagesEstimatePence = 2'500'000;
    auto solSaved = solicitor.save(sols);
    QVERIFY_OK(solSaved);
    QCOMPARE(solSaved->version, 2);

    m_firm->clock().advanceSeconds(60);
    CaseRecord mine = *patsCopy;
    mine.stage = Stage::Intake;
    mine.client.phone = QStringLiteral("07700 900456");
    auto lost = paralegal.save(mine);
    QCOMPARE_ERROR(lost, ErrorCode::ConflictingEdit);
    QVERIFY2(lost.error().message.contains(QStringLiteral("Sol Solicitor")), qPrintable(lost.error().message));

    // Nothing of Pat's reached the vault; Sol's save stands.
    auto stored = solicitor.load(created->id);
    QVERIFY_OK(stored);
    QCOMPARE(stored->version, 2);
    QCOMPARE(stored->stage, Stage::Investigation);
    QVERIFY(stored->client.phone.isEmpty());

    auto conflict = paralegal.conflictFor(mine);
    QVERIFY_OK(conflict);
    QCOMPARE(conflict->savedBy, QStringLiteral("Sol Solicitor"));
    QCOMPARE(conflict->savedAtUtc, solSavedAt);
    QCOMPARE(conflict->theirs.version, 2);
    QCOMPARE(conflict->theirs.stage, Stage::Investigation);
    QCOMPARE(conflict->theirs.damagesEstimatePence, qint64 {2'500'000});
    QCOMPARE(mine.client.phone, QStringLiteral("07700 900456"));  // what Pat typed is untouched

    // Pat chooses to keep hers.
    mine.version = conflict->theirs.version;
    auto kept = paralegal.save(mine);
    QVERIFY_OK(kept);
    QCOMPARE(kept->version, 3);
    QCOMPARE(kept->stage, Stage::Intake);
    QCOMPARE(kept->client.phone, QStringLiteral("07700 900456"));
    QCOMPARE(kept->damagesEstimatePence, qint64 {0});
    QCOMPARE(kept->updatedBy, QStringLiteral("pat"));
    auto reread = solicitor.load(created->id);
    QVERIFY_OK(reread);
    QCOMPARE(reread->stage, Stage::Intake);
    QCOMPARE(reread->version, 3);

    // Now Sol's copy is the stale one, and the message names Pat.
    auto stale = solicitor.save(*solSaved);
    QCOMPARE_ERROR(stale, ErrorCode::ConflictingEdit);
    QVERIFY2(stale.error().message.contains(QStringLiteral("Pat Paralegal")), qPrintable(stale.error().message));

    // Only the two saves that happened are audited.
    QCOMPARE(auditOf(m_firm->solicitor(), QStringLiteral("case.update")).size(), std::size_t {2});
}

void CaseServiceTest::saveIsAuditedWithOldAndNewValues()
{
    CaseService cases(m_firm->solicitor());
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    input.supervisor = QStringLiteral("sam");
    input.account = QStringLiteral("ZQX the account must never reach the audit log");
    auto created = cases.create(input);
    QVERIFY_OK(created);

    CaseRecord edited = *created;
    edited.stage = Stage::LetterOfClaim;
    edited.client.fullName = QStringLiteral("Anna Jones-Hart");
    edited.client.safeContact.voicemail = true;
    edited.parties.push_back(
        CaseParty {Party {0, PartyKind::Person, QStringLiteral("Derek Hale"), {}}, PartyRole::Abuser});
    QVERIFY_OK(cases.save(edited));

    CaseService supervisor(m_firm->supervisor());
    auto history = supervisor.history(created->id);
    QVERIFY_OK(history);
    QStringList actions;
    for (const AuditEntry& e : *history) {
        actions << e.action;
        QVERIFY(!QJsonDocument(e.summary).toJson().contains("ZQX"));
    }
    QCOMPARE(actions, (QStringList {QStringLiteral("case.create"), QStringLiteral("case.update")}));
    const AuditEntry& update = history->back();
    QCOMPARE(update.username, QStringLiteral("sol"));
    QCOMPARE(update.summary.value(QStringLiteral("version")).toInt(), 2);
    const QJsonObject changes = update.summary.value(QStringLiteral("changes")).toObject();
    const QJsonObject stage = changes.value(QStringLiteral("stage")).toObject();
    QCOMPARE(stage.value(QStringLiteral("old")).toString(), QStringLiteral("enquiry"));
    QCOMPARE(stage.value(QStringLiteral("new")).toString(), QStringLiteral("letter-of-claim"));
    const QJsonObject name = changes.value(QStringLiteral("client.fullName")).toObject();
    QCOMPARE(name.value(QStringLiteral("old")).toString(), QStringLiteral("Anna Jones"));
    QCOMPARE(name.value(QStringLiteral("new")).toString(), QStringLiteral("Anna Jones-Hart"));
    QVERIFY(changes.contains(QStringLiteral("client.safeContact")));
    QCOMPARE(changes.value(QStringLiteral("parties")).toObject().value(QStringLiteral("new")).toArray(),
             (QJsonArray {QStringLiteral("abuser: Derek Hale")}));
    // Only what changed is listed.
    QVERIFY(!changes.contains(QStringLiteral("funding")));
    QVERIFY(!changes.contains(QStringLiteral("feeEarner")));
    QVERIFY(!changes.contains(QStringLiteral("client.dateOfBirth")));

    // A case's history is for supervisors and admins.
    CaseService paralegal(m_firm->paralegal());
    QCOMPARE_ERROR(paralegal.history(created->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(cases.history(created->id), ErrorCode::PermissionDenied);
    CaseService admin(m_firm->admin());
    auto adminHistory = admin.history(created->id);
    QVERIFY_OK(adminHistory);
    // The two refusals above are part of the case's history too (issue 7: every refusal is audited).
    QCOMPARE(adminHistory->size(), std::size_t {4});
    QCOMPARE((*adminHistory)[2].action, QStringLiteral("permission.denied"));
    QCOMPARE((*adminHistory)[2].username, QStringLiteral("pat"));
    QCOMPARE((*adminHistory)[3].username, QStringLiteral("sol"));
}

void CaseServiceTest::revealingTheAccountIsAudited()
{
    CaseService solicitor(m_firm->solicitor());
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    input.account = QStringLiteral("It started the winter I turned nine.");
    auto created = solicitor.create(input);
    QVERIFY_OK(created);
    auto without = solicitor.create(minimalCase(QStringLiteral("Ben Carter")));
    QVERIFY_OK(without);
    QCOMPARE(created->hasAccount, true);
    QCOMPARE(without->hasAccount, false);

    // Loading and listing never reveal it.
    CaseService paralegal(m_firm->paralegal());
    QVERIFY_OK(paralegal.load(created->id));
    QVERIFY_OK(paralegal.list());
    QVERIFY(auditOf(m_firm->paralegal(), QStringLiteral("case.account.reveal")).empty());

    auto shown = paralegal.revealAccount(created->id);
    QVERIFY_OK(shown);
    QCOMPARE(*shown, input.account);
    auto reveals = auditOf(m_firm->paralegal(), QStringLiteral("case.account.reveal"));
    QCOMPARE(reveals.size(), std::size_t {1});
    QCOMPARE(reveals[0].username, QStringLiteral("pat"));
    QCOMPARE(reveals[0].entityId, created->reference);
    QCOMPARE(reveals[0].atUtc, test::TestFirm::startTime());
    QVERIFY(!QJsonDocument(reveals[0].summary).toJson().contains("winter"));

    // Every reveal is recorded, by whoever makes it.
    QVERIFY_OK(solicitor.revealAccount(created->id));
    reveals = auditOf(m_firm->paralegal(), QStringLiteral("case.account.reveal"));
    QCOMPARE(reveals.size(), std::size_t {2});
    QCOMPARE(reveals[1].username, QStringLiteral("sol"));

    // Replacing the account bumps the version and records only its length.
    auto newVersion = solicitor.setAccount(created->id, QStringLiteral("A corrected account."), created->version);
    QVERIFY_OK(newVersion);
    QCOMPARE(*newVersion, created->version + 1);
    // A second writer still holding the old version is refused, naming who saved; nothing is replaced.
    auto stale = paralegal.setAccount(created->id, QStringLiteral("A stale overwrite."), created->version);
    QCOMPARE_ERROR(stale, ErrorCode::ConflictingEdit);
    QVERIFY(stale.error().message.contains(QStringLiteral("Sol")));
    auto updates = auditOf(m_firm->solicitor(), QStringLiteral("case.account.update"));
    QCOMPARE(updates.size(), std::size_t {1});
    QCOMPARE(updates[0].summary.value(QStringLiteral("length")).toInt(), 20);
    auto reloaded = paralegal.load(created->id);
    QVERIFY_OK(reloaded);
    QCOMPARE(reloaded->version, 2);
    QCOMPARE(*paralegal.revealAccount(created->id), QStringLiteral("A corrected account."));
}

void CaseServiceTest::sensitiveNotesAreListedWithoutTextUntilRevealed()
{
    CaseService cases(m_firm->paralegal());
    auto created = cases.create(minimalCase(QStringLiteral("Anna Jones")));
    QVERIFY_OK(created);
    const QString plain = QStringLiteral("Called the client; mornings suit her best.");
    const QString sensitive = QStringLiteral("Disclosed a further incident at the swimming baths.");
    auto normalNote = cases.addNote(created->id, plain, false);
    QVERIFY_OK(normalNote);
    m_firm->clock().advanceSeconds(60);
    auto sensitiveNote = cases.addNote(created->id, sensitive, true);
    QVERIFY_OK(sensitiveNote);
    QCOMPARE_ERROR(cases.addNote(created->id, QStringLiteral("   "), false), ErrorCode::InvalidInput);

    CaseService solicitor(m_firm->solicitor());
    auto listed = solicitor.notes(created->id);
    QVERIFY_OK(listed);
    QCOMPARE(listed->size(), std::size_t {2});
    const Note& newest = listed->at(0);  // newest first
    QCOMPARE(newest.id, sensitiveNote->id);
    QCOMPARE(newest.sensitive, true);
    QVERIFY(newest.text.isEmpty());
    QCOMPARE(newest.author, QStringLiteral("pat"));
    QCOMPARE(newest.atUtc, test::TestFirm::startTime().addSecs(60));
    const Note& older = listed->at(1);
    QCOMPARE(older.id, normalNote->id);
    QCOMPARE(older.sensitive, false);
    QCOMPARE(older.text, plain);

    // A normal note is not a reveal; a sensitive one is, every time.
    QCOMPARE(*solicitor.revealNote(normalNote->id), plain);
    QVERIFY(auditOf(m_firm->solicitor(), QStringLiteral("case.note.reveal")).empty());
    auto revealed = solicitor.revealNote(sensitiveNote->id);
    QVERIFY_OK(revealed);
    QCOMPARE(*revealed, sensitive);
    auto reveals = auditOf(m_firm->solicitor(), QStringLiteral("case.note.reveal"));
    QCOMPARE(reveals.size(), std::size_t {1});
    QCOMPARE(reveals[0].username, QStringLiteral("sol"));
    QCOMPARE(reveals[0].entityId, created->reference);
    QCOMPARE(reveals[0].summary.value(QStringLiteral("noteId")).toInteger(), sensitiveNote->id);
    QVERIFY(!QJsonDocument(reveals[0].summary).toJson().contains("swimming"));
    // Listing again still hides it: revealing is per request, not a state.
    QVERIFY(solicitor.notes(created->id)->at(0).text.isEmpty());
    QCOMPARE_ERROR(solicitor.revealNote(9999), ErrorCode::NotFound);
}

void CaseServiceTest::seriousRisk_data()
{
    QTest::addColumn<SafeguardingScreen>("screen");
    QTest::addColumn<bool>("serious");
    QTest::addColumn<QString>("reason");

    SafeguardingScreen s;
    QTest::addRow("not asked") << s << false << QString();
    s.suicidalThoughts = SuicidalThoughts::None;
    s.plan = false;
    s.selfHarm = false;
    s.currentAbuse = false;
    s.abuserHasAccessToChildren = false;
    s.abuserInPositionOfTrust = false;
    QTest::addRow("asked, every answer no") << s << false << QString();
    SafeguardingScreen passive = s;
    passive.suicidalThoughts = SuicidalThoughts::Passive;
    QTest::addRow("passive suicidal thoughts alone") << passive << false << QString();
    SafeguardingScreen active = s;
    active.suicidalThoughts = SuicidalThoughts::Active;
    QTest::addRow("active suicidal thoughts") << active << true << QStringLiteral("active suicidal thoughts");
    SafeguardingScreen plan = passive;
    plan.plan = true;
    QTest::addRow("passive thoughts with a plan") << plan << true << QStringLiteral("a plan to end their life");
    SafeguardingScreen selfHarm = s;
    selfHarm.selfHarm = true;
    QTest::addRow("self-harm") << selfHarm << true << QStringLiteral("recent self-harm");
    SafeguardingScreen current = s;
    current.currentAbuse = true;
    QTest::addRow("abuse happening now") << current << true << QStringLiteral("abuse happening now");
    SafeguardingScreen children = s;
    children.abuserHasAccessToChildren = true;
    QTest::addRow("abuser has access to children") << children << true << QStringLiteral("access to children");
    SafeguardingScreen trust = s;
    trust.abuserInPositionOfTrust = true;
    QTest::addRow("abuser in a position of trust") << trust << true << QStringLiteral("position of trust");
    SafeguardingScreen intent = passive;
    intent.intent = true;
    QTest::addRow("passive thoughts with intent to act on them") << intent << true << QStringLiteral("intent");
    SafeguardingScreen withAbuser = s;
    withAbuser.livesNearAbuser = AbuserProximity::SameHome;
    QTest::addRow("living with the abuser") << withAbuser << true << QStringLiteral("living with the abuser");
    SafeguardingScreen nearAbuser = s;
    nearAbuser.livesNearAbuser = AbuserProximity::Near;
    QTest::addRow("living near the abuser, not with them") << nearAbuser << false << QString();
    SafeguardingScreen history = passive;
    history.accessToMeans = true;
    history.pastAttempts = true;
    history.abuserAlive = true;
    history.abuserWhereaboutsKnown = true;
    history.abuserConvicted = true;
    history.abuserUnderInvestigation = true;
    history.abuserSubjectToNotification = true;
    history.institutionStillOperating = true;
    QTest::addRow("passive thoughts, means, past attempts and the abuser's history, nothing current")
        << history << false << QString();
}

void CaseServiceTest::seriousRisk()
{
    QFETCH(SafeguardingScreen, screen);
    QFETCH(bool, serious);
    QFETCH(QString, reason);
    QCOMPARE(screen.seriousRisk(), serious);
    QCOMPARE(screen.seriousRiskReasons().isEmpty(), !serious);
    if (serious) {
        QVERIFY(screen.seriousRiskReasons().join(QLatin1Char(' ')).contains(reason));
    }
}

void CaseServiceTest::seriousSafeguardingAnswerRaisesAnUrgentTaskUntilASupervisorActs()
{
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    input.supervisor = QStringLiteral("sam");
    input.safeguarding.suicidalThoughts = SuicidalThoughts::Active;
    input.safeguarding.abuserHasAccessToChildren = true;
    CaseService paralegal(m_firm->paralegal());
    auto created = paralegal.create(input);
    QVERIFY_OK(created);
    QCOMPARE(created->safeguardingAlert, true);
    QCOMPARE(created->safeguarding.askedBy, QStringLiteral("pat"));
    QCOMPARE(created->safeguarding.askedAtUtc, test::TestFirm::startTime());

    auto tasks = paralegal.tasks(created->id);
    QVERIFY_OK(tasks);
    auto urgent = tasksOfKind(*tasks, TaskKind::Safeguarding);
    QCOMPARE(urgent.size(), std::size_t {1});
    QCOMPARE(urgent[0].assignee, QStringLiteral("sam"));
    QCOMPARE(urgent[0].urgent, true);
    QCOMPARE(urgent[0].done, false);
    QCOMPARE(urgent[0].due, test::TestFirm::today());
    QVERIFY(urgent[0].title.contains(QStringLiteral("active suicidal thoughts")));
    QVERIFY(urgent[0].title.contains(QStringLiteral("the abuser has access to children")));
    QCOMPARE(tasks->front().id, urgent[0].id);  // urgent tasks come first

    auto listed = paralegal.list();
    QVERIFY_OK(listed);
    QVERIFY(summaryOf(*listed, created->id) != nullptr);
    QCOMPARE(summaryOf(*listed, created->id)->safeguardingAlert, true);

    // Ticking the task off is not how the alert ends.
    QCOMPARE_ERROR(paralegal.setTaskDone(urgent[0].id, true), ErrorCode::InvalidInput);
    // Only a supervisor records the action taken.
    CaseService solicitor(m_firm->solicitor());
    const SafeguardingAction action = actionTaken(QStringLiteral("Spoke with the client and the duty safeguarding "
                                                                 "lead; GP informed; police referral made."));
    QCOMPARE_ERROR(paralegal.recordSafeguardingAction(created->id, action), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(solicitor.recordSafeguardingAction(created->id, action), ErrorCode::PermissionDenied);
    CaseService supervisor(m_firm->supervisor());
    QCOMPARE_ERROR(supervisor.recordSafeguardingAction(created->id, actionTaken(QStringLiteral("done"))),
                   ErrorCode::InvalidInput);
    auto still = paralegal.load(created->id);
    QVERIFY_OK(still);
    QCOMPARE(still->safeguardingAlert, true);
    QVERIFY(still->safeguardingAction.isEmpty());

    m_firm->clock().advanceSeconds(3600);
    auto newVersion = supervisor.recordSafeguardingAction(created->id, action);
    QVERIFY_OK(newVersion);
    auto after = paralegal.load(created->id);
    QVERIFY_OK(after);
    QCOMPARE(after->safeguardingAlert, false);
    QCOMPARE(after->safeguardingAction, action.actionTaken);
    QCOMPARE(*newVersion, after->version);
    QCOMPARE(after->version, created->version + 1);
    QCOMPARE(after->updatedBy, QStringLiteral("sam"));
    auto closed = tasksOfKind(*paralegal.tasks(created->id), TaskKind::Safeguarding);
    QCOMPARE(closed.size(), std::size_t {1});
    QCOMPARE(closed[0].done, true);
    QCOMPARE(summaryOf(*paralegal.list(), created->id)->safeguardingAlert, false);
    auto logged = auditOf(m_firm->supervisor(), QStringLiteral("case.safeguarding.action"));
    QCOMPARE(logged.size(), std::size_t {1});
    QCOMPARE(logged[0].username, QStringLiteral("sam"));
    QCOMPARE(logged[0].entityId, created->reference);
}

void CaseServiceTest::safeguardingTaskGoesToTheFeeEarnerWhenThereIsNoSupervisor()
{
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    input.safeguarding.selfHarm = true;
    CaseService paralegal(m_firm->paralegal());
    auto created = paralegal.create(input);
    QVERIFY_OK(created);
    QCOMPARE(created->safeguardingAlert, true);
    auto urgent = tasksOfKind(*paralegal.tasks(created->id), TaskKind::Safeguarding);
    QCOMPARE(urgent.size(), std::size_t {1});
    QCOMPARE(urgent[0].assignee, QStringLiteral("sol"));
    QVERIFY(urgent[0].title.contains(QStringLiteral("recent self-harm")));
}

void CaseServiceTest::unscreenedCaseGetsATaskToCompleteTheScreen()
{
    CaseService paralegal(m_firm->paralegal());
    NewCase unscreened = minimalCase(QStringLiteral("Anna Jones"));
    unscreened.safeguarding = {};
    auto a = paralegal.create(unscreened);
    QVERIFY_OK(a);
    QCOMPARE(a->safeguardingAlert, false);
    auto screenTasks = tasksOfKind(*paralegal.tasks(a->id), TaskKind::Safeguarding);
    QCOMPARE(screenTasks.size(), std::size_t {1});
    QCOMPARE(screenTasks[0].urgent, false);
    QCOMPARE(screenTasks[0].assignee, QStringLiteral("sol"));
    QVERIFY(screenTasks[0].title.contains(QStringLiteral("safeguarding screen")));
    QVERIFY_OK(paralegal.setTaskDone(screenTasks[0].id, true));  // no alert: an ordinary task
    QCOMPARE(tasksOfKind(*paralegal.tasks(a->id), TaskKind::Safeguarding)[0].done, true);

    // Screened with no risk: no safeguarding task at all.
    auto b = paralegal.create(minimalCase(QStringLiteral("Ben Carter")));
    QVERIFY_OK(b);
    QVERIFY(paralegal.tasks(b->id)->empty());
}

void CaseServiceTest::askLaterQuestionsBecomeFollowUpTasks()
{
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    input.askLater = QStringList {QStringLiteral("When did it stop?"), QStringLiteral("Did anyone else know?")};
    CaseService paralegal(m_firm->paralegal());
    auto created = paralegal.create(input);
    QVERIFY_OK(created);
    QCOMPARE(created->safeguarding.skipped, input.askLater);
    auto tasks = paralegal.tasks(created->id);
    QVERIFY_OK(tasks);
    auto later = tasksOfKind(*tasks, TaskKind::AskLater);
    QCOMPARE(later.size(), std::size_t {2});
    QStringList titles;
    for (const Task& t : later) {
        QCOMPARE(t.assignee, QStringLiteral("sol"));
        QCOMPARE(t.due, test::TestFirm::today().addDays(7));
        QCOMPARE(t.createdBy, QStringLiteral("pat"));
        QCOMPARE(t.urgent, false);
        titles << t.title;
    }
    QVERIFY(titles.join(QLatin1Char('\n')).contains(QStringLiteral("When did it stop?")));
    QVERIFY(titles.join(QLatin1Char('\n')).contains(QStringLiteral("Did anyone else know?")));
    QCOMPARE(auditOf(m_firm->paralegal(), QStringLiteral("case.create"))[0]
                 .summary.value(QStringLiteral("askLater"))
                 .toInt(),
             2);
}

void CaseServiceTest::safeguardingScreenKeepsEveryAnswer()
{
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    SafeguardingScreen& s = input.safeguarding;
    s.askedBy = QStringLiteral("Jo, the duty paralegal");
    s.askedAtUtc = test::TestFirm::startTime().addDays(-1);
    s.suicidalThoughts = SuicidalThoughts::Passive;
    s.plan = false;
    s.intent = false;
    s.accessToMeans = true;
    s.pastAttempts = true;
    s.selfHarm = false;
    s.currentAbuse = false;
    s.livesNearAbuser = AbuserProximity::Near;
    s.support = {SupportKind::Gp, SupportKind::Isva};
    s.supportLastContact = QStringLiteral("Saw her GP last Tuesday");
    s.crisisLineGiven = true;
    s.abuserHasAccessToChildren = false;
    s.abuserInPositionOfTrust = false;
    s.abuserAlive = true;
    s.abuserWhereaboutsKnown = false;
    s.abuserConvicted = false;
    s.abuserUnderInvestigation = true;
    s.abuserSubjectToNotification = false;
    s.otherVictimsNamed = true;
    s.clientChildrenAtRisk = false;
    s.institutionStillOperating = true;
    CaseService paralegal(m_firm->paralegal());
    auto created = paralegal.create(input);
    QVERIFY_OK(created);
    auto loaded = paralegal.load(created->id);
    QVERIFY_OK(loaded);
    const SafeguardingScreen& l = loaded->safeguarding;
    QCOMPARE(l.askedBy, s.askedBy);  // who asked and when, as the intake recorded them
    QCOMPARE(l.askedAtUtc, s.askedAtUtc);
    QCOMPARE(l.suicidalThoughts, SuicidalThoughts::Passive);
    QCOMPARE(l.plan, std::optional<bool>(false));
    QCOMPARE(l.intent, std::optional<bool>(false));
    QCOMPARE(l.accessToMeans, std::optional<bool>(true));
    QCOMPARE(l.pastAttempts, std::optional<bool>(true));
    QCOMPARE(l.livesNearAbuser, AbuserProximity::Near);
    QVERIFY(l.support == s.support);
    QCOMPARE(l.supportLastContact, s.supportLastContact);
    QCOMPARE(l.crisisLineGiven, true);
    QCOMPARE(l.abuserAlive, std::optional<bool>(true));
    QCOMPARE(l.abuserWhereaboutsKnown, std::optional<bool>(false));
    QCOMPARE(l.abuserConvicted, std::optional<bool>(false));
    QCOMPARE(l.abuserUnderInvestigation, std::optional<bool>(true));
    QCOMPARE(l.abuserSubjectToNotification, std::optional<bool>(false));
    QCOMPARE(l.otherVictimsNamed, std::optional<bool>(true));
    QCOMPARE(l.clientChildrenAtRisk, std::optional<bool>(false));
    QCOMPARE(l.institutionStillOperating, std::optional<bool>(true));
    QCOMPARE(loaded->safeguardingAlert, false);  // nothing serious among them

    // Unanswered questions stay unanswered ("not asked"), and an answered screen without a name is the recorder's.
    NewCase partial = minimalCase(QStringLiteral("Ben Carter"));
    partial.safeguarding = {};
    partial.safeguarding.livesNearAbuser = AbuserProximity::SameHome;
    auto second = paralegal.create(partial);
    QVERIFY_OK(second);
    QCOMPARE(second->safeguarding.askedBy, QStringLiteral("pat"));
    QCOMPARE(second->safeguarding.askedAtUtc, test::TestFirm::startTime());
    QCOMPARE(second->safeguarding.intent, std::optional<bool>());
    QCOMPARE(second->safeguarding.abuserAlive, std::optional<bool>());
    QCOMPARE(second->safeguardingAlert, true);  // living with the abuser is a serious risk
    auto urgent = tasksOfKind(*paralegal.tasks(second->id), TaskKind::Safeguarding);
    QVERIFY(!urgent.empty());
    QVERIFY(urgent[0].urgent);
    QVERIFY(urgent[0].title.contains(QStringLiteral("living with the abuser")));
}

void CaseServiceTest::safeguardingActionRecordsTheLeadReferralsConsentAndAReview()
{
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    input.supervisor = QStringLiteral("sam");
    input.safeguarding.abuserHasAccessToChildren = true;
    auto created = CaseService(m_firm->paralegal()).create(input);
    QVERIFY_OK(created);
    SafeguardingAction action;
    action.actionTaken = QStringLiteral("Discussed with the safeguarding lead; LADO referral made today.");
    action.leadConsulted = QStringLiteral("Dana Lead");
    action.leadConsultedOn = test::TestFirm::today();
    action.referrals = {Referral::Lado, Referral::Police};
    action.consent = ReferralConsent::WithoutConsent;
    action.withoutConsentReason = QStringLiteral("To protect children he coaches from serious harm.");
    action.privilegeChecked = true;
    action.outcome = QStringLiteral("LADO opened a strategy meeting.");
    action.reviewOn = test::TestFirm::today().addDays(14);
    CaseService supervisor(m_firm->supervisor());
    auto version = supervisor.recordSafeguardingAction(created->id, action);
    QVERIFY_OK(version);

    auto loaded = supervisor.load(created->id);
    QVERIFY_OK(loaded);
    const SafeguardingAction& a = loaded->safeguardingActionRecord;
    QCOMPARE(a.actionTaken, action.actionTaken);
    QCOMPARE(loaded->safeguardingAction, action.actionTaken);
    QCOMPARE(a.leadConsulted, action.leadConsulted);
    QCOMPARE(a.leadConsultedOn, action.leadConsultedOn);
    QVERIFY(a.referrals == action.referrals);
    QCOMPARE(a.consent, ReferralConsent::WithoutConsent);
    QCOMPARE(a.withoutConsentReason, action.withoutConsentReason);
    QCOMPARE(a.privilegeChecked, true);
    QCOMPARE(a.outcome, action.outcome);
    QCOMPARE(a.reviewOn, action.reviewOn);
    QCOMPARE(a.recordedBy, QStringLiteral("sam"));
    QCOMPARE(a.recordedAtUtc, test::TestFirm::startTime());

    // The review date becomes an open task for the supervisor; the urgent task is closed.
    auto tasks = supervisor.tasks(created->id);
    QVERIFY_OK(tasks);
    const auto review = std::find_if(tasks->begin(), tasks->end(), [](const Task& t) {
        return t.title.startsWith(QStringLiteral("Safeguarding review"));
    });
    QVERIFY(review != tasks->end());
    QCOMPARE(review->due, action.reviewOn);
    QCOMPARE(review->assignee, QStringLiteral("sam"));
    QCOMPARE(review->done, false);
    for (const Task& t : tasksOfKind(*tasks, TaskKind::Safeguarding)) {
        QVERIFY(t.done);
    }
    auto logged = auditOf(m_firm->supervisor(), QStringLiteral("case.safeguarding.action"));
    QCOMPARE(logged.size(), std::size_t {1});
    QCOMPARE(logged[0].summary.value(QStringLiteral("referrals")).toArray().size(), 2);
    QCOMPARE(logged[0].summary.value(QStringLiteral("consent")).toString(), QStringLiteral("without-consent"));
    QCOMPARE(logged[0].summary.value(QStringLiteral("version")).toInt(), *version);
}

void CaseServiceTest::safeguardingActionRefusesAnIncompleteRecord_data()
{
    QTest::addColumn<SafeguardingAction>("action");
    QTest::addColumn<QString>("explains");

    SafeguardingAction base;
    base.actionTaken = QStringLiteral("Spoke with the client and the safeguarding lead.");
    SafeguardingAction a = base;
    a.referrals = {Referral::ChildrensSocialCare};
    QTest::addRow("a referral without saying whether the client consented") << a << QStringLiteral("consented");
    a.consent = ReferralConsent::WithoutConsent;
    QTest::addRow("disclosed without consent, no reason given") << a << QStringLiteral("reason");
    a = base;
    a.reviewOn = test::TestFirm::today().addDays(-1);
    QTest::addRow("review date yesterday") << a << QStringLiteral("review date");
    a = base;
    a.leadConsulted = QStringLiteral("Dana Lead");
    a.leadConsultedOn = test::TestFirm::today().addDays(1);
    QTest::addRow("lead consulted tomorrow") << a << QStringLiteral("in the future");
    a = base;
    a.actionTaken = QStringLiteral("done");
    QTest::addRow("action taken too short to say anything") << a << QStringLiteral("Describe the action taken");
}

void CaseServiceTest::safeguardingActionRefusesAnIncompleteRecord()
{
    QFETCH(SafeguardingAction, action);
    QFETCH(QString, explains);
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    input.safeguarding.currentAbuse = true;
    auto created = CaseService(m_firm->paralegal()).create(input);
    QVERIFY_OK(created);
    const qint64 auditBefore = auditCount(m_firm->supervisor());
    const qint64 tasksBefore = rowCount(m_firm->supervisor(), "SELECT count(*) FROM tasks");
    auto refused = CaseService(m_firm->supervisor()).recordSafeguardingAction(created->id, action);
    QCOMPARE_ERROR(refused, ErrorCode::InvalidInput);
    QVERIFY2(refused.error().message.contains(explains), qPrintable(refused.error().message));
    auto still = CaseService(m_firm->supervisor()).load(created->id);
    QVERIFY_OK(still);
    QCOMPARE(still->safeguardingAlert, true);
    QCOMPARE(still->version, created->version);
    QVERIFY(still->safeguardingActionRecord.isEmpty());
    QCOMPARE(auditCount(m_firm->supervisor()), auditBefore);
    QCOMPARE(rowCount(m_firm->supervisor(), "SELECT count(*) FROM tasks"), tasksBefore);
}

void CaseServiceTest::savingAtTheVersionTheActionReturnedIsNotAConflict()
{
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    input.safeguarding.selfHarm = true;
    auto created = CaseService(m_firm->paralegal()).create(input);
    QVERIFY_OK(created);
    CaseService supervisor(m_firm->supervisor());
    CaseRecord editing = *supervisor.load(created->id);  // the supervisor's open case file
    editing.client.pronouns = QStringLiteral("she/her");
    auto version = supervisor.recordSafeguardingAction(
        created->id, actionTaken(QStringLiteral("Called the client; crisis team involved; safe tonight.")));
    QVERIFY_OK(version);
    QCOMPARE(*version, editing.version + 1);
    // The stale version is (rightly) a conflict; at the version the action returned, the edit saves.
    QCOMPARE_ERROR(supervisor.save(editing), ErrorCode::ConflictingEdit);
    editing.version = *version;
    auto saved = supervisor.save(editing);
    QVERIFY_OK(saved);
    QCOMPARE(saved->client.pronouns, QStringLiteral("she/her"));
    QCOMPARE(saved->safeguardingAlert, false);  // the save keeps the action's effect
    QVERIFY(!saved->safeguardingAction.isEmpty());
    QCOMPARE(saved->version, *version + 1);
}

void CaseServiceTest::createOpensTheCaseAtItsStageInOneStep()
{
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    input.stage = Stage::LetterOfClaim;
    CaseService solicitor(m_firm->solicitor());
    auto created = solicitor.create(input);
    QVERIFY_OK(created);
    QCOMPARE(created->stage, Stage::LetterOfClaim);
    QCOMPARE(created->version, 1);  // created at its stage, not created and then saved
    QCOMPARE(auditOf(m_firm->solicitor(), QStringLiteral("case.update")).size(), std::size_t {0});
    const auto logged = auditOf(m_firm->solicitor(), QStringLiteral("case.create"));
    QCOMPARE(logged.size(), std::size_t {1});
    QCOMPARE(logged[0].summary.value(QStringLiteral("stage")).toString(), QStringLiteral("letter-of-claim"));
    QCOMPARE(solicitor.list()->front().stage, Stage::LetterOfClaim);
    // The default is a new enquiry.
    QCOMPARE(solicitor.create(minimalCase(QStringLiteral("Ben Carter")))->stage, Stage::Enquiry);
}

void CaseServiceTest::searchEntryIsOneFunctionRebuiltFromWhatIsStored()
{
    QCOMPARE(CaseSearchIndex::referenceText(QStringLiteral("BBK-2026-0042")),
             QStringLiteral("BBK-2026-0042 BBK 2026 0042"));
    QCOMPARE(CaseSearchIndex::namesText({QStringLiteral("Kate O’Connor"), QStringLiteral("St Mary's")}),
             QStringLiteral("Kate OConnor St Marys"));

    NewCase input = minimalCase(QStringLiteral("Zoë Müller"));
    input.client.formerNames = {QStringLiteral("Zoe Smith")};
    input.parties.push_back(
        {Party {0, PartyKind::Organisation, QStringLiteral("St Aldric's School"), {QStringLiteral("Aldric's")}},
         PartyRole::Institution});
    CaseService solicitor(m_firm->solicitor());
    auto created = solicitor.create(input);
    QVERIFY_OK(created);
    Vault& vault = m_firm->solicitor();
    const char* entry = "SELECT reference || '|' || names || '|' || parties FROM case_search WHERE docid = ?1";
    auto read = [&vault, entry](qint64 id) {
        auto stmt = vault.connection().prepare(entry);
        return stmt && stmt->bind(1, id).step().ok() ? stmt->text(0) : QString();
    };
    const QString written = read(created->id);
    QCOMPARE(written, QStringLiteral("CD-2026-0001 CD 2026 0001|Zoë Müller  Zoe Smith|St Aldrics School Aldrics"));

    // Writing an entry replaces the case's old one; refresh() rebuilds it from the stored case.
    QVERIFY_OK(
        CaseSearchIndex::write(vault.connection(), created->id, created->reference, {QStringLiteral("Nobody")}, {}));
    QCOMPARE(rowCount(vault, "SELECT count(*) FROM case_search"), qint64 {1});
    QVERIFY(solicitor.search(QStringLiteral("muller"))->isEmpty());
    QVERIFY_OK(CaseSearchIndex::refresh(vault.connection(), created->id));
    QCOMPARE(read(created->id), written);
    QCOMPARE(*solicitor.search(QStringLiteral("muller aldrics")), QSet<qint64> {created->id});
}

void CaseServiceTest::adminSeesNoCaseContent()
{
    CaseService solicitor(m_firm->solicitor());
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    input.account = QStringLiteral("An account.");
    auto created = solicitor.create(input);
    QVERIFY_OK(created);
    QVERIFY_OK(solicitor.addNote(created->id, QStringLiteral("A note."), false));

    CaseService admin(m_firm->admin());
    QVERIFY(!admin.canSeeCaseContent());
    QCOMPARE_ERROR(admin.list(), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(admin.load(created->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(admin.loadByReference(created->reference), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(admin.create(minimalCase(QStringLiteral("Ben Carter"))), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(admin.revealAccount(created->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(admin.notes(created->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(admin.tasks(created->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(admin.save(*created), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(admin.saveDraft(0, QJsonObject {}), ErrorCode::PermissionDenied);
    // Searching by a client's name would tell an admin who the firm acts for.
    QCOMPARE_ERROR(admin.search(QStringLiteral("anna")), ErrorCode::PermissionDenied);
    QVERIFY(auditOf(m_firm->admin(), QStringLiteral("case.account.reveal")).empty());
    QCOMPARE(rowCount(m_firm->admin(), "SELECT count(*) FROM cases"), qint64 {1});
}

void CaseServiceTest::oneTimePassphraseMustBeChangedBeforeUsingCases()
{
    const QByteArray oneTime = QByteArrayLiteral("one-time passphrase for nia");
    QVERIFY_OK(m_firm->admin().addUser({QStringLiteral("nia"), QStringLiteral("Nia New"), Role::Paralegal}, oneTime));
    auto opened = Vault::unlock(m_firm->path(), QStringLiteral("nia"), oneTime, m_firm->options());
    QVERIFY_OK(opened);
    CaseService cases(**opened);
    QCOMPARE_ERROR(cases.list(), ErrorCode::MustChangePassphrase);
    QCOMPARE_ERROR(cases.create(minimalCase(QStringLiteral("Anna Jones"))), ErrorCode::MustChangePassphrase);
    QVERIFY_OK((*opened)->changePassphrase(oneTime, QByteArrayLiteral("nia's own passphrase now")));
    QVERIFY_OK(cases.list());
}

void CaseServiceTest::restrictedCaseIsAPlaceholderForOutsiders()
{
    CaseService solicitor(m_firm->solicitor());
    NewCase input = minimalCase(QStringLiteral("Liam Doherty"));
    input.supervisor = QStringLiteral("sam");
    input.restricted = true;
    input.account = QStringLiteral("A restricted account.");
    input.safeguarding.currentAbuse = true;
    auto restricted = solicitor.create(input);
    QVERIFY_OK(restricted);
    auto note = solicitor.addNote(restricted->id, QStringLiteral("Sensitive detail."), true);
    QVERIFY_OK(note);
    auto open = solicitor.create(minimalCase(QStringLiteral("Ruth Ellis")));
    QVERIFY_OK(open);

    CaseService outsider(m_firm->outsider());
    auto rows = outsider.list();
    QVERIFY_OK(rows);
    QCOMPARE(rows->size(), std::size_t {2});
    const CaseSummary* hidden = summaryOf(*rows, restricted->id);
    QVERIFY(hidden != nullptr);
    QCOMPARE(hidden->restrictedPlaceholder, true);
    QCOMPARE(hidden->restricted, true);
    QCOMPARE(hidden->reference, restricted->reference);
    QVERIFY(hidden->clientName.isEmpty());
    QVERIFY(hidden->clientInitials.isEmpty());
    QVERIFY(hidden->feeEarner.isEmpty());
    QVERIFY(hidden->feeEarnerName.isEmpty());
    QCOMPARE(hidden->safeguardingAlert, false);
    const CaseSummary* visible = summaryOf(*rows, open->id);
    QCOMPARE(visible->restrictedPlaceholder, false);
    QCOMPARE(visible->clientName, QStringLiteral("Ruth Ellis"));
    QCOMPARE(visible->clientInitials, QStringLiteral("R.E."));
    QCOMPARE(visible->feeEarnerName, QStringLiteral("Sol Solicitor"));

    auto refused = outsider.load(restricted->id);
    QCOMPARE_ERROR(refused, ErrorCode::PermissionDenied);
    QVERIFY(refused.error().message.contains(restricted->reference));
    QVERIFY(!refused.error().message.contains(QStringLiteral("Doherty")));
    QCOMPARE_ERROR(outsider.loadByReference(restricted->reference), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(outsider.revealAccount(restricted->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(outsider.notes(restricted->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(outsider.revealNote(note->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(outsider.tasks(restricted->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(outsider.addNote(restricted->id, QStringLiteral("A note."), false), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(outsider.save(*restricted), ErrorCode::PermissionDenied);
    QVERIFY(auditOf(m_firm->outsider(), QStringLiteral("case.account.reveal")).empty());
    QVERIFY(auditOf(m_firm->outsider(), QStringLiteral("case.note.reveal")).empty());
    auto denials = auditOf(m_firm->outsider(), QStringLiteral("permission.denied"));
    QVERIFY(!denials.empty());
    QCOMPARE(denials[0].username, QStringLiteral("oli"));
    QCOMPARE(denials[0].entityId, restricted->reference);

    // A paralegal not named on it is an outsider too; its supervisor is not.
    CaseService paralegal(m_firm->paralegal());
    QCOMPARE_ERROR(paralegal.load(restricted->id), ErrorCode::PermissionDenied);
    QCOMPARE(summaryOf(*paralegal.list(), restricted->id)->restrictedPlaceholder, true);
    CaseService supervisor(m_firm->supervisor());
    QVERIFY_OK(supervisor.load(restricted->id));
    auto supervisorRows = supervisor.list();
    QVERIFY_OK(supervisorRows);
    const CaseSummary* forSupervisor = summaryOf(*supervisorRows, restricted->id);
    QVERIFY(forSupervisor != nullptr);
    QCOMPARE(forSupervisor->restrictedPlaceholder, false);
    QCOMPARE(forSupervisor->clientName, QStringLiteral("Liam Doherty"));
    QCOMPARE(forSupervisor->safeguardingAlert, true);

    // Naming Pat on the case opens it to her.
    QVERIFY_OK(nameOnCase(m_firm->solicitor(), restricted->id, QStringLiteral("pat")));
    auto named = paralegal.load(restricted->id);
    QVERIFY_OK(named);
    QCOMPARE(named->client.fullName, QStringLiteral("Liam Doherty"));
    QCOMPARE(summaryOf(*paralegal.list(), restricted->id)->clientName, QStringLiteral("Liam Doherty"));
    QCOMPARE(*paralegal.revealNote(note->id), QStringLiteral("Sensitive detail."));
    QCOMPARE_ERROR(outsider.load(restricted->id), ErrorCode::PermissionDenied);
}

void CaseServiceTest::onlyASupervisorChangesRestrictionOrSupervisor()
{
    CaseService solicitor(m_firm->solicitor());
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    input.supervisor = QStringLiteral("sam");
    auto created = solicitor.create(input);
    QVERIFY_OK(created);

    CaseRecord restricting = *created;
    restricting.restricted = true;
    QCOMPARE_ERROR(solicitor.save(restricting), ErrorCode::PermissionDenied);
    CaseRecord unsupervised = *created;
    unsupervised.supervisor.clear();
    QCOMPARE_ERROR(solicitor.save(unsupervised), ErrorCode::PermissionDenied);
    QCOMPARE(solicitor.load(created->id)->restricted, false);
    QCOMPARE(solicitor.load(created->id)->version, 1);

    CaseService supervisor(m_firm->supervisor());
    auto saved = supervisor.save(restricting);
    QVERIFY_OK(saved);
    QCOMPARE(saved->restricted, true);
    QCOMPARE(solicitor.load(created->id)->restricted, true);  // Sol is the fee earner: still allowed in
    const QJsonObject change = auditOf(m_firm->supervisor(), QStringLiteral("case.update"))
                                   .back()
                                   .summary.value(QStringLiteral("changes"))
                                   .toObject()
                                   .value(QStringLiteral("restricted"))
                                   .toObject();
    QCOMPARE(change.value(QStringLiteral("old")).toBool(), false);
    QCOMPARE(change.value(QStringLiteral("new")).toBool(), true);
}

void CaseServiceTest::search_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");  // labels of the cases set up in search()

    const QStringList a {QStringLiteral("A")};
    const QStringList b {QStringLiteral("B")};
    const QStringList c {QStringLiteral("C")};
    const QStringList none;
    const QString pat = QStringLiteral("pat");
    QTest::addRow("accent-insensitive: muller finds Müller") << pat << QStringLiteral("muller") << a;
    QTest::addRow("accent typed: Müller") << pat << QStringLiteral("Müller") << a;
    QTest::addRow("capitals: MULLER") << pat << QStringLiteral("MULLER") << a;
    QTest::addRow("prefix while typing: mü") << pat << QStringLiteral("mü") << a;
    QTest::addRow("prefix while typing: jon") << pat << QStringLiteral("jon") << b;
    QTest::addRow("prefixes of first name and surname: ann mül") << pat << QStringLiteral("ann mül") << a;
    QTest::addRow("preferred name: annie") << pat << QStringLiteral("annie") << a;
    QTest::addRow("former name: schmidt") << pat << QStringLiteral("schmidt") << a;
    QTest::addRow("party name: hale") << pat << QStringLiteral("hale") << a;
    QTest::addRow("party alias: uncle del") << pat << QStringLiteral("uncle del") << a;
    QTest::addRow("institution: northfield") << pat << QStringLiteral("northfield") << b;
    QTest::addRow("institution with an apostrophe, typed with it: st mary's")
        << pat << QStringLiteral("st mary's") << a;
    QTest::addRow("institution with an apostrophe, typed without it: st marys childrens")
        << pat << QStringLiteral("st marys childrens") << a;
    QTest::addRow("every word must match: anna price") << pat << QStringLiteral("anna price") << none;
    QTest::addRow("reference number: 0042") << pat << QStringLiteral("0042") << b;
    QTest::addRow("whole reference: BBK-2026-0042") << pat << QStringLiteral("BBK-2026-0042") << b;
    QTest::addRow("whole reference in lower case: bbk-2026-0042") << pat << QStringLiteral("bbk-2026-0042") << b;
    QTest::addRow("prefix and year: every case, restricted ones by reference")
        << pat << QStringLiteral("bbk 2026")
        << QStringList {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
    QTest::addRow("punctuation is not query syntax: anna -muller") << pat << QStringLiteral("anna -muller") << a;
    QTest::addRow("quotes and stars typed: \"müller*\"") << pat << QStringLiteral("\"müller*\"") << a;
    QTest::addRow("query words are not operators: price OR hale") << pat << QStringLiteral("price OR hale") << none;
    QTest::addRow("nothing typed") << pat << QString() << none;
    QTest::addRow("punctuation only") << pat << QStringLiteral(" -- * \" ") << none;
    QTest::addRow("a word in no case: zebra") << pat << QStringLiteral("zebra") << none;
    QTest::addRow("restricted, outsider: client name hidden") << pat << QStringLiteral("zoe") << none;
    QTest::addRow("restricted, outsider: former name hidden") << pat << QStringLiteral("carter") << none;
    QTest::addRow("restricted, outsider: party hidden") << pat << QStringLiteral("brian cole") << none;
    QTest::addRow("restricted, outsider: found by reference") << pat << QStringLiteral("0043") << c;
    QTest::addRow("restricted, outsider: found by whole reference")
        << QStringLiteral("oli") << QStringLiteral("BBK-2026-0043") << c;
    QTest::addRow("restricted, fee earner: client name") << QStringLiteral("sol") << QStringLiteral("zoe") << c;
    QTest::addRow("restricted, fee earner: accented client name")
        << QStringLiteral("sol") << QStringLiteral("Zoë Ad") << c;
    QTest::addRow("restricted, fee earner: former name") << QStringLiteral("sol") << QStringLiteral("carter") << c;
    QTest::addRow("restricted, fee earner: party") << QStringLiteral("sol") << QStringLiteral("cole") << c;
    QTest::addRow("restricted, its supervisor: client surname")
        << QStringLiteral("sam") << QStringLiteral("adams") << c;
}

// Searching writes nothing, so the rows of this one test share a vault, set up by the first row.
void CaseServiceTest::setUpSearchFirm()
{
    auto firm = std::make_unique<test::TestFirm>();
    QVERIFY_OK(CaseService(firm->admin()).setReferencePrefix(QStringLiteral("BBK")));
    CaseService paralegal(firm->paralegal());
    NewCase a = minimalCase(QStringLiteral("Anna Müller"));
    a.client.preferredName = QStringLiteral("Annie");
    a.client.formerNames = QStringList {QStringLiteral("Anna Schmidt")};
    a.parties = {
        CaseParty {Party {0, PartyKind::Person, QStringLiteral("Derek Hale"), {QStringLiteral("Uncle Del")}},
                   PartyRole::Abuser},
        CaseParty {Party {0, PartyKind::Organisation, QStringLiteral("St Mary's Children's Home"), {}},
                   PartyRole::Institution},
    };
    auto caseA = paralegal.create(a);
    QVERIFY_OK(caseA);
    QVERIFY_OK(firm->paralegal().connection().exec("UPDATE case_sequences SET next = 42"));
    NewCase b = minimalCase(QStringLiteral("Jonathan Price"));
    b.parties = {CaseParty {Party {0, PartyKind::Organisation, QStringLiteral("Northfield Academy"), {}},
                            PartyRole::Institution}};
    auto caseB = paralegal.create(b);
    QVERIFY_OK(caseB);
    QCOMPARE(caseB->reference, QStringLiteral("BBK-2026-0042"));
    NewCase c = minimalCase(QStringLiteral("Zoë Adams"));
    c.client.formerNames = QStringList {QStringLiteral("Zoe Carter")};
    c.supervisor = QStringLiteral("sam");
    c.restricted = true;
    c.parties = {CaseParty {Party {0, PartyKind::Person, QStringLiteral("Brian Cole"), {}}, PartyRole::Abuser}};
    auto caseC = CaseService(firm->solicitor()).create(c);
    QVERIFY_OK(caseC);
    QCOMPARE(caseC->reference, QStringLiteral("BBK-2026-0043"));
    m_searchIds
        = {{QStringLiteral("A"), caseA->id}, {QStringLiteral("B"), caseB->id}, {QStringLiteral("C"), caseC->id}};
    m_searchFirm = std::move(firm);
}

void CaseServiceTest::search()
{
    QFETCH(QString, who);
    QFETCH(QString, text);
    QFETCH(QStringList, expected);

    if (!m_searchFirm) {
        setUpSearchFirm();
        if (QTest::currentTestFailed()) {
            return;
        }
    }
    Vault& session = m_searchFirm->session(who);
    const qint64 auditBefore = auditCount(session);
    auto hits = CaseService(session).search(text);
    QVERIFY_OK(hits);
    QSet<qint64> want;
    for (const QString& label : expected) {
        want.insert(m_searchIds.value(label));
    }
    QStringList found;
    for (auto it = m_searchIds.begin(); it != m_searchIds.end(); ++it) {
        if (hits->contains(it.value())) {
            found << it.key();
        }
    }
    found.sort();
    QCOMPARE(found, expected);
    QCOMPARE(*hits, want);
    QCOMPARE(auditCount(session), auditBefore);
}

void CaseServiceTest::searchOfARestrictedCaseByNameForAUserNamedOnIt()
{
    CaseService solicitor(m_firm->solicitor());
    NewCase input = minimalCase(QStringLiteral("Liam Doherty"));
    input.restricted = true;
    auto created = solicitor.create(input);
    QVERIFY_OK(created);
    CaseService paralegal(m_firm->paralegal());
    QVERIFY(paralegal.search(QStringLiteral("doherty"))->isEmpty());
    QVERIFY_OK(nameOnCase(m_firm->solicitor(), created->id, QStringLiteral("pat")));
    QCOMPARE(*paralegal.search(QStringLiteral("doherty")), QSet<qint64> {created->id});
    QVERIFY(CaseService(m_firm->outsider()).search(QStringLiteral("doherty"))->isEmpty());

    // A renamed client is found under the new name, and the old one is gone unless kept as a former name.
    CaseRecord renamed = *created;
    renamed.client.fullName = QStringLiteral("Liam Byrne");
    QVERIFY_OK(solicitor.save(renamed));
    QCOMPARE(*solicitor.search(QStringLiteral("byrne")), QSet<qint64> {created->id});
    QVERIFY(solicitor.search(QStringLiteral("doherty"))->isEmpty());
}

void CaseServiceTest::draftsBelongToTheirOwnerAndGoWhenTheCaseIsCreated()
{
    CaseService paralegal(m_firm->paralegal());
    CaseService solicitor(m_firm->solicitor());
    const QJsonObject first {{QStringLiteral("page"), QStringLiteral("client")},
                             {QStringLiteral("clientName"), QStringLiteral("Anna")}};
    auto id = paralegal.saveDraft(0, first);
    QVERIFY_OK(id);
    QVERIFY(*id > 0);
    auto mine = paralegal.drafts();
    QVERIFY_OK(mine);
    QCOMPARE(mine->size(), std::size_t {1});
    QCOMPARE(mine->at(0).id, *id);
    QCOMPARE(mine->at(0).owner, QStringLiteral("pat"));
    QCOMPARE(mine->at(0).data, first);
    QCOMPARE(mine->at(0).updatedAtUtc, test::TestFirm::startTime());

    // Auto-save updates the same draft.
    m_firm->clock().advanceSeconds(30);
    const QJsonObject second {{QStringLiteral("page"), QStringLiteral("incidents")},
                              {QStringLiteral("clientName"), QStringLiteral("Anna Jones")}};
    auto again = paralegal.saveDraft(*id, second);
    QVERIFY_OK(again);
    QCOMPARE(*again, *id);
    mine = paralegal.drafts();
    QCOMPARE(mine->size(), std::size_t {1});
    QCOMPARE(mine->at(0).data, second);
    QCOMPARE(mine->at(0).updatedAtUtc, test::TestFirm::startTime().addSecs(30));

    // Another user neither sees, overwrites nor deletes it.
    QVERIFY(solicitor.drafts()->empty());
    auto solsDraft = solicitor.saveDraft(*id, QJsonObject {{QStringLiteral("page"), QStringLiteral("safety")}});
    QVERIFY_OK(solsDraft);
    QVERIFY(*solsDraft != *id);
    QVERIFY_OK(solicitor.deleteDraft(*id));
    mine = paralegal.drafts();
    QCOMPARE(mine->size(), std::size_t {1});
    QCOMPARE(mine->at(0).data, second);

    // A draft deleted meanwhile is saved as a new one rather than lost.
    auto other = paralegal.saveDraft(0, QJsonObject {{QStringLiteral("page"), QStringLiteral("safety")}});
    QVERIFY_OK(other);
    QVERIFY_OK(paralegal.deleteDraft(*other));
    const QJsonObject typedMeanwhile {{QStringLiteral("page"), QStringLiteral("consent")}};
    auto resaved = paralegal.saveDraft(*other, typedMeanwhile);
    QVERIFY_OK(resaved);
    mine = paralegal.drafts();
    QCOMPARE(mine->size(), std::size_t {2});
    QVERIFY(std::any_of(mine->begin(), mine->end(),
                        [&](const IntakeDraft& d) { return d.id == *resaved && d.data == typedMeanwhile; }));

    // Creating the case from a draft deletes that draft only.
    NewCase input = minimalCase(QStringLiteral("Anna Jones"));
    input.fromDraftId = *id;
    QVERIFY_OK(paralegal.create(input));
    mine = paralegal.drafts();
    QCOMPARE(mine->size(), std::size_t {1});
    QCOMPARE(mine->at(0).id, *resaved);
    QCOMPARE(solicitor.drafts()->size(), std::size_t {1});
    QVERIFY_OK(paralegal.deleteDraft(*resaved));
    QVERIFY(paralegal.drafts()->empty());
}

void CaseServiceTest::caseFilterMatches_data()
{
    QTest::addColumn<CaseFilter>("filter");
    QTest::addColumn<CaseSummary>("summary");
    QTest::addColumn<bool>("useHits");
    QTest::addColumn<bool>("matches");

    CaseSummary s;
    s.id = 7;
    s.reference = QStringLiteral("BBK-2026-0007");
    s.stage = Stage::Investigation;
    s.feeEarner = QStringLiteral("sol");
    CaseSummary closed = s;
    closed.stage = Stage::Closed;
    CaseSummary alert = s;
    alert.safeguardingAlert = true;
    CaseSummary restricted = s;
    restricted.restricted = true;
    CaseSummary placeholder = restricted;
    placeholder.restrictedPlaceholder = true;
    placeholder.feeEarner.clear();
    CaseSummary other = s;
    other.id = 8;  // not among the search hits {7}

    auto with = [](auto change) {
        CaseFilter f;
        change(f);
        return f;
    };
    QTest::addRow("empty filter matches anything") << CaseFilter {} << s << false << true;
    QTest::addRow("search hit") << CaseFilter {} << s << true << true;
    QTest::addRow("not a search hit") << CaseFilter {} << other << true << false;
    QTest::addRow("stage: same") << with([](CaseFilter& f) { f.stage = Stage::Investigation; }) << s << false << true;
    QTest::addRow("stage: other") << with([](CaseFilter& f) { f.stage = Stage::Enquiry; }) << s << false << false;
    QTest::addRow("closed shown by default") << CaseFilter {} << closed << false << true;
    QTest::addRow("closed hidden") << with([](CaseFilter& f) { f.includeClosed = false; }) << closed << false << false;
    QTest::addRow("open case with closed hidden")
        << with([](CaseFilter& f) { f.includeClosed = false; }) << s << false << true;
    QTest::addRow("fee earner: same") << with([](CaseFilter& f) { f.feeEarner = QStringLiteral("sol"); }) << s << false
                                      << true;
    QTest::addRow("fee earner: other") << with([](CaseFilter& f) { f.feeEarner = QStringLiteral("oli"); }) << s << false
                                       << false;
    QTest::addRow("my cases: Sol's case for Sol")
        << with([](CaseFilter& f) { f.mineOnly = true; }) << s << false << true;
    QTest::addRow("my cases: a placeholder is never mine")
        << with([](CaseFilter& f) { f.mineOnly = true; }) << placeholder << false << false;
    QTest::addRow("safeguarding only: no alert")
        << with([](CaseFilter& f) { f.safeguardingOnly = true; }) << s << false << false;
    QTest::addRow("safeguarding only: alert")
        << with([](CaseFilter& f) { f.safeguardingOnly = true; }) << alert << false << true;
    QTest::addRow("restricted only: open case")
        << with([](CaseFilter& f) { f.restrictedOnly = true; }) << s << false << false;
    QTest::addRow("restricted only: restricted case")
        << with([](CaseFilter& f) { f.restrictedOnly = true; }) << restricted << false << true;
    QTest::addRow("restricted only: placeholder")
        << with([](CaseFilter& f) { f.restrictedOnly = true; }) << placeholder << false << true;
    QTest::addRow("every rule must hold: stage matches, fee earner does not") << with([](CaseFilter& f) {
        f.stage = Stage::Investigation;
        f.feeEarner = QStringLiteral("oli");
    }) << s << false << false;
}

void CaseServiceTest::caseFilterMatches()
{
    QFETCH(CaseFilter, filter);
    QFETCH(CaseSummary, summary);
    QFETCH(bool, useHits);
    QFETCH(bool, matches);
    const QSet<qint64> hits {7};
    QCOMPARE(filter.matches(summary, QStringLiteral("sol"), useHits ? &hits : nullptr), matches);
}

void CaseServiceTest::outerTransactionRollbackUndoesBothCreates()
{
    Vault& vault = m_firm->solicitor();
    const qint64 auditBefore = auditCount(vault);
    CaseService cases(vault);
    {
        auto outer = sql::Transaction::begin(vault.connection());
        QVERIFY_OK(outer);
        auto first = cases.create(minimalCase(QStringLiteral("Anna Jones")));
        QVERIFY_OK(first);
        auto second = cases.create(minimalCase(QStringLiteral("Ben Carter")));
        QVERIFY_OK(second);
        QCOMPARE(second->reference, QStringLiteral("CD-2026-0002"));
        QCOMPARE(cases.list()->size(), std::size_t {2});  // visible inside the outer transaction
        // Leaving the scope without commit() rolls back.
    }
    QVERIFY(cases.list()->empty());
    for (const char* sql : {"SELECT count(*) FROM cases", "SELECT count(*) FROM clients",
                            "SELECT count(*) FROM case_sequences", "SELECT count(*) FROM case_search"}) {
        QCOMPARE(rowCount(vault, sql), qint64 {0});
    }
    QCOMPARE(auditCount(vault), auditBefore);
    QVERIFY(CaseService(m_firm->paralegal()).list()->empty());
    auto after = cases.create(minimalCase(QStringLiteral("Cara Doyle")));
    QVERIFY_OK(after);
    QCOMPARE(after->reference, QStringLiteral("CD-2026-0001"));
    auto chain = AuditLog::verify(vault.connection());
    QVERIFY_OK(chain);
    QVERIFY(chain->intact);
}

void CaseServiceTest::outerTransactionCommitKeepsBothCreates()
{
    Vault& vault = m_firm->solicitor();
    CaseService cases(vault);
    auto outer = sql::Transaction::begin(vault.connection());
    QVERIFY_OK(outer);
    QVERIFY_OK(cases.create(minimalCase(QStringLiteral("Anna Jones"))));
    QVERIFY_OK(cases.create(minimalCase(QStringLiteral("Ben Carter"))));
    QVERIFY_OK(outer->commit());
    auto seen = CaseService(m_firm->paralegal()).list();  // another session sees both
    QVERIFY_OK(seen);
    QCOMPARE(seen->size(), std::size_t {2});
    QCOMPARE(auditOf(vault, QStringLiteral("case.create")).size(), std::size_t {2});
}

QTEST_GUILESS_MAIN(CaseServiceTest)
#include "tst_case_service.moc"
