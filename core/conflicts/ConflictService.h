#pragma once

#include "common/Result.h"
#include "conflicts/NameMatcher.h"

#include <QDateTime>
#include <QHash>

#include <vector>

namespace claimdesk::core {

class Vault;

struct ConflictMatch {
    QString name;           // the name that matched (empty when restricted)
    QString kind;           // client | former-name | party | alias | erased-case (a tombstone: reference only)
    QString role;           // a party's role on the case ("abuser"), empty for clients
    qint64 caseId = 0;      // 0 when the case is restricted for this user
    QString caseReference;  // also for a restricted case (the placeholder "restricted case REF")
    bool restricted = false;
    double score = 0.0;
    QStringList reasons;
};

// One name checked against every client, former name, party and alias, and what was found: what
// ConflictService::record writes, and what NewCase carries so the checks are recorded with the case.
struct ConflictCheck {
    QString name;
    QDate dateOfBirth;
    std::vector<ConflictMatch> matches;
};

struct ConflictCheckRecord {
    qint64 id = 0;
    qint64 caseId = 0;
    QDateTime atUtc;
    QString by;
    QString queryName;
    QDate queryDob;
    int matches = 0;
    QString clearedBy;
    QDateTime clearedAtUtc;
    QString clearedReason;
};

// Conflict and duplicate checks against every client, former name, party and alias. An in-memory index
// (rebuilt when the cases change) keeps a check well under 100 ms on 100,000 cases. A match inside a
// restricted case the user may not open shows only the placeholder "possible match in restricted case REF — ask a
// supervisor" (one line per such case; no name, role or reason).
class ConflictService {
public:
    explicit ConflictService(Vault& vault);

    Result<std::vector<ConflictMatch>> check(const QString& name, const QDate& dateOfBirth = {});
    // Records a check (and its result) on a case, or with caseId 0 before the case exists. Inside an open
    // transaction it is part of it (CaseService::create records the intake's checks with the new case).
    Result<qint64> record(qint64 caseId, const QString& name, const QDate& dateOfBirth,
                          const std::vector<ConflictMatch>& matches);
    Result<qint64> record(qint64 caseId, const ConflictCheck& check)
    {
        return record(caseId, check.name, check.dateOfBirth, check.matches);
    }
    Result<void> attachToCase(qint64 checkId, qint64 caseId);
    // A supervisor or solicitor clears a potential conflict, with a reason.
    Result<void> clear(qint64 checkId, const QString& reason);
    Result<std::vector<ConflictCheckRecord>> checksFor(qint64 caseId);

private:
    // One per (name, case, kind): the name itself is analysed once and shared, since one institution is often
    // a party on thousands of cases.
    struct Entry {
        int keyIndex = 0;
        QString kind;
        QString role;
        qint64 caseId = 0;
        QString caseReference;
        bool restricted = false;
        QString feeEarner;
        QString supervisor;
        QDate dob;
    };
    Result<void> refreshIndex();

    Vault& m_vault;
    std::vector<Entry> m_entries;
    std::vector<NameKey> m_keys;                 // distinct names
    std::vector<std::vector<int>> m_entriesOfKey;
    QHash<QString, std::vector<int>> m_blocks;  // Soundex code, nickname group, beginning or ending -> names
    QString m_stamp;
};

}  // namespace claimdesk::core
