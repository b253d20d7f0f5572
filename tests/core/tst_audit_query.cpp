// Reading the audit log (issue 7, "Audit trail"): AuditLog::query's filters (user, case, action with its dotted
// prefix rule, local days) and keyset paging newest first; AuditService's permission check (supervisors and admins;
// anyone else is refused and the refusal recorded), the CSV export (byte order mark, neutralised formulas, recorded
// as "audit.export") and chain verification through the service. The log is written by a TestFirm's people with a
// FakeClock; a large log checks that every page is an indexed query.

#include "FakeClock.h"
#include "ResultAsserts.h"
#include "TestFirm.h"

#include "audit/AuditService.h"
#include "cases/CaseImport.h"
#include "store/AuditLog.h"
#include "store/Sqlite.h"
#include "store/Vault.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <set>

using namespace claimdesk;
using namespace claimdesk::core;

namespace {

// Appends one entry as `vault`'s user, in its own transaction (as a service would).
void log(Vault& vault, const QString& action, const QString& entity, const QString& entityId,
         const QJsonObject& summary = {})
{
    auto tx = sql::Transaction::begin(vault.connection());
    QVERIFY(tx.ok());
    QVERIFY(vault.audit(action, entity, entityId, summary).ok());
    QVERIFY(tx->commit().ok());
}

QStringList actionsOf(const AuditPage& page)
{
    QStringList out;
    for (const AuditEntry& e : page.entries) {
        out << e.action;
    }
    return out;
}

// Everything matching, all pages.
std::vector<AuditEntry> all(AuditService& service, const AuditFilter& filter)
{
    std::vector<AuditEntry> out;
    qint64 before = 0;
    while (true) {
        auto page = service.query(filter, before, 3);
        if (!page) {
            qWarning("%s", qPrintable(page.error().message));
            return out;
        }
        out.insert(out.end(), page->entries.begin(), page->entries.end());
        if (!page->more) {
            return out;
        }
        before = page->entries.back().id;
    }
}

}  // namespace

class AuditQueryTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void filters_data();
    void filters();
    void localDaysAreWholeDaysInLocalTime();
    void pagesAreNewestFirstWithoutGapsOrRepeats();
    void aPageSizeOutOfRangeIsRefused();
    void readingIsRefusedForCaseRolesAndRecorded_data();
    void readingIsRefusedForCaseRolesAndRecorded();
    void supervisorsAndAdminsMayRead();
    void exportWritesSafeCsvAndIsRecorded();
    void exportNeverOverwritesAFile();
    void verifyChainNamesTheFirstBrokenLink_data();
    void verifyChainNamesTheFirstBrokenLink();
    void summaryLineIsShortAndReadable();
    void everyFilteredPageIsAnIndexedQuery_data();
    void everyFilteredPageIsAnIndexedQuery();

private:
    std::unique_ptr<test::TestFirm> m_firm;
    qint64 m_baseEntries = 0;  // entries before the test's own (the firm's set-up and today's sign-ins)
};

void AuditQueryTest::initTestCase()
{
    // Local days are Europe/London days in these tests, whatever the machine's zone.
    qputenv("TZ", "Europe/London");
}

void AuditQueryTest::init()
{
    m_firm = std::make_unique<test::TestFirm>();
    test::TestFirm& f = *m_firm;
    // Sign everyone in first, so their vault.unlock entries come before the test's entries.
    f.admin();
    f.supervisor();
    f.solicitor();
    f.paralegal();
    m_baseEntries = *f.admin().connection().scalarInt("SELECT count(*) FROM audit_log");

    // 25 Nov 2026, 10:00 UTC onwards, one entry a minute; then 26 Nov; then 27 Nov.
    f.clock().advanceSeconds(-2 * 86400 - 2 * 3600);
    log(f.solicitor(), QStringLiteral("case.create"), QStringLiteral("case"), QStringLiteral("BBK-2026-0001"));
    f.clock().advanceSeconds(60);
    log(f.solicitor(), QStringLiteral("case.update"), QStringLiteral("case"), QStringLiteral("BBK-2026-0001"),
        {{QStringLiteral("field"), QStringLiteral("stage")}});
    f.clock().advanceSeconds(60);
    log(f.paralegal(), QStringLiteral("case.create"), QStringLiteral("case"), QStringLiteral("BBK-2026-0002"));
    f.clock().advanceSeconds(86400);  // 26 Nov
    log(f.supervisor(), QStringLiteral("therapy.request.approve"), QStringLiteral("case"),
        QStringLiteral("BBK-2026-0001"), {{QStringLiteral("capPence"), 90000}});
    f.clock().advanceSeconds(60);
    log(f.supervisor(), QStringLiteral("therapy.budget.set"), QStringLiteral("therapy-fund"), QStringLiteral("2026"));
    f.clock().advanceSeconds(60);
    log(f.supervisor(), QStringLiteral("therapyx.other"), QStringLiteral("setting"), QStringLiteral("x"));
    f.clock().advanceSeconds(86400);  // 27 Nov
    log(f.admin(), QStringLiteral("setting.change"), QStringLiteral("setting"), QStringLiteral("firm.name"));
    f.clock().advanceSeconds(60);
    log(f.solicitor(), QStringLiteral("case.note.reveal"), QStringLiteral("case"), QStringLiteral("BBK-2026-0002"));
}

void AuditQueryTest::cleanup()
{
    m_firm.reset();
}

void AuditQueryTest::filters_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QStringList>("expected");  // newest first, the test's own entries only

    const QStringList noUser;
    QTest::addRow("user sol: their three entries, newest first")
        << QStringLiteral("sol") << QString() << QString()
        << QStringList {QStringLiteral("case.note.reveal"), QStringLiteral("case.update"),
                        QStringLiteral("case.create")};
    QTest::addRow("user in capitals: usernames are lower case")
        << QStringLiteral(" SOL ") << QString() << QStringLiteral("case.create")
        << QStringList {QStringLiteral("case.create")};
    QTest::addRow("case BBK-2026-0001: case and therapy entries about it")
        << QString() << QStringLiteral("BBK-2026-0001") << QString()
        << QStringList {QStringLiteral("therapy.request.approve"), QStringLiteral("case.update"),
                        QStringLiteral("case.create")};
    QTest::addRow("case reference in lower case")
        << QString() << QStringLiteral("bbk-2026-0002") << QString()
        << QStringList {QStringLiteral("case.note.reveal"), QStringLiteral("case.create")};
    QTest::addRow("action exact") << QString() << QString() << QStringLiteral("case.create")
                                  << QStringList {QStringLiteral("case.create"), QStringLiteral("case.create")};
    QTest::addRow("action 'therapy': everything below it, not 'therapyx'")
        << QString() << QString() << QStringLiteral("therapy")
        << QStringList {QStringLiteral("therapy.budget.set"), QStringLiteral("therapy.request.approve")};
    QTest::addRow("action 'therapy.' with the dot: the same")
        << QString() << QString() << QStringLiteral("therapy.")
        << QStringList {QStringLiteral("therapy.budget.set"), QStringLiteral("therapy.request.approve")};
    QTest::addRow("action 'case.note': case.note.reveal, not case.create")
        << QString() << QString() << QStringLiteral("case.note") << QStringList {QStringLiteral("case.note.reveal")};
    QTest::addRow("action 'case.c' is not a prefix at a dot: nothing")
        << QString() << QString() << QStringLiteral("case.c") << QStringList {};
    QTest::addRow("user and case together") << QStringLiteral("sam") << QStringLiteral("BBK-2026-0001") << QString()
                                            << QStringList {QStringLiteral("therapy.request.approve")};
    QTest::addRow("user, case and action: none match all three")
        << QStringLiteral("pat") << QStringLiteral("BBK-2026-0001") << QStringLiteral("case") << QStringList {};
}

void AuditQueryTest::filters()
{
    QFETCH(QString, user);
    QFETCH(QString, reference);
    QFETCH(QString, action);
    QFETCH(QStringList, expected);
    AuditService service(m_firm->supervisor());
    AuditFilter filter;
    filter.username = user;
    filter.caseReference = reference;
    filter.action = action;
    QStringList got;
    qint64 previous = std::numeric_limits<qint64>::max();
    for (const AuditEntry& e : all(service, filter)) {
        QVERIFY(e.id < previous);
        previous = e.id;
        if (e.id > m_baseEntries) {
            got << e.action;
        }
    }
    QCOMPARE(got, expected);
}

void AuditQueryTest::localDaysAreWholeDaysInLocalTime()
{
    AuditService service(m_firm->admin());
    AuditFilter filter;
    filter.setLocalDays(QDate(2026, 11, 26), QDate(2026, 11, 26));
    QCOMPARE(filter.fromUtc, QDateTime(QDate(2026, 11, 26), QTime(0, 0), Qt::UTC));  // GMT in November
    QCOMPARE(filter.untilUtc, QDateTime(QDate(2026, 11, 27), QTime(0, 0), Qt::UTC));
    auto page = service.query(filter);
    QVERIFY(page.ok());
    QCOMPARE(actionsOf(*page),
             (QStringList {QStringLiteral("therapyx.other"), QStringLiteral("therapy.budget.set"),
                           QStringLiteral("therapy.request.approve")}));

    // Open at one end: from 27 Nov on (today's sign-ins were before the clock went back, at noon on 27 Nov).
    filter.setLocalDays(QDate(2026, 11, 27), QDate());
    QVERIFY(!filter.untilUtc.isValid());
    page = service.query(filter);
    QVERIFY(page.ok());
    QVERIFY(actionsOf(*page).contains(QStringLiteral("setting.change")));
    QVERIFY(!actionsOf(*page).contains(QStringLiteral("therapy.budget.set")));

    // Summer time: a day in July starts at 23:00 UTC the day before.
    filter.setLocalDays(QDate(2026, 7, 1), QDate(2026, 7, 1));
    QCOMPARE(filter.fromUtc, QDateTime(QDate(2026, 6, 30), QTime(23, 0), Qt::UTC));
    QCOMPARE(filter.untilUtc, QDateTime(QDate(2026, 7, 1), QTime(23, 0), Qt::UTC));
    page = service.query(filter);
    QVERIFY(page.ok());
    QVERIFY(page->entries.empty());
    QVERIFY(!page->more);
}

void AuditQueryTest::pagesAreNewestFirstWithoutGapsOrRepeats()
{
    Vault& sam = m_firm->supervisor();
    {
        auto tx = sql::Transaction::begin(sam.connection());
        QVERIFY(tx.ok());
        for (int i = 0; i < 450; ++i) {
            QVERIFY(sam.audit(QStringLiteral("case.update"), QStringLiteral("case"), QStringLiteral("BBK-2026-0100"),
                              {{QStringLiteral("n"), i}})
                        .ok());
        }
        QVERIFY(tx->commit().ok());
    }
    AuditService service(sam);
    AuditFilter filter;
    filter.caseReference = QStringLiteral("BBK-2026-0100");
    std::vector<int> sizes;
    std::set<qint64> seen;
    qint64 before = 0;
    int expectedN = 449;
    while (true) {
        auto page = service.query(filter, before, 200);
        QVERIFY(page.ok());
        sizes.push_back(static_cast<int>(page->entries.size()));
        for (const AuditEntry& e : page->entries) {
            QVERIFY(seen.insert(e.id).second);
            QCOMPARE(e.summary.value(QStringLiteral("n")).toInt(), expectedN--);
        }
        if (!page->more) {
            break;
        }
        before = page->entries.back().id;
    }
    QCOMPARE(sizes, (std::vector<int> {200, 200, 50}));
    QCOMPARE(expectedN, -1);

    // Exactly a page's worth: no empty extra page is promised.
    auto exact = service.query(filter, 0, 450);
    QVERIFY(exact.ok());
    QCOMPARE(exact->entries.size(), size_t {450});
    QVERIFY(!exact->more);
}

void AuditQueryTest::aPageSizeOutOfRangeIsRefused()
{
    AuditService service(m_firm->admin());
    for (int limit : {0, -1, AuditLog::kMaxPageSize + 1}) {
        auto page = service.query({}, 0, limit);
        QVERIFY(!page.ok());
        QCOMPARE(page.error().code, ErrorCode::InvalidInput);
    }
}

void AuditQueryTest::readingIsRefusedForCaseRolesAndRecorded_data()
{
    QTest::addColumn<QString>("username");
    QTest::addRow("solicitor") << QStringLiteral("sol");
    QTest::addRow("paralegal") << QStringLiteral("pat");
}

void AuditQueryTest::readingIsRefusedForCaseRolesAndRecorded()
{
    QFETCH(QString, username);
    Vault& vault = m_firm->session(username);
    AuditService service(vault);
    const QString file
        = QDir(QDir::tempPath()).filePath(QStringLiteral("claimdesk-audit-refused-%1.csv").arg(username));
    QFile::remove(file);

    auto page = service.query({});
    QVERIFY(!page.ok());
    QCOMPARE(page.error().code, ErrorCode::PermissionDenied);
    auto names = service.usernames();
    QVERIFY(!names.ok());
    QCOMPARE(names.error().code, ErrorCode::PermissionDenied);
    auto exported = service.exportCsv({}, file);
    QVERIFY(!exported.ok());
    QCOMPARE(exported.error().code, ErrorCode::PermissionDenied);
    QVERIFY(!QFile::exists(file));

    AuditService reader(m_firm->admin());
    AuditFilter refusals;
    refusals.username = username;
    refusals.action = QStringLiteral("permission.denied");
    auto recorded = reader.query(refusals);
    QVERIFY(recorded.ok());
    QCOMPARE(recorded->entries.size(), size_t {3});
    QCOMPARE(recorded->entries.front().summary.value(QStringLiteral("attempted")).toString(),
             QStringLiteral("export the audit log"));
    QCOMPARE(recorded->entries.back().summary.value(QStringLiteral("attempted")).toString(),
             QStringLiteral("read the audit log"));
    QCOMPARE(recorded->entries.back().summary.value(QStringLiteral("role")).toString(),
             roleName(vault.currentUser().role));
    QVERIFY(reader.verifyChain()->intact);
}

void AuditQueryTest::supervisorsAndAdminsMayRead()
{
    for (Vault* vault : {&m_firm->supervisor(), &m_firm->admin()}) {
        AuditService service(*vault);
        auto page = service.query({});
        QVERIFY(page.ok());
        QCOMPARE(page->entries.front().action, QStringLiteral("case.note.reveal"));
        auto names = service.usernames();
        QVERIFY(names.ok());
        QCOMPARE(*names,
                 (QStringList {QStringLiteral("ada"), QStringLiteral("oli"), QStringLiteral("pat"),
                               QStringLiteral("sam"), QStringLiteral("sol")}));
    }
    // Listing leaves no entry (see AuditService).
    const qint64 before = *m_firm->admin().connection().scalarInt("SELECT count(*) FROM audit_log");
    QVERIFY_OK(AuditService(m_firm->admin()).query({}));
    QCOMPARE(*m_firm->admin().connection().scalarInt("SELECT count(*) FROM audit_log"), before);
}

void AuditQueryTest::exportWritesSafeCsvAndIsRecorded()
{
    log(m_firm->solicitor(), QStringLiteral("case.update"), QStringLiteral("case"), QStringLiteral("=HYPERLINK(1)"),
        {{QStringLiteral("note"), QStringLiteral("Zoë, \"quoted\"")}});
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("audit.csv"));
    AuditService service(m_firm->supervisor());
    AuditFilter filter;
    filter.username = QStringLiteral("sol");
    auto written = service.exportCsv(filter, file);
    QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    const CsvDocument doc = Csv::parse(bytes);
    QVERIFY(doc.problems.isEmpty());
    QCOMPARE(doc.header.fields, AuditService::csvHeader());
    QCOMPARE(static_cast<qint64>(doc.records.size()), *written);
    const QStringList first = doc.records.front().fields;
    QCOMPARE(first.at(5), QStringLiteral("'=HYPERLINK(1)"));  // neutralised, never a formula
    QCOMPARE(first.at(3), QStringLiteral("case.update"));
    QCOMPARE(first.at(2), QStringLiteral("sol"));
    QVERIFY(QDateTime::fromString(first.at(1), Qt::ISODate).isValid());
    QVERIFY(first.at(1).endsWith(QLatin1Char('Z')));
    QCOMPARE(QJsonDocument::fromJson(first.at(6).toUtf8()).object().value(QStringLiteral("note")).toString(),
             QStringLiteral("Zoë, \"quoted\""));
    for (const CsvRecord& r : doc.records) {
        QCOMPARE(r.fields.at(2), QStringLiteral("sol"));
    }

    AuditFilter exports;
    exports.action = QStringLiteral("audit.export");
    auto recorded = service.query(exports);
    QVERIFY(recorded.ok());
    QCOMPARE(recorded->entries.size(), size_t {1});
    const AuditEntry& e = recorded->entries.front();
    QCOMPARE(e.username, QStringLiteral("sam"));
    QCOMPARE(e.summary.value(QStringLiteral("entries")).toInteger(), *written);
    QCOMPARE(e.summary.value(QStringLiteral("filter")).toObject().value(QStringLiteral("user")).toString(),
             QStringLiteral("sol"));
}

void AuditQueryTest::exportNeverOverwritesAFile()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("there.csv"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep me");
    }
    auto written = AuditService(m_firm->admin()).exportCsv({}, file);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, ErrorCode::AlreadyExists);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("keep me"));
}

void AuditQueryTest::verifyChainNamesTheFirstBrokenLink_data()
{
    QTest::addColumn<QByteArray>("tamper");
    QTest::addColumn<qint64>("firstBroken");  // relative to the first of the test's entries (offset 0)
    QTest::addColumn<QString>("problem");
    QTest::addRow("edited: the user of the second entry changed")
        << QByteArray("UPDATE audit_log SET username = 'ada' WHERE id = %2") << qint64 {1} << QStringLiteral("altered");
    QTest::addRow("edited: the case of the third entry")
        << QByteArray("UPDATE audit_log SET entity_id = 'BBK-2026-9999' WHERE id = %3") << qint64 {2}
        << QStringLiteral("altered");
    QTest::addRow("edited: the summary of the second entry")
        << QByteArray("UPDATE audit_log SET summary = '{}' WHERE id = %2") << qint64 {1} << QStringLiteral("altered");
    QTest::addRow("deleted: the second entry")
        << QByteArray("DELETE FROM audit_log WHERE id = %2") << qint64 {2} << QStringLiteral("deleted or reordered");
    QTest::addRow("reordered: the first two entries swap ids")
        << QByteArray("UPDATE audit_log SET id = -id WHERE id IN (%1, %2); "
                      "UPDATE audit_log SET id = CASE id WHEN -%1 THEN %2 ELSE %1 END WHERE id < 0")
        << qint64 {0} << QString();
}

void AuditQueryTest::verifyChainNamesTheFirstBrokenLink()
{
    QFETCH(QByteArray, tamper);
    QFETCH(qint64, firstBroken);
    QFETCH(QString, problem);
    Vault& ada = m_firm->admin();
    AuditService service(ada);
    QVERIFY(service.verifyChain()->intact);
    const qint64 first = m_baseEntries + 1;
    QByteArray sql = tamper;
    sql.replace("%1", QByteArray::number(first)).replace("%2", QByteArray::number(first + 1));
    sql.replace("%3", QByteArray::number(first + 2));
    QVERIFY(ada.connection().exec(sql.constData()).ok());
    auto report = service.verifyChain();
    QVERIFY(report.ok());
    QVERIFY(!report->intact);
    QCOMPARE(report->firstBrokenId, first + firstBroken);
    QVERIFY2(report->problem.contains(problem), qPrintable(report->problem));
    // Any signed-in user may check the chain (it shows no content), like `vault check`.
    QVERIFY(!AuditService(m_firm->paralegal()).verifyChain()->intact);
}

void AuditQueryTest::summaryLineIsShortAndReadable()
{
    const QJsonObject summary {{QStringLiteral("field"), QStringLiteral("stage")},
                               {QStringLiteral("old"), QJsonObject {{QStringLiteral("a"), 1}}},
                               {QStringLiteral("pence"), 90000},
                               {QStringLiteral("urgent"), true}};
    QCOMPARE(AuditService::summaryLine(summary),
             QStringLiteral("field: stage; old: {\"a\":1}; pence: 90000; urgent: true"));
    const QString cut = AuditService::summaryLine(summary, 20);
    QCOMPARE(cut.size(), 20);
    QVERIFY(cut.endsWith(QChar(0x2026)));
    QCOMPARE(AuditService::summaryLine({}), QString());
}

void AuditQueryTest::everyFilteredPageIsAnIndexedQuery_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("dates");
    QTest::addRow("no filter") << QString() << QString() << QString() << false;
    QTest::addRow("user") << QStringLiteral("sam") << QString() << QString() << false;
    QTest::addRow("case") << QString() << QStringLiteral("BBK-2020-0001") << QString() << false;
    QTest::addRow("action prefix") << QString() << QString() << QStringLiteral("therapy") << false;
    QTest::addRow("rare action") << QString() << QString() << QStringLiteral("audit.export") << false;
    QTest::addRow("user and dates") << QStringLiteral("sam") << QString() << QString() << true;
    QTest::addRow("dates") << QString() << QString() << QString() << true;
}

// 300,000 entries (CLAIMDESK_AUDIT_ROWS to try a million; raw rows: the chain does not matter here). Each first page
// must come back quickly; the plan is printed for the record. A page is an indexed query, so it does not grow with the
// log.
void AuditQueryTest::everyFilteredPageIsAnIndexedQuery()
{
    QFETCH(QString, user);
    QFETCH(QString, reference);
    QFETCH(QString, action);
    QFETCH(bool, dates);
    static std::unique_ptr<test::TestFirm> big;
    if (!big) {
        big = std::make_unique<test::TestFirm>();
        Vault& ada = big->admin();
        auto tx = sql::Transaction::begin(ada.connection());
        QVERIFY(tx.ok());
        auto insert = ada.connection().prepare(
            "INSERT INTO audit_log (at, username, action, entity, entity_id, summary, prev_hash, hash) "
            "VALUES (?1, ?2, ?3, 'case', ?4, '{\"field\":\"stage\"}', '', '')");
        QVERIFY(insert.ok());
        const QStringList users {QStringLiteral("sol"), QStringLiteral("pat"), QStringLiteral("oli"),
                                 QStringLiteral("sam")};
        const QStringList actions {QStringLiteral("case.update"), QStringLiteral("case.note.add"),
                                   QStringLiteral("deadline.recompute"), QStringLiteral("therapy.session.add")};
        QDateTime at(QDate(2020, 1, 1), QTime(9, 0), Qt::UTC);
        const int rows = qEnvironmentVariableIsSet("CLAIMDESK_AUDIT_ROWS")
            ? qEnvironmentVariableIntValue("CLAIMDESK_AUDIT_ROWS")
            : 300000;
        for (int i = 0; i < rows; ++i) {
            at = at.addSecs(300);
            insert->bind(1, at.toString(Qt::ISODateWithMs))
                .bind(2, users.at(i % 4))
                .bind(3, actions.at((i / 4) % 4))
                .bind(4, QStringLiteral("BBK-2020-%1").arg(i % 5000, 4, 10, QLatin1Char('0')));
            QVERIFY(insert->run().ok());
            insert->reset();
        }
        QVERIFY(tx->commit().ok());
    }
    Vault& ada = big->admin();
    AuditFilter filter;
    filter.username = user;
    filter.caseReference = reference;
    filter.action = action;
    if (dates) {
        filter.setLocalDays(QDate(2021, 3, 1), QDate(2021, 3, 31));
    }
    AuditService service(ada);
    QElapsedTimer timer;
    timer.start();
    auto page = service.query(filter, 0, 200);
    QVERIFY(page.ok());
    auto next = page->more ? service.query(filter, page->entries.back().id, 200) : page;
    QVERIFY(next.ok());
    const qint64 ms = timer.elapsed();
    qInfo("%s: %d + %d entries in %lld ms", QTest::currentDataTag(), static_cast<int>(page->entries.size()),
          static_cast<int>(next->entries.size()), ms);
    QVERIFY(!page->entries.empty() || action == QStringLiteral("audit.export"));
    QVERIFY2(ms < 2000, "two pages of the audit log took more than two seconds");
}

QTEST_GUILESS_MAIN(AuditQueryTest)
#include "tst_audit_query.moc"
