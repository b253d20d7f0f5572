#include "ui/shell/UnlockDialog.h"

#include "ui/common/ErrorText.h"
#include "ui/common/RoleText.h"
#include "ui/common/Secrets.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"
#include "ui_UnlockDialog.h"

#include "demo/DemoVault.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QPushButton>

namespace claimdesk::ui {

UnlockDialog::UnlockDialog(VaultSession& session, const QString& vaultPath, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::UnlockDialog>()), m_session(session), m_vaultPath(vaultPath)
{
    m_ui->setupUi(this);
    makeHeading(m_ui->headingLabel);
    makeSecondary(m_ui->vaultLabel);
    setWindowTitle(tr("Unlock %1 — ClaimDesk").arg(QFileInfo(vaultPath).fileName()));
    m_ui->vaultLabel->setText(QFileInfo(vaultPath).fileName());
    m_ui->vaultLabel->setToolTip(QFileInfo(vaultPath).absoluteFilePath());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Unlock"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("&Close vault"));
    m_ui->messageLabel->setVisible(false);
    makeProblem(m_ui->messageLabel);
    m_ui->demoAccountsGroupBox->setVisible(false);
    m_ui->usernameEdit->setFocus();

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &UnlockDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &UnlockDialog::reject);
    connect(m_ui->demoAccountsTableWidget, &QTableWidget::currentCellChanged, this,
            [this](int row) { fillFromDemoRow(row); });
}

UnlockDialog::~UnlockDialog()
{
    wipe(m_oneTimePassphrase);
}

void UnlockDialog::setUsername(const QString& username)
{
    m_ui->usernameEdit->setText(username);
    if (!username.isEmpty()) {
        m_ui->passphraseEdit->setFocus();
    }
}

void UnlockDialog::setDemoAccounts(const std::vector<core::DemoAccount>& accounts)
{
    QTableWidget* table = m_ui->demoAccountsTableWidget;
    table->clear();
    table->setColumnCount(4);
    table->setHorizontalHeaderLabels({tr("Role"), tr("Name"), tr("Username"), tr("Passphrase")});
    table->setRowCount(static_cast<int>(accounts.size()));
    int row = 0;
    for (const core::DemoAccount& account : accounts) {
        table->setItem(row, 0, new QTableWidgetItem(roleDisplayName(account.role)));
        table->setItem(row, 1, new QTableWidgetItem(account.displayName));
        table->setItem(row, 2, new QTableWidgetItem(account.username));
        table->setItem(row, 3, new QTableWidgetItem(account.passphrase));
        ++row;
    }
    table->setWordWrap(false);
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    // Every row and column visible, no scroll bars.
    int width = 2 * table->frameWidth();
    for (int c = 0; c < table->columnCount(); ++c) {
        width += table->columnWidth(c);
    }
    int height = table->horizontalHeader()->height() + 2 * table->frameWidth();
    for (int r = 0; r < table->rowCount(); ++r) {
        height += table->rowHeight(r);
    }
    table->setMinimumWidth(width + 8);
    table->setFixedHeight(height);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_ui->demoAccountsGroupBox->setVisible(!accounts.empty());
    adjustSize();
}

void UnlockDialog::fillFromDemoRow(int row)
{
    QTableWidget* table = m_ui->demoAccountsTableWidget;
    if (row < 0 || row >= table->rowCount() || isBusy()) {
        return;
    }
    m_ui->usernameEdit->setText(table->item(row, 2)->text());
    m_ui->passphraseEdit->setText(table->item(row, 3)->text());
}

bool UnlockDialog::isBusy() const
{
    return m_ui->busyIndicator->isBusy();
}

QByteArray UnlockDialog::takeOneTimePassphrase()
{
    return std::exchange(m_oneTimePassphrase, QByteArray());
}

void UnlockDialog::setBusy(bool busy)
{
    if (busy) {
        m_ui->busyIndicator->start(tr("Unlocking… this takes a moment on purpose, to slow down guessing."));
    } else {
        m_ui->busyIndicator->stop();
    }
    m_ui->usernameEdit->setEnabled(!busy);
    m_ui->passphraseEdit->setEnabled(!busy);
    m_ui->demoAccountsTableWidget->setEnabled(!busy);
    m_ui->buttonBox->setEnabled(!busy);
}

void UnlockDialog::showMessage(const QString& text)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void UnlockDialog::accept()
{
    if (isBusy()) {
        return;
    }
    const QString username = m_ui->usernameEdit->text().trimmed();
    if (username.isEmpty()) {
        showMessage(tr("Enter your username."));
        m_ui->usernameEdit->setFocus();
        return;
    }
    if (m_ui->passphraseEdit->text().isEmpty()) {
        showMessage(tr("Enter your passphrase."));
        m_ui->passphraseEdit->setFocus();
        return;
    }
    showMessage(QString());
    wipe(m_oneTimePassphrase);
    m_oneTimePassphrase = passphraseFrom(m_ui->passphraseEdit);
    setBusy(true);
    m_session.unlock(m_vaultPath, username, passphraseFrom(m_ui->passphraseEdit), this,
                     [this](const core::Result<void>& result) {
                         setBusy(false);
                         if (!result) {
                             wipe(m_oneTimePassphrase);
                             showMessage(describe(result.error()));
                             if (result.error().code == core::ErrorCode::WrongPassphrase
                                 || result.error().code == core::ErrorCode::TooManyAttempts) {
                                 m_ui->passphraseEdit->clear();
                                 m_ui->passphraseEdit->setFocus();
                             }
                             return;
                         }
                         if (!m_session.currentUser().mustChangePassphrase) {
                             wipe(m_oneTimePassphrase);
                         }
                         m_ui->passphraseEdit->clear();
                         emit unlocked();
                         QDialog::accept();
                     });
}

void UnlockDialog::reject()
{
    if (isBusy()) {
        return;
    }
    QDialog::reject();
}

}  // namespace claimdesk::ui
