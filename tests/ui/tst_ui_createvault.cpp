// The create-vault dialog: what it refuses, that it keeps what was typed, and that it signs the new admin in.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "ui/common/PassphraseStrengthHint.h"
#include "ui/shell/CreateVaultDialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace claimdesk;
using test::RecordingPrompter;

class CreateVaultDialogTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void mismatchedPassphrasesAreRefusedAndEverythingTypedIsKept();
    void shortPassphraseIsRefusedWithTheMinimumLengthRule();
    void strengthHintFollowsTyping_data();
    void strengthHintFollowsTyping();
    void matchHintSaysWhetherTheRepeatMatches();
    void chooseLocationGoesThroughPrompterAndAddsSuffix();
    void existingFileIsRefusedWithCoreMessageAndInputKept();
    void validFormCreatesVaultAndSignsInTheAdmin();

private:
    QLineEdit* edit(const char* name) const { return m_dialog->findChild<QLineEdit*>(QString::fromLatin1(name)); }
    QLabel* messageLabel() const { return m_dialog->findChild<QLabel*>(QStringLiteral("messageLabel")); }
    void fill(const QString& passphrase, const QString& repeat);
    void pressCreate() { m_dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    RecordingPrompter m_prompter;
    std::unique_ptr<ui::VaultSession> m_session;
    std::unique_ptr<ui::CreateVaultDialog> m_dialog;
};

void CreateVaultDialogTest::initTestCase()
{
    test::useTestSettings();
}

void CreateVaultDialogTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_prompter.reset();
    m_session = test::makeSession(*m_dir);
    m_dialog = std::make_unique<ui::CreateVaultDialog>(*m_session, m_prompter);
    m_dialog->setVaultPath(m_dir->filePath(QStringLiteral("firm.claimdesk")));
    m_dialog->show();
}

void CreateVaultDialogTest::cleanup()
{
    m_dialog.reset();
    m_session.reset();
    m_dir.reset();
}

void CreateVaultDialogTest::fill(const QString& passphrase, const QString& repeat)
{
    edit("usernameEdit")->setText(QStringLiteral("jsmith"));
    edit("displayNameEdit")->setText(QStringLiteral("Jo Smith"));
    QTest::keyClicks(edit("passphraseEdit"), passphrase);
    QTest::keyClicks(edit("repeatEdit"), repeat);
}

void CreateVaultDialogTest::mismatchedPassphrasesAreRefusedAndEverythingTypedIsKept()
{
    fill(QStringLiteral("purple otters juggle daily"), QStringLiteral("purple otters juggle dialy"));
    pressCreate();

    QVERIFY(!m_session->isBusy());
    QVERIFY(!m_session->isUnlocked());
    QVERIFY(m_dialog->isVisible());
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("firm.claimdesk"))));
    QVERIFY(messageLabel()->isVisible());
    QVERIFY2(messageLabel()->text().contains(QStringLiteral("different")), qPrintable(messageLabel()->text()));
    QCOMPARE(edit("usernameEdit")->text(), QStringLiteral("jsmith"));
    QCOMPARE(edit("displayNameEdit")->text(), QStringLiteral("Jo Smith"));
    QCOMPARE(edit("passphraseEdit")->text(), QStringLiteral("purple otters juggle daily"));
    QCOMPARE(edit("repeatEdit")->text(), QStringLiteral("purple otters juggle dialy"));
    QTRY_VERIFY(edit("repeatEdit")->hasFocus());
}

void CreateVaultDialogTest::shortPassphraseIsRefusedWithTheMinimumLengthRule()
{
    fill(QStringLiteral("short"), QStringLiteral("short"));
    pressCreate();

    QVERIFY(!m_session->isBusy());
    QVERIFY(m_dialog->isVisible());
    QVERIFY2(messageLabel()->text().contains(
                 QStringLiteral("at least %1 characters").arg(ui::VaultSession::minimumPassphraseLength())),
             qPrintable(messageLabel()->text()));
    QCOMPARE(edit("passphraseEdit")->text(), QStringLiteral("short"));
    QCOMPARE(edit("repeatEdit")->text(), QStringLiteral("short"));
}

void CreateVaultDialogTest::strengthHintFollowsTyping_data()
{
    QTest::addColumn<QString>("passphrase");
    QTest::addColumn<int>("strength");
    QTest::addColumn<QString>("hintContains");
    QTest::addRow("empty: states the rule") << QString() << 0 << QStringLiteral("At least 10 characters");
    QTest::addRow("7 characters: 3 more needed") << QStringLiteral("abcdefg") << 0 << QStringLiteral("3 more");
    QTest::addRow("10 lower-case letters: acceptable but weak")
        << QStringLiteral("abcdefghij") << 1 << QStringLiteral("weak");
    QTest::addRow("five words: strong") << QStringLiteral("purple otters juggle daily now") << 4
                                        << QStringLiteral("Strong");
}

void CreateVaultDialogTest::strengthHintFollowsTyping()
{
    QFETCH(QString, passphrase);
    QFETCH(int, strength);
    QFETCH(QString, hintContains);
    QTest::keyClicks(edit("passphraseEdit"), passphrase);
    auto* hint = m_dialog->findChild<ui::PassphraseStrengthHint*>();
    QCOMPARE(hint->strength(), strength);
    QVERIFY2(hint->text().contains(hintContains), qPrintable(hint->text()));
}

void CreateVaultDialogTest::matchHintSaysWhetherTheRepeatMatches()
{
    auto* match = m_dialog->findChild<QLabel*>(QStringLiteral("matchLabel"));
    QTest::keyClicks(edit("passphraseEdit"), QStringLiteral("purple otters"));
    QVERIFY(match->text().isEmpty());
    QTest::keyClicks(edit("repeatEdit"), QStringLiteral("purple"));
    QCOMPARE(match->text(), QStringLiteral("The passphrases do not match yet."));
    QTest::keyClicks(edit("repeatEdit"), QStringLiteral(" otters"));
    QCOMPARE(match->text(), QStringLiteral("The passphrases match."));
}

void CreateVaultDialogTest::chooseLocationGoesThroughPrompterAndAddsSuffix()
{
    m_prompter.saveAnswers << m_dir->filePath(QStringLiteral("chosen"));
    m_dialog->findChild<QPushButton*>(QStringLiteral("chooseLocationButton"))->click();
    QCOMPARE(m_prompter.count(RecordingPrompter::Kind::SaveFile), 1);
    QCOMPARE(m_dialog->vaultPath(), m_dir->filePath(QStringLiteral("chosen.claimdesk")));
    // Cancelling the file dialog keeps the current choice.
    m_dialog->findChild<QPushButton*>(QStringLiteral("chooseLocationButton"))->click();
    QCOMPARE(m_dialog->vaultPath(), m_dir->filePath(QStringLiteral("chosen.claimdesk")));
}

void CreateVaultDialogTest::existingFileIsRefusedWithCoreMessageAndInputKept()
{
    QFile existing(m_dir->filePath(QStringLiteral("firm.claimdesk")));
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("someone else's file");
    existing.close();
    fill(QStringLiteral("purple otters juggle daily"), QStringLiteral("purple otters juggle daily"));
    pressCreate();
    QTRY_VERIFY(!m_dialog->isBusy());

    QVERIFY(m_dialog->isVisible());
    QVERIFY2(messageLabel()->text().contains(QStringLiteral("already exists")), qPrintable(messageLabel()->text()));
    QCOMPARE(edit("passphraseEdit")->text(), QStringLiteral("purple otters juggle daily"));
    QCOMPARE(edit("usernameEdit")->text(), QStringLiteral("jsmith"));
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("someone else's file"));
}

void CreateVaultDialogTest::validFormCreatesVaultAndSignsInTheAdmin()
{
    QSignalSpy created(m_dialog.get(), &ui::CreateVaultDialog::created);
    fill(QStringLiteral("purple otters juggle daily"), QStringLiteral("purple otters juggle daily"));
    pressCreate();
    QVERIFY(m_dialog->isBusy());
    QTRY_COMPARE(created.count(), 1);

    QCOMPARE(created.constFirst().constFirst().toString(), m_dir->filePath(QStringLiteral("firm.claimdesk")));
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("firm.claimdesk"))));
    QVERIFY(m_session->isUnlocked());
    QCOMPARE(m_session->currentUser().username, QStringLiteral("jsmith"));
    QCOMPARE(m_session->currentUser().role, core::Role::Admin);
    QVERIFY(!m_dialog->isVisible());
    QVERIFY(edit("passphraseEdit")->text().isEmpty());
}

QTEST_MAIN(CreateVaultDialogTest)
#include "tst_ui_createvault.moc"
