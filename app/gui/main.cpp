// claimdesk: the desktop application. Thin on purpose: harden the process, check there is a display,
// then hand over to ui::AppController.

#include "ui/common/MessageBoxPrompter.h"
#include "ui/common/Translations.h"
#include "ui/session/VaultSession.h"
#include "ui/shell/AppController.h"

#include "common/ProcessHardening.h"

#include <QApplication>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

bool isSet(const char* name)
{
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0';
}

// Without a display Qt aborts with "could not connect to display"; say what to do instead.
bool hasDisplay(int argc, char** argv)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    if (isSet("DISPLAY") || isSet("WAYLAND_DISPLAY") || isSet("QT_QPA_PLATFORM")) {
        return true;
    }
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "-platform") == 0 || std::strncmp(argv[i], "-platform=", 10) == 0) {
            return true;
        }
    }
    return false;
#else
    (void)argc;
    (void)argv;
    return true;
#endif
}

}  // namespace

int main(int argc, char** argv)
{
    claimdesk::core::hardenProcess();
    if (!hasDisplay(argc, argv)) {
        std::fputs("claimdesk: no display found (DISPLAY and WAYLAND_DISPLAY are not set).\n"
                   "ClaimDesk is a desktop application: start it from a desktop session, or on a machine\n"
                   "without a screen run it under a virtual one:\n"
                   "    xvfb-run -a build/app/gui/claimdesk\n"
                   "(The command-line tool claimdesk-cli needs no display.)\n",
                   stderr);
        return 1;
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ClaimDesk"));
    QApplication::setApplicationName(QStringLiteral("ClaimDesk"));
    QApplication::setApplicationVersion(QStringLiteral(CLAIMDESK_VERSION));
    // AppController decides when to quit: dialogs closing between windows must not end the application.
    QApplication::setQuitOnLastWindowClosed(false);
    claimdesk::ui::installTranslations(app);

    claimdesk::ui::MessageBoxPrompter prompter;
    claimdesk::ui::VaultSession session;  // core's default VaultOptions
    claimdesk::ui::AppController controller(session, prompter);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &controller, &claimdesk::ui::AppController::shutdown);
    controller.start();
    return QApplication::exec();
}
