// A real nginx with TLS on 127.0.0.1, started unprivileged-style from a temp dir with a
// throwaway CA made by openssl — the network path of the sync tests, nothing mocked.
//   https://127.0.0.1:PORT/<site>/           static files from www/<site>/
//   https://127.0.0.1:PORT/slow/<site>/      the same, at limit_rate 256 bytes/s
//   https://127.0.0.1:PORT/chunked/<site>/   the same, chunked (SSI drops Content-Length)
//   https://127.0.0.1:PORT/error500/…        always 500
//   https://127.0.0.1:PORT/<site>/slow-bundles/…   at 256 bytes/s, the rest of the site at full speed
#pragma once
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <atomic>
#include <chrono>
#include <functional>
#include <cstdlib>
#include <string>
#include <thread>

#include "support.h"

namespace gongkai::test {

inline int shell(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()); }

inline int free_port() {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    int port = ntohs(a.sin_port);
    close(s);
    return port;
}

inline bool port_open(int port) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(s);
    return ok;
}

// A CA and a server certificate for IP 127.0.0.1 only (so "localhost" is a hostname
// mismatch), plus an unrelated CA for the wrong-CA case. Made once per test run.
struct TestPki {
    TempDir dir;
    std::string ca, server_cert, server_key, other_ca;
    TestPki() {
        chmod(dir.path.c_str(), 0755);
        auto f = [&](const char* n) { return dir.file(n); };
        ca = f("ca.pem");
        server_cert = f("server.pem");
        server_key = f("server.key");
        other_ca = f("other-ca.pem");
        const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        REQUIRE(shell("openssl req -x509 " + ec + " -keyout " + f("ca.key") + " -out " + ca +
                      " -days 2 -subj '/CN=Gongkai Test CA' -addext basicConstraints=critical,CA:TRUE") == 0);
        REQUIRE(shell("openssl req -x509 " + ec + " -keyout " + f("other.key") + " -out " + other_ca +
                      " -days 2 -subj '/CN=Some Other CA' -addext basicConstraints=critical,CA:TRUE") == 0);
        REQUIRE(shell("openssl req " + ec + " -keyout " + server_key + " -out " + f("server.csr") + " -subj '/CN=127.0.0.1'") == 0);
        write_file(f("ext.cnf"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
        REQUIRE(shell("openssl x509 -req -in " + f("server.csr") + " -CA " + ca + " -CAkey " + f("ca.key") +
                      " -CAcreateserial -out " + server_cert + " -days 2 -extfile " + f("ext.cnf")) == 0);
        chmod(server_key.c_str(), 0644);
    }
    // A client certificate with this CN (a device id), signed by the test CA or, with
    // `other`, by the unrelated CA. Files in the PKI's directory, made on first request.
    struct ClientCert { std::string cert, key; };
    ClientCert client(const std::string& cn, bool other = false) {
        std::string stem = dir.file((other ? "other-client-" : "client-") + cn);
        ClientCert c{stem + ".pem", stem + ".key"};
        if (std::filesystem::exists(c.cert)) return c;
        const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        REQUIRE(shell("openssl req " + ec + " -keyout " + c.key + " -out " + stem + ".csr -subj '/CN=" + cn + "'") == 0);
        write_file(stem + ".cnf", "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
        const std::string ca_key = dir.file(other ? "other.key" : "ca.key"), ca_cert = other ? other_ca : ca;
        REQUIRE(shell("openssl x509 -req -in " + stem + ".csr -CA " + ca_cert + " -CAkey " + ca_key + " -CAcreateserial -out " + c.cert +
                      " -days 2 -extfile " + stem + ".cnf") == 0);
        return c;
    }
    static TestPki& get() {
        static TestPki pki;
        return pki;
    }
};

// Listens on 127.0.0.1 and answers each connection by `respond(fd, request)` after reading
// the request head (and, when it announces a Content-Length, its body): a raw TCP peer for
// what nginx will not do — garbage, a stray 304, endless headers, a reply cut short. A real
// socket and a real curl on the other side.
struct RawServer {
    int listener = -1;
    int port = 0;
    std::thread thread;
    std::atomic<bool> stop{false};

    explicit RawServer(std::function<void(int)> respond) : RawServer([respond](int fd, const std::string&) { respond(fd); }) {}
    explicit RawServer(std::function<void(int, const std::string&)> respond) {
        listener = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        socklen_t len = sizeof a;
        getsockname(listener, reinterpret_cast<sockaddr*>(&a), &len);
        port = ntohs(a.sin_port);
        REQUIRE(listen(listener, 8) == 0);
        thread = std::thread([this, respond] {
            while (!stop) {
                int fd = accept(listener, nullptr, nullptr);
                if (fd < 0) return;
                std::string request;
                char buf[4096];
                size_t head_end = std::string::npos, want = 0;
                for (;;) {
                    if (head_end == std::string::npos && (head_end = request.find("\r\n\r\n")) != std::string::npos) {
                        head_end += 4;
                        for (const char* h : {"Content-Length: ", "content-length: "})
                            if (auto at = request.find(h); at != std::string::npos && at < head_end) want = std::stoul(request.substr(at + 16));
                    }
                    if (head_end != std::string::npos && request.size() >= head_end + want) break;
                    ssize_t n = read(fd, buf, sizeof buf);
                    if (n <= 0) break;
                    request.append(buf, static_cast<size_t>(n));
                }
                respond(fd, request);
                close(fd);
            }
        });
    }
    ~RawServer() {
        stop = true;
        shutdown(listener, SHUT_RDWR);
        close(listener);
        thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port) + "/"; }
};

struct Nginx {
    TempDir dir;
    std::string www;
    std::string inbox;  // where PUTs to /inbox/ land (WebDAV), as the office's inbox
    int port = 0;
    // The office's inbox as docs/deploy.md configures it, on its own port: TLS with
    // ssl_verify_client against the test CA, PUT only to batches/<CN of the client
    // certificate>/<64 hex>.json under
    //   https://127.0.0.1:inbox_port/inbox/        → `inbox`
    //   …/inbox401/ …/inbox403/ …/inbox500/        always that status
    //   …/inbox413/                                client_max_body_size 1k
    //   …/truncated/                               proxied to `truncating_port` (a test's server) if set
    int inbox_port = 0;
    int truncating_port = 0;
    pid_t pid = -1;

    Nginx() {
        chmod(dir.path.c_str(), 0755);
        www = dir.file("www");
        std::filesystem::create_directories(www);
        chmod(www.c_str(), 0755);
        inbox = dir.file("inbox");
        std::filesystem::create_directories(inbox);
        chmod(inbox.c_str(), 0777);  // nginx's workers run as nobody when the tests run as root
        std::filesystem::create_directories(dir.file("inbox413"));
        chmod(dir.file("inbox413").c_str(), 0777);
        start();
    }
    ~Nginx() { stop(SIGTERM); }

    // The client-certificate server block (see inbox_port above; docs/deploy.md).
    std::string inbox_server(TestPki& pki) {
        // Quoted in the config: nginx's parser reads a bare { as a block.
        const std::string batch = "batches/(?<dev>[0-9a-f]{32})/[0-9a-f]{64}\\.json$\"";
        const std::string only_own = " if ($client_cn != $dev) { return 403; } ";
        std::string truncated = truncating_port
            ? "    location ~ \"^/truncated/" + batch + " {" + only_own + "proxy_pass http://127.0.0.1:" + std::to_string(truncating_port) + "; }\n"
            : "";
        return "  map $ssl_client_s_dn $client_cn { ~(^|,)CN=(?<cn>[^,]+) $cn; default \"\"; }\n"
               "  server {\n    listen 127.0.0.1:" + std::to_string(inbox_port) + " ssl;\n"
               "    ssl_certificate " + pki.server_cert + ";\n    ssl_certificate_key " + pki.server_key + ";\n"
               "    ssl_verify_client on;\n    ssl_client_certificate " + pki.ca + ";\n    ssl_verify_depth 1;\n"
               "    client_max_body_size 2m;\n"
               "    location ~ \"^/inbox/" + batch + " {" + only_own + "limit_except PUT { deny all; }\n"
               "      root " + dir.path.string() + "; dav_methods PUT; create_full_put_path on; dav_access user:rw group:rw all:r; }\n"
               "    location ~ ^/inbox401/ { return 401; }\n    location ~ ^/inbox403/ { return 403; }\n"
               "    location ~ ^/inbox500/ { return 500; }\n"
               "    location ~ \"^/inbox413/" + batch + " { client_max_body_size 1k;" + only_own + "limit_except PUT { deny all; }\n"
               "      root " + dir.path.string() + "; dav_methods PUT; create_full_put_path on; }\n" + truncated +
               "    location / { return 404; }\n  }\n";
    }

    void start() {
        TestPki& pki = TestPki::get();
        // A restart keeps its ports: devices are configured with the URLs.
        if (!port) port = free_port();
        if (!inbox_port) inbox_port = free_port();
        std::string temp = dir.file("temp");
        std::filesystem::create_directories(temp);
        std::string conf = "daemon off;\nworker_processes 1;\npid " + dir.file("nginx.pid") + ";\nerror_log " +
                           dir.file("error.log") + " warn;\nevents { worker_connections 64; }\nhttp {\n"
                           "  access_log off;\n"
                           "  client_body_temp_path " + temp + "/body; proxy_temp_path " + temp + "/proxy;\n"
                           "  fastcgi_temp_path " + temp + "/fastcgi; uwsgi_temp_path " + temp + "/uwsgi; scgi_temp_path " + temp + "/scgi;\n"
                           "  types { application/json json; }\n  default_type application/octet-stream;\n"
                           "  server {\n    listen 127.0.0.1:" + std::to_string(port) + " ssl;\n"
                           "    ssl_certificate " + pki.server_cert + ";\n    ssl_certificate_key " + pki.server_key + ";\n"
                           "    root " + www + ";\n"
                           "    location ^~ /slow/ { alias " + www + "/; limit_rate 256; }\n"
                           "    location ^~ /chunked/ { alias " + www + "/; ssi on; ssi_types *; }\n"
                           "    location ^~ /error500/ { return 500; }\n"
                           "    location ^~ /inbox/ { alias " + inbox + "/; dav_methods PUT; create_full_put_path on;\n"
                           "      dav_access user:rw group:rw all:r; client_max_body_size 1m; }\n"
                           "    location ^~ /forbidden/ { return 403; }\n"
                           "    location ~ ^/[^/]+/slow-bundles/ { limit_rate 256; }\n"
                           "  }\n" + inbox_server(pki) + "}\n";
        write_file(dir.file("nginx.conf"), conf);
        pid = fork();
        if (pid == 0) {
            setpgid(0, 0);  // master and worker in one group: kill -9 takes both
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 1);
            dup2(null, 2);
            execlp("nginx", "nginx", "-p", dir.path.c_str(), "-c", dir.file("nginx.conf").c_str(), (char*)nullptr);
            _exit(127);
        }
        for (int i = 0; i < 100 && !(port_open(port) && port_open(inbox_port)); i++)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        INFO(slurp(dir.file("error.log")));
        REQUIRE(port_open(port));
    }

    void stop(int sig) {
        if (pid <= 0) return;
        kill(sig == SIGKILL ? -pid : pid, sig);
        waitpid(pid, nullptr, 0);
        pid = -1;
    }

    std::string url(const std::string& path) const { return "https://127.0.0.1:" + std::to_string(port) + "/" + path; }
    std::string inbox_url(const std::string& path) const { return "https://127.0.0.1:" + std::to_string(inbox_port) + "/" + path; }
    std::string site_dir(const std::string& site) const { return www + "/" + site; }
};

}  // namespace gongkai::test
