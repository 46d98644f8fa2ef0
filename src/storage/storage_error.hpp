#pragma once

#include <stdexcept>
#include <string>

namespace admit {

// A failure of the storage engine, independent of which engine: http/ maps the kind to a status
// and a message that names the cause (a full disk must not look like a bug).
class StorageError : public std::runtime_error {
 public:
  enum class Kind { kConflict, kDiskFull, kReadOnly, kCorrupt, kBusy, kOther };

  StorageError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace admit
