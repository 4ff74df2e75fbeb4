// parley's one way in to toml++ (Debian 12's 3.3). Its compiled part is built into parley
// (toml_library.cpp) rather than loaded as a shared library, which every process would pay for at
// start-up (docs/speed.md, "Output and start-up").
//
// Two faults of toml++ 3.3 on malformed input are kept away here (docs/reliability.md):
// * a character outside ASCII where its parser looks for white space reaches a
//   __builtin_unreachable; TOML allows such characters only inside strings and comments, so
//   parse_toml rejects any other first, with its line;
// * internal assertions that malformed table headers (`[=]`) fail before the parser reports
//   them. They are compiled out, as in Debian's library (built with NDEBUG), and the parser's own
//   error follows; so are the assumptions NDEBUG turns them into under clang, which would make
//   the same input undefined behaviour.
#pragma once

#define TOML_HEADER_ONLY 0
#define TOML_EXCEPTIONS 1
#define TOML_ASSERT(expr) static_assert(true)
#include <toml++/impl/preprocessor.h>
#undef TOML_ASSERT_ASSUME
#define TOML_ASSERT_ASSUME(expr) static_assert(true)
#include <toml++/toml.h>

#include <string>
#include <string_view>

namespace parley::io {

struct TomlDocument {
  toml::table root;
  int error_line = 0;  // when `error` is set: the line of the first syntax error
  std::string error;   // empty when the text parsed
};

// The text's tables, or its first syntax error; `file` names the text in toml++'s own messages.
TomlDocument parse_toml(std::string_view text, std::string_view file);

}  // namespace parley::io
