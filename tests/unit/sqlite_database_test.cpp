#include "storage/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "storage/sqlite/sqlite_error.hpp"
#include "unit_support.hpp"

namespace admit {
namespace {

class RecordingSink : public EventSink {
 public:
  void publish(const DomainEvent& event) override {
    std::lock_guard lock(mutex_);
    if (auto* e = std::get_if<SessionStatusChanged>(&event)) tags_.push_back(e->session_id);
  }
  std::vector<std::string> tags() const {
    std::lock_guard lock(mutex_);
    return tags_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> tags_;
};

Session session_row(const std::string& id) {
  Session s;
  s.id = id;
  s.name = "Session " + id;
  s.start_time = at_minutes(0);
  s.end_time = at_minutes(60);
  s.created_at = kNineAm;
  s.updated_at = kNineAm;
  return s;
}

// An event that names the job that emitted it.
DomainEvent tagged(const std::string& tag) {
  return SessionStatusChanged{tag,      tag,    SessionStatus::kScheduled, SessionStatus::kOpen, false, true,
                              "manual", kNineAm};
}

// A job's outcome as its done callback saw it.
using Outcome = std::future<std::exception_ptr>;

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  SqliteDatabaseTest() : file_(dir_.file("admit.db")) {}

  std::unique_ptr<SqliteDatabase> open(std::size_t max_batch = 512) {
    SqliteOptions options;
    options.file = file_;
    options.readers = 2;
    options.max_batch = max_batch;
    options.events = &sink_;
    return std::make_unique<SqliteDatabase>(options);
  }

  static Outcome write(Database& db, std::function<bool(UnitOfWork&)> run) {
    auto done = std::make_shared<std::promise<std::exception_ptr>>();
    Outcome outcome = done->get_future();
    db.write({std::move(run), [done](std::exception_ptr error) { done->set_value(error); }});
    return outcome;
  }

  static Outcome read(Database& db, std::function<bool(UnitOfWork&)> run) {
    auto done = std::make_shared<std::promise<std::exception_ptr>>();
    Outcome outcome = done->get_future();
    db.read({std::move(run), [done](std::exception_ptr error) { done->set_value(error); }});
    return outcome;
  }

  // Inserts a session with this id and emits an event tagged with it.
  static std::function<bool(UnitOfWork&)> insert(const std::string& id, bool keep = true) {
    return [id, keep](UnitOfWork& uow) {
      uow.sessions().insert(session_row(id));
      uow.emit(tagged(id));
      return keep;
    };
  }

  // Ids of the sessions the file holds, read through a read job.
  std::set<std::string> stored_ids(Database& db) {
    std::set<std::string> ids;
    auto outcome = read(db, [&ids](UnitOfWork& uow) {
      PageRequest page;
      page.limit = 10000;
      for (const auto& s : uow.sessions().list({}, page).items)
        ids.insert(s.id);
      return true;
    });
    EXPECT_EQ(outcome.get(), nullptr);
    return ids;
  }

  // Holds the writer inside a job until release() so that later writes queue up behind it and
  // are then taken as one batch.
  class Gate {
   public:
    std::function<bool(UnitOfWork&)> job() {
      return [this](UnitOfWork&) {
        started_.set_value();
        open_.get_future().wait();
        return true;
      };
    }
    void wait_until_held() { started_.get_future().wait(); }
    void release() { open_.set_value(); }

   private:
    std::promise<void> started_;
    std::promise<void> open_;
  };

  TempDir dir_;
  std::filesystem::path file_;
  RecordingSink sink_;
};

std::string what(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "?";
  }
}

TEST_F(SqliteDatabaseTest, WritesFromManyThreadsAllCommit) {
  auto db = open();
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25;
  std::vector<std::vector<Outcome>> outcomes(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i)
        outcomes[t].push_back(write(*db, insert("t" + std::to_string(t) + "-" + std::to_string(i))));
    });
  }
  for (auto& thread : threads)
    thread.join();
  for (auto& per_thread : outcomes) {
    for (auto& outcome : per_thread)
      EXPECT_EQ(outcome.get(), nullptr);
  }

  auto ids = stored_ids(*db);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_TRUE(ids.count("t0-0") && ids.count("t3-24"));
  EXPECT_EQ(sink_.tags().size(), static_cast<std::size_t>(kThreads * kPerThread));
  WriterStats stats = db->writer_stats();
  EXPECT_EQ(stats.jobs, static_cast<std::uint64_t>(kThreads * kPerThread));
  EXPECT_GE(stats.batches, 1u);
  EXPECT_LE(stats.batches, stats.jobs);
}

TEST_F(SqliteDatabaseTest, EachJobOfABatchHasItsOwnOutcome) {
  auto db = open();
  Gate gate;
  Outcome held = write(*db, gate.job());
  gate.wait_until_held();

  Outcome kept = write(*db, insert("kept"));
  Outcome refused = write(*db, insert("refused", /*keep=*/false));
  Outcome threw = write(*db, [](UnitOfWork& uow) -> bool {
    uow.sessions().insert(session_row("threw"));
    uow.emit(tagged("threw"));
    throw std::runtime_error("boom");
  });
  Outcome conflicted = write(*db, insert("kept"));  // same primary key: the storage refuses it
  Outcome also_kept = write(*db, insert("also-kept"));
  gate.release();

  EXPECT_EQ(held.get(), nullptr);
  EXPECT_EQ(kept.get(), nullptr);
  // A refused job is not an error: it simply leaves nothing behind.
  EXPECT_EQ(refused.get(), nullptr);
  std::exception_ptr boom = threw.get();
  ASSERT_NE(boom, nullptr);
  EXPECT_EQ(what(boom), "boom");
  std::exception_ptr conflict = conflicted.get();
  ASSERT_NE(conflict, nullptr);
  try {
    std::rethrow_exception(conflict);
  } catch (const StorageError& e) {
    EXPECT_EQ(e.kind(), StorageError::Kind::kConflict);
  } catch (...) {
    ADD_FAILURE() << "not a StorageError: " << what(conflict);
  }
  EXPECT_EQ(also_kept.get(), nullptr);

  EXPECT_EQ(stored_ids(*db), (std::set<std::string>{"kept", "also-kept"}));
  // Events of discarded and failed jobs are dropped with their changes.
  EXPECT_EQ(sink_.tags(), (std::vector<std::string>{"kept", "also-kept"}));
  // The five jobs after the gate really shared one transaction.
  WriterStats stats = db->writer_stats();
  EXPECT_EQ(stats.batches, 2u);
  EXPECT_EQ(stats.jobs, 6u);
}

TEST_F(SqliteDatabaseTest, AJobSeesItsBatchMatesEarlierWrites) {
  auto db = open();
  Gate gate;
  Outcome held = write(*db, gate.job());
  gate.wait_until_held();
  Outcome first = write(*db, insert("first"));
  std::optional<bool> seen;
  Outcome second = write(*db, [&seen](UnitOfWork& uow) {
    seen = uow.sessions().find("first").has_value();
    return true;
  });
  gate.release();
  EXPECT_EQ(held.get(), nullptr);
  EXPECT_EQ(first.get(), nullptr);
  EXPECT_EQ(second.get(), nullptr);
  EXPECT_EQ(seen, true);
}

TEST_F(SqliteDatabaseTest, ARefusedJobIsInvisibleToTheNextJob) {
  auto db = open();
  Gate gate;
  Outcome held = write(*db, gate.job());
  gate.wait_until_held();
  Outcome refused = write(*db, insert("ghost", /*keep=*/false));
  std::optional<bool> seen;
  Outcome probe = write(*db, [&seen](UnitOfWork& uow) {
    seen = uow.sessions().find("ghost").has_value();
    return true;
  });
  gate.release();
  EXPECT_EQ(held.get(), nullptr);
  EXPECT_EQ(refused.get(), nullptr);
  EXPECT_EQ(probe.get(), nullptr);
  EXPECT_EQ(seen, false);
}

TEST_F(SqliteDatabaseTest, ReadsSeeCommittedWrites) {
  auto db = open();
  ASSERT_EQ(write(*db, insert("a")).get(), nullptr);
  std::optional<std::string> name;
  ASSERT_EQ(read(*db,
                 [&name](UnitOfWork& uow) {
                   if (auto s = uow.sessions().find("a")) name = s->name;
                   return true;
                 })
                .get(),
            nullptr);
  EXPECT_EQ(name, "Session a");

  ASSERT_EQ(write(*db,
                  [](UnitOfWork& uow) {
                    Session s = session_row("a");
                    s.name = "Renamed";
                    uow.sessions().update(s);
                    return true;
                  })
                .get(),
            nullptr);
  ASSERT_EQ(read(*db,
                 [&name](UnitOfWork& uow) {
                   name = uow.sessions().find("a")->name;
                   return true;
                 })
                .get(),
            nullptr);
  EXPECT_EQ(name, "Renamed");
}

TEST_F(SqliteDatabaseTest, ReadJobsCannotWrite) {
  auto db = open();
  std::exception_ptr error = read(*db, insert("sneaky")).get();
  ASSERT_NE(error, nullptr);
  EXPECT_TRUE(stored_ids(*db).empty());
  EXPECT_TRUE(sink_.tags().empty());
}

TEST_F(SqliteDatabaseTest, ReadExceptionsReachTheirDone) {
  auto db = open();
  std::exception_ptr error = read(*db, [](UnitOfWork&) -> bool { throw std::logic_error("bad read"); }).get();
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(what(error), "bad read");
  // The reader thread survives and serves the next job.
  EXPECT_TRUE(stored_ids(*db).empty());
}

TEST_F(SqliteDatabaseTest, MaxBatchSplitsTheQueue) {
  auto db = open(/*max_batch=*/2);
  Gate gate;
  Outcome held = write(*db, gate.job());
  gate.wait_until_held();
  std::vector<Outcome> outcomes;
  for (int i = 0; i < 5; ++i)
    outcomes.push_back(write(*db, insert("s" + std::to_string(i))));
  gate.release();
  EXPECT_EQ(held.get(), nullptr);
  for (auto& outcome : outcomes)
    EXPECT_EQ(outcome.get(), nullptr);
  WriterStats stats = db->writer_stats();
  EXPECT_EQ(stats.jobs, 6u);
  EXPECT_EQ(stats.batches, 4u);  // the gate, then 2 + 2 + 1
  EXPECT_EQ(stored_ids(*db).size(), 5u);
}

TEST_F(SqliteDatabaseTest, ShutdownFinishesQueuedWrites) {
  auto db = open();
  Gate gate;
  Outcome held = write(*db, gate.job());
  gate.wait_until_held();
  std::atomic<int> committed{0};
  constexpr int kQueued = 50;
  for (int i = 0; i < kQueued; ++i) {
    db->write({insert("q" + std::to_string(i)), [&committed](std::exception_ptr error) {
                 if (!error) committed.fetch_add(1);
               }});
  }
  std::thread stopper([&] { db->shutdown(); });
  gate.release();
  stopper.join();
  EXPECT_EQ(held.get(), nullptr);
  EXPECT_EQ(committed.load(), kQueued);
  EXPECT_EQ(sink_.tags().size(), static_cast<std::size_t>(kQueued));
  db->shutdown();  // a second shutdown is harmless
  db.reset();

  // Everything is on disk for the next process.
  auto reopened = open();
  EXPECT_EQ(stored_ids(*reopened).size(), static_cast<std::size_t>(kQueued));
}

TEST_F(SqliteDatabaseTest, DataSurvivesReopening) {
  {
    auto db = open();
    ASSERT_EQ(write(*db, insert("durable")).get(), nullptr);
  }
  auto db = open();
  EXPECT_EQ(stored_ids(*db), std::set<std::string>{"durable"});
}

}  // namespace
}  // namespace admit
