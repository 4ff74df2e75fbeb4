// The compromise variants: defaults reduce to the weighted mean; the decision rule sets the
// weights of rule-compromise; each refinement moves the forecast as its formula says.
#include "parley/registry.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

// com (capability 3) at 0, ep (capability 1) at 100, state (capability 1) at 40; saliences 1.
Scenario three_actors(const std::string& rule, const std::string& procedure) {
  Scenario s = test::one_issue({{"com", 0, 1, 3}, {"ep", 100, 1, 1}, {"state", 40, 1, 1}});
  s.issues[0].decision_rule = rule;
  s.issues[0].procedure = procedure;
  s.issues[0].status_quo = 100.0;
  return s;
}

double forecast(const std::string& model, const Scenario& s, const ParameterValues& given = {}) {
  return Registry::builtin().find(model)->run(s, given).issues[0].forecast;
}

TEST(Compromise, DefaultsAreTheWeightedMean) {
  const Scenario s = three_actors("QMV", "COD");
  EXPECT_DOUBLE_EQ(forecast("compromise", s), forecast("weighted-mean", s));  // (0·3 + 100 + 40) / 5 = 28
  EXPECT_DOUBLE_EQ(forecast("compromise", s), 28.0);
}

TEST(Compromise, RefinementsFollowTheFormula) {
  const Scenario s = three_actors("QMV", "COD");
  // Status quo 100 with λ = 1: (140 + 1·5·100) / (5·2) = 64.
  EXPECT_DOUBLE_EQ(forecast("compromise", s, {{"status_quo_weight", "1"}}), 64.0);
  // Only under unanimity: this issue is QMV, so no pull.
  EXPECT_DOUBLE_EQ(forecast("compromise", s, {{"status_quo_weight", "1"}, {"status_quo_rule", "unanimity"}}), 28.0);
  // Capability power 0: the plain mean (0 + 100 + 40) / 3.
  EXPECT_DOUBLE_EQ(forecast("compromise", s, {{"capability_power", "0"}}), 140.0 / 3.0);
  // Extra pull toward the Parliament under co-decision, κ = 1: (140 + 5·100) / 10 = 64.
  EXPECT_DOUBLE_EQ(forecast("compromise", s, {{"parliament_weight", "1"}}), 64.0);
  EXPECT_THROW((void)forecast("compromise", s, {{"status_quo_weight", "-1"}}), ParameterError);
}

TEST(RuleCompromise, QualifiedMajorityIsTheCompromiseModel) {
  const Scenario s = three_actors("QMV", "COD");
  EXPECT_DOUBLE_EQ(forecast("rule-compromise", s), 28.0);
}

TEST(RuleCompromise, UnanimityEqualisesCapabilities) {
  const Scenario s = three_actors("Unan", "COD");
  EXPECT_DOUBLE_EQ(forecast("rule-compromise", s), 140.0 / 3.0);
}

TEST(RuleCompromise, ConsultationDropsTheParliament) {
  const Scenario s = three_actors("QMV", "CNS");
  EXPECT_DOUBLE_EQ(forecast("rule-compromise", s), 40.0 / 4.0);  // (0·3 + 40) / 4
}

}  // namespace
}  // namespace parley
