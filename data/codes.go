package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Each station mints only in its own block of the day's numbers, so two PCs of one office working
// offline can never mint the same code (docs/ARCHITECTURE.md §4).
const blockSize = 1000

// mintCode takes the next number of the station's block for the office and day of at, inside the
// receiving transaction: a crash before commit rolls the counter back with the dossier, so a code is
// never issued twice nor skipped for a dossier that exists. The number is also written to the
// high-water file just before the commit (flushHighWater), so that restoring an older backup
// cannot mint it again.
func (w *writer) mintCode(ctx context.Context, office string, station int, at time.Time) (string, error) {
	key := counterKey{office: office, day: at.Format("060102"), station: station}
	last, ok := w.counters[key]
	if !ok {
		// The transaction holds the write lock, so the value read here cannot change under us.
		err := w.counter.QueryRowContext(ctx, key.office, key.day, key.station).Scan(&last)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("cấp mã hồ sơ: %w", err)
		}
		// A restored older backup holds lower counters than the codes already printed: the
		// high-water file beside the database remembers them (codes_highwater.go).
		mark, err := w.highWaterMark(key)
		if err != nil {
			return "", err
		}
		last = max(last, mark)
	}
	for {
		last++
		if last >= blockSize {
			return "", fmt.Errorf("máy trạm số %d đã dùng hết %d mã hồ sơ của ngày %s: hãy tiếp nhận trên máy trạm khác",
				station, blockSize-1, at.Format("02/01/2006"))
		}
		if _, err := w.counterW.ExecContext(ctx, key.office, key.day, key.station, last); err != nil {
			return "", fmt.Errorf("cấp mã hồ sơ: %w", err)
		}
		w.counters[key] = last
		code := fmt.Sprintf("%s-%s-%04d", office, key.day, station*blockSize+last)
		// A code may already exist when it came from an imported register or from a station that
		// once had this number; skip it rather than fail.
		var taken int
		if err := w.codeTaken.QueryRowContext(ctx, code).Scan(&taken); err != nil {
			return "", fmt.Errorf("cấp mã hồ sơ: %w", err)
		}
		if taken == 0 {
			w.minted(key, last)
			return code, nil
		}
	}
}

func normalizeCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }
