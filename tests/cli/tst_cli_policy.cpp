// claimdesk-cli `policy` end to end (issue 7, "Session safety": the admin sets the maximum auto-lock delay): the real
// binary on an empty demo vault. Without --max-auto-lock anyone may read the firm's maximum; with it only an admin may
// set it (anyone else: exit 6 with the reason, and the refusal is recorded); values outside 1–240 minutes and
// malformed command lines are usage errors (exit 2) that change nothing; each change is audited with old and new.

#include "CliExit.h"
#include "CliRunner.h"
#include "TestVault.h"

#include "store/SessionPolicy.h"
#include "store/Vault.h"

#include <QTest>

using namespace claimdesk;
using claimdesk::cli::ExitStatus;
using claimdesk::test::CliResult;

namespace {

const QString kFastKdf = QStringLiteral("--kdf-profile=fast-insecure-for-tests");
const QByteArray kDemoPass = QByteArrayLiteral("demo-passphrase");

class Fixture : public test::CliRunner {
public:
    QString vault() const { return path(QStringLiteral("policy.claimdesk")); }

    CliResult demo() const
    {
        return run({QStringLiteral("demo"), vault(), QStringLiteral("--cases"), QStringLiteral("0"), kFastKdf});
    }
    CliResult policy(const QString& user, const QStringList& options = {}) const
    {
        return run(QStringList {QStringLiteral("policy"), vault(), QStringLiteral("--user"), user} + options,
                   {kDemoPass});
    }
    // The vault's audit entries with this action, read in-process as the demo admin.
    QList<core::AuditEntry> entries(const QString& action) const
    {
        QList<core::AuditEntry> found;
        auto opened = core::Vault::unlock(vault(), QStringLiteral("demo-admin"), kDemoPass, test::fastOptions(dir()));
        if (!opened) {
            qWarning("%s", qPrintable(opened.error().message));
            return found;
        }
        auto all = (*opened)->auditEntries();
        if (all) {
            for (const core::AuditEntry& e : *all) {
                if (e.action == action) {
                    found << e;
                }
            }
        }
        return found;
    }
};

}  // namespace

class CliPolicyTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void anyoneReadsItAndOnlyAnAdminSetsIt();
    void usageErrorsChangeNothing_data();
    void usageErrorsChangeNothing();
    void helpShowsTheUsageLineAndTheRule();

private:
    std::unique_ptr<Fixture> m_f;
};

void CliPolicyTest::initTestCase()
{
    m_f = std::make_unique<Fixture>();
    EXPECT_CLI_EXIT(m_f->demo(), ExitStatus::Success);
}

void CliPolicyTest::anyoneReadsItAndOnlyAnAdminSetsIt()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.demo(), ExitStatus::Success);

    const CliResult none = f.policy(QStringLiteral("demo-paralegal"));
    EXPECT_CLI_EXIT(none, ExitStatus::Success);
    QVERIFY2(none.out.contains(QStringLiteral("No firm maximum is set")), qPrintable(none.out));

    const CliResult refused = f.policy(QStringLiteral("demo-supervisor"), {QStringLiteral("--max-auto-lock"),
                                                                           QStringLiteral("10")});
    EXPECT_CLI_EXIT(refused, ExitStatus::PermissionDenied);
    QVERIFY(refused.out.isEmpty());
    QVERIFY2(refused.err.contains(QStringLiteral("Only an admin can do this (set the firm's maximum auto-lock delay)")),
             qPrintable(refused.err));

    const CliResult set = f.policy(QStringLiteral("demo-admin"), {QStringLiteral("--max-auto-lock"),
                                                                   QStringLiteral("10")});
    EXPECT_CLI_EXIT(set, ExitStatus::Success);
    QVERIFY2(set.out.contains(QStringLiteral("at most 10 minutes")), qPrintable(set.out));

    const CliResult read = f.policy(QStringLiteral("demo-solicitor"));
    EXPECT_CLI_EXIT(read, ExitStatus::Success);
    QVERIFY2(read.out.contains(QStringLiteral("at most 10 minutes")), qPrintable(read.out));

    const CliResult lowered = f.policy(QStringLiteral("demo-admin"), {QStringLiteral("--max-auto-lock=3")});
    EXPECT_CLI_EXIT(lowered, ExitStatus::Success);
    QVERIFY2(lowered.out.contains(QStringLiteral("at most 3 minutes")), qPrintable(lowered.out));

    const QList<core::AuditEntry> changes = f.entries(QStringLiteral("session.policy.set"));
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes[0].username, QStringLiteral("demo-admin"));
    QVERIFY(changes[0].summary.value(QStringLiteral("oldMaxAutoLockMinutes")).isNull());
    QCOMPARE(changes[0].summary.value(QStringLiteral("newMaxAutoLockMinutes")).toInt(), 10);
    QCOMPARE(changes[1].summary.value(QStringLiteral("oldMaxAutoLockMinutes")).toInt(), 10);
    QCOMPARE(changes[1].summary.value(QStringLiteral("newMaxAutoLockMinutes")).toInt(), 3);
    const QList<core::AuditEntry> denied = f.entries(QStringLiteral("permission.denied"));
    QCOMPARE(denied.size(), 1);
    QCOMPARE(denied[0].username, QStringLiteral("demo-supervisor"));
    QCOMPARE(denied[0].summary.value(QStringLiteral("attempted")).toString(),
             QStringLiteral("set the firm's maximum auto-lock delay"));
}

void CliPolicyTest::usageErrorsChangeNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::addRow("0 minutes") << QStringList {QStringLiteral("--max-auto-lock"), QStringLiteral("0")}
                               << QStringLiteral("from 1 to 240");
    QTest::addRow("241 minutes") << QStringList {QStringLiteral("--max-auto-lock"), QStringLiteral("241")}
                                 << QStringLiteral("from 1 to 240");
    QTest::addRow("words, not minutes") << QStringList {QStringLiteral("--max-auto-lock"), QStringLiteral("ten")}
                                        << QStringLiteral("--max-auto-lock");
    QTest::addRow("given twice") << QStringList {QStringLiteral("--max-auto-lock"), QStringLiteral("5"),
                                                 QStringLiteral("--max-auto-lock"), QStringLiteral("6")}
                                 << QStringLiteral("more than once");
    QTest::addRow("an extra argument (never a passphrase)") << QStringList {QStringLiteral("demo-passphrase")}
                                                            << QStringLiteral("Unexpected argument");
    QTest::addRow("no value") << QStringList {QStringLiteral("--max-auto-lock")} << QStringLiteral("max-auto-lock");
}

void CliPolicyTest::usageErrorsChangeNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CliResult r = m_f->policy(QStringLiteral("demo-admin"), arguments);
    EXPECT_CLI_EXIT(r, ExitStatus::Usage);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("Usage: claimdesk-cli policy VAULT --user USER [--max-auto-lock MINUTES]")),
             qPrintable(r.err));
    const CliResult read = m_f->policy(QStringLiteral("demo-paralegal"));
    EXPECT_CLI_EXIT(read, ExitStatus::Success);
    QVERIFY2(read.out.contains(QStringLiteral("No firm maximum is set")), qPrintable(read.out));
}

void CliPolicyTest::helpShowsTheUsageLineAndTheRule()
{
    const CliResult help = m_f->run({QStringLiteral("policy"), QStringLiteral("--help")});
    EXPECT_CLI_EXIT(help, ExitStatus::Success);
    QVERIFY2(help.out.startsWith(QStringLiteral("Usage: claimdesk-cli policy VAULT --user USER [--max-auto-lock "
                                                "MINUTES]")),
             qPrintable(help.out));
    QVERIFY(help.out.contains(QStringLiteral("--max-auto-lock MINUTES")));
    QVERIFY(help.out.contains(QStringLiteral("exit 6")));
    const CliResult all = m_f->run({QStringLiteral("--help")});
    QVERIFY2(all.out.contains(QStringLiteral("  policy ")), qPrintable(all.out));
}

QTEST_GUILESS_MAIN(CliPolicyTest)
#include "tst_cli_policy.moc"
