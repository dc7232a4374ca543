package station_test

import (
	"context"
	"encoding/pem"
	"errors"
	"net/http/httptest"
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
