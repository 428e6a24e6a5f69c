/* Key pairs encrypted at rest (AES-256-GCM under the port's device key): the host-debug preset
 * builds with it, so the whole host suite runs over sealed records. */
#define TINYCAPI_ENCRYPT_KEYS_AT_REST 1

/* The host-debug build also reports leaked keys and hashes (the mock port collects them, and
 * every test ends by checking that none leaked). */
#define TINYCAPI_LEAK_REPORT 1
