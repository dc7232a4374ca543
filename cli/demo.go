package cli

import (
	"fmt"
	"os"
	"time"

	"motcua/data"
	"motcua/data/demo"
)

func runDemo(e *env, args []string) error {
	fs, dataDir := newFlags(e, "demo", "[--dossiers N] [--seed S] [--replace]",
		"Tạo văn phòng mẫu (danh mục thật, lịch chính thức, cán bộ, N hồ sơ trong 12 tháng qua).")
	n := fs.Int("dossiers", 20000, "số hồ sơ")
	seed := fs.Int64("seed", 1, "hạt giống ngẫu nhiên (cùng hạt giống → cùng dữ liệu)")
	replace := fs.Bool("replace", false, "thay cơ sở dữ liệu đang có (bản cũ được giữ lại bên cạnh)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("thừa tham số %q", fs.Arg(0))
	}
	if *n < 0 || *n > 5_000_000 {
		return usagef("--dossiers phải từ 0 đến 5.000.000")
	}
	path, err := dbPath(*dataDir)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); err == nil {
		if !*replace {
			return fmt.Errorf("đã có cơ sở dữ liệu tại %s: thêm --replace để thay bằng văn phòng mẫu", path)
		}
		// refused while the window or a command has the office open
		aside, err := data.SetAside(path, "truoc-demo")
		if err != nil {
			return fmt.Errorf("giữ lại cơ sở dữ liệu cũ: %w", err)
		}
		fmt.Fprintf(e.stderr, "Cơ sở dữ liệu cũ được giữ tại %s\n", aside)
	}
	start := time.Now()
	last := -1
	err = demo.Build(e.ctx, path, demo.Options{Dossiers: *n, Seed: *seed, Progress: func(done, total int) {
		if total == 0 {
			return
		}
		if pct := done * 100 / total; pct/10 != last/10 {
			last = pct
			fmt.Fprintf(e.stderr, "Đang tạo văn phòng mẫu… %d %%\n", pct)
		}
	}})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã tạo văn phòng mẫu với %d hồ sơ tại %s (%.1f s).\n", *n, path, time.Since(start).Seconds())
	fmt.Fprintln(e.stdout, "Đăng nhập: admin / admin123 (quản trị), tiepnhan1 / demo1234 (tiếp nhận).")
	return nil
}
