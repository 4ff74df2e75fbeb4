// Parity of the `eum` variants with the outputs of the two Python replications on the EC
// car-emission data (tests/data/eum/README.md names the sources). The data goes through the
// real stakeholder-CSV reader, which infers the scale 4–10 from the positions.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "eum/eum.hpp"
#include "parley/registry.hpp"
#include "readers.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

struct ReferenceRun {
  std::vector<std::string> columns;          // actors, then mean and median
  std::vector<std::vector<double>> rows;     // row t: the state after t rounds
  std::vector<std::string> comments;         // every other line, in order
};

ReferenceRun read_reference(const std::string& file) {
  std::ifstream in(test::source_path("tests/data/eum/" + file));
  EXPECT_TRUE(in.good()) << file;
  ReferenceRun run;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
    if (fields.front() == "round") {
      run.columns.assign(fields.begin() + 1, fields.end());
    } else if (std::isdigit(static_cast<unsigned char>(line.front())) && fields.size() > 1) {
      std::vector<double> row;
      for (std::size_t f = 1; f < fields.size(); ++f) row.push_back(std::stod(fields[f]));
      run.rows.push_back(row);
    } else {
      run.comments.push_back(line);
    }
  }
  return run;
}

std::map<std::string, double> named_values(const std::string& line) {
  std::map<std::string, double> values;
  const std::regex pair(R"((\w+)=([-\d.]+))");
  for (std::sregex_iterator it(line.begin(), line.end(), pair), end; it != end; ++it)
    values[(*it)[1]] = std::stod((*it)[2]);
  return values;
}

const std::string& comment_starting(const ReferenceRun& run, const std::string& prefix) {
  for (const auto& line : run.comments)
    if (line.rfind(prefix, 0) == 0) return line;
  static const std::string none;
  ADD_FAILURE() << "no comment line starting '" << prefix << "'";
  return none;
}

struct ModelRun {
  Scenario scenario;
  IssueForecast issue;
};

ModelRun run_eum(const std::string& variant) {
  ModelRun run{io::load_scenario(test::source_path("tests/data/eum/ec_car_emissions.csv")).scenario, {}};
  const Model* model = Registry::builtin().find("eum");
  EXPECT_NE(model, nullptr);
  run.issue = model->run(run.scenario, {{"variant", variant}, {"rounds", "10"}}).issues.at(0);
  return run;
}

// round t's model values in the reference's column order: actors, mean, median.
std::vector<double> model_row(const ModelRun& run, const ReferenceRun& reference, std::size_t t) {
  std::vector<double> row;
  for (std::size_t c = 0; c + 2 < reference.columns.size(); ++c) {
    const auto actor = run.scenario.actor_index(reference.columns[c]);
    EXPECT_TRUE(actor.has_value()) << reference.columns[c];
    row.push_back(run.issue.rounds.at(t).positions.at(actor.value_or(0)));
  }
  const auto& summary = run.issue.details.at("summary").at(t);
  row.push_back(summary.at("mean").get<double>());
  row.push_back(summary.at("median").get<double>());
  return row;
}

double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

std::vector<const Event*> moves_in(const IssueForecast& issue) {
  std::vector<const Event*> moves;
  for (const auto& event : issue.events)
    if (event.kind != "round") moves.push_back(&event);
  return moves;
}

double value_of(const Event& event, const std::string& name) {
  for (const auto& [key, value] : event.values)
    if (key == name) return value;
  ADD_FAILURE() << "event without value " << name;
  return 0.0;
}

// Runs `variant` and hands every cell of every round (positions, mean, median) to `check` with
// the reference value; returns the largest |difference|.
template <typename Check>
double compare_rounds(const std::string& variant, const std::string& file, Check check) {
  const ReferenceRun reference = read_reference(file);
  const ModelRun run = run_eum(variant);
  EXPECT_EQ(reference.rows.size(), 11u);
  EXPECT_EQ(run.issue.rounds.size(), reference.rows.size());
  double worst = 0.0;
  for (std::size_t t = 0; t < std::min(reference.rows.size(), run.issue.rounds.size()); ++t) {
    const auto mine = model_row(run, reference, t);
    for (std::size_t c = 0; c < mine.size(); ++c) {
      check(mine[c], reference.rows[t][c], "round " + std::to_string(t) + ", " + reference.columns[c]);
      worst = std::max(worst, std::abs(mine[c] - reference.rows[t][c]));
    }
  }
  return worst;
}

TEST(EumParity, JmckibMatchesEveryPositionMeanAndMedianTo1e9) {
  const double worst = compare_rounds("jmckib", "jmckib_ec_car_emissions_10rounds.tsv",
                                      [](double mine, double reference, const std::string& where) {
                                        EXPECT_NEAR(mine, reference, 1e-9) << where;
                                      });
  std::printf("jmckib: max |deviation| over 10 rounds = %.3g\n", worst);
}

TEST(EumParity, JmckibRoundOneRiskExponents) {
  const ReferenceRun reference = read_reference("jmckib_ec_car_emissions_10rounds.tsv");
  const ModelRun run = run_eum("jmckib");
  const auto expected = named_values(comment_starting(reference, "# r (risk exponents) at round 1"));
  const auto& risk = run.issue.details.at("risk_exponents").at(0);
  ASSERT_EQ(risk.at("round").get<int>(), 1);
  ASSERT_EQ(expected.size(), 10u);
  for (const auto& [actor, r] : expected) EXPECT_NEAR(risk.at("risk").at(actor).get<double>(), r, 1e-9) << actor;
}

TEST(EumParity, JmckibAcceptsTheSameOffers) {
  const ReferenceRun reference = read_reference("jmckib_ec_car_emissions_10rounds.tsv");
  const ModelRun run = run_eum("jmckib");
  const std::regex offer(R"(#\s+r(\d+) (\w+) (\w+) (\w+) -> ([-\d.]+) \(eu_ij=([-\d.]+) eu_ji=([-\d.]+)\))");
  const auto moves = moves_in(run.issue);
  std::size_t m = 0;
  for (const auto& line : reference.comments) {
    std::smatch match;
    if (!std::regex_match(line, match, offer)) continue;
    ASSERT_LT(m, moves.size()) << line;
    const Event& event = *moves[m++];
    EXPECT_EQ(event.round, std::stoi(match[1])) << line;
    EXPECT_EQ(event.actors.at(1), match[2].str()) << line;  // the mover
    EXPECT_EQ(event.kind, match[3].str()) << line;
    EXPECT_EQ(event.actors.at(0), match[4].str()) << line;  // the partner it moves to
    EXPECT_NEAR(value_of(event, "to"), std::stod(match[5]), 1e-9) << line;
    EXPECT_NEAR(value_of(event, "eu_mover"), std::stod(match[6]), 1e-9) << line;
    EXPECT_NEAR(value_of(event, "eu_challenger"), std::stod(match[7]), 1e-9) << line;
  }
  EXPECT_EQ(m, 30u);
  EXPECT_EQ(moves.size(), m);
}

// Round 1, before anyone moves: E(U_ij) from i's perspective at 5 decimals, r at 4.
TEST(EumParity, JmckibRoundOneExpectedUtilityMatrix) {
  std::ifstream in(test::source_path("tests/data/eum/jmckib_ec_car_emissions_round1_matrices.tsv"));
  std::vector<std::vector<std::string>> table;
  std::string section;
  std::vector<double> risk;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
    if (fields.front() == "P" || fields.front() == "EU") section = fields.front();
    else if (fields.front() == "r") {
      for (std::size_t f = 1; f < fields.size(); ++f) risk.push_back(std::stod(fields[f]));
    }
    else if (section == "EU") table.emplace_back(fields.begin() + 1, fields.end());
  }
  const Scenario s = io::load_scenario(test::source_path("tests/data/eum/ec_car_emissions.csv")).scenario;
  const IssueData data = issue_data(s, 0);
  eum::Bargaining bargaining(data.positions, data.saliences, data.capabilities, 6.0, eum::variant_options("jmckib"));
  bargaining.assess();
  ASSERT_EQ(table.size(), 10u);
  ASSERT_EQ(risk.size(), 10u);
  for (std::size_t i = 0; i < 10; ++i) {
    EXPECT_NEAR(bargaining.risk()[i], risk[i], 0.5e-4 + 1e-12) << i;
    for (std::size_t j = 0; j < 10; ++j)
      if (i != j) {
        EXPECT_NEAR(bargaining.expected_utility(i, i, j), std::stod(table[i][j]), 0.5e-5 + 1e-12) << i << "," << j;
      }
  }
}

TEST(EumParity, Masad2014MatchesEveryPrintedFigure) {
  const double worst = compare_rounds("masad2014", "masad2014_ec_car_emissions_10rounds.tsv",
                                      [](double mine, double reference, const std::string& where) {
                                        EXPECT_EQ(round_to(mine, 4), reference) << where;
                                      });
  EXPECT_LE(worst, 0.5e-4);
  std::printf("masad2014: max |deviation| from the 4-decimal print = %.3g\n", worst);
}

TEST(EumParity, Masad2014EventsAndRiskExponents) {
  const ReferenceRun reference = read_reference("masad2014_ec_car_emissions_10rounds.tsv");
  const ModelRun run = run_eum("masad2014");
  const std::map<std::string, std::string> verbs{
      {"confrontation", "loses confrontation to"}, {"compromise", "compromises with"}, {"capitulation", "capituates to"}};
  std::vector<std::string> expected;
  int round = 0;
  for (const auto& line : reference.comments) {
    std::smatch match;
    if (std::regex_match(line, match, std::regex(R"(# round (\d+) events:)"))) round = std::stoi(match[1]);
    else if (line.front() != '#') expected.push_back(std::to_string(round) + " " + line);
  }
  std::vector<std::string> mine;
  for (const Event* e : moves_in(run.issue))
    mine.push_back(std::to_string(e->round) + " " + e->actors.at(1) + " " + verbs.at(e->kind) + " " + e->actors.at(0));
  EXPECT_EQ(mine, expected);
  EXPECT_EQ(mine.size(), 20u);

  const auto r = named_values(comment_starting(reference, "# r at round 1"));
  const auto& risk = run.issue.details.at("risk_exponents").at(0).at("risk");
  ASSERT_EQ(r.size(), 10u);
  for (const auto& [actor, value] : r) EXPECT_EQ(round_to(risk.at(actor).get<double>(), 3), value) << actor;
}

}  // namespace
}  // namespace parley
