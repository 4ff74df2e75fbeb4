// A main() for the fuzz targets without libFuzzer, so that every build (GCC, the sanitizer build
// in CI) can run them as a smoke test: each input file is run as is, then a fixed number of
// mutations of the inputs (byte flips, insertions, deletions, truncations, splices, duplicated
// slices) drawn from a seeded generator, so a failure reproduces. Coverage-guided fuzzing is
// scripts/fuzz.sh with clang's libFuzzer.
//   fuzz_replay_<target> [--mutations N] [--seed S] FILE|DIRECTORY...
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

using Bytes = std::string;

Bytes read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<Bytes> read_inputs(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files;
  for (const auto& path : paths) {
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::directory_iterator(path))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else {
      files.emplace_back(path);
    }
  }
  std::sort(files.begin(), files.end());  // directory order is not fixed
  std::vector<Bytes> inputs;
  for (const auto& file : files) inputs.push_back(read_file(file));
  return inputs;
}

void run(const Bytes& input) { LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size()); }

// Characters that matter to the readers, so mutations reach their branches.
constexpr char interesting[] = ",;\t\"'\n\r#=[]{}.-+eE0123456789 \xef\xbb\xbf\xff";

Bytes mutate(const std::vector<Bytes>& inputs, std::mt19937_64& random) {
  Bytes bytes = inputs[random() % inputs.size()];
  const auto at = [&](std::size_t size) { return size ? random() % size : 0; };
  for (int step = 0, steps = 1 + static_cast<int>(random() % 4); step < steps; ++step) {
    switch (random() % 6) {
      case 0: if (!bytes.empty()) bytes[at(bytes.size())] = static_cast<char>(random()); break;
      case 1: bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at(bytes.size() + 1)),
                           interesting[random() % (sizeof interesting - 1)]); break;
      case 2: if (!bytes.empty()) bytes.erase(at(bytes.size()), 1 + random() % 8); break;
      case 3: bytes.resize(at(bytes.size() + 1)); break;
      case 4: {  // splice the tail of another input
        const Bytes& other = inputs[random() % inputs.size()];
        bytes = bytes.substr(0, at(bytes.size() + 1)) + other.substr(at(other.size() + 1));
        break;
      }
      default: {  // duplicate a slice (repeated rows, duplicated keys)
        const std::size_t from = at(bytes.size() + 1);
        bytes.insert(at(bytes.size() + 1), bytes.substr(from, random() % 64));
      }
    }
  }
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  long mutations = 1000;
  std::uint64_t seed = 1;
  std::vector<std::string> paths;
  for (int k = 1; k < argc; ++k) {
    const std::string argument = argv[k];
    if (argument == "--mutations" && k + 1 < argc) mutations = std::atol(argv[++k]);
    else if (argument == "--seed" && k + 1 < argc) seed = std::strtoull(argv[++k], nullptr, 10);
    else paths.push_back(argument);
  }
  const std::vector<Bytes> inputs = read_inputs(paths);
  if (inputs.empty()) {
    std::fprintf(stderr, "no input files\n");
    return 2;
  }
  for (const Bytes& input : inputs) run(input);
  std::mt19937_64 random(seed);
  for (long k = 0; k < mutations; ++k) run(mutate(inputs, random));
  std::printf("%zu inputs and %ld mutations ran without a failure\n", inputs.size(), mutations);
  return 0;
}
