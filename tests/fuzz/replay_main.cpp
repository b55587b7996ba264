// The main of a fuzz target built without libFuzzer (the normal gcc test build): replays inputs
// through LLVMFuzzerTestOneInput, so every crash a fuzzer once found stays fixed.
//
//   ruleset_fuzz_replay DIR|FILE ...        every regular file (directories: sorted, recursive)
//   jsonl_fuzz_replay --lines FILE ...       every line of FILE is one input
//
// A crash or failed invariant aborts (ctest reports it); otherwise prints how many inputs ran.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", p.c_str());
    std::exit(2);
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void run(const std::string& bytes) {
  // A copy of exactly `size` bytes, so reading past the end is caught by ASan builds too.
  std::vector<std::uint8_t> buf(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(buf.empty() ? nullptr : buf.data(), buf.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--lines" && i + 1 < argc) {
      std::istringstream lines(read(argv[++i]));
      for (std::string line; std::getline(lines, line);) {
        run(line);
        ++count;
      }
      continue;
    }
    const std::filesystem::path p(arg);
    if (!std::filesystem::exists(p)) {
      std::fprintf(stderr, "no such input: %s\n", arg.c_str());
      return 2;
    }
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(p)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(p))
        if (e.is_regular_file() && e.path().filename().string()[0] != '.')  // not .gitkeep
          files.push_back(e.path());
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(p);
    }
    for (const auto& f : files) {
      std::fprintf(stderr, "replay %s\n", f.c_str());
      run(read(f));
      ++count;
    }
  }
  std::printf("replayed %zu inputs\n", count);
  return 0;
}
