#pragma once

#include "users/User.h"

#include <QtGlobal>

#include <functional>
#include <vector>

class QWidget;

namespace claimdesk::core {
class CaseService;
class ConflictService;
}  // namespace claimdesk::core

namespace claimdesk::ui {

class Prompter;

// The one place the case screens reach the intake wizard (ui/intake/IntakeWizard), so the main window builds
// whether or not the wizard is in this build yet.
bool intakeWizardAvailable();
// Opens the wizard over `parent` for a new intake (draftId 0) or a saved draft; it deletes itself when closed.
// A draft that is already open in a wizard is not opened twice: that wizard comes to the front and is returned.
// `staff` (may be empty) are the people it offers as fee earner and supervisor. `caseCreated` runs when it
// creates a case. Returns nullptr when this build has no intake wizard.
QWidget* launchIntakeWizard(core::CaseService& cases, core::ConflictService& conflicts, Prompter& prompter,
                            QWidget* parent, qint64 draftId, const std::vector<core::User>& staff,
                            const QString& signedInUsername, std::function<void(qint64 caseId)> caseCreated);

}  // namespace claimdesk::ui
