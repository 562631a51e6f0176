#pragma once

#include <mpi.h>

#include <cstdint>
#include <string>
#include <vector>

namespace parakit {

class PieceSpool;

// A piece of a file's contents: the `index`-th of `total` pieces in file order.
struct FilePiece {
  std::uint64_t index = 0;
  std::string bytes;
};

// Writes one file from pieces spread over all ranks, in piece order, with MPI-IO.
//
// Each rank holds any subset of the pieces (each piece on exactly one rank). The
// piece sizes are summed over ranks, an exclusive prefix sum turns them into
// offsets, and every rank writes its own pieces at their offsets in parallel.
// The file is written under a temporary name and renamed into place by rank 0
// once every rank has closed it. Collective; throws std::runtime_error (on every
// rank) when the file cannot be opened or written.
//
// Pieces too big for memory come from `spooled` (each committed piece of each
// spool is one piece of the file), copied a few MiB at a time.
void write_pieces(MPI_Comm comm, const std::string& path, std::uint64_t total,
                  const std::vector<FilePiece>& mine, const std::vector<PieceSpool*>& spooled = {});

}  // namespace parakit
