#pragma once

#include <QString>

namespace claimdesk::bench {

// claimdesk-bench --deadlines N: the deadline engine over N demo cases (engine alone, then through the vault:
// every case recomputed and stored) and the firm-wide diary for the next 30 days. Prints one JSON object.
int runDeadlinesBenchmark(int cases, const QString& baseDir);

}  // namespace claimdesk::bench
