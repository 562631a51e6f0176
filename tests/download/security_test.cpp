// Hostile URLs, redirects and headers from a real fileserver: nothing is ever
// written outside the output folder, only http and https are followed, and no
// password reaches any output.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <set>

#include "harness.hpp"

using namespace parakit::test;
using nlohmann::json;

namespace {

struct Site {
  TempDir root;
  std::string content = random_bytes(50000, 7);
  std::unique_ptr<ServerProcess> server;

  Site() {
    std::filesystem::create_directory(root / "srv");
    write_file(root / "srv" / "f.bin", content);
    write_file(root / "srv" / "\xFF\xFE.bin", content);     // not UTF-8
    server = std::make_unique<ServerProcess>(std::vector<std::string>{"--dir", (root / "srv").string(), "--faults"});
  }
  // Deep inside the scratch folder, so "../.." from it still lands inside the scratch folder.
  std::filesystem::path out() const { return root / "a" / "b" / "out"; }
};

// Every file under `root`, relative to it, except the server's own.
std::set<std::string> files_under(const std::filesystem::path& root) {
  std::set<std::string> found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    const std::string relative = entry.path().lexically_relative(root).string();
    if (!entry.is_directory() && relative.rfind("srv/", 0) != 0) found.insert(relative);
  }
  return found;
}

std::string escaped(const std::string& text) { return json(text).dump(); }

}  // namespace

TEST_CASE("hostile names and redirects never write outside the output folder", "[net][security]") {
  Site s;
  const std::string here = s.server->url("");
  const std::string long_name(300, 'n');
  const std::vector<std::string> urls = {
      s.server->url("/%2e%2e%2f%2e%2e%2f%2e%2e%2fescape.bin"),   // 0
      s.server->url("/..%2F..%2F..%2Fescape.bin"),               // 1
      s.server->url("/f.bin%00.sh"),                             // 2: NUL
      s.server->url("/%0a%0d%09tab.bin"),                        // 3: control characters
      s.server->url("/%FF%FE.bin"),                              // 4: served, not UTF-8
      s.server->url("/%1B%5B31mred.bin"),                        // 5: a terminal escape
      s.server->url("/" + long_name + ".bin"),                   // 6: too long for most file systems
      s.server->url("/redirect?to=/f.bin"),                      // 7: the name comes from the URL given
      s.server->url("/redirect?to=" + here + "/..%252F..%252Fescape.bin&code=301"),  // 8
      s.server->url("/redirect?to=/../../../f.bin&code=307"),    // 9
      s.server->url("/f.bin?disposition=attachment%3B%20filename%3D%22..%2F..%2F..%2Fevil.sh%22"),  // 10
      s.server->url("/f.bin?again"),                             // 11: a collision
      s.server->url("/f-2.bin"),                                 // 12: its name looks like a collision suffix
  };
  std::vector<std::string> argv = {kDownload, "--json", "-o", s.out().string(), "--retries", "0", "--driver", "threads"};
  argv.insert(argv.end(), urls.begin(), urls.end());
  const RunResult r = run(argv);
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 1);
  const json report = json::parse(r.out);  // valid JSON, whatever bytes the names held
  const json& f = report["files"];
  REQUIRE(f.size() == urls.size());
  const std::vector<std::string> expected = {
      "_.._.._escape.bin", "_.._.._escape-2.bin", "f.bin_.sh", "___tab.bin", "__.bin", "_[31mred.bin",
      std::string(200, 'n'), "redirect", "redirect-2", "redirect-3", "f.bin", "f-2.bin", "f-2-2.bin"};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO(i);
    CHECK(f[i]["path"] == (s.out() / expected[i]).string());
  }
  for (std::size_t i : {4, 7, 9, 10, 11}) {
    INFO(i << ": " << f[i]["error"]);
    CHECK(f[i]["status"] == "ok");
    CHECK(digest(read_file(s.out() / expected[i])) == digest(s.content));
  }
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 12}) {
    INFO(i);
    CHECK(f[i]["error"] == "HTTP 404");
  }
  // Only the saved files, all of them directly in the output folder.
  std::set<std::string> wanted;
  for (std::size_t i : {4, 7, 9, 10, 11}) wanted.insert("a/b/out/" + expected[i]);
  CHECK(files_under(s.root.path()) == wanted);
  CHECK(r.err.find('\x1B') == std::string::npos);
}

TEST_CASE("redirects to other schemes are refused, whatever the status", "[net][security]") {
  Site s;
  const std::vector<std::string> targets = {"file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/x",
                                            "dict://127.0.0.1/d:x", "ldap://127.0.0.1/x", "scp://127.0.0.1/x",
                                            "telnet://127.0.0.1/", "tftp://127.0.0.1/x", "smb://127.0.0.1/x/y"};
  std::vector<std::string> argv = {kDownload, "--json", "-o", s.out().string(), "--retries", "2", "--retry-delay", "0.01"};
  const char* codes[] = {"301", "302", "303", "307", "308"};
  for (std::size_t i = 0; i < targets.size(); ++i) {
    // The target is percent-encoded into the query, as a real server's Location is not.
    std::string encoded;
    for (unsigned char c : targets[i]) encoded += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
    argv.push_back(s.server->url(fmt::format("/redirect?code={}&to={}", codes[i % 5], encoded)));
  }
  const RunResult r = run(argv);
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 1);
  const json report = json::parse(r.out);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    INFO(targets[i]);
    const json& f = report["files"][i];
    CHECK(f["status"] == "failed");
    CHECK(f["attempts"] == 1);  // a refusal is not retried
    CHECK(f["error"].get<std::string>().rfind("refused a redirect to a scheme other than http or https: " + targets[i], 0) == 0);
  }
  CHECK(files_under(s.root.path()).empty());
}

TEST_CASE("the first URL must be http or https: one line, exit 2, nothing written", "[net][security]") {
  Site s;
  for (const std::string url : {"file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/x", "dict://127.0.0.1/d:x",
                                "FILE:///etc/passwd", "ldaps://127.0.0.1/x", "javascript:alert(1)"}) {
    INFO(url);
    const RunResult r = run({kDownload, "-o", s.out().string(), url});
    CHECK(r.exit_code == 2);
    CHECK(count_lines(r.err) == 1);
    CHECK(r.err.rfind("download: error: '" + url + "' ", 0) == 0);
  }
  CHECK_FALSE(std::filesystem::exists(s.out()));
}

TEST_CASE("max-size stops the transfer as soon as the limit is passed and leaves nothing", "[net][security]") {
  Site s;
  const std::string limit = "20000";  // the file has 50000 bytes
  const RunResult r = run({kDownload, "--json", "-o", s.out().string(), "--max-size", limit, "--continue",
                           s.server->url("/f.bin"), s.server->url("/f.bin?chunked=1"),
                           s.server->url("/redirect?to=/f.bin%3Fchunked%3D1"), s.server->url("/status/200")});
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 1);
  const json f = json::parse(r.out)["files"];
  CHECK(f[0]["error"] == "larger than --max-size (20000 bytes): the server announced 50000 bytes");
  CHECK(f[0]["bytes"] == 0);
  CHECK(f[1]["error"] == "larger than --max-size (20000 bytes): stopped when more arrived");
  CHECK(f[2]["error"] == "larger than --max-size (20000 bytes): stopped when more arrived");
  for (int i : {0, 1, 2}) CHECK(f[i]["attempts"] == 1);
  CHECK(f[3]["status"] == "ok");
  // Not even a part file for --continue: the same body would be refused again.
  CHECK(files_under(s.root.path()) == std::set<std::string>{"a/b/out/200"});
}

TEST_CASE("no password from a URL or a proxy reaches the report, the errors or the trace", "[net][security]") {
  Site s;
  const std::string host = s.server->url("").substr(7);  // "127.0.0.1:PORT"
  const std::vector<std::string> urls = {"http://ann:s3cret-pw@" + host + "/f.bin", "http://t0ken-s3cret@" + host + "/status/404",
                                         "http://bob:s3cret-2@127.0.0.1:1/unreachable.bin"};
  // Each run writes its own folder, trace and manifest.
  auto outputs = [&](const std::string& run_name) {
    const auto out = s.root / run_name;
    return std::vector<std::string>{"-o", out.string(), "--trace", (s.root / (run_name + ".json")).string(),
                                    "--manifest", (out / "SHA256SUMS").string()};
  };
  auto check_clean = [&](const RunResult& r, const std::string& run_name) {
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("s3cret") == std::string::npos);
    CHECK(r.err.find("s3cret") == std::string::npos);
    CHECK(read_file(s.root / (run_name + ".json")).find("s3cret") == std::string::npos);
    CHECK(read_file(s.root / run_name / "SHA256SUMS").find("s3cret") == std::string::npos);
  };
  std::vector<std::string> argv = {kDownload, "--retries", "0", "--connect-timeout", "2"};
  argv.insert(argv.end(), urls.begin(), urls.end());
  auto with = [](std::vector<std::string> base, const std::vector<std::string>& more) {
    base.insert(base.end(), more.begin(), more.end());
    return base;
  };
  const RunResult as_json = run(with(with(argv, outputs("json")), {"--json"}));
  check_clean(as_json, "json");
  const json f = json::parse(as_json.out)["files"];
  CHECK(f[0]["url"] == "http://ann:***@" + host + "/f.bin");
  CHECK(f[0]["status"] == "ok");
  CHECK(f[1]["url"] == "http://***@" + host + "/status/404");
  CHECK(f[2]["url"] == "http://bob:***@127.0.0.1:1/unreachable.bin");
  CHECK(digest(read_file(s.root / "json" / "f.bin")) == digest(s.content));
  CHECK(read_file(s.root / "json.json").find(escaped("http://ann:***@" + host + "/f.bin")) != std::string::npos);

  check_clean(run(with(argv, outputs("table"))), "table");

  // A proxy with credentials (here a closed port, so every transfer fails through it).
  std::vector<std::string> proxied = {"/usr/bin/env", "http_proxy=http://pxuser:s3cret-proxy@127.0.0.1:1",
                                      "HTTPS_PROXY=http://pxuser:s3cret-proxy@127.0.0.1:1"};
  const RunResult via_proxy = run(with(with(with(proxied, argv), outputs("proxy")), {"--json"}));
  check_clean(via_proxy, "proxy");
  CHECK(json::parse(via_proxy.out)["totals"]["failed"] == 3);

  // Bad input quotes the URL, without its password.
  const RunResult bad = run({kDownload, "-o", (s.root / "bad").string(), "ftp://ann:s3cret-pw@" + host + "/x"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == "download: error: 'ftp://ann:***@" + host + "/x' uses the ftp scheme; only http and https are allowed\n");
}

TEST_CASE("paths that are not UTF-8 are bad input, not a crash after the download", "[net][security]") {
  Site s;
  for (const std::string flag : {"-o", "--manifest", "--trace"}) {
    INFO(flag);
    std::vector<std::string> argv = {kDownload, s.server->url("/f.bin")};
    if (flag != "-o") argv.insert(argv.end(), {"-o", s.out().string()});
    argv.insert(argv.end(), {flag, (s.root / "\xFF").string()});
    const RunResult r = run(argv);
    CHECK(r.exit_code == 2);
    CHECK(count_lines(r.err) == 1);
    CHECK(r.err.find("is not valid UTF-8") != std::string::npos);
  }
  CHECK(files_under(s.root.path()).empty());
}
