#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

// RAII over the SQLCipher C API. Only core/store and core repositories include this; widgets never do.
namespace claimdesk::core::sql {

struct ConnectionCloser {
    void operator()(sqlite3* db) const;
};
struct StatementFinalizer {
    void operator()(sqlite3_stmt* stmt) const;
};

class Connection;
struct StatementCache;

// A prepared statement. Values go in through bind() only: never build SQL from user data.
// When it goes out of scope it is reset and handed back to its connection for the next prepare() of the
// same SQL (compiling a statement costs more than running most of ours), or finalized if the connection
// has closed meanwhile.
class Statement {
public:
    Statement() = default;
    Statement(Connection* connection, sqlite3_stmt* stmt, std::weak_ptr<StatementCache> cache = {},
              std::string sql = {});
    ~Statement();
    Statement(Statement&& other) noexcept = default;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, const QString& value);
    Statement& bind(int index, const char* utf8);
    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value) { return bind(index, static_cast<qint64>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<qint64>(value ? 1 : 0)); }
    Statement& bindBlob(int index, const QByteArray& value);
    Statement& bindNull(int index);

    // true: a row is ready; false: done. Errors are mapped to specific codes.
    Result<bool> step();
    // Runs a statement that returns no rows.
    Result<void> run();
    void reset();

    QString text(int column) const;
    qint64 int64(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;
    int columnCount() const;

private:
    void release();

    Connection* m_connection = nullptr;
    std::unique_ptr<sqlite3_stmt, StatementFinalizer> m_stmt;
    std::weak_ptr<StatementCache> m_cache;
    std::string m_sql;
    int m_bindError = 0;
};

class Connection {
public:
    Connection() = default;
    explicit Connection(sqlite3* db) : m_db(db) {}

    static Result<Connection> open(const QString& path, bool create);

    sqlite3* handle() const { return m_db.get(); }
    bool isOpen() const { return m_db != nullptr; }
    // Finalizes the idle statements first, so the handle really closes (and SQLCipher wipes its key).
    void close();

    Result<void> exec(const char* sql);
    Result<Statement> prepare(const char* sql);
    // Runs `sql` and returns the first column of the first row as text (empty if no row).
    Result<QString> scalarText(const char* sql);
    Result<qint64> scalarInt(const char* sql);
    qint64 lastInsertRowId() const;
    int changes() const;

    // Maps an SQLite result code (and the OS errno behind it) to a specific error with a helpful message.
    Error error(int rc, const QString& doing) const;

private:
    friend class Transaction;

    std::unique_ptr<sqlite3, ConnectionCloser> m_db;
    std::shared_ptr<StatementCache> m_cache;  // declared after m_db: destroyed (finalizing its statements) first
    bool m_bulk = false;  // a Transaction::beginBulk is open
    bool m_bulkPartAbandoned = false;  // a transaction joined to it ended without commit()
};

// BEGIN IMMEDIATE … COMMIT; rolls back in the destructor unless committed. Takes the write lock up front so
// a busy vault is reported before any work is done. Inside an open transaction it becomes a SAVEPOINT, so
// services compose: an import wraps many creates in one transaction, and any failure undoes them all.
//
// beginBulk() opens an all-or-nothing transaction for bulk work (an import of thousands of cases): the
// transactions begun inside it join it instead of each opening a SAVEPOINT, whose statement journal
// SQLCipher encrypts page by page (half the cost of an import). A joined transaction that ends without
// commit() (a service that failed part-way) makes the bulk transaction's commit() fail and roll back, so
// nothing half-done is ever saved.
class Transaction {
public:
    static Result<Transaction> begin(Connection& connection);
    static Result<Transaction> beginBulk(Connection& connection);
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Result<void> commit();

private:
    enum class Kind { Outer, Savepoint, Bulk, Joined };
    Transaction(Connection* connection, Kind kind) : m_connection(connection), m_kind(kind) { }
    Connection* m_connection = nullptr;
    Kind m_kind = Kind::Outer;
};

// The SQLite version string of the library linked into this process, and SQLCipher's (empty if absent).
QString sqliteVersion();

}  // namespace claimdesk::core::sql
