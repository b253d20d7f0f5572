#pragma once

#include "cases/CaseTypes.h"
#include "common/Result.h"
#include "conflicts/ConflictService.h"
#include "store/AuditLog.h"

#include <QJsonObject>
#include <QSet>

#include <optional>
#include <vector>

namespace claimdesk::core {

class Vault;
namespace sql {
class Connection;
}

// What the intake wizard (or an import row) hands over to open a case.
struct NewCase {
    Client client;
    QString feeEarner;   // username; empty: the signed-in user
    QString supervisor;  // username; may be empty
    Stage stage = Stage::Enquiry;  // an import opens a case at the stage it has reached
    std::vector<ClaimLimb> limbs;
    Funding funding = Funding::Unknown;
    QDate openedOn;      // empty: today
    std::vector<Incident> incidents;
    std::vector<CaseParty> parties;
    QString account;
    SafeguardingScreen safeguarding;
    Consent consent;
    QStringList askLater;  // questions the client chose not to answer yet: each becomes a follow-up task
    bool restricted = false;
    qint64 fromDraftId = 0;  // the intake draft this case came from: deleted when the case is created
    // The conflict checks run for this case (who ran them and what they found), recorded on it in the same
    // transaction: if the case is not created, no record of them remains either.
    std::vector<ConflictCheck> conflictChecks;
};

// The case list's filter. The rules live here; the UI proxy only delegates to matches().
struct CaseFilter {
    QString search;  // matched through the full-text index: see CaseService::search
    std::optional<Stage> stage;
    QString feeEarner;  // username
    bool mineOnly = false;
    bool safeguardingOnly = false;
    bool restrictedOnly = false;
    bool includeClosed = true;

    bool matches(const CaseSummary& summary, const QString& currentUser, const QSet<qint64>* searchHits) const;
};

struct IntakeDraft {
    qint64 id = 0;
    QString owner;
    QDateTime updatedAtUtc;
    QJsonObject data;
};

// What a save that lost a race returns: who saved in between and their version of the case.
struct EditConflict {
    QString savedBy;        // display name
    QDateTime savedAtUtc;
    CaseRecord theirs;
};

// An emergency opening of a restricted case (CaseService::breakGlass): who, which case, why, and for how long.
struct BreakGlassGrant {
    qint64 id = 0;
    qint64 caseId = 0;
    QString reference;
    QString username;
    QString reason;
    QDateTime grantedAtUtc;
    QDateTime expiresAtUtc;
};

// A supervisor's open Break-glass task, for the status bar: the case by reference only, never the client.
struct BreakGlassNotice {
    qint64 taskId = 0;
    qint64 caseId = 0;
    QString reference;
    QString by;  // the username that broke glass
    QDateTime atUtc;
};

// Cases, clients, parties, notes, tasks and intake drafts, with permission checks and audit entries.
// Admins see no case content; a restricted case is visible only to its fee earner, its supervisor and the
// users it names, and for kBreakGlassHours to whoever broke glass on it (breakGlass). Reads of the account or a
// sensitive note are audited.
class CaseService {
public:
    explicit CaseService(Vault& vault);

    Result<CaseRecord> create(const NewCase& input);
    Result<CaseRecord> load(qint64 caseId);
    Result<CaseRecord> loadByReference(const QString& reference);
    // Saves the case's own fields, client, incidents and parties. Fails with ConflictingEdit when someone
    // else saved after `edited.version` was loaded: call conflictFor() to show both versions, then either
    // reload or save again with `edited.version = theirs.version` to keep yours.
    Result<CaseRecord> save(const CaseRecord& edited);
    Result<EditConflict> conflictFor(const CaseRecord& edited);

    Result<QString> revealAccount(qint64 caseId);
    // Replaces the account if the case is still at `expectedVersion` (else ConflictingEdit, nothing written);
    // returns the new version.
    Result<int> setAccount(qint64 caseId, const QString& account, int expectedVersion);

    Result<std::vector<CaseSummary>> list();
    // Case ids whose reference, client names (incl. former) or party names start with every word typed,
    // accent-insensitively. Restricted cases the user may not open match by reference only.
    Result<QSet<qint64>> search(const QString& text);

    Result<std::vector<Note>> notes(qint64 caseId);  // sensitive notes come back without text
    Result<Note> addNote(qint64 caseId, const QString& text, bool sensitive);
    Result<QString> revealNote(qint64 noteId);

    Result<std::vector<Task>> tasks(qint64 caseId);
    Result<Task> addTask(qint64 caseId, Task task);
    Result<void> setTaskDone(qint64 taskId, bool done);

    // Supervisor only: records what was done about a safeguarding risk, lifts the red banner, closes the
    // safeguarding tasks and, when `action.reviewOn` is set, adds a review task for that day. Returns the
    // case's new version (like setAccount), so an editor that holds the case can carry on without a false
    // conflict with its own change.
    Result<int> recordSafeguardingAction(qint64 caseId, const SafeguardingAction& action);

    Result<qint64> saveDraft(qint64 draftId, const QJsonObject& data);  // 0: a new draft
    Result<std::vector<IntakeDraft>> drafts();  // the signed-in user's own
    Result<void> deleteDraft(qint64 draftId);

    // The audit entries about this case (supervisors and admins).
    Result<std::vector<AuditEntry>> history(qint64 caseId);

    // Firm settings.
    QString referencePrefix();
    Result<void> setReferencePrefix(const QString& prefix);

    // Break-glass (ethical walls, issue 7): someone with a case role who may not open a restricted case opens it
    // in an emergency, saying why (at least kBreakGlassMinReason characters). In one transaction: a grant in
    // break_glass_grants until now + kBreakGlassHours, during which the case opens for them as if they were named
    // on it (every load, list and search of CaseService, and ConflictService's checks); the audit entry
    // `case.break-glass` with the reason and the expiry; and an urgent Break-glass task, due today, for the case's
    // supervisor (its fee earner when it has none), titled "Break-glass access by NAME: reason" — the notice the
    // supervisor sees in the case's Tasks and in the status bar (breakGlassNotices). Returns the case as load().
    // Refused: a role without case files, admins included (PermissionDenied, audited as permission.denied); a
    // reason too short (InvalidInput, audited as case.break-glass.refused); a case that is not restricted or that
    // the user may open already without a grant (InvalidInput, nothing recorded). Breaking glass again during a
    // grant records a new one (a new reason, a new notice).
    Result<CaseRecord> breakGlass(qint64 caseId, const QString& reason);
    Result<CaseRecord> breakGlassByReference(const QString& reference, const QString& reason);  // NotFound if none
    // The signed-in user's latest unexpired grant on the case, when they may open it only through a grant.
    Result<std::optional<BreakGlassGrant>> activeBreakGlass(qint64 caseId);
    // Open Break-glass tasks assigned to the signed-in user, newest first, by case reference only.
    Result<std::vector<BreakGlassNotice>> breakGlassNotices();
    static constexpr int kBreakGlassHours = 8;  // one working day, whatever time it starts
    static constexpr int kBreakGlassMinReason = 10;

    bool canSeeCaseContent() const;
    bool isSupervisor() const;
    // Whether the signed-in user's role and the case's restriction let them open the case with this reference
    // (false for no such case). Asks only: nothing is refused or recorded. For AuditService, which shows a case
    // entry's details only to those who may open the case.
    Result<bool> mayOpenByReference(const QString& reference);

private:
    Vault& m_vault;
};

// A case's entry in the full-text index (case_search) that CaseService::search reads. CaseService refreshes it
// after every write; the demo generator's bulk path writes it through the same function.
class CaseSearchIndex {
public:
    // The reference whole and in parts ("BBK-2026-0042 BBK 2026 0042"), so "0042" and "bbk 2026" find it;
    // names and party names without apostrophes, so "St Marys" and "St Mary's" both find "St Mary's".
    static QString referenceText(const QString& reference);
    static QString namesText(const QStringList& names);
    // Replaces the case's entry, inside the caller's transaction.
    static Result<void> write(sql::Connection& db, qint64 caseId, const QString& reference,
                              const QStringList& clientNames, const QStringList& partyNames);
    // Rebuilds the entry from what is stored: the reference, the client's names and the parties' names and aliases.
    static Result<void> refresh(sql::Connection& db, qint64 caseId);
};

}  // namespace claimdesk::core
