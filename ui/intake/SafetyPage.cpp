#include "ui/intake/SafetyPage.h"

#include "ui/common/Typography.h"
#include "ui_SafetyPage.h"

#include <QJsonArray>

namespace claimdesk::ui {

QStringList linesOf(const QString& text)
{
    QStringList lines;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        if (const QString simplified = line.simplified(); !simplified.isEmpty()) {
            lines << simplified;
        }
    }
    return lines;
}

SafetyPage::SafetyPage(QWidget* parent) : IntakePage(parent), m_ui(std::make_unique<Ui::SafetyPage>())
{
    m_ui->setupUi(this);
    setSubTitle(tr("Check it is safe to talk, and how the client may be contacted."));
    makeSecondary(m_ui->introLabel);
    makeSecondary(m_ui->contactIntroLabel);
    connect(m_ui->safeToTalkYesRadioButton, &QAbstractButton::toggled, this, &SafetyPage::updateNotSafe);
    connect(m_ui->safeToTalkNoRadioButton, &QAbstractButton::toggled, this, &SafetyPage::updateNotSafe);
    connect(m_ui->saveAndCloseButton, &QAbstractButton::clicked, this, &SafetyPage::saveAndCloseRequested);
    watchEdits(this);
    updateNotSafe();
}

SafetyPage::~SafetyPage() = default;

void SafetyPage::updateNotSafe()
{
    m_ui->notSafeFrame->setVisible(m_ui->safeToTalkNoRadioButton->isChecked());
}

QJsonObject SafetyPage::saveDraft() const
{
    QString talk;
    if (m_ui->safeToTalkYesRadioButton->isChecked()) {
        talk = QStringLiteral("yes");
    } else if (m_ui->safeToTalkNoRadioButton->isChecked()) {
        talk = QStringLiteral("no");
    }
    return {
        {QStringLiteral("safeToTalk"), talk},
        {QStringLiteral("saferTime"), m_ui->saferTimeLineEdit->text()},
        {QStringLiteral("phone"), m_ui->phoneCheckBox->isChecked()},
        {QStringLiteral("voicemail"), m_ui->voicemailCheckBox->isChecked()},
        {QStringLiteral("text"), m_ui->textCheckBox->isChecked()},
        {QStringLiteral("email"), m_ui->emailCheckBox->isChecked()},
        {QStringLiteral("post"), m_ui->postCheckBox->isChecked()},
        {QStringLiteral("neverWriteTo"), m_ui->neverWriteToPlainTextEdit->toPlainText()},
        {QStringLiteral("codeWord"), m_ui->codeWordLineEdit->text()},
        {QStringLiteral("timesToAvoid"), m_ui->timesToAvoidLineEdit->text()},
        {QStringLiteral("whoKnows"), m_ui->whoKnowsLineEdit->text()},
    };
}

void SafetyPage::restoreDraft(const QJsonObject& data)
{
    const QString talk = data.value(QStringLiteral("safeToTalk")).toString();
    m_ui->safeToTalkYesRadioButton->setChecked(talk == QStringLiteral("yes"));
    m_ui->safeToTalkNoRadioButton->setChecked(talk == QStringLiteral("no"));
    m_ui->saferTimeLineEdit->setText(data.value(QStringLiteral("saferTime")).toString());
    m_ui->phoneCheckBox->setChecked(data.value(QStringLiteral("phone")).toBool());
    m_ui->voicemailCheckBox->setChecked(data.value(QStringLiteral("voicemail")).toBool());
    m_ui->textCheckBox->setChecked(data.value(QStringLiteral("text")).toBool());
    m_ui->emailCheckBox->setChecked(data.value(QStringLiteral("email")).toBool());
    m_ui->postCheckBox->setChecked(data.value(QStringLiteral("post")).toBool());
    m_ui->neverWriteToPlainTextEdit->setPlainText(data.value(QStringLiteral("neverWriteTo")).toString());
    m_ui->codeWordLineEdit->setText(data.value(QStringLiteral("codeWord")).toString());
    m_ui->timesToAvoidLineEdit->setText(data.value(QStringLiteral("timesToAvoid")).toString());
    m_ui->whoKnowsLineEdit->setText(data.value(QStringLiteral("whoKnows")).toString());
    updateNotSafe();
}

void SafetyPage::apply(IntakeResult& result) const
{
    if (m_ui->safeToTalkYesRadioButton->isChecked()) {
        result.safeToTalk = true;
    } else if (m_ui->safeToTalkNoRadioButton->isChecked()) {
        result.safeToTalk = false;
        const QString saferTime = m_ui->saferTimeLineEdit->text().simplified();
        result.notes << (saferTime.isEmpty()
                             ? tr("Intake: at first contact it was not safe for the client to talk.")
                             : tr("Intake: at first contact it was not safe for the client to talk. A safer time: %1.").arg(saferTime));
    }
    core::SafeContact& safe = result.newCase.client.safeContact;
    safe.phone = m_ui->phoneCheckBox->isChecked();
    safe.voicemail = m_ui->voicemailCheckBox->isChecked();
    safe.text = m_ui->textCheckBox->isChecked();
    safe.email = m_ui->emailCheckBox->isChecked();
    safe.post = m_ui->postCheckBox->isChecked();
    safe.neverWriteTo = linesOf(m_ui->neverWriteToPlainTextEdit->toPlainText());
    safe.codeWord = m_ui->codeWordLineEdit->text().trimmed();
    safe.timesToAvoid = m_ui->timesToAvoidLineEdit->text().trimmed();
    safe.whoAtHomeKnows = m_ui->whoKnowsLineEdit->text().trimmed();
}

}  // namespace claimdesk::ui
