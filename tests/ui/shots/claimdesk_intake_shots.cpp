// Renders every page of the intake wizard to PNG files, filled with fictional data, so a person can look at them:
//   QT_QPA_PLATFORM=offscreen build/tests/ui/claimdesk_intake_shots /tmp/shots-intake
// Uses a temporary vault (fast KDF) and a recording Prompter; nothing real is touched.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "ui/intake/ConflictHints.h"
#include "ui/intake/DateField.h"
#include "ui/intake/IntakeWizard.h"

#include "cases/CaseService.h"
#include "conflicts/ConflictService.h"
#include "store/Vault.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QTest>

#include <cstdio>

using namespace claimdesk;

namespace {

QDir g_out;

void shoot(QWidget* widget, const QString& name)
{
    QTest::qWait(350);  // past the conflict hints' debounce
    QApplication::processEvents();
    const QString path = g_out.filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(path)) {
        std::fprintf(stderr, "could not save %s\n", qPrintable(path));
    } else {
        std::printf("%s (%dx%d)\n", qPrintable(path), widget->width(), widget->height());
        std::fflush(stdout);
    }
}

template <typename T> T* child(QWidget* root, const char* name)
{
    T* found = root->findChild<T*>(QString::fromLatin1(name));
    if (found == nullptr) {
        qFatal("no %s", name);
    }
    return found;
}

void setText(QWidget* root, const char* name, const QString& text)
{
    QWidget* widget = child<QWidget>(root, name);
    if (auto* field = qobject_cast<ui::DateField*>(widget)) {
        field->lineEdit()->setText(text);
    } else if (auto* edit = qobject_cast<QLineEdit*>(widget)) {
        edit->setText(text);
    } else if (auto* plain = qobject_cast<QPlainTextEdit*>(widget)) {
        plain->setPlainText(text);
    } else if (auto* combo = qobject_cast<QComboBox*>(widget)) {
        combo->setCurrentText(text);
    }
}

void click(QWidget* root, const char* name)
{
    child<QAbstractButton>(root, name)->click();
}

}  // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    test::useTestSettings();
    g_out = QDir(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/shots-intake"));
    g_out.mkpath(QStringLiteral("."));
    QTemporaryDir dir;
    const QByteArray oneTime = QByteArrayLiteral("one-time passphrase 123");
    const QByteArray own = QByteArrayLiteral("Pat's own passphrase, long enough");
    std::vector<core::User> staff;
    {
        auto admin = test::createVault(dir);
        (void)admin->addUser({QStringLiteral("pat"), QStringLiteral("Pat Paralegal"), core::Role::Paralegal}, oneTime);
        (void)admin->addUser({QStringLiteral("sam"), QStringLiteral("Sam Supervisor"), core::Role::Supervisor}, oneTime);
        (void)admin->addUser({QStringLiteral("sol"), QStringLiteral("Sol Solicitor"), core::Role::Solicitor}, oneTime);
        staff = admin->users().value();
    }
    const QString path = dir.filePath(QStringLiteral("test.claimdesk"));
    {
        auto first = core::Vault::unlock(path, QStringLiteral("pat"), oneTime, test::fastOptions(dir)).value();
        (void)first->changePassphrase(oneTime, own);
    }
    auto vault = core::Vault::unlock(path, QStringLiteral("pat"), own, test::fastOptions(dir)).value();
    core::CaseService cases(*vault);
    core::ConflictService conflicts(*vault);
    {
        core::NewCase earlier;
        earlier.client.fullName = QStringLiteral("William Turner");
        earlier.client.dateOfBirth = QDate(1984, 6, 2);
        core::Incident incident;
        incident.start = QDate(1995, 1, 1);
        incident.startPrecision = core::DatePrecision::Year;
        incident.perpetrators << QStringLiteral("Graham Pike");
        incident.institutions << QStringLiteral("St Aidan's School");
        earlier.incidents.push_back(incident);
        earlier.parties.push_back({core::Party{0, core::PartyKind::Person, QStringLiteral("Graham Pike"), {}}, core::PartyRole::Abuser});
        earlier.parties.push_back({core::Party{0, core::PartyKind::Organisation, QStringLiteral("St Aidan's School"), {}}, core::PartyRole::Institution});
        if (!cases.create(earlier)) {
            qFatal("could not create the earlier case");
        }
    }
    test::RecordingPrompter prompter;
    ui::IntakeWizard wizard(cases, conflicts, prompter);
    wizard.setStaff(staff, QStringLiteral("pat"));
    wizard.show();
    (void)QTest::qWaitForWindowExposed(&wizard);

    QWidget* page = wizard.currentPage();
    shoot(&wizard, QStringLiteral("01a-safety-empty"));
    click(page, "safeToTalkNoRadioButton");
    setText(page, "saferTimeLineEdit", QStringLiteral("Thursday after 10am, on the mobile"));
    shoot(&wizard, QStringLiteral("01b-safety-not-safe"));
    click(page, "safeToTalkYesRadioButton");
    click(page, "phoneCheckBox");
    click(page, "textCheckBox");
    setText(page, "neverWriteToPlainTextEdit", QStringLiteral("12 Elm Road, Leeds LS6 2AB (parents' house)"));
    setText(page, "codeWordLineEdit", QStringLiteral("bluebell"));
    setText(page, "timesToAvoidLineEdit", QStringLiteral("Weekday evenings after 6pm"));
    setText(page, "whoKnowsLineEdit", QStringLiteral("Sister knows and is supportive; partner does not know"));
    shoot(&wizard, QStringLiteral("01c-safety-filled"));

    wizard.next();
    page = wizard.currentPage();
    setText(page, "fullNameLineEdit", QStringLiteral("Bill Turner"));
    setText(page, "preferredNameLineEdit", QStringLiteral("Billy"));
    setText(page, "formerNamesPlainTextEdit", QStringLiteral("William Carter\nBilly Carter"));
    setText(page, "dateOfBirthField", QStringLiteral("02/06/1984"));
    click(page, "dateOfBirthVerifiedCheckBox");
    setText(page, "pronounsComboBox", QStringLiteral("he/him"));
    setText(page, "phoneLineEdit", QStringLiteral("07700 900123"));
    setText(page, "emailLineEdit", QStringLiteral("b.turner@example.org"));
    setText(page, "addressPlainTextEdit", QStringLiteral("Flat 3, 41 Harrow Street\nBradford BD1 4QT"));
    child<QComboBox>(page, "caseworkerGenderComboBox")->setCurrentIndex(2);
    setText(page, "communicationNeedsLineEdit", QStringLiteral("Prefers short calls with breaks"));
    shoot(&wizard, QStringLiteral("02a-client-with-conflict-hints"));
    setText(page, "dateOfBirthField", QStringLiteral("31/02/1984"));
    shoot(&wizard, QStringLiteral("02b-client-impossible-date"));
    setText(page, "dateOfBirthField", QStringLiteral("02/06/1984"));

    wizard.next();
    page = wizard.currentPage();
    setText(page, "startDateField", QStringLiteral("about 1995"));
    setText(page, "endDateField", QStringLiteral("Jul 1998"));
    setText(page, "placeLineEdit", QStringLiteral("St Aidan's School, Bradford"));
    click(page, "sexualCheckBox");
    click(page, "exploitationCheckBox");
    setText(page, "perpetratorsPlainTextEdit", QStringLiteral("Graham Pike\n\"Mr G\" (a volunteer, surname not known)"));
    setText(page, "institutionsPlainTextEdit", QStringLiteral("St Aidan's School"));
    shoot(&wizard, QStringLiteral("03a-incident-with-hints"));
    click(page, "recordAccountButton");
    setText(page, "accountPlainTextEdit",
            QStringLiteral("He was my form tutor. It started after the school trip and went on until I left. I "
                           "told my mum in 2015 and we went to the police together."));
    shoot(&wizard, QStringLiteral("03b-incident-with-account"));
    child<QAbstractButton>(page, "addIncidentButton")->click();
    QWidget* second = child<QWidget>(page, "incidentForm2");
    shoot(&wizard, QStringLiteral("03c-second-incident-empty"));
    setText(second, "placeLineEdit", QStringLiteral("Scout hut, Keighley"));
    setText(second, "endDateField", QStringLiteral("1990"));
    shoot(&wizard, QStringLiteral("03d-second-incident-needs-start"));
    setText(second, "startDateField", QStringLiteral("1989"));
    click(second, "physicalCheckBox");
    shoot(&wizard, QStringLiteral("03e-second-incident-filled"));

    wizard.next();
    page = wizard.currentPage();
    click(page, "reportedYesRadioButton");
    setText(page, "reportDateField", QStringLiteral("14/09/2016"));
    setText(page, "policeForceComboBox", QStringLiteral("West Yorkshire Police"));
    setText(page, "crimeReferenceLineEdit", QStringLiteral("13160412345"));
    child<QComboBox>(page, "prosecutionComboBox")->setCurrentIndex(3);
    click(page, "abuserLimbCheckBox");
    click(page, "vicariousLimbCheckBox");
    click(page, "cicaLimbCheckBox");
    click(page, "cicaAppliedCheckBox");
    setText(page, "cicaReferenceLineEdit", QStringLiteral("X/17/123456"));
    shoot(&wizard, QStringLiteral("04-police-and-cica"));

    wizard.next();
    page = wizard.currentPage();
    shoot(&wizard, QStringLiteral("05a-safeguarding-empty"));
    click(page, "suicidalPassiveRadioButton");
    click(page, "planNoRadioButton");
    click(page, "selfHarmAskLaterRadioButton");
    click(page, "currentAbuseNoRadioButton");
    click(page, "childrenYesRadioButton");
    click(page, "trustUnknownRadioButton");
    click(page, "crisisLineGivenCheckBox");
    shoot(&wizard, QStringLiteral("05b-safeguarding-serious-risk"));

    wizard.next();
    page = wizard.currentPage();
    shoot(&wizard, QStringLiteral("06a-consent-not-given"));
    click(page, "processingCheckBox");
    click(page, "contactCheckBox");
    shoot(&wizard, QStringLiteral("06b-consent-given"));

    wizard.next();
    page = wizard.currentPage();
    auto* supervisor = child<QComboBox>(page, "supervisorComboBox");
    supervisor->setCurrentIndex(supervisor->findData(QStringLiteral("sam")));
    shoot(&wizard, QStringLiteral("07a-review-top"));
    auto* browser = page->findChild<QWidget*>(QStringLiteral("summaryTextBrowser"));
    for (int i = 0; i < 4; ++i) {
        QTest::keyClick(browser, Qt::Key_PageDown);
        shoot(&wizard, QStringLiteral("07b-review-scrolled-%1").arg(i + 1));
    }
    wizard.resize(860, 640);
    shoot(&wizard, QStringLiteral("08a-review-small-window"));
    wizard.back();
    wizard.back();
    shoot(&wizard, QStringLiteral("08b-safeguarding-small-window"));
    wizard.back();
    wizard.back();
    shoot(&wizard, QStringLiteral("08c-incidents-small-window"));
    wizard.back();
    shoot(&wizard, QStringLiteral("08d-client-small-window"));
    wizard.back();
    shoot(&wizard, QStringLiteral("08e-safety-small-window"));
    wizard.done(QDialog::Rejected);
    return 0;
}
