// Renders the deadline screens to PNG files so a person can look at them:
//   QT_QPA_PLATFORM=offscreen build/tests/ui/claimdesk_deadlines_shots /tmp/shots-deadlines
// The case file's Deadlines tab (explanations open), the Record event dialog, the deadline diary and the
// limitation queue. Uses a temporary demo vault (fictional cases, fast KDF) plus one fictional case with two
// incidents and some events, and a recording Prompter; nothing real is touched. "Today" is 27 Nov 2026 on screen.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "ui/cases/CaseFileWidget.h"
#include "ui/cases/CaseListPanel.h"
#include "ui/cases/CaseWorkspace.h"
#include "ui/deadlines/CaseDeadlinesTab.h"
#include "ui/deadlines/CourtClosuresWindow.h"
#include "ui/deadlines/DeadlineDialogs.h"
#include "ui/deadlines/DiaryWindow.h"
#include "ui/deadlines/LimitationPanel.h"
#include "ui/deadlines/LimitationQueueWindow.h"
#include "ui/shell/MainWindow.h"

#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "demo/DemoVault.h"
#include "store/Vault.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTest>

#include <cstdio>

using namespace claimdesk;
namespace dl = core::deadlines;

namespace {

QDir g_out;
const QDate kToday(2026, 11, 27);

void shoot(QWidget* widget, const QString& name)
{
    widget->show();
    (void)QTest::qWaitForWindowExposed(widget);
    QTest::qWait(80);
    const QString path = g_out.filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(path)) {
        std::fprintf(stderr, "could not save %s\n", qPrintable(path));
    } else {
        std::printf("%s (%dx%d)\n", qPrintable(path), widget->width(), widget->height());
        std::fflush(stdout);
    }
}

// A fictional client abused as a child in two ways: physical abuse (LA 1980 s.28) and sexual abuse (s.11ZA).
qint64 makeShowcase(core::Vault& vault)
{
    core::CaseService cases(vault);
    core::NewCase c;
    c.client.fullName = QStringLiteral("Alex Fictional");
    c.client.dateOfBirth = QDate(2006, 1, 2);
    c.supervisor = QStringLiteral("demo-supervisor");
    core::Incident physical;
    physical.start = QDate(2015, 3, 1);
    physical.startPrecision = core::DatePrecision::Month;
    physical.abuseTypes = {QStringLiteral("physical")};
    physical.location = QStringLiteral("Example House children's home");
    core::Incident sexual;
    sexual.start = QDate(2016, 1, 1);
    sexual.startPrecision = core::DatePrecision::Year;
    sexual.abuseTypes = {QStringLiteral("sexual")};
    c.incidents = {physical, sexual};
    c.consent.processingForClaim = true;
    c.consent.contact = true;
    c.safeguarding.suicidalThoughts = core::SuicidalThoughts::None;
    auto created = cases.create(c);
    if (!created) {
        qFatal("showcase: %s", qPrintable(created.error().message));
    }
    dl::DeadlineService deadlines(vault, cases);
    dl::Event posted;
    posted.type = dl::EventType::LetterOfClaimPosted;
    posted.date = QDate(2026, 10, 5);
    (void)deadlines.addEvent(created->id, posted, QStringLiteral("Posted first class, proof of postage on file"));
    dl::Event sar;
    sar.type = dl::EventType::SubjectAccessRequestReceived;
    sar.date = QDate(2026, 11, 10);
    (void)deadlines.addEvent(created->id, sar, QString());
    dl::Event offer;
    offer.type = dl::EventType::Part36OfferSent;
    offer.at = QDateTime(QDate(2026, 11, 20), QTime(17, 10));
    offer.method = dl::ServiceMethod::Email;
    (void)deadlines.addEvent(created->id, offer, QStringLiteral("Claimant's offer"));
    (void)deadlines.addManualDeadline(created->id, QStringLiteral("Exchange witness statements"), QDate(2026, 12, 4),
                                      QStringLiteral("Order of DJ Example, para 4"));
    return created->id;
}

}  // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    g_out = QDir(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/shots-deadlines"));
    g_out.mkpath(QStringLiteral("."));
    test::useTestSettings();

    QTemporaryDir dir;
    const QString path = dir.filePath(core::DemoVault::fileName());
    if (auto made = core::DemoVault::create(path, test::fastOptions(dir), {60, 7}); !made) {
        qFatal("demo vault: %s", qPrintable(made.error().message));
    }
    const QByteArray passphrase = core::DemoVault::passphrase().toUtf8();
    qint64 showcase = 0;
    {
        auto solicitor = core::Vault::unlock(path, QStringLiteral("demo-solicitor"), passphrase, test::fastOptions(dir));
        if (!solicitor) {
            qFatal("unlock: %s", qPrintable(solicitor.error().message));
        }
        showcase = makeShowcase(**solicitor);
    }
    {
        // The demo cases' deadlines, so the diary has the firm's work in it.
        auto supervisor = core::Vault::unlock(path, QStringLiteral("demo-supervisor"), passphrase, test::fastOptions(dir));
        core::CaseService cases(**supervisor);
        (void)dl::DeadlineService(**supervisor, cases).recomputeAll(kToday);
    }

    test::RecordingPrompter prompter;
    ui::VaultSession session(test::fastOptions(dir), core::KdfProfile::fastForTestsOnly());
    if (!test::unlockSession(session, path, QStringLiteral("demo-supervisor"), passphrase)) {
        return 1;
    }
    ui::MainWindow main(session, prompter);
    main.resize(1280, 900);
    main.show();
    ui::CaseWorkspace* workspace = main.caseWorkspace();
    (void)QTest::qWaitFor([&] { return !workspace->listPanel()->isLoading(); }, 60000);

    ui::CaseFileWidget* file = workspace->openCase(showcase);
    auto* tab = file->findChild<ui::CaseDeadlinesTab*>();
    tab->setToday(kToday);
    file->tabs()->setCurrentWidget(tab);
    shoot(&main, QStringLiteral("01-deadlines-tab"));
    tab->limitationPanel()->setExplanationsVisible(true);
    shoot(&main, QStringLiteral("02-deadlines-tab-explanations"));
    // The limitation pane drawn whole, as it reads when scrolled.
    auto* scroll = tab->findChild<QScrollArea*>(QStringLiteral("limitationScrollArea"));
    ui::LimitationPanel* panel = tab->limitationPanel();
    scroll->takeWidget();
    panel->setParent(nullptr);
    panel->resize(1180, panel->heightForWidth(1180) > 0 ? panel->heightForWidth(1180) : panel->sizeHint().height());
    panel->adjustSize();
    panel->resize(1180, panel->sizeHint().height());
    shoot(panel, QStringLiteral("03-limitation-panel-explanations"));
    panel->hide();
    scroll->setWidget(panel);

    tab->findChild<QPushButton*>(QStringLiteral("recordEventButton"))->click();
    if (auto* dialog = tab->findChild<ui::RecordEventDialog*>()) {
        dialog->setEventType(dl::EventType::ClaimFormServed);
        shoot(dialog, QStringLiteral("04-record-event-service"));
        dialog->reject();
    }
    main.showDeadlineDiary();
    if (auto* diary = main.findChild<ui::DiaryWindow*>()) {
        diary->setScopeIndex(2);
        diary->setRange(ui::DiaryWindow::Range::Next6Months);
        diary->setToday(kToday);
        shoot(diary, QStringLiteral("05-diary-all-firm-6-months"));
        diary->editReminderLadder();
        if (auto* ladder = diary->findChild<ui::ReminderLadderDialog*>()) {
            ladder->ladderEdit()->setText(QStringLiteral("12m, 6m, 3m, 6w, 2w, 5bd"));
            shoot(ladder, QStringLiteral("07-reminder-ladder"));
            ladder->reject();
        }
        diary->close();
    }
    shoot(&main, QStringLiteral("08-main-window-reminders-status"));
    main.showCourtClosures();
    if (auto* closures = main.findChild<ui::CourtClosuresWindow*>()) {
        closures->findChild<QLineEdit*>(QStringLiteral("closureDateEdit"))->setText(QStringLiteral("24/12/2026"));
        closures->findChild<QLineEdit*>(QStringLiteral("closureNameEdit"))->setText(QStringLiteral("County Court closure notice"));
        closures->addClosure();
        shoot(closures, QStringLiteral("09-court-closures"));
        closures->close();
    }
    main.showLimitationQueue();
    if (auto* queue = main.findChild<ui::LimitationQueueWindow*>()) {
        shoot(queue, QStringLiteral("06-limitation-queue"));
        queue->close();
    }
    return 0;
}
