#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <utility>

namespace parley::cli {

ProgressBar::ProgressBar(const std::atomic<std::size_t>& done, std::size_t total, bool visible, std::string unit)
    : done_(done), total_(total), unit_(std::move(unit)) {
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

namespace {

// "1h02m", "3m05s", "12s".
std::string duration(double seconds) {
  const auto whole = static_cast<long long>(seconds + 0.5);
  if (whole >= 3600) return fmt::format("{}h{:02}m", whole / 3600, whole % 3600 / 60);
  if (whole >= 60) return fmt::format("{}m{:02}s", whole / 60, whole % 60);
  return fmt::format("{}s", whole);
}

}  // namespace

std::string ProgressBar::line(std::size_t done, std::size_t total, double elapsed_seconds, std::string_view unit) {
  constexpr std::size_t width = 40;
  done = std::min(done, total);
  const std::size_t filled = total == 0 ? width : done * width / total;
  std::string text = fmt::format("[{}{}] {:3}% {}/{} {}", std::string(filled, '#'), std::string(width - filled, ' '),
                                 total == 0 ? 100 : done * 100 / total, done, total, unit);
  if (done > 0 && done < total)
    text += ", " + duration(elapsed_seconds * static_cast<double>(total - done) / static_cast<double>(done)) + " left";
  return text;
}

void ProgressBar::draw() const {
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
  // \033[K clears what a longer earlier line left behind.
  std::fputs(("\r" + line(done_.load(), total_, elapsed.count(), unit_) + "\033[K").c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace parley::cli
