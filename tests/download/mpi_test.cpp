// download under tools/mpirun-local with 1 to 4 ranks: the same bytes as a
// serial run, and the schedules hand each rank the files they promise.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "io/http/sha256.hpp"

using namespace parakit::test;
using nlohmann::json;

TEST_CASE("mpi and hybrid save byte-exact copies with 1 to 4 ranks", "[net][mpi]") {
  TempDir root;
  std::filesystem::create_directory(root / "srv");
  std::vector<std::string> contents;
  for (int i = 0; i < 13; ++i) {
    contents.push_back(random_bytes(10000 + 7919 * i, 100 + i));
    write_file(root / "srv" / (fmt::format("f{}.bin", i)), contents.back());
  }
  ServerProcess server({"--dir", (root / "srv").string(), "--latency-ms", "5"});
  std::string list;
  for (int i = 0; i < 13; ++i) {
    list += server.url(fmt::format("/f{}.bin", i)) + " sha256=" + parakit::http::sha256_hex(contents[i]) + "\n";
  }
  write_file(root / "urls.txt", list);

  // Every rank count under both drivers, the schedules spread over them (each
  // mpirun costs about a second of start-up on two cores).
  const auto [np, driver, schedule] = GENERATE(table<int, std::string, std::string>({
      {1, "mpi", "dynamic"}, {2, "mpi", "cyclic"}, {3, "mpi", "block"}, {4, "mpi", "dynamic"},
      {1, "hybrid", "block"}, {2, "hybrid", "dynamic"}, {3, "hybrid", "cyclic"}, {4, "hybrid", "block"}}));
  const auto out = root / ("out-" + std::to_string(np) + schedule + driver);
  const RunResult r = run({kMpirun, "-np", std::to_string(np), kDownload, "--driver", driver, "--schedule", schedule,
                           "--rank-driver", "async", "--jobs", driver == "hybrid" ? "3" : "1", "-i",
                           (root / "urls.txt").string(), "-o", out.string(), "--json"},
                          "", 120);
  INFO("np " << np << " " << driver << " " << schedule << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  const json report = json::parse(r.out);
  CHECK(report["ranks"] == np);
  REQUIRE(report["files"].size() == 13);
  for (int i = 0; i < 13; ++i) {
    const json& f = report["files"][i];
    CHECK(f["status"] == "ok");
    CHECK(digest(read_file(out / (fmt::format("f{}.bin", i)))) == digest(contents[i]));
    const int rank = f["rank"];
    CHECK(rank >= 0);
    CHECK(rank < np);
    if (schedule == "cyclic") CHECK(rank == i % np);
    if (schedule == "block") {
      // Rank r owns files [13 r / np, 13 (r + 1) / np).
      CHECK(13 * rank / np <= i);
      CHECK(i < 13 * (rank + 1) / np);
    }
  }
  CHECK(partial_files(out).empty());
}
