// See devices_file.h.
#include "devices_file.h"

#include <set>

#include "office_records.h"
#include "toml_source.h"

namespace gongkai {

Result<std::vector<OfficeDevice>> load_devices_file(const std::string& path) {
    TextPosition where;
    auto file = read_toml("", path, path, /*allow_gb18030=*/false, &where);
    if (!file) {
        if (file.error().code == CatalogueError::SourceSyntax || file.error().code == CatalogueError::SourceEncoding)
            return make_error(OfficeError::DevicesInvalid, file.error().detail);
        return file.error();
    }
    std::vector<std::string> problems;
    auto at = [&](const toml::node& n) {
        return path + ":" + std::to_string(n.source().begin.line) + ":" + std::to_string(n.source().begin.column) + ": ";
    };
    std::vector<OfficeDevice> out;
    std::set<std::string> seen;
    for (auto&& [key, node] : file->root) {
        if (key.str() != "device") problems.push_back(at(node) + "unknown key “" + std::string(key.str()) + "”: the file holds only [[device]] tables");
    }
    const toml::node* list = file->root.get("device");
    const toml::array* devices = list ? list->as_array() : nullptr;
    if (list && !devices) problems.push_back(at(*list) + "“device” must be written as [[device]] tables");
    if (devices) {
        for (const toml::node& el : *devices) {
            const toml::table* t = el.as_table();
            if (!t) { problems.push_back(at(el) + "“device” must be written as [[device]] tables"); continue; }
            OfficeDevice d;
            bool ok = true;
            for (auto&& [key, node] : *t) {
                std::string k(key.str());
                if (k != "id" && k != "public_key" && k != "name") { problems.push_back(at(node) + "unknown key “" + k + "” (id, public_key, name)"); ok = false; continue; }
                auto v = node.value<std::string>();
                if (!v) { problems.push_back(at(node) + "“" + k + "” must be text in quotes"); ok = false; continue; }
                if (k == "id") d.id = *v;
                else if (k == "public_key") d.public_key = *v;
                else d.name = *v;
            }
            auto field_at = [&](const char* key) { return t->get(key) ? at(*t->get(key)) : at(*t); };
            if (t->get("id") == nullptr) { problems.push_back(at(*t) + "“id” is missing"); ok = false; }
            if (t->get("public_key") == nullptr) { problems.push_back(at(*t) + "“public_key” is missing"); ok = false; }
            if (!ok) continue;
            auto key = parse_device_public_key(d.public_key);
            if (!key) { problems.push_back(field_at("public_key") + "“public_key” is not base64 of a 32-byte Ed25519 key"); continue; }
            const std::string expected = device_id_for(*key);
            if (d.id != expected) {
                problems.push_back(field_at("id") + "“id” is not this key's device id (" + expected + "): copy both from gongkai-sync device-key");
                continue;
            }
            if (utf8_length(d.name) > kMaxDeviceNameChars || without_controls(d.name) != d.name) {
                problems.push_back(field_at("name") + "“name” is longer than " + std::to_string(kMaxDeviceNameChars) + " characters or holds control characters");
                continue;
            }
            if (!seen.insert(d.id).second) { problems.push_back(field_at("id") + "device " + d.id + " is listed twice"); continue; }
            out.push_back(std::move(d));
        }
    }
    if (!problems.empty()) {
        std::string detail;
        for (auto& p : problems) detail += (detail.empty() ? "" : "\n") + p;
        return make_error(OfficeError::DevicesInvalid, detail);
    }
    return out;
}

}  // namespace gongkai
