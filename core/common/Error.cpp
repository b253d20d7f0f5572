#include "common/Error.h"

namespace claimdesk::core {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Internal: return QStringLiteral("Internal");
    case ErrorCode::InvalidInput: return QStringLiteral("InvalidInput");
    case ErrorCode::NotFound: return QStringLiteral("NotFound");
    case ErrorCode::AlreadyExists: return QStringLiteral("AlreadyExists");
    case ErrorCode::WrongPassphrase: return QStringLiteral("WrongPassphrase");
    case ErrorCode::TooManyAttempts: return QStringLiteral("TooManyAttempts");
    case ErrorCode::PermissionDenied: return QStringLiteral("PermissionDenied");
    case ErrorCode::MustChangePassphrase: return QStringLiteral("MustChangePassphrase");
    case ErrorCode::KeyringMissing: return QStringLiteral("KeyringMissing");
    case ErrorCode::KeyringUnreadable: return QStringLiteral("KeyringUnreadable");
    case ErrorCode::KeyringTampered: return QStringLiteral("KeyringTampered");
    case ErrorCode::NotAVault: return QStringLiteral("NotAVault");
    case ErrorCode::Corrupted: return QStringLiteral("Corrupted");
    case ErrorCode::VaultBusy: return QStringLiteral("VaultBusy");
    case ErrorCode::VaultLocked: return QStringLiteral("VaultLocked");
    case ErrorCode::DiskFull: return QStringLiteral("DiskFull");
    case ErrorCode::IoError: return QStringLiteral("IoError");
    case ErrorCode::NewerSchema: return QStringLiteral("NewerSchema");
    case ErrorCode::MigrationFailed: return QStringLiteral("MigrationFailed");
    case ErrorCode::CipherUnavailable: return QStringLiteral("CipherUnavailable");
    case ErrorCode::ConflictingEdit: return QStringLiteral("ConflictingEdit");
    }
    return QStringLiteral("Unknown");
}

}  // namespace claimdesk::core
