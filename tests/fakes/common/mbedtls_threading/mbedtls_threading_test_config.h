/* tinycapi's Mbed TLS configuration plus threading through an RTOS port's glue
 * (MBEDTLS_THREADING_ALT), for the port tests' build of Mbed TLS's threading.c. */
#include "tinycapi_mbedtls_config.h"

#define MBEDTLS_THREADING_C
#define MBEDTLS_THREADING_ALT
