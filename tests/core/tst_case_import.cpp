// The CSV reader and the case import: RFC 4180 quoting, every problem listed as "line N: column: problem",
// all or nothing in one transaction, dry runs that write nothing, and an export that imports again.

#include "FakeClock.h"
#include "TestVault.h"

#include "cases/CaseImport.h"
#include "cases/CaseService.h"
#include "demo/DemoCases.h"
#include "demo/DemoVault.h"
#include "store/Sqlite.h"
#include "store/Vault.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace claimdesk;
using namespace claimdesk::core;

namespace {

const QDate kToday(2026, 11, 27);
const QSet<QString> kFeeEarners {QStringLiteral("demo-solicitor"), QStringLiteral("demo-paralegal"),
                                 QStringLiteral("demo-supervisor")};
const QByteArray kHeader
    = "client_name,preferred_name,former_names,date_of_birth,stage,fee_earner,abuser_names,"
      "institution_names,abuse_types,incident_start,incident_end,incident_precision,region,account\n";

// A demo vault without cases (its four users are ready to sign in), at a fixed "now".
class DemoFixture {
public:
    DemoFixture() : m_clock(QDateTime(kToday, QTime(12, 0), Qt::UTC))
    {
        if (!m_dir.isValid()) {
            qFatal("no temporary folder");
        }
        if (auto made = DemoVault::create(path(), options(), {0, 1}); !made) {
            qFatal("creating the demo vault failed: %s", qPrintable(made.error().message));
        }
    }
    QString path() const { return m_dir.filePath(QStringLiteral("demo.claimdesk")); }
    VaultOptions options() const
    {
        VaultOptions o = test::fastOptions(m_dir);
        o.clock = &m_clock;
        return o;
    }
    std::unique_ptr<Vault> signIn(const QString& username)
    {
        auto vault = Vault::unlock(path(), username, DemoVault::passphrase().toUtf8(), options());
        if (!vault) {
            qFatal("signing in failed: %s", qPrintable(vault.error().message));
        }
        return std::move(*vault);
    }

private:
    QTemporaryDir m_dir;
    test::FakeClock m_clock;
};

qint64 count(Vault& vault, const char* sql)
{
    auto n = vault.connection().scalarInt(sql);
    return n ? *n : -1;
}

// Records as the parser returns them, written as UTF-8 literals.
QList<QStringList> recs(std::initializer_list<std::initializer_list<const char*>> records)
{
    QList<QStringList> out;
    for (const auto& record : records) {
        QStringList fields;
        for (const char* field : record) {
            fields << QString::fromUtf8(field);
        }
        out << fields;
    }
    return out;
}

QStringList problemsOf(const CaseImport::Checked& checked)
{
    QStringList lines;
    for (const ImportProblem& p : checked.problems) {
        lines << p.toString();
    }
    return lines;
}

}  // namespace

class CaseImportTest : public QObject {
    Q_OBJECT
private slots:
    void parsesRfc4180_data();
    void parsesRfc4180();
    void reportsMalformedCsv_data();
    void reportsMalformedCsv();
    void formattedRecordsParseBackToTheSameFields();
    void formulaCellsAreNeutralised_data();
    void formulaCellsAreNeutralised();

    void goodFileBecomesCasesToCreate();
    void columnsMayComeInAnyOrder();
    void eachKindOfBadRowIsReportedWithLineAndColumn_data();
    void eachKindOfBadRowIsReportedWithLineAndColumn();
    void headerProblemsAreReported_data();
    void headerProblemsAreReported();
    void everyProblemInTheFileIsListed();

    void importIsOneTransactionWithOneAuditEntry();
    void rejectedFileWritesNothing();
    void dryRunWritesNothing();
    void adminMayNotImportAndTheRefusalIsAudited();
    void exportImportsAgainIntoAnotherVault();
    void exportNeutralisesFormulasAndStartsWithAByteOrderMark();
    void demoCasesAreDeterministicAndImportable();
    void demoBulkWriteStoresWhatCaseServiceCreateStores();
    void bulkTransactionIsAllOrNothing();
    void partyLookupByNameUsesTheIndex();
};

// ---------------------------------------------------------------------------------------------------------
// CSV

void CaseImportTest::parsesRfc4180_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QStringList>>("records");  // the header first
    QTest::addColumn<QList<int>>("lines");

    QTest::addRow("plain fields, LF") << QByteArray("a,b,c\n1,2,3\n") << recs({{"a", "b", "c"}, {"1", "2", "3"}})
                                      << QList<int> {1, 2};
    QTest::addRow("CRLF line ends") << QByteArray("a,b\r\n1,2\r\n3,4\r\n") << recs({{"a", "b"}, {"1", "2"}, {"3", "4"}})
                                    << QList<int> {1, 2, 3};
    QTest::addRow("quoted comma") << QByteArray("name,town\n\"O'Connor, Kate\",Kelsby\n")
                                  << recs({{"name", "town"}, {"O'Connor, Kate", "Kelsby"}}) << QList<int> {1, 2};
    QTest::addRow("embedded LF: the next record starts two lines on")
        << QByteArray("a,b\n\"first line\nsecond line\",x\ny,z\n")
        << recs({{"a", "b"}, {"first line\nsecond line", "x"}, {"y", "z"}}) << QList<int> {1, 2, 4};
    QTest::addRow("embedded CRLF is kept as LF")
        << QByteArray("a\r\n\"one\r\ntwo\"\r\n") << recs({{"a"}, {"one\ntwo"}}) << QList<int> {1, 2};
    QTest::addRow("doubled quotes") << QByteArray("a,b\n\"say \"\"hello\"\"\",\"\"\"\"\n")
                                    << recs({{"a", "b"}, {"say \"hello\"", "\""}}) << QList<int> {1, 2};
    QTest::addRow("UTF-8 BOM skipped") << QByteArray("\xEF\xBB\xBF"
                                                     "client_name\nZo\xC3\xAB M\xC3\xBCller\n")
                                       << recs({{"client_name"}, {"Zoë Müller"}}) << QList<int> {1, 2};
    QTest::addRow("ragged rows are kept as they are")
        << QByteArray("a,b,c\n1,2\n1,2,3,4\n") << recs({{"a", "b", "c"}, {"1", "2"}, {"1", "2", "3", "4"}})
        << QList<int> {1, 2, 3};
    QTest::addRow("empty fields, last one too")
        << QByteArray("a,b,c\n,,\n1,,\n") << recs({{"a", "b", "c"}, {"", "", ""}, {"1", "", ""}})
        << QList<int> {1, 2, 3};
    QTest::addRow("no line break at the end")
        << QByteArray("a,b\n1,2") << recs({{"a", "b"}, {"1", "2"}}) << QList<int> {1, 2};
    QTest::addRow("blank lines are skipped but counted")
        << QByteArray("a\n\n1\n\r\n2\n\n") << recs({{"a"}, {"1"}, {"2"}}) << QList<int> {1, 3, 5};
    QTest::addRow("a quoted empty field is a record")
        << QByteArray("a\n\"\"\n") << recs({{"a"}, {""}}) << QList<int> {1, 2};
    QTest::addRow("spaces around unquoted fields are kept for the importer to trim")
        << QByteArray("a,b\n  x , y\n") << recs({{"a", "b"}, {"  x ", " y"}}) << QList<int> {1, 2};
}

void CaseImportTest::parsesRfc4180()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QStringList>, records);
    QFETCH(QList<int>, lines);
    const CsvDocument doc = Csv::parse(input);
    QVERIFY2(doc.problems.isEmpty(), qPrintable(doc.problems.join(QLatin1Char('\n'))));
    QCOMPARE(doc.header.fields, records.first());
    QCOMPARE(doc.header.line, lines.first());
    QCOMPARE(static_cast<qsizetype>(doc.records.size()), records.size() - 1);
    for (std::size_t i = 0; i < doc.records.size(); ++i) {
        QCOMPARE(doc.records[i].fields, records.at(static_cast<qsizetype>(i) + 1));
        QCOMPARE(doc.records[i].line, lines.at(static_cast<qsizetype>(i) + 1));
    }
}

void CaseImportTest::reportsMalformedCsv_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("problem");
    QTest::addRow("unclosed quote") << QByteArray("a,b\n1,\"never closed\n2,3\n")
                                    << QStringLiteral(
                                           "line 2: a quoted field is not closed before the end of the file");
    QTest::addRow("quote inside an unquoted field")
        << QByteArray("a,b\n1,5\"2\n") << QStringLiteral("line 2: a quote inside field 2");
    QTest::addRow("text after a closing quote")
        << QByteArray("a,b\n\"x\"y,2\n") << QStringLiteral("line 2: text after the closing quote of field 1");
    QTest::addRow("not UTF-8 (Latin-1 \xC3\xBC)")
        << QByteArray("a\nok\nM\xFCller\n") << QStringLiteral("line 3: the file is not UTF-8 text");
}

void CaseImportTest::reportsMalformedCsv()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, problem);
    const CsvDocument doc = Csv::parse(input);
    QCOMPARE(doc.problems.size(), 1);
    QVERIFY2(doc.problems.first().startsWith(problem), qPrintable(doc.problems.first()));

    // The importer lists it too, and rejects the file.
    const CaseImport::Checked checked = CaseImport::check(input, kToday, kFeeEarners);
    QVERIFY(!checked.problems.empty());
    QVERIFY2(problemsOf(checked).first().startsWith(problem.section(QLatin1Char(':'), 0, 0)),
             qPrintable(problemsOf(checked).join(QLatin1Char('\n'))));
}

void CaseImportTest::formattedRecordsParseBackToTheSameFields()
{
    const QStringList fields {QStringLiteral("plain"),           QStringLiteral("with, comma"),
                              QStringLiteral("say \"hi\""),      QStringLiteral("two\nlines"),
                              QStringLiteral(" leading space"),  QString(),
                              QStringLiteral("Zoë Müller; Siân")};
    const QString text = Csv::formatRecord(fields);
    QVERIFY(text.endsWith(QStringLiteral("\r\n")));
    const CsvDocument doc = Csv::parse(text.toUtf8());
    QVERIFY(doc.problems.isEmpty());
    QCOMPARE(doc.header.fields, fields);
}

// ---------------------------------------------------------------------------------------------------------
// Checking a file

void CaseImportTest::formulaCellsAreNeutralised_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("written");

    QTest::addRow("equals: =HYPERLINK") << QStringLiteral("=HYPERLINK(\"http://x.example\",\"open\")")
                                        << QStringLiteral("'=HYPERLINK(\"http://x.example\",\"open\")");
    QTest::addRow("plus: +44 7700 900123") << QStringLiteral("+44 7700 900123") << QStringLiteral("'+44 7700 900123");
    QTest::addRow("minus: -2+3") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
    QTest::addRow("at: @SUM(A1)") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
    QTest::addRow("tab first") << QStringLiteral("\t=1+1") << QStringLiteral("'\t=1+1");
    QTest::addRow("carriage return first") << QStringLiteral("\r=1+1") << QStringLiteral("'\r=1+1");
    QTest::addRow("looks neutralised already: '=x") << QStringLiteral("'=x") << QStringLiteral("''=x");
    QTest::addRow("ordinary name with an apostrophe: O'Connor")
        << QStringLiteral("O'Connor") << QStringLiteral("O'Connor");
    QTest::addRow("formula character later: Smith-Jones")
        << QStringLiteral("Smith-Jones") << QStringLiteral("Smith-Jones");
    QTest::addRow("a date: 1995-09") << QStringLiteral("1995-09") << QStringLiteral("1995-09");
    QTest::addRow("empty") << QString() << QString();
}

void CaseImportTest::formulaCellsAreNeutralised()
{
    QFETCH(QString, field);
    QFETCH(QString, written);
    QCOMPARE(Csv::neutraliseFormula(field), written);
    QCOMPARE(Csv::withoutFormulaGuard(written), field);  // the import reads it back as it was
    // Through the writer and the parser: one field, quoted where it needs to be.
    const CsvDocument doc
        = Csv::parse(Csv::utf8WithBom(Csv::formatSafeRecord({QStringLiteral("h")}) + Csv::formatSafeRecord({field})));
    QVERIFY(doc.problems.isEmpty());
    QCOMPARE(doc.records.size(), std::size_t {field.isEmpty() ? 0U : 1U});
    if (!field.isEmpty()) {
        QCOMPARE(doc.records.front().fields, QStringList {written});
    }
}

void CaseImportTest::goodFileBecomesCasesToCreate()
{
    const QByteArray csv = kHeader
        + "Zoë Müller,Zo,Zoë Smith; Zoe Brown ;,1985-02-03,Intake,demo-solicitor,William Hartley,"
          "\"St Aldric's School\",sexual;emotional,1995-09,1997-07,month,england-wales,\"The client described abuse by "
          "a staff member at the school between 1995 and 1997.\"\n"
          "\"O'Connor, Kate\",,,1979-11-30,,,,Northfield Children's Home,,1988,,,Scotland,\n"
          "Sam Taylor,,,,,,,,,,,,,\n";
    const CaseImport::Checked checked = CaseImport::check(csv, kToday, kFeeEarners);
    QVERIFY2(checked.problems.empty(), qPrintable(problemsOf(checked).join(QLatin1Char('\n'))));
    QCOMPARE(checked.rows, 3);
    QCOMPARE(checked.valid.size(), std::size_t(3));

    const ImportRow& zoe = checked.valid[0];
    QCOMPARE(zoe.line, 2);
    QCOMPARE(zoe.input.stage, Stage::Intake);
    QCOMPARE(zoe.input.client.fullName, QStringLiteral("Zoë Müller"));
    QCOMPARE(zoe.input.client.preferredName, QStringLiteral("Zo"));
    QCOMPARE(zoe.input.client.formerNames, (QStringList {QStringLiteral("Zoë Smith"), QStringLiteral("Zoe Brown")}));
    QCOMPARE(zoe.input.client.dateOfBirth, QDate(1985, 2, 3));
    QCOMPARE(zoe.input.feeEarner, QStringLiteral("demo-solicitor"));
    QCOMPARE(zoe.input.parties.size(), std::size_t(2));
    QCOMPARE(zoe.input.parties[0].role, PartyRole::Abuser);
    QCOMPARE(zoe.input.parties[0].party.kind, PartyKind::Person);
    QCOMPARE(zoe.input.parties[1].party.name, QStringLiteral("St Aldric's School"));
    QCOMPARE(zoe.input.parties[1].party.kind, PartyKind::Organisation);
    QCOMPARE(zoe.input.incidents.size(), std::size_t(1));
    const Incident& i = zoe.input.incidents.front();
    QCOMPARE(i.start, QDate(1995, 9, 1));
    QCOMPARE(i.end, QDate(1997, 7, 1));
    QCOMPARE(i.startPrecision, DatePrecision::Month);
    QCOMPARE(i.latestEnd(), QDate(1997, 7, 31));
    QCOMPARE(i.abuseTypes, (QStringList {QStringLiteral("sexual"), QStringLiteral("emotional")}));
    QCOMPARE(i.perpetrators, QStringList {QStringLiteral("William Hartley")});
    QVERIFY(zoe.input.account.startsWith(QStringLiteral("The client described")));

    const ImportRow& kate = checked.valid[1];
    QCOMPARE(kate.input.client.fullName, QStringLiteral("O'Connor, Kate"));
    QCOMPARE(kate.input.stage, Stage::Enquiry);  // empty: a new enquiry
    QVERIFY(kate.input.feeEarner.isEmpty());  // empty: the importing user
    QCOMPARE(kate.input.incidents.front().startPrecision, DatePrecision::Year);  // from the date's shape
    QCOMPARE(kate.input.incidents.front().region, Region::Scotland);

    QVERIFY(checked.valid[2].input.incidents.empty());  // no incident columns: no incident
}

void CaseImportTest::columnsMayComeInAnyOrder()
{
    const QByteArray csv
        = "region,client_name,incident_start,preferred_name,former_names,date_of_birth,stage,fee_earner,"
          "abuser_names,institution_names,abuse_types,incident_end,incident_precision\n"
          "northern-ireland,Aoife Kelly,2001,,,1990-06-01,,,,,,,year\n";
    const CaseImport::Checked checked = CaseImport::check(csv, kToday, kFeeEarners);
    QVERIFY2(checked.problems.empty(), qPrintable(problemsOf(checked).join(QLatin1Char('\n'))));
    QCOMPARE(checked.valid.front().input.client.fullName, QStringLiteral("Aoife Kelly"));
    QCOMPARE(checked.valid.front().input.incidents.front().region, Region::NorthernIreland);
}

void CaseImportTest::eachKindOfBadRowIsReportedWithLineAndColumn_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<QString>("problem");
    QTest::addRow("a date that does not exist") << QByteArray("Ann Lee,,,2025-02-30,,,,,,,,,,")
                                                << QStringLiteral("line 2: date_of_birth: 2025-02-30 does not exist "
                                                                  "(February 2025 has 28 days)");
    QTest::addRow("month 13") << QByteArray("Ann Lee,,,1990-13-01,,,,,,,,,,")
                              << QStringLiteral(
                                     "line 2: date_of_birth: 1990-13-01 does not exist (there is no month 13)");
    QTest::addRow("a date in another form")
        << QByteArray("Ann Lee,,,03/02/1990,,,,,,,,,,")
        << QStringLiteral("line 2: date_of_birth: '03/02/1990' is not a date in the "
                          "form YYYY-MM-DD");
    QTest::addRow("date of birth in the future")
        << QByteArray("Ann Lee,,,2031-05-01,,,,,,,,,,")
        << QStringLiteral("line 2: date_of_birth: 2031-05-01 is in the future");
    QTest::addRow("end before start") << QByteArray("Ann Lee,,,1980-01-01,,,,,,1995,1993,year,,")
                                      << QStringLiteral("line 2: incident_end: 1993 is before incident_start 1995");
    QTest::addRow("end before start within a month")
        << QByteArray("Ann Lee,,,1980-01-01,,,,,,1995-06-20,1995-06-02,day,,")
        << QStringLiteral("line 2: incident_end: 1995-06-02 is before "
                          "incident_start 1995-06-20");
    QTest::addRow("a day where the precision is month")
        << QByteArray("Ann Lee,,,1980-01-01,,,,,,1995-06-20,,month,,")
        << QStringLiteral("line 2: incident_start: '1995-06-20' is not a "
                          "date in the form YYYY-MM (the precision is month)");
    QTest::addRow("incident before birth")
        << QByteArray("Ann Lee,,,1980-01-01,,,,,,1975,,year,,")
        << QStringLiteral("line 2: incident_start: the incident ends before the date "
                          "of birth 1980-01-01");
    QTest::addRow("incident in the future") << QByteArray("Ann Lee,,,1980-01-01,,,,,,2030,,year,,")
                                            << QStringLiteral("line 2: incident_start: 2030 is in the future");
    QTest::addRow("incident details without a start") << QByteArray("Ann Lee,,,,,,,,physical,,,,,")
                                                      << QStringLiteral("line 2: incident_start: is empty, but the row "
                                                                        "describes an incident (a year is enough)");
    QTest::addRow("unknown stage") << QByteArray("Ann Lee,,,,pending,,,,,,,,,")
                                   << QStringLiteral(
                                          "line 2: stage: unknown stage 'pending' (use one of: enquiry, intake, "
                                          "engagement, investigation, experts, letter-of-claim, negotiation, "
                                          "proceedings, trial-preparation, resolution, closed)");
    QTest::addRow("unknown region") << QByteArray("Ann Lee,,,,,,,,,1999,,year,Wessex,")
                                    << QStringLiteral("line 2: region: unknown region 'Wessex' (use england-wales, "
                                                      "scotland or northern-ireland)");
    QTest::addRow("unknown precision") << QByteArray("Ann Lee,,,,,,,,,1999,,decade,,")
                                       << QStringLiteral(
                                              "line 2: incident_precision: unknown precision 'decade' (use day, "
                                              "month, year or approx)");
    QTest::addRow("unknown fee earner") << QByteArray("Ann Lee,,,,,jbloggs,,,,,,,,")
                                        << QStringLiteral("line 2: fee_earner: unknown fee earner 'jbloggs' (give the "
                                                          "username of an active supervisor, solicitor or paralegal)");
    QTest::addRow("empty client name") << QByteArray(" ,Annie,,,,,,,,,,,,")
                                       << QStringLiteral(
                                              "line 2: client_name: is empty (every row needs the client's full "
                                              "name)");
    QTest::addRow("too few fields") << QByteArray("Ann Lee,,,")
                                    << QStringLiteral("line 2: row: has 4 fields, but the header has 14");
    QTest::addRow("too many fields") << QByteArray("Ann Lee,,,,,,,,,,,,,,extra")
                                     << QStringLiteral("line 2: row: has 15 fields, but the header has 14");
}

void CaseImportTest::eachKindOfBadRowIsReportedWithLineAndColumn()
{
    QFETCH(QByteArray, row);
    QFETCH(QString, problem);
    const CaseImport::Checked checked = CaseImport::check(kHeader + row + '\n', kToday, kFeeEarners);
    QCOMPARE(problemsOf(checked), QStringList {problem});
    QVERIFY(checked.valid.empty());
}

void CaseImportTest::headerProblemsAreReported_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QStringList>("problems");
    QByteArray renamed = kHeader;
    renamed.replace("client_name", "client");
    QTest::addRow("a column renamed: unknown and missing")
        << renamed + "Ann Lee,,,,,,,,,,,,,\n"
        << QStringList {
               QStringLiteral("line 1: client: unknown column (the columns are: client_name, preferred_name, "
                              "former_names, date_of_birth, stage, fee_earner, abuser_names, institution_names, "
                              "abuse_types, incident_start, incident_end, incident_precision, region, account)"),
               QStringLiteral("line 1: client_name: missing column"),
               QStringLiteral("line 2: client_name: is empty (every row needs the client's full name)")};
    QByteArray twice = kHeader;
    twice.replace(",account\n", ",region\n");
    QTest::addRow("a column twice") << twice + "Ann Lee,,,,,,,,,,,,,\n"
                                    << QStringList {QStringLiteral("line 1: region: appears twice in the header")};
    QTest::addRow("an empty file") << QByteArray()
                                   << QStringList {
                                          QStringLiteral("line 1: header: the file is empty (the first line names "
                                                         "the columns: client_name, preferred_name, former_names, "
                                                         "date_of_birth, stage, fee_earner, abuser_names, "
                                                         "institution_names, abuse_types, incident_start, "
                                                         "incident_end, incident_precision, region, account)")};
    QByteArray withoutAccount = kHeader;
    withoutAccount.replace(",account\n", "\n");
    QTest::addRow("account is the one optional column") << withoutAccount + "Ann Lee,,,,,,,,,,,,\n" << QStringList {};
}

void CaseImportTest::headerProblemsAreReported()
{
    QFETCH(QByteArray, csv);
    QFETCH(QStringList, problems);
    QCOMPARE(problemsOf(CaseImport::check(csv, kToday, kFeeEarners)), problems);
}

void CaseImportTest::everyProblemInTheFileIsListed()
{
    const QByteArray csv = kHeader
        + "Good Row,,,1970-01-01,,,,,,,,,,\n"
          ",,,2025-02-30,,,,,,,,,,\n"  // line 3: two problems
          "Ann Lee,,,,nowhere,nobody,,,,1990,1980,year,Mars,\n"  // line 4: four problems
          "\"Two\nLines\",,,1971-03-04,,,,,,,,,\n"  // line 5 (spans 6): too few fields
          "Last Row,,,,,,,,,,,,,\n";
    const CaseImport::Checked checked = CaseImport::check(csv, kToday, kFeeEarners);
    const QStringList expected {
        QStringLiteral("line 3: client_name: is empty (every row needs the client's full name)"),
        QStringLiteral("line 3: date_of_birth: 2025-02-30 does not exist (February 2025 has 28 days)"),
        QStringLiteral(
            "line 4: stage: unknown stage 'nowhere' (use one of: enquiry, intake, engagement, investigation, "
            "experts, letter-of-claim, negotiation, proceedings, trial-preparation, resolution, closed)"),
        QStringLiteral("line 4: fee_earner: unknown fee earner 'nobody' (give the username of an active supervisor, "
                       "solicitor or paralegal)"),
        QStringLiteral("line 4: region: unknown region 'Mars' (use england-wales, scotland or northern-ireland)"),
        QStringLiteral("line 4: incident_end: 1980 is before incident_start 1990"),
        QStringLiteral("line 5: row: has 13 fields, but the header has 14"),
    };
    QCOMPARE(problemsOf(checked), expected);
    QCOMPARE(checked.rows, 5);
}

// ---------------------------------------------------------------------------------------------------------
// Importing into a vault

void CaseImportTest::importIsOneTransactionWithOneAuditEntry()
{
    DemoFixture demo;
    auto vault = demo.signIn(QStringLiteral("demo-paralegal"));
    const qint64 auditBefore = count(*vault, "SELECT count(*) FROM audit_log");
    const QByteArray csv = kHeader
        + "Zoë Müller,,,1985-02-03,investigation,demo-solicitor,William Hartley,St Aldric's "
          "School,sexual,1995,1997,year,,"
          "\"The client described abuse by a staff member at the school between 1995 and 1997.\"\n"
          "Kate O'Connor,,,1979-11-30,,,,Northfield Children's Home,,1988,,year,scotland,\n";
    auto report = CaseImport(*vault).run(csv, false);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY2(report->accepted(), qPrintable(report->problemLines().join(QLatin1Char('\n'))));
    QCOMPARE(report->references, (QStringList {QStringLiteral("DEMO-2026-0001"), QStringLiteral("DEMO-2026-0002")}));

    CaseService cases(*vault);
    auto zoe = cases.loadByReference(QStringLiteral("DEMO-2026-0001"));
    QVERIFY(zoe);
    QCOMPARE(zoe->stage, Stage::Investigation);
    QCOMPARE(zoe->version, 1);  // created at its stage in one step, not created and then saved
    QCOMPARE(zoe->feeEarner, QStringLiteral("demo-solicitor"));
    QVERIFY(zoe->hasAccount);
    auto kate = cases.loadByReference(QStringLiteral("DEMO-2026-0002"));
    QVERIFY(kate);
    QCOMPARE(kate->feeEarner, QStringLiteral("demo-paralegal"));  // empty fee_earner: the importing user
    auto found = cases.search(QStringLiteral("muller"));
    QVERIFY(found);
    QVERIFY(found->contains(zoe->id));

    // Read from the store directly: Vault::auditEntries() is for supervisors and admins (issue 7).
    auto entries = AuditLog::list(vault->connection());
    QVERIFY(entries);
    QStringList actions;
    for (auto it = entries->begin(); it != entries->end(); ++it) {
        if (it->id > auditBefore) {
            actions << it->action;
        }
    }
    QCOMPARE(actions.count(QStringLiteral("cases.import")), 1);
    QCOMPARE(actions.last(), QStringLiteral("cases.import"));  // written last, in the same transaction
    QCOMPARE(actions.count(QStringLiteral("case.create")), 2);
    QCOMPARE(actions.count(QStringLiteral("case.update")), 0);
    QVERIFY(vault->checkIntegrity()->ok);
}

void CaseImportTest::rejectedFileWritesNothing()
{
    DemoFixture demo;
    auto vault = demo.signIn(QStringLiteral("demo-solicitor"));
    const qint64 cases = count(*vault, "SELECT count(*) FROM cases");
    const qint64 audit = count(*vault, "SELECT count(*) FROM audit_log");
    const qint64 parties = count(*vault, "SELECT count(*) FROM parties");
    // Nine good rows and one bad one at the end: nothing at all is written.
    QByteArray csv = kHeader;
    for (int i = 0; i < 9; ++i) {
        csv += "Good Person " + QByteArray::number(i) + ",,,1970-01-01,,,Abuser " + QByteArray::number(i) + ",,,,,,,\n";
    }
    csv += "Bad Person,,,1970-02-31,,,,,,,,,,\n";
    auto report = CaseImport(*vault).run(csv, false);
    QVERIFY(report);
    QCOMPARE(
        report->problemLines(),
        QStringList {QStringLiteral("line 11: date_of_birth: 1970-02-31 does not exist (February 1970 has 28 days)")});
    QVERIFY(report->references.isEmpty());
    QCOMPARE(count(*vault, "SELECT count(*) FROM cases"), cases);
    QCOMPARE(count(*vault, "SELECT count(*) FROM audit_log"), audit);
    QCOMPARE(count(*vault, "SELECT count(*) FROM parties"), parties);
}

void CaseImportTest::dryRunWritesNothing()
{
    DemoFixture demo;
    auto vault = demo.signIn(QStringLiteral("demo-solicitor"));
    const qint64 audit = count(*vault, "SELECT count(*) FROM audit_log");
    auto report = CaseImport(*vault).run(kHeader + "Ann Lee,,,1970-01-01,,,,,,,,,,\nBob Ray,,,,,,,,,,,,,\n", true);
    QVERIFY(report);
    QVERIFY(report->accepted());
    QVERIFY(report->dryRun);
    QCOMPARE(report->rows, 2);
    QVERIFY(report->references.isEmpty());
    QCOMPARE(count(*vault, "SELECT count(*) FROM cases"), qint64(0));
    QCOMPARE(count(*vault, "SELECT count(*) FROM audit_log"), audit);
}

void CaseImportTest::adminMayNotImportAndTheRefusalIsAudited()
{
    DemoFixture demo;
    auto vault = demo.signIn(QStringLiteral("demo-admin"));
    auto report = CaseImport(*vault).run(kHeader + "Ann Lee,,,,,,,,,,,,,\n", false);
    QVERIFY(!report);
    QCOMPARE(report.error().code, ErrorCode::PermissionDenied);
    QCOMPARE(count(*vault, "SELECT count(*) FROM cases"), qint64(0));
    auto last = vault->connection().scalarText("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1");
    QVERIFY(last);
    QCOMPARE(*last, QStringLiteral("permission.denied"));
}

void CaseImportTest::exportImportsAgainIntoAnotherVault()
{
    DemoFixture first;
    auto source = first.signIn(QStringLiteral("demo-supervisor"));
    QVERIFY(DemoCases::write(*source, 40, 11));
    QTemporaryDir out;
    const QString file = out.filePath(QStringLiteral("cases.csv"));
    auto exported = CaseExport(*source).toFile(file);
    QVERIFY2(exported, qPrintable(exported ? QString() : exported.error().message));
    QCOMPARE(exported->cases, 40);  // the supervisor may open every demo case
    auto again = CaseExport(*source).toFile(file);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
    auto lastAction = source->connection().scalarText("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1");
    QCOMPARE(*lastAction, QStringLiteral("cases.export"));

    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray csv = f.readAll();
    QVERIFY(!csv.contains("The client described"));  // never the account

    DemoFixture second;
    auto target = second.signIn(QStringLiteral("demo-supervisor"));
    auto imported = CaseImport(*target).run(csv, false);
    QVERIFY(imported);
    QVERIFY2(imported->accepted(), qPrintable(imported->problemLines().join(QLatin1Char('\n'))));
    QCOMPARE(imported->references.size(), 40);

    // The same clients, stages and fee earners on both sides; exporting the copy gives the same file.
    QStringList before = QString::fromUtf8(csv).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    const QString secondFile = out.filePath(QStringLiteral("again.csv"));
    QVERIFY(CaseExport(*target).toFile(secondFile));
    QFile g(secondFile);
    QVERIFY(g.open(QIODevice::ReadOnly));
    QStringList after = QString::fromUtf8(g.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    std::sort(before.begin(), before.end());
    std::sort(after.begin(), after.end());
    QCOMPARE(after, before);
}

void CaseImportTest::exportNeutralisesFormulasAndStartsWithAByteOrderMark()
{
    DemoFixture first;
    auto source = first.signIn(QStringLiteral("demo-supervisor"));
    NewCase input;
    input.client.fullName = QStringLiteral("=HYPERLINK(\"http://x.example\",\"Zoë\")");
    input.client.preferredName = QStringLiteral("@Zo");
    input.client.formerNames = {QStringLiteral("+Smith")};
    input.client.dateOfBirth = QDate(1985, 2, 3);
    input.safeguarding.suicidalThoughts = SuicidalThoughts::None;
    input.parties.push_back({Party {0, PartyKind::Person, QStringLiteral("-Hartley"), {}}, PartyRole::Abuser});
    auto created = CaseService(*source).create(input);
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
    QTemporaryDir out;
    const QString file = out.filePath(QStringLiteral("cases.csv"));
    QVERIFY(CaseExport(*source).toFile(file));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));  // UTF-8 with a byte order mark
    const QString text = QString::fromUtf8(bytes.mid(3));
    const QStringList lines = text.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[1].startsWith(QStringLiteral("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Zoë\"\")\",'@Zo,'+Smith,")),
             qPrintable(lines[1]));
    QVERIFY2(lines[1].contains(QStringLiteral(",'-Hartley,")), qPrintable(lines[1]));
    // No cell of the file starts with a character a spreadsheet would run.
    const CsvDocument doc = Csv::parse(bytes);
    for (const CsvRecord& record : doc.records) {
        for (const QString& cell : record.fields) {
            QVERIFY2(cell.isEmpty() || !QStringLiteral("=+-@\t\r").contains(cell.front()), qPrintable(cell));
        }
    }
    // And it imports as it was.
    DemoFixture second;
    auto target = second.signIn(QStringLiteral("demo-supervisor"));
    auto imported = CaseImport(*target).run(bytes, false);
    QVERIFY(imported);
    QVERIFY2(imported->accepted(), qPrintable(imported->problemLines().join(QLatin1Char('\n'))));
    auto copy = CaseService(*target).loadByReference(imported->references.value(0));
    QVERIFY(copy);
    QCOMPARE(copy->client.fullName, input.client.fullName);
    QCOMPARE(copy->client.preferredName, input.client.preferredName);
    QCOMPARE(copy->client.formerNames, input.client.formerNames);
    QCOMPARE(copy->parties.at(0).party.name, QStringLiteral("-Hartley"));
}

void CaseImportTest::demoCasesAreDeterministicAndImportable()
{
    QCOMPARE(DemoCases::importCsv(50, 3), DemoCases::importCsv(50, 3));
    QVERIFY(DemoCases::importCsv(50, 3) != DemoCases::importCsv(50, 4));
    const CaseImport::Checked checked = CaseImport::check(DemoCases::importCsv(500, 3), kToday, kFeeEarners);
    QVERIFY2(checked.problems.empty(), qPrintable(problemsOf(checked).join(QLatin1Char('\n'))));
    QCOMPARE(checked.valid.size(), std::size_t(500));

    // Fictional and varied: accents, former names, every region, restricted cases and alerts appear.
    DemoCases generator(1);
    bool accent = false, former = false, restricted = false, alert = false, scotland = false, ni = false;
    for (int i = 0; i < 2000; ++i) {
        const DemoCase d = generator.next();
        accent |= d.input.client.fullName.contains(QRegularExpression(QStringLiteral("[^\\x{0000}-\\x{007F}]")));
        former |= !d.input.client.formerNames.isEmpty();
        restricted |= d.input.restricted;
        alert |= d.safeguardingAlert;
        for (const Incident& inc : d.input.incidents) {
            scotland |= inc.region == Region::Scotland;
            ni |= inc.region == Region::NorthernIreland;
        }
    }
    QVERIFY(accent && former && restricted && alert && scotland && ni);
}

// Every row `sql` returns for the case with id ?1, columns joined with '|'.
QStringList rowsFor(Vault& vault, const char* sql, qint64 caseId)
{
    QStringList out;
    auto stmt = vault.connection().prepare(sql);
    if (!stmt) {
        return {QStringLiteral("error: ") + stmt.error().message};
    }
    stmt->bind(1, caseId);
    while (true) {
        auto row = stmt->step();
        if (!row || !*row) {
            break;
        }
        QStringList columns;
        for (int c = 0; c < stmt->columnCount(); ++c) {
            columns << (stmt->isNull(c) ? QStringLiteral("NULL") : stmt->text(c));
        }
        out << columns.join(QLatin1Char('|'));
    }
    return out;
}

QStringList sortedWords(const QString& text)
{
    QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    std::sort(words.begin(), words.end());
    return words;
}

void CaseImportTest::demoBulkWriteStoresWhatCaseServiceCreateStores()
{
    // The demo's bulk path writes the tables itself for speed; here it must agree with CaseService::create on
    // everything create writes, the stage and the search entry included (not the tasks or notes, which a case
    // only gathers later).
    DemoCases generator(5);
    std::vector<DemoCase> demo;
    for (int i = 0; i < 25; ++i) {
        demo.push_back(generator.next());
    }
    DemoFixture viaService;
    auto a = viaService.signIn(QStringLiteral("demo-supervisor"));
    CaseService service(*a);
    for (const DemoCase& d : demo) {
        auto created = service.create(d.input);
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
    }
    DemoFixture viaBulk;
    auto b = viaBulk.signIn(QStringLiteral("demo-supervisor"));
    QVERIFY(DemoCases::write(*b, demo));

    const char* const perCase[] = {
        "SELECT reference, fee_earner, supervisor, stage, limbs, funding, opened_on, restricted, account, "
        "safeguarding, consent FROM cases WHERE id = ?1",
        "SELECT cl.full_name, cl.preferred_name, cl.former_names, cl.date_of_birth, cl.dob_verified, cl.pronouns, "
        "cl.phone, cl.email, cl.address, cl.safe_phone, cl.safe_voicemail, cl.safe_text, cl.safe_email, cl.safe_post, "
        "cl.never_write_to, cl.code_word, cl.times_to_avoid, cl.who_knows, cl.caseworker_gender, "
        "cl.communication_needs, cl.interpreter_language, cl.capacity_concern, cl.litigation_friend "
        "FROM cases c JOIN clients cl ON cl.id = c.client_id WHERE c.id = ?1",
        "SELECT start_date, start_precision, end_date, end_precision, abuse_types, perpetrators, institutions, "
        "location, "
        "region, reported_to_police, police_report_date, police_force, crime_reference, prosecution_status "
        "FROM incidents WHERE case_id = ?1 ORDER BY id",
        "SELECT p.kind, p.name, p.aliases, cp.role FROM case_parties cp JOIN parties p ON p.id = cp.party_id "
        "WHERE cp.case_id = ?1 ORDER BY cp.role, p.name",
        "SELECT reference FROM case_search WHERE docid = ?1",
    };
    for (qint64 id = 1; id <= static_cast<qint64>(demo.size()); ++id) {
        for (const char* sql : perCase) {
            const QStringList expected = rowsFor(*a, sql, id);
            QVERIFY(!expected.isEmpty() && !expected.first().startsWith(QStringLiteral("error")));
            QCOMPARE(rowsFor(*b, sql, id), expected);
        }
        // The index's words, in whatever order each path lists the parties.
        for (const char* sql :
             {"SELECT names FROM case_search WHERE docid = ?1", "SELECT parties FROM case_search WHERE docid = ?1"}) {
            QCOMPARE(sortedWords(rowsFor(*b, sql, id).value(0)), sortedWords(rowsFor(*a, sql, id).value(0)));
        }
    }
    auto sequences = [](Vault& v) {
        return rowsFor(v, "SELECT prefix, year, next FROM case_sequences WHERE ?1 = ?1 ORDER BY year", 0);
    };
    QCOMPARE(sequences(*b), sequences(*a));
}

void CaseImportTest::bulkTransactionIsAllOrNothing()
{
    DemoFixture demo;
    auto vault = demo.signIn(QStringLiteral("demo-solicitor"));
    sql::Connection& db = vault->connection();
    auto settings = [&db] { return *db.scalarInt("SELECT count(*) FROM settings WHERE key LIKE 'bulk.%'"); };
    auto put = [&db](const char* key) {
        auto stmt = db.prepare("INSERT INTO settings (key, value) VALUES (?1, 'x')");
        return stmt ? stmt->bind(1, key).run() : Result<void>(stmt.error());
    };

    // Parts that commit join the bulk transaction, which commits them all.
    {
        auto bulk = sql::Transaction::beginBulk(db);
        QVERIFY(bulk);
        for (const char* key : {"bulk.a", "bulk.b"}) {
            auto part = sql::Transaction::begin(db);
            QVERIFY(part);
            QVERIFY(put(key));
            QVERIFY(part->commit());
        }
        QVERIFY(bulk->commit());
    }
    QCOMPARE(settings(), qint64(2));

    // A part that ends without commit (a service that failed part-way) fails the whole: nothing is saved.
    {
        auto bulk = sql::Transaction::beginBulk(db);
        QVERIFY(bulk);
        {
            auto good = sql::Transaction::begin(db);
            QVERIFY(put("bulk.c"));
            QVERIFY(good->commit());
        }
        {
            auto failed = sql::Transaction::begin(db);
            QVERIFY(put("bulk.d"));
        }
        auto committed = bulk->commit();
        QVERIFY(!committed);
        QCOMPARE(committed.error().code, ErrorCode::Internal);
    }
    QCOMPARE(settings(), qint64(2));

    // Afterwards transactions nest as savepoints again: an abandoned inner one undoes only itself.
    {
        auto outer = sql::Transaction::begin(db);
        QVERIFY(put("bulk.e"));
        {
            auto inner = sql::Transaction::begin(db);
            QVERIFY(put("bulk.f"));
        }
        QVERIFY(outer->commit());
    }
    QCOMPARE(settings(), qint64(3));
}

void CaseImportTest::partyLookupByNameUsesTheIndex()
{
    // CaseService finds a party by kind and name for every party of every case it saves; without the index
    // (schema 3) that read the whole table, and a large import took minutes.
    DemoFixture demo;
    auto vault = demo.signIn(QStringLiteral("demo-solicitor"));
    auto plan = vault->connection().prepare(
        "EXPLAIN QUERY PLAN SELECT id, aliases FROM parties WHERE kind = ?1 AND name = ?2 COLLATE NOCASE");
    QVERIFY(plan);
    QString details;
    while (true) {
        auto row = plan->step();
        QVERIFY(row);
        if (!*row) {
            break;
        }
        details += plan->text(plan->columnCount() - 1) + QLatin1Char('\n');
    }
    QVERIFY2(details.contains(QStringLiteral("parties_by_name")), qPrintable(details));
}

QTEST_GUILESS_MAIN(CaseImportTest)
#include "tst_case_import.moc"
