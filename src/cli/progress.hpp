// A progress bar on standard error, redrawn from a counter that worker threads advance.
#pragma once

#include <atomic>
#include <cstddef>
#include <thread>

namespace parley::cli {

class ProgressBar {
 public:
  // Draws nothing unless `visible`.
  ProgressBar(const std::atomic<std::size_t>& done, std::size_t total, bool visible);
  ~ProgressBar();  // erases the bar
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // A bar belongs on a terminal: standard error is one, and the output is not piped away.
  [[nodiscard]] static bool wanted(bool writing_to_file);

 private:
  void draw() const;

  const std::atomic<std::size_t>& done_;
  std::size_t total_;
  std::jthread painter_;
};

}  // namespace parley::cli
