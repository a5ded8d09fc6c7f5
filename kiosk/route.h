// Routes: where the resident is. "home", "domain/<id>", "item/<id>", "notice/<id>",
// "search". The same strings are used by --screenshot, deep links and (later) QR codes.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

struct Route {
    enum class Kind { Home, Domain, Item, Notice, Search };
    Kind kind = Kind::Home;
    std::string id;

    static Route home() { return {}; }
    static Route domain(std::string id) { return {Kind::Domain, std::move(id)}; }
    static Route item(std::string id) { return {Kind::Item, std::move(id)}; }
    static Route notice(std::string id) { return {Kind::Notice, std::move(id)}; }
    static Route search() { return {Kind::Search, {}}; }

    std::string str() const;
    static std::optional<Route> parse(std::string_view s);
    bool operator==(const Route&) const = default;
};

// Back/Home navigation. Back from home stays home. Each visit gets a serial number so a
// page keeps its scroll position when the resident comes Back to it, and starts at the
// top when they arrive anew.
class Navigator {
public:
    const Route& current() const { return stack_.back().route; }
    int visit() const { return stack_.back().visit; }
    void go(Route r) { if (!(r == current())) stack_.push_back({std::move(r), ++visits_}); }
    void back() { if (stack_.size() > 1) stack_.pop_back(); }
    void home() { stack_.assign(1, {Route::home(), ++visits_}); }
    size_t depth() const { return stack_.size(); }

private:
    struct Entry { Route route; int visit; };
    int visits_ = 0;
    std::vector<Entry> stack_{Entry{Route::home(), 0}};
};

}  // namespace gongkai
