# A 32-bit build on an x86-64 host (the host-m32 preset: gcc -m32). Its test programs run
# natively where the kernel runs 32-bit programs (IA-32 emulation) and otherwise under QEMU's
# user-mode emulator (qemu-i386, Debian's qemu-user, which tools/setup installs): some sandboxes
# (gVisor, for one) run no 32-bit program. The emulator becomes CMAKE_CROSSCOMPILING_EMULATOR,
# which ctest puts in front of every test program of this build.
set(TINYCAPI_HOST_M32 OFF)
if(NOT CMAKE_CROSSCOMPILING AND CMAKE_SIZEOF_VOID_P EQUAL 4 AND CMAKE_HOST_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  set(TINYCAPI_HOST_M32 ON)
  if(NOT CMAKE_CROSSCOMPILING_EMULATOR)
    set(_probe_source "${CMAKE_BINARY_DIR}/CMakeFiles/m32_probe.c")
    file(WRITE "${_probe_source}" "int main(void) { return 0; }\n")
    try_run(_m32_runs _m32_compiles "${CMAKE_BINARY_DIR}/CMakeFiles/m32_probe" "${_probe_source}")
    if(NOT _m32_compiles)
      message(FATAL_ERROR "gcc -m32 cannot build a program: install gcc-multilib and g++-multilib (tools/setup)")
    endif()
    if(NOT "${_m32_runs}" STREQUAL "0")
      find_program(TINYCAPI_QEMU_I386 qemu-i386)
      if(NOT TINYCAPI_QEMU_I386)
        message(FATAL_ERROR "This kernel runs no 32-bit program and qemu-i386 is missing: install qemu-user (tools/setup)")
      endif()
      set(CMAKE_CROSSCOMPILING_EMULATOR "${TINYCAPI_QEMU_I386}")
      message(STATUS "32-bit programs do not run natively here: the tests run under ${TINYCAPI_QEMU_I386}")
    endif()
  endif()
endif()
