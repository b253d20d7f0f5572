#include "ui/cases/CaseOverviewTab.h"

#include "ui/cases/CaseText.h"
#include "ui/cases/DateInput.h"
#include "ui/common/Typography.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QVBoxLayout>

namespace claimdesk::ui {

CaseOverviewTab::CaseOverviewTab(bool isSupervisor, const StaffNames& staff, QWidget* parent)
    : CaseSection(parent), m_isSupervisor(isSupervisor), m_staff(staff)
{
    setObjectName(QStringLiteral("overviewTab"));
    auto* content = new QWidget;
    auto* caseBox = new QGroupBox(tr("The case"), content);
    auto* moneyBox = new QGroupBox(tr("Dates and money"), content);
    auto* factsBox = new QGroupBox(tr("Recorded so far"), content);

    m_reference = new QLabel(caseBox);
    m_reference->setObjectName(QStringLiteral("referenceLabel"));
    m_reference->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stage = new QComboBox(caseBox);
    m_stage->setObjectName(QStringLiteral("stageComboBox"));
    for (core::Stage stage : kAllStages) {
        m_stage->addItem(stageName(stage), static_cast<int>(stage));
    }
    m_feeEarner = form::line(caseBox, QStringLiteral("feeEarnerEdit"), 64);
    m_feeEarner->setToolTip(tr("The fee earner's username"));
    m_supervisor = form::line(caseBox, QStringLiteral("supervisorEdit"), 64);
    m_supervisor->setToolTip(isSupervisor ? tr("The supervisor's username")
                                          : tr("Only a supervisor can change who supervises a case."));
    m_supervisor->setReadOnly(!isSupervisor);
    m_funding = new QComboBox(caseBox);
    m_funding->setObjectName(QStringLiteral("fundingComboBox"));
    for (core::Funding funding : kAllFunding) {
        m_funding->addItem(fundingName(funding), static_cast<int>(funding));
    }
    m_ateInsurer = form::line(caseBox, QStringLiteral("ateInsurerEdit"));
    auto* limbs = new QWidget(caseBox);
    auto* limbsLayout = new QVBoxLayout(limbs);
    limbsLayout->setContentsMargins(0, 0, 0, 0);
    limbsLayout->setSpacing(2);
    for (core::ClaimLimb limb : kAllLimbs) {
        auto* check = new QCheckBox(limbName(limb), limbs);
        check->setObjectName(QStringLiteral("limbCheckBox_") + core::limbId(limb));
        limbsLayout->addWidget(check);
        m_limbs[limb] = check;
        connect(check, &QCheckBox::toggled, this, &CaseSection::edited);
    }
    m_restricted = new QCheckBox(tr("Restricted: only its fee earner, its supervisor and people named on it can "
                                    "open it"),
                                 caseBox);
    m_restricted->setObjectName(QStringLiteral("restrictedCheckBox"));
    m_restricted->setEnabled(isSupervisor);
    if (!isSupervisor) {
        m_restricted->setToolTip(tr("Only a supervisor can restrict a case or lift a restriction."));
    }

    QFormLayout* caseForm = form::formLayout(caseBox);
    caseForm->addRow(tr("Reference:"), m_reference);
    caseForm->addRow(tr("&Stage:"), m_stage);
    caseForm->addRow(tr("&Fee earner:"), m_feeEarner);
    caseForm->addRow(tr("S&upervisor:"), m_supervisor);
    caseForm->addRow(tr("F&unding:"), m_funding);
    caseForm->addRow(tr("ATE &insurer:"), m_ateInsurer);
    caseForm->addRow(tr("Claim limbs:"), limbs);
    caseForm->addRow(QString(), m_restricted);

    m_openedOn = form::line(moneyBox, QStringLiteral("openedOnEdit"), 40);
    m_closedOn = form::line(moneyBox, QStringLiteral("closedOnEdit"), 40);
    QLabel* openedHint = form::hint(moneyBox);
    QLabel* closedHint = form::hint(moneyBox);
    m_opened = new DateInput(m_openedOn, openedHint, {false, true, true}, this);
    m_closed = new DateInput(m_closedOn, closedHint, {false, false, false}, this);
    m_closed->setCrossCheck([this](const ParsedDate& closed) {
        const QDate opened = m_opened->date();
        return opened.isValid() && closed.date < opened
                   ? tr("The case cannot close (%1) before it opened (%2).").arg(ukDate(closed.date), ukDate(opened))
                   : QString();
    });
    connect(m_opened, &DateInput::edited, m_closed, &DateInput::revalidate);
    m_outcome = form::line(moneyBox, QStringLiteral("outcomeEdit"));
    m_damages = form::line(moneyBox, QStringLiteral("damagesEstimateEdit"), 30);
    m_settlement = form::line(moneyBox, QStringLiteral("settlementEdit"), 30);
    m_damagesHint = form::hint(moneyBox);
    m_settlementHint = form::hint(moneyBox);
    for (QLineEdit* edit : {m_damages, m_settlement}) {
        edit->setPlaceholderText(tr("e.g. £12,500"));
        edit->setAlignment(Qt::AlignRight);
        QLabel* hint = edit == m_damages ? m_damagesHint : m_settlementHint;
        connect(edit, &QLineEdit::textEdited, this, [this, edit, hint] { checkMoney(edit, hint); });
        connect(edit, &QLineEdit::editingFinished, this, [edit] {
            if (const auto pence = parseMoney(edit->text()); pence && !edit->text().trimmed().isEmpty()) {
                edit->setText(money(*pence));
            }
        });
    }
    QFormLayout* moneyForm = form::formLayout(moneyBox);
    moneyForm->addRow(tr("&Opened on:"), form::withHint(m_openedOn, openedHint));
    moneyForm->addRow(tr("&Closed on:"), form::withHint(m_closedOn, closedHint));
    moneyForm->addRow(tr("Out&come:"), m_outcome);
    moneyForm->addRow(tr("&Damages estimate:"), form::withHint(m_damages, m_damagesHint));
    moneyForm->addRow(tr("Se&ttlement:"), form::withHint(m_settlement, m_settlementHint));

    m_facts = new QLabel(factsBox);
    m_facts->setObjectName(QStringLiteral("caseFactsLabel"));
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* factsLayout = new QVBoxLayout(factsBox);
    factsLayout->addWidget(m_facts);

    auto* grid = new QGridLayout(content);
    grid->setContentsMargins(12, 12, 12, 12);
    grid->setSpacing(12);
    grid->addWidget(caseBox, 0, 0);
    grid->addWidget(moneyBox, 0, 1);
    grid->addWidget(factsBox, 1, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(2, 1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    for (QComboBox* combo : {m_stage, m_funding}) {
        connect(combo, &QComboBox::activated, this, &CaseSection::edited);
    }
    connect(m_funding, &QComboBox::currentIndexChanged, this, [this] {
        m_ateInsurer->setEnabled(static_cast<core::Funding>(m_funding->currentData().toInt())
                                 == core::Funding::AteInsured);
    });
    for (QLineEdit* edit : {m_feeEarner, m_supervisor, m_ateInsurer, m_outcome, m_damages, m_settlement}) {
        connect(edit, &QLineEdit::textEdited, this, &CaseSection::edited);
    }
    connect(m_opened, &DateInput::edited, this, &CaseSection::edited);
    connect(m_closed, &DateInput::edited, this, &CaseSection::edited);
    connect(m_restricted, &QCheckBox::toggled, this, &CaseSection::edited);
}

CaseOverviewTab::~CaseOverviewTab() = default;

void CaseOverviewTab::load(const core::CaseRecord& r)
{
    const QSignalBlocker blockRestricted(m_restricted);
    m_reference->setText(r.reference);
    m_stage->setCurrentIndex(m_stage->findData(static_cast<int>(r.stage)));
    m_feeEarner->setText(r.feeEarner);
    m_supervisor->setText(r.supervisor);
    m_funding->setCurrentIndex(m_funding->findData(static_cast<int>(r.funding)));
    m_ateInsurer->setText(r.ateInsurer);
    m_ateInsurer->setEnabled(r.funding == core::Funding::AteInsured);
    for (auto& [limb, check] : m_limbs) {
        const QSignalBlocker block(check);
        check->setChecked(std::find(r.limbs.begin(), r.limbs.end(), limb) != r.limbs.end());
    }
    m_opened->setDate(r.openedOn);
    m_closed->setDate(r.closedOn);
    m_outcome->setText(r.outcome);
    m_damages->setText(r.damagesEstimatePence != 0 ? money(r.damagesEstimatePence) : QString());
    m_settlement->setText(r.settlementPence != 0 ? money(r.settlementPence) : QString());
    checkMoney(m_damages, m_damagesHint);
    checkMoney(m_settlement, m_settlementHint);
    m_restricted->setChecked(r.restricted);
    showFacts(r);
}

void CaseOverviewTab::showFacts(const core::CaseRecord& r)
{
    QStringList lines;
    if (r.updatedAtUtc.isValid()) {
        lines << tr("Last saved by %1 at %2.").arg(m_staff.nameOf(r.updatedBy).toHtmlEscaped(), ukDateTime(r.updatedAtUtc));
    }
    const core::Consent& c = r.consent;
    lines << tr("<b>Consent</b> to use their information for the claim: %1; to be contacted: %2 (recorded by %3, %4).")
                 .arg(c.processingForClaim ? tr("yes") : tr("<b>no</b>"), c.contact ? tr("yes") : tr("<b>no</b>"),
                      m_staff.nameOf(c.recordedBy).toHtmlEscaped(), ukDateTime(c.recordedAtUtc));
    const core::SafeguardingScreen& s = r.safeguarding;
    const auto answers = safeguardingAnswers(s);
    if (answers.empty() && s.askedBy.isEmpty()) {
        lines << tr("<b>Safeguarding screen:</b> not completed yet.");
    } else {
        QStringList rows;
        for (const auto& [question, answer] : answers) {
            rows << tr("%1: %2").arg(question.toHtmlEscaped(), answer.toHtmlEscaped());
        }
        lines << tr("<b>Safeguarding screen</b> (asked by %1, %2):<br>%3")
                     .arg(m_staff.nameOf(s.askedBy).toHtmlEscaped(), ukDateTime(s.askedAtUtc),
                          rows.join(QStringLiteral("<br>")));
    }
    if (!s.skipped.isEmpty()) {
        lines << tr("Questions the client chose to answer later: %1.").arg(s.skipped.join(QStringLiteral("; ")).toHtmlEscaped());
    }
    const core::SafeguardingAction& action = r.safeguardingActionRecord;
    if (!action.isEmpty()) {
        QStringList rows;
        for (const auto& [label, value] : safeguardingActionRows(action)) {
            rows << tr("%1: %2").arg(label.toHtmlEscaped(), value.toHtmlEscaped());
        }
        lines << tr("<b>Safeguarding action recorded</b> by %1, %2:<br>%3")
                     .arg(m_staff.nameOf(action.recordedBy).toHtmlEscaped(), ukDateTime(action.recordedAtUtc),
                          rows.join(QStringLiteral("<br>")));
    } else if (!r.safeguardingAction.isEmpty()) {
        lines << tr("<b>Safeguarding action recorded:</b> %1").arg(r.safeguardingAction.toHtmlEscaped());
    }
    m_facts->setText(lines.join(QStringLiteral("<br><br>")));
}

void CaseOverviewTab::apply(core::CaseRecord& r) const
{
    r.stage = static_cast<core::Stage>(m_stage->currentData().toInt());
    r.feeEarner = m_feeEarner->text().trimmed();
    if (m_isSupervisor) {
        r.supervisor = m_supervisor->text().trimmed();
        r.restricted = m_restricted->isChecked();
    }
    r.funding = static_cast<core::Funding>(m_funding->currentData().toInt());
    r.ateInsurer = m_ateInsurer->text().trimmed();
    r.limbs.clear();
    for (const auto& [limb, check] : m_limbs) {
        if (check->isChecked()) {
            r.limbs.push_back(limb);
        }
    }
    r.openedOn = m_opened->date();
    r.closedOn = m_closed->date();
    r.outcome = m_outcome->text().trimmed();
    r.damagesEstimatePence = parseMoney(m_damages->text()).value_or(0);
    r.settlementPence = parseMoney(m_settlement->text()).value_or(0);
}

QString CaseOverviewTab::moneyProblem(const QLineEdit* edit) const
{
    if (edit->text().trimmed().isEmpty() || parseMoney(edit->text())) {
        return {};
    }
    return tr("Not an amount of money: write it like 12,500 or £12,500.50.");
}

void CaseOverviewTab::checkMoney(QLineEdit* edit, QLabel* hint)
{
    const QString problem = moneyProblem(edit);
    hint->setText(problem);
    hint->setVisible(!problem.isEmpty());
}

QStringList CaseOverviewTab::problems() const
{
    QStringList out;
    if (m_feeEarner->text().trimmed().isEmpty()) {
        out << tr("Enter the fee earner's username.");
    }
    if (const QString p = m_opened->problem(); !p.isEmpty()) {
        out << tr("Opened on: %1").arg(p);
    }
    if (const QString p = m_closed->problem(); !p.isEmpty()) {
        out << tr("Closed on: %1").arg(p);
    }
    if (const QString p = moneyProblem(m_damages); !p.isEmpty()) {
        out << tr("Damages estimate: %1").arg(p);
    }
    if (const QString p = moneyProblem(m_settlement); !p.isEmpty()) {
        out << tr("Settlement: %1").arg(p);
    }
    return out;
}

}  // namespace claimdesk::ui
