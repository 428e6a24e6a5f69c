/* The application's FreeRTOS configuration, as the fake's tests and cross-builds use it. */
#ifndef FREERTOS_CONFIG_H
#define FREERTOS_CONFIG_H

#define configSUPPORT_STATIC_ALLOCATION 1
#define configSUPPORT_DYNAMIC_ALLOCATION 0
#define configUSE_MUTEXES 1
#define configNUM_THREAD_LOCAL_STORAGE_POINTERS 2
#define INCLUDE_vTaskSuspend 1
#define INCLUDE_xTaskGetSchedulerState 1
#define INCLUDE_xSemaphoreGetMutexHolder 1
#define INCLUDE_xTaskGetCurrentTaskHandle 1

#endif /* FREERTOS_CONFIG_H */
