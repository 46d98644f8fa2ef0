#include "app/web_root.hpp"

#include <system_error>

namespace admit {

std::filesystem::path resolve_web_root(const std::filesystem::path& configured) {
  if (!configured.empty()) return configured;
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return std::filesystem::path("web") / "dist";
  auto prefix = exe.parent_path().parent_path();
  auto installed = prefix / "share" / "admit" / "web";
  if (std::filesystem::is_directory(installed, ec)) return installed;
  return (prefix / "web" / "dist").lexically_normal();
}

}  // namespace admit
