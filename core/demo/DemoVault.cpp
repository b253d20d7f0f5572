#include "demo/DemoVault.h"

#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "demo/DemoCases.h"
#include "demo/DemoTherapy.h"
#include "store/Vault.h"

#include <algorithm>

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

QString DemoVault::passphrase()
{
    return QStringLiteral("demo-passphrase");
}

QString DemoVault::referencePrefix()
{
    return QStringLiteral("DEMO");
}

const std::vector<DemoAccount>& DemoVault::accounts()
{
    static const std::vector<DemoAccount> accounts {
        {QStringLiteral("demo-admin"), QStringLiteral("Dana Whitfield"), Role::Admin, passphrase()},
        {DemoCases::kSupervisor, QStringLiteral("Priya Raman"), Role::Supervisor, passphrase()},
        {DemoCases::kSolicitor, QStringLiteral("Tom Hadley"), Role::Solicitor, passphrase()},
        {DemoCases::kParalegal, QStringLiteral("Grace Mensah"), Role::Paralegal, passphrase()},
    };
    return accounts;
}

Result<void> DemoVault::create(const QString& path, const VaultOptions& options, const DemoContent& content)
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
    if (auto named = vault->setSetting(QStringLiteral("firm.name"), QStringLiteral("Harbour & Vale Solicitors LLP (demo)"));
        !named) {
        return named.error();
    }
    if (auto prefixed = CaseService(*vault).setReferencePrefix(referencePrefix()); !prefixed) {
        return prefixed.error();
    }
    for (auto it = people.begin() + 1; it != people.end(); ++it) {
        if (auto added = vault->addUser({it->username, it->displayName, it->role}, oneTimePassphraseFor(*it)); !added) {
            return added.error();
        }
    }
    vault->lock(LockReason::Quit);

    // Each fictional person replaces their one-time passphrase, exactly as a real user would at first sign-in,
    // so the passphrase shown on screen works straight away. The supervisor then writes the fictional cases
    // (an admin sees no case content, so an admin could not). The three sessions stay open for the therapy fund,
    // whose story needs each of them in turn (no second Argon2id unlock), on a clock the story can move back to
    // the day of each step.
    DemoClock storyClock(options.clock);
    VaultOptions sessionOptions = options;
    sessionOptions.clock = &storyClock;
    std::vector<std::unique_ptr<Vault>> sessions;  // destroyed (locked) before the clock
    for (auto it = people.begin() + 1; it != people.end(); ++it) {
        auto session = Vault::unlock(path, it->username, oneTimePassphraseFor(*it), sessionOptions);
        if (!session) {
            return session.error();
        }
        if (auto changed = (*session)->changePassphrase(oneTimePassphraseFor(*it), it->passphrase.toUtf8()); !changed) {
            return changed.error();
        }
        if (it->username == DemoCases::kSupervisor && content.cases > 0) {
            if (auto written = DemoCases::write(**session, content.cases, content.seed); !written) {
                return written.error();
            }
            // Every demo case's deadlines, computed now, so the first list and diary are not kept waiting.
            CaseService cases(**session);
            deadlines::DeadlineService deadlineService(**session, cases);
            if (auto computed = deadlineService.refreshStale((*session)->now().toLocalTime().date()); !computed) {
                return computed.error();
            }
        }
        sessions.push_back(std::move(*session));
    }
    const auto sessionOf = [&](const QString& username) -> Vault& {
        return **std::find_if(sessions.begin(), sessions.end(),
                              [&](const auto& v) { return v->currentUser().username == username; });
    };
    if (content.therapyFund) {
        auto fund = DemoTherapy::write(sessionOf(DemoCases::kSupervisor), sessionOf(DemoCases::kSolicitor),
                                       sessionOf(DemoCases::kParalegal), storyClock, content.seed);
        if (!fund) {
            return fund.error();
        }
    }
    for (const auto& session : sessions) {
        session->lock(LockReason::Quit);
    }
    return {};
}

}  // namespace claimdesk::core
