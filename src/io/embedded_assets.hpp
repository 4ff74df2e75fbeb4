// Files compiled into the binary (see cmake/embed.cmake): the charting libraries the HTML
// report inlines, so that a report opens offline.
#pragma once

#include <string_view>

namespace parley::embedded {

extern const std::string_view vega_js;        // third_party/vega/vega.min.js
extern const std::string_view vega_lite_js;   // third_party/vega/vega-lite.min.js
extern const std::string_view vega_embed_js;  // third_party/vega/vega-embed.min.js

}  // namespace parley::embedded
