// A progress bar on standard error, redrawn from a counter that worker threads advance.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <thread>

namespace parley::cli {

class ProgressBar {
 public:
  // Draws nothing unless `visible`. `unit` names what is counted ("draws").
  ProgressBar(const std::atomic<std::size_t>& done, std::size_t total, bool visible, std::string unit);
  ~ProgressBar();  // erases the bar
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // A bar belongs on a terminal: standard error is one, and the output is not piped away.
  [[nodiscard]] static bool wanted(bool writing_to_file);

  // The bar's text after `elapsed_seconds`: "[####    ]  50% 500/1000 draws, 12s left"; the time
  // left, extrapolated from the rate so far, once one is done.
  [[nodiscard]] static std::string line(std::size_t done, std::size_t total, double elapsed_seconds,
                                        std::string_view unit = "draws");

 private:
  void draw() const;

  const std::atomic<std::size_t>& done_;
  std::size_t total_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::jthread painter_;
};

}  // namespace parley::cli
