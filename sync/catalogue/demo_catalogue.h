// The demo catalogue built from assets/catalogue/ at build time (sync/tools/demo_embed.cpp):
// a zstd bundle, installed by the kiosk into an empty cache. Version 0, so any
// published catalogue replaces it.
#pragma once
#include <string_view>

namespace gongkai {
std::string_view demo_bundle();
}
