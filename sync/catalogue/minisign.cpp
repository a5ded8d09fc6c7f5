// See minisign.h. Layouts (from minisign 0.11):
//   public key   base64( "Ed" ‖ key_id[8] ‖ pk[32] )
//   secret key   base64( "Ed" ‖ kdf "\0\0" (none) ‖ "B2" ‖ salt[32] ‖ ops[8] ‖ mem[8] ‖ key_id[8] ‖ sk[64] ‖ chk[32] )
//   signature    base64( "ED" | "Ed" ‖ key_id[8] ‖ sig[64] ), then "trusted comment: …",
//                then base64( Ed25519(sig ‖ trusted comment) )
#include "minisign.h"

#include <sodium.h>

#include <cstring>

namespace gongkai::minisign {

namespace {

std::string b64(const unsigned char* data, size_t n) {
    std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

bool unb64(std::string_view text, std::vector<unsigned char>& out) {
    // An empty line (a signature file of blank lines, from any server) would hand libsodium
    // a null buffer, which its nonnull contract forbids (UBSan caught it here).
    if (text.empty()) return false;
    out.assign(text.size(), 0);
    size_t len = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    out.resize(len);
    return true;
}

// Only line endings go: the trusted comment is signed byte for byte, spaces included.
std::string trim_line(std::string_view s) {
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return std::string(s);
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        out.push_back(trim_line(text.substr(start, nl - start)));
        start = nl + 1;
    }
    return out;
}

constexpr std::string_view kTrustedPrefix = "trusted comment: ";

}  // namespace

std::string PublicKey::key_id_hex() const {
    static const char* hex = "0123456789ABCDEF";
    std::string s;
    for (int i = 7; i >= 0; i--) { s += hex[key_id[i] >> 4]; s += hex[key_id[i] & 15]; }
    return s;
}

PublicKey SecretKey::public_key() const {
    PublicKey p;
    p.key_id = key_id;
    crypto_sign_ed25519_sk_to_pk(p.pk.data(), sk.data());
    return p;
}

SecretKey generate() {
    SecretKey k;
    unsigned char pk[32];
    crypto_sign_keypair(pk, k.sk.data());
    randombytes_buf(k.key_id.data(), k.key_id.size());
    return k;
}

Result<PublicKey> parse_public_key(std::string_view text) {
    std::string key;
    for (auto& line : lines_of(text))
        if (!line.empty() && !line.starts_with("untrusted comment:")) { key = line; break; }
    std::vector<unsigned char> bin;
    if (key.empty() || !unb64(key, bin) || bin.size() != 42 || bin[0] != 'E' || bin[1] != 'd')
        return make_error(CatalogueError::KeyMalformed, "expected base64 of \"Ed\" + 8-byte key id + 32-byte key");
    PublicKey p;
    std::memcpy(p.key_id.data(), &bin[2], 8);
    std::memcpy(p.pk.data(), &bin[10], 32);
    return p;
}

Result<SecretKey> parse_secret_key(std::string_view file_text) {
    auto lines = lines_of(file_text);
    if (lines.size() < 2) return make_error(CatalogueError::KeyMalformed, "a secret key file has a comment line and a key line");
    std::vector<unsigned char> bin;
    if (!unb64(lines[1], bin) || bin.size() != 158 || bin[0] != 'E' || bin[1] != 'd' || bin[4] != 'B' || bin[5] != '2')
        return make_error(CatalogueError::KeyMalformed, "not a minisign secret key");
    if (bin[2] != 0 || bin[3] != 0) return make_error(CatalogueError::KeyEncrypted, "kdf algorithm is not \"none\"");
    SecretKey k;
    std::memcpy(k.key_id.data(), &bin[54], 8);
    std::memcpy(k.sk.data(), &bin[62], 64);
    return k;
}

std::string public_key_string(const PublicKey& key) {
    unsigned char bin[42] = {'E', 'd'};
    std::memcpy(bin + 2, key.key_id.data(), 8);
    std::memcpy(bin + 10, key.pk.data(), 32);
    return b64(bin, sizeof bin);
}

std::string public_key_file(const PublicKey& key) {
    return "untrusted comment: minisign public key " + key.key_id_hex() + "\n" + public_key_string(key) + "\n";
}

std::string secret_key_file(const SecretKey& key) {
    // Unencrypted, exactly as `minisign -G -W` writes it: no KDF, zero salt and limits,
    // and a zero checksum (minisign only fills it for encrypted keys).
    unsigned char bin[158] = {'E', 'd', 0, 0, 'B', '2'};
    std::memcpy(bin + 54, key.key_id.data(), 8);
    std::memcpy(bin + 62, key.sk.data(), 64);
    return "untrusted comment: minisign encrypted secret key\n" + b64(bin, sizeof bin) + "\n";
}

std::string sign(const SecretKey& key, std::string_view data, std::string_view trusted_comment) {
    unsigned char hash[crypto_generichash_BYTES_MAX];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(data.data()), data.size(), nullptr, 0);
    unsigned char sig_bin[74] = {'E', 'D'};
    std::memcpy(sig_bin + 2, key.key_id.data(), 8);
    crypto_sign_detached(sig_bin + 10, nullptr, hash, sizeof hash, key.sk.data());
    std::string global_input(reinterpret_cast<const char*>(sig_bin + 10), 64);
    global_input += trusted_comment;
    unsigned char global[64];
    crypto_sign_detached(global, nullptr, reinterpret_cast<const unsigned char*>(global_input.data()),
                         global_input.size(), key.sk.data());
    return "untrusted comment: signature from gongkai-publish secret key\n" + b64(sig_bin, sizeof sig_bin) + "\n" +
           std::string(kTrustedPrefix) + std::string(trusted_comment) + "\n" + b64(global, sizeof global) + "\n";
}

Result<Verified> verify(std::string_view data, std::string_view signature_file, const std::vector<PublicKey>& trusted) {
    auto lines = lines_of(signature_file);
    if (lines.size() < 4 || !lines[0].starts_with("untrusted comment:") || !lines[2].starts_with(kTrustedPrefix))
        return make_error(CatalogueError::SignatureMalformed, "expected 4 lines: untrusted comment, signature, trusted comment, global signature");
    std::vector<unsigned char> sig, global;
    if (!unb64(lines[1], sig) || sig.size() != 74 || sig[0] != 'E' || (sig[1] != 'D' && sig[1] != 'd'))
        return make_error(CatalogueError::SignatureMalformed, "signature line is not base64 of \"ED\"/\"Ed\" + key id + 64 bytes");
    if (!unb64(lines[3], global) || global.size() != 64)
        return make_error(CatalogueError::SignatureMalformed, "global signature line is not base64 of 64 bytes");
    const PublicKey* key = nullptr;
    for (auto& k : trusted)
        if (std::memcmp(k.key_id.data(), &sig[2], 8) == 0) key = &k;
    if (!key) {
        PublicKey unknown;
        std::memcpy(unknown.key_id.data(), &sig[2], 8);
        return make_error(CatalogueError::SignatureUnknownKey, "key id " + unknown.key_id_hex());
    }
    int ok;
    if (sig[1] == 'D') {  // prehashed
        unsigned char hash[crypto_generichash_BYTES_MAX];
        crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(data.data()), data.size(), nullptr, 0);
        ok = crypto_sign_verify_detached(&sig[10], hash, sizeof hash, key->pk.data());
    } else {
        ok = crypto_sign_verify_detached(&sig[10], reinterpret_cast<const unsigned char*>(data.data()), data.size(), key->pk.data());
    }
    if (ok != 0) return make_error(CatalogueError::SignatureInvalid, "signature by key " + key->key_id_hex() + " does not match the data");
    std::string comment = lines[2].substr(kTrustedPrefix.size());
    std::string global_input(reinterpret_cast<const char*>(&sig[10]), 64);
    global_input += comment;
    if (crypto_sign_verify_detached(global.data(), reinterpret_cast<const unsigned char*>(global_input.data()),
                                    global_input.size(), key->pk.data()) != 0)
        return make_error(CatalogueError::SignatureInvalid, "the trusted comment was altered");
    return Verified{*key, comment};
}

}  // namespace gongkai::minisign
