// claimdesk-cli: vault and user administration from a terminal or a script. The commands live in
// CliCommands.cpp; this file only hardens the process and wires the standard streams.

#include "CliCommands.h"
#include "PassphraseReader.h"

#include "common/ProcessHardening.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char* argv[])
{
    claimdesk::core::hardenProcess();
    QCoreApplication app(argc, argv);
    // The same names as the GUI, so both share one unlock-throttle state file (AppLocalDataLocation).
    QCoreApplication::setOrganizationName(QStringLiteral("ClaimDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("ClaimDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CLAIMDESK_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    claimdesk::cli::PassphraseReader passphrases;
    claimdesk::cli::CliIo io {out, err, passphrases};
    const int status = claimdesk::cli::runCli(QCoreApplication::arguments(), io);
    out.flush();
    err.flush();
    return status;
}
