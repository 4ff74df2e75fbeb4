#include "rule_compromise/rule_compromise.hpp"

#include "compromise/compromise.hpp"
#include "parley/registry.hpp"

namespace parley {

void register_rule_compromise(Registry& registry) {
  CompromiseSettings defaults;
  defaults.unanimity_capability_power = 0.0;
  defaults.consultation_parliament_factor = 0.0;
  registry.add(make_compromise_model(
      "rule-compromise", "compromise model weighted by the decision rule: equal power under unanimity, no EP veto "
                         "under consultation", defaults));
}

}  // namespace parley
