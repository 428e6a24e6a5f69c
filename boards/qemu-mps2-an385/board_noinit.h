/* Memory of the mps2-an385 board that a CPU reset does not clear (mps2_an385.ld, NOINIT). */
#ifndef BOARD_NOINIT_H
#define BOARD_NOINIT_H

#ifdef __cplusplus
extern "C" {
#endif

/* 4 KiB that keep their contents across SYSRESETREQ (zeros after QEMU starts): for tests
 * that must remember something across a reset. */
void *board_noinit_scratch(void);

/* Request a system reset (SCB AIRCR.SYSRESETREQ); does not return. */
void board_system_reset(void) __attribute__((noreturn));

#ifdef __cplusplus
}
#endif

#endif
