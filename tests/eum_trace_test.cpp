// What the `eum` model tells: events in words, one summary per round, perspective charts, and
// the JSON the CLI writes.
#include <array>
#include <cstdio>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "parley/registry.hpp"
#include "readers.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

Forecast run_eum(const Scenario& s, const ParameterValues& p = {}) {
  return Registry::builtin().find("eum")->run(s, p);
}

Scenario two_issues() { return io::load_scenario(test::source_path("tests/data/eum/two_issues.toml")).scenario; }

TEST(EumTrace, ReplicationRoundOneInWords) {
  const Scenario ec = io::load_scenario(test::source_path("tests/data/eum/ec_car_emissions.csv")).scenario;
  const Forecast f = run_eum(ec, {{"variant", "jmckib"}});
  const auto& events = f.issues.at(0).events;
  ASSERT_GE(events.size(), 4u);
  EXPECT_EQ(events[0].text,
            "France challenges Belgium on ec_car_emissions; Belgium compromises and moves to 8.42 (from 7.0).");
  EXPECT_EQ(events[1].text,
            "Belgium challenges Luxembourg on ec_car_emissions; Luxembourg loses the conflict and moves to 7.0 "
            "(from 4.0).");
  EXPECT_EQ(events[3].kind, "round");
  EXPECT_EQ(events[3].text,
            "Round 1 on ec_car_emissions ends: 3 actors move; the weighted median is 8.42 (mean 7.46).");
}

TEST(EumTrace, EveryRoundOfEveryIssueIsSummarisedWithNames) {
  const Scenario s = two_issues();
  const Forecast f = run_eum(s);
  ASSERT_EQ(f.issues.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& issue = f.issues[i];
    std::set<int> summarised;
    for (const auto& e : issue.events) {
      EXPECT_EQ(e.issues, std::vector<std::string>{s.issues[i].id});
      EXPECT_NE(e.text.find(s.issues[i].label), std::string::npos) << e.text;
      if (e.kind == "round") {
        summarised.insert(e.round);
        continue;
      }
      // "<challenger name> challenges <mover name> on <label>; <mover name> ..."
      const auto& challenger = s.actors[*s.actor_index(e.actors.at(0))].name;
      const auto& mover = s.actors[*s.actor_index(e.actors.at(1))].name;
      EXPECT_EQ(e.text.rfind(challenger + " challenges " + mover + " on " + s.issues[i].label + "; " + mover, 0), 0u)
          << e.text;
      EXPECT_NE(e.actors.at(1), "west") << "Westland has no stance on trade";
    }
    EXPECT_EQ(summarised.size(), issue.rounds.size() - 1) << "one summary per round played";
  }
}

TEST(EumTrace, PerspectivesChartEveryPair) {
  const Forecast f = run_eum(two_issues());
  const auto& trade = f.issues.at(1).details.at("perspectives");
  EXPECT_EQ(trade.at("round"), 1);
  ASSERT_EQ(trade.at("actors").size(), 3u);  // the three actors present on trade
  for (const auto& actor : trade.at("actors")) {
    ASSERT_EQ(actor.at("others").size(), 2u);
    for (const auto& other : actor.at("others")) {
      EXPECT_TRUE(other.at("eu_i_challenges_j").is_number());
      EXPECT_TRUE(other.at("eu_j_challenges_i").is_number());
    }
  }
}

TEST(EumTrace, CliJsonCarriesRoundsEventsAndParameters) {
  const std::string command = std::string(PARLEY_BINARY) + " forecast " +
                              test::source_path("tests/data/eum/two_issues.toml") +
                              " --model eum --variant masad2014 --rounds 3 --format json";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  ASSERT_TRUE(pipe);
  std::string text;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0;) text.append(buffer.data(), n);
  const auto json = nlohmann::json::parse(text);
  EXPECT_EQ(json.at("parameters").at("variant"), "masad2014");
  const auto& border = json.at("issues").at(0);
  EXPECT_LE(border.at("rounds").size(), 4u);
  EXPECT_EQ(border.at("rounds").at(0).at("round"), 0);
  EXPECT_EQ(border.at("rounds").at(0).at("positions").at("north"), 10.0);
  EXPECT_TRUE(border.at("events").is_array());
  EXPECT_FALSE(json.at("issues").at(1).at("rounds").at(0).at("positions").contains("west"));
}

}  // namespace
}  // namespace parley
