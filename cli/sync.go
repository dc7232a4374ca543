package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/sync/protocol"
	"motcua/sync/station"
)

// syncFlags are the hub settings a command may set; given ones are saved as office settings.
type syncFlags struct {
	hub, token, ca *string
}

// TokenEnv is the environment variable a token may come from instead of the command line, where
// every user of the PC sees it in the process list.
const TokenEnv = "MOTCUA_TOKEN"

// stdin is where --token - reads the token (tests replace it).
var stdin io.Reader = os.Stdin

func addSyncFlags(fs *flags) syncFlags {
	return syncFlags{
		hub: fs.String("hub", "", "địa chỉ máy chủ đồng bộ, https://…"),
		token: fs.String("token", "", "mã truy cập của máy trạm (motcua-hub enroll in ra). \"--token -\": đọc mã từ đầu vào chuẩn;\n"+
			"không có --token: lấy từ biến môi trường "+TokenEnv+". Nên dùng một trong hai cách này: mã ghi thẳng\n"+
			"trên dòng lệnh hiện trong danh sách tiến trình mà mọi người dùng máy đều xem được"),
		ca: fs.String("ca", "", "tệp PEM chứng thư CA của máy chủ (khi máy chủ dùng chứng thư riêng)"),
	}
}

// readToken resolves the token: "-" reads the first line of standard input, none takes TokenEnv.
func (f syncFlags) readToken() error {
	switch *f.token {
	case "-":
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("đọc mã truy cập từ đầu vào chuẩn: %w", err)
		}
		*f.token = strings.TrimSpace(line)
		if *f.token == "" {
			return usagef("--token -: đầu vào chuẩn không có mã truy cập")
		}
	case "":
		*f.token = strings.TrimSpace(os.Getenv(TokenEnv))
	}
	return nil
}

// config merges the flags over saved settings; it reads the CA file.
func (f syncFlags) config(saved data.SyncConfig) (data.SyncConfig, error) {
	c := saved
	if *f.hub != "" {
		c.Hub = *f.hub
	}
	if *f.token != "" {
		c.Token = *f.token
	}
	if *f.ca != "" {
		b, err := os.ReadFile(*f.ca)
		if err != nil {
			return c, fmt.Errorf("đọc chứng thư CA: %w", err)
		}
		c.CA = string(b)
	}
	if err := station.CheckHub(c.Hub, c.CA); c.Hub != "" && err != nil {
		return c, err // before anything is saved
	}
	if c.Hub == "" || c.Token == "" {
		return c, usagef("chưa có máy chủ đồng bộ: cần --hub URL và mã truy cập (--token -, biến %s hoặc --token T; lần sau không cần nhắc lại)", TokenEnv)
	}
	return c, nil
}

func (f syncFlags) given() bool { return *f.hub != "" || *f.token != "" || *f.ca != "" }

func runSync(e *env, args []string) error {
	fs, dataDir := newFlags(e, "sync", "[--hub URL [--token -|T] [--ca FILE]]",
		"Gửi các thay đổi của máy này lên máy chủ đồng bộ và nhận thay đổi của các máy khác cùng văn phòng,\n"+
			"một lần. Các tùy chọn được lưu vào cài đặt của văn phòng. Mã thoát khác 0 khi không kết nối được.")
	sf := addSyncFlags(fs)
	verbose := fs.Bool("verbose", false, "liệt kê mọi sự kiện trong danh sách cách ly (máy chủ đã từ chối), không chỉ bản tóm tắt")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("thừa tham số %q", fs.Arg(0))
	}
	if err := sf.readToken(); err != nil {
		return err
	}
	s, err := openStore(*dataDir)
	if err != nil {
		return err
	}
	defer s.Close()
	saved, err := s.SyncConfig(e.ctx)
	if err != nil {
		return err
	}
	cfg, err := sf.config(saved)
	if err != nil {
		return err
	}
	if sf.given() {
		if err := s.SetSyncConfig(e.ctx, data.System, cfg); err != nil {
			return err
		}
	}
	c, err := station.New(s, cliConfig(cfg))
	if err != nil {
		return err
	}
	rep, err := c.Sync(e.ctx)
	if rep != nil {
		printSyncReport(e, rep, *verbose)
	}
	if *verbose {
		if qerr := printQuarantine(e, s); err == nil {
			err = qerr
		}
	}
	return err
}

// shownRefused is how many refused events a sync lists one by one; beyond it the report is a
// summary, since a copied database may have hundreds refused at once.
const shownRefused = 10

// refusalKinds names the hub's codes for an event refused alone (docs/sync-protocol.md).
var refusalKinds = map[string]string{
	protocol.CodeForbidden:    "không phải do máy này ghi (ghi cho máy trạm khác)",
	protocol.CodeInvalidEvent: "sai quy tắc dữ liệu",
}

// printRefused reports the events the hub refused for good in this sync: each one when they are
// few, else a count per kind of refusal and the first few.
func printRefused(e *env, refused []protocol.Rejected, verbose bool) {
	if len(refused) == 0 {
		return
	}
	if len(refused) <= shownRefused && !verbose {
		for _, r := range refused {
			fmt.Fprintf(e.stdout, "Máy chủ từ chối sự kiện số %d: %s (đã đưa vào danh sách cách ly)\n", r.Seq, r.Reason)
		}
		return
	}
	fmt.Fprintf(e.stdout, "Máy chủ từ chối %d sự kiện (đã đưa vào danh sách cách ly):\n", len(refused))
	counts := map[string]int{}
	var codes []string
	for _, r := range refused {
		if counts[r.Code] == 0 {
			codes = append(codes, r.Code)
		}
		counts[r.Code]++
	}
	sort.Strings(codes)
	for _, c := range codes {
		kind, ok := refusalKinds[c]
		if !ok {
			kind = "mã " + c
		}
		fmt.Fprintf(e.stdout, "  %d sự kiện %s\n", counts[c], kind)
	}
	if verbose {
		return // the whole quarantine follows
	}
	fmt.Fprintf(e.stdout, "%d sự kiện đầu tiên:\n", shownRefused)
	for _, r := range refused[:shownRefused] {
		fmt.Fprintf(e.stdout, "  số %d: %s\n", r.Seq, r.Reason)
	}
	fmt.Fprintln(e.stdout, "Xem đủ danh sách ở màn hình Đồng bộ của ứng dụng, hoặc chạy: motcua sync --verbose")
}

// printQuarantine lists every event the hub refused for good, oldest first.
func printQuarantine(e *env, s *data.Store) error {
	q, err := s.Quarantine(e.ctx)
	if err != nil {
		return err
	}
	if len(q) == 0 {
		fmt.Fprintln(e.stdout, "Danh sách cách ly trống: máy chủ không từ chối sự kiện nào của máy này.")
		return nil
	}
	fmt.Fprintf(e.stdout, "Danh sách cách ly (%d sự kiện máy chủ đã từ chối):\n", len(q))
	for _, r := range q {
		fmt.Fprintf(e.stdout, "  số %d, hồ sơ %s, %s: %s\n", r.Seq, r.Dossier, vntext.DateTime(r.At), r.Reason)
	}
	return nil
}

// printReport reports a sync in short (enroll's first sync too).
func printReport(e *env, rep *station.Report) { printSyncReport(e, rep, false) }

// printSyncReport reports a sync; verbose leaves the list of refused events to printQuarantine.
func printSyncReport(e *env, rep *station.Report, verbose bool) {
	fmt.Fprintf(e.stdout, "Văn phòng %s, máy trạm %d: gửi %d sự kiện (%d mới), nhận %d sự kiện của máy khác.\n",
		rep.Office, rep.Station, rep.Sent, rep.Stored, rep.Pulled)
	if rep.NewEpoch && rep.Sent > 0 {
		fmt.Fprintln(e.stdout, "Máy chủ mới hoặc vừa khôi phục: đã gửi lại toàn bộ nhật ký của máy này.")
	}
	if rep.SnapshotSent {
		fmt.Fprintln(e.stdout, "Đã gửi thông tin văn phòng, danh mục và lịch lên máy chủ.")
	}
	if rep.SnapshotGot {
		fmt.Fprintln(e.stdout, "Đã cập nhật thông tin văn phòng, danh mục và lịch từ máy chủ.")
	}
	printRefused(e, rep.Refused, verbose)
	if note := rep.ClockAheadNotice(); note != "" {
		fmt.Fprintln(e.stderr, note)
	}
	if rep.Conflicts > 0 {
		fmt.Fprintf(e.stdout, "%d sự kiện xung đột được giữ lại và đánh dấu để cán bộ xem.\n", rep.Conflicts)
	}
	if rep.Backlog > 0 {
		fmt.Fprintf(e.stdout, "Còn %d sự kiện chờ gửi.\n", rep.Backlog)
	}
	if rep.ClockWarning {
		fmt.Fprintf(e.stderr, "Cảnh báo: đồng hồ máy này lệch %s so với máy chủ; hãy chỉnh giờ (hạn giải quyết và thống kê phụ thuộc ngày giờ).\n",
			rep.ClockOffset.String())
	}
}

// cliConfig retries less than the background sync: a person is waiting for the answer.
func cliConfig(c data.SyncConfig) station.Config {
	return station.Config{Hub: c.Hub, Token: c.Token, CA: c.CA, RetryMax: 3, RetryWaitMax: 4 * time.Second}
}
