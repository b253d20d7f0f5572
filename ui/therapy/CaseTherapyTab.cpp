#include "ui/therapy/CaseTherapyTab.h"

#include "ui/cases/CaseText.h"
#include "ui/cases/DateInput.h"
#include "ui/common/ErrorText.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"
#include "ui/therapy/RiskBadgeDelegate.h"
#include "ui/therapy/StatementDialog.h"
#include "ui/therapy/TherapyDialogs.h"
#include "ui/therapy/TherapyFlows.h"
#include "ui/therapy/TherapyInvoiceModel.h"
#include "ui/therapy/TherapyProviderModel.h"
#include "ui/therapy/TherapyRequestModel.h"
#include "ui/therapy/TherapyText.h"

#include "therapy/TherapyService.h"
#include "users/User.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace claimdesk::ui {

using namespace core::therapy;

namespace {

QTableView* table(QWidget* parent, const QString& objectName)
{
    auto* view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->setShowGrid(false);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

QPushButton* button(QWidget* parent, const QString& text, const QString& objectName)
{
    auto* b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    return b;
}

QTextBrowser* browser(QWidget* parent, const QString& objectName)
{
    auto* b = new QTextBrowser(parent);
    b->setObjectName(objectName);
    b->setOpenLinks(false);
    b->setFrameShape(QFrame::NoFrame);
    b->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // tables are 100% wide and wrap
    return b;
}

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString camel(const QString& id)  // "awaiting-approval" -> "AwaitingApproval"
{
    QString out;
    for (const QString& part : id.split(QLatin1Char('-'), Qt::SkipEmptyParts)) {
        out += part.left(1).toUpper() + part.mid(1);
    }
    return out;
}

// Steps offered as buttons, in workflow order (ExtensionRequested has its own "Ask for extension…").
constexpr RequestStatus kSteps[] = {
    RequestStatus::Submitted,     RequestStatus::ClinicalCheck, RequestStatus::QuoteObtained,
    RequestStatus::AwaitingApproval, RequestStatus::ProviderInstructed, RequestStatus::InTherapy,
    RequestStatus::ReviewDue,     RequestStatus::Ending,        RequestStatus::Completed,
    RequestStatus::Reconciled,    RequestStatus::Closed,
};

const char* kTableStyle = "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"4\">";

QString headRow(const QStringList& cells)
{
    QString row = QStringLiteral("<tr style=\"background:#e9eef4\">");
    for (const QString& c : cells) {
        row += QStringLiteral("<th align=\"left\">%1</th>").arg(esc(c));
    }
    return row + QStringLiteral("</tr>");
}

void setAction(QPushButton* b, bool visible, bool enabled, const QString& tip)
{
    b->setVisible(visible);
    b->setEnabled(visible && enabled);
    b->setToolTip(tip);
}

}  // namespace

CaseTherapyTab::CaseTherapyTab(VaultSession& session, Prompter& prompter, qint64 caseId, const QString& reference,
                               const StaffNames& staff, QWidget* parent)
    : QWidget(parent),
      m_session(session),
      m_prompter(prompter),
      m_caseId(caseId),
      m_reference(reference),
      m_staff(staff),
      m_today(DateInput::today()),
      m_requests(new TherapyRequestModel(this)),
      m_requestsProxy(new QSortFilterProxyModel(this)),
      m_invoices(new TherapyInvoiceModel(this))
{
    setObjectName(QStringLiteral("therapyTab"));
    m_requests->setNameOf([this](const QString& u) { return nameOf(u); });
    m_invoices->setToday(m_today);

    // The requests.
    auto* heading = new QLabel(tr("Therapy requests"), this);
    makeSubheading(heading);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("therapySummaryLabel"));
    makeSecondary(m_summary);
    m_new = button(this, tr("&New request…"), QStringLiteral("newRequestButton"));
    m_edit = button(this, tr("&Edit…"), QStringLiteral("editRequestButton"));
    m_statement = button(this, tr("State&ment…"), QStringLiteral("statementButton"));
    m_statement->setToolTip(tr("The statement of therapy costs for the schedule of loss: print, PDF or CSV."));
    connect(m_new, &QPushButton::clicked, this, &CaseTherapyTab::newRequest);
    connect(m_edit, &QPushButton::clicked, this, &CaseTherapyTab::editRequest);
    connect(m_statement, &QPushButton::clicked, this, &CaseTherapyTab::showStatement);
    auto* head = new QHBoxLayout;
    head->addWidget(heading);
    head->addSpacing(12);
    head->addWidget(m_summary, 1);
    head->addWidget(m_new);
    head->addWidget(m_edit);
    head->addWidget(m_statement);

    m_requestsView = table(this, QStringLiteral("therapyRequestsView"));
    m_requestsProxy->setSourceModel(m_requests);
    m_requestsProxy->setSortRole(TherapyRequestModel::SortRole);
    m_requestsView->setModel(m_requestsProxy);
    m_requestsView->setSortingEnabled(true);
    m_requestsView->sortByColumn(TherapyRequestModel::Requested, Qt::AscendingOrder);
    m_requestsView->setItemDelegateForColumn(TherapyRequestModel::Risk, new RiskBadgeDelegate(m_requestsView));
    m_requestsView->hideColumn(TherapyRequestModel::Reference);  // it is this case
    QHeaderView* header = m_requestsView->horizontalHeader();
    header->setSectionResizeMode(TherapyRequestModel::Provider, QHeaderView::Stretch);
    m_requestsView->setColumnWidth(TherapyRequestModel::Status, 150);
    m_requestsView->setColumnWidth(TherapyRequestModel::Modality, 195);
    m_requestsView->setColumnWidth(TherapyRequestModel::Sessions, 180);
    m_requestsView->setColumnWidth(TherapyRequestModel::PaidOfCap, 190);
    m_requestsView->setColumnWidth(TherapyRequestModel::Risk, 130);
    m_requestsView->setColumnWidth(TherapyRequestModel::Requested, 110);
    m_requestsView->setColumnWidth(TherapyRequestModel::Requester, 140);
    connect(m_requestsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList rows = m_requestsView->selectionModel()->selectedRows();
        const TherapyRequest* r
            = rows.isEmpty() ? nullptr : m_requests->requestAt(m_requestsProxy->mapToSource(rows.first()).row());
        const qint64 id = r != nullptr ? r->id : 0;
        if (id != m_selectedId) {
            m_selectedId = id;
            showSelected();
        }
    });
    m_empty = new QLabel(tr("No therapy has been requested on this case. When an expert or GP recommends therapy, "
                            "start a request with “New request…”: it is checked, quoted and approved before the "
                            "provider is instructed."),
                         this);
    m_empty->setObjectName(QStringLiteral("therapyEmptyLabel"));
    m_empty->setWordWrap(true);
    makeSecondary(m_empty);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(6);
    topLayout->addLayout(head);
    topLayout->addWidget(m_requestsView, 1);
    topLayout->addWidget(m_empty);

    // The selected request: its state, what can happen next, then its records.
    m_detailPane = new QWidget(this);
    m_stateLabel = new QLabel(m_detailPane);
    m_stateLabel->setObjectName(QStringLiteral("requestStateLabel"));
    m_stateLabel->setTextFormat(Qt::RichText);
    m_stateHint = new QLabel(m_detailPane);
    m_stateHint->setObjectName(QStringLiteral("requestStateHintLabel"));
    m_stateHint->setWordWrap(true);
    makeSecondary(m_stateHint);
    auto* actions = new QHBoxLayout;
    actions->setSpacing(6);
    for (const RequestStatus to : kSteps) {
        auto* b = button(m_detailPane, stepLabel(RequestStatus::Draft, to),
                         QStringLiteral("step%1Button").arg(camel(statusId(to))));
        connect(b, &QPushButton::clicked, this, [this, to] { step(to); });
        m_steps.insert(static_cast<int>(to), b);
        actions->addWidget(b);
    }
    m_approve = button(m_detailPane, tr("&Approve…"), QStringLiteral("approveButton"));
    m_reject = button(m_detailPane, tr("&Reject…"), QStringLiteral("rejectButton"));
    m_askExtension = button(m_detailPane, tr("Ask for e&xtension…"), QStringLiteral("askExtensionButton"));
    m_approveExtension = button(m_detailPane, tr("Approve e&xtension…"), QStringLiteral("approveExtensionButton"));
    m_refuseExtension = button(m_detailPane, tr("Re&fuse extension…"), QStringLiteral("refuseExtensionButton"));
    m_rehab = button(m_detailPane, tr("Rehabilitation Code proposal received…"), QStringLiteral("rehabProposalButton"));
    m_recovery = button(m_detailPane, tr("Reco&very…"), QStringLiteral("recoveryButton"));
    m_writeOff = button(m_detailPane, tr("&Write off…"), QStringLiteral("writeOffButton"));
    connect(m_approve, &QPushButton::clicked, this, &CaseTherapyTab::approve);
    connect(m_reject, &QPushButton::clicked, this, &CaseTherapyTab::reject);
    connect(m_askExtension, &QPushButton::clicked, this, &CaseTherapyTab::askExtension);
    connect(m_approveExtension, &QPushButton::clicked, this, &CaseTherapyTab::approveExtension);
    connect(m_refuseExtension, &QPushButton::clicked, this, &CaseTherapyTab::refuseExtension);
    connect(m_rehab, &QPushButton::clicked, this, &CaseTherapyTab::recordRehabProposal);
    connect(m_recovery, &QPushButton::clicked, this, &CaseTherapyTab::recordRecovery);
    connect(m_writeOff, &QPushButton::clicked, this, &CaseTherapyTab::writeOff);
    for (QPushButton* b : {m_approve, m_reject, m_askExtension, m_approveExtension, m_refuseExtension, m_rehab,
                           m_recovery, m_writeOff}) {
        actions->addWidget(b);
    }
    actions->addStretch(1);

    m_detailTabs = new QTabWidget(m_detailPane);
    m_detailTabs->setObjectName(QStringLiteral("therapyDetailTabs"));
    m_details = browser(m_detailTabs, QStringLiteral("requestDetailsBrowser"));
    m_decisions = browser(m_detailTabs, QStringLiteral("decisionsBrowser"));

    auto* sessionsPage = new QWidget(m_detailTabs);
    m_sessions = browser(sessionsPage, QStringLiteral("sessionsBrowser"));
    m_logSession = button(sessionsPage, tr("&Log session…"), QStringLiteral("logSessionButton"));
    connect(m_logSession, &QPushButton::clicked, this, &CaseTherapyTab::logSession);
    auto* sessionsBar = new QHBoxLayout;
    sessionsBar->addStretch(1);
    sessionsBar->addWidget(m_logSession);
    auto* sessionsLayout = new QVBoxLayout(sessionsPage);
    sessionsLayout->setContentsMargins(6, 6, 6, 6);
    sessionsLayout->addLayout(sessionsBar);
    sessionsLayout->addWidget(m_sessions, 1);

    auto* invoicesPage = new QWidget(m_detailTabs);
    m_invoicesView = table(invoicesPage, QStringLiteral("invoicesView"));
    m_invoicesView->setModel(m_invoices);
    m_invoicesView->hideColumn(TherapyInvoiceModel::Reference);
    m_invoicesView->hideColumn(TherapyInvoiceModel::Provider);
    m_invoicesView->horizontalHeader()->setSectionResizeMode(TherapyInvoiceModel::Period, QHeaderView::Stretch);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::Number, 110);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::InvoiceDate, 105);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::Sessions, 75);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::Amount, 100);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::Paid, 100);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::Due, 105);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::State, 150);
    connect(m_invoicesView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CaseTherapyTab::updateInvoiceActions);
    m_addInvoice = button(invoicesPage, tr("Add &invoice…"), QStringLiteral("addInvoiceButton"));
    m_dispute = button(invoicesPage, tr("Mark &disputed…"), QStringLiteral("disputeInvoiceButton"));
    m_pay = button(invoicesPage, tr("&Pay invoice…"), QStringLiteral("payInvoiceButton"));
    connect(m_addInvoice, &QPushButton::clicked, this, &CaseTherapyTab::addInvoice);
    connect(m_dispute, &QPushButton::clicked, this, &CaseTherapyTab::toggleDisputed);
    connect(m_pay, &QPushButton::clicked, this, &CaseTherapyTab::payInvoice);
    auto* invoiceBar = new QHBoxLayout;
    auto* invoicesHeading = new QLabel(tr("Invoices"), invoicesPage);
    invoicesHeading->setStyleSheet(QStringLiteral("font-weight: 600;"));
    invoiceBar->addWidget(invoicesHeading);
    invoiceBar->addStretch(1);
    invoiceBar->addWidget(m_addInvoice);
    invoiceBar->addWidget(m_dispute);
    invoiceBar->addWidget(m_pay);
    m_payments = browser(invoicesPage, QStringLiteral("paymentsBrowser"));
    auto* invoiceSplit = new QSplitter(Qt::Vertical, invoicesPage);
    invoiceSplit->setChildrenCollapsible(false);
    invoiceSplit->addWidget(m_invoicesView);
    invoiceSplit->addWidget(m_payments);
    invoiceSplit->setSizes({160, 120});
    auto* invoicesLayout = new QVBoxLayout(invoicesPage);
    invoicesLayout->setContentsMargins(6, 6, 6, 6);
    invoicesLayout->addLayout(invoiceBar);
    invoicesLayout->addWidget(invoiceSplit, 1);

    m_detailTabs->addTab(m_details, tr("Details"));
    m_detailTabs->addTab(sessionsPage, tr("Sessions"));
    m_detailTabs->addTab(invoicesPage, tr("Invoices and payments"));
    m_detailTabs->addTab(m_decisions, tr("Decisions"));

    auto* detailLayout = new QVBoxLayout(m_detailPane);
    detailLayout->setContentsMargins(0, 6, 0, 0);
    detailLayout->setSpacing(6);
    detailLayout->addWidget(m_stateLabel);
    detailLayout->addWidget(m_stateHint);
    detailLayout->addLayout(actions);
    detailLayout->addWidget(m_detailTabs, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("therapySplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(top);
    splitter->addWidget(m_detailPane);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    splitter->setSizes({170, 530});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(splitter, 1);

    for (QPushButton* b : m_steps) {
        b->hide();
    }
    for (QPushButton* b : {m_approve, m_reject, m_askExtension, m_approveExtension, m_refuseExtension, m_rehab,
                           m_recovery, m_writeOff}) {
        b->hide();
    }
    connect(&m_session, &VaultSession::locked, this, &CaseTherapyTab::wipe);
    showSelected();
}

CaseTherapyTab::~CaseTherapyTab() = default;

bool CaseTherapyTab::isSupervisor() const
{
    return m_session.currentUser().role == core::Role::Supervisor;
}

QString CaseTherapyTab::username() const
{
    return m_session.currentUser().username;
}

void CaseTherapyTab::setToday(const QDate& today)
{
    m_today = today;
    m_invoices->setToday(today);
    if (m_loaded) {
        reload();
    }
}

void CaseTherapyTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    reload();
}

QPushButton* CaseTherapyTab::stepButton(RequestStatus to) const
{
    return m_steps.value(static_cast<int>(to));
}

void CaseTherapyTab::reload()
{
    TherapyService* service = availableTherapy(m_session);
    if (service == nullptr) {
        return;
    }
    m_loaded = true;
    m_providers.clear();
    if (auto providers = service->providers(true)) {
        for (Provider& p : *providers) {
            m_providers.emplace(p.id, std::move(p));
        }
    }
    const qint64 keep = m_selectedId;
    auto requests = service->requests(m_caseId);
    if (!requests) {
        m_requests->clear();
        m_summary->setText(tr("The therapy requests could not be loaded."));
        m_prompter.reportError(this, tr("The therapy requests could not be loaded"), requests.error());
        m_selectedId = 0;
        showSelected();
        return;
    }
    qint64 paid = 0;
    qint64 cap = 0;
    for (const TherapyRequest& r : *requests) {
        paid += r.paidPence;
        cap += r.capPence();
    }
    const int count = static_cast<int>(requests->size());
    m_requests->setRequests(std::move(*requests));
    m_summary->setText(count == 0 ? QString()
                                  : (count == 1 ? tr("1 request") : tr("%1 requests").arg(count)) + tr(" · paid %1 of %2 approved").arg(money(paid), money(cap)));
    m_empty->setVisible(count == 0);
    m_requestsView->setVisible(count > 0);
    // Keep the selection; otherwise the latest request.
    m_selectedId = 0;
    if (!selectRequest(keep) && count > 0) {
        const int last = m_requestsProxy->rowCount() - 1;
        m_requestsView->selectRow(last);
    }
    if (m_selectedId == 0) {
        showSelected();
    }
}

bool CaseTherapyTab::selectRequest(qint64 requestId)
{
    const int row = m_requests->rowOf(requestId);
    if (row < 0) {
        return false;
    }
    const QModelIndex proxied = m_requestsProxy->mapFromSource(m_requests->index(row, 0));
    m_requestsView->selectRow(proxied.row());  // selectionChanged shows it
    if (m_selectedId != requestId) {
        m_selectedId = requestId;
        showSelected();
    }
    return true;
}

const TherapyRequest* CaseTherapyTab::selectedRequest() const
{
    const int row = m_requests->rowOf(m_selectedId);
    return row < 0 ? nullptr : m_requests->requestAt(row);
}

const Invoice* CaseTherapyTab::selectedInvoice() const
{
    const QModelIndexList rows = m_invoicesView->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_invoices->invoiceAt(rows.first().row());
}

void CaseTherapyTab::wipe()
{
    m_loaded = false;
    m_selectedId = 0;
    m_providers.clear();
    m_paymentRows.clear();
    m_requests->clear();
    m_invoices->clear();
    m_summary->clear();
    m_details->clear();
    m_sessions->clear();
    m_decisions->clear();
    m_payments->clear();
    m_stateLabel->clear();
    m_stateHint->clear();
}

QString CaseTherapyTab::detailsHtml(const TherapyRequest& r) const
{
    QList<QPair<QString, QString>> rows;
    const auto add = [&rows](const QString& label, const QString& value) {
        if (!value.isEmpty()) {
            rows.append({label, value});
        }
    };
    const auto yesNo = [](bool b) { return b ? tr("Yes") : tr("No"); };
    add(tr("Status"), therapyStatusName(r.status));
    add(tr("Requested"), tr("%1 by %2 (fund year %3)").arg(ukDate(r.requestedOn), nameOf(r.requester)).arg(r.fundYear));
    add(tr("Funding route"), fundingRouteName(r.funding));
    add(tr("Recommended by"), r.recommendation.isEmpty() ? tr("(not recorded)") : r.recommendation);
    add(tr("Diagnosis"), r.diagnosis.isEmpty() ? tr("(not recorded)") : r.diagnosis);
    add(tr("Risk"), riskLevelName(r.risk));
    QString provider = r.providerName.isEmpty() ? tr("(not chosen yet)") : r.providerName;
    if (const auto it = m_providers.find(r.providerId); it != m_providers.end()) {
        const Provider& p = it->second;
        QStringList parts {provider};
        if (!p.organisation.isEmpty()) {
            parts << p.organisation;
        }
        const QString reg = QStringList {p.professionalBody, p.registrationNumber}.join(QLatin1Char(' ')).trimmed();
        if (!reg.isEmpty()) {
            parts << reg;
        }
        provider = parts.join(QStringLiteral(" · "));
        provider += QStringLiteral("\n") + tr("Bank details: %1").arg(TherapyProviderModel::bankText(p, [this](const QString& u) {
                        return nameOf(u);
                    }));
    }
    add(tr("Provider"), provider);
    add(tr("Therapy"), tr("%1, %2 minutes, %3, %4")
                           .arg(modalityText(r))
                           .arg(r.sessionMinutes)
                           .arg(deliveryName(r.delivery).toLower(), r.frequency.isEmpty() ? tr("frequency not set") : r.frequency));
    add(tr("Sessions"), tr("%1 requested · %2 approved · %3 used · %4 left")
                            .arg(r.sessionsRequested)
                            .arg(r.sessionsApproved)
                            .arg(r.sessionsUsed)
                            .arg(std::max(r.sessionsLeft(), 0)));
    add(tr("Cost"), tr("%1 per session%2; fees %3").arg(money(r.costPerSessionPence), r.vat ? tr(" plus VAT") : QString(),
                                                         money(r.feesPence)));
    add(tr("Cap"), r.capPence() > 0 ? tr("%1 approved (requested %2)").arg(money(r.capPence()), money(r.requestedCapPence()))
                                    : tr("not approved yet (requested %1)").arg(money(r.requestedCapPence())));
    add(tr("Invoiced / paid"), tr("%1 / %2").arg(money(r.invoicedPence), money(r.paidPence)));
    QStringList review;
    if (r.reviewAfterSessions > 0) {
        review << (r.reviewAfterSessions == 1 ? tr("after 1 session") : tr("after %1 sessions").arg(r.reviewAfterSessions));
    }
    if (r.reviewOn.isValid()) {
        review << tr("on %1").arg(ukDate(r.reviewOn));
    }
    add(tr("Review point"), review.isEmpty() ? tr("none") : review.join(tr(" or ")));
    add(tr("Recoverability agreed"), yesNo(r.recoverabilityAgreed));
    add(tr("Reports may be shared"), yesNo(r.reportsShareable));
    if (!r.approver.isEmpty()) {
        add(tr("Decided"), tr("%1 by %2").arg(ukDate(r.decidedOn), nameOf(r.approver)));
    }
    add(tr("Conditions"), r.conditions);
    add(tr("Budget override"), r.budgetOverrideReason);
    add(tr("Rejected because"), r.rejectionReason);
    if (r.extensionSessions > 0 || !r.extensionReason.isEmpty()) {
        add(tr("Extension asked for"), (r.extensionSessions == 1 ? tr("1 more session: ") : tr("%1 more sessions: ").arg(r.extensionSessions)) + r.extensionReason);
    }
    if (r.funding == FundingRoute::RehabilitationCode) {
        add(tr("Rehabilitation Code proposal"),
            r.rehabProposalReceivedOn.isValid()
                ? tr("received by the compensator on %1 (reply due within 21 days: see Deadlines)").arg(ukDate(r.rehabProposalReceivedOn))
                : tr("not recorded yet"));
    }
    add(tr("Recovery"), tr("claimed in the schedule of loss: %1 · recovered %2 · written off %3")
                            .arg(yesNo(r.claimedInSchedule), money(r.recoveredPence), money(r.writtenOffPence)));
    add(tr("Write-off reason"), r.writeOffReason);
    if (!r.updatedBy.isEmpty()) {
        add(tr("Last changed"), tr("%1 by %2").arg(ukDateTime(r.updatedAtUtc), nameOf(r.updatedBy)));
    }
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
    for (const auto& [label, value] : rows) {
        QString shown = esc(value).replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        if (label == tr("Risk") && r.risk == RiskLevel::SeriousRisk) {
            shown = QStringLiteral("<b style=\"color:#a11d12\">%1</b>").arg(shown);
        }
        html += QStringLiteral("<tr><td valign=\"top\" style=\"color:#5b6670; padding-right:14px\">%1</td>"
                               "<td valign=\"top\">%2</td></tr>")
                    .arg(esc(label), shown);
    }
    return html + QStringLiteral("</table>");
}

void CaseTherapyTab::showSelected()
{
    const TherapyRequest* r = selectedRequest();
    m_detailPane->setVisible(r != nullptr);
    if (r == nullptr) {
        m_invoices->clear();
        m_details->clear();
        m_sessions->clear();
        m_decisions->clear();
        m_payments->clear();
        updateActions();
        return;
    }
    m_details->setHtml(detailsHtml(*r));
    TherapyService* service = availableTherapy(m_session);

    // Sessions log.
    QString sessions;
    if (service != nullptr) {
        if (auto list = service->sessions(r->id); list && !list->empty()) {
            sessions = QString::fromLatin1(kTableStyle)
                + headRow({tr("Date"), tr("Outcome"), tr("Charged"), tr("Note"), tr("Recorded by")});
            for (const TherapySession& s : *list) {
                const QString outcome = s.beyondApproved
                    ? QStringLiteral("%1 <span style=\"color:#a11d12\">%2</span>")
                          .arg(esc(sessionOutcomeName(s.outcome)), esc(tr("— beyond the approved sessions")))
                    : esc(sessionOutcomeName(s.outcome));
                sessions += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                                .arg(esc(ukDate(s.heldOn)), outcome, esc(s.charged ? tr("Yes") : tr("No")), esc(s.note),
                                     esc(nameOf(s.recordedBy)));
            }
            sessions += QStringLiteral("</table>");
        } else if (!list) {
            sessions = esc(describe(list.error()));
        }
    }
    m_sessions->setHtml(sessions.isEmpty()
                            ? QStringLiteral("<p style=\"color:#5b6670\">%1</p>")
                                  .arg(esc(tr("No sessions logged yet. Log each session the provider reports: "
                                              "attended, late cancellation or did not attend.")))
                            : sessions);
    m_detailTabs->setTabText(1, r->sessionsApproved > 0 ? tr("Sessions (%1 / %2)").arg(r->sessionsUsed).arg(r->sessionsApproved)
                                                        : tr("Sessions"));

    // Invoices and payments.
    std::vector<Invoice> invoices;
    m_paymentRows.clear();
    if (service != nullptr) {
        if (auto list = service->invoices(r->id)) {
            invoices = std::move(*list);
        }
        if (auto list = service->payments(r->id)) {
            m_paymentRows = std::move(*list);
        }
    }
    QHash<qint64, QString> numbers;
    for (const Invoice& i : invoices) {
        numbers.insert(i.id, i.number);
    }
    const int invoiceCount = static_cast<int>(invoices.size());
    m_invoices->setInvoices(std::move(invoices));
    m_detailTabs->setTabText(2, invoiceCount > 0 ? tr("Invoices and payments (%1)").arg(invoiceCount)
                                                 : tr("Invoices and payments"));
    QString payments = QStringLiteral("<p style=\"font-weight:600; margin-bottom:4px\">%1</p>").arg(esc(tr("Payments")));
    if (m_paymentRows.empty()) {
        payments += QStringLiteral("<p style=\"color:#5b6670\">%1</p>").arg(esc(tr("No payments yet.")));
    } else {
        payments += QString::fromLatin1(kTableStyle)
            + headRow({tr("Paid on"), tr("Invoice"), tr("Amount"), tr("Method"), tr("Reference"), tr("Paid from"), tr("By")});
        for (const Payment& p : m_paymentRows) {
            payments += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td><td>%7</td></tr>")
                            .arg(esc(ukDate(p.paidOn)), esc(numbers.value(p.invoiceId)), esc(money(p.amountPence)),
                                 esc(p.method), esc(p.reference), esc(p.paidFrom), esc(nameOf(p.paidBy)));
        }
        payments += QStringLiteral("</table>");
    }
    m_payments->setHtml(payments);

    // Decisions.
    QString decisions;
    if (service != nullptr) {
        if (auto list = service->decisions(r->id); list && !list->empty()) {
            decisions = QString::fromLatin1(kTableStyle)
                + headRow({tr("When"), tr("Decision"), tr("By"), tr("Sessions"), tr("Cap"), tr("Authority"), tr("Note")});
            for (const Decision& d : *list) {
                QString note = esc(d.note);
                if (!d.budgetOverrideReason.isEmpty()) {
                    note += QStringLiteral("<br><span style=\"color:#a11d12\">%1</span>")
                                .arg(esc(tr("Budget override: %1").arg(d.budgetOverrideReason)));
                }
                decisions += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td>"
                                            "<td>%7</td></tr>")
                                 .arg(esc(ukDateTime(d.atUtc)),
                                      esc(tr("%1 → %2").arg(therapyStatusName(d.from), therapyStatusName(d.to))),
                                      esc(nameOf(d.by)), QString::number(d.sessionsApproved), esc(money(d.capPence)),
                                      esc(money(d.authorityLimitPence)), note);
            }
            decisions += QStringLiteral("</table>");
        }
    }
    m_decisions->setHtml(decisions.isEmpty() ? QStringLiteral("<p style=\"color:#5b6670\">%1</p>")
                                                   .arg(esc(tr("No decisions yet: a supervisor approves or rejects the "
                                                               "request once it is sent for approval.")))
                                             : decisions);
    updateActions();
}

void CaseTherapyTab::updateActions()
{
    const TherapyRequest* r = selectedRequest();
    const bool ready = availableTherapy(m_session) != nullptr;
    const bool supervisor = isSupervisor();
    m_new->setEnabled(ready);
    m_new->setToolTip(tr("Start a therapy request for this case (saved as a draft)."));
    m_statement->setEnabled(ready && m_requests->rowCount() > 0);
    m_statement->setToolTip(m_requests->rowCount() > 0
                                ? tr("The statement of therapy costs for the schedule of loss: print, PDF or CSV.")
                                : tr("There is nothing to state yet: no therapy was requested on this case."));
    if (r == nullptr) {
        m_edit->setEnabled(false);
        m_edit->setToolTip(tr("Choose a request first."));
        return;
    }
    const RequestStatus s = r->status;
    const bool editable = isEditable(s);
    m_edit->setEnabled(ready && editable);
    m_edit->setToolTip(editable ? tr("Change the request's details.")
                                : tr("A request that is %1 can no longer be edited: approved figures change only by "
                                     "a supervisor's decision.")
                                      .arg(therapyStatusName(s).toLower()));

    // Where the request is and what happens next.
    m_stateLabel->setText(tr("<b>%1</b> — %2 · %3").arg(esc(therapyStatusName(s)), esc(modalityText(*r)),
                                                      esc(r->providerName.isEmpty() ? tr("provider not chosen") : r->providerName)));
    QString hint;
    switch (s) {
    case RequestStatus::AwaitingApproval:
        hint = supervisor ? therapyflows::decisionRefusal(*r, username(), true)
                          : tr("Waiting for a supervisor's decision.");
        if (hint.isEmpty()) {
            hint = tr("Waiting for your decision: approve (up to the sessions requested) or reject with a reason.");
        }
        break;
    case RequestStatus::ExtensionRequested:
        hint = (r->extensionSessions == 1 ? tr("1 more session asked for. ") : tr("%1 more sessions asked for. ").arg(r->extensionSessions))
            + (supervisor ? therapyflows::decisionRefusal(*r, username(), true) : tr("Waiting for a supervisor's decision."));
        break;
    case RequestStatus::Rejected:
        hint = tr("Rejected: %1").arg(r->rejectionReason);
        break;
    default:
        if (r->sessionsApproved > 0 && r->sessionsUsed >= r->sessionsApproved && acceptsSessions(s)) {
            hint = tr("Every approved session is used: ask for an extension, or end therapy.");
        }
        break;
    }
    if (r->risk == RiskLevel::SeriousRisk) {
        hint = tr("Serious safeguarding risk on this case: check the supervisor's safeguarding action before "
                  "arranging or continuing therapy. ")
            + hint;
    }
    m_stateHint->setText(hint);
    m_stateHint->setVisible(!hint.isEmpty());

    // Plain workflow steps: only those allowed from here.
    for (const RequestStatus to : kSteps) {
        QPushButton* b = m_steps.value(static_cast<int>(to));
        const bool offered = isAllowed(s, to) && !isDecision(s, to);
        b->setText(stepLabel(s, to));
        const bool mayTake = !needsSupervisor(s, to) || supervisor;
        setAction(b, offered, ready && mayTake,
                  mayTake ? stepHint(s, to)
                          : tr("Only a supervisor can reconcile or close a funded request: it signs off the money."));
    }
    // The supervisor's decisions (four eyes): hidden from other roles, disabled with the reason for the requester.
    const QString refusal = therapyflows::decisionRefusal(*r, username(), supervisor);
    const bool awaiting = s == RequestStatus::AwaitingApproval;
    const bool extension = s == RequestStatus::ExtensionRequested;
    setAction(m_approve, supervisor && awaiting, ready && refusal.isEmpty(),
              refusal.isEmpty() ? tr("Approve the therapy: sessions, conditions and a review point.") : refusal);
    setAction(m_reject, supervisor && awaiting, ready && refusal.isEmpty(),
              refusal.isEmpty() ? tr("Reject the request, with your reason.") : refusal);
    setAction(m_approveExtension, supervisor && extension, ready && refusal.isEmpty(),
              refusal.isEmpty() ? tr("Approve more sessions.") : refusal);
    setAction(m_refuseExtension, supervisor && extension, ready && refusal.isEmpty(),
              refusal.isEmpty() ? tr("Refuse more sessions: therapy moves to ending.") : refusal);
    setAction(m_askExtension, isAllowed(s, RequestStatus::ExtensionRequested), ready,
              tr("Ask a supervisor for more sessions, with the reason (e.g. the therapist's progress report)."));
    const bool rehab = r->funding == FundingRoute::RehabilitationCode && s != RequestStatus::Closed
        && s != RequestStatus::Rejected;
    setAction(m_rehab, rehab, ready && !r->rehabProposalReceivedOn.isValid(),
              r->rehabProposalReceivedOn.isValid()
                  ? tr("Already recorded: the compensator received the proposal on %1.").arg(ukDate(r->rehabProposalReceivedOn))
                  : tr("Record when the compensator received the Rehabilitation Code proposal: their 21-day reply "
                       "deadline is added to the case."));
    const bool settling = r->paidPence > 0 || s == RequestStatus::Completed || s == RequestStatus::Reconciled;
    setAction(m_recovery, settling, ready,
              tr("Record whether the cost was claimed in the schedule of loss and what was recovered."));
    setAction(m_writeOff, settling, ready && supervisor,
              supervisor ? tr("Write off what will not be recovered, with the reason.")
                         : tr("Only a supervisor can write off therapy costs."));

    // Buttons shown or hidden while the tab itself is hidden do not tell the layout: recount them now, or the pane
    // keeps the minimum width of every button at once.
    m_detailPane->layout()->invalidate();
    m_detailPane->updateGeometry();

    // Sessions.
    const bool sessionsOk = acceptsSessions(s);
    m_logSession->setEnabled(ready && sessionsOk);
    m_logSession->setToolTip(sessionsOk ? tr("Record a session the provider reports.")
                                        : tr("Sessions can be logged once the provider is instructed and until therapy "
                                             "is completed (this request is %1).")
                                              .arg(therapyStatusName(s).toLower()));
    updateInvoiceActions();
}

void CaseTherapyTab::updateInvoiceActions()
{
    const TherapyRequest* r = selectedRequest();
    const bool ready = availableTherapy(m_session) != nullptr;
    if (r == nullptr) {
        return;
    }
    const RequestStatus s = r->status;
    const bool invoicesOk = acceptsSessions(s) || s == RequestStatus::Completed;
    m_addInvoice->setEnabled(ready && invoicesOk);
    m_addInvoice->setToolTip(invoicesOk ? tr("Record an invoice from the provider.")
                                        : tr("Invoices are recorded once the provider is instructed (this request is "
                                             "%1).")
                                              .arg(therapyStatusName(s).toLower()));
    const Invoice* i = selectedInvoice();
    if (i == nullptr) {
        m_dispute->setText(tr("Mark &disputed…"));
        m_dispute->setEnabled(false);
        m_dispute->setToolTip(tr("Choose an invoice first."));
        m_pay->setEnabled(false);
        m_pay->setToolTip(isSupervisor() ? tr("Choose an invoice first.") : tr("Only a supervisor can pay invoices."));
        return;
    }
    m_dispute->setText(i->disputed ? tr("Dispute &resolved") : tr("Mark &disputed…"));
    m_dispute->setEnabled(ready && (i->disputed || i->outstandingPence() > 0));
    m_dispute->setToolTip(i->disputed ? tr("The dispute is settled: the invoice can be paid again.")
                                      : i->outstandingPence() > 0 ? tr("Hold payment of this invoice, with the reason.")
                                                                  : tr("The invoice is paid in full."));
    QString why;
    const auto provider = m_providers.find(i->providerId);
    if (!isSupervisor()) {
        why = tr("Only a supervisor can pay invoices.");
    } else if (i->outstandingPence() <= 0) {
        why = tr("The invoice is paid in full.");
    } else if (i->disputed) {
        why = tr("The invoice is disputed: resolve the dispute first.");
    } else if (!isPayable(s)) {
        why = tr("Invoices cannot be paid while the request is %1.").arg(therapyStatusName(s).toLower());
    } else if (provider == m_providers.end() || !provider->second.bankVerified()) {
        why = tr("The provider's bank details are not verified by call-back: a supervisor verifies them in the "
                 "therapy fund window first.");
    }
    m_pay->setEnabled(ready && why.isEmpty());
    m_pay->setToolTip(why.isEmpty() ? tr("Record the payment of this invoice (never beyond the approved cap).") : why);
}

TherapyFlowContext CaseTherapyTab::flowContext()
{
    TherapyFlowContext c;
    c.parent = this;
    c.session = &m_session;
    c.prompter = &m_prompter;
    c.today = m_today;
    c.changed = [this](const QString& message) { changed(message); };
    return c;
}

void CaseTherapyTab::changed(const QString& message)
{
    reload();
    if (!message.isEmpty()) {
        emit statusMessage(message);
    }
}

// --- Actions -------------------------------------------------------------------------------------------------

void CaseTherapyTab::openProviderDialogFor(RequestDialog* requestDialog)
{
    QPointer<RequestDialog> target(requestDialog);
    auto* dialog = new ProviderDialog(
        Provider {},
        [this, target](const Provider& provider) -> QString {
            TherapyService* service = availableTherapy(m_session);
            if (service == nullptr) {
                return therapyflows::busyText();
            }
            auto saved = service->saveProvider(provider);
            if (!saved) {
                return describe(saved.error());
            }
            m_providers[saved->id] = *saved;
            if (target) {
                target->addProvider(*saved);
            }
            emit statusMessage(tr("Provider %1 added. A supervisor verifies the bank details by call-back before any "
                                  "payment.")
                                   .arg(saved->name));
            return {};
        },
        requestDialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void CaseTherapyTab::newRequest()
{
    TherapyService* service = availableTherapy(m_session);
    if (service == nullptr) {
        return;
    }
    std::vector<Provider> providers;
    for (const auto& [id, p] : m_providers) {
        providers.push_back(p);
    }
    TherapyRequest draft;
    draft.caseId = m_caseId;
    draft.caseReference = m_reference;
    draft.requester = username();
    draft.frequency = tr("weekly");
    auto* dialog = new RequestDialog(
        m_reference, draft, providers,
        [this](const TherapyRequest& request) -> QString {
            TherapyService* s = availableTherapy(m_session);
            if (s == nullptr) {
                return therapyflows::busyText();
            }
            auto created = s->createRequest(request);
            if (!created) {
                return describe(created.error());
            }
            m_selectedId = created->id;
            reload();
            selectRequest(created->id);
            emit statusMessage(tr("%1: therapy request saved as a draft.").arg(m_reference));
            return {};
        },
        this);
    connect(dialog, &RequestDialog::newProviderRequested, this, [this, dialog] { openProviderDialogFor(dialog); });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void CaseTherapyTab::editRequest()
{
    const TherapyRequest* r = selectedRequest();
    if (r == nullptr || !isEditable(r->status)) {
        return;
    }
    std::vector<Provider> providers;
    for (const auto& [id, p] : m_providers) {
        providers.push_back(p);
    }
    auto version = std::make_shared<int>(r->version);
    const qint64 id = r->id;
    auto* dialog = new RequestDialog(
        m_reference, *r, providers,
        [this, id, version](const TherapyRequest& edited) -> QString {
            TherapyService* s = availableTherapy(m_session);
            if (s == nullptr) {
                return therapyflows::busyText();
            }
            TherapyRequest request = edited;
            request.version = *version;
            auto saved = s->updateRequest(request);
            if (!saved) {
                return therapyflows::refusal(flowContext(), id, version, saved.error());
            }
            changed(tr("%1: therapy request saved.").arg(m_reference));
            return {};
        },
        this);
    connect(dialog, &RequestDialog::newProviderRequested, this, [this, dialog] { openProviderDialogFor(dialog); });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void CaseTherapyTab::step(RequestStatus to)
{
    const TherapyRequest* r = selectedRequest();
    TherapyService* service = availableTherapy(m_session);
    if (r == nullptr || service == nullptr) {
        return;
    }
    const RequestStatus from = r->status;
    const qint64 id = r->id;
    const int version = r->version;
    if (to == RequestStatus::Closed
        && !m_prompter.confirm(this, stepLabel(from, to),
                               tr("%1 the therapy request (%2)? Nothing more can happen to it afterwards.")
                                   .arg(stepLabel(from, to), modalityText(*r)),
                               stepLabel(from, to))) {
        return;
    }
    auto moved = service->transition(id, to, version);
    if (!moved) {
        m_prompter.reportError(this, tr("The request was not moved on"), moved.error());
        if (moved.error().code == core::ErrorCode::ConflictingEdit) {
            reload();  // someone else changed it: show what they did
        }
        return;
    }
    changed(tr("%1: therapy request now %2.").arg(m_reference, therapyStatusName(moved->status).toLower()));
}

void CaseTherapyTab::approve()
{
    if (const TherapyRequest* r = selectedRequest()) {
        therapyflows::approve(flowContext(), *r);
    }
}

void CaseTherapyTab::reject()
{
    if (const TherapyRequest* r = selectedRequest()) {
        therapyflows::reject(flowContext(), *r);
    }
}

void CaseTherapyTab::approveExtension()
{
    if (const TherapyRequest* r = selectedRequest()) {
        therapyflows::approveExtension(flowContext(), *r);
    }
}

void CaseTherapyTab::refuseExtension()
{
    if (const TherapyRequest* r = selectedRequest()) {
        therapyflows::refuseExtension(flowContext(), *r);
    }
}

void CaseTherapyTab::askExtension()
{
    const TherapyRequest* r = selectedRequest();
    if (r == nullptr) {
        return;
    }
    auto version = std::make_shared<int>(r->version);
    const qint64 id = r->id;
    auto* dialog = new TherapyFormDialog(tr("Ask for extension — %1").arg(m_reference),
                                         tr("Ask for more sessions"),
                                         tr("%1 of %2 approved sessions used. A supervisor decides.")
                                             .arg(r->sessionsUsed)
                                             .arg(r->sessionsApproved),
                                         tr("&Ask for extension"), this);
    dialog->setObjectName(QStringLiteral("ExtensionDialog"));
    dialog->addSessions(QStringLiteral("sessions"), tr("&More sessions:"), 1, 200, 4);
    dialog->addText(QStringLiteral("reason"), tr("&Reason:"), QString(), true, true,
                    tr("e.g. the therapist's progress report of 3 Mar recommends 6 more sessions"));
    auto context = flowContext();
    dialog->setSubmit([this, id, version, context](const TherapyFormDialog& form) -> QString {
        TherapyService* s = availableTherapy(m_session);
        if (s == nullptr) {
            return therapyflows::busyText();
        }
        auto asked = s->requestExtension(id, form.sessions(QStringLiteral("sessions")), form.text(QStringLiteral("reason")),
                                         *version);
        if (!asked) {
            return therapyflows::refusal(context, id, version, asked.error());
        }
        changed(tr("%1: extension asked for; a supervisor decides.").arg(m_reference));
        return {};
    });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void CaseTherapyTab::recordRehabProposal()
{
    const TherapyRequest* r = selectedRequest();
    if (r == nullptr) {
        return;
    }
    auto version = std::make_shared<int>(r->version);
    const qint64 id = r->id;
    auto* dialog = new TherapyFormDialog(tr("Rehabilitation Code proposal — %1").arg(m_reference),
                                         tr("When did the compensator receive the proposal?"),
                                         tr("The compensator should reply within 21 days (Rehabilitation Code 2015). "
                                            "The reply deadline is added to the case's deadlines."),
                                         tr("&Record"), this);
    dialog->setObjectName(QStringLiteral("RehabProposalDialog"));
    dialog->addDate(QStringLiteral("receivedOn"), tr("&Received on:"), m_today, true);
    auto context = flowContext();
    dialog->setSubmit([this, id, version, context](const TherapyFormDialog& form) -> QString {
        TherapyService* s = availableTherapy(m_session);
        if (s == nullptr) {
            return therapyflows::busyText();
        }
        auto recorded = s->recordRehabProposal(id, form.date(QStringLiteral("receivedOn")), *version);
        if (!recorded) {
            return therapyflows::refusal(context, id, version, recorded.error());
        }
        changed(tr("%1: Rehabilitation Code proposal recorded; the 21-day reply deadline is on the Deadlines tab.")
                    .arg(m_reference));
        return {};
    });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void CaseTherapyTab::logSession()
{
    const TherapyRequest* r = selectedRequest();
    if (r == nullptr) {
        return;
    }
    const qint64 id = r->id;
    auto* dialog = new TherapyFormDialog(tr("Log session — %1").arg(m_reference), tr("Log a therapy session"),
                                         tr("%1 of %2 approved sessions used so far.").arg(r->sessionsUsed).arg(r->sessionsApproved),
                                         tr("&Log session"), this);
    dialog->setObjectName(QStringLiteral("SessionDialog"));
    dialog->addDate(QStringLiteral("heldOn"), tr("&Date:"), m_today, true);
    dialog->addChoice(QStringLiteral("outcome"), tr("&Outcome:"),
                      {sessionOutcomeName(SessionOutcome::Attended), sessionOutcomeName(SessionOutcome::LateCancelled),
                       sessionOutcomeName(SessionOutcome::DidNotAttend)},
                      false);
    dialog->addCheck(QStringLiteral("charged"), tr("Charged by the provider (counts against the approved sessions)"), true);
    dialog->addText(QStringLiteral("note"), tr("&Note:"), QString(), false, false, tr("Optional"));
    if (r->sessionsApproved > 0 && r->sessionsUsed >= r->sessionsApproved) {
        dialog->addNote(tr("Every approved session is used: a charged session is kept, flagged, and raises an "
                           "extension request for a supervisor."));
    }
    dialog->addNote(tr("Late cancellations and missed sessions are charged as the provider's terms say (often the full "
                       "fee within 7 days)."));
    dialog->setSubmit([this, id](const TherapyFormDialog& form) -> QString {
        TherapyService* s = availableTherapy(m_session);
        if (s == nullptr) {
            return therapyflows::busyText();
        }
        TherapySession session;
        session.requestId = id;
        session.heldOn = form.date(QStringLiteral("heldOn"));
        const SessionOutcome outcomes[] = {SessionOutcome::Attended, SessionOutcome::LateCancelled,
                                           SessionOutcome::DidNotAttend};
        session.outcome = outcomes[std::clamp(form.choiceIndex(QStringLiteral("outcome")), 0, 2)];
        session.charged = form.checked(QStringLiteral("charged"));
        session.note = form.text(QStringLiteral("note"));
        auto logged = s->logSession(id, session);
        if (!logged) {
            return describe(logged.error());
        }
        changed(logged->beyondApproved
                    ? tr("%1: session logged beyond the approved sessions; an extension request was raised.").arg(m_reference)
                    : tr("%1: session of %2 logged.").arg(m_reference, ukDate(logged->heldOn)));
        return {};
    });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void CaseTherapyTab::addInvoice()
{
    const TherapyRequest* r = selectedRequest();
    if (r == nullptr) {
        return;
    }
    const qint64 id = r->id;
    const qint64 providerId = r->providerId;
    auto* dialog = new TherapyFormDialog(tr("Add invoice — %1").arg(m_reference),
                                         tr("Invoice from %1").arg(r->providerName),
                                         tr("Check the sessions it covers against the sessions log. A provider's invoice "
                                            "number can be recorded only once."),
                                         tr("&Add invoice"), this);
    dialog->setObjectName(QStringLiteral("InvoiceDialog"));
    dialog->addText(QStringLiteral("number"), tr("Invoice &number:"), QString(), true, false);
    dialog->addDate(QStringLiteral("invoiceDate"), tr("Invoice &date:"), QDate(), true);
    dialog->addDate(QStringLiteral("receivedOn"), tr("&Received on:"), m_today, true);
    dialog->addDate(QStringLiteral("periodFrom"), tr("Period &from:"), QDate(), false);
    dialog->addDate(QStringLiteral("periodTo"), tr("Period &to:"), QDate(), false);
    dialog->addSessions(QStringLiteral("sessions"), tr("&Sessions covered:"), 0, 500, 0);
    dialog->addAmount(QStringLiteral("amount"), tr("&Amount:"), std::nullopt, true);
    dialog->addCheck(QStringLiteral("checked"), tr("Checked against the sessions log"), false);
    dialog->setSubmit([this, id, providerId](const TherapyFormDialog& form) -> QString {
        TherapyService* s = availableTherapy(m_session);
        if (s == nullptr) {
            return therapyflows::busyText();
        }
        Invoice invoice;
        invoice.requestId = id;
        invoice.providerId = providerId;
        invoice.number = form.text(QStringLiteral("number"));
        invoice.invoiceDate = form.date(QStringLiteral("invoiceDate"));
        invoice.receivedOn = form.date(QStringLiteral("receivedOn"));
        invoice.periodFrom = form.date(QStringLiteral("periodFrom"));
        invoice.periodTo = form.date(QStringLiteral("periodTo"));
        invoice.sessionsCovered = form.sessions(QStringLiteral("sessions"));
        invoice.amountPence = form.amount(QStringLiteral("amount")).value_or(0);
        invoice.checkedAgainstSessions = form.checked(QStringLiteral("checked"));
        auto added = s->addInvoice(id, invoice);
        if (!added) {
            return describe(added.error());
        }
        changed(tr("%1: invoice %2 for %3 recorded, due %4.")
                    .arg(m_reference, added->number, money(added->amountPence), ukDate(added->dueOn)));
        return {};
    });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void CaseTherapyTab::toggleDisputed()
{
    const Invoice* i = selectedInvoice();
    if (i == nullptr) {
        return;
    }
    const qint64 invoiceId = i->id;
    const QString number = i->number;
    if (i->disputed) {
        if (!m_prompter.confirm(this, tr("Dispute resolved"),
                                tr("Mark the dispute over invoice %1 as resolved? It can then be paid.").arg(number),
                                tr("Resolved"))) {
            return;
        }
        TherapyService* s = availableTherapy(m_session);
        if (s == nullptr) {
            return;
        }
        if (auto done = s->setInvoiceDisputed(invoiceId, false, QString()); !done) {
            m_prompter.reportError(this, tr("The invoice was not changed"), done.error());
            return;
        }
        changed(tr("%1: invoice %2 no longer disputed.").arg(m_reference, number));
        return;
    }
    auto* dialog = new TherapyFormDialog(tr("Dispute invoice — %1").arg(m_reference),
                                         tr("Mark invoice %1 disputed").arg(number),
                                         tr("A disputed invoice is not paid until the dispute is resolved."),
                                         tr("&Mark disputed"), this);
    dialog->setObjectName(QStringLiteral("DisputeDialog"));
    dialog->addText(QStringLiteral("reason"), tr("&Reason:"), QString(), true, true,
                    tr("e.g. invoices 2 sessions the client did not attend and the provider's terms do not charge"));
    dialog->setSubmit([this, invoiceId, number](const TherapyFormDialog& form) -> QString {
        TherapyService* s = availableTherapy(m_session);
        if (s == nullptr) {
            return therapyflows::busyText();
        }
        if (auto done = s->setInvoiceDisputed(invoiceId, true, form.text(QStringLiteral("reason"))); !done) {
            return describe(done.error());
        }
        changed(tr("%1: invoice %2 marked disputed.").arg(m_reference, number));
        return {};
    });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void CaseTherapyTab::payInvoice()
{
    if (const Invoice* i = selectedInvoice()) {
        Invoice invoice = *i;
        if (invoice.caseReference.isEmpty()) {
            invoice.caseReference = m_reference;
        }
        therapyflows::pay(flowContext(), invoice);
    }
}

void CaseTherapyTab::recordRecovery()
{
    const TherapyRequest* r = selectedRequest();
    if (r == nullptr) {
        return;
    }
    auto version = std::make_shared<int>(r->version);
    const qint64 id = r->id;
    auto* dialog = new TherapyFormDialog(tr("Recovery — %1").arg(m_reference), tr("Recovery of therapy costs"),
                                         tr("Paid by the firm: %1. Claim it as past special damages (cost of "
                                            "treatment) in the schedule of loss.")
                                             .arg(money(r->paidPence)),
                                         tr("&Save"), this);
    dialog->setObjectName(QStringLiteral("RecoveryDialog"));
    dialog->addCheck(QStringLiteral("claimed"), tr("Claimed in the schedule of loss"), r->claimedInSchedule);
    dialog->addAmount(QStringLiteral("recovered"), tr("Amount &recovered:"), r->recoveredPence, true);
    auto context = flowContext();
    dialog->setSubmit([this, id, version, context](const TherapyFormDialog& form) -> QString {
        TherapyService* s = availableTherapy(m_session);
        if (s == nullptr) {
            return therapyflows::busyText();
        }
        auto saved = s->recordRecovery(id, form.checked(QStringLiteral("claimed")),
                                       form.amount(QStringLiteral("recovered")).value_or(0), *version);
        if (!saved) {
            return therapyflows::refusal(context, id, version, saved.error());
        }
        changed(tr("%1: recovery recorded (%2 recovered).").arg(m_reference, money(saved->recoveredPence)));
        return {};
    });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void CaseTherapyTab::writeOff()
{
    const TherapyRequest* r = selectedRequest();
    if (r == nullptr) {
        return;
    }
    auto version = std::make_shared<int>(r->version);
    const qint64 id = r->id;
    const qint64 left = std::max<qint64>(r->paidPence - r->recoveredPence - r->writtenOffPence, 0);
    auto* dialog = new TherapyFormDialog(tr("Write off — %1").arg(m_reference), tr("Write off therapy costs"),
                                         tr("Paid %1, recovered %2, written off so far %3.")
                                             .arg(money(r->paidPence), money(r->recoveredPence), money(r->writtenOffPence)),
                                         tr("&Write off"), this);
    dialog->setObjectName(QStringLiteral("WriteOffDialog"));
    dialog->addAmount(QStringLiteral("amount"), tr("&Amount:"), left, true);
    dialog->addText(QStringLiteral("reason"), tr("&Reason:"), QString(), true, true);
    auto context = flowContext();
    dialog->setSubmit([this, id, version, context](const TherapyFormDialog& form) -> QString {
        TherapyService* s = availableTherapy(m_session);
        if (s == nullptr) {
            return therapyflows::busyText();
        }
        auto saved = s->writeOff(id, form.amount(QStringLiteral("amount")).value_or(0), form.text(QStringLiteral("reason")),
                                 *version);
        if (!saved) {
            return therapyflows::refusal(context, id, version, saved.error());
        }
        changed(tr("%1: %2 written off.").arg(m_reference, money(saved->writtenOffPence)));
        return {};
    });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

StatementDialog* CaseTherapyTab::showStatement()
{
    TherapyService* service = availableTherapy(m_session);
    if (service == nullptr) {
        return nullptr;
    }
    auto statement = service->statement(m_caseId);
    if (!statement) {
        m_prompter.reportError(this, tr("The statement could not be prepared"), statement.error());
        return nullptr;
    }
    const core::User me = m_session.currentUser();
    auto* dialog = new StatementDialog(std::move(*statement), me.displayName.isEmpty() ? me.username : me.displayName,
                                       m_today, m_prompter, this);
    dialog->setFirmName(m_session.firmName());
    const QString reference = m_reference;
    dialog->setRecorder([this, reference](const QString& format, const QString& destination) -> QString {
        TherapyService* s = availableTherapy(m_session);
        if (s == nullptr) {
            return therapyflows::busyText();
        }
        auto recorded = s->recordExport(TherapyService::Document::Statement, reference, format, destination);
        return recorded ? QString() : recorded.error().message;
    });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

}  // namespace claimdesk::ui
