// The malformed-input corpus: every file gets exactly its expected messages and exit code 2.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "test_support.hpp"

namespace parley {
namespace {

const std::string corpus = test::source_path("tests/malformed");

std::string run_in_corpus(const std::string& arguments) {
  const std::string command = "cd '" + corpus + "' && " + PARLEY_BINARY + " " + arguments + " 2>&1; echo \"exit $?\"";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  std::array<char, 4096> buffer{};
  while (pipe && fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
  if (pipe) pclose(pipe);
  return out;
}

// "== name" blocks of expected.txt, each the output of `parley validate name`.
std::map<std::string, std::string> expected_outputs() {
  std::ifstream in(corpus + "/expected.txt");
  std::map<std::string, std::string> blocks;
  std::string line;
  std::string name;
  while (std::getline(in, line)) {
    if (line.rfind("== ", 0) == 0) name = line.substr(3);
    else blocks[name] += line + "\n";
  }
  return blocks;
}

TEST(MalformedCorpus, EveryFileGivesItsExpectedMessages) {
  const auto expected = expected_outputs();
  ASSERT_GE(expected.size(), 50u);
  for (const auto& [name, output] : expected) {
    EXPECT_EQ(run_in_corpus("validate " + name), output) << name;
    EXPECT_NE(output.find("exit 2\n"), std::string::npos) << name;
  }
}

TEST(MalformedCorpus, ForecastRefusesTheSameFiles) {
  for (const auto& [name, output] : expected_outputs()) {
    const std::string out = run_in_corpus("forecast " + name);
    EXPECT_NE(out.find("exit 2\n"), std::string::npos) << name << ": " << out;
    EXPECT_EQ(out.find("Scenario:"), std::string::npos) << name << ": a forecast was printed";
  }
}

TEST(MalformedCorpus, TenMegabyteFileWithOneErrorOnItsLastLine) {
  const std::string path = std::filesystem::temp_directory_path() / "parley_large_test.csv";
  {
    std::ofstream out(path);
    out << "actor,issue,position,salience,capability\n";
    std::size_t lines = 1;
    std::size_t bytes = 0;
    for (int row = 0; bytes < 10'000'000; ++row) {
      std::ostringstream line;
      line << "actor" << row % 5000 << ",issue" << row / 5000 << "," << row % 101 << ",0.5,1\n";
      out << line.str();
      bytes += line.str().size();
      ++lines;
    }
    out << "late,issue0,12;5,0.5,1\n";
    ++lines;
    out.close();
    const std::string command = std::string(PARLEY_BINARY) + " validate " + path + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string result;
    std::array<char, 4096> buffer{};
    while (pipe && fgets(buffer.data(), buffer.size(), pipe)) result += buffer.data();
    const int status = pipe ? pclose(pipe) : -1;
    EXPECT_EQ(WEXITSTATUS(status), 2);
    EXPECT_NE(result.find(path + ":" + std::to_string(lines) + ": position: '12;5' is not a number"), std::string::npos)
        << result.substr(0, 500);
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace parley
