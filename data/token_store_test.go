package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// memCredentials is an in-memory OS credential store.
type memCredentials struct {
	mu sync.Mutex
	m  map[string]string
}

func (c *memCredentials) Set(service, user, secret string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]string{}
	}
	c.m[service+"|"+user] = secret
	return nil
}

func (c *memCredentials) Get(service, user string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[service+"|"+user]
	if !ok {
		return "", ErrNoCredential
	}
	return v, nil
}

func (c *memCredentials) Delete(service, user string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, service+"|"+user)
	return nil
}

// brokenCredentials is a credential store that cannot be reached (a locked or absent keyring).
type brokenCredentials struct{}

func (brokenCredentials) Set(string, string, string) error { return errors.New("dbus: no session bus") }
func (brokenCredentials) Get(string, string) (string, error) {
	return "", errors.New("dbus: no session bus")
}
func (brokenCredentials) Delete(string, string) error { return errors.New("dbus: no session bus") }

const testToken = "mch1_Zq8vK3mN7pR2sT5wX9yB4cD6fG1hJ0"

// assertNoToken fails if any of the files holds the token's bytes.
func assertNoToken(t *testing.T, files ...string) {
	t.Helper()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(testToken)) || bytes.Contains(b, []byte(testToken[5:])) {
			t.Errorf("%s holds the sync token", filepath.Base(f))
		}
	}
}

func dbFiles(path string) []string { return []string{path, path + "-wal", path + "-shm"} }

func TestSyncTokenIsNotInTheDatabaseNorItsBackupWithoutCredentialStore(t *testing.T) {
	defer SetCredentialStore(nil)()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "test.db")
	f := newFixtureAt(t, path)
	cfg := SyncConfig{Hub: "https://dongbo.example.gov.vn", Token: testToken}
	if err := f.s.SetSyncConfig(ctx, f.admin, cfg); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.SyncConfig(ctx)
	if err != nil || got != cfg {
		t.Fatalf("SyncConfig = %+v, %v; want %+v", got, err, cfg)
	}
	backup := filepath.Join(dir, "backup.db")
	if err := f.s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	assertNoToken(t, append(dbFiles(path), backup)...)
	st, err := os.Stat(path + TokenSuffix)
	if err != nil {
		t.Fatalf("no fallback file: %v", err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Fatalf("fallback file mode %v, want 0600", st.Mode().Perm())
	}
	// Removing the token removes the file.
	if err := f.s.SetSyncConfig(ctx, f.admin, SyncConfig{Hub: cfg.Hub}); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.SyncConfig(ctx); got.Token != "" {
		t.Fatalf("token after removing it: %q", got.Token)
	}
	if _, err := os.Stat(path + TokenSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("fallback file after removing the token: %v", err)
	}
}

func TestSyncTokenGoesToTheCredentialStorePerDatabase(t *testing.T) {
	mem := &memCredentials{}
	defer SetCredentialStore(mem)()
	ctx := context.Background()
	dir := t.TempDir()
	a := newFixtureAt(t, filepath.Join(dir, "a.db"))
	b := newFixtureAt(t, filepath.Join(dir, "b.db"))
	if err := a.s.SetSyncConfig(ctx, a.admin, SyncConfig{Hub: "https://hub", Token: testToken}); err != nil {
		t.Fatal(err)
	}
	if err := b.s.SetSyncConfig(ctx, b.admin, SyncConfig{Hub: "https://hub", Token: "mch1_other"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		f    *fixture
		want string
	}{{a, testToken}, {b, "mch1_other"}} {
		got, err := c.f.s.SyncConfig(ctx)
		if err != nil || got.Token != c.want {
			t.Fatalf("%s: token %q, %v; want %q", c.f.s.Path(), got.Token, err, c.want)
		}
		if _, err := os.Stat(c.f.s.Path() + TokenSuffix); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("a fallback file beside a store that has a credential store: %v", err)
		}
	}
	if len(mem.m) != 2 {
		t.Fatalf("credential store entries: %v", mem.m)
	}
	assertNoToken(t, dbFiles(a.s.Path())...)
}

func TestSyncTokenFallsBackToTheFileWhenTheCredentialStoreFails(t *testing.T) {
	restore := SetCredentialStore(brokenCredentials{})
	defer restore()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.db")
	f := newFixtureAt(t, path)
	if err := f.s.SetSyncConfig(ctx, f.admin, SyncConfig{Hub: "https://hub", Token: testToken}); err != nil {
		t.Fatal(err)
	}
	if got, err := f.s.SyncConfig(ctx); err != nil || got.Token != testToken {
		t.Fatalf("token %q, %v", got.Token, err)
	}
	if _, err := os.Stat(path + TokenSuffix); err != nil {
		t.Fatalf("no fallback file: %v", err)
	}
	// The store comes back: the next save goes there and the file, now stale, goes away.
	mem := &memCredentials{}
	SetCredentialStore(mem)
	if err := f.s.SetSyncConfig(ctx, f.admin, SyncConfig{Hub: "https://hub", Token: "mch1_new"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + TokenSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("stale fallback file kept: %v", err)
	}
	if got, _ := f.s.SyncConfig(ctx); got.Token != "mch1_new" {
		t.Fatalf("token %q, want the new one", got.Token)
	}
}

func TestSyncTokenOfAnEarlierVersionIsMovedOutOfTheDatabase(t *testing.T) {
	defer SetCredentialStore(nil)()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.db")
	f := newFixtureAt(t, path)
	// As an earlier version saved it.
	if _, err := f.s.DB().Exec("INSERT INTO settings(key, value) VALUES (?, ?), (?, ?)",
		SettingSyncHub, "https://hub", SettingSyncToken, testToken); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.SyncConfig(ctx)
	if err != nil || got.Token != testToken || got.Hub != "https://hub" {
		t.Fatalf("SyncConfig = %+v, %v", got, err)
	}
	if v, _ := f.s.Setting(ctx, SettingSyncToken); v != "" {
		t.Fatalf("the token is still in the settings table")
	}
	assertNoToken(t, dbFiles(path)...)
	if err := f.s.Close(); err != nil {
		t.Fatal(err)
	}
	assertNoToken(t, dbFiles(path)...)
	f.reopen(t, path)
	if got, _ := f.s.SyncConfig(ctx); got.Token != testToken {
		t.Fatalf("token after reopening %q", got.Token)
	}
}

func TestSyncTokenFileOfAnotherDatabaseIsNotUsed(t *testing.T) {
	defer SetCredentialStore(nil)()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.db")
	f := newFixtureAt(t, path)
	if err := os.WriteFile(path+TokenSuffix, []byte("0190aaaa-another-database\t"+testToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := f.s.SyncConfig(ctx); err != nil || got.Token != "" {
		t.Fatalf("token of another database used: %q %v", got.Token, err)
	}
}
