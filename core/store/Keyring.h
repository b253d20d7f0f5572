#pragma once

#include "common/Result.h"
#include "store/Crypto.h"
#include "store/KdfProfile.h"

#include <QString>

#include <vector>

namespace claimdesk::core {

// How SQLCipher must be configured to read the vault. Recorded in the keyring because SQLCipher does not
// store its settings in the file: a SQLCipher 4.x build needs `cipher_compatibility = 3` to open a vault
// written by 3.x, and every build needs the page size.
struct CipherProfile {
    int compatibility = 3;  // SQLCipher major version whose defaults (KDF, HMAC algorithm) the file uses
    int pageSize = 4096;
    bool hmac = true;  // never false; recorded so a reader can refuse a profile it does not know

    QString name() const;
    bool operator==(const CipherProfile&) const = default;
};

// One user's way in. The vault key is sealed to the slot's X25519 public key; the matching secret key is
// wrapped with a key Argon2id derives from the user's passphrase. So changing a passphrase rewraps one
// slot, and an admin can re-seal a new vault key to every slot without knowing anyone's passphrase.
struct KeySlot {
    QString username;  // normalised (lower case)
    KdfProfile kdf;
    QByteArray salt;
    QByteArray publicKey;
    crypto::Sealed wrappedSecretKey;        // AEAD(KEK(passphrase), X25519 secret key, AD = vault id + user)
    crypto::SealedToKey wrappedVaultKey;    // AEAD(X25519-derived key, vault key, AD = vault id + user + epoch)
};

// The sidecar NAME.claimdesk-keys. It never holds a secret in the clear. A checksum detects damage
// before unlock; a MAC keyed from the vault key detects deliberate edits after unlock.
class Keyring {
public:
    static constexpr int kFormatVersion = 1;

    static QString pathFor(const QString& vaultPath);  // "x.claimdesk" -> "x.claimdesk-keys"
    static QString pendingPathFor(const QString& vaultPath);  // written before a key rotation is applied

    static Result<Keyring> load(const QString& path);
    // Writes atomically (temporary file + rename), with a fresh checksum and MAC under the vault key.
    Result<void> save(const QString& path, const SecureBytes& vaultKey);
    bool verifyMac(const SecureBytes& vaultKey) const;

    int formatVersion = kFormatVersion;
    QString vaultId;
    int keyEpoch = 1;  // bumped by every vault key rotation
    CipherProfile cipher;
    std::vector<KeySlot> keySlots;

    const KeySlot* find(const QString& username) const;
    void removeSlot(const QString& username);
    // Replaces the user's slot, or adds one.
    void putSlot(KeySlot slot);

    // The associated data that binds a wrapped key to this vault, user and key epoch.
    QByteArray secretKeyAd(const QString& username) const;
    QByteArray vaultKeyAd(const QString& username) const;

    // Creates a slot for `username`: a new key pair, its secret key wrapped under the passphrase, and the
    // vault key sealed to it.
    Result<KeySlot> makeSlot(const QString& username, const QByteArray& passphrase, const KdfProfile& kdf,
                             const SecureBytes& vaultKey) const;
    // Re-seals the vault key to an existing slot's public key (after a rotation).
    void resealVaultKey(KeySlot& slot, const SecureBytes& vaultKey) const;
    // Unwraps the vault key; false for a wrong passphrase (or a slot that was altered).
    bool openSlot(const KeySlot& slot, const QByteArray& passphrase, SecureBytes& vaultKey) const;

private:
    QByteArray canonicalBody() const;  // everything but the checksum and the MAC
    QByteArray m_mac;
};

QString normaliseUsername(const QString& username);
bool isValidUsername(const QString& normalised);

}  // namespace claimdesk::core
