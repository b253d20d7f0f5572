#include "audit/AuditService.h"

#include "cases/CaseImport.h"
#include "cases/CaseService.h"
#include "store/Sqlite.h"
#include "store/Vault.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <map>
#include <optional>

namespace claimdesk::core {

namespace {

QString isoUtc(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QString valueText(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: return QStringLiteral("null");
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::fromUtf8(QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    case QJsonValue::String: return v.toString();
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

}  // namespace

AuditService::AuditService(Vault& vault) : m_vault(vault)
{
}

Result<void> AuditService::requireReader(const QString& attempted)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready;
    }
    const Role role = m_vault.currentUser().role;
    if (role == Role::Supervisor || role == Role::Admin) {
        return {};
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (tx
        && m_vault.audit(QStringLiteral("permission.denied"), QStringLiteral("vault"), m_vault.vaultId(),
                         {{QStringLiteral("attempted"), attempted}, {QStringLiteral("role"), roleName(role)}})) {
        (void)tx->commit();
    }
    return makeError(ErrorCode::PermissionDenied,
                     QStringLiteral("Only a supervisor or an admin can %1. Ask your supervisor.").arg(attempted));
}

Result<AuditPage> AuditService::query(const AuditFilter& filter, qint64 beforeId, int limit)
{
    if (auto allowed = requireReader(QStringLiteral("read the audit log")); !allowed) {
        return allowed.error();
    }
    auto page = AuditLog::query(m_vault.connection(), filter, beforeId, limit);
    if (!page) {
        return page.error();
    }
    if (auto withheld = withholdCaseDetails(page->entries); !withheld) {
        return withheld.error();
    }
    return page;
}

Result<void> AuditService::withholdCaseDetails(std::vector<AuditEntry>& entries)
{
    CaseService cases(m_vault);
    std::map<QString, bool> mayRead;
    for (AuditEntry& e : entries) {
        if (e.details != AuditEntry::Details::Opened) {
            continue;
        }
        auto known = mayRead.find(e.entityId);
        if (known == mayRead.end()) {
            bool allowed = false;
            if (cases.canSeeCaseContent()) {
                auto open = cases.mayOpenByReference(e.entityId);
                if (!open) {
                    return open.error();
                }
                allowed = *open;
            }
            known = mayRead.emplace(e.entityId, allowed).first;
        }
        if (!known->second) {
            e.summary = {};
            e.details = AuditEntry::Details::Withheld;
        }
    }
    return {};
}

Result<QStringList> AuditService::usernames()
{
    if (auto allowed = requireReader(QStringLiteral("read the audit log")); !allowed) {
        return allowed.error();
    }
    auto users = m_vault.users();
    if (!users) {
        return users.error();
    }
    QStringList names;
    for (const User& u : *users) {
        names << u.username;
    }
    names.sort();
    return names;
}

Result<AuditChainReport> AuditService::verifyChain()
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    return AuditLog::verify(m_vault.connection());
}

QStringList AuditService::csvHeader()
{
    return {QStringLiteral("id"),     QStringLiteral("at_utc"),    QStringLiteral("user"),    QStringLiteral("action"),
            QStringLiteral("entity"), QStringLiteral("entity_id"), QStringLiteral("summary"), QStringLiteral("details"),
            QStringLiteral("hash")};
}

QStringList AuditService::csvCells(const AuditEntry& e)
{
    return {QString::number(e.id),
            isoUtc(e.atUtc),
            e.username,
            e.action,
            e.entity,
            e.entityId,
            QString::fromUtf8(QJsonDocument(e.summary).toJson(QJsonDocument::Compact)),
            detailsState(e),
            e.hash};
}

QString AuditService::summaryLine(const QJsonObject& summary, int maxLength)
{
    QStringList parts;
    for (auto it = summary.begin(); it != summary.end(); ++it) {
        parts << it.key() + QStringLiteral(": ") + valueText(it.value());
    }
    QString line = parts.join(QStringLiteral("; "));
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (maxLength > 1 && line.size() > maxLength) {
        line = line.left(maxLength - 1) + QChar(0x2026);
    }
    return line;
}

QString AuditService::detailsLine(const AuditEntry& entry, int maxLength)
{
    switch (entry.details) {
    case AuditEntry::Details::Erased:
        return QStringLiteral("(details erased with the case)");
    case AuditEntry::Details::Damaged:
        return QStringLiteral("(details do not open: this entry was altered; run audit verify)");
    case AuditEntry::Details::Withheld:
        return QStringLiteral("(case details: only for those who may open the case)");
    case AuditEntry::Details::Clear:
    case AuditEntry::Details::Opened:
        break;
    }
    return summaryLine(entry.summary, maxLength);
}

QString AuditService::detailsState(const AuditEntry& entry)
{
    switch (entry.details) {
    case AuditEntry::Details::Erased: return QStringLiteral("erased");
    case AuditEntry::Details::Damaged: return QStringLiteral("damaged");
    case AuditEntry::Details::Withheld: return QStringLiteral("withheld");
    case AuditEntry::Details::Clear:
    case AuditEntry::Details::Opened: break;
    }
    return {};
}

QJsonObject AuditService::filterJson(const AuditFilter& filter)
{
    QJsonObject o;
    if (!filter.username.trimmed().isEmpty()) {
        o.insert(QStringLiteral("user"), filter.username.trimmed().toLower());
    }
    if (!filter.caseReference.trimmed().isEmpty()) {
        o.insert(QStringLiteral("case"), filter.caseReference.trimmed().toUpper());
    }
    if (!filter.action.trimmed().isEmpty()) {
        o.insert(QStringLiteral("action"), filter.action.trimmed());
    }
    if (filter.fromUtc.isValid()) {
        o.insert(QStringLiteral("fromUtc"), isoUtc(filter.fromUtc));
    }
    if (filter.untilUtc.isValid()) {
        o.insert(QStringLiteral("untilUtc"), isoUtc(filter.untilUtc));
    }
    return o;
}

Result<qint64> AuditService::exportCsv(const AuditFilter& filter, const QString& path)
{
    if (auto allowed = requireReader(QStringLiteral("export the audit log")); !allowed) {
        return allowed.error();
    }
    const auto exists = [&path] {
        return makeError(
            ErrorCode::AlreadyExists,
            QStringLiteral("%1 already exists. Choose a new file name: an export never overwrites a file.").arg(path));
    };
    if (QFileInfo::exists(path)) {
        return exists();
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        if (QFileInfo::exists(path)) {
            return exists();
        }
        return makeError(ErrorCode::IoError,
                         QStringLiteral("%1 could not be created: %2").arg(path, file.errorString()));
    }
    const auto failed = [&file](const Error& error) -> Result<qint64> {
        file.close();
        file.remove();
        return error;
    };
    const auto writeFailed = [&path] {
        return makeError(
            ErrorCode::IoError,
            QStringLiteral("Writing %1 failed (is the disk full?); the partial file was removed.").arg(path));
    };
    // A read transaction, so the pages are one consistent snapshot even if someone writes meanwhile.
    if (auto begun = m_vault.connection().exec("BEGIN DEFERRED"); !begun) {
        return failed(begun.error());
    }
    qint64 written = 0;
    qint64 beforeId = 0;
    bool ok = file.write(Csv::utf8WithBom(Csv::formatSafeRecord(csvHeader()))) >= 0;
    std::optional<Error> readError;
    while (ok) {
        auto page = AuditLog::query(m_vault.connection(), filter, beforeId, AuditLog::kMaxPageSize);
        if (!page) {
            readError = page.error();
            break;
        }
        QString text;
        if (auto withheld = withholdCaseDetails(page->entries); !withheld) {
            readError = withheld.error();
            break;
        }
        for (const AuditEntry& e : page->entries) {
            text += Csv::formatSafeRecord(csvCells(e));
        }
        const QByteArray bytes = text.toUtf8();
        ok = file.write(bytes) == bytes.size();
        written += static_cast<qint64>(page->entries.size());
        if (!page->more || page->entries.empty()) {
            break;
        }
        beforeId = page->entries.back().id;
    }
    (void)m_vault.connection().exec("COMMIT");
    if (readError) {
        return failed(*readError);
    }
    ok = ok && file.flush();
    file.close();
    if (!ok || file.error() != QFileDevice::NoError) {
        file.remove();
        return writeFailed();
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        file.remove();
        return tx.error();
    }
    QJsonObject summary {{QStringLiteral("entries"), written},
                         {QStringLiteral("file"), QFileInfo(path).absoluteFilePath()}};
    const QJsonObject filterObject = filterJson(filter);
    if (!filterObject.isEmpty()) {
        summary.insert(QStringLiteral("filter"), filterObject);
    }
    if (auto logged
        = m_vault.audit(QStringLiteral("audit.export"), QStringLiteral("vault"), m_vault.vaultId(), summary);
        !logged) {
        file.remove();
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        file.remove();
        return committed.error();
    }
    return written;
}

}  // namespace claimdesk::core
