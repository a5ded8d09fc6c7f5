// Routes: where the resident is, as "<screen>" or "<screen>/<id>" — "home",
// "domain/<id>", "item/<id>", "notice/<id>", "interpretation/<id>", "response/<id>",
// "search", "search/<query>". The same strings
// are used by --screenshot, deep links and (later) QR codes. Which screens exist, and
// which of them take an id, is the screen registry's business (screens/registry.cpp);
// Route only carries the two parts.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

struct Route {
    std::string screen = "home";  // a row of the screen registry
    std::string id;               // the item, domain or notice; the query for search/<query>

    static Route home() { return {}; }
    static Route domain(std::string id) { return {"domain", std::move(id)}; }
    static Route item(std::string id) { return {"item", std::move(id)}; }
    static Route notice(std::string id) { return {"notice", std::move(id)}; }
    static Route interpretation(std::string id) { return {"interpretation", std::move(id)}; }
    static Route response(std::string id) { return {"response", std::move(id)}; }
    static Route search() { return {"search", {}}; }
    static Route help() { return {"help", {}}; }

    bool is(std::string_view s) const { return screen == s; }
    std::string str() const { return id.empty() ? screen : screen + "/" + id; }
    // A route the registry knows, with an id where its screen needs one; nullopt otherwise.
    // (Defined in screens/registry.cpp, beside the table it checks against.)
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
