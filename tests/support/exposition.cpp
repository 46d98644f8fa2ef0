#include "support/exposition.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace admit::test {
namespace {

bool name_char(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
}

double parse_value(const std::string& text) {
  if (text == "+Inf") return INFINITY;
  if (text == "-Inf") return -INFINITY;
  if (text == "NaN") return NAN;
  std::size_t used = 0;
  double v = std::stod(text, &used);
  if (used != text.size()) throw std::invalid_argument("bad value");
  return v;
}

bool includes(const Sample& s, const std::map<std::string, std::string>& labels) {
  for (const auto& [k, v] : labels) {
    auto it = s.labels.find(k);
    if (it == s.labels.end() || it->second != v) return false;
  }
  return true;
}

}  // namespace

Exposition::Exposition(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto fail = [&](const char* why) {
      throw std::runtime_error("exposition line " + std::to_string(number) + " (" + why + "): " + line);
    };
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (line.rfind("# TYPE ", 0) == 0) {
        auto rest = line.substr(7);
        auto space = rest.find(' ');
        if (space == std::string::npos) fail("TYPE without a type");
        types_[rest.substr(0, space)] = rest.substr(space + 1);
      }
      continue;
    }
    Sample s;
    std::size_t i = 0;
    while (i < line.size() && name_char(line[i], i == 0))
      ++i;
    if (i == 0) fail("no metric name");
    s.name = line.substr(0, i);
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (i < line.size() && line[i] != '}') {
        std::size_t start = i;
        while (i < line.size() && name_char(line[i], i == start))
          ++i;
        std::string label = line.substr(start, i - start);
        if (label.empty() || i + 1 >= line.size() || line[i] != '=' || line[i + 1] != '"') fail("bad label");
        i += 2;
        std::string value;
        while (i < line.size() && line[i] != '"') {
          if (line[i] == '\\' && i + 1 < line.size()) {
            ++i;
            value += line[i] == 'n' ? '\n' : line[i];
          } else {
            value += line[i];
          }
          ++i;
        }
        if (i >= line.size()) fail("unterminated label value");
        ++i;
        s.labels[label] = value;
        if (i < line.size() && line[i] == ',') ++i;
      }
      if (i >= line.size()) fail("unterminated labels");
      ++i;
    }
    if (i >= line.size() || line[i] != ' ') fail("no value");
    auto rest = line.substr(i + 1);
    // An optional timestamp may follow the value.
    auto space = rest.find(' ');
    try {
      s.value = parse_value(rest.substr(0, space));
    } catch (const std::exception&) {
      fail("bad value");
    }
    samples_.push_back(std::move(s));
  }
}

std::optional<double> Exposition::value(const std::string& name,
                                        const std::map<std::string, std::string>& labels) const {
  std::optional<double> found;
  for (const auto& s : samples_) {
    if (s.name != name || !includes(s, labels)) continue;
    if (found) throw std::runtime_error("several samples of " + name + " match");
    found = s.value;
  }
  return found;
}

double Exposition::sum(const std::string& name, const std::map<std::string, std::string>& labels) const {
  double total = 0;
  for (const auto& s : samples_)
    if (s.name == name && includes(s, labels)) total += s.value;
  return total;
}

}  // namespace admit::test
