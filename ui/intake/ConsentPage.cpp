#include "ui/intake/ConsentPage.h"

#include "ui/common/Typography.h"
#include "ui_ConsentPage.h"

namespace claimdesk::ui {

ConsentPage::ConsentPage(QWidget* parent) : IntakePage(parent), m_ui(std::make_unique<Ui::ConsentPage>())
{
    m_ui->setupUi(this);
    setSubTitle(tr("Two agreements are needed before a case can be opened."));
    makeSecondary(m_ui->introLabel);
    makeSecondary(m_ui->processingWhyLabel);
    makeSecondary(m_ui->contactWhyLabel);
    makeSecondary(m_ui->consentStatusLabel);
    for (QCheckBox* box : {m_ui->processingCheckBox, m_ui->contactCheckBox}) {
        QFont font = box->font();
        font.setWeight(QFont::DemiBold);
        box->setFont(font);
        connect(box, &QCheckBox::toggled, this, &ConsentPage::updateStatus);
        connect(box, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
    }
    watchEdits(this);
    updateStatus();
}

ConsentPage::~ConsentPage() = default;

bool ConsentPage::isComplete() const
{
    return m_ui->processingCheckBox->isChecked() && m_ui->contactCheckBox->isChecked();
}

void ConsentPage::updateStatus()
{
    m_ui->consentStatusLabel->setText(
        isComplete() ? tr("Thank you: both are recorded, with your name and the time, when the case is created.")
                     : tr("Both are needed before the case can be created. If the client is not ready, that is fine: "
                          "close the intake and it is kept as a draft to come back to."));
}

QJsonObject ConsentPage::saveDraft() const
{
    return {
        {QStringLiteral("processing"), m_ui->processingCheckBox->isChecked()},
        {QStringLiteral("contact"), m_ui->contactCheckBox->isChecked()},
    };
}

void ConsentPage::restoreDraft(const QJsonObject& data)
{
    m_ui->processingCheckBox->setChecked(data.value(QStringLiteral("processing")).toBool());
    m_ui->contactCheckBox->setChecked(data.value(QStringLiteral("contact")).toBool());
}

void ConsentPage::apply(IntakeResult& result) const
{
    result.newCase.consent.processingForClaim = m_ui->processingCheckBox->isChecked();
    result.newCase.consent.contact = m_ui->contactCheckBox->isChecked();
}

}  // namespace claimdesk::ui
