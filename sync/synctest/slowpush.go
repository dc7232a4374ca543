package synctest

import (
	"io"
	"net/http"
	"time"

	"motcua/sync/protocol"
)

// SlowPush is a hostile or hopeless station's push: it posts to hub (a base URL) with token tok
// a body announced as 100,000 bytes that comes one byte every 20 ms, for at most 3 s, through
// c. It returns the status the hub answered with (429 over the token's share, 408 too slow), or
// the error when there was no answer.
func SlowPush(c *http.Client, hub, tok string) (int, error) {
	pr, pw := io.Pipe()
	go func() {
		defer pw.Close()
		for range 150 {
			if _, err := pw.Write([]byte(" ")); err != nil {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	defer pr.CloseWithError(io.ErrClosedPipe)
	req, err := http.NewRequest(http.MethodPost, hub+protocol.PathPush, pr)
	if err != nil {
		return 0, err
	}
	req.ContentLength = 100000
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
