#include "ui/cases/SafeguardingActionDialog.h"

#include "ui/cases/CaseAccess.h"
#include "ui/common/ErrorText.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"
#include "ui_SafeguardingActionDialog.h"

#include "cases/CaseService.h"

#include <QPushButton>

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
    m_ui->actionEdit->setPlaceholderText(
        tr("e.g. Spoke to the client with their GP's crisis line on the call; safeguarding referral made to the local "
           "authority (ref. 12345); client safe and has a plan for tonight."));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Record action"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SafeguardingActionDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->actionEdit->setFocus();
}

SafeguardingActionDialog::~SafeguardingActionDialog() = default;

void SafeguardingActionDialog::accept()
{
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        return;
    }
    if (auto recorded = cases->recordSafeguardingAction(m_caseId, m_ui->actionEdit->toPlainText()); !recorded) {
        m_ui->messageLabel->setText(describe(recorded.error()));
        m_ui->messageLabel->setVisible(true);
        return;
    }
    QDialog::accept();
}

}  // namespace claimdesk::ui
