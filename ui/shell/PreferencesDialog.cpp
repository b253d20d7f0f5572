#include "ui/shell/PreferencesDialog.h"

#include "ui/common/AppSettings.h"
#include "ui/common/Typography.h"
#include "ui_PreferencesDialog.h"

namespace claimdesk::ui {

PreferencesDialog::PreferencesDialog(QWidget* parent) : QDialog(parent), m_ui(std::make_unique<Ui::PreferencesDialog>())
{
    m_ui->setupUi(this);
    makeHeading(m_ui->headingLabel);
    makeSecondary(m_ui->autoLockHintLabel);
    m_ui->autoLockSpinBox->setRange(AppSettings::kMinAutoLockMinutes, AppSettings::kMaxAutoLockMinutes);
    m_ui->autoLockSpinBox->setValue(AppSettings::autoLockMinutes());
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
