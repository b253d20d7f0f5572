#include "ui/cases/SafeguardingActionDialog.h"

#include "ui/cases/CaseAccess.h"
#include "ui/cases/CaseText.h"
#include "ui/cases/DateInput.h"
#include "ui/common/ErrorText.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"
#include "ui_SafeguardingActionDialog.h"

#include "cases/CaseService.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QPushButton>

#include <algorithm>

namespace claimdesk::ui {

SafeguardingActionDialog::SafeguardingActionDialog(VaultSession& session, qint64 caseId, const QString& reference,
                                                   const QStringList& reasons, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::SafeguardingActionDialog>()), m_session(session), m_caseId(caseId)
{
    m_ui->setupUi(this);
    setWindowTitle(tr("%1: record the action taken").arg(reference));
    makeHeading(m_ui->headingLabel);
    makeSecondary(m_ui->effectLabel);
    makeProblem(m_ui->messageLabel);
    m_ui->messageLabel->setVisible(false);
    m_ui->reasonsLabel->setText(reasons.isEmpty()
                                    ? tr("A serious risk was recorded on %1.").arg(reference)
                                    : tr("Risk recorded on %1: %2.").arg(reference, reasons.join(QStringLiteral(", "))));
    m_ui->actionEdit->setPlaceholderText(tr(
        "e.g. Spoke to the client with their GP's crisis line on the call; client safe and has a plan for tonight."));
    for (QLabel* hint : {m_ui->leadOnHintLabel, m_ui->reviewOnHintLabel}) {
        makeProblem(hint);
        hint->setWordWrap(true);
        hint->setVisible(false);
    }
    m_leadOn = new DateInput(m_ui->leadOnEdit, m_ui->leadOnHintLabel, {false, true, false}, this);
    m_reviewOn = new DateInput(m_ui->reviewOnEdit, m_ui->reviewOnHintLabel, {false, false, false}, this);
    m_reviewOn->setCrossCheck([](const ParsedDate& review) {
        return review.date < DateInput::today() ? tr("A review date cannot be in the past.") : QString();
    });
    m_referrals = {{static_cast<int>(core::Referral::Police), m_ui->policeReferralCheckBox},
                   {static_cast<int>(core::Referral::ChildrensSocialCare), m_ui->childrensSocialCareReferralCheckBox},
                   {static_cast<int>(core::Referral::AdultSafeguarding), m_ui->adultSafeguardingReferralCheckBox},
                   {static_cast<int>(core::Referral::Lado), m_ui->ladoReferralCheckBox}};
    for (const auto& [referral, check] : m_referrals) {
        check->setText(referralName(static_cast<core::Referral>(referral)));
        connect(check, &QCheckBox::toggled, this, &SafeguardingActionDialog::updateConsent);
    }
    connect(m_ui->consentButtonGroup, &QButtonGroup::buttonToggled, this, &SafeguardingActionDialog::updateConsent);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Record action"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SafeguardingActionDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateConsent();
    m_ui->actionEdit->setFocus();
}

SafeguardingActionDialog::~SafeguardingActionDialog() = default;

void SafeguardingActionDialog::updateConsent()
{
    // Consent is asked about only once a referral is ticked; the reason only when there was none.
    const bool referral
        = std::any_of(m_referrals.begin(), m_referrals.end(), [](const auto& r) { return r.second->isChecked(); });
    m_ui->consentLabel->setEnabled(referral);
    m_ui->consentObtainedRadioButton->setEnabled(referral);
    m_ui->withoutConsentRadioButton->setEnabled(referral);
    m_ui->withoutConsentReasonEdit->setEnabled(referral && m_ui->withoutConsentRadioButton->isChecked());
}

core::SafeguardingAction SafeguardingActionDialog::action() const
{
    core::SafeguardingAction a;
    a.actionTaken = m_ui->actionEdit->toPlainText();
    a.leadConsulted = m_ui->leadEdit->text();
    a.leadConsultedOn = m_leadOn->date();
    for (const auto& [referral, check] : m_referrals) {
        if (check->isChecked()) {
            a.referrals.push_back(static_cast<core::Referral>(referral));
        }
    }
    if (!a.referrals.empty()) {
        if (m_ui->consentObtainedRadioButton->isChecked()) {
            a.consent = core::ReferralConsent::Obtained;
        } else if (m_ui->withoutConsentRadioButton->isChecked()) {
            a.consent = core::ReferralConsent::WithoutConsent;
            a.withoutConsentReason = m_ui->withoutConsentReasonEdit->text();
        }
    }
    a.privilegeChecked = m_ui->privilegeCheckBox->isChecked();
    a.outcome = m_ui->outcomeEdit->text();
    a.reviewOn = m_reviewOn->date();
    return a;
}

void SafeguardingActionDialog::accept()
{
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        return;
    }
    for (const DateInput* date : {m_leadOn, m_reviewOn}) {
        if (!date->isAcceptable()) {
            m_ui->messageLabel->setText(tr("Please correct the date marked in red."));
            m_ui->messageLabel->setVisible(true);
            return;
        }
    }
    auto recorded = cases->recordSafeguardingAction(m_caseId, action());
    if (!recorded) {
        m_ui->messageLabel->setText(describe(recorded.error()));
        m_ui->messageLabel->setVisible(true);
        return;
    }
    m_newVersion = *recorded;
    QDialog::accept();
}

}  // namespace claimdesk::ui
