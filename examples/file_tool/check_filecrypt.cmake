# cmake -P script behind the examples.filecrypt test: runs the unchanged Windows tool the way a
# user would and checks each answer against an independent implementation.
#   -DFILECRYPT=<tool> -DWORK_DIR=<scratch dir> [-DOPENSSL=<openssl>] [-DSHA256SUM=<sha256sum>]
#   [-DEMULATOR=<runner>]  (what runs the tool where the host cannot, e.g. qemu-i386)
#   1. `hash` prints what coreutils' sha256sum prints;
#   2. `encrypt` writes what `openssl enc -aes-256-cbc` writes with key SHA-256(password) and a
#      zero IV — CryptDeriveKey's SHA-256 → AES-256 rule (no expansion) and Windows' CBC and
#      padding — so files move between Windows and tinycapi;
#   3. `decrypt` gives back the original bytes;
#   4. a wrong password fails (exit 1) and leaves no output file.
foreach(_required FILECRYPT WORK_DIR)
  if(NOT DEFINED ${_required})
    message(FATAL_ERROR "check_filecrypt.cmake: ${_required} is not set")
  endif()
endforeach()
if(EMULATOR)
  set(FILECRYPT ${EMULATOR} "${FILECRYPT}")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# 10 000 bytes: two full 4 KiB chunks and a partial one, so chunking and Final are exercised.
string(REPEAT "The quick brown fox jumps over the lazy dog. 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH\n" 120 _text)
string(SUBSTRING "${_text}" 0 10000 _text)
set(_plain "${WORK_DIR}/plain.txt")
file(WRITE "${_plain}" "${_text}")

function(run expected_result)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE _result OUTPUT_VARIABLE _output ERROR_VARIABLE _error)
  if(NOT _result STREQUAL expected_result)
    message(FATAL_ERROR "${ARGN}: exit ${_result}, expected ${expected_result}\n${_output}${_error}")
  endif()
  set(run_output "${_output}" PARENT_SCOPE)
endfunction()

# 1. hash
run(0 ${FILECRYPT} hash "${_plain}")
string(REGEX MATCH "^[0-9a-f]+" _ours "${run_output}")
file(SHA256 "${_plain}" _cmake_sha256)
if(NOT _ours STREQUAL _cmake_sha256)
  message(FATAL_ERROR "hash: ${_ours}, CMake's SHA-256: ${_cmake_sha256}")
endif()
if(SHA256SUM)
  run(0 "${SHA256SUM}" "${_plain}")
  string(REGEX MATCH "^[0-9a-f]+" _coreutils "${run_output}")
  if(NOT _ours STREQUAL _coreutils)
    message(FATAL_ERROR "hash: ${_ours}, sha256sum: ${_coreutils}")
  endif()
endif()
message(STATUS "hash: ${_ours} (sha256sum agrees)")

# 2. encrypt, and the same bytes from OpenSSL
set(_password "correct horse battery staple")
run(0 ${FILECRYPT} encrypt "${_password}" "${_plain}" "${WORK_DIR}/cipher.bin")
file(SIZE "${WORK_DIR}/cipher.bin" _size)
if(NOT _size EQUAL 10016)
  message(FATAL_ERROR "encrypt: ${_size} bytes, expected 10016 (10000 padded to the block)")
endif()
if(OPENSSL)
  string(SHA256 _key "${_password}")
  run(0 "${OPENSSL}" enc -aes-256-cbc -K "${_key}" -iv 00000000000000000000000000000000
      -in "${_plain}" -out "${WORK_DIR}/openssl.bin")
  run(0 "${CMAKE_COMMAND}" -E compare_files "${WORK_DIR}/cipher.bin" "${WORK_DIR}/openssl.bin")
  message(STATUS "encrypt: 10016 bytes, identical to openssl enc -aes-256-cbc with key SHA-256(password)")
endif()

# 3. decrypt
run(0 ${FILECRYPT} decrypt "${_password}" "${WORK_DIR}/cipher.bin" "${WORK_DIR}/decrypted.txt")
run(0 "${CMAKE_COMMAND}" -E compare_files "${_plain}" "${WORK_DIR}/decrypted.txt")
message(STATUS "decrypt: the original 10000 bytes")

# 4. a wrong password: the padding check fails (NTE_BAD_DATA), and no partial file remains
run(1 ${FILECRYPT} decrypt "Tr0ub4dor&3" "${WORK_DIR}/cipher.bin" "${WORK_DIR}/wrong.txt")
if(EXISTS "${WORK_DIR}/wrong.txt")
  message(FATAL_ERROR "a failed decrypt left ${WORK_DIR}/wrong.txt behind")
endif()
message(STATUS "wrong password: refused, no output left")
