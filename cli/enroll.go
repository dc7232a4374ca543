package cli

import (
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"os"
	"strings"

	"motcua/data"
	"motcua/sync/station"
)

func runEnroll(e *env, args []string) error {
	fs, dataDir := newFlags(e, "enroll", "--hub URL --token T [--ca FILE] [--admin TÊN]",
		"Biến một máy mới thành máy trạm mà mã truy cập chỉ định: lấy thông tin văn phòng, cài đặt, danh mục,\n"+
			"lịch và hồ sơ của văn phòng từ máy chủ. In ra mật khẩu tạm của quản trị viên đầu tiên của máy.")
	sf := addSyncFlags(fs)
	admin := fs.String("admin", "admin", "tên đăng nhập của quản trị viên của máy này")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("thừa tham số %q", fs.Arg(0))
	}
	cfg, err := sf.config(data.SyncConfig{})
	if err != nil {
		return err
	}
	path, err := dbPath(*dataDir)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); err == nil {
		return errNotFresh
	}
	s, err := data.Open(path)
	if err != nil {
		return err
	}
	password := tempPassword()
	rep, err := station.Enroll(e.ctx, s, cliConfig(cfg),
		data.NewUser{Username: *admin, FullName: "Quản trị viên", Password: password})
	if _, officeErr := s.Office(); officeErr != nil {
		// Nothing was set up (unreachable hub, refused token): leave no half-made database behind.
		s.Close()
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			os.Remove(p)
		}
		return err
	}
	defer s.Close()
	if rep != nil {
		printReport(e, rep)
	}
	if err != nil {
		return fmt.Errorf("đã thiết lập máy trạm nhưng chưa nhận đủ hồ sơ (chạy lại motcua sync): %w", err)
	}
	fmt.Fprintf(e.stdout, "Máy trạm đã sẵn sàng. Quản trị viên: %s, mật khẩu tạm: %s (hãy đổi ngay khi đăng nhập).\n", *admin, password)
	return nil
}

// tempPassword is a random first password, easy to read aloud (no 0/O, 1/I confusion).
func tempPassword() string {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}
