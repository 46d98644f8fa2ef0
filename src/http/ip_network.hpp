#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>

namespace admit {

// Parses an address as it appears in a peer endpoint or an X-Forwarded-For entry: "10.1.2.3",
// "10.1.2.3:5678", "2001:db8::1", "[2001:db8::1]:443". IPv4-mapped IPv6 ("::ffff:10.1.2.3", what a
// dual-stack socket reports for an IPv4 peer) becomes the IPv4 address, so that one client has
// one spelling.
std::optional<boost::asio::ip::address> parse_ip_address(std::string_view text);

// An IPv4 or IPv6 network in CIDR notation ("10.0.0.0/8", "fd00::/8"); a bare address is a
// network of one. IPv4 networks also match IPv4-mapped IPv6 addresses.
class IpNetwork {
 public:
  static std::optional<IpNetwork> parse(std::string_view text);

  bool contains(const boost::asio::ip::address& address) const;
  std::string to_string() const;

 private:
  IpNetwork(std::array<unsigned char, 16> bytes, bool v4, int prefix) : bytes_(bytes), v4_(v4), prefix_(prefix) {}

  std::array<unsigned char, 16> bytes_{};  // IPv4 in the first four bytes
  bool v4_ = true;
  int prefix_ = 0;
};

// A comma-separated list of networks; "loopback" stands for 127.0.0.0/8 and ::1, "private" for
// the RFC 1918 and unique-local ranges. On a bad entry returns nullopt and says which in `error`.
std::optional<std::vector<IpNetwork>> parse_ip_networks(std::string_view list, std::string& error);

}  // namespace admit
