#pragma once

#include <filesystem>

namespace admit {

// The directory the web UI is served from: the configured one when set, else the installed
// copy (<exe dir>/../share/admit/web) when present, else the repository's build next to
// build/admit (<exe dir>/../web/dist), which may not exist yet.
std::filesystem::path resolve_web_root(const std::filesystem::path& configured);

}  // namespace admit
