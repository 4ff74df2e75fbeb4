#include "pretty_json.hpp"

#include <charconv>
#include <cmath>

namespace parley::io {
namespace {

// Text nlohmann prints between the quotes unchanged: printable ASCII but the quote and backslash.
bool needs_no_escape(std::string_view text) {
  for (const char c : text)
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return false;
  return true;
}

}  // namespace

void PrettyJson::indent() { out_.append(2 * empty_.size(), ' '); }

void PrettyJson::before_item() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;  // the document's root
  out_ += empty_.back() ? "\n" : ",\n";
  empty_.back() = false;
  indent();
}

void PrettyJson::key(std::string_view name) {
  before_item();
  write_string(name);
  out_ += ": ";
  after_key_ = true;
}

void PrettyJson::open(char bracket) {
  before_item();
  out_ += bracket;
  empty_.push_back(true);
}

void PrettyJson::close(char bracket) {
  const bool empty = empty_.back();
  empty_.pop_back();
  if (!empty) {
    out_ += '\n';
    indent();
  }
  out_ += bracket;
}

void PrettyJson::value(std::string_view text) {
  before_item();
  write_string(text);
}

void PrettyJson::write_string(std::string_view text) {
  if (needs_no_escape(text)) {
    out_ += '"';
    out_ += text;
    out_ += '"';
  } else {
    out_ += nlohmann::json(text).dump();  // escapes, and rejects invalid UTF-8, as dump() does
  }
}

void PrettyJson::value(double number) {
  before_item();
  if (!std::isfinite(number)) {
    out_ += "null";
    return;
  }
  // nlohmann's own shortest round-trip formatting (what dump() calls for a double).
  char buffer[64];
  const char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, static_cast<std::size_t>(end - buffer));
}

void PrettyJson::value(int number) {
  before_item();
  char buffer[16];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, result.ptr);
}

void PrettyJson::value(const nlohmann::json& tree) {
  before_item();
  const std::string text = tree.dump(2);
  const std::string indentation(2 * empty_.size(), ' ');
  for (const char c : text) {
    out_ += c;
    if (c == '\n') out_ += indentation;  // strings in the dump hold no raw newline
  }
}

}  // namespace parley::io
