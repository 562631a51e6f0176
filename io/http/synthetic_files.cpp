#include "io/http/synthetic_files.hpp"

#include <fmt/format.h>

#include <cstring>
#include <vector>

#include "io/http/sha256.hpp"

namespace parakit::fileserver {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::string synthetic_name(std::size_t index) { return fmt::format("synthetic-{:03}.bin", index); }

void fill_synthetic(std::size_t index, std::uint64_t offset, char* out, std::size_t count) {
  const std::uint64_t key = static_cast<std::uint64_t>(index) << 48;
  while (count > 0) {
    const std::uint64_t word = splitmix64(key ^ (offset / 8));
    unsigned char bytes[8];
    std::memcpy(bytes, &word, 8);  // little-endian order on every supported machine
    const std::size_t skip = offset % 8;
    const std::size_t take = std::min<std::size_t>(8 - skip, count);
    std::memcpy(out, bytes + skip, take);
    out += take;
    offset += take;
    count -= take;
  }
}

std::string synthetic_sha256(std::size_t index, std::uint64_t size) {
  http::Sha256 hash;
  std::vector<char> buffer(1 << 20);
  for (std::uint64_t done = 0; done < size;) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), size - done));
    fill_synthetic(index, done, buffer.data(), n);
    hash.update(buffer.data(), n);
    done += n;
  }
  return hash.hex();
}

}  // namespace parakit::fileserver
