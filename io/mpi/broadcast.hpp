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

// True on every rank when `mine` is true on any rank: a failure one rank alone
// met (rank 0 writing a file) ends every rank the same way, so none is left
// waiting in a collective the others never reach. Collective.
inline bool any_rank(MPI_Comm comm, bool mine) {
  int flag = mine ? 1 : 0;
  MPI_Allreduce(MPI_IN_PLACE, &flag, 1, MPI_INT, MPI_MAX, comm);
  return flag != 0;
}

}  // namespace parakit
