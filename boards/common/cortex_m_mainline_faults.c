/*
 * Fault reports and reset of the ARMv7-M and ARMv8-M mainline QEMU boards
 * (cortex_m_mainline_faults.h). Plain C99.
 */
#include "cortex_m_mainline_faults.h"

#include "fault_report.h"
#include "semihosting.h"

/* System control block registers (Armv7-M ARM B3.2; ARMv8-M ARM D1.2). */
#define SCB_AIRCR (*(volatile uint32_t *)0xe000ed0cu)
#define SCB_CCR (*(volatile uint32_t *)0xe000ed14u)
#define SCB_SHCSR (*(volatile uint32_t *)0xe000ed24u)
#define SCB_CFSR (*(volatile uint32_t *)0xe000ed28u)
#define SCB_HFSR (*(volatile uint32_t *)0xe000ed2cu)
#define SCB_MMFAR (*(volatile uint32_t *)0xe000ed34u)
#define SCB_BFAR (*(volatile uint32_t *)0xe000ed38u)
#define CCR_DIV_0_TRP (1u << 4)
#if defined(__ARM_ARCH_8M_MAIN__)
#define SHCSR_FAULTS_ENABLE ((1u << 16) | (1u << 17) | (1u << 18) | (1u << 19)) /* + SecureFault */
#else
#define SHCSR_FAULTS_ENABLE ((1u << 16) | (1u << 17) | (1u << 18)) /* MemManage, Bus, Usage */
#endif

void cortex_m_enable_fault_reports(void) {
    SCB_SHCSR |= SHCSR_FAULTS_ENABLE;
    SCB_CCR |= CCR_DIV_0_TRP;
}

static const char *exception_name(uint32_t exception) {
    switch (exception) {
    case 2: return "NMI";
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
#if defined(__ARM_ARCH_8M_MAIN__)
    case 7: return "SecureFault";
#endif
    case 11: return "SVCall";
    case 12: return "DebugMonitor";
    case 14: return "PendSV";
    case 15: return "SysTick";
    default: return exception >= 16 ? "interrupt" : "reserved exception";
    }
}

void fault_report(const uint32_t *frame, uint32_t exception) {
    exception &= 0x1ffu;
    cortex_m_report_fault_frame(frame, exception, exception_name(exception));
    /* On ARMv8-M, CFSR bit 20 (STKOF) says the stack limit was hit. */
    cortex_m_report_register("    cfsr ", SCB_CFSR);
    cortex_m_report_register("  hfsr ", SCB_HFSR);
    cortex_m_report_register("  mmfar ", SCB_MMFAR);
    cortex_m_report_register("  bfar ", SCB_BFAR);
    semihosting_puts("\n");
    semihosting_exit(128 + (int)exception);
}

/* AIRCR: VECTKEY 0x05FA and SYSRESETREQ (Armv7-M ARM, B3.2.6). */
void board_system_reset(void) {
    __asm__ volatile("dsb" ::: "memory");
    SCB_AIRCR = (0x05FAu << 16) | (1u << 2);
    __asm__ volatile("dsb" ::: "memory");
    for (;;) {
    }
}
