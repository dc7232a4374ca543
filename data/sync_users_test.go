package data

import (
	"context"
	"strings"
	"testing"
	"time"
)

// putAccounts gives a hub's copy of the office the accounts of stations, as their pushes do.
func putAccounts(t testing.TB, hub *Store, stations ...*Store) {
	t.Helper()
	for _, s := range stations {
		accs, err := s.Accounts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if err := hub.PutAccounts(context.Background(), accs); err != nil {
			t.Fatal(err)
		}
	}
}

// A station reports each account's last change and, for an inactive one, when it was
// deactivated; never a password hash. Of two records of one username the hub keeps the newer,
// and only a hub's copy takes them.
func TestAccountsTravelNewestWins(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.clk.set(at("2026-03-02 08:00"))
	if _, err := f.s.CreateUser(ctx, f.admin, NewUser{Username: "lanhdaomoi", FullName: "Lê Văn Bình", Roles: RoleLeader, Password: "matkhau123"}); err != nil {
		t.Fatal(err)
	}
	f.clk.set(at("2026-03-03 09:30"))
	if err := f.s.UpdateUser(ctx, f.admin, User{Username: "lanhdaomoi", FullName: "Lê Văn Bình", Roles: RoleLeader, Active: false}); err != nil {
		t.Fatal(err)
	}
	accs, err := f.s.Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got *Account
	for i := range accs {
		if accs[i].Username == "lanhdaomoi" {
			got = &accs[i]
		}
	}
	if got == nil || got.Active || !got.Updated.Equal(at("2026-03-03 09:30")) || !got.InactiveSince.Equal(at("2026-03-03 09:30")) {
		t.Fatalf("account: %+v", got)
	}
	if err := f.s.PutAccounts(ctx, accs); err == nil {
		t.Error("a station took account records")
	}

	hub, err := Open(t.TempDir() + "/hub.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hub.Close() })
	if err := hub.SetupReplica(ctx, testOffice); err != nil {
		t.Fatal(err)
	}
	if err := hub.PutAccounts(ctx, accs); err != nil {
		t.Fatal(err)
	}
	// Another counter still holds the account as it was before the deactivation: ignored.
	stale := *got
	stale.Active, stale.InactiveSince, stale.Updated = true, time.Time{}, at("2026-03-02 08:00")
	if err := hub.PutAccounts(ctx, []Account{stale}); err != nil {
		t.Fatal(err)
	}
	states, err := hub.accountStates(ctx, hub.db)
	if err != nil {
		t.Fatal(err)
	}
	st := states["lanhdaomoi"]
	if st.active || !st.inactiveSince.Equal(at("2026-03-03 09:30")) || st.roles != RoleLeader {
		t.Fatalf("hub's state: %+v", st)
	}
	var hash string
	if err := hub.db.QueryRow("SELECT password_hash FROM users WHERE username = 'lanhdaomoi'").Scan(&hash); err != nil || hash != "" {
		t.Fatalf("password hash at the hub: %q %v", hash, err)
	}
	if _, err := hub.Authenticate(ctx, "lanhdaomoi", ""); err == nil {
		t.Fatal("an account at the hub could log in")
	}
	for name, e := range map[string]Event{
		"stop while active":          {Actor: "lanhdaomoi", Type: EvStopped, At: at("2026-03-03 09:00")},
		"system receives (import)":   {Actor: systemName, Type: EvReceived},
		"admin processes (register)": {Actor: "admin", Type: EvProcessed},
	} {
		if err := actorMay(withAdmin(states), &e); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, e := range map[string]Event{
		"stop after deactivation": {Actor: "lanhdaomoi", Type: EvStopped, At: at("2026-03-03 09:30")},
		"system writes a note":    {Actor: systemName, Type: EvNote},
		"admin apologises":        {Actor: "admin", Type: EvApologyIssued},
		"unknown":                 {Actor: "ai", Type: EvNote},
	} {
		if err := actorMay(withAdmin(states), &e); err == nil || !strings.Contains(err.Error(), "người thực hiện") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func withAdmin(m map[string]accountState) map[string]accountState {
	m["admin"] = accountState{roles: RoleAdmin, active: true}
	return m
}
