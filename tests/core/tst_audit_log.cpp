#include "ResultAsserts.h"
#include "TestFirm.h"
#include "TestVault.h"

#include "audit/AuditService.h"
#include "cases/CaseService.h"

#include "store/AuditLog.h"
#include "store/Sqlite.h"

#include <QJsonDocument>
#include <QTest>

using namespace claimdesk;
using namespace claimdesk::core;

class AuditLogTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void freshChainIsIntact();
    void editedRowIsDetected();
    void deletedMiddleRowIsDetected();
    void deletedNewestRowIsDetected();
    void reorderedRowsAreDetected();
    void caseDetailsAreSealedAndBoundToTheirEntry();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Vault> m_vault;
};

void AuditLogTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_vault = test::createVault(*m_dir);
    for (int i = 0; i < 5; ++i) {
        QVERIFY(m_vault->setSetting(QStringLiteral("k%1").arg(i), QStringLiteral("v%1").arg(i)).ok());
    }
}

void AuditLogTest::cleanup()
{
    m_vault.reset();
    m_dir.reset();
}

void AuditLogTest::freshChainIsIntact()
{
    auto report = AuditLog::verify(m_vault->connection());
    QVERIFY(report.ok());
    QVERIFY(report->intact);
    QCOMPARE(report->entries, qint64{7});  // create, add admin, five settings
    QCOMPARE(report->firstBrokenId, qint64{0});
}

void AuditLogTest::editedRowIsDetected()
{
    QVERIFY(m_vault->connection().exec("UPDATE audit_log SET username = 'someone-else' WHERE id = 4").ok());
    auto report = AuditLog::verify(m_vault->connection());
    QVERIFY(report.ok());
    QVERIFY(!report->intact);
    QCOMPARE(report->firstBrokenId, qint64{4});
    QVERIFY(report->problem.contains(QStringLiteral("altered")));
}

void AuditLogTest::deletedMiddleRowIsDetected()
{
    QVERIFY(m_vault->connection().exec("DELETE FROM audit_log WHERE id = 3").ok());
    auto report = AuditLog::verify(m_vault->connection());
    QVERIFY(report.ok());
    QVERIFY(!report->intact);
    QCOMPARE(report->firstBrokenId, qint64{4});
}

void AuditLogTest::deletedNewestRowIsDetected()
{
    QVERIFY(m_vault->connection().exec("DELETE FROM audit_log WHERE id = 7").ok());
    auto report = AuditLog::verify(m_vault->connection());
    QVERIFY(report.ok());
    QVERIFY(!report->intact);
    QVERIFY(report->problem.contains(QStringLiteral("newest entries")));
    QVERIFY(!m_vault->checkIntegrity()->ok);
}

void AuditLogTest::reorderedRowsAreDetected()
{
    // Swap the content of rows 3 and 4 while keeping their ids.
    QVERIFY(m_vault->connection().exec(R"sql(
        CREATE TEMP TABLE swap AS SELECT * FROM audit_log WHERE id IN (3, 4);
        UPDATE audit_log SET at = (SELECT at FROM swap WHERE id = 7 - audit_log.id),
                             action = (SELECT action FROM swap WHERE id = 7 - audit_log.id),
                             entity_id = (SELECT entity_id FROM swap WHERE id = 7 - audit_log.id),
                             summary = (SELECT summary FROM swap WHERE id = 7 - audit_log.id),
                             prev_hash = (SELECT prev_hash FROM swap WHERE id = 7 - audit_log.id),
                             hash = (SELECT hash FROM swap WHERE id = 7 - audit_log.id)
        WHERE id IN (3, 4);
    )sql").ok());
    auto report = AuditLog::verify(m_vault->connection());
    QVERIFY(report.ok());
    QVERIFY(!report->intact);
    QCOMPARE(report->firstBrokenId, qint64{3});
}

// Entries about a case are stored sealed under the case's key: the client's name is not in the stored log, the
// entries open for reading, and a sealed summary moved onto another entry of the same case does not open there (the
// entry id is part of what the seal authenticates), besides breaking the chain.
void AuditLogTest::caseDetailsAreSealedAndBoundToTheirEntry()
{
    test::TestFirm firm;
    CaseService cases(firm.solicitor());
    NewCase n;
    n.client.fullName = QStringLiteral("Hepzibah Sealmarker");
    n.client.dateOfBirth = QDate(1979, 3, 4);
    n.feeEarner = QStringLiteral("sol");
    n.supervisor = QStringLiteral("sam");
    n.openedOn = QDate(2026, 11, 1);
    n.safeguarding.suicidalThoughts = SuicidalThoughts::None;
    auto created = cases.create(n);
    QVERIFY_OK(created);
    CaseRecord record = *created;
    record.client.fullName = QStringLiteral("Hepzibah Sealmarker-Jones");
    QVERIFY_OK(cases.save(record));

    sql::Connection& db = firm.solicitor().connection();
    auto stored = db.scalarText("SELECT group_concat(summary, ' ') FROM audit_log WHERE entity = 'case'");
    QVERIFY_OK(stored);
    QVERIFY(stored->contains(QStringLiteral("\"sealed\"")));
    QVERIFY(!stored->contains(QStringLiteral("Sealmarker")));

    auto entries = AuditLog::listFor(db, QStringLiteral("case"), record.reference);
    QVERIFY_OK(entries);
    QCOMPARE(entries->size(), std::size_t {2});  // case.create, case.update
    for (const AuditEntry& e : *entries) {
        QCOMPARE(e.details, AuditEntry::Details::Opened);
    }
    QVERIFY(QJsonDocument(entries->back().summary).toJson().contains("Sealmarker-Jones"));
    QVERIFY(AuditService::detailsLine(entries->back()).contains(QStringLiteral("Sealmarker-Jones")));

    const qint64 createId = entries->front().id;
    const qint64 updateId = entries->back().id;
    auto move = db.prepare("UPDATE audit_log SET summary = (SELECT summary FROM audit_log WHERE id = ?1) WHERE id = ?2");
    QVERIFY_OK(move);
    QVERIFY_OK(move->bind(1, createId).bind(2, updateId).run());
    move.value() = {};
    auto moved = AuditLog::listFor(db, QStringLiteral("case"), record.reference);
    QVERIFY_OK(moved);
    QCOMPARE(moved->front().details, AuditEntry::Details::Opened);
    QCOMPARE(moved->back().details, AuditEntry::Details::Damaged);
    QVERIFY(moved->back().summary.isEmpty());
    QVERIFY(AuditService::detailsLine(moved->back()).contains(QStringLiteral("altered")));
    auto report = AuditLog::verify(db);
    QVERIFY_OK(report);
    QVERIFY(!report->intact);
    QCOMPARE(report->firstBrokenId, updateId);
}

QTEST_GUILESS_MAIN(AuditLogTest)
#include "tst_audit_log.moc"
