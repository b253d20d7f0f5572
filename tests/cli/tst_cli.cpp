// claimdesk-cli end to end: the real binary, run with QProcess, passphrases fed on standard input.
// Each test has its own temporary folder, vault and unlock-throttle state. Vaults made here use the
// test-only KDF profile (--kdf-profile fast-insecure-for-tests, or test::fastOptions in-process).

#include "CliExit.h"
#include "CliRunner.h"
#include "PassphraseReader.h"
#include "TestVault.h"

#include "store/Keyring.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

#include <unistd.h>

using namespace claimdesk;
using claimdesk::cli::ExitStatus;
using claimdesk::cli::toInt;

namespace {

const QByteArray kAdminPass = test::kAdminPassphrase;
const QByteArray kOneTimePass = QByteArrayLiteral("one-time passphrase 4711");
const QByteArray kBobPass = QByteArrayLiteral("bob chose this passphrase");
const QString kFastKdf = QStringLiteral("--kdf-profile=fast-insecure-for-tests");
const QString kWrongPassphraseMessage = QStringLiteral(
    "claimdesk-cli: The username or passphrase is not right. Check the username and Caps Lock, then try again.\n");

using test::CliResult;

// One temporary folder with a vault path and the CLI run with its own XDG folders (CliRunner), plus the
// commands these tests repeat.
class Fixture : public test::CliRunner {
public:
    QString vault() const { return path(QStringLiteral("cases.claimdesk")); }

    CliResult createVault() const
    {
        return run({QStringLiteral("vault"), QStringLiteral("create"), vault(), QStringLiteral("--user"),
                    QStringLiteral("ada"), QStringLiteral("--name"), QStringLiteral("Ada Lovelace"), kFastKdf},
                   {kAdminPass});
    }

    CliResult addUser(const QString& admin, const QByteArray& adminPass, const QString& newUser, const QString& role,
                      const QByteArray& oneTime = kOneTimePass) const
    {
        return run({QStringLiteral("user"), QStringLiteral("add"), vault(), QStringLiteral("--user"), admin,
                    QStringLiteral("--new-user"), newUser, QStringLiteral("--name"), QStringLiteral("Bob Barker"),
                    QStringLiteral("--role"), role, kFastKdf},
                   {adminPass, oneTime});
    }

    CliResult passwd(const QString& user, const QByteArray& current, const QByteArray& next) const
    {
        return run(
            {QStringLiteral("vault"), QStringLiteral("passwd"), vault(), QStringLiteral("--user"), user, kFastKdf},
            {current, next});
    }

    CliResult listUsers(const QString& user, const QByteArray& pass, bool json = false) const
    {
        QStringList args {QStringLiteral("user"), QStringLiteral("list"), vault(), QStringLiteral("--user"), user};
        if (json) {
            args << QStringLiteral("--json");
        }
        return run(args, {pass});
    }

    CliResult check(const QString& vaultPath, const QString& user = QStringLiteral("ada"),
                    const QByteArray& pass = kAdminPass) const
    {
        return run({QStringLiteral("vault"), QStringLiteral("check"), vaultPath, QStringLiteral("--user"), user},
                   {pass});
    }
};

QJsonArray parseArray(const QString& text)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    return doc.isArray() ? doc.array() : QJsonArray();
}

QJsonObject userNamed(const QJsonArray& users, const QString& username)
{
    for (const QJsonValue& v : users) {
        if (v.toObject().value(QStringLiteral("username")).toString() == username) {
            return v.toObject();
        }
    }
    return {};
}

bool flipByte(const QString& path, qint64 offset)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || !file.seek(offset)) {
        return false;
    }
    char byte = 0;
    if (file.read(&byte, 1) != 1 || !file.seek(offset)) {
        return false;
    }
    byte = static_cast<char>(byte ^ 0x01);
    return file.write(&byte, 1) == 1;
}

QByteArray contentsOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class CliTest : public QObject {
    Q_OBJECT
private slots:
    void createThenListShowsTheAdminAsTableAndJson();
    void createNeverOverwritesAnExistingVault();
    void adminAddsUserWhoIsListedWithMustChangePassphrase();
    void adminAddsAnAccountsUser();
    void oneTimePassphraseAllowsOnlyPasswdUntilChanged();
    void passwdReplacesThePassphrase();
    void nonAdminIsDeniedAdminCommandsAndTheRefusalIsAudited_data();
    void nonAdminIsDeniedAdminCommandsAndTheRefusalIsAudited();
    void adminDisablesUserWhoThenCannotUnlock();
    void wrongPassphraseAndUnknownUserExit3WithTheSameMessage();
    void damagedKeyFileExits4_data();
    void damagedKeyFileExits4();
    void flippedByteInDatabaseMakesCheckExit4_data();
    void flippedByteInDatabaseMakesCheckExit4();
    void checkOnHealthyVaultExits0WithReport();
    void backupThenCheckOnTheBackupExits0();
    void checkOnABackupWrittenByCoreExits0();
    void backupNeverOverwritesAnExistingFile_data();
    void backupNeverOverwritesAnExistingFile();
    void passphraseIsNeverAcceptedFromArguments_data();
    void passphraseIsNeverAcceptedFromArguments();
    void unknownCommandsAndBadOptionsAreUsageErrors_data();
    void unknownCommandsAndBadOptionsAreUsageErrors();
    void invalidInputExits2BeforeAnythingIsWritten_data();
    void invalidInputExits2BeforeAnythingIsWritten();
    void vaultHeldBusyByAnotherProcessExits5();
    void filesThatAreNotVaultsGiveAClearErrorAndNonzeroStatus_data();
    void filesThatAreNotVaultsGiveAClearErrorAndNonzeroStatus();
    void helpIsAvailableForEveryCommandAndHidesTheTestKdf_data();
    void helpIsAvailableForEveryCommandAndHidesTheTestKdf();
    void everyErrorCodeMapsToItsDocumentedExitStatus_data();
    void everyErrorCodeMapsToItsDocumentedExitStatus();
    void passphraseReaderTakesOneLinePerPassphraseFromAPipe();
};

void CliTest::createThenListShowsTheAdminAsTableAndJson()
{
    Fixture f;
    const CliResult created = f.createVault();
    EXPECT_CLI_EXIT(created, ExitStatus::Success);
    QVERIFY(created.out.contains(QStringLiteral("ada is its first admin")));
    QVERIFY(created.err.isEmpty());
    QVERIFY(QFile::exists(core::Keyring::pathFor(f.vault())));
    QVERIFY(!contentsOf(f.vault()).startsWith("SQLite format 3"));

    const CliResult table = f.listUsers(QStringLiteral("ada"), kAdminPass);
    EXPECT_CLI_EXIT(table, ExitStatus::Success);
    const QStringList lines = table.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    const QString& header = lines.at(0);
    const QString& row = lines.at(1);
    QVERIFY(header.startsWith(QStringLiteral("USERNAME")));
    QVERIFY(row.startsWith(QStringLiteral("ada ")));
    // Aligned: every value starts in its header's column.
    QCOMPARE(row.indexOf(QStringLiteral("Ada Lovelace")), header.indexOf(QStringLiteral("DISPLAY NAME")));
    QCOMPARE(row.indexOf(QStringLiteral("admin")), header.indexOf(QStringLiteral("ROLE")));
    QCOMPARE(row.indexOf(QStringLiteral("yes")), header.indexOf(QStringLiteral("ACTIVE")));
    QCOMPARE(row.indexOf(QStringLiteral("no ")), header.indexOf(QStringLiteral("MUST CHANGE")));
    QVERIFY(QRegularExpression(QStringLiteral(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$)")).match(row).hasMatch());

    const CliResult json = f.listUsers(QStringLiteral("ada"), kAdminPass, true);
    EXPECT_CLI_EXIT(json, ExitStatus::Success);
    const QJsonArray users = parseArray(json.out);
    QCOMPARE(users.size(), 1);
    const QJsonObject ada = users.at(0).toObject();
    const QStringList keys {QStringLiteral("active"),      QStringLiteral("createdAt"),
                            QStringLiteral("displayName"), QStringLiteral("mustChangePassphrase"),
                            QStringLiteral("role"),        QStringLiteral("username")};
    QCOMPARE(ada.keys(), keys);
    QCOMPARE(ada.value(QStringLiteral("username")).toString(), QStringLiteral("ada"));
    QCOMPARE(ada.value(QStringLiteral("displayName")).toString(), QStringLiteral("Ada Lovelace"));
    QCOMPARE(ada.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
    QCOMPARE(ada.value(QStringLiteral("active")), QJsonValue(true));
    QCOMPARE(ada.value(QStringLiteral("mustChangePassphrase")), QJsonValue(false));
    const QDateTime createdAt = QDateTime::fromString(ada.value(QStringLiteral("createdAt")).toString(), Qt::ISODate);
    QVERIFY(createdAt.isValid());
    QCOMPARE(createdAt.timeSpec(), Qt::UTC);
}

void CliTest::createNeverOverwritesAnExistingVault()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    const QByteArray before = contentsOf(f.vault());
    const CliResult again = f.createVault();
    EXPECT_CLI_EXIT(again, ExitStatus::Failure);
    QVERIFY(again.err.contains(QStringLiteral("already exists")));
    QCOMPARE(contentsOf(f.vault()), before);
    EXPECT_CLI_EXIT(f.listUsers(QStringLiteral("ada"), kAdminPass), ExitStatus::Success);
}

void CliTest::adminAddsUserWhoIsListedWithMustChangePassphrase()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    const CliResult added
        = f.addUser(QStringLiteral("ada"), kAdminPass, QStringLiteral("Bob"), QStringLiteral("paralegal"));
    EXPECT_CLI_EXIT(added, ExitStatus::Success);
    QVERIFY(added.out.contains(QStringLiteral("Added bob (Bob Barker, paralegal)")));

    const QJsonArray users = parseArray(f.listUsers(QStringLiteral("ada"), kAdminPass, true).out);
    QCOMPARE(users.size(), 2);
    const QJsonObject bob = userNamed(users, QStringLiteral("bob"));
    QCOMPARE(bob.value(QStringLiteral("displayName")).toString(), QStringLiteral("Bob Barker"));
    QCOMPARE(bob.value(QStringLiteral("role")).toString(), QStringLiteral("paralegal"));
    QCOMPARE(bob.value(QStringLiteral("active")), QJsonValue(true));
    QCOMPARE(bob.value(QStringLiteral("mustChangePassphrase")), QJsonValue(true));
    QCOMPARE(userNamed(users, QStringLiteral("ada")).value(QStringLiteral("mustChangePassphrase")), QJsonValue(false));
}

// Issue 7: the accounts role (therapy payments only) is known to the CLI and stored by migration 10's CHECK.
void CliTest::adminAddsAnAccountsUser()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    const CliResult added = f.addUser(QStringLiteral("ada"), kAdminPass, QStringLiteral("acc"), QStringLiteral("accounts"));
    EXPECT_CLI_EXIT(added, ExitStatus::Success);
    QVERIFY(added.out.contains(QStringLiteral("Added acc (Bob Barker, accounts)")));
    const QJsonArray users = parseArray(f.listUsers(QStringLiteral("ada"), kAdminPass, true).out);
    QCOMPARE(userNamed(users, QStringLiteral("acc")).value(QStringLiteral("role")).toString(), QStringLiteral("accounts"));
}

void CliTest::oneTimePassphraseAllowsOnlyPasswdUntilChanged()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    EXPECT_CLI_EXIT(f.addUser(QStringLiteral("ada"), kAdminPass, QStringLiteral("bob"), QStringLiteral("admin")),
                    ExitStatus::Success);

    // Even an admin with a one-time passphrase may do nothing else first.
    const QString v = f.vault();
    const QList<QStringList> refused {
        {QStringLiteral("user"), QStringLiteral("list"), v, QStringLiteral("--user"), QStringLiteral("bob")},
        {QStringLiteral("vault"), QStringLiteral("check"), v, QStringLiteral("--user"), QStringLiteral("bob")},
        {QStringLiteral("vault"), QStringLiteral("backup"), v, QStringLiteral("--user"), QStringLiteral("bob"),
         QStringLiteral("--to"), f.path(QStringLiteral("copy.claimdesk"))},
        {QStringLiteral("user"), QStringLiteral("disable"), v, QStringLiteral("--user"), QStringLiteral("bob"),
         QStringLiteral("--target"), QStringLiteral("ada")},
        {QStringLiteral("user"), QStringLiteral("add"), v, QStringLiteral("--user"), QStringLiteral("bob"),
         QStringLiteral("--new-user"), QStringLiteral("carl"), QStringLiteral("--name"), QStringLiteral("Carl"),
         QStringLiteral("--role"), QStringLiteral("solicitor"), kFastKdf},
    };
    for (const QStringList& args : refused) {
        const CliResult r = f.run(args, {kOneTimePass, kOneTimePass});
        QVERIFY2(r.exitCode == toInt(ExitStatus::PermissionDenied),
                 qPrintable(args.join(QLatin1Char(' ')) + QLatin1Char('\n') + test::describe(r, 6)));
        QVERIFY(r.err.contains(QStringLiteral("vault passwd")));
        QVERIFY(r.out.isEmpty());
    }
    QVERIFY(!QFile::exists(f.path(QStringLiteral("copy.claimdesk"))));

    const CliResult changed = f.passwd(QStringLiteral("bob"), kOneTimePass, kBobPass);
    EXPECT_CLI_EXIT(changed, ExitStatus::Success);
    QVERIFY(changed.out.contains(QStringLiteral("Changed the passphrase of bob")));

    const CliResult listed = f.listUsers(QStringLiteral("bob"), kBobPass, true);
    EXPECT_CLI_EXIT(listed, ExitStatus::Success);
    QCOMPARE(userNamed(parseArray(listed.out), QStringLiteral("bob")).value(QStringLiteral("mustChangePassphrase")),
             QJsonValue(false));
    EXPECT_CLI_EXIT(f.listUsers(QStringLiteral("bob"), kOneTimePass), ExitStatus::BadCredentials);
}

void CliTest::passwdReplacesThePassphrase()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    const QByteArray next = QByteArrayLiteral("a brand new admin passphrase");
    const CliResult wrongCurrent
        = f.passwd(QStringLiteral("ada"), QByteArrayLiteral("not the passphrase at all"), next);
    EXPECT_CLI_EXIT(wrongCurrent, ExitStatus::BadCredentials);
    QCOMPARE(wrongCurrent.err, kWrongPassphraseMessage);

    EXPECT_CLI_EXIT(f.passwd(QStringLiteral("ada"), kAdminPass, QByteArrayLiteral("too short")), ExitStatus::Usage);
    EXPECT_CLI_EXIT(f.passwd(QStringLiteral("ada"), kAdminPass, kAdminPass), ExitStatus::Usage);
    EXPECT_CLI_EXIT(f.passwd(QStringLiteral("ada"), kAdminPass, next), ExitStatus::Success);
    EXPECT_CLI_EXIT(f.listUsers(QStringLiteral("ada"), kAdminPass), ExitStatus::BadCredentials);
    EXPECT_CLI_EXIT(f.listUsers(QStringLiteral("ada"), next), ExitStatus::Success);
}

void CliTest::nonAdminIsDeniedAdminCommandsAndTheRefusalIsAudited_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("attempted");
    QTest::addRow("paralegal runs user add") << QStringList {QStringLiteral("user"), QStringLiteral("add")}
                                             << QStringList {QStringLiteral("--new-user"),
                                                             QStringLiteral("carl"),
                                                             QStringLiteral("--name"),
                                                             QStringLiteral("Carl"),
                                                             QStringLiteral("--role"),
                                                             QStringLiteral("admin"),
                                                             kFastKdf}
                                             << QStringLiteral("add a user");
    QTest::addRow("paralegal runs user disable")
        << QStringList {QStringLiteral("user"), QStringLiteral("disable")}
        << QStringList {QStringLiteral("--target"), QStringLiteral("ada")} << QStringLiteral("disable a user");
    QTest::addRow("paralegal runs vault backup")
        << QStringList {QStringLiteral("vault"), QStringLiteral("backup")}
        << QStringList {QStringLiteral("--to"), QStringLiteral("BACKUP")} << QStringLiteral("back up the vault");
}

void CliTest::nonAdminIsDeniedAdminCommandsAndTheRefusalIsAudited()
{
    QFETCH(QStringList, command);
    QFETCH(QStringList, options);
    QFETCH(QString, attempted);
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    EXPECT_CLI_EXIT(f.addUser(QStringLiteral("ada"), kAdminPass, QStringLiteral("bob"), QStringLiteral("paralegal")),
                    ExitStatus::Success);
    EXPECT_CLI_EXIT(f.passwd(QStringLiteral("bob"), kOneTimePass, kBobPass), ExitStatus::Success);

    const QString backup = f.path(QStringLiteral("copy.claimdesk"));
    options.replaceInStrings(QStringLiteral("BACKUP"), backup);
    const CliResult denied
        = f.run(command + QStringList {f.vault(), QStringLiteral("--user"), QStringLiteral("bob")} + options,
                {kBobPass, kOneTimePass});
    EXPECT_CLI_EXIT(denied, ExitStatus::PermissionDenied);
    QVERIFY2(denied.err.startsWith(QStringLiteral("claimdesk-cli: Only an admin can do this")), qPrintable(denied.err));
    QVERIFY(denied.out.isEmpty());
    QVERIFY(!QFile::exists(backup));

    // Nothing changed, and core recorded the refusal.
    auto admin = core::Vault::unlock(f.vault(), QStringLiteral("ada"), kAdminPass, test::fastOptions(f.dir()));
    QVERIFY2(admin.ok(), admin.ok() ? "" : qPrintable(admin.error().message));
    auto users = (*admin)->users();
    QVERIFY(users.ok());
    QCOMPARE(users->size(), std::size_t {2});
    for (const core::User& u : *users) {
        QVERIFY(u.active);
    }
    auto entries = (*admin)->auditEntries();
    QVERIFY(entries.ok());
    const bool audited = std::any_of(entries->begin(), entries->end(), [&](const core::AuditEntry& e) {
        return e.action == QStringLiteral("permission.denied") && e.username == QStringLiteral("bob")
            && e.summary.value(QStringLiteral("attempted")).toString() == attempted;
    });
    QVERIFY(audited);
}

void CliTest::adminDisablesUserWhoThenCannotUnlock()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    EXPECT_CLI_EXIT(f.addUser(QStringLiteral("ada"), kAdminPass, QStringLiteral("bob"), QStringLiteral("solicitor")),
                    ExitStatus::Success);
    EXPECT_CLI_EXIT(f.passwd(QStringLiteral("bob"), kOneTimePass, kBobPass), ExitStatus::Success);

    const CliResult disabled
        = f.run({QStringLiteral("user"), QStringLiteral("disable"), f.vault(), QStringLiteral("--user"),
                 QStringLiteral("ada"), QStringLiteral("--target"), QStringLiteral("BOB")},
                {kAdminPass});
    EXPECT_CLI_EXIT(disabled, ExitStatus::Success);
    QVERIFY(disabled.out.contains(QStringLiteral("Disabled bob")));

    const QJsonObject bob
        = userNamed(parseArray(f.listUsers(QStringLiteral("ada"), kAdminPass, true).out), QStringLiteral("bob"));
    QCOMPARE(bob.value(QStringLiteral("active")), QJsonValue(false));
    const CliResult refused = f.listUsers(QStringLiteral("bob"), kBobPass);
    EXPECT_CLI_EXIT(refused, ExitStatus::BadCredentials);
    QCOMPARE(refused.err, kWrongPassphraseMessage);
}

void CliTest::wrongPassphraseAndUnknownUserExit3WithTheSameMessage()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    const CliResult wrongPassphrase = f.listUsers(QStringLiteral("ada"), QByteArrayLiteral("definitely not it, sorry"));
    const CliResult unknownUser = f.listUsers(QStringLiteral("mallory"), kAdminPass);
    EXPECT_CLI_EXIT(wrongPassphrase, ExitStatus::BadCredentials);
    EXPECT_CLI_EXIT(unknownUser, ExitStatus::BadCredentials);
    QCOMPARE(wrongPassphrase.err, kWrongPassphraseMessage);
    QCOMPARE(unknownUser.err, wrongPassphrase.err);
    QVERIFY(wrongPassphrase.out.isEmpty());
    QVERIFY(unknownUser.out.isEmpty());
}

void CliTest::damagedKeyFileExits4_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addRow("one byte flipped in the middle of the key file") << QStringLiteral("flip-middle");
    QTest::addRow("one byte flipped near the end of the key file") << QStringLiteral("flip-end");
    QTest::addRow("key file deleted") << QStringLiteral("delete");
}

void CliTest::damagedKeyFileExits4()
{
    QFETCH(QString, damage);
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    const QString keys = core::Keyring::pathFor(f.vault());
    const qint64 size = QFileInfo(keys).size();
    if (damage == QStringLiteral("flip-middle")) {
        QVERIFY(flipByte(keys, size / 2));
    } else if (damage == QStringLiteral("flip-end")) {
        QVERIFY(flipByte(keys, size - 8));
    } else {
        QVERIFY(QFile::remove(keys));
    }
    const CliResult r = f.check(f.vault());
    EXPECT_CLI_EXIT(r, ExitStatus::VaultDamaged);
    QVERIFY(r.err.startsWith(QStringLiteral("claimdesk-cli: The key file ")));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    EXPECT_CLI_EXIT(f.listUsers(QStringLiteral("ada"), kAdminPass), ExitStatus::VaultDamaged);
}

void CliTest::flippedByteInDatabaseMakesCheckExit4_data()
{
    QTest::addColumn<int>("percentOfFile");
    QTest::addRow("byte in page 1, read at unlock") << 0;
    QTest::addRow("byte in the middle of the file, far past page 1") << 50;
}

void CliTest::flippedByteInDatabaseMakesCheckExit4()
{
    QFETCH(int, percentOfFile);
    Fixture f;
    {
        // Enough data that the middle of the file is far past page 1: a 400 KiB setting spills into ~100 overflow
        // pages.
        auto vault = test::createVault(f.dir(), QStringLiteral("cases.claimdesk"));
        QVERIFY(vault->setSetting(QStringLiteral("test.padding"), QString(400 * 1024, QLatin1Char('x'))).ok());
        vault->lock();
    }
    EXPECT_CLI_EXIT(f.check(f.vault()), ExitStatus::Success);
    const qint64 size = QFileInfo(f.vault()).size();
    QVERIFY(size >= 100 * 4096);
    const qint64 offset = percentOfFile == 0 ? 100 : size * percentOfFile / 100;
    QVERIFY(flipByte(f.vault(), offset));

    const CliResult r = f.check(f.vault());
    EXPECT_CLI_EXIT(r, ExitStatus::VaultDamaged);
    QVERIFY2(r.err.contains(QStringLiteral("damaged")) || r.err.contains(QStringLiteral("failed its check")),
             qPrintable(r.err));
}

void CliTest::checkOnHealthyVaultExits0WithReport()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    EXPECT_CLI_EXIT(f.addUser(QStringLiteral("ada"), kAdminPass, QStringLiteral("bob"), QStringLiteral("supervisor")),
                    ExitStatus::Success);
    const CliResult r = f.check(f.vault());
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    QVERIFY(r.err.isEmpty());
    const QByteArray schemaLine =
        "^Schema version:\\s+" + QByteArray::number(core::latestSchemaVersion(core::standardMigrations())) + '$';
    for (const char* pattern :
         {schemaLine.constData(), R"(^Cipher:\s+SQLCipher \d+\.\d+\.\d+, profile \S+$)", R"(^Users:\s+2$)",
          R"(^Audit entries:\s+\d+ \(hash chain intact\)$)", R"(^Result:\s+OK$)"}) {
        const QRegularExpression re(QString::fromLatin1(pattern), QRegularExpression::MultilineOption);
        QVERIFY2(re.match(r.out).hasMatch(),
                 qPrintable(QString::fromLatin1(pattern) + QStringLiteral(" not in:\n") + r.out));
    }
}

void CliTest::backupThenCheckOnTheBackupExits0()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    const QString backup = f.path(QStringLiteral("backups/cases-copy.claimdesk"));
    const CliResult r = f.run({QStringLiteral("vault"), QStringLiteral("backup"), f.vault(), QStringLiteral("--user"),
                               QStringLiteral("ada"), QStringLiteral("--to"), backup},
                              {kAdminPass});
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    QVERIFY(QFile::exists(core::Keyring::pathFor(backup)));
    EXPECT_CLI_EXIT(f.check(backup), ExitStatus::Success);
}

void CliTest::checkOnABackupWrittenByCoreExits0()
{
    Fixture f;
    const QString backup = f.path(QStringLiteral("cases-copy.claimdesk"));
    {
        auto vault = test::createVault(f.dir(), QStringLiteral("cases.claimdesk"));
        QVERIFY(vault->backupTo(backup).ok());  // in the creating session, where backupTo works today
    }
    const CliResult r = f.check(backup);
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    QVERIFY(r.out.contains(QStringLiteral("OK")));
}

void CliTest::backupNeverOverwritesAnExistingFile_data()
{
    QTest::addColumn<bool>("keyFileOnly");
    QTest::addRow("the backup vault file exists") << false;
    QTest::addRow("only the backup's key file exists") << true;
}

void CliTest::backupNeverOverwritesAnExistingFile()
{
    QFETCH(bool, keyFileOnly);
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    const QString backup = f.path(QStringLiteral("precious.claimdesk"));
    const QString existing = keyFileOnly ? core::Keyring::pathFor(backup) : backup;
    const QByteArray precious = QByteArrayLiteral("somebody's important file\n");
    {
        QFile file(existing);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(precious);
    }
    const CliResult r = f.run({QStringLiteral("vault"), QStringLiteral("backup"), f.vault(), QStringLiteral("--user"),
                               QStringLiteral("ada"), QStringLiteral("--to"), backup},
                              {kAdminPass});
    EXPECT_CLI_EXIT(r, ExitStatus::Failure);
    QVERIFY2(r.err.contains(QStringLiteral("already exists")), qPrintable(r.err));
    QCOMPARE(contentsOf(existing), precious);
    QCOMPARE(QFile::exists(keyFileOnly ? backup : core::Keyring::pathFor(backup)), false);
}

void CliTest::passphraseIsNeverAcceptedFromArguments_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("expectedError");
    QTest::addRow("passphrase as an extra positional argument")
        << QStringList {QString::fromUtf8(kAdminPass)} << QStringLiteral("never taken from arguments");
    QTest::addRow("passphrase as a --passphrase option")
        << QStringList {QStringLiteral("--passphrase"), QString::fromUtf8(kAdminPass)}
        << QStringLiteral("Unknown option");
    QTest::addRow("passphrase as --passphrase=VALUE")
        << QStringList {QStringLiteral("--passphrase=") + QString::fromUtf8(kAdminPass)}
        << QStringLiteral("Unknown option");
}

void CliTest::passphraseIsNeverAcceptedFromArguments()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, expectedError);
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    // Standard input is closed (no lines): the only passphrase on offer is the one in the arguments.
    const CliResult r = f.run(QStringList {QStringLiteral("user"), QStringLiteral("list"), f.vault(),
                                           QStringLiteral("--user"), QStringLiteral("ada")}
                              + extra);
    EXPECT_CLI_EXIT(r, ExitStatus::Usage);
    QVERIFY2(r.err.contains(expectedError), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("Usage: claimdesk-cli user list")));
    QVERIFY(r.out.isEmpty());
}

void CliTest::unknownCommandsAndBadOptionsAreUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expectedError");
    const QString v = QStringLiteral("VAULT");
    const QString user = QStringLiteral("--user");
    const QString ada = QStringLiteral("ada");
    QTest::addRow("no command") << QStringList {} << QStringLiteral("Give a command");
    QTest::addRow("unknown command") << QStringList {QStringLiteral("frobnicate"), v}
                                     << QStringLiteral("Unknown command 'frobnicate'");
    QTest::addRow("unknown top-level option")
        << QStringList {QStringLiteral("--frobnicate")} << QStringLiteral("Unknown option");
    QTest::addRow("group without a command")
        << QStringList {QStringLiteral("vault")} << QStringLiteral("Give a vault command");
    QTest::addRow("unknown vault command")
        << QStringList {QStringLiteral("vault"), QStringLiteral("destroy"), v, user, ada}
        << QStringLiteral("Unknown command 'vault destroy'");
    QTest::addRow("unknown option") << QStringList {QStringLiteral("user"),     QStringLiteral("list"), v, user, ada,
                                                    QStringLiteral("--verbose")}
                                    << QStringLiteral("Unknown option 'verbose'");
    QTest::addRow("option of another command")
        << QStringList {QStringLiteral("vault"), QStringLiteral("check"), v, user, ada, QStringLiteral("--json")}
        << QStringLiteral("Unknown option 'json'");
    QTest::addRow("test KDF on a command that makes no key slot")
        << QStringList {QStringLiteral("vault"), QStringLiteral("check"), v, user, ada, kFastKdf}
        << QStringLiteral("Unknown option 'kdf-profile'");
    QTest::addRow("unknown KDF profile") << QStringList {QStringLiteral("vault"),
                                                         QStringLiteral("create"),
                                                         v,
                                                         user,
                                                         ada,
                                                         QStringLiteral("--name"),
                                                         QStringLiteral("Ada"),
                                                         QStringLiteral("--kdf-profile"),
                                                         QStringLiteral("none")}
                                         << QStringLiteral("Unknown KDF profile 'none'");
    QTest::addRow("missing --user") << QStringList {QStringLiteral("user"), QStringLiteral("list"), v}
                                    << QStringLiteral("Missing --user");
    QTest::addRow("missing value after --user") << QStringList {QStringLiteral("user"), QStringLiteral("list"), v, user}
                                                << QStringLiteral("Missing value after '--user'");
    QTest::addRow("missing VAULT") << QStringList {QStringLiteral("user"), QStringLiteral("list"), user, ada}
                                   << QStringLiteral("Give the vault file");
    QTest::addRow("missing --name on create")
        << QStringList {QStringLiteral("vault"), QStringLiteral("create"), v, user, ada}
        << QStringLiteral("Missing --name");
    QTest::addRow("--user given twice")
        << QStringList {QStringLiteral("user"), QStringLiteral("list"), v, user, ada, user, QStringLiteral("bob")}
        << QStringLiteral("--user is given more than once");
    QTest::addRow("--busy-timeout not a number")
        << QStringList {QStringLiteral("user"),           QStringLiteral("list"), v, user, ada,
                        QStringLiteral("--busy-timeout"), QStringLiteral("soon")}
        << QStringLiteral("--busy-timeout takes a number");
}

void CliTest::unknownCommandsAndBadOptionsAreUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expectedError);
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    arguments.replaceInStrings(QStringLiteral("VAULT"), f.vault());
    const CliResult r = f.run(arguments, {kAdminPass});
    EXPECT_CLI_EXIT(r, ExitStatus::Usage);
    QVERIFY2(r.err.startsWith(QStringLiteral("claimdesk-cli: ")), qPrintable(r.err));
    QVERIFY2(r.err.contains(expectedError), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("Usage: claimdesk-cli")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void CliTest::invalidInputExits2BeforeAnythingIsWritten_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QList<QByteArray>>("stdinLines");
    QTest::addColumn<QString>("expectedError");
    const QString v = QStringLiteral("VAULT");
    const QStringList addCarl {QStringLiteral("user"),
                               QStringLiteral("add"),
                               v,
                               QStringLiteral("--user"),
                               QStringLiteral("ada"),
                               QStringLiteral("--new-user"),
                               QStringLiteral("carl"),
                               QStringLiteral("--name"),
                               QStringLiteral("Carl"),
                               kFastKdf,
                               QStringLiteral("--role")};
    QTest::addRow("unknown role") << (addCarl + QStringList {QStringLiteral("judge")})
                                  << QList<QByteArray> {kAdminPass, kOneTimePass}
                                  << QStringLiteral("'judge' is not a role");
    QTest::addRow("weak one-time passphrase")
        << (addCarl + QStringList {QStringLiteral("solicitor")})
        << QList<QByteArray> {kAdminPass, QByteArrayLiteral("short")} << QStringLiteral("at least 10 characters");
    QTest::addRow("invalid new username")
        << QStringList {QStringLiteral("user"),        QStringLiteral("add"),       v,
                        QStringLiteral("--user"),      QStringLiteral("ada"),       QStringLiteral("--new-user"),
                        QStringLiteral("carl smith!"), QStringLiteral("--name"),    QStringLiteral("Carl"),
                        QStringLiteral("--role"),      QStringLiteral("solicitor"), kFastKdf}
        << QList<QByteArray> {kAdminPass, kOneTimePass} << QStringLiteral("A username is");
    QTest::addRow("no passphrase on standard input")
        << QStringList {QStringLiteral("user"), QStringLiteral("list"), v, QStringLiteral("--user"),
                        QStringLiteral("ada")}
        << QList<QByteArray> {} << QStringLiteral("Standard input ended before a passphrase was read");
    QTest::addRow("standard input ends before the one-time passphrase")
        << (addCarl + QStringList {QStringLiteral("solicitor")}) << QList<QByteArray> {kAdminPass}
        << QStringLiteral("Standard input ended");
}

void CliTest::invalidInputExits2BeforeAnythingIsWritten()
{
    QFETCH(QStringList, arguments);
    QFETCH(QList<QByteArray>, stdinLines);
    QFETCH(QString, expectedError);
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    const QByteArray keysBefore = contentsOf(core::Keyring::pathFor(f.vault()));
    arguments.replaceInStrings(QStringLiteral("VAULT"), f.vault());
    const CliResult r = f.run(arguments, stdinLines);
    EXPECT_CLI_EXIT(r, ExitStatus::Usage);
    QVERIFY2(r.err.contains(expectedError), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    QCOMPARE(contentsOf(core::Keyring::pathFor(f.vault())), keysBefore);
    QCOMPARE(parseArray(f.listUsers(QStringLiteral("ada"), kAdminPass, true).out).size(), 1);
}

void CliTest::vaultHeldBusyByAnotherProcessExits5()
{
    Fixture f;
    EXPECT_CLI_EXIT(f.createVault(), ExitStatus::Success);
    auto holder = core::Vault::unlock(f.vault(), QStringLiteral("ada"), kAdminPass, test::fastOptions(f.dir()));
    QVERIFY2(holder.ok(), holder.ok() ? "" : qPrintable(holder.error().message));
    QVERIFY((*holder)->connection().exec("BEGIN IMMEDIATE").ok());

    QElapsedTimer timer;
    timer.start();
    const CliResult busy = f.run({QStringLiteral("user"), QStringLiteral("list"), f.vault(), QStringLiteral("--user"),
                                  QStringLiteral("ada"), QStringLiteral("--busy-timeout"), QStringLiteral("300")},
                                 {kAdminPass});
    const qint64 elapsed = timer.elapsed();
    QVERIFY((*holder)->connection().exec("ROLLBACK").ok());
    EXPECT_CLI_EXIT(busy, ExitStatus::VaultBusy);
    QVERIFY2(busy.err.startsWith(QStringLiteral("claimdesk-cli: The vault is busy")), qPrintable(busy.err));
    QVERIFY(busy.out.isEmpty());
    QVERIFY2(elapsed < 4000, qPrintable(QStringLiteral("--busy-timeout 300 took %1 ms").arg(elapsed)));

    // Once the lock is released, the same command goes through.
    EXPECT_CLI_EXIT(f.listUsers(QStringLiteral("ada"), kAdminPass), ExitStatus::Success);
}

void CliTest::filesThatAreNotVaultsGiveAClearErrorAndNonzeroStatus_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("exists");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expectedError");
    QTest::addRow("plain SQLite database")
        << QByteArray("SQLite format 3\0 and then some junk that is no database", 56) << true
        << toInt(ExitStatus::VaultDamaged)
        << QStringLiteral("is an unencrypted SQLite database, not a ClaimDesk vault.");
    QByteArray random(8192, '\0');
    for (qsizetype i = 0; i < random.size(); ++i) {
        random[i] = static_cast<char>((i * 7919 + 13) % 251);
    }
    QTest::addRow("random bytes without a key file")
        << random << true << toInt(ExitStatus::VaultDamaged) << QStringLiteral("is missing");
    QTest::addRow("empty file") << QByteArray() << true << toInt(ExitStatus::VaultDamaged)
                                << QStringLiteral("is empty or too short to be a ClaimDesk vault");
    QTest::addRow("no such file") << QByteArray() << false << toInt(ExitStatus::Failure)
                                  << QStringLiteral("There is no vault at");
}

void CliTest::filesThatAreNotVaultsGiveAClearErrorAndNonzeroStatus()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, exists);
    QFETCH(int, status);
    QFETCH(QString, expectedError);
    Fixture f;
    const QString path = f.path(QStringLiteral("not-a-vault.db"));
    if (exists) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    const CliResult r = f.check(path);
    QVERIFY2(r.exitCode == status, qPrintable(test::describe(r, status)));
    QVERIFY2(r.err.startsWith(QStringLiteral("claimdesk-cli: ")) && r.err.contains(expectedError), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY(r.out.isEmpty());
    if (exists) {
        QCOMPARE(contentsOf(path), content);
    }
}

void CliTest::helpIsAvailableForEveryCommandAndHidesTheTestKdf_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expectedUsage");
    QTest::addRow("claimdesk-cli --help")
        << QStringList {QStringLiteral("--help")} << QStringLiteral("Usage: claimdesk-cli COMMAND");
    QTest::addRow("claimdesk-cli vault --help")
        << QStringList {QStringLiteral("vault"), QStringLiteral("--help")} << QStringLiteral("vault passwd");
    const QList<QStringList> commands {
        {QStringLiteral("vault"), QStringLiteral("create")}, {QStringLiteral("vault"), QStringLiteral("check")},
        {QStringLiteral("vault"), QStringLiteral("backup")}, {QStringLiteral("vault"), QStringLiteral("passwd")},
        {QStringLiteral("user"), QStringLiteral("add")},     {QStringLiteral("user"), QStringLiteral("disable")},
        {QStringLiteral("user"), QStringLiteral("list")},
    };
    for (const QStringList& c : commands) {
        const QString words = c.join(QLatin1Char(' '));
        QTest::addRow("%s --help", qPrintable(words))
            << (c + QStringList {QStringLiteral("--help")})
            << QStringLiteral("Usage: claimdesk-cli ") + words + QStringLiteral(" VAULT --user ");
        QTest::addRow("%s -h after other options", qPrintable(words))
            << (c
                + QStringList {QStringLiteral("some.claimdesk"), QStringLiteral("--user"), QStringLiteral("ada"),
                               QStringLiteral("-h")})
            << QStringLiteral("Usage: claimdesk-cli ") + words;
    }
}

void CliTest::helpIsAvailableForEveryCommandAndHidesTheTestKdf()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expectedUsage);
    Fixture f;
    const CliResult r = f.run(arguments);
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    QVERIFY2(r.out.contains(expectedUsage), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("Exit status: 0 success")));
    QVERIFY(!r.out.contains(QStringLiteral("kdf")));
    QVERIFY(r.err.isEmpty());
}

void CliTest::everyErrorCodeMapsToItsDocumentedExitStatus_data()
{
    using core::ErrorCode;
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<ExitStatus>("status");
    QTest::addRow("Internal: other failure") << ErrorCode::Internal << ExitStatus::Failure;
    QTest::addRow("InvalidInput: usage") << ErrorCode::InvalidInput << ExitStatus::Usage;
    QTest::addRow("NotFound: other failure") << ErrorCode::NotFound << ExitStatus::Failure;
    QTest::addRow("AlreadyExists: other failure") << ErrorCode::AlreadyExists << ExitStatus::Failure;
    QTest::addRow("WrongPassphrase: bad credentials") << ErrorCode::WrongPassphrase << ExitStatus::BadCredentials;
    QTest::addRow("TooManyAttempts: bad credentials") << ErrorCode::TooManyAttempts << ExitStatus::BadCredentials;
    QTest::addRow("PermissionDenied: permission denied") << ErrorCode::PermissionDenied << ExitStatus::PermissionDenied;
    QTest::addRow("MustChangePassphrase: permission denied")
        << ErrorCode::MustChangePassphrase << ExitStatus::PermissionDenied;
    QTest::addRow("KeyringMissing: damaged") << ErrorCode::KeyringMissing << ExitStatus::VaultDamaged;
    QTest::addRow("KeyringUnreadable: damaged") << ErrorCode::KeyringUnreadable << ExitStatus::VaultDamaged;
    QTest::addRow("KeyringTampered: damaged") << ErrorCode::KeyringTampered << ExitStatus::VaultDamaged;
    QTest::addRow("NotAVault: damaged") << ErrorCode::NotAVault << ExitStatus::VaultDamaged;
    QTest::addRow("Corrupted: damaged") << ErrorCode::Corrupted << ExitStatus::VaultDamaged;
    QTest::addRow("VaultBusy: busy") << ErrorCode::VaultBusy << ExitStatus::VaultBusy;
    QTest::addRow("VaultLocked: other failure") << ErrorCode::VaultLocked << ExitStatus::Failure;
    QTest::addRow("DiskFull: other failure") << ErrorCode::DiskFull << ExitStatus::Failure;
    QTest::addRow("IoError: other failure") << ErrorCode::IoError << ExitStatus::Failure;
    QTest::addRow("NewerSchema: other failure") << ErrorCode::NewerSchema << ExitStatus::Failure;
    QTest::addRow("MigrationFailed: other failure") << ErrorCode::MigrationFailed << ExitStatus::Failure;
    QTest::addRow("CipherUnavailable: other failure") << ErrorCode::CipherUnavailable << ExitStatus::Failure;
    QTest::addRow("ConflictingEdit: other failure") << ErrorCode::ConflictingEdit << ExitStatus::Failure;
}

void CliTest::everyErrorCodeMapsToItsDocumentedExitStatus()
{
    QFETCH(core::ErrorCode, code);
    QFETCH(ExitStatus, status);
    QCOMPARE(cli::exitStatusFor(code), status);
}

void CliTest::passphraseReaderTakesOneLinePerPassphraseFromAPipe()
{
    int fds[2] = {-1, -1};
    QCOMPARE(::pipe(fds), 0);
    const QByteArray input
        = "first passphrase\r\nsecond one\n" + QByteArray(cli::PassphraseReader::kMaxBytes + 1, 'z') + "\nlast";
    QCOMPARE(::write(fds[1], input.constData(), static_cast<std::size_t>(input.size())),
             static_cast<ssize_t>(input.size()));
    ::close(fds[1]);
    cli::PassphraseReader reader(fds[0], -1);
    QVERIFY(!reader.isTerminal());
    auto first = reader.readExisting(QStringLiteral("unused: "));
    QVERIFY(first.ok());
    QCOMPARE(first->bytes(), QByteArrayLiteral("first passphrase"));
    auto second = reader.readNew(QStringLiteral("unused: "), QStringLiteral("unused: "));  // not a terminal: asked once
    QVERIFY(second.ok());
    QCOMPARE(second->bytes(), QByteArrayLiteral("second one"));
    auto tooLong = reader.readExisting(QString());
    QVERIFY(!tooLong.ok());
    QCOMPARE(tooLong.error().code, core::ErrorCode::InvalidInput);
    auto last = reader.readExisting(QString());  // no newline at the end of input
    QVERIFY(last.ok());
    QCOMPARE(last->bytes(), QByteArrayLiteral("last"));
    auto none = reader.readExisting(QString());
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, core::ErrorCode::InvalidInput);
    ::close(fds[0]);

    // wipe() zeroes the one buffer, even when someone kept a (shared) copy of it.
    cli::Passphrase secret(QByteArrayLiteral("wipe me please"));
    const QByteArray copy = secret.bytes();
    secret.wipe();
    QVERIFY(secret.isEmpty());
    QCOMPARE(copy, QByteArray(14, '\0'));
}

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
