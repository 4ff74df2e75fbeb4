// Monte Carlo sensitivity analysis: how far a forecast moves when the analyst's estimates
// (positions, saliences, capabilities) are uncertain. Pure computation, no I/O.
//
// Determinism: draw d perturbs the scenario with its own engine, std::mt19937_64 seeded from
// splitmix64 of (seed, d), and every variate is built from raw 64-bit outputs (no library
// distribution), so draw d's inputs and forecast do not depend on which thread or process
// computes it. Callers split [0, draws) into ranges, run each anywhere, and concatenate the
// forecasts in draw order; the summary is computed once over the concatenation.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "parley/model.hpp"
#include "parley/model_batch.hpp"
#include "parley/scenario.hpp"

namespace parley {

enum class InputField { position, salience, capability };
inline constexpr std::array<InputField, 3> input_fields{InputField::position, InputField::salience,
                                                        InputField::capability};
[[nodiscard]] std::string_view field_name(InputField field);
[[nodiscard]] std::optional<InputField> field_named(std::string_view name);

// relative: the perturbation is a fraction of the value (salience, capability) or of the issue's
// scale width (position). absolute: in the field's own units.
enum class NoiseScale { relative, absolute };
// uniform: a shift drawn from [-magnitude, +magnitude]; normal: from N(0, magnitude²).
enum class NoiseShape { uniform, normal };

struct FieldNoise {
  NoiseScale scale = NoiseScale::absolute;
  NoiseShape shape = NoiseShape::normal;
  double magnitude = 0.0;  // >= 0; 0 leaves the field as estimated
};

struct NoiseSpec {
  std::array<FieldNoise, 3> fields;  // indexed by InputField

  // position rel:normal:0.05, salience abs:uniform:0.1, capability rel:uniform:0.2
  [[nodiscard]] static NoiseSpec defaults();
  [[nodiscard]] FieldNoise& operator[](InputField field) { return fields[static_cast<std::size_t>(field)]; }
  [[nodiscard]] const FieldNoise& operator[](InputField field) const {
    return fields[static_cast<std::size_t>(field)];
  }
};

class SpecError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// "position=abs:normal:5,salience=rel:uniform:0.2": the fields named replace the defaults.
// Throws SpecError on malformed text.
[[nodiscard]] NoiseSpec parse_noise_spec(std::string_view text);
// The same syntax, every field listed; parse_noise_spec(describe(spec)) == spec.
[[nodiscard]] std::string describe(const NoiseSpec& spec);

// A what-if: one input set to a value. Without an issue, the value applies on every issue the
// actor is present on (for capability: the actor's own capability).
struct Override {
  std::size_t actor = 0;
  std::optional<std::size_t> issue;
  InputField field = InputField::position;
  double value = 0.0;
};

// The scenario with the overrides applied in order. Throws SpecError when an override sets a
// position or salience on an issue the actor is absent from, or a value outside the legal range.
[[nodiscard]] Scenario apply_overrides(Scenario scenario, const std::vector<Override>& overrides);

// Writes draw `draw`'s perturbation of `base` into `target`, a copy of `base` (only the
// perturbed values are written, so one copy serves every draw). Values are clamped to their legal
// ranges: position to the issue's scale, salience to [0, 1], capability to >= 0.
void perturb(const Scenario& base, Scenario& target, const NoiseSpec& noise, std::uint64_t seed,
             std::uint64_t draw);

struct DrawRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  [[nodiscard]] std::size_t size() const { return end - begin; }
};

// The share of [0, draws) that part `part` of `parts` computes: contiguous, in order, sizes
// differing by at most one.
[[nodiscard]] DrawRange split_draws(std::size_t draws, std::size_t part, std::size_t parts);

struct DrawOptions {
  NoiseSpec noise = NoiseSpec::defaults();
  std::uint64_t seed = 0;
  std::size_t threads = 1;
  std::atomic<std::size_t>* completed = nullptr;  // when set, counts finished draws (progress)
};

// Perturbs the scenario once per draw of the range and runs every model on it (without recording
// rounds or events; the models share each draw's inputs, and the ensembles' members run once
// per draw: ModelBatch), on `options.threads` threads.
// Returns forecasts[((d - range.begin) * models.size() + m) * issue_count + issue].
[[nodiscard]] std::vector<double> run_draws(const Scenario& base, std::span<const ModelSetup> models,
                                            const DrawOptions& options, DrawRange range);

// Model m's forecasts out of run_draws()'s (concatenated) result: [draw * issue_count + issue].
[[nodiscard]] std::vector<double> model_forecasts(std::span<const double> forecasts, std::size_t model,
                                                  std::size_t model_count, std::size_t issue_count);

// Quantile of sorted values by Hyndman & Fan's type 7 (R's default): linear interpolation
// between order statistics at h = (n - 1) p. Empty input throws.
[[nodiscard]] double quantile_type7(std::span<const double> sorted, double p);

// How much one actor's field moves an issue's forecast (see summarise()).
struct Driver {
  std::size_t actor = 0;
  InputField field = InputField::position;
  double effect = 0.0;
};

// The issue's forecast when one actor is left out.
struct DroppedActor {
  std::size_t actor = 0;
  double forecast = 0.0;
};

struct IssueSensitivity {
  double forecast = 0.0;  // the unperturbed scenario's forecast
  double median = 0.0;
  double p05 = 0.0;
  double p95 = 0.0;
  double mean = 0.0;
  double sd = 0.0;                      // sample standard deviation; 0 for one draw
  std::vector<Driver> drivers;          // largest effect first; ties in actor, then field order
  std::vector<DroppedActor> dropped;    // empty unless asked for; in actor order
};

struct SensitivitySummary {
  std::size_t draws = 0;
  std::vector<IssueSensitivity> issues;  // in scenario issue order
};

struct SummaryOptions {
  NoiseSpec noise = NoiseSpec::defaults();
  bool drop_actors = false;
  std::size_t threads = 1;                        // for the reruns
  std::atomic<std::size_t>* completed = nullptr;  // when set, counts finished reruns (progress)
};

// How many reruns summarise() makes beyond the unperturbed run: two per actor and field with
// noise, and one per actor with drop_actors.
[[nodiscard]] std::size_t summary_reruns(std::size_t actor_count, const SummaryOptions& options);

// Per issue: the draws' median, 5 % and 95 % quantiles (type 7), mean and sd; and the drivers,
// ranked by Morris's mu* (mean absolute elementary effect): for each actor and field, the field
// is moved by one noise magnitude up and down (on every issue at once, clamped), the model rerun,
// and the effect is (|forecast(+) - forecast| + |forecast(-) - forecast|) / 2. With
// drop_actors, the model is also rerun once per actor with that actor absent from every issue
// on which someone else remains. The reruns run on `options.threads` threads; the result does not
// depend on their number. `forecasts` is run_draws() over all draws, in draw order.
[[nodiscard]] SensitivitySummary summarise(const Scenario& base, const Model& model, const Parameters& parameters,
                                           const SummaryOptions& options, std::span<const double> forecasts);

// The model's forecasts in reruns [range.begin, range.end) of the summary_reruns() that
// summarise() makes (up and down per actor and field with noise, in actor then field order, then
// one drop per actor), on `options.threads` threads: [(k - range.begin) * issue_count + issue].
// Lets several processes share the reruns.
[[nodiscard]] std::vector<double> run_reruns(const Scenario& base, const Model& model, const Parameters& parameters,
                                             const SummaryOptions& options, DrawRange range);

// summarise() from reruns already made: `reruns` is run_reruns() over all of them, in order.
[[nodiscard]] SensitivitySummary summarise(const Scenario& base, const Model& model, const Parameters& parameters,
                                           const SummaryOptions& options, std::span<const double> forecasts,
                                           std::span<const double> reruns);

}  // namespace parley
