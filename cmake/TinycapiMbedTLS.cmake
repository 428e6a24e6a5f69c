# Resolves the Mbed TLS 3.6 that tinycapi builds on and defines the target
# tinycapi::mbedcrypto. In order of preference:
#   1. -DTINYCAPI_MBEDTLS_SOURCE_DIR=<a 3.6 source tree>: built here with tinycapi's
#      configuration (config/tinycapi_mbedtls_config.h).
#   2. the cache folder tools/setup fills (<repo>/.cache/mbedtls): the same, with no arguments.
#   3. -DTINYCAPI_MBEDTLS_USE_PACKAGE=ON, or neither of the above present:
#      find_package(MbedTLS 3.6) — an installed Mbed TLS with its own configuration, which
#      config/tinycapi_mbedtls_check.h verifies at compile time.

# The crypto backend core/crypto is built over (docs/ARCHITECTURE.md, "Crypto backends"):
#   mbedtls3  Mbed TLS 3.6's direct hash, cipher and RSA interfaces (core/crypto/mbedtls3)
#   psa       the PSA Crypto API (core/crypto/psa), here over Mbed TLS 3.6's own PSA core
set(TINYCAPI_CRYPTO_BACKEND "mbedtls3" CACHE STRING "core/crypto backend: mbedtls3 or psa")
set_property(CACHE TINYCAPI_CRYPTO_BACKEND PROPERTY STRINGS mbedtls3 psa)
# -DTINYCAPI_TF_PSA_CRYPTO_DIR=<a TF-PSA-Crypto 1.x checkout>: the psa backend over it instead of
# Mbed TLS 3.6 (cmake/TinycapiTfPsaCrypto.cmake); mbedtls3's interfaces are not in TF-PSA-Crypto.
set(TINYCAPI_TF_PSA_CRYPTO_DIR "" CACHE PATH "A TF-PSA-Crypto 1.x source tree to build the psa backend on")
if(TINYCAPI_REQUIRE_TF_PSA_CRYPTO AND NOT TINYCAPI_TF_PSA_CRYPTO_DIR)
  message(FATAL_ERROR "tinycapi: this build (preset host-tf-psa) is over TF-PSA-Crypto: set "
                      "TINYCAPI_TF_PSA_CRYPTO_DIR in the environment to a TF-PSA-Crypto 1.x checkout")
endif()
if(TINYCAPI_TF_PSA_CRYPTO_DIR AND NOT TINYCAPI_CRYPTO_BACKEND STREQUAL "psa")
  message(STATUS "tinycapi: TINYCAPI_TF_PSA_CRYPTO_DIR selects the psa backend")
  set_property(CACHE TINYCAPI_CRYPTO_BACKEND PROPERTY VALUE psa)
endif()
if(NOT TINYCAPI_CRYPTO_BACKEND MATCHES "^(mbedtls3|psa)$")
  message(FATAL_ERROR "TINYCAPI_CRYPTO_BACKEND must be mbedtls3 or psa, not ${TINYCAPI_CRYPTO_BACKEND}")
endif()
if(TINYCAPI_CRYPTO_BACKEND STREQUAL "psa")
  target_compile_definitions(tinycapi_config INTERFACE TINYCAPI_CRYPTO_BACKEND_PSA=1)
endif()
message(STATUS "tinycapi: crypto backend ${TINYCAPI_CRYPTO_BACKEND}")
if(TINYCAPI_TF_PSA_CRYPTO_DIR)
  include("${CMAKE_CURRENT_LIST_DIR}/TinycapiTfPsaCrypto.cmake")
  return()
endif()

set(TINYCAPI_MBEDTLS_SOURCE_DIR "" CACHE PATH "An Mbed TLS 3.6 source tree to build tinycapi on")
option(TINYCAPI_MBEDTLS_USE_PACKAGE "Use an installed Mbed TLS 3.6 found by find_package" OFF)

set(_tinycapi_mbedtls_cache "${PROJECT_SOURCE_DIR}/.cache/mbedtls")
if(NOT TINYCAPI_MBEDTLS_SOURCE_DIR AND NOT TINYCAPI_MBEDTLS_USE_PACKAGE
   AND EXISTS "${_tinycapi_mbedtls_cache}/include/mbedtls/build_info.h")
  set(TINYCAPI_MBEDTLS_SOURCE_DIR "${_tinycapi_mbedtls_cache}")
endif()

if(TINYCAPI_MBEDTLS_SOURCE_DIR AND NOT TINYCAPI_MBEDTLS_USE_PACKAGE)
  set(_src "${TINYCAPI_MBEDTLS_SOURCE_DIR}")
  if(NOT EXISTS "${_src}/include/mbedtls/build_info.h")
    message(FATAL_ERROR "TINYCAPI_MBEDTLS_SOURCE_DIR=${_src} is not an Mbed TLS source tree")
  endif()
  file(STRINGS "${_src}/include/mbedtls/build_info.h" _ver
       REGEX "^#define MBEDTLS_VERSION_STRING +\"[0-9.]+\"")
  string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" TINYCAPI_MBEDTLS_VERSION "${_ver}")
  if(TINYCAPI_MBEDTLS_VERSION VERSION_LESS 3.6 OR TINYCAPI_MBEDTLS_VERSION VERSION_GREATER_EQUAL 4.0)
    message(FATAL_ERROR "tinycapi needs Mbed TLS 3.6 LTS; ${_src} is ${TINYCAPI_MBEDTLS_VERSION}")
  endif()
  message(STATUS "tinycapi: building Mbed TLS ${TINYCAPI_MBEDTLS_VERSION} from ${_src}")

  # Only the modules tinycapi's configuration enables produce code; the rest compile empty.
  file(GLOB _mbedtls_sources "${_src}/library/*.c")
  # tinycapi's bignum arena sits in the same archive as the Mbed TLS code that calls it, so
  # the configuration can route mbedtls_calloc to it at compile time without a link cycle.
  add_library(tinycapi_arena OBJECT "${PROJECT_SOURCE_DIR}/core/crypto/arena.cpp")
  target_include_directories(tinycapi_arena PRIVATE "${PROJECT_SOURCE_DIR}/core")
  target_link_libraries(tinycapi_arena PRIVATE tinycapi_config tinycapi_library_flags)
  add_library(tinycapi_mbedcrypto STATIC ${_mbedtls_sources} $<TARGET_OBJECTS:tinycapi_arena>)
  set_target_properties(tinycapi_mbedcrypto PROPERTIES EXPORT_NAME mbedcrypto)
  # Third-party headers: SYSTEM, so that neither our -Werror warnings nor clang-tidy judge
  # them when our code includes them.
  target_include_directories(tinycapi_mbedcrypto SYSTEM
    PUBLIC "$<BUILD_INTERFACE:${_src}/include>")
  target_include_directories(tinycapi_mbedcrypto PRIVATE "${_src}/library")
  target_compile_definitions(tinycapi_mbedcrypto
    PUBLIC "MBEDTLS_CONFIG_FILE=\"tinycapi_mbedtls_config.h\"")
  target_link_libraries(tinycapi_mbedcrypto PUBLIC tinycapi_config)
  # Third-party code: its own warnings are not ours to fail on.
  target_compile_options(tinycapi_mbedcrypto PRIVATE -w)
  add_library(tinycapi::mbedcrypto ALIAS tinycapi_mbedcrypto)
  set(TINYCAPI_MBEDTLS_FROM_SOURCE ON)
else()
  find_package(MbedTLS 3.6 CONFIG)
  if(NOT MbedTLS_FOUND)
    message(FATAL_ERROR
      "tinycapi: no Mbed TLS 3.6 found. Run tools/setup (it unpacks Debian's trixie source "
      "package into .cache/mbedtls), or pass -DTINYCAPI_MBEDTLS_SOURCE_DIR=<3.6 tree>, or "
      "install Mbed TLS 3.6 where find_package(MbedTLS) finds it.")
  endif()
  message(STATUS "tinycapi: using installed Mbed TLS ${MbedTLS_VERSION}")
  add_library(tinycapi_mbedcrypto INTERFACE)
  set_target_properties(tinycapi_mbedcrypto PROPERTIES EXPORT_NAME mbedcrypto)
  target_link_libraries(tinycapi_mbedcrypto INTERFACE MbedTLS::mbedcrypto)
  target_compile_definitions(tinycapi_mbedcrypto INTERFACE TINYCAPI_MBEDTLS_EXTERNAL_CONFIG=1)
  add_library(tinycapi::mbedcrypto ALIAS tinycapi_mbedcrypto)
  set(TINYCAPI_MBEDTLS_FROM_SOURCE OFF)
endif()
