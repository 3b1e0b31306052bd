# FindMariaDB
# -----------
# Finds MariaDB Connector/C (Debian: libmariadb-dev), the client library behind tabula's mysql
# backend; it speaks the MySQL protocol too. CMake ships no module for it, so tabula carries its
# own and installs it next to tabulaConfig.cmake.
#
# Imported target:   MariaDB::MariaDB
# Result variables:  MariaDB_FOUND, MariaDB_VERSION, MariaDB_INCLUDE_DIRS, MariaDB_LIBRARIES
# Cache variables:   MariaDB_INCLUDE_DIR, MariaDB_LIBRARY
#
# pkg-config (libmariadb.pc) is only used for hints, so the module also works without it.

find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_MariaDB QUIET libmariadb)
endif()

# <prefix>/include/mariadb/mysql.h; the suffix keeps an Oracle libmysqlclient mysql.h (which
# lives in include/mysql/) from being paired with the MariaDB library.
find_path(
  MariaDB_INCLUDE_DIR
  NAMES mysql.h
  HINTS ${PC_MariaDB_INCLUDE_DIRS}
  PATH_SUFFIXES mariadb)
find_library(
  MariaDB_LIBRARY
  NAMES mariadb libmariadb
  HINTS ${PC_MariaDB_LIBRARY_DIRS}
  PATH_SUFFIXES mariadb)

if(PC_MariaDB_VERSION)
  set(MariaDB_VERSION "${PC_MariaDB_VERSION}")
elseif(MariaDB_INCLUDE_DIR AND EXISTS "${MariaDB_INCLUDE_DIR}/mariadb_version.h")
  file(STRINGS "${MariaDB_INCLUDE_DIR}/mariadb_version.h" _mariadb_version_line
       REGEX "^#define[ \t]+MARIADB_PACKAGE_VERSION[ \t]+\"[^\"]*\"")
  string(REGEX REPLACE ".*\"([^\"]*)\".*" "\\1" MariaDB_VERSION "${_mariadb_version_line}")
  unset(_mariadb_version_line)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(
  MariaDB
  REQUIRED_VARS MariaDB_LIBRARY MariaDB_INCLUDE_DIR
  VERSION_VAR MariaDB_VERSION)

if(MariaDB_FOUND)
  set(MariaDB_INCLUDE_DIRS "${MariaDB_INCLUDE_DIR}")
  set(MariaDB_LIBRARIES "${MariaDB_LIBRARY}")
  if(NOT TARGET MariaDB::MariaDB)
    add_library(MariaDB::MariaDB UNKNOWN IMPORTED)
    set_target_properties(
      MariaDB::MariaDB PROPERTIES IMPORTED_LOCATION "${MariaDB_LIBRARY}"
                                  INTERFACE_INCLUDE_DIRECTORIES "${MariaDB_INCLUDE_DIR}")
  endif()
endif()

mark_as_advanced(MariaDB_INCLUDE_DIR MariaDB_LIBRARY)
