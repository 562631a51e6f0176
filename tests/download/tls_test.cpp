// download over real TLS: a fileserver with a certificate from a throwaway CA
// made here with the openssl command. Certificates are checked by default,
// --cacert trusts a private CA, a certificate for another name is refused, and
// --insecure (with a warning) checks nothing.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "harness.hpp"

using namespace parakit::test;
using nlohmann::json;

namespace {

// A CA, a server certificate it signed for IP 127.0.0.1, and one it signed for another name.
struct Certificates {
  TempDir dir;
  bool made = false;

  std::filesystem::path path(const std::string& name) const { return dir / name; }

  bool openssl(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"/usr/bin/env", "openssl"};  // from PATH (tools/install-deps test)
    argv.insert(argv.end(), args.begin(), args.end());
    const RunResult r = run(argv);
    if (r.exit_code != 0) WARN("openssl " << args[0] << " failed (exit " << r.exit_code << "): " << r.err);
    return r.exit_code == 0;
  }

  bool server_certificate(const std::string& name, const std::string& alt_name) {
    write_file(path(name + ".ext"), "subjectAltName=" + alt_name + "\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
    return openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                    path(name + ".key").string(), "-out", path(name + ".csr").string(), "-subj", "/CN=parakit test server"}) &&
           openssl({"x509", "-req", "-in", path(name + ".csr").string(), "-CA", path("ca.pem").string(), "-CAkey",
                    path("ca.key").string(), "-CAcreateserial", "-days", "2", "-extfile", path(name + ".ext").string(),
                    "-out", path(name + ".pem").string()});
  }

  Certificates() {
    made = openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                    path("ca.key").string(), "-out", path("ca.pem").string(), "-days", "2", "-subj", "/CN=parakit test CA",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"}) &&
           server_certificate("right", "IP:127.0.0.1") && server_certificate("wrong", "DNS:wrong.example");
  }
};

struct TlsSite {
  TempDir root;
  std::string content = random_bytes(123457, 11);
  std::unique_ptr<ServerProcess> server;

  TlsSite(const Certificates& certs, const std::string& which) {
    std::filesystem::create_directory(root / "srv");
    write_file(root / "srv" / "data.bin", content);
    server = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--dir", (root / "srv").string(), "--tls-cert", certs.path(which + ".pem").string(), "--tls-key",
        certs.path(which + ".key").string()});
  }
  RunResult download(std::vector<std::string> args) {
    std::vector<std::string> argv = {kDownload, "--json", "-o", (root / "out").string(), "--retries", "1", "--retry-delay", "0.01"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back(server->url("/data.bin"));
    return run(argv);
  }
};

}  // namespace

TEST_CASE("TLS: certificates are verified by default and --cacert trusts a private CA", "[net][tls]") {
  Certificates certs;
  REQUIRE(certs.made);
  TlsSite site(certs, "right");
  REQUIRE(site.server->url("/").rfind("https://127.0.0.1:", 0) == 0);

  SECTION("an unknown CA fails at once with the host and the reason") {
    const RunResult r = site.download({});
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 1);
    const json f = json::parse(r.out)["files"][0];
    const std::string error = f["error"];
    CHECK(error.rfind("TLS certificate of 127.0.0.1 not trusted: SSL certificate problem: ", 0) == 0);
    CHECK(error.find("issuer") != std::string::npos);
    CHECK(error.find("(trust its CA with --cacert FILE)") != std::string::npos);
    CHECK(error.find('\n') == std::string::npos);
    CHECK(f["attempts"] == 1);  // not a transient failure
    CHECK(std::filesystem::is_empty(site.root / "out"));
  }
  for (const std::string driver : {"serial", "threads", "async"}) {
    SECTION("--cacert: the exact bytes, driver " + driver) {
      const RunResult r = site.download({"--cacert", certs.path("ca.pem").string(), "--driver", driver});
      INFO("stderr: " << r.err);
      CHECK(r.exit_code == 0);
      CHECK(r.err.empty());
      CHECK(digest(read_file(site.root / "out" / "data.bin")) == digest(site.content));
    }
  }
  SECTION("--insecure saves the file, and says loudly that nothing was checked") {
    const RunResult r = site.download({"--insecure"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.rfind("download: warning: --insecure: TLS certificates and host names are NOT checked", 0) == 0);
    CHECK(count_lines(r.err) == 1);
    CHECK(digest(read_file(site.root / "out" / "data.bin")) == digest(site.content));
  }
  SECTION("--insecure with --cacert is a contradiction") {
    const RunResult r = site.download({"-k", "--cacert", certs.path("ca.pem").string()});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "download: error: --insecure checks no certificate, so --cacert would do nothing; give one of them\n");
  }
  SECTION("an unreadable --cacert is bad input") {
    const RunResult r = site.download({"--cacert", (site.root / "missing.pem").string()});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--cacert '") != std::string::npos);
  }
}

TEST_CASE("TLS: a certificate for another name is refused even from a trusted CA", "[net][tls]") {
  Certificates certs;
  REQUIRE(certs.made);
  TlsSite site(certs, "wrong");
  const RunResult r = site.download({"--cacert", certs.path("ca.pem").string()});
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 1);
  const json f = json::parse(r.out)["files"][0];
  const std::string error = f["error"];
  CHECK(error.rfind("TLS certificate of 127.0.0.1 not trusted: ", 0) == 0);
  CHECK(error.find("127.0.0.1'") != std::string::npos);  // libcurl's "... does not match target host name '127.0.0.1'"
  CHECK(error.find("--cacert") == std::string::npos);    // trusting more CAs would not help
  CHECK(f["attempts"] == 1);
  CHECK(std::filesystem::is_empty(site.root / "out"));
}

TEST_CASE("fileserver --tls-cert and --tls-key: both or neither, and a key that fits", "[net][tls]") {
  Certificates certs;
  REQUIRE(certs.made);
  const RunResult half = run({kFileserver, "--synthetic", "1", "--port", "0", "--tls-cert", certs.path("right.pem").string()});
  CHECK(half.exit_code == 2);
  CHECK(half.err == "fileserver: error: --tls-cert and --tls-key go together: give both\n");
  const RunResult mismatch = run({kFileserver, "--synthetic", "1", "--port", "0", "--tls-cert", certs.path("right.pem").string(),
                                  "--tls-key", certs.path("wrong.key").string()});
  CHECK(mismatch.exit_code == 1);
  CHECK(mismatch.err.rfind("fileserver: error: cannot use TLS certificate '", 0) == 0);
  CHECK(count_lines(mismatch.err) == 1);
}
