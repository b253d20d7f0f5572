#pragma once

#include "ui/cases/StaffNames.h"

#include "therapy/TherapyTypes.h"

#include <QDate>
#include <QHash>
#include <QPointer>
#include <QWidget>

#include <map>
#include <vector>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace claimdesk::ui {

class Prompter;
class RequestDialog;
class StatementDialog;
class TherapyInvoiceModel;
class TherapyRequestModel;
class VaultSession;
struct TherapyFlowContext;

// The case file's Therapy tab: the case's therapy requests (status, modality, provider, sessions used / approved,
// paid / cap, risk badge), and for the selected one its details, decisions, sessions log, invoices and payments.
// Actions are offered only when the request's state allows them (allowedNext, isDecision) and shown disabled, with
// the reason as a tooltip, when the person's role does not (a supervisor cannot approve their own request).
// Errors from core go through the Prompter; dialogs stay open with what was typed when core refuses, and a
// conflicting edit reloads the request and says who changed it. Asks core for everything, on every action.
class CaseTherapyTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseTherapyTab)
public:
    CaseTherapyTab(VaultSession& session, Prompter& prompter, qint64 caseId, const QString& reference,
                   const StaffNames& staff = {}, QWidget* parent = nullptr);
    ~CaseTherapyTab() override;

    // "Today" for dialog defaults and overdue colours: DateInput::today() unless a test or the shots tool fixes it.
    void setToday(const QDate& today);
    void reload();
    void wipe();  // on lock
    bool selectRequest(qint64 requestId);
    const core::therapy::TherapyRequest* selectedRequest() const;
    const core::therapy::Invoice* selectedInvoice() const;

    // Actions (the buttons call these).
    void newRequest();
    void editRequest();
    void step(core::therapy::RequestStatus to);
    void approve();
    void reject();
    void askExtension();
    void approveExtension();
    void refuseExtension();
    void recordRehabProposal();
    void logSession();
    void addInvoice();
    void toggleDisputed();
    void payInvoice();
    void recordRecovery();
    void writeOff();
    StatementDialog* showStatement();

    // For tests and the shots tool.
    TherapyRequestModel* requestsModel() const { return m_requests; }
    QTableView* requestsView() const { return m_requestsView; }
    TherapyInvoiceModel* invoicesModel() const { return m_invoices; }
    QTableView* invoicesView() const { return m_invoicesView; }
    QTabWidget* detailTabs() const { return m_detailTabs; }
    QTextBrowser* detailsBrowser() const { return m_details; }
    QTextBrowser* sessionsBrowser() const { return m_sessions; }
    QTextBrowser* decisionsBrowser() const { return m_decisions; }
    QTextBrowser* paymentsBrowser() const { return m_payments; }
    QPushButton* stepButton(core::therapy::RequestStatus to) const;

signals:
    void statusMessage(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    TherapyFlowContext flowContext();
    void changed(const QString& message);
    void showSelected();
    void updateActions();
    void updateInvoiceActions();
    void openProviderDialogFor(RequestDialog* requestDialog);
    QString nameOf(const QString& username) const { return m_staff.nameOf(username); }
    bool isSupervisor() const;
    QString username() const;
    QString detailsHtml(const core::therapy::TherapyRequest& r) const;

    VaultSession& m_session;
    Prompter& m_prompter;
    qint64 m_caseId;
    QString m_reference;
    StaffNames m_staff;
    QDate m_today;
    bool m_loaded = false;
    qint64 m_selectedId = 0;
    std::map<qint64, core::therapy::Provider> m_providers;
    std::vector<core::therapy::Payment> m_paymentRows;

    QLabel* m_summary;
    TherapyRequestModel* m_requests;
    QSortFilterProxyModel* m_requestsProxy;
    QTableView* m_requestsView;
    QLabel* m_empty;
    QLabel* m_stateLabel;
    QLabel* m_stateHint;
    QPushButton* m_new;
    QPushButton* m_edit;
    QPushButton* m_statement;
    QHash<int, QPushButton*> m_steps;  // by RequestStatus
    QPushButton* m_approve;
    QPushButton* m_reject;
    QPushButton* m_askExtension;
    QPushButton* m_approveExtension;
    QPushButton* m_refuseExtension;
    QPushButton* m_rehab;
    QPushButton* m_recovery;
    QPushButton* m_writeOff;
    QPushButton* m_logSession;
    QPushButton* m_addInvoice;
    QPushButton* m_dispute;
    QPushButton* m_pay;
    QWidget* m_detailPane;
    QTabWidget* m_detailTabs;
    QTextBrowser* m_details;
    QTextBrowser* m_sessions;
    QTextBrowser* m_decisions;
    QTextBrowser* m_payments;
    TherapyInvoiceModel* m_invoices;
    QTableView* m_invoicesView;
};

}  // namespace claimdesk::ui
