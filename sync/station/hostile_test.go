package station_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"motcua/data"
	"motcua/sync/protocol"
	"motcua/sync/synctest"
)

// forgery is an event a hostile station forged, and a part of the reason the hub must give.
type forgery struct {
	id  uuid.UUID
	why string
}

// tamper writes into a station's log, outside the app and between honest dossiers, what a hostile
// or broken station would send: a leader-only stop by an actor the office does not have and by
// the reception officer (who has no leader role), a payload with invalid UTF-8 bytes, a payload with
// a field its type does not have, and an event stamped with another station's number. It returns
// the forged events by what is wrong with them (names prefixed by tag). The honest dossiers it
// receives around them are the station's own and must reach everybody.
func tamper(t *testing.T, st *synctest.Station, tag string) map[string]forgery {
	t.Helper()
	// The forged stops target these, one each (a second stop would not fit the first); nothing
	// honest follows on them.
	before := st.Receive(t, "Ngô Văn Thật "+tag)
	other := st.Receive(t, "Ngô Văn Ngay "+tag)
	at := st.Clock.Now().Add(time.Minute)
	stop := []byte(`{"reason":"Dừng xử lý"}`)
	foreign := forge(t, st, before.ID, data.EvNote, at, "tiepnhan", []byte(`{"text":"Ghi chú của máy khác"}`))
	if _, err := st.Store.DB().Exec(`UPDATE events SET station = 1 WHERE id = ?`, foreign[:]); err != nil { // posing as station 1
		t.Fatal(err)
	}
	o, _ := st.Store.Office()
	code := fmt.Sprintf("%s-260302-%d9%02d", o.Code, st.Store.Station(), len(tag)) // in its own block, unused
	forged := map[string]forgery{
		tag + "unknown actor stops":    {forge(t, st, before.ID, data.EvStopped, at, "giamao", stop), "không phải tài khoản của văn phòng"},
		tag + "officer without leader": {forge(t, st, other.ID, data.EvStopped, at, st.Counter.Username, stop), "không có quyền dừng xử lý"},
		tag + "invalid UTF-8 name": {forge(t, st, uuid.Must(uuid.NewV7()), data.EvReceived, at, "tiepnhan",
			receivedPayload(t, st, code, []byte("Nguy\xff\xfen Văn Giả"))), "UTF-8"},
		tag + "unknown field": {forge(t, st, before.ID, data.EvNote, at, "tiepnhan", []byte(`{"text":"Ghi chú","trang_thai":10}`)),
			`trường không hợp lệ "trang_thai"`},
		tag + "another station's event": {foreign, "máy trạm 1, không phải của máy trạm này"},
	}
	st.Receive(t, "Ngô Thị Thật "+tag) // honest, after the forged ones
	return forged
}

// trickle is the body of a slow push: a valid beginning, then a space every tick until ctx ends.
type trickle struct {
	ctx    context.Context
	head   *strings.Reader
	tick   time.Duration
	reads  int
	onBusy func() // called once the body is being sent
}

func (b *trickle) Read(p []byte) (int, error) {
	if b.head.Len() > 0 {
		return b.head.Read(p)
	}
	if b.reads++; b.reads == 3 && b.onBusy != nil {
		b.onBusy()
	}
	select {
	case <-b.ctx.Done():
		return 0, b.ctx.Err()
	case <-time.After(b.tick):
		p[0] = ' '
		return 1, nil
	}
}

// slowPushes opens n pushes with the token tok of station n of office at url that trickle their
// bodies, as a slow-loris client would, until stop is called or d has passed. started is closed
// when every one is sending (or was answered); stop ends them and returns what each ended with
// (an answer or an error: a hub may cut such a push short, refuse it or wait for it, the test
// asserts nothing of it) and whether d had passed before it was called.
func slowPushes(url, tok, office string, station, n int, d time.Duration) (started <-chan struct{}, stop func() ([]string, bool)) {
	tr := &http.Transport{}
	all, cancelAll := context.WithTimeout(context.Background(), d)
	var wg, busy sync.WaitGroup
	out := make([]string, n)
	ready := make(chan struct{})
	busy.Add(n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ctx := all
			var once sync.Once
			body := &trickle{ctx: ctx, tick: 50 * time.Millisecond, onBusy: func() { once.Do(busy.Done) },
				head: strings.NewReader(fmt.Sprintf(`{"protocol":%d,"office":%q,"station":%d,"db":"slow","from":0,"events":[`,
					protocol.Version, office, station))}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+protocol.PathPush, body)
			if err != nil {
				panic(err)
			}
			req.ContentLength = 1 << 20 // announced, never sent
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Content-Type", "application/json")
			resp, err := (&http.Client{Transport: tr}).Do(req)
			once.Do(busy.Done) // answered or failed before it got going
			if err != nil {
				out[i] = err.Error()
				return
			}
			io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
			resp.Body.Close()
			out[i] = resp.Status
		}(i)
	}
	go func() { busy.Wait(); close(ready) }()
	return ready, func() ([]string, bool) {
		expired := all.Err() != nil
		cancelAll()
		wg.Wait()
		tr.CloseIdleConnections()
		return out, expired
	}
}
