// Shared helpers of the fuzz targets (tests/fuzz/*_fuzz.cpp).
//
// Each target defines LLVMFuzzerTestOneInput. Built with clang and MINHU_BUILD_FUZZERS it is a
// libFuzzer binary; built by the normal test build it is linked with replay_main.cpp, which
// feeds it every file of its regression and seed directories, so every input that once crashed
// stays fixed without clang.
//
// Rules every target follows: a bad input must come back as minhu::error (or a documented
// result), never as a crash, a hang or another exception; an invariant that fails is reported
// with MINHU_FUZZ_CHECK, which prints the condition and aborts (libFuzzer saves the input).
#pragma once

#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#ifndef MINHU_SOURCE_DIR
#error "MINHU_SOURCE_DIR must name the source tree (for the fixtures)"
#endif

#define MINHU_FUZZ_CHECK(cond)                                                               \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (0)

namespace minhu::fuzz {

/// A path below the source tree, e.g. source_path("rulesets/fixtures/sla.json").
inline std::string source_path(std::string_view rel) {
  return std::string(MINHU_SOURCE_DIR) + "/" + std::string(rel);
}

/// A private directory under $TMPDIR (default /tmp; /dev/shm when present, to spare the disk),
/// created on first use and removed at exit.
class temp_dir {
 public:
  temp_dir() {
    const char* base = std::getenv("TMPDIR");
    std::string root = base && *base ? base : "/tmp";
    if (!(base && *base) && std::filesystem::is_directory("/dev/shm") &&
        access("/dev/shm", W_OK) == 0)
      root = "/dev/shm";
    std::string t = root + "/minhu-fuzz-XXXXXX";
    if (!mkdtemp(t.data())) throw std::runtime_error("mkdtemp: " + std::string(strerror(errno)));
    path_ = t;
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::string& path() const noexcept { return path_; }
  std::string file(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

/// Reads structured values off the front of the input (a tiny FuzzedDataProvider that also
/// builds with gcc). Past the end every read returns zeros / empty.
class input {
 public:
  input(const std::uint8_t* data, std::size_t size) : p_(data), n_(size) {}
  std::size_t remaining() const noexcept { return n_; }
  bool empty() const noexcept { return n_ == 0; }

  std::uint8_t byte() noexcept {
    if (!n_) return 0;
    --n_;
    return *p_++;
  }
  bool boolean() noexcept { return byte() & 1; }
  template <class T>
  T integral() noexcept {  // little endian, sizeof(T) bytes (fewer at the end)
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) v |= std::uint64_t(byte()) << (8 * i);
    return static_cast<T>(v);
  }
  /// A value in [lo, hi] (hi - lo < 2^32).
  std::int64_t range(std::int64_t lo, std::int64_t hi) noexcept {
    const auto span = std::uint64_t(hi - lo) + 1;
    const std::uint64_t v = span <= 256 ? byte() : integral<std::uint32_t>();
    return lo + std::int64_t(v % span);
  }
  /// A length-prefixed string of at most `max` bytes.
  std::string string(std::size_t max) {
    const std::size_t prefix = byte();  // read before n_ below: the order is then certain
    const std::size_t len = std::min(prefix, std::min(max, n_));
    std::string s(reinterpret_cast<const char*>(p_), len);
    p_ += len;
    n_ -= len;
    return s;
  }
  /// Everything that is left.
  std::string_view rest() noexcept {
    std::string_view s(reinterpret_cast<const char*>(p_), n_);
    p_ += n_;
    n_ = 0;
    return s;
  }

 private:
  const std::uint8_t* p_;
  std::size_t n_;
};

}  // namespace minhu::fuzz
