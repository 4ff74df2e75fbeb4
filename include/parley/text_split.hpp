// Splitting the short lists users type (noise specs, --set paths, --tune values).
#pragma once

#include <string_view>
#include <vector>

namespace parley {

// Every piece between separators, empty ones included ("a,,b," gives a, "", b, ""; "" gives one
// empty piece), so a caller can refuse a hole instead of skipping it. The pieces view `text`.
[[nodiscard]] inline std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  while (true) {
    const auto at = text.find(separator);
    pieces.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return pieces;
    text.remove_prefix(at + 1);
  }
}

}  // namespace parley
