// io helpers that turn bad input into one clean line:
// output_path_problem(), read_bounded_line() and the --numbers reader.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/atomic_file.hpp"
#include "io/bounded_line.hpp"
#include "io/numbers_file.hpp"
#include "io/output_path.hpp"

namespace fs = std::filesystem;

namespace {

// A fresh folder under the build's temporary directory, removed afterwards.
struct Scratch {
  fs::path dir;
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "parakit-io-test-XXXXXX").string();
    dir = ::mkdtemp(pattern.data());
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  std::string file(const std::string& name, const std::string& content) const {
    std::ofstream(dir / name, std::ios::binary) << content;
    return (dir / name).string();
  }
  std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {})); }
};

std::string numbers_error(const std::string& path) {
  try {
    parakit::read_numbers_file(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("output paths are checked before any work", "[bad-input]") {
  const Scratch s;
  const std::string existing = s.file("old.txt", "keep me\n");
  using parakit::output_path_problem;
  CHECK_FALSE(output_path_problem("--list", (s.dir / "new.txt").string(), false));
  CHECK(output_path_problem("--list", "", false) == "--list needs a file name");
  CHECK(output_path_problem("--list", existing, false) ==
        "--list file '" + existing + "' already exists (add --force to overwrite it)");
  CHECK_FALSE(output_path_problem("--list", existing, true));
  CHECK(output_path_problem("--trace", s.dir.string(), true) == "--trace '" + s.dir.string() + "' is a directory; give a file name");
  CHECK_THAT(output_path_problem("--list", (s.dir / "no/such/x.txt").string(), false).value_or(""),
             Catch::Contains("folder '" + (s.dir / "no/such").string() + "' does not exist"));
  // A FIFO, not /dev/null: a build without the check would replace /dev/null.
  const std::string fifo = (s.dir / "fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(output_path_problem("--list", fifo, true) == "--list '" + fifo + "' exists and is not a regular file");
  std::string a = (s.dir / "same").string();
  CHECK(parakit::first_output_problem({{"--trace", &a}, {"--timeline", &a}}, false) ==
        "--trace and --timeline both name '" + a + "'; give each its own file");
}

TEST_CASE("write_file_atomically names the file and the cause, and leaves nothing on failure", "[bad-input]") {
  const Scratch s;
  const fs::path target = s.dir / "out.txt";
  parakit::write_file_atomically(target, "one\n");
  CHECK(fs::file_size(target) == 4);
  CHECK_THROWS_WITH(parakit::write_file_atomically(s.dir / "missing" / "x.txt", "x"),
                    "cannot write '" + (s.dir / "missing" / "x.txt").string() + "': No such file or directory");
  CHECK_THROWS_WITH(parakit::write_file_atomically(s.dir, "x"), "cannot write '" + s.dir.string() + "': Is a directory");
  CHECK(s.entries() == 1);  // out.txt only: no temporary left behind
  const std::string fifo = (s.dir / "fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(parakit::write_file_atomically(fifo, "x"), "cannot write '" + fifo + "': not a regular file");
  CHECK(fs::is_fifo(fifo));
}

TEST_CASE("read_bounded_line refuses lines longer than its limit", "[bad-input]") {
  std::istringstream in("short\n" + std::string(100, 'z') + "\nlast");
  std::string line;
  REQUIRE(parakit::read_bounded_line(in, line, 50));
  CHECK(line == "short");
  CHECK_THROWS_AS(parakit::read_bounded_line(in, line, 50), std::length_error);
  std::istringstream tail("a\nlast");
  REQUIRE(parakit::read_bounded_line(tail, line, 50));
  REQUIRE(parakit::read_bounded_line(tail, line, 50));
  CHECK(line == "last");
  CHECK_FALSE(parakit::read_bounded_line(tail, line, 50));
}

TEST_CASE("numbers files for --numbers: directories, empty files and binary garbage are one-line errors", "[bad-input]") {
  const Scratch s;
  CHECK(numbers_error(s.dir.string()) == "--numbers '" + s.dir.string() + "' is a directory");
  const std::string empty = s.file("empty.txt", "# only a comment\n\n");
  CHECK(numbers_error(empty) == "--numbers '" + empty + "': no numbers in it");
  const std::string garbage = s.file("garbage.bin", std::string("7\n\x01\x80\xff\nz", 7));
  CHECK(numbers_error(garbage) == garbage + ":2: '\\x01\\x80\\xff' is not a number (expected digits; write 1000000, 1e6, 2^20 or 2^64-1)");
  CHECK(parakit::read_numbers_file(s.file("ok.txt", "7 11\r\n2^61-1 # prime\n")) ==
        std::vector<std::uint64_t>{7, 11, 2305843009213693951ULL});
}
