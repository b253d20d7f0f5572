#include "ui/shell/CreateVaultDialog.h"

#include "ui/common/AppSettings.h"
#include "ui/common/ErrorText.h"
#include "ui/common/NewPassphraseFields.h"
#include "ui/common/Prompter.h"
#include "ui/common/Secrets.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"
#include "ui_CreateVaultDialog.h"

#include <QDir>
#include <QFileInfo>
#include <QPushButton>

namespace claimdesk::ui {

namespace {
const QString kVaultSuffix = QStringLiteral("claimdesk");

QString withVaultSuffix(const QString& path)
{
    const QString trimmed = path.trimmed();
    if (trimmed.isEmpty() || QFileInfo(trimmed).suffix() == kVaultSuffix) {
        return trimmed;
    }
    return trimmed + QLatin1Char('.') + kVaultSuffix;
}
}  // namespace

CreateVaultDialog::CreateVaultDialog(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::CreateVaultDialog>()), m_session(session), m_prompter(prompter)
{
    m_ui->setupUi(this);
    makeHeading(m_ui->headingLabel);
    makeSecondary(m_ui->introLabel);
    makeSecondary(m_ui->matchLabel);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("C&reate vault"));
    m_ui->messageLabel->setVisible(false);
    makeProblem(m_ui->messageLabel);
    setVaultPath(QDir(AppSettings::lastFolder()).filePath(tr("ClaimDesk vault") + QStringLiteral(".claimdesk")));
    connectNewPassphraseHints(m_ui->passphraseEdit, m_ui->repeatEdit, m_ui->strengthHint, m_ui->matchLabel);

    connect(m_ui->chooseLocationButton, &QPushButton::clicked, this, &CreateVaultDialog::chooseLocation);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &CreateVaultDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &CreateVaultDialog::reject);
    m_ui->usernameEdit->setFocus();
}

CreateVaultDialog::~CreateVaultDialog() = default;

QString CreateVaultDialog::vaultPath() const
{
    return withVaultSuffix(QDir::fromNativeSeparators(m_ui->locationEdit->text()));
}

void CreateVaultDialog::setVaultPath(const QString& path)
{
    m_ui->locationEdit->setText(QDir::toNativeSeparators(path));
    m_ui->locationEdit->setCursorPosition(0);  // show where it goes, not just the file name's tail
    m_ui->locationEdit->setToolTip(QDir::toNativeSeparators(path));
}

bool CreateVaultDialog::isBusy() const
{
    return m_ui->busyIndicator->isBusy();
}

void CreateVaultDialog::chooseLocation()
{
    const QString chosen = m_prompter.chooseFileToSave(this, tr("Where should the new vault be saved?"), vaultPath(),
                                                       tr("ClaimDesk vaults (*.claimdesk)"), kVaultSuffix);
    if (!chosen.isEmpty()) {
        setVaultPath(withVaultSuffix(chosen));
    }
}

void CreateVaultDialog::setBusy(bool busy)
{
    if (busy) {
        m_ui->busyIndicator->start(tr("Creating the vault…"));
    } else {
        m_ui->busyIndicator->stop();
    }
    for (QWidget* field : {static_cast<QWidget*>(m_ui->locationEdit), static_cast<QWidget*>(m_ui->chooseLocationButton),
                           static_cast<QWidget*>(m_ui->usernameEdit), static_cast<QWidget*>(m_ui->displayNameEdit),
                           static_cast<QWidget*>(m_ui->passphraseEdit), static_cast<QWidget*>(m_ui->repeatEdit),
                           static_cast<QWidget*>(m_ui->buttonBox)}) {
        field->setEnabled(!busy);
    }
}

void CreateVaultDialog::showMessage(const QString& text)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void CreateVaultDialog::accept()
{
    if (isBusy()) {
        return;
    }
    const QString path = vaultPath();
    if (path.isEmpty()) {
        showMessage(tr("Choose where to save the vault."));
        m_ui->locationEdit->setFocus();
        return;
    }
    if (m_ui->usernameEdit->text().trimmed().isEmpty()) {
        showMessage(tr("Enter a username for yourself, the vault's first admin."));
        m_ui->usernameEdit->setFocus();
        return;
    }
    if (m_ui->displayNameEdit->text().trimmed().isEmpty()) {
        showMessage(tr("Enter your name as colleagues should see it."));
        m_ui->displayNameEdit->setFocus();
        return;
    }
    if (const QString problem = checkNewPassphrase(m_ui->passphraseEdit, m_ui->repeatEdit); !problem.isEmpty()) {
        showMessage(problem);
        return;
    }
    showMessage(QString());
    setBusy(true);
    const core::NewUser admin {m_ui->usernameEdit->text().trimmed(), m_ui->displayNameEdit->text().trimmed(),
                               core::Role::Admin};
    m_session.create(path, admin, passphraseFrom(m_ui->passphraseEdit), this,
                     [this, path](const core::Result<void>& result) {
                         setBusy(false);
                         if (!result) {
                             showMessage(describe(result.error()));
                             return;
                         }
                         m_ui->passphraseEdit->clear();
                         m_ui->repeatEdit->clear();
                         emit created(path);
                         QDialog::accept();
                     });
}

void CreateVaultDialog::reject()
{
    if (isBusy()) {
        return;
    }
    QDialog::reject();
}

}  // namespace claimdesk::ui
