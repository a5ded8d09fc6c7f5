// See outbox_upload.h.
#include "outbox_upload.h"

#include <algorithm>

#include "http_client.h"
#include "log.h"

namespace gongkai {

Result<UploadSummary> upload_outbox(const Config& config, Cache& cache, const DeviceKey& key, size_t max_records) {
    if (config.report_url.empty()) return make_error(NetError::ReportNotConfigured, "no [report] url in the config");
    std::string base = config.report_url;
    if (base.back() != '/') base += '/';
    if (auto removed = outbox_repair(cache); !removed) return removed.error();
    else if (*removed > 0)
        log_warn("report", std::to_string(*removed) + " malformed outbox rows removed (body not a JSON object): counted as outbox.discarded");
    UploadSummary done;
    size_t n = std::min(max_records, static_cast<size_t>(config.batch_max_records));
    if (n < 1) n = 1;
    for (;;) {
        auto records = outbox_oldest(cache, n, kMaxBatchBodyBytes);
        if (!records) return records.error();
        if (records->empty()) return done;
        SealedBatch batch = seal_batch(key, *records);
        FetchRequest req;
        req.url = base + "batches/" + key.id + "/" + batch.name;
        req.body = std::move(batch.bytes);
        req.content_type = "application/json";
        req.ca_file = config.report_ca_file.empty() ? config.ca_file : config.report_ca_file;
        req.client_cert = config.report_client_cert;
        req.client_key = config.report_client_key;
        req.allow_http = config.insecure_allow_http;
        req.low_speed_bytes_per_s = config.low_speed_bytes_per_s;
        req.low_speed_time_s = config.low_speed_time_s;
        // A batch is at most ~1 MiB: two minutes is generous on a slow hall link.
        req.total_timeout_s = 120;
        auto resp = put(std::move(req));
        if (!resp) {
            if (resp.error().code == NetError::NetPayloadTooLarge && records->size() > 1) {
                n = records->size() / 2;
                log_warn("report", "the inbox refused a batch of " + std::to_string(records->size()) + " records as too large; trying " +
                                       std::to_string(n));
                continue;
            }
            return resp.error();
        }
        std::vector<std::string> ids;
        ids.reserve(records->size());
        for (auto& r : *records) ids.push_back(r.id);
        // If this fails (disk full, a killed process) the records go again: the office
        // ingests by record id, so they still arrive once.
        if (Error e = outbox_remove(cache, ids)) return e;
        done.batches++;
        done.records += static_cast<int>(ids.size());
    }
}

}  // namespace gongkai
