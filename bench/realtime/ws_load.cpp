// Native load generator for the realtime broadcast benchmark (bench/realtime/bench.js --client native).
// Holds N Socket.IO-over-WebSocket clients to namespace /realtime, subscribed to room `sessions`, and
// timestamps every `sessions:checkin` on CLOCK_MONOTONIC (the clock node's process.hrtime reads, so
// the driver's send times and these receive times compare directly). Written with epoll and
// non-blocking sockets so that 10,000 clients cost a fraction of what 10,000 node `ws` sockets cost:
// the point is to leave the CPU to the server being measured.
//
// Usage: realtime_load --port P [--host 127.0.0.1] [--threads 1] [--timeout-ms 30000] [--read-chunk BYTES]
// --read-chunk caps each recv (default 1 MiB): a few bytes split nearly every frame and handshake
// across reads, which is how the reassembly path is checked against both servers.
// Commands on stdin, one per line; one JSON line answers each on stdout:
//   open N   connect N more clients (spread over the threads), wait until each is subscribed or failed
//            -> {"cmd":"opened","ok":..,"failed":..,"errors":{reason:count}}
//   count    -> {"cmd":"count","received":..}
//   collect  -> {"cmd":"collected","receipts":{participantId:[ms,...]},"received":..,"disconnects":..,
//                "disconnectReasons":{..},"connected":..,"frames":..,"bytes":..}
//   close    close every socket and exit
// End of stdin also closes everything and exits, so the tool never outlives its driver.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace admit::bench {
namespace {

constexpr std::size_t kReadBufferBytes = 1 << 20;
constexpr std::size_t kMaxFrameBytes = 16 << 20;
constexpr std::string_view kNamespace = "/realtime,";
// The RFC 6455 example key: a constant key lets the handshake answer be checked without SHA-1.
constexpr std::string_view kWebSocketKey = "dGhlIHNhbXBsZSBub25jZQ==";
constexpr std::string_view kWebSocketAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
constexpr std::string_view kParticipantKey = "\"participantId\":\"";

double monotonic_ms() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string json_counts(const std::map<std::string, long>& counts) {
  std::string out = "{";
  for (const auto& [key, n] : counts) {
    if (out.size() > 1) out += ',';
    out += json_string(key) + ":" + std::to_string(n);
  }
  return out + "}";
}

enum class Phase { kConnecting, kUpgrading, kEngineOpen, kNamespaceConnect, kSubscribing, kSubscribed, kClosed };

struct Client {
  int fd = -1;
  Phase phase = Phase::kConnecting;
  double deadline_ms = 0;
  std::string inbound;   // only an incomplete frame (or HTTP head) between reads
  std::string message;   // a fragmented message being assembled
  std::string outbound;  // what a full socket buffer did not take
};

// What one `open` asks of one thread: how many clients, and where to report when all are settled.
struct OpenBatch {
  int pending = 0;
  int ok = 0;
  int failed = 0;
  std::map<std::string, long> errors;
  std::promise<void> done;
};

// One epoll loop holding a share of the clients. Commands from the stdin thread arrive as closures
// through a queue and an eventfd, so every client is only ever touched by its own thread.
class LoadThread {
 public:
  LoadThread(sockaddr_in address, std::string host_header, double timeout_ms, std::size_t read_chunk)
      : address_(address), host_header_(std::move(host_header)), timeout_ms_(timeout_ms) {
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    wake_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epoll_ < 0 || wake_ < 0) throw std::runtime_error(std::string("epoll/eventfd: ") + std::strerror(errno));
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = nullptr;
    epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
    read_buffer_.resize(std::min(read_chunk, kReadBufferBytes));
    thread_ = std::thread([this] { run(); });
  }
  ~LoadThread() {
    post([this] { stopping_ = true; });
    thread_.join();
    for (auto& c : clients_)
      if (c->fd >= 0) ::close(c->fd);
    ::close(epoll_);
    ::close(wake_);
  }
  LoadThread(const LoadThread&) = delete;
  LoadThread& operator=(const LoadThread&) = delete;

  void post(std::function<void()> task) {
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wake_, &one, sizeof one);
  }

  // Runs `task` on the loop thread and returns its result.
  template <typename T>
  T call(std::function<T()> task) {
    std::promise<T> result;
    post([&] { result.set_value(task()); });
    return result.get_future().get();
  }

  void open(int n, OpenBatch& batch) {
    post([this, n, &batch] { start_batch(n, batch); });
  }

  long received() const { return received_.load(std::memory_order_relaxed); }

  // Loop-thread only (through call()).
  const std::unordered_map<std::string, std::vector<double>>& receipts() const { return receipts_; }
  long disconnects() const { return disconnects_; }
  const std::map<std::string, long>& disconnect_reasons() const { return disconnect_reasons_; }
  long connected() const {
    long n = 0;
    for (const auto& c : clients_)
      n += c->phase == Phase::kSubscribed ? 1 : 0;
    return n;
  }
  long frames() const { return frames_; }
  long bytes() const { return bytes_; }

 private:
  void run() {
    std::vector<epoll_event> events(1024);
    while (!stopping_) {
      int n = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 100);
      if (n < 0 && errno != EINTR) throw std::runtime_error(std::string("epoll_wait: ") + std::strerror(errno));
      for (int i = 0; i < n; ++i) {
        auto* client = static_cast<Client*>(events[static_cast<std::size_t>(i)].data.ptr);
        if (client == nullptr) {
          run_tasks();
          continue;
        }
        handle(*client, events[static_cast<std::size_t>(i)].events);
      }
      if (batch_ != nullptr) expire_pending();
    }
  }

  void run_tasks() {
    std::uint64_t count;
    [[maybe_unused]] auto n = ::read(wake_, &count, sizeof count);
    std::vector<std::function<void()>> tasks;
    {
      std::lock_guard lock(mutex_);
      tasks.swap(tasks_);
    }
    for (auto& t : tasks)
      t();
  }

  void start_batch(int n, OpenBatch& batch) {
    batch_ = &batch;
    batch.pending = n;
    if (n == 0) return finish_batch();
    double deadline = monotonic_ms() + timeout_ms_;
    for (int i = 0; i < n; ++i) {
      auto client = std::make_unique<Client>();
      client->deadline_ms = deadline;
      client->fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      if (client->fd < 0) {
        fail(*client, std::string("socket: ") + std::strerror(errno));
        continue;
      }
      int one = 1;
      setsockopt(client->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      if (::connect(client->fd, reinterpret_cast<const sockaddr*>(&address_), sizeof address_) != 0 &&
          errno != EINPROGRESS) {
        fail(*client, std::string("connect: ") + std::strerror(errno));
        continue;
      }
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
      ev.data.ptr = client.get();
      epoll_ctl(epoll_, EPOLL_CTL_ADD, client->fd, &ev);
      clients_.push_back(std::move(client));
    }
  }

  void settle(Client& c, const std::string* error) {
    if (batch_ == nullptr) return;
    if (error == nullptr) {
      ++batch_->ok;
    } else {
      ++batch_->failed;
      ++batch_->errors[*error];
    }
    if (--batch_->pending == 0) finish_batch();
    (void)c;
  }

  void finish_batch() {
    OpenBatch* b = batch_;
    batch_ = nullptr;
    b->done.set_value();
  }

  void expire_pending() {
    double now = monotonic_ms();
    for (auto& c : clients_)
      if (c->phase < Phase::kSubscribed && c->fd >= 0 && now > c->deadline_ms) fail(*c, "subscribe timeout");
  }

  // A client that never got subscribed: counted as a failed open, not as a disconnect.
  void fail(Client& c, const std::string& why) {
    bool was_pending = c.phase < Phase::kSubscribed;
    close_client(c);
    if (was_pending) settle(c, &why);
  }

  void drop(Client& c, const std::string& why) {
    if (c.phase == Phase::kSubscribed) {
      ++disconnects_;
      ++disconnect_reasons_[why];
      close_client(c);
    } else if (c.phase != Phase::kClosed) {
      fail(c, why);
    }
  }

  void close_client(Client& c) {
    if (c.fd >= 0) {
      epoll_ctl(epoll_, EPOLL_CTL_DEL, c.fd, nullptr);
      ::close(c.fd);
      c.fd = -1;
    }
    c.phase = Phase::kClosed;
    c.inbound = {};
    c.message = {};
    c.outbound = {};
  }

  void handle(Client& c, std::uint32_t events) {
    if (c.phase == Phase::kClosed) return;
    if (c.phase == Phase::kConnecting) {
      if ((events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) == 0) return;
      int err = 0;
      socklen_t len = sizeof err;
      getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0) return fail(c, std::string("connect: ") + std::strerror(err));
      c.phase = Phase::kUpgrading;
      std::string request =
          "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: " + host_header_ +
          "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + std::string(kWebSocketKey) +
          "\r\nSec-WebSocket-Version: 13\r\n\r\n";
      send_raw(c, request);
      if (c.phase == Phase::kClosed) return;
      // From now on only readable (and writable when something is left to send) matters.
      watch(c);
      return;
    }
    if ((events & EPOLLOUT) != 0 && !c.outbound.empty()) {
      std::string rest;
      rest.swap(c.outbound);
      send_raw(c, rest);
      if (c.phase == Phase::kClosed) return;
      watch(c);
    }
    if ((events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0) read_all(c);
  }

  void watch(Client& c) {
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP | (c.outbound.empty() ? 0u : static_cast<std::uint32_t>(EPOLLOUT));
    ev.data.ptr = &c;
    epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &ev);
  }

  void read_all(Client& c) {
    for (;;) {
      ssize_t n = ::recv(c.fd, read_buffer_.data(), read_buffer_.size(), 0);
      if (n > 0) {
        bytes_ += n;
        std::string_view data(read_buffer_.data(), static_cast<std::size_t>(n));
        if (!c.inbound.empty()) {
          c.inbound.append(data);
          std::string buffered;
          buffered.swap(c.inbound);
          consume(c, buffered);
        } else {
          consume(c, data);
        }
        if (c.phase == Phase::kClosed) return;
        if (static_cast<std::size_t>(n) < read_buffer_.size()) return;
        continue;
      }
      if (n == 0) return drop(c, "eof");
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      if (errno == EINTR) continue;
      return drop(c, std::string("recv: ") + std::strerror(errno));
    }
  }

  // Parses everything complete in `data` and keeps the incomplete tail in c.inbound.
  void consume(Client& c, std::string_view data) {
    if (c.phase == Phase::kUpgrading) {
      auto end = data.find("\r\n\r\n");
      if (end == std::string_view::npos) {
        if (data.size() > 16384) return fail(c, "upgrade response head too large");
        c.inbound.assign(data);
        return;
      }
      std::string_view head = data.substr(0, end);
      if (head.substr(0, 13) != "HTTP/1.1 101 ")
        return fail(c, "upgrade refused: " + std::string(head.substr(0, head.find('\r'))));
      if (head.find(kWebSocketAccept) == std::string_view::npos) return fail(c, "bad Sec-WebSocket-Accept");
      c.phase = Phase::kEngineOpen;
      data.remove_prefix(end + 4);
    }
    while (!data.empty()) {
      if (data.size() < 2) break;
      auto b0 = static_cast<unsigned char>(data[0]);
      auto b1 = static_cast<unsigned char>(data[1]);
      if ((b1 & 0x80) != 0) return drop(c, "masked frame from server");
      if ((b0 & 0x70) != 0) return drop(c, "reserved bits set (no extension was negotiated)");
      std::size_t header = 2;
      std::uint64_t length = b1 & 0x7f;
      if (length == 126) {
        if (data.size() < 4) break;
        length = (std::uint64_t{static_cast<unsigned char>(data[2])} << 8) | static_cast<unsigned char>(data[3]);
        header = 4;
      } else if (length == 127) {
        if (data.size() < 10) break;
        length = 0;
        for (int i = 2; i < 10; ++i)
          length = (length << 8) | static_cast<unsigned char>(data[static_cast<std::size_t>(i)]);
        header = 10;
      }
      if (length > kMaxFrameBytes) return drop(c, "frame too large");
      if (data.size() < header + length) break;
      std::string_view payload = data.substr(header, static_cast<std::size_t>(length));
      data.remove_prefix(header + static_cast<std::size_t>(length));
      ++frames_;
      bool fin = (b0 & 0x80) != 0;
      unsigned opcode = b0 & 0x0f;
      if (opcode >= 8) {
        if (opcode == 8) {
          unsigned code = payload.size() >= 2 ? (unsigned{static_cast<unsigned char>(payload[0])} << 8) |
                                                    static_cast<unsigned char>(payload[1])
                                              : 1005u;
          return drop(c, "close frame " + std::to_string(code));
        }
        if (opcode == 9) send_frame(c, 10, payload);
        if (c.phase == Phase::kClosed) return;
        continue;
      }
      if (opcode == 0) {
        if (c.message.empty()) return drop(c, "continuation without a first fragment");
        c.message.append(payload);
        if (!fin) continue;
        std::string whole;
        whole.swap(c.message);
        on_message(c, whole.substr(1), whole[0] == 1);
      } else if (!fin) {
        c.message.assign(1, static_cast<char>(opcode));  // the opcode, then the fragments
        c.message.append(payload);
        continue;
      } else {
        on_message(c, payload, opcode == 1);
      }
      if (c.phase == Phase::kClosed) return;
    }
    if (!data.empty()) c.inbound.assign(data);
  }

  void on_message(Client& c, std::string_view text, bool is_text) {
    if (!is_text || text.empty()) return;
    if (text[0] == '4' && text.size() > 1 && text[1] == '2' && text.substr(2, kNamespace.size()) == kNamespace) {
      std::string_view event = text.substr(2 + kNamespace.size());
      if (event.starts_with("[\"sessions:checkin\",")) return record(event);
      if (event.starts_with("[\"sessions:data\",") && c.phase == Phase::kSubscribing) {
        c.phase = Phase::kSubscribed;
        settle(c, nullptr);
      }
      return;
    }
    switch (text[0]) {
      case '2':  // Engine.IO ping: the server closes a client that does not answer
        send_frame(c, 1, "3");
        return;
      case '1':
        return drop(c, "engine.io close");
      case '0':
        if (c.phase == Phase::kEngineOpen) {
          c.phase = Phase::kNamespaceConnect;
          send_frame(c, 1, "40" + std::string(kNamespace));
        }
        return;
      case '4':
        if (text.size() > 1 && text.substr(2, kNamespace.size()) == kNamespace) {
          if (text[1] == '0' && c.phase == Phase::kNamespaceConnect) {
            c.phase = Phase::kSubscribing;
            send_frame(c, 1, "42" + std::string(kNamespace) + "[\"subscribe:sessions\"]");
          } else if (text[1] == '4') {
            fail(c, "connect_error: " + std::string(text.substr(0, 200)));
          } else if (text[1] == '1') {
            drop(c, "namespace disconnect");
          }
        }
        return;
      default:
        return;
    }
  }

  // Both servers put exactly one "participantId":"..." in a sessions:checkin payload; a scan for it
  // is all the parsing a delivery needs (ids carry no escapes: ObjectId hex or "p<n>").
  void record(std::string_view event) {
    double t = monotonic_ms();
    std::string id = "(none)";
    auto at = event.find(kParticipantKey);
    if (at != std::string_view::npos) {
      auto begin = at + kParticipantKey.size();
      auto end = event.find('"', begin);
      if (end != std::string_view::npos) id.assign(event.substr(begin, end - begin));
    }
    receipts_[id].push_back(t);
    received_.fetch_add(1, std::memory_order_relaxed);
  }

  void send_frame(Client& c, unsigned opcode, std::string_view payload) {
    std::string frame;
    frame.reserve(payload.size() + 14);
    frame += static_cast<char>(0x80 | opcode);
    if (payload.size() < 126) {
      frame += static_cast<char>(0x80 | payload.size());
    } else if (payload.size() < 65536) {
      frame += static_cast<char>(0x80 | 126);
      frame += static_cast<char>(payload.size() >> 8);
      frame += static_cast<char>(payload.size() & 0xff);
    } else {
      frame += static_cast<char>(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8)
        frame += static_cast<char>((payload.size() >> shift) & 0xff);
    }
    // Masking is mandatory for clients; the key need not be unpredictable here.
    mask_state_ = mask_state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    char key[4];
    for (int i = 0; i < 4; ++i)
      key[i] = static_cast<char>(mask_state_ >> (32 + 8 * i));
    frame.append(key, 4);
    for (std::size_t i = 0; i < payload.size(); ++i)
      frame += static_cast<char>(payload[i] ^ key[i & 3]);
    send_raw(c, frame);
  }

  void send_raw(Client& c, std::string_view bytes) {
    if (!c.outbound.empty()) {
      c.outbound.append(bytes);
      return;
    }
    while (!bytes.empty()) {
      ssize_t n = ::send(c.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n > 0) {
        bytes.remove_prefix(static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        c.outbound.assign(bytes);
        if (c.phase != Phase::kConnecting) watch(c);
        return;
      }
      return drop(c, std::string("send: ") + std::strerror(errno));
    }
  }

  sockaddr_in address_;
  std::string host_header_;
  double timeout_ms_;
  int epoll_ = -1;
  int wake_ = -1;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<char> read_buffer_;
  std::vector<std::unique_ptr<Client>> clients_;
  OpenBatch* batch_ = nullptr;
  std::unordered_map<std::string, std::vector<double>> receipts_;
  std::atomic<long> received_{0};
  long disconnects_ = 0;
  std::map<std::string, long> disconnect_reasons_;
  long frames_ = 0;
  long bytes_ = 0;
  std::uint64_t mask_state_ = 0x9e3779b97f4a7c15ULL;
};

void raise_fd_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

int usage(const char* why) {
  std::fprintf(stderr,
               "realtime_load: %s\nusage: realtime_load --port P [--host 127.0.0.1] [--threads 1] [--timeout-ms 30000] "
               "[--read-chunk BYTES]\n",
               why);
  return 2;
}

int run(int argc, char** argv) {
  std::string host = "127.0.0.1";
  int port = 0;
  int threads = 1;
  double timeout_ms = 30000;
  long read_chunk = static_cast<long>(kReadBufferBytes);
  for (int i = 1; i < argc; i += 2) {
    std::string_view key = argv[i];
    if (i + 1 >= argc) return usage(("missing value for " + std::string(key)).c_str());
    std::string value = argv[i + 1];
    try {
      if (key == "--host")
        host = value;
      else if (key == "--port")
        port = std::stoi(value);
      else if (key == "--threads")
        threads = std::stoi(value);
      else if (key == "--timeout-ms")
        timeout_ms = std::stod(value);
      else if (key == "--read-chunk")
        read_chunk = std::stol(value);
      else
        return usage(("unknown option " + std::string(key)).c_str());
    } catch (const std::exception&) {
      return usage(("not a number for " + std::string(key) + ": " + value).c_str());
    }
  }
  if (port <= 0 || port > 65535) return usage("--port must be 1..65535");
  if (threads < 1 || threads > 64) return usage("--threads must be 1..64");
  if (read_chunk < 1) return usage("--read-chunk must be at least 1");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) return usage("--host must be an IPv4 address");
  raise_fd_limit();

  std::vector<std::unique_ptr<LoadThread>> loops;
  for (int i = 0; i < threads; ++i)
    loops.push_back(std::make_unique<LoadThread>(address, host + ":" + std::to_string(port), timeout_ms,
                                                 static_cast<std::size_t>(read_chunk)));

  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.starts_with("open ")) {
      int n = 0;
      try {
        n = std::stoi(line.substr(5));
      } catch (const std::exception&) {
        n = -1;
      }
      if (n < 0) {
        std::cout << "{\"cmd\":\"error\",\"message\":" << json_string("bad count: " + line) << "}" << std::endl;
        continue;
      }
      std::vector<OpenBatch> batches(loops.size());
      for (std::size_t t = 0; t < loops.size(); ++t) {
        int share = n / threads + (static_cast<int>(t) < n % threads ? 1 : 0);
        loops[t]->open(share, batches[t]);
      }
      long ok = 0, failed = 0;
      std::map<std::string, long> errors;
      for (auto& b : batches) {
        b.done.get_future().wait();
        ok += b.ok;
        failed += b.failed;
        for (const auto& [e, k] : b.errors)
          errors[e] += k;
      }
      std::cout << "{\"cmd\":\"opened\",\"ok\":" << ok << ",\"failed\":" << failed
                << ",\"errors\":" << json_counts(errors) << "}" << std::endl;
    } else if (line == "count") {
      long received = 0;
      for (auto& l : loops)
        received += l->received();
      std::cout << "{\"cmd\":\"count\",\"received\":" << received << "}" << std::endl;
    } else if (line == "collect") {
      std::unordered_map<std::string, std::vector<double>> receipts;
      long received = 0, disconnects = 0, connected = 0, frames = 0, bytes = 0;
      std::map<std::string, long> reasons;
      for (auto& l : loops) {
        l->call<int>([&] {
          for (const auto& [id, times] : l->receipts()) {
            auto& all = receipts[id];
            all.insert(all.end(), times.begin(), times.end());
          }
          received += l->received();
          disconnects += l->disconnects();
          for (const auto& [r, k] : l->disconnect_reasons())
            reasons[r] += k;
          connected += l->connected();
          frames += l->frames();
          bytes += l->bytes();
          return 0;
        });
      }
      std::string out = "{\"cmd\":\"collected\",\"receipts\":{";
      bool first = true;
      char number[32];
      for (const auto& [id, times] : receipts) {
        if (!first) out += ',';
        first = false;
        out += json_string(id) + ":[";
        for (std::size_t i = 0; i < times.size(); ++i) {
          std::snprintf(number, sizeof number, i == 0 ? "%.3f" : ",%.3f", times[i]);
          out += number;
        }
        out += ']';
      }
      out += "},\"received\":" + std::to_string(received) + ",\"disconnects\":" + std::to_string(disconnects) +
             ",\"disconnectReasons\":" + json_counts(reasons) + ",\"connected\":" + std::to_string(connected) +
             ",\"frames\":" + std::to_string(frames) + ",\"bytes\":" + std::to_string(bytes) + "}";
      std::cout << out << std::endl;
    } else if (line == "close") {
      break;
    } else if (!line.empty()) {
      std::cout << "{\"cmd\":\"error\",\"message\":" << json_string("unknown command: " + line) << "}" << std::endl;
    }
  }
  loops.clear();  // closes every socket
  return 0;
}

}  // namespace
}  // namespace admit::bench

int main(int argc, char** argv) {
  try {
    return admit::bench::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "realtime_load: %s\n", e.what());
    return 1;
  }
}
