#include "ui/intake/SafeguardingPage.h"

#include "ui/cases/CaseText.h"
#include "ui/common/Typography.h"
#include "ui_SafeguardingPage.h"

#include <QButtonGroup>
#include <QDateTimeEdit>

#include <algorithm>

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

// The draft keys of the support checkboxes.
QString supportKey(core::SupportKind kind)
{
    return QStringLiteral("support-") + core::supportKindId(kind);
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
    // Yes / no questions, with "Don't know" where the client may well not know.
    auto yesNoQuestion = [](const QString& key, const QString& later, QButtonGroup* group, QAbstractButton* no,
                            QAbstractButton* yes, QAbstractButton* unknown, QAbstractButton* askLater) {
        Question q {key, later, group, {{no, kNo}, {yes, kYes}}};
        if (unknown != nullptr) {
            q.answers.emplace_back(unknown, kUnknown);
        }
        q.answers.emplace_back(askLater, kAskLater);
        return q;
    };
    m_questions = {
        {QStringLiteral("suicidalThoughts"),
         tr("safeguarding: thoughts of ending their life"),
         ui.suicidalButtonGroup,
         {{ui.suicidalNoneRadioButton, core::suicidalThoughtsId(core::SuicidalThoughts::None)},
          {ui.suicidalPassiveRadioButton, core::suicidalThoughtsId(core::SuicidalThoughts::Passive)},
          {ui.suicidalActiveRadioButton, core::suicidalThoughtsId(core::SuicidalThoughts::Active)},
          {ui.suicidalAskLaterRadioButton, kAskLater}}},
        yesNoQuestion(QStringLiteral("plan"), tr("safeguarding: a plan to end their life"), ui.planButtonGroup,
                      ui.planNoRadioButton, ui.planYesRadioButton, nullptr, ui.planAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("intent"), tr("safeguarding: whether they intend to act on the thoughts"),
                      ui.intentButtonGroup, ui.intentNoRadioButton, ui.intentYesRadioButton, nullptr,
                      ui.intentAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("accessToMeans"), tr("safeguarding: whether they have the means to hand"),
                      ui.meansButtonGroup, ui.meansNoRadioButton, ui.meansYesRadioButton, ui.meansUnknownRadioButton,
                      ui.meansAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("pastAttempts"), tr("safeguarding: past attempts to end their life"),
                      ui.pastAttemptsButtonGroup, ui.pastAttemptsNoRadioButton, ui.pastAttemptsYesRadioButton, nullptr,
                      ui.pastAttemptsAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("selfHarm"), tr("safeguarding: recent self-harm"), ui.selfHarmButtonGroup,
                      ui.selfHarmNoRadioButton, ui.selfHarmYesRadioButton, nullptr, ui.selfHarmAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("currentAbuse"), tr("safeguarding: abuse happening now"),
                      ui.currentAbuseButtonGroup, ui.currentAbuseNoRadioButton, ui.currentAbuseYesRadioButton, nullptr,
                      ui.currentAbuseAskLaterRadioButton),
        {QStringLiteral("livesNearAbuser"),
         tr("safeguarding: whether they live with or near the abuser"),
         ui.livesWithAbuserButtonGroup,
         {{ui.livesWithAbuserNoRadioButton, core::abuserProximityId(core::AbuserProximity::Apart)},
          {ui.livesWithAbuserSameHomeRadioButton, core::abuserProximityId(core::AbuserProximity::SameHome)},
          {ui.livesWithAbuserNearRadioButton, core::abuserProximityId(core::AbuserProximity::Near)},
          {ui.livesWithAbuserAskLaterRadioButton, kAskLater}}},
        yesNoQuestion(QStringLiteral("abuserHasAccessToChildren"),
                      tr("safeguarding: whether the abuser has access to children"), ui.childrenButtonGroup,
                      ui.childrenNoRadioButton, ui.childrenYesRadioButton, ui.childrenUnknownRadioButton,
                      ui.childrenAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("abuserInPositionOfTrust"),
                      tr("safeguarding: whether the abuser is in a position of trust"), ui.trustButtonGroup,
                      ui.trustNoRadioButton, ui.trustYesRadioButton, ui.trustUnknownRadioButton,
                      ui.trustAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("abuserAlive"), tr("safeguarding: whether the abuser is alive"),
                      ui.abuserAliveButtonGroup, ui.abuserAliveNoRadioButton, ui.abuserAliveYesRadioButton,
                      ui.abuserAliveUnknownRadioButton, ui.abuserAliveAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("abuserWhereaboutsKnown"), tr("safeguarding: where the abuser is now"),
                      ui.whereaboutsButtonGroup, ui.whereaboutsNoRadioButton, ui.whereaboutsYesRadioButton,
                      ui.whereaboutsUnknownRadioButton, ui.whereaboutsAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("abuserConvicted"), tr("safeguarding: whether the abuser was convicted"),
                      ui.convictedButtonGroup, ui.convictedNoRadioButton, ui.convictedYesRadioButton,
                      ui.convictedUnknownRadioButton, ui.convictedAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("abuserUnderInvestigation"),
                      tr("safeguarding: whether the abuser is under investigation"), ui.investigationButtonGroup,
                      ui.investigationNoRadioButton, ui.investigationYesRadioButton, ui.investigationUnknownRadioButton,
                      ui.investigationAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("abuserSubjectToNotification"),
                      tr("safeguarding: whether the abuser is subject to notification requirements"),
                      ui.notificationButtonGroup, ui.notificationNoRadioButton, ui.notificationYesRadioButton,
                      ui.notificationUnknownRadioButton, ui.notificationAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("otherVictimsNamed"), tr("safeguarding: other people who may have been harmed"),
                      ui.otherVictimsButtonGroup, ui.otherVictimsNoRadioButton, ui.otherVictimsYesRadioButton, nullptr,
                      ui.otherVictimsAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("clientChildrenAtRisk"),
                      tr("safeguarding: whether the client's own children are at risk"), ui.ownChildrenButtonGroup,
                      ui.ownChildrenNoRadioButton, ui.ownChildrenYesRadioButton, ui.ownChildrenUnknownRadioButton,
                      ui.ownChildrenAskLaterRadioButton),
        yesNoQuestion(QStringLiteral("institutionStillOperating"),
                      tr("safeguarding: whether the institution still operates"), ui.institutionButtonGroup,
                      ui.institutionNoRadioButton, ui.institutionYesRadioButton, ui.institutionUnknownRadioButton,
                      ui.institutionAskLaterRadioButton),
    };
    m_support = {{core::SupportKind::Gp, ui.gpSupportCheckBox},
                 {core::SupportKind::Therapist, ui.therapistSupportCheckBox},
                 {core::SupportKind::Isva, ui.isvaSupportCheckBox},
                 {core::SupportKind::CrisisTeam, ui.crisisTeamSupportCheckBox},
                 {core::SupportKind::Family, ui.familySupportCheckBox}};
    for (const auto& [kind, check] : m_support) {
        check->setText(supportKindName(kind));
    }
    for (const Question& question : m_questions) {
        connect(question.group, &QButtonGroup::buttonToggled, this, &SafeguardingPage::updateRisk);
    }
    // The answers line up in the same columns in both boxes.
    for (QGridLayout* grid : {m_ui->clientRiskLayout, m_ui->othersRiskLayout}) {
        for (int column = 1; column <= 4; ++column) {
            grid->setColumnMinimumWidth(column, 84);
        }
    }
    // Who asked and when: the person recording it, now, unless this says otherwise.
    m_ui->askedAtDateTimeEdit->setDateTime(QDateTime::currentDateTime());
    m_ui->askedAtDateTimeEdit->setMaximumDateTime(QDateTime::currentDateTime().addSecs(3600));
    connect(m_ui->askedGroupBox, &QGroupBox::clicked, this, &IntakePage::edited);
    connect(m_ui->askedAtDateTimeEdit, &QDateTimeEdit::dateTimeChanged, this, &IntakePage::edited);
    watchEdits(this);
    updateRisk();
}

SafeguardingPage::~SafeguardingPage() = default;

QString SafeguardingPage::answerOf(const QString& key) const
{
    const auto it
        = std::find_if(m_questions.begin(), m_questions.end(), [&key](const Question& q) { return q.key == key; });
    return it == m_questions.end() ? QString() : it->answer();
}

core::SafeguardingScreen SafeguardingPage::screen() const
{
    core::SafeguardingScreen s;
    s.suicidalThoughts = core::suicidalThoughtsFromId(answerOf(QStringLiteral("suicidalThoughts")))
                             .value_or(core::SuicidalThoughts::NotAsked);
    s.plan = yesNo(answerOf(QStringLiteral("plan")));
    s.intent = yesNo(answerOf(QStringLiteral("intent")));
    s.accessToMeans = yesNo(answerOf(QStringLiteral("accessToMeans")));
    s.pastAttempts = yesNo(answerOf(QStringLiteral("pastAttempts")));
    s.selfHarm = yesNo(answerOf(QStringLiteral("selfHarm")));
    s.currentAbuse = yesNo(answerOf(QStringLiteral("currentAbuse")));
    s.livesNearAbuser = core::abuserProximityFromId(answerOf(QStringLiteral("livesNearAbuser")))
                            .value_or(core::AbuserProximity::NotAsked);
    s.abuserHasAccessToChildren = yesNo(answerOf(QStringLiteral("abuserHasAccessToChildren")));
    s.abuserInPositionOfTrust = yesNo(answerOf(QStringLiteral("abuserInPositionOfTrust")));
    s.abuserAlive = yesNo(answerOf(QStringLiteral("abuserAlive")));
    s.abuserWhereaboutsKnown = yesNo(answerOf(QStringLiteral("abuserWhereaboutsKnown")));
    s.abuserConvicted = yesNo(answerOf(QStringLiteral("abuserConvicted")));
    s.abuserUnderInvestigation = yesNo(answerOf(QStringLiteral("abuserUnderInvestigation")));
    s.abuserSubjectToNotification = yesNo(answerOf(QStringLiteral("abuserSubjectToNotification")));
    s.otherVictimsNamed = yesNo(answerOf(QStringLiteral("otherVictimsNamed")));
    s.clientChildrenAtRisk = yesNo(answerOf(QStringLiteral("clientChildrenAtRisk")));
    s.institutionStillOperating = yesNo(answerOf(QStringLiteral("institutionStillOperating")));
    for (const auto& [kind, check] : m_support) {
        if (check->isChecked()) {
            s.support.push_back(kind);
        }
    }
    s.supportLastContact = m_ui->supportLastContactEdit->text().trimmed();
    s.crisisLineGiven = m_ui->crisisLineGivenCheckBox->isChecked() && m_ui->seriousRiskFrame->isVisibleTo(this);
    if (m_ui->askedGroupBox->isChecked()) {
        s.askedBy = m_ui->askedByEdit->text().trimmed();
        s.askedAtUtc = m_ui->askedAtDateTimeEdit->dateTime().toUTC();
    }
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
    return seriousRiskNames(screen);
}

void SafeguardingPage::updateRisk()
{
    // A plan, intent and the means are only asked about when the client has thoughts of ending their life.
    const bool noThoughts = m_ui->suicidalNoneRadioButton->isChecked();
    for (const char* key : {"plan", "intent", "accessToMeans"}) {
        const auto it = std::find_if(m_questions.begin(), m_questions.end(),
                                     [key](const Question& q) { return q.key == QLatin1String(key); });
        if (noThoughts && !it->answer().isEmpty()) {
            it->setAnswer({});
        }
        for (QAbstractButton* button : it->group->buttons()) {
            button->setEnabled(!noThoughts);
        }
    }
    for (QWidget* label : {static_cast<QWidget*>(m_ui->planLabel), static_cast<QWidget*>(m_ui->intentLabel),
                           static_cast<QWidget*>(m_ui->meansLabel)}) {
        label->setEnabled(!noThoughts);
    }

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
    for (const auto& [kind, check] : m_support) {
        data.insert(supportKey(kind), check->isChecked());
    }
    data.insert(QStringLiteral("supportLastContact"), m_ui->supportLastContactEdit->text());
    data.insert(QStringLiteral("crisisLineGiven"), m_ui->crisisLineGivenCheckBox->isChecked());
    data.insert(QStringLiteral("askedElsewhere"), m_ui->askedGroupBox->isChecked());
    data.insert(QStringLiteral("askedBy"), m_ui->askedByEdit->text());
    data.insert(QStringLiteral("askedAt"), m_ui->askedAtDateTimeEdit->dateTime().toUTC().toString(Qt::ISODate));
    return data;
}

void SafeguardingPage::restoreDraft(const QJsonObject& data)
{
    for (const Question& question : m_questions) {
        question.setAnswer(data.value(question.key).toString());
    }
    for (const auto& [kind, check] : m_support) {
        check->setChecked(data.value(supportKey(kind)).toBool());
    }
    m_ui->supportLastContactEdit->setText(data.value(QStringLiteral("supportLastContact")).toString());
    m_ui->crisisLineGivenCheckBox->setChecked(data.value(QStringLiteral("crisisLineGiven")).toBool());
    m_ui->askedGroupBox->setChecked(data.value(QStringLiteral("askedElsewhere")).toBool());
    m_ui->askedByEdit->setText(data.value(QStringLiteral("askedBy")).toString());
    if (const QDateTime at = QDateTime::fromString(data.value(QStringLiteral("askedAt")).toString(), Qt::ISODate);
        at.isValid()) {
        m_ui->askedAtDateTimeEdit->setDateTime(at.toLocalTime());
    }
    updateRisk();
}

void SafeguardingPage::apply(IntakeResult& result) const
{
    result.newCase.safeguarding = screen();
    result.newCase.askLater << askLater();
    if (result.newCase.safeguarding.crisisLineGiven) {
        result.sensitiveNotes << tr("Intake: crisis-line details (Samaritans, 116 123) given to the client.");
    }
}

}  // namespace claimdesk::ui
