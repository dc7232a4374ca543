package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"motcua/data/vntext"
)

// User is an official who logs in at this station.
type User struct {
	ID       int64
	Username string
	FullName string
	Title    string
	Unit     string // unit code, "" for the one-stop office itself
	Roles    Roles
	Active   bool
}

// NewUser is what an administrator types to create an account.
type NewUser struct {
	Username string
	FullName string
	Title    string
	Unit     string
	Roles    Roles
	Password string
}

// System is the actor of headless administration commands (import, restore, sync, the demo
// builder) and of a hub's replicas, which have no users. It is not in the users table: the store
// recognises this very pointer, never a struct that looks like it, so a copy of it or a user made
// up with every role writes nothing. Trusting the pointer is no hole: the command line is not a
// privilege boundary, because whoever has a shell on the PC already has the database file.
var System = &User{Username: systemName, FullName: "Hệ thống", Roles: AllRoles, Active: true}

// systemName is System's username; no account may take it, so that no one's events read as the
// system's.
const systemName = "system"

// Lockout policy: five failures lock the account for five minutes.
const (
	maxFailedLogins = 5
	lockDuration    = 5 * time.Minute
	minPassword     = 8
)

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,39}$`)

// actorTx reads actor from the users table in q (the write's own transaction, so that a change
// of account committed before it is seen and none can slip in between) and checks that the
// account exists, is active and holds one of want (AllRoles: any role). The caller's struct is
// only a name: a session kept by a window since login, or a struct made up in code, carries roles
// and an active flag that may be stale or false. The returned user is the table's, and it is the
// one a write uses for its roles, unit and the name it records.
func actorTx(ctx context.Context, q querier, actor *User, want Roles) (*User, error) {
	if actor == System {
		return System, nil
	}
	if actor == nil {
		return nil, ErrForbidden
	}
	me, err := userByName(ctx, q, actor.Username)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("%w: không có tài khoản %q", ErrForbidden, actor.Username)
	}
	if err != nil {
		return nil, fmt.Errorf("đọc tài khoản %q: %w", actor.Username, err)
	}
	if !me.Active {
		return nil, fmt.Errorf("%w: tài khoản %q đã bị khóa", ErrForbidden, me.Username)
	}
	if !me.Roles.Has(want) {
		return nil, ErrForbidden
	}
	return me, nil
}

// actorInFile is actorTx for a write that happens with the store closed (a restore from the
// window): it reads actor from the database file at path, read-only. Where there is no database
// there is no account either, so only System may write there.
func actorInFile(ctx context.Context, path string, actor *User, want Roles) (*User, error) {
	if actor == System {
		return System, nil
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: chưa có cơ sở dữ liệu %s", ErrForbidden, path)
	}
	db, err := sql.Open(driverName, "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return nil, fmt.Errorf("mở cơ sở dữ liệu %s: %w", path, err)
	}
	defer db.Close()
	return actorTx(ctx, db, actor, want)
}

// withActorTx runs fn in one transaction after actorTx has checked actor there for want.
func (s *Store) withActorTx(ctx context.Context, actor *User, want Roles, fn func(tx *sql.Tx) error) error {
	return s.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := actorTx(ctx, tx, actor, want); err != nil {
			return err
		}
		return fn(tx)
	})
}

func (u *NewUser) normalize() {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	u.FullName = vntext.Clean(u.FullName)
	u.Title = vntext.Clean(u.Title)
	u.Unit = strings.TrimSpace(u.Unit)
}

func checkPassword(p string) error {
	if utf8.RuneCountInString(p) < minPassword {
		return inputError(KeyUserPassword, msgPasswordShort, minPassword)
	}
	if len(p) > 72 { // bcrypt reads only 72 bytes; a longer one would silently be cut
		return inputError(KeyUserPassword, msgPasswordLong)
	}
	return nil
}

func (u *NewUser) validate() error {
	if !usernamePattern.MatchString(u.Username) {
		return inputError(KeyUserName, msgBadUsername)
	}
	if u.Username == systemName {
		return inputError(KeyUserName, msgReservedName, systemName)
	}
	if err := checkText(KeyUserFullName, u.FullName, maxName, true); err != nil {
		return err
	}
	if err := checkText(KeyUserTitle, u.Title, maxName, false); err != nil {
		return err
	}
	if !u.Roles.Valid() {
		return inputError(KeyUserRoles, msgNoRole)
	}
	return checkPassword(u.Password)
}

// CreateUser adds an account (administrators only).
func (s *Store) CreateUser(ctx context.Context, actor *User, u NewUser) (*User, error) {
	var out *User
	err := s.WithTx(ctx, func(tx *sql.Tx) error {
		me, err := actorTx(ctx, tx, actor, RoleAdmin)
		if err != nil {
			return err
		}
		out, err = s.createUser(ctx, tx, me.Username, u)
		return err
	})
	return out, err
}

// createUser adds the account u, written to the audit table as created by the username by.
func (s *Store) createUser(ctx context.Context, tx *sql.Tx, by string, u NewUser) (*User, error) {
	u.normalize()
	if err := u.validate(); err != nil {
		return nil, err
	}
	unitID, err := unitIDTx(ctx, tx, u.Unit)
	if err != nil {
		return nil, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(u.Password), bcrypt.DefaultCost)
	if err != nil {
		return nil, fmt.Errorf("băm mật khẩu: %w", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO users(username, full_name, title, unit_id, roles, password_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(username) DO NOTHING`,
		u.Username, u.FullName, u.Title, unitID, int(u.Roles), string(hash), s.Now().Format(time.RFC3339))
	if err != nil {
		return nil, fmt.Errorf("tạo người dùng: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, inputError(KeyUserName, msgUserExists, u.Username)
	}
	id, _ := res.LastInsertId()
	if err := audit(ctx, tx, s.Now(), by, "user_created", fmt.Sprintf("%s roles=%s unit=%s", u.Username, u.Roles.Keys(), u.Unit)); err != nil {
		return nil, err
	}
	return &User{ID: id, Username: u.Username, FullName: u.FullName, Title: u.Title, Unit: u.Unit, Roles: u.Roles, Active: true}, nil
}

func unitIDTx(ctx context.Context, tx *sql.Tx, code string) (sql.NullInt64, error) {
	if code == "" {
		return sql.NullInt64{}, nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM units WHERE code = ?", code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return sql.NullInt64{}, inputError(KeyUserUnit, msgNoSuchUnit, code)
	}
	return sql.NullInt64{Int64: id, Valid: true}, err
}

const userColumns = `u.id, u.username, u.full_name, u.title, COALESCE(un.code, ''), u.roles, u.active`

func scanUser(row interface{ Scan(...any) error }) (*User, error) {
	var u User
	var roles int
	if err := row.Scan(&u.ID, &u.Username, &u.FullName, &u.Title, &u.Unit, &roles, &u.Active); err != nil {
		return nil, err
	}
	u.Roles = Roles(roles)
	return &u, nil
}

// Users lists every account, active first.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userColumns+` FROM users u LEFT JOIN units un ON un.id = u.unit_id
		ORDER BY u.active DESC, u.username`)
	if err != nil {
		return nil, fmt.Errorf("đọc danh sách người dùng: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *u)
	}
	return out, rows.Err()
}

// UserByName finds an account by username.
func (s *Store) UserByName(ctx context.Context, username string) (*User, error) {
	return userByName(ctx, s.db, username)
}

func userByName(ctx context.Context, q querier, username string) (*User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u LEFT JOIN units un ON un.id = u.unit_id
		WHERE u.username = ?`, strings.ToLower(strings.TrimSpace(username))))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return u, err
}

// HasUsers reports whether any account exists (a fresh database has none).
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n > 0, err
}

// Authenticate checks a password, works offline, and locks the account for five minutes after
// five failures. Every attempt is written to the audit table; passwords never are.
func (s *Store) Authenticate(ctx context.Context, username, password string) (*User, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	now := s.Now()
	var result *User
	var outcome error
	err := s.WithTx(ctx, func(tx *sql.Tx) error {
		var hash string
		var failed int
		var lockedUntil int64
		u, err := userByName(ctx, tx, username)
		if errors.Is(err, ErrNotFound) {
			// Hash anyway so a wrong username takes as long as a wrong password.
			bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
			outcome = ErrBadLogin
			return audit(ctx, tx, now, username, "login_failed", "unknown user")
		}
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT password_hash, failed_logins, locked_until FROM users WHERE id = ?", u.ID).
			Scan(&hash, &failed, &lockedUntil); err != nil {
			return err
		}
		if lockedUntil > now.Unix() {
			outcome = fmt.Errorf("%w: thử lại sau %s", ErrLocked, time.Unix(lockedUntil, 0).In(s.loc).Format("15:04"))
			return audit(ctx, tx, now, username, "login_locked", "")
		}
		if !u.Active {
			outcome = ErrBadLogin
			return audit(ctx, tx, now, username, "login_failed", "inactive")
		}
		if bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) != nil {
			failed++
			lock := int64(0)
			if failed >= maxFailedLogins {
				lock = now.Add(lockDuration).Unix()
				failed = 0
			}
			if _, err := tx.ExecContext(ctx, "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?", failed, lock, u.ID); err != nil {
				return err
			}
			outcome = ErrBadLogin
			if lock > 0 {
				outcome = fmt.Errorf("%w: nhập sai %d lần, thử lại sau 5 phút", ErrLocked, maxFailedLogins)
			}
			return audit(ctx, tx, now, username, "login_failed", "bad password")
		}
		if _, err := tx.ExecContext(ctx, "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ?", u.ID); err != nil {
			return err
		}
		result = u
		return audit(ctx, tx, now, username, "login", "")
	})
	if err != nil {
		return nil, err
	}
	return result, outcome
}

var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("not a real password"), bcrypt.MinCost)

// Logout records the end of a session.
func (s *Store) Logout(ctx context.Context, u *User) error {
	return s.WithTx(ctx, func(tx *sql.Tx) error { return audit(ctx, tx, s.Now(), u.Username, "logout", "") })
}

func audit(ctx context.Context, tx *sql.Tx, at time.Time, username, action, detail string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO audit(at, username, action, detail) VALUES (?, ?, ?, ?)",
		at.Format(time.RFC3339), username, action, detail)
	return err
}

// SetPassword resets a password (administrators, or the user for their own account).
func (s *Store) SetPassword(ctx context.Context, actor *User, username, password string) error {
	username = strings.ToLower(strings.TrimSpace(username))
	if err := checkPassword(password); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return fmt.Errorf("băm mật khẩu: %w", err)
	}
	return s.WithTx(ctx, func(tx *sql.Tx) error {
		me, err := actorTx(ctx, tx, actor, AllRoles)
		if err != nil {
			return err
		}
		if me.Username != username && !me.Roles.Has(RoleAdmin) {
			return ErrForbidden
		}
		res, err := tx.ExecContext(ctx, "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = 0 WHERE username = ?", string(hash), username)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return audit(ctx, tx, s.Now(), me.Username, "password_reset", username)
	})
}

// UpdateUser changes an account's name, title, unit, roles and active flag (administrators only);
// role changes, deactivation and reactivation are written to the audit table.
// An administrator cannot remove their own administrator role, so an office is never locked out.
func (s *Store) UpdateUser(ctx context.Context, actor *User, u User) error {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	u.FullName = vntext.Clean(u.FullName)
	u.Title = vntext.Clean(u.Title)
	u.Unit = strings.TrimSpace(u.Unit)
	if err := checkText(KeyUserFullName, u.FullName, maxName, true); err != nil {
		return err
	}
	if !u.Roles.Valid() {
		return inputError(KeyUserRoles, msgNoRole)
	}
	return s.WithTx(ctx, func(tx *sql.Tx) error {
		me, err := actorTx(ctx, tx, actor, RoleAdmin)
		if err != nil {
			return err
		}
		if me.Username == u.Username && (!u.Roles.Has(RoleAdmin) || !u.Active) {
			return inputError(KeyUserRoles, msgSelfDemote)
		}
		old, err := userByName(ctx, tx, u.Username)
		if err != nil {
			return fmt.Errorf("đọc tài khoản %q: %w", u.Username, err)
		}
		unitID, err := unitIDTx(ctx, tx, u.Unit)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE users SET full_name = ?, title = ?, unit_id = ?, roles = ?, active = ? WHERE id = ?",
			u.FullName, u.Title, unitID, int(u.Roles), u.Active, old.ID); err != nil {
			return err
		}
		if err := auditUserChange(ctx, tx, s.Now(), me.Username, old, &u); err != nil {
			return err
		}
		return requireActiveAdmin(ctx, tx)
	})
}

// auditUserChange writes what UpdateUser changed in an account, one row per kind of change so
// that role changes and deactivations can be found by their action.
func auditUserChange(ctx context.Context, tx *sql.Tx, at time.Time, by string, old, u *User) error {
	var rows [][2]string
	if old.Roles != u.Roles {
		rows = append(rows, [2]string{"user_roles", fmt.Sprintf("%s roles=%s→%s", old.Username, old.Roles.Keys(), u.Roles.Keys())})
	}
	switch {
	case old.Active && !u.Active:
		rows = append(rows, [2]string{"user_deactivated", old.Username})
	case !old.Active && u.Active:
		rows = append(rows, [2]string{"user_reactivated", old.Username})
	}
	var changed []string
	if old.Unit != u.Unit {
		changed = append(changed, fmt.Sprintf("unit=%s→%s", old.Unit, u.Unit))
	}
	if old.FullName != u.FullName {
		changed = append(changed, "full_name")
	}
	if old.Title != u.Title {
		changed = append(changed, "title")
	}
	if len(changed) > 0 {
		rows = append(rows, [2]string{"user_updated", old.Username + " " + strings.Join(changed, " ")})
	}
	for _, r := range rows {
		if err := audit(ctx, tx, at, by, r[0], r[1]); err != nil {
			return fmt.Errorf("ghi nhật ký quản trị: %w", err)
		}
	}
	return nil
}

// requireActiveAdmin refuses a change that leaves the office without an active administrator
// (the system actor of the command line could otherwise lock everyone out of the users screen).
func requireActiveAdmin(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE active AND (roles & ?) != 0", int(RoleAdmin)).Scan(&n); err != nil {
		return fmt.Errorf("đếm quản trị viên: %w", err)
	}
	if n == 0 {
		return inputError(KeyUserRoles, msgLastAdmin)
	}
	return nil
}
