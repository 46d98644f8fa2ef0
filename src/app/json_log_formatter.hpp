#pragma once

#include <memory>

#include <spdlog/formatter.h>
#include <spdlog/logger.h>

namespace admit {

// One JSON object per line: {"time","level","logger","msg"}, the message escaped properly.
// Messages of the "access" logger are themselves JSON objects whose members follow "logger" on
// the line (structured lines built without a JSON library on the hot path).
class JsonLogFormatter : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonLogFormatter>(); }
};

// Installs the JSON formatter on stderr at `level` ("debug", "info", "warn", ...).
void setup_logging(const std::string& level);

// The "access" logger (one structured line per request): the default logger's sink (so lines
// never interleave) and level.
std::shared_ptr<spdlog::logger> make_access_logger();

}  // namespace admit
