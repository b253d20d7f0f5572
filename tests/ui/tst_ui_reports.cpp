// Issue 6 in the app: Cases › Print case summary… (profiles, live pages, the client-copy refusal and a supervisor's
// override, Save as PDF), Reports › Reports… (built off the UI thread with a progress bar, then saved as CSV and
// PDF) and Cases › Subject access bundle…. Offscreen; dialogs are shown with show()/open() and driven here; every
// file name comes from the RecordingPrompter. Files are read back: the PDF with pdftotext when it is installed.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "TestFirm.h"

#include "ui/cases/CaseFileWidget.h"
#include "ui/cases/CaseListPanel.h"
#include "ui/cases/CaseWorkspace.h"
#include "ui/reports/ReportsDialog.h"
#include "ui/reports/SummaryDialog.h"
#include "ui/shell/MainWindow.h"

#include "cases/CaseService.h"
#include "store/AuditLog.h"
#include "store/KdfProfile.h"
#include "store/Vault.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace claimdesk;
using test::RecordingPrompter;

namespace {

const QString kAccount = QStringLiteral("UIACCOUNTMARK5");
const QString kCodeWord = QStringLiteral("UICODEWORDMARK8");

core::NewCase markedCase(bool postIsSafe)
{
    core::NewCase n;
    n.client.fullName = QStringLiteral("Robin Uitest");
    n.client.dateOfBirth = QDate(1988, 4, 2);
    n.client.safeContact.phone = true;
    n.client.safeContact.post = postIsSafe;
    n.client.safeContact.codeWord = kCodeWord;
    n.feeEarner = QStringLiteral("sol");
    n.supervisor = QStringLiteral("sam");
    n.account = QStringLiteral("My account: %1").arg(kAccount);
    n.safeguarding.suicidalThoughts = core::SuicidalThoughts::None;
    core::Incident i;
    i.start = QDate(2002, 5, 1);
    i.abuseTypes = QStringList {QStringLiteral("sexual")};
    n.incidents.push_back(i);
    return n;
}

// With CLAIMDESK_SHOTS_DIR set, the dialogs are saved as PNGs there to be looked at (never asserted on).
void shoot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("CLAIMDESK_SHOTS_DIR");
    if (!dir.isEmpty() && widget != nullptr) {
        QCoreApplication::processEvents();
        widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
    }
}

QString pdfText(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

}  // namespace

class ReportsUiTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void summaryStartsWithTheCounselCopyAndHidesTheAccount();
    void internalCopyShowsTheAccountOnlyWhenChosen();
    void clientCopyIsRefusedWithoutPostAndASupervisorMayOverride();
    void summarySavedAsPdfIsRecordedFirst();
    void reportRunsOffTheUiThreadAndSavesCsvAndPdf();
    void reportCanBeCancelled();
    void subjectAccessActionIsForSupervisors();

private:
    ui::MainWindow* signIn(const QString& username);
    void signOut();
    ui::SummaryDialog* openSummary(qint64 caseId);
    qint64 createCase(bool postIsSafe);
    qint64 auditCount(const QString& action);

    std::unique_ptr<test::TestFirm> m_firm;
    RecordingPrompter m_prompter;
    std::unique_ptr<ui::VaultSession> m_session;
    std::unique_ptr<ui::MainWindow> m_main;
    QTemporaryDir m_out;
};

void ReportsUiTest::initTestCase()
{
    test::useTestSettings();
    QVERIFY(m_out.isValid());
}

void ReportsUiTest::init()
{
    QSettings().clear();
    m_prompter.reset();
    m_firm = std::make_unique<test::TestFirm>();
}

void ReportsUiTest::cleanup()
{
    signOut();
    m_firm.reset();
}

void ReportsUiTest::signOut()
{
    m_main.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

ui::MainWindow* ReportsUiTest::signIn(const QString& username)
{
    signOut();
    m_session = std::make_unique<ui::VaultSession>(m_firm->options(), core::KdfProfile::fastForTestsOnly());
    if (!test::unlockSession(*m_session, m_firm->path(), username, test::TestFirm::passphraseOf(username))) {
        return nullptr;
    }
    m_main = std::make_unique<ui::MainWindow>(*m_session, m_prompter);
    m_main->resize(1280, 900);
    m_main->show();
    if (!QTest::qWaitFor([&] { return !m_main->caseWorkspace()->listPanel()->isLoading(); }, 5000)) {
        return nullptr;
    }
    return m_main.get();
}

qint64 ReportsUiTest::createCase(bool postIsSafe)
{
    core::CaseService service(m_firm->solicitor());
    auto created = service.create(markedCase(postIsSafe));
    if (!created) {
        qFatal("creating a test case failed: %s", qPrintable(created.error().message));
    }
    return created->id;
}

qint64 ReportsUiTest::auditCount(const QString& action)
{
    auto all = core::AuditLog::list(m_firm->supervisor().connection());
    return all ? std::count_if(all->begin(), all->end(), [&](const core::AuditEntry& e) { return e.action == action; }) : -1;
}

ui::SummaryDialog* ReportsUiTest::openSummary(qint64 caseId)
{
    if (m_main->caseWorkspace()->openCase(caseId) == nullptr) {
        return nullptr;
    }
    auto* action = m_main->findChild<QAction*>(QStringLiteral("printSummaryAction"));
    if (action == nullptr || !action->isEnabled()) {
        return nullptr;
    }
    action->trigger();
    return m_main->findChild<ui::SummaryDialog*>();
}

void ReportsUiTest::summaryStartsWithTheCounselCopyAndHidesTheAccount()
{
    const qint64 caseId = createCase(true);
    QVERIFY(signIn(QStringLiteral("sol")));
    const qint64 reveals = auditCount(QStringLiteral("case.account.reveal"));
    ui::SummaryDialog* dialog = openSummary(caseId);
    QVERIFY(dialog != nullptr);
    QCOMPARE(dialog->profile(), core::reports::Profile::Counsel);
    QVERIFY(dialog->document() != nullptr);
    QVERIFY(!dialog->document()->plainText().contains(kAccount));
    QVERIFY(!dialog->document()->plainText().contains(kCodeWord));
    QVERIFY(dialog->printButton()->isEnabled());
    QCOMPARE(auditCount(QStringLiteral("case.account.reveal")), reveals);
    QCOMPARE(auditCount(QStringLiteral("summary.output")), 1);  // the preview shown
    shoot(dialog, QStringLiteral("summary-counsel"));
    QVERIFY(!test::anyWidgetShows(kAccount));
}

void ReportsUiTest::internalCopyShowsTheAccountOnlyWhenChosen()
{
    const qint64 caseId = createCase(true);
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::SummaryDialog* dialog = openSummary(caseId);
    QVERIFY(dialog != nullptr);
    dialog->selectProfile(core::reports::Profile::Internal);
    QVERIFY(dialog->document() != nullptr);
    QVERIFY(dialog->document()->plainText().contains(kAccount));
    QVERIFY(dialog->document()->plainText().contains(kCodeWord));
    QCOMPARE(dialog->document()->watermark, QStringLiteral("INTERNAL — DO NOT SEND"));
    // Choosing the same copy again is not recorded twice.
    const qint64 outputs = auditCount(QStringLiteral("summary.output"));
    dialog->selectProfile(core::reports::Profile::Internal);
    QCOMPARE(auditCount(QStringLiteral("summary.output")), outputs);
}

void ReportsUiTest::clientCopyIsRefusedWithoutPostAndASupervisorMayOverride()
{
    const qint64 caseId = createCase(false);
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::SummaryDialog* dialog = openSummary(caseId);
    QVERIFY(dialog != nullptr);
    const qint64 refusals = auditCount(QStringLiteral("permission.denied"));
    dialog->selectProfile(core::reports::Profile::Client);
    QVERIFY(dialog->document() == nullptr);
    QVERIFY(dialog->problemLabel()->text().contains(QStringLiteral("safe-contact rules")));
    QVERIFY(!dialog->printButton()->isEnabled());
    QVERIFY(!dialog->pdfButton()->isEnabled());
    QVERIFY(!dialog->overrideReasonEdit()->isEnabled());  // a fee earner cannot override
    shoot(dialog, QStringLiteral("summary-client-refused"));
    QCOMPARE(auditCount(QStringLiteral("permission.denied")), refusals);  // looking is not an attempt

    QVERIFY(signIn(QStringLiteral("sam")));
    dialog = openSummary(caseId);
    QVERIFY(dialog != nullptr);
    dialog->selectProfile(core::reports::Profile::Client);
    QVERIFY(dialog->document() == nullptr);
    QVERIFY(dialog->overrideReasonEdit()->isEnabled());
    dialog->overrideReasonEdit()->setText(QStringLiteral("Client collects it at the office"));
    dialog->rebuild();
    QVERIFY(dialog->document() != nullptr);
    QCOMPARE(dialog->document()->watermark, QStringLiteral("CLIENT COPY"));
    QVERIFY(dialog->pdfButton()->isEnabled());
    auto all = core::AuditLog::list(m_firm->supervisor().connection());
    QVERIFY(all);
    QCOMPARE(all->back().action, QStringLiteral("summary.output"));
    QCOMPARE(all->back().summary.value(QStringLiteral("overrideReason")).toString(),
             QStringLiteral("Client collects it at the office"));
}

void ReportsUiTest::summarySavedAsPdfIsRecordedFirst()
{
    const qint64 caseId = createCase(true);
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::SummaryDialog* dialog = openSummary(caseId);
    QVERIFY(dialog != nullptr);
    const QString path = m_out.filePath(QStringLiteral("counsel.pdf"));
    m_prompter.saveAnswers << path;
    QVERIFY(dialog->savePdf());
    QVERIFY(QFile::exists(path));
    auto all = core::AuditLog::list(m_firm->supervisor().connection());
    QVERIFY(all);
    const core::AuditEntry* pdf = nullptr;
    for (const core::AuditEntry& e : *all) {
        if (e.action == u"summary.output" && e.summary.value(QStringLiteral("format")).toString() == u"pdf") {
            pdf = &e;
        }
    }
    QVERIFY(pdf != nullptr);
    QCOMPARE(pdf->summary.value(QStringLiteral("profile")).toString(), QStringLiteral("counsel"));
    QVERIFY(pdf->summary.value(QStringLiteral("file")).toString().endsWith(QStringLiteral("counsel.pdf")));
    if (!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
        const QString text = pdfText(path);
        QVERIFY(text.contains(QStringLiteral("COPY FOR COUNSEL")));
        QVERIFY(!text.contains(kAccount));
        QVERIFY(text.contains(QStringLiteral("Page 1 of")));
    }
    // Cancelling the file dialog writes nothing and records nothing more.
    const qint64 outputs = auditCount(QStringLiteral("summary.output"));
    QVERIFY(!dialog->savePdf());
    QCOMPARE(auditCount(QStringLiteral("summary.output")), outputs);
}

void ReportsUiTest::reportRunsOffTheUiThreadAndSavesCsvAndPdf()
{
    createCase(true);
    QVERIFY(signIn(QStringLiteral("sam")));
    auto* action = m_main->findChild<QAction*>(QStringLiteral("reportsAction"));
    QVERIFY(action != nullptr);
    action->trigger();
    auto* dialog = m_main->findChild<ui::ReportsDialog*>();
    QVERIFY(dialog != nullptr);
    dialog->setKind(core::reports::ReportKind::Caseload);
    QSignalSpy finished(dialog, &ui::ReportsDialog::finished);
    dialog->run();
    QVERIFY(dialog->isRunning());
    QVERIFY(dialog->progressBar()->isVisible());
    QVERIFY(!dialog->runButton()->isEnabled());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!dialog->isRunning());
    QVERIFY(dialog->document() != nullptr);
    QCOMPARE(dialog->document()->title, QStringLiteral("Caseload"));
    shoot(dialog, QStringLiteral("reports-caseload"));
    const QString csv = m_out.filePath(QStringLiteral("caseload.csv"));
    const QString pdf = m_out.filePath(QStringLiteral("caseload.pdf"));
    m_prompter.saveAnswers << csv << pdf;
    QCOMPARE(dialog->saveCsv(), csv);
    QCOMPARE(dialog->savePdf(), pdf);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().startsWith("\xEF\xBB\xBF"));
    QVERIFY(QFile::exists(pdf));
    QCOMPARE(auditCount(QStringLiteral("report.output")), 3);  // shown, CSV, PDF
}

void ReportsUiTest::reportCanBeCancelled()
{
    createCase(true);
    QVERIFY(signIn(QStringLiteral("sam")));
    ui::ReportsDialog dialog(*m_session, m_prompter, m_main.get());
    dialog.setKind(core::reports::ReportKind::LimitationRisk);
    QSignalSpy finished(&dialog, &ui::ReportsDialog::finished);
    dialog.run();
    dialog.cancel();
    QVERIFY(finished.wait(10000));
    // A tiny vault may finish before the cancel is seen; either way the dialog is usable again.
    QVERIFY(!dialog.isRunning());
    QVERIFY(dialog.runButton()->isEnabled());
}

void ReportsUiTest::subjectAccessActionIsForSupervisors()
{
    const qint64 caseId = createCase(true);
    QVERIFY(signIn(QStringLiteral("sol")));
    QVERIFY(m_main->caseWorkspace()->openCase(caseId) != nullptr);
    auto* action = m_main->findChild<QAction*>(QStringLiteral("subjectAccessAction"));
    QVERIFY(action != nullptr);
    QVERIFY(!action->isEnabled());

    QVERIFY(signIn(QStringLiteral("sam")));
    QVERIFY(m_main->caseWorkspace()->openCase(caseId) != nullptr);
    action = m_main->findChild<QAction*>(QStringLiteral("subjectAccessAction"));
    QVERIFY(action->isEnabled());
    const QString pdf = m_out.filePath(QStringLiteral("sar-bundle.pdf"));
    m_prompter.saveAnswers << pdf;
    action->trigger();
    QVERIFY(QFile::exists(pdf));
    QVERIFY(QFile::exists(m_out.filePath(QStringLiteral("sar-bundle.json"))));
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Inform), 1);
    QCOMPARE(auditCount(QStringLiteral("sar.output")), 1);
}

QTEST_MAIN(ReportsUiTest)
#include "tst_ui_reports.moc"
