package station_test

import (
	"context"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"motcua/sync/hub"
	"motcua/sync/station"
	"motcua/sync/synctest"
)

// Over HTTPS the station trusts the hub's CA given in its settings, and nothing else.
func TestTLSWithPinnedCA(t *testing.T) {
	ctx := context.Background()
	h, err := hub.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	srv := httptest.NewTLSServer(hub.NewServer(h, nil))
	defer srv.Close()
	tok, _ := h.EnrollStation(ctx, synctest.OfficeA, 0)
	st := synctest.NewStation(t, t.TempDir(), synctest.OfficeA, 0)
	st.Receive(t, "Nguyễn Văn An")
	ca := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}))

	c, err := station.New(st.Store, station.Config{Hub: srv.URL, Token: tok, RetryMax: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Sync(ctx); err == nil || !errors.Is(err, station.ErrUnreachable) {
		t.Fatalf("an unknown certificate was accepted: %v", err)
	}
	c, err = station.New(st.Store, station.Config{Hub: srv.URL, Token: tok, CA: ca})
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := c.Sync(ctx); err != nil || rep.Stored != 1 {
		t.Fatalf("with the CA: %+v %v", rep, err)
	}
	if _, err := station.New(st.Store, station.Config{Hub: srv.URL, Token: tok, CA: "not a certificate"}); err == nil {
		t.Fatal("a CA that is not PEM was accepted")
	}
}

// A station refuses a plain http:// hub when it pins the hub's CA, and anywhere but on this PC
// itself; only a test may lift that (Config.AllowInsecureHTTP).
func TestPlainHTTPHubRefused(t *testing.T) {
	st := synctest.NewStation(t, t.TempDir(), synctest.OfficeA, 0)
	ca := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte("x")}))
	cases := []struct {
		hub, ca string
		allow   bool
		refused bool
	}{
		{"http://127.0.0.1:8080", ca, false, true},
		{"http://localhost:8080", ca, false, true},
		{"http://hub.example.gov.vn:8080", "", false, true},
		{"http://10.0.0.5", "", false, true},
		{"HTTP://hub.example.gov.vn", "", false, true},
		{"http://127.0.0.1:8080", "", false, false},
		{"http://[::1]:8080", "", false, false},
		{"http://hub.example.gov.vn:8080", "", true, false},
		{"https://hub.example.gov.vn:8443", "", false, false},
	}
	for _, c := range cases {
		cfg := station.Config{Hub: c.hub, Token: "mch1_x", CA: c.ca, AllowInsecureHTTP: c.allow}
		_, err := station.New(st.Store, cfg)
		if c.ca != "" && err != nil && !errors.Is(err, station.ErrPlainHTTP) {
			// The test's CA is not a certificate: only the address is checked here.
			err = nil
		}
		switch {
		case c.refused && !errors.Is(err, station.ErrPlainHTTP):
			t.Errorf("%s (CA %v): accepted: %v", c.hub, c.ca != "", err)
		case c.refused && !strings.Contains(err.Error(), "https://"):
			t.Errorf("%s: unclear refusal %q", c.hub, err)
		case !c.refused && errors.Is(err, station.ErrPlainHTTP):
			t.Errorf("%s (CA %v, test flag %v): refused: %v", c.hub, c.ca != "", c.allow, err)
		}
		if got := station.CheckHub(c.hub, c.ca); (got != nil) != c.refused && !c.allow {
			t.Errorf("CheckHub(%s, CA %v) = %v", c.hub, c.ca != "", got)
		}
	}
}

// A hub answering with a redirection is not followed: net/http would carry the token along to
// the same host over plain http.
func TestHubRedirectNotFollowed(t *testing.T) {
	ctx := context.Background()
	var leaked atomic.Int32
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			leaked.Add(1)
		}
		http.Error(w, "no", http.StatusNotFound)
	}))
	defer plain.Close()
	hubSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer hubSrv.Close()
	ca := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: hubSrv.Certificate().Raw}))
	st := synctest.NewStation(t, t.TempDir(), synctest.OfficeA, 0)
	c, err := station.New(st.Store, station.Config{Hub: hubSrv.URL, Token: "mch1_secret", CA: ca,
		RetryMax: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Sync(ctx); err == nil || !strings.Contains(err.Error(), "chuyển hướng") {
		t.Fatalf("a redirection: %v", err)
	}
	if n := leaked.Load(); n != 0 {
		t.Fatalf("the token went to the plain http address %d times", n)
	}
}
