#pragma once

#include "cases/CaseTypes.h"

#include <QString>

#include <vector>

namespace claimdesk::ui {

// One field that differs between two versions of a case, as people read it.
struct FieldDifference {
    enum class ChangedBy { You, Them, Both };
    QString field;  // "Client: preferred name"
    QString mine;
    QString theirs;
    ChangedBy changedBy = ChangedBy::Both;
};

// The fields (case, client, safe contact, incidents, parties) where `mine` and `theirs` differ, in the order
// the case file shows them, each saying who changed it since `base` (the version both started from). In
// privacy mode names and contact details read "hidden in privacy mode" (they still count).
std::vector<FieldDifference> caseDifferences(const core::CaseRecord& base, const core::CaseRecord& mine,
                                             const core::CaseRecord& theirs, bool privacyMode);

// "Keep mine": my version, plus their change wherever I left a field as it was in `base`. Where we both
// changed a field, mine wins. Versions and ids come from `mine`.
core::CaseRecord keepMine(const core::CaseRecord& base, const core::CaseRecord& mine, const core::CaseRecord& theirs);

}  // namespace claimdesk::ui
