#pragma once

#include <QString>

namespace claimdesk::bench {

// claimdesk-bench --reports N: the firm's reports (FirmReports: deadline diary, caseload, limitation risk, therapy
// fund position) built as documents over a demo vault of N cases, and each document's CSV. Prints one JSON object.
int runReportsBenchmark(int cases, const QString& baseDir);

}  // namespace claimdesk::bench
