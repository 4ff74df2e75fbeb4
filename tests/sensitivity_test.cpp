// Sensitivity analysis: quantiles against R's type 7, noise against its distribution's moments,
// drivers and dropped actors against hand-computed weighted means, and the determinism promise:
// the same bytes for any thread count, any split of the draws and any number of MPI processes.
#include <atomic>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numeric>

#include "parley/registry.hpp"
#include "parley/sensitivity.hpp"
#include "temp_file.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

using test::one_issue;

const Model& model_named(const char* name) { return *Registry::builtin().find(name); }

Parameters no_parameters(const Model& model) { return Parameters(model.info().parameters, {}); }

NoiseSpec only(InputField field, FieldNoise noise) {
  NoiseSpec spec;
  spec[field] = noise;
  return spec;
}

TEST(Quantile, MatchesRType7) {
  // R: quantile(1:4, c(0.05, 0.5, 0.95)) gives 1.15, 2.5, 3.85.
  const std::vector<double> sorted{1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(quantile_type7(sorted, 0.05), 1.15);
  EXPECT_DOUBLE_EQ(quantile_type7(sorted, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile_type7(sorted, 0.95), 3.85);
  EXPECT_DOUBLE_EQ(quantile_type7(sorted, 1.0), 4.0);
  EXPECT_DOUBLE_EQ(quantile_type7(std::vector<double>{7}, 0.05), 7.0);
  EXPECT_THROW((void)quantile_type7(std::vector<double>{}, 0.5), std::invalid_argument);
}

TEST(SplitDraws, ContiguousInOrderNearlyEqual) {
  EXPECT_EQ(split_draws(10, 0, 3).begin, 0U);
  EXPECT_EQ(split_draws(10, 0, 3).end, 4U);
  EXPECT_EQ(split_draws(10, 1, 3).begin, 4U);
  EXPECT_EQ(split_draws(10, 1, 3).end, 7U);
  EXPECT_EQ(split_draws(10, 2, 3).begin, 7U);
  EXPECT_EQ(split_draws(10, 2, 3).end, 10U);
  EXPECT_EQ(split_draws(1, 1, 2).size(), 0U);
}

TEST(NoiseSpec, ParsesOverDefaultsAndRoundTrips) {
  const NoiseSpec spec = parse_noise_spec("position=abs:normal:5,capability=relative:uniform:0.25");
  EXPECT_EQ(describe(spec), "position=abs:normal:5,salience=abs:uniform:0.1,capability=rel:uniform:0.25");
  EXPECT_EQ(describe(parse_noise_spec(describe(spec))), describe(spec));
  EXPECT_EQ(describe(parse_noise_spec("")), describe(NoiseSpec::defaults()));
  for (const char* bad : {"position", "weight=abs:normal:1", "position=abs:normal", "position=abs:gauss:1",
                          "position=sideways:normal:1", "position=abs:normal:-1", "position=abs:normal:1x",
                          "position=rel:normal:0.05,salience=abs:normal:0.1,position=abs:normal:1"})
    EXPECT_THROW((void)parse_noise_spec(bad), SpecError) << bad;
}

TEST(Perturb, ZeroNoiseChangesNothing) {
  const Scenario base = one_issue({{"a", 30, 0.5, 2}, {"b", 70, 0.8, 3}});
  Scenario target = base;
  perturb(base, target, only(InputField::position, {}), 7, 3);
  for (std::size_t a = 0; a < 2; ++a) {
    EXPECT_EQ(target.stance(a, 0).position, base.stance(a, 0).position);
    EXPECT_EQ(target.stance(a, 0).salience, base.stance(a, 0).salience);
    EXPECT_EQ(target.actors[a].capability, base.actors[a].capability);
  }
}

TEST(Perturb, ClampsToLegalRanges) {
  const Scenario base = one_issue({{"a", 1, 0.05, 0.1}, {"b", 99, 0.95, 3}}, 0, 100);
  NoiseSpec wild;
  wild[InputField::position] = {NoiseScale::absolute, NoiseShape::normal, 500};
  wild[InputField::salience] = {NoiseScale::absolute, NoiseShape::uniform, 5};
  wild[InputField::capability] = {NoiseScale::relative, NoiseShape::normal, 10};
  Scenario target = base;
  bool hit_bounds = false;
  for (std::uint64_t draw = 0; draw < 200; ++draw) {
    perturb(base, target, wild, 1, draw);
    for (std::size_t a = 0; a < 2; ++a) {
      const Stance& s = target.stance(a, 0);
      ASSERT_GE(s.position, 0.0);
      ASSERT_LE(s.position, 100.0);
      ASSERT_GE(s.salience, 0.0);
      ASSERT_LE(s.salience, 1.0);
      ASSERT_GE(target.actors[a].capability, 0.0);
      hit_bounds = hit_bounds || s.position == 0.0 || s.position == 100.0;
    }
  }
  EXPECT_TRUE(hit_bounds);
}

TEST(Perturb, StreamDependsOnlyOnSeedAndDraw) {
  const Scenario base = one_issue({{"a", 50, 0.5, 1}});
  Scenario first = base;
  Scenario second = base;
  perturb(base, first, NoiseSpec::defaults(), 7, 12);
  perturb(base, second, NoiseSpec::defaults(), 7, 13);
  perturb(base, second, NoiseSpec::defaults(), 7, 12);  // the same draw again, after another
  EXPECT_EQ(first.stance(0, 0).position, second.stance(0, 0).position);
  perturb(base, second, NoiseSpec::defaults(), 8, 12);
  EXPECT_NE(first.stance(0, 0).position, second.stance(0, 0).position);
}

// The moments of the shifts: uniform on [-m, m] has variance m²/3, the normal m².
void expect_moments(NoiseShape shape, double variance) {
  const Scenario base = one_issue({{"a", 50, 0.5, 1}});
  Scenario target = base;
  const NoiseSpec spec = only(InputField::position, {NoiseScale::absolute, shape, 2.0});
  constexpr int n = 200000;
  double sum = 0.0;
  double squares = 0.0;
  for (int d = 0; d < n; ++d) {
    perturb(base, target, spec, 3, static_cast<std::uint64_t>(d));
    const double shift = target.stance(0, 0).position - 50.0;
    if (shape == NoiseShape::uniform) {
      ASSERT_LE(std::abs(shift), 2.0);
    }
    sum += shift;
    squares += shift * shift;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.02);
  EXPECT_NEAR(squares / n, variance, 0.03 * variance);
}

TEST(Perturb, UniformShiftsHaveUniformMoments) { expect_moments(NoiseShape::uniform, 4.0 / 3.0); }
TEST(Perturb, NormalShiftsHaveNormalMoments) { expect_moments(NoiseShape::normal, 4.0); }

TEST(RunDraws, SameForecastsForAnyThreadCountAndSplit) {
  const Scenario base = test::one_issue({{"a", 10, 0.9, 5}, {"b", 40, 0.5, 2}, {"c", 90, 0.7, 4}});
  const Model& model = model_named("weighted-median");
  const Parameters parameters = no_parameters(model);
  const std::vector<ModelSetup> models{{&model, &parameters}};
  DrawOptions options;
  options.seed = 11;
  const auto whole = run_draws(base, models, options, {0, 1000});
  options.threads = 3;
  EXPECT_EQ(run_draws(base, models, options, {0, 1000}), whole);
  auto joined = run_draws(base, models, options, {0, 333});
  const auto rest = run_draws(base, models, options, {333, 1000});
  joined.insert(joined.end(), rest.begin(), rest.end());
  EXPECT_EQ(joined, whole);
}

TEST(RunDraws, ModelsShareEachDrawsInputs) {
  const Scenario base = test::one_issue({{"a", 10, 0.9, 5}, {"b", 40, 0.5, 2}});
  const Model& mean = model_named("mean");
  const Model& median = model_named("weighted-median");
  const Parameters none = no_parameters(mean);
  DrawOptions options;
  options.seed = 5;
  const std::vector<ModelSetup> both{{&mean, &none}, {&median, &none}};
  const std::vector<ModelSetup> second{{&median, &none}};
  const auto together = run_draws(base, both, options, {0, 100});
  EXPECT_EQ(model_forecasts(together, 1, 2, 1), run_draws(base, second, options, {0, 100}));
}

TEST(Summarise, SpreadOfTheDraws) {
  const Scenario base = one_issue({{"a", 50, 0.5, 1}});
  const Model& model = model_named("mean");
  const std::vector<double> forecasts{4, 1, 3, 2};
  const auto summary = summarise(base, model, no_parameters(model), {}, forecasts);
  ASSERT_EQ(summary.issues.size(), 1U);
  const IssueSensitivity& issue = summary.issues[0];
  EXPECT_EQ(summary.draws, 4U);
  EXPECT_DOUBLE_EQ(issue.forecast, 50.0);
  EXPECT_DOUBLE_EQ(issue.median, 2.5);
  EXPECT_DOUBLE_EQ(issue.p05, 1.15);
  EXPECT_DOUBLE_EQ(issue.p95, 3.85);
  EXPECT_DOUBLE_EQ(issue.mean, 2.5);
  EXPECT_DOUBLE_EQ(issue.sd, std::sqrt(5.0 / 3.0));
}

TEST(Summarise, DriversAreMeanAbsoluteElementaryEffects) {
  // Weighted mean with weights 1 and 3: moving a's position by 10 moves the forecast by
  // 10 × 1/4 = 2.5 either way, b's by 7.5. Saliences and capabilities carry no noise.
  const Scenario base = one_issue({{"a", 20, 1.0, 1}, {"b", 80, 1.0, 3}});
  const Model& model = model_named("weighted-mean");
  const NoiseSpec noise = only(InputField::position, {NoiseScale::absolute, NoiseShape::normal, 10});
  const std::vector<double> forecasts{65.0};
  const auto summary = summarise(base, model, no_parameters(model), {noise, false}, forecasts);
  const auto& drivers = summary.issues[0].drivers;
  ASSERT_EQ(drivers.size(), 6U);
  EXPECT_EQ(drivers[0].actor, 1U);
  EXPECT_EQ(drivers[0].field, InputField::position);
  EXPECT_NEAR(drivers[0].effect, 7.5, 1e-12);
  EXPECT_EQ(drivers[1].actor, 0U);
  EXPECT_NEAR(drivers[1].effect, 2.5, 1e-12);
  for (std::size_t k = 2; k < drivers.size(); ++k) EXPECT_EQ(drivers[k].effect, 0.0);
  EXPECT_EQ(drivers[2].actor, 0U);  // ties keep actor, then field order
  EXPECT_EQ(drivers[2].field, InputField::salience);
}

TEST(Summarise, RelativeStepsAndClampingInDrivers) {
  // Capability rel 0.5 moves a's capability 2 to 3 or 1; the forecast (20w + 160)/(w + 2) goes
  // from 50 to 44 or 60, so the effect is (6 + 10)/2 = 8.
  const Scenario base = one_issue({{"a", 20, 1.0, 2}, {"b", 80, 1.0, 2}});
  const Model& model = model_named("weighted-mean");
  const NoiseSpec noise = only(InputField::capability, {NoiseScale::relative, NoiseShape::uniform, 0.5});
  const auto summary = summarise(base, model, no_parameters(model), {noise, false}, std::vector<double>{50.0});
  EXPECT_NEAR(summary.issues[0].drivers[0].effect, 8.0, 1e-12);
}

TEST(Summarise, DroppedActorsLeaveTheOthers) {
  const Scenario base = one_issue({{"a", 0, 1, 1}, {"b", 30, 1, 1}, {"c", 90, 1, 1}});
  const Model& model = model_named("mean");
  const auto summary = summarise(base, model, no_parameters(model), {NoiseSpec::defaults(), true}, std::vector<double>{40});
  const auto& dropped = summary.issues[0].dropped;
  ASSERT_EQ(dropped.size(), 3U);
  EXPECT_DOUBLE_EQ(dropped[0].forecast, 60.0);
  EXPECT_DOUBLE_EQ(dropped[1].forecast, 45.0);
  EXPECT_DOUBLE_EQ(dropped[2].forecast, 15.0);
}

// The reruns side by side: the hand-computed dropped-actor means again, and for a dynamic model
// the same drivers and dropped forecasts, bit for bit, as on one thread; every rerun counted.
TEST(Summarise, RerunsOnSeveralThreadsGiveTheSameSummary) {
  const Scenario three = one_issue({{"a", 0, 1, 1}, {"b", 30, 1, 1}, {"c", 90, 1, 1}});
  const Model& mean = model_named("mean");
  std::atomic<std::size_t> done{0};
  SummaryOptions options{NoiseSpec::defaults(), true, 3, &done};
  const auto simple = summarise(three, mean, no_parameters(mean), options, std::vector<double>{40});
  ASSERT_EQ(simple.issues[0].dropped.size(), 3U);
  EXPECT_DOUBLE_EQ(simple.issues[0].dropped[0].forecast, 60.0);
  EXPECT_DOUBLE_EQ(simple.issues[0].dropped[1].forecast, 45.0);
  EXPECT_DOUBLE_EQ(simple.issues[0].dropped[2].forecast, 15.0);
  EXPECT_EQ(done.load(), 3U * 6U + 3U);  // three fields up and down per actor, one drop each
  EXPECT_EQ(summary_reruns(3, options), done.load());

  const Scenario base = test::one_issue({{"a", 10, 0.9, 5}, {"b", 40, 0.5, 2}, {"c", 90, 0.7, 4}, {"d", 60, 0.3, 3}});
  const Model& eum = model_named("eum");
  const std::vector<double> forecasts{40, 50, 45};
  const auto one = summarise(base, eum, no_parameters(eum), {NoiseSpec::defaults(), true}, forecasts);
  const auto several = summarise(base, eum, no_parameters(eum), {NoiseSpec::defaults(), true, 2, nullptr}, forecasts);
  const auto& a = one.issues[0];
  const auto& b = several.issues[0];
  ASSERT_EQ(a.drivers.size(), b.drivers.size());
  for (std::size_t k = 0; k < a.drivers.size(); ++k) {
    EXPECT_EQ(a.drivers[k].actor, b.drivers[k].actor);
    EXPECT_EQ(a.drivers[k].field, b.drivers[k].field);
    EXPECT_EQ(a.drivers[k].effect, b.drivers[k].effect);
  }
  EXPECT_GT(a.drivers[0].effect, 0.0);  // something moves eum's forecast
  ASSERT_EQ(a.dropped.size(), b.dropped.size());
  for (std::size_t k = 0; k < a.dropped.size(); ++k) EXPECT_EQ(a.dropped[k].forecast, b.dropped[k].forecast);
}

// Processes share the reruns by ranges: the ranges joined are the whole, and summarise() from
// them is the summary it makes itself; a wrong count of rerun forecasts is refused.
TEST(Summarise, RerunsSplitIntoRangesJoinToTheWhole) {
  const Scenario base = test::one_issue({{"a", 10, 0.9, 5}, {"b", 40, 0.5, 2}, {"c", 90, 0.7, 4}});
  const Model& model = model_named("smp");
  const Parameters parameters = no_parameters(model);
  const SummaryOptions options{NoiseSpec::defaults(), true};
  const std::size_t all = summary_reruns(3, options);
  ASSERT_EQ(all, 21U);
  const auto whole = run_reruns(base, model, parameters, options, {0, all});
  auto joined = run_reruns(base, model, parameters, options, {0, 8});
  const auto rest = run_reruns(base, model, parameters, options, {8, all});
  joined.insert(joined.end(), rest.begin(), rest.end());
  EXPECT_EQ(joined, whole);
  const std::vector<double> forecasts{30, 35};
  const auto direct = summarise(base, model, parameters, options, forecasts);
  const auto shared = summarise(base, model, parameters, options, forecasts, joined);
  for (std::size_t k = 0; k < direct.issues[0].drivers.size(); ++k)
    EXPECT_EQ(direct.issues[0].drivers[k].effect, shared.issues[0].drivers[k].effect);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(direct.issues[0].dropped[k].forecast, joined[18 + k]);
  EXPECT_THROW((void)summarise(base, model, parameters, options, forecasts, rest), std::invalid_argument);
  EXPECT_THROW((void)run_reruns(base, model, parameters, options, {0, all + 1}), std::invalid_argument);
}

TEST(Summarise, AnActorAloneOnAnIssueStays) {
  const Scenario base = one_issue({{"a", 25, 1, 1}});
  const Model& model = model_named("mean");
  const auto summary = summarise(base, model, no_parameters(model), {NoiseSpec::defaults(), true}, std::vector<double>{25});
  EXPECT_DOUBLE_EQ(summary.issues[0].dropped[0].forecast, 25.0);
}

TEST(Overrides, SetValuesOrRefuseIllegalOnes) {
  Scenario base = one_issue({{"a", 20, 0.5, 1}, {"b", 80, 0.5, 3}});
  const Scenario changed = apply_overrides(base, {{0, 0, InputField::position, 35}, {1, std::nullopt, InputField::capability, 9}});
  EXPECT_EQ(changed.stance(0, 0).position, 35.0);
  EXPECT_EQ(changed.actors[1].capability, 9.0);
  EXPECT_THROW((void)apply_overrides(base, {{0, 0, InputField::salience, 1.5}}), SpecError);
  EXPECT_THROW((void)apply_overrides(base, {{0, 0, InputField::position, 101}}), SpecError);
  base.stance(0, 0).present = false;
  EXPECT_THROW((void)apply_overrides(base, {{0, 0, InputField::position, 50}}), SpecError);
}

// The command line: byte-identical output for 1 thread, 2 threads and 2 MPI processes.
std::string run_command(const std::string& command, int* status = nullptr) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string output;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) output.append(buffer, n);
  const int code = pclose(pipe.release());
  if (status) *status = WEXITSTATUS(code);
  return output;
}

// A dynamic model (its rounds multiply floating-point effects) at a size CI runs in seconds, also
// under the sanitizers; `--model all` at 100,000 draws is timed in docs/sensitivity.md.
const std::string flagship_json = std::string(PARLEY_BINARY) + " sensitivity --model eum --draws 500 --seed 7 --format json";

TEST(SensitivityCommand, SameBytesForAnyThreadCount) {
  const std::string one = run_command(flagship_json + " --threads 1");
  ASSERT_NE(one.find("\"issues\""), std::string::npos);
  EXPECT_EQ(run_command(flagship_json + " --threads 2"), one);
}

TEST(SensitivityCommand, SameBytesUnderMpirunWithTwoProcesses) {
#ifdef PARLEY_MPIEXEC
  const std::string one = run_command(flagship_json + " --threads 1");
  int status = -1;
  // Open MPI's own allocations outlive MPI_Finalize; under -fsanitize=address they would fail the
  // run, so leak checking is off for the MPI processes only.
  const char* asan = std::getenv("ASAN_OPTIONS");
  const std::string launcher = "ASAN_OPTIONS='" + std::string(asan ? asan : "") + ":detect_leaks=0' " +
                               PARLEY_MPIEXEC + " --allow-run-as-root --oversubscribe -np 2 ";
  EXPECT_EQ(run_command(launcher + flagship_json + " --threads 1", &status), one);
  EXPECT_EQ(status, 0);
#else
  GTEST_SKIP() << "parley was built without MPI";
#endif
}

TEST(SensitivityCommand, WhatIfChangesTheAnalysedScenario) {
  const std::string base = std::string(PARLEY_BINARY) + " sensitivity --model mean --draws 10 --format csv";
  const std::string plain = run_command(base);
  const std::string set = run_command(base + " --set us.nato.position=60");
  // The mean of nato's six positions moves from 42.5 to 52.5.
  EXPECT_NE(plain.find("ukraine-2025,mean,nato,forecast,,,42.5\n"), std::string::npos);
  EXPECT_NE(set.find("ukraine-2025,mean,nato,forecast,,,52.5\n"), std::string::npos);
  const test::TempFile what_if(".toml", "[[set]]\nactor = \"us\"\nissue = \"nato\"\nfield = \"position\"\nvalue = 60\n");
  EXPECT_EQ(run_command(base + " --what-if " + what_if.path()), set);
}

TEST(SensitivityCommand, BadInputExitsWithTwo) {
  int status = 0;
  const std::string base = std::string(PARLEY_BINARY) + " sensitivity --model mean --draws 10 2>/dev/null";
  (void)run_command(base + " --noise position=abs:gauss:1", &status);
  EXPECT_EQ(status, 2);
  (void)run_command(base + " --set nobody.nato.position=1", &status);
  EXPECT_EQ(status, 2);
  (void)run_command(base + " --set us.nato.salience=2", &status);
  EXPECT_EQ(status, 2);
}

// Each mistake named with the file's line and the key; none silently ignored (an unknown key,
// an issue given as a number, an empty name once meant "every issue").
TEST(SensitivityCommand, WhatIfFileAndSetMistakesAreNamed) {
  const std::string base = std::string(PARLEY_BINARY) + " sensitivity --model mean --draws 10 2>&1";
  const std::vector<std::pair<std::string, std::string>> files = {
      {"[[set]]\nactor = \"us\"\nfeld = \"capability\"\nvalue = 3\n", ":3: feld: unknown key in [[set]]"},
      {"name = \"x\"\n[[set]]\nactor = \"us\"\nfield = \"capability\"\nvalue = 3\n", ":1: name: unknown key"},
      {"[[set]]\nactor = \"us\"\nfield = \"capability\"\nvalue = 3\nissue = 4\n", ":5: issue: needs a non-empty string"},
      {"[[set]]\nactor = \"us\"\nfield = \"capability\"\nvalue = \"ten\"\n", ":4: value: needs a number"},
      {"[[set]]\nactor = \"us\"\nfield = \"capability\"\nvalue = true\n", ":4: value: needs a number"},
      {"[[set]]\nactor = \"us\"\nfield = \"capability\"\n", ":1: value: missing"},
  };
  for (const auto& [text, message] : files) {
    const test::TempFile what_if(".toml", text);
    int status = 0;
    const std::string out = run_command(base + " --what-if " + what_if.path(), &status);
    EXPECT_EQ(status, 2) << text << out;
    EXPECT_NE(out.find(what_if.path() + message), std::string::npos) << text << out;
  }
  for (const std::string assignment : {"us..position=5", "us.=5", ".capability=5"}) {
    int status = 0;
    const std::string out = run_command(base + " --set '" + assignment + "'", &status);
    EXPECT_EQ(status, 2) << assignment << out;
    EXPECT_NE(out.find("'" + assignment + "' is not actor[.issue].field=number"), std::string::npos) << out;
  }
}

}  // namespace
}  // namespace parley
