/*
 * Entropy for tinycapi on ESP32 parts under ESP-IDF: the hardware RNG. esp_fill_random gives
 * true random numbers while the RF subsystem (Wi-Fi or Bluetooth) or the bootloader's entropy
 * source is enabled; see ESP-IDF's "Random Number Generation" documentation for the conditions
 * on each chip. Built only by the ESP-IDF component (cmake/esp-idf-component.cmake).
 */
#include <esp_random.h>
#include <tinycapi/port.h>

int tinycapi_port_entropy(uint8_t *buffer, size_t length) {
    esp_fill_random(buffer, length);
    return 0;
}
