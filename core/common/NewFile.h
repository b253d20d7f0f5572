#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace claimdesk::core {

// Writes `bytes` to a file that must not exist yet (exports never overwrite). On any failure — the file exists,
// the folder is missing or read-only, the disk is full — nothing is left behind and the error says what to do.
Result<void> writeNewFile(const QString& path, const QByteArray& bytes);

}  // namespace claimdesk::core
