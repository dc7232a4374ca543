package station_test

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"motcua/data"
	"motcua/sync/station"
	"motcua/sync/synctest"
)

// forge writes an event straight into a station's log, as a hostile or broken station would send
// it: nothing of the store's own checks applies.
func forge(t *testing.T, st *synctest.Station, dossier uuid.UUID, typ data.EventType, at time.Time, actor string, payload []byte) uuid.UUID {
	t.Helper()
	id := uuid.Must(uuid.NewV7())
	o, _ := st.Store.Office()
	_, err := st.Store.DB().Exec(`INSERT INTO events(id, dossier, type, at, actor, station, office, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		id[:], dossier[:], string(typ), at.In(time.FixedZone("", 7*3600)).Format(data.TimeFormat), actor, st.Store.Station(), o.Code, payload)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// receivedPayload is the payload of a received dossier with the applicant's name replaced by the
// raw bytes name.
func receivedPayload(t *testing.T, st *synctest.Station, code string, name []byte) []byte {
	t.Helper()
	in, err := st.Store.Intake(context.Background(), data.Reception{Procedure: "1.004873",
		Applicant: data.Person{Name: "TÊN-THAY-THẾ", IDNo: "038085001234", Address: "Thôn Đông"}})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(&data.Received{Intake: in, Code: code, FormSet: "2025"})
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Replace(raw, []byte("TÊN-THAY-THẾ"), name, 1)
}

// quarantined maps the ids of a station's quarantined events to their reasons.
func quarantined(t *testing.T, st *synctest.Station) map[uuid.UUID]string {
	t.Helper()
	q, err := st.Store.Quarantine(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[uuid.UUID]string{}
	for _, e := range q {
		out[e.ID] = e.Reason
	}
	return out
}

func holds(ids []string, id uuid.UUID) bool {
	for _, x := range ids {
		if x == id.String() {
			return true
		}
	}
	return false
}

// What a station sends is decoded strictly: invalid UTF-8 in an applicant's name, an unknown field
// holding a 5,000-deep object and a name not in NFC are refused, nothing of them is stored at the
// hub or reaches another station, each sits in the sender's quarantine with a reason, and the
// honest events around them go through.
func TestHubRefusesPayloadsNotDecodedStrictly(t *testing.T) {
	w := newWorld(t)
	a, ca := w.station(t, synctest.OfficeA, 0, nil)
	_, cb := w.station(t, synctest.OfficeA, 1, nil)
	d := a.Receive(t, "Nguyễn Văn An")
	at := synctest.At("2026-03-02 08:30")

	badUTF8 := forge(t, a, uuid.Must(uuid.NewV7()), data.EvReceived, at, "tiepnhan",
		receivedPayload(t, a, "000.00.06.H56-260302-0900", []byte("Nguy\xff\xfen Văn Bình")))
	deep := strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000)
	unknown := forge(t, a, d.ID, data.EvNote, at, "tiepnhan", []byte(`{"text":"Ghi chú","x":`+deep+`}`))
	nfd := forge(t, a, uuid.Must(uuid.NewV7()), data.EvReceived, at, "tiepnhan",
		receivedPayload(t, a, "000.00.06.H56-260302-0901", []byte("Nguye\u0302\u0303n Văn Cường"))) // NFD: refused, not normalised
	caseTwin := forge(t, a, d.ID, data.EvNote, at, "tiepnhan", []byte(`{"text":"Ghi chú","TEXT":"khác"}`))
	a.Receive(t, "Lê Thị Hoa") // honest, after the hostile ones: it goes through

	rep := syncOK(t, ca)
	if len(rep.Refused) != 4 {
		t.Fatalf("refused %d events, want 4: %+v", len(rep.Refused), rep.Refused)
	}
	q := quarantined(t, a)
	ids := hubEventIDs(t, w.h)
	for name, id := range map[string]uuid.UUID{"invalid UTF-8": badUTF8, "unknown deep field": unknown, "NFD name": nfd, "name twice": caseTwin} {
		if q[id] == "" {
			t.Errorf("%s: not in the station's quarantine (%v)", name, q)
		}
		if holds(ids, id) {
			t.Errorf("%s: stored at the hub", name)
		}
	}
	if len(ids) != 2 {
		t.Errorf("hub holds %d events, want the 2 honest ones", len(ids))
	}
	// The other station gets the honest dossiers only, and its pull does not fail.
	rb := syncOK(t, cb)
	if rb.Pulled != 2 {
		t.Errorf("station 1 pulled %d events, want 2", rb.Pulled)
	}
}

// A station pulling refuses such a payload too (the hub of an earlier version may hold one), and
// is not stopped by it.
func TestStationRefusesPulledPayloadsNotDecodedStrictly(t *testing.T) {
	st := synctest.NewStation(t, t.TempDir(), synctest.OfficeA, 1)
	d := st.Receive(t, "Nguyễn Văn An")
	o, _ := st.Store.Office()
	mk := func(typ data.EventType, payload []byte) data.Synced {
		return data.Synced{Origin: "hub", Event: data.Event{ID: uuid.Must(uuid.NewV7()), Dossier: d.ID, Type: typ,
			At: synctest.At("2026-03-02 08:30"), Actor: "tiepnhan", Station: 0, Office: o.Code, Payload: payload}}
	}
	deep := strings.Repeat(`[`, 5000) + strings.Repeat("]", 5000)
	res, err := st.Store.ApplyPulled(context.Background(), "e", 1, []data.Synced{
		mk(data.EvNote, []byte("{\"text\":\"Ghi \xff\xfe chú\"}")),
		mk(data.EvNote, []byte(`{"text":"Ghi chú","x":`+deep+`}`)),
		mk(data.EvNote, []byte(`{"text":"Ghi \ud800 chú"}`)),
		mk(data.EvNote, []byte(`{"text":"Ghi chú"}`)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rejected) != 3 || res.Stored != 1 {
		t.Fatalf("stored %d, refused %+v; want 1 stored, 3 refused", res.Stored, res.Rejected)
	}
	checkOK(t, "station", st.Store)
}

// The hub checks who did what against the office's accounts: a leader-only "stopped" event by an
// actor the office does not have, by an officer without the leader role, or by a deactivated
// account after its deactivation is refused and quarantined; the dossier keeps its status at the
// hub and at the other station. Events a leader wrote while active still count after the account
// was deactivated, and an account created and acting in the same push is known.
func TestHubChecksActorsAgainstTheOfficeAccounts(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	a, ca := w.station(t, synctest.OfficeA, 0, nil)
	b, cb := w.station(t, synctest.OfficeA, 1, nil)
	mk := func(name string, roles data.Roles) *data.User {
		u, err := a.Store.CreateUser(ctx, data.System, data.NewUser{Username: name, FullName: "Cán bộ " + name, Roles: roles, Password: "matkhau123"})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	mk("xuly", data.RoleOfficer)
	leader := mk("lanhdao", data.RoleLeader)
	gone := mk("lanhdaocu", data.RoleLeader)
	d := a.Receive(t, "Nguyễn Văn An")
	early := a.Receive(t, "Lê Thị Hoa")
	later := a.Receive(t, "Trần Văn Bảo")
	a.Clock.Set(synctest.At("2026-03-02 09:00"))
	if _, err := a.Store.Record(ctx, gone, early.ID, &data.Stopped{Reason: "Dừng theo đề nghị"}); err != nil {
		t.Fatal(err)
	}
	a.Clock.Set(synctest.At("2026-03-02 10:00"))
	if err := a.Store.UpdateUser(ctx, data.System, data.User{Username: "lanhdaocu", FullName: "Cán bộ lanhdaocu", Roles: data.RoleLeader, Active: false}); err != nil {
		t.Fatal(err)
	}
	stop := []byte(`{"reason":"Dừng xử lý"}`)
	at := synctest.At("2026-03-02 10:30")
	forged := map[string]uuid.UUID{
		"unknown actor":      forge(t, a, d.ID, data.EvStopped, at, "giamao", stop),
		"officer, no leader": forge(t, a, d.ID, data.EvStopped, at, "xuly", stop),
		"deactivated":        forge(t, a, d.ID, data.EvStopped, at, "lanhdaocu", stop),
		"system":             forge(t, a, d.ID, data.EvNote, at, "system", []byte(`{"text":"Ghi chú"}`)),
	}
	a.Clock.Set(synctest.At("2026-03-02 11:00"))
	rep := syncOK(t, ca)
	if len(rep.Refused) != len(forged) {
		t.Fatalf("refused %+v, want %d", rep.Refused, len(forged))
	}
	q := quarantined(t, a)
	ids := hubEventIDs(t, w.h)
	for name, id := range forged {
		if q[id] == "" || !strings.Contains(q[id], "thực hiện") {
			t.Errorf("%s: quarantine reason %q", name, q[id])
		}
		if holds(ids, id) {
			t.Errorf("%s: stored at the hub", name)
		}
	}
	syncOK(t, cb)
	got, _, err := b.Store.DossierByID(ctx, d.ID)
	if err != nil || got.Status != data.StatusReceived {
		t.Fatalf("dossier at the other station: %+v %v, want still received", got, err)
	}
	if got, _, err := b.Store.DossierByID(ctx, early.ID); err != nil || got.Status != data.StatusStopped {
		t.Fatalf("the deactivated leader's earlier stop: %+v %v, want stopped", got, err)
	}
	// The real leader may (another dossier: the forged events sit in this station's own log).
	if _, err := a.Store.Record(ctx, leader, later.ID, &data.Stopped{Reason: "Dừng xử lý"}); err != nil {
		t.Fatal(err)
	}
	if rep := syncOK(t, ca); len(rep.Refused) != 0 || rep.Stored != 1 {
		t.Fatalf("the leader's stop: %+v", rep)
	}
}

// An honest office set up as in real life (Setup, the bundled catalog, accounts, dossiers
// received, transferred, processed, returned) syncs with nothing refused, and the hub's figures
// are the station's.
func TestHonestOfficeSyncsWithNothingRefused(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	clk := &synctest.Clock{}
	clk.Set(synctest.At("2026-03-02 07:30"))
	s, err := data.Open(t.TempDir()+"/"+data.DBFile, data.WithClock(clk.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	office := data.Office{Code: "000.00.12.H40", Name: "UBND xã Hòa Bình", Level: "xa", GoverningBody: "UBND tỉnh Nghệ An", Place: "Hòa Bình"}
	if err := s.Setup(ctx, office, 0, data.NewUser{Username: "quantri", FullName: "Nguyễn Văn Quản", Password: "matkhau123"}); err != nil {
		t.Fatal(err)
	}
	admin, err := s.Authenticate(ctx, "quantri", "matkhau123")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportCatalog(ctx, admin, bytes.NewReader(data.OfficialCatalogCSV())); err != nil {
		t.Fatal(err)
	}
	if err := s.PutUnit(ctx, admin, data.Unit{Code: "TPHT", Name: "Tư pháp - Hộ tịch", Active: true}); err != nil {
		t.Fatal(err)
	}
	users := map[string]*data.User{}
	for _, nu := range []data.NewUser{
		{Username: "tiepnhan", FullName: "Trần Thị Thu", Roles: data.RoleReception},
		{Username: "tuphap", FullName: "Phạm Thị Lan Anh", Unit: "TPHT", Roles: data.RoleOfficer},
		{Username: "lanhdao", FullName: "Lê Văn Bình", Roles: data.RoleLeader},
	} {
		nu.Password = "matkhau123"
		if users[nu.Username], err = s.CreateUser(ctx, admin, nu); err != nil {
			t.Fatal(err)
		}
	}
	clk.Set(synctest.At("2026-03-02 08:00"))
	for i, name := range []string{"Nguyễn Thị Hoa", "Đỗ Văn Thắng", "Hoàng Văn Dũng", "Bùi Thị Hương", "Vũ Văn Nam"} {
		clk.Set(clk.Now().Add(10 * time.Minute))
		d, err := s.Receive(ctx, users["tiepnhan"], data.Reception{Procedure: "1.004873", Applicant: data.Person{Name: name, Address: "Thôn Đông"}})
		if err != nil {
			t.Fatal(err)
		}
		clk.Set(clk.Now().Add(time.Minute))
		if _, err := s.Record(ctx, users["tiepnhan"], d.ID, &data.Transferred{ToUnit: "TPHT", ToHandler: "tuphap"}); err != nil {
			t.Fatal(err)
		}
		if i == 4 {
			clk.Set(clk.Now().Add(time.Minute))
			if _, err := s.Record(ctx, users["lanhdao"], d.ID, &data.Stopped{Reason: "Công dân không bổ sung"}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		clk.Set(clk.Now().Add(time.Hour))
		if _, err := s.Record(ctx, users["tuphap"], d.ID, &data.Processed{Summary: "Đã cấp"}); err != nil {
			t.Fatal(err)
		}
		if i < 2 {
			clk.Set(clk.Now().Add(time.Hour))
			if _, err := s.Record(ctx, users["tiepnhan"], d.ID, &data.Returned{ReceiverName: name}); err != nil {
				t.Fatal(err)
			}
		}
	}
	tok, err := w.h.EnrollStation(ctx, office.Code, 0)
	if err != nil {
		t.Fatal(err)
	}
	c, err := station.New(s, station.Config{Hub: w.srv.URL, Token: tok})
	if err != nil {
		t.Fatal(err)
	}
	rep := syncOK(t, c)
	if len(rep.Refused) != 0 || rep.Stored != 17 {
		t.Fatalf("sync: stored %d, refused %+v; want 17 stored, none refused", rep.Stored, rep.Refused)
	}
	from, to := dateOf("2026-03-01"), dateOf("2026-03-31")
	local, err := s.Stats(ctx, from, to, "", "")
	if err != nil {
		t.Fatal(err)
	}
	remote, err := w.h.Stats(ctx, office.Code, from, to, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(local.Total, remote.Figures) {
		t.Fatalf("figures differ:\nstation %+v\nhub     %+v", local.Total, remote.Figures)
	}
}
