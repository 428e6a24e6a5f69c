#!/usr/bin/env python3
"""Checks the package manifests for build systems this machine cannot run (PlatformIO's
library.json, ESP-IDF's idf_component.yml and component CMake file, the Zephyr module, the
pkg-config templates): each parses, names this version, and every file, directory and glob it
points at exists in the tree. Usage: check_manifests.py <source dir> <project version>."""
import glob
import json
import os
import re
import sys

import yaml

root, version = sys.argv[1], sys.argv[2]
failures = []


def fail(message):
    failures.append(message)


def exists(path, what):
    if not os.path.exists(os.path.join(root, path)):
        fail(f"{what}: {path} does not exist")


def glob_matches(pattern, what):
    if not glob.glob(os.path.join(root, pattern), recursive=True):
        fail(f"{what}: {pattern} matches no file")


# ---- PlatformIO: library.json ----
library = json.load(open(os.path.join(root, "library.json")))
for field in ("name", "version", "description", "keywords", "frameworks", "platforms", "build"):
    if field not in library:
        fail(f"library.json: no {field}")
if library.get("version") != version:
    fail(f"library.json: version {library.get('version')}, the project is {version}")
build = library.get("build", {})
exists(build.get("includeDir", "?"), "library.json build.includeDir")
for entry in build.get("srcFilter", []):
    match = re.fullmatch(r"([+-])<(.+)>", entry)
    if not match:
        fail(f"library.json: srcFilter entry {entry!r} is not +<glob> or -<glob>")
    elif match.group(1) == "+":
        glob_matches(match.group(2), "library.json srcFilter")
for flag in build.get("flags", []):
    if flag.startswith("-I"):
        exists(flag[2:].strip(), "library.json build.flags")
for path in library.get("export", {}).get("include", []):
    exists(path, "library.json export.include")
for example in library.get("examples", []):
    for name in example["files"]:
        exists(os.path.join(example["base"], name), f"library.json example {example['name']}")

# ---- ESP-IDF: idf_component.yml and the component's CMake file ----
component = yaml.safe_load(open(os.path.join(root, "idf_component.yml")))
if str(component.get("version")) != version:
    fail(f"idf_component.yml: version {component.get('version')}, the project is {version}")
if "idf" not in component.get("dependencies", {}):
    fail("idf_component.yml: no dependency on idf (the ESP-IDF version with Mbed TLS 3.6)")
esp_cmake = open(os.path.join(root, "cmake/esp-idf-component.cmake")).read()
for pattern in re.findall(r'"\$\{_tinycapi_root\}/([^"]+)"', esp_cmake):
    # file(GLOB_RECURSE): dir/*.cpp matches in every subdirectory too.
    glob_matches(pattern.replace("/*.", "/**/*."), "esp-idf-component.cmake sources")
for directories in re.findall(r"(?:PRIV_)?INCLUDE_DIRS((?:\s+\"[^\"]+\")+)", esp_cmake):
    for directory in re.findall(r'"([^"]+)"', directories):
        exists(directory, "esp-idf-component.cmake include directory")
if "ESP_PLATFORM" not in open(os.path.join(root, "CMakeLists.txt")).read():
    fail("CMakeLists.txt does not hand ESP-IDF to cmake/esp-idf-component.cmake")

# ---- Zephyr module ----
module_path = os.path.join(root, "zephyr/module.yml")
if os.path.exists(module_path):
    module = yaml.safe_load(open(module_path))
    build = module.get("build", {})
    for key in ("cmake", "kconfig"):
        if key not in build:
            fail(f"zephyr/module.yml: no build.{key}")
        else:
            exists(build[key], f"zephyr/module.yml build.{key}")
else:
    fail("zephyr/module.yml is missing")

# ---- pkg-config templates ----
for name in ("tinycapi", "tinycapi-compat"):
    text = open(os.path.join(root, f"cmake/{name}.pc.in")).read()
    for field in ("Name:", "Description:", "Version: @PROJECT_VERSION@", "Cflags:"):
        if field not in text:
            fail(f"cmake/{name}.pc.in: no {field}")

for message in failures:
    print(f"FAIL {message}")
print(f"package manifests: {len(failures)} problem(s)")
sys.exit(1 if failures else 0)
