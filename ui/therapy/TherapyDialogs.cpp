#include "ui/therapy/TherapyDialogs.h"

#include "ui/cases/CaseSection.h"
#include "ui/cases/CaseText.h"
#include "ui/cases/DateInput.h"
#include "ui/common/Typography.h"
#include "ui/therapy/TherapyText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace claimdesk::ui {

using namespace core::therapy;

namespace {

QLabel* messageLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QStringLiteral("messageLabel"));
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    makeProblem(label);
    label->setVisible(false);
    return label;
}

void showMessage(QLabel* label, const QString& text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QDialogButtonBox* buttons(QDialog* dialog, const QString& okText)
{
    auto* box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    box->button(QDialogButtonBox::Ok)->setText(okText);
    QObject::connect(box, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(box, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return box;
}

QLabel* heading(QWidget* parent, const QString& text)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    makeSubheading(label);
    return label;
}

QLabel* secondary(QWidget* parent, const QString& text)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    makeSecondary(label);
    return label;
}

QString moneyInput(qint64 pence)
{
    // "90.00", "1,234.50": what parseMoney reads back.
    return money(pence).remove(QStringLiteral("£"));
}

QPlainTextEdit* multiline(QWidget* parent, const QString& objectName, int lines = 3)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + 14);
    return edit;
}

}  // namespace

// --- TherapyFormDialog ---------------------------------------------------------------------------------------

TherapyFormDialog::TherapyFormDialog(const QString& title, const QString& headingText, const QString& intro,
                                     const QString& okText, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("TherapyFormDialog"));
    setWindowTitle(title);
    m_form = form::formLayout(nullptr);
    m_notes = new QVBoxLayout;
    m_notes->setSpacing(4);
    m_message = messageLabel(this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading(this, headingText));
    if (!intro.isEmpty()) {
        layout->addWidget(secondary(this, intro));
    }
    layout->addLayout(m_form);
    layout->addLayout(m_notes);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons(this, okText));
    setMinimumWidth(500);
}

TherapyFormDialog::~TherapyFormDialog() = default;

void TherapyFormDialog::addDate(const QString& key, const QString& label, const QDate& initial, bool required)
{
    QLineEdit* edit = form::line(this, key + QStringLiteral("Edit"), 40);
    QLabel* hint = form::hint(this);
    auto* input = new DateInput(edit, hint, {false, false, required}, this);
    if (initial.isValid()) {
        input->setDate(initial);
    }
    edit->setPlaceholderText(tr("e.g. 27/11/2026"));
    m_form->addRow(label, form::withHint(edit, hint));
    m_dates.insert(key, {edit, input, label, required});
}

void TherapyFormDialog::addSessions(const QString& key, const QString& label, int minimum, int maximum, int value)
{
    auto* spin = new QSpinBox(this);
    spin->setObjectName(key + QStringLiteral("SpinBox"));
    spin->setRange(minimum, maximum);
    spin->setValue(value);
    m_form->addRow(label, spin);
    m_spins.insert(key, spin);
}

void TherapyFormDialog::addAmount(const QString& key, const QString& label, std::optional<qint64> initialPence,
                                  bool required)
{
    QLineEdit* edit = form::line(this, key + QStringLiteral("Edit"), 20);
    edit->setPlaceholderText(tr("£ e.g. 450.00"));
    if (initialPence) {
        edit->setText(moneyInput(*initialPence));
    }
    m_form->addRow(label, edit);
    m_amounts.insert(key, {edit, label, required});
}

void TherapyFormDialog::addText(const QString& key, const QString& label, const QString& initial, bool required,
                                bool isMultiline, const QString& placeholder)
{
    TextField field {nullptr, nullptr, label, required};
    if (isMultiline) {
        field.multi = multiline(this, key + QStringLiteral("Edit"));
        field.multi->setPlainText(initial);
        field.multi->setPlaceholderText(placeholder);
        m_form->addRow(label, field.multi);
    } else {
        field.line = form::line(this, key + QStringLiteral("Edit"), 500);
        field.line->setText(initial);
        field.line->setPlaceholderText(placeholder);
        m_form->addRow(label, field.line);
    }
    m_texts.insert(key, field);
}

void TherapyFormDialog::addCheck(const QString& key, const QString& label, bool isChecked)
{
    auto* box = new QCheckBox(label, this);
    box->setObjectName(key + QStringLiteral("CheckBox"));
    box->setChecked(isChecked);
    m_form->addRow(QString(), box);
    m_checks.insert(key, box);
}

void TherapyFormDialog::addChoice(const QString& key, const QString& label, const QStringList& items, bool editable,
                                  int current)
{
    auto* combo = new QComboBox(this);
    combo->setObjectName(key + QStringLiteral("Combo"));
    combo->setEditable(editable);
    combo->addItems(items);
    combo->setCurrentIndex(current);
    m_form->addRow(label, combo);
    m_choices.insert(key, combo);
}

void TherapyFormDialog::addNote(const QString& text)
{
    auto* note = secondary(this, text);
    note->setObjectName(QStringLiteral("noteLabel"));
    m_notes->addWidget(note);
}

QDate TherapyFormDialog::date(const QString& key) const
{
    const auto it = m_dates.constFind(key);
    return it == m_dates.constEnd() ? QDate() : it->input->date();
}

int TherapyFormDialog::sessions(const QString& key) const
{
    const QSpinBox* spin = m_spins.value(key);
    return spin != nullptr ? spin->value() : 0;
}

std::optional<qint64> TherapyFormDialog::amount(const QString& key) const
{
    const auto it = m_amounts.constFind(key);
    if (it == m_amounts.constEnd()) {
        return std::nullopt;
    }
    return parseMoney(it->edit->text());
}

QString TherapyFormDialog::text(const QString& key) const
{
    const auto it = m_texts.constFind(key);
    if (it == m_texts.constEnd()) {
        return {};
    }
    return (it->multi != nullptr ? it->multi->toPlainText() : it->line->text()).trimmed();
}

bool TherapyFormDialog::checked(const QString& key) const
{
    const QCheckBox* box = m_checks.value(key);
    return box != nullptr && box->isChecked();
}

int TherapyFormDialog::choiceIndex(const QString& key) const
{
    const QComboBox* combo = m_choices.value(key);
    return combo != nullptr ? combo->currentIndex() : -1;
}

QString TherapyFormDialog::choiceText(const QString& key) const
{
    const QComboBox* combo = m_choices.value(key);
    return combo != nullptr ? combo->currentText().trimmed() : QString();
}

QString TherapyFormDialog::missing() const
{
    const auto bare = [](QString label) { return label.remove(QLatin1Char('&')).remove(QLatin1Char(':')).toLower(); };
    for (auto it = m_dates.constBegin(); it != m_dates.constEnd(); ++it) {
        if (!it->input->isAcceptable()) {
            return it->input->problem();
        }
        if (it->required && !it->input->date().isValid()) {
            return tr("Give the %1.").arg(bare(it->label));
        }
    }
    for (auto it = m_amounts.constBegin(); it != m_amounts.constEnd(); ++it) {
        const QString typed = it->edit->text().trimmed();
        if (typed.isEmpty() ? it->required : !parseMoney(typed)) {
            return typed.isEmpty() ? tr("Give the %1.").arg(bare(it->label))
                                   : tr("“%1” is not an amount of money (e.g. 450.00).").arg(typed);
        }
    }
    for (auto it = m_texts.constBegin(); it != m_texts.constEnd(); ++it) {
        if (it->required && text(it.key()).isEmpty()) {
            return tr("Give the %1.").arg(bare(it->label));
        }
    }
    return {};
}

void TherapyFormDialog::showProblem(const QString& text)
{
    showMessage(m_message, text);
}

void TherapyFormDialog::accept()
{
    if (const QString problem = missing(); !problem.isEmpty()) {
        showMessage(m_message, problem);
        return;
    }
    const QString problem = m_submit ? m_submit(*this) : QString();
    if (!problem.isEmpty()) {
        showMessage(m_message, problem);  // everything typed stays
        return;
    }
    QDialog::accept();
}

// --- ProviderDialog ------------------------------------------------------------------------------------------

ProviderDialog::ProviderDialog(const Provider& provider, Submit submit, QWidget* parent)
    : QDialog(parent), m_provider(provider), m_submit(std::move(submit))
{
    setObjectName(QStringLiteral("ProviderDialog"));
    setWindowTitle(provider.id == 0 ? tr("Add therapy provider") : tr("Edit therapy provider"));
    m_name = form::line(this, QStringLiteral("providerNameEdit"));
    m_name->setText(provider.name);
    m_name->setPlaceholderText(tr("The therapist, e.g. Dr Jo Example"));
    m_organisation = form::line(this, QStringLiteral("organisationEdit"));
    m_organisation->setText(provider.organisation);
    m_body = new QComboBox(this);
    m_body->setObjectName(QStringLiteral("professionalBodyCombo"));
    m_body->setEditable(true);
    m_body->addItems({QString(), QStringLiteral("HCPC"), QStringLiteral("BACP"), QStringLiteral("UKCP"),
                      QStringLiteral("BPS"), QStringLiteral("BABCP")});
    m_body->setCurrentText(provider.professionalBody);
    m_registration = form::line(this, QStringLiteral("registrationNumberEdit"), 60);
    m_registration->setText(provider.registrationNumber);
    m_contact = multiline(this, QStringLiteral("contactEdit"));
    m_contact->setPlainText(provider.contact);
    m_contact->setPlaceholderText(tr("Phone, e-mail, address"));
    m_terms = new QSpinBox(this);
    m_terms->setObjectName(QStringLiteral("paymentTermsSpinBox"));
    m_terms->setRange(0, 120);
    m_terms->setValue(provider.paymentTermsDays);
    m_terms->setSuffix(tr(" days"));
    m_accountName = form::line(this, QStringLiteral("bankAccountNameEdit"));
    m_accountName->setText(provider.bankAccountName);
    m_sortCode = form::line(this, QStringLiteral("sortCodeEdit"), 8);
    m_sortCode->setText(provider.bankSortCode);
    m_sortCode->setPlaceholderText(QStringLiteral("12-34-56"));
    m_accountNumber = form::line(this, QStringLiteral("accountNumberEdit"), 8);
    m_accountNumber->setText(provider.bankAccountNumber);
    m_accountNumber->setPlaceholderText(tr("8 digits"));
    m_message = messageLabel(this);

    auto* who = form::formLayout(nullptr);
    who->addRow(tr("&Therapist:"), m_name);
    who->addRow(tr("&Organisation:"), m_organisation);
    who->addRow(tr("Professional &body:"), m_body);
    who->addRow(tr("&Registration no.:"), m_registration);
    who->addRow(tr("&Contact:"), m_contact);
    who->addRow(tr("Payment &terms:"), m_terms);
    auto* bank = form::formLayout(nullptr);
    bank->addRow(tr("Account &name:"), m_accountName);
    bank->addRow(tr("&Sort code:"), m_sortCode);
    bank->addRow(tr("Account n&umber:"), m_accountNumber);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading(this, provider.id == 0 ? tr("Add a therapy provider") : tr("Edit %1").arg(provider.name)));
    layout->addLayout(who);
    layout->addWidget(heading(this, tr("Bank details")));
    layout->addWidget(secondary(this, tr("Payments go only to bank details a supervisor has verified by calling the "
                                         "provider back on a number from their professional body's register. "
                                         "Changing them clears the verification.")));
    layout->addLayout(bank);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons(this, provider.id == 0 ? tr("&Add provider") : tr("&Save provider")));
    setMinimumWidth(520);
}

ProviderDialog::~ProviderDialog() = default;

Provider ProviderDialog::edited() const
{
    Provider p = m_provider;
    p.name = m_name->text().trimmed();
    p.organisation = m_organisation->text().trimmed();
    p.professionalBody = m_body->currentText().trimmed();
    p.registrationNumber = m_registration->text().trimmed();
    p.contact = m_contact->toPlainText().trimmed();
    p.paymentTermsDays = m_terms->value();
    p.bankAccountName = m_accountName->text().trimmed();
    p.bankSortCode = m_sortCode->text().trimmed();
    p.bankAccountNumber = m_accountNumber->text().trimmed();
    return p;
}

void ProviderDialog::accept()
{
    if (m_name->text().trimmed().isEmpty()) {
        showMessage(m_message, tr("Give the therapist's name."));
        return;
    }
    const QString problem = m_submit ? m_submit(edited()) : QString();
    if (!problem.isEmpty()) {
        showMessage(m_message, problem);
        return;
    }
    QDialog::accept();
}

// --- RequestDialog -------------------------------------------------------------------------------------------

RequestDialog::RequestDialog(const QString& reference, const TherapyRequest& request,
                             const std::vector<Provider>& providers, Submit submit, QWidget* parent)
    : QDialog(parent), m_request(request), m_submit(std::move(submit))
{
    setObjectName(QStringLiteral("RequestDialog"));
    const bool creating = request.id == 0;
    setWindowTitle(creating ? tr("New therapy request — %1").arg(reference)
                            : tr("Edit therapy request — %1").arg(reference));

    m_funding = new QComboBox(this);
    m_funding->setObjectName(QStringLiteral("fundingCombo"));
    for (const FundingRoute f : {FundingRoute::FirmFund, FundingRoute::RehabilitationCode, FundingRoute::InterimPayment,
                                 FundingRoute::Other}) {
        m_funding->addItem(fundingRouteName(f), static_cast<int>(f));
    }
    m_funding->setCurrentIndex(m_funding->findData(static_cast<int>(request.funding)));
    m_recommendation = form::line(this, QStringLiteral("recommendationEdit"), 500);
    m_recommendation->setText(request.recommendation);
    m_recommendation->setPlaceholderText(tr("Who recommended it, and where: e.g. Dr A Expert, report of 3 Mar 2026, para 8.2"));
    m_diagnosis = form::line(this, QStringLiteral("diagnosisEdit"), 500);
    m_diagnosis->setText(request.diagnosis);
    m_diagnosis->setPlaceholderText(tr("e.g. complex PTSD; depression"));
    m_provider = new QComboBox(this);
    m_provider->setObjectName(QStringLiteral("providerCombo"));
    m_provider->addItem(tr("(not chosen yet)"), qint64(0));
    for (const Provider& p : providers) {
        if (p.active || p.id == request.providerId) {
            m_provider->addItem(p.organisation.isEmpty() ? p.name : tr("%1 — %2").arg(p.name, p.organisation), p.id);
        }
    }
    m_provider->setCurrentIndex(std::max(0, m_provider->findData(request.providerId)));
    m_newProvider = new QPushButton(tr("New provider…"), this);
    m_newProvider->setObjectName(QStringLiteral("newProviderButton"));
    connect(m_newProvider, &QPushButton::clicked, this, &RequestDialog::newProviderRequested);
    auto* providerRow = new QWidget(this);
    auto* providerLayout = new QHBoxLayout(providerRow);
    providerLayout->setContentsMargins(0, 0, 0, 0);
    providerLayout->addWidget(m_provider, 1);
    providerLayout->addWidget(m_newProvider);

    m_modality = new QComboBox(this);
    m_modality->setObjectName(QStringLiteral("modalityCombo"));
    for (const Modality m : allModalities()) {
        m_modality->addItem(modalityName(m), static_cast<int>(m));
    }
    m_modality->setCurrentIndex(m_modality->findData(static_cast<int>(request.modality)));
    m_modalityOther = form::line(this, QStringLiteral("modalityOtherEdit"));
    m_modalityOther->setText(request.modalityOther);
    m_modalityOther->setPlaceholderText(tr("Which kind of therapy"));
    m_minutes = new QSpinBox(this);
    m_minutes->setObjectName(QStringLiteral("sessionMinutesSpinBox"));
    m_minutes->setRange(1, 480);
    m_minutes->setValue(request.sessionMinutes > 0 ? request.sessionMinutes : 50);
    m_minutes->setSuffix(tr(" minutes"));
    m_delivery = new QComboBox(this);
    m_delivery->setObjectName(QStringLiteral("deliveryCombo"));
    for (const Delivery d : {Delivery::InPerson, Delivery::Video, Delivery::Phone}) {
        m_delivery->addItem(deliveryName(d), static_cast<int>(d));
    }
    m_delivery->setCurrentIndex(m_delivery->findData(static_cast<int>(request.delivery)));
    m_frequency = new QComboBox(this);
    m_frequency->setObjectName(QStringLiteral("frequencyCombo"));
    m_frequency->setEditable(true);
    m_frequency->addItems({tr("weekly"), tr("fortnightly"), tr("monthly")});
    m_frequency->setCurrentText(request.frequency.isEmpty() ? tr("weekly") : request.frequency);
    m_sessions = new QSpinBox(this);
    m_sessions->setObjectName(QStringLiteral("sessionsRequestedSpinBox"));
    m_sessions->setRange(0, 500);
    m_sessions->setSpecialValueText(tr("not known yet"));
    m_sessions->setValue(request.sessionsRequested);
    m_cost = form::line(this, QStringLiteral("costPerSessionEdit"), 20);
    m_cost->setPlaceholderText(tr("£ per session, e.g. 90.00"));
    if (request.costPerSessionPence > 0) {
        m_cost->setText(moneyInput(request.costPerSessionPence));
    }
    m_vat = new QCheckBox(tr("Add VAT at 20%"), this);
    m_vat->setObjectName(QStringLiteral("vatCheckBox"));
    m_vat->setToolTip(tr("Whether the provider's therapy is exempt from VAT is to be confirmed: tick when the quote "
                         "adds VAT."));
    m_vat->setChecked(request.vat);
    m_fees = form::line(this, QStringLiteral("feesEdit"), 20);
    m_fees->setPlaceholderText(tr("£ assessment and report fees, e.g. 150.00"));
    if (request.feesPence > 0) {
        m_fees->setText(moneyInput(request.feesPence));
    }
    m_reviewAfter = new QSpinBox(this);
    m_reviewAfter->setObjectName(QStringLiteral("reviewAfterSpinBox"));
    m_reviewAfter->setRange(0, 500);
    m_reviewAfter->setSpecialValueText(tr("No review point"));
    m_reviewAfter->setPrefix(tr("after "));
    m_reviewAfter->setSuffix(tr(" sessions"));
    m_reviewAfter->setValue(request.reviewAfterSessions);
    m_reviewOnEdit = form::line(this, QStringLiteral("reviewOnEdit"), 40);
    QLabel* reviewHint = form::hint(this);
    m_reviewOn = new DateInput(m_reviewOnEdit, reviewHint, {false, false, false}, this);
    m_reviewOnEdit->setPlaceholderText(tr("Optional, e.g. 27/11/2026"));
    m_reviewOn->setDate(request.reviewOn);
    m_recoverability = new QCheckBox(tr("Recoverability agreed with the client (signed)"), this);
    m_recoverability->setObjectName(QStringLiteral("recoverabilityCheckBox"));
    m_recoverability->setChecked(request.recoverabilityAgreed);
    m_shareable = new QCheckBox(tr("Progress reports may be shared with the firm"), this);
    m_shareable->setObjectName(QStringLiteral("reportsShareableCheckBox"));
    m_shareable->setChecked(request.reportsShareable);
    m_shareable->setToolTip(tr("Therapy notes may become disclosable in the litigation: the consent wording is for "
                               "the supervising solicitor to settle."));
    m_total = new QLabel(this);
    m_total->setObjectName(QStringLiteral("requestTotalLabel"));
    m_total->setWordWrap(true);
    m_message = messageLabel(this);

    const QString riskText = creating ? tr("Taken from the case's safeguarding screen when the request is saved.")
                                      : tr("%1 (from the case's safeguarding screen)").arg(riskLevelName(request.risk));
    auto* riskLabel = secondary(this, riskText);
    riskLabel->setObjectName(QStringLiteral("riskLabel"));
    riskLabel->setWordWrap(false);
    if (request.risk == RiskLevel::SeriousRisk) {
        riskLabel->setStyleSheet(QStringLiteral("color: #a11d12; font-weight: 600;"));
    }
    auto* basis = form::formLayout(nullptr);
    basis->addRow(tr("&Funding route:"), m_funding);
    basis->addRow(tr("&Recommended by:"), m_recommendation);
    basis->addRow(tr("&Diagnosis:"), m_diagnosis);
    basis->addRow(tr("Risk:"), riskLabel);
    auto* therapy = form::formLayout(nullptr);
    therapy->addRow(tr("&Provider:"), providerRow);
    therapy->addRow(tr("&Modality:"), m_modality);
    therapy->addRow(tr("Other &kind:"), m_modalityOther);
    therapy->addRow(tr("Session &length:"), m_minutes);
    therapy->addRow(tr("D&elivery:"), m_delivery);
    therapy->addRow(tr("Fre&quency:"), m_frequency);
    therapy->addRow(tr("Review &point:"), m_reviewAfter);
    therapy->addRow(tr("Review &date:"), form::withHint(m_reviewOnEdit, reviewHint));
    auto* quote = form::formLayout(nullptr);
    quote->addRow(tr("&Sessions requested:"), m_sessions);
    quote->addRow(tr("&Cost per session:"), m_cost);
    quote->addRow(QString(), m_vat);
    quote->addRow(tr("F&ees:"), m_fees);
    quote->addRow(QString(), m_recoverability);
    quote->addRow(QString(), m_shareable);
    quote->addRow(QString(), m_total);
    auto sync = [this, therapy] {
        therapy->setRowVisible(m_modalityOther,
                               static_cast<Modality>(m_modality->currentData().toInt()) == Modality::Other);
    };
    sync();

    auto* columns = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    left->addWidget(heading(this, tr("Therapy")));
    left->addLayout(therapy);
    left->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addWidget(heading(this, tr("Quote and terms")));
    right->addLayout(quote);
    right->addStretch(1);
    columns->addLayout(left, 1);
    columns->addSpacing(20);
    columns->addLayout(right, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading(this, tr("Clinical basis")));
    layout->addLayout(basis);
    layout->addSpacing(6);
    layout->addLayout(columns);
    layout->addWidget(m_message);
    layout->addWidget(buttons(this, creating ? tr("&Save draft") : tr("&Save request")));

    connect(m_modality, &QComboBox::currentIndexChanged, this, sync);
    for (QLineEdit* e : {m_cost, m_fees}) {
        connect(e, &QLineEdit::textChanged, this, &RequestDialog::updateTotal);
    }
    connect(m_sessions, &QSpinBox::valueChanged, this, &RequestDialog::updateTotal);
    connect(m_vat, &QCheckBox::toggled, this, &RequestDialog::updateTotal);
    updateTotal();
    setMinimumWidth(900);
}

RequestDialog::~RequestDialog() = default;

void RequestDialog::updateTotal()
{
    const TherapyRequest r = edited();
    const qint64 total = r.requestedCapPence();
    if (r.sessionsRequested <= 0 || r.costPerSessionPence <= 0) {
        m_total->setText(tr("Total if approved as asked: enter the sessions and the quoted cost."));
        return;
    }
    QString how = tr("%1 × %2").arg(r.sessionsRequested).arg(money(r.costPerSessionPence));
    if (r.feesPence > 0) {
        how = tr("%1 + %2 fees").arg(how, money(r.feesPence));
    }
    if (r.vat) {
        how = tr("%1, plus VAT").arg(how);
    }
    m_total->setText(tr("Total if approved as asked: <b>%1</b> (%2).").arg(money(total), how));
}

TherapyRequest RequestDialog::edited() const
{
    TherapyRequest r = m_request;
    r.funding = static_cast<FundingRoute>(m_funding->currentData().toInt());
    r.recommendation = m_recommendation->text().trimmed();
    r.diagnosis = m_diagnosis->text().trimmed();
    r.providerId = m_provider->currentData().toLongLong();
    r.modality = static_cast<Modality>(m_modality->currentData().toInt());
    r.modalityOther = r.modality == Modality::Other ? m_modalityOther->text().trimmed() : QString();
    r.sessionMinutes = m_minutes->value();
    r.delivery = static_cast<Delivery>(m_delivery->currentData().toInt());
    r.frequency = m_frequency->currentText().trimmed();
    r.sessionsRequested = m_sessions->value();
    r.costPerSessionPence = parseMoney(m_cost->text()).value_or(0);
    r.vat = m_vat->isChecked();
    r.feesPence = parseMoney(m_fees->text()).value_or(0);
    r.reviewAfterSessions = m_reviewAfter->value();
    r.reviewOn = m_reviewOn->date();
    r.recoverabilityAgreed = m_recoverability->isChecked();
    r.reportsShareable = m_shareable->isChecked();
    return r;
}

void RequestDialog::addProvider(const Provider& provider)
{
    m_provider->addItem(provider.organisation.isEmpty() ? provider.name
                                                        : tr("%1 — %2").arg(provider.name, provider.organisation),
                        provider.id);
    m_provider->setCurrentIndex(m_provider->count() - 1);
}

void RequestDialog::showProblem(const QString& text)
{
    showMessage(m_message, text);
}

void RequestDialog::accept()
{
    for (QLineEdit* e : {m_cost, m_fees}) {
        if (!e->text().trimmed().isEmpty() && !parseMoney(e->text())) {
            e->setFocus();
            showMessage(m_message, tr("“%1” is not an amount of money (e.g. 90.00).").arg(e->text().trimmed()));
            return;
        }
    }
    if (!m_reviewOn->isAcceptable()) {
        showMessage(m_message, m_reviewOn->problem());
        return;
    }
    if (static_cast<Modality>(m_modality->currentData().toInt()) == Modality::Other
        && m_modalityOther->text().trimmed().isEmpty()) {
        showMessage(m_message, tr("Say which kind of therapy it is."));
        return;
    }
    const QString problem = m_submit ? m_submit(edited()) : QString();
    if (!problem.isEmpty()) {
        showMessage(m_message, problem);
        return;
    }
    QDialog::accept();
}

// --- DecisionDialog ------------------------------------------------------------------------------------------

DecisionDialog::DecisionDialog(Mode mode, const TherapyRequest& request, const QString& requesterName,
                               std::optional<qint64> remainingPence, std::optional<qint64> authorityLimitPence,
                               Submit submit, QWidget* parent)
    : QDialog(parent), m_mode(mode), m_request(request), m_remaining(remainingPence), m_submit(std::move(submit))
{
    setObjectName(QStringLiteral("DecisionDialog"));
    const bool extension = mode == Mode::ApproveExtension;
    setWindowTitle(extension ? tr("Approve extension — %1").arg(request.caseReference)
                             : tr("Approve therapy — %1").arg(request.caseReference));
    m_sessions = new QSpinBox(this);
    m_sessions->setObjectName(QStringLiteral("sessionsSpinBox"));
    const int asked = extension ? std::max(request.extensionSessions, 1) : std::max(request.sessionsRequested, 1);
    m_sessions->setRange(1, asked);
    m_sessions->setValue(asked);
    m_sessions->setSuffix(extension ? tr(" more (of %1 asked for)").arg(asked) : tr(" (of %1 requested)").arg(asked));
    m_conditions = multiline(this, QStringLiteral("conditionsEdit"));
    m_conditions->setPlaceholderText(tr("Optional: e.g. progress report after 6 sessions before any extension"));
    m_reviewOnEdit = form::line(this, QStringLiteral("reviewOnEdit"), 40);
    QLabel* reviewHint = form::hint(this);
    m_reviewOn = new DateInput(m_reviewOnEdit, reviewHint, {false, false, false}, this);
    m_reviewOnEdit->setPlaceholderText(tr("Optional, e.g. 27/11/2026"));
    m_reviewOn->setDate(request.reviewOn);
    m_reviewAfter = new QSpinBox(this);
    m_reviewAfter->setObjectName(QStringLiteral("reviewAfterSpinBox"));
    m_reviewAfter->setRange(0, 500);
    m_reviewAfter->setSpecialValueText(tr("Keep (%1)").arg(request.reviewAfterSessions > 0
                                                               ? (request.reviewAfterSessions == 1 ? tr("after 1 session") : tr("after %1 sessions").arg(request.reviewAfterSessions))
                                                               : tr("none")));
    m_reviewAfter->setPrefix(tr("after "));
    m_reviewAfter->setSuffix(tr(" sessions"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("decisionSummaryLabel"));
    m_summary->setWordWrap(true);
    m_override = multiline(this, QStringLiteral("budgetOverrideEdit"));
    m_override->setPlaceholderText(tr("Why the fund should pay beyond this year's budget"));
    m_message = messageLabel(this);

    m_form = form::formLayout(nullptr);
    m_form->addRow(extension ? tr("&Extra sessions:") : tr("&Sessions approved:"), m_sessions);
    m_form->addRow(tr("&Conditions:"), m_conditions);
    m_form->addRow(tr("Review &date:"), form::withHint(m_reviewOnEdit, reviewHint));
    m_form->addRow(tr("Review &point:"), m_reviewAfter);
    m_form->addRow(tr("Budget &override:"), m_override);

    QStringList facts;
    facts << tr("Requested by %1 on %2.").arg(requesterName, ukDate(request.requestedOn));
    if (extension && !request.extensionReason.isEmpty()) {
        facts << tr("Why more sessions: %1").arg(request.extensionReason.toHtmlEscaped());
    }
    if (authorityLimitPence) {
        facts << tr("Your authority limit: %1.").arg(money(*authorityLimitPence));
    }
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading(this, extension ? tr("Approve more sessions for %1").arg(request.caseReference)
                                              : tr("Approve therapy for %1").arg(request.caseReference)));
    auto* factsLabel = secondary(this, facts.join(QLatin1Char(' ')));
    factsLabel->setObjectName(QStringLiteral("decisionFactsLabel"));
    layout->addWidget(factsLabel);
    layout->addLayout(m_form);
    layout->addWidget(m_summary);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons(this, extension ? tr("&Approve extension") : tr("&Approve")));
    connect(m_sessions, &QSpinBox::valueChanged, this, &DecisionDialog::update);
    update();
    setMinimumWidth(540);
}

DecisionDialog::~DecisionDialog() = default;

qint64 DecisionDialog::costPence() const
{
    const TherapyRequest& r = m_request;
    if (m_mode == Mode::ApproveExtension) {
        return capFor(r.sessionsApproved + m_sessions->value(), r.costPerSessionPence, r.feesPence, r.vat) - r.capPence();
    }
    return capFor(m_sessions->value(), r.costPerSessionPence, r.feesPence, r.vat);
}

bool DecisionDialog::overrideNeeded() const
{
    return m_remaining && costPence() > *m_remaining;
}

void DecisionDialog::update()
{
    const qint64 cost = costPence();
    const bool needed = overrideNeeded();
    m_form->setRowVisible(m_override, needed);
    QString text = m_mode == Mode::ApproveExtension ? tr("The extension costs <b>%1</b>.").arg(money(cost))
                                                    : tr("The cap will be <b>%1</b>.").arg(money(cost));
    if (m_remaining) {
        text += QLatin1Char(' ') + tr("This year's fund has %1 left.").arg(money(*m_remaining));
    } else if (m_request.funding != FundingRoute::FirmFund) {
        text += QLatin1Char(' ') + tr("Funding: %1 (does not draw on the firm's fund).").arg(fundingRouteName(m_request.funding));
    }
    if (needed) {
        text += QStringLiteral("<br><span style=\"color:#a11d12\">")
            + tr("That is more than the budget left: give your reason to override it.") + QStringLiteral("</span>");
    }
    m_summary->setText(text);
    adjustSize();
}

ApprovalInput DecisionDialog::input() const
{
    ApprovalInput in;
    in.sessions = m_sessions->value();
    in.conditions = m_conditions->toPlainText().trimmed();
    in.reviewOn = m_reviewOn->date();
    in.reviewAfterSessions = m_reviewAfter->value();
    in.budgetOverrideReason = overrideNeeded() || m_form->isRowVisible(m_override) ? m_override->toPlainText().trimmed()
                                                                                   : QString();
    return in;
}

void DecisionDialog::showProblem(const QString& text)
{
    showMessage(m_message, text);
}

void DecisionDialog::accept()
{
    if (!m_reviewOn->isAcceptable()) {
        showMessage(m_message, m_reviewOn->problem());
        return;
    }
    if (overrideNeeded() && m_override->toPlainText().trimmed().isEmpty()) {
        m_override->setFocus();
        showMessage(m_message, tr("The cost is more than the budget left this year: give your reason to override it."));
        return;
    }
    const QString problem = m_submit ? m_submit(input()) : QString();
    if (!problem.isEmpty()) {
        // Core may know better (another approval used the budget meanwhile): offer the override field then.
        if (problem.contains(tr("budget"), Qt::CaseInsensitive)) {
            m_form->setRowVisible(m_override, true);
        }
        showMessage(m_message, problem);
        return;
    }
    QDialog::accept();
}

}  // namespace claimdesk::ui
