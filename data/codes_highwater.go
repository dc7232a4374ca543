package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// HighWaterSuffix names the file beside the database that remembers, per office, day and station,
// the last code number this PC minted, and per office, year and station the last number of the
// tracking book: "motcua.db" → "motcua.db.ma-da-cap". Restoring an older backup rolls the
// database's counters back, but not this file, so a code or a book number already printed on a
// citizen's receipt is never given again (docs/ARCHITECTURE.md §4). Restore moves only the database and its
// -wal/-shm journals, never this file.
const HighWaterSuffix = ".ma-da-cap"

// highWaterDays is how far back the file keeps days: live reception mints only today's codes, and
// a backup older than a year is not one an office restores to go on working. Keeping one line per
// (office, day, station) for these days keeps the file at a few kilobytes.
const highWaterDays = 400

const highWaterHeader = "# motcua ma-da-cap 1: văn phòng, ngày (yymmdd) hoặc quyển sổ (Qyyyy), máy trạm, số cuối đã cấp"

// bookVolumeKey is the day field of a tracking-book line: "Q" and the year, so that it can never
// be read as a day of codes.
func bookVolumeKey(year int) string { return fmt.Sprintf("Q%04d", year) }

// highWaterCompactAt is the size past which the file is rewritten with one line per (office, day,
// station): below it each reception appends one line (one fsync, ~1 ms), which is what keeps the
// receive benchmark near its old figure; rewriting the whole file each time (new file, fsync,
// rename, fsync of the folder) cost ~4 ms.
const highWaterCompactAt = 32 << 10

// highWater is the file's content as one receiving transaction sees it.
type highWater struct {
	loaded  bool
	size    int64 // of the file when read (-1: missing)
	marks   map[counterKey]int
	pending []counterKey // minted in this transaction, not yet written
}

// highWaterPath is the high-water file of the database at db.
func highWaterPath(db string) string { return db + HighWaterSuffix }

// highWaterMark is the last number minted for key according to the file (0 when none). A bulk
// build (the demo) keeps no file: it writes a new database under a temporary name, and a number it
// skips or repeats there was never printed for anyone.
func (w *writer) highWaterMark(key counterKey) (int, error) {
	if w.s.bulk {
		return 0, nil
	}
	if !w.hw.loaded {
		marks, size, err := readHighWater(highWaterPath(w.s.path))
		if err != nil {
			return 0, err
		}
		w.hw.marks, w.hw.size, w.hw.loaded = marks, size, true
	}
	return w.hw.marks[key], nil
}

// minted records that key's number last was minted; flushHighWater writes it down.
func (w *writer) minted(key counterKey, last int) {
	if w.s.bulk || last <= w.hw.marks[key] {
		return
	}
	if w.hw.marks == nil {
		w.hw.marks = map[counterKey]int{}
	}
	w.hw.marks[key] = last
	w.hw.pending = append(w.hw.pending, key)
}

// flushHighWater appends the numbers minted in the transaction, or rewrites the file when it grew
// past highWaterCompactAt. Every transaction that mints calls it last, once everything else
// succeeded, just before its commit (Store.write, Store.Batch): a reception refused for bad
// input leaves no trace in the file, and a batch writes it once.
//
// Why before the commit and not after: a crash between the file's write and the commit leaves
// the file one number ahead of the database; the next reception then skips that number (a gap in
// the day's numbering), which is harmless, whereas writing after the commit could lose the record
// of a code that the committed dossier, and its printed receipt, carry.
func (w *writer) flushHighWater() error {
	if len(w.hw.pending) == 0 || w.s.bulk {
		return nil
	}
	path := highWaterPath(w.s.path)
	var err error
	if w.hw.size > highWaterCompactAt {
		cutoff := w.s.Now().AddDate(0, 0, -highWaterDays).Format("060102")
		var n int64
		if n, err = writeHighWater(path, w.hw.marks, cutoff); err == nil {
			w.hw.size = n
		}
	} else {
		var b strings.Builder
		if w.hw.size < 0 {
			b.WriteString(highWaterHeader + "\n")
		}
		seen := map[counterKey]bool{}
		for _, k := range w.hw.pending {
			if !seen[k] {
				seen[k] = true
				writeHighWaterLine(&b, k, w.hw.marks[k])
			}
		}
		err = appendHighWater(path, b.String(), w.hw.size < 0)
		w.hw.size = max(w.hw.size, 0) + int64(b.Len())
	}
	if err != nil {
		return fmt.Errorf("cấp mã hồ sơ: không ghi được sổ mã đã cấp %s: %w", path, err)
	}
	w.hw.pending = w.hw.pending[:0]
	return nil
}

// appendHighWater appends lines to the file and syncs it (and the folder when it created it).
func appendHighWater(path, lines string, created bool) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(lines)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && created {
		err = syncDir(filepath.Dir(path))
	}
	return err
}

// readHighWater reads the file; a missing file is an empty one (a new PC, or a database from
// before the file existed: its counters are then the only record, and they are whole).
//
// A last line without its newline is an append cut by a crash: its transaction had not
// committed, so the number it names was never issued, and the line is ignored. Any other line
// that cannot be parsed, or a file that cannot be read, stops reception with an error rather than
// being ignored: the file is only ever appended to or replaced whole (written aside, synced,
// renamed), so such damage means a damaged disk or a hand edit, and minting without the file
// could issue again a code already printed. The administrator decides: repair the file, or
// delete it to count from the database. size is the file's size, -1 when it is missing.
func readHighWater(path string) (marks map[counterKey]int, size int64, err error) {
	marks = map[counterKey]int{}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return marks, -1, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("cấp mã hồ sơ: không đọc được sổ mã đã cấp %s: %w", path, err)
	}
	text := string(b)
	text = text[:strings.LastIndexByte(text, '\n')+1] // without a cut append (above)
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, last, ok := parseHighWaterLine(line)
		if !ok {
			return nil, 0, &HighWaterError{Path: path, Line: n + 1}
		}
		if last > marks[key] {
			marks[key] = last
		}
	}
	return marks, int64(len(b)), nil
}

// HighWaterError: the file of minted codes is damaged; reception stops until an administrator
// repairs or deletes it.
type HighWaterError struct {
	Path string
	Line int
}

func (e *HighWaterError) Error() string {
	return fmt.Sprintf("sổ mã hồ sơ đã cấp %s bị hỏng (dòng %d): chưa thể cấp mã mới vì có thể trùng mã đã in trên phiếu. "+
		"Quản trị viên hãy khôi phục tệp này, hoặc xóa nó nếu chắc chắn chưa khôi phục bản sao lưu cũ hơn các mã đã cấp",
		e.Path, e.Line)
}

func parseHighWaterLine(line string) (counterKey, int, bool) {
	f := strings.Split(line, "\t")
	if len(f) != 4 || f[0] == "" {
		return counterKey{}, 0, false
	}
	limit := blockSize // a day of codes: yymmdd
	digits := f[1]
	if strings.HasPrefix(f[1], "Q") { // a volume of the tracking book: Qyyyy
		limit, digits = bookBlock, f[1][1:]
		if len(digits) != 4 {
			return counterKey{}, 0, false
		}
	} else if len(digits) != 6 {
		return counterKey{}, 0, false
	}
	if _, err := strconv.Atoi(digits); err != nil {
		return counterKey{}, 0, false
	}
	station, err1 := strconv.Atoi(f[2])
	last, err2 := strconv.Atoi(f[3])
	if err1 != nil || err2 != nil || station < 0 || station > 9 || last < 0 || last >= limit {
		return counterKey{}, 0, false
	}
	return counterKey{office: f[0], day: f[1], station: station}, last, true
}

func writeHighWaterLine(b *strings.Builder, k counterKey, last int) {
	fmt.Fprintf(b, "%s\t%s\t%d\t%d\n", k.office, k.day, k.station, last)
}

// writeHighWater replaces the file with marks of the days from cutoff on: written beside it,
// synced, renamed over it, so that it is always either the old or the new content. It returns
// the new size.
func writeHighWater(path string, marks map[counterKey]int, cutoff string) (int64, error) {
	keys := make([]counterKey, 0, len(marks))
	cutoffVolume := bookVolumeKey(2000 + atoiPrefix(cutoff, 2))
	for k := range marks {
		if strings.HasPrefix(k.day, "Q") && k.day >= cutoffVolume || !strings.HasPrefix(k.day, "Q") && k.day >= cutoff {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.office != b.office {
			return a.office < b.office
		}
		if a.day != b.day {
			return a.day < b.day
		}
		return a.station < b.station
	})
	var b strings.Builder
	b.WriteString(highWaterHeader + "\n")
	for _, k := range keys {
		writeHighWaterLine(&b, k, marks[k])
	}
	if err := writeOwnerOnly(path, b.String()); err != nil {
		return 0, err
	}
	return int64(b.Len()), nil
}

// atoiPrefix reads the first n digits of s (0 when they are not digits).
func atoiPrefix(s string, n int) int {
	if len(s) < n {
		return 0
	}
	v, _ := strconv.Atoi(s[:n])
	return v
}
