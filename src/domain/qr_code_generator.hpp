#pragma once

#include <string>

#include "domain/random_source.hpp"

namespace admit {

// Ticket codes in the reference's format: "QR-" and the first 12 characters of a random UUID v4,
// uppercased ("QR-1A2B3C4D-5E6").
class QrCodeGenerator {
 public:
  explicit QrCodeGenerator(RandomSource& random) : random_(random) {}
  std::string next();

 private:
  RandomSource& random_;
};

// Client-chosen codes: "QR-" then letters, digits and dashes (case-insensitive), at most 50.
bool is_valid_qr_code(std::string_view code);

}  // namespace admit
