#pragma once

#include "therapy/TherapyTypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class QTextStream;

namespace claimdesk::core {
class Vault;
}

// `claimdesk-cli therapy report`: the therapy fund's year (DOMAIN.md §7) as a text table, JSON or CSV.
// CliCommands parses the options and signs in; everything after that is here.
namespace claimdesk::cli {

enum class TherapyReportFormat { Text, Json, Csv };

struct TherapyReportRequest {
    int year = 0;  // the fund year, named by the calendar year it starts in
    TherapyReportFormat format = TherapyReportFormat::Text;
    QString csvPath;  // for Csv: a new file
};

// Checks a --year value: four digits, 1990 to 2200 (the fund years core knows). Empty when it is fine, else the
// sentence for the user, naming the option.
QString therapyYearProblem(const QString& text);

// Reads the report (supervisors only: anyone else gets PermissionDenied from core), records the export in the
// audit log ("therapy.report.export") and prints or writes it. Returns the exit status.
int runTherapyReport(core::Vault& vault, const TherapyReportRequest& request, QTextStream& out, QTextStream& err);

// The three renderings, pure (tests and the CLI). Money is integer pence in JSON and CSV, GBP in text.
QJsonObject therapyReportJson(const core::therapy::FundReport& report, int startMonth);
QString therapyReportText(const core::therapy::FundReport& report, int startMonth);

}  // namespace claimdesk::cli
