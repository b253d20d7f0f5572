#include "ui/intake/PolicePage.h"

#include "ui/common/Typography.h"
#include "ui/intake/DateField.h"
#include "ui_PolicePage.h"

#include <QCompleter>
#include <QJsonArray>

namespace claimdesk::ui {

namespace {
struct LimbBox {
    core::ClaimLimb limb;
    QCheckBox* Ui::PolicePage::*box;
};
constexpr LimbBox kLimbs[] = {
    {core::ClaimLimb::AgainstAbuser, &Ui::PolicePage::abuserLimbCheckBox},
    {core::ClaimLimb::VicariousLiability, &Ui::PolicePage::vicariousLimbCheckBox},
    {core::ClaimLimb::InstitutionalNegligence, &Ui::PolicePage::negligenceLimbCheckBox},
    {core::ClaimLimb::HumanRightsAct, &Ui::PolicePage::humanRightsLimbCheckBox},
    {core::ClaimLimb::Cica, &Ui::PolicePage::cicaLimbCheckBox},
};

// The forces of the UK, for the completer; any other text is kept as typed.
QStringList policeForces()
{
    return {
        QStringLiteral("Avon and Somerset Constabulary"), QStringLiteral("Bedfordshire Police"),
        QStringLiteral("British Transport Police"), QStringLiteral("Cambridgeshire Constabulary"),
        QStringLiteral("Cheshire Constabulary"), QStringLiteral("City of London Police"),
        QStringLiteral("Cleveland Police"), QStringLiteral("Cumbria Constabulary"),
        QStringLiteral("Derbyshire Constabulary"), QStringLiteral("Devon and Cornwall Police"),
        QStringLiteral("Dorset Police"), QStringLiteral("Durham Constabulary"), QStringLiteral("Dyfed-Powys Police"),
        QStringLiteral("Essex Police"), QStringLiteral("Gloucestershire Constabulary"),
        QStringLiteral("Greater Manchester Police"), QStringLiteral("Gwent Police"),
        QStringLiteral("Hampshire and Isle of Wight Constabulary"), QStringLiteral("Hertfordshire Constabulary"),
        QStringLiteral("Humberside Police"), QStringLiteral("Kent Police"), QStringLiteral("Lancashire Constabulary"),
        QStringLiteral("Leicestershire Police"), QStringLiteral("Lincolnshire Police"),
        QStringLiteral("Merseyside Police"), QStringLiteral("Metropolitan Police Service"),
        QStringLiteral("Norfolk Constabulary"), QStringLiteral("North Wales Police"),
        QStringLiteral("North Yorkshire Police"), QStringLiteral("Northamptonshire Police"),
        QStringLiteral("Northumbria Police"), QStringLiteral("Nottinghamshire Police"),
        QStringLiteral("Police Scotland"), QStringLiteral("Police Service of Northern Ireland"),
        QStringLiteral("South Wales Police"), QStringLiteral("South Yorkshire Police"),
        QStringLiteral("Staffordshire Police"), QStringLiteral("Suffolk Constabulary"), QStringLiteral("Surrey Police"),
        QStringLiteral("Sussex Police"), QStringLiteral("Thames Valley Police"), QStringLiteral("Warwickshire Police"),
        QStringLiteral("West Mercia Police"), QStringLiteral("West Midlands Police"),
        QStringLiteral("West Yorkshire Police"), QStringLiteral("Wiltshire Police"),
    };
}
}  // namespace

PolicePage::PolicePage(QWidget* parent) : IntakePage(parent), m_ui(std::make_unique<Ui::PolicePage>())
{
    m_ui->setupUi(this);
    setSubTitle(tr("Whether it was reported, and which claims the client may be interested in."));
    makeSecondary(m_ui->policeNoteLabel);
    makeSecondary(m_ui->claimsIntroLabel);
    m_ui->reportDateField->setEntry(DateEntry::FullDate);
    m_ui->reportDateField->setPlaceholderText(tr("If known"));
    m_ui->reportDateField->setLatest(QDate::currentDate(), tr("This is in the future: check the date."));
    m_ui->policeForceComboBox->addItem(QString());
    m_ui->policeForceComboBox->addItems(policeForces());
    m_ui->policeForceComboBox->setInsertPolicy(QComboBox::NoInsert);
    m_ui->policeForceComboBox->completer()->setFilterMode(Qt::MatchContains);
    m_ui->policeForceComboBox->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_ui->policeForceComboBox->lineEdit()->setPlaceholderText(tr("Type to search, or enter any force"));
    // The stored text is the English phrase (as the demo and import use); people see it translated.
    for (const char* status : {QT_TR_NOOP("Not known"), QT_TR_NOOP("Under investigation"),
                               QT_TR_NOOP("Awaiting a charging decision"), QT_TR_NOOP("No further action"),
                               QT_TR_NOOP("Charged, awaiting trial"), QT_TR_NOOP("Convicted"), QT_TR_NOOP("Acquitted")}) {
        m_ui->prosecutionComboBox->addItem(tr(status), QString::fromLatin1(status));
    }
    for (QAbstractButton* button : {static_cast<QAbstractButton*>(m_ui->reportedYesRadioButton),
                                    static_cast<QAbstractButton*>(m_ui->reportedNoRadioButton),
                                    static_cast<QAbstractButton*>(m_ui->reportedUnknownRadioButton),
                                    static_cast<QAbstractButton*>(m_ui->cicaLimbCheckBox)}) {
        connect(button, &QAbstractButton::toggled, this, &PolicePage::updateEnabled);
    }
    connect(m_ui->cicaAppliedCheckBox, &QAbstractButton::toggled, this, &PolicePage::updateEnabled);
    connect(m_ui->reportDateField, &DateField::changed, this, &QWizardPage::completeChanged);
    watchEdits(this);
    updateEnabled();
}

PolicePage::~PolicePage() = default;

void PolicePage::updateEnabled()
{
    m_ui->policeDetailsWidget->setEnabled(m_ui->reportedYesRadioButton->isChecked());
    m_ui->cicaWidget->setEnabled(m_ui->cicaLimbCheckBox->isChecked());
    m_ui->cicaReferenceLineEdit->setEnabled(m_ui->cicaAppliedCheckBox->isChecked());
}

bool PolicePage::isComplete() const
{
    return !m_ui->reportedYesRadioButton->isChecked() || m_ui->reportDateField->isAcceptable();
}

QJsonObject PolicePage::saveDraft() const
{
    QString reported;
    if (m_ui->reportedYesRadioButton->isChecked()) {
        reported = QStringLiteral("yes");
    } else if (m_ui->reportedNoRadioButton->isChecked()) {
        reported = QStringLiteral("no");
    } else if (m_ui->reportedUnknownRadioButton->isChecked()) {
        reported = QStringLiteral("unknown");
    }
    QJsonArray limbs;
    for (const LimbBox& limb : kLimbs) {
        if ((m_ui.get()->*limb.box)->isChecked()) {
            limbs.append(core::limbId(limb.limb));
        }
    }
    return {
        {QStringLiteral("reported"), reported},
        {QStringLiteral("reportDate"), m_ui->reportDateField->text()},
        {QStringLiteral("force"), m_ui->policeForceComboBox->currentText()},
        {QStringLiteral("crimeReference"), m_ui->crimeReferenceLineEdit->text()},
        {QStringLiteral("prosecution"), m_ui->prosecutionComboBox->currentData().toString()},
        {QStringLiteral("limbs"), limbs},
        {QStringLiteral("cicaApplied"), m_ui->cicaAppliedCheckBox->isChecked()},
        {QStringLiteral("cicaReference"), m_ui->cicaReferenceLineEdit->text()},
    };
}

void PolicePage::restoreDraft(const QJsonObject& data)
{
    const QString reported = data.value(QStringLiteral("reported")).toString();
    m_ui->reportedYesRadioButton->setChecked(reported == QStringLiteral("yes"));
    m_ui->reportedNoRadioButton->setChecked(reported == QStringLiteral("no"));
    m_ui->reportedUnknownRadioButton->setChecked(reported == QStringLiteral("unknown"));
    m_ui->reportDateField->setText(data.value(QStringLiteral("reportDate")).toString());
    m_ui->policeForceComboBox->setCurrentText(data.value(QStringLiteral("force")).toString());
    m_ui->crimeReferenceLineEdit->setText(data.value(QStringLiteral("crimeReference")).toString());
    const QString prosecution = data.value(QStringLiteral("prosecution")).toString();
    int index = m_ui->prosecutionComboBox->findData(prosecution);
    if (index < 0 && !prosecution.isEmpty()) {
        m_ui->prosecutionComboBox->addItem(prosecution, prosecution);
        index = m_ui->prosecutionComboBox->count() - 1;
    }
    m_ui->prosecutionComboBox->setCurrentIndex(index < 0 ? 0 : index);
    const QJsonArray limbs = data.value(QStringLiteral("limbs")).toArray();
    for (const LimbBox& limb : kLimbs) {
        (m_ui.get()->*limb.box)->setChecked(limbs.contains(core::limbId(limb.limb)));
    }
    m_ui->cicaAppliedCheckBox->setChecked(data.value(QStringLiteral("cicaApplied")).toBool());
    m_ui->cicaReferenceLineEdit->setText(data.value(QStringLiteral("cicaReference")).toString());
    updateEnabled();
}

void PolicePage::apply(IntakeResult& result) const
{
    core::NewCase& c = result.newCase;
    if (m_ui->reportedYesRadioButton->isChecked()) {
        const TypedDate date = m_ui->reportDateField->value();
        const QString force = m_ui->policeForceComboBox->currentText().simplified();
        const QString reference = m_ui->crimeReferenceLineEdit->text().simplified();
        QString status = m_ui->prosecutionComboBox->currentData().toString();
        if (status == QStringLiteral("Not known")) {
            status.clear();
        }
        for (core::Incident& incident : c.incidents) {
            incident.reportedToPolice = true;
            incident.policeReportDate = date.isValid() ? date.date : QDate();
            incident.policeForce = force;
            incident.crimeReference = reference;
            incident.prosecutionStatus = status;
        }
        if (c.incidents.empty()) {  // no incident to hold it yet: keep it as a note
            QStringList details;
            if (date.isValid()) {
                details << tr("on %1").arg(formatUkDate(date.date));
            }
            if (!force.isEmpty()) {
                details << tr("to %1").arg(force);
            }
            if (!reference.isEmpty()) {
                details << tr("crime reference %1").arg(reference);
            }
            if (!status.isEmpty()) {
                details << tr("what happened next: %1").arg(status);
            }
            result.notes << (details.isEmpty() ? tr("Intake: reported to the police.")
                                               : tr("Intake: reported to the police (%1).").arg(details.join(QStringLiteral(", "))));
        }
    }
    for (const LimbBox& limb : kLimbs) {
        if ((m_ui.get()->*limb.box)->isChecked()) {
            c.limbs.push_back(limb.limb);
        }
    }
    if (m_ui->cicaLimbCheckBox->isChecked() && m_ui->cicaAppliedCheckBox->isChecked()) {
        const QString reference = m_ui->cicaReferenceLineEdit->text().simplified();
        result.notes << (reference.isEmpty() ? tr("Intake: the client has already applied to CICA.")
                                             : tr("Intake: the client has already applied to CICA (reference %1).").arg(reference));
    }
}

}  // namespace claimdesk::ui
