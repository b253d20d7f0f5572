// claimdesk-cli: vault and user administration from a terminal or a script. The commands live in
// CliCommands.cpp; this file only hardens the process and wires the standard streams.

#include "CliCommands.h"
#include "DocumentCommands.h"
#include "PassphraseReader.h"

#include "common/ProcessHardening.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>
#include <memory>

namespace {

// The offscreen platform asks for a runtime directory that a server or a container may not have; Qt's warning
// about it would be the only thing a document command prints on standard error. Everything else passes through.
void quietRuntimeDirWarning(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtWarningMsg && message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR"))) {
        return;
    }
    std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

}  // namespace

int main(int argc, char* argv[])
{
    claimdesk::core::hardenProcess();
    // The commands that write PDFs (summary, report, sar) need fonts, so a QGuiApplication; it runs on the offscreen
    // platform, so no display is needed or touched. Every other command stays a plain QCoreApplication.
    std::unique_ptr<QCoreApplication> app;
    if (argc > 1 && claimdesk::cli::needsGuiApplication(QString::fromLocal8Bit(argv[1]))) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        qInstallMessageHandler(quietRuntimeDirWarning);
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
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
