#include "kernels/workload.hpp"

#include "kernels/random_numbers.hpp"

namespace parakit {

u128 item_count(const Workload& workload) {
  struct Counter {
    u128 operator()(const RangeWorkload& w) const { return w.lo > w.hi ? 0 : u128{w.hi - w.lo} + 1; }
    u128 operator()(const RandomWorkload& w) const { return w.count; }
    u128 operator()(const ListWorkload& w) const { return w.numbers.size(); }
  };
  return std::visit(Counter{}, workload);
}

std::uint64_t item_value(const Workload& workload, std::uint64_t index) {
  struct Value {
    std::uint64_t index;
    std::uint64_t operator()(const RangeWorkload& w) const { return w.lo + index; }
    std::uint64_t operator()(const RandomWorkload& w) const { return uniform_draw(w.seed, index, w.min, w.max); }
    std::uint64_t operator()(const ListWorkload& w) const { return w.numbers[index]; }
  };
  return std::visit(Value{index}, workload);
}

bool is_range(const Workload& workload) { return std::holds_alternative<RangeWorkload>(workload); }

}  // namespace parakit
