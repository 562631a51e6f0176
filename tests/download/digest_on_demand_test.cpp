// A saved file is hashed only when its digest is used (a sha256= in the list,
// --json or --manifest), and a file under the target name is compared byte for
// byte, so skipping the hash never lets a different file pass for the same.
#include <catch2/catch.hpp>

#include "harness.hpp"
#include "io/http/curl_handles.hpp"
#include "io/http/sha256.hpp"
#include "io/http/transfer.hpp"

using namespace parakit::test;
namespace http = parakit::http;

namespace {

struct Served {
  TempDir root;
  std::string body = random_bytes(6 << 20, 11);  // past the size that starts the hashing thread
  std::unique_ptr<ServerProcess> server;

  Served() {
    std::filesystem::create_directory(root / "srv");
    std::filesystem::create_directory(root / "out");
    write_file(root / "srv" / "f.bin", body);
    server = std::make_unique<ServerProcess>(std::vector<std::string>{"--dir", (root / "srv").string()});
  }
  http::TransferResult fetch(const http::TransferSettings& settings, const std::string& expected_sha256 = "") {
    const http::EasyHandle easy = http::make_easy();
    return http::run_transfer(easy.get(), {server->url("/f.bin"), root / "out" / "f.bin", expected_sha256}, settings);
  }
};

}  // namespace

TEST_CASE("without hash_all or a sha256= a transfer saves the bytes and computes no digest", "[net]") {
  const http::CurlGlobal curl;
  Served s;
  http::TransferSettings settings;
  const http::TransferResult r = s.fetch(settings);
  REQUIRE(r.ok);
  CHECK(r.bytes == s.body.size());
  CHECK(r.sha256.empty());
  CHECK(digest(read_file(s.root / "out" / "f.bin")) == digest(s.body));
}

TEST_CASE("hash_all gives every saved file its digest", "[net]") {
  const http::CurlGlobal curl;
  Served s;
  http::TransferSettings settings;
  settings.hash_all = true;
  const http::TransferResult r = s.fetch(settings);
  REQUIRE(r.ok);
  CHECK(r.sha256 == http::sha256_hex(s.body));
}

TEST_CASE("a sha256= is checked even when hash_all is off", "[net]") {
  const http::CurlGlobal curl;
  Served s;
  http::TransferSettings settings;
  settings.retry.retries = 0;
  const http::TransferResult good = s.fetch(settings, http::sha256_hex(s.body));
  REQUIRE(good.ok);
  CHECK(good.sha256 == http::sha256_hex(s.body));
  std::filesystem::remove(s.root / "out" / "f.bin");

  const http::TransferResult bad = s.fetch(settings, std::string(64, 'a'));
  CHECK_FALSE(bad.ok);
  CHECK(bad.error == "sha256 mismatch: got " + http::sha256_hex(s.body) + ", expected " + std::string(64, 'a'));
  CHECK_FALSE(std::filesystem::exists(s.root / "out" / "f.bin"));
}

TEST_CASE("a file of the same size but other bytes is not taken for the download", "[net]") {
  const http::CurlGlobal curl;
  Served s;
  std::string other = s.body;
  other[other.size() / 2] ^= 1;  // one bit, in the middle
  write_file(s.root / "out" / "f.bin", other);
  http::TransferSettings settings;
  const http::TransferResult r = s.fetch(settings);
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("already exists and differs from the download") != std::string::npos);
  CHECK(digest(read_file(s.root / "out" / "f.bin")) == digest(other));

  write_file(s.root / "out" / "f.bin", s.body);
  const http::TransferResult same = s.fetch(settings);
  CHECK(same.ok);
  CHECK(digest(read_file(s.root / "out" / "f.bin")) == digest(s.body));
}

TEST_CASE("with --continue a saved file is kept, and hashed only when a digest is wanted", "[net]") {
  const http::CurlGlobal curl;
  Served s;
  write_file(s.root / "out" / "f.bin", s.body);
  http::TransferSettings settings;
  settings.keep_partial = true;
  const http::TransferResult kept = s.fetch(settings);
  CHECK(kept.already_saved);
  CHECK(kept.bytes == s.body.size());
  CHECK(kept.sha256.empty());

  settings.hash_all = true;
  const http::TransferResult hashed = s.fetch(settings);
  CHECK(hashed.already_saved);
  CHECK(hashed.sha256 == http::sha256_hex(s.body));

  // A sha256= that the saved file does not match sends it again: one attempt,
  // whose body fails the same check, and the saved file stays as it was.
  settings.hash_all = false;
  settings.retry.retries = 0;
  const http::TransferResult refetched = s.fetch(settings, std::string(64, 'b'));
  CHECK_FALSE(refetched.already_saved);
  CHECK_FALSE(refetched.ok);
  CHECK(refetched.attempts == 1);
  CHECK(refetched.error == "sha256 mismatch: got " + http::sha256_hex(s.body) + ", expected " + std::string(64, 'b'));
  CHECK(digest(read_file(s.root / "out" / "f.bin")) == digest(s.body));
  CHECK(partial_files(s.root / "out").empty());
}
