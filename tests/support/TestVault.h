#pragma once

// Test fixtures: a fresh vault per test with the fast KDF profile, which only tests ever choose.

#include "store/Vault.h"

#include <QTemporaryDir>

namespace claimdesk::test {

inline const QByteArray kAdminPassphrase = QByteArrayLiteral("correct horse battery staple");

inline core::VaultOptions fastOptions(const QTemporaryDir& dir)
{
    core::VaultOptions options;
    options.kdf = core::KdfProfile::fastForTestsOnly();
    options.busyTimeoutMs = 200;
    options.throttleStateFile = dir.filePath(QStringLiteral("unlock-attempts.json"));
    return options;
}

inline std::unique_ptr<core::Vault> createVault(const QTemporaryDir& dir, const QString& name = QStringLiteral("test.claimdesk"),
                                                const QString& displayName = QStringLiteral("Ada Admin"))
{
    auto created = core::Vault::create(dir.filePath(name), {QStringLiteral("ada"), displayName, core::Role::Admin},
                                       kAdminPassphrase, fastOptions(dir));
    if (!created) {
        qFatal("creating a test vault failed: %s", qPrintable(created.error().message));
    }
    return std::move(*created);
}

}  // namespace claimdesk::test
