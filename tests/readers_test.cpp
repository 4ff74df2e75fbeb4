// Every reader on small files written here, values checked by hand; the shared data sets when
// they are present.
#include <cmath>
#include <fstream>

#include "parley/registry.hpp"
#include "readers.hpp"
#include "temp_file.hpp"
#include "test_support.hpp"

namespace parley::io {
namespace {

using test::TempFile;

TEST(TomlReader, ReadsActorsIssuesStancesAndProvenance) {
  TempFile file(".toml", R"(# a comment
name = "tiny"
title = "Tiny"

[[actor]]
id = "a"
name = "Actor A"
groups = ["NATO", "EU"]
capability = 2
capability_source = "estimate"

[[actor]]
id = "b"

[[issue]]
id = "x"
label = "Issue X"
min = -10
max = 10
status_quo = 0
outcome = 3
outcome_source = "observed"

[[stance]]
actor = "a"
issue = "x"
position = -5
salience = 0.5
position_source = "quote"

[[stance]]
actor = "b"
issue = "x"
position = 5
salience = 1
capability = 4
)");
  const LoadedScenario loaded = load_scenario(file.path());
  const Scenario& s = loaded.scenario;
  EXPECT_EQ(loaded.format, "toml");
  EXPECT_EQ(s.name, "tiny");
  ASSERT_EQ(s.actor_count(), 2u);
  EXPECT_EQ(s.actors[0].name, "Actor A");
  EXPECT_EQ(s.actors[0].groups, (std::vector<std::string>{"NATO", "EU"}));
  EXPECT_EQ(s.actors[1].name, "b");  // name defaults to the id
  EXPECT_DOUBLE_EQ(s.actors[1].capability, 1.0);  // capability defaults to 1
  ASSERT_EQ(s.issue_count(), 1u);
  EXPECT_DOUBLE_EQ(s.issues[0].scale_min, -10.0);
  EXPECT_EQ(s.issues[0].status_quo, 0.0);
  EXPECT_EQ(s.issues[0].outcome, 3.0);
  EXPECT_EQ(s.stance(0, 0).position_source, "quote");
  EXPECT_DOUBLE_EQ(s.capability(0, 0), 2.0);
  EXPECT_DOUBLE_EQ(s.capability(1, 0), 4.0);  // the per-issue override
  EXPECT_EQ(loaded.lines.stance_lines[1], 31);  // b's [[stance]] header
}

TEST(TidyCsvReader, ReadsRowsAndInfersScales) {
  TempFile file(".csv",
                "actor,issue,position,salience,capability\n"
                "a,x,10,0.5,2\n"
                "b,x,30,1,1\n"
                "a,y,0.2,1,3\n");  // a's capability on y differs: an override
  const Scenario s = load_scenario(file.path()).scenario;
  ASSERT_EQ(s.actor_count(), 2u);
  ASSERT_EQ(s.issue_count(), 2u);
  EXPECT_DOUBLE_EQ(s.issues[0].scale_min, 10.0);
  EXPECT_DOUBLE_EQ(s.issues[0].scale_max, 30.0);
  EXPECT_FALSE(s.stance(1, 1).present);  // b sits issue y out
  EXPECT_DOUBLE_EQ(s.capability(0, 0), 2.0);
  EXPECT_DOUBLE_EQ(s.capability(0, 1), 3.0);
  // Weighted mean on x: (10×1 + 30×1) / 2 = 20.
  const auto f = Registry::builtin().find("weighted-mean")->run(s);
  EXPECT_DOUBLE_EQ(f.issues[0].forecast, 20.0);
}

TEST(TidyCsvReader, SemicolonsBomCrlfAndQuotes) {
  TempFile file(".csv", "\xEF\xBB\xBF" "actor;issue;position;salience\r\n\"Actor; one\";x;1;0.5\r\nb;x;3;0.5\r\n");
  const Scenario s = load_scenario(file.path()).scenario;
  ASSERT_EQ(s.actor_count(), 2u);
  EXPECT_EQ(s.actors[0].id, "Actor; one");
  EXPECT_DOUBLE_EQ(s.stance(1, 0).position, 3.0);
}

TEST(TidyCsvReader, IssueColumnAnywhereAfterActor) {
  // Columns in a spreadsheet's own order: still tidy, read by name (not as a stakeholder table,
  // which would take the file as one issue).
  TempFile file(".csv", "actor,capability,issue,position,salience\na,10,x,50,0.5\nb,5,x,20,0.5\na,10,y,0,0.5\nb,5,y,100,1\n");
  const LoadedScenario loaded = load_scenario(file.path());
  EXPECT_EQ(loaded.format, "csv");
  ASSERT_EQ(loaded.scenario.issue_count(), 2u);
  // Weighted mean on x: (50·10·0.5 + 20·5·0.5) / (5 + 2.5) = 40; on y: (0 + 100·5·1) / (5 + 5) = 50.
  const auto f = Registry::builtin().find("weighted-mean")->run(loaded.scenario);
  EXPECT_DOUBLE_EQ(f.issues[0].forecast, 40.0);
  EXPECT_DOUBLE_EQ(f.issues[1].forecast, 50.0);
}

TEST(StakeholderCsvReader, ReadsPercentSaliencesAndAliases) {
  TempFile file(".csv", "Stakeholder,Resources,Position,Salience\nA,10,20,50\nB,30,80,100\n");
  const Scenario s = load_scenario(file.path()).scenario;
  ASSERT_EQ(s.actor_count(), 2u);
  EXPECT_DOUBLE_EQ(s.stance(0, 0).salience, 0.5);
  EXPECT_DOUBLE_EQ(s.actors[1].capability, 30.0);
  // (20 × 10 × 0.5 + 80 × 30 × 1) / (5 + 30) = 2500 / 35
  const auto f = Registry::builtin().find("weighted-mean")->run(s);
  EXPECT_DOUBLE_EQ(f.issues[0].forecast, 2500.0 / 35.0);
}

TEST(StakeholderCsvReader, EcCarEmissionsWeightedMean) {
  PARLEY_SHARED_FILE(path, "validation/ec_car_emissions.csv");
  const Scenario s = load_scenario(path).scenario;
  ASSERT_EQ(s.actor_count(), 10u);
  // Σ c s x / Σ c s over the published table (Scholz et al. 2011, Table 1), by hand:
  // numerator 0.08·0.8·4 + 0.08·0.4·7 + 0.03·0.2·4 + 0.16·0.8·4 + 0.16·0.6·10 + 0.16·0.6·10
  //   + 0.16·0.9·10 + 0.05·0.1·7 + 0.05·1·4 + 0.08·0.7·7 = 5.003; denominator 0.677.
  const auto f = Registry::builtin().find("weighted-mean")->run(s);
  EXPECT_NEAR(f.issues[0].forecast, 5.003 / 0.677, 1e-12);
  EXPECT_NEAR(f.issues[0].forecast, 7.38996, 5e-6);
}

TEST(KtabCsvReader, ReadsDimensionsAndScalesSaliences) {
  TempFile file(".csv",
                "Tiny,two dims,2,2,\n"
                "Actor,Description,Power,P1,S1,P2,S2,\n"
                "A, First , 10, 20, 40, 80, 60,\n"
                "B,Second,5,70,50,10,50,\n");
  const LoadedScenario loaded = load_scenario(file.path());
  EXPECT_EQ(loaded.format, "ktab");
  const Scenario& s = loaded.scenario;
  ASSERT_EQ(s.actor_count(), 2u);
  ASSERT_EQ(s.issue_count(), 2u);
  EXPECT_EQ(s.issues[1].id, "P2");
  EXPECT_EQ(s.actors[0].name, "First");
  EXPECT_DOUBLE_EQ(s.stance(0, 1).position, 80.0);
  EXPECT_DOUBLE_EQ(s.stance(0, 1).salience, 0.6);
  EXPECT_DOUBLE_EQ(s.actors[1].capability, 5.0);
}

TEST(KtabCsvReader, ReadsTheSharedScenarios) {
  PARLEY_SHARED_FILE(path, "reference/smp/SOE-Pol-Comp.csv");
  const Scenario s = load_scenario(path).scenario;
  EXPECT_EQ(s.actor_count(), 13u);
  EXPECT_EQ(s.issue_count(), 2u);
  EXPECT_DOUBLE_EQ(s.actors[0].capability, 100.0);
  EXPECT_DOUBLE_EQ(s.stance(0, 1).salience, 0.48);
}

TEST(Readers, FlagshipScenarioIsValid) {
  const LoadedScenario loaded = load_scenario(test::source_path("scenarios/ukraine-2025.toml"));
  const Scenario& s = loaded.scenario;
  EXPECT_GE(s.actor_count(), 5u);
  EXPECT_GE(s.issue_count(), 6u);
  for (std::size_t a = 0; a < s.actor_count(); ++a)
    for (std::size_t i = 0; i < s.issue_count(); ++i) {
      const Stance& stance = s.stance(a, i);
      if (!stance.present) continue;
      EXPECT_FALSE(stance.position_source.empty()) << s.actors[a].id << " on " << s.issues[i].id;
      EXPECT_FALSE(stance.salience_source.empty()) << s.actors[a].id << " on " << s.issues[i].id;
    }
  for (const Actor& actor : s.actors) EXPECT_FALSE(actor.capability_source.empty()) << actor.id;
}

TEST(Readers, InputFormatCanBeForced) {
  TempFile file(".txt", "actor,issue,position,salience\na,x,1,1\n");
  EXPECT_EQ(load_scenario(file.path(), {"csv"}).format, "csv");
  EXPECT_THROW((void)load_scenario(file.path(), {"toml"}), InputError);
}

}  // namespace
}  // namespace parley::io
