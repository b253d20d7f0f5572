#include "store/SessionPolicy.h"

#include "store/Sqlite.h"
#include "store/Vault.h"

#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>

namespace claimdesk::core {

QString SessionPolicy::maxAutoLockSetting()
{
    return QStringLiteral("session.maxAutoLockMinutes");
}

int SessionPolicy::effectiveAutoLockMinutes(int preferredMinutes, std::optional<int> firmMaximum)
{
    const int preferred = std::clamp(preferredMinutes, kMinAutoLockMinutes, kMaxAutoLockMinutes);
    if (!firmMaximum) {
        return preferred;
    }
    return std::min(preferred, std::clamp(*firmMaximum, kMinAutoLockMinutes, kMaxAutoLockMinutes));
}

Result<void> SessionPolicy::checkAutoLockMinutes(int minutes)
{
    if (minutes < kMinAutoLockMinutes || minutes > kMaxAutoLockMinutes) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The auto-lock delay is between %1 and %2 minutes; %3 is not.")
                             .arg(kMinAutoLockMinutes)
                             .arg(kMaxAutoLockMinutes)
                             .arg(minutes));
    }
    return {};
}

std::optional<int> SessionPolicy::parseMaxAutoLock(const QString& stored)
{
    const QString text = stored.trimmed();
    if (text.isEmpty()) {
        return std::nullopt;
    }
    bool ok = false;
    const int minutes = text.toInt(&ok);
    if (!ok) {
        return kDefaultAutoLockMinutes;
    }
    return std::clamp(minutes, kMinAutoLockMinutes, kMaxAutoLockMinutes);
}

Result<std::optional<int>> SessionPolicy::maxAutoLockMinutes()
{
    // Not requireReady(): a person still on a one-time passphrase must obey the firm's limit too.
    if (!m_vault.isUnlocked()) {
        return makeError(ErrorCode::VaultLocked, QStringLiteral("The vault is locked. Unlock it first."));
    }
    auto stored = m_vault.setting(maxAutoLockSetting());
    if (!stored) {
        return stored.error();
    }
    return parseMaxAutoLock(*stored);
}

Result<void> SessionPolicy::setMaxAutoLockMinutes(int minutes)
{
    if (auto admin = m_vault.requireAdmin(QStringLiteral("set the firm's maximum auto-lock delay")); !admin) {
        return admin;
    }
    if (auto valid = checkAutoLockMinutes(minutes); !valid) {
        return valid;
    }
    auto before = maxAutoLockMinutes();
    if (!before) {
        return before.error();
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    if (auto set = m_vault.setSetting(maxAutoLockSetting(), QString::number(minutes)); !set) {
        return set;
    }
    const QJsonValue old = *before ? QJsonValue(**before) : QJsonValue(QJsonValue::Null);
    if (auto logged = m_vault.audit(QStringLiteral("session.policy.set"), QStringLiteral("setting"),
                                    maxAutoLockSetting(),
                                    {{QStringLiteral("oldMaxAutoLockMinutes"), old},
                                     {QStringLiteral("newMaxAutoLockMinutes"), minutes}});
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

}  // namespace claimdesk::core
