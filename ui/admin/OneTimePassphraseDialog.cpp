#include "ui/admin/OneTimePassphraseDialog.h"

#include "ui/common/NewPassphraseFields.h"
#include "ui/common/Prompter.h"
#include "ui/common/Secrets.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"
#include "ui_OneTimePassphraseDialog.h"

#include <QPushButton>

namespace claimdesk::ui {

OneTimePassphraseDialog::OneTimePassphraseDialog(VaultSession& session, Prompter& prompter, const QString& username,
                                                 const QString& displayName, QWidget* parent)
    : QDialog(parent),
      m_ui(std::make_unique<Ui::OneTimePassphraseDialog>()),
      m_session(session),
      m_prompter(prompter),
      m_username(username)
{
    m_ui->setupUi(this);
    makeHeading(m_ui->headingLabel);
    makeSecondary(m_ui->matchLabel);
    m_ui->messageLabel->setVisible(false);
    makeProblem(m_ui->messageLabel);
    m_ui->introLabel->setText(tr("Choose a new one-time passphrase for %1 (%2) and give it to them in person. Their "
                                 "old passphrase stops working now, and they must replace this one at their next "
                                 "sign-in.")
                                  .arg(displayName, username));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Reset passphrase"));
    connectNewPassphraseHints(m_ui->passphraseEdit, m_ui->repeatEdit, m_ui->strengthHint, m_ui->matchLabel);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &OneTimePassphraseDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &OneTimePassphraseDialog::reject);
    m_ui->passphraseEdit->setFocus();
}

OneTimePassphraseDialog::~OneTimePassphraseDialog() = default;

bool OneTimePassphraseDialog::isBusy() const
{
    return m_ui->busyIndicator->isBusy();
}

void OneTimePassphraseDialog::setBusy(bool busy)
{
    if (busy) {
        m_ui->busyIndicator->start(tr("Resetting the passphrase…"));
    } else {
        m_ui->busyIndicator->stop();
    }
    m_ui->passphraseEdit->setEnabled(!busy);
    m_ui->repeatEdit->setEnabled(!busy);
    m_ui->buttonBox->setEnabled(!busy);
}

void OneTimePassphraseDialog::showMessage(const QString& text)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void OneTimePassphraseDialog::accept()
{
    if (isBusy()) {
        return;
    }
    if (const QString problem = checkNewPassphrase(m_ui->passphraseEdit, m_ui->repeatEdit); !problem.isEmpty()) {
        showMessage(problem);
        return;
    }
    showMessage(QString());
    setBusy(true);
    m_session.resetPassphrase(m_username, passphraseFrom(m_ui->passphraseEdit), this,
                              [this](const core::Result<void>& reset) {
                                  setBusy(false);
                                  if (!reset) {
                                      m_prompter.reportError(this, tr("The passphrase was not reset"), reset.error());
                                      return;
                                  }
                                  m_ui->passphraseEdit->clear();
                                  m_ui->repeatEdit->clear();
                                  emit passphraseReset(m_username);
                                  QDialog::accept();
                              });
}

void OneTimePassphraseDialog::reject()
{
    if (isBusy()) {
        return;
    }
    QDialog::reject();
}

}  // namespace claimdesk::ui
