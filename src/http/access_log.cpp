#include "http/access_log.hpp"

#include <fmt/format.h>

#include "http/json.hpp"

namespace admit {
namespace {

// A JSON string literal; the request id and the method are the only client-chosen texts here
// (both limited to printable ASCII by the parser or the pipeline), but escape them anyway.
void append_string(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7f) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

std::string AccessLog::fields(const RequestContext& ctx, const HttpResponse& response,
                              std::chrono::steady_clock::duration elapsed, bool with_target) {
  std::string out;
  out.reserve(256);
  out += R"({"msg":"request","request_id":)";
  append_string(out, ctx.request_id);
  out += R"(,"method":)";
  append_string(out, ctx.request.method_string());
  out += R"(,"route":)";
  append_string(out, route_label(ctx));
  if (with_target) {
    out += R"(,"target":)";
    append_string(out, ctx.url);
  }
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
  fmt::format_to(std::back_inserter(out), R"(,"status":{},"duration_ms":{:.3f},"bytes":{},"client":)",
                 response.result_int(), static_cast<double>(micros) / 1000.0, response.body().size());
  append_string(out, ctx.client);
  out += '}';
  return out;
}

void AccessLog::on_response(const RequestContext& ctx, const HttpResponse& response,
                            std::chrono::steady_clock::duration elapsed) {
  if (!logger_->should_log(spdlog::level::info)) return;
  bool debug = logger_->should_log(spdlog::level::debug);
  auto line = fields(ctx, response, elapsed, debug);
  logger_->log(spdlog::level::info, spdlog::string_view_t(line.data(), line.size()));
}

}  // namespace admit
