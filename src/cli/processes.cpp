#include "processes.hpp"

#include <cstdlib>
#include <stdexcept>

#ifdef PARLEY_MPI
#include <mpi.h>
#endif

namespace parley::cli {
namespace {

#ifdef PARLEY_MPI
// Set by the launchers of Open MPI (and PMIx-based ones such as srun).
bool launched_by_mpirun() { return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMIX_RANK") || std::getenv("PMI_RANK"); }

std::size_t environment_count(const char* name) {
  const char* value = std::getenv(name);
  const long count = value ? std::strtol(value, nullptr, 10) : 0;
  return count > 0 ? static_cast<std::size_t>(count) : 1;
}
#endif

}  // namespace

Processes::Processes() {
#ifdef PARLEY_MPI
  if (!launched_by_mpirun()) return;
  if (MPI_Init(nullptr, nullptr) != MPI_SUCCESS) throw std::runtime_error("MPI_Init failed");
  started_mpi_ = true;
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  rank_ = static_cast<std::size_t>(rank);
  count_ = static_cast<std::size_t>(size);
  local_count_ = environment_count("OMPI_COMM_WORLD_LOCAL_SIZE");
#endif
}

Processes::~Processes() {
#ifdef PARLEY_MPI
  if (started_mpi_) MPI_Finalize();
#endif
}

std::vector<double> Processes::gather(const std::vector<double>& local) const {
  if (count_ == 1) return local;
#ifdef PARLEY_MPI
  int local_size = static_cast<int>(local.size());
  std::vector<int> sizes(count_);
  MPI_Gather(&local_size, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<int> offsets(count_, 0);
  std::vector<double> all;
  if (leader()) {
    for (std::size_t r = 1; r < count_; ++r) offsets[r] = offsets[r - 1] + sizes[r - 1];
    all.resize(static_cast<std::size_t>(offsets.back() + sizes.back()));
  }
  MPI_Gatherv(local.data(), local_size, MPI_DOUBLE, all.data(), sizes.data(), offsets.data(), MPI_DOUBLE, 0,
              MPI_COMM_WORLD);
  return all;
#else
  return local;
#endif
}

void Processes::abort(int exit_code) const {
#ifdef PARLEY_MPI
  if (started_mpi_) MPI_Abort(MPI_COMM_WORLD, exit_code);
#endif
  std::exit(exit_code);
}

}  // namespace parley::cli
