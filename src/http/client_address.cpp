#include "http/client_address.hpp"

namespace admit {

bool ClientAddressResolver::trusts(const boost::asio::ip::address& address) const {
  for (const auto& network : trusted_) {
    if (network.contains(address)) return true;
  }
  return false;
}

std::string ClientAddressResolver::resolve(std::string_view peer, const HttpRequest& request) const {
  if (trusted_.empty()) return resolve(peer, std::string_view{});
  std::string joined;
  // A proxy may add its own X-Forwarded-For line instead of appending to the client's.
  auto [first, last] = request.equal_range("X-Forwarded-For");
  for (auto it = first; it != last; ++it) {
    if (!joined.empty()) joined += ',';
    joined.append(it->value().data(), it->value().size());
  }
  return resolve(peer, joined);
}

std::string ClientAddressResolver::resolve(std::string_view peer, std::string_view forwarded_for) const {
  auto peer_address = parse_ip_address(peer);
  if (!peer_address) return std::string(peer);
  auto client = *peer_address;
  if (!trusts(client)) return client.to_string();
  while (!forwarded_for.empty()) {
    auto comma = forwarded_for.rfind(',');
    auto entry = comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
    forwarded_for = comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
    auto hop = parse_ip_address(entry);
    // Garbage ("unknown", a host name) ends the chain: the last trusted hop is all we know.
    if (!hop) break;
    client = *hop;
    if (!trusts(client)) break;
  }
  return client.to_string();
}

}  // namespace admit
