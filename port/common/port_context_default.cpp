// The default of tinycapi_port_context_refused: every context may call tinycapi. Weak, so the
// ports that refuse some contexts (the RTOS ports: interrupt handlers) define their own and
// the ports that do not (posix, baremetal, mock) need not.
#include <tinycapi/port.h>

extern "C" __attribute__((weak)) int tinycapi_port_context_refused(void) { return 0; }
