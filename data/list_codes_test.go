package data

import (
	"context"
	"testing"
)

// A code prefix lists the same rows in the same order whichever way List reads them: along the
// reception index (a dense prefix near the walk's start) or through the code index and a sort.
func TestListCodePrefixPlans(t *testing.T) {
	f, codes := listWeek(t)
	ctx := context.Background()
	savedDense, savedWalk := denseRows, codeWalkRows
	t.Cleanup(func() { denseRows, codeWalkRows = savedDense, savedWalk })
	// Received: J 2/3, B 4/3, A 5/3, C 6/3, D 9/3, E 9/3, F 10/3, I 11/3, H 13/3 (G has no code).
	for _, c := range []struct {
		sort ListSort
		want string
	}{
		{SortReceivedDesc, "EDCABJ"},
		{SortReceivedAsc, "JBACDE"},
	} {
		for _, plan := range []struct {
			name        string
			dense, walk int
			walks       bool
		}{{"sorted", 1_000, 1_000, false}, {"walked", 1, 1_000, true}, {"too far to walk", 1, 0, false}} {
			denseRows, codeWalkRows = plan.dense, plan.walk
			args := []any{testOffice + "-26030", testOffice + "-26030\x7f"}
			walks, err := f.s.walkForCodes(ctx, planFor(c.sort), args)
			if err != nil || walks != plan.walks {
				t.Fatalf("%s %s: walks %v, %v; want %v", c.sort, plan.name, walks, err, plan.walks)
			}
			hits, _, err := f.s.List(ctx, ListFilter{Query: testOffice + "-26030"}, c.sort, "", 100)
			if err != nil {
				t.Fatal(err)
			}
			expect(t, string(c.sort)+" "+plan.name, codes, hits, c.want)
		}
	}
}
