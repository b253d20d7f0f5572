#include "store/Crypto.h"

#include <sodium.h>

namespace claimdesk::core::crypto {

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

Sealed encrypt(const SecureBytes& key, const SecureBytes& plaintext, const QByteArray& associatedData)
{
    Sealed out;
    out.nonce = randomBytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    out.ciphertext.resize(static_cast<qsizetype>(plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES));
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(u(out.ciphertext), &written, plaintext.data(), plaintext.size(),
                                               u(associatedData), sz(associatedData), nullptr, u(out.nonce),
                                               key.data());
    out.ciphertext.resize(static_cast<qsizetype>(written));
    return out;
}

bool decrypt(const SecureBytes& key, const Sealed& sealed, const QByteArray& associatedData, SecureBytes& out)
{
    if (key.size() != kKeyBytes || sz(sealed.nonce) != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
        || sz(sealed.ciphertext) < crypto_aead_xchacha20poly1305_ietf_ABYTES) {
        return false;
    }
    SecureBytes plain(sz(sealed.ciphertext) - crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned long long written = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &written, nullptr, u(sealed.ciphertext),
                                                   sz(sealed.ciphertext), u(associatedData), sz(associatedData),
                                                   u(sealed.nonce), key.data())
        != 0) {
        return false;
    }
    out = std::move(plain);
    return true;
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
