// The MPI calls of Processes, in a module of their own that parley loads only when mpirun
// started it: linking Open MPI into the executable made every plain `parley` load nine more
// shared libraries (libmpi, libopen-pal, hwloc, libevent, ...), about 2 ms of start-up per call.
// A C interface, so the executable needs no MPI headers; 0 means success.
#include <mpi.h>

extern "C" {

int parley_mpi_start(int* rank, int* size) {
  if (MPI_Init(nullptr, nullptr) != MPI_SUCCESS) return 1;
  MPI_Comm_rank(MPI_COMM_WORLD, rank);
  MPI_Comm_size(MPI_COMM_WORLD, size);
  return 0;
}

// Every rank's local_size into `sizes` (one per rank) on rank 0.
int parley_mpi_gather_sizes(int local_size, int* sizes) {
  return MPI_Gather(&local_size, 1, MPI_INT, sizes, 1, MPI_INT, 0, MPI_COMM_WORLD) == MPI_SUCCESS ? 0 : 1;
}

// Every rank's values, concatenated in rank order at `offsets`, into `all` on rank 0.
int parley_mpi_gather(const double* local, int local_size, double* all, const int* sizes, const int* offsets) {
  return MPI_Gatherv(local, local_size, MPI_DOUBLE, all, sizes, offsets, MPI_DOUBLE, 0, MPI_COMM_WORLD) ==
                 MPI_SUCCESS
             ? 0
             : 1;
}

void parley_mpi_abort(int exit_code) { MPI_Abort(MPI_COMM_WORLD, exit_code); }

void parley_mpi_finish() { MPI_Finalize(); }

}  // extern "C"
