#include "UiTestSupport.h"

#include "ui/common/Translations.h"

#include "store/Vault.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>

namespace claimdesk::test {

namespace {
QtMessageHandler g_previousHandler = nullptr;

// The offscreen platform cannot raise windows or pass size hints to a window manager, and says so on
// every show(); those lines would bury the output that matters.
void dropOffscreenNoise(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtWarningMsg && message.startsWith(QStringLiteral("This plugin does not support"))) {
        return;
    }
    if (g_previousHandler != nullptr) {
        g_previousHandler(type, context, message);
    }
}
}  // namespace

void useTestSettings()
{
    if (g_previousHandler == nullptr) {
        g_previousHandler = qInstallMessageHandler(dropOffscreenNoise);
    }
    static bool translated = false;
    if (!translated && QCoreApplication::instance() != nullptr) {
        ui::installTranslations(*QCoreApplication::instance());
        translated = true;
    }
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ClaimDeskTest"));
    // Test mode puts every program's settings under ~/.qttest whatever XDG_CONFIG_HOME says, so each test
    // program needs its own file: ctest runs programs in parallel, and two sharing one file made a preference
    // set by one test vanish in the other.
    QCoreApplication::setApplicationName(QStringLiteral("claimdesk-ui-tests-")
                                         + QFileInfo(QCoreApplication::applicationFilePath()).baseName());
    QSettings().clear();
}

std::unique_ptr<ui::VaultSession> makeSession(const QTemporaryDir& dir)
{
    return std::make_unique<ui::VaultSession>(fastOptions(dir), core::KdfProfile::fastForTestsOnly());
}

QString createLockedVault(const QTemporaryDir& dir)
{
    createVault(dir).reset();  // destroying the vault locks it
    return dir.filePath(QStringLiteral("test.claimdesk"));
}

void addUserToVault(const QTemporaryDir& dir, const QString& username, const QString& displayName, core::Role role,
                    const QByteArray& oneTimePassphrase)
{
    auto vault = core::Vault::unlock(dir.filePath(QStringLiteral("test.claimdesk")), QStringLiteral("ada"),
                                     kAdminPassphrase, fastOptions(dir));
    if (!vault) {
        qFatal("unlocking the test vault failed: %s", qPrintable(vault.error().message));
    }
    auto added = (*vault)->addUser({username, displayName, role}, oneTimePassphrase);
    if (!added) {
        qFatal("adding a test user failed: %s", qPrintable(added.error().message));
    }
}

bool unlockSession(ui::VaultSession& session, const QString& path, const QString& username,
                   const QByteArray& passphrase)
{
    bool finished = false;
    bool ok = false;
    QObject context;
    session.unlock(path, username, passphrase, &context, [&](const core::Result<void>& result) {
        finished = true;
        ok = result.ok();
        if (!ok) {
            qWarning("unlock failed: %s", qPrintable(result.error().message));
        }
    });
    return QTest::qWaitFor([&] { return finished; }, 5000) && ok;
}

QList<QDialog*> visibleDialogs()
{
    QList<QDialog*> dialogs;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (auto* dialog = qobject_cast<QDialog*>(widget); dialog != nullptr && dialog->isVisible()) {
            dialogs << dialog;
        }
    }
    return dialogs;
}

namespace {
bool modelShows(const QAbstractItemModel* model, const QString& text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            if (model->index(row, column).data().toString().contains(text)) {
                return true;
            }
        }
    }
    return false;
}

bool isIgnored(QWidget* widget, const QList<QWidget*>& ignore)
{
    for (QWidget* w = widget; w != nullptr; w = w->parentWidget()) {
        if (ignore.contains(w)) {
            return true;
        }
    }
    return false;
}
}  // namespace

QString whereWidgetShows(const QString& text, const QList<QWidget*>& ignore)
{
    for (QWidget* widget : QApplication::allWidgets()) {
        if (isIgnored(widget, ignore)) {
            continue;
        }
        QStringList shown {widget->windowTitle(), widget->toolTip()};
        if (auto* label = qobject_cast<QLabel*>(widget)) {
            shown << label->text();
        }
        if (auto* edit = qobject_cast<QLineEdit*>(widget)) {
            shown << edit->text();
        }
        if (auto* bar = qobject_cast<QStatusBar*>(widget)) {
            shown << bar->currentMessage();
        }
        const QString where
            = QString::fromLatin1(widget->metaObject()->className()) + QLatin1Char(' ') + widget->objectName();
        for (const QString& s : std::as_const(shown)) {
            if (s.contains(text)) {
                return where;
            }
        }
        if (auto* view = qobject_cast<QAbstractItemView*>(widget);
            view != nullptr && view->model() != nullptr && modelShows(view->model(), text)) {
            return QStringLiteral("the model of ") + where;
        }
    }
    return {};
}

bool anyWidgetShows(const QString& text, const QList<QWidget*>& ignore)
{
    return !whereWidgetShows(text, ignore).isEmpty();
}

}  // namespace claimdesk::test
