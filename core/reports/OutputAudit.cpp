#include "reports/OutputAudit.h"

#include "store/Sqlite.h"
#include "store/Vault.h"
#include "users/User.h"

#include <QJsonArray>
#include <QJsonObject>

namespace claimdesk::core::reports {

Result<void> recordOutput(Vault& vault, const OutputRecord& record)
{
    if (auto ready = vault.requireReady(); !ready) {
        return ready;
    }
    QJsonObject summary {{QStringLiteral("format"), record.format}};
    if (!record.profile.isEmpty()) {
        summary.insert(QStringLiteral("profile"), record.profile);
    }
    if (!record.destination.isEmpty()) {
        summary.insert(QStringLiteral("file"), record.destination);
    }
    if (record.rows >= 0) {
        summary.insert(QStringLiteral("rows"), record.rows);
    }
    if (!record.overrideReason.isEmpty()) {
        summary.insert(QStringLiteral("overrideReason"), record.overrideReason);
    }
    if (!record.included.isEmpty()) {
        summary.insert(QStringLiteral("included"), QJsonArray::fromStringList(record.included));
    }
    auto tx = sql::Transaction::begin(vault.connection());
    if (!tx) {
        return tx.error();
    }
    if (auto logged = vault.audit(record.action, record.entity, record.entityId, summary); !logged) {
        return logged;
    }
    return tx->commit();
}

Error refuseOutput(Vault& vault, const QString& attempted, const QString& entity, const QString& entityId,
                   const QString& message)
{
    auto tx = sql::Transaction::begin(vault.connection());
    if (tx && vault.audit(QStringLiteral("permission.denied"), entity, entityId,
                          {{QStringLiteral("attempted"), attempted},
                           {QStringLiteral("reason"), message},
                           {QStringLiteral("role"), roleName(vault.currentUser().role)}})) {
        (void)tx->commit();
    }
    return makeError(ErrorCode::PermissionDenied, message);
}

}  // namespace claimdesk::core::reports
