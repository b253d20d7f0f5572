// The firm's maximum auto-lock delay (issue 7, "Session safety"): the rule (the shorter of the person's preference
// and the firm maximum), how a stored value reads, and the vault setting: anyone may read it, only an admin may set
// it (refusals recorded), values outside 1–240 minutes are refused, and every change is audited with old and new.

#include "ResultAsserts.h"
#include "TestVault.h"

#include "store/SessionPolicy.h"
#include "store/Vault.h"

#include <QTest>

#include <optional>

using namespace claimdesk;
using namespace claimdesk::core;

namespace {

const QByteArray kSamOneTime = QByteArrayLiteral("sam one-time passphrase");
const QByteArray kSamOwn = QByteArrayLiteral("sam's own long passphrase");

std::vector<AuditEntry> entriesWithAction(Vault& vault, const QString& action)
{
    std::vector<AuditEntry> found;
    auto entries = vault.auditEntries();
    if (!entries) {
        qWarning("%s", qPrintable(entries.error().message));
        return found;
    }
    for (const AuditEntry& e : *entries) {
        if (e.action == action) {
            found.push_back(e);
        }
    }
    return found;
}

}  // namespace

class SessionPolicyTest : public QObject {
    Q_OBJECT
private slots:
    void effectiveDelayIsTheShorterOfPreferenceAndFirmMaximum_data();
    void effectiveDelayIsTheShorterOfPreferenceAndFirmMaximum();
    void storedValueReadsSafely_data();
    void storedValueReadsSafely();
    void noMaximumUntilAnAdminSetsOne();
    void adminSetsTheMaximumAndEachChangeIsAudited();
    void valuesOutsideOneTo240MinutesAreRefused_data();
    void valuesOutsideOneTo240MinutesAreRefused();
    void supervisorIsRefusedAndTheRefusalIsRecorded();
    void personOnAOneTimePassphraseStillReadsTheMaximum();
};

void SessionPolicyTest::effectiveDelayIsTheShorterOfPreferenceAndFirmMaximum_data()
{
    QTest::addColumn<int>("preferred");
    QTest::addColumn<std::optional<int>>("firmMaximum");
    QTest::addColumn<int>("expected");
    QTest::addRow("no firm maximum: the preference, 30") << 30 << std::optional<int>() << 30;
    QTest::addRow("preference 30 over firm maximum 10: 10") << 30 << std::optional<int>(10) << 10;
    QTest::addRow("preference 3 under firm maximum 10: 3") << 3 << std::optional<int>(10) << 3;
    QTest::addRow("preference equals the maximum, 15: 15") << 15 << std::optional<int>(15) << 15;
    QTest::addRow("preference 0 (bad settings file) rises to 1") << 0 << std::optional<int>() << 1;
    QTest::addRow("preference 999 (bad settings file) falls to 240") << 999 << std::optional<int>() << 240;
    QTest::addRow("firm maximum 0 (never stored by ClaimDesk) still locks after 1") << 30 << std::optional<int>(0) << 1;
}

void SessionPolicyTest::effectiveDelayIsTheShorterOfPreferenceAndFirmMaximum()
{
    QFETCH(int, preferred);
    QFETCH(std::optional<int>, firmMaximum);
    QFETCH(int, expected);
    QCOMPARE(SessionPolicy::effectiveAutoLockMinutes(preferred, firmMaximum), expected);
}

void SessionPolicyTest::storedValueReadsSafely_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<std::optional<int>>("expected");
    QTest::addRow("nothing stored: no maximum") << QString() << std::optional<int>();
    QTest::addRow("\"10\": 10 minutes") << QStringLiteral("10") << std::optional<int>(10);
    QTest::addRow("\" 20 \": 20 minutes") << QStringLiteral(" 20 ") << std::optional<int>(20);
    QTest::addRow("\"500\": brought down to 240") << QStringLiteral("500") << std::optional<int>(240);
    QTest::addRow("\"0\": brought up to 1") << QStringLiteral("0") << std::optional<int>(1);
    QTest::addRow("\"ten\" (damaged): the 5-minute default, never no limit")
        << QStringLiteral("ten") << std::optional<int>(5);
}

void SessionPolicyTest::storedValueReadsSafely()
{
    QFETCH(QString, stored);
    QFETCH(std::optional<int>, expected);
    QCOMPARE(SessionPolicy::parseMaxAutoLock(stored), expected);
}

void SessionPolicyTest::noMaximumUntilAnAdminSetsOne()
{
    QTemporaryDir dir;
    auto vault = test::createVault(dir);
    SessionPolicy policy(*vault);
    auto maximum = policy.maxAutoLockMinutes();
    QVERIFY_OK(maximum);
    QVERIFY(!maximum->has_value());
}

void SessionPolicyTest::adminSetsTheMaximumAndEachChangeIsAudited()
{
    QTemporaryDir dir;
    auto vault = test::createVault(dir);
    SessionPolicy policy(*vault);
    QVERIFY_OK(policy.setMaxAutoLockMinutes(10));
    auto maximum = policy.maxAutoLockMinutes();
    QVERIFY_OK(maximum);
    QCOMPARE(*maximum, std::optional<int>(10));
    QVERIFY_OK(policy.setMaxAutoLockMinutes(15));
    QCOMPARE(*policy.maxAutoLockMinutes(), std::optional<int>(15));
    auto stored = vault->setting(SessionPolicy::maxAutoLockSetting());
    QVERIFY_OK(stored);
    QCOMPARE(*stored, QStringLiteral("15"));

    const std::vector<AuditEntry> changes = entriesWithAction(*vault, QStringLiteral("session.policy.set"));
    QCOMPARE(changes.size(), std::size_t {2});
    QCOMPARE(changes[0].username, QStringLiteral("ada"));
    QCOMPARE(changes[0].entityId, QStringLiteral("session.maxAutoLockMinutes"));
    QVERIFY(changes[0].summary.value(QStringLiteral("oldMaxAutoLockMinutes")).isNull());
    QCOMPARE(changes[0].summary.value(QStringLiteral("newMaxAutoLockMinutes")).toInt(), 10);
    QCOMPARE(changes[1].summary.value(QStringLiteral("oldMaxAutoLockMinutes")).toInt(), 10);
    QCOMPARE(changes[1].summary.value(QStringLiteral("newMaxAutoLockMinutes")).toInt(), 15);

    // It is kept in the vault: the next session (on any computer) reads it.
    vault->lock();
    auto again = Vault::unlock(dir.filePath(QStringLiteral("test.claimdesk")), QStringLiteral("ada"),
                               test::kAdminPassphrase, test::fastOptions(dir));
    QVERIFY_OK(again);
    QCOMPARE(*SessionPolicy(**again).maxAutoLockMinutes(), std::optional<int>(15));
}

void SessionPolicyTest::valuesOutsideOneTo240MinutesAreRefused_data()
{
    QTest::addColumn<int>("minutes");
    QTest::addRow("0 minutes") << 0;
    QTest::addRow("-5 minutes") << -5;
    QTest::addRow("241 minutes") << 241;
}

void SessionPolicyTest::valuesOutsideOneTo240MinutesAreRefused()
{
    QFETCH(int, minutes);
    QTemporaryDir dir;
    auto vault = test::createVault(dir);
    SessionPolicy policy(*vault);
    QVERIFY_OK(policy.setMaxAutoLockMinutes(20));
    QCOMPARE_ERROR(policy.setMaxAutoLockMinutes(minutes), ErrorCode::InvalidInput);
    QCOMPARE(*policy.maxAutoLockMinutes(), std::optional<int>(20));
    QCOMPARE(entriesWithAction(*vault, QStringLiteral("session.policy.set")).size(), std::size_t {1});
    // The bounds themselves are fine.
    QVERIFY_OK(policy.setMaxAutoLockMinutes(1));
    QVERIFY_OK(policy.setMaxAutoLockMinutes(240));
}

void SessionPolicyTest::supervisorIsRefusedAndTheRefusalIsRecorded()
{
    QTemporaryDir dir;
    auto admin = test::createVault(dir);
    QVERIFY_OK(admin->addUser({QStringLiteral("sam"), QStringLiteral("Sam Supervisor"), Role::Supervisor}, kSamOneTime));
    QVERIFY_OK(SessionPolicy(*admin).setMaxAutoLockMinutes(10));
    admin->lock();
    const QString path = dir.filePath(QStringLiteral("test.claimdesk"));
    {
        auto sam = Vault::unlock(path, QStringLiteral("sam"), kSamOneTime, test::fastOptions(dir));
        QVERIFY_OK(sam);
        QVERIFY_OK((*sam)->changePassphrase(kSamOneTime, kSamOwn));
        SessionPolicy policy(**sam);
        QCOMPARE(*policy.maxAutoLockMinutes(), std::optional<int>(10));  // everyone reads it
        const auto refused = policy.setMaxAutoLockMinutes(240);
        QCOMPARE_ERROR(refused, ErrorCode::PermissionDenied);
        QVERIFY2(refused.error().message.contains(QStringLiteral("admin")), qPrintable(refused.error().message));
        QCOMPARE(*policy.maxAutoLockMinutes(), std::optional<int>(10));
    }
    auto again = Vault::unlock(path, QStringLiteral("ada"), test::kAdminPassphrase, test::fastOptions(dir));
    QVERIFY_OK(again);
    const std::vector<AuditEntry> denied = entriesWithAction(**again, QStringLiteral("permission.denied"));
    QCOMPARE(denied.size(), std::size_t {1});
    QCOMPARE(denied[0].username, QStringLiteral("sam"));
    QVERIFY(denied[0].summary.value(QStringLiteral("attempted")).toString().contains(QStringLiteral("auto-lock")));
    QCOMPARE(entriesWithAction(**again, QStringLiteral("session.policy.set")).size(), std::size_t {1});
}

void SessionPolicyTest::personOnAOneTimePassphraseStillReadsTheMaximum()
{
    QTemporaryDir dir;
    auto admin = test::createVault(dir);
    QVERIFY_OK(admin->addUser({QStringLiteral("sam"), QStringLiteral("Sam Supervisor"), Role::Supervisor}, kSamOneTime));
    QVERIFY_OK(SessionPolicy(*admin).setMaxAutoLockMinutes(7));
    admin->lock();
    auto sam = Vault::unlock(dir.filePath(QStringLiteral("test.claimdesk")), QStringLiteral("sam"), kSamOneTime,
                             test::fastOptions(dir));
    QVERIFY_OK(sam);
    QVERIFY((*sam)->currentUser().mustChangePassphrase);
    auto maximum = SessionPolicy(**sam).maxAutoLockMinutes();
    QVERIFY_OK(maximum);
    QCOMPARE(*maximum, std::optional<int>(7));
}

QTEST_GUILESS_MAIN(SessionPolicyTest)
#include "tst_session_policy.moc"
