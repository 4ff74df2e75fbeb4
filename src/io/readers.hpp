// Reading scenario files in every supported format, with every problem located.
#pragma once

#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "parley/scenario.hpp"

namespace parley::io {

struct ReadOptions {
  std::string format = "auto";  // a name from input_formats(), or "auto": by extension and content
  // Capabilities: "file" as the file gives them; "gdp" the GDP row of a DEU table (an error for
  // other files); "equal" every actor 1 on every issue.
  std::string capability = "file";
};

[[nodiscard]] const std::vector<std::string>& capability_choices();

struct LoadedScenario {
  Scenario scenario;
  SourceMap lines;
  std::string file;
  std::string format;
};

// What one format reader produces; `problems` empty means the content parsed.
struct ReaderOutput {
  Scenario scenario;
  SourceMap lines;
  std::vector<Diagnostic> problems;
};

struct InputFormat {
  std::string name;
  std::string description;
  // How well the file looks like this format: 0 = not at all; the highest score wins.
  int (*recognise)(const std::string& path, const std::string& text);
  ReaderOutput (*read)(const std::string& text, const std::string& file);
};

[[nodiscard]] const std::vector<InputFormat>& input_formats();

// Every problem in the file: syntax, then content (validate()). Empty: the file is good.
[[nodiscard]] std::vector<Diagnostic> check_scenario_file(const std::string& path, const ReadOptions& options = {});

// The scenario, or InputError carrying every problem.
[[nodiscard]] LoadedScenario load_scenario(const std::string& path, const ReadOptions& options = {});

// Format readers, one per file.
ReaderOutput read_toml_scenario(const std::string& text, const std::string& file);
ReaderOutput read_tidy_csv(const std::string& text, const std::string& file);
ReaderOutput read_stakeholder_csv(const std::string& text, const std::string& file);
ReaderOutput read_ktab_csv(const std::string& text, const std::string& file);
ReaderOutput read_decide(const std::string& text, const std::string& file);
int recognise_toml(const std::string& path, const std::string& text);
int recognise_tidy_csv(const std::string& path, const std::string& text);
int recognise_stakeholder_csv(const std::string& path, const std::string& text);
int recognise_ktab_csv(const std::string& path, const std::string& text);
int recognise_decide(const std::string& path, const std::string& text);
ReaderOutput read_deu(const std::string& text, const std::string& file);
int recognise_deu(const std::string& path, const std::string& text);
// True when every actor's capability came from the GDP row of a DEU table.
[[nodiscard]] bool has_gdp_capabilities(const Scenario& scenario);

// Gives each issue without an explicit scale the range of its positions, status quo and outcome.
void infer_scales(Scenario& scenario, const std::vector<bool>& has_scale);

}  // namespace parley::io
