#pragma once

#include "reports/RedactionProfile.h"

#include <QDate>
#include <QString>

class QTextStream;

namespace claimdesk::core {
class Vault;
}

// `claimdesk-cli summary`, `report` and `sar`: the documents that leave the vault, rendered by render/ (PDF) or
// written as CSV/JSON. Each is recorded in the audit log before its file is written. CliCommands parses the options
// and signs in; everything after that is here. These commands run under a QGuiApplication (offscreen platform) for
// the PDF's fonts: see main.cpp.
namespace claimdesk::cli {

struct SummaryCommand {
    QString caseReference;
    core::reports::Profile profile = core::reports::Profile::Internal;
    QString overrideReason;
    QString pdfPath;
};

struct ReportCommand {
    QString kind;  // "diary", "caseload", "limitation-risk", "therapy-fund"
    QDate from;
    QDate to;
    QString feeEarner;
    QString pdfPath;
    QString csvPath;
};

struct SarCommand {
    QString caseReference;
    QString outDir;
};

int runSummary(core::Vault& vault, const SummaryCommand& command, QTextStream& out, QTextStream& err);
int runReport(core::Vault& vault, const ReportCommand& command, QTextStream& out, QTextStream& err);
int runSar(core::Vault& vault, const SarCommand& command, QTextStream& out, QTextStream& err);

// True for the commands that need a QGuiApplication (fonts for the PDF).
bool needsGuiApplication(const QString& command);

}  // namespace claimdesk::cli
