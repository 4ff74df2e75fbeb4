// Parity with decide-exchange-model (EqualGainModel, 10 rounds, random tie-breaking off): every
// round's positions and nbs on each issue's own scale, from tests/data/exchange/ (see README).
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "parley/registry.hpp"
#include "readers.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

// (round, issue, actor or "nbs") → value, from the reference TSV.
std::map<std::tuple<int, std::string, std::string>, double> read_reference(const std::string& path) {
  std::map<std::tuple<int, std::string, std::string>, double> values;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string round, issue, who, value;
    std::getline(fields, round, '\t');
    std::getline(fields, issue, '\t');
    std::getline(fields, who, '\t');
    std::getline(fields, value, '\t');
    values[{std::stoi(round), issue, who}] = std::stod(value);
  }
  return values;
}

// The largest deviation from the reference over every value it lists.
double max_deviation(const std::string& name, const std::string& threads = "1") {
  const auto loaded = io::load_scenario(test::source_path("tests/data/exchange/" + name + ".csv"));
  const auto reference = read_reference(test::source_path("tests/data/exchange/" + name + ".equal-gain.10rounds.tsv"));
  const Model* model = Registry::builtin().find("exchange");
  const Forecast forecast = model->run(loaded.scenario, {{"rule", "equal-gain"}, {"rounds", "10"}, {"threads", threads}});
  const Scenario& s = loaded.scenario;
  double worst = 0.0;
  std::size_t compared = 0;
  auto compare = [&](int round, const std::string& issue, const std::string& who, double value) {
    const auto it = reference.find({round, issue, who});
    if (it == reference.end()) {
      ADD_FAILURE() << "not in the reference: " << round << " " << issue << " " << who;
      return;
    }
    worst = std::max(worst, std::abs(value - it->second));
    ++compared;
  };
  for (std::size_t i = 0; i < s.issue_count(); ++i) {
    const IssueForecast& issue = forecast.issues[i];
    compare(10, issue.issue, "nbs", issue.forecast);
    EXPECT_EQ(issue.rounds.size(), 11u);
    for (const RoundPositions& round : issue.rounds)
      for (std::size_t a = 0; a < s.actor_count(); ++a)
        if (s.stance(a, i).present) compare(round.round, issue.issue, s.actors[a].id, round.positions[a]);
    for (int r = 0; r <= 10; ++r) compare(r, issue.issue, "nbs", issue.details["nbs"][static_cast<std::size_t>(r)]);
  }
  // Every reference value was produced: the nbs twice (forecast and details) for the last round.
  EXPECT_EQ(compared, reference.size() + s.issue_count());
  return worst;
}

TEST(ExchangeParity, SampleData) { EXPECT_LT(max_deviation("sample_data"), 1e-6); }

TEST(ExchangeParity, Cop21) { EXPECT_LT(max_deviation("cop21"), 1e-6); }

// Large enough that rounds calculate, recalculate and log exchanges on two threads.
TEST(ExchangeParity, Cop21OnTwoThreads) { EXPECT_LT(max_deviation("cop21", "2"), 1e-6); }

}  // namespace
}  // namespace parley
