#pragma once

// Runs the real claimdesk-cli with QProcess in a temporary folder of its own, with its own XDG data folder
// (where the unlock-throttle state goes), feeding passphrases on standard input.

#include "CliExit.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace claimdesk::test {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

inline QString describe(const CliResult& r, int expected)
{
    return QStringLiteral("expected exit %1, got %2\n--- stdout:\n%3--- stderr:\n%4")
        .arg(expected)
        .arg(r.exitCode)
        .arg(r.out, r.err);
}

class CliRunner {
public:
    CliRunner() { QVERIFY(m_dir.isValid()); }

    QString path(const QString& name) const { return m_dir.filePath(name); }
    const QTemporaryDir& dir() const { return m_dir; }  // for vaults made in-process (test::createVault)

    CliResult run(const QStringList& arguments, const QList<QByteArray>& stdinLines = {}) const
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("xdg-data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("xdg-config")));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(CLAIMDESK_CLI_PATH), arguments);
        CliResult result;
        if (!process.waitForStarted(10000)) {
            result.err = QStringLiteral("could not start ") + QStringLiteral(CLAIMDESK_CLI_PATH);
            return result;
        }
        for (const QByteArray& line : stdinLines) {
            process.write(line + '\n');
        }
        process.closeWriteChannel();
        if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit) {
            process.kill();
            process.waitForFinished();
            result.err = QStringLiteral("claimdesk-cli crashed or hung");
            return result;
        }
        result.exitCode = process.exitCode();
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

private:
    QTemporaryDir m_dir;
};

}  // namespace claimdesk::test

// Runs `run` once (it usually starts the CLI) and checks its exit status, showing both streams on failure.
#define EXPECT_CLI_EXIT(run, status)                                                                                   \
    do {                                                                                                               \
        const claimdesk::test::CliResult& expectExitResult = (run);                                                    \
        QVERIFY2(expectExitResult.exitCode == claimdesk::cli::toInt(status),                                           \
                 qPrintable(claimdesk::test::describe(expectExitResult, claimdesk::cli::toInt(status))));              \
    } while (false)
