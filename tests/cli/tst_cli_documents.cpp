// claimdesk-cli `summary`, `report`, `sar` and `firm` end to end (issue 6): the real binary on a demo vault with one
// extra case whose every sensitive field holds a unique marker. The PDFs are read back with poppler's pdftotext,
// so what is checked is what a reader of the printed page sees: each profile prints what it includes and none of
// what it excludes, on pages that all carry the marking and "Page N of M". Also: the client-copy refusal (exit 6)
// and its supervisor override, the reports as PDF and CSV (byte order mark, ISO dates, neutralised formulas), the
// subject access bundle's two files, usage errors (exit 2), refusals (exit 6), no overwriting, and the audit log.

#include "CliExit.h"
#include "CliRunner.h"
#include "TestVault.h"

#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "store/Vault.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace claimdesk;
using claimdesk::cli::ExitStatus;
using claimdesk::test::CliResult;

namespace {

const QString kFastKdf = QStringLiteral("--kdf-profile=fast-insecure-for-tests");
const QByteArray kDemoPass = QByteArrayLiteral("demo-passphrase");
const QString kSupervisor = QStringLiteral("demo-supervisor");
const QString kSolicitor = QStringLiteral("demo-solicitor");

const QString kAccount = QStringLiteral("ACCOUNTMARKQ7");
const QString kSensitive = QStringLiteral("SENSITIVEMARKK4");
const QString kCodeWord = QStringLiteral("CODEWORDMARKZ9");
const QString kAddress = QStringLiteral("ADDRESSMARKT5");
const QString kPlainNote = QStringLiteral("PLAINNOTEMARKJ2");
const QString kClientName = QStringLiteral("Quentin Markerson");
const QString kFormula = QStringLiteral("=HYPERLINK(\"http://x.invalid\",\"click\")");

}  // namespace

class TestCliDocuments : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void summaryProfiles_data();
    void summaryProfiles();
    void summaryPagesAreMarkedAndNumbered();
    void clientCopyRefusedWithoutPostUnlessASupervisorOverrides();
    void summaryUsageErrors();
    void summaryNeverOverwrites();
    void reportsAsPdf_data();
    void reportsAsPdf();
    void diaryCsvIsSafeForSpreadsheets();
    void reportRefusalsAndUsage();
    void subjectAccessBundle();
    void subjectAccessIsForSupervisors();
    void outputsAreInTheAuditLog();
    void firmNameIsSetByAdminsOnly();

private:
    QString vault() const { return m_cli.path(QStringLiteral("docs.claimdesk")); }
    CliResult as(const QString& user, const QString& command, const QStringList& options) const
    {
        return m_cli.run(QStringList {command, vault(), QStringLiteral("--user"), user} + options, {kDemoPass});
    }
    // pdftotext -layout of a written PDF; pages separated by form feeds.
    QString pdfText(const QString& pdf) const
    {
        QProcess p;
        p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        if (!p.waitForFinished(30000)) {
            return {};
        }
        return QString::fromUtf8(p.readAllStandardOutput());
    }
    QString summaryText(const QString& profile, const QString& user, const QStringList& extra = {})
    {
        const QString pdf = m_cli.path(QStringLiteral("summary-%1-%2.pdf").arg(profile).arg(++m_files));
        const CliResult r = as(user, QStringLiteral("summary"),
                               QStringList {QStringLiteral("--case"), m_reference, QStringLiteral("--profile"), profile,
                                            QStringLiteral("--pdf"), pdf} + extra);
        if (r.exitCode != 0) {
            qWarning("%s", qPrintable(test::describe(r, 0)));
            return {};
        }
        return pdfText(pdf);
    }

    test::CliRunner m_cli;
    QString m_reference;
    QString m_postSafeReference;
    int m_files = 0;
};

void TestCliDocuments::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
        QSKIP("pdftotext (poppler-utils) is not installed; scripts/install-deps.sh installs it");
    }
    EXPECT_CLI_EXIT(m_cli.run({QStringLiteral("demo"), vault(), QStringLiteral("--cases"), QStringLiteral("30"),
                               QStringLiteral("--seed"), QStringLiteral("3"), kFastKdf}),
                    ExitStatus::Success);
    auto opened = core::Vault::unlock(vault(), kSolicitor, kDemoPass, test::fastOptions(m_cli.dir()));
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
    core::CaseService cases(**opened);
    core::NewCase n;
    n.client.fullName = kClientName;
    n.client.dateOfBirth = QDate(1985, 2, 3);
    n.client.address = QStringLiteral("4 %1 Lane, York").arg(kAddress);
    n.client.safeContact.phone = true;
    n.client.safeContact.post = false;
    n.client.safeContact.codeWord = kCodeWord;
    n.feeEarner = kSolicitor;
    n.supervisor = kSupervisor;
    n.account = QStringLiteral("What happened, in the client's words: %1").arg(kAccount);
    n.safeguarding.suicidalThoughts = core::SuicidalThoughts::None;
    core::Incident incident;
    incident.start = QDate(1999, 6, 1);
    incident.abuseTypes = QStringList {QStringLiteral("sexual")};
    incident.location = QStringLiteral("Leeds");
    n.incidents.push_back(incident);
    auto created = cases.create(n);
    QVERIFY2(created, created ? "" : qPrintable(created.error().message));
    m_reference = created->reference;
    QVERIFY(cases.addNote(created->id, QStringLiteral("Spoke to the client: %1").arg(kPlainNote), false));
    QVERIFY(cases.addNote(created->id, QStringLiteral("Disclosure: %1").arg(kSensitive), true));
    core::deadlines::DeadlineService deadlines(**opened, cases);
    QVERIFY(deadlines.addManualDeadline(created->id, kFormula, (*opened)->now().toLocalTime().date().addDays(3), {}));

    n.client.fullName = QStringLiteral("Paula Postok");
    n.client.safeContact.post = true;
    auto second = cases.create(n);
    QVERIFY(second);
    m_postSafeReference = second->reference;
}

void TestCliDocuments::summaryProfiles_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QStringList>("printed");
    QTest::addColumn<QStringList>("leftOut");
    const QStringList sensitive {kAccount, kSensitive, kCodeWord, kAddress};
    QTest::newRow("internal") << QStringLiteral("internal")
                              << (sensitive + QStringList {kPlainNote, kClientName, QStringLiteral("INTERNAL — DO NOT SEND")})
                              << QStringList {};
    QTest::newRow("counsel") << QStringLiteral("counsel")
                             << QStringList {kPlainNote, kClientName, QStringLiteral("COPY FOR COUNSEL")} << sensitive;
    QTest::newRow("therapist") << QStringLiteral("therapist")
                               << QStringList {kClientName, QStringLiteral("COPY FOR THERAPIST")}
                               << (sensitive + QStringList {kPlainNote, QStringLiteral("Limitation date")});
    QTest::newRow("insurer") << QStringLiteral("insurer")
                             << QStringList {QStringLiteral("Q.M. (anonymised)"), QStringLiteral("COPY FOR THE DEFENDANT")}
                             << (sensitive + QStringList {kPlainNote, kClientName, QStringLiteral("Limitation date")});
}

void TestCliDocuments::summaryProfiles()
{
    QFETCH(QString, profile);
    QFETCH(QStringList, printed);
    QFETCH(QStringList, leftOut);
    const QString text = summaryText(profile, kSolicitor);
    QVERIFY2(!text.isEmpty(), "no PDF text");
    // pdftotext may break a long line; the markers are single words, the phrases short.
    for (const QString& m : printed) {
        QVERIFY2(text.contains(m), qPrintable(QStringLiteral("%1 missing from the %2 copy").arg(m, profile)));
    }
    for (const QString& m : leftOut) {
        QVERIFY2(!text.contains(m), qPrintable(QStringLiteral("%1 printed in the %2 copy").arg(m, profile)));
    }
}

void TestCliDocuments::summaryPagesAreMarkedAndNumbered()
{
    const QString text = summaryText(QStringLiteral("internal"), kSolicitor);
    QStringList pages = text.split(QLatin1Char('\f'));
    while (!pages.isEmpty() && pages.last().trimmed().isEmpty()) {
        pages.removeLast();
    }
    QVERIFY(!pages.isEmpty());
    for (int i = 0; i < pages.size(); ++i) {
        QVERIFY2(pages.at(i).contains(QStringLiteral("PRIVATE & CONFIDENTIAL — LEGALLY PRIVILEGED")),
                 qPrintable(QStringLiteral("page %1 has no marking").arg(i + 1)));
        QVERIFY2(pages.at(i).contains(QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages.size())),
                 qPrintable(QStringLiteral("page %1 has no page number").arg(i + 1)));
        QVERIFY(pages.at(i).contains(QStringLiteral("Printed by")));
        QVERIFY(pages.at(i).contains(QStringLiteral("Harbour & Vale Solicitors LLP")));
    }
}

void TestCliDocuments::clientCopyRefusedWithoutPostUnlessASupervisorOverrides()
{
    const QString pdf = m_cli.path(QStringLiteral("client-refused.pdf"));
    const QStringList options {QStringLiteral("--case"), m_reference, QStringLiteral("--profile"), QStringLiteral("client"),
                               QStringLiteral("--pdf"), pdf};
    const CliResult refused = as(kSolicitor, QStringLiteral("summary"), options);
    EXPECT_CLI_EXIT(refused, ExitStatus::PermissionDenied);
    QVERIFY(refused.err.contains(QStringLiteral("safe-contact rules")));
    QVERIFY(!QFile::exists(pdf));
    EXPECT_CLI_EXIT(as(kSolicitor, QStringLiteral("summary"),
                       options + QStringList {QStringLiteral("--override-reason"), QStringLiteral("collects it")}),
                    ExitStatus::PermissionDenied);
    QVERIFY(!QFile::exists(pdf));
    const QString text = summaryText(QStringLiteral("client"), kSupervisor,
                                     {QStringLiteral("--override-reason"), QStringLiteral("Client collects it in person")});
    QVERIFY(text.contains(QStringLiteral("CLIENT COPY")));
    QVERIFY(!text.contains(kAccount));
    QVERIFY(!text.contains(kCodeWord));
    // A client whose rules allow post gets a copy without an override.
    const QString allowed = m_cli.path(QStringLiteral("client-allowed.pdf"));
    EXPECT_CLI_EXIT(as(kSolicitor, QStringLiteral("summary"),
                       {QStringLiteral("--case"), m_postSafeReference, QStringLiteral("--profile"),
                        QStringLiteral("client"), QStringLiteral("--pdf"), allowed}),
                    ExitStatus::Success);
}

void TestCliDocuments::summaryUsageErrors()
{
    const QString pdf = m_cli.path(QStringLiteral("usage.pdf"));
    EXPECT_CLI_EXIT(as(kSolicitor, QStringLiteral("summary"),
                       {QStringLiteral("--case"), m_reference, QStringLiteral("--profile"), QStringLiteral("press"),
                        QStringLiteral("--pdf"), pdf}),
                    ExitStatus::Usage);
    EXPECT_CLI_EXIT(as(kSolicitor, QStringLiteral("summary"),
                       {QStringLiteral("--case"), m_reference, QStringLiteral("--profile"), QStringLiteral("counsel")}),
                    ExitStatus::Usage);
    const CliResult missing = as(kSolicitor, QStringLiteral("summary"),
                                 {QStringLiteral("--case"), QStringLiteral("NOPE-2026-9999"), QStringLiteral("--profile"),
                                  QStringLiteral("counsel"), QStringLiteral("--pdf"), pdf});
    QVERIFY(missing.exitCode != 0);
    QVERIFY(!QFile::exists(pdf));
}

void TestCliDocuments::summaryNeverOverwrites()
{
    const QString pdf = m_cli.path(QStringLiteral("exists.pdf"));
    QFile f(pdf);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("keep me");
    f.close();
    const CliResult r = as(kSolicitor, QStringLiteral("summary"),
                           {QStringLiteral("--case"), m_reference, QStringLiteral("--profile"), QStringLiteral("counsel"),
                            QStringLiteral("--pdf"), pdf});
    QVERIFY(r.exitCode != 0);
    QVERIFY(r.err.contains(QStringLiteral("already exists")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("keep me"));
}

void TestCliDocuments::reportsAsPdf_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("title");
    QTest::newRow("diary") << QStringLiteral("diary") << QStringLiteral("Deadline diary");
    QTest::newRow("caseload") << QStringLiteral("caseload") << QStringLiteral("Caseload");
    QTest::newRow("limitation-risk") << QStringLiteral("limitation-risk") << QStringLiteral("Limitation risk");
    QTest::newRow("therapy-fund") << QStringLiteral("therapy-fund") << QStringLiteral("Therapy fund position");
}

void TestCliDocuments::reportsAsPdf()
{
    QFETCH(QString, kind);
    QFETCH(QString, title);
    const QString pdf = m_cli.path(QStringLiteral("report-%1.pdf").arg(kind));
    const QString csv = m_cli.path(QStringLiteral("report-%1.csv").arg(kind));
    EXPECT_CLI_EXIT(as(kSupervisor, QStringLiteral("report"), {QStringLiteral("--kind"), kind, QStringLiteral("--pdf"), pdf}),
                    ExitStatus::Success);
    const QString text = pdfText(pdf);
    QVERIFY2(text.contains(title), qPrintable(text.left(400)));
    QVERIFY(text.contains(QStringLiteral("PRIVATE & CONFIDENTIAL — LEGALLY PRIVILEGED")));
    QVERIFY(text.contains(QStringLiteral("Page 1 of")));
    // Reports name cases by reference, never the client.
    QVERIFY(!text.contains(kClientName));
    EXPECT_CLI_EXIT(as(kSupervisor, QStringLiteral("report"), {QStringLiteral("--kind"), kind, QStringLiteral("--csv"), csv}),
                    ExitStatus::Success);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    QVERIFY(!QString::fromUtf8(bytes).contains(kClientName));
}

void TestCliDocuments::diaryCsvIsSafeForSpreadsheets()
{
    const QString csv = m_cli.path(QStringLiteral("diary-mine.csv"));
    EXPECT_CLI_EXIT(as(kSolicitor, QStringLiteral("report"), {QStringLiteral("--kind"), QStringLiteral("diary"),
                                                               QStringLiteral("--csv"), csv}),
                    ExitStatus::Success);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(QStringLiteral("'=HYPERLINK")), qPrintable(text.left(800)));
    QVERIFY(!text.contains(QStringLiteral(",=HYPERLINK")));
    QVERIFY(!text.contains(QStringLiteral(",\"=HYPERLINK")));
    // Dates in files are ISO 8601.
    QVERIFY(text.contains(QRegularExpression(QStringLiteral("\\b20\\d\\d-\\d\\d-\\d\\d\\b"))));
}

void TestCliDocuments::reportRefusalsAndUsage()
{
    const QString pdf = m_cli.path(QStringLiteral("refused.pdf"));
    EXPECT_CLI_EXIT(as(kSolicitor, QStringLiteral("report"), {QStringLiteral("--kind"), QStringLiteral("caseload"),
                                                               QStringLiteral("--pdf"), pdf}),
                    ExitStatus::PermissionDenied);
    EXPECT_CLI_EXIT(as(QStringLiteral("demo-admin"), QStringLiteral("report"),
                       {QStringLiteral("--kind"), QStringLiteral("diary"), QStringLiteral("--pdf"), pdf}),
                    ExitStatus::PermissionDenied);
    QVERIFY(!QFile::exists(pdf));
    EXPECT_CLI_EXIT(as(kSupervisor, QStringLiteral("report"), {QStringLiteral("--kind"), QStringLiteral("weather"),
                                                                QStringLiteral("--pdf"), pdf}),
                    ExitStatus::Usage);
    const CliResult badDate = as(kSupervisor, QStringLiteral("report"),
                                 {QStringLiteral("--kind"), QStringLiteral("diary"), QStringLiteral("--from"),
                                  QStringLiteral("2026-02-30"), QStringLiteral("--pdf"), pdf});
    EXPECT_CLI_EXIT(badDate, ExitStatus::Usage);
    QVERIFY(badDate.err.contains(QStringLiteral("2026-02-30")));
    EXPECT_CLI_EXIT(as(kSupervisor, QStringLiteral("report"), {QStringLiteral("--kind"), QStringLiteral("diary")}),
                    ExitStatus::Usage);
    QVERIFY(!QFile::exists(pdf));
}

void TestCliDocuments::subjectAccessBundle()
{
    const QString out = m_cli.path(QStringLiteral("sar"));
    const CliResult r = as(kSupervisor, QStringLiteral("sar"), {QStringLiteral("--case"), m_reference, QStringLiteral("--out"), out});
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    const QString pdf = out + QLatin1Char('/') + m_reference + QStringLiteral("-subject-access.pdf");
    const QString json = out + QLatin1Char('/') + m_reference + QStringLiteral("-subject-access.json");
    const QString text = pdfText(pdf);
    QVERIFY(text.contains(kAccount));  // the client's own words are their personal data
    QVERIFY(text.contains(kAddress));
    QVERIFY(text.contains(kCodeWord));
    QVERIFY(!text.contains(kPlainNote));  // file notes are privileged: listed as withheld
    QVERIFY(!text.contains(kSensitive));
    QVERIFY(text.contains(QStringLiteral("Information withheld")));
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject bundle = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(bundle.value(QStringLiteral("format")).toString(), QStringLiteral("claimdesk-subject-access"));
    QCOMPARE(bundle.value(QStringLiteral("client")).toObject().value(QStringLiteral("fullName")).toString(), kClientName);
    QVERIFY(!QJsonDocument(bundle).toJson().contains(kPlainNote.toUtf8()));
    // Run again: the files exist, nothing is overwritten.
    const CliResult again = as(kSupervisor, QStringLiteral("sar"), {QStringLiteral("--case"), m_reference, QStringLiteral("--out"), out});
    QVERIFY(again.exitCode != 0);
    QVERIFY(again.err.contains(QStringLiteral("already exists")));
}

void TestCliDocuments::subjectAccessIsForSupervisors()
{
    const QString out = m_cli.path(QStringLiteral("sar-refused"));
    EXPECT_CLI_EXIT(as(kSolicitor, QStringLiteral("sar"), {QStringLiteral("--case"), m_reference, QStringLiteral("--out"), out}),
                    ExitStatus::PermissionDenied);
    QVERIFY(!QFile::exists(out + QLatin1Char('/') + m_reference + QStringLiteral("-subject-access.pdf")));
}

void TestCliDocuments::outputsAreInTheAuditLog()
{
    // `audit list` is a two-word command: the vault comes after "list".
    const CliResult list = m_cli.run({QStringLiteral("audit"), QStringLiteral("list"), vault(), QStringLiteral("--user"), kSupervisor,
                                      QStringLiteral("--case"), m_reference, QStringLiteral("--json"), QStringLiteral("--limit"),
                                      QStringLiteral("500")},
                                     {kDemoPass});
    EXPECT_CLI_EXIT(list, ExitStatus::Success);
    const QJsonArray entries = QJsonDocument::fromJson(list.out.toUtf8()).array();
    QSet<QString> profiles;
    int sar = 0;
    for (const QJsonValue& v : entries) {
        const QJsonObject e = v.toObject();
        const QJsonObject summary = e.value(QStringLiteral("summary")).toObject();
        if (e.value(QStringLiteral("action")).toString() == QStringLiteral("summary.output")) {
            profiles.insert(summary.value(QStringLiteral("profile")).toString());
            QCOMPARE(summary.value(QStringLiteral("format")).toString(), QStringLiteral("pdf"));
        }
        if (e.value(QStringLiteral("action")).toString() == QStringLiteral("sar.output")) {
            ++sar;
        }
    }
    for (const QString& p : {QStringLiteral("internal"), QStringLiteral("counsel"), QStringLiteral("client"),
                             QStringLiteral("therapist"), QStringLiteral("insurer")}) {
        QVERIFY2(profiles.contains(p), qPrintable(QStringLiteral("no summary.output with profile %1").arg(p)));
    }
    QVERIFY(sar >= 1);
}

void TestCliDocuments::firmNameIsSetByAdminsOnly()
{
    EXPECT_CLI_EXIT(as(kSupervisor, QStringLiteral("firm"), {QStringLiteral("--name"), QStringLiteral("Someone Else LLP")}),
                    ExitStatus::PermissionDenied);
    const CliResult shown = as(kSupervisor, QStringLiteral("firm"), {});
    EXPECT_CLI_EXIT(shown, ExitStatus::Success);
    QVERIFY(shown.out.contains(QStringLiteral("Harbour & Vale Solicitors LLP")));
    EXPECT_CLI_EXIT(as(QStringLiteral("demo-admin"), QStringLiteral("firm"), {QStringLiteral("--name"), QStringLiteral("  ")}),
                    ExitStatus::Usage);
    EXPECT_CLI_EXIT(as(QStringLiteral("demo-admin"), QStringLiteral("firm"), {QStringLiteral("--name"), QStringLiteral("Bright & Co Solicitors")}),
                    ExitStatus::Success);
    const QString text = summaryText(QStringLiteral("counsel"), kSolicitor);
    QVERIFY(text.contains(QStringLiteral("Bright & Co Solicitors")));
}

QTEST_GUILESS_MAIN(TestCliDocuments)
#include "tst_cli_documents.moc"
