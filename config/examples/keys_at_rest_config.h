/* Key pairs encrypted at rest (AES-256-GCM under the port's device key): the host-debug preset
 * builds with it, so the whole host suite runs over sealed records. */
#define TINYCAPI_ENCRYPT_KEYS_AT_REST 1
