/*
 * FreeRTOS-Kernel V11 configuration for the QEMU mps2-an385 board (Cortex-M3, port
 * portable/GCC/ARM_CM3): the FreeRTOS test image (tests/target/freertos). Static allocation
 * only: no heap_x.c is linked, and a call that would allocate fails to link.
 */
#ifndef TINYCAPI_BOARD_MPS2_AN385_FREERTOS_CONFIG_H
#define TINYCAPI_BOARD_MPS2_AN385_FREERTOS_CONFIG_H

/* The AN385's core and SysTick run at 25 MHz (Arm AN385, "Clocks"; QEMU's mps2 SYSCLK). */
#define configCPU_CLOCK_HZ 25000000UL
#define configTICK_RATE_HZ 10000 /* slices shorter than most tests: preemption inside library calls */
#define configUSE_PREEMPTION 1
#define configUSE_TIME_SLICING 1 /* the suite's two tasks share a priority and the CPU */
#define configUSE_PORT_OPTIMISED_TASK_SELECTION 1
#define configMAX_PRIORITIES 4
#define configMINIMAL_STACK_SIZE 256 /* words */
#define configMAX_TASK_NAME_LEN 12
#define configTICK_TYPE_WIDTH_IN_BITS TICK_TYPE_WIDTH_32_BITS
#define configIDLE_SHOULD_YIELD 1

#define configSUPPORT_STATIC_ALLOCATION 1
#define configSUPPORT_DYNAMIC_ALLOCATION 0
#define configKERNEL_PROVIDED_STATIC_MEMORY 0 /* the image hands the idle task its memory */

#define configUSE_MUTEXES 1 /* tinycapi's locks (port/freertos) */
#define configUSE_RECURSIVE_MUTEXES 0
#define configUSE_COUNTING_SEMAPHORES 0
#define configUSE_TIMERS 0
#define configUSE_TASK_NOTIFICATIONS 1
#define configUSE_IDLE_HOOK 0
#define configUSE_TICK_HOOK 0
#define configUSE_TRACE_FACILITY 0
#define configQUEUE_REGISTRY_SIZE 0

/* Index 0: tinycapi's last error (TINYCAPI_FREERTOS_TLS_INDEX's default); index 1: the
 * on-target runner's per-task state. */
#define configNUM_THREAD_LOCAL_STORAGE_POINTERS 2

/* The image's task stacks are static arrays with no MPU guard: check them at every switch. */
#define configCHECK_FOR_STACK_OVERFLOW 2

/* The AN385's NVIC: priorities in the top 3 bits (QEMU may implement more; these values are
 * valid either way). The kernel's PendSV and SysTick take the lowest priority (port.c);
 * handlers at 0xa0 and numerically above (lower urgency) may call the FromISR API. */
#define configPRIO_BITS 3
#define configKERNEL_INTERRUPT_PRIORITY (7 << (8 - configPRIO_BITS))
#define configMAX_SYSCALL_INTERRUPT_PRIORITY (5 << (8 - configPRIO_BITS))
/* The image installs the kernel's handlers in its vector table directly (port.c checks). */
#define configCHECK_HANDLER_INSTALLATION 1

#define INCLUDE_vTaskDelay 1
#define INCLUDE_vTaskPrioritySet 1
#define INCLUDE_vTaskSuspend 1 /* portMAX_DELAY waits without limit (port/freertos's locks) */
#define INCLUDE_xTaskGetSchedulerState 1
#define INCLUDE_xTaskGetCurrentTaskHandle 1
#define INCLUDE_xSemaphoreGetMutexHolder 1
#define INCLUDE_uxTaskGetStackHighWaterMark 1
#define INCLUDE_vTaskDelete 0

/* A failed assertion ends the emulation with a failure (boards/qemu-mps2-an385/freertos). */
#ifdef __cplusplus
extern "C" {
#endif
void board_freertos_assert_failed(const char *file, int line) __attribute__((noreturn));
#ifdef __cplusplus
}
#endif
#define configASSERT(condition)                                                                \
    do {                                                                                       \
        if (!(condition)) board_freertos_assert_failed(__FILE__, __LINE__);                    \
    } while (0)

#endif /* TINYCAPI_BOARD_MPS2_AN385_FREERTOS_CONFIG_H */
