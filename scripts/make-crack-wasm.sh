#!/bin/sh
# Rebuilds src/lib/crack/wasm/sha512.wasm, the crack's HMAC-SHA-384/512
# kernel, from sha512.c with Debian's clang and lld (apt-get install clang
# lld). The .wasm is committed, so that CI and `npm ci` need no clang;
# tests/unit/crack/kernel.test.ts checks that it matches a rebuild.
# Output: the file named by $1, else the committed one.
set -eu
dir=$(dirname "$0")/../src/lib/crack/wasm
out=${1:-$dir/sha512.wasm}
# -nostdlib and --no-entry: no libc, no main; the kernel exports its own
# functions (export_name) and its memory. -mbulk-memory: the compiler's
# memset/memcpy become memory.fill/copy instead of calls to a missing libc.
# --strip-all and no debug info: the same bytes on every machine with the
# same clang.
clang --target=wasm32 -O3 -nostdlib -mbulk-memory -fno-ident \
  -Wall -Wextra -Werror \
  -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=65536 \
  -o "$out" "$dir/sha512.c"
