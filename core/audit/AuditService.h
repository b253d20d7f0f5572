#pragma once

#include "common/Result.h"
#include "store/AuditLog.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace claimdesk::core {

class Vault;

// Reading the audit log, for the audit viewer and `claimdesk-cli audit`. The log itself (writing, the hash chain)
// is store/AuditLog; this adds who may read it and what reading leaves behind:
// - query() and exportCsv(): supervisors and admins only. Anyone else gets PermissionDenied, and the refusal is
//   recorded ("permission.denied", attempted "read the audit log").
// - Listing is not recorded (a viewer that pages as it scrolls would write an entry per page); an export is
//   ("audit.export", with the filter and the number of entries), because it takes the log out of the vault.
// - verifyChain(): any signed-in user, like `vault check`: it shows no entry's content.
// - The details of an entry about a case (sealed under the case's key, see AuditEntry::Details) are shown only to a
//   reader who may open that case: a supervisor, unless the case is restricted and they are not on it. An admin
//   sees who did what and when on a case, never its content (docs/PERMISSIONS.md); the details are "withheld".
class AuditService {
public:
    explicit AuditService(Vault& vault);

    static constexpr int kDefaultPageSize = 200;

    // One page of matching entries, newest first; beforeId 0 starts from the newest (see AuditLog::query).
    Result<AuditPage> query(const AuditFilter& filter, qint64 beforeId = 0, int limit = kDefaultPageSize);
    // Every username the vault knows (usernames are never reused), for a filter list. Supervisors and admins.
    Result<QStringList> usernames();
    Result<AuditChainReport> verifyChain();
    // Writes every matching entry, newest first, to a new CSV file (UTF-8 with a byte order mark, cells that a
    // spreadsheet could run as formulas neutralised; never over an existing file) and records "audit.export".
    // Returns the number of entries written. Reads a page at a time, so a million entries never sit in memory.
    Result<qint64> exportCsv(const AuditFilter& filter, const QString& path);

    // The export's columns and one entry's cells (before neutralising): id, time (UTC, ISO 8601), user, action,
    // entity, entity id, summary (compact JSON), hash.
    static QStringList csvHeader();
    static QStringList csvCells(const AuditEntry& entry);
    // The summary on one line for people: "key: value; key: value", nested values as compact JSON, cut at
    // `maxLength` characters with an ellipsis.
    static QString summaryLine(const QJsonObject& summary, int maxLength = 100);
    // An entry's details for people: its summary line, or what became of sealed details ("details erased with the
    // case", "details do not open: …").
    static QString detailsLine(const AuditEntry& entry, int maxLength = 100);
    // The same for files: "erased", "damaged", "withheld", or empty when the summary is there to read.
    static QString detailsState(const AuditEntry& entry);
    // A filter as JSON (only the fields set), for the export's audit entry.
    static QJsonObject filterJson(const AuditFilter& filter);

private:
    Result<void> requireReader(const QString& attempted);
    // Empties the details of the case entries the reader may not open (Details::Withheld).
    Result<void> withholdCaseDetails(std::vector<AuditEntry>& entries);

    Vault& m_vault;
};

}  // namespace claimdesk::core
