// Helpers shared by the tests: small scenarios built in code, paths to data.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "parley/scenario.hpp"

namespace parley::test {

struct Row {
  std::string actor;
  double position;
  double salience;
  double capability;
};

// One issue on [scale_min, scale_max], every actor present.
inline Scenario one_issue(const std::vector<Row>& rows, double scale_min = 0.0, double scale_max = 100.0) {
  Scenario s;
  s.name = "test";
  for (const auto& row : rows) {
    Actor actor;
    actor.id = actor.name = row.actor;
    actor.capability = row.capability;
    s.actors.push_back(actor);
  }
  Issue issue;
  issue.id = issue.label = "issue";
  issue.scale_min = scale_min;
  issue.scale_max = scale_max;
  s.issues.push_back(issue);
  s.reset_stances();
  for (std::size_t a = 0; a < rows.size(); ++a) {
    Stance& stance = s.stance(a, 0);
    stance.present = true;
    stance.position = rows[a].position;
    stance.salience = rows[a].salience;
  }
  return s;
}

inline std::string source_path(const std::string& relative) { return std::string(PARLEY_SOURCE_DIR) + "/" + relative; }

// A file under ../shared/, or skip the test with a clear message when shared/ is absent.
#define PARLEY_SHARED_FILE(variable, relative)                                                    \
  const std::string variable = std::string(PARLEY_SHARED_DIR) + "/" + (relative);                 \
  if (!std::filesystem::exists(variable)) GTEST_SKIP() << "shared data not available: " << variable

}  // namespace parley::test
