# Compiles SOURCE and succeeds only if the compiler fails with output matching EXPECTED.
# Run by CTest: cmake -DCOMPILER=... -DSOURCE=... -DINCLUDE_DIR=... -DEXPECTED=... -P check.cmake
# A source with a line "// max-lines: N" must also fail briefly: at most N lines of compiler
# output, and the first error must be tabula's own (a static_assert whose text starts "tabula:"),
# not a "no matching function" or a cascade from inside the library.
# EXTRA_INCLUDE_DIR (optional): a client library's headers, for a backend's own header.
set(extra_flags "")
if(EXTRA_INCLUDE_DIR)
  set(extra_flags "-I${EXTRA_INCLUDE_DIR}")
endif()
execute_process(
  COMMAND ${COMPILER} -std=c++20 -fsyntax-only -I${INCLUDE_DIR} ${extra_flags} ${SOURCE}
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
if(result EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but it must fail with: ${EXPECTED}")
endif()
string(REGEX MATCH "${EXPECTED}" found "${output}")
if(NOT found)
  message(FATAL_ERROR "${SOURCE} failed to compile, but without the expected message\n"
                      "expected (regex): ${EXPECTED}\n--- compiler output ---\n${output}")
endif()

file(STRINGS "${SOURCE}" max_lines_line LIMIT_COUNT 1 REGEX "^// max-lines: [0-9]+")
if(max_lines_line)
  string(REGEX REPLACE "^// max-lines: ([0-9]+).*" "\\1" max_lines "${max_lines_line}")
  string(REGEX REPLACE "\n$" "" trimmed "${output}")
  string(REGEX MATCHALL "\n" newlines "${trimmed}")
  list(LENGTH newlines line_count)
  math(EXPR line_count "${line_count} + 1")
  if(line_count GREATER max_lines)
    message(FATAL_ERROR "${SOURCE}: ${line_count} lines of compiler output, at most ${max_lines} allowed\n"
                        "--- compiler output ---\n${output}")
  endif()
  string(REGEX MATCH "error: [^\n]*" first_error "${output}")
  if(NOT first_error MATCHES "static assertion failed[^\n]*tabula: ")
    message(FATAL_ERROR "${SOURCE}: the first error is not tabula's static_assert: ${first_error}\n"
                        "--- compiler output ---\n${output}")
  endif()
  message(STATUS "${line_count} lines (at most ${max_lines}), first error: ${first_error}")
endif()
message(STATUS "failed as expected: ${found}")
