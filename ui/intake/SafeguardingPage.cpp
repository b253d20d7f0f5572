#include "ui/intake/SafeguardingPage.h"

#include "ui/common/Typography.h"
#include "ui_SafeguardingPage.h"

#include <QButtonGroup>

namespace claimdesk::ui {

// One question: its button group, and the answer each button stands for ("" for "ask later").
struct SafeguardingPage::Question {
    QString key;
    QString askLaterText;  // the follow-up task's wording
    QButtonGroup* group;
    std::vector<std::pair<QAbstractButton*, QString>> answers;

    QString answer() const
    {
        for (const auto& [button, value] : answers) {
            if (button->isChecked()) {
                return value;
            }
        }
        return {};
    }
    void setAnswer(const QString& value) const
    {
        // An exclusive group cannot be emptied by unchecking its checked button: lift exclusivity meanwhile.
        group->setExclusive(false);
        for (const auto& [button, answerValue] : answers) {
            button->setChecked(!value.isEmpty() && answerValue == value);
        }
        group->setExclusive(true);
    }
};

namespace {
const QString kAskLater = QStringLiteral("ask-later");
const QString kYes = QStringLiteral("yes");
const QString kNo = QStringLiteral("no");
const QString kUnknown = QStringLiteral("unknown");

std::optional<bool> yesNo(const QString& answer)
{
    if (answer == kYes) {
        return true;
    }
    if (answer == kNo) {
        return false;
    }
    return std::nullopt;
}
}  // namespace

SafeguardingPage::SafeguardingPage(QWidget* parent) : IntakePage(parent), m_ui(std::make_unique<Ui::SafeguardingPage>())
{
    m_ui->setupUi(this);
    setSubTitle(tr("Gentle questions about safety. Any of them can be asked later."));
    makeSecondary(m_ui->introLabel);
    makeSecondary(m_ui->suicidalHelpLabel);
    makeSubheading(m_ui->seriousRiskTitleLabel);
    m_ui->crisisLabel->setText(
        tr("Please give the client these details:<br><b>Samaritans: call 116 123</b> — free, any time, day or night."
           "<br>If they are in immediate danger, call 999."));
    auto& ui = *m_ui;
    m_questions = {
        {QStringLiteral("suicidalThoughts"), tr("safeguarding: thoughts of ending their life"), ui.suicidalButtonGroup,
         {{ui.suicidalNoneRadioButton, core::suicidalThoughtsId(core::SuicidalThoughts::None)},
          {ui.suicidalPassiveRadioButton, core::suicidalThoughtsId(core::SuicidalThoughts::Passive)},
          {ui.suicidalActiveRadioButton, core::suicidalThoughtsId(core::SuicidalThoughts::Active)},
          {ui.suicidalAskLaterRadioButton, kAskLater}}},
        {QStringLiteral("plan"), tr("safeguarding: a plan to end their life"), ui.planButtonGroup,
         {{ui.planNoRadioButton, kNo}, {ui.planYesRadioButton, kYes}, {ui.planAskLaterRadioButton, kAskLater}}},
        {QStringLiteral("selfHarm"), tr("safeguarding: recent self-harm"), ui.selfHarmButtonGroup,
         {{ui.selfHarmNoRadioButton, kNo}, {ui.selfHarmYesRadioButton, kYes}, {ui.selfHarmAskLaterRadioButton, kAskLater}}},
        {QStringLiteral("currentAbuse"), tr("safeguarding: abuse happening now"), ui.currentAbuseButtonGroup,
         {{ui.currentAbuseNoRadioButton, kNo},
          {ui.currentAbuseYesRadioButton, kYes},
          {ui.currentAbuseAskLaterRadioButton, kAskLater}}},
        {QStringLiteral("abuserHasAccessToChildren"), tr("safeguarding: whether the abuser has access to children"),
         ui.childrenButtonGroup,
         {{ui.childrenNoRadioButton, kNo},
          {ui.childrenYesRadioButton, kYes},
          {ui.childrenUnknownRadioButton, kUnknown},
          {ui.childrenAskLaterRadioButton, kAskLater}}},
        {QStringLiteral("abuserInPositionOfTrust"), tr("safeguarding: whether the abuser is in a position of trust"),
         ui.trustButtonGroup,
         {{ui.trustNoRadioButton, kNo},
          {ui.trustYesRadioButton, kYes},
          {ui.trustUnknownRadioButton, kUnknown},
          {ui.trustAskLaterRadioButton, kAskLater}}},
    };
    for (const Question& question : m_questions) {
        connect(question.group, &QButtonGroup::buttonToggled, this, &SafeguardingPage::updateRisk);
    }
    // The answers line up in the same columns in both boxes.
    for (QGridLayout* grid : {m_ui->clientRiskLayout, m_ui->othersRiskLayout}) {
        for (int column = 1; column <= 4; ++column) {
            grid->setColumnMinimumWidth(column, 84);
        }
    }
    watchEdits(this);
    updateRisk();
}

SafeguardingPage::~SafeguardingPage() = default;

core::SafeguardingScreen SafeguardingPage::screen() const
{
    core::SafeguardingScreen s;
    const auto& q = m_questions;
    s.suicidalThoughts = core::suicidalThoughtsFromId(q[0].answer()).value_or(core::SuicidalThoughts::NotAsked);
    s.plan = yesNo(q[1].answer());
    s.selfHarm = yesNo(q[2].answer());
    s.currentAbuse = yesNo(q[3].answer());
    s.abuserHasAccessToChildren = yesNo(q[4].answer());
    s.abuserInPositionOfTrust = yesNo(q[5].answer());
    return s;
}

QStringList SafeguardingPage::askLater() const
{
    QStringList later;
    for (const Question& question : m_questions) {
        if (question.answer() == kAskLater) {
            later << question.askLaterText;
        }
    }
    return later;
}

QStringList SafeguardingPage::seriousRiskText(const core::SafeguardingScreen& screen)
{
    QStringList text;
    if (screen.suicidalThoughts == core::SuicidalThoughts::Active) {
        text << tr("active thoughts of ending their life");
    }
    if (screen.plan.value_or(false)) {
        text << tr("a plan to end their life");
    }
    if (screen.selfHarm.value_or(false)) {
        text << tr("recent self-harm");
    }
    if (screen.currentAbuse.value_or(false)) {
        text << tr("abuse happening now");
    }
    if (screen.abuserHasAccessToChildren.value_or(false)) {
        text << tr("the abuser has access to children");
    }
    if (screen.abuserInPositionOfTrust.value_or(false)) {
        text << tr("the abuser is in a position of trust");
    }
    return text;
}

void SafeguardingPage::updateRisk()
{
    // A plan is only asked about when the client has thoughts of ending their life.
    const bool noThoughts = m_ui->suicidalNoneRadioButton->isChecked();
    if (noThoughts && !m_questions[1].answer().isEmpty()) {
        m_questions[1].setAnswer({});
    }
    for (QAbstractButton* button : m_ui->planButtonGroup->buttons()) {
        button->setEnabled(!noThoughts);
    }
    m_ui->planLabel->setEnabled(!noThoughts);

    const core::SafeguardingScreen current = screen();
    const bool serious = current.seriousRisk();
    // Passive thoughts on their own are not a serious risk, but the client is still offered support.
    const bool support = serious || current.suicidalThoughts == core::SuicidalThoughts::Passive;
    m_ui->seriousRiskFrame->setVisible(support);
    m_ui->seriousRiskFrame->setStyleSheet(
        serious ? QStringLiteral("QFrame#seriousRiskFrame { border: 2px solid #b3261e; border-radius: 6px; }")
                : QStringLiteral("QFrame#seriousRiskFrame { border: 1px solid palette(mid); border-radius: 6px; }"));
    if (serious) {
        m_ui->seriousRiskTitleLabel->setText(tr("What happens now"));
        m_ui->seriousRiskLabel->setText(
            tr("Because of what the client has shared (%1), when the case is created an urgent safeguarding task goes to "
               "the supervisor, and the case shows a red safeguarding banner until a supervisor records what was done. "
               "If you are worried about the client's safety right now, tell your supervisor straight away.")
                .arg(seriousRiskText(current).join(QStringLiteral("; "))));
    } else if (support) {
        m_ui->seriousRiskTitleLabel->setText(tr("Support for the client"));
        m_ui->seriousRiskLabel->setText(
            tr("Passive thoughts on their own do not create an urgent task, but please offer the client support. If you "
               "are unsure, talk to your supervisor."));
    }
}

QJsonObject SafeguardingPage::saveDraft() const
{
    QJsonObject data;
    for (const Question& question : m_questions) {
        data.insert(question.key, question.answer());
    }
    data.insert(QStringLiteral("crisisLineGiven"), m_ui->crisisLineGivenCheckBox->isChecked());
    return data;
}

void SafeguardingPage::restoreDraft(const QJsonObject& data)
{
    for (const Question& question : m_questions) {
        question.setAnswer(data.value(question.key).toString());
    }
    m_ui->crisisLineGivenCheckBox->setChecked(data.value(QStringLiteral("crisisLineGiven")).toBool());
    updateRisk();
}

void SafeguardingPage::apply(IntakeResult& result) const
{
    result.newCase.safeguarding = screen();
    result.newCase.askLater << askLater();
    if (m_ui->crisisLineGivenCheckBox->isChecked() && m_ui->seriousRiskFrame->isVisibleTo(this)) {
        result.sensitiveNotes << tr("Intake: crisis-line details (Samaritans, 116 123) given to the client.");
    }
}

}  // namespace claimdesk::ui
