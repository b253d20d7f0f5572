#pragma once

#include "common/Result.h"
#include "reports/OutputAudit.h"
#include "reports/ReportDocument.h"

#include <QDate>
#include <QString>

#include <functional>
#include <optional>

// The firm's reports (issue 6) as data: a Document of headings, paragraphs, fields and tables that render/ paints
// and toCsv() exports. Built from the services' own queries (each report is a handful of queries, never one per
// case), with their permission and restricted-case rules, as of a date the caller gives (never the clock inside).
//
// Who may run what (a refusal is recorded as permission.denied, entity "report", the kind's id):
// - Deadline diary: anyone with case files, for their own cases; the whole team or another fee earner's diary:
//   supervisors only.
// - Caseload by stage and fee earner: supervisors.
// - Limitation risk: supervisors see every open case; solicitors and paralegals get the same report over the
//   cases they are the fee earner of (so a fee earner can check their own position without seeing the firm's).
// - Therapy fund position: supervisors (as TherapyService::report).
// Admins hold no case content: every report is refused to them.
//
// Restricted cases the user may not open appear by reference only ("Restricted case"), or, in the caseload, as
// one "Restricted (not shown)" count without stage or fee earner. The diary never names a client, and no report
// does: cases are named by reference.
//
// The diary and the limitation-risk report first recompute stale deadlines (DeadlineService::refreshStale, as the
// diary window and the CLI do), so no out-of-date date is printed; nothing else is written.
namespace claimdesk::core {
class CaseService;
class Vault;
namespace deadlines {
class DeadlineService;
}
namespace therapy {
class TherapyService;
}
}  // namespace claimdesk::core

namespace claimdesk::core::reports {

enum class ReportKind { Diary, Caseload, LimitationRisk, TherapyFund };

QString reportKindId(ReportKind kind);  // "diary", "caseload", "limitation-risk", "therapy-fund"
std::optional<ReportKind> reportKindFromId(const QString& id);
QString reportKindTitle(ReportKind kind);  // "Deadline diary", "Caseload", "Limitation risk", "Therapy fund position"

struct ReportRequest {
    ReportKind kind = ReportKind::Diary;
    // Diary: the range (default asOf .. asOf + 27 days); therapy fund: the fund year containing `from` (default
    // the year of asOf); the others ignore them.
    QDate from, to;
    // Diary: one fee earner's username; empty: the whole team (supervisors) or the user's own (others).
    QString feeEarner;
    // "Today", from the vault clock by the caller (invalid: the vault clock's local date).
    QDate asOf;
};

class FirmReports {
public:
    FirmReports(Vault& vault, CaseService& cases, deadlines::DeadlineService& deadlines,
                therapy::TherapyService& therapy);

    // Builds the document: marking, title, subtitle, profile name (the title and the scope: "Deadline diary — team",
    // "Deadline diary — mine", "Deadline diary — sol", "Limitation risk — all", "Therapy fund position — 2026/27"),
    // the firm's name (vault setting "firm.name", may be empty), printed by (the signed-in user's display name) and
    // at (vault.now()), and the blocks: a short paragraph saying what the report covers and as of when, then its
    // tables, each with a csvName and its rows in file form (ISO 8601 dates, money as 1234.50, stable ids; totals
    // only in the printed rows; no negative numbers, which the CSV writer would quote as text).
    // `progress(done, total)` is called while working over many rows; returning false cancels the report
    // (InvalidInput, "The report was cancelled", as DeadlineService::recomputeAll: there is no Cancelled code).
    Result<Document> build(const ReportRequest& request, const std::function<bool(int, int)>& progress = {});

private:
    Result<Document> diary(const ReportRequest& request, const std::function<bool(int, int)>& progress);
    Result<Document> caseload(const ReportRequest& request, const std::function<bool(int, int)>& progress);
    Result<Document> limitationRisk(const ReportRequest& request, const std::function<bool(int, int)>& progress);
    Result<Document> therapyFund(const ReportRequest& request, const std::function<bool(int, int)>& progress);
    Document frame(ReportKind kind) const;
    Error refuse(ReportKind kind, const QString& attempted, const QString& message);

    Vault& m_vault;
    CaseService& m_cases;
    deadlines::DeadlineService& m_deadlines;
    therapy::TherapyService& m_therapy;
};

// The audit record for producing `document` (OutputAudit's recordOutput): action "report.output", entity
// "report", entityId the kind's id, profile the scope the document was built for — the end of its profile name
// after " — ": "team", "mine" or a fee earner's username (diary), "all" or "mine" (limitation risk), the fund year
// "2026/27" (therapy fund), "firm" (caseload) — and rows the rows of its main table (its first table, in file form:
// totals not counted).
OutputRecord outputRecordFor(const ReportRequest& request, const Document& document, const QString& format,
                             const QString& destination);

}  // namespace claimdesk::core::reports
