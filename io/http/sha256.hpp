#pragma once

#include <openssl/evp.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace parakit::http {

// Incremental SHA-256 (OpenSSL EVP), fed while the body streams to disk so a
// file is never read twice.
class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  void reset();
  // Lower-case hex of the digest so far; the state is left untouched.
  std::string hex() const;

 private:
  struct Deleter {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
  };
  std::unique_ptr<EVP_MD_CTX, Deleter> ctx_;
};

std::string sha256_hex(std::string_view data);

// SHA-256 of a file's content, or an empty string when it cannot be read.
std::string file_sha256_hex(const std::filesystem::path& path);

// True for exactly 64 hex digits, either case.
bool is_sha256_hex(std::string_view text);

}  // namespace parakit::http
