#include "domain/object_id.hpp"

#include <cctype>

namespace admit {

bool is_object_id(std::string_view text) {
  if (text.size() != 24) return false;
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

ObjectIdGenerator::ObjectIdGenerator(const Clock& clock, RandomSource& random)
    : clock_(clock), counter_(static_cast<std::uint32_t>(random.next_u64())) {
  std::uint64_t bits = random.next_u64();
  for (auto& byte : process_bytes_) {
    byte = static_cast<std::uint8_t>(bits);
    bits >>= 8;
  }
}

std::string ObjectIdGenerator::next() {
  static constexpr char kHex[] = "0123456789abcdef";
  auto seconds = static_cast<std::uint32_t>(to_unix_ms(clock_.now()) / 1000);
  std::uint32_t count = counter_.fetch_add(1, std::memory_order_relaxed);

  std::array<std::uint8_t, 12> bytes{};
  for (int i = 0; i < 4; ++i)
    bytes[i] = static_cast<std::uint8_t>(seconds >> (24 - 8 * i));
  for (int i = 0; i < 5; ++i)
    bytes[4 + i] = process_bytes_[i];
  for (int i = 0; i < 3; ++i)
    bytes[9 + i] = static_cast<std::uint8_t>(count >> (16 - 8 * i));

  std::string out(24, '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kHex[bytes[i] >> 4];
    out[2 * i + 1] = kHex[bytes[i] & 0x0f];
  }
  return out;
}

}  // namespace admit
