#include "processes.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>

#ifdef PARLEY_MPI_MODULE
#include <dlfcn.h>

#include <filesystem>
#endif

namespace parley::cli {

// mpi_module.cpp's functions, loaded from the module beside the executable.
struct Processes::Mpi {
  int (*start)(int* rank, int* size) = nullptr;
  int (*gather_sizes)(int local_size, int* sizes) = nullptr;
  int (*gather)(const double* local, int local_size, double* all, const int* sizes, const int* offsets) = nullptr;
  void (*abort)(int exit_code) = nullptr;
  void (*finish)() = nullptr;
};

namespace {

#ifdef PARLEY_MPI_MODULE
// Set by the launchers of Open MPI (and PMIx-based ones such as srun).
bool launched_by_mpirun() { return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMIX_RANK") || std::getenv("PMI_RANK"); }

std::size_t environment_count(const char* name) {
  const char* value = std::getenv(name);
  const long count = value ? std::strtol(value, nullptr, 10) : 0;
  return count > 0 ? static_cast<std::size_t>(count) : 1;
}

template <class Function>
void bind(void* module, const char* name, Function*& function) {
  function = reinterpret_cast<Function*>(dlsym(module, name));
  if (!function) throw std::runtime_error(std::string("parley's MPI module lacks ") + name);
}

// RTLD_GLOBAL: Open MPI's own plug-ins resolve libmpi's symbols through the global scope.
Processes::Mpi load_mpi_module() {
  const std::filesystem::path path = std::filesystem::read_symlink("/proc/self/exe").parent_path() / PARLEY_MPI_MODULE;
  void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (!module)
    throw std::runtime_error("started by mpirun, but parley's MPI module " + path.string() + " does not load: " +
                             dlerror());
  Processes::Mpi mpi;
  bind(module, "parley_mpi_start", mpi.start);
  bind(module, "parley_mpi_gather_sizes", mpi.gather_sizes);
  bind(module, "parley_mpi_gather", mpi.gather);
  bind(module, "parley_mpi_abort", mpi.abort);
  bind(module, "parley_mpi_finish", mpi.finish);
  return mpi;  // the module stays loaded for the life of the process
}
#endif

}  // namespace

Processes::Processes() {
#ifdef PARLEY_MPI_MODULE
  if (!launched_by_mpirun()) return;
  mpi_ = std::make_unique<Mpi>(load_mpi_module());
  int rank = 0;
  int size = 1;
  if (mpi_->start(&rank, &size) != 0) throw std::runtime_error("MPI_Init failed");
  rank_ = static_cast<std::size_t>(rank);
  count_ = static_cast<std::size_t>(size);
  local_count_ = environment_count("OMPI_COMM_WORLD_LOCAL_SIZE");
#endif
}

Processes::~Processes() {
#ifdef PARLEY_MPI_MODULE
  if (mpi_) mpi_->finish();
#endif
}

std::vector<double> Processes::gather(const std::vector<double>& local) const {
  if (count_ == 1) return local;
#ifdef PARLEY_MPI_MODULE
  const int local_size = static_cast<int>(local.size());
  std::vector<int> sizes(count_);
  if (mpi_->gather_sizes(local_size, sizes.data()) != 0) throw std::runtime_error("MPI_Gather failed");
  std::vector<int> offsets(count_, 0);
  std::vector<double> all;
  if (leader()) {
    for (std::size_t r = 1; r < count_; ++r) offsets[r] = offsets[r - 1] + sizes[r - 1];
    all.resize(static_cast<std::size_t>(offsets.back() + sizes.back()));
  }
  if (mpi_->gather(local.data(), local_size, all.data(), sizes.data(), offsets.data()) != 0)
    throw std::runtime_error("MPI_Gatherv failed");
  return all;
#else
  return local;
#endif
}

void Processes::abort(int exit_code) const {
#ifdef PARLEY_MPI_MODULE
  if (mpi_) mpi_->abort(exit_code);
#endif
  std::exit(exit_code);
}

}  // namespace parley::cli
