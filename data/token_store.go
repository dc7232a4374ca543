package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

// The station's sync token opens the office's data on the hub, so it is kept out of the database
// and therefore out of every backup copied to a USB key: in the operating system's credential
// store (Windows Credential Manager, the Secret Service on Linux, the Keychain on macOS), or,
// where there is none (a PC without a desktop session, CI), in an owner-only file beside the
// database (docs/sync-protocol.md, "The station's token").

// TokenSuffix names the fallback file of the token beside the database: "motcua.db" →
// "motcua.db.ma-truy-cap". Restore moves only the database and its journals, never this file.
const TokenSuffix = ".ma-truy-cap"

// credentialService is the service name of the entries in the OS credential store; the entry's
// user is tokenAccount(db_id), so that two offices' databases on one PC keep their own tokens.
const credentialService = "motcua"

func tokenAccount(dbID string) string { return "sync-token/" + dbID }

// CredentialStore is a store of secrets outside the database; Get returns ErrNoCredential
// when it holds none for the user.
type CredentialStore interface {
	Set(service, user, secret string) error
	Get(service, user string) (string, error)
	Delete(service, user string) error
}

// ErrNoCredential: the credential store holds no secret under that name.
var ErrNoCredential = errors.New("no such credential")

// errNoCredentialStore: this process has no credential store (test binaries, see below).
var errNoCredentialStore = errors.New("no credential store")

var (
	credMu sync.Mutex
	creds  CredentialStore = defaultCredentials()
)

// defaultCredentials is the OS credential store; a test binary gets none, so that no test ever
// writes into the keyring of the person running it (tests that need one inject it).
func defaultCredentials() CredentialStore {
	if testing.Testing() {
		return noCredentials{}
	}
	return osCredentials{}
}

// SetCredentialStore replaces the credential store (tests); nil means none, so tokens go to the
// fallback file. It returns a function that puts the previous one back.
func SetCredentialStore(c CredentialStore) (restore func()) {
	if c == nil {
		c = noCredentials{}
	}
	credMu.Lock()
	prev := creds
	creds = c
	credMu.Unlock()
	return func() {
		credMu.Lock()
		creds = prev
		credMu.Unlock()
	}
}

func credentialStore() CredentialStore {
	credMu.Lock()
	defer credMu.Unlock()
	return creds
}

type noCredentials struct{}

func (noCredentials) Set(string, string, string) error   { return errNoCredentialStore }
func (noCredentials) Get(string, string) (string, error) { return "", errNoCredentialStore }
func (noCredentials) Delete(string, string) error        { return errNoCredentialStore }

// credentialTimeout bounds one call to the OS store: a locked Secret Service may wait for a
// password prompt nobody answers, and reception or sync must not hang on it.
const credentialTimeout = 5 * time.Second

// osCredentials is github.com/zalando/go-keyring: wincred on Windows, the Secret Service over
// D-Bus on Linux, pure Go.
type osCredentials struct{}

func (osCredentials) Set(service, user, secret string) error {
	_, err := withTimeout(func() (string, error) { return "", keyring.Set(service, user, secret) })
	return err
}

func (osCredentials) Get(service, user string) (string, error) {
	v, err := withTimeout(func() (string, error) { return keyring.Get(service, user) })
	if errors.Is(err, keyring.ErrNotFound) {
		return "", ErrNoCredential
	}
	return v, err
}

func (osCredentials) Delete(service, user string) error {
	_, err := withTimeout(func() (string, error) { return "", keyring.Delete(service, user) })
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return err
}

func withTimeout(fn func() (string, error)) (string, error) {
	type result struct {
		v   string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := fn()
		ch <- result{v, err}
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-time.After(credentialTimeout):
		return "", errors.New("the credential store did not answer")
	}
}

// tokenFile is the fallback file of the database at db.
func tokenFile(db string) string { return db + TokenSuffix }

// loadToken reads this database's token: the fallback file first (it exists only when the last
// save could not reach the credential store, so it is the newest), then the credential store.
func (s *Store) loadToken(ctx context.Context) (string, error) {
	id, err := s.DatabaseID(ctx)
	if err != nil {
		return "", fmt.Errorf("đọc mã truy cập đồng bộ: %w", err)
	}
	b, err := os.ReadFile(tokenFile(s.path))
	switch {
	case err == nil:
		fileID, tok, ok := strings.Cut(strings.TrimRight(string(b), "\r\n"), "\t")
		if ok && fileID == id {
			return tok, nil
		}
		// The file of another database (a backup of another office restored here): not ours.
	case !errors.Is(err, os.ErrNotExist):
		return "", fmt.Errorf("đọc mã truy cập đồng bộ %s: %w", tokenFile(s.path), err)
	}
	tok, err := credentialStore().Get(credentialService, tokenAccount(id))
	if err != nil {
		if !errors.Is(err, ErrNoCredential) && !errors.Is(err, errNoCredentialStore) {
			log.Printf("reading the sync token from the OS credential store: %v", err)
		}
		return "", nil
	}
	return tok, nil
}

// saveToken keeps tok ("" removes it) in the credential store, else in the owner-only file.
func (s *Store) saveToken(ctx context.Context, tok string) error {
	id, err := s.DatabaseID(ctx)
	if err != nil {
		return fmt.Errorf("lưu mã truy cập đồng bộ: %w", err)
	}
	file := tokenFile(s.path)
	cs := credentialStore()
	if tok == "" {
		if err := cs.Delete(credentialService, tokenAccount(id)); err != nil && !errors.Is(err, errNoCredentialStore) {
			log.Printf("removing the sync token from the OS credential store: %v", err)
		}
		if err := os.Remove(file); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("xóa mã truy cập đồng bộ %s: %w", file, err)
		}
		return nil
	}
	err = cs.Set(credentialService, tokenAccount(id), tok)
	if err == nil {
		// A file left by an earlier save without the store would shadow the new token.
		if err := os.Remove(file); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("xóa bản cũ của mã truy cập đồng bộ %s: %w", file, err)
		}
		return nil
	}
	if !errors.Is(err, errNoCredentialStore) {
		log.Printf("the OS credential store is unavailable (%v): the sync token is kept in the owner-only file %s", err, file)
	}
	if err := writeOwnerOnly(file, id+"\t"+tok+"\n"); err != nil {
		return fmt.Errorf("lưu mã truy cập đồng bộ vào %s: %w", file, err)
	}
	return nil
}

// moveLegacyToken moves a token that an earlier version kept in the settings table out of the
// database: saved outside first, then the row deleted with its bytes overwritten (secure_delete)
// and the write-ahead log emptied, so that no later backup of the file carries it. It returns
// the token ("" when there was none).
func (s *Store) moveLegacyToken(ctx context.Context) (string, error) {
	tok, err := s.Setting(ctx, SettingSyncToken)
	if err != nil || tok == "" {
		return tok, err
	}
	if err := s.saveToken(ctx, tok); err != nil {
		return "", err
	}
	if err := s.eraseTokenRow(ctx); err != nil {
		return "", err
	}
	return tok, nil
}

// eraseTokenRow deletes the settings row of the token, overwriting its bytes, and empties the
// write-ahead log that still holds the old pages.
func (s *Store) eraseTokenRow(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM settings WHERE key = ?", SettingSyncToken).Scan(&n); err != nil {
		return fmt.Errorf("xóa mã truy cập đồng bộ khỏi cơ sở dữ liệu: %w", err)
	}
	if n == 0 {
		return nil
	}
	err := s.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM settings WHERE key = ?", SettingSyncToken)
		if _, offErr := tx.ExecContext(ctx, "PRAGMA secure_delete = OFF"); err == nil {
			err = offErr
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("xóa mã truy cập đồng bộ khỏi cơ sở dữ liệu: %w", err)
	}
	if !s.bulk {
		// best effort: a reader holding an old snapshot keeps the frames until the next checkpoint
		_, _ = s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	}
	return nil
}
