#include "ui/shell/PreferencesDialog.h"

#include "ui/common/AppSettings.h"
#include "ui/common/Typography.h"
#include "ui_PreferencesDialog.h"

#include <algorithm>

namespace claimdesk::ui {

PreferencesDialog::PreferencesDialog(std::optional<int> firmMaximumMinutes, QWidget* parent)
    : QDialog(parent),
      m_ui(std::make_unique<Ui::PreferencesDialog>())
{
    m_ui->setupUi(this);
    makeHeading(m_ui->headingLabel);
    makeSecondary(m_ui->autoLockHintLabel);
    const int maximum = firmMaximumMinutes ? std::clamp(*firmMaximumMinutes, AppSettings::kMinAutoLockMinutes,
                                                        AppSettings::kMaxAutoLockMinutes)
                                           : AppSettings::kMaxAutoLockMinutes;
    m_ui->autoLockSpinBox->setRange(AppSettings::kMinAutoLockMinutes, maximum);
    m_ui->autoLockSpinBox->setValue(std::min(AppSettings::autoLockMinutes(), maximum));
    m_ui->firmLimitLabel->setVisible(firmMaximumMinutes.has_value());
    m_ui->firmLimitLabel->setText(tr("Your firm allows at most %n minute(s).", nullptr, maximum));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
    m_ui->autoLockSpinBox->setFocus();
}

PreferencesDialog::~PreferencesDialog() = default;

void PreferencesDialog::accept()
{
    AppSettings::setAutoLockMinutes(m_ui->autoLockSpinBox->value());
    QDialog::accept();
}

}  // namespace claimdesk::ui
