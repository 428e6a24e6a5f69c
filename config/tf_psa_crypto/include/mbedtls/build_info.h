/* TF-PSA-Crypto 1.x build only: Mbed TLS 3.6's <mbedtls/build_info.h> is TF-PSA-Crypto's
 * <tf-psa-crypto/build_info.h> (config/tinycapi_mbedtls_check.h tells the two apart). */
#include <tf-psa-crypto/build_info.h>
