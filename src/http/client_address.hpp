#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/asio.hpp"
#include "http/ip_network.hpp"

namespace admit {

// Who a request comes from, for rate limits and logs. The TCP peer, unless the peer is one of the
// configured trusted proxies: then X-Forwarded-For is read from the right, skipping trusted hops,
// and the first untrusted address is the client. Entries further left were written by the client
// itself and prove nothing, so they are never used while an untrusted hop stands to their right.
class ClientAddressResolver {
 public:
  explicit ClientAddressResolver(std::vector<IpNetwork> trusted = {}) : trusted_(std::move(trusted)) {}

  std::string resolve(std::string_view peer, const HttpRequest& request) const;
  // `forwarded_for`: every X-Forwarded-For value of the request, joined with commas.
  std::string resolve(std::string_view peer, std::string_view forwarded_for) const;

  bool trusts(const boost::asio::ip::address& address) const;
  bool has_trusted_proxies() const { return !trusted_.empty(); }

 private:
  std::vector<IpNetwork> trusted_;
};

}  // namespace admit
