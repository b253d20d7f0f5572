#pragma once

#include "common/Result.h"

#include <QString>
#include <QStringList>

// Every document that leaves the vault — printed, previewed, saved as PDF, CSV or JSON — is written to the audit
// log before it is produced: who (the signed-in user), what, which profile, which format, where, and when (the
// entry's time). A refused output is recorded too (permission.denied), outside any write transaction.
namespace claimdesk::core {
class Vault;
}

namespace claimdesk::core::reports {

struct OutputRecord {
    QString action;       // "summary.output", "report.output", "sar.output", "cases.export"
    QString entity;       // "case" or "report"
    QString entityId;     // the case reference, or the report kind ("diary")
    QString profile;      // redaction profile id ("counsel") or the report's scope ("team"); may be empty
    QString format;       // "pdf", "csv", "json", "print", "preview"
    QString destination;  // the file written, if any (its path; never its content)
    int rows = -1;        // rows in the document's main table, when it has one
    QString overrideReason;  // a supervisor's reason for overriding a refusal (client copy without post)
    QStringList included;    // what sensitive material went in ("account", "sensitive notes")
};

Result<void> recordOutput(Vault& vault, const OutputRecord& record);

// Records a refusal ("permission.denied", with what was attempted and the reason) in its own transaction and
// returns the PermissionDenied error carrying `message`.
Error refuseOutput(Vault& vault, const QString& attempted, const QString& entity, const QString& entityId,
                   const QString& message);

}  // namespace claimdesk::core::reports
