# tabula_apply_warnings(<target>...)
#
# Applies tabula's warning policy and, with TABULA_SANITIZE=ON, the sanitizers to tabula's *own*
# targets: the tests, examples and benchmarks call it for each executable they define. It is never
# applied to tabula::tabula or the backend targets, because those are INTERFACE usage requirements
# and would push -Werror and sanitizers onto every consumer.
#
#   TABULA_WARNINGS_AS_ERRORS  -Wall -Wextra -Wpedantic are always on; this adds -Werror.
#   TABULA_SANITIZE            ASan + UBSan at compile and link time. -fno-sanitize-recover=all
#                              turns every UBSan report into a failing exit status, so ctest sees
#                              undefined behaviour as a failed test instead of a line in a log.
include_guard(GLOBAL)

function(tabula_apply_warnings)
  foreach(target IN LISTS ARGN)
    if(NOT TARGET "${target}")
      message(FATAL_ERROR "tabula_apply_warnings: '${target}' is not a target")
    endif()

    if(MSVC)
      target_compile_options("${target}" PRIVATE /W4 /permissive-)
      if(TABULA_WARNINGS_AS_ERRORS)
        target_compile_options("${target}" PRIVATE /WX)
      endif()
    else()
      target_compile_options("${target}" PRIVATE -Wall -Wextra -Wpedantic)
      if(TABULA_WARNINGS_AS_ERRORS)
        target_compile_options("${target}" PRIVATE -Werror)
      endif()
    endif()

    if(TABULA_SANITIZE)
      if(MSVC)
        message(FATAL_ERROR "TABULA_SANITIZE is only supported with GCC and Clang")
      endif()
      set(sanitize_flags -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=all)
      target_compile_options("${target}" PRIVATE ${sanitize_flags})
      target_link_options("${target}" PRIVATE ${sanitize_flags})
    endif()
  endforeach()
endfunction()
