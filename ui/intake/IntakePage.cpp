#include "ui/intake/IntakePage.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace claimdesk::ui {

void IntakePage::watchEdits(QWidget* root)
{
    // Qt::UniqueConnection keeps a second call from doubling the signals.
    for (auto* edit : root->findChildren<QLineEdit*>()) {
        connect(edit, &QLineEdit::textEdited, this, &IntakePage::edited, Qt::UniqueConnection);
    }
    for (auto* edit : root->findChildren<QPlainTextEdit*>()) {
        connect(edit, &QPlainTextEdit::textChanged, this, &IntakePage::edited, Qt::UniqueConnection);
    }
    for (auto* button : root->findChildren<QAbstractButton*>()) {
        if (button->isCheckable()) {
            connect(button, &QAbstractButton::clicked, this, &IntakePage::edited, Qt::UniqueConnection);
        }
    }
    for (auto* combo : root->findChildren<QComboBox*>()) {
        connect(combo, &QComboBox::activated, this, &IntakePage::edited, Qt::UniqueConnection);
        if (combo->isEditable()) {
            connect(combo, &QComboBox::editTextChanged, this, &IntakePage::edited, Qt::UniqueConnection);
        }
    }
}

}  // namespace claimdesk::ui
