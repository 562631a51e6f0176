// Catch2's main, compiled once: catch.hpp's runner is the slowest thing in the
// test build, and every test program links this one object instead of
// compiling its own copy.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
