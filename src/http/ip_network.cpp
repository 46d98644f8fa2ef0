#include "http/ip_network.hpp"
#include "http/header_value.hpp"

#include <algorithm>
#include <charconv>

namespace admit {
namespace {

namespace ip = boost::asio::ip;

ip::address unmap(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

std::optional<ip::address> make(std::string_view text) {
  boost::system::error_code ec;
  auto a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return a;
}

}  // namespace

std::optional<ip::address> parse_ip_address(std::string_view text) {
  text = trim_ows(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    auto rest = text.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return std::nullopt;
    text = text.substr(1, close - 1);
  } else if (auto colon = text.find(':');
             colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {
    // Exactly one colon: IPv4 with a port.
    text = text.substr(0, colon);
  }
  // Scoped IPv6 ("fe80::1%eth0") is not a client identity worth keeping apart.
  auto a = make(text);
  if (!a) return std::nullopt;
  return unmap(*a);
}

std::optional<IpNetwork> IpNetwork::parse(std::string_view text) {
  text = trim_ows(text);
  int prefix = 0;
  bool has_prefix = false;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    auto digits = text.substr(slash + 1);
    text = text.substr(0, slash);
    if (digits.empty() || digits.front() < '0' || digits.front() > '9') return std::nullopt;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
    has_prefix = true;
  }
  if (text.empty() || text.front() == '[') return std::nullopt;
  auto a = make(text);
  if (!a) return std::nullopt;
  auto address = unmap(*a);
  std::array<unsigned char, 16> bytes{};
  bool v4 = address.is_v4();
  int bits = v4 ? 32 : 128;
  if (v4) {
    auto b = address.to_v4().to_bytes();
    std::copy(b.begin(), b.end(), bytes.begin());
    // "::ffff:10.0.0.0/104" written the IPv6 way: keep the IPv4 part of the prefix.
    if (a->is_v6() && has_prefix) prefix -= 96;
  } else {
    bytes = address.to_v6().to_bytes();
  }
  if (!has_prefix) prefix = bits;
  if (prefix < 0 || prefix > bits) return std::nullopt;
  // Bits set beyond the prefix ("10.0.0.1/8") are a typo more often than not.
  for (int i = prefix; i < bits; ++i) {
    if (bytes[static_cast<std::size_t>(i / 8)] & (0x80 >> (i % 8))) return std::nullopt;
  }
  return IpNetwork(bytes, v4, prefix);
}

bool IpNetwork::contains(const ip::address& raw) const {
  auto address = unmap(raw);
  if (address.is_v4() != v4_) return false;
  std::array<unsigned char, 16> bytes{};
  if (v4_) {
    auto b = address.to_v4().to_bytes();
    std::copy(b.begin(), b.end(), bytes.begin());
  } else {
    bytes = address.to_v6().to_bytes();
  }
  int full = prefix_ / 8;
  for (int i = 0; i < full; ++i) {
    if (bytes[static_cast<std::size_t>(i)] != bytes_[static_cast<std::size_t>(i)]) return false;
  }
  int rest = prefix_ % 8;
  if (rest == 0) return true;
  auto mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (bytes[static_cast<std::size_t>(full)] & mask) == (bytes_[static_cast<std::size_t>(full)] & mask);
}

std::string IpNetwork::to_string() const {
  std::string base;
  if (v4_) {
    ip::address_v4::bytes_type b{};
    std::copy(bytes_.begin(), bytes_.begin() + 4, b.begin());
    base = ip::address_v4(b).to_string();
  } else {
    base = ip::address_v6(bytes_).to_string();
  }
  return base + "/" + std::to_string(prefix_);
}

std::optional<std::vector<IpNetwork>> parse_ip_networks(std::string_view list, std::string& error) {
  std::vector<IpNetwork> out;
  while (!list.empty()) {
    auto comma = list.find(',');
    auto entry = trim_ows(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (entry.empty()) continue;
    std::vector<std::string_view> expanded;
    if (entry == "loopback") {
      expanded = {"127.0.0.0/8", "::1"};
    } else if (entry == "private") {
      expanded = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"};
    } else {
      expanded = {entry};
    }
    for (auto text : expanded) {
      auto network = IpNetwork::parse(text);
      if (!network) {
        error = "'" + std::string(entry) +
                "' is not an IP address or network (expected e.g. 10.0.0.0/8, 2001:db8::/32, loopback, private)";
        return std::nullopt;
      }
      out.push_back(*network);
    }
  }
  return out;
}

}  // namespace admit
