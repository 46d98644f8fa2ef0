#include "render/table.hpp"

#include <fmt/format.h>
#include <cmath>
#include <cstdint>

namespace admit {

std::string cell_text(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* flag = std::get_if<bool>(&cell)) return *flag ? "true" : "false";
  double number = std::get<double>(cell);
  if (std::trunc(number) == number && std::fabs(number) < 1e15) {
    return std::to_string(static_cast<std::int64_t>(number));
  }
  return fmt::format("{}", number);
}

}  // namespace admit
