/* threading_alt.h as firmware writes it: the RTOS port's mutex is Mbed TLS's. */
#if defined(TINYCAPI_MBEDTLS_GLUE_freertos)
#include <tinycapi/mbedtls_threading_freertos.h>
typedef tinycapi_freertos_mbedtls_mutex mbedtls_threading_mutex_t;
#elif defined(TINYCAPI_MBEDTLS_GLUE_zephyr)
#include <tinycapi/mbedtls_threading_zephyr.h>
typedef tinycapi_zephyr_mbedtls_mutex mbedtls_threading_mutex_t;
#elif defined(TINYCAPI_MBEDTLS_GLUE_cmsis_rtos2)
#include <tinycapi/mbedtls_threading_cmsis_rtos2.h>
typedef tinycapi_cmsis_rtos2_mbedtls_mutex mbedtls_threading_mutex_t;
#endif
