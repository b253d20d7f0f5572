#pragma once

#include "cases/CaseTypes.h"
#include "common/Result.h"
#include "deadlines/DeadlineEngine.h"
#include "deadlines/EngineTypes.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <functional>
#include <vector>

namespace claimdesk::core {

class CaseService;
class Vault;

namespace sql {
class Connection;
}

namespace deadlines {

// A procedural event recorded on a case (letter of claim posted, claim form served …): the engine's input.
struct CaseEvent {
    qint64 id = 0;
    qint64 caseId = 0;
    Event event;
    QString note;
    QString recordedBy;
    QDateTime recordedAtUtc;
};

enum class DeadlineKind { Limitation, Computed, Manual };

// A deadline as stored for a case: derived by the engine (with its rule and versions) or entered by hand.
struct StoredDeadline {
    qint64 id = 0;
    qint64 caseId = 0;
    QString caseReference;
    DeadlineKind kind = DeadlineKind::Computed;
    QString rule;  // the engine's rule id, the limitation regime, or MANUAL
    QString key;  // stable identity within the case, so recomputation updates rather than duplicates
    QString title;
    ActingParty party = ActingParty::Own;
    QString incident;
    QDate dueOn;  // the date to act on; null for a limitation regime without a period
    QDate strictOn;
    QDate safeOn;
    QDate rollForwardOn;
    QString cutoff;
    QStringList flags;
    QStringList explanation;
    QString engineVersion;
    QString rulesVersion;
    QString holidayVersion;
    QDateTime computedAtUtc;
    QString note;
    QString doneBy;
    QDateTime doneAtUtc;
    bool done() const { return doneAtUtc.isValid(); }
};

// What a recomputation changed, for the user and the audit log.
struct DeadlineChange {
    QString key;
    QString title;
    QDate before;  // null: new
    QDate after;  // null: no longer applies
};

enum class LimitationState { Verified, Unverified, Missing };

struct LimitationStatus {
    qint64 caseId = 0;
    LimitationState state = LimitationState::Missing;
    QDate primarySafeDate;  // the engine's (or the override's) case-level date; null when none
    bool noLimitationPeriod = false;  // every incident is under a regime without a period (s.11ZA, s.17A)
    bool overridden = false;
    QString overrideReason;
    QString requestedBy;  // who entered the override or asked for verification
    QString verifiedBy;
    QDateTime verifiedAtUtc;
    QString why;  // one sentence: why it is unverified or missing
};

// One open case's limitation position, for the limitation-risk report. A restricted case the user may not open
// gives its reference, state and date only (`restricted`: no fee earner, no `status.why`).
struct LimitationOverviewEntry {
    QString caseReference;
    QString feeEarner;  // username
    QString feeEarnerName;  // display name (the username when the user is unknown)
    bool restricted = false;
    LimitationStatus status;
};

enum class DiaryScope { Mine, Team, All };

// One line of the deadline diary: a deadline, or a limitation reminder that must be acknowledged.
struct DiaryEntry {
    qint64 deadlineId = 0;
    qint64 caseId = 0;
    QString caseReference;  // never the client's name
    bool restricted = false;  // a restricted case the user may not open: reference only
    QString title;
    QString rule;
    DeadlineKind kind = DeadlineKind::Computed;
    ActingParty party = ActingParty::Own;
    QDate dueOn;
    QString feeEarner;
    QString supervisor;
    // Limitation reminder ladder: the rung due (e.g. "6 months", "5 business days") and whether it waits for
    // acknowledgment; `escalated` when it was not acknowledged by the next business day after it fell due.
    QString reminderRung;
    QDate reminderDueOn;
    bool needsAcknowledgment = false;
    bool escalated = false;
};

// The limitation reminder ladder (issue 4: "12, 6 and 3 and 1 months, 2 weeks, then every business day in the
// last 5; configurable"). Written as text for the firm setting: "12m, 6m, 3m, 1m, 2w, 5bd".
struct ReminderRung {
    enum class Unit { Months, Weeks, Days, LastBusinessDays };
    Unit unit = Unit::Months;
    int count = 0;
};

struct ReminderLadder {
    std::vector<ReminderRung> rungs;  // earliest first

    static ReminderLadder standard();  // 12m, 6m, 3m, 1m, 2w, 5bd
    // Refuses text it cannot read, and a ladder that would leave the last two weeks without a reminder.
    static Result<ReminderLadder> parse(const QString& text);
    QString text() const;  // "12m, 6m, 3m, 1m, 2w, 5bd"
    QString describe() const;  // "12, 6, 3 and 1 months, 2 weeks, then each of the last 5 business days"
    // The rungs for a safe date: name ("6 months", "2 business days left", "due today") and the day it falls due,
    // earliest first.
    std::vector<std::pair<QString, QDate>> rungsFor(const QDate& safeDate, Region region) const;
    // How far ahead the earliest rung reaches: a safe date later than today + this cannot have a rung due.
    QDate horizon(const QDate& today) const;
};

// Deadlines of the case file: events in, derived deadlines out, stored with their rule and versions and
// recomputed whenever an input changes; limitation sign-off (four eyes); the diary, its reminders and the
// calendar export. Permissions follow CaseService (a case the user may not open is refused).
class DeadlineService {
public:
    DeadlineService(Vault& vault, CaseService& cases);

    // The engine's input for a case as stored now (client, incidents, events, CICA facts).
    Result<EngineInput> inputFor(qint64 caseId, const QDate& asOf);
    // The live result with explanations, for the limitation panel.
    Result<EngineResult> evaluate(qint64 caseId, const QDate& asOf);

    Result<std::vector<CaseEvent>> events(qint64 caseId);  // the case must be one the user may open
    // Adds an event and recomputes the case's deadlines in the same transaction; returns what changed.
    Result<std::vector<DeadlineChange>> addEvent(qint64 caseId, const Event& event, const QString& note);
    Result<std::vector<DeadlineChange>> removeEvent(qint64 eventId);

    // Recomputes the case's stored deadlines (after a corrected date of birth, an edited incident, a new holiday
    // table …). Completed deadlines keep their completion; changed dates are audited with old and new values.
    Result<std::vector<DeadlineChange>> recompute(qint64 caseId, const QDate& asOf);
    // Every open (not closed) case the user may open (a new holiday table, an engine upgrade). Returns how many
    // cases changed.
    Result<int> recomputeAll(const QDate& asOf, const std::function<bool(int done, int total)>& progress = {});

    // Recomputes the cases whose stored deadlines are stale: computed before the case's last save (a corrected
    // date of birth, an edited incident), by another engine, rule or holiday-table version, or never. Run before
    // the diary so that no stale date is shown. Returns how many were recomputed.
    // With `atMost` >= 0, nothing is done when more cases than that are stale (returns -1): a caller on a time
    // budget (the list at unlock) leaves a large backlog to the diary or the CLI. Roles without case files are refused.
    Result<int> refreshStale(const QDate& asOf, int atMost = -1);

    Result<std::vector<StoredDeadline>> deadlines(qint64 caseId);
    Result<StoredDeadline> addManualDeadline(qint64 caseId, const QString& title, const QDate& dueOn,
                                             const QString& note);
    Result<void> complete(qint64 deadlineId);

    // Four-eyes limitation sign-off. requestVerification/override: a fee earner or supervisor; verify: a
    // supervisor who did not enter the case's facts or the override. Overrides need a reason.
    Result<void> overrideLimitation(qint64 caseId, const QDate& safeDate, const QString& reason);
    Result<void> verifyLimitation(qint64 caseId);
    Result<LimitationStatus> limitationStatus(qint64 caseId);
    // Open cases whose limitation is unverified or missing (case reference and why).
    Result<std::vector<std::pair<QString, LimitationStatus>>> unverifiedQueue();
    // Every open (not closed) case with its limitation state, verified ones included, in one query over the stored
    // state (no case is loaded or computed: fast on 100,000 cases; run refreshStale first), in case id order. The
    // same rules as unverifiedQueue; restricted cases the user may not open are included with reference, state and
    // date only. Roles without case files are refused.
    Result<std::vector<LimitationOverviewEntry>> limitationOverview();

    // Open deadlines and due reminders from `from` to `to` (inclusive), plus everything overdue before `from`.
    Result<std::vector<DiaryEntry>> diary(DiaryScope scope, const QDate& from, const QDate& to, const QDate& today);
    Result<void> acknowledgeReminder(qint64 deadlineId, const QString& rung);

    // Court closure days the firm adds (closure notices): they are not open days for any deadline, change the
    // holiday-table version and so make every case's deadlines stale (recomputed before the next list or diary).
    // Admins and supervisors only; audited.
    Result<QList<Holiday>> courtClosures();
    Result<void> addCourtClosure(const QDate& day, const QString& name);
    Result<void> removeCourtClosure(const QDate& day);

    // RFC 5545 calendar of diary entries: case reference and rule title only.
    static QByteArray toIcs(const std::vector<DiaryEntry>& entries, const QDateTime& stampUtc);
    // The standard reminder ladder for a limitation safe date (12, 6, 3, 1 months, 2 weeks, then each of the last
    // 5 business days): rung name and the day it falls due.
    static std::vector<std::pair<QString, QDate>> reminderLadder(const QDate& safeDate, Region region);
    // The firm's ladder (the standard one until a supervisor or admin changes it; audited).
    Result<ReminderLadder> firmReminderLadder();
    Result<void> setFirmReminderLadder(const ReminderLadder& ladder);

    // Schema for the migration (store/Migrations.cpp).
    static Result<void> createSchema(sql::Connection& db);

private:
    Result<std::vector<DeadlineChange>> store(qint64 caseId, const QString& reference, const EngineResult& result);
    // The built-in calendar with the vault's court closures. The closures are read on every call (another user may
    // have changed them); the calendar (precomputed tables) is rebuilt only when they differ from the last ones.
    const HolidayCalendar& calendar();

    Vault& m_vault;
    CaseService& m_cases;
    std::optional<HolidayCalendar> m_calendar;
    QList<Holiday> m_calendarClosures;
};

// The engine's facts for a case's client, incidents, parties and claim limbs (events and asOf added by the caller).
// Incidents are numbered 1, 2, … in their stored order; "approximate" dates count as known to the year.
EngineInput caseFacts(const Client& client, const std::vector<Incident>& incidents,
                      const std::vector<CaseParty>& parties, const std::vector<ClaimLimb>& limbs);

QString deadlineKindId(DeadlineKind kind);
QString limitationStateLabel(LimitationState state);
// The limitation regime in words a fee earner reads without the rule book: EW_S28_MINOR -> "Child at the time —
// LA 1980 s.28"; an unknown id is returned as it is.
QString regimeLabel(const QString& regime);

}  // namespace deadlines
}  // namespace claimdesk::core
