#include <catch2/catch.hpp>

#include "io/http/synthetic_files.hpp"
#include "io/http/manifest.hpp"
#include "io/http/sha256.hpp"
#include "io/http/size_parse.hpp"

using namespace parakit::http;

TEST_CASE("sizes take binary units", "[size]") {
  CHECK(parse_size("0").value() == 0);
  CHECK(parse_size("1048576").value() == 1048576);
  CHECK(parse_size("512k").value() == 512 * 1024);
  CHECK(parse_size("10M").value() == 10 * 1048576);
  CHECK(parse_size("200MiB").value() == 200 * 1048576);
  CHECK(parse_size("1.5GiB").value() == 1610612736);
  CHECK(parse_size("2kb").value() == 2048);
  CHECK_FALSE(parse_size(""));
  CHECK_FALSE(parse_size("MiB"));
  CHECK_FALSE(parse_size("-1"));
  CHECK_FALSE(parse_size("10 parsecs"));
  CHECK_FALSE(parse_size("1e30"));
  CHECK_FALSE(parse_size("99999999T"));
}

TEST_CASE("sha256 matches the standard test vectors", "[sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 pieces;
  pieces.update("a", 1);
  pieces.update("bc", 2);
  CHECK(pieces.hex() == sha256_hex("abc"));
  CHECK(is_sha256_hex(sha256_hex("x")));
  CHECK_FALSE(is_sha256_hex("abc"));
}

TEST_CASE("manifests are sha256sum -c input with paths relative to the manifest", "[manifest]") {
  const std::string text = format_manifest({{std::string(64, 'a'), 3, "/data/out/a b.txt"}, {std::string(64, 'b'), 0, "/data/out/sub/c"}},
                                           "/data/out/SHA256SUMS");
  CHECK(text == "# parakit download manifest; check with: sha256sum -c (from this directory)\n"
                "# 3 bytes\n" + std::string(64, 'a') + "  a b.txt\n"
                "# 0 bytes\n" + std::string(64, 'b') + "  sub/c\n");
}

TEST_CASE("synthetic files are the same whichever range is asked for", "[synthetic]") {
  std::string whole(1000, '\0'), part(333, '\0');
  parakit::fileserver::fill_synthetic(3, 0, whole.data(), whole.size());
  parakit::fileserver::fill_synthetic(3, 101, part.data(), part.size());
  CHECK(whole.substr(101, 333) == part);
  std::string other(1000, '\0');
  parakit::fileserver::fill_synthetic(4, 0, other.data(), other.size());
  CHECK(other != whole);
  CHECK(parakit::fileserver::synthetic_sha256(3, 1000) == sha256_hex(whole));
}
