#include "store/Sqlite.h"

#include <sqlcipher/sqlite3.h>

#include <cerrno>
#include <unordered_map>
#include <utility>

namespace claimdesk::core::sql {

void ConnectionCloser::operator()(sqlite3* db) const
{
    sqlite3_close_v2(db);
}

void StatementFinalizer::operator()(sqlite3_stmt* stmt) const
{
    sqlite3_finalize(stmt);
}

// Prepared statements not in use, by their SQL text. Bounded: a connection runs a few dozen distinct
// statements, so the limit only matters if something prepares generated SQL (which it should not).
struct StatementCache {
    static constexpr std::size_t kMaxIdle = 256;
    std::unordered_multimap<std::string, sqlite3_stmt*> idle;

    StatementCache() = default;
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;
    ~StatementCache()
    {
        for (auto& entry : idle) {
            sqlite3_finalize(entry.second);
        }
    }
};

Statement::Statement(Connection* connection, sqlite3_stmt* stmt, std::weak_ptr<StatementCache> cache, std::string sql)
    : m_connection(connection), m_stmt(stmt), m_cache(std::move(cache)), m_sql(std::move(sql))
{
}

Statement::~Statement()
{
    release();
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        release();
        m_connection = other.m_connection;
        m_stmt = std::move(other.m_stmt);
        m_cache = std::move(other.m_cache);
        m_sql = std::move(other.m_sql);
        m_bindError = other.m_bindError;
    }
    return *this;
}

void Statement::release()
{
    if (!m_stmt) {
        return;
    }
    if (auto cache = m_cache.lock(); cache && !m_sql.empty() && cache->idle.size() < StatementCache::kMaxIdle) {
        sqlite3_reset(m_stmt.get());  // ends any read in progress and releases its locks
        sqlite3_clear_bindings(m_stmt.get());  // no bound value outlives its use
        cache->idle.emplace(std::move(m_sql), m_stmt.release());
        return;
    }
    m_stmt.reset();
}

Statement& Statement::bind(int index, const QString& value)
{
    if (value.isNull()) {
        return bindNull(index);
    }
    const QByteArray utf8 = value.toUtf8();
    const int rc = sqlite3_bind_text(m_stmt.get(), index, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        m_bindError = rc;
    }
    return *this;
}

Statement& Statement::bind(int index, const char* utf8)
{
    const int rc = sqlite3_bind_text(m_stmt.get(), index, utf8, -1, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        m_bindError = rc;
    }
    return *this;
}

Statement& Statement::bind(int index, qint64 value)
{
    const int rc = sqlite3_bind_int64(m_stmt.get(), index, value);
    if (rc != SQLITE_OK) {
        m_bindError = rc;
    }
    return *this;
}

Statement& Statement::bindBlob(int index, const QByteArray& value)
{
    const int rc = sqlite3_bind_blob(m_stmt.get(), index, value.constData(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        m_bindError = rc;
    }
    return *this;
}

Statement& Statement::bindNull(int index)
{
    const int rc = sqlite3_bind_null(m_stmt.get(), index);
    if (rc != SQLITE_OK) {
        m_bindError = rc;
    }
    return *this;
}

Result<bool> Statement::step()
{
    if (m_bindError != SQLITE_OK) {
        return m_connection->error(m_bindError, QStringLiteral("preparing a query"));
    }
    const int rc = sqlite3_step(m_stmt.get());
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    // sqlite3_step's legacy code may be generic; the connection's extended code is specific.
    return m_connection->error(sqlite3_extended_errcode(m_connection->handle()), QStringLiteral("running a query"));
}

Result<void> Statement::run()
{
    auto stepped = step();
    if (!stepped) {
        return stepped.error();
    }
    return {};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt.get());
    sqlite3_clear_bindings(m_stmt.get());
    m_bindError = SQLITE_OK;
}

QString Statement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt.get(), column));
    if (data == nullptr) {
        return {};
    }
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt.get(), column));
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt.get(), column);
}

QByteArray Statement::blob(int column) const
{
    const void* data = sqlite3_column_blob(m_stmt.get(), column);
    return QByteArray(static_cast<const char*>(data), sqlite3_column_bytes(m_stmt.get(), column));
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL;
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt.get());
}

Result<Connection> Connection::open(const QString& path, bool create)
{
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &raw, flags, nullptr);
    Connection connection(raw);
    if (rc != SQLITE_OK) {
        return connection.error(rc, QStringLiteral("opening %1").arg(path));
    }
    sqlite3_extended_result_codes(raw, 1);
    return connection;
}

Result<void> Connection::exec(const char* sql)
{
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db.get(), sql, nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) {
        return error(sqlite3_extended_errcode(m_db.get()), QStringLiteral("running a statement"));
    }
    return {};
}

void Connection::close()
{
    m_cache.reset();
    m_db.reset();
}

Result<Statement> Connection::prepare(const char* sql)
{
    std::string key(sql);
    if (m_db) {
        if (!m_cache) {
            m_cache = std::make_shared<StatementCache>();
        }
        if (auto it = m_cache->idle.find(key); it != m_cache->idle.end()) {
            sqlite3_stmt* cached = it->second;
            m_cache->idle.erase(it);
            return Statement(this, cached, m_cache, std::move(key));
        }
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db.get(), sql, -1, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return error(sqlite3_extended_errcode(m_db.get()), QStringLiteral("preparing a query"));
    }
    return Statement(this, stmt, m_cache, std::move(key));
}

Result<QString> Connection::scalarText(const char* sql)
{
    auto stmt = prepare(sql);
    if (!stmt) {
        return stmt.error();
    }
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    return *row ? stmt->text(0) : QString();
}

Result<qint64> Connection::scalarInt(const char* sql)
{
    auto stmt = prepare(sql);
    if (!stmt) {
        return stmt.error();
    }
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    return *row ? stmt->int64(0) : qint64{0};
}

qint64 Connection::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db.get());
}

int Connection::changes() const
{
    return sqlite3_changes(m_db.get());
}

Error Connection::error(int rc, const QString& doing) const
{
    const QString detail = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db.get())) : QString::fromUtf8(sqlite3_errstr(rc));
    const int sysErrno = m_db ? sqlite3_system_errno(m_db.get()) : 0;
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return makeError(ErrorCode::VaultBusy,
                         QStringLiteral("The vault is busy: someone else (on this or another computer) is saving to "
                                        "it. Nothing was changed; try again in a moment."));
    case SQLITE_FULL:
        return makeError(ErrorCode::DiskFull,
                         QStringLiteral("The disk holding the vault is full, so the change was not saved and the "
                                        "vault was left as it was. Free some space and try again."));
    case SQLITE_IOERR:
        if (sysErrno == ENOSPC || sysErrno == EFBIG || sysErrno == EDQUOT) {
            return makeError(ErrorCode::DiskFull,
                             QStringLiteral("The disk holding the vault is full (or a file size limit was reached), "
                                            "so the change was not saved and the vault was left as it was. Free some "
                                            "space and try again."));
        }
        return makeError(ErrorCode::IoError,
                         QStringLiteral("The vault file could not be read or written while %1 (%2). If it is on a "
                                        "network folder, check the connection; nothing was changed.")
                             .arg(doing, detail));
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return makeError(ErrorCode::Corrupted,
                         QStringLiteral("The vault database is damaged or has been tampered with (%1). Do not keep "
                                        "working in it: restore it from your latest backup.")
                             .arg(detail));
    case SQLITE_CANTOPEN:
        return makeError(ErrorCode::IoError,
                         QStringLiteral("The vault file could not be opened while %1 (%2). Check that the folder "
                                        "exists and that you may write to it.")
                             .arg(doing, detail));
    case SQLITE_READONLY:
        return makeError(ErrorCode::IoError,
                         QStringLiteral("The vault is read-only here (%1). Check the file's permissions.").arg(detail));
    case SQLITE_CONSTRAINT:
        return makeError(ErrorCode::InvalidInput, QStringLiteral("The change breaks a rule of the vault (%1).").arg(detail));
    default:
        return makeError(ErrorCode::Internal, QStringLiteral("Unexpected database error while %1: %2").arg(doing, detail));
    }
}

Result<Transaction> Transaction::begin(Connection& connection)
{
    const bool nested = sqlite3_get_autocommit(connection.handle()) == 0;
    if (nested && connection.m_bulk) {
        return Transaction(&connection, Kind::Joined);
    }
    if (auto begun = connection.exec(nested ? "SAVEPOINT claimdesk_nested" : "BEGIN IMMEDIATE"); !begun) {
        return begun.error();
    }
    return Transaction(&connection, nested ? Kind::Savepoint : Kind::Outer);
}

Result<Transaction> Transaction::beginBulk(Connection& connection)
{
    if (sqlite3_get_autocommit(connection.handle()) == 0) {
        return begin(connection);  // already inside a transaction: an ordinary nested one
    }
    if (auto begun = connection.exec("BEGIN IMMEDIATE"); !begun) {
        return begun.error();
    }
    connection.m_bulk = true;
    connection.m_bulkPartAbandoned = false;
    return Transaction(&connection, Kind::Bulk);
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_connection(std::exchange(other.m_connection, nullptr)), m_kind(other.m_kind)
{
}

Transaction::~Transaction()
{
    if (m_connection == nullptr) {
        return;
    }
    if (m_kind == Kind::Joined) {
        m_connection->m_bulkPartAbandoned = true;
        return;
    }
    if (m_kind == Kind::Bulk) {
        m_connection->m_bulk = false;
        m_connection->m_bulkPartAbandoned = false;
    }
    if (!m_connection->isOpen() || sqlite3_get_autocommit(m_connection->handle()) != 0) {
        return;
    }
    if (m_kind == Kind::Savepoint) {
        (void)m_connection->exec("ROLLBACK TO claimdesk_nested");
        (void)m_connection->exec("RELEASE claimdesk_nested");
    } else {
        (void)m_connection->exec("ROLLBACK");
    }
}

Result<void> Transaction::commit()
{
    Connection* connection = std::exchange(m_connection, nullptr);
    switch (m_kind) {
    case Kind::Joined: return {};
    case Kind::Savepoint: return connection->exec("RELEASE claimdesk_nested");
    case Kind::Bulk: {
        const bool abandoned = connection->m_bulkPartAbandoned;
        connection->m_bulk = false;
        connection->m_bulkPartAbandoned = false;
        if (abandoned) {
            (void)connection->exec("ROLLBACK");
            return makeError(ErrorCode::Internal,
                             QStringLiteral("Part of the change failed, so none of it was saved."));
        }
        break;
    }
    case Kind::Outer: break;
    }
    if (auto committed = connection->exec("COMMIT"); !committed) {
        if (sqlite3_get_autocommit(connection->handle()) == 0) {
            (void)connection->exec("ROLLBACK");
        }
        return committed.error();
    }
    return {};
}

QString sqliteVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

}  // namespace claimdesk::core::sql
