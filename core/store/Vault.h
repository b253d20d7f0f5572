#pragma once

#include "common/Clock.h"
#include "common/LockReason.h"
#include "common/Result.h"
#include "store/AuditLog.h"
#include "store/KdfProfile.h"
#include "store/Keyring.h"
#include "store/Migrations.h"
#include "store/SecureBytes.h"
#include "store/Sqlite.h"
#include "users/User.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace claimdesk::core {

struct VaultOptions {
    KdfProfile kdf = KdfProfile::moderate();  // for new key slots; existing slots keep their own parameters
    int busyTimeoutMs = 5000;                  // how long to wait for another process's write lock
    int cacheKiB = 131072;                     // SQLite page cache (128 MiB): see docs/ARCHITECTURE.md
    // The desktop app's page cache (64 MiB): with 100,000 cases the 128 MiB cache alone took the GUI process to
    // 271 MiB with the list open, over the 250 MB target (claimdesk-gui-bench); 64 MiB gives 205 MiB.
    static constexpr int kDesktopCacheKiB = 65536;
    std::vector<Migration> migrations = standardMigrations();
    QString throttleStateFile;     // empty: UnlockThrottle::defaultStateFile()
    const Clock* clock = nullptr;  // nullptr: the system clock
};

struct IntegrityReport {
    bool ok = true;
    QStringList problems;
    qint64 users = 0;
    AuditChainReport audit;
    int schemaVersion = 0;
    QString cipherVersion;
    QString cipherProfile;
};

// An unlocked vault: one user's session over NAME.claimdesk and its keyring NAME.claimdesk-keys.
// All vault-level operations live here, each with its permission check and audit entry written in the
// same transaction as the change. lock() (or destruction) closes the database and wipes the key.
class Vault {
public:
    ~Vault();
    Vault(const Vault&) = delete;
    Vault& operator=(const Vault&) = delete;

    static constexpr int kMinPassphraseLength = 10;

    // A new vault at `path` (conventionally ending in .claimdesk); its first user is an admin.
    static Result<std::unique_ptr<Vault>> create(const QString& path, const NewUser& admin,
                                                 const QByteArray& passphrase, const VaultOptions& options = {});
    static Result<std::unique_ptr<Vault>> unlock(const QString& path, const QString& username,
                                                 const QByteArray& passphrase, const VaultOptions& options = {});
    // Copies a backup (vault + keyring) to a new location, never over an existing file, and unlocks the copy.
    static Result<std::unique_ptr<Vault>> restore(const QString& backupPath, const QString& targetPath,
                                                  const QString& username, const QByteArray& passphrase,
                                                  const VaultOptions& options = {});

    // Passphrase rules shared by every entry point; returns an explanation when too weak.
    static Result<void> checkPassphrase(const QByteArray& passphrase);
    // A rough strength hint for the UI: 0 (very weak) … 4 (strong).
    static int passphraseStrength(const QString& passphrase);

    void lock(LockReason reason = LockReason::UserRequest);
    bool isUnlocked() const { return m_db.isOpen(); }

    const QString& path() const { return m_path; }
    const QString& vaultId() const { return m_keyring.vaultId; }
    const User& currentUser() const { return m_user; }
    int schemaVersion() const { return m_schemaVersion; }
    const CipherProfile& cipherProfile() const { return m_keyring.cipher; }
    int failedAttemptsBeforeUnlock() const { return m_failedAttemptsBeforeUnlock; }

    // Own passphrase; clears must-change-passphrase. Rewraps only this user's key slot.
    Result<void> changePassphrase(const QByteArray& current, const QByteArray& next);

    // Admin only.
    Result<User> addUser(const NewUser& user, const QByteArray& oneTimePassphrase);
    Result<void> disableUser(const QString& username);
    Result<void> resetPassphrase(const QString& username, const QByteArray& oneTimePassphrase);
    Result<void> changeRole(const QString& username, Role role);
    Result<void> rotateVaultKey();
    Result<void> backupTo(const QString& backupPath);

    Result<std::vector<User>> users();
    Result<IntegrityReport> checkIntegrity();
    // The whole log, oldest first (tests and tools; people read it through AuditService). Supervisors and admins
    // only, as AuditService::query: anyone else gets PermissionDenied, recorded as permission.denied.
    Result<std::vector<AuditEntry>> auditEntries(int limit = -1);

    Result<QString> setting(const QString& key);
    Result<void> setSetting(const QString& key, const QString& value);

    // For core repositories and tests. Never exposed to ui/.
    sql::Connection& connection() { return m_db; }
    // Every service calls one of these first. requireReady: unlocked, and not still on a one-time passphrase.
    // requireAdmin also records a refusal in the audit log.
    Result<void> requireReady() const;
    Result<void> requireAdmin(const QString& action);
    // Every refusal goes through here (issue 7: "a refused action returns PermissionDenied and is audited"): records
    // "permission.denied" (what was attempted, by which role) in its own transaction and returns PermissionDenied
    // carrying `message`. Call it before a write transaction begins: an entry written inside one rolls back with it.
    Error refuse(const QString& attempted, const QString& entity, const QString& entityId, const QString& message);

    // Writes an audit entry for the current user inside the caller's transaction.
    Result<void> audit(const QString& action, const QString& entity, const QString& entityId,
                       const QJsonObject& summary = {});
    QDateTime now() const;

    // Tests and the benchmark: open the database directly with a known vault key.
    static Result<sql::Connection> openDatabase(const QString& path, const SecureBytes& vaultKey,
                                                const CipherProfile& profile, const VaultOptions& options,
                                                bool create);
    const SecureBytes& vaultKeyForTests() const { return m_key; }

    // A keyed BLAKE2b tag of `data` under a subkey of the vault key for `context` (8 characters): a file this vault
    // wrote and a copy of it (a backup, a restored backup) can check, and nobody without the vault key can forge.
    QByteArray authenticationTag(const char (&context)[9], const QByteArray& data) const;

private:
    Vault(QString path, Keyring keyring, SecureBytes key, sql::Connection db, const VaultOptions& options);
    Result<User> loadUser(const QString& username);
    Result<void> saveKeyring();

    QString m_path;
    Keyring m_keyring;
    SecureBytes m_key;
    sql::Connection m_db;
    VaultOptions m_options;
    SystemClock m_systemClock;
    User m_user;
    int m_schemaVersion = 0;
    int m_failedAttemptsBeforeUnlock = 0;
};

}  // namespace claimdesk::core
