#include "ui/shell/StartScreen.h"

#include "ui/common/AppSettings.h"
#include "ui/common/BusyIndicator.h"
#include "ui/common/Typography.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace claimdesk::ui {

namespace {
constexpr int kPathRole = Qt::UserRole;
constexpr int kMissingRole = Qt::UserRole + 1;

QPushButton* actionButton(const QString& text, const QString& name, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setMinimumHeight(button->sizeHint().height() + 8);
    return button;
}
}  // namespace

StartScreen::StartScreen(QWidget* parent)
    : QWidget(parent),
      m_recentStack(new QStackedWidget(this)),
      m_recentList(new QListWidget(this)),
      m_noRecentLabel(new QLabel(this)),
      m_openSelected(new QPushButton(tr("&Open"), this)),
      m_forget(new QPushButton(tr("&Remove from list"), this)),
      m_openOther(actionButton(tr("Open a &vault…"), QStringLiteral("openVaultButton"), this)),
      m_create(actionButton(tr("&Create a new vault…"), QStringLiteral("createVaultButton"), this)),
      m_demo(actionButton(tr("Try the &demo vault"), QStringLiteral("demoButton"), this)),
      m_busy(new BusyIndicator(this))
{
    setObjectName(QStringLiteral("startScreen"));
    setWindowTitle(tr("ClaimDesk"));
    m_recentList->setObjectName(QStringLiteral("recentVaultsList"));
    m_openSelected->setObjectName(QStringLiteral("openRecentButton"));
    m_forget->setObjectName(QStringLiteral("forgetRecentButton"));
    m_recentList->setAlternatingRowColors(true);
    m_recentList->setUniformItemSizes(true);
    m_recentList->setSpacing(3);

    auto* heading = new QLabel(tr("ClaimDesk"), this);
    makeHeading(heading);
    auto* subtitle = new QLabel(tr("Case records for the abuse-claims team, kept in an encrypted vault."), this);
    subtitle->setWordWrap(true);
    makeSecondary(subtitle);

    m_noRecentLabel->setText(tr("No vaults opened on this computer yet.\n\nOpen your team's vault, create a new "
                                "one, or try the demo vault to look around."));
    m_noRecentLabel->setAlignment(Qt::AlignCenter);
    m_noRecentLabel->setWordWrap(true);
    m_noRecentLabel->setMargin(16);
    makeSecondary(m_noRecentLabel);
    m_recentStack->addWidget(m_recentList);
    m_recentStack->addWidget(m_noRecentLabel);

    auto* recentBox = new QGroupBox(tr("Recent vaults"), this);
    auto* recentLayout = new QVBoxLayout(recentBox);
    recentLayout->setSpacing(8);
    recentLayout->addWidget(m_recentStack, 1);
    auto* recentButtons = new QHBoxLayout;
    recentButtons->addWidget(m_openSelected);
    recentButtons->addWidget(m_forget);
    recentButtons->addStretch(1);
    recentLayout->addLayout(recentButtons);

    auto* actions = new QVBoxLayout;
    actions->setSpacing(10);
    actions->addWidget(m_openOther);
    actions->addWidget(m_create);
    actions->addSpacing(18);
    auto* demoHint = new QLabel(tr("New to ClaimDesk? The demo vault holds only fictional people."), this);
    demoHint->setWordWrap(true);
    makeSecondary(demoHint);
    actions->addWidget(demoHint);
    actions->addWidget(m_demo);
    actions->addStretch(1);

    auto* body = new QHBoxLayout;
    body->setSpacing(24);
    body->addWidget(recentBox, 3);
    body->addLayout(actions, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 28, 32, 20);
    layout->setSpacing(6);
    layout->addWidget(heading);
    layout->addWidget(subtitle);
    layout->addSpacing(18);
    layout->addLayout(body, 1);
    layout->addSpacing(8);
    layout->addWidget(m_busy);

    connect(m_recentList, &QListWidget::itemActivated, this, &StartScreen::openItem);
    connect(m_recentList, &QListWidget::currentItemChanged, this, &StartScreen::updateButtons);
    connect(m_openSelected, &QPushButton::clicked, this, [this] { openItem(m_recentList->currentItem()); });
    connect(m_forget, &QPushButton::clicked, this, &StartScreen::forgetSelected);
    connect(m_openOther, &QPushButton::clicked, this, &StartScreen::openOtherRequested);
    connect(m_create, &QPushButton::clicked, this, &StartScreen::createRequested);
    connect(m_demo, &QPushButton::clicked, this, &StartScreen::demoRequested);

    setTabOrder(m_recentList, m_openSelected);
    setTabOrder(m_openSelected, m_forget);
    setTabOrder(m_forget, m_openOther);
    setTabOrder(m_openOther, m_create);
    setTabOrder(m_create, m_demo);
    resize(780, 480);
    reloadRecentVaults();
}

void StartScreen::reloadRecentVaults()
{
    m_recentList->clear();
    for (const QString& path : AppSettings::recentVaults()) {
        const QFileInfo info(path);
        const bool missing = !info.exists();
        auto* item = new QListWidgetItem(m_recentList);
        const QString folder = QDir::toNativeSeparators(info.absolutePath());
        item->setText(missing ? tr("%1   (missing)\n%2").arg(info.fileName(), folder)
                              : QStringLiteral("%1\n%2").arg(info.fileName(), folder));
        item->setData(kPathRole, path);
        item->setData(kMissingRole, missing);
        if (missing) {
            item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
            item->setToolTip(tr("%1 is not there any more. It may have been moved or renamed, or be on a drive "
                                "that is not connected.")
                                 .arg(QDir::toNativeSeparators(path)));
        } else {
            item->setToolTip(QDir::toNativeSeparators(path));
        }
    }
    m_recentStack->setCurrentWidget(m_recentList->count() > 0 ? static_cast<QWidget*>(m_recentList) : m_noRecentLabel);
    if (m_recentList->count() > 0) {
        m_recentList->setCurrentRow(0);
    }
    m_openSelected->setVisible(m_recentList->count() > 0);
    m_forget->setVisible(m_recentList->count() > 0);
    updateButtons();
}

QString StartScreen::selectedVault() const
{
    const QListWidgetItem* item = m_recentList->currentItem();
    if (item == nullptr || item->data(kMissingRole).toBool()) {
        return {};
    }
    return item->data(kPathRole).toString();
}

void StartScreen::updateButtons()
{
    const bool busy = m_busy->isBusy();
    const QListWidgetItem* item = m_recentList->currentItem();
    m_openSelected->setEnabled(!busy && !selectedVault().isEmpty());
    m_openSelected->setDefault(!selectedVault().isEmpty());
    m_forget->setEnabled(!busy && item != nullptr);
    m_openOther->setEnabled(!busy);
    m_create->setEnabled(!busy);
    m_demo->setEnabled(!busy);
    m_recentList->setEnabled(!busy);
}

void StartScreen::openItem(QListWidgetItem* item)
{
    if (item == nullptr || m_busy->isBusy() || item->data(kMissingRole).toBool()) {
        return;
    }
    emit openRecentRequested(item->data(kPathRole).toString());
}

void StartScreen::forgetSelected()
{
    const QListWidgetItem* item = m_recentList->currentItem();
    if (item == nullptr) {
        return;
    }
    AppSettings::forgetVault(item->data(kPathRole).toString());
    reloadRecentVaults();
}

void StartScreen::setBusy(bool busy, const QString& text)
{
    if (busy) {
        m_busy->start(text);
    } else {
        m_busy->stop();
    }
    updateButtons();
}

void StartScreen::closeEvent(QCloseEvent* event)
{
    event->accept();
    emit quitRequested();
}

}  // namespace claimdesk::ui
