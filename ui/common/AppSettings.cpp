#include "ui/common/AppSettings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace claimdesk::ui {

namespace {
const QString kRecentVaults = QStringLiteral("vaults/recent");
const QString kAutoLockMinutes = QStringLiteral("session/autoLockMinutes");
const QString kPrivacyMode = QStringLiteral("cases/privacyMode");
const QString kMainWindowGeometry = QStringLiteral("mainWindow/geometry");
const QString kLastFolder = QStringLiteral("vaults/lastFolder");

QString canonical(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}
}  // namespace

QStringList AppSettings::recentVaults()
{
    return QSettings().value(kRecentVaults).toStringList();
}

void AppSettings::rememberVault(const QString& path)
{
    const QString vault = canonical(path);
    QStringList recent = recentVaults();
    recent.removeAll(vault);
    recent.prepend(vault);
    while (recent.size() > kMaxRecentVaults) {
        recent.removeLast();
    }
    QSettings settings;
    settings.setValue(kRecentVaults, recent);
    settings.setValue(kLastFolder, QFileInfo(vault).absolutePath());
}

void AppSettings::forgetVault(const QString& path)
{
    QStringList recent = recentVaults();
    recent.removeAll(path);
    recent.removeAll(canonical(path));
    QSettings().setValue(kRecentVaults, recent);
}

int AppSettings::autoLockMinutes()
{
    const int minutes = QSettings().value(kAutoLockMinutes, kDefaultAutoLockMinutes).toInt();
    return std::clamp(minutes, kMinAutoLockMinutes, kMaxAutoLockMinutes);
}

void AppSettings::setAutoLockMinutes(int minutes)
{
    QSettings().setValue(kAutoLockMinutes, std::clamp(minutes, kMinAutoLockMinutes, kMaxAutoLockMinutes));
}

QByteArray AppSettings::mainWindowGeometry()
{
    return QSettings().value(kMainWindowGeometry).toByteArray();
}

void AppSettings::setMainWindowGeometry(const QByteArray& geometry)
{
    QSettings().setValue(kMainWindowGeometry, geometry);
}

QString AppSettings::lastFolder()
{
    const QString folder = QSettings().value(kLastFolder).toString();
    if (!folder.isEmpty() && QFileInfo(folder).isDir()) {
        return folder;
    }
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void AppSettings::setLastFolder(const QString& folder)
{
    QSettings().setValue(kLastFolder, folder);
}

bool AppSettings::privacyMode()
{
    return QSettings().value(kPrivacyMode, false).toBool();
}

void AppSettings::setPrivacyMode(bool on)
{
    QSettings().setValue(kPrivacyMode, on);
}

}  // namespace claimdesk::ui
