#include "CliCommands.h"

#include "CliExit.h"
#include "PassphraseReader.h"

#include "store/Keyring.h"
#include "store/Vault.h"
#include "users/User.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <memory>
#include <vector>

namespace claimdesk::cli {

namespace {

using core::ErrorCode;
using core::makeError;
using core::Vault;

constexpr QLatin1String kProgram("claimdesk-cli");
constexpr QLatin1String kTestKdfProfile("fast-insecure-for-tests");

// ---------------------------------------------------------------------------------------------------------
// Options and commands

enum class Opt { User, Name, To, NewUser, Role, Target, Json, BusyTimeout, KdfProfile };

struct OptionName {
    Opt id;
    QLatin1String name;
    bool takesValue;
    bool hidden;
};

constexpr OptionName kOptionNames[] = {
    {Opt::User, QLatin1String("user"), true, false},
    {Opt::Name, QLatin1String("name"), true, false},
    {Opt::To, QLatin1String("to"), true, false},
    {Opt::NewUser, QLatin1String("new-user"), true, false},
    {Opt::Role, QLatin1String("role"), true, false},
    {Opt::Target, QLatin1String("target"), true, false},
    {Opt::Json, QLatin1String("json"), false, false},
    {Opt::BusyTimeout, QLatin1String("busy-timeout"), true, false},
    // Tests only: Argon2id at libsodium's minimum cost. Never a default, never shown in --help.
    {Opt::KdfProfile, QLatin1String("kdf-profile"), true, true},
};

const OptionName& optionName(Opt id)
{
    return *std::find_if(std::begin(kOptionNames), std::end(kOptionNames),
                         [id](const OptionName& o) { return o.id == id; });
}

struct CommandOption {
    Opt id;
    bool required;
    QLatin1String valueName;
    QLatin1String description;
};

struct Invocation;
using Handler = int (*)(Invocation&);

struct Command {
    QLatin1String group;
    QLatin1String name;
    QLatin1String synopsis;  // after "claimdesk-cli GROUP NAME"
    QLatin1String summary;  // one line, for the command list
    QLatin1String details;  // for --help
    std::vector<CommandOption> options;
    Handler handler;
};

QString commandWords(const Command& c)
{
    return c.group + QLatin1Char(' ') + c.name;
}

QString usageLine(const Command& c)
{
    return QStringLiteral("Usage: ") + kProgram + QLatin1Char(' ') + commandWords(c) + QLatin1Char(' ') + c.synopsis;
}

const CommandOption kBusyTimeout {Opt::BusyTimeout, false, QLatin1String("MS"),
                                  QLatin1String("How long to wait for another program's write lock (default 5000).")};
const CommandOption kKdfProfile {Opt::KdfProfile, false, QLatin1String("PROFILE"), QLatin1String("Tests only.")};

// ---------------------------------------------------------------------------------------------------------
// One run of one command

struct Invocation {
    CliIo& io;
    const Command& command;
    const QCommandLineParser& parser;
    QString vaultPath;
    core::VaultOptions options;

    bool accepts(Opt id) const
    {
        return std::any_of(command.options.begin(), command.options.end(),
                           [id](const CommandOption& o) { return o.id == id; });
    }
    QString value(Opt id) const { return accepts(id) ? parser.value(optionName(id).name) : QString(); }
    bool isSet(Opt id) const { return accepts(id) && parser.isSet(optionName(id).name); }
};

int fail(CliIo& io, const core::Error& error)
{
    io.err << kProgram << ": " << error.message << Qt::endl;
    return toInt(exitStatusFor(error.code));
}

int usageError(CliIo& io, const QString& message, const QString& usage)
{
    io.err << kProgram << ": " << message << '\n' << usage << Qt::endl;
    return toInt(ExitStatus::Usage);
}

QString commandHelpHint(const Command& c)
{
    return usageLine(c) + QStringLiteral("\nRun '") + kProgram + QLatin1Char(' ') + commandWords(c)
        + QStringLiteral(" --help' for details.");
}

// An unlocked vault for the length of one command; closing it is recorded in the audit log.
class Session {
public:
    explicit Session(std::unique_ptr<Vault> vault) : m_vault(std::move(vault)) { }
    ~Session()
    {
        if (m_vault && m_vault->isUnlocked()) {
            m_vault->lock(core::LockReason::Quit);
        }
    }
    Session(Session&&) noexcept = default;
    Session& operator=(Session&&) = delete;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    Vault* operator->() { return m_vault.get(); }
    Vault& operator*() { return *m_vault; }

private:
    std::unique_ptr<Vault> m_vault;
};

core::Result<Passphrase> readPassphraseOf(Invocation& inv, const QString& username)
{
    inv.io.err.flush();
    return inv.io.passphrases.readExisting(QStringLiteral("Passphrase for %1: ").arg(username));
}

core::Result<Session> unlock(Invocation& inv, const QString& username, const Passphrase& passphrase)
{
    auto vault = Vault::unlock(inv.vaultPath, username, passphrase.bytes(), inv.options);
    if (!vault) {
        return vault.error();
    }
    return Session(std::move(*vault));
}

// A user who still has a one-time passphrase may only change it (`vault passwd`).
core::Result<void> requireOwnPassphrase(Invocation& inv, Session& session)
{
    if (session->currentUser().mustChangePassphrase) {
        return makeError(ErrorCode::MustChangePassphrase,
                         QStringLiteral("%1 still has a one-time passphrase: change it first with '%2 vault passwd %3 "
                                        "--user %1'.")
                             .arg(session->currentUser().username, kProgram, inv.vaultPath));
    }
    return {};
}

// Reads the passphrase, unlocks, and refuses a one-time passphrase: the start of every command but
// `vault create` and `vault passwd`.
core::Result<Session> signIn(Invocation& inv)
{
    const QString username = inv.value(Opt::User);
    auto passphrase = readPassphraseOf(inv, username);
    if (!passphrase) {
        return passphrase.error();
    }
    auto session = unlock(inv, username, *passphrase);
    passphrase->wipe();
    if (!session) {
        return session.error();
    }
    if (auto settled = requireOwnPassphrase(inv, *session); !settled) {
        return settled.error();
    }
    return session;
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QString isoUtc(const QDateTime& dateTime)
{
    return dateTime.isValid() ? dateTime.toUTC().toString(Qt::ISODate) : QString();
}

// Left-aligned columns two spaces apart; the first row is the header.
QString formatTable(const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const QStringList& row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i) {
                widths.append(0);
            }
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    QString text;
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        }
        text += line + QLatin1Char('\n');
    }
    return text;
}

// ---------------------------------------------------------------------------------------------------------
// The commands

int vaultCreate(Invocation& inv)
{
    const QString username = inv.value(Opt::User);
    const core::NewUser admin {username, inv.value(Opt::Name), core::Role::Admin};
    inv.io.err.flush();
    auto passphrase = inv.io.passphrases.readNew(QStringLiteral("New passphrase for %1: ").arg(username),
                                                 QStringLiteral("Repeat the passphrase: "));
    if (!passphrase) {
        return fail(inv.io, passphrase.error());
    }
    auto created = Vault::create(inv.vaultPath, admin, passphrase->bytes(), inv.options);
    passphrase->wipe();
    if (!created) {
        return fail(inv.io, created.error());
    }
    Session session(std::move(*created));
    inv.io.out << QStringLiteral("Created the vault %1 with its key file %2; %3 is its first admin.\n"
                                 "Keep the two files together, and back them up together.")
                      .arg(inv.vaultPath, core::Keyring::pathFor(inv.vaultPath), session->currentUser().username)
               << Qt::endl;
    return toInt(ExitStatus::Success);
}

int vaultCheck(Invocation& inv)
{
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    auto report = (*session)->checkIntegrity();
    if (!report) {
        return fail(inv.io, report.error());
    }
    const core::AuditChainReport& audit = report->audit;
    const QString chain = audit.intact ? QStringLiteral("hash chain intact")
                                       : QStringLiteral("hash chain broken at entry %1").arg(audit.firstBrokenId);
    QList<QStringList> rows {
        {QStringLiteral("Vault:"), inv.vaultPath},
        {QStringLiteral("Checked by:"),
         QStringLiteral("%1 (%2)").arg((*session)->currentUser().username,
                                       core::roleName((*session)->currentUser().role))},
        {QStringLiteral("Schema version:"), QString::number(report->schemaVersion)},
        {QStringLiteral("Cipher:"),
         QStringLiteral("SQLCipher %1, profile %2").arg(report->cipherVersion, report->cipherProfile)},
        {QStringLiteral("Users:"), QString::number(report->users)},
        {QStringLiteral("Audit entries:"), QStringLiteral("%1 (%2)").arg(audit.entries).arg(chain)},
        {QStringLiteral("Result:"),
         report->ok ? QStringLiteral("OK") : QStringLiteral("%1 problem(s)").arg(report->problems.size())},
    };
    inv.io.out << formatTable(rows);
    for (const QString& problem : report->problems) {
        inv.io.out << "  - " << problem << '\n';
    }
    inv.io.out.flush();
    if (!report->ok) {
        return fail(inv.io,
                    makeError(ErrorCode::Corrupted,
                              QStringLiteral("The vault failed its check (problems listed above). Stop using it "
                                             "and restore it from your latest backup.")));
    }
    return toInt(ExitStatus::Success);
}

int vaultBackup(Invocation& inv)
{
    const QString target = inv.value(Opt::To);
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    if (auto backedUp = (*session)->backupTo(target); !backedUp) {
        return fail(inv.io, backedUp.error());
    }
    inv.io.out << QStringLiteral("Backed up %1 to %2 with its key file %3; the copy was verified.")
                      .arg(inv.vaultPath, target, core::Keyring::pathFor(target))
               << Qt::endl;
    return toInt(ExitStatus::Success);
}

int vaultPasswd(Invocation& inv)
{
    const QString username = inv.value(Opt::User);
    auto current = readPassphraseOf(inv, username);
    if (!current) {
        return fail(inv.io, current.error());
    }
    auto session = unlock(inv, username, *current);  // a one-time passphrase is fine here: this is where it changes
    if (!session) {
        return fail(inv.io, session.error());
    }
    auto next = inv.io.passphrases.readNew(QStringLiteral("New passphrase for %1: ").arg(username),
                                           QStringLiteral("Repeat the new passphrase: "));
    if (!next) {
        return fail(inv.io, next.error());
    }
    if (auto changed = (*session)->changePassphrase(current->bytes(), next->bytes()); !changed) {
        return fail(inv.io, changed.error());
    }
    current->wipe();
    next->wipe();
    inv.io.out << QStringLiteral("Changed the passphrase of %1.").arg((*session)->currentUser().username) << Qt::endl;
    return toInt(ExitStatus::Success);
}

int userAdd(Invocation& inv)
{
    const auto role = core::roleFromName(inv.value(Opt::Role));
    if (!role) {
        return usageError(inv.io,
                          QStringLiteral("'%1' is not a role: use admin, supervisor, solicitor or paralegal.")
                              .arg(inv.value(Opt::Role)),
                          commandHelpHint(inv.command));
    }
    const core::NewUser user {inv.value(Opt::NewUser), inv.value(Opt::Name), *role};
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    Passphrase oneTime;
    // Only an admin is asked for the new user's passphrase. Anyone else goes straight to core, which checks
    // the role before anything else, refuses, and records the refusal in the audit log.
    if ((*session)->currentUser().role == core::Role::Admin) {
        auto read = inv.io.passphrases.readNew(
            QStringLiteral("One-time passphrase for %1: ").arg(core::normaliseUsername(user.username)),
            QStringLiteral("Repeat the one-time passphrase: "));
        if (!read) {
            return fail(inv.io, read.error());
        }
        oneTime = std::move(*read);
    }
    auto added = (*session)->addUser(user, oneTime.bytes());
    oneTime.wipe();
    if (!added) {
        return fail(inv.io, added.error());
    }
    inv.io.out << QStringLiteral("Added %1 (%2, %3). They must change the one-time passphrase before anything else: "
                                 "%4 vault passwd %5 --user %1")
                      .arg(added->username, added->displayName, core::roleName(added->role), kProgram, inv.vaultPath)
               << Qt::endl;
    return toInt(ExitStatus::Success);
}

int userDisable(Invocation& inv)
{
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    const QString target = inv.value(Opt::Target);
    if (auto disabled = (*session)->disableUser(target); !disabled) {
        return fail(inv.io, disabled.error());
    }
    inv.io.out << QStringLiteral("Disabled %1: their key slot was removed, so they can no longer unlock the vault.")
                      .arg(core::normaliseUsername(target))
               << Qt::endl;
    return toInt(ExitStatus::Success);
}

int userList(Invocation& inv)
{
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    auto users = (*session)->users();
    if (!users) {
        return fail(inv.io, users.error());
    }
    if (inv.isSet(Opt::Json)) {
        QJsonArray array;
        for (const core::User& u : *users) {
            array.append(QJsonObject {{QStringLiteral("username"), u.username},
                                      {QStringLiteral("displayName"), u.displayName},
                                      {QStringLiteral("role"), core::roleName(u.role)},
                                      {QStringLiteral("active"), u.active},
                                      {QStringLiteral("mustChangePassphrase"), u.mustChangePassphrase},
                                      {QStringLiteral("createdAt"), isoUtc(u.createdAtUtc)}});
        }
        inv.io.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        inv.io.out.flush();
        return toInt(ExitStatus::Success);
    }
    QList<QStringList> rows {{QStringLiteral("USERNAME"), QStringLiteral("DISPLAY NAME"), QStringLiteral("ROLE"),
                              QStringLiteral("ACTIVE"), QStringLiteral("MUST CHANGE PASSPHRASE"),
                              QStringLiteral("CREATED (UTC)")}};
    for (const core::User& u : *users) {
        rows.append(QStringList {u.username, u.displayName, core::roleName(u.role), yesNo(u.active),
                                 yesNo(u.mustChangePassphrase), isoUtc(u.createdAtUtc)});
    }
    inv.io.out << formatTable(rows);
    inv.io.out.flush();
    return toInt(ExitStatus::Success);
}

const std::vector<Command>& commands()
{
    const CommandOption user {Opt::User, true, QLatin1String("USER"), QLatin1String("Sign in as USER.")};
    static const std::vector<Command> list {
        {QLatin1String("vault"),
         QLatin1String("create"),
         QLatin1String("VAULT --user USER --name \"Display Name\""),
         QLatin1String("Create a new encrypted vault whose first user is an admin."),
         QLatin1String("Creates VAULT and its key file VAULT-keys (never over an existing file). USER becomes the "
                       "first admin.\nAsks for USER's new passphrase (twice on a terminal)."),
         {{Opt::User, true, QLatin1String("USER"), QLatin1String("Username of the first admin.")},
          {Opt::Name, true, QLatin1String("\"Display Name\""), QLatin1String("The admin's name as people read it.")},
          kBusyTimeout,
          kKdfProfile},
         vaultCreate},
        {QLatin1String("vault"),
         QLatin1String("check"),
         QLatin1String("VAULT --user USER"),
         QLatin1String("Unlock, check the database and the audit chain, print a report."),
         QLatin1String("Unlocks VAULT as USER and checks the database, the key file and the audit log's hash chain.\n"
                       "Prints the report; exits with 4 if anything is wrong."),
         {user, kBusyTimeout},
         vaultCheck},
        {QLatin1String("vault"),
         QLatin1String("backup"),
         QLatin1String("VAULT --user USER --to BACKUP_VAULT"),
         QLatin1String("Write a verified, encrypted copy (admin)."),
         QLatin1String("Writes an encrypted copy of VAULT and its key file to BACKUP_VAULT and BACKUP_VAULT-keys, then "
                       "verifies it.\nNever overwrites a file. Admins only."),
         {user,
          {Opt::To, true, QLatin1String("BACKUP_VAULT"), QLatin1String("Where to write the copy (a new file).")},
          kBusyTimeout},
         vaultBackup},
        {QLatin1String("vault"),
         QLatin1String("passwd"),
         QLatin1String("VAULT --user USER"),
         QLatin1String("Change your own passphrase (also a one-time one)."),
         QLatin1String("Asks for USER's current passphrase, then the new one (twice on a terminal)."),
         {user, kBusyTimeout, kKdfProfile},
         vaultPasswd},
        {QLatin1String("user"),
         QLatin1String("add"),
         QLatin1String("VAULT --user ADMIN --new-user NAME --name \"Display Name\" --role ROLE"),
         QLatin1String("Add a user with a one-time passphrase (admin)."),
         QLatin1String("Asks for ADMIN's passphrase, then the new user's one-time passphrase (twice on a terminal).\n"
                       "The new user must change it with 'vault passwd' before doing anything else. Admins only."),
         {{Opt::User, true, QLatin1String("ADMIN"), QLatin1String("Sign in as this admin.")},
          {Opt::NewUser, true, QLatin1String("NAME"), QLatin1String("The new user's username.")},
          {Opt::Name, true, QLatin1String("\"Display Name\""), QLatin1String("The new user's name as people read it.")},
          {Opt::Role, true, QLatin1String("ROLE"), QLatin1String("admin, supervisor, solicitor or paralegal.")},
          kBusyTimeout,
          kKdfProfile},
         userAdd},
        {QLatin1String("user"),
         QLatin1String("disable"),
         QLatin1String("VAULT --user ADMIN --target NAME"),
         QLatin1String("Disable a user and remove their key slot (admin)."),
         QLatin1String("Disables NAME for good: their key slot is removed and the username is never reused. Admins "
                       "only."),
         {{Opt::User, true, QLatin1String("ADMIN"), QLatin1String("Sign in as this admin.")},
          {Opt::Target, true, QLatin1String("NAME"), QLatin1String("The user to disable.")},
          kBusyTimeout},
         userDisable},
        {QLatin1String("user"),
         QLatin1String("list"),
         QLatin1String("VAULT --user USER [--json]"),
         QLatin1String("List the vault's users."),
         QLatin1String("Prints an aligned table, or with --json an array of objects with username, displayName, role, "
                       "active,\nmustChangePassphrase and createdAt (ISO 8601, UTC)."),
         {user, {Opt::Json, false, QLatin1String(), QLatin1String("Print JSON instead of a table.")}, kBusyTimeout},
         userList},
    };
    return list;
}

// ---------------------------------------------------------------------------------------------------------
// Help texts

constexpr QLatin1String kPassphraseNote(
    "Passphrases are read from the terminal without echo, or one per line from standard input when it is\n"
    "not a terminal; never from arguments or environment variables.");

constexpr QLatin1String kExitStatuses(
    "Exit status: 0 success; 1 other failure; 2 usage or invalid input; 3 wrong passphrase or unknown user;\n"
    "4 vault damaged or tampered; 5 vault busy; 6 permission denied (or a one-time passphrase to change first).");

QString programHelp(const QString& onlyGroup = {})
{
    QString text = QStringLiteral("Usage: ") + kProgram + QStringLiteral(" COMMAND VAULT --user USER [options]\n\n")
        + QStringLiteral("ClaimDesk's command-line tool: vault and user administration.\n\nCommands:\n");
    QList<QStringList> rows;
    for (const Command& c : commands()) {
        if (onlyGroup.isEmpty() || c.group == onlyGroup) {
            rows.append(QStringList {QStringLiteral("  ") + commandWords(c), c.summary});
        }
    }
    text += formatTable(rows);
    text += QStringLiteral("\nRun '") + kProgram + QStringLiteral(" COMMAND --help' for a command's options.\n\n")
        + kPassphraseNote + QStringLiteral("\n\n") + kExitStatuses + QLatin1Char('\n');
    return text;
}

QString commandHelp(const Command& c)
{
    QString text = usageLine(c) + QStringLiteral("\n\n") + c.details + QStringLiteral("\n\nOptions:\n");
    QList<QStringList> rows;
    for (const CommandOption& o : c.options) {
        const OptionName& n = optionName(o.id);
        if (n.hidden) {
            continue;
        }
        QString spelled = QStringLiteral("  --") + n.name;
        if (n.takesValue) {
            spelled += QLatin1Char(' ') + o.valueName;
        }
        rows.append(QStringList {spelled, o.description + (o.required ? QStringLiteral(" Required.") : QString())});
    }
    rows.append(QStringList {QStringLiteral("  -h, --help"), QStringLiteral("Show this help.")});
    text += formatTable(rows);
    text += QLatin1Char('\n') + kPassphraseNote + QStringLiteral("\n\n") + kExitStatuses + QLatin1Char('\n');
    return text;
}

QString programUsageHint()
{
    return QStringLiteral("Usage: ") + kProgram + QStringLiteral(" COMMAND VAULT --user USER [options]\nRun '")
        + kProgram + QStringLiteral(" --help' for the list of commands.");
}

bool isHelpFlag(const QString& argument)
{
    return argument == QStringLiteral("--help") || argument == QStringLiteral("-h");
}

// ---------------------------------------------------------------------------------------------------------
// Parsing one command's options

int runCommand(const Command& command, const QStringList& rest, CliIo& io)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList {QStringLiteral("h"), QStringLiteral("help")});
    parser.addOption(help);
    for (const CommandOption& o : command.options) {
        const OptionName& n = optionName(o.id);
        QCommandLineOption option(n.name);
        if (n.takesValue) {
            option.setValueName(o.valueName);
        }
        parser.addOption(option);
    }
    if (!parser.parse(QStringList {kProgram} + rest)) {
        return usageError(io, parser.errorText(), commandHelpHint(command));
    }
    if (parser.isSet(help)) {
        io.out << commandHelp(command);
        io.out.flush();
        return toInt(ExitStatus::Success);
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        return usageError(io, QStringLiteral("Give the vault file."), commandHelpHint(command));
    }
    if (positional.size() > 1) {
        return usageError(io,
                          QStringLiteral("Unexpected argument '%1'. Passphrases are never taken from arguments: they "
                                         "are read from the terminal or standard input.")
                              .arg(positional.at(1)),
                          commandHelpHint(command));
    }
    for (const CommandOption& o : command.options) {
        const OptionName& n = optionName(o.id);
        if (o.required && !parser.isSet(n.name)) {
            return usageError(io, QStringLiteral("Missing --%1 %2.").arg(n.name, o.valueName),
                              commandHelpHint(command));
        }
        if (parser.values(n.name).size() > 1 || (!n.takesValue && parser.optionNames().count(n.name) > 1)) {
            return usageError(io, QStringLiteral("--%1 is given more than once.").arg(n.name),
                              commandHelpHint(command));
        }
    }

    Invocation inv {io, command, parser, positional.first(), {}};
    if (inv.isSet(Opt::BusyTimeout)) {
        bool ok = false;
        const int ms = inv.value(Opt::BusyTimeout).toInt(&ok);
        if (!ok || ms < 0) {
            return usageError(io, QStringLiteral("--busy-timeout takes a number of milliseconds (0 or more)."),
                              commandHelpHint(command));
        }
        inv.options.busyTimeoutMs = ms;
    }
    if (inv.isSet(Opt::KdfProfile)) {
        if (inv.value(Opt::KdfProfile) != kTestKdfProfile) {
            return usageError(io, QStringLiteral("Unknown KDF profile '%1'.").arg(inv.value(Opt::KdfProfile)),
                              commandHelpHint(command));
        }
        inv.options.kdf = core::KdfProfile::fastForTestsOnly();
    }
    return command.handler(inv);
}

}  // namespace

int runCli(const QStringList& arguments, CliIo& io)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        return usageError(io, QStringLiteral("Give a command."), programUsageHint());
    }
    const QString& group = args.at(0);
    if (isHelpFlag(group)) {
        io.out << programHelp();
        io.out.flush();
        return toInt(ExitStatus::Success);
    }
    if (group == QStringLiteral("--version")) {
        io.out << kProgram << ' ' << QStringLiteral(CLAIMDESK_VERSION) << Qt::endl;
        return toInt(ExitStatus::Success);
    }
    const auto& all = commands();
    const bool knownGroup = std::any_of(all.begin(), all.end(), [&](const Command& c) { return c.group == group; });
    if (!knownGroup) {
        return usageError(io,
                          group.startsWith(QLatin1Char('-')) ? QStringLiteral("Unknown option '%1'.").arg(group)
                                                             : QStringLiteral("Unknown command '%1'.").arg(group),
                          programUsageHint());
    }
    if (args.size() < 2 || isHelpFlag(args.at(1))) {
        if (args.size() >= 2) {
            io.out << programHelp(group);
            io.out.flush();
            return toInt(ExitStatus::Success);
        }
        return usageError(io, QStringLiteral("Give a %1 command.").arg(group), programHelp(group).trimmed());
    }
    const QString& name = args.at(1);
    const auto command
        = std::find_if(all.begin(), all.end(), [&](const Command& c) { return c.group == group && c.name == name; });
    if (command == all.end()) {
        return usageError(io, QStringLiteral("Unknown command '%1 %2'.").arg(group, name),
                          programHelp(group).trimmed());
    }
    return runCommand(*command, args.mid(2), io);
}

}  // namespace claimdesk::cli
