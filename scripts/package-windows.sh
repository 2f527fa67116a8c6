#!/usr/bin/env bash
# Builds xingfu.exe for 64-bit Windows 10/11 on Linux and packs it, with the blank
# template, the demo data, the practice files and the Chinese manual, into one zip:
#
#   bash scripts/package-windows.sh [OUT_DIR]      # default: dist/
#
# Needs the Rust target x86_64-pc-windows-gnu and MinGW-w64 (gcc-mingw-w64-x86-64), as
# .ci/run installs them. The C runtime is linked in (+crt-static), so the exe
# needs no DLL beyond those of Windows itself; the script checks that and stops if not.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

TARGET=x86_64-pc-windows-gnu
OBJDUMP=x86_64-w64-mingw32-objdump
OUT_DIR="${1:-dist}"
VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)"
NAME="幸福-xingfu-${VERSION}-windows-x64"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"

for tool in "$OBJDUMP" x86_64-w64-mingw32-gcc; do
  command -v "$tool" > /dev/null || {
    echo "error: $tool is missing (apt-get install gcc-mingw-w64-x86-64)" >&2
    exit 1
  }
done
rustup target list --installed | grep -qx "$TARGET" || {
  echo "error: the Rust target $TARGET is missing (rustup target add $TARGET)" >&2
  exit 1
}

echo "== building xingfu.exe (release, $TARGET, static C runtime)"
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C target-feature=+crt-static" \
  cargo build --release --locked --target "$TARGET" --bin xingfu
EXE="$TARGET_DIR/$TARGET/release/xingfu.exe"

echo "== DLLs it imports"
mapfile -t DLLS < <("$OBJDUMP" -p "$EXE" | sed -n 's/^\s*DLL Name: //p' | sort -u)
printf '  %s\n' "${DLLS[@]}"
# Windows' own DLLs (kernel, C runtime of the system, crypto primitives, user/console, API sets).
SYSTEM='^(kernel32|ntdll|advapi32|bcrypt|bcryptprimitives|userenv|ws2_32|msvcrt|ucrtbase|user32|shell32|ole32|oleaut32|combase|secur32|crypt32|api-ms-win-.*)\.dll$'
for dll in "${DLLS[@]}"; do
  if ! [[ "${dll,,}" =~ $SYSTEM ]]; then
    echo "error: xingfu.exe needs $dll, which Windows does not have (not linked statically?)" >&2
    exit 1
  fi
done

echo "== packing $OUT_DIR/$NAME.zip"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/$NAME"
mkdir -p "$PKG/文档" "$PKG/模板/csv" "$PKG/演示数据" "$PKG/练习文件" "$PKG/screenshots"
cp "$EXE" "$PKG/xingfu.exe"
cp docs/使用手册.md docs/培训讲义.md "$PKG/文档/"
cp docs/TEMPLATE.md "$PKG/文档/模板说明-TEMPLATE.md"
# The screenshots the manual and the trainer's notes show (they link ../screenshots/…).
grep -oh 'screenshots/[^)]*\.svg' docs/使用手册.md docs/培训讲义.md | sort -u | while read -r shot; do
  cp "$shot" "$PKG/screenshots/"
done
cp data/template/幸福家园项目模板.xlsx "$PKG/模板/"
cp data/template/csv/*.csv "$PKG/模板/csv/"
cp data/demo/*.csv data/demo/README.md "$PKG/演示数据/"
cp data/practice/*.csv "$PKG/练习文件/"
# 请先阅读.txt: for Notepad, UTF-8 with a byte-order mark and Windows line ends.
{
  printf '\xef\xbb\xbf'
  sed 's/$/\r/' << EOF
幸福家园 xingfu ${VERSION}（Windows 10/11，64 位）

1. 把整个文件夹解压到本机硬盘（例如 D:\\幸福），不要直接在压缩包里运行，也不要放在网络共享文件夹里。
2. 双击 xingfu.exe 打开操作台。第一次打开时会新建一个空数据库。
3. 使用方法见“文档\\使用手册.md”（可用记事本打开），培训用“文档\\培训讲义.md”。
4. 标准模板在“模板”文件夹；演示数据在“演示数据”文件夹；导入练习用“练习文件”。

不支持 Windows 7 和 8.1：请在 Windows 10 或 11 的电脑上使用（见使用手册第 1 节）。
EOF
} > "$PKG/请先阅读.txt"

mkdir -p "$OUT_DIR"
ZIP="$(cd "$OUT_DIR" && pwd)/$NAME.zip"
rm -f "$ZIP"
# Our own packer: Info-ZIP's zip leaves the UTF-8 flag of the Chinese names unset, and
# Windows' Explorer would then unpack them garbled.
cargo run --quiet --locked --example zip_folder -- "$PKG" "$ZIP"

EXE_BYTES=$(stat -c %s "$EXE")
ZIP_BYTES=$(stat -c %s "$ZIP")
echo "xingfu.exe: $EXE_BYTES bytes ($(awk -v b="$EXE_BYTES" 'BEGIN { printf "%.1f MB", b / 1e6 }'))"
echo "zip:        $ZIP_BYTES bytes ($(awk -v b="$ZIP_BYTES" 'BEGIN { printf "%.1f MB", b / 1e6 }')): $ZIP"
