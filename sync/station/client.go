// Package station is the station side of sync (docs/ARCHITECTURE.md §5, docs/sync-protocol.md): it pushes
// the events written on this PC to the hub in sequence order and pulls what the office's other
// stations wrote, over go-retryablehttp (exponential backoff with jitter, Retry-After honoured).
package station

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"

	"motcua/data"
	"motcua/sync/protocol"
)

// ClockWarning is how far the PC's clock may drift from the hub's before the user is warned:
// deadlines and statistics depend on dates.
const ClockWarning = 5 * time.Minute

// Config is how to reach the hub.
type Config struct {
	Hub   string // base URL, https://…
	Token string
	CA    string // PEM of the hub's CA, "" for the system's roots

	BatchEvents  int           // events per push (default and maximum protocol.MaxBatchEvents)
	RetryMax     int           // retries of one request (default 6)
	RetryWaitMin time.Duration // first backoff (default 500 ms)
	RetryWaitMax time.Duration // longest backoff and longest Retry-After honoured (default 60 s)
	Timeout      time.Duration // one attempt (default 60 s)
	Transport    http.RoundTripper
	Now          func() time.Time

	// AllowInsecureHTTP lets a test talk plain HTTP to a hub anywhere, with or without a
	// pinned CA (CheckHub). Never set from settings or the command line.
	AllowInsecureHTTP bool
}

// ErrPlainHTTP: the hub's address is plain http:// where only https:// is accepted (CheckHub).
var ErrPlainHTTP = errors.New("địa chỉ máy chủ đồng bộ phải là https://…")

// CheckHub checks the hub's address hub for a station whose pinned CA is ca ("" none): an
// https:// URL, or plain http:// to this PC itself (127.0.0.1, ::1, localhost) without a pinned
// CA. Plain HTTP elsewhere would send the token and the citizens' records over the network
// unprotected; and a pinned CA says the office means to reach the hub over TLS, so an http://
// address then is a mistake (or a downgrade) and is refused even on this PC.
func CheckHub(hub, ca string) error {
	base, err := url.Parse(strings.TrimRight(hub, "/"))
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" {
		return fmt.Errorf("địa chỉ máy chủ không hợp lệ %q (cần https://…)", hub)
	}
	if base.Scheme == "https" {
		return nil
	}
	if ca != "" {
		return fmt.Errorf("%w (%q): máy này đã ghim chứng thư CA của máy chủ, không gửi mã truy cập và hồ sơ qua kết nối không mã hóa", ErrPlainHTTP, hub)
	}
	if !loopback(base.Hostname()) {
		return fmt.Errorf("%w (%q): kết nối http:// không mã hóa, mã truy cập và hồ sơ sẽ đi qua mạng mà không được bảo vệ", ErrPlainHTTP, hub)
	}
	return nil
}

// loopback tells a host name of this PC itself.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// errRedirect: the hub answered with a redirection, which the protocol never uses. Following it
// would send the token along (net/http keeps Authorization for the same host, even from https
// to http), so it is refused and not retried.
var errRedirect = errors.New("máy chủ đồng bộ chuyển hướng sang địa chỉ khác: không đi theo (kiểm tra lại địa chỉ máy chủ)")

// retryPolicy is go-retryablehttp's (network errors, 5xx and 429 are retried), with a 408 (the
// hub gave up waiting for the body: a slow line) retried too, and a redirection never.
func retryPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if errors.Is(err, errRedirect) {
		return false, err
	}
	if err == nil && ctx.Err() == nil && resp.StatusCode == http.StatusRequestTimeout {
		return true, nil
	}
	return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
}

// Client syncs one station database with its hub.
type Client struct {
	store *data.Store
	cfg   Config
	base  *url.URL
	http  *retryablehttp.Client
}

// New makes a client for store.
func New(store *data.Store, cfg Config) (*Client, error) {
	err := CheckHub(cfg.Hub, cfg.CA)
	if errors.Is(err, ErrPlainHTTP) && cfg.AllowInsecureHTTP {
		err = nil // a test's plain HTTP hub
	}
	if err != nil {
		return nil, err
	}
	base, _ := url.Parse(strings.TrimRight(cfg.Hub, "/"))
	if cfg.Token == "" {
		return nil, errors.New("chưa có mã truy cập máy chủ đồng bộ")
	}
	if cfg.BatchEvents <= 0 || cfg.BatchEvents > protocol.MaxBatchEvents {
		cfg.BatchEvents = protocol.MaxBatchEvents
	}
	if cfg.RetryMax == 0 {
		cfg.RetryMax = 6
	}
	if cfg.RetryWaitMin == 0 {
		cfg.RetryWaitMin = 500 * time.Millisecond
	}
	if cfg.RetryWaitMax == 0 {
		cfg.RetryWaitMax = 60 * time.Second
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	tr := cfg.Transport
	if tr == nil {
		t := cleanhttp.DefaultPooledTransport()
		if cfg.CA != "" {
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM([]byte(cfg.CA)) {
				return nil, errors.New("chứng thư CA của máy chủ không đọc được (cần PEM)")
			}
			t.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
		}
		tr = t
	}
	rc := retryablehttp.NewClient()
	rc.HTTPClient = &http.Client{Transport: tr, Timeout: cfg.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return errRedirect }}
	rc.Logger = nil
	rc.RetryMax = cfg.RetryMax
	rc.RetryWaitMin, rc.RetryWaitMax = cfg.RetryWaitMin, cfg.RetryWaitMax
	rc.Backoff = Backoff
	rc.CheckRetry = retryPolicy
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	return &Client{store: store, cfg: cfg, base: base, http: rc}, nil
}

// Backoff waits what a 429 or 503 asks in Retry-After (up to max), else an exponential time
// from min with full jitter, so that a hundred stations coming back after an outage spread out.
func Backoff(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if v := resp.Header.Get("Retry-After"); v != "" {
			if s, err := strconv.Atoi(v); err == nil && s >= 0 {
				return min64(time.Duration(s)*time.Second, max)
			}
			if t, err := http.ParseTime(v); err == nil {
				return min64(max64(time.Until(t), 0), max)
			}
		}
	}
	ceiling := max
	if attempt < 30 {
		ceiling = min64(min<<uint(attempt), max)
	}
	if ceiling <= min {
		return min
	}
	return min + rand.N(ceiling-min)
}

func min64(a, b time.Duration) time.Duration {
	if a < b {
		return a
	}
	return b
}

func max64(a, b time.Duration) time.Duration {
	if a > b {
		return a
	}
	return b
}

// HubError is a refusal from the hub: its status and error body.
type HubError struct {
	Status int
	Body   protocol.Error
}

func (e *HubError) Error() string {
	return fmt.Sprintf("máy chủ đồng bộ từ chối (%d %s): %s", e.Status, e.Body.Code, e.Body.Reason)
}

// ErrUnreachable wraps every failure to talk to the hub at all (network, timeouts, 5xx after
// the retries).
var ErrUnreachable = errors.New("không kết nối được máy chủ đồng bộ")

// do sends one request and decodes a 200 answer into out; it returns the local times around the
// exchange for the clock offset.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body any, out any) (sent, recv time.Time, err error) {
	u := *c.base
	u.Path += path
	u.RawQuery = query.Encode()
	var raw any
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return sent, recv, err
		}
		raw = b
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, u.String(), raw)
	if err != nil {
		return sent, recv, err
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	sent = c.cfg.Now()
	resp, err := c.http.Do(req)
	recv = c.cfg.Now()
	if err != nil {
		if ctx.Err() != nil {
			return sent, recv, ctx.Err()
		}
		return sent, recv, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	defer resp.Body.Close()
	lim := io.LimitReader(resp.Body, protocol.MaxBodyBytes*2)
	if resp.StatusCode != http.StatusOK {
		he := &HubError{Status: resp.StatusCode}
		if json.NewDecoder(lim).Decode(&he.Body) != nil || he.Body.Code == "" {
			he.Body.Code, he.Body.Reason = "http", resp.Status
		}
		if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusRequestTimeout {
			return sent, recv, fmt.Errorf("%w: %v", ErrUnreachable, he)
		}
		return sent, recv, he
	}
	if err := json.NewDecoder(lim).Decode(out); err != nil {
		// A cut answer: what the hub did is unknown, so the caller must not advance anything.
		return sent, recv, fmt.Errorf("%w: trả lời không đọc được: %v", ErrUnreachable, err)
	}
	return sent, recv, nil
}

// Report is what one sync did.
type Report struct {
	Office       string
	Station      int
	Epoch        string
	NewEpoch     bool                // the hub's epoch was never seen here: everything was re-sent
	Sent         int                 // events sent (including re-sent duplicates)
	Stored       int                 // of which the hub stored for the first time
	Refused      []protocol.Rejected // refused for good: in the quarantine
	HeldAhead    int                 // events kept queued because the hub's clock has not reached their time (clock_ahead)
	Pulled       int                 // events from other stations applied here
	PullRefused  int                 // pulled events this store refused (kept out, reported)
	Conflicts    int
	Backlog      int           // events still waiting (0 after a full sync)
	ClockOffset  time.Duration // hub clock minus this PC's clock
	ClockWarning bool
	SnapshotSent bool // this PC's office details, catalog or calendar changed and went to the hub
	SnapshotGot  bool // the hub's were newer and were applied here
	At           time.Time
}

// Hello asks the hub which office and station the token is bound to, and its epoch and clock.
func (c *Client) Hello(ctx context.Context) (*protocol.HelloResponse, time.Duration, error) {
	db, err := c.store.DatabaseID(ctx)
	if err != nil {
		return nil, 0, err
	}
	var hr protocol.HelloResponse
	req := protocol.HelloRequest{Protocol: protocol.Version, DB: db, StationTime: protocol.FormatTime(c.cfg.Now())}
	sent, recv, err := c.do(ctx, http.MethodPost, protocol.PathHello, nil, req, &hr)
	if err != nil {
		return nil, 0, err
	}
	return &hr, offset(hr.HubTime, sent, recv), nil
}

// offset is the hub's clock minus ours, taking the middle of the exchange as the hub's moment.
func offset(hubTime string, sent, recv time.Time) time.Duration {
	t, err := protocol.ParseTime(hubTime)
	if err != nil {
		return 0
	}
	mid := sent.Add(recv.Sub(sent) / 2)
	return t.Sub(mid).Round(time.Millisecond)
}

// Sync pushes every event waiting, exchanges the office snapshot and pulls every page of the
// feed, once.
func (c *Client) Sync(ctx context.Context) (*Report, error) {
	return c.run(ctx, c.push, c.exchangeSnapshot, c.pull)
}

// Push only sends what waits here.
func (c *Client) Push(ctx context.Context) (*Report, error) { return c.run(ctx, c.push) }

// Pull only fetches what the office's other stations wrote.
func (c *Client) Pull(ctx context.Context) (*Report, error) { return c.run(ctx, c.pull) }

// run says hello (which office, station and epoch; the clock offset) and then runs the steps.
func (c *Client) run(ctx context.Context, steps ...func(context.Context, *Report) error) (*Report, error) {
	hello, off, err := c.Hello(ctx)
	if err != nil {
		return nil, err
	}
	office, err := c.store.Office()
	if err != nil {
		return nil, err
	}
	if hello.Office != office.Code || hello.Station != c.store.Station() {
		return nil, fmt.Errorf("mã truy cập thuộc văn phòng %s máy trạm %d, còn máy này là văn phòng %s máy trạm %d",
			hello.Office, hello.Station, office.Code, c.store.Station())
	}
	rep := &Report{Office: hello.Office, Station: hello.Station, Epoch: hello.Epoch, ClockOffset: off}
	rep.ClockWarning = off > ClockWarning || off < -ClockWarning
	pushed, _, err := c.store.SyncCursor(ctx, hello.Epoch)
	if err != nil {
		return nil, err
	}
	rep.NewEpoch = pushed == 0
	for _, step := range steps {
		if err := step(ctx, rep); err != nil {
			return rep, err
		}
	}
	rep.At = c.cfg.Now()
	return rep, nil
}

// errEpochChanged: the hub lost its data during this sync; the next sync re-sends everything.
var errEpochChanged = errors.New("máy chủ đồng bộ vừa được khôi phục (epoch mới): hãy đồng bộ lại")

func (c *Client) push(ctx context.Context, rep *Report) error {
	db, err := c.store.DatabaseID(ctx)
	if err != nil {
		return err
	}
	office, _ := c.store.Office()
	cursor, _, err := c.store.SyncCursor(ctx, rep.Epoch)
	if err != nil {
		return err
	}
	// Counted once: counting again for every batch would scan the rest of the log each time.
	backlog, err := c.store.Backlog(ctx, cursor)
	if err != nil {
		return err
	}
	for {
		cursor, _, err := c.store.SyncCursor(ctx, rep.Epoch)
		if err != nil {
			return err
		}
		evs, err := c.store.Unpushed(ctx, cursor, c.cfg.BatchEvents)
		if err != nil {
			return err
		}
		if len(evs) == 0 {
			rep.Backlog = 0
			return nil
		}
		req := protocol.PushRequest{Protocol: protocol.Version, Office: office.Code, Station: c.store.Station(), DB: db,
			Epoch: rep.Epoch, From: cursor, ClockOffset: rep.ClockOffset.Milliseconds()}
		// The office's accounts go with every push: the hub checks who did what (docs/sync-protocol.md).
		if req.Users, err = protocol.AccountsOf(ctx, c.store); err != nil {
			return err
		}
		// Cut the batch well under the hub's body limit: the estimate counts the payload exactly
		// and the rest of an event generously.
		size := 512
		for i := range evs {
			w := protocol.FromData(&evs[i], "")
			size += len(w.Payload) + 1024
			if len(req.Events) > 0 && size > protocol.MaxBodyBytes*7/8 {
				break
			}
			req.Events = append(req.Events, w)
		}
		last := req.Events[len(req.Events)-1].Seq
		req.Backlog = max(backlog-len(req.Events), 0)
		// Counted, not listed: a database holding another station's events (the demo office)
		// may have thousands in quarantine, and this runs for every batch.
		if req.Quarantined, err = c.store.QuarantineCount(ctx); err != nil {
			return err
		}
		var resp protocol.PushResponse
		if _, _, err := c.do(ctx, http.MethodPost, protocol.PathPush, nil, req, &resp); err != nil {
			return err
		}
		if resp.Epoch != rep.Epoch {
			return errEpochChanged
		}
		// Only an explicit acknowledgement inside what was sent moves the cursor.
		if resp.Ack <= cursor || resp.Ack > last {
			return fmt.Errorf("%w: xác nhận %d ngoài khoảng đã gửi (%d, %d]", ErrUnreachable, resp.Ack, cursor, last)
		}
		// An event dated after the hub's clock (this PC's clock runs fast) is not refused for
		// good: the cursor stops before it, so that it and everything after it (which may
		// depend on it) stay queued and go again at a later sync; what the hub stored after it
		// comes back then as duplicates, which are no-ops (docs/sync-protocol.md).
		ack := resp.Ack
		for _, r := range resp.Rejected {
			if r.Code == protocol.CodeClockAhead && r.Seq > cursor && r.Seq <= ack {
				ack = r.Seq - 1
				break // resp.Rejected is in sequence order
			}
		}
		refused := make([]data.Quarantined, 0, len(resp.Rejected))
		final := make([]protocol.Rejected, 0, len(resp.Rejected))
		hubTime, _ := protocol.ParseTime(resp.HubTime)
		for _, r := range resp.Rejected {
			if r.Seq <= cursor || r.Seq > ack {
				continue
			}
			refused = append(refused, data.Quarantined{Seq: r.Seq, Code: r.Code, Reason: r.Reason, At: hubTime})
			final = append(final, r)
		}
		if ack > cursor {
			if err := c.store.Acknowledge(ctx, rep.Epoch, cursor, ack, refused); err != nil {
				return err
			}
		}
		done := 0 // events of the batch now behind the cursor
		for _, e := range req.Events {
			if e.Seq <= ack {
				done++
			}
		}
		rep.Sent += len(req.Events)
		rep.Stored += resp.Stored
		rep.Refused = append(rep.Refused, final...)
		if ack < resp.Ack {
			rep.HeldAhead = len(req.Events) - done + req.Backlog
			rep.Backlog = rep.HeldAhead
			return nil
		}
		rep.Backlog = req.Backlog
		backlog = req.Backlog
	}
}

// ClockAheadNotice is what the person at this PC is told when events were kept back because
// their time is after the hub's clock; "" when none were.
func (r *Report) ClockAheadNotice() string {
	if r.HeldAhead == 0 {
		return ""
	}
	if r.ClockOffset < -ClockWarning {
		return fmt.Sprintf("Đồng hồ máy này chạy nhanh hơn máy chủ %s: %d sự kiện ghi theo giờ sai được giữ lại ở máy này, "+
			"không mất. Hãy chỉnh lại ngày giờ của máy tính; các sự kiện sẽ tự được gửi lại khi đồng hồ đã đúng "+
			"và máy chủ tới giờ ghi của chúng.", (-r.ClockOffset).Round(time.Second), r.HeldAhead)
	}
	return fmt.Sprintf("Đồng hồ máy này đã chạy nhanh hơn máy chủ khi ghi một số sự kiện: %d sự kiện được giữ lại ở máy này, "+
		"không mất, và sẽ tự được gửi lại khi máy chủ tới giờ ghi của chúng (chậm nhất vài ngày).", r.HeldAhead)
}

func (c *Client) pull(ctx context.Context, rep *Report) error {
	db, err := c.store.DatabaseID(ctx)
	if err != nil {
		return err
	}
	for {
		_, cursor, err := c.store.SyncCursor(ctx, rep.Epoch)
		if err != nil {
			return err
		}
		var resp protocol.PullResponse
		q := url.Values{"after": {strconv.FormatInt(cursor, 10)}, "db": {db}}
		if _, _, err := c.do(ctx, http.MethodGet, protocol.PathPull, q, nil, &resp); err != nil {
			return err
		}
		if resp.Epoch != rep.Epoch {
			return errEpochChanged
		}
		if resp.Next < cursor {
			return fmt.Errorf("%w: vị trí nhận %d lùi về trước %d", ErrUnreachable, resp.Next, cursor)
		}
		in := make([]data.Synced, 0, len(resp.Events))
		for i := range resp.Events {
			w := &resp.Events[i]
			e, err := protocol.ToData(w)
			if err != nil || e.Office != rep.Office {
				rep.PullRefused++
				continue
			}
			origin := w.Origin
			if origin == "" {
				origin = "hub"
			}
			in = append(in, data.Synced{Event: e, Origin: origin})
		}
		res, err := c.store.ApplyPulled(ctx, rep.Epoch, resp.Next, in)
		if err != nil {
			return err
		}
		rep.Pulled += res.Stored
		rep.PullRefused += len(res.Rejected)
		rep.Conflicts += res.Conflicts
		if !resp.More || resp.Next == cursor {
			return nil
		}
	}
}

// exchangeSnapshot keeps the office details, settings, catalog and calendar the same here and
// at the hub: what changed here since the last exchange goes up (the latest upload wins at the
// hub); otherwise a newer version at the hub comes down. A PC that never exchanged one takes
// the hub's, so a new counter PC does not overwrite the office's catalog with its defaults.
func (c *Client) exchangeSnapshot(ctx context.Context, rep *Report) error {
	local, err := c.store.Snapshot(ctx)
	if err != nil {
		return err
	}
	hash := local.Hash()
	version, lastHash, err := c.store.SnapshotState(ctx, rep.Epoch)
	if err != nil {
		return err
	}
	have := version
	if lastHash == "" {
		have = 0 // never exchanged with this epoch: take the hub's whole snapshot
	}
	var got protocol.OfficeResponse
	q := url.Values{"have": {strconv.FormatInt(have, 10)}}
	if _, _, err := c.do(ctx, http.MethodGet, protocol.PathOffice, q, nil, &got); err != nil {
		return err
	}
	if got.Epoch != rep.Epoch {
		return errEpochChanged
	}
	switch {
	case got.Version > 0 && got.Snapshot != nil && (lastHash == "" || (hash == lastHash && got.Version > version)):
		if err := c.store.ApplySnapshot(ctx, data.System, got.Snapshot); err != nil {
			return fmt.Errorf("áp dụng danh mục từ máy chủ: %w", err)
		}
		after, err := c.store.Snapshot(ctx)
		if err != nil {
			return err
		}
		rep.SnapshotGot = true
		return c.store.SetSnapshotState(ctx, rep.Epoch, got.Version, after.Hash())
	case got.Version == 0 || hash != lastHash:
		var put protocol.OfficeResponse
		req := protocol.OfficeRequest{Protocol: protocol.Version, Snapshot: *local}
		if _, _, err := c.do(ctx, http.MethodPut, protocol.PathOffice, nil, req, &put); err != nil {
			return err
		}
		rep.SnapshotSent = true
		return c.store.SetSnapshotState(ctx, rep.Epoch, put.Version, hash)
	}
	return nil
}

// ErrNoOffice: the hub has no details of the token's office yet.
var ErrNoOffice = errors.New("máy chủ chưa có thông tin văn phòng: hãy đồng bộ máy trạm đầu tiên của văn phòng trước")

// Enroll turns a fresh, empty database into the station its token names: it sets up the office
// as the hub knows it (details, settings, catalog, calendar) with admin as its first
// administrator, saves the hub settings, and pulls the office's dossiers.
func Enroll(ctx context.Context, store *data.Store, cfg Config, admin data.NewUser) (*Report, error) {
	c, err := New(store, cfg)
	if err != nil {
		return nil, err
	}
	hello, _, err := c.Hello(ctx)
	if err != nil {
		return nil, err
	}
	var got protocol.OfficeResponse
	if _, _, err := c.do(ctx, http.MethodGet, protocol.PathOffice, nil, nil, &got); err != nil {
		return nil, err
	}
	if got.Snapshot == nil || got.Version == 0 {
		return nil, ErrNoOffice
	}
	so := got.Snapshot.Office
	hours, err := data.ParseHours(so.Hours)
	if err != nil {
		return nil, err
	}
	o := data.Office{Code: hello.Office, Name: so.Name, Level: so.Level, ParentCode: so.ParentCode,
		GoverningBody: so.GoverningBody, Place: so.Place, Hours: hours}
	if err := store.Setup(ctx, o, hello.Station, admin); err != nil {
		return nil, err
	}
	if err := store.ApplySnapshot(ctx, data.System, got.Snapshot); err != nil {
		return nil, err
	}
	after, err := store.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	if err := store.SetSnapshotState(ctx, hello.Epoch, got.Version, after.Hash()); err != nil {
		return nil, err
	}
	if err := store.SetSyncConfig(ctx, data.System, data.SyncConfig{Hub: cfg.Hub, Token: cfg.Token, CA: cfg.CA}); err != nil {
		return nil, err
	}
	return c.Sync(ctx)
}
