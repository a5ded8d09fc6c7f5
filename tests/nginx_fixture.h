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
#include <chrono>
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
    static TestPki& get() {
        static TestPki pki;
        return pki;
    }
};

struct Nginx {
    TempDir dir;
    std::string www;
    std::string inbox;  // where PUTs to /inbox/ land (WebDAV), as the office's inbox
    int port = 0;
    pid_t pid = -1;

    Nginx() {
        chmod(dir.path.c_str(), 0755);
        www = dir.file("www");
        std::filesystem::create_directories(www);
        chmod(www.c_str(), 0755);
        inbox = dir.file("inbox");
        std::filesystem::create_directories(inbox);
        chmod(inbox.c_str(), 0777);  // nginx's workers run as nobody when the tests run as root
        start();
    }
    ~Nginx() { stop(SIGTERM); }

    void start() {
        TestPki& pki = TestPki::get();
        port = free_port();
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
                           "  }\n}\n";
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
        for (int i = 0; i < 100 && !port_open(port); i++) std::this_thread::sleep_for(std::chrono::milliseconds(50));
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
    std::string site_dir(const std::string& site) const { return www + "/" + site; }
};

}  // namespace gongkai::test
