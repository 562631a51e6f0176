// download against a real fileserver on loopback: every driver saves the very
// bytes served, names come out safe and distinct, bad input is one line.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "harness.hpp"
#include "io/http/sha256.hpp"

using namespace parakit::test;
using nlohmann::json;

namespace {

// A folder of files with awkward names and sizes, served with a little latency.
struct Corpus {
  TempDir root;
  std::vector<std::pair<std::string, std::string>> files;  // name, content

  Corpus() {
    std::filesystem::create_directory(root / "srv");
    const std::vector<std::pair<std::string, std::size_t>> shapes = {
        {"empty.bin", 0},         {"one.bin", 1},          {"a b.txt", 1000},       {"100%.dat", 4096},
        {"caf\xC3\xA9.txt", 777}, {"big.bin", 3 << 20},    {"odd.bin", 123457},     {"x.bin", 65536}};
    unsigned seed = 1;
    for (const auto& [name, size] : shapes) files.emplace_back(name, random_bytes(size, seed++));
    for (int i = 0; i < 12; ++i) files.emplace_back(fmt::format("part-{}.bin", i), random_bytes(20000 + i * 1111, seed++));
    for (const auto& [name, content] : files) write_file(root / "srv" / name, content);
  }
};

std::string encode(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      out.push_back(static_cast<char>(c));
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      out += buffer;
    }
  }
  return out;
}

void require_one_line_error(const RunResult& r, const std::string& fragment) {
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(count_lines(r.err) == 1);
  CHECK(r.err.rfind("download: error: ", 0) == 0);
  CHECK(r.err.find(fragment) != std::string::npos);
}

}  // namespace

TEST_CASE("every driver saves byte-exact copies, with sha256 verified", "[net]") {
  Corpus corpus;
  ServerProcess server({"--dir", (corpus.root / "srv").string(), "--latency-ms", "5"});
  std::string list = "# the corpus\n\n";
  for (const auto& [name, content] : corpus.files) {
    list += server.url(fmt::format("/{}", encode(name))) + " sha256=" + parakit::http::sha256_hex(content) + "\n";
  }
  write_file(corpus.root / "urls.txt", list);

  const std::vector<std::vector<std::string>> models = {
      {"--driver", "serial"},
      {"--driver", "threads", "--jobs", "4"},
      {"--driver", "async", "--jobs", "5"},
      {"--driver", "mpi"},
      {"--driver", "hybrid", "--rank-driver", "threads", "--jobs", "3"},
      {"--driver", "hybrid", "--rank-driver", "async", "--jobs", "16", "--schedule", "cyclic"},
  };
  for (const auto& model : models) {
    const std::string label = model[1] + (model.size() > 3 ? " " + model[3] : "");
    SECTION(label) {
      const auto out = corpus.root / "out";
      std::vector<std::string> argv = {kDownload, "-i", (corpus.root / "urls.txt").string(), "-o", out.string(), "--json",
                                       "--manifest", (out / "SHA256SUMS").string()};
      argv.insert(argv.end(), model.begin(), model.end());
      const RunResult r = run(argv);
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
      const json report = json::parse(r.out);
      CHECK(report["totals"]["ok"] == corpus.files.size());
      CHECK(report["totals"]["failed"] == 0);
      REQUIRE(report["files"].size() == corpus.files.size());
      std::size_t total = 0;
      for (std::size_t i = 0; i < corpus.files.size(); ++i) {
        const auto& [name, content] = corpus.files[i];
        const json& f = report["files"][i];
        CHECK(f["status"] == "ok");
        CHECK(f["path"] == (out / name).string());
        CHECK(f["bytes"] == content.size());
        CHECK(f["attempts"] == 1);
        CHECK(f["sha256"] == parakit::http::sha256_hex(content));
        CHECK(f["end"].get<double>() >= f["start"].get<double>());
        CHECK(digest(read_file(out / name)) == digest(content));
        total += content.size();
      }
      CHECK(report["totals"]["bytes"] == total);
      CHECK(partial_files(out).empty());
      // Only the files and the manifest: nothing else left in the folder.
      CHECK(std::distance(std::filesystem::directory_iterator(out), std::filesystem::directory_iterator()) ==
            static_cast<long>(corpus.files.size() + 1));
      const RunResult check = run({"/usr/bin/env", "-C", out.string(), "sha256sum", "-c", "--strict", "SHA256SUMS"});
      CHECK(check.exit_code == 0);
      CHECK(count_lines(check.out) == corpus.files.size());
    }
  }
}

TEST_CASE("{host} in -o gives the host its own folder, and the summary names the host of every file", "[net]") {
  Corpus corpus;
  ServerProcess server({"--dir", (corpus.root / "srv").string()});
  char name[256] = {};
  REQUIRE(::gethostname(name, sizeof name - 1) == 0);
  const std::string host = name;
  const std::string pattern = (corpus.root / "out" / "{host}").string();
  const auto folder = corpus.root / "out" / host;

  const RunResult r = run({kDownload, "-o", pattern, "--json", "--driver", "threads", "--jobs", "2",
                           server.url("/one.bin"), server.url("/x.bin")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const json report = json::parse(r.out);
  CHECK(report["output_dir"] == pattern);
  CHECK(report["output_dirs"] == json{{host, folder.string()}});
  for (const json& f : report["files"]) {
    CHECK(f["host"] == host);
    CHECK(f["path"].get<std::string>().rfind(folder.string() + "/", 0) == 0);
  }
  CHECK(digest(read_file(folder / "x.bin")) == digest(corpus.files[7].second));
  CHECK_FALSE(std::filesystem::exists(corpus.root / "out" / "{host}"));

  const RunResult table = run({kDownload, "-o", pattern, "--driver", "serial", server.url("/one.bin")});
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find(fmt::format("    on {:<10} {}\n", host, folder.string())) != std::string::npos);
  CHECK(table.out.find(fmt::format("  {}  ", host)) != std::string::npos);  // the host column
}

TEST_CASE("names are decoded and made safe, collisions get distinct names, nothing lands outside", "[net]") {
  Corpus corpus;
  ServerProcess server({"--dir", (corpus.root / "srv").string(), "--faults"});
  const auto out = corpus.root / "out";
  const RunResult r = run({kDownload, "-o", out.string(), "--json", "--driver", "async", "--retries", "0",
                           server.url("/a%20b.txt"), server.url("/a%20b.txt?range=off"), server.url("/100%25.dat"),
                           server.url("/x.bin"), server.url("/x.bin?again=1"), server.url("/x.bin?third"),
                           server.url("/caf%C3%A9.txt"), server.url("/..%2F..%2Fescape.txt"), server.url("/")});
  const json report = json::parse(r.out);
  const std::vector<std::string> expected = {"a b.txt", "a b-2.txt", "100%.dat", "x.bin", "x-2.bin", "x-3.bin",
                                             "caf\xC3\xA9.txt", "_.._escape.txt"};
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(report["files"][i]["path"] == (out / expected[i]).string());
  CHECK(digest(read_file(out / "a b-2.txt")) == digest(corpus.files[2].second));
  CHECK(digest(read_file(out / "x-3.bin")) == digest(corpus.files[7].second));
  // The server refuses the ".." path and has no "/": both fail, alone.
  CHECK(report["files"][7]["status"] == "failed");
  CHECK(report["files"][7]["error"] == "HTTP 404");
  CHECK(report["files"][8]["status"] == "failed");
  CHECK(report["files"][8]["path"].get<std::string>().rfind((out / "download-").string(), 0) == 0);
  CHECK(report["totals"]["ok"] == 7);
  CHECK(r.exit_code == 1);
  CHECK_FALSE(std::filesystem::exists(corpus.root / "escape.txt"));
  CHECK_FALSE(std::filesystem::exists(out / "_.._escape.txt"));
  CHECK(std::distance(std::filesystem::directory_iterator(out), std::filesystem::directory_iterator()) == 7);
}

// AddressSanitizer keeps freed blocks in a quarantine of up to 256 MiB before
// reusing them, so memory freed during the transfer counts towards the peak.
// The margin stays well under the 200 MiB that holding the body would add.
#if defined(__SANITIZE_ADDRESS__)
constexpr long kFlatMemoryMarginKib = 96 * 1024;
#else
constexpr long kFlatMemoryMarginKib = 32 * 1024;
#endif

TEST_CASE("a 200 MiB file streams to disk with flat memory", "[net]") {
  TempDir root;
  std::filesystem::create_directory(root / "srv");
  // 200 MiB of a 1 MiB random block repeated, with each MiB stamped, so no two
  // MiB are alike and a misplaced chunk would show.
  const std::string block = random_bytes(1 << 20, 7);
  {
    std::ofstream big(root / "srv" / "big.bin", std::ios::binary);
    for (int i = 0; i < 200; ++i) {
      std::string chunk = block;
      std::snprintf(chunk.data(), 16, "MiB %08d", i);
      big << chunk;
    }
  }
  write_file(root / "srv" / "small.bin", block.substr(0, 4096));
  ServerProcess server({"--dir", (root / "srv").string()});
  const RunResult small = run({kDownload, "-q", "-o", (root / "a").string(), "--driver", "async", server.url("/small.bin")});
  REQUIRE(small.exit_code == 0);
  for (const char* driver : {"async", "threads"}) {
    SECTION(driver) {
      const RunResult r = run({kDownload, "-q", "--json", "-o", (root / "b").string(), "--driver", driver, server.url("/big.bin")});
      REQUIRE(r.exit_code == 0);
      const json report = json::parse(r.out);
      CHECK(report["files"][0]["bytes"] == 200ULL << 20);
      const RunResult cmp = run({"/usr/bin/cmp", (root / "srv" / "big.bin").string(), (root / "b" / "big.bin").string()});
      CHECK(cmp.exit_code == 0);
      // Peak memory against a 4 KiB download by the same program: the body must
      // not be held in memory (200 MiB would show at once).
      INFO("small: " << small.max_rss_kib << " KiB, big: " << r.max_rss_kib << " KiB");
      CHECK(r.max_rss_kib < small.max_rss_kib + kFlatMemoryMarginKib);
    }
  }
}

TEST_CASE("with no URLs, download runs the lesson's experiment and cleans up", "[net]") {
  const RunResult r = run({kDownload, "--json", "--files", "6", "--size", "64KiB", "--latency-ms", "20", "--driver", "threads", "--jobs", "3"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const json report = json::parse(r.out);
  CHECK(report["totals"]["ok"] == 6);
  CHECK(report["totals"]["bytes"] == 6 * 65536);
  CHECK(report["experiment"]["latency_ms"] == 20.0);
  for (const auto& f : report["files"]) CHECK(f["sha256"].get<std::string>().size() == 64);
  CHECK_FALSE(std::filesystem::exists(report["output_dir"].get<std::string>()));
  // The human table: one line per file and the overlap figure.
  const RunResult table = run({kDownload, "--files", "3", "--latency-ms", "1", "--driver", "serial"});
  CHECK(table.exit_code == 0);
  CHECK(table.out.find("saved          3 of 3 files") != std::string::npos);
  CHECK(table.out.find("synthetic-002.bin  ok") != std::string::npos);
}

TEST_CASE("bad input is a one-line error and exit code 2", "[net]") {
  TempDir root;
  write_file(root / "bad.txt", "http://127.0.0.1:1/a\n# fine\nhttp://127.0.0.1:1/b sha256=xyz\n");
  write_file(root / "file", "");
  require_one_line_error(run({kDownload, "-o", (root / "o").string(), "http//missing-colon/a"}), "is not a URL");
  require_one_line_error(run({kDownload, "-o", (root / "o").string(), "ftp://127.0.0.1/a"}), "uses the ftp scheme; only http and https");
  require_one_line_error(run({kDownload, "-o", (root / "o").string(), "file:///etc/passwd"}), "uses the file scheme");
  require_one_line_error(run({kDownload, "-i", (root / "missing.txt").string()}), "cannot read URL list");
  require_one_line_error(run({kDownload, "-i", (root / "bad.txt").string(), "-o", (root / "o").string()}),
                         "bad.txt:3: 'sha256=xyz' is not 64 hex digits");
  require_one_line_error(run({kDownload, "-i", "-", "-o", (root / "o").string()}, "not a url\n"), "standard input:1:");
  require_one_line_error(run({kDownload, "-o", (root / "file" / "sub").string(), "http://127.0.0.1:1/a"}),
                         "cannot create output directory");
  require_one_line_error(run({kDownload, "--driver", "warp"}), "unknown --driver 'warp'");
  require_one_line_error(run({kDownload, "--jobs", "0"}), "--jobs must be between 1 and 1024");
  require_one_line_error(run({kDownload, "--max-size", "lots", "http://127.0.0.1:1/a"}), "--max-size: 'lots' is not a size");
  require_one_line_error(run({kDownload, "--latency-ms", "5", "http://127.0.0.1:1/a"}), "shape the built-in experiment");
  require_one_line_error(run({kDownload, "--no-such-option"}), "--no-such-option");
  CHECK_FALSE(std::filesystem::exists(root / "o"));  // bad input never starts writing

  const RunResult help = run({kDownload, "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("Examples:") != std::string::npos);

  const RunResult nothing = run({kFileserver});
  CHECK(nothing.exit_code == 2);
  CHECK(nothing.err == "fileserver: error: nothing to serve: give --dir DIR or --synthetic N\n");
  const RunResult bad_size = run({kFileserver, "--synthetic", "2", "--size", "huge"});
  CHECK(bad_size.exit_code == 2);
  CHECK(count_lines(bad_size.err) == 1);
}
