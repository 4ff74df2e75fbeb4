// Scoring: metrics on a hand-made data set with answers worked out by hand, the bootstrap's
// determinism, stacking, and the DEU table against an independently computed value.
#include <cmath>
#include <numeric>

#include "parley/registry.hpp"
#include "parley/scoring.hpp"
#include "readers.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

ScoreReport score_file(const std::string& path, const std::vector<std::string>& names,
                       const io::ReadOptions& read = {}) {
  static io::LoadedScenario loaded;  // kept alive for the report's scenario pointers
  loaded = io::load_scenario(path, read);
  std::vector<ScoredModel> models;
  for (const auto& name : names) {
    const Model* model = Registry::builtin().find(name);
    models.push_back({model, Parameters(model->info().parameters, {})});
  }
  return score_models({&loaded.scenario}, models, Registry::builtin(), {});
}

// known.csv, by hand. weighted-mean: small (0–10) forecasts 4 against 5, error 1 = 10 on 0–100;
// wide forecasts 0.75·0 + 0.25·100 = 25 against 55, error 30; solo 70 against 70, error 0; open
// has no outcome. Errors {10, 30, 0}: MAE 40/3, median 10, RMSE √(1000/3), hits (≤ 10) 2 of 3.
TEST(Scoring, WeightedMeanOnHandMadeData) {
  const auto report = score_file(test::source_path("tests/data/scoring/known.csv"), {"weighted-mean"});
  ASSERT_EQ(report.issues.size(), 3u);
  const ErrorSummary& s = report.models[0].summary;
  EXPECT_EQ(s.n, 3u);
  EXPECT_NEAR(s.mae, 40.0 / 3.0, 1e-12);
  EXPECT_NEAR(s.median_ae, 10.0, 1e-12);
  EXPECT_NEAR(s.rmse, std::sqrt(1000.0 / 3.0), 1e-12);
  EXPECT_NEAR(s.hit10, 2.0 / 3.0, 1e-12);
}

// mean: small 4 (error 10), wide 50 (error 5), solo 70 (0). MAE 5, median 5, RMSE √(125/3), all hits.
TEST(Scoring, MeanOnHandMadeData) {
  const auto report = score_file(test::source_path("tests/data/scoring/known.csv"), {"mean"});
  const ErrorSummary& s = report.models[0].summary;
  EXPECT_NEAR(s.mae, 5.0, 1e-12);
  EXPECT_NEAR(s.median_ae, 5.0, 1e-12);
  EXPECT_NEAR(s.rmse, std::sqrt(125.0 / 3.0), 1e-12);
  EXPECT_NEAR(s.hit10, 1.0, 1e-12);
}

TEST(Scoring, EvenCountMedianAndNoErrors) {
  const std::vector<double> errors{1, 7, 3, 20};
  const std::vector<std::size_t> clusters{0, 1, 2, 3};
  const auto s = summarise_errors(errors, clusters, {});
  EXPECT_DOUBLE_EQ(s.median_ae, 5.0);
  EXPECT_DOUBLE_EQ(s.mae, 7.75);
  EXPECT_DOUBLE_EQ(s.hit10, 0.75);
  const auto none = summarise_errors({}, {}, {});
  EXPECT_EQ(none.n, 0u);
  EXPECT_EQ(none.mae, 0.0);
}

TEST(Scoring, ClustersFollowGroups) {
  const std::vector<std::string> groups{"p1", "", "p2", "p1", ""};
  EXPECT_EQ(clusters_of(groups), (std::vector<std::size_t>{0, 1, 2, 0, 3}));
}

TEST(Scoring, BootstrapIsDeterministicAndBracketsTheMae) {
  std::vector<double> errors;
  std::vector<std::size_t> clusters;
  for (std::size_t k = 0; k < 60; ++k) {
    errors.push_back(static_cast<double>((k * 37) % 50));
    clusters.push_back(k / 3);
  }
  const double mae = std::accumulate(errors.begin(), errors.end(), 0.0) / 60.0;
  const auto a = bootstrap_mae_interval(errors, clusters, {500, 7, 0.95});
  const auto b = bootstrap_mae_interval(errors, clusters, {500, 7, 0.95});
  const auto c = bootstrap_mae_interval(errors, clusters, {500, 8, 0.95});
  EXPECT_EQ(a, b);  // bit-identical
  EXPECT_NE(a, c);
  EXPECT_LT(a[0], mae);
  EXPECT_GT(a[1], mae);
  // One cluster: every draw is the whole sample.
  const std::vector<std::size_t> one(errors.size(), 0);
  const auto whole = bootstrap_mae_interval(errors, one, {100, 1, 0.95});
  EXPECT_NEAR(whole[0], mae, 1e-12);
  EXPECT_NEAR(whole[1], mae, 1e-12);
}

TEST(Scoring, StackingRecoversExactWeights) {
  ForecastMatrix forecasts(3);
  std::vector<double> outcomes;
  for (std::size_t k = 0; k < 40; ++k) {
    const double x = static_cast<double>(k), y = static_cast<double>((k * 17) % 41), z = 50.0;
    forecasts[0].push_back(x);
    forecasts[1].push_back(y);
    forecasts[2].push_back(z);
    outcomes.push_back(0.3 * x + 0.7 * y);
  }
  std::vector<std::size_t> rows(40);
  std::iota(rows.begin(), rows.end(), 0);
  const auto w = fit_stacking_weights(forecasts, outcomes, rows);
  EXPECT_NEAR(w[0], 0.3, 1e-6);
  EXPECT_NEAR(w[1], 0.7, 1e-6);
  EXPECT_NEAR(w[2], 0.0, 1e-6);
  EXPECT_NEAR(stacked_forecast(w, forecasts, 5), outcomes[5], 1e-4);
}

TEST(Scoring, OutOfFoldNeverSeesTheHeldOutCluster) {
  // Cluster 0 says f0 is right, cluster 1 says f1 is right: each held-out cluster is forecast
  // with the other cluster's weights, so out of fold both are forecast by the wrong member.
  const ForecastMatrix forecasts{{0, 0, 100, 100}, {100, 100, 0, 0}};
  const std::vector<double> outcomes{0, 0, 0, 0};
  const std::vector<std::size_t> clusters{0, 0, 1, 1};
  const auto predictions = out_of_fold_stacked(forecasts, outcomes, clusters);
  for (double p : predictions) EXPECT_NEAR(p, 100.0, 1e-6);
}

TEST(Scoring, EnsemblesAreNotMembers) {
  for (const Model* member : ensemble_members(Registry::builtin())) EXPECT_FALSE(is_ensemble(*member));
  ASSERT_NE(Registry::builtin().find("ensemble-mean"), nullptr);
  EXPECT_TRUE(is_ensemble(*Registry::builtin().find("ensemble-stacked")));
}

TEST(Scoring, EnsembleMeanAveragesTheMembers) {
  const auto report = score_file(test::source_path("tests/data/scoring/known.csv"), {"ensemble-mean"});
  const auto members = ensemble_members(Registry::builtin());
  const auto loaded = io::load_scenario(test::source_path("tests/data/scoring/known.csv"));
  const auto forecasts = member_forecasts(members, loaded.scenario);
  double sum = 0.0;
  for (const auto& f : forecasts) sum += f[1];  // issue `wide`, scale 0–100
  EXPECT_NEAR(report.models[0].forecasts[1], sum / static_cast<double>(members.size()), 1e-9);
}

TEST(DeuReader, ReadsTheTable) {
  PARLEY_SHARED_FILE(path, "validation/deu3-dev.tsv");
  const auto loaded = io::load_scenario(path);
  EXPECT_EQ(loaded.format, "deu");
  const Scenario& s = loaded.scenario;
  ASSERT_EQ(s.actor_count(), 30u);  // Commission, Parliament, 28 member states
  ASSERT_EQ(s.issue_count(), 200u);
  EXPECT_EQ(s.actors[0].id, "com");
  EXPECT_DOUBLE_EQ(s.actors[0].capability, 4.1);  // the GDP row
  const Issue& first = s.issues[0];  // d00060i1, "buses": no reference point, outcome 50
  EXPECT_EQ(first.id, "d00060i1");
  EXPECT_EQ(first.group, "d00060");
  EXPECT_EQ(first.procedure, "COD");
  EXPECT_EQ(first.decision_rule, "QMV");
  EXPECT_FALSE(first.status_quo);
  EXPECT_EQ(first.outcome, std::optional<double>(50.0));
  EXPECT_EQ(s.issues[1].status_quo, std::optional<double>(0.0));  // d00060i2: rp 0
  EXPECT_DOUBLE_EQ(s.stance(0, 0).position, 100.0);
  EXPECT_DOUBLE_EQ(s.stance(0, 0).salience, 0.8);
  EXPECT_FALSE(s.stance(*s.actor_index("bu"), 0).present);  // an empty cell: Bulgaria sits it out
  // d05246i2: Ireland's position 15 without a salience: read as 50.
  const auto ireland = *s.actor_index("ie");
  const auto issue = *s.issue_index("d05246i2");
  EXPECT_DOUBLE_EQ(s.stance(ireland, issue).position, 15.0);
  EXPECT_DOUBLE_EQ(s.stance(ireland, issue).salience, 0.5);
  std::size_t with_outcome = 0;
  for (const auto& issue : s.issues) with_outcome += issue.outcome ? 1 : 0;
  EXPECT_EQ(with_outcome, 196u);
  const auto equal = io::load_scenario(path, {"auto", "equal"});
  EXPECT_DOUBLE_EQ(equal.scenario.actors[0].capability, 1.0);
}

// The compromise model's MAE on deu3-dev, computed independently of parley with awk (GDP as
// capability, a missing salience next to a position read as 50, issues without `out` skipped):
//   awk -F'\t' '{gsub(/"/,"")} NR==1{for(i=1;i<=NF;i++)c[$i]=i} NR==2{for(i=1;i<=NF;i++)g[i]=$i+0}
//     NR>2{if($c["out"]=="")next;W=0;S=0;for(k in c)if(k~/^s/&&("p" substr(k,2)) in c){
//     p=$c["p" substr(k,2)];if(p=="")continue;s=$c[k];if(s=="")s=50;w=g[c["p" substr(k,2)]]*s;
//     W+=w;S+=w*p}e=S/W-$c["out"];T+=(e<0?-e:e);n++}END{printf "%d %.10f\n",n,T/n}' deu3-dev.tsv
//   → 196 23.5280771949
TEST(DeuReader, WeightedMeanReproducesTheIndependentMae) {
  PARLEY_SHARED_FILE(path, "validation/deu3-dev.tsv");
  const auto report = score_file(path, {"weighted-mean"});
  EXPECT_EQ(report.models[0].summary.n, 196u);
  EXPECT_NEAR(report.models[0].summary.mae, 23.5280771949, 1e-9);
}

}  // namespace
}  // namespace parley
