// What a model returns: the forecast per issue, and for dynamic models the path to it.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace parley {

// Every actor's position after a round (round 0 = the input), in scenario actor order.
// Actors absent from the issue are listed in IssueForecast::absent and have no meaning here.
struct RoundPositions {
  int round = 0;
  std::vector<double> positions;
};

// Multi-dimensional positions after a round: positions[actor][dimension], dimension = issue order.
struct SpatialRound {
  int round = 0;
  std::vector<std::vector<double>> positions;
};

// Something that happened in a round: a challenge, an exchange, a bargain.
struct Event {
  int round = 0;
  std::string kind;                                  // e.g. "compromise", "exchange"
  std::vector<std::string> actors;                   // actor ids involved, initiator first
  std::vector<std::string> issues;                   // issue ids involved
  std::string text;                                  // one sentence a person can read
  std::vector<std::pair<std::string, double>> values;  // named figures, in a stable order
};

struct IssueForecast {
  std::string issue;
  double forecast = 0.0;
  std::vector<RoundPositions> rounds;  // empty for static models
  std::vector<Event> events;
  nlohmann::json details = nlohmann::json::object();  // model-specific extras, added to JSON output
};

struct Forecast {
  std::string model;
  std::vector<IssueForecast> issues;   // in scenario issue order
  std::vector<SpatialRound> rounds;    // multi-dimensional models only
  std::vector<Event> events;           // events spanning issues (exchanges, bargains)
  nlohmann::json details = nlohmann::json::object();
};

}  // namespace parley
