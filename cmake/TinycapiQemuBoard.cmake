# What the QEMU boards (boards/qemu-*) share: how an image is linked, the on-target runner,
# and how ctest runs an image under QEMU. Each board keeps its own startup, linker script and
# board library; it passes them in.

# An image of a board: `target` links `board_libraries` (the board's OBJECT libraries) and the
# library, gets a map file next to it and the .elf suffix.
function(tinycapi_qemu_image target linker_script)
  target_link_libraries(${target} PRIVATE ${ARGN} tinycapi tinycapi_warnings)
  target_link_options(${target} PRIVATE "LINKER:-Map=$<TARGET_FILE:${target}>.map")
  set_target_properties(${target} PROPERTIES
    SUFFIX ".elf"
    LINK_DEPENDS "${linker_script}"
    # Link with the C driver: g++ with nano.specs asks for libstdc++_nano, which Debian's
    # toolchain does not ship, and nothing here needs the C++ runtime library.
    LINKER_LANGUAGE C)
endfunction()

# The on-target test runner (tests/target): every tests/target/*_tests.cpp joins it by existing.
# `image_function` is the board's function that makes an image of a target.
function(tinycapi_qemu_target_runner image_function)
  set(target_tests "${PROJECT_SOURCE_DIR}/tests/target")
  file(GLOB test_files CONFIGURE_DEPENDS "${target_tests}/*_tests.cpp")
  add_executable(tinycapi_target_tests "${target_tests}/main.cpp" "${target_tests}/runner.cpp" ${test_files})
  target_compile_options(tinycapi_target_tests PRIVATE -fno-exceptions -fno-rtti -fno-threadsafe-statics)
  target_include_directories(tinycapi_target_tests PRIVATE "${target_tests}")
  cmake_language(CALL ${image_function} tinycapi_target_tests)
endfunction()

# The reset test: a container and its pair across a CPU reset (tests/target/reset_survival.cpp).
function(tinycapi_qemu_reset_test image_function)
  add_executable(tinycapi_reset_test "${PROJECT_SOURCE_DIR}/tests/target/reset_survival.cpp")
  target_compile_options(tinycapi_reset_test PRIVATE -fno-exceptions -fno-rtti -fno-threadsafe-statics)
  cmake_language(CALL ${image_function} tinycapi_reset_test)
endfunction()

# ctest runs each image under `qemu-system-arm -M <machine>`; it passes when the image exits 0
# (semihosting SYS_EXIT_EXTENDED carries main's result to QEMU's exit status). Tests are named
# <prefix><name>, the prefix being TINYCAPI_TEST_PREFIX or `default_prefix`; the prefix in use is
# returned in TINYCAPI_QEMU_TEST_PREFIX. Each further argument is `name=image target`.
# The board calls enable_testing() first, in its own scope: the top level calls it only after
# adding the board, and ctest's files of a directory are only written if testing is enabled
# there (a function's enable_testing() would be local to the function).
function(tinycapi_qemu_tests machine default_prefix)
  find_program(TINYCAPI_QEMU_SYSTEM_ARM qemu-system-arm)
  find_program(TINYCAPI_TIMEOUT timeout)
  if(NOT TINYCAPI_QEMU_SYSTEM_ARM OR NOT TINYCAPI_TIMEOUT)
    message(FATAL_ERROR "The QEMU tests need qemu-system-arm and timeout (coreutils): run tools/setup, "
                        "or configure with -DTINYCAPI_BUILD_TESTS=OFF to build the images only.")
  endif()
  set(prefix "${TINYCAPI_TEST_PREFIX}")
  if(prefix STREQUAL "")
    set(prefix "${default_prefix}")
  endif()
  foreach(pair ${ARGN})
    string(REPLACE "=" ";" pair "${pair}")
    list(GET pair 0 test_name)
    list(GET pair 1 image)
    tinycapi_qemu_test("${prefix}${test_name}" ${machine} ${image} 120 qemu)
  endforeach()
  set(TINYCAPI_QEMU_TEST_PREFIX "${prefix}" PARENT_SCOPE)
endfunction()

# One image under QEMU, killed after `seconds` (ctest's own timeout allows 30 more).
function(tinycapi_qemu_test test_name machine image seconds labels)
  add_test(NAME "${test_name}"
    COMMAND "${TINYCAPI_TIMEOUT}" ${seconds} "${TINYCAPI_QEMU_SYSTEM_ARM}" -M ${machine} -nographic
            -semihosting-config enable=on,target=native -kernel $<TARGET_FILE:${image}>)
  math(EXPR ctest_seconds "${seconds} + 30")
  set_tests_properties("${test_name}" PROPERTIES TIMEOUT ${ctest_seconds} LABELS "${labels}")
endfunction()
