// The DEU table layout (Thomson et al., The European Union Decides, 2006; DEU III, Arregui &
// Perarnaud 2021): a header, then one row per controversial issue. Columns:
//   isnr              the issue id; prnr / prname the proposal (the issue's group, so that
//                     cross-validation never splits a proposal); proc the procedure (COD, CNS);
//                     counvte the Council's decision rule (QMV, Unan)
//   p<code>, s<code>  position and salience (0–100) of each actor: com (Commission), ep
//                     (Parliament) and the member states; an actor is every code with both columns
//   rp, out           the reference point (status quo) and the observed outcome, both optional
// A row without an issue id is the capability row (GDP per actor, in the position columns).
// A missing position means the actor sits the issue out. A missing salience next to a given
// position is read as 50, the midpoint of the salience scale. The scale of every issue is 0–100.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "readers.hpp"
#include "scenario_builder.hpp"

namespace parley::io {
namespace {

constexpr double missing_salience = 50.0;
const std::string outcome_source = "observed outcome (column `out` of the DEU table)";
const std::string status_quo_source = "reference point (column `rp` of the DEU table)";
const std::string gdp_source = "GDP (the capability row of the DEU table)";

const std::map<std::string, std::string> actor_names{
    {"com", "European Commission"}, {"ep", "European Parliament"}, {"at", "Austria"}, {"be", "Belgium"},
    {"bu", "Bulgaria"}, {"cr", "Croatia"}, {"cy", "Cyprus"}, {"cz", "Czechia"}, {"dk", "Denmark"},
    {"ee", "Estonia"}, {"fi", "Finland"}, {"fr", "France"}, {"de", "Germany"}, {"el", "Greece"},
    {"hu", "Hungary"}, {"ie", "Ireland"}, {"it", "Italy"}, {"lv", "Latvia"}, {"lt", "Lithuania"},
    {"lu", "Luxembourg"}, {"mt", "Malta"}, {"nl", "Netherlands"}, {"pl", "Poland"}, {"pt", "Portugal"},
    {"ro", "Romania"}, {"si", "Slovenia"}, {"sk", "Slovakia"}, {"es", "Spain"}, {"se", "Sweden"},
    {"uk", "United Kingdom"}};

class DeuReader {
 public:
  DeuReader(const std::string& text, const std::string& file) : builder_(file), text_(text) {}

  ReaderOutput read() {
    const std::vector<CsvRow> rows = builder_.parse_rows(text_);
    if (rows.empty() || !read_header(rows.front())) return finish();
    for (std::size_t r = 1; r < rows.size(); ++r) {
      if (text(rows[r], "isnr").empty()) read_capabilities(rows[r]);
      else read_issue(rows[r]);
    }
    if (builder_.scenario().issues.empty()) builder_.problem(rows.front().line, "", "the file has no issue rows");
    return finish();
  }

 private:
  bool read_header(const CsvRow& header) {
    for (std::size_t c = 0; c < header.fields.size(); ++c) columns_.try_emplace(lowercase(header.fields[c]), c);
    for (const auto& [name, column] : columns_)
      if (name.size() > 1 && name[0] == 's' && columns_.count("p" + name.substr(1))) codes_.push_back(name.substr(1));
    // Actors in the order of their position columns, as the table lists them.
    std::sort(codes_.begin(), codes_.end(),
              [&](const std::string& a, const std::string& b) { return columns_.at("p" + a) < columns_.at("p" + b); });
    bool complete = true;
    for (const char* name : {"isnr", "out"}) {
      if (columns_.count(name)) continue;
      builder_.problem(header.line, name, "required column is missing");
      complete = false;
    }
    if (codes_.empty()) {
      builder_.problem(header.line, "", "no actor columns (pairs p<actor>, s<actor>)");
      complete = false;
    }
    for (const auto& code : codes_) {
      const std::size_t index = builder_.actor(code, header.line);
      if (auto name = actor_names.find(code); name != actor_names.end())
        builder_.scenario().actors[index].name = name->second;
    }
    return complete;
  }

  std::string text(const CsvRow& row, const std::string& column) const { return field(row, columns_, column); }
  std::optional<double> optional_number(const CsvRow& row, const std::string& column) {
    return builder_.optional_number(row, columns_, column);
  }

  void read_capabilities(const CsvRow& row) {
    if (has_capabilities_) builder_.problem(row.line, "isnr", "a second row without an issue id");
    has_capabilities_ = true;
    for (const auto& code : codes_) {
      Actor& actor = builder_.scenario().actors[*builder_.scenario().actor_index(code)];
      auto value = optional_number(row, "p" + code);
      if (!value) {
        if (text(row, "p" + code).empty())  // (text that is no number was reported by optional_number)
          builder_.problem(row.line, "p" + code, "the capability row has no value for this actor");
        continue;
      }
      actor.capability = *value;
      actor.capability_source = gdp_source;
    }
  }

  void read_issue(const CsvRow& row) {
    const std::string id = text(row, "isnr");
    if (const auto [first, added] = issue_lines_.try_emplace(id, row.line); !added) {
      builder_.problem(row.line, "isnr", "issue '" + id + "' is given twice (first on line " +
                                             std::to_string(first->second) + ")");
      return;
    }
    Issue& issue = builder_.scenario().issues[builder_.issue(id, row.line)];
    issue.label = text(row, "prname").empty() ? id : text(row, "prname") + " (" + id + ")";
    issue.group = text(row, "prnr").empty() ? text(row, "prname") : text(row, "prnr");
    issue.procedure = text(row, "proc");
    issue.decision_rule = text(row, "counvte");
    if ((issue.status_quo = optional_number(row, "rp"))) issue.status_quo_source = status_quo_source;
    if ((issue.outcome = optional_number(row, "out"))) issue.outcome_source = outcome_source;
    for (const auto& code : codes_) {
      auto position = optional_number(row, "p" + code);
      if (!position) continue;
      auto salience = optional_number(row, "s" + code);
      if (salience && !(*salience >= 0.0 && *salience <= 100.0)) {
        builder_.problem(row.line, "s" + code, fmt::format("salience {:g} is outside [0, 100]", *salience));
        continue;
      }
      builder_.stance({code, id, *position, salience.value_or(missing_salience) / 100.0, std::nullopt, row.line});
    }
  }

  ReaderOutput finish() {
    auto [scenario, lines] = builder_.finish();
    return {std::move(scenario), std::move(lines), std::move(builder_.problems())};
  }

  ScenarioBuilder builder_;
  const std::string& text_;
  ColumnIndex columns_;
  std::vector<std::string> codes_;
  bool has_capabilities_ = false;
  std::map<std::string, std::size_t> issue_lines_;  // issue id → the line that gave it first
};

}  // namespace

int recognise_deu(const std::string& path, const std::string& text) {
  const auto extension = lowercase(std::filesystem::path(path).extension().string());
  if (extension != ".csv" && extension != ".tsv" && extension != ".txt") return 0;
  std::set<std::string> header;
  for (const auto& field : first_row_fields(text)) header.insert(lowercase(field));
  return header.count("pcom") && header.count("out") ? 20 : 0;
}

ReaderOutput read_deu(const std::string& text, const std::string& file) { return DeuReader(text, file).read(); }

bool has_gdp_capabilities(const Scenario& scenario) {
  return !scenario.actors.empty() && std::all_of(scenario.actors.begin(), scenario.actors.end(),
                                                 [](const Actor& a) { return a.capability_source == gdp_source; });
}

}  // namespace parley::io
