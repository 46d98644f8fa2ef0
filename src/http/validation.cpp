#include "http/validation.hpp"

#include <charconv>
#include <cmath>

#include "domain/object_id.hpp"
#include "domain/qr_code_generator.hpp"
#include "domain/text.hpp"

namespace admit {
namespace {

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xc0) != 0x80) ++n;
  }
  return n;
}

std::string join(const std::vector<std::string_view>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += values[i];
  }
  return out;
}

std::string type_message(const FieldSpec& spec, const std::string& name) {
  switch (spec.kind) {
    case FieldKind::kString:
    case FieldKind::kQrCode:
      return name + " must be a string";
    case FieldKind::kInt:
      return name + " must be an integer number";
    case FieldKind::kBool:
      return name + " must be a boolean value";
    case FieldKind::kDate:
      return name + " must be a valid ISO 8601 date string";
    case FieldKind::kObjectId:
      return name + " must be a mongodb id";
    case FieldKind::kEmail:
      return name + " must be an email";
    case FieldKind::kEnum:
      return name + " must be one of the following values: " + join(spec.choices);
    case FieldKind::kObjectIdArray:
    case FieldKind::kObjectArray:
      return name + " must be an array";
  }
  return name + " is invalid";
}

// Text of a scalar as the reference's implicit String() conversion would give it.
std::optional<std::string> as_text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return value.dump();
  if (value.is_number_float()) {
    double d = value.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    return value.dump();
  }
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return std::nullopt;
}

std::optional<std::int64_t> as_int(const Json& value) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    double d = value.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) return static_cast<std::int64_t>(d);
    return std::nullopt;
  }
  if (value.is_string()) {
    std::string text = trim(value.get<std::string>());
    std::int64_t out = 0;
    const char* begin = text.data();
    const char* end = begin + text.size();
    if (!text.empty() && *begin == '+') ++begin;
    auto [ptr, ec] = std::from_chars(begin, end, out);
    if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
    return out;
  }
  return std::nullopt;
}

std::optional<bool> as_bool(const Json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_number_integer()) {
    auto n = value.get<std::int64_t>();
    if (n == 0 || n == 1) return n == 1;
    return std::nullopt;
  }
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    if (s == "true" || s == "1") return true;
    if (s == "false" || s == "0") return false;
  }
  return std::nullopt;
}

class Validator {
 public:
  void field(const Json& input, const FieldSpec& spec, const std::string& path, Json& out) {
    auto it = input.find(std::string(spec.name));
    if (it == input.end() || it->is_null()) {
      if (spec.required) missing(spec, path);
      return;
    }
    const Json& value = *it;
    switch (spec.kind) {
      case FieldKind::kString:
      case FieldKind::kQrCode:
      case FieldKind::kEmail:
      case FieldKind::kEnum:
      case FieldKind::kDate:
      case FieldKind::kObjectId:
        text_field(value, spec, path, out);
        return;
      case FieldKind::kInt:
        int_field(value, spec, path, out);
        return;
      case FieldKind::kBool: {
        auto b = as_bool(value);
        if (!b) return fail(path, type_message(spec, path));
        out[std::string(spec.name)] = *b;
        return;
      }
      case FieldKind::kObjectIdArray:
        id_array_field(value, spec, path, out);
        return;
      case FieldKind::kObjectArray:
        object_array_field(value, spec, path, out);
        return;
    }
  }

  void object(const Json& input, const Schema& schema, const std::string& prefix, Json& out) {
    for (const auto& spec : schema)
      field(input, spec, prefix + std::string(spec.name), out);
    for (const auto& [key, value] : input.items()) {
      bool known = false;
      for (const auto& spec : schema)
        known = known || spec.name == key;
      // Nest prefixes a nested item's path to class-validator's whole message, so an unknown
      // property of sessions[0] reads "sessions.0.property foo should not exist".
      if (!known) fail(prefix + key, prefix + "property " + key + " should not exist");
    }
  }

  std::vector<FieldError> errors;

 private:
  void fail(const std::string& field, std::string message) { errors.push_back({field, std::move(message)}); }

  void missing(const FieldSpec& spec, const std::string& path) {
    if (spec.not_empty) fail(path, empty_message(spec, path));
    fail(path, type_message(spec, path));
  }

  std::string empty_message(const FieldSpec& spec, const std::string& path) const {
    return spec.empty_message.empty() ? path + " should not be empty" : std::string(spec.empty_message);
  }

  void text_field(const Json& value, const FieldSpec& spec, const std::string& path, Json& out) {
    auto text = as_text(value);
    if (!text || (spec.kind != FieldKind::kString && !value.is_string())) return fail(path, type_message(spec, path));
    if (spec.not_empty && trim(*text).empty()) return fail(path, empty_message(spec, path));
    if (spec.max_length > 0 && utf8_length(*text) > spec.max_length) {
      fail(path, path + " must be shorter than or equal to " + std::to_string(spec.max_length) + " characters");
      return;
    }
    bool ok = true;
    switch (spec.kind) {
      case FieldKind::kEmail:
        ok = is_email(*text);
        break;
      case FieldKind::kEnum:
        ok = std::find(spec.choices.begin(), spec.choices.end(), *text) != spec.choices.end();
        break;
      case FieldKind::kDate:
        ok = parse_iso8601(*text).has_value();
        break;
      case FieldKind::kObjectId:
        ok = is_object_id(*text);
        break;
      case FieldKind::kQrCode:
        if (!is_valid_qr_code(*text)) {
          return fail(path, "QR code must start with \"QR-\" followed by alphanumeric characters");
        }
        break;
      default:
        break;
    }
    if (!ok) return fail(path, type_message(spec, path));
    out[std::string(spec.name)] = std::move(*text);
  }

  void int_field(const Json& value, const FieldSpec& spec, const std::string& path, Json& out) {
    auto n = as_int(value);
    if (!n) return fail(path, type_message(spec, path));
    if (spec.min && *n < *spec.min) return fail(path, path + " must not be less than " + std::to_string(*spec.min));
    if (spec.max && *n > *spec.max) return fail(path, path + " must not be greater than " + std::to_string(*spec.max));
    out[std::string(spec.name)] = *n;
  }

  void id_array_field(const Json& value, const FieldSpec& spec, const std::string& path, Json& out) {
    if (!value.is_array()) return fail(path, type_message(spec, path));
    if (spec.not_empty && value.empty()) return fail(path, empty_message(spec, path));
    for (const auto& item : value) {
      if (!item.is_string() || !is_object_id(item.get<std::string>())) {
        return fail(path, "each value in " + path + " must be a mongodb id");
      }
    }
    out[std::string(spec.name)] = value;
  }

  void object_array_field(const Json& value, const FieldSpec& spec, const std::string& path, Json& out) {
    if (!value.is_array()) return fail(path, type_message(spec, path));
    if (spec.not_empty && value.empty()) return fail(path, empty_message(spec, path));
    Json items = Json::array();
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::string item_path = path + "." + std::to_string(i);
      if (!value[i].is_object()) {
        fail(item_path, "nested property " + item_path + " must be either object or array");
        continue;
      }
      Json item = Json::object();
      object(value[i], *spec.items, item_path + ".", item);
      items.push_back(std::move(item));
    }
    out[std::string(spec.name)] = std::move(items);
  }
};

const Json* find_value(const Json& object, std::string_view name) {
  auto it = object.find(std::string(name));
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

Result<Json> validate(const Json& input, const Schema& schema) {
  if (!input.is_object()) return Error::validation({{"body", "the request body must be a JSON object"}});
  Validator v;
  Json out = Json::object();
  v.object(input, schema, "", out);
  if (!v.errors.empty()) return Error::validation(std::move(v.errors));
  return out;
}

std::optional<std::string> get_string(const Json& object, std::string_view name) {
  const Json* value = find_value(object, name);
  if (!value || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

std::optional<int> get_int(const Json& object, std::string_view name) {
  const Json* value = find_value(object, name);
  if (!value || !value->is_number_integer()) return std::nullopt;
  return static_cast<int>(value->get<std::int64_t>());
}

std::optional<bool> get_bool(const Json& object, std::string_view name) {
  const Json* value = find_value(object, name);
  if (!value || !value->is_boolean()) return std::nullopt;
  return value->get<bool>();
}

std::optional<TimePoint> get_time(const Json& object, std::string_view name) {
  auto text = get_string(object, name);
  if (!text) return std::nullopt;
  return parse_iso8601(*text);
}

bool is_email(std::string_view text) {
  auto at = text.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= text.size() || text.size() > 254) return false;
  std::string_view local = text.substr(0, at);
  std::string_view domain = text.substr(at + 1);
  if (local.size() > 64 || local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return false;
  }
  constexpr std::string_view kLocalSpecials = "!#$%&'*+/=?^_`{|}~.-";
  for (unsigned char c : local) {
    if (!std::isalnum(c) && kLocalSpecials.find(static_cast<char>(c)) == std::string_view::npos && c < 0x80) {
      return false;
    }
  }
  auto last_dot = domain.rfind('.');
  if (last_dot == std::string_view::npos) return false;
  std::string_view tld = domain.substr(last_dot + 1);
  if (tld.size() < 2) return false;
  for (unsigned char c : tld) {
    if (!std::isalpha(c) && c < 0x80) return false;
  }
  std::size_t label = 0;
  for (std::size_t i = 0; i <= domain.size(); ++i) {
    if (i == domain.size() || domain[i] == '.') {
      if (label == 0 || label > 63 || domain[i - 1] == '-' || domain[i - label] == '-') return false;
      label = 0;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(domain[i]);
    if (!std::isalnum(c) && c != '-' && c < 0x80) return false;
    ++label;
  }
  return true;
}

}  // namespace admit
