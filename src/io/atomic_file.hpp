// Writes a file so that readers see either the old content or the whole new one, never a part:
// a temporary file beside the target, flushed to disk, then renamed over it.
#pragma once

#include <string>
#include <string_view>

namespace parley::io {

// Throws std::runtime_error naming the path when any step fails; the target is then untouched.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace parley::io
