// See http_client.h.
#include "http_client.h"

#include <curl/curl.h>
#include <strings.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <mutex>

namespace gongkai {

namespace {

// The request body, handed to curl as it asks for it.
struct Source {
    const std::string* body;
    size_t sent = 0;
};

size_t on_read(char* buffer, size_t size, size_t n, void* user) {
    auto* src = static_cast<Source*>(user);
    size_t len = std::min(size * n, src->body->size() - src->sent);
    std::memcpy(buffer, src->body->data() + src->sent, len);
    src->sent += len;
    return len;
}

std::atomic<const std::atomic<bool>*> g_cancel{nullptr};
std::atomic<void (*)()> g_alive{nullptr};

// A transfer's progress, as seen by the progress callback: whether curl is still inside
// the limits it enforces. While it is, the transfer is alive (a long download that keeps
// moving, or a stall curl is about to end with NetTimeout); past them by `kSlack`, curl has
// stopped doing its job and the transfer is wedged.
struct Progress {
    using Clock = std::chrono::steady_clock;
    Clock::time_point started = Clock::now();
    Clock::time_point last_moved = started;
    curl_off_t bytes = 0;
    std::chrono::seconds stall_limit{0};  // the longest curl lets a transfer sit without bytes
    std::chrono::seconds total_limit{0};  // CURLOPT_TIMEOUT

    // 5 s: curl checks its timeouts about once a second; this is well past any lateness.
    static constexpr std::chrono::seconds kSlack{5};
    bool within_limits(curl_off_t now_bytes) {
        const Clock::time_point now = Clock::now();
        if (now_bytes != bytes) {
            bytes = now_bytes;
            last_moved = now;
        }
        return now - last_moved <= stall_limit + kSlack && now - started <= total_limit + kSlack;
    }
};

// Returning non-zero aborts the transfer with CURLE_ABORTED_BY_CALLBACK.
int on_progress(void* user, curl_off_t, curl_off_t dlnow, curl_off_t, curl_off_t ulnow) {
    auto* progress = static_cast<Progress*>(user);
    void (*alive)() = g_alive.load();
    if (alive && progress->within_limits(dlnow + ulnow)) alive();
    const std::atomic<bool>* flag = g_cancel.load();
    return flag && flag->load() ? 1 : 0;
}

struct Sink {
    std::string* body;
    std::uint64_t max_bytes;
    bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
    auto* sink = static_cast<Sink*>(user);
    size_t len = size * n;
    if (sink->max_bytes && sink->body->size() + len > sink->max_bytes) {
        sink->too_large = true;
        return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    sink->body->append(data, len);
    return len;
}

// Response headers are a few hundred bytes from nginx; 16 KiB is far above any real
// server and stops an endless or gigantic header stream (curl's own limit is 100 KiB and
// reports it as an out-of-memory error, code 27, with no text).
constexpr std::size_t kMaxHeaderBytes = 16 * 1024;

struct HeaderSink {
    std::string* etag;
    std::size_t bytes = 0;
    bool too_large = false;
};

size_t on_header(char* data, size_t size, size_t n, void* user) {
    auto* sink = static_cast<HeaderSink*>(user);
    sink->bytes += size * n;
    if (sink->bytes > kMaxHeaderBytes) {
        sink->too_large = true;
        return 0;  // aborts the transfer
    }
    std::string* etag = sink->etag;
    std::string line(data, size * n);
    if (line.size() > 5 && strncasecmp(line.c_str(), "etag:", 5) == 0) {
        std::string v = line.substr(5);
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(v.begin());
        while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.pop_back();
        *etag = v;
    }
    return size * n;
}

ErrorCode classify(CURLcode rc) {
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return NetError::NetConnect;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
        return NetError::NetTls;
    case CURLE_ABORTED_BY_CALLBACK:  // only on_progress aborts
        return NetError::NetCancelled;
    case CURLE_OPERATION_TIMEDOUT:
        return NetError::NetTimeout;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:  // the peer closed or reset the connection mid-body
        return NetError::NetTruncated;
    case CURLE_FILESIZE_EXCEEDED:
        return NetError::TooLarge;
    // The scheme was checked before curl ran (InsecureUrl), so these mean the bytes that
    // came back are not HTTP: garbage, HTTP/0.9, a non-TLS server's noise.
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
        return NetError::NetProtocol;
    default:
        return NetError::NetOther;
    }
}

}  // namespace

void set_transfer_cancel_flag(const std::atomic<bool>* flag) { g_cancel = flag; }
void set_transfer_alive_callback(void (*alive)()) { g_alive = alive; }

Result<FetchResponse> fetch(const FetchRequest& req) {
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    const bool https = req.url.rfind("https://", 0) == 0;
    const bool http = req.url.rfind("http://", 0) == 0;
    if (!https && !(http && req.allow_http))
        return make_error(NetError::InsecureUrl, req.url + (http ? " (set [sync] insecure_allow_http for development)" : ""));

    CURL* curl = curl_easy_init();
    if (!curl) return make_error(NetError::NetOther, "curl_easy_init failed");
    FetchResponse resp;
    Sink sink{&resp.body, req.max_bytes};
    char error_buf[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, req.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, req.allow_http ? "https,http" : "https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect could leave HTTPS or the site
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    Progress progress;
    // Connecting (TLS included) and a transfer below the low speed are curl's two waits
    // without bytes; the longer bounds how long the callback may see no progress.
    progress.stall_limit = std::chrono::seconds(std::max(req.connect_timeout_s, req.low_speed_time_s));
    progress.total_limit = std::chrono::seconds(req.total_timeout_s);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &progress);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buf);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    HeaderSink header_sink{&resp.etag};
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &header_sink);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, req.low_speed_bytes_per_s);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, req.low_speed_time_s);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, req.connect_timeout_s);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, req.total_timeout_s);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "gongkai-sync/" GONGKAI_VERSION);
    if (req.max_bytes) curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(req.max_bytes));
    if (!req.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, req.ca_file.c_str());
    if (!req.client_cert.empty()) curl_easy_setopt(curl, CURLOPT_SSLCERT, req.client_cert.c_str());
    if (!req.client_key.empty()) curl_easy_setopt(curl, CURLOPT_SSLKEY, req.client_key.c_str());
    struct curl_slist* headers = nullptr;
    if (!req.if_none_match.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + req.if_none_match).c_str());
    Source source{&req.body};
    switch (req.method) {
    case HttpMethod::Get: break;
    case HttpMethod::Put:
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_read);
        curl_easy_setopt(curl, CURLOPT_READDATA, &source);
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
        break;
    case HttpMethod::Post:
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, req.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
        break;
    }
    if (req.method != HttpMethod::Get) {
        if (!req.content_type.empty()) headers = curl_slist_append(headers, ("Content-Type: " + req.content_type).c_str());
        // curl asks a server for "100 Continue" before a large body; nginx answers it, but
        // a small upload is faster without the extra round trip.
        headers = curl_slist_append(headers, "Expect:");
    }
    if (headers) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

    CURLcode rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &resp.status);
    curl_off_t body_bytes = 0;
    long header_bytes = 0;
    curl_easy_getinfo(curl, CURLINFO_SIZE_DOWNLOAD_T, &body_bytes);
    curl_easy_getinfo(curl, CURLINFO_HEADER_SIZE, &header_bytes);
    resp.wire_bytes = static_cast<std::uint64_t>(body_bytes) + static_cast<std::uint64_t>(header_bytes);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);

    // curl's own words always, its error buffer when it has more to say.
    std::string where = req.url + " (curl " + std::to_string(rc) + ": " + curl_easy_strerror(rc) +
                        (error_buf[0] ? std::string("; ") + error_buf : "") + ")";
    if (header_sink.too_large)
        return make_error(NetError::NetHeadersTooLarge, req.url + ": more than " + std::to_string(kMaxHeaderBytes) + " bytes of headers");
    if (sink.too_large) return make_error(NetError::TooLarge, req.url + ": more than " + std::to_string(req.max_bytes) + " bytes");
    if (rc != CURLE_OK) return make_error(classify(rc), where);
    if (req.method != HttpMethod::Get) {
        const std::string status = req.url + ": HTTP " + std::to_string(resp.status);
        if (resp.status == 401 || resp.status == 403) return make_error(NetError::NetUnauthorized, status);
        // nginx answers 400 ("No required SSL certificate was sent" / "The SSL certificate
        // error") when ssl_verify_client refuses the device's certificate.
        if (resp.status == 400 && (resp.body.find("SSL certificate") != std::string::npos ||
                                   resp.body.find("SSL Certificate") != std::string::npos))
            return make_error(NetError::NetUnauthorized, status + " (the server refused the client certificate)");
        if (resp.status == 413) return make_error(NetError::NetPayloadTooLarge, status);
        if (resp.status < 200 || resp.status > 299) return make_error(NetError::NetHttpStatus, status);
        return resp;
    }
    if (resp.status == 304 && req.if_none_match.empty())
        // Only a conditional request may be answered "not modified": a 304 to a device that
        // has nothing would leave it "unchanged" with no catalogue and a last_success.
        return make_error(NetError::NetProtocol, req.url + ": HTTP 304 to a request without If-None-Match");
    if (resp.status == 304) {
        resp.not_modified = true;
        resp.body.clear();
        return resp;
    }
    if (resp.status != 200)
        return make_error(NetError::NetHttpStatus, req.url + ": HTTP " + std::to_string(resp.status));
    return resp;
}

// The office answers an upload with a status and at most a short page.
static constexpr std::uint64_t kMaxUploadResponseBytes = 64 * 1024;

Result<FetchResponse> put(FetchRequest request) {
    request.method = HttpMethod::Put;
    if (request.max_bytes == 0) request.max_bytes = kMaxUploadResponseBytes;
    return fetch(request);
}

}  // namespace gongkai
