/*
 * Fake Zephyr (tests/fakes/zephyr): the subset of the kernel API tinycapi's port uses, with
 * Zephyr's names, types, signatures and return codes (Zephyr API documentation, "Mutexes",
 * "Interrupts", "Threads"; https://docs.zephyrproject.org/latest/kernel/services/), implemented
 * over pthreads by fake_zephyr.cpp. Written for this project; no Zephyr source is copied.
 */
#ifndef ZEPHYR_INCLUDE_KERNEL_H_
#define ZEPHYR_INCLUDE_KERNEL_H_

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The application's configuration, as autoconf.h would give it. */
#ifndef CONFIG_THREAD_LOCAL_STORAGE
#define CONFIG_THREAD_LOCAL_STORAGE 1
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef int64_t k_ticks_t;
typedef struct {
    k_ticks_t ticks;
} k_timeout_t;

#define K_TICKS_FOREVER ((k_ticks_t)-1)
#ifdef __cplusplus
#define K_NO_WAIT (k_timeout_t{0})
#define K_FOREVER (k_timeout_t{K_TICKS_FOREVER})
#define K_MSEC(ms) (k_timeout_t{(k_ticks_t)(ms)})
#else
#define K_NO_WAIT ((k_timeout_t){0})
#define K_FOREVER ((k_timeout_t){K_TICKS_FOREVER})
#define K_MSEC(ms) ((k_timeout_t){(k_ticks_t)(ms)})
#endif

struct k_thread;
typedef struct k_thread *k_tid_t;

/* A mutex: recursive, with an owner, with priority inheritance. The fake keeps its object
 * behind the first word; `defined` marks a K_MUTEX_DEFINE'd one. */
struct k_mutex {
    void *fake_object;
    uint32_t defined;
};

#define Z_FAKE_MUTEX_DEFINED 0x4d555458u
/* A mutex ready to use without k_mutex_init. */
#define K_MUTEX_DEFINE(name) struct k_mutex name = {0, Z_FAKE_MUTEX_DEFINED}

/* 0. */
int k_mutex_init(struct k_mutex *mutex);
/* 0: locked (again, by its owner: recursive); -EBUSY: K_NO_WAIT and held; -EAGAIN: timed out.
 * Not from an ISR. */
int k_mutex_lock(struct k_mutex *mutex, k_timeout_t timeout);
/* 0; -EPERM: the caller does not own it; -EINVAL: it is not locked. Not from an ISR. */
int k_mutex_unlock(struct k_mutex *mutex);

bool k_is_in_isr(void);
/* True while the kernel runs its PRE_KERNEL initialisation (no thread yet). */
bool k_is_pre_kernel(void);
k_tid_t k_current_get(void);

#ifdef __cplusplus
}
#endif

#endif /* ZEPHYR_INCLUDE_KERNEL_H_ */
