#pragma once

#include <QStringList>

class QTextStream;

namespace claimdesk::cli {

class PassphraseReader;

// Where a run of the CLI reads and writes: results to `out`, errors (one sentence each) to `err`,
// passphrases through `passphrases` only.
struct CliIo {
    QTextStream& out;
    QTextStream& err;
    PassphraseReader& passphrases;
};

// Runs one command line (arguments[0] is the program) and returns its exit status (see CliExit.h).
int runCli(const QStringList& arguments, CliIo& io);

}  // namespace claimdesk::cli
