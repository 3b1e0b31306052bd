// The one file of tabula_separate_tests that compiles the SQLite session's own members.
#include <tabula/sqlite.hpp>
#include <tabula/separate_compilation.hpp>
