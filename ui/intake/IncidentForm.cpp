#include "ui/intake/IncidentForm.h"

#include "ui/common/Typography.h"
#include "ui/intake/ConflictHints.h"
#include "ui/intake/SafetyPage.h"
#include "ui_IncidentForm.h"

#include <QCheckBox>
#include <QJsonArray>

namespace claimdesk::ui {

namespace {
// Stable identifiers stored with the case (the demo and import use the same words).
struct AbuseKind {
    const char* id;
    QCheckBox* Ui::IncidentForm::*box;
};
constexpr AbuseKind kKinds[] = {
    {"sexual", &Ui::IncidentForm::sexualCheckBox},
    {"physical", &Ui::IncidentForm::physicalCheckBox},
    {"emotional", &Ui::IncidentForm::emotionalCheckBox},
    {"exploitation", &Ui::IncidentForm::exploitationCheckBox},
    {"online", &Ui::IncidentForm::onlineCheckBox},
    {"neglect", &Ui::IncidentForm::neglectCheckBox},
};
}  // namespace

IncidentForm::IncidentForm(core::ConflictService* conflicts, QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::IncidentForm>())
{
    m_ui->setupUi(this);
    const QDate today = QDate::currentDate();
    for (DateField* field : {m_ui->startDateField, m_ui->endDateField}) {
        field->setEntry(DateEntry::PartialAllowed);
        field->setLatest(today, tr("This is in the future: check the year."));
        connect(field, &DateField::changed, this, &IncidentForm::datesChanged);
    }
    m_ui->startDateField->setPlaceholderText(tr("e.g. about 1998"));
    m_ui->endDateField->setPlaceholderText(tr("Empty if just once"));
    m_ui->regionComboBox->addItem(tr("England & Wales"), core::regionId(core::Region::EnglandWales));
    m_ui->regionComboBox->addItem(tr("Scotland"), core::regionId(core::Region::Scotland));
    m_ui->regionComboBox->addItem(tr("Northern Ireland"), core::regionId(core::Region::NorthernIreland));
    m_ui->incidentConflictHints->setService(conflicts);
    connect(m_ui->perpetratorsPlainTextEdit, &QPlainTextEdit::textChanged, this, &IncidentForm::namesChanged);
    connect(m_ui->institutionsPlainTextEdit, &QPlainTextEdit::textChanged, this, &IncidentForm::namesChanged);
    for (auto* edit : findChildren<QLineEdit*>()) {
        connect(edit, &QLineEdit::textChanged, this, &IncidentForm::changed);
    }
    for (auto* edit : findChildren<QPlainTextEdit*>()) {
        connect(edit, &QPlainTextEdit::textChanged, this, &IncidentForm::changed);
    }
    for (auto* box : findChildren<QCheckBox*>()) {
        connect(box, &QCheckBox::toggled, this, &IncidentForm::changed);
    }
    connect(m_ui->regionComboBox, &QComboBox::currentIndexChanged, this, &IncidentForm::changed);
    connect(this, &IncidentForm::changed, this, &IncidentForm::updateStartNeeded);
}

void IncidentForm::updateStartNeeded()
{
    // Only once something else is entered: an untouched incident is simply left out.
    m_ui->startDateField->setMissingProblem(isEmpty() ? QString()
                                                      : tr("When did it start? A year, or “about 1998”, is enough."));
}

IncidentForm::~IncidentForm() = default;

ConflictHints* IncidentForm::conflictHints() const
{
    return m_ui->incidentConflictHints;
}

void IncidentForm::datesChanged()
{
    const TypedDate start = parseTypedDate(m_ui->startDateField->text(), DateEntry::PartialAllowed);
    const TypedDate end = parseTypedDate(m_ui->endDateField->text(), DateEntry::PartialAllowed);
    QString problem;
    if (start.isValid() && end.isValid()) {
        core::Incident probe;
        probe.start = start.date;
        probe.startPrecision = start.precision;
        probe.end = end.date;
        probe.endPrecision = end.precision;
        if (probe.latestEnd() < probe.earliestStart()) {
            problem = tr("This is before it started (%1).").arg(formatUkDate(start.date, start.precision));
        }
    }
    m_ui->endDateField->setCrossCheckProblem(problem);
}

void IncidentForm::namesChanged()
{
    m_ui->incidentConflictHints->setNames(perpetrators() + institutions());
}

QStringList IncidentForm::perpetrators() const
{
    return linesOf(m_ui->perpetratorsPlainTextEdit->toPlainText());
}

QStringList IncidentForm::institutions() const
{
    return linesOf(m_ui->institutionsPlainTextEdit->toPlainText());
}

bool IncidentForm::askLater() const
{
    return m_ui->askLaterCheckBox->isChecked();
}

bool IncidentForm::isEmpty() const
{
    for (const AbuseKind& kind : kKinds) {
        if ((m_ui.get()->*kind.box)->isChecked()) {
            return false;
        }
    }
    return m_ui->startDateField->text().trimmed().isEmpty() && m_ui->endDateField->text().trimmed().isEmpty()
           && m_ui->placeLineEdit->text().trimmed().isEmpty() && m_ui->otherAbuseLineEdit->text().trimmed().isEmpty()
           && perpetrators().isEmpty() && institutions().isEmpty() && !askLater();
}

bool IncidentForm::isAcceptable() const
{
    if (!m_ui->startDateField->isAcceptable() || !m_ui->endDateField->isAcceptable()) {
        return false;
    }
    return isEmpty() || m_ui->startDateField->value().isValid();  // the start is needed once anything is entered
}

core::Incident IncidentForm::incident() const
{
    core::Incident i;
    if (const TypedDate start = m_ui->startDateField->value(); start.isValid()) {
        i.start = start.date;
        i.startPrecision = start.precision;
    }
    if (const TypedDate end = m_ui->endDateField->value(); end.isValid()) {
        i.end = end.date;
        i.endPrecision = end.precision;
    }
    i.region = core::regionFromText(m_ui->regionComboBox->currentData().toString()).value_or(core::Region::EnglandWales);
    i.location = m_ui->placeLineEdit->text().simplified();
    for (const AbuseKind& kind : kKinds) {
        if ((m_ui.get()->*kind.box)->isChecked()) {
            i.abuseTypes << QString::fromLatin1(kind.id);
        }
    }
    if (const QString other = m_ui->otherAbuseLineEdit->text().simplified(); !other.isEmpty()) {
        i.abuseTypes << other;
    }
    i.perpetrators = perpetrators();
    i.institutions = institutions();
    return i;
}

QString IncidentForm::shortLabel() const
{
    const TypedDate start = m_ui->startDateField->value();
    if (!start.isValid()) {
        return {};
    }
    const TypedDate end = m_ui->endDateField->value();
    if (end.isValid()) {
        return tr("%1 to %2").arg(formatUkDate(start.date, start.precision), formatUkDate(end.date, end.precision));
    }
    return formatUkDate(start.date, start.precision);
}

QJsonObject IncidentForm::saveDraft() const
{
    QJsonArray kinds;
    for (const AbuseKind& kind : kKinds) {
        if ((m_ui.get()->*kind.box)->isChecked()) {
            kinds.append(QString::fromLatin1(kind.id));
        }
    }
    return {
        {QStringLiteral("start"), m_ui->startDateField->text()},
        {QStringLiteral("end"), m_ui->endDateField->text()},
        {QStringLiteral("region"), m_ui->regionComboBox->currentData().toString()},
        {QStringLiteral("place"), m_ui->placeLineEdit->text()},
        {QStringLiteral("kinds"), kinds},
        {QStringLiteral("otherKind"), m_ui->otherAbuseLineEdit->text()},
        {QStringLiteral("perpetrators"), m_ui->perpetratorsPlainTextEdit->toPlainText()},
        {QStringLiteral("institutions"), m_ui->institutionsPlainTextEdit->toPlainText()},
        {QStringLiteral("askLater"), m_ui->askLaterCheckBox->isChecked()},
    };
}

void IncidentForm::restoreDraft(const QJsonObject& data)
{
    m_ui->startDateField->setText(data.value(QStringLiteral("start")).toString());
    m_ui->endDateField->setText(data.value(QStringLiteral("end")).toString());
    const int region = m_ui->regionComboBox->findData(data.value(QStringLiteral("region")).toString());
    m_ui->regionComboBox->setCurrentIndex(region < 0 ? 0 : region);
    m_ui->placeLineEdit->setText(data.value(QStringLiteral("place")).toString());
    const QJsonArray kinds = data.value(QStringLiteral("kinds")).toArray();
    for (const AbuseKind& kind : kKinds) {
        (m_ui.get()->*kind.box)->setChecked(kinds.contains(QString::fromLatin1(kind.id)));
    }
    m_ui->otherAbuseLineEdit->setText(data.value(QStringLiteral("otherKind")).toString());
    m_ui->perpetratorsPlainTextEdit->setPlainText(data.value(QStringLiteral("perpetrators")).toString());
    m_ui->institutionsPlainTextEdit->setPlainText(data.value(QStringLiteral("institutions")).toString());
    m_ui->askLaterCheckBox->setChecked(data.value(QStringLiteral("askLater")).toBool());
}

}  // namespace claimdesk::ui
