#include "CliCommands.h"

#include "AuditCommands.h"
#include "DocumentCommands.h"
#include "CliExit.h"
#include "EngineCommands.h"
#include "PassphraseReader.h"
#include "RetentionCommands.h"
#include "TherapyCommands.h"

#include "cases/CaseImport.h"
#include "reports/CaseDocuments.h"
#include "reports/FirmReports.h"
#include "cases/CaseService.h"
#include "conflicts/ConflictService.h"
#include "deadlines/DeadlineService.h"
#include "deadlines/DateRules.h"
#include "demo/DemoVault.h"
#include "store/Keyring.h"
#include "store/SessionPolicy.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"
#include "users/User.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
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

enum class Opt {
    User,
    Name,
    To,
    NewUser,
    Role,
    Target,
    Json,
    BusyTimeout,
    KdfProfile,
    Search,
    Stage,
    Case,
    Csv,
    DryRun,
    Dob,
    Cases,
    Seed,
    Region,
    Year,
    Input,
    Text,
    Days,
    Ics,
    Date,
    Action,
    By,
    Since,
    Until,
    Limit,
    Amount,
    Month,
    Profile,
    Pdf,
    Kind,
    From,
    Out,
    OverrideReason,
    FeeEarner,
    MaxAutoLock,
    Reason,
    Within,
};

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
    {Opt::Search, QLatin1String("search"), true, false},
    {Opt::Stage, QLatin1String("stage"), true, false},
    {Opt::Case, QLatin1String("case"), true, false},
    {Opt::Csv, QLatin1String("csv"), true, false},
    {Opt::DryRun, QLatin1String("dry-run"), false, false},
    {Opt::Dob, QLatin1String("dob"), true, false},
    {Opt::Cases, QLatin1String("cases"), true, false},
    {Opt::Seed, QLatin1String("seed"), true, false},
    {Opt::Region, QLatin1String("region"), true, false},
    {Opt::Year, QLatin1String("year"), true, false},
    {Opt::Input, QLatin1String("input"), true, false},
    {Opt::Text, QLatin1String("text"), false, false},
    {Opt::Days, QLatin1String("days"), true, false},
    {Opt::Ics, QLatin1String("ics"), true, false},
    {Opt::Date, QLatin1String("date"), true, false},
    {Opt::Action, QLatin1String("action"), true, false},
    {Opt::By, QLatin1String("by"), true, false},
    {Opt::Since, QLatin1String("since"), true, false},
    {Opt::Until, QLatin1String("until"), true, false},
    {Opt::Limit, QLatin1String("limit"), true, false},
    {Opt::Amount, QLatin1String("amount"), true, false},
    {Opt::Month, QLatin1String("month"), true, false},
    {Opt::Profile, QLatin1String("profile"), true, false},
    {Opt::Pdf, QLatin1String("pdf"), true, false},
    {Opt::Kind, QLatin1String("kind"), true, false},
    {Opt::From, QLatin1String("from"), true, false},
    {Opt::Out, QLatin1String("out"), true, false},
    {Opt::OverrideReason, QLatin1String("override-reason"), true, false},
    {Opt::FeeEarner, QLatin1String("fee-earner"), true, false},
    {Opt::MaxAutoLock, QLatin1String("max-auto-lock"), true, false},
    {Opt::Reason, QLatin1String("reason"), true, false},
    {Opt::Within, QLatin1String("within"), true, false},
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
    QLatin1String name;  // empty for a one-word command ("conflicts", "demo")
    QLatin1String synopsis;  // after "claimdesk-cli GROUP NAME"
    QLatin1String summary;  // one line, for the command list
    QLatin1String details;  // for --help
    std::vector<CommandOption> options;
    Handler handler;
    QLatin1String operand {};  // a second argument after VAULT ("FILE.csv"), empty when there is none
    bool vaultless = false;  // the deadline engine's commands take no VAULT argument
};

QString commandWords(const Command& c)
{
    return c.name.isEmpty() ? QString(c.group) : c.group + QLatin1Char(' ') + c.name;
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
    QString operand;  // Command::operand's value

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
        while (line.endsWith(QLatin1Char(' '))) {
            line.chop(1);  // an empty last column leaves no trailing spaces
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
    const QString chain = chainStatus(audit);
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
                          QStringLiteral("'%1' is not a role: use admin, supervisor, solicitor, paralegal or accounts.")
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

int sessionPolicy(Invocation& inv)
{
    using core::SessionPolicy;
    std::optional<int> minutes;
    if (inv.isSet(Opt::MaxAutoLock)) {
        bool ok = false;
        minutes = inv.value(Opt::MaxAutoLock).toInt(&ok);
        if (!ok || !SessionPolicy::checkAutoLockMinutes(*minutes)) {
            return usageError(inv.io,
                              QStringLiteral("--max-auto-lock: give a number of minutes from %1 to %2, e.g. 10.")
                                  .arg(SessionPolicy::kMinAutoLockMinutes)
                                  .arg(SessionPolicy::kMaxAutoLockMinutes),
                              commandHelpHint(inv.command));
        }
    }
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    SessionPolicy policy(**session);
    if (minutes) {
        if (auto set = policy.setMaxAutoLockMinutes(*minutes); !set) {
            return fail(inv.io, set.error());
        }
    }
    auto maximum = policy.maxAutoLockMinutes();
    if (!maximum) {
        return fail(inv.io, maximum.error());
    }
    if (*maximum) {
        inv.io.out << QStringLiteral("ClaimDesk locks after at most %1 minutes without activity (the firm's maximum, "
                                     "set by an admin); a shorter personal setting still applies.")
                          .arg(**maximum)
                   << Qt::endl;
    } else {
        inv.io.out << QStringLiteral("No firm maximum is set: each person's own auto-lock delay applies (%1 to %2 "
                                     "minutes, %3 by default).")
                          .arg(SessionPolicy::kMinAutoLockMinutes)
                          .arg(SessionPolicy::kMaxAutoLockMinutes)
                          .arg(SessionPolicy::kDefaultAutoLockMinutes)
                   << Qt::endl;
    }
    return toInt(ExitStatus::Success);
}

// ---------------------------------------------------------------------------------------------------------
// Cases, conflicts and the demo vault

QString ukDate(const QDate& date)
{
    return core::deadlines::ukShortDate(date);
}

QJsonValue isoDateOrNull(const QDate& date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// An incident date as precise as it was recorded: "14 Mar 1998", "Mar 1998", "1998", "around 1998".
QString ukDateAt(const QDate& date, core::DatePrecision precision)
{
    if (!date.isValid()) {
        return {};
    }
    switch (precision) {
    case core::DatePrecision::Day: return ukDate(date);
    case core::DatePrecision::Month: return core::deadlines::ukMonthYear(date);
    case core::DatePrecision::Year: return QString::number(date.year());
    case core::DatePrecision::Approximate: return QStringLiteral("around %1").arg(date.year());
    }
    return {};
}

// The ISO form of an incident date at its precision: "1998-03-14", "1998-03", "1998" (as in the CSV).
QJsonValue isoDateAt(const QDate& date, core::DatePrecision precision)
{
    if (!date.isValid()) {
        return QJsonValue(QJsonValue::Null);
    }
    switch (precision) {
    case core::DatePrecision::Day: return date.toString(Qt::ISODate);
    case core::DatePrecision::Month: return date.toString(QStringLiteral("yyyy-MM"));
    case core::DatePrecision::Year:
    case core::DatePrecision::Approximate: return date.toString(QStringLiteral("yyyy"));
    }
    return QJsonValue(QJsonValue::Null);
}

QString printJson(const QJsonDocument& doc)
{
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

QString stageChoices()
{
    QStringList ids;
    for (int i = 0; i < core::kStageCount; ++i) {
        ids << core::stageId(static_cast<core::Stage>(i));
    }
    return ids.join(QStringLiteral(", "));
}

// Display names by username, for people reading a table ("Tom Hadley").
QHash<QString, QString> displayNames(Vault& vault)
{
    QHash<QString, QString> names;
    if (auto users = vault.users()) {
        for (const core::User& u : *users) {
            names.insert(u.username, u.displayName);
        }
    }
    return names;
}

QString personLabel(const QHash<QString, QString>& names, const QString& username)
{
    if (username.isEmpty()) {
        return {};
    }
    const QString display = names.value(username);
    return display.isEmpty() || display == username ? username : QStringLiteral("%1 (%2)").arg(display, username);
}

int casesImport(Invocation& inv)
{
    const QString path = inv.operand;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(inv.io,
                    makeError(file.exists() ? ErrorCode::IoError : ErrorCode::NotFound,
                              QStringLiteral("%1 could not be read: %2").arg(path, file.errorString())));
    }
    const QByteArray csv = file.readAll();
    file.close();
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    const bool dryRun = inv.isSet(Opt::DryRun);
    auto report = core::CaseImport(**session).run(csv, dryRun);
    if (!report) {
        return fail(inv.io, report.error());
    }
    if (!report->accepted()) {
        inv.io.err << kProgram << ": "
                   << QStringLiteral("%1 was rejected with %2 problem(s); nothing was imported. Correct every line "
                                     "listed and import the whole file again:")
                          .arg(path)
                          .arg(report->problems.size())
                   << '\n';
        for (const QString& line : report->problemLines()) {
            inv.io.err << line << '\n';
        }
        inv.io.err.flush();
        return toInt(ExitStatus::Usage);
    }
    if (dryRun) {
        inv.io.out << QStringLiteral("%1: %2 row(s) checked, no problems. Nothing was written (dry run).")
                          .arg(path)
                          .arg(report->rows)
                   << Qt::endl;
        return toInt(ExitStatus::Success);
    }
    // The imported cases' limitation dates and other deadlines, so the list and the diary show them at once.
    core::CaseService importedCases(**session);
    core::deadlines::DeadlineService deadlines(**session, importedCases);
    if (auto computed = deadlines.refreshStale((*session)->now().toLocalTime().date()); !computed) {
        inv.io.err << kProgram << ": "
                   << QStringLiteral("The cases were imported, but their deadlines were not computed yet (%1). They "
                                     "will be computed when the case list or the diary is next opened.")
                          .arg(computed.error().message)
                   << Qt::endl;
    }
    inv.io.out << QStringLiteral("Imported %1 case(s) from %2").arg(report->references.size()).arg(path);
    if (!report->references.isEmpty()) {
        inv.io.out << QStringLiteral(": %1 to %2").arg(report->references.front(), report->references.back());
    }
    inv.io.out << '.' << Qt::endl;
    return toInt(ExitStatus::Success);
}

int casesList(Invocation& inv)
{
    core::CaseFilter filter;
    if (inv.isSet(Opt::Stage)) {
        filter.stage = core::stageFromText(inv.value(Opt::Stage));
        if (!filter.stage) {
            return usageError(
                inv.io,
                QStringLiteral("'%1' is not a stage: use one of %2.").arg(inv.value(Opt::Stage), stageChoices()),
                commandHelpHint(inv.command));
        }
    }
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    core::CaseService cases(**session);
    auto list = cases.list();
    if (!list) {
        return fail(inv.io, list.error());
    }
    std::optional<QSet<qint64>> hits;
    if (inv.isSet(Opt::Search)) {
        auto found = cases.search(inv.value(Opt::Search));
        if (!found) {
            return fail(inv.io, found.error());
        }
        hits = std::move(*found);
    }
    const QString me = (*session)->currentUser().username;
    std::vector<const core::CaseSummary*> shown;
    for (const core::CaseSummary& s : *list) {
        if (filter.matches(s, me, hits ? &*hits : nullptr)) {
            shown.push_back(&s);
        }
    }
    // By reference (prefix, year, number): the order people file and quote them in.
    std::sort(shown.begin(), shown.end(),
              [](const core::CaseSummary* a, const core::CaseSummary* b) { return a->reference < b->reference; });
    if (inv.isSet(Opt::Json)) {
        QJsonArray array;
        for (const core::CaseSummary* s : shown) {
            if (s->restrictedPlaceholder) {
                array.append(QJsonObject {{QStringLiteral("reference"), s->reference},
                                          {QStringLiteral("restricted"), true},
                                          {QStringLiteral("clientName"), QJsonValue(QJsonValue::Null)},
                                          {QStringLiteral("stage"), QJsonValue(QJsonValue::Null)},
                                          {QStringLiteral("feeEarner"), QJsonValue(QJsonValue::Null)},
                                          {QStringLiteral("nextDeadline"), QJsonValue(QJsonValue::Null)}});
                continue;
            }
            array.append(QJsonObject {{QStringLiteral("reference"), s->reference},
                                      {QStringLiteral("restricted"), s->restricted},
                                      {QStringLiteral("clientName"), s->clientName},
                                      {QStringLiteral("stage"), core::stageId(s->stage)},
                                      {QStringLiteral("feeEarner"), s->feeEarner},
                                      {QStringLiteral("feeEarnerName"), s->feeEarnerName},
                                      {QStringLiteral("nextDeadline"), isoDateOrNull(s->nextDeadline)},
                                      {QStringLiteral("safeguardingAlert"), s->safeguardingAlert}});
        }
        inv.io.out << printJson(QJsonDocument(array));
        inv.io.out.flush();
        return toInt(ExitStatus::Success);
    }
    if (shown.empty()) {
        inv.io.out << (list->empty() ? QStringLiteral("No cases yet.") : QStringLiteral("No cases match.")) << Qt::endl;
        return toInt(ExitStatus::Success);
    }
    QList<QStringList> rows {{QStringLiteral("REFERENCE"), QStringLiteral("CLIENT"), QStringLiteral("STAGE"),
                              QStringLiteral("FEE EARNER"), QStringLiteral("NEXT DEADLINE"), QStringLiteral("FLAGS")}};
    for (const core::CaseSummary* s : shown) {
        if (s->restrictedPlaceholder) {
            rows.append(QStringList {s->reference, QStringLiteral("(restricted)"), QString(), QString(), QString(),
                                     QStringLiteral("restricted")});
            continue;
        }
        QStringList flags;
        if (s->safeguardingAlert) {
            flags << QStringLiteral("safeguarding");
        }
        if (s->restricted) {
            flags << QStringLiteral("restricted");
        }
        rows.append(QStringList {s->reference, s->clientName, core::stageLabel(s->stage), s->feeEarnerName,
                                 ukDate(s->nextDeadline), flags.join(QStringLiteral(", "))});
    }
    inv.io.out << formatTable(rows);
    inv.io.out.flush();
    return toInt(ExitStatus::Success);
}

QJsonObject caseToJson(const core::CaseRecord& c, const std::vector<core::Task>& tasks)
{
    const core::Client& cl = c.client;
    const core::SafeContact& sc = cl.safeContact;
    QJsonArray incidents;
    for (const core::Incident& i : c.incidents) {
        const int age = i.ageAtStart(cl.dateOfBirth);
        incidents.append(
            QJsonObject {{QStringLiteral("start"), isoDateAt(i.start, i.startPrecision)},
                         {QStringLiteral("end"), isoDateAt(i.end, i.endPrecision)},
                         {QStringLiteral("precision"), core::precisionId(i.startPrecision)},
                         {QStringLiteral("endPrecision"), core::precisionId(i.endPrecision)},
                         {QStringLiteral("abuseTypes"), QJsonArray::fromStringList(i.abuseTypes)},
                         {QStringLiteral("perpetrators"), QJsonArray::fromStringList(i.perpetrators)},
                         {QStringLiteral("institutions"), QJsonArray::fromStringList(i.institutions)},
                         {QStringLiteral("location"), i.location},
                         {QStringLiteral("region"), core::regionId(i.region)},
                         {QStringLiteral("ageAtStart"), age < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(age)},
                         {QStringLiteral("reportedToPolice"), i.reportedToPolice},
                         {QStringLiteral("policeReportDate"), isoDateOrNull(i.policeReportDate)},
                         {QStringLiteral("policeForce"), i.policeForce},
                         {QStringLiteral("crimeReference"), i.crimeReference},
                         {QStringLiteral("prosecutionStatus"), i.prosecutionStatus}});
    }
    QJsonArray parties;
    for (const core::CaseParty& p : c.parties) {
        parties.append(QJsonObject {
            {QStringLiteral("name"), p.party.name},
            {QStringLiteral("kind"),
             p.party.kind == core::PartyKind::Person ? QStringLiteral("person") : QStringLiteral("organisation")},
            {QStringLiteral("role"), core::partyRoleId(p.role)},
            {QStringLiteral("aliases"), QJsonArray::fromStringList(p.party.aliases)}});
    }
    QJsonArray taskArray;
    for (const core::Task& t : tasks) {
        taskArray.append(QJsonObject {{QStringLiteral("title"), t.title},
                                      {QStringLiteral("due"), isoDateOrNull(t.due)},
                                      {QStringLiteral("assignee"), t.assignee},
                                      {QStringLiteral("done"), t.done},
                                      {QStringLiteral("urgent"), t.urgent},
                                      {QStringLiteral("kind"), core::taskKindId(t.kind)}});
    }
    QJsonArray limbs;
    for (core::ClaimLimb l : c.limbs) {
        limbs.append(core::limbId(l));
    }
    const QJsonObject safeContact {{QStringLiteral("phone"), sc.phone},
                                   {QStringLiteral("voicemail"), sc.voicemail},
                                   {QStringLiteral("text"), sc.text},
                                   {QStringLiteral("email"), sc.email},
                                   {QStringLiteral("post"), sc.post},
                                   {QStringLiteral("neverWriteTo"), QJsonArray::fromStringList(sc.neverWriteTo)},
                                   {QStringLiteral("codeWordSet"), !sc.codeWord.isEmpty()},
                                   {QStringLiteral("timesToAvoid"), sc.timesToAvoid},
                                   {QStringLiteral("whoAtHomeKnows"), sc.whoAtHomeKnows}};
    const QJsonObject client {{QStringLiteral("fullName"), cl.fullName},
                              {QStringLiteral("preferredName"), cl.preferredName},
                              {QStringLiteral("formerNames"), QJsonArray::fromStringList(cl.formerNames)},
                              {QStringLiteral("dateOfBirth"), isoDateOrNull(cl.dateOfBirth)},
                              {QStringLiteral("dateOfBirthVerified"), cl.dateOfBirthVerified},
                              {QStringLiteral("pronouns"), cl.pronouns},
                              {QStringLiteral("phone"), cl.phone},
                              {QStringLiteral("email"), cl.email},
                              {QStringLiteral("address"), cl.address},
                              {QStringLiteral("safeContact"), safeContact},
                              {QStringLiteral("preferredCaseworkerGender"), cl.preferredCaseworkerGender},
                              {QStringLiteral("communicationNeeds"), cl.communicationNeeds},
                              {QStringLiteral("interpreterLanguage"), cl.interpreterLanguage},
                              {QStringLiteral("capacityConcern"), cl.capacityConcern},
                              {QStringLiteral("litigationFriend"), cl.litigationFriend}};
    return QJsonObject {
        {QStringLiteral("reference"), c.reference},
        {QStringLiteral("stage"), core::stageId(c.stage)},
        {QStringLiteral("feeEarner"), c.feeEarner},
        {QStringLiteral("supervisor"), textOrNull(c.supervisor)},
        {QStringLiteral("openedOn"), isoDateOrNull(c.openedOn)},
        {QStringLiteral("closedOn"), isoDateOrNull(c.closedOn)},
        {QStringLiteral("outcome"), c.outcome},
        {QStringLiteral("limbs"), limbs},
        {QStringLiteral("funding"), core::fundingId(c.funding)},
        {QStringLiteral("restricted"), c.restricted},
        {QStringLiteral("accountRecorded"), c.hasAccount},
        {QStringLiteral("safeguardingAlert"), c.safeguardingAlert},
        {QStringLiteral("safeguardingRisks"), QJsonArray::fromStringList(c.safeguarding.seriousRiskReasons())},
        {QStringLiteral("safeguardingAction"), c.safeguardingAction},
        {QStringLiteral("version"), c.version},
        {QStringLiteral("updatedAt"), isoUtc(c.updatedAtUtc)},
        {QStringLiteral("updatedBy"), c.updatedBy},
        {QStringLiteral("client"), client},
        {QStringLiteral("incidents"), incidents},
        {QStringLiteral("parties"), parties},
        {QStringLiteral("tasks"), taskArray}};
}

// Safe-contact rules in one line each, so the first thing anyone reads is how (not) to make contact.
QList<QStringList> safeContactRows(const core::SafeContact& sc)
{
    QStringList safe;
    QStringList unsafe;
    const std::pair<bool, QString> channels[] {{sc.phone, QStringLiteral("phone")},
                                               {sc.voicemail, QStringLiteral("voicemail")},
                                               {sc.text, QStringLiteral("text")},
                                               {sc.email, QStringLiteral("email")},
                                               {sc.post, QStringLiteral("post")}};
    for (const auto& [ok, name] : channels) {
        (ok ? safe : unsafe) << name;
    }
    QList<QStringList> rows {
        {QStringLiteral("  Safe to use:"),
         safe.isEmpty() ? QStringLiteral("none confirmed") : safe.join(QStringLiteral(", "))},
        {QStringLiteral("  Do NOT use:"), unsafe.isEmpty() ? QStringLiteral("-") : unsafe.join(QStringLiteral(", "))}};
    if (!sc.neverWriteTo.isEmpty()) {
        rows.append({QStringLiteral("  Never write to:"), sc.neverWriteTo.join(QStringLiteral("; "))});
    }
    if (!sc.timesToAvoid.isEmpty()) {
        rows.append({QStringLiteral("  Times to avoid:"), sc.timesToAvoid});
    }
    if (!sc.whoAtHomeKnows.isEmpty()) {
        rows.append({QStringLiteral("  Who at home knows:"), sc.whoAtHomeKnows});
    }
    rows.append({QStringLiteral("  Code word:"),
                 sc.codeWord.isEmpty() ? QStringLiteral("none") : QStringLiteral("set (ask the client for it)")});
    return rows;
}

int casesShow(Invocation& inv)
{
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    core::CaseService cases(**session);
    auto record = cases.loadByReference(inv.value(Opt::Case));
    if (!record) {
        return fail(inv.io, record.error());
    }
    auto tasks = cases.tasks(record->id);
    if (!tasks) {
        return fail(inv.io, tasks.error());
    }
    const core::CaseRecord& c = *record;
    if (inv.isSet(Opt::Json)) {
        inv.io.out << printJson(QJsonDocument(caseToJson(c, *tasks)));
        inv.io.out.flush();
        return toInt(ExitStatus::Success);
    }
    const QHash<QString, QString> names = displayNames(**session);
    const core::Client& cl = c.client;
    QString client = cl.fullName;
    if (!cl.preferredName.isEmpty()) {
        client += QStringLiteral(" (prefers \"%1\")").arg(cl.preferredName);
    }
    QList<QStringList> overview {
        {QStringLiteral("Case:"), c.reference + (c.restricted ? QStringLiteral("  [restricted]") : QString())},
        {QStringLiteral("Client:"), client},
    };
    if (!cl.formerNames.isEmpty()) {
        overview.append({QStringLiteral("Former names:"), cl.formerNames.join(QStringLiteral("; "))});
    }
    overview.append(
        {QStringLiteral("Date of birth:"),
         cl.dateOfBirth.isValid() ? ukDate(cl.dateOfBirth)
                 + (cl.dateOfBirthVerified ? QStringLiteral(" (verified)") : QStringLiteral(" (not verified)"))
                                  : QStringLiteral("not recorded")});
    if (!cl.pronouns.isEmpty()) {
        overview.append({QStringLiteral("Pronouns:"), cl.pronouns});
    }
    overview.append({QStringLiteral("Stage:"), core::stageLabel(c.stage)});
    overview.append({QStringLiteral("Fee earner:"), personLabel(names, c.feeEarner)});
    if (!c.supervisor.isEmpty()) {
        overview.append({QStringLiteral("Supervisor:"), personLabel(names, c.supervisor)});
    }
    overview.append({QStringLiteral("Opened:"), ukDate(c.openedOn)});
    if (c.closedOn.isValid()) {
        overview.append(
            {QStringLiteral("Closed:"),
             ukDate(c.closedOn) + (c.outcome.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(c.outcome))});
    }
    overview.append({QStringLiteral("Funding:"), core::fundingLabel(c.funding)});
    overview.append({QStringLiteral("Safeguarding:"),
                     c.safeguardingAlert ? QStringLiteral("ALERT: %1; a supervisor must record the action taken")
                                               .arg(c.safeguarding.seriousRiskReasons().join(QStringLiteral(", ")))
                         : c.safeguardingAction.isEmpty()
                         ? QStringLiteral("no open alert")
                         : QStringLiteral("action recorded: %1").arg(c.safeguardingAction)});
    overview.append({QStringLiteral("Account recorded:"), yesNo(c.hasAccount)});
    inv.io.out << formatTable(overview);
    if (!cl.interpreterLanguage.isEmpty() || !cl.communicationNeeds.isEmpty()
        || !cl.preferredCaseworkerGender.isEmpty()) {
        QList<QStringList> needs;
        if (!cl.preferredCaseworkerGender.isEmpty()) {
            needs.append({QStringLiteral("  Caseworker:"), cl.preferredCaseworkerGender});
        }
        if (!cl.interpreterLanguage.isEmpty()) {
            needs.append({QStringLiteral("  Interpreter:"), cl.interpreterLanguage});
        }
        if (!cl.communicationNeeds.isEmpty()) {
            needs.append({QStringLiteral("  Communication:"), cl.communicationNeeds});
        }
        inv.io.out << "\nNeeds and preferences\n" << formatTable(needs);
    }
    inv.io.out << "\nSafe contact\n" << formatTable(safeContactRows(cl.safeContact));

    inv.io.out << "\nIncidents\n";
    if (c.incidents.empty()) {
        inv.io.out << "  none recorded\n";
    } else {
        QList<QStringList> rows {{QStringLiteral("  FROM"), QStringLiteral("TO"), QStringLiteral("AGE"),
                                  QStringLiteral("REGION"), QStringLiteral("TYPES"), QStringLiteral("WHO"),
                                  QStringLiteral("WHERE")}};
        for (const core::Incident& i : c.incidents) {
            const int age = i.ageAtStart(cl.dateOfBirth);
            rows.append({QStringLiteral("  ") + ukDateAt(i.start, i.startPrecision), ukDateAt(i.end, i.endPrecision),
                         age < 0 ? QString() : QString::number(age), core::regionLabel(i.region),
                         i.abuseTypes.join(QStringLiteral(", ")), i.perpetrators.join(QStringLiteral("; ")),
                         i.institutions.join(QStringLiteral("; "))});
        }
        inv.io.out << formatTable(rows);
    }

    inv.io.out << "\nParties\n";
    if (c.parties.empty()) {
        inv.io.out << "  none recorded\n";
    } else {
        QList<QStringList> rows {{QStringLiteral("  ROLE"), QStringLiteral("NAME"), QStringLiteral("ALSO KNOWN AS")}};
        for (const core::CaseParty& p : c.parties) {
            rows.append({QStringLiteral("  ") + core::partyRoleLabel(p.role), p.party.name,
                         p.party.aliases.join(QStringLiteral("; "))});
        }
        inv.io.out << formatTable(rows);
    }

    inv.io.out << "\nTasks\n";
    if (tasks->empty()) {
        inv.io.out << "  none\n";
    } else {
        QList<QStringList> rows {
            {QStringLiteral("  DUE"), QStringLiteral("TASK"), QStringLiteral("ASSIGNED TO"), QStringLiteral("STATUS")}};
        for (const core::Task& t : *tasks) {
            rows.append({QStringLiteral("  ") + ukDate(t.due), t.title, personLabel(names, t.assignee),
                         t.done         ? QStringLiteral("done")
                             : t.urgent ? QStringLiteral("URGENT")
                                        : QStringLiteral("open")});
        }
        inv.io.out << formatTable(rows);
    }
    inv.io.out.flush();
    return toInt(ExitStatus::Success);
}

int casesBreakGlass(Invocation& inv)
{
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    core::CaseService cases(**session);
    // Core checks the reason (and records a refusal), so an empty --reason is refused and audited like a short one.
    auto record = cases.breakGlassByReference(inv.value(Opt::Case), inv.value(Opt::Reason));
    if (!record) {
        return fail(inv.io, record.error());
    }
    const QHash<QString, QString> names = displayNames(**session);
    const QString told = personLabel(names, record->supervisor.isEmpty() ? record->feeEarner : record->supervisor);
    QString until = QStringLiteral("%1 hours").arg(core::CaseService::kBreakGlassHours);
    if (auto grant = cases.activeBreakGlass(record->id); grant && *grant) {
        const QDateTime expires = (*grant)->expiresAtUtc.toLocalTime();
        until = QStringLiteral("%1 on %2").arg(expires.toString(QStringLiteral("HH:mm")), ukDate(expires.date()));
    }
    inv.io.out << QStringLiteral("Break-glass access to %1 until %2. %3 has been told, and the reason is in the audit "
                                 "log.\nOpen it with: %4 cases show %5 --user %6 --case %1")
                      .arg(record->reference, until, told, kProgram, inv.vaultPath,
                           (*session)->currentUser().username)
               << Qt::endl;
    return toInt(ExitStatus::Success);
}

int casesExport(Invocation& inv)
{
    const QString path = inv.value(Opt::Csv);
    if (QFile::exists(path)) {
        return fail(inv.io,
                    makeError(ErrorCode::AlreadyExists,
                              QStringLiteral("%1 already exists. Choose a new file name: an export never "
                                             "overwrites a file.")
                                  .arg(path)));
    }
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    auto report = core::CaseExport(**session).toFile(path);
    if (!report) {
        return fail(inv.io, report.error());
    }
    inv.io.out << QStringLiteral("Exported %1 case(s) to %2 (without accounts).").arg(report->cases).arg(path);
    if (report->skippedRestricted > 0) {
        inv.io.out
            << QStringLiteral(" %1 restricted case(s) you may not open were left out.").arg(report->skippedRestricted);
    }
    inv.io.out << Qt::endl;
    return toInt(ExitStatus::Success);
}

int conflictsCheck(Invocation& inv)
{
    QDate dob;
    if (inv.isSet(Opt::Dob)) {
        dob = QDate::fromString(inv.value(Opt::Dob), Qt::ISODate);
        if (!dob.isValid() || inv.value(Opt::Dob).size() != 10) {
            return usageError(inv.io,
                              QStringLiteral("--dob takes a date that exists, as YYYY-MM-DD ('%1' is not one).")
                                  .arg(inv.value(Opt::Dob)),
                              commandHelpHint(inv.command));
        }
    }
    if (inv.value(Opt::Name).trimmed().isEmpty()) {
        return usageError(inv.io, QStringLiteral("--name needs a name to check."), commandHelpHint(inv.command));
    }
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    core::ConflictService conflicts(**session);
    const QString name = inv.value(Opt::Name).trimmed();
    auto matches = conflicts.check(name, dob);
    if (!matches) {
        return fail(inv.io, matches.error());
    }
    auto recorded = conflicts.record(0, name, dob, *matches);
    if (!recorded) {
        return fail(inv.io, recorded.error());
    }
    if (inv.isSet(Opt::Json)) {
        QJsonArray array;
        for (const core::ConflictMatch& m : *matches) {
            array.append(
                QJsonObject {{QStringLiteral("name"), m.restricted ? QJsonValue(QJsonValue::Null) : QJsonValue(m.name)},
                             {QStringLiteral("kind"), m.kind},
                             {QStringLiteral("role"), textOrNull(m.role)},
                             {QStringLiteral("caseReference"),
                              QJsonValue(m.caseReference)},
                             {QStringLiteral("restricted"), m.restricted},
                             {QStringLiteral("score"), std::round(m.score * 1000.0) / 1000.0},
                             {QStringLiteral("reasons"), QJsonArray::fromStringList(m.reasons)}});
        }
        inv.io.out << printJson(QJsonDocument(array));
        inv.io.out.flush();
        return toInt(ExitStatus::Success);
    }
    if (matches->empty()) {
        inv.io.out
            << QStringLiteral("No possible matches for \"%1\". The check was recorded (#%2).").arg(name).arg(*recorded)
            << Qt::endl;
        return toInt(ExitStatus::Success);
    }
    QList<QStringList> rows {{QStringLiteral("SCORE"), QStringLiteral("KIND"), QStringLiteral("NAME"),
                              QStringLiteral("CASE"), QStringLiteral("REASONS")}};
    for (const core::ConflictMatch& m : *matches) {
        const QString kind = m.role.isEmpty() ? m.kind : QStringLiteral("%1 (%2)").arg(m.kind, m.role);
        rows.append({QString::number(m.score, 'f', 2), kind, m.restricted ? QStringLiteral("(restricted)") : m.name,
                     m.restricted ? m.caseReference + QStringLiteral(" (restricted)") : m.caseReference,
                     m.reasons.join(QStringLiteral("; "))});
    }
    inv.io.out << formatTable(rows)
               << QStringLiteral(
                      "%1 possible match(es). The check was recorded (#%2); a solicitor or supervisor clears a "
                      "potential conflict.")
                      .arg(matches->size())
                      .arg(*recorded)
               << Qt::endl;
    return toInt(ExitStatus::Success);
}

int demoCreate(Invocation& inv)
{
    core::DemoContent content;
    bool ok = false;
    content.cases = inv.value(Opt::Cases).toInt(&ok);
    if (!ok || content.cases < 0 || content.cases > 1000000) {
        return usageError(inv.io, QStringLiteral("--cases takes a number of cases from 0 to 1000000."),
                          commandHelpHint(inv.command));
    }
    if (inv.isSet(Opt::Seed)) {
        content.seed = inv.value(Opt::Seed).toUInt(&ok);
        if (!ok) {
            return usageError(inv.io, QStringLiteral("--seed takes a whole number from 0 to 4294967295."),
                              commandHelpHint(inv.command));
        }
    }
    if (QFile::exists(inv.vaultPath)) {
        return fail(inv.io,
                    makeError(ErrorCode::AlreadyExists,
                              QStringLiteral("%1 already exists. Choose another name: ClaimDesk never "
                                             "overwrites a vault.")
                                  .arg(inv.vaultPath)));
    }
    if (auto created = core::DemoVault::create(inv.vaultPath, inv.options, content); !created) {
        return fail(inv.io, created.error());
    }
    QStringList users;
    for (const core::DemoAccount& a : core::DemoVault::accounts()) {
        users << a.username;
    }
    inv.io.out << QStringLiteral("Created the demo vault %1 with %2 fictional case(s) (seed %3). Every person in it is "
                                 "invented.\nSign in as %4 with the passphrase %5.")
                      .arg(inv.vaultPath)
                      .arg(content.cases)
                      .arg(content.seed)
                      .arg(users.join(QStringLiteral(", ")), core::DemoVault::passphrase())
               << Qt::endl;
    return toInt(ExitStatus::Success);
}

int closuresList(Invocation& inv)
{
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    core::CaseService cases(**session);
    core::deadlines::DeadlineService deadlines(**session, cases);
    auto closures = deadlines.courtClosures();
    if (!closures) {
        return fail(inv.io, closures.error());
    }
    for (const auto& c : *closures) {
        inv.io.out << c.date.toString(Qt::ISODate) << '\t' << c.name << '\n';
    }
    inv.io.out.flush();
    return toInt(ExitStatus::Success);
}

int closuresChange(Invocation& inv)
{
    const QDate day = QDate::fromString(inv.value(Opt::Date), Qt::ISODate);
    if (!day.isValid()) {
        return usageError(inv.io, QStringLiteral("--date: \"%1\" is not a valid date (YYYY-MM-DD).").arg(inv.value(Opt::Date)),
                          commandHelpHint(inv.command));
    }
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    core::CaseService cases(**session);
    core::deadlines::DeadlineService deadlines(**session, cases);
    const bool adding = inv.command.name == QLatin1String("add");
    auto changed = adding ? deadlines.addCourtClosure(day, inv.value(Opt::Name)) : deadlines.removeCourtClosure(day);
    if (!changed) {
        return fail(inv.io, changed.error());
    }
    inv.io.out << (adding ? QStringLiteral("%1 is now a court closure day. Every case's deadlines will be recomputed "
                                           "before the next case list or diary.")
                          : QStringLiteral("%1 is no longer a court closure day. Every case's deadlines will be "
                                           "recomputed before the next case list or diary."))
                      .arg(core::deadlines::ukDate(day))
               << Qt::endl;
    return toInt(ExitStatus::Success);
}

int holidaysList(Invocation& inv)
{
    return runHolidays(HolidaysRequest {inv.value(Opt::Region), inv.value(Opt::Year), inv.isSet(Opt::Json)}, inv.io.out,
                       inv.io.err);
}

int deadlinesCompute(Invocation& inv)
{
    return runDeadlines(DeadlinesRequest {inv.value(Opt::Input), inv.isSet(Opt::Text)}, inv.io.out, inv.io.err);
}

int diaryList(Invocation& inv)
{
    int days = 30;
    if (inv.isSet(Opt::Days)) {
        bool ok = false;
        days = inv.value(Opt::Days).toInt(&ok);
        if (!ok || days < 0 || days > 3660) {
            return usageError(inv.io, QStringLiteral("--days takes a number of days from 0 to 3660."),
                              commandHelpHint(inv.command));
        }
    }
    if (inv.isSet(Opt::Ics) && QFile::exists(inv.value(Opt::Ics))) {
        return fail(inv.io, makeError(ErrorCode::AlreadyExists,
                                      QStringLiteral("%1 already exists: give a new file name.").arg(inv.value(Opt::Ics))));
    }
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    core::CaseService cases(**session);
    core::deadlines::DeadlineService deadlines(**session, cases);
    const QDate today = (*session)->now().toLocalTime().date();
    if (auto refreshed = deadlines.refreshStale(today); !refreshed) {
        return fail(inv.io, refreshed.error());
    }
    const QDate to = today.addDays(days);
    auto diary = deadlines.diary(core::deadlines::DiaryScope::All, today, to, today);
    if (!diary) {
        return fail(inv.io, diary.error());
    }
    // The CLI shows the signed-in user's own and supervised cases first-class; everything is listed by reference.
    const QString me = (*session)->currentUser().username;
    std::vector<core::deadlines::DiaryEntry> shown;
    for (const auto& e : *diary) {
        if (e.feeEarner == me || e.supervisor == me || (*session)->currentUser().role == core::Role::Supervisor) {
            shown.push_back(e);
        }
    }
    if (inv.isSet(Opt::Ics)) {
        QFile file(inv.value(Opt::Ics));
        if (!file.open(QIODevice::NewOnly | QIODevice::WriteOnly)) {
            return fail(inv.io, makeError(ErrorCode::IoError, QStringLiteral("Could not write %1: %2.")
                                                                  .arg(inv.value(Opt::Ics), file.errorString())));
        }
        const QByteArray ics = core::deadlines::DeadlineService::toIcs(shown, (*session)->now());
        if (file.write(ics) != ics.size() || !file.flush()) {
            file.remove();
            return fail(inv.io, makeError(ErrorCode::IoError, QStringLiteral("Could not write %1 (disk full?); "
                                                                             "nothing was kept.")
                                                                  .arg(inv.value(Opt::Ics))));
        }
        auto tx = core::sql::Transaction::begin((*session)->connection());
        if (tx && (*session)->audit(QStringLiteral("diary.export.ics"), QStringLiteral("diary"), me,
                                    {{QStringLiteral("entries"), static_cast<qint64>(shown.size())},
                                     {QStringLiteral("days"), days}})) {
            (void)tx->commit();
        }
        inv.io.out << QStringLiteral("Wrote %1 deadline(s) to %2 (case references and titles only).")
                          .arg(shown.size())
                          .arg(inv.value(Opt::Ics))
                   << Qt::endl;
        return toInt(ExitStatus::Success);
    }
    if (inv.isSet(Opt::Json)) {
        QJsonArray array;
        for (const auto& e : shown) {
            array.append(QJsonObject {
                {QStringLiteral("caseReference"), e.caseReference},
                {QStringLiteral("restricted"), e.restricted},
                {QStringLiteral("date"), e.dueOn.toString(Qt::ISODate)},
                {QStringLiteral("daysLeft"), static_cast<qint64>(today.daysTo(e.dueOn))},
                {QStringLiteral("title"), e.title},
                {QStringLiteral("rule"), e.rule},
                {QStringLiteral("kind"), core::deadlines::deadlineKindId(e.kind)},
                {QStringLiteral("party"), core::deadlines::partyId(e.party)},
                {QStringLiteral("feeEarner"), e.feeEarner},
                {QStringLiteral("reminder"), e.needsAcknowledgment ? QJsonValue(e.reminderRung) : QJsonValue()},
                {QStringLiteral("escalated"), e.escalated},
            });
        }
        inv.io.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        inv.io.out.flush();
        return toInt(ExitStatus::Success);
    }
    QList<QStringList> rows {{QStringLiteral("DATE"), QStringLiteral("DAYS"), QStringLiteral("CASE"),
                              QStringLiteral("DEADLINE"), QStringLiteral("FEE EARNER"), QStringLiteral("REMINDER")}};
    for (const auto& e : shown) {
        rows.append(QStringList {core::deadlines::ukDate(e.dueOn), QString::number(today.daysTo(e.dueOn)),
                                 e.caseReference, e.title, e.feeEarner,
                                 e.needsAcknowledgment ? e.reminderRung + (e.escalated ? QStringLiteral(" (escalated)")
                                                                                        : QString())
                                                       : QString()});
    }
    inv.io.out << formatTable(rows);
    inv.io.out.flush();
    return toInt(ExitStatus::Success);
}

// "1500", "1500.5", "£1,500.50" → pence; nullopt when it is not an amount of money.
std::optional<qint64> poundsToPence(QString text)
{
    text = text.trimmed().remove(QChar(u'£')).remove(QLatin1Char(','));
    static const QRegularExpression money(QStringLiteral("^(\\d{1,10})(?:\\.(\\d{1,2}))?$"));
    const QRegularExpressionMatch m = money.match(text);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    const qint64 pounds = m.captured(1).toLongLong();
    const QString p = m.captured(2);
    const qint64 pence = p.isEmpty() ? 0 : (p.size() == 1 ? p.toLongLong() * 10 : p.toLongLong());
    return pounds * 100 + pence;
}

int therapyLimit(Invocation& inv)
{
    std::optional<qint64> pence;
    if (inv.isSet(Opt::Amount)) {
        pence = poundsToPence(inv.value(Opt::Amount));
        if (!pence) {
            return usageError(inv.io,
                              QStringLiteral("--amount: \"%1\" is not an amount in pounds (e.g. 3000 or 2500.50).")
                                  .arg(inv.value(Opt::Amount)),
                              commandHelpHint(inv.command));
        }
    }
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    core::CaseService cases(**session);
    core::deadlines::DeadlineService deadlines(**session, cases);
    core::therapy::TherapyService fund(**session, cases, deadlines);
    const QString target = inv.value(Opt::Target).trimmed().toLower();
    if (pence) {
        if (auto set = fund.setAuthorityLimit(target, *pence); !set) {
            return fail(inv.io, set.error());
        }
    }
    auto limit = fund.authorityLimit(target);
    if (!limit) {
        return fail(inv.io, limit.error());
    }
    inv.io.out << QStringLiteral("%1 may approve therapy funding up to %2 (the approved total of a request).")
                      .arg(target, core::therapy::gbp(*limit))
               << Qt::endl;
    return toInt(ExitStatus::Success);
}

int therapyYearStart(Invocation& inv)
{
    bool ok = false;
    const int month = inv.value(Opt::Month).toInt(&ok);
    if (!ok || month < 1 || month > 12) {
        return usageError(inv.io, QStringLiteral("--month: give 1 (January) to 12 (December), e.g. 4 for April."),
                          commandHelpHint(inv.command));
    }
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    core::CaseService cases(**session);
    core::deadlines::DeadlineService deadlines(**session, cases);
    core::therapy::TherapyService fund(**session, cases, deadlines);
    if (auto set = fund.setYearStartMonth(month); !set) {
        return fail(inv.io, set.error());
    }
    inv.io.out << QStringLiteral("The therapy fund's year now starts on 1 %1. Requests already made keep the fund year "
                                 "they were charged to.")
                      .arg(core::deadlines::ukMonth(month))
               << Qt::endl;
    return toInt(ExitStatus::Success);
}

int therapyReport(Invocation& inv)
{
    TherapyReportRequest request;
    if (const QString problem = therapyYearProblem(inv.value(Opt::Year)); !problem.isEmpty()) {
        return usageError(inv.io, problem, commandHelpHint(inv.command));
    }
    request.year = inv.value(Opt::Year).toInt();
    if (inv.isSet(Opt::Csv) && inv.isSet(Opt::Json)) {
        return usageError(inv.io, QStringLiteral("Give --csv FILE or --json, not both."), commandHelpHint(inv.command));
    }
    if (inv.isSet(Opt::Csv)) {
        request.format = TherapyReportFormat::Csv;
        request.csvPath = inv.value(Opt::Csv);
        if (QFile::exists(request.csvPath)) {
            return fail(inv.io, makeError(ErrorCode::AlreadyExists,
                                          QStringLiteral("%1 already exists. Choose a new file name: an export never "
                                                         "overwrites a file.")
                                              .arg(request.csvPath)));
        }
    } else if (inv.isSet(Opt::Json)) {
        request.format = TherapyReportFormat::Json;
    }
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    return runTherapyReport(**session, request, inv.io.out, inv.io.err);
}

int documentSummary(Invocation& inv)
{
    SummaryCommand command;
    command.caseReference = inv.value(Opt::Case);
    const auto profile = core::reports::profileFromId(inv.value(Opt::Profile));
    if (!profile) {
        return usageError(inv.io,
                          QStringLiteral("--profile: \"%1\" is not a profile. Use internal, counsel, client, therapist or "
                                         "insurer.")
                              .arg(inv.value(Opt::Profile)),
                          commandHelpHint(inv.command));
    }
    command.profile = *profile;
    command.overrideReason = inv.value(Opt::OverrideReason);
    command.pdfPath = inv.value(Opt::Pdf);
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    return runSummary(**session, command, inv.io.out, inv.io.err);
}

int documentReport(Invocation& inv)
{
    ReportCommand command;
    command.kind = inv.value(Opt::Kind).trimmed().toLower();
    if (!core::reports::reportKindFromId(command.kind)) {
        return usageError(inv.io,
                          QStringLiteral("--kind: \"%1\" is not a report. Use diary, caseload, limitation-risk or "
                                         "therapy-fund.")
                              .arg(inv.value(Opt::Kind)),
                          commandHelpHint(inv.command));
    }
    for (const auto& [opt, target] : {std::pair {Opt::From, &command.from}, std::pair {Opt::To, &command.to}}) {
        if (inv.isSet(opt)) {
            *target = QDate::fromString(inv.value(opt), Qt::ISODate);
            if (!target->isValid()) {
                return usageError(inv.io,
                                  QStringLiteral("--%1: \"%2\" is not a date that exists (YYYY-MM-DD).")
                                      .arg(optionName(opt).name, inv.value(opt)),
                                  commandHelpHint(inv.command));
            }
        }
    }
    if (command.from.isValid() && command.to.isValid() && command.to < command.from) {
        return usageError(inv.io, QStringLiteral("--to is before --from."), commandHelpHint(inv.command));
    }
    if (inv.isSet(Opt::Pdf) == inv.isSet(Opt::Csv)) {
        return usageError(inv.io, QStringLiteral("Give --pdf FILE or --csv FILE (one of them)."),
                          commandHelpHint(inv.command));
    }
    command.pdfPath = inv.value(Opt::Pdf);
    command.csvPath = inv.value(Opt::Csv);
    command.feeEarner = inv.value(Opt::FeeEarner);
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    return runReport(**session, command, inv.io.out, inv.io.err);
}

int retentionReport(Invocation& inv)
{
    int within = kRetentionDefaultWithinDays;
    if (inv.isSet(Opt::Within)) {
        if (const QString problem = retentionWithinProblem(inv.value(Opt::Within)); !problem.isEmpty()) {
            return usageError(inv.io, problem, commandHelpHint(inv.command));
        }
        within = inv.value(Opt::Within).toInt();
    }
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    return runRetentionReport(**session, within, inv.isSet(Opt::Json), inv.io.out, inv.io.err);
}

int retentionChange(Invocation& inv)
{
    const bool erasure = inv.command.group == QLatin1String("erasure");
    const RetentionAction action = erasure ? (inv.command.name == QLatin1String("request") ? RetentionAction::Request
                                                                                          : RetentionAction::Approve)
                                           : (inv.command.name == QLatin1String("hold") ? RetentionAction::Hold
                                                                                       : RetentionAction::Release);
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    return runRetentionAction(**session, action, inv.value(Opt::Case), inv.value(Opt::Reason), inv.io.out, inv.io.err);
}

int erasureRegister(Invocation& inv)
{
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    return runErasureRegister(**session, inv.value(Opt::Out), inv.io.out, inv.io.err);
}

int erasureReapply(Invocation& inv)
{
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    return runErasureReapply(**session, inv.value(Opt::Input), inv.io.out, inv.io.err);
}

int firmNameCommand(Invocation& inv)
{
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    if (inv.isSet(Opt::Name)) {
        if (auto set = core::reports::setFirmName(**session, inv.value(Opt::Name)); !set) {
            return fail(inv.io, set.error());
        }
    }
    const QString name = core::reports::firmName(**session);
    inv.io.out << (name.isEmpty() ? QStringLiteral("No firm name is set: printed pages carry only the privilege marking. "
                                                   "An admin sets it with --name.")
                                  : QStringLiteral("Printed pages are headed: %1").arg(name))
               << Qt::endl;
    return toInt(ExitStatus::Success);
}

int documentSar(Invocation& inv)
{
    SarCommand command {inv.value(Opt::Case), inv.value(Opt::Out)};
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    return runSar(**session, command, inv.io.out, inv.io.err);
}

int auditVerify(Invocation& inv)
{
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    return runAuditVerify(**session, inv.vaultPath, inv.io.out, inv.io.err);
}

int auditList(Invocation& inv)
{
    AuditListRequest request;
    request.json = inv.isSet(Opt::Json);
    request.filter.caseReference = inv.value(Opt::Case);
    request.filter.action = inv.value(Opt::Action);
    request.filter.username = inv.value(Opt::By);
    for (Opt id : {Opt::Since, Opt::Until}) {
        if (inv.isSet(id)) {
            if (const QString problem = auditDateProblem(optionName(id).name, inv.value(id)); !problem.isEmpty()) {
                return usageError(inv.io, problem, commandHelpHint(inv.command));
            }
        }
    }
    const QDate since = QDate::fromString(inv.value(Opt::Since), Qt::ISODate);
    const QDate until = QDate::fromString(inv.value(Opt::Until), Qt::ISODate);
    if (since.isValid() && until.isValid() && since > until) {
        return usageError(inv.io, QStringLiteral("--since is after --until."), commandHelpHint(inv.command));
    }
    request.filter.setLocalDays(since, until);
    if (inv.isSet(Opt::Limit)) {
        bool ok = false;
        request.limit = inv.value(Opt::Limit).toInt(&ok);
        if (!ok || request.limit < 1 || request.limit > kAuditListMaxLimit) {
            return usageError(inv.io,
                              QStringLiteral("--limit takes a number of entries from 1 to %1.").arg(kAuditListMaxLimit),
                              commandHelpHint(inv.command));
        }
    }
    auto session = signIn(inv);
    if (!session) {
        return fail(inv.io, session.error());
    }
    return runAuditList(**session, request, inv.io.out, inv.io.err);
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
          {Opt::Role, true, QLatin1String("ROLE"), QLatin1String("admin, supervisor, solicitor, paralegal or accounts (therapy payments only).")},
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
        {QLatin1String("policy"),
         QLatin1String(),
         QLatin1String("VAULT --user USER [--max-auto-lock MINUTES]"),
         QLatin1String("Show or set the firm's maximum auto-lock delay (admin sets)."),
         QLatin1String("Prints the longest ClaimDesk may stay unlocked without activity on any computer: each "
                       "person's own\ndelay (File > Preferences, 5 minutes by default) applies only when it is "
                       "shorter. With --max-auto-lock\nan admin sets it (1 to 240 minutes); recorded in the audit "
                       "log with the old and new values. Anyone\nelse is refused (exit 6), and the refusal is "
                       "recorded. ClaimDesk applies a change when it next unlocks."),
         {user,
          {Opt::MaxAutoLock, false, QLatin1String("MINUTES"),
           QLatin1String("The new firm maximum, 1 to 240 minutes (admin).")},
          kBusyTimeout},
         sessionPolicy},
        {QLatin1String("cases"),
         QLatin1String("import"),
         QLatin1String("VAULT --user USER FILE.csv [--dry-run]"),
         QLatin1String("Import cases from a CSV file (all or nothing)."),
         QLatin1String(
             "Reads FILE.csv (UTF-8, a header row, RFC 4180 quoting) with the columns\n"
             "  client_name, preferred_name, former_names, date_of_birth, stage, fee_earner, abuser_names,\n"
             "  institution_names, abuse_types, incident_start, incident_end, incident_precision, region, "
             "account\n"
             "(account may be left out). Lists are separated by semicolons; dates are YYYY-MM-DD, or YYYY-MM "
             "and YYYY\nwhen incident_precision is month or year. The whole file is checked first: any problem "
             "rejects it,\nevery problem is listed as 'line N: column: problem' and nothing is written "
             "(exit status 2).\nOtherwise every row becomes a case in one transaction."),
         {user,
          {Opt::DryRun, false, QLatin1String(), QLatin1String("Only check the file; write nothing.")},
          kBusyTimeout},
         casesImport,
         QLatin1String("FILE.csv")},
        {QLatin1String("cases"),
         QLatin1String("list"),
         QLatin1String("VAULT --user USER [--search TEXT] [--stage STAGE] [--json]"),
         QLatin1String("List the cases you can see."),
         QLatin1String("Prints an aligned table (UK dates), or with --json an array of objects with reference, "
                       "clientName,\nstage, feeEarner, feeEarnerName, nextDeadline (YYYY-MM-DD or null), restricted "
                       "and safeguardingAlert.\nA restricted case you may not open is listed by reference only "
                       "(clientName null)."),
         {user,
          {Opt::Search, false, QLatin1String("TEXT"),
           QLatin1String("Words that start a reference, client name (also former) or party name.")},
          {Opt::Stage, false, QLatin1String("STAGE"), QLatin1String("Only this stage (enquiry, intake, ... closed).")},
          {Opt::Json, false, QLatin1String(), QLatin1String("Print JSON instead of a table.")},
          kBusyTimeout},
         casesList},
        {QLatin1String("cases"),
         QLatin1String("show"),
         QLatin1String("VAULT --user USER --case REF [--json]"),
         QLatin1String("Show a case file (never the account)."),
         QLatin1String("Prints the case: client, safe-contact rules, incidents, parties and tasks. The client's "
                       "account is\nnever printed, only whether one is recorded."),
         {user,
          {Opt::Case, true, QLatin1String("REF"), QLatin1String("The case reference, such as CD-2026-0042.")},
          {Opt::Json, false, QLatin1String(), QLatin1String("Print JSON instead of text.")},
          kBusyTimeout},
         casesShow},
        {QLatin1String("cases"),
         QLatin1String("break-glass"),
         QLatin1String("VAULT --user USER --case REF --reason TEXT"),
         QLatin1String("Open a restricted case in an emergency, saying why."),
         QLatin1String("For a restricted case you are not named on: gives you access to it for 8 hours (then 'cases "
                       "show'\nworks as usual). The reason (at least 10 characters) is recorded in the audit log and "
                       "the case's\nsupervisor (its fee earner when it has none) gets an urgent task saying who opened "
                       "it and why.\nA missing or short reason is refused (exit 2) and the refusal is recorded; admins "
                       "are refused (exit 6)."),
         {user,
          {Opt::Case, true, QLatin1String("REF"), QLatin1String("The case reference, such as CD-2026-0042.")},
          {Opt::Reason, true, QLatin1String("TEXT"),
           QLatin1String("Why you must open it now (at least 10 characters).")},
          kBusyTimeout},
         casesBreakGlass},
        {QLatin1String("cases"),
         QLatin1String("export"),
         QLatin1String("VAULT --user USER --csv FILE"),
         QLatin1String("Export your cases as CSV in the import format."),
         QLatin1String("Writes the cases you may open to FILE in the import format, without accounts, so it can be "
                       "imported\nagain (each case's first incident). Never overwrites a file. Recorded in the audit "
                       "log."),
         {user, {Opt::Csv, true, QLatin1String("FILE"), QLatin1String("Where to write (a new file).")}, kBusyTimeout},
         casesExport},
        {QLatin1String("conflicts"),
         QLatin1String(),
         QLatin1String("VAULT --user USER --name \"NAME\" [--dob YYYY-MM-DD] [--json]"),
         QLatin1String("Check a name against every client, former name, party and alias."),
         QLatin1String("Fuzzy matching (accents, nicknames, St/Saint, sound-alike, typing slips), ranked by score.\n"
                       "Matches in a restricted case you may not open show no name or reference. The check is "
                       "recorded.\nWith --json: an array of objects with name, kind (client, former-name, party, "
                       "alias), role,\ncaseReference (null when restricted), restricted, score (0 to 1) and reasons."),
         {user,
          {Opt::Name, true, QLatin1String("\"NAME\""), QLatin1String("The name to check.")},
          {Opt::Dob, false, QLatin1String("YYYY-MM-DD"), QLatin1String("Their date of birth, if known.")},
          {Opt::Json, false, QLatin1String(), QLatin1String("Print JSON instead of a table.")},
          kBusyTimeout},
         conflictsCheck},
        {QLatin1String("demo"),
         QLatin1String(),
         QLatin1String("VAULT --cases N [--seed S]"),
         QLatin1String("Create a demo vault full of fictional cases (no passphrase asked)."),
         QLatin1String("Creates VAULT (never over an existing file) with the users demo-admin, demo-supervisor,\n"
                       "demo-solicitor and demo-paralegal, all with the passphrase demo-passphrase, and N fictional "
                       "cases.\nThe same seed always gives the same cases. Never put real client data in it."),
         {{Opt::Cases, true, QLatin1String("N"), QLatin1String("How many fictional cases (0 to 1000000).")},
          {Opt::Seed, false, QLatin1String("S"), QLatin1String("Seed for the fictional data (default 1).")},
          kKdfProfile},
         demoCreate},
        {QLatin1String("diary"),
         QLatin1String(),
         QLatin1String("VAULT --user USER [--days N] [--json | --ics FILE]"),
         QLatin1String("The deadline diary: open deadlines and limitation reminders."),
         QLatin1String("Lists the open deadlines of your cases (a supervisor: every case) due within N days (default "
                       "30),\nwith everything overdue, and the limitation reminders that wait for acknowledgment. "
                       "Cases are\nnamed by reference only. With --ics FILE: writes an RFC 5545 calendar (a new file) "
                       "with the case\nreference and deadline title only, and records the export in the audit log."),
         {user,
          {Opt::Days, false, QLatin1String("N"), QLatin1String("How many days ahead (default 30).")},
          {Opt::Json, false, QLatin1String(), QLatin1String("Print JSON instead of a table.")},
          {Opt::Ics, false, QLatin1String("FILE"), QLatin1String("Write a calendar file for Outlook or Google Calendar.")},
          kBusyTimeout},
         diaryList},
        {QLatin1String("closures"),
         QLatin1String("list"),
         QLatin1String("VAULT --user USER"),
         QLatin1String("List the court closure days the firm added."),
         QLatin1String("Prints one line per closure day: date TAB name. Closure days are not open days for any "
                       "deadline."),
         {user, kBusyTimeout},
         closuresList},
        {QLatin1String("closures"),
         QLatin1String("add"),
         QLatin1String("VAULT --user USER --date YYYY-MM-DD --name \"NAME\""),
         QLatin1String("Add a court closure day (admin or supervisor)."),
         QLatin1String("Adds a day on which the court office is closed (a closure notice). Safe dates move to the "
                       "open day\nbefore it; every case's deadlines are recomputed before the next list or diary. "
                       "Recorded in the\naudit log."),
         {user,
          {Opt::Date, true, QLatin1String("YYYY-MM-DD"), QLatin1String("The closure day.")},
          {Opt::Name, true, QLatin1String("\"NAME\""), QLatin1String("What the closure is.")},
          kBusyTimeout},
         closuresChange},
        {QLatin1String("closures"),
         QLatin1String("remove"),
         QLatin1String("VAULT --user USER --date YYYY-MM-DD"),
         QLatin1String("Remove a court closure day (admin or supervisor)."),
         QLatin1String("Removes a closure day added by mistake; every case's deadlines are recomputed before the "
                       "next list\nor diary. Recorded in the audit log."),
         {user, {Opt::Date, true, QLatin1String("YYYY-MM-DD"), QLatin1String("The closure day.")}, kBusyTimeout},
         closuresChange},
        {QLatin1String("therapy"),
         QLatin1String("report"),
         QLatin1String("VAULT --user USER --year YYYY [--csv FILE | --json]"),
         QLatin1String("The therapy fund's year: budget and every request (supervisor)."),
         QLatin1String("Prints the fund year that starts in YYYY (2026: 2026/27 with an April start): allocated, "
                       "committed,\npaid and remaining (allocated - committed - paid = remaining, exactly), then one "
                       "row per request\nwith its case, provider, status, approved sessions, cap, invoiced, paid, "
                       "recovered and written off,\nand the totals. With --json: {\"year\", \"yearLabel\", "
                       "\"budget\", \"requests\", \"totals\"}, money in integer pence\nand the status as its id "
                       "(awaiting-approval). With --csv FILE: the same columns in a new UTF-8 file\n(pence, a totals "
                       "row, cells a spreadsheet could run as formulas prefixed with '). Supervisors only;\nrecorded "
                       "in the audit log."),
         {user,
          {Opt::Year, true, QLatin1String("YYYY"), QLatin1String("The year the fund year starts in.")},
          {Opt::Csv, false, QLatin1String("FILE"), QLatin1String("Write CSV to FILE (a new file).")},
          {Opt::Json, false, QLatin1String(), QLatin1String("Print JSON instead of a table.")},
          kBusyTimeout},
         therapyReport},
        {QLatin1String("therapy"),
         QLatin1String("limit"),
         QLatin1String("VAULT --user USER --target USERNAME [--amount POUNDS]"),
         QLatin1String("Show or set a supervisor's therapy approval limit (admin sets)."),
         QLatin1String("Prints how much USERNAME may approve: the approved total of one request, extensions "
                       "included\n(the firm default is 3000 until an admin sets one). With --amount an admin sets it; "
                       "recorded in\nthe audit log with the old and new amounts."),
         {user,
          {Opt::Target, true, QLatin1String("USERNAME"), QLatin1String("Whose limit.")},
          {Opt::Amount, false, QLatin1String("POUNDS"), QLatin1String("The new limit in pounds (admin).")},
          kBusyTimeout},
         therapyLimit},
        {QLatin1String("therapy"),
         QLatin1String("year-start"),
         QLatin1String("VAULT --user USER --month N"),
         QLatin1String("Set the month the therapy fund's year starts (admin; default 4, April)."),
         QLatin1String("Fund years are named by the calendar year they start in. Requests keep the fund year they were "
                       "charged to.\nRecorded in the audit log."),
         {user, {Opt::Month, true, QLatin1String("N"), QLatin1String("1 (January) to 12 (December).")}, kBusyTimeout},
         therapyYearStart},
        {QLatin1String("summary"),
         QLatin1String(),
         QLatin1String("VAULT --user USER --case REF --profile PROFILE --pdf FILE [--override-reason TEXT]"),
         QLatin1String("Print a case summary to PDF in a redaction profile."),
         QLatin1String("Writes the case summary of REF as an A4 PDF (a new file) with the privilege marking, the "
                       "profile's\nwatermark and 'Printed by … · Profile · Page N of M' on every page. PROFILE is one "
                       "of:\n  internal   everything, for the case team (never sent out)\n  counsel    no account, "
                       "contact, safe-contact or safeguarding detail, no sensitive notes\n  client     the client's "
                       "copy; refused (exit 6) when the client's safe-contact rules forbid post,\n             unless a "
                       "supervisor gives --override-reason\n  therapist  identity, communication needs, safeguarding "
                       "status and therapy only\n  insurer    the client anonymised; parties and incidents only\n"
                       "docs/REDACTION-PROFILES.md lists exactly what each includes. Recorded in the audit log before "
                       "the\nfile is written."),
         {user,
          {Opt::Case, true, QLatin1String("REF"), QLatin1String("The case reference.")},
          {Opt::Profile, true, QLatin1String("PROFILE"),
           QLatin1String("internal, counsel, client, therapist or insurer.")},
          {Opt::Pdf, true, QLatin1String("FILE"), QLatin1String("The PDF to write (a new file).")},
          {Opt::OverrideReason, false, QLatin1String("TEXT"),
           QLatin1String("A supervisor's reason to print a client copy the safe-contact rules refuse.")},
          kBusyTimeout},
         documentSummary},
        {QLatin1String("report"),
         QLatin1String(),
         QLatin1String("VAULT --user USER --kind KIND [--from DATE --to DATE] [--fee-earner USER] (--pdf FILE | --csv FILE)"),
         QLatin1String("A firm report as PDF or CSV: diary, caseload, limitation-risk, therapy-fund."),
         QLatin1String("KIND is one of:\n  diary            open deadlines and reminders from --from to --to (default "
                       "the next 4 weeks) and\n                   everything overdue; your own, or with --fee-earner "
                       "one person's, or the team's\n                   (supervisors)\n  caseload         open cases "
                       "by stage and fee earner (supervisors)\n  limitation-risk  cases within 6 months of "
                       "limitation, unverified or missing\n  therapy-fund     the fund year containing --from "
                       "(default this one; supervisors)\nThe PDF has the privilege marking, header and footer; the CSV "
                       "is UTF-8 with a byte order mark,\nISO 8601 dates, and cells a spreadsheet could run as "
                       "formulas prefixed with '. Case references\nonly, never client names. Recorded in the audit "
                       "log."),
         {user,
          {Opt::Kind, true, QLatin1String("KIND"), QLatin1String("diary, caseload, limitation-risk or therapy-fund.")},
          {Opt::From, false, QLatin1String("DATE"), QLatin1String("First day (YYYY-MM-DD).")},
          {Opt::To, false, QLatin1String("DATE"), QLatin1String("Last day (YYYY-MM-DD).")},
          {Opt::FeeEarner, false, QLatin1String("USER"), QLatin1String("The diary of one fee earner.")},
          {Opt::Pdf, false, QLatin1String("FILE"), QLatin1String("Write a PDF (a new file).")},
          {Opt::Csv, false, QLatin1String("FILE"), QLatin1String("Write CSV (a new file).")},
          kBusyTimeout},
         documentReport},
        {QLatin1String("firm"),
         QLatin1String(),
         QLatin1String("VAULT --user USER [--name \"NAME\"]"),
         QLatin1String("Show or set the firm's name printed at the top of every page (admin sets)."),
         QLatin1String("Prints the firm's name as it heads every printed summary, report and bundle. With --name an "
                       "admin\nsets it (1 to 120 characters); recorded in the audit log with the old and new name."),
         {user, {Opt::Name, false, QLatin1String("\"NAME\""), QLatin1String("The new name (admin).")}, kBusyTimeout},
         firmNameCommand},
        {QLatin1String("sar"),
         QLatin1String(),
         QLatin1String("VAULT --user USER --case REF --out DIR"),
         QLatin1String("Subject access bundle for a case's client: PDF and JSON (supervisor)."),
         QLatin1String("Writes DIR/REF-subject-access.pdf (for the client) and DIR/REF-subject-access.json "
                       "(machine-readable):\nevery piece of personal data the vault holds about the client of REF, "
                       "across all their cases.\nPrivileged material (file notes, tasks, deadlines, events, "
                       "limitation sign-offs) and other people's\ndata are listed as withheld with the reason, never "
                       "included. DIR is created if needed; existing\nfiles are never overwritten. Supervisors only; "
                       "recorded in the audit log."),
         {user,
          {Opt::Case, true, QLatin1String("REF"), QLatin1String("A case of the client.")},
          {Opt::Out, true, QLatin1String("DIR"), QLatin1String("The folder to write the two files into.")},
          kBusyTimeout},
         documentSar},
        {QLatin1String("retention"),
         QLatin1String("report"),
         QLatin1String("VAULT --user USER [--within DAYS] [--json]"),
         QLatin1String("Closed cases due for destroy review, with legal holds and erasure requests (supervisor)."),
         QLatin1String("Lists closed cases whose destroy-review date (DOMAIN.md section 8: the later of closure + 7 years "
                       "and the\nclient's 18th birthday + 7 years; the firm may set longer) is on or before today + DAYS "
                       "(default 90),\ncases for a manual review (capacity concern, CICA claim, no date of birth or no "
                       "closing date), and every\ncase with an erasure request, with its legal hold. Cases are named by "
                       "reference only. With --json: an\narray of {\"reference\", \"closedOn\", \"reviewOn\", "
                       "\"basis\", \"due\", \"manualReasons\", \"listFrom\", \"onHold\",\n\"holdReason\", "
                       "\"holdBy\", \"holdAt\", \"erasureRequested\", \"requestedBy\", \"requestedAt\", "
                       "\"approvableFrom\", \"restricted\"}\n(dates YYYY-MM-DD, times ISO 8601 UTC, null when absent). "
                       "Supervisors only; recorded in the audit log."),
         {user,
          {Opt::Within, false, QLatin1String("DAYS"), QLatin1String("Look this many days ahead, 0 to 3650 (default 90).")},
          {Opt::Json, false, QLatin1String(), QLatin1String("Print JSON instead of a table.")},
          kBusyTimeout},
         retentionReport},
        {QLatin1String("retention"),
         QLatin1String("hold"),
         QLatin1String("VAULT --user USER --case REF --reason TEXT"),
         QLatin1String("Put a case on legal hold: it cannot be erased (supervisor)."),
         QLatin1String("Places a legal hold on REF (a claim against the firm, a complaint, an insurer's request...). "
                       "While it\nlasts the case cannot be asked for or approved for erasure. The reason (10 characters "
                       "or more, never the\nclient's name: it stays in the audit log) is recorded. Supervisors only."),
         {user,
          {Opt::Case, true, QLatin1String("REF"), QLatin1String("The case reference, such as CD-2019-0042.")},
          {Opt::Reason, true, QLatin1String("TEXT"), QLatin1String("Why the case is held.")},
          kBusyTimeout},
         retentionChange},
        {QLatin1String("retention"),
         QLatin1String("release"),
         QLatin1String("VAULT --user USER --case REF --reason TEXT"),
         QLatin1String("Lift a case's legal hold (supervisor)."),
         QLatin1String("Lifts the legal hold on REF, with the reason (10 characters or more, never the client's name). "
                       "Recorded in\nthe audit log with who placed the hold and when. Supervisors only."),
         {user,
          {Opt::Case, true, QLatin1String("REF"), QLatin1String("The case reference.")},
          {Opt::Reason, true, QLatin1String("TEXT"), QLatin1String("Why the hold ends.")},
          kBusyTimeout},
         retentionChange},
        {QLatin1String("erasure"),
         QLatin1String("request"),
         QLatin1String("VAULT --user USER --case REF --reason TEXT"),
         QLatin1String("Ask for a closed case to be erased; another supervisor approves after 24 hours."),
         QLatin1String("The first half of a two-person erasure. REF must be closed (with a closing date) and not on "
                       "legal hold.\nThe reason (10 characters or more, never the client's name: it stays in the audit "
                       "log) is recorded.\nA different supervisor approves it with 'erasure approve' no earlier than 24 "
                       "hours later. Supervisors only."),
         {user,
          {Opt::Case, true, QLatin1String("REF"), QLatin1String("The case reference.")},
          {Opt::Reason, true, QLatin1String("TEXT"), QLatin1String("Why the case is to be erased.")},
          kBusyTimeout},
         retentionChange},
        {QLatin1String("erasure"),
         QLatin1String("approve"),
         QLatin1String("VAULT --user USER --case REF"),
         QLatin1String("Erase a case another supervisor asked for at least 24 hours ago."),
         QLatin1String("Deletes every row about REF (client unless they have another case, incidents, notes, tasks, "
                       "parties no\nother case uses, events, deadlines, limitation sign-offs, therapy records, conflict "
                       "checks, search entry)\nwith SQLCipher's secure delete, then rewrites the vault file (VACUUM). A "
                       "tombstone remains: the reference,\nthe dates, who asked and who approved, and hashes of the "
                       "client's names so a conflict check says\n\"erased case REF - ask a supervisor\". The audit log "
                       "keeps the event. Refused for the supervisor who asked\n(exit 6), before 24 hours have passed, "
                       "or while the case is on legal hold or open (exit 2). Exit 5 when\nthe case was erased but "
                       "another program had the vault open so the file could not be rewritten: run\nthe same command "
                       "again when it is free. Backups made before the erasure still hold the case: see 'erasure\nregister' "
                       "and 'erasure reapply'."),
         {user, {Opt::Case, true, QLatin1String("REF"), QLatin1String("The case reference.")}, kBusyTimeout},
         retentionChange},
        {QLatin1String("erasure"),
         QLatin1String("register"),
         QLatin1String("VAULT --user USER --out FILE"),
         QLatin1String("Write the list of erased cases, to re-apply to a vault restored from an older backup."),
         QLatin1String("Backups made before an erasure still hold the case. This writes every erased case's reference, "
                       "dates and\nwho asked and approved (no client data) to a new FILE, tagged with a key derived "
                       "from the vault key,\nso only this vault and its backups accept it. Keep it with the backups. "
                       "Supervisors only; recorded\nin the audit log."),
         {user, {Opt::Out, true, QLatin1String("FILE"), QLatin1String("The new file to write (never overwritten).")},
          kBusyTimeout},
         erasureRegister},
        {QLatin1String("erasure"),
         QLatin1String("reapply"),
         QLatin1String("VAULT --user USER --input FILE"),
         QLatin1String("Erase again, in a restored vault, the cases an erasure register lists."),
         QLatin1String("For a vault restored from a backup made before some erasures: every case in the register "
                       "(from 'erasure\nregister' on the live vault) that this vault still holds is erased as "
                       "'erasure approve' does, with\nthe original tombstone, and recorded as erasure.reapply. A "
                       "register that was edited, or comes from\na vault with another key, is refused (exit 2) and "
                       "nothing changes. Supervisors only."),
         {user, {Opt::Input, true, QLatin1String("FILE"), QLatin1String("The erasure register.")}, kBusyTimeout},
         erasureReapply},
        {QLatin1String("audit"),
         QLatin1String("verify"),
         QLatin1String("VAULT --user USER"),
         QLatin1String("Check the audit log's hash chain and name the first broken link."),
         QLatin1String("Checks every entry of the audit log: each entry's hash covers its content and the entry before "
                       "it, so an\nedited, deleted or reordered entry breaks the chain. Prints the number of entries "
                       "and the result; when\nthe chain is broken, names the first broken entry and exits with 4. Any "
                       "user may run it (it shows no\nentry's content). 'vault check' runs the same check, and checks the "
                       "database and the key file too."),
         {user, kBusyTimeout},
         auditVerify},
        {QLatin1String("audit"),
         QLatin1String("list"),
         QLatin1String("VAULT --user USER [--case REF] [--action A] [--by USER] [--since DATE] [--until DATE] "
                       "[--limit N] [--json]"),
         QLatin1String("List audit entries, newest first (supervisor or admin)."),
         QLatin1String("Prints the newest matching audit entries first, at most N (default 200; a note on standard "
                       "error says\nwhen older ones match too). Text: one line per entry: entry number, local time "
                       "(dd/MM/yyyy HH:mm:ss),\nuser, action, entity, entity id and a short summary. --json: an array "
                       "of {\"id\", \"at\" (ISO 8601 UTC),\n\"user\", \"action\", \"entity\", \"entityId\", "
                       "\"summary\" (an object), \"hash\"}, one entry per line.\n--action A matches A and every "
                       "action below it at a dot: 'therapy' matches therapy.invoice.add,\n'case.create' matches only "
                       "case.create. --since and --until are days in this computer's time zone,\nboth included. Only "
                       "supervisors and admins may read the log (anyone else: exit 6, and the refusal is\nrecorded). "
                       "Listing is not recorded in the audit log; the GUI's CSV export is."),
         {user,
          {Opt::Case, false, QLatin1String("REF"), QLatin1String("Only entries about this case (e.g. BBK-2026-0042).")},
          {Opt::Action, false, QLatin1String("A"),
           QLatin1String("Only this action and those below it (case.create, therapy).")},
          {Opt::By, false, QLatin1String("USER"), QLatin1String("Only entries written by this user.")},
          {Opt::Since, false, QLatin1String("YYYY-MM-DD"), QLatin1String("Only entries on or after this local day.")},
          {Opt::Until, false, QLatin1String("YYYY-MM-DD"), QLatin1String("Only entries on or before this local day.")},
          {Opt::Limit, false, QLatin1String("N"), QLatin1String("At most N entries (1 to 1000000, default 200).")},
          {Opt::Json, false, QLatin1String(), QLatin1String("Print JSON instead of text.")},
          kBusyTimeout},
         auditList},
        {QLatin1String("holidays"),
         QLatin1String(),
         QLatin1String("--region REGION --year YYYY [--json]"),
         QLatin1String("List a region's bank holidays for a year (no vault needed)."),
         QLatin1String("Prints the bank holidays that count as non-business days: the standing rules, substitute days "
                       "and\nthe one-off changes of the built-in table. Text: one line per holiday, date TAB name. "
                       "JSON: an array\nof {\"date\", \"name\"}."),
         {{Opt::Region, true, QLatin1String("REGION"), QLatin1String("england-wales, scotland or northern-ireland.")},
          {Opt::Year, true, QLatin1String("YYYY"), QLatin1String("The year.")},
          {Opt::Json, false, QLatin1String(), QLatin1String("Print JSON instead of text.")}},
         holidaysList,
         {},
         true},
        {QLatin1String("deadlines"),
         QLatin1String(),
         QLatin1String("[--input FILE] [--text]"),
         QLatin1String("Compute limitation and procedural deadlines from JSON facts (no vault needed)."),
         QLatin1String("Reads the facts as JSON from FILE or standard input and prints every limitation date and "
                       "deadline\nwith its strict, safe and roll-forward dates and a numbered explanation, as JSON "
                       "(or text with\n--text). Invalid input exits 2 with one line per problem naming the field. The "
                       "format is\ndescribed in ENGINE-CLI.md; it is a stable contract."),
         {{Opt::Input, false, QLatin1String("FILE"), QLatin1String("Read the facts from FILE (default: standard input).")},
          {Opt::Text, false, QLatin1String(), QLatin1String("Print text for people instead of JSON.")}},
         deadlinesCompute,
         {},
         true},
    };
    return list;
}

// ---------------------------------------------------------------------------------------------------------
// Help texts

constexpr QLatin1String kPassphraseNote(
    "Passphrases are read from the terminal without echo, or one per line from standard input when it is\n"
    "not a terminal; never from arguments or environment variables.");

constexpr QLatin1String
    kExitStatuses("Exit status: 0 success; 1 other failure; 2 usage or invalid input (also a rejected import);\n"
                  "3 wrong passphrase or unknown user; 4 vault damaged or tampered; 5 vault busy; 6 permission denied\n"
                  "(or a one-time passphrase to change first).");

QString programHelp(const QString& onlyGroup = {})
{
    QString text = QStringLiteral("Usage: ") + kProgram + QStringLiteral(" COMMAND VAULT --user USER [options]\n\n")
        + QStringLiteral("ClaimDesk's command-line tool: vault and user administration, cases, conflict checks, the "
                         "therapy fund,\nretention and erasure, the audit log, a demo vault, and the deadline engine (holidays, deadlines) which needs no "
                         "vault.\n\nCommands:\n");
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
    if (command.vaultless && !positional.isEmpty()) {
        return usageError(io, QStringLiteral("Unexpected argument '%1'.").arg(positional.first()), commandHelpHint(command));
    }
    if (positional.isEmpty() && !command.vaultless) {
        return usageError(io, QStringLiteral("Give the vault file."), commandHelpHint(command));
    }
    const qsizetype expected = command.vaultless ? 0 : command.operand.isEmpty() ? 1 : 2;
    if (positional.size() < expected) {
        return usageError(io, QStringLiteral("Give the %1 after the vault file.").arg(command.operand),
                          commandHelpHint(command));
    }
    if (positional.size() > expected) {
        return usageError(io,
                          QStringLiteral("Unexpected argument '%1'. Passphrases are never taken from arguments: they "
                                         "are read from the terminal or standard input.")
                              .arg(positional.at(expected)),
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

    Invocation inv {io, command, parser, positional.value(0), {}, positional.value(1)};
    if (inv.isSet(Opt::BusyTimeout)) {
        bool ok = false;
        const int ms = inv.value(Opt::BusyTimeout).toInt(&ok);
        if (!ok || ms < 0) {
            return usageError(io, QStringLiteral("--busy-timeout takes a number of milliseconds (0 or more)."),
                              commandHelpHint(command));
        }
        inv.options.busyTimeoutMs = ms;
    }
    if (command.handler == demoCreate) {
        inv.options.kdf = core::KdfProfile::interactive();  // the demo holds nothing real (as in the GUI)
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
    const auto oneWord
        = std::find_if(all.begin(), all.end(), [&](const Command& c) { return c.group == group && c.name.isEmpty(); });
    if (oneWord != all.end()) {
        return runCommand(*oneWord, args.mid(1), io);
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
