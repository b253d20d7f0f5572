#include "ui/intake/ClientPage.h"

#include "ui/common/Typography.h"
#include "ui/intake/ConflictHints.h"
#include "ui/intake/SafetyPage.h"
#include "ui_ClientPage.h"

namespace claimdesk::ui {

ClientPage::ClientPage(core::ConflictService* conflicts, QWidget* parent)
    : IntakePage(parent), m_ui(std::make_unique<Ui::ClientPage>())
{
    m_ui->setupUi(this);
    setSubTitle(tr("Only the full name is needed to go on; anything else can be added later."));
    m_ui->dateOfBirthField->setEntry(DateEntry::FullDate);
    m_ui->dateOfBirthField->setPlaceholderText(tr("e.g. 14/03/1985"));
    m_ui->dateOfBirthField->setLatest(QDate::currentDate(), tr("A date of birth cannot be in the future."));
    m_ui->pronounsComboBox->addItems({QString(), tr("she/her"), tr("he/him"), tr("they/them")});
    m_ui->pronounsComboBox->lineEdit()->setPlaceholderText(tr("If the client wants to say"));
    m_ui->caseworkerGenderComboBox->addItem(tr("No preference"), QString());
    m_ui->caseworkerGenderComboBox->addItem(tr("Prefers a woman"), QStringLiteral("female"));
    m_ui->caseworkerGenderComboBox->addItem(tr("Prefers a man"), QStringLiteral("male"));
    m_ui->caseworkerGenderComboBox->addItem(tr("Prefers a non-binary caseworker"), QStringLiteral("non-binary"));
    m_ui->clientConflictHints->setService(conflicts);
    connect(m_ui->fullNameLineEdit, &QLineEdit::textChanged, this, &ClientPage::namesChanged);
    connect(m_ui->fullNameLineEdit, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_ui->formerNamesPlainTextEdit, &QPlainTextEdit::textChanged, this, &ClientPage::namesChanged);
    connect(m_ui->dateOfBirthField, &DateField::changed, this, &ClientPage::namesChanged);
    connect(m_ui->dateOfBirthField, &DateField::changed, this, &QWizardPage::completeChanged);
    connect(m_ui->dateOfBirthField, &DateField::changed, this, &IntakePage::edited);
    watchEdits(this);
}

ClientPage::~ClientPage() = default;

ConflictHints* ClientPage::conflictHints() const
{
    return m_ui->clientConflictHints;
}

QDate ClientPage::dateOfBirth() const
{
    const TypedDate dob = m_ui->dateOfBirthField->value();
    return dob.isValid() ? dob.date : QDate();
}

void ClientPage::namesChanged()
{
    QStringList names{m_ui->fullNameLineEdit->text()};
    names << linesOf(m_ui->formerNamesPlainTextEdit->toPlainText());
    m_ui->clientConflictHints->setNames(names, dateOfBirth());
}

bool ClientPage::isComplete() const
{
    return !m_ui->fullNameLineEdit->text().trimmed().isEmpty() && m_ui->dateOfBirthField->isAcceptable();
}

QJsonObject ClientPage::saveDraft() const
{
    return {
        {QStringLiteral("fullName"), m_ui->fullNameLineEdit->text()},
        {QStringLiteral("preferredName"), m_ui->preferredNameLineEdit->text()},
        {QStringLiteral("formerNames"), m_ui->formerNamesPlainTextEdit->toPlainText()},
        {QStringLiteral("dateOfBirth"), m_ui->dateOfBirthField->text()},
        {QStringLiteral("dateOfBirthVerified"), m_ui->dateOfBirthVerifiedCheckBox->isChecked()},
        {QStringLiteral("pronouns"), m_ui->pronounsComboBox->currentText()},
        {QStringLiteral("phone"), m_ui->phoneLineEdit->text()},
        {QStringLiteral("email"), m_ui->emailLineEdit->text()},
        {QStringLiteral("address"), m_ui->addressPlainTextEdit->toPlainText()},
        {QStringLiteral("caseworkerGender"), m_ui->caseworkerGenderComboBox->currentData().toString()},
        {QStringLiteral("communicationNeeds"), m_ui->communicationNeedsLineEdit->text()},
        {QStringLiteral("interpreter"), m_ui->interpreterLineEdit->text()},
        {QStringLiteral("capacityConcern"), m_ui->capacityConcernCheckBox->isChecked()},
        {QStringLiteral("litigationFriend"), m_ui->litigationFriendLineEdit->text()},
    };
}

void ClientPage::restoreDraft(const QJsonObject& data)
{
    m_ui->fullNameLineEdit->setText(data.value(QStringLiteral("fullName")).toString());
    m_ui->preferredNameLineEdit->setText(data.value(QStringLiteral("preferredName")).toString());
    m_ui->formerNamesPlainTextEdit->setPlainText(data.value(QStringLiteral("formerNames")).toString());
    m_ui->dateOfBirthField->setText(data.value(QStringLiteral("dateOfBirth")).toString());
    m_ui->dateOfBirthVerifiedCheckBox->setChecked(data.value(QStringLiteral("dateOfBirthVerified")).toBool());
    m_ui->pronounsComboBox->setCurrentText(data.value(QStringLiteral("pronouns")).toString());
    m_ui->phoneLineEdit->setText(data.value(QStringLiteral("phone")).toString());
    m_ui->emailLineEdit->setText(data.value(QStringLiteral("email")).toString());
    m_ui->addressPlainTextEdit->setPlainText(data.value(QStringLiteral("address")).toString());
    const QString gender = data.value(QStringLiteral("caseworkerGender")).toString();
    int index = m_ui->caseworkerGenderComboBox->findData(gender);
    if (index < 0) {  // a value from elsewhere (an import): keep it rather than lose it
        m_ui->caseworkerGenderComboBox->addItem(gender, gender);
        index = m_ui->caseworkerGenderComboBox->count() - 1;
    }
    m_ui->caseworkerGenderComboBox->setCurrentIndex(index);
    m_ui->communicationNeedsLineEdit->setText(data.value(QStringLiteral("communicationNeeds")).toString());
    m_ui->interpreterLineEdit->setText(data.value(QStringLiteral("interpreter")).toString());
    m_ui->capacityConcernCheckBox->setChecked(data.value(QStringLiteral("capacityConcern")).toBool());
    m_ui->litigationFriendLineEdit->setText(data.value(QStringLiteral("litigationFriend")).toString());
}

void ClientPage::apply(IntakeResult& result) const
{
    core::Client& c = result.newCase.client;
    c.fullName = m_ui->fullNameLineEdit->text().simplified();
    c.preferredName = m_ui->preferredNameLineEdit->text().simplified();
    c.formerNames = linesOf(m_ui->formerNamesPlainTextEdit->toPlainText());
    c.dateOfBirth = dateOfBirth();
    c.dateOfBirthVerified = c.dateOfBirth.isValid() && m_ui->dateOfBirthVerifiedCheckBox->isChecked();
    c.pronouns = m_ui->pronounsComboBox->currentText().trimmed();
    c.phone = m_ui->phoneLineEdit->text().trimmed();
    c.email = m_ui->emailLineEdit->text().trimmed();
    c.address = m_ui->addressPlainTextEdit->toPlainText().trimmed();
    c.preferredCaseworkerGender = m_ui->caseworkerGenderComboBox->currentData().toString();
    c.communicationNeeds = m_ui->communicationNeedsLineEdit->text().trimmed();
    c.interpreterLanguage = m_ui->interpreterLineEdit->text().trimmed();
    c.capacityConcern = m_ui->capacityConcernCheckBox->isChecked();
    c.litigationFriend = m_ui->litigationFriendLineEdit->text().trimmed();
}

}  // namespace claimdesk::ui
