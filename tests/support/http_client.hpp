#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace admit::test {

using Json = nlohmann::ordered_json;

struct Reply {
  int status = 0;
  std::string raw;
  Json body;                                   // parsed when the body is JSON, else null
  std::map<std::string, std::string> headers;  // lower-case names

  const Json& data() const { return body.at("data"); }
  std::string header(const std::string& name) const;
};

// A blocking HTTP/1.1 client on one keep-alive connection (reconnects when the server closed it).
class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port, std::string host = "127.0.0.1");
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  Reply request(const std::string& method, const std::string& target, const std::optional<Json>& body = std::nullopt,
                const std::map<std::string, std::string>& headers = {});
  // Sends a body as given (raw bytes) with a content type.
  Reply request_raw(const std::string& method, const std::string& target, const std::string& body,
                    const std::string& content_type, const std::map<std::string, std::string>& headers = {});

  Reply get(const std::string& target) { return request("GET", target); }
  Reply post(const std::string& target, const Json& body) { return request("POST", target, body); }
  Reply patch(const std::string& target, const Json& body) { return request("PATCH", target, body); }
  Reply put(const std::string& target, const Json& body) { return request("PUT", target, body); }
  Reply del(const std::string& target) { return request("DELETE", target); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace admit::test
