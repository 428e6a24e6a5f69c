/* Named key containers in the board's flash (the flash record store): the cortex-m3-qemu preset
 * builds with it, so every on-target test runs over the store, and the reset test can reset. */
#define TINYCAPI_CONTAINER_STORE_FLASH 1
