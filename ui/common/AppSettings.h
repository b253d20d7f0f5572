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

    // Privacy mode (client names as initials) stays on for this computer until turned off: an open-plan
    // desk or a screen that is often shared.
    static bool privacyMode();
    static void setPrivacyMode(bool on);

    static QString lastFolder();  // where the last vault was opened, created or backed up
    static void setLastFolder(const QString& folder);
};

}  // namespace claimdesk::ui
