// Package cli holds the headless subcommands of motcua (docs/ARCHITECTURE.md §9): administration and test
// tools that share the data rules with the GUI. Every command has -h, prints a one-line reason and
// exits non-zero on failure, and never leaves a half-written file or database behind.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"

	"motcua/data"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

type env struct {
	ctx    context.Context
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	summary string
	run     func(e *env, args []string) error
}

var commands = map[string]command{
	"demo":     {"tạo văn phòng mẫu với dữ liệu thử", runDemo},
	"due":      {"tính hạn giải quyết theo lịch làm việc", runDue},
	"holidays": {"liệt kê ngày nghỉ, nghỉ bù, làm bù của một năm", runHolidays},
	"find":     {"tìm hồ sơ theo mã, tên, số giấy tờ, điện thoại", runFind},
	"stats":    {"thống kê kỳ báo cáo (JSON)", runStats},
	"print":    {"in biểu mẫu của một hồ sơ ra PDF", runPrint},
	"report":   {"ghi báo cáo thống kê ra PDF, XLSX hoặc CSV", runReport},
	"import":   {"nhập danh mục thủ tục, lịch hoặc sổ theo dõi từ CSV", runImport},
	"backup":   {"sao lưu cơ sở dữ liệu ra tệp", runBackup},
	"restore":  {"khôi phục cơ sở dữ liệu từ tệp sao lưu", runRestore},
	"check":    {"kiểm tra toàn vẹn, dựng lại bảng từ nhật ký", runCheck},
	"sync":     {"đồng bộ một lần với máy chủ (gửi và nhận)", runSync},
	"enroll":   {"biến máy mới thành máy trạm của văn phòng từ máy chủ", runEnroll},
}

// IsCommand reports whether name is a subcommand (main opens the window otherwise).
func IsCommand(name string) bool {
	_, ok := commands[name]
	return ok || name == "help" || name == "-h" || name == "--help"
}

// Main runs one subcommand and returns the process exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "motcua: không có lệnh %q (xem motcua help)\n", args[0])
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := cmd.run(&env{ctx: ctx, stdout: stdout, stderr: stderr}, args[1:])
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, new(usageError)):
		fmt.Fprintf(stderr, "motcua %s: %v\n", args[0], err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "motcua %s: %s\n", args[0], oneLine(err.Error()))
	return exitFail
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Một Cửa — phần mềm Bộ phận Một cửa")
	fmt.Fprintln(w, "\nCách dùng: motcua [lệnh] [tùy chọn]   (không có lệnh: mở cửa sổ ứng dụng)")
	fmt.Fprintln(w, "\nCác lệnh:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nMỗi lệnh có -h. Thư mục dữ liệu: --data DIR hoặc biến MOTCUA_DATA.")
}

// usageError is a mistake in the command line (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// oneLine keeps an error to one line: the contract of every command.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// flags is a command's flag set with its Vietnamese -h text.
type flags struct {
	*flag.FlagSet
	usage func()
}

// newFlags makes a flag set whose -h prints a Vietnamese usage line and whose errors are usage errors.
func newFlags(e *env, name, args, about string) (*flags, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package prints its errors and the usage to Output on every mistake; a mistake must
	// print one line (Main does that), so output is discarded and -h prints the usage itself.
	fs.SetOutput(io.Discard)
	dataDir := fs.String("data", "", "thư mục dữ liệu (mặc định: MOTCUA_DATA hoặc thư mục dữ liệu của người dùng)")
	fs.Usage = func() {}
	return &flags{FlagSet: fs, usage: func() {
		fmt.Fprintf(e.stderr, "Cách dùng: motcua %s %s\n%s\n\nTùy chọn:\n", name, args, about)
		fs.SetOutput(e.stderr)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}}, dataDir
}

func parse(fs *flags, args []string) error {
	// Allow flags after positional arguments (motcua find "Đức" --limit 5).
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") {
				if f := fs.Lookup(name); f != nil && !isBool(f) && i+1 < len(args) {
					flags = append(flags, args[i+1])
					i++
				}
			}
			continue
		}
		pos = append(pos, a)
	}
	if err := fs.Parse(append(flags, pos...)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.usage()
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

func dbPath(dataFlag string) (string, error) {
	dir, err := data.DataDir(dataFlag)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, data.DBFile), nil
}

// openStore opens an existing, set-up office database for writing; it never creates one. It
// holds the office's write lock until Close, so it is refused (data.LockedError, saying who
// holds it) while the window or another command writes the office.
func openStore(dataFlag string) (*data.Store, error) {
	return openOffice(dataFlag)
}

// openReader opens an existing, set-up office database for reading only (find, stats, report,
// print, due, check without --rebuild, backup): it takes no write lock, so it works while the
// window has the office open, and it never writes (docs/HUONG-DAN.md §11, "Một chương trình ghi").
func openReader(dataFlag string) (*data.Store, error) {
	return openOffice(dataFlag, data.ReadOnly())
}

func openOffice(dataFlag string, opts ...data.Option) (*data.Store, error) {
	path, err := dbPath(dataFlag)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("chưa có cơ sở dữ liệu tại %s: chạy \"motcua demo\" hoặc mở ứng dụng để thiết lập văn phòng", path)
	}
	s, err := data.Open(path, opts...)
	if err != nil {
		return nil, err
	}
	if _, err := s.Office(); err != nil {
		s.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
