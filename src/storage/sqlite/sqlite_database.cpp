#include "storage/sqlite/sqlite_database.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <chrono>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"
#include "storage/sqlite/sqlite_unit_of_work.hpp"

namespace admit {
namespace {

void configure_writer(SqliteConnection& db) {
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA foreign_keys = OFF");
  db.exec("PRAGMA temp_store = MEMORY");
  db.exec("PRAGMA cache_size = -16000");
}

// Transaction control through cached statements: re-parsing them for every job is measurable.
void run(SqliteConnection& db, const char* sql) { db.query(sql).run(); }

void finish(StorageJob& job, std::exception_ptr error) {
  if (job.done) job.done(error);
}

}  // namespace

SqliteDatabase::SqliteDatabase(SqliteOptions options) : options_(std::move(options)) {
  {
    SqliteConnection db(options_.file, SqliteConnection::Mode::kReadWrite);
    // Refuse a foreign file before anything writes to it (switching to WAL rewrites its header).
    schema_version(db);
    configure_writer(db);
    migrate(db);
  }
  threads_.emplace_back([this] { writer_loop(); });
  for (int i = 0; i < options_.readers; ++i)
    threads_.emplace_back([this] { reader_loop(); });
}

SqliteDatabase::~SqliteDatabase() { SqliteDatabase::shutdown(); }

void SqliteDatabase::read(StorageJob job) {
  {
    std::lock_guard lock(read_queue_.mutex);
    read_queue_.jobs.push_back(std::move(job));
  }
  read_queue_.ready.notify_one();
}

void SqliteDatabase::write(StorageJob job) {
  {
    std::lock_guard lock(write_queue_.mutex);
    write_queue_.jobs.push_back(std::move(job));
  }
  write_queue_.ready.notify_one();
}

void SqliteDatabase::shutdown() {
  {
    std::scoped_lock lock(write_queue_.mutex, read_queue_.mutex);
    if (stopping_) return;
    stopping_ = true;
  }
  write_queue_.ready.notify_all();
  read_queue_.ready.notify_all();
  for (auto& t : threads_)
    t.join();
  threads_.clear();
}

WriterStats SqliteDatabase::writer_stats() const {
  std::lock_guard lock(stats_mutex_);
  return stats_;
}

void SqliteDatabase::reader_loop() {
  SqliteConnection db(options_.file, SqliteConnection::Mode::kReadOnly);
  db.exec("PRAGMA query_only = 1");
  SqliteUnitOfWork uow(db);
  for (;;) {
    StorageJob job;
    {
      std::unique_lock lock(read_queue_.mutex);
      read_queue_.ready.wait(lock, [&] { return stopping_ || !read_queue_.jobs.empty(); });
      if (read_queue_.jobs.empty()) return;
      job = std::move(read_queue_.jobs.front());
      read_queue_.jobs.pop_front();
    }
    std::exception_ptr error;
    try {
      // One read transaction, so that a page and its total come from the same snapshot.
      run(db, "BEGIN");
      job.run(uow);
      run(db, "COMMIT");
    } catch (...) {
      error = std::current_exception();
      if (db.in_transaction()) run(db, "ROLLBACK");
    }
    auto events = uow.take_events();
    if (!error && options_.events) {
      for (const auto& event : events)
        options_.events->publish(event);
    }
    finish(job, error);
  }
}

void SqliteDatabase::writer_loop() {
  SqliteConnection db(options_.file, SqliteConnection::Mode::kReadWrite);
  configure_writer(db);
  SqliteUnitOfWork uow(db);
  std::vector<StorageJob> batch;
  for (;;) {
    {
      std::unique_lock lock(write_queue_.mutex);
      write_queue_.ready.wait(lock, [&] { return stopping_ || !write_queue_.jobs.empty(); });
      if (write_queue_.jobs.empty()) return;  // stopping, and every queued write is done
      while (!write_queue_.jobs.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(write_queue_.jobs.front()));
        write_queue_.jobs.pop_front();
      }
    }

    auto started = std::chrono::steady_clock::now();
    std::vector<std::exception_ptr> errors(batch.size());
    std::vector<DomainEvent> events;
    std::exception_ptr batch_error;
    std::chrono::steady_clock::duration commit_time{};
    try {
      run(db, "BEGIN IMMEDIATE");
      for (std::size_t i = 0; i < batch.size(); ++i) {
        // Each job in its own savepoint: a refused or failed job leaves nothing behind and does not
        // disturb the others sharing the transaction.
        run(db, "SAVEPOINT job");
        bool keep = false;
        try {
          keep = batch[i].run(uow);
        } catch (...) {
          errors[i] = std::current_exception();
        }
        if (!db.in_transaction()) {
          // SQLite rolled the whole transaction back (disk full, I/O error): nothing of this batch
          // was stored, so every job in it fails.
          batch_error =
              errors[i] ? errors[i] : std::make_exception_ptr(SqliteError(SQLITE_ABORT, "transaction aborted"));
          break;
        }
        if (keep && !errors[i]) {
          run(db, "RELEASE job");
          for (auto& e : uow.take_events())
            events.push_back(std::move(e));
        } else {
          run(db, "ROLLBACK TO job");
          run(db, "RELEASE job");
          uow.take_events();
        }
      }
      if (!batch_error) {
        auto commit_started = std::chrono::steady_clock::now();
        run(db, "COMMIT");
        commit_time = std::chrono::steady_clock::now() - commit_started;
      }
    } catch (...) {
      batch_error = std::current_exception();
    }
    if (batch_error) {
      uow.take_events();
      events.clear();
      if (db.in_transaction()) {
        try {
          db.exec("ROLLBACK");
        } catch (const std::exception& e) {
          spdlog::error("rollback failed: {}", e.what());
        }
      }
      std::fill(errors.begin(), errors.end(), batch_error);
    }
    auto elapsed = std::chrono::steady_clock::now() - started;
    {
      std::lock_guard lock(stats_mutex_);
      stats_.batches += 1;
      stats_.jobs += batch.size();
      stats_.commit_nanoseconds +=
          static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count());
    }
    if (options_.observer) {
      options_.observer->batch_finished(batch.size(), std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed),
                                        std::chrono::duration_cast<std::chrono::nanoseconds>(commit_time),
                                        !batch_error);
    }
    if (options_.events) {
      for (const auto& event : events)
        options_.events->publish(event);
    }
    for (std::size_t i = 0; i < batch.size(); ++i)
      finish(batch[i], errors[i]);
    batch.clear();
  }
}

}  // namespace admit
