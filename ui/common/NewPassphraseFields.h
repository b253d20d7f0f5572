#pragma once

#include <QString>

class QLabel;
class QLineEdit;
class QObject;

namespace claimdesk::ui {

class PassphraseStrengthHint;

// The "new passphrase, twice" pair used when creating a vault, adding a user, resetting or changing a
// passphrase: live strength and match hints while typing, and one check before submitting.
void connectNewPassphraseHints(QLineEdit* passphrase, QLineEdit* repeat, PassphraseStrengthHint* hint,
                               QLabel* matchLabel);

// Empty when the pair may be submitted; otherwise a sentence saying what to fix, with the focus moved to
// the field to fix. Never clears what was typed.
QString checkNewPassphrase(QLineEdit* passphrase, QLineEdit* repeat);

}  // namespace claimdesk::ui
