#include "domain/qr_code_generator.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "unit_support.hpp"

namespace admit {
namespace {

TEST(QrCodeGenerator, UsesTheReferenceFormat) {
  const std::regex format("^QR-[0-9A-F]{8}-[0-9A-F]{3}$");
  SequenceRandom random({0, ~std::uint64_t{0}, 0x0123456789abcdefULL, 0xdeadbeefcafef00dULL});
  QrCodeGenerator qr(random);
  for (int i = 0; i < 4; ++i) {
    std::string code = qr.next();
    EXPECT_EQ(code.size(), 15u);
    EXPECT_TRUE(std::regex_match(code, format)) << code;
    EXPECT_TRUE(is_valid_qr_code(code)) << code;
  }
}

TEST(QrCodeGenerator, DigitsComeFromTheRandomSourceLowNibbleFirst) {
  SequenceRandom random({0x0123456789abcdefULL, 0, ~std::uint64_t{0}});
  QrCodeGenerator qr(random);
  EXPECT_EQ(qr.next(), "QR-FEDCBA98-765");
  EXPECT_EQ(qr.next(), "QR-00000000-000");
  EXPECT_EQ(qr.next(), "QR-FFFFFFFF-FFF");
  EXPECT_EQ(random.calls(), 3u);
}

TEST(IsValidQrCode, FollowsTheReferencePattern) {
  EXPECT_TRUE(is_valid_qr_code("QR-1A2B3C4D-5E6"));
  EXPECT_TRUE(is_valid_qr_code("QR-A"));
  EXPECT_TRUE(is_valid_qr_code("qr-abc"));  // case-insensitive
  EXPECT_TRUE(is_valid_qr_code("Qr-x-y-z"));
  EXPECT_TRUE(is_valid_qr_code("QR--"));  // dashes count as allowed characters
  EXPECT_TRUE(is_valid_qr_code("QR-" + std::string(47, '9')));
}

TEST(IsValidQrCode, RefusesOtherShapes) {
  EXPECT_FALSE(is_valid_qr_code(""));
  EXPECT_FALSE(is_valid_qr_code("QR-"));
  EXPECT_FALSE(is_valid_qr_code("QR"));
  EXPECT_FALSE(is_valid_qr_code("QR1234"));
  EXPECT_FALSE(is_valid_qr_code("QX-1234"));
  EXPECT_FALSE(is_valid_qr_code("XR-1234"));
  EXPECT_FALSE(is_valid_qr_code(" QR-1234"));
  EXPECT_FALSE(is_valid_qr_code("QR-12 34"));
  EXPECT_FALSE(is_valid_qr_code("QR-12_34"));
  EXPECT_FALSE(is_valid_qr_code("QR-1234\n"));
  EXPECT_FALSE(is_valid_qr_code("QR-\xc3\xa9"));
  EXPECT_FALSE(is_valid_qr_code("QR-" + std::string(48, '9')));  // 51 characters
}

}  // namespace
}  // namespace admit
