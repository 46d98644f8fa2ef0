#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace admit::test {
namespace {

namespace fs = std::filesystem;

// A web root laid out like web/dist, plus a secret beside it that no URL may reach.
class StaticSiteTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    base_ = fs::temp_directory_path() / ("admit-static-" + std::to_string(::getpid()));
    fs::remove_all(base_);
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    fs::create_directories(root_ / "api-docs");
    write(root_ / "index.html", "<!doctype html><title>admit</title>");
    write(root_ / "sw.js", "self.addEventListener('fetch', () => {});");
    write(root_ / "manifest.webmanifest", "{\"name\":\"admit\"}");
    write(root_ / "assets" / "index-abc123.js", "console.log('plain');");
    // Not real gzip: the test only checks that the precompressed file is the one sent.
    write(root_ / "assets" / "index-abc123.js.gz", "GZIPPED-BYTES");
    write(root_ / "assets" / "zxing-def.wasm", std::string("\0asm\1\0\0\0", 8));
    write(root_ / "api-docs" / "index.html", "<!doctype html><title>admit API</title>");
    write(base_ / "secret.txt", "do not serve");
    server_ = new ServerProcess({"--web-root", root_.string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    fs::remove_all(base_);
  }
  static void write(const fs::path& p, const std::string& content) { std::ofstream(p, std::ios::binary) << content; }

  HttpClient& http() {
    if (!http_) http_ = std::make_unique<HttpClient>(server_->port());
    return *http_;
  }
  Reply get(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
    return http().request("GET", target, std::nullopt, headers);
  }

  static inline fs::path base_;
  static inline fs::path root_;
  static inline ServerProcess* server_ = nullptr;
  std::unique_ptr<HttpClient> http_;
};

TEST_F(StaticSiteTest, IndexIsServedAsHtmlAndRevalidated) {
  auto r = get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.raw, "<!doctype html><title>admit</title>");
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.header("cache-control"), "no-cache");
  EXPECT_FALSE(r.header("etag").empty());
  EXPECT_FALSE(r.header("x-request-id").empty());
}

TEST_F(StaticSiteTest, ContentTypesFollowTheExtension) {
  EXPECT_EQ(get("/assets/zxing-def.wasm").header("content-type"), "application/wasm");
  EXPECT_EQ(get("/manifest.webmanifest").header("content-type"), "application/manifest+json; charset=utf-8");
  EXPECT_EQ(get("/sw.js").header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(get("/sw.js").header("cache-control"), "no-cache");
}

TEST_F(StaticSiteTest, HashedAssetsAreImmutable) {
  auto r = get("/assets/index-abc123.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(r.raw, "console.log('plain');");
}

TEST_F(StaticSiteTest, EtagAnswers304) {
  auto first = get("/assets/index-abc123.js");
  auto etag = first.header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = get("/assets/index-abc123.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.raw.empty());
  EXPECT_EQ(again.header("etag"), etag);
  EXPECT_EQ(get("/assets/index-abc123.js", {{"If-None-Match", "W/" + etag}}).status, 304);
  EXPECT_EQ(get("/assets/index-abc123.js", {{"If-None-Match", "\"other\""}}).status, 200);
}

TEST_F(StaticSiteTest, PrecompressedVariantWhenGzipIsAccepted) {
  auto gz = get("/assets/index-abc123.js", {{"Accept-Encoding", "br, gzip;q=0.8"}});
  EXPECT_EQ(gz.status, 200);
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  EXPECT_EQ(gz.raw, "GZIPPED-BYTES");
  EXPECT_NE(gz.header("vary").find("Accept-Encoding"), std::string::npos);
  auto plain = get("/assets/index-abc123.js", {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_EQ(plain.header("content-encoding"), "");
  EXPECT_EQ(plain.raw, "console.log('plain');");
  // Each representation has its own entity tag.
  EXPECT_NE(gz.header("etag"), plain.header("etag"));
}

TEST_F(StaticSiteTest, ClientRoutesFallBackToIndex) {
  for (const char* path : {"/scan", "/admin/sessions", "/board?x=1", "/setup?token=abc"}) {
    auto r = get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.raw, "<!doctype html><title>admit</title>") << path;
  }
}

TEST_F(StaticSiteTest, MissingHashedAssetIs404NotIndex) {
  auto r = get("/assets/index-old999.js");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.raw.find("<!doctype"), std::string::npos);
}

TEST_F(StaticSiteTest, TraversalNeverLeavesTheRoot) {
  for (const char* path :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "/assets/..%2f..%2fsecret.txt", "/%00/secret.txt"}) {
    auto r = get(path);
    EXPECT_EQ(r.raw.find("do not serve"), std::string::npos) << path;
    EXPECT_EQ(r.status, 404) << path;
  }
}

TEST_F(StaticSiteTest, ApiPathsStayJson) {
  auto r = get("/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body["message"], "Cannot GET /api/v1/nothing-here");
  // Writes to a UI path are not the site's either.
  auto post = http().post("/scan", Json::object());
  EXPECT_EQ(post.status, 404);
  EXPECT_EQ(post.body["message"], "Cannot POST /scan");
}

TEST_F(StaticSiteTest, ApiDocsPageComesFromApiDocsFolder) {
  auto r = get("/api/docs");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.raw, "<!doctype html><title>admit API</title>");
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
}

TEST(StaticSiteMissingRoot, RootExplainsHowToBuildTheUi) {
  ServerProcess server({"--web-root", "/nonexistent/admit-web"});
  HttpClient http(server.port());
  auto r = http.get("/");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.raw.find("npm run build"), std::string::npos);
  EXPECT_NE(r.raw.find("/nonexistent/admit-web"), std::string::npos);
  // The API does not depend on it.
  EXPECT_EQ(http.get("/api/v1/health/live").status, 200);
}

}  // namespace
}  // namespace admit::test
