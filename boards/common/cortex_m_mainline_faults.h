/*
 * Fault reports and reset of the ARMv7-M and ARMv8-M mainline QEMU boards (mps2-an385,
 * mps2-an505), which have the fault status registers that ARMv6-M lacks. Plain C99.
 *
 * Every exception other than reset is unexpected in these images (no interrupt is enabled).
 * The report names it, prints the stacked pc/lr/xPSR and the fault status registers over
 * semihosting, and exits with status 128 + the exception number (HardFault → 131), so a crash
 * under ctest fails the test at once instead of hanging until the timeout.
 */
#ifndef TINYCAPI_BOARD_CORTEX_M_MAINLINE_FAULTS_H
#define TINYCAPI_BOARD_CORTEX_M_MAINLINE_FAULTS_H

#include <stdint.h>

/* Report MemManage, Bus and Usage faults (and on ARMv8-M SecureFault) under their own names
 * instead of all as HardFault, and trap integer division by zero instead of yielding 0. */
void cortex_m_enable_fault_reports(void);

/* The report; the board's naked fault entry branches here with the exception frame and IPSR. */
void fault_report(const uint32_t *frame, uint32_t exception) __attribute__((noreturn, used));

/* SYSRESETREQ: QEMU resets the machine; RAM outside the ELF's segments keeps its contents. */
void board_system_reset(void) __attribute__((noreturn));

#endif
