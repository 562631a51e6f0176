#pragma once

// GCC and Clang provide 128-bit integers as an extension; naming it once here
// keeps -Wpedantic quiet everywhere else.
namespace parakit {
__extension__ typedef unsigned __int128 u128;
}  // namespace parakit
