#include "ui/deadlines/LimitationPanel.h"

#include "ui/cases/CaseText.h"
#include "ui/common/Typography.h"
#include "ui/deadlines/DeadlineText.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace claimdesk::ui {

using core::deadlines::LimitationEntry;
using core::deadlines::LimitationState;
using core::deadlines::LimitationStatus;

namespace {

QLabel* plain(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

QLabel* rich(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString coloured(const QString& html, const QColor& colour)
{
    return colour.isValid() ? QStringLiteral("<span style=\"color:%1\">%2</span>").arg(colour.name(), html) : html;
}

// Limitation is diarised months ahead: within 14 days (or past) is red, within 3 months amber.
QColor limitationColour(const QDate& date, const QDate& today)
{
    const qint64 days = today.daysTo(date);
    if (days <= 14) {
        return overdueRed();
    }
    return days <= 92 ? soonAmber() : QColor();
}

QLabel* badge(QWidget* parent, const QString& flag)
{
    const FlagBadge b = flagBadge(flag);
    auto* chip = new QLabel(b.label, parent);
    chip->setObjectName(QStringLiteral("flagBadge"));
    chip->setProperty("flag", flag);
    chip->setTextFormat(Qt::PlainText);
    chip->setToolTip(b.tooltip);
    chip->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border: 1px solid %2; border-radius: 8px;"
                                       " padding: 1px 8px; }")
                            .arg(b.background.name(), b.foreground.name()));
    return chip;
}

}  // namespace

LimitationPanel::LimitationPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("limitationPanel"));
    auto* title = new QLabel(tr("Limitation"), this);
    makeSubheading(title);
    m_primary = rich(this, QStringLiteral("primaryDateLabel"));
    m_status = rich(this, QStringLiteral("limitationStatusLabel"));
    m_verify = new QPushButton(tr("Verify…"), this);
    m_verify->setObjectName(QStringLiteral("verifyLimitationButton"));
    m_override = new QPushButton(tr("Override…"), this);
    m_override->setObjectName(QStringLiteral("overrideLimitationButton"));
    m_override->setToolTip(tr("Rely on a date other than the computed one, with a reason. Another supervisor must "
                              "verify it."));
    connect(m_verify, &QPushButton::clicked, this, &LimitationPanel::verifyRequested);
    connect(m_override, &QPushButton::clicked, this, &LimitationPanel::overrideRequested);
    m_warnings = plain(this, QStringLiteral("limitationWarningsLabel"));
    m_warnings->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(soonAmber().name()));
    m_warnings->setVisible(false);

    auto* head = new QHBoxLayout;
    head->addWidget(title);
    head->addSpacing(12);
    head->addWidget(m_primary, 1);
    head->addWidget(m_verify, 0, Qt::AlignTop);
    head->addWidget(m_override, 0, Qt::AlignTop);

    m_incidents = new QWidget(this);
    m_incidentsLayout = new QVBoxLayout(m_incidents);
    m_incidentsLayout->setContentsMargins(0, 0, 0, 0);
    m_incidentsLayout->setSpacing(8);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(head);
    layout->addWidget(m_status);
    layout->addWidget(m_warnings);
    layout->addWidget(m_incidents);
    layout->addStretch(1);
    clear();
}

LimitationPanel::~LimitationPanel() = default;

void LimitationPanel::clear()
{
    m_primary->clear();
    m_status->clear();
    m_warnings->clear();
    m_warnings->setVisible(false);
    m_verify->setEnabled(false);
    m_override->setEnabled(false);
    while (QLayoutItem* item = m_incidentsLayout->takeAt(0)) {
        if (QWidget* w = item->widget()) {
            w->hide();
            w->setParent(nullptr);  // gone from findChildren at once; deleted when control returns
            w->deleteLater();
        }
        delete item;
    }
}

void LimitationPanel::showProblem(const QString& text)
{
    clear();
    m_primary->setText(text.toHtmlEscaped());
}

void LimitationPanel::show(const core::deadlines::EngineResult& result, const LimitationStatus& status,
                           const QDate& today, const std::function<QString(const QString&)>& nameOf, bool mayVerify)
{
    clear();
    // The case-level date: the earliest safe date (or the override), what the firm diarises.
    if (status.primarySafeDate.isValid()) {
        const QDate d = status.primarySafeDate;
        m_primary->setText(coloured(tr("<b>%1</b> — %2%3")
                                        .arg(ukDate(d), daysLeft(d, today).toHtmlEscaped(),
                                             status.overridden ? tr(" (overridden)") : QString()),
                                    limitationColour(d, today)));
        m_primary->setToolTip(tr("The safe date: the last day the court office is open on or before the limitation "
                                 "date. Issue by then."));
    } else if (status.noLimitationPeriod) {
        m_primary->setText(tr("<b>No limitation period</b> for any incident"));
        m_primary->setToolTip(QString());
    } else {
        m_primary->setText(coloured(tr("<b>No date</b> — see below"), overdueRed()));
        m_primary->setToolTip(QString());
    }
    switch (status.state) {
    case LimitationState::Verified:
        m_status->setText(tr("✔ Verified by %1 on %2")
                              .arg(nameOf(status.verifiedBy).toHtmlEscaped(),
                                   ukDate(status.verifiedAtUtc.toLocalTime().date())));
        break;
    case LimitationState::Unverified:
        m_status->setText(coloured(tr("<b>Unverified</b> — %1").arg(status.why.toHtmlEscaped()), soonAmber()));
        break;
    case LimitationState::Missing:
        m_status->setText(coloured(tr("<b>Missing</b> — %1").arg(status.why.toHtmlEscaped()), overdueRed()));
        break;
    }
    if (status.overridden && !status.overrideReason.isEmpty()) {
        m_status->setText(m_status->text() + QStringLiteral("<br>")
                          + tr("Override by %1: “%2”")
                                .arg(nameOf(status.requestedBy).toHtmlEscaped(), status.overrideReason.toHtmlEscaped()));
    }
    m_verify->setEnabled(mayVerify && status.state == LimitationState::Unverified);
    m_verify->setToolTip(mayVerify ? tr("Confirm the date as a second pair of eyes (you must not have entered the "
                                        "facts it depends on).")
                                   : tr("Only a supervisor may verify a limitation date."));
    m_override->setEnabled(true);

    QStringList warnings;
    for (const auto& w : result.warnings) {
        warnings << w.message;
    }
    m_warnings->setText(warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!warnings.isEmpty());

    for (const LimitationEntry& entry : result.limitation) {
        QWidget* card = incidentCard(entry, today);
        m_incidentsLayout->addWidget(card);
        card->show();  // now, not when the event loop next runs
    }
    if (result.limitation.isEmpty()) {
        auto* none = plain(m_incidents, QStringLiteral("noIncidentsLabel"));
        none->setText(tr("No incidents are recorded yet. Add them on the Incidents tab (at least the year) and the "
                         "limitation date is worked out here."));
        makeSecondary(none);
        m_incidentsLayout->addWidget(none);
        none->show();
    }
}

QWidget* LimitationPanel::incidentCard(const LimitationEntry& entry, const QDate& today)
{
    auto* card = new QFrame(m_incidents);
    card->setObjectName(QStringLiteral("incidentLimitationCard"));
    card->setProperty("incident", entry.incident);
    card->setFrameShape(QFrame::StyledPanel);
    card->setBackgroundRole(QPalette::Base);
    card->setAutoFillBackground(true);

    auto* name = new QLabel(tr("Incident %1").arg(entry.incident), card);
    name->setTextFormat(Qt::PlainText);
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    QLabel* regime = plain(card, QStringLiteral("regimeLabel"));
    regime->setText(regimeText(entry.regime));
    regime->setToolTip(entry.regime);

    QLabel* safe = rich(card, QStringLiteral("safeDateLabel"));
    QLabel* others = rich(card, QStringLiteral("otherDatesLabel"));
    makeSecondary(others);
    if (entry.safeDate) {
        safe->setText(coloured(tr("Safe date <b>%1</b> — %2%3")
                                   .arg(ukDate(*entry.safeDate), daysLeft(*entry.safeDate, today).toHtmlEscaped(),
                                        entry.expired ? tr(" (expired)") : QString()),
                               limitationColour(*entry.safeDate, today)));
        QStringList lines;
        if (entry.strictDate) {
            lines << tr("Strict date %1").arg(ukDate(*entry.strictDate));
        }
        lines << (entry.rollForwardDate ? tr("Roll-forward %1").arg(ukDate(*entry.rollForwardDate))
                                        : tr("No roll-forward"));
        if (entry.alternativeDate) {
            lines << tr("Another reading: %1").arg(ukDate(*entry.alternativeDate));
        }
        if (entry.knowledgeDate) {
            lines << tr("From knowledge: %1").arg(ukDate(*entry.knowledgeDate));
        }
        others->setText(lines.join(QStringLiteral("  ·  ")));
    } else {
        safe->setText(tr("<b>No limitation date</b>"));
        if (entry.legacyDate) {
            others->setText(tr("Under the old rules: %1").arg(ukDate(*entry.legacyDate)));
        } else {
            others->setVisible(false);
        }
    }

    auto* flags = new QHBoxLayout;
    flags->setSpacing(6);
    for (const QString& flag : entry.flags) {
        flags->addWidget(badge(card, flag));
    }
    if (entry.confidence != u"VERIFIED" && !entry.flags.contains(entry.confidence)) {
        flags->addWidget(badge(card, entry.confidence));
    }
    flags->addStretch(1);

    auto* toggle = new QToolButton(card);
    toggle->setObjectName(QStringLiteral("showExplanationButton"));
    toggle->setCheckable(true);
    toggle->setAutoRaise(true);
    toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle->setArrowType(Qt::RightArrow);
    toggle->setText(tr("Show explanation"));
    QLabel* steps = rich(card, QStringLiteral("explanationLabel"));
    QStringList items;
    for (const QString& step : entry.explanation) {
        items << QStringLiteral("<li>%1</li>").arg(step.toHtmlEscaped());
    }
    steps->setText(QStringLiteral("<ol style=\"margin-left:0px; -qt-list-indent:1\">%1</ol>").arg(items.join(QString())));
    steps->setVisible(false);
    connect(toggle, &QToolButton::toggled, steps, [toggle, steps](bool on) {
        steps->setVisible(on);
        toggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        toggle->setText(on ? tr("Hide explanation") : tr("Show explanation"));
    });
    toggle->setEnabled(!entry.explanation.isEmpty());

    auto* top = new QHBoxLayout;
    top->addWidget(name);
    top->addWidget(regime, 1);
    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(safe);
    layout->addWidget(others);
    layout->addLayout(flags);
    layout->addWidget(toggle, 0, Qt::AlignLeft);
    layout->addWidget(steps);
    return card;
}

void LimitationPanel::setExplanationsVisible(bool visible)
{
    for (auto* toggle : findChildren<QToolButton*>(QStringLiteral("showExplanationButton"))) {
        if (toggle->isEnabled()) {
            toggle->setChecked(visible);
        }
    }
}

}  // namespace claimdesk::ui
