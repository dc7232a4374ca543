package data

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// tiedWeek is listWeek's office with rows tied on every sort key: K, L and M received together
// with D (same time, same procedure: same due date), N, O and P refused (no reception time, no
// code, no due date, like G); the six are named Nguyễn. initials lists them by their first letter.
func tiedWeek(t *testing.T) *fixture {
	t.Helper()
	f, _ := listWeek(t)
	ctx := context.Background()
	f.clk.set(at("2026-03-09 08:00"))
	for _, name := range []string{"K", "L", "M"} {
		if _, err := f.s.Receive(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: name + " Nguyễn"}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"N", "O", "P"} {
		if _, err := f.s.Refuse(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: name + " Nguyễn"}}, "Sai thẩm quyền"); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func initials(hits []Hit) string {
	var b strings.Builder
	for _, h := range hits {
		b.WriteString(h.Applicant[:1])
	}
	return b.String()
}

// Following the cursors page by page visits every dossier exactly once, in the order of the whole
// list, for every order, whatever the page size and with ties on the sort key.
func TestListCursorVisitsEveryDossierOnceInOrder(t *testing.T) {
	saved, savedGap, savedChunks := walkChunk, walkGap, walkChunks
	// The dense plan's walk across the words' matches takes small steps, each row a band, and
	// gives up after three (the rest of the page read with all the matches at once).
	walkChunk, walkGap, walkChunks = 2, 1, 3
	t.Cleanup(func() { walkChunk, walkGap, walkChunks = saved, savedGap, savedChunks })
	bothPlans(t, func(t *testing.T) {
		f := tiedWeek(t)
		ctx := context.Background()
		for _, o := range []ListSort{"", SortReceivedDesc, SortReceivedAsc, SortDueAsc, SortDueDesc, SortCodeAsc, SortCodeDesc} {
			for _, filter := range []ListFilter{{}, {Statuses: []Status{StatusReceived, StatusRefused, StatusProcessing}}, {Query: "k"},
				{Query: "nguyen"}, {Query: "thi"}} {
				whole, next, err := f.s.List(ctx, filter, o, "", 1000)
				if err != nil || next != "" {
					t.Fatalf("%s: the whole list: %v, next %q", o, err, next)
				}
				if (filter.Query == "" && len(whole) < 10) || (filter.Query == "nguyen" && len(whole) != 6) {
					t.Fatalf("%s: %d rows", o, len(whole))
				}
				for _, size := range []int{1, 2, 3, 5} {
					pages := allPages(t, f.s, filter, o, size)
					if got, want := initials(pages), initials(whole); got != want {
						t.Errorf("%s %+v, pages of %d: %s, want %s", o, filter, size, got, want)
					}
				}
			}
		}
		// The tied rows come in the order of their row ids, reversed for a descending order.
		all, _, err := f.s.List(ctx, ListFilter{}, SortReceivedAsc, "", 1000)
		if err != nil {
			t.Fatal(err)
		}
		if got := initials(all); !strings.HasPrefix(got, "GNOP") || !strings.Contains(got, "DKLM") {
			t.Errorf("received ascending: %s", got)
		}
	})
}

// A dossier received between two pages shows up where it sorts (at the end of the oldest-first
// list) and moves no row of the next page: none is repeated, none skipped.
func TestListCursorWithDossiersAddedBetweenPages(t *testing.T) {
	bothPlans(t, func(t *testing.T) {
		f := tiedWeek(t)
		ctx := context.Background()
		for i, o := range []ListSort{SortReceivedAsc, SortReceivedDesc, SortCodeAsc, SortCodeDesc} {
			before, _, err := f.s.List(ctx, ListFilter{}, o, "", 1000)
			if err != nil {
				t.Fatal(err)
			}
			first, next, err := f.s.List(ctx, ListFilter{}, o, "", 4)
			if err != nil || next == "" {
				t.Fatalf("%s: %v, %q", o, err, next)
			}
			f.clk.set(at("2026-03-20 09:00").Add(time.Duration(i) * time.Minute)) // after every other

			name := "Z" + string(o)
			if _, err := f.s.Receive(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: name}}); err != nil {
				t.Fatal(err)
			}
			rest := allPagesFrom(t, f.s, ListFilter{}, o, next, 3)
			got := append(slices.Clone(first), rest...)
			seen := map[string]int{}
			for _, h := range got {
				seen[h.Applicant]++
			}
			for _, h := range before {
				if seen[h.Applicant] != 1 {
					t.Errorf("%s: %s listed %d times", o, h.Applicant, seen[h.Applicant])
				}
			}
			if strings.HasSuffix(string(o), "_asc") {
				if got[len(got)-1].Applicant != name {
					t.Errorf("%s: the new dossier is not last: %s", o, initials(got))
				}
				got = got[:len(got)-1]
			}
			if initials(got) != initials(before) {
				t.Errorf("%s: pages %s, before the new dossier %s", o, initials(got), initials(before))
			}
		}
	})
}

// A garbled cursor, or one made for another filter or order, is refused with a message in
// Vietnamese, and lists no rows.
func TestListCursorRefusesForgedOrForeign(t *testing.T) {
	f := tiedWeek(t)
	ctx := context.Background()
	_, next, err := f.s.List(ctx, ListFilter{}, SortReceivedDesc, "", 3)
	if err != nil || next == "" {
		t.Fatal(err, next)
	}
	_, unitNext, err := f.s.List(ctx, ListFilter{Unit: "TP"}, SortReceivedDesc, "", 1)
	if err != nil {
		t.Fatal(err)
	}
	body, sum, _ := strings.Cut(string(next), ".")
	flipped := []byte(body)
	flipped[len(flipped)/2] ^= 1
	forged := encodeCursor(SortReceivedDesc, listScope(ListFilter{}, SortReceivedDesc), listKey{Num: 1 << 40, Rid: 1 << 40})
	forgedBody, _, _ := strings.Cut(string(forged), ".")
	cases := []struct {
		name string
		f    ListFilter
		o    ListSort
		c    Cursor
	}{
		{"garbled", ListFilter{}, SortReceivedDesc, Cursor(string(flipped) + "." + sum)},
		{"cut short", ListFilter{}, SortReceivedDesc, next[:len(next)-3]},
		{"no checksum", ListFilter{}, SortReceivedDesc, Cursor(body)},
		{"another's checksum", ListFilter{}, SortReceivedDesc, Cursor(forgedBody + "." + sum)},
		{"not base64", ListFilter{}, SortReceivedDesc, "'; DROP TABLE dossiers; --.x"},
		{"another order", ListFilter{}, SortReceivedAsc, next},
		{"another filter", ListFilter{Statuses: []Status{StatusReceived}}, SortReceivedDesc, next},
		{"another filter's cursor", ListFilter{}, SortReceivedDesc, unitNext},
	}
	for _, c := range cases {
		if c.c == "" {
			t.Fatalf("%s: no cursor to test", c.name)
		}
		hits, nx, err := f.s.List(ctx, c.f, c.o, c.c, 10)
		var in *InputError
		if !errors.As(err, &in) || !strings.Contains(err.Error(), "không hợp lệ") || len(hits) != 0 || nx != "" {
			t.Errorf("%s: %d rows, next %q, error %v", c.name, len(hits), nx, err)
		}
	}
}

// allPagesFrom is allPages from the cursor after.
func allPagesFrom(t *testing.T, s *Store, f ListFilter, o ListSort, after Cursor, size int) []Hit {
	t.Helper()
	var out []Hit
	for range 10_000 {
		page, next, err := s.List(context.Background(), f, o, after, size)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) > size || (next != "" && len(page) < size) {
			t.Fatalf("page of %d has %d rows (next %q)", size, len(page), next)
		}
		out = append(out, page...)
		if next == "" {
			return out
		}
		after = next
	}
	t.Fatal("the pages never end")
	return nil
}
