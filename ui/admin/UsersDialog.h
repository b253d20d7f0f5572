#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class UsersDialog;
}

class QSortFilterProxyModel;

namespace claimdesk::ui {

class Prompter;
class UsersModel;
class VaultSession;

// Admin > Users: the vault's users in a table, and the admin actions on them (add, change role, reset a
// passphrase, disable) and on the vault (rotate its key). Every core refusal goes through the Prompter.
class UsersDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsersDialog)
public:
    UsersDialog(VaultSession& session, Prompter& prompter, QWidget* parent = nullptr);
    ~UsersDialog() override;

    UsersModel* model() const { return m_model; }
    void reload();
    void selectUser(const QString& username);
    QString selectedUsername() const;

    void addUser();
    void changeRole();
    void resetPassphrase();
    void disableUser();
    void rotateVaultKey();

private:
    void updateActions();
    void setBusy(bool busy, const QString& text = {});

    std::unique_ptr<Ui::UsersDialog> m_ui;
    VaultSession& m_session;
    Prompter& m_prompter;
    UsersModel* m_model;
    QSortFilterProxyModel* m_proxy;
};

}  // namespace claimdesk::ui
