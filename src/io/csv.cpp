#include "csv.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace parley::io {

std::string_view strip_bom(std::string_view text) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  return text.substr(0, 3) == bom ? text.substr(3) : text;
}

std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

std::string lowercase(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

namespace {

class CsvParser {
 public:
  CsvParser(std::string_view text, CsvDialect dialect) : text_(strip_bom(text)), dialect_(dialect) {}

  std::vector<CsvRow> rows() {
    std::vector<CsvRow> result;
    while (position_ < text_.size()) {
      CsvRow row = next_row();
      const bool blank = std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& f) { return f.empty(); });
      if (!blank) result.push_back(std::move(row));
    }
    return result;
  }

 private:
  CsvRow next_row() {
    CsvRow row{line_, {}};
    std::string field;
    bool quoted = false;  // the current field was quoted: keep its blanks
    while (position_ < text_.size()) {
      const char c = text_[position_++];
      if (c == dialect_.quote && trim(field).empty() && !quoted) {
        field = read_quoted(row.line);
        quoted = true;
      } else if (c == dialect_.delimiter) {
        row.fields.push_back(finish(field, quoted));
        quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && position_ < text_.size() && text_[position_] == '\n') ++position_;
        ++line_;
        break;
      } else {
        field += c;
      }
    }
    row.fields.push_back(finish(field, quoted));
    return row;
  }

  std::string read_quoted(int start_line) {
    std::string value;
    while (position_ < text_.size()) {
      const char c = text_[position_++];
      if (c == dialect_.quote) {
        if (position_ < text_.size() && text_[position_] == dialect_.quote) {
          value += c;
          ++position_;
          continue;
        }
        return value;
      }
      if (c == '\n') ++line_;
      value += c;
    }
    throw CsvError(start_line, "unterminated quoted field");
  }

  static std::string finish(std::string& field, bool quoted) {
    std::string result = quoted ? field : std::string(trim(field));
    field.clear();
    return result;
  }

  std::string_view text_;
  CsvDialect dialect_;
  std::size_t position_ = 0;
  int line_ = 1;
};

}  // namespace

std::vector<CsvRow> parse_csv(std::string_view text, CsvDialect dialect) { return CsvParser(text, dialect).rows(); }

char guess_delimiter(std::string_view text) {
  text = strip_bom(text);
  std::string_view first = text.substr(0, text.find('\n'));
  const std::array<char, 3> candidates{'\t', ';', ','};
  char best = ',';
  std::ptrdiff_t best_count = 0;
  for (char candidate : candidates) {
    const auto count = std::count(first.begin(), first.end(), candidate);
    if (count > best_count) {
      best = candidate;
      best_count = count;
    }
  }
  return best;
}

std::optional<double> parse_number(std::string_view field, std::string* why) {
  const auto fail = [&](std::string reason) -> std::optional<double> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  field = trim(field);
  if (field.empty()) return fail("missing value");
  if (field.front() == '+') field.remove_prefix(1);
  const std::string lower = lowercase(field);
  if (lower.find("nan") != std::string::npos || lower.find("inf") != std::string::npos)
    return fail("'" + std::string(field) + "' is not a finite number");
  double value = 0.0;
  auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error == std::errc::result_out_of_range) return fail("'" + std::string(field) + "' is out of range");
  if (error != std::errc{} || end != field.data() + field.size()) {
    if (field.find(',') != std::string_view::npos)
      return fail("'" + std::string(field) + "' is not a number (decimal comma? write a decimal point)");
    return fail("'" + std::string(field) + "' is not a number");
  }
  if (!std::isfinite(value)) return fail("'" + std::string(field) + "' is not a finite number");
  return value;
}

std::string read_file(const std::string& path) {
  // A directory opens as a stream that reads nothing: it would pass for an empty file.
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw FileError(path, "is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path, "cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw FileError(path, "cannot read the file");
  return buffer.str();
}

std::optional<Utf8Character> utf8_character(std::string_view text, std::size_t k) {
  const auto lead = static_cast<unsigned char>(text[k]);
  std::size_t extra = 0;
  if (lead < 0x80) extra = 0;
  else if ((lead >> 5) == 0x6) extra = 1;
  else if ((lead >> 4) == 0xE) extra = 2;
  else if ((lead >> 3) == 0x1E) extra = 3;
  else return std::nullopt;
  if (k + extra >= text.size() && extra > 0) return std::nullopt;
  char32_t code_point = lead & (0x7Fu >> extra);
  for (std::size_t e = 1; e <= extra; ++e) {
    const auto next = static_cast<unsigned char>(text[k + e]);
    if ((next >> 6) != 0x2) return std::nullopt;
    code_point = (code_point << 6) | (next & 0x3Fu);
  }
  return Utf8Character{code_point, extra + 1};
}

bool is_utf8(std::string_view text) {
  for (std::size_t k = 0; k < text.size();) {
    const auto character = utf8_character(text, k);
    if (!character) return false;
    k += character->length;
  }
  return true;
}

}  // namespace parley::io

namespace parley::io {
std::vector<std::string> first_row_fields(std::string_view text) {
  text = strip_bom(text);
  while (!text.empty() && trim(text.substr(0, text.find('\n'))).empty() && text.find('\n') != std::string_view::npos)
    text.remove_prefix(text.find('\n') + 1);
  try {
    auto rows = parse_csv(text.substr(0, text.find('\n')), {guess_delimiter(text), '"'});
    if (!rows.empty()) return rows.front().fields;
  } catch (const std::exception&) {
  }
  return {};
}
}  // namespace parley::io
