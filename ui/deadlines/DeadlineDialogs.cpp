#include "ui/deadlines/DeadlineDialogs.h"

#include "ui/cases/CaseSection.h"
#include "ui/cases/CaseText.h"
#include "ui/cases/DateInput.h"
#include "ui/common/Typography.h"
#include "ui/deadlines/DeadlineText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace claimdesk::ui {

using core::deadlines::Event;
using core::deadlines::EventType;
using core::deadlines::ServiceMethod;

namespace {

constexpr EventType kEventTypes[] = {
    EventType::LetterOfClaimPosted,       EventType::LetterOfClaimAcknowledged,
    EventType::ClaimFormIssued,           EventType::ClaimFormServed,
    EventType::ParticularsServed,         EventType::AcknowledgmentOfServiceFiled,
    EventType::DefenceExtensionAgreed,    EventType::Part36OfferSent,
    EventType::SubjectAccessRequestReceived, EventType::RehabilitationProposalReceived,
    EventType::StandstillAgreed,
};
constexpr ServiceMethod kMethods[] = {ServiceMethod::FirstClassPost, ServiceMethod::DocumentExchange,
                                      ServiceMethod::Personal,       ServiceMethod::LeaveAtAddress,
                                      ServiceMethod::Email,          ServiceMethod::Fax};

bool timed(EventType type)
{
    return type == EventType::ClaimFormServed || type == EventType::ParticularsServed
        || type == EventType::Part36OfferSent;
}

bool dated(EventType type)
{
    return type != EventType::DefenceExtensionAgreed && type != EventType::StandstillAgreed;
}

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
    makeSubheading(label);
    return label;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------

RecordEventDialog::RecordEventDialog(const QString& reference, Submit submit, QWidget* parent)
    : QDialog(parent), m_submit(std::move(submit))
{
    setObjectName(QStringLiteral("RecordEventDialog"));
    setWindowTitle(tr("Record event — %1").arg(reference));
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("eventTypeCombo"));
    for (const EventType type : kEventTypes) {
        m_type->addItem(eventTypeName(type), static_cast<int>(type));
    }
    m_dateEdit = form::line(this, QStringLiteral("eventDateEdit"), 40);
    m_dateHint = form::hint(this);
    m_date = new DateInput(m_dateEdit, m_dateHint, {false, true, true}, this);
    m_time = new QTimeEdit(QTime(9, 0), this);
    m_time->setObjectName(QStringLiteral("eventTimeEdit"));
    m_time->setDisplayFormat(QStringLiteral("HH:mm"));
    m_time->setToolTip(tr("UK local time. For service this is when the step was taken (posted, left, sent); after "
                          "4.30 pm counts as the next business day."));
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("serviceMethodCombo"));
    for (const ServiceMethod method : kMethods) {
        m_method->addItem(serviceMethodName(method), static_cast<int>(method));
    }
    m_particulars = new QCheckBox(tr("Particulars of claim included with the claim form"), this);
    m_particulars->setObjectName(QStringLiteral("particularsIncludedCheckBox"));
    m_days = new QSpinBox(this);
    m_days->setObjectName(QStringLiteral("extensionDaysSpinBox"));
    m_days->setRange(1, 28);
    m_days->setValue(28);
    m_days->setSuffix(tr(" days"));
    m_days->setToolTip(tr("CPR 15.5 lets the parties agree up to 28 more days for the defence."));
    m_relevantPeriod = new QSpinBox(this);
    m_relevantPeriod->setObjectName(QStringLiteral("relevantPeriodSpinBox"));
    m_relevantPeriod->setRange(21, 365);
    m_relevantPeriod->setValue(21);
    m_relevantPeriod->setSuffix(tr(" days"));
    m_relevantPeriod->setToolTip(tr("At least 21 days (CPR 36.5)."));
    m_expiresEdit = form::line(this, QStringLiteral("expiresOnEdit"), 40);
    m_expiresHint = form::hint(this);
    m_expires = new DateInput(m_expiresEdit, m_expiresHint, {false, false, true}, this);
    m_party = new QComboBox(this);
    m_party->setObjectName(QStringLiteral("eventPartyCombo"));
    m_party->addItem(tr("We must reply (it was sent to us or the client)"),
                     static_cast<int>(core::deadlines::ActingParty::Own));
    m_party->addItem(tr("The other side must reply (we sent it)"),
                     static_cast<int>(core::deadlines::ActingParty::Opponent));
    m_party->setToolTip(tr("Decides which date is diarised: our earliest safe date, or the last day the other side "
                           "is still in time."));
    m_region = new QComboBox(this);
    m_region->setObjectName(QStringLiteral("eventRegionCombo"));
    for (const core::Region r : {core::Region::EnglandWales, core::Region::Scotland, core::Region::NorthernIreland}) {
        m_region->addItem(regionName(r), static_cast<int>(r));
    }
    m_region->setToolTip(tr("Where the step happened (where service took place): its bank holidays decide the "
                            "business days."));
    m_note = form::line(this, QStringLiteral("eventNoteEdit"), 500);
    m_note->setPlaceholderText(tr("Optional: e.g. posted by Pat, proof of postage on file"));
    m_message = messageLabel(this);

    m_form = form::formLayout(nullptr);
    m_form->addRow(tr("&Event:"), m_type);
    m_form->addRow(tr("&Date:"), form::withHint(m_dateEdit, m_dateHint));
    m_form->addRow(tr("&Time:"), m_time);
    m_form->addRow(tr("&Method:"), m_method);
    m_form->addRow(QString(), m_particulars);
    m_form->addRow(tr("E&xtra days:"), m_days);
    m_form->addRow(tr("&Relevant period:"), m_relevantPeriod);
    m_form->addRow(tr("Ends &on:"), form::withHint(m_expiresEdit, m_expiresHint));
    m_form->addRow(tr("&Who replies:"), m_party);
    m_form->addRow(tr("Re&gion:"), m_region);
    m_form->addRow(tr("&Note:"), m_note);

    auto* hint = new QLabel(tr("Deadlines are worked out again from every event recorded on the case; you will see "
                               "what changed."),
                            this);
    hint->setWordWrap(true);
    makeSecondary(hint);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading(this, tr("Record a procedural event on %1").arg(reference)));
    layout->addWidget(hint);
    layout->addLayout(m_form);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons(this, tr("&Record event")));
    connect(m_type, &QComboBox::currentIndexChanged, this, &RecordEventDialog::updateFields);
    updateFields();
    setMinimumWidth(520);
}

RecordEventDialog::~RecordEventDialog() = default;

void RecordEventDialog::setEventType(EventType type)
{
    m_type->setCurrentIndex(m_type->findData(static_cast<int>(type)));
}

void RecordEventDialog::updateFields()
{
    const auto type = static_cast<EventType>(m_type->currentData().toInt());
    m_form->setRowVisible(1, dated(type));
    m_form->setRowVisible(2, timed(type));
    m_form->setRowVisible(3, timed(type));
    m_form->setRowVisible(4, type == EventType::ClaimFormServed);
    m_form->setRowVisible(5, type == EventType::DefenceExtensionAgreed);
    m_form->setRowVisible(6, type == EventType::Part36OfferSent);
    m_form->setRowVisible(7, type == EventType::StandstillAgreed);
    m_form->setRowVisible(8, type == EventType::SubjectAccessRequestReceived
                                 || type == EventType::RehabilitationProposalReceived);
    showMessage(m_message, QString());
    adjustSize();
}

QString RecordEventDialog::collect(Event& event) const
{
    event = Event {};
    event.type = static_cast<EventType>(m_type->currentData().toInt());
    event.region = static_cast<core::Region>(m_region->currentData().toInt());
    if (event.type == EventType::SubjectAccessRequestReceived || event.type == EventType::RehabilitationProposalReceived) {
        event.party = static_cast<core::deadlines::ActingParty>(m_party->currentData().toInt());
    }
    if (dated(event.type)) {
        if (!m_date->isAcceptable() || !m_date->date().isValid()) {
            return m_date->problem().isEmpty() ? tr("Give the date of the event.") : m_date->problem();
        }
        if (timed(event.type)) {
            event.at = QDateTime(m_date->date(), m_time->time());
            event.method = static_cast<ServiceMethod>(m_method->currentData().toInt());
            event.particularsIncluded = event.type == EventType::ClaimFormServed && m_particulars->isChecked();
        } else {
            event.date = m_date->date();
        }
    }
    if (event.type == EventType::DefenceExtensionAgreed) {
        event.days = m_days->value();
    }
    if (event.type == EventType::Part36OfferSent) {
        event.relevantPeriodDays = m_relevantPeriod->value();
    }
    if (event.type == EventType::StandstillAgreed) {
        if (!m_expires->isAcceptable() || !m_expires->date().isValid()) {
            return m_expires->problem().isEmpty() ? tr("Give the date the standstill ends.") : m_expires->problem();
        }
        event.expiresOn = m_expires->date();
    }
    return {};
}

void RecordEventDialog::accept()
{
    Event event;
    QString problem = collect(event);
    if (problem.isEmpty() && m_submit) {
        problem = m_submit(event, m_note->text().trimmed());
    }
    showMessage(m_message, problem);
    if (problem.isEmpty()) {
        QDialog::accept();
    }
}

// ---------------------------------------------------------------------------------------------------------

OverrideLimitationDialog::OverrideLimitationDialog(const QString& reference, const QDate& current, Submit submit,
                                                   QWidget* parent)
    : QDialog(parent), m_submit(std::move(submit))
{
    setObjectName(QStringLiteral("OverrideLimitationDialog"));
    setWindowTitle(tr("Override limitation date — %1").arg(reference));
    m_dateEdit = form::line(this, QStringLiteral("overrideDateEdit"), 40);
    QLabel* dateHint = form::hint(this);
    m_date = new DateInput(m_dateEdit, dateHint, {false, false, true}, this);
    m_date->setDate(current);
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(QStringLiteral("overrideReasonEdit"));
    m_reason->setPlaceholderText(tr("Why the computed date is not the one to rely on (e.g. counsel's advice of …)"));
    m_reason->setTabChangesFocus(true);
    m_reason->setMinimumHeight(90);
    m_message = messageLabel(this);
    auto* hint = new QLabel(tr("An override counts only once another supervisor has verified it."), this);
    hint->setWordWrap(true);
    makeSecondary(hint);
    QFormLayout* fields = form::formLayout(nullptr);
    fields->addRow(tr("&Safe date:"), form::withHint(m_dateEdit, dateHint));
    fields->addRow(tr("&Reason:"), m_reason);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading(this, tr("Override the limitation date of %1").arg(reference)));
    layout->addWidget(hint);
    layout->addLayout(fields);
    layout->addWidget(m_message);
    layout->addWidget(buttons(this, tr("&Override")));
    setMinimumWidth(480);
}

OverrideLimitationDialog::~OverrideLimitationDialog() = default;

void OverrideLimitationDialog::accept()
{
    QString problem;
    if (!m_date->isAcceptable() || !m_date->date().isValid()) {
        problem = m_date->problem().isEmpty() ? tr("Give the safe date to rely on.") : m_date->problem();
    } else if (m_reason->toPlainText().trimmed().isEmpty()) {
        problem = tr("Say why the date is overridden: the reason is kept with the sign-off.");
    } else if (m_submit) {
        problem = m_submit(m_date->date(), m_reason->toPlainText().trimmed());
    }
    showMessage(m_message, problem);
    if (problem.isEmpty()) {
        QDialog::accept();
    }
}

// ---------------------------------------------------------------------------------------------------------

ManualDeadlineDialog::ManualDeadlineDialog(const QString& reference, Submit submit, QWidget* parent)
    : QDialog(parent), m_submit(std::move(submit))
{
    setObjectName(QStringLiteral("ManualDeadlineDialog"));
    setWindowTitle(tr("Add court-ordered deadline — %1").arg(reference));
    m_title = form::line(this, QStringLiteral("manualTitleEdit"));
    m_title->setPlaceholderText(tr("e.g. Witness statements to be exchanged"));
    m_dateEdit = form::line(this, QStringLiteral("manualDateEdit"), 40);
    QLabel* dateHint = form::hint(this);
    m_date = new DateInput(m_dateEdit, dateHint, {false, false, true}, this);
    m_note = form::line(this, QStringLiteral("manualNoteEdit"), 500);
    m_note->setPlaceholderText(tr("Optional: which order, paragraph"));
    m_message = messageLabel(this);
    QFormLayout* fields = form::formLayout(nullptr);
    fields->addRow(tr("&What:"), m_title);
    fields->addRow(tr("&Date:"), form::withHint(m_dateEdit, dateHint));
    fields->addRow(tr("&Note:"), m_note);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading(this, tr("Add a court-ordered deadline to %1").arg(reference)));
    layout->addLayout(fields);
    layout->addWidget(m_message);
    layout->addWidget(buttons(this, tr("&Add deadline")));
    setMinimumWidth(480);
}

ManualDeadlineDialog::~ManualDeadlineDialog() = default;

void ManualDeadlineDialog::accept()
{
    QString problem;
    if (m_title->text().trimmed().isEmpty()) {
        problem = tr("Say what has to be done by the date.");
    } else if (!m_date->isAcceptable() || !m_date->date().isValid()) {
        problem = m_date->problem().isEmpty() ? tr("Give the date the court ordered.") : m_date->problem();
    } else if (m_submit) {
        problem = m_submit(m_title->text().trimmed(), m_date->date(), m_note->text().trimmed());
    }
    showMessage(m_message, problem);
    if (problem.isEmpty()) {
        QDialog::accept();
    }
}

// ---------------------------------------------------------------------------------------------------------

ReminderLadderDialog::ReminderLadderDialog(const core::deadlines::ReminderLadder& current, const QDate& exampleSafeDate,
                                           Submit submit, QWidget* parent)
    : QDialog(parent), m_submit(std::move(submit)), m_example(exampleSafeDate)
{
    setObjectName(QStringLiteral("ReminderLadderDialog"));
    setWindowTitle(tr("Limitation reminder ladder — ClaimDesk"));
    m_ladder = form::line(this, QStringLiteral("reminderLadderEdit"), 120);
    m_ladder->setText(current.text());
    m_ladder->setPlaceholderText(core::deadlines::ReminderLadder::standard().text());
    auto* hint = new QLabel(tr("Each rung is a number and a unit: <b>m</b> months, <b>w</b> weeks, <b>d</b> days before "
                               "the safe date, or <b>bd</b> for each of the last business days. Every reminder must "
                               "be acknowledged; one not acknowledged by the next business day goes to the case's "
                               "supervisor. The standard ladder is %1.")
                                .arg(core::deadlines::ReminderLadder::standard().text()),
                            this);
    hint->setWordWrap(true);
    makeSecondary(hint);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("reminderLadderPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::RichText);
    m_message = messageLabel(this);
    QFormLayout* fields = form::formLayout(nullptr);
    fields->addRow(tr("&Ladder:"), m_ladder);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading(this, tr("When limitation reminders fall due")));
    layout->addWidget(hint);
    layout->addLayout(fields);
    layout->addWidget(m_preview);
    layout->addWidget(m_message);
    layout->addWidget(buttons(this, tr("&Save ladder")));
    setMinimumWidth(560);
    connect(m_ladder, &QLineEdit::textChanged, this, &ReminderLadderDialog::updatePreview);
    updatePreview();
}

ReminderLadderDialog::~ReminderLadderDialog() = default;

void ReminderLadderDialog::updatePreview()
{
    auto parsed = core::deadlines::ReminderLadder::parse(m_ladder->text());
    if (!parsed) {
        m_preview->setText(tr("<i>Not a ladder yet.</i>"));
        showMessage(m_message, parsed.error().message);
        return;
    }
    showMessage(m_message, QString());
    QStringList dates;
    for (const auto& [rung, due] : parsed->rungsFor(m_example, core::Region::EnglandWales)) {
        dates << tr("%1 (%2)").arg(ukDate(due), rung.toHtmlEscaped());
    }
    m_preview->setText(tr("Reminders %1.<br>For a safe date of <b>%2</b>: %3.")
                           .arg(parsed->describe().toHtmlEscaped(), ukDate(m_example),
                                dates.join(QStringLiteral(", "))));
}

void ReminderLadderDialog::accept()
{
    auto parsed = core::deadlines::ReminderLadder::parse(m_ladder->text());
    QString problem;
    if (!parsed) {
        problem = parsed.error().message;
    } else if (m_submit) {
        problem = m_submit(*parsed);
    }
    showMessage(m_message, problem);
    if (problem.isEmpty()) {
        QDialog::accept();
    }
}

}  // namespace claimdesk::ui
