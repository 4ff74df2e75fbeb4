// The processes sharing one run: several under `mpirun -np K` when parley is built with MPI
// (PARLEY_MPI), one otherwise. MPI is loaded (from the module mpi_module.cpp) and started only
// when a launcher started this process, so a plain `parley` never touches it.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace parley::cli {

class Processes {
 public:
  Processes();
  ~Processes();
  Processes(const Processes&) = delete;
  Processes& operator=(const Processes&) = delete;
  struct Mpi;  // the MPI module's functions, bound when started by mpirun

  [[nodiscard]] std::size_t rank() const { return rank_; }
  [[nodiscard]] std::size_t count() const { return count_; }
  [[nodiscard]] bool leader() const { return rank_ == 0; }
  // How many of the processes run on this machine (to share its cores).
  [[nodiscard]] std::size_t local_count() const { return local_count_; }

  // Every process's values, concatenated in rank order, on rank 0; empty on the others.
  [[nodiscard]] std::vector<double> gather(const std::vector<double>& local) const;

  // Ends every process (a failure in one would leave the others waiting in gather()).
  [[noreturn]] void abort(int exit_code) const;

 private:
  std::size_t rank_ = 0;
  std::size_t count_ = 1;
  std::size_t local_count_ = 1;
  std::unique_ptr<Mpi> mpi_;  // only when started by mpirun
};

}  // namespace parley::cli
