#pragma once

#include "cases/CaseTypes.h"
#include "common/Result.h"
#include "reports/ReportDocument.h"
#include "retention/RetentionRules.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace claimdesk::core {

class CaseService;
class Vault;
namespace sql {
class Connection;
}

// What is left after an erasure, and whether the vault file was compacted.
struct ErasureReceipt {
    QString reference;
    QDateTime erasedAtUtc;
    int rowsDeleted = 0;
    // VACUUM rewrote the file, so no freed page keeps old (zeroed) cells either. False when another program held the
    // vault (VaultBusy): the data is deleted (secure delete zeroed it) but the file was not rewritten yet; approving
    // the same reference again retries.
    bool compacted = false;
    QString compactProblem;
};

// A case erased by two supervisors: the tombstone (erased_cases) that remains for conflict checks.
struct ErasedCase {
    QString reference;
    QDate openedOn;
    QDate closedOn;
    QString requestedBy;
    QDateTime requestedAtUtc;
    QString erasedBy;
    QDateTime erasedAtUtc;
};

// What re-applying an erasure register did with one of its cases.
struct ReappliedErasure {
    enum class Outcome {
        Erased,         // the case was in this vault (restored from an older backup) and is erased now
        AlreadyErased,  // this vault has its tombstone
        NotHere,        // no case with that reference in this vault
    };
    QString reference;
    Outcome outcome = Outcome::NotHere;
};

// Retention and erasure (issue 7, "GDPR tools"; DOMAIN.md §8, §6.5): the destroy-review date of every closed case,
// legal holds, the retention report, and two-person erasure of a closed case. Supervisors only (refusals are
// recorded as permission.denied); every change is one transaction with its audit entry (entity "case", the
// reference), so the audit trail keeps the event after the case is gone, never its data.
//
// Erasure deletes every row about the case — the case, its client (unless the client has another case), incidents,
// notes, tasks, parties only it used, case events, deadlines and their reminder acknowledgments, limitation
// sign-offs, therapy requests with their decisions, sessions, invoices and payments, conflict checks, access lists,
// break-glass grants, holds and requests (any table with a case_id column), its full-text search entry — with
// SQLCipher's `PRAGMA secure_delete = ON`, merges the search index so no old segment keeps its words, and runs
// VACUUM after the commit so freed pages are rewritten. A tombstone remains: the reference, the dates, who asked and
// who approved, and keyed hashes of the client's names (never the names) so a conflict check still says "erased case
// REF — ask a supervisor". Backups made before the erasure still hold the case: the erasure register (below) carries
// the erasure to a vault restored from one.
class RetentionService {
public:
    RetentionService(Vault& vault, CaseService& cases);

    // Migration 11: legal_holds, erasure_requests, erased_cases, erased_case_names.
    static Result<void> createSchema(sql::Connection& db);

    // The firm's periods (vault settings; defaults when unset or unreadable). Setting them: supervisors and admins,
    // recorded as setting.change.
    RetentionPolicy policy();
    Result<void> setPolicy(const RetentionPolicy& policy);

    // Closed cases whose destroy-review date is on or before asOf + withinDays (0 to 3650), manual reviews whose
    // earliest date is, and every case with an erasure request, ordered by date (manual reviews without a date
    // first) then reference.
    Result<std::vector<RetentionRow>> due(const QDate& asOf, int withinDays);
    // One case's row, whether due or not.
    Result<RetentionRow> status(const QString& reference, const QDate& asOf);
    // due() as a printable document (retentionDocument). Producing it is for the caller to record (OutputAudit).
    Result<reports::Document> document(const QDate& asOf, int withinDays);

    Result<void> placeHold(const QString& reference, const QString& reason);
    Result<void> releaseHold(const QString& reference, const QString& reason);
    Result<void> requestErasure(const QString& reference, const QString& reason);
    Result<void> withdrawErasure(const QString& reference, const QString& reason);
    // A second supervisor, 24 hours or more after the request, erases the case. Approving an erased reference whose
    // file was not compacted retries the VACUUM.
    Result<ErasureReceipt> approveErasure(const QString& reference);

    // Backups made before an erasure still hold the case. The erasure register carries the erasures to a vault
    // restored from such a backup: erasureRegister() writes every tombstone (references, dates, who asked and who
    // approved; no client data) as JSON tagged with a key derived from the vault key (Vault::authenticationTag), and
    // reapplyErasures() checks the tag (only this vault and its copies made it; a rotated vault key or an edited file
    // is refused), then erases each listed case this vault still holds, with the original two supervisors' tombstone,
    // recorded as erasure.reapply. Supervisors only; exporting the register is recorded (erasure.register).
    Result<QByteArray> erasureRegister();
    Result<std::vector<ReappliedErasure>> reapplyErasures(const QByteArray& registerJson);
    static constexpr const char* kRegisterFormat = "claimdesk-erasure-register";

    // Tombstones whose client names match `name` (exactly, after folding; see tombstoneNameForms), for
    // ConflictService. Inside the caller's read; no permission check of its own.
    static Result<std::vector<ErasedCase>> erasedCasesNamed(sql::Connection& db, const QString& name);
    Result<std::optional<ErasedCase>> erasedCase(const QString& reference);

private:
    Result<qint64> caseIdOf(const QString& reference);
    Error refuse(const QString& attempted, const QString& reference, const QString& message);
    Result<void> requireSupervisor(const QString& attempted, const QString& reference);
    // The steps every supervisor action on a case takes first: a supervisor, a case that exists and may be opened, a
    // reason that does not name the client.
    Result<CaseRecord> caseForAction(const QString& attempted, const QString& reference, const QString& reason);
    Result<void> checkReason(const QString& reason, const QString& clientFullName, const QString& clientPreferredName,
                             const QStringList& clientFormerNames);
    // One VACUUM, then each reference marked compacted (erasure.compact).
    Result<ErasureReceipt> compact(const QStringList& references);

    Vault& m_vault;
    CaseService& m_cases;
};

}  // namespace claimdesk::core
