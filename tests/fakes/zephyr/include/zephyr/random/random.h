/* Fake Zephyr: the random number API subset (see zephyr/kernel.h). */
#ifndef ZEPHYR_INCLUDE_RANDOM_RANDOM_H_
#define ZEPHYR_INCLUDE_RANDOM_RANDOM_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fill dst with len cryptographically secure random bytes (CONFIG_CSPRNG_ENABLED).
 * 0 on success, a negative errno when the entropy source failed. */
int sys_csrand_get(void *dst, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* ZEPHYR_INCLUDE_RANDOM_RANDOM_H_ */
