// The deadline screens (ui/deadlines): the case file's Deadlines tab (limitation panel, events, deadlines), the
// deadline diary with its reminders and calendar export, and the limitation queue. Cases are made directly with
// core::CaseService in a TestFirm vault (today is 27 Nov 2026); the UI signs in through VaultSession and its
// "today" is fixed to the firm's, so nothing depends on the day the tests run. Dialogs never block: they are
// opened with open() and filled in here, and everything else goes through the RecordingPrompter.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "TestFirm.h"

#include "ui/cases/CaseFileWidget.h"
#include "ui/cases/CaseText.h"
#include "ui/cases/CaseWorkspace.h"
#include "ui/cases/CaseListPanel.h"
#include "ui/deadlines/CaseDeadlinesTab.h"
#include "ui/deadlines/CourtClosuresWindow.h"
#include "ui/deadlines/DeadlineDialogs.h"
#include "ui/deadlines/DeadlineListModel.h"
#include "ui/deadlines/DiaryModel.h"
#include "ui/deadlines/DiaryWindow.h"
#include "ui/deadlines/EventListModel.h"
#include "ui/deadlines/LimitationPanel.h"
#include "ui/deadlines/LimitationQueueWindow.h"
#include "ui/common/Translations.h"
#include "ui/shell/MainWindow.h"

#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace claimdesk;
using test::RecordingPrompter;
namespace dl = core::deadlines;

namespace {

const QString kClient = QStringLiteral("Ruth Ames");

// A child at the time (born 2 Jan 2006, abused in 2015): LA 1980 s.28, limitation about three years after the
// 18th birthday, so inside the reminder ladder on 27 Nov 2026.
core::NewCase childCase()
{
    core::NewCase c;
    c.client.fullName = kClient;
    c.client.dateOfBirth = QDate(2006, 1, 2);
    core::Incident i;
    i.start = QDate(2015, 3, 1);
    i.startPrecision = core::DatePrecision::Month;
    i.abuseTypes = {QStringLiteral("physical")};
    c.incidents.push_back(i);
    c.consent.processingForClaim = true;
    c.consent.contact = true;
    c.safeguarding.suicidalThoughts = core::SuicidalThoughts::None;
    c.supervisor = QStringLiteral("sam");
    return c;
}

QStringList cells(const QAbstractItemModel& model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r) {
        for (int c = 0; c < model.columnCount(); ++c) {
            out << model.index(r, c).data().toString() << model.index(r, c).data(Qt::ToolTipRole).toString();
        }
    }
    return out;
}

int rowWhere(const QAbstractItemModel& model, int column, const QString& text)
{
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.index(r, column).data().toString().contains(text, Qt::CaseInsensitive)) {
            return r;
        }
    }
    return -1;
}

QStringList labelTexts(const QWidget* root)
{
    QStringList out;
    for (const QLabel* label : root->findChildren<QLabel*>()) {
        out << label->text() << label->toolTip();
    }
    return out;
}

}  // namespace

class DeadlinesUiTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void limitationPanelShowsTheSafeDateRegimeFlagsAndExplanation();
    void recordingAnEventAddsADeadlineAndSaysWhatChanged();
    void anEventInTheFutureIsRefusedInTheDialogWhichKeepsWhatWasTyped();
    void limitationRowsCannotBeMarkedDoneButCourtOrdersCan();
    void diaryShowsTheReferenceNeverTheClientAndReminderAcknowledgmentClearsThePrompt();
    void calendarExportHoldsReferencesOnly();
    void supervisorVerifiesAndTheQueueEmpties();
    void subjectAccessRequestTheOtherSideAnswersIsDiarisedForThem();
    void supervisorChangesTheReminderLadderAndTheDiaryFollows();
    void courtClosureDaysAreAddedAndRemovedBySupervisorsOnly();
    void modelsPassTheModelTester();
    void pluralsReadAsEnglish();
    void statusBarShowsRemindersUntilAcknowledged();

private:
    ui::MainWindow* signIn(const QString& username);
    ui::CaseDeadlinesTab* openDeadlines(qint64 caseId);
    ui::DiaryWindow* openDiary();
    qint64 createCase();
    void storeDeadlines(qint64 caseId);  // as the case file does after a save

    std::unique_ptr<test::TestFirm> m_firm;
    RecordingPrompter m_prompter;
    std::unique_ptr<ui::VaultSession> m_session;
    std::unique_ptr<ui::MainWindow> m_main;
    QString m_reference;
};

void DeadlinesUiTest::initTestCase()
{
    test::useTestSettings();
    ui::installTranslations(*QCoreApplication::instance());  // as app/gui/main.cpp: English plural forms
}

void DeadlinesUiTest::init()
{
    QSettings().clear();
    m_prompter.reset();
    m_firm = std::make_unique<test::TestFirm>();
}

void DeadlinesUiTest::cleanup()
{
    m_main.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_firm.reset();
}

qint64 DeadlinesUiTest::createCase()
{
    core::CaseService service(m_firm->solicitor());
    auto created = service.create(childCase());
    if (!created) {
        qFatal("creating a test case failed: %s", qPrintable(created.error().message));
    }
    m_reference = created->reference;
    return created->id;
}

void DeadlinesUiTest::storeDeadlines(qint64 caseId)
{
    core::CaseService cases(m_firm->solicitor());
    dl::DeadlineService deadlines(m_firm->solicitor(), cases);
    QVERIFY(deadlines.recompute(caseId, test::TestFirm::today()).ok());
}

ui::MainWindow* DeadlinesUiTest::signIn(const QString& username)
{
    m_session = std::make_unique<ui::VaultSession>(m_firm->options(), core::KdfProfile::fastForTestsOnly());
    if (!test::unlockSession(*m_session, m_firm->path(), username, test::TestFirm::passphraseOf(username))) {
        return nullptr;
    }
    m_main = std::make_unique<ui::MainWindow>(*m_session, m_prompter);
    m_main->resize(1200, 800);
    m_main->show();
    if (!QTest::qWaitFor([&] { return !m_main->caseWorkspace()->listPanel()->isLoading(); }, 5000)) {
        return nullptr;
    }
    return m_main.get();
}

ui::CaseDeadlinesTab* DeadlinesUiTest::openDeadlines(qint64 caseId)
{
    ui::CaseFileWidget* file = m_main->caseWorkspace()->openCase(caseId);
    if (file == nullptr) {
        return nullptr;
    }
    auto* tab = file->findChild<ui::CaseDeadlinesTab*>();
    if (tab == nullptr) {
        return nullptr;
    }
    tab->setToday(test::TestFirm::today());
    file->tabs()->setCurrentWidget(tab);  // shown: loads
    return tab;
}

ui::DiaryWindow* DeadlinesUiTest::openDiary()
{
    m_main->findChild<QAction*>(QStringLiteral("deadlineDiaryAction"))->trigger();
    auto* diary = m_main->findChild<ui::DiaryWindow*>();
    if (diary != nullptr) {
        diary->setToday(test::TestFirm::today());
        diary->setRange(ui::DiaryWindow::Range::Next6Months);
    }
    return diary;
}

void DeadlinesUiTest::limitationPanelShowsTheSafeDateRegimeFlagsAndExplanation()
{
    const qint64 id = createCase();
    // What the engine says, through core, for the same case and day.
    core::CaseService cases(m_firm->solicitor());
    auto evaluated = dl::DeadlineService(m_firm->solicitor(), cases).evaluate(id, test::TestFirm::today());
    QVERIFY(evaluated.ok());
    QVERIFY(evaluated->primary && evaluated->primary->safeDate);
    const QDate safe = *evaluated->primary->safeDate;
    QCOMPARE(ui::ukDate(safe), QStringLiteral("31 Dec 2026"));  // 2 Jan 2027 is a Saturday: the Thursday before

    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseDeadlinesTab* tab = openDeadlines(id);
    QVERIFY(tab);
    ui::LimitationPanel* panel = tab->limitationPanel();
    const QString primary = panel->findChild<QLabel*>(QStringLiteral("primaryDateLabel"))->text();
    QVERIFY2(primary.contains(QStringLiteral("<b>31 Dec 2026</b>")), qPrintable(primary));
    QVERIFY2(primary.contains(QStringLiteral("in 34 days")), qPrintable(primary));
    const QString status = panel->findChild<QLabel*>(QStringLiteral("limitationStatusLabel"))->text();
    QVERIFY2(status.contains(QStringLiteral("Unverified")), qPrintable(status));
    // Verify is for supervisors; Override for anyone on the case.
    QVERIFY(!panel->findChild<QPushButton*>(QStringLiteral("verifyLimitationButton"))->isEnabled());
    QVERIFY(panel->findChild<QPushButton*>(QStringLiteral("overrideLimitationButton"))->isEnabled());

    QCOMPARE(panel->findChild<QLabel*>(QStringLiteral("regimeLabel"))->text(),
             QStringLiteral("Child at the time — LA 1980 s.28"));
    const QString safeText = panel->findChild<QLabel*>(QStringLiteral("safeDateLabel"))->text();
    QVERIFY2(safeText.contains(QStringLiteral("Safe date <b>31 Dec 2026</b>")), qPrintable(safeText));
    const QString others = panel->findChild<QLabel*>(QStringLiteral("otherDatesLabel"))->text();
    QVERIFY2(others.contains(QStringLiteral("Strict date")), qPrintable(others));
    // The month-only incident date is a flag, shown as a badge that explains itself.
    bool imprecise = false;
    for (const QLabel* chip : panel->findChildren<QLabel*>(QStringLiteral("flagBadge"))) {
        if (chip->property("flag").toString() == u"DATE_IMPRECISE") {
            imprecise = true;
            QCOMPARE(chip->text(), QStringLiteral("Date imprecise"));
            QVERIFY(!chip->toolTip().isEmpty());
        }
    }
    QVERIFY(imprecise);
    // The explanation on demand: numbered steps.
    auto* steps = panel->findChild<QLabel*>(QStringLiteral("explanationLabel"));
    QVERIFY(!steps->isVisible());
    auto* toggle = panel->findChild<QToolButton*>(QStringLiteral("showExplanationButton"));
    toggle->click();
    QVERIFY(steps->isVisible());
    QVERIFY(steps->text().contains(QStringLiteral("<ol")));
    QCOMPARE(steps->text().count(QStringLiteral("<li>")), static_cast<qsizetype>(evaluated->primary->explanation.size()));
}

void DeadlinesUiTest::recordingAnEventAddsADeadlineAndSaysWhatChanged()
{
    const qint64 id = createCase();
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseDeadlinesTab* tab = openDeadlines(id);
    QVERIFY(tab);
    ui::DeadlineListModel* deadlines = tab->deadlinesModel();
    QCOMPARE(tab->eventsModel()->rowCount(), 0);
    const int before = deadlines->rowCount();

    tab->findChild<QPushButton*>(QStringLiteral("recordEventButton"))->click();
    auto* dialog = tab->findChild<ui::RecordEventDialog*>();
    QVERIFY(dialog && dialog->isVisible());
    dialog->setEventType(dl::EventType::LetterOfClaimPosted);
    // Fields follow the type: a date, no time or method.
    QVERIFY(dialog->findChild<QLineEdit*>(QStringLiteral("eventDateEdit"))->isVisible());
    QVERIFY(!dialog->findChild<QWidget*>(QStringLiteral("eventTimeEdit"))->isVisible());
    dialog->setEventType(dl::EventType::ClaimFormServed);
    QVERIFY(dialog->findChild<QWidget*>(QStringLiteral("eventTimeEdit"))->isVisible());
    QVERIFY(dialog->findChild<QWidget*>(QStringLiteral("serviceMethodCombo"))->isVisible());
    dialog->setEventType(dl::EventType::LetterOfClaimPosted);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("eventDateEdit")), QStringLiteral("2/11/2026"));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("eventNoteEdit")), QStringLiteral("by DX"));
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(tab->findChild<ui::RecordEventDialog*>() == nullptr);  // accepted and deleted

    QCOMPARE(tab->eventsModel()->rowCount(), 1);
    QCOMPARE(tab->eventsModel()->index(0, ui::EventListModel::When).data().toString(), QStringLiteral("2 Nov 2026"));
    QCOMPARE(tab->eventsModel()->index(0, ui::EventListModel::Type).data().toString(),
             QStringLiteral("Letter of claim posted"));
    QVERIFY(tab->eventsModel()->index(0, ui::EventListModel::RecordedBy).data().toString().startsWith(
        QStringLiteral("Sol Solicitor")));
    QVERIFY(deadlines->rowCount() > before);
    const int response = rowWhere(*deadlines, ui::DeadlineListModel::Rule, QStringLiteral("PI_PROTOCOL_ACKNOWLEDGMENT"));
    QVERIFY2(response >= 0, qPrintable(cells(*deadlines).join(QLatin1Char('|'))));
    QCOMPARE(deadlines->index(response, ui::DeadlineListModel::WhoActs).data().toString(), QStringLiteral("Other side"));
    QVERIFY(deadlines->index(response, ui::DeadlineListModel::Due).data(ui::DeadlineListModel::SortRole).toLongLong() > 0);
    // The calm message lists what changed, old → new.
    QVERIFY(tab->changesLabel()->isVisible());
    QVERIFY2(tab->changesLabel()->text().contains(QStringLiteral("new:")), qPrintable(tab->changesLabel()->text()));
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);

    // The view lists deadlines by raw date.
    QAbstractItemModel* shown = tab->deadlinesView()->model();
    for (int r = 1; r < shown->rowCount(); ++r) {
        QVERIFY(shown->index(r - 1, 0).data(ui::DeadlineListModel::SortRole).toLongLong()
                <= shown->index(r, 0).data(ui::DeadlineListModel::SortRole).toLongLong());
    }

    // Removing the event asks first (through the Prompter), then the derived deadlines go.
    auto* events = tab->findChild<QTableView*>(QStringLiteral("eventsTableView"));
    events->selectRow(0);
    m_prompter.confirmAnswers << true;
    tab->findChild<QPushButton*>(QStringLiteral("removeEventButton"))->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Confirm), 1);
    QCOMPARE(tab->eventsModel()->rowCount(), 0);
    QCOMPARE(rowWhere(*deadlines, ui::DeadlineListModel::Rule, QStringLiteral("PI_PROTOCOL_ACKNOWLEDGMENT")), -1);
    QVERIFY(tab->changesLabel()->text().contains(QStringLiteral("no longer applies")));
}

void DeadlinesUiTest::anEventInTheFutureIsRefusedInTheDialogWhichKeepsWhatWasTyped()
{
    const qint64 id = createCase();
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseDeadlinesTab* tab = openDeadlines(id);
    tab->findChild<QPushButton*>(QStringLiteral("recordEventButton"))->click();
    auto* dialog = tab->findChild<ui::RecordEventDialog*>();
    QVERIFY(dialog);
    dialog->setEventType(dl::EventType::ClaimFormIssued);
    auto* date = dialog->findChild<QLineEdit*>(QStringLiteral("eventDateEdit"));
    // Empty: the dialog says what is missing and stays.
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    auto* message = dialog->findChild<QLabel*>(QStringLiteral("messageLabel"));
    QVERIFY(dialog->isVisible());
    QVERIFY(message->isVisible());
    // Core refuses a date after its today (27 Nov 2026); the message is core's, the text stays.
    date->setText(QStringLiteral("1/12/2026"));
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(dialog->isVisible());
    QVERIFY(message->isVisible());
    QCOMPARE(date->text(), QStringLiteral("1/12/2026"));
    QCOMPARE(tab->eventsModel()->rowCount(), 0);
    dialog->reject();
}

void DeadlinesUiTest::limitationRowsCannotBeMarkedDoneButCourtOrdersCan()
{
    const qint64 id = createCase();
    storeDeadlines(id);
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseDeadlinesTab* tab = openDeadlines(id);
    ui::DeadlineListModel* model = tab->deadlinesModel();
    QTableView* view = tab->deadlinesView();
    const int limitation = rowWhere(*model, ui::DeadlineListModel::Rule, QStringLiteral("EW_S28_MINOR"));
    QVERIFY2(limitation >= 0, qPrintable(cells(*model).join(QLatin1Char('|'))));
    QCOMPARE(model->index(limitation, ui::DeadlineListModel::Due).data().toString(), QStringLiteral("31 Dec 2026"));
    view->selectRow(qobject_cast<QSortFilterProxyModel*>(view->model())->mapFromSource(model->index(limitation, 0)).row());
    tab->findChild<QPushButton*>(QStringLiteral("markDoneButton"))->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
    QVERIFY2(m_prompter.last(RecordingPrompter::Kind::Error)->text.contains(QStringLiteral("Claim form issued")),
             qPrintable(m_prompter.last(RecordingPrompter::Kind::Error)->text));

    // A court-ordered deadline: added through its dialog, then marked done (who is recorded).
    tab->findChild<QPushButton*>(QStringLiteral("addManualDeadlineButton"))->click();
    auto* dialog = tab->findChild<ui::ManualDeadlineDialog*>();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("manualTitleEdit")), QStringLiteral("Exchange witness statements"));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("manualDateEdit")), QStringLiteral("4/12/2026"));
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(tab->findChild<ui::ManualDeadlineDialog*>() == nullptr);
    const int manual = rowWhere(*model, ui::DeadlineListModel::Title, QStringLiteral("Exchange witness statements"));
    QVERIFY(manual >= 0);
    QCOMPARE(model->index(manual, ui::DeadlineListModel::DaysLeft).data().toString(), QStringLiteral("in 7 days"));
    QVERIFY(model->index(manual, ui::DeadlineListModel::Due).data(Qt::ForegroundRole).isValid());  // amber
    view->selectRow(qobject_cast<QSortFilterProxyModel*>(view->model())->mapFromSource(model->index(manual, 0)).row());
    tab->findChild<QPushButton*>(QStringLiteral("markDoneButton"))->click();
    const int done = rowWhere(*model, ui::DeadlineListModel::Title, QStringLiteral("Exchange witness statements"));
    QVERIFY(model->index(done, ui::DeadlineListModel::Status).data().toString().startsWith(QStringLiteral("Done by Sol Solicitor")));
}

void DeadlinesUiTest::diaryShowsTheReferenceNeverTheClientAndReminderAcknowledgmentClearsThePrompt()
{
    const qint64 id = createCase();
    QVERIFY(signIn(QStringLiteral("sol")));
    // Record an event through the tab's dialog: the case's deadlines are stored, the limitation date among them.
    ui::CaseDeadlinesTab* tab = openDeadlines(id);
    tab->findChild<QPushButton*>(QStringLiteral("recordEventButton"))->click();
    auto* dialog = tab->findChild<ui::RecordEventDialog*>();
    QVERIFY(dialog);
    dialog->setEventType(dl::EventType::LetterOfClaimPosted);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("eventDateEdit")), QStringLiteral("2/11/2026"));
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(tab->findChild<ui::RecordEventDialog*>() == nullptr);

    ui::DiaryWindow* diary = openDiary();
    QVERIFY(diary && diary->isVisible());
    ui::DiaryModel* model = diary->model();
    QVERIFY(model->rowCount() >= 2);
    const int response = rowWhere(*model, ui::DiaryModel::Title, QStringLiteral("acknowledgment of the letter of claim"));
    QVERIFY2(response >= 0, qPrintable(cells(*model).join(QLatin1Char('|'))));
    QCOMPARE(model->index(response, ui::DiaryModel::Reference).data().toString(), m_reference);
    QCOMPARE(model->index(response, ui::DiaryModel::FeeEarner).data().toString(), QStringLiteral("Sol Solicitor"));
    const QString everything = (cells(*model) + labelTexts(diary)).join(QLatin1Char('|'));
    QVERIFY(!everything.contains(QStringLiteral("Ruth")));
    QVERIFY(!everything.contains(QStringLiteral("Ames")));

    // The limitation date (31 Dec 2026) is inside the ladder: a reminder waits, prominently, with a button.
    QVERIFY(diary->remindersFrame()->isVisible());
    int limitation = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        limitation = model->entryAt(r)->needsAcknowledgment ? r : limitation;
    }
    QVERIFY2(limitation >= 0, qPrintable(cells(*model).join(QLatin1Char('|'))));
    QCOMPARE(model->index(limitation, ui::DiaryModel::Reference).data().toString(), m_reference);
    // The 3-month reminder fell due on 30 Sep 2026 and nobody acknowledged it: escalated, and it says so.
    QVERIFY(model->entryAt(limitation)->escalated);
    QVERIFY(model->index(limitation, ui::DiaryModel::Reminder).data().toString().startsWith(
        QStringLiteral("Escalated to supervisor")));
    auto* ack = diary->remindersFrame()->findChild<QPushButton*>(QStringLiteral("acknowledgeButton"));
    QVERIFY(ack && ack->isVisible());
    QCOMPARE(ack->property("caseReference").toString(), m_reference);
    ack->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    QTRY_VERIFY(!diary->remindersFrame()->isVisible());
    for (int r = 0; r < model->rowCount(); ++r) {
        QVERIFY(!model->entryAt(r)->needsAcknowledgment);  // the earlier rungs went with it
        QVERIFY(model->index(r, ui::DiaryModel::Reminder).data().toString().isEmpty());
    }

    // The scope and range combos narrow it: this week has only what is overdue or due by Sunday.
    diary->setRange(ui::DiaryWindow::Range::ThisWeek);
    for (int r = 0; r < model->rowCount(); ++r) {
        QVERIFY(model->entryAt(r)->dueOn <= QDate(2026, 11, 29) || model->entryAt(r)->needsAcknowledgment);
    }
}

void DeadlinesUiTest::calendarExportHoldsReferencesOnly()
{
    const qint64 id = createCase();
    storeDeadlines(id);
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::DiaryWindow* diary = openDiary();
    QVERIFY(diary);
    QVERIFY(diary->model()->rowCount() >= 1);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("deadlines.ics"));
    m_prompter.saveAnswers << path;
    diary->findChild<QPushButton*>(QStringLiteral("exportIcsButton"))->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::SaveFile), 1);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString ics = QString::fromUtf8(file.readAll());
    QVERIFY(ics.startsWith(QStringLiteral("BEGIN:VCALENDAR")));
    QVERIFY(ics.contains(m_reference));
    QVERIFY(ics.contains(QStringLiteral("DTSTART;VALUE=DATE:20261231")));
    QVERIFY(!ics.contains(QStringLiteral("Ruth")));
    QVERIFY(!ics.contains(QStringLiteral("Ames")));
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Inform), 1);
    // Cancelling the file dialog writes nothing and says nothing.
    diary->findChild<QPushButton*>(QStringLiteral("exportIcsButton"))->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Inform), 1);
}

void DeadlinesUiTest::subjectAccessRequestTheOtherSideAnswersIsDiarisedForThem()
{
    const qint64 id = createCase();
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseDeadlinesTab* tab = openDeadlines(id);
    QVERIFY(tab);
    tab->findChild<QPushButton*>(QStringLiteral("recordEventButton"))->click();
    auto* dialog = tab->findChild<ui::RecordEventDialog*>();
    QVERIFY(dialog);
    auto* party = dialog->findChild<QComboBox*>(QStringLiteral("eventPartyCombo"));
    auto* region = dialog->findChild<QComboBox*>(QStringLiteral("eventRegionCombo"));
    QVERIFY(party && region);
    // "Who replies" only for the events that have a reply.
    dialog->setEventType(dl::EventType::LetterOfClaimPosted);
    QVERIFY(!party->isVisible());
    QVERIFY(region->isVisible());
    dialog->setEventType(dl::EventType::SubjectAccessRequestReceived);
    QVERIFY(party->isVisible());
    party->setCurrentIndex(party->findData(static_cast<int>(dl::ActingParty::Opponent)));
    region->setCurrentIndex(region->findData(static_cast<int>(core::Region::Scotland)));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("eventDateEdit")), QStringLiteral("2/11/2026"));
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(tab->findChild<ui::RecordEventDialog*>() == nullptr);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);

    auto events = m_session->deadlines()->events(id);
    QVERIFY(events && events->size() == 1);
    QCOMPARE(events->front().event.party, std::optional<dl::ActingParty>(dl::ActingParty::Opponent));
    QCOMPARE(events->front().event.region, core::Region::Scotland);
    ui::DeadlineListModel* deadlines = tab->deadlinesModel();
    int sar = -1;
    for (int r = 0; r < deadlines->rowCount(); ++r) {
        if (deadlines->index(r, ui::DeadlineListModel::Rule).data().toString().contains(QStringLiteral("SAR"))) {
            sar = r;
        }
    }
    QVERIFY2(sar >= 0, qPrintable(cells(*deadlines).join(QLatin1Char('|'))));
    QCOMPARE(deadlines->index(sar, ui::DeadlineListModel::WhoActs).data().toString(), QStringLiteral("Other side"));
}

void DeadlinesUiTest::supervisorChangesTheReminderLadderAndTheDiaryFollows()
{
    const qint64 id = createCase();
    storeDeadlines(id);
    // A solicitor sees the button, disabled, with the reason.
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::DiaryWindow* diary = openDiary();
    QVERIFY(diary);
    auto* button = diary->findChild<QPushButton*>(QStringLiteral("reminderLadderButton"));
    QVERIFY(button && !button->isEnabled());
    QVERIFY(button->toolTip().contains(QStringLiteral("supervisor")));
    diary->close();
    m_main.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);

    QVERIFY(signIn(QStringLiteral("sam")));
    diary = openDiary();
    QVERIFY(diary);
    diary->setScopeIndex(2);  // all firm
    button = diary->findChild<QPushButton*>(QStringLiteral("reminderLadderButton"));
    QVERIFY(button->isEnabled());
    button->click();
    auto* dialog = diary->findChild<ui::ReminderLadderDialog*>();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->ladderEdit()->text(), QStringLiteral("12m, 6m, 3m, 1m, 2w, 5bd"));
    // A ladder with nothing in the last fortnight is refused as typed, and the text stays.
    dialog->ladderEdit()->setText(QStringLiteral("12m, 6m"));
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("messageLabel"))->text().contains(QStringLiteral("two weeks")));
    QCOMPARE(dialog->ladderEdit()->text(), QStringLiteral("12m, 6m"));
    // The preview reads the ladder back in words while typing.
    dialog->ladderEdit()->setText(QStringLiteral("12m, 6w, 5w, 2w, 5bd"));
    QVERIFY2(dialog->previewLabel()->text().contains(QStringLiteral("6, 5 and 2 weeks")),
             qPrintable(dialog->previewLabel()->text()));
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(diary->findChild<ui::ReminderLadderDialog*>() == nullptr);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    // The diary reloads with the firm's ladder: on 27 Nov the "5 weeks" rung (26 Nov) is the one due.
    bool found = false;
    for (int r = 0; r < diary->model()->rowCount(); ++r) {
        const dl::DiaryEntry* e = diary->model()->entryAt(r);
        if (e->needsAcknowledgment) {
            QCOMPARE(e->reminderRung, QStringLiteral("5 weeks"));
            found = true;
        }
    }
    QVERIFY(found);

    // "Overdue only" lists nothing due today or later (reminders still show above the table).
    diary->setRange(ui::DiaryWindow::Range::Overdue);
    for (int r = 0; r < diary->model()->rowCount(); ++r) {
        QVERIFY(diary->model()->entryAt(r)->dueOn < QDate(2026, 11, 27) || diary->model()->entryAt(r)->needsAcknowledgment);
    }
}

void DeadlinesUiTest::courtClosureDaysAreAddedAndRemovedBySupervisorsOnly()
{
    const qint64 id = createCase();
    storeDeadlines(id);  // limitation safe date Thu 31 Dec 2026
    QVERIFY(signIn(QStringLiteral("sol")));
    m_main->findChild<QAction*>(QStringLiteral("courtClosuresAction"))->trigger();
    auto* window = m_main->findChild<ui::CourtClosuresWindow*>();
    QVERIFY(window && window->isVisible());
    QVERIFY(!window->findChild<QPushButton*>(QStringLiteral("addClosureButton"))->isEnabled());
    QVERIFY(window->findChild<QPushButton*>(QStringLiteral("addClosureButton"))->toolTip().contains(
        QStringLiteral("supervisor")));
    m_main.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);

    QVERIFY(signIn(QStringLiteral("sam")));
    m_main->findChild<QAction*>(QStringLiteral("courtClosuresAction"))->trigger();
    window = m_main->findChild<ui::CourtClosuresWindow*>();
    QVERIFY(window);
    auto* date = window->findChild<QLineEdit*>(QStringLiteral("closureDateEdit"));
    auto* name = window->findChild<QLineEdit*>(QStringLiteral("closureNameEdit"));
    auto* add = window->findChild<QPushButton*>(QStringLiteral("addClosureButton"));
    // No reason: refused in the window, what was typed stays.
    QTest::keyClicks(date, QStringLiteral("31/12/2026"));
    add->click();
    QVERIFY(window->findChild<QLabel*>(QStringLiteral("messageLabel"))->isVisible());
    QCOMPARE(date->text(), QStringLiteral("31/12/2026"));
    QTest::keyClicks(name, QStringLiteral("New Year's Eve closure notice"));
    add->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    QCOMPARE(window->table()->rowCount(), 1);
    QCOMPARE(window->table()->item(0, 0)->text(), QStringLiteral("31 Dec 2026"));
    QVERIFY(date->text().isEmpty());
    // The case's limitation safe date moves off the closure day at the next recomputation.
    core::CaseService cases(m_firm->supervisor());
    dl::DeadlineService deadlines(m_firm->supervisor(), cases);
    QVERIFY(deadlines.refreshStale(test::TestFirm::today(), 100).ok());
    auto stored = deadlines.deadlines(id);
    QVERIFY(stored.ok());
    bool moved = false;
    for (const dl::StoredDeadline& d : *stored) {
        moved = moved || (d.kind == dl::DeadlineKind::Limitation && d.safeOn == QDate(2026, 12, 30));
    }
    QVERIFY(moved);
    // Removing asks first.
    window->table()->selectRow(0);
    m_prompter.confirmAnswers << true;
    window->findChild<QPushButton*>(QStringLiteral("removeClosureButton"))->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Confirm), 1);
    QCOMPARE(window->table()->item(0, 0)->data(Qt::UserRole).toDate(), QDate());  // the "none added" row
}

void DeadlinesUiTest::supervisorVerifiesAndTheQueueEmpties()
{
    const qint64 id = createCase();  // facts entered by sol
    QVERIFY(signIn(QStringLiteral("sam")));
    m_main->findChild<QAction*>(QStringLiteral("limitationQueueAction"))->trigger();
    auto* queue = m_main->findChild<ui::LimitationQueueWindow*>();
    QVERIFY(queue && queue->isVisible());
    QAbstractItemModelTester tester(queue->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int row = rowWhere(*queue->model(), ui::LimitationQueueModel::Reference, m_reference);
    QVERIFY(row >= 0);
    QCOMPARE(queue->model()->index(row, ui::LimitationQueueModel::PrimaryDate).data().toString(), QStringLiteral("31 Dec 2026"));
    QCOMPARE(queue->model()->index(row, ui::LimitationQueueModel::State).data().toString(), QStringLiteral("Unverified"));
    QVERIFY(!cells(*queue->model()).join(QLatin1Char('|')).contains(QStringLiteral("Ruth")));
    queue->close();

    ui::CaseDeadlinesTab* tab = openDeadlines(id);
    auto* verify = tab->limitationPanel()->findChild<QPushButton*>(QStringLiteral("verifyLimitationButton"));
    QVERIFY(verify->isEnabled());
    verify->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Confirm), 1);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    const QString status = tab->limitationPanel()->findChild<QLabel*>(QStringLiteral("limitationStatusLabel"))->text();
    QVERIFY2(status.contains(QStringLiteral("Verified by Sam Supervisor on 27 Nov 2026")), qPrintable(status));
    QVERIFY(!tab->limitationPanel()->findChild<QPushButton*>(QStringLiteral("verifyLimitationButton"))->isEnabled());

    m_main->showLimitationQueue();
    queue = m_main->findChild<ui::LimitationQueueWindow*>();
    QVERIFY(queue);
    QCOMPARE(rowWhere(*queue->model(), ui::LimitationQueueModel::Reference, m_reference), -1);
}

void DeadlinesUiTest::modelsPassTheModelTester()
{
    const qint64 id = createCase();
    storeDeadlines(id);
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseDeadlinesTab* tab = openDeadlines(id);
    QAbstractItemModelTester deadlines(tab->deadlinesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester events(tab->eventsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    ui::DiaryWindow* diary = openDiary();
    QAbstractItemModelTester entries(diary->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Changes while observed: an event recorded, the diary reloaded, "today" moved.
    core::CaseService cases(m_firm->solicitor());
    dl::Event posted;
    posted.type = dl::EventType::LetterOfClaimPosted;
    posted.date = QDate(2026, 11, 2);
    QVERIFY(dl::DeadlineService(m_firm->solicitor(), cases).addEvent(id, posted, QString()).ok());
    tab->reload();
    QCOMPARE(tab->eventsModel()->rowCount(), 1);
    tab->setToday(QDate(2026, 12, 1));
    diary->setScopeIndex(2);
    diary->setToday(QDate(2026, 12, 1));
    QVERIFY(diary->model()->rowCount() >= 2);
    m_session->lock(core::LockReason::UserRequest);  // everything is emptied
    QCOMPARE(tab->deadlinesModel()->rowCount(), 0);
    QCOMPARE(diary->model()->rowCount(), 0);
}

QTEST_MAIN(DeadlinesUiTest)
void DeadlinesUiTest::statusBarShowsRemindersUntilAcknowledged()
{
    const qint64 id = createCase();  // safe date 31 Dec 2026: the 3-month rung fell due on 30 Sep
    storeDeadlines(id);
    QVERIFY(signIn(QStringLiteral("sol")));
    auto* button = m_main->findChild<QToolButton*>(QStringLiteral("remindersStatusButton"));
    QVERIFY(button);
    QTRY_VERIFY(button->isVisible());
    QCOMPARE(button->text(), QStringLiteral("⚠ 1 limitation reminder to acknowledge — 1 escalated"));
    QVERIFY(!button->text().contains(QStringLiteral("Ruth")));  // the client's name is never outside the case file
    button->click();
    ui::DiaryWindow* diary = m_main->findChild<ui::DiaryWindow*>();
    QVERIFY(diary && diary->isVisible());
    QCOMPARE(diary->findChild<QComboBox*>(QStringLiteral("diaryScopeCombo"))->currentIndex(), 0);
    auto* ack = diary->remindersFrame()->findChild<QPushButton*>(QStringLiteral("acknowledgeButton"));
    QVERIFY(ack);
    ack->click();
    QTRY_VERIFY(!button->isVisible());
}

void DeadlinesUiTest::pluralsReadAsEnglish()
{
    // Every tr("… %n …") of the deadlines screens has its English forms in ui/translations/claimdesk_en.ts (under the
    // full class name): "1 deadline", never "1 deadline(s)".
    const auto tr = [](const char* context, const char* source, int n) {
        return QCoreApplication::translate(context, source, nullptr, n);
    };
    QCOMPARE(tr("claimdesk::ui::DiaryWindow", "%n deadline(s)", 1), QStringLiteral("1 deadline"));
    QCOMPARE(tr("claimdesk::ui::DiaryWindow", "%n deadline(s)", 3), QStringLiteral("3 deadlines"));
    QCOMPARE(tr("claimdesk::ui::DiaryWindow", "<b>%n limitation reminder(s) to acknowledge</b>", 1),
             QStringLiteral("<b>1 limitation reminder to acknowledge</b>"));
    QCOMPARE(tr("claimdesk::ui::LimitationQueueWindow", "%n case(s) need attention.", 1),
             QStringLiteral("1 case needs attention."));
    QCOMPARE(tr("claimdesk::ui::CaseDeadlinesTab", "%1: %n deadline(s) changed.", 2),
             QStringLiteral("%1: 2 deadlines changed."));
    QCOMPARE(tr("claimdesk::ui::EventListModel", "%1 (%n day(s))", 1), QStringLiteral("%1 (1 day)"));
}

#include "tst_ui_deadlines.moc"
