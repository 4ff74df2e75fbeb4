// libFuzzer target for the models: the first byte picks a registered model and whether it
// records its rounds and events; the rest describe a small legal scenario (1–8 actors, 1–3
// issues, capabilities from 1e-12 to 1e12, saliences including 0, ties and identical positions).
// The model must return a finite forecast on each issue's scale. One model per input, not all:
// the exact exchange model costs a thousand times what the static models do, and would set the
// pace for all of them.
#include <cmath>
#include <cstdint>
#include <string>

#include "parley/registry.hpp"
#include "parley/validate.hpp"

namespace {

class ByteStream {
 public:
  ByteStream(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t next() { return position_ < size_ ? data_[position_++] : 0; }
  double unit() { return next() / 255.0; }  // 0, 1 and repeated values are common on purpose

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t position_ = 0;
};

parley::Scenario scenario_from(ByteStream& bytes) {
  parley::Scenario s;
  s.name = "fuzz";
  const std::size_t actors = 1 + bytes.next() % 8;
  const std::size_t issues = 1 + bytes.next() % 3;
  for (std::size_t a = 0; a < actors; ++a) {
    parley::Actor actor;
    actor.id = actor.name = "a" + std::to_string(a);
    actor.capability = std::pow(10.0, -12.0 + 24.0 * bytes.unit());
    s.actors.push_back(actor);
  }
  for (std::size_t i = 0; i < issues; ++i) {
    parley::Issue issue;
    issue.id = issue.label = "i" + std::to_string(i);
    issue.scale_min = bytes.next() % 2 ? -10.0 : 0.0;
    issue.scale_max = issue.scale_min + 1.0 + bytes.next();
    if (bytes.next() % 2) issue.status_quo = issue.scale_min + bytes.unit() * (issue.scale_max - issue.scale_min);
    s.issues.push_back(issue);
  }
  s.reset_stances();
  for (std::size_t a = 0; a < actors; ++a)
    for (std::size_t i = 0; i < issues; ++i) {
      parley::Stance& stance = s.stance(a, i);
      stance.present = a == 0 || bytes.next() % 5 != 0;  // actor 0 keeps every issue populated
      const parley::Issue& issue = s.issues[i];
      stance.position = issue.scale_min + bytes.unit() * (issue.scale_max - issue.scale_min);
      stance.salience = bytes.unit();
    }
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ByteStream bytes(data, size);
  static const auto models = parley::Registry::builtin().all();
  const std::uint8_t choice = bytes.next();
  const parley::Model& model = *models[choice % models.size()];
  // The top bit: record rounds and events (as forecast does) or not (as sensitivity does).
  const bool record = (choice & 0x80) != 0;
  const parley::RunOptions options{record, record};
  const parley::Scenario scenario = scenario_from(bytes);
  if (!parley::validate(scenario).empty()) __builtin_trap();  // the generator must make legal input
  const parley::Forecast forecast = model.run(scenario, parley::ParameterValues{}, options);
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    const double x = forecast.issues.at(i).forecast;
    const parley::Issue& issue = scenario.issues[i];
    const double slack = 1e-9 * (issue.scale_max - issue.scale_min);
    if (!std::isfinite(x) || x < issue.scale_min - slack || x > issue.scale_max + slack) __builtin_trap();
  }
  return 0;
}
