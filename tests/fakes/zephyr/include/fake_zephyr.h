/* Control of the fake Zephyr kernel by tests (not a Zephyr API). */
#ifndef FAKE_ZEPHYR_H
#define FAKE_ZEPHYR_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The calling thread runs as an ISR until it leaves. */
void fake_zephyr_enter_isr(void);
void fake_zephyr_leave_isr(void);
/* PRE_KERNEL initialisation (true) or threads running (false, the start state). */
void fake_zephyr_set_pre_kernel(bool pre_kernel);
/* The next `count` sys_csrand_get calls fail with -EIO. */
void fake_zephyr_fail_csrand(unsigned count);

#ifdef __cplusplus
}
#endif

#endif /* FAKE_ZEPHYR_H */
