package hub

import (
	"errors"
	"fmt"
	"testing"

	"motcua/data"
)

// An error of the store is logged by its code and its English text; an error without either as
// it is.
func TestLogTextIsEnglishWithTheCode(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("office %s: %w", "000.00.06.H56", data.ErrNotFound), "not_found: office 000.00.06.H56: not found"},
		{data.ErrForbidden, "forbidden: you are not allowed to do this"},
		{errors.New("disk I/O error"), "disk I/O error"},
	} {
		if got := logText(c.err); got != c.want {
			t.Errorf("logText(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
