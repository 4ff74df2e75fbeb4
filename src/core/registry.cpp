#include "parley/registry.hpp"

#include <stdexcept>

namespace parley {

const Registry& Registry::builtin() {
  static const Registry registry = [] {
    Registry r;
    register_builtin_models(r);
    return r;
  }();
  return registry;
}

void Registry::add(std::unique_ptr<Model> model) {
  if (find(model->info().name) != nullptr) throw std::logic_error("model registered twice: " + model->info().name);
  models_.push_back(std::move(model));
}

const Model* Registry::find(std::string_view name) const {
  for (const auto& model : models_)
    if (model->info().name == name) return model.get();
  return nullptr;
}

std::vector<const Model*> Registry::all() const {
  std::vector<const Model*> result;
  for (const auto& model : models_) result.push_back(model.get());
  return result;
}

}  // namespace parley
