#pragma once

#include "users/User.h"

#include <QDialog>

#include <memory>

namespace Ui {
class AddUserDialog;
}

namespace claimdesk::ui {

class Prompter;
class VaultSession;

// Username, display name, role and a one-time passphrase typed twice. Adding runs off the UI thread; a
// core refusal is reported through the Prompter and everything typed stays in the form.
class AddUserDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddUserDialog)
public:
    AddUserDialog(VaultSession& session, Prompter& prompter, QWidget* parent = nullptr);
    ~AddUserDialog() override;

    bool isBusy() const;
    void accept() override;  // adds; closes only when that succeeds
    void reject() override;  // ignored while adding

signals:
    void userAdded(const claimdesk::core::User& user);

private:
    void setBusy(bool busy);
    void showMessage(const QString& text);

    std::unique_ptr<Ui::AddUserDialog> m_ui;
    VaultSession& m_session;
    Prompter& m_prompter;
};

}  // namespace claimdesk::ui
