/* Fake CMSIS-Core: __get_IPSR, which the CMSIS-RTOS2 port reads to know it runs in an
 * exception handler (non-zero IPSR). The real one is an inline reading the register. */
#ifndef CMSIS_COMPILER_H_
#define CMSIS_COMPILER_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

uint32_t __get_IPSR(void);

#ifdef __cplusplus
}
#endif

#endif /* CMSIS_COMPILER_H_ */
