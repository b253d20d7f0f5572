#include "ui/admin/UsersDialog.h"

#include "ui/admin/AddUserDialog.h"
#include "ui/admin/OneTimePassphraseDialog.h"
#include "ui/admin/UsersModel.h"
#include "ui/common/Prompter.h"
#include "ui/common/RoleText.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"
#include "ui_UsersDialog.h"

#include <QHeaderView>
#include <QPushButton>
#include <QSortFilterProxyModel>

namespace claimdesk::ui {

UsersDialog::UsersDialog(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QDialog(parent),
      m_ui(std::make_unique<Ui::UsersDialog>()),
      m_session(session),
      m_prompter(prompter),
      m_model(new UsersModel(this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    makeHeading(m_ui->headingLabel);
    makeSecondary(m_ui->introLabel);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(UsersModel::SortRole);
    m_ui->usersTableView->setModel(m_proxy);
    m_ui->usersTableView->sortByColumn(UsersModel::Username, Qt::AscendingOrder);
    QHeaderView* header = m_ui->usersTableView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setMinimumSectionSize(90);
    resize(820, 440);

    connect(m_ui->addUserButton, &QPushButton::clicked, this, &UsersDialog::addUser);
    connect(m_ui->changeRoleButton, &QPushButton::clicked, this, &UsersDialog::changeRole);
    connect(m_ui->resetPassphraseButton, &QPushButton::clicked, this, &UsersDialog::resetPassphrase);
    connect(m_ui->disableUserButton, &QPushButton::clicked, this, &UsersDialog::disableUser);
    connect(m_ui->rotateKeyButton, &QPushButton::clicked, this, &UsersDialog::rotateVaultKey);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &UsersDialog::reject);
    connect(m_ui->usersTableView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &UsersDialog::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &UsersDialog::updateActions);

    reload();
    m_ui->usersTableView->setFocus();
}

UsersDialog::~UsersDialog() = default;

void UsersDialog::reload()
{
    if (!m_session.isUnlocked()) {
        m_model->clear();
        return;
    }
    const QString selected = selectedUsername();
    auto users = m_session.users();
    if (!users) {
        m_prompter.reportError(this, tr("The users could not be listed"), users.error());
        return;
    }
    m_model->setUsers(std::move(*users));
    for (int column = 0; column < UsersModel::ColumnCount - 1; ++column) {
        m_ui->usersTableView->resizeColumnToContents(column);
    }
    selectUser(selected.isEmpty() ? m_session.currentUser().username : selected);
}

void UsersDialog::selectUser(const QString& username)
{
    const int row = m_model->rowOf(username);
    if (row < 0) {
        updateActions();
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_ui->usersTableView->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_ui->usersTableView->scrollTo(index);
    updateActions();
}

QString UsersDialog::selectedUsername() const
{
    const QModelIndexList rows = m_ui->usersTableView->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        return {};
    }
    const core::User* user = m_model->userAt(m_proxy->mapToSource(rows.constFirst()).row());
    return user != nullptr ? user->username : QString();
}

void UsersDialog::updateActions()
{
    const int row = m_model->rowOf(selectedUsername());
    const core::User* user = m_model->userAt(row);
    const bool idle = !m_ui->busyIndicator->isBusy();
    const bool activeUser = user != nullptr && user->active;
    const bool isMe = user != nullptr && user->username == m_session.currentUser().username;
    m_ui->addUserButton->setEnabled(idle);
    m_ui->changeRoleButton->setEnabled(idle && activeUser);
    m_ui->resetPassphraseButton->setEnabled(idle && activeUser && !isMe);
    m_ui->disableUserButton->setEnabled(idle && activeUser && !isMe);
    m_ui->rotateKeyButton->setEnabled(idle);
    m_ui->resetPassphraseButton->setToolTip(isMe ? tr("To change your own passphrase, use File > Change passphrase.")
                                                 : QString());
    m_ui->disableUserButton->setToolTip(isMe ? tr("You cannot disable yourself; another admin can.") : QString());
}

void UsersDialog::setBusy(bool busy, const QString& text)
{
    if (busy) {
        m_ui->busyIndicator->start(text);
    } else {
        m_ui->busyIndicator->stop();
    }
    updateActions();
}

void UsersDialog::addUser()
{
    auto* dialog = new AddUserDialog(m_session, m_prompter, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddUserDialog::userAdded, this, [this](const core::User& user) {
        m_model->addUser(user);
        selectUser(user.username);
    });
    dialog->open();
}

void UsersDialog::changeRole()
{
    const core::User* user = m_model->userAt(m_model->rowOf(selectedUsername()));
    if (user == nullptr) {
        return;
    }
    const QString username = user->username;
    QStringList roles;
    int current = 0;
    for (core::Role role : kAllRoles) {
        if (role == user->role) {
            current = static_cast<int>(roles.size());
        }
        roles << roleDisplayName(role);
    }
    const std::optional<int> chosen = m_prompter.chooseItem(
        this, tr("Change role"), tr("New role for %1 (%2):").arg(user->displayName, username), roles, current);
    if (!chosen || !m_session.isUnlocked()) {
        return;  // cancelled, or the vault locked while the question was open
    }
    if (auto changed = m_session.changeRole(username, kAllRoles[*chosen]); !changed) {
        m_prompter.reportError(this, tr("The role was not changed"), changed.error());
        return;
    }
    reload();
}

void UsersDialog::resetPassphrase()
{
    const core::User* user = m_model->userAt(m_model->rowOf(selectedUsername()));
    if (user == nullptr) {
        return;
    }
    auto* dialog = new OneTimePassphraseDialog(m_session, m_prompter, user->username, user->displayName, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &OneTimePassphraseDialog::passphraseReset, this, [this](const QString&) { reload(); });
    dialog->open();
}

void UsersDialog::disableUser()
{
    const core::User* user = m_model->userAt(m_model->rowOf(selectedUsername()));
    if (user == nullptr) {
        return;
    }
    const QString username = user->username;
    const bool confirmed = m_prompter.confirm(
        this, tr("Disable user"),
        tr("Disable %1 (%2)? They will no longer be able to sign in. Their name stays in the audit log, and the "
           "username cannot be used again.")
            .arg(user->displayName, username),
        tr("&Disable"));
    if (!confirmed || !m_session.isUnlocked()) {
        return;
    }
    if (auto disabled = m_session.disableUser(username); !disabled) {
        m_prompter.reportError(this, tr("The user was not disabled"), disabled.error());
        return;
    }
    reload();
}

void UsersDialog::rotateVaultKey()
{
    const bool confirmed = m_prompter.confirm(
        this, tr("Rotate vault key"),
        tr("Re-encrypt the vault with a new key? Everyone active keeps their passphrase. Old copies of the key "
           "file, and the keys of disabled users, will no longer open it. Existing backups are not changed. This "
           "can take a while for a large vault."),
        tr("&Rotate key"));
    if (!confirmed || !m_session.isUnlocked()) {
        return;
    }
    setBusy(true, tr("Rotating the vault key…"));
    m_session.rotateVaultKey(this, [this](const core::Result<void>& rotated) {
        setBusy(false);
        if (!rotated) {
            m_prompter.reportError(this, tr("The vault key was not rotated"), rotated.error());
            return;
        }
        m_prompter.inform(this, tr("Vault key rotated"),
                          tr("The vault now uses a new key. Everyone active signs in as before."));
    });
}

}  // namespace claimdesk::ui
