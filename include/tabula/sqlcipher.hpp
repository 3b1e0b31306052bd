// The SQLite backend over SQLCipher, for encrypted databases: include this header (or
// <tabula/sqlite.hpp>) and link tabula::sqlcipher instead of tabula::sqlite. The backend is the
// same tabula::sqlite, built on libsqlcipher:
//   tabula::session<tabula::sqlite> db("sqlite+sqlcipher://:" + percent_encoded_key + "@/app.db");
// or, as Open WebUI configures it, DATABASE_TYPE=sqlite+sqlcipher and DATABASE_PASSWORD read by
// tabula::database_config::from_environment.
#pragma once

#ifndef TABULA_SQLCIPHER
#error "tabula: <tabula/sqlcipher.hpp> needs TABULA_SQLCIPHER: link the CMake target tabula::sqlcipher (not tabula::sqlite)"
#endif

#include <tabula/sqlite.hpp>
