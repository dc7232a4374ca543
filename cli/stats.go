package cli

import (
	"encoding/json"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// statsOutput flattens the report: the period's figures at the top level, one object per row.
type statsOutput struct {
	From string    `json:"from"`
	To   string    `json:"to"`
	Mode data.Mode `json:"mode"`
	By   string    `json:"by,omitempty"`
	data.Figures
	Rows []data.Row `json:"rows,omitempty"`
}

// parsePeriod reads --from and --to: both required, in order.
func parsePeriod(from, to string) (calendar.Date, calendar.Date, error) {
	if from == "" || to == "" {
		return calendar.Date{}, calendar.Date{}, usagef("cần --from và --to")
	}
	f, err := parseDay("--from", from)
	if err != nil {
		return f, f, err
	}
	t, err := parseDay("--to", to)
	if err != nil {
		return f, t, err
	}
	if t.Before(f) {
		return f, t, usagef("--to (%s) trước --from (%s)", t, f)
	}
	return f, t, nil
}

func parseDay(flagName, s string) (calendar.Date, error) {
	t, err := vntext.ParseDate(s, vntext.Zone())
	if err != nil {
		return calendar.Date{}, usagef("%s: %v", flagName, err)
	}
	return calendar.DateOf(t), nil
}

func runStats(e *env, args []string) error {
	fs, dataDir := newFlags(e, "stats", "--from DATE --to DATE [--by unit|field|officer] [--mode timestamp|date]",
		"Báo cáo định kỳ dạng JSON: tiếp nhận, giải quyết trước/đúng/quá hạn, đang giải quyết, phí, hài lòng.\n"+
			"DATE: YYYY-MM-DD hoặc dd/mm/yyyy; --mode mặc định theo cài đặt của văn phòng.")
	from := fs.String("from", "", "ngày đầu kỳ")
	to := fs.String("to", "", "ngày cuối kỳ")
	by := fs.String("by", "", "nhóm theo unit (đơn vị), field (lĩnh vực) hoặc officer (cán bộ)")
	modeFlag := fs.String("mode", "", "timestamp (so thời điểm) hoặc date (so ngày)")
	if err := parse(fs, args); err != nil {
		return err
	}
	f, t, err := parsePeriod(*from, *to)
	if err != nil {
		return err
	}
	switch *by {
	case data.ByNone, data.ByUnit, data.ByField, data.ByOfficer:
	default:
		return usagef("--by phải là unit, field hoặc officer")
	}
	s, err := openReader(*dataDir)
	if err != nil {
		return err
	}
	defer s.Close()
	m := *modeFlag
	if m == "" {
		if m, err = s.Setting(e.ctx, data.SettingDateMode); err != nil {
			return err
		}
	}
	mode, err := data.ParseMode(m)
	if err != nil {
		return usagef("--mode: %v", err)
	}
	rep, err := s.Stats(e.ctx, f, t, *by, mode)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(statsOutput{From: rep.From, To: rep.To, Mode: rep.Mode, By: rep.By, Figures: rep.Total, Rows: rep.Rows})
}
