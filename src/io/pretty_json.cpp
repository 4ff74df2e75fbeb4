#include "pretty_json.hpp"

#include <charconv>
#include <cmath>

namespace parley::io {
namespace {

// Text nlohmann prints between the quotes unchanged: printable ASCII but the quote and backslash.
// No early exit, so the compiler checks many characters at a time: event sentences are long.
bool needs_no_escape(std::string_view text) {
  unsigned char escape = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool outside = static_cast<unsigned char>(byte - 0x20) > 0x5e;  // below 0x20 or above 0x7e
    escape |= static_cast<unsigned char>(outside | (byte == '"') | (byte == '\\'));
  }
  return escape == 0;
}

}  // namespace

void PrettyJson::new_line() {
  out_ += '\n';
  out_.append(2 * empty_.size(), ' ');
}

void PrettyJson::before_item() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;  // the document's root
  if (!empty_.back()) out_ += ',';
  empty_.back() = false;
  new_line();
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
  if (!empty) new_line();
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

// Walks the tree with the writer's own steps, which lay text out as dump(2) does.
void PrettyJson::value(const nlohmann::json& tree) {
  using Type = nlohmann::json::value_t;
  switch (tree.type()) {
    case Type::object:
      begin_object();
      for (const auto& [name, item] : tree.items()) member(name, item);
      end_object();
      return;
    case Type::array:
      begin_array();
      for (const auto& item : tree) value(item);
      end_array();
      return;
    case Type::string:
      value(tree.get_ref<const std::string&>());
      return;
    case Type::number_float:
      value(tree.get<double>());
      return;
    default:  // null, booleans, integers (and binary, which parley never writes)
      before_item();
      out_ += tree.dump();
  }
}

}  // namespace parley::io
