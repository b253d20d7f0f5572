#include "CliExit.h"

namespace claimdesk::cli {

ExitStatus exitStatusFor(core::ErrorCode code)
{
    using core::ErrorCode;
    switch (code) {
    case ErrorCode::InvalidInput: return ExitStatus::Usage;
    case ErrorCode::WrongPassphrase:
    case ErrorCode::TooManyAttempts: return ExitStatus::BadCredentials;
    case ErrorCode::Corrupted:
    case ErrorCode::KeyringTampered:
    case ErrorCode::KeyringUnreadable:
    case ErrorCode::KeyringMissing:
    case ErrorCode::NotAVault: return ExitStatus::VaultDamaged;
    case ErrorCode::VaultBusy: return ExitStatus::VaultBusy;
    case ErrorCode::PermissionDenied:
    case ErrorCode::MustChangePassphrase: return ExitStatus::PermissionDenied;
    case ErrorCode::Internal:
    case ErrorCode::NotFound:
    case ErrorCode::AlreadyExists:
    case ErrorCode::VaultLocked:
    case ErrorCode::DiskFull:
    case ErrorCode::IoError:
    case ErrorCode::NewerSchema:
    case ErrorCode::MigrationFailed:
    case ErrorCode::CipherUnavailable:
    case ErrorCode::ConflictingEdit: return ExitStatus::Failure;
    }
    return ExitStatus::Failure;
}

}  // namespace claimdesk::cli
