package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"motcua/data/calendar"
)

// Complaint is one "không hài lòng" rating with the reason the applicant gave (docs/DOMAIN.md §8).
type Complaint struct {
	Code       string
	Applicant  string
	Procedure  string // procedure name
	Unit       string // processing unit code ("" none)
	ReturnedAt time.Time
	Reason     string
}

// Complaints lists the dossiers returned in [from, to] (inclusive dates) that the applicant rated
// "không hài lòng", in return order, with the reason given. They are the dossiers Stats counts as
// rated_dissatisfied for the same period: ratings count on the day the result was returned.
// Read-only; for the satisfaction report.
func (s *Store) Complaints(ctx context.Context, from, to calendar.Date) ([]Complaint, error) {
	S, E, err := s.periodBounds(from, to)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT COALESCE(d.code, ''), d.applicant, COALESCE(p.name, ''), COALESCE(u.code, ''), d.returned_at,
			COALESCE((SELECT json_extract(e.payload, '$.reason') FROM events e
				WHERE e.dossier = d.id AND e.type = ? AND e.conflict IS NULL ORDER BY e.at DESC, e.id DESC LIMIT 1), '')
		FROM dossiers d LEFT JOIN procedures p ON p.id = d.procedure_id LEFT JOIN units u ON u.id = d.unit_id
		WHERE d.rating = ? AND d.returned_at >= ? AND d.returned_at < ? AND d.received_at IS NOT NULL
		ORDER BY d.returned_at, d.rid`, string(EvRated), int(RatingDissatisfied), S, E)
	if err != nil {
		return nil, fmt.Errorf("đọc ý kiến không hài lòng: %w", err)
	}
	defer rows.Close()
	var out []Complaint
	for rows.Next() {
		var c Complaint
		var ret sql.NullInt64
		if err := rows.Scan(&c.Code, &c.Applicant, &c.Procedure, &c.Unit, &ret, &c.Reason); err != nil {
			return nil, err
		}
		c.ReturnedAt = s.unixTime(ret)
		out = append(out, c)
	}
	return out, rows.Err()
}
