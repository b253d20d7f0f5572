#include "ui/session/VaultSession.h"

#include "ui/common/Secrets.h"

#include "audit/AuditService.h"
#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "therapy/TherapyService.h"
#include "reports/CaseDocuments.h"
#include "reports/FirmReports.h"
#include "reports/OutputAudit.h"
#include "retention/RetentionService.h"
#include "conflicts/ConflictService.h"
#include "demo/DemoVault.h"
#include "store/SessionPolicy.h"
#include "store/Vault.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace claimdesk::ui {

namespace {

class SessionText {
    Q_DECLARE_TR_FUNCTIONS(VaultSession)
public:
    static core::Error busy()
    {
        return core::makeError(core::ErrorCode::VaultBusy,
                               tr("ClaimDesk is still finishing the previous task. Try again in a moment."));
    }
    static core::Error locked()
    {
        return core::makeError(core::ErrorCode::VaultLocked, tr("The vault is locked. Unlock it first."));
    }
};

// A passphrase with exactly one owner, so wipe() can overwrite it.
using Secret = std::shared_ptr<QByteArray>;

Secret keep(QByteArray&& bytes)
{
    return std::make_shared<QByteArray>(std::move(bytes));
}

// Packs a result into something that runs on the UI thread: calls `done` if its context still exists.
template <typename T>
std::function<void()> deliver(QPointer<QObject> context, VaultSession::Done<T> done, core::Result<T> result)
{
    auto shared = std::make_shared<core::Result<T>>(std::move(result));
    return [context, done = std::move(done), shared] {
        if (context && done) {
            done(*shared);
        }
    };
}

}  // namespace

namespace {
core::VaultOptions desktopOptions()
{
    core::VaultOptions options;
    options.cacheKiB = core::VaultOptions::kDesktopCacheKiB;  // the GUI's memory target: see Vault.h
    return options;
}
}  // namespace

VaultSession::VaultSession(QObject* parent)
    : VaultSession(desktopOptions(), core::KdfProfile::interactive(), parent)
{
}

VaultSession::VaultSession(const core::VaultOptions& options, const core::KdfProfile& demoKdf, QObject* parent)
    : QObject(parent),
      m_options(std::make_unique<core::VaultOptions>(options)),
      m_demoOptions(std::make_unique<core::VaultOptions>(options)),
      m_watcher(new QFutureWatcher<Finisher>(this))
{
    m_demoOptions->kdf = demoKdf;
    connect(m_watcher, &QFutureWatcherBase::finished, this, &VaultSession::taskFinished);
}

VaultSession::~VaultSession()
{
    if (m_busy) {
        m_task.waitForFinished();  // the task holds a pointer to the vault
    }
    if (m_vault) {
        m_vault->lock(core::LockReason::Quit);
    }
}

int VaultSession::minimumPassphraseLength()
{
    return core::Vault::kMinPassphraseLength;
}

int VaultSession::passphraseStrength(const QString& passphrase)
{
    return core::Vault::passphraseStrength(passphrase);
}

core::Result<void> VaultSession::checkPassphrase(const QByteArray& passphrase)
{
    return core::Vault::checkPassphrase(passphrase);
}

bool VaultSession::isUnlocked() const
{
    return m_vault && m_vault->isUnlocked() && !m_pendingLock;
}

QString VaultSession::vaultPath() const
{
    return m_path;
}

core::User VaultSession::currentUser() const
{
    return isUnlocked() ? m_vault->currentUser() : core::User {};
}

QDate VaultSession::today() const
{
    return isUnlocked() ? m_vault->now().toLocalTime().date() : QDate::currentDate();
}

QDateTime VaultSession::now() const
{
    return isUnlocked() ? m_vault->now() : QDateTime::currentDateTimeUtc();
}

core::Error VaultSession::notUnlocked() const
{
    return SessionText::locked();
}

bool VaultSession::refuseIfBusy(const std::function<void(const core::Error&)>& fail)
{
    if (m_busy) {
        fail(SessionText::busy());
        return true;
    }
    return false;
}

void VaultSession::runInBackground(std::function<Finisher()> work)
{
    m_busy = true;
    emit busyChanged(true);
    m_task = QtConcurrent::run(std::move(work));
    m_watcher->setFuture(m_task);
}

void VaultSession::taskFinished()
{
    Finisher finish = m_task.result();
    m_task = QFuture<Finisher>();
    m_busy = false;
    if (m_pendingLock) {
        const LockReason reason = *m_pendingLock;
        m_pendingLock.reset();
        lockNow(reason);  // the session already ended for the UI: drop the result
        emit busyChanged(false);
        if (m_afterTask) {
            const Finisher next = std::move(m_afterTask);
            m_afterTask = nullptr;
            next();
        }
        return;
    }
    emit busyChanged(false);
    finish();
}

void VaultSession::adopt(std::unique_ptr<core::Vault> vault)
{
    m_vault = std::move(vault);
    m_path = m_vault->path();
    m_cases = std::make_unique<core::CaseService>(*m_vault);
    m_conflicts = std::make_unique<core::ConflictService>(*m_vault);
    m_deadlines = std::make_unique<core::deadlines::DeadlineService>(*m_vault, *m_cases);
    m_therapy = std::make_unique<core::therapy::TherapyService>(*m_vault, *m_cases, *m_deadlines);
    m_audit = std::make_unique<core::AuditService>(*m_vault);
    m_documents = std::make_unique<core::reports::CaseDocuments>(*m_vault, *m_cases, *m_deadlines, *m_therapy);
    m_retention = std::make_unique<core::RetentionService>(*m_vault, *m_cases);
    // Read once here, so the auto-lock delay never waits for a background task. A maximum that cannot be read is
    // treated like a damaged one: the 5-minute default (never "no limit").
    auto maximum = core::SessionPolicy(*m_vault).maxAutoLockMinutes();
    m_maxAutoLockMinutes = maximum ? *maximum : std::optional<int>(core::SessionPolicy::kDefaultAutoLockMinutes);
    emit opened();
}

void VaultSession::unlock(const QString& path, const QString& username, QByteArray passphrase, QObject* context,
                          Done<void> done)
{
    Secret secret = keep(std::move(passphrase));
    const core::VaultOptions options = *m_options;
    openInBackground(
        [path, username, secret, options] {
            auto opened = core::Vault::unlock(path, username, *secret, options);
            wipe(*secret);
            return opened;
        },
        context, std::move(done));
}

void VaultSession::create(const QString& path, const core::NewUser& admin, QByteArray passphrase, QObject* context,
                          Done<void> done)
{
    Secret secret = keep(std::move(passphrase));
    const core::VaultOptions options = *m_options;
    openInBackground(
        [path, admin, secret, options] {
            auto created = core::Vault::create(path, admin, *secret, options);
            wipe(*secret);
            return created;
        },
        context, std::move(done));
}

void VaultSession::openInBackground(std::function<core::Result<std::unique_ptr<core::Vault>>()> open, QObject* context,
                                    Done<void> done)
{
    if (m_busy && m_pendingLock) {
        // The last session has ended and only its background task (such as the case list loading) is still
        // finishing: open the next one as soon as it has, rather than refusing an unlock typed straight after
        // a lock.
        m_afterTask = [this, open = std::move(open), guard = QPointer<QObject>(context), done = std::move(done)] {
            openInBackground(open, guard.data(), done);
        };
        return;
    }
    if (refuseIfBusy([&](const core::Error& e) { done(e); })) {
        return;
    }
    lock(LockReason::UserRequest);  // one session at a time
    QPointer<QObject> guard(context);
    runInBackground([this, open = std::move(open), guard, done = std::move(done)]() -> Finisher {
        auto result = std::make_shared<core::Result<std::unique_ptr<core::Vault>>>(open());
        return [this, result, guard, done] {
            if (!result->ok()) {
                if (guard) {
                    done(result->error());
                }
                return;
            }
            if (!guard) {  // nobody is waiting any more (the dialog went away): do not leave a session open
                result->value()->lock(core::LockReason::UserRequest);
                return;
            }
            adopt(std::move(result->value()));
            done({});
        };
    });
}

void VaultSession::createDemo(const QString& path, QObject* context, Done<void> done)
{
    if (refuseIfBusy([&](const core::Error& e) { done(e); })) {
        return;
    }
    const core::VaultOptions options = *m_demoOptions;
    QPointer<QObject> guard(context);
    runInBackground([path, options, guard, done = std::move(done)]() -> Finisher {
        return deliver<void>(guard, done, core::DemoVault::create(path, options));
    });
}

void VaultSession::changePassphrase(QByteArray current, QByteArray next, QObject* context, Done<void> done)
{
    if (refuseIfBusy([&](const core::Error& e) { done(e); })) {
        return;
    }
    if (!isUnlocked()) {
        done(notUnlocked());
        return;
    }
    core::Vault* vault = m_vault.get();
    Secret oldSecret = keep(std::move(current));
    Secret newSecret = keep(std::move(next));
    QPointer<QObject> guard(context);
    runInBackground([vault, oldSecret, newSecret, guard, done = std::move(done)]() -> Finisher {
        core::Result<void> result = vault->changePassphrase(*oldSecret, *newSecret);
        wipe(*oldSecret);
        wipe(*newSecret);
        return deliver<void>(guard, done, std::move(result));
    });
}

void VaultSession::addUser(const core::NewUser& user, QByteArray oneTimePassphrase, QObject* context,
                           Done<core::User> done)
{
    if (refuseIfBusy([&](const core::Error& e) { done(e); })) {
        return;
    }
    if (!isUnlocked()) {
        done(notUnlocked());
        return;
    }
    core::Vault* vault = m_vault.get();
    Secret secret = keep(std::move(oneTimePassphrase));
    QPointer<QObject> guard(context);
    runInBackground([vault, user, secret, guard, done = std::move(done)]() -> Finisher {
        core::Result<core::User> result = vault->addUser(user, *secret);
        wipe(*secret);
        return deliver<core::User>(guard, done, std::move(result));
    });
}

void VaultSession::resetPassphrase(const QString& username, QByteArray oneTimePassphrase, QObject* context,
                                   Done<void> done)
{
    if (refuseIfBusy([&](const core::Error& e) { done(e); })) {
        return;
    }
    if (!isUnlocked()) {
        done(notUnlocked());
        return;
    }
    core::Vault* vault = m_vault.get();
    Secret secret = keep(std::move(oneTimePassphrase));
    QPointer<QObject> guard(context);
    runInBackground([vault, username, secret, guard, done = std::move(done)]() -> Finisher {
        core::Result<void> result = vault->resetPassphrase(username, *secret);
        wipe(*secret);
        return deliver<void>(guard, done, std::move(result));
    });
}

void VaultSession::rotateVaultKey(QObject* context, Done<void> done)
{
    if (refuseIfBusy([&](const core::Error& e) { done(e); })) {
        return;
    }
    if (!isUnlocked()) {
        done(notUnlocked());
        return;
    }
    core::Vault* vault = m_vault.get();
    QPointer<QObject> guard(context);
    runInBackground([vault, guard, done = std::move(done)]() -> Finisher {
        return deliver<void>(guard, done, vault->rotateVaultKey());
    });
}

void VaultSession::backupTo(const QString& backupPath, QObject* context, Done<void> done)
{
    if (refuseIfBusy([&](const core::Error& e) { done(e); })) {
        return;
    }
    if (!isUnlocked()) {
        done(notUnlocked());
        return;
    }
    core::Vault* vault = m_vault.get();
    QPointer<QObject> guard(context);
    runInBackground([vault, backupPath, guard, done = std::move(done)]() -> Finisher {
        return deliver<void>(guard, done, vault->backupTo(backupPath));
    });
}

void VaultSession::listCases(QObject* context, Done<std::vector<core::CaseSummary>> done)
{
    if (refuseIfBusy([&](const core::Error& e) { done(e); })) {
        return;
    }
    if (!isUnlocked()) {
        done(notUnlocked());
        return;
    }
    core::Vault* vault = m_vault.get();
    QPointer<QObject> guard(context);
    runInBackground([vault, guard, done = std::move(done)]() -> Finisher {
        core::CaseService service(*vault);  // its own: a lock destroys the session's while this runs
        // Deadlines computed before a case's last save, or by another engine or holiday table, are recomputed
        // first, so the list's next deadline is current. A failure here does not hide the list: the case
        // files recompute on opening, and the diary refreshes again.
        core::deadlines::DeadlineService deadlines(*vault, service);
        // At most 2,000 (about a second): a larger backlog (a fresh import) is left to the diary and the CLI.
        (void)deadlines.refreshStale(vault->now().toLocalTime().date(), 2000);
        return deliver<std::vector<core::CaseSummary>>(guard, done, service.list());
    });
}

void VaultSession::buildReport(const core::reports::ReportRequest& request, QObject* context,
                               std::function<void(int, int)> progress, std::shared_ptr<std::atomic_bool> cancel,
                               Done<core::reports::Document> done)
{
    if (refuseIfBusy([&](const core::Error& e) { done(e); })) {
        return;
    }
    if (!isUnlocked()) {
        done(notUnlocked());
        return;
    }
    core::Vault* vault = m_vault.get();
    QPointer<QObject> guard(context);
    runInBackground([vault, guard, request, progress = std::move(progress), cancel, done = std::move(done)]() -> Finisher {
        // Its own services: a lock destroys the session's while this runs.
        core::CaseService cases(*vault);
        core::deadlines::DeadlineService deadlines(*vault, cases);
        core::therapy::TherapyService therapy(*vault, cases, deadlines);
        core::reports::FirmReports reports(*vault, cases, deadlines, therapy);
        auto built = reports.build(request, [guard, progress, cancel](int doneCount, int total) {
            if (progress && guard) {
                QMetaObject::invokeMethod(guard.data(), [guard, progress, doneCount, total] {
                    if (guard) {
                        progress(doneCount, total);
                    }
                }, Qt::QueuedConnection);
            }
            return !(cancel && cancel->load());
        });
        return deliver<core::reports::Document>(guard, done, std::move(built));
    });
}

QString VaultSession::firmName() const
{
    return isUnlocked() && !m_busy ? core::reports::firmName(*m_vault) : QString();
}

core::Result<void> VaultSession::recordOutput(const core::reports::OutputRecord& record)
{
    if (!isUnlocked()) {
        return notUnlocked();
    }
    if (m_busy) {
        return core::makeError(core::ErrorCode::VaultBusy, tr("ClaimDesk is still busy with another task. Try again in a "
                                                              "moment."));
    }
    return core::reports::recordOutput(*m_vault, record);
}

void VaultSession::verifyAuditChain(QObject* context, Done<core::AuditChainReport> done)
{
    if (refuseIfBusy([&](const core::Error& e) { done(e); })) {
        return;
    }
    if (!isUnlocked()) {
        done(notUnlocked());
        return;
    }
    core::Vault* vault = m_vault.get();
    QPointer<QObject> guard(context);
    runInBackground([vault, guard, done = std::move(done)]() -> Finisher {
        core::AuditService service(*vault);  // its own: a lock destroys the session's while this runs
        return deliver<core::AuditChainReport>(guard, done, service.verifyChain());
    });
}

void VaultSession::approveErasure(const QString& reference, QObject* context, Done<core::ErasureReceipt> done)
{
    if (refuseIfBusy([&](const core::Error& e) { done(e); })) {
        return;
    }
    if (!isUnlocked()) {
        done(notUnlocked());
        return;
    }
    core::Vault* vault = m_vault.get();
    QPointer<QObject> guard(context);
    runInBackground([vault, reference, guard, done = std::move(done)]() -> Finisher {
        core::CaseService cases(*vault);  // its own: a lock destroys the session's while this runs
        core::RetentionService service(*vault, cases);
        return deliver<core::ErasureReceipt>(guard, done, service.approveErasure(reference));
    });
}

void VaultSession::reapplyErasures(const QByteArray& registerJson, QObject* context,
                                   Done<std::vector<core::ReappliedErasure>> done)
{
    if (refuseIfBusy([&](const core::Error& e) { done(e); })) {
        return;
    }
    if (!isUnlocked()) {
        done(notUnlocked());
        return;
    }
    core::Vault* vault = m_vault.get();
    QPointer<QObject> guard(context);
    runInBackground([vault, registerJson, guard, done = std::move(done)]() -> Finisher {
        core::CaseService cases(*vault);
        core::RetentionService service(*vault, cases);
        return deliver<std::vector<core::ReappliedErasure>>(guard, done, service.reapplyErasures(registerJson));
    });
}

void VaultSession::exportAuditCsv(const core::AuditFilter& filter, const QString& path, QObject* context,
                                  Done<qint64> done)
{
    if (refuseIfBusy([&](const core::Error& e) { done(e); })) {
        return;
    }
    if (!isUnlocked()) {
        done(notUnlocked());
        return;
    }
    core::Vault* vault = m_vault.get();
    QPointer<QObject> guard(context);
    runInBackground([vault, filter, path, guard, done = std::move(done)]() -> Finisher {
        core::AuditService service(*vault);
        return deliver<qint64>(guard, done, service.exportCsv(filter, path));
    });
}

core::Result<std::vector<core::User>> VaultSession::users()
{
    if (m_busy) {
        return SessionText::busy();
    }
    if (!isUnlocked()) {
        return notUnlocked();
    }
    return m_vault->users();
}

core::Result<void> VaultSession::disableUser(const QString& username)
{
    if (m_busy) {
        return SessionText::busy();
    }
    if (!isUnlocked()) {
        return notUnlocked();
    }
    return m_vault->disableUser(username);
}

core::Result<void> VaultSession::changeRole(const QString& username, core::Role role)
{
    if (m_busy) {
        return SessionText::busy();
    }
    if (!isUnlocked()) {
        return notUnlocked();
    }
    return m_vault->changeRole(username, role);
}

std::optional<int> VaultSession::maxAutoLockMinutes() const
{
    return isUnlocked() ? m_maxAutoLockMinutes : std::nullopt;
}

core::Result<void> VaultSession::setMaxAutoLockMinutes(int minutes)
{
    if (m_busy) {
        return SessionText::busy();
    }
    if (!isUnlocked()) {
        return notUnlocked();
    }
    auto set = core::SessionPolicy(*m_vault).setMaxAutoLockMinutes(minutes);
    if (set) {
        m_maxAutoLockMinutes = minutes;
    }
    return set;
}

int VaultSession::effectiveAutoLockMinutes(int preferredMinutes, std::optional<int> firmMaximum)
{
    return core::SessionPolicy::effectiveAutoLockMinutes(preferredMinutes, firmMaximum);
}

void VaultSession::lock(LockReason reason)
{
    if (!m_vault || m_pendingLock) {
        return;
    }
    m_audit.reset();
    m_retention.reset();
    m_documents.reset();
    m_therapy.reset();
    m_deadlines.reset();  // the services go first: nothing may reach the vault once the lock has begun
    m_conflicts.reset();
    m_cases.reset();
    if (m_busy) {
        m_pendingLock = reason;  // isUnlocked() is false from now on; the key goes when the task ends
        emit locked();
        return;
    }
    lockNow(reason);
    emit locked();
}

void VaultSession::lockNow(LockReason reason)
{
    m_audit.reset();
    m_retention.reset();
    m_therapy.reset();
    m_deadlines.reset();
    m_conflicts.reset();
    m_cases.reset();
    if (m_vault) {
        m_vault->lock(reason);  // closes the database and wipes the key
        m_vault.reset();
    }
}

}  // namespace claimdesk::ui
