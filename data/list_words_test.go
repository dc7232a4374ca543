package data

import (
	"context"
	"testing"

	"motcua/data/calendar"
)

// The last word of a search is a prefix; when it is longer than the index's prefixes and no longer
// word begins with it, it is searched as a whole word (a quicker reading of the same rows), and
// while a longer word begins with it, it stays a prefix.
func TestListLastWordWholeOrPrefix(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.receive(t, "1.004873", "Nguyễn Văn An")
	f.receive(t, "1.004873", "Trần Thị Nguyệt")
	for _, c := range []struct {
		q, match string
		n        int
	}{
		{"nguyen", `"nguyen"`, 1},
		{"Nguyễn", `"nguyen"`, 1},
		{"nguye", `"nguye"*`, 2},
		{"van ngu", `"van" "ngu"*`, 1},
		{"nguyet", `"nguyet"`, 1},
		{"tran nguyet", `"tran" "nguyet"`, 1},
	} {
		m, err := f.s.matchQuery(ctx, c.q)
		if err != nil || m != c.match {
			t.Errorf("%q: match %s, %v; want %s", c.q, m, err, c.match)
		}
		if n, err := f.s.Count(ctx, ListFilter{Query: c.q}); err != nil || n != c.n {
			t.Errorf("%q: %d dossiers, %v; want %d", c.q, n, err, c.n)
		}
		if hits, _, err := f.s.List(ctx, ListFilter{Query: c.q}, SortReceivedDesc, "", 10); err != nil || len(hits) != c.n {
			t.Errorf("%q: %d listed, %v; want %d", c.q, len(hits), err, c.n)
		}
	}
	// A longer word beginning with the last one: it stays a prefix and finds both.
	f.receive(t, "1.004873", "Nguyenthi Bê")
	if m, err := f.s.matchQuery(ctx, "nguyen"); err != nil || m != `"nguyen"*` {
		t.Errorf("nguyen beside nguyenthi: match %s, %v", m, err)
	}
	if n, err := f.s.Count(ctx, ListFilter{Query: "nguyen"}); err != nil || n != 2 {
		t.Errorf("nguyen beside nguyenthi: %d dossiers, %v; want 2", n, err)
	}
}

// A search within a reception period finds the same dossiers read either way (the words' matches
// collected only among the period's row ids), and nothing when nobody was received in it.
func TestListWordsWithinPeriod(t *testing.T) {
	bothPlans(t, func(t *testing.T) {
		f := newFixture(t)
		ctx := context.Background()
		for _, when := range []string{"2026-03-02 09:00", "2026-03-03 09:00", "2026-03-04 09:00", "2026-03-05 09:00"} {
			f.clk.set(at(when))
			f.receive(t, "1.004873", "Nguyễn Văn An")
			f.receive(t, "1.004873", "Lê Thị Bình")
		}
		for _, c := range []struct {
			from, to calendar.Date
			n        int
		}{
			{calendar.D(2026, 3, 3), calendar.D(2026, 3, 4), 2},
			{calendar.D(2026, 3, 5), calendar.D(2026, 3, 5), 1},
			{calendar.D(2026, 3, 9), calendar.D(2026, 3, 10), 0},
		} {
			lf := ListFilter{Query: "nguyen", From: c.from, To: c.to}
			hits, _, err := f.s.List(ctx, lf, SortReceivedAsc, "", 10)
			if err != nil || len(hits) != c.n {
				t.Errorf("%v–%v: %d listed, %v; want %d", c.from, c.to, len(hits), err, c.n)
			}
			for _, h := range hits {
				if h.Applicant != "Nguyễn Văn An" {
					t.Errorf("%v–%v lists %s", c.from, c.to, h.Applicant)
				}
			}
			if n, err := f.s.Count(ctx, lf); err != nil || n != c.n {
				t.Errorf("%v–%v: count %d, %v; want %d", c.from, c.to, n, err, c.n)
			}
		}
	})
}
