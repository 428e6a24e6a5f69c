#!/usr/bin/env python3
"""Compare <tinycapi/wincrypt.h> with the CryptoAPI 1.0 part of mingw-w64's <wincrypt.h>.

mingw-w64's header (Debian's mingw-w64-x86-64-dev) is read where it is installed, never
copied. Its CryptoAPI 1.0 part is everything before the first CryptoAPI 2.0 name
(HCRYPTPROV_OR_NCRYPT_KEY_HANDLE, where the crypt32 certificate API begins): the ALG_IDs,
provider types and names, flags and parameters, error codes, the key-BLOB and provider
structures, and the advapi32 Crypt* functions. From that text this script collects

  * every object-like macro: its value must be the same in tinycapi's header (numbers by
    value, strings byte for byte; a generic name such as CryptEnumProviders must expand to
    the same function name);
  * every function-like macro: the same value for a few arguments;
  * every structure: the same size, and the same offset and size of every member;
  * every other typedef: the same size;
  * every function: declared by tinycapi with a compatible prototype;
  * and every NTE_*/ERROR_* code tinycapi defines: the same 32-bit value as in winerror.h.

Both headers are compiled by clang for the 32-bit Windows target (i686-w64-windows-gnu),
which is Windows' own 32-bit layout, so the comparison needs no Windows and no mingw
compiler. Each probe becomes a constant in the assembly output; the two outputs are compared
constant by constant. A macro that is not a constant in mingw-w64's build (one that exists
only for Windows 2000 and older, or header plumbing such as WINIMPM) is listed as skipped.
Exit status 0 when everything matches.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

CAPI2_MARKER = "HCRYPTPROV_OR_NCRYPT_KEY_HANDLE"
# Structures of the CryptoAPI 2.0 part that tinycapi also declares (code that enumerates
# providers fills them), checked the same way.
EXTRA_STRUCTURES = ["_CRYPT_KEY_PROV_PARAM", "_CRYPT_KEY_PROV_INFO"]
# The crypt32 key-format part tinycapi implements (CryptStringToBinary, CryptDecodeObjectEx,
# CryptImportPublicKeyInfo): its structures, constants and functions, checked the same way.
EXTRA_STRUCTURES += ["_CRYPT_BIT_BLOB", "_CRYPT_ALGORITHM_IDENTIFIER", "_CERT_PUBLIC_KEY_INFO", "_CRYPT_ATTRIBUTE",
                     "_CRYPT_ATTRIBUTES", "_CRYPT_PRIVATE_KEY_INFO", "_CRYPT_ENCODE_PARA", "_CRYPT_DECODE_PARA"]
EXTRA_MACRO_PATTERN = (r"CRYPT_STRING_\w+|CERT_ENCODING_TYPE_MASK|CMSG_ENCODING_TYPE_MASK|CRYPT_ASN_ENCODING|"
                       r"CRYPT_NDR_ENCODING|X509_ASN_ENCODING|X509_NDR_ENCODING|PKCS_7_ASN_ENCODING|"
                       r"PKCS_7_NDR_ENCODING|CRYPT_ENCODE_DECODE_NONE|X509_PUBLIC_KEY_INFO|RSA_CSP_PUBLICKEYBLOB|"
                       r"X509_OCTET_STRING|X509_INTEGER|X509_MULTI_BYTE_INTEGER|X509_MULTI_BYTE_UINT|"
                       r"PKCS_RSA_PRIVATE_KEY|PKCS_PRIVATE_KEY_INFO|X509_ALGORITHM_IDENTIFIER|"
                       r"CRYPT_ENCODE_NO_SIGNATURE_BYTE_REVERSAL_FLAG|CRYPT_ENCODE_ALLOC_FLAG|CRYPT_DECODE_NOCOPY_FLAG|"
                       r"CRYPT_DECODE_TO_BE_SIGNED_FLAG|CRYPT_DECODE_SHARE_OID_STRING_FLAG|"
                       r"CRYPT_DECODE_NO_SIGNATURE_BYTE_REVERSAL_FLAG|CRYPT_DECODE_ALLOC_FLAG|szOID_RSA|szOID_PKCS|"
                       r"szOID_PKCS_1|szOID_RSA_RSA|szOID_RSA_MD5RSA|szOID_RSA_SHA1RSA|szOID_RSA_SHA256RSA|"
                       r"CERT_RSA_PUBLIC_KEY_OBJID|CERT_DEFAULT_OID_PUBLIC_KEY_SIGN|CERT_DEFAULT_OID_PUBLIC_KEY_XCHG|"
                       r"CryptStringToBinary|CryptBinaryToString")
EXTRA_FUNCTIONS = ["CryptStringToBinaryA", "CryptStringToBinaryW", "CryptBinaryToStringA", "CryptBinaryToStringW",
                   "CryptEncodeObjectEx", "CryptEncodeObject", "CryptDecodeObjectEx", "CryptDecodeObject",
                   "CryptImportPublicKeyInfo", "CryptImportPublicKeyInfoEx", "CryptExportPublicKeyInfo",
                   "CryptExportPublicKeyInfoEx"]
TARGET = ["--target=i686-w64-windows-gnu"]
# The newest Windows, so that every version-guarded name is visible.
WINDOWS_VERSION = ["-D_WIN32_WINNT=0x0A00", "-DNTDDI_VERSION=0x0A00000C", "-DWINVER=0x0A00"]
FUNCTION_MACRO_ARGUMENTS = ["0x6610", "0x8004", "0xA400", "0xFFFF", "0", "1"]


def capi10_region(path):
    with open(path, encoding="latin-1") as f:
        text = f.read()
    cut = text.find(CAPI2_MARKER)
    if cut < 0:
        sys.exit(f"{path}: no {CAPI2_MARKER}; is this mingw-w64's wincrypt.h?")
    extra = []
    for tag in EXTRA_STRUCTURES:
        m = re.search(r"typedef\s+struct\s+" + tag + r"\s*\{.*?\}[^;]*;", text[cut:], re.S)
        if not m:
            sys.exit(f"{path}: no struct {tag}")
        extra.append(m.group(0))
    for m in re.finditer(r"^\s*#\s*define\s+(?:" + EXTRA_MACRO_PATTERN + r")\s.*$", text[cut:], re.M):
        extra.append(m.group(0))
    for name in EXTRA_FUNCTIONS:
        m = re.search(r"WINIMPM\s+WINBOOL\s+WINAPI\s+" + name + r"\s*\([^;]*\)\s*;", text[cut:])
        if not m:
            sys.exit(f"{path}: no function {name}")
        extra.append(m.group(0))
    return text[:cut] + "\n" + "\n".join(extra) + "\n"


def collect(region):
    # Join continued lines, drop comments.
    region = re.sub(r"/\*.*?\*/", " ", region, flags=re.S)
    region = re.sub(r"\\\n", " ", region)
    macros, function_macros = [], []
    for m in re.finditer(r"^\s*#\s*define\s+([A-Za-z_]\w*)(\([^)]*\))?[ \t]*(.*)$", region, re.M):
        name, params, body = m.group(1), m.group(2), m.group(3).strip()
        if params:
            function_macros.append((name, len([p for p in params[1:-1].split(",") if p.strip()])))
        elif body and name not in macros:
            macros.append(name)
    structures = []
    for m in re.finditer(r"typedef\s+struct\s+(\w+)\s*\{(.*?)\}\s*([^;]*);", region, re.S):
        body, names = m.group(2), [n.strip() for n in m.group(3).split(",")]
        members = []
        for decl in body.split(";"):
            decl = decl.strip()
            if not decl:
                continue
            mm = re.match(r".*?(\w+)\s*(\[[^\]]*\]\s*)*$", decl, re.S)
            members.append(mm.group(1))
        typedef_names = [n for n in names if n and not n.startswith("*")]
        pointer_names = [n.lstrip("*").strip() for n in names if n.startswith("*")]
        structures.append((typedef_names, members, pointer_names))
    scalar_types = []
    for m in re.finditer(r"typedef\s+(?!struct)([^;{}()]*?)\b(\w+)\s*;", region):
        if m.group(2) not in scalar_types:
            scalar_types.append(m.group(2))
    functions = []
    for m in re.finditer(r"WINIMPM\s+WINBOOL\s+WINAPI\s+(\w+)\s*\(([^;]*)\)\s*;|WINBOOL\s+__cdecl\s+(\w+)\s*\(([^;]*)\)\s*;", region):
        name = m.group(1) or m.group(3)
        params = m.group(2) if m.group(1) else m.group(4)
        functions.append((name, params))
    return macros, function_macros, structures, scalar_types, functions


def sdk_error_codes(winerror, tinycapi_header):
    """The NTE_* and ERROR_* codes tinycapi's header defines that winerror.h defines too."""
    with open(winerror, encoding="latin-1") as f:
        sdk = set(re.findall(r"^\s*#\s*define\s+(\w+)", f.read(), re.M))
    with open(tinycapi_header) as f:
        ours = re.findall(r"^\s*#\s*define\s+((?:NTE|ERROR|CRYPT_E)_\w+|E_INVALIDARG)", f.read(), re.M)
    return [name for name in dict.fromkeys(ours) if name in sdk]


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def expansions(clang, flags, prelude, names, work):
    """Each macro's expansion, as the preprocessor of that header's build sees it."""
    path = os.path.join(work, "expand.c")
    with open(path, "w") as f:
        f.write(prelude)
        for i, name in enumerate(names):
            f.write(f"\n@@{i}@@ {name}\n")
    result = run([clang] + TARGET + flags + ["-E", "-P", path])
    if result.returncode != 0:
        sys.exit("preprocessing failed:\n" + result.stderr)
    found = {}
    for line in result.stdout.splitlines():
        m = re.match(r"@@(\d+)@@ (.*)$", line)
        if m:
            found[names[int(m.group(1))]] = m.group(2).strip()
    return found


def probe_lines(macros, kinds, function_macros, structures, scalar_types, error_codes):
    """(symbol, description, C definition) for every value to compare."""
    # Error codes as their 32-bit pattern: winerror.h types them HRESULT (negative), tinycapi
    # DWORD, and GetLastError() compares them as DWORDs.
    lines = [(f"e_{name}", name, f"const unsigned e_{name} = (unsigned)({name});") for name in error_codes]
    for name in macros:
        kind = kinds.get(name)
        if kind == "string":
            lines.append((f"s_{name}", name, f"const char s_{name}[] = {name};"))
        elif kind == "wide":
            lines.append((f"w_{name}", name, f"const unsigned short w_{name}[] = {name};"))
        elif kind == "number":
            lines.append((f"v_{name}", name, f"const long long v_{name} = (long long)({name});"))
    for name, arity in function_macros:
        if arity != 1:
            continue
        for i, arg in enumerate(FUNCTION_MACRO_ARGUMENTS):
            lines.append((f"f_{name}_{i}", f"{name}({arg})", f"const long long f_{name}_{i} = (long long)({name}({arg}));"))
    for typedef_names, members, pointer_names in structures:
        for t in typedef_names:
            lines.append((f"z_{t}", f"sizeof({t})", f"const unsigned z_{t} = sizeof({t});"))
        if typedef_names:
            t = typedef_names[0]
            for member in members:
                lines.append((f"o_{t}_{member}", f"offsetof({t}, {member})",
                              f"const unsigned o_{t}_{member} = __builtin_offsetof({t}, {member});"))
                lines.append((f"m_{t}_{member}", f"sizeof({t}.{member})",
                              f"const unsigned m_{t}_{member} = sizeof((({t} *)0)->{member});"))
        for p in pointer_names:
            lines.append((f"p_{p}", f"sizeof(*({p})0) (pointer type {p})",
                          f"const unsigned p_{p} = sizeof(*({p})0);"))
    for t in scalar_types:
        lines.append((f"t_{t}", f"sizeof({t})", f"const unsigned t_{t} = sizeof({t});"))
    return lines


def compile_probe(clang, flags, prelude, lines, work, tag):
    """Assembly of the probe; (values by symbol, set of symbols whose line failed)."""
    path = os.path.join(work, f"probe_{tag}.c")
    failed = set()
    for _ in range(8):
        kept = [l for l in lines if l[0] not in failed]
        with open(path, "w") as f:
            f.write(prelude + "\n")
            first_line = prelude.count("\n") + 2
            for symbol, _, definition in kept:
                f.write(definition + "\n")
        result = run([clang] + TARGET + flags + ["-S", "-o", "-", "-Wno-everything", "-ferror-limit=0", path])
        if result.returncode == 0:
            return parse_assembly(result.stdout), failed
        newly = set()
        for m in re.finditer(re.escape(path) + r":(\d+):\d+: error", result.stderr):
            index = int(m.group(1)) - first_line
            if 0 <= index < len(kept):
                newly.add(kept[index][0])
        if not newly:
            return None, result.stderr
        failed |= newly
    return None, "the probe did not converge"


def parse_assembly(text):
    values, current = {}, None
    for line in text.splitlines():
        m = re.match(r"^_?(\w+):", line)
        if m:
            current = m.group(1)
            values[current] = []
            continue
        m = re.match(r"^\s+\.(byte|short|long|quad|ascii|asciz|zero|space)\s+(.*?)(\s+#.*)?$", line)
        if m and current is not None:
            values[current].append(f".{m.group(1)} {m.group(2)}")
    return values


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mingw-include", default="/usr/x86_64-w64-mingw32/include")
    parser.add_argument("--tinycapi-include", required=True)
    parser.add_argument("--clang", default="clang")
    args = parser.parse_args()

    mingw_header = os.path.join(args.mingw_include, "wincrypt.h")
    if not os.path.isfile(mingw_header):
        sys.exit(f"FAILED: {mingw_header} not found: install mingw-w64-x86-64-dev (tools/setup does)")
    macros, function_macros, structures, scalar_types, functions = collect(capi10_region(mingw_header))
    error_codes = sdk_error_codes(os.path.join(args.mingw_include, "winerror.h"),
                                  os.path.join(args.tinycapi_include, "tinycapi", "wincrypt.h"))

    mingw_flags = ["-isystem", args.mingw_include] + WINDOWS_VERSION
    mingw_prelude = "#include <windows.h>\n#include <wincrypt.h>\n#include <stddef.h>"
    tinycapi_flags = ["-ffreestanding", "-I", args.tinycapi_include]
    tinycapi_prelude = "#include <tinycapi/wincrypt.h>\n#include <stddef.h>"

    with tempfile.TemporaryDirectory() as work:
        mingw_expanded = expansions(args.clang, mingw_flags, mingw_prelude, macros, work)
        tinycapi_expanded = expansions(args.clang, tinycapi_flags, tinycapi_prelude, macros, work)
        function_names = {name for name, _ in functions}
        kinds, aliases = {}, []
        for name in macros:
            body = mingw_expanded.get(name, "")
            if body.startswith('L"'):
                kinds[name] = "wide"
            elif body.startswith('"'):
                kinds[name] = "string"
            elif body in function_names:
                aliases.append(name)
            elif body and body != name:
                kinds[name] = "number"
        lines = probe_lines(macros, kinds, function_macros, structures, scalar_types, error_codes)
        descriptions = {symbol: description for symbol, description, _ in lines}

        mingw_values, mingw_skipped = compile_probe(args.clang, mingw_flags, mingw_prelude, lines, work, "mingw")
        if mingw_values is None:
            sys.exit("FAILED: the mingw-w64 probe does not compile:\n" + str(mingw_skipped))
        checked = [l for l in lines if l[0] not in mingw_skipped]

        # Functions: each must be declared (its address taken before the redeclaration), then
        # mingw-w64's prototype is repeated, which C rejects if the types are incompatible.
        function_lines = [("x_WINBOOL", "WINBOOL", "typedef BOOL WINBOOL;")]
        for name, params in functions:
            function_lines.append((f"a_{name}", f"function {name}", f"void *const a_{name} = (void *)&{name};"))
        for name, params in functions:
            prototype = f"BOOL {name}({params});".replace("CONST ", "const ")
            function_lines.append((f"d_{name}", f"prototype {prototype}", prototype))
        descriptions.update({symbol: description for symbol, description, _ in function_lines})
        tinycapi_values, tinycapi_missing = compile_probe(
            args.clang, tinycapi_flags, tinycapi_prelude, checked + function_lines, work, "tinycapi")
        failures = []
        if tinycapi_values is None:
            failures.append("tinycapi's probe does not compile (a function missing or declared differently?):\n"
                            + str(tinycapi_missing))
            tinycapi_values, tinycapi_missing = {}, set()
        for symbol in sorted(tinycapi_missing):
            failures.append(f"missing in tinycapi (or not a constant): {descriptions[symbol]}")
        for symbol, description, _ in checked:
            if symbol in tinycapi_missing or not tinycapi_values:
                continue
            if mingw_values.get(symbol) != tinycapi_values.get(symbol):
                failures.append(f"differs: {description}: mingw-w64 {mingw_values.get(symbol)} tinycapi {tinycapi_values.get(symbol)}")
        for name in aliases:
            if tinycapi_expanded.get(name) != mingw_expanded.get(name):
                failures.append(f"differs: {name} expands to {mingw_expanded.get(name)!r} in mingw-w64, "
                                f"{tinycapi_expanded.get(name)!r} in tinycapi")

    kinds_count = lambda prefix: sum(1 for s, _, _ in checked if s.startswith(prefix))
    skipped = sorted(descriptions[s] for s in mingw_skipped) + sorted(
        n for n in macros if n not in kinds and n not in aliases)
    print(f"mingw-w64 {mingw_header}, CryptoAPI 1.0 part (before {CAPI2_MARKER}), 32-bit Windows layout:")
    print(f"  {kinds_count('v_') + kinds_count('s_') + kinds_count('w_')} macro values, {len(aliases)} generic names, "
          f"{kinds_count('e_')} error codes (winerror.h), "
          f"{kinds_count('f_')} function-macro values, {len(structures)} structures "
          f"({kinds_count('o_')} member offsets and sizes, {kinds_count('z_') + kinds_count('p_')} sizes), "
          f"{kinds_count('t_')} type sizes, {len(functions)} functions")
    print(f"  checked against tinycapi {args.tinycapi_include}/tinycapi/wincrypt.h")
    print(f"  skipped (not a value in mingw-w64's build for current Windows): {', '.join(skipped) or 'none'}")
    for failure in failures:
        print("FAILED: " + failure)
    print(f"{len(failures)} difference(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
