// Measures how many durable commits per second the disk under a directory allows: the bound for
// any design that commits (fsyncs) once per check-in.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : ".";
  int count = argc > 2 ? std::stoi(argv[2]) : 500;
  std::string path = dir + "/fsync-probe.tmp";
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) {
    std::perror("open");
    return 1;
  }
  std::vector<char> page(4096, 'x');
  std::vector<double> micros;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    if (pwrite(fd, page.data(), page.size(), 0) < 0 || fdatasync(fd) != 0) {
      std::perror("write/fdatasync");
      return 1;
    }
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  close(fd);
  unlink(path.c_str());
  std::sort(micros.begin(), micros.end());
  std::printf("{\"fsyncs\":%d,\"per_second\":%.0f,\"median_us\":%.0f,\"p99_us\":%.0f}\n", count, count / seconds,
              micros[micros.size() / 2], micros[micros.size() * 99 / 100]);
  return 0;
}
