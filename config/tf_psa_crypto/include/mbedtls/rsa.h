/* TF-PSA-Crypto 1.x build only (config/tf_psa_crypto/include is on the include path only with
 * -DTINYCAPI_TF_PSA_CRYPTO_DIR): Mbed TLS 3.6's <mbedtls/rsa.h> is TF-PSA-Crypto's private
 * <mbedtls/private/rsa.h>, whose functions it declares only with
 * MBEDTLS_DECLARE_PRIVATE_IDENTIFIERS (defined for every tinycapi file in that build). */
#include <mbedtls/private/rsa.h>
