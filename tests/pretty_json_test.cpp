// PrettyJson streams the text nlohmann's dump(2) prints for the same tree; the library's own dump
// is the reference here.
#include "pretty_json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace parley::io {
namespace {

using ordered = nlohmann::ordered_json;

const std::vector<double>& awkward_numbers() {
  static const std::vector<double> numbers = {
      0.0,     -0.0,    70.0,   0.1,   1.0 / 3.0,         1e-5,    1.5e-5,           1e-4, 1e15, 1e16,
      1.25e17, -2.5e-7, 5e-324, 1e308, 123456789012345.6, -0.0001, 46.11830853715059};
  return numbers;
}

TEST(PrettyJson, NumbersAsNlohmannPrintsThem) {
  for (const double number : awkward_numbers()) {
    std::string text;
    PrettyJson(text).value(number);
    EXPECT_EQ(text, ordered(number).dump(2)) << number;
  }
  for (const double special : {std::nan(""), std::numeric_limits<double>::infinity()}) {
    std::string text;
    PrettyJson(text).value(special);
    EXPECT_EQ(text, "null");
  }
}

TEST(PrettyJson, StringsEscapedAsNlohmannEscapesThem) {
  for (const std::string s : {"plain", "", "quote \" and backslash \\", "tab\tnew\nline\r", "bell\x07", "Zürich – ✓"}) {
    std::string text;
    PrettyJson(text).value(s);
    EXPECT_EQ(text, ordered(s).dump(2)) << s;
  }
}

TEST(PrettyJson, InvalidUtf8IsRejectedAsByDump) {
  std::string text;
  EXPECT_THROW(PrettyJson(text).value(std::string("bad \xff byte")), nlohmann::json::type_error);
}

TEST(PrettyJson, NestedDocumentMatchesDump) {
  nlohmann::json details = {{"zeta", {1, 2.5, "three"}}, {"alpha", {{"inner", nlohmann::json::object()}}}};
  ordered expected = ordered::object();
  expected["name"] = "cop21";
  expected["round"] = 3;
  expected["empty_object"] = ordered::object();
  expected["empty_array"] = ordered::array();
  expected["numbers"] = awkward_numbers();
  ordered record = ordered::object();
  record["actors"] = {"a", "b"};
  record["value"] = 0.25;
  expected["records"] = {record, record};
  expected["details"] = ordered::parse(details.dump());

  std::string text;
  PrettyJson out(text);
  out.begin_object();
  out.member("name", "cop21");
  out.member("round", 3);
  out.key("empty_object");
  out.begin_object();
  out.end_object();
  out.key("empty_array");
  out.begin_array();
  out.end_array();
  out.key("numbers");
  out.begin_array();
  for (const double number : awkward_numbers()) out.value(number);
  out.end_array();
  out.key("records");
  out.begin_array();
  for (int k = 0; k < 2; ++k) {
    out.begin_object();
    out.key("actors");
    out.begin_array();
    out.value("a");
    out.value("b");
    out.end_array();
    out.member("value", 0.25);
    out.end_object();
  }
  out.end_array();
  out.member("details", details);
  out.end_object();
  EXPECT_EQ(text, expected.dump(2));
}

TEST(PrettyJson, TreesOfEveryKindMatchDump) {
  nlohmann::json deep = {{"leaf", true}};
  for (int level = 0; level < 40; ++level) deep = {{"level", level}, {"inside", {deep, nullptr}}};  // past 64 spaces
  const std::vector<nlohmann::json> trees = {
      nullptr, true, false, -7, 18446744073709551615u, 2.5, std::nan(""), "tab\there", nlohmann::json::object(),
      nlohmann::json::array(), {{"b", {1, {{"c", nullptr}}, nlohmann::json::array()}}, {"a", false}}, deep};
  for (const auto& tree : trees) {
    std::string text;
    PrettyJson(text).value(tree);
    EXPECT_EQ(text, tree.dump(2)) << tree.dump();
  }
}

}  // namespace
}  // namespace parley::io
