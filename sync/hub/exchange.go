package hub

import (
	"net/http"
	"strconv"
	"unicode/utf8"
)

// exchange is one request as the server handles it: the writer handlers answer through, which
// also knows the request and, once authenticated, who sent it, so that every refusal can be
// logged with the office, station and address (never the token).
type exchange struct {
	http.ResponseWriter
	r    *http.Request
	who  *Principal
	body *pacedBody // nil for a request without a body
}

// Unwrap lets http.ResponseController reach the connection (read deadlines).
func (x *exchange) Unwrap() http.ResponseWriter { return x.ResponseWriter }

// logged are the refusals an operator must be able to trace to a station or an address: who
// the client is (401), what it may do (403), and what it costs the hub (408, 413, 429).
func logged(status int) bool {
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusRequestTimeout,
		http.StatusRequestEntityTooLarge, http.StatusTooManyRequests:
		return true
	}
	return false
}

// logRefusal writes one line for a refusal. The token, and the Authorization header that holds
// it, are never written.
func (s *Server) logRefusal(w http.ResponseWriter, status int, code, reason string) {
	x, ok := w.(*exchange)
	if !ok || !logged(status) {
		return
	}
	office, station, kind := "-", "-", "-"
	if x.who != nil {
		kind = x.who.Kind
		if x.who.Office != "" {
			office = x.who.Office
		}
		if x.who.Station >= 0 {
			station = strconv.Itoa(x.who.Station)
		}
	}
	// Behind a TLS proxy the address is the proxy's: the address the proxy says it forwarded
	// for is written too, as what it is (a claim).
	fwd := ""
	if v := x.r.Header.Get("X-Forwarded-For"); v != "" {
		fwd = " forwarded=" + quoteShort(v)
	}
	s.log.Printf("refused %d %s office=%s station=%s kind=%s addr=%s%s %s %s: %s",
		status, code, office, station, kind, x.r.RemoteAddr, fwd, x.r.Method, quoteShort(x.r.URL.Path), reason)
}

// quoteShort quotes a client-supplied string for a log line, cut to 100 bytes.
func quoteShort(v string) string {
	if len(v) > 100 {
		v = v[:100]
		for !utf8.ValidString(v) {
			v = v[:len(v)-1]
		}
	}
	return strconv.Quote(v)
}
