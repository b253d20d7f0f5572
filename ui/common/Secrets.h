#pragma once

#include <QByteArray>

class QLineEdit;

namespace claimdesk::ui {

// Overwrites a passphrase's bytes before releasing them, when this QByteArray is their only owner
// (callers move passphrases rather than copy them, so it usually is). Best effort: Qt's own copies, such
// as a QLineEdit's text, are released without being overwritten.
void wipe(QByteArray& secret);
// The line edit's text as UTF-8, for handing to core.
QByteArray passphraseFrom(const QLineEdit* edit);

}  // namespace claimdesk::ui
