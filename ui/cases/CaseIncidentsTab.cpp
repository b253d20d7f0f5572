#include "ui/cases/CaseIncidentsTab.h"

#include "ui/cases/CaseText.h"
#include "ui/cases/DateInput.h"
#include "ui/common/Typography.h"

#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace claimdesk::ui {

namespace {
enum Column { When, Age, Types, Region, Who, Police, ColumnCount };

QComboBox* precisionCombo(QWidget* parent, const QString& objectName)
{
    auto* combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    for (core::DatePrecision p : kAllPrecisions) {
        combo->addItem(precisionName(p), static_cast<int>(p));
    }
    return combo;
}

QWidget* row(QWidget* parent, std::initializer_list<QWidget*> widgets)
{
    auto* w = new QWidget(parent);
    auto* layout = new QHBoxLayout(w);
    layout->setContentsMargins(0, 0, 0, 0);
    bool first = true;
    for (QWidget* widget : widgets) {
        widget->setParent(w);
        layout->addWidget(widget, first ? 1 : 0);
        first = false;
    }
    return w;
}
}  // namespace

CaseIncidentsTab::CaseIncidentsTab(QWidget* parent) : TableSection(parent)
{
    setObjectName(QStringLiteral("incidentsTab"));
    setUpTable(QStringLiteral("incidentsTable"),
               {tr("When"), tr("Age then"), tr("What happened"), tr("Region"), tr("Who"), tr("Police")},
               tr("&Add incident"), QStringLiteral("addIncidentButton"), tr("&Remove incident"),
               QStringLiteral("removeIncidentButton"));
    m_table->setColumnWidth(When, 190);
    m_table->setColumnWidth(Age, 80);
    m_table->setColumnWidth(Types, 200);
    m_table->setColumnWidth(Region, 130);
    m_table->setColumnWidth(Who, 240);

    m_form = new QWidget(this);
    auto* whenBox = new QGroupBox(tr("When and where"), m_form);
    auto* whoBox = new QGroupBox(tr("Who, and the police"), m_form);
    m_startEdit = form::line(whenBox, QStringLiteral("incidentStartEdit"), 40);
    m_startPrecision = precisionCombo(whenBox, QStringLiteral("incidentStartPrecisionComboBox"));
    QLabel* startHint = form::hint(whenBox);
    startHint->setObjectName(QStringLiteral("incidentStartHintLabel"));
    m_start = new DateInput(m_startEdit, startHint, {true, true, true}, this);
    m_endEdit = form::line(whenBox, QStringLiteral("incidentEndEdit"), 40);
    m_endEdit->setToolTip(tr("Leave empty for a single incident"));
    m_endPrecision = precisionCombo(whenBox, QStringLiteral("incidentEndPrecisionComboBox"));
    QLabel* endHint = form::hint(whenBox);
    endHint->setObjectName(QStringLiteral("incidentEndHintLabel"));
    m_end = new DateInput(m_endEdit, endHint, {true, true, false}, this);
    m_end->setCrossCheck([this](const ParsedDate& end) {
        const auto start = m_start->value();
        if (!start) {
            return QString();
        }
        core::Incident probe;
        probe.start = start->date;
        probe.startPrecision = static_cast<core::DatePrecision>(m_startPrecision->currentData().toInt());
        probe.end = end.date;
        probe.endPrecision = static_cast<core::DatePrecision>(m_endPrecision->currentData().toInt());
        return probe.latestEnd() < probe.earliestStart()
                   ? tr("The end (%1) is before the start (%2).")
                         .arg(ukDate(end.date, probe.endPrecision), ukDate(start->date, probe.startPrecision))
                   : QString();
    });
    m_age = new QLabel(whenBox);
    m_age->setObjectName(QStringLiteral("incidentAgeLabel"));
    makeSecondary(m_age);
    m_location = form::line(whenBox, QStringLiteral("incidentLocationEdit"));
    m_region = new QComboBox(whenBox);
    m_region->setObjectName(QStringLiteral("incidentRegionComboBox"));
    for (core::Region r : kAllRegions) {
        m_region->addItem(regionName(r), static_cast<int>(r));
    }
    m_types = form::line(whenBox, QStringLiteral("incidentTypesEdit"));
    m_types->setPlaceholderText(tr("Kinds of abuse, separated by commas"));
    QFormLayout* when = form::formLayout(whenBox);
    when->addRow(tr("&Started:"), form::withHint(row(whenBox, {m_startEdit, m_startPrecision}), startHint));
    when->addRow(tr("&Ended:"), form::withHint(row(whenBox, {m_endEdit, m_endPrecision}), endHint));
    when->addRow(tr("Age at the time:"), m_age);
    when->addRow(tr("&Kind:"), m_types);
    when->addRow(tr("&Location:"), m_location);
    when->addRow(tr("Re&gion:"), m_region);

    m_perpetrators = form::line(whoBox, QStringLiteral("incidentPerpetratorsEdit"));
    m_perpetrators->setPlaceholderText(tr("Names, separated by commas"));
    m_institutions = form::line(whoBox, QStringLiteral("incidentInstitutionsEdit"));
    m_institutions->setPlaceholderText(tr("Schools, homes, clubs… separated by commas"));
    m_reported = new QCheckBox(tr("Reported to the police"), whoBox);
    m_reported->setObjectName(QStringLiteral("reportedToPoliceCheckBox"));
    m_policeDateEdit = form::line(whoBox, QStringLiteral("policeReportDateEdit"), 40);
    QLabel* policeHint = form::hint(whoBox);
    m_policeDate = new DateInput(m_policeDateEdit, policeHint, {false, true, false}, this);
    m_force = form::line(whoBox, QStringLiteral("policeForceEdit"));
    m_crimeReference = form::line(whoBox, QStringLiteral("crimeReferenceEdit"), 60);
    m_prosecution = form::line(whoBox, QStringLiteral("prosecutionStatusEdit"));
    m_prosecution->setPlaceholderText(tr("e.g. convicted 2019, no further action…"));
    QFormLayout* who = form::formLayout(whoBox);
    who->addRow(tr("&Perpetrators:"), m_perpetrators);
    who->addRow(tr("&Institutions:"), m_institutions);
    who->addRow(QString(), m_reported);
    who->addRow(tr("Reported &on:"), form::withHint(m_policeDateEdit, policeHint));
    who->addRow(tr("&Force:"), m_force);
    who->addRow(tr("Crime &reference:"), m_crimeReference);
    who->addRow(tr("Prosecution:"), m_prosecution);

    auto* formLayout = new QHBoxLayout(m_form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->setSpacing(12);
    formLayout->addWidget(whenBox, 1);
    formLayout->addWidget(whoBox, 1);

    m_empty = new QLabel(tr("No incidents recorded yet. Add one when the client is ready to say when and where; a "
                            "year is enough."),
                         this);
    m_empty->setWordWrap(true);
    makeSecondary(m_empty);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_table, 1);
    topLayout->addWidget(m_empty);
    topLayout->addLayout(buttons);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_form);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(top);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(splitter);

    auto changed = [this] { formEdited(); };
    for (QLineEdit* edit : {m_types, m_location, m_perpetrators, m_institutions, m_force, m_crimeReference,
                            m_prosecution}) {
        connect(edit, &QLineEdit::textEdited, this, changed);
    }
    connect(m_start, &DateInput::edited, this, [this, changed] {
        // The precision follows what was typed ("1994" is a year), unless it was marked approximate.
        if (const auto parsed = m_start->value();
            parsed && static_cast<core::DatePrecision>(m_startPrecision->currentData().toInt())
                          != core::DatePrecision::Approximate) {
            m_startPrecision->setCurrentIndex(m_startPrecision->findData(static_cast<int>(parsed->precision)));
        }
        m_end->revalidate();
        changed();
        updateAge();
    });
    connect(m_end, &DateInput::edited, this, [this, changed] {
        if (const auto parsed = m_end->value();
            parsed && static_cast<core::DatePrecision>(m_endPrecision->currentData().toInt())
                          != core::DatePrecision::Approximate) {
            m_endPrecision->setCurrentIndex(m_endPrecision->findData(static_cast<int>(parsed->precision)));
        }
        changed();
    });
    connect(m_policeDate, &DateInput::edited, this, changed);
    for (QComboBox* combo : {m_startPrecision, m_endPrecision, m_region}) {
        connect(combo, &QComboBox::activated, this, [this, changed] {
            m_end->revalidate();
            changed();
            updateAge();
        });
    }
    connect(m_reported, &QCheckBox::toggled, this, changed);
    select(-1);
}

CaseIncidentsTab::~CaseIncidentsTab() = default;

void CaseIncidentsTab::load(const core::CaseRecord& record)
{
    m_drafts.clear();
    for (const core::Incident& i : record.incidents) {
        m_drafts.push_back({i, ukDate(i.start, i.startPrecision), ukDate(i.end, i.endPrecision), ukDate(i.policeReportDate)});
    }
    m_dateOfBirth = record.client.dateOfBirth;
    reloadRows();
}

core::Incident CaseIncidentsTab::resolved(const Draft& draft) const
{
    core::Incident i = draft.incident;
    const DateParse start = parseUkDate(draft.startText, true);
    const DateParse end = parseUkDate(draft.endText, true);
    const DateParse police = parseUkDate(draft.policeDateText, false);
    i.start = start.value ? start.value->date : QDate();
    i.end = end.value ? end.value->date : QDate();
    i.policeReportDate = police.value ? police.value->date : QDate();
    return i;
}

void CaseIncidentsTab::apply(core::CaseRecord& record) const
{
    record.incidents.clear();
    for (const Draft& d : m_drafts) {
        record.incidents.push_back(resolved(d));
    }
}

QStringList CaseIncidentsTab::problemsOf(const Draft& draft) const
{
    QStringList out;
    const DateParse start = parseUkDate(draft.startText, true);
    const DateParse end = parseUkDate(draft.endText, true);
    const DateParse police = parseUkDate(draft.policeDateText, false);
    const QDate today = DateInput::today();
    if (!start.value) {
        out << (start.problem.isEmpty() ? tr("enter when it started (a year is enough)") : start.problem);
    } else if (start.value->date > today) {
        out << tr("it starts in the future");
    }
    if (!end.value && !end.problem.isEmpty()) {
        out << end.problem;
    }
    if (!police.value && !police.problem.isEmpty()) {
        out << police.problem;
    }
    if (start.value && end.value) {
        const core::Incident i = resolved(draft);
        if (i.latestEnd() < i.earliestStart()) {
            out << tr("it ends before it starts");
        }
    }
    if (start.value && m_dateOfBirth.isValid() && resolved(draft).latestEnd() < m_dateOfBirth) {
        out << tr("it is dated before the client was born");
    }
    return out;
}

QStringList CaseIncidentsTab::problems() const
{
    QStringList out;
    for (std::size_t n = 0; n < m_drafts.size(); ++n) {
        const QStringList p = problemsOf(m_drafts[n]);
        if (!p.isEmpty()) {
            out << tr("Incident %1: %2.").arg(n + 1).arg(p.join(QStringLiteral("; ")));
        }
    }
    return out;
}

void CaseIncidentsTab::setDateOfBirth(const QDate& dateOfBirth)
{
    m_dateOfBirth = dateOfBirth;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        refreshRow(r);
    }
    updateAge();
}

QWidget* CaseIncidentsTab::firstField() const
{
    return m_startEdit;
}

void CaseIncidentsTab::showItem()
{
    const Draft blank;
    const Draft& d = hasCurrent() ? m_drafts[static_cast<std::size_t>(m_current)] : blank;
    const core::Incident& i = d.incident;
    m_start->setText(d.startText);
    m_startPrecision->setCurrentIndex(m_startPrecision->findData(static_cast<int>(i.startPrecision)));
    m_end->setText(d.endText);
    m_endPrecision->setCurrentIndex(m_endPrecision->findData(static_cast<int>(i.endPrecision)));
    m_end->revalidate();
    m_types->setText(form::joinList(i.abuseTypes));
    m_location->setText(i.location);
    m_region->setCurrentIndex(m_region->findData(static_cast<int>(i.region)));
    m_perpetrators->setText(form::joinList(i.perpetrators));
    m_institutions->setText(form::joinList(i.institutions));
    m_reported->setChecked(i.reportedToPolice);
    m_policeDate->setText(d.policeDateText);
    m_force->setText(i.policeForce);
    m_crimeReference->setText(i.crimeReference);
    m_prosecution->setText(i.prosecutionStatus);
    updateAge();
}

void CaseIncidentsTab::storeForm()
{
    if (!hasCurrent()) {
        return;
    }
    Draft& d = m_drafts[static_cast<std::size_t>(m_current)];
    core::Incident& i = d.incident;
    d.startText = m_start->text();
    d.endText = m_end->text();
    d.policeDateText = m_policeDate->text();
    i.startPrecision = static_cast<core::DatePrecision>(m_startPrecision->currentData().toInt());
    i.endPrecision = static_cast<core::DatePrecision>(m_endPrecision->currentData().toInt());
    i.abuseTypes = form::splitList(m_types->text());
    i.location = m_location->text().trimmed();
    i.region = static_cast<core::Region>(m_region->currentData().toInt());
    i.perpetrators = form::splitList(m_perpetrators->text());
    i.institutions = form::splitList(m_institutions->text());
    i.reportedToPolice = m_reported->isChecked();
    i.policeForce = m_force->text().trimmed();
    i.crimeReference = m_crimeReference->text().trimmed();
    i.prosecutionStatus = m_prosecution->text().trimmed();
}

QStringList CaseIncidentsTab::cells(int r) const
{
    const Draft& d = m_drafts[static_cast<std::size_t>(r)];
    const core::Incident i = resolved(d);
    QString when = i.start.isValid() ? ukDate(i.start, i.startPrecision) : d.startText;
    if (i.end.isValid()) {
        when = tr("%1 to %2").arg(when, ukDate(i.end, i.endPrecision));
    }
    const int age = i.ageAtStart(m_dateOfBirth);
    QStringList who = i.perpetrators;
    who << i.institutions;
    return {when,
            age >= 0 ? QString::number(age) : QStringLiteral("—"),
            form::joinList(i.abuseTypes),
            regionName(i.region),
            form::joinList(who),
            i.reportedToPolice ? (i.policeForce.isEmpty() ? tr("Reported") : i.policeForce) : tr("Not reported")};
}

void CaseIncidentsTab::decorateRow(int r)
{
    const QStringList problems = problemsOf(m_drafts[static_cast<std::size_t>(r)]);
    QTableWidgetItem* when = m_table->item(r, When);
    if (!problems.isEmpty()) {
        when->setForeground(QColor(0xa1, 0x1d, 0x12));
        when->setToolTip(problems.join(QLatin1Char('\n')));
    } else {
        when->setData(Qt::ForegroundRole, QVariant());
        when->setToolTip(QString());
    }
}

void CaseIncidentsTab::updateAge()
{
    if (!hasCurrent()) {
        m_age->clear();
        return;
    }
    const int age = resolved(m_drafts[static_cast<std::size_t>(m_current)]).ageAtStart(m_dateOfBirth);
    if (age >= 0) {
        m_age->setText(tr("%1 (worked out from the start and the date of birth)").arg(age));
    } else {
        m_age->setText(m_dateOfBirth.isValid() ? tr("— (enter when it started)") : tr("— (no date of birth yet)"));
    }
}

}  // namespace claimdesk::ui
