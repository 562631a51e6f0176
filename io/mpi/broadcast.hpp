#pragma once

#include <mpi.h>

#include <string>

namespace parakit {

// Rank 0's string, on every rank: how "rank 0 decides, everyone follows" is
// spread (an error message, a job description, a host name). Collective.
// ROOT other than 0 spreads what one rank alone knows (its own error).
inline std::string broadcast_string(MPI_Comm comm, std::string text, int root = 0) {
  unsigned long length = text.size();
  MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG, root, comm);
  text.resize(length);
  MPI_Bcast(text.data(), static_cast<int>(length), MPI_CHAR, root, comm);
  return text;
}

}  // namespace parakit
