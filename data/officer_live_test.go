package data

import (
	"context"
	"reflect"
	"testing"

	"motcua/data/calendar"
)

// The officer_stats rows that live commands move (Record, one event at a time: receptions,
// hand-overs naming an official, supplements, processing, returns, ratings) give the staff
// evaluation the log gives, and agree with a replay.
func TestStaffFiguresKeptByLiveCommandsEqualLog(t *testing.T) {
	f := buildWeek(t)
	ctx := context.Background()
	for _, p := range [][2]calendar.Date{
		{calendar.D(2026, 3, 9), calendar.D(2026, 3, 15)}, {calendar.D(2026, 3, 1), calendar.D(2026, 3, 31)},
		{calendar.D(2026, 3, 11), calendar.D(2026, 3, 11)}, {calendar.D(2025, 1, 1), calendar.D(2026, 12, 31)},
	} {
		for _, mode := range []Mode{ModeTimestamp, ModeDate} {
			rep, err := f.s.Stats(ctx, p[0], p[1], ByOfficer, mode)
			if err != nil {
				t.Fatal(err)
			}
			want, err := f.s.StaffFromLog(ctx, p[0], p[1], mode)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rep.Rows, want) {
				t.Errorf("%s…%s %s:\n got %+v\nwant %+v", p[0], p[1], mode, rep.Rows, want)
			}
		}
	}
	res, err := f.s.Check(ctx, false, nil)
	if err != nil || !res.OK() {
		t.Fatalf("check: %v %+v", err, res)
	}
}
