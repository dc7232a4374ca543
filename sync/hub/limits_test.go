package hub_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"motcua/sync/hub"
	"motcua/sync/protocol"
	"motcua/sync/synctest"
)

// lockedBuffer is a log destination read by the test while the server writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// testLimits are the hub's limits with a short body grace, so that a slow body is given up on
// within the test's time.
func testLimits() hub.Limits {
	l := hub.DefaultLimits
	l.BodyGrace = 300 * time.Millisecond
	return l
}

// Seventy half-sent pushes with one station's token cost that token its own share only: another
// office's push is answered within a second, and the slow pusher is told 429 (over its share)
// or 408 (its body came too slowly) instead of being waited for.
func TestSlowPusherCostsOnlyItsOwnShare(t *testing.T) {
	ctx := context.Background()
	srv, hostile, honest := newLimitedHub(t, testLimits(), false)
	b := synctest.NewStation(t, t.TempDir(), synctest.OfficeB, 0)
	b.Receive(t, "Nguyễn Văn An")
	db, _ := b.Store.DatabaseID(ctx)
	evs, err := b.Store.Unpushed(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	req := protocol.PushRequest{Protocol: 1, Office: synctest.OfficeB, Station: 0, DB: db}
	if req.Users, err = protocol.AccountsOf(ctx, b.Store); err != nil {
		t.Fatal(err)
	}
	for i := range evs {
		req.Events = append(req.Events, protocol.FromData(&evs[i], ""))
	}
	body := mustJSON(req)

	const slow = 70
	codes := make(chan int, slow)
	var wg sync.WaitGroup
	for range slow {
		wg.Add(1)
		go func() { defer wg.Done(); c, _ := synctest.SlowPush(http.DefaultClient, srv.URL, hostile); codes <- c }()
	}
	time.Sleep(200 * time.Millisecond) // the slow pushes are in

	rctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	hr, _ := http.NewRequestWithContext(rctx, http.MethodPost, srv.URL+protocol.PathPush, bytes.NewReader(body))
	hr.Header.Set("Authorization", "Bearer "+honest)
	start := time.Now()
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatalf("office B's push while office A's token pushes slowly: %v after %v", err, time.Since(start))
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("office B's push while office A's token pushes slowly: %d after %v", resp.StatusCode, time.Since(start))
	}

	wg.Wait()
	close(codes)
	seen := map[int]int{}
	for c := range codes {
		seen[c]++
	}
	if seen[http.StatusTooManyRequests] < slow-2 || seen[http.StatusTooManyRequests]+seen[http.StatusRequestTimeout] != slow {
		t.Fatalf("the slow pusher's answers: %v (status: count), want 429 beyond its share and 408 for the rest", seen)
	}
}

// postTo posts body to url with token tok and returns the status.
func postTo(t *testing.T, url, tok, body string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Every refusal of who the client is or what it may send (401, 403, 408, 413, 429) is logged with
// the office, station and address, never the token.
func TestRefusalsAreLoggedWithoutTheToken(t *testing.T) {
	ctx := context.Background()
	h, err := hub.Open(t.TempDir(), hub.WithClock(func() time.Time { return synctest.At("2026-03-04 10:00") }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	var out lockedBuffer
	srv := httptest.NewServer(hub.NewServer(h, log.New(&out, "", 0), hub.WithLimits(testLimits())))
	t.Cleanup(srv.Close)
	tok, err := h.EnrollStation(ctx, synctest.OfficeA, 1)
	if err != nil {
		t.Fatal(err)
	}
	portal, err := h.EnrollPortal(ctx, synctest.OfficeB)
	if err != nil {
		t.Fatal(err)
	}
	post := func(tok, body string) int { return postTo(t, srv.URL+protocol.PathPush, tok, body) }
	if c := postTo(t, srv.URL+protocol.PathSubmissions, portal, string(mustJSON(submission("G22.99-1", "038085001234")))); c != http.StatusForbidden {
		t.Fatalf("a portal token of office B submitting for office A: %d", c)
	}
	forged := "mch1_" + strings.Repeat("Zq", 21) + "x"
	if c := post(forged, "{}"); c != http.StatusUnauthorized {
		t.Fatalf("unknown token: %d", c)
	}
	other := fmt.Sprintf(`{"protocol":1,"office":%q,"station":1,"db":"0196a5b0-0000-7000-8000-000000000001","epoch":"","from":0,"events":[],"users":[]}`, synctest.OfficeB)
	if c := post(tok, other); c != http.StatusForbidden {
		t.Fatalf("another office's push: %d", c)
	}
	if c := post(tok, strings.Repeat(" ", protocol.MaxBodyBytes+2)); c != http.StatusRequestEntityTooLarge {
		t.Fatalf("huge push: %d", c)
	}
	var wg sync.WaitGroup
	codes := make([]int, 3)
	for i := range codes {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i], _ = synctest.SlowPush(http.DefaultClient, srv.URL, tok) }()
	}
	wg.Wait()
	lines := out.String()
	for _, c := range []int{401, 403, 408, 413, 429} {
		if !strings.Contains(lines, fmt.Sprintf("refused %d ", c)) {
			t.Errorf("no log line for %d (answers to slow pushes: %v):\n%s", c, codes, lines)
		}
	}
	for _, l := range strings.Split(strings.TrimSpace(lines), "\n") {
		if !strings.HasPrefix(l, "refused ") {
			continue
		}
		if !strings.Contains(l, "addr=127.0.0.1:") {
			t.Errorf("no address: %s", l)
		}
		switch {
		case strings.Contains(l, "refused 401 "):
		case strings.Contains(l, "kind=portal"):
			if !strings.Contains(l, "office="+synctest.OfficeB+" station=- ") {
				t.Errorf("no office: %s", l)
			}
		case !strings.Contains(l, "office="+synctest.OfficeA+" station=1 "):
			t.Errorf("no office and station: %s", l)
		}
	}
	if !strings.Contains(lines, "kind=portal") {
		t.Errorf("no log line for the portal's 403:\n%s", lines)
	}
	for _, secret := range []string{tok[len("mch1_"):][:8], forged[len("mch1_"):][:8], tok[len(tok)-8:], portal[len("mch1_"):][:8]} {
		if strings.Contains(lines, secret) {
			t.Fatalf("the log holds a token's characters %q:\n%s", secret, lines)
		}
	}
}

// trickle is a body that comes in chunks of n bytes every gap.
type trickle struct {
	b   []byte
	n   int
	gap time.Duration
}

func (t *trickle) Read(p []byte) (int, error) {
	if len(t.b) == 0 {
		return 0, io.EOF
	}
	time.Sleep(t.gap)
	k := min(t.n, len(p), len(t.b))
	copy(p, t.b[:k])
	t.b = t.b[k:]
	return k, nil
}

// A body that keeps the pace is received however long it takes: an office on a poor line still
// pushes a batch that needs more than the grace.
func TestSlowLineKeepingThePaceStillPushes(t *testing.T) {
	ctx := context.Background()
	srv, tok, _ := newLimitedHub(t, testLimits(), false)
	st := synctest.NewStation(t, t.TempDir(), synctest.OfficeA, 1)
	st.Receive(t, "Nguyễn Văn An")
	db, _ := st.Store.DatabaseID(ctx)
	evs, _ := st.Store.Unpushed(ctx, 0, 100)
	req := protocol.PushRequest{Protocol: 1, Office: synctest.OfficeA, Station: 1, DB: db}
	var err error
	if req.Users, err = protocol.AccountsOf(ctx, st.Store); err != nil {
		t.Fatal(err)
	}
	for i := range evs {
		req.Events = append(req.Events, protocol.FromData(&evs[i], ""))
	}
	// 24 KB at 32 KB/s (twice the pace asked for) takes 750 ms, over the grace of 300 ms.
	body := append(mustJSON(req), bytes.Repeat([]byte(" "), 24<<10)...)
	hr, _ := http.NewRequest(http.MethodPost, srv.URL+protocol.PathPush, &trickle{b: body, n: 1 << 10, gap: 30 * time.Millisecond})
	hr.ContentLength = int64(len(body))
	hr.Header.Set("Authorization", "Bearer "+tok)
	start := time.Now()
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || time.Since(start) < 500*time.Millisecond {
		t.Fatalf("a push at twice the pace: %d after %v", resp.StatusCode, time.Since(start))
	}
}

// newLimitedHub is a hub with limits l, serving over HTTP/1 or (tls) HTTPS with HTTP/2, with
// station tokens of office A station 1 and office B station 0.
func newLimitedHub(t *testing.T, l hub.Limits, tls bool) (srv *httptest.Server, tokA, tokB string) {
	t.Helper()
	ctx := context.Background()
	h, err := hub.Open(t.TempDir(), hub.WithClock(func() time.Time { return synctest.At("2026-03-04 10:00") }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	srv = httptest.NewUnstartedServer(hub.NewServer(h, nil, hub.WithLimits(l)))
	if tls {
		srv.EnableHTTP2 = true
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	if tokA, err = h.EnrollStation(ctx, synctest.OfficeA, 1); err != nil {
		t.Fatal(err)
	}
	if tokB, err = h.EnrollStation(ctx, synctest.OfficeB, 0); err != nil {
		t.Fatal(err)
	}
	return srv, tokA, tokB
}

// protoOf notes the protocol of the answers.
type protoOf struct {
	http.RoundTripper
	proto *string
}

func (p protoOf) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := p.RoundTripper.RoundTrip(r)
	if resp != nil {
		*p.proto = resp.Proto
	}
	return resp, err
}

// Over HTTPS with HTTP/2 (what `motcua-hub serve --tls-cert` speaks) a slow body is given up on
// too.
func TestSlowBodyOverHTTP2(t *testing.T) {
	srv, tok, _ := newLimitedHub(t, testLimits(), true)
	c := srv.Client()
	var proto string
	c.Transport = protoOf{c.Transport, &proto}
	start := time.Now()
	code, err := synctest.SlowPush(c, srv.URL, tok)
	if code != http.StatusRequestTimeout || proto != "HTTP/2.0" || time.Since(start) > 2*time.Second {
		t.Fatalf("a slow body over HTTP/2: %d %s %v after %v", code, proto, err, time.Since(start))
	}
}

// Busy is not overloaded: a token over its share gets 429, a hub receiving as many bodies as it
// takes gets 503 for another token.
func TestOverloadedHubAnswers503(t *testing.T) {
	l := testLimits()
	l.Receiving = 1
	l.BodyGrace = 2 * time.Second
	srv, tokA, tokB := newLimitedHub(t, l, false)
	done := make(chan int)
	go func() { c, _ := synctest.SlowPush(http.DefaultClient, srv.URL, tokA); done <- c }()
	time.Sleep(200 * time.Millisecond)
	if c, _ := synctest.SlowPush(http.DefaultClient, srv.URL, tokB); c != http.StatusServiceUnavailable {
		t.Errorf("another token while the hub receives all it can: %d, want 503", c)
	}
	if c := <-done; c != http.StatusRequestTimeout {
		t.Errorf("the slow body: %d, want 408", c)
	}
}
