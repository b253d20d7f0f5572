#include "TestVault.h"

#include "store/AuditLog.h"
#include "store/Sqlite.h"

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

QTEST_GUILESS_MAIN(AuditLogTest)
#include "tst_audit_log.moc"
