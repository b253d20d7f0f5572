#include "FakeClock.h"
#include "FileBytes.h"
#include "TestVault.h"

#include "store/Keyring.h"
#include "store/Sqlite.h"
#include "store/UnlockThrottle.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <sys/resource.h>

using namespace claimdesk;
using namespace claimdesk::core;

namespace {
const QByteArray kMarker = QByteArrayLiteral("ZQXMARKER-Brontesaurus-4471");

QString vaultPath(const QTemporaryDir& dir)
{
    return dir.filePath(QStringLiteral("test.claimdesk"));
}

Result<std::unique_ptr<Vault>> unlockAs(const QTemporaryDir& dir, const QString& user, const QByteArray& passphrase,
                                        const VaultOptions* options = nullptr)
{
    return Vault::unlock(vaultPath(dir), user, passphrase, options ? *options : test::fastOptions(dir));
}

// Each macro evaluates its argument exactly once (QVERIFY2 would evaluate a call twice).
#define QVERIFY_OK(expr)                                                                                               \
    do {                                                                                                               \
        const auto& result_ = (expr);                                                                                  \
        QVERIFY2(result_.ok(), result_.ok() ? "" : qPrintable(result_.error().message));                               \
    } while (false)
#define QCOMPARE_ERROR(expr, expected)                                                                                 \
    do {                                                                                                               \
        const auto& result_ = (expr);                                                                                  \
        QVERIFY2(!result_.ok(), "expected an error, got success");                                                     \
        QCOMPARE(errorCodeName(result_.error().code), errorCodeName(expected));                                        \
    } while (false)
}  // namespace

class VaultTest : public QObject {
    Q_OBJECT
private slots:
    void createUnlockLockRoundTrip();
    void lockWipesKeyAndClosesDatabase();
    void createRefusesToOverwriteAnExistingVault();
    void createRefusesAShortPassphrase();
    void wrongPassphraseAndUnknownUserGetTheSameError();
    void repeatedFailuresImposeAGrowingDelay();
    void markerStringNeverAppearsInPlaintextOnDisk();
    void fileDoesNotStartWithSqliteHeaderAndUsesLargePages();
    void flippedByteOnFirstDatabasePageIsReportedAsCorrupted();
    void flippedByteDeepInDatabaseIsFoundByIntegrityCheck();
    void flippedByteInKeyringIsReportedAsTampered();
    void missingKeyringIsReported();
    void unreadableKeyringIsReported();
    void plainSqliteFileIsNotAVault();
    void keyringFromAnotherVaultIsRefused();
    void backupRestoreRoundTrip();
    void backupAndRestoreNeverOverwrite();
    void failingMigrationLeavesVaultAtOldVersion();
    void vaultFromNewerSchemaIsRefused();
    void migration10RebuildsUsersForTheAccountsRole();
    void changePassphraseRewrapsOnlyOwnSlot();
    void addedUserMustChangeOneTimePassphrase();
    void disabledUserCannotUnlockAndLosesSlot();
    void nonAdminIsRefusedAndRefusalIsAudited();
    void lastAdminCannotBeDemoted();
    void rotateVaultKeyKeepsActiveUsersAndRetiresOldKey();
    void interruptedRotationIsFinishedAtNextUnlock();
    void everyChangeIsAuditedInAnIntactChain();
    void secondProcessHoldingWriteLockMakesVaultBusy();
    void diskFullMidWriteLosesNothingCommitted();
};

void VaultTest::createUnlockLockRoundTrip()
{
    QTemporaryDir dir;
    {
        auto vault = test::createVault(dir);
        QCOMPARE(vault->currentUser().role, Role::Admin);
        QCOMPARE(vault->currentUser().username, QStringLiteral("ada"));
        QVERIFY_OK(vault->setSetting(QStringLiteral("firm.name"), QStringLiteral("Bright Barker Kell LLP")));
        vault->lock();
        QVERIFY(!vault->isUnlocked());
    }
    auto again = unlockAs(dir, QStringLiteral("ADA"), test::kAdminPassphrase);  // usernames are case-insensitive
    QVERIFY_OK(again);
    QCOMPARE((*again)->currentUser().displayName, QStringLiteral("Ada Admin"));
    QCOMPARE(*(*again)->setting(QStringLiteral("firm.name")), QStringLiteral("Bright Barker Kell LLP"));
    QCOMPARE((*again)->schemaVersion(), latestSchemaVersion(standardMigrations()));
    auto report = (*again)->checkIntegrity();
    QVERIFY_OK(report);
    QVERIFY2(report->ok, qPrintable(report->problems.join(QLatin1Char('\n'))));
    QCOMPARE(report->users, qint64{1});
}

void VaultTest::lockWipesKeyAndClosesDatabase()
{
    QTemporaryDir dir;
    auto vault = test::createVault(dir);
    QVERIFY(!vault->vaultKeyForTests().empty());
    vault->lock();
    QVERIFY(vault->vaultKeyForTests().empty());
    QVERIFY(!vault->connection().isOpen());
    QCOMPARE_ERROR(vault->users(), ErrorCode::VaultLocked);
    QCOMPARE_ERROR(vault->setSetting(QStringLiteral("x"), QStringLiteral("y")), ErrorCode::VaultLocked);
}

void VaultTest::createRefusesToOverwriteAnExistingVault()
{
    QTemporaryDir dir;
    test::createVault(dir)->lock();
    const QByteArray before = test::readAll(vaultPath(dir));
    auto second = Vault::create(vaultPath(dir), {QStringLiteral("bob"), QStringLiteral("Bob"), Role::Admin},
                                test::kAdminPassphrase, test::fastOptions(dir));
    QCOMPARE_ERROR(second, ErrorCode::AlreadyExists);
    QCOMPARE(test::readAll(vaultPath(dir)), before);
    QVERIFY_OK(unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase));
}

void VaultTest::createRefusesAShortPassphrase()
{
    QTemporaryDir dir;
    auto created = Vault::create(vaultPath(dir), {QStringLiteral("ada"), QStringLiteral("Ada"), Role::Admin},
                                 QByteArrayLiteral("short"), test::fastOptions(dir));
    QCOMPARE_ERROR(created, ErrorCode::InvalidInput);
    QVERIFY(!QFileInfo::exists(vaultPath(dir)));
    QVERIFY(!QFileInfo::exists(Keyring::pathFor(vaultPath(dir))));
}

void VaultTest::wrongPassphraseAndUnknownUserGetTheSameError()
{
    QTemporaryDir dir;
    test::createVault(dir)->lock();
    auto wrong = unlockAs(dir, QStringLiteral("ada"), QByteArrayLiteral("not the passphrase at all"));
    auto unknown = unlockAs(dir, QStringLiteral("mallory"), test::kAdminPassphrase);
    QCOMPARE_ERROR(wrong, ErrorCode::WrongPassphrase);
    QCOMPARE_ERROR(unknown, ErrorCode::WrongPassphrase);
    QCOMPARE(wrong.error().message, unknown.error().message);
}

void VaultTest::repeatedFailuresImposeAGrowingDelay()
{
    QTemporaryDir dir;
    test::createVault(dir)->lock();
    test::FakeClock clock;
    VaultOptions options = test::fastOptions(dir);
    options.clock = &clock;
    const QByteArray wrong = QByteArrayLiteral("wrong passphrase, again");
    for (int i = 0; i < 3; ++i) {
        QCOMPARE_ERROR(unlockAs(dir, QStringLiteral("ada"), wrong, &options), ErrorCode::WrongPassphrase);
    }
    // After three failures even the right passphrase must wait.
    auto blocked = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase, &options);
    QCOMPARE_ERROR(blocked, ErrorCode::TooManyAttempts);
    QVERIFY(blocked.error().message.contains(QStringLiteral("1 seconds")));
    clock.advanceSeconds(1);
    QCOMPARE_ERROR(unlockAs(dir, QStringLiteral("ada"), wrong, &options), ErrorCode::WrongPassphrase);  // 4th
    clock.advanceSeconds(1);
    QCOMPARE_ERROR(unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase, &options), ErrorCode::TooManyAttempts);
    clock.advanceSeconds(1);  // 2 s after the 4th failure
    auto opened = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase, &options);
    QVERIFY_OK(opened);
    QCOMPARE((*opened)->failedAttemptsBeforeUnlock(), 4);
    auto entries = (*opened)->auditEntries();
    QVERIFY_OK(entries);
    QCOMPARE(entries->back().action, QStringLiteral("vault.unlock"));
    QCOMPARE(entries->back().summary.value(QStringLiteral("failedAttemptsBefore")).toInt(), 4);
    // Success resets the count. Another user's failures are counted separately.
    (*opened)->lock();
    QVERIFY_OK(unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase, &options));
    QCOMPARE(UnlockThrottle::delaySecondsAfter(2), 0);
    QCOMPARE(UnlockThrottle::delaySecondsAfter(3), 1);
    QCOMPARE(UnlockThrottle::delaySecondsAfter(6), 8);
    QCOMPARE(UnlockThrottle::delaySecondsAfter(40), 300);
}

void VaultTest::markerStringNeverAppearsInPlaintextOnDisk()
{
    QTemporaryDir dir;
    const QString backup = dir.filePath(QStringLiteral("backup.claimdesk"));
    {
        auto vault = test::createVault(dir, QStringLiteral("test.claimdesk"), QString::fromLatin1(kMarker));
        QVERIFY_OK(vault->addUser({QStringLiteral("bea"), QString::fromLatin1(kMarker) + QStringLiteral(" two"), Role::Paralegal},
                                  QByteArrayLiteral("one-time passphrase 1")));
        QVERIFY_OK(vault->backupTo(backup));
        // While a write transaction is open the rollback journal exists: it must be encrypted too.
        QVERIFY_OK(vault->connection().exec("BEGIN IMMEDIATE"));
        QVERIFY_OK(vault->connection().exec("UPDATE users SET display_name = display_name || ' edited'"));
        const QString journal = vaultPath(dir) + QStringLiteral("-journal");
        QVERIFY(QFileInfo::exists(journal));
        QVERIFY(!test::readAll(journal).contains(kMarker));
        QVERIFY_OK(vault->connection().exec("COMMIT"));
    }
    const QStringList files{vaultPath(dir), Keyring::pathFor(vaultPath(dir)), backup, Keyring::pathFor(backup),
                            vaultPath(dir) + QStringLiteral("-wal")};
    for (const QString& file : files) {
        const QByteArray bytes = test::readAll(file);
        QVERIFY2(!bytes.contains(kMarker), qPrintable(file));
        QVERIFY2(!bytes.contains(QByteArrayLiteral("Brontesaurus")), qPrintable(file));
    }
    QVERIFY(test::readAll(vaultPath(dir)).size() > 4096);
    // Control: the same write to an unkeyed database does leave the marker readable, so the search works.
    const QString plain = dir.filePath(QStringLiteral("plain.db"));
    {
        auto db = sql::Connection::open(plain, true);
        QVERIFY_OK(db);
        QVERIFY_OK(db->exec("CREATE TABLE t (v TEXT)"));
        auto insert = db->prepare("INSERT INTO t VALUES (?1)");
        QVERIFY_OK(insert);
        QVERIFY_OK(insert->bind(1, QString::fromLatin1(kMarker)).run());
    }
    QVERIFY(test::readAll(plain).contains(kMarker));
}

void VaultTest::fileDoesNotStartWithSqliteHeaderAndUsesLargePages()
{
    QTemporaryDir dir;
    test::createVault(dir)->lock();
    const QByteArray bytes = test::readAll(vaultPath(dir));
    QVERIFY(!bytes.startsWith(QByteArrayLiteral("SQLite format 3")));
    QCOMPARE(bytes.size() % 4096, 0);
    auto keyring = Keyring::load(Keyring::pathFor(vaultPath(dir)));
    QVERIFY_OK(keyring);
    QCOMPARE(keyring->cipher.pageSize, 4096);
    QCOMPARE(keyring->cipher.compatibility, 3);
    QCOMPARE(keyring->cipher.name(), QStringLiteral("sqlcipher3-page4096"));
}

void VaultTest::flippedByteOnFirstDatabasePageIsReportedAsCorrupted()
{
    QTemporaryDir dir;
    test::createVault(dir)->lock();
    QVERIFY(test::flipByte(vaultPath(dir), 100));
    auto opened = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
    QCOMPARE_ERROR(opened, ErrorCode::Corrupted);
    QVERIFY(opened.error().message.contains(QStringLiteral("backup")));
}

void VaultTest::flippedByteDeepInDatabaseIsFoundByIntegrityCheck()
{
    QTemporaryDir dir;
    {
        auto vault = test::createVault(dir);
        for (int i = 0; i < 20; ++i) {  // spread data over several pages
            QVERIFY_OK(vault->setSetting(QStringLiteral("filler.%1").arg(i), QString(3000, QLatin1Char('a' + i))));
        }
    }
    const qint64 size = QFileInfo(vaultPath(dir)).size();
    QVERIFY(size >= 8 * 4096);
    QVERIFY(test::flipByte(vaultPath(dir), size - 4096 + 1000));  // inside the last page, not page 1
    auto opened = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
    if (!opened) {
        QCOMPARE_ERROR(opened, ErrorCode::Corrupted);  // the damaged page was needed to unlock
        return;
    }
    auto report = (*opened)->checkIntegrity();
    if (report) {
        QVERIFY(!report->ok);
    } else {
        QCOMPARE_ERROR(report, ErrorCode::Corrupted);
    }
}

void VaultTest::flippedByteInKeyringIsReportedAsTampered()
{
    QTemporaryDir dir;
    test::createVault(dir)->lock();
    const QString keyPath = Keyring::pathFor(vaultPath(dir));
    const QByteArray original = test::readAll(keyPath);
    // Flip bytes at several places (structure, field names, base64 payloads, numbers): each must be caught.
    int checked = 0;
    for (qint64 offset = 0; offset < original.size(); offset += 37) {
        QFile::remove(keyPath);
        QFile file(keyPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(original);
        file.close();
        QVERIFY(test::flipByte(keyPath, offset));
        auto opened = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
        QVERIFY2(!opened.ok(), qPrintable(QStringLiteral("flip at %1 went unnoticed").arg(offset)));
        QVERIFY2(opened.error().code == ErrorCode::KeyringTampered,
                 qPrintable(QStringLiteral("flip at %1 gave %2").arg(offset).arg(errorCodeName(opened.error().code))));
        ++checked;
    }
    QVERIFY(checked > 20);
}

void VaultTest::missingKeyringIsReported()
{
    QTemporaryDir dir;
    test::createVault(dir)->lock();
    QVERIFY(QFile::rename(Keyring::pathFor(vaultPath(dir)), dir.filePath(QStringLiteral("elsewhere"))));
    auto opened = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
    QCOMPARE_ERROR(opened, ErrorCode::KeyringMissing);
    QVERIFY(opened.error().message.contains(QStringLiteral("claimdesk-keys")));
}

void VaultTest::unreadableKeyringIsReported()
{
    QTemporaryDir dir;
    test::createVault(dir)->lock();
    QFile keys(Keyring::pathFor(vaultPath(dir)));
    QVERIFY(keys.open(QIODevice::WriteOnly | QIODevice::Truncate));
    keys.write("this is not a key file at all\n");
    keys.close();
    auto opened = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
    QCOMPARE_ERROR(opened, ErrorCode::KeyringUnreadable);
    QVERIFY(opened.error().message.contains(QStringLiteral("backup")));
}

void VaultTest::plainSqliteFileIsNotAVault()
{
    QTemporaryDir dir;
    {
        auto db = sql::Connection::open(vaultPath(dir), true);
        QVERIFY_OK(db);
        QVERIFY_OK(db->exec("CREATE TABLE t (v TEXT)"));
    }
    QCOMPARE_ERROR(unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase), ErrorCode::NotAVault);
    QFile random(dir.filePath(QStringLiteral("random.claimdesk")));
    QVERIFY(random.open(QIODevice::WriteOnly));
    random.write(QByteArray(8192, '\x5a'));
    random.close();
    auto opened = Vault::unlock(random.fileName(), QStringLiteral("ada"), test::kAdminPassphrase, test::fastOptions(dir));
    QCOMPARE_ERROR(opened, ErrorCode::KeyringMissing);
    QFile keys(Keyring::pathFor(random.fileName()));
    QVERIFY(keys.open(QIODevice::WriteOnly));
    keys.write("{\"format\": \"something-else\"}");
    keys.close();
    opened = Vault::unlock(random.fileName(), QStringLiteral("ada"), test::kAdminPassphrase, test::fastOptions(dir));
    QCOMPARE_ERROR(opened, ErrorCode::NotAVault);
}

void VaultTest::keyringFromAnotherVaultIsRefused()
{
    QTemporaryDir dir;
    test::createVault(dir)->lock();
    test::createVault(dir, QStringLiteral("other.claimdesk"))->lock();
    QVERIFY(QFile::remove(Keyring::pathFor(vaultPath(dir))));
    QVERIFY(QFile::copy(Keyring::pathFor(dir.filePath(QStringLiteral("other.claimdesk"))), Keyring::pathFor(vaultPath(dir))));
    auto opened = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
    QCOMPARE_ERROR(opened, ErrorCode::Corrupted);  // the other vault's key cannot decrypt this database
    QVERIFY(opened.error().message.contains(QStringLiteral("not the file this key file belongs to")));
}

void VaultTest::backupRestoreRoundTrip()
{
    QTemporaryDir dir;
    const QString backup = dir.filePath(QStringLiteral("backups/2026-11-27.claimdesk"));
    const QString restored = dir.filePath(QStringLiteral("restored/test.claimdesk"));
    {
        auto created = test::createVault(dir);
        QVERIFY_OK(created->addUser({QStringLiteral("sam"), QStringLiteral("Sam Supervisor"), Role::Supervisor},
                                    QByteArrayLiteral("sam one-time phrase")));
        QVERIFY_OK(created->setSetting(QStringLiteral("firm.prefix"), QStringLiteral("BBK")));
    }
    {
        // A later session (opened without SQLite's create flag) must be able to write the backup file.
        auto unlocked = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
        QVERIFY_OK(unlocked);
        auto& vault = *unlocked;
        QVERIFY_OK(vault->backupTo(backup));
        QVERIFY_OK(vault->setSetting(QStringLiteral("firm.prefix"), QStringLiteral("after-backup")));
        auto entries = vault->auditEntries();
        QVERIFY_OK(entries);
        QVERIFY(std::any_of(entries->begin(), entries->end(), [](const AuditEntry& e) { return e.action == QStringLiteral("vault.backup"); }));
    }
    QVERIFY(!test::readAll(backup).startsWith(QByteArrayLiteral("SQLite format 3")));
    auto vault = Vault::restore(backup, restored, QStringLiteral("ada"), test::kAdminPassphrase, test::fastOptions(dir));
    QVERIFY_OK(vault);
    QCOMPARE(*(*vault)->setting(QStringLiteral("firm.prefix")), QStringLiteral("BBK"));
    auto users = (*vault)->users();
    QVERIFY_OK(users);
    QCOMPARE(users->size(), std::size_t{2});
    auto report = (*vault)->checkIntegrity();
    QVERIFY_OK(report);
    QVERIFY2(report->ok, qPrintable(report->problems.join(QLatin1Char('\n'))));
    QCOMPARE((*vault)->auditEntries()->back().action, QStringLiteral("vault.restore"));
    // The original is untouched and still has its newer value.
    auto original = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
    QVERIFY_OK(original);
    QCOMPARE(*(*original)->setting(QStringLiteral("firm.prefix")), QStringLiteral("after-backup"));
}

void VaultTest::backupAndRestoreNeverOverwrite()
{
    QTemporaryDir dir;
    const QString occupied = dir.filePath(QStringLiteral("occupied.claimdesk"));
    QFile file(occupied);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("precious");
    file.close();
    auto vault = test::createVault(dir);
    QCOMPARE_ERROR(vault->backupTo(occupied), ErrorCode::AlreadyExists);
    QCOMPARE_ERROR(vault->backupTo(vaultPath(dir)), ErrorCode::InvalidInput);
    QCOMPARE(test::readAll(occupied), QByteArrayLiteral("precious"));
    const QString backup = dir.filePath(QStringLiteral("b.claimdesk"));
    QVERIFY_OK(vault->backupTo(backup));
    auto restored = Vault::restore(backup, occupied, QStringLiteral("ada"), test::kAdminPassphrase, test::fastOptions(dir));
    QCOMPARE_ERROR(restored, ErrorCode::AlreadyExists);
    QCOMPARE(test::readAll(occupied), QByteArrayLiteral("precious"));
    // A wrong passphrase at restore leaves no half-restored copy behind.
    const QString target = dir.filePath(QStringLiteral("new.claimdesk"));
    restored = Vault::restore(backup, target, QStringLiteral("ada"), QByteArrayLiteral("not the passphrase"), test::fastOptions(dir));
    QCOMPARE_ERROR(restored, ErrorCode::WrongPassphrase);
    QVERIFY(!QFileInfo::exists(target));
    QVERIFY(!QFileInfo::exists(Keyring::pathFor(target)));
}

void VaultTest::failingMigrationLeavesVaultAtOldVersion()
{
    QTemporaryDir dir;
    test::createVault(dir)->lock();
    VaultOptions options = test::fastOptions(dir);
    const int before = latestSchemaVersion(options.migrations);
    options.migrations.push_back({before + 1, QStringLiteral("adds a table, then fails"), [](sql::Connection& db) -> Result<void> {
                                      if (auto made = db.exec("CREATE TABLE half_done (x INTEGER)"); !made) {
                                          return made.error();
                                      }
                                      return db.exec("INSERT INTO no_such_table VALUES (1)");
                                  }});
    auto opened = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase, &options);
    QCOMPARE_ERROR(opened, ErrorCode::MigrationFailed);
    QVERIFY(opened.error().message.contains(QStringLiteral("left at schema %1").arg(before)));
    auto vault = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
    QVERIFY_OK(vault);
    QCOMPARE((*vault)->schemaVersion(), before);
    QCOMPARE(*(*vault)->connection().scalarInt("PRAGMA user_version"), qint64{before});
    QCOMPARE(*(*vault)->connection().scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"), qint64{0});
}

void VaultTest::vaultFromNewerSchemaIsRefused()
{
    QTemporaryDir dir;
    {
        auto vault = test::createVault(dir);
        QVERIFY_OK(vault->connection().exec("PRAGMA user_version = 999"));
    }
    auto opened = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
    QCOMPARE_ERROR(opened, ErrorCode::NewerSchema);
    QVERIFY(opened.error().message.contains(QStringLiteral("newer version of ClaimDesk")));
}

// Issue 7: the users table's CHECK lists the roles; migration 10 rebuilds the table so it takes "accounts", keeping
// every user with their id, and the UNIQUE username.
void VaultTest::migration10RebuildsUsersForTheAccountsRole()
{
    QTemporaryDir dir;
    VaultOptions at9 = test::fastOptions(dir);
    at9.migrations.erase(std::remove_if(at9.migrations.begin(), at9.migrations.end(),
                                        [](const Migration& m) { return m.version > 9; }),
                         at9.migrations.end());
    QCOMPARE(latestSchemaVersion(at9.migrations), 9);
    std::vector<User> before;
    {
        auto created = Vault::create(vaultPath(dir), {QStringLiteral("ada"), QStringLiteral("Ada Admin"), Role::Admin},
                                     test::kAdminPassphrase, at9);
        QVERIFY_OK(created);
        auto& vault = *created;
        QVERIFY_OK(vault->addUser({QStringLiteral("sam"), QStringLiteral("Sam"), Role::Supervisor},
                                  QByteArrayLiteral("sam one-time phrase")));
        QVERIFY_OK(vault->addUser({QStringLiteral("pat"), QStringLiteral("Pat"), Role::Paralegal},
                                  QByteArrayLiteral("pat one-time phrase")));
        QVERIFY_OK(vault->disableUser(QStringLiteral("pat")));
        // Schema 9 cannot hold the new role.
        QVERIFY(!vault->connection().exec("UPDATE users SET role = 'accounts' WHERE username = 'sam'"));
        auto listed = vault->users();
        QVERIFY_OK(listed);
        before = *listed;
    }
    auto opened = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase, nullptr);
    QVERIFY_OK(opened);
    auto& vault = *opened;
    QVERIFY(vault->schemaVersion() >= 10);
    auto after = vault->users();
    QVERIFY_OK(after);
    QCOMPARE(after->size(), before.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
        QCOMPARE((*after)[i].username, before[i].username);
        QCOMPARE((*after)[i].role, before[i].role);
        QCOMPARE((*after)[i].active, before[i].active);
        QCOMPARE((*after)[i].mustChangePassphrase, before[i].mustChangePassphrase);
        QCOMPARE((*after)[i].createdAtUtc, before[i].createdAtUtc);
    }
    auto ids = vault->connection().scalarText(
        "SELECT group_concat(x, ',') FROM (SELECT id || ':' || username AS x FROM users ORDER BY id)");
    QVERIFY_OK(ids);
    QCOMPARE(*ids, QStringLiteral("1:ada,2:sam,3:pat"));
    QCOMPARE(*vault->connection().scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'users_new'"), qint64 {0});
    QVERIFY(!vault->connection().exec("INSERT INTO users (username, display_name, role, created_at, updated_at) "
                                      "VALUES ('sam', 'Sam again', 'paralegal', '', '')"));  // still UNIQUE
    QVERIFY(!vault->connection().exec("UPDATE users SET role = 'clerk' WHERE username = 'sam'"));  // still CHECKed
    QVERIFY_OK(vault->addUser({QStringLiteral("acc"), QStringLiteral("Accounts Clerk"), Role::Accounts},
                              QByteArrayLiteral("acc one-time phrase")));
    QVERIFY_OK(vault->changeRole(QStringLiteral("sam"), Role::Accounts));
    auto roles = vault->connection().scalarText(
        "SELECT group_concat(x, ',') FROM (SELECT username || '=' || role AS x FROM users ORDER BY id)");
    QVERIFY_OK(roles);
    QCOMPARE(*roles, QStringLiteral("ada=admin,sam=accounts,pat=paralegal,acc=accounts"));
    QVERIFY(vault->checkIntegrity()->ok);
}

void VaultTest::changePassphraseRewrapsOnlyOwnSlot()
{
    QTemporaryDir dir;
    const QByteArray next = QByteArrayLiteral("a brand new passphrase");
    {
        auto vault = test::createVault(dir);
        QVERIFY_OK(vault->addUser({QStringLiteral("sol"), QStringLiteral("Sol Icitor"), Role::Solicitor},
                                  QByteArrayLiteral("sol one-time phrase")));
    }
    const auto before = Keyring::load(Keyring::pathFor(vaultPath(dir)));
    QVERIFY_OK(before);
    {
        auto vault = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
        QVERIFY_OK(vault);
        QCOMPARE_ERROR((*vault)->changePassphrase(QByteArrayLiteral("not my passphrase"), next), ErrorCode::WrongPassphrase);
        QCOMPARE_ERROR((*vault)->changePassphrase(test::kAdminPassphrase, QByteArrayLiteral("short")), ErrorCode::InvalidInput);
        QVERIFY_OK((*vault)->changePassphrase(test::kAdminPassphrase, next));
    }
    const auto after = Keyring::load(Keyring::pathFor(vaultPath(dir)));
    QVERIFY_OK(after);
    QCOMPARE(after->keyEpoch, before->keyEpoch);
    QVERIFY(after->find(QStringLiteral("ada"))->salt != before->find(QStringLiteral("ada"))->salt);
    QCOMPARE(after->find(QStringLiteral("sol"))->wrappedSecretKey.ciphertext,
             before->find(QStringLiteral("sol"))->wrappedSecretKey.ciphertext);
    QCOMPARE_ERROR(unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase), ErrorCode::WrongPassphrase);
    QVERIFY_OK(unlockAs(dir, QStringLiteral("ada"), next));
    QVERIFY_OK(unlockAs(dir, QStringLiteral("sol"), QByteArrayLiteral("sol one-time phrase")));
}

void VaultTest::addedUserMustChangeOneTimePassphrase()
{
    QTemporaryDir dir;
    {
        auto vault = test::createVault(dir);
        auto added = vault->addUser({QStringLiteral("Pat"), QStringLiteral("Pat Paralegal"), Role::Paralegal},
                                    QByteArrayLiteral("pat one-time phrase"));
        QVERIFY_OK(added);
        QCOMPARE(added->username, QStringLiteral("pat"));
        QVERIFY(added->mustChangePassphrase);
        QCOMPARE_ERROR(vault->addUser({QStringLiteral("pat"), QStringLiteral("Another Pat"), Role::Paralegal},
                                      QByteArrayLiteral("another one-time phrase")),
                       ErrorCode::AlreadyExists);
        QCOMPARE_ERROR(vault->addUser({QStringLiteral("bad name!"), QStringLiteral("X"), Role::Paralegal},
                                      QByteArrayLiteral("another one-time phrase")),
                       ErrorCode::InvalidInput);
    }
    auto pat = unlockAs(dir, QStringLiteral("pat"), QByteArrayLiteral("pat one-time phrase"));
    QVERIFY_OK(pat);
    QVERIFY((*pat)->currentUser().mustChangePassphrase);
    QVERIFY_OK((*pat)->changePassphrase(QByteArrayLiteral("pat one-time phrase"), QByteArrayLiteral("pat's own passphrase")));
    QVERIFY(!(*pat)->currentUser().mustChangePassphrase);
    (*pat)->lock();
    auto again = unlockAs(dir, QStringLiteral("pat"), QByteArrayLiteral("pat's own passphrase"));
    QVERIFY_OK(again);
    QVERIFY(!(*again)->currentUser().mustChangePassphrase);
}

void VaultTest::disabledUserCannotUnlockAndLosesSlot()
{
    QTemporaryDir dir;
    {
        auto vault = test::createVault(dir);
        QVERIFY_OK(vault->addUser({QStringLiteral("leo"), QStringLiteral("Leo Leaver"), Role::Solicitor},
                                  QByteArrayLiteral("leo one-time phrase")));
        QCOMPARE_ERROR(vault->disableUser(QStringLiteral("ada")), ErrorCode::InvalidInput);  // not yourself
        QVERIFY_OK(vault->disableUser(QStringLiteral("leo")));
        QCOMPARE_ERROR(vault->disableUser(QStringLiteral("leo")), ErrorCode::InvalidInput);
        auto users = vault->users();
        QVERIFY_OK(users);
        auto leo = std::find_if(users->begin(), users->end(), [](const User& u) { return u.username == QStringLiteral("leo"); });
        QVERIFY(leo != users->end());
        QVERIFY(!leo->active);
    }
    auto keyring = Keyring::load(Keyring::pathFor(vaultPath(dir)));
    QVERIFY_OK(keyring);
    QVERIFY(keyring->find(QStringLiteral("leo")) == nullptr);
    QCOMPARE_ERROR(unlockAs(dir, QStringLiteral("leo"), QByteArrayLiteral("leo one-time phrase")), ErrorCode::WrongPassphrase);
}

void VaultTest::nonAdminIsRefusedAndRefusalIsAudited()
{
    QTemporaryDir dir;
    {
        auto vault = test::createVault(dir);
        QVERIFY_OK(vault->addUser({QStringLiteral("sol"), QStringLiteral("Sol Icitor"), Role::Solicitor},
                                  QByteArrayLiteral("sol one-time phrase")));
    }
    auto sol = unlockAs(dir, QStringLiteral("sol"), QByteArrayLiteral("sol one-time phrase"));
    QVERIFY_OK(sol);
    // Until the one-time passphrase is changed, nothing else is allowed.
    QCOMPARE_ERROR((*sol)->addUser({QStringLiteral("eve"), QStringLiteral("Eve"), Role::Admin}, QByteArrayLiteral("eve one-time phrase")),
                   ErrorCode::MustChangePassphrase);
    QVERIFY_OK((*sol)->changePassphrase(QByteArrayLiteral("sol one-time phrase"), QByteArrayLiteral("sol's own passphrase")));
    QCOMPARE_ERROR((*sol)->addUser({QStringLiteral("eve"), QStringLiteral("Eve"), Role::Admin}, QByteArrayLiteral("eve one-time phrase")),
                   ErrorCode::PermissionDenied);
    QCOMPARE_ERROR((*sol)->rotateVaultKey(), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR((*sol)->backupTo(dir.filePath(QStringLiteral("b.claimdesk"))), ErrorCode::PermissionDenied);
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("b.claimdesk"))));
    // The raw log is for supervisors and admins too (as AuditService): a fourth refusal.
    QCOMPARE_ERROR((*sol)->auditEntries(), ErrorCode::PermissionDenied);
    auto ada = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
    QVERIFY_OK(ada);
    auto entries = (*ada)->auditEntries();
    QVERIFY_OK(entries);
    const auto denied = std::count_if(entries->begin(), entries->end(), [](const AuditEntry& e) {
        return e.action == QStringLiteral("permission.denied") && e.username == QStringLiteral("sol");
    });
    QCOMPARE(denied, 4);
}

void VaultTest::lastAdminCannotBeDemoted()
{
    QTemporaryDir dir;
    auto vault = test::createVault(dir);
    QCOMPARE_ERROR(vault->changeRole(QStringLiteral("ada"), Role::Supervisor), ErrorCode::InvalidInput);
    QVERIFY_OK(vault->addUser({QStringLiteral("adm2"), QStringLiteral("Second Admin"), Role::Solicitor},
                              QByteArrayLiteral("adm2 one-time phrase")));
    QVERIFY_OK(vault->changeRole(QStringLiteral("adm2"), Role::Admin));
    QVERIFY_OK(vault->changeRole(QStringLiteral("ada"), Role::Supervisor));
    QCOMPARE(vault->currentUser().role, Role::Supervisor);
}

void VaultTest::rotateVaultKeyKeepsActiveUsersAndRetiresOldKey()
{
    QTemporaryDir dir;
    SecureBytes oldKey;
    {
        auto vault = test::createVault(dir);
        QVERIFY_OK(vault->addUser({QStringLiteral("sam"), QStringLiteral("Sam Supervisor"), Role::Supervisor},
                                  QByteArrayLiteral("sam one-time phrase")));
        QVERIFY_OK(vault->addUser({QStringLiteral("leo"), QStringLiteral("Leo Leaver"), Role::Solicitor},
                                  QByteArrayLiteral("leo one-time phrase")));
        QVERIFY_OK(vault->disableUser(QStringLiteral("leo")));
        QVERIFY_OK(vault->setSetting(QStringLiteral("kept"), QStringLiteral("through rotation")));
        oldKey = SecureBytes::copyOf(vault->vaultKeyForTests().data(), vault->vaultKeyForTests().size());
        QVERIFY_OK(vault->rotateVaultKey());
        QVERIFY(!vault->vaultKeyForTests().equals(oldKey));
        QCOMPARE(*vault->setting(QStringLiteral("kept")), QStringLiteral("through rotation"));
    }
    auto keyring = Keyring::load(Keyring::pathFor(vaultPath(dir)));
    QVERIFY_OK(keyring);
    QCOMPARE(keyring->keyEpoch, 2);
    QCOMPARE(keyring->keySlots.size(), std::size_t{2});
    QVERIFY(!QFileInfo::exists(Keyring::pendingPathFor(vaultPath(dir))));
    // The leaver's old copy of the key no longer opens the database.
    QCOMPARE_ERROR(Vault::openDatabase(vaultPath(dir), oldKey, keyring->cipher, test::fastOptions(dir), false), ErrorCode::Corrupted);
    auto sam = unlockAs(dir, QStringLiteral("sam"), QByteArrayLiteral("sam one-time phrase"));
    QVERIFY_OK(sam);
    QCOMPARE(*(*sam)->setting(QStringLiteral("kept")), QStringLiteral("through rotation"));
    (*sam)->lock();
    auto ada = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
    QVERIFY_OK(ada);
    QVERIFY((*ada)->checkIntegrity()->ok);
    auto entries = (*ada)->auditEntries();
    QVERIFY_OK(entries);
    auto rotation = std::find_if(entries->begin(), entries->end(),
                                 [](const AuditEntry& e) { return e.action == QStringLiteral("vault.rotate-key"); });
    QVERIFY(rotation != entries->end());
    QCOMPARE(rotation->summary.value(QStringLiteral("keyEpoch")).toInt(), 2);
}

void VaultTest::interruptedRotationIsFinishedAtNextUnlock()
{
    QTemporaryDir dir;
    {
        auto vault = test::createVault(dir);
        QVERIFY_OK(vault->setSetting(QStringLiteral("kept"), QStringLiteral("yes")));
    }
    const QString keyPath = Keyring::pathFor(vaultPath(dir));
    const QByteArray oldKeyring = test::readAll(keyPath);
    {
        auto vault = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
        QVERIFY_OK(vault);
        QVERIFY_OK((*vault)->rotateVaultKey());
    }
    // Simulate a crash after the re-key but before the keyring was replaced: new keys only in the pending file.
    QVERIFY(QFile::rename(keyPath, Keyring::pendingPathFor(vaultPath(dir))));
    QFile old(keyPath);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write(oldKeyring);
    old.close();
    auto vault = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
    QVERIFY_OK(vault);
    QCOMPARE(*(*vault)->setting(QStringLiteral("kept")), QStringLiteral("yes"));
    QVERIFY(!QFileInfo::exists(Keyring::pendingPathFor(vaultPath(dir))));
    QCOMPARE(Keyring::load(keyPath)->keyEpoch, 2);
}

void VaultTest::everyChangeIsAuditedInAnIntactChain()
{
    QTemporaryDir dir;
    auto vault = test::createVault(dir);
    QVERIFY_OK(vault->addUser({QStringLiteral("sam"), QStringLiteral("Sam"), Role::Supervisor}, QByteArrayLiteral("sam one-time phrase")));
    QVERIFY_OK(vault->changeRole(QStringLiteral("sam"), Role::Solicitor));
    QVERIFY_OK(vault->resetPassphrase(QStringLiteral("sam"), QByteArrayLiteral("sam second phrase")));
    QVERIFY_OK(vault->disableUser(QStringLiteral("sam")));
    QVERIFY_OK(vault->changePassphrase(test::kAdminPassphrase, QByteArrayLiteral("ada's next passphrase")));
    vault->lock(LockReason::Inactivity);
    auto again = unlockAs(dir, QStringLiteral("ada"), QByteArrayLiteral("ada's next passphrase"));
    QVERIFY_OK(again);
    auto entries = (*again)->auditEntries();
    QVERIFY_OK(entries);
    QStringList actions;
    for (const AuditEntry& e : *entries) {
        actions << e.action;
    }
    QCOMPARE(actions, (QStringList{QStringLiteral("vault.create"), QStringLiteral("user.add"), QStringLiteral("user.add"),
                                   QStringLiteral("user.change-role"), QStringLiteral("user.reset-passphrase"),
                                   QStringLiteral("user.disable"), QStringLiteral("user.change-passphrase"),
                                   QStringLiteral("vault.auto-lock"), QStringLiteral("vault.unlock")}));
    QCOMPARE(entries->at(3).summary.value(QStringLiteral("old")).toObject().value(QStringLiteral("role")).toString(),
             QStringLiteral("supervisor"));
    for (const AuditEntry& e : *entries) {
        QVERIFY(!e.summary.contains(QStringLiteral("passphrase")));
    }
    QVERIFY((*again)->checkIntegrity()->ok);
}

void VaultTest::secondProcessHoldingWriteLockMakesVaultBusy()
{
    QTemporaryDir dir;
    auto vault = test::createVault(dir);
    QProcess child;
    child.start(QStringLiteral(CLAIMDESK_VAULT_CHILD),
                {QStringLiteral("hold-lock"), vaultPath(dir), dir.filePath(QStringLiteral("child-throttle.json"))});
    QVERIFY(child.waitForStarted());
    child.write(test::kAdminPassphrase + '\n');
    QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine() || child.state() == QProcess::NotRunning, 10000);
    QCOMPARE(child.readLine().trimmed(), QByteArrayLiteral("locked"));
    // Both processes have the vault open; reading works, writing reports "busy" after the busy timeout.
    QVERIFY_OK(vault->users());
    auto write = vault->setSetting(QStringLiteral("parent.wrote"), QStringLiteral("yes"));
    QCOMPARE_ERROR(write, ErrorCode::VaultBusy);
    QVERIFY(write.error().message.contains(QStringLiteral("busy")));
    child.write("\n");
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.readAllStandardOutput().trimmed(), QByteArrayLiteral("committed"));
    QCOMPARE(child.exitCode(), 0);
    QVERIFY_OK(vault->setSetting(QStringLiteral("parent.wrote"), QStringLiteral("yes")));
    QCOMPARE(*vault->setting(QStringLiteral("child.wrote")), QStringLiteral("yes"));
    QVERIFY(vault->checkIntegrity()->ok);
}

void VaultTest::diskFullMidWriteLosesNothingCommitted()
{
    QTemporaryDir dir;
    {
        auto vault = test::createVault(dir);
        QVERIFY_OK(vault->setSetting(QStringLiteral("committed.before"), QStringLiteral("must survive")));
    }
    const qint64 sizeBefore = QFileInfo(vaultPath(dir)).size();
    QProcess child;
    const rlim_t limit = static_cast<rlim_t>(sizeBefore + 64 * 1024);
    child.setChildProcessModifier([limit] {
        std::signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails with EFBIG instead of killing the process
        const rlimit fileSize{limit, limit};
        setrlimit(RLIMIT_FSIZE, &fileSize);
    });
    child.start(QStringLiteral(CLAIMDESK_VAULT_CHILD),
                {QStringLiteral("fill"), vaultPath(dir), dir.filePath(QStringLiteral("child-throttle.json"))});
    QVERIFY(child.waitForStarted());
    child.write(test::kAdminPassphrase + '\n');
    child.closeWriteChannel();
    QVERIFY(child.waitForFinished(30000));
    const QByteArray output = child.readAllStandardOutput().trimmed();
    QCOMPARE(output, QByteArrayLiteral("DiskFull"));
    QCOMPARE(child.exitCode(), 0);
    // The vault still opens, holds what was committed, and holds nothing of the failed write.
    auto vault = unlockAs(dir, QStringLiteral("ada"), test::kAdminPassphrase);
    QVERIFY_OK(vault);
    QCOMPARE(*(*vault)->setting(QStringLiteral("committed.before")), QStringLiteral("must survive"));
    QVERIFY((*vault)->setting(QStringLiteral("filler"))->isEmpty());
    auto report = (*vault)->checkIntegrity();
    QVERIFY_OK(report);
    QVERIFY2(report->ok, qPrintable(report->problems.join(QLatin1Char('\n'))));
    QVERIFY(!QFileInfo::exists(vaultPath(dir) + QStringLiteral("-journal")));
}

QTEST_GUILESS_MAIN(VaultTest)
#include "tst_vault.moc"
