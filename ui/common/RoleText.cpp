#include "ui/common/RoleText.h"

#include <QCoreApplication>

namespace claimdesk::ui {

namespace {
class RoleText {
    Q_DECLARE_TR_FUNCTIONS(RoleText)
public:
    static QString name(core::Role role)
    {
        switch (role) {
        case core::Role::Admin: return tr("Admin");
        case core::Role::Supervisor: return tr("Supervisor");
        case core::Role::Solicitor: return tr("Solicitor");
        case core::Role::Paralegal: return tr("Paralegal");
        }
        return {};
    }
};
}  // namespace

QString roleDisplayName(core::Role role)
{
    return RoleText::name(role);
}

}  // namespace claimdesk::ui
