// The fake FreeRTOS kernel over pthreads (see include/FreeRTOS.h). It enforces what the real
// kernel asserts (configASSERT) or leaves undefined, reporting each as a test failure:
//   - a mutex taken again by its holder (FreeRTOS mutexes are not recursive: a deadlock);
//   - a mutex taken or given from an interrupt handler;
//   - a mutex given by a task that does not hold it;
//   - a mutex used before xSemaphoreCreateMutexStatic, or deleted while held;
//   - a task ending while it holds a mutex;
//   - before the scheduler starts: the "current task" used (its thread-local storage: the kernel
//     has none, or the one it will run first, not main()), or a wait on a held mutex;
//   - a critical section entered from an interrupt handler (that needs the FromISR variant).
#include "fake_freertos.h"

#include <atomic>
#include <mutex>

#include "fake_kernel.hpp"
#include "queue.h"
#include "semphr.h"
#include "task.h"

namespace {

std::atomic<BaseType_t> scheduler_state{taskSCHEDULER_RUNNING};
std::recursive_mutex critical_section;

bool scheduler_started() { return scheduler_state.load() != taskSCHEDULER_NOT_STARTED; }

fake_kernel::Mutex *mutex_of(QueueHandle_t handle, const char *call) {
    if (handle == nullptr) {
        fake_kernel::report_fatal(std::string(call) + " on a NULL mutex handle (used before it was created)");
        return nullptr;
    }
    auto *storage = reinterpret_cast<StaticQueue_t *>(handle);
    fake_kernel::Mutex *mutex = fake_kernel::created_in(&storage->pvDummy1[0]);
    if (mutex == nullptr) fake_kernel::report_fatal(std::string(call) + " on a mutex that was not created");
    return mutex;
}

bool refused_in_interrupt(const char *call) {
    if (!fake_kernel::current_thread().in_interrupt) return false;
    fake_kernel::report(std::string(call) + " on a mutex from an interrupt handler");
    return true;
}

long ticks_to_ms(TickType_t ticks) {
    return ticks == portMAX_DELAY ? fake_kernel::kWaitForever : static_cast<long>(ticks);  // 1 ms ticks
}

TaskHandle_t task_of(const fake_kernel::ThreadState *thread) {
    return reinterpret_cast<TaskHandle_t>(const_cast<fake_kernel::ThreadState *>(thread));
}

}  // namespace

extern "C" {

void fake_freertos_set_scheduler_state(BaseType_t state) { scheduler_state = state; }
void fake_freertos_enter_interrupt(void) { fake_kernel::current_thread().in_interrupt = true; }
void fake_freertos_leave_interrupt(void) { fake_kernel::current_thread().in_interrupt = false; }

BaseType_t xPortIsInsideInterrupt(void) { return fake_kernel::current_thread().in_interrupt ? pdTRUE : pdFALSE; }

void vPortEnterCritical(void) {
    if (fake_kernel::current_thread().in_interrupt) {
        fake_kernel::report("taskENTER_CRITICAL from an interrupt handler");
    }
    critical_section.lock();
}

void vPortExitCritical(void) { critical_section.unlock(); }

BaseType_t xTaskGetSchedulerState(void) { return scheduler_state.load(); }

TaskHandle_t xTaskGetCurrentTaskHandle(void) {
    if (!scheduler_started()) {
        fake_kernel::report("xTaskGetCurrentTaskHandle before the scheduler started");
        return nullptr;
    }
    return task_of(&fake_kernel::current_thread());
}

void vTaskSetThreadLocalStoragePointer(TaskHandle_t xTaskToSet, BaseType_t xIndex, void *pvValue) {
    if (xTaskToSet == nullptr && !scheduler_started()) {
        fake_kernel::report("thread-local storage of the current task before the scheduler started");
        return;
    }
    if (xTaskToSet != nullptr && xTaskToSet != task_of(&fake_kernel::current_thread())) {
        fake_kernel::report("the fake keeps only the calling task's thread-local storage");
        return;
    }
    if (xIndex < 0 || xIndex >= configNUM_THREAD_LOCAL_STORAGE_POINTERS) return;
    fake_kernel::current_thread().local_slots[xIndex] = pvValue;
}

void *pvTaskGetThreadLocalStoragePointer(TaskHandle_t xTaskToQuery, BaseType_t xIndex) {
    if (xTaskToQuery == nullptr && !scheduler_started()) {
        fake_kernel::report("thread-local storage of the current task before the scheduler started");
        return nullptr;
    }
    if (xTaskToQuery != nullptr && xTaskToQuery != task_of(&fake_kernel::current_thread())) {
        fake_kernel::report("the fake keeps only the calling task's thread-local storage");
        return nullptr;
    }
    if (xIndex < 0 || xIndex >= configNUM_THREAD_LOCAL_STORAGE_POINTERS) return nullptr;
    return fake_kernel::current_thread().local_slots[xIndex];
}

QueueHandle_t xQueueCreateMutexStatic(const uint8_t ucQueueType, StaticQueue_t *pxStaticQueue) {
    if (ucQueueType != queueQUEUE_TYPE_MUTEX || pxStaticQueue == nullptr) {
        fake_kernel::report("xQueueCreateMutexStatic without a mutex type or storage");
        return nullptr;
    }
    fake_kernel::create_in(&pxStaticQueue->pvDummy1[0], fake_kernel::MutexKind::non_recursive);
    return reinterpret_cast<QueueHandle_t>(pxStaticQueue);
}

BaseType_t xQueueSemaphoreTake(QueueHandle_t xQueue, TickType_t xTicksToWait) {
    fake_kernel::Mutex *mutex = mutex_of(xQueue, "xSemaphoreTake");
    if (mutex == nullptr || refused_in_interrupt("xSemaphoreTake")) return pdFALSE;
    long timeout = ticks_to_ms(xTicksToWait);
    if (!scheduler_started() && timeout != 0) {
        // No task can run to release it: a wait here never ends.
        const fake_kernel::ThreadState *owner = fake_kernel::owner_of(mutex);
        if (owner != nullptr && owner != &fake_kernel::current_thread()) {
            fake_kernel::report("xSemaphoreTake waits on a held mutex before the scheduler started");
            return pdFALSE;
        }
    }
    switch (fake_kernel::lock(mutex, timeout)) {
        case fake_kernel::LockResult::ok: return pdTRUE;
        case fake_kernel::LockResult::already_owner:
            // Not recursive: a holder's take waits for itself until the timeout, forever with
            // portMAX_DELAY. A try (timeout 0) just fails.
            if (xTicksToWait == portMAX_DELAY) {
                fake_kernel::report_fatal("xSemaphoreTake(portMAX_DELAY) by the mutex's holder: FreeRTOS mutexes are not recursive");
            } else if (xTicksToWait != 0) {
                fake_kernel::report("xSemaphoreTake by the mutex's holder: FreeRTOS mutexes are not recursive");
            }
            return pdFALSE;
        default: return pdFALSE;
    }
}

BaseType_t xQueueGenericSend(QueueHandle_t xQueue, const void *const, TickType_t, const BaseType_t) {
    fake_kernel::Mutex *mutex = mutex_of(xQueue, "xSemaphoreGive");
    if (mutex == nullptr || refused_in_interrupt("xSemaphoreGive")) return pdFAIL;
    switch (fake_kernel::unlock(mutex)) {
        case fake_kernel::LockResult::ok: return pdPASS;
        case fake_kernel::LockResult::not_owner:
            fake_kernel::report("xSemaphoreGive by a task that does not hold the mutex");
            return pdFAIL;
        default:
            // A mutex that nobody holds cannot be given: the "queue" is full.
            return pdFAIL;
    }
}

TaskHandle_t xQueueGetMutexHolder(QueueHandle_t xSemaphore) {
    fake_kernel::Mutex *mutex = mutex_of(xSemaphore, "xSemaphoreGetMutexHolder");
    if (mutex == nullptr) return nullptr;
    return task_of(fake_kernel::owner_of(mutex));
}

void vQueueDelete(QueueHandle_t xQueue) {
    if (xQueue == nullptr) {
        fake_kernel::report("vSemaphoreDelete on a NULL handle");
        return;
    }
    fake_kernel::destroy_in(&reinterpret_cast<StaticQueue_t *>(xQueue)->pvDummy1[0]);
}

}  // extern "C"
