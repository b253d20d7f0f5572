#include "ui/common/Translations.h"

#include <QCoreApplication>
#include <QTranslator>

#include <memory>

namespace claimdesk::ui {

void installTranslations(QCoreApplication& application)
{
    auto english = std::make_unique<QTranslator>();
    if (!english->load(QStringLiteral(":/i18n/claimdesk_en.qm"))) {
        qWarning("ClaimDesk: the English plural forms could not be loaded; some counts will read \"(s)\".");
        return;
    }
    english->setParent(&application);
    QCoreApplication::installTranslator(english.release());  // owned by the application from here
}

}  // namespace claimdesk::ui
