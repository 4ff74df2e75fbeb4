// The "decide" reader: decide-exchange-model's #A/#P/#M/#D input format.
#include "readers.hpp"
#include "temp_file.hpp"
#include "test_support.hpp"

namespace parley::io {
namespace {

using test::TempFile;

TEST(DecideReader, ReadsTheCop21Data) {
  const auto loaded = load_scenario(test::source_path("tests/data/exchange/cop21.csv"));
  const Scenario& s = loaded.scenario;
  EXPECT_EQ(loaded.format, "decide");
  ASSERT_EQ(s.actor_count(), 15u);
  ASSERT_EQ(s.issue_count(), 13u);
  EXPECT_EQ(s.actors[0].id, "African_grp");
  EXPECT_EQ(s.issues[0].id, "differentiation");
  int absent = 0;
  for (std::size_t a = 0; a < s.actor_count(); ++a)
    for (std::size_t i = 0; i < s.issue_count(); ++i) absent += s.stance(a, i).present ? 0 : 1;
  EXPECT_EQ(absent, 14);  // 15 × 13 = 195 pairs, 181 #D rows
  const auto african = *s.actor_index("African_grp");
  EXPECT_DOUBLE_EQ(s.stance(african, 0).position, 70.0);
  EXPECT_DOUBLE_EQ(s.stance(african, 0).salience, 0.75);
  EXPECT_DOUBLE_EQ(s.capability(african, 0), 0.25);
}

TEST(DecideReader, IssueScaleFromBounds) {
  const auto s = load_scenario(test::source_path("tests/data/exchange/sample_data.csv")).scenario;
  const auto toll = *s.issue_index("tol-hoogte");
  EXPECT_DOUBLE_EQ(s.issues[toll].scale_min, 0.5);
  EXPECT_DOUBLE_EQ(s.issues[toll].scale_max, 7.0);
}

TEST(DecideReader, SemicolonsUnquotedFieldsAndPowerPerIssue) {
  TempFile file(".csv",
                "#/;a comment line\n#A;a;Actor A\n#A;b;Actor B\n#P;x;Issue x\n#P;y;Issue y\n"
                "#M;y;10\n#M;y;-10\n#D;a;x;20;0.5;2\n#D;a;y;'5';0.25;3\n#D;b;x;80;1;1\n");
  const auto loaded = load_scenario(file.path());
  const Scenario& s = loaded.scenario;
  EXPECT_EQ(loaded.format, "decide");
  EXPECT_EQ(s.actors[0].name, "Actor A");
  EXPECT_DOUBLE_EQ(s.issues[0].scale_min, 0.0);  // no #M rows: 0–100
  EXPECT_DOUBLE_EQ(s.issues[0].scale_max, 100.0);
  EXPECT_DOUBLE_EQ(s.issues[1].scale_min, -10.0);
  EXPECT_DOUBLE_EQ(s.issues[1].scale_max, 10.0);
  EXPECT_DOUBLE_EQ(s.capability(0, 0), 2.0);
  EXPECT_DOUBLE_EQ(s.capability(0, 1), 3.0);  // a power that differs by issue overrides
  EXPECT_DOUBLE_EQ(s.stance(0, 1).position, 5.0);
  EXPECT_FALSE(s.stance(1, 1).present);  // no #D row: b sits issue y out
}

TEST(DecideReader, ProblemsNameLineAndField) {
  TempFile file(".csv",
                "'#A'\t'a'\n'#P'\t'x'\n'#D'\t'a'\t'x'\t50\tlots\t1\n'#D'\t'ghost'\t'x'\t50\t0.5\t1\n"
                "'#D'\t'a'\t'nowhere'\t50\t0.5\t1\n");
  const auto problems = check_scenario_file(file.path());
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].line, 3);
  EXPECT_EQ(problems[0].field, "salience");
  EXPECT_EQ(problems[1].line, 4);
  EXPECT_EQ(problems[1].field, "actor id");
  EXPECT_EQ(problems[1].message, "actor 'ghost' has no #A row");
  EXPECT_EQ(problems[2].line, 5);
  EXPECT_EQ(problems[2].field, "issue id");
}

TEST(DecideReader, DuplicateDataRowIsRejected) {
  TempFile file(".csv", "'#A'\t'a'\n'#P'\t'x'\n'#D'\t'a'\t'x'\t50\t0.5\t1\n'#D'\t'a'\t'x'\t40\t0.5\t1\n");
  const auto problems = check_scenario_file(file.path());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 4);
}

}  // namespace
}  // namespace parley::io
