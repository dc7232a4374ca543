package data

import (
	"bufio"
	"context"
	"errors"
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

// The child side of the lock tests: open the office at MOTCUA_LOCK_DB for writing and receive
// dossiers until killed, reporting on stdout each one that has committed ("ok CODE").
func TestLockWriterChild(t *testing.T) {
	path := os.Getenv("MOTCUA_LOCK_DB")
	if path == "" {
		t.Skip("child process of the lock tests")
	}
	ctx := context.Background()
	start, base := time.Now(), at("2026-03-03 08:00")
	s, err := Open(path, WithClock(func() time.Time { return base.Add(time.Since(start)) }))
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	counter, err := s.UserByName(ctx, "tiepnhan")
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	for i := 0; ; i++ {
		d, err := s.Receive(ctx, counter, Reception{Procedure: "1.004873", Applicant: Person{Name: "Người nộp " + strconv.Itoa(i)}})
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("ok", d.Code)
		time.Sleep(5 * time.Millisecond)
	}
}

// writerProcess is a child process receiving dossiers into the office at path (TestLockWriterChild).
type writerProcess struct {
	cmd   *exec.Cmd
	lines chan string
}

func startWriter(t *testing.T, path string) *writerProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockWriterChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "MOTCUA_LOCK_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := &writerProcess{cmd: cmd, lines: make(chan string, 1<<16)}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			w.lines <- sc.Text()
		}
		close(w.lines)
	}()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return w
}

// kill kills the writer with SIGKILL and returns every code it reported committed.
func (w *writerProcess) kill(t *testing.T, reported map[string]bool) {
	t.Helper()
	w.cmd.Process.Kill()
	for l := range w.lines {
		collect(t, l, reported, nil)
	}
	w.cmd.Wait()
}

// firstReception waits until the writer has committed a reception.
func (w *writerProcess) firstReception(t *testing.T, reported map[string]bool) {
	t.Helper()
	select {
	case l, ok := <-w.lines:
		if !ok || !strings.HasPrefix(l, "ok ") {
			t.Fatalf("writer did not start: %q", l)
		}
		collect(t, l, reported, nil)
	case <-time.After(30 * time.Second):
		t.Fatal("writer did not start")
	}
}

// lockTestOffice is an office with three dossiers at path, a backup of it, and a fourth dossier
// received after the backup; the store is closed.
func lockTestOffice(t *testing.T) (path, backup string) {
	t.Helper()
	dir := t.TempDir()
	path = filepath.Join(dir, DBFile)
	f := newFixtureAt(t, path)
	for i := 0; i < 3; i++ {
		f.receive(t, "1.004873", "Trước sao lưu "+strconv.Itoa(i))
	}
	backup = filepath.Join(dir, "saoluu", "motcua-backup.db")
	if err := f.s.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	f.receive(t, "1.004873", "Sau sao lưu")
	f.s.Close()
	return path, backup
}

// TestRestoreRefusedWhileWriterRuns is the defect of a restore while another process has the
// office open: the writer goes on receiving while restore runs. Restore must refuse, naming the
// process, and change nothing: every reception the writer acknowledged is in the live database.
func TestRestoreRefusedWhileWriterRuns(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses SIGKILL semantics")
	}
	ctx := context.Background()
	path, backup := lockTestOffice(t)
	w := startWriter(t, path)
	reported := map[string]bool{}
	w.firstReception(t, reported)

	aside, err := Restore(ctx, path, backup)
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrInUse) {
		t.Fatalf("restore while a writer runs: aside %q, err %v; want a *LockedError", aside, err)
	}
	if le.PID != w.cmd.Process.Pid || !strings.Contains(err.Error(), "PID "+strconv.Itoa(w.cmd.Process.Pid)) ||
		!strings.Contains(err.Error(), "hãy đóng chương trình đó rồi thử lại") {
		t.Errorf("the refusal does not name the writer (PID %d): %v", w.cmd.Process.Pid, err)
	}
	time.Sleep(100 * time.Millisecond) // the writer goes on after the refusal
	w.kill(t, reported)
	if n := asideFiles(t, path); len(n) != 0 {
		t.Errorf("a refused restore set the database aside: %v", n)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	assertReceived(t, s, reported)
	if res, err := s.Check(ctx, false, nil); err != nil || !res.OK() {
		t.Fatalf("check: %+v %v", res, err)
	}
	if len(reported) < 2 {
		t.Fatalf("the writer committed %d receptions: the test proved little", len(reported))
	}
}

// TestKillWriterWhileRestoreWaits kills (SIGKILL) a process receiving dossiers while a restore
// keeps asking for the lock: the OS lets the lock go with the process, the restore then goes
// through, the restored database passes the check, and no acknowledged reception is lost: each
// one is in the database the restore set aside (the restored one holds what the backup held).
func TestKillWriterWhileRestoreWaits(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses SIGKILL semantics")
	}
	ctx := context.Background()
	path, backup := lockTestOffice(t)
	w := startWriter(t, path)
	reported := map[string]bool{}
	w.firstReception(t, reported)

	type result struct {
		aside   string
		err     error
		refused int
	}
	done := make(chan result, 1)
	go func() {
		var r result
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); r.refused++ {
			r.aside, r.err = Restore(ctx, path, backup)
			if !errors.Is(r.err, ErrInUse) {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		done <- r
	}()
	time.Sleep(150 * time.Millisecond)
	w.kill(t, reported)
	r := <-done
	if r.err != nil {
		t.Fatalf("restore after the writer died: %v", r.err)
	}
	if r.refused == 0 {
		t.Error("the restore was never refused while the writer lived")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if res, err := s.Check(ctx, false, nil); err != nil || !res.OK() {
		t.Fatalf("check of the restored database: %+v %v", res, err)
	}
	if n := count(t, s, "SELECT count(*) FROM dossiers"); n != 3 {
		t.Errorf("restored database has %d dossiers, the backup 3", n)
	}
	old, err := Open(r.aside, ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	assertReceived(t, old, reported)
	if res, err := old.Check(ctx, false, nil); err != nil || !res.OK() {
		t.Fatalf("check of the database set aside: %+v %v", res, err)
	}
	t.Logf("restore refused %d times while the writer lived; %d receptions acknowledged, all kept in %s", r.refused, len(reported), filepath.Base(r.aside))
}

func assertReceived(t *testing.T, s *Store, reported map[string]bool) {
	t.Helper()
	for code := range reported {
		if _, _, err := s.DossierByCode(context.Background(), code); err != nil {
			t.Errorf("acknowledged reception %s lost: %v", code, err)
		}
	}
}

func count(t *testing.T, s *Store, q string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// asideFiles are the databases set aside beside path.
func asideFiles(t *testing.T, path string) []string {
	t.Helper()
	m, err := filepath.Glob(path + ".truoc-khoi-phuc-*")
	if err != nil {
		t.Fatal(err)
	}
	return m
}
