// claimdesk-cli `audit verify` and `audit list` end to end (issue 7, "Audit trail"): the real binary on a demo vault
// (`claimdesk-cli demo` with the test-only KDF, whose therapy fund and cases leave a few hundred entries). verify: exit
// 0 on an intact log, exit 4 naming the first broken entry after the database is changed behind ClaimDesk's back.
// list: the JSON shape, newest first, the filters (--case, --action with its dotted prefix rule, --by, --since and
// --until as local days, --limit), usage errors (exit 2), and exit 6 for a paralegal with the refusal recorded.

#include "CliExit.h"
#include "CliRunner.h"
#include "TestVault.h"

#include "audit/AuditService.h"
#include "store/Sqlite.h"
#include "store/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace claimdesk;
using claimdesk::cli::ExitStatus;
using claimdesk::test::CliResult;

namespace {

const QString kFastKdf = QStringLiteral("--kdf-profile=fast-insecure-for-tests");
const QByteArray kDemoPass = QByteArrayLiteral("demo-passphrase");
const QString kSupervisor = QStringLiteral("demo-supervisor");

class Fixture : public test::CliRunner {
public:
    QString vault() const { return path(QStringLiteral("audit.claimdesk")); }

    CliResult demo() const
    {
        return run({QStringLiteral("demo"), vault(), QStringLiteral("--cases"), QStringLiteral("12"), kFastKdf});
    }
    CliResult audit(const QString& command, const QString& user, const QStringList& options = {}) const
    {
        return run(QStringList {QStringLiteral("audit"), command, vault(), QStringLiteral("--user"), user} + options,
                   {kDemoPass});
    }
    // `audit list --json` as the supervisor, parsed; an empty array (with a warning) on failure.
    QJsonArray list(const QStringList& options) const
    {
        const CliResult r
            = audit(QStringLiteral("list"), kSupervisor, QStringList {QStringLiteral("--json")} + options);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        if (r.exitCode != 0 || error.error != QJsonParseError::NoError || !doc.isArray()) {
            qWarning("%s", qPrintable(test::describe(r, 0) + error.errorString()));
            return {};
        }
        return doc.array();
    }
    // The demo vault, signed in in-process as its admin (to tamper with it, or read what was recorded).
    std::unique_ptr<core::Vault> admin() const
    {
        auto opened = core::Vault::unlock(vault(), QStringLiteral("demo-admin"), kDemoPass, test::fastOptions(dir()));
        if (!opened) {
            qWarning("%s", qPrintable(opened.error().message));
            return nullptr;
        }
        return std::move(*opened);
    }
};

}  // namespace

class CliAuditTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void verifyIntactThenTampered_data();
    void verifyIntactThenTampered();
    void listJsonShapeNewestFirst();
    void listFilters();
    void listDatesAreLocalDays();
    void listText();
    void usageErrors_data();
    void usageErrors();
    void paralegalIsRefusedAndRecorded();

private:
    std::unique_ptr<Fixture> m_f;  // one demo vault for the read-only tests
};

void CliAuditTest::initTestCase()
{
    m_f = std::make_unique<Fixture>();
    EXPECT_CLI_EXIT(m_f->demo(), ExitStatus::Success);
}

void CliAuditTest::verifyIntactThenTampered_data()
{
    QTest::addColumn<QByteArray>("tamper");
    QTest::addColumn<qint64>("firstBroken");
    QTest::addRow("edited: entry 20's user changed")
        << QByteArray("UPDATE audit_log SET username = 'x' WHERE id = 20") << qint64 {20};
    QTest::addRow("deleted: entry 20") << QByteArray("DELETE FROM audit_log WHERE id = 20") << qint64 {21};
    QTest::addRow("reordered: entries 20 and 21 swapped")
        << QByteArray("UPDATE audit_log SET id = -id WHERE id IN (20, 21); "
                      "UPDATE audit_log SET id = CASE id WHEN -20 THEN 21 ELSE 20 END WHERE id < 0")
        << qint64 {20};
}

void CliAuditTest::verifyIntactThenTampered()
{
    QFETCH(QByteArray, tamper);
    QFETCH(qint64, firstBroken);
    Fixture f;
    EXPECT_CLI_EXIT(f.demo(), ExitStatus::Success);
    const CliResult intact = f.audit(QStringLiteral("verify"), QStringLiteral("demo-paralegal"));
    EXPECT_CLI_EXIT(intact, ExitStatus::Success);
    QVERIFY2(intact.out.contains(QStringLiteral("hash chain intact")), qPrintable(intact.out));
    QVERIFY(QRegularExpression(QStringLiteral("\\d+ entries checked")).match(intact.out).hasMatch());
    {
        auto admin = f.admin();
        QVERIFY(admin);
        QVERIFY(admin->connection().exec(tamper.constData()).ok());
    }
    const CliResult broken = f.audit(QStringLiteral("verify"), kSupervisor);
    EXPECT_CLI_EXIT(broken, ExitStatus::VaultDamaged);
    QVERIFY2(broken.out.contains(QStringLiteral("hash chain broken at entry %1").arg(firstBroken)),
             qPrintable(broken.out));
    QVERIFY2(broken.out.contains(QStringLiteral("First broken link: entry %1: ").arg(firstBroken)),
             qPrintable(broken.out));
    QVERIFY(broken.err.contains(QStringLiteral("restore")));
    // vault check runs the same check.
    EXPECT_CLI_EXIT(f.run({QStringLiteral("vault"), QStringLiteral("check"), f.vault(), QStringLiteral("--user"),
                           QStringLiteral("demo-admin")},
                          {kDemoPass}),
                    ExitStatus::VaultDamaged);
}

void CliAuditTest::listJsonShapeNewestFirst()
{
    const QJsonArray entries = m_f->list({QStringLiteral("--limit"), QStringLiteral("1000")});
    QVERIFY(entries.size() > 100);
    const QSet<QString> keys {QStringLiteral("id"),      QStringLiteral("at"),     QStringLiteral("user"),
                              QStringLiteral("action"),  QStringLiteral("entity"), QStringLiteral("entityId"),
                              QStringLiteral("summary"), QStringLiteral("hash")};
    qint64 previous = std::numeric_limits<qint64>::max();
    for (const QJsonValue& v : entries) {
        const QJsonObject o = v.toObject();
        const QStringList got = o.keys();
        QCOMPARE(QSet<QString>(got.begin(), got.end()), keys);
        QVERIFY(o.value(QStringLiteral("id")).isDouble());
        QVERIFY(o.value(QStringLiteral("id")).toInteger() < previous);
        previous = o.value(QStringLiteral("id")).toInteger();
        const QString at = o.value(QStringLiteral("at")).toString();
        QVERIFY2(at.endsWith(QLatin1Char('Z')) && QDateTime::fromString(at, Qt::ISODateWithMs).isValid(),
                 qPrintable(at));
        QVERIFY(o.value(QStringLiteral("summary")).isObject());
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$"))
                    .match(o.value(QStringLiteral("hash")).toString())
                    .hasMatch());
        for (const QString& k :
             {QStringLiteral("user"), QStringLiteral("action"), QStringLiteral("entity"), QStringLiteral("entityId")}) {
            QVERIFY(o.value(k).isString());
        }
    }
    // The newest entry is this run's own sign-in; the oldest is the vault's creation.
    QCOMPARE(entries.first()[QStringLiteral("action")].toString(), QStringLiteral("vault.unlock"));
    QCOMPARE(entries.first()[QStringLiteral("user")].toString(), kSupervisor);
    QCOMPARE(entries.last()[QStringLiteral("action")].toString(), QStringLiteral("vault.create"));
    QCOMPARE(entries.last()[QStringLiteral("id")].toInteger(), qint64 {1});
}

void CliAuditTest::listFilters()
{
    const QJsonArray all = m_f->list({QStringLiteral("--limit"), QStringLiteral("100000")});
    // A case with therapy entries: every entry about it, and only those.
    QString reference;
    for (const QJsonValue& v : all) {
        if (v[QStringLiteral("action")].toString().startsWith(QStringLiteral("therapy."))
            && v[QStringLiteral("entity")].toString() == QStringLiteral("case")) {
            reference = v[QStringLiteral("entityId")].toString();
            break;
        }
    }
    QVERIFY(!reference.isEmpty());
    int expected = 0;
    for (const QJsonValue& v : all) {
        expected += v[QStringLiteral("entity")].toString() == QStringLiteral("case")
            && v[QStringLiteral("entityId")].toString() == reference;
    }
    const QJsonArray ofCase = m_f->list(
        {QStringLiteral("--case"), reference.toLower(), QStringLiteral("--limit"), QStringLiteral("100000")});
    QCOMPARE(ofCase.size(), expected);
    for (const QJsonValue& v : ofCase) {
        QCOMPARE(v[QStringLiteral("entityId")].toString(), reference);
    }

    const QJsonArray therapy = m_f->list({QStringLiteral("--action"), QStringLiteral("therapy")});
    QVERIFY(!therapy.isEmpty());
    for (const QJsonValue& v : therapy) {
        QVERIFY2(v[QStringLiteral("action")].toString().startsWith(QStringLiteral("therapy.")),
                 qPrintable(v[QStringLiteral("action")].toString()));
    }
    const QJsonArray created = m_f->list({QStringLiteral("--action"), QStringLiteral("vault.create")});
    QCOMPARE(created.size(), 1);

    const QJsonArray byAdmin = m_f->list({QStringLiteral("--by"), QStringLiteral("demo-admin")});
    QVERIFY(!byAdmin.isEmpty());
    for (const QJsonValue& v : byAdmin) {
        QCOMPARE(v[QStringLiteral("user")].toString(), QStringLiteral("demo-admin"));
    }

    const QJsonArray five = m_f->list({QStringLiteral("--limit"), QStringLiteral("5")});
    QCOMPARE(five.size(), 5);
    const QJsonArray none = m_f->list({QStringLiteral("--case"), QStringLiteral("NO-SUCH-CASE")});
    QCOMPARE(none.size(), 0);
}

void CliAuditTest::listDatesAreLocalDays()
{
    // The demo's entries are written today and on the fictional days of its therapy fund; a day far in the past
    // has none, today has this run's sign-in. Local days in this process and in the CLI are the same zone.
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    const QJsonArray todays = m_f->list({QStringLiteral("--since"), today, QStringLiteral("--until"), today});
    QVERIFY(!todays.isEmpty());
    for (const QJsonValue& v : todays) {
        const QDateTime at = QDateTime::fromString(v[QStringLiteral("at")].toString(), Qt::ISODateWithMs);
        QCOMPARE(at.toLocalTime().date(), QDate::currentDate());
    }
    QCOMPARE(m_f->list({QStringLiteral("--until"), QStringLiteral("2000-01-01")}).size(), 0);
    QCOMPARE(m_f->list({QStringLiteral("--since"), QDate::currentDate().addDays(1).toString(Qt::ISODate)}).size(), 0);
}

void CliAuditTest::listText()
{
    const CliResult r = m_f->audit(QStringLiteral("list"), QStringLiteral("demo-admin"),
                                   {QStringLiteral("--limit"), QStringLiteral("3")});
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.first().startsWith(QStringLiteral("ENTRY")));
    const QRegularExpression line(
        QStringLiteral("^#\\d+ +\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2} +demo-admin +vault.unlock +vault "));
    QVERIFY2(line.match(lines.at(1)).hasMatch(), qPrintable(lines.at(1)));
    QVERIFY2(r.err.contains(QStringLiteral("older ones match too")), qPrintable(r.err));
}

void CliAuditTest::usageErrors_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("message");
    QTest::addRow("--since not a date") << QStringList {QStringLiteral("--since"), QStringLiteral("27/11/2026")}
                                        << QStringLiteral("YYYY-MM-DD");
    QTest::addRow("--until 31 February") << QStringList {QStringLiteral("--until"), QStringLiteral("2026-02-31")}
                                         << QStringLiteral("--until takes a date");
    QTest::addRow("--since after --until") << QStringList {QStringLiteral("--since"), QStringLiteral("2026-02-02"),
                                                           QStringLiteral("--until"), QStringLiteral("2026-02-01")}
                                           << QStringLiteral("after --until");
    QTest::addRow("--limit 0") << QStringList {QStringLiteral("--limit"), QStringLiteral("0")}
                               << QStringLiteral("--limit");
    QTest::addRow("--limit words") << QStringList {QStringLiteral("--limit"), QStringLiteral("all")}
                                   << QStringLiteral("--limit");
    QTest::addRow("--case twice") << QStringList {QStringLiteral("--case"), QStringLiteral("A"),
                                                  QStringLiteral("--case"), QStringLiteral("B")}
                                  << QStringLiteral("more than once");
}

void CliAuditTest::usageErrors()
{
    QFETCH(QStringList, options);
    QFETCH(QString, message);
    const CliResult r = m_f->audit(QStringLiteral("list"), kSupervisor, options);
    EXPECT_CLI_EXIT(r, ExitStatus::Usage);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void CliAuditTest::paralegalIsRefusedAndRecorded()
{
    for (const QStringList& options : {QStringList {}, QStringList {QStringLiteral("--json")}}) {
        const CliResult r = m_f->audit(QStringLiteral("list"), QStringLiteral("demo-paralegal"), options);
        EXPECT_CLI_EXIT(r, ExitStatus::PermissionDenied);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(QStringLiteral("supervisor or an admin")), qPrintable(r.err));
    }
    EXPECT_CLI_EXIT(m_f->audit(QStringLiteral("list"), QStringLiteral("demo-solicitor")), ExitStatus::PermissionDenied);
    const QJsonArray refusals = m_f->list({QStringLiteral("--action"), QStringLiteral("permission.denied"),
                                           QStringLiteral("--by"), QStringLiteral("demo-paralegal")});
    QCOMPARE(refusals.size(), 2);
    QCOMPARE(refusals.first()[QStringLiteral("summary")][QStringLiteral("attempted")].toString(),
             QStringLiteral("read the audit log"));
}

QTEST_GUILESS_MAIN(CliAuditTest)
#include "tst_cli_audit.moc"
