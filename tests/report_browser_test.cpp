// The HTML report opened in headless Chromium: it renders without console errors, every issue's
// chart is drawn, and a screenshot is kept in build/test-artifacts/ for a person to look at.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "command_runner.hpp"
#include "readers.hpp"
#include "temp_file.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

namespace fs = std::filesystem;

std::string browser() {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
    if (fs::exists(candidate)) return candidate;
  return {};
}

std::string read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

struct Page {
  std::string dom;
  std::string console;  // Chromium's log: one "CONSOLE" line per console message of the page
};

// `extra` is --dump-dom or --screenshot=FILE.
Page open_in_browser(const std::string& html_path, const std::string& extra, const std::string& log_path) {
  const fs::path profile = fs::temp_directory_path() / ("parley_chromium_" + std::to_string(::getpid()));
  const std::string command =
      "timeout 120 " + browser() +
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
      " --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir=" + test::shell_quote(profile.string()) +
      " --enable-logging=stderr --v=0 --virtual-time-budget=30000 --window-size=1400,3000 " + extra + " " +
      test::shell_quote("file://" + fs::absolute(html_path).string()) + " 2>" + test::shell_quote(log_path);
  const auto result = test::run_shell(command);
  fs::remove_all(profile);
  EXPECT_EQ(result.exit_code, 0) << command << "\n" << read_text(log_path);
  return {result.out, read_text(log_path)};
}

std::vector<std::string> console_errors(const std::string& log) {
  std::vector<std::string> errors;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);)
    if (line.find("CONSOLE") != std::string::npos &&
        (line.find("ERROR") != std::string::npos || line.find("Error") != std::string::npos ||
         line.find("Uncaught") != std::string::npos))
      errors.push_back(line);
  return errors;
}

// The part of the DOM that the chart element holds, up to the next chart or issue.
std::string chart_content(const std::string& dom, const std::string& id) {
  const auto start = dom.find("id=\"" + id + "\"");
  if (start == std::string::npos) return {};
  const auto next_chart = dom.find("class=\"chart ", start);
  const auto next_issue = dom.find("<section", start);
  return dom.substr(start, std::min(next_chart, next_issue) - start);
}

class ReportInBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    if (browser().empty()) GTEST_SKIP() << "chromium is not installed (scripts/setup.sh installs it): browser test skipped";
    fs::create_directories(PARLEY_ARTIFACT_DIR);
  }
  static std::string artifact(const std::string& name) { return std::string(PARLEY_ARTIFACT_DIR) + "/" + name; }

  // Renders `arguments`' report, opens it, and checks it drew every chart without an error.
  Page render(const std::string& arguments, const std::string& name) {
    const std::string html = artifact(name + ".html");
    const auto made = test::run_parley("report " + arguments + " -o " + test::shell_quote(html));
    EXPECT_EQ(made.exit_code, 0) << made.out;
    Page page = open_in_browser(html, "--dump-dom", artifact(name + ".console.log"));
    EXPECT_NE(page.dom.find("data-state=\"done\""), std::string::npos) << "charts not all drawn; see " << html;
    EXPECT_NE(page.dom.find("id=\"errors\" hidden"), std::string::npos) << "the page lists errors; see " << html;
    for (const auto& line : console_errors(page.console)) ADD_FAILURE() << "console: " << line;
    return page;
  }
};

TEST_F(ReportInBrowser, FlagshipRendersEveryIssuesChartsAndIsScreenshotted) {
  const Page page = render("", "flagship-report");
  const auto flagship = io::load_scenario(test::source_path("scenarios/ukraine-2025.toml"));
  for (std::size_t i = 1; i <= flagship.scenario.issue_count(); ++i) {
    const std::string issue = "id=\"issue-" + std::to_string(i) + "\"";
    EXPECT_NE(page.dom.find(issue), std::string::npos) << issue;
    const std::string chart = chart_content(page.dom, "chart-" + std::to_string(i) + "-positions");
    EXPECT_NE(chart.find("<svg"), std::string::npos) << "issue " << i << ": no chart drawn";
    EXPECT_NE(chart.find("role=\"graphics-document\""), std::string::npos) << "issue " << i;
  }
  // Every other chart the page asked for (trajectories, perspectives) is drawn as well.
  for (auto at = page.dom.find("class=\"chart "); at != std::string::npos; at = page.dom.find("class=\"chart ", at + 1)) {
    const auto id_start = page.dom.find("id=\"", at) + 4;
    const std::string id = page.dom.substr(id_start, page.dom.find('"', id_start) - id_start);
    EXPECT_NE(chart_content(page.dom, id).find("<svg"), std::string::npos) << id << " not drawn";
  }
  const std::string screenshot = artifact("flagship-report.png");
  fs::remove(screenshot);
  (void)open_in_browser(artifact("flagship-report.html"), "--screenshot=" + test::shell_quote(screenshot),
                        artifact("flagship-report.screenshot.log"));
  ASSERT_TRUE(fs::exists(screenshot));
  EXPECT_GT(fs::file_size(screenshot), 20000u) << "the screenshot looks empty";
}

TEST_F(ReportInBrowser, SensitivityOutputIsDrawnForEveryIssue) {
  // The command's own output, not a hand-made file: the report once read only shapes that the
  // sensitivity command does not write, and drew nothing from it.
  const std::string sensitivity = artifact("flagship-sensitivity.json");
  const auto made = test::run_parley("sensitivity --model mean,nash,eum --draws 50 --seed 3 --format json -o " +
                                     test::shell_quote(sensitivity));
  ASSERT_EQ(made.exit_code, 0) << made.out;
  const Page page = render("--model mean,nash,eum --sensitivity " + test::shell_quote(sensitivity), "sensitivity-report");
  const auto flagship = io::load_scenario(test::source_path("scenarios/ukraine-2025.toml"));
  for (std::size_t i = 1; i <= flagship.scenario.issue_count(); ++i) {
    const std::string chart = chart_content(page.dom, "chart-" + std::to_string(i) + "-sensitivity");
    EXPECT_NE(chart.find("<svg"), std::string::npos) << "issue " << i << ": no sensitivity chart drawn";
  }
}

TEST_F(ReportInBrowser, MarkupInNamesIsShownNotRun) {
  test::TempFile scenario(".toml", R"(name = "hostile"
title = "</script><script>document.title='pwned'</script>"
[[actor]]
id = "a"
name = "</script><b>bold</b> & \"quoted\" 'single' <!--"
capability = 1
[[actor]]
id = "b"
name = "B"
capability = 2
[[issue]]
id = "i"
label = "<img src=x onerror=alert(1)>"
min = 0
max = 100
[[stance]]
actor = "a"
issue = "i"
position = 10
salience = 0.5
position_source = "</script><script>document.title='pwned'</script>"
[[stance]]
actor = "b"
issue = "i"
position = 90
salience = 1
)");
  const Page page = render(scenario.path(), "hostile-report");
  EXPECT_EQ(page.dom.find("<title>pwned"), std::string::npos);
  EXPECT_EQ(page.dom.find("<b>bold</b>"), std::string::npos);
  EXPECT_NE(page.dom.find("&lt;b&gt;bold&lt;/b&gt;"), std::string::npos) << "the name is shown as text";
  EXPECT_EQ(page.dom.find("<img src=\"x\""), std::string::npos);
  EXPECT_NE(chart_content(page.dom, "chart-1-positions").find("<svg"), std::string::npos);
}

}  // namespace
}  // namespace parley
