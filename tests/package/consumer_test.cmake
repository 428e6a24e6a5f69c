# cmake -P script behind the package test (see CMakeLists.txt for the arguments):
#   1. install the tinycapi build tree TINYCAPI_BINARY_DIR into WORK_DIR/prefix;
#   2. configure and build CONSUMER_SOURCE_DIR with CMAKE_PREFIX_PATH=WORK_DIR/prefix;
#   3. run both consumer programs; each must print OK and exit 0;
#   4. build the consumer once more with pkg-config alone (tinycapi-compat.pc) and run it.
# Any failing step stops the script with FATAL_ERROR, which fails the ctest entry.

foreach(_required TINYCAPI_BINARY_DIR CONSUMER_SOURCE_DIR WORK_DIR GENERATOR)
  if(NOT DEFINED ${_required} OR "${${_required}}" STREQUAL "")
    message(FATAL_ERROR "consumer_test.cmake: ${_required} is not set")
  endif()
endforeach()

set(_prefix "${WORK_DIR}/prefix")
set(_build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# A DESTDIR in the environment would move the install away from the prefix given here.
unset(ENV{DESTDIR})

function(run_step description)
  execute_process(COMMAND ${ARGN}
    RESULT_VARIABLE _result OUTPUT_VARIABLE _output ERROR_VARIABLE _output)
  if(NOT _result EQUAL 0)
    message(FATAL_ERROR "${description} failed (${_result}):\n${_output}")
  endif()
  message(STATUS "${description}: done")
  set(step_output "${_output}" PARENT_SCOPE)
endfunction()

set(_config_args "")
if(BUILD_CONFIG)
  set(_config_args --config "${BUILD_CONFIG}")
endif()

run_step("install tinycapi into ${_prefix}"
  "${CMAKE_COMMAND}" --install "${TINYCAPI_BINARY_DIR}" --prefix "${_prefix}" ${_config_args})

foreach(_expected
    "lib/cmake/tinycapi/tinycapiConfig.cmake"
    "lib/cmake/tinycapi/tinycapiConfigVersion.cmake"
    "include/tinycapi/wincrypt.h"
    "include/tinycapi/port.h"
    "include/tinycapi/compat/windows.h"
    "include/tinycapi/compat/wincrypt.h")
  if(NOT EXISTS "${_prefix}/${_expected}")
    message(FATAL_ERROR "the installed package lacks ${_expected}")
  endif()
endforeach()

# Where tinycapi's own build found its dependencies goes in the environment's prefix path
# (searched after CMAKE_PREFIX_PATH; ":"-separated, so it survives being passed on).
if(DEPENDENCY_PREFIXES)
  string(REPLACE "|" ":" _dependency_path "${DEPENDENCY_PREFIXES}")
  if(DEFINED ENV{CMAKE_PREFIX_PATH} AND NOT "$ENV{CMAKE_PREFIX_PATH}" STREQUAL "")
    set(_dependency_path "${_dependency_path}:$ENV{CMAKE_PREFIX_PATH}")
  endif()
  set(ENV{CMAKE_PREFIX_PATH} "${_dependency_path}")
endif()

set(_configure_args
  -S "${CONSUMER_SOURCE_DIR}" -B "${_build}" -G "${GENERATOR}"
  "-DCMAKE_PREFIX_PATH=${_prefix}"
  # Only the scratch prefix may satisfy find_package(tinycapi).
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
if(BUILD_CONFIG)
  list(APPEND _configure_args "-DCMAKE_BUILD_TYPE=${BUILD_CONFIG}")
endif()
if(MAKE_PROGRAM)
  list(APPEND _configure_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(C_COMPILER)
  list(APPEND _configure_args "-DCMAKE_C_COMPILER=${C_COMPILER}")
endif()
if(CXX_COMPILER)
  list(APPEND _configure_args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
if(CONSUMER_FLAGS)
  list(APPEND _configure_args
    "-DCMAKE_C_FLAGS=${CONSUMER_FLAGS}" "-DCMAKE_CXX_FLAGS=${CONSUMER_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${CONSUMER_FLAGS}")
endif()
run_step("configure the consumer with find_package(tinycapi)" "${CMAKE_COMMAND}" ${_configure_args})
run_step("build the consumer" "${CMAKE_COMMAND}" --build "${_build}" ${_config_args})

foreach(_variant ansi unicode)
  # Single-config generators put the program in the build folder, multi-config ones below it.
  set(_program "${_build}/consumer_${_variant}")
  if(NOT EXISTS "${_program}" AND BUILD_CONFIG)
    set(_program "${_build}/${BUILD_CONFIG}/consumer_${_variant}")
  endif()
  run_step("run consumer_${_variant}" "${_program}")
  if(NOT step_output MATCHES "tinycapi consumer: OK")
    message(FATAL_ERROR "consumer_${_variant} did not report OK:\n${step_output}")
  endif()
  message(STATUS "consumer_${_variant}: ${step_output}")
endforeach()

# The same program built with pkg-config alone, as a Makefile or a shell script would: no CMake
# package, only `cc main.c $(pkg-config --cflags --libs tinycapi-compat)`.
find_program(_pkg_config pkg-config)
if(NOT _pkg_config)
  message(FATAL_ERROR "pkg-config is missing: run tools/setup")
endif()
set(ENV{PKG_CONFIG_PATH} "${_prefix}/lib/pkgconfig")
unset(ENV{PKG_CONFIG_LIBDIR})
set(_c_compiler cc)
if(C_COMPILER)
  set(_c_compiler "${C_COMPILER}")
endif()
# Through sh, so that the flags meet the shell's word splitting exactly as a user's would. The
# sanitizer flags travel in the environment: an empty argument would not reach sh at all.
set(ENV{TINYCAPI_CONSUMER_FLAGS} "${CONSUMER_FLAGS}")
run_step("cc main.c $(pkg-config --cflags --libs tinycapi-compat)"
  sh -c "\"$0\" -std=c99 -Wall -Wextra -Werror -pedantic $TINYCAPI_CONSUMER_FLAGS \"$1\" -o \"$2\" $(pkg-config --cflags --libs tinycapi-compat)"
  "${_c_compiler}" "${CONSUMER_SOURCE_DIR}/main.c" "${WORK_DIR}/consumer_pkg_config")
run_step("run consumer_pkg_config" "${WORK_DIR}/consumer_pkg_config")
if(NOT step_output MATCHES "tinycapi consumer: OK")
  message(FATAL_ERROR "consumer_pkg_config did not report OK:\n${step_output}")
endif()
message(STATUS "consumer_pkg_config: ${step_output}")
