#include "ui/common/NewPassphraseFields.h"

#include "ui/common/ErrorText.h"
#include "ui/common/PassphraseStrengthHint.h"
#include "ui/common/Secrets.h"
#include "ui/session/VaultSession.h"

#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>

namespace claimdesk::ui {

namespace {
class NewPassphraseText {
    Q_DECLARE_TR_FUNCTIONS(NewPassphraseFields)
public:
    static QString matches() { return tr("The passphrases match."); }
    static QString differs() { return tr("The passphrases do not match yet."); }
    static QString mismatch()
    {
        return tr("The two passphrases are different. Type the same passphrase in both boxes.");
    }
};

void updateMatch(const QLineEdit* passphrase, const QLineEdit* repeat, QLabel* matchLabel)
{
    if (repeat->text().isEmpty()) {
        matchLabel->clear();
    } else {
        matchLabel->setText(repeat->text() == passphrase->text() ? NewPassphraseText::matches()
                                                                 : NewPassphraseText::differs());
    }
}
}  // namespace

void connectNewPassphraseHints(QLineEdit* passphrase, QLineEdit* repeat, PassphraseStrengthHint* hint,
                               QLabel* matchLabel)
{
    QObject::connect(passphrase, &QLineEdit::textChanged, hint, [=](const QString& text) {
        hint->setPassphrase(text);
        updateMatch(passphrase, repeat, matchLabel);
    });
    QObject::connect(repeat, &QLineEdit::textChanged, matchLabel, [=] { updateMatch(passphrase, repeat, matchLabel); });
    hint->setPassphrase(passphrase->text());
    updateMatch(passphrase, repeat, matchLabel);
}

QString checkNewPassphrase(QLineEdit* passphrase, QLineEdit* repeat)
{
    QByteArray typed = passphraseFrom(passphrase);
    const core::Result<void> strong = VaultSession::checkPassphrase(typed);
    wipe(typed);
    if (!strong) {
        passphrase->setFocus();
        return describe(strong.error());
    }
    if (passphrase->text() != repeat->text()) {
        repeat->setFocus();
        repeat->selectAll();
        return NewPassphraseText::mismatch();
    }
    return {};
}

}  // namespace claimdesk::ui
