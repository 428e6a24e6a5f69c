// CryptBinaryToStringA/W and CryptStringToBinaryA/W with the dump layouts CRYPT_STRING_HEXADDR,
// CRYPT_STRING_HEXASCII and CRYPT_STRING_HEXASCIIADDR. Wine's base64.c has no Windows answer
// for them; the expected lines are those of the SysadminsLV Asn1Parser tests
// (Asn1Parser.Tests/BinaryToHexStringTests.cs), which reproduce Windows' CryptBinaryToString
// columns. Line flags, sizes and the reading rules are tinycapi's (docs/COMPATIBILITY.md).
#include <string>
#include <vector>

#include "test_bytes.hpp"
#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

class HexDumpTest : public CapiTest {};

const DWORD kDumpFormats[] = {CRYPT_STRING_HEXADDR, CRYPT_STRING_HEXASCII, CRYPT_STRING_HEXASCIIADDR};

std::wstring Widen(const std::string &text) { return std::wstring(text.begin(), text.end()); }

// Renders through the A form after a size query, checking the size rules on the way.
std::string Render(const Bytes &input, DWORD flags) {
    DWORD needed = 0;
    EXPECT_TRUE(CryptBinaryToStringA(input.data(), static_cast<DWORD>(input.size()), flags, nullptr, &needed));
    std::vector<char> text(needed + 1, '\xcc');
    DWORD length = needed;
    EXPECT_TRUE(CryptBinaryToStringA(input.data(), static_cast<DWORD>(input.size()), flags, text.data(), &length));
    EXPECT_EQ(length + 1, needed);
    EXPECT_EQ(text[needed], '\xcc');  // nothing past the NUL
    return std::string(text.data(), length);
}

// Asn1Parser: _rawData (01..10), _rawDataTruncated (01..0f) and _complexRawData.
const Bytes kSixteen = Seq(16, 1);
const Bytes kFifteen = Seq(15, 1);
const Bytes kComplex = Hex("06242b0601040182371508969d4d8592b278bd9f3c85e8ec7482ced8447a82aaf74287e7c436");

TEST_F(HexDumpTest, LinesMatchWindowsColumns) {
    // Asn1Parser: HEX_ADDR + HEX, HEX + HEX_ASCII, and the truncated forms.
    EXPECT_EQ(Render(kSixteen, CRYPT_STRING_HEXADDR),
              "0000    01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f 10\r\n");
    EXPECT_EQ(Render(kSixteen, CRYPT_STRING_HEXASCII),
              "01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f 10   ................\r\n");
    EXPECT_EQ(Render(kSixteen, CRYPT_STRING_HEXASCIIADDR),
              "0000    01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f 10   ................\r\n");
    EXPECT_EQ(Render(kFifteen, CRYPT_STRING_HEXADDR), "0000    01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f\r\n");
    EXPECT_EQ(Render(kFifteen, CRYPT_STRING_HEXASCII),
              "01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f      ...............\r\n");
    EXPECT_EQ(Render(kFifteen, CRYPT_STRING_HEXASCIIADDR),
              "0000    01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f      ...............\r\n");
}

TEST_F(HexDumpTest, SeveralLinesCarryOffsetsAndPadTheLastOne) {
    // Asn1Parser: COMPLEX_HEX_ADDR, COMPLEX_HEX_ASCII and COMPLEX_HEX_ADDR_ASCII.
    EXPECT_EQ(Render(kComplex, CRYPT_STRING_HEXADDR),
              "0000    06 24 2b 06 01 04 01 82  37 15 08 96 9d 4d 85 92\r\n"
              "0010    b2 78 bd 9f 3c 85 e8 ec  74 82 ce d8 44 7a 82 aa\r\n"
              "0020    f7 42 87 e7 c4 36\r\n");
    EXPECT_EQ(Render(kComplex, CRYPT_STRING_HEXASCII),
              "06 24 2b 06 01 04 01 82  37 15 08 96 9d 4d 85 92   .$+.....7....M..\r\n"
              "b2 78 bd 9f 3c 85 e8 ec  74 82 ce d8 44 7a 82 aa   .x..<...t...Dz..\r\n"
              "f7 42 87 e7 c4 36                                  .B...6\r\n");
    EXPECT_EQ(Render(kComplex, CRYPT_STRING_HEXASCIIADDR),
              "0000    06 24 2b 06 01 04 01 82  37 15 08 96 9d 4d 85 92   .$+.....7....M..\r\n"
              "0010    b2 78 bd 9f 3c 85 e8 ec  74 82 ce d8 44 7a 82 aa   .x..<...t...Dz..\r\n"
              "0020    f7 42 87 e7 c4 36                                  .B...6\r\n");
}

TEST_F(HexDumpTest, OnlyPrintableAsciiIsShownAsItself) {
    // tinycapi: 0x20..0x7e are shown, everything else (controls, DEL, the high half) is '.'.
    const Bytes input = Hex("1f 20 41 7e 7f 80 ff 00");
    EXPECT_EQ(Render(input, CRYPT_STRING_HEXASCII),
              "1f 20 41 7e 7f 80 ff 00                            . A~....\r\n");
}

TEST_F(HexDumpTest, LineFlagsChangeTheLineEnds) {
    // tinycapi: NOCR ends every line with "\n"; NOCRLF keeps "\n" between lines (a dump is read
    // line by line) and drops the last line end.
    const Bytes input = Seq(20);
    EXPECT_EQ(Render(input, CRYPT_STRING_HEXADDR | CRYPT_STRING_NOCR),
              "0000    00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f\n0010    10 11 12 13\n");
    EXPECT_EQ(Render(input, CRYPT_STRING_HEXADDR | CRYPT_STRING_NOCRLF),
              "0000    00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f\n0010    10 11 12 13");
    // No bytes: the line end alone, as CRYPT_STRING_HEX writes it.
    const BYTE none[1] = {0};
    char text[4] = {};
    DWORD length = sizeof text;
    ASSERT_TRUE(CryptBinaryToStringA(none, 0, CRYPT_STRING_HEXASCIIADDR, text, &length));
    EXPECT_EQ(std::string(text, length), "\r\n");
}

TEST_F(HexDumpTest, OffsetsWidenPast64KiB) {
    const Bytes input = Seq(0x10000 + 3);
    const std::string text = Render(input, CRYPT_STRING_HEXADDR | CRYPT_STRING_NOCR);
    EXPECT_NE(text.find("\nfff0    f0 f1"), std::string::npos);
    EXPECT_NE(text.find("\n10000    00 01 02\n"), std::string::npos);
    Bytes back(input.size());
    DWORD length = static_cast<DWORD>(back.size());
    ASSERT_TRUE(CryptStringToBinaryA(text.c_str(), 0, CRYPT_STRING_HEXADDR, back.data(), &length, nullptr, nullptr));
    EXPECT_EQ(back, input);
}

TEST_F(HexDumpTest, WideFormGivesTheSameTextAndShortBuffersTouchNothing) {
    for (DWORD format : kDumpFormats) {
        const std::string expected = Render(kComplex, format);
        DWORD needed = 0;
        ASSERT_TRUE(CryptBinaryToStringW(kComplex.data(), static_cast<DWORD>(kComplex.size()), format, nullptr, &needed));
        EXPECT_EQ(needed, expected.size() + 1);
        std::vector<WCHAR> wide(needed, 0xcccc);
        DWORD length = needed;
        ASSERT_TRUE(CryptBinaryToStringW(kComplex.data(), static_cast<DWORD>(kComplex.size()), format, wide.data(), &length));
        EXPECT_EQ(std::wstring(wide.data()), Widen(expected));
        for (bool is_wide : {false, true}) {
            std::vector<char> narrow(needed, '\xcc');
            std::vector<WCHAR> wide_short(needed, 0xcccc);
            DWORD short_length = needed - 1;
            EXPECT_FALSE(is_wide ? CryptBinaryToStringW(kComplex.data(), static_cast<DWORD>(kComplex.size()), format,
                                                        wide_short.data(), &short_length)
                                 : CryptBinaryToStringA(kComplex.data(), static_cast<DWORD>(kComplex.size()), format,
                                                        narrow.data(), &short_length));
            EXPECT_EQ(GetLastError(), ERROR_MORE_DATA);
            EXPECT_EQ(short_length, needed - 1);
            EXPECT_EQ(narrow[0], '\xcc');
            EXPECT_EQ(wide_short[0], 0xcccc);
        }
    }
}

TEST_F(HexDumpTest, EveryLayoutReadsBackForEverySizeUpTo100AndReportsItsFormat) {
    for (DWORD format : kDumpFormats) {
        for (DWORD line_flag : {DWORD{0}, DWORD{CRYPT_STRING_NOCR}, DWORD{CRYPT_STRING_NOCRLF}}) {
            for (DWORD n = 1; n <= 100; ++n) {
                const Bytes input = Seq(n, 0x1b * n);
                const std::string text = Render(input, format | line_flag);
                for (bool wide : {false, true}) {
                    const std::wstring wide_text = Widen(text);
                    Bytes back(128, 0xcc);
                    DWORD length = static_cast<DWORD>(back.size()), skipped = 7, used = 7;
                    ASSERT_TRUE(wide ? CryptStringToBinaryW(wide_text.c_str(), 0, format, back.data(), &length, &skipped, &used)
                                     : CryptStringToBinaryA(text.c_str(), 0, format, back.data(), &length, &skipped, &used))
                        << format << " " << line_flag << " " << n;
                    EXPECT_EQ(Bytes(back.begin(), back.begin() + length), input);
                    EXPECT_EQ(skipped, 0u);
                    EXPECT_EQ(used, format);
                }
            }
        }
    }
}

TEST_F(HexDumpTest, SizeQueryAndShortBufferFollowTheHexRules) {
    const std::string text = Render(kComplex, CRYPT_STRING_HEXASCIIADDR);
    DWORD length = 0;
    ASSERT_TRUE(CryptStringToBinaryA(text.c_str(), 0, CRYPT_STRING_HEXASCIIADDR, nullptr, &length, nullptr, nullptr));
    EXPECT_EQ(length, kComplex.size());
    // As CRYPT_STRING_HEX (Wine's base64.c): a short buffer keeps the bytes that fitted.
    Bytes back(10, 0xcc);
    length = 10;
    EXPECT_FALSE(CryptStringToBinaryA(text.c_str(), 0, CRYPT_STRING_HEXASCIIADDR, back.data(), &length, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_MORE_DATA);
    EXPECT_EQ(back, Bytes(kComplex.begin(), kComplex.begin() + 10));
}

struct BadDump {
    DWORD format;
    const char *text;
};
// tinycapi: what is not a dump of the given layout is ERROR_INVALID_DATA.
const BadDump kBadDumps[] = {
    {CRYPT_STRING_HEXADDR, "01 02 03\r\n"},                         // no offset
    {CRYPT_STRING_HEXADDR, "000    01 02\r\n"},                     // 3-digit offset
    {CRYPT_STRING_HEXADDR, "000000000    01 02\r\n"},               // 9-digit offset
    {CRYPT_STRING_HEXADDR, "00g0    01 02\r\n"},                    // not hex
    {CRYPT_STRING_HEXADDR, "0000:   01 02\r\n"},                    // offset not ended by a blank
    {CRYPT_STRING_HEXADDR, "0000    01 2\r\n"},                     // one digit
    {CRYPT_STRING_HEXADDR, "0000    0102\r\n"},                     // bytes not separated
    {CRYPT_STRING_HEXADDR, "0000    01-02\r\n"},                    // '-' is a CRYPT_STRING_HEX separator only
    {CRYPT_STRING_HEXADDR, "0000    00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f 10\r\n"},  // 17 bytes
    {CRYPT_STRING_HEXASCII, "01 zz 03                                           ...\r\n"},
    {CRYPT_STRING_HEXASCIIADDR, "01 02 03                                           ...\r\n"},  // no offset
};

TEST_F(HexDumpTest, MalformedDumpsAreInvalidData) {
    for (const BadDump &bad : kBadDumps) {
        for (bool wide : {false, true}) {
            const std::wstring wide_text = Widen(bad.text);
            DWORD length = 0, skipped = 7, used = 7;
            EXPECT_FALSE(wide ? CryptStringToBinaryW(wide_text.c_str(), 0, bad.format, nullptr, &length, &skipped, &used)
                              : CryptStringToBinaryA(bad.text, 0, bad.format, nullptr, &length, &skipped, &used))
                << bad.text;
            EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA) << bad.text;
            EXPECT_EQ(length, 0u);
            EXPECT_EQ(skipped, 0u);  // cleared first, as for CRYPT_STRING_HEX
            EXPECT_EQ(used, 0u);
        }
    }
    const char with_nul[] = "0000    01\0 02\r\n";
    DWORD length = 0;
    EXPECT_FALSE(CryptStringToBinaryA(with_nul, sizeof with_nul - 1, CRYPT_STRING_HEXADDR, nullptr, &length, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_DATA);
}

TEST_F(HexDumpTest, BlankLinesAndTabsAreSkipped) {
    const char text[] = "\r\n0000\t01 02\r\n\r\n   0002    03\n";
    BYTE back[4];
    DWORD length = sizeof back;
    ASSERT_TRUE(CryptStringToBinaryA(text, 0, CRYPT_STRING_HEXADDR, back, &length, nullptr, nullptr));
    EXPECT_EQ(Bytes(back, back + length), Hex("010203"));
}

}  // namespace
}  // namespace tinycapi::testing
