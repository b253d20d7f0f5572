#include "ui/common/Secrets.h"

#include <sodium.h>

#include <QLineEdit>

namespace claimdesk::ui {

void wipe(QByteArray& secret)
{
    if (!secret.isEmpty() && secret.isDetached()) {
        sodium_memzero(secret.data(), static_cast<std::size_t>(secret.size()));
    }
    secret.clear();
}

QByteArray passphraseFrom(const QLineEdit* edit)
{
    return edit->text().toUtf8();
}

}  // namespace claimdesk::ui
