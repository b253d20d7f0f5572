// Renders the case list and the case file to PNG files so a person can look at them:
//   QT_QPA_PLATFORM=offscreen build/tests/ui/claimdesk_cases_shots /tmp/shots-cases [DEMO-CASES]
// With a large DEMO-CASES (100000) it also prints how long the list took to appear after sign-in and the
// longest the UI thread was blocked meanwhile.
// Uses a temporary demo vault (fictional cases, fast KDF) plus one fully filled-in fictional case, and a
// recording Prompter; nothing real is touched.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "ui/cases/CaseAccountTab.h"
#include "ui/cases/CaseClientTab.h"
#include "ui/cases/CaseFileWidget.h"
#include "ui/cases/CaseHistoryTab.h"
#include "ui/cases/CaseIncidentsTab.h"
#include "ui/cases/CaseListPanel.h"
#include "ui/cases/CaseNotesTab.h"
#include "ui/cases/CaseTasksTab.h"
#include "ui/cases/CaseWorkspace.h"
#include "ui/cases/ConflictDialog.h"
#include "ui/shell/MainWindow.h"

#include "cases/CaseService.h"
#include "demo/DemoCases.h"
#include "demo/DemoVault.h"
#include "store/Vault.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QElapsedTimer>
#include <QTest>
#include <QTimer>

#include <algorithm>

#include <cstdio>

using namespace claimdesk;

namespace {

QDir g_out;

void shoot(QWidget* widget, const QString& name)
{
    widget->show();
    (void)QTest::qWaitForWindowExposed(widget);
    QTest::qWait(60);
    const QString path = g_out.filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(path)) {
        std::fprintf(stderr, "could not save %s\n", qPrintable(path));
    } else {
        std::printf("%s (%dx%d)\n", qPrintable(path), widget->width(), widget->height());
        std::fflush(stdout);
    }
}

// One fictional case with everything filled in, made by the demo supervisor.
qint64 makeShowcase(core::Vault& vault)
{
    core::CaseService cases(vault);
    core::NewCase c;
    c.client.fullName = QStringLiteral("Zoë Müller");
    c.client.preferredName = QStringLiteral("Zo");
    c.client.formerNames = {QStringLiteral("Zoë Hartley"), QStringLiteral("Zoë Ann Brook")};
    c.client.dateOfBirth = QDate(1984, 5, 17);
    c.client.dateOfBirthVerified = true;
    c.client.pronouns = QStringLiteral("she/her");
    c.client.phone = QStringLiteral("07700 900123");
    c.client.email = QStringLiteral("zo.example@example.org");
    c.client.address = QStringLiteral("Flat 2, 14 Fictional Row, Northfield");
    c.client.safeContact.phone = true;
    c.client.safeContact.text = true;
    c.client.safeContact.neverWriteTo = {QStringLiteral("the family home, 9 Example Lane")};
    c.client.safeContact.codeWord = QStringLiteral("kestrel");
    c.client.safeContact.timesToAvoid = QStringLiteral("evenings and weekends");
    c.client.safeContact.whoAtHomeKnows = QStringLiteral("only her sister");
    c.client.preferredCaseworkerGender = QStringLiteral("A woman");
    c.client.communicationNeeds = QStringLiteral("Prefers short calls, and written summaries afterwards");
    c.feeEarner = QStringLiteral("demo-solicitor");
    c.supervisor = QStringLiteral("demo-supervisor");
    c.limbs = {core::ClaimLimb::AgainstAbuser, core::ClaimLimb::VicariousLiability, core::ClaimLimb::Cica};
    c.funding = core::Funding::Cfa;
    core::Incident first;
    first.start = QDate(1993, 9, 1);
    first.startPrecision = core::DatePrecision::Month;
    first.end = QDate(1996, 1, 1);
    first.endPrecision = core::DatePrecision::Year;
    first.abuseTypes = {QStringLiteral("sexual"), QStringLiteral("emotional")};
    first.perpetrators = {QStringLiteral("Gordon Example")};
    first.institutions = {QStringLiteral("Northfield Children's Home")};
    first.location = QStringLiteral("Northfield");
    first.reportedToPolice = true;
    first.policeReportDate = QDate(2019, 3, 12);
    first.policeForce = QStringLiteral("West Example Police");
    first.crimeReference = QStringLiteral("WEP/19/4411");
    first.prosecutionStatus = QStringLiteral("Convicted 2021");
    c.incidents.push_back(first);
    core::Incident second;
    second.start = QDate(1997, 1, 1);
    second.startPrecision = core::DatePrecision::Approximate;
    second.abuseTypes = {QStringLiteral("physical")};
    second.institutions = {QStringLiteral("St Aldric's School")};
    second.region = core::Region::Scotland;
    c.incidents.push_back(second);
    core::CaseParty abuser;
    abuser.party.name = QStringLiteral("Gordon Example");
    abuser.party.aliases = {QStringLiteral("Mr G")};
    abuser.role = core::PartyRole::Abuser;
    core::CaseParty home;
    home.party.kind = core::PartyKind::Organisation;
    home.party.name = QStringLiteral("Northfield Children's Home");
    home.role = core::PartyRole::Institution;
    core::CaseParty insurer;
    insurer.party.kind = core::PartyKind::Organisation;
    insurer.party.name = QStringLiteral("Example Mutual Insurance");
    insurer.role = core::PartyRole::Insurer;
    c.parties = {abuser, home, insurer};
    c.account = QStringLiteral(
        "(Fictional demo text.) Zo described the years at the home in her own words, over two calls. She asked for "
        "the account to be read once by the solicitor and not repeated back to her.");
    c.safeguarding.suicidalThoughts = core::SuicidalThoughts::Passive;
    c.safeguarding.abuserHasAccessToChildren = true;
    c.safeguarding.currentAbuse = false;
    c.consent.processingForClaim = true;
    c.consent.contact = true;
    auto created = cases.create(c);
    if (!created) {
        qFatal("showcase case: %s", qPrintable(created.error().message));
    }
    core::CaseRecord record = *created;
    record.damagesEstimatePence = 8500000;
    record.stage = core::Stage::Investigation;
    if (auto saved = cases.save(record); !saved) {
        qFatal("showcase save: %s", qPrintable(saved.error().message));
    }
    (void)cases.addNote(created->id, QStringLiteral("First call. Zo would like written summaries after each call, "
                                                     "sent by email only."),
                        false);
    (void)cases.addNote(created->id, QStringLiteral("Details of the second home disclosed on the call."), true);
    core::Task task;
    task.title = QStringLiteral("Request the home's records from the council");
    task.due = QDate(2026, 12, 11);
    task.assignee = QStringLiteral("demo-paralegal");
    (void)cases.addTask(created->id, task);
    return created->id;
}

}  // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    g_out = QDir(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/shots-cases"));
    g_out.mkpath(QStringLiteral("."));
    test::useTestSettings();

    QTemporaryDir dir;
    const QString path = dir.filePath(core::DemoVault::fileName());
    const int demoCases = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 300;
    if (auto made = core::DemoVault::create(path, test::fastOptions(dir), {demoCases, 7}); !made) {
        qFatal("demo vault: %s", qPrintable(made.error().message));
    }
    const QByteArray passphrase = core::DemoVault::passphrase().toUtf8();
    qint64 showcase = 0;
    {
        auto supervisor = core::Vault::unlock(path, QStringLiteral("demo-supervisor"), passphrase, test::fastOptions(dir));
        if (!supervisor) {
            qFatal("unlock: %s", qPrintable(supervisor.error().message));
        }
        showcase = makeShowcase(**supervisor);
    }
    {
        // A restricted case the supervisor is not on: a greyed placeholder in their list.
        auto solicitor = core::Vault::unlock(path, QStringLiteral("demo-solicitor"), passphrase, test::fastOptions(dir));
        core::NewCase hidden;
        hidden.client.fullName = QStringLiteral("Vera Hidden");
        hidden.restricted = true;
        (void)core::CaseService(**solicitor).create(hidden);
    }

    test::RecordingPrompter prompter;
    ui::VaultSession session(test::fastOptions(dir), core::KdfProfile::fastForTestsOnly());
    if (!test::unlockSession(session, path, QStringLiteral("demo-supervisor"), passphrase)) {
        return 1;
    }
    // How long the UI thread is blocked while the list loads: the longest gap between 10 ms ticks.
    QElapsedTimer sinceTick;
    qint64 longestStall = 0;
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] {
        longestStall = std::max(longestStall, sinceTick.restart());
    });
    QElapsedTimer sinceSignIn;
    sinceSignIn.start();
    sinceTick.start();
    ticker.start();
    ui::MainWindow main(session, prompter);
    main.resize(1280, 800);
    main.show();
    ui::CaseWorkspace* workspace = main.caseWorkspace();
    (void)QTest::qWaitFor([&] { return !workspace->listPanel()->isLoading(); }, 120000);
    ticker.stop();
    std::printf("%d demo cases: list shown %lld ms after the main window opened (load %lld ms); longest UI stall %lld ms\n",
                demoCases, static_cast<long long>(sinceSignIn.elapsed()),
                static_cast<long long>(workspace->listPanel()->lastLoadMs()), static_cast<long long>(longestStall));

    shoot(&main, QStringLiteral("01-case-list"));
    main.findChild<QAction*>(QStringLiteral("privacyModeAction"))->trigger();
    shoot(&main, QStringLiteral("02-case-list-privacy"));
    main.findChild<QAction*>(QStringLiteral("privacyModeAction"))->trigger();
    QTest::keyClicks(workspace->listPanel()->searchEdit(), QStringLiteral("muller"));
    QTest::qWait(300);
    shoot(&main, QStringLiteral("03-case-list-search-muller"));
    QTest::keyClick(workspace->listPanel()->searchEdit(), Qt::Key_Escape);

    ui::CaseFileWidget* file = workspace->openCase(showcase);
    shoot(&main, QStringLiteral("04-case-file-overview"));
    file->tabs()->setCurrentWidget(file->clientTab());
    shoot(&main, QStringLiteral("05-case-file-client"));
    file->tabs()->setCurrentWidget(file->incidentsTab());
    shoot(&main, QStringLiteral("06-case-file-incidents"));
    file->tabs()->setCurrentIndex(3);
    shoot(&main, QStringLiteral("06b-case-file-parties"));
    file->tabs()->setCurrentWidget(file->accountTab());
    shoot(&main, QStringLiteral("07-account-hidden"));
    file->findChild<QPushButton*>(QStringLiteral("showAccountButton"))->click();
    shoot(&main, QStringLiteral("08-account-shown"));
    file->findChild<QPushButton*>(QStringLiteral("hideAccountButton"))->click();
    file->tabs()->setCurrentWidget(file->notesTab());
    shoot(&main, QStringLiteral("09-notes"));
    file->tabs()->setCurrentWidget(file->tasksTab());
    shoot(&main, QStringLiteral("10-tasks"));
    file->tabs()->setCurrentIndex(7);
    shoot(&main, QStringLiteral("11-deadlines-placeholder"));
    file->tabs()->setCurrentWidget(file->historyTab());
    shoot(&main, QStringLiteral("12-history"));

    // Validation as you type, and the refusal to save.
    file->tabs()->setCurrentWidget(file->clientTab());
    auto* dob = file->clientTab()->findChild<QLineEdit*>(QStringLiteral("dateOfBirthEdit"));
    dob->selectAll();
    QTest::keyClicks(dob, QStringLiteral("31/02/1984"));
    file->save();
    shoot(&main, QStringLiteral("13-validation"));
    dob->selectAll();
    QTest::keyClicks(dob, QStringLiteral("17/05/1984"));

    // A conflict: someone else saves while we edit.
    QTest::keyClicks(file->clientTab()->findChild<QLineEdit*>(QStringLiteral("preferredNameEdit")), QStringLiteral("e"));
    {
        auto other = core::Vault::unlock(path, QStringLiteral("demo-solicitor"), passphrase, test::fastOptions(dir));
        core::CaseService theirs(**other);
        core::CaseRecord record = theirs.load(showcase).value();
        record.client.pronouns = QStringLiteral("she/they");
        record.stage = core::Stage::Experts;
        (void)theirs.save(record);
    }
    file->save();
    if (ui::ConflictDialog* conflict = file->conflictDialog()) {
        shoot(conflict, QStringLiteral("14-conflict-dialog"));
        conflict->keepMineButton()->click();
    }

    main.findChild<QAction*>(QStringLiteral("privacyModeAction"))->trigger();
    file->tabs()->setCurrentIndex(0);
    shoot(&main, QStringLiteral("15-case-file-privacy"));
    file->tabs()->setCurrentWidget(file->clientTab());
    shoot(&main, QStringLiteral("16-case-file-client-privacy"));
    main.findChild<QAction*>(QStringLiteral("privacyModeAction"))->trigger();

    file->findChild<QPushButton*>(QStringLiteral("recordActionButton"))->click();
    if (auto* dialog = file->findChild<QDialog*>(QStringLiteral("SafeguardingActionDialog"))) {
        dialog->findChild<QPlainTextEdit*>(QStringLiteral("actionEdit"))->setPlainText(QStringLiteral("too short"));
        QMetaObject::invokeMethod(dialog, "accept");
        shoot(dialog, QStringLiteral("17-safeguarding-action"));
        dialog->reject();
    }
    session.lock(ui::LockReason::Quit);
    return 0;
}
