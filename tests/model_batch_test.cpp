// ModelBatch: every model's forecast equals its own run, bit for bit, with each distinct run once.
#include "parley/model_batch.hpp"
#include "parley/registry.hpp"
#include "parley/scoring.hpp"
#include "readers.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

TEST(ModelBatch, EveryForecastEqualsTheModelsOwnRun) {
  const auto loaded = io::load_scenario(test::source_path("scenarios/ukraine-2025.toml"));
  const Scenario& scenario = loaded.scenario;
  std::vector<Parameters> parameters;
  for (const Model* model : Registry::builtin().all()) parameters.emplace_back(model->info().parameters, ParameterValues{});
  std::vector<ModelSetup> setups;
  for (std::size_t m = 0; m < parameters.size(); ++m) setups.push_back({Registry::builtin().all()[m], &parameters[m]});
  const ModelBatch batch(setups);
  // The ensembles' members are the other models with defaults: no run beyond one per member.
  EXPECT_EQ(batch.run_count(), ensemble_members(Registry::builtin()).size());
  std::vector<double> out(setups.size() * scenario.issue_count());
  batch.forecast(scenario, out);
  for (std::size_t m = 0; m < setups.size(); ++m) {
    const Forecast own = setups[m].model->run(scenario, parameters[m], RunOptions{});
    for (std::size_t i = 0; i < scenario.issue_count(); ++i)
      EXPECT_EQ(out[m * scenario.issue_count() + i], own.issues[i].forecast) << setups[m].model->info().name;
  }
}

TEST(ModelBatch, AModelWithOtherParametersIsASeparateRun) {
  const Model& eum = *Registry::builtin().find("eum");
  const Parameters defaults(eum.info().parameters, {});
  const Parameters mean(eum.info().parameters, {{"decision", "mean"}});
  const std::vector<ModelSetup> setups{{&eum, &defaults}, {&eum, &mean}, {&eum, &defaults}};
  EXPECT_EQ(ModelBatch(setups).run_count(), 2u);
}

}  // namespace
}  // namespace parley
