#pragma once

// Helpers shared by the UI tests: settings in a test location, sessions on fast-KDF vaults, and ways to
// look for user data left in widgets.

#include "TestVault.h"

#include "ui/session/VaultSession.h"

#include <QTemporaryDir>

#include <memory>

class QDialog;
class QWidget;

namespace claimdesk::test {

// Test organisation and application names, QStandardPaths test mode, and empty settings.
void useTestSettings();

// A session whose vault options are test::fastOptions(dir) (and a fast demo KDF): never a default.
std::unique_ptr<ui::VaultSession> makeSession(const QTemporaryDir& dir);

// Creates the vault at dir/test.claimdesk with admin "ada" ("Ada Admin") and leaves it locked.
QString createLockedVault(const QTemporaryDir& dir);
// Adds a user (with a one-time passphrase) to that vault, as ada.
void addUserToVault(const QTemporaryDir& dir, const QString& username, const QString& displayName, core::Role role,
                    const QByteArray& oneTimePassphrase);

// Unlocks through the session and waits; false (with a warning) when it fails.
bool unlockSession(ui::VaultSession& session, const QString& path, const QString& username,
                   const QByteArray& passphrase);

// Every visible dialog, in any window.
QList<QDialog*> visibleDialogs();
// True when any live widget shows `text`: labels, line edits, window titles, tooltips, item views' models,
// status bars. Widgets in `ignore` (and their children) are skipped.
bool anyWidgetShows(const QString& text, const QList<QWidget*>& ignore = {});
// Where `text` is shown ("QLabel userStatusLabel"), or empty: for failure messages.
QString whereWidgetShows(const QString& text, const QList<QWidget*>& ignore = {});

}  // namespace claimdesk::test
