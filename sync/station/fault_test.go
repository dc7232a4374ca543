package station_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"motcua/data"
	"motcua/sync/hub"
	"motcua/sync/station"
	"motcua/sync/synctest"
)

// faulty sits between a station and the hub and breaks exchanges on purpose: it drops the
// connection before the request, in the middle of the request body and in the middle of the
// answer, answers 500 and 503 with Retry-After, delays, and delivers a request twice.
type faulty struct {
	next http.RoundTripper
	mu   sync.Mutex
	rnd  *rand.Rand
	on   bool
	seen map[string]int
}

func newFaulty(seed uint64) *faulty {
	return &faulty{next: http.DefaultTransport, rnd: rand.New(rand.NewPCG(seed, 7)), seen: map[string]int{}}
}

func (f *faulty) pick() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.on {
		return "pass"
	}
	kinds := []string{"pass", "pass", "drop-before", "drop-mid-request", "drop-mid-response", "cut-answer", "500", "503", "delay", "twice"}
	k := kinds[f.rnd.IntN(len(kinds))]
	f.seen[k]++
	return k
}

func (f *faulty) set(on bool) { f.mu.Lock(); f.on = on; f.mu.Unlock() }

var errInjected = errors.New("connection reset by peer (injected)")

func synth(req *http.Request, code int, h http.Header) *http.Response {
	body := fmt.Sprintf(`{"code":"busy","reason":"injected %d"}`, code)
	if h == nil {
		h = http.Header{}
	}
	return &http.Response{StatusCode: code, Status: http.StatusText(code), Header: h, Request: req,
		Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body))}
}

type cutBody struct {
	r io.Reader
	c io.Closer
}

func (b *cutBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}

func (b *cutBody) Close() error { return b.c.Close() }

func (f *faulty) RoundTrip(req *http.Request) (*http.Response, error) {
	body := func() io.ReadCloser {
		if req.GetBody == nil {
			return http.NoBody
		}
		b, _ := req.GetBody()
		return b
	}
	switch f.pick() {
	case "drop-before":
		return nil, errInjected
	case "drop-mid-request":
		// The hub gets half a body: a malformed request, nothing stored; the station sees a reset.
		if req.Body != nil && req.Method == http.MethodPost {
			all, _ := io.ReadAll(body())
			half := req.Clone(req.Context())
			half.Body = io.NopCloser(bytes.NewReader(all[:len(all)/2]))
			half.ContentLength = int64(len(all) / 2)
			if resp, err := f.next.RoundTrip(half); err == nil {
				resp.Body.Close()
			}
		}
		return nil, errInjected
	case "drop-mid-response":
		resp, err := f.next.RoundTrip(req)
		if err == nil {
			io.CopyN(io.Discard, resp.Body, 10)
			resp.Body.Close()
		}
		return nil, errInjected
	case "cut-answer":
		resp, err := f.next.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		all, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = &cutBody{r: bytes.NewReader(all[:len(all)/2]), c: io.NopCloser(nil)}
		resp.ContentLength = -1
		return resp, nil
	case "500":
		return synth(req, http.StatusInternalServerError, nil), nil
	case "503":
		return synth(req, http.StatusServiceUnavailable, http.Header{"Retry-After": {"0"}}), nil
	case "delay":
		time.Sleep(5 * time.Millisecond)
	case "twice":
		first := req.Clone(req.Context())
		first.Body = body()
		if resp, err := f.next.RoundTrip(first); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		req = req.Clone(req.Context())
		req.Body = body()
	}
	return f.next.RoundTrip(req)
}

// ownIDs lists the ids of the events written at s itself.
func ownIDs(t *testing.T, s *data.Store) []string {
	t.Helper()
	evs, err := s.Unpushed(context.Background(), 0, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(evs))
	for i := range evs {
		out[i] = evs[i].ID.String()
	}
	return out
}

// After a storm of faults, hub restarts and station restarts during pushes, the hub holds exactly
// the honest stations' events, every cursor is right, and the statistics agree. One station
// imported a register whose codes lie in several stations' blocks; a fourth, hostile station of
// the office has a tampered log (forged actors, invalid UTF-8, unknown fields, another station's
// number) and holds slow pushes open on its token: each of its forged events sits in its own
// quarantine with a reason and nowhere else, its honest events are stored, and the honest stations
// are answered and converge exactly.
func TestFaultyNetworkLosesAndDuplicatesNothing(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	proxy := newFaulty(42)
	type pc struct {
		st     *synctest.Station
		c      *station.Client
		tok    string
		path   string
		forged map[string]forgery // the hostile station's forged events; nil for an honest one
	}
	var pcs []*pc
	const hostileN = 3
	for n := 0; n <= hostileN; n++ {
		st := synctest.NewStation(t, t.TempDir(), synctest.OfficeA, n)
		tok, err := w.h.EnrollStation(ctx, synctest.OfficeA, n)
		if err != nil {
			t.Fatal(err)
		}
		dossiers := 60
		if n == hostileN {
			dossiers = 20
		}
		if err := st.Fill(ctx, dossiers, synctest.At("2026-02-02 08:00")); err != nil {
			t.Fatal(err)
		}
		p := &pc{st: st, tok: tok, path: st.Store.Path()}
		switch n {
		case 0: // station 0 imported the office's legacy register, codes of several blocks
			if _, err := st.Store.ImportDossiers(ctx, data.System, strings.NewReader(registerOfBlocks(synctest.OfficeA, "1.004873", 2026)), nil); err != nil {
				t.Fatal(err)
			}
		case hostileN: // its log is tampered with before it ever syncs
			p.forged = tamper(t, st, "")
		}
		pcs = append(pcs, p)
	}
	// honest lists the ids of the events p wrote, less its forged ones.
	honest := func(p *pc) []string {
		var out []string
		for _, id := range ownIDs(t, p.st.Store) {
			forged := false
			for _, f := range p.forged {
				forged = forged || f.id.String() == id
			}
			if !forged {
				out = append(out, id)
			}
		}
		return out
	}
	// During the storm a station gives up quickly; afterwards (patient) it waits as a real one
	// does, Retry-After included, for what the storm left running at the hub on its token.
	patient := false
	connect := func(p *pc) {
		cfg := station.Config{Hub: w.srv.URL, Token: p.tok, Transport: proxy, BatchEvents: 37,
			RetryMax: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond}
		if patient {
			cfg.RetryMax, cfg.RetryWaitMin, cfg.RetryWaitMax = 10, 10*time.Millisecond, 2*time.Second
		}
		c, err := station.New(p.st.Store, cfg)
		if err != nil {
			t.Fatal(err)
		}
		p.c = c
	}
	for _, p := range pcs {
		connect(p)
	}
	h := w.h
	killer := rand.New(rand.NewPCG(9, 9))
	proxy.set(true)
	failures := 0
	for round := 0; round < 12; round++ {
		for i, p := range pcs {
			p.st.Clock.Set(synctest.At("2026-03-02 08:00").Add(time.Duration(round*10+i) * time.Minute))
			p.st.Receive(t, fmt.Sprintf("Người nộp vòng %d máy %d", round, i))
			sctx, cancel := context.WithCancel(ctx)
			if (round+i)%3 == 0 {
				// The station is killed at a random moment of its sync (its transaction rolls
				// back), or the hub drops every connection at a random moment.
				stop := time.Duration(killer.IntN(20)) * time.Millisecond
				if i%2 == 0 {
					time.AfterFunc(stop, cancel)
				} else {
					time.AfterFunc(stop, w.srv.CloseClientConnections)
				}
			}
			if _, err := p.c.Sync(sctx); err != nil {
				failures++
			}
			cancel()
		}
		switch round {
		case 2: // the hostile station forges more while the syncs go on
			maps.Copy(pcs[hostileN].forged, tamper(t, pcs[hostileN].st, "vòng 2: "))
		case 4: // the hub restarts (same folder: same epoch, nothing lost)
			epoch := h.Epoch()
			h.Close()
			var err error
			if h, err = hub.Open(w.dir); err != nil {
				t.Fatal(err)
			}
			defer h.Close()
			if h.Epoch() != epoch {
				t.Fatalf("epoch changed on restart: %s → %s", epoch, h.Epoch())
			}
			w.sw.set(hub.NewServer(h, nil))
		case 7: // a station PC is switched off and on
			p := pcs[1]
			p.st.Store.Close()
			s, err := data.Open(p.path, data.WithClock(p.st.Clock.Now))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			p.st.Store = s
			connect(p)
		}
	}
	proxy.set(false)
	if failures == 0 {
		t.Fatalf("no sync failed: the faults were not injected (%v)", proxy.seen)
	}
	t.Logf("faults injected: %v; failed syncs: %d", proxy.seen, failures)
	patient = true
	for _, p := range pcs { // what the faults held back, so that the next syncs are light
		connect(p)
		syncOK(t, p.c)
	}

	// The hostile station holds 70 pushes open on its token (more than the hub's 64 slots: a token
	// costs at most its own share, docs/sync-protocol.md "Limits"), trickling their bodies (for at most
	// 2 s); meanwhile every honest station receives a dossier and syncs, and is answered while
	// those pushes still hang.
	started, stop := slowPushes(w.srv.URL, pcs[hostileN].tok, synctest.OfficeA, hostileN, 70, 2*time.Second)
	<-started
	t0 := time.Now()
	for i, p := range pcs[:hostileN] {
		p.st.Clock.Set(synctest.At("2026-03-02 11:00").Add(time.Duration(i) * time.Minute))
		p.st.Receive(t, fmt.Sprintf("Người nộp lúc chậm máy %d", i))
		if rep := syncOK(t, p.c); rep.Stored != 1 {
			t.Errorf("station %d during the slow pushes: %+v", i, rep)
		}
	}
	honestTook := time.Since(t0)
	ended, expired := stop()
	if expired {
		t.Errorf("the honest stations' syncs took %v, longer than the slow pushes were held open", honestTook)
	}
	endings := map[string]int{}
	for _, e := range ended {
		endings[strings.TrimSpace(e[strings.LastIndex(e, ":")+1:])]++
	}
	t.Logf("honest syncs during the slow pushes: %v; the %d slow pushes ended with %v", honestTook, len(ended), endings)

	for pass := 0; pass < 2; pass++ {
		for _, p := range pcs {
			rep := syncOK(t, p.c)
			if rep.Backlog != 0 {
				t.Fatalf("backlog %d after a clean sync", rep.Backlog)
			}
		}
	}

	// Exactly the honest events at the hub: same ids, none missing, none extra.
	var want []string
	for _, p := range pcs {
		want = append(want, honest(p)...)
	}
	sort.Strings(want)
	hubIDs := hubEventIDs(t, h)
	if strings.Join(hubIDs, ",") != strings.Join(want, ",") {
		t.Fatalf("hub holds %d events, stations wrote %d honest ones", len(hubIDs), len(want))
	}
	// Every forged event sits in the hostile station's quarantine with a reason, and nowhere
	// else (the logs are compared below); no honest event is in any quarantine.
	hostile := pcs[hostileN]
	q := quarantined(t, hostile.st)
	if len(q) != len(hostile.forged) {
		t.Errorf("hostile station: %d events quarantined, %d forged", len(q), len(hostile.forged))
	}
	for name, f := range hostile.forged {
		if !strings.Contains(q[f.id], f.why) {
			t.Errorf("forged event %q: quarantined with the reason %q, want one saying %q", name, q[f.id], f.why)
		}
	}
	for i, p := range pcs[:hostileN] {
		if q := quarantined(t, p.st); len(q) != 0 {
			t.Errorf("honest station %d: %d events quarantined: %v", i, len(q), q)
		}
	}
	// Every station holds every event of the office, and its cursor is at its last event.
	hello, _, err := pcs[0].c.Hello(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pcs {
		evs, _ := p.st.Store.Unpushed(ctx, 0, 1<<30)
		pushed, _, err := p.st.Store.SyncCursor(ctx, hello.Epoch)
		if err != nil || pushed != evs[len(evs)-1].Seq {
			t.Errorf("station %d: cursor %d, last own event %d (%v)", i, pushed, evs[len(evs)-1].Seq, err)
		}
		// Exactly the office's events, and the hostile station its forged ones besides.
		wantHere := append([]string(nil), want...)
		for _, f := range p.forged {
			wantHere = append(wantHere, f.id.String())
		}
		sort.Strings(wantHere)
		if got := storeEventIDs(t, p.st.Store); strings.Join(got, ",") != strings.Join(wantHere, ",") {
			t.Errorf("station %d: log of %d events, want %d", i, len(got), len(wantHere))
		}
		if p.forged != nil {
			// Its own store refuses to replay the log it was given (the one strict decoder and
			// the workflow read every log): its check shows the tampering, and its figures are
			// its own business.
			if res, err := p.st.Store.Check(ctx, false, nil); err == nil && res.OK() {
				t.Errorf("hostile station: check OK on a tampered log")
			}
			continue
		}
		checkOK(t, fmt.Sprintf("station %d", i), p.st.Store)
		// Statistics of February (the filled dossiers) and March (the live ones) agree.
		for _, period := range [][2]string{{"2026-02-01", "2026-02-28"}, {"2026-03-01", "2026-03-31"}} {
			from, to := dateOf(period[0]), dateOf(period[1])
			local, err := p.st.Store.Stats(ctx, from, to, "", data.ModeTimestamp)
			if err != nil {
				t.Fatal(err)
			}
			remote, err := h.Stats(ctx, synctest.OfficeA, from, to, "", string(data.ModeTimestamp))
			if err != nil {
				t.Fatal(err)
			}
			if local.Total.ReceivedTotal != remote.ReceivedTotal || local.Total.ResolvedTotal != remote.ResolvedTotal ||
				local.Total.RatedTotal != remote.RatedTotal || local.Total.FeesTotal != remote.FeesTotal {
				t.Errorf("station %d %v: station %+v, hub %+v", i, period, local.Total, remote.Figures)
			}
		}
	}
	// Each honest station: 60 filled dossiers, one per round and one during the slow pushes; the
	// hostile one: 20 filled, one per round and three around each tampering.
	if n, wantN := len(want), 3*(60*5+12+1)+importedEvents+(20*5+12+2*3); n != wantN {
		t.Errorf("stations wrote %d honest events, want %d", n, wantN)
	}
	// The hub's copy of the office is consistent too.
	replica, err := data.Open(filepath.Join(w.dir, "offices", synctest.OfficeA, data.DBFile), data.ReadOnly()) // the hub holds it open
	if err != nil {
		t.Fatal(err)
	}
	defer replica.Close()
	checkOK(t, "hub", replica)
	// The health page counts what the hub stores from each station, whatever the faults did.
	health, err := h.Stations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(health) != len(pcs) {
		t.Errorf("health page: %d stations, want %d", len(health), len(pcs))
	}
	for i, s := range health {
		if own := len(honest(pcs[i])); s.Station != i || s.Held != own {
			t.Errorf("health page: station %d holds %d events, station %d wrote %d", s.Station, s.Held, i, own)
		}
	}
}

// storeEventIDs lists the ids of every event s holds, its own and pulled, sorted.
func storeEventIDs(t *testing.T, s *data.Store) []string {
	t.Helper()
	rows, err := s.DB().Query(`SELECT id FROM events`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id []byte
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, uuid.UUID(id).String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// importedEvents is how many events registerOfBlocks imports: 5 (returned and rated), 3
// (processed), 4 (processing after a supplement round), 1 (received).
const importedEvents = 5 + 3 + 4 + 1
