package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
	"motcua/reports"
)

// The unit label of dossiers that no unit has been given (the bundled catalog names none).
const rowWithoutUnit = "Chưa giao đơn vị"

const realPassword = "mat-khau-2026"

// officeFigures are the figures of a statistics row the test checks.
type officeFigures struct{ received, resolved, early, onTime, late, pending, overdue, very, dis int }

// realOffice is the office under test: its data folder, its open store (nil while a command
// runs) and the clock of the day.
type realOffice struct {
	ctx   context.Context
	dir   string
	now   time.Time
	store *data.Store
	users map[string]*data.User
	// dossiers by the test's own names (d1…), and every code the office ever printed on a receipt.
	dossiers map[string]*data.Dossier
	issued   map[string]string // code → dossier name
}

// marchAt is a time of March 2026 in the office's zone (no day off in that month).
func marchAt(day, hour, minute int) time.Time {
	return time.Date(2026, time.March, day, hour, minute, 0, 0, vntext.Zone())
}

func (o *realOffice) path() string { return filepath.Join(o.dir, data.DBFile) }

func (o *realOffice) open(t *testing.T) {
	t.Helper()
	if o.store != nil {
		return
	}
	s, err := data.Open(o.path(), data.WithClock(func() time.Time { return o.now }))
	if err != nil {
		t.Fatalf("open the office database: %v", err)
	}
	o.store = s
}

func (o *realOffice) close(t *testing.T) {
	t.Helper()
	if o.store == nil {
		return
	}
	if err := o.store.Close(); err != nil {
		t.Fatalf("close the office database: %v", err)
	}
	o.store = nil
}

// command runs motcua with the store closed and reopens it afterwards.
func (o *realOffice) command(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	o.close(t)
	defer o.open(t)
	return run(t, args...)
}

// receive accepts a dossier at the counter at the given time and remembers its code.
func (o *realOffice) receive(t *testing.T, name string, when time.Time, procedure, applicant string) *data.Dossier {
	t.Helper()
	o.now = when
	d, err := o.store.Receive(o.ctx, o.users["tiepnhan"], data.Reception{
		Procedure: procedure,
		Applicant: data.Person{Name: applicant, IDNo: "0380850" + fmt.Sprintf("%05d", len(o.dossiers)+1), Phone: "0912345678", Address: "Thôn Đông, xã Hòa Bình"},
	})
	if err != nil {
		t.Fatalf("receive %s (%s): %v", name, procedure, err)
	}
	if d.Code == "" || d.Status != data.StatusReceived {
		t.Fatalf("receive %s: code %q status %v", name, d.Code, d.Status)
	}
	if prev, ok := o.issued[d.Code]; ok {
		t.Errorf("receive %s: code %s was already printed on the receipt of %s", name, d.Code, prev)
	} else {
		o.issued[d.Code] = name
	}
	o.dossiers[name] = d.Dossier
	return d.Dossier
}

// record writes one event by a user at a time and keeps the dossier's new state.
func (o *realOffice) record(t *testing.T, name, user string, when time.Time, p data.Payload) *data.Dossier {
	t.Helper()
	o.now = when
	d, err := o.store.Record(o.ctx, o.users[user], o.dossiers[name].ID, p)
	if err != nil {
		t.Fatalf("%s records %s on %s: %v", user, p.EventType(), name, err)
	}
	o.dossiers[name] = d.Dossier
	return d.Dossier
}

// TestRealOfficeFortnight is a working fortnight of a commune office that starts where a real
// office starts: an empty database set up with data.Setup, the calendar the program ships with and
// the bundled catalog (not the demo, whose catalog gives every procedure a unit). It goes through the same public
// entry points the window and the command line use: the store for the counter's work, Main for
// statistics, reports, printed forms, backup, restore and check. Each step is a subtest so a
// failure names the step of the office's day that broke.
//
// It lives in package cli to run the commands as the shell does (Main) and to iterate over the
// very lists the commands offer (reports.Kinds behind "report", printForms behind "print"): a new
// report or form is printed here without anyone touching this test. The store is closed whenever
// a command runs, as it is when an administrator runs one with the window closed.
func TestRealOfficeFortnight(t *testing.T) {
	o := &realOffice{ctx: context.Background(), dir: t.TempDir(), now: marchAt(2, 7, 30),
		users: map[string]*data.User{}, dossiers: map[string]*data.Dossier{}, issued: map[string]string{}}
	defer func() {
		if o.store != nil {
			o.store.Close()
		}
	}()
	must := func(ok bool) {
		if !ok {
			t.FailNow() // the following steps need this one
		}
	}
	period := []string{"--from", "2026-03-01", "--to", "2026-03-16"}
	from, to := calendar.D(2026, 3, 1), calendar.D(2026, 3, 16)

	must(t.Run("set up the office with the bundled calendar and catalog", func(t *testing.T) {
		o.open(t)
		office := data.Office{Code: "000.00.12.H40", Name: "UBND xã Hòa Bình", Level: "xa",
			GoverningBody: "UBND tỉnh Nghệ An", Place: "Hòa Bình"}
		admin := data.NewUser{Username: "quantri", FullName: "Nguyễn Văn Quản", Title: "Công chức Văn phòng - Thống kê", Password: realPassword}
		if err := o.store.Setup(o.ctx, office, 0, admin); err != nil {
			t.Fatalf("Setup: %v", err)
		}
		got, err := o.store.Office()
		if err != nil || got.Code != office.Code {
			t.Fatalf("office after setup: %+v %v", got, err)
		}
		// The shipped calendar is in force: 2/9/2026 (National Day) is a day off.
		if o.store.Calendar().IsWorkingDay(calendar.D(2026, 9, 2)) {
			t.Error("the official calendar was not seeded: 2/9/2026 is a working day")
		}
		u, err := o.store.Authenticate(o.ctx, "quantri", realPassword)
		if err != nil {
			t.Fatalf("the first administrator cannot log in: %v", err)
		}
		o.users["quantri"] = u
		// The administrator imports the catalog shipped with the program, as the catalog screen
		// and "motcua import catalog" do.
		n, err := o.store.ImportCatalog(o.ctx, u, bytes.NewReader(data.OfficialCatalogCSV()))
		if err != nil || n < 50 {
			t.Fatalf("import the bundled catalog: %d procedures, %v", n, err)
		}
		procs, err := o.store.Procedures(o.ctx, "", 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range procs {
			if p.Unit != "" {
				t.Fatalf("the bundled catalog gives %s the unit %q: the test needs procedures without unit", p.Code, p.Unit)
			}
		}
	}))

	must(t.Run("administrator creates units, staff and assigns a unit to one procedure", func(t *testing.T) {
		admin := o.users["quantri"]
		for _, u := range []data.Unit{{Code: "TPHT", Name: "Tư pháp - Hộ tịch", Active: true}, {Code: "DCXD", Name: "Địa chính - Xây dựng", Active: true}} {
			if err := o.store.PutUnit(o.ctx, admin, u); err != nil {
				t.Fatalf("unit %s: %v", u.Code, err)
			}
		}
		for _, nu := range []data.NewUser{
			{Username: "tiepnhan", FullName: "Trần Thị Thu", Title: "Công chức Bộ phận Một cửa", Roles: data.RoleReception},
			{Username: "tuphap", FullName: "Phạm Thị Lan Anh", Title: "Công chức Tư pháp - Hộ tịch", Unit: "TPHT", Roles: data.RoleOfficer},
			{Username: "lanhdao", FullName: "Lê Văn Bình", Title: "Chủ tịch UBND xã", Roles: data.RoleLeader},
		} {
			nu.Password = realPassword
			if _, err := o.store.CreateUser(o.ctx, admin, nu); err != nil {
				t.Fatalf("create %s: %v", nu.Username, err)
			}
			u, err := o.store.Authenticate(o.ctx, nu.Username, realPassword)
			if err != nil {
				t.Fatalf("%s cannot log in: %v", nu.Username, err)
			}
			o.users[nu.Username] = u
		}
		if o.users["tuphap"].Unit != "TPHT" {
			t.Errorf("officer's unit = %q, want TPHT", o.users["tuphap"].Unit)
		}
		p, err := o.store.Procedure(o.ctx, "1.012786") // Cấp lại Giấy chứng nhận do bị mất (Đất đai)
		if err != nil {
			t.Fatal(err)
		}
		p.Unit = "DCXD"
		if err := o.store.PutProcedures(o.ctx, admin, []data.Procedure{*p}); err != nil {
			t.Fatalf("assign DCXD to 1.012786: %v", err)
		}
		for k, v := range map[string]string{data.SettingSigner: "Lê Văn Bình", data.SettingSignerTitle: "CHỦ TỊCH"} {
			if err := o.store.SetSetting(o.ctx, admin, k, v); err != nil {
				t.Fatalf("setting %s: %v", k, err)
			}
		}
	}))

	// Monday 2/3: five people at the counter.
	must(t.Run("receive without unit and with unit, refuse one", func(t *testing.T) {
		d1 := o.receive(t, "d1", marchAt(2, 8, 0), "1.004873", "Nguyễn Thị Hoa")  // xác nhận tình trạng hôn nhân, 3 ngày, Hộ tịch
		d2 := o.receive(t, "d2", marchAt(2, 8, 15), "1.012786", "Đỗ Văn Thắng")   // cấp lại GCN bị mất, 10 ngày, Đất đai, DCXD
		d3 := o.receive(t, "d3", marchAt(2, 8, 30), "1.004194", "Hoàng Văn Dũng") // đăng ký tạm trú, 3 ngày, Cư trú
		d5 := o.receive(t, "d5", marchAt(2, 9, 0), "1.004837", "Bùi Thị Hương")   // đăng ký giám hộ, 3 ngày, Hộ tịch
		for name, d := range map[string]*data.Dossier{"d1": d1, "d3": d3, "d5": d5} {
			if d.Unit != "" {
				t.Errorf("%s received with unit %q, want none (the bundled catalog names no unit)", name, d.Unit)
			}
		}
		if d2.Unit != "DCXD" {
			t.Errorf("d2 received with unit %q, want DCXD (the procedure's unit)", d2.Unit)
		}
		for _, c := range []struct {
			name string
			due  time.Time
		}{{"d1", marchAt(5, 8, 0)}, {"d2", marchAt(16, 8, 15)}, {"d3", marchAt(5, 8, 30)}, {"d5", marchAt(5, 9, 0)}} {
			d := o.dossiers[c.name]
			if !d.HasDue || !d.Due.Equal(c.due) {
				t.Errorf("%s due %v (has due %v), want %v", c.name, d.Due, d.HasDue, c.due)
			}
			if want := "000.00.12.H40-260302-"; !strings.HasPrefix(d.Code, want) {
				t.Errorf("%s code %q, want prefix %s", c.name, d.Code, want)
			}
		}
		o.now = marchAt(2, 8, 45)
		d4, err := o.store.Refuse(o.ctx, o.users["tiepnhan"], data.Reception{Procedure: "1.004884",
			Applicant: data.Person{Name: "Vũ Minh Tuấn"}}, "Người yêu cầu không thuộc thẩm quyền đăng ký của xã")
		if err != nil {
			t.Fatalf("refuse: %v", err)
		}
		if d4.Code != "" || d4.Status != data.StatusRefused {
			t.Errorf("refused dossier: code %q status %v", d4.Code, d4.Status)
		}
		o.dossiers["d4"] = d4.Dossier
	}))

	must(t.Run("transfer to the processing units", func(t *testing.T) {
		d1 := o.record(t, "d1", "tiepnhan", marchAt(2, 10, 0), &data.Transferred{ToUnit: "TPHT", ToHandler: "tuphap"})
		d5 := o.record(t, "d5", "tiepnhan", marchAt(2, 10, 5), &data.Transferred{ToUnit: "TPHT", ToHandler: "tuphap"})
		d2 := o.record(t, "d2", "tiepnhan", marchAt(2, 10, 10), &data.Transferred{ToUnit: "DCXD", Note: "Chuyển bộ phận địa chính"})
		for name, d := range map[string]*data.Dossier{"d1": d1, "d5": d5} {
			if d.Unit != "TPHT" || d.Handler != "tuphap" || d.Status != data.StatusProcessing {
				t.Errorf("%s after transfer: unit %q handler %q status %v", name, d.Unit, d.Handler, d.Status)
			}
		}
		if d2.Unit != "DCXD" || d2.Status != data.StatusProcessing {
			t.Errorf("d2 after transfer: unit %q status %v", d2.Unit, d2.Status)
		}
	}))

	must(t.Run("supplement requested and received moves the due date", func(t *testing.T) {
		d := o.record(t, "d1", "tuphap", marchAt(2, 14, 0), &data.SupplementRequested{
			Items:  []data.DocCount{{N: 2, Name: "Bản sao giấy tờ chứng minh đã ly hôn", Copies: 1}},
			Reason: "Thiếu bản sao quyết định ly hôn"})
		if d.Status != data.StatusSupplement {
			t.Fatalf("d1 status %v after the request, want supplement", d.Status)
		}
		// Tuesday 9:00 the applicant brings it: the clock was paused Mon 14:00–17:00 and Tue
		// 07:00–09:00, five working hours, so Thursday 08:00 becomes Thursday 15:00.
		d = o.record(t, "d1", "tiepnhan", marchAt(3, 9, 0), &data.SupplementReceived{Note: "Đã nộp đủ"})
		if d.Status != data.StatusProcessing || d.Supplements != 1 {
			t.Errorf("d1 after the supplement: status %v, supplements %d", d.Status, d.Supplements)
		}
		if !d.Due.Equal(marchAt(5, 15, 0)) || !d.DueOriginal.Equal(marchAt(5, 8, 0)) {
			t.Errorf("d1 due %v (original %v), want %v (original %v)", d.Due, d.DueOriginal, marchAt(5, 15, 0), marchAt(5, 8, 0))
		}
	}))

	must(t.Run("leader stops one, issues an apology on another", func(t *testing.T) {
		d5 := o.record(t, "d5", "lanhdao", marchAt(3, 10, 0), &data.Stopped{Reason: "Người yêu cầu đề nghị dừng giải quyết", Stage: "Đang thẩm định"})
		if d5.Status != data.StatusStopped {
			t.Errorf("d5 status %v, want stopped", d5.Status)
		}
		d2 := o.record(t, "d2", "lanhdao", marchAt(4, 9, 0), &data.ApologyIssued{Reason: "Cần xác minh thêm nguồn gốc đất", NewDue: marchAt(18, 17, 0), DocNo: "12/UBND-VP"})
		if d2.Apologies != 1 || !d2.ApologyDue.Equal(marchAt(18, 17, 0)) {
			t.Errorf("d2 apology: %d, %v", d2.Apologies, d2.ApologyDue)
		}
	}))

	must(t.Run("process, return and rate", func(t *testing.T) {
		o.record(t, "d1", "tuphap", marchAt(3, 15, 0), &data.Processed{ResultNo: "15/XNTTHN", Signer: "Lê Văn Bình", SignedOn: "2026-03-03"})
		o.record(t, "d1", "tiepnhan", marchAt(4, 8, 0), &data.Returned{ReceiverName: "Nguyễn Thị Hoa", ReceiverIDNo: "038085000001"})
		d1 := o.record(t, "d1", "tiepnhan", marchAt(4, 8, 5), &data.Rated{Rating: data.RatingVerySatisfied})
		if d1.Status != data.StatusReturned || d1.Rating != data.RatingVerySatisfied {
			t.Errorf("d1: status %v rating %v", d1.Status, d1.Rating)
		}
		// d2 is finished on its due day, after its due time: late to the minute, on time by date.
		o.record(t, "d2", "lanhdao", marchAt(16, 10, 0), &data.Processed{ResultNo: "88/GCN", Signer: "Lê Văn Bình", SignedOn: "2026-03-16"})
		o.record(t, "d2", "tiepnhan", marchAt(16, 10, 30), &data.Returned{ReceiverName: "Đỗ Văn Thắng"})
		d2 := o.record(t, "d2", "tiepnhan", marchAt(16, 10, 35), &data.Rated{Rating: data.RatingDissatisfied, Reason: "Trả kết quả chậm hơn giấy hẹn"})
		if d2.Status != data.StatusReturned || d2.Rating != data.RatingDissatisfied {
			t.Errorf("d2: status %v rating %v", d2.Status, d2.Rating)
		}
		if got := data.Judge(d2.FinishedAt, d2.Due, d2.HasDue, d2.Supplements, data.ModeTimestamp); got != data.Late {
			t.Errorf("d2 timestamp verdict %v, want late", got)
		}
		if got := data.Judge(d2.FinishedAt, d2.Due, d2.HasDue, d2.Supplements, data.ModeDate); got != data.OnTime {
			t.Errorf("d2 date verdict %v, want on time", got)
		}
	}))

	// What the period 1–16/3 must show, whatever asks: d1 (Hộ tịch, TPHT) early; d5 (Hộ tịch,
	// TPHT) stopped before its due date, early; d2 (Đất đai, DCXD) late to the minute but on time
	// by date; d3 (Cư trú, no unit) still at the counter, overdue since 5/3; d4 refused, never
	// received, not counted.
	type fig = officeFigures
	figOf := func(f data.Figures) fig {
		return fig{f.ReceivedTotal, f.ResolvedTotal, f.ResolvedEarly, f.ResolvedOnTime, f.ResolvedLate, f.PendingTotal, f.PendingOverdue, f.RatedVery, f.RatedDissatisfied}
	}
	want := map[data.Mode]map[string]map[string]fig{
		data.ModeTimestamp: {
			data.ByNone: {"": {4, 3, 2, 0, 1, 1, 1, 1, 1}},
			data.ByUnit: {
				"Tư pháp - Hộ tịch":    {2, 2, 2, 0, 0, 0, 0, 1, 0},
				"Địa chính - Xây dựng": {1, 1, 0, 0, 1, 0, 0, 0, 1},
				rowWithoutUnit:         {1, 0, 0, 0, 0, 1, 1, 0, 0},
			},
			data.ByField: {
				"Hộ tịch":                 {2, 2, 2, 0, 0, 0, 0, 1, 0},
				"Đất đai":                 {1, 1, 0, 0, 1, 0, 0, 0, 1},
				"Đăng ký, quản lý cư trú": {1, 0, 0, 0, 0, 1, 1, 0, 0},
			},
		},
		data.ModeDate: {
			data.ByNone: {"": {4, 3, 2, 1, 0, 1, 1, 1, 1}},
			data.ByUnit: {
				"Tư pháp - Hộ tịch":    {2, 2, 2, 0, 0, 0, 0, 1, 0},
				"Địa chính - Xây dựng": {1, 1, 0, 1, 0, 0, 0, 0, 1},
				rowWithoutUnit:         {1, 0, 0, 0, 0, 1, 1, 0, 0},
			},
			data.ByField: {
				"Hộ tịch":                 {2, 2, 2, 0, 0, 0, 0, 1, 0},
				"Đất đai":                 {1, 1, 0, 1, 0, 0, 0, 0, 1},
				"Đăng ký, quản lý cư trú": {1, 0, 0, 0, 0, 1, 1, 0, 0},
			},
		},
	}
	groupName := map[string]string{data.ByNone: "overall", data.ByUnit: "by unit", data.ByField: "by field"}
	modes := []data.Mode{data.ModeTimestamp, data.ModeDate}
	groupings := []string{data.ByNone, data.ByUnit, data.ByField}

	t.Run("statistics", func(t *testing.T) {
		o.now = marchAt(16, 17, 0)
		for _, mode := range modes {
			for _, by := range groupings {
				t.Run(groupName[by]+" "+string(mode), func(t *testing.T) {
					rep, err := o.store.Stats(o.ctx, from, to, by, mode)
					if err != nil {
						t.Fatalf("Stats(%s, %s): %v", by, mode, err)
					}
					w := want[mode][by]
					if by == data.ByNone {
						if got := figOf(rep.Total); got != w[""] {
							t.Errorf("totals %+v, want %+v", got, w[""])
						}
						return
					}
					got := map[string]fig{}
					for _, r := range rep.Rows {
						got[r.Name] = figOf(r.Figures)
					}
					for name, f := range w {
						if g, ok := got[name]; !ok {
							t.Errorf("no row %q (rows %v)", name, got)
						} else if g != f {
							t.Errorf("row %q %+v, want %+v", name, g, f)
						}
					}
					if len(got) != len(w) {
						t.Errorf("rows %v, want exactly %d", got, len(w))
					}
					if figOf(rep.Total) != want[mode][data.ByNone][""] {
						t.Errorf("totals %+v, want %+v", figOf(rep.Total), want[mode][data.ByNone][""])
					}
				})
			}
		}
		t.Run("fees and satisfaction", func(t *testing.T) {
			rep, err := o.store.Stats(o.ctx, from, to, data.ByNone, data.ModeTimestamp)
			if err != nil {
				t.Fatal(err)
			}
			var fees int64
			for _, n := range []string{"d1", "d2", "d3", "d5"} {
				fees += o.dossiers[n].FeeAtReception + o.dossiers[n].FeeAtReturn
			}
			if rep.Total.FeesTotal != fees {
				t.Errorf("fees %d, want %d", rep.Total.FeesTotal, fees)
			}
			if r := rep.Total.SatisfactionRate; r == nil || *r != 50 {
				t.Errorf("satisfaction rate %v, want 50", r)
			}
		})
		// The command an office runs: motcua stats, both modes, by unit and by field; without
		// --mode the office's setting decides.
		for _, mode := range modes {
			for _, by := range []string{data.ByUnit, data.ByField} {
				t.Run("motcua stats --by "+by+" --mode "+string(mode), func(t *testing.T) {
					code, out, errs := o.command(t, append([]string{"stats", "--data", o.dir, "--by", by, "--mode", string(mode)}, period...)...)
					if code != 0 {
						t.Fatalf("exit %d: %s", code, errs)
					}
					checkStatsRows(t, out, want[mode][by])
				})
			}
		}
		t.Run("motcua stats follows the office's date mode", func(t *testing.T) {
			if err := o.store.SetSetting(o.ctx, o.users["quantri"], data.SettingDateMode, string(data.ModeDate)); err != nil {
				t.Fatal(err)
			}
			defer o.store.SetSetting(o.ctx, o.users["quantri"], data.SettingDateMode, string(data.ModeTimestamp))
			code, out, errs := o.command(t, append([]string{"stats", "--data", o.dir, "--by", data.ByField}, period...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			checkStatsRows(t, out, want[data.ModeDate][data.ByField])
		})
	})

	t.Run("every report in every format", func(t *testing.T) {
		if len(reportKinds) != len(reports.Kinds) {
			t.Errorf("the report command knows %d kinds, reports.Build %d", len(reportKinds), len(reports.Kinds))
		}
		out := t.TempDir()
		for _, kind := range reports.Kinds {
			for _, mode := range modes {
				for _, by := range groupings {
					for _, format := range []string{reports.FormatPDF, reports.FormatXLSX, reports.FormatCSV} {
						by, mode, format := by, mode, format
						name := strings.Join([]string{kind, groupName[by], string(mode), format}, " ")
						t.Run(name, func(t *testing.T) {
							file := filepath.Join(out, strings.ReplaceAll(name, " ", "-")+"."+format)
							args := append([]string{"report", kind, "--data", o.dir, "--mode", string(mode), "--format", format, "--out", file}, period...)
							if by != "" {
								args = append(args, "--by", by)
							}
							code, _, errs := o.command(t, args...)
							if code != 0 {
								t.Fatalf("exit %d: %s", code, strings.TrimSpace(errs))
							}
							b, err := os.ReadFile(file)
							if err != nil {
								t.Fatal(err)
							}
							var cells []string
							switch format {
							case reports.FormatPDF:
								checkPDFWhole(t, b)
								return
							case reports.FormatXLSX:
								cells = xlsxAllCells(t, b)
							case reports.FormatCSV:
								cells = csvAllCells(t, b)
							}
							if kind != reports.KindPeriodic || by == data.ByNone {
								return
							}
							for label := range want[mode][by] {
								if !hasCell(cells, label) {
									t.Errorf("no row %q in the %s report", label, groupName[by])
								}
							}
						})
					}
				}
			}
		}
		// The periodic CSV's totals are the statistics' totals, in both modes.
		for _, mode := range modes {
			t.Run("periodic CSV totals "+string(mode), func(t *testing.T) {
				w := want[mode][data.ByNone][""]
				got := periodicCSVTotals(t, o, append(period, "--mode", string(mode), "--format", "csv"))
				exp := []int{w.received, 0, 0, w.received, w.resolved, w.early, w.onTime, w.late, w.pending, w.pending - w.overdue, w.overdue}
				if fmt.Sprint(got) != fmt.Sprint(exp) {
					t.Errorf("periodic CSV totals %v, want %v", got, exp)
				}
			})
		}
	})

	t.Run("every printed form", func(t *testing.T) {
		out := t.TempDir()
		// The dossier each form is about; a form not listed here is printed for d1 (received,
		// transferred, supplemented, processed, returned, rated).
		subject := map[string][]string{
			"receipt":    {"d1", "d2"},
			"control":    {"d1", "d2"},
			"supplement": {"d1"},
			"refusal":    {"d4"},
			"apology":    {"d2"},
			"stop":       {"d5"},
		}
		forms := make([]string, 0, len(reports.Forms))
		for _, f := range reports.Forms {
			forms = append(forms, f.Name)
		}
		sort.Strings(forms)
		for _, form := range forms {
			names := subject[form]
			if names == nil {
				names = []string{"d1"}
			}
			for _, n := range names {
				layouts := []string{""}
				if form == "receipt" {
					layouts = []string{reports.ReceiptA4, reports.ReceiptA5}
				}
				for _, layout := range layouts {
					name := strings.TrimSpace(form + " " + n + " " + layout)
					t.Run(name, func(t *testing.T) {
						d := o.dossiers[n]
						code := d.Code
						if code == "" {
							code = d.ID.String()
						}
						file := filepath.Join(out, strings.ReplaceAll(name, " ", "-")+".pdf")
						args := []string{"print", form, "--data", o.dir, "--code", code, "--out", file}
						if layout != "" {
							args = append(args, "--layout", layout)
						}
						if c, _, errs := o.command(t, args...); c != 0 {
							t.Fatalf("exit %d: %s", c, strings.TrimSpace(errs))
						}
						b, err := os.ReadFile(file)
						if err != nil {
							t.Fatal(err)
						}
						checkPDFWhole(t, b)
					})
				}
			}
		}
		t.Run("book", func(t *testing.T) {
			file := filepath.Join(out, "so-theo-doi.pdf")
			if c, _, errs := o.command(t, append([]string{"print", "book", "--data", o.dir, "--out", file}, period...)...); c != 0 {
				t.Fatalf("exit %d: %s", c, strings.TrimSpace(errs))
			}
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			checkPDFWhole(t, b)
		})
	})

	// Tuesday 17/3: one reception, the daily backup, two more receptions, then the administrator
	// restores the morning's backup (a disk problem, say) and the counter goes on.
	backup := filepath.Join(t.TempDir(), data.BackupName(marchAt(17, 8, 30)))
	must(t.Run("backup", func(t *testing.T) {
		o.receive(t, "d6", marchAt(17, 8, 0), "1.004873", "Phan Văn Long")
		o.now = marchAt(17, 8, 30)
		if err := o.store.Backup(o.ctx, backup); err != nil {
			t.Fatalf("backup: %v", err)
		}
		if err := data.VerifyFile(o.ctx, backup); err != nil {
			t.Fatalf("the backup does not verify: %v", err)
		}
		o.receive(t, "d7", marchAt(17, 9, 0), "1.004194", "Lý Thị Mai")
		o.receive(t, "d8", marchAt(17, 9, 10), "1.012786", "Trịnh Văn Hùng")
	}))

	must(t.Run("restore with the store closed, then reopen", func(t *testing.T) {
		o.now = marchAt(17, 9, 30)
		code, stdout, errs := o.command(t, "restore", "--data", o.dir, backup)
		if code != 0 {
			t.Fatalf("restore: exit %d: %s", code, strings.TrimSpace(errs))
		}
		if !strings.Contains(stdout, "Đã khôi phục") {
			t.Errorf("restore said %q", stdout)
		}
		if _, _, err := o.store.DossierByCode(o.ctx, o.dossiers["d6"].Code); err != nil {
			t.Errorf("d6, received before the backup, is missing after the restore: %v", err)
		}
		for _, n := range []string{"d7", "d8"} {
			if _, _, err := o.store.DossierByCode(o.ctx, o.dossiers[n].Code); !errors.Is(err, data.ErrNotFound) {
				t.Errorf("%s, received after the backup, is still there after restoring the older backup: %v", n, err)
			}
		}
		// The staff log in again on the restored database.
		for _, name := range []string{"tiepnhan", "tuphap", "lanhdao", "quantri"} {
			u, err := o.store.Authenticate(o.ctx, name, realPassword)
			if err != nil {
				t.Fatalf("%s cannot log in after the restore: %v", name, err)
			}
			o.users[name] = u
		}
	}))

	t.Run("receive again after the restore gets a code never issued", func(t *testing.T) {
		// Every code of the day the office ever printed, the restored counter notwithstanding:
		// the next one comes after the highest (a high-water mark), never below it.
		highest := ""
		for c := range o.issued {
			highest = max(highest, c)
		}
		d9 := o.receive(t, "d9", marchAt(17, 10, 0), "1.004873", "Mai Văn Sơn")
		if d9.Unit != "" {
			t.Errorf("d9 unit %q", d9.Unit)
		}
		d10 := o.receive(t, "d10", marchAt(17, 10, 5), "1.012786", "Cao Thị Nga")
		if d10.Unit != "DCXD" {
			t.Errorf("d10 unit %q, want DCXD", d10.Unit)
		}
		if d9.Code <= highest {
			t.Errorf("after the restore the counter issued %s, not after %s (the highest code printed before)", d9.Code, highest)
		}
	})

	t.Run("check: projections agree with the event log", func(t *testing.T) {
		res, err := o.store.Check(o.ctx, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !res.OK() {
			t.Errorf("check: integrity %q, mismatches %v", res.Integrity, res.Mismatches)
		}
		if res.Dossiers != 8 { // d1–d6 (d4 refused), d9 and d10; d7 and d8 went with the restore
			t.Errorf("check replayed %d dossiers, want 8", res.Dossiers)
		}
		code, out, errs := o.command(t, "check", "--data", o.dir)
		if code != 0 || !strings.Contains(out, "Toàn vẹn: ok") {
			t.Errorf("motcua check: exit %d %q %q", code, out, errs)
		}
	})
}

// checkStatsRows compares motcua stats's rows with the expected figures, by row name.
func checkStatsRows(t *testing.T, out string, want map[string]officeFigures) {
	t.Helper()
	var got struct {
		Rows []data.Row `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("stats JSON: %v", err)
	}
	names := map[string]data.Figures{}
	for _, r := range got.Rows {
		names[r.Name] = r.Figures
	}
	for name, w := range want {
		f, ok := names[name]
		if !ok {
			t.Errorf("no row %q in %v", name, got.Rows)
			continue
		}
		g := [...]int{f.ReceivedTotal, f.ResolvedTotal, f.ResolvedEarly, f.ResolvedOnTime, f.ResolvedLate, f.PendingTotal, f.PendingOverdue, f.RatedVery, f.RatedDissatisfied}
		e := [...]int{w.received, w.resolved, w.early, w.onTime, w.late, w.pending, w.overdue, w.very, w.dis}
		if g != e {
			t.Errorf("row %q %v, want %v", name, g, e)
		}
	}
	if len(names) != len(want) {
		t.Errorf("%d rows, want %d", len(names), len(want))
	}
}

// periodicCSVTotals runs motcua report periodic as CSV and returns its totals row's figures.
func periodicCSVTotals(t *testing.T, o *realOffice, args []string) []int {
	t.Helper()
	file := filepath.Join(t.TempDir(), "bao-cao.csv")
	code, _, errs := o.command(t, append([]string{"report", "periodic", "--data", o.dir, "--out", file}, args...)...)
	if code != 0 {
		t.Fatalf("report periodic: exit %d: %s", code, strings.TrimSpace(errs))
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	recs := csvReportRecords(t, b)
	last := recs[len(recs)-1]
	if len(last) < 13 || last[1] != "TỔNG CỘNG" {
		t.Fatalf("CSV last row %v", last)
	}
	var out []int
	for _, v := range last[2:13] {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("CSV total %q: %v", v, err)
		}
		out = append(out, n)
	}
	return out
}

var pdfPagesCount = regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`)

// checkPDFWhole checks a PDF is whole: its header, its end marker and at least one page.
func checkPDFWhole(t *testing.T, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF: starts %q", b[:min(len(b), 16)])
	}
	if !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
		t.Error("PDF without its end-of-file marker")
	}
	m := pdfPagesCount.FindSubmatch(b)
	if m == nil {
		t.Fatal("PDF without a page tree")
	}
	if n, _ := strconv.Atoi(string(m[1])); n < 1 {
		t.Errorf("PDF with %d pages", n)
	}
}

// xlsxAllCells opens a workbook and returns the text of every cell of every sheet.
func xlsxAllCells(t *testing.T, b []byte) []string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("XLSX does not open: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		t.Fatal("XLSX without a sheet")
	}
	var cells []string
	for _, sh := range sheets {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatalf("XLSX sheet %q: %v", sh, err)
		}
		for _, r := range rows {
			cells = append(cells, r...)
		}
	}
	if len(cells) == 0 {
		t.Error("XLSX with no cell")
	}
	return cells
}

func csvReportRecords(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Error("CSV without the UTF-8 BOM spreadsheet programs need")
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))))
	r.FieldsPerRecord = -1 // a report may hold several tables of different widths
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	if len(recs) < 2 {
		t.Fatalf("CSV with %d records", len(recs))
	}
	return recs
}

func csvAllCells(t *testing.T, b []byte) []string {
	var cells []string
	for _, r := range csvReportRecords(t, b) {
		cells = append(cells, r...)
	}
	return cells
}

func hasCell(cells []string, s string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) == s {
			return true
		}
	}
	return false
}
