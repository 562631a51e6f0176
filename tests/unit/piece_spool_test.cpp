// The scratch file behind a --list of a range: pieces kept or dropped, read
// back byte for byte, invisible in the folder, and honest about write errors.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "io/piece_spool.hpp"

using parakit::PieceSpool;

namespace {

struct TempFolder {
  std::filesystem::path path;
  TempFolder() {
    std::string name = (std::filesystem::temp_directory_path() / "parakit-spool-test-XXXXXX").string();
    REQUIRE(::mkdtemp(name.data()) != nullptr);
    path = name;
  }
  ~TempFolder() { std::filesystem::remove_all(path); }
};

std::string read_back(PieceSpool& spool, const PieceSpool::Piece& piece) {
  std::string bytes(piece.size, '\0');
  spool.read(piece.offset, std::span<char>(bytes.data(), bytes.size()));
  return bytes;
}

}  // namespace

TEST_CASE("a spool keeps committed pieces, drops discarded ones and reads them back", "[io]") {
  TempFolder folder;
  PieceSpool spool(folder.path);
  CHECK(std::filesystem::is_empty(folder.path));  // unlinked from the start

  spool.begin(7);
  spool.append("2\n3\n");
  spool.append_line(5);
  spool.commit();

  // Bigger than the buffer, so part of it reaches the file before it is dropped.
  spool.begin(8);
  spool.append(std::string(3 << 20, 'x'));
  spool.discard();

  spool.begin(2);
  spool.append_line(18446744073709551557ULL);
  spool.commit();

  const std::string big(5 << 20, 'y');
  spool.begin(9);
  spool.append(big);
  spool.commit();

  REQUIRE(spool.error().empty());
  const auto& pieces = spool.pieces();
  REQUIRE(pieces.size() == 3);
  CHECK(pieces[0].index == 7);
  CHECK(read_back(spool, pieces[0]) == "2\n3\n5\n");
  CHECK(pieces[1].index == 2);
  CHECK(pieces[1].offset == 6);  // where the dropped piece began
  CHECK(read_back(spool, pieces[1]) == "18446744073709551557\n");
  CHECK(pieces[2].index == 9);
  CHECK(read_back(spool, pieces[2]) == big);
  CHECK(std::filesystem::is_empty(folder.path));
}

TEST_CASE("a spool names the folder it cannot use", "[io]") {
  CHECK_THROWS_WITH(PieceSpool("/no/such/folder"),
                    "cannot make a scratch file in '/no/such/folder': No such file or directory");
}

TEST_CASE("a spool that cannot write says why and reads nothing back", "[io]") {
  TempFolder folder;
  PieceSpool spool(folder.path);
  // A file size limit stands in for a full disk: write() fails with EFBIG
  // (the signal it would raise is ignored, as a shell script's is not).
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit old_limit{};
  ::getrlimit(RLIMIT_FSIZE, &old_limit);
  rlimit small = old_limit;
  small.rlim_cur = 1 << 20;
  ::setrlimit(RLIMIT_FSIZE, &small);
  spool.begin(0);
  spool.append(std::string(4 << 20, 'z'));
  spool.commit();
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);

  CHECK(spool.error() == "File too large");
  std::string into(16, '\0');
  CHECK_THROWS_WITH(spool.read(0, std::span<char>(into.data(), into.size())), "scratch file: File too large");
}
