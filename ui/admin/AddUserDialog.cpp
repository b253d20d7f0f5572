#include "ui/admin/AddUserDialog.h"

#include "ui/common/NewPassphraseFields.h"
#include "ui/common/Prompter.h"
#include "ui/common/RoleText.h"
#include "ui/common/Secrets.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"
#include "ui_AddUserDialog.h"

#include <QPushButton>

namespace claimdesk::ui {

AddUserDialog::AddUserDialog(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::AddUserDialog>()), m_session(session), m_prompter(prompter)
{
    m_ui->setupUi(this);
    makeHeading(m_ui->headingLabel);
    makeSecondary(m_ui->introLabel);
    makeSecondary(m_ui->matchLabel);
    m_ui->messageLabel->setVisible(false);
    makeProblem(m_ui->messageLabel);
    for (core::Role role : kAllRoles) {
        m_ui->roleComboBox->addItem(roleDisplayName(role), static_cast<int>(role));
        m_ui->roleComboBox->setItemData(m_ui->roleComboBox->count() - 1, roleDescription(role), Qt::ToolTipRole);
    }
    m_ui->roleComboBox->setCurrentIndex(m_ui->roleComboBox->findData(static_cast<int>(core::Role::Paralegal)));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Add user"));
    connectNewPassphraseHints(m_ui->passphraseEdit, m_ui->repeatEdit, m_ui->strengthHint, m_ui->matchLabel);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &AddUserDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &AddUserDialog::reject);
    m_ui->usernameEdit->setFocus();
}

AddUserDialog::~AddUserDialog() = default;

bool AddUserDialog::isBusy() const
{
    return m_ui->busyIndicator->isBusy();
}

void AddUserDialog::setBusy(bool busy)
{
    if (busy) {
        m_ui->busyIndicator->start(tr("Adding the user…"));
    } else {
        m_ui->busyIndicator->stop();
    }
    for (QWidget* field : {static_cast<QWidget*>(m_ui->usernameEdit), static_cast<QWidget*>(m_ui->displayNameEdit),
                           static_cast<QWidget*>(m_ui->roleComboBox), static_cast<QWidget*>(m_ui->passphraseEdit),
                           static_cast<QWidget*>(m_ui->repeatEdit), static_cast<QWidget*>(m_ui->buttonBox)}) {
        field->setEnabled(!busy);
    }
}

void AddUserDialog::showMessage(const QString& text)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void AddUserDialog::accept()
{
    if (isBusy()) {
        return;
    }
    if (m_ui->usernameEdit->text().trimmed().isEmpty()) {
        showMessage(tr("Enter a username."));
        m_ui->usernameEdit->setFocus();
        return;
    }
    if (const QString problem = checkNewPassphrase(m_ui->passphraseEdit, m_ui->repeatEdit); !problem.isEmpty()) {
        showMessage(problem);
        return;
    }
    showMessage(QString());
    const core::NewUser user {m_ui->usernameEdit->text().trimmed(), m_ui->displayNameEdit->text().trimmed(),
                              static_cast<core::Role>(m_ui->roleComboBox->currentData().toInt())};
    setBusy(true);
    m_session.addUser(user, passphraseFrom(m_ui->passphraseEdit), this, [this](const core::Result<core::User>& added) {
        setBusy(false);
        if (!added) {
            m_prompter.reportError(this, tr("The user was not added"), added.error());
            return;  // everything typed is still in the form
        }
        m_ui->passphraseEdit->clear();
        m_ui->repeatEdit->clear();
        emit userAdded(*added);
        QDialog::accept();
    });
}

void AddUserDialog::reject()
{
    if (isBusy()) {
        return;
    }
    QDialog::reject();
}

}  // namespace claimdesk::ui
