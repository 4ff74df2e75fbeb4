// Streams JSON text exactly as nlohmann's dump(2) prints the same tree, without building the
// tree first: a forecast with every round and event is a large document (cop21's exchange run
// is 1.1 MB), and building it as nlohmann::ordered_json cost more than the model run itself.
// Leaves (strings, numbers) are still formatted by nlohmann, so the text is the library's, byte
// for byte.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace parley::io {

class PrettyJson {
 public:
  explicit PrettyJson(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // Inside an object, before each value.
  void key(std::string_view name);

  void value(std::string_view text);
  void value(const std::string& text) { value(std::string_view(text)); }
  void value(const char* text) { value(std::string_view(text)); }
  void value(double number);
  void value(int number);
  // A whole tree, indented to where it stands.
  void value(const nlohmann::json& tree);

  template <class T>
  void member(std::string_view name, const T& item) {
    key(name);
    value(item);
  }

 private:
  void open(char bracket);
  void close(char bracket);
  void before_item();  // the separator and indentation an array item or a key needs
  void new_line();  // and the indentation of the open level
  void write_string(std::string_view text);

  std::string& out_;
  std::vector<bool> empty_;  // per open level: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace parley::io
