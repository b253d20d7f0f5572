#include "ui/cases/CaseClientTab.h"

#include "ui/cases/DateInput.h"
#include "ui/common/Typography.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace claimdesk::ui {

namespace {

QPlainTextEdit* lines(QWidget* parent, const QString& objectName, const QString& placeholder, int rows = 3)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * rows + 14);
    return edit;
}

// A multi-line field that privacy mode swaps for "Hidden in privacy mode" (a plain text box cannot be masked).
QStackedWidget* maskable(QPlainTextEdit* edit)
{
    auto* stack = new QStackedWidget(edit->parentWidget());
    auto* hidden = new QLabel(CaseClientTab::tr("Hidden in privacy mode"), stack);
    hidden->setObjectName(QStringLiteral("privacyHiddenLabel"));
    makeSecondary(hidden);
    stack->addWidget(edit);
    stack->addWidget(hidden);
    stack->setFixedHeight(edit->height());
    return stack;
}

int ageOn(const QDate& dob, const QDate& day)
{
    int age = day.year() - dob.year();
    if (day.month() < dob.month() || (day.month() == dob.month() && day.day() < dob.day())) {
        --age;
    }
    return age;
}

}  // namespace

CaseClientTab::CaseClientTab(QWidget* parent) : CaseSection(parent)
{
    setObjectName(QStringLiteral("clientTab"));
    auto* content = new QWidget;
    auto* namesBox = new QGroupBox(tr("Who they are"), content);
    auto* contactBox = new QGroupBox(tr("Contact details"), content);
    auto* safeBox = new QGroupBox(tr("Safe contact"), content);
    auto* needsBox = new QGroupBox(tr("Support and access needs"), content);

    m_fullName = form::line(namesBox, QStringLiteral("fullNameEdit"));
    m_fullNameHint = form::hint(namesBox);
    m_preferredName = form::line(namesBox, QStringLiteral("preferredNameEdit"));
    m_preferredName->setPlaceholderText(tr("The name to use when speaking to them"));
    m_formerNames = lines(namesBox, QStringLiteral("formerNamesEdit"), tr("One per line: birth names, names in care…"));
    m_pronouns = form::line(namesBox, QStringLiteral("pronounsEdit"), 40);
    m_pronouns->setPlaceholderText(tr("e.g. she/her"));
    m_dateOfBirthEdit = form::line(namesBox, QStringLiteral("dateOfBirthEdit"), 40);
    QLabel* dobHint = form::hint(namesBox);
    dobHint->setObjectName(QStringLiteral("dateOfBirthHintLabel"));
    m_dateOfBirth = new DateInput(m_dateOfBirthEdit, dobHint, {false, true, false}, this);
    m_age = new QLabel(namesBox);
    m_age->setObjectName(QStringLiteral("ageLabel"));
    makeSecondary(m_age);
    m_dobVerified = new QCheckBox(tr("Verified (seen a document)"), namesBox);
    m_dobVerified->setObjectName(QStringLiteral("dobVerifiedCheckBox"));
    auto* dobRow = new QWidget(namesBox);
    auto* dobLayout = new QHBoxLayout(dobRow);
    dobLayout->setContentsMargins(0, 0, 0, 0);
    dobLayout->addWidget(m_dateOfBirthEdit, 1);
    dobLayout->addWidget(m_age);
    dobLayout->addWidget(m_dobVerified);
    QFormLayout* names = form::formLayout(namesBox);
    names->addRow(tr("&Full name:"), form::withHint(m_fullName, m_fullNameHint));
    names->addRow(tr("&Preferred name:"), m_preferredName);
    QStackedWidget* formerStack = maskable(m_formerNames);
    names->addRow(tr("Fo&rmer names:"), formerStack);
    names->addRow(tr("Pro&nouns:"), m_pronouns);
    names->addRow(tr("&Date of birth:"), form::withHint(dobRow, dobHint));

    m_phone = form::line(contactBox, QStringLiteral("phoneEdit"), 40);
    m_email = form::line(contactBox, QStringLiteral("emailEdit"));
    m_address = lines(contactBox, QStringLiteral("addressEdit"), QString());
    QFormLayout* contact = form::formLayout(contactBox);
    contact->addRow(tr("P&hone:"), m_phone);
    contact->addRow(tr("E&mail:"), m_email);
    QStackedWidget* addressStack = maskable(m_address);
    contact->addRow(tr("&Address:"), addressStack);

    auto* channels = new QWidget(safeBox);
    auto* channelsLayout = new QHBoxLayout(channels);
    channelsLayout->setContentsMargins(0, 0, 0, 0);
    m_safePhone = new QCheckBox(tr("Phone"), channels);
    m_safeVoicemail = new QCheckBox(tr("Voicemail"), channels);
    m_safeText = new QCheckBox(tr("Text"), channels);
    m_safeEmail = new QCheckBox(tr("Email"), channels);
    m_safePost = new QCheckBox(tr("Post"), channels);
    const std::pair<QCheckBox*, const char*> named[] = {{m_safePhone, "safePhoneCheckBox"},
                                                        {m_safeVoicemail, "safeVoicemailCheckBox"},
                                                        {m_safeText, "safeTextCheckBox"},
                                                        {m_safeEmail, "safeEmailCheckBox"},
                                                        {m_safePost, "safePostCheckBox"}};
    for (const auto& [check, name] : named) {
        check->setObjectName(QString::fromLatin1(name));
        channelsLayout->addWidget(check);
        connect(check, &QCheckBox::toggled, this, &CaseSection::edited);
    }
    channelsLayout->addStretch(1);
    m_neverWriteTo = lines(safeBox, QStringLiteral("neverWriteToEdit"), tr("One address per line"), 2);
    m_codeWord = form::line(safeBox, QStringLiteral("codeWordEdit"), 60);
    m_codeWord->setToolTip(tr("A word the client gives to show it is really them, or to say they cannot talk"));
    m_timesToAvoid = form::line(safeBox, QStringLiteral("timesToAvoidEdit"));
    m_timesToAvoid->setPlaceholderText(tr("e.g. evenings and weekends"));
    m_whoKnows = form::line(safeBox, QStringLiteral("whoKnowsEdit"));
    m_whoKnows->setPlaceholderText(tr("e.g. only her sister"));
    auto* safeIntro = new QLabel(tr("Tick only what the client has confirmed is safe. Everything else is unsafe."), safeBox);
    safeIntro->setWordWrap(true);
    makeSecondary(safeIntro);
    QFormLayout* safe = form::formLayout(safeBox);
    safe->addRow(safeIntro);
    safe->addRow(tr("Safe to use:"), channels);
    QStackedWidget* neverStack = maskable(m_neverWriteTo);
    safe->addRow(tr("Never &write to:"), neverStack);
    safe->addRow(tr("Code &word:"), m_codeWord);
    safe->addRow(tr("Times to a&void:"), m_timesToAvoid);
    safe->addRow(tr("Who at home &knows:"), m_whoKnows);

    m_caseworkerGender = new QComboBox(needsBox);
    m_caseworkerGender->setObjectName(QStringLiteral("caseworkerGenderComboBox"));
    m_caseworkerGender->setEditable(true);
    m_caseworkerGender->addItems({QString(), tr("A woman"), tr("A man")});
    m_caseworkerGender->lineEdit()->setPlaceholderText(tr("No preference"));
    m_communicationNeeds = form::line(needsBox, QStringLiteral("communicationNeedsEdit"));
    m_interpreter = form::line(needsBox, QStringLiteral("interpreterEdit"), 60);
    m_interpreter->setPlaceholderText(tr("Language, if an interpreter is needed"));
    m_capacityConcern = new QCheckBox(tr("There is a concern about their capacity to conduct the claim"), needsBox);
    m_capacityConcern->setObjectName(QStringLiteral("capacityConcernCheckBox"));
    m_litigationFriend = form::line(needsBox, QStringLiteral("litigationFriendEdit"));
    QFormLayout* needs = form::formLayout(needsBox);
    needs->addRow(tr("Preferred &caseworker:"), m_caseworkerGender);
    needs->addRow(tr("Communication &needs:"), m_communicationNeeds);
    needs->addRow(tr("&Interpreter:"), m_interpreter);
    needs->addRow(QString(), m_capacityConcern);
    needs->addRow(tr("&Litigation friend:"), m_litigationFriend);

    m_privacyNote = new QLabel(tr("Privacy mode is on: names, contact details and the code word are masked. You can "
                                  "still edit them. Ctrl+Shift+P turns privacy mode off."),
                               content);
    m_privacyNote->setObjectName(QStringLiteral("clientPrivacyNoteLabel"));
    m_privacyNote->setWordWrap(true);
    makeSecondary(m_privacyNote);
    m_privacyNote->setVisible(false);

    auto* grid = new QGridLayout(content);
    grid->setContentsMargins(12, 12, 12, 12);
    grid->setSpacing(12);
    grid->addWidget(m_privacyNote, 0, 0, 1, 2);
    grid->addWidget(namesBox, 1, 0);
    grid->addWidget(contactBox, 2, 0);
    grid->addWidget(safeBox, 1, 1);
    grid->addWidget(needsBox, 2, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(3, 1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    for (QLineEdit* edit : {m_fullName, m_preferredName, m_pronouns, m_phone, m_email, m_codeWord, m_timesToAvoid,
                            m_whoKnows, m_communicationNeeds, m_interpreter, m_litigationFriend}) {
        connect(edit, &QLineEdit::textEdited, this, &CaseSection::edited);
    }
    for (QPlainTextEdit* edit : {m_formerNames, m_address, m_neverWriteTo}) {
        connect(edit, &QPlainTextEdit::textChanged, this, &CaseSection::edited);
    }
    connect(m_caseworkerGender, &QComboBox::currentTextChanged, this, [this] { emit edited(); });
    for (QCheckBox* check : {m_dobVerified, m_capacityConcern}) {
        connect(check, &QCheckBox::toggled, this, &CaseSection::edited);
    }
    connect(m_fullName, &QLineEdit::textEdited, this, &CaseClientTab::checkName);
    connect(m_dateOfBirth, &DateInput::edited, this, [this] {
        const QDate dob = m_dateOfBirth->date();
        m_age->setText(dob.isValid() && m_dateOfBirth->isAcceptable()
                           ? tr("age %1").arg(ageOn(dob, DateInput::today()))
                           : QString());
        emit edited();
        emit dateOfBirthEdited();
    });
    m_privacyStacks = {formerStack, addressStack, neverStack};
}

CaseClientTab::~CaseClientTab() = default;

void CaseClientTab::load(const core::CaseRecord& record)
{
    const core::Client& c = record.client;
    std::vector<QSignalBlocker> blockers;  // loading is not an edit
    for (QObject* field : std::initializer_list<QObject*> {m_caseworkerGender, m_formerNames, m_address, m_neverWriteTo,
                                                           m_dobVerified, m_safePhone, m_safeVoicemail, m_safeText,
                                                           m_safeEmail, m_safePost, m_capacityConcern}) {
        blockers.emplace_back(field);
    }
    m_fullName->setText(c.fullName);
    m_preferredName->setText(c.preferredName);
    m_formerNames->setPlainText(c.formerNames.join(QLatin1Char('\n')));
    m_pronouns->setText(c.pronouns);
    m_dateOfBirth->setDate(c.dateOfBirth);
    m_age->setText(c.dateOfBirth.isValid() ? tr("age %1").arg(ageOn(c.dateOfBirth, DateInput::today())) : QString());
    m_dobVerified->setChecked(c.dateOfBirthVerified);
    m_phone->setText(c.phone);
    m_email->setText(c.email);
    m_address->setPlainText(c.address);
    m_safePhone->setChecked(c.safeContact.phone);
    m_safeVoicemail->setChecked(c.safeContact.voicemail);
    m_safeText->setChecked(c.safeContact.text);
    m_safeEmail->setChecked(c.safeContact.email);
    m_safePost->setChecked(c.safeContact.post);
    m_neverWriteTo->setPlainText(c.safeContact.neverWriteTo.join(QLatin1Char('\n')));
    m_codeWord->setText(c.safeContact.codeWord);
    m_timesToAvoid->setText(c.safeContact.timesToAvoid);
    m_whoKnows->setText(c.safeContact.whoAtHomeKnows);
    m_caseworkerGender->setCurrentText(c.preferredCaseworkerGender);
    m_communicationNeeds->setText(c.communicationNeeds);
    m_interpreter->setText(c.interpreterLanguage);
    m_capacityConcern->setChecked(c.capacityConcern);
    m_litigationFriend->setText(c.litigationFriend);
    checkName();
}

void CaseClientTab::apply(core::CaseRecord& record) const
{
    core::Client& c = record.client;
    c.fullName = m_fullName->text().trimmed();
    c.preferredName = m_preferredName->text().trimmed();
    c.formerNames = form::splitLines(m_formerNames->toPlainText());
    c.pronouns = m_pronouns->text().trimmed();
    c.dateOfBirth = m_dateOfBirth->date();
    c.dateOfBirthVerified = m_dobVerified->isChecked();
    c.phone = m_phone->text().trimmed();
    c.email = m_email->text().trimmed();
    c.address = m_address->toPlainText().trimmed();
    c.safeContact.phone = m_safePhone->isChecked();
    c.safeContact.voicemail = m_safeVoicemail->isChecked();
    c.safeContact.text = m_safeText->isChecked();
    c.safeContact.email = m_safeEmail->isChecked();
    c.safeContact.post = m_safePost->isChecked();
    c.safeContact.neverWriteTo = form::splitLines(m_neverWriteTo->toPlainText());
    c.safeContact.codeWord = m_codeWord->text().trimmed();
    c.safeContact.timesToAvoid = m_timesToAvoid->text().trimmed();
    c.safeContact.whoAtHomeKnows = m_whoKnows->text().trimmed();
    c.preferredCaseworkerGender = m_caseworkerGender->currentText().trimmed();
    c.communicationNeeds = m_communicationNeeds->text().trimmed();
    c.interpreterLanguage = m_interpreter->text().trimmed();
    c.capacityConcern = m_capacityConcern->isChecked();
    c.litigationFriend = m_litigationFriend->text().trimmed();
}

QStringList CaseClientTab::problems() const
{
    QStringList out;
    if (m_fullName->text().trimmed().isEmpty()) {
        out << tr("Enter the client's full name.");
    }
    if (const QString p = m_dateOfBirth->problem(); !p.isEmpty()) {
        out << tr("Date of birth: %1").arg(p);
    }
    return out;
}

void CaseClientTab::checkName()
{
    const bool missing = m_fullName->text().trimmed().isEmpty();
    m_fullNameHint->setText(missing ? tr("Enter the client's full name.") : QString());
    m_fullNameHint->setVisible(missing);
}

QDate CaseClientTab::dateOfBirth() const
{
    return m_dateOfBirth->isAcceptable() ? m_dateOfBirth->date() : QDate();
}

void CaseClientTab::setPrivacyMode(bool on)
{
    m_privacy = on;
    const QLineEdit::EchoMode echo = on ? QLineEdit::Password : QLineEdit::Normal;
    for (QLineEdit* edit : {m_fullName, m_preferredName, m_phone, m_email, m_codeWord, m_litigationFriend}) {
        edit->setEchoMode(echo);
    }
    for (QStackedWidget* stack : m_privacyStacks) {
        stack->setCurrentIndex(on ? 1 : 0);
    }
    m_privacyNote->setVisible(on);
}

}  // namespace claimdesk::ui
