package cli

import (
	"fmt"
	"os"

	"motcua/data"
	"motcua/data/calendar"
)

func runImport(e *env, args []string) error {
	fs, dataDir := newFlags(e, "import", "catalog|calendar|dossiers FILE.csv",
		"Nhập từ CSV (UTF-8): catalog = danh mục thủ tục, calendar = lịch nghỉ chính thức,\n"+
			"dossiers = sổ theo dõi hồ sơ cũ. Tất cả hoặc không: một dòng sai thì không nhập gì và báo số dòng.")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usagef("cần loại (catalog, calendar, dossiers) và tệp CSV")
	}
	kind, file := fs.Arg(0), fs.Arg(1)
	if kind != "catalog" && kind != "calendar" && kind != "dossiers" {
		return usagef("loại %q không hợp lệ: catalog, calendar hoặc dossiers", kind)
	}
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("mở tệp: %w", err)
	}
	defer f.Close()
	s, err := openStore(*dataDir)
	if err != nil {
		return err
	}
	defer s.Close()
	var n int
	switch kind {
	case "catalog":
		n, err = s.ImportCatalog(e.ctx, data.System, f)
	case "calendar":
		var days []calendar.Day
		if days, err = calendar.ParseCSV(f); err == nil {
			err = s.ImportCalendar(e.ctx, data.System, days, file)
			n = len(days)
		}
	case "dossiers":
		n, err = s.ImportDossiers(e.ctx, data.System, f, func(rows int) {
			fmt.Fprintf(e.stderr, "Đã đọc %d dòng…\n", rows)
		})
	}
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	fmt.Fprintf(e.stdout, "Đã nhập %d dòng từ %s.\n", n, file)
	return nil
}

func runBackup(e *env, args []string) error {
	fs, dataDir := newFlags(e, "backup", "FILE", "Sao lưu trực tuyến cơ sở dữ liệu ra FILE (kiểm tra bản sao trước khi ghi).\n"+
		"Chỉ đọc: chạy được cả khi ứng dụng đang mở.")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("cần đúng một tệp đích")
	}
	// a backup only reads (a VACUUM INTO snapshot), as the window's own backup does while
	// everyone works: it runs beside the window
	s, err := openReader(*dataDir)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(e.ctx, fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã sao lưu vào %s.\n", fs.Arg(0))
	return nil
}

func runRestore(e *env, args []string) error {
	fs, dataDir := newFlags(e, "restore", "[--other-office] FILE",
		"Khôi phục từ bản sao lưu FILE. Hãy đóng ứng dụng trước: khi ứng dụng hay một lệnh khác đang ghi\n"+
			"văn phòng, lệnh từ chối. Bản sao lưu được kiểm tra (đủ bảng, khớp nhật ký, cùng văn phòng) trước\n"+
			"khi thay; cơ sở dữ liệu đang có được giữ lại bên cạnh.")
	otherOffice := fs.Bool("other-office", false, "đồng ý khôi phục bản sao lưu của một văn phòng khác")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("cần đúng một tệp sao lưu")
	}
	path, err := dbPath(*dataDir)
	if err != nil {
		return err
	}
	var opts []data.RestoreOption
	if *otherOffice {
		opts = append(opts, data.OtherOffice())
	}
	aside, err := data.Restore(e.ctx, path, fs.Arg(0), opts...)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã khôi phục %s từ %s.\n", path, fs.Arg(0))
	if aside != "" {
		fmt.Fprintf(e.stdout, "Cơ sở dữ liệu trước đó được giữ tại %s.\n", aside)
	}
	return nil
}

func runCheck(e *env, args []string) error {
	fs, dataDir := newFlags(e, "check", "[--rebuild]",
		"Kiểm tra toàn vẹn SQLite và so bảng hồ sơ, chỉ mục tìm kiếm với nhật ký sự kiện.")
	rebuild := fs.Bool("rebuild", false, "dựng lại bảng hồ sơ và chỉ mục từ nhật ký (ghi: cần đóng ứng dụng)")
	if err := parse(fs, args); err != nil {
		return err
	}
	open := openReader // checking only reads: it runs beside the window
	if *rebuild {
		open = openStore
	}
	s, err := open(*dataDir)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.Check(e.ctx, *rebuild, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Toàn vẹn: %s\nHồ sơ: %d\nSự kiện: %d\n", res.Integrity, res.Dossiers, res.Events)
	if *rebuild && res.Integrity == "ok" {
		fmt.Fprintln(e.stdout, "Đã dựng lại bảng hồ sơ và chỉ mục tìm kiếm từ nhật ký.")
	}
	for _, m := range res.Mismatches {
		fmt.Fprintln(e.stdout, "Sai lệch:", m)
	}
	if !res.OK() {
		return fmt.Errorf("cơ sở dữ liệu không đạt kiểm tra (%d sai lệch): chạy \"motcua check --rebuild\" hoặc khôi phục bản sao lưu", len(res.Mismatches))
	}
	return nil
}
