#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace claimdesk::ui {

// Per-computer preferences in QSettings. Only paths, numbers and window geometry: never a passphrase,
// a username, a display name or anything from inside a vault.
class AppSettings {
public:
    static constexpr int kMaxRecentVaults = 8;
    static constexpr int kDefaultAutoLockMinutes = 5;
    static constexpr int kMinAutoLockMinutes = 1;
    static constexpr int kMaxAutoLockMinutes = 240;

    static QStringList recentVaults();
    static void rememberVault(const QString& path);  // moves it to the top of the list
    static void forgetVault(const QString& path);

    static int autoLockMinutes();
    static void setAutoLockMinutes(int minutes);

    static QByteArray mainWindowGeometry();
    static void setMainWindowGeometry(const QByteArray& geometry);

    static QString lastFolder();  // where the last vault was opened, created or backed up
    static void setLastFolder(const QString& folder);
};

}  // namespace claimdesk::ui
