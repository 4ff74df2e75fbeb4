// The one registry of models, looked up by name.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "parley/model.hpp"

namespace parley {

class Registry {
 public:
  // All built-in models, registered once.
  [[nodiscard]] static const Registry& builtin();

  void add(std::unique_ptr<Model> model);
  [[nodiscard]] const Model* find(std::string_view name) const;
  [[nodiscard]] std::vector<const Model*> all() const;  // in registration order

 private:
  std::vector<std::unique_ptr<Model>> models_;
};

// Defined in the generated registered_models.cpp: calls each model folder's register function.
void register_builtin_models(Registry& registry);

}  // namespace parley
