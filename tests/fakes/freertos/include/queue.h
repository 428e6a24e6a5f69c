/* Fake FreeRTOS: the queue functions the semaphore macros expand to (see FreeRTOS.h). */
#ifndef QUEUE_H
#define QUEUE_H

#include "FreeRTOS.h"
#include "task.h"

#ifdef __cplusplus
extern "C" {
#endif

struct QueueDefinition;
typedef struct QueueDefinition *QueueHandle_t;

#define queueSEND_TO_BACK ((BaseType_t)0)
#define queueQUEUE_TYPE_MUTEX ((uint8_t)1U)

QueueHandle_t xQueueCreateMutexStatic(const uint8_t ucQueueType, StaticQueue_t *pxStaticQueue);
BaseType_t xQueueSemaphoreTake(QueueHandle_t xQueue, TickType_t xTicksToWait);
BaseType_t xQueueGenericSend(QueueHandle_t xQueue, const void *const pvItemToQueue,
                             TickType_t xTicksToWait, const BaseType_t xCopyPosition);
TaskHandle_t xQueueGetMutexHolder(QueueHandle_t xSemaphore);
void vQueueDelete(QueueHandle_t xQueue);

#ifdef __cplusplus
}
#endif

#endif /* QUEUE_H */
