// Restricted cases through claimdesk-cli (issue 7, ethical walls): `cases list`, `cases list --search`, `cases show`
// and `conflicts` give someone who may not open the case its reference at most, never a client's or party's name;
// `cases break-glass` then opens it with a reason, recorded in the audit log, and the case's supervisor gets an
// urgent task. The vault is a demo vault (test-only KDF, every user signs in with "demo-passphrase") with one
// restricted case written in-process: Tom Hadley's (demo-solicitor), supervised by Priya Raman (demo-supervisor);
// Grace Mensah (demo-paralegal) is the outsider.

#include "CliRunner.h"

#include "cases/CaseService.h"
#include "store/AuditLog.h"
#include "store/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace claimdesk;
using claimdesk::cli::ExitStatus;
using claimdesk::test::CliResult;

namespace {

const QString kFastKdf = QStringLiteral("--kdf-profile=fast-insecure-for-tests");
const QByteArray kDemoPass = QByteArrayLiteral("demo-passphrase");
const QString kOutsider = QStringLiteral("demo-paralegal");
const QString kClient = QStringLiteral("Wren Quillfeather");
const QStringList kMarkers {QStringLiteral("Quillfeather"), QStringLiteral("Marchbanks"),
                            QStringLiteral("Brackenridge")};
const QString kReason = QStringLiteral("Client rang in crisis and Tom is on leave");

class Fixture : public test::CliRunner {
public:
    QString vault() const { return path(QStringLiteral("walls.claimdesk")); }

    // The demo vault and the restricted case; false (with a warning) when either fails.
    bool setUp()
    {
        const CliResult demo
            = run({QStringLiteral("demo"), vault(), QStringLiteral("--cases"), QStringLiteral("0"), kFastKdf});
        if (demo.exitCode != 0) {
            qWarning("demo failed: %s", qPrintable(demo.err));
            return false;
        }
        auto tom = open(QStringLiteral("demo-solicitor"));
        if (!tom) {
            return false;
        }
        core::NewCase n;
        n.client.fullName = kClient;
        n.client.formerNames = QStringList {QStringLiteral("Wren Marchbanks")};
        n.client.dateOfBirth = QDate(1986, 4, 9);
        n.feeEarner = QStringLiteral("demo-solicitor");
        n.supervisor = QStringLiteral("demo-supervisor");
        n.restricted = true;
        n.safeguarding.suicidalThoughts = core::SuicidalThoughts::None;
        core::CaseParty abuser;
        abuser.party.name = QStringLiteral("Thaddeus Brackenridge");
        abuser.role = core::PartyRole::Abuser;
        n.parties.push_back(abuser);
        auto created = core::CaseService(*tom).create(n);
        if (!created) {
            qWarning("creating the case failed: %s", qPrintable(created.error().message));
            return false;
        }
        reference = created->reference;
        caseId = created->id;
        tom->lock(core::LockReason::Quit);
        return true;
    }
    // A command signed in as a demo user: `words` is the command, the vault is inserted after it.
    CliResult as(const QString& user, const QStringList& words, const QStringList& options = {}) const
    {
        return run(words + QStringList {vault(), QStringLiteral("--user"), user} + options, {kDemoPass});
    }
    CliResult breakGlass(const QString& user, const QString& reason) const
    {
        return as(user, {QStringLiteral("cases"), QStringLiteral("break-glass")},
                  {QStringLiteral("--case"), reference, QStringLiteral("--reason"), reason});
    }
    // The vault opened in this process, to look at what the CLI wrote.
    std::unique_ptr<core::Vault> open(const QString& user) const
    {
        core::VaultOptions options;
        options.throttleStateFile = path(QStringLiteral("throttle.json"));
        auto opened = core::Vault::unlock(vault(), user, kDemoPass, options);
        if (!opened) {
            qWarning("signing in %s failed: %s", qPrintable(user), qPrintable(opened.error().message));
            return nullptr;
        }
        return std::move(*opened);
    }
    std::vector<core::AuditEntry> audit(const QString& action) const
    {
        std::vector<core::AuditEntry> out;
        if (auto v = open(QStringLiteral("demo-admin"))) {
            if (auto all = core::AuditLog::listFor(v->connection(), QStringLiteral("case"), reference)) {
                for (const core::AuditEntry& e : *all) {
                    if (e.action == action) {
                        out.push_back(e);
                    }
                }
            }
        }
        return out;
    }

    QString reference;
    qint64 caseId = 0;
};

QString markerIn(const CliResult& r)
{
    for (const QString& m : kMarkers) {
        if (r.out.contains(m) || r.err.contains(m)) {
            return m;
        }
    }
    return {};
}

}  // namespace

class CliRestrictedTest : public QObject {
    Q_OBJECT
private slots:
    void listAndSearchGiveTheOutsiderTheReferenceOnly();
    void showIsRefusedAndConflictsNameNoCase();
    void breakGlassOpensTheCaseAndTellsTheSupervisor();
    void breakGlassWithoutAReasonIsRefusedAndRecorded();
    void breakGlassRefusesAdminsAndUnknownCases();
    void helpDescribesBreakGlass_data();
    void helpDescribesBreakGlass();
};

void CliRestrictedTest::listAndSearchGiveTheOutsiderTheReferenceOnly()
{
    Fixture f;
    QVERIFY(f.setUp());
    const CliResult table = f.as(kOutsider, {QStringLiteral("cases"), QStringLiteral("list")});
    EXPECT_CLI_EXIT(table, ExitStatus::Success);
    QVERIFY2(markerIn(table).isEmpty(), qPrintable(table.out));
    QVERIFY2(table.out.contains(QRegularExpression(QRegularExpression::escape(f.reference)
                                                   + QStringLiteral("  \\(restricted\\) +restricted"))),
             qPrintable(table.out));

    const CliResult json
        = f.as(kOutsider, {QStringLiteral("cases"), QStringLiteral("list")}, {QStringLiteral("--json")});
    EXPECT_CLI_EXIT(json, ExitStatus::Success);
    QVERIFY(markerIn(json).isEmpty());
    const QJsonArray rows = QJsonDocument::fromJson(json.out.toUtf8()).array();
    QCOMPARE(rows.size(), qsizetype {1});
    QCOMPARE(rows[0].toObject().value(QStringLiteral("reference")).toString(), f.reference);
    QVERIFY(rows[0].toObject().value(QStringLiteral("clientName")).isNull());

    // Searching by a name finds nothing; by the reference, the placeholder.
    for (const QString& name :
         {QStringLiteral("Quillfeather"), QStringLiteral("Marchbanks"), QStringLiteral("Brackenridge")}) {
        const CliResult found = f.as(kOutsider, {QStringLiteral("cases"), QStringLiteral("list")},
                                     {QStringLiteral("--search"), name, QStringLiteral("--json")});
        EXPECT_CLI_EXIT(found, ExitStatus::Success);
        QVERIFY2(QJsonDocument::fromJson(found.out.toUtf8()).array().isEmpty(), qPrintable(name));
    }
    const CliResult byReference
        = f.as(kOutsider, {QStringLiteral("cases"), QStringLiteral("list")}, {QStringLiteral("--search"), f.reference});
    EXPECT_CLI_EXIT(byReference, ExitStatus::Success);
    QVERIFY(byReference.out.contains(f.reference));
    QVERIFY(markerIn(byReference).isEmpty());

    // Its fee earner sees the name.
    const CliResult insider = f.as(QStringLiteral("demo-solicitor"), {QStringLiteral("cases"), QStringLiteral("list")});
    QVERIFY(insider.out.contains(kClient));
}

void CliRestrictedTest::showIsRefusedAndConflictsNameNoCase()
{
    Fixture f;
    QVERIFY(f.setUp());
    for (const QStringList& extra : {QStringList {}, QStringList {QStringLiteral("--json")}}) {
        const CliResult shown = f.as(kOutsider, {QStringLiteral("cases"), QStringLiteral("show")},
                                     QStringList {QStringLiteral("--case"), f.reference} + extra);
        EXPECT_CLI_EXIT(shown, ExitStatus::PermissionDenied);
        QVERIFY(shown.out.isEmpty());
        QVERIFY2(shown.err.contains(f.reference + QStringLiteral(" is a restricted case")), qPrintable(shown.err));
        QVERIFY(markerIn(shown).isEmpty());
    }
    const CliResult table = f.as(kOutsider, {QStringLiteral("conflicts")}, {QStringLiteral("--name"), kClient});
    EXPECT_CLI_EXIT(table, ExitStatus::Success);
    QVERIFY2(table.out.contains(f.reference + QStringLiteral(" (restricted)")), qPrintable(table.out));
    QVERIFY(table.out.contains(QStringLiteral("ask a supervisor")));
    QVERIFY2(markerIn(table).isEmpty(), qPrintable(table.out));
    const CliResult json
        = f.as(kOutsider, {QStringLiteral("conflicts")},
               {QStringLiteral("--name"), QStringLiteral("Thaddeus Brackenridge"), QStringLiteral("--json")});
    EXPECT_CLI_EXIT(json, ExitStatus::Success);
    const QJsonArray matches = QJsonDocument::fromJson(json.out.toUtf8()).array();
    QVERIFY(!matches.isEmpty());
    for (const QJsonValue& m : matches) {
        QVERIFY(m.toObject().value(QStringLiteral("name")).isNull());
        // The placeholder: the reference to ask a supervisor about, nothing about who matched.
        QCOMPARE(m.toObject().value(QStringLiteral("restricted")), QJsonValue(true));
        QCOMPARE(m.toObject().value(QStringLiteral("caseReference")).toString(), f.reference);
    }
}

void CliRestrictedTest::breakGlassOpensTheCaseAndTellsTheSupervisor()
{
    Fixture f;
    QVERIFY(f.setUp());
    const CliResult granted = f.breakGlass(kOutsider, kReason);
    EXPECT_CLI_EXIT(granted, ExitStatus::Success);
    QVERIFY2(granted.out.startsWith(QStringLiteral("Break-glass access to ") + f.reference + QStringLiteral(" until ")),
             qPrintable(granted.out));
    QVERIFY2(granted.out.contains(QStringLiteral("Priya Raman (demo-supervisor) has been told")),
             qPrintable(granted.out));
    QVERIFY(granted.out.contains(QStringLiteral("cases show ") + f.vault()
                                 + QStringLiteral(" --user demo-paralegal --case ") + f.reference));
    QVERIFY(markerIn(granted).isEmpty());

    // During the grant the case shows as usual, and the list names the client.
    const CliResult shown
        = f.as(kOutsider, {QStringLiteral("cases"), QStringLiteral("show")}, {QStringLiteral("--case"), f.reference});
    EXPECT_CLI_EXIT(shown, ExitStatus::Success);
    QVERIFY(shown.out.contains(kClient));
    QVERIFY2(shown.out.contains(QStringLiteral("Break-glass access by Grace Mensah: ") + kReason),
             qPrintable(shown.out));
    QVERIFY(f.as(kOutsider, {QStringLiteral("cases"), QStringLiteral("list")}).out.contains(kClient));

    // The audit entry, with the reason; no refusal recorded for the show during the grant.
    const auto logged = f.audit(QStringLiteral("case.break-glass"));
    QCOMPARE(logged.size(), std::size_t {1});
    QCOMPARE(logged.front().username, kOutsider);
    QCOMPARE(logged.front().summary.value(QStringLiteral("reason")).toString(), kReason);
    QCOMPARE(logged.front().summary.value(QStringLiteral("notified")).toString(), QStringLiteral("demo-supervisor"));
    QVERIFY(f.audit(QStringLiteral("permission.denied")).empty());
    // The supervisor's urgent task, and her notice.
    auto priya = f.open(QStringLiteral("demo-supervisor"));
    QVERIFY(priya);
    core::CaseService cases(*priya);
    auto tasks = cases.tasks(f.caseId);
    QVERIFY(tasks.ok());
    auto notice = std::find_if(tasks->begin(), tasks->end(),
                               [](const core::Task& t) { return t.kind == core::TaskKind::BreakGlass; });
    QVERIFY(notice != tasks->end());
    QCOMPARE(notice->assignee, QStringLiteral("demo-supervisor"));
    QVERIFY(notice->urgent);
    QCOMPARE(notice->title, QStringLiteral("Break-glass access by Grace Mensah: ") + kReason);
    auto notices = cases.breakGlassNotices();
    QVERIFY(notices.ok());
    QCOMPARE(notices->size(), std::size_t {1});
    QCOMPARE(notices->front().reference, f.reference);
}

void CliRestrictedTest::breakGlassWithoutAReasonIsRefusedAndRecorded()
{
    Fixture f;
    QVERIFY(f.setUp());
    // No --reason at all: a usage error before anyone signs in (nothing to record).
    const CliResult missing = f.as(kOutsider, {QStringLiteral("cases"), QStringLiteral("break-glass")},
                                   {QStringLiteral("--case"), f.reference});
    EXPECT_CLI_EXIT(missing, ExitStatus::Usage);
    QVERIFY2(missing.err.contains(QStringLiteral("Missing --reason TEXT.")), qPrintable(missing.err));
    // An empty or short reason: refused by core, and the refusal recorded.
    for (const QString& reason : {QString(), QStringLiteral("urgent")}) {
        const CliResult refused = f.breakGlass(kOutsider, reason);
        EXPECT_CLI_EXIT(refused, ExitStatus::Usage);
        QVERIFY2(refused.err.contains(QStringLiteral("at least 10 characters")), qPrintable(refused.err));
        QVERIFY(refused.out.isEmpty());
    }
    const auto refusals = f.audit(QStringLiteral("case.break-glass.refused"));
    QCOMPARE(refusals.size(), std::size_t {2});
    QCOMPARE(refusals.front().username, kOutsider);
    QVERIFY(f.audit(QStringLiteral("case.break-glass")).empty());
    EXPECT_CLI_EXIT(
        f.as(kOutsider, {QStringLiteral("cases"), QStringLiteral("show")}, {QStringLiteral("--case"), f.reference}),
        ExitStatus::PermissionDenied);
}

void CliRestrictedTest::breakGlassRefusesAdminsAndUnknownCases()
{
    Fixture f;
    QVERIFY(f.setUp());
    const CliResult admin = f.breakGlass(QStringLiteral("demo-admin"), kReason);
    EXPECT_CLI_EXIT(admin, ExitStatus::PermissionDenied);
    QVERIFY(admin.out.isEmpty());
    QVERIFY(markerIn(admin).isEmpty());
    QCOMPARE(f.audit(QStringLiteral("permission.denied")).size(), std::size_t {1});
    QVERIFY(f.audit(QStringLiteral("case.break-glass")).empty());

    const CliResult unknown
        = f.as(kOutsider, {QStringLiteral("cases"), QStringLiteral("break-glass")},
               {QStringLiteral("--case"), QStringLiteral("DEMO-1999-0001"), QStringLiteral("--reason"), kReason});
    EXPECT_CLI_EXIT(unknown, ExitStatus::Failure);
    QVERIFY2(unknown.err.contains(QStringLiteral("There is no case DEMO-1999-0001.")), qPrintable(unknown.err));

    // Its fee earner needs no break-glass.
    const CliResult insider = f.breakGlass(QStringLiteral("demo-solicitor"), kReason);
    EXPECT_CLI_EXIT(insider, ExitStatus::Usage);
    QVERIFY(insider.err.contains(QStringLiteral("break-glass is not needed")));
}

void CliRestrictedTest::helpDescribesBreakGlass_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("text");
    QTest::addRow("cases break-glass --help")
        << QStringList {QStringLiteral("cases"), QStringLiteral("break-glass"), QStringLiteral("--help")}
        << QStringLiteral("Usage: claimdesk-cli cases break-glass VAULT --user USER --case REF --reason TEXT");
    QTest::addRow("cases --help lists it")
        << QStringList {QStringLiteral("cases"), QStringLiteral("--help")} << QStringLiteral("cases break-glass");
    QTest::addRow("--help lists it") << QStringList {QStringLiteral("--help")}
                                     << QStringLiteral("Open a restricted case in an emergency, saying why.");
}

void CliRestrictedTest::helpDescribesBreakGlass()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, text);
    Fixture f;
    const CliResult r = f.run(arguments);
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    QVERIFY2(r.out.contains(text), qPrintable(r.out));
}

QTEST_GUILESS_MAIN(CliRestrictedTest)
#include "tst_cli_restricted.moc"
