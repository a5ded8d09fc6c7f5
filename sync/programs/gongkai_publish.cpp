// gongkai-publish: the central office's tool. Imports department directories and guides,
// validates them against the disclosure standard, signs and publishes a static site.
//   gongkai-publish validate --source DIR [--json]
//   gongkai-publish keygen --secret-key FILE --public-key FILE
//   gongkai-publish build --source DIR --secret-key FILE --out SITE [--expires-days N]
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "bundle.h"
#include "manifest.h"
#include "minisign.h"
#include "source_import.h"
#include "text_encoding.h"

namespace fs = std::filesystem;
using namespace gongkai;

namespace {

const char* kUsage =
    "usage: gongkai-publish validate --source DIR [--json]\n"
    "       gongkai-publish keygen --secret-key FILE --public-key FILE\n"
    "       gongkai-publish build --source DIR --secret-key FILE --out SITE [--expires-days N]\n";

int fail(const std::string& msg, int code = 1) {
    std::fprintf(stderr, "gongkai-publish: %s\n", msg.c_str());
    return code;
}

// Writes via a temporary file and rename: a reader sees the old file or the new one,
// and after a power cut the new one is either complete or absent. Order: write the temp
// file, fsync it (its bytes are on disk before its name is), rename, fsync the directory
// (the rename itself is on disk). Every return is checked; the temp file is removed on failure.
Error write_atomic(const fs::path& path, std::string_view data, mode_t mode = 0644) {
    fs::path tmp = path;
    tmp += ".tmp";
    auto fail_with = [&](const std::string& what) {
        Error e = make_error(ErrorCode::FileWriteFailed, what + " " + tmp.string() + ": " + std::strerror(errno));
        ::unlink(tmp.c_str());
        return e;
    };
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return make_error(ErrorCode::FileWriteFailed, "create " + tmp.string() + ": " + std::strerror(errno));
    for (size_t done = 0; done < data.size();) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) { ::close(fd); return fail_with("write"); }
        done += static_cast<size_t>(n);
    }
    if (::fchmod(fd, mode) != 0) { ::close(fd); return fail_with("chmod"); }  // O_CREAT's mode is masked by umask
    if (::fsync(fd) != 0) { ::close(fd); return fail_with("fsync"); }
    if (::close(fd) != 0) return fail_with("close");
    if (::rename(tmp.c_str(), path.c_str()) != 0) return fail_with("rename to " + path.string() + " from");
    fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return make_error(ErrorCode::FileWriteFailed, "open directory " + dir.string() + ": " + std::strerror(errno));
    int rc = ::fsync(dfd);
    int saved = errno;
    ::close(dfd);
    if (rc != 0) return make_error(ErrorCode::FileWriteFailed, "fsync directory " + dir.string() + ": " + std::strerror(saved));
    return {};
}

int validate(const std::string& source, bool json) {
    ImportResult r = import_source(source);
    if (json) {
        nlohmann::ordered_json out;
        out["items"] = r.catalogue.items.size();
        nlohmann::ordered_json domains = nlohmann::ordered_json::object();
        for (auto& d : r.catalogue.domains) {
            size_t n = 0;
            for (auto& i : r.catalogue.items) n += i.domain_id == d.id;
            domains[d.name] = n;
        }
        out["domains"] = domains;
        out["errors"] = nlohmann::ordered_json::array();
        for (auto& p : r.problems)
            out["errors"].push_back({{"file", p.file}, {"line", p.line}, {"column", p.column}, {"message", p.message}});
        // File names and messages may hold bytes that are not UTF-8 (a file called
        // "bad\xff.toml"): replace them with U+FFFD instead of throwing type_error 316.
        std::cout << out.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    } else {
        for (auto& p : r.problems) std::fprintf(stderr, "%s\n", format_problem(p).c_str());
        if (r.problems.empty())
            std::printf("%zu items in %zu domains: valid\n", r.catalogue.items.size(), r.catalogue.domains.size());
    }
    return r.problems.empty() ? 0 : 1;
}

int keygen(const std::string& secret_path, const std::string& public_path) {
    if (fs::exists(secret_path) || fs::exists(public_path))
        return fail("refusing to overwrite an existing key file (" + secret_path + " or " + public_path + ")");
    auto key = minisign::generate();
    if (Error e = write_atomic(secret_path, minisign::secret_key_file(key), 0600)) return fail("cannot write the secret key: " + e.describe());
    if (Error e = write_atomic(public_path, minisign::public_key_file(key.public_key()))) return fail("cannot write the public key: " + e.describe());
    std::printf("%s\n", minisign::public_key_string(key.public_key()).c_str());
    return 0;
}

int build(const std::string& source, const std::string& secret_path, const std::string& out_dir, int expires_days) {
    auto secret_text = read_file(secret_path);
    if (!secret_text) return fail(secret_text.error().describe());
    auto key = minisign::parse_secret_key(*secret_text);
    if (!key) return fail(key.error().describe());
    ImportResult r = import_source(source);
    for (auto& p : r.problems) std::fprintf(stderr, "%s\n", format_problem(p).c_str());
    if (!r.problems.empty()) return fail(std::to_string(r.problems.size()) + " problem(s): nothing was published");

    fs::path site(out_dir);
    std::error_code ec;
    fs::create_directories(site / "bundles", ec);
    if (ec) return fail("cannot create " + (site / "bundles").string() + ": " + ec.message());
    // The version only increases: one more than the site's current manifest, and at
    // least the current Unix time, so a site rebuilt from scratch still moves forward.
    std::time_t now = std::time(nullptr);
    std::int64_t version = static_cast<std::int64_t>(now);
    std::optional<Manifest> previous;
    if (auto prev = read_file((site / "manifest.json").string())) {
        if (auto m = parse_manifest(*prev)) {
            // m->version + 1 overflows at INT64_MAX (undefined; in practice a lower version
            // that every device refuses as a rollback): nothing higher can be published.
            if (m->version == INT64_MAX)
                return fail(make_error(ErrorCode::VersionExhausted, "the site at " + out_dir + " is at version " +
                                                                        std::to_string(m->version)).describe());
            version = std::max(version, m->version + 1);
            previous = *m;
        }
    }
    Catalogue& cat = r.catalogue;
    cat.version = version;
    cat.created = format_rfc3339_utc(now);
    const std::string json = bundle_json(cat);
    std::string bundle = encode_bundle(cat);
    Manifest m;
    m.version = version;
    m.created = cat.created;
    m.expires = format_rfc3339_utc(now + static_cast<std::time_t>(expires_days) * 86400);
    m.bundle_sha256 = sha256_hex(bundle);
    // Named by version and hash: never overwritten, so a kiosk mid-download of the
    // previous bundle is not broken by a new build.
    m.bundle_path = "bundles/catalogue-" + std::to_string(version) + "-" + m.bundle_sha256.substr(0, 12) + ".bundle";
    m.bundle_size = bundle.size();
    // A delta from the version the site serves now, when it is smaller than the bundle.
    std::string delta;
    if (previous) {
        auto prev_bundle = read_file((site / previous->bundle_path).string());
        auto prev_cat = prev_bundle ? decode_bundle(*prev_bundle) : Result<Catalogue>(prev_bundle.error());
        if (prev_cat) {
            delta = encode_delta(json, bundle_json(*prev_cat));
            if (delta.size() < bundle.size()) {
                std::string sha = sha256_hex(delta);
                m.delta = Manifest::Delta{previous->version,
                                          "bundles/delta-" + std::to_string(previous->version) + "-" + std::to_string(version) +
                                              "-" + sha.substr(0, 12) + ".zst",
                                          delta.size(), sha};
            }
        } else {
            std::fprintf(stderr, "gongkai-publish: no delta: %s\n", prev_cat.error().describe().c_str());
        }
    }
    std::string manifest = manifest_to_json(m);
    std::string sig = minisign::sign(*key, manifest, "gongkai manifest version " + std::to_string(version) + " expires " + m.expires);
    if (Error e = write_atomic(site / m.bundle_path, bundle)) return fail("cannot write the bundle: " + e.describe());
    if (m.delta)
        if (Error e = write_atomic(site / m.delta->path, delta)) return fail("cannot write the delta: " + e.describe());
    // Signature first, manifest second: a poll between the two sees the old manifest with
    // the new signature, fails verification, and retries — never a wrong catalogue.
    if (Error e = write_atomic(site / "manifest.json.minisig", sig)) return fail("cannot write the signature: " + e.describe());
    std::error_code time_ec;
    auto previous_mtime = fs::last_write_time(site / "manifest.json", time_ec);
    if (Error e = write_atomic(site / "manifest.json", manifest)) return fail("cannot write the manifest: " + e.describe());
    // Static servers derive ETags from mtime and size (nginx: "mtime-size"). Two builds in
    // one second with manifests of equal length would share an ETag and kiosks would get
    // a 304 for the new one: keep the mtime strictly increasing.
    if (!time_ec && fs::last_write_time(site / "manifest.json") <= previous_mtime)
        fs::last_write_time(site / "manifest.json", previous_mtime + std::chrono::seconds(1), time_ec);
    std::printf("published version %lld: %zu items, bundle %zu bytes, delta %s, expires %s\n",
                static_cast<long long>(version), cat.items.size(), bundle.size(),
                m.delta ? (std::to_string(m.delta->size) + " bytes from " + std::to_string(m.delta->from_version)).c_str()
                        : "none",
                m.expires.c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) { std::fputs(kUsage, stderr); return 2; }
    std::string cmd = argv[1];
    std::map<std::string, std::string> opt;
    bool json = false;
    for (int i = 2; i < argc; i++) {
        std::string a = argv[i];
        if (a == "--json") json = true;
        else if (a.rfind("--", 0) == 0 && i + 1 < argc) opt[a] = argv[++i];
        else return fail("unknown argument " + a + "\n" + kUsage, 2);
    }
    auto need = [&](const char* k) -> std::string {
        auto it = opt.find(k);
        return it == opt.end() ? std::string() : it->second;
    };
    if (cmd == "validate") {
        if (need("--source").empty()) return fail(std::string("validate needs --source DIR\n") + kUsage, 2);
        return validate(need("--source"), json);
    }
    if (cmd == "keygen") {
        if (need("--secret-key").empty() || need("--public-key").empty()) return fail(std::string("keygen needs --secret-key and --public-key\n") + kUsage, 2);
        return keygen(need("--secret-key"), need("--public-key"));
    }
    if (cmd == "build") {
        if (need("--source").empty() || need("--secret-key").empty() || need("--out").empty())
            return fail(std::string("build needs --source, --secret-key and --out\n") + kUsage, 2);
        int days = 30;  // a month: long enough to survive a holiday, short enough to catch a dead site
        if (!need("--expires-days").empty()) {
            days = std::atoi(need("--expires-days").c_str());
            if (days < 1 || days > 3650) return fail("--expires-days must be 1 to 3650", 2);
        }
        return build(need("--source"), need("--secret-key"), need("--out"), days);
    }
    if (cmd == "--help" || cmd == "-h") { std::fputs(kUsage, stdout); return 0; }
    return fail("unknown command " + cmd + "\n" + kUsage, 2);
}
