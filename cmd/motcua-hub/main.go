// Command motcua-hub is the provincial sync server of Một Cửa (docs/sync-protocol.md).
//
//	motcua-hub serve  --listen ADDR --data DIR [--tls-cert F --tls-key F]
//	motcua-hub enroll --data DIR --office CODE --station N   (prints a station's token, once)
//	motcua-hub enroll --data DIR --reader [--office CODE]    (a read-only token: statistics, export, health)
//	motcua-hub enroll --data DIR --portal [--office CODE]    (the portal adapter's token: online submissions)
//	motcua-hub revoke --data DIR --office CODE --station N | --token T
//	motcua-hub new-epoch --data DIR   (after restoring DIR from a backup: stations re-send everything)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"motcua/sync/hub"
)

// version and buildDate are set by make dist from FyneApp.toml and the last commit.
var version, buildDate = "dev", ""

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stdout, "Cách dùng: motcua-hub serve|enroll|revoke|new-epoch [tùy chọn]   (mỗi lệnh có -h)")
		return 0
	}
	if args[0] == "--version" || args[0] == "version" {
		fmt.Fprintln(stdout, "motcua-hub", version, buildDate)
		return 0
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(args[1:], stderr)
	case "enroll":
		err = enroll(args[1:], stdout, stderr)
	case "revoke":
		err = revoke(args[1:], stdout, stderr)
	case "new-epoch":
		err = newEpoch(args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "motcua-hub: không có lệnh %q\n", args[0])
		return 2
	}
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(usageError)):
		fmt.Fprintf(stderr, "motcua-hub %s: %v\n", args[0], err)
		return 2
	}
	fmt.Fprintf(stderr, "motcua-hub %s: %v\n", args[0], err)
	return 1
}

type usageError struct{ error }

func flags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("data", os.Getenv("MOTCUA_HUB_DATA"), "thư mục dữ liệu của máy chủ (hoặc biến MOTCUA_HUB_DATA)")
	return fs, dir
}

func parse(fs *flag.FlagSet, args []string, dir *string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("thừa tham số %q", fs.Arg(0))}
	}
	if *dir == "" {
		return usageError{errors.New("cần --data DIR")}
	}
	return nil
}

func serve(args []string, stderr io.Writer) error {
	fs, dir := flags("serve", stderr)
	listen := fs.String("listen", ":8443", "địa chỉ lắng nghe")
	cert := fs.String("tls-cert", "", "chứng thư TLS (PEM)")
	key := fs.String("tls-key", "", "khóa riêng TLS (PEM)")
	if err := parse(fs, args, dir); err != nil {
		return err
	}
	if (*cert == "") != (*key == "") {
		return usageError{errors.New("--tls-cert và --tls-key đi cùng nhau")}
	}
	raiseFileLimit()
	h, err := hub.Open(*dir)
	if err != nil {
		return err
	}
	defer h.Close()
	logger := log.New(stderr, "motcua-hub: ", log.LstdFlags)
	srv := httpServer(*listen, hub.NewServer(h, logger), logger)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() {
		if *cert != "" {
			logger.Printf("lắng nghe https://%s (epoch %s)", *listen, h.Epoch())
			errc <- srv.ListenAndServeTLS(*cert, *key)
		} else {
			logger.Printf("lắng nghe http://%s KHÔNG MÃ HÓA — chỉ dùng sau một proxy TLS hoặc để thử (epoch %s)", *listen, h.Epoch())
			errc <- srv.ListenAndServe()
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Printf("đang dừng: chờ các yêu cầu đang xử lý")
	shut, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return srv.Shutdown(shut)
}

// httpServer is the HTTP server of serve. A request body has no fixed deadline here: the hub
// paces every body itself (hub.Limits: a minimum average rate after a grace), so that a large
// batch on a poor line is received while a client sending a byte now and then is dropped; a
// ReadTimeout would only be replaced by that pace.
func httpServer(listen string, handler http.Handler, logger *log.Logger) *http.Server {
	return &http.Server{
		Addr:              listen,
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      10 * time.Minute, // an export of a year is long
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          logger,
	}
}

func enroll(args []string, stdout, stderr io.Writer) error {
	fs, dir := flags("enroll", stderr)
	office := fs.String("office", "", "mã văn phòng (mã định danh), ví dụ 000.00.06.H56")
	station := fs.Int("station", -1, "số máy trạm 0–9")
	reader := fs.Bool("reader", false, "mã chỉ đọc: thống kê, xuất dữ liệu, trang tình trạng (không --office: cả tỉnh)")
	portal := fs.Bool("portal", false, "mã của cổng dịch vụ công: chỉ gửi hồ sơ nộp trực tuyến (không --office: mọi văn phòng)")
	if err := parse(fs, args, dir); err != nil {
		return err
	}
	h, err := hub.Open(*dir)
	if err != nil {
		return err
	}
	defer h.Close()
	ctx := context.Background()
	var tok string
	switch {
	case *reader && *portal:
		return usageError{errors.New("--reader và --portal không đi cùng nhau")}
	case *reader || *portal:
		if *station != -1 {
			return usageError{errors.New("--reader và --portal không đi với --station")}
		}
		if *reader {
			tok, err = h.EnrollReader(ctx, *office)
		} else {
			tok, err = h.EnrollPortal(ctx, *office)
		}
	default:
		if *office == "" || *station < 0 {
			return usageError{errors.New("cần --office CODE --station N (hoặc --reader, --portal)")}
		}
		tok, err = h.EnrollStation(ctx, *office, *station)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, tok)
	if *portal {
		fmt.Fprintln(stderr, "Mã chỉ hiện một lần: máy chủ chỉ giữ bản băm. Đặt mã này vào bộ chuyển đổi của cổng dịch vụ công (POST /v1/submissions).")
		return nil
	}
	fmt.Fprintln(stderr, "Mã chỉ hiện một lần: máy chủ chỉ giữ bản băm. Trên máy trạm: motcua enroll --hub URL --token <mã>")
	return nil
}

func revoke(args []string, stdout, stderr io.Writer) error {
	fs, dir := flags("revoke", stderr)
	office := fs.String("office", "", "mã văn phòng")
	station := fs.Int("station", -1, "số máy trạm: thu hồi mọi mã của máy này")
	token := fs.String("token", "", "thu hồi đúng một mã")
	if err := parse(fs, args, dir); err != nil {
		return err
	}
	if (*token == "") == (*office == "" || *station < 0) {
		return usageError{errors.New("cần --token T, hoặc --office CODE --station N")}
	}
	h, err := hub.Open(*dir)
	if err != nil {
		return err
	}
	defer h.Close()
	var n int
	if *token != "" {
		n, err = h.RevokeToken(context.Background(), *token)
	} else {
		n, err = h.RevokeStation(context.Background(), *office, *station)
	}
	if err != nil {
		return err
	}
	if n == 0 {
		return errors.New("không có mã nào còn hiệu lực để thu hồi")
	}
	fmt.Fprintf(stdout, "đã thu hồi %d mã\n", n)
	return nil
}

func newEpoch(args []string, stdout, stderr io.Writer) error {
	fs, dir := flags("new-epoch", stderr)
	if err := parse(fs, args, dir); err != nil {
		return err
	}
	h, err := hub.Open(*dir)
	if err != nil {
		return err
	}
	defer h.Close()
	epoch, err := h.NewEpoch(context.Background())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "epoch mới %s: ở lần đồng bộ tới, mọi máy trạm gửi lại toàn bộ nhật ký (khởi động lại motcua-hub serve nếu đang chạy)\n", epoch)
	return nil
}
