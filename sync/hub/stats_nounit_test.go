package hub_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"motcua/data"
	"motcua/sync/hub"
	"motcua/sync/synctest"
)

// TestStatsByUnitAnswersDossiersWithoutUnit: a station on the bundled catalog (whose procedures
// name no unit) pushes a dossier that is overdue at the period's end; /v1/stats?by=unit answers
// with a row for the dossiers without a unit instead of failing on the NULL unit.
func TestStatsByUnitAnswersDossiersWithoutUnit(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	if _, err := f.st.Store.ImportCatalog(ctx, data.System, bytes.NewReader(data.OfficialCatalogCSV())); err != nil {
		t.Fatal(err)
	}
	// Đăng ký khai sinh: due the same day, so overdue by the end of March.
	if _, err := f.st.Store.Receive(ctx, f.st.Counter, data.Reception{Procedure: "1.001193",
		Applicant: data.Person{Name: "Nguyễn Văn An", Address: "Thôn Đông"}}); err != nil {
		t.Fatal(err)
	}
	if code, b := f.post(t, f.tok, mustJSON(f.pushBody(t))); code != 200 {
		t.Fatalf("%d %s", code, b)
	}
	reader, err := f.h.EnrollReader(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"timestamp", "date"} {
		req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/v1/stats?office="+synctest.OfficeA+"&from=2026-03-01&to=2026-03-31&by=unit&mode="+mode, nil)
		req.SetBasicAuth("x", reader)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var st hub.StatsAnswer
		if resp.StatusCode != 200 || json.Unmarshal(b, &st) != nil {
			t.Fatalf("%s: stats by unit: %d %s", mode, resp.StatusCode, b)
		}
		last := st.Rows[len(st.Rows)-1]
		if last.Name != data.NoUnitName || last.ReceivedTotal != 1 || last.PendingOverdue != 1 || st.PendingOverdue != 1 {
			t.Errorf("%s: rows %+v, want the last %q with 1 received, 1 overdue", mode, st.Rows, data.NoUnitName)
		}
	}
}
