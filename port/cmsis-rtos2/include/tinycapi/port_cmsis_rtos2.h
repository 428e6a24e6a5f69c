/*
 * <tinycapi/port_cmsis_rtos2.h> — what the CMSIS-RTOS2 port adds to <tinycapi/port.h>.
 *
 * CMSIS-RTOS2 has no thread-local storage, so the port keeps each thread's last error in a
 * table of TINYCAPI_CMSIS_RTOS2_MAX_THREADS slots (tinycapi_config.h or your user config,
 * default 8) keyed by osThreadGetId(). A thread takes a slot at its first Crypt* call and keeps
 * it. When every slot is taken, a Crypt* call from a thread without one fails with NTE_FAIL
 * and changes nothing; such threads share one last error. A thread that ends (or firmware that
 * creates threads dynamically) gives its slot back with tinycapi_cmsis_rtos2_release_thread()
 * before osThreadExit; a slot of a thread that ended without it passes to the next thread
 * with the same id (RTX: the same control block).
 */
#ifndef TINYCAPI_PORT_CMSIS_RTOS2_H
#define TINYCAPI_PORT_CMSIS_RTOS2_H

#ifdef __cplusplus
extern "C" {
#endif

/* Give the calling thread's last-error slot back. */
void tinycapi_cmsis_rtos2_release_thread(void);

#ifdef __cplusplus
}
#endif

#endif /* TINYCAPI_PORT_CMSIS_RTOS2_H */
