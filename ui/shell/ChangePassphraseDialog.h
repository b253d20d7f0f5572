#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class ChangePassphraseDialog;
}

namespace claimdesk::ui {

class Prompter;
class VaultSession;

// Changes the signed-in user's own passphrase, off the UI thread. In FirstSignIn mode (a one-time
// passphrase from an admin) it comes before the main window, already knows the one-time passphrase, and
// "Sign out" replaces Cancel.
class ChangePassphraseDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangePassphraseDialog)
public:
    enum class Mode { Voluntary, FirstSignIn };

    ChangePassphraseDialog(VaultSession& session, Prompter& prompter, Mode mode, QWidget* parent = nullptr);
    ~ChangePassphraseDialog() override;

    Mode mode() const { return m_mode; }
    // FirstSignIn: the one-time passphrase just used to unlock (moved in, wiped when done).
    void setOneTimePassphrase(QByteArray oneTimePassphrase);
    bool isBusy() const;

    void accept() override;  // changes; closes only when that succeeds
    void reject() override;  // ignored while changing

signals:
    void changed();

private:
    void setBusy(bool busy);
    void showMessage(const QString& text);

    std::unique_ptr<Ui::ChangePassphraseDialog> m_ui;
    VaultSession& m_session;
    Prompter& m_prompter;
    Mode m_mode;
    QByteArray m_oneTimePassphrase;
};

}  // namespace claimdesk::ui
