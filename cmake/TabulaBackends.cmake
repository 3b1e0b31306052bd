# Database backends as INTERFACE targets, each one line in the top-level CMakeLists.txt:
#
#   tabula_add_backend(<name> DEFAULT <ON|OFF|AUTO> PACKAGE <Pkg> [FIND_ARGS <args>...]
#                      LINK <targets>... [DEFINES <definitions>...])
#
# defines tabula::<name> = tabula::tabula + <targets> (the client library found by
# find_package(<Pkg> <args>)) + <definitions> as interface compile definitions (tabula::sqlcipher:
# TABULA_SQLCIPHER=1, which builds the SQLite backend on SQLCipher's header), and records how the
# installed tabulaConfig.cmake must find <Pkg> again on the consumer's machine. The cache variable
# TABULA_WITH_<NAME> (initialised from DEFAULT) selects:
#   ON    the backend is required: configuring fails if <Pkg> is not found;
#   OFF   the backend is not defined;
#   AUTO  defined only if <Pkg> is found AND include/tabula/<name>.hpp exists, so a backend whose
#         header has not been written yet stays out of the build and out of the install.
#
# tabula_install_backends() installs one export file per backend (tabula-<name>-targets.cmake)
# and sets TABULA_CONFIG_BACKENDS, the lines tabulaConfig.cmake.in uses to load them, and
# TABULA_INSTALLED_BACKENDS, their names. A separate export set per backend lets a consumer
# without, say, libpq still use the core and SQLite.
include_guard(GLOBAL)

define_property(
  GLOBAL
  PROPERTY TABULA_BACKENDS
  BRIEF_DOCS "Names of the tabula backends defined in this build"
  FULL_DOCS "Appended to by tabula_add_backend(), read by tabula_install_backends().")

function(tabula_add_backend name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "DEFAULT;PACKAGE" "FIND_ARGS;LINK;DEFINES")
  if(arg_UNPARSED_ARGUMENTS OR NOT arg_PACKAGE OR NOT arg_LINK OR "${arg_DEFAULT}" STREQUAL "")
    message(FATAL_ERROR "usage: tabula_add_backend(<name> DEFAULT <ON|OFF|AUTO> "
                        "PACKAGE <Pkg> [FIND_ARGS <args>...] LINK <targets>... [DEFINES <definitions>...])")
  endif()

  string(TOUPPER "${name}" upper)
  set(switch "TABULA_WITH_${upper}")
  set(${switch} "${arg_DEFAULT}"
      CACHE STRING "Define the tabula::${name} backend: ON (required), OFF, or AUTO (if found)")
  set_property(CACHE ${switch} PROPERTY STRINGS ON OFF AUTO)
  set(header "${PROJECT_SOURCE_DIR}/include/tabula/${name}.hpp")

  string(TOUPPER "${${switch}}" mode)
  if(mode STREQUAL "AUTO")
    if(NOT EXISTS "${header}")
      message(STATUS "tabula: backend ${name}: skipped (include/tabula/${name}.hpp does not exist)")
      return()
    endif()
    find_package(${arg_PACKAGE} ${arg_FIND_ARGS} QUIET)
    if(NOT ${arg_PACKAGE}_FOUND)
      message(STATUS "tabula: backend ${name}: skipped (${arg_PACKAGE} not found)")
      return()
    endif()
  elseif(mode MATCHES "^(ON|YES|TRUE|Y|1)$")
    find_package(${arg_PACKAGE} ${arg_FIND_ARGS} REQUIRED)
  elseif(mode MATCHES "^(OFF|NO|FALSE|N|0)$")
    message(STATUS "tabula: backend ${name}: disabled (${switch}=${${switch}})")
    return()
  else()
    message(FATAL_ERROR "${switch} must be ON, OFF or AUTO, not '${${switch}}'")
  endif()

  foreach(dependency IN LISTS arg_LINK)
    if(NOT TARGET "${dependency}")
      message(FATAL_ERROR "tabula: backend ${name}: ${arg_PACKAGE} was found but did not define "
                          "the target ${dependency}")
    endif()
  endforeach()

  # A prefixed real name avoids clashing with a parent project's targets; consumers only ever
  # see the tabula::<name> alias (in-tree) or the exported tabula::<name> (installed).
  add_library(tabula_${name} INTERFACE)
  add_library(tabula::${name} ALIAS tabula_${name})
  set_target_properties(tabula_${name} PROPERTIES EXPORT_NAME ${name})
  # The real target name (not the alias) so the export maps it to tabula::tabula.
  target_link_libraries(tabula_${name} INTERFACE tabula ${arg_LINK})
  if(arg_DEFINES)
    target_compile_definitions(tabula_${name} INTERFACE ${arg_DEFINES})
  endif()

  set_property(GLOBAL APPEND PROPERTY TABULA_BACKENDS ${name})
  set_property(GLOBAL PROPERTY TABULA_BACKEND_${name}_FIND ${arg_PACKAGE} ${arg_FIND_ARGS})
  message(STATUS "tabula: backend ${name}: tabula::${name} (${arg_PACKAGE})")
endfunction()

function(tabula_install_backends)
  get_property(backends GLOBAL PROPERTY TABULA_BACKENDS)
  set(config_lines "")
  foreach(name IN LISTS backends)
    install(TARGETS tabula_${name} EXPORT tabula-${name}-targets)
    install(
      EXPORT tabula-${name}-targets
      NAMESPACE tabula::
      FILE tabula-${name}-targets.cmake
      DESTINATION "${TABULA_INSTALL_CMAKEDIR}")
    get_property(find_args GLOBAL PROPERTY TABULA_BACKEND_${name}_FIND)
    list(JOIN find_args " " find_args)
    string(APPEND config_lines "_tabula_load_backend(${name} ${find_args})\n")
  endforeach()

  # Find modules that CMake itself does not ship travel with the config, so the consumer's
  # find_package() for that backend's client library works the same way ours did.
  install(FILES "${PROJECT_SOURCE_DIR}/cmake/FindMariaDB.cmake"
                "${PROJECT_SOURCE_DIR}/cmake/FindSQLCipher.cmake"
          DESTINATION "${TABULA_INSTALL_CMAKEDIR}")

  set(TABULA_CONFIG_BACKENDS "${config_lines}" PARENT_SCOPE)
  set(TABULA_INSTALLED_BACKENDS "${backends}" PARENT_SCOPE)
endfunction()
