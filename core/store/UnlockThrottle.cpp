#include "store/UnlockThrottle.h"

#include "store/Crypto.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace claimdesk::core {

namespace {
QJsonObject readState(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.read(1 << 20)).object();
}

void writeState(const QString& path, const QJsonObject& state)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(state).toJson(QJsonDocument::Compact));
        file.commit();  // best effort: a throttle that cannot be saved must not block unlocking
    }
}
}  // namespace

UnlockThrottle::UnlockThrottle(QString stateFile, const Clock& clock) : m_stateFile(std::move(stateFile)), m_clock(clock) {}

QString UnlockThrottle::defaultStateFile()
{
    // Independent of the application name, so the GUI and the CLI share one count.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/ClaimDesk/unlock-attempts.json");
}

int UnlockThrottle::delaySecondsAfter(int failures)
{
    if (failures < 3) {
        return 0;
    }
    return std::min(300, 1 << std::min(failures - 3, 9));
}

QString UnlockThrottle::keyFor(const QString& vaultId, const QString& username) const
{
    return QString::fromLatin1(crypto::hash((vaultId + QLatin1Char('|') + username.trimmed().toLower()).toUtf8()).toHex().left(32));
}

int UnlockThrottle::failures(const QString& vaultId, const QString& username) const
{
    return readState(m_stateFile).value(keyFor(vaultId, username)).toObject().value(QStringLiteral("failures")).toInt(0);
}

int UnlockThrottle::secondsToWait(const QString& vaultId, const QString& username) const
{
    const QJsonObject entry = readState(m_stateFile).value(keyFor(vaultId, username)).toObject();
    const int count = entry.value(QStringLiteral("failures")).toInt(0);
    const QDateTime last = QDateTime::fromString(entry.value(QStringLiteral("last")).toString(), Qt::ISODateWithMs);
    if (count < 3 || !last.isValid()) {
        return 0;
    }
    const qint64 elapsed = last.secsTo(m_clock.nowUtc());
    const qint64 wait = delaySecondsAfter(count) - std::max<qint64>(0, elapsed);
    return static_cast<int>(std::max<qint64>(0, wait));
}

void UnlockThrottle::recordFailure(const QString& vaultId, const QString& username)
{
    QJsonObject state = readState(m_stateFile);
    const QString key = keyFor(vaultId, username);
    QJsonObject entry = state.value(key).toObject();
    entry.insert(QStringLiteral("failures"), entry.value(QStringLiteral("failures")).toInt(0) + 1);
    entry.insert(QStringLiteral("last"), m_clock.nowUtc().toString(Qt::ISODateWithMs));
    state.insert(key, entry);
    writeState(m_stateFile, state);
}

void UnlockThrottle::reset(const QString& vaultId, const QString& username)
{
    QJsonObject state = readState(m_stateFile);
    if (state.contains(keyFor(vaultId, username))) {
        state.remove(keyFor(vaultId, username));
        writeState(m_stateFile, state);
    }
}

}  // namespace claimdesk::core
