#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "domain/event_sink.hpp"
#include "storage/database.hpp"
#include "storage/write_observer.hpp"

namespace admit {

struct SqliteOptions {
  std::filesystem::path file;
  int readers = 2;
  // Most jobs one transaction may hold; the writer takes whatever is queued, up to this.
  std::size_t max_batch = 512;
  EventSink* events = nullptr;
  WriteObserver* observer = nullptr;  // batch sizes and commit times (metrics)
};

// Observations of the write path, for metrics and benchmarks.
struct WriterStats {
  std::uint64_t batches = 0;
  std::uint64_t jobs = 0;
  std::uint64_t commit_nanoseconds = 0;
};

// SQLite in WAL mode: one writer thread that owns the only read-write connection and commits each
// batch of queued jobs as one transaction (group commit, synchronous=FULL, so an answered write is
// on disk and the fsync is shared by the batch), and a pool of threads with read-only connections.
class SqliteDatabase : public Database {
 public:
  // Opens (creating if needed) and migrates the file; throws SqliteError with a clear message for a
  // file that is not an admit database.
  explicit SqliteDatabase(SqliteOptions options);
  ~SqliteDatabase() override;

  void read(StorageJob job) override;
  void write(StorageJob job) override;
  void shutdown() override;

  WriterStats writer_stats() const;

 private:
  struct Queue {
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<StorageJob> jobs;
  };

  void writer_loop();
  void reader_loop();
  void commit_batch(std::vector<StorageJob>& batch);

  SqliteOptions options_;
  Queue write_queue_;
  Queue read_queue_;
  bool stopping_ = false;  // guarded by both queues' mutexes
  mutable std::mutex stats_mutex_;
  WriterStats stats_;
  std::vector<std::thread> threads_;
};

}  // namespace admit
