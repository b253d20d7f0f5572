// The retention window (Cases › Retention and erasure…, issue 7 "GDPR tools"), offscreen: the due list with hold
// status, buttons disabled with the reason in their tooltip (who asked, the 24-hour wait, a legal hold), reasons and
// confirmations through the RecordingPrompter (so nothing blocks), an approval that runs in the background and drops
// the case, and the menu item offered to supervisors only. A TestFirm with a FakeClock (today is 27 Nov 2026) and a
// second supervisor, Sue.
//
// CLAIMDESK_RETENTION_SHOTS=/tmp/shots-retention also saves a screenshot of the window there.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "TestFirm.h"

#include "ui/cases/CaseListPanel.h"
#include "ui/cases/CaseWorkspace.h"
#include "ui/intake/ConflictHints.h"
#include "ui/retention/RetentionModel.h"
#include "ui/retention/RetentionWindow.h"
#include "ui/shell/MainWindow.h"

#include "cases/CaseService.h"
#include "retention/RetentionService.h"
#include "store/Vault.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QAction>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace claimdesk;
using test::RecordingPrompter;

namespace {

const QString kReason = QStringLiteral("Retention period over and the file was reviewed");

QString closeCase(core::CaseService& cases, const QString& name, const QDate& closedOn)
{
    core::NewCase n;
    n.client.fullName = name;
    n.client.dateOfBirth = QDate(1979, 9, 9);
    n.supervisor = QStringLiteral("sam");
    n.openedOn = QDate(2014, 2, 3);
    n.safeguarding.suicidalThoughts = core::SuicidalThoughts::None;
    auto created = cases.create(n);
    if (!created) {
        return {};
    }
    core::CaseRecord record = *created;
    record.stage = core::Stage::Closed;
    record.closedOn = closedOn;
    return cases.save(record) ? created->reference : QString();
}

}  // namespace

class RetentionUiTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void listShowsDueCasesAndRequests();
    void buttonsSayWhyNot();
    void holdAndReleaseAskForAReason();
    void approvalErasesInTheBackground();
    void erasureRegisterErasesAgainInARestoredBackup();
    void menuItemIsForSupervisors();
    void conflictHintsShowAnErasedCaseByReference();

private:
    ui::RetentionWindow* openWindow(const QString& username, const QString& vaultPath = {});
    QPushButton* button(const QString& name) const;

    std::unique_ptr<test::TestFirm> m_firm;
    RecordingPrompter m_prompter;
    std::unique_ptr<ui::VaultSession> m_session;
    std::unique_ptr<ui::RetentionWindow> m_window;
    QString m_old;  // closed 10 Jan 2019: due since 10 Jan 2026; erasure asked for by sam
    QString m_recent;  // closed 1 Mar 2025: due 1 Mar 2032
};

void RetentionUiTest::initTestCase()
{
    qputenv("TZ", "Europe/London");
    test::useTestSettings();
}

void RetentionUiTest::init()
{
    QSettings().clear();
    m_prompter.reset();
    m_firm = std::make_unique<test::TestFirm>();
    const QByteArray oneTime = QByteArrayLiteral("one-time passphrase for sue");
    QVERIFY(m_firm->admin()
                .addUser({QStringLiteral("sue"), QStringLiteral("Sue Second"), core::Role::Supervisor}, oneTime)
                .ok());
    {
        auto first = core::Vault::unlock(m_firm->path(), QStringLiteral("sue"), oneTime, m_firm->options());
        QVERIFY(first.ok());
        QVERIFY((*first)->changePassphrase(oneTime, test::TestFirm::passphraseOf(QStringLiteral("sue"))).ok());
    }
    core::CaseService cases(m_firm->solicitor());
    m_old = closeCase(cases, QStringLiteral("Oona Oldcase"), QDate(2019, 1, 10));
    m_recent = closeCase(cases, QStringLiteral("Rita Recentcase"), QDate(2025, 3, 1));
    QVERIFY(!m_old.isEmpty() && !m_recent.isEmpty());
    core::CaseService samCases(m_firm->supervisor());
    core::RetentionService sam(m_firm->supervisor(), samCases);
    QVERIFY(sam.requestErasure(m_old, kReason).ok());
}

void RetentionUiTest::cleanup()
{
    m_window.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_firm.reset();
}

ui::RetentionWindow* RetentionUiTest::openWindow(const QString& username, const QString& vaultPath)
{
    m_window.reset();
    m_session = std::make_unique<ui::VaultSession>(m_firm->options(), core::KdfProfile::fastForTestsOnly());
    const QString path = vaultPath.isEmpty() ? m_firm->path() : vaultPath;
    if (!test::unlockSession(*m_session, path, username, test::TestFirm::passphraseOf(username))) {
        return nullptr;
    }
    m_window = std::make_unique<ui::RetentionWindow>(*m_session, m_prompter);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get())) {
        return nullptr;
    }
    return m_window.get();
}

QPushButton* RetentionUiTest::button(const QString& name) const
{
    return m_window->findChild<QPushButton*>(name);
}

void RetentionUiTest::listShowsDueCasesAndRequests()
{
    ui::RetentionWindow* window = openWindow(QStringLiteral("sue"));
    QVERIFY(window);
    QAbstractItemModelTester tester(window->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    ui::RetentionModel* model = window->model();
    QCOMPARE(model->rowCount(), 1);  // 90 days: only the old case
    QCOMPARE(model->index(0, ui::RetentionModel::Reference).data().toString(), m_old);
    QCOMPARE(model->index(0, ui::RetentionModel::ReviewDate).data().toString(), QStringLiteral("10 Jan 2026"));
    QCOMPARE(model->index(0, ui::RetentionModel::ReviewDate).data(ui::RetentionModel::SortRole).toDate(),
             QDate(2026, 1, 10));
    QCOMPARE(model->index(0, ui::RetentionModel::Status).data().toString(), QStringLiteral("Due"));
    QVERIFY(model->index(0, ui::RetentionModel::Erasure).data().toString().startsWith(QStringLiteral("Asked by sam")));
    QVERIFY(model->index(0, ui::RetentionModel::ReviewDate)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("DOMAIN §8")));
    QVERIFY(model->index(0, 0).data(Qt::FontRole).value<QFont>().bold());

    auto* within = window->findChild<QSpinBox*>(QStringLiteral("withinSpinBox"));
    QVERIFY(within);
    within->setValue(3650);
    window->reload();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->index(1, ui::RetentionModel::Reference).data().toString(), m_recent);
    QVERIFY(model->index(1, ui::RetentionModel::Status).data().toString().startsWith(QStringLiteral("Due in")));
    // Cases by reference only: no client name anywhere in the window.
    QVERIFY2(!test::anyWidgetShows(QStringLiteral("Oona Oldcase")),
             qPrintable(test::whereWidgetShows(QStringLiteral("Oona Oldcase"))));
}

void RetentionUiTest::buttonsSayWhyNot()
{
    ui::RetentionWindow* window = openWindow(QStringLiteral("sue"));
    QVERIFY(window);
    QPushButton* approve = button(QStringLiteral("approveButton"));
    QVERIFY(approve);
    QVERIFY(!approve->isEnabled());
    QCOMPARE(approve->toolTip(), QStringLiteral("Choose a case in the list first."));
    window->select(m_old);
    QVERIFY(!approve->isEnabled());  // asked for a moment ago
    QVERIFY2(approve->toolTip().contains(QStringLiteral("24 hours")), qPrintable(approve->toolTip()));
    QVERIFY(!button(QStringLiteral("requestButton"))->isEnabled());
    QVERIFY(button(QStringLiteral("requestButton"))->toolTip().contains(QStringLiteral("already asked for by sam")));
    QVERIFY(button(QStringLiteral("holdButton"))->isEnabled());
    QVERIFY(!button(QStringLiteral("releaseButton"))->isEnabled());
    auto* details = window->findChild<QPlainTextEdit*>(QStringLiteral("detailsText"));
    QVERIFY(details);
    QVERIFY(details->toPlainText().contains(kReason));
    QVERIFY(details->toPlainText().contains(QStringLiteral("DOMAIN §8")));

    m_firm->clock().advanceSeconds(core::kErasureWaitSeconds);
    window->reload();
    QVERIFY2(approve->isEnabled(), qPrintable(approve->toolTip()));
    if (const QString dir = qEnvironmentVariable("CLAIMDESK_RETENTION_SHOTS"); !dir.isEmpty()) {
        QVERIFY(window->grab().save(dir + QStringLiteral("/retention-window.png")));
    }

    // The supervisor who asked sees why they cannot approve.
    ui::RetentionWindow* samWindow = openWindow(QStringLiteral("sam"));
    QVERIFY(samWindow);
    samWindow->select(m_old);
    QPushButton* samApprove = button(QStringLiteral("approveButton"));
    QVERIFY(!samApprove->isEnabled());
    QVERIFY(samApprove->toolTip().contains(QStringLiteral("another supervisor must approve it")));
}

void RetentionUiTest::holdAndReleaseAskForAReason()
{
    ui::RetentionWindow* window = openWindow(QStringLiteral("sue"));
    QVERIFY(window);
    m_firm->clock().advanceSeconds(core::kErasureWaitSeconds);
    window->reload();
    window->select(m_old);

    // Cancelled: nothing happens. A reason naming the client: refused with the reason why.
    m_prompter.textAnswers = {std::nullopt, QStringLiteral("Complaint from Oona Oldcase")};
    window->placeHold();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    window->placeHold();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
    QVERIFY(m_prompter.last(RecordingPrompter::Kind::Error)->text.contains(QStringLiteral("Do not name the client")));
    QVERIFY(!window->model()->rowAt(0)->onHold);

    m_prompter.textAnswers = {QStringLiteral("Complaint to the Legal Ombudsman pending")};
    window->placeHold();
    QVERIFY(window->model()->rowAt(0)->onHold);
    QCOMPARE(window->model()->index(0, ui::RetentionModel::LegalHold).data().toString(),
             QStringLiteral("On hold: Complaint to the Legal Ombudsman pending"));
    QPushButton* approve = button(QStringLiteral("approveButton"));
    QVERIFY(!approve->isEnabled());
    QVERIFY(approve->toolTip().contains(QStringLiteral("legal hold")));
    QVERIFY(button(QStringLiteral("releaseButton"))->isEnabled());

    m_prompter.textAnswers = {QStringLiteral("Ombudsman closed the complaint")};
    window->releaseHold();
    QVERIFY(!window->model()->rowAt(0)->onHold);
    QVERIFY(approve->isEnabled());
}

void RetentionUiTest::approvalErasesInTheBackground()
{
    ui::RetentionWindow* window = openWindow(QStringLiteral("sue"));
    QVERIFY(window);
    m_firm->clock().advanceSeconds(core::kErasureWaitSeconds);
    window->reload();
    window->select(m_old);
    QSignalSpy erased(window, &ui::RetentionWindow::caseErased);

    m_prompter.confirmAnswers = {false};
    window->approveErasure();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Confirm), 1);
    QVERIFY(m_prompter.last(RecordingPrompter::Kind::Confirm)->text.contains(QStringLiteral("tombstone")));
    QCOMPARE(erased.count(), 0);

    m_prompter.confirmAnswers = {true};
    window->approveErasure();
    QVERIFY(QTest::qWaitFor([&] { return erased.count() == 1; }, 10000));
    QCOMPARE(erased.at(0).at(0).toString(), m_old);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Inform), 1);
    QVERIFY(m_prompter.last(RecordingPrompter::Kind::Inform)->text.contains(QStringLiteral("tombstone")));
    QCOMPARE(window->model()->rowOf(m_old), -1);
    auto tombstone = m_session->retention()->erasedCase(m_old);
    QVERIFY(tombstone.ok() && tombstone->has_value());
    QCOMPARE((*tombstone)->erasedBy, QStringLiteral("sue"));
}

void RetentionUiTest::menuItemIsForSupervisors()
{
    for (const QString& username : {QStringLiteral("sol"), QStringLiteral("sam")}) {
        m_session = std::make_unique<ui::VaultSession>(m_firm->options(), core::KdfProfile::fastForTestsOnly());
        QVERIFY(test::unlockSession(*m_session, m_firm->path(), username, test::TestFirm::passphraseOf(username)));
        auto main = std::make_unique<ui::MainWindow>(*m_session, m_prompter);
        QVERIFY(QTest::qWaitFor([&] { return !main->caseWorkspace()->listPanel()->isLoading(); }, 5000));
        auto* action = main->findChild<QAction*>(QStringLiteral("retentionAction"));
        QVERIFY(action);
        const bool supervisor = username == QStringLiteral("sam");
        QCOMPARE(action->isEnabled(), supervisor);
        QVERIFY2(action->toolTip().contains(QStringLiteral("are for supervisors")) != supervisor,
                 qPrintable(action->toolTip()));
        if (supervisor) {
            action->trigger();
            auto* window = main->findChild<ui::RetentionWindow*>();
            QVERIFY(window);
            QVERIFY(window->isVisible());
            QCOMPARE(window->model()->rowCount(), 1);
        }
        main.reset();
        m_session.reset();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
}

void RetentionUiTest::conflictHintsShowAnErasedCaseByReference()
{
    core::ConflictCheck check;
    check.name = QStringLiteral("Oona Oldcase");
    core::ConflictMatch match;
    match.kind = QStringLiteral("erased-case");
    match.caseReference = QStringLiteral("CD-2014-0001");
    match.score = 1.0;
    match.reasons << QStringLiteral("erased case CD-2014-0001 — ask a supervisor");
    check.matches.push_back(match);
    const QString html = ui::ConflictHints::describeMatches(check, 5);
    QVERIFY2(html.contains(QStringLiteral("Erased case CD-2014-0001 — ask a supervisor.")), qPrintable(html));
    QVERIFY(!html.contains(QStringLiteral("party")));
}

// A backup made before an erasure brings the case back when restored. The live vault's register, exported from this
// window, is re-applied in the restored vault's window: the case is erased again there, in the background.
void RetentionUiTest::erasureRegisterErasesAgainInARestoredBackup()
{
    QTemporaryDir dir;
    const QString backup = dir.filePath(QStringLiteral("before.claimdesk"));
    QVERIFY(m_firm->admin().backupTo(backup).ok());
    m_firm->clock().advanceSeconds(core::kErasureWaitSeconds);
    {
        core::Vault& sue = m_firm->session(QStringLiteral("sue"));
        core::CaseService sueCases(sue);
        QVERIFY(core::RetentionService(sue, sueCases).approveErasure(m_old).ok());
    }

    ui::RetentionWindow* live = openWindow(QStringLiteral("sam"));
    QVERIFY(live);
    QVERIFY(button(QStringLiteral("exportRegisterButton"))->isEnabled());
    const QString registerPath = dir.filePath(QStringLiteral("register.json"));
    m_prompter.saveAnswers = {registerPath};
    live->exportRegister();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    QVERIFY(QFileInfo::exists(registerPath));
    QVERIFY(m_prompter.last(RecordingPrompter::Kind::Inform)->text.contains(QStringLiteral("Keep it with the backups")));

    const QString restoredPath = dir.filePath(QStringLiteral("restored.claimdesk"));
    QVERIFY(core::Vault::restore(backup, restoredPath, QStringLiteral("sam"),
                                 test::TestFirm::passphraseOf(QStringLiteral("sam")), m_firm->options())
                .ok());
    ui::RetentionWindow* restored = openWindow(QStringLiteral("sam"), restoredPath);
    QVERIFY(restored);
    QVERIFY(restored->model()->rowOf(m_old) >= 0);  // back with the backup
    QSignalSpy erased(restored, &ui::RetentionWindow::caseErased);
    m_prompter.openAnswers = {registerPath};
    m_prompter.confirmAnswers = {true};
    restored->reapplyRegister();
    QVERIFY(QTest::qWaitFor([&] { return erased.count() == 1; }, 10000));
    QCOMPARE(erased.at(0).at(0).toString(), m_old);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    const QString said = m_prompter.last(RecordingPrompter::Kind::Inform)->text;
    QVERIFY2(said.contains(QStringLiteral("Erased again: %1.").arg(m_old)), qPrintable(said));
    QCOMPARE(restored->model()->rowOf(m_old), -1);
    QVERIFY(m_session->retention()->erasedCase(m_old)->has_value());
    QVERIFY(m_session->retention()->status(m_recent, m_session->today()).ok());  // not in the register: still there

    // Again: nothing left to erase, and the person is told so in plain English.
    m_prompter.openAnswers = {registerPath};
    m_prompter.confirmAnswers = {true};
    const int informed = m_prompter.count(RecordingPrompter::Kind::Inform);
    restored->reapplyRegister();
    QVERIFY(QTest::qWaitFor([&] { return m_prompter.count(RecordingPrompter::Kind::Inform) == informed + 1; }, 10000));
    const QString again = m_prompter.last(RecordingPrompter::Kind::Inform)->text;
    QVERIFY2(again.contains(QStringLiteral("1 case in the register was already erased here.")), qPrintable(again));
}

QTEST_MAIN(RetentionUiTest)
#include "tst_ui_retention.moc"
