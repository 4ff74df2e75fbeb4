// Numbers in the models' event sentences, as printf's "%.Ng" and "%.Nf" write them. std::to_chars
// with a precision is specified to give exactly printf's text ([charconv.to.chars]), without
// printf's cost per call: a run of a few thousand events writes tens of thousands of numbers.
// append_general takes a shorter way still where printf's digits are certain (number_text.cpp).
#pragma once

#include <array>
#include <charconv>
#include <string>

namespace parley {

// Appends value as printf("%.{precision}g") would write it; precision at most 17.
void append_general(std::string& text, double value, int precision);

inline std::string general_text(double value, int precision) {
  std::string text;
  append_general(text, value, precision);
  return text;
}

// The shortest text that reads back as value (1e+300, not 301 digits; 1e-300, not 0): for
// messages and specs that echo a number a person wrote.
inline std::string shortest_text(double value) {
  std::array<char, 32> buffer{};  // "-2.2250738585072014e-308" is the longest
  return {buffer.data(), std::to_chars(buffer.data(), buffer.data() + buffer.size(), value).ptr};
}

// value as printf("%.{precision}f") would write it; precision at most 16.
inline std::string fixed_text(double value, int precision) {
  std::array<char, 330> buffer{};  // 309 integer digits of DBL_MAX, sign, point and the decimals
  const auto end =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, precision).ptr;
  return {buffer.data(), end};
}

}  // namespace parley
