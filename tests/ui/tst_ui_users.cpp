// Admin > Users: the table model (QAbstractItemModelTester) and each admin action through the dialog.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "ui/admin/AddUserDialog.h"
#include "ui/admin/OneTimePassphraseDialog.h"
#include "ui/admin/UsersDialog.h"
#include "ui/admin/UsersModel.h"

#include "store/Vault.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace claimdesk;
using test::RecordingPrompter;

namespace {
core::User user(const QString& username, const QString& displayName, core::Role role, bool active = true)
{
    core::User u;
    u.username = username;
    u.displayName = displayName;
    u.role = role;
    u.active = active;
    return u;
}
}  // namespace

class UsersTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void usersModelPassesModelTesterThroughEveryChange();
    void usersModelSortRoleCarriesRawValues();
    void dialogListsTheVaultsUsersWithMeSelected();
    void addingUserThroughTheDialogShowsTheNewRow();
    void addUserRefusalIsReportedAndInputKept();
    void addUserMismatchIsShownInTheFormWithoutAskingCore();
    void disableAsksFirstAndThenMarksTheRowDisabled();
    void changeRoleUsesThePrompterChoice();
    void resetPassphraseGivesUserAOneTimePassphrase();
    void rotateVaultKeyAsksFirstAndDoesNothingWhenCancelled();
    void rotateVaultKeyKeepsEveryoneSignedIn();
    void ownRowCannotBeDisabledOrReset();

private:
    QPushButton* button(const char* name) const { return m_dialog->findChild<QPushButton*>(QString::fromLatin1(name)); }
    ui::AddUserDialog* openAddUser();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_vaultPath;
    RecordingPrompter m_prompter;
    std::unique_ptr<ui::VaultSession> m_session;
    std::unique_ptr<ui::UsersDialog> m_dialog;
};

void UsersTest::initTestCase()
{
    test::useTestSettings();
}

void UsersTest::init()
{
    m_prompter.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_vaultPath = test::createLockedVault(*m_dir);
    test::addUserToVault(*m_dir, QStringLiteral("bob"), QStringLiteral("Bob Barrister"), core::Role::Solicitor,
                         "bob one-time passphrase");
    m_session = test::makeSession(*m_dir);
    QVERIFY(test::unlockSession(*m_session, m_vaultPath, QStringLiteral("ada"), test::kAdminPassphrase));
    m_dialog = std::make_unique<ui::UsersDialog>(*m_session, m_prompter);
    m_dialog->show();
}

void UsersTest::cleanup()
{
    m_dialog.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_dir.reset();
}

ui::AddUserDialog* UsersTest::openAddUser()
{
    button("addUserButton")->click();
    return m_dialog->findChild<ui::AddUserDialog*>();
}

void UsersTest::usersModelPassesModelTesterThroughEveryChange()
{
    ui::UsersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setUsers({user(QStringLiteral("ada"), QStringLiteral("Ada Admin"), core::Role::Admin),
                    user(QStringLiteral("bob"), QStringLiteral("Bob Barrister"), core::Role::Solicitor)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(ui::UsersModel::ColumnCount));
    model.addUser(user(QStringLiteral("cat"), QStringLiteral("Cat Clerk"), core::Role::Paralegal, false));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2, ui::UsersModel::Status).data().toString(), QStringLiteral("Disabled"));
    QCOMPARE(model.index(1, ui::UsersModel::Role).data().toString(), QStringLiteral("Solicitor"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.setUsers({});
}

void UsersTest::usersModelSortRoleCarriesRawValues()
{
    ui::UsersModel model;
    model.setUsers({user(QStringLiteral("ada"), QStringLiteral("Ada Admin"), core::Role::Admin),
                    user(QStringLiteral("pat"), QStringLiteral("Pat Paralegal"), core::Role::Paralegal, false)});
    QCOMPARE(model.index(0, ui::UsersModel::Role).data(ui::UsersModel::SortRole).toInt(), int(core::Role::Admin));
    QCOMPARE(model.index(1, ui::UsersModel::Role).data(ui::UsersModel::SortRole).toInt(), int(core::Role::Paralegal));
    QVERIFY(model.index(0, ui::UsersModel::Status).data(ui::UsersModel::SortRole).toInt()
            < model.index(1, ui::UsersModel::Status).data(ui::UsersModel::SortRole).toInt());
    QCOMPARE(model.headerData(ui::UsersModel::DisplayName, Qt::Horizontal).toString(), QStringLiteral("Name"));
}

void UsersTest::dialogListsTheVaultsUsersWithMeSelected()
{
    QAbstractItemModelTester tester(m_dialog->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(m_dialog->model()->rowCount(), 2);
    QCOMPARE(m_dialog->selectedUsername(), QStringLiteral("ada"));
    const int bob = m_dialog->model()->rowOf(QStringLiteral("bob"));
    QCOMPARE(m_dialog->model()->index(bob, ui::UsersModel::Status).data().toString(),
             QStringLiteral("Active, one-time passphrase"));
}

void UsersTest::addingUserThroughTheDialogShowsTheNewRow()
{
    QAbstractItemModelTester tester(m_dialog->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    ui::AddUserDialog* add = openAddUser();
    QVERIFY(add != nullptr);
    QVERIFY(add->isVisible());
    add->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(QStringLiteral("cat"));
    add->findChild<QLineEdit*>(QStringLiteral("displayNameEdit"))->setText(QStringLiteral("Cat Clerk"));
    auto* roles = add->findChild<QComboBox*>(QStringLiteral("roleComboBox"));
    QCOMPARE(roles->count(), 5);  // admin, supervisor, solicitor, paralegal, accounts: each says what it may do
    const int accounts = roles->findText(QStringLiteral("Accounts"));
    QVERIFY(accounts >= 0);
    QVERIFY(roles->itemData(accounts, Qt::ToolTipRole).toString().contains(QStringLiteral("Therapy payments only")));
    roles->setCurrentIndex(roles->findText(QStringLiteral("Supervisor")));
    add->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->setText(QStringLiteral("cat one-time passphrase"));
    add->findChild<QLineEdit*>(QStringLiteral("repeatEdit"))->setText(QStringLiteral("cat one-time passphrase"));
    add->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();

    QTRY_COMPARE(m_dialog->model()->rowCount(), 3);
    const int row = m_dialog->model()->rowOf(QStringLiteral("cat"));
    QVERIFY(row >= 0);
    QCOMPARE(m_dialog->model()->index(row, ui::UsersModel::DisplayName).data().toString(), QStringLiteral("Cat Clerk"));
    QCOMPARE(m_dialog->model()->index(row, ui::UsersModel::Role).data().toString(), QStringLiteral("Supervisor"));
    QCOMPARE(m_dialog->selectedUsername(), QStringLiteral("cat"));
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    QTRY_VERIFY(m_dialog->findChild<ui::AddUserDialog*>() == nullptr);  // closed and gone
    // And the vault agrees.
    auto listed = m_session->users();
    QVERIFY(listed);
    QCOMPARE(listed->size(), std::size_t(3));
}

void UsersTest::addUserRefusalIsReportedAndInputKept()
{
    ui::AddUserDialog* add = openAddUser();
    add->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(QStringLiteral("bob"));  // taken
    add->findChild<QLineEdit*>(QStringLiteral("displayNameEdit"))->setText(QStringLiteral("Another Bob"));
    add->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))
        ->setText(QStringLiteral("another one-time passphrase"));
    add->findChild<QLineEdit*>(QStringLiteral("repeatEdit"))->setText(QStringLiteral("another one-time passphrase"));
    add->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();

    QTRY_COMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
    QCOMPARE(m_prompter.last(RecordingPrompter::Kind::Error)->title, QStringLiteral("The user was not added"));
    QVERIFY(
        m_prompter.last(RecordingPrompter::Kind::Error)->text.contains(QStringLiteral("already a user called bob")));
    QVERIFY(add->isVisible());
    QCOMPARE(add->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->text(), QStringLiteral("bob"));
    QCOMPARE(add->findChild<QLineEdit*>(QStringLiteral("displayNameEdit"))->text(), QStringLiteral("Another Bob"));
    QCOMPARE(add->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->text(),
             QStringLiteral("another one-time passphrase"));
    QCOMPARE(m_dialog->model()->rowCount(), 2);
}

void UsersTest::addUserMismatchIsShownInTheFormWithoutAskingCore()
{
    ui::AddUserDialog* add = openAddUser();
    add->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(QStringLiteral("cat"));
    add->findChild<QLineEdit*>(QStringLiteral("displayNameEdit"))->setText(QStringLiteral("Cat Clerk"));
    add->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->setText(QStringLiteral("cat one-time passphrase"));
    add->findChild<QLineEdit*>(QStringLiteral("repeatEdit"))->setText(QStringLiteral("cat one-time passfrase"));
    add->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(!m_session->isBusy());
    QVERIFY(add->isVisible());
    QVERIFY(add->findChild<QLabel*>(QStringLiteral("messageLabel"))->text().contains(QStringLiteral("different")));
    QCOMPARE(add->findChild<QLineEdit*>(QStringLiteral("repeatEdit"))->text(),
             QStringLiteral("cat one-time passfrase"));
}

void UsersTest::disableAsksFirstAndThenMarksTheRowDisabled()
{
    m_dialog->selectUser(QStringLiteral("bob"));
    m_prompter.confirmAnswers << false;
    button("disableUserButton")->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Confirm), 1);
    QCOMPARE(m_dialog->model()
                 ->index(m_dialog->model()->rowOf(QStringLiteral("bob")), ui::UsersModel::Status)
                 .data()
                 .toString(),
             QStringLiteral("Active, one-time passphrase"));

    m_prompter.confirmAnswers << true;
    button("disableUserButton")->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    QCOMPARE(m_dialog->model()
                 ->index(m_dialog->model()->rowOf(QStringLiteral("bob")), ui::UsersModel::Status)
                 .data()
                 .toString(),
             QStringLiteral("Disabled"));
    QCOMPARE(m_dialog->selectedUsername(), QStringLiteral("bob"));
    QVERIFY(!button("disableUserButton")->isEnabled());
    QVERIFY(!button("changeRoleButton")->isEnabled());
}

void UsersTest::changeRoleUsesThePrompterChoice()
{
    m_dialog->selectUser(QStringLiteral("bob"));
    m_prompter.choiceAnswers << 1;  // Supervisor
    button("changeRoleButton")->click();
    QCOMPARE(m_prompter.lastChoiceItems,
             (QStringList {QStringLiteral("Admin"), QStringLiteral("Supervisor"), QStringLiteral("Solicitor"),
                           QStringLiteral("Paralegal"), QStringLiteral("Accounts")}));
    QCOMPARE(m_dialog->model()
                 ->index(m_dialog->model()->rowOf(QStringLiteral("bob")), ui::UsersModel::Role)
                 .data()
                 .toString(),
             QStringLiteral("Supervisor"));
    // The accounts role (issue 7; migration 10 lets the users table hold it).
    m_prompter.choiceAnswers << 4;
    button("changeRoleButton")->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    QCOMPARE(m_dialog->model()
                 ->index(m_dialog->model()->rowOf(QStringLiteral("bob")), ui::UsersModel::Role)
                 .data()
                 .toString(),
             QStringLiteral("Accounts"));

    // Demoting the only admin: core refuses, the Prompter says why.
    m_dialog->selectUser(QStringLiteral("ada"));
    m_prompter.choiceAnswers << 3;
    button("changeRoleButton")->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 1);
    QVERIFY(m_prompter.last(RecordingPrompter::Kind::Error)->text.contains(QStringLiteral("only admin")));
}

void UsersTest::resetPassphraseGivesUserAOneTimePassphrase()
{
    // Bob first replaces his one-time passphrase, so the reset visibly sets "must change" again.
    {
        auto bob = core::Vault::unlock(m_vaultPath, QStringLiteral("bob"), "bob one-time passphrase",
                                       test::fastOptions(*m_dir));
        QVERIFY(bob);
        QVERIFY((*bob)->changePassphrase("bob one-time passphrase", "bob's own passphrase"));
    }
    m_dialog->reload();
    m_dialog->selectUser(QStringLiteral("bob"));
    button("resetPassphraseButton")->click();
    auto* reset = m_dialog->findChild<ui::OneTimePassphraseDialog*>();
    QVERIFY(reset != nullptr);
    QCOMPARE(reset->username(), QStringLiteral("bob"));
    reset->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->setText(QStringLiteral("bob second one-time"));
    reset->findChild<QLineEdit*>(QStringLiteral("repeatEdit"))->setText(QStringLiteral("bob second one-time"));
    reset->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();

    QTRY_COMPARE(m_dialog->model()
                     ->index(m_dialog->model()->rowOf(QStringLiteral("bob")), ui::UsersModel::Status)
                     .data()
                     .toString(),
                 QStringLiteral("Active, one-time passphrase"));
    QVERIFY(
        core::Vault::unlock(m_vaultPath, QStringLiteral("bob"), "bob second one-time", test::fastOptions(*m_dir)).ok());
}

void UsersTest::rotateVaultKeyAsksFirstAndDoesNothingWhenCancelled()
{
    m_prompter.confirmAnswers << false;
    button("rotateKeyButton")->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Confirm), 1);
    QVERIFY(!m_session->isBusy());
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Inform), 0);
}

void UsersTest::rotateVaultKeyKeepsEveryoneSignedIn()
{
    m_prompter.confirmAnswers << true;
    button("rotateKeyButton")->click();
    QVERIFY(m_session->isBusy());
    QVERIFY(!button("addUserButton")->isEnabled());  // one thing at a time
    QTRY_COMPARE(m_prompter.count(RecordingPrompter::Kind::Inform), 1);
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::Error), 0);
    QVERIFY(button("addUserButton")->isEnabled());
    QVERIFY(m_session->isUnlocked());
    m_session->lock(ui::LockReason::UserRequest);
    QVERIFY(test::unlockSession(*m_session, m_vaultPath, QStringLiteral("ada"), test::kAdminPassphrase));
    QVERIFY(test::unlockSession(*m_session, m_vaultPath, QStringLiteral("bob"), "bob one-time passphrase"));
}

void UsersTest::ownRowCannotBeDisabledOrReset()
{
    m_dialog->selectUser(QStringLiteral("ada"));
    QVERIFY(!button("disableUserButton")->isEnabled());
    QVERIFY(!button("disableUserButton")->toolTip().isEmpty());
    QVERIFY(!button("resetPassphraseButton")->isEnabled());
    QVERIFY(button("changeRoleButton")->isEnabled());
    m_dialog->selectUser(QStringLiteral("bob"));
    QVERIFY(button("disableUserButton")->isEnabled());
    QVERIFY(button("resetPassphraseButton")->isEnabled());
}

QTEST_MAIN(UsersTest)
#include "tst_ui_users.moc"
