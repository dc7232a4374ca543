package calendar

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Clock is a time of day in minutes since midnight.
type Clock int

// At builds a Clock from hours and minutes.
func At(hour, min int) Clock { return Clock(hour*60 + min) }

// String formats as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

func (c Clock) dur() time.Duration { return time.Duration(c) * time.Minute }

// ParseClock reads "HH:MM" (24-hour).
func ParseClock(s string) (Clock, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(m) != 2 || hh < 0 || hh > 24 || mm < 0 || mm > 59 || (hh == 24 && mm != 0) {
		return 0, fmt.Errorf("giờ không hợp lệ %s: cần dạng GG:PP, ví dụ 07:30", quoteShort(s))
	}
	return At(hh, mm), nil
}

// Hours are an office's working hours: two sessions split by lunch, and the
// cut-off after which same-day procedures are returned the next working day.
type Hours struct {
	Open, LunchStart, LunchEnd, Close, Cutoff Clock
}

// DefaultHours are the state-sector hours: 07:00–11:30 and 13:30–17:00,
// same-day cut-off 15:00.
func DefaultHours() Hours {
	return Hours{Open: At(7, 0), LunchStart: At(11, 30), LunchEnd: At(13, 30), Close: At(17, 0), Cutoff: At(15, 0)}
}

// Validate checks that the sessions are in order within one day. A lunch of
// zero length (LunchStart == LunchEnd) means no lunch break.
func (h Hours) Validate() error {
	switch {
	case h.Open < 0 || h.Close > 24*60:
		return errors.New("giờ làm việc phải nằm trong một ngày (00:00–24:00)")
	case h.Open >= h.LunchStart:
		return fmt.Errorf("giờ nghỉ trưa (%s) phải sau giờ mở cửa (%s)", h.LunchStart, h.Open)
	case h.LunchStart > h.LunchEnd:
		return fmt.Errorf("giờ hết nghỉ trưa (%s) không được trước giờ bắt đầu nghỉ trưa (%s)", h.LunchEnd, h.LunchStart)
	case h.LunchEnd >= h.Close:
		return fmt.Errorf("giờ đóng cửa (%s) phải sau giờ hết nghỉ trưa (%s)", h.Close, h.LunchEnd)
	case h.Cutoff < h.Open || h.Cutoff > h.Close:
		return fmt.Errorf("giờ chốt nhận hồ sơ trong ngày (%s) phải nằm trong giờ làm việc (%s–%s)", h.Cutoff, h.Open, h.Close)
	}
	return nil
}

// PerDay is the working time of one full working day.
func (h Hours) PerDay() time.Duration {
	return (h.LunchStart - h.Open + h.Close - h.LunchEnd).dur()
}

// Unit is the unit of a procedure's time limit, spelled as in catalog.csv.
type Unit string

const (
	WorkingDays  Unit = "ngay_lam_viec"
	CalendarDays Unit = "ngay"
	WorkingHours Unit = "gio"
	NoLimit      Unit = ""
)

// Limit is a procedure's time limit.
type Limit struct {
	Value float64
	Unit  Unit
}

// Bounds on a limit: generous for any real procedure, small enough that a
// typo cannot make Due walk the calendar for centuries.
const (
	maxWorkingDays  = 1000
	maxWorkingHours = 8 * maxWorkingDays
	maxCalendarDays = 3650
)

// WorkingHours is the limit in working hours: a working day is 8 hours by law
// (so ½ day = 4 h) whatever the office's opening hours; calendar days and
// no limit have none.
func (l Limit) WorkingHours() int {
	switch l.Unit {
	case WorkingDays:
		return int(math.Round(l.Value * 8))
	case WorkingHours:
		return int(math.Round(l.Value))
	}
	return 0
}

// Validate checks the unit and that the value is finite and in range.
func (l Limit) Validate() error {
	max := 0.0
	switch l.Unit {
	case NoLimit:
		if l.Value != 0 {
			return errors.New("thời hạn không có đơn vị")
		}
		return nil
	case WorkingDays:
		max = maxWorkingDays
	case WorkingHours:
		max = maxWorkingHours
	case CalendarDays:
		max = maxCalendarDays
	default:
		return fmt.Errorf("đơn vị thời hạn không hợp lệ %s", quoteShort(string(l.Unit)))
	}
	if math.IsNaN(l.Value) || l.Value < 0 || l.Value > max {
		return fmt.Errorf("thời hạn phải từ 0 đến %v", max)
	}
	return nil
}

// String is the CLI form understood by ParseLimit ("3d", "4h", "10cd", "0.5d";
// "" for no limit).
func (l Limit) String() string {
	v := strconv.FormatFloat(l.Value, 'f', -1, 64)
	switch l.Unit {
	case WorkingDays:
		return v + "d"
	case WorkingHours:
		return v + "h"
	case CalendarDays:
		return v + "cd"
	case NoLimit:
		return ""
	}
	return v + "?" + string(l.Unit)
}

// VN is the limit as printed on a receipt ("03 ngày làm việc").
func (l Limit) VN() string {
	v := strings.Replace(strconv.FormatFloat(l.Value, 'f', -1, 64), ".", ",", 1)
	if l.Value == math.Trunc(l.Value) && l.Value < 10 {
		v = "0" + v
	}
	switch l.Unit {
	case WorkingDays:
		if l.Value == 0 {
			return "trong ngày làm việc"
		}
		return v + " ngày làm việc"
	case WorkingHours:
		return v + " giờ làm việc"
	case CalendarDays:
		return v + " ngày"
	}
	return "không quy định thời hạn"
}

// ParseLimit reads the CLI form of a limit: "3d" (working days; halves
// allowed, "0.5d"), "0d" (same working day), "4h" (whole working hours),
// "10cd" (whole calendar days). An empty string means no limit.
func ParseLimit(s string) (Limit, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return Limit{}, nil
	}
	bad := func(why string) (Limit, error) {
		return Limit{}, fmt.Errorf("thời hạn không hợp lệ %s: %s", quoteShort(s), why)
	}
	var unit Unit
	var num string
	switch {
	case strings.HasSuffix(t, "cd"):
		unit, num = CalendarDays, t[:len(t)-2]
	case strings.HasSuffix(t, "d"):
		unit, num = WorkingDays, t[:len(t)-1]
	case strings.HasSuffix(t, "h"):
		unit, num = WorkingHours, t[:len(t)-1]
	default:
		return bad("cần dạng 3d (ngày làm việc), 4h (giờ làm việc) hoặc 10cd (ngày theo lịch)")
	}
	// Only plain decimals: ParseFloat would also take "1e3", "0x10", "Inf"
	// and "1_000", none of which a person means here.
	if num == "" || strings.Trim(num, "0123456789.") != "" || strings.Count(num, ".") > 1 ||
		num[0] == '.' || num[len(num)-1] == '.' || len(num) > 12 {
		return bad("số không hợp lệ")
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return bad("số không hợp lệ")
	}
	switch unit {
	case WorkingDays:
		if v*2 != math.Trunc(v*2) {
			return bad("số ngày làm việc phải là bội của 0,5")
		}
	default:
		if v != math.Trunc(v) {
			return bad("phải là số nguyên")
		}
	}
	l := Limit{Value: v, Unit: unit}
	if err := l.Validate(); err != nil {
		return bad(err.Error())
	}
	return l, nil
}
