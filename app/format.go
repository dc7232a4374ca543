package app

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// count writes a number of dossiers the Vietnamese way: 12.345.
func count(n int) string { return vntext.Thousands(int64(n)) }

// percent writes part/whole as a percentage with one decimal and a decimal comma: "94,2 %".
// ok is false when whole is zero.
func percent(part, whole int) (string, bool) {
	if whole <= 0 {
		return "", false
	}
	v := float64(part) * 100 / float64(whole)
	s := strconv.FormatFloat(float64(int64(v*10+0.5))/10, 'f', 1, 64)
	return strings.Replace(s, ".", ",", 1) + " %", true
}

// week is Monday → day, the "this week" of the dashboard.
func week(day calendar.Date) (from, to calendar.Date) {
	back := (int(day.Weekday()) + 6) % 7 // Monday 0 … Sunday 6
	return day.AddDays(-back), day
}

// shortDate writes a date as dd/mm/yyyy.
func shortDate(d calendar.Date) string { return d.VN() }

// clock writes a time as HH:MM dd/mm/yyyy in the office's zone, whatever the PC's.
func clock(t time.Time) string { return vntext.DateTime(t.In(vntext.Zone())) }

// verdictName is a verdict's name in the UI language. data names the verdicts (Verdict.English is
// the key); the translation files give back data's Vietnamese name, as a test checks, so that a
// screen never names a verdict otherwise than the forms and the statistics.
func verdictName(v data.Verdict) string {
	if v == 0 {
		return ""
	}
	return lang.L(v.English())
}

// leftText is the working time left to a due date, as every screen writes it (the work list, the
// dossier list, the detail): deadlines count working days, so the text says "working days".
func leftText(left, perDay time.Duration) string {
	return lang.L("{{.Span}} left", map[string]any{"Span": workingSpan(left, perDay)})
}

// overdueText is the working time past a due date, as every screen writes it.
func overdueText(past, perDay time.Duration) string {
	return lang.L("Overdue by {{.Span}}", map[string]any{"Span": workingSpan(past, perDay)})
}

// workingSpan writes working time as working days and hours (or hours and minutes under a day).
func workingSpan(t, perDay time.Duration) string {
	if perDay <= 0 {
		perDay = 8 * time.Hour
	}
	days := int(t / perDay)
	rest := t % perDay
	hours, minutes := int(rest/time.Hour), int(rest%time.Hour/time.Minute)
	switch {
	case days > 0 && hours > 0:
		return lang.L("{{.Days}} working days {{.Hours}} hours", map[string]any{"Days": days, "Hours": hours})
	case days > 0:
		return lang.L("{{.Days}} working days", map[string]any{"Days": days})
	case hours > 0 && minutes == 0:
		return lang.L("{{.Hours}} hours", map[string]any{"Hours": hours})
	case hours > 0:
		return lang.L("{{.Hours}} hours {{.Minutes}} minutes", map[string]any{"Hours": hours, "Minutes": minutes})
	}
	return lang.L("{{.Minutes}} minutes", map[string]any{"Minutes": minutes})
}
