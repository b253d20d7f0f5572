// A second process for the vault tests: holds the write lock, or writes until the disk is "full".
//   vault_child hold-lock VAULT THROTTLE_FILE   (passphrase on stdin; prints "locked", waits for a line, commits)
//   vault_child fill VAULT THROTTLE_FILE        (passphrase on stdin; writes a large setting; prints the error code)
// Exit status 0 when the step it was asked to do behaved as the test expects it to be observed.

#include "store/Vault.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <iostream>
#include <string>

using namespace claimdesk::core;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: vault_child hold-lock|fill VAULT THROTTLE_FILE\n");
        return 2;
    }
    std::string passphrase;
    std::getline(std::cin, passphrase);
    VaultOptions options;
    options.kdf = KdfProfile::fastForTestsOnly();
    options.busyTimeoutMs = 100;
    options.throttleStateFile = args.at(3);
    auto vault = Vault::unlock(args.at(2), QStringLiteral("ada"), QByteArray::fromStdString(passphrase), options);
    if (!vault) {
        std::printf("unlock-failed %s\n", qPrintable(errorCodeName(vault.error().code)));
        return 1;
    }
    if (args.at(1) == QStringLiteral("hold-lock")) {
        if (!(*vault)->connection().exec("BEGIN IMMEDIATE")) {
            std::printf("begin-failed\n");
            return 1;
        }
        if (!(*vault)->connection().exec("INSERT OR REPLACE INTO settings (key, value) VALUES ('child.wrote', 'yes')")) {
            std::printf("insert-failed\n");
            return 1;
        }
        std::printf("locked\n");
        std::fflush(stdout);
        std::string line;
        std::getline(std::cin, line);
        if (!(*vault)->connection().exec("COMMIT")) {
            std::printf("commit-failed\n");
            return 1;
        }
        std::printf("committed\n");
        return 0;
    }
    if (args.at(1) == QStringLiteral("fill")) {
        // 8 MiB of text in one transaction: far past the file-size limit the parent set.
        auto result = (*vault)->setSetting(QStringLiteral("filler"), QString(8 * 1024 * 1024, QLatin1Char('x')));
        std::printf("%s\n", result ? "written" : qPrintable(errorCodeName(result.error().code)));
        std::fflush(stdout);
        return result ? 1 : 0;
    }
    return 2;
}
