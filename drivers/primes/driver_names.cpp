#include "drivers/primes/drivers.hpp"

namespace parakit::primes {

std::string_view driver_name(Driver driver) {
  switch (driver) {
    case Driver::serial: return "serial";
    case Driver::threads: return "threads";
    case Driver::openmp: return "openmp";
    case Driver::mpi: return "mpi";
    case Driver::hybrid: return "hybrid";
  }
  return "?";
}

std::optional<Driver> parse_driver(std::string_view name) {
  for (Driver d : {Driver::serial, Driver::threads, Driver::openmp, Driver::mpi, Driver::hybrid}) {
    if (driver_name(d) == name) return d;
  }
  return std::nullopt;
}

bool uses_mpi(Driver driver) { return driver == Driver::mpi || driver == Driver::hybrid; }

bool uses_threads(Driver driver) {
  return driver == Driver::threads || driver == Driver::openmp || driver == Driver::hybrid;
}

}  // namespace parakit::primes
