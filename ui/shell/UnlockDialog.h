#pragma once

#include <QDialog>

#include <memory>
#include <vector>

namespace Ui {
class UnlockDialog;
}

namespace claimdesk::core {
struct DemoAccount;
}

namespace claimdesk::ui {

class VaultSession;

// Username + passphrase for one vault. Unlocking runs off the UI thread with a busy indicator. A wrong
// passphrase shows core's message, keeps the username, and clears and refocuses the passphrase.
class UnlockDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnlockDialog)
public:
    UnlockDialog(VaultSession& session, const QString& vaultPath, QWidget* parent = nullptr);
    ~UnlockDialog() override;

    QString vaultPath() const { return m_vaultPath; }
    void setUsername(const QString& username);
    // The demo vault: shows its fictional accounts, and a click fills in the fields.
    void setDemoAccounts(const std::vector<core::DemoAccount>& accounts);
    bool isBusy() const;
    // After a successful unlock by someone who must replace a one-time passphrase: that passphrase, so the
    // change dialog does not ask for it again. Empty otherwise; the caller wipes it.
    QByteArray takeOneTimePassphrase();

    void accept() override;  // unlocks; the dialog closes only when that succeeds
    void reject() override;  // ignored while unlocking

signals:
    void unlocked();

private:
    void setBusy(bool busy);
    void showMessage(const QString& text);
    void fillFromDemoRow(int row);

    std::unique_ptr<Ui::UnlockDialog> m_ui;
    VaultSession& m_session;
    QString m_vaultPath;
    QByteArray m_oneTimePassphrase;
};

}  // namespace claimdesk::ui
