// The sensitivity command's progress line: bar, share, count and the time left.
#include "progress.hpp"

#include <gtest/gtest.h>

namespace parley::cli {
namespace {

TEST(ProgressLine, NoTimeLeftBeforeTheFirstDraw) {
  EXPECT_EQ(ProgressBar::line(0, 1000, 3.0), "[                                        ]   0% 0/1000 draws");
}

TEST(ProgressLine, TimeLeftFromTheRateSoFar) {
  // 250 draws in 10 s: 750 more take 30 s.
  EXPECT_EQ(ProgressBar::line(250, 1000, 10.0), "[##########                              ]  25% 250/1000 draws, 30s left");
  // 1 in 1 s of 100 000: 99 999 s left, 27 h 46 min.
  EXPECT_EQ(ProgressBar::line(1, 100000, 1.0).substr(42), "   0% 1/100000 draws, 27h46m left");
  // 100 in 65 s of 200: another 65 s.
  EXPECT_EQ(ProgressBar::line(100, 200, 65.0).substr(42), "  50% 100/200 draws, 1m05s left");
}

TEST(ProgressLine, FullBarAndNoEstimateWhenDone) {
  EXPECT_EQ(ProgressBar::line(1000, 1000, 42.0), "[########################################] 100% 1000/1000 draws");
  EXPECT_EQ(ProgressBar::line(1200, 1000, 42.0), ProgressBar::line(1000, 1000, 42.0));  // clamped
}

TEST(ProgressLine, NamesWhatItCounts) {
  // The drivers' reruns after the draws: 12 of 48 in 6 s, 18 s left.
  EXPECT_EQ(ProgressBar::line(12, 48, 6.0, "reruns").substr(42), "  25% 12/48 reruns, 18s left");
}

}  // namespace
}  // namespace parley::cli
