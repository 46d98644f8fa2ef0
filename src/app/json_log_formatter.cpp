#include "app/json_log_formatter.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "domain/time.hpp"
#include "http/json.hpp"

namespace admit {

void JsonLogFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  auto time = std::chrono::time_point_cast<std::chrono::milliseconds>(msg.time);
  auto iso = format_iso8601(TimePoint{time.time_since_epoch()});
  auto level = spdlog::level::to_string_view(msg.level);
  std::string_view payload(msg.payload.data(), msg.payload.size());
  if (msg.logger_name == "access" && payload.size() > 2 && payload.front() == '{' && payload.back() == '}') {
    // One line per request: the prefix's texts (ISO time, level and logger names) need no
    // escaping, so it is written directly instead of through a JSON object.
    fmt::format_to(std::back_inserter(dest), R"({{"time":"{}","level":"{}","logger":"access",)", iso,
                   std::string_view(level.data(), level.size()));
    dest.append(payload.data() + 1, payload.data() + payload.size());
    dest.push_back('\n');
    return;
  }
  Json line = Json::object();
  line["time"] = std::move(iso);
  line["level"] = std::string(level.data(), level.size());
  line["logger"] = std::string(msg.logger_name.data(), msg.logger_name.size());
  line["msg"] = std::string(payload);
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

std::shared_ptr<spdlog::logger> make_access_logger() {
  auto base = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>("access", base->sinks().begin(), base->sinks().end());
  logger->set_level(base->level());
  logger->flush_on(spdlog::level::info);
  return logger;
}

}  // namespace admit
