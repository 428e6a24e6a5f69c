// The posix port's key-container store: one file per named container, so containers outlive
// the process as they do on Windows. Verify-context pairs (namespace 2) stay in RAM.
//
// Where: $TINYCAPI_STORE_DIR if set, else $XDG_DATA_HOME/tinycapi, else
// $HOME/.local/share/tinycapi (created 0700 on the first write). A container is the file
// "<namespace>-<hex of the lower-case name>.key": magic "TCKC", version, namespace, name length,
// name, then per pair record a 2-byte length and its bytes, then a CRC-32 of all of it. A bad
// CRC is a damaged container (NTE_KEYSET_ENTRY_BAD).
//
// Atomicity: a new version is written to a temporary file, fsync'ed and renamed over the old
// one (rename is atomic), then the directory is fsync'ed; a new container is linked into place
// with link(2), which fails if the name exists, so two processes cannot both create it; a
// deleted container is first renamed away (atomic), then zeroed and unlinked. A crash at any
// point leaves either the old or the new file; the temporary files a killed process leaves are
// ignored, then zeroed and removed by the next create or delete once that process is gone.
// Not erased: blocks the file system released when a file was replaced (see README).
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "container_store_file.hpp"
#include "container_store_ram.hpp"
#include "crc32.hpp"
#include "tinycapi_config.h"

namespace tinycapi::port::file_store {
namespace {

constexpr unsigned kEphemeral = 2;
constexpr uint8_t kMagic[4] = {'T', 'C', 'K', 'C'};
constexpr uint8_t kVersion = 1;
constexpr size_t kNameMax = TINYCAPI_CONTAINER_NAME_MAX - 1;
constexpr size_t kHeaderBytes = 7;  // magic, version, namespace, name length
constexpr size_t kFileMax = kHeaderBytes + kNameMax + size_t{2} * (2 + TINYCAPI_CONTAINER_RECORD_MAX) + 4;
constexpr size_t kPathMax = TINYCAPI_FILE_STORE_PATH_MAX;
static_assert(kNameMax <= 255, "a name's length is one byte");

struct Path {
    char text[kPathMax];
};

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The store's directory; false when no variable names one or it is too long.
bool store_directory(Path *dir) {
    // Read-only environment lookups; nothing in tinycapi calls setenv, and the store runs under
    // TINYCAPI_LOCK_STORAGE.
    const char *explicit_dir = getenv("TINYCAPI_STORE_DIR");  // NOLINT(concurrency-mt-unsafe): see above
    const char *xdg = getenv("XDG_DATA_HOME");                // NOLINT(concurrency-mt-unsafe): see above
    const char *home = getenv("HOME");                        // NOLINT(concurrency-mt-unsafe): see above
    int n;
    if (explicit_dir && *explicit_dir) {
        n = snprintf(dir->text, kPathMax, "%s", explicit_dir);
    } else if (xdg && *xdg) {
        n = snprintf(dir->text, kPathMax, "%s/tinycapi", xdg);
    } else if (home && *home) {
        n = snprintf(dir->text, kPathMax, "%s/.local/share/tinycapi", home);
    } else {
        return false;
    }
    return n > 0 && static_cast<size_t>(n) < kPathMax - 160;  // room for '/' and a file name
}

// mkdir -p, 0700: keys are the user's alone.
bool make_directory(const Path &dir) {
    Path partial = dir;
    for (char *p = partial.text + 1; *p; ++p) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(partial.text, 0700) != 0 && errno != EEXIST) return false;
        *p = '/';
    }
    return mkdir(partial.text, 0700) == 0 || errno == EEXIST;
}

// "<dir>/<namespace>-<hex of the lower-case name>.key"
bool container_path(unsigned name_space, const char *name, Path *path) {
    Path dir;
    if (!store_directory(&dir)) return false;
    size_t n = strlen(dir.text);
    memcpy(path->text, dir.text, n);
    path->text[n++] = '/';
    path->text[n++] = static_cast<char>('0' + name_space);
    path->text[n++] = '-';
    for (const char *c = name; *c; ++c) {
        const uint8_t byte = static_cast<uint8_t>(ascii_lower(*c));
        path->text[n++] = "0123456789abcdef"[byte >> 4];
        path->text[n++] = "0123456789abcdef"[byte & 15];
    }
    memcpy(path->text + n, ".key", 5);
    return true;
}

bool with_suffix(const Path &path, const char *suffix, Path *out) {
    return snprintf(out->text, kPathMax, "%s%s-%ld", path.text, suffix, static_cast<long>(getpid())) <
           static_cast<int>(kPathMax);
}

bool sync_directory_of(const Path &path) {
    Path dir = path;
    char *slash = strrchr(dir.text, '/');
    if (slash == nullptr) return false;
    *slash = '\0';
    const int fd = open(dir.text, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

bool write_all(int fd, const uint8_t *bytes, size_t length) {
    while (length > 0) {
        const ssize_t n = ::write(fd, bytes, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes += n;
        length -= static_cast<size_t>(n);
    }
    return true;
}

void wipe(void *p, size_t n) {
    volatile uint8_t *bytes = static_cast<volatile uint8_t *>(p);
    while (n--) *bytes++ = 0;
}

// A container's file, parsed. The pair records point into `bytes`.
struct Contents {
    uint8_t bytes[kFileMax];
    size_t length;
    const uint8_t *name;
    size_t name_length;
    const uint8_t *pair[2];
    size_t pair_length[2];
    ~Contents() { wipe(bytes, sizeof bytes); }
};

bool parse(Contents &c, unsigned name_space) {
    if (c.length < kHeaderBytes + 4 + 4 || memcmp(c.bytes, kMagic, 4) != 0 || c.bytes[4] != kVersion ||
        c.bytes[5] != name_space) {
        return false;
    }
    const uint32_t stored = static_cast<uint32_t>(c.bytes[c.length - 4] | c.bytes[c.length - 3] << 8 |
                                                  c.bytes[c.length - 2] << 16) |
                            static_cast<uint32_t>(c.bytes[c.length - 1]) << 24;
    if (crc32(c.bytes, c.length - 4) != stored) return false;
    size_t at = kHeaderBytes;
    c.name_length = c.bytes[6];
    c.name = c.bytes + at;
    at += c.name_length;
    for (int r = 0; r < 2; ++r) {
        if (at + 2 > c.length - 4) return false;
        c.pair_length[r] = static_cast<size_t>(c.bytes[at] | c.bytes[at + 1] << 8);
        c.pair[r] = c.bytes + at + 2;
        at += 2 + c.pair_length[r];
    }
    return at == c.length - 4;
}

bool names_equal(const uint8_t *stored, size_t stored_length, const char *name) {
    if (strlen(name) != stored_length) return false;
    for (size_t i = 0; i < stored_length; ++i) {
        if (ascii_lower(static_cast<char>(stored[i])) != ascii_lower(name[i])) return false;
    }
    return true;
}

tinycapi_port_status load_path(const Path &path, unsigned name_space, Contents &c) {
    const int fd = open(path.text, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT ? TINYCAPI_PORT_NOT_FOUND : TINYCAPI_PORT_IO_ERROR;
    c.length = 0;
    for (;;) {
        const ssize_t n = ::read(fd, c.bytes + c.length, sizeof c.bytes - c.length);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            close(fd);
            return TINYCAPI_PORT_IO_ERROR;
        }
        if (n == 0) break;
        c.length += static_cast<size_t>(n);
        if (c.length == sizeof c.bytes) {  // one byte more than a container can be: damaged
            uint8_t extra;
            if (::read(fd, &extra, 1) > 0) c.length = 0;
            break;
        }
    }
    close(fd);
    return parse(c, name_space) ? TINYCAPI_PORT_OK : TINYCAPI_PORT_DAMAGED;
}

tinycapi_port_status load(unsigned name_space, const char *name, Path *path, Contents &c) {
    if (name_space > 1 || strlen(name) > kNameMax) return TINYCAPI_PORT_NOT_FOUND;
    if (!container_path(name_space, name, path)) return TINYCAPI_PORT_IO_ERROR;
    const tinycapi_port_status s = load_path(*path, name_space, c);
    if (s == TINYCAPI_PORT_OK && !names_equal(c.name, c.name_length, name)) return TINYCAPI_PORT_DAMAGED;
    return s;
}

// Serialises a container into `out` (kFileMax bytes); returns its length.
size_t serialise(unsigned name_space, const uint8_t *name, size_t name_length, const uint8_t *const pair[2],
                 const size_t pair_length[2], uint8_t *out) {
    size_t at = 0;
    memcpy(out, kMagic, 4);
    out[4] = kVersion;
    out[5] = static_cast<uint8_t>(name_space);
    out[6] = static_cast<uint8_t>(name_length);
    at = kHeaderBytes;
    memcpy(out + at, name, name_length);
    at += name_length;
    for (int r = 0; r < 2; ++r) {
        out[at] = static_cast<uint8_t>(pair_length[r]);
        out[at + 1] = static_cast<uint8_t>(pair_length[r] >> 8);
        if (pair_length[r]) memcpy(out + at + 2, pair[r], pair_length[r]);
        at += 2 + pair_length[r];
    }
    const uint32_t crc = crc32(out, at);
    for (int i = 0; i < 4; ++i) out[at + i] = static_cast<uint8_t>(crc >> (8 * i));
    return at + 4;
}

// Writes `bytes` to a fresh temporary file next to `path` and syncs it.
bool write_temporary(const Path &path, const uint8_t *bytes, size_t length, Path *temporary) {
    if (!with_suffix(path, ".tmp", temporary)) return false;
    const int fd = open(temporary->text, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    const bool ok = write_all(fd, bytes, length) && fsync(fd) == 0;
    if (close(fd) != 0 || !ok) {
        unlink(temporary->text);
        return false;
    }
    return true;
}

struct Image {
    uint8_t bytes[kFileMax];
    ~Image() { wipe(bytes, sizeof bytes); }
};

// Zeroes and removes the temporary and deleted files ("….key.tmp-<pid>", "….key.del-<pid>") that
// a process killed in the middle of a write left behind, once that process is gone: they may
// hold a pair.
void sweep_orphans(const Path &dir) {
    const int fd = open(dir.text, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    alignas(8) char entries[1024];
    for (;;) {
        const ssize_t n = getdents64(fd, entries, sizeof entries);
        if (n <= 0) break;
        for (ssize_t at = 0; at < n;) {
            const auto *entry = reinterpret_cast<const struct dirent64 *>(entries + at);
            at += entry->d_reclen;
            const char *mark = strstr(entry->d_name, ".key.tmp-");
            if (mark == nullptr) mark = strstr(entry->d_name, ".key.del-");
            if (mark == nullptr) continue;
            const long pid = strtol(mark + 9, nullptr, 10);
            if (pid <= 0 || pid == static_cast<long>(getpid()) || kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) {
                continue;  // its writer may still be at work
            }
            Path orphan;
            if (snprintf(orphan.text, kPathMax, "%s/%s", dir.text, entry->d_name) >= static_cast<int>(kPathMax)) continue;
            const int file = open(orphan.text, O_WRONLY | O_CLOEXEC);
            if (file >= 0) {
                Image zeros{};
                struct stat st;
                if (fstat(file, &st) == 0 && static_cast<size_t>(st.st_size) <= sizeof zeros.bytes) {
                    write_all(file, zeros.bytes, static_cast<size_t>(st.st_size));
                    fsync(file);
                }
                close(file);
            }
            unlink(orphan.text);
        }
    }
    close(fd);
}

}  // namespace

tinycapi_port_status find(unsigned name_space, const char *name) {
    if (name_space == kEphemeral) return ram_store_find(name_space, name);
    Path path;
    Contents c;
    return load(name_space, name, &path, c);
}

tinycapi_port_status create(unsigned name_space, const char *name) {
    if (name_space == kEphemeral) return ram_store_create(name_space, name);
    if (name_space > 1 || strlen(name) > kNameMax) return TINYCAPI_PORT_FULL;
    Path path, dir, temporary;
    if (!store_directory(&dir) || !make_directory(dir) || !container_path(name_space, name, &path)) {
        return TINYCAPI_PORT_IO_ERROR;
    }
    sweep_orphans(dir);
    const uint8_t *const no_pair[2] = {nullptr, nullptr};
    const size_t no_length[2] = {0, 0};
    Image image;
    const size_t length = serialise(name_space, reinterpret_cast<const uint8_t *>(name), strlen(name), no_pair,
                                    no_length, image.bytes);
    if (!write_temporary(path, image.bytes, length, &temporary)) return TINYCAPI_PORT_IO_ERROR;
    // link(2) is atomic and fails when the name exists: exactly one creator wins.
    const int linked = link(temporary.text, path.text);
    const int link_error = errno;
    unlink(temporary.text);
    if (linked != 0) return link_error == EEXIST ? TINYCAPI_PORT_EXISTS : TINYCAPI_PORT_IO_ERROR;
    return sync_directory_of(path) ? TINYCAPI_PORT_OK : TINYCAPI_PORT_IO_ERROR;
}

tinycapi_port_status remove(unsigned name_space, const char *name) {
    if (name_space == kEphemeral) return ram_store_delete(name_space, name);
    Path path, doomed;
    Contents c;
    const tinycapi_port_status s = load(name_space, name, &path, c);
    if (s != TINYCAPI_PORT_OK && s != TINYCAPI_PORT_DAMAGED) return s;
    // Renamed away first: the deletion is atomic; zeroing the pairs comes after.
    if (!with_suffix(path, ".del", &doomed) || rename(path.text, doomed.text) != 0) return TINYCAPI_PORT_IO_ERROR;
    sync_directory_of(path);
    const int fd = open(doomed.text, O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
        Image zeros{};
        struct stat st;
        if (fstat(fd, &st) == 0 && static_cast<size_t>(st.st_size) <= sizeof zeros.bytes) {
            write_all(fd, zeros.bytes, static_cast<size_t>(st.st_size));
            fsync(fd);
        }
        close(fd);
    }
    unlink(doomed.text);
    Path dir;
    if (store_directory(&dir)) sweep_orphans(dir);
    sync_directory_of(path);
    return TINYCAPI_PORT_OK;
}

tinycapi_port_status read(unsigned name_space, const char *name, unsigned record, uint8_t *buffer,
                          size_t capacity, size_t *length) {
    if (name_space == kEphemeral) return ram_store_read(name_space, name, record, buffer, capacity, length);
    Path path;
    Contents c;
    if (tinycapi_port_status s = load(name_space, name, &path, c); s != TINYCAPI_PORT_OK) return s;
    if (record != TINYCAPI_RECORD_KEY_EXCHANGE && record != TINYCAPI_RECORD_SIGNATURE) return TINYCAPI_PORT_NOT_FOUND;
    const size_t stored = c.pair_length[record - 1];
    if (stored == 0) return TINYCAPI_PORT_NOT_FOUND;
    *length = stored;
    if (stored > capacity) return TINYCAPI_PORT_FULL;
    memcpy(buffer, c.pair[record - 1], stored);
    return TINYCAPI_PORT_OK;
}

tinycapi_port_status write(unsigned name_space, const char *name, unsigned record, const uint8_t *data,
                           size_t length) {
    if (name_space == kEphemeral) return ram_store_write(name_space, name, record, data, length);
    Path path, temporary;
    Contents c;
    if (tinycapi_port_status s = load(name_space, name, &path, c); s != TINYCAPI_PORT_OK) return s;
    if (record != TINYCAPI_RECORD_KEY_EXCHANGE && record != TINYCAPI_RECORD_SIGNATURE) return TINYCAPI_PORT_NOT_FOUND;
    if (length > TINYCAPI_CONTAINER_RECORD_MAX) return TINYCAPI_PORT_FULL;
    const uint8_t *pair[2] = {c.pair[0], c.pair[1]};
    size_t pair_length[2] = {c.pair_length[0], c.pair_length[1]};
    pair[record - 1] = data;
    pair_length[record - 1] = length;
    Image image;
    const size_t file_length = serialise(name_space, c.name, c.name_length, pair, pair_length, image.bytes);
    if (!write_temporary(path, image.bytes, file_length, &temporary)) return TINYCAPI_PORT_IO_ERROR;
    if (rename(temporary.text, path.text) != 0) {
        unlink(temporary.text);
        return TINYCAPI_PORT_IO_ERROR;
    }
    return sync_directory_of(path) ? TINYCAPI_PORT_OK : TINYCAPI_PORT_IO_ERROR;
}

tinycapi_port_status name_at(unsigned name_space, size_t index, char *buffer, size_t capacity) {
    if (name_space == kEphemeral) return ram_store_name_at(name_space, index, buffer, capacity);
    Path dir;
    if (!store_directory(&dir)) return TINYCAPI_PORT_IO_ERROR;
    const int fd = open(dir.text, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT ? TINYCAPI_PORT_NOT_FOUND : TINYCAPI_PORT_IO_ERROR;
    // getdents64 over a stack buffer: readdir would allocate its DIR from the heap.
    alignas(8) char entries[1024];
    tinycapi_port_status result = TINYCAPI_PORT_NOT_FOUND;
    for (bool done = false; !done;) {
        const ssize_t n = getdents64(fd, entries, sizeof entries);
        if (n <= 0) break;
        for (ssize_t at = 0; at < n && !done;) {
            const auto *entry = reinterpret_cast<const struct dirent64 *>(entries + at);
            at += entry->d_reclen;
            const char *file = entry->d_name;
            const size_t file_length = strlen(file);
            // "<ns>-<hex>.key" only: temporary and deleted files end otherwise.
            if (file_length < 7 || file[0] != static_cast<char>('0' + name_space) || file[1] != '-' ||
                strcmp(file + file_length - 4, ".key") != 0) {
                continue;
            }
            Path path;
            if (snprintf(path.text, kPathMax, "%s/%s", dir.text, file) >= static_cast<int>(kPathMax)) continue;
            Contents c;
            if (load_path(path, name_space, c) != TINYCAPI_PORT_OK) continue;  // damaged ones are not listed
            if (index-- != 0) continue;
            done = true;
            if (c.name_length + 1 > capacity) {
                result = TINYCAPI_PORT_FULL;
            } else {
                memcpy(buffer, c.name, c.name_length);
                buffer[c.name_length] = '\0';
                result = TINYCAPI_PORT_OK;
            }
        }
    }
    close(fd);
    return result;
}

#if TINYCAPI_ENCRYPT_KEYS_AT_REST
// The host's "device key" is a file beside the containers ("device.key", 0600, made from
// getrandom on first use, linked into place so that concurrent processes agree). It protects
// container files copied without it (a backup, a file sent by mistake), nothing more: whoever
// reads the directory reads the key.
int device_key(uint8_t key[32]) {
    Path dir, path, temporary;
    if (!store_directory(&dir) || !make_directory(dir)) return -1;
    if (snprintf(path.text, kPathMax, "%s/device.key", dir.text) >= static_cast<int>(kPathMax)) return -1;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const int fd = open(path.text, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            const bool ok = ::read(fd, key, 32) == 32;
            close(fd);
            return ok ? 0 : -1;
        }
        if (errno != ENOENT) return -1;
        uint8_t fresh[32];
        if (getrandom(fresh, sizeof fresh, 0) != static_cast<ssize_t>(sizeof fresh)) return -1;
        const bool written = write_temporary(path, fresh, sizeof fresh, &temporary);
        wipe(fresh, sizeof fresh);
        if (!written) return -1;
        const int linked = link(temporary.text, path.text);  // loses to a concurrent creator: read theirs
        unlink(temporary.text);
        if (linked != 0 && errno != EEXIST) return -1;
        sync_directory_of(path);
    }
    return -1;
}
#endif

}  // namespace tinycapi::port::file_store
