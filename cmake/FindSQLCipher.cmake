# FindSQLCipher
# -------------
# Finds SQLCipher (Debian: libsqlcipher-dev), the encrypting build of SQLite behind tabula's
# tabula::sqlcipher target. CMake ships no module for it, so tabula carries its own and installs it
# next to tabulaConfig.cmake.
#
# SQLCipher installs its header as <prefix>/include/sqlcipher/sqlite3.h; the include directory
# given here is <prefix>/include, so code writes <sqlcipher/sqlite3.h> and a plain <sqlite3.h>
# still means libsqlite3's. Its library exports the same symbols as libsqlite3: a program links
# one or the other, never both.
#
# Imported target:   SQLCipher::SQLCipher (with SQLITE_HAS_CODEC, which declares sqlite3_key())
# Result variables:  SQLCipher_FOUND, SQLCipher_VERSION (SQLCipher's, from pkg-config, if known),
#                    SQLCipher_SQLITE_VERSION (the SQLite it embeds, from the header),
#                    SQLCipher_INCLUDE_DIRS, SQLCipher_LIBRARIES
# Cache variables:   SQLCipher_INCLUDE_DIR, SQLCipher_LIBRARY
#
# pkg-config (sqlcipher.pc) is only used for hints, so the module also works without it.

find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_SQLCipher QUIET sqlcipher)
endif()

find_path(
  SQLCipher_INCLUDE_DIR
  NAMES sqlcipher/sqlite3.h
  HINTS ${PC_SQLCipher_INCLUDEDIR} ${PC_SQLCipher_INCLUDE_DIRS})
find_library(
  SQLCipher_LIBRARY
  NAMES sqlcipher libsqlcipher
  HINTS ${PC_SQLCipher_LIBDIR} ${PC_SQLCipher_LIBRARY_DIRS})

if(PC_SQLCipher_VERSION)
  set(SQLCipher_VERSION "${PC_SQLCipher_VERSION}")
endif()
if(SQLCipher_INCLUDE_DIR AND EXISTS "${SQLCipher_INCLUDE_DIR}/sqlcipher/sqlite3.h")
  file(STRINGS "${SQLCipher_INCLUDE_DIR}/sqlcipher/sqlite3.h" _sqlcipher_version_line
       REGEX "^#define[ \t]+SQLITE_VERSION[ \t]+\"[^\"]*\"")
  string(REGEX REPLACE ".*\"([^\"]*)\".*" "\\1" SQLCipher_SQLITE_VERSION "${_sqlcipher_version_line}")
  unset(_sqlcipher_version_line)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(
  SQLCipher
  REQUIRED_VARS SQLCipher_LIBRARY SQLCipher_INCLUDE_DIR
  VERSION_VAR SQLCipher_VERSION)

if(SQLCipher_FOUND)
  set(SQLCipher_INCLUDE_DIRS "${SQLCipher_INCLUDE_DIR}")
  set(SQLCipher_LIBRARIES "${SQLCipher_LIBRARY}")
  if(NOT TARGET SQLCipher::SQLCipher)
    add_library(SQLCipher::SQLCipher UNKNOWN IMPORTED)
    set_target_properties(
      SQLCipher::SQLCipher
      PROPERTIES IMPORTED_LOCATION "${SQLCipher_LIBRARY}"
                 INTERFACE_INCLUDE_DIRECTORIES "${SQLCipher_INCLUDE_DIR}"
                 INTERFACE_COMPILE_DEFINITIONS "SQLITE_HAS_CODEC")
  endif()
endif()

mark_as_advanced(SQLCipher_INCLUDE_DIR SQLCipher_LIBRARY)
