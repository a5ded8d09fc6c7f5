// One log line format for every Gongkai program: "gongkai-<program> <LEVEL> <component>: message"
// on stderr (journald adds the time under systemd). Tests may add a sink to read what was said.
#pragma once
#include <functional>
#include <string>
#include <string_view>

namespace gongkai {

enum class LogLevel { Info, Warn, Error };

void set_log_program(std::string_view program);  // e.g. "gongkai-kiosk"
void log_line(LogLevel level, std::string_view component, std::string_view message);
inline void log_info(std::string_view c, std::string_view m) { log_line(LogLevel::Info, c, m); }
inline void log_warn(std::string_view c, std::string_view m) { log_line(LogLevel::Warn, c, m); }
inline void log_error(std::string_view c, std::string_view m) { log_line(LogLevel::Error, c, m); }

// Every line also goes to the sink while one is set; returns the previous sink.
using LogSink = std::function<void(LogLevel, std::string_view component, std::string_view message)>;
LogSink set_log_sink(LogSink sink);
// Silences stderr (the sink still receives lines): for tests that inject faults on purpose.
void set_log_quiet(bool quiet);

}  // namespace gongkai
