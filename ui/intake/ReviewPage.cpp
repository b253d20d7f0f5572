#include "ui/intake/ReviewPage.h"

#include "ui/common/RoleText.h"
#include "ui/common/Typography.h"
#include "ui/intake/IntakeSummary.h"
#include "ui_ReviewPage.h"

#include <QScrollBar>

namespace claimdesk::ui {

ReviewPage::ReviewPage(Hooks hooks, QWidget* parent)
    : IntakePage(parent), m_ui(std::make_unique<Ui::ReviewPage>()), m_hooks(std::move(hooks))
{
    m_ui->setupUi(this);
    setSubTitle(tr("A summary of everything entered. Nothing is created until you press Create case."));
    makeSecondary(m_ui->introLabel);
    makeSecondary(m_ui->assignHintLabel);
    setStaff({}, {});
    connect(m_ui->supervisorComboBox, &QComboBox::currentIndexChanged, this, &ReviewPage::updateAssignHint);
    connect(m_ui->feeEarnerComboBox, &QComboBox::currentIndexChanged, this, &ReviewPage::updateAssignHint);
    watchEdits(this);
    setCommitPage(false);
}

ReviewPage::~ReviewPage() = default;

void ReviewPage::setStaff(const std::vector<core::User>& users, const QString& signedInUsername)
{
    const QString feeEarner = m_ui->feeEarnerComboBox->currentData().toString();
    const QString supervisor = m_ui->supervisorComboBox->currentData().toString();
    m_ui->feeEarnerComboBox->clear();
    m_ui->supervisorComboBox->clear();
    m_ui->supervisorComboBox->addItem(tr("No supervisor yet"), QString());
    bool meListed = false;
    for (const core::User& user : users) {
        if (!user.active || user.role == core::Role::Admin) {
            continue;  // admins see no case content
        }
        const QString label = tr("%1 (%2)").arg(user.displayName, roleDisplayName(user.role));
        const bool me = user.username == signedInUsername;
        m_ui->feeEarnerComboBox->addItem(me ? tr("%1 — me").arg(label) : label, user.username);
        meListed = meListed || me;
        if (user.role == core::Role::Supervisor) {
            m_ui->supervisorComboBox->addItem(label, user.username);
        }
    }
    if (!meListed) {
        m_ui->feeEarnerComboBox->insertItem(0, tr("Me (the signed-in user)"), signedInUsername);
    }
    selectData(m_ui->feeEarnerComboBox, m_pendingFeeEarner.isEmpty() ? (feeEarner.isEmpty() ? signedInUsername : feeEarner)
                                                                      : m_pendingFeeEarner);
    selectData(m_ui->supervisorComboBox, m_pendingSupervisor.isEmpty() ? supervisor : m_pendingSupervisor);
    if (!users.empty()) {
        m_pendingFeeEarner.clear();
        m_pendingSupervisor.clear();
    }
    updateAssignHint();
}

void ReviewPage::selectData(QComboBox* combo, const QString& value)
{
    const int index = combo->findData(value);
    combo->setCurrentIndex(index < 0 ? 0 : index);
}

void ReviewPage::updateAssignHint()
{
    const bool hasSupervisor = !m_ui->supervisorComboBox->currentData().toString().isEmpty();
    QString text = hasSupervisor ? tr("Safeguarding tasks go to the supervisor; ask-later follow-ups go to the fee earner.")
                                 : tr("With no supervisor yet, safeguarding tasks go to the fee earner.");
    if (m_seriousRisk) {
        text = (hasSupervisor ? tr("The urgent safeguarding task will go to %1.").arg(m_ui->supervisorComboBox->currentText())
                              : tr("The urgent safeguarding task will go to the fee earner, as there is no supervisor yet: "
                                   "please choose one if you can."))
               + QLatin1Char(' ') + tr("Ask-later follow-ups go to the fee earner.");
    }
    m_ui->assignHintLabel->setText(text);
}

void ReviewPage::initializePage()
{
    refresh();
}

void ReviewPage::refresh()
{
    if (!m_hooks.collect) {
        return;
    }
    const IntakeResult result = m_hooks.collect();
    m_seriousRisk = result.newCase.safeguarding.seriousRisk();
    const std::vector<NameCheck> checks = m_hooks.checkNames ? m_hooks.checkNames() : std::vector<NameCheck>{};
    const int scroll = m_ui->summaryTextBrowser->verticalScrollBar()->value();
    m_ui->summaryTextBrowser->setHtml(intakeSummaryHtml(result, checks));
    m_ui->summaryTextBrowser->verticalScrollBar()->setValue(scroll);
    updateAssignHint();
}

QString ReviewPage::summaryText() const
{
    return m_ui->summaryTextBrowser->toPlainText();
}

bool ReviewPage::validatePage()
{
    return m_hooks.create && m_hooks.create();
}

QJsonObject ReviewPage::saveDraft() const
{
    return {
        {QStringLiteral("feeEarner"), m_ui->feeEarnerComboBox->currentData().toString()},
        {QStringLiteral("supervisor"), m_ui->supervisorComboBox->currentData().toString()},
        {QStringLiteral("restricted"), m_ui->restrictedCheckBox->isChecked()},
    };
}

void ReviewPage::restoreDraft(const QJsonObject& data)
{
    // The staff list may arrive after the draft (setStaff): remember the choice until it can be shown.
    m_pendingFeeEarner = data.value(QStringLiteral("feeEarner")).toString();
    m_pendingSupervisor = data.value(QStringLiteral("supervisor")).toString();
    if (m_ui->feeEarnerComboBox->findData(m_pendingFeeEarner) >= 0) {
        selectData(m_ui->feeEarnerComboBox, m_pendingFeeEarner);
    }
    if (m_ui->supervisorComboBox->findData(m_pendingSupervisor) >= 0) {
        selectData(m_ui->supervisorComboBox, m_pendingSupervisor);
    }
    m_ui->restrictedCheckBox->setChecked(data.value(QStringLiteral("restricted")).toBool());
}

void ReviewPage::apply(IntakeResult& result) const
{
    result.newCase.feeEarner = m_ui->feeEarnerComboBox->currentData().toString();
    result.newCase.supervisor = m_ui->supervisorComboBox->currentData().toString();
    result.newCase.restricted = m_ui->restrictedCheckBox->isChecked();
}

}  // namespace claimdesk::ui
