// One test per class of input error: each names the file, the line and the field.
#include <filesystem>

#include "readers.hpp"
#include "temp_file.hpp"
#include "test_support.hpp"

namespace parley::io {
namespace {

using test::TempFile;

// The single problem the file has; fails the test when there are more or none.
Diagnostic only_problem(const std::string& extension, const std::string& content) {
  TempFile file(extension, content);
  const auto problems = check_scenario_file(file.path());
  if (problems.size() != 1u) {
    std::string listed;
    for (const auto& p : problems) listed += "\n  " + describe(p);
    ADD_FAILURE() << "expected one problem, found " << problems.size() << ":" << listed;
  }
  if (problems.empty()) return {};
  Diagnostic d = problems.front();
  EXPECT_EQ(d.file, file.path());
  return d;
}

const std::string header = "actor,issue,position,salience,capability\n";

TEST(InputErrors, UnknownActorInToml) {
  const auto d = only_problem(".toml", R"([[actor]]
id = "a"
[[issue]]
id = "x"
[[stance]]
actor = "a"
issue = "x"
position = 1
salience = 1
[[stance]]
actor = "ghost"
issue = "x"
position = 1
salience = 1
)");
  EXPECT_EQ(d.line, 10);
  EXPECT_EQ(d.field, "stance.actor");
  EXPECT_EQ(d.message, "unknown actor 'ghost'");
}

TEST(InputErrors, MissingValue) {
  const auto d = only_problem(".csv", header + "a,x,10,0.5,1\nb,x,,0.5,1\n");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.field, "position");
  EXPECT_EQ(d.message, "missing value");
}

TEST(InputErrors, SalienceOutOfRange) {
  const auto d = only_problem(".toml", R"([[actor]]
id = "a"
[[issue]]
id = "x"
[[stance]]
actor = "a"
issue = "x"
position = 50
salience = 1.5
)");
  EXPECT_EQ(d.line, 5);
  EXPECT_EQ(d.field, "actor 'a', issue 'x', salience");
  EXPECT_EQ(d.message, "salience 1.5 is outside [0, 1]");
}

TEST(InputErrors, PositionOutsideTheScale) {
  const auto d = only_problem(".toml", R"([[actor]]
id = "a"
[[issue]]
id = "x"
min = 0
max = 10
[[stance]]
actor = "a"
issue = "x"
position = 12
salience = 1
)");
  EXPECT_EQ(d.line, 7);
  EXPECT_EQ(d.message, "position 12 is outside the scale [0, 10] of issue 'x'");
}

TEST(InputErrors, DuplicateActorId) {
  const auto d = only_problem(".toml", R"([[actor]]
id = "a"
[[actor]]
id = "a"
[[issue]]
id = "x"
[[stance]]
actor = "a"
issue = "x"
position = 1
salience = 1
)");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.field, "id");
  EXPECT_EQ(d.message, "duplicate actor id 'a'");
}

TEST(InputErrors, DuplicateRecordInCsv) {
  const auto d = only_problem(".csv", header + "a,x,10,0.5,1\na,x,20,0.5,1\n");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.message, "duplicate record (first given on line 2)");
}

TEST(InputErrors, EmptyScenario) {
  TempFile file(".toml", "name = \"nothing\"\n");
  const auto problems = check_scenario_file(file.path());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].message, "the scenario has no actors");
  EXPECT_EQ(problems[1].message, "the scenario has no issues");
}

TEST(InputErrors, EmptyFile) {
  const auto d = only_problem(".csv", "  \n\n");
  EXPECT_EQ(d.line, 0);
  EXPECT_EQ(d.message, "the file is empty");
}

TEST(InputErrors, TextInANumberField) {
  const auto d = only_problem(".csv", header + "a,x,ten,0.5,1\n");
  EXPECT_EQ(d.field, "position");
  EXPECT_EQ(d.message, "'ten' is not a number");
}

TEST(InputErrors, DecimalComma) {
  const auto d = only_problem(".csv", "actor;issue;position;salience\na;x;\"1,5\";0.5\n");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.message, "'1,5' is not a number (decimal comma? write a decimal point)");
}

TEST(InputErrors, NotFinite) {
  const auto d = only_problem(".csv", header + "a,x,nan,0.5,1\n");
  EXPECT_EQ(d.message, "'nan' is not a finite number");
}

TEST(InputErrors, MissingRequiredColumn) {
  const auto d = only_problem(".csv", "actor,issue,position\na,x,1\n");
  EXPECT_EQ(d.line, 1);
  EXPECT_EQ(d.field, "salience");
  EXPECT_EQ(d.message, "required column is missing");
}

TEST(InputErrors, UnknownColumn) {
  const auto d = only_problem(".csv", "actor,issue,position,salience,salence\na,x,1,1,1\n");
  EXPECT_EQ(d.field, "salence");
  EXPECT_EQ(d.message, "unknown column");
}

TEST(InputErrors, UnterminatedQuote) {
  const auto d = only_problem(".csv", header + "\"a,x,1,1,1\n");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.message, "unterminated quoted field");
}

TEST(InputErrors, TomlSyntax) {
  const auto d = only_problem(".toml", "name = \"x\"\n[[actor]\nid = 1\n");
  EXPECT_EQ(d.line, 2);
  EXPECT_FALSE(d.message.empty());
}

TEST(InputErrors, UnknownTomlKey) {
  const auto d = only_problem(".toml", R"([[actor]]
id = "a"
capabilty = 3
[[issue]]
id = "x"
[[stance]]
actor = "a"
issue = "x"
position = 1
salience = 1
)");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.field, "actor.capabilty");
  EXPECT_EQ(d.message, "unknown key");
}

TEST(InputErrors, NotUtf8) {
  const auto d = only_problem(".csv", header + "caf\xE9,x,1,1,1\n");
  EXPECT_EQ(d.message, "the file is not valid UTF-8 text");
}

TEST(InputErrors, KtabActorCountMismatch) {
  const auto d = only_problem(".csv", "T,d,3,1,\nActor,Description,Power,P,S,\nA,a,1,10,50,\nB,b,1,20,50,\n");
  EXPECT_EQ(d.line, 1);
  EXPECT_EQ(d.field, "numActors");
  EXPECT_EQ(d.message, "says 3 actors but the file has 2");
}

TEST(InputErrors, ScaleMinimumNotBelowMaximum) {
  const auto d = only_problem(".toml", R"([[actor]]
id = "a"
[[issue]]
id = "x"
min = 5
max = 5
[[stance]]
actor = "a"
issue = "x"
position = 5
salience = 1
)");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.field, "scale");
  EXPECT_EQ(d.message, "scale minimum 5 must be finite and below maximum 5");
}

TEST(InputErrors, NegativeCapability) {
  const auto d = only_problem(".csv", header + "a,x,1,1,-2\n");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.message, "capability -2 must be a finite number >= 0");
}

TEST(InputErrors, MissingFile) {
  const auto problems = check_scenario_file("/nonexistent/scenario.toml");
  ASSERT_EQ(problems.size(), 1u);
  // The diagnostic names the file once ("file: cannot open the file" when printed).
  EXPECT_EQ(problems[0].file, "/nonexistent/scenario.toml");
  EXPECT_EQ(problems[0].message, "cannot open the file");
}

TEST(InputErrors, DirectoryIsNotAnEmptyFile) {
  const std::string directory = std::filesystem::temp_directory_path().string();
  const auto problems = check_scenario_file(directory);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, directory);
  EXPECT_EQ(problems[0].message, "is a directory, not a file");
}

TEST(InputErrors, EveryProblemIsListed) {
  TempFile file(".csv", header + "a,x,1,2,1\nb,x,,0.5,1\nc,x,1,0.5,zero\n");
  const auto problems = check_scenario_file(file.path());
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[1].line, 3);
  EXPECT_EQ(problems[2].line, 4);
}

}  // namespace
}  // namespace parley::io
