// See log.h.
#include "log.h"

#include <cstdio>
#include <mutex>

namespace gongkai {

namespace {
std::mutex g_mutex;
std::string g_program = "gongkai";
LogSink g_sink;
bool g_quiet = false;
}  // namespace

void set_log_program(std::string_view program) {
    std::lock_guard lock(g_mutex);
    g_program = program;
}

LogSink set_log_sink(LogSink sink) {
    std::lock_guard lock(g_mutex);
    std::swap(g_sink, sink);
    return sink;
}

void set_log_quiet(bool quiet) {
    std::lock_guard lock(g_mutex);
    g_quiet = quiet;
}

void log_line(LogLevel level, std::string_view component, std::string_view message) {
    std::lock_guard lock(g_mutex);
    const char* name = level == LogLevel::Info ? "INFO" : level == LogLevel::Warn ? "WARN" : "ERROR";
    if (!g_quiet)
        std::fprintf(stderr, "%s %s %.*s: %.*s\n", g_program.c_str(), name, (int)component.size(), component.data(),
                     (int)message.size(), message.data());
    if (g_sink) g_sink(level, component, message);
}

}  // namespace gongkai
