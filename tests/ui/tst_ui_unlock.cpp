// The unlock dialog on its own: what stays and what goes after a failure, the throttle's wait, and the
// busy state while Argon2id runs off the UI thread.

#include "support/UiTestSupport.h"

#include "ui/common/BusyIndicator.h"
#include "ui/shell/UnlockDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace claimdesk;

class UnlockDialogTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void wrongPassphraseKeepsUsernameClearsAndRefocusesPassphrase();
    void unknownUserGetsTheSameMessageAsWrongPassphrase();
    void tooManyAttemptsShowsTheWait();
    void unlockRunsOffTheUiThreadWithBusyIndicator();
    void rightPassphraseOpensTheSessionAndClosesTheDialog();
    void emptyFieldsAreRefusedWithoutAskingCore();
    void missingVaultFileIsExplained();

private:
    void submit(const QString& username, const QString& passphrase);
    QLineEdit* usernameEdit() const { return m_dialog->findChild<QLineEdit*>(QStringLiteral("usernameEdit")); }
    QLineEdit* passphraseEdit() const { return m_dialog->findChild<QLineEdit*>(QStringLiteral("passphraseEdit")); }
    QLabel* messageLabel() const { return m_dialog->findChild<QLabel*>(QStringLiteral("messageLabel")); }
    bool waitIdle() const
    {
        return QTest::qWaitFor([this] { return !m_dialog->isBusy(); }, 5000);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_vaultPath;
    std::unique_ptr<ui::VaultSession> m_session;
    std::unique_ptr<ui::UnlockDialog> m_dialog;
};

void UnlockDialogTest::initTestCase()
{
    test::useTestSettings();
}

void UnlockDialogTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_vaultPath = test::createLockedVault(*m_dir);
    m_session = test::makeSession(*m_dir);
    m_dialog = std::make_unique<ui::UnlockDialog>(*m_session, m_vaultPath);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    m_dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
}

void UnlockDialogTest::cleanup()
{
    m_dialog.reset();
    m_session.reset();
    m_dir.reset();
}

void UnlockDialogTest::submit(const QString& username, const QString& passphrase)
{
    usernameEdit()->setText(username);
    passphraseEdit()->setText(passphrase);
    m_dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
}

void UnlockDialogTest::wrongPassphraseKeepsUsernameClearsAndRefocusesPassphrase()
{
    submit(QStringLiteral("ada"), QStringLiteral("not the passphrase at all"));
    QVERIFY(waitIdle());

    QVERIFY(!m_session->isUnlocked());
    QVERIFY(m_dialog->isVisible());
    QCOMPARE(usernameEdit()->text(), QStringLiteral("ada"));
    QCOMPARE(passphraseEdit()->text(), QString());
    QTRY_VERIFY(passphraseEdit()->hasFocus());
    QVERIFY(messageLabel()->isVisible());
    // Core's own words.
    QVERIFY2(messageLabel()->text().startsWith(QStringLiteral("The username or passphrase is not right")),
             qPrintable(messageLabel()->text()));
}

void UnlockDialogTest::unknownUserGetsTheSameMessageAsWrongPassphrase()
{
    submit(QStringLiteral("ada"), QStringLiteral("not the passphrase at all"));
    QVERIFY(waitIdle());
    const QString wrongPassphrase = messageLabel()->text();
    submit(QStringLiteral("nobody"), QStringLiteral("not the passphrase at all"));
    QVERIFY(waitIdle());
    QCOMPARE(messageLabel()->text(), wrongPassphrase);
    QCOMPARE(usernameEdit()->text(), QStringLiteral("nobody"));
}

void UnlockDialogTest::tooManyAttemptsShowsTheWait()
{
    // The first failures are free; after that core asks the person to wait.
    for (int attempt = 0; attempt < 8 && !messageLabel()->text().contains(QStringLiteral("Wait")); ++attempt) {
        submit(QStringLiteral("ada"), QStringLiteral("still not the passphrase"));
        QVERIFY(waitIdle());
    }
    QVERIFY2(messageLabel()->text().contains(QStringLiteral("Too many failed attempts")),
             qPrintable(messageLabel()->text()));
    QVERIFY(messageLabel()->text().contains(QStringLiteral("seconds")));
    QCOMPARE(usernameEdit()->text(), QStringLiteral("ada"));
    QVERIFY(passphraseEdit()->text().isEmpty());
}

void UnlockDialogTest::unlockRunsOffTheUiThreadWithBusyIndicator()
{
    submit(QStringLiteral("ada"), QString::fromUtf8(test::kAdminPassphrase));
    // Straight after the click, before the event loop runs: the work is elsewhere and the form says so.
    auto* busy = m_dialog->findChild<ui::BusyIndicator*>();
    QVERIFY(busy->isBusy());
    QVERIFY(busy->isVisible());
    QVERIFY(!busy->text().isEmpty());
    QVERIFY(!passphraseEdit()->isEnabled());
    QVERIFY(!m_dialog->findChild<QDialogButtonBox*>()->isEnabled());
    QVERIFY(m_session->isBusy());
    m_dialog->reject();  // cannot walk away mid-unlock
    QVERIFY(m_dialog->isVisible());
    QTRY_VERIFY(m_session->isUnlocked());
    QVERIFY(!busy->isBusy());
}

void UnlockDialogTest::rightPassphraseOpensTheSessionAndClosesTheDialog()
{
    QSignalSpy unlocked(m_dialog.get(), &ui::UnlockDialog::unlocked);
    submit(QStringLiteral("ADA"), QString::fromUtf8(test::kAdminPassphrase));  // usernames are case-insensitive
    QTRY_COMPARE(unlocked.count(), 1);
    QVERIFY(m_session->isUnlocked());
    QCOMPARE(m_session->currentUser().displayName, QStringLiteral("Ada Admin"));
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QVERIFY(!m_dialog->isVisible());
    QVERIFY(passphraseEdit()->text().isEmpty());
    QVERIFY(m_dialog->takeOneTimePassphrase().isEmpty());  // only kept for a forced change
}

void UnlockDialogTest::emptyFieldsAreRefusedWithoutAskingCore()
{
    submit(QString(), QStringLiteral("whatever"));
    QVERIFY(!m_session->isBusy());
    QCOMPARE(messageLabel()->text(), QStringLiteral("Enter your username."));
    QCOMPARE(passphraseEdit()->text(), QStringLiteral("whatever"));
    submit(QStringLiteral("ada"), QString());
    QVERIFY(!m_session->isBusy());
    QCOMPARE(messageLabel()->text(), QStringLiteral("Enter your passphrase."));
}

void UnlockDialogTest::missingVaultFileIsExplained()
{
    ui::UnlockDialog dialog(*m_session, m_dir->filePath(QStringLiteral("gone.claimdesk")));
    dialog.findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(QStringLiteral("ada"));
    dialog.findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->setText(QStringLiteral("anything at all"));
    dialog.accept();
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("messageLabel"))
                ->text()
                .contains(QStringLiteral("There is no vault")));
}

QTEST_MAIN(UnlockDialogTest)
#include "tst_ui_unlock.moc"
