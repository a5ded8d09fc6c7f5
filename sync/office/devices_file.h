// devices.toml: the office's list of devices and their signing keys (docs/feedback.md),
// kept by hand and read by `collect --devices FILE` into office.db.
//   [[device]]
//   id = "0f3c…"            # 32 hex, printed by gongkai-sync device-key
//   public_key = "base64…"  # 32-byte Ed25519 public key
//   name = "…"              # optional
#pragma once
#include <string>
#include <vector>

#include "office_db.h"

namespace gongkai {

// A hall names its machines "徐汇区行政服务中心 1号机" (~15 characters); 100 is room for any.
inline constexpr size_t kMaxDeviceNameChars = 100;

// Every entry checked: id is 32 lowercase hex and equals device_id_for(public_key), the key
// is base64 of 32 bytes, no id twice, no key other than id / public_key / name. On any problem:
// DevicesInvalid whose detail lists every one as "file:line:column: message", one per line
// (and the read errors of read_toml: FileMissing, FileTooLarge, …).
[[nodiscard]] Result<std::vector<OfficeDevice>> load_devices_file(const std::string& path);

}  // namespace gongkai
