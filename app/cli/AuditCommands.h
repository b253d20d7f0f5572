#pragma once

#include "store/AuditLog.h"

#include <QJsonObject>
#include <QString>

class QTextStream;

namespace claimdesk::core {
class Vault;
}

// `claimdesk-cli audit verify` and `audit list`: CliCommands parses the options and signs in; everything after
// that is here. Reading the log is core::AuditService's (supervisors and admins; refusals recorded).
namespace claimdesk::cli {

struct AuditListRequest {
    core::AuditFilter filter;
    int limit = 200;  // the newest `limit` matching entries
    bool json = false;
};

constexpr int kAuditListMaxLimit = 1000000;

// Checks a --since/--until value: a date written YYYY-MM-DD. Empty when it is fine, else the sentence for the user,
// naming the option.
QString auditDateProblem(const QString& option, const QString& text);

// Prints the entries, newest first, a page at a time (a million entries never sit in memory). Returns the exit
// status: 6 for anyone but a supervisor or an admin.
int runAuditList(core::Vault& vault, const AuditListRequest& request, QTextStream& out, QTextStream& err);
// Checks the whole hash chain and prints the result; 4 when it is broken (naming the first broken entry).
int runAuditVerify(core::Vault& vault, const QString& vaultPath, QTextStream& out, QTextStream& err);

// "hash chain intact" or "hash chain broken at entry N" (also used by `vault check`).
QString chainStatus(const core::AuditChainReport& report);
// {id, at (ISO 8601 UTC), user, action, entity, entityId, summary (object), hash}.
QJsonObject auditEntryJson(const core::AuditEntry& entry);
// One line for people: entry number, local time (dd/MM/yyyy HH:mm:ss), user, action, entity, entity id, summary.
QString auditEntryLine(const core::AuditEntry& entry);
QString auditHeaderLine();

}  // namespace claimdesk::cli
