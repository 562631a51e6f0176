// Wrong on purpose: each share is computed with an inclusive last index, then
// walked with `<` as if that index were an exclusive end, so every rank skips
// the last URL of its share; with one rank, the last URL of the list.
// expect-check: 1 rank, 5 files
// expect-hint: synthetic-004.bin (line 5, the last) downloaded by no rank
#include <curl/curl.h>
#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "io/http/curl_handles.hpp"
#include "io/http/file_naming.hpp"
#include "io/http/url_list.hpp"

namespace {

// The indices of the list that `rank` downloads: one block of consecutive
// URLs per rank, from `first` to `last`.
std::vector<std::size_t> share_of(std::size_t count, int rank, int size) {
  const auto n = static_cast<long long>(count);
  const long long first = n * rank / size;
  const long long last = n * (rank + 1) / size - 1;
  std::vector<std::size_t> mine;
  for (long long index = first; index < last; ++index) mine.push_back(static_cast<std::size_t>(index));
  return mine;
}

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// libcurl hands the body over in pieces; each goes straight to the file. A
// short count tells libcurl that writing failed, and it stops the transfer.
std::size_t write_piece(char* data, std::size_t size, std::size_t count, void* file) {
  return std::fwrite(data, size, count, static_cast<std::FILE*>(file)) * size;
}

struct Saved {
  std::uint64_t bytes = 0;
  std::string error;  // empty when the file was saved
};

// Downloads `url` into `target` through a temporary name of this rank's own:
// a file appears under its name only once it is complete, and two ranks that
// fetch the same URL never write into one file.
Saved download(CURL* easy, const std::string& url, const std::filesystem::path& target, int rank) {
  std::string part_name = parakit::http::partial_name(target.filename().string());  // ".NAME.part"
  part_name += '-';
  part_name += std::to_string(rank);
  const std::filesystem::path part = target.parent_path() / part_name;
  File out(std::fopen(part.c_str(), "wb"));
  if (!out) return {0, "cannot create " + part.string()};
  curl_easy_reset(easy);  // the handle is reused (and its connection kept), its settings are not
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, write_piece);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, out.get());
  curl_easy_setopt(easy, CURLOPT_FAILONERROR, 1L);  // a 404 is a failure, not a file holding the error page
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT, 120L);
  const CURLcode code = curl_easy_perform(easy);
  const bool closed = std::fclose(out.release()) == 0;
  std::error_code ignored;
  if (code != CURLE_OK || !closed) {
    std::filesystem::remove(part, ignored);
    return {0, code != CURLE_OK ? curl_easy_strerror(code) : "cannot write " + part.string()};
  }
  std::error_code error;
  const std::uint64_t bytes = std::filesystem::file_size(part, error);
  if (!error) std::filesystem::rename(part, target, error);
  if (error) {
    std::filesystem::remove(part, ignored);
    return {0, "cannot save " + target.string() + ": " + error.message()};
  }
  return {bytes, ""};
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  if (argc != 3) {
    if (rank == 0) std::fprintf(stderr, "usage: %s URL_LIST OUT_DIR  (a list of 'URL [sha256=HEX]' lines)\n", argv[0]);
    MPI_Finalize();
    return 2;
  }
  std::vector<parakit::http::UrlEntry> list;
  try {
    list = parakit::http::read_url_list(argv[1]);
  } catch (const std::exception& problem) {
    if (rank == 0) std::fprintf(stderr, "%s: %s\n", argv[0], problem.what());
    MPI_Finalize();
    return 2;
  }
  const std::filesystem::path out_dir = argv[2];
  std::error_code made;
  std::filesystem::create_directories(out_dir, made);  // every rank: one that finds it made already is fine
  if (made) {
    if (rank == 0) std::fprintf(stderr, "%s: cannot make '%s': %s\n", argv[0], argv[2], made.message().c_str());
    MPI_Finalize();
    return 2;
  }
  std::vector<std::string> urls;
  for (const auto& entry : list) urls.push_back(entry.url);
  const std::vector<std::string> names = parakit::http::assign_file_names(urls);

  const parakit::http::CurlGlobal curl;  // libcurl's set-up, once, before any transfer
  const parakit::http::EasyHandle easy = parakit::http::make_easy();

  // Every rank's clock starts at the same moment, so the times compare.
  MPI_Barrier(MPI_COMM_WORLD);
  const double start = MPI_Wtime();

  double began = 0, ended = 0;  // this rank's first download began, its last ended: seconds after start
  std::size_t files = 0, failures = 0;
  std::uint64_t bytes = 0;
  const std::vector<std::size_t> mine = share_of(list.size(), rank, size);
  for (std::size_t index : mine) {
    if (index == mine.front()) began = MPI_Wtime() - start;
    const Saved saved = download(easy.get(), urls[index], out_dir / names[index], rank);
    ended = MPI_Wtime() - start;
    if (!saved.error.empty()) {
      std::fprintf(stderr, "rank %d: %s: %s\n", rank, urls[index].c_str(), saved.error.c_str());
      ++failures;
      continue;
    }
    ++files;
    bytes += saved.bytes;
    std::printf("rank %d of %d downloaded %s: %llu bytes\n", rank, size, names[index].c_str(),
                static_cast<unsigned long long>(saved.bytes));
    std::fflush(stdout);
  }
  std::printf("rank %d of %d: %zu file%s, %llu bytes, busy %.3f s to %.3f s\n", rank, size, files,
              files == 1 ? "" : "s", static_cast<unsigned long long>(bytes), began, ended);
  std::fflush(stdout);

  // Rank 0 collects every rank's (began, ended): the busy times summed, over
  // the wall time from the common start to the last rank's end.
  const double times[2] = {began, ended};
  std::vector<double> all(rank == 0 ? 2 * static_cast<std::size_t>(size) : 0);
  MPI_Gather(times, 2, MPI_DOUBLE, all.data(), 2, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  if (rank == 0) {
    double busy = 0, wall = 0;
    for (int r = 0; r < size; ++r) {
      busy += all[2 * r + 1] - all[2 * r];
      wall = std::max(wall, all[2 * r + 1]);
    }
    if (wall > 0) {
      std::printf("overlap %.2f: %.3f s of downloads in %.3f s\n", busy / wall, busy, wall);
    } else {
      std::printf("overlap: nothing was downloaded\n");
    }
  }
  MPI_Finalize();
  return failures == 0 ? 0 : 1;
}
