// RAII for the port's locks, so that no early return can leave one held. Every layer of
// core/ may take a port lock; see port.h for which lock guards what.
#pragma once

#include <tinycapi/port.h>

namespace tinycapi::platform {

class LockGuard {
public:
    explicit LockGuard(tinycapi_port_lock_id id) : id_(id) { tinycapi_port_lock(id_); }
    ~LockGuard() { tinycapi_port_unlock(id_); }
    LockGuard(const LockGuard &) = delete;
    LockGuard &operator=(const LockGuard &) = delete;

private:
    tinycapi_port_lock_id id_;
};

}  // namespace tinycapi::platform
