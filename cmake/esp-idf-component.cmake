# tinycapi as an ESP-IDF component: the top-level CMakeLists.txt includes this file instead of
# building a project when ESP-IDF processes it (ESP_PLATFORM). The library runs on the
# FreeRTOS port (port/freertos) over ESP-IDF's own Mbed TLS, and takes its entropy from the
# ESP32's hardware RNG (port/esp-idf). Configure it with a header named by
# TINYCAPI_USER_CONFIG_FILE in the application's CMakeLists.txt, as on any other build.
set(_tinycapi_root "${CMAKE_CURRENT_LIST_DIR}/..")
file(GLOB_RECURSE _tinycapi_sources
  "${_tinycapi_root}/core/api/*.cpp" "${_tinycapi_root}/core/objects/*.cpp"
  "${_tinycapi_root}/core/handles/*.cpp" "${_tinycapi_root}/core/crypto/*.cpp"
  "${_tinycapi_root}/port/common/*.cpp" "${_tinycapi_root}/port/freertos/*.cpp"
  "${_tinycapi_root}/port/esp-idf/*.c")

idf_component_register(
  SRCS ${_tinycapi_sources}
  INCLUDE_DIRS "core/include" "port/include" "config" "compat/include"
  PRIV_INCLUDE_DIRS "core" "port/common"
  REQUIRES mbedtls freertos esp_hw_support)

target_compile_options(${COMPONENT_LIB} PRIVATE
  $<$<COMPILE_LANGUAGE:CXX>:-std=gnu++17 -fno-exceptions -fno-rtti -fno-threadsafe-statics>)
if(TINYCAPI_USER_CONFIG_FILE)
  target_compile_definitions(${COMPONENT_LIB} PUBLIC "TINYCAPI_USER_CONFIG_FILE=\"${TINYCAPI_USER_CONFIG_FILE}\"")
endif()
