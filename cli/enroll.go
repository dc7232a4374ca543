package cli

import (
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"strings"

	"motcua/data"
	"motcua/sync/station"
)

func runEnroll(e *env, args []string) error {
	fs, dataDir := newFlags(e, "enroll", "--hub URL [--token -|T] [--ca FILE] [--admin TÊN]",
		"Biến một máy mới thành máy trạm mà mã truy cập chỉ định: lấy thông tin văn phòng, cài đặt, danh mục,\n"+
			"lịch và hồ sơ của văn phòng từ máy chủ. In ra mật khẩu tạm của quản trị viên đầu tiên của máy.\n"+
			"Mã truy cập: --token - đọc từ đầu vào chuẩn, hoặc biến môi trường "+TokenEnv+" (không hiện trong danh sách\n"+
			"tiến trình). Bị ngắt giữa chừng thì máy chưa có cơ sở dữ liệu: chạy lại lệnh này.")
	sf := addSyncFlags(fs)
	admin := fs.String("admin", "admin", "tên đăng nhập của quản trị viên của máy này")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("thừa tham số %q", fs.Arg(0))
	}
	if err := sf.readToken(); err != nil {
		return err
	}
	cfg, err := sf.config(data.SyncConfig{})
	if err != nil {
		return err
	}
	path, err := dbPath(*dataDir)
	if err != nil {
		return err
	}
	password := tempPassword()
	// The password is printed before the database becomes the live one (station.EnrollNew): an
	// interruption after this line leaves no database, and enrolling again prints a new password.
	ready := func(rep *station.Report) error {
		if rep != nil {
			printReport(e, rep)
		}
		fmt.Fprintf(e.stdout, "Máy trạm đã sẵn sàng. Quản trị viên: %s, mật khẩu tạm: %s (hãy đổi ngay khi đăng nhập).\n", *admin, password)
		return nil
	}
	_, err = station.EnrollNew(e.ctx, path, cliConfig(cfg),
		data.NewUser{Username: *admin, FullName: "Quản trị viên", Password: password}, ready)
	return err
}

// tempPassword is a random first password, easy to read aloud (no 0/O, 1/I confusion).
func tempPassword() string {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}
