#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class SessionPolicyDialog;
}

namespace claimdesk::ui {

class Prompter;
class VaultSession;

// Admin › Session policy…: the firm's maximum auto-lock delay (core::SessionPolicy), kept in the vault so it applies
// on every computer at the next unlock, and here at once. Admins only (core checks and records refusals); a refusal
// or failure is reported through the Prompter and the dialog stays open.
class SessionPolicyDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionPolicyDialog)
public:
    SessionPolicyDialog(VaultSession& session, Prompter& prompter, QWidget* parent = nullptr);
    ~SessionPolicyDialog() override;

    void accept() override;  // saves; closes only when that succeeds

private:
    std::unique_ptr<Ui::SessionPolicyDialog> m_ui;
    VaultSession& m_session;
    Prompter& m_prompter;
};

}  // namespace claimdesk::ui
