// CryptBinaryToStringA/W and CryptStringToBinaryA/W: every format, flag and error of
// Windows' layouts. Expected values are those of Wine's conformance test
// dlls/crypt32/tests/base64.c (wine-mirror/wine), whose assertions that are neither todo_wine
// nor broken() record what Windows does; each table cites the array or check it comes from.
#include <string.h>

#include <string>
#include <vector>

#include "test_bytes.hpp"
#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

// base64.c: toEncode1, toEncode2, toEncode4, toEncode5 and their "tests" base64 (with "\r\n").
const BYTE kOneZero[] = {0};
const BYTE kOneTwo[] = {1, 2};
const char kAlphabet75x3[] =
    "abcdefghijlkmnopqrstuvwxyz01234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ01234567890"
    "abcdefghijlkmnopqrstuvwxyz01234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ01234567890"
    "abcdefghijlkmnopqrstuvwxyz01234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ01234567890";
const char kAlphabet46[] = "abcdefghijlkmnopqrstuvwxyz01234567890ABCDEFGHI";

struct Base64Case {
    Bytes binary;
    std::string base64;  // lines ended by "\r\n"
};

std::vector<Base64Case> Base64Cases() {
    return {
        {B(kOneZero), "AA==\r\n"},
        {B(kOneTwo), "AQI=\r\n"},
        {Bytes(kAlphabet75x3, kAlphabet75x3 + sizeof kAlphabet75x3),  // sizeof: the NUL is data
         "YWJjZGVmZ2hpamxrbW5vcHFyc3R1dnd4eXowMTIzNDU2Nzg5MEFCQ0RFRkdISUpL\r\n"
         "TE1OT1BRUlNUVVZXWFlaMDEyMzQ1Njc4OTBhYmNkZWZnaGlqbGttbm9wcXJzdHV2\r\n"
         "d3h5ejAxMjM0NTY3ODkwQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVowMTIzNDU2\r\n"
         "Nzg5MGFiY2RlZmdoaWpsa21ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OTBBQkNERUZH\r\n"
         "SElKS0xNTk9QUVJTVFVWV1hZWjAxMjM0NTY3ODkwAA==\r\n"},
        {Bytes(kAlphabet46, kAlphabet46 + sizeof kAlphabet46),
         "YWJjZGVmZ2hpamxrbW5vcHFyc3R1dnd4eXowMTIzNDU2Nzg5MEFCQ0RFRkdISQA=\r\n"},
    };
}

// base64.c: CERT_HEADER ... X509_TRAILER, per format.
struct HeaderCase {
    DWORD format;
    const char *header;
    const char *trailer;
};
const HeaderCase kHeaders[] = {
    {CRYPT_STRING_BASE64, "", ""},
    {CRYPT_STRING_BASE64HEADER, "-----BEGIN CERTIFICATE-----\r\n", "-----END CERTIFICATE-----\r\n"},
    {CRYPT_STRING_BASE64REQUESTHEADER, "-----BEGIN NEW CERTIFICATE REQUEST-----\r\n",
     "-----END NEW CERTIFICATE REQUEST-----\r\n"},
    {CRYPT_STRING_BASE64X509CRLHEADER, "-----BEGIN X509 CRL-----\r\n", "-----END X509 CRL-----\r\n"},
};

std::string Replace(std::string text, const std::string &from, const std::string &to) {
    for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
    return text;
}

std::wstring Widen(const std::string &text) { return std::wstring(text.begin(), text.end()); }

class BinaryToStringTest : public CapiTest {};
class StringToBinaryTest : public CapiTest {};

TEST_F(BinaryToStringTest, NullArgumentsAreInvalidParameterAndKeepTheLength) {
    // base64.c, test_CryptBinaryToString.
    EXPECT_FALSE(CryptBinaryToStringA(nullptr, 0, 0, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    DWORD length = 123;
    EXPECT_FALSE(CryptBinaryToStringA(nullptr, 0, 0, nullptr, &length));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(length, 123u);
    EXPECT_FALSE(CryptBinaryToStringW(nullptr, 0, 0, nullptr, &length));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(length, 123u);
}

TEST_F(BinaryToStringTest, BinaryCopiesTheBytesAndCountsBytesForBothForms) {
    for (const Base64Case &c : Base64Cases()) {
        const DWORD count = static_cast<DWORD>(c.binary.size());
        DWORD length = 0;
        ASSERT_TRUE(CryptBinaryToStringA(c.binary.data(), count, CRYPT_STRING_BINARY, nullptr, &length));
        EXPECT_EQ(length, count);
        std::vector<char> text(length);
        ASSERT_TRUE(CryptBinaryToStringA(c.binary.data(), count, CRYPT_STRING_BINARY, text.data(), &length));
        EXPECT_EQ(length, count);
        EXPECT_EQ(memcmp(text.data(), c.binary.data(), count), 0);
        length = 0;
        ASSERT_TRUE(CryptBinaryToStringW(c.binary.data(), count, CRYPT_STRING_BINARY, nullptr, &length));
        EXPECT_EQ(length, count);  // bytes, not characters
        std::vector<WCHAR> wide(length);
        ASSERT_TRUE(CryptBinaryToStringW(c.binary.data(), count, CRYPT_STRING_BINARY, wide.data(), &length));
        EXPECT_EQ(memcmp(wide.data(), c.binary.data(), count), 0);
    }
}

// base64.c, encodeAndCompareBase64_A / encode_compare_base64_W, for every format and with
// CRYPT_STRING_NOCR ("testsNoCR": "\n" line ends).
TEST_F(BinaryToStringTest, Base64LayoutsSizesAndShortBuffersMatchWindows) {
    for (const Base64Case &c : Base64Cases()) {
        for (const HeaderCase &h : kHeaders) {
            for (DWORD line_flag : {DWORD{0}, DWORD{CRYPT_STRING_NOCR}}) {
                auto ends = [&](std::string s) { return line_flag ? Replace(s, "\r\n", "\n") : s; };
                const std::string expected = ends(h.header) + ends(c.base64) + ends(h.trailer);
                const DWORD flags = h.format | line_flag;
                const DWORD count = static_cast<DWORD>(c.binary.size());
                SCOPED_TRACE(expected);

                DWORD length = 0;
                ASSERT_TRUE(CryptBinaryToStringA(c.binary.data(), count, flags, nullptr, &length));
                EXPECT_EQ(length, expected.size() + 1);
                const DWORD needed = length;
                length = needed - 1;  // a size query ignores the length it is given
                ASSERT_TRUE(CryptBinaryToStringA(c.binary.data(), count, flags, nullptr, &length));
                EXPECT_EQ(length, needed);

                std::vector<char> text(needed + 4, '\x12');
                length = needed - 1;  // no room for the NUL
                EXPECT_FALSE(CryptBinaryToStringA(c.binary.data(), count, flags, text.data(), &length));
                EXPECT_EQ(GetLastError(), ERROR_MORE_DATA);
                EXPECT_EQ(length, needed);
                EXPECT_EQ(text[0], expected[0]);  // the A form has written what fitted
                length = needed;
                ASSERT_TRUE(CryptBinaryToStringA(c.binary.data(), count, flags, text.data(), &length));
                EXPECT_EQ(length, needed - 1);
                EXPECT_EQ(std::string(text.data()), expected);

                length = 0;
                ASSERT_TRUE(CryptBinaryToStringW(c.binary.data(), count, flags, nullptr, &length));
                EXPECT_EQ(length, needed);
                std::vector<WCHAR> wide(needed + 4, 0x1234);
                length = needed - 1;
                EXPECT_FALSE(CryptBinaryToStringW(c.binary.data(), count, flags, wide.data(), &length));
                EXPECT_EQ(GetLastError(), ERROR_MORE_DATA);
                EXPECT_EQ(wide[0], 0x1234);  // the W form writes nothing
                length = needed;
                ASSERT_TRUE(CryptBinaryToStringW(c.binary.data(), count, flags, wide.data(), &length));
                EXPECT_EQ(length, needed - 1);
                EXPECT_EQ(std::wstring(wide.data()), Widen(expected));
            }
        }
    }
}

TEST_F(BinaryToStringTest, NoCrlfPutsEverythingOnOneLine) {
    // tinycapi: CRYPT_STRING_NOCRLF drops every line end (Wine's base64.c checks it for hex).
    const BYTE bytes[] = {1, 2};
    char text[64];
    DWORD length = sizeof text;
    ASSERT_TRUE(CryptBinaryToStringA(bytes, 2, CRYPT_STRING_BASE64HEADER | CRYPT_STRING_NOCRLF, text, &length));
    EXPECT_STREQ(text, "-----BEGIN CERTIFICATE-----AQI=-----END CERTIFICATE-----");
}

// base64.c's expected layout of CRYPT_STRING_HEX: two lowercase digits a byte, one space
// between bytes, two between the halves of a 16-byte line, a line end after every 16 bytes
// and at the end; with CRYPT_STRING_NOCRLF single spaces and no line ends.
std::string ExpectedHex(const Bytes &bytes, DWORD flags) {
    static const char digits[] = "0123456789abcdef";
    const std::string end = (flags & CRYPT_STRING_NOCRLF) ? "" : (flags & CRYPT_STRING_NOCR) ? "\n" : "\r\n";
    std::string out;
    for (size_t j = 0; j < bytes.size(); ++j) {
        out += digits[bytes[j] >> 4];
        out += digits[bytes[j] & 15];
        if (j + 1 == bytes.size()) break;
        if (!(flags & CRYPT_STRING_NOCRLF)) {
            if ((j + 1) % 16 == 0) {
                out += end;
                continue;
            }
            if ((j + 1) % 8 == 0) out += ' ';
        }
        out += ' ';
    }
    return out + end;
}

// base64.c's binary_to_hex_len: the size Windows reports for CRYPT_STRING_HEX.
DWORD WindowsHexLength(DWORD n, DWORD flags) {
    DWORD length = n * 3;
    if (flags & CRYPT_STRING_NOCR) {
        length += (n + 7) / 16 + 1;
    } else if (!(flags & CRYPT_STRING_NOCRLF)) {
        length += (n + 7) / 16 + n / 16 + 1;
        if (n % 16) length += 1;
    }
    return length;
}

TEST_F(BinaryToStringTest, HexLayoutAndSizeMatchWindowsForEveryLineFlag) {
    for (DWORD n : {3u, 4u, 7u, 8u, 12u, 15u, 16u, 17u, 256u}) {
        for (DWORD line_flag : {DWORD{0}, DWORD{CRYPT_STRING_NOCR}, DWORD{CRYPT_STRING_NOCRLF}}) {
            const Bytes input = Seq(n);
            const DWORD flags = CRYPT_STRING_HEX | line_flag;
            const std::string expected = ExpectedHex(input, flags);
            SCOPED_TRACE(expected);
            DWORD length = ~0u;
            ASSERT_TRUE(CryptBinaryToStringW(input.data(), n, flags, nullptr, &length));
            EXPECT_EQ(length, WindowsHexLength(n, flags));
            EXPECT_EQ(length, expected.size() + 1);
            std::vector<WCHAR> wide(length * 2, 0xcccc);
            DWORD big = length * 2;  // a larger buffer is fine and the length is adjusted
            ASSERT_TRUE(CryptBinaryToStringW(input.data(), n, flags, wide.data(), &big));
            EXPECT_EQ(big, expected.size());
            EXPECT_EQ(std::wstring(wide.data()), Widen(expected));
            std::vector<char> text(length, '\xcc');
            DWORD exact = length;
            ASSERT_TRUE(CryptBinaryToStringA(input.data(), n, flags, text.data(), &exact));
            EXPECT_EQ(std::string(text.data()), expected);
            // No writes and the length kept when the buffer is short.
            std::vector<WCHAR> small(length, 0xcccc);
            DWORD half = static_cast<DWORD>(expected.size() / 2);
            EXPECT_FALSE(CryptBinaryToStringW(input.data(), n, flags, small.data(), &half));
            EXPECT_EQ(GetLastError(), ERROR_MORE_DATA);
            EXPECT_EQ(half, expected.size() / 2);
            EXPECT_EQ(small[0], 0xcccc);
        }
    }
}

TEST_F(BinaryToStringTest, HexRawIsTheDigitsAndOneLineEnd) {
    // base64.c: the 512-byte input of WCHARs 0..255, CRYPT_STRING_HEXRAW with each line flag.
    Bytes input;
    for (int i = 0; i < 256; ++i) {
        input.push_back(static_cast<BYTE>(i));
        input.push_back(0);
    }
    static const char digits[] = "0123456789abcdef";
    for (DWORD line_flag : {DWORD{0}, DWORD{CRYPT_STRING_NOCR}, DWORD{CRYPT_STRING_NOCRLF}}) {
        std::string expected;
        for (BYTE b : input) {
            expected += digits[b >> 4];
            expected += digits[b & 15];
        }
        expected += line_flag == CRYPT_STRING_NOCR ? "\n" : line_flag == CRYPT_STRING_NOCRLF ? "" : "\r\n";
        const DWORD flags = CRYPT_STRING_HEXRAW | line_flag;
        DWORD length = ~0u;
        ASSERT_TRUE(CryptBinaryToStringW(input.data(), 512, flags, nullptr, &length));
        EXPECT_EQ(length, expected.size() + 1);
        std::vector<char> text(length + 8, '\xcc');
        ASSERT_TRUE(CryptBinaryToStringA(input.data(), 512, flags, text.data(), &length));
        EXPECT_EQ(std::string(text.data()), expected);

        // A short A buffer keeps the whole bytes that fit and a NUL; the length stays
        // ("Output consists of the number of full bytes which fit in plus terminating 0").
        const DWORD whole = static_cast<DWORD>(expected.size());
        DWORD half = whole / 2;
        std::fill(text.begin(), text.end(), '\xcc');
        EXPECT_FALSE(CryptBinaryToStringA(input.data(), 512, flags, text.data(), &half));
        EXPECT_EQ(GetLastError(), ERROR_MORE_DATA);
        EXPECT_EQ(half, whole / 2);
        const DWORD kept = (half - 1) & ~1u;
        EXPECT_EQ(std::string(text.data(), kept), expected.substr(0, kept));
        EXPECT_EQ(text[kept], 0);
        EXPECT_EQ(static_cast<unsigned char>(text[kept + 1]), 0xcc);
        // Fewer than 3 characters: nothing written; 3: one byte and the NUL.
        for (DWORD tiny : {1u, 2u}) {
            std::fill(text.begin(), text.end(), '\xcc');
            DWORD small = tiny;
            EXPECT_FALSE(CryptBinaryToStringA(input.data(), 512, flags, text.data(), &small));
            EXPECT_EQ(small, tiny);
            EXPECT_EQ(static_cast<unsigned char>(text[0]), 0xcc);
        }
        DWORD three = 3;
        EXPECT_FALSE(CryptBinaryToStringA(input.data(), 512, flags, text.data(), &three));
        EXPECT_EQ(three, 3u);
        EXPECT_EQ(std::string(text.data()), "00");
    }
}

TEST_F(BinaryToStringTest, Base64UriIsRefusedInBothDirections) {
    // tinycapi (docs/COMPATIBILITY.md): no Windows layout to follow, so neither direction guesses.
    const BYTE input[] = {0xfb, 0xff};
    DWORD length = 77;
    EXPECT_FALSE(CryptBinaryToStringA(input, sizeof input, CRYPT_STRING_BASE64URI, nullptr, &length));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(length, 77u);
    BYTE out[4] = {0xcc, 0xcc, 0xcc, 0xcc};
    length = sizeof out;
    EXPECT_FALSE(CryptStringToBinaryA("-_8", 0, CRYPT_STRING_BASE64URI, out, &length, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);
    EXPECT_EQ(length, sizeof out);
    EXPECT_EQ(out[0], 0xcc);
}

// ---- CryptStringToBinary ----------------------------------------------------------------

TEST_F(StringToBinaryTest, NullArgumentsBogusFormatsAndDecodeFlags) {
    // base64.c, test_CryptStringToBinary.
    DWORD length = 0;
    EXPECT_FALSE(CryptStringToBinaryA(nullptr, 0, 0, nullptr, nullptr, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_FALSE(CryptStringToBinaryA(nullptr, 0, 0, nullptr, &length, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_FALSE(CryptStringToBinaryA("AA==\r\n", 0, 0, nullptr, &length, nullptr, nullptr));  // no header
    EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);
    EXPECT_FALSE(CryptStringToBinaryA("AA==\r\n", 1, CRYPT_STRING_BASE64 | CRYPT_STRING_NOCR, nullptr, &length,
                                      nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);
    EXPECT_FALSE(CryptStringToBinaryA("-----BEGIN X509 CRL-----\r\nAA==\r\n", 0, CRYPT_STRING_BASE64X509CRLHEADER,
                                      nullptr, &length, nullptr, nullptr));  // badStrings: no trailer
    EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);
}

struct WeirdBase64 {
    const char *text;
    DWORD length;       // cchString
    const char *bytes;  // nullptr: ERROR_INVALID_DATA
};
// base64.c: "Weird base64 strings (invalid padding, extra white-space etc.)".
const WeirdBase64 kWeirdBase64[] = {
    {"V=", 0, nullptr},     {"VV=", 0, nullptr},    {"V==", 0, nullptr},    {"V=", 2, nullptr},
    {"VV=", 3, nullptr},    {"V==", 3, nullptr},    {"V", 0, "T"},          {"VV", 0, "U"},
    {"VVV", 0, "UU"},       {"V", 1, "T"},          {"VV", 2, "U"},         {"VVV", 3, "UU"},
    {"V===", 0, "T"},       {"V========", 0, "T"},  {"V===", 4, "T"},       {"V\nVVV", 0, "UUU"},
    {"VV\nVV", 0, "UUU"},   {"VVV\nV", 0, "UUU"},   {"V\nVVV", 5, "UUU"},   {"VV\nVV", 5, "UUU"},
    {"VVV\nV", 5, "UUU"},   {"VV    VV", 0, "UUU"}, {"V===VVVV", 0, "T"},   {"VV==VVVV", 0, "U"},
    {"VVV=VVVV", 0, "UU"},  {"VVVV=VVVV", 0, "UUU"}, {"V===VVVV", 8, "T"},  {"VV==VVVV", 8, "U"},
    {"VVV=VVVV", 8, "UU"},  {"VVVV=VVVV", 8, "UUU"},
};

TEST_F(StringToBinaryTest, Base64PaddingAndWhitespaceRulesMatchWindowsForBothForms) {
    for (const WeirdBase64 &c : kWeirdBase64) {
        SCOPED_TRACE(c.text);
        BYTE bytes[8] = {};
        DWORD length = sizeof bytes - 1, format = 0xdeadbeef;
        SetLastError(0xdeadbeef);
        const BOOL ok = CryptStringToBinaryA(c.text, c.length, CRYPT_STRING_BASE64, bytes, &length, nullptr, &format);
        const std::wstring wide = Widen(c.text);
        BYTE wide_bytes[8] = {};
        DWORD wide_length = sizeof wide_bytes - 1, wide_format = 0xdeadbeef;
        const BOOL wide_ok = CryptStringToBinaryW(wide.c_str(), c.length, CRYPT_STRING_BASE64, wide_bytes,
                                                  &wide_length, nullptr, &wide_format);
        if (c.bytes == nullptr) {
            EXPECT_FALSE(ok);
            EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);
        } else {
            ASSERT_TRUE(ok) << GetLastError();
            EXPECT_EQ(std::string(reinterpret_cast<char *>(bytes), length), c.bytes);
            EXPECT_EQ(format, static_cast<DWORD>(CRYPT_STRING_BASE64));
        }
        EXPECT_EQ(wide_ok, ok);  // base64.c, decodeBase64WithLenFmtW: W and A agree
        EXPECT_EQ(wide_length, length);
        EXPECT_EQ(memcmp(wide_bytes, bytes, sizeof bytes), 0);
        EXPECT_EQ(wide_format, format);
    }
}

struct HeaderText {
    const char *text;
    DWORD format;
    const char *bytes;
};
// base64.c: decodeBase64WithFmt with "-----BEGIN ...-----" variants.
const HeaderText kHeaderTexts[] = {
    {"-----BEGIN-----VVVV-----END-----", CRYPT_STRING_BASE64HEADER, nullptr},
    {"-----BEGIN-----VVVV-----END -----", CRYPT_STRING_BASE64HEADER, nullptr},
    {"-----BEGIN -----VVVV-----END-----", CRYPT_STRING_BASE64HEADER, nullptr},
    {"-----BEGIN -----VVVV-----END -----", CRYPT_STRING_BASE64HEADER, "UUU"},
    {"-----BEGIN -----V-----END -----", CRYPT_STRING_BASE64HEADER, "T"},
    {"-----BEGIN foo-----V-----END -----", CRYPT_STRING_BASE64HEADER, "T"},
    {"-----BEGIN foo-----V-----END foo-----", CRYPT_STRING_BASE64HEADER, "T"},
    {"-----BEGIN -----V-----END foo-----", CRYPT_STRING_BASE64HEADER, "T"},
    {"-----BEGIN -----V-----END -----", CRYPT_STRING_BASE64X509CRLHEADER, "T"},
    {"-----BEGIN foo-----V-----END -----", CRYPT_STRING_BASE64X509CRLHEADER, "T"},
    {"-----BEGIN foo-----V-----END foo-----", CRYPT_STRING_BASE64X509CRLHEADER, "T"},
    {"-----BEGIN -----V-----END foo-----", CRYPT_STRING_BASE64X509CRLHEADER, "T"},
    {"-----BEGIN -----V-----END -----", CRYPT_STRING_BASE64REQUESTHEADER, "T"},
    {"-----BEGIN foo-----V-----END -----", CRYPT_STRING_BASE64REQUESTHEADER, "T"},
    {"-----BEGIN foo-----V-----END foo-----", CRYPT_STRING_BASE64REQUESTHEADER, "T"},
    {"-----BEGIN -----V-----END foo-----", CRYPT_STRING_BASE64REQUESTHEADER, "T"},
};

TEST_F(StringToBinaryTest, HeaderLinesNeedBeginAndEndWithASpace) {
    for (const HeaderText &c : kHeaderTexts) {
        SCOPED_TRACE(c.text);
        BYTE bytes[8] = {};
        DWORD length = sizeof bytes - 1, format = 0xdeadbeef;
        const BOOL ok = CryptStringToBinaryA(c.text, 0, c.format, bytes, &length, nullptr, &format);
        if (c.bytes == nullptr) {
            EXPECT_FALSE(ok);
            EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);
        } else {
            ASSERT_TRUE(ok) << GetLastError();
            EXPECT_EQ(std::string(reinterpret_cast<char *>(bytes), length), c.bytes);
            EXPECT_EQ(format, c.format);
        }
    }
}

TEST_F(StringToBinaryTest, ShortBufferIsMoreDataAndTouchesNothing) {
    // base64.c: "Too small buffer".
    BYTE bytes[8] = {};
    DWORD length = 4;
    EXPECT_FALSE(CryptStringToBinaryA("VVVVVVVV", 8, CRYPT_STRING_BASE64, bytes, &length, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_MORE_DATA);
    EXPECT_EQ(length, 4u);
    EXPECT_EQ(bytes[0], 0);
}

// base64.c, decodeAndCompareBase64_A: every "tests"/"testsNoCR" string, bare and in each
// header (also ALT_CERT_HEADER's arbitrary label), through the exact and the ANY formats,
// then again after "garbage\r\n": skipped with a header, rejected without one.
TEST_F(StringToBinaryTest, GoodStringsDecodeThroughEveryFormatAndReportSkipAndFormat) {
    struct Wrap {
        const char *header, *trailer;
        DWORD format, reported;
    };
    const Wrap wraps[] = {
        {"", "", CRYPT_STRING_BASE64, CRYPT_STRING_BASE64},
        {"-----BEGIN CERTIFICATE-----\r\n", "-----END CERTIFICATE-----\r\n", CRYPT_STRING_BASE64HEADER,
         CRYPT_STRING_BASE64HEADER},
        {"-----BEGIN This is some arbitrary text that goes on and on-----\r\n", "-----END More arbitrary text------\r\n",
         CRYPT_STRING_BASE64HEADER, CRYPT_STRING_BASE64HEADER},
        {"-----BEGIN NEW CERTIFICATE REQUEST-----\r\n", "-----END NEW CERTIFICATE REQUEST-----\r\n",
         CRYPT_STRING_BASE64REQUESTHEADER, CRYPT_STRING_BASE64REQUESTHEADER},
        {"-----BEGIN X509 CRL-----\r\n", "-----END X509 CRL-----\r\n", CRYPT_STRING_BASE64X509CRLHEADER,
         CRYPT_STRING_BASE64X509CRLHEADER},
        {"", "", CRYPT_STRING_BASE64_ANY, CRYPT_STRING_BASE64},
        {"-----BEGIN CERTIFICATE-----\r\n", "-----END CERTIFICATE-----\r\n", CRYPT_STRING_BASE64_ANY,
         CRYPT_STRING_BASE64HEADER},
        {"-----BEGIN CERTIFICATE-----\r\n", "-----END CERTIFICATE-----\r\n", CRYPT_STRING_ANY,
         CRYPT_STRING_BASE64HEADER},
    };
    const std::string garbage = "garbage\r\n";
    for (const Base64Case &c : Base64Cases()) {
        for (bool no_cr : {false, true}) {
            const std::string base64 = no_cr ? Replace(c.base64, "\r\n", "\n") : c.base64;
            DWORD length = 0;
            // "Bogus length--oddly enough, that succeeds".
            EXPECT_TRUE(CryptStringToBinaryA(base64.c_str(), 1, CRYPT_STRING_BASE64, nullptr, &length, nullptr, nullptr));
            for (const Wrap &w : wraps) {
                const std::string text = w.header + base64 + w.trailer;
                SCOPED_TRACE(text);
                length = 0;
                ASSERT_TRUE(CryptStringToBinaryA(text.c_str(), 0, w.format, nullptr, &length, nullptr, nullptr));
                std::vector<BYTE> bytes(length);
                DWORD skipped = 0xdeadbeef, format = 0xdeadbeef;
                ASSERT_TRUE(CryptStringToBinaryA(text.c_str(), 0, w.format, bytes.data(), &length, &skipped, &format));
                EXPECT_EQ(Bytes(bytes.begin(), bytes.begin() + length), c.binary);
                EXPECT_EQ(skipped, 0u);
                EXPECT_EQ(format, w.reported);

                const std::string garbled = garbage + text;
                length = 0;
                const BOOL ok = CryptStringToBinaryA(garbled.c_str(), 0, w.format, nullptr, &length, nullptr, nullptr);
                if (*w.header == '\0') {
                    EXPECT_FALSE(ok);
                    EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);
                } else {
                    ASSERT_TRUE(ok);
                    bytes.resize(length);
                    ASSERT_TRUE(CryptStringToBinaryA(garbled.c_str(), 0, w.format, bytes.data(), &length, &skipped,
                                                     &format));
                    EXPECT_EQ(skipped, garbage.size());
                }
            }
        }
    }
}

TEST_F(StringToBinaryTest, AnyTakesWhatIsNotBase64AsBinary) {
    // tinycapi: CRYPT_STRING_ANY falls back to CRYPT_STRING_BINARY (base64.c: "that'll always
    // succeed").
    BYTE bytes[8] = {};
    DWORD length = sizeof bytes, format = 0;
    ASSERT_TRUE(CryptStringToBinaryA("!@", 0, CRYPT_STRING_ANY, bytes, &length, nullptr, &format));
    EXPECT_EQ(length, 2u);
    EXPECT_EQ(format, static_cast<DWORD>(CRYPT_STRING_BINARY));
    EXPECT_EQ(memcmp(bytes, "!@", 2), 0);
    EXPECT_FALSE(CryptStringToBinaryA("!@", 0, CRYPT_STRING_BASE64_ANY, bytes, &length, nullptr, &format));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);
}

TEST_F(StringToBinaryTest, HexArgumentRulesMatchWindows) {
    // base64.c, test_CryptStringToBinary, "CRYPT_STRING_HEX".
    BYTE bytes[8];
    DWORD length = 8, skipped, format;
    EXPECT_FALSE(CryptStringToBinaryW(L"01", 2, CRYPT_STRING_HEX, nullptr, nullptr, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    ASSERT_TRUE(CryptStringToBinaryW(L"0102", 2, CRYPT_STRING_HEX, nullptr, &length, nullptr, nullptr));
    EXPECT_EQ(length, 1u);
    length = 8;
    EXPECT_FALSE(CryptStringToBinaryW(nullptr, 0, CRYPT_STRING_HEX, nullptr, &length, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(length, 8u);
    EXPECT_FALSE(CryptStringToBinaryA(nullptr, 0, CRYPT_STRING_HEX, nullptr, &length, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(length, 8u);
    EXPECT_FALSE(CryptStringToBinaryW(L"0102", 3, CRYPT_STRING_HEX, nullptr, &length, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);
    EXPECT_EQ(length, 0u);  // a failed size query reports 0
    length = 8;
    bytes[0] = 0xcc;
    EXPECT_FALSE(CryptStringToBinaryW(L"0102", 3, CRYPT_STRING_HEX, bytes, &length, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);
    EXPECT_EQ(length, 8u);
    EXPECT_EQ(bytes[0], 1);  // what was parsed before the error stays
    length = 8;
    bytes[0] = bytes[1] = 0xcc;
    EXPECT_FALSE(CryptStringToBinaryA("01\0 02", 4, CRYPT_STRING_HEX, bytes, &length, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);
    EXPECT_EQ(bytes[0], 1);
    EXPECT_EQ(bytes[1], 0xcc);
    length = 8;
    bytes[0] = bytes[1] = 0xcc;
    EXPECT_FALSE(CryptStringToBinaryW(L"01\0 02", 4, CRYPT_STRING_HEX, bytes, &length, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);
    EXPECT_EQ(bytes[0], 1);
    EXPECT_EQ(bytes[1], 0xcc);
    length = 1;
    bytes[0] = 0xcc;
    skipped = format = 0xdeadbeef;
    EXPECT_FALSE(CryptStringToBinaryW(L"0102", 4, CRYPT_STRING_HEX, bytes, &length, &skipped, &format));
    EXPECT_EQ(GetLastError(), ERROR_MORE_DATA);
    EXPECT_EQ(length, 1u);
    EXPECT_EQ(bytes[0], 1);
    EXPECT_EQ(format, 0u);
    EXPECT_EQ(skipped, 0u);
    length = 1;
    memset(bytes, 0xcc, sizeof bytes);
    EXPECT_FALSE(CryptStringToBinaryA("0102q", 0, CRYPT_STRING_HEX, bytes, &length, &skipped, &format));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);  // the bad character wins over the short buffer
    EXPECT_EQ(length, 1u);
    EXPECT_EQ(bytes[0], 1);
    EXPECT_EQ(bytes[1], 0xcc);
}

struct HexString {
    const char *text;
    const char *bytes;  // hex of the bytes parsed (and written to an 8-byte buffer)
    DWORD error;        // 0, ERROR_INVALID_DATA
};
// base64.c's string_hex_tests, with the answers of its string_to_hex model (which the test
// checks against Windows) worked out per string.
const HexString kHexStrings[] = {
    {"", "", 0},
    {"-", "", 0},
    {",-", "", 0},
    {"0", "", ERROR_INVALID_DATA},
    {"00", "00", 0},
    {"000", "00", ERROR_INVALID_DATA},
    {"11220", "1122", ERROR_INVALID_DATA},
    {"1122q", "1122", ERROR_INVALID_DATA},
    {"q1122", "", ERROR_INVALID_DATA},
    {" aE\t\n\r\n", "ae", 0},
    {"01-02", "0102", 0},
    {"-,01-02", "0102", 0},
    {"01-02-", "0102", 0},
    {"aa,BB-ff,-,", "aabbff", 0},
    {"1-2", "", ERROR_INVALID_DATA},
    {"010-02", "01", ERROR_INVALID_DATA},
    {"aa,BBff,-,", "aabbff", 0},
    {"aa,,-BB---ff,-,", "aabbff", 0},
    {"010203040506070809q", "0102030405060708", ERROR_INVALID_DATA},
};

TEST_F(StringToBinaryTest, HexStringsParseAsWindowsDoes) {
    for (const HexString &c : kHexStrings) {
        for (bool wide : {false, true}) {
            SCOPED_TRACE(std::string(c.text) + (wide ? " (W)" : " (A)"));
            const std::wstring wide_text = Widen(c.text);
            auto call = [&](BYTE *out, DWORD *length, DWORD *skipped, DWORD *format) {
                return wide ? CryptStringToBinaryW(wide_text.c_str(), 0, CRYPT_STRING_HEX, out, length, skipped, format)
                            : CryptStringToBinaryA(c.text, 0, CRYPT_STRING_HEX, out, length, skipped, format);
            };
            const Bytes expected = Hex(c.bytes);
            if (wide && *c.text == '\0') {
                DWORD length = 0xdeadbeef, skipped = 0xdeadbeef, format = 0xdeadbeef;
                EXPECT_FALSE(call(nullptr, &length, &skipped, &format));  // an empty W string
                EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
                EXPECT_EQ(length, 0xdeadbeefu);
                EXPECT_EQ(skipped, 0xdeadbeefu);
                continue;
            }
            DWORD length = 0xdeadbeef, skipped = 0xdeadbeef, format = 0xdeadbeef;
            const BOOL query = call(nullptr, &length, &skipped, &format);
            EXPECT_EQ(skipped, 0u);
            if (c.error != 0) {
                EXPECT_FALSE(query);
                EXPECT_EQ(GetLastError(), c.error);
                EXPECT_EQ(length, 0u);
                EXPECT_EQ(format, 0u);
            } else {
                EXPECT_TRUE(query);
                EXPECT_EQ(length, expected.size());
                EXPECT_EQ(format, static_cast<DWORD>(CRYPT_STRING_HEX));
            }
            BYTE bytes[8];
            memset(bytes, 0xcc, sizeof bytes);
            length = 8;
            const BOOL ok = call(bytes, &length, &skipped, &format);
            Bytes written(expected);
            written.resize(8, 0xcc);
            EXPECT_EQ(Bytes(bytes, bytes + 8), written);
            if (c.error != 0) {
                EXPECT_FALSE(ok);
                EXPECT_EQ(GetLastError(), c.error);
                EXPECT_EQ(length, 8u);
            } else {
                EXPECT_TRUE(ok);
                EXPECT_EQ(length, expected.size());
            }
        }
    }
}

TEST_F(StringToBinaryTest, HexAcceptsOnlyItsSeparatorsBeforeAByte) {
    // base64.c: each character 1..127 followed by "00", into a 1-byte buffer.
    for (int ch = 1; ch < 128; ++ch) {
        const char text[] = {static_cast<char>(ch), '0', '0', '\0'};
        const bool separator = strchr("-, \t\r\n", ch) != nullptr;
        const bool digit = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
        for (bool wide : {false, true}) {
            const std::wstring wide_text = Widen(text);
            BYTE bytes[2] = {0xcc, 0xcc};
            DWORD length = 1, skipped, format;
            const BOOL ok = wide ? CryptStringToBinaryW(wide_text.c_str(), 0, CRYPT_STRING_HEX, bytes, &length, &skipped, &format)
                                 : CryptStringToBinaryA(text, 0, CRYPT_STRING_HEX, bytes, &length, &skipped, &format);
            EXPECT_EQ(length, 1u) << ch;
            if (separator) {
                EXPECT_TRUE(ok) << ch;
                EXPECT_EQ(bytes[0], 0) << ch;
            } else {
                EXPECT_FALSE(ok) << ch;
                EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA) << ch;
                const int value = ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10;
                EXPECT_EQ(bytes[0], digit ? static_cast<BYTE>(value << 4) : 0xcc) << ch;
            }
            EXPECT_EQ(bytes[1], 0xcc) << ch;
        }
    }
}

TEST_F(StringToBinaryTest, Base64RoundTripsThroughBinaryToStringForEverySizeUpTo100) {
    // tinycapi: whatever CryptBinaryToString writes, CryptStringToBinary reads back.
    for (DWORD n = 1; n <= 100; ++n) {
        const Bytes input = Seq(n, 7 * n);
        for (DWORD format : {DWORD{CRYPT_STRING_BASE64}, DWORD{CRYPT_STRING_BASE64HEADER},
                             DWORD{CRYPT_STRING_HEX}, DWORD{CRYPT_STRING_HEXRAW}}) {
            char text[512];
            DWORD length = sizeof text;
            ASSERT_TRUE(CryptBinaryToStringA(input.data(), n, format, text, &length));
            BYTE back[128];
            DWORD back_length = sizeof back;
            const DWORD decode_format = format == CRYPT_STRING_HEXRAW ? DWORD{CRYPT_STRING_HEX} : format;
            ASSERT_TRUE(CryptStringToBinaryA(text, length, decode_format, back, &back_length, nullptr, nullptr))
                << format << " " << n;
            EXPECT_EQ(Bytes(back, back + back_length), input);
        }
    }
}

}  // namespace
}  // namespace tinycapi::testing
