#include "domain/attendance_rate.hpp"

#include <cstdio>

namespace admit {

std::string to_fixed_2(double value) {
  // Every double's binary fraction is a finite decimal; 80 places hold it exactly for every rate
  // above 1e-7 %, and beyond the third place only "is it at least 5" matters.
  char exact[512];
  std::snprintf(exact, sizeof exact, "%.80f", value);
  std::string text(exact);
  auto point = text.find('.');
  bool round_up = text[point + 3] >= '5';
  std::string out = text.substr(0, point + 3);
  if (round_up) {
    // Add one unit in the last place, carrying through the digits (skipping the point).
    int i = static_cast<int>(out.size()) - 1;
    for (; i >= 0; --i) {
      if (out[i] == '.') continue;
      if (out[i] == '9') {
        out[i] = '0';
        continue;
      }
      ++out[i];
      break;
    }
    if (i < 0) out.insert(out.begin(), '1');
  }
  return out;
}

std::string attendance_rate(std::int64_t check_ins, std::int64_t registrations) {
  if (registrations <= 0) return "0%";
  double rate = static_cast<double>(check_ins) / static_cast<double>(registrations) * 100;
  return to_fixed_2(rate) + "%";
}

}  // namespace admit
