// The few SQLite tools every part of the cache uses: a statement with RAII and typed
// bind/column, exec, a transaction that rolls back unless committed, and the one mapping
// from an SQLite result code to an ErrorCode (rc and sqlite3_errmsg kept in the detail).
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "catalogue_errors.h"

namespace gongkai::sql {

// CORRUPT/NOTADB → CacheCorrupt, BUSY/LOCKED → CacheBusy, FULL → CacheFull,
// READONLY → CacheReadOnly, anything else → `otherwise`. Detail: "what: errmsg (rc=N)".
Error error(sqlite3* db, int rc, ErrorCode otherwise, const std::string& what);

inline int exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

class Stmt {
public:
    Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
    ~Stmt() { sqlite3_finalize(stmt_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    int prepare_rc() const { return rc_; }
    Stmt& bind(int i, const std::string& s) {
        sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); return *this; }
    Stmt& bind_blob(int i, const void* data, size_t n) {
        sqlite3_bind_blob(stmt_, i, data, static_cast<int>(n), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& bind_null(int i) { sqlite3_bind_null(stmt_, i); return *this; }
    // A statement that failed to prepare (a missing table) steps to its prepare error.
    int step() { return rc_ == SQLITE_OK ? sqlite3_step(stmt_) : rc_; }
    void reset() { sqlite3_reset(stmt_); sqlite3_clear_bindings(stmt_); }
    std::string text(int col) {
        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
    }
    std::int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }
    bool is_null(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

private:
    sqlite3_stmt* stmt_ = nullptr;
    int rc_;
};

// Rolls back unless committed: a failed install leaves the old catalogue in place.
// Nested use (load_catalogue → load_index) joins the outer transaction.
class Transaction {
public:
    Transaction(sqlite3* db, const char* begin) : db_(db) {
        outer_ = !sqlite3_get_autocommit(db);
        rc_ = outer_ ? SQLITE_OK : exec(db, begin);
    }
    ~Transaction() {
        if (rc_ == SQLITE_OK && !done_ && !outer_) exec(db_, "ROLLBACK");
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    int begin_rc() const { return rc_; }
    int commit() {
        done_ = true;
        return outer_ ? SQLITE_OK : exec(db_, "COMMIT");
    }

private:
    sqlite3* db_;
    int rc_;
    bool outer_ = false;
    bool done_ = false;
};

}  // namespace gongkai::sql
