// The case list and the case file (ui/cases): the list model and its proxy, search as you type, filters,
// privacy mode, restricted placeholders, the safe-contact banner, the hidden account, edit conflicts between
// two sessions, validation that keeps what was typed, and lock safety. Cases are made directly with
// core::CaseService in a TestFirm vault; the UI signs in through VaultSession with the firm's fast options.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "TestFirm.h"

#include "ui/cases/CaseAccountTab.h"
#include "ui/cases/CaseClientTab.h"
#include "ui/cases/CaseFileWidget.h"
#include "ui/cases/CaseFilterProxy.h"
#include "ui/cases/CaseIncidentsTab.h"
#include "ui/cases/CaseListModel.h"
#include "ui/cases/CaseListPanel.h"
#include "ui/cases/CaseNotesTab.h"
#include "ui/cases/CaseOverviewTab.h"
#include "ui/cases/CasePartiesTab.h"
#include "ui/cases/CaseTasksTab.h"
#include "ui/cases/CaseText.h"
#include "ui/cases/CaseWorkspace.h"
#include "ui/cases/ConflictDialog.h"
#include "ui/cases/TaskListModel.h"
#include "ui/intake/IntakeWizard.h"
#include "ui/shell/AppController.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/UnlockDialog.h"

#include "cases/CaseService.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace claimdesk;
using test::RecordingPrompter;

namespace {

core::NewCase newCase(const QString& fullName)
{
    core::NewCase c;
    c.client.fullName = fullName;
    c.client.dateOfBirth = QDate(1984, 5, 17);
    core::Incident i;
    i.start = QDate(1994, 1, 1);
    i.startPrecision = core::DatePrecision::Year;
    i.abuseTypes = {QStringLiteral("physical")};
    c.incidents.push_back(i);
    c.consent.processingForClaim = true;
    c.consent.contact = true;
    c.safeguarding.suicidalThoughts = core::SuicidalThoughts::None;
    return c;
}

qint64 create(core::Vault& as, const core::NewCase& input)
{
    core::CaseService service(as);
    auto created = service.create(input);
    if (!created) {
        qFatal("creating a test case failed: %s", qPrintable(created.error().message));
    }
    return created->id;
}

core::CaseSummary summary(qint64 id, const QString& reference, const QString& client, const QDate& deadline = {})
{
    core::CaseSummary s;
    s.id = id;
    s.reference = reference;
    s.clientName = client;
    core::Client c;
    c.fullName = client;
    s.clientInitials = c.initials();
    s.feeEarner = QStringLiteral("sol");
    s.feeEarnerName = QStringLiteral("Sol Solicitor");
    s.nextDeadline = deadline;
    return s;
}

// How many audit entries about the case have this action (and, when given, this user), read through core.
int auditCount(core::Vault& supervisor, qint64 caseId, const QString& action, const QString& username = {})
{
    const auto entries = core::CaseService(supervisor).history(caseId);
    if (!entries) {
        return -1;
    }
    int n = 0;
    for (const core::AuditEntry& e : *entries) {
        n += e.action == action && (username.isEmpty() || e.username == username) ? 1 : 0;
    }
    return n;
}

QStringList column(const QAbstractItemModel& model, int column)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r) {
        out << model.index(r, column).data().toString();
    }
    return out;
}

}  // namespace

class CasesTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void listModelPassesTheModelTester();
    void sortsByRawValues_data();
    void sortsByRawValues();
    void datesParseTheUkWayAndSayWhatIsWrong_data();
    void datesParseTheUkWayAndSayWhatIsWrong();
    void searchAsYouTypeNarrowsTheListAccentInsensitively();
    void filtersForStageFeeEarnerMineSafeguardingAndRestricted();
    void privacyModeShowsInitialsOnly();
    void restrictedPlaceholderIsGreyAndCannotBeOpened();
    void enterOpensTheCaseWithTheSafeContactBannerAndReferenceOnlyTitle();
    void accountIsHiddenUntilShownAndTheRevealIsAudited();
    void sensitiveNoteIsHiddenUntilShown();
    void safeguardingBannerLetsASupervisorRecordTheAction();
    void fullActionRecordIsShownAndEditsInProgressSaveWithoutAConflict();
    void overviewShowsTheAnsweredSafeguardingQuestions();
    void incidentAndPartyTablesAddEditAndRemoveRows();
    void editConflictShowsBothVersionsAndKeepMineSaves();
    void useTheirsReloadsTheirVersion();
    void validationExplainsProblemsAndKeepsWhatWasTyped();
    void urgentTasksComeFirst();
    void lockClearsTheListAndClosesCaseFiles();
    void adminKeepsTheWelcomePanel();
    void casesMenuOpensAndResumesIntakesAndANewCaseOpens();
    void hundredThousandRowsFilterAndSortQuickly();

private:
    // Signs `username` in through a fresh VaultSession on the firm's vault and opens the main window.
    ui::MainWindow* signIn(const QString& username);
    ui::CaseWorkspace* workspace() const { return m_main->caseWorkspace(); }
    ui::CaseListPanel* list() const { return workspace()->listPanel(); }
    int rowOf(const QString& reference) const;
    ui::CaseFileWidget* open(qint64 caseId);

    std::unique_ptr<test::TestFirm> m_firm;
    RecordingPrompter m_prompter;
    std::unique_ptr<ui::VaultSession> m_session;
    std::unique_ptr<ui::MainWindow> m_main;
    std::unique_ptr<ui::AppController> m_controller;
};

void CasesTest::initTestCase()
{
    test::useTestSettings();
}

void CasesTest::init()
{
    QSettings().clear();
    m_prompter.reset();
    m_firm = std::make_unique<test::TestFirm>();
}

void CasesTest::cleanup()
{
    m_controller.reset();
    m_main.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_firm.reset();
}

ui::MainWindow* CasesTest::signIn(const QString& username)
{
    m_session = std::make_unique<ui::VaultSession>(m_firm->options(), core::KdfProfile::fastForTestsOnly());
    if (!test::unlockSession(*m_session, m_firm->path(), username, test::TestFirm::passphraseOf(username))) {
        return nullptr;
    }
    m_main = std::make_unique<ui::MainWindow>(*m_session, m_prompter);
    m_main->resize(1100, 700);
    m_main->show();
    if (m_main->caseWorkspace() != nullptr
        && !QTest::qWaitFor([&] { return !m_main->caseWorkspace()->listPanel()->isLoading(); }, 5000)) {
        return nullptr;
    }
    return m_main.get();
}

int CasesTest::rowOf(const QString& reference) const
{
    const ui::CaseFilterProxy* proxy = list()->proxy();
    for (int r = 0; r < proxy->rowCount(); ++r) {
        if (proxy->index(r, ui::CaseListModel::Reference).data().toString() == reference) {
            return r;
        }
    }
    return -1;
}

ui::CaseFileWidget* CasesTest::open(qint64 caseId)
{
    return workspace()->openCase(caseId);
}

void CasesTest::listModelPassesTheModelTester()
{
    ui::CaseListModel model;
    ui::CaseFilterProxy proxy(&model);
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(ui::CaseListModel::Client);

    core::CaseSummary hidden = summary(3, QStringLiteral("BBK-2026-0003"), QString());
    hidden.restrictedPlaceholder = true;
    hidden.restricted = true;
    hidden.feeEarner.clear();
    model.setCases({summary(1, QStringLiteral("BBK-2026-0001"), QStringLiteral("Zoë Müller")),
                    summary(2, QStringLiteral("BBK-2026-0002"), QStringLiteral("Sam Taylor"), QDate(2026, 12, 9)),
                    hidden});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(ui::CaseListModel::ColumnCount));
    model.updateCase(summary(4, QStringLiteral("BBK-2026-0004"), QStringLiteral("Priya Patel")));  // appended
    core::CaseSummary renamed = summary(2, QStringLiteral("BBK-2026-0002"), QStringLiteral("Samuel Taylor"));
    model.updateCase(renamed);  // replaced in place
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(model.rowOf(2), ui::CaseListModel::Client).data().toString(), QStringLiteral("Samuel Taylor"));
    proxy.setSearchHits(QSet<qint64> {1, 3});
    QCOMPARE(proxy.rowCount(), 2);
    model.setPrivacyMode(true);
    QCOMPARE(model.index(0, ui::CaseListModel::Client).data().toString(), QStringLiteral("Z.M."));
    proxy.setSearchHits(std::nullopt);
    QCOMPARE(proxy.rowCount(), 4);
    // Flags explain themselves; a placeholder shows only its reference and cannot be opened.
    const QModelIndex flags = model.index(0, ui::CaseListModel::Flags);
    QVERIFY(flags.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Limitation unverified")));
    const int placeholder = model.rowOf(3);
    QCOMPARE(model.index(placeholder, ui::CaseListModel::Client).data().toString(), QStringLiteral("Restricted case"));
    QVERIFY(!model.index(placeholder, 0).data(ui::CaseListModel::OpenableRole).toBool());
    QVERIFY(model.index(placeholder, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("BBK-2026-0003")));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(proxy.rowCount(), 0);
}

void CasesTest::sortsByRawValues_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QStringList>("expected");  // references, ascending
    QTest::addRow("references: 10000 after 9999, and years before numbers")
        << int(ui::CaseListModel::Reference)
        << QStringList {QStringLiteral("BBK-2025-9999"), QStringLiteral("BBK-2026-0099"), QStringLiteral("BBK-2026-0100"),
                        QStringLiteral("BBK-2026-10000")};
    QTest::addRow("deadlines: 9 Dec 2026 before 10 Jan 2027 (text would say otherwise), none last")
        << int(ui::CaseListModel::NextDeadline)
        << QStringList {QStringLiteral("BBK-2026-0100"), QStringLiteral("BBK-2026-10000"), QStringLiteral("BBK-2025-9999"),
                        QStringLiteral("BBK-2026-0099")};
    QTest::addRow("clients: accents folded, Émile with the Es")
        << int(ui::CaseListModel::Client)
        << QStringList {QStringLiteral("BBK-2026-0099"), QStringLiteral("BBK-2026-10000"), QStringLiteral("BBK-2026-0100"),
                        QStringLiteral("BBK-2025-9999")};
}

void CasesTest::sortsByRawValues()
{
    QFETCH(int, column);
    QFETCH(QStringList, expected);
    ui::CaseListModel model;
    model.setToday(QDate(2026, 11, 27));
    model.setCases({summary(1, QStringLiteral("BBK-2026-0100"), QStringLiteral("Nia Owens"), QDate(2026, 12, 9)),
                    summary(2, QStringLiteral("BBK-2025-9999"), QStringLiteral("Zed Young")),
                    summary(3, QStringLiteral("BBK-2026-10000"), QStringLiteral("Émile Dubois"), QDate(2027, 1, 10)),
                    summary(4, QStringLiteral("BBK-2026-0099"), QStringLiteral("Amir Khan"))});
    ui::CaseFilterProxy proxy(&model);
    proxy.sort(column, Qt::AscendingOrder);
    QCOMPARE(::column(proxy, ui::CaseListModel::Reference), expected);
    // The formatted deadline is what people read: UK date and days left.
    QCOMPARE(model.index(0, ui::CaseListModel::NextDeadline).data().toString(), QStringLiteral("9 Dec 2026 · in 12 days"));
    QCOMPARE(model.index(1, ui::CaseListModel::NextDeadline).data().toString(), QStringLiteral("—"));
}

void CasesTest::datesParseTheUkWayAndSayWhatIsWrong_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("partial");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<int>("precision");
    QTest::addColumn<QString>("problem");  // part of it
    const int day = int(core::DatePrecision::Day);
    QTest::addRow("27/11/2026 is 27 November") << QStringLiteral("27/11/2026") << false << QDate(2026, 11, 27) << day << QString();
    QTest::addRow("3/4/1990 is 3 April, not 4 March") << QStringLiteral("3/4/1990") << false << QDate(1990, 4, 3) << day << QString();
    QTest::addRow("27 Nov 2026") << QStringLiteral("27 Nov 2026") << false << QDate(2026, 11, 27) << day << QString();
    QTest::addRow("ISO 2026-11-27") << QStringLiteral("2026-11-27") << false << QDate(2026, 11, 27) << day << QString();
    QTest::addRow("31/02/2021 does not exist") << QStringLiteral("31/02/2021") << false << QDate() << day << QStringLiteral("does not exist");
    QTest::addRow("29/02/2024 exists (leap year)") << QStringLiteral("29/02/2024") << false << QDate(2024, 2, 29) << day << QString();
    QTest::addRow("two-digit year refused") << QStringLiteral("3/4/90") << false << QDate() << day << QStringLiteral("in full");
    QTest::addRow("Mar 1994 for an incident") << QStringLiteral("Mar 1994") << true << QDate(1994, 3, 1) << int(core::DatePrecision::Month) << QString();
    QTest::addRow("1994 for an incident") << QStringLiteral("1994") << true << QDate(1994, 1, 1) << int(core::DatePrecision::Year) << QString();
    QTest::addRow("about 1994 for an incident") << QStringLiteral("about 1994") << true << QDate(1994, 1, 1) << int(core::DatePrecision::Approximate) << QString();
    QTest::addRow("a year alone is not a date of birth") << QStringLiteral("1994") << false << QDate() << day << QStringLiteral("day");
    QTest::addRow("nonsense") << QStringLiteral("last summer") << true << QDate() << day << QStringLiteral("Not a date");
}

void CasesTest::datesParseTheUkWayAndSayWhatIsWrong()
{
    QFETCH(QString, typed);
    QFETCH(bool, partial);
    QFETCH(QDate, date);
    QFETCH(int, precision);
    QFETCH(QString, problem);
    const ui::DateParse parsed = ui::parseUkDate(typed, partial);
    if (date.isValid()) {
        QVERIFY2(parsed.value.has_value(), qPrintable(parsed.problem));
        QCOMPARE(parsed.value->date, date);
        QCOMPARE(int(parsed.value->precision), precision);
        QVERIFY(parsed.problem.isEmpty());
    } else {
        QVERIFY(!parsed.value.has_value());
        QVERIFY2(parsed.problem.contains(problem), qPrintable(parsed.problem));
    }
    QCOMPARE(ui::ukDate(QDate(2026, 11, 27)), QStringLiteral("27 Nov 2026"));
    QCOMPARE(ui::money(1250050), QStringLiteral("£12,500.50"));
    QCOMPARE(ui::parseMoney(QStringLiteral("£12,500.5")), std::optional<qint64>(1250050));
}

void CasesTest::searchAsYouTypeNarrowsTheListAccentInsensitively()
{
    create(m_firm->solicitor(), newCase(QStringLiteral("Zoë Müller")));
    create(m_firm->solicitor(), newCase(QStringLiteral("Sam Taylor")));
    core::NewCase former = newCase(QStringLiteral("Priya Patel"));
    former.client.formerNames = {QStringLiteral("Priya Mullins")};
    create(m_firm->solicitor(), former);
    QVERIFY(signIn(QStringLiteral("sol")));
    QCOMPARE(list()->proxy()->rowCount(), 3);
    QVERIFY2(list()->resultCountText().contains(QStringLiteral("3 cases")), qPrintable(list()->resultCountText()));

    QLineEdit* search = list()->searchEdit();
    QTest::keyClicks(search, QStringLiteral("mul"));
    QTRY_COMPARE(list()->proxy()->rowCount(), 2);  // Müller, and Patel by her former name Mullins
    QTest::keyClicks(search, QStringLiteral("ler"));
    QTRY_COMPARE(list()->proxy()->rowCount(), 1);
    QCOMPARE(list()->proxy()->index(0, ui::CaseListModel::Client).data().toString(), QStringLiteral("Zoë Müller"));
    QVERIFY2(list()->resultCountText().contains(QStringLiteral("1 of 3")), qPrintable(list()->resultCountText()));

    QTest::keyClick(search, Qt::Key_Escape);
    QVERIFY(search->text().isEmpty());
    QCOMPARE(list()->proxy()->rowCount(), 3);

    QTest::keyClicks(search, QStringLiteral("nobody"));
    QTRY_COMPARE(list()->proxy()->rowCount(), 0);
    QVERIFY(m_main->findChild<QLabel*>(QStringLiteral("caseListEmptyLabel"))->isVisible());

    // Ctrl+F comes back to the search field from a case file.
    QTest::keyClick(search, Qt::Key_Escape);
    open(list()->model()->cases().front().id);
    QVERIFY(workspace()->currentIndex() > 0);
    m_main->findChild<QAction*>(QStringLiteral("findCaseAction"))->trigger();
    QCOMPARE(workspace()->currentIndex(), 0);
}

void CasesTest::filtersForStageFeeEarnerMineSafeguardingAndRestricted()
{
    create(m_firm->solicitor(), newCase(QStringLiteral("Sam Taylor")));
    core::NewCase risky = newCase(QStringLiteral("Ruth Ames"));
    risky.safeguarding.suicidalThoughts = core::SuicidalThoughts::Active;
    create(m_firm->solicitor(), risky);
    core::NewCase restricted = newCase(QStringLiteral("Una Reed"));
    restricted.restricted = true;
    create(m_firm->solicitor(), restricted);
    const qint64 olis = create(m_firm->outsider(), newCase(QStringLiteral("Omar Oduya")));
    {
        core::CaseService oli(m_firm->outsider());
        core::CaseRecord r = oli.load(olis).value();
        r.stage = core::Stage::Negotiation;
        QVERIFY(oli.save(r).ok());
    }
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseFilterProxy* proxy = list()->proxy();
    QCOMPARE(proxy->rowCount(), 4);

    auto* stage = m_main->findChild<QComboBox*>(QStringLiteral("stageFilterComboBox"));
    stage->setCurrentIndex(stage->findData(int(core::Stage::Negotiation)));
    QCOMPARE(proxy->rowCount(), 1);
    stage->setCurrentIndex(0);

    auto* feeEarner = m_main->findChild<QComboBox*>(QStringLiteral("feeEarnerFilterComboBox"));
    QCOMPARE(feeEarner->count(), 3);  // all, Oli Other, Sol Solicitor
    feeEarner->setCurrentIndex(feeEarner->findData(QStringLiteral("oli")));
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(feeEarner->currentText(), QStringLiteral("Oli Other"));
    feeEarner->setCurrentIndex(0);

    m_main->findChild<QCheckBox*>(QStringLiteral("myCasesCheckBox"))->setChecked(true);
    QCOMPARE(proxy->rowCount(), 3);
    m_main->findChild<QCheckBox*>(QStringLiteral("safeguardingFilterCheckBox"))->setChecked(true);
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, ui::CaseListModel::Client).data().toString(), QStringLiteral("Ruth Ames"));
    QVERIFY(proxy->index(0, ui::CaseListModel::Flags).data().toString().contains(QStringLiteral("Safeguarding")));
    m_main->findChild<QCheckBox*>(QStringLiteral("safeguardingFilterCheckBox"))->setChecked(false);
    m_main->findChild<QCheckBox*>(QStringLiteral("restrictedFilterCheckBox"))->setChecked(true);
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, ui::CaseListModel::Client).data().toString(), QStringLiteral("Una Reed"));
}

void CasesTest::privacyModeShowsInitialsOnly()
{
    core::NewCase input = newCase(QStringLiteral("Zoë Müller"));
    input.client.safeContact.post = false;
    input.client.safeContact.neverWriteTo = {QStringLiteral("12 Oak Road, Leeds")};
    const qint64 id = create(m_firm->solicitor(), input);
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseFileWidget* file = open(id);
    QVERIFY(file);
    QVERIFY(file->safeContactBanner()->text().contains(QStringLiteral("12 Oak Road")));

    QAction* privacy = m_main->findChild<QAction*>(QStringLiteral("privacyModeAction"));
    QCOMPARE(privacy->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+P")));
    privacy->trigger();
    QVERIFY(workspace()->privacyMode());
    QCOMPARE(list()->model()->index(0, ui::CaseListModel::Client).data().toString(), QStringLiteral("Z.M."));
    QCOMPARE(file->findChild<QLabel*>(QStringLiteral("caseClientLabel"))->text(), QStringLiteral("Z.M."));
    QCOMPARE(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("fullNameEdit"))->echoMode(), QLineEdit::Password);
    QVERIFY(!file->safeContactBanner()->text().contains(QStringLiteral("12 Oak Road")));
    QVERIFY(m_main->findChild<QToolButton*>(QStringLiteral("privacyModeButton"))->text().contains(QStringLiteral("on")));
    // Nothing readable on screen names the client: labels, the list, the title, tooltips.
    const QList<QWidget*> masked {file->clientTab()};
    QVERIFY2(!test::anyWidgetShows(QStringLiteral("Müller"), masked),
             qPrintable(test::whereWidgetShows(QStringLiteral("Müller"), masked)));
    QVERIFY(QSettings().value(QStringLiteral("cases/privacyMode")).toBool());  // stays on for this computer

    privacy->trigger();
    QCOMPARE(list()->model()->index(0, ui::CaseListModel::Client).data().toString(), QStringLiteral("Zoë Müller"));
    QCOMPARE(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("fullNameEdit"))->echoMode(), QLineEdit::Normal);
}

void CasesTest::restrictedPlaceholderIsGreyAndCannotBeOpened()
{
    core::NewCase secret = newCase(QStringLiteral("Vera Hidden"));
    secret.restricted = true;
    const qint64 id = create(m_firm->outsider(), secret);
    create(m_firm->solicitor(), newCase(QStringLiteral("Sam Taylor")));
    QVERIFY(signIn(QStringLiteral("sol")));
    QCOMPARE(list()->proxy()->rowCount(), 2);
    const QString reference = core::CaseService(m_firm->outsider()).load(id)->reference;
    const int row = rowOf(reference);
    QVERIFY(row >= 0);
    const QModelIndex client = list()->proxy()->index(row, ui::CaseListModel::Client);
    QCOMPARE(client.data().toString(), QStringLiteral("Restricted case"));
    QVERIFY(client.data(Qt::ForegroundRole).isValid());  // greyed
    QVERIFY(!test::anyWidgetShows(QStringLiteral("Vera")));

    list()->view()->setCurrentIndex(client);
    QTest::keyClick(list()->view(), Qt::Key_Return);
    QCOMPARE(workspace()->count(), 1);  // nothing opened
    QVERIFY(m_main->statusBar()->currentMessage().contains(reference));
    QVERIFY(m_main->statusBar()->currentMessage().contains(QStringLiteral("restricted")));
}

void CasesTest::enterOpensTheCaseWithTheSafeContactBannerAndReferenceOnlyTitle()
{
    core::NewCase input = newCase(QStringLiteral("Sam Taylor"));
    input.client.safeContact.phone = true;
    input.client.safeContact.text = true;
    input.client.safeContact.codeWord = QStringLiteral("bluebird");
    input.client.safeContact.timesToAvoid = QStringLiteral("evenings");
    const qint64 id = create(m_firm->solicitor(), input);
    QVERIFY(signIn(QStringLiteral("sol")));
    const QString reference = list()->model()->cases().front().reference;

    list()->view()->setCurrentIndex(list()->proxy()->index(0, 0));
    QTest::keyClick(list()->view(), Qt::Key_Return);
    QCOMPARE(workspace()->count(), 2);
    ui::CaseFileWidget* file = workspace()->currentCaseFile();
    QVERIFY(file);
    QCOMPARE(file->caseId(), id);
    QCOMPARE(workspace()->tabText(1), reference);
    QCOMPARE(m_main->windowTitle(), reference + QStringLiteral(" — ClaimDesk"));

    const QString banner = file->safeContactBanner()->text();
    QVERIFY(file->safeContactBanner()->isVisible());
    QVERIFY2(banner.contains(QStringLiteral("do not leave voicemail")), qPrintable(banner));
    QVERIFY(banner.contains(QStringLiteral("code word set")));
    QVERIFY(!banner.contains(QStringLiteral("bluebird")));
    QVERIFY(banner.contains(QStringLiteral("avoid: evenings")));
    QVERIFY(!file->safeguardingBanner()->isVisible());
    // The banner stays whichever tab is open.
    file->tabs()->setCurrentWidget(file->notesTab());
    QVERIFY(file->safeContactBanner()->isVisible());

    // Opening it again shows the same tab; Ctrl+W closes it.
    QCOMPARE(workspace()->openCase(id), file);
    QCOMPARE(workspace()->count(), 2);
    m_main->findChild<QAction*>(QStringLiteral("closeCaseAction"))->trigger();
    QCOMPARE(workspace()->count(), 1);

    // A double-click opens it too.
    QTableView* view = list()->view();
    const QRect cell = view->visualRect(list()->proxy()->index(0, ui::CaseListModel::Client));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());  // the press a double-click follows
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QCOMPARE(workspace()->count(), 2);

    // Closing a case file with unsaved changes asks first; "no" keeps it open with the changes.
    QTest::keyClicks(workspace()->currentCaseFile()->clientTab()->findChild<QLineEdit*>(QStringLiteral("pronounsEdit")),
                     QStringLiteral("he/him"));
    m_prompter.confirmAnswers = {false};
    m_main->findChild<QAction*>(QStringLiteral("closeCaseAction"))->trigger();
    QCOMPARE(workspace()->count(), 2);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Confirm), 1);
    // Quitting asks too.
    m_prompter.confirmAnswers = {false};
    QSignalSpy quit(m_main.get(), &ui::MainWindow::quitRequested);
    m_main->findChild<QAction*>(QStringLiteral("quitAction"))->trigger();
    QCOMPARE(quit.count(), 0);
    QVERIFY(m_prompter.last(RecordingPrompter::Kind::Confirm)->text.contains(reference));
}

void CasesTest::accountIsHiddenUntilShownAndTheRevealIsAudited()
{
    core::NewCase input = newCase(QStringLiteral("Sam Taylor"));
    input.account = QStringLiteral("Marker words XYZZY of the client's account.");
    const qint64 id = create(m_firm->solicitor(), input);
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseFileWidget* file = open(id);
    file->tabs()->setCurrentWidget(file->accountTab());
    auto* editor = file->findChild<QPlainTextEdit*>(QStringLiteral("accountEdit"));
    QVERIFY(!editor->toPlainText().contains(QStringLiteral("XYZZY")));
    QVERIFY(!test::anyWidgetShows(QStringLiteral("XYZZY")));
    QVERIFY(file->findChild<QLabel*>(QStringLiteral("contentWarningLabel"))
                ->text()
                .contains(QStringLiteral("It may be distressing to read")));
    auto reveals = [&] {
        return auditCount(m_firm->supervisor(), id, QStringLiteral("case.account.reveal"), QStringLiteral("sol"));
    };
    QCOMPARE(reveals(), 0);

    file->findChild<QPushButton*>(QStringLiteral("showAccountButton"))->click();
    QCOMPARE(editor->toPlainText(), input.account);
    QVERIFY(file->accountTab()->isShown());
    QCOMPARE(reveals(), 1);

    file->findChild<QPushButton*>(QStringLiteral("hideAccountButton"))->click();
    QVERIFY(!file->accountTab()->isShown());
    QVERIFY(editor->toPlainText().isEmpty());  // not kept in the widget once hidden

    // Editing the account and saving it; the case's next save does not conflict with our own account save.
    file->findChild<QPushButton*>(QStringLiteral("showAccountButton"))->click();
    QCOMPARE(reveals(), 2);
    editor->appendPlainText(QStringLiteral("Added later."));
    QVERIFY(file->isDirty());
    QVERIFY(file->save());
    QVERIFY(core::CaseService(m_firm->solicitor()).revealAccount(id)->contains(QStringLiteral("Added later.")));
    QTest::keyClicks(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("pronounsEdit")), QStringLiteral("he/him"));
    QVERIFY(file->save());
    QVERIFY(m_main->findChildren<ui::ConflictDialog*>().isEmpty());
}

void CasesTest::sensitiveNoteIsHiddenUntilShown()
{
    const qint64 id = create(m_firm->solicitor(), newCase(QStringLiteral("Sam Taylor")));
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseFileWidget* file = open(id);
    ui::CaseNotesTab* notes = file->notesTab();
    file->tabs()->setCurrentWidget(notes);
    notes->findChild<QPlainTextEdit*>(QStringLiteral("newNoteEdit"))->setPlainText(QStringLiteral("Disclosed details XYZ"));
    notes->findChild<QCheckBox*>(QStringLiteral("sensitiveNoteCheckBox"))->setChecked(true);
    notes->findChild<QPushButton*>(QStringLiteral("addNoteButton"))->click();
    QCOMPARE(notes->noteCount(), 1);
    QVERIFY(!test::anyWidgetShows(QStringLiteral("XYZ")));
    QVERIFY(test::anyWidgetShows(QStringLiteral("Sensitive note")));
    notes->findChild<QPushButton*>(QStringLiteral("showNoteButton"))->click();
    QVERIFY(test::anyWidgetShows(QStringLiteral("Disclosed details XYZ")));
    QCOMPARE(auditCount(m_firm->supervisor(), id, QStringLiteral("case.note.reveal")), 1);
}

void CasesTest::safeguardingBannerLetsASupervisorRecordTheAction()
{
    core::NewCase risky = newCase(QStringLiteral("Ruth Ames"));
    risky.safeguarding.suicidalThoughts = core::SuicidalThoughts::Active;
    risky.supervisor = QStringLiteral("sam");
    const qint64 id = create(m_firm->solicitor(), risky);
    QVERIFY(signIn(QStringLiteral("sam")));
    ui::CaseFileWidget* file = open(id);
    QVERIFY(file->safeguardingBanner()->isVisible());
    QVERIFY(file->findChild<QLabel*>(QStringLiteral("safeguardingLabel"))->text().contains(QStringLiteral("active suicidal thoughts")));
    QVERIFY(file->historyTab() != nullptr);  // supervisors see the history

    file->findChild<QPushButton*>(QStringLiteral("recordActionButton"))->click();
    QDialog* dialog = file->findChild<QDialog*>(QStringLiteral("SafeguardingActionDialog"));
    QVERIFY(dialog && dialog->isVisible());
    auto* text = dialog->findChild<QPlainTextEdit*>(QStringLiteral("actionEdit"));
    text->setPlainText(QStringLiteral("short"));
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(dialog->isVisible());  // refused: too short; the text stays
    QCOMPARE(text->toPlainText(), QStringLiteral("short"));
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("messageLabel"))->isVisible());
    text->setPlainText(QStringLiteral("Called the client with the crisis team; GP informed; safe tonight."));
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(!file->safeguardingBanner()->isVisible());
    QVERIFY(!core::CaseService(m_firm->supervisor()).load(id)->safeguardingAlert);
    // Our own change bumped the version; saving an edit afterwards is not a conflict with ourselves.
    QTest::keyClicks(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("pronounsEdit")), QStringLiteral("she/her"));
    QVERIFY(file->save());
}

void CasesTest::fullActionRecordIsShownAndEditsInProgressSaveWithoutAConflict()
{
    core::NewCase risky = newCase(QStringLiteral("Ruth Ames"));
    risky.safeguarding.abuserHasAccessToChildren = true;
    risky.supervisor = QStringLiteral("sam");
    const qint64 id = create(m_firm->solicitor(), risky);
    QVERIFY(signIn(QStringLiteral("sam")));
    ui::CaseFileWidget* file = open(id);
    const int versionBefore = file->record().version;
    // The supervisor is part-way through an edit when they record the action.
    QTest::keyClicks(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("pronounsEdit")),
                     QStringLiteral("she/her"));
    QVERIFY(file->isDirty());

    file->findChild<QPushButton*>(QStringLiteral("recordActionButton"))->click();
    QDialog* dialog = file->findChild<QDialog*>(QStringLiteral("SafeguardingActionDialog"));
    QVERIFY(dialog && dialog->isVisible());
    auto find = [dialog](const char* name) {
        QWidget* w = dialog->findChild<QWidget*>(QString::fromLatin1(name));
        if (w == nullptr) {
            qFatal("no %s in the dialog", name);
        }
        return w;
    };
    QTest::keyClicks(find("actionEdit"), QStringLiteral("Discussed with the safeguarding lead; LADO referral made."));
    QTest::keyClicks(find("leadEdit"), QStringLiteral("Dana Lead"));
    QTest::keyClicks(find("leadOnEdit"), test::TestFirm::today().toString(QStringLiteral("dd/MM/yyyy")));
    qobject_cast<QAbstractButton*>(find("ladoReferralCheckBox"))->click();
    // A referral needs the client's consent, or the reason for going without it: refused, nothing lost.
    QVERIFY(!find("withoutConsentReasonEdit")->isEnabled());
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(dialog->isVisible());
    auto* message = dialog->findChild<QLabel*>(QStringLiteral("messageLabel"));
    QVERIFY2(message->isVisible() && message->text().contains(QStringLiteral("consent")), qPrintable(message->text()));
    qobject_cast<QAbstractButton*>(find("withoutConsentRadioButton"))->click();
    QVERIFY(find("withoutConsentReasonEdit")->isEnabled());
    QTest::keyClicks(find("withoutConsentReasonEdit"), QStringLiteral("To protect the children he coaches."));
    qobject_cast<QAbstractButton*>(find("privilegeCheckBox"))->click();
    QTest::keyClicks(find("outcomeEdit"), QStringLiteral("LADO strategy meeting booked."));
    QTest::keyClicks(find("reviewOnEdit"), test::TestFirm::today().addDays(14).toString(QStringLiteral("dd/MM/yyyy")));
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(!file->safeguardingBanner()->isVisible());

    // The edit in progress is kept; the case file carries on from the version the action returned.
    QVERIFY(file->isDirty());
    QCOMPARE(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("pronounsEdit"))->text(),
             QStringLiteral("she/her"));
    QCOMPARE(file->record().version, versionBefore + 1);
    const QString facts = file->overviewTab()->findChild<QLabel*>(QStringLiteral("caseFactsLabel"))->text();
    for (const char* part : {"Safeguarding action recorded", "Dana Lead", "LADO", "Made without the client",
                             "To protect the children he coaches.", "Privilege check: done",
                             "LADO strategy meeting booked.", "Review on"}) {
        QVERIFY2(facts.contains(QString::fromUtf8(part)), part);
    }
    QVERIFY(file->save());
    QVERIFY(file->conflictDialog() == nullptr);
    const core::CaseRecord saved = core::CaseService(m_firm->supervisor()).load(id).value();
    QCOMPARE(saved.client.pronouns, QStringLiteral("she/her"));
    QCOMPARE(saved.safeguardingActionRecord.leadConsulted, QStringLiteral("Dana Lead"));
    QVERIFY(saved.safeguardingActionRecord.referrals == std::vector<core::Referral> {core::Referral::Lado});
    QCOMPARE(saved.safeguardingActionRecord.consent, core::ReferralConsent::WithoutConsent);
    QCOMPARE(saved.safeguardingActionRecord.reviewOn, test::TestFirm::today().addDays(14));
    QCOMPARE(saved.version, versionBefore + 2);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    // The review date is a task on the case.
    const auto tasks = core::CaseService(m_firm->supervisor()).tasks(id).value();
    QVERIFY(std::any_of(tasks.begin(), tasks.end(), [](const core::Task& t) {
        return t.title.startsWith(QStringLiteral("Safeguarding review")) && t.due == test::TestFirm::today().addDays(14);
    }));
}

void CasesTest::overviewShowsTheAnsweredSafeguardingQuestions()
{
    core::NewCase c = newCase(QStringLiteral("Ruth Ames"));
    c.safeguarding.livesNearAbuser = core::AbuserProximity::Near;
    c.safeguarding.support = {core::SupportKind::Gp, core::SupportKind::CrisisTeam};
    c.safeguarding.supportLastContact = QStringLiteral("crisis team on Friday");
    c.safeguarding.abuserAlive = true;
    c.safeguarding.abuserSubjectToNotification = false;
    c.safeguarding.institutionStillOperating = true;
    const qint64 id = create(m_firm->solicitor(), c);
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseFileWidget* file = open(id);
    const QString facts = file->overviewTab()->findChild<QLabel*>(QStringLiteral("caseFactsLabel"))->text();
    for (const char* part : {"Thoughts of ending their life: none", "Lives with or near the abuser: nearby",
                             "Support in place: GP, Crisis team (last contact: crisis team on Friday)",
                             "Abuser alive: yes", "Abuser subject to notification requirements: no",
                             "Institution still operating: yes", "asked by Sol Solicitor"}) {
        QVERIFY2(facts.contains(QString::fromUtf8(part)),
                 qPrintable(QStringLiteral("%1 in %2").arg(QString::fromUtf8(part), facts)));
    }
    // Questions that were not asked are not listed: a short screen stays short.
    QVERIFY(!facts.contains(QStringLiteral("Abuser convicted")));
    QVERIFY(!file->safeguardingBanner()->isVisible());
}

void CasesTest::incidentAndPartyTablesAddEditAndRemoveRows()
{
    const qint64 id = create(m_firm->solicitor(), newCase(QStringLiteral("Sam Taylor")));
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseFileWidget* file = open(id);

    // Parties: none yet; add two, name them, remove the first.
    ui::CasePartiesTab* parties = file->partiesTab();
    file->tabs()->setCurrentWidget(parties);
    auto* partyTable = parties->table();
    auto* partyName = parties->findChild<QLineEdit*>(QStringLiteral("partyNameEdit"));
    auto* removeParty = parties->findChild<QPushButton*>(QStringLiteral("removePartyButton"));
    QCOMPARE(partyTable->rowCount(), 0);
    QVERIFY(!removeParty->isEnabled());
    QVERIFY(!partyName->isEnabled());
    parties->findChild<QPushButton*>(QStringLiteral("addPartyButton"))->click();
    QCOMPARE(partyTable->rowCount(), 1);
    QVERIFY(partyName->isEnabled());
    QVERIFY(file->save() == false);  // an unnamed party is a problem to fix
    QTest::keyClicks(partyName, QStringLiteral("Gerald Fenwick"));
    QCOMPARE(partyTable->item(0, 0)->text(), QStringLiteral("Gerald Fenwick"));  // the row follows the form
    parties->findChild<QPushButton*>(QStringLiteral("addPartyButton"))->click();
    QTest::keyClicks(partyName, QStringLiteral("St Mary's Children's Home"));
    auto* kind = parties->findChild<QComboBox*>(QStringLiteral("partyKindComboBox"));
    kind->setCurrentIndex(kind->findData(static_cast<int>(core::PartyKind::Organisation)));
    emit kind->activated(kind->currentIndex());
    auto* role = parties->findChild<QComboBox*>(QStringLiteral("partyRoleComboBox"));
    role->setCurrentIndex(role->findData(static_cast<int>(core::PartyRole::Institution)));
    emit role->activated(role->currentIndex());
    QCOMPARE(partyTable->item(1, 2)->text(), ui::partyRoleName(core::PartyRole::Institution));
    partyTable->selectRow(0);
    QCOMPARE(partyName->text(), QStringLiteral("Gerald Fenwick"));  // the form shows the selected row
    removeParty->click();
    QCOMPARE(partyTable->rowCount(), 1);
    QCOMPARE(partyName->text(), QStringLiteral("St Mary's Children's Home"));

    // Incidents: the one from intake, plus one added and dated.
    ui::CaseIncidentsTab* incidents = file->incidentsTab();
    file->tabs()->setCurrentWidget(incidents);
    QCOMPARE(incidents->table()->rowCount(), 1);
    incidents->findChild<QPushButton*>(QStringLiteral("addIncidentButton"))->click();
    QCOMPARE(incidents->table()->rowCount(), 2);
    QTest::keyClicks(incidents->findChild<QLineEdit*>(QStringLiteral("incidentStartEdit")), QStringLiteral("1996"));
    QCOMPARE(incidents->table()->item(1, 0)->text(), QStringLiteral("1996"));
    QVERIFY(file->save());

    const core::CaseRecord saved = core::CaseService(m_firm->solicitor()).load(id).value();
    QCOMPARE(saved.parties.size(), std::size_t {1});
    QCOMPARE(saved.parties[0].party.name, QStringLiteral("St Mary's Children's Home"));
    QCOMPARE(saved.parties[0].party.kind, core::PartyKind::Organisation);
    QCOMPARE(saved.parties[0].role, core::PartyRole::Institution);
    QCOMPARE(saved.incidents.size(), std::size_t {2});
    QCOMPARE(saved.incidents[1].start.year(), 1996);
    // After the save the tables show what was saved; removing the last row leaves the "nothing yet" line.
    file->tabs()->setCurrentWidget(parties);
    parties->table()->selectRow(0);
    removeParty->click();
    QCOMPARE(parties->table()->rowCount(), 0);
    QVERIFY(!removeParty->isEnabled());
    QVERIFY(test::anyWidgetShows(QStringLiteral("No parties on this case yet.")));
}

void CasesTest::editConflictShowsBothVersionsAndKeepMineSaves()
{
    const qint64 id = create(m_firm->solicitor(), newCase(QStringLiteral("Sam Taylor")));
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseFileWidget* file = open(id);
    QTest::keyClicks(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("preferredNameEdit")), QStringLiteral("Sammy"));
    QVERIFY(file->isDirty());
    QVERIFY(workspace()->tabText(1).endsWith(QStringLiteral("•")));

    // Meanwhile, at another desk, the supervisor saves the same case.
    core::CaseService sam(m_firm->supervisor());
    core::CaseRecord theirs = sam.load(id).value();
    theirs.client.pronouns = QStringLiteral("they/them");
    QVERIFY(sam.save(theirs).ok());

    QVERIFY(!workspace()->saveCurrent());
    ui::ConflictDialog* dialog = file->conflictDialog();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY2(dialog->findChild<QLabel*>(QStringLiteral("introLabel"))->text().contains(QStringLiteral("Sam Supervisor")),
             qPrintable(dialog->findChild<QLabel*>(QStringLiteral("introLabel"))->text()));
    QCOMPARE(dialog->differenceCount(), 2);  // preferred name (ours) and pronouns (theirs), side by side
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("differencesTable"));
    QStringList rows;
    for (int r = 0; r < table->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < table->columnCount(); ++c) {
            cells << table->item(r, c)->text();
        }
        rows << cells.join(QStringLiteral(" | "));
    }
    QCOMPARE(rows, (QStringList {QStringLiteral("Client: preferred name | Sammy | (empty) | you"),
                                 QStringLiteral("Client: pronouns | (empty) | they/them | Sam Supervisor")}));
    QVERIFY(!dialog->windowTitle().contains(QStringLiteral("Taylor")));
    // What we typed is still in the form while the question is open.
    QCOMPARE(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("preferredNameEdit"))->text(), QStringLiteral("Sammy"));

    dialog->keepMineButton()->click();
    QTRY_VERIFY(file->conflictDialog() == nullptr);
    const core::CaseRecord saved = sam.load(id).value();
    QCOMPARE(saved.client.preferredName, QStringLiteral("Sammy"));
    QCOMPARE(saved.client.pronouns, QStringLiteral("they/them"));  // theirs kept: we never touched it
    QCOMPARE(saved.updatedBy, QStringLiteral("sol"));
    QCOMPARE(saved.version, theirs.version + 2);
    QVERIFY(!file->isDirty());
    QCOMPARE(workspace()->tabText(1), saved.reference);
}

void CasesTest::useTheirsReloadsTheirVersion()
{
    const qint64 id = create(m_firm->solicitor(), newCase(QStringLiteral("Sam Taylor")));
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseFileWidget* file = open(id);
    QTest::keyClicks(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("preferredNameEdit")), QStringLiteral("Sammy"));
    core::CaseService sam(m_firm->supervisor());
    core::CaseRecord theirs = sam.load(id).value();
    theirs.client.pronouns = QStringLiteral("they/them");
    QVERIFY(sam.save(theirs).ok());

    QVERIFY(!file->save());
    QVERIFY(file->conflictDialog());
    file->conflictDialog()->cancelButton()->click();  // keep editing: nothing lost
    QTRY_VERIFY(file->conflictDialog() == nullptr);
    QCOMPARE(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("preferredNameEdit"))->text(), QStringLiteral("Sammy"));
    QVERIFY(file->isDirty());

    QVERIFY(!file->save());
    file->conflictDialog()->useTheirsButton()->click();
    QTRY_VERIFY(file->conflictDialog() == nullptr);
    QCOMPARE(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("pronounsEdit"))->text(), QStringLiteral("they/them"));
    QVERIFY(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("preferredNameEdit"))->text().isEmpty());
    QVERIFY(!file->isDirty());
}

void CasesTest::validationExplainsProblemsAndKeepsWhatWasTyped()
{
    const qint64 id = create(m_firm->solicitor(), newCase(QStringLiteral("Sam Taylor")));
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseFileWidget* file = open(id);
    ui::CaseClientTab* client = file->clientTab();
    file->tabs()->setCurrentWidget(client);
    auto* dob = client->findChild<QLineEdit*>(QStringLiteral("dateOfBirthEdit"));
    auto* hint = client->findChild<QLabel*>(QStringLiteral("dateOfBirthHintLabel"));
    dob->selectAll();
    QTest::keyClicks(dob, QStringLiteral("31/02/1990"));
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(QStringLiteral("does not exist")), qPrintable(hint->text()));
    dob->selectAll();
    QTest::keyClicks(dob, QStringLiteral("1/1/2090"));
    QVERIFY2(hint->text().contains(QStringLiteral("in the future")), qPrintable(hint->text()));

    // An incident that ends before it starts.
    file->tabs()->setCurrentWidget(file->incidentsTab());
    ui::CaseIncidentsTab* incidents = file->incidentsTab();
    auto* end = incidents->findChild<QLineEdit*>(QStringLiteral("incidentEndEdit"));
    QTest::keyClicks(end, QStringLiteral("1990"));
    auto* endHint = incidents->findChild<QLabel*>(QStringLiteral("incidentEndHintLabel"));
    QVERIFY(endHint->isVisible());
    QVERIFY2(endHint->text().contains(QStringLiteral("before the start")), qPrintable(endHint->text()));

    // Saving refuses, says what to fix, goes to the first tab with a problem, and keeps everything typed.
    QVERIFY(!file->save());
    auto* problems = file->findChild<QLabel*>(QStringLiteral("saveProblemsLabel"));
    QVERIFY(problems->isVisible());
    QVERIFY(problems->text().contains(QStringLiteral("Date of birth")));
    QVERIFY(problems->text().contains(QStringLiteral("Incident 1")));
    QCOMPARE(file->tabs()->currentWidget(), client);
    QCOMPARE(dob->text(), QStringLiteral("1/1/2090"));
    QCOMPARE(end->text(), QStringLiteral("1990"));
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    QCOMPARE(core::CaseService(m_firm->solicitor()).load(id)->client.dateOfBirth, QDate(1984, 5, 17));

    // Fixed: it saves, and a date typed the short way is stored and shown the UK way.
    dob->selectAll();
    QTest::keyClicks(dob, QStringLiteral("3/4/1984"));
    end->selectAll();
    QTest::keyClicks(end, QStringLiteral("1996"));
    QVERIFY(file->save());
    QVERIFY(!problems->isVisible());
    QCOMPARE(core::CaseService(m_firm->solicitor()).load(id)->client.dateOfBirth, QDate(1984, 4, 3));
    QCOMPARE(dob->text(), QStringLiteral("3 Apr 1984"));
}

void CasesTest::urgentTasksComeFirst()
{
    core::NewCase risky = newCase(QStringLiteral("Ruth Ames"));
    risky.safeguarding.suicidalThoughts = core::SuicidalThoughts::Active;
    const qint64 id = create(m_firm->solicitor(), risky);
    core::CaseService sol(m_firm->solicitor());
    core::Task later;
    later.title = QStringLiteral("Request school records");
    later.due = QDate(2026, 12, 1);
    QVERIFY(sol.addTask(id, later).ok());
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseFileWidget* file = open(id);
    ui::TaskListModel* tasks = file->tasksTab()->model();
    QAbstractItemModelTester tester(tasks, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(tasks->rowCount(), 2);
    QVERIFY(tasks->taskAt(0)->urgent);
    QVERIFY(tasks->index(0, ui::TaskListModel::Title).data().toString().startsWith(QStringLiteral("Urgent")));
    QVERIFY(tasks->index(0, ui::TaskListModel::Title).data(Qt::ForegroundRole).isValid());  // red
    QCOMPARE(tasks->index(1, ui::TaskListModel::Due).data().toString().left(10), QStringLiteral("1 Dec 2026"));
    // A safeguarding task closes only through the supervisor's action: ticking it says why and changes nothing.
    tasks->setData(tasks->index(0, ui::TaskListModel::Done), Qt::Checked, Qt::CheckStateRole);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
    QVERIFY(!tasks->taskAt(0)->done);
    tasks->setData(tasks->index(1, ui::TaskListModel::Done), Qt::Checked, Qt::CheckStateRole);
    QVERIFY(tasks->taskAt(1)->done);
}

void CasesTest::lockClearsTheListAndClosesCaseFiles()
{
    core::NewCase input = newCase(QStringLiteral("Zoë Müller"));
    input.account = QStringLiteral("An account that must not survive a lock.");
    const qint64 id = create(m_firm->solicitor(), input);
    m_session = std::make_unique<ui::VaultSession>(m_firm->options(), core::KdfProfile::fastForTestsOnly());
    m_controller = std::make_unique<ui::AppController>(*m_session, m_prompter);
    m_controller->start();
    m_controller->openVault(m_firm->path());
    ui::UnlockDialog* unlock = m_controller->unlockDialog();
    unlock->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(QStringLiteral("sol"));
    unlock->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))
        ->setText(QString::fromUtf8(test::TestFirm::passphraseOf(QStringLiteral("sol"))));
    unlock->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(m_controller->mainWindow() != nullptr);
    QPointer<ui::MainWindow> main = m_controller->mainWindow();
    QPointer<ui::CaseWorkspace> space = main->caseWorkspace();
    QVERIFY(space);
    QTRY_VERIFY(!space->listPanel()->isLoading());
    QPointer<ui::CaseListModel> model = space->listPanel()->model();
    QCOMPARE(model->rowCount(), 1);
    QPointer<ui::CaseFileWidget> file = space->openCase(id);
    QVERIFY(file);
    file->findChild<QPushButton*>(QStringLiteral("showAccountButton"))->click();
    QPointer<QPlainTextEdit> account = file->findChild<QPlainTextEdit*>(QStringLiteral("accountEdit"));
    QVERIFY(account->toPlainText().contains(QStringLiteral("must not survive")));
    QTest::keyClicks(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("pronounsEdit")), QStringLiteral("she/her"));
    QVERIFY(file->save());
    QTest::keyClicks(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("preferredNameEdit")),
                     QStringLiteral("Zo typed but not saved"));
    QVERIFY(test::anyWidgetShows(QStringLiteral("Müller")));

    m_controller->lock(ui::LockReason::UserRequest);
    QVERIFY(!model || model->rowCount() == 0);  // cleared at once
    QVERIFY(!file || !file->isVisible());
    QVERIFY(!account || account->toPlainText().isEmpty());  // wiped at once, before the widgets go
    QVERIFY2(!test::anyWidgetShows(QStringLiteral("Müller")), qPrintable(test::whereWidgetShows(QStringLiteral("Müller"))));
    QVERIFY2(!test::anyWidgetShows(QStringLiteral("Zo typed")), qPrintable(test::whereWidgetShows(QStringLiteral("Zo typed"))));
    QVERIFY(m_prompter.count(RecordingPrompter::Kind::Confirm) == 0);  // a lock asks nothing
    QTRY_VERIFY(!main && !space && !model && !file);  // and then destroyed
    QVERIFY(m_controller->unlockDialog() != nullptr);
}

void CasesTest::adminKeepsTheWelcomePanel()
{
    QVERIFY(signIn(QStringLiteral("ada")));
    QVERIFY(m_main->caseWorkspace() == nullptr);
    QVERIFY(m_main->welcomePanel() != nullptr);
    QVERIFY(m_main->findChild<QAction*>(QStringLiteral("newIntakeAction")) == nullptr);
}

void CasesTest::casesMenuOpensAndResumesIntakesAndANewCaseOpens()
{
    QVERIFY(signIn(QStringLiteral("sol")));
    QAction* newIntake = m_main->findChild<QAction*>(QStringLiteral("newIntakeAction"));
    QCOMPARE(newIntake->shortcut(), QKeySequence(QStringLiteral("Ctrl+N")));
    QVERIFY(newIntake->isEnabled());
    newIntake->trigger();
    QPointer<ui::IntakeWizard> wizard = m_main->findChild<ui::IntakeWizard*>();
    QVERIFY(wizard && wizard->isVisible());
    QVERIFY(wizard->saveDraftNow(true));
    const qint64 draftId = wizard->draftId();
    wizard->reject();
    QTRY_VERIFY(!wizard);

    m_prompter.choiceAnswers = {0};
    m_main->findChild<QAction*>(QStringLiteral("resumeDraftAction"))->trigger();
    QCOMPARE(m_prompter.lastChoiceItems.size(), 1);
    QVERIFY2(m_prompter.lastChoiceItems.first().startsWith(QStringLiteral("Intake draft last saved")),
             qPrintable(m_prompter.lastChoiceItems.first()));
    wizard = m_main->findChild<ui::IntakeWizard*>();
    QVERIFY(wizard && wizard->isVisible());
    QCOMPARE(wizard->draftId(), draftId);

    // When the wizard creates a case, it joins the list and opens in its own tab.
    const qint64 id = create(m_firm->solicitor(), newCase(QStringLiteral("Nia Owens")));
    emit wizard->caseCreated(id);
    QVERIFY(workspace()->caseFile(id) != nullptr);
    QCOMPARE(workspace()->currentCaseFile()->caseId(), id);
    QCOMPARE(list()->model()->rowCount(), 1);
    QCOMPARE(list()->proxy()->index(0, ui::CaseListModel::Client).data().toString(), QStringLiteral("Nia Owens"));
    QCOMPARE(list()->proxy()->index(0, ui::CaseListModel::FeeEarner).data().toString(), QStringLiteral("Sol Solicitor"));
    wizard->reject();
}

void CasesTest::hundredThousandRowsFilterAndSortQuickly()
{
    // The list model and proxy alone (core's list() is measured by claimdesk-bench): 100,000 rows in, a
    // search narrowing them, a sort, and the search cleared; the limits are generous (shared CI machines).
    std::vector<core::CaseSummary> rows;
    rows.reserve(100000);
    for (int i = 0; i < 100000; ++i) {
        rows.push_back(summary(i + 1, QStringLiteral("DEMO-%1-%2").arg(2015 + i % 11).arg(i, 4, 10, QLatin1Char('0')),
                               QStringLiteral("Client %1 Name%2").arg(i % 977).arg(i)));
    }
    ui::CaseListModel model;
    ui::CaseFilterProxy proxy(&model);
    proxy.sort(ui::CaseListModel::Reference, Qt::DescendingOrder);
    // Each step ends with rowCount(): the proxy rebuilds its mapping lazily, on the first question.
    QElapsedTimer timer;
    timer.start();
    ui::CaseListModel::Prepared prepared = ui::CaseListModel::prepare(std::move(rows));  // off the UI thread in the app
    const qint64 prepareMs = timer.restart();
    model.setPrepared(std::move(prepared));
    QCOMPARE(proxy.rowCount(), 100000);
    const qint64 loadMs = timer.restart();
    QSet<qint64> hits;
    for (qint64 id = 1; id <= 100000; id += 7) {
        hits.insert(id);
    }
    proxy.setSearchHits(hits);
    QCOMPARE(proxy.rowCount(), 14286);
    const qint64 filterMs = timer.restart();
    proxy.sort(ui::CaseListModel::Client, Qt::AscendingOrder);
    (void)proxy.index(0, 0).data();
    const qint64 sortMs = timer.restart();
    proxy.setSearchHits(std::nullopt);
    QCOMPARE(proxy.rowCount(), 100000);
    const qint64 unfilterMs = timer.elapsed();
    qInfo("100,000 rows: sort keys %lld ms (worker thread); on the UI thread: show sorted %lld ms, search filter %lld ms, "
          "re-sort by client %lld ms, clear search %lld ms",
          prepareMs, loadMs, filterMs, sortMs, unfilterMs);
    QCOMPARE(proxy.rowCount(), 100000);
    QVERIFY(loadMs < 5000 && filterMs < 2000 && sortMs < 5000 && unfilterMs < 5000);
}

QTEST_MAIN(CasesTest)
#include "tst_ui_cases.moc"
