#include "ui/shell/WelcomePanel.h"

#include "ui/common/RoleText.h"
#include "ui/common/Typography.h"

#include "users/User.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPalette>
#include <QVBoxLayout>

namespace claimdesk::ui {

namespace {
QLabel* makeLabel(QWidget* parent, const QString& name, Qt::TextFormat format)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(format);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QFrame* makeRule(QWidget* parent)
{
    auto* rule = new QFrame(parent);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Sunken);
    return rule;
}
}  // namespace

WelcomePanel::WelcomePanel(QWidget* parent)
    : QWidget(parent),
      m_heading(makeLabel(this, QStringLiteral("welcomeHeadingLabel"), Qt::PlainText)),
      m_signedIn(makeLabel(this, QStringLiteral("signedInLabel"), Qt::PlainText)),
      m_nowTitle(makeLabel(this, QStringLiteral("nowTitleLabel"), Qt::PlainText)),
      m_nowList(makeLabel(this, QStringLiteral("nowListLabel"), Qt::RichText)),
      m_comingTitle(makeLabel(this, QStringLiteral("comingTitleLabel"), Qt::PlainText)),
      m_coming(makeLabel(this, QStringLiteral("comingLabel"), Qt::PlainText)),
      m_lockHint(makeLabel(this, QStringLiteral("lockHintLabel"), Qt::PlainText))
{
    setObjectName(QStringLiteral("welcomePanel"));
    m_nowTitle->setText(tr("What you can do now"));
    m_comingTitle->setText(tr("Coming next"));
    m_coming->setText(tr("Case records are on their way: intake, limitation deadlines, therapy funding and "
                         "reports will appear here in the next releases. Everything you add will be kept in this "
                         "encrypted vault."));

    // A calm single column on a card, centred, never wider than comfortable reading.
    auto* column = new QFrame(this);
    column->setObjectName(QStringLiteral("welcomeCard"));
    column->setFrameShape(QFrame::StyledPanel);
    column->setBackgroundRole(QPalette::Base);
    column->setAutoFillBackground(true);
    column->setMaximumWidth(680);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(36, 32, 36, 32);
    layout->setSpacing(10);
    layout->addWidget(m_heading);
    layout->addWidget(m_signedIn);
    layout->addSpacing(14);
    layout->addWidget(makeRule(column));
    layout->addSpacing(8);
    layout->addWidget(m_nowTitle);
    layout->addWidget(m_nowList);
    layout->addSpacing(12);
    layout->addWidget(m_comingTitle);
    layout->addWidget(m_coming);
    layout->addSpacing(12);
    layout->addWidget(m_lockHint);

    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(48, 48, 48, 48);
    outer->addStretch(1);
    auto* vertical = new QVBoxLayout;
    vertical->addWidget(column);
    vertical->addStretch(1);
    outer->addLayout(vertical, 4);
    outer->addStretch(1);

    // After the labels moved into the card: a palette set before reparenting does not survive it.
    makeHeading(m_heading);
    makeSecondary(m_signedIn);
    makeSubheading(m_nowTitle);
    makeSubheading(m_comingTitle);
    makeSecondary(m_lockHint);
}

void WelcomePanel::showUser(const core::User& user, const QString& vaultFileName, int autoLockMinutes)
{
    m_isAdmin = user.role == core::Role::Admin;
    m_heading->setText(tr("Welcome, %1").arg(user.displayName));
    m_signedIn->setText(
        tr("Signed in as %1 (%2) to the vault %3.").arg(user.username, roleDisplayName(user.role), vaultFileName));
    QStringList items;
    if (m_isAdmin) {
        items << tr("Manage who can sign in, and their roles: <b>Admin › Users…</b>")
              << tr("Back up the vault and its key file: <b>File › Backup…</b>");
    }
    if (user.role == core::Role::Accounts) {
        items << tr("Pay therapy invoices awaiting payment: <b>Therapy › Therapy fund payments…</b>");
    }
    items << tr("Change your passphrase: <b>File › Change passphrase…</b>")
          << tr("Lock ClaimDesk when you step away: <b>File › Lock</b> (Ctrl+L)");
    QString html = QStringLiteral("<ul style=\"margin-left: 0; -qt-list-indent: 1;\">");
    for (const QString& item : std::as_const(items)) {
        html += QStringLiteral("<li style=\"margin-bottom: 4px;\">") + item + QStringLiteral("</li>");
    }
    html += QStringLiteral("</ul>");
    if (!m_isAdmin) {
        html += QStringLiteral("<p>") + tr("Managing users and making backups are for your ClaimDesk admin.")
            + QStringLiteral("</p>");
    }
    m_nowList->setText(html);
    setAutoLockMinutes(autoLockMinutes);
}

void WelcomePanel::setAutoLockMinutes(int minutes)
{
    m_lockHint->setText(tr("ClaimDesk locks itself after %n minute(s) without activity. You can change this in "
                           "File › Preferences.",
                           nullptr, minutes));
}

void WelcomePanel::clear()
{
    m_heading->clear();
    m_signedIn->clear();
    m_nowList->clear();
    m_lockHint->clear();
}

}  // namespace claimdesk::ui
