package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/sync/protocol"
)

// Server answers the sync protocol over HTTP(S).
type Server struct {
	h         *Hub
	limits    Limits
	slots     chan struct{} // pushes being stored; a push takes one only once its body is decoded
	receiving chan struct{} // requests with a body in progress, all tokens together
	tokens    tokenGate     // requests in flight per token
	log       *log.Logger
}

// MaxConcurrentPushes bounds the pushes stored at once (DefaultLimits.Pushes), which keeps memory
// bounded (each holds at most one batch) under a thundering herd after an outage.
const MaxConcurrentPushes = 64

// NewServer makes the HTTP handler of hub h, with DefaultLimits unless an option says otherwise.
// logger may be nil.
func NewServer(h *Hub, logger *log.Logger, opts ...ServerOption) *Server {
	if logger == nil {
		logger = log.New(discard{}, "", 0)
	}
	s := &Server{h: h, limits: DefaultLimits, log: logger}
	for _, o := range opts {
		o(s)
	}
	s.slots = make(chan struct{}, max(s.limits.Pushes, 1))
	s.receiving = make(chan struct{}, max(s.limits.Receiving, 1))
	return s
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// ServeHTTP routes a request.
func (s *Server) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	x := &exchange{ResponseWriter: rw, r: r}
	w := http.ResponseWriter(x)
	if hasBody(r) {
		// Paced from the first byte, before the token is even checked: a refused request's
		// body, which net/http reads away after the answer, cannot hold the connection either.
		x.body = newPacedBody(rw, r, s.limits)
		r.Body = x.body
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case protocol.PathHello:
		s.post(w, r, s.hello)
	case protocol.PathPush:
		s.post(w, r, s.push)
	case protocol.PathPull:
		s.get(w, r, s.pull)
	case protocol.PathOffice:
		s.authed(w, r, s.officeSnapshot)
	case protocol.PathStats:
		s.get(w, r, s.stats)
	case protocol.PathExport:
		s.get(w, r, s.export)
	case protocol.PathSubmissions:
		s.post(w, r, s.submit)
	case protocol.PathHealth, "/":
		s.get(w, r, s.health)
	default:
		s.fail(w, http.StatusNotFound, protocol.CodeNotFound, "không có địa chỉ này")
	}
}

func (s *Server) post(w http.ResponseWriter, r *http.Request, fn func(http.ResponseWriter, *http.Request, *Principal)) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		s.fail(w, http.StatusMethodNotAllowed, protocol.CodeMalformed, "chỉ nhận POST")
		return
	}
	s.authed(w, r, fn)
}

func (s *Server) get(w http.ResponseWriter, r *http.Request, fn func(http.ResponseWriter, *http.Request, *Principal)) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", http.MethodGet)
		s.fail(w, http.StatusMethodNotAllowed, protocol.CodeMalformed, "chỉ nhận GET")
		return
	}
	s.authed(w, r, fn)
}

// authed finds the token's holder: a bearer token, or the password of HTTP basic authentication
// so that a browser can open the health page.
func (s *Server) authed(w http.ResponseWriter, r *http.Request, fn func(http.ResponseWriter, *http.Request, *Principal)) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		_, tok, _ = r.BasicAuth()
	}
	tok = strings.TrimSpace(tok)
	p, err := s.h.authenticate(r.Context(), tok)
	if errors.Is(err, errUnauthorized) {
		w.Header().Set("WWW-Authenticate", `Basic realm="motcua-hub"`)
		if tok == "" {
			// No credentials at all: a browser's first request, before it asks for them. Only a
			// token presented and wrong is worth an operator's attention.
			s.answerError(w, http.StatusUnauthorized, protocol.CodeUnauthorized, err.Error())
			return
		}
		s.fail(w, http.StatusUnauthorized, protocol.CodeUnauthorized, err.Error())
		return
	}
	if err != nil {
		s.internal(w, err)
		return
	}
	x, _ := w.(*exchange)
	if x != nil {
		x.who = p
	}
	leave, ok := s.admit(w, x, hashToken(tok), s.limits.perToken(p))
	if !ok {
		return
	}
	defer leave()
	fn(w, r, p)
}

// admit takes one of the token's places for the request and, for a request with a body, one of
// the places of requests with a body (being received, waiting for a push slot or being stored:
// each holds one batch in memory); leave gives them back when the handler returns. When there
// is none it answers 429 (this token is over its share) or 503 (the hub as a whole is
// overloaded).
func (s *Server) admit(w http.ResponseWriter, x *exchange, key string, perToken int) (leave func(), ok bool) {
	if x == nil {
		return func() {}, true
	}
	if !s.tokens.enter(key, perToken) {
		w.Header().Set("Retry-After", busyAfter)
		s.fail(w, http.StatusTooManyRequests, protocol.CodeBusy,
			fmt.Sprintf("mã truy cập này đang có %d yêu cầu chưa xong, hãy gửi lại sau", perToken))
		return nil, false
	}
	leave = func() { s.tokens.leave(key) }
	if x.body == nil {
		return leave, true
	}
	select {
	case s.receiving <- struct{}{}:
		return func() { <-s.receiving; s.tokens.leave(key) }, true
	default:
		leave()
		w.Header().Set("Retry-After", busyAfter)
		s.fail(w, http.StatusServiceUnavailable, protocol.CodeBusy, "máy chủ đang bận, hãy gửi lại sau")
		return nil, false
	}
}

func (s *Server) header() protocol.Header {
	return protocol.Header{Protocol: protocol.Version, Epoch: s.h.epoch, HubTime: protocol.FormatTime(s.h.now())}
}

func (s *Server) reply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Motcua-Hub-Time", protocol.FormatTime(s.h.now()))
	if err := json.NewEncoder(w).Encode(v); err != nil {
		s.log.Printf("sending the answer: %s", logText(err))
	}
}

func (s *Server) fail(w http.ResponseWriter, status int, code, reason string) {
	s.logRefusal(w, status, code, reason)
	s.answerError(w, status, code, reason)
}

// answerError writes an error answer without logging it.
func (s *Server) answerError(w http.ResponseWriter, status int, code, reason string) {
	if status == http.StatusRequestEntityTooLarge || status == http.StatusRequestTimeout {
		// The rest of the body is not worth reading: close the connection after the answer.
		w.Header().Set("Connection", "close")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Motcua-Hub-Time", protocol.FormatTime(s.h.now()))
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(protocol.Error{Header: s.header(), Code: code, Reason: reason})
}

// logText is err for a log line: in English whatever the offices read (logs are English), as
// its stable code where it has one and the English text where the store wrote one. Errors carry
// no token (a token is compared, never wrapped into an error).
func logText(err error) string {
	text := data.InLanguage(err, "en")
	if code := data.CodeOf(err); code != "" {
		return code + ": " + text
	}
	return text
}

func (s *Server) internal(w http.ResponseWriter, err error) {
	s.log.Printf("server error: %s", logText(err))
	s.fail(w, http.StatusInternalServerError, protocol.CodeInternal, "lỗi máy chủ, hãy thử lại sau")
}

// decodeFailure answers a body the decoder refused.
func (s *Server) decodeFailure(w http.ResponseWriter, err error) {
	var mbe *http.MaxBytesError
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		s.fail(w, http.StatusRequestTimeout, protocol.CodeTimeout,
			fmt.Sprintf("nội dung yêu cầu đến quá chậm (cần ít nhất %d KB/giây)", s.limits.BodyRate>>10))
	case errors.Is(err, protocol.ErrTooLarge) || errors.As(err, &mbe):
		s.fail(w, http.StatusRequestEntityTooLarge, protocol.CodeTooLarge,
			fmt.Sprintf("tối đa %d sự kiện và %d MB mỗi lần gửi", protocol.MaxBatchEvents, protocol.MaxBodyBytes>>20))
	case errors.Is(err, protocol.ErrVersion):
		s.fail(w, http.StatusBadRequest, protocol.CodeVersion, err.Error())
	default:
		s.fail(w, http.StatusBadRequest, protocol.CodeMalformed, err.Error())
	}
}

func (s *Server) station(w http.ResponseWriter, p *Principal) bool {
	if p.Kind != "station" {
		s.fail(w, http.StatusForbidden, protocol.CodeForbidden, "mã truy cập này không dùng để đồng bộ")
		return false
	}
	return true
}

func clockOffset(hub time.Time, station string) int64 {
	t, err := protocol.ParseTime(station)
	if err != nil {
		return 0
	}
	return hub.Sub(t).Milliseconds()
}

func (s *Server) hello(w http.ResponseWriter, r *http.Request, p *Principal) {
	if !s.station(w, p) {
		return
	}
	req, err := protocol.DecodeHello(http.MaxBytesReader(w, r.Body, 4<<10))
	if err != nil {
		s.decodeFailure(w, err)
		return
	}
	c := contact{office: p.Office, station: p.Station, db: req.DB, clockMS: clockOffset(s.h.now(), req.StationTime)}
	// The station is authenticated and may sync: its report (last contact, database, clock) is
	// bookkeeping for the health page, whose failure is logged and not turned into an error that
	// would stop every sync while hub.db cannot be written (docs/sync-protocol.md).
	bctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), bookkeepingTimeout)
	err = s.h.recordContact(bctx, c)
	cancel()
	if err != nil {
		s.log.Printf("hello of office %s station %d answered, its report not recorded: %v", p.Office, p.Station, err)
	}
	s.reply(w, protocol.HelloResponse{Header: s.header(), Office: p.Office, Station: p.Station})
}

func (s *Server) push(w http.ResponseWriter, r *http.Request, p *Principal) {
	if !s.station(w, p) {
		return
	}
	req, err := protocol.DecodePush(http.MaxBytesReader(w, r.Body, protocol.MaxBodyBytes+1))
	if err != nil {
		s.decodeFailure(w, err)
		return
	}
	// A slot only for a batch that is here and well-formed: a client still sending holds none.
	release, ok := s.pushSlot(r.Context())
	if !ok {
		w.Header().Set("Retry-After", busyAfter)
		s.fail(w, http.StatusServiceUnavailable, protocol.CodeBusy, "máy chủ đang bận, hãy gửi lại sau")
		return
	}
	defer release()
	resp, status, code, reason, err := s.h.Push(r.Context(), p, req)
	if err != nil {
		s.internal(w, err)
		return
	}
	if status != http.StatusOK {
		s.fail(w, status, code, reason)
		return
	}
	// The events are stored and counted (data.Store.ApplyPushed): what the station reported
	// is bookkeeping for the health page, and its failure must not turn the stored push into an
	// error the station would answer by sending it again. A station that hung up meanwhile still
	// gets its report recorded.
	bctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), bookkeepingTimeout)
	err = s.h.recordPush(bctx, p, req, resp)
	cancel()
	if err != nil {
		s.log.Printf("push of office %s station %d stored and acknowledged, its report not recorded: %v", p.Office, p.Station, err)
	}
	resp.Header = s.header()
	s.reply(w, resp)
}

// bookkeepingTimeout bounds the write of what a station reported, after its push was stored.
const bookkeepingTimeout = 5 * time.Second

// Push stores a decoded push for the token holder p. It returns the answer, or a refusal of the
// whole request as an HTTP status, code and reason (nothing stored), or an error (nothing stored
// either). Only the request itself is refused whole: an event that cannot be stored is refused
// alone, with its reason, and the others are stored (docs/sync-protocol.md).
func (h *Hub) Push(ctx context.Context, p *Principal, req *protocol.PushRequest) (*protocol.PushResponse, int, string, string, error) {
	if req.Office != p.Office || req.Station != p.Station {
		return nil, http.StatusForbidden, protocol.CodeForbidden,
			fmt.Sprintf("mã truy cập thuộc văn phòng %s máy trạm %d", p.Office, p.Station), nil
	}
	resp := &protocol.PushResponse{Ack: req.From, Rejected: []protocol.Rejected{}}
	evs := make([]data.Event, 0, len(req.Events))
	wire := make([]int, 0, len(req.Events)) // index in req.Events of each evs entry
	now := h.now()
	for i := range req.Events {
		e := &req.Events[i]
		// A station sends only what it wrote itself, stamped with its own office and station
		// (a register import included: docs/sync-protocol.md, "Imported history"). Another's
		// event is refused alone: one such event (a demo database, a forged one) must not stop
		// the rest of the station's log for ever.
		if e.Office != p.Office || e.Station != p.Station {
			resp.Rejected = append(resp.Rejected, protocol.Rejected{Seq: e.Seq, ID: e.ID, Code: protocol.CodeForbidden,
				Reason: fmt.Sprintf("sự kiện ghi cho văn phòng %s máy trạm %d, không phải của máy trạm này (văn phòng %s máy trạm %d)",
					e.Office, e.Station, p.Office, p.Station)})
			continue
		}
		de, err := protocol.ToData(e)
		if err != nil {
			resp.Rejected = append(resp.Rejected, protocol.Rejected{Seq: e.Seq, ID: e.ID, Code: protocol.CodeInvalidEvent, Reason: err.Error()})
			continue
		}
		// An event dated after the hub's range only because the station's clock runs fast is not
		// wrong: it is refused for now, and the station keeps it queued (docs/sync-protocol.md).
		if ahead := de.At.Sub(now); ahead > data.MaxClockSkew && ahead <= protocol.MaxHeldAhead {
			resp.Rejected = append(resp.Rejected, protocol.Rejected{Seq: e.Seq, ID: e.ID, Code: protocol.CodeClockAhead,
				Reason: fmt.Sprintf("sự kiện ghi lúc %s, sau giờ máy chủ (%s) hơn một ngày: đồng hồ máy trạm chạy nhanh",
					vntext.DateTime(de.At), vntext.DateTime(now))})
			continue
		}
		evs = append(evs, de)
		wire = append(wire, i)
	}
	o, err := h.office(ctx, p.Office, false)
	if errors.Is(err, errUnknownOffice) {
		return nil, http.StatusForbidden, protocol.CodeForbidden, err.Error(), nil
	}
	if err != nil {
		return nil, 0, "", "", fmt.Errorf("mở cơ sở dữ liệu của văn phòng %s: %w", p.Office, err)
	}
	o.mu.Lock()
	if err := o.store.PutAccounts(ctx, req.Accounts); err != nil { // before the events they check
		o.mu.Unlock()
		return nil, 0, "", "", err
	}
	res, err := o.store.ApplyPushed(ctx, req.DB, evs)
	o.mu.Unlock()
	if err != nil {
		return nil, 0, "", "", err
	}
	for _, rj := range res.Rejected {
		e := &req.Events[wire[rj.Index]]
		resp.Rejected = append(resp.Rejected, protocol.Rejected{Seq: e.Seq, ID: e.ID, Code: protocol.CodeInvalidEvent, Reason: rj.Reason})
	}
	// The station quarantines refusals in its sequence order.
	sort.Slice(resp.Rejected, func(a, b int) bool { return resp.Rejected[a].Seq < resp.Rejected[b].Seq })
	resp.Stored, resp.Duplicates = res.Stored, res.Duplicates
	if n := len(req.Events); n > 0 {
		resp.Ack = req.Events[n-1].Seq
	}
	return resp, http.StatusOK, "", "", nil
}

// recordPush records what a station reported with a push that was stored and answered resp.
// The events held are not counted here but by the store, in the transaction that stored them.
func (h *Hub) recordPush(ctx context.Context, p *Principal, req *protocol.PushRequest, resp *protocol.PushResponse) error {
	return h.recordContact(ctx, contact{office: p.Office, station: p.Station, db: req.DB,
		rejected: len(resp.Rejected), acked: resp.Ack, backlog: req.Backlog, quarantined: req.Quarantined,
		clockMS: req.ClockOffset, pushed: true})
}

func (s *Server) pull(w http.ResponseWriter, r *http.Request, p *Principal) {
	if !s.station(w, p) {
		return
	}
	q := r.URL.Query()
	after, err := strconv.ParseInt(q.Get("after"), 10, 64)
	if err != nil || after < 0 {
		s.fail(w, http.StatusBadRequest, protocol.CodeMalformed, "after phải là số không âm")
		return
	}
	limit := protocol.MaxPullEvents
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > protocol.MaxPullEvents {
			s.fail(w, http.StatusBadRequest, protocol.CodeMalformed, fmt.Sprintf("limit phải từ 1 đến %d", protocol.MaxPullEvents))
			return
		}
	}
	o, err := s.h.office(r.Context(), p.Office, false)
	if err != nil {
		s.fail(w, http.StatusForbidden, protocol.CodeForbidden, err.Error())
		return
	}
	evs, next, err := o.store.Feed(r.Context(), after, q.Get("db"), limit)
	if err != nil {
		s.internal(w, err)
		return
	}
	top, err := o.store.LogPosition(r.Context())
	if err != nil {
		s.internal(w, err)
		return
	}
	resp := protocol.PullResponse{Header: s.header(), Events: make([]protocol.Event, len(evs)), Next: next, More: next < top}
	for i := range evs {
		resp.Events[i] = protocol.FromData(&evs[i].Event, evs[i].Origin)
	}
	s.reply(w, resp)
}
