// The paralegal's intake wizard (ui/intake), driven offscreen end to end on a real vault: the case it creates,
// the safeguarding and ask-later tasks, drafts that resume where they stopped, live conflict hints, consent,
// and a failed create that keeps everything typed.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "ui/cases/IntakeLauncher.h"
#include "ui/intake/ConflictHints.h"
#include "ui/intake/DateField.h"
#include "ui/intake/DateText.h"
#include "ui/intake/IntakeWizard.h"

#include "cases/CaseService.h"
#include "conflicts/ConflictService.h"
#include "store/Vault.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFrame>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRadioButton>
#include <QSignalSpy>
#include <QRegularExpression>
#include <QTest>
#include <QTextBrowser>

using namespace claimdesk;
using namespace std::chrono_literals;
using test::RecordingPrompter;
using ui::IntakeWizard;

namespace {

const QByteArray kOneTime = QByteArrayLiteral("one-time passphrase 123");

QByteArray ownPassphrase(const QString& username)
{
    return (username + QStringLiteral("'s own passphrase, long enough")).toUtf8();
}

template <typename T> T* child(QWidget* root, const QString& name)
{
    T* found = root->findChild<T*>(name);
    if (found == nullptr) {
        qFatal("no %s called %s", T::staticMetaObject.className(), qPrintable(name));
    }
    return found;
}

}  // namespace

class IntakeTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void typedDatesAreReadWithTheirPrecision_data();
    void typedDatesAreReadWithTheirPrecision();
    void endToEndCreatesCaseWithClientIncidentAndSafeContactRules();
    void seriousRiskShowsAtOnceAndCreatesUrgentTaskAndRedBanner();
    void askLaterCreatesFollowUpTasks();
    void draftIsSavedOnPageChangeAndResumesOnTheSamePage();
    void draftIsSavedWhileTypingWithoutChangingPage();
    void lockClosingTheWizardSavesTheDraftFirst();
    void closingTheWindowSavesTheDraft();
    void untouchedWizardLeavesNoDraft();
    void notSafeToTalkOffersACalmSaveAndClose();
    void liveConflictHintsShowANicknameMatch();
    void restrictedMatchSaysOnlyAskASupervisor();
    void consentIsRequiredBeforeCreating();
    void resumedDraftWithoutConsentCannotBeCreated();
    void failingCreateKeepsEverythingTyped();
    void impossibleAndFutureDatesBlockNextWithARedHint();
    void incidentEndBeforeStartIsExplained();
    void discardDeletesTheDraftAfterAskingFirst();
    void fullSafeguardingScreenResumesFromTheDraftAndIsStored();
    void livingWithTheAbuserOrIntentIsASeriousRisk();
    void aDraftOpenInAWizardIsBroughtToTheFrontNotOpenedAgain();

private:
    // Signs `username` in for the first time (one-time passphrase, then their own) and returns their session.
    std::unique_ptr<core::Vault> signInFirstTime(const QString& username);
    IntakeWizard* openWizard(qint64 draftId = 0);
    void type(QWidget* page, const QString& name, const QString& text);
    void typeDate(QWidget* page, const QString& name, const QString& text);
    void typeLines(QWidget* page, const QString& name, const QStringList& lines);
    void next(IntakeWizard* wizard);
    void fillMinimalClient(IntakeWizard* wizard, const QString& name = QStringLiteral("Jordan Ellis"));
    void goTo(IntakeWizard* wizard, int pageId);  // Next until there (the pages must allow it)
    void giveConsent(IntakeWizard* wizard);
    bool create(IntakeWizard* wizard);
    std::vector<core::Task> tasksOf(qint64 caseId);

    std::unique_ptr<QTemporaryDir> m_dir;
    RecordingPrompter m_prompter;
    std::unique_ptr<core::Vault> m_vault;  // pat, a paralegal
    std::unique_ptr<core::CaseService> m_cases;
    std::unique_ptr<core::ConflictService> m_conflicts;
    std::vector<core::User> m_staff;
    std::vector<std::unique_ptr<IntakeWizard>> m_wizards;
};

void IntakeTest::initTestCase()
{
    test::useTestSettings();
}

void IntakeTest::init()
{
    m_prompter.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    {
        auto admin = test::createVault(*m_dir);
        QVERIFY(admin->addUser({QStringLiteral("pat"), QStringLiteral("Pat Paralegal"), core::Role::Paralegal}, kOneTime).ok());
        QVERIFY(admin->addUser({QStringLiteral("sam"), QStringLiteral("Sam Supervisor"), core::Role::Supervisor}, kOneTime).ok());
        auto users = admin->users();
        QVERIFY(users.ok());
        m_staff = *users;
    }
    m_vault = signInFirstTime(QStringLiteral("pat"));
    QVERIFY(m_vault);
    m_cases = std::make_unique<core::CaseService>(*m_vault);
    m_conflicts = std::make_unique<core::ConflictService>(*m_vault);
}

void IntakeTest::cleanup()
{
    m_wizards.clear();  // before the services they use
    m_conflicts.reset();
    m_cases.reset();
    m_vault.reset();
    m_dir.reset();
}

std::unique_ptr<core::Vault> IntakeTest::signInFirstTime(const QString& username)
{
    const QString path = m_dir->filePath(QStringLiteral("test.claimdesk"));
    {
        auto first = core::Vault::unlock(path, username, kOneTime, test::fastOptions(*m_dir));
        if (!first || !(*first)->changePassphrase(kOneTime, ownPassphrase(username)).ok()) {
            return {};
        }
    }
    auto vault = core::Vault::unlock(path, username, ownPassphrase(username), test::fastOptions(*m_dir));
    return vault ? std::move(*vault) : nullptr;
}

IntakeWizard* IntakeTest::openWizard(qint64 draftId)
{
    auto* wizard = m_wizards.emplace_back(std::make_unique<IntakeWizard>(*m_cases, *m_conflicts, m_prompter, nullptr, draftId)).get();
    wizard->setStaff(m_staff, QStringLiteral("pat"));
    wizard->show();
    return wizard;
}

void IntakeTest::type(QWidget* page, const QString& name, const QString& text)
{
    QWidget* widget = page->findChild<QWidget*>(name);
    QVERIFY2(widget != nullptr, qPrintable(name));
    if (auto* combo = qobject_cast<QComboBox*>(widget)) {
        widget = combo->lineEdit();
    }
    QTest::keyClicks(widget, text);
}

void IntakeTest::typeDate(QWidget* page, const QString& name, const QString& text)
{
    auto* field = child<ui::DateField>(page, name);
    field->lineEdit()->clear();
    QTest::keyClicks(field->lineEdit(), text);
}

void IntakeTest::typeLines(QWidget* page, const QString& name, const QStringList& lines)
{
    auto* edit = child<QPlainTextEdit>(page, name);
    for (int i = 0; i < lines.size(); ++i) {
        if (i > 0) {
            QTest::keyClick(edit, Qt::Key_Return);
        }
        QTest::keyClicks(edit, lines[i]);
    }
}

void IntakeTest::next(IntakeWizard* wizard)
{
    QAbstractButton* button = wizard->button(QWizard::NextButton);
    QVERIFY2(button->isEnabled(), qPrintable(QStringLiteral("Next is disabled on page %1").arg(wizard->currentId())));
    button->click();
}

void IntakeTest::fillMinimalClient(IntakeWizard* wizard, const QString& name)
{
    if (wizard->currentId() == IntakeWizard::SafetyPageId) {
        next(wizard);
    }
    QCOMPARE(wizard->currentId(), int(IntakeWizard::ClientPageId));
    type(wizard->currentPage(), QStringLiteral("fullNameLineEdit"), name);
}

void IntakeTest::goTo(IntakeWizard* wizard, int pageId)
{
    for (int guard = 0; guard < 8 && wizard->currentId() < pageId; ++guard) {
        next(wizard);
    }
    QCOMPARE(wizard->currentId(), pageId);
}

void IntakeTest::giveConsent(IntakeWizard* wizard)
{
    goTo(wizard, IntakeWizard::ConsentPageId);
    child<QCheckBox>(wizard->currentPage(), QStringLiteral("processingCheckBox"))->click();
    child<QCheckBox>(wizard->currentPage(), QStringLiteral("contactCheckBox"))->click();
}

bool IntakeTest::create(IntakeWizard* wizard)
{
    goTo(wizard, IntakeWizard::ReviewPageId);
    QAbstractButton* finish = wizard->button(QWizard::FinishButton);
    if (!finish->isVisible() || !finish->isEnabled()) {
        return false;
    }
    finish->click();
    return wizard->createdCaseId() != 0;
}

std::vector<core::Task> IntakeTest::tasksOf(qint64 caseId)
{
    auto tasks = m_cases->tasks(caseId);
    return tasks ? *tasks : std::vector<core::Task>{};
}

// ---------------------------------------------------------------------------------------------------------------

void IntakeTest::typedDatesAreReadWithTheirPrecision_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("partialAllowed");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<int>("precision");
    QTest::addColumn<QString>("shown");
    using P = core::DatePrecision;
    QTest::addRow("day/month/year: 14/03/1998") << "14/03/1998" << false << true << QDate(1998, 3, 14) << int(P::Day) << "14 Mar 1998";
    QTest::addRow("ISO: 2026-11-27") << "2026-11-27" << false << true << QDate(2026, 11, 27) << int(P::Day) << "27 Nov 2026";
    QTest::addRow("words: 27 November 2026") << "27 November 2026" << false << true << QDate(2026, 11, 27) << int(P::Day) << "27 Nov 2026";
    QTest::addRow("month only: Mar 1998") << "Mar 1998" << true << true << QDate(1998, 3, 1) << int(P::Month) << "Mar 1998";
    QTest::addRow("month only: 03/1998") << "03/1998" << true << true << QDate(1998, 3, 1) << int(P::Month) << "Mar 1998";
    QTest::addRow("year only: 1998") << "1998" << true << true << QDate(1998, 1, 1) << int(P::Year) << "1998";
    QTest::addRow("approximate: about 1998") << "about 1998" << true << true << QDate(1998, 1, 1) << int(P::Approximate) << "around 1998";
    QTest::addRow("approximate: c. 2005") << "c. 2005" << true << true << QDate(2005, 1, 1) << int(P::Approximate) << "around 2005";
    QTest::addRow("31 February does not exist") << "31/02/1990" << false << false << QDate() << 0 << "There is no 31 February 1990: check the day.";
    QTest::addRow("29 February 2023 does not exist") << "29/02/2023" << false << false << QDate() << 0 << "There is no 29 February 2023: check the day.";
    QTest::addRow("29 February 2024 exists") << "29/02/2024" << false << true << QDate(2024, 2, 29) << int(P::Day) << "29 Feb 2024";
    QTest::addRow("month 13") << "01/13/1990" << false << false << QDate() << 0 << "There is no month 13: check the month.";
    QTest::addRow("two-digit year is ambiguous") << "14/03/98" << false << false << QDate() << 0 << "Write the year in full, for example 1998.";
    QTest::addRow("a year where a full date is needed") << "1985" << false << false << QDate() << 0 << "Enter the whole date, for example 14/03/1985.";
    QTest::addRow("not a date") << "last summer" << true << false << QDate() << 0 << "Not a date that can be read: try 14/03/1998, Mar 1998 or 1998.";
}

void IntakeTest::typedDatesAreReadWithTheirPrecision()
{
    QFETCH(QString, typed);
    QFETCH(bool, partialAllowed);
    QFETCH(bool, valid);
    QFETCH(QDate, date);
    QFETCH(int, precision);
    QFETCH(QString, shown);
    const ui::TypedDate parsed = ui::parseTypedDate(typed, partialAllowed ? ui::DateEntry::PartialAllowed : ui::DateEntry::FullDate);
    QCOMPARE(parsed.isValid(), valid);
    if (valid) {
        QCOMPARE(parsed.date, date);
        QCOMPARE(int(parsed.precision), precision);
        QCOMPARE(ui::formatUkDate(parsed.date, parsed.precision), shown);
    } else {
        QCOMPARE(parsed.problem, shown);
    }
}

void IntakeTest::endToEndCreatesCaseWithClientIncidentAndSafeContactRules()
{
    IntakeWizard* wizard = openWizard();
    QSignalSpy created(wizard, &IntakeWizard::caseCreated);
    QCOMPARE(wizard->currentId(), int(IntakeWizard::SafetyPageId));

    QWizardPage* page = wizard->currentPage();
    // Every channel starts unticked: unsafe until confirmed.
    for (const char* box : {"phoneCheckBox", "voicemailCheckBox", "textCheckBox", "emailCheckBox", "postCheckBox"}) {
        QVERIFY(!child<QCheckBox>(page, QString::fromLatin1(box))->isChecked());
    }
    child<QRadioButton>(page, QStringLiteral("safeToTalkYesRadioButton"))->click();
    child<QCheckBox>(page, QStringLiteral("phoneCheckBox"))->click();
    child<QCheckBox>(page, QStringLiteral("textCheckBox"))->click();
    typeLines(page, QStringLiteral("neverWriteToPlainTextEdit"), {QStringLiteral("12 Elm Road, Leeds LS6 2AB")});
    type(page, QStringLiteral("codeWordLineEdit"), QStringLiteral("bluebell"));
    type(page, QStringLiteral("timesToAvoidLineEdit"), QStringLiteral("weekday evenings"));
    type(page, QStringLiteral("whoKnowsLineEdit"), QStringLiteral("sister knows; partner does not"));
    next(wizard);

    page = wizard->currentPage();
    QCOMPARE(wizard->currentId(), int(IntakeWizard::ClientPageId));
    type(page, QStringLiteral("fullNameLineEdit"), QStringLiteral("Jordan Ellis"));
    type(page, QStringLiteral("preferredNameLineEdit"), QStringLiteral("Jo"));
    typeLines(page, QStringLiteral("formerNamesPlainTextEdit"), {QStringLiteral("Jordan Pike")});
    typeDate(page, QStringLiteral("dateOfBirthField"), QStringLiteral("14/03/1985"));
    child<QCheckBox>(page, QStringLiteral("dateOfBirthVerifiedCheckBox"))->click();
    type(page, QStringLiteral("phoneLineEdit"), QStringLiteral("07700 900123"));
    type(page, QStringLiteral("interpreterLineEdit"), QStringLiteral("Polish"));
    next(wizard);

    page = wizard->currentPage();
    QCOMPARE(wizard->currentId(), int(IntakeWizard::IncidentsPageId));
    typeDate(page, QStringLiteral("startDateField"), QStringLiteral("about 1996"));
    typeDate(page, QStringLiteral("endDateField"), QStringLiteral("Jul 1999"));
    type(page, QStringLiteral("placeLineEdit"), QStringLiteral("Leeds"));
    child<QCheckBox>(page, QStringLiteral("sexualCheckBox"))->click();
    child<QCheckBox>(page, QStringLiteral("exploitationCheckBox"))->click();
    typeLines(page, QStringLiteral("perpetratorsPlainTextEdit"), {QStringLiteral("Graham Pike")});
    typeLines(page, QStringLiteral("institutionsPlainTextEdit"), {QStringLiteral("St Aidan's School")});
    auto* account = child<QPlainTextEdit>(page, QStringLiteral("accountPlainTextEdit"));
    QVERIFY2(!account->isVisible(), "the account is folded away until the client wants to give it");
    child<QAbstractButton>(page, QStringLiteral("recordAccountButton"))->click();
    QVERIFY(account->isVisible());
    typeLines(page, QStringLiteral("accountPlainTextEdit"), {QStringLiteral("In my own words.")});
    next(wizard);

    page = wizard->currentPage();
    QCOMPARE(wizard->currentId(), int(IntakeWizard::PolicePageId));
    child<QRadioButton>(page, QStringLiteral("reportedYesRadioButton"))->click();
    typeDate(page, QStringLiteral("reportDateField"), QStringLiteral("02/05/2015"));
    type(page, QStringLiteral("policeForceComboBox"), QStringLiteral("West Yorkshire Police"));
    type(page, QStringLiteral("crimeReferenceLineEdit"), QStringLiteral("CR/2015/12345"));
    child<QCheckBox>(page, QStringLiteral("abuserLimbCheckBox"))->click();
    child<QCheckBox>(page, QStringLiteral("cicaLimbCheckBox"))->click();
    next(wizard);

    page = wizard->currentPage();
    QCOMPARE(wizard->currentId(), int(IntakeWizard::SafeguardingPageId));
    for (const char* answer : {"suicidalNoneRadioButton", "selfHarmNoRadioButton", "currentAbuseNoRadioButton",
                               "childrenNoRadioButton", "trustUnknownRadioButton"}) {
        child<QRadioButton>(page, QString::fromLatin1(answer))->click();
    }
    QVERIFY(!child<QFrame>(page, QStringLiteral("seriousRiskFrame"))->isVisible());
    next(wizard);
    giveConsent(wizard);
    next(wizard);

    QCOMPARE(wizard->currentId(), int(IntakeWizard::ReviewPageId));
    const QString summary = child<QTextBrowser>(wizard->currentPage(), QStringLiteral("summaryTextBrowser"))->toPlainText();
    for (const char* shown : {"Jordan Ellis", "14 Mar 1985 (proof seen)", "phone calls, text messages", "12 Elm Road",
                              "around 1996 to Jul 1999", "Graham Pike", "St Aidan's School", "Recorded (4 words)",
                              "2 May 2015", "CR/2015/12345"}) {
        QVERIFY2(summary.contains(QString::fromUtf8(shown)), shown);
    }
    QVERIFY2(!summary.contains(QStringLiteral("In my own words")), "the account is not repeated in the summary");
    QVERIFY(create(wizard));
    QCOMPARE(created.count(), 1);
    QCOMPARE(wizard->result(), int(QDialog::Accepted));
    QVERIFY(!wizard->isVisible());
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);

    auto loaded = m_cases->load(created.at(0).at(0).toLongLong());
    QVERIFY(loaded.ok());
    const core::CaseRecord& record = *loaded;
    QCOMPARE(record.stage, core::Stage::Enquiry);
    QCOMPARE(record.feeEarner, QStringLiteral("pat"));
    QCOMPARE(record.client.fullName, QStringLiteral("Jordan Ellis"));
    QCOMPARE(record.client.preferredName, QStringLiteral("Jo"));
    QCOMPARE(record.client.formerNames, QStringList{QStringLiteral("Jordan Pike")});
    QCOMPARE(record.client.dateOfBirth, QDate(1985, 3, 14));
    QVERIFY(record.client.dateOfBirthVerified);
    QCOMPARE(record.client.interpreterLanguage, QStringLiteral("Polish"));
    const core::SafeContact& safe = record.client.safeContact;
    QVERIFY(safe.phone && safe.text);
    QVERIFY(!safe.voicemail && !safe.email && !safe.post);
    QCOMPARE(safe.neverWriteTo, QStringList{QStringLiteral("12 Elm Road, Leeds LS6 2AB")});
    QCOMPARE(safe.codeWord, QStringLiteral("bluebell"));
    QCOMPARE(safe.timesToAvoid, QStringLiteral("weekday evenings"));
    QCOMPARE(safe.whoAtHomeKnows, QStringLiteral("sister knows; partner does not"));
    QCOMPARE(record.incidents.size(), std::size_t(1));
    const core::Incident& incident = record.incidents.front();
    QCOMPARE(incident.start, QDate(1996, 1, 1));
    QCOMPARE(incident.startPrecision, core::DatePrecision::Approximate);
    QCOMPARE(incident.end, QDate(1999, 7, 1));
    QCOMPARE(incident.endPrecision, core::DatePrecision::Month);
    QCOMPARE(incident.location, QStringLiteral("Leeds"));
    QCOMPARE(incident.region, core::Region::EnglandWales);
    QCOMPARE(incident.abuseTypes, (QStringList{QStringLiteral("sexual"), QStringLiteral("exploitation")}));
    QCOMPARE(incident.perpetrators, QStringList{QStringLiteral("Graham Pike")});
    QCOMPARE(incident.institutions, QStringList{QStringLiteral("St Aidan's School")});
    QVERIFY(incident.reportedToPolice);
    QCOMPARE(incident.policeReportDate, QDate(2015, 5, 2));
    QCOMPARE(incident.policeForce, QStringLiteral("West Yorkshire Police"));
    QCOMPARE(incident.crimeReference, QStringLiteral("CR/2015/12345"));
    QVERIFY(record.hasAccount);
    QCOMPARE(record.limbs, (std::vector<core::ClaimLimb>{core::ClaimLimb::AgainstAbuser, core::ClaimLimb::Cica}));
    QCOMPARE(record.parties.size(), std::size_t(2));
    QVERIFY(record.consent.processingForClaim && record.consent.contact);
    QCOMPARE(record.safeguarding.suicidalThoughts, core::SuicidalThoughts::None);
    QVERIFY(!record.safeguardingAlert);
    // The conflict checks were recorded on the new case, and the draft is gone.
    auto checks = m_conflicts->checksFor(record.id);
    QVERIFY(checks.ok());
    QVERIFY2(checks->size() >= 4, "client, former name, abuser and institution");
    auto drafts = m_cases->drafts();
    QVERIFY(drafts.ok());
    QVERIFY(drafts->empty());
}

void IntakeTest::seriousRiskShowsAtOnceAndCreatesUrgentTaskAndRedBanner()
{
    IntakeWizard* wizard = openWizard();
    fillMinimalClient(wizard, QStringLiteral("Robin Hale"));
    goTo(wizard, IntakeWizard::SafeguardingPageId);
    QWizardPage* page = wizard->currentPage();
    auto* frame = child<QFrame>(page, QStringLiteral("seriousRiskFrame"));
    QVERIFY(!frame->isVisible());
    child<QRadioButton>(page, QStringLiteral("suicidalActiveRadioButton"))->click();
    QVERIFY(frame->isVisible());
    QVERIFY(child<QLabel>(page, QStringLiteral("seriousRiskLabel"))->text().contains(QStringLiteral("urgent safeguarding task")));
    QVERIFY(child<QLabel>(page, QStringLiteral("seriousRiskLabel"))->text().contains(QStringLiteral("red safeguarding banner")));
    QVERIFY(child<QLabel>(page, QStringLiteral("crisisLabel"))->text().contains(QStringLiteral("116 123")));
    child<QCheckBox>(page, QStringLiteral("crisisLineGivenCheckBox"))->click();
    // Passive thoughts alone are not a serious risk: support is still offered, with no urgent task.
    child<QRadioButton>(page, QStringLiteral("suicidalPassiveRadioButton"))->click();
    QVERIFY(frame->isVisible());
    QCOMPARE(child<QLabel>(page, QStringLiteral("seriousRiskTitleLabel"))->text(), QStringLiteral("Support for the client"));
    QVERIFY(!child<QLabel>(page, QStringLiteral("seriousRiskLabel"))->text().contains(QStringLiteral("urgent safeguarding task")));
    QVERIFY(child<QLabel>(page, QStringLiteral("crisisLabel"))->text().contains(QStringLiteral("116 123")));
    child<QRadioButton>(page, QStringLiteral("suicidalNoneRadioButton"))->click();
    QVERIFY(!frame->isVisible());
    // The abuser's access to children is a serious risk too.
    child<QRadioButton>(page, QStringLiteral("childrenYesRadioButton"))->click();
    QVERIFY(frame->isVisible());
    QCOMPARE(child<QLabel>(page, QStringLiteral("seriousRiskTitleLabel"))->text(), QStringLiteral("What happens now"));
    QVERIFY(child<QLabel>(page, QStringLiteral("seriousRiskLabel"))->text().contains(QStringLiteral("the abuser has access to children")));
    giveConsent(wizard);
    goTo(wizard, IntakeWizard::ReviewPageId);
    auto* supervisor = child<QComboBox>(wizard->currentPage(), QStringLiteral("supervisorComboBox"));
    supervisor->setCurrentIndex(supervisor->findData(QStringLiteral("sam")));
    QVERIFY(create(wizard));

    auto record = m_cases->load(wizard->createdCaseId());
    QVERIFY(record.ok());
    QVERIFY(record->safeguardingAlert);
    QCOMPARE(record->supervisor, QStringLiteral("sam"));
    const auto tasks = tasksOf(record->id);
    const auto urgent = std::find_if(tasks.cbegin(), tasks.cend(), [](const core::Task& t) {
        return t.urgent && t.kind == core::TaskKind::Safeguarding;
    });
    QVERIFY(urgent != tasks.cend());
    QCOMPARE(urgent->assignee, QStringLiteral("sam"));
    QVERIFY(urgent->title.contains(QStringLiteral("access to children")));
    auto notes = m_cases->notes(record->id);
    QVERIFY(notes.ok());
    QVERIFY2(std::any_of(notes->cbegin(), notes->cend(), [](const core::Note& n) { return n.sensitive; }),
             "the crisis line being given is recorded as a sensitive note");
}

void IntakeTest::askLaterCreatesFollowUpTasks()
{
    IntakeWizard* wizard = openWizard();
    fillMinimalClient(wizard, QStringLiteral("Casey Moor"));
    next(wizard);
    child<QCheckBox>(wizard->currentPage(), QStringLiteral("accountAskLaterCheckBox"))->click();
    goTo(wizard, IntakeWizard::SafeguardingPageId);
    QWizardPage* page = wizard->currentPage();
    child<QRadioButton>(page, QStringLiteral("suicidalAskLaterRadioButton"))->click();
    child<QRadioButton>(page, QStringLiteral("selfHarmAskLaterRadioButton"))->click();
    child<QRadioButton>(page, QStringLiteral("childrenAskLaterRadioButton"))->click();
    QVERIFY(!child<QFrame>(page, QStringLiteral("seriousRiskFrame"))->isVisible());
    giveConsent(wizard);
    goTo(wizard, IntakeWizard::ReviewPageId);
    QVERIFY(child<QTextBrowser>(wizard->currentPage(), QStringLiteral("summaryTextBrowser"))->toPlainText().contains(QStringLiteral("Ask later")));
    QVERIFY(create(wizard));

    auto record = m_cases->load(wizard->createdCaseId());
    QVERIFY(record.ok());
    QVERIFY(!record->safeguardingAlert);
    QCOMPARE(record->safeguarding.skipped.size(), 4);
    const auto tasks = tasksOf(record->id);
    QStringList askLater;
    for (const core::Task& task : tasks) {
        if (task.kind == core::TaskKind::AskLater) {
            askLater << task.title;
            QCOMPARE(task.assignee, QStringLiteral("pat"));
        }
    }
    QCOMPARE(askLater.size(), 4);
    QVERIFY(askLater.join(QLatin1Char('\n')).contains(QStringLiteral("the client's account")));
    QVERIFY(askLater.join(QLatin1Char('\n')).contains(QStringLiteral("recent self-harm")));
}

void IntakeTest::draftIsSavedOnPageChangeAndResumesOnTheSamePage()
{
    IntakeWizard* wizard = openWizard();
    QSignalSpy saved(wizard, &IntakeWizard::draftSaved);
    child<QCheckBox>(wizard->currentPage(), QStringLiteral("emailCheckBox"))->click();
    fillMinimalClient(wizard, QStringLiteral("Alex Brook"));
    QCOMPARE(saved.count(), 1);  // leaving the first page saved it
    typeDate(wizard->currentPage(), QStringLiteral("dateOfBirthField"), QStringLiteral("31/02/1990"));  // half-corrected
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    typeDate(wizard->currentPage(), QStringLiteral("dateOfBirthField"), QStringLiteral("28/02/1990"));
    next(wizard);
    QCOMPARE(wizard->currentId(), int(IntakeWizard::IncidentsPageId));
    type(wizard->currentPage(), QStringLiteral("placeLineEdit"), QStringLiteral("Hull"));
    typeDate(wizard->currentPage(), QStringLiteral("startDateField"), QStringLiteral("1991"));
    const qint64 draftId = wizard->draftId();
    QVERIFY(draftId > 0);
    QVERIFY(saved.count() >= 2);

    wizard->done(QDialog::Rejected);  // what a lock does
    QVERIFY(!wizard->isVisible());
    IntakeWizard* resumed = openWizard(draftId);
    QCOMPARE(resumed->currentId(), int(IntakeWizard::IncidentsPageId));
    QCOMPARE(child<QLineEdit>(resumed->currentPage(), QStringLiteral("placeLineEdit"))->text(), QStringLiteral("Hull"));
    QCOMPARE(child<ui::DateField>(resumed->currentPage(), QStringLiteral("startDateField"))->text(), QStringLiteral("1991"));
    QCOMPARE(child<QLineEdit>(resumed, QStringLiteral("fullNameLineEdit"))->text(), QStringLiteral("Alex Brook"));
    QCOMPARE(child<ui::DateField>(resumed, QStringLiteral("dateOfBirthField"))->text(), QStringLiteral("28/02/1990"));
    QVERIFY(child<QCheckBox>(resumed, QStringLiteral("emailCheckBox"))->isChecked());
    // Back still leads through the earlier pages.
    resumed->back();
    QCOMPARE(resumed->currentId(), int(IntakeWizard::ClientPageId));
    QCOMPARE(resumed->draftId(), draftId);
    // It is the same draft, not a copy.
    auto drafts = m_cases->drafts();
    QVERIFY(drafts.ok());
    QCOMPARE(drafts->size(), std::size_t(1));
}

void IntakeTest::draftIsSavedWhileTypingWithoutChangingPage()
{
    IntakeWizard* wizard = openWizard();
    wizard->setAutoSaveInterval(50ms);
    QSignalSpy saved(wizard, &IntakeWizard::draftSaved);
    type(wizard->currentPage(), QStringLiteral("codeWordLineEdit"), QStringLiteral("kestrel"));
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 2000);
    auto drafts = m_cases->drafts();
    QVERIFY(drafts.ok());
    QCOMPARE(drafts->size(), std::size_t(1));
    const QJsonObject data = drafts->front().data;
    QCOMPARE(data.value(QStringLiteral("safety")).toObject().value(QStringLiteral("codeWord")).toString(), QStringLiteral("kestrel"));
    QCOMPARE(data.value(QStringLiteral("page")).toInt(), int(IntakeWizard::SafetyPageId));
    // Nothing new typed: no more saves.
    QTest::qWait(200);
    QCOMPARE(saved.count(), 1);
    // The default is about twenty seconds.
    QCOMPARE(IntakeWizard::kDefaultAutoSaveInterval, 20000ms);
}

void IntakeTest::lockClosingTheWizardSavesTheDraftFirst()
{
    // AppController::closeAllDialogs() calls done(Rejected) on every visible dialog, then ends the session.
    IntakeWizard* wizard = openWizard();
    fillMinimalClient(wizard, QStringLiteral("Sam Okafor"));
    type(wizard->currentPage(), QStringLiteral("pronounsComboBox"), QStringLiteral("they/them"));
    for (QDialog* dialog : test::visibleDialogs()) {
        dialog->done(QDialog::Rejected);
    }
    QVERIFY(!wizard->isVisible());
    QCOMPARE(m_prompter.calls.size(), 0);  // a lock never waits on a question
    const qint64 draftId = wizard->draftId();
    QVERIFY(draftId > 0);
    m_conflicts.reset();
    m_cases.reset();
    m_vault.reset();  // the session ends

    m_vault = core::Vault::unlock(m_dir->filePath(QStringLiteral("test.claimdesk")), QStringLiteral("pat"),
                                  ownPassphrase(QStringLiteral("pat")), test::fastOptions(*m_dir))
                  .value();
    m_cases = std::make_unique<core::CaseService>(*m_vault);
    m_conflicts = std::make_unique<core::ConflictService>(*m_vault);
    IntakeWizard* resumed = openWizard(draftId);
    QCOMPARE(resumed->currentId(), int(IntakeWizard::ClientPageId));
    QCOMPARE(child<QLineEdit>(resumed, QStringLiteral("fullNameLineEdit"))->text(), QStringLiteral("Sam Okafor"));
    QCOMPARE(child<QComboBox>(resumed, QStringLiteral("pronounsComboBox"))->currentText(), QStringLiteral("they/them"));
}

void IntakeTest::closingTheWindowSavesTheDraft()
{
    IntakeWizard* wizard = openWizard();
    type(wizard->currentPage(), QStringLiteral("whoKnowsLineEdit"), QStringLiteral("nobody at home knows"));
    QVERIFY(wizard->close());
    QVERIFY(!wizard->isVisible());
    auto drafts = m_cases->drafts();
    QVERIFY(drafts.ok());
    QCOMPARE(drafts->size(), std::size_t(1));
    QCOMPARE(drafts->front().data.value(QStringLiteral("safety")).toObject().value(QStringLiteral("whoKnows")).toString(),
             QStringLiteral("nobody at home knows"));
    QCOMPARE(m_prompter.calls.size(), 0);
}

void IntakeTest::untouchedWizardLeavesNoDraft()
{
    IntakeWizard* wizard = openWizard();
    wizard->reject();
    auto drafts = m_cases->drafts();
    QVERIFY(drafts.ok());
    QVERIFY(drafts->empty());
}

void IntakeTest::notSafeToTalkOffersACalmSaveAndClose()
{
    IntakeWizard* wizard = openWizard();
    QWizardPage* page = wizard->currentPage();
    auto* frame = child<QFrame>(page, QStringLiteral("notSafeFrame"));
    QVERIFY(!frame->isVisible());
    child<QRadioButton>(page, QStringLiteral("safeToTalkNoRadioButton"))->click();
    QVERIFY(frame->isVisible());
    type(page, QStringLiteral("saferTimeLineEdit"), QStringLiteral("Thursday after 10am"));
    child<QAbstractButton>(page, QStringLiteral("saveAndCloseButton"))->click();
    QVERIFY(!wizard->isVisible());
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Inform), 1);
    QVERIFY(m_prompter.last(RecordingPrompter::Kind::Inform)->text.contains(QStringLiteral("saved as a draft")));
    auto drafts = m_cases->drafts();
    QVERIFY(drafts.ok());
    QCOMPARE(drafts->size(), std::size_t(1));
    const QJsonObject safety = drafts->front().data.value(QStringLiteral("safety")).toObject();
    QCOMPARE(safety.value(QStringLiteral("safeToTalk")).toString(), QStringLiteral("no"));
    QCOMPARE(safety.value(QStringLiteral("saferTime")).toString(), QStringLiteral("Thursday after 10am"));
}

void IntakeTest::liveConflictHintsShowANicknameMatch()
{
    core::NewCase existing;
    existing.client.fullName = QStringLiteral("William Turner");
    auto made = m_cases->create(existing);
    QVERIFY(made.ok());

    IntakeWizard* wizard = openWizard();
    fillMinimalClient(wizard, QStringLiteral("Bill Turner"));
    auto* hints = child<ui::ConflictHints>(wizard->currentPage(), QStringLiteral("clientConflictHints"));
    QVERIFY(!hints->isVisible());  // debounced: nothing yet
    QTRY_VERIFY_WITH_TIMEOUT(hints->isVisible(), 3000);
    const QString text = hints->hintText();
    QVERIFY2(text.contains(QStringLiteral("William Turner")), qPrintable(text));
    QVERIFY2(text.contains(made->reference), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("% match")), qPrintable(text));
    QVERIFY(hints->matchCount() >= 1);
    QVERIFY(!hints->results().front().matches.front().reasons.isEmpty());
    // The perpetrator field has hints too.
    next(wizard);
    typeLines(wizard->currentPage(), QStringLiteral("perpetratorsPlainTextEdit"), {QStringLiteral("Will Turner")});
    auto* incidentHints = child<ui::ConflictHints>(wizard->currentPage(), QStringLiteral("incidentConflictHints"));
    QTRY_VERIFY_WITH_TIMEOUT(incidentHints->isVisible(), 3000);
    QVERIFY(incidentHints->hintText().contains(QStringLiteral("William Turner")));
}

void IntakeTest::restrictedMatchSaysOnlyAskASupervisor()
{
    {
        auto sam = signInFirstTime(QStringLiteral("sam"));
        QVERIFY(sam);
        core::CaseService samCases(*sam);
        core::NewCase restricted;
        restricted.client.fullName = QStringLiteral("Margaret Quill");
        restricted.restricted = true;
        QVERIFY(samCases.create(restricted).ok());
    }
    IntakeWizard* wizard = openWizard();
    fillMinimalClient(wizard, QStringLiteral("Margaret Quill"));
    auto* hints = child<ui::ConflictHints>(wizard->currentPage(), QStringLiteral("clientConflictHints"));
    QTRY_VERIFY_WITH_TIMEOUT(hints->isVisible(), 3000);
    const QString text = hints->hintText();
    // The placeholder, as in the case list: the reference to ask a supervisor about, and nothing about who matched.
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("Possible match in restricted case [A-Z]+-2026-\\d{4} — ask a "
                                                             "supervisor"))),
             qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("client on")), qPrintable(text));
}

void IntakeTest::consentIsRequiredBeforeCreating()
{
    IntakeWizard* wizard = openWizard();
    fillMinimalClient(wizard);
    goTo(wizard, IntakeWizard::ConsentPageId);
    QWizardPage* page = wizard->currentPage();
    QAbstractButton* nextButton = wizard->button(QWizard::NextButton);
    QVERIFY(!nextButton->isEnabled());
    QVERIFY(child<QLabel>(page, QStringLiteral("consentStatusLabel"))->text().contains(QStringLiteral("Both are needed")));
    QVERIFY(child<QLabel>(page, QStringLiteral("processingWhyLabel"))->text().startsWith(QStringLiteral("Why")));
    QVERIFY(child<QLabel>(page, QStringLiteral("contactWhyLabel"))->text().startsWith(QStringLiteral("Why")));
    child<QCheckBox>(page, QStringLiteral("processingCheckBox"))->click();
    QVERIFY(!nextButton->isEnabled());
    child<QCheckBox>(page, QStringLiteral("contactCheckBox"))->click();
    QVERIFY(nextButton->isEnabled());
    child<QCheckBox>(page, QStringLiteral("contactCheckBox"))->click();
    QVERIFY(!nextButton->isEnabled());
    wizard->next();  // even if forced, the review cannot create without consent
    QCOMPARE(wizard->currentId(), int(IntakeWizard::ReviewPageId));
    wizard->button(QWizard::FinishButton)->click();
    QCOMPARE(wizard->createdCaseId(), qint64(0));
    QVERIFY(wizard->isVisible());
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
    QVERIFY(m_prompter.last(RecordingPrompter::Kind::Error)->text.contains(QStringLiteral("Consent")));
    auto cases = m_cases->list();
    QVERIFY(cases.ok());
    QVERIFY(cases->empty());
}

void IntakeTest::resumedDraftWithoutConsentCannotBeCreated()
{
    IntakeWizard* wizard = openWizard();
    fillMinimalClient(wizard, QStringLiteral("Dana Cole"));
    goTo(wizard, IntakeWizard::ConsentPageId);
    wizard->next();  // forced past consent, then interrupted on the review page
    QCOMPARE(wizard->currentId(), int(IntakeWizard::ReviewPageId));
    const qint64 draftId = wizard->draftId();
    wizard->done(QDialog::Rejected);

    IntakeWizard* resumed = openWizard(draftId);
    QCOMPARE(resumed->currentId(), int(IntakeWizard::ReviewPageId));
    resumed->button(QWizard::FinishButton)->click();
    QCOMPARE(resumed->createdCaseId(), qint64(0));
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
}

void IntakeTest::failingCreateKeepsEverythingTyped()
{
    // A fee earner who is not (or no longer) an active user: core refuses the case.
    std::vector<core::User> staff = m_staff;
    staff.push_back({0, QStringLiteral("ghost"), QStringLiteral("Gone Away"), core::Role::Solicitor, true, false, {}});
    IntakeWizard* wizard = openWizard();
    wizard->setStaff(staff, QStringLiteral("pat"));
    QSignalSpy created(wizard, &IntakeWizard::caseCreated);
    fillMinimalClient(wizard, QStringLiteral("Morgan Reyes"));
    type(wizard->currentPage(), QStringLiteral("emailLineEdit"), QStringLiteral("morgan@example.org"));
    next(wizard);
    type(wizard->currentPage(), QStringLiteral("placeLineEdit"), QStringLiteral("Cardiff"));
    typeDate(wizard->currentPage(), QStringLiteral("startDateField"), QStringLiteral("2003"));
    child<QAbstractButton>(wizard->currentPage(), QStringLiteral("recordAccountButton"))->click();
    typeLines(wizard->currentPage(), QStringLiteral("accountPlainTextEdit"), {QStringLiteral("What I want to say.")});
    giveConsent(wizard);
    goTo(wizard, IntakeWizard::ReviewPageId);
    auto* feeEarner = child<QComboBox>(wizard->currentPage(), QStringLiteral("feeEarnerComboBox"));
    feeEarner->setCurrentIndex(feeEarner->findData(QStringLiteral("ghost")));
    QVERIFY(!create(wizard));

    QCOMPARE(created.count(), 0);
    QVERIFY(wizard->isVisible());
    QCOMPARE(wizard->currentId(), int(IntakeWizard::ReviewPageId));
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
    const RecordingPrompter::Call* error = m_prompter.last(RecordingPrompter::Kind::Error);
    QVERIFY(error->title.contains(QStringLiteral("Everything typed is kept")));
    QVERIFY2(error->text.contains(QStringLiteral("ghost")), qPrintable(error->text));
    QCOMPARE(child<QLineEdit>(wizard, QStringLiteral("fullNameLineEdit"))->text(), QStringLiteral("Morgan Reyes"));
    QCOMPARE(child<QLineEdit>(wizard, QStringLiteral("emailLineEdit"))->text(), QStringLiteral("morgan@example.org"));
    QCOMPARE(child<QLineEdit>(wizard, QStringLiteral("placeLineEdit"))->text(), QStringLiteral("Cardiff"));
    QCOMPARE(child<QPlainTextEdit>(wizard, QStringLiteral("accountPlainTextEdit"))->toPlainText(), QStringLiteral("What I want to say."));
    // The draft holds it too, and nothing half-made was left behind.
    auto drafts = m_cases->drafts();
    QVERIFY(drafts.ok());
    QCOMPARE(drafts->size(), std::size_t(1));
    auto cases = m_cases->list();
    QVERIFY(cases.ok());
    QVERIFY(cases->empty());
    QCOMPARE(*m_vault->connection().scalarInt("SELECT count(*) FROM conflict_checks"), qint64 {0});
    // Choosing a real fee earner then works.
    feeEarner->setCurrentIndex(feeEarner->findData(QStringLiteral("pat")));
    wizard->button(QWizard::FinishButton)->click();
    QVERIFY(wizard->createdCaseId() != 0);
    QCOMPARE(created.count(), 1);
}

void IntakeTest::impossibleAndFutureDatesBlockNextWithARedHint()
{
    IntakeWizard* wizard = openWizard();
    fillMinimalClient(wizard);
    QWizardPage* page = wizard->currentPage();
    QAbstractButton* nextButton = wizard->button(QWizard::NextButton);
    auto* dob = child<ui::DateField>(page, QStringLiteral("dateOfBirthField"));
    auto* problem = child<QLabel>(dob, QStringLiteral("dateHintLabel"));
    QVERIFY(nextButton->isEnabled());

    typeDate(page, QStringLiteral("dateOfBirthField"), QStringLiteral("31/02/1990"));
    QCOMPARE(dob->hintText(), QStringLiteral("There is no 31 February 1990: check the day."));
    QVERIFY(problem->isVisible());
    QVERIFY(!nextButton->isEnabled());
    typeDate(page, QStringLiteral("dateOfBirthField"),
             QDate::currentDate().addDays(2).toString(QStringLiteral("dd/MM/yyyy")));
    QCOMPARE(dob->hintText(), QStringLiteral("A date of birth cannot be in the future."));
    QVERIFY(!nextButton->isEnabled());
    typeDate(page, QStringLiteral("dateOfBirthField"), QStringLiteral("27/11/1990"));
    QCOMPARE(dob->hintText(), QStringLiteral("27 Nov 1990"));
    QVERIFY(!problem->isVisible());
    QVERIFY(nextButton->isEnabled());
    // The problem is shown in red.
    typeDate(page, QStringLiteral("dateOfBirthField"), QStringLiteral("30/02/1990"));
    const QColor red = problem->palette().color(QPalette::WindowText);
    QVERIFY(red.red() > 150 && red.green() < 100);
}

void IntakeTest::incidentEndBeforeStartIsExplained()
{
    IntakeWizard* wizard = openWizard();
    fillMinimalClient(wizard);
    next(wizard);
    QWizardPage* page = wizard->currentPage();
    typeDate(page, QStringLiteral("startDateField"), QStringLiteral("2001"));
    typeDate(page, QStringLiteral("endDateField"), QStringLiteral("Mar 1999"));
    auto* end = child<ui::DateField>(page, QStringLiteral("endDateField"));
    QCOMPARE(end->hintText(), QStringLiteral("This is before it started (2001)."));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    typeDate(page, QStringLiteral("endDateField"), QStringLiteral("2001"));  // same year: fine
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    // An untouched incident is left out; once anything is entered, when it started is asked for.
    typeDate(page, QStringLiteral("startDateField"), QString());
    typeDate(page, QStringLiteral("endDateField"), QString());
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    type(page, QStringLiteral("placeLineEdit"), QStringLiteral("Hull"));
    auto* start = child<ui::DateField>(page, QStringLiteral("startDateField"));
    QVERIFY(start->hintText().startsWith(QStringLiteral("When did it start?")));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    typeDate(page, QStringLiteral("startDateField"), QStringLiteral("about 1990"));
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
}

void IntakeTest::discardDeletesTheDraftAfterAskingFirst()
{
    IntakeWizard* wizard = openWizard();
    fillMinimalClient(wizard, QStringLiteral("Taylor Penn"));
    next(wizard);
    QVERIFY(wizard->draftId() > 0);
    m_prompter.confirmAnswers = {false};
    wizard->button(QWizard::CustomButton1)->click();
    QVERIFY(wizard->isVisible());
    m_prompter.confirmAnswers = {true};
    wizard->button(QWizard::CustomButton1)->click();
    QVERIFY(!wizard->isVisible());
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Confirm), 2);
    auto drafts = m_cases->drafts();
    QVERIFY(drafts.ok());
    QVERIFY(drafts->empty());
}

void IntakeTest::fullSafeguardingScreenResumesFromTheDraftAndIsStored()
{
    IntakeWizard* wizard = openWizard();
    fillMinimalClient(wizard, QStringLiteral("Dana Frost"));
    goTo(wizard, IntakeWizard::SafeguardingPageId);
    QWidget* page = wizard->currentPage();
    auto click = [&page](const char* name) { child<QAbstractButton>(page, QString::fromLatin1(name))->click(); };
    // Intent and the means are asked about only with thoughts of ending their life, like the plan.
    click("suicidalNoneRadioButton");
    QVERIFY(!child<QRadioButton>(page, QStringLiteral("intentYesRadioButton"))->isEnabled());
    QVERIFY(!child<QRadioButton>(page, QStringLiteral("meansYesRadioButton"))->isEnabled());
    click("suicidalPassiveRadioButton");
    QVERIFY(child<QRadioButton>(page, QStringLiteral("intentYesRadioButton"))->isEnabled());
    for (const char* answer :
         {"planNoRadioButton", "intentNoRadioButton", "meansAskLaterRadioButton", "pastAttemptsYesRadioButton",
          "livesWithAbuserNearRadioButton", "gpSupportCheckBox", "isvaSupportCheckBox", "abuserAliveYesRadioButton",
          "whereaboutsUnknownRadioButton", "convictedNoRadioButton", "investigationYesRadioButton",
          "notificationUnknownRadioButton", "otherVictimsYesRadioButton", "ownChildrenNoRadioButton",
          "institutionAskLaterRadioButton", "crisisLineGivenCheckBox"}) {
        click(answer);
    }
    type(page, QStringLiteral("supportLastContactEdit"), QStringLiteral("Saw her ISVA on Monday"));
    // Asked yesterday by a colleague, not by the person recording it now.
    child<QGroupBox>(page, QStringLiteral("askedGroupBox"))->setChecked(true);
    type(page, QStringLiteral("askedByEdit"), QStringLiteral("Jo Duty"));
    const QDateTime askedAt(QDate::currentDate().addDays(-1), QTime(10, 30));
    child<QDateTimeEdit>(page, QStringLiteral("askedAtDateTimeEdit"))->setDateTime(askedAt);
    QVERIFY(!child<QFrame>(page, QStringLiteral("seriousRiskFrame"))->styleSheet().contains(QStringLiteral("2px")));

    // Interrupted: every answer comes back in the resumed wizard.
    QVERIFY(wizard->saveDraftNow());
    const qint64 draftId = wizard->draftId();
    wizard->done(QDialog::Rejected);
    IntakeWizard* resumed = openWizard(draftId);
    QCOMPARE(resumed->currentId(), int(IntakeWizard::SafeguardingPageId));
    page = resumed->currentPage();
    for (const char* answer :
         {"suicidalPassiveRadioButton", "planNoRadioButton", "intentNoRadioButton", "meansAskLaterRadioButton",
          "pastAttemptsYesRadioButton", "livesWithAbuserNearRadioButton", "gpSupportCheckBox", "isvaSupportCheckBox",
          "abuserAliveYesRadioButton", "whereaboutsUnknownRadioButton", "convictedNoRadioButton",
          "investigationYesRadioButton", "notificationUnknownRadioButton", "otherVictimsYesRadioButton",
          "ownChildrenNoRadioButton", "institutionAskLaterRadioButton", "crisisLineGivenCheckBox"}) {
        QVERIFY2(child<QAbstractButton>(page, QString::fromLatin1(answer))->isChecked(), answer);
    }
    QVERIFY(!child<QCheckBox>(page, QStringLiteral("therapistSupportCheckBox"))->isChecked());
    QCOMPARE(child<QLineEdit>(page, QStringLiteral("supportLastContactEdit"))->text(),
             QStringLiteral("Saw her ISVA on Monday"));
    QVERIFY(child<QGroupBox>(page, QStringLiteral("askedGroupBox"))->isChecked());
    QCOMPARE(child<QLineEdit>(page, QStringLiteral("askedByEdit"))->text(), QStringLiteral("Jo Duty"));
    QCOMPARE(child<QDateTimeEdit>(page, QStringLiteral("askedAtDateTimeEdit"))->dateTime(), askedAt);

    giveConsent(resumed);
    goTo(resumed, IntakeWizard::ReviewPageId);
    const QString summary
        = child<QTextBrowser>(resumed->currentPage(), QStringLiteral("summaryTextBrowser"))->toPlainText();
    QVERIFY2(summary.contains(QStringLiteral("Lives with or near the abuser"))
                 && summary.contains(QStringLiteral("nearby")),
             qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("GP, ISVA (last contact: Saw her ISVA on Monday)")), qPrintable(summary));
    QVERIFY(create(resumed));

    auto record = m_cases->load(resumed->createdCaseId());
    QVERIFY(record.ok());
    const core::SafeguardingScreen& s = record->safeguarding;
    QCOMPARE(s.suicidalThoughts, core::SuicidalThoughts::Passive);
    QCOMPARE(s.intent, std::optional<bool>(false));
    QCOMPARE(s.accessToMeans, std::optional<bool>());  // asked later
    QCOMPARE(s.pastAttempts, std::optional<bool>(true));
    QCOMPARE(s.livesNearAbuser, core::AbuserProximity::Near);
    QVERIFY((s.support == std::vector<core::SupportKind> {core::SupportKind::Gp, core::SupportKind::Isva}));
    QCOMPARE(s.supportLastContact, QStringLiteral("Saw her ISVA on Monday"));
    QVERIFY(s.crisisLineGiven);
    QCOMPARE(s.abuserAlive, std::optional<bool>(true));
    QCOMPARE(s.abuserWhereaboutsKnown, std::optional<bool>());  // don't know
    QCOMPARE(s.abuserConvicted, std::optional<bool>(false));
    QCOMPARE(s.abuserUnderInvestigation, std::optional<bool>(true));
    QCOMPARE(s.otherVictimsNamed, std::optional<bool>(true));
    QCOMPARE(s.clientChildrenAtRisk, std::optional<bool>(false));
    QCOMPARE(s.askedBy, QStringLiteral("Jo Duty"));
    QCOMPARE(s.askedAtUtc, askedAt.toUTC());
    QVERIFY(!record->safeguardingAlert);  // nothing serious: passive thoughts, near (not with) the abuser
    QStringList askLater;
    for (const core::Task& task : tasksOf(record->id)) {
        if (task.kind == core::TaskKind::AskLater) {
            askLater << task.title;
        }
    }
    QCOMPARE(askLater.size(), 2);
    QVERIFY(askLater.join(QLatin1Char('\n')).contains(QStringLiteral("means to hand")));
    QVERIFY(askLater.join(QLatin1Char('\n')).contains(QStringLiteral("institution still operates")));
}

void IntakeTest::livingWithTheAbuserOrIntentIsASeriousRisk()
{
    IntakeWizard* wizard = openWizard();
    fillMinimalClient(wizard, QStringLiteral("Sky Barton"));
    goTo(wizard, IntakeWizard::SafeguardingPageId);
    QWidget* page = wizard->currentPage();
    auto* frame = child<QFrame>(page, QStringLiteral("seriousRiskFrame"));
    auto* text = child<QLabel>(page, QStringLiteral("seriousRiskLabel"));
    child<QRadioButton>(page, QStringLiteral("livesWithAbuserNearRadioButton"))->click();
    QVERIFY(!frame->isVisible());  // nearby is noted, not a serious risk on its own
    child<QRadioButton>(page, QStringLiteral("livesWithAbuserSameHomeRadioButton"))->click();
    QVERIFY(frame->isVisible());
    // Shown at once, on screen: not below the questions where it would need scrolling to.
    QApplication::processEvents();
    const QRect shown(frame->mapTo(wizard, QPoint(0, 0)), frame->size());
    QVERIFY2(wizard->rect().contains(shown),
             qPrintable(QStringLiteral("frame at %1,%2 %3x%4 in a %5x%6 wizard")
                            .arg(shown.x())
                            .arg(shown.y())
                            .arg(shown.width())
                            .arg(shown.height())
                            .arg(wizard->width())
                            .arg(wizard->height())));
    QVERIFY(text->text().contains(QStringLiteral("urgent safeguarding task")));
    QVERIFY2(text->text().contains(QStringLiteral("living with the abuser")), qPrintable(text->text()));
    child<QRadioButton>(page, QStringLiteral("suicidalPassiveRadioButton"))->click();
    child<QRadioButton>(page, QStringLiteral("intentYesRadioButton"))->click();
    QVERIFY2(text->text().contains(QStringLiteral("intent to act")), qPrintable(text->text()));
    giveConsent(wizard);
    QVERIFY(create(wizard));

    auto record = m_cases->load(wizard->createdCaseId());
    QVERIFY(record.ok());
    QVERIFY(record->safeguardingAlert);
    const auto tasks = tasksOf(record->id);
    const auto urgent = std::find_if(tasks.cbegin(), tasks.cend(), [](const core::Task& t) {
        return t.urgent && t.kind == core::TaskKind::Safeguarding;
    });
    QVERIFY(urgent != tasks.cend());
    QVERIFY(urgent->title.contains(QStringLiteral("living with the abuser")));
    QVERIFY(urgent->title.contains(QStringLiteral("intent")));
}

void IntakeTest::aDraftOpenInAWizardIsBroughtToTheFrontNotOpenedAgain()
{
    auto launch = [this](qint64 draftId) {
        return qobject_cast<IntakeWizard*>(ui::launchIntakeWizard(*m_cases, *m_conflicts, m_prompter, nullptr, draftId,
                                                                  m_staff, QStringLiteral("pat"), {}));
    };
    auto openWizards = [] {
        int n = 0;
        for (QWidget* window : QApplication::topLevelWidgets()) {
            n += qobject_cast<IntakeWizard*>(window) != nullptr && window->isVisible() ? 1 : 0;
        }
        return n;
    };
    // A new intake saves to a draft as soon as it moves on.
    QPointer<IntakeWizard> first = launch(0);
    QVERIFY(first);
    fillMinimalClient(first, QStringLiteral("Rowan Hart"));
    next(first);
    const qint64 draftId = first->draftId();
    QVERIFY(draftId > 0);
    // Resuming that draft (Cases › Resume an intake draft) brings the same wizard forward, with what it holds.
    QCOMPARE(launch(draftId), first.data());
    QCOMPARE(openWizards(), 1);
    QCOMPARE(child<QLineEdit>(first, QStringLiteral("fullNameLineEdit"))->text(), QStringLiteral("Rowan Hart"));
    QCOMPARE(IntakeWizard::openFor(draftId), first.data());

    // Once it is closed, the draft opens in a new wizard; asking again brings that one forward.
    first->done(QDialog::Rejected);
    QCOMPARE(IntakeWizard::openFor(draftId), nullptr);
    QPointer<IntakeWizard> resumed = launch(draftId);
    QVERIFY(resumed && resumed != first);
    QCOMPARE(launch(draftId), resumed.data());
    QCOMPARE(openWizards(), 1);
    auto drafts = m_cases->drafts();
    QVERIFY(drafts.ok());
    QCOMPARE(drafts->size(), std::size_t(1));  // one draft, never a copy

    // A different draft is a different wizard.
    QPointer<IntakeWizard> other = launch(0);
    QVERIFY(other && other != resumed);
    QCOMPARE(openWizards(), 2);
    for (IntakeWizard* wizard : {resumed.data(), other.data()}) {
        wizard->done(QDialog::Rejected);
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);  // they delete themselves on close
    QVERIFY(!first && !resumed && !other);
}

QTEST_MAIN(IntakeTest)
#include "tst_ui_intake.moc"
