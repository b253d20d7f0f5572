#include "store/Crypto.h"

#include <sodium.h>

namespace claimdesk::core::crypto {

static_assert(kNonceBytes == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(kKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

namespace {
unsigned char* u(QByteArray& bytes)
{
    return reinterpret_cast<unsigned char*>(bytes.data());
}
const unsigned char* u(const QByteArray& bytes)
{
    return reinterpret_cast<const unsigned char*>(bytes.constData());
}
std::size_t sz(const QByteArray& bytes)
{
    return static_cast<std::size_t>(bytes.size());
}
}  // namespace

bool initialise()
{
    return sodium_init() >= 0;
}

QByteArray randomBytes(std::size_t size)
{
    QByteArray bytes(static_cast<qsizetype>(size), Qt::Uninitialized);
    randombytes_buf(bytes.data(), size);
    return bytes;
}

QByteArray newSalt()
{
    return randomBytes(crypto_pwhash_SALTBYTES);
}

Result<SecureBytes> deriveKey(const QByteArray& passphrase, const QByteArray& salt, const KdfProfile& profile)
{
    if (sz(salt) != crypto_pwhash_SALTBYTES) {
        return makeError(ErrorCode::KeyringUnreadable, QStringLiteral("A key slot has a salt of the wrong length."));
    }
    if (profile.opsLimit < crypto_pwhash_OPSLIMIT_MIN || profile.memLimitBytes < crypto_pwhash_MEMLIMIT_MIN
        || profile.opsLimit > crypto_pwhash_OPSLIMIT_MAX || profile.memLimitBytes > (std::uint64_t{4} << 30)) {
        return makeError(ErrorCode::KeyringUnreadable, QStringLiteral("A key slot has Argon2id parameters out of range."));
    }
    SecureBytes key(kKeyBytes);
    if (crypto_pwhash(key.data(), key.size(), passphrase.constData(), sz(passphrase), u(salt), profile.opsLimit,
                      static_cast<std::size_t>(profile.memLimitBytes), crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        return makeError(ErrorCode::Internal,
                         QStringLiteral("Not enough memory to derive the key (Argon2id needs %1 MiB). Close other "
                                        "programs and try again.")
                             .arg(profile.memLimitBytes >> 20));
    }
    return key;
}

namespace {
Sealed encryptRaw(const SecureBytes& key, const unsigned char* plaintext, std::size_t size,
                  const QByteArray& associatedData)
{
    Sealed out;
    out.nonce = randomBytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    out.ciphertext.resize(static_cast<qsizetype>(size + crypto_aead_xchacha20poly1305_ietf_ABYTES));
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(u(out.ciphertext), &written, plaintext, size, u(associatedData),
                                               sz(associatedData), nullptr, u(out.nonce), key.data());
    out.ciphertext.resize(static_cast<qsizetype>(written));
    return out;
}

// The plaintext's length when key and sealed are well formed, or nothing.
std::optional<std::size_t> plainSize(const Sealed& sealed)
{
    if (sz(sealed.nonce) != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
        || sz(sealed.ciphertext) < crypto_aead_xchacha20poly1305_ietf_ABYTES) {
        return std::nullopt;
    }
    return sz(sealed.ciphertext) - crypto_aead_xchacha20poly1305_ietf_ABYTES;
}

bool decryptRaw(const unsigned char* key, const Sealed& sealed, const QByteArray& associatedData, unsigned char* out)
{
    unsigned long long written = 0;
    return crypto_aead_xchacha20poly1305_ietf_decrypt(out, &written, nullptr, u(sealed.ciphertext),
                                                      sz(sealed.ciphertext), u(associatedData), sz(associatedData),
                                                      u(sealed.nonce), key)
        == 0;
}
}  // namespace

Sealed encrypt(const SecureBytes& key, const SecureBytes& plaintext, const QByteArray& associatedData)
{
    return encryptRaw(key, plaintext.data(), plaintext.size(), associatedData);
}

bool decrypt(const SecureBytes& key, const Sealed& sealed, const QByteArray& associatedData, SecureBytes& out)
{
    const auto size = plainSize(sealed);
    if (key.size() != kKeyBytes || !size) {
        return false;
    }
    SecureBytes plain(*size);
    if (!decryptRaw(key.data(), sealed, associatedData, plain.data())) {
        return false;
    }
    out = std::move(plain);
    return true;
}

Sealed encryptBytes(const SecureBytes& key, const QByteArray& plaintext, const QByteArray& associatedData)
{
    return encryptRaw(key, u(plaintext), sz(plaintext), associatedData);
}

std::optional<QByteArray> decryptBytes(const SecureBytes& key, const Sealed& sealed, const QByteArray& associatedData)
{
    if (key.size() != kKeyBytes) {
        return std::nullopt;
    }
    return decryptBytes(key.data(), sealed, associatedData);
}

std::optional<QByteArray> decryptBytes(const unsigned char* key, const Sealed& sealed, const QByteArray& associatedData)
{
    const auto size = plainSize(sealed);
    if (!size) {
        return std::nullopt;
    }
    QByteArray plain(static_cast<qsizetype>(*size), Qt::Uninitialized);
    if (!decryptRaw(key, sealed, associatedData, u(plain))) {
        return std::nullopt;
    }
    return plain;
}

KeyPair newKeyPair()
{
    KeyPair pair;
    pair.publicKey.resize(crypto_box_PUBLICKEYBYTES);
    pair.secretKey = SecureBytes(crypto_box_SECRETKEYBYTES);
    crypto_box_keypair(u(pair.publicKey), pair.secretKey.data());
    return pair;
}

namespace {
// K = BLAKE2b-256(X25519(sk, pk) || ephemeralPk || recipientPk)
bool wrappingKey(const SecureBytes& secretKey, const QByteArray& otherPublicKey, const QByteArray& ephemeralPk,
                 const QByteArray& recipientPk, SecureBytes& out)
{
    if (sz(otherPublicKey) != crypto_scalarmult_BYTES || sz(ephemeralPk) != crypto_box_PUBLICKEYBYTES
        || sz(recipientPk) != crypto_box_PUBLICKEYBYTES) {
        return false;
    }
    SecureBytes shared(crypto_scalarmult_BYTES);
    if (crypto_scalarmult(shared.data(), secretKey.data(), u(otherPublicKey)) != 0) {
        return false;
    }
    SecureBytes key(kKeyBytes);
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, kKeyBytes);
    crypto_generichash_update(&state, shared.data(), shared.size());
    crypto_generichash_update(&state, u(ephemeralPk), sz(ephemeralPk));
    crypto_generichash_update(&state, u(recipientPk), sz(recipientPk));
    crypto_generichash_final(&state, key.data(), key.size());
    sodium_memzero(&state, sizeof state);
    out = std::move(key);
    return true;
}
}  // namespace

SealedToKey sealTo(const QByteArray& recipientPublicKey, const SecureBytes& secret, const QByteArray& associatedData)
{
    KeyPair ephemeral = newKeyPair();
    SecureBytes key;
    SealedToKey box;
    box.ephemeralPublicKey = ephemeral.publicKey;
    if (!wrappingKey(ephemeral.secretKey, recipientPublicKey, ephemeral.publicKey, recipientPublicKey, key)) {
        return box;  // empty ciphertext: openSealed will refuse it
    }
    box.sealed = encrypt(key, secret, associatedData);
    return box;
}

bool openSealed(const KeyPair& recipient, const SealedToKey& box, const QByteArray& associatedData, SecureBytes& out)
{
    SecureBytes key;
    if (!wrappingKey(recipient.secretKey, box.ephemeralPublicKey, box.ephemeralPublicKey, recipient.publicKey, key)) {
        return false;
    }
    return decrypt(key, box.sealed, associatedData, out);
}

QByteArray hash(const QByteArray& data)
{
    QByteArray out(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(u(out), sz(out), u(data), sz(data), nullptr, 0);
    return out;
}

QByteArray keyedHash(const SecureBytes& key, const QByteArray& data)
{
    QByteArray out(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(u(out), sz(out), u(data), sz(data), key.data(), key.size());
    return out;
}

SecureBytes subkey(const SecureBytes& master, std::uint64_t id, const char (&context)[9])
{
    SecureBytes out(kKeyBytes);
    crypto_kdf_derive_from_key(out.data(), out.size(), id, context, master.data());
    return out;
}

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    return a.size() == b.size() && (a.isEmpty() || sodium_memcmp(a.constData(), b.constData(), sz(a)) == 0);
}

}  // namespace claimdesk::core::crypto
