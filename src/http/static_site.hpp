#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/asio.hpp"

namespace admit {

// The built web UI (web/dist) served from memory: content types, strong ETags with
// If-None-Match, precompressed .gz variants, immutable caching of hashed /assets/, and the
// single-page-app fallback to index.html. The files are read once at start-up, so a request
// never touches the disk and no path from a request is ever joined to a file-system path (a
// "../" cannot escape the root); rebuild the UI, then restart admit.
class StaticSite {
 public:
  // Reads every regular file under `root` (symbolic links are not followed). A missing root is
  // not an error: the site then answers a page that says how to build the UI.
  explicit StaticSite(std::filesystem::path root);

  // Whether a request for `path` belongs to the site rather than the API: GET and HEAD outside
  // /api/ and /socket.io/, plus the Swagger UI page at /api/docs.
  static bool claims(bhttp::verb method, std::string_view path);

  // The answer for a request the site claims; `path` is the target without its query.
  HttpResponse serve(const HttpRequest& request, std::string_view path) const;

  bool built() const { return !files_.empty(); }
  const std::filesystem::path& root() const { return root_; }
  std::size_t file_count() const { return files_.size(); }

 private:
  struct Asset {
    std::string body;
    std::string etag;
    std::optional<std::string> gzip;  // the precompressed variant, when the build made one
    std::string gzip_etag;
    std::string content_type;
    bool immutable = false;  // content-hashed name: cache for a year
  };

  const Asset* find(std::string_view relative) const;
  HttpResponse answer(const HttpRequest& request, const Asset& asset) const;
  HttpResponse not_built(const HttpRequest& request) const;

  std::filesystem::path root_;
  std::map<std::string, Asset, std::less<>> files_;  // key: path relative to root, '/'-separated
};

}  // namespace admit
