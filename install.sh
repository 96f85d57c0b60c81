#!/bin/sh
# Installs the `trellis` command from a Trellis release, after checking the archive
# against the release's SHA256SUMS. No Rust needed. Linux (x86_64, aarch64) and macOS.
#
#   curl -fsSL RELEASES/latest/download/install.sh | sh
#
# Settings, all optional, from the environment:
#   TRELLIS_VERSION      a version such as 0.2.0, or "latest" (the default)
#   TRELLIS_INSTALL_DIR  where to put `trellis` (default: $HOME/.local/bin)
#   TRELLIS_RELEASES     where releases are published; the copy attached to a release
#                        has it filled in from Cargo.toml's [package.metadata.trellis]
set -eu

releases="${TRELLIS_RELEASES:-@TRELLIS_RELEASES@}"
version="${TRELLIS_VERSION:-latest}"
dir="${TRELLIS_INSTALL_DIR:-$HOME/.local/bin}"

fail() {
  echo "trellis install: $*" >&2
  exit 1
}

case "$releases" in
  http://* | https://*) releases="${releases%/}" ;;
  *) fail "no releases URL is set. Set TRELLIS_RELEASES, or install from source: cargo install --path ." ;;
esac

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-musl ;;
  Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-musl ;;
  Darwin-x86_64) target=x86_64-apple-darwin ;;
  Darwin-arm64) target=aarch64-apple-darwin ;;
  *) fail "there is no release for $(uname -s) $(uname -m); install from source with cargo" ;;
esac

if [ "$version" = latest ]; then
  base="$releases/latest/download"
else
  base="$releases/download/v${version#v}"
fi
archive="trellis-$target.tar.gz"

download() {
  if command -v curl >/dev/null 2>&1; then
    curl --fail --silent --show-error --location --retry 3 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget --quiet -O "$2" "$1"
  else
    fail "needs curl or wget to download $1"
  fi || fail "cannot download $1"
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  else
    fail "needs sha256sum or shasum to check the download"
  fi
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT INT TERM

download "$base/$archive" "$tmp/$archive"
download "$base/SHA256SUMS" "$tmp/SHA256SUMS"
expected="$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")"
[ -n "$expected" ] || fail "$archive is not listed in $base/SHA256SUMS"
actual="$(sha256 "$tmp/$archive")"
[ "$actual" = "$expected" ] ||
  fail "the checksum of $archive is wrong (expected $expected, got $actual); nothing was installed"

tar -xzf "$tmp/$archive" -C "$tmp"
mkdir -p "$dir"
# Copy, then rename: a running `trellis` is never left half-written.
cp "$tmp/trellis-$target/trellis" "$dir/.trellis.new"
chmod 755 "$dir/.trellis.new"
mv -f "$dir/.trellis.new" "$dir/trellis"
echo "installed $("$dir/trellis" --version) to $dir/trellis"
case ":$PATH:" in
  *":$dir:"*) ;;
  *) echo "note: $dir is not on your PATH; add it to use \`trellis\` by name" ;;
esac
