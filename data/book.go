package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"motcua/data/vntext"
)

// bookBlock is each station's share of a volume of the tracking book: station s numbers the
// dossiers it receives in a year s*bookBlock+1 … s*bookBlock+bookBlock-1. A number that must be
// unique per office and year cannot come from one counter when two PCs receive offline, so each
// station counts in its own block, as codes do per day (codes.go). A station may mint 999 codes a
// working day, some 250,000 a year, so its block holds 999,999: a smaller one (99,999) stopped
// reception on a busy counter, and the million-dossier demo, before the codes ran out. See
// docs/HUONG-DAN.md, "Sổ theo dõi hồ sơ".
const bookBlock = 1_000_000

// Book is a dossier's place in the tracking book: the volume (quyển số) is the year of reception
// in the office zone, the number (số thứ tự) the one given at reception. ok is false for a
// dossier never received, or received by a version of the program that gave no numbers.
func (d *Dossier) Book() (volume, number int, ok bool) {
	if d.BookNo == 0 || d.ReceivedAt.IsZero() {
		return 0, 0, false
	}
	return d.ReceivedAt.In(vntext.Zone()).Year(), d.BookNo, true
}

// bookMinter gives book numbers inside a writer's transaction; the last number per key is kept
// so that a bulk build reads each counter once.
type bookMinter struct {
	last  map[counterKey]int // day holds the year
	read  *sql.Stmt
	write *sql.Stmt
}

func (b *bookMinter) close() {
	for _, st := range []*sql.Stmt{b.read, b.write} {
		if st != nil {
			st.Close()
		}
	}
}

// mintBookNo takes the station's next number in the volume of the year of at. Like a code, it is
// taken in the receiving transaction: a crash before commit gives the number back with the
// dossier, so no number is skipped nor given twice; like a code, it is also written to the
// high-water file before the commit, so that restoring an older backup cannot give it again.
func (w *writer) mintBookNo(ctx context.Context, office string, station int, at time.Time) (int, error) {
	b := &w.book
	var err error
	if b.read == nil {
		if b.read, err = w.tx.PrepareContext(ctx, "SELECT last FROM book_counters WHERE office = ? AND year = ? AND station = ?"); err != nil {
			return 0, fmt.Errorf("cấp số thứ tự sổ theo dõi: %w", err)
		}
		if b.write, err = w.tx.PrepareContext(ctx, `INSERT INTO book_counters(office, year, station, last) VALUES (?, ?, ?, ?)
			ON CONFLICT(office, year, station) DO UPDATE SET last = excluded.last`); err != nil {
			return 0, fmt.Errorf("cấp số thứ tự sổ theo dõi: %w", err)
		}
		b.last = map[counterKey]int{}
	}
	year := at.In(vntext.Zone()).Year()
	key := counterKey{office: office, day: bookVolumeKey(year), station: station}
	last, ok := b.last[key]
	if !ok {
		if err := b.read.QueryRowContext(ctx, office, year, station).Scan(&last); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("cấp số thứ tự sổ theo dõi: %w", err)
		}
		// A restored older backup holds a lower counter than the numbers already printed on
		// receipts: the high-water file remembers them, as it does codes (codes_highwater.go).
		mark, err := w.highWaterMark(key)
		if err != nil {
			return 0, err
		}
		last = max(last, mark)
	}
	last++
	if last >= bookBlock {
		return 0, fmt.Errorf("máy trạm số %d đã dùng hết %d số thứ tự của sổ theo dõi hồ sơ năm %d: hãy tiếp nhận trên máy trạm khác",
			station, bookBlock-1, year)
	}
	if _, err := b.write.ExecContext(ctx, office, year, station, last); err != nil {
		return 0, fmt.Errorf("cấp số thứ tự sổ theo dõi: %w", err)
	}
	b.last[key] = last
	w.minted(key, last)
	return station*bookBlock + last, nil
}
