#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class OneTimePassphraseDialog;
}

namespace claimdesk::ui {

class Prompter;
class VaultSession;

// An admin gives a user a new one-time passphrase (typed twice); the user must replace it at their next
// sign-in. Runs off the UI thread; a core refusal is reported through the Prompter and the form is kept.
class OneTimePassphraseDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OneTimePassphraseDialog)
public:
    OneTimePassphraseDialog(VaultSession& session, Prompter& prompter, const QString& username,
                            const QString& displayName, QWidget* parent = nullptr);
    ~OneTimePassphraseDialog() override;

    QString username() const { return m_username; }
    bool isBusy() const;
    void accept() override;
    void reject() override;

signals:
    void passphraseReset(const QString& username);

private:
    void setBusy(bool busy);
    void showMessage(const QString& text);

    std::unique_ptr<Ui::OneTimePassphraseDialog> m_ui;
    VaultSession& m_session;
    Prompter& m_prompter;
    QString m_username;
};

}  // namespace claimdesk::ui
