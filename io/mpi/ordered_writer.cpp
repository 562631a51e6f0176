#include "io/mpi/ordered_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <span>
#include <fmt/format.h>
#include <stdexcept>

#include "io/atomic_file.hpp"
#include "io/piece_spool.hpp"

namespace parakit {
namespace {

std::string mpi_error_text(int code) {
  // The classes a user can act on read as the system's own words.
  int error_class = 0;
  MPI_Error_class(code, &error_class);
  switch (error_class) {
    case MPI_ERR_NO_SPACE: return std::strerror(ENOSPC);
    case MPI_ERR_QUOTA: return std::strerror(EDQUOT);
    case MPI_ERR_READ_ONLY: return std::strerror(EROFS);
    case MPI_ERR_ACCESS: return std::strerror(EACCES);
    case MPI_ERR_NO_SUCH_FILE: return std::strerror(ENOENT);
    default: break;
  }
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  return std::string(text, static_cast<std::size_t>(length));
}

// Every rank learns whether any rank failed, so all throw together and none
// hangs in a later collective. `failure` is this rank's reason, or empty.
void agree_or_throw(MPI_Comm comm, const std::string& failure, const std::string& what) {
  int worst = failure.empty() ? 0 : 1;
  MPI_Allreduce(MPI_IN_PLACE, &worst, 1, MPI_INT, MPI_MAX, comm);
  if (worst != 0) {
    throw std::runtime_error(!failure.empty() ? fmt::format("{}: {}", what, failure)
                                              : fmt::format("{} failed on another rank", what));
  }
}

void agree_or_throw(MPI_Comm comm, int code, const std::string& what) {
  agree_or_throw(comm, code == MPI_SUCCESS ? std::string() : mpi_error_text(code), what);
}

// MPI counts are int: write in slices below 1 GiB.
int write_at(MPI_File file, std::uint64_t offset, const char* bytes, std::uint64_t size) {
  int code = MPI_SUCCESS;
  for (std::uint64_t written = 0; code == MPI_SUCCESS && written < size;) {
    const std::uint64_t slice = std::min<std::uint64_t>(size - written, 1ULL << 30);
    code = MPI_File_write_at(file, static_cast<MPI_Offset>(offset + written), bytes + written,
                             static_cast<int>(slice), MPI_CHAR, MPI_STATUS_IGNORE);
    written += slice;
  }
  return code;
}

// Copies every committed piece of the spools to its place in the file; returns
// the first failure, or an empty string.
std::string copy_spooled(MPI_File file, const std::vector<PieceSpool*>& spooled,
                         const std::vector<std::uint64_t>& offsets) {
  std::vector<char> chunk(std::size_t{4} << 20);
  for (PieceSpool* spool : spooled) {
    for (const PieceSpool::Piece& piece : spool->pieces()) {
      for (std::uint64_t done = 0; done < piece.size;) {
        const std::size_t size = static_cast<std::size_t>(std::min<std::uint64_t>(piece.size - done, chunk.size()));
        try {
          spool->read(piece.offset + done, std::span<char>(chunk.data(), size));
        } catch (const std::exception& e) {
          return e.what();
        }
        const int code = write_at(file, offsets[piece.index] + done, chunk.data(), size);
        if (code != MPI_SUCCESS) return mpi_error_text(code);
        done += size;
      }
    }
  }
  return {};
}

// Creates `path` (which must not exist) with `bytes` allocated on disk;
// returns 0 or the errno of the failure.
int reserve_file(const std::string& path, std::uint64_t bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return errno;
  const int error = bytes == 0 ? 0 : ::posix_fallocate(fd, 0, static_cast<off_t>(bytes));
  const int close_error = ::close(fd) == 0 ? 0 : errno;
  return error != 0 ? error : close_error;
}

}  // namespace

void write_pieces(MPI_Comm comm, const std::string& path, std::uint64_t total,
                  const std::vector<FilePiece>& mine, const std::vector<PieceSpool*>& spooled) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);

  // A spool that could not write (a full disk while computing) fails the file
  // before anything is reserved.
  std::string spool_failure;
  for (PieceSpool* spool : spooled) {
    spool->finish();
    if (spool_failure.empty()) spool_failure = spool->error();
  }
  agree_or_throw(comm, spool_failure, fmt::format("cannot write '{}'", path));

  std::vector<std::uint64_t> sizes(total, 0);
  for (const FilePiece& piece : mine) sizes[piece.index] = piece.bytes.size();
  for (const PieceSpool* spool : spooled) {
    for (const PieceSpool::Piece& piece : spool->pieces()) sizes[piece.index] = piece.size;
  }
  MPI_Allreduce(MPI_IN_PLACE, sizes.data(), static_cast<int>(total), MPI_UINT64_T, MPI_SUM, comm);
  std::vector<std::uint64_t> offsets(total, 0);
  for (std::uint64_t i = 1; i < total; ++i) offsets[i] = offsets[i - 1] + sizes[i - 1];

  // Rank 0 names the temporary so that every rank opens the same one.
  std::string temporary = rank == 0 ? temporary_name_for(path).string() : std::string();
  unsigned long length = temporary.size();
  MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG, 0, comm);
  temporary.resize(length);
  MPI_Bcast(temporary.data(), static_cast<int>(length), MPI_CHAR, 0, comm);

  // Open MPI's OMPIO prints a failed pwrite ("No space left on device") but
  // reports success, which would rename a truncated file into place. So rank
  // 0 creates the temporary and reserves every byte first: a full disk or a
  // file size limit fails here, cleanly, before anything is written.
  const std::uint64_t bytes = offsets.empty() ? 0 : offsets.back() + sizes.back();
  int reserve_error = rank == 0 ? reserve_file(temporary, bytes) : 0;
  MPI_Bcast(&reserve_error, 1, MPI_INT, 0, comm);
  if (reserve_error != 0) {
    if (rank == 0) std::remove(temporary.c_str());
    throw std::runtime_error(fmt::format("cannot write '{}': {}", path, std::strerror(reserve_error)));
  }

  MPI_File file = MPI_FILE_NULL;
  // MPI-IO's default handler returns errors rather than aborting.
  int code = MPI_File_open(comm, temporary.c_str(), MPI_MODE_WRONLY, MPI_INFO_NULL, &file);
  try {
    agree_or_throw(comm, code, fmt::format("cannot write '{}'", path));
  } catch (...) {
    if (rank == 0) std::remove(temporary.c_str());
    throw;
  }

  code = MPI_SUCCESS;
  for (const FilePiece& piece : mine) {
    if (code == MPI_SUCCESS) code = write_at(file, offsets[piece.index], piece.bytes.data(), piece.bytes.size());
  }
  std::string failure = code == MPI_SUCCESS ? copy_spooled(file, spooled, offsets) : mpi_error_text(code);
  // Collective, so every rank calls it even after a failed write: the data
  // reaches the disk before the rename makes it the final file.
  const int sync_code = MPI_File_sync(file);
  const int close_code = MPI_File_close(&file);
  if (failure.empty() && sync_code != MPI_SUCCESS) failure = mpi_error_text(sync_code);
  if (failure.empty() && close_code != MPI_SUCCESS) failure = mpi_error_text(close_code);
  try {
    agree_or_throw(comm, failure, fmt::format("cannot write '{}'", path));
  } catch (...) {
    if (rank == 0) std::remove(temporary.c_str());
    throw;
  }

  int renamed = 1, rename_error = 0;
  if (rank == 0) {
    renamed = std::rename(temporary.c_str(), path.c_str()) == 0 ? 1 : 0;
    rename_error = errno;
  }
  MPI_Bcast(&renamed, 1, MPI_INT, 0, comm);
  if (!renamed) {
    if (rank == 0) std::remove(temporary.c_str());
    throw std::runtime_error(fmt::format("cannot write '{}': {}", path, std::strerror(rename_error)));
  }
}

}  // namespace parakit
