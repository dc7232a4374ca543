package data

import (
	"context"
	"slices"
	"strings"
	"testing"

	"motcua/data/calendar"
)

// listWeek is buildWeek's office (applicants A–J, one letter each) with a map from applicant to
// dossier code, so that expectations read as letters and are checked as codes.
func listWeek(t *testing.T) (*fixture, map[string]string) {
	t.Helper()
	f := buildWeek(t)
	hits, _, err := f.s.List(context.Background(), ListFilter{}, SortReceivedDesc, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]string{}
	for _, h := range hits {
		codes[h.Applicant] = h.Code
	}
	if len(codes) != 10 || codes["G"] != "" || codes["A"] == "" {
		t.Fatalf("week office: %v", codes)
	}
	return f, codes
}

func letters(hits []Hit) string {
	var b strings.Builder
	for _, h := range hits {
		b.WriteString(h.Applicant)
	}
	return b.String()
}

// expect checks that hits are exactly the dossiers of want (letters, in order) by code and name.
func expect(t *testing.T, what string, codes map[string]string, hits []Hit, want string) {
	t.Helper()
	var got, exp []string
	for _, h := range hits {
		got = append(got, h.Applicant+"="+h.Code)
	}
	for _, r := range want {
		exp = append(exp, string(r)+"="+codes[string(r)])
	}
	if !slices.Equal(got, exp) {
		t.Errorf("%s:\n got %s (%v)\nwant %s (%v)", what, letters(hits), got, want, exp)
	}
}

func sorted(s string) string {
	r := []rune(s)
	slices.Sort(r)
	return string(r)
}

func TestListFilters(t *testing.T) { bothPlans(t, testListFilters) }

func testListFilters(t *testing.T) {
	f, codes := listWeek(t)
	ctx := context.Background()
	f.clk.set(at("2026-03-13 12:00")) // Friday noon: E and J overdue, H due Monday 10:00 (soon)
	cases := []struct {
		name string
		f    ListFilter
		want string // any order; checked sorted by code
	}{
		{"all", ListFilter{}, "ABCDEFGHIJ"},
		{"status 4", ListFilter{Statuses: []Status{StatusProcessing}}, "EJ"},
		{"status 9 and 10", ListFilter{Statuses: []Status{StatusProcessed, StatusReturned}}, "ABCDF"},
		{"status refused", ListFilter{Statuses: []Status{StatusRefused}}, "G"},
		{"unit DC", ListFilter{Unit: "DC"}, "I"},
		{"unknown unit", ListFilter{Unit: "XX"}, ""},
		{"procedure", ListFilter{Procedure: "2.000908"}, "CH"},
		{"channel post", ListFilter{Channel: ChannelPost}, "H"},
		{"channel online", ListFilter{Channel: ChannelOnline}, "E"},
		{"from–to", ListFilter{From: calendar.D(2026, 3, 9), To: calendar.D(2026, 3, 10)}, "DEF"},
		{"from", ListFilter{From: calendar.D(2026, 3, 11)}, "HI"},
		{"to", ListFilter{To: calendar.D(2026, 3, 4)}, "BJ"},
		{"one day", ListFilter{From: calendar.D(2026, 3, 13), To: calendar.D(2026, 3, 13)}, "H"},
		{"overdue", ListFilter{Overdue: true}, "EJ"},
		{"due soon", ListFilter{DueSoon: true}, "H"},
		{"due soon or overdue", ListFilter{DueSoon: true, Overdue: true}, "EHJ"},
		{"handler", ListFilter{Handler: "chuyenvien"}, "ABCDEFJ"},
		{"other handler", ListFilter{Handler: "lanhdao"}, ""},
		{"query name", ListFilter{Query: "j"}, "J"},
		{"query code", ListFilter{Query: codes["D"]}, "D"},
		{"query code prefix", ListFilter{Query: testOffice + "-26030"}, "ABCDEJ"},
		{"query code lower case", ListFilter{Query: strings.ToLower(codes["H"])}, "H"},
		{"blank query", ListFilter{Query: "   "}, "ABCDEFGHIJ"},
		{"query without words", ListFilter{Query: `"*"`}, ""},
		{"combined status unit from", ListFilter{Statuses: []Status{StatusProcessing, StatusProcessed}, Unit: "TP", From: calendar.D(2026, 3, 5)}, "AEF"},
		{"combined handler overdue", ListFilter{Handler: "chuyenvien", Overdue: true, Channel: ChannelDirect}, "J"},
		{"combined query status", ListFilter{Query: testOffice + "-26030", Statuses: []Status{StatusReturned}}, "CD"},
		{"combined procedure channel due soon", ListFilter{Procedure: "2.000908", Channel: ChannelPost, DueSoon: true}, "H"},
		{"combined empty", ListFilter{Unit: "DC", Overdue: true}, ""},
	}
	for _, c := range cases {
		hits, _, err := f.s.List(ctx, c.f, SortCodeAsc, "", 100)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		// Code order: G has none and comes first; the others in code order, checked below.
		want := []rune(sorted(c.want))
		slices.SortStableFunc(want, func(a, b rune) int { return strings.Compare(codes[string(a)], codes[string(b)]) })
		expect(t, c.name, codes, hits, string(want))
		for _, o := range []ListSort{SortReceivedDesc, SortDueAsc} { // the other plans
			hits, _, err := f.s.List(ctx, c.f, o, "", 100)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if got := sorted(letters(hits)); got != sorted(c.want) {
				t.Errorf("%s sorted %s: got %s, want %s", c.name, o, got, sorted(c.want))
			}
		}
		n, err := f.s.Count(ctx, c.f)
		if err != nil || n != len(c.want) {
			t.Errorf("%s: Count = %d, %v; want %d", c.name, n, err, len(c.want))
		}
		n, more, err := f.s.CountUpTo(ctx, c.f, 2)
		if err != nil || n != min(2, len(c.want)) || more != (len(c.want) > 2) {
			t.Errorf("%s: CountUpTo(2) = %d, %v, %v; want %d of %d", c.name, n, more, err, min(2, len(c.want)), len(c.want))
		}
	}
}

// DueSoon and Overdue follow the store clock.
func TestListDueRelativeToClock(t *testing.T) {
	f, codes := listWeek(t)
	ctx := context.Background()
	cases := []struct{ now, soon, overdue string }{
		{"2026-03-04 09:00", "J", ""},   // J due Thu 5/3 09:00: within one working day
		{"2026-03-05 09:00", "J", ""},   // due exactly now: not yet overdue
		{"2026-03-05 09:01", "", "J"},   // a minute later
		{"2026-03-11 09:00", "E", "J"},  // E due Thu 12/3 09:00, exactly one working day ahead
		{"2026-03-11 08:59", "", "J"},   // a minute more than one working day
		{"2026-03-13 09:00", "", "JE"},  // H due Mon 16/3 10:00: Friday 09:00 + 1 day = Monday 09:00
		{"2026-03-13 18:00", "H", "JE"}, // after closing: the working day starts Monday 07:00
		{"2026-03-16 10:30", "", "JEH"}, // H overdue too
		{"2026-03-14 10:00", "H", "JE"}, // Saturday
		{"2026-03-02 08:00", "", ""},    // before any due date (everything received later shows)
	}
	for _, c := range cases {
		f.clk.set(at(c.now))
		soon, _, err := f.s.List(ctx, ListFilter{DueSoon: true}, SortDueAsc, "", 100)
		if err != nil {
			t.Fatal(err)
		}
		over, _, err := f.s.List(ctx, ListFilter{Overdue: true}, SortDueAsc, "", 100)
		if err != nil {
			t.Fatal(err)
		}
		expect(t, c.now+" due soon", codes, soon, c.soon)
		expect(t, c.now+" overdue", codes, over, c.overdue)
	}
}

func TestListSorts(t *testing.T) { bothPlans(t, testListSorts) }

func testListSorts(t *testing.T) {
	f, codes := listWeek(t)
	ctx := context.Background()
	// Received: J 2/3, B 4/3, A 5/3, C 6/3, D 9/3 08:00, E 9/3 09:00, F 10/3, I 11/3, H 13/3; G never.
	// Due: J 5/3 09:00, C 9/3 08:00, B 9/3 09:00, A 10/3 09:00, D 12/3 08:00, E 12/3 09:00,
	// H 16/3 10:00, F 16/3 11:00; G and I have none (last, in the order they were created).
	byCode := []rune("ABCDEFHIJ")
	slices.SortFunc(byCode, func(a, b rune) int { return strings.Compare(codes[string(a)], codes[string(b)]) })
	codeAsc := "G" + string(byCode)
	cases := []struct {
		sort ListSort
		want string
	}{
		{"", "HIFEDCABJG"},
		{SortReceivedDesc, "HIFEDCABJG"},
		{SortReceivedAsc, "GJBACDEFIH"},
		{SortDueAsc, "JCBADEHFGI"},
		{SortDueDesc, "IGFHEDABCJ"},
		{SortCodeAsc, codeAsc},
		{SortCodeDesc, reverse(codeAsc)},
	}
	for _, c := range cases {
		all, _, err := f.s.List(ctx, ListFilter{}, c.sort, "", 100)
		if err != nil {
			t.Fatal(err)
		}
		expect(t, "sort "+string(c.sort), codes, all, c.want)
		// Pages of 3 (and of 1) put together are the whole list: no overlap, no gap.
		for _, size := range []int{1, 3, 4} {
			pages := allPages(t, f.s, ListFilter{}, c.sort, size)
			expect(t, "pages of "+string(rune('0'+size))+" sorted "+string(c.sort), codes, pages, c.want)
		}
	}
	// Filtered and paginated.
	pages := allPages(t, f.s, ListFilter{Handler: "chuyenvien"}, SortDueAsc, 2)
	expect(t, "handler pages by due", codes, pages, "JCBADEF")
	if n, err := f.s.Count(ctx, ListFilter{Handler: "chuyenvien"}); err != nil || n != len(pages) {
		t.Errorf("Count = %d, %v; want %d", n, err, len(pages))
	}
	if _, _, err := f.s.List(ctx, ListFilter{}, "applicant; DROP TABLE dossiers", "", 10); err == nil {
		t.Error("an unknown sort was accepted")
	}
}

// allPages reads the whole list page by page, following the cursors.
func allPages(t *testing.T, s *Store, f ListFilter, o ListSort, size int) []Hit {
	t.Helper()
	return allPagesFrom(t, s, f, o, "", size)
}

func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

func TestMyWork(t *testing.T) {
	f, codes := listWeek(t)
	ctx := context.Background()
	f.clk.set(at("2026-03-13 12:00"))
	cases := []struct {
		user, unit string
		limit      int
		want       string
	}{
		{"chuyenvien", "", 50, "JE"},    // overdue first (J due 5/3, E 12/3)
		{"chuyenvien", "TP", 50, "JEH"}, // and the unit's H (due 16/3)
		{"chuyenvien", "DC", 50, "JEI"}, // I has no due date: last
		{"lanhdao", "", 50, ""},         // nothing handed to them
		{"lanhdao", "TP", 50, "JEH"},    // the unit's open dossiers
		{"", "DC", 50, "I"},             // a unit alone
		{"", "", 50, ""},                // nobody: not the dossiers without a handler
		{"chuyenvien", "TP", 2, "JE"},   // the limit
		{"chuyenvien", "XX", 50, "JE"},  // an unknown unit adds nothing
		{"' OR 1=1 --", "' OR 1=1 --", 50, ""},
	}
	for _, c := range cases {
		hits, err := f.s.MyWork(ctx, c.user, c.unit, c.limit)
		if err != nil {
			t.Fatal(err)
		}
		expect(t, "my work "+c.user+"/"+c.unit, codes, hits, c.want)
	}
	// Overdue first also when the overdue one is handed over later: move the clock so that only J
	// is overdue, then E becomes overdue too; the order by due date keeps overdue ahead.
	f.clk.set(at("2026-03-16 10:30")) // H overdue now too
	hits, err := f.s.MyWork(ctx, "chuyenvien", "TP", 50)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "all overdue", codes, hits, "JEH")
	now := f.s.Now()
	seenWithin := false
	for _, h := range hits {
		overdue := !h.Due.IsZero() && h.Due.Before(now)
		if overdue && seenWithin {
			t.Errorf("%s overdue after a dossier within its deadline", h.Applicant)
		}
		seenWithin = seenWithin || !overdue
	}
}

// Whatever is typed in the search box is text: no SQL, no FTS5 syntax, no error.
func TestListHostileQuery(t *testing.T) { bothPlans(t, testListHostileQuery) }

func testListHostileQuery(t *testing.T) {
	f, codes := listWeek(t)
	ctx := context.Background()
	for _, q := range []string{
		`"`, `'`, `''`, `' OR 1=1 --`, `a" OR "b`, `"j" OR "a"`, `j OR a`, `NEAR(j a)`, `j*`, `*`,
		`^j`, `-j`, `j AND NOT a`, `text:j`, `{text}: j`, `; DROP TABLE dossiers; --`,
		`%`, `_`, `\`, "j\x00a", `000.00.06.H56-26%`, `H56_2603`, strings.Repeat("(", 500),
		strings.Repeat("j ", 300), "\xff\xfe", `dossier_search MATCH '*'`,
	} {
		hits, _, err := f.s.List(ctx, ListFilter{Query: q}, SortReceivedDesc, "", 100)
		if err != nil {
			t.Errorf("List(%q): %v", q, err)
			continue
		}
		// The same dossiers as Search: the words of a code with a wildcard in it ("H56", "2603")
		// match every code as words, as they do in Search; nothing else matches more than J.
		found, err := f.s.Search(ctx, q, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := sorted(letters(hits)), sorted(letters(found)); got != want {
			t.Errorf("List(%q) = %s, Search = %s", q, got, want)
		}
		if len(hits) > 1 && !strings.Contains(q, "H56") {
			t.Errorf("List(%q) found %s: the text acted as syntax", q, letters(hits))
		}
		n, err := f.s.Count(ctx, ListFilter{Query: q})
		if err != nil || n != len(hits) {
			t.Errorf("Count(%q) = %d, %v; want %d", q, n, err, len(hits))
		}
	}
	// The table is still there, and a plain query still works.
	hits, _, err := f.s.List(ctx, ListFilter{Query: "J"}, SortReceivedDesc, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "after the hostile queries", codes, hits, "J")
	if n, err := f.s.Count(ctx, ListFilter{}); err != nil || n != 10 {
		t.Errorf("Count = %d, %v; want 10", n, err)
	}
	for _, u := range []string{`' OR 1=1 --`, `TP' OR '1'='1`} {
		if n, err := f.s.Count(ctx, ListFilter{Unit: u, Procedure: u, Handler: u}); err != nil || n != 0 {
			t.Errorf("Count(unit %q) = %d, %v; want 0", u, n, err)
		}
	}
}

// bothPlans runs test with each filter read through its index (few rows) and with every filter
// and query checked row by row along the order's index (many rows), the two plans of List.
func bothPlans(t *testing.T, test func(*testing.T)) {
	saved := denseRows
	t.Cleanup(func() { denseRows = saved })
	for _, c := range []struct {
		name  string
		dense int
	}{{"sparse", saved}, {"dense", 1}} {
		denseRows = c.dense
		t.Run(c.name, test)
	}
}
