package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/google/uuid"

	"motcua/data/vntext"
)

// Hit is one dossier found by Search or listed by List.
type Hit struct {
	ID            uuid.UUID
	Code          string
	Status        Status
	Applicant     string
	IDNo          string
	Phone         string
	Address       string
	ProcedureName string
	Channel       Channel
	ReceivedAt    time.Time
	Due           time.Time // zero: no due date
	FinishedAt    time.Time
	Supplements   int // supplement requests so far: a second one makes the dossier late (Judge)
}

const hitColumns = `d.id, COALESCE(d.code, ''), d.status, d.applicant, d.applicant_id, d.phone, d.address,
	COALESCE(p.name, ''), d.channel, d.received_at, d.due_at, d.finished_at, d.supplements`

const hitFrom = ` FROM dossiers d LEFT JOIN procedures p ON p.id = d.procedure_id`

func (s *Store) scanHits(rows *sql.Rows) ([]Hit, error) { return s.scanHitsWith(rows, nil) }

// scanHitsWith scans hitColumns followed by the columns of extra; each is called after the
// extra columns of a row were scanned.
func (s *Store) scanHitsWith(rows *sql.Rows, each func(), extra ...any) ([]Hit, error) {
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		var h Hit
		var id []byte
		var received, due, finished sql.NullInt64
		if err := rows.Scan(append([]any{&id, &h.Code, &h.Status, &h.Applicant, &h.IDNo, &h.Phone, &h.Address,
			&h.ProcedureName, &h.Channel, &received, &due, &finished, &h.Supplements}, extra...)...); err != nil {
			return nil, err
		}
		copy(h.ID[:], id)
		h.ReceivedAt, h.Due, h.FinishedAt = s.unixTime(received), s.unixTime(due), s.unixTime(finished)
		out = append(out, h)
		if each != nil {
			each()
		}
	}
	return out, rows.Err()
}

func (s *Store) unixTime(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.Unix(v.Int64, 0).In(s.loc)
}

// Search finds dossiers by code prefix, applicant name (accents and đ ignored), citizen ID or
// phone, newest first. Whatever the user typed, it never reaches SQL or FTS5 as syntax.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	if vntext.LooksLikeCode(query) {
		prefix := vntext.CodePrefix(query)
		rows, err := s.db.QueryContext(ctx, "SELECT "+hitColumns+hitFrom+
			" WHERE d.code >= ? AND d.code < ? ORDER BY d.code DESC LIMIT ?", prefix, prefix+"\x7f", limit)
		if err != nil {
			return nil, fmt.Errorf("tìm theo mã hồ sơ: %w", err)
		}
		hits, err := s.scanHits(rows)
		if err != nil || len(hits) > 0 {
			return hits, err
		}
	}
	match := vntext.MatchQuery(query)
	if match == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+hitColumns+hitFrom+
		` WHERE d.rid IN (SELECT rowid FROM dossier_search WHERE dossier_search MATCH ? ORDER BY rowid DESC LIMIT ?)
		ORDER BY d.rid DESC`, match, limit)
	if err != nil {
		return nil, fmt.Errorf("tìm hồ sơ: %w", err)
	}
	return s.scanHits(rows)
}
