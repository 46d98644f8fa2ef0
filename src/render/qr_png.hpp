#pragma once

#include <string>
#include <string_view>

namespace admit {

// A PNG image of `text` as a QR code (error correction H, a quiet zone of `margin` modules,
// `width` pixels square), as the reference's ticket images.
std::string qr_png(std::string_view text, int width = 300, int margin = 2);

// "data:image/png;base64,..."
std::string qr_png_data_url(std::string_view text);

}  // namespace admit
