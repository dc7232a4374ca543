package data

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The child side of TestKillDuringWrites: receive dossiers one by one and, every few, write a batch
// of 40 in one transaction (as an import does), reporting on stdout only what has committed.
func TestCrashChild(t *testing.T) {
	path := os.Getenv("MOTCUA_CRASH_DB")
	if path == "" {
		t.Skip("child process of TestKillDuringWrites")
	}
	ctx := context.Background()
	run := os.Getenv("MOTCUA_CRASH_RUN")
	// Each run works on its own day so that 25 runs never exhaust one day's block of 999 codes.
	r, _ := strconv.Atoi(run)
	start, base := time.Now(), at("2026-03-02 08:00").AddDate(0, 0, r)
	s, err := Open(path, WithClock(func() time.Time { return base.Add(time.Since(start)) }))
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	counter, err := s.UserByName(ctx, "tiepnhan")
	if err != nil {
		os.Exit(3)
	}
	for i := 0; ; i++ {
		if i%5 == 4 {
			tag := fmt.Sprintf("%s-%d", run, i)
			err := s.Batch(ctx, System, func(b *Batch) error {
				for j := 0; j < 40; j++ {
					d := &Dossier{}
					in, err := s.Intake(ctx, Reception{Procedure: "1.004873", Applicant: Person{Name: "Lô " + tag + " số " + strconv.Itoa(j)}})
					if err != nil {
						return err
					}
					if err := b.Append(ctx, d, s.Now(), "tiepnhan", 0, &Received{Intake: in}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				fmt.Println("error", err)
				os.Exit(3)
			}
			fmt.Println("batch", tag)
			continue
		}
		d, err := s.Receive(ctx, counter, Reception{Procedure: "1.004873", Applicant: Person{Name: "Người nộp " + run + " " + strconv.Itoa(i)}})
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("ok", d.Code)
	}
}

// TestKillDuringWrites kills a writing process at random moments, many times, then proves that the
// database passes the check, every dossier reported committed is there, every batch is all or
// nothing, and no code was minted twice or skipped.
func TestKillDuringWrites(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses SIGKILL semantics")
	}
	runs := 25
	if testing.Short() {
		runs = 5
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	f := newFixtureAt(t, path)
	f.s.Close()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	reported := map[string]bool{}
	batches := map[string]bool{}
	for r := 0; r < runs; r++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "MOTCUA_CRASH_DB="+path, "MOTCUA_CRASH_RUN="+strconv.Itoa(r))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Let it commit something, then kill it at a random moment of its work.
		first := <-lines
		collect(t, first, reported, batches)
		time.Sleep(time.Duration(rng.IntN(120)) * time.Millisecond)
		cmd.Process.Kill()
		for l := range lines {
			collect(t, l, reported, batches)
		}
		cmd.Wait()
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	res, err := s.Check(ctx, false, nil)
	if err != nil || !res.OK() {
		t.Fatalf("check after %d kills: %+v %v", runs, res, err)
	}
	for code := range reported {
		if _, _, err := s.DossierByCode(ctx, code); err != nil {
			t.Errorf("committed dossier %s lost: %v", code, err)
		}
	}
	// Batches: 0 or 40 rows each; every reported one complete.
	rows, err := s.db.Query(`SELECT substr(applicant, 4, instr(substr(applicant, 4), ' số') - 1) AS tag, count(*)
		FROM dossiers WHERE applicant LIKE 'Lô %' GROUP BY tag`)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for rows.Next() {
		var tag string
		var n int
		rows.Scan(&tag, &n)
		seen[tag] = n
		if n != 40 {
			t.Errorf("batch %s half written: %d of 40 dossiers", tag, n)
		}
	}
	rows.Close()
	for tag := range batches {
		if seen[tag] != 40 {
			t.Errorf("committed batch %s has %d dossiers", tag, seen[tag])
		}
	}
	// Codes: unique, and per day contiguous from 1 (a rolled-back reception gives its number back).
	var total, distinct, maxNo int
	s.db.QueryRow("SELECT count(*), count(DISTINCT code) FROM dossiers").Scan(&total, &distinct)
	if total != distinct || total < len(reported) {
		t.Fatalf("%d dossiers, %d distinct codes, %d reported", total, distinct, len(reported))
	}
	dayRows, _ := s.db.Query(`SELECT substr(code, -11, 6), count(*), max(CAST(substr(code, -4) AS INTEGER)) FROM dossiers GROUP BY 1`)
	for dayRows.Next() {
		var day string
		var n int
		dayRows.Scan(&day, &n, &maxNo)
		if n != maxNo {
			t.Errorf("day %s: %d dossiers but highest number %d: a gap or a duplicate", day, n, maxNo)
		}
	}
	dayRows.Close()
	t.Logf("%d kills: %d dossiers on disk, %d reported committed, %d batches reported", runs, total, len(reported), len(batches))
	if len(reported) == 0 || len(batches) == 0 {
		t.Fatal("the child committed nothing: the test proved nothing")
	}
}

func collect(t *testing.T, line string, reported, batches map[string]bool) {
	switch {
	case strings.HasPrefix(line, "ok "):
		reported[strings.TrimPrefix(line, "ok ")] = true
	case strings.HasPrefix(line, "batch "):
		batches[strings.TrimPrefix(line, "batch ")] = true
	case strings.HasPrefix(line, "error"):
		t.Errorf("child: %s", line)
	}
}
