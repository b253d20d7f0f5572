#include "ui/cases/IntakeLauncher.h"

#include <QWidget>

// The wizard is built alongside the case screens (ui/intake). Until its header exists, the launcher reports
// that there is no wizard and the main window says so instead of opening one.
#if __has_include("ui/intake/IntakeWizard.h")
#include "ui/intake/IntakeWizard.h"
#define CLAIMDESK_HAS_INTAKE_WIZARD 1
#else
#define CLAIMDESK_HAS_INTAKE_WIZARD 0
#endif

namespace claimdesk::ui {

bool intakeWizardAvailable()
{
    return CLAIMDESK_HAS_INTAKE_WIZARD != 0;
}

QWidget* launchIntakeWizard(core::CaseService& cases, core::ConflictService& conflicts, Prompter& prompter,
                            QWidget* parent, qint64 draftId, const std::vector<core::User>& staff,
                            const QString& signedInUsername, std::function<void(qint64 caseId)> caseCreated)
{
#if CLAIMDESK_HAS_INTAKE_WIZARD
    // A draft already open in a wizard is brought to the front: a second wizard on it would overwrite one
    // with the other.
    if (IntakeWizard* open = IntakeWizard::openFor(draftId)) {
        open->setWindowState(open->windowState() & ~Qt::WindowMinimized);
        open->show();
        open->raise();
        open->activateWindow();
        return open;
    }
    auto* wizard = new IntakeWizard(cases, conflicts, prompter, parent, draftId);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    if (!staff.empty()) {
        wizard->setStaff(staff, signedInUsername);
    }
    QObject::connect(wizard, &IntakeWizard::caseCreated, wizard,
                     [caseCreated = std::move(caseCreated)](qint64 caseId) {
                         if (caseCreated) {
                             caseCreated(caseId);
                         }
                     });
    wizard->show();
    wizard->raise();
    wizard->activateWindow();
    return wizard;
#else
    (void)cases;
    (void)conflicts;
    (void)prompter;
    (void)parent;
    (void)draftId;
    (void)staff;
    (void)signedInUsername;
    (void)caseCreated;
    return nullptr;
#endif
}

}  // namespace claimdesk::ui
