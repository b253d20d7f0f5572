#pragma once

#include "common/Clock.h"

#include <QString>

namespace claimdesk::core {

// Growing delays after failed unlocks, per vault and user, kept in a small local file (usernames are
// hashed, so the file names no one). The first three failures cost nothing; then 1 s, 2 s, 4 s … up to
// 5 minutes. A success resets the count. The count is also written to the audit log at the next unlock.
class UnlockThrottle {
public:
    UnlockThrottle(QString stateFile, const Clock& clock);

    static QString defaultStateFile();
    static int delaySecondsAfter(int failures);

    // Seconds the user must still wait before the next attempt (0: go ahead).
    int secondsToWait(const QString& vaultId, const QString& username) const;
    int failures(const QString& vaultId, const QString& username) const;
    void recordFailure(const QString& vaultId, const QString& username);
    void reset(const QString& vaultId, const QString& username);

private:
    QString keyFor(const QString& vaultId, const QString& username) const;
    QString m_stateFile;
    const Clock& m_clock;
};

}  // namespace claimdesk::core
