#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace admit::test {

// One sample of a Prometheus text exposition: name, labels, value.
struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// A strict reader of the text format (0.0.4) for tests: every line must be a comment, a blank
// line or `name{label="value",...} value`; a malformed line throws with its number.
class Exposition {
 public:
  explicit Exposition(const std::string& text);

  const std::vector<Sample>& samples() const { return samples_; }
  // The TYPE of each metric family ("counter", "gauge", "histogram").
  const std::map<std::string, std::string>& types() const { return types_; }
  // The value of the one sample with this name whose labels include `labels`; nullopt if none,
  // throws if several match.
  std::optional<double> value(const std::string& name, const std::map<std::string, std::string>& labels = {}) const;
  // Sum over every sample with this name whose labels include `labels` (0 when none).
  double sum(const std::string& name, const std::map<std::string, std::string>& labels = {}) const;

 private:
  std::vector<Sample> samples_;
  std::map<std::string, std::string> types_;
};

}  // namespace admit::test
