#include "domain/time.hpp"

#include <fmt/format.h>

#include <cctype>

namespace admit {
namespace {

using namespace std::chrono;

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool done() const { return pos_ == text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  // Exactly `width` decimal digits.
  std::optional<int> digits(std::size_t width) {
    if (text_.size() - pos_ < width) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
      char c = text_[pos_ + i];
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      value = value * 10 + (c - '0');
    }
    pos_ += width;
    return value;
  }
  // One or more digits of a fraction, as milliseconds (extra precision truncated).
  std::optional<int> fraction_ms() {
    int ms = 0;
    std::size_t n = 0;
    while (std::isdigit(static_cast<unsigned char>(peek()))) {
      if (n < 3) ms = ms * 10 + (peek() - '0');
      ++n;
      ++pos_;
    }
    if (n == 0) return std::nullopt;
    for (; n < 3; ++n)
      ms *= 10;
    return ms;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::optional<minutes> parse_offset(Cursor& in) {
  if (in.eat('Z') || in.eat('z')) return minutes{0};
  int sign = 0;
  if (in.eat('+'))
    sign = 1;
  else if (in.eat('-'))
    sign = -1;
  else
    return std::nullopt;
  auto hh = in.digits(2);
  if (!hh) return std::nullopt;
  in.eat(':');
  auto mm = in.digits(2);
  if (!mm || *hh > 23 || *mm > 59) return std::nullopt;
  return minutes{sign * (*hh * 60 + *mm)};
}

}  // namespace

std::string format_iso8601(TimePoint t) {
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<milliseconds> time{t - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), time.hours().count(),
                     time.minutes().count(), time.seconds().count(), time.subseconds().count());
}

std::optional<TimePoint> parse_iso8601(std::string_view text) {
  Cursor in(text);
  auto y = in.digits(4);
  if (!y || !in.eat('-')) return std::nullopt;
  auto mo = in.digits(2);
  if (!mo || !in.eat('-')) return std::nullopt;
  auto d = in.digits(2);
  if (!d) return std::nullopt;
  year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  TimePoint result{sys_days{ymd}};
  if (in.done()) return result;

  if (!in.eat('T') && !in.eat('t') && !in.eat(' ')) return std::nullopt;
  auto hh = in.digits(2);
  if (!hh || !in.eat(':')) return std::nullopt;
  auto mi = in.digits(2);
  if (!mi) return std::nullopt;
  int ss = 0;
  int ms = 0;
  if (in.eat(':')) {
    auto s = in.digits(2);
    if (!s) return std::nullopt;
    ss = *s;
    if (in.eat('.') || in.eat(',')) {
      auto f = in.fraction_ms();
      if (!f) return std::nullopt;
      ms = *f;
    }
  }
  if (*hh > 23 || *mi > 59 || ss > 59) return std::nullopt;
  result += hours{*hh} + minutes{*mi} + seconds{ss} + milliseconds{ms};
  if (in.done()) return result;
  auto offset = parse_offset(in);
  if (!offset || !in.done()) return std::nullopt;
  return result - *offset;
}

TimePoint from_unix_ms(std::int64_t ms) { return TimePoint{milliseconds{ms}}; }

std::int64_t to_unix_ms(TimePoint t) { return t.time_since_epoch().count(); }

}  // namespace admit
