// The named Microsoft providers tinycapi impersonates, and the algorithms each one offers
// (reference §4). A personality is a constant table; a provider object points at one.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <tinycapi/wincrypt.h>

namespace tinycapi::objects {

enum class PersonalityId : unsigned char { base, strong, enhanced, aes };

// One row of PP_ENUMALGS_EX: lengths in bits, names as Windows reports them.
struct AlgorithmInfo {
    ALG_ID algorithm;
    DWORD default_bits;
    DWORD min_bits;
    DWORD max_bits;
    DWORD protocols;
};

// The names PP_ENUMALGS(_EX) reports for an algorithm, as Windows spells them (reference
// §4.3); they depend on the ALG_ID alone. Kept out of AlgorithmInfo so that only an image
// that enumerates algorithms links them.
struct AlgorithmNames {
    const char *name;       // PROV_ENUMALGS.szName, at most 19 characters
    const char *long_name;  // PROV_ENUMALGS_EX.szLongName, at most 39 characters
};
AlgorithmNames algorithm_names(ALG_ID algorithm);

struct Personality {
    PersonalityId id;
    DWORD provider_type;
    const char *name;  // the provider name, exactly as Windows spells it (PP_NAME)
    const AlgorithmInfo *const *algorithms;  // in PP_ENUMALGS order, this build's only
    size_t algorithm_count;
    const uint8_t *row_positions;  // find_algorithm's index into `algorithms` (personality.cpp)
};

// The personality a provider name selects (ASCII case-insensitive, like the registry), or
// null if tinycapi has no provider of that name. *canonical_name receives the name as
// Windows spells it (PP_NAME), which for the Windows XP AES name is that name.
const Personality *find_personality(const char *provider_name, const char **canonical_name);

// The provider Windows picks for a type when no name is given, or null if the type has none
// here (reference §4.1: PROV_RSA_FULL → Strong, PROV_RSA_AES → AES).
const Personality *default_personality(DWORD provider_type);

// The personality an id names (never null).
const Personality &personality_of(PersonalityId id);

// The algorithm's row in a personality's table, or null if that provider does not offer it
// in this build (compiled out, or not in the provider's table).
const AlgorithmInfo *find_algorithm(const Personality &personality, ALG_ID algorithm);

}  // namespace tinycapi::objects
