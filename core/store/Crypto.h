#pragma once

#include "common/Result.h"
#include "store/KdfProfile.h"
#include "store/SecureBytes.h"

#include <QByteArray>

#include <optional>

// Thin, typed wrappers over the libsodium primitives the vault uses. Nothing here knows about files.
namespace claimdesk::core::crypto {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kNonceBytes = 24;  // XChaCha20-Poly1305 (IETF)

// Must succeed before any other call; safe to call repeatedly.
bool initialise();

QByteArray randomBytes(std::size_t size);
QByteArray newSalt();

// Argon2id(passphrase, salt) -> 32-byte key-encryption key.
Result<SecureBytes> deriveKey(const QByteArray& passphrase, const QByteArray& salt, const KdfProfile& profile);

struct Sealed {
    QByteArray nonce;
    QByteArray ciphertext;
};

// XChaCha20-Poly1305 (IETF) with associated data.
Sealed encrypt(const SecureBytes& key, const SecureBytes& plaintext, const QByteArray& associatedData);
// Fails (std::nullopt-like: empty SecureBytes + false) when the key, nonce, ciphertext or AD do not match.
bool decrypt(const SecureBytes& key, const Sealed& sealed, const QByteArray& associatedData, SecureBytes& out);
// The same for data that is not key material (ordinary, unlocked memory): the audit details sealed under a case key.
Sealed encryptBytes(const SecureBytes& key, const QByteArray& plaintext, const QByteArray& associatedData);
std::optional<QByteArray> decryptBytes(const SecureBytes& key, const Sealed& sealed, const QByteArray& associatedData);
// `key`: kKeyBytes bytes inside a SecureBytes (one locked allocation holding many keys: each SecureBytes costs a
// guarded mapping, about 25 µs, which reading thousands of case keys at once would pay per key).
std::optional<QByteArray> decryptBytes(const unsigned char* key, const Sealed& sealed, const QByteArray& associatedData);

struct KeyPair {
    QByteArray publicKey;
    SecureBytes secretKey;
};
KeyPair newKeyPair();

// Wraps a secret for a recipient's X25519 public key: an ephemeral key pair, X25519, BLAKE2b to derive
// the wrapping key, then XChaCha20-Poly1305 with the associated data. Only the recipient's secret key opens it.
struct SealedToKey {
    QByteArray ephemeralPublicKey;
    Sealed sealed;
};
SealedToKey sealTo(const QByteArray& recipientPublicKey, const SecureBytes& secret, const QByteArray& associatedData);
bool openSealed(const KeyPair& recipient, const SealedToKey& box, const QByteArray& associatedData, SecureBytes& out);

// BLAKE2b-256, unkeyed (integrity) and keyed (authenticity).
QByteArray hash(const QByteArray& data);
QByteArray keyedHash(const SecureBytes& key, const QByteArray& data);
// A context-separated subkey of a master key (crypto_kdf with an 8-character context).
SecureBytes subkey(const SecureBytes& master, std::uint64_t id, const char (&context)[9]);

bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

}  // namespace claimdesk::core::crypto
