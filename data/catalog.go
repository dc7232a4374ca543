package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

// Field is a lĩnh vực (Hộ tịch, Chứng thực, Đất đai, …).
type Field struct {
	ID   int64
	Code string
	Name string
}

// Unit is a processing unit (phòng chuyên môn, Sở, or a coordinating agency).
type Unit struct {
	ID     int64
	Code   string
	Name   string
	Active bool
}

// Procedure is one administrative procedure (TTHC) of the catalog.
type Procedure struct {
	ID          int64
	Code        string // national code, e.g. 1.001193
	Name        string
	Field       string // field code
	FieldName   string
	Level       string // xa, huyen, tinh
	Agency      string
	Unit        string         // default processing unit code
	Limit       calendar.Limit // NoLimit: no due date
	OnlineLimit *calendar.Limit
	OnlineLevel string // toan_trinh, mot_phan, "" (information only)
	Linked      bool   // liên thông
	Documents   []ProcedureDoc
	Fees        []ProcedureFee
	FeeNote     string
	Source      string
	Note        string
	Active      bool
}

// ProcedureDoc is one line of the required-documents checklist.
type ProcedureDoc struct {
	N         int
	Name      string
	Required  bool
	Originals int
	Copies    int
}

// ProcedureFee is a fee or charge, collected at reception or at the return of the result.
type ProcedureFee struct {
	N      int
	Name   string
	Amount int64
	Stage  string // FeeAtReception or FeeAtReturn
}

// Fee stages.
const (
	FeeAtReception = "tiep_nhan"
	FeeAtReturn    = "tra_ket_qua"
)

// LimitFor is the time limit that applies to a channel: online submissions may have a shorter one.
func (p *Procedure) LimitFor(c Channel) calendar.Limit {
	if c == ChannelOnline && p.OnlineLimit != nil {
		return *p.OnlineLimit
	}
	return p.Limit
}

// catalogIDs maps codes to local row ids for the projection; rebuilt on every catalog change.
type catalogIDs struct {
	procedure map[string]int64
	procField map[int64]int64
	field     map[string]int64
	unit      map[string]int64
}

func (s *Store) loadCatalogIDs(ctx context.Context) (*catalogIDs, error) {
	ids := &catalogIDs{procedure: map[string]int64{}, procField: map[int64]int64{}, field: map[string]int64{}, unit: map[string]int64{}}
	load := func(q string, fn func(id int64, code string, extra sql.NullInt64)) error {
		rows, err := s.db.QueryContext(ctx, q)
		if err != nil {
			return fmt.Errorf("đọc danh mục: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var code string
			var extra sql.NullInt64
			if err := rows.Scan(&id, &code, &extra); err != nil {
				return err
			}
			fn(id, code, extra)
		}
		return rows.Err()
	}
	if err := load("SELECT id, code, field_id FROM procedures", func(id int64, code string, f sql.NullInt64) {
		ids.procedure[code] = id
		if f.Valid {
			ids.procField[id] = f.Int64
		}
	}); err != nil {
		return nil, err
	}
	if err := load("SELECT id, code, NULL FROM fields", func(id int64, code string, _ sql.NullInt64) { ids.field[code] = id }); err != nil {
		return nil, err
	}
	if err := load("SELECT id, code, NULL FROM units", func(id int64, code string, _ sql.NullInt64) { ids.unit[code] = id }); err != nil {
		return nil, err
	}
	return ids, nil
}

func (s *Store) catalogIDs() *catalogIDs {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.ids
}

// FieldSlug makes a field code from its name when the catalog gives none: "Hộ tịch" → "HO-TICH".
func FieldSlug(name string) string {
	return strings.ToUpper(strings.Join(vntext.Tokens(name), "-"))
}

func (f *Field) normalize() {
	f.Name = vntext.Clean(f.Name)
	f.Code = strings.TrimSpace(f.Code)
	if f.Code == "" {
		f.Code = FieldSlug(f.Name)
	}
}

func (u *Unit) normalize() {
	u.Name = vntext.Clean(u.Name)
	u.Code = strings.TrimSpace(u.Code)
}

func putField(ctx context.Context, tx *sql.Tx, f Field) (int64, error) {
	f.normalize()
	if !unitCodePattern.MatchString(f.Code) {
		return 0, inputError(KeyCatalogFieldCode, msgInvalidValue, f.Code)
	}
	if err := checkText(KeyCatalogFieldName, f.Name, 300, true); err != nil {
		return 0, err
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO fields(code, name) VALUES (?, ?)
		ON CONFLICT(code) DO UPDATE SET name = excluded.name RETURNING id`, f.Code, f.Name).Scan(&id)
	return id, err
}

func putUnit(ctx context.Context, tx *sql.Tx, u Unit) (int64, error) {
	u.normalize()
	if !unitCodePattern.MatchString(u.Code) {
		return 0, inputError(KeyCatalogUnitCode, msgInvalidValue, u.Code)
	}
	if err := checkText(KeyCatalogUnitName, u.Name, 300, true); err != nil {
		return 0, err
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO units(code, name, active) VALUES (?, ?, ?)
		ON CONFLICT(code) DO UPDATE SET name = excluded.name, active = excluded.active RETURNING id`, u.Code, u.Name, u.Active).Scan(&id)
	return id, err
}

// PutUnit creates or renames a processing unit (administrators only).
func (s *Store) PutUnit(ctx context.Context, actor *User, u Unit) error {
	if err := s.withActorTx(ctx, actor, RoleAdmin, func(tx *sql.Tx) error { _, err := putUnit(ctx, tx, u); return err }); err != nil {
		return err
	}
	return s.reload(ctx)
}

// PutField creates or renames a field (administrators only).
func (s *Store) PutField(ctx context.Context, actor *User, f Field) error {
	if err := s.withActorTx(ctx, actor, RoleAdmin, func(tx *sql.Tx) error { _, err := putField(ctx, tx, f); return err }); err != nil {
		return err
	}
	return s.reload(ctx)
}

// Units lists the processing units.
func (s *Store) Units(ctx context.Context) ([]Unit, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, code, name, active FROM units ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("đọc danh sách đơn vị: %w", err)
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		var u Unit
		if err := rows.Scan(&u.ID, &u.Code, &u.Name, &u.Active); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Fields lists the fields.
func (s *Store) Fields(ctx context.Context) ([]Field, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, code, name FROM fields ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("đọc danh sách lĩnh vực: %w", err)
	}
	defer rows.Close()
	var out []Field
	for rows.Next() {
		var f Field
		if err := rows.Scan(&f.ID, &f.Code, &f.Name); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

func (p *Procedure) normalize() {
	p.Code = strings.TrimSpace(p.Code)
	p.Name = vntext.Clean(p.Name)
	p.FieldName = vntext.Clean(p.FieldName)
	p.Field = strings.TrimSpace(p.Field)
	if p.Field == "" && p.FieldName != "" {
		p.Field = FieldSlug(p.FieldName)
	}
	p.Agency = vntext.Clean(p.Agency)
	p.Unit = strings.TrimSpace(p.Unit)
	p.FeeNote = vntext.Clean(p.FeeNote)
	p.Source = vntext.Clean(p.Source)
	p.Note = vntext.Clean(p.Note)
	for i := range p.Documents {
		p.Documents[i].Name = vntext.Clean(p.Documents[i].Name)
		p.Documents[i].N = i + 1
	}
	for i := range p.Fees {
		p.Fees[i].Name = vntext.Clean(p.Fees[i].Name)
		p.Fees[i].N = i + 1
		if p.Fees[i].Stage == "" {
			p.Fees[i].Stage = FeeAtReception
		}
	}
}

func (p *Procedure) validate() error {
	if !procPattern.MatchString(p.Code) {
		return inputError(KeyCatalogCode, msgInvalidValue, p.Code)
	}
	if err := checkText(KeyCatalogName, p.Name, 1000, true); err != nil {
		return err
	}
	if err := validateLimit(p.Limit); err != nil {
		return err
	}
	if p.OnlineLimit != nil {
		if err := validateLimit(*p.OnlineLimit); err != nil {
			return err
		}
	}
	switch p.OnlineLevel {
	case "", "toan_trinh", "mot_phan":
	default:
		return inputError(KeyCatalogOnlineLevel, msgBadOnlineLevel)
	}
	switch p.Level {
	case "", "xa", "huyen", "tinh", "trung_uong":
	default:
		return inputError(KeyCatalogLevel, msgInvalidValue, p.Level)
	}
	if len(p.Documents) > maxItems || len(p.Fees) > maxItems {
		return inputError(KeyCatalogProcedure, msgTooManyItems)
	}
	for i, d := range p.Documents {
		if err := checkText(KeyCatalogDocuments.Item(i), d.Name, 1000, true); err != nil {
			return err
		}
	}
	for i, f := range p.Fees {
		if err := checkText(KeyCatalogFees.Item(i).Name(), f.Name, 300, true); err != nil {
			return err
		}
		if f.Amount < 0 || f.Amount > maxAmount || (f.Stage != FeeAtReception && f.Stage != FeeAtReturn) {
			return inputError(KeyCatalogFees.Item(i).Amount(), msgBadFee)
		}
	}
	for _, f := range []struct {
		key Key
		v   string
	}{{KeyCatalogAgency, p.Agency}, {KeyCatalogFeeNote, p.FeeNote}, {KeyCatalogSource, p.Source}, {KeyCatalogNote, p.Note}} {
		if err := checkText(f.key, f.v, maxText, false); err != nil {
			return err
		}
	}
	return nil
}

// PutProcedures creates or replaces procedures (administrators only), all in one transaction.
func (s *Store) PutProcedures(ctx context.Context, actor *User, procs []Procedure) error {
	for i := range procs {
		procs[i].normalize()
		if err := procs[i].validate(); err != nil {
			return fmt.Errorf("thủ tục %s: %w", procs[i].Code, err)
		}
	}
	err := s.withActorTx(ctx, actor, RoleAdmin, func(tx *sql.Tx) error {
		for i := range procs {
			if err := putProcedure(ctx, tx, &procs[i]); err != nil {
				return fmt.Errorf("thủ tục %s: %w", procs[i].Code, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.reload(ctx)
}

func putProcedure(ctx context.Context, tx *sql.Tx, p *Procedure) error {
	var fieldID, unitID sql.NullInt64
	if p.Field != "" {
		name := p.FieldName
		if name == "" {
			name = p.Field
		}
		id, err := putFieldIfMissing(ctx, tx, Field{Code: p.Field, Name: name})
		if err != nil {
			return err
		}
		fieldID = sql.NullInt64{Int64: id, Valid: true}
	}
	if p.Unit != "" {
		var err error
		if unitID, err = unitIDTx(ctx, tx, p.Unit); err != nil {
			return err
		}
	}
	var onlineValue sql.NullFloat64
	var onlineUnit sql.NullString
	if p.OnlineLimit != nil {
		onlineValue = sql.NullFloat64{Float64: p.OnlineLimit.Value, Valid: true}
		onlineUnit = sql.NullString{String: string(p.OnlineLimit.Unit), Valid: true}
	}
	search := vntext.Fold(p.Code + " " + p.Name)
	err := tx.QueryRowContext(ctx, `INSERT INTO procedures(code, name, field_id, level, agency, unit_id, limit_value, limit_unit,
			limit_hours, online_value, online_unit, online_level, linked, fee_note, source, note, active, search)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(code) DO UPDATE SET name = excluded.name, field_id = excluded.field_id, level = excluded.level,
			agency = excluded.agency, unit_id = excluded.unit_id, limit_value = excluded.limit_value,
			limit_unit = excluded.limit_unit, limit_hours = excluded.limit_hours, online_value = excluded.online_value,
			online_unit = excluded.online_unit, online_level = excluded.online_level, linked = excluded.linked,
			fee_note = excluded.fee_note, source = excluded.source, note = excluded.note, active = excluded.active,
			search = excluded.search
		RETURNING id`,
		p.Code, p.Name, fieldID, p.Level, p.Agency, unitID, p.Limit.Value, string(p.Limit.Unit), p.Limit.WorkingHours(),
		onlineValue, onlineUnit, p.OnlineLevel, p.Linked, p.FeeNote, p.Source, p.Note, p.Active, search).Scan(&p.ID)
	if err != nil {
		return fmt.Errorf("ghi thủ tục: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM procedure_docs WHERE procedure_id = ?", p.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM procedure_fees WHERE procedure_id = ?", p.ID); err != nil {
		return err
	}
	for _, d := range p.Documents {
		if _, err := tx.ExecContext(ctx, "INSERT INTO procedure_docs(procedure_id, n, name, required, originals, copies) VALUES (?, ?, ?, ?, ?, ?)",
			p.ID, d.N, d.Name, d.Required, d.Originals, d.Copies); err != nil {
			return err
		}
	}
	for _, f := range p.Fees {
		if _, err := tx.ExecContext(ctx, "INSERT INTO procedure_fees(procedure_id, n, name, amount, stage) VALUES (?, ?, ?, ?, ?)",
			p.ID, f.N, f.Name, f.Amount, f.Stage); err != nil {
			return err
		}
	}
	return nil
}

func putFieldIfMissing(ctx context.Context, tx *sql.Tx, f Field) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM fields WHERE code = ?", f.Code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return putField(ctx, tx, f)
	}
	return id, err
}

const procedureColumns = `p.id, p.code, p.name, COALESCE(f.code, ''), COALESCE(f.name, ''), p.level, p.agency, COALESCE(u.code, ''),
	p.limit_value, p.limit_unit, p.online_value, p.online_unit, p.online_level, p.linked, p.fee_note, p.source, p.note, p.active`

const procedureFrom = ` FROM procedures p LEFT JOIN fields f ON f.id = p.field_id LEFT JOIN units u ON u.id = p.unit_id`

func scanProcedure(row interface{ Scan(...any) error }) (*Procedure, error) {
	var p Procedure
	var unit string
	var ov sql.NullFloat64
	var ou sql.NullString
	if err := row.Scan(&p.ID, &p.Code, &p.Name, &p.Field, &p.FieldName, &p.Level, &p.Agency, &p.Unit,
		&p.Limit.Value, &unit, &ov, &ou, &p.OnlineLevel, &p.Linked, &p.FeeNote, &p.Source, &p.Note, &p.Active); err != nil {
		return nil, err
	}
	p.Limit.Unit = calendar.Unit(unit)
	if ov.Valid {
		p.OnlineLimit = &calendar.Limit{Value: ov.Float64, Unit: calendar.Unit(ou.String)}
	}
	return &p, nil
}

// Procedure reads one procedure with its documents and fees.
func (s *Store) Procedure(ctx context.Context, code string) (*Procedure, error) {
	p, err := scanProcedure(s.db.QueryRowContext(ctx, "SELECT "+procedureColumns+procedureFrom+" WHERE p.code = ?", strings.TrimSpace(code)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("thủ tục %q: %w", code, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("đọc thủ tục: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT n, name, required, originals, copies FROM procedure_docs WHERE procedure_id = ? ORDER BY n", p.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var d ProcedureDoc
		if err := rows.Scan(&d.N, &d.Name, &d.Required, &d.Originals, &d.Copies); err != nil {
			return nil, err
		}
		p.Documents = append(p.Documents, d)
	}
	frows, err := s.db.QueryContext(ctx, "SELECT n, name, amount, stage FROM procedure_fees WHERE procedure_id = ? ORDER BY n", p.ID)
	if err != nil {
		return nil, err
	}
	defer frows.Close()
	for frows.Next() {
		var f ProcedureFee
		if err := frows.Scan(&f.N, &f.Name, &f.Amount, &f.Stage); err != nil {
			return nil, err
		}
		p.Fees = append(p.Fees, f)
	}
	return p, frows.Err()
}

// Procedures lists active procedures whose code or name matches query, accent-insensitively
// ("khai sinh" finds "Thủ tục đăng ký khai sinh"); an empty query lists them all.
func (s *Store) Procedures(ctx context.Context, query string, limit int) ([]Procedure, error) {
	if limit <= 0 {
		limit = 1000
	}
	where := " WHERE p.active = 1"
	var args []any
	for _, tok := range vntext.Tokens(query) {
		where += " AND instr(p.search, ?) > 0"
		args = append(args, tok)
	}
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, "SELECT "+procedureColumns+procedureFrom+where+" ORDER BY p.name LIMIT ?", args...)
	if err != nil {
		return nil, fmt.Errorf("tìm thủ tục: %w", err)
	}
	defer rows.Close()
	var out []Procedure
	for rows.Next() {
		p, err := scanProcedure(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}
