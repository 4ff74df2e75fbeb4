// Generated scenarios for benchmarks: reproducible from a seed.
#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "parley/scenario.hpp"

namespace parley::bench {

// `actors` actors on `issues` issues (scale 0–100), every actor present everywhere; positions,
// saliences and capabilities drawn uniformly from the seed.
inline Scenario generated(std::size_t actors, std::size_t issues, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Scenario s;
  s.name = "generated";
  for (std::size_t a = 0; a < actors; ++a) {
    Actor actor;
    actor.id = actor.name = "actor" + std::to_string(a);
    actor.capability = 1.0 + 99.0 * unit(random);
    s.actors.push_back(actor);
  }
  for (std::size_t i = 0; i < issues; ++i) {
    Issue issue;
    issue.id = issue.label = "issue" + std::to_string(i);
    s.issues.push_back(issue);
  }
  s.reset_stances();
  for (std::size_t a = 0; a < actors; ++a)
    for (std::size_t i = 0; i < issues; ++i) {
      Stance& stance = s.stance(a, i);
      stance.present = true;
      stance.position = 100.0 * unit(random);
      stance.salience = unit(random);
    }
  return s;
}

}  // namespace parley::bench
