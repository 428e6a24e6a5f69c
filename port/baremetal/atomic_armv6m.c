/*
 * The __atomic_* library helpers for ARMv6-M (Cortex-M0/M0+/M1), by masking interrupts.
 *
 * ARMv6-M has no exclusive-access instructions (LDREX/STREX), so GCC compiles the
 * read-modify-write operations of std::atomic (fetch_add, fetch_sub, exchange,
 * compare_exchange ...) into calls of __atomic_fetch_add_4 and its kin, which it expects from
 * libatomic; arm-none-eabi ships none. Loads and stores of 1, 2 and 4 bytes stay inline.
 *
 * Here each helper runs its plain read-modify-write with PRIMASK set (interrupts masked) and
 * restores PRIMASK as it was. That is atomic with respect to every interrupt handler and
 * thread switch on a single-core part, which every ARMv6-M part running tinycapi is; the
 * memory-order argument needs no barrier on such a core (the instruction stream is the only
 * observer), and the compiler barrier is the asm's "memory" clobber. The masked window is a
 * few instructions. NMI and HardFault are not masked; tinycapi is never called from them.
 *
 * The helpers are weak: firmware that already has its own (an RTOS's, a vendor SDK's) keeps
 * them. On every other architecture this file compiles to nothing. docs/ARCHITECTURE.md,
 * "ARMv6-M", records the choice.
 */
#if defined(__ARM_ARCH_6M__)

#include <stdbool.h>
#include <stdint.h>

static inline uint32_t interrupts_mask(void) {
    uint32_t primask;
    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask)::"memory");
    return primask;
}

static inline void interrupts_restore(uint32_t primask) {
    __asm__ volatile("msr primask, %0" ::"r"(primask) : "memory");
}

/* The libatomic names are GCC built-ins, which C cannot define under their own names: each
 * helper is defined under a local name and given the library name as its assembler label. */
#define TINYCAPI_ATOMIC_FETCH_OP(name, op, size, type)                                          \
    __attribute__((weak)) type tinycapi_atomic_fetch_##name##_##size(volatile void *pointer,    \
                                                                     type value, int order)     \
        __asm__("__atomic_fetch_" #name "_" #size);                                             \
    type tinycapi_atomic_fetch_##name##_##size(volatile void *pointer, type value, int order) { \
        volatile type *target = (volatile type *)pointer;                                       \
        (void)order;                                                                            \
        uint32_t primask = interrupts_mask();                                                   \
        type old = *target;                                                                     \
        *target = (type)(old op value);                                                         \
        interrupts_restore(primask);                                                            \
        return old;                                                                             \
    }                                                                                           \
    __attribute__((weak)) type tinycapi_atomic_##name##_fetch_##size(volatile void *pointer,    \
                                                                     type value, int order)     \
        __asm__("__atomic_" #name "_fetch_" #size);                                             \
    type tinycapi_atomic_##name##_fetch_##size(volatile void *pointer, type value, int order) { \
        volatile type *target = (volatile type *)pointer;                                       \
        (void)order;                                                                            \
        uint32_t primask = interrupts_mask();                                                   \
        type result = (type)(*target op value);                                                 \
        *target = result;                                                                       \
        interrupts_restore(primask);                                                            \
        return result;                                                                          \
    }

#define TINYCAPI_ATOMIC_EXCHANGE(size, type)                                                         \
    __attribute__((weak)) type tinycapi_atomic_exchange_##size(volatile void *pointer, type value,   \
                                                               int order)                            \
        __asm__("__atomic_exchange_" #size);                                                         \
    type tinycapi_atomic_exchange_##size(volatile void *pointer, type value, int order) {            \
        volatile type *target = (volatile type *)pointer;                                            \
        (void)order;                                                                                 \
        uint32_t primask = interrupts_mask();                                                        \
        type old = *target;                                                                          \
        *target = value;                                                                             \
        interrupts_restore(primask);                                                                 \
        return old;                                                                                  \
    }                                                                                                \
    __attribute__((weak)) bool tinycapi_atomic_compare_exchange_##size(                              \
        volatile void *pointer, void *expected, type desired, bool weak, int success, int failure)   \
        __asm__("__atomic_compare_exchange_" #size);                                                 \
    bool tinycapi_atomic_compare_exchange_##size(volatile void *pointer, void *expected,             \
                                                 type desired, bool weak, int success, int failure) { \
        volatile type *target = (volatile type *)pointer;                                            \
        type *expected_value = (type *)expected;                                                     \
        (void)weak;                                                                                  \
        (void)success;                                                                               \
        (void)failure;                                                                               \
        uint32_t primask = interrupts_mask();                                                        \
        type current = *target;                                                                      \
        bool equal = current == *expected_value;                                                     \
        if (equal) {                                                                                 \
            *target = desired;                                                                       \
        }                                                                                            \
        interrupts_restore(primask);                                                                 \
        if (!equal) {                                                                                \
            *expected_value = current;                                                               \
        }                                                                                            \
        return equal;                                                                                \
    }

#define TINYCAPI_ATOMIC_ALL(size, type)           \
    TINYCAPI_ATOMIC_FETCH_OP(add, +, size, type)  \
    TINYCAPI_ATOMIC_FETCH_OP(sub, -, size, type)  \
    TINYCAPI_ATOMIC_FETCH_OP(and, &, size, type)  \
    TINYCAPI_ATOMIC_FETCH_OP(or, |, size, type)   \
    TINYCAPI_ATOMIC_FETCH_OP(xor, ^, size, type)  \
    TINYCAPI_ATOMIC_EXCHANGE(size, type)

TINYCAPI_ATOMIC_ALL(1, uint8_t)
TINYCAPI_ATOMIC_ALL(2, uint16_t)
TINYCAPI_ATOMIC_ALL(4, uint32_t)

#else
/* Not ARMv6-M: the compiler inlines every atomic operation (LDREX/STREX or the host's). */
typedef int tinycapi_atomic_armv6m_not_needed;
#endif
