#include "realtime/engineio/engine_session.hpp"

#include <spdlog/spdlog.h>

#include <iterator>

#include <boost/asio/redirect_error.hpp>

#include "realtime/engineio/websocket_transport.hpp"

namespace admit {

EngineSession::EngineSession(asio::io_context& io, std::string sid, Transport transport, const EngineOptions& options)
    : io_(io),
      sid_(std::move(sid)),
      options_(options),
      strand_(asio::make_strand(io)),
      heartbeat_timer_(strand_),
      transport_(transport) {}

EngineSession::~EngineSession() = default;

void EngineSession::set_listener(std::shared_ptr<EngineListener> listener) {
  std::lock_guard lock(mutex_);
  listener_ = std::move(listener);
}

void EngineSession::start() {
  asio::co_spawn(strand_, heartbeat(shared_from_this()), [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      spdlog::error("engine.io heartbeat: {}", ex.what());
    }
  });
}

bool EngineSession::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

EngineSession::Transport EngineSession::transport() const {
  std::lock_guard lock(mutex_);
  return transport_;
}

bool EngineSession::send(const EioPacket& packet) {
  if (packet.binary) return send_binary(packet.data);
  return enqueue(Outbound{std::make_shared<const std::string>(encode_eio_packet(packet)), false});
}

bool EngineSession::send_frame(Frame text_frame) { return enqueue(Outbound{std::move(text_frame), false}); }

bool EngineSession::send_binary(std::string bytes) {
  return enqueue(Outbound{std::make_shared<const std::string>(std::move(bytes)), true});
}

bool EngineSession::enqueue(Outbound outbound) {
  std::unique_lock lock(mutex_);
  if (closed_) return false;
  if (queued_bytes_ + outbound.bytes->size() > options_.max_queued_bytes) {
    // A client that does not read must not make the server hold an unbounded backlog.
    close_locked(lock, "slow consumer", false);
    return false;
  }
  queued_bytes_ += outbound.bytes->size();
  // A check-in queues three events per socket: one allocation instead of three growths. The writer
  // takes the whole vector, so an idle connection still holds none.
  if (queue_.capacity() == 0) queue_.reserve(4);
  queue_.push_back(std::move(outbound));
  if (transport_ == Transport::kWebSocket && ws_) {
    // Only an idle writer needs waking: a busy one takes this frame with its next write.
    if (ws_writer_idle_) {
      ws_writer_idle_ = false;
      ws_->wake();
    }
  } else if (!upgrading_) {
    wake_get_locked();
  }
  return true;
}

void EngineSession::wake_get_locked() {
  if (!get_waker_) return;
  auto waker = get_waker_;
  asio::post(waker->get_executor(), [waker] { waker->cancel(); });
}

bool EngineSession::take_outbound(std::vector<Outbound>& out) {
  std::lock_guard lock(mutex_);
  if (queue_.empty()) {
    ws_writer_idle_ = true;
    return false;
  }
  if (out.empty()) {
    out.swap(queue_);
  } else {
    std::move(queue_.begin(), queue_.end(), std::back_inserter(out));
    queue_.clear();
  }
  queued_bytes_ = 0;
  ws_writer_idle_ = false;
  return true;
}

void EngineSession::close(std::string reason) {
  std::unique_lock lock(mutex_);
  close_locked(lock, std::move(reason), false);
}

void EngineSession::close_locked(std::unique_lock<std::mutex>& lock, std::string reason, bool answer_get_with_noop) {
  if (closed_) return;
  closed_ = true;
  if (answer_get_with_noop) {
    noop_for_get_ = true;
  } else {
    close_for_get_ = true;
  }
  wake_get_locked();
  auto ws = ws_;
  auto listener = std::move(listener_);
  auto on_closed = on_closed_;
  bool graceful = reason != "slow consumer";
  lock.unlock();
  if (ws) {
    if (graceful) {
      ws->wake();  // the writer sends what is queued, then closes
    } else {
      ws->abort();
    }
  }
  auto self = shared_from_this();
  asio::post(strand_, [self] { self->heartbeat_timer_.cancel(); });
  if (listener) listener->on_close(reason);
  if (on_closed) on_closed(sid_);
}

Task<void> EngineSession::heartbeat(std::shared_ptr<EngineSession> self) {
  beast::error_code ec;
  while (!closed()) {
    heartbeat_timer_.expires_after(options_.ping_interval);
    co_await heartbeat_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    {
      std::lock_guard lock(mutex_);
      if (closed_) break;
      awaiting_pong_ = true;
    }
    send(EioPacket{EioPacketType::kPing, ""});
    heartbeat_timer_.expires_after(options_.ping_timeout);
    co_await heartbeat_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    std::unique_lock lock(mutex_);
    if (closed_) break;
    if (awaiting_pong_) {
      close_locked(lock, "ping timeout", false);
      break;
    }
  }
  (void)self;
}

void EngineSession::on_packet(const EioPacket& packet) {
  switch (packet.type) {
    case EioPacketType::kPong: {
      std::lock_guard lock(mutex_);
      if (awaiting_pong_) {
        awaiting_pong_ = false;
        auto self = shared_from_this();
        asio::post(strand_, [self] { self->heartbeat_timer_.cancel(); });
      }
      return;
    }
    case EioPacketType::kMessage: {
      std::shared_ptr<EngineListener> listener;
      {
        std::lock_guard lock(mutex_);
        if (closed_) return;
        listener = listener_;
      }
      if (listener) listener->on_message(packet);
      return;
    }
    case EioPacketType::kClose: {
      std::unique_lock lock(mutex_);
      close_locked(lock, "transport close", true);
      return;
    }
    case EioPacketType::kPing: {
      // In v4 only the server pings; a ping outside the upgrade probe is a protocol error.
      std::unique_lock lock(mutex_);
      close_locked(lock, "invalid heartbeat direction", false);
      return;
    }
    case EioPacketType::kOpen:
    case EioPacketType::kUpgrade:
    case EioPacketType::kNoop:
      return;
  }
}

Task<std::optional<std::string>> EngineSession::poll() {
  auto executor = co_await asio::this_coro::executor;
  auto waker = std::make_shared<asio::steady_timer>(executor);
  // The ping wakes a parked GET every pingInterval; the extra margin only matters if it does not.
  waker->expires_after(options_.ping_interval + options_.ping_timeout);
  {
    std::lock_guard lock(mutex_);
    if (get_pending_ || transport_ != Transport::kPolling) co_return std::nullopt;
    // During an upgrade a GET is answered with a noop at once: the client pauses polling and waits
    // for its poll to return before it sends the upgrade packet.
    bool ready = noop_for_get_ || closed_ || upgrading_ || !queue_.empty();
    if (ready) waker->expires_at(asio::steady_timer::time_point::min());
    get_pending_ = true;
    get_waker_ = waker;
  }
  beast::error_code ec;
  co_await waker->async_wait(asio::redirect_error(asio::use_awaitable, ec));

  std::lock_guard lock(mutex_);
  get_pending_ = false;
  get_waker_.reset();
  if (noop_for_get_ || upgrading_ || transport_ != Transport::kPolling) {
    noop_for_get_ = false;
    co_return encode_eio_packet({EioPacketType::kNoop, ""});
  }
  if (close_for_get_ && queue_.empty()) {
    close_for_get_ = false;
    co_return encode_eio_packet({EioPacketType::kClose, ""});
  }
  std::string body;
  std::size_t taken = 0;
  for (; taken < queue_.size(); ++taken) {
    auto& next = queue_[taken];
    std::size_t size = next.binary ? (next.bytes->size() + 2) / 3 * 4 + 1 : next.bytes->size();
    // At least one packet per answer; more only while the body stays within maxPayload.
    if (!body.empty() && body.size() + 1 + size > options_.max_payload) break;
    if (!body.empty()) body += kEioRecordSeparator;
    if (next.binary) {
      body += encode_eio_packet({EioPacketType::kMessage, *next.bytes, true});
    } else {
      body += *next.bytes;
    }
    queued_bytes_ -= next.bytes->size();
  }
  queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(taken));
  if (body.empty()) body = encode_eio_packet({EioPacketType::kNoop, ""});
  co_return body;
}

bool EngineSession::receive_payload(std::string_view body) {
  {
    std::unique_lock lock(mutex_);
    if (closed_) return false;
    if (post_pending_ || transport_ != Transport::kPolling) {
      close_locked(lock, "bad request", false);
      return false;
    }
    post_pending_ = true;
  }
  auto packets = decode_eio_payload(body);
  if (!packets) {
    std::unique_lock lock(mutex_);
    post_pending_ = false;
    close_locked(lock, "parse error", false);
    return false;
  }
  for (const auto& packet : *packets)
    on_packet(packet);
  std::lock_guard lock(mutex_);
  post_pending_ = false;
  return true;
}

bool EngineSession::begin_upgrade() {
  std::lock_guard lock(mutex_);
  if (closed_ || transport_ != Transport::kPolling || upgrading_) return false;
  upgrading_ = true;
  if (get_pending_) {
    noop_for_get_ = true;
    wake_get_locked();
  }
  return true;
}

bool EngineSession::complete_upgrade(std::shared_ptr<WebSocketTransport> ws) {
  std::lock_guard lock(mutex_);
  if (closed_ || transport_ != Transport::kPolling || !upgrading_) return false;
  upgrading_ = false;
  transport_ = Transport::kWebSocket;
  ws_ = std::move(ws);
  wake_get_locked();  // a GET still parked is answered with a noop
  ws_->wake();        // packets queued during the upgrade now leave over the WebSocket
  return true;
}

void EngineSession::attach_websocket(std::shared_ptr<WebSocketTransport> ws) {
  std::lock_guard lock(mutex_);
  ws_ = std::move(ws);
  ws_->wake();
}

void EngineSession::on_websocket_closed(const WebSocketTransport* ws) {
  std::unique_lock lock(mutex_);
  if (ws_.get() == ws) {
    auto keep = std::move(ws_);  // breaks the session <-> transport cycle
    close_locked(lock, "transport close", false);
  } else if (upgrading_) {
    upgrading_ = false;  // the probe failed: polling goes on
  }
}

}  // namespace admit
