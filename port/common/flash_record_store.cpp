#include "flash_record_store.hpp"

#include <string.h>

#include "crc32.hpp"
#include "tinycapi_config.h"

namespace tinycapi::port::flash_store {
namespace {

using port::Crc32;
using port::crc32;

// ---- Format (docs/ARCHITECTURE.md, "The flash record store") ----------------------------

constexpr uint32_t kSectorMagic = 0x46534354u;  // "TCSF"
constexpr uint32_t kFormatVersion = 1;
constexpr uint32_t kSectorHeaderBytes = 16;  // magic, sector sequence, version, CRC-32
constexpr uint16_t kRecordMagic = 0xC4A7;
constexpr uint32_t kRecordHeaderBytes = 24;
constexpr uint32_t kCommitBytes = 4;
constexpr uint32_t kMaxWriteUnit = 16;
constexpr uint8_t kKindContainer = 1;
constexpr uint8_t kKindTombstone = 2;

constexpr size_t kNameMax = TINYCAPI_CONTAINER_NAME_MAX - 1;  // bytes, without the NUL
// Payload of a container record: name length, name, then per pair record its length and bytes.
constexpr size_t kPayloadMax = 1 + kNameMax + size_t{2} * (2 + TINYCAPI_CONTAINER_RECORD_MAX);
static_assert(kNameMax <= 255, "a name's length is one byte");
static_assert(kPayloadMax <= 0xFFFF, "a payload's length is two bytes");
static_assert(TINYCAPI_FLASH_STORE_MAX_SECTORS >= 2, "one sector is always kept erased");

enum class EntryState : uint8_t { free = 0, live, deleted, damaged };

// One name the flash holds: where its newest committed record is.
struct Entry {
    uint32_t address;
    uint32_t seq;
    uint32_t name_hash;
    uint16_t size;  // the whole record in flash
    uint8_t name_space;
    EntryState state;
};

enum class SectorState : uint8_t { free = 0, used, dirty };  // free: erased; dirty: to erase

struct Sector {
    uint32_t seq;
    SectorState state;
};

struct Store {
    const tinycapi_flash_device *device;
    bool mounted;
    uint32_t unit;
    uint32_t header_span;  // one copy of the record header, padded to the write unit
    uint32_t commit_span;
    uint32_t next_seq;
    uint32_t next_sector_seq;
    bool has_active;
    uint32_t active;
    uint32_t write_offset;  // within the active sector
    Entry entries[TINYCAPI_FLASH_STORE_MAX_KEYS];
    Sector sectors[TINYCAPI_FLASH_STORE_MAX_SECTORS];
    Figures figures;
    bool read_failed;  // set by a failed device read; lookups check it
};

Store store;

// ---- Small helpers ------------------------------------------------------------------------

uint32_t round_up(uint32_t value, uint32_t unit) { return (value + unit - 1) / unit * unit; }

void put16(uint8_t *p, uint32_t v) {
    p[0] = static_cast<uint8_t>(v);
    p[1] = static_cast<uint8_t>(v >> 8);
}
void put32(uint8_t *p, uint32_t v) {
    put16(p, v);
    put16(p + 2, v >> 16);
}
uint32_t get16(const uint8_t *p) { return static_cast<uint32_t>(p[0] | p[1] << 8); }
uint32_t get32(const uint8_t *p) { return get16(p) | get16(p + 2) << 16; }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Names are compared case-insensitively (reference §3.1), so the hash is of the lowered name.
uint32_t name_hash(unsigned name_space, const char *name) {
    Crc32 crc;
    uint8_t byte = static_cast<uint8_t>(name_space);
    crc.update(&byte, 1);
    for (; *name; ++name) {
        byte = static_cast<uint8_t>(ascii_lower(*name));
        crc.update(&byte, 1);
    }
    return crc.value();
}

uint32_t sector_size() { return store.device->sector_size; }
uint32_t sector_count() { return store.device->sector_count; }
uint32_t sector_base(uint32_t sector) { return sector * sector_size(); }
uint32_t sector_of(uint32_t address) { return address / sector_size(); }
constexpr uint32_t records_start() { return kSectorHeaderBytes; }

uint32_t record_size(uint32_t payload_length) {
    return 2 * store.header_span + round_up(payload_length, store.unit) + store.commit_span;
}
uint32_t payload_of(uint32_t address) { return address + 2 * store.header_span; }
uint32_t max_record_size() { return record_size(kPayloadMax); }

bool device_read(uint32_t address, void *buffer, size_t length) {
    if (store.device->read(store.device->context, address, buffer, length) == 0) return true;
    store.read_failed = true;
    return false;
}
bool device_program(uint32_t address, const void *data, size_t length) {
    if (store.device->program(store.device->context, address, data, length) != 0) return false;
    store.figures.bytes_programmed += static_cast<uint32_t>(length);
    return true;
}

// Streams bytes to flash in write-unit multiples, in ascending address order.
class Programmer {
public:
    explicit Programmer(uint32_t address) : address_(address) {}
    void put(const uint8_t *data, size_t length) {
        while (length > 0 && ok_) {
            size_t take = sizeof buffer_ - fill_;
            if (take > length) take = length;
            memcpy(buffer_ + fill_, data, take);
            fill_ += take;
            data += take;
            length -= take;
            if (fill_ == sizeof buffer_) drain();
        }
    }
    void put_flash(uint32_t from, size_t length) {
        uint8_t chunk[32];
        while (length > 0 && ok_) {
            const size_t take = length < sizeof chunk ? length : sizeof chunk;
            if (!device_read(from, chunk, take)) ok_ = false;
            put(chunk, take);
            from += static_cast<uint32_t>(take);
            length -= take;
        }
    }
    void put_repeated(uint8_t value, size_t length) {
        while (length-- > 0) put(&value, 1);
    }
    // Pads with 0xFF (left erased) to the next write unit and programs what is buffered.
    bool finish() {
        while (fill_ % store.unit != 0) buffer_[fill_++] = 0xFF;
        drain();
        return ok_;
    }

private:
    void drain() {
        if (fill_ == 0 || !ok_) return;
        ok_ = device_program(address_, buffer_, fill_);
        address_ += static_cast<uint32_t>(fill_);
        fill_ = 0;
    }
    static_assert(64 % kMaxWriteUnit == 0, "whole units per drain");
    uint8_t buffer_[64]{};
    size_t fill_ = 0;
    uint32_t address_;
    bool ok_ = true;
};

// A stretch of a payload: bytes in RAM or already in flash.
struct Piece {
    const uint8_t *memory;  // null: `flash` is the address
    uint32_t flash;
    uint32_t length;
};

struct Payload {
    Piece pieces[6];
    int count = 0;
    uint32_t length = 0;
    void add_memory(const uint8_t *bytes, uint32_t n) { add(Piece{bytes, 0, n}); }
    void add_flash(uint32_t address, uint32_t n) { add(Piece{nullptr, address, n}); }

private:
    void add(Piece piece) {
        if (piece.length == 0) return;
        pieces[count++] = piece;
        length += piece.length;
    }
};

bool crc_of_flash(uint32_t address, uint32_t length, Crc32 &crc) {
    uint8_t chunk[32];
    while (length > 0) {
        const uint32_t take = length < sizeof chunk ? length : sizeof chunk;
        if (!device_read(address, chunk, take)) return false;
        crc.update(chunk, take);
        address += take;
        length -= take;
    }
    return true;
}

// ---- Headers ------------------------------------------------------------------------------

struct RecordHeader {
    uint8_t kind;
    uint8_t name_space;
    uint32_t seq;
    uint32_t payload_length;
    uint32_t name_hash;
    uint32_t payload_crc;
};

void encode_header(const RecordHeader &h, uint8_t out[kRecordHeaderBytes]) {
    put16(out, kRecordMagic);
    out[2] = h.kind;
    out[3] = h.name_space;
    put32(out + 4, h.seq);
    put16(out + 8, h.payload_length);
    put16(out + 10, 0);
    put32(out + 12, h.name_hash);
    put32(out + 16, h.payload_crc);
    put32(out + 20, crc32(out, 20));
}

bool decode_header(const uint8_t in[kRecordHeaderBytes], RecordHeader *h) {
    if (get16(in) != kRecordMagic || get32(in + 20) != crc32(in, 20)) return false;
    h->kind = in[2];
    h->name_space = in[3];
    h->seq = get32(in + 4);
    h->payload_length = get16(in + 8);
    h->name_hash = get32(in + 12);
    h->payload_crc = get32(in + 16);
    return (h->kind == kKindContainer || h->kind == kKindTombstone) && h->payload_length <= kPayloadMax &&
           h->payload_length >= 1;
}

bool write_sector_header(uint32_t sector, uint32_t seq) {
    uint8_t header[kSectorHeaderBytes];
    put32(header, kSectorMagic);
    put32(header + 4, seq);
    put32(header + 8, kFormatVersion);
    put32(header + 12, crc32(header, 12));
    return device_program(sector_base(sector), header, sizeof header);
}

bool read_sector_header(uint32_t sector, uint32_t *seq, bool *valid) {
    uint8_t header[kSectorHeaderBytes];
    if (!device_read(sector_base(sector), header, sizeof header)) return false;
    *valid = get32(header) == kSectorMagic && get32(header + 8) == kFormatVersion &&
             get32(header + 12) == crc32(header, 12);
    *seq = get32(header + 4);
    return true;
}

bool region_is(uint32_t address, uint32_t length, uint8_t value, bool *result) {
    uint8_t chunk[64];
    *result = true;
    while (length > 0) {
        const uint32_t take = length < sizeof chunk ? length : sizeof chunk;
        if (!device_read(address, chunk, take)) return false;
        for (uint32_t i = 0; i < take; ++i) {
            if (chunk[i] != value) {
                *result = false;
                return true;
            }
        }
        address += take;
        length -= take;
    }
    return true;
}

// ---- Sectors ------------------------------------------------------------------------------

uint32_t free_sectors() {
    uint32_t n = 0;
    for (uint32_t s = 0; s < sector_count(); ++s) n += store.sectors[s].state == SectorState::free;
    return n;
}

void erase_sector(uint32_t sector) {
    store.sectors[sector].state = SectorState::dirty;
    if (store.device->erase(store.device->context, sector) != 0) return;
    ++store.figures.sectors_erased;
    store.sectors[sector].state = SectorState::free;
}

bool has_dirty_sector() {
    for (uint32_t s = 0; s < sector_count(); ++s) {
        if (store.sectors[s].state == SectorState::dirty) return true;
    }
    return false;
}

void erase_dirty_sectors() {
    for (uint32_t s = 0; s < sector_count(); ++s) {
        if (store.sectors[s].state == SectorState::dirty) erase_sector(s);
    }
}

// The free sector after the active one in ring order, so that every sector takes its turn
// (wear levelling: each sector is erased once per lap of the ring).
bool next_free_sector(uint32_t *sector) {
    const uint32_t start = store.has_active ? store.active + 1 : 0;
    for (uint32_t i = 0; i < sector_count(); ++i) {
        const uint32_t s = (start + i) % sector_count();
        if (store.sectors[s].state == SectorState::free) {
            *sector = s;
            return true;
        }
    }
    return false;
}

bool oldest_used_sector(uint32_t *sector) {
    bool found = false;
    for (uint32_t s = 0; s < sector_count(); ++s) {
        if (store.sectors[s].state != SectorState::used) continue;
        // Sector sequence numbers are compared by difference, so they may wrap.
        if (!found || static_cast<int32_t>(store.sectors[s].seq - store.sectors[*sector].seq) < 0) *sector = s;
        found = true;
    }
    return found;
}

bool open_sector(uint32_t sector) {
    if (!write_sector_header(sector, store.next_sector_seq)) {
        store.sectors[sector].state = SectorState::dirty;
        return false;
    }
    store.sectors[sector] = Sector{store.next_sector_seq++, SectorState::used};
    store.active = sector;
    store.has_active = true;
    store.write_offset = records_start();
    return true;
}

// ---- Records ------------------------------------------------------------------------------

// Programs zeros over a superseded record's payload so that no old key pair stays readable.
// Its header stays: at mount it reads as a damaged record older than its successor.
void scrub(uint32_t address, uint32_t size) {
#if TINYCAPI_FLASH_STORE_SCRUB
    const uint32_t length = size - 2 * store.header_span - store.commit_span;
    bool already_zero = false;
    if (!region_is(payload_of(address), length, 0x00, &already_zero) || already_zero) return;
    Programmer writer(payload_of(address));
    writer.put_repeated(0x00, length);
    writer.finish();  // a failure leaves it for garbage collection to erase
#else
    (void)address;
    (void)size;
#endif
}

// Programs a record at the active sector's write offset: both header copies, the payload,
// and last the commit mark. A failure leaves a torn record, which mount skips.
tinycapi_port_status program_record(uint8_t kind, unsigned name_space, uint32_t hash, const Payload &payload,
                                    uint32_t *address) {
    Crc32 crc;
    for (int i = 0; i < payload.count; ++i) {
        const Piece &p = payload.pieces[i];
        if (p.memory) {
            crc.update(p.memory, p.length);
        } else if (!crc_of_flash(p.flash, p.length, crc)) {
            return TINYCAPI_PORT_IO_ERROR;
        }
    }
    const RecordHeader header{kind, static_cast<uint8_t>(name_space), store.next_seq++, payload.length, hash,
                              crc.value()};
    uint8_t header_bytes[2 * kMaxWriteUnit];
    static_assert(sizeof header_bytes >= size_t{(kRecordHeaderBytes + kMaxWriteUnit - 1) / kMaxWriteUnit} * kMaxWriteUnit,
                  "a header padded to the largest write unit fits");
    memset(header_bytes, 0xFF, sizeof header_bytes);
    encode_header(header, header_bytes);

    const uint32_t size = record_size(payload.length);
    *address = sector_base(store.active) + store.write_offset;
    store.write_offset += size;  // used from now on, whether the record completes or tears
    Programmer writer(*address);
    writer.put(header_bytes, store.header_span);
    writer.put(header_bytes, store.header_span);
    for (int i = 0; i < payload.count; ++i) {
        const Piece &p = payload.pieces[i];
        if (p.memory) {
            writer.put(p.memory, p.length);
        } else {
            writer.put_flash(p.flash, p.length);
        }
    }
    if (!writer.finish()) return TINYCAPI_PORT_IO_ERROR;
    const uint8_t commit[kMaxWriteUnit] = {};
    if (!device_program(*address + size - store.commit_span, commit, store.commit_span)) return TINYCAPI_PORT_IO_ERROR;
    return TINYCAPI_PORT_OK;
}

// Copies a record as it is (a damaged one stays damaged), commit mark last.
bool copy_record(uint32_t from, uint32_t size, uint32_t to) {
    Programmer writer(to);
    writer.put_flash(from, size - store.commit_span);
    if (!writer.finish()) return false;
    const uint8_t commit[kMaxWriteUnit] = {};
    return device_program(to + size - store.commit_span, commit, store.commit_span);
}

// ---- Garbage collection -------------------------------------------------------------------

// Moves the live records of the oldest sector to the active one (after opening a fresh sector
// when `into_fresh_sector`), then destroys the oldest sector's header and erases it. Tombstones
// there are dropped: every older version of their container is in that sector or older ones.
// A power cut anywhere leaves the oldest sector intact and used, so mount finishes the job.
tinycapi_port_status collect(bool into_fresh_sector) {
    uint32_t oldest = 0;
    if (!oldest_used_sector(&oldest)) return TINYCAPI_PORT_OK;
    // No sector to collect into: a sector that fails to erase is the medium failing.
    const tinycapi_port_status stuck = has_dirty_sector() ? TINYCAPI_PORT_IO_ERROR : TINYCAPI_PORT_FULL;
    if (into_fresh_sector) {
        uint32_t fresh = 0;
        if (!next_free_sector(&fresh)) return stuck;
        if (!open_sector(fresh)) return TINYCAPI_PORT_IO_ERROR;
    } else if (!store.has_active || oldest == store.active) {
        return stuck;
    }
    ++store.figures.collections;
    for (Entry &e : store.entries) {
        if (e.state != EntryState::live && e.state != EntryState::damaged) continue;
        if (sector_of(e.address) != oldest) continue;
        if (store.write_offset + e.size > sector_size()) return TINYCAPI_PORT_FULL;
        const uint32_t to = sector_base(store.active) + store.write_offset;
        store.write_offset += e.size;
        if (!copy_record(e.address, e.size, to)) return TINYCAPI_PORT_IO_ERROR;
        e.address = to;
    }
    // Zeroing the header retires the sector before its erase, which a power cut may tear.
    static const uint8_t zeros[kSectorHeaderBytes] = {};
    if (!device_program(sector_base(oldest), zeros, sizeof zeros)) return TINYCAPI_PORT_IO_ERROR;
    for (Entry &e : store.entries) {
        if (e.state == EntryState::deleted && sector_of(e.address) == oldest) e = Entry{};
    }
    erase_sector(oldest);  // a failure leaves it dirty: erased again before it is needed
    return TINYCAPI_PORT_OK;
}

// Makes room for `size` bytes at the write offset: opens the next sector, collecting garbage
// when only the spare is left. Never changes what the store holds.
tinycapi_port_status ensure_room(uint32_t size) {
    for (uint32_t attempt = 0; attempt < 2 * sector_count() + 2; ++attempt) {
        erase_dirty_sectors();
        tinycapi_port_status status = TINYCAPI_PORT_OK;
        if (store.has_active && free_sectors() == 0) {
            status = collect(false);  // an interrupted collection: finish it first
        } else if (store.has_active && store.write_offset + size <= sector_size()) {
            return TINYCAPI_PORT_OK;
        } else if (!store.has_active || free_sectors() >= 2) {
            uint32_t fresh = 0;
            if (!next_free_sector(&fresh)) return has_dirty_sector() ? TINYCAPI_PORT_IO_ERROR : TINYCAPI_PORT_FULL;
            if (!open_sector(fresh)) return TINYCAPI_PORT_IO_ERROR;
        } else {
            status = collect(true);
        }
        if (status != TINYCAPI_PORT_OK) return status;
    }
    return has_dirty_sector() ? TINYCAPI_PORT_IO_ERROR : TINYCAPI_PORT_FULL;
}

// Whether the flash can hold what the index points at, with `replaced` superseded by a record
// of `size` bytes, and still always collect: every sector but the spare can lose up to one
// record's length at its end.
bool capacity_allows(uint32_t size, const Entry *replaced) {
    uint32_t used = size;
    for (const Entry &e : store.entries) {
        if (e.state != EntryState::free && &e != replaced) used += e.size;
    }
    const uint32_t per_sector = sector_size() - records_start() - max_record_size();
    return used <= (sector_count() - 1) * per_sector;
}

// ---- The index ----------------------------------------------------------------------------

bool name_matches(const Entry &e, const char *name) {
    uint8_t length = 0;
    if (!device_read(payload_of(e.address), &length, 1) || length != strlen(name)) return false;
    char chunk[32];
    for (uint32_t done = 0; done < length;) {
        const uint32_t take = length - done < sizeof chunk ? length - done : sizeof chunk;
        if (!device_read(payload_of(e.address) + 1 + done, chunk, take)) return false;
        for (uint32_t i = 0; i < take; ++i) {
            if (ascii_lower(chunk[i]) != ascii_lower(name[done + i])) return false;
        }
        done += take;
    }
    return true;
}

// The entry of `name`, or null. A damaged record's name cannot be trusted: its hash decides.
// *collision is set when another name has the same hash (create then reports FULL).
// A read failure makes it null too, with store.read_failed set: callers report IO_ERROR.
Entry *lookup(unsigned name_space, const char *name, uint32_t hash, bool *collision) {
    *collision = false;
    store.read_failed = false;
    for (Entry &e : store.entries) {
        if (e.state == EntryState::free || e.name_space != name_space || e.name_hash != hash) continue;
        if (e.state == EntryState::damaged || name_matches(e, name)) return &e;
        *collision = true;
    }
    return nullptr;
}

Entry *free_entry() {
    for (Entry &e : store.entries) {
        if (e.state == EntryState::free) return &e;
    }
    return nullptr;
}

// Where pair record `record` (1 or 2) of a live container record is, and its length.
bool locate_pair(const Entry &e, unsigned record, uint32_t *address, uint32_t *length) {
    uint8_t name_length = 0;
    uint32_t at = payload_of(e.address);
    if (!device_read(at, &name_length, 1)) return false;
    at += 1 + name_length;
    for (unsigned r = 1;; ++r) {
        uint8_t field[2];
        if (!device_read(at, field, 2)) return false;
        *length = get16(field);
        *address = at + 2;
        if (r == record) return true;
        at += 2 + *length;
    }
}

uint32_t live_containers() {
    uint32_t n = 0;
    for (const Entry &e : store.entries) n += e.state == EntryState::live || e.state == EntryState::damaged;
    return n;
}

bool valid_request(unsigned name_space, const char *name) {
    return store.mounted && name_space <= 1 && name != nullptr && strlen(name) <= kNameMax;
}

// ---- Mount --------------------------------------------------------------------------------

enum class Found : uint8_t { nothing, torn, committed, damaged };

// Reads the record that may start at `address` (`room` bytes left in its sector).
bool parse_record(uint32_t address, uint32_t room, RecordHeader *header, uint32_t *size, Found *found) {
    *found = Found::nothing;
    if (room < 2 * store.header_span + store.commit_span) return true;
    uint8_t copies[2][kRecordHeaderBytes];
    if (!device_read(address, copies[0], kRecordHeaderBytes) ||
        !device_read(address + store.header_span, copies[1], kRecordHeaderBytes)) {
        return false;
    }
    RecordHeader second;
    const bool first_valid = decode_header(copies[0], header);
    const bool second_valid = decode_header(copies[1], &second);
    if (!first_valid && !second_valid) return true;
    if (!first_valid) *header = second;
    *size = record_size(header->payload_length);
    if (*size > room) return true;
    bool erased = false;
    if (!region_is(address + *size - store.commit_span, store.commit_span, 0xFF, &erased)) return false;
    // Any programmed bit of the commit mark says the payload before it was complete.
    if (erased) {
        *found = Found::torn;
        return true;
    }
    Crc32 crc;
    if (!crc_of_flash(payload_of(address), header->payload_length, crc)) return false;
    const bool intact = first_valid && second_valid && memcmp(copies[0], copies[1], kRecordHeaderBytes) == 0 &&
                        crc.value() == header->payload_crc;
    *found = intact ? Found::committed : Found::damaged;
    return true;
}

// Index one committed record found by mount. The newest sequence number wins; between copies
// of one sequence number (garbage collection's), an intact one beats a damaged one and the
// later sector beats the earlier. What loses is superseded, and scrubbed.
bool index_record(uint32_t address, const RecordHeader &h, uint32_t size, bool damaged) {
    Entry *e = nullptr;
    for (Entry &candidate : store.entries) {
        if (candidate.state != EntryState::free && candidate.name_space == h.name_space &&
            candidate.name_hash == h.name_hash) {
            e = &candidate;
        }
    }
    const EntryState state =
        damaged ? EntryState::damaged : (h.kind == kKindTombstone ? EntryState::deleted : EntryState::live);
    const Entry fresh{address, h.seq, h.name_hash, static_cast<uint16_t>(size), h.name_space, state};
    if (e == nullptr) {
        e = free_entry();
        if (e == nullptr) return false;
        *e = fresh;
        return true;
    }
    const int32_t age = static_cast<int32_t>(h.seq - e->seq);
    const bool newer = age > 0 || (age == 0 && (!damaged || e->state == EntryState::damaged));
    if (newer) {
        if (e->state != EntryState::deleted) scrub(e->address, e->size);
        *e = fresh;
    } else if (h.kind != kKindTombstone) {
        scrub(address, size);
    }
    return true;
}

bool scan_sector(uint32_t sector, bool *next_seq_known) {
    uint32_t offset = records_start();
    uint32_t last_used = offset;
    bool garbage = false;
    while (offset + store.unit <= sector_size()) {
        // A record never starts with an erased unit (the header's magic is there): skip the
        // erased tail without parsing at every unit.
        bool erased = false;
        if (!region_is(sector_base(sector) + offset, store.unit, 0xFF, &erased)) return false;
        if (erased) {
            offset += store.unit;
            continue;
        }
        RecordHeader header{};
        uint32_t size = 0;
        Found found;
        if (!parse_record(sector_base(sector) + offset, sector_size() - offset, &header, &size, &found)) return false;
        if (found != Found::nothing) {
            if (!*next_seq_known || static_cast<int32_t>(header.seq - store.next_seq) >= 0) store.next_seq = header.seq + 1;
            *next_seq_known = true;
            if (found == Found::committed || found == Found::damaged) {
                ++store.figures.records_scanned;
                if (!index_record(sector_base(sector) + offset, header, size, found == Found::damaged)) return false;
            }
            offset += size;
            last_used = offset;
            continue;
        }
        offset += store.unit;
        last_used = offset;  // garbage (a torn header): never program over it
        garbage = true;
    }
    // After units that parse as nothing, the next record starts one header copy further on:
    // written right after them, a later mount could read such a unit with the record's first
    // header copy as its second, as one record spanning the new one (found by the flash-image
    // fuzzer; tests/fuzz/reproducers/flash_mount). The erased gap is skipped, never parsed.
    if (store.has_active && sector == store.active) {
        const uint32_t next = garbage ? last_used + store.header_span : last_used;
        store.write_offset = next < sector_size() ? next : sector_size();
    }
    return true;
}

bool geometry_ok(const tinycapi_flash_device *d) {
    if (d == nullptr || !d->read || !d->program || !d->erase) return false;
    const uint32_t u = d->write_unit;
    if (u != 1 && u != 2 && u != 4 && u != 8 && u != 16) return false;
    if (d->sector_count < 2 || d->sector_count > TINYCAPI_FLASH_STORE_MAX_SECTORS) return false;
    if (d->sector_size % u != 0 || d->sector_size > 0x40000000u / d->sector_count) return false;
    return true;
}

}  // namespace

uint32_t record_bytes(const tinycapi_flash_device &device, size_t name_length, size_t record1, size_t record2) {
    const uint32_t u = device.write_unit;
    const uint32_t payload = static_cast<uint32_t>(1 + name_length + 2 + record1 + 2 + record2);
    return 2 * round_up(kRecordHeaderBytes, u) + round_up(payload, u) + round_up(kCommitBytes, u);
}

void unmount() {
    store = Store{};
}

bool is_mounted() { return store.mounted; }

tinycapi_port_status mount(const tinycapi_flash_device *device) {
    unmount();
    if (!geometry_ok(device)) return TINYCAPI_PORT_IO_ERROR;
    store.device = device;
    store.unit = device->write_unit;
    store.header_span = round_up(kRecordHeaderBytes, store.unit);
    store.commit_span = round_up(kCommitBytes, store.unit);
    if (sector_size() < records_start() + 2 * max_record_size()) return TINYCAPI_PORT_IO_ERROR;

    // Sectors: a valid header is in use; anything else must be blank or is erased now.
    uint32_t order[TINYCAPI_FLASH_STORE_MAX_SECTORS];
    uint32_t used = 0;
    for (uint32_t s = 0; s < sector_count(); ++s) {
        uint32_t seq = 0;
        bool valid = false;
        if (!read_sector_header(s, &seq, &valid)) return TINYCAPI_PORT_IO_ERROR;
        if (valid) {
            store.sectors[s] = Sector{seq, SectorState::used};
            uint32_t i = used++;
            for (; i > 0 && static_cast<int32_t>(store.sectors[order[i - 1]].seq - seq) > 0; --i) order[i] = order[i - 1];
            order[i] = s;
            continue;
        }
        bool blank = false;
        if (!region_is(sector_base(s), sector_size(), 0xFF, &blank)) return TINYCAPI_PORT_IO_ERROR;
        store.sectors[s].state = blank ? SectorState::free : SectorState::dirty;
    }
    if (used > 0) {
        store.has_active = true;
        store.active = order[used - 1];
        store.next_sector_seq = store.sectors[store.active].seq + 1;
    }
    // Oldest first, so that within one sequence number the later sector's copy wins.
    bool next_seq_known = false;
    for (uint32_t i = 0; i < used; ++i) {
        if (!scan_sector(order[i], &next_seq_known)) {
            unmount();
            return TINYCAPI_PORT_IO_ERROR;
        }
    }
    store.mounted = true;
    erase_dirty_sectors();
    // No erased sector left: a collection was cut short. Finish it (failures wait for a write).
    if (store.has_active && free_sectors() == 0) collect(false);
    return TINYCAPI_PORT_OK;
}

tinycapi_port_status find(unsigned name_space, const char *name) {
    if (!valid_request(name_space, name)) return store.mounted ? TINYCAPI_PORT_NOT_FOUND : TINYCAPI_PORT_IO_ERROR;
    bool collision;
    const Entry *e = lookup(name_space, name, name_hash(name_space, name), &collision);
    if (store.read_failed) return TINYCAPI_PORT_IO_ERROR;
    if (e == nullptr || e->state == EntryState::deleted) return TINYCAPI_PORT_NOT_FOUND;
    return e->state == EntryState::damaged ? TINYCAPI_PORT_DAMAGED : TINYCAPI_PORT_OK;
}

tinycapi_port_status create(unsigned name_space, const char *name) {
    if (!store.mounted) return TINYCAPI_PORT_IO_ERROR;
    if (!valid_request(name_space, name)) return TINYCAPI_PORT_FULL;
    const uint32_t hash = name_hash(name_space, name);
    bool collision;
    Entry *e = lookup(name_space, name, hash, &collision);
    if (store.read_failed) return TINYCAPI_PORT_IO_ERROR;
    if (e != nullptr && e->state != EntryState::deleted) return TINYCAPI_PORT_EXISTS;
    if (collision || live_containers() >= TINYCAPI_MAX_CONTAINERS) return TINYCAPI_PORT_FULL;

    const uint32_t name_length = static_cast<uint32_t>(strlen(name));
    const uint8_t fields[5] = {static_cast<uint8_t>(name_length), 0, 0, 0, 0};  // name length; two empty pairs
    Payload payload;
    payload.add_memory(fields, 1);
    payload.add_memory(reinterpret_cast<const uint8_t *>(name), name_length);
    payload.add_memory(fields + 1, 4);
    const uint32_t size = record_size(payload.length);
    if (!capacity_allows(size, e)) return TINYCAPI_PORT_FULL;
    // A name needs an index entry: collect deleted containers' tombstones to free one.
    for (uint32_t round = 0; e == nullptr && free_entry() == nullptr && round < sector_count(); ++round) {
        if (tinycapi_port_status s = collect(true); s != TINYCAPI_PORT_OK) return s;
    }
    if (e == nullptr && free_entry() == nullptr) return TINYCAPI_PORT_FULL;
    if (tinycapi_port_status s = ensure_room(size); s != TINYCAPI_PORT_OK) return s;
    if (e == nullptr) e = free_entry();  // collection may have freed entries; take one now
    if (e == nullptr) return TINYCAPI_PORT_FULL;
    uint32_t address;
    if (tinycapi_port_status s = program_record(kKindContainer, name_space, hash, payload, &address);
        s != TINYCAPI_PORT_OK) {
        return s;
    }
    *e = Entry{address, store.next_seq - 1, hash, static_cast<uint16_t>(size), static_cast<uint8_t>(name_space),
               EntryState::live};
    return TINYCAPI_PORT_OK;
}

tinycapi_port_status remove(unsigned name_space, const char *name) {
    if (!store.mounted) return TINYCAPI_PORT_IO_ERROR;
    if (!valid_request(name_space, name)) return TINYCAPI_PORT_NOT_FOUND;
    const uint32_t hash = name_hash(name_space, name);
    bool collision;
    Entry *e = lookup(name_space, name, hash, &collision);
    if (store.read_failed) return TINYCAPI_PORT_IO_ERROR;
    if (e == nullptr || e->state == EntryState::deleted) return TINYCAPI_PORT_NOT_FOUND;

    const uint32_t name_length = static_cast<uint32_t>(strlen(name));
    const uint8_t length_field = static_cast<uint8_t>(name_length);
    Payload payload;
    payload.add_memory(&length_field, 1);
    payload.add_memory(reinterpret_cast<const uint8_t *>(name), name_length);
    const uint32_t size = record_size(payload.length);
    if (!capacity_allows(size, e)) return TINYCAPI_PORT_FULL;
    if (tinycapi_port_status s = ensure_room(size); s != TINYCAPI_PORT_OK) return s;
    uint32_t address;
    if (tinycapi_port_status s = program_record(kKindTombstone, name_space, hash, payload, &address);
        s != TINYCAPI_PORT_OK) {
        return s;
    }
    const Entry old = *e;
    *e = Entry{address, store.next_seq - 1, hash, static_cast<uint16_t>(size), static_cast<uint8_t>(name_space),
               EntryState::deleted};
    scrub(old.address, old.size);  // the key pairs leave the flash with the container
    return TINYCAPI_PORT_OK;
}

tinycapi_port_status read(unsigned name_space, const char *name, unsigned record, uint8_t *buffer,
                          size_t capacity, size_t *length) {
    if (tinycapi_port_status s = find(name_space, name); s != TINYCAPI_PORT_OK) return s;
    if (record != TINYCAPI_RECORD_KEY_EXCHANGE && record != TINYCAPI_RECORD_SIGNATURE) return TINYCAPI_PORT_NOT_FOUND;
    bool collision;
    const Entry *e = lookup(name_space, name, name_hash(name_space, name), &collision);
    uint32_t address, stored;
    if (!locate_pair(*e, record, &address, &stored)) return TINYCAPI_PORT_IO_ERROR;
    if (stored == 0) return TINYCAPI_PORT_NOT_FOUND;
    *length = stored;
    if (stored > capacity) return TINYCAPI_PORT_FULL;
    return device_read(address, buffer, stored) ? TINYCAPI_PORT_OK : TINYCAPI_PORT_IO_ERROR;
}

tinycapi_port_status write(unsigned name_space, const char *name, unsigned record, const uint8_t *data,
                           size_t length) {
    if (tinycapi_port_status s = find(name_space, name); s != TINYCAPI_PORT_OK) return s;
    if (record != TINYCAPI_RECORD_KEY_EXCHANGE && record != TINYCAPI_RECORD_SIGNATURE) return TINYCAPI_PORT_NOT_FOUND;
    if (length > TINYCAPI_CONTAINER_RECORD_MAX) return TINYCAPI_PORT_FULL;
    const uint32_t hash = name_hash(name_space, name);
    bool collision;
    Entry *e = lookup(name_space, name, hash, &collision);
    uint32_t pair_address[2], pair_length[2];
    for (unsigned r = 0; r < 2; ++r) {
        if (!locate_pair(*e, r + 1, &pair_address[r], &pair_length[r])) return TINYCAPI_PORT_IO_ERROR;
    }
    pair_length[record - 1] = static_cast<uint32_t>(length);
    uint8_t name_length = 0;
    if (!device_read(payload_of(e->address), &name_length, 1)) return TINYCAPI_PORT_IO_ERROR;
    const uint32_t size = record_size(1 + name_length + 2 + pair_length[0] + 2 + pair_length[1]);
    if (!capacity_allows(size, e)) return TINYCAPI_PORT_FULL;
    if (tinycapi_port_status s = ensure_room(size); s != TINYCAPI_PORT_OK) return s;
    // Collection may have moved the record: locate the pair kept from the old record again.
    for (unsigned r = 0; r < 2; ++r) {
        uint32_t ignored;
        if (!locate_pair(*e, r + 1, &pair_address[r], &ignored)) return TINYCAPI_PORT_IO_ERROR;
    }
    uint8_t fields[4];
    put16(fields, pair_length[0]);
    put16(fields + 2, pair_length[1]);
    Payload payload;
    payload.add_flash(payload_of(e->address), 1u + name_length);  // the name as created
    for (unsigned r = 0; r < 2; ++r) {
        payload.add_memory(fields + size_t{2} * r, 2);
        if (r + 1 == record) {
            payload.add_memory(data, static_cast<uint32_t>(length));
        } else {
            payload.add_flash(pair_address[r], pair_length[r]);
        }
    }
    uint32_t address;
    if (tinycapi_port_status s = program_record(kKindContainer, name_space, hash, payload, &address);
        s != TINYCAPI_PORT_OK) {
        return s;
    }
    const Entry old = *e;
    *e = Entry{address, store.next_seq - 1, hash, static_cast<uint16_t>(size), static_cast<uint8_t>(name_space),
               EntryState::live};
    scrub(old.address, old.size);
    return TINYCAPI_PORT_OK;
}

tinycapi_port_status name_at(unsigned name_space, size_t index, char *buffer, size_t capacity) {
    if (!store.mounted) return TINYCAPI_PORT_IO_ERROR;
    for (const Entry &e : store.entries) {
        if (e.state != EntryState::live || e.name_space != name_space) continue;
        if (index-- != 0) continue;
        uint8_t length = 0;
        if (!device_read(payload_of(e.address), &length, 1)) return TINYCAPI_PORT_IO_ERROR;
        if (static_cast<size_t>(length) + 1 > capacity) return TINYCAPI_PORT_FULL;
        if (!device_read(payload_of(e.address) + 1, buffer, length)) return TINYCAPI_PORT_IO_ERROR;
        buffer[length] = '\0';
        return TINYCAPI_PORT_OK;
    }
    return TINYCAPI_PORT_NOT_FOUND;
}

bool locate(unsigned name_space, const char *name, uint32_t *address, uint32_t *size) {
    if (!valid_request(name_space, name)) return false;
    bool collision;
    const Entry *e = lookup(name_space, name, name_hash(name_space, name), &collision);
    if (e == nullptr) return false;
    *address = e->address;
    *size = e->size;
    return true;
}

Figures figures() {
    Figures f = store.figures;
    f.live_bytes = 0;
    for (const Entry &e : store.entries) {
        if (e.state != EntryState::free) f.live_bytes += e.size;
    }
    return f;
}

}  // namespace tinycapi::port::flash_store
