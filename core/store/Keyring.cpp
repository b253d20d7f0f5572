#include "store/Keyring.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

namespace claimdesk::core {

namespace {
const QString kFormatName = QStringLiteral("claimdesk-keyring");

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

bool fromB64(const QJsonValue& value, QByteArray& out)
{
    if (!value.isString()) {
        return false;
    }
    auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return false;
    }
    out = *decoded;
    return true;
}

QJsonObject slotToJson(const KeySlot& slot)
{
    QJsonObject kdf{{QStringLiteral("algorithm"), QStringLiteral("argon2id13")},
                    {QStringLiteral("opsLimit"), static_cast<qint64>(slot.kdf.opsLimit)},
                    {QStringLiteral("memLimit"), static_cast<qint64>(slot.kdf.memLimitBytes)},
                    {QStringLiteral("salt"), b64(slot.salt)}};
    return QJsonObject{
        {QStringLiteral("user"), slot.username},
        {QStringLiteral("kdf"), kdf},
        {QStringLiteral("publicKey"), b64(slot.publicKey)},
        {QStringLiteral("secretKeyNonce"), b64(slot.wrappedSecretKey.nonce)},
        {QStringLiteral("secretKey"), b64(slot.wrappedSecretKey.ciphertext)},
        {QStringLiteral("vaultKeyEphemeral"), b64(slot.wrappedVaultKey.ephemeralPublicKey)},
        {QStringLiteral("vaultKeyNonce"), b64(slot.wrappedVaultKey.sealed.nonce)},
        {QStringLiteral("vaultKey"), b64(slot.wrappedVaultKey.sealed.ciphertext)},
    };
}

bool slotFromJson(const QJsonObject& o, KeySlot& slot)
{
    const QJsonObject kdf = o.value(QStringLiteral("kdf")).toObject();
    if (kdf.value(QStringLiteral("algorithm")).toString() != QStringLiteral("argon2id13")) {
        return false;
    }
    slot.username = o.value(QStringLiteral("user")).toString();
    const qint64 ops = kdf.value(QStringLiteral("opsLimit")).toInteger(-1);
    const qint64 mem = kdf.value(QStringLiteral("memLimit")).toInteger(-1);
    if (slot.username.isEmpty() || ops <= 0 || mem <= 0) {
        return false;
    }
    slot.kdf = {static_cast<std::uint64_t>(ops), static_cast<std::uint64_t>(mem)};
    return fromB64(kdf.value(QStringLiteral("salt")), slot.salt)
        && fromB64(o.value(QStringLiteral("publicKey")), slot.publicKey)
        && fromB64(o.value(QStringLiteral("secretKeyNonce")), slot.wrappedSecretKey.nonce)
        && fromB64(o.value(QStringLiteral("secretKey")), slot.wrappedSecretKey.ciphertext)
        && fromB64(o.value(QStringLiteral("vaultKeyEphemeral")), slot.wrappedVaultKey.ephemeralPublicKey)
        && fromB64(o.value(QStringLiteral("vaultKeyNonce")), slot.wrappedVaultKey.sealed.nonce)
        && fromB64(o.value(QStringLiteral("vaultKey")), slot.wrappedVaultKey.sealed.ciphertext);
}

Error unreadable(const QString& path, const QString& why)
{
    return makeError(ErrorCode::KeyringUnreadable,
                     QStringLiteral("The key file %1 cannot be read (%2). Restore the vault and its key file "
                                    "together from your latest backup.")
                         .arg(path, why));
}
}  // namespace

QString CipherProfile::name() const
{
    return QStringLiteral("sqlcipher%1-page%2%3").arg(compatibility).arg(pageSize).arg(hmac ? QString() : QStringLiteral("-nohmac"));
}

QString normaliseUsername(const QString& username)
{
    return username.trimmed().toLower();
}

bool isValidUsername(const QString& normalised)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,63}$"));
    return pattern.match(normalised).hasMatch();
}

QString Keyring::pathFor(const QString& vaultPath)
{
    return vaultPath + QStringLiteral("-keys");
}

QString Keyring::pendingPathFor(const QString& vaultPath)
{
    return vaultPath + QStringLiteral("-keys.pending");
}

QByteArray Keyring::canonicalBody() const
{
    QJsonArray slotArray;
    for (const KeySlot& slot : keySlots) {
        slotArray.append(slotToJson(slot));
    }
    QJsonObject cipherObject{{QStringLiteral("compatibility"), cipher.compatibility},
                             {QStringLiteral("pageSize"), cipher.pageSize},
                             {QStringLiteral("hmac"), cipher.hmac},
                             {QStringLiteral("name"), cipher.name()}};
    QJsonObject body{{QStringLiteral("format"), kFormatName},
                     {QStringLiteral("formatVersion"), formatVersion},
                     {QStringLiteral("vaultId"), vaultId},
                     {QStringLiteral("keyEpoch"), keyEpoch},
                     {QStringLiteral("cipher"), cipherObject},
                     {QStringLiteral("slots"), slotArray}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);  // QJsonObject keys are sorted: deterministic
}

Result<Keyring> Keyring::load(const QString& path)
{
    QFile file(path);
    if (!file.exists()) {
        return makeError(ErrorCode::KeyringMissing,
                         QStringLiteral("The key file %1 is missing. It must be kept next to the vault file; copy "
                                        "it back from where the vault came from, or restore both from a backup.")
                             .arg(path));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return unreadable(path, file.errorString());
    }
    const QByteArray raw = file.read(1 << 20);
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &parseError);
    // A flipped byte often breaks the JSON or a field name: that is damage, not a format we do not know.
    const bool looksLikeOurs = raw.contains("\"vaultId\"") && raw.contains("\"slots\"");
    if (doc.isNull() || !doc.isObject()) {
        if (looksLikeOurs) {
            return makeError(ErrorCode::KeyringTampered,
                             QStringLiteral("The key file %1 has been damaged or altered (%2). Restore the vault and "
                                            "its key file together from your latest backup.")
                                 .arg(path, parseError.errorString()));
        }
        return unreadable(path, QStringLiteral("not a ClaimDesk key file"));
    }
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != kFormatName) {
        if (looksLikeOurs) {
            return makeError(ErrorCode::KeyringTampered,
                             QStringLiteral("The key file %1 has been damaged or altered. Restore the vault and its "
                                            "key file together from your latest backup.")
                                 .arg(path));
        }
        return makeError(ErrorCode::NotAVault,
                         QStringLiteral("%1 is not a ClaimDesk key file, so the file next to it is not a ClaimDesk "
                                        "vault.")
                             .arg(path));
    }
    Keyring keyring;
    keyring.formatVersion = o.value(QStringLiteral("formatVersion")).toInt(-1);
    if (keyring.formatVersion > kFormatVersion) {
        return makeError(ErrorCode::NewerSchema,
                         QStringLiteral("The key file %1 was written by a newer version of ClaimDesk. Update "
                                        "ClaimDesk to open this vault.")
                             .arg(path));
    }
    keyring.vaultId = o.value(QStringLiteral("vaultId")).toString();
    keyring.keyEpoch = o.value(QStringLiteral("keyEpoch")).toInt(0);
    const QJsonObject c = o.value(QStringLiteral("cipher")).toObject();
    keyring.cipher.compatibility = c.value(QStringLiteral("compatibility")).toInt(0);
    keyring.cipher.pageSize = c.value(QStringLiteral("pageSize")).toInt(0);
    keyring.cipher.hmac = c.value(QStringLiteral("hmac")).toBool(false);
    bool slotsOk = true;
    for (const QJsonValue& v : o.value(QStringLiteral("slots")).toArray()) {
        KeySlot slot;
        slotsOk = slotsOk && v.isObject() && slotFromJson(v.toObject(), slot);
        keyring.keySlots.push_back(std::move(slot));
    }
    QByteArray checksum;
    const bool checksumPresent = fromB64(o.value(QStringLiteral("checksum")), checksum);
    const bool macPresent = fromB64(o.value(QStringLiteral("mac")), keyring.m_mac);
    const bool fieldsOk = slotsOk && keyring.formatVersion >= 1 && !keyring.vaultId.isEmpty()
        && keyring.keyEpoch >= 1 && keyring.cipher.pageSize > 0;
    if (!checksumPresent || !macPresent || !fieldsOk
        || !crypto::constantTimeEquals(checksum, crypto::hash(keyring.canonicalBody()))) {
        return makeError(ErrorCode::KeyringTampered,
                         QStringLiteral("The key file %1 has been damaged or altered: its checksum does not match "
                                        "its content. Restore the vault and its key file together from your latest "
                                        "backup.")
                             .arg(path));
    }
    if (!keyring.cipher.hmac || (keyring.cipher.compatibility != 3 && keyring.cipher.compatibility != 4)) {
        return makeError(ErrorCode::KeyringUnreadable,
                         QStringLiteral("The key file %1 asks for a cipher profile (%2) this version of ClaimDesk "
                                        "does not support.")
                             .arg(path, keyring.cipher.name()));
    }
    return keyring;
}

Result<void> Keyring::save(const QString& path, const SecureBytes& vaultKey)
{
    const QByteArray body = canonicalBody();
    m_mac = crypto::keyedHash(crypto::subkey(vaultKey, 1, "keyring_"), body);
    QJsonObject o = QJsonDocument::fromJson(body).object();
    o.insert(QStringLiteral("checksum"), b64(crypto::hash(body)));
    o.insert(QStringLiteral("mac"), b64(m_mac));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(ErrorCode::IoError, QStringLiteral("Could not write the key file %1: %2").arg(path, file.errorString()));
    }
    file.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        return makeError(ErrorCode::DiskFull,
                         QStringLiteral("Could not write the key file %1 (%2). The disk may be full; the previous "
                                        "key file was kept unchanged.")
                             .arg(path, file.errorString()));
    }
    return {};
}

bool Keyring::verifyMac(const SecureBytes& vaultKey) const
{
    return crypto::constantTimeEquals(m_mac, crypto::keyedHash(crypto::subkey(vaultKey, 1, "keyring_"), canonicalBody()));
}

const KeySlot* Keyring::find(const QString& username) const
{
    const QString name = normaliseUsername(username);
    auto it = std::find_if(keySlots.begin(), keySlots.end(), [&](const KeySlot& s) { return s.username == name; });
    return it == keySlots.end() ? nullptr : &*it;
}

void Keyring::removeSlot(const QString& username)
{
    const QString name = normaliseUsername(username);
    std::erase_if(keySlots, [&](const KeySlot& s) { return s.username == name; });
}

void Keyring::putSlot(KeySlot slot)
{
    removeSlot(slot.username);
    keySlots.push_back(std::move(slot));
}

QByteArray Keyring::secretKeyAd(const QString& username) const
{
    return QByteArrayLiteral("claimdesk/user-secret-key/v1|") + vaultId.toUtf8() + '|' + normaliseUsername(username).toUtf8();
}

QByteArray Keyring::vaultKeyAd(const QString& username) const
{
    return QByteArrayLiteral("claimdesk/vault-key/v1|") + vaultId.toUtf8() + '|' + normaliseUsername(username).toUtf8()
        + '|' + QByteArray::number(keyEpoch);
}

Result<KeySlot> Keyring::makeSlot(const QString& username, const QByteArray& passphrase, const KdfProfile& kdf,
                                  const SecureBytes& vaultKey) const
{
    KeySlot slot;
    slot.username = normaliseUsername(username);
    slot.kdf = kdf;
    slot.salt = crypto::newSalt();
    auto kek = crypto::deriveKey(passphrase, slot.salt, kdf);
    if (!kek) {
        return kek.error();
    }
    crypto::KeyPair pair = crypto::newKeyPair();
    slot.publicKey = pair.publicKey;
    slot.wrappedSecretKey = crypto::encrypt(*kek, pair.secretKey, secretKeyAd(slot.username));
    resealVaultKey(slot, vaultKey);
    return slot;
}

void Keyring::resealVaultKey(KeySlot& slot, const SecureBytes& vaultKey) const
{
    slot.wrappedVaultKey = crypto::sealTo(slot.publicKey, vaultKey, vaultKeyAd(slot.username));
}

bool Keyring::openSlot(const KeySlot& slot, const QByteArray& passphrase, SecureBytes& vaultKey) const
{
    auto kek = crypto::deriveKey(passphrase, slot.salt, slot.kdf);
    if (!kek) {
        return false;
    }
    crypto::KeyPair pair;
    pair.publicKey = slot.publicKey;
    if (!crypto::decrypt(*kek, slot.wrappedSecretKey, secretKeyAd(slot.username), pair.secretKey)) {
        return false;
    }
    SecureBytes key;
    if (!crypto::openSealed(pair, slot.wrappedVaultKey, vaultKeyAd(slot.username), key) || key.size() != crypto::kKeyBytes) {
        return false;
    }
    vaultKey = std::move(key);
    return true;
}

}  // namespace claimdesk::core
