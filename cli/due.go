package cli

import (
	"fmt"
	"os"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// officeCalendar is the office's calendar when a database exists, else the official one.
func officeCalendar(dataFlag string) (*calendar.Calendar, error) {
	path, err := dbPath(dataFlag)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err == nil {
		s, err := data.Open(path, data.ReadOnly())
		if err != nil {
			return nil, err
		}
		defer s.Close()
		return s.Calendar(), nil
	}
	return data.DefaultCalendar()
}

func runDue(e *env, args []string) error {
	fs, dataDir := newFlags(e, "due", `--at "YYYY-MM-DD HH:MM" --limit N(d|h|cd)`,
		"In hạn giải quyết (YYYY-MM-DD HH:MM) theo giờ làm việc và lịch nghỉ của văn phòng.\n"+
			"--limit: 3d = 3 ngày làm việc, 4h = 4 giờ làm việc, 0d = trong ngày, 10cd = 10 ngày lịch.")
	atFlag := fs.String("at", "", "thời điểm tiếp nhận")
	limitFlag := fs.String("limit", "", "thời hạn giải quyết")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *atFlag == "" || *limitFlag == "" {
		return usagef("cần --at và --limit")
	}
	if fs.NArg() > 0 {
		return usagef("thừa tham số %q", fs.Arg(0))
	}
	at, err := vntext.ParseDateTime(*atFlag, vntext.Zone())
	if err != nil {
		return usagef("--at: %v", err)
	}
	limit, err := calendar.ParseLimit(*limitFlag)
	if err != nil {
		return usagef("--limit: %v", err)
	}
	cal, err := officeCalendar(*dataDir)
	if err != nil {
		return err
	}
	due, ok := cal.Due(at, limit)
	if !ok {
		fmt.Fprintln(e.stdout, "không có hạn")
		return nil
	}
	fmt.Fprintln(e.stdout, due.Format("2006-01-02 15:04"))
	return nil
}

func runHolidays(e *env, args []string) error {
	fs, dataDir := newFlags(e, "holidays", "--year Y",
		"Mỗi dòng: YYYY-MM-DD<TAB>loại<TAB>tên; loại: holiday (lễ, Tết), comp (nghỉ bù), swap_off (nghỉ hoán đổi), makeup (làm bù).\n"+
			"Ngày chưa có thông báo chính thức có thêm cột thứ tư: dự kiến.")
	year := fs.Int("year", 0, "năm")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *year < 1900 || *year > 2199 {
		return usagef("--year phải từ 1900 đến 2199")
	}
	cal, err := officeCalendar(*dataDir)
	if err != nil {
		return err
	}
	for _, d := range cal.Year(*year) {
		if d.Provisional() {
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\tdự kiến\n", d.Date, d.Kind, d.Label)
			continue
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", d.Date, d.Kind, d.Label)
	}
	return nil
}
