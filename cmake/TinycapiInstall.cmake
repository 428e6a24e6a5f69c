# Installs tinycapi as a CMake package:
#   <prefix>/include/tinycapi/          wincrypt.h, tinycapi.h, port.h, flash_device.h
#   <prefix>/include/tinycapi/config/   tinycapi_config.h and the Mbed TLS configuration
#   <prefix>/include/tinycapi/compat/   windows.h, wincrypt.h, tchar.h (tinycapi::compat)
#   <prefix>/lib/                       libtinycapi.a (+ the Mbed TLS it was built with)
#   <prefix>/lib/cmake/tinycapi/        tinycapiConfig.cmake, version file, targets
#   <prefix>/lib/pkgconfig/             tinycapi.pc, tinycapi-compat.pc (builds without CMake)
# A consumer writes find_package(tinycapi) and links tinycapi::tinycapi, or tinycapi::compat
# for unchanged Windows source that includes <windows.h> and <wincrypt.h>.
#
# Expects the top-level CMakeLists.txt to have defined tinycapi, tinycapi_compat,
# tinycapi_config and tinycapi_mbedcrypto, TINYCAPI_PORT and TINYCAPI_MBEDTLS_FROM_SOURCE.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TINYCAPI_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/tinycapi"
  CACHE STRING "Where tinycapi's CMake package files are installed, relative to the prefix")

# ---- Headers ------------------------------------------------------------------------------
file(GLOB _tinycapi_public_headers "${PROJECT_SOURCE_DIR}/core/include/tinycapi/*.h")
install(FILES ${_tinycapi_public_headers} "${PROJECT_SOURCE_DIR}/port/include/tinycapi/port.h"
  "${PROJECT_SOURCE_DIR}/port/include/tinycapi/flash_device.h"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/tinycapi")
file(GLOB _tinycapi_config_headers "${PROJECT_SOURCE_DIR}/config/*.h")
install(FILES ${_tinycapi_config_headers}
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/tinycapi/config")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/compat/include/"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/tinycapi/compat")

# ---- Libraries and their exported targets -------------------------------------------------
# tinycapi links tinycapi::mbedcrypto at install time: when Mbed TLS is built from source
# that is the static library built here, so it is installed beside libtinycapi.a; otherwise
# it is an interface target over the installed MbedTLS::mbedcrypto.
install(TARGETS tinycapi tinycapi_compat tinycapi_config tinycapi_mbedcrypto
  EXPORT tinycapiTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(EXPORT tinycapiTargets
  NAMESPACE tinycapi::
  FILE tinycapiTargets.cmake
  DESTINATION "${TINYCAPI_INSTALL_CMAKEDIR}")

# ---- Package configuration ----------------------------------------------------------------
# Values the config file needs to find tinycapi's own dependencies again.
set(TINYCAPI_PACKAGE_PORT "${TINYCAPI_PORT}")
if(TINYCAPI_MBEDTLS_FROM_SOURCE)
  set(TINYCAPI_PACKAGE_MBEDTLS_FROM_SOURCE ON)
else()
  set(TINYCAPI_PACKAGE_MBEDTLS_FROM_SOURCE OFF)
endif()
configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/tinycapiConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/tinycapiConfig.cmake"
  INSTALL_DESTINATION "${TINYCAPI_INSTALL_CMAKEDIR}")
# 0.x: a minor release may change the API, so only the same minor version is compatible.
# The version file also rejects a package built for another pointer size (an Arm build
# found by a host project).
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/tinycapiConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/tinycapiConfig.cmake"
  "${PROJECT_BINARY_DIR}/tinycapiConfigVersion.cmake"
  DESTINATION "${TINYCAPI_INSTALL_CMAKEDIR}")

# ---- pkg-config ---------------------------------------------------------------------------
# The same library for builds without CMake. Relocatable: the prefix is found from the .pc
# file's own directory (${pcfiledir}).
set(TINYCAPI_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
  CACHE STRING "Where tinycapi's pkg-config files are installed, relative to the prefix")
file(RELATIVE_PATH TINYCAPI_PC_PREFIX_FROM_PCDIR "/prefix/${TINYCAPI_INSTALL_PKGCONFIGDIR}" "/prefix")
string(REGEX REPLACE "/$" "" TINYCAPI_PC_PREFIX_FROM_PCDIR "${TINYCAPI_PC_PREFIX_FROM_PCDIR}")
# The build's configuration header is installed beside the defaults under a fixed name that a
# plain macro selects: a quoted path would not survive $(pkg-config ...) in a shell.
set(TINYCAPI_PC_CFLAGS "")
if(TINYCAPI_USER_CONFIG_FILE)
  install(FILES "${TINYCAPI_USER_CONFIG_FILE}" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/tinycapi/config"
    RENAME tinycapi_user_config.h)
  set(TINYCAPI_PC_CFLAGS " -DTINYCAPI_INSTALLED_USER_CONFIG=1")
endif()
if(TINYCAPI_MBEDTLS_FROM_SOURCE)
  set(TINYCAPI_PC_MBEDTLS_LIBS "-l$<TARGET_FILE_BASE_NAME:tinycapi_mbedcrypto>")
else()
  set(TINYCAPI_PC_MBEDTLS_LIBS "-lmbedcrypto")
endif()
set(TINYCAPI_PC_THREADS "")
if(TINYCAPI_PORT STREQUAL "posix")
  set(TINYCAPI_PC_THREADS " -pthread")
endif()
foreach(_pc tinycapi tinycapi-compat)
  configure_file("${PROJECT_SOURCE_DIR}/cmake/${_pc}.pc.in" "${PROJECT_BINARY_DIR}/${_pc}.pc.configured" @ONLY)
  # file(GENERATE) resolves the Mbed TLS library's file name.
  file(GENERATE OUTPUT "${PROJECT_BINARY_DIR}/${_pc}.pc" INPUT "${PROJECT_BINARY_DIR}/${_pc}.pc.configured")
  install(FILES "${PROJECT_BINARY_DIR}/${_pc}.pc" DESTINATION "${TINYCAPI_INSTALL_PKGCONFIGDIR}")
endforeach()
