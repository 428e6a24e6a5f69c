// Writes the fuzzers' seed corpora (issue 14, item 1): the project makes its own seeds, so a
// fresh checkout fuzzes from meaningful inputs. One directory per fuzzer, under argv[1]:
//   key_blob:        every blob type tinycapi exports (session keys of every algorithm, Wine's
//                    Windows-made RSA blobs, a SIMPLEBLOB under Wine's exchange pair), and
//                    deliberately inconsistent RSA blobs (p·q ≠ n, a wrong d, an even or tiny e,
//                    zero primes), each behind its flags byte;
//   api_sequence:    short programs that exercise each operation on live objects;
//   decrypt_verify:  each case selector with a block of data;
//   flash_mount:     flash images the record store wrote: one container, several with both
//                    pairs, a store that has collected garbage, one with a deleted container;
//   formats:         each DER form of the OpenSSL key pair behind its structure selector, and a
//                    PEM text behind the text selector;
//   rsa_arithmetic:  each case selector with sizes and numbers, primes 11 and 13 for key
//                    completion, and a well-formed PKCS#1 v1.5 EM.
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include <tinycapi/port_mock.h>
#include <tinycapi/wincrypt.h>

#include "flash_image.hpp"
#include "flash_record_store.hpp"
#include "openssl_rsa_key.hpp"
#include "wine_rsaenh_keys.hpp"

namespace {

namespace wine = tinycapi::testing::wine_rsaenh;
using Bytes = std::vector<unsigned char>;

std::string root;
int written = 0;

void Write(const char *fuzzer, const std::string &name, const Bytes &bytes) {
    const std::string directory = root + "/" + fuzzer;
    mkdir(directory.c_str(), 0755);
    const std::string path = directory + "/" + name;
    FILE *file = fopen(path.c_str(), "wb");
    if (!file) return;
    fwrite(bytes.data(), 1, bytes.size(), file);
    fclose(file);
    ++written;
}

Bytes WithFlags(unsigned char flags, const BYTE *blob, size_t length) {
    Bytes out{flags};
    out.insert(out.end(), blob, blob + length);
    return out;
}

void KeyBlobSeeds() {
    HCRYPTPROV prov;
    CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT);
    HCRYPTKEY exchange;
    CryptImportKey(prov, wine::kPlainPrivateKey, sizeof wine::kPlainPrivateKey, 0, 0, &exchange);
    const ALG_ID algorithms[] = {CALG_AES_128, CALG_AES_192, CALG_AES_256, CALG_DES, CALG_3DES_112, CALG_3DES, CALG_RC2, CALG_RC4};
    for (ALG_ID algorithm : algorithms) {
        HCRYPTKEY key;
        if (!CryptGenKey(prov, algorithm, CRYPT_EXPORTABLE, &key)) continue;
        BYTE blob[512];
        DWORD length = sizeof blob;
        if (CryptExportKey(key, 0, PLAINTEXTKEYBLOB, 0, blob, &length)) {
            Write("key_blob", "plaintext-" + std::to_string(algorithm), WithFlags(1, blob, length));
        }
        length = sizeof blob;
        if (CryptExportKey(key, exchange, SIMPLEBLOB, 0, blob, &length)) {
            Write("key_blob", "simple-" + std::to_string(algorithm), WithFlags(4 | 1, blob, length));
        }
        CryptDestroyKey(key);
    }
    struct Named {
        const char *name;
        const BYTE *blob;
        size_t length;
    } const wine_blobs[] = {
        {"wine-private-1024", wine::kPlainPrivateKey, sizeof wine::kPlainPrivateKey},
        {"wine-private-512", wine::kPrivateExchangeBlob, sizeof wine::kPrivateExchangeBlob},
        {"wine-sign-512", wine::kSignBlob, sizeof wine::kSignBlob},
        {"wine-public-512", wine::kPublicExchangeBlob, sizeof wine::kPublicExchangeBlob},
        {"wine-public-elevens", wine::kAllElevensPublicKey, sizeof wine::kAllElevensPublicKey},
        {"wine-rc4-simple", wine::kRc4SimpleBlob, sizeof wine::kRc4SimpleBlob},
    };
    for (const Named &n : wine_blobs) {
        Write("key_blob", n.name, WithFlags(n.blob == wine::kRc4SimpleBlob ? 4 : 1, n.blob, n.length));
    }
    // Inconsistent RSA blobs from the 512-bit pair (reference §6.2 offsets: n at 20, p at 84,
    // q at 116, dP at 148, dQ at 180, qInv at 212, d at 244; e at 16).
    const Bytes base(wine::kPrivateExchangeBlob, wine::kPrivateExchangeBlob + sizeof wine::kPrivateExchangeBlob);
    auto variant = [&](const char *name, size_t at, size_t count, unsigned char value) {
        Bytes blob = base;
        for (size_t i = 0; i < count; ++i) blob[at + i] = value;
        Write("key_blob", name, WithFlags(1, blob.data(), blob.size()));
    };
    variant("rsa-n-not-pq", 20, 1, 0x01);
    variant("rsa-wrong-d", 244, 4, 0x5A);
    variant("rsa-even-e", 16, 1, 0x02);
    variant("rsa-tiny-e", 16, 4, 0x00);
    variant("rsa-zero-p", 84, 32, 0x00);
    variant("rsa-zero-q", 116, 32, 0x00);
    variant("rsa-bad-qinv", 212, 2, 0xFF);
    CryptDestroyKey(exchange);
    CryptReleaseContext(prov, 0);
}

void SequenceSeeds() {
    // Each byte string is a program for api_sequence_fuzzer.cpp: operation byte, then arguments.
    const std::vector<Bytes> programs = {
        {0, 1, 3, 0, 4, 0, 4, 0, 5, 1, 2, 1, 20, 0},                 // context, hash, data, value
        {0, 0, 9, 0, 0, 0, 11, 1, 1, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8},  // context, AES key, encrypt
        {0, 1, 9, 0, 9, 0, 1, 11, 1, 1, 0, 5, 1, 2, 3, 4, 5, 4, 1},   // RC4 key, short buffer
        {0, 1, 1, 0, 2, 0, 0, 3, 1, 3, 0, 2, 0, 1, 8, 1},             // add-ref, release, hash on dead
        {0, 0, 9, 0, 10, 0, 0, 14, 1, 15, 1, 0, 8, 40, 0, 1, 16, 1},  // RSA pair, duplicate, export
        {0, 0, 3, 0, 4, 0, 4, 0, 10, 0, 2, 1, 0, 13, 2, 1, 1, 8},     // derive, key params
    };
    int index = 0;
    for (const Bytes &program : programs) Write("api_sequence", "program-" + std::to_string(index++), program);
}

void DecryptVerifySeeds() {
    for (unsigned char choice = 0; choice < 9; ++choice) {
        Bytes seed{0, choice, 1, 0, 1, 32};
        for (int i = 0; i < 64; ++i) seed.push_back(static_cast<unsigned char>(i * 7 + choice));
        Write("decrypt_verify", "decrypt-" + std::to_string(choice), seed);
    }
    for (unsigned char hash = 0; hash < 8; ++hash) {
        Bytes seed{1, static_cast<unsigned char>(hash & 1), hash, 5, 'h', 'e', 'l', 'l', 'o', 0};
        for (int i = 0; i < 64; ++i) seed.push_back(static_cast<unsigned char>(i * 13 + hash));
        Write("decrypt_verify", "verify-" + std::to_string(hash), seed);
    }
}

void FlashSeeds() {
    namespace store = tinycapi::port::flash_store;
    using tinycapi::fuzz::FlashImage;
    static FlashImage flash;
    const uint8_t pair[264] = {0x30, 0x82, 1, 2, 3};
    auto image = [&](const char *name) {
        Write("flash_mount", name, Bytes(flash.bytes, flash.bytes + FlashImage::kBytes));
    };
    flash.Reset();
    store::unmount();
    if (store::mount(&flash.device) != TINYCAPI_PORT_OK) return;
    store::create(0, "device");
    store::write(0, "device", TINYCAPI_RECORD_SIGNATURE, pair, sizeof pair);
    image("one-container");
    store::create(1, "machine");
    store::write(1, "machine", TINYCAPI_RECORD_KEY_EXCHANGE, pair, sizeof pair);
    store::write(1, "machine", TINYCAPI_RECORD_SIGNATURE, pair, 100);
    store::create(0, "second");
    image("three-containers");
    for (int i = 0; i < 40; ++i) store::write(0, "device", TINYCAPI_RECORD_SIGNATURE, pair, 200 + (i % 64));
    image("after-garbage-collection");
    store::remove(0, "second");
    image("deleted-container");
    store::unmount();
}

// Selectors of formats_fuzzer.cpp: 0 X509_PUBLIC_KEY_INFO, 1 RSA_CSP_PUBLICKEYBLOB,
// 6 PKCS_RSA_PRIVATE_KEY, 7 PKCS_PRIVATE_KEY_INFO, 8 X509_ALGORITHM_IDENTIFIER, 9 text.
void FormatsSeeds() {
    namespace key = tinycapi::testing::openssl_rsa;
    auto seed = [](const char *name, unsigned char selector, const BYTE *bytes, size_t length) {
        Write("formats", name, WithFlags(selector, bytes, length));
    };
    seed("public-key-info", 0, key::kPublicKeyInfoDer, sizeof key::kPublicKeyInfoDer);
    seed("rsa-public-key", 1, key::kPublicKeyInfoDer + 22, sizeof key::kPublicKeyInfoDer - 22);
    seed("rsa-private-key", 6, key::kRsaPrivateKeyDer, sizeof key::kRsaPrivateKeyDer);
    seed("private-key-info", 7, key::kPrivateKeyInfoDer, sizeof key::kPrivateKeyInfoDer);
    seed("algorithm", 8, key::kPublicKeyInfoDer + 3, 15);
    seed("pem", 9, reinterpret_cast<const BYTE *>(key::kPublicKeyPem), sizeof key::kPublicKeyPem - 1);
}

// Selectors of rsa_arithmetic_fuzzer.cpp: 0 division, 1 exponentiation, 2 inverses, 3 gcd,
// 4 key completion, 5 padding decoders.
void RsaArithmeticSeeds() {
    Bytes pattern;
    for (int i = 0; i < 512; ++i) pattern.push_back(static_cast<unsigned char>(i * 37 + 11));
    for (unsigned char selector = 0; selector < 4; ++selector) {
        Bytes seed{selector, 16, 8};
        seed.insert(seed.end(), pattern.begin(), pattern.end());
        Write("rsa_arithmetic", "case-" + std::to_string(selector), seed);
    }
    // Key completion: 11 and 13 (3 limbs each, big-endian) with e = 7.
    Bytes small{4, 2};
    for (unsigned char prime : {11, 13}) {
        const Bytes limbs(11, 0);
        small.insert(small.end(), limbs.begin(), limbs.end());
        small.push_back(prime);
    }
    small.insert(small.end(), {7, 0, 0, 0});
    Write("rsa_arithmetic", "complete-11-13", small);
    // 00 02 PS 00 M in 64 bytes, capacity 32.
    Bytes padded{5, 0, 32, 0x00, 0x02};
    for (int i = 0; i < 40; ++i) padded.push_back(static_cast<unsigned char>(0x11 + i));
    padded.push_back(0x00);
    while (padded.size() < 3 + 64) padded.push_back(0x42);
    Write("rsa_arithmetic", "pkcs1-em", padded);
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <corpus root>\n", argv[0]);
        return 2;
    }
    root = argv[1];
    mkdir(root.c_str(), 0755);
    tinycapi_mock_reset(0x7153'2024'0005ull);
    KeyBlobSeeds();
    SequenceSeeds();
    DecryptVerifySeeds();
    FlashSeeds();
    FormatsSeeds();
    RsaArithmeticSeeds();
    printf("make_seeds: %d seeds in %s\n", written, root.c_str());
    return written > 0 ? 0 : 1;
}
