#pragma once

#include <QDialog>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace claimdesk::core {
struct RetentionRow;
}

namespace claimdesk::ui {

class Prompter;
class RetentionModel;
class VaultSession;

// Cases › Retention and erasure… (supervisors): the closed cases due for destroy review (DOMAIN.md §8), manual
// reviews and erasure requests, with buttons to place or lift a legal hold, ask for an erasure and approve another
// supervisor's request after 24 hours. A button that may not be used now is disabled and its tooltip says why (the
// same rules core checks again: core::placeHoldRefusal and friends). Reasons are asked through the Prompter, and so is
// every confirmation; the approval (delete + VACUUM) runs in the background through VaultSession.
class RetentionWindow final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetentionWindow)
public:
    RetentionWindow(VaultSession& session, Prompter& prompter, QWidget* parent = nullptr);
    ~RetentionWindow() override;

    void reload();
    void placeHold();
    void releaseHold();
    void requestErasure();
    void approveErasure();
    // The erasure register (backups made before an erasure): written to a new file, or re-applied to this vault
    // when it was restored from such a backup.
    void exportRegister();
    void reapplyRegister();
    // Selects the row of `reference` (if listed); for tests and after a change.
    void select(const QString& reference);

    RetentionModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }

signals:
    // A case was erased: the main window drops it from the case list and closes its tab.
    void caseErased(const QString& reference);

private:
    const core::RetentionRow* selectedRow() const;
    void updateButtons();
    // Asks for a reason (never the client's name); nothing when cancelled.
    std::optional<QString> askReason(const QString& title, const QString& label);
    void showProblem(const QString& text);

    VaultSession& m_session;
    Prompter& m_prompter;
    RetentionModel* m_model;
    QTableView* m_table;
    QSpinBox* m_within;
    QPlainTextEdit* m_details;
    QLabel* m_message;
    QPushButton* m_hold;
    QPushButton* m_release;
    QPushButton* m_request;
    QPushButton* m_approve;
    QPushButton* m_exportRegister;
    QPushButton* m_reapplyRegister;
    bool m_working = false;  // an approval runs in the background
};

}  // namespace claimdesk::ui
