# Checks the architecture the layout promises, as a test:
#   1. every include arrow points downward: a header includes only headers of its own layer or
#      of layers below it (umbrella headers at the top may include anything);
#   2. no database client's vocabulary (sqlite3_, PRAGMA, sqlite_master, PQ..., mysql_...) appears
#      outside include/tabula/backend/.
# Layers, bottom to top: error, reflect, schema, sql, query, migrate/plan, backend, session,
# migrate/run, umbrellas.
#   cmake -DROOT=<include dir> -P tests/layering.cmake
function(layer_of path out)
  if(path MATCHES "^tabula/error\\.hpp$")
    set(rank 0)
  elseif(path MATCHES "^tabula/reflect/" OR path STREQUAL "tabula/sql/static_text.hpp")
    # static_text.hpp renders any text at compile time (schema uses it for names); it knows no SQL.
    set(rank 1)
  elseif(path MATCHES "^tabula/schema/")
    set(rank 2)
  elseif(path MATCHES "^tabula/sql/")
    set(rank 3)
  elseif(path MATCHES "^tabula/query/")
    set(rank 4)
  elseif(path MATCHES "^tabula/migrate/plan/")
    set(rank 5)
  elseif(path MATCHES "^tabula/backend/")
    set(rank 6)
  elseif(path MATCHES "^tabula/session/")
    set(rank 7)
  elseif(path MATCHES "^tabula/migrate/run/")
    set(rank 8)
  else()
    set(rank 9)  # tabula.hpp, reflect.hpp, schema.hpp, migrate.hpp, sqlite.hpp, postgres.hpp, mysql.hpp
  endif()
  set(${out} ${rank} PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE headers RELATIVE "${ROOT}" "${ROOT}/tabula/*.hpp")
set(problems "")
foreach(header IN LISTS headers)
  layer_of("${header}" own)
  file(STRINGS "${ROOT}/${header}" includes REGEX "^#include <tabula/")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^#include <([^>]+)>.*" "\\1" included "${line}")
    layer_of("${included}" theirs)
    if(theirs GREATER own)
      string(APPEND problems "  ${header} (layer ${own}) includes ${included} (layer ${theirs})\n")
    endif()
  endforeach()
  if(NOT header MATCHES "^tabula/backend/")
    file(STRINGS "${ROOT}/${header}" client_words REGEX "sqlite3_|PRAGMA|sqlite_master|[^A-Za-z_]PQ[a-z]|mysql_[a-z]")
    foreach(line IN LISTS client_words)
      string(APPEND problems "  ${header} names a database client outside backend/: ${line}\n")
    endforeach()
  endif()
endforeach()
list(LENGTH headers count)
if(problems)
  message(FATAL_ERROR "layering: ${count} headers checked, problems:\n${problems}")
endif()
message(STATUS "layering: ${count} headers, every include points downward, no client vocabulary above backend/")
