// See workbook.h. The .xls (BIFF8) reader, in two halves:
//   [SECTION] Layout — our own bounded reader of the compound file (CFB) and of the BIFF
//             records FreeXL does not expose: each sheet's name, whether it is hidden
//             (BOUNDSHEET 0x0085) and its merged ranges (MERGEDCELLS 0x00E5). In-process,
//             fuzzed (tests/fuzz/fuzz_xls.cpp).
//   [SECTION] Cells  — FreeXL (old C code) in a forked child with rlimits; the cells come
//             back over a pipe in bounded frames, so a hostile .xls can crash only the child.
#include "xls_reader.h"

#include <fcntl.h>
#include <freexl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "source_import.h"
#include "utf8.h"

namespace gongkai {

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------

namespace {

constexpr uint32_t kEndOfChain = 0xFFFFFFFE;  // the end of a sector chain

uint16_t u16(std::string_view b, size_t at) {
    return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}
uint32_t u32(std::string_view b, size_t at) { return u16(b, at) | static_cast<uint32_t>(u16(b, at + 2)) << 16; }

struct LayoutError {
    WorkbookError error;
    std::string detail;
};
[[noreturn]] void layout_fail(std::string detail) { throw LayoutError{WorkbookError::XlsUnreadable, std::move(detail)}; }

// A compound file: a FAT of sector chains; every chain walk is bounded by the sector count,
// so a cycle ends as an error instead of a loop.
class CompoundFile {
public:
    explicit CompoundFile(std::string_view bytes) : b_(bytes) {
        static constexpr unsigned char kMagic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
        if (b_.size() < 512 || std::memcmp(b_.data(), kMagic, 8) != 0)
            throw LayoutError{WorkbookError::NotAWorkbook, "不是 .xls 工作簿（不是 OLE 复合文件）：请在 Excel 中另存为 .xlsx"};
        const uint16_t shift = u16(b_, 30);
        if (shift != 9 && shift != 12) layout_fail("扇区大小无效");  // 512 (v3) or 4096 (v4): the only two CFB allows
        sector_ = size_t{1} << shift;
        // The header fills sector −1: 512 bytes in version 3, a whole 4096-byte sector in version 4.
        sectors_ = b_.size() > sector_ ? (b_.size() - sector_ + sector_ - 1) / sector_ : 0;
        // The FAT's sectors: 109 in the header, then DIFAT sectors (each 127 + a next pointer).
        std::vector<uint32_t> fat_sectors;
        const uint32_t fat_count = u32(b_, 44);
        if (fat_count > sectors_) layout_fail("FAT 扇区数超过文件大小");
        for (size_t i = 0; i < 109 && fat_sectors.size() < fat_count; i++) fat_sectors.push_back(u32(b_, 76 + 4 * i));
        uint32_t difat = u32(b_, 68);
        for (size_t walked = 0; fat_sectors.size() < fat_count; walked++) {
            if (walked > sectors_ || difat >= sectors_) layout_fail("DIFAT 链无效");
            std::string_view s = sector(difat);
            for (size_t i = 0; i + 1 < sector_ / 4 && fat_sectors.size() < fat_count; i++) fat_sectors.push_back(u32(s, 4 * i));
            difat = u32(s, sector_ - 4);
        }
        fat_.reserve(fat_count * (sector_ / 4));
        for (uint32_t fs : fat_sectors) {
            std::string_view s = sector(fs);
            for (size_t i = 0; i < sector_ / 4; i++) fat_.push_back(u32(s, 4 * i));
        }
        mini_cutoff_ = u32(b_, 56);
        std::string dir = chain(u32(b_, 48), SIZE_MAX);
        for (size_t at = 0; at + 128 <= dir.size(); at += 128) {
            Entry e;
            const uint16_t name_bytes = std::min<uint16_t>(u16(dir, at + 64), 64);
            for (size_t i = 0; i + 2 < name_bytes; i += 2) e.name += static_cast<char>(u16(dir, at + i) < 0x80 ? u16(dir, at + i) : '?');
            e.type = static_cast<unsigned char>(dir[at + 66]);
            e.start = u32(dir, at + 116);
            e.size = u32(dir, at + 120);  // v3 keeps the high half 0; v4 streams here are < 4 GiB
            entries_.push_back(e);
        }
        if (entries_.empty() || entries_[0].type != 5) layout_fail("缺少根目录项");
        mini_stream_start_ = entries_[0].start;
        mini_stream_size_ = entries_[0].size;
    }

    // The named stream's bytes (Workbook for BIFF8, Book for BIFF5), "" when absent.
    std::optional<std::string> stream(std::string_view name) {
        for (const Entry& e : entries_) {
            if (e.type != 2 || e.name != name) continue;
            if (e.size > kMaxWorkbookFileBytes) layout_fail("工作簿数据流过大");
            if (e.size >= mini_cutoff_) return chain(e.start, e.size);
            return mini_chain(e.start, e.size);
        }
        return std::nullopt;
    }

private:
    struct Entry {
        std::string name;
        unsigned char type = 0;
        uint32_t start = 0, size = 0;
    };
    std::string_view b_;
    size_t sector_ = 512, sectors_ = 0;
    std::vector<uint32_t> fat_;
    std::vector<Entry> entries_;
    uint32_t mini_cutoff_ = 4096, mini_stream_start_ = kEndOfChain, mini_stream_size_ = 0;
    std::optional<std::string> mini_stream_;

    std::string_view sector(uint32_t id) const {
        size_t at = (static_cast<size_t>(id) + 1) * sector_;  // after the header's sector (see sectors_)
        if (id >= sectors_ || at + sector_ > b_.size()) layout_fail("扇区编号超出文件（文件不完整？）");
        return b_.substr(at, sector_);
    }
    std::string chain(uint32_t start, size_t size) const {
        std::string out;
        uint32_t s = start;
        for (size_t walked = 0; s != kEndOfChain && out.size() < size; walked++) {
            if (walked > sectors_ || s >= fat_.size()) layout_fail("扇区链无效（循环或越界）");
            out.append(sector(s));
            s = fat_[s];
        }
        if (size != SIZE_MAX) {
            if (out.size() < size) layout_fail("数据流比目录记录的短（文件不完整？）");
            out.resize(size);
        }
        return out;
    }
    std::string mini_chain(uint32_t start, size_t size) {
        // The mini stream (64-byte sectors inside the root entry's stream), its own FAT.
        if (!mini_stream_) mini_stream_ = chain(mini_stream_start_, mini_stream_size_);
        std::string minifat_bytes = chain(u32(b_, 60), SIZE_MAX);
        if (u32(b_, 60) == kEndOfChain) minifat_bytes.clear();
        std::string out;
        uint32_t s = start;
        const size_t mini_sectors = mini_stream_->size() / 64;
        for (size_t walked = 0; s != kEndOfChain && out.size() < size; walked++) {
            if (walked > mini_sectors || s >= mini_sectors || 4 * static_cast<size_t>(s) + 4 > minifat_bytes.size())
                layout_fail("小扇区链无效");
            out.append(mini_stream_->substr(64 * static_cast<size_t>(s), 64));
            s = u32(minifat_bytes, 4 * static_cast<size_t>(s));
        }
        if (out.size() < size) layout_fail("数据流比目录记录的短（文件不完整？）");
        out.resize(size);
        return out;
    }
};

// BIFF8 error codes (BOOLERR, a FORMULA's cached result) as Excel shows them.
std::string biff_error_text(unsigned code) {
    switch (code) {
        case 0x00: return "#NULL!";
        case 0x07: return "#DIV/0!";
        case 0x0F: return "#VALUE!";
        case 0x17: return "#REF!";
        case 0x1D: return "#NAME?";
        case 0x24: return "#NUM!";
        case 0x2A: return "#N/A";
    }
    return "#ERROR(" + std::to_string(code) + ")";
}

// Merged ranges and error cells of the sheet substream starting at `at`, up to its EOF record.
void scan_sheet(std::string_view stream, size_t at, XlsSheet& sheet) {
    std::vector<MergeRange>& merges = sheet.merges;
    int depth = 0;  // a chart inside a sheet has its own BOF … EOF
    while (at + 4 <= stream.size()) {
        const uint16_t type = u16(stream, at), len = u16(stream, at + 2);
        if (at + 4 + len > stream.size()) layout_fail("记录超出数据流（文件不完整？）");
        std::string_view data = stream.substr(at + 4, len);
        at += 4 + static_cast<size_t>(len);
        if (type == 0x0809) depth++;                       // BOF
        else if (type == 0x000A && --depth <= 0) break;    // EOF of this sheet
        else if (depth == 1 && ((type == 0x0205 && len >= 8 && data[7] == 1) ||  // BOOLERR holding an error
                                (type == 0x0006 && len >= 14 && static_cast<unsigned char>(data[12]) == 0xFF &&
                                 static_cast<unsigned char>(data[13]) == 0xFF && data[6] == 2))) {  // FORMULA whose cached result is an error
            if (sheet.errors.size() >= kMaxCellIssues)
                throw LayoutError{WorkbookError::TooManyCells, "错误值单元格超过 " + std::to_string(kMaxCellIssues) + " 个：请检查公式后重新保存"};
            const unsigned code = static_cast<unsigned char>(type == 0x0205 ? data[6] : data[8]);
            sheet.errors.push_back({u16(data, 0) + 1, u16(data, 2) + 1, CellIssue::ErrorValue, biff_error_text(code)});
        } else if (type == 0x00E5 && depth == 1 && len >= 2) {  // MERGEDCELLS
            const uint16_t n = u16(data, 0);
            for (size_t i = 0; i < n && 2 + 8 * i + 8 <= data.size(); i++) {
                if (merges.size() >= kMaxWorkbookMerges)
                    throw LayoutError{WorkbookError::TooManyMerges, "合并单元格超过 " + std::to_string(kMaxWorkbookMerges) + " 个"};
                size_t p = 2 + 8 * i;
                // rwFirst, rwLast, colFirst, colLast; 0-based.
                merges.push_back({u16(data, p) + 1, u16(data, p + 4) + 1, u16(data, p + 2) + 1, u16(data, p + 6) + 1});
            }
        }
    }
}

// A BIFF8 short unicode string: cch characters, flag byte (bit 0: UTF-16LE, else Latin-1).
std::string biff_short_string(std::string_view data, size_t at, size_t cch) {
    if (at >= data.size()) return {};
    const bool wide = data[at] & 1;
    std::u16string units;  // UTF-16: an emoji in a sheet name is a surrogate pair
    at++;
    for (size_t i = 0; i < cch; i++) {
        if (wide) {
            if (at + 2 > data.size()) break;
            units += static_cast<char16_t>(u16(data, at));
            at += 2;
        } else {
            if (at + 1 > data.size()) break;
            units += static_cast<char16_t>(static_cast<unsigned char>(data[at++]));
        }
    }
    return utf8::from_utf16(units);
}

}  // namespace

XlsLayout read_xls_layout(std::string_view bytes, std::string_view wanted) {
    XlsLayout out;
    try {
        if (bytes.size() > kMaxWorkbookFileBytes)
            throw LayoutError{WorkbookError::FileTooLarge, "工作簿有 " + std::to_string(bytes.size()) + " 字节，上限为 " +
                                                               std::to_string(kMaxWorkbookFileBytes) + " 字节"};
        CompoundFile cfb(bytes);
        auto stream = cfb.stream("Workbook");
        if (!stream) stream = cfb.stream("Book");  // BIFF5 (Excel 95): no merges existed yet
        if (!stream) {
            if (cfb.stream("EncryptedPackage"))
                throw LayoutError{WorkbookError::EncryptedWorkbook,
                                  "这是加密（设置了打开密码）的 .xlsx 工作簿：请取消密码后另存为 .xlsx"};
            layout_fail("OLE 文件中没有工作簿数据流（不是 Excel 文件）");
        }
        // The globals substream: BOUNDSHEET records until its EOF.
        size_t at = 0;
        while (at + 4 <= stream->size()) {
            const uint16_t type = u16(*stream, at), len = u16(*stream, at + 2);
            if (at + 4 + len > stream->size()) layout_fail("记录超出数据流（文件不完整？）");
            std::string_view data = std::string_view(*stream).substr(at + 4, len);
            at += 4 + static_cast<size_t>(len);
            if (type == 0x000A) break;  // EOF of the globals
            if (type == 0x002F) out.password = true;  // FILEPASS: the workbook is encrypted
            if (type != 0x0085 || len < 8) continue;
            if (out.sheets.size() >= kMaxWorkbookSheets)
                throw LayoutError{WorkbookError::TooManySheets, "工作簿的工作表超过 " + std::to_string(kMaxWorkbookSheets) + " 个"};
            XlsSheet sheet;
            const uint32_t bof = u32(data, 0);
            const unsigned state = static_cast<unsigned char>(data[4]) & 0x03;  // hsState: 0 visible, 1 hidden, 2 very hidden
            sheet.hidden = state != 0;
            sheet.is_worksheet = data[5] == 0;
            sheet.name = biff_short_string(data, 7, static_cast<unsigned char>(data[6]));
            if (bof >= stream->size()) layout_fail("工作表“" + sheet.name + "”的位置超出数据流");
            sheet.bof = bof;
            out.sheets.push_back(std::move(sheet));
        }
        // Merges and error cells of the one sheet that is read: 255 sheets pointing at one
        // substream of 400,000 errors cost 1.2 GB and 255 walks of the stream when each was scanned.
        for (XlsSheet& sheet : out.sheets)
            if (wanted.empty() ? &sheet == &out.sheets.front() : sheet.name == wanted) {
                scan_sheet(*stream, sheet.bof, sheet);
                break;
            }
    } catch (LayoutError& e) {
        out.failure = WorkbookFailure{e.error, std::move(e.detail), {}, {}};
    } catch (std::bad_alloc&) {
        out.failure = WorkbookFailure{WorkbookError::XlsUnreadable, "内存不足：工作簿过大", {}, {}};
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Cells
//-----------------------------------------------------------------------------

// The child's answer, a sequence of frames: kind (1 byte), row, column, length (u32 each, 1-based
// row and column), then `length` bytes. Kinds: 'T' a cell's text, 'X' a failure (row = the
// WorkbookError, the bytes its detail), 'D' done. A frame's text is at most kMaxCellBytes + 1
// (longer text is cut there, so the directory parser still reports the cell as too long).
namespace {

// The whole answer: the sheet's text (kMaxDirectoryBytes) plus 13 bytes of frame per cell.
constexpr size_t kMaxAnswerBytes = kMaxDirectoryBytes + 13 * kMaxWorkbookCells + 4096;
// The child's limits. CPU: FreeXL reads a 64 MiB .xls in about a second; 10 s is 10×. Memory:
// FreeXL allocates a cell table of rows × columns from the DIMENSION record (65,536 × 256 ×
// ~24 bytes ≈ 400 MB at most) besides the file; 1 GiB of address space is above that and far
// below what the office machine has. Wall clock: 20 s, for a child that sleeps or blocks.
rlim_t kChildCpuSeconds = 10;
int kChildWallMillis = 20000;
XlsChildFault child_fault = XlsChildFault::None;

void put_frame(std::string& out, char kind, uint32_t row, uint32_t col, std::string_view bytes) {
    out += kind;
    for (uint32_t v : {row, col, static_cast<uint32_t>(bytes.size())})
        for (int i = 0; i < 4; i++) out += static_cast<char>((v >> (8 * i)) & 0xFF);
    out += bytes;
}

bool write_all(int fd, std::string_view s) {
    while (!s.empty()) {
        ssize_t n = write(fd, s.data(), s.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        s.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define GONGKAI_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define GONGKAI_SANITIZED 1
#endif

// In the child: read sheet `index` of the file at `path` with FreeXL and write the frames.
[[noreturn]] void child_read(const std::string& path, unsigned index, int out_fd) {
    // The parent's handlers (a crash reporter, a test framework's) must not run here: a
    // fault ends the child with its signal, which the parent names.
    for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGXCPU, SIGPIPE, SIGTERM, SIGINT})
        signal(sig, SIG_DFL);
    // SIGXCPU at the soft limit; the hard limit one second later is SIGKILL, for a child that
    // ignores the first.
    rlimit cpu{kChildCpuSeconds, kChildCpuSeconds + 1};
    setrlimit(RLIMIT_CPU, &cpu);
#ifndef GONGKAI_SANITIZED
    // A sanitizer reserves terabytes of shadow memory: the limit would kill every child.
    constexpr rlim_t kChildAddressSpace = rlim_t{1} << 30;
    rlimit as{kChildAddressSpace, kChildAddressSpace};
    setrlimit(RLIMIT_AS, &as);
#endif
    rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    setrlimit(RLIMIT_FSIZE, &none);
    switch (child_fault) {
        case XlsChildFault::None: break;
        case XlsChildFault::Crash: raise(SIGSEGV); break;
        case XlsChildFault::Spin: for (;;) asm volatile("");  // burns CPU until RLIMIT_CPU; the asm keeps the loop
        case XlsChildFault::Sleep: pause(); break;
        case XlsChildFault::Balloon:
            for (;;) {
                // Touch every page so the memory is really taken, as a runaway parser's would be.
                char* p = static_cast<char*>(std::malloc(64u << 20));
                if (!p) raise(SIGKILL);
                std::memset(p, 1, 64u << 20);
            }
    }
    std::string out;
    auto failure = [&](WorkbookError e, const std::string& detail) {
        put_frame(out, 'X', static_cast<uint32_t>(e), 0, detail);
        write_all(out_fd, out);
        _exit(0);
    };
    const void* handle = nullptr;
    int rc = freexl_open(path.c_str(), &handle);
    if (rc != FREEXL_OK) failure(WorkbookError::XlsUnreadable, "FreeXL 无法读取这个 .xls 文件（代码 " + std::to_string(rc) + "）");
    unsigned int password = 0;
    if (freexl_get_info(handle, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK && password == FREEXL_BIFF_OBFUSCATED)
        failure(WorkbookError::XlsPasswordProtected, "这个 .xls 文件设置了密码：请取消密码后另存为 .xlsx");
    if (freexl_select_active_worksheet(handle, static_cast<unsigned short>(index)) != FREEXL_OK)
        failure(WorkbookError::XlsUnreadable, "FreeXL 无法选择工作表");
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (freexl_worksheet_dimensions(handle, &rows, &cols) != FREEXL_OK) failure(WorkbookError::XlsUnreadable, "FreeXL 无法读取工作表的大小");
    if (rows > static_cast<unsigned>(kMaxWorkbookRows))
        failure(WorkbookError::TooManyRows, "工作表有 " + std::to_string(rows) + " 行，超过上限（" + std::to_string(kMaxDirectoryRows) + " 个事项行）：请拆分目录表");
    if (cols > kMaxWorkbookColumns) cols = kMaxWorkbookColumns;  // beyond IV nothing is read: BIFF8 ends at IV anyway
    size_t text_bytes = 0;
    for (unsigned r = 0; r < rows; r++) {
        for (unsigned short c = 0; c < cols; c++) {
            FreeXL_CellValue v;
            if (freexl_get_cell_value(handle, r, c, &v) != FREEXL_OK) continue;
            std::string text;
            switch (v.type) {
                case FREEXL_CELL_INT: text = std::to_string(v.value.int_value); break;
                case FREEXL_CELL_DOUBLE: text = number_text(v.value.double_value); break;
                case FREEXL_CELL_TEXT:
                case FREEXL_CELL_SST_TEXT:
                case FREEXL_CELL_DATE:
                case FREEXL_CELL_DATETIME:
                case FREEXL_CELL_TIME:
                    if (v.value.text_value) text = std::string(v.value.text_value).substr(0, kMaxCellBytes + 1);
                    break;
                default: break;
            }
            if (text.empty()) continue;
            text_bytes += text.size();
            if (text_bytes > kMaxDirectoryBytes)
                failure(WorkbookError::SheetTextTooLarge, "工作表的文字超过 " + std::to_string(kMaxDirectoryBytes) + " 字节");
            put_frame(out, 'T', r + 1, c + 1u, text);
        }
    }
    freexl_close(handle);
    put_frame(out, 'D', 0, 0, {});
    write_all(out_fd, out);
    _exit(0);
}

// Reads everything the child writes, within kMaxAnswerBytes and the wall-clock limit.
// Returns false on timeout or an oversized answer (then the child is killed).
enum class Gathered { Done, Timeout, Oversized };
Gathered gather(int fd, pid_t child, std::string* answer) {
    timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    char buf[65536];
    for (;;) {
        timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (elapsed >= kChildWallMillis) { kill(child, SIGKILL); return Gathered::Timeout; }
        pollfd p{fd, POLLIN, 0};
        int ready = poll(&p, 1, static_cast<int>(kChildWallMillis - elapsed));
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0) { kill(child, SIGKILL); return Gathered::Timeout; }
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return Gathered::Done;
        if (answer->size() + static_cast<size_t>(n) > kMaxAnswerBytes) { kill(child, SIGKILL); return Gathered::Oversized; }
        answer->append(buf, static_cast<size_t>(n));
    }
}

}  // namespace

void set_xls_child_fault(XlsChildFault fault, int cpu_seconds, int wall_millis) {
    child_fault = fault;
    kChildCpuSeconds = static_cast<rlim_t>(cpu_seconds);
    kChildWallMillis = wall_millis;
}

std::optional<WorkbookFailure> decode_xls_answer(std::string_view answer, SheetGrid& grid) {
    size_t at = 0, held = 0;
    auto fail = [](WorkbookError e, std::string d) { return WorkbookFailure{e, std::move(d), {}, {}}; };
    while (at + 13 <= answer.size()) {
        const char kind = answer[at];
        const uint32_t row = u32(answer, at + 1), col = u32(answer, at + 5), len = u32(answer, at + 9);
        at += 13;
        if (len > answer.size() - at || (kind == 'T' && len > kMaxCellBytes + 1))
            return fail(WorkbookError::XlsProtocol, "读取 .xls 的子进程返回了超长的记录");
        std::string_view bytes = answer.substr(at, len);
        at += len;
        if (kind == 'D') return std::nullopt;
        if (kind == 'X') {
            // Only the errors the child sends: anything else is a broken answer.
            const auto e = static_cast<WorkbookError>(row);
            for (WorkbookError known : {WorkbookError::XlsUnreadable, WorkbookError::XlsPasswordProtected, WorkbookError::TooManyRows,
                                        WorkbookError::SheetTextTooLarge})
                if (e == known) return fail(e, std::string(bytes));
            return fail(WorkbookError::XlsProtocol, "读取 .xls 的子进程返回了未知的错误");
        }
        if (kind != 'T' || row < 1 || row > static_cast<uint32_t>(kMaxWorkbookRows) || col < 1 ||
            col > static_cast<uint32_t>(kMaxWorkbookColumns))
            return fail(WorkbookError::XlsProtocol, "读取 .xls 的子进程返回了无效的记录");
        if (grid.rows.size() < row) {
            size_t old = grid.rows.size();
            grid.rows.resize(row);
            for (size_t i = old; i < row; i++) grid.rows[i].line = static_cast<int>(i) + 1;
        }
        auto& fields = grid.rows[row - 1].fields;
        if (fields.size() < col) {
            held += col - fields.size();
            if (held > kMaxWorkbookCells)
                return fail(WorkbookError::TooManyCells, "工作表的单元格超过 " + std::to_string(kMaxWorkbookCells) + " 个");
            size_t old = fields.size();
            fields.resize(col);
            for (size_t i = old; i < col; i++) fields[i].line = static_cast<int>(row);
        }
        fields[col - 1].text = std::string(bytes);
    }
    return fail(WorkbookError::XlsProtocol, "读取 .xls 的子进程的回答不完整");
}

SheetRead read_xls_sheet(std::string_view bytes, std::string_view wanted) {
    SheetRead out;
    auto failed = [&](WorkbookError e, std::string detail, std::string sheet = {}) {
        out.failure = WorkbookFailure{e, std::move(detail), std::move(sheet), {}};
        return out;
    };
    XlsLayout layout = read_xls_layout(bytes, wanted);
    if (layout.failure) { out.failure = layout.failure; return out; }
    if (layout.password) return failed(WorkbookError::XlsPasswordProtected, "这个 .xls 文件设置了密码：请取消密码后另存为 .xlsx");
    if (layout.sheets.empty()) return failed(WorkbookError::NoSheets, "工作簿中没有工作表");
    size_t index = 0;
    if (!wanted.empty()) {
        auto it = std::find_if(layout.sheets.begin(), layout.sheets.end(), [&](const XlsSheet& s) { return s.name == wanted; });
        if (it == layout.sheets.end()) {
            std::string names;
            for (auto& s : layout.sheets) names += (names.empty() ? "“" : "”、“") + s.name;  // quoted: a name may end in a space
            if (!names.empty()) names += "”";
            return failed(WorkbookError::SheetNotFound, "没有名为“" + std::string(wanted) + "”的工作表（工作簿中有：" + names + "）",
                          std::string(wanted));
        }
        index = static_cast<size_t>(it - layout.sheets.begin());
    }
    const XlsSheet& sheet = layout.sheets[index];
    if (sheet.hidden)
        return failed(WorkbookError::SheetHidden,
                      "工作表“" + sheet.name + "”是隐藏的：公开的内容必须是办事员看得见的，请取消隐藏或选择另一个工作表", sheet.name);

    // FreeXL opens a path: the bytes already read go to an anonymous memory file the child
    // opens as /proc/self/fd/N, so the file is read once, at the size that was checked.
    int mem = memfd_create("gongkai-xls", 0);
    if (mem < 0) return failed(WorkbookError::XlsUnreadable, std::string("memfd_create: ") + std::strerror(errno));
    if (!write_all(mem, bytes)) { close(mem); return failed(WorkbookError::XlsUnreadable, "无法写入临时内存文件"); }
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) { close(mem); return failed(WorkbookError::XlsUnreadable, std::string("pipe: ") + std::strerror(errno)); }
    const std::string path = "/proc/self/fd/" + std::to_string(mem);
    pid_t child = fork();
    if (child < 0) {
        close(mem); close(pipe_fds[0]); close(pipe_fds[1]);
        return failed(WorkbookError::XlsUnreadable, std::string("fork: ") + std::strerror(errno));
    }
    if (child == 0) {
        close(pipe_fds[0]);
        child_read(path, static_cast<unsigned>(index), pipe_fds[1]);
    }
    close(pipe_fds[1]);
    close(mem);
    std::string answer;
    Gathered g = gather(pipe_fds[0], child, &answer);
    close(pipe_fds[0]);
    int status = 0;
    rusage usage{};
    while (wait4(child, &status, 0, &usage) < 0 && errno == EINTR) {}
    const long cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000L + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000L;
    if (g == Gathered::Timeout) return failed(WorkbookError::XlsTimeout, "读取 .xls 超过 " + std::to_string(kChildWallMillis / 1000) + " 秒，已停止");
    if (WIFSIGNALED(status)) {
        if (WTERMSIG(status) == SIGXCPU || cpu_ms >= static_cast<long>(kChildCpuSeconds) * 1000L)
            return failed(WorkbookError::XlsTimeout, "读取 .xls 用尽了 " + std::to_string(kChildCpuSeconds) + " 秒 CPU 时间，已停止");
        if (g != Gathered::Oversized)
            return failed(WorkbookError::XlsReaderCrashed,
                          "读取 .xls 的子进程崩溃（信号 " + std::to_string(WTERMSIG(status)) + "）：文件损坏或是恶意构造的，请在 Excel 中另存为 .xlsx");
    }
    if (g == Gathered::Oversized) return failed(WorkbookError::XlsProtocol, "读取 .xls 的子进程返回的数据超过上限");
    out.grid.from_workbook = true;
    out.grid.sheet = sheet.name;
    if (auto f = decode_xls_answer(answer, out.grid)) {
        // A child that ended without "done" and without a signal ran out of memory inside FreeXL.
        if (f->error == WorkbookError::XlsProtocol && answer.empty())
            return failed(WorkbookError::XlsReaderCrashed, "读取 .xls 的子进程没有返回结果（内存不足？）：请在 Excel 中另存为 .xlsx");
        f->sheet = sheet.name;
        out.failure = std::move(f);
        return out;
    }
    out.grid.issues = sheet.errors;
    if (auto f = apply_merges(out.grid, sheet.merges)) {
        f->sheet = sheet.name;
        out.failure = std::move(f);
    }
    return out;
}

}  // namespace gongkai
