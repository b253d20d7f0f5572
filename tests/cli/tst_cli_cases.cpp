// claimdesk-cli's case commands end to end: import (good, bad, dry run), list, show, search, export and
// re-import, conflicts, and the demo vault. Vaults come from `claimdesk-cli demo` with the test-only KDF:
// its four users all sign in with "demo-passphrase".

#include "CliRunner.h"

#include "cases/CaseService.h"
#include "demo/DemoVault.h"
#include "store/Vault.h"

#include <QDate>
#include <QFile>
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
const QByteArray kHeader
    = "client_name,preferred_name,former_names,date_of_birth,stage,fee_earner,abuser_names,"
      "institution_names,abuse_types,incident_start,incident_end,incident_precision,region,account\n";
const QByteArray kAccount = "The client described abuse by a staff member at the school between 1995 and 1997.";
const QByteArray kGoodFile = kHeader
    + "Zoë Müller,Zo,\"Zoë Smith; Zoe Brown\",1985-02-03,investigation,demo-solicitor,William Hartley,"
      "\"St Aldric's School\",sexual;emotional,1995-09,1997-07,month,england-wales,\""
    + kAccount
    + "\"\n"
      "\"O'Connor, Kate\",,,1979-11-30,,,,Northfield Children's Home,physical,1988,,year,scotland,\n";

class Fixture : public test::CliRunner {
public:
    QString vault() const { return path(QStringLiteral("cases.claimdesk")); }

    CliResult demo(int cases, const QString& vaultPath, quint32 seed = 1) const
    {
        return run({QStringLiteral("demo"), vaultPath, QStringLiteral("--cases"), QString::number(cases),
                    QStringLiteral("--seed"), QString::number(seed), kFastKdf});
    }
    // A command signed in as a demo user: `words` is the command, the vault is inserted after it.
    CliResult as(const QString& user, const QStringList& words, const QStringList& options = {},
                 const QString& vaultPath = {}) const
    {
        return run(words + QStringList {vaultPath.isEmpty() ? vault() : vaultPath, QStringLiteral("--user"), user}
                       + options,
                   {kDemoPass});
    }
    // The vault opened in this process, to look at what the CLI wrote.
    std::unique_ptr<core::Vault> open(const QString& user) const
    {
        core::VaultOptions options;
        options.throttleStateFile = path(QStringLiteral("throttle.json"));
        auto opened = core::Vault::unlock(vault(), user, kDemoPass, options);
        return opened ? std::move(*opened) : nullptr;
    }
    QString writeFile(const QString& name, const QByteArray& content) const
    {
        QFile file(path(name));
        if (file.open(QIODevice::WriteOnly)) {
            file.write(content);
        }
        return file.fileName();
    }
    CliResult import(const QString& user, const QString& file, bool dryRun = false, const QString& vaultPath = {}) const
    {
        QStringList options {file};
        if (dryRun) {
            options << QStringLiteral("--dry-run");
        }
        return as(user, {QStringLiteral("cases"), QStringLiteral("import")}, options, vaultPath);
    }
    QJsonArray listJson(const QString& user, const QStringList& options = {}, const QString& vaultPath = {}) const
    {
        const CliResult r = as(user, {QStringLiteral("cases"), QStringLiteral("list")},
                               options + QStringList {QStringLiteral("--json")}, vaultPath);
        return QJsonDocument::fromJson(r.out.toUtf8()).array();
    }
};

QStringList referencesIn(const QJsonArray& cases)
{
    QStringList refs;
    for (const QJsonValue& v : cases) {
        refs << v.toObject().value(QStringLiteral("reference")).toString();
    }
    return refs;
}

}  // namespace

class CliCasesTest : public QObject {
    Q_OBJECT
private slots:
    void importGoodFileThenListShowAndSearch();
    void badRowsAreListedWithLineAndColumnAndNothingIsWritten_data();
    void badRowsAreListedWithLineAndColumnAndNothingIsWritten();
    void dryRunChecksAndWritesNothing();
    void exportThenImportIntoASecondVault();
    void exportNeutralisesFormulasInUtf8WithAByteOrderMark();
    void conflictsJsonShowsANicknameMatchAndTheCheckIsRecorded();
    void demoCreatesFourUsersWhoSignInWithTheDemoPassphrase();
    void restrictedCaseIsListedForAnOutsiderByReferenceOnly();
    void adminSeesNoCases();
    void usageErrorsExit2_data();
    void usageErrorsExit2();
    void helpForTheNewCommands_data();
    void helpForTheNewCommands();
};

void CliCasesTest::importGoodFileThenListShowAndSearch()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.demo(0, f.vault()), ExitStatus::Success);
    const CliResult imported
        = f.import(QStringLiteral("demo-paralegal"), f.writeFile(QStringLiteral("good.csv"), kGoodFile));
    EXPECT_CLI_EXIT(imported, ExitStatus::Success);
    const QString year = QString::number(QDate::currentDate().year());
    const QString zoeRef = QStringLiteral("DEMO-%1-0001").arg(year);
    const QString kateRef = QStringLiteral("DEMO-%1-0002").arg(year);
    QVERIFY2(imported.out.contains(QStringLiteral("Imported 2 case(s)")), qPrintable(imported.out));
    QVERIFY(imported.out.contains(zoeRef));

    // The table: aligned columns, UK dates.
    const CliResult table = f.as(QStringLiteral("demo-paralegal"), {QStringLiteral("cases"), QStringLiteral("list")});
    EXPECT_CLI_EXIT(table, ExitStatus::Success);
    const QStringList lines = table.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith(QStringLiteral("REFERENCE")));
    QCOMPARE(lines[1].indexOf(QStringLiteral("Zoë Müller")), lines[0].indexOf(QStringLiteral("CLIENT")));
    QCOMPARE(lines[1].indexOf(QStringLiteral("Investigation")), lines[0].indexOf(QStringLiteral("STAGE")));
    QCOMPARE(lines[1].indexOf(QStringLiteral("Tom Hadley")), lines[0].indexOf(QStringLiteral("FEE EARNER")));
    QCOMPARE(lines[2].indexOf(QStringLiteral("Enquiry")), lines[0].indexOf(QStringLiteral("STAGE")));

    // JSON: the documented keys, ISO dates or null.
    const QJsonArray all = f.listJson(QStringLiteral("demo-paralegal"));
    QCOMPARE(referencesIn(all), (QStringList {zoeRef, kateRef}));
    const QJsonObject zoe = all.at(0).toObject();
    for (const char* key : {"reference", "clientName", "stage", "feeEarner", "nextDeadline"}) {
        QVERIFY2(zoe.contains(QLatin1String(key)), key);
    }
    QCOMPARE(zoe.value(QStringLiteral("clientName")).toString(), QStringLiteral("Zoë Müller"));
    QCOMPARE(zoe.value(QStringLiteral("stage")).toString(), QStringLiteral("investigation"));
    QCOMPARE(zoe.value(QStringLiteral("feeEarner")).toString(), QStringLiteral("demo-solicitor"));
    QVERIFY(zoe.value(QStringLiteral("nextDeadline")).isNull());
    QCOMPARE(all.at(1).toObject().value(QStringLiteral("feeEarner")).toString(), QStringLiteral("demo-paralegal"));

    // Search: accent-insensitive, former names, parties; and the stage filter.
    QCOMPARE(referencesIn(
                 f.listJson(QStringLiteral("demo-paralegal"), {QStringLiteral("--search"), QStringLiteral("muller")})),
             QStringList {zoeRef});
    QCOMPARE(referencesIn(f.listJson(QStringLiteral("demo-paralegal"),
                                     {QStringLiteral("--search"), QStringLiteral("zoe brown")})),
             QStringList {zoeRef});
    QCOMPARE(referencesIn(
                 f.listJson(QStringLiteral("demo-paralegal"), {QStringLiteral("--search"), QStringLiteral("northf")})),
             QStringList {kateRef});
    QCOMPARE(referencesIn(
                 f.listJson(QStringLiteral("demo-paralegal"), {QStringLiteral("--stage"), QStringLiteral("enquiry")})),
             QStringList {kateRef});
    const CliResult none = f.as(QStringLiteral("demo-paralegal"), {QStringLiteral("cases"), QStringLiteral("list")},
                                {QStringLiteral("--search"), QStringLiteral("nobody here")});
    EXPECT_CLI_EXIT(none, ExitStatus::Success);
    QCOMPARE(none.out, QStringLiteral("No cases match.\n"));

    // Show as JSON: the case file without the account.
    const CliResult shownJson
        = f.as(QStringLiteral("demo-paralegal"), {QStringLiteral("cases"), QStringLiteral("show")},
               {QStringLiteral("--case"), zoeRef, QStringLiteral("--json")});
    EXPECT_CLI_EXIT(shownJson, ExitStatus::Success);
    QVERIFY(!shownJson.out.contains(QString::fromUtf8(kAccount)));
    const QJsonObject file = QJsonDocument::fromJson(shownJson.out.toUtf8()).object();
    QCOMPARE(file.value(QStringLiteral("reference")).toString(), zoeRef);
    QCOMPARE(file.value(QStringLiteral("accountRecorded")), QJsonValue(true));
    QVERIFY(!file.contains(QStringLiteral("account")));
    const QJsonObject client = file.value(QStringLiteral("client")).toObject();
    QCOMPARE(client.value(QStringLiteral("dateOfBirth")).toString(), QStringLiteral("1985-02-03"));
    QCOMPARE(client.value(QStringLiteral("formerNames")).toArray().size(), 2);
    QVERIFY(client.value(QStringLiteral("safeContact")).toObject().contains(QStringLiteral("neverWriteTo")));
    const QJsonObject incident = file.value(QStringLiteral("incidents")).toArray().at(0).toObject();
    QCOMPARE(incident.value(QStringLiteral("start")).toString(), QStringLiteral("1995-09"));
    QCOMPARE(incident.value(QStringLiteral("end")).toString(), QStringLiteral("1997-07"));
    QCOMPARE(incident.value(QStringLiteral("precision")).toString(), QStringLiteral("month"));
    QCOMPARE(incident.value(QStringLiteral("ageAtStart")).toInt(), 10);
    const QJsonArray parties = file.value(QStringLiteral("parties")).toArray();
    QCOMPARE(parties.size(), 2);
    QVERIFY(!file.value(QStringLiteral("tasks")).toArray().isEmpty());  // "Complete the safeguarding screen"

    // Show as text: safe contact first-class, UK dates, "account recorded: yes" and never the account.
    const CliResult shown = f.as(QStringLiteral("demo-paralegal"), {QStringLiteral("cases"), QStringLiteral("show")},
                                 {QStringLiteral("--case"), zoeRef});
    EXPECT_CLI_EXIT(shown, ExitStatus::Success);
    QVERIFY(!shown.out.contains(QString::fromUtf8(kAccount)));
    QVERIFY(shown.out.contains(QRegularExpression(QStringLiteral("Account recorded: +yes"))));
    QVERIFY(shown.out.contains(QRegularExpression(QStringLiteral("Date of birth: +3 Feb 1985"))));
    QVERIFY(shown.out.contains(QStringLiteral("Safe contact")));
    QVERIFY(shown.out.contains(QStringLiteral("Sep 1995")));  // never the "Sept" of newer en-GB locale data
    QVERIFY(shown.out.contains(QStringLiteral("William Hartley")));

    const CliResult missing = f.as(QStringLiteral("demo-paralegal"), {QStringLiteral("cases"), QStringLiteral("show")},
                                   {QStringLiteral("--case"), QStringLiteral("DEMO-1999-0001")});
    EXPECT_CLI_EXIT(missing, ExitStatus::Failure);
    QVERIFY(missing.err.contains(QStringLiteral("There is no case DEMO-1999-0001")));
}

void CliCasesTest::badRowsAreListedWithLineAndColumnAndNothingIsWritten_data()
{
    QTest::addColumn<QByteArray>("rows");
    QTest::addColumn<QStringList>("problems");
    QTest::addRow("a date that does not exist")
        << QByteArray("Ann Lee,,,2025-02-30,,,,,,,,,,\n")
        << QStringList {QStringLiteral("line 2: date_of_birth: 2025-02-30 does not "
                                       "exist (February 2025 has 28 days)")};
    QTest::addRow("date of birth in the future")
        << QByteArray("Ann Lee,,,2999-01-01,,,,,,,,,,\n")
        << QStringList {QStringLiteral("line 2: date_of_birth: 2999-01-01 is in "
                                       "the future")};
    QTest::addRow("end before start") << QByteArray("Ann Lee,,,1970-01-01,,,,,,1995,1990,year,,\n")
                                      << QStringList {
                                             QStringLiteral("line 2: incident_end: 1990 is before incident_start "
                                                            "1995")};
    QTest::addRow("unknown stage") << QByteArray("Ann Lee,,,,settled,,,,,,,,,\n")
                                   << QStringList {
                                          QStringLiteral("line 2: stage: unknown stage 'settled' (use one of: "
                                                         "enquiry, intake, engagement, investigation, experts, "
                                                         "letter-of-claim, negotiation, proceedings, "
                                                         "trial-preparation, resolution, closed)")};
    QTest::addRow("unknown region") << QByteArray("Ann Lee,,,,,,,,,2001,,,Wales and the Marches,\n")
                                    << QStringList {
                                           QStringLiteral("line 2: region: unknown region 'Wales and the Marches' "
                                                          "(use england-wales, scotland or northern-ireland)")};
    QTest::addRow("unknown precision") << QByteArray("Ann Lee,,,,,,,,,2001,,fortnight,,\n")
                                       << QStringList {QStringLiteral("line 2: incident_precision: unknown precision "
                                                                      "'fortnight' (use day, month, year or approx)")};
    QTest::addRow("unknown fee earner") << QByteArray("Ann Lee,,,,,demo-admin,,,,,,,,\n")
                                        << QStringList {
                                               QStringLiteral("line 2: fee_earner: unknown fee earner 'demo-admin' "
                                                              "(give the username of an active supervisor, "
                                                              "solicitor or paralegal)")};
    QTest::addRow("empty client name") << QByteArray(",Annie,,,,,,,,,,,,\n")
                                       << QStringList {
                                              QStringLiteral("line 2: client_name: is empty (every row needs the "
                                                             "client's full name)")};
    QTest::addRow("wrong column count") << QByteArray(
        "Ann Lee,,1970-01-01\n") << QStringList {QStringLiteral("line 2: row: has 3 fields, but the header has 14")};
    QTest::addRow("good rows around two bad ones")
        << QByteArray("Good One,,,1970-01-01,,,,,,,,,,\n"
                      "Bad One,,,1970-13-01,,,,,,,,,,\n"
                      "\"Good\nTwo\",,,,,,,,,,,,,\n"
                      ",,,,,,,,,,,,,\n")
        << QStringList {QStringLiteral("line 3: date_of_birth: 1970-13-01 does not exist (there is no month 13)"),
                        QStringLiteral("line 6: client_name: is empty (every row needs the client's full name)")};
}

void CliCasesTest::badRowsAreListedWithLineAndColumnAndNothingIsWritten()
{
    QFETCH(QByteArray, rows);
    QFETCH(QStringList, problems);
    Fixture f;
    EXPECT_CLI_EXIT(f.demo(0, f.vault()), ExitStatus::Success);
    const CliResult r
        = f.import(QStringLiteral("demo-solicitor"), f.writeFile(QStringLiteral("bad.csv"), kHeader + rows));
    EXPECT_CLI_EXIT(r, ExitStatus::Usage);
    QVERIFY(r.out.isEmpty());
    QStringList errLines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(errLines.takeFirst().contains(QStringLiteral("nothing was imported")), qPrintable(r.err));
    QCOMPARE(errLines, problems);
    // Nothing was written: no case, client or party, and no audit entry about cases.
    auto vault = f.open(QStringLiteral("demo-solicitor"));
    QVERIFY(vault);
    for (const char* sql :
         {"SELECT count(*) FROM cases", "SELECT count(*) FROM clients", "SELECT count(*) FROM parties",
          "SELECT count(*) FROM audit_log WHERE action LIKE 'case%'"}) {
        auto n = vault->connection().scalarInt(sql);
        QVERIFY(n);
        QVERIFY2(*n == 0, sql);
    }
}

void CliCasesTest::dryRunChecksAndWritesNothing()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.demo(0, f.vault()), ExitStatus::Success);
    const QString file = f.writeFile(QStringLiteral("good.csv"), kGoodFile);
    const CliResult dry = f.import(QStringLiteral("demo-solicitor"), file, true);
    EXPECT_CLI_EXIT(dry, ExitStatus::Success);
    QVERIFY2(dry.out.contains(QStringLiteral("2 row(s) checked, no problems. Nothing was written (dry run).")),
             qPrintable(dry.out));
    QCOMPARE(f.listJson(QStringLiteral("demo-solicitor")).size(), 0);

    const CliResult dryBad
        = f.import(QStringLiteral("demo-solicitor"),
                   f.writeFile(QStringLiteral("bad.csv"), kHeader + "Ann,,,1970-02-30,,,,,,,,,,\n"), true);
    EXPECT_CLI_EXIT(dryBad, ExitStatus::Usage);
    QVERIFY(dryBad.err.contains(QStringLiteral("line 2: date_of_birth: 1970-02-30 does not exist")));

    const CliResult missingFile = f.import(QStringLiteral("demo-solicitor"), f.path(QStringLiteral("nope.csv")));
    EXPECT_CLI_EXIT(missingFile, ExitStatus::Failure);
    QVERIFY(missingFile.err.contains(QStringLiteral("nope.csv could not be read")));
}

void CliCasesTest::exportThenImportIntoASecondVault()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.demo(30, f.vault(), 3), ExitStatus::Success);
    const QString csv = f.path(QStringLiteral("export.csv"));
    const CliResult exported
        = f.as(QStringLiteral("demo-supervisor"), {QStringLiteral("cases"), QStringLiteral("export")},
               {QStringLiteral("--csv"), csv});
    EXPECT_CLI_EXIT(exported, ExitStatus::Success);
    QVERIFY2(exported.out.contains(QStringLiteral("Exported 30 case(s)")), qPrintable(exported.out));
    QFile written(csv);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray content = written.readAll();
    written.close();
    QVERIFY(
        content.contains("client_name,preferred_name,former_names,date_of_birth,stage,fee_earner,abuser_names,"
                         "institution_names,abuse_types,incident_start,incident_end,incident_precision,region\r\n"));
    QVERIFY(!content.contains("The client described"));  // no accounts

    // Never over an existing file.
    const CliResult again = f.as(QStringLiteral("demo-supervisor"), {QStringLiteral("cases"), QStringLiteral("export")},
                                 {QStringLiteral("--csv"), csv});
    EXPECT_CLI_EXIT(again, ExitStatus::Failure);
    QVERIFY(again.err.contains(QStringLiteral("already exists")));
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), content);

    // Into a second vault: the same clients, stages and fee earners.
    const QString second = f.path(QStringLiteral("second.claimdesk"));
    EXPECT_CLI_EXIT(f.demo(0, second), ExitStatus::Success);
    const CliResult imported = f.import(QStringLiteral("demo-supervisor"), csv, false, second);
    EXPECT_CLI_EXIT(imported, ExitStatus::Success);
    QVERIFY(imported.out.contains(QStringLiteral("Imported 30 case(s)")));
    auto summary = [](const QJsonArray& cases) {
        QStringList rows;
        for (const QJsonValue& v : cases) {
            const QJsonObject o = v.toObject();
            rows << QStringList {o.value(QStringLiteral("clientName")).toString(),
                                 o.value(QStringLiteral("stage")).toString(),
                                 o.value(QStringLiteral("feeEarner")).toString()}
                        .join(QLatin1Char('|'));
        }
        rows.sort();
        return rows;
    };
    const QJsonArray original = f.listJson(QStringLiteral("demo-supervisor"));
    QCOMPARE(original.size(), 30);
    QCOMPARE(summary(f.listJson(QStringLiteral("demo-supervisor"), {}, second)), summary(original));
}

void CliCasesTest::exportNeutralisesFormulasInUtf8WithAByteOrderMark()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.demo(0, f.vault()), ExitStatus::Success);
    // Cells a spreadsheet would run: a formula in the name, +, - and @ at the start of other cells.
    const QByteArray file = kHeader
        + "\"=HYPERLINK(\"\"http://"
          "x.example\"\",\"\"Zoë\"\")\",@Zo,+Smith,1985-02-03,,,-Hartley,,physical,1995,,year,,\n";
    EXPECT_CLI_EXIT(f.import(QStringLiteral("demo-supervisor"), f.writeFile(QStringLiteral("in.csv"), file)),
                    ExitStatus::Success);
    const QString csv = f.path(QStringLiteral("export.csv"));
    EXPECT_CLI_EXIT(f.as(QStringLiteral("demo-supervisor"), {QStringLiteral("cases"), QStringLiteral("export")},
                         {QStringLiteral("--csv"), csv}),
                    ExitStatus::Success);
    QFile written(csv);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray content = written.readAll();
    QVERIFY(content.startsWith("\xEF\xBB\xBF"
                               "client_name,"));  // UTF-8 with a byte order mark
    const QString row = QString::fromUtf8(content).split(QStringLiteral("\r\n")).value(1);
    QVERIFY2(row.startsWith(
                 QStringLiteral("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Zoë\"\")\",'@Zo,'+Smith,1985-02-03,")),
             qPrintable(row));
    QVERIFY2(row.contains(QStringLiteral(",'-Hartley,")), qPrintable(row));
    // The export still imports as it was: the quote in front is taken off again.
    const QString second = f.path(QStringLiteral("second.claimdesk"));
    EXPECT_CLI_EXIT(f.demo(0, second), ExitStatus::Success);
    EXPECT_CLI_EXIT(f.import(QStringLiteral("demo-supervisor"), csv, false, second), ExitStatus::Success);
    const CliResult listed = f.as(QStringLiteral("demo-supervisor"), {QStringLiteral("cases"), QStringLiteral("list")},
                                  {QStringLiteral("--json")}, second);
    EXPECT_CLI_EXIT(listed, ExitStatus::Success);
    const QJsonArray cases = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    QCOMPARE(cases.size(), qsizetype {1});
    QCOMPARE(cases.at(0).toObject().value(QStringLiteral("clientName")).toString(),
             QStringLiteral("=HYPERLINK(\"http://x.example\",\"Zoë\")"));
}

void CliCasesTest::conflictsJsonShowsANicknameMatchAndTheCheckIsRecorded()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.demo(0, f.vault()), ExitStatus::Success);
    EXPECT_CLI_EXIT(f.import(QStringLiteral("demo-paralegal"), f.writeFile(QStringLiteral("good.csv"), kGoodFile)),
                    ExitStatus::Success);
    const CliResult r = f.as(QStringLiteral("demo-paralegal"), {QStringLiteral("conflicts")},
                             {QStringLiteral("--name"), QStringLiteral("Bill Hartley"), QStringLiteral("--json")});
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    const QJsonArray matches = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QVERIFY2(!matches.isEmpty(), qPrintable(r.out));
    const QJsonObject best = matches.at(0).toObject();
    QCOMPARE(best.value(QStringLiteral("name")).toString(), QStringLiteral("William Hartley"));
    QCOMPARE(best.value(QStringLiteral("kind")).toString(), QStringLiteral("party"));
    QCOMPARE(best.value(QStringLiteral("caseReference")).toString(),
             QStringLiteral("DEMO-%1-0001").arg(QDate::currentDate().year()));
    const double score = best.value(QStringLiteral("score")).toDouble();
    QVERIFY2(score > 0.7 && score <= 1.0, qPrintable(QString::number(score)));
    QVERIFY(best.value(QStringLiteral("reasons")).toArray().first().toString().contains(QStringLiteral("nickname")));

    // The text form, with a date of birth; a bad date is a usage error before any passphrase is read.
    const CliResult text = f.as(QStringLiteral("demo-paralegal"), {QStringLiteral("conflicts")},
                                {QStringLiteral("--name"), QStringLiteral("Zoe Muller"), QStringLiteral("--dob"),
                                 QStringLiteral("1985-02-03")});
    EXPECT_CLI_EXIT(text, ExitStatus::Success);
    QVERIFY(text.out.startsWith(QStringLiteral("SCORE")));
    QVERIFY(text.out.contains(QStringLiteral("Zoë Müller")));
    EXPECT_CLI_EXIT(
        f.run({QStringLiteral("conflicts"), f.vault(), QStringLiteral("--user"), QStringLiteral("demo-paralegal"),
               QStringLiteral("--name"), QStringLiteral("Zoe"), QStringLiteral("--dob"), QStringLiteral("1985-02-30")}),
        ExitStatus::Usage);

    // Both checks were recorded (ConflictService::record), by the paralegal.
    auto vault = f.open(QStringLiteral("demo-paralegal"));
    QVERIFY(vault);
    auto checks
        = vault->connection().scalarInt("SELECT count(*) FROM conflict_checks WHERE by_user = 'demo-paralegal'");
    QVERIFY(checks);
    QCOMPARE(*checks, qint64(2));
}

void CliCasesTest::demoCreatesFourUsersWhoSignInWithTheDemoPassphrase()
{
    Fixture f;
    const CliResult made = f.demo(5, f.vault());
    EXPECT_CLI_EXIT(made, ExitStatus::Success);
    QVERIFY(made.out.contains(QStringLiteral("with the passphrase demo-passphrase")));
    const QStringList users {QStringLiteral("demo-admin"), QStringLiteral("demo-supervisor"),
                             QStringLiteral("demo-solicitor"), QStringLiteral("demo-paralegal")};
    QStringList fromCore;
    for (const core::DemoAccount& a : core::DemoVault::accounts()) {
        fromCore << a.username;
        QCOMPARE(a.passphrase, QString::fromLatin1(kDemoPass));
    }
    QCOMPARE(fromCore, users);  // what the start screen shows
    for (const QString& user : users) {
        const CliResult listed
            = f.as(user, {QStringLiteral("user"), QStringLiteral("list")}, {QStringLiteral("--json")});
        EXPECT_CLI_EXIT(listed, ExitStatus::Success);  // signed in: no one-time passphrase to change first
        const QJsonArray all = QJsonDocument::fromJson(listed.out.toUtf8()).array();
        QCOMPARE(all.size(), 4);
        for (const QJsonValue& v : all) {
            QCOMPARE(v.toObject().value(QStringLiteral("mustChangePassphrase")), QJsonValue(false));
            QVERIFY(users.contains(v.toObject().value(QStringLiteral("username")).toString()));
        }
    }
    QCOMPARE(f.listJson(QStringLiteral("demo-supervisor")).size(), 5);

    // Never over an existing vault; the same seed gives the same cases.
    const CliResult again = f.demo(5, f.vault());
    EXPECT_CLI_EXIT(again, ExitStatus::Failure);
    QVERIFY(again.err.contains(QStringLiteral("already exists")));
    const QString twin = f.path(QStringLiteral("twin.claimdesk"));
    EXPECT_CLI_EXIT(f.demo(5, twin), ExitStatus::Success);
    QCOMPARE(f.listJson(QStringLiteral("demo-supervisor"), {}, twin), f.listJson(QStringLiteral("demo-supervisor")));
}

void CliCasesTest::restrictedCaseIsListedForAnOutsiderByReferenceOnly()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.demo(200, f.vault()), ExitStatus::Success);
    const QJsonArray solicitor
        = f.listJson(QStringLiteral("demo-solicitor"));  // fee earner of every restricted demo case
    const QJsonArray paralegal = f.listJson(QStringLiteral("demo-paralegal"));
    QCOMPARE(paralegal.size(), 200);
    int hidden = 0;
    for (const QJsonValue& v : paralegal) {
        const QJsonObject o = v.toObject();
        if (!o.value(QStringLiteral("clientName")).isNull()) {
            continue;
        }
        ++hidden;
        QCOMPARE(o.value(QStringLiteral("restricted")), QJsonValue(true));
        QVERIFY(o.value(QStringLiteral("stage")).isNull());
        QVERIFY(o.value(QStringLiteral("feeEarner")).isNull());
        const QString ref = o.value(QStringLiteral("reference")).toString();
        // The fee earner sees the same case in full.
        for (const QJsonValue& s : solicitor) {
            if (s.toObject().value(QStringLiteral("reference")).toString() == ref) {
                QVERIFY(!s.toObject().value(QStringLiteral("clientName")).toString().isEmpty());
                QCOMPARE(s.toObject().value(QStringLiteral("restricted")), QJsonValue(true));
            }
        }
        // Opening it is refused (exit 6), and the table shows only the reference.
        const CliResult shown
            = f.as(QStringLiteral("demo-paralegal"), {QStringLiteral("cases"), QStringLiteral("show")},
                   {QStringLiteral("--case"), ref});
        EXPECT_CLI_EXIT(shown, ExitStatus::PermissionDenied);
        QVERIFY(shown.err.contains(QStringLiteral("restricted case")));
    }
    QVERIFY2(hidden > 0, "the demo data should hold restricted cases the paralegal may not open");
    const CliResult table = f.as(QStringLiteral("demo-paralegal"), {QStringLiteral("cases"), QStringLiteral("list")});
    QVERIFY(table.out.contains(QRegularExpression(QStringLiteral("DEMO-\\d{4}-\\d{4}  \\(restricted\\) +restricted"))));
}

void CliCasesTest::adminSeesNoCases()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.demo(3, f.vault()), ExitStatus::Success);
    for (const QStringList& words : {QStringList {QStringLiteral("cases"), QStringLiteral("list")}}) {
        const CliResult r = f.as(QStringLiteral("demo-admin"), words);
        EXPECT_CLI_EXIT(r, ExitStatus::PermissionDenied);
        QVERIFY(r.out.isEmpty());
    }
    EXPECT_CLI_EXIT(f.as(QStringLiteral("demo-admin"), {QStringLiteral("cases"), QStringLiteral("export")},
                         {QStringLiteral("--csv"), f.path(QStringLiteral("x.csv"))}),
                    ExitStatus::PermissionDenied);
    QVERIFY(!QFile::exists(f.path(QStringLiteral("x.csv"))));
    EXPECT_CLI_EXIT(f.import(QStringLiteral("demo-admin"), f.writeFile(QStringLiteral("good.csv"), kGoodFile)),
                    ExitStatus::PermissionDenied);
    EXPECT_CLI_EXIT(f.as(QStringLiteral("demo-admin"), {QStringLiteral("conflicts")},
                         {QStringLiteral("--name"), QStringLiteral("Kate")}),
                    ExitStatus::PermissionDenied);
}

void CliCasesTest::usageErrorsExit2_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString v = QStringLiteral("any.claimdesk");
    const QString u = QStringLiteral("--user");
    const QString user = QStringLiteral("demo-paralegal");
    QTest::addRow("import without a file")
        << QStringList {QStringLiteral("cases"), QStringLiteral("import"), v, u, user}
        << QStringLiteral("Give the FILE.csv after the vault file.");
    QTest::addRow("import with two files")
        << QStringList {QStringLiteral("cases"), QStringLiteral("import"), v, u, user,
                        QStringLiteral("a.csv"), QStringLiteral("b.csv")}
        << QStringLiteral("Unexpected argument 'b.csv'");
    QTest::addRow("list with an unknown stage")
        << QStringList {QStringLiteral("cases"),   QStringLiteral("list"), v, u, user,
                        QStringLiteral("--stage"), QStringLiteral("done")}
        << QStringLiteral("'done' is not a stage: use one of enquiry, intake");
    QTest::addRow("show without --case") << QStringList {QStringLiteral("cases"), QStringLiteral("show"), v, u, user}
                                         << QStringLiteral("Missing --case REF.");
    QTest::addRow("export without --csv") << QStringList {QStringLiteral("cases"), QStringLiteral("export"), v, u, user}
                                          << QStringLiteral("Missing --csv FILE.");
    QTest::addRow("conflicts without --name")
        << QStringList {QStringLiteral("conflicts"), v, u, user} << QStringLiteral("Missing --name \"NAME\".");
    QTest::addRow("demo without --cases")
        << QStringList {QStringLiteral("demo"), v} << QStringLiteral("Missing --cases N.");
    QTest::addRow("demo with a negative count") << QStringList {QStringLiteral("demo"), v, QStringLiteral("--cases=-5")}
                                                << QStringLiteral("--cases takes a number of cases from 0 to 1000000.");
    QTest::addRow("demo with a bad seed") << QStringList {
        QStringLiteral("demo"), v, QStringLiteral("--cases"), QStringLiteral("5"), QStringLiteral("--seed"),
        QStringLiteral("abc")} << QStringLiteral("--seed takes a whole number");
    QTest::addRow("unknown cases command") << QStringList {QStringLiteral("cases"), QStringLiteral("delete"), v}
                                           << QStringLiteral("Unknown command 'cases delete'.");
}

void CliCasesTest::usageErrorsExit2()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    Fixture f;
    const CliResult r = f.run(arguments, {kDemoPass});
    EXPECT_CLI_EXIT(r, ExitStatus::Usage);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFile::exists(QStringLiteral("any.claimdesk")));
}

void CliCasesTest::helpForTheNewCommands_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("usage");
    QTest::addRow("cases --help") << QStringList {QStringLiteral("cases"), QStringLiteral("--help")}
                                  << QStringLiteral("cases import");
    QTest::addRow("cases import --help")
        << QStringList {QStringLiteral("cases"), QStringLiteral("import"), QStringLiteral("--help")}
        << QStringLiteral("Usage: claimdesk-cli cases import VAULT --user USER FILE.csv [--dry-run]");
    QTest::addRow("cases list --help") << QStringList {QStringLiteral("cases"), QStringLiteral("list"),
                                                       QStringLiteral("--help")}
                                       << QStringLiteral(
                                              "Usage: claimdesk-cli cases list VAULT --user USER [--search TEXT] "
                                              "[--stage STAGE] [--json]");
    QTest::addRow("cases show --help") << QStringList {QStringLiteral("cases"), QStringLiteral("show"),
                                                       QStringLiteral("--help")}
                                       << QStringLiteral(
                                              "Usage: claimdesk-cli cases show VAULT --user USER --case REF [--json]");
    QTest::addRow("cases export --help") << QStringList {
        QStringLiteral("cases"), QStringLiteral("export"),
        QStringLiteral("--help")} << QStringLiteral("Usage: claimdesk-cli cases export VAULT --user USER --csv FILE");
    QTest::addRow("conflicts --help") << QStringList {QStringLiteral("conflicts"), QStringLiteral("--help")}
                                      << QStringLiteral(
                                             "Usage: claimdesk-cli conflicts VAULT --user USER --name \"NAME\" "
                                             "[--dob YYYY-MM-DD] [--json]");
    QTest::addRow("demo --help") << QStringList {QStringLiteral("demo"), QStringLiteral("--help")}
                                 << QStringLiteral("Usage: claimdesk-cli demo VAULT --cases N [--seed S]");
    QTest::addRow("--help lists them") << QStringList {QStringLiteral("--help")} << QStringLiteral("  conflicts ");
}

void CliCasesTest::helpForTheNewCommands()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, usage);
    Fixture f;
    const CliResult r = f.run(arguments);
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    QVERIFY2(r.out.contains(usage), qPrintable(r.out));
    QVERIFY(!r.out.contains(QStringLiteral("kdf")));
}

QTEST_GUILESS_MAIN(CliCasesTest)
#include "tst_cli_cases.moc"
