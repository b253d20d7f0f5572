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
        case core::Role::Accounts: return tr("Accounts");
        }
        return {};
    }
    static QString description(core::Role role)
    {
        switch (role) {
        case core::Role::Admin: return tr("Users, settings and backups. No case files.");
        case core::Role::Supervisor:
            return tr("Case files, decisions and sign-offs: approves therapy funding, verifies limitation dates and bank "
                      "details, pays invoices, reads the audit trail.");
        case core::Role::Solicitor: return tr("Case files, intakes, deadlines and therapy requests; clears conflicts.");
        case core::Role::Paralegal:
            return tr("Case files, intakes, deadlines and therapy requests; cannot override limitation dates.");
        case core::Role::Accounts:
            return tr("Therapy payments only: pays the fund's invoices awaiting payment. No case files.");
        }
        return {};
    }
};
}  // namespace

QString roleDisplayName(core::Role role)
{
    return RoleText::name(role);
}

QString roleDescription(core::Role role)
{
    return RoleText::description(role);
}

}  // namespace claimdesk::ui
