#include "render/qr_png.hpp"

#include <png.h>
#include <qrencode.h>
#include <sodium.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace admit {
namespace {

struct QrDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

void append_png_data(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

void flush_nothing(png_structp) {}

}  // namespace

std::string qr_png(std::string_view text, int width, int margin) {
  std::string input(text);
  std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString8bit(input.c_str(), 0, QR_ECLEVEL_H));
  if (!code) throw std::runtime_error("QR encoding failed");
  const int modules = code->width + 2 * margin;
  const int size = std::max(width, modules);

  std::vector<png_byte> pixels(static_cast<std::size_t>(size) * static_cast<std::size_t>(size), 0xff);
  for (int y = 0; y < size; ++y) {
    int my = y * modules / size - margin;
    for (int x = 0; x < size; ++x) {
      int mx = x * modules / size - margin;
      if (mx < 0 || my < 0 || mx >= code->width || my >= code->width) continue;
      if (code->data[my * code->width + mx] & 1) pixels[static_cast<std::size_t>(y) * size + x] = 0;
    }
  }

  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("PNG writer unavailable");
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("PNG encoding failed");
  }
  png_set_write_fn(png, &out, append_png_data, flush_nothing);
  png_set_IHDR(png, info, static_cast<png_uint_32>(size), static_cast<png_uint_32>(size), 8, PNG_COLOR_TYPE_GRAY,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < size; ++y)
    png_write_row(png, &pixels[static_cast<std::size_t>(y) * size]);
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

std::string qr_png_data_url(std::string_view text) {
  std::string png = qr_png(text);
  std::string encoded(sodium_base64_ENCODED_LEN(png.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), reinterpret_cast<const unsigned char*>(png.data()), png.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  encoded.resize(encoded.size() - 1);  // the terminating NUL
  return "data:image/png;base64," + encoded;
}

}  // namespace admit
