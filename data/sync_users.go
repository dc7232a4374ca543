package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"motcua/data/vntext"
)

// Account is an office's user account as it travels to the hub, so that the hub checks who did
// what with the station's own rules (docs/sync-protocol.md, "Accounts"). It never carries a
// password hash, a title or login counters.
type Account struct {
	Username string
	FullName string
	Unit     string // unit code, "" for the one-stop office itself
	Roles    Roles
	Active   bool
	// Updated is the time of the account's last change (creation, roles, unit, name,
	// deactivation, reactivation): of two records of one username, the newer wins at the hub.
	Updated time.Time
	// InactiveSince is when an inactive account was deactivated (zero while active, or when not
	// known): its events from before that time still count.
	InactiveSince time.Time
}

// Validate checks an account record that arrived from a station.
func (a *Account) Validate() error {
	if !usernamePattern.MatchString(a.Username) || a.Username == systemName {
		return inputError(KeyUserName, msgValueInvalid, a.Username)
	}
	if err := checkText(KeyUserFullName, a.FullName, maxName, true); err != nil {
		return err
	}
	if a.Unit != "" && !unitCodePattern.MatchString(a.Unit) {
		return inputError(KeyUserUnit, msgBadUnitCode)
	}
	if !a.Roles.Valid() {
		return inputError(KeyUserRoles, msgInvalid)
	}
	if a.Updated.IsZero() {
		return inputError(KeyAccountUpdated, msgRequired)
	}
	if a.Active && !a.InactiveSince.IsZero() {
		return inputError(KeyAccountInactiveSince, msgAccountIsActive)
	}
	return nil
}

// userChanges are the audit actions that change an account's state; each one's detail starts
// with the username (createUser, auditUserChange).
var userChanges = []string{"user_created", "user_roles", "user_deactivated", "user_reactivated", "user_updated"}

// Accounts lists this station's accounts for the hub, with the time of each one's last change
// and, for an inactive one, of its deactivation, read from the audit table. The accounts are read
// after the events of a push: an account is never deleted, so every actor of those events that
// is an account here is in the list.
func (s *Store) Accounts(ctx context.Context) ([]Account, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT u.username, u.full_name, COALESCE(un.code, ''), u.roles, u.active, u.created_at
		FROM users u LEFT JOIN units un ON un.id = u.unit_id ORDER BY u.username`)
	if err != nil {
		return nil, fmt.Errorf("đọc danh sách người dùng: %w", err)
	}
	var out []Account
	for rows.Next() {
		var a Account
		var roles int
		var created string
		if err := rows.Scan(&a.Username, &a.FullName, &a.Unit, &roles, &a.Active, &created); err != nil {
			rows.Close()
			return nil, fmt.Errorf("đọc danh sách người dùng: %w", err)
		}
		a.Roles = Roles(roles)
		a.Updated, _ = time.Parse(time.RFC3339, created)
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("đọc danh sách người dùng: %w", err)
	}
	byName := make(map[string]*Account, len(out))
	for i := range out {
		byName[out[i].Username] = &out[i]
	}
	rows, err = s.db.QueryContext(ctx, `SELECT action, detail, at FROM audit WHERE action IN (?, ?, ?, ?, ?)`,
		userChanges[0], userChanges[1], userChanges[2], userChanges[3], userChanges[4])
	if err != nil {
		return nil, fmt.Errorf("đọc nhật ký quản trị: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var action, detail, at string
		if err := rows.Scan(&action, &detail, &at); err != nil {
			return nil, fmt.Errorf("đọc nhật ký quản trị: %w", err)
		}
		name, _, _ := strings.Cut(detail, " ")
		a := byName[name]
		t, err := time.Parse(time.RFC3339, at)
		if a == nil || err != nil {
			continue
		}
		if t.After(a.Updated) {
			a.Updated = t
		}
		if action == "user_deactivated" && !a.Active && t.After(a.InactiveSince) {
			a.InactiveSince = t
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("đọc nhật ký quản trị: %w", err)
	}
	valid := out[:0]
	for _, a := range out {
		if a.Updated.IsZero() { // a row written by hand: sent, but loses to any dated record
			a.Updated = time.Unix(0, 0)
		}
		a.Updated = a.Updated.In(s.loc)
		if !a.InactiveSince.IsZero() {
			a.InactiveSince = a.InactiveSince.In(s.loc)
		}
		a.FullName = vntext.Clean(a.FullName) // as UpdateUser would store it
		// The hub refuses a push with an invalid record; an account an earlier version let in
		// (say, a name too long) is left out rather than blocking every sync: its events are
		// refused one by one, with the reason, and it can be corrected on the users screen.
		if a.Validate() == nil {
			valid = append(valid, a)
		}
	}
	return valid, nil
}

// accountSynced is the audit action with which a hub's copy of an office records an account
// record it took: its time is the record's Updated, its detail the username and, for an inactive
// account, the time of the deactivation. The latest one of a username is the account's version
// (a hub has no schema of its own for accounts: the replica is a Một Cửa database like any other).
const accountSynced = "user_synced"

// PutAccounts takes the account records a station sent into the hub's copy of its office: a record
// newer than the one held (by Updated) replaces it; an older one (a station that has not seen a
// change made at another) is ignored. The accounts get no usable password: nobody logs in at a
// hub. Only a replica takes accounts this way.
func (s *Store) PutAccounts(ctx context.Context, accs []Account) error {
	if len(accs) == 0 {
		return nil
	}
	for i := range accs {
		if err := accs[i].Validate(); err != nil {
			return fmt.Errorf("tài khoản %q: %w", accs[i].Username, err)
		}
	}
	held, err := s.accountStates(ctx, s.db)
	if err != nil {
		return err
	}
	var fresh []Account
	for _, a := range accs {
		if h, ok := held[a.Username]; !ok || a.Updated.After(h.updated) {
			fresh = append(fresh, a)
		}
	}
	if len(fresh) == 0 {
		return nil // the usual case: nothing changed since the last push, nothing written
	}
	return s.WithTx(ctx, func(tx *sql.Tx) error {
		var replica string
		if err := tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'replica'").Scan(&replica); err != nil || replica != "1" {
			return fmt.Errorf("%w: chỉ bản sao của máy chủ nhận danh sách tài khoản", ErrForbidden)
		}
		for _, a := range fresh {
			var unitID sql.NullInt64
			if a.Unit != "" {
				// A unit the hub does not know yet (the office's snapshot comes after the push) is
				// left empty: the checks do not need it.
				err := tx.QueryRowContext(ctx, "SELECT id FROM units WHERE code = ?", a.Unit).Scan(&unitID)
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("đọc đơn vị: %w", err)
				}
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO users(username, full_name, unit_id, roles, password_hash, active, created_at)
				VALUES (?, ?, ?, ?, '', ?, ?)
				ON CONFLICT(username) DO UPDATE SET full_name = excluded.full_name, unit_id = excluded.unit_id,
					roles = excluded.roles, active = excluded.active`,
				a.Username, a.FullName, unitID, int(a.Roles), a.Active, a.Updated.Format(time.RFC3339)); err != nil {
				return fmt.Errorf("ghi tài khoản %q: %w", a.Username, err)
			}
			detail := a.Username
			if !a.InactiveSince.IsZero() {
				detail += " " + a.InactiveSince.Format(time.RFC3339Nano)
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO audit(at, username, action, detail) VALUES (?, ?, ?, ?)",
				a.Updated.Format(time.RFC3339Nano), systemName, accountSynced, detail); err != nil {
				return fmt.Errorf("ghi tài khoản %q: %w", a.Username, err)
			}
		}
		return nil
	})
}

// accountState is what a replica knows of an account, for checking events.
type accountState struct {
	roles         Roles
	active        bool
	updated       time.Time
	inactiveSince time.Time
}

// accountStates reads a replica's accounts with the version and deactivation time of each.
func (s *Store) accountStates(ctx context.Context, q querier) (map[string]accountState, error) {
	out := map[string]accountState{}
	rows, err := q.QueryContext(ctx, "SELECT username, roles, active FROM users")
	if err != nil {
		return nil, fmt.Errorf("đọc danh sách người dùng: %w", err)
	}
	for rows.Next() {
		var name string
		var roles int
		var st accountState
		if err := rows.Scan(&name, &roles, &st.active); err != nil {
			rows.Close()
			return nil, fmt.Errorf("đọc danh sách người dùng: %w", err)
		}
		st.roles = Roles(roles)
		out[name] = st
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("đọc danh sách người dùng: %w", err)
	}
	rows, err = q.QueryContext(ctx, "SELECT detail, at FROM audit WHERE action = ? ORDER BY id", accountSynced)
	if err != nil {
		return nil, fmt.Errorf("đọc nhật ký tài khoản: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var detail, at string
		if err := rows.Scan(&detail, &at); err != nil {
			return nil, fmt.Errorf("đọc nhật ký tài khoản: %w", err)
		}
		name, since, _ := strings.Cut(detail, " ")
		st, ok := out[name]
		t, err := time.Parse(time.RFC3339Nano, at)
		if !ok || err != nil || t.Before(st.updated) {
			continue
		}
		st.updated = t
		st.inactiveSince, _ = time.Parse(time.RFC3339Nano, since) // zero when none
		out[name] = st
	}
	return out, rows.Err()
}

// actorMay is the hub's check of who did what (docs/sync-protocol.md, "What the hub checks"): the
// event's actor must be an account of the office, active at the event's time, whose roles the
// workflow allows to record the event's type (mayRecord). The system actor and administrators
// may also record what the register import writes (importTypes): that path (Batch) requires the
// administrator role at the station, not the step's role. Whether the dossier's status allows the
// step is the replay's question (a conflict, kept and marked), not a refusal: the result must not
// depend on the order in which the hub hears of events.
func actorMay(accounts map[string]accountState, e *Event) error {
	if e.Actor == systemName {
		if importTypes[e.Type] {
			return nil
		}
		return inputError(KeyEvent, msgSystemActor, systemName, string(e.Type))
	}
	a, ok := accounts[e.Actor]
	if !ok {
		return inputError(KeyEvent, msgForeignActor, e.Actor)
	}
	if !a.active && (a.inactiveSince.IsZero() || !e.At.Before(a.inactiveSince)) {
		return inputError(KeyEvent, msgLockedActor, e.Actor)
	}
	if mayRecord(a.roles, e.Type) || a.roles.Has(RoleAdmin) && importTypes[e.Type] {
		return nil
	}
	return inputError(KeyEvent, msgActorNoRight, e.Actor, a.roles, e.Type.verb())
}
