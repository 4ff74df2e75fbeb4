// The parley binary end to end: what the README promises a user sees.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "temp_file.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

struct Result {
  int exit_code;
  std::string out;  // standard output and standard error together
};

Result run(const std::string& arguments) {
  const std::string command = std::string(PARLEY_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  std::string out;
  std::array<char, 4096> buffer{};
  while (pipe && fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
  const int status = pipe ? pclose(pipe) : -1;
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

TEST(Cli, FlagshipForecastHasOneRowPerIssue) {
  const Result r = run("forecast --model weighted-mean");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  for (const char* label : {"NATO membership for Ukraine", "Territory", "Security guarantee", "US troops in Ukraine",
                            "Europe's share of future aid", "Economic pressure on Russia"})
    EXPECT_NE(r.out.find(label), std::string::npos) << label;
}

TEST(Cli, AllModelsAsJson) {
  const Result r = run("forecast --model all --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json.at("scenario"), "ukraine-2025");
  ASSERT_GE(json.at("forecasts").size(), 4u);
  for (const auto& forecast : json.at("forecasts")) {
    EXPECT_TRUE(forecast.at("model").is_string());
    ASSERT_EQ(forecast.at("issues").size(), 6u);
    for (const auto& issue : forecast.at("issues")) {
      EXPECT_TRUE(issue.at("issue").is_string());
      EXPECT_TRUE(issue.at("forecast").is_number());
    }
  }
}

// Determinism: the same command gives the same bytes, events and rounds included.
TEST(Cli, TwoRunsGiveIdenticalBytes) {
  const Result first = run("forecast --model all --format json");
  const Result second = run("forecast --model all --format json");
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_EQ(first.out, second.out);
}

// Input actor order: the EC car emissions table read top-down and bottom-up gives every model's
// forecast up to the order of floating-point sums (1e-9 of the scale). The exchange model needs
// two issues to trade (here it forecasts the weighted mean), and smp's final grouping radius
// does not come into play on this file (docs/reliability.md, "Determinism").
TEST(Cli, ReversedActorOrderGivesTheSameForecasts) {
  std::ifstream in(test::source_path("tests/data/eum/ec_car_emissions.csv"));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::string reversed = lines.front() + "\n";
  for (auto line = lines.rbegin(); line + 1 != lines.rend(); ++line) reversed += *line + "\n";
  const test::TempFile file(".csv", reversed);
  const Result top_down = run("forecast " + test::source_path("tests/data/eum/ec_car_emissions.csv") +
                              " --model all --format json");
  const Result bottom_up = run("forecast " + file.path() + " --model all --format json");
  ASSERT_EQ(top_down.exit_code, 0) << top_down.out;
  ASSERT_EQ(bottom_up.exit_code, 0) << bottom_up.out;
  const auto a = nlohmann::json::parse(top_down.out).at("forecasts");
  const auto b = nlohmann::json::parse(bottom_up.out).at("forecasts");
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t m = 0; m < a.size(); ++m)
    EXPECT_NEAR(a[m].at("issues")[0].at("forecast").get<double>(), b[m].at("issues")[0].at("forecast").get<double>(),
                1e-9 * 10)
        << a[m].at("model");
}

TEST(Cli, EcCarEmissionsWeightedMean) {
  PARLEY_SHARED_FILE(path, "validation/ec_car_emissions.csv");
  const Result r = run("forecast " + path + " --model weighted-mean");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("7.38996"), std::string::npos) << r.out;
}

TEST(Cli, ValidateListsEveryProblemAndExitsTwo) {
  test::TempFile file(".csv", "actor,issue,position,salience\na,x,1,2\nb,x,oops,0.5\n");
  const Result r = run("validate " + file.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find(file.path() + ":2: actor 'a', issue 'x', salience: salience 2 is outside [0, 1]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(file.path() + ":3: position: 'oops' is not a number"), std::string::npos) << r.out;
}

TEST(Cli, ValidateAcceptsTheFlagship) {
  const Result r = run("validate " + test::source_path("scenarios/ukraine-2025.toml"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST(Cli, ForecastOfABadFileExitsTwo) {
  test::TempFile file(".csv", "actor,issue,position,salience\na,x,1,2\n");
  const Result r = run("forecast " + file.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("salience 2 is outside [0, 1]"), std::string::npos) << r.out;
}

TEST(Cli, UnknownModelIsAUsageError) {
  const Result r = run("forecast --model oracle");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("unknown model 'oracle'"), std::string::npos) << r.out;
}

TEST(Cli, CountsAndSeedsAreWholeNumbersInRange) {
  // Each refused before any work, with the option and its range; "-1" once became 2^64 - 1.
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"sensitivity --model mean --draws 0", "--draws: '0' is not a whole number from 1 to 10000000"},
      {"sensitivity --model mean --draws -3", "--draws: '-3' is not a whole number from 1 to 10000000"},
      {"sensitivity --model mean --draws 1e3", "--draws: '1e3' is not a whole number"},
      {"sensitivity --model mean --seed -1", "--seed: '-1' is not a whole number from 0 to 18446744073709551615"},
      {"sensitivity --model mean --seed 18446744073709551616", "--seed: '18446744073709551616' is not a whole number"},
      {"sensitivity --model mean --threads -1", "--threads: '-1' is not a whole number from 0 to 1024"},
      {"score --model mean --bootstrap-draws 0 x.csv", "--bootstrap-draws: '0' is not a whole number from 1 to 1000000"},
      {"score --model mean --bootstrap-seed -5 x.csv", "--bootstrap-seed: '-5' is not a whole number"},
  };
  for (const auto& [arguments, message] : refused) {
    const Result r = run(arguments);
    EXPECT_EQ(r.exit_code, 2) << arguments << "\n" << r.out;
    EXPECT_NE(r.out.find(message), std::string::npos) << arguments << "\n" << r.out;
  }
  const Result largest_seed = run("sensitivity --model mean --draws 3 --seed 18446744073709551615 --format csv");
  EXPECT_EQ(largest_seed.exit_code, 0) << largest_seed.out;
}

TEST(Cli, ScoreWithoutObservedOutcomesIsAnError) {
  // The flagship has no outcomes: its errors would be empty means, once printed as 0.00.
  const Result r = run("score " + std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine-2025.toml");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("ukraine-2025.toml: outcome: no issue has an observed outcome, so there is nothing to score"),
            std::string::npos)
      << r.out;
}

TEST(Cli, ReportTakesTheSensitivityCommandsOutput) {
  const test::TempFile sensitivity(".json", "");
  const test::TempFile other(".json", "");
  const test::TempFile html(".html", "");
  ASSERT_EQ(run("sensitivity --model mean,nash --draws 20 --format json -o " + sensitivity.path()).exit_code, 0);
  const Result r = run("report --model mean,nash --sensitivity " + sensitivity.path() + " -o " + html.path());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::ifstream page(html.path());
  const std::string text((std::istreambuf_iterator<char>(page)), std::istreambuf_iterator<char>());
  for (int issue = 1; issue <= 6; ++issue)
    EXPECT_NE(text.find("chart-" + std::to_string(issue) + "-sensitivity"), std::string::npos) << issue;
  // A file of another scenario, or not of the command at all, is refused rather than ignored.
  const test::TempFile csv(".csv", "actor,issue,position,salience\na,x,10,0.5\nb,x,30,0.5\n");
  ASSERT_EQ(run("sensitivity " + csv.path() + " --model mean --draws 5 --format json -o " + other.path()).exit_code, 0);
  const Result mismatched = run("report --sensitivity " + other.path() + " -o " + html.path());
  EXPECT_EQ(mismatched.exit_code, 2);
  EXPECT_NE(mismatched.out.find("not 'ukraine-2025'"), std::string::npos) << mismatched.out;
  const test::TempFile empty_object(".json", "{}");
  EXPECT_EQ(run("report --sensitivity " + empty_object.path() + " -o " + html.path()).exit_code, 2);
  const Result unknown_actor = run("report --perspective nobody -o " + html.path());
  EXPECT_EQ(unknown_actor.exit_code, 2);
  EXPECT_NE(unknown_actor.out.find("no actor 'nobody'"), std::string::npos) << unknown_actor.out;
}

TEST(Cli, ParameterNoSelectedModelHasIsAUsageError) {
  const Result typo = run("forecast --model all -p rouds=3");
  EXPECT_EQ(typo.exit_code, 2) << typo.out;
  EXPECT_NE(typo.out.find("--param: none of the models has a parameter 'rouds'"), std::string::npos) << typo.out;
  const Result named = run("sensitivity --model mean,nash --rounds 3 --draws 3");
  EXPECT_EQ(named.exit_code, 2) << named.out;
  EXPECT_NE(named.out.find("--rounds: none of the models has a parameter 'rounds'"), std::string::npos) << named.out;
  // Declared by one of them: it goes to that one, as before.
  EXPECT_EQ(run("forecast --model mean,eum --rounds 3").exit_code, 0);
  // A value the model itself refuses is bad input too (exit 2, not 1).
  const Result refused = run("forecast --model eum -p rounds=-1");
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_NE(refused.out.find("parameter 'rounds' must be 0 or more"), std::string::npos) << refused.out;
}

TEST(Cli, TuneListsEveryValue) {
  const std::string score = "score " + test::source_path("tests/data/scoring/known.csv") + " --model eum --tune ";
  for (const std::string spec : {"rounds=", "rounds=1,,2", "rounds=1,"}) {
    const Result r = run(score + "'" + spec + "'");
    EXPECT_EQ(r.exit_code, 2) << spec << "\n" << r.out;
    EXPECT_NE(r.out.find("--tune: '" + spec + "' lists an empty value"), std::string::npos) << r.out;
  }
  const Result tuned = run(score + "rounds=1,2");
  EXPECT_EQ(tuned.exit_code, 0) << tuned.out;
  EXPECT_NE(tuned.out.find("the setting with the lowest MAE"), std::string::npos) << tuned.out;
}

TEST(Cli, SeveralModelsSeparatedByCommas) {
  const Result r = run("forecast --model weighted-median,eum,weighted-median --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto forecasts = nlohmann::json::parse(r.out).at("forecasts");
  ASSERT_EQ(forecasts.size(), 2u);  // in the order given, each once
  EXPECT_EQ(forecasts.at(0).at("model"), "weighted-median");
  EXPECT_EQ(forecasts.at(1).at("model"), "eum");

  const Result unknown = run("forecast --model eum,oracle");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.out.find("unknown model 'oracle'"), std::string::npos) << unknown.out;
  const Result empty = run("forecast --model eum,");
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.out.find("unknown model ''"), std::string::npos) << empty.out;
}

TEST(Cli, ModelsListsEveryModel) {
  const Result r = run("models");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* name : {"mean", "weighted-mean", "weighted-median", "nash"})
    EXPECT_NE(r.out.find(name), std::string::npos) << name;
}

TEST(Cli, OutputFileIsWritten) {
  test::TempFile file(".json", "old content");
  const Result r = run("forecast --model mean --format json -o " + file.path());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::ifstream in(file.path());
  const auto json = nlohmann::json::parse(in);
  EXPECT_EQ(json.at("model"), "mean");
}

TEST(Cli, ScoreAsJson) {
  const Result r = run("score " + test::source_path("tests/data/scoring/known.csv") + " --model all --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto json = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& entry : json.at("models")) {
    for (const char* key : {"n", "mae", "median_ae", "rmse", "hit10", "mae_ci"}) EXPECT_TRUE(entry.contains(key)) << key;
    if (entry.at("model") != "weighted-mean") continue;
    found = true;
    EXPECT_EQ(entry.at("n"), 3);
    EXPECT_NEAR(entry.at("mae").get<double>(), 40.0 / 3.0, 1e-9);  // worked out in scoring_test.cpp
  }
  EXPECT_TRUE(found);
}

TEST(Cli, ScoreTableOnDeu) {
  PARLEY_SHARED_FILE(path, "validation/deu3-dev.tsv");
  const Result r = run("score " + path + " --model weighted-mean");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("weighted-mean           196   23.53"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace parley
