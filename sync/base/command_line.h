// How every Gongkai program ends a failed parse of its command line (CLI11, header-only:
// include this only from a program's main, which links CLI11::CLI11). --help and
// --version print and exit 0; a wrong argument prints "<program>: <reason>" and the
// usage on stderr and exits 2, the code scripts already test for.
#pragma once
#include <CLI/CLI.hpp>
#include <cstdio>

namespace gongkai {

inline int exit_for_parse_error(const CLI::App& app, const CLI::ParseError& e, const char* program) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
    std::fprintf(stderr, "%s: %s\n%s", program, e.what(), app.help().c_str());
    return 2;
}

}  // namespace gongkai
