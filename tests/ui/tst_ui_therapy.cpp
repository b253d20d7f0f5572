// The therapy screens (ui/therapy): the case file's Therapy tab (requests, details, actions by role and state, the
// dialogs of the workflow, the statement of costs) and the supervisors' therapy fund window. Requests are set up
// directly with core::therapy::TherapyService in a TestFirm vault (today is 27 Nov 2026), each step by the person
// who would take it; the UI signs in through VaultSession. Dialogs never block: they are opened with open() and
// filled in here, and every message, question and file name goes through the RecordingPrompter.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "TestFirm.h"

#include "ui/cases/CaseFileWidget.h"
#include "ui/cases/CaseListPanel.h"
#include "ui/cases/CaseText.h"
#include "ui/cases/CaseWorkspace.h"
#include "ui/shell/MainWindow.h"
#include "ui/therapy/CaseTherapyTab.h"
#include "ui/therapy/FundBudgetBar.h"
#include "ui/therapy/FundReportModel.h"
#include "ui/therapy/StatementDialog.h"
#include "ui/therapy/StatementDocument.h"
#include "ui/therapy/TherapyDialogs.h"
#include "ui/therapy/TherapyFundWindow.h"
#include "ui/therapy/TherapyInvoiceModel.h"
#include "ui/therapy/TherapyProviderModel.h"
#include "ui/therapy/TherapyRequestModel.h"

#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "store/AuditLog.h"
#include "therapy/TherapyService.h"

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
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace claimdesk;
using test::RecordingPrompter;
namespace th = core::therapy;

namespace {

const QString kClient = QStringLiteral("Ruth Ames");

// The services of one person's session, as the app builds them.
struct Services {
    explicit Services(core::Vault& vault) : cases(vault), deadlines(vault, cases), therapy(vault, cases, deadlines) { }
    core::CaseService cases;
    core::deadlines::DeadlineService deadlines;
    th::TherapyService therapy;
};

core::NewCase clientCase(bool seriousRisk)
{
    core::NewCase c;
    c.client.fullName = kClient;
    c.client.dateOfBirth = QDate(1990, 5, 6);
    core::Incident i;
    i.start = QDate(2001, 3, 1);
    i.startPrecision = core::DatePrecision::Month;
    i.abuseTypes = {QStringLiteral("sexual")};
    c.incidents.push_back(i);
    c.consent.processingForClaim = true;
    c.consent.contact = true;
    c.safeguarding.suicidalThoughts = seriousRisk ? core::SuicidalThoughts::Active : core::SuicidalThoughts::None;
    c.supervisor = QStringLiteral("sam");
    return c;
}

QDialogButtonBox* buttonsOf(QWidget* dialog)
{
    return dialog->findChild<QDialogButtonBox*>();
}

void clickOk(QWidget* dialog)
{
    buttonsOf(dialog)->button(QDialogButtonBox::Ok)->click();
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

}  // namespace

class TherapyUiTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void tabListsRequestsWithSessionsAndMoney();
    void actionsFollowRoleAndState();
    void aFullWorkflowThroughTheUi();
    void aConflictingEditKeepsTheDialogAndWhatWasTyped();
    void fundWindowBudgetReconcilesWithCore();
    void accountsGetTheFundsPaymentSideOnly();
    void statementCsvAndTextNameTheCaseNotTheClient();
    void modelsPassTheModelTester();

private:
    ui::MainWindow* signIn(const QString& username);
    void signOut();
    ui::CaseTherapyTab* openTherapy(qint64 caseId);
    qint64 createCase(bool seriousRisk = false);
    qint64 provider(const QString& name = QStringLiteral("Dr Jo Example"), bool verified = true);
    // A request by `who` (a username), moved on to AwaitingApproval.
    th::TherapyRequest awaitingApproval(const QString& who, qint64 caseId, qint64 providerId);
    // Approved by sam, the provider instructed and therapy started; `sessions` logged and `paidPence` invoiced and paid.
    th::TherapyRequest inTherapy(qint64 caseId, qint64 providerId, int sessions, qint64 paidPence);
    void allocate(qint64 pence);

    std::unique_ptr<test::TestFirm> m_firm;
    RecordingPrompter m_prompter;
    std::unique_ptr<ui::VaultSession> m_session;
    std::unique_ptr<ui::MainWindow> m_main;
    QString m_reference;
};

void TherapyUiTest::initTestCase()
{
    test::useTestSettings();
}

void TherapyUiTest::init()
{
    QSettings().clear();
    m_prompter.reset();
    m_firm = std::make_unique<test::TestFirm>();
}

void TherapyUiTest::cleanup()
{
    signOut();
    m_firm.reset();
}

void TherapyUiTest::signOut()
{
    m_main.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

ui::MainWindow* TherapyUiTest::signIn(const QString& username)
{
    signOut();
    m_session = std::make_unique<ui::VaultSession>(m_firm->options(), core::KdfProfile::fastForTestsOnly());
    if (!test::unlockSession(*m_session, m_firm->path(), username, test::TestFirm::passphraseOf(username))) {
        return nullptr;
    }
    m_main = std::make_unique<ui::MainWindow>(*m_session, m_prompter);
    m_main->resize(1280, 900);
    m_main->show();
    if (m_main->caseWorkspace() != nullptr  // admins and accounts have no case list
        && !QTest::qWaitFor([&] { return !m_main->caseWorkspace()->listPanel()->isLoading(); }, 5000)) {
        return nullptr;
    }
    return m_main.get();
}

ui::CaseTherapyTab* TherapyUiTest::openTherapy(qint64 caseId)
{
    ui::CaseFileWidget* file = m_main->caseWorkspace()->openCase(caseId);
    if (file == nullptr || file->therapyTab() == nullptr) {
        return nullptr;
    }
    ui::CaseTherapyTab* tab = file->therapyTab();
    tab->setToday(test::TestFirm::today());
    file->tabs()->setCurrentWidget(tab);  // shown: loads
    return tab;
}

qint64 TherapyUiTest::createCase(bool seriousRisk)
{
    core::CaseService service(m_firm->solicitor());
    auto created = service.create(clientCase(seriousRisk));
    if (!created) {
        qFatal("creating a test case failed: %s", qPrintable(created.error().message));
    }
    m_reference = created->reference;
    return created->id;
}

qint64 TherapyUiTest::provider(const QString& name, bool verified)
{
    Services sol(m_firm->solicitor());
    th::Provider p;
    p.name = name;
    p.organisation = QStringLiteral("Example Trauma Clinic");
    p.professionalBody = QStringLiteral("HCPC");
    p.registrationNumber = QStringLiteral("PYL01234");
    p.contact = QStringLiteral("01632 960000");
    p.bankAccountName = QStringLiteral("Example Trauma Clinic Ltd");
    p.bankSortCode = QStringLiteral("12-34-56");
    p.bankAccountNumber = QStringLiteral("12345678");
    auto saved = sol.therapy.saveProvider(p);
    if (!saved) {
        qFatal("adding a provider failed: %s", qPrintable(saved.error().message));
    }
    if (verified) {
        Services sam(m_firm->supervisor());
        if (auto v = sam.therapy.verifyProviderBank(saved->id, saved->version); !v) {
            qFatal("verifying a provider failed: %s", qPrintable(v.error().message));
        }
    }
    return saved->id;
}

th::TherapyRequest TherapyUiTest::awaitingApproval(const QString& who, qint64 caseId, qint64 providerId)
{
    Services s(m_firm->session(who));
    th::TherapyRequest draft;
    draft.caseId = caseId;
    draft.recommendation = QStringLiteral("Dr A Expert, report of 3 Mar 2026, para 8.2");
    draft.diagnosis = QStringLiteral("complex PTSD");
    draft.providerId = providerId;
    draft.modality = th::Modality::Emdr;
    draft.frequency = QStringLiteral("weekly");
    draft.sessionsRequested = 12;
    draft.costPerSessionPence = 9000;
    draft.reviewAfterSessions = 6;
    auto r = s.therapy.createRequest(draft);
    if (!r) {
        qFatal("creating a request failed: %s", qPrintable(r.error().message));
    }
    for (const th::RequestStatus to : {th::RequestStatus::Submitted, th::RequestStatus::ClinicalCheck,
                                       th::RequestStatus::QuoteObtained, th::RequestStatus::AwaitingApproval}) {
        r = s.therapy.transition(r->id, to, r->version);
        if (!r) {
            qFatal("moving a request on failed: %s", qPrintable(r.error().message));
        }
    }
    return *r;
}

void TherapyUiTest::allocate(qint64 pence)
{
    Services sam(m_firm->supervisor());
    if (auto set = sam.therapy.setAllocation(sam.therapy.currentFundYear(), pence, QStringLiteral("test")); !set) {
        qFatal("setting the allocation failed: %s", qPrintable(set.error().message));
    }
}

th::TherapyRequest TherapyUiTest::inTherapy(qint64 caseId, qint64 providerId, int sessions, qint64 paidPence)
{
    th::TherapyRequest r = awaitingApproval(QStringLiteral("sol"), caseId, providerId);
    Services sam(m_firm->supervisor());
    th::ApprovalInput input;
    input.sessions = 12;
    input.budgetOverrideReason = QStringLiteral("Urgent: clinical need");  // only used when over budget
    auto approved = sam.therapy.approve(r.id, input, r.version);
    if (!approved) {
        qFatal("approving failed: %s", qPrintable(approved.error().message));
    }
    Services sol(m_firm->solicitor());
    auto moved = sol.therapy.transition(r.id, th::RequestStatus::ProviderInstructed, approved->version);
    moved = moved ? sol.therapy.transition(r.id, th::RequestStatus::InTherapy, moved->version) : moved;
    if (!moved) {
        qFatal("starting therapy failed: %s", qPrintable(moved.error().message));
    }
    for (int i = 0; i < sessions; ++i) {
        th::TherapySession s;
        s.heldOn = test::TestFirm::today();
        if (auto logged = sol.therapy.logSession(r.id, s); !logged) {
            qFatal("logging a session failed: %s", qPrintable(logged.error().message));
        }
    }
    if (paidPence > 0) {
        th::Invoice inv;
        inv.number = QStringLiteral("INV-%1").arg(r.id);
        inv.invoiceDate = test::TestFirm::today();
        inv.receivedOn = test::TestFirm::today();
        inv.sessionsCovered = sessions;
        inv.amountPence = paidPence;
        inv.providerId = providerId;
        auto added = sol.therapy.addInvoice(r.id, inv);
        if (!added) {
            qFatal("adding an invoice failed: %s", qPrintable(added.error().message));
        }
        th::Payment p;
        p.paidOn = test::TestFirm::today();
        p.amountPence = paidPence;
        p.method = QStringLiteral("BACS");
        if (auto paid = sam.therapy.pay(added->id, p); !paid) {
            qFatal("paying failed: %s", qPrintable(paid.error().message));
        }
    }
    return *sol.therapy.request(r.id);
}

// --- Tests ---------------------------------------------------------------------------------------------------

void TherapyUiTest::tabListsRequestsWithSessionsAndMoney()
{
    const qint64 id = createCase(true);  // serious risk: the badge is red
    allocate(2000000);
    const th::TherapyRequest r = inTherapy(id, provider(), 3, 27000);
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseTherapyTab* tab = openTherapy(id);
    QVERIFY(tab);
    ui::TherapyRequestModel* model = tab->requestsModel();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, ui::TherapyRequestModel::Status).data().toString(), QStringLiteral("In therapy"));
    QCOMPARE(model->index(0, ui::TherapyRequestModel::Modality).data().toString(), QStringLiteral("EMDR"));
    QCOMPARE(model->index(0, ui::TherapyRequestModel::Provider).data().toString(), QStringLiteral("Dr Jo Example"));
    QCOMPARE(model->index(0, ui::TherapyRequestModel::Sessions).data().toString(), QStringLiteral("3 / 12"));
    QCOMPARE(model->index(0, ui::TherapyRequestModel::PaidOfCap).data().toString(), QStringLiteral("£270.00 / £1,080.00"));
    QCOMPARE(model->index(0, ui::TherapyRequestModel::Risk).data().toString(), QStringLiteral("Serious risk"));
    QCOMPARE(model->index(0, ui::TherapyRequestModel::Risk).data(Qt::ForegroundRole).value<QBrush>().color(),
             QColor(0xa1, 0x1d, 0x12));
    QCOMPARE(model->index(0, ui::TherapyRequestModel::PaidOfCap).data(ui::TherapyRequestModel::SortRole).toLongLong(),
             qint64(27000));
    QVERIFY(tab->requestsView()->isColumnHidden(ui::TherapyRequestModel::Reference));  // it is this case

    // The selected request's details: every field, the decisions, the sessions log, the invoice and its payment.
    QCOMPARE(tab->selectedRequest()->id, r.id);
    const QString details = tab->detailsBrowser()->toPlainText();
    for (const QString& expected : {QStringLiteral("complex PTSD"), QStringLiteral("Dr A Expert"),
                                    QStringLiteral("12 requested · 12 approved · 3 used · 9 left"),
                                    QStringLiteral("£1,080.00 approved"), QStringLiteral("Sol Solicitor"),
                                    QStringLiteral("Verified by Sam Supervisor")}) {
        QVERIFY2(details.contains(expected), qPrintable(expected + QStringLiteral(" not in: ") + details));
    }
    QVERIFY(tab->decisionsBrowser()->toPlainText().contains(QStringLiteral("Sam Supervisor")));
    QVERIFY(tab->decisionsBrowser()->toPlainText().contains(QStringLiteral("Awaiting approval → Approved")));
    QCOMPARE(tab->sessionsBrowser()->toPlainText().count(QStringLiteral("27 Nov 2026")), qsizetype(3));
    QCOMPARE(tab->invoicesModel()->rowCount(), 1);
    QCOMPARE(tab->invoicesModel()->index(0, ui::TherapyInvoiceModel::State).data().toString(), QStringLiteral("Paid"));
    QVERIFY(tab->paymentsBrowser()->toPlainText().contains(QStringLiteral("£270.00")));
    // Serious risk is said in words too, above the actions.
    QVERIFY(tab->findChild<QLabel*>(QStringLiteral("requestStateHintLabel"))->text().contains(QStringLiteral("Serious")));
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
}

void TherapyUiTest::actionsFollowRoleAndState()
{
    const qint64 id = createCase();
    const qint64 p = provider();
    const th::TherapyRequest bySol = awaitingApproval(QStringLiteral("sol"), id, p);
    const th::TherapyRequest bySam = awaitingApproval(QStringLiteral("sam"), id, p);

    // A paralegal sees no Approve at all; the request cannot be edited any more, and says why.
    QVERIFY(signIn(QStringLiteral("pat")));
    ui::CaseTherapyTab* tab = openTherapy(id);
    QVERIFY(tab);
    QCOMPARE(tab->requestsModel()->rowCount(), 2);
    QVERIFY(tab->selectRequest(bySol.id));
    auto* approve = tab->findChild<QPushButton*>(QStringLiteral("approveButton"));
    auto* reject = tab->findChild<QPushButton*>(QStringLiteral("rejectButton"));
    auto* edit = tab->findChild<QPushButton*>(QStringLiteral("editRequestButton"));
    QVERIFY(approve->isHidden());
    QVERIFY(reject->isHidden());
    QVERIFY(!edit->isEnabled());
    QVERIFY(!edit->toolTip().isEmpty());
    QVERIFY(tab->findChild<QLabel*>(QStringLiteral("requestStateHintLabel"))->text().contains(QStringLiteral("supervisor")));
    // From "awaiting approval" only decisions lead on; the fee earner may still withdraw the request.
    QStringList steps;
    for (QPushButton* b : tab->findChildren<QPushButton*>()) {
        if (b->objectName().startsWith(QStringLiteral("step")) && !b->isHidden()) {
            steps << b->text();
        }
    }
    QCOMPARE(steps, QStringList {QStringLiteral("Withdraw")});
    // Paying is for supervisors: disabled with the reason.
    QVERIFY(!tab->findChild<QPushButton*>(QStringLiteral("payInvoiceButton"))->isEnabled());

    // A supervisor who asked for the therapy cannot approve it: shown, disabled, with the four-eyes reason.
    QVERIFY(signIn(QStringLiteral("sam")));
    tab = openTherapy(id);
    QVERIFY(tab->selectRequest(bySam.id));
    approve = tab->findChild<QPushButton*>(QStringLiteral("approveButton"));
    reject = tab->findChild<QPushButton*>(QStringLiteral("rejectButton"));
    QVERIFY(!approve->isHidden());
    QVERIFY(!approve->isEnabled());
    QVERIFY2(approve->toolTip().contains(QStringLiteral("another supervisor")), qPrintable(approve->toolTip()));
    QVERIFY(!reject->isEnabled());
    // Someone else's request: Approve and Reject are there and enabled.
    QVERIFY(tab->selectRequest(bySol.id));
    QVERIFY(approve->isEnabled());
    QVERIFY(reject->isEnabled());

    // A draft offers Submit and Withdraw, and may be edited.
    Services sol(m_firm->solicitor());
    th::TherapyRequest draft;
    draft.caseId = id;
    draft.sessionsRequested = 6;
    auto created = sol.therapy.createRequest(draft);
    QVERIFY(created.ok());
    tab->reload();
    QVERIFY(tab->selectRequest(created->id));
    QStringList shown;
    for (QPushButton* b : tab->findChildren<QPushButton*>()) {
        if (b->objectName().startsWith(QStringLiteral("step")) && !b->isHidden()) {
            shown << b->text();
        }
    }
    shown.sort();
    QCOMPARE(shown, QStringList({QStringLiteral("Submit"), QStringLiteral("Withdraw")}));
    QVERIFY(tab->findChild<QPushButton*>(QStringLiteral("editRequestButton"))->isEnabled());
    QVERIFY(approve->isHidden());
    QVERIFY(!tab->findChild<QPushButton*>(QStringLiteral("logSessionButton"))->isEnabled());
    QVERIFY(!tab->findChild<QPushButton*>(QStringLiteral("logSessionButton"))->toolTip().isEmpty());
    // Submitting a draft without its clinical basis is refused by core, through the Prompter; nothing moves.
    tab->stepButton(th::RequestStatus::Submitted)->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
    QVERIFY2(m_prompter.last(RecordingPrompter::Kind::Error)->text.contains(QStringLiteral("clinical basis")),
             qPrintable(m_prompter.last(RecordingPrompter::Kind::Error)->text));
    QCOMPARE(tab->selectedRequest()->status, th::RequestStatus::Draft);
}

void TherapyUiTest::aFullWorkflowThroughTheUi()
{
    const qint64 id = createCase();
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseTherapyTab* tab = openTherapy(id);
    QVERIFY(tab);
    QCOMPARE(tab->requestsModel()->rowCount(), 0);
    QVERIFY(tab->findChild<QLabel*>(QStringLiteral("therapyEmptyLabel"))->isVisible());

    // New request, with a new provider made on the way.
    tab->findChild<QPushButton*>(QStringLiteral("newRequestButton"))->click();
    auto* dialog = tab->findChild<ui::RequestDialog*>();
    QVERIFY(dialog && dialog->isVisible());
    dialog->findChild<QPushButton*>(QStringLiteral("newProviderButton"))->click();
    auto* providerDialog = dialog->findChild<ui::ProviderDialog*>();
    QVERIFY(providerDialog && providerDialog->isVisible());
    QTest::keyClicks(providerDialog->findChild<QLineEdit*>(QStringLiteral("providerNameEdit")), QStringLiteral("Dr Jo Example"));
    QTest::keyClicks(providerDialog->findChild<QLineEdit*>(QStringLiteral("organisationEdit")), QStringLiteral("Example Clinic"));
    QTest::keyClicks(providerDialog->findChild<QLineEdit*>(QStringLiteral("bankAccountNameEdit")), QStringLiteral("Example Clinic Ltd"));
    QTest::keyClicks(providerDialog->findChild<QLineEdit*>(QStringLiteral("sortCodeEdit")), QStringLiteral("12-34-56"));
    QTest::keyClicks(providerDialog->findChild<QLineEdit*>(QStringLiteral("accountNumberEdit")), QStringLiteral("12345678"));
    clickOk(providerDialog);
    QTRY_VERIFY(dialog->findChild<ui::ProviderDialog*>() == nullptr);
    QCOMPARE(dialog->findChild<QComboBox*>(QStringLiteral("providerCombo"))->currentText(),
             QStringLiteral("Dr Jo Example — Example Clinic"));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("recommendationEdit")), QStringLiteral("Dr A Expert, para 8.2"));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("diagnosisEdit")), QStringLiteral("complex PTSD"));
    auto* modality = dialog->findChild<QComboBox*>(QStringLiteral("modalityCombo"));
    modality->setCurrentIndex(modality->findText(QStringLiteral("EMDR")));
    dialog->findChild<QSpinBox*>(QStringLiteral("sessionsRequestedSpinBox"))->setValue(12);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("costPerSessionEdit")), QStringLiteral("90"));
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("requestTotalLabel"))->text().contains(QStringLiteral("£1,080.00")));
    clickOk(dialog);
    QTRY_VERIFY(tab->findChild<ui::RequestDialog*>() == nullptr);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    QCOMPARE(tab->requestsModel()->rowCount(), 1);
    QCOMPARE(tab->selectedRequest()->status, th::RequestStatus::Draft);
    QCOMPARE(tab->selectedRequest()->requester, QStringLiteral("sol"));

    // The fee earner's steps, each a button offered only in its turn.
    for (const th::RequestStatus to : {th::RequestStatus::Submitted, th::RequestStatus::ClinicalCheck,
                                       th::RequestStatus::QuoteObtained, th::RequestStatus::AwaitingApproval}) {
        QPushButton* b = tab->stepButton(to);
        QVERIFY2(!b->isHidden() && b->isEnabled(), qPrintable(b->objectName()));
        b->click();
        QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
        QCOMPARE(tab->selectedRequest()->status, to);
    }
    QVERIFY(tab->findChild<QPushButton*>(QStringLiteral("approveButton"))->isHidden());  // a solicitor

    // The supervisor: allocates the year's fund and verifies the bank details in the fund window …
    QVERIFY(signIn(QStringLiteral("sam")));
    auto* fundAction = m_main->findChild<QAction*>(QStringLiteral("therapyFundAction"));
    QVERIFY(fundAction->isEnabled());
    fundAction->trigger();
    auto* fund = m_main->findChild<ui::TherapyFundWindow*>();
    QVERIFY(fund && fund->isVisible());
    QCOMPARE(fund->approvalModel()->rowCount(), 1);
    fund->findChild<QPushButton*>(QStringLiteral("setAllocationButton"))->click();
    auto* allocation = fund->findChild<ui::TherapyFormDialog*>(QStringLiteral("AllocationDialog"));
    QVERIFY(allocation);
    allocation->findChild<QLineEdit*>(QStringLiteral("amountEdit"))->setText(QStringLiteral("20,000"));
    clickOk(allocation);
    QTRY_VERIFY(fund->findChild<ui::TherapyFormDialog*>(QStringLiteral("AllocationDialog")) == nullptr);
    QCOMPARE(fund->budget().allocatedPence, qint64(2000000));
    fund->tabs()->setCurrentIndex(ui::TherapyFundWindow::ProvidersTab);
    fund->providersView()->selectRow(0);
    QCOMPARE(fund->providerModel()->index(0, ui::TherapyProviderModel::Bank).data().toString(),
             QStringLiteral("Not verified — call back before paying"));
    auto* verify = fund->findChild<QPushButton*>(QStringLiteral("verifyBankButton"));
    QVERIFY2(verify->isEnabled(), qPrintable(verify->toolTip()));
    verify->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Confirm), 1);
    QVERIFY(fund->providerModel()->index(0, ui::TherapyProviderModel::Bank).data().toString().startsWith(
        QStringLiteral("Verified by Sam Supervisor")));
    fund->close();

    // … then approves on the case's tab.
    tab = openTherapy(id);
    QVERIFY(tab);
    auto* approve = tab->findChild<QPushButton*>(QStringLiteral("approveButton"));
    QVERIFY(approve->isEnabled());
    approve->click();
    auto* decision = tab->findChild<ui::DecisionDialog*>();
    QVERIFY(decision && decision->isVisible());
    QCOMPARE(decision->costPence(), qint64(108000));
    QVERIFY(!decision->overrideNeeded());
    QTest::keyClicks(decision->findChild<QPlainTextEdit*>(QStringLiteral("conditionsEdit")), QStringLiteral("Progress report after 6"));
    clickOk(decision);
    QTRY_VERIFY(tab->findChild<ui::DecisionDialog*>() == nullptr);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    QCOMPARE(tab->selectedRequest()->status, th::RequestStatus::Approved);
    QCOMPARE(tab->selectedRequest()->conditions, QStringLiteral("Progress report after 6"));
    QCOMPARE(tab->requestsModel()->index(0, ui::TherapyRequestModel::Sessions).data().toString(), QStringLiteral("0 / 12"));

    tab->stepButton(th::RequestStatus::ProviderInstructed)->click();
    tab->stepButton(th::RequestStatus::InTherapy)->click();
    QCOMPARE(tab->selectedRequest()->status, th::RequestStatus::InTherapy);

    // A session, an invoice, and its payment.
    auto* log = tab->findChild<QPushButton*>(QStringLiteral("logSessionButton"));
    QVERIFY(log->isEnabled());
    log->click();
    auto* session = tab->findChild<ui::TherapyFormDialog*>(QStringLiteral("SessionDialog"));
    QVERIFY(session);
    QCOMPARE(session->findChild<QLineEdit*>(QStringLiteral("heldOnEdit"))->text(), QStringLiteral("27 Nov 2026"));
    clickOk(session);
    QTRY_VERIFY(tab->findChild<ui::TherapyFormDialog*>(QStringLiteral("SessionDialog")) == nullptr);
    QCOMPARE(tab->requestsModel()->index(0, ui::TherapyRequestModel::Sessions).data().toString(), QStringLiteral("1 / 12"));

    tab->findChild<QPushButton*>(QStringLiteral("addInvoiceButton"))->click();
    auto* invoice = tab->findChild<ui::TherapyFormDialog*>(QStringLiteral("InvoiceDialog"));
    QVERIFY(invoice);
    QTest::keyClicks(invoice->findChild<QLineEdit*>(QStringLiteral("numberEdit")), QStringLiteral("INV-104"));
    QTest::keyClicks(invoice->findChild<QLineEdit*>(QStringLiteral("invoiceDateEdit")), QStringLiteral("27/11/2026"));
    invoice->findChild<QSpinBox*>(QStringLiteral("sessionsSpinBox"))->setValue(1);
    // An amount that is not money is refused in the dialog, which stays open with what was typed.
    QTest::keyClicks(invoice->findChild<QLineEdit*>(QStringLiteral("amountEdit")), QStringLiteral("ninety"));
    clickOk(invoice);
    QVERIFY(invoice->isVisible());
    QVERIFY(invoice->findChild<QLabel*>(QStringLiteral("messageLabel"))->isVisible());
    QCOMPARE(invoice->findChild<QLineEdit*>(QStringLiteral("numberEdit"))->text(), QStringLiteral("INV-104"));
    invoice->findChild<QLineEdit*>(QStringLiteral("amountEdit"))->setText(QStringLiteral("90.00"));
    clickOk(invoice);
    QTRY_VERIFY(tab->findChild<ui::TherapyFormDialog*>(QStringLiteral("InvoiceDialog")) == nullptr);
    QCOMPARE(tab->invoicesModel()->rowCount(), 1);
    QCOMPARE(tab->invoicesModel()->index(0, ui::TherapyInvoiceModel::State).data().toString(), QStringLiteral("Awaiting payment"));
    QCOMPARE(tab->invoicesModel()->index(0, ui::TherapyInvoiceModel::Due).data().toString(), QStringLiteral("27 Dec 2026"));

    tab->invoicesView()->selectRow(0);
    auto* pay = tab->findChild<QPushButton*>(QStringLiteral("payInvoiceButton"));
    QVERIFY2(pay->isEnabled(), qPrintable(pay->toolTip()));
    pay->click();
    auto* payment = tab->findChild<ui::TherapyFormDialog*>(QStringLiteral("PayDialog"));
    QVERIFY(payment);
    QCOMPARE(payment->findChild<QLineEdit*>(QStringLiteral("amountEdit"))->text(), QStringLiteral("90.00"));
    clickOk(payment);
    QTRY_VERIFY(tab->findChild<ui::TherapyFormDialog*>(QStringLiteral("PayDialog")) == nullptr);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    QCOMPARE(tab->requestsModel()->index(0, ui::TherapyRequestModel::PaidOfCap).data().toString(),
             QStringLiteral("£90.00 / £1,080.00"));
    QCOMPARE(tab->invoicesModel()->index(0, ui::TherapyInvoiceModel::State).data().toString(), QStringLiteral("Paid"));
    QVERIFY(tab->paymentsBrowser()->toPlainText().contains(QStringLiteral("INV-104")));

    // What core holds is what the screen showed.
    Services sol(m_firm->solicitor());
    auto stored = sol.therapy.request(tab->selectedRequest()->id);
    QVERIFY(stored.ok());
    QCOMPARE(stored->sessionsUsed, 1);
    QCOMPARE(stored->paidPence, qint64(9000));
    QCOMPARE(stored->approver, QStringLiteral("sam"));
}

void TherapyUiTest::aConflictingEditKeepsTheDialogAndWhatWasTyped()
{
    const qint64 id = createCase();
    Services sol(m_firm->solicitor());
    th::TherapyRequest draft;
    draft.caseId = id;
    draft.diagnosis = QStringLiteral("PTSD");
    draft.sessionsRequested = 6;
    auto created = sol.therapy.createRequest(draft);
    QVERIFY(created.ok());

    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseTherapyTab* tab = openTherapy(id);
    QVERIFY(tab->selectRequest(created->id));
    tab->findChild<QPushButton*>(QStringLiteral("editRequestButton"))->click();
    auto* dialog = tab->findChild<ui::RequestDialog*>();
    QVERIFY(dialog);
    // Meanwhile someone else (the same fee earner at another desk) changes the request.
    th::TherapyRequest theirs = *created;
    theirs.recommendation = QStringLiteral("GP letter of 1 Nov 2026");
    QVERIFY(sol.therapy.updateRequest(theirs).ok());

    auto* diagnosis = dialog->findChild<QLineEdit*>(QStringLiteral("diagnosisEdit"));
    diagnosis->setText(QStringLiteral("complex PTSD and depression"));
    clickOk(dialog);
    // Told through the Prompter; the dialog stays with what was typed; the tab shows their change.
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
    QCOMPARE(m_prompter.last(RecordingPrompter::Kind::Error)->title, QStringLiteral("Someone else changed this request"));
    QVERIFY(dialog->isVisible());
    QCOMPARE(diagnosis->text(), QStringLiteral("complex PTSD and depression"));
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("messageLabel"))->isVisible());
    QVERIFY(tab->detailsBrowser()->toPlainText().contains(QStringLiteral("GP letter of 1 Nov 2026")));
    // OK again applies what was typed to the request as it now is.
    clickOk(dialog);
    QTRY_VERIFY(tab->findChild<ui::RequestDialog*>() == nullptr);
    auto now = sol.therapy.request(created->id);
    QVERIFY(now.ok());
    QCOMPARE(now->diagnosis, QStringLiteral("complex PTSD and depression"));
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
}

void TherapyUiTest::fundWindowBudgetReconcilesWithCore()
{
    const qint64 id = createCase();
    const qint64 p = provider();
    allocate(100000);  // £1,000: the approval below goes over, with a reason
    inTherapy(id, p, 3, 27000);
    const th::TherapyRequest waiting = awaitingApproval(QStringLiteral("sol"), id, p);

    // Not for fee earners: the menu entry is disabled and says why.
    QVERIFY(signIn(QStringLiteral("pat")));
    auto* action = m_main->findChild<QAction*>(QStringLiteral("therapyFundAction"));
    QVERIFY(!action->isEnabled());
    QVERIFY(!action->toolTip().isEmpty());

    QVERIFY(signIn(QStringLiteral("sam")));
    m_main->findChild<QAction*>(QStringLiteral("therapyFundAction"))->trigger();
    auto* fund = m_main->findChild<ui::TherapyFundWindow*>();
    QVERIFY(fund && fund->isVisible());
    Services sam(m_firm->supervisor());
    const int year = sam.therapy.currentFundYear();
    QCOMPARE(fund->year(), year);
    QCOMPARE(fund->yearCombo()->currentText(), QStringLiteral("%1/%2").arg(year).arg((year + 1) % 100, 2, 10, QLatin1Char('0')));
    auto budget = sam.therapy.budget(year);
    QVERIFY(budget.ok());
    QCOMPARE(budget->allocatedPence, qint64(100000));
    QCOMPARE(budget->paidPence, qint64(27000));
    QCOMPARE(budget->committedPence, qint64(108000 - 27000));
    QCOMPARE(budget->allocatedPence - budget->committedPence - budget->paidPence, budget->remainingPence);
    QCOMPARE(fund->findChild<QLabel*>(QStringLiteral("allocatedLabel"))->text(), ui::money(budget->allocatedPence));
    QCOMPARE(fund->findChild<QLabel*>(QStringLiteral("committedLabel"))->text(), ui::money(budget->committedPence));
    QCOMPARE(fund->findChild<QLabel*>(QStringLiteral("paidLabel"))->text(), ui::money(budget->paidPence));
    auto* remaining = fund->findChild<QLabel*>(QStringLiteral("remainingLabel"));
    QCOMPARE(budget->remainingPence, qint64(-8000));
    QCOMPARE(remaining->text(), ui::money(-8000));  // "−£80.00"
    QVERIFY(remaining->styleSheet().contains(QStringLiteral("#a11d12")));  // negative: red
    // The year report: one row per request and the totals, which match the budget.
    ui::FundReportModel* report = fund->reportModel();
    const int last = report->rowCount() - 1;
    QVERIFY(report->index(last, 0).data(ui::FundReportModel::TotalsRole).toBool());
    QCOMPARE(report->report().totals.paidPence, budget->paidPence);
    QCOMPARE(report->index(last, ui::FundReportModel::Paid).data().toString(), QStringLiteral("£270.00"));
    // The queues name cases by reference, never the client.
    QCOMPARE(fund->approvalModel()->rowCount(), 1);
    QCOMPARE(fund->approvalModel()->requestAt(0)->id, waiting.id);
    QCOMPARE(fund->approvalModel()->index(0, ui::TherapyRequestModel::Reference).data().toString(), m_reference);
    const QString everything = (cells(*fund->approvalModel()) + cells(*report) + cells(*fund->reviewModel())
                                + cells(*fund->invoiceModel()))
                                   .join(QLatin1Char('|'));
    QVERIFY(!everything.contains(QStringLiteral("Ruth")));
    QVERIFY(!everything.contains(QStringLiteral("Ames")));
    // Approving from the queue, over budget: the override reason is asked for.
    fund->approvalView()->selectRow(0);
    fund->findChild<QPushButton*>(QStringLiteral("approveButton"))->click();
    auto* decision = fund->findChild<ui::DecisionDialog*>();
    QVERIFY(decision);
    QVERIFY(decision->overrideNeeded());
    clickOk(decision);
    QVERIFY(decision->isVisible());  // no reason yet
    QTest::keyClicks(decision->findChild<QPlainTextEdit*>(QStringLiteral("budgetOverrideEdit")),
                     QStringLiteral("Partners agreed to top up the fund"));
    clickOk(decision);
    QTRY_VERIFY(fund->findChild<ui::DecisionDialog*>() == nullptr);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    QCOMPARE(fund->approvalModel()->rowCount(), 0);
    budget = sam.therapy.budget(year);
    QCOMPARE(fund->findChild<QLabel*>(QStringLiteral("committedLabel"))->text(), ui::money(budget->committedPence));
    QCOMPARE(fund->findChild<QLabel*>(QStringLiteral("remainingLabel"))->text(), ui::money(budget->remainingPence));
    QCOMPARE(budget->remainingPence, qint64(100000 - 81000 - 27000 - 108000));
    // Exported report: the CLI's columns, money in pence, references only.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fund.csv"));
    m_prompter.saveAnswers << path;
    QVERIFY(fund->exportReportCsv());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    QVERIFY(csv.contains("caseReference,provider,status,approvedSessions,cap,invoiced,paid,recovered,writtenOff"));
    QVERIFY(csv.contains(m_reference.toUtf8()));
    QVERIFY(!csv.contains("Ruth"));
}

// Issue 7: accounts (therapy payments only) get Therapy › Therapy fund payments…: the invoices awaiting payment and
// the providers (read only), no case menus, no budget, requests or report; and they pay from there.
void TherapyUiTest::accountsGetTheFundsPaymentSideOnly()
{
    const qint64 id = createCase();
    const qint64 p = provider();
    allocate(1000000);
    const th::TherapyRequest r = inTherapy(id, p, 2, 0);
    {
        Services sol(m_firm->solicitor());
        th::Invoice inv;
        inv.number = QStringLiteral("ACC-1");
        inv.invoiceDate = test::TestFirm::today();
        inv.receivedOn = test::TestFirm::today();
        inv.sessionsCovered = 2;
        inv.amountPence = 18000;
        QVERIFY(sol.therapy.addInvoice(r.id, inv).ok());
    }
    const QByteArray oneTime = QByteArrayLiteral("one-time passphrase for acc");
    QVERIFY(m_firm->admin().addUser({QStringLiteral("acc"), QStringLiteral("Alex Accounts"), core::Role::Accounts}, oneTime));
    {
        auto first = core::Vault::unlock(m_firm->path(), QStringLiteral("acc"), oneTime, m_firm->options());
        QVERIFY(first);
        QVERIFY((*first)->changePassphrase(oneTime, test::TestFirm::passphraseOf(QStringLiteral("acc"))));
    }

    QVERIFY(signIn(QStringLiteral("acc")));
    QVERIFY(m_main->caseWorkspace() == nullptr);
    for (const char* caseAction : {"newIntakeAction", "deadlineDiaryAction", "reportsAction", "printSummaryAction"}) {
        QVERIFY2(m_main->findChild<QAction*>(QLatin1String(caseAction)) == nullptr, caseAction);
    }
    auto* action = m_main->findChild<QAction*>(QStringLiteral("therapyFundAction"));
    QVERIFY(action && action->isEnabled());
    QVERIFY(!m_main->findChild<QAction*>(QStringLiteral("usersAction"))->isEnabled());  // admins only, and says so
    QVERIFY(!m_main->findChild<QAction*>(QStringLiteral("usersAction"))->toolTip().isEmpty());
    action->trigger();
    auto* fund = m_main->findChild<ui::TherapyFundWindow*>();
    QVERIFY(fund && fund->isVisible());
    QVERIFY(fund->paymentsOnly());
    fund->setToday(test::TestFirm::today());
    QCOMPARE(fund->tabs()->currentIndex(), int(ui::TherapyFundWindow::InvoicesTab));
    for (int tab : {ui::TherapyFundWindow::ApprovalTab, ui::TherapyFundWindow::ReviewsTab, ui::TherapyFundWindow::ReportTab}) {
        QVERIFY(!fund->tabs()->isTabVisible(tab));
    }
    QVERIFY(fund->tabs()->isTabVisible(ui::TherapyFundWindow::ProvidersTab));
    QVERIFY(!fund->findChild<QLabel*>(QStringLiteral("allocatedLabel"))->isVisible());
    QVERIFY(!fund->findChild<QPushButton*>(QStringLiteral("setAllocationButton"))->isVisible());
    QVERIFY(!fund->findChild<QPushButton*>(QStringLiteral("openInvoiceCaseButton"))->isVisible());
    QCOMPARE(fund->approvalModel()->rowCount(), 0);
    QCOMPARE(fund->providerModel()->rowCount(), 1);
    auto* addProvider = fund->findChild<QPushButton*>(QStringLiteral("addProviderButton"));
    QVERIFY(!addProvider->isEnabled());
    QVERIFY(!addProvider->toolTip().isEmpty());
    QCOMPARE(fund->invoiceModel()->rowCount(), 1);
    QVERIFY(!cells(*fund->invoiceModel()).join(QLatin1Char('|')).contains(QStringLiteral("Ruth")));

    fund->invoicesView()->selectRow(0);
    auto* pay = fund->findChild<QPushButton*>(QStringLiteral("payButton"));
    QVERIFY2(pay->isEnabled(), qPrintable(pay->toolTip()));
    pay->click();
    auto* payment = fund->findChild<ui::TherapyFormDialog*>(QStringLiteral("PayDialog"));
    QVERIFY(payment);
    clickOk(payment);
    QTRY_VERIFY(fund->findChild<ui::TherapyFormDialog*>(QStringLiteral("PayDialog")) == nullptr);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    QCOMPARE(fund->invoiceModel()->rowCount(), 0);
    Services sam(m_firm->supervisor());
    auto paid = sam.therapy.payments(r.id);
    QVERIFY(paid.ok());
    QCOMPARE(paid->size(), std::size_t {1});
    QCOMPARE(paid->front().paidBy, QStringLiteral("acc"));
    QCOMPARE(paid->front().amountPence, qint64(18000));
}

void TherapyUiTest::statementCsvAndTextNameTheCaseNotTheClient()
{
    const qint64 id = createCase();
    allocate(2000000);
    inTherapy(id, provider(QStringLiteral("=HYPERLINK(\"http://example.invalid\")")), 2, 18000);
    QVERIFY(signIn(QStringLiteral("sol")));
    ui::CaseTherapyTab* tab = openTherapy(id);
    QVERIFY(tab);
    tab->findChild<QPushButton*>(QStringLiteral("statementButton"))->click();
    auto* statement = tab->findChild<ui::StatementDialog*>();
    QVERIFY(statement && statement->isVisible());
    QCOMPARE(statement->statement().caseReference, m_reference);
    QCOMPARE(statement->statement().paidPence, qint64(18000));

    const QString text = ui::statementText(statement->statement(), QStringLiteral("Sol Solicitor"), test::TestFirm::today());
    QVERIFY(text.contains(m_reference));
    QVERIFY(text.contains(QStringLiteral("PRIVATE & CONFIDENTIAL — LEGALLY PRIVILEGED")));
    QVERIFY(text.contains(QStringLiteral("Printed by Sol Solicitor on 27 Nov 2026")));
    QVERIFY(!text.contains(QStringLiteral("Ruth")));
    QVERIFY(!text.contains(QStringLiteral("Ames")));
    QVERIFY(!statement->browser()->toPlainText().contains(QStringLiteral("Ruth")));

    QTemporaryDir dir;
    const QString csvPath = dir.filePath(QStringLiteral("statement.csv"));
    m_prompter.saveAnswers << csvPath;
    statement->findChild<QPushButton*>(QStringLiteral("exportCsvButton"))->click();
    QFile csvFile(csvPath);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QByteArray csv = csvFile.readAll();
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));  // UTF-8 with a BOM
    const QString body = QString::fromUtf8(csv.mid(3));
    QVERIFY(body.contains(m_reference));
    QVERIFY(!body.contains(QStringLiteral("Ruth")));
    // The provider's name would run as a formula in a spreadsheet: every such cell starts with an apostrophe.
    QVERIFY2(body.contains(QStringLiteral("\"'=HYPERLINK(\"\"http://example.invalid\"\")\"")), qPrintable(body));
    QVERIFY2(body.contains(QStringLiteral("\"'=HYPERLINK(\"\"http://example.invalid\"\") invoice")), qPrintable(body));
    const auto fields = body.split(QRegularExpression(QStringLiteral("[,\r\n]")), Qt::SkipEmptyParts);
    for (const QString& f : fields) {
        QVERIFY2(!f.startsWith(QLatin1Char('=')) && !f.startsWith(QStringLiteral("\"=")), qPrintable(f));
    }
    QVERIFY(body.contains(QStringLiteral("180.00")));

    // The PDF: A4 pages with the marking; written where the person chose.
    const QString pdfPath = dir.filePath(QStringLiteral("statement.pdf"));
    m_prompter.saveAnswers << pdfPath;
    QVERIFY(statement->exportPdf());
    QFile pdf(pdfPath);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(4) == "%PDF");
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Inform), 2);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    // Both exports are in the audit log, with the file, before they were written.
    int exports = 0;
    if (auto all = core::AuditLog::list(m_firm->admin().connection())) {
        for (const core::AuditEntry& e : *all) {
            if (e.action == QStringLiteral("therapy.statement.export") && e.entityId == m_reference) {
                ++exports;
                QVERIFY(e.summary.value(QStringLiteral("file")).toString().endsWith(QStringLiteral(".csv"))
                        || e.summary.value(QStringLiteral("file")).toString().endsWith(QStringLiteral(".pdf")));
            }
        }
    }
    QCOMPARE(exports, 2);
    statement->reject();
}

void TherapyUiTest::modelsPassTheModelTester()
{
    const qint64 id = createCase();
    const qint64 p = provider();
    allocate(2000000);
    const th::TherapyRequest r = inTherapy(id, p, 1, 9000);
    QVERIFY(signIn(QStringLiteral("sam")));
    ui::CaseTherapyTab* tab = openTherapy(id);
    QAbstractItemModelTester requests(tab->requestsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester invoices(tab->invoicesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_main->showTherapyFund();
    auto* fund = m_main->findChild<ui::TherapyFundWindow*>();
    QVERIFY(fund);
    QAbstractItemModelTester approval(fund->approvalModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester providers(fund->providerModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester awaiting(fund->invoiceModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester reviews(fund->reviewModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester report(fund->reportModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Changes while observed: another request, a review due, a new year, "today" moved, then a lock.
    awaitingApproval(QStringLiteral("sol"), id, p);
    Services sol(m_firm->solicitor());
    QVERIFY(sol.therapy.transition(r.id, th::RequestStatus::ReviewDue, sol.therapy.request(r.id)->version).ok());
    tab->reload();
    QCOMPARE(tab->requestsModel()->rowCount(), 2);
    fund->reload();
    QCOMPARE(fund->approvalModel()->rowCount(), 1);
    QCOMPARE(fund->reviewModel()->rowCount(), 1);
    fund->setYear(fund->year() - 1);
    fund->setYear(sol.therapy.currentFundYear());
    tab->setToday(QDate(2027, 1, 30));
    fund->setToday(QDate(2027, 1, 30));
    m_session->lock(core::LockReason::UserRequest);  // everything is emptied
    QCOMPARE(tab->requestsModel()->rowCount(), 0);
    QCOMPARE(fund->reportModel()->rowCount(), 0);
}

QTEST_MAIN(TherapyUiTest)
#include "tst_ui_therapy.moc"
