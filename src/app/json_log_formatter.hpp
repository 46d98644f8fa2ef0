#pragma once

#include <memory>

#include <spdlog/formatter.h>

namespace admit {

// One JSON object per line: {"time","level","logger","msg"}, the message escaped properly.
class JsonLogFormatter : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonLogFormatter>(); }
};

// Installs the JSON formatter on stderr at `level` ("debug", "info", "warn", ...).
void setup_logging(const std::string& level);

}  // namespace admit
