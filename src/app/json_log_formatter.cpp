#include "app/json_log_formatter.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "domain/time.hpp"
#include "http/json.hpp"

namespace admit {

void JsonLogFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  auto time = std::chrono::time_point_cast<std::chrono::milliseconds>(msg.time);
  Json line = Json::object();
  line["time"] = format_iso8601(TimePoint{time.time_since_epoch()});
  auto level = spdlog::level::to_string_view(msg.level);
  line["level"] = std::string(level.data(), level.size());
  line["logger"] = std::string(msg.logger_name.data(), msg.logger_name.size());
  line["msg"] = std::string(msg.payload.data(), msg.payload.size());
  std::string text = dump_json(line);
  text += '\n';
  dest.append(text.data(), text.data() + text.size());
}

void setup_logging(const std::string& level) {
  auto logger = std::make_shared<spdlog::logger>("admit", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_formatter(std::make_unique<JsonLogFormatter>());
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace admit
