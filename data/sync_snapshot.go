package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"motcua/data/calendar"
)

// Snapshot is what a hub holds of an office besides its events: the office's details, settings,
// catalog and working calendar. A station uploads it when it changed here and applies the hub's
// when it changed there, so a new counter PC gets everything with one command.
type Snapshot struct {
	Office     SnapshotOffice    `json:"office"`
	Settings   map[string]string `json:"settings"`
	Units      []Unit            `json:"units"`
	Fields     []Field           `json:"fields"`
	Procedures []Procedure       `json:"procedures"`
	Calendar   []SnapshotDay     `json:"calendar"`
}

// SnapshotOffice is the office row.
type SnapshotOffice struct {
	Code          string `json:"code"`
	Name          string `json:"name"`
	Level         string `json:"level"`
	ParentCode    string `json:"parent_code"`
	GoverningBody string `json:"governing_body"`
	Place         string `json:"place"`
	Hours         string `json:"hours"`
}

// SnapshotDay is one stored calendar day.
type SnapshotDay struct {
	Date   string `json:"date"`
	Kind   string `json:"kind"`
	Label  string `json:"label"`
	Tag    string `json:"tag,omitempty"`
	Source string `json:"source,omitempty"`
}

// syncPrivate marks settings that belong to this PC and never travel: the hub's address and
// this station's token.
const syncPrivate = "sync_"

// Snapshot reads this database's office snapshot; ids are left out (they are local).
func (s *Store) Snapshot(ctx context.Context) (*Snapshot, error) {
	o, err := s.Office()
	if err != nil {
		return nil, err
	}
	snap := &Snapshot{Office: SnapshotOffice{Code: o.Code, Name: o.Name, Level: o.Level, ParentCode: o.ParentCode,
		GoverningBody: o.GoverningBody, Place: o.Place, Hours: FormatHours(o.Hours)}, Settings: map[string]string{}}
	rows, err := s.db.QueryContext(ctx, "SELECT key, value FROM settings ORDER BY key")
	if err != nil {
		return nil, fmt.Errorf("đọc cài đặt: %w", err)
	}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return nil, err
		}
		if !strings.HasPrefix(k, syncPrivate) {
			snap.Settings[k] = v
		}
	}
	rows.Close()
	if snap.Units, err = s.Units(ctx); err != nil {
		return nil, err
	}
	if snap.Fields, err = s.Fields(ctx); err != nil {
		return nil, err
	}
	for i := range snap.Units {
		snap.Units[i].ID = 0
	}
	for i := range snap.Fields {
		snap.Fields[i].ID = 0
	}
	var codes []string
	crow, err := s.db.QueryContext(ctx, "SELECT code FROM procedures ORDER BY code")
	if err != nil {
		return nil, fmt.Errorf("đọc danh mục: %w", err)
	}
	for crow.Next() {
		var c string
		if err := crow.Scan(&c); err != nil {
			crow.Close()
			return nil, err
		}
		codes = append(codes, c)
	}
	crow.Close()
	for _, c := range codes {
		p, err := s.Procedure(ctx, c)
		if err != nil {
			return nil, err
		}
		p.ID = 0
		snap.Procedures = append(snap.Procedures, *p)
	}
	days, err := s.calendarDays(ctx)
	if err != nil {
		return nil, err
	}
	for _, d := range days {
		snap.Calendar = append(snap.Calendar, SnapshotDay{Date: d.Date.String(), Kind: string(d.Kind), Label: d.Label, Tag: d.Tag, Source: d.Source})
	}
	return snap, nil
}

// Hash identifies a snapshot's content.
func (snap *Snapshot) Hash() string {
	b, _ := json.Marshal(snap)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ApplySnapshot replaces this database's office details, settings, catalog and calendar with
// snap's (administrators; sync acts as System), in one transaction. The office code must match.
// When the catalog gained codes, the projections are rebuilt so that every dossier points at
// the units and fields it names.
func (s *Store) ApplySnapshot(ctx context.Context, actor *User, snap *Snapshot) error {
	cur, err := s.Office()
	if err != nil {
		return err
	}
	if snap.Office.Code != cur.Code {
		return inputError(KeyOffice, msgSnapshotOffice, snap.Office.Code, cur.Code)
	}
	hours, err := ParseHours(snap.Office.Hours)
	if err != nil {
		return err
	}
	o := Office{Code: cur.Code, Name: snap.Office.Name, Level: snap.Office.Level, ParentCode: snap.Office.ParentCode,
		GoverningBody: snap.Office.GoverningBody, Place: snap.Office.Place, Hours: hours}
	o.normalize()
	if err := o.validate(); err != nil {
		return err
	}
	procs := append([]Procedure(nil), snap.Procedures...)
	for i := range procs {
		procs[i].ID = 0
		procs[i].normalize()
		if err := procs[i].validate(); err != nil {
			return fmt.Errorf("thủ tục %s: %w", procs[i].Code, err)
		}
	}
	days := make([]calendar.Day, 0, len(snap.Calendar))
	for _, d := range snap.Calendar {
		date, err := calendar.ParseDate(d.Date)
		if err != nil {
			return fmt.Errorf("lịch làm việc: %w", err)
		}
		days = append(days, calendar.Day{Date: date, Kind: calendar.Kind(d.Kind), Label: d.Label, Tag: d.Tag, Source: d.Source})
	}
	before := s.catalogIDs()
	err = s.withActorTx(ctx, actor, RoleAdmin, func(tx *sql.Tx) error {
		if err := insertOffice(ctx, tx, o); err != nil {
			return err
		}
		for k, v := range snap.Settings {
			if strings.HasPrefix(k, syncPrivate) || len(k) > 100 {
				continue
			}
			if err := checkText(KeySetting, v, 20000, false); err != nil {
				return fmt.Errorf("cài đặt %s: %w", k, err)
			}
			if err := putSetting(ctx, tx, k, v); err != nil {
				return err
			}
		}
		for _, u := range snap.Units {
			if _, err := putUnit(ctx, tx, u); err != nil {
				return err
			}
		}
		for _, f := range snap.Fields {
			if _, err := putField(ctx, tx, f); err != nil {
				return err
			}
		}
		for i := range procs {
			if err := putProcedure(ctx, tx, &procs[i]); err != nil {
				return fmt.Errorf("thủ tục %s: %w", procs[i].Code, err)
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM calendar_days"); err != nil {
			return err
		}
		for _, d := range days {
			if err := putDay(ctx, tx, d, d.Source); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("áp dụng thông tin văn phòng: %w", err)
	}
	if err := s.reload(ctx); err != nil {
		return err
	}
	if grew(before, s.catalogIDs()) {
		if _, err := s.Rebuild(ctx, nil); err != nil {
			return err
		}
	}
	return nil
}

// grew reports whether the catalog gained a unit, field or procedure code.
func grew(a, b *catalogIDs) bool {
	for _, pair := range [][2]map[string]int64{{a.unit, b.unit}, {a.field, b.field}, {a.procedure, b.procedure}} {
		for code := range pair[1] {
			if _, ok := pair[0][code]; !ok {
				return true
			}
		}
	}
	return false
}

// SnapshotState is what this station last exchanged with a hub epoch: the hub's version and the
// hash of the local snapshot at that moment.
func (s *Store) SnapshotState(ctx context.Context, epoch string) (version int64, hash string, err error) {
	v, err := s.Meta(ctx, "sync_snapshot")
	if err != nil || v == "" {
		return 0, "", err
	}
	parts := strings.Split(v, "|")
	if len(parts) != 3 || parts[0] != epoch {
		return 0, "", nil
	}
	var n int64
	fmt.Sscan(parts[1], &n)
	return n, parts[2], nil
}

// SetSnapshotState records the exchange of a snapshot.
func (s *Store) SetSnapshotState(ctx context.Context, epoch string, version int64, hash string) error {
	return s.WithTx(ctx, func(tx *sql.Tx) error {
		return setMeta(ctx, tx, "sync_snapshot", fmt.Sprintf("%s|%d|%s", epoch, version, hash))
	})
}
