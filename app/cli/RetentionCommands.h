#pragma once

#include "retention/RetentionRules.h"

#include <QJsonObject>
#include <QString>

class QTextStream;

namespace claimdesk::core {
class Vault;
}

// `claimdesk-cli retention report|hold|release` and `erasure request|approve|register|reapply` (issue 7, "GDPR tools"). CliCommands
// parses the options and signs in; everything after that is here. The rules and the permission checks are
// core::RetentionService's (supervisors only; refusals recorded, exit 6).
namespace claimdesk::cli {

constexpr int kRetentionDefaultWithinDays = 90;
constexpr int kRetentionMaxWithinDays = 3650;

// Checks a --within value: a whole number of days, 0 to 3650. Empty when it is fine, else the sentence for the user.
QString retentionWithinProblem(const QString& text);

// The report as of the vault clock's today: a table, or with `json` an array (retentionRowJson). Recorded as
// report.output (entity "report", id "retention") before it is printed.
int runRetentionReport(core::Vault& vault, int withinDays, bool json, QTextStream& out, QTextStream& err);

enum class RetentionAction { Hold, Release, Request, Approve };
// One change to one case; `reason` is ignored by Approve. Prints one sentence saying what happened.
int runRetentionAction(core::Vault& vault, RetentionAction action, const QString& reference, const QString& reason,
                       QTextStream& out, QTextStream& err);

// `erasure register`: writes the live vault's erasure register to a new file (never over one).
int runErasureRegister(core::Vault& vault, const QString& outPath, QTextStream& out, QTextStream& err);
// `erasure reapply`: erases, in a vault restored from an older backup, every case the register lists; one line per
// listed case saying what happened.
int runErasureReapply(core::Vault& vault, const QString& registerPath, QTextStream& out, QTextStream& err);

// {reference, closedOn, reviewOn, basis, due, manualReasons, listFrom, onHold, holdReason, holdBy, holdAt,
//  erasureRequested, requestedBy, requestedAt, approvableFrom, restricted}: dates YYYY-MM-DD, times ISO 8601 UTC, null
// when absent.
QJsonObject retentionRowJson(const core::RetentionRow& row);

}  // namespace claimdesk::cli
