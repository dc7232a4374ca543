package data

import (
	"context"
	"testing"
)

// A real office (set up at the counter) is never taken for the demo office: the login screen
// shows the demo passwords only when the demo builder marked the database.
func TestSetUpOfficeIsNotDemo(t *testing.T) {
	f := newFixture(t)
	demo, err := f.s.IsDemo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if demo {
		t.Fatal("an office set up with Setup says it is the demo office")
	}
}

func TestMarkDemoIsRemembered(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.s.MarkDemo(ctx); err != nil {
		t.Fatal(err)
	}
	demo, err := f.s.IsDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !demo {
		t.Fatal("a marked database does not say it is the demo office")
	}
}
