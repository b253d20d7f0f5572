#include "ui/shell/ChangePassphraseDialog.h"

#include "ui/common/ErrorText.h"
#include "ui/common/NewPassphraseFields.h"
#include "ui/common/Prompter.h"
#include "ui/common/Secrets.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"
#include "ui_ChangePassphraseDialog.h"

#include <QPushButton>

namespace claimdesk::ui {

ChangePassphraseDialog::ChangePassphraseDialog(VaultSession& session, Prompter& prompter, Mode mode, QWidget* parent)
    : QDialog(parent),
      m_ui(std::make_unique<Ui::ChangePassphraseDialog>()),
      m_session(session),
      m_prompter(prompter),
      m_mode(mode)
{
    m_ui->setupUi(this);
    makeHeading(m_ui->headingLabel);
    makeSecondary(m_ui->introLabel);
    makeSecondary(m_ui->matchLabel);
    m_ui->messageLabel->setVisible(false);
    makeProblem(m_ui->messageLabel);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("C&hange passphrase"));
    if (mode == Mode::FirstSignIn) {
        setWindowTitle(tr("Choose your passphrase"));
        m_ui->headingLabel->setText(tr("Choose your own passphrase"));
        m_ui->introLabel->setText(
            tr("You signed in with a one-time passphrase. Choose your own now: only you will know it, and you "
               "will use it from now on."));
        m_ui->currentLabel->setVisible(false);
        m_ui->currentEdit->setVisible(false);
        m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Save and continue"));
        m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Sign &out"));
        m_ui->newEdit->setFocus();
    } else {
        m_ui->currentEdit->setFocus();
    }
    connectNewPassphraseHints(m_ui->newEdit, m_ui->repeatEdit, m_ui->strengthHint, m_ui->matchLabel);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ChangePassphraseDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ChangePassphraseDialog::reject);
}

ChangePassphraseDialog::~ChangePassphraseDialog()
{
    wipe(m_oneTimePassphrase);
}

void ChangePassphraseDialog::setOneTimePassphrase(QByteArray oneTimePassphrase)
{
    wipe(m_oneTimePassphrase);
    m_oneTimePassphrase = std::move(oneTimePassphrase);
}

bool ChangePassphraseDialog::isBusy() const
{
    return m_ui->busyIndicator->isBusy();
}

void ChangePassphraseDialog::setBusy(bool busy)
{
    if (busy) {
        m_ui->busyIndicator->start(tr("Changing your passphrase…"));
    } else {
        m_ui->busyIndicator->stop();
    }
    m_ui->currentEdit->setEnabled(!busy);
    m_ui->newEdit->setEnabled(!busy);
    m_ui->repeatEdit->setEnabled(!busy);
    m_ui->buttonBox->setEnabled(!busy);
}

void ChangePassphraseDialog::showMessage(const QString& text)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void ChangePassphraseDialog::accept()
{
    if (isBusy()) {
        return;
    }
    const bool firstSignIn = m_mode == Mode::FirstSignIn && !m_oneTimePassphrase.isEmpty();
    if (!firstSignIn && m_ui->currentEdit->text().isEmpty()) {
        m_ui->currentLabel->setVisible(true);  // FirstSignIn without the one-time passphrase: ask for it
        m_ui->currentEdit->setVisible(true);
        showMessage(tr("Enter your current passphrase."));
        m_ui->currentEdit->setFocus();
        return;
    }
    if (const QString problem = checkNewPassphrase(m_ui->newEdit, m_ui->repeatEdit); !problem.isEmpty()) {
        showMessage(problem);
        return;
    }
    showMessage(QString());
    setBusy(true);
    QByteArray current = firstSignIn ? QByteArray(m_oneTimePassphrase.constData(), m_oneTimePassphrase.size())
                                     : passphraseFrom(m_ui->currentEdit);
    m_session.changePassphrase(
        std::move(current), passphraseFrom(m_ui->newEdit), this, [this](const core::Result<void>& result) {
            setBusy(false);
            if (!result) {
                showMessage(describe(result.error()));
                if (result.error().code == core::ErrorCode::WrongPassphrase) {
                    m_ui->currentEdit->clear();
                    m_ui->currentEdit->setFocus();
                }
                return;
            }
            wipe(m_oneTimePassphrase);
            m_ui->currentEdit->clear();
            m_ui->newEdit->clear();
            m_ui->repeatEdit->clear();
            emit changed();
            QDialog::accept();  // close first: the confirmation must not hold the form open
            if (m_mode == Mode::Voluntary) {
                m_prompter.inform(parentWidget(), tr("Passphrase changed"),
                                  tr("Your passphrase was changed. Use the new one from now on."));
            }
        });
}

void ChangePassphraseDialog::reject()
{
    if (isBusy()) {
        return;
    }
    QDialog::reject();
}

}  // namespace claimdesk::ui
