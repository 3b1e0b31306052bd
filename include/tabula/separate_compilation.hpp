// Separate compilation: with TABULA_SEPARATE_COMPILATION defined for every file of a program, the
// backend headers declare each backend's session (its members that do not depend on a model:
// opening, transactions, raw SQL, the statement cache, errors) as compiled elsewhere, and this
// header compiles them. Include it in exactly one source file, after the backend headers the
// program uses, as Asio and Boost.JSON do for their compiled parts:
//
//   // tabula.cpp
//   #include <tabula/sqlite.hpp>
//   #include <tabula/postgres.hpp>
//   #include <tabula/separate_compilation.hpp>
//
// Templates instantiated with the program's models (insert<User>, select<Note>...) are compiled
// where they are used, as always. Every file must see the same TABULA_SEPARATE_COMPILATION: a
// file without it compiles its own copy, which links, but saves nothing.
#pragma once

#ifndef TABULA_SEPARATE_COMPILATION
#error "tabula: <tabula/separate_compilation.hpp> compiles what TABULA_SEPARATE_COMPILATION leaves out of the other files; define TABULA_SEPARATE_COMPILATION for the whole program (or do not include this header)"
#endif

#include <tabula/tabula.hpp>

#ifdef TABULA_SQLITE_INCLUDED
template class tabula::session<tabula::sqlite>;
template class tabula::transaction<tabula::session<tabula::sqlite>>;
template class tabula::detail::statement_cache<tabula::sqlite::statement>;
#endif
#ifdef TABULA_POSTGRES_INCLUDED
template class tabula::session<tabula::postgres>;
template class tabula::transaction<tabula::session<tabula::postgres>>;
template class tabula::detail::statement_cache<tabula::postgres::statement>;
#endif
#ifdef TABULA_MYSQL_INCLUDED
template class tabula::session<tabula::mysql>;
template class tabula::transaction<tabula::session<tabula::mysql>>;
template class tabula::detail::statement_cache<tabula::mysql::statement>;
#endif
#if !defined(TABULA_SQLITE_INCLUDED) && !defined(TABULA_POSTGRES_INCLUDED) && !defined(TABULA_MYSQL_INCLUDED)
#error "tabula: include the backend headers the program uses (<tabula/sqlite.hpp>, ...) before <tabula/separate_compilation.hpp>"
#endif
