// Runs a shell command and captures what it prints, for the end-to-end tests.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

namespace parley::test {

struct CommandResult {
  int exit_code;
  std::string out;  // standard output (and standard error when the command redirects it)
};

inline CommandResult run_shell(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr) << command;
  std::string out;
  std::array<char, 4096> buffer{};
  while (pipe && fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
  const int status = pipe ? pclose(pipe) : -1;
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// The parley binary with these arguments; standard error joins standard output.
inline CommandResult run_parley(const std::string& arguments) {
  return run_shell(std::string(PARLEY_BINARY) + " " + arguments + " 2>&1");
}

inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace parley::test
