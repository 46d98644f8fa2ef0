#include "http/idempotency_store.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <array>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>

#include "http/db_call.hpp"
#include "http/envelope.hpp"
#include "http/json.hpp"

namespace admit {
namespace {

// The response headers a replay needs to mean the same thing; everything else is per-answer.
constexpr std::array kReplayedHeaders{bhttp::field::content_type, bhttp::field::content_disposition,
                                      bhttp::field::location};

constexpr std::chrono::minutes kPurgeEvery{10};

}  // namespace

// Holds a key in the in-flight table for the lifetime of one request, whatever way it ends.
class IdempotencyStore::Claim {
 public:
  Claim(IdempotencyStore& store, std::string id) : store_(store), id_(std::move(id)) {}
  Claim(const Claim&) = delete;
  Claim& operator=(const Claim&) = delete;
  ~Claim() { store_.release(id_); }

 private:
  IdempotencyStore& store_;
  std::string id_;
};

IdempotencyStore::IdempotencyStore(Database& db, const Clock& clock, IdempotencyOptions options)
    : db_(db), clock_(clock), options_(options) {}

bool IdempotencyStore::wanted(const HttpRequest& request) {
  switch (request.method()) {
    case bhttp::verb::post:
    case bhttp::verb::put:
    case bhttp::verb::patch:
    case bhttp::verb::delete_:
      return request.find(kHeader) != request.end();
    default:
      return false;
  }
}

std::optional<Error> IdempotencyStore::check_key(const HttpRequest& request) {
  auto range = request.equal_range(kHeader);
  auto count = std::distance(range.first, range.second);
  if (count == 0) return Error{ErrorKind::kBadRequest, "Idempotency-Key header is missing", {}};
  if (count > 1)
    return Error{
        ErrorKind::kBadRequest, "Idempotency-Key must be sent once, not " + std::to_string(count) + " times", {}};
  auto key = range.first->value();
  bool printable = !key.empty() && key.size() <= kMaxKeyLength;
  for (unsigned char c : key) {
    if (c < 0x21 || c > 0x7e) printable = false;
  }
  if (!printable) {
    return Error{ErrorKind::kBadRequest,
                 "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces (a UUID is a good key)",
                 {{"Idempotency-Key", "must be 1 to 255 printable ASCII characters"}}};
  }
  return std::nullopt;
}

std::string IdempotencyStore::scope_of(const Principal& principal) {
  if (!principal.user_id.empty()) return "user:" + principal.user_id;
  if (principal.method == AuthMethod::kAdminToken) return "admin-token";
  // Access control off: everyone is the same anonymous admin. Not the address: a phone that
  // moves from Wi-Fi to mobile data must still find its key.
  return "anonymous";
}

std::string IdempotencyStore::fingerprint(const HttpRequest& request) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  auto feed = [&state](std::string_view part) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
    // A separator that cannot occur in a method or target keeps "ab"+"c" apart from "a"+"bc".
    const unsigned char zero = 0;
    crypto_hash_sha256_update(&state, &zero, 1);
  };
  feed(request.method_string());
  feed(request.target());
  feed(request.body());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::size_t IdempotencyStore::in_flight() const {
  std::lock_guard lock(mutex_);
  return in_flight_.size();
}

std::shared_ptr<IdempotencyStore::InFlight> IdempotencyStore::try_claim(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = in_flight_.try_emplace(id, nullptr);
  if (inserted) {
    it->second = std::make_shared<InFlight>();
    return nullptr;
  }
  return it->second;
}

void IdempotencyStore::release(const std::string& id) {
  std::vector<std::function<void()>> waiters;
  {
    std::lock_guard lock(mutex_);
    auto it = in_flight_.find(id);
    if (it == in_flight_.end()) return;
    it->second->done = true;
    waiters = std::move(it->second->waiters);
    in_flight_.erase(it);
  }
  for (auto& wake : waiters)
    wake();
}

Task<bool> IdempotencyStore::wait_for(const std::shared_ptr<InFlight>& entry) {
  auto executor = co_await asio::this_coro::executor;
  auto timer = std::make_shared<asio::steady_timer>(executor, options_.wait);
  {
    std::lock_guard lock(mutex_);
    if (entry->done) co_return true;
    // The holder may finish on any thread; the timer belongs to this coroutine's strand.
    entry->waiters.emplace_back([timer] { asio::post(timer->get_executor(), [timer] { timer->cancel(); }); });
  }
  boost::system::error_code ec;
  co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
  std::lock_guard lock(mutex_);
  co_return entry->done;
}

HttpResponse IdempotencyStore::replay(const IdempotencyRecord& record, const RequestContext& ctx) const {
  HttpResponse res{static_cast<bhttp::status>(record.status), ctx.request.version()};
  res.keep_alive(ctx.request.keep_alive());
  auto headers = Json::parse(record.headers, nullptr, false);
  if (headers.is_object()) {
    for (const auto& [name, value] : headers.items()) {
      if (value.is_string()) res.set(name, value.get<std::string>());
    }
  }
  res.set("Idempotent-Replayed", "true");
  res.body() = record.body;
  return res;
}

Task<HttpResponse> IdempotencyStore::run(RequestContext& ctx, const Handler& handler) {
  if (auto bad = check_key(ctx.request)) co_return error_response(*bad, ctx);
  const std::string key(ctx.request[kHeader]);
  const std::string scope = scope_of(ctx.principal);
  const std::string print = fingerprint(ctx.request);
  std::string id = scope;
  id += '\n';
  id += key;

  while (auto holder = try_claim(id)) {
    if (!co_await wait_for(holder)) {
      co_return error_response(Error::conflict("A request with this Idempotency-Key is still in progress; retry later",
                                               std::string(kHeader)),
                               ctx);
    }
  }
  Claim claim(*this, id);

  auto now = clock_.now();
  auto stored = co_await db_read(db_, [&scope, &key](UnitOfWork& uow) { return uow.idempotency().find(scope, key); });
  if (stored && stored->created_at + options_.ttl > now) {
    if (stored->fingerprint != print) {
      co_return error_response(
          Error{
              ErrorKind::kUnprocessable,
              "Idempotency-Key \"" + key +
                  "\" was already used for a different request (method, path or body); use a new key for a new request",
              {{std::string(kHeader), "was already used for a different request"}}},
          ctx);
    }
    co_return replay(*stored, ctx);
  }

  HttpResponse response = co_await handler(ctx);
  int status = response.result_int();
  if (status < 200 || status >= 500) co_return response;
  if (response.body().size() > options_.max_body) {
    spdlog::warn("idempotency: answer of {} bytes to {} {} not kept; a retry with its key runs again",
                 response.body().size(), ctx.method, ctx.path);
    co_return response;
  }
  IdempotencyRecord record{scope, key, print, status, {}, response.body(), now};
  Json headers = Json::object();
  for (auto field : kReplayedHeaders) {
    if (auto it = response.find(field); it != response.end())
      headers[std::string(it->name_string())] = std::string(it->value());
  }
  record.headers = dump_json(headers);
  auto now_ms = now.time_since_epoch().count();
  auto due = next_purge_ms_.load();
  bool purge =
      now_ms >= due && next_purge_ms_.compare_exchange_strong(
                           due, now_ms + std::chrono::duration_cast<std::chrono::milliseconds>(kPurgeEvery).count());
  auto cutoff = now - options_.ttl;
  try {
    // The answer leaves only after this commit: a client that got it can always replay it.
    co_await db_write(db_, [&record, purge, cutoff](UnitOfWork& uow) {
      uow.idempotency().save(record);
      if (purge) uow.idempotency().purge_before(cutoff);
      return true;
    });
  } catch (const std::exception& e) {
    // The effect is committed and the client should learn of it; only a retry's replay is lost.
    spdlog::error("idempotency: could not keep the answer to {} {} (key {}): {}", ctx.method, ctx.path, key, e.what());
  }
  co_return response;
}

}  // namespace admit
