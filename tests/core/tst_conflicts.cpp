#include "ResultAsserts.h"
#include "TestFirm.h"

#include "cases/CaseService.h"
#include "conflicts/ConflictService.h"
#include "store/AuditLog.h"
#include "store/Sqlite.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace claimdesk;
using namespace claimdesk::core;

namespace {

const QString kRestrictedReason = QStringLiteral("possible match in restricted case %1 — ask a supervisor");

NewCase newCase(const QString& clientName, const QDate& dob)
{
    NewCase n;
    n.client.fullName = clientName;
    n.client.dateOfBirth = dob;
    n.feeEarner = QStringLiteral("sol");
    n.safeguarding.suicidalThoughts = SuicidalThoughts::None;
    return n;
}

CaseParty party(PartyKind kind, const QString& name, PartyRole role, const QStringList& aliases = {})
{
    return CaseParty {Party {0, kind, name, aliases}, role};
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

QString describe(const std::vector<ConflictMatch>& matches)
{
    QStringList lines;
    for (const ConflictMatch& m : matches) {
        lines << QStringLiteral("%1 [%2] %3 %4 (%5)")
                     .arg(m.name, m.kind, m.caseReference)
                     .arg(m.score)
                     .arg(m.reasons.join(QStringLiteral("; ")));
    }
    return lines.isEmpty() ? QStringLiteral("no matches") : lines.join(QLatin1Char('\n'));
}

}  // namespace

// Conflict and duplicate checks over a vault holding three cases:
//   Walsh    — client Catherine Walsh (born 14 March 1990), formerly Catherine Byrne; abuser Gerald Fenwick
//              ("Gerry Fenn"); institution St Mary's Children's Home.
//   Okafor   — client Thomas Okafor (born 1 July 1985); abuser Derek Hale.
//   Doherty  — restricted, Sol's with Sam supervising: client Liam Doherty; abuser Colin Mercer.
class ConflictsTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void cleanupTestCase();

    void findsEachKindOfName_data();
    void findsEachKindOfName();
    void doesNotMatchADifferentPerson_data();
    void doesNotMatchADifferentPerson();
    void matchesAreRankedBestFirstWithScoresAndReasons();
    void dateOfBirthRanksTheSamePersonHigher();
    void restrictedCaseMatchShowsNothingToOutsiders_data();
    void restrictedCaseMatchShowsNothingToOutsiders();
    void restrictedCaseMatchIsFullForThoseWhoMayOpenIt_data();
    void restrictedCaseMatchIsFullForThoseWhoMayOpenIt();
    void checkNeedsACaseRoleAndAName();
    void recordClearAndListChecksOnACase();
    void aCheckBeforeTheCaseExistsIsAttachedLater();
    void recordedRestrictedMatchKeepsTheReferenceButNoName();
    void checksOnARestrictedCaseAreForThoseWhoMayOpenIt();
    void indexRefreshesWhenCasesAreCreatedOrEdited();
    void checksRunForANewCaseAreRecordedWithIt();
    void aCaseThatIsNotCreatedLeavesNoRecordOfItsChecks_data();
    void aCaseThatIsNotCreatedLeavesNoRecordOfItsChecks();

private:
    static bool onlyChecks();
    void setUpCases();

    std::unique_ptr<test::TestFirm> m_firm;
    bool m_shared = false;  // m_firm is kept for the next test that only checks
    CaseRecord m_walsh;
    CaseRecord m_okafor;
    CaseRecord m_doherty;
};

// check() writes nothing, so the rows of the data-driven tests that only check share one vault; every other
// test gets a fresh one.
bool ConflictsTest::onlyChecks()
{
    static const QSet<QString> readOnly {QStringLiteral("findsEachKindOfName"),
                                         QStringLiteral("doesNotMatchADifferentPerson"),
                                         QStringLiteral("restrictedCaseMatchShowsNothingToOutsiders")};
    return readOnly.contains(QString::fromLatin1(QTest::currentTestFunction()));
}

void ConflictsTest::init()
{
    if (m_firm && m_shared && onlyChecks()) {
        return;
    }
    m_firm = std::make_unique<test::TestFirm>();
    m_shared = onlyChecks();
    setUpCases();
}

void ConflictsTest::cleanup()
{
    if (!m_shared || QTest::currentTestFailed()) {
        m_firm.reset();
    }
}

void ConflictsTest::cleanupTestCase()
{
    m_firm.reset();
}

void ConflictsTest::setUpCases()
{
    CaseService paralegal(m_firm->paralegal());
    NewCase walsh = newCase(QStringLiteral("Catherine Walsh"), QDate(1990, 3, 14));
    walsh.client.formerNames = QStringList {QStringLiteral("Catherine Byrne")};
    walsh.parties = {
        party(PartyKind::Person, QStringLiteral("Gerald Fenwick"), PartyRole::Abuser, {QStringLiteral("Gerry Fenn")}),
        party(PartyKind::Organisation, QStringLiteral("St Mary's Children's Home"), PartyRole::Institution)};
    auto a = paralegal.create(walsh);
    QVERIFY_OK(a);
    m_walsh = *a;
    NewCase okafor = newCase(QStringLiteral("Thomas Okafor"), QDate(1985, 7, 1));
    okafor.parties = {party(PartyKind::Person, QStringLiteral("Derek Hale"), PartyRole::Abuser)};
    auto b = paralegal.create(okafor);
    QVERIFY_OK(b);
    m_okafor = *b;
    NewCase doherty = newCase(QStringLiteral("Liam Doherty"), QDate(1979, 11, 2));
    doherty.supervisor = QStringLiteral("sam");
    doherty.restricted = true;
    doherty.parties = {party(PartyKind::Person, QStringLiteral("Colin Mercer"), PartyRole::Abuser)};
    auto c = CaseService(m_firm->solicitor()).create(doherty);
    QVERIFY_OK(c);
    m_doherty = *c;
}

void ConflictsTest::findsEachKindOfName_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("caseLabel");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("reasonPart");

    QTest::addRow("client, by nickname: Kate Walsh")
        << QStringLiteral("Kate Walsh") << QStringLiteral("client") << QStringLiteral("Catherine Walsh")
        << QStringLiteral("walsh") << QString() << QStringLiteral("nickname: kate = catherine");
    QTest::addRow("client, exact: Catherine Walsh")
        << QStringLiteral("Catherine Walsh") << QStringLiteral("client") << QStringLiteral("Catherine Walsh")
        << QStringLiteral("walsh") << QString() << QStringLiteral("same name");
    QTest::addRow("client, transposed letters: Thomas Okafro")
        << QStringLiteral("Thomas Okafro") << QStringLiteral("client") << QStringLiteral("Thomas Okafor")
        << QStringLiteral("okafor") << QString() << QStringLiteral("okafro / okafor");
    QTest::addRow("former name, by nickname: Katie Byrne")
        << QStringLiteral("Katie Byrne") << QStringLiteral("former-name") << QStringLiteral("Catherine Byrne")
        << QStringLiteral("walsh") << QString() << QStringLiteral("nickname");
    QTest::addRow("party: Gerald Fenwick")
        << QStringLiteral("Gerald Fenwick") << QStringLiteral("party") << QStringLiteral("Gerald Fenwick")
        << QStringLiteral("walsh") << QStringLiteral("abuser") << QStringLiteral("same name");
    QTest::addRow("party, by nickname: Gerry Fenwick")
        << QStringLiteral("Gerry Fenwick") << QStringLiteral("party") << QStringLiteral("Gerald Fenwick")
        << QStringLiteral("walsh") << QStringLiteral("abuser") << QStringLiteral("nickname: gerry = gerald");
    QTest::addRow("alias: Gerry Fenn") << QStringLiteral("Gerry Fenn") << QStringLiteral("alias")
                                       << QStringLiteral("Gerry Fenn") << QStringLiteral("walsh")
                                       << QStringLiteral("abuser") << QStringLiteral("same name");
    QTest::addRow("institution, abbreviation set aside: Saint Marys Childrens Home")
        << QStringLiteral("Saint Marys Childrens Home") << QStringLiteral("party")
        << QStringLiteral("St Mary's Children's Home") << QStringLiteral("walsh") << QStringLiteral("institution")
        << QStringLiteral("abbreviations");
    QTest::addRow("party, accents typed: Dérek Hâle")
        << QStringLiteral("Dérek Hâle") << QStringLiteral("party") << QStringLiteral("Derek Hale")
        << QStringLiteral("okafor") << QStringLiteral("abuser") << QStringLiteral("accents");
}

void ConflictsTest::findsEachKindOfName()
{
    QFETCH(QString, query);
    QFETCH(QString, kind);
    QFETCH(QString, name);
    QFETCH(QString, caseLabel);
    QFETCH(QString, role);
    QFETCH(QString, reasonPart);
    const CaseRecord& expectedCase = caseLabel == QStringLiteral("walsh") ? m_walsh : m_okafor;

    ConflictService conflicts(m_firm->paralegal());
    auto matches = conflicts.check(query);
    QVERIFY_OK(matches);
    auto it = std::find_if(matches->begin(), matches->end(),
                           [&](const ConflictMatch& m) { return m.kind == kind && m.name == name; });
    QVERIFY2(it != matches->end(), qPrintable(describe(*matches)));
    QCOMPARE(it->caseReference, expectedCase.reference);
    QCOMPARE(it->caseId, expectedCase.id);
    QCOMPARE(it->role, role);
    QCOMPARE(it->restricted, false);
    QVERIFY(it->score >= NameMatcher::kReportThreshold && it->score <= 1.0);
    QVERIFY2(it->reasons.join(QLatin1Char('\n')).contains(reasonPart), qPrintable(describe(*matches)));
    // Nothing from the restricted case leaks into an unrelated check.
    for (const ConflictMatch& m : *matches) {
        QVERIFY2(!m.restricted, qPrintable(describe(*matches)));
    }
}

void ConflictsTest::doesNotMatchADifferentPerson_data()
{
    QTest::addColumn<QString>("query");
    QTest::addRow("same surname, different first name: Thomas Walsh") << QStringLiteral("Thomas Walsh");
    QTest::addRow("same first name, different surname: Catherine Smith") << QStringLiteral("Catherine Smith");
    QTest::addRow("nobody on file: Peter Brown") << QStringLiteral("Peter Brown");
    QTest::addRow("nobody on file: Jane Smith") << QStringLiteral("Jane Smith");
    QTest::addRow("another institution: St Anne's School") << QStringLiteral("St Anne's School");
}

void ConflictsTest::doesNotMatchADifferentPerson()
{
    QFETCH(QString, query);
    auto matches = ConflictService(m_firm->paralegal()).check(query);
    QVERIFY_OK(matches);
    QVERIFY2(matches->empty(), qPrintable(describe(*matches)));
}

void ConflictsTest::matchesAreRankedBestFirstWithScoresAndReasons()
{
    auto kathryn = CaseService(m_firm->paralegal()).create(newCase(QStringLiteral("Kathryn Walsh"), QDate(2001, 1, 9)));
    QVERIFY_OK(kathryn);
    auto matches = ConflictService(m_firm->paralegal()).check(QStringLiteral("Catherine Walsh"));
    QVERIFY_OK(matches);
    QVERIFY2(matches->size() == 2, qPrintable(describe(*matches)));
    QCOMPARE(matches->at(0).caseReference, m_walsh.reference);  // the same name first
    QCOMPARE(matches->at(0).score, 1.0);
    QCOMPARE(matches->at(1).caseReference, kathryn->reference);  // then the nickname
    QVERIFY(matches->at(1).score < 1.0);
    for (const ConflictMatch& m : *matches) {
        QCOMPARE(m.kind, QStringLiteral("client"));
        QVERIFY(m.score >= NameMatcher::kReportThreshold && m.score <= 1.0);
        QVERIFY(!m.reasons.isEmpty());
    }
}

void ConflictsTest::dateOfBirthRanksTheSamePersonHigher()
{
    ConflictService conflicts(m_firm->paralegal());
    auto sameDob = conflicts.check(QStringLiteral("Kate Walsh"), QDate(1990, 3, 14));
    auto otherDob = conflicts.check(QStringLiteral("Kate Walsh"), QDate(1992, 8, 30));
    auto noDob = conflicts.check(QStringLiteral("Kate Walsh"));
    QVERIFY_OK(sameDob);
    QVERIFY_OK(otherDob);
    QVERIFY_OK(noDob);
    QVERIFY(!sameDob->empty());
    QCOMPARE(sameDob->front().kind, QStringLiteral("client"));
    QVERIFY(sameDob->front().reasons.contains(QStringLiteral("same date of birth")));
    const double same = sameDob->front().score;
    const double none = noDob->front().score;
    const double other = otherDob->empty() ? 0.0 : otherDob->front().score;
    QVERIFY2(same > none && none > other, qPrintable(QStringLiteral("%1 %2 %3").arg(same).arg(none).arg(other)));
}

void ConflictsTest::restrictedCaseMatchShowsNothingToOutsiders_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("query");
    QTest::addRow("paralegal, client's name") << QStringLiteral("pat") << QStringLiteral("Liam Doherty");
    QTest::addRow("paralegal, client by nickname: William Doherty")
        << QStringLiteral("pat") << QStringLiteral("William Doherty");
    QTest::addRow("paralegal, the abuser") << QStringLiteral("pat") << QStringLiteral("Colin Mercer");
    QTest::addRow("another solicitor, client's name") << QStringLiteral("oli") << QStringLiteral("Liam Doherty");
}

void ConflictsTest::restrictedCaseMatchShowsNothingToOutsiders()
{
    QFETCH(QString, who);
    QFETCH(QString, query);
    auto matches = ConflictService(m_firm->session(who)).check(query, QDate(1979, 11, 2));
    QVERIFY_OK(matches);
    QCOMPARE(matches->size(), std::size_t {1});
    const ConflictMatch& m = matches->front();
    QCOMPARE(m.restricted, true);
    QVERIFY(m.name.isEmpty());
    QCOMPARE(m.caseReference, m_doherty.reference);  // the placeholder: "restricted case REF"
    QCOMPARE(m.caseId, qint64 {0});
    QVERIFY(m.role.isEmpty());
    QCOMPARE(m.reasons, QStringList {kRestrictedReason.arg(m_doherty.reference)});  // not even "same date of birth"
    QVERIFY(m.score >= NameMatcher::kReportThreshold);
}

void ConflictsTest::restrictedCaseMatchIsFullForThoseWhoMayOpenIt_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<bool>("nameOnCase");
    QTest::addRow("its fee earner") << QStringLiteral("sol") << false;
    QTest::addRow("its supervisor") << QStringLiteral("sam") << false;
    QTest::addRow("a paralegal named on it") << QStringLiteral("pat") << true;
}

void ConflictsTest::restrictedCaseMatchIsFullForThoseWhoMayOpenIt()
{
    QFETCH(QString, who);
    QFETCH(bool, nameOnCase);
    ConflictService conflicts(m_firm->session(who));
    if (nameOnCase) {
        QCOMPARE(conflicts.check(QStringLiteral("Liam Doherty"))->front().restricted, true);  // before, an outsider
        auto stmt
            = m_firm->solicitor().connection().prepare("INSERT INTO case_access (case_id, username) VALUES (?1, ?2)");
        QVERIFY_OK(stmt);
        QVERIFY_OK(stmt->bind(1, m_doherty.id).bind(2, who).run());
    }
    auto matches = conflicts.check(QStringLiteral("Liam Doherty"), QDate(1979, 11, 2));
    QVERIFY_OK(matches);
    QCOMPARE(matches->size(), std::size_t {1});
    const ConflictMatch& m = matches->front();
    QCOMPARE(m.restricted, false);
    QCOMPARE(m.name, QStringLiteral("Liam Doherty"));
    QCOMPARE(m.kind, QStringLiteral("client"));
    QCOMPARE(m.caseReference, m_doherty.reference);
    QCOMPARE(m.caseId, m_doherty.id);
    QCOMPARE(m.score, 1.0);
    QVERIFY(m.reasons.contains(QStringLiteral("same name")));
    QVERIFY(m.reasons.contains(QStringLiteral("same date of birth")));
    auto abuser = conflicts.check(QStringLiteral("Colin Mercer"));
    QVERIFY_OK(abuser);
    QCOMPARE(abuser->front().role, QStringLiteral("abuser"));
    QCOMPARE(abuser->front().caseReference, m_doherty.reference);
}

void ConflictsTest::checkNeedsACaseRoleAndAName()
{
    QCOMPARE_ERROR(ConflictService(m_firm->admin()).check(QStringLiteral("Catherine Walsh")),
                   ErrorCode::PermissionDenied);
    ConflictService conflicts(m_firm->paralegal());
    QCOMPARE_ERROR(conflicts.check(QString()), ErrorCode::InvalidInput);
    QCOMPARE_ERROR(conflicts.check(QStringLiteral("  -- ' ")), ErrorCode::InvalidInput);
    QCOMPARE_ERROR(conflicts.check(QStringLiteral("the of")), ErrorCode::InvalidInput);  // only words set aside
}

void ConflictsTest::recordClearAndListChecksOnACase()
{
    ConflictService paralegal(m_firm->paralegal());
    const QDate dob(1990, 3, 14);
    auto matches = paralegal.check(QStringLiteral("Kate Walsh"), dob);
    QVERIFY_OK(matches);
    QVERIFY(!matches->empty());
    auto checkId = paralegal.record(m_walsh.id, QStringLiteral("Kate Walsh"), dob, *matches);
    QVERIFY_OK(checkId);

    auto checks = paralegal.checksFor(m_walsh.id);
    QVERIFY_OK(checks);
    QCOMPARE(checks->size(), std::size_t {1});
    const ConflictCheckRecord& r = checks->front();
    QCOMPARE(r.id, *checkId);
    QCOMPARE(r.caseId, m_walsh.id);
    QCOMPARE(r.by, QStringLiteral("pat"));
    QCOMPARE(r.atUtc, test::TestFirm::startTime());
    QCOMPARE(r.queryName, QStringLiteral("Kate Walsh"));
    QCOMPARE(r.queryDob, dob);
    QCOMPARE(r.matches, static_cast<int>(matches->size()));
    QVERIFY(r.clearedBy.isEmpty());
    QVERIFY(!r.clearedAtUtc.isValid());
    QVERIFY(ConflictService(m_firm->paralegal()).checksFor(m_okafor.id)->empty());
    auto logged = auditOf(m_firm->paralegal(), QStringLiteral("conflict.check"));
    QCOMPARE(logged.size(), std::size_t {1});
    QCOMPARE(logged[0].entityId, QString::number(*checkId));
    QCOMPARE(logged[0].summary.value(QStringLiteral("matches")).toInt(), static_cast<int>(matches->size()));

    // Clearing needs a solicitor or supervisor, and a reason.
    const QString reason = QStringLiteral("Same person: this is the client's own earlier enquiry, confirmed by phone.");
    QCOMPARE_ERROR(paralegal.clear(*checkId, reason), ErrorCode::PermissionDenied);
    ConflictService solicitor(m_firm->solicitor());
    QCOMPARE_ERROR(solicitor.clear(*checkId, QString()), ErrorCode::InvalidInput);
    QCOMPARE_ERROR(solicitor.clear(*checkId, QStringLiteral("   fine    ")), ErrorCode::InvalidInput);
    QVERIFY(paralegal.checksFor(m_walsh.id)->front().clearedBy.isEmpty());
    QCOMPARE_ERROR(solicitor.clear(424242, reason), ErrorCode::NotFound);

    m_firm->clock().advanceSeconds(600);
    QVERIFY_OK(solicitor.clear(*checkId, QStringLiteral("  ") + reason));
    checks = paralegal.checksFor(m_walsh.id);
    QVERIFY_OK(checks);
    QCOMPARE(checks->size(), std::size_t {1});
    QCOMPARE(checks->front().clearedBy, QStringLiteral("sol"));
    QCOMPARE(checks->front().clearedReason, reason);
    QCOMPARE(checks->front().clearedAtUtc, test::TestFirm::startTime().addSecs(600));
    auto clears = auditOf(m_firm->solicitor(), QStringLiteral("conflict.clear"));
    QCOMPARE(clears.size(), std::size_t {1});
    QCOMPARE(clears[0].username, QStringLiteral("sol"));
    QCOMPARE(clears[0].summary.value(QStringLiteral("reason")).toString(), reason);

    // A supervisor may clear too; the newest check comes first.
    auto second = paralegal.record(m_walsh.id, QStringLiteral("Catherine Byrne"), {}, {});
    QVERIFY_OK(second);
    QVERIFY_OK(ConflictService(m_firm->supervisor())
                   .clear(*second, QStringLiteral("No match was found; nothing to clear really.")));
    checks = paralegal.checksFor(m_walsh.id);
    QCOMPARE(checks->size(), std::size_t {2});
    QCOMPARE(checks->front().id, *second);
    QCOMPARE(checks->front().clearedBy, QStringLiteral("sam"));
    QCOMPARE(checks->front().matches, 0);
    QVERIFY(!checks->front().queryDob.isValid());
}

void ConflictsTest::aCheckBeforeTheCaseExistsIsAttachedLater()
{
    ConflictService paralegal(m_firm->paralegal());
    auto matches = paralegal.check(QStringLiteral("Tom Okafor"));
    QVERIFY_OK(matches);
    auto checkId = paralegal.record(0, QStringLiteral("Tom Okafor"), {}, *matches);
    QVERIFY_OK(checkId);
    QVERIFY(paralegal.checksFor(m_okafor.id)->empty());
    // Only the person who ran a check attaches it.
    QVERIFY_OK(ConflictService(m_firm->solicitor()).attachToCase(*checkId, m_okafor.id));
    QVERIFY(paralegal.checksFor(m_okafor.id)->empty());
    QVERIFY_OK(paralegal.attachToCase(*checkId, m_okafor.id));
    auto checks = paralegal.checksFor(m_okafor.id);
    QVERIFY_OK(checks);
    QCOMPARE(checks->size(), std::size_t {1});
    QCOMPARE(checks->front().id, *checkId);
    QCOMPARE(checks->front().caseId, m_okafor.id);
}

void ConflictsTest::recordedRestrictedMatchKeepsTheReferenceButNoName()
{
    ConflictService paralegal(m_firm->paralegal());
    auto matches = paralegal.check(QStringLiteral("Liam Doherty"));
    QVERIFY_OK(matches);
    auto checkId = paralegal.record(0, QStringLiteral("Liam Doherty"), {}, *matches);
    QVERIFY_OK(checkId);
    auto stmt = m_firm->paralegal().connection().prepare("SELECT result FROM conflict_checks WHERE id = ?1");
    QVERIFY_OK(stmt);
    stmt->bind(1, *checkId);
    auto row = stmt->step();
    QVERIFY_OK(row);
    QVERIFY(*row);
    const QJsonArray stored = QJsonDocument::fromJson(stmt->text(0).toUtf8()).array();
    QCOMPARE(stored.size(), qsizetype {1});
    const QJsonObject m = stored.at(0).toObject();
    // The record keeps what the paralegal saw: the placeholder with the reference, never the name that matched.
    QCOMPARE(m.value(QStringLiteral("caseReference")).toString(), m_doherty.reference);
    QVERIFY(m.value(QStringLiteral("name")).toString().isEmpty());
    QCOMPARE(m.value(QStringLiteral("reasons")).toArray(), QJsonArray {kRestrictedReason.arg(m_doherty.reference)});
    QVERIFY(!stmt->text(0).contains(QStringLiteral("Doherty")));
}

void ConflictsTest::checksOnARestrictedCaseAreForThoseWhoMayOpenIt()
{
    ConflictService solicitor(m_firm->solicitor());
    auto checkId = solicitor.record(m_doherty.id, QStringLiteral("Liam Doherty"), QDate(1979, 11, 2), {});
    QVERIFY_OK(checkId);
    QCOMPARE(solicitor.checksFor(m_doherty.id)->size(), std::size_t {1});
    QCOMPARE(ConflictService(m_firm->supervisor()).checksFor(m_doherty.id)->size(), std::size_t {1});
    // The query is the client's name: an outsider must not read it through the case's checks.
    QCOMPARE_ERROR(ConflictService(m_firm->paralegal()).checksFor(m_doherty.id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(ConflictService(m_firm->outsider()).checksFor(m_doherty.id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(ConflictService(m_firm->admin()).checksFor(m_doherty.id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(ConflictService(m_firm->admin()).checksFor(m_walsh.id), ErrorCode::PermissionDenied);
    QVERIFY_OK(ConflictService(m_firm->outsider()).checksFor(m_walsh.id));
}

void ConflictsTest::indexRefreshesWhenCasesAreCreatedOrEdited()
{
    ConflictService conflicts(m_firm->paralegal());
    auto before = conflicts.check(QStringLiteral("Nadia Kowalska"));  // builds the index
    QVERIFY_OK(before);
    QVERIFY2(before->empty(), qPrintable(describe(*before)));

    // A case opened in another session is found by the same service.
    CaseService solicitor(m_firm->solicitor());
    auto created = solicitor.create(newCase(QStringLiteral("Nadia Kowalski"), QDate(1995, 5, 5)));
    QVERIFY_OK(created);
    auto after = conflicts.check(QStringLiteral("Nadia Kowalska"));
    QVERIFY_OK(after);
    QCOMPARE(after->size(), std::size_t {1});
    QCOMPARE(after->front().kind, QStringLiteral("client"));
    QCOMPARE(after->front().caseReference, created->reference);

    // After an edit, the old name is a former name and a new party is found.
    CaseRecord edited = *created;
    edited.client.fullName = QStringLiteral("Nadia Nowak");
    edited.client.formerNames = QStringList {QStringLiteral("Nadia Kowalski")};
    edited.parties.push_back(party(PartyKind::Person, QStringLiteral("Victor Crane"), PartyRole::Abuser));
    QVERIFY_OK(solicitor.save(edited));
    auto renamed = conflicts.check(QStringLiteral("Nadia Kowalska"));
    QVERIFY_OK(renamed);
    QCOMPARE(renamed->size(), std::size_t {1});
    QCOMPARE(renamed->front().kind, QStringLiteral("former-name"));
    auto newName = conflicts.check(QStringLiteral("Nadia Nowak"));
    QVERIFY_OK(newName);
    QCOMPARE(newName->size(), std::size_t {1});
    QCOMPARE(newName->front().kind, QStringLiteral("client"));
    auto newParty = conflicts.check(QStringLiteral("Victor Crane"));
    QVERIFY_OK(newParty);
    QCOMPARE(newParty->size(), std::size_t {1});
    QCOMPARE(newParty->front().kind, QStringLiteral("party"));

    // Restricting the case hides it from the paralegal at once.
    auto current = CaseService(m_firm->supervisor()).load(created->id);
    QVERIFY_OK(current);
    CaseRecord restricting = *current;
    restricting.restricted = true;
    QVERIFY_OK(CaseService(m_firm->supervisor()).save(restricting));
    auto hidden = conflicts.check(QStringLiteral("Nadia Nowak"));
    QVERIFY_OK(hidden);
    QCOMPARE(hidden->size(), std::size_t {1});
    QCOMPARE(hidden->front().restricted, true);
    QCOMPARE(hidden->front().caseReference, created->reference);
    QVERIFY(hidden->front().name.isEmpty());

    // Any change to a party is seen, even one that touches no case row (the triggers of migration 9).
    auto unknown = conflicts.check(QStringLiteral("Quentin Blackwood"));
    QVERIFY_OK(unknown);
    QVERIFY2(unknown->empty(), qPrintable(describe(*unknown)));
    QVERIFY_OK(m_firm->solicitor().connection().exec(
        "UPDATE parties SET name = 'Quentin Blackwood' WHERE name = 'Victor Crane'"));
    auto partyRenamed = conflicts.check(QStringLiteral("Quentin Blackwood"));
    QVERIFY_OK(partyRenamed);
    QCOMPARE(partyRenamed->size(), std::size_t {1});  // in the restricted case: found, shown without its name
    QCOMPARE(partyRenamed->front().restricted, true);
}

void ConflictsTest::checksRunForANewCaseAreRecordedWithIt()
{
    ConflictService paralegal(m_firm->paralegal());
    NewCase input = newCase(QStringLiteral("Kate Walsh"), QDate(1990, 3, 14));
    input.parties = {party(PartyKind::Person, QStringLiteral("Gerry Fenwick"), PartyRole::Abuser)};
    for (const auto& [name, dob] : {std::pair {QStringLiteral("Kate Walsh"), QDate(1990, 3, 14)},
                                    std::pair {QStringLiteral("Gerry Fenwick"), QDate()}}) {
        auto matches = paralegal.check(name, dob);
        QVERIFY_OK(matches);
        QVERIFY(!matches->empty());
        input.conflictChecks.push_back({name, dob, *matches});
    }
    auto created = CaseService(m_firm->paralegal()).create(input);
    QVERIFY_OK(created);
    auto checks = paralegal.checksFor(created->id);
    QVERIFY_OK(checks);
    QCOMPARE(checks->size(), std::size_t {2});
    QStringList names;
    for (const ConflictCheckRecord& r : *checks) {
        QCOMPARE(r.caseId, created->id);
        QCOMPARE(r.by, QStringLiteral("pat"));  // who ran the check
        QCOMPARE(r.atUtc, test::TestFirm::startTime());
        QVERIFY(r.matches > 0);  // and what it found
        names << r.queryName;
    }
    names.sort();
    QCOMPARE(names, (QStringList {QStringLiteral("Gerry Fenwick"), QStringLiteral("Kate Walsh")}));
    QCOMPARE(auditOf(m_firm->paralegal(), QStringLiteral("conflict.check")).size(), std::size_t {2});
}

void ConflictsTest::aCaseThatIsNotCreatedLeavesNoRecordOfItsChecks_data()
{
    QTest::addColumn<bool>("failAtTheEnd");
    // A check that cannot be recorded (no name) stops the case; so does a failure after the checks are written
    // (here the case's own audit entry, the last write of the create).
    QTest::addRow("the second check cannot be recorded") << false;
    QTest::addRow("the create fails after the checks were written") << true;
}

void ConflictsTest::aCaseThatIsNotCreatedLeavesNoRecordOfItsChecks()
{
    QFETCH(bool, failAtTheEnd);
    Vault& vault = m_firm->paralegal();
    auto count = [&vault](const char* sql) { return *vault.connection().scalarInt(sql); };
    const qint64 cases = count("SELECT count(*) FROM cases");
    const qint64 checks = count("SELECT count(*) FROM conflict_checks");
    const qint64 audit = count("SELECT count(*) FROM audit_log");

    ConflictService conflicts(vault);
    NewCase input = newCase(QStringLiteral("Kate Walsh"), QDate(1990, 3, 14));
    auto matches = conflicts.check(QStringLiteral("Kate Walsh"));
    QVERIFY_OK(matches);
    input.conflictChecks.push_back({QStringLiteral("Kate Walsh"), QDate(1990, 3, 14), *matches});
    if (failAtTheEnd) {
        QVERIFY_OK(vault.connection().exec(
            "CREATE TEMP TRIGGER fail_case_create BEFORE INSERT ON main.audit_log WHEN NEW.action = 'case.create' "
            "BEGIN SELECT RAISE(ABORT, 'the test stops this case from being created'); END"));
    } else {
        input.conflictChecks.push_back({QString(), QDate(), {}});
    }
    auto created = CaseService(vault).create(input);
    QVERIFY(!created);
    if (failAtTheEnd) {
        QVERIFY_OK(vault.connection().exec("DROP TRIGGER temp.fail_case_create"));
    } else {
        QCOMPARE(created.error().code, ErrorCode::InvalidInput);
    }
    QCOMPARE(count("SELECT count(*) FROM cases"), cases);
    QCOMPARE(count("SELECT count(*) FROM conflict_checks"), checks);  // not even the check that was written
    QCOMPARE(count("SELECT count(*) FROM audit_log"), audit);
    auto chain = AuditLog::verify(vault.connection());
    QVERIFY_OK(chain);
    QVERIFY(chain->intact);
}

QTEST_GUILESS_MAIN(ConflictsTest)
#include "tst_conflicts.moc"
