// See manifest.h.
#include "manifest.h"

#include <sodium.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "json_limits.h"

namespace gongkai {

std::string sha256_hex(std::string_view data) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[2 * sizeof h + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

std::string manifest_to_json(const Manifest& m) {
    nlohmann::ordered_json j = {
        {"format", kManifestFormat}, {"format_version", kManifestFormatVersion},
        {"version", m.version},      {"created", m.created},
        {"expires", m.expires},
        {"bundle", {{"path", m.bundle_path}, {"size", m.bundle_size}, {"sha256", m.bundle_sha256}}}};
    if (m.delta)
        j["delta"] = {{"from_version", m.delta->from_version}, {"path", m.delta->path}, {"size", m.delta->size},
                      {"sha256", m.delta->sha256}};
    return j.dump(2) + "\n";
}

// A bundle path is relative and plain: it must not leave the site or name another host.
static bool is_safe_path(const std::string& p) {
    if (p.empty() || p.size() > 200 || p.front() == '/' || p.find("..") != std::string::npos) return false;
    for (char c : p)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '/')) return false;
    return true;
}

Result<Manifest> parse_manifest(std::string_view text) {
    auto bad = [](std::string why) { return make_error(CatalogueError::ManifestInvalid, std::move(why)); };
    if (text.size() > kMaxManifestBytes)
        return bad(std::to_string(text.size()) + " bytes, at most " + std::to_string(kMaxManifestBytes));
    if (size_t at = json_depth_exceeded(text); at != std::string_view::npos)
        return bad("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels at byte " + std::to_string(at));
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
    if (!j.contains("format") || !j["format"].is_string() || j["format"].get<std::string>() != kManifestFormat)
        return bad("\"format\" is not \"gongkai-manifest\"");
    if (!j.contains("format_version") || !j["format_version"].is_number_integer() ||
        j["format_version"].get<std::int64_t>() != kManifestFormatVersion)
        return bad("\"format_version\" is not the integer 1");
    Manifest m;
    // is_number_integer also holds for unsigned values above INT64_MAX: refuse those too.
    if (!j.contains("version") || !j["version"].is_number_integer() ||
        (j["version"].is_number_unsigned() && j["version"].get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)))
        return bad("\"version\" must be an integer");
    m.version = j["version"].get<std::int64_t>();
    if (m.version < 1) return bad("\"version\" must be at least 1");
    std::time_t t;
    for (auto [key, out] : {std::pair{"created", &m.created}, std::pair{"expires", &m.expires}}) {
        if (!j.contains(key) || !j[key].is_string() || !parse_rfc3339_utc(j[key].get<std::string>(), &t))
            return bad(std::string("\"") + key + "\" must be an RFC 3339 UTC time like 2026-11-25T19:50:00Z");
        *out = j[key].get<std::string>();
    }
    if (!j.contains("bundle") || !j["bundle"].is_object()) return bad("\"bundle\" must be an object");
    const auto& b = j["bundle"];
    // A file reference: {path, size, sha256}, as for the bundle and the delta.
    auto read_file_ref = [&](const nlohmann::json& o, const char* what, std::string* path, std::uint64_t* size,
                             std::string* sha) -> std::string {
        if (!o.contains("path") || !o["path"].is_string() || !is_safe_path(o["path"].get<std::string>()))
            return std::string("\"") + what + ".path\" must be a plain relative path";
        if (!o.contains("size") || !o["size"].is_number_unsigned())
            return std::string("\"") + what + ".size\" must be a non-negative integer";
        if (!o.contains("sha256") || !o["sha256"].is_string() || o["sha256"].get<std::string>().size() != 64)
            return std::string("\"") + what + ".sha256\" must be 64 hex digits";
        *path = o["path"].get<std::string>();
        *size = o["size"].get<std::uint64_t>();
        *sha = o["sha256"].get<std::string>();
        for (char c : *sha)
            if (!std::isxdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c)))
                return std::string("\"") + what + ".sha256\" must be lower-case hex";
        return {};
    };
    if (std::string why = read_file_ref(b, "bundle", &m.bundle_path, &m.bundle_size, &m.bundle_sha256); !why.empty())
        return bad(why);
    if (j.contains("delta")) {
        const auto& d = j["delta"];
        if (!d.is_object() || !d.contains("from_version") || !d["from_version"].is_number_integer() ||
            (d["from_version"].is_number_unsigned() && d["from_version"].get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)))
            return bad("\"delta\" must be an object with an integer \"from_version\"");
        Manifest::Delta delta;
        delta.from_version = d["from_version"].get<std::int64_t>();
        if (std::string why = read_file_ref(d, "delta", &delta.path, &delta.size, &delta.sha256); !why.empty())
            return bad(why);
        if (delta.from_version >= m.version) return bad("\"delta.from_version\" must be older than \"version\"");
        m.delta = delta;
    }
    return m;
}

}  // namespace gongkai
