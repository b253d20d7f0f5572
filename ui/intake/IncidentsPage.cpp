#include "ui/intake/IncidentsPage.h"

#include "ui/common/Typography.h"
#include "ui/intake/IncidentForm.h"
#include "ui_IncidentsPage.h"

#include <QJsonArray>
#include <QPushButton>
#include <QScrollArea>
#include <QTabBar>

namespace claimdesk::ui {

IncidentsPage::IncidentsPage(core::ConflictService* conflicts, QWidget* parent)
    : IntakePage(parent), m_ui(std::make_unique<Ui::IncidentsPage>()), m_conflicts(conflicts)
{
    m_ui->setupUi(this);
    setSubTitle(tr("When, where, what kind and who: an outline is enough."));
    makeSecondary(m_ui->introLabel);
    makeSecondary(m_ui->accountIntroLabel);

    connect(m_ui->addIncidentButton, &QPushButton::clicked, this, [this] {
        IncidentForm* form = addIncident();
        m_ui->incidentsTabWidget->setCurrentIndex(m_ui->incidentsTabWidget->count() - 1);
        form->setFocus();
        emit edited();
    });
    connect(m_ui->removeIncidentButton, &QPushButton::clicked, this, &IncidentsPage::removeCurrentIncident);
    // The account stays folded away unless the client wants to give it: no pressure, and room for the incidents.
    connect(m_ui->recordAccountButton, &QPushButton::toggled, this, &IncidentsPage::updateAccount);
    connect(m_ui->accountAskLaterCheckBox, &QCheckBox::toggled, this, &IncidentsPage::updateAccount);
    updateAccount();
    addIncident();
    watchEdits(this);
}

IncidentsPage::~IncidentsPage() = default;

IncidentForm* IncidentsPage::addIncident()
{
    auto* form = new IncidentForm(m_conflicts);
    form->setObjectName(QStringLiteral("incidentForm%1").arg(++m_formsMade));
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(form);
    m_ui->incidentsTabWidget->addTab(scroll, QString());
    connect(form, &IncidentForm::changed, this, [this] {
        renumber();
        emit completeChanged();
    });
    watchEdits(form);
    renumber();
    emit completeChanged();
    return form;
}

void IncidentsPage::updateAccount()
{
    const bool hasText = !m_ui->accountPlainTextEdit->toPlainText().trimmed().isEmpty();
    if (hasText && !m_ui->recordAccountButton->isChecked()) {
        m_ui->recordAccountButton->setChecked(true);  // never hide what was typed
        return;
    }
    const bool recording = m_ui->recordAccountButton->isChecked();
    m_ui->accountPlainTextEdit->setVisible(recording);
    m_ui->accountAskLaterCheckBox->setEnabled(!recording || !hasText);
    m_ui->recordAccountButton->setEnabled(!m_ui->accountAskLaterCheckBox->isChecked() || hasText);
    if (recording && !hasText && m_ui->accountPlainTextEdit->isVisibleTo(this)) {
        m_ui->accountPlainTextEdit->setFocus();
    }
}

int IncidentsPage::incidentCount() const
{
    return m_ui->incidentsTabWidget->count();
}

IncidentForm* IncidentsPage::incidentForm(int index) const
{
    auto* scroll = qobject_cast<QScrollArea*>(m_ui->incidentsTabWidget->widget(index));
    return scroll != nullptr ? qobject_cast<IncidentForm*>(scroll->widget()) : nullptr;
}

void IncidentsPage::removeCurrentIncident()
{
    const int index = m_ui->incidentsTabWidget->currentIndex();
    if (index < 0) {
        return;
    }
    // Removing the only incident just empties it: the page always offers one to fill in.
    QWidget* page = m_ui->incidentsTabWidget->widget(index);
    m_ui->incidentsTabWidget->removeTab(index);
    page->setParent(nullptr);  // gone from the page at once; deleted once its signals are done
    page->deleteLater();
    if (m_ui->incidentsTabWidget->count() == 0) {
        addIncident();
    }
    renumber();
    emit completeChanged();
    emit edited();
}

void IncidentsPage::renumber()
{
    QTabWidget* tabs = m_ui->incidentsTabWidget;
    for (int i = 0; i < tabs->count(); ++i) {
        IncidentForm* form = incidentForm(i);
        const QString when = form != nullptr ? form->shortLabel() : QString();
        tabs->setTabText(i, when.isEmpty() ? tr("Incident %1").arg(i + 1) : tr("Incident %1: %2").arg(i + 1).arg(when));
    }
    m_ui->removeIncidentButton->setEnabled(tabs->count() > 1);
}

bool IncidentsPage::isComplete() const
{
    for (int i = 0; i < incidentCount(); ++i) {
        if (!incidentForm(i)->isAcceptable()) {
            return false;
        }
    }
    return true;
}

QJsonObject IncidentsPage::saveDraft() const
{
    QJsonArray list;
    for (int i = 0; i < incidentCount(); ++i) {
        list.append(incidentForm(i)->saveDraft());
    }
    return {
        {QStringLiteral("list"), list},
        {QStringLiteral("current"), m_ui->incidentsTabWidget->currentIndex()},
        {QStringLiteral("account"), m_ui->accountPlainTextEdit->toPlainText()},
        {QStringLiteral("accountAskLater"), m_ui->accountAskLaterCheckBox->isChecked()},
        {QStringLiteral("accountOpen"), m_ui->recordAccountButton->isChecked()},
    };
}

void IncidentsPage::restoreDraft(const QJsonObject& data)
{
    const QJsonArray list = data.value(QStringLiteral("list")).toArray();
    while (m_ui->incidentsTabWidget->count() > 0) {
        QWidget* page = m_ui->incidentsTabWidget->widget(0);
        m_ui->incidentsTabWidget->removeTab(0);
        page->setParent(nullptr);
        page->deleteLater();
    }
    m_formsMade = 0;
    for (const QJsonValue& value : list) {
        addIncident()->restoreDraft(value.toObject());
    }
    if (m_ui->incidentsTabWidget->count() == 0) {
        addIncident();
    }
    m_ui->incidentsTabWidget->setCurrentIndex(data.value(QStringLiteral("current")).toInt());
    m_ui->accountPlainTextEdit->setPlainText(data.value(QStringLiteral("account")).toString());
    m_ui->accountAskLaterCheckBox->setChecked(data.value(QStringLiteral("accountAskLater")).toBool());
    m_ui->recordAccountButton->setChecked(data.value(QStringLiteral("accountOpen")).toBool());
    updateAccount();
    renumber();
}

void IncidentsPage::apply(IntakeResult& result) const
{
    core::NewCase& c = result.newCase;
    QStringList abusers;
    QStringList institutions;
    int number = 0;
    for (int i = 0; i < incidentCount(); ++i) {
        const IncidentForm* form = incidentForm(i);
        if (form->isEmpty()) {
            continue;
        }
        ++number;
        c.incidents.push_back(form->incident());
        for (const QString& name : form->perpetrators()) {
            if (!abusers.contains(name, Qt::CaseInsensitive)) {
                abusers << name;
            }
        }
        for (const QString& name : form->institutions()) {
            if (!institutions.contains(name, Qt::CaseInsensitive)) {
                institutions << name;
            }
        }
        if (form->askLater()) {
            c.askLater << tr("incident %1: what kind of abuse, and who").arg(number);
        }
    }
    for (const QString& name : std::as_const(abusers)) {
        c.parties.push_back({core::Party{0, core::PartyKind::Person, name, {}}, core::PartyRole::Abuser});
    }
    for (const QString& name : std::as_const(institutions)) {
        c.parties.push_back({core::Party{0, core::PartyKind::Organisation, name, {}}, core::PartyRole::Institution});
    }
    // Whatever was typed is kept, even if the client then chose to stop and finish it later.
    c.account = m_ui->accountPlainTextEdit->toPlainText().trimmed();
    if (m_ui->accountAskLaterCheckBox->isChecked()) {
        c.askLater << tr("the client's account, in their own words");
    }
}

}  // namespace claimdesk::ui
