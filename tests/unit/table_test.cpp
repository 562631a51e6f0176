#include <catch2/catch.hpp>

#include "io/table.hpp"

using namespace parakit;

TEST_CASE("digits are grouped by thousands", "[table]") {
  REQUIRE(group_digits(0) == "0");
  REQUIRE(group_digits(999) == "999");
  REQUIRE(group_digits(1000) == "1,000");
  REQUIRE(group_digits(455052511) == "455,052,511");
}

TEST_CASE("tables align text left and numbers right", "[table]") {
  TextTable table({{"name"}, {"count", true}});
  table.add_row({"a", "5"});
  table.add_row({"longer", "12345"});
  REQUIRE(table.render("") == "name    count\n"
                              "a           5\n"
                              "longer  12345\n");
}
