#include "api/schema_catalog.hpp"

#include <mutex>

namespace admit {
namespace {

// Function-local statics: registrations run during static initialisation of other files.
std::mutex& catalog_mutex() {
  static std::mutex mutex;
  return mutex;
}

std::vector<SchemaUse>& catalog() {
  static std::vector<SchemaUse> uses;
  return uses;
}

}  // namespace

void SchemaCatalog::add(std::initializer_list<SchemaUse> uses) {
  std::lock_guard lock(catalog_mutex());
  catalog().insert(catalog().end(), uses.begin(), uses.end());
}

std::vector<SchemaUse> SchemaCatalog::all() {
  std::lock_guard lock(catalog_mutex());
  return catalog();
}

}  // namespace admit
