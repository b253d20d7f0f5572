#include "store/Vault.h"

#include "store/Crypto.h"
#include "store/UnlockThrottle.h"

#include <sqlcipher/sqlite3.h>
#include <sodium.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QUuid>

#include <cstdio>

namespace claimdesk::core {

namespace {

const SystemClock& systemClock()
{
    static const SystemClock clock;
    return clock;
}

const Clock& clockOf(const VaultOptions& options)
{
    return options.clock != nullptr ? *options.clock : systemClock();
}

QString throttleFileOf(const VaultOptions& options)
{
    return options.throttleStateFile.isEmpty() ? UnlockThrottle::defaultStateFile() : options.throttleStateFile;
}

// "x'<64 hex digits>'" in locked memory: SQLCipher's raw-key syntax, which skips its own PBKDF2.
SecureBytes rawKeyLiteral(const SecureBytes& key)
{
    const std::size_t hexLen = key.size() * 2;
    SecureBytes literal(hexLen + 4);  // x ' hex ' NUL
    literal.data()[0] = 'x';
    literal.data()[1] = '\'';
    sodium_bin2hex(reinterpret_cast<char*>(literal.data() + 2), hexLen + 1, key.data(), key.size());
    literal.data()[hexLen + 2] = '\'';
    literal.data()[hexLen + 3] = '\0';
    return literal;
}

int sqlcipherMajor(const QString& cipherVersion)
{
    return cipherVersion.section(QLatin1Char('.'), 0, 0).toInt();
}

Error wrongPassphrase()
{
    return makeError(ErrorCode::WrongPassphrase,
                     QStringLiteral("The username or passphrase is not right. Check the username and Caps Lock, "
                                    "then try again."));
}

Result<void> checkLooksLikeVault(const QString& path)
{
    QFile file(path);
    if (!file.exists()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("There is no vault at %1. Check the location, or create "
                                                             "a new vault.").arg(path));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::IoError, QStringLiteral("The vault %1 cannot be read: %2").arg(path, file.errorString()));
    }
    const QByteArray header = file.read(16);
    if (header.size() < 16) {
        return makeError(ErrorCode::NotAVault, QStringLiteral("%1 is empty or too short to be a ClaimDesk vault.").arg(path));
    }
    if (header == QByteArrayLiteral("SQLite format 3\0")) {
        return makeError(ErrorCode::NotAVault,
                         QStringLiteral("%1 is an unencrypted SQLite database, not a ClaimDesk vault.").arg(path));
    }
    return {};
}

bool fileExists(const QString& path)
{
    return QFileInfo::exists(path);
}

void removeVaultFiles(const QString& path)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-journal"));
    QFile::remove(Keyring::pathFor(path));
    QFile::remove(Keyring::pendingPathFor(path));
}

QString isoNow(const Clock& clock)
{
    return clock.nowUtc().toString(Qt::ISODateWithMs);
}

Result<void> insertUser(sql::Connection& db, const NewUser& user, bool mustChange, const QString& now)
{
    auto insert = db.prepare("INSERT INTO users (username, display_name, role, active, must_change_passphrase, "
                             "created_at, updated_at) VALUES (?1, ?2, ?3, 1, ?4, ?5, ?5)");
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, normaliseUsername(user.username))
        .bind(2, user.displayName.trimmed())
        .bind(3, roleName(user.role))
        .bind(4, mustChange)
        .bind(5, now);
    return insert->run();
}

Result<void> validateNewUser(const NewUser& user)
{
    if (!isValidUsername(normaliseUsername(user.username))) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A username is 1 to 64 characters: letters, digits, dots, hyphens and "
                                        "underscores, starting with a letter or digit."));
    }
    if (user.displayName.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Enter the person's display name."));
    }
    return {};
}

}  // namespace

Vault::Vault(QString path, Keyring keyring, SecureBytes key, sql::Connection db, const VaultOptions& options)
    : m_path(std::move(path)), m_keyring(std::move(keyring)), m_key(std::move(key)), m_db(std::move(db)), m_options(options)
{
}

Vault::~Vault()
{
    m_db.close();
    m_key.clear();
}

QDateTime Vault::now() const
{
    return clockOf(m_options).nowUtc();
}

Result<void> Vault::checkPassphrase(const QByteArray& passphrase)
{
    // Count UTF-8 code points on the bytes themselves: no unwipeable QString copy of the passphrase.
    const auto codePoints = std::count_if(passphrase.begin(), passphrase.end(),
                                          [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    if (codePoints < kMinPassphraseLength) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A passphrase needs at least %1 characters. Several unrelated words are easy "
                                        "to remember and hard to guess.")
                             .arg(kMinPassphraseLength));
    }
    return {};
}

int Vault::passphraseStrength(const QString& passphrase)
{
    const qsizetype length = passphrase.size();
    int classes = 0;
    bool lower = false, upper = false, digit = false, other = false;
    for (QChar c : passphrase) {
        lower |= c.isLower();
        upper |= c.isUpper();
        digit |= c.isDigit();
        other |= !c.isLetterOrNumber();
    }
    classes = int(lower) + int(upper) + int(digit) + int(other);
    const int words = static_cast<int>(passphrase.split(QLatin1Char(' '), Qt::SkipEmptyParts).size());
    if (length < kMinPassphraseLength) {
        return 0;
    }
    int score = 1;
    if (length >= 14) {
        ++score;
    }
    if (length >= 20 || words >= 4) {
        ++score;
    }
    if (classes >= 3 || words >= 5) {
        ++score;
    }
    return std::min(score, 4);
}

Result<sql::Connection> Vault::openDatabase(const QString& path, const SecureBytes& vaultKey,
                                            const CipherProfile& profile, const VaultOptions& options, bool create)
{
    auto opened = sql::Connection::open(path, create);
    if (!opened) {
        return opened.error();
    }
    sql::Connection db = std::move(*opened);
    const SecureBytes literal = rawKeyLiteral(vaultKey);
    if (sqlite3_key(db.handle(), literal.data(), static_cast<int>(literal.size() - 1)) != SQLITE_OK) {
        return db.error(sqlite3_extended_errcode(db.handle()), QStringLiteral("keying the vault"));
    }
    auto cipherVersion = db.scalarText("PRAGMA cipher_version");
    if (!cipherVersion || cipherVersion->isEmpty()) {
        return makeError(ErrorCode::CipherUnavailable,
                         QStringLiteral("The SQLite library in this program is not SQLCipher, so the vault cannot be "
                                        "opened safely. Reinstall ClaimDesk."));
    }
    // Cipher settings are not stored in the file: issue them on every open, right after the key.
    if (sqlcipherMajor(*cipherVersion) >= 4) {
        const QByteArray compat = "PRAGMA cipher_compatibility = " + QByteArray::number(profile.compatibility);
        if (auto set = db.exec(compat.constData()); !set) {
            return set.error();
        }
    }
    const QByteArray pageSize = "PRAGMA cipher_page_size = " + QByteArray::number(profile.pageSize);
    if (auto set = db.exec(pageSize.constData()); !set) {
        return set.error();
    }
    // A wrong key (or a damaged first page) only shows at the first read.
    if (auto check = db.scalarInt("SELECT count(*) FROM sqlite_master"); !check) {
        return check.error();
    }
    // Unknown pragmas are silent no-ops: read the setting back rather than trusting it.
    auto readBack = db.scalarInt("PRAGMA cipher_page_size");
    if (!readBack || *readBack != profile.pageSize) {
        return makeError(ErrorCode::CipherUnavailable,
                         QStringLiteral("SQLCipher did not accept the vault's page size (%1).").arg(profile.pageSize));
    }
    sqlite3_busy_timeout(db.handle(), options.busyTimeoutMs);
    const QByteArray cache = "PRAGMA cache_size = -" + QByteArray::number(options.cacheKiB);
    for (const char* pragma : {cache.constData(), "PRAGMA temp_store = MEMORY", "PRAGMA foreign_keys = ON",
                               "PRAGMA synchronous = FULL"}) {
        if (auto set = db.exec(pragma); !set) {
            return set.error();
        }
    }
    // Rollback journal, not WAL: WAL needs shared memory and is unsafe on network folders.
    auto mode = db.scalarText("PRAGMA journal_mode = DELETE");
    if (!mode) {
        return mode.error();
    }
    return db;
}

Result<std::unique_ptr<Vault>> Vault::create(const QString& path, const NewUser& admin, const QByteArray& passphrase,
                                             const VaultOptions& options)
{
    if (!crypto::initialise()) {
        return makeError(ErrorCode::Internal, QStringLiteral("The cryptography library could not start."));
    }
    if (auto valid = validateNewUser(admin); !valid) {
        return valid.error();
    }
    if (auto strong = checkPassphrase(passphrase); !strong) {
        return strong.error();
    }
    const QString keyPath = Keyring::pathFor(path);
    if (fileExists(path) || fileExists(keyPath)) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("%1 already exists. Choose another name or folder: ClaimDesk never "
                                        "overwrites a vault.")
                             .arg(fileExists(path) ? path : keyPath));
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        return makeError(ErrorCode::IoError, QStringLiteral("The folder for %1 could not be created.").arg(path));
    }

    Keyring keyring;
    keyring.vaultId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    SecureBytes key = SecureBytes::random(crypto::kKeyBytes);
    auto slot = keyring.makeSlot(admin.username, passphrase, options.kdf, key);
    if (!slot) {
        return slot.error();
    }
    keyring.keySlots.push_back(std::move(*slot));
    // The keyring is written first, so a database never exists without the keys to open it.
    if (auto saved = keyring.save(keyPath, key); !saved) {
        return saved.error();
    }
    auto fail = [&path](const Error& e) -> Result<std::unique_ptr<Vault>> {
        removeVaultFiles(path);
        return e;
    };
    auto db = openDatabase(path, key, keyring.cipher, options, true);
    if (!db) {
        return fail(db.error());
    }
    auto version = migrate(*db, options.migrations);
    if (!version) {
        db->close();
        return fail(version.error());
    }
    NewUser first = admin;
    first.role = Role::Admin;
    const Clock& clock = clockOf(options);
    {
        auto tx = sql::Transaction::begin(*db);
        if (!tx) {
            db->close();
            return fail(tx.error());
        }
        auto setting = db->prepare("INSERT INTO settings (key, value) VALUES (?1, ?2)");
        Result<void> step = setting ? Result<void>{} : Result<void>{setting.error()};
        if (step) {
            step = setting->bind(1, "vault.id").bind(2, keyring.vaultId).run();
        }
        if (step) {
            setting->reset();
            step = setting->bind(1, "vault.created_at").bind(2, isoNow(clock)).run();
        }
        if (step) {
            step = insertUser(*db, first, false, isoNow(clock));
        }
        const QString username = normaliseUsername(first.username);
        if (step) {
            step = AuditLog::append(*db, clock.nowUtc(), username, QStringLiteral("vault.create"), QStringLiteral("vault"),
                                    keyring.vaultId,
                                    {{QStringLiteral("cipherProfile"), keyring.cipher.name()},
                                     {QStringLiteral("schemaVersion"), *version}});
        }
        if (step) {
            step = AuditLog::append(*db, clock.nowUtc(), username, QStringLiteral("user.add"), QStringLiteral("user"),
                                    username,
                                    {{QStringLiteral("new"), QJsonObject{{QStringLiteral("username"), username},
                                                                         {QStringLiteral("displayName"), first.displayName.trimmed()},
                                                                         {QStringLiteral("role"), roleName(Role::Admin)}}}});
        }
        if (step) {
            step = tx->commit();
        }
        if (!step) {
            db->close();
            return fail(step.error());
        }
    }
    auto vault = std::unique_ptr<Vault>(new Vault(path, std::move(keyring), std::move(key), std::move(*db), options));
    vault->m_schemaVersion = *version;
    auto user = vault->loadUser(first.username);
    if (!user) {
        return user.error();
    }
    vault->m_user = *user;
    return vault;
}

Result<std::unique_ptr<Vault>> Vault::unlock(const QString& path, const QString& username,
                                             const QByteArray& passphrase, const VaultOptions& options)
{
    if (!crypto::initialise()) {
        return makeError(ErrorCode::Internal, QStringLiteral("The cryptography library could not start."));
    }
    if (auto looks = checkLooksLikeVault(path); !looks) {
        return looks.error();
    }
    auto loaded = Keyring::load(Keyring::pathFor(path));
    if (!loaded) {
        return loaded.error();
    }
    Keyring keyring = std::move(*loaded);
    const Clock& clock = clockOf(options);
    UnlockThrottle throttle(throttleFileOf(options), clock);
    if (const int wait = throttle.secondsToWait(keyring.vaultId, username); wait > 0) {
        return makeError(ErrorCode::TooManyAttempts,
                         QStringLiteral("Too many failed attempts for this username. Wait %1 seconds, then try again.")
                             .arg(wait));
    }

    SecureBytes key;
    const KeySlot* slot = keyring.find(username);
    bool opened = slot != nullptr && keyring.openSlot(*slot, passphrase, key);
    if (slot == nullptr && !keyring.keySlots.empty()) {
        // An unknown user costs the same time as a wrong passphrase, so neither reveals which it was.
        (void)crypto::deriveKey(passphrase, crypto::newSalt(), keyring.keySlots.front().kdf);
    }

    // A key rotation interrupted between re-keying the database and replacing the keyring leaves the new
    // keys in the pending keyring: finish it instead of reporting a damaged vault.
    const QString pendingPath = Keyring::pendingPathFor(path);
    auto tryPending = [&]() -> bool {
        if (!fileExists(pendingPath)) {
            return false;
        }
        auto pending = Keyring::load(pendingPath);
        if (!pending || pending->vaultId != keyring.vaultId) {
            return false;
        }
        const KeySlot* pendingSlot = pending->find(username);
        SecureBytes pendingKey;
        if (pendingSlot == nullptr || !pending->openSlot(*pendingSlot, passphrase, pendingKey)
            || !pending->verifyMac(pendingKey)) {
            return false;
        }
        auto probe = openDatabase(path, pendingKey, pending->cipher, options, false);
        if (!probe) {
            return false;
        }
        probe->close();
        if (std::rename(QFile::encodeName(pendingPath).constData(), QFile::encodeName(Keyring::pathFor(path)).constData()) != 0) {
            return false;
        }
        keyring = std::move(*pending);
        key = std::move(pendingKey);
        return true;
    };

    if (!opened) {
        if (!tryPending()) {
            throttle.recordFailure(keyring.vaultId, username);
            return wrongPassphrase();
        }
    }
    if (!keyring.verifyMac(key)) {
        return makeError(ErrorCode::KeyringTampered,
                         QStringLiteral("The key file %1 has been altered since ClaimDesk last wrote it. Restore the "
                                        "vault and its key file together from your latest backup.")
                             .arg(Keyring::pathFor(path)));
    }
    auto db = openDatabase(path, key, keyring.cipher, options, false);
    if (!db && db.error().code == ErrorCode::Corrupted && tryPending()) {
        db = openDatabase(path, key, keyring.cipher, options, false);
    }
    if (!db) {
        if (db.error().code == ErrorCode::Corrupted) {
            return makeError(ErrorCode::Corrupted,
                             QStringLiteral("The passphrase is right, but the vault database cannot be decrypted: it is "
                                            "damaged, was tampered with, or is not the file this key file belongs to. "
                                            "Restore the vault from your latest backup."));
        }
        return db.error();
    }
    if (fileExists(pendingPath)) {
        QFile::remove(pendingPath);  // a rotation that never reached the database: the old keys are still right
    }
    auto version = migrate(*db, options.migrations);
    if (!version) {
        return version.error();
    }
    auto storedId = db->prepare("SELECT value FROM settings WHERE key = 'vault.id'");
    if (!storedId) {
        return storedId.error();
    }
    auto idRow = storedId->step();
    if (!idRow) {
        return idRow.error();
    }
    if (!*idRow || storedId->text(0) != keyring.vaultId) {
        return makeError(ErrorCode::NotAVault,
                         QStringLiteral("The key file next to %1 belongs to a different vault. Put the vault's own key "
                                        "file back, or restore both from a backup.")
                             .arg(path));
    }

    auto vault = std::unique_ptr<Vault>(new Vault(path, std::move(keyring), std::move(key), std::move(*db), options));
    vault->m_schemaVersion = *version;
    auto user = vault->loadUser(username);
    if (!user || !user->active) {
        vault->m_db.close();
        throttle.recordFailure(vault->vaultId(), username);
        return wrongPassphrase();
    }
    vault->m_user = *user;
    vault->m_failedAttemptsBeforeUnlock = throttle.failures(vault->vaultId(), username);
    throttle.reset(vault->vaultId(), username);

    auto tx = sql::Transaction::begin(vault->m_db);
    if (!tx) {
        return tx.error();
    }
    QJsonObject summary{{QStringLiteral("schemaVersion"), *version}};
    if (vault->m_failedAttemptsBeforeUnlock > 0) {
        summary.insert(QStringLiteral("failedAttemptsBefore"), vault->m_failedAttemptsBeforeUnlock);
    }
    if (auto logged = vault->audit(QStringLiteral("vault.unlock"), QStringLiteral("vault"), vault->vaultId(), summary);
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return vault;
}

void Vault::lock(LockReason reason)
{
    if (!m_db.isOpen()) {
        m_key.clear();
        return;
    }
    const QString action = reason == LockReason::Inactivity ? QStringLiteral("vault.auto-lock")
        : reason == LockReason::Quit                        ? QStringLiteral("vault.close")
                                                            : QStringLiteral("vault.lock");
    // Locking always succeeds; recording it is best effort (a busy vault waits at most briefly).
    sqlite3_busy_timeout(m_db.handle(), 1000);
    if (auto tx = sql::Transaction::begin(m_db); tx) {
        if (audit(action, QStringLiteral("vault"), vaultId()).ok()) {
            (void)tx->commit();
        }
    }
    m_db.close();
    m_key.clear();
}

QByteArray Vault::authenticationTag(const char (&context)[9], const QByteArray& data) const
{
    return crypto::keyedHash(crypto::subkey(m_key, 1, context), data);
}

Result<void> Vault::audit(const QString& action, const QString& entity, const QString& entityId, const QJsonObject& summary)
{
    return AuditLog::append(m_db, now(), m_user.username, action, entity, entityId, summary);
}

Result<User> Vault::loadUser(const QString& username)
{
    auto stmt = m_db.prepare("SELECT id, username, display_name, role, active, must_change_passphrase, created_at "
                             "FROM users WHERE username = ?1");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, normaliseUsername(username));
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("There is no user called %1.").arg(normaliseUsername(username)));
    }
    User u;
    u.id = stmt->int64(0);
    u.username = stmt->text(1);
    u.displayName = stmt->text(2);
    u.role = roleFromName(stmt->text(3)).value_or(Role::Paralegal);
    u.active = stmt->int64(4) != 0;
    u.mustChangePassphrase = stmt->int64(5) != 0;
    u.createdAtUtc = QDateTime::fromString(stmt->text(6), Qt::ISODateWithMs);
    return u;
}

Result<std::vector<User>> Vault::users()
{
    if (auto ready = requireReady(); !ready) {
        return ready.error();
    }
    auto stmt = m_db.prepare("SELECT username FROM users ORDER BY active DESC, username");
    if (!stmt) {
        return stmt.error();
    }
    QStringList names;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        names << stmt->text(0);
    }
    std::vector<User> result;
    for (const QString& name : names) {
        auto u = loadUser(name);
        if (!u) {
            return u.error();
        }
        result.push_back(*u);
    }
    return result;
}

Result<void> Vault::requireReady() const
{
    if (!isUnlocked()) {
        return makeError(ErrorCode::VaultLocked, QStringLiteral("The vault is locked. Unlock it first."));
    }
    if (m_user.mustChangePassphrase) {
        return makeError(ErrorCode::MustChangePassphrase,
                         QStringLiteral("Change your one-time passphrase before doing anything else."));
    }
    return {};
}

Result<void> Vault::requireAdmin(const QString& action)
{
    if (auto ready = requireReady(); !ready) {
        return ready;
    }
    if (m_user.role != Role::Admin) {
        return refuse(action, QStringLiteral("vault"), vaultId(),
                      QStringLiteral("Only an admin can do this (%1). Ask your ClaimDesk admin.").arg(action));
    }
    return {};
}

Error Vault::refuse(const QString& attempted, const QString& entity, const QString& entityId, const QString& message)
{
    auto tx = sql::Transaction::begin(m_db);
    if (tx && audit(QStringLiteral("permission.denied"), entity, entityId,
                    {{QStringLiteral("attempted"), attempted}, {QStringLiteral("role"), roleName(m_user.role)}})) {
        (void)tx->commit();
    }
    return makeError(ErrorCode::PermissionDenied, message);
}

Result<void> Vault::saveKeyring()
{
    return m_keyring.save(Keyring::pathFor(m_path), m_key);
}

namespace {
// Re-reads the keyring from disk (another desktop may have changed it) and checks it is ours and intact.
Result<Keyring> freshKeyring(const QString& vaultPath, const SecureBytes& key, const Keyring& current)
{
    auto disk = Keyring::load(Keyring::pathFor(vaultPath));
    if (!disk) {
        return disk.error();
    }
    if (disk->vaultId != current.vaultId || disk->keyEpoch != current.keyEpoch || !disk->verifyMac(key)) {
        return makeError(ErrorCode::ConflictingEdit,
                         QStringLiteral("The vault's keys were changed on another computer since you unlocked it. Lock "
                                        "the vault, unlock it again and repeat the change."));
    }
    return disk;
}
}  // namespace

Result<void> Vault::changePassphrase(const QByteArray& current, const QByteArray& next)
{
    if (!isUnlocked()) {
        return makeError(ErrorCode::VaultLocked, QStringLiteral("The vault is locked. Unlock it first."));
    }
    if (auto strong = checkPassphrase(next); !strong) {
        return strong.error();
    }
    if (current == next) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("The new passphrase must differ from the current one."));
    }
    auto disk = freshKeyring(m_path, m_key, m_keyring);
    if (!disk) {
        return disk.error();
    }
    const KeySlot* slot = disk->find(m_user.username);
    SecureBytes check;
    if (slot == nullptr || !disk->openSlot(*slot, current, check) || !check.equals(m_key)) {
        return makeError(ErrorCode::WrongPassphrase, QStringLiteral("The current passphrase is not right. Try again."));
    }
    auto fresh = disk->makeSlot(m_user.username, next, m_options.kdf, m_key);
    if (!fresh) {
        return fresh.error();
    }
    Keyring updated = *disk;
    updated.putSlot(std::move(*fresh));

    auto tx = sql::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto update = m_db.prepare("UPDATE users SET must_change_passphrase = 0, updated_at = ?1 WHERE username = ?2");
    if (!update) {
        return update.error();
    }
    if (auto ran = update->bind(1, now().toString(Qt::ISODateWithMs)).bind(2, m_user.username).run(); !ran) {
        return ran.error();
    }
    if (auto logged = audit(QStringLiteral("user.change-passphrase"), QStringLiteral("user"), m_user.username,
                            {{QStringLiteral("wasOneTime"), m_user.mustChangePassphrase}});
        !logged) {
        return logged.error();
    }
    if (auto saved = updated.save(Keyring::pathFor(m_path), m_key); !saved) {
        return saved.error();  // the transaction rolls back; the old passphrase still works
    }
    if (auto committed = tx->commit(); !committed) {
        (void)disk->save(Keyring::pathFor(m_path), m_key);  // put the old slot back
        return committed.error();
    }
    m_keyring = std::move(updated);
    m_user.mustChangePassphrase = false;
    return {};
}

Result<User> Vault::addUser(const NewUser& user, const QByteArray& oneTimePassphrase)
{
    if (auto allowed = requireAdmin(QStringLiteral("add a user")); !allowed) {
        return allowed.error();
    }
    if (auto valid = validateNewUser(user); !valid) {
        return valid.error();
    }
    if (auto strong = checkPassphrase(oneTimePassphrase); !strong) {
        return strong.error();
    }
    const QString username = normaliseUsername(user.username);
    if (auto existing = loadUser(username); existing) {
        return makeError(ErrorCode::AlreadyExists,
                         existing->active ? QStringLiteral("There is already a user called %1.").arg(username)
                                          : QStringLiteral("A disabled user was called %1; usernames are never reused, "
                                                           "so choose another.")
                                                .arg(username));
    }
    auto disk = freshKeyring(m_path, m_key, m_keyring);
    if (!disk) {
        return disk.error();
    }
    auto slot = disk->makeSlot(username, oneTimePassphrase, m_options.kdf, m_key);
    if (!slot) {
        return slot.error();
    }
    Keyring updated = *disk;
    updated.putSlot(std::move(*slot));

    auto tx = sql::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    if (auto inserted = insertUser(m_db, user, true, now().toString(Qt::ISODateWithMs)); !inserted) {
        return inserted.error();
    }
    if (auto logged = audit(QStringLiteral("user.add"), QStringLiteral("user"), username,
                            {{QStringLiteral("new"), QJsonObject{{QStringLiteral("username"), username},
                                                                 {QStringLiteral("displayName"), user.displayName.trimmed()},
                                                                 {QStringLiteral("role"), roleName(user.role)}}}});
        !logged) {
        return logged.error();
    }
    if (auto saved = updated.save(Keyring::pathFor(m_path), m_key); !saved) {
        return saved.error();
    }
    if (auto committed = tx->commit(); !committed) {
        (void)disk->save(Keyring::pathFor(m_path), m_key);
        return committed.error();
    }
    m_keyring = std::move(updated);
    return loadUser(username);
}

namespace {
Result<qint64> activeAdminCount(sql::Connection& db)
{
    return db.scalarInt("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1");
}
}  // namespace

Result<void> Vault::disableUser(const QString& target)
{
    if (auto allowed = requireAdmin(QStringLiteral("disable a user")); !allowed) {
        return allowed.error();
    }
    const QString username = normaliseUsername(target);
    auto user = loadUser(username);
    if (!user) {
        return user.error();
    }
    if (!user->active) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is already disabled.").arg(username));
    }
    if (username == m_user.username) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("You cannot disable yourself; ask another admin."));
    }
    auto disk = freshKeyring(m_path, m_key, m_keyring);
    if (!disk) {
        return disk.error();
    }
    Keyring updated = *disk;
    updated.removeSlot(username);

    auto tx = sql::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto update = m_db.prepare("UPDATE users SET active = 0, updated_at = ?1 WHERE username = ?2");
    if (!update) {
        return update.error();
    }
    if (auto ran = update->bind(1, now().toString(Qt::ISODateWithMs)).bind(2, username).run(); !ran) {
        return ran.error();
    }
    if (auto logged = audit(QStringLiteral("user.disable"), QStringLiteral("user"), username,
                            {{QStringLiteral("old"), QJsonObject{{QStringLiteral("active"), true}}},
                             {QStringLiteral("new"), QJsonObject{{QStringLiteral("active"), false}}}});
        !logged) {
        return logged.error();
    }
    if (auto saved = updated.save(Keyring::pathFor(m_path), m_key); !saved) {
        return saved.error();
    }
    if (auto committed = tx->commit(); !committed) {
        (void)disk->save(Keyring::pathFor(m_path), m_key);
        return committed.error();
    }
    m_keyring = std::move(updated);
    return {};
}

Result<void> Vault::resetPassphrase(const QString& target, const QByteArray& oneTimePassphrase)
{
    if (auto allowed = requireAdmin(QStringLiteral("reset a passphrase")); !allowed) {
        return allowed.error();
    }
    if (auto strong = checkPassphrase(oneTimePassphrase); !strong) {
        return strong.error();
    }
    const QString username = normaliseUsername(target);
    auto user = loadUser(username);
    if (!user) {
        return user.error();
    }
    if (!user->active) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is disabled; add a new user instead.").arg(username));
    }
    auto disk = freshKeyring(m_path, m_key, m_keyring);
    if (!disk) {
        return disk.error();
    }
    auto slot = disk->makeSlot(username, oneTimePassphrase, m_options.kdf, m_key);
    if (!slot) {
        return slot.error();
    }
    Keyring updated = *disk;
    updated.putSlot(std::move(*slot));
    auto tx = sql::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto update = m_db.prepare("UPDATE users SET must_change_passphrase = 1, updated_at = ?1 WHERE username = ?2");
    if (!update) {
        return update.error();
    }
    if (auto ran = update->bind(1, now().toString(Qt::ISODateWithMs)).bind(2, username).run(); !ran) {
        return ran.error();
    }
    if (auto logged = audit(QStringLiteral("user.reset-passphrase"), QStringLiteral("user"), username); !logged) {
        return logged.error();
    }
    if (auto saved = updated.save(Keyring::pathFor(m_path), m_key); !saved) {
        return saved.error();
    }
    if (auto committed = tx->commit(); !committed) {
        (void)disk->save(Keyring::pathFor(m_path), m_key);
        return committed.error();
    }
    m_keyring = std::move(updated);
    if (username == m_user.username) {
        m_user.mustChangePassphrase = true;
    }
    return {};
}

Result<void> Vault::changeRole(const QString& target, Role role)
{
    if (auto allowed = requireAdmin(QStringLiteral("change a role")); !allowed) {
        return allowed.error();
    }
    const QString username = normaliseUsername(target);
    auto user = loadUser(username);
    if (!user) {
        return user.error();
    }
    if (user->role == role) {
        return {};
    }
    if (user->role == Role::Admin && user->active) {
        auto admins = activeAdminCount(m_db);
        if (!admins) {
            return admins.error();
        }
        if (*admins <= 1) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("%1 is the only admin. Make someone else an admin first.").arg(username));
        }
    }
    auto tx = sql::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto update = m_db.prepare("UPDATE users SET role = ?1, updated_at = ?2 WHERE username = ?3");
    if (!update) {
        return update.error();
    }
    if (auto ran = update->bind(1, roleName(role)).bind(2, now().toString(Qt::ISODateWithMs)).bind(3, username).run(); !ran) {
        return ran.error();
    }
    if (auto logged = audit(QStringLiteral("user.change-role"), QStringLiteral("user"), username,
                            {{QStringLiteral("old"), QJsonObject{{QStringLiteral("role"), roleName(user->role)}}},
                             {QStringLiteral("new"), QJsonObject{{QStringLiteral("role"), roleName(role)}}}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    if (username == m_user.username) {
        m_user.role = role;
    }
    return {};
}

Result<void> Vault::rotateVaultKey()
{
    if (auto allowed = requireAdmin(QStringLiteral("rotate the vault key")); !allowed) {
        return allowed.error();
    }
    auto disk = freshKeyring(m_path, m_key, m_keyring);
    if (!disk) {
        return disk.error();
    }
    auto activeUsers = users();
    if (!activeUsers) {
        return activeUsers.error();
    }
    SecureBytes newKey = SecureBytes::random(crypto::kKeyBytes);
    Keyring rotated = *disk;
    rotated.keyEpoch = disk->keyEpoch + 1;
    // Only active users keep a slot; each is re-sealed to the slot's public key, so no passphrase is needed.
    std::erase_if(rotated.keySlots, [&](const KeySlot& s) {
        return std::none_of(activeUsers->begin(), activeUsers->end(),
                            [&](const User& u) { return u.active && u.username == s.username; });
    });
    for (KeySlot& slot : rotated.keySlots) {
        rotated.resealVaultKey(slot, newKey);
    }
    // 1. the new keys go to a pending keyring; 2. the database is re-keyed (one transaction inside SQLCipher);
    // 3. the pending keyring replaces the old one atomically. A crash between 2 and 3 is finished at next unlock.
    const QString pendingPath = Keyring::pendingPathFor(m_path);
    if (auto saved = rotated.save(pendingPath, newKey); !saved) {
        QFile::remove(pendingPath);
        return saved.error();
    }
    const SecureBytes literal = rawKeyLiteral(newKey);
    const int rc = sqlite3_rekey(m_db.handle(), literal.data(), static_cast<int>(literal.size() - 1));
    if (rc != SQLITE_OK) {
        QFile::remove(pendingPath);
        return m_db.error(rc, QStringLiteral("re-keying the vault"));
    }
    if (std::rename(QFile::encodeName(pendingPath).constData(), QFile::encodeName(Keyring::pathFor(m_path)).constData()) != 0) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("The vault was re-keyed but its key file could not be replaced. Do not delete "
                                        "%1: ClaimDesk finishes the change the next time the vault is unlocked.")
                             .arg(pendingPath));
    }
    m_key = std::move(newKey);
    m_keyring = std::move(rotated);
    auto tx = sql::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    if (auto logged = audit(QStringLiteral("vault.rotate-key"), QStringLiteral("vault"), vaultId(),
                            {{QStringLiteral("keyEpoch"), m_keyring.keyEpoch},
                             {QStringLiteral("slots"), static_cast<int>(m_keyring.keySlots.size())}});
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

Result<void> Vault::backupTo(const QString& backupPath)
{
    if (auto allowed = requireAdmin(QStringLiteral("back up the vault")); !allowed) {
        return allowed.error();
    }
    const QString target = QFileInfo(backupPath).absoluteFilePath();
    if (target == QFileInfo(m_path).absoluteFilePath()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Choose a different file for the backup."));
    }
    if (fileExists(target) || fileExists(Keyring::pathFor(target))) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("%1 already exists. Choose a new name: a backup never overwrites a file.").arg(target));
    }
    if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
        return makeError(ErrorCode::IoError, QStringLiteral("The folder for %1 could not be created.").arg(target));
    }
    auto disk = freshKeyring(m_path, m_key, m_keyring);
    if (!disk) {
        return disk.error();
    }
    auto fail = [&target](const Error& e) -> Result<void> {
        removeVaultFiles(target);
        return e;
    };
    // ATTACH opens files with this connection's flags, and a vault opened by unlock() has no SQLITE_OPEN_CREATE:
    // create the empty file first. NewOnly also guarantees that a file which appeared meanwhile is not overwritten.
    {
        QFile created(target);
        if (!created.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            return makeError(fileExists(target) ? ErrorCode::AlreadyExists : ErrorCode::IoError,
                             QStringLiteral("The backup file %1 could not be created: %2").arg(target, created.errorString()));
        }
    }
    // sqlite3_backup_* would write a plaintext copy on SQLCipher 3.4.1: use sqlcipher_export into a keyed ATTACH.
    {
        auto attach = m_db.prepare("ATTACH DATABASE ?1 AS backup KEY ?2");
        if (!attach) {
            return fail(attach.error());
        }
        const SecureBytes literal = rawKeyLiteral(m_key);
        attach->bind(1, target).bind(2, reinterpret_cast<const char*>(literal.data()));
        if (auto ran = attach->run(); !ran) {
            return fail(ran.error());
        }
    }
    auto detach = [this] { (void)m_db.exec("DETACH DATABASE backup"); };
    auto cipherVersion = m_db.scalarText("PRAGMA cipher_version");
    QList<QByteArray> pragmas;
    if (cipherVersion && sqlcipherMajor(*cipherVersion) >= 4) {
        pragmas << "PRAGMA backup.cipher_compatibility = " + QByteArray::number(m_keyring.cipher.compatibility);
    }
    pragmas << "PRAGMA backup.cipher_page_size = " + QByteArray::number(m_keyring.cipher.pageSize);
    pragmas << QByteArrayLiteral("SELECT sqlcipher_export('backup')");
    pragmas << "PRAGMA backup.user_version = " + QByteArray::number(m_schemaVersion);
    for (const QByteArray& statement : pragmas) {
        if (auto ran = m_db.exec(statement.constData()); !ran) {
            detach();
            return fail(ran.error());
        }
    }
    detach();
    if (auto saved = disk->save(Keyring::pathFor(target), m_key); !saved) {
        return fail(saved.error());
    }
    // Verify: the copy opens with its own keyring and holds what the vault holds.
    auto sourceUsers = m_db.scalarInt("SELECT count(*) FROM users");
    auto sourceAudit = m_db.scalarInt("SELECT count(*) FROM audit_log");
    {
        auto copyKeyring = Keyring::load(Keyring::pathFor(target));
        if (!copyKeyring || !copyKeyring->verifyMac(m_key)) {
            return fail(makeError(ErrorCode::IoError, QStringLiteral("The backup's key file could not be verified; the backup was removed.")));
        }
        auto copy = openDatabase(target, m_key, copyKeyring->cipher, m_options, false);
        if (!copy) {
            return fail(copy.error());
        }
        auto integrity = copy->scalarText("PRAGMA integrity_check");
        auto copyUsers = copy->scalarInt("SELECT count(*) FROM users");
        auto copyAudit = copy->scalarInt("SELECT count(*) FROM audit_log");
        auto copyVersion = copy->scalarInt("PRAGMA user_version");
        if (!integrity || *integrity != QStringLiteral("ok") || !copyUsers || !sourceUsers || *copyUsers != *sourceUsers
            || !copyAudit || !sourceAudit || *copyAudit != *sourceAudit || !copyVersion || *copyVersion != m_schemaVersion) {
            copy->close();
            return fail(makeError(ErrorCode::IoError,
                                  QStringLiteral("The backup was written but did not verify (it does not match the "
                                                 "vault), so it was removed. Check the disk and try again.")));
        }
    }
    auto tx = sql::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    if (auto logged = audit(QStringLiteral("vault.backup"), QStringLiteral("vault"), vaultId(),
                            {{QStringLiteral("to"), target},
                             {QStringLiteral("users"), sourceUsers.ok() ? *sourceUsers : 0},
                             {QStringLiteral("auditEntries"), sourceAudit.ok() ? *sourceAudit : 0}});
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

Result<std::unique_ptr<Vault>> Vault::restore(const QString& backupPath, const QString& targetPath,
                                              const QString& username, const QByteArray& passphrase,
                                              const VaultOptions& options)
{
    const QString source = QFileInfo(backupPath).absoluteFilePath();
    const QString target = QFileInfo(targetPath).absoluteFilePath();
    if (auto looks = checkLooksLikeVault(source); !looks) {
        return looks.error();
    }
    if (!fileExists(Keyring::pathFor(source))) {
        return makeError(ErrorCode::KeyringMissing,
                         QStringLiteral("The backup's key file %1 is missing; a backup is restored together with its "
                                        "key file.")
                             .arg(Keyring::pathFor(source)));
    }
    if (fileExists(target) || fileExists(Keyring::pathFor(target))) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("%1 already exists. Restore into a new location: ClaimDesk never overwrites a "
                                        "vault.")
                             .arg(target));
    }
    if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
        return makeError(ErrorCode::IoError, QStringLiteral("The folder for %1 could not be created.").arg(target));
    }
    if (!QFile::copy(source, target) || !QFile::copy(Keyring::pathFor(source), Keyring::pathFor(target))) {
        removeVaultFiles(target);
        return makeError(ErrorCode::IoError, QStringLiteral("The backup could not be copied to %1. Check the disk "
                                                             "space and permissions.").arg(target));
    }
    auto vault = unlock(target, username, passphrase, options);
    if (!vault) {
        removeVaultFiles(target);
        return vault.error();
    }
    auto tx = sql::Transaction::begin((*vault)->m_db);
    if (!tx) {
        return tx.error();
    }
    if (auto logged = (*vault)->audit(QStringLiteral("vault.restore"), QStringLiteral("vault"), (*vault)->vaultId(),
                                      {{QStringLiteral("from"), source}, {QStringLiteral("to"), target}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return vault;
}

Result<IntegrityReport> Vault::checkIntegrity()
{
    if (auto ready = requireReady(); !ready) {
        return ready.error();
    }
    IntegrityReport report;
    report.schemaVersion = m_schemaVersion;
    report.cipherProfile = m_keyring.cipher.name();
    if (auto version = m_db.scalarText("PRAGMA cipher_version"); version) {
        report.cipherVersion = *version;
    }
    {
        auto stmt = m_db.prepare("PRAGMA integrity_check");
        if (!stmt) {
            return stmt.error();
        }
        while (true) {
            auto row = stmt->step();
            if (!row) {
                if (row.error().code == ErrorCode::VaultBusy) {
                    return row.error();
                }
                // SQLCipher 3.4 reports a page that fails its HMAC check as a generic error during this pragma.
                report.problems << QStringLiteral("database: a page cannot be read or failed its authentication "
                                                  "check (%1)")
                                       .arg(QString::fromUtf8(sqlite3_errmsg(m_db.handle())));
                break;
            }
            if (!*row) {
                break;
            }
            if (stmt->text(0) != QStringLiteral("ok")) {
                report.problems << QStringLiteral("database: %1").arg(stmt->text(0));
            }
        }
    }
    // SQLCipher 4.x checks every page's HMAC; on 3.x the pragma is unknown and returns no rows.
    if (auto stmt = m_db.prepare("PRAGMA cipher_integrity_check"); stmt) {
        while (true) {
            auto row = stmt->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            report.problems << QStringLiteral("cipher: %1").arg(stmt->text(0));
        }
    }
    auto chain = AuditLog::verify(m_db);
    if (!chain) {
        return chain.error();
    }
    report.audit = *chain;
    if (!chain->intact) {
        report.problems << QStringLiteral("audit log: %1").arg(chain->problem);
    }
    auto disk = Keyring::load(Keyring::pathFor(m_path));
    if (!disk) {
        report.problems << QStringLiteral("key file: %1").arg(disk.error().message);
    } else if (!disk->verifyMac(m_key) || disk->vaultId != vaultId()) {
        report.problems << QStringLiteral("key file: its MAC does not match this vault's key");
    }
    if (auto count = m_db.scalarInt("SELECT count(*) FROM users"); count) {
        report.users = *count;
    }
    report.ok = report.problems.isEmpty();
    return report;
}

Result<std::vector<AuditEntry>> Vault::auditEntries(int limit)
{
    if (auto ready = requireReady(); !ready) {
        return ready.error();
    }
    if (m_user.role != Role::Supervisor && m_user.role != Role::Admin) {
        return refuse(QStringLiteral("read the audit log"), QStringLiteral("vault"), vaultId(),
                      QStringLiteral("Only a supervisor or an admin can read the audit log. Ask your supervisor."));
    }
    return AuditLog::list(m_db, limit);
}

Result<QString> Vault::setting(const QString& key)
{
    auto stmt = m_db.prepare("SELECT value FROM settings WHERE key = ?1");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, key);
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    return *row ? stmt->text(0) : QString();
}

Result<void> Vault::setSetting(const QString& key, const QString& value)
{
    if (auto ready = requireReady(); !ready) {
        return ready;
    }
    if (key.startsWith(QStringLiteral("vault.")) || key.startsWith(QStringLiteral("audit."))) {
        return refuse(QStringLiteral("change a setting managed by ClaimDesk"), QStringLiteral("setting"), key,
                      QStringLiteral("The setting %1 is managed by ClaimDesk.").arg(key));
    }
    auto old = setting(key);
    if (!old) {
        return old.error();
    }
    auto tx = sql::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto stmt = m_db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)");
    if (!stmt) {
        return stmt.error();
    }
    if (auto ran = stmt->bind(1, key).bind(2, value).run(); !ran) {
        return ran.error();
    }
    if (auto logged = audit(QStringLiteral("setting.change"), QStringLiteral("setting"), key,
                            {{QStringLiteral("oldLength"), static_cast<int>(old->size())},
                             {QStringLiteral("newLength"), static_cast<int>(value.size())}});
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

}  // namespace claimdesk::core
