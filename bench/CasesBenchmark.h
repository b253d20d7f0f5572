#pragma once

#include <QString>
#include <QStringList>

namespace claimdesk::bench {

// claimdesk-bench --cases N: a demo vault of N fictional cases, then what a caseworker waits for. See
// CasesBenchmark.cpp for what is measured; prints one JSON object and returns the exit status.
int runCasesBenchmark(int cases, const QString& baseDir);

// The child process that creates the demo vault (so its memory does not count towards the list's RSS):
// claimdesk-bench --internal-make-demo PATH N. Returns the exit status.
int runMakeDemo(const QStringList& arguments);

}  // namespace claimdesk::bench
