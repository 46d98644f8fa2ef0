#include "domain/qr_code_generator.hpp"

#include <cctype>

namespace admit {

std::string QrCodeGenerator::next() {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::uint64_t bits = random_.next_u64();
  std::string code = "QR-";
  for (int i = 0; i < 11; ++i) {
    if (i == 8) code += '-';
    code += kHex[bits & 0x0f];
    bits >>= 4;
  }
  return code;
}

bool is_valid_qr_code(std::string_view code) {
  if (code.size() < 4 || code.size() > 50) return false;
  if (std::toupper(static_cast<unsigned char>(code[0])) != 'Q' ||
      std::toupper(static_cast<unsigned char>(code[1])) != 'R' || code[2] != '-') {
    return false;
  }
  for (char c : code.substr(3)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

}  // namespace admit
