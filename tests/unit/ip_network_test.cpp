#include "http/ip_network.hpp"

#include <gtest/gtest.h>

#include "http/client_address.hpp"

namespace admit {
namespace {

boost::asio::ip::address ip(const char* text) { return boost::asio::ip::make_address(text); }

TEST(IpNetwork, MatchesIpv4Prefixes) {
  auto net = IpNetwork::parse("10.20.0.0/16");
  ASSERT_TRUE(net);
  EXPECT_TRUE(net->contains(ip("10.20.0.1")));
  EXPECT_TRUE(net->contains(ip("10.20.255.255")));
  EXPECT_FALSE(net->contains(ip("10.21.0.1")));
  EXPECT_FALSE(net->contains(ip("::1")));
  EXPECT_EQ(net->to_string(), "10.20.0.0/16");
}

TEST(IpNetwork, PrefixesNotOnAByteBoundary) {
  auto net = IpNetwork::parse("172.16.0.0/12");
  ASSERT_TRUE(net);
  EXPECT_TRUE(net->contains(ip("172.31.255.1")));
  EXPECT_FALSE(net->contains(ip("172.32.0.1")));
  EXPECT_FALSE(net->contains(ip("172.15.255.255")));
}

TEST(IpNetwork, ABareAddressIsANetworkOfOne) {
  auto net = IpNetwork::parse(" 192.0.2.7 ");
  ASSERT_TRUE(net);
  EXPECT_TRUE(net->contains(ip("192.0.2.7")));
  EXPECT_FALSE(net->contains(ip("192.0.2.8")));
  EXPECT_EQ(net->to_string(), "192.0.2.7/32");
}

TEST(IpNetwork, MatchesIpv6Prefixes) {
  auto net = IpNetwork::parse("2001:db8:abcd::/48");
  ASSERT_TRUE(net);
  EXPECT_TRUE(net->contains(ip("2001:db8:abcd:12::1")));
  EXPECT_FALSE(net->contains(ip("2001:db8:abce::1")));
  EXPECT_FALSE(net->contains(ip("10.0.0.1")));
  auto all = IpNetwork::parse("::/0");
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->contains(ip("fe80::1")));
}

TEST(IpNetwork, Ipv4NetworksMatchIpv4MappedAddresses) {
  auto net = IpNetwork::parse("10.0.0.0/8");
  ASSERT_TRUE(net);
  // What a dual-stack socket reports for an IPv4 peer.
  EXPECT_TRUE(net->contains(ip("::ffff:10.1.2.3")));
  auto mapped = IpNetwork::parse("::ffff:10.0.0.0/104");
  ASSERT_TRUE(mapped);
  EXPECT_TRUE(mapped->contains(ip("10.9.9.9")));
  EXPECT_FALSE(mapped->contains(ip("11.0.0.1")));
}

TEST(IpNetwork, RefusesMalformedNetworks) {
  for (const char* bad : {"", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8x", "example.org",
                          "10.0.0.1/8", "[::1]", "10.0.0.0/ 8"}) {
    EXPECT_FALSE(IpNetwork::parse(bad)) << bad;
  }
}

TEST(IpNetwork, ParsesListsWithNamedRanges) {
  std::string error;
  auto list = parse_ip_networks("loopback, 10.1.0.0/16 ,,private", error);
  ASSERT_TRUE(list) << error;
  EXPECT_EQ(list->size(), 2u + 1u + 4u);
  auto empty = parse_ip_networks("", error);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(IpNetwork, ListErrorsNameTheEntry) {
  std::string error;
  EXPECT_FALSE(parse_ip_networks("10.0.0.0/8, proxy.local", error));
  EXPECT_NE(error.find("'proxy.local'"), std::string::npos) << error;
}

TEST(IpAddress, ParsesPeerAndForwardedSpellings) {
  EXPECT_EQ(parse_ip_address("203.0.113.9")->to_string(), "203.0.113.9");
  EXPECT_EQ(parse_ip_address(" 203.0.113.9:5555 ")->to_string(), "203.0.113.9");
  EXPECT_EQ(parse_ip_address("[2001:db8::1]:443")->to_string(), "2001:db8::1");
  EXPECT_EQ(parse_ip_address("[2001:db8::1]")->to_string(), "2001:db8::1");
  EXPECT_EQ(parse_ip_address("2001:db8::1")->to_string(), "2001:db8::1");
  EXPECT_EQ(parse_ip_address("::ffff:198.51.100.4")->to_string(), "198.51.100.4");
  EXPECT_FALSE(parse_ip_address("unknown"));
  EXPECT_FALSE(parse_ip_address(""));
  EXPECT_FALSE(parse_ip_address("[::1"));
  EXPECT_FALSE(parse_ip_address("[::1]x"));
}

ClientAddressResolver resolver(const char* trusted) {
  std::string error;
  auto networks = parse_ip_networks(trusted, error);
  EXPECT_TRUE(networks) << error;
  return ClientAddressResolver(*networks);
}

TEST(ClientAddress, WithoutTrustedProxiesTheHeaderIsIgnored) {
  ClientAddressResolver none;
  EXPECT_EQ(none.resolve("198.51.100.7", "203.0.113.1"), "198.51.100.7");
  EXPECT_EQ(none.resolve("::ffff:198.51.100.7", ""), "198.51.100.7");
}

TEST(ClientAddress, AnUntrustedPeerCannotClaimAnotherAddress) {
  auto r = resolver("10.0.0.0/8");
  EXPECT_EQ(r.resolve("198.51.100.7", "203.0.113.1"), "198.51.100.7");
}

TEST(ClientAddress, ATrustedProxyNamesTheClient) {
  auto r = resolver("10.0.0.0/8");
  EXPECT_EQ(r.resolve("10.0.0.2", "203.0.113.1"), "203.0.113.1");
  // No header: the proxy itself is all we know.
  EXPECT_EQ(r.resolve("10.0.0.2", ""), "10.0.0.2");
}

TEST(ClientAddress, TheRightMostUntrustedEntryWins) {
  auto r = resolver("10.0.0.0/8, 192.168.0.0/16");
  // The client wrote "1.1.1.1" itself; 203.0.113.1 is what the first trusted proxy saw.
  EXPECT_EQ(r.resolve("10.0.0.2", "1.1.1.1, 203.0.113.1, 192.168.1.1"), "203.0.113.1");
  // Every hop trusted: the left-most.
  EXPECT_EQ(r.resolve("10.0.0.2", "10.9.9.9, 192.168.1.1"), "10.9.9.9");
}

TEST(ClientAddress, GarbageEndsTheChainAtTheLastTrustedHop) {
  auto r = resolver("10.0.0.0/8");
  EXPECT_EQ(r.resolve("10.0.0.2", "203.0.113.1, unknown"), "10.0.0.2");
  EXPECT_EQ(r.resolve("10.0.0.2", "203.0.113.1, nonsense, 10.0.0.3"), "10.0.0.3");
}

TEST(ClientAddress, Ipv6AndPortsInTheChain) {
  auto r = resolver("loopback, fd00::/8");
  EXPECT_EQ(r.resolve("::1", "[2001:db8::5]:1234, fd00::2"), "2001:db8::5");
  EXPECT_EQ(r.resolve("127.0.0.1", "203.0.113.1:4321"), "203.0.113.1");
}

TEST(ClientAddress, ReadsEveryForwardedForLine) {
  auto r = resolver("10.0.0.0/8");
  HttpRequest req{bhttp::verb::get, "/", 11};
  req.insert("X-Forwarded-For", "1.1.1.1");
  req.insert("X-Forwarded-For", "203.0.113.1");
  EXPECT_EQ(r.resolve("10.0.0.2", req), "203.0.113.1");
  EXPECT_EQ(ClientAddressResolver{}.resolve("10.0.0.2", req), "10.0.0.2");
}

}  // namespace
}  // namespace admit
