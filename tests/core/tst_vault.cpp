#include "TestVault.h"

#include "store/Keyring.h"

#include <QFile>
#include <QTest>

using namespace claimdesk;
using namespace claimdesk::core;

class VaultTest : public QObject {
    Q_OBJECT
private slots:
    void createUnlockLockRoundTrip();
};

void VaultTest::createUnlockLockRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("test.claimdesk"));
    {
        auto vault = test::createVault(dir);
        QCOMPARE(vault->currentUser().role, Role::Admin);
        vault->lock();
        QVERIFY(!vault->isUnlocked());
    }
    auto again = Vault::unlock(path, QStringLiteral("ADA"), test::kAdminPassphrase, test::fastOptions(dir));
    QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().message));
    QCOMPARE((*again)->currentUser().displayName, QStringLiteral("Ada Admin"));
    auto report = (*again)->checkIntegrity();
    QVERIFY(report.ok());
    QVERIFY2(report->ok, qPrintable(report->problems.join(QLatin1Char('\n'))));
    qDebug() << report->cipherVersion << report->cipherProfile << report->audit.entries;
}

QTEST_GUILESS_MAIN(VaultTest)
#include "tst_vault.moc"
