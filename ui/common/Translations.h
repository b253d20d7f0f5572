#pragma once

class QCoreApplication;

namespace claimdesk::ui {

// Installs the UI's translations: for now the English plural forms ("1 minute", "5 minutes") of the
// strings written with %n. Call once, after the application object exists.
void installTranslations(QCoreApplication& application);

}  // namespace claimdesk::ui
