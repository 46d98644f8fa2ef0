#include "http/static_site.hpp"
#include "http/header_value.hpp"

#include <spdlog/spdlog.h>

#include <fmt/format.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <system_error>

#include "http/query_string.hpp"

namespace admit {
namespace {

// Larger files are not web UI assets; they are skipped so a stray file cannot eat the memory.
constexpr std::uintmax_t kMaxFileSize = std::uintmax_t{64} * 1024 * 1024;

std::string_view content_type_of(std::string_view name) {
  struct Type {
    std::string_view extension;
    std::string_view type;
  };
  static constexpr Type kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json; charset=utf-8"},
      {".wasm", "application/wasm"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff2", "font/woff2"},
      {".mp3", "audio/mpeg"},
      {".txt", "text/plain; charset=utf-8"},
      {".yaml", "text/yaml; charset=utf-8"},
  };
  for (const auto& t : kTypes) {
    if (name.size() > t.extension.size() && name.substr(name.size() - t.extension.size()) == t.extension) {
      return t.type;
    }
  }
  return "application/octet-stream";
}

std::string strong_etag(std::string_view body, std::string_view suffix) {
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a: cheap, and stable across restarts
  for (unsigned char c : body) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return fmt::format("\"{:016x}-{:x}{}\"", hash, body.size(), suffix);
}

bool read_file(const std::filesystem::path& file, std::string& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

// Whether Accept-Encoding admits gzip (a "gzip;q=0" refuses it).
bool accepts_gzip(std::string_view header) {
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = trim_ows(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semi = item.find(';');
    auto coding = trim_ows(item.substr(0, semi));
    if (coding != "gzip" && coding != "x-gzip" && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    auto params = item.substr(semi + 1);
    auto q = params.find("q=");
    if (q == std::string_view::npos) return true;
    auto value = trim_ows(params.substr(q + 2));
    return !(value == "0" || value == "0." || value.substr(0, 3) == "0.0" || value == "0.00" || value == "0.000");
  }
  return false;
}

// Whether If-None-Match names this entity tag (weak comparison, as RFC 9110 asks for GET).
bool etag_matches(std::string_view header, std::string_view etag) {
  if (trim_ows(header) == "*") return true;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = trim_ows(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == etag) return true;
  }
  return false;
}

// The request path as a key of the file map, or nothing for a path that tries to leave the
// root or is not a plain file name ("..", ".", empty segments inside, backslashes, NUL).
std::optional<std::string> relative_key(std::string_view path) {
  auto decoded = percent_decode(path, false);
  if (!decoded) return std::nullopt;
  std::string_view rest(*decoded);
  if (rest.empty() || rest.front() != '/') return std::nullopt;
  rest.remove_prefix(1);
  std::string key;
  while (!rest.empty()) {
    auto slash = rest.find('/');
    auto segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (segment.empty()) {
      if (rest.empty()) break;  // a trailing slash
      return std::nullopt;
    }
    if (segment == "." || segment == "..") return std::nullopt;
    for (char c : segment) {
      if (c == '\\' || c == '\0') return std::nullopt;
    }
    if (!key.empty()) key += '/';
    key += segment;
  }
  return key;
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

HttpResponse plain(const HttpRequest& request, bhttp::status status, std::string_view text) {
  HttpResponse response{status, request.version()};
  response.set(bhttp::field::content_type, "text/plain; charset=utf-8");
  response.set(bhttp::field::cache_control, "no-store");
  response.body() = std::string(text);
  return response;
}

}  // namespace

StaticSite::StaticSite(std::filesystem::path root) : root_(std::move(root)) {
  std::error_code ec;
  if (!std::filesystem::is_directory(root_, ec)) {
    spdlog::warn("web UI not built: {} is not a directory (build it with: cd web && npm ci && npm run build)",
                 root_.string());
    return;
  }
  std::map<std::string, std::string> gz;  // key of the uncompressed file -> compressed bytes
  for (auto it = std::filesystem::recursive_directory_iterator(root_, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
    auto size = it->file_size(ec);
    if (ec || size > kMaxFileSize) continue;
    std::string key = std::filesystem::relative(it->path(), root_, ec).generic_string();
    if (ec || key.empty()) continue;
    std::string body;
    if (!read_file(it->path(), body)) {
      spdlog::warn("web UI: cannot read {}", it->path().string());
      continue;
    }
    if (key.size() > 3 && key.substr(key.size() - 3) == ".gz") {
      gz.emplace(key.substr(0, key.size() - 3), std::move(body));
      continue;
    }
    Asset asset;
    asset.etag = strong_etag(body, "");
    asset.content_type = std::string(content_type_of(key));
    // Vite names everything under assets/ after a hash of its content.
    asset.immutable = key.rfind("assets/", 0) == 0;
    asset.body = std::move(body);
    files_.emplace(std::move(key), std::move(asset));
  }
  for (auto& [key, body] : gz) {
    auto it = files_.find(key);
    if (it == files_.end()) continue;
    it->second.gzip_etag = strong_etag(it->second.body, "-gz");
    it->second.gzip = std::move(body);
  }
  if (files_.find("index.html") == files_.end()) {
    spdlog::warn("web UI at {} has no index.html; serving only its files", root_.string());
  }
  spdlog::info("web UI: {} files from {}", files_.size(), root_.string());
}

bool StaticSite::claims(bhttp::verb method, std::string_view path) {
  if (method != bhttp::verb::get && method != bhttp::verb::head) return false;
  if (path == "/api/docs" || path == "/api/docs/") return true;
  if (path == "/api" || path.rfind("/api/", 0) == 0) return false;
  if (path == "/socket.io" || path.rfind("/socket.io/", 0) == 0) return false;
  return true;
}

const StaticSite::Asset* StaticSite::find(std::string_view relative) const {
  auto it = files_.find(relative);
  return it == files_.end() ? nullptr : &it->second;
}

HttpResponse StaticSite::serve(const HttpRequest& request, std::string_view path) const {
  if (!built()) return not_built(request);
  if (path == "/api/docs" || path == "/api/docs/") {
    if (const auto* docs = find("api-docs/index.html")) return answer(request, *docs);
    return plain(request, bhttp::status::not_found, "The API documentation page is not in this build.\n");
  }
  auto key = relative_key(path);
  if (!key) return plain(request, bhttp::status::not_found, "Not Found\n");
  if (key->empty()) key = "index.html";
  if (const auto* asset = find(*key)) return answer(request, *asset);
  if (const auto* index = find(*key + "/index.html")) return answer(request, *index);
  // A missing hashed asset is a stale page asking for an old build: index.html would only be
  // parsed as a script and fail confusingly.
  if (key->rfind("assets/", 0) == 0) return plain(request, bhttp::status::not_found, "Not Found\n");
  if (const auto* index = find("index.html")) return answer(request, *index);
  return plain(request, bhttp::status::not_found, "Not Found\n");
}

HttpResponse StaticSite::answer(const HttpRequest& request, const Asset& asset) const {
  const bool gzip = asset.gzip && accepts_gzip(request[bhttp::field::accept_encoding]);
  const std::string& etag = gzip ? asset.gzip_etag : asset.etag;
  HttpResponse response{bhttp::status::ok, request.version()};
  response.set(bhttp::field::content_type, asset.content_type);
  response.set(bhttp::field::etag, etag);
  // index.html, the service worker and the manifest keep their names across builds: revalidate.
  response.set(bhttp::field::cache_control, asset.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (asset.gzip) response.set(bhttp::field::vary, "Accept-Encoding");
  if (etag_matches(request[bhttp::field::if_none_match], etag)) {
    response.result(bhttp::status::not_modified);
    return response;
  }
  if (gzip) {
    response.set(bhttp::field::content_encoding, "gzip");
    response.body() = *asset.gzip;
  } else {
    response.body() = asset.body;
  }
  return response;
}

HttpResponse StaticSite::not_built(const HttpRequest& request) const {
  HttpResponse response{bhttp::status::not_found, request.version()};
  response.set(bhttp::field::content_type, "text/html; charset=utf-8");
  response.set(bhttp::field::cache_control, "no-store");
  response.body() = fmt::format(
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>admit: web UI not built</title>"
      "</head><body><h1>The web UI is not built</h1><p>admit looked for it in <code>{}</code>.</p>"
      "<p>Build it with <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code> (or "
      "<code>scripts/build.sh</code>), or point <code>--web-root</code> / <code>ADMIT_WEB_ROOT</code> at a "
      "built copy. The REST API under <code>/api/v1</code> works without it.</p></body></html>\n",
      html_escape(root_.string()));
  return response;
}

}  // namespace admit
