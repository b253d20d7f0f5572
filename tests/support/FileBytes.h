#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace claimdesk::test {

inline QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Flips every bit of one byte in place; returns false if the file is shorter than offset.
inline bool flipByte(const QString& path, qint64 offset)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || file.size() <= offset) {
        return false;
    }
    file.seek(offset);
    char byte = 0;
    file.getChar(&byte);
    file.seek(offset);
    file.putChar(static_cast<char>(~byte));
    return true;
}

}  // namespace claimdesk::test
