#include "ui/admin/SessionPolicyDialog.h"

#include "ui/common/AppSettings.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"
#include "ui_SessionPolicyDialog.h"

#include <QPushButton>

namespace claimdesk::ui {

SessionPolicyDialog::SessionPolicyDialog(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::SessionPolicyDialog>()), m_session(session), m_prompter(prompter)
{
    m_ui->setupUi(this);
    makeHeading(m_ui->headingLabel);
    makeSecondary(m_ui->introLabel);
    makeSecondary(m_ui->currentLabel);
    m_ui->maxAutoLockSpinBox->setRange(AppSettings::kMinAutoLockMinutes, AppSettings::kMaxAutoLockMinutes);
    const std::optional<int> current = m_session.maxAutoLockMinutes();
    m_ui->maxAutoLockSpinBox->setValue(current.value_or(AppSettings::kMaxAutoLockMinutes));
    m_ui->currentLabel->setText(current ? tr("The firm's maximum is %n minute(s) now.", nullptr, *current)
                                        : tr("No firm maximum is set now: each person's own setting applies."));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Set maximum"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SessionPolicyDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SessionPolicyDialog::reject);
    m_ui->maxAutoLockSpinBox->setFocus();
}

SessionPolicyDialog::~SessionPolicyDialog() = default;

void SessionPolicyDialog::accept()
{
    if (auto set = m_session.setMaxAutoLockMinutes(m_ui->maxAutoLockSpinBox->value()); !set) {
        m_prompter.reportError(this, tr("The session policy was not changed"), set.error());
        return;
    }
    QDialog::accept();
}

}  // namespace claimdesk::ui
