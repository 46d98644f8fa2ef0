#include "app/metrics_listener.hpp"

#include "http/envelope.hpp"

namespace admit {

bool MetricsListener::matches(std::string_view target) const {
  return target.substr(0, target.find('?')) == "/metrics";
}

Task<HttpResponse> MetricsListener::handle(HttpRequest request) {
  if (request.method() != bhttp::verb::get && request.method() != bhttp::verb::head) {
    HttpResponse refused{bhttp::status::method_not_allowed, request.version()};
    refused.set(bhttp::field::allow, "GET, HEAD");
    refused.set(bhttp::field::content_type, "text/plain; charset=utf-8");
    refused.body() = "Only GET and HEAD are allowed on /metrics\n";
    refused.keep_alive(request.keep_alive());
    refused.prepare_payload();
    co_return refused;
  }
  auto body = co_await api_.scrape();
  co_return MetricsApi::exposition_response(request, std::move(body));
}

Task<void> MetricsListener::take_websocket(beast::tcp_stream& stream, HttpRequest /*request*/) {
  // No WebSocket here: closing the connection is the whole answer.
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  co_return;
}

}  // namespace admit
