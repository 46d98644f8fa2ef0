#include "support/http_client.hpp"

#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cctype>

namespace admit::test {

namespace asio = boost::asio;
namespace http = boost::beast::http;

struct HttpClient::Impl {
  asio::io_context io;
  asio::ip::tcp::socket socket{io};
  boost::beast::flat_buffer buffer;
  std::string host;
  std::uint16_t port;
  bool connected = false;

  void connect() {
    boost::system::error_code ec;
    socket.close(ec);
    socket = asio::ip::tcp::socket(io);
    socket.connect({asio::ip::make_address(host), port});
    socket.set_option(asio::ip::tcp::no_delay(true));
    buffer.clear();
    connected = true;
  }

  Reply exchange(http::request<http::string_body>& req) {
    for (int attempt = 0;; ++attempt) {
      if (!connected) connect();
      boost::system::error_code ec;
      http::write(socket, req, ec);
      http::response_parser<http::string_body> parser;
      parser.body_limit(64 * 1024 * 1024);
      // The answer to a HEAD request has the GET answer's Content-Length but no body.
      if (req.method() == http::verb::head) parser.skip(true);
      if (!ec) http::read(socket, buffer, parser, ec);
      if (ec) {
        connected = false;
        // A keep-alive connection the server closed meanwhile: retry once on a fresh one.
        if (attempt == 0) continue;
        throw boost::system::system_error(ec);
      }
      auto res = parser.release();
      Reply reply;
      reply.status = static_cast<int>(res.result_int());
      reply.raw = res.body();
      for (const auto& field : res) {
        std::string name(field.name_string());
        for (auto& c : name)
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        reply.headers[name] = std::string(field.value());
      }
      if (reply.header("content-type").find("json") != std::string::npos) {
        reply.body = Json::parse(reply.raw, nullptr, false);
      }
      if (!res.keep_alive()) connected = false;
      return reply;
    }
  }
};

std::string Reply::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string{} : it->second;
}

HttpClient::HttpClient(std::uint16_t port, std::string host) : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
}

HttpClient::~HttpClient() = default;

Reply HttpClient::request(const std::string& method, const std::string& target, const std::optional<Json>& body,
                          const std::map<std::string, std::string>& headers) {
  return request_raw(method, target, body ? body->dump() : std::string{}, body ? "application/json" : "", headers);
}

Reply HttpClient::request_raw(const std::string& method, const std::string& target, const std::string& body,
                              const std::string& content_type, const std::map<std::string, std::string>& headers) {
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, impl_->host);
  req.keep_alive(true);
  if (!content_type.empty()) req.set(http::field::content_type, content_type);
  for (const auto& [name, value] : headers)
    req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  return impl_->exchange(req);
}

}  // namespace admit::test
