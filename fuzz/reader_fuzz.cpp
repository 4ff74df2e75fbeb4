// libFuzzer target for one input format reader (PARLEY_FUZZ_FORMAT): any bytes must give a
// scenario or problems, never a crash, a hang, or a scenario that passes validation with a
// value outside its legal range.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "parley/validate.hpp"
#include "readers.hpp"

namespace {

const parley::io::InputFormat& fuzzed_format() {
  for (const auto& format : parley::io::input_formats())
    if (format.name == PARLEY_FUZZ_FORMAT) return format;
  std::abort();  // the target names a format that is not registered
}

void check_legal(const parley::Scenario& s) {
  for (std::size_t i = 0; i < s.issue_count(); ++i) {
    const parley::Issue& issue = s.issues[i];
    if (!(issue.scale_min < issue.scale_max)) __builtin_trap();
    for (std::size_t a = 0; a < s.actor_count(); ++a) {
      const parley::Stance& stance = s.stance(a, i);
      if (!stance.present) continue;
      if (!(stance.position >= issue.scale_min && stance.position <= issue.scale_max)) __builtin_trap();
      if (!(stance.salience >= 0.0 && stance.salience <= 1.0)) __builtin_trap();
      if (!(s.capability(a, i) >= 0.0) || !std::isfinite(s.capability(a, i))) __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const parley::io::InputFormat& format = fuzzed_format();
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string path = std::string("fuzz.") + (format.name == "toml" ? "toml" : "csv");
  (void)format.recognise(path, text);
  parley::io::ReaderOutput output = format.read(text, path);
  if (output.problems.empty() && parley::validate(output.scenario).empty()) check_legal(output.scenario);
  return 0;
}
