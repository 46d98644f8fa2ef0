#include "api/health_api.hpp"

#include <malloc.h>
#include <unistd.h>

#include <fmt/format.h>

#include <fstream>

#include "http/db_call.hpp"
#include "http/envelope.hpp"

namespace admit {
namespace {

std::string megabytes(double bytes) { return fmt::format("{:.2f} MB", bytes / (1024.0 * 1024.0)); }

double resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  double pages_total = 0;
  double pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * static_cast<double>(sysconf(_SC_PAGESIZE));
}

Json memory_json() {
  struct mallinfo2 heap = mallinfo2();
  return {{"heapUsed", megabytes(static_cast<double>(heap.uordblks))},
          {"heapTotal", megabytes(static_cast<double>(heap.arena + heap.hblkhd))},
          {"rss", megabytes(resident_bytes())}};
}

}  // namespace

void HealthApi::register_routes(Router& router) {
  router.add(bhttp::verb::get, "/api/v1/health", bind_handler(this, &HealthApi::health));
  router.add(bhttp::verb::get, "/api/v1/health/live", bind_handler(this, &HealthApi::live));
  router.add(bhttp::verb::get, "/api/v1/health/ready", bind_handler(this, &HealthApi::ready));
}

Task<bool> HealthApi::database_ok() {
  try {
    co_await db_read(api_.db, [](UnitOfWork& uow) { return uow.settings().load_timing().has_value(); });
    co_return true;
  } catch (const std::exception&) {
    co_return false;
  }
}

Task<HttpResponse> HealthApi::health(RequestContext& ctx) {
  bool db = co_await database_ok();
  auto uptime = std::chrono::duration_cast<std::chrono::seconds>(api_.clock.now() - api_.started_at).count();
  Json data = {{"status", db ? "ok" : "error"},
               {"timestamp", format_iso8601(ctx.received)},
               {"uptime", std::max<std::int64_t>(0, uptime)},
               {"database", {{"status", db ? "connected" : "disconnected"}, {"name", api_.database_name}}},
               {"memory", memory_json()}};
  co_return success(ctx, db ? bhttp::status::ok : bhttp::status::service_unavailable, "Success", std::move(data));
}

Task<HttpResponse> HealthApi::live(RequestContext& ctx) {
  co_return success(ctx, bhttp::status::ok, "Success", Json{{"status", "ok"}});
}

Task<HttpResponse> HealthApi::ready(RequestContext& ctx) {
  bool db = co_await database_ok();
  Json data = {{"status", db ? "ok" : "error"},
               {"database", db ? "connected" : "disconnected"},
               {"details", db ? "All systems operational" : "Database connection failed"}};
  co_return success(ctx, db ? bhttp::status::ok : bhttp::status::service_unavailable, "Success", std::move(data));
}

}  // namespace admit
