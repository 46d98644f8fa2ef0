#include "support/server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <stdexcept>
#include <thread>

namespace admit::test {
namespace {

std::filesystem::path unique_temp_dir() {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() / ("admit-test-" + std::to_string(rd()) + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

ServerProcess::ServerProcess(std::vector<std::string> extra_args, DevReset dev_reset)
    : data_dir_(unique_temp_dir()),
      port_file_(data_dir_ / "port"),
      extra_args_(std::move(extra_args)),
      dev_reset_(dev_reset) {
  start();
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop();
  std::error_code ec;
  std::filesystem::remove_all(data_dir_, ec);
}

void ServerProcess::start() {
  std::filesystem::remove(port_file_);
  std::vector<std::string> args = {
      ADMIT_BINARY,        "serve",        "--port",      "0",   "--data", data_dir_.string(), "--port-file",
      port_file_.string(), "--test-hooks", "--log-level", "warn"};
  if (dev_reset_ == DevReset::kEnabled) args.emplace_back("--dev-reset");
  // The route tests speak to the server as the reference's clients do, without credentials;
  // suites about access control pass "--auth on" themselves.
  if (std::find(extra_args_.begin(), extra_args_.end(), "--auth") == extra_args_.end()) {
    args.emplace_back("--auth");
    args.emplace_back("off");
  }
  // Route tests send hundreds of requests a second from one address; suites about rate limits
  // pass "--rate-limit on" themselves.
  if (std::find(extra_args_.begin(), extra_args_.end(), "--rate-limit") == extra_args_.end()) {
    args.emplace_back("--rate-limit");
    args.emplace_back("off");
  }
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // A test that reads the server's log (the first-start setup link) names a file for it.
    if (const char* log = getenv("ADMIT_TEST_STDERR"); log != nullptr) {
      int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
      if (fd >= 0) dup2(fd, STDERR_FILENO);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(port_file_);
    int port = 0;
    if (in >> port && port > 0) {
      port_ = static_cast<std::uint16_t>(port);
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("admit exited during start-up");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error("admit did not start listening within 20 s");
}

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ServerProcess::kill_hard() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

}  // namespace admit::test
