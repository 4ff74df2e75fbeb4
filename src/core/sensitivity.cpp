#include "parley/sensitivity.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <mutex>
#include <numbers>
#include <optional>
#include <random>
#include <thread>
#include <utility>

#include "parley/number_text.hpp"
#include "parley/text_split.hpp"
#include "parley/validate.hpp"

namespace parley {
namespace {

constexpr RunOptions quiet{.record_rounds = false, .record_events = false};

// Sebastiano Vigna's splitmix64 finaliser: a bijection that spreads nearby inputs apart.
std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Variates from raw engine output only, so every standard library gives the same numbers.
class Variates {
 public:
  Variates(std::uint64_t seed, std::uint64_t draw) : engine_(splitmix64(splitmix64(seed) + draw)) {}

  // In [-1, 1).
  double symmetric_uniform() { return 2.0 * unit() - 1.0; }

  // Box–Muller, cosine branch: two raw outputs per normal variate.
  double standard_normal() {
    const double radius = std::sqrt(-2.0 * std::log(1.0 - unit()));  // 1 - unit() is in (0, 1]
    return radius * std::cos(2.0 * std::numbers::pi * unit());
  }

  double shift(const FieldNoise& noise, double relative_to) {
    const double variate = noise.shape == NoiseShape::uniform ? symmetric_uniform() : standard_normal();
    return variate * step(noise, relative_to);
  }

  static double step(const FieldNoise& noise, double relative_to) {
    return noise.scale == NoiseScale::relative ? noise.magnitude * relative_to : noise.magnitude;
  }

 private:
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }  // in [0, 1)

  std::mt19937_64 engine_;
};

double scale_width(const Issue& issue) { return issue.scale_max - issue.scale_min; }
double clamp_position(double value, const Issue& issue) { return std::clamp(value, issue.scale_min, issue.scale_max); }
double clamp_salience(double value) { return std::clamp(value, 0.0, 1.0); }
double clamp_capability(double value) { return std::clamp(value, 0.0, largest_magnitude); }

std::string_view scale_name(NoiseScale scale) { return scale == NoiseScale::relative ? "rel" : "abs"; }
std::string_view shape_name(NoiseShape shape) { return shape == NoiseShape::uniform ? "uniform" : "normal"; }

FieldNoise parse_field_noise(std::string_view text, std::string_view field) {
  const auto parts = split(text, ':');
  const std::string where = "noise for " + std::string(field) + " '" + std::string(text) + "'";
  if (parts.size() != 3) throw SpecError(where + " is not scale:shape:magnitude (e.g. rel:normal:0.05)");
  FieldNoise noise;
  if (parts[0] == "rel" || parts[0] == "relative") noise.scale = NoiseScale::relative;
  else if (parts[0] == "abs" || parts[0] == "absolute") noise.scale = NoiseScale::absolute;
  else throw SpecError(where + ": scale must be rel or abs");
  if (parts[1] == "uniform") noise.shape = NoiseShape::uniform;
  else if (parts[1] == "normal") noise.shape = NoiseShape::normal;
  else throw SpecError(where + ": shape must be uniform or normal");
  const auto [end, error] = std::from_chars(parts[2].data(), parts[2].data() + parts[2].size(), noise.magnitude);
  if (error != std::errc{} || end != parts[2].data() + parts[2].size() || !std::isfinite(noise.magnitude) ||
      noise.magnitude < 0.0)
    throw SpecError(where + ": magnitude must be a finite number >= 0");
  return noise;
}

void check_value(InputField field, double value, const Issue* issue) {
  bool legal = std::isfinite(value);
  if (field == InputField::salience) legal = legal && value >= 0.0 && value <= 1.0;
  if (field == InputField::capability) legal = legal && value >= 0.0;
  if (field == InputField::position && issue) legal = legal && value >= issue->scale_min && value <= issue->scale_max;
  if (!legal)
    throw SpecError("what-if " + std::string(field_name(field)) + " " + shortest_text(value) + " is outside its legal range" +
                    (issue ? " on issue '" + issue->id + "'" : std::string()));
}

void set_stance_field(Scenario& scenario, std::size_t actor, std::size_t issue, InputField field, double value) {
  Stance& stance = scenario.stance(actor, issue);
  if (field == InputField::capability) {
    stance.capability = value;
    return;
  }
  if (!stance.present)
    throw SpecError("what-if sets " + std::string(field_name(field)) + " of actor '" + scenario.actors[actor].id +
                    "' on issue '" + scenario.issues[issue].id + "', where the actor takes no position");
  check_value(field, value, &scenario.issues[issue]);
  (field == InputField::position ? stance.position : stance.salience) = value;
}

void apply_override(Scenario& scenario, const Override& change) {
  if (change.actor >= scenario.actor_count() || (change.issue && *change.issue >= scenario.issue_count()))
    throw SpecError("what-if names an actor or issue the scenario does not have");
  check_value(change.field, change.value, nullptr);
  if (change.issue) {
    set_stance_field(scenario, change.actor, *change.issue, change.field, change.value);
  } else if (change.field == InputField::capability) {
    scenario.actors[change.actor].capability = change.value;
  } else {
    for (std::size_t i = 0; i < scenario.issue_count(); ++i)
      if (scenario.stance(change.actor, i).present) set_stance_field(scenario, change.actor, i, change.field, change.value);
  }
}

// Moves one actor's field by `sign` noise steps on every issue, in `scenario` (at base values).
void nudge(Scenario& scenario, std::size_t actor, InputField field, const FieldNoise& noise, double sign) {
  if (field == InputField::capability) {
    double& capability = scenario.actors[actor].capability;
    capability = clamp_capability(capability + sign * Variates::step(noise, capability));
  }
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    Stance& stance = scenario.stance(actor, i);
    if (!stance.present) continue;
    const Issue& issue = scenario.issues[i];
    if (field == InputField::position)
      stance.position = clamp_position(stance.position + sign * Variates::step(noise, scale_width(issue)), issue);
    else if (field == InputField::salience)
      stance.salience = clamp_salience(stance.salience + sign * Variates::step(noise, stance.salience));
    else if (stance.capability)
      stance.capability = clamp_capability(*stance.capability + sign * Variates::step(noise, *stance.capability));
  }
}

// Leaves the actor out, except on issues where it is the only one present.
void drop(Scenario& scenario, std::size_t actor) {
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    bool someone_else = false;
    for (std::size_t a = 0; a < scenario.actor_count(); ++a) someone_else = someone_else || (a != actor && scenario.stance(a, i).present);
    if (someone_else) scenario.stance(actor, i).present = false;
  }
}

// Writes the actor's base estimates back, so one working copy serves every rerun (copying a
// scenario of thousands of actors per rerun would cost more than the model).
void restore(Scenario& scenario, const Scenario& base, std::size_t actor) {
  scenario.actors[actor].capability = base.actors[actor].capability;
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    const Stance& original = base.stance(actor, i);
    Stance& stance = scenario.stance(actor, i);
    stance.present = original.present;
    stance.position = original.position;
    stance.salience = original.salience;
    stance.capability = original.capability;
  }
}

std::vector<double> forecasts_of(const Model& model, const Scenario& scenario, const Parameters& parameters,
                                 const RunOptions& options) {
  const Forecast forecast = model.run(scenario, parameters, options);
  std::vector<double> values(scenario.issue_count());
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = forecast.issues.at(i).forecast;
  return values;
}

void describe_spread(IssueSensitivity& issue, std::vector<double> values) {
  const double n = static_cast<double>(values.size());
  double sum = 0.0;
  for (double v : values) sum += v;
  issue.mean = sum / n;
  double squares = 0.0;
  for (double v : values) squares += (v - issue.mean) * (v - issue.mean);
  issue.sd = values.size() > 1 ? std::sqrt(squares / (n - 1.0)) : 0.0;
  std::sort(values.begin(), values.end());
  issue.median = quantile_type7(values, 0.5);
  issue.p05 = quantile_type7(values, 0.05);
  issue.p95 = quantile_type7(values, 0.95);
}

// Calls work(k) for every k below count on `threads` threads, which take blocks of `block`
// indices from a shared counter. make_work() gives each thread its own worker (with its own
// working copy of the scenario); each call writes only its own slots, so the split changes
// nothing. The first exception stops the others at their next block and is rethrown.
template <class MakeWork>
void share_out(std::size_t count, std::size_t block, std::size_t threads, std::atomic<std::size_t>* completed,
               const MakeWork& make_work) {
  const std::size_t blocks = (count + block - 1) / block;
  std::atomic<std::size_t> next_block{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto run = [&] {
    try {
      auto work = make_work();
      for (std::size_t b = next_block++; b < blocks; b = next_block++) {
        const std::size_t first = b * block;
        const std::size_t last = std::min(first + block, count);
        for (std::size_t k = first; k < last; ++k) work(k);
        if (completed) *completed += last - first;
      }
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next_block = blocks;
    }
  };
  const std::size_t used = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(blocks, 1));
  std::vector<std::jthread> helpers;
  for (std::size_t t = 1; t < used; ++t) helpers.emplace_back(run);
  run();
  helpers.clear();  // joins
  if (failure) std::rethrow_exception(failure);
}

// One rerun of summarise(): an actor's field moved up or down by one noise magnitude, or (no
// field) the actor dropped.
struct Rerun {
  std::size_t actor = 0;
  std::optional<InputField> field;
  double sign = 0.0;
};

std::vector<Rerun> reruns_of(std::size_t actor_count, const SummaryOptions& options) {
  std::vector<Rerun> reruns;
  for (std::size_t a = 0; a < actor_count; ++a)
    for (InputField field : input_fields)
      if (options.noise[field].magnitude > 0.0) {
        reruns.push_back({a, field, +1.0});
        reruns.push_back({a, field, -1.0});
      }
  if (options.drop_actors)
    for (std::size_t a = 0; a < actor_count; ++a) reruns.push_back({a, std::nullopt, 0.0});
  return reruns;
}

// Morris's mu* per actor and field from the reruns (in reruns_of's order), ranked per issue.
void rank_drivers(std::vector<IssueSensitivity>& issues, std::size_t actor_count, const NoiseSpec& noise,
                  const std::vector<double>& unperturbed, std::span<const double> reruns) {
  const std::size_t issue_count = issues.size();
  std::size_t next = 0;
  for (std::size_t a = 0; a < actor_count; ++a) {
    for (InputField field : input_fields) {
      std::vector<double> effects(issues.size(), 0.0);
      if (noise[field].magnitude > 0.0) {
        const double* up = &reruns[issue_count * next++];
        const double* down = &reruns[issue_count * next++];
        for (std::size_t i = 0; i < effects.size(); ++i)
          effects[i] = (std::abs(up[i] - unperturbed[i]) + std::abs(down[i] - unperturbed[i])) / 2.0;
      }
      for (std::size_t i = 0; i < effects.size(); ++i) issues[i].drivers.push_back({a, field, effects[i]});
    }
  }
  for (auto& issue : issues)
    std::stable_sort(issue.drivers.begin(), issue.drivers.end(),
                     [](const Driver& x, const Driver& y) { return x.effect > y.effect; });
}

}  // namespace

std::string_view field_name(InputField field) {
  switch (field) {
    case InputField::position: return "position";
    case InputField::salience: return "salience";
    case InputField::capability: return "capability";
  }
  return "";
}

std::optional<InputField> field_named(std::string_view name) {
  for (InputField field : input_fields)
    if (field_name(field) == name) return field;
  return std::nullopt;
}

NoiseSpec NoiseSpec::defaults() {
  NoiseSpec spec;
  spec[InputField::position] = {NoiseScale::relative, NoiseShape::normal, 0.05};
  spec[InputField::salience] = {NoiseScale::absolute, NoiseShape::uniform, 0.1};
  spec[InputField::capability] = {NoiseScale::relative, NoiseShape::uniform, 0.2};
  return spec;
}

NoiseSpec parse_noise_spec(std::string_view text) {
  NoiseSpec spec = NoiseSpec::defaults();
  if (text.empty()) return spec;
  std::array<bool, input_fields.size()> given{};
  for (std::string_view item : split(text, ',')) {
    const auto equals = item.find('=');
    const auto field = field_named(item.substr(0, equals));
    if (equals == std::string_view::npos || !field)
      throw SpecError("noise item '" + std::string(item) + "' is not position|salience|capability=scale:shape:magnitude");
    // Which of two would the user have meant? Neither wins silently.
    if (std::exchange(given[static_cast<std::size_t>(*field)], true))
      throw SpecError("noise for " + std::string(field_name(*field)) + " is given twice");
    spec[*field] = parse_field_noise(item.substr(equals + 1), field_name(*field));
  }
  return spec;
}

std::string describe(const NoiseSpec& spec) {
  std::string text;
  for (InputField field : input_fields) {
    const FieldNoise& noise = spec[field];
    if (!text.empty()) text += ',';
    text += std::string(field_name(field)) + "=" + std::string(scale_name(noise.scale)) + ":" +
            std::string(shape_name(noise.shape)) + ":" + shortest_text(noise.magnitude);
  }
  return text;
}

Scenario apply_overrides(Scenario scenario, const std::vector<Override>& overrides) {
  for (const Override& change : overrides) apply_override(scenario, change);
  return scenario;
}

void perturb(const Scenario& base, Scenario& target, const NoiseSpec& noise, std::uint64_t seed, std::uint64_t draw) {
  Variates variates(seed, draw);
  const FieldNoise& position = noise[InputField::position];
  const FieldNoise& salience = noise[InputField::salience];
  const FieldNoise& capability = noise[InputField::capability];
  for (std::size_t a = 0; a < base.actor_count(); ++a) {
    const double estimate = base.actors[a].capability;
    target.actors[a].capability = clamp_capability(estimate + variates.shift(capability, estimate));
  }
  for (std::size_t a = 0; a < base.actor_count(); ++a) {
    for (std::size_t i = 0; i < base.issue_count(); ++i) {
      const Stance& stance = base.stance(a, i);
      if (!stance.present) continue;
      const Issue& issue = base.issues[i];
      Stance& out = target.stance(a, i);
      out.position = clamp_position(stance.position + variates.shift(position, scale_width(issue)), issue);
      out.salience = clamp_salience(stance.salience + variates.shift(salience, stance.salience));
      if (stance.capability) out.capability = clamp_capability(*stance.capability + variates.shift(capability, *stance.capability));
    }
  }
}

DrawRange split_draws(std::size_t draws, std::size_t part, std::size_t parts) {
  const std::size_t base = draws / parts;
  const std::size_t extra = draws % parts;
  const std::size_t begin = part * base + std::min(part, extra);
  return {begin, begin + base + (part < extra ? 1 : 0)};
}

std::vector<double> run_draws(const Scenario& base, std::span<const ModelSetup> models, const DrawOptions& options,
                              DrawRange range) {
  const std::size_t issues = base.issue_count();
  const std::size_t per_draw = models.size() * issues;
  const ModelBatch batch(models);  // each draw runs an ensemble's members once, shared
  std::vector<double> forecasts(range.size() * per_draw);
  // Threads take blocks of draws (dynamic models vary in cost per draw).
  share_out(range.size(), 64, options.threads, options.completed, [&] {
    return [&, scenario = base, scratch = ModelBatch::Scratch{}](std::size_t k) mutable {
      perturb(base, scenario, options.noise, options.seed, range.begin + k);  // one copy per thread, overwritten
      batch.forecast(scenario, std::span(forecasts).subspan(k * per_draw, per_draw), scratch);
    };
  });
  return forecasts;
}

std::vector<double> model_forecasts(std::span<const double> forecasts, std::size_t model, std::size_t model_count,
                                    std::size_t issue_count) {
  const std::size_t per_draw = model_count * issue_count;
  const std::size_t draws = per_draw ? forecasts.size() / per_draw : 0;
  std::vector<double> selected(draws * issue_count);
  for (std::size_t d = 0; d < draws; ++d)
    std::copy_n(forecasts.begin() + static_cast<std::ptrdiff_t>(d * per_draw + model * issue_count), issue_count,
                selected.begin() + static_cast<std::ptrdiff_t>(d * issue_count));
  return selected;
}

double quantile_type7(std::span<const double> sorted, double p) {
  if (sorted.empty()) throw std::invalid_argument("quantile of no values");
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto low = static_cast<std::size_t>(std::floor(h));
  if (low + 1 >= sorted.size()) return sorted.back();
  return sorted[low] + (h - static_cast<double>(low)) * (sorted[low + 1] - sorted[low]);
}

std::size_t summary_reruns(std::size_t actor_count, const SummaryOptions& options) {
  return reruns_of(actor_count, options).size();
}

std::vector<double> run_reruns(const Scenario& base, const Model& model, const Parameters& parameters,
                               const SummaryOptions& options, DrawRange range) {
  const std::vector<Rerun> reruns = reruns_of(base.actor_count(), options);
  if (range.end > reruns.size() || range.begin > range.end) throw std::invalid_argument("run_reruns: range beyond the reruns");
  const std::size_t issues = base.issue_count();
  std::vector<double> results(range.size() * issues);
  RunOptions run_options = quiet;
  run_options.threads = 1;  // the reruns run side by side on the command's threads
  share_out(range.size(), 1, options.threads, options.completed, [&] {
    return [&, work = base](std::size_t k) mutable {
      const Rerun& rerun = reruns[range.begin + k];
      if (rerun.field) nudge(work, rerun.actor, *rerun.field, options.noise[*rerun.field], rerun.sign);
      else drop(work, rerun.actor);
      const auto values = forecasts_of(model, work, parameters, run_options);
      std::copy(values.begin(), values.end(), results.begin() + static_cast<std::ptrdiff_t>(k * issues));
      restore(work, base, rerun.actor);
    };
  });
  return results;
}

SensitivitySummary summarise(const Scenario& base, const Model& model, const Parameters& parameters,
                             const SummaryOptions& options, std::span<const double> forecasts) {
  const std::size_t all = summary_reruns(base.actor_count(), options);
  return summarise(base, model, parameters, options, forecasts, run_reruns(base, model, parameters, options, {0, all}));
}

SensitivitySummary summarise(const Scenario& base, const Model& model, const Parameters& parameters,
                             const SummaryOptions& options, std::span<const double> forecasts,
                             std::span<const double> reruns) {
  const std::size_t issue_count = base.issue_count();
  SensitivitySummary summary;
  summary.draws = issue_count ? forecasts.size() / issue_count : 0;
  if (summary.draws == 0 || summary.draws * issue_count != forecasts.size())
    throw std::invalid_argument("summarise needs at least one draw's forecast for every issue");
  const std::vector<Rerun> planned = reruns_of(base.actor_count(), options);
  if (reruns.size() != planned.size() * issue_count)
    throw std::invalid_argument("summarise needs every rerun's forecast for every issue");
  RunOptions run_options = quiet;
  run_options.threads = std::max<std::size_t>(options.threads, 1);
  const auto unperturbed = forecasts_of(model, base, parameters, run_options);
  summary.issues.resize(issue_count);
  std::vector<double> column(summary.draws);
  for (std::size_t i = 0; i < issue_count; ++i) {
    for (std::size_t d = 0; d < summary.draws; ++d) column[d] = forecasts[d * issue_count + i];
    summary.issues[i].forecast = unperturbed[i];
    describe_spread(summary.issues[i], column);
  }
  rank_drivers(summary.issues, base.actor_count(), options.noise, unperturbed, reruns);
  for (std::size_t k = 0; k < planned.size(); ++k)
    if (!planned[k].field)
      for (std::size_t i = 0; i < issue_count; ++i)
        summary.issues[i].dropped.push_back({planned[k].actor, reruns[k * issue_count + i]});
  return summary;
}

}  // namespace parley
