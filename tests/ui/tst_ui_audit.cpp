// The audit trail viewer (ui/audit, issue 7): a supervisor's or admin's window over core::AuditService. Offscreen:
// the first page is newest first and later pages load as the table scrolls (fetchMore); the filters (user, case,
// action, UK dates) narrow the model; the details pane shows the summary as JSON; "Export CSV…" writes the filtered
// entries (the file name comes from the RecordingPrompter's save answers) and is recorded; "Verify chain" says
// intact, then names the first broken entry after the database is changed behind ClaimDesk's back; the menu item is
// offered to supervisors and admins only, and core refuses a paralegal (recorded). The log is written by a
// TestFirm's people with a FakeClock (today is 27 Nov 2026).
//
// CLAIMDESK_AUDIT_SHOTS=/tmp/shots-audit also saves screenshots of the window there.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "TestFirm.h"

#include "ui/audit/AuditTableModel.h"
#include "ui/audit/AuditViewerWindow.h"
#include "ui/cases/CaseListPanel.h"
#include "ui/cases/CaseWorkspace.h"
#include "ui/shell/MainWindow.h"

#include "audit/AuditService.h"
#include "cases/CaseImport.h"
#include "cases/CaseService.h"
#include "store/Sqlite.h"
#include "store/Vault.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace claimdesk;
using test::RecordingPrompter;

namespace {

const QString kCase = QStringLiteral("BBK-2026-0007");

void log(core::Vault& vault, const QString& action, const QString& entity, const QString& entityId,
         const QJsonObject& summary = {})
{
    auto tx = core::sql::Transaction::begin(vault.connection());
    QVERIFY(tx.ok());
    QVERIFY(vault.audit(action, entity, entityId, summary).ok());
    QVERIFY(tx->commit().ok());
}

QStringList column(const QAbstractItemModel& model, int column)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r) {
        out << model.index(r, column).data().toString();
    }
    return out;
}

void setLine(QLineEdit* edit, const QString& text)
{
    edit->setText(text);
    emit edit->editingFinished();
}

}  // namespace

class AuditUiTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void firstPageIsNewestAndScrollingLoadsMore();
    void filtersNarrowTheModel();
    void badDatesDoNotFilter();
    void detailsShowTheSummaryAsJson();
    void caseDetailsAreForThoseWhoMayOpenTheCase();
    void exportWritesTheFilteredEntriesAndIsRecorded();
    void verifyChainSaysIntactThenNamesTheBrokenLink();
    void menuItemIsForSupervisorsAndAdmins();
    void coreRefusesAParalegal();
    void modelPassesTheModelTester();

private:
    ui::AuditViewerWindow* openViewer(const QString& username);
    void saveShot(QWidget* widget, const QString& name);

    std::unique_ptr<test::TestFirm> m_firm;
    RecordingPrompter m_prompter;
    std::unique_ptr<ui::VaultSession> m_session;
    std::unique_ptr<ui::AuditViewerWindow> m_viewer;
    qint64 m_total = 0;
};

void AuditUiTest::initTestCase()
{
    qputenv("TZ", "Europe/London");
    test::useTestSettings();
}

void AuditUiTest::init()
{
    QSettings().clear();
    m_prompter.reset();
    m_firm = std::make_unique<test::TestFirm>();
    test::TestFirm& f = *m_firm;
    // 25 Nov: 430 case updates by sol; 26 Nov: therapy by sam; 27 Nov: a setting by ada.
    f.clock().advanceSeconds(-2 * 86400);
    {
        core::Vault& sol = f.solicitor();
        auto tx = core::sql::Transaction::begin(sol.connection());
        QVERIFY(tx.ok());
        for (int i = 0; i < 430; ++i) {
            QVERIFY(sol.audit(QStringLiteral("case.update"), QStringLiteral("case"),
                              QStringLiteral("BBK-2026-%1").arg(i % 20, 4, 10, QLatin1Char('0')),
                              {{QStringLiteral("field"), QStringLiteral("stage")}, {QStringLiteral("n"), i}})
                        .ok());
        }
        QVERIFY(tx->commit().ok());
    }
    f.clock().advanceSeconds(86400);
    log(f.supervisor(), QStringLiteral("therapy.request.approve"), QStringLiteral("case"), kCase,
        {{QStringLiteral("capPence"), 90000}, {QStringLiteral("sessions"), 12}});
    log(f.supervisor(), QStringLiteral("therapy.budget.set"), QStringLiteral("therapy-fund"), QStringLiteral("2026"));
    f.clock().advanceSeconds(86400);
    log(f.admin(), QStringLiteral("setting.change"), QStringLiteral("setting"), QStringLiteral("=HYPERLINK(\"x\")"));
    m_total = *f.admin().connection().scalarInt("SELECT count(*) FROM audit_log");
}

void AuditUiTest::cleanup()
{
    m_viewer.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_firm.reset();
}

ui::AuditViewerWindow* AuditUiTest::openViewer(const QString& username)
{
    m_viewer.reset();
    m_session = std::make_unique<ui::VaultSession>(m_firm->options(), core::KdfProfile::fastForTestsOnly());
    if (!test::unlockSession(*m_session, m_firm->path(), username, test::TestFirm::passphraseOf(username))) {
        return nullptr;
    }
    m_viewer = std::make_unique<ui::AuditViewerWindow>(*m_session, m_prompter);
    m_viewer->resize(1180, 720);
    m_viewer->show();
    if (!QTest::qWaitForWindowExposed(m_viewer.get())) {
        return nullptr;
    }
    return m_viewer.get();
}

void AuditUiTest::saveShot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("CLAIMDESK_AUDIT_SHOTS");
    if (dir.isEmpty()) {
        return;
    }
    QDir().mkpath(dir);
    QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
}

void AuditUiTest::firstPageIsNewestAndScrollingLoadsMore()
{
    ui::AuditViewerWindow* viewer = openViewer(QStringLiteral("sam"));
    QVERIFY(viewer);
    ui::AuditTableModel* model = viewer->model();
    QCOMPARE(model->rowCount(), 200);
    QVERIFY(model->hasMore());
    QVERIFY(model->canFetchMore({}));
    // Newest first: the first row is sam's own sign-in just now, then ada's setting.
    QCOMPARE(model->index(0, ui::AuditTableModel::Action).data().toString(), QStringLiteral("vault.unlock"));
    QCOMPARE(model->index(0, ui::AuditTableModel::User).data().toString(), QStringLiteral("sam"));
    QCOMPARE(model->index(1, ui::AuditTableModel::Action).data().toString(), QStringLiteral("setting.change"));
    QCOMPARE(model->index(1, ui::AuditTableModel::Time).data().toString(), QStringLiteral("27 Nov 2026 12:00:00"));
    QVERIFY(viewer->statusLabel()->text().contains(QStringLiteral("newest 200 entries")));
    saveShot(viewer, QStringLiteral("audit-viewer-first-page.png"));

    // Scrolling to the bottom asks the model for more, a page at a time.
    viewer->view()->scrollToBottom();
    QTRY_VERIFY(model->rowCount() > 200);
    QCOMPARE(model->rowCount() % 200, 0);
    while (model->canFetchMore({})) {
        model->fetchMore({});
    }
    QCOMPARE(model->rowCount(), static_cast<int>(m_total) + 1);  // + sam's sign-in
    QVERIFY(!model->hasMore());
    QCOMPARE(model->index(model->rowCount() - 1, ui::AuditTableModel::Action).data().toString(),
             QStringLiteral("vault.create"));
    qint64 previous = std::numeric_limits<qint64>::max();
    for (int r = 0; r < model->rowCount(); ++r) {
        const qint64 id = model->entryAt(r)->id;
        QVERIFY(id < previous);
        previous = id;
    }
    QVERIFY(viewer->statusLabel()->text().startsWith(QStringLiteral("All ")));
}

void AuditUiTest::filtersNarrowTheModel()
{
    ui::AuditViewerWindow* viewer = openViewer(QStringLiteral("ada"));
    QVERIFY(viewer);
    ui::AuditTableModel* model = viewer->model();
    QVERIFY(viewer->userCombo()->findData(QStringLiteral("pat")) > 0);

    // User: sam's entries only.
    viewer->userCombo()->setCurrentIndex(viewer->userCombo()->findData(QStringLiteral("sam")));
    QVERIFY(model->rowCount() > 0);
    QCOMPARE(column(*model, ui::AuditTableModel::User).removeDuplicates(), model->rowCount() - 1);
    QVERIFY(column(*model, ui::AuditTableModel::Action).contains(QStringLiteral("therapy.budget.set")));

    // User and case: sam's entries about one case.
    setLine(viewer->caseEdit(), kCase.toLower());
    QCOMPARE(column(*model, ui::AuditTableModel::Action), QStringList {QStringLiteral("therapy.request.approve")});

    // Case only (everyone): sol's updates of that case and sam's approval.
    viewer->userCombo()->setCurrentIndex(0);
    QCOMPARE(model->rowCount(), 22 + 1);  // i % 20 == 7 for 22 of sol's 430 updates, and sam's approval
    for (const QString& reference : column(*model, ui::AuditTableModel::EntityId)) {
        QCOMPARE(reference, kCase);
    }

    // Action with its prefix rule.
    setLine(viewer->caseEdit(), QString());
    setLine(viewer->actionEdit(), QStringLiteral("therapy"));
    QCOMPARE(column(*model, ui::AuditTableModel::Action),
             (QStringList {QStringLiteral("therapy.budget.set"), QStringLiteral("therapy.request.approve")}));
    QVERIFY(viewer->statusLabel()->text().contains(QStringLiteral("All 2 entries matching the filters")));

    // UK dates, both days included: 25 Nov has sol's sign-in and 430 updates (in pages).
    setLine(viewer->actionEdit(), QString());
    setLine(viewer->fromEdit(), QStringLiteral("25/11/2026"));
    setLine(viewer->toEdit(), QStringLiteral("25/11/2026"));
    QCOMPARE(model->rowCount(), 200);
    while (model->canFetchMore({})) {
        model->fetchMore({});
    }
    QCOMPARE(model->rowCount(), 431);
    QCOMPARE(column(*model, ui::AuditTableModel::Time).filter(QStringLiteral("25 Nov 2026")).size(), 431);
    setLine(viewer->toEdit(), QStringLiteral("26/11/2026"));
    QCOMPARE(model->rowCount(), 200);
    QCOMPARE(model->index(0, ui::AuditTableModel::Action).data().toString(), QStringLiteral("therapy.budget.set"));
    saveShot(viewer, QStringLiteral("audit-viewer-filtered.png"));

    // Clear filters: everything again.
    viewer->findChild<QPushButton*>(QStringLiteral("clearAuditFiltersButton"))->click();
    QCOMPARE(model->index(0, ui::AuditTableModel::Action).data().toString(), QStringLiteral("vault.unlock"));
    QVERIFY(viewer->fromEdit()->text().isEmpty());
    QVERIFY(m_prompter.calls.isEmpty());
}

void AuditUiTest::badDatesDoNotFilter()
{
    ui::AuditViewerWindow* viewer = openViewer(QStringLiteral("sam"));
    QVERIFY(viewer);
    setLine(viewer->fromEdit(), QStringLiteral("31/02/2026"));
    QVERIFY(!viewer->reload());
    QVERIFY(viewer->statusLabel()->text().contains(QStringLiteral("Correct the dates")));
    setLine(viewer->fromEdit(), QStringLiteral("27/11/2026"));
    setLine(viewer->toEdit(), QStringLiteral("26/11/2026"));
    QVERIFY(!viewer->reload());  // "to" before "from"
    setLine(viewer->toEdit(), QStringLiteral("27/11/2026"));
    QVERIFY(viewer->reload());
}

void AuditUiTest::detailsShowTheSummaryAsJson()
{
    ui::AuditViewerWindow* viewer = openViewer(QStringLiteral("sam"));
    QVERIFY(viewer);
    setLine(viewer->actionEdit(), QStringLiteral("therapy.request.approve"));
    QCOMPARE(viewer->model()->rowCount(), 1);
    QVERIFY(viewer->model()
                ->index(0, ui::AuditTableModel::Summary)
                .data()
                .toString()
                .contains(QStringLiteral("capPence: 90000")));
    viewer->view()->setCurrentIndex(viewer->model()->index(0, 0));
    const QString details = viewer->detailsView()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("\"capPence\": 90000")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("Action: therapy.request.approve")));
    QVERIFY(details.contains(QStringLiteral("About: case ") + kCase));
    QVERIFY(details.contains(viewer->model()->entryAt(0)->hash));
    saveShot(viewer, QStringLiteral("audit-viewer-details.png"));
}

// A real case's entries are sealed under its key: the supervisor sees the old and new name; the admin sees the event
// and that its details are withheld, in the table and in the details pane.
void AuditUiTest::caseDetailsAreForThoseWhoMayOpenTheCase()
{
    core::CaseService cases(m_firm->solicitor());
    core::NewCase n;
    n.client.fullName = QStringLiteral("Ottoline Viewmarker");
    n.client.dateOfBirth = QDate(1981, 5, 6);
    n.feeEarner = QStringLiteral("sol");
    n.supervisor = QStringLiteral("sam");
    n.openedOn = QDate(2026, 11, 1);
    n.safeguarding.suicidalThoughts = core::SuicidalThoughts::None;
    auto created = cases.create(n);
    QVERIFY(created.ok());
    core::CaseRecord record = *created;
    record.client.fullName = QStringLiteral("Ottoline Viewmarker-Shaw");
    QVERIFY(cases.save(record).ok());

    const auto updateRow = [&](const QString& username) -> ui::AuditViewerWindow* {
        ui::AuditViewerWindow* viewer = openViewer(username);
        if (viewer == nullptr) {
            return nullptr;
        }
        setLine(viewer->caseEdit(), record.reference);
        setLine(viewer->actionEdit(), QStringLiteral("case.update"));
        if (viewer->model()->rowCount() != 1) {
            return nullptr;
        }
        viewer->view()->setCurrentIndex(viewer->model()->index(0, 0));
        return viewer;
    };
    ui::AuditViewerWindow* sams = updateRow(QStringLiteral("sam"));
    QVERIFY(sams);
    QVERIFY(sams->detailsView()->toPlainText().contains(QStringLiteral("Viewmarker-Shaw")));

    ui::AuditViewerWindow* adas = updateRow(QStringLiteral("ada"));
    QVERIFY(adas);
    const QString summary = adas->model()->index(0, ui::AuditTableModel::Summary).data().toString();
    QVERIFY2(summary.contains(QStringLiteral("only for those who may open the case")), qPrintable(summary));
    const QString details = adas->detailsView()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("Details: (case details: only for those who may open the case)")),
             qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("About: case ") + record.reference));
    QVERIFY(!details.contains(QStringLiteral("Viewmarker")));
    saveShot(adas, QStringLiteral("audit-viewer-withheld.png"));
}

void AuditUiTest::exportWritesTheFilteredEntriesAndIsRecorded()
{
    ui::AuditViewerWindow* viewer = openViewer(QStringLiteral("ada"));
    QVERIFY(viewer);
    viewer->userCombo()->setCurrentIndex(viewer->userCombo()->findData(QStringLiteral("ada")));
    const int shown = viewer->model()->rowCount();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.csv"));
    m_prompter.saveAnswers << path;
    viewer->exportCsv();
    QTRY_COMPARE(m_prompter.count(RecordingPrompter::Kind::Inform), 1);
    QVERIFY(m_prompter.last(RecordingPrompter::Kind::Inform)->text.contains(QStringLiteral("%1 entries").arg(shown)));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    const core::CsvDocument doc = core::Csv::parse(bytes);
    QVERIFY(doc.problems.isEmpty());
    QCOMPARE(doc.header.fields, core::AuditService::csvHeader());
    QCOMPARE(static_cast<int>(doc.records.size()), shown);
    for (const core::CsvRecord& r : doc.records) {
        QCOMPARE(r.fields.at(2), QStringLiteral("ada"));
    }
    // The setting named like a formula is neutralised; the newest entry comes first.
    QCOMPARE(doc.records.at(0).fields.at(3), QStringLiteral("vault.unlock"));
    QCOMPARE(doc.records.at(1).fields.at(5), QStringLiteral("'=HYPERLINK(\"x\")"));
    // Recorded, and shown at the top after the export.
    QCOMPARE(viewer->model()->index(0, ui::AuditTableModel::Action).data().toString(), QStringLiteral("audit.export"));

    // Cancelling the file dialog exports nothing.
    viewer->exportCsv();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::SaveFile), 2);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Inform), 1);
}

void AuditUiTest::verifyChainSaysIntactThenNamesTheBrokenLink()
{
    ui::AuditViewerWindow* viewer = openViewer(QStringLiteral("sam"));
    QVERIFY(viewer);
    auto* verify = viewer->findChild<QPushButton*>(QStringLiteral("verifyAuditChainButton"));
    QVERIFY(verify);
    verify->click();
    QTRY_COMPARE(m_prompter.count(RecordingPrompter::Kind::Inform), 1);
    QCOMPARE(m_prompter.last(RecordingPrompter::Kind::Inform)->title, QStringLiteral("Audit trail intact"));
    QVERIFY(verify->isEnabled());

    QVERIFY(m_firm->admin().connection().exec("UPDATE audit_log SET summary = '{\"n\":1}' WHERE id = 40").ok());
    verify->click();
    QTRY_COMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
    const auto* error = m_prompter.last(RecordingPrompter::Kind::Error);
    QVERIFY2(error->text.contains(QStringLiteral("first broken link is entry 40")), qPrintable(error->text));
}

void AuditUiTest::menuItemIsForSupervisorsAndAdmins()
{
    for (const QString& username :
         {QStringLiteral("pat"), QStringLiteral("sol"), QStringLiteral("sam"), QStringLiteral("ada")}) {
        m_session = std::make_unique<ui::VaultSession>(m_firm->options(), core::KdfProfile::fastForTestsOnly());
        QVERIFY(test::unlockSession(*m_session, m_firm->path(), username, test::TestFirm::passphraseOf(username)));
        auto main = std::make_unique<ui::MainWindow>(*m_session, m_prompter);
        if (main->caseWorkspace() != nullptr) {
            QVERIFY(QTest::qWaitFor([&] { return !main->caseWorkspace()->listPanel()->isLoading(); }, 5000));
        }
        auto* action = main->findChild<QAction*>(QStringLiteral("auditTrailAction"));
        QVERIFY(action);
        const bool reader = username == QStringLiteral("sam") || username == QStringLiteral("ada");
        QCOMPARE(action->isEnabled(), reader);
        QVERIFY2(action->toolTip().contains(QStringLiteral("Only a supervisor or an admin")) != reader,
                 qPrintable(action->toolTip()));
        if (reader) {
            action->trigger();
            auto* viewer = main->findChild<ui::AuditViewerWindow*>();
            QVERIFY(viewer);
            QVERIFY(viewer->isVisible());
            QVERIFY(viewer->model()->rowCount() > 0);
        }
        main.reset();
        m_session.reset();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
}

void AuditUiTest::coreRefusesAParalegal()
{
    ui::AuditViewerWindow* viewer = openViewer(QStringLiteral("pat"));
    QVERIFY(viewer);
    QCOMPARE(viewer->model()->rowCount(), 0);
    QCOMPARE(viewer->userCombo()->count(), 1);  // "Everyone": no usernames either
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
    QVERIFY(m_prompter.last(RecordingPrompter::Kind::Error)->text.contains(QStringLiteral("supervisor or an admin")));
    core::AuditFilter refusals;
    refusals.username = QStringLiteral("pat");
    refusals.action = QStringLiteral("permission.denied");
    auto recorded = core::AuditService(m_firm->admin()).query(refusals);
    QVERIFY(recorded.ok());
    QCOMPARE(recorded->entries.size(), size_t {2});  // the usernames and the first page
}

void AuditUiTest::modelPassesTheModelTester()
{
    ui::AuditViewerWindow* viewer = openViewer(QStringLiteral("sam"));
    QVERIFY(viewer);
    QAbstractItemModelTester tester(viewer->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    viewer->model()->fetchMore({});  // the tester fetches too: at least one more page
    QVERIFY(viewer->model()->rowCount() >= 400);
    setLine(viewer->actionEdit(), QStringLiteral("case"));
    viewer->model()->fetchMore({});
    setLine(viewer->actionEdit(), QStringLiteral("nothing.like.this"));
    QCOMPARE(viewer->model()->rowCount(), 0);
    QVERIFY(!viewer->model()->canFetchMore({}));
    viewer->model()->clear();
    QCOMPARE(viewer->model()->rowCount(), 0);
}

QTEST_MAIN(AuditUiTest)
#include "tst_ui_audit.moc"
