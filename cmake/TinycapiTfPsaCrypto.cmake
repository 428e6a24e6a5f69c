# The psa backend over a user's TF-PSA-Crypto 1.x checkout (-DTINYCAPI_TF_PSA_CRYPTO_DIR=<dir>),
# instead of Mbed TLS 3.6's PSA core. Included by cmake/TinycapiMbedTLS.cmake, which it replaces
# for that build; defines the same target, tinycapi::mbedcrypto.
#
# TF-PSA-Crypto is built here, like the 3.6 tree, from its sources with tinycapi's configuration
# (config/tf_psa_crypto/tinycapi_tf_psa_crypto_config.h) and tinycapi's arena in the same
# archive, so that its PSA core allocates from the arena (MBEDTLS_PLATFORM_CALLOC_MACRO) and no
# heap function is referenced. Its own CMake is not used: it would build its library with its
# own flags and without the arena, and drag in its programs and tests.
#
# A git checkout lacks the files TF-PSA-Crypto generates (the driver wrappers and the
# configuration checks); they are generated here at configure time with its scripts, which need
# python3 with jinja2 (the framework submodule must be checked out). A release archive has them.

set(_tf "${TINYCAPI_TF_PSA_CRYPTO_DIR}")
if(NOT EXISTS "${_tf}/include/tf-psa-crypto/build_info.h")
  message(FATAL_ERROR "TINYCAPI_TF_PSA_CRYPTO_DIR=${_tf} is not a TF-PSA-Crypto source tree")
endif()
file(STRINGS "${_tf}/include/tf-psa-crypto/build_info.h" _ver
     REGEX "^#define TF_PSA_CRYPTO_VERSION_STRING +\"[0-9.]+\"")
string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" TINYCAPI_TF_PSA_CRYPTO_VERSION "${_ver}")
if(TINYCAPI_TF_PSA_CRYPTO_VERSION VERSION_LESS 1.0 OR TINYCAPI_TF_PSA_CRYPTO_VERSION VERSION_GREATER_EQUAL 2.0)
  message(FATAL_ERROR "tinycapi builds on TF-PSA-Crypto 1.x; ${_tf} is ${TINYCAPI_TF_PSA_CRYPTO_VERSION}")
endif()
message(STATUS "tinycapi: building TF-PSA-Crypto ${TINYCAPI_TF_PSA_CRYPTO_VERSION} from ${_tf}")

set(_tf_generated "${PROJECT_BINARY_DIR}/tf-psa-crypto-generated")
if(EXISTS "${_tf}/core/psa_crypto_driver_wrappers.h")
  set(_tf_generated "${_tf}/core")
elseif(NOT EXISTS "${_tf_generated}/psa_crypto_driver_wrappers_no_static.c"
       OR NOT EXISTS "${_tf_generated}/tf_psa_crypto_config_check_final.h")
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  file(MAKE_DIRECTORY "${_tf_generated}")
  foreach(_script generate_driver_wrappers.py generate_config_checks.py)
    execute_process(COMMAND "${Python3_EXECUTABLE}" "${_tf}/scripts/${_script}" "${_tf_generated}"
                    WORKING_DIRECTORY "${_tf}" RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "tinycapi: ${_tf}/scripts/${_script} failed (it needs python3 with jinja2 and "
                          "the framework submodule checked out):\n${_out}")
    endif()
  endforeach()
endif()

file(GLOB _tf_sources "${_tf}/core/*.c" "${_tf}/drivers/builtin/src/*.c")
list(APPEND _tf_sources "${_tf_generated}/psa_crypto_driver_wrappers_no_static.c")
list(REMOVE_DUPLICATES _tf_sources)
add_library(tinycapi_arena OBJECT "${PROJECT_SOURCE_DIR}/core/crypto/arena.cpp")
target_include_directories(tinycapi_arena PRIVATE "${PROJECT_SOURCE_DIR}/core")
target_link_libraries(tinycapi_arena PRIVATE tinycapi_config tinycapi_library_flags)
add_library(tinycapi_mbedcrypto STATIC ${_tf_sources} $<TARGET_OBJECTS:tinycapi_arena>)
set_target_properties(tinycapi_mbedcrypto PROPERTIES EXPORT_NAME mbedcrypto)
# Third-party headers: SYSTEM, so that neither our -Werror warnings nor clang-tidy judge them.
# drivers/builtin/include holds the headers TF-PSA-Crypto 1.0 made private (mbedtls/private/).
target_include_directories(tinycapi_mbedcrypto SYSTEM PUBLIC
  "$<BUILD_INTERFACE:${_tf}/include>" "$<BUILD_INTERFACE:${_tf}/drivers/builtin/include>")
# tinycapi's code includes Mbed TLS 3.6's header names; config/tf_psa_crypto/include maps the
# few that TF-PSA-Crypto moved (mbedtls/ctr_drbg.h → mbedtls/private/ctr_drbg.h ...).
target_include_directories(tinycapi_mbedcrypto SYSTEM INTERFACE
  "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/config/tf_psa_crypto/include>")
target_include_directories(tinycapi_mbedcrypto PUBLIC
  "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/config/tf_psa_crypto>")
target_include_directories(tinycapi_mbedcrypto PRIVATE
  "${_tf}/core" "${_tf}/drivers/builtin/src" "${_tf_generated}")
target_compile_definitions(tinycapi_mbedcrypto
  PUBLIC "TF_PSA_CRYPTO_CONFIG_FILE=\"tinycapi_tf_psa_crypto_config.h\"" TINYCAPI_TF_PSA_CRYPTO=1
  # The documented opt-in to the declarations TF-PSA-Crypto 1.0 made private (its
  # docs/1.0-migration-guide.md, "Private declarations"): the CTR_DRBG of
  # core/crypto/random_ctr_drbg.cpp and private_drbg.cpp; the tests also compare with the legacy
  # RSA, bignum, AES and hash interfaces.
  INTERFACE MBEDTLS_DECLARE_PRIVATE_IDENTIFIERS)
target_link_libraries(tinycapi_mbedcrypto PUBLIC tinycapi_config)
target_compile_options(tinycapi_mbedcrypto PRIVATE -w)
add_library(tinycapi::mbedcrypto ALIAS tinycapi_mbedcrypto)
set(TINYCAPI_MBEDTLS_FROM_SOURCE ON)
