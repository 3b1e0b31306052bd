// tabula: plain C++ structs as database tables, with every statement rendered at compile time.
// This header has no database client; include a backend header (tabula/sqlite.hpp) as well.
#pragma once

#include <tabula/backend/config.hpp>
#include <tabula/backend/url.hpp>
#include <tabula/error.hpp>
#include <tabula/query/expression.hpp>
#include <tabula/query/render.hpp>
#include <tabula/reflect.hpp>
#include <tabula/schema.hpp>
// session.hpp first: a compile error about a model used through the session (session.hpp) then
// shows the shortest include chain.
#include <tabula/session/session.hpp>
#include <tabula/session/any_session.hpp>
#include <tabula/session/connection_pool.hpp>
#include <tabula/session/select.hpp>
#include <tabula/session/statement_log.hpp>
#include <tabula/session/transaction.hpp>
#include <tabula/sql/statements.hpp>
