// Zeroing the dead stack below the caller, for the secrets of code tinycapi does not own.
//
// tinycapi wipes every buffer of its own that held a secret before it returns. Mbed TLS's
// bignum code also leaves single limbs of p, q, d and the CRT values in dead frames (loop
// temporaries, byte swaps); its source is not ours to change. So every RSA primitive, which
// runs Mbed TLS on private numbers, ends by zeroing TINYCAPI_STACK_SCRUB_BYTES of stack below
// its own frame: the frames Mbed TLS used, now dead. tests/misuse/stack_residue_test.cpp paints
// the stack, runs every call that touches a secret, and proves no window of one is left.
#pragma once

namespace tinycapi::platform {

// Zero TINYCAPI_STACK_SCRUB_BYTES of stack just below the caller's frame, contiguously. The
// stack must have that much room (the RSA operations it follows needed more). Never inlined.
void scrub_stack();

}  // namespace tinycapi::platform
