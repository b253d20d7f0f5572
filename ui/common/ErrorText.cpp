#include "ui/common/ErrorText.h"

#include "common/Error.h"

#include <QCoreApplication>

namespace claimdesk::ui {

namespace {
class ErrorText {
    Q_DECLARE_TR_FUNCTIONS(ErrorText)
public:
    static QString fallbackFor(core::ErrorCode code)
    {
        using core::ErrorCode;
        switch (code) {
        case ErrorCode::WrongPassphrase: return tr("The username or passphrase is not right. Try again.");
        case ErrorCode::TooManyAttempts: return tr("Too many failed attempts. Wait a little, then try again.");
        case ErrorCode::PermissionDenied: return tr("Your role does not allow this. Ask your ClaimDesk admin.");
        case ErrorCode::MustChangePassphrase: return tr("Change your one-time passphrase first.");
        case ErrorCode::VaultLocked: return tr("The vault is locked. Unlock it first.");
        case ErrorCode::VaultBusy: return tr("The vault is busy. Try again in a moment.");
        case ErrorCode::DiskFull: return tr("The disk is full. Free some space and try again.");
        case ErrorCode::AlreadyExists: return tr("That already exists. Choose another name.");
        case ErrorCode::NotFound: return tr("It could not be found.");
        default:
            return tr("Something went wrong (%1). Try again; if it keeps happening, tell your ClaimDesk admin.")
                .arg(core::errorCodeName(code));
        }
    }
};
}  // namespace

QString describe(const core::Error& error)
{
    return error.message.isEmpty() ? ErrorText::fallbackFor(error.code) : error.message;
}

}  // namespace claimdesk::ui
