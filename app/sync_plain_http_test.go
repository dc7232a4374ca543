package app

import (
	"testing"

	"motcua/data"
)

// The sync settings and the enrolment screen refuse a plain http:// hub as the station does
// (station.CheckHub), before anything is saved.
func TestCheckHubRefusesPlainHTTP(t *testing.T) {
	for _, c := range []struct {
		hub, ca string
		ok      bool
	}{
		{"https://dongbo.example.gov.vn", "", true},
		{"http://127.0.0.1:8443", "", true},
		{"http://dongbo.example.gov.vn:8080", "", false},
		{"http://127.0.0.1:8443", "-----BEGIN CERTIFICATE-----", false},
	} {
		if msg := checkHub(data.SyncConfig{Hub: c.hub, Token: "mch1_x", CA: c.ca}); (msg == "") != c.ok {
			t.Errorf("%s (CA %v): %q", c.hub, c.ca != "", msg)
		}
	}
}
