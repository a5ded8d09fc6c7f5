// Small queries over the in-memory model.
#include "model.h"

#include <algorithm>

namespace gongkai {

const Domain* Catalogue::find_domain(std::string_view id) const {
    auto it = std::find_if(domains.begin(), domains.end(), [&](const Domain& d) { return d.id == id; });
    return it == domains.end() ? nullptr : &*it;
}

const Item* Catalogue::find_item(std::string_view id) const {
    auto it = std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.id == id; });
    return it == items.end() ? nullptr : &*it;
}

const char* to_string(ItemKind kind) {
    switch (kind) {
    case ItemKind::Directory: return "directory";
    case ItemKind::Guide: return "guide";
    }
    return "directory";
}

std::optional<ItemKind> item_kind_from_string(std::string_view s) {
    if (s == "directory") return ItemKind::Directory;
    if (s == "guide") return ItemKind::Guide;
    return std::nullopt;
}

bool notice_is_current(const Notice& notice, std::string_view today) {
    // ISO dates compare correctly as strings.
    if (!notice.valid_from.empty() && today < notice.valid_from) return false;
    if (!notice.valid_until.empty() && today > notice.valid_until) return false;
    return true;
}

}  // namespace gongkai
