// Properties every model must have on random legal scenarios (a seeded generator, so failures
// reproduce): forecasts finite and on the scale; the weighted mean between the extreme
// positions; relabelling (permuting) actors and scaling all capabilities change nothing, except
// where a reference model's own rules say otherwise (stated and explained below).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "parley/registry.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

Scenario random_scenario(std::mt19937_64& random, std::size_t actors, std::size_t issues) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Scenario s;
  s.name = "random";
  for (std::size_t a = 0; a < actors; ++a) {
    Actor actor;
    actor.id = actor.name = "actor" + std::to_string(a);
    actor.capability = std::pow(10.0, -2.0 + 4.0 * unit(random));
    s.actors.push_back(actor);
  }
  for (std::size_t i = 0; i < issues; ++i) {
    Issue issue;
    issue.id = issue.label = "issue" + std::to_string(i);
    issue.scale_min = -50.0 * unit(random);
    issue.scale_max = issue.scale_min + 1.0 + 200.0 * unit(random);
    issue.status_quo = issue.scale_min + unit(random) * (issue.scale_max - issue.scale_min);
    s.issues.push_back(issue);
  }
  s.reset_stances();
  for (std::size_t a = 0; a < actors; ++a)
    for (std::size_t i = 0; i < issues; ++i) {
      Stance& stance = s.stance(a, i);
      stance.present = true;
      stance.position = s.issues[i].scale_min + unit(random) * (s.issues[i].scale_max - s.issues[i].scale_min);
      stance.salience = 0.05 + 0.95 * unit(random);
    }
  return s;
}

Scenario permuted(const Scenario& s, const std::vector<std::size_t>& order) {
  Scenario p = s;
  p.actors.clear();
  for (std::size_t k : order) p.actors.push_back(s.actors[k]);
  p.reset_stances();
  for (std::size_t k = 0; k < order.size(); ++k)
    for (std::size_t i = 0; i < s.issue_count(); ++i) p.stance(k, i) = s.stance(order[k], i);
  return p;
}

std::vector<double> forecasts(const Model& model, const Scenario& s) {
  std::vector<double> result;
  for (const auto& issue : model.run(s).issues) result.push_back(issue.forecast);
  return result;
}

double width(const Scenario& s, std::size_t issue) { return s.issues[issue].scale_max - s.issues[issue].scale_min; }

// Tolerance for models whose arithmetic order depends on actor order: relative to the scale.
double tolerance(const Scenario& s, std::size_t issue) { return 1e-9 * width(s, issue); }

// The exchange model (decide-exchange-model's rules, exact 28-digit parity) is not invariant to
// actor order or to the capabilities' scale, and no tolerance bounds the difference: when a
// realised exchange has been shrunk to put an outcome exactly on a partner's position, a later
// exchange carrying that move tests the sign of (partner position - outcome), which is
// mathematically 0; the reference decides on the sign of its last-digit rounding residue
// (0 or +-1e-26), which depends on the order of the weighted sum and on the capabilities'
// digits, and one sign lets the exchange go ahead while the other shrinks it below the 1e-10
// threshold and drops it. The reference run on reordered or rescaled input diverges the
// same way. See docs/models/exchange.md, "Invariances".
// So does an ensemble that gives the exchange model weight (ensemble-mean, and ensemble-stacked
// with its default weights).
bool varies_with_actor_order_and_capability_scale(const std::string& name) {
  if (name == "exchange") return true;
  const Model& model = *Registry::builtin().find(name);
  const auto combination = model.combination(Parameters(model.info().parameters, {}));
  return combination && std::any_of(combination->members.begin(), combination->members.end(),
                                    [](const Model* member) { return member->info().name == "exchange"; });
}

// smp's forecast is the most probable distinct final position, and KTAB represents each group
// of positions closer than 1e-3 (Euclidean, on the unit cube) by its first actor in actor order.
// Relabelling actors can pick another member of the same group, so the forecast is invariant
// only to within that radius (its dynamics are invariant: see SmpProperty below).
double permutation_tolerance(const std::string& model, const Scenario& s, std::size_t issue) {
  return model == "smp" ? 1e-3 * width(s, issue) : tolerance(s, issue);
}

class ModelProperties : public ::testing::TestWithParam<std::string> {};

TEST_P(ModelProperties, ForecastsAreFiniteAndOnTheScale) {
  const Model& model = *Registry::builtin().find(GetParam());
  std::mt19937_64 random(20250212);
  for (int trial = 0; trial < 20; ++trial) {
    const Scenario s = random_scenario(random, 2 + trial % 7, 1 + trial % 3);
    const auto f = forecasts(model, s);
    for (std::size_t i = 0; i < s.issue_count(); ++i) {
      ASSERT_TRUE(std::isfinite(f[i])) << "trial " << trial;
      EXPECT_GE(f[i], s.issues[i].scale_min - tolerance(s, i)) << "trial " << trial;
      EXPECT_LE(f[i], s.issues[i].scale_max + tolerance(s, i)) << "trial " << trial;
    }
  }
}

TEST_P(ModelProperties, PermutingActorsChangesNothing) {
  if (varies_with_actor_order_and_capability_scale(GetParam())) GTEST_SKIP() << "order-dependent by the reference's rules";
  const Model& model = *Registry::builtin().find(GetParam());
  std::mt19937_64 random(7);
  for (int trial = 0; trial < 10; ++trial) {
    const Scenario s = random_scenario(random, 3 + trial % 6, 1 + trial % 3);
    std::vector<std::size_t> order(s.actor_count());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), random);
    const auto original = forecasts(model, s);
    const auto shuffled = forecasts(model, permuted(s, order));
    for (std::size_t i = 0; i < s.issue_count(); ++i)
      EXPECT_NEAR(original[i], shuffled[i], permutation_tolerance(GetParam(), s, i)) << "trial " << trial << ", issue " << i;
  }
}

TEST_P(ModelProperties, ScalingAllCapabilitiesChangesNothing) {
  if (varies_with_actor_order_and_capability_scale(GetParam())) GTEST_SKIP() << "scale-dependent by the reference's rules";
  const Model& model = *Registry::builtin().find(GetParam());
  std::mt19937_64 random(11);
  for (int trial = 0; trial < 10; ++trial) {
    const Scenario s = random_scenario(random, 3 + trial % 6, 1 + trial % 3);
    Scenario scaled = s;
    for (Actor& actor : scaled.actors) actor.capability *= 1000.0;
    const auto original = forecasts(model, s);
    const auto rescaled = forecasts(model, scaled);
    for (std::size_t i = 0; i < s.issue_count(); ++i)
      EXPECT_NEAR(original[i], rescaled[i], tolerance(s, i)) << "trial " << trial << ", issue " << i;
  }
}

// Degenerate but legal inputs, every model: each result is finite and on the scale, and where
// every actor stands at one place (identical positions, or one actor) the forecast is that place
// — with and without a status quo elsewhere on the scale (Nash keeps the status quo only when
// actors stand on both sides of it).
Scenario degenerate(std::mt19937_64& random, std::size_t actors, std::size_t issues) {
  Scenario s = random_scenario(random, actors, issues);
  for (Issue& issue : s.issues) issue.status_quo.reset();
  return s;
}

TEST_P(ModelProperties, IdenticalPositionsGiveThatPosition) {
  const Model& model = *Registry::builtin().find(GetParam());
  std::mt19937_64 random(3);
  for (int trial = 0; trial < 6; ++trial) {
    Scenario s = degenerate(random, 1 + trial % 5, 1 + trial % 3);
    for (std::size_t i = 0; i < s.issue_count(); ++i)
      for (std::size_t a = 0; a < s.actor_count(); ++a) s.stance(a, i).position = s.stance(0, i).position;
    if (trial % 2) s.issues[0].status_quo = s.issues[0].scale_min;
    const auto f = forecasts(model, s);
    for (std::size_t i = 0; i < s.issue_count(); ++i)
      EXPECT_NEAR(f[i], s.stance(0, i).position, tolerance(s, i)) << "trial " << trial << ", issue " << i;
  }
}

TEST_P(ModelProperties, AllSaliencesZeroButOneAndExtremeCapabilitiesStayFinite) {
  const Model& model = *Registry::builtin().find(GetParam());
  std::mt19937_64 random(5);
  for (int trial = 0; trial < 6; ++trial) {
    Scenario s = degenerate(random, 2 + trial % 5, 1 + trial % 3);
    for (std::size_t a = 0; a < s.actor_count(); ++a) {
      s.actors[a].capability = a % 2 ? 1e12 : 1e-12;  // capabilities spanning 24 orders of magnitude
      for (std::size_t i = 0; i < s.issue_count(); ++i)
        if (trial % 2 && a != 1) s.stance(a, i).salience = 0.0;  // only actor 1 cares
    }
    const auto f = forecasts(model, s);
    for (std::size_t i = 0; i < s.issue_count(); ++i) {
      ASSERT_TRUE(std::isfinite(f[i])) << "trial " << trial;
      EXPECT_GE(f[i], s.issues[i].scale_min - tolerance(s, i)) << "trial " << trial;
      EXPECT_LE(f[i], s.issues[i].scale_max + tolerance(s, i)) << "trial " << trial;
    }
  }
}

std::vector<std::string> model_names() {
  std::vector<std::string> names;
  for (const Model* model : Registry::builtin().all()) names.push_back(model->info().name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(AllModels, ModelProperties, ::testing::ValuesIn(model_names()),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(WeightedMeanProperty, LiesBetweenTheExtremePositions) {
  const Model& model = *Registry::builtin().find("weighted-mean");
  std::mt19937_64 random(3);
  for (int trial = 0; trial < 50; ++trial) {
    const Scenario s = random_scenario(random, 1 + trial % 9, 1);
    double low = s.issues[0].scale_max;
    double high = s.issues[0].scale_min;
    for (std::size_t a = 0; a < s.actor_count(); ++a) {
      low = std::min(low, s.stance(a, 0).position);
      high = std::max(high, s.stance(a, 0).position);
    }
    const double x = forecasts(model, s)[0];
    EXPECT_GE(x, low);
    EXPECT_LE(x, high);
  }
}

// smp's dynamics do not depend on actor order: every actor takes the same path, turn by turn.
TEST(SmpProperty, PermutingActorsPermutesThePaths) {
  const Model& model = *Registry::builtin().find("smp");
  std::mt19937_64 random(7);
  for (int trial = 0; trial < 30; ++trial) {
    const Scenario s = random_scenario(random, 3 + trial % 6, 1 + trial % 3);
    std::vector<std::size_t> order(s.actor_count());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), random);
    const Forecast original = model.run(s);
    const Forecast shuffled = model.run(permuted(s, order));
    ASSERT_EQ(original.rounds.size(), shuffled.rounds.size()) << "trial " << trial;
    for (std::size_t t = 0; t < original.rounds.size(); ++t)
      for (std::size_t k = 0; k < order.size(); ++k)
        for (std::size_t i = 0; i < s.issue_count(); ++i)
          EXPECT_NEAR(original.rounds[t].positions[order[k]][i], shuffled.rounds[t].positions[k][i], tolerance(s, i))
              << "trial " << trial << ", turn " << t << ", actor " << order[k] << ", issue " << i;
  }
}

}  // namespace
}  // namespace parley
