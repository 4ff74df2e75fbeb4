// toml++'s compiled part, and the check that keeps its parser on ground it handles (toml.hpp).
#define TOML_IMPLEMENTATION
#include "toml.hpp"

#include <cstdio>
#include <optional>
#include <string>

#include "csv.hpp"

namespace parley::io {
namespace {

struct Misplaced {
  int line = 0;
  std::string what;
};

bool outside_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

// "character U+00E9" for the UTF-8 sequence starting at text[k], or "a byte that is not UTF-8".
std::string describe_character(std::string_view text, std::size_t k) {
  const auto character = utf8_character(text, k);
  if (!character) return "a byte that is not UTF-8";
  char name[16];
  std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(character->code_point));
  return std::string("character ") + name;
}

// The first character outside ASCII where TOML 1.0 allows none: outside strings and comments,
// or escaped by a backslash (every TOML escape is ASCII). A UTF-8 byte order mark may open the text.
std::optional<Misplaced> misplaced_non_ascii(std::string_view text) {
  text = strip_bom(text);
  enum class In { value, comment, basic, literal, multi_line_basic, multi_line_literal };
  const auto at = [&](std::size_t k) { return k < text.size() ? text[k] : '\0'; };
  const auto opens = [&](std::size_t k, char quote) { return at(k) == quote && at(k + 1) == quote && at(k + 2) == quote; };
  const auto after_closing = [&](std::size_t k, char quote) {  // a closing triple may carry two more quotes
    k += 3;
    for (int extra = 0; extra < 2 && at(k) == quote; ++extra) ++k;
    return k;
  };
  In in = In::value;
  int line = 1;
  std::size_t k = 0;
  while (k < text.size()) {
    const char c = text[k];
    if (c == '\n') {
      ++line;
      if (in == In::comment || in == In::basic || in == In::literal) in = In::value;  // ends, or is toml++'s error
      ++k;
      continue;
    }
    switch (in) {
      case In::value:
        if (outside_ascii(c))
          return Misplaced{line, describe_character(text, k) + " outside a string or comment (TOML allows ASCII only there)"};
        if (c == '#') in = In::comment;
        else if (opens(k, '"')) in = In::multi_line_basic, k += 2;
        else if (opens(k, '\'')) in = In::multi_line_literal, k += 2;
        else if (c == '"') in = In::basic;
        else if (c == '\'') in = In::literal;
        break;
      case In::basic:
      case In::multi_line_basic:
        if (c == '\\') {  // in multi-line strings a backslash may end the line, after white space
          std::size_t next = k + 1;
          while (in == In::multi_line_basic && (at(next) == ' ' || at(next) == '\t')) ++next;
          if (outside_ascii(at(next)))
            return Misplaced{line, describe_character(text, next) + " after a backslash (TOML's escapes are ASCII)"};
          k = at(next) == '\n' ? next : next + 1;  // the line break itself is counted above
          continue;
        }
        if (in == In::basic && c == '"') in = In::value;
        if (in == In::multi_line_basic && opens(k, '"')) {
          k = after_closing(k, '"');
          in = In::value;
          continue;
        }
        break;
      case In::literal:
        if (c == '\'') in = In::value;
        break;
      case In::multi_line_literal:
        if (opens(k, '\'')) {
          k = after_closing(k, '\'');
          in = In::value;
          continue;
        }
        break;
      case In::comment:
        break;
    }
    ++k;
  }
  return std::nullopt;
}

}  // namespace

TomlDocument parse_toml(std::string_view text, std::string_view file) {
  TomlDocument document;
  if (const auto misplaced = misplaced_non_ascii(text)) {
    document.error_line = misplaced->line;
    document.error = std::move(misplaced->what);
    return document;
  }
  try {
    document.root = toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    document.error_line = static_cast<int>(error.source().begin.line);
    document.error = std::string(error.description());
  }
  return document;
}

}  // namespace parley::io
