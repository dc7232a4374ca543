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
// offline can never mint the same code (DESIGN.md §2).
const blockSize = 1000

// mintCode takes the next number of the station's block for the office and day of at, inside the
// receiving transaction: a crash before commit rolls the counter back with the dossier, so a code is
// never issued twice nor skipped for a dossier that exists.
func mintCode(ctx context.Context, tx *sql.Tx, office string, station int, at time.Time) (string, error) {
	day := at.Format("060102")
	for {
		var last int
		err := tx.QueryRowContext(ctx, `INSERT INTO code_counters(office, day, station, last) VALUES (?, ?, ?, 1)
			ON CONFLICT(office, day, station) DO UPDATE SET last = last + 1 RETURNING last`, office, day, station).Scan(&last)
		if err != nil {
			return "", fmt.Errorf("cấp mã hồ sơ: %w", err)
		}
		if last >= blockSize {
			return "", fmt.Errorf("máy trạm số %d đã dùng hết %d mã hồ sơ của ngày %s: hãy tiếp nhận trên máy trạm khác",
				station, blockSize-1, at.Format("02/01/2006"))
		}
		code := fmt.Sprintf("%s-%s-%04d", office, day, station*blockSize+last)
		// A code may already exist when it came from an imported register or from a station that
		// once had this number; skip it rather than fail.
		var one int
		err = tx.QueryRowContext(ctx, "SELECT 1 FROM dossiers WHERE code = ?", code).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return code, nil
		}
		if err != nil {
			return "", fmt.Errorf("cấp mã hồ sơ: %w", err)
		}
	}
}

func normalizeCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }
