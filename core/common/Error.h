#pragma once

#include <QString>

namespace claimdesk::core {

// Every way a core operation can fail. The UI and the CLI turn these into text that says what to do;
// the CLI maps them to its exit statuses (see app/cli/CliExit.h).
enum class ErrorCode {
    Internal,              // a bug or an impossible state; the message says what
    InvalidInput,          // the caller gave something malformed (an empty name, a bad role)
    NotFound,              // no such file, user or record
    AlreadyExists,         // would overwrite something that exists
    WrongPassphrase,       // wrong passphrase OR unknown user: deliberately one code for both
    TooManyAttempts,       // unlock refused for a while after repeated failures
    PermissionDenied,      // the signed-in user's role does not allow this
    MustChangePassphrase,  // one-time passphrase: change it before doing anything else
    KeyringMissing,        // NAME.claimdesk-keys is not next to the vault
    KeyringUnreadable,     // the keyring is not valid JSON of our format, or of a format we do not know
    KeyringTampered,       // the keyring's checksum or MAC does not match its content
    NotAVault,             // the file is not a ClaimDesk vault (or the keyring belongs to another vault)
    Corrupted,             // the database is damaged or was tampered with
    VaultBusy,             // another process holds the vault's write lock for longer than the busy timeout
    VaultLocked,           // the operation needs an unlocked vault
    DiskFull,              // a write failed for lack of space (or a file size limit); rolled back
    IoError,               // another read/write error from the file system
    NewerSchema,           // the vault was written by a newer ClaimDesk
    MigrationFailed,       // upgrading the vault's schema failed; it was left at its old version
    CipherUnavailable,     // the SQLite library in this process is not SQLCipher
    ConflictingEdit,       // someone else saved the same record after it was read
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message;  // a full sentence for people: what went wrong and what to do
};

// A stable identifier for logs, JSON and tests ("WrongPassphrase").
QString errorCodeName(ErrorCode code);

}  // namespace claimdesk::core
