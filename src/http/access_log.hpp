#pragma once

#include <memory>

#include <spdlog/logger.h>

#include "http/request_observer.hpp"

namespace admit {

// One structured line per request on the "access" logger (JSON, see JsonLogFormatter):
//   {"time","level","logger":"access","msg":"request","request_id","method","route","status",
//    "duration_ms","bytes","client"}
// The route is the template, never the path: ids, names and e-mail addresses in paths and query
// strings stay out of the log at info level. At debug level the raw target is added ("target").
class AccessLog : public RequestObserver {
 public:
  explicit AccessLog(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {}
  void on_response(const RequestContext& ctx, const HttpResponse& response,
                   std::chrono::steady_clock::duration elapsed) override;

  // The line's fields as a JSON object (without time, level and logger, which the formatter adds).
  static std::string fields(const RequestContext& ctx, const HttpResponse& response,
                            std::chrono::steady_clock::duration elapsed, bool with_target);

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace admit
