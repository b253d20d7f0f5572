// Break-glass in the app (issue 7, ethical walls): opening a restricted placeholder in the case list asks for the
// reason (through the Prompter, so nothing blocks), then opens the case with a red banner; cancelling or a short
// reason opens nothing; the case's supervisor sees the notice in the status bar. Cases are made with
// core::CaseService in a TestFirm vault; the UI signs in through VaultSession on the firm's fast options.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "TestFirm.h"

#include "ui/cases/CaseFileWidget.h"
#include "ui/cases/CaseFilterProxy.h"
#include "ui/cases/CaseListModel.h"
#include "ui/cases/CaseListPanel.h"
#include "ui/cases/CaseWorkspace.h"
#include "ui/shell/MainWindow.h"

#include "cases/CaseService.h"
#include "store/AuditLog.h"

#include <QFrame>
#include <QLabel>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace claimdesk;
using test::RecordingPrompter;

namespace {

const QString kClient = QStringLiteral("Vera Quillfeather");
const QString kReason = QStringLiteral("Client in crisis on the phone; Sol is on leave");

int auditCount(core::Vault& any, const QString& reference, const QString& action)
{
    auto all = core::AuditLog::listFor(any.connection(), QStringLiteral("case"), reference);
    if (!all) {
        return -1;
    }
    return static_cast<int>(
        std::count_if(all->begin(), all->end(), [&](const core::AuditEntry& e) { return e.action == action; }));
}

}  // namespace

class BreakGlassTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void placeholderOffersBreakGlassAndOpensTheCaseWithARedBanner();
    void cancellingOpensNothingAndRecordsNothing();
    void aShortReasonIsRefusedWithTheCoreMessage();
    void reopeningDuringTheGrantShowsTheBannerWithoutAsking();
    void theSupervisorSeesTheNoticeInTheStatusBar();

private:
    ui::MainWindow* signIn(const QString& username);
    ui::CaseWorkspace* workspace() const { return m_main->caseWorkspace(); }
    ui::CaseListPanel* list() const { return workspace()->listPanel(); }
    int rowOf(const QString& reference) const;
    void activateRow(const QString& reference);

    std::unique_ptr<test::TestFirm> m_firm;
    RecordingPrompter m_prompter;
    std::unique_ptr<ui::VaultSession> m_session;
    std::unique_ptr<ui::MainWindow> m_main;
    core::CaseRecord m_walled;  // Sol's, supervised by Sam, restricted; Oli may not open it
};

void BreakGlassTest::initTestCase()
{
    test::useTestSettings();
}

void BreakGlassTest::init()
{
    QSettings().clear();
    m_prompter.reset();
    m_firm = std::make_unique<test::TestFirm>();
    core::NewCase n;
    n.client.fullName = kClient;
    n.client.dateOfBirth = QDate(1984, 5, 17);
    n.supervisor = QStringLiteral("sam");
    n.restricted = true;
    n.safeguarding.suicidalThoughts = core::SuicidalThoughts::None;
    auto created = core::CaseService(m_firm->solicitor()).create(n);
    QVERIFY(created.ok());
    m_walled = *created;
}

void BreakGlassTest::cleanup()
{
    m_main.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_firm.reset();
}

ui::MainWindow* BreakGlassTest::signIn(const QString& username)
{
    m_session = std::make_unique<ui::VaultSession>(m_firm->options(), core::KdfProfile::fastForTestsOnly());
    if (!test::unlockSession(*m_session, m_firm->path(), username, test::TestFirm::passphraseOf(username))) {
        return nullptr;
    }
    m_main = std::make_unique<ui::MainWindow>(*m_session, m_prompter);
    m_main->resize(1100, 700);
    m_main->show();
    if (!QTest::qWaitFor([&] { return !m_main->caseWorkspace()->listPanel()->isLoading(); }, 5000)) {
        return nullptr;
    }
    return m_main.get();
}

int BreakGlassTest::rowOf(const QString& reference) const
{
    const ui::CaseFilterProxy* proxy = list()->proxy();
    for (int r = 0; r < proxy->rowCount(); ++r) {
        if (proxy->index(r, ui::CaseListModel::Reference).data().toString() == reference) {
            return r;
        }
    }
    return -1;
}

void BreakGlassTest::activateRow(const QString& reference)
{
    const int row = rowOf(reference);
    QVERIFY(row >= 0);
    list()->view()->setCurrentIndex(list()->proxy()->index(row, ui::CaseListModel::Client));
    QTest::keyClick(list()->view(), Qt::Key_Return);
}

void BreakGlassTest::placeholderOffersBreakGlassAndOpensTheCaseWithARedBanner()
{
    QVERIFY(signIn(QStringLiteral("oli")));
    const int row = rowOf(m_walled.reference);
    QVERIFY(row >= 0);
    QCOMPARE(list()->proxy()->index(row, ui::CaseListModel::Client).data().toString(),
             QStringLiteral("Restricted case"));
    QVERIFY(!test::anyWidgetShows(QStringLiteral("Quillfeather")));

    m_prompter.textAnswers = {kReason};
    activateRow(m_walled.reference);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::AskText), 1);
    const RecordingPrompter::Call* asked = m_prompter.last(RecordingPrompter::Kind::AskText);
    QVERIFY(asked->title.contains(m_walled.reference));
    QVERIFY2(asked->text.startsWith(QStringLiteral("This case is restricted. Open it in an emergency (break-glass)…")),
             qPrintable(asked->text));
    QVERIFY(asked->text.contains(QStringLiteral("at least 10 characters")));
    QVERIFY(asked->text.contains(QStringLiteral("8 hours")));
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);

    // The case opens, with the red banner saying why and that the supervisor knows.
    QCOMPARE(workspace()->count(), 2);
    ui::CaseFileWidget* file = workspace()->currentCaseFile();
    QVERIFY(file);
    QCOMPARE(file->caseId(), m_walled.id);
    QCOMPARE(workspace()->tabText(1), m_walled.reference);
    QVERIFY(file->breakGlassBanner()->isVisible());
    const QString banner = file->breakGlassLabel()->text();
    QVERIFY2(banner.contains(QStringLiteral("Opened by break-glass:")), qPrintable(banner));
    QVERIFY(banner.contains(kReason.toHtmlEscaped()));
    QVERIFY(banner.contains(QStringLiteral("(your supervisor has been told)")));
    QVERIFY(banner.contains(QStringLiteral("20:00")) || banner.contains(QStringLiteral("ends at")));
    // The list row is a case like any other now.
    QCOMPARE(list()->proxy()->index(rowOf(m_walled.reference), ui::CaseListModel::Client).data().toString(), kClient);
    QVERIFY(m_main->statusBar()->currentMessage().contains(QStringLiteral("supervisor has been told")));

    // Core recorded it and told Sam.
    QCOMPARE(auditCount(m_firm->admin(), m_walled.reference, QStringLiteral("case.break-glass")), 1);
    auto notices = core::CaseService(m_firm->supervisor()).breakGlassNotices();
    QVERIFY(notices.ok());
    QCOMPARE(notices->size(), std::size_t {1});
    QCOMPARE(notices->front().reference, m_walled.reference);

    // A lock wipes the banner with the rest of the file.
    file->wipe();
    QVERIFY(file->breakGlassLabel()->text().isEmpty());
    QVERIFY(!file->breakGlassBanner()->isVisibleTo(file));
}

void BreakGlassTest::cancellingOpensNothingAndRecordsNothing()
{
    QVERIFY(signIn(QStringLiteral("oli")));
    activateRow(m_walled.reference);  // no answer queued: the question is cancelled
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::AskText), 1);
    QCOMPARE(workspace()->count(), 1);
    QVERIFY(m_main->statusBar()->currentMessage().contains(m_walled.reference));
    QVERIFY(m_main->statusBar()->currentMessage().contains(QStringLiteral("restricted")));
    QCOMPARE(auditCount(m_firm->admin(), m_walled.reference, QStringLiteral("case.break-glass")), 0);
    QCOMPARE(auditCount(m_firm->admin(), m_walled.reference, QStringLiteral("case.break-glass.refused")), 0);
    QVERIFY(!test::anyWidgetShows(QStringLiteral("Quillfeather")));
}

void BreakGlassTest::aShortReasonIsRefusedWithTheCoreMessage()
{
    QVERIFY(signIn(QStringLiteral("oli")));
    m_prompter.textAnswers = {QStringLiteral("urgent")};
    activateRow(m_walled.reference);
    QCOMPARE(workspace()->count(), 1);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
    const RecordingPrompter::Call* error = m_prompter.last(RecordingPrompter::Kind::Error);
    QVERIFY2(error->text.contains(QStringLiteral("at least 10 characters")), qPrintable(error->text));
    QCOMPARE(auditCount(m_firm->admin(), m_walled.reference, QStringLiteral("case.break-glass.refused")), 1);
    QCOMPARE(list()->proxy()->index(rowOf(m_walled.reference), ui::CaseListModel::Client).data().toString(),
             QStringLiteral("Restricted case"));
    QVERIFY(!test::anyWidgetShows(QStringLiteral("Quillfeather")));
}

void BreakGlassTest::reopeningDuringTheGrantShowsTheBannerWithoutAsking()
{
    QVERIFY(core::CaseService(m_firm->outsider()).breakGlass(m_walled.id, kReason).ok());
    QVERIFY(signIn(QStringLiteral("oli")));
    // The list loaded during the grant names the client, and opening it asks nothing.
    QCOMPARE(list()->proxy()->index(rowOf(m_walled.reference), ui::CaseListModel::Client).data().toString(), kClient);
    activateRow(m_walled.reference);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::AskText), 0);
    ui::CaseFileWidget* file = workspace()->currentCaseFile();
    QVERIFY(file);
    QVERIFY(file->breakGlassBanner()->isVisible());
    QVERIFY(file->breakGlassLabel()->text().contains(kReason.toHtmlEscaped()));
    QCOMPARE(auditCount(m_firm->admin(), m_walled.reference, QStringLiteral("case.break-glass")), 1);

    // Its fee earner opens it without any banner.
    m_main.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseFileWidget* theirs = workspace()->openCase(m_walled.id);
    QVERIFY(theirs);
    QVERIFY(!theirs->breakGlassBanner()->isVisible());
}

void BreakGlassTest::theSupervisorSeesTheNoticeInTheStatusBar()
{
    QVERIFY(core::CaseService(m_firm->outsider()).breakGlass(m_walled.id, kReason).ok());
    QVERIFY(signIn(QStringLiteral("sam")));
    auto* button = m_main->findChild<QToolButton*>(QStringLiteral("breakGlassStatusButton"));
    QVERIFY(button);
    QVERIFY(QTest::qWaitFor([&] { return button->isVisible(); }, 5000));
    QVERIFY2(button->text().contains(QStringLiteral("1 break-glass notice to review")), qPrintable(button->text()));
    QVERIFY(button->toolTip().contains(m_walled.reference));
    QVERIFY(!button->toolTip().contains(QStringLiteral("Quillfeather")));  // references only, never the client
    button->click();
    ui::CaseFileWidget* file = workspace()->currentCaseFile();
    QVERIFY(file);
    QCOMPARE(file->caseId(), m_walled.id);
    QVERIFY(!file->breakGlassBanner()->isVisible());  // Sam is its supervisor: no grant of his own
}

QTEST_MAIN(BreakGlassTest)
#include "tst_ui_break_glass.moc"
