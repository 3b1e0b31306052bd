# Compiles SOURCE and succeeds only if the compiler fails with output matching EXPECTED.
# Run by CTest: cmake -DCOMPILER=... -DSOURCE=... -DINCLUDE_DIR=... -DEXPECTED=... -P check.cmake
execute_process(
  COMMAND ${COMPILER} -std=c++20 -fsyntax-only -I${INCLUDE_DIR} ${SOURCE}
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
message(STATUS "failed as expected: ${found}")
