// claimdesk-cli `therapy report` end to end (issue 5): the real binary on a demo vault (`claimdesk-cli demo`, with the
// test-only KDF), whose therapy fund has requests in every status of the workflow. Checks the JSON shape and that the
// budget reconciles to the penny, the CSV (byte order mark, pence, totals row, neutralised formulas), the text
// table, the usage errors (exit 2), the supervisor-only rule (exit 6) and the audit entry.

#include "CliExit.h"
#include "CliRunner.h"
#include "TherapyCommands.h"

#include "cases/CaseImport.h"
#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace claimdesk;
using claimdesk::cli::ExitStatus;
using claimdesk::test::CliResult;
namespace therapy = claimdesk::core::therapy;

namespace {

const QString kFastKdf = QStringLiteral("--kdf-profile=fast-insecure-for-tests");
const QByteArray kDemoPass = QByteArrayLiteral("demo-passphrase");
const QStringList kReport {QStringLiteral("therapy"), QStringLiteral("report")};
const QStringList kMoney {QStringLiteral("cap"), QStringLiteral("invoiced"), QStringLiteral("paid"),
                          QStringLiteral("recovered"), QStringLiteral("writtenOff")};

// The fund year of today with the default April start: the demo's requests are all in it.
int thisFundYear()
{
    return therapy::fundYearOf(QDate::currentDate(), 4);
}

QString yearText()
{
    return QString::number(thisFundYear());
}

// A JSON number that is a whole number of pence (no fraction, no exponent surprises).
bool isPence(const QJsonValue& v)
{
    return v.isDouble() && std::floor(v.toDouble()) == v.toDouble() && std::abs(v.toDouble()) < 9.0e15;
}

qint64 pence(const QJsonValue& v)
{
    return v.toInteger();
}

class Fixture : public test::CliRunner {
public:
    QString vault() const { return path(QStringLiteral("fund.claimdesk")); }

    CliResult demo(int cases = 60, quint32 seed = 5) const
    {
        return run({QStringLiteral("demo"), vault(), QStringLiteral("--cases"), QString::number(cases),
                    QStringLiteral("--seed"), QString::number(seed), kFastKdf});
    }
    CliResult report(const QString& user, const QStringList& options) const
    {
        return run(kReport + QStringList {vault(), QStringLiteral("--user"), user} + options, {kDemoPass});
    }
    QJsonObject reportJson() const
    {
        const CliResult r = report(QStringLiteral("demo-supervisor"),
                                   {QStringLiteral("--year"), yearText(), QStringLiteral("--json")});
        if (r.exitCode != 0) {
            qWarning("%s", qPrintable(test::describe(r, 0)));
        }
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }
    std::unique_ptr<core::Vault> open(const QString& user) const
    {
        core::VaultOptions options;
        options.throttleStateFile = path(QStringLiteral("throttle.json"));
        auto opened = core::Vault::unlock(vault(), user, kDemoPass, options);
        return opened ? std::move(*opened) : nullptr;
    }
    QByteArray read(const QString& file) const
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    int auditCount(const QString& action) const
    {
        auto vault = open(QStringLiteral("demo-supervisor"));
        if (!vault) {
            return -1;
        }
        auto entries = vault->auditEntries();
        if (!entries) {
            return -1;
        }
        return static_cast<int>(std::count_if(entries->begin(), entries->end(),
                                              [&](const core::AuditEntry& e) { return e.action == action; }));
    }
};

}  // namespace

class CliTherapyTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void jsonHasTheContractShapeAndReconcilesExactly();
    void demoFundHasEveryStatusWithConsistentMoney();
    void csvHasBomHeaderPenceAndTotals();
    void csvNeutralisesFormulasFromTheVault();
    void csvNeutraliserCoversEveryFormulaStart();
    void textIsAReadableTableInPounds();
    void usageErrorsExitTwoAndNameTheOption_data();
    void usageErrorsExitTwoAndNameTheOption();
    void onlySupervisorsReadTheReport_data();
    void onlySupervisorsReadTheReport();
    void aYearWithoutRequestsIsEmptyButValid();
    void adminSetsAuthorityLimitsAndTheYearStart();

private:
    Fixture m_f;  // one demo vault for the read-only tests (creating it takes a few seconds)
};

void CliTherapyTest::initTestCase()
{
    EXPECT_CLI_EXIT(m_f.demo(), ExitStatus::Success);
}

void CliTherapyTest::jsonHasTheContractShapeAndReconcilesExactly()
{
    const int before = m_f.auditCount(QStringLiteral("therapy.report.export"));
    const QJsonObject report = m_f.reportJson();
    QVERIFY(!report.isEmpty());
    QCOMPARE(report.value(QStringLiteral("year")).toInt(), thisFundYear());
    QCOMPARE(report.value(QStringLiteral("yearLabel")).toString(), therapy::fundYearLabel(thisFundYear(), 4));

    const QJsonObject budget = report.value(QStringLiteral("budget")).toObject();
    for (const QString& key : {QStringLiteral("allocated"), QStringLiteral("committed"), QStringLiteral("paid"),
                               QStringLiteral("remaining")}) {
        QVERIFY2(isPence(budget.value(key)), qPrintable(key));
    }
    const qint64 allocated = pence(budget.value(QStringLiteral("allocated")));
    const qint64 committed = pence(budget.value(QStringLiteral("committed")));
    const qint64 paid = pence(budget.value(QStringLiteral("paid")));
    QVERIFY(allocated > 0);
    QVERIFY(committed > 0);
    QVERIFY(paid > 0);
    QCOMPARE(allocated - committed - paid, pence(budget.value(QStringLiteral("remaining"))));

    const QJsonArray requests = report.value(QStringLiteral("requests")).toArray();
    QVERIFY(requests.size() >= int(therapy::allStatuses().size()));
    QHash<QString, qint64> sums;
    qint64 sessions = 0;
    for (const QJsonValue& v : requests) {
        const QJsonObject r = v.toObject();
        const QStringList keys = r.keys();
        QCOMPARE(QSet<QString>(keys.begin(), keys.end()),
                 (QSet<QString> {QStringLiteral("caseReference"), QStringLiteral("provider"), QStringLiteral("status"),
                                 QStringLiteral("approvedSessions"), QStringLiteral("cap"), QStringLiteral("invoiced"),
                                 QStringLiteral("paid"), QStringLiteral("recovered"), QStringLiteral("writtenOff")}));
        QVERIFY(r.value(QStringLiteral("caseReference")).toString().startsWith(QStringLiteral("DEMO-")));
        QVERIFY(r.value(QStringLiteral("provider")).isString());
        QVERIFY2(therapy::statusFromId(r.value(QStringLiteral("status")).toString()).has_value(),
                 qPrintable(r.value(QStringLiteral("status")).toString()));
        QVERIFY(r.value(QStringLiteral("approvedSessions")).isDouble());
        sessions += r.value(QStringLiteral("approvedSessions")).toInteger();
        for (const QString& key : kMoney) {
            QVERIFY2(isPence(r.value(key)), qPrintable(key));
            sums[key] += pence(r.value(key));
        }
    }
    const QJsonObject totals = report.value(QStringLiteral("totals")).toObject();
    for (const QString& key : kMoney) {
        QVERIFY2(isPence(totals.value(key)), qPrintable(key));
        QCOMPARE(pence(totals.value(key)), sums.value(key));
    }
    QCOMPARE(totals.value(QStringLiteral("approvedSessions")).toInteger(), sessions);
    QCOMPARE(totals.value(QStringLiteral("requests")).toInt(), int(requests.size()));
    QCOMPARE(pence(totals.value(QStringLiteral("committed"))), committed);
    // The budget's paid is what was paid on this year's requests: the rows' sum.
    QCOMPARE(pence(totals.value(QStringLiteral("paid"))), paid);

    // Printing the report is recorded.
    QCOMPARE(m_f.auditCount(QStringLiteral("therapy.report.export")), before + 1);
}

void CliTherapyTest::demoFundHasEveryStatusWithConsistentMoney()
{
    const QJsonObject report = m_f.reportJson();
    const QJsonArray requests = report.value(QStringLiteral("requests")).toArray();
    QSet<QString> seen;
    qint64 committed = 0;
    for (const QJsonValue& v : requests) {
        const QJsonObject r = v.toObject();
        const QString id = r.value(QStringLiteral("status")).toString();
        const therapy::RequestStatus status = *therapy::statusFromId(id);
        seen.insert(id);
        const qint64 cap = pence(r.value(QStringLiteral("cap")));
        const qint64 invoiced = pence(r.value(QStringLiteral("invoiced")));
        const qint64 paid = pence(r.value(QStringLiteral("paid")));
        const qint64 recovered = pence(r.value(QStringLiteral("recovered")));
        const qint64 writtenOff = pence(r.value(QStringLiteral("writtenOff")));
        const QString where = r.value(QStringLiteral("caseReference")).toString() + QLatin1Char(' ') + id;
        QVERIFY2(paid <= cap, qPrintable(where));
        QVERIFY2(paid <= invoiced, qPrintable(where));
        QVERIFY2(invoiced <= cap, qPrintable(where));
        // Nothing is paid before the provider is instructed.
        if (static_cast<int>(status) < static_cast<int>(therapy::RequestStatus::ProviderInstructed)
            || status == therapy::RequestStatus::Rejected) {
            QVERIFY2(paid == 0 && invoiced == 0, qPrintable(where));
        }
        if (status == therapy::RequestStatus::Reconciled || (status == therapy::RequestStatus::Closed && paid > 0)) {
            QVERIFY2(recovered + writtenOff == paid, qPrintable(where));
            QCOMPARE(invoiced, paid);
        } else {
            QVERIFY2(recovered == 0 && writtenOff == 0, qPrintable(where));
        }
        if (therapy::commitsBudget(status)) {
            committed += std::max<qint64>(cap - paid, 0);
        }
    }
    for (therapy::RequestStatus s : therapy::allStatuses()) {
        QVERIFY2(seen.contains(therapy::statusId(s)), qPrintable(therapy::statusId(s)));
    }
    QCOMPARE(committed, pence(report.value(QStringLiteral("budget")).toObject().value(QStringLiteral("committed"))));

    // The same seed gives the same fund (dates aside, which follow today).
    Fixture other;
    EXPECT_CLI_EXIT(other.demo(), ExitStatus::Success);
    const QJsonArray again = other.reportJson().value(QStringLiteral("requests")).toArray();
    QCOMPARE(again, requests);
}

void CliTherapyTest::csvHasBomHeaderPenceAndTotals()
{
    const QString file = m_f.path(QStringLiteral("fund.csv"));
    const int before = m_f.auditCount(QStringLiteral("therapy.report.export"));
    const CliResult written = m_f.report(QStringLiteral("demo-supervisor"),
                                         {QStringLiteral("--year"), yearText(), QStringLiteral("--csv"), file});
    EXPECT_CLI_EXIT(written, ExitStatus::Success);
    QVERIFY(written.out.contains(file));
    QCOMPARE(m_f.auditCount(QStringLiteral("therapy.report.export")), before + 1);

    const QByteArray bytes = m_f.read(file);
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    const core::CsvDocument csv = core::Csv::parse(bytes);
    QVERIFY(csv.problems.isEmpty());
    QCOMPARE(csv.header.fields,
             (QStringList {QStringLiteral("caseReference"), QStringLiteral("provider"), QStringLiteral("status"),
                           QStringLiteral("approvedSessions"), QStringLiteral("cap"), QStringLiteral("invoiced"),
                           QStringLiteral("paid"), QStringLiteral("recovered"), QStringLiteral("writtenOff")}));
    const QJsonArray requests = m_f.reportJson().value(QStringLiteral("requests")).toArray();
    QCOMPARE(csv.records.size(), std::size_t(requests.size()) + 1);  // and the totals row
    QList<qint64> sums(5, 0);
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const QJsonObject r = requests.at(i).toObject();
        const QStringList& row = csv.records[std::size_t(i)].fields;
        QCOMPARE(row.at(0), r.value(QStringLiteral("caseReference")).toString());
        QCOMPARE(row.at(1), r.value(QStringLiteral("provider")).toString());
        QCOMPARE(row.at(2), r.value(QStringLiteral("status")).toString());
        QCOMPARE(row.at(3).toLongLong(), r.value(QStringLiteral("approvedSessions")).toInteger());
        for (int m = 0; m < 5; ++m) {
            bool ok = false;
            const qint64 value = row.at(4 + m).toLongLong(&ok);
            QVERIFY2(ok, qPrintable(row.at(4 + m)));  // whole pence, no "£", no decimal point
            QCOMPARE(value, pence(r.value(kMoney.at(m))));
            sums[m] += value;
        }
    }
    const QStringList& totals = csv.records.back().fields;
    QCOMPARE(totals.at(0), QStringLiteral("Total"));
    for (int m = 0; m < 5; ++m) {
        QCOMPARE(totals.at(4 + m).toLongLong(), sums[m]);
    }

    // Never over an existing file.
    const CliResult again = m_f.report(QStringLiteral("demo-supervisor"),
                                       {QStringLiteral("--year"), yearText(), QStringLiteral("--csv"), file});
    EXPECT_CLI_EXIT(again, ExitStatus::Failure);
    QVERIFY(again.err.contains(QStringLiteral("already exists")));
    QCOMPARE(m_f.read(file), bytes);
}

void CliTherapyTest::csvNeutralisesFormulasFromTheVault()
{
    // A provider whose name a spreadsheet would run as a formula (typed in by someone, or pasted from an e-mail).
    Fixture f;
    EXPECT_CLI_EXIT(f.demo(40, 9), ExitStatus::Success);
    const QString evil = QStringLiteral("=HYPERLINK(\"http://example.invalid\",\"Dr Marsh\")");
    {
        auto vault = f.open(QStringLiteral("demo-solicitor"));
        QVERIFY(vault);
        core::CaseService cases(*vault);
        core::deadlines::DeadlineService deadlines(*vault, cases);
        therapy::TherapyService fund(*vault, cases, deadlines);
        auto providers = fund.providers();
        QVERIFY(providers && !providers->empty());
        therapy::Provider p = providers->front();
        p.name = evil;
        QVERIFY2(fund.saveProvider(p), "renaming the provider");
    }
    const QString file = f.path(QStringLiteral("evil.csv"));
    EXPECT_CLI_EXIT(f.report(QStringLiteral("demo-supervisor"),
                             {QStringLiteral("--year"), yearText(), QStringLiteral("--csv"), file}),
                    ExitStatus::Success);
    const QByteArray bytes = f.read(file);
    const core::CsvDocument csv = core::Csv::parse(bytes);
    int guarded = 0;
    for (const core::CsvRecord& r : csv.records) {
        for (const QString& cell : r.fields) {
            QVERIFY2(!cell.startsWith(QLatin1Char('=')), qPrintable(cell));
        }
        guarded += r.fields.at(1) == QLatin1Char('\'') + evil ? 1 : 0;
    }
    QVERIFY(guarded > 0);
    // JSON is data, not a spreadsheet: the name is as stored.
    const QJsonArray requests = f.reportJson().value(QStringLiteral("requests")).toArray();
    QVERIFY(std::any_of(requests.begin(), requests.end(), [&](const QJsonValue& v) {
        return v.toObject().value(QStringLiteral("provider")).toString() == evil;
    }));
}

void CliTherapyTest::csvNeutraliserCoversEveryFormulaStart()
{
    therapy::FundReport report;
    report.budget.year = 2026;
    for (const QString& text : {QStringLiteral("=1+1"), QStringLiteral("+44 20"), QStringLiteral("-3"),
                                QStringLiteral("@SUM(A1)"), QStringLiteral("\tx"), QStringLiteral("\rx")}) {
        therapy::ReportRow row;
        row.caseReference = text;
        row.provider = text;
        row.capPence = 100;
        report.requests.push_back(row);
    }
    const QString csv = therapy::fundReportCsv(report);
    const core::CsvDocument parsed = core::Csv::parse(csv.toUtf8());
    QCOMPARE(parsed.records.size(), report.requests.size() + 1);
    for (std::size_t i = 0; i < report.requests.size(); ++i) {
        QCOMPARE(parsed.records[i].fields.at(0), QLatin1Char('\'') + report.requests[i].caseReference);
        QCOMPARE(parsed.records[i].fields.at(1), QLatin1Char('\'') + report.requests[i].provider);
        QCOMPARE(parsed.records[i].fields.at(2), QStringLiteral("draft"));
        QCOMPARE(core::Csv::withoutFormulaGuard(parsed.records[i].fields.at(0)), report.requests[i].caseReference);
    }
}

void CliTherapyTest::textIsAReadableTableInPounds()
{
    const CliResult r = m_f.report(QStringLiteral("demo-supervisor"), {QStringLiteral("--year"), yearText()});
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    const QJsonObject json = m_f.reportJson();
    const QJsonObject budget = json.value(QStringLiteral("budget")).toObject();
    QVERIFY(r.out.startsWith(QStringLiteral("Therapy fund %1 (1 Apr %2 to 31 Mar %3)")
                                 .arg(therapy::fundYearLabel(thisFundYear(), 4))
                                 .arg(thisFundYear())
                                 .arg(thisFundYear() + 1)));
    for (const QString& key : {QStringLiteral("allocated"), QStringLiteral("committed"), QStringLiteral("paid"),
                               QStringLiteral("remaining")}) {
        const QString label = key.at(0).toUpper() + key.mid(1) + QLatin1Char(':');
        QVERIFY2(
            r.out.contains(QRegularExpression(QRegularExpression::escape(label) + QStringLiteral(" +")
                                              + QRegularExpression::escape(therapy::gbp(pence(budget.value(key)))))),
            qPrintable(r.out));
    }
    QVERIFY(r.out.contains(QStringLiteral("CASE")));
    QVERIFY(r.out.contains(QStringLiteral("WRITTEN OFF")));
    QVERIFY(r.out.contains(therapy::statusLabel(therapy::RequestStatus::AwaitingApproval)));
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.last().startsWith(QStringLiteral("TOTAL")));
    const QJsonObject totals = json.value(QStringLiteral("totals")).toObject();
    QVERIFY(lines.last().contains(therapy::gbp(pence(totals.value(QStringLiteral("cap"))))));
    QVERIFY(lines.last().contains(therapy::gbp(pence(totals.value(QStringLiteral("paid"))))));
    for (const QJsonValue& v : json.value(QStringLiteral("requests")).toArray()) {
        QVERIFY(r.out.contains(v.toObject().value(QStringLiteral("caseReference")).toString()));
    }
}

void CliTherapyTest::usageErrorsExitTwoAndNameTheOption_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("named");
    const QString year = QStringLiteral("--year");
    QTest::addRow("no year") << QStringList {QStringLiteral("--json")} << year;
    QTest::addRow("two digits") << QStringList {year, QStringLiteral("26")} << year;
    QTest::addRow("five digits") << QStringList {year, QStringLiteral("20260")} << year;
    QTest::addRow("a label") << QStringList {year, QStringLiteral("2026/27")} << year;
    QTest::addRow("letters") << QStringList {year, QStringLiteral("abcd")} << year;
    QTest::addRow("signed") << QStringList {year, QStringLiteral("+202")} << year;
    QTest::addRow("too early") << QStringList {year, QStringLiteral("1066")} << year;
    QTest::addRow("year twice") << QStringList {year, yearText(), year, yearText()} << year;
    QTest::addRow("csv and json") << QStringList {year, yearText(), QStringLiteral("--json"), QStringLiteral("--csv"),
                                                  QStringLiteral("x.csv")}
                                  << QStringLiteral("--csv");
    QTest::addRow("csv without a file") << QStringList {year, yearText(), QStringLiteral("--csv")}
                                        << QStringLiteral("--csv");
    QTest::addRow("unknown option") << QStringList {year, yearText(), QStringLiteral("--pdf")} << QStringLiteral("pdf");
    QTest::addRow("extra argument") << QStringList {year, yearText(), QStringLiteral("demo-passphrase")}
                                    << QStringLiteral("Unexpected argument");
}

void CliTherapyTest::usageErrorsExitTwoAndNameTheOption()
{
    QFETCH(QStringList, options);
    QFETCH(QString, named);
    const CliResult r = m_f.report(QStringLiteral("demo-supervisor"), options);
    EXPECT_CLI_EXIT(r, ExitStatus::Usage);
    QVERIFY2(r.err.contains(named), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("Usage: claimdesk-cli therapy report")));
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(m_f.path(QStringLiteral("x.csv"))));
}

void CliTherapyTest::onlySupervisorsReadTheReport_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QStringList>("format");
    QTest::addRow("paralegal, json") << QStringLiteral("demo-paralegal") << QStringList {QStringLiteral("--json")};
    QTest::addRow("paralegal, csv") << QStringLiteral("demo-paralegal")
                                    << QStringList {QStringLiteral("--csv"), QStringLiteral("denied.csv")};
    QTest::addRow("solicitor, text") << QStringLiteral("demo-solicitor") << QStringList {};
    QTest::addRow("admin, json") << QStringLiteral("demo-admin") << QStringList {QStringLiteral("--json")};
}

void CliTherapyTest::onlySupervisorsReadTheReport()
{
    QFETCH(QString, user);
    QFETCH(QStringList, format);
    if (format.size() == 2) {
        format[1] = m_f.path(format[1]);
    }
    const int refusals = m_f.auditCount(QStringLiteral("permission.denied"));
    const int exports = m_f.auditCount(QStringLiteral("therapy.report.export"));
    const CliResult r = m_f.report(user, QStringList {QStringLiteral("--year"), yearText()} + format);
    EXPECT_CLI_EXIT(r, ExitStatus::PermissionDenied);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(QStringLiteral("supervisor")), qPrintable(r.err));
    QVERIFY(!QFile::exists(m_f.path(QStringLiteral("denied.csv"))));
    QCOMPARE(m_f.auditCount(QStringLiteral("permission.denied")), refusals + 1);
    QCOMPARE(m_f.auditCount(QStringLiteral("therapy.report.export")), exports);
}

void CliTherapyTest::aYearWithoutRequestsIsEmptyButValid()
{
    // Last year has a budget but no requests; a year long ago has neither.
    for (int year : {thisFundYear() - 1, 2001}) {
        const CliResult r = m_f.report(QStringLiteral("demo-supervisor"),
                                       {QStringLiteral("--year"), QString::number(year), QStringLiteral("--json")});
        EXPECT_CLI_EXIT(r, ExitStatus::Success);
        const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(report.value(QStringLiteral("year")).toInt(), year);
        QCOMPARE(report.value(QStringLiteral("requests")).toArray().size(), 0);
        const QJsonObject budget = report.value(QStringLiteral("budget")).toObject();
        QCOMPARE(pence(budget.value(QStringLiteral("committed"))), 0);
        QCOMPARE(pence(budget.value(QStringLiteral("paid"))), 0);
        QCOMPARE(pence(budget.value(QStringLiteral("remaining"))), pence(budget.value(QStringLiteral("allocated"))));
        QCOMPARE(pence(budget.value(QStringLiteral("allocated"))) > 0, year != 2001);
        QCOMPARE(pence(report.value(QStringLiteral("totals")).toObject().value(QStringLiteral("cap"))), 0);
    }
    const CliResult text
        = m_f.report(QStringLiteral("demo-supervisor"), {QStringLiteral("--year"), QStringLiteral("2001")});
    EXPECT_CLI_EXIT(text, ExitStatus::Success);
    QVERIFY(text.out.contains(QStringLiteral("No therapy requests in this fund year.")));
}

QTEST_GUILESS_MAIN(CliTherapyTest)
void CliTherapyTest::adminSetsAuthorityLimitsAndTheYearStart()
{
    const auto run = [this](const QString& user, const QStringList& args) {
        return m_f.run(args.mid(0, 2) + QStringList {m_f.vault(), QStringLiteral("--user"), user} + args.mid(2),
                       {kDemoPass});
    };
    const QStringList show {QStringLiteral("therapy"), QStringLiteral("limit"), QStringLiteral("--target"),
                            QStringLiteral("demo-supervisor")};
    CliResult r = run(QStringLiteral("demo-solicitor"), show);
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    QVERIFY2(r.out.contains(QStringLiteral("£3,000.00")), qPrintable(r.out));  // the firm default
    // Only an admin sets it (a refusal exits 6 and changes nothing); a bad amount is a usage error.
    r = run(QStringLiteral("demo-supervisor"), show + QStringList {QStringLiteral("--amount"), QStringLiteral("9000")});
    EXPECT_CLI_EXIT(r, ExitStatus::PermissionDenied);
    r = run(QStringLiteral("demo-admin"), show + QStringList {QStringLiteral("--amount"), QStringLiteral("lots")});
    EXPECT_CLI_EXIT(r, ExitStatus::Usage);
    QVERIFY(r.err.contains(QStringLiteral("--amount")));
    const int before = m_f.auditCount(QStringLiteral("therapy.authority.set"));
    r = run(QStringLiteral("demo-admin"), show + QStringList {QStringLiteral("--amount"), QStringLiteral("£4,500.50")});
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    QVERIFY2(r.out.contains(QStringLiteral("£4,500.50")), qPrintable(r.out));
    QCOMPARE(m_f.auditCount(QStringLiteral("therapy.authority.set")), before + 1);
    auto vault = m_f.open(QStringLiteral("demo-supervisor"));
    QVERIFY(vault);
    core::CaseService cases(*vault);
    core::deadlines::DeadlineService deadlines(*vault, cases);
    therapy::TherapyService fund(*vault, cases, deadlines);
    auto limit = fund.authorityLimit(QStringLiteral("demo-supervisor"));
    QVERIFY(limit.ok());
    QCOMPARE(*limit, qint64 {450050});
    vault.reset();

    const QStringList yearStart {QStringLiteral("therapy"), QStringLiteral("year-start"), QStringLiteral("--month")};
    EXPECT_CLI_EXIT(run(QStringLiteral("demo-admin"), yearStart + QStringList {QStringLiteral("13")}), ExitStatus::Usage);
    EXPECT_CLI_EXIT(run(QStringLiteral("demo-supervisor"), yearStart + QStringList {QStringLiteral("1")}),
                    ExitStatus::PermissionDenied);
    r = run(QStringLiteral("demo-admin"), yearStart + QStringList {QStringLiteral("4")});  // unchanged: April
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    QVERIFY(r.out.contains(QStringLiteral("1 Apr")));
}

#include "tst_cli_therapy.moc"
