// Each fault route of the fileserver against download: transient faults are
// retried and then succeed, permanent ones fail alone, and no failed transfer
// ever leaves a file under its final name.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "io/http/sha256.hpp"

using namespace parakit::test;
using nlohmann::json;

namespace {

struct Setup {
  TempDir root;
  std::string content = random_bytes(300000, 42);
  std::string big = random_bytes(4 << 20, 43);
  std::unique_ptr<ServerProcess> server;

  Setup() {
    std::filesystem::create_directory(root / "srv");
    write_file(root / "srv" / "f.bin", content);
    write_file(root / "srv" / "big.bin", big);
    server = std::make_unique<ServerProcess>(std::vector<std::string>{"--dir", (root / "srv").string(), "--faults"});
  }
  std::filesystem::path out() const { return root / "out"; }
  json download(const std::vector<std::string>& args, int expected_exit) {
    std::vector<std::string> argv = {kDownload, "--json", "-o", out().string(), "--retry-delay", "0.02"};
    argv.insert(argv.end(), args.begin(), args.end());
    const RunResult r = run(argv);
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == expected_exit);
    return json::parse(r.out);
  }
};

}  // namespace

TEST_CASE("5xx and resets are retried, then the file is exact", "[net][faults]") {
  Setup s;
  for (const char* driver : {"serial", "async", "threads"}) {
    SECTION(driver) {
      const json r = s.download({"--driver", driver, "--retries", "3", s.server->url("/f.bin?fail=500&times=2"),
                                 s.server->url("/f.bin?fail=503&times=1"), s.server->url("/f.bin?fail=reset&times=1"),
                                 s.server->url("/f.bin?fail=short&times=2")},
                                0);
      CHECK(r["files"][0]["attempts"] == 3);
      CHECK(r["files"][1]["attempts"] == 2);
      CHECK(r["files"][2]["attempts"] == 2);
      CHECK(r["files"][3]["attempts"] == 3);
      for (const char* name : {"f.bin", "f-2.bin", "f-3.bin", "f-4.bin"}) CHECK(digest(read_file(s.out() / name)) == digest(s.content));
      CHECK(partial_files(s.out()).empty());
    }
  }
}

TEST_CASE("429 waits for Retry-After before the next attempt", "[net][faults]") {
  Setup s;
  const json r = s.download({"--driver", "async", s.server->url("/f.bin?fail=429&retry_after=1&times=1")}, 0);
  const json& f = r["files"][0];
  CHECK(f["attempts"] == 2);
  CHECK(f["end"].get<double>() - f["start"].get<double>() >= 1.0);  // --retry-delay alone would be 0.02 s
  CHECK(digest(read_file(s.out() / "f.bin")) == digest(s.content));
}

TEST_CASE("permanent failures fail alone, once, and leave no file", "[net][faults]") {
  Setup s;
  std::vector<std::string> args = {
      "--driver", "async", "--retries", "2", "--stall-timeout", "1",
      s.server->url("/status/404"),                          // 0: not retried
      s.server->url("/redirect?to=file:///etc/passwd"),      // 1: refused redirect
      s.server->url("/status/410"),                          // 2
      s.server->url("/missing.bin"),                         // 3: 404
      s.server->url("/status/403"),                          // 4
      s.server->url("/big.bin?fail=short"),                  // 5: short every time
      s.server->url("/status/502?retry_after=0"),            // 6: 5xx every time
      s.server->url("/redirect?to=/status/201"),             // 7: a good redirect
      s.server->url("/status/200"),                          // 8: a small good file, no name
  };
  const json r = s.download(args, 1);
  const json& f = r["files"];
  CHECK(f[0]["error"] == "HTTP 404");
  CHECK(f[0]["attempts"] == 1);
  CHECK(f[1]["error"].get<std::string>().rfind("refused a redirect to a scheme other than http or https", 0) == 0);
  CHECK(f[1]["attempts"] == 1);
  CHECK(f[2]["error"] == "HTTP 410");
  CHECK(f[2]["attempts"] == 1);
  CHECK(f[3]["error"] == "HTTP 404");
  CHECK(f[4]["error"] == "HTTP 403");
  CHECK(f[5]["attempts"] == 3);
  CHECK(f[5]["error"].get<std::string>().find("(after 3 attempts)") != std::string::npos);
  CHECK(f[6]["attempts"] == 3);
  CHECK(f[6]["error"] == "HTTP 502 (after 3 attempts)");
  CHECK(f[7]["status"] == "ok");
  CHECK(f[8]["status"] == "ok");
  CHECK(r["totals"]["ok"] == 2);
  CHECK(r["totals"]["failed"] == 7);
  // Only the good files; no part files without --continue.
  CHECK(std::distance(std::filesystem::directory_iterator(s.out()), std::filesystem::directory_iterator()) == 2);
  CHECK(read_file(s.out() / "redirect-2") == "status 201\n");  // "redirect" went to the file:// one
  CHECK(read_file(s.out() / "200") == "status 200\n");
}

TEST_CASE("a stalled body is given up after --stall-timeout", "[net][faults]") {
  Setup s;
  const json r = s.download({"--stall-timeout", "1", "--retries", "0", s.server->url("/big.bin?fail=stall")}, 1);
  CHECK(r["files"][0]["error"] == "stalled: no data for 1 s");
  CHECK(r["files"][0]["end"].get<double>() < 10.0);  // the server would stall for 120 s
  CHECK(std::filesystem::is_empty(s.out()));
}

TEST_CASE("max-size refuses larger bodies, known in advance or not", "[net][faults]") {
  Setup s;
  const json r = s.download({"--max-size", "100000", s.server->url("/f.bin"), s.server->url("/redirect?to=/big.bin"),
                             s.server->url("/status/200")},
                            1);
  CHECK(r["files"][0]["error"] == "larger than --max-size (100000 bytes): the server announced 300000 bytes");
  CHECK(r["files"][0]["attempts"] == 1);
  CHECK(r["files"][1]["error"] == "larger than --max-size (100000 bytes): the server announced 4194304 bytes");
  CHECK(r["files"][2]["status"] == "ok");
  CHECK(std::distance(std::filesystem::directory_iterator(s.out()), std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("a wrong sha256 fails the file and removes it", "[net][faults]") {
  Setup s;
  write_file(s.root / "list", s.server->url("/f.bin") + " sha256=" + std::string(64, '0') + "\n" + s.server->url("/big.bin") +
                                  " sha256=" + parakit::http::sha256_hex(s.big) + "\n");
  const json r = s.download({"-i", (s.root / "list").string(), "--continue"}, 1);
  CHECK(r["files"][0]["error"] == "sha256 mismatch: got " + parakit::http::sha256_hex(s.content) + ", expected " + std::string(64, '0'));
  CHECK(r["files"][1]["status"] == "ok");
  CHECK_FALSE(std::filesystem::exists(s.out() / "f.bin"));
  CHECK(partial_files(s.out()).empty());  // a wrong body is not kept even for --continue
}

TEST_CASE("continue (-c) resumes an interrupted transfer with a Range request", "[net][faults]") {
  Setup s;
  const std::string range_mode = GENERATE(std::string("on"), std::string("off"));
  const std::string url = s.server->url("/big.bin?fail=short&times=1" + std::string(range_mode == "off" ? "&range=off" : ""));
  // First run: the body is cut at half, no retries: the part stays, the name does not appear.
  const json first = s.download({"--continue", "--retries", "0", "--driver", "serial", url}, 1);
  CHECK(first["files"][0]["status"] == "failed");
  CHECK(first["files"][0]["bytes"] == s.big.size() / 2);
  CHECK_FALSE(std::filesystem::exists(s.out() / "big.bin"));
  REQUIRE(partial_files(s.out()) == std::vector<std::string>{".big.bin.part"});
  CHECK(digest(read_file(s.out() / ".big.bin.part")) == digest(s.big.substr(0, s.big.size() / 2)));

  const json second = s.download({"--continue", "--driver", "async", url}, 0);
  const json& f = second["files"][0];
  CHECK(f["status"] == "ok");
  // Without Range support libcurl refuses the whole body once; the second
  // attempt asks for it from the start.
  CHECK(f["attempts"] == (range_mode == "on" ? 1 : 2));
  // With Range the second half is all that travels; without it the part starts over.
  CHECK(f["resumed_from"] == (range_mode == "on" ? s.big.size() / 2 : 0));
  CHECK(f["sha256"] == parakit::http::sha256_hex(s.big));
  CHECK(digest(read_file(s.out() / "big.bin")) == digest(s.big));
  CHECK(partial_files(s.out()).empty());
}

TEST_CASE("without --continue a failed transfer leaves nothing behind", "[net][faults]") {
  Setup s;
  const json r = s.download({"--retries", "0", "--driver", "threads", s.server->url("/big.bin?fail=reset")}, 1);
  CHECK(r["files"][0]["status"] == "failed");
  CHECK(std::filesystem::is_empty(s.out()));
}

TEST_CASE("an unreachable server is retried, then fails without stopping the others", "[net][faults]") {
  Setup s;
  // A port that was free a moment ago: connection refused.
  int dead_port = 0;
  {
    ServerProcess gone({"--synthetic", "1"});
    dead_port = gone.port();
  }
  const json r = s.download({"--driver", "async", "--retries", "1", "http://127.0.0.1:" + std::to_string(dead_port) + "/x.bin",
                             s.server->url("/f.bin")},
                            1);
  CHECK(r["files"][0]["attempts"] == 2);
  CHECK(r["files"][0]["error"].get<std::string>().find("onnect") != std::string::npos);
  CHECK(digest(read_file(s.out() / "f.bin")) == digest(s.content));
}
