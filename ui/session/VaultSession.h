#pragma once

#include "common/LockReason.h"
#include "common/Result.h"
#include "users/User.h"

#include <QFuture>
#include <QDate>
#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

template <typename T> class QFutureWatcher;

namespace claimdesk::core {
class Vault;
class AuditService;
struct AuditChainReport;
struct AuditFilter;
class CaseService;
namespace deadlines {
class DeadlineService;
}
namespace therapy {
class TherapyService;
}
namespace reports {
class CaseDocuments;
struct Document;
struct OutputRecord;
struct ReportRequest;
}  // namespace reports
class ConflictService;
class RetentionService;
struct ErasureReceipt;
struct ReappliedErasure;
struct CaseSummary;
struct VaultOptions;
struct KdfProfile;
}  // namespace claimdesk::core

namespace claimdesk::ui {

using core::LockReason;

// The UI's one door into the core: it owns the unlocked core::Vault, runs the slow operations (Argon2id,
// re-keying, backups, the case list) off the UI thread one at a time, and ends the session on lock. No widget includes
// a store header; they all talk to this class.
//
// Slow operations take a `context` and a `done` callback. `done` runs on the UI thread, only if `context`
// still exists and the session was not locked in the meantime (a lock drops results nobody can see).
// While an operation runs, the session is busy: other operations fail with VaultBusy instead of racing it,
// and a lock waits for it in the background (the UI clears at once; the key is wiped when it finishes). An
// unlock or create asked for during that wait starts when the task finishes, instead of failing.
class VaultSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VaultSession)
public:
    template <typename T> using Done = std::function<void(const core::Result<T>&)>;

    // Core's default options (KdfProfile::moderate()); the demo vault uses KdfProfile::interactive().
    explicit VaultSession(QObject* parent = nullptr);
    // Tests inject options (a temporary throttle file, a fast KDF) and the demo vault's KDF.
    VaultSession(const core::VaultOptions& options, const core::KdfProfile& demoKdf, QObject* parent = nullptr);
    ~VaultSession() override;

    // Core's passphrase rules, for live hints in forms.
    static int minimumPassphraseLength();
    static int passphraseStrength(const QString& passphrase);
    static core::Result<void> checkPassphrase(const QByteArray& passphrase);

    bool isUnlocked() const;
    bool isBusy() const { return m_busy; }
    QString vaultPath() const;  // empty when no vault was opened yet; kept after a lock
    core::User currentUser() const;  // an empty User when locked
    // Today by the vault's clock (a test vault's fixed clock; the system clock otherwise).
    QDate today() const;
    // Now by the vault's clock (UTC), for rules that compare instants (the 24-hour wait of an erasure).
    QDateTime now() const;

    // Slow: off the UI thread. Passphrases are moved in and wiped after use.
    void unlock(const QString& path, const QString& username, QByteArray passphrase, QObject* context, Done<void> done);
    void create(const QString& path, const core::NewUser& admin, QByteArray passphrase, QObject* context,
                Done<void> done);
    // Creates a demo vault at `path` and leaves it locked (it does not open it).
    void createDemo(const QString& path, QObject* context, Done<void> done);
    void changePassphrase(QByteArray current, QByteArray next, QObject* context, Done<void> done);
    void addUser(const core::NewUser& user, QByteArray oneTimePassphrase, QObject* context, Done<core::User> done);
    void resetPassphrase(const QString& username, QByteArray oneTimePassphrase, QObject* context, Done<void> done);
    void rotateVaultKey(QObject* context, Done<void> done);
    void backupTo(const QString& backupPath, QObject* context, Done<void> done);
    // The case list (CaseService::list), which takes seconds on 100,000 cases. While it runs the session is
    // busy, and nothing else may use cases() (see ui/cases/CaseAccess.h).
    void listCases(QObject* context, Done<std::vector<core::CaseSummary>> done);
    // Checks the audit log's whole hash chain (seconds on a million entries).
    void verifyAuditChain(QObject* context, Done<core::AuditChainReport> done);
    // Writes the matching audit entries to a new CSV file (AuditService::exportCsv: recorded); the count written.
    void exportAuditCsv(const core::AuditFilter& filter, const QString& path, QObject* context, Done<qint64> done);

    // Approves a two-person erasure (RetentionService::approveErasure): deletes the case and rewrites the vault file
    // (VACUUM), seconds on a large vault.
    void approveErasure(const QString& reference, QObject* context, Done<core::ErasureReceipt> done);
    // Re-applies an erasure register to this (restored) vault (RetentionService::reapplyErasures): deletes and VACUUMs.
    void reapplyErasures(const QByteArray& registerJson, QObject* context,
                         Done<std::vector<core::ReappliedErasure>> done);

    // A firm report (FirmReports::build) over every case the user may see: seconds on thousands of cases. `progress`
    // (done, total) runs on the UI thread while it works; setting *cancel stops it (the result is then an error).
    void buildReport(const core::reports::ReportRequest& request, QObject* context,
                     std::function<void(int, int)> progress, std::shared_ptr<std::atomic_bool> cancel,
                     Done<core::reports::Document> done);
    // Quick: on the UI thread.
    core::Result<std::vector<core::User>> users();
    // The firm's name printed at the top of every page (empty until an admin sets it, or when locked).
    QString firmName() const;
    // Records a document leaving the vault (print, preview, PDF, CSV, JSON) before it is produced.
    core::Result<void> recordOutput(const core::reports::OutputRecord& record);
    core::Result<void> disableUser(const QString& username);
    core::Result<void> changeRole(const QString& username, core::Role role);
    // The firm's maximum auto-lock delay in minutes (core::SessionPolicy), read when the vault was opened;
    // std::nullopt when none is set or when locked. Setting it: admins only, audited; the value is kept at once.
    std::optional<int> maxAutoLockMinutes() const;
    core::Result<void> setMaxAutoLockMinutes(int minutes);
    // The delay that applies: the person's preference capped by the firm maximum (core's rule).
    static int effectiveAutoLockMinutes(int preferredMinutes, std::optional<int> firmMaximum);

    // The case services of the open session (nullptr when locked). Quick calls run on the UI thread; they live
    // exactly as long as the unlocked vault, so never keep the pointer across a lock.
    core::CaseService* cases() const { return m_cases.get(); }
    core::ConflictService* conflicts() const { return m_conflicts.get(); }
    core::deadlines::DeadlineService* deadlines() const { return m_deadlines.get(); }
    core::therapy::TherapyService* therapy() const { return m_therapy.get(); }
    core::AuditService* audit() const { return m_audit.get(); }  // reading the audit log (supervisors, admins)
    core::reports::CaseDocuments* documents() const { return m_documents.get(); }  // case summary, subject access
    core::RetentionService* retention() const { return m_retention.get(); }  // retention report, holds, erasure

    // Ends the session: records why, wipes the key and destroys the vault. Safe to call when locked.
    void lock(LockReason reason);

signals:
    void busyChanged(bool busy);
    void opened();  // a vault was unlocked or created
    void locked();  // the session ended (the key may still be wiped a moment later, after a running task)

private:
    using Finisher = std::function<void()>;

    bool refuseIfBusy(const std::function<void(const core::Error&)>& fail);
    void runInBackground(std::function<Finisher()> work);
    // Unlock and create: on success the session adopts the vault, unless nobody waits for it any more.
    void openInBackground(std::function<core::Result<std::unique_ptr<core::Vault>>()> open, QObject* context,
                          Done<void> done);
    void taskFinished();
    void lockNow(LockReason reason);
    void adopt(std::unique_ptr<core::Vault> vault);
    core::Error notUnlocked() const;

    std::unique_ptr<core::VaultOptions> m_options;
    std::unique_ptr<core::VaultOptions> m_demoOptions;
    std::unique_ptr<core::Vault> m_vault;
    std::unique_ptr<core::CaseService> m_cases;
    std::unique_ptr<core::ConflictService> m_conflicts;
    std::unique_ptr<core::deadlines::DeadlineService> m_deadlines;
    std::unique_ptr<core::AuditService> m_audit;
    std::unique_ptr<core::therapy::TherapyService> m_therapy;  // uses m_cases and m_deadlines: reset first
    std::unique_ptr<core::reports::CaseDocuments> m_documents;  // uses all three: reset before them
    std::unique_ptr<core::RetentionService> m_retention;  // uses m_cases: reset before it
    QString m_path;
    QFutureWatcher<Finisher>* m_watcher;
    QFuture<Finisher> m_task;
    bool m_busy = false;
    std::optional<int> m_maxAutoLockMinutes;  // the open vault's session policy
    std::optional<LockReason> m_pendingLock;
    Finisher m_afterTask;  // an unlock or create that waits for the ended session's last task
};

}  // namespace claimdesk::ui
