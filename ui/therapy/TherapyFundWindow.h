#pragma once

#include "therapy/TherapyTypes.h"

#include <QDate>
#include <QDialog>

#include <map>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace claimdesk::core::therapy {
class TherapyService;
}

namespace claimdesk::ui {

class FundBudgetBar;
class FundReportModel;
class Prompter;
class TherapyInvoiceModel;
class TherapyProviderModel;
class TherapyRequestModel;
class VaultSession;
struct TherapyFlowContext;

// Therapy › Therapy fund… (supervisors): the fund year's budget (allocated, committed, paid, remaining, with a
// stacked bar; a negative remainder in red) and "Set allocation…", then the Approval queue (open the case, or
// approve / reject from here), Providers (add, edit, verify bank details by call-back; unverified in amber),
// Invoices awaiting payment (overdue in red, Pay…), Overdue reviews and the Year report (Export CSV…). Cases are
// named by reference only. A non-modal dialog, so a lock closes it with the others.
// For accounts it is "Therapy fund payments": only the invoices awaiting payment (Pay…) and the providers (read only,
// for their verified bank details); the budget, requests, reviews and the report are hidden (TherapyService refuses
// them to accounts too).
class TherapyFundWindow final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TherapyFundWindow)
public:
    TherapyFundWindow(VaultSession& session, Prompter& prompter, QWidget* parent = nullptr);
    ~TherapyFundWindow() override;

    enum Tab { ApprovalTab, ProvidersTab, InvoicesTab, ReviewsTab, ReportTab };

    void setToday(const QDate& today);  // DateInput::today() unless a test or the shots tool fixes it
    void setYear(int year);
    int year() const;
    void reload();
    bool paymentsOnly() const { return m_paymentsOnly; }  // signed in as accounts

    void setAllocation();
    void approveSelected();
    void rejectSelected();
    void addProvider();
    void editProvider();
    void verifyBank();
    void paySelected();
    bool exportReportCsv();

    // For tests and the shots tool.
    QComboBox* yearCombo() const { return m_year; }
    QTabWidget* tabs() const { return m_tabs; }
    FundBudgetBar* budgetBar() const { return m_bar; }
    const core::therapy::FundBudget& budget() const { return m_budget; }
    TherapyRequestModel* approvalModel() const { return m_approval; }
    TherapyProviderModel* providerModel() const { return m_providers; }
    TherapyInvoiceModel* invoiceModel() const { return m_invoices; }
    TherapyRequestModel* reviewModel() const { return m_reviews; }
    FundReportModel* reportModel() const { return m_report; }
    QTableView* approvalView() const { return m_approvalView; }
    QTableView* providersView() const { return m_providersView; }
    QTableView* invoicesView() const { return m_invoicesView; }

signals:
    void openCaseRequested(qint64 caseId);

private:
    TherapyFlowContext flowContext();
    void fillYears();
    void clearAll();
    void updateButtons();
    const core::therapy::TherapyRequest* selectedApproval() const;
    const core::therapy::Provider* selectedProvider() const;
    const core::therapy::Invoice* selectedInvoice() const;
    void openProviderDialog(const core::therapy::Provider& provider);
    bool loadBudget(core::therapy::TherapyService& service, int year);  // the budget figures and the year report

    bool m_paymentsOnly = false;

    VaultSession& m_session;
    Prompter& m_prompter;
    QDate m_today;
    core::therapy::FundBudget m_budget;
    int m_startMonth = 4;
    std::map<qint64, core::therapy::Provider> m_providerById;

    QComboBox* m_year;
    QPushButton* m_setAllocation;
    QLabel* m_allocated;
    QLabel* m_committed;
    QLabel* m_paid;
    QLabel* m_remaining;
    QLabel* m_budgetNote;
    FundBudgetBar* m_bar;
    QTabWidget* m_tabs;
    TherapyRequestModel* m_approval;
    QSortFilterProxyModel* m_approvalProxy;
    QTableView* m_approvalView;
    QPushButton* m_openApproval;
    QPushButton* m_approve;
    QPushButton* m_reject;
    TherapyProviderModel* m_providers;
    QTableView* m_providersView;
    QPushButton* m_addProvider;
    QPushButton* m_editProvider;
    QPushButton* m_verify;
    TherapyInvoiceModel* m_invoices;
    QSortFilterProxyModel* m_invoicesProxy;
    QTableView* m_invoicesView;
    QPushButton* m_openInvoice;
    QPushButton* m_pay;
    TherapyRequestModel* m_reviews;
    QTableView* m_reviewsView;
    QPushButton* m_openReview;
    FundReportModel* m_report;
    QTableView* m_reportView;
    QPushButton* m_exportReport;
    QLabel* m_reportTotals;
};

}  // namespace claimdesk::ui
