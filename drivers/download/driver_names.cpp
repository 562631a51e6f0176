#include "drivers/download/drivers.hpp"

namespace parakit::download {

std::string_view driver_name(Driver driver) {
  switch (driver) {
    case Driver::serial: return "serial";
    case Driver::threads: return "threads";
    case Driver::async: return "async";
    case Driver::mpi: return "mpi";
    case Driver::hybrid: return "hybrid";
  }
  return "?";
}

std::optional<Driver> parse_driver(std::string_view name) {
  for (Driver d : {Driver::serial, Driver::threads, Driver::async, Driver::mpi, Driver::hybrid}) {
    if (driver_name(d) == name) return d;
  }
  return std::nullopt;
}

std::string_view rank_driver_name(RankDriver driver) { return driver == RankDriver::threads ? "threads" : "async"; }

std::optional<RankDriver> parse_rank_driver(std::string_view name) {
  if (name == "threads") return RankDriver::threads;
  if (name == "async") return RankDriver::async;
  return std::nullopt;
}

bool uses_mpi(Driver driver) { return driver == Driver::mpi || driver == Driver::hybrid; }

bool runs_concurrently(Driver driver) {
  return driver == Driver::threads || driver == Driver::async || driver == Driver::hybrid;
}

}  // namespace parakit::download
