// toml++'s implementation compiled with the fuzz build's instrumentation (see
// CMakeLists.txt): TOML_IMPLEMENTATION in exactly one translation unit is toml++'s own
// way of building its non-header-only mode.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
