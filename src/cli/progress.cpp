#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace parley::cli {

ProgressBar::ProgressBar(const std::atomic<std::size_t>& done, std::size_t total, bool visible)
    : done_(done), total_(total) {
  if (!visible || total_ == 0) return;
  painter_ = std::jthread([this](std::stop_token stop) {
    while (!stop.stop_requested()) {
      draw();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
}

ProgressBar::~ProgressBar() {
  if (!painter_.joinable()) return;
  painter_.request_stop();
  painter_.join();
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
}

bool ProgressBar::wanted(bool writing_to_file) {
  return isatty(STDERR_FILENO) && (writing_to_file || isatty(STDOUT_FILENO));
}

void ProgressBar::draw() const {
  constexpr std::size_t width = 40;
  const std::size_t done = std::min(done_.load(), total_);
  const std::size_t filled = done * width / total_;
  std::fputs(fmt::format("\r[{}{}] {:3}% {}/{} draws", std::string(filled, '#'), std::string(width - filled, ' '),
                         done * 100 / total_, done, total_)
                 .c_str(),
             stderr);
  std::fflush(stderr);
}

}  // namespace parley::cli
