// Provider names compare as Windows' registry compares key names: ASCII case-insensitively.
#pragma once

namespace tinycapi::objects {

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool equal_ignoring_ascii_case(const char *a, const char *b) {
    for (;; ++a, ++b) {
        if (ascii_lower(*a) != ascii_lower(*b)) return false;
        if (*a == '\0') return true;
    }
}

}  // namespace tinycapi::objects
