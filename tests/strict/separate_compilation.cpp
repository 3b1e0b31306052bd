// Separate compilation under the strict flags of public_headers.cpp: every member of each
// backend's session, transaction scope and statement cache instantiated for all three backends
// (an explicit instantiation compiles members a program may never call). Built, not run.
#define TABULA_SEPARATE_COMPILATION
#include <tabula/migrate.hpp>
#include <tabula/mysql.hpp>
#include <tabula/postgres.hpp>
#include <tabula/sqlite.hpp>
#include <tabula/separate_compilation.hpp>
