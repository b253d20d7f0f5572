// claimdesk-bench: what the encrypted vault costs, in one run on this machine.
//
//   claimdesk-bench [--rows N] [--dir PATH]
//   claimdesk-bench --cases [N] [--dir PATH]     (the cases mode: see CasesBenchmark.cpp; N defaults to 100000)
//   claimdesk-bench --reports [N] [--dir PATH]   (the firm reports: see ReportsBenchmark.cpp; N defaults to 200)
//
// Prints one JSON object:
//   - unlock: Vault::create and Vault::unlock with the default (MODERATE) Argon2id profile, split into the KDF
//     (crypto::deriveKey timed on its own) and the open part (Vault::unlock of a minimum-cost key slot, less its
//     KDF: keyring, SQLCipher keying, first read, audit entry), plus Vault::openDatabase timed alone;
//   - bulk insert of N synthetic case-like rows (~770 bytes of text each) in one transaction with one prepared
//     statement, a full read (SELECT *, summing lengths) and a LIKE scan, on an encrypted database opened with
//     Vault::openDatabase (its page size and cache) and on an unkeyed one opened with sql::Connection::open and
//     the same cache settings: the same code, so the ratio is the price of encryption;
//   - peak RSS (getrusage ru_maxrss), after the database phase and overall (Argon2id MODERATE takes 256 MiB).
// Reads and scans start on a fresh connection (cold SQLite cache, warm OS cache), so decryption is measured;
// readAllWarm repeats the read on the same connection (pages from SQLite's 128 MiB cache).

#include "CasesBenchmark.h"
#include "DeadlinesBenchmark.h"
#include "ReportsBenchmark.h"

#include "store/Crypto.h"
#include "store/KdfProfile.h"
#include "store/Keyring.h"
#include "store/SecureBytes.h"
#include "store/Sqlite.h"
#include "store/Vault.h"

#include <sqlcipher/sqlite3.h>

#include <QCoreApplication>
#include <QGuiApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace claimdesk;
using core::sql::Connection;

constexpr int kUnlockRuns = 5;
constexpr int kReadRuns = 3;  // reads and scans: the median of this many

[[noreturn]] void fatal(const QString& message)
{
    std::fprintf(stderr, "claimdesk-bench: %s\n", message.toUtf8().constData());
    std::exit(1);
}

template <typename T> T require(core::Result<T> result, const char* doing)
{
    if (!result) {
        fatal(QStringLiteral("%1 failed: %2").arg(QString::fromLatin1(doing), result.error().message));
    }
    return std::move(result).value();
}

void require(core::Result<void> result, const char* doing)
{
    if (!result) {
        fatal(QStringLiteral("%1 failed: %2").arg(QString::fromLatin1(doing), result.error().message));
    }
}

double seconds(const QElapsedTimer& timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / 1e9;
}

double rounded(double value, int decimals = 4)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

double peakRssMiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double fileMiB(const QString& path)
{
    return static_cast<double>(QFileInfo(path).size()) / (1024.0 * 1024.0);
}

// ---------------------------------------------------------------------------------------------------------
// Synthetic case-like rows, deterministic. Narratives come from a pool so generating a row costs next to
// nothing next to the database work; about 1 % of them name "Fairbairn", the LIKE scan's target.

class RowGenerator {
public:
    static constexpr int kColumns = 8;

    RowGenerator()
    {
        static const std::array<const char*, 48> words {
            "the",       "claimant", "reports",    "that",    "during",     "placement", "at",         "home",
            "staff",     "member",   "repeatedly", "and",     "was",        "not",       "believed",   "when",
            "disclosed", "to",       "a",          "teacher", "records",    "show",      "council",    "social",
            "worker",    "visited",  "twice",      "without", "recording",  "concerns",  "therapy",    "funded",
            "sessions",  "since",    "with",       "impact",  "on",         "education", "employment", "and",
            "family",    "life",     "limitation", "issues",  "discretion", "section",   "33",         "applies"};
        std::uint64_t state = 0x9E3779B97F4A7C15ULL;
        m_narratives.reserve(kPool);
        for (int i = 0; i < kPool; ++i) {
            std::string text;
            text.reserve(640);
            if (i % 97 == 0) {
                text += "Mr Fairbairn, the house parent named in the statement, ";
            }
            while (text.size() < 565) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text += words[state % words.size()];
                text += (state >> 32) % 11 == 0 ? ". " : " ";
            }
            text += "Instructions to be confirmed at the next review.";
            m_narratives.push_back(std::move(text));
        }
    }

    // Fills `columns` for row i (pointers stay valid until the next call).
    void row(qint64 i, std::array<std::string, kColumns>& columns) const
    {
        static const std::array<const char*, 8> first {"Margaret", "David", "Siobhan", "Kwame",
                                                       "Eleanor",  "Rhys",  "Priya",   "Callum"};
        static const std::array<const char*, 8> last {"Whitaker",  "O'Connell",  "Abernethy", "Mensah",
                                                      "Llewellyn", "Hargreaves", "Chaudhry",  "MacAllister"};
        static const std::array<const char*, 5> defendants {
            "St Aidan's Residential School Trust", "Northfield Metropolitan Borough Council",
            "The Diocese of Westbury (Trustees)", "Brackenridge Children's Homes Ltd",
            "Ministry of Defence (Cadet Forces)"};
        static const std::array<const char*, 4> statuses {"intake", "investigation", "litigation", "settled"};
        const auto n = static_cast<std::size_t>(i);
        char reference[32];
        std::snprintf(reference, sizeof reference, "CD-%04d-%06lld", 2015 + static_cast<int>(n % 10),
                      static_cast<long long>(i));
        char opened[16];
        std::snprintf(opened, sizeof opened, "20%02d-%02d-%02d", 15 + static_cast<int>(n % 10),
                      1 + static_cast<int>(n % 12), 1 + static_cast<int>(n % 28));
        columns[0] = reference;
        columns[1] = std::string(first[n % first.size()]) + " " + first[(n / 8) % first.size()] + " "
            + last[(n / 3) % last.size()];
        columns[2] = defendants[n % defendants.size()];
        columns[3] = std::string(first[(n / 5) % first.size()]) + " " + last[(n / 7) % last.size()] + " (supervising)";
        columns[4] = statuses[n % statuses.size()];
        columns[5] = opened;
        columns[6] = "High Court, King's Bench Division";
        columns[7] = m_narratives[n % m_narratives.size()];
    }

private:
    static constexpr int kPool = 1009;
    std::vector<std::string> m_narratives;
};

// ---------------------------------------------------------------------------------------------------------
// The database work, identical for the encrypted and the plain database.

using Statement = std::unique_ptr<sqlite3_stmt, core::sql::StatementFinalizer>;

Statement prepare(Connection& db, const char* sql)
{
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db.handle(), sql, -1, &raw, nullptr) != SQLITE_OK) {
        sqlite3_finalize(raw);
        fatal(QStringLiteral("preparing '%1': %2")
                  .arg(QString::fromUtf8(sql), QString::fromUtf8(sqlite3_errmsg(db.handle()))));
    }
    return Statement(raw);
}

struct InsertResult {
    double seconds = 0;
    qint64 textBytes = 0;
};

InsertResult insertRows(Connection& db, const RowGenerator& generator, qint64 rows)
{
    require(
        db.exec(
            "CREATE TABLE cases (id INTEGER PRIMARY KEY, reference TEXT NOT NULL UNIQUE, client_name TEXT NOT NULL, "
            "defendant TEXT NOT NULL, fee_earner TEXT NOT NULL, status TEXT NOT NULL, opened_on TEXT NOT NULL, "
            "court TEXT NOT NULL, narrative TEXT NOT NULL)"),
        "creating the table");
    InsertResult result;
    std::array<std::string, RowGenerator::kColumns> columns;
    QElapsedTimer timer;
    timer.start();
    require(db.exec("BEGIN IMMEDIATE"), "BEGIN");
    Statement insert
        = prepare(db,
                  "INSERT INTO cases (reference, client_name, defendant, fee_earner, status, opened_on, court, "
                  "narrative) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (qint64 i = 0; i < rows; ++i) {
        generator.row(i, columns);
        for (int c = 0; c < RowGenerator::kColumns; ++c) {
            sqlite3_bind_text(insert.get(), c + 1, columns[c].data(), static_cast<int>(columns[c].size()),
                              SQLITE_STATIC);
            result.textBytes += static_cast<qint64>(columns[c].size());
        }
        if (sqlite3_step(insert.get()) != SQLITE_DONE) {
            fatal(QStringLiteral("inserting row %1: %2").arg(i).arg(QString::fromUtf8(sqlite3_errmsg(db.handle()))));
        }
        sqlite3_reset(insert.get());
    }
    insert.reset();
    require(db.exec("COMMIT"), "COMMIT");
    result.seconds = seconds(timer);
    return result;
}

struct ReadResult {
    double seconds = 0;
    qint64 rows = 0;
    qint64 bytes = 0;
};

ReadResult readAll(Connection& db)
{
    ReadResult result;
    QElapsedTimer timer;
    timer.start();
    Statement select = prepare(db, "SELECT * FROM cases");
    const int columns = sqlite3_column_count(select.get());
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
        ++result.rows;
        for (int c = 0; c < columns; ++c) {
            (void)sqlite3_column_text(select.get(), c);
            result.bytes += sqlite3_column_bytes(select.get(), c);
        }
    }
    if (rc != SQLITE_DONE) {
        fatal(QStringLiteral("reading: %1").arg(QString::fromUtf8(sqlite3_errmsg(db.handle()))));
    }
    result.seconds = seconds(timer);
    return result;
}

ReadResult likeScan(Connection& db)
{
    ReadResult result;
    QElapsedTimer timer;
    timer.start();
    Statement scan = prepare(db, "SELECT count(*) FROM cases WHERE narrative LIKE '%fairbairn%'");
    if (sqlite3_step(scan.get()) != SQLITE_ROW) {
        fatal(QStringLiteral("LIKE scan: %1").arg(QString::fromUtf8(sqlite3_errmsg(db.handle()))));
    }
    result.rows = sqlite3_column_int64(scan.get(), 0);
    result.seconds = seconds(timer);
    return result;
}

struct DbRun {
    InsertResult insert;
    ReadResult read;
    ReadResult readWarm;
    ReadResult like;
    double fileMiB = 0;
};

ReadResult medianOf(std::vector<ReadResult> runs)
{
    std::sort(runs.begin(), runs.end(), [](const ReadResult& a, const ReadResult& b) { return a.seconds < b.seconds; });
    return runs[runs.size() / 2];
}

DbRun runDatabase(const std::function<Connection(bool create)>& open, const QString& path,
                  const RowGenerator& generator, qint64 rows)
{
    DbRun run;
    {
        Connection db = open(true);
        run.insert = insertRows(db, generator, rows);
    }
    std::vector<ReadResult> reads;
    std::vector<ReadResult> warmReads;
    std::vector<ReadResult> scans;
    for (int i = 0; i < kReadRuns; ++i) {
        {
            Connection db = open(false);  // cold SQLite cache: every page is read (and decrypted) again
            reads.push_back(readAll(db));
            warmReads.push_back(readAll(db));  // the same connection again: pages come from SQLite's cache
        }
        Connection db = open(false);
        scans.push_back(likeScan(db));
    }
    run.read = medianOf(reads);
    run.readWarm = medianOf(warmReads);
    run.like = medianOf(scans);
    run.fileMiB = fileMiB(path);
    return run;
}

QJsonObject toJson(const DbRun& run)
{
    return QJsonObject {{QStringLiteral("insertSeconds"), rounded(run.insert.seconds)},
                        {QStringLiteral("readAllSeconds"), rounded(run.read.seconds)},
                        {QStringLiteral("readAllRows"), run.read.rows},
                        {QStringLiteral("readAllBytes"), run.read.bytes},
                        {QStringLiteral("readAllWarmSeconds"), rounded(run.readWarm.seconds)},
                        {QStringLiteral("likeScanSeconds"), rounded(run.like.seconds)},
                        {QStringLiteral("likeScanMatches"), run.like.rows},
                        {QStringLiteral("fileMiB"), rounded(run.fileMiB, 1)}};
}

void usage(int status)
{
    std::fprintf(status == 0 ? stdout : stderr,
                 "Usage: claimdesk-bench [--rows N] [--dir PATH]\n"
                 "       claimdesk-bench --cases [N] [--dir PATH]\n"
                 "       claimdesk-bench --deadlines [N] [--dir PATH]\n"
                 "       claimdesk-bench --reports [N] [--dir PATH]\n"
                 "  --rows N     rows to insert and read (default 100000)\n"
                 "  --cases [N]  instead: a demo vault of N fictional cases (default 100000), then unlock to list,\n"
                 "               search as you type, conflict checks, a 10,000-row CSV import and peak RSS\n"
                 "  --deadlines [N]  instead: the deadline engine over N demo cases, recompute-and-store through\n"
                 "               the vault, and the firm's 30-day diary\n"
                 "  --reports [N]  instead: the four firm reports (diary, caseload, limitation risk, therapy fund)\n"
                 "               built as documents and as CSV over N demo cases (default 200)\n"
                 "  --dir PATH   folder (and so file system) to work in (default: a temporary folder)\n");
    std::exit(status);
}

}  // namespace

int main(int argc, char* argv[])
{
    // The reports mode renders PDFs (render/: fonts, so a QGuiApplication on the offscreen platform, as the CLI).
    bool wantsGui = false;
    for (int i = 1; i < argc; ++i) {
        wantsGui = wantsGui || qstrcmp(argv[i], "--reports") == 0;
    }
    if (wantsGui) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    std::unique_ptr<QCoreApplication> application = wantsGui ? std::make_unique<QGuiApplication>(argc, argv)
                                                             : std::make_unique<QCoreApplication>(argc, argv);
    qint64 rows = 100000;
    int cases = 0;  // > 0: the cases mode
    bool deadlinesMode = false;
    bool reportsMode = false;
    QString baseDir;
    const QStringList args = QCoreApplication::arguments();
    if (args.value(1) == QStringLiteral("--internal-make-demo")) {
        return bench::runMakeDemo(args.mid(2));
    }
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& a = args.at(i);
        if (a == QStringLiteral("--help") || a == QStringLiteral("-h")) {
            usage(0);
        } else if (a == QStringLiteral("--cases") || a == QStringLiteral("--deadlines")
                   || a == QStringLiteral("--reports")) {
            deadlinesMode = a == QStringLiteral("--deadlines");
            reportsMode = a == QStringLiteral("--reports");
            cases = reportsMode ? 200 : 100000;
            if (i + 1 < args.size() && !args.at(i + 1).startsWith(QLatin1Char('-'))) {
                bool ok = false;
                cases = args.at(++i).toInt(&ok);
                if (!ok || cases <= 0) {
                    usage(2);
                }
            }
        } else if (a == QStringLiteral("--rows") && i + 1 < args.size()) {
            bool ok = false;
            rows = args.at(++i).toLongLong(&ok);
            if (!ok || rows <= 0) {
                usage(2);
            }
        } else if (a == QStringLiteral("--dir") && i + 1 < args.size()) {
            baseDir = args.at(++i);
        } else {
            usage(2);
        }
    }
    if (cases > 0 && reportsMode) {
        return bench::runReportsBenchmark(cases, baseDir);
    }
    if (cases > 0 && deadlinesMode) {
        return bench::runDeadlinesBenchmark(cases, baseDir);
    }
    if (cases > 0) {
        return bench::runCasesBenchmark(cases, baseDir);
    }
    if (!core::crypto::initialise()) {
        fatal(QStringLiteral("libsodium could not start"));
    }
    // A fresh folder inside --dir (or the system's temporary folder), removed at the end.
    QTemporaryDir dir(baseDir.isEmpty() ? QString() : baseDir + QStringLiteral("/claimdesk-bench-XXXXXX"));
    if (!dir.isValid()) {
        fatal(QStringLiteral("cannot create a working folder: %1").arg(dir.errorString()));
    }

    // 1. Bulk insert, read-all and LIKE: encrypted (Vault::openDatabase) vs plain (Connection::open), same code.
    const RowGenerator generator;
    const QString encryptedPath = dir.filePath(QStringLiteral("encrypted.db"));
    const QString plainPath = dir.filePath(QStringLiteral("plain.db"));
    const core::SecureBytes key = core::SecureBytes::random(core::crypto::kKeyBytes);
    const core::CipherProfile profile;
    core::VaultOptions dbOptions;
    QString cipherVersion;
    auto openEncrypted = [&](bool create) {
        Connection db = require(core::Vault::openDatabase(encryptedPath, key, profile, dbOptions, create),
                                "opening the encrypted database");
        cipherVersion = require(db.scalarText("PRAGMA cipher_version"), "reading cipher_version");
        return db;
    };
    // The plain database gets the vault's cache and durability settings, so only the encryption differs.
    const QByteArray plainCache = "PRAGMA cache_size = -" + QByteArray::number(dbOptions.cacheKiB);
    auto openPlain = [&](bool create) {
        Connection db = require(Connection::open(plainPath, create), "opening the plain database");
        const QByteArray pageSize = "PRAGMA page_size = " + QByteArray::number(profile.pageSize);
        for (const char* pragma : {pageSize.constData(), plainCache.constData(), "PRAGMA temp_store = MEMORY",
                                   "PRAGMA synchronous = FULL", "PRAGMA journal_mode = DELETE"}) {
            require(db.exec(pragma), "setting up the plain database");
        }
        return db;
    };
    const DbRun plain = runDatabase(openPlain, plainPath, generator, rows);
    const DbRun encrypted = runDatabase(openEncrypted, encryptedPath, generator, rows);
    const double rssAfterDatabase = peakRssMiB();
    QFile plainFile(plainPath);
    const bool plainIsPlaintext
        = plainFile.open(QIODevice::ReadOnly) && plainFile.read(16) == QByteArrayLiteral("SQLite format 3\0");
    QFile encryptedFile(encryptedPath);
    const bool encryptedIsOpaque
        = encryptedFile.open(QIODevice::ReadOnly) && !encryptedFile.read(16).startsWith("SQLite format");
    QFile::remove(plainPath);
    QFile::remove(encryptedPath);

    // 2. Unlock cost with the default profile: Vault::create, then the KDF alone and Vault::unlock, interleaved.
    const core::KdfProfile kdf = core::KdfProfile::moderate();
    const QByteArray passphrase = QByteArrayLiteral("benchmark passphrase, not a secret");
    core::VaultOptions vaultOptions;  // kdf = KdfProfile::moderate(), the default
    vaultOptions.throttleStateFile = dir.filePath(QStringLiteral("unlock-attempts.json"));
    const QString vaultPath = dir.filePath(QStringLiteral("bench.claimdesk"));
    double createSeconds = 0;
    {
        QElapsedTimer timer;
        timer.start();
        auto vault = require(
            core::Vault::create(vaultPath, {QStringLiteral("bench"), QStringLiteral("Bench Admin"), core::Role::Admin},
                                passphrase, vaultOptions),
            "creating the vault");
        createSeconds = seconds(timer);
        vault->lock();
    }
    // A probe user whose key slot uses libsodium's minimum Argon2id cost: unlocking as them measures everything
    // Vault::unlock does besides the KDF (keyring, X25519 unwrap, keying, first read, migrations check, audit entry).
    const QByteArray probePassphrase = QByteArrayLiteral("probe passphrase, not a secret");
    {
        core::VaultOptions probeOptions = vaultOptions;
        probeOptions.kdf = core::KdfProfile::fastForTestsOnly();
        auto admin = require(core::Vault::unlock(vaultPath, QStringLiteral("bench"), passphrase, probeOptions),
                             "unlocking the vault");
        (void)require(
            admin->addUser({QStringLiteral("probe"), QStringLiteral("Probe"), core::Role::Paralegal}, probePassphrase),
            "adding the probe user");
        admin->lock();
    }
    // Interleaved, so drift (frequency scaling, other load) hits every series alike.
    std::vector<double> kdfTimes;
    std::vector<double> unlockTimes;
    std::vector<double> probeUnlockTimes;
    std::vector<double> fastKdfTimes;
    std::vector<double> openDatabaseTimes;
    for (int i = 0; i < kUnlockRuns; ++i) {
        QElapsedTimer timer;
        timer.start();
        (void)require(core::crypto::deriveKey(passphrase, core::crypto::newSalt(), kdf), "deriving a key");
        kdfTimes.push_back(seconds(timer));

        timer.start();
        auto vault = require(core::Vault::unlock(vaultPath, QStringLiteral("bench"), passphrase, vaultOptions),
                             "unlocking the vault");
        unlockTimes.push_back(seconds(timer));
        const core::SecureBytes vaultKey
            = core::SecureBytes::copyOf(vault->vaultKeyForTests().data(), vault->vaultKeyForTests().size());
        const core::CipherProfile vaultProfile = vault->cipherProfile();
        vault->lock();

        timer.start();
        auto probe = require(core::Vault::unlock(vaultPath, QStringLiteral("probe"), probePassphrase, vaultOptions),
                             "unlocking as the probe");
        probeUnlockTimes.push_back(seconds(timer));
        probe->lock();

        timer.start();
        (void)require(
            core::crypto::deriveKey(probePassphrase, core::crypto::newSalt(), core::KdfProfile::fastForTestsOnly()),
            "deriving a key");
        fastKdfTimes.push_back(seconds(timer));

        // Keying, cipher settings and first read alone (no keyring, no audit entry).
        timer.start();
        {
            Connection db = require(core::Vault::openDatabase(vaultPath, vaultKey, vaultProfile, vaultOptions, false),
                                    "opening the vault");
        }
        openDatabaseTimes.push_back(seconds(timer));
    }
    const double kdfMedian = median(kdfTimes);
    const double unlockMedian = median(unlockTimes);
    const double openMedian = std::max(0.0, median(probeUnlockTimes) - median(fastKdfTimes));

    const double readRatio = encrypted.read.seconds / plain.read.seconds;
    const QJsonObject report {
        {QStringLiteral("environment"),
         QJsonObject {{QStringLiteral("sqlite"), core::sql::sqliteVersion()},
                      {QStringLiteral("sqlcipher"), cipherVersion},
                      {QStringLiteral("buildType"), QStringLiteral(CLAIMDESK_BUILD_TYPE)},
                      {QStringLiteral("cpus"), QThread::idealThreadCount()},
                      {QStringLiteral("cipherProfile"), profile.name()},
                      {QStringLiteral("cacheKiB"), dbOptions.cacheKiB}}},
        {QStringLiteral("unlock"),
         QJsonObject {{QStringLiteral("kdfProfile"), QStringLiteral("moderate")},
                      {QStringLiteral("kdfOpsLimit"), static_cast<qint64>(kdf.opsLimit)},
                      {QStringLiteral("kdfMemLimitMiB"), static_cast<qint64>(kdf.memLimitBytes / (1024 * 1024))},
                      {QStringLiteral("createSeconds"), rounded(createSeconds)},
                      {QStringLiteral("unlockSeconds"), rounded(unlockMedian)},
                      {QStringLiteral("deriveKeySeconds"), rounded(kdfMedian)},
                      {QStringLiteral("openSeconds"), rounded(openMedian)},
                      {QStringLiteral("openDatabaseSeconds"), rounded(median(openDatabaseTimes))},
                      {QStringLiteral("runs"), kUnlockRuns},
                      {QStringLiteral("note"),
                       QStringLiteral("medians of interleaved runs. unlock = Vault::unlock with the MODERATE "
                                      "slot; deriveKey = crypto::deriveKey alone (MODERATE); open = "
                                      "Vault::unlock of a minimum-cost slot minus its deriveKey (keyring, "
                                      "X25519 unwrap, keying, first read, audit entry with fsync); "
                                      "openDatabase = Vault::openDatabase alone")}}},
        {QStringLiteral("rows"), rows},
        {QStringLiteral("avgRowTextBytes"),
         rounded(static_cast<double>(encrypted.insert.textBytes) / static_cast<double>(rows), 1)},
        {QStringLiteral("encrypted"), toJson(encrypted)},
        {QStringLiteral("plain"), toJson(plain)},
        {QStringLiteral("ratios"),
         QJsonObject {{QStringLiteral("insert"), rounded(encrypted.insert.seconds / plain.insert.seconds, 2)},
                      {QStringLiteral("readAll"), rounded(readRatio, 2)},
                      {QStringLiteral("readAllWarm"), rounded(encrypted.readWarm.seconds / plain.readWarm.seconds, 2)},
                      {QStringLiteral("likeScan"), rounded(encrypted.like.seconds / plain.like.seconds, 2)},
                      {QStringLiteral("readAllTarget"), 1.3},
                      {QStringLiteral("readAllTargetMet"), readRatio <= 1.3}}},
        {QStringLiteral("checks"),
         QJsonObject {{QStringLiteral("plainFileIsPlaintextSqlite"), plainIsPlaintext},
                      {QStringLiteral("encryptedFileHasNoSqliteHeader"), encryptedIsOpaque},
                      {QStringLiteral("sameRowsRead"),
                       encrypted.read.rows == plain.read.rows && encrypted.read.bytes == plain.read.bytes},
                      {QStringLiteral("sameLikeMatches"), encrypted.like.rows == plain.like.rows}}},
        {QStringLiteral("peakRssMiB"), rounded(peakRssMiB(), 1)},
        {QStringLiteral("peakRssDatabasePhaseMiB"), rounded(rssAfterDatabase, 1)},
    };
    std::fputs(QJsonDocument(report).toJson(QJsonDocument::Indented).constData(), stdout);
    return 0;
}
