// claimdesk-cli `retention report|hold|release` and `erasure request|approve` end to end (issue 7, "GDPR tools"): the
// real binary on a vault set up in-process with two supervisors, a solicitor and two closed cases. The first case's
// erasure was asked for in-process on a clock 25 hours behind, so the CLI (on the real clock) may approve it; the
// second is asked for through the CLI and is refused for 24 hours. Permission refusals exit 6, rule refusals and
// malformed command lines exit 2, and a conflict check afterwards names the erased case by reference only.

#include "CliExit.h"
#include "CliRunner.h"
#include "FakeClock.h"
#include "TestVault.h"

#include "cases/CaseService.h"
#include "retention/RetentionService.h"
#include "store/Vault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace claimdesk;
using claimdesk::cli::ExitStatus;
using claimdesk::test::CliResult;

namespace {

const QString kOldClient = QStringLiteral("Quinton Erasable");
const QString kReason = QStringLiteral("Retention period over and the file was reviewed");

QByteArray passphraseOf(const QString& username)
{
    return username == QStringLiteral("ada") ? test::kAdminPassphrase
                                             : QStringLiteral("%1 has a long passphrase").arg(username).toUtf8();
}

class Fixture : public test::CliRunner {
public:
    QString vault() const { return path(QStringLiteral("retention.claimdesk")); }

    CliResult as(const QString& user, const QStringList& words, const QStringList& options = {}) const
    {
        return run(words + QStringList {vault(), QStringLiteral("--user"), user} + options, {passphraseOf(user)});
    }
    QJsonArray report(const QStringList& options = {}) const
    {
        const CliResult r = as(QStringLiteral("sam"), {QStringLiteral("retention"), QStringLiteral("report")},
                               QStringList {QStringLiteral("--json")} + options);
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
        if (r.exitCode != 0 || !doc.isArray()) {
            qWarning("%s", qPrintable(test::describe(r, 0)));
            return {};
        }
        return doc.array();
    }

    // The firm and its cases, written in-process on a clock 25 hours behind the real one.
    bool setUp()
    {
        test::FakeClock clock(QDateTime::currentDateTimeUtc().addSecs(-25 * 3600));
        core::VaultOptions options = test::fastOptions(dir());
        options.clock = &clock;
        auto created
            = core::Vault::create(vault(), {QStringLiteral("ada"), QStringLiteral("Ada Admin"), core::Role::Admin},
                                  test::kAdminPassphrase, options);
        if (!created) {
            return false;
        }
        for (const auto& [username, role] : {std::pair {QStringLiteral("sam"), core::Role::Supervisor},
                                             std::pair {QStringLiteral("sue"), core::Role::Supervisor},
                                             std::pair {QStringLiteral("sol"), core::Role::Solicitor}}) {
            const QByteArray oneTime = "one-time for " + username.toUtf8();
            if (!(*created)->addUser({username, username.toUpper(), role}, oneTime)) {
                return false;
            }
            auto first = core::Vault::unlock(vault(), username, oneTime, options);
            if (!first || !(*first)->changePassphrase(oneTime, passphraseOf(username))) {
                return false;
            }
        }
        created->reset();
        auto sol = core::Vault::unlock(vault(), QStringLiteral("sol"), passphraseOf(QStringLiteral("sol")), options);
        if (!sol) {
            return false;
        }
        core::CaseService cases(**sol);
        for (const auto& [name, closedOn] : {std::pair {kOldClient, QDate(2018, 3, 1)},
                                             std::pair {QStringLiteral("Rhea Recent"), QDate(2025, 3, 1)}}) {
            core::NewCase n;
            n.client.fullName = name;
            n.client.dateOfBirth = QDate(1975, 5, 5);
            n.supervisor = QStringLiteral("sam");
            n.openedOn = QDate(2016, 1, 4);
            n.safeguarding.suicidalThoughts = core::SuicidalThoughts::None;
            auto c = cases.create(n);
            if (!c) {
                return false;
            }
            core::CaseRecord record = *c;
            record.stage = core::Stage::Closed;
            record.closedOn = closedOn;
            if (!cases.save(record)) {
                return false;
            }
            m_refs << c->reference;
        }
        sol->reset();
        auto sam = core::Vault::unlock(vault(), QStringLiteral("sam"), passphraseOf(QStringLiteral("sam")), options);
        if (!sam) {
            return false;
        }
        core::CaseService samCases(**sam);
        core::RetentionService retention(**sam, samCases);
        return retention.requestErasure(m_refs.at(0), kReason).ok();
    }

    QStringList m_refs;  // the old case (erasure already asked for), the recent one
};

QJsonObject rowOf(const QJsonArray& rows, const QString& reference)
{
    for (const QJsonValue& v : rows) {
        if (v.toObject().value(QStringLiteral("reference")).toString() == reference) {
            return v.toObject();
        }
    }
    return {};
}

}  // namespace

class CliRetentionTest : public QObject {
    Q_OBJECT
private slots:
    void reportHoldRequestApproveAndConflicts();
    void usageErrors_data();
    void usageErrors();
    void helpNamesTheRules();
};

void CliRetentionTest::reportHoldRequestApproveAndConflicts()
{
    Fixture f;
    QVERIFY(f.setUp());
    const QString old = f.m_refs.at(0);
    const QString recent = f.m_refs.at(1);

    // The report: the old case is due (closed 1 Mar 2018 + 7 years) with its erasure request; the recent one is not
    // listed within 90 days.
    QJsonArray rows = f.report();
    QCOMPARE(rows.size(), 1);
    QJsonObject row = rowOf(rows, old);
    QCOMPARE(row.value(QStringLiteral("reviewOn")).toString(), QStringLiteral("2025-03-01"));
    QCOMPARE(row.value(QStringLiteral("basis")).toString(), QStringLiteral("closure"));
    QVERIFY(row.value(QStringLiteral("due")).toBool());
    QVERIFY(row.value(QStringLiteral("erasureRequested")).toBool());
    QCOMPARE(row.value(QStringLiteral("requestedBy")).toString(), QStringLiteral("sam"));
    QVERIFY(!row.value(QStringLiteral("onHold")).toBool());
    QVERIFY(row.value(QStringLiteral("holdReason")).isNull());
    const CliResult text = f.as(QStringLiteral("sam"), {QStringLiteral("retention"), QStringLiteral("report")});
    EXPECT_CLI_EXIT(text, ExitStatus::Success);
    QVERIFY2(text.out.contains(old) && text.out.contains(QStringLiteral("asked by sam")), qPrintable(text.out));
    QVERIFY(!text.out.contains(kOldClient));
    EXPECT_CLI_EXIT(f.as(QStringLiteral("sol"), {QStringLiteral("retention"), QStringLiteral("report")}),
                    ExitStatus::PermissionDenied);
    EXPECT_CLI_EXIT(f.as(QStringLiteral("ada"), {QStringLiteral("retention"), QStringLiteral("report")}),
                    ExitStatus::PermissionDenied);

    // Hold the recent case: only a supervisor; while held it cannot be asked for.
    const QStringList holdRecent {QStringLiteral("--case"), recent, QStringLiteral("--reason"),
                                  QStringLiteral("Insurer asked us to keep the file")};
    EXPECT_CLI_EXIT(f.as(QStringLiteral("sol"), {QStringLiteral("retention"), QStringLiteral("hold")}, holdRecent),
                    ExitStatus::PermissionDenied);
    const CliResult held
        = f.as(QStringLiteral("sam"), {QStringLiteral("retention"), QStringLiteral("hold")}, holdRecent);
    EXPECT_CLI_EXIT(held, ExitStatus::Success);
    QVERIFY(held.out.contains(QStringLiteral("is on legal hold")));
    row = rowOf(f.report({QStringLiteral("--within"), QStringLiteral("3650")}), recent);
    QVERIFY(row.value(QStringLiteral("onHold")).toBool());
    QCOMPARE(row.value(QStringLiteral("holdReason")).toString(), QStringLiteral("Insurer asked us to keep the file"));
    QCOMPARE(row.value(QStringLiteral("reviewOn")).toString(), QStringLiteral("2032-03-01"));
    const QStringList requestRecent {QStringLiteral("--case"), recent, QStringLiteral("--reason"), kReason};
    const CliResult refusedHeld
        = f.as(QStringLiteral("sam"), {QStringLiteral("erasure"), QStringLiteral("request")}, requestRecent);
    EXPECT_CLI_EXIT(refusedHeld, ExitStatus::Usage);
    QVERIFY(refusedHeld.err.contains(QStringLiteral("legal hold")));
    EXPECT_CLI_EXIT(f.as(QStringLiteral("sam"), {QStringLiteral("retention"), QStringLiteral("release")},
                         {QStringLiteral("--case"), recent, QStringLiteral("--reason"),
                          QStringLiteral("Insurer confirmed it is not needed")}),
                    ExitStatus::Success);

    // The old case: the supervisor who asked may not approve it; another supervisor may (25 hours have passed).
    const QStringList approveOld {QStringLiteral("--case"), old};
    const CliResult own
        = f.as(QStringLiteral("sam"), {QStringLiteral("erasure"), QStringLiteral("approve")}, approveOld);
    EXPECT_CLI_EXIT(own, ExitStatus::PermissionDenied);
    QVERIFY(own.err.contains(QStringLiteral("another supervisor")));
    EXPECT_CLI_EXIT(f.as(QStringLiteral("sol"), {QStringLiteral("erasure"), QStringLiteral("approve")}, approveOld),
                    ExitStatus::PermissionDenied);
    const CliResult erased
        = f.as(QStringLiteral("sue"), {QStringLiteral("erasure"), QStringLiteral("approve")}, approveOld);
    EXPECT_CLI_EXIT(erased, ExitStatus::Success);
    QVERIFY2(erased.out.contains(QStringLiteral("Erased %1").arg(old)), qPrintable(erased.out));
    const CliResult again
        = f.as(QStringLiteral("sue"), {QStringLiteral("erasure"), QStringLiteral("approve")}, approveOld);
    EXPECT_CLI_EXIT(again, ExitStatus::Failure);
    QVERIFY(again.err.contains(QStringLiteral("already erased")));
    QVERIFY(rowOf(f.report({QStringLiteral("--within"), QStringLiteral("3650")}), old).isEmpty());

    // The recent case, asked for now: refused for 24 hours, saying from when.
    const CliResult asked
        = f.as(QStringLiteral("sam"), {QStringLiteral("erasure"), QStringLiteral("request")}, requestRecent);
    EXPECT_CLI_EXIT(asked, ExitStatus::Success);
    QVERIFY(asked.out.contains(QStringLiteral("can approve it from")));
    const CliResult early = f.as(QStringLiteral("sue"), {QStringLiteral("erasure"), QStringLiteral("approve")},
                                 {QStringLiteral("--case"), recent});
    EXPECT_CLI_EXIT(early, ExitStatus::Usage);
    QVERIFY(early.err.contains(QStringLiteral("24 hours")));

    // A reason that names the client is refused.
    EXPECT_CLI_EXIT(f.as(QStringLiteral("sam"), {QStringLiteral("retention"), QStringLiteral("hold")},
                         {QStringLiteral("--case"), recent, QStringLiteral("--reason"),
                          QStringLiteral("Rhea Recent complained to the SRA")}),
                    ExitStatus::Usage);

    // A conflict check on the erased client's name finds the tombstone, by reference only.
    const CliResult conflicts = f.as(QStringLiteral("sol"), {QStringLiteral("conflicts")},
                                     {QStringLiteral("--name"), kOldClient, QStringLiteral("--json")});
    EXPECT_CLI_EXIT(conflicts, ExitStatus::Success);
    const QJsonArray matches = QJsonDocument::fromJson(conflicts.out.toUtf8()).array();
    QCOMPARE(matches.size(), 1);
    const QJsonObject match = matches.at(0).toObject();
    QCOMPARE(match.value(QStringLiteral("kind")).toString(), QStringLiteral("erased-case"));
    QCOMPARE(match.value(QStringLiteral("caseReference")).toString(), old);
    QCOMPARE(match.value(QStringLiteral("reasons")).toArray().at(0).toString(),
             QStringLiteral("erased case %1 — ask a supervisor").arg(old));

    // The audit trail keeps the events about the erased case.
    const CliResult audit = f.as(QStringLiteral("sam"), {QStringLiteral("audit"), QStringLiteral("list")},
                                 {QStringLiteral("--case"), old, QStringLiteral("--json")});
    EXPECT_CLI_EXIT(audit, ExitStatus::Success);
    QVERIFY(audit.out.contains(QStringLiteral("\"erasure.approve\"")));
    QVERIFY(audit.out.contains(QStringLiteral("\"erasure.request\"")));
    QVERIFY(!audit.out.contains(kOldClient));
    // The case's own entries are still listed, with their details shredded (the case key went with the case).
    bool createListed = false;
    for (const QJsonValue& v : QJsonDocument::fromJson(audit.out.toUtf8()).array()) {
        const QJsonObject entry = v.toObject();
        if (entry.value(QStringLiteral("action")).toString() == QStringLiteral("case.create")) {
            createListed = true;
            QCOMPARE(entry.value(QStringLiteral("details")).toString(), QStringLiteral("erased"));
            QVERIFY(entry.value(QStringLiteral("summary")).toObject().isEmpty());
        }
    }
    QVERIFY2(createListed, qPrintable(audit.out));
    const CliResult listed = f.as(QStringLiteral("sam"), {QStringLiteral("audit"), QStringLiteral("list")},
                                  {QStringLiteral("--case"), old, QStringLiteral("--action"), QStringLiteral("case.create")});
    EXPECT_CLI_EXIT(listed, ExitStatus::Success);
    QVERIFY2(listed.out.contains(QStringLiteral("(details erased with the case)")), qPrintable(listed.out));
    EXPECT_CLI_EXIT(f.as(QStringLiteral("sam"), {QStringLiteral("audit"), QStringLiteral("verify")}),
                    ExitStatus::Success);

    // The erasure register: written once, never over a file; re-applied to this vault it finds the case erased.
    const QDir folder = QFileInfo(f.vault()).dir();
    const QString registerPath = folder.filePath(QStringLiteral("erasures.json"));
    const CliResult exported = f.as(QStringLiteral("sam"), {QStringLiteral("erasure"), QStringLiteral("register")},
                                    {QStringLiteral("--out"), registerPath});
    EXPECT_CLI_EXIT(exported, ExitStatus::Success);
    QVERIFY2(exported.out.contains(QStringLiteral("(1 erased case,")), qPrintable(exported.out));
    QFile registerFile(registerPath);
    QVERIFY(registerFile.open(QIODevice::ReadOnly));
    const QByteArray registerBytes = registerFile.readAll();
    QVERIFY(registerBytes.contains(old.toUtf8()));
    QVERIFY(!registerBytes.contains(kOldClient.toUtf8()));
    QVERIFY(f.as(QStringLiteral("sam"), {QStringLiteral("erasure"), QStringLiteral("register")},
                 {QStringLiteral("--out"), registerPath})
                .exitCode
            != 0);
    const CliResult reapplied = f.as(QStringLiteral("sam"), {QStringLiteral("erasure"), QStringLiteral("reapply")},
                                     {QStringLiteral("--input"), registerPath});
    EXPECT_CLI_EXIT(reapplied, ExitStatus::Success);
    QVERIFY2(reapplied.out.contains(QStringLiteral("%1: already erased in this vault.").arg(old)),
             qPrintable(reapplied.out));
    QVERIFY(reapplied.out.contains(QStringLiteral("Nothing to erase here.")));
    // Edited to name the recent case: refused (exit 2), nothing erased.
    const QString editedPath = folder.filePath(QStringLiteral("edited.json"));
    QFile edited(editedPath);
    QVERIFY(edited.open(QIODevice::WriteOnly));
    edited.write(QByteArray(registerBytes).replace(old.toUtf8(), recent.toUtf8()));
    edited.close();
    const CliResult refused = f.as(QStringLiteral("sam"), {QStringLiteral("erasure"), QStringLiteral("reapply")},
                                   {QStringLiteral("--input"), editedPath});
    EXPECT_CLI_EXIT(refused, ExitStatus::Usage);
    QVERIFY2(refused.err.contains(QStringLiteral("Nothing was changed")), qPrintable(refused.err));
}

void CliRetentionTest::usageErrors_data()
{
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<QStringList>("options");
    const QStringList report {QStringLiteral("retention"), QStringLiteral("report")};
    QTest::addRow("--within is not a number")
        << report << QStringList {QStringLiteral("--within"), QStringLiteral("soon")};
    QTest::addRow("--within is negative") << report << QStringList {QStringLiteral("--within"), QStringLiteral("-5")};
    QTest::addRow("--within is over ten years")
        << report << QStringList {QStringLiteral("--within"), QStringLiteral("3651")};
    QTest::addRow("hold without --reason") << QStringList {QStringLiteral("retention"), QStringLiteral("hold")}
                                           << QStringList {QStringLiteral("--case"), QStringLiteral("CD-2016-0001")};
    QTest::addRow("request without --case") << QStringList {QStringLiteral("erasure"), QStringLiteral("request")}
                                            << QStringList {QStringLiteral("--reason"), kReason};
    QTest::addRow("approve takes no --reason")
        << QStringList {QStringLiteral("erasure"), QStringLiteral("approve")}
        << QStringList {QStringLiteral("--case"), QStringLiteral("CD-2016-0001"), QStringLiteral("--reason"), kReason};
    QTest::addRow("unknown erasure command")
        << QStringList {QStringLiteral("erasure"), QStringLiteral("now")} << QStringList {};
}

void CliRetentionTest::usageErrors()
{
    QFETCH(QStringList, words);
    QFETCH(QStringList, options);
    Fixture f;
    // Usage errors are found before any vault is opened: no vault needed.
    const CliResult r
        = f.run(words + QStringList {f.vault(), QStringLiteral("--user"), QStringLiteral("sam")} + options);
    EXPECT_CLI_EXIT(r, ExitStatus::Usage);
}

void CliRetentionTest::helpNamesTheRules()
{
    Fixture f;
    const CliResult approve = f.run({QStringLiteral("erasure"), QStringLiteral("approve"), QStringLiteral("--help")});
    EXPECT_CLI_EXIT(approve, ExitStatus::Success);
    QVERIFY(
        approve.out.startsWith(QStringLiteral("Usage: claimdesk-cli erasure approve VAULT --user USER --case REF")));
    QVERIFY(approve.out.contains(QStringLiteral("secure delete")));
    QVERIFY(approve.out.contains(QStringLiteral("24 hours")));
    const CliResult report = f.run({QStringLiteral("retention"), QStringLiteral("report"), QStringLiteral("--help")});
    EXPECT_CLI_EXIT(report, ExitStatus::Success);
    QVERIFY(report.out.contains(QStringLiteral("--within DAYS")));
    QVERIFY(report.out.contains(QStringLiteral("18th birthday + 7 years")));
    const CliResult all = f.run({QStringLiteral("--help")});
    for (const QString& line :
         {QStringLiteral("retention report"), QStringLiteral("retention hold"), QStringLiteral("retention release"),
          QStringLiteral("erasure request"), QStringLiteral("erasure approve")}) {
        QVERIFY2(all.out.contains(line), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(CliRetentionTest)
#include "tst_cli_retention.moc"
