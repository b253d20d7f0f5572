#pragma once

#include "store/AuditLog.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace claimdesk::ui {

class AuditTableModel;
class DateInput;
class Prompter;
class VaultSession;

// Admin › Audit trail… (supervisors and admins): the vault's audit log, newest first, loaded a page at a time as the
// table scrolls. Filters: user, case reference, action (the action and every action below it: "therapy" shows every
// therapy.… entry) and a range of UK dates (local days, both included); each change reloads from the newest entry.
// The details pane shows the selected entry in full (its summary as indented JSON, its hashes). "Export CSV…" writes
// the filtered entries through core (UTF-8 with a BOM, formulas neutralised, recorded as "audit.export"); "Verify
// chain" checks the whole hash chain in the background and says the result plainly. Core refuses everyone else
// (and records the refusal); MainWindow only offers the window to supervisors and admins. A non-modal dialog, so a
// lock closes it with the others.
class AuditViewerWindow final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditViewerWindow)
public:
    AuditViewerWindow(VaultSession& session, Prompter& prompter, QWidget* parent = nullptr);
    ~AuditViewerWindow() override;

    // Reads the filters and loads the first page. False (with the reason shown) when a filter is not valid or the
    // log could not be read.
    bool reload();
    void exportCsv();
    void verifyChain();
    // The filter the widgets describe (dates as local days).
    core::AuditFilter filter() const;

    AuditTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QComboBox* userCombo() const { return m_user; }
    QLineEdit* caseEdit() const { return m_case; }
    QLineEdit* actionEdit() const { return m_action; }
    QLineEdit* fromEdit() const { return m_fromEdit; }
    QLineEdit* toEdit() const { return m_toEdit; }
    QPlainTextEdit* detailsView() const { return m_details; }
    QLabel* statusLabel() const { return m_status; }

private:
    void showDetails();
    void updateStatus();
    void setWorking(bool working);

    VaultSession& m_session;
    Prompter& m_prompter;
    AuditTableModel* m_model;
    QComboBox* m_user;
    QLineEdit* m_case;
    QLineEdit* m_action;
    QLineEdit* m_fromEdit;
    QLineEdit* m_toEdit;
    DateInput* m_from;
    DateInput* m_to;
    QTableView* m_view;
    QPlainTextEdit* m_details;
    QLabel* m_status;
    QPushButton* m_clear;
    QPushButton* m_export;
    QPushButton* m_verify;
};

}  // namespace claimdesk::ui
