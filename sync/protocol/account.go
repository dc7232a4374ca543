package protocol

import (
	"context"
	"errors"
	"fmt"

	"motcua/data"
)

// MaxAccounts bounds the account records of one push: an office has tens of officials.
const MaxAccounts = 1000

// Account is one of the office's user accounts as a station reports it with every push
// (docs/sync-protocol.md, "Accounts"): its current state and the time of its last change. Never a
// password hash, never login counters.
type Account struct {
	Username      string `json:"username"`
	FullName      string `json:"full_name"`
	Unit          string `json:"unit,omitempty"`
	Roles         string `json:"roles"` // data.Roles.Keys: "tiep_nhan,lanh_dao"
	Active        bool   `json:"active"`
	Updated       string `json:"updated"`                  // last change of the account
	InactiveSince string `json:"inactive_since,omitempty"` // when deactivated, for an inactive account
}

// FromAccount converts a station's account for the wire.
func FromAccount(a *data.Account) Account {
	w := Account{Username: a.Username, FullName: a.FullName, Unit: a.Unit, Roles: a.Roles.Keys(), Active: a.Active,
		Updated: FormatTime(a.Updated)}
	if !a.InactiveSince.IsZero() {
		w.InactiveSince = FormatTime(a.InactiveSince)
	}
	return w
}

// ToAccount converts and validates a wire account.
func ToAccount(w *Account) (data.Account, error) {
	roles, err := data.ParseRoles(w.Roles)
	if err != nil {
		return data.Account{}, err
	}
	a := data.Account{Username: w.Username, FullName: w.FullName, Unit: w.Unit, Roles: roles, Active: w.Active}
	if a.Updated, err = ParseTime(w.Updated); err != nil {
		return data.Account{}, errors.New("thời điểm cập nhật không đúng dạng")
	}
	if w.InactiveSince != "" {
		if a.InactiveSince, err = ParseTime(w.InactiveSince); err != nil {
			return data.Account{}, errors.New("thời điểm khóa không đúng dạng")
		}
	}
	return a, a.Validate()
}

// ErrNoAccounts refuses the push of a station that does not send the office's accounts: a
// station of an earlier version, whose events the hub could not check. It is answered as another
// protocol version (errors.Is(ErrNoAccounts, ErrVersion)): the station stops and says to update,
// and nothing of it is quarantined.
var ErrNoAccounts error = noAccounts{}

type noAccounts struct{}

func (noAccounts) Error() string {
	return "máy trạm chưa gửi danh sách tài khoản của văn phòng: hãy cập nhật phần mềm"
}

func (noAccounts) Is(target error) bool { return target == ErrVersion }

// AccountsOf is the office's accounts as store holds them, for a push (never nil: an empty list
// is a list).
func AccountsOf(ctx context.Context, store *data.Store) ([]Account, error) {
	accs, err := store.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Account, len(accs))
	for i := range accs {
		out[i] = FromAccount(&accs[i])
	}
	return out, nil
}

// validateAccounts checks and converts a push's account records into p.Accounts.
func (p *PushRequest) validateAccounts() error {
	if p.Users == nil {
		return ErrNoAccounts
	}
	if len(p.Users) > MaxAccounts {
		return ErrTooLarge
	}
	p.Accounts = make([]data.Account, len(p.Users))
	seen := make(map[string]bool, len(p.Users))
	for i := range p.Users {
		a, err := ToAccount(&p.Users[i])
		if err != nil {
			return fmt.Errorf("tài khoản %d: %w", i, err)
		}
		if seen[a.Username] {
			return fmt.Errorf("tài khoản %q có hai lần", a.Username)
		}
		seen[a.Username] = true
		p.Accounts[i] = a
	}
	return nil
}
