#include "ui/therapy/TherapyFundWindow.h"

#include "ui/cases/CaseText.h"
#include "ui/cases/DateInput.h"
#include "ui/cases/StaffNames.h"
#include "ui/common/ErrorText.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"
#include "ui/therapy/FundBudgetBar.h"
#include "ui/therapy/FundReportModel.h"
#include "ui/therapy/RiskBadgeDelegate.h"
#include "ui/therapy/TherapyDialogs.h"
#include "ui/therapy/TherapyFlows.h"
#include "ui/therapy/TherapyInvoiceModel.h"
#include "ui/therapy/TherapyProviderModel.h"
#include "ui/therapy/TherapyRequestModel.h"
#include "ui/therapy/TherapyText.h"

#include "therapy/TherapyService.h"
#include "users/User.h"

#include <memory>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace claimdesk::ui {

using namespace core::therapy;

namespace {

QTableView* table(QWidget* parent, const QString& objectName, QAbstractItemModel* model)
{
    auto* view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
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

QWidget* page(QWidget* parent, QTableView* view, const QString& intro, const QList<QPushButton*>& buttons)
{
    auto* w = new QWidget(parent);
    auto* bar = new QHBoxLayout;
    auto* label = new QLabel(intro, w);
    label->setWordWrap(true);
    makeSecondary(label);
    bar->addWidget(label, 1);
    for (QPushButton* b : buttons) {
        b->setParent(w);
        bar->addWidget(b);
    }
    auto* layout = new QVBoxLayout(w);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(bar);
    view->setParent(w);
    layout->addWidget(view, 1);
    return w;
}

QPushButton* button(const QString& text, const QString& objectName)
{
    auto* b = new QPushButton(text);
    b->setObjectName(objectName);
    return b;
}

QLabel* figure(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 1.35);
    f.setBold(true);
    label->setFont(f);
    return label;
}

QLabel* caption(QWidget* parent, const QString& text, const QColor& swatch)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::RichText);
    label->setText(swatch.isValid() ? QStringLiteral("<span style=\"color:%1\">&#9632;</span> %2")
                                          .arg(swatch.name(), text.toHtmlEscaped())
                                    : text.toHtmlEscaped());
    makeSecondary(label);
    return label;
}

}  // namespace

TherapyFundWindow::TherapyFundWindow(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QDialog(parent),
      m_session(session),
      m_prompter(prompter),
      m_today(DateInput::today()),
      m_approval(new TherapyRequestModel(this)),
      m_approvalProxy(new QSortFilterProxyModel(this)),
      m_providers(new TherapyProviderModel(this)),
      m_invoices(new TherapyInvoiceModel(this)),
      m_invoicesProxy(new QSortFilterProxyModel(this)),
      m_reviews(new TherapyRequestModel(this)),
      m_report(new FundReportModel(this))
{
    setObjectName(QStringLiteral("TherapyFundWindow"));
    m_paymentsOnly = session.currentUser().role == core::Role::Accounts;
    setWindowTitle(m_paymentsOnly ? tr("Therapy fund payments — ClaimDesk") : tr("Therapy fund — ClaimDesk"));
    setSizeGripEnabled(true);
    if (auto users = session.users()) {
        StaffNames staff(*users);
        const auto nameOf = [staff](const QString& u) { return staff.nameOf(u); };
        m_approval->setNameOf(nameOf);
        m_reviews->setNameOf(nameOf);
        m_providers->setNameOf(nameOf);
    }
    m_invoices->setToday(m_today);

    auto* heading = new QLabel(m_paymentsOnly ? tr("Therapy fund payments") : tr("Therapy fund"), this);
    makeHeading(heading);
    m_year = new QComboBox(this);
    m_year->setObjectName(QStringLiteral("fundYearCombo"));
    auto* yearLabel = new QLabel(tr("Fund &year:"), this);
    yearLabel->setBuddy(m_year);
    m_setAllocation = new QPushButton(tr("Set &allocation…"), this);
    m_setAllocation->setObjectName(QStringLiteral("setAllocationButton"));
    connect(m_setAllocation, &QPushButton::clicked, this, &TherapyFundWindow::setAllocation);
    auto* top = new QHBoxLayout;
    top->addWidget(heading);
    top->addSpacing(24);
    top->addWidget(yearLabel);
    top->addWidget(m_year);
    top->addStretch(1);
    top->addWidget(m_setAllocation);

    // The budget: four figures, then the bar.
    m_allocated = figure(this, QStringLiteral("allocatedLabel"));
    m_committed = figure(this, QStringLiteral("committedLabel"));
    m_paid = figure(this, QStringLiteral("paidLabel"));
    m_remaining = figure(this, QStringLiteral("remainingLabel"));
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(36);
    grid->setVerticalSpacing(0);
    grid->addWidget(caption(this, tr("Allocated"), QColor()), 0, 0);
    grid->addWidget(caption(this, tr("Paid"), FundBudgetBar::paidColour()), 0, 1);
    grid->addWidget(caption(this, tr("Committed (approved, not yet paid)"), FundBudgetBar::committedColour()), 0, 2);
    grid->addWidget(caption(this, tr("Remaining"), FundBudgetBar::remainingColour().darker(115)), 0, 3);
    grid->addWidget(m_allocated, 1, 0);
    grid->addWidget(m_paid, 1, 1);
    grid->addWidget(m_committed, 1, 2);
    grid->addWidget(m_remaining, 1, 3);
    grid->setColumnStretch(4, 1);
    m_bar = new FundBudgetBar(this);
    m_budgetNote = new QLabel(this);
    m_budgetNote->setObjectName(QStringLiteral("budgetNoteLabel"));
    m_budgetNote->setWordWrap(true);
    makeSecondary(m_budgetNote);

    // Approval queue.
    m_approvalProxy->setSourceModel(m_approval);
    m_approvalProxy->setSortRole(TherapyRequestModel::SortRole);
    m_approvalView = table(this, QStringLiteral("approvalQueueView"), m_approvalProxy);
    m_approvalView->setSortingEnabled(true);
    m_approvalView->sortByColumn(TherapyRequestModel::Requested, Qt::AscendingOrder);
    m_approvalView->setItemDelegateForColumn(TherapyRequestModel::Risk, new RiskBadgeDelegate(m_approvalView));
    m_approvalView->horizontalHeader()->setSectionResizeMode(TherapyRequestModel::Provider, QHeaderView::Stretch);
    m_approvalView->setColumnWidth(TherapyRequestModel::Reference, 120);
    m_approvalView->setColumnWidth(TherapyRequestModel::Status, 140);
    m_approvalView->setColumnWidth(TherapyRequestModel::Modality, 175);
    m_approvalView->setColumnWidth(TherapyRequestModel::Sessions, 180);
    m_approvalView->setColumnWidth(TherapyRequestModel::PaidOfCap, 160);
    m_approvalView->setColumnWidth(TherapyRequestModel::Requested, 105);
    m_approvalView->setColumnWidth(TherapyRequestModel::Requester, 120);
    m_approvalView->setColumnWidth(TherapyRequestModel::Risk, 120);
    m_openApproval = button(tr("&Open case"), QStringLiteral("openApprovalCaseButton"));
    m_approve = button(tr("A&pprove…"), QStringLiteral("approveButton"));
    m_reject = button(tr("&Reject…"), QStringLiteral("rejectButton"));
    connect(m_openApproval, &QPushButton::clicked, this, [this] {
        if (const TherapyRequest* r = selectedApproval()) {
            emit openCaseRequested(r->caseId);
        }
    });
    connect(m_approvalView, &QTableView::doubleClicked, m_openApproval, &QPushButton::click);
    connect(m_approve, &QPushButton::clicked, this, &TherapyFundWindow::approveSelected);
    connect(m_reject, &QPushButton::clicked, this, &TherapyFundWindow::rejectSelected);

    // Providers.
    m_providersView = table(this, QStringLiteral("providersView"), m_providers);
    m_providersView->horizontalHeader()->setSectionResizeMode(TherapyProviderModel::Contact, QHeaderView::Stretch);
    m_providersView->setColumnWidth(TherapyProviderModel::Name, 170);
    m_providersView->setColumnWidth(TherapyProviderModel::Organisation, 190);
    m_providersView->setColumnWidth(TherapyProviderModel::Registration, 160);
    m_providersView->setColumnWidth(TherapyProviderModel::Terms, 80);
    m_providersView->setColumnWidth(TherapyProviderModel::Bank, 290);
    m_addProvider = button(tr("Add &provider…"), QStringLiteral("addProviderButton"));
    m_editProvider = button(tr("&Edit…"), QStringLiteral("editProviderButton"));
    m_verify = button(tr("&Verify bank details…"), QStringLiteral("verifyBankButton"));
    connect(m_addProvider, &QPushButton::clicked, this, &TherapyFundWindow::addProvider);
    connect(m_editProvider, &QPushButton::clicked, this, &TherapyFundWindow::editProvider);
    connect(m_verify, &QPushButton::clicked, this, &TherapyFundWindow::verifyBank);

    // Invoices awaiting payment, oldest due first.
    m_invoicesProxy->setSourceModel(m_invoices);
    m_invoicesProxy->setSortRole(TherapyInvoiceModel::SortRole);
    m_invoicesView = table(this, QStringLiteral("awaitingPaymentView"), m_invoicesProxy);
    m_invoicesView->setSortingEnabled(true);
    m_invoicesView->sortByColumn(TherapyInvoiceModel::Due, Qt::AscendingOrder);
    m_invoicesView->horizontalHeader()->setSectionResizeMode(TherapyInvoiceModel::Provider, QHeaderView::Stretch);
    m_invoicesView->hideColumn(TherapyInvoiceModel::Period);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::Reference, 120);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::Number, 100);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::InvoiceDate, 105);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::Sessions, 75);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::Amount, 110);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::Paid, 110);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::Due, 105);
    m_invoicesView->setColumnWidth(TherapyInvoiceModel::State, 160);
    m_openInvoice = button(tr("&Open case"), QStringLiteral("openInvoiceCaseButton"));
    m_pay = button(tr("Pa&y…"), QStringLiteral("payButton"));
    connect(m_openInvoice, &QPushButton::clicked, this, [this] {
        if (const Invoice* i = selectedInvoice()) {
            if (TherapyService* s = availableTherapy(m_session)) {
                if (auto r = s->request(i->requestId)) {
                    emit openCaseRequested(r->caseId);
                }
            }
        }
    });
    connect(m_pay, &QPushButton::clicked, this, &TherapyFundWindow::paySelected);

    // Overdue reviews.
    auto* reviewsProxy = new QSortFilterProxyModel(this);
    reviewsProxy->setSourceModel(m_reviews);
    reviewsProxy->setSortRole(TherapyRequestModel::SortRole);
    m_reviewsView = table(this, QStringLiteral("overdueReviewsView"), reviewsProxy);
    m_reviewsView->setSortingEnabled(true);
    m_reviewsView->setItemDelegateForColumn(TherapyRequestModel::Risk, new RiskBadgeDelegate(m_reviewsView));
    m_reviewsView->horizontalHeader()->setSectionResizeMode(TherapyRequestModel::Provider, QHeaderView::Stretch);
    m_reviewsView->setColumnWidth(TherapyRequestModel::Reference, 120);
    m_reviewsView->setColumnWidth(TherapyRequestModel::Status, 140);
    m_reviewsView->setColumnWidth(TherapyRequestModel::Modality, 175);
    m_reviewsView->setColumnWidth(TherapyRequestModel::Sessions, 180);
    m_reviewsView->setColumnWidth(TherapyRequestModel::PaidOfCap, 160);
    m_reviewsView->setColumnWidth(TherapyRequestModel::Requested, 105);
    m_reviewsView->setColumnWidth(TherapyRequestModel::Requester, 120);
    m_reviewsView->setColumnWidth(TherapyRequestModel::Risk, 120);
    m_openReview = button(tr("&Open case"), QStringLiteral("openReviewCaseButton"));
    connect(m_openReview, &QPushButton::clicked, this, [this, reviewsProxy] {
        const QModelIndexList rows = m_reviewsView->selectionModel()->selectedRows();
        if (!rows.isEmpty()) {
            if (const TherapyRequest* r = m_reviews->requestAt(reviewsProxy->mapToSource(rows.first()).row())) {
                emit openCaseRequested(r->caseId);
            }
        }
    });
    connect(m_reviewsView, &QTableView::doubleClicked, m_openReview, &QPushButton::click);

    // Year report.
    auto* reportProxy = new QSortFilterProxyModel(this);
    reportProxy->setSourceModel(m_report);
    reportProxy->setSortRole(FundReportModel::SortRole);
    m_reportView = table(this, QStringLiteral("yearReportView"), reportProxy);
    m_reportView->setSortingEnabled(true);
    m_reportView->sortByColumn(FundReportModel::Reference, Qt::AscendingOrder);
    m_reportView->horizontalHeader()->setSectionResizeMode(FundReportModel::Provider, QHeaderView::Stretch);
    m_reportView->setColumnWidth(FundReportModel::Reference, 120);
    m_reportView->setColumnWidth(FundReportModel::Status, 150);
    m_reportView->setColumnWidth(FundReportModel::ApprovedSessions, 80);
    for (int c = FundReportModel::Cap; c < FundReportModel::ColumnCount; ++c) {
        m_reportView->setColumnWidth(c, 120);
    }
    m_exportReport = button(tr("&Export CSV…"), QStringLiteral("exportReportButton"));
    connect(m_exportReport, &QPushButton::clicked, this, &TherapyFundWindow::exportReportCsv);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("fundTabs"));
    m_tabs->addTab(page(m_tabs, m_approvalView,
                        tr("Requests and extensions waiting for a supervisor's decision. You cannot decide on a "
                           "request you made yourself."),
                        {m_openApproval, m_approve, m_reject}),
                   tr("Approval queue"));
    m_tabs->addTab(page(m_tabs, m_providersView,
                        tr("Payments go only to bank details verified by calling the provider back — by a supervisor "
                           "other than the person who entered them."),
                        {m_addProvider, m_editProvider, m_verify}),
                   tr("Providers"));
    m_tabs->addTab(page(m_tabs, m_invoicesView, tr("Outstanding invoices that are not disputed, oldest due first."),
                        {m_openInvoice, m_pay}),
                   tr("Invoices awaiting payment"));
    m_tabs->addTab(page(m_tabs, m_reviewsView, tr("Therapy whose review is due or whose review date has passed."),
                        {m_openReview}),
                   tr("Overdue reviews"));
    QWidget* reportPage = page(m_tabs, m_reportView,
                               tr("Every request drawing on the year's fund, by case reference. Money in the CSV is "
                                  "in pence."),
                               {m_exportReport});
    m_reportTotals = new QLabel(reportPage);
    m_reportTotals->setObjectName(QStringLiteral("reportTotalsLabel"));
    m_reportTotals->setTextFormat(Qt::RichText);
    reportPage->layout()->addWidget(m_reportTotals);
    m_tabs->addTab(reportPage, tr("Year report"));

    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(8);
    layout->addLayout(top);
    layout->addSpacing(4);
    layout->addLayout(grid);
    layout->addWidget(m_bar);
    layout->addWidget(m_budgetNote);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(close);
    resize(1200, 720);

    if (m_paymentsOnly) {
        // Accounts: the payment side only — the invoices awaiting payment, and the providers whose call-back verified
        // bank details they pay to (read only). Requests, decisions, reviews, the budget and the year report are
        // matters for fee earners and supervisors, and the invoices' cases are not theirs to open.
        for (QWidget* w : {static_cast<QWidget*>(yearLabel), static_cast<QWidget*>(m_year),
                           static_cast<QWidget*>(m_setAllocation), static_cast<QWidget*>(m_bar),
                           static_cast<QWidget*>(m_budgetNote), static_cast<QWidget*>(m_openInvoice)}) {
            w->setVisible(false);
        }
        for (int i = 0; i < grid->count(); ++i) {
            if (QWidget* w = grid->itemAt(i)->widget()) {
                w->setVisible(false);
            }
        }
        for (int tab : {ApprovalTab, ReviewsTab, ReportTab}) {
            m_tabs->setTabVisible(tab, false);
        }
        m_tabs->setCurrentIndex(InvoicesTab);
    }
    for (QTableView* v : {m_approvalView, m_providersView, m_invoicesView, m_reviewsView}) {
        connect(v->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TherapyFundWindow::updateButtons);
    }
    connect(&m_session, &VaultSession::locked, this, &TherapyFundWindow::clearAll);
    fillYears();
    connect(m_year, &QComboBox::currentIndexChanged, this, &TherapyFundWindow::reload);
    reload();
}

TherapyFundWindow::~TherapyFundWindow() = default;

void TherapyFundWindow::fillYears()
{
    TherapyService* service = availableTherapy(m_session);
    if (service == nullptr) {
        return;
    }
    m_startMonth = service->yearStartMonth();
    const int current = service->currentFundYear();
    const QSignalBlocker block(m_year);
    m_year->clear();
    for (int y = current + 1; y >= current - 4; --y) {
        m_year->addItem(fundYearLabel(y, m_startMonth), y);
    }
    m_year->setCurrentIndex(m_year->findData(current));
}

void TherapyFundWindow::setToday(const QDate& today)
{
    m_today = today;
    m_invoices->setToday(today);
}

void TherapyFundWindow::setYear(int year)
{
    const int index = m_year->findData(year);
    if (index < 0) {
        m_year->addItem(fundYearLabel(year, m_startMonth), year);
        m_year->setCurrentIndex(m_year->count() - 1);
    } else {
        m_year->setCurrentIndex(index);
    }
}

int TherapyFundWindow::year() const
{
    return m_year->currentData().toInt();
}

void TherapyFundWindow::clearAll()
{
    m_budget = {};
    m_providerById.clear();
    m_approval->clear();
    m_providers->clear();
    m_invoices->clear();
    m_reviews->clear();
    m_report->clear();
    m_bar->clear();
    for (QLabel* l : {m_allocated, m_committed, m_paid, m_remaining, m_budgetNote, m_reportTotals}) {
        l->clear();
    }
}

void TherapyFundWindow::reload()
{
    TherapyService* service = availableTherapy(m_session);
    if (service == nullptr || m_year->count() == 0) {
        return;
    }
    if (!m_paymentsOnly && !loadBudget(*service, year())) {
        return;
    }
    if (auto queues = service->queues()) {
        m_approval->setRequests(std::move(queues->awaitingApproval));
        m_reviews->setRequests(std::move(queues->reviewsDue));
        m_invoices->setInvoices(std::move(queues->awaitingPayment));
    } else {
        m_approval->clear();
        m_reviews->clear();
        m_invoices->clear();
        m_prompter.reportError(this, tr("The therapy queues could not be loaded"), queues.error());
    }
    m_providerById.clear();
    if (auto providers = service->providers(true)) {
        for (const Provider& p : *providers) {
            m_providerById.emplace(p.id, p);
        }
        m_providers->setProviders(std::move(*providers));
    } else {
        m_providers->clear();
    }
    m_tabs->setTabText(ApprovalTab, m_approval->rowCount() > 0 ? tr("Approval queue (%1)").arg(m_approval->rowCount())
                                                               : tr("Approval queue"));
    m_tabs->setTabText(InvoicesTab, m_invoices->rowCount() > 0
                                        ? tr("Invoices awaiting payment (%1)").arg(m_invoices->rowCount())
                                        : tr("Invoices awaiting payment"));
    m_tabs->setTabText(ReviewsTab, m_reviews->rowCount() > 0 ? tr("Overdue reviews (%1)").arg(m_reviews->rowCount())
                                                             : tr("Overdue reviews"));
    updateButtons();
}

bool TherapyFundWindow::loadBudget(TherapyService& service, int y)
{
    auto report = service.report(y);
    if (report) {
        m_budget = report->budget;
        const ReportRow& t = report->totals;
        m_reportTotals->setText(tr("<b>Totals</b> (%1 requests): cap %2 · invoiced %3 · paid %4 · recovered %5 · "
                                   "written off %6")
                                    .arg(report->requests.size())
                                    .arg(money(t.capPence), money(t.invoicedPence), money(t.paidPence),
                                         money(t.recoveredPence), money(t.writtenOffPence)));
        m_report->setReport(std::move(*report));
    } else {
        m_reportTotals->clear();
        m_report->clear();
        auto budget = service.budget(y);
        if (!budget) {
            clearAll();
            m_prompter.reportError(this, tr("The therapy fund could not be loaded"), budget.error());
            return false;
        }
        m_budget = *budget;
    }
    m_allocated->setText(money(m_budget.allocatedPence));
    m_committed->setText(money(m_budget.committedPence));
    m_paid->setText(money(m_budget.paidPence));
    m_remaining->setText(money(m_budget.remainingPence));
    m_remaining->setStyleSheet(m_budget.remainingPence < 0 ? QStringLiteral("color: #a11d12;") : QString());
    m_remaining->setToolTip(m_budget.remainingPence < 0
                                ? tr("Over budget: supervisors approved more than was allocated, each with a reason.")
                                : QString());
    m_bar->setFigures(m_budget.allocatedPence, m_budget.committedPence, m_budget.paidPence);
    m_bar->setToolTip(tr("%1 — allocated %2: paid %3, committed %4, remaining %5")
                          .arg(fundYearLabel(y, m_startMonth), money(m_budget.allocatedPence), money(m_budget.paidPence),
                               money(m_budget.committedPence), money(m_budget.remainingPence)));
    QString note = tr("Fund year %1: %2 to %3.")
                       .arg(fundYearLabel(y, m_startMonth), ukDate(m_budget.startsOn), ukDate(m_budget.endsOn));
    if (!m_budget.setBy.isEmpty()) {
        note += QLatin1Char(' ') + tr("Allocation set %1.").arg(ukDateTime(m_budget.setAtUtc));
    } else {
        note += QLatin1Char(' ') + tr("No allocation set yet for this year.");
    }
    m_budgetNote->setText(note);
    return true;
}

const TherapyRequest* TherapyFundWindow::selectedApproval() const
{
    const QModelIndexList rows = m_approvalView->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_approval->requestAt(m_approvalProxy->mapToSource(rows.first()).row());
}

const Provider* TherapyFundWindow::selectedProvider() const
{
    const QModelIndexList rows = m_providersView->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_providers->providerAt(rows.first().row());
}

const Invoice* TherapyFundWindow::selectedInvoice() const
{
    const QModelIndexList rows = m_invoicesView->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_invoices->invoiceAt(m_invoicesProxy->mapToSource(rows.first()).row());
}

void TherapyFundWindow::updateButtons()
{
    const core::User me = m_session.currentUser();
    const bool supervisor = me.role == core::Role::Supervisor;
    m_setAllocation->setEnabled(supervisor);
    m_setAllocation->setToolTip(supervisor ? tr("Set how much the firm puts into the fund for this year.")
                                           : tr("Only a supervisor can set the fund's allocation."));

    const TherapyRequest* r = selectedApproval();
    m_openApproval->setEnabled(r != nullptr);
    const QString refusal = r != nullptr ? therapyflows::decisionRefusal(*r, me.username, supervisor) : tr("Choose a request first.");
    for (QPushButton* b : {m_approve, m_reject}) {
        b->setEnabled(r != nullptr && refusal.isEmpty());
        b->setToolTip(refusal);
    }
    if (r != nullptr && r->status == RequestStatus::ExtensionRequested) {
        m_approve->setText(tr("A&pprove extension…"));
        m_reject->setText(tr("&Refuse extension…"));
    } else {
        m_approve->setText(tr("A&pprove…"));
        m_reject->setText(tr("&Reject…"));
    }

    const Provider* p = selectedProvider();
    m_editProvider->setEnabled(p != nullptr && !m_paymentsOnly);
    const QString keptBy = tr("Providers are kept by fee earners and supervisors: ask one to add or change a provider.");
    m_editProvider->setToolTip(m_paymentsOnly ? keptBy : QString());
    m_addProvider->setEnabled(!m_paymentsOnly);
    m_addProvider->setToolTip(m_paymentsOnly ? keptBy : QString());
    QString verifyWhy;
    if (p == nullptr) {
        verifyWhy = tr("Choose a provider first.");
    } else if (!supervisor) {
        verifyWhy = tr("Only a supervisor can verify bank details.");
    } else if (!p->hasBankDetails()) {
        verifyWhy = tr("There are no bank details to verify.");
    } else if (p->bankVerified()) {
        verifyWhy = tr("Already verified.");
    } else if (p->bankEnteredBy.split(QLatin1Char(','), Qt::SkipEmptyParts).contains(me.username)) {
        verifyWhy = tr("You entered these bank details: another supervisor must verify them by call-back.");
    }
    m_verify->setEnabled(verifyWhy.isEmpty());
    m_verify->setToolTip(verifyWhy.isEmpty() ? tr("Confirm the bank details by calling the provider back.") : verifyWhy);

    const Invoice* i = selectedInvoice();
    m_openInvoice->setEnabled(i != nullptr);
    QString payWhy;
    if (i == nullptr) {
        payWhy = tr("Choose an invoice first.");
    } else if (!supervisor && !m_paymentsOnly) {
        payWhy = tr("Only accounts or a supervisor can pay invoices.");
    } else if (!core::therapy::isPayable(i->requestStatus)) {
        payWhy = tr("The request is %1: invoices are paid while the provider is instructed, in therapy, under review "
                    "or extension, or completed.")
                     .arg(core::therapy::statusLabel(i->requestStatus).toLower());
    } else if (const auto it = m_providerById.find(i->providerId); it == m_providerById.end() || !it->second.bankVerified()) {
        payWhy = tr("The provider's bank details are not verified by call-back: verify them on the Providers tab first.");
    }
    m_pay->setEnabled(payWhy.isEmpty());
    m_pay->setToolTip(payWhy.isEmpty() ? tr("Record the payment of this invoice.") : payWhy);
    m_openReview->setEnabled(!m_reviewsView->selectionModel()->selectedRows().isEmpty());
    m_exportReport->setEnabled(m_report->rowCount() > 0);
}

TherapyFlowContext TherapyFundWindow::flowContext()
{
    TherapyFlowContext c;
    c.parent = this;
    c.session = &m_session;
    c.prompter = &m_prompter;
    c.today = m_today;
    c.changed = [this](const QString&) { reload(); };
    return c;
}

void TherapyFundWindow::approveSelected()
{
    const TherapyRequest* r = selectedApproval();
    if (r == nullptr) {
        return;
    }
    if (r->status == RequestStatus::ExtensionRequested) {
        therapyflows::approveExtension(flowContext(), *r);
    } else {
        therapyflows::approve(flowContext(), *r);
    }
}

void TherapyFundWindow::rejectSelected()
{
    const TherapyRequest* r = selectedApproval();
    if (r == nullptr) {
        return;
    }
    if (r->status == RequestStatus::ExtensionRequested) {
        therapyflows::refuseExtension(flowContext(), *r);
    } else {
        therapyflows::reject(flowContext(), *r);
    }
}

void TherapyFundWindow::paySelected()
{
    if (const Invoice* i = selectedInvoice()) {
        therapyflows::pay(flowContext(), *i);
    }
}

void TherapyFundWindow::setAllocation()
{
    const int y = year();
    auto* dialog = new TherapyFormDialog(tr("Set allocation — %1").arg(fundYearLabel(y, m_startMonth)),
                                         tr("The fund's allocation for %1").arg(fundYearLabel(y, m_startMonth)),
                                         tr("Currently %1: %2 paid and %3 committed.")
                                             .arg(money(m_budget.allocatedPence), money(m_budget.paidPence),
                                                  money(m_budget.committedPence)),
                                         tr("&Set allocation"), this);
    dialog->setObjectName(QStringLiteral("AllocationDialog"));
    dialog->addAmount(QStringLiteral("amount"), tr("&Allocation:"), m_budget.allocatedPence, true);
    dialog->addText(QStringLiteral("note"), tr("&Note:"), QString(), false, false,
                    tr("e.g. agreed at the partners' meeting of 3 Apr"));
    dialog->setSubmit([this, y](const TherapyFormDialog& form) -> QString {
        TherapyService* s = availableTherapy(m_session);
        if (s == nullptr) {
            return therapyflows::busyText();
        }
        auto set = s->setAllocation(y, form.amount(QStringLiteral("amount")).value_or(0), form.text(QStringLiteral("note")));
        if (!set) {
            return describe(set.error());
        }
        reload();
        return {};
    });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void TherapyFundWindow::openProviderDialog(const Provider& provider)
{
    auto version = std::make_shared<int>(provider.version);
    auto* dialog = new ProviderDialog(
        provider,
        [this, version](const Provider& typed) -> QString {
            TherapyService* s = availableTherapy(m_session);
            if (s == nullptr) {
                return therapyflows::busyText();
            }
            Provider edited = typed;
            edited.version = *version;
            auto saved = s->saveProvider(edited);
            if (!saved) {
                if (saved.error().code == core::ErrorCode::ConflictingEdit) {
                    m_prompter.reportError(this, tr("Someone else changed this provider"), saved.error());
                    reload();
                    // What was typed stays in the form; a second OK saves it over their change, knowingly.
                    if (auto fresh = s->provider(typed.id)) {
                        *version = fresh->version;
                        return tr("%1\nSomeone else saved this provider while you were editing. Your version is still "
                                  "in this form: press OK again to save yours over theirs, or Cancel to keep theirs "
                                  "(changed bank details always need a new call-back check).")
                            .arg(describe(saved.error()));
                    }
                }
                return describe(saved.error());
            }
            reload();
            return {};
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void TherapyFundWindow::addProvider()
{
    openProviderDialog(Provider {});
}

void TherapyFundWindow::editProvider()
{
    if (const Provider* p = selectedProvider()) {
        openProviderDialog(*p);
    }
}

void TherapyFundWindow::verifyBank()
{
    const Provider* p = selectedProvider();
    TherapyService* s = availableTherapy(m_session);
    if (p == nullptr || s == nullptr) {
        return;
    }
    const qint64 id = p->id;
    const int version = p->version;
    if (!m_prompter.confirm(this, tr("Verify bank details"),
                            tr("Did you call %1 back on a number from their professional body's register (not one from "
                               "an invoice or e-mail) and confirm account name “%2”, sort code %3 and account number "
                               "ending %4?")
                                .arg(p->name, p->bankAccountName, p->bankSortCode, p->bankAccountNumber.right(4)),
                            tr("Verified by call-back"))) {
        return;
    }
    if (auto verified = s->verifyProviderBank(id, version); !verified) {
        m_prompter.reportError(this, tr("The bank details were not marked verified"), verified.error());
    }
    reload();
}

bool TherapyFundWindow::exportReportCsv()
{
    if (m_report->rowCount() == 0) {
        return false;
    }
    const QString label = fundYearLabel(year(), m_startMonth).replace(QLatin1Char('/'), QLatin1Char('-'));
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(documents).filePath(tr("Therapy fund %1.csv").arg(label));
    const QString path = m_prompter.chooseFileToSave(this, tr("Export the year report"), suggested,
                                                     tr("CSV files (*.csv)"), QStringLiteral("csv"));
    if (path.isEmpty()) {
        return false;
    }
    if (QFileInfo::exists(path)
        && !m_prompter.confirm(this, tr("Replace the file?"),
                               tr("%1 already exists. Replace it with this report?").arg(QFileInfo(path).fileName()),
                               tr("Replace"))) {
        return false;
    }
    TherapyService* s = availableTherapy(m_session);
    if (s == nullptr) {
        m_prompter.showError(this, tr("The report was not saved"), therapyflows::busyText());
        return false;
    }
    // In the audit log before the file is written.
    if (auto recorded = s->recordExport(TherapyService::Document::FundReport, QString::number(year()),
                                        QStringLiteral("csv"), QDir::toNativeSeparators(path), m_report->rowCount());
        !recorded) {
        m_prompter.reportError(this, tr("The report was not saved"), recorded.error());
        return false;
    }
    const QByteArray csv = m_report->toCsv();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit()) {
        m_prompter.showError(this, tr("The report was not saved"),
                             tr("%1 could not be written (%2). Choose another folder.")
                                 .arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    m_prompter.inform(this, tr("Report exported"),
                      tr("The %1 therapy fund report was written to %2. It holds case references only.")
                          .arg(fundYearLabel(year(), m_startMonth), QDir::toNativeSeparators(path)));
    return true;
}

}  // namespace claimdesk::ui
