#include "readers.hpp"

#include <algorithm>
#include <filesystem>

#include "csv.hpp"
#include "parley/validate.hpp"

namespace parley::io {

const std::vector<InputFormat>& input_formats() {
  static const std::vector<InputFormat> formats{
      {"toml", "parley's scenario file (TOML, with provenance)", recognise_toml, read_toml_scenario},
      {"csv", "tidy CSV: one row per actor x issue (actor,issue,position,salience,capability)", recognise_tidy_csv,
       read_tidy_csv},
      {"stakeholder", "one-issue stakeholder CSV (Actor,Capability,Position,Salience)", recognise_stakeholder_csv,
       read_stakeholder_csv},
      {"ktab", "KTAB SMP CSV (name,description,numActors,numDims; then actors)", recognise_ktab_csv, read_ktab_csv},
      {"decide", "decide-exchange-model input ('#A' actors, '#P' issues, '#M' bounds, '#D' data)", recognise_decide,
       read_decide},
      {"deu", "DEU table of EU decisions (isnr, prnr, p<actor>, s<actor>, rp, out; GDP row)", recognise_deu, read_deu},
  };
  return formats;
}

const std::vector<std::string>& capability_choices() {
  static const std::vector<std::string> choices{"file", "gdp", "equal"};
  return choices;
}

namespace {

void apply_capability_option(ReaderOutput& output, const std::string& path, const std::string& capability) {
  if (capability == "gdp" && !has_gdp_capabilities(output.scenario))
    output.problems.push_back({path, 0, "capability", "--capability gdp needs a DEU table with a GDP row"});
  if (capability != "equal") return;
  Scenario& scenario = output.scenario;
  for (auto& actor : scenario.actors) {
    actor.capability = 1.0;
    actor.capability_source = "equal capabilities (--capability equal)";
  }
  for (std::size_t a = 0; a < scenario.actor_count(); ++a)
    for (std::size_t i = 0; i < scenario.issue_count(); ++i) scenario.stance(a, i).capability.reset();
}

const InputFormat* pick_format(const std::string& path, const std::string& text, const std::string& requested,
                               std::vector<Diagnostic>& problems) {
  const auto& formats = input_formats();
  if (requested != "auto") {
    auto it = std::find_if(formats.begin(), formats.end(), [&](const InputFormat& f) { return f.name == requested; });
    if (it != formats.end()) return &*it;
    problems.push_back({path, 0, "input-format", "unknown input format '" + requested + "'"});
    return nullptr;
  }
  const InputFormat* best = nullptr;
  int best_score = 0;
  for (const auto& format : formats) {
    const int score = format.recognise(path, text);
    if (score > best_score) {
      best = &format;
      best_score = score;
    }
  }
  if (!best)
    problems.push_back({path, 0, "input-format", "cannot tell the file's format; name it with --input-format"});
  return best;
}

struct Attempt {
  ReaderOutput output;
  std::string format;
};

Attempt attempt(const std::string& path, const ReadOptions& options) {
  Attempt result;
  std::string text;
  try {
    text = read_file(path);
  } catch (const FileError& error) {
    result.output.problems.push_back({path, 0, "", error.reason()});
    return result;
  }
  if (trim(strip_bom(text)).empty()) {
    result.output.problems.push_back({path, 0, "", "the file is empty"});
    return result;
  }
  if (!is_utf8(text)) {
    result.output.problems.push_back({path, 0, "", "the file is not valid UTF-8 text"});
    return result;
  }
  const InputFormat* format = pick_format(path, text, options.format, result.output.problems);
  if (!format) return result;
  result.format = format->name;
  result.output = format->read(text, path);
  if (result.output.problems.empty()) apply_capability_option(result.output, path, options.capability);
  const bool syntax_problems = !result.output.problems.empty();
  const bool bound_problems = std::any_of(result.output.problems.begin(), result.output.problems.end(),
                                          [](const Diagnostic& d) { return d.field == "bound"; });
  for (const Problem& problem : validate(result.output.scenario)) {
    // An empty scenario or issue is a knock-on of rows already reported as unreadable, a bad
    // scale one of a bound already reported missing.
    const bool knock_on = problem.element == Problem::Element::scenario || problem.field == "positions";
    if ((syntax_problems && knock_on) || (bound_problems && problem.field == "scale")) continue;
    result.output.problems.push_back(locate(problem, result.output.scenario, result.output.lines, path));
  }
  std::stable_sort(result.output.problems.begin(), result.output.problems.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  return result;
}

}  // namespace

std::vector<Diagnostic> check_scenario_file(const std::string& path, const ReadOptions& options) {
  return attempt(path, options).output.problems;
}

LoadedScenario load_scenario(const std::string& path, const ReadOptions& options) {
  Attempt result = attempt(path, options);
  if (!result.output.problems.empty()) throw InputError(std::move(result.output.problems));
  LoadedScenario loaded{std::move(result.output.scenario), std::move(result.output.lines), path, result.format};
  if (loaded.scenario.name.empty()) loaded.scenario.name = std::filesystem::path(path).stem().string();
  return loaded;
}

void infer_scales(Scenario& scenario, const std::vector<bool>& has_scale) {
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    if (has_scale[i]) continue;
    Issue& issue = scenario.issues[i];
    bool first = true;
    auto extend = [&](double value) {
      issue.scale_min = first ? value : std::min(issue.scale_min, value);
      issue.scale_max = first ? value : std::max(issue.scale_max, value);
      first = false;
    };
    for (std::size_t a = 0; a < scenario.actor_count(); ++a)
      if (scenario.stance(a, i).present) extend(scenario.stance(a, i).position);
    if (issue.status_quo) extend(*issue.status_quo);
    if (issue.outcome) extend(*issue.outcome);
    if (first) continue;
    // Everybody at one point is legal; give the scale a unit width around it.
    if (issue.scale_min == issue.scale_max) {
      issue.scale_min -= 1.0;
      issue.scale_max += 1.0;
    }
  }
}

}  // namespace parley::io
