#pragma once

// Fakes and fixtures shared by the unit tests: injected time and randomness, and a throwaway
// SQLite file that the domain services use synchronously on the test thread.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <variant>
#include <vector>

#include "domain/clock.hpp"
#include "domain/domain_event.hpp"
#include "domain/object_id.hpp"
#include "domain/random_source.hpp"
#include "domain/time.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"
#include "storage/sqlite/sqlite_unit_of_work.hpp"

namespace admit {

// "2026-01-15T09:00:00.000Z", the instant most tests are built around.
inline const TimePoint kNineAm = from_unix_ms(1768467600000);

inline TimePoint at_minutes(int minutes_after_nine) { return kNineAm + Minutes{minutes_after_nine}; }

class FakeClock : public Clock {
 public:
  explicit FakeClock(TimePoint now = kNineAm) : now_(now) {}
  TimePoint now() const override { return now_; }
  void set(TimePoint now) { now_ = now; }
  void advance(std::chrono::milliseconds by) { now_ += by; }

 private:
  TimePoint now_;
};

// Hands out the given values in order, then repeats the last one forever.
class SequenceRandom : public RandomSource {
 public:
  explicit SequenceRandom(std::vector<std::uint64_t> values) : values_(std::move(values)) {}
  std::uint64_t next_u64() override {
    std::uint64_t value = values_.empty() ? 0 : values_[std::min(next_, values_.size() - 1)];
    ++next_;
    return value;
  }
  std::size_t calls() const { return next_; }

 private:
  std::vector<std::uint64_t> values_;
  std::size_t next_ = 0;
};

// 1, 2, 3, ...: never repeats, so generated QR codes never collide unless a test wants them to.
class CountingRandom : public RandomSource {
 public:
  std::uint64_t next_u64() override { return ++count_; }

 private:
  std::uint64_t count_ = 0;
};

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "admit-unit-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path file(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// A migrated database file and one unit of work over it, used without explicit transactions:
// each statement commits on its own, which is all the services need outside the writer thread.
class StoreTest : public ::testing::Test {
 protected:
  StoreTest()
      : conn_(dir_.file("admit.db"), SqliteConnection::Mode::kReadWrite),
        uow_(conn_),
        random_({0, 0x0000a1b2c3d4e5f6ULL}),
        ids_(clock_, random_) {
    // These tests are about rules, not crash safety: skipping fsync keeps them fast.
    conn_.exec("PRAGMA synchronous = OFF");
    migrate(conn_);
  }

  // Events emitted so far, of one alternative of DomainEvent.
  template <class T>
  std::vector<T> events_of() {
    std::vector<T> out;
    for (auto& event : uow_.take_events()) {
      if (auto* e = std::get_if<T>(&event)) out.push_back(std::move(*e));
    }
    return out;
  }

  TempDir dir_;
  SqliteConnection conn_;
  SqliteUnitOfWork uow_;
  FakeClock clock_;
  SequenceRandom random_;
  ObjectIdGenerator ids_;
};

}  // namespace admit
