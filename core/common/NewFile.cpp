#include "common/NewFile.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>

namespace claimdesk::core {

Result<void> writeNewFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        if (QFileInfo::exists(path)) {
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("%1 already exists. Choose a new file name: an export never overwrites a "
                                            "file.")
                                 .arg(path));
        }
        return makeError(ErrorCode::IoError, QStringLiteral("%1 could not be created (%2). Check that the folder exists "
                                                            "and that you may write to it.")
                                                 .arg(path, file.errorString()));
    }
    errno = 0;
    const bool written = file.write(bytes) == bytes.size() && file.flush();
    const int writeErrno = errno;
    file.close();
    if (!written || file.error() != QFileDevice::NoError) {
        file.remove();
        if (writeErrno == ENOSPC || writeErrno == EDQUOT || writeErrno == EFBIG) {
            return makeError(ErrorCode::DiskFull, QStringLiteral("The disk is full: %1 could not be written and the "
                                                                 "partial file was removed. Free some space and try "
                                                                 "again.")
                                                      .arg(path));
        }
        return makeError(ErrorCode::IoError, QStringLiteral("Writing %1 failed (%2); the partial file was removed.")
                                                 .arg(path, file.errorString()));
    }
    return {};
}

}  // namespace claimdesk::core
