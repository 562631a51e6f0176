#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "io/http/sha256.hpp"
#include "io/http/trailing_hasher.hpp"

using parakit::http::sha256_hex;
using parakit::http::TrailingHasher;

namespace {

std::string random_bytes(std::size_t size, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  return bytes;
}

struct ScratchFile {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("parakit-hasher-" + std::to_string(::getpid()) + ".part");
  std::ofstream out{path, std::ios::binary};
  ~ScratchFile() { std::filesystem::remove(path); }
  void append(std::string_view bytes) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
  }
};

}  // namespace

TEST_CASE("the trailing hasher gives the digest of a small file it hashed only at the end", "[sha256]") {
  ScratchFile file;
  const std::string body = random_bytes(100'000, 1);
  TrailingHasher hasher(file.path);
  for (std::size_t at = 0; at < body.size(); at += 16384) {
    file.append(std::string_view(body).substr(at, 16384));
    hasher.written_up_to(std::min(body.size(), at + 16384));
  }
  CHECK(hasher.finish(body.size()) == sha256_hex(body));
}

TEST_CASE("the trailing hasher keeps up with a large file written in pieces", "[sha256]") {
  ScratchFile file;
  const std::string body = random_bytes(24 << 20, 2);  // past the point where its thread starts
  TrailingHasher hasher(file.path);
  for (std::size_t at = 0; at < body.size(); at += 16384) {
    file.append(std::string_view(body).substr(at, 16384));
    hasher.written_up_to(at + 16384);
  }
  CHECK(hasher.finish(body.size()) == sha256_hex(body));
}

TEST_CASE("the trailing hasher starts over when the file is truncated", "[sha256]") {
  ScratchFile file;
  const std::string first = random_bytes(8 << 20, 3);
  file.append(first);
  TrailingHasher hasher(file.path);
  hasher.written_up_to(first.size());
  std::filesystem::resize_file(file.path, 0);
  file.out.seekp(0);
  hasher.restart();
  const std::string second = random_bytes(6 << 20, 4);
  file.append(second);
  hasher.written_up_to(second.size());
  CHECK(hasher.finish(second.size()) == sha256_hex(second));
}

TEST_CASE("the trailing hasher reports a file that lost bytes it was told about", "[sha256]") {
  ScratchFile file;
  file.append(random_bytes(1000, 5));
  TrailingHasher hasher(file.path);
  hasher.written_up_to(1000);
  CHECK_THROWS_WITH(hasher.finish(2000), Catch::Contains("shorter than the 2000 bytes written"));
}
