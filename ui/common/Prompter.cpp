#include "ui/common/Prompter.h"

#include "ui/common/ErrorText.h"

#include "common/Error.h"

namespace claimdesk::ui {

void Prompter::reportError(QWidget* parent, const QString& title, const core::Error& error)
{
    showError(parent, title, describe(error));
}

}  // namespace claimdesk::ui
