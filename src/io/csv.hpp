// Delimited text as spreadsheets export it: quoted fields, BOM, CRLF, comma/semicolon/tab.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace parley::io {

struct CsvRow {
  int line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

struct CsvDialect {
  char delimiter = ',';
  char quote = '"';
};

// A quoted field that never ends.
class CsvError : public std::runtime_error {
 public:
  CsvError(int line, const std::string& message) : std::runtime_error(message), line_(line) {}
  [[nodiscard]] int line() const { return line_; }

 private:
  int line_;
};

// Splits text into rows. Fields are trimmed of surrounding blanks; blank lines are skipped.
// A leading UTF-8 byte-order mark is dropped. Throws CsvError on an unterminated quote.
[[nodiscard]] std::vector<CsvRow> parse_csv(std::string_view text, CsvDialect dialect);

// The delimiter the first non-blank line most likely uses: tab, semicolon or comma.
[[nodiscard]] char guess_delimiter(std::string_view text);

// A strict number: optional blanks, then a decimal number that fills the field. NaN, infinity,
// and trailing text are rejected. On failure, `why` says what is wrong (e.g. a decimal comma).
[[nodiscard]] std::optional<double> parse_number(std::string_view field, std::string* why = nullptr);

[[nodiscard]] std::string lowercase(std::string_view text);
[[nodiscard]] std::string_view trim(std::string_view text);
[[nodiscard]] std::string_view strip_bom(std::string_view text);

// A file that cannot be read: what() is "path: reason", reason() the reason alone.
class FileError : public std::runtime_error {
 public:
  FileError(const std::string& path, const std::string& reason) : std::runtime_error(path + ": " + reason), reason_(reason) {}
  [[nodiscard]] const std::string& reason() const { return reason_; }

 private:
  std::string reason_;
};

// The whole file; throws FileError.
[[nodiscard]] std::string read_file(const std::string& path);

// The UTF-8 sequence starting at text[k]: its code point and length in bytes; nothing when the
// bytes there are not UTF-8.
struct Utf8Character {
  char32_t code_point = 0;
  std::size_t length = 0;
};
[[nodiscard]] std::optional<Utf8Character> utf8_character(std::string_view text, std::size_t k);

// True when the text is valid UTF-8.
[[nodiscard]] bool is_utf8(std::string_view text);

}  // namespace parley::io

namespace parley::io {
// The fields of the first non-blank row, or none when it cannot be split (for format guessing).
[[nodiscard]] std::vector<std::string> first_row_fields(std::string_view text);
}  // namespace parley::io
