// The SQLite C API the backend is built on: libsqlite3's <sqlite3.h>, or with TABULA_SQLCIPHER
// (defined by the CMake target tabula::sqlcipher) SQLCipher's <sqlcipher/sqlite3.h>. The two
// libraries export the same symbols, so a program links one of them.
//
// SQLCipher 3 embeds an old SQLite (Debian 12's SQLCipher 3.4.1: SQLite 3.15.2). Where an API
// call is newer than the header, the wrappers below fall back at compile time; where SQL syntax
// is newer, the backend asks the library at run time (sqlite_backend::library_version()).
#pragma once

#ifdef TABULA_SQLCIPHER
// SQLCipher declares sqlite3_key() only for programs that say they use its codec.
#ifndef SQLITE_HAS_CODEC
#define SQLITE_HAS_CODEC 1
#endif
#include <sqlcipher/sqlite3.h>
#else
#include <sqlite3.h>
#endif

#include <cstdint>
#include <string_view>

// SQLite before 3.24 has no INSERT ... ON CONFLICT: statements then carry the machinery that runs
// tabula's upsert as an UPDATE and an INSERT (statement.hpp). Compiled out for newer headers,
// since a program built against them needs a library at least as new.
#if SQLITE_VERSION_NUMBER < 3024000
#define TABULA_SQLITE_UPSERT_FALLBACK 1
#else
#define TABULA_SQLITE_UPSERT_FALLBACK 0
#endif

namespace tabula::sqlite_backend {

// The version of the library running, as SQLITE_VERSION_NUMBER counts (3015002 for 3.15.2).
inline int library_version() noexcept { return sqlite3_libversion_number(); }

namespace api {

// sqlite3_prepare_v3 and its PERSISTENT hint came with SQLite 3.20; prepare_v2 otherwise.
inline int prepare(sqlite3* db, std::string_view sql, bool persistent, sqlite3_stmt** out) noexcept {
#if SQLITE_VERSION_NUMBER >= 3020000
    return sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), persistent ? SQLITE_PREPARE_PERSISTENT : 0, out, nullptr);
#else
    static_cast<void>(persistent);
    return sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), out, nullptr);
#endif
}

// Rows the last INSERT, UPDATE or DELETE changed: 64-bit from SQLite 3.37, int before.
inline std::int64_t changes(sqlite3* db) noexcept {
#if SQLITE_VERSION_NUMBER >= 3037000
    return sqlite3_changes64(db);
#else
    return sqlite3_changes(db);
#endif
}

}  // namespace api

}  // namespace tabula::sqlite_backend
