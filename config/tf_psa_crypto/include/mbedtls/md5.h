/* TF-PSA-Crypto 1.x build only (config/tf_psa_crypto/include is on the include path only with
 * -DTINYCAPI_TF_PSA_CRYPTO_DIR): Mbed TLS 3.6's <mbedtls/md5.h> is TF-PSA-Crypto's private
 * <mbedtls/private/md5.h>, whose functions it declares only with
 * MBEDTLS_DECLARE_PRIVATE_IDENTIFIERS (defined for every tinycapi file in that build). */
#include <mbedtls/private/md5.h>
