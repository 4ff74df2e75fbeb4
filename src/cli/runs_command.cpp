// parley runs list|show ID|diff ID1 ID2 --store runs.db: what the run store holds.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "run_store.hpp"

namespace parley::cli {

void add_runs_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::string store;
    std::int64_t first = 0;
    std::int64_t second = 0;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("runs", "list, show and compare the runs kept in a run store (--store)");
  command->require_subcommand(1);
  auto add_store = [&](CLI::App* sub) {
    sub->add_option("--store", options->store, "the run store (SQLite file) written by --store")->required()->check(CLI::ExistingFile);
  };
  auto* list = command->add_subcommand("list", "one line per run: id, time, command, scenario, its hash, version, models");
  add_store(list);
  list->callback([options, &exit_code] {
    std::cout << io::render_run_list(io::RunStore(options->store).list());
    exit_code = exit_ok;
  });
  auto* show = command->add_subcommand("show", "one run: its scenario, models, parameters and forecasts");
  add_store(show);
  show->add_option("id", options->first, "run id (see `parley runs list`)")->required();
  show->callback([options, &exit_code] {
    std::cout << io::render_run(io::RunStore(options->store).load(options->first));
    exit_code = exit_ok;
  });
  auto* diff = command->add_subcommand("diff", "two runs' forecasts issue by issue, and how their scenarios differ");
  add_store(diff);
  diff->add_option("first", options->first, "run id")->required();
  diff->add_option("second", options->second, "run id")->required();
  diff->callback([options, &exit_code] {
    const io::RunStore store(options->store);
    std::cout << io::render_run_diff(store.load(options->first), store.load(options->second));
    exit_code = exit_ok;
  });
}

}  // namespace parley::cli
