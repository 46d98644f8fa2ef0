#pragma once

#include <cstddef>
#include <string_view>

namespace admit {

// Whether JSON text nests arrays and objects deeper than `limit`. nlohmann parses any depth
// without recursion, but copying, comparing, serialising and walking a value all recurse, so a
// megabyte of "[[[[..." from the network would overflow the stack of whichever thread touches
// it. Text that is not JSON is not judged here (the parser refuses it); brackets inside strings
// do not count.
bool json_nesting_exceeds(std::string_view text, std::size_t limit);

}  // namespace admit
