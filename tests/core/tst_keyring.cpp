#include "store/Crypto.h"
#include "store/Keyring.h"

#include <QTemporaryDir>
#include <QTest>

using namespace claimdesk::core;

class KeyringTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(crypto::initialise()); }
    void slotOpensOnlyWithItsPassphrase();
    void slotCopiedToAnotherUsernameDoesNotOpen();
    void slotFromAnotherVaultDoesNotOpen();
    void resealedSlotOpensWithTheNewKeyOnly();
    void saveLoadRoundTripKeepsEverythingAndVerifiesMac();
    void macDetectsAnEditWithARecomputedChecksum();
    void usernamesAreNormalisedAndValidated_data();
    void usernamesAreNormalisedAndValidated();
};

namespace {
const KdfProfile kFast = KdfProfile::fastForTestsOnly();

Keyring newKeyring()
{
    Keyring k;
    k.vaultId = QStringLiteral("11111111-2222-3333-4444-555555555555");
    return k;
}
}  // namespace

void KeyringTest::slotOpensOnlyWithItsPassphrase()
{
    Keyring keyring = newKeyring();
    const SecureBytes vaultKey = SecureBytes::random(32);
    auto slot = keyring.makeSlot(QStringLiteral("Ada"), QByteArrayLiteral("right passphrase"), kFast, vaultKey);
    QVERIFY(slot.ok());
    QCOMPARE(slot->username, QStringLiteral("ada"));
    SecureBytes out;
    QVERIFY(!keyring.openSlot(*slot, QByteArrayLiteral("wrong passphrase"), out));
    QVERIFY(out.empty());
    QVERIFY(keyring.openSlot(*slot, QByteArrayLiteral("right passphrase"), out));
    QVERIFY(out.equals(vaultKey));
}

void KeyringTest::slotCopiedToAnotherUsernameDoesNotOpen()
{
    Keyring keyring = newKeyring();
    const SecureBytes vaultKey = SecureBytes::random(32);
    auto slot = keyring.makeSlot(QStringLiteral("ada"), QByteArrayLiteral("right passphrase"), kFast, vaultKey);
    QVERIFY(slot.ok());
    KeySlot stolen = *slot;
    stolen.username = QStringLiteral("mallory");  // the user id is associated data of both wrapped keys
    SecureBytes out;
    QVERIFY(!keyring.openSlot(stolen, QByteArrayLiteral("right passphrase"), out));
}

void KeyringTest::slotFromAnotherVaultDoesNotOpen()
{
    Keyring keyring = newKeyring();
    const SecureBytes vaultKey = SecureBytes::random(32);
    auto slot = keyring.makeSlot(QStringLiteral("ada"), QByteArrayLiteral("right passphrase"), kFast, vaultKey);
    QVERIFY(slot.ok());
    Keyring other = newKeyring();
    other.vaultId = QStringLiteral("99999999-2222-3333-4444-555555555555");
    SecureBytes out;
    QVERIFY(!other.openSlot(*slot, QByteArrayLiteral("right passphrase"), out));
}

void KeyringTest::resealedSlotOpensWithTheNewKeyOnly()
{
    Keyring keyring = newKeyring();
    const SecureBytes oldKey = SecureBytes::random(32);
    const SecureBytes newKey = SecureBytes::random(32);
    auto slot = keyring.makeSlot(QStringLiteral("ada"), QByteArrayLiteral("right passphrase"), kFast, oldKey);
    QVERIFY(slot.ok());
    keyring.keyEpoch = 2;
    SecureBytes out;
    QVERIFY(!keyring.openSlot(*slot, QByteArrayLiteral("right passphrase"), out));  // epoch is bound too
    keyring.resealVaultKey(*slot, newKey);  // no passphrase needed
    QVERIFY(keyring.openSlot(*slot, QByteArrayLiteral("right passphrase"), out));
    QVERIFY(out.equals(newKey));
}

void KeyringTest::saveLoadRoundTripKeepsEverythingAndVerifiesMac()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.claimdesk-keys"));
    Keyring keyring = newKeyring();
    const SecureBytes vaultKey = SecureBytes::random(32);
    keyring.putSlot(*keyring.makeSlot(QStringLiteral("ada"), QByteArrayLiteral("ada passphrase"), kFast, vaultKey));
    keyring.putSlot(*keyring.makeSlot(QStringLiteral("bob"), QByteArrayLiteral("bob passphrase"), kFast, vaultKey));
    QVERIFY(keyring.save(path, vaultKey).ok());
    auto loaded = Keyring::load(path);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->vaultId, keyring.vaultId);
    QCOMPARE(loaded->keySlots.size(), std::size_t{2});
    QCOMPARE(loaded->cipher, keyring.cipher);
    QCOMPARE(loaded->find(QStringLiteral("BOB"))->kdf, kFast);
    QVERIFY(loaded->verifyMac(vaultKey));
    QVERIFY(!loaded->verifyMac(SecureBytes::random(32)));
    SecureBytes out;
    QVERIFY(loaded->openSlot(*loaded->find(QStringLiteral("bob")), QByteArrayLiteral("bob passphrase"), out));
    QVERIFY(out.equals(vaultKey));
}

void KeyringTest::macDetectsAnEditWithARecomputedChecksum()
{
    // Someone without the vault key removes a slot and fixes up the checksum: the MAC still catches it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.claimdesk-keys"));
    Keyring keyring = newKeyring();
    const SecureBytes vaultKey = SecureBytes::random(32);
    keyring.putSlot(*keyring.makeSlot(QStringLiteral("ada"), QByteArrayLiteral("ada passphrase"), kFast, vaultKey));
    keyring.putSlot(*keyring.makeSlot(QStringLiteral("bob"), QByteArrayLiteral("bob passphrase"), kFast, vaultKey));
    QVERIFY(keyring.save(path, vaultKey).ok());
    auto loaded = Keyring::load(path);
    QVERIFY(loaded.ok());
    loaded->removeSlot(QStringLiteral("bob"));
    QVERIFY(loaded->save(path, SecureBytes::random(32)).ok());  // valid checksum, MAC under a wrong key
    auto edited = Keyring::load(path);
    QVERIFY(edited.ok());  // the checksum matches...
    QVERIFY(!edited->verifyMac(vaultKey));  // ...but the MAC under the real vault key does not
}

void KeyringTest::usernamesAreNormalisedAndValidated_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalised");
    QTest::addColumn<bool>("valid");
    QTest::addRow("mixed case and spaces") << QStringLiteral("  Ada.Lovelace ") << QStringLiteral("ada.lovelace") << true;
    QTest::addRow("digits, hyphen, underscore") << QStringLiteral("j_smith-2") << QStringLiteral("j_smith-2") << true;
    QTest::addRow("empty") << QString() << QString() << false;
    QTest::addRow("inner space") << QStringLiteral("ada lovelace") << QStringLiteral("ada lovelace") << false;
    QTest::addRow("leading dot") << QStringLiteral(".ada") << QStringLiteral(".ada") << false;
    QTest::addRow("65 characters") << QString(65, QLatin1Char('a')) << QString(65, QLatin1Char('a')) << false;
}

void KeyringTest::usernamesAreNormalisedAndValidated()
{
    QFETCH(QString, input);
    QFETCH(QString, normalised);
    QFETCH(bool, valid);
    QCOMPARE(normaliseUsername(input), normalised);
    QCOMPARE(isValidUsername(normaliseUsername(input)), valid);
}

QTEST_GUILESS_MAIN(KeyringTest)
#include "tst_keyring.moc"
