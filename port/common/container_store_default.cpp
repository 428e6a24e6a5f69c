// The tinycapi_port_container_* hooks of the RTOS ports: named containers in the board's flash
// (TINYCAPI_CONTAINER_STORE_FLASH, over tinycapi_port_flash_device) or in RAM, as on bare metal.
#include <tinycapi/port.h>

#include "tinycapi_config.h"

#if TINYCAPI_CONTAINER_STORE_FLASH
#include "container_store_flash_forward.hpp"
#else
#include "container_store_forward.hpp"
#endif
