#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class CreateVaultDialog;
}

namespace claimdesk::ui {

class Prompter;
class VaultSession;

// A new vault: where, its first admin, and a passphrase typed twice with a live strength hint. A mismatch
// or a passphrase that breaks the rules keeps everything typed and says what to fix. Creating (Argon2id)
// runs off the UI thread; on success the session is open and signed in as the new admin.
class CreateVaultDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateVaultDialog)
public:
    CreateVaultDialog(VaultSession& session, Prompter& prompter, QWidget* parent = nullptr);
    ~CreateVaultDialog() override;

    QString vaultPath() const;
    void setVaultPath(const QString& path);
    bool isBusy() const;

    void accept() override;  // creates; closes only when that succeeds
    void reject() override;  // ignored while creating

signals:
    void created(const QString& path);

private:
    void chooseLocation();
    void setBusy(bool busy);
    void showMessage(const QString& text);

    std::unique_ptr<Ui::CreateVaultDialog> m_ui;
    VaultSession& m_session;
    Prompter& m_prompter;
};

}  // namespace claimdesk::ui
