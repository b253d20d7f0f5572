#include "demo/DemoVault.h"

#include "store/Vault.h"

namespace claimdesk::core {

namespace {

// Marks the vault as fictional, so later features (and people reading the audit log) can tell.
const QString kDemoMarkerKey = QStringLiteral("demo.fictional");

QByteArray oneTimePassphraseFor(const DemoAccount& account)
{
    return QStringLiteral("first sign-in for %1").arg(account.username).toUtf8();
}

}  // namespace

QString DemoVault::fileName()
{
    return QStringLiteral("ClaimDesk demo.claimdesk");
}

const std::vector<DemoAccount>& DemoVault::accounts()
{
    static const std::vector<DemoAccount> accounts{
        {QStringLiteral("admin"), QStringLiteral("Dana Whitfield"), Role::Admin, QStringLiteral("demo admin lantern")},
        {QStringLiteral("supervisor"), QStringLiteral("Priya Raman"), Role::Supervisor,
         QStringLiteral("demo supervisor harbour")},
        {QStringLiteral("solicitor"), QStringLiteral("Tom Hadley"), Role::Solicitor, QStringLiteral("demo solicitor meadow")},
        {QStringLiteral("paralegal"), QStringLiteral("Grace Mensah"), Role::Paralegal,
         QStringLiteral("demo paralegal orchard")},
    };
    return accounts;
}

Result<void> DemoVault::create(const QString& path, const VaultOptions& options)
{
    const std::vector<DemoAccount>& people = accounts();
    const DemoAccount& admin = people.front();
    auto created = Vault::create(path, {admin.username, admin.displayName, admin.role}, admin.passphrase.toUtf8(), options);
    if (!created) {
        return created.error();
    }
    std::unique_ptr<Vault> vault = std::move(*created);
    if (auto marked = vault->setSetting(kDemoMarkerKey, QStringLiteral("true")); !marked) {
        return marked.error();
    }
    for (auto it = people.begin() + 1; it != people.end(); ++it) {
        if (auto added = vault->addUser({it->username, it->displayName, it->role}, oneTimePassphraseFor(*it)); !added) {
            return added.error();
        }
    }
    vault->lock(LockReason::Quit);

    // Each fictional person replaces their one-time passphrase, exactly as a real user would at first sign-in,
    // so the passphrases shown on screen work straight away.
    for (auto it = people.begin() + 1; it != people.end(); ++it) {
        auto session = Vault::unlock(path, it->username, oneTimePassphraseFor(*it), options);
        if (!session) {
            return session.error();
        }
        if (auto changed = (*session)->changePassphrase(oneTimePassphraseFor(*it), it->passphrase.toUtf8()); !changed) {
            return changed.error();
        }
        (*session)->lock(LockReason::Quit);
    }
    // Later releases add fictional cases here.
    return {};
}

}  // namespace claimdesk::core
