// parley models: every registered model with its parameters and defaults.
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "parley/registry.hpp"

namespace parley::cli {

void add_models_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("models", "list the models with their parameters");
  command->callback([&exit_code] {
    for (const Model* model : Registry::builtin().all()) {
      const ModelInfo& info = model->info();
      std::cout << fmt::format("{:<16} {}\n", info.name, info.summary);
      for (const auto& p : info.parameters) {
        std::string choices;
        for (const auto& c : p.choices) choices += (choices.empty() ? " [" : "|") + c;
        if (!choices.empty()) choices += "]";
        std::cout << fmt::format("    {}={}{}  {}\n", p.name, p.default_value, choices, p.description);
      }
    }
    exit_code = exit_ok;
  });
}

}  // namespace parley::cli
