#include "ui/cases/CaseAccess.h"

#include "ui/session/VaultSession.h"

namespace claimdesk::ui {

core::CaseService* availableCases(const VaultSession& session)
{
    return session.isBusy() ? nullptr : session.cases();
}

}  // namespace claimdesk::ui
