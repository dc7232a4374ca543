package data

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

// catalogColumns are the columns of catalog.csv (shared/data/README.md). A province's own catalog
// comes in the same shape.
var catalogColumns = []string{"code", "name", "field", "field_code", "agency_level", "agency",
	"time_limit_value", "time_limit_unit", "fee_vnd", "fee_note", "online_level", "required_docs",
	"source", "verified", "note"}

// catalogRequired are the columns without which a row means nothing; the others (field code,
// agency, fee note, online level, source, verified, note) may be left out of a province's file.
var catalogRequired = []string{"code", "name", "field", "agency_level", "time_limit_value",
	"time_limit_unit", "fee_vnd", "required_docs"}

// maxCatalogRows is far above any office's catalog (a province has about 2,000 procedures).
const maxCatalogRows = 10000

// ParseCatalogCSV reads a procedure catalog in the shape of catalog.csv. It is all or nothing: on
// the first problem it returns nil and a *LineError naming the line and the column.
//
// Mapping: time_limit_value + time_limit_unit (ngay_lam_viec, ngay, gio) give the limit, and an
// empty value or unit means no due date; fee_vnd > 0 becomes one "Lệ phí" collected at reception;
// required_docs is split on ";" outside brackets and quotes — a document whose name says "(nếu …)" is optional, one whose name
// starts with "Bản sao" is expected as one copy, any other as one original. An empty field_code
// is made from the field name (FieldSlug). The verified column is read but not stored: the
// catalog has no place for it and the note already says which facts are unconfirmed.
//
// A row without a national code (the sample catalog has two) gets a provisional code "TAM-…"
// derived from its name, so importing the file again updates the same procedure.
func ParseCatalogCSV(r io.Reader) ([]Procedure, error) {
	cr := newCSVReader(r)
	idx, err := cr.readHeader(catalogColumns, catalogRequired)
	if err != nil {
		return nil, err
	}
	var procs []Procedure
	codes := map[string]int{}  // code → line, for duplicates
	fields := map[string]int{} // field code → index in procs of its first use
	for {
		row, err := cr.nextRow(idx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(procs) >= maxCatalogRows {
			return nil, row.errorf("", "quá nhiều thủ tục (tối đa %d)", maxCatalogRows)
		}
		p, err := parseCatalogRow(row)
		if err != nil {
			return nil, err
		}
		if prev, dup := codes[p.Code]; dup {
			return nil, row.errorf("code", "mã thủ tục %s trùng với dòng %d", quoteValue(p.Code), prev)
		}
		codes[p.Code] = row.line
		if p.Field != "" {
			// The catalog keeps one name per field code: the first one stored wins, so two
			// spellings in one file would leave one of them silently unused.
			if i, seen := fields[p.Field]; seen && procs[i].FieldName != p.FieldName {
				return nil, row.errorf("field", "mã lĩnh vực %q đã dùng cho lĩnh vực %s ở dòng %d",
					p.Field, quoteValue(procs[i].FieldName), codes[procs[i].Code])
			} else if !seen {
				fields[p.Field] = len(procs)
			}
		}
		procs = append(procs, p)
	}
	if len(procs) == 0 {
		return nil, inputError(KeyFile, msgNoProcedures)
	}
	return procs, nil
}

func parseCatalogRow(row csvRow) (Procedure, error) {
	p := Procedure{Active: true}
	var err error
	if p.Name, err = row.text("name", 1000, true); err != nil {
		return p, err
	}
	p.Code = row.get("code")
	if p.Code == "" {
		p.Code = placeholderCode(p.Name)
	} else if !procPattern.MatchString(p.Code) {
		return p, row.errorf("code", "mã thủ tục không hợp lệ %s (chữ, số, dấu chấm, gạch; tối đa 40 ký tự)", quoteValue(p.Code))
	}
	if p.FieldName, err = row.text("field", 300, false); err != nil {
		return p, err
	}
	p.Field = row.get("field_code")
	switch {
	case p.Field != "":
		if !unitCodePattern.MatchString(p.Field) {
			return p, row.errorf("field_code", "mã lĩnh vực không hợp lệ %s (chữ, số, dấu chấm, gạch; tối đa 40 ký tự)", quoteValue(p.Field))
		}
	case p.FieldName != "":
		p.Field = FieldSlug(p.FieldName)
		if !unitCodePattern.MatchString(p.Field) {
			return p, row.errorf("field", "không tự tạo được mã lĩnh vực từ tên này (quá dài hoặc không có chữ): hãy ghi cột field_code")
		}
	}
	switch p.Level = strings.ToLower(row.get("agency_level")); p.Level {
	case "xa", "huyen", "tinh":
	default:
		return p, row.errorf("agency_level", "cấp thực hiện phải là xa, huyen hoặc tinh (đã ghi %s)", quoteValue(row.get("agency_level")))
	}
	if p.Agency, err = row.text("agency", maxText, false); err != nil {
		return p, err
	}
	if p.Limit, err = parseCatalogLimit(row); err != nil {
		return p, err
	}
	if v := row.get("fee_vnd"); v != "" {
		amount, ok := parseAmount(v, maxAmount)
		if !ok {
			return p, row.errorf("fee_vnd", "số tiền không hợp lệ %s: ghi số đồng, chỉ gồm chữ số (ví dụ 50000)", quoteValue(v))
		}
		if amount > 0 {
			p.Fees = []ProcedureFee{{Name: "Lệ phí", Amount: amount, Stage: FeeAtReception}}
		}
	}
	if p.FeeNote, err = row.text("fee_note", maxText, false); err != nil {
		return p, err
	}
	switch p.OnlineLevel = strings.ToLower(row.get("online_level")); p.OnlineLevel {
	case "", "toan_trinh", "mot_phan":
	default:
		return p, row.errorf("online_level", "mức trực tuyến phải là toan_trinh, mot_phan hoặc để trống (đã ghi %s)", quoteValue(row.get("online_level")))
	}
	if p.Documents, err = parseCatalogDocs(row); err != nil {
		return p, err
	}
	if p.Source, err = row.text("source", maxText, false); err != nil {
		return p, err
	}
	if p.Note, err = row.text("note", maxText, false); err != nil {
		return p, err
	}
	// The same checks PutProcedures makes, so that a file that parses also imports, and a rule
	// added there is enforced here with the line attached.
	p.normalize()
	if err := p.validate(); err != nil {
		return p, &LineError{Line: row.line, Err: err}
	}
	return p, nil
}

// placeholderCode is the provisional code of a procedure whose national code is not known: "TAM"
// (tạm) says it is not a national code, and the hash of the name's words (case, tone marks and
// punctuation ignored) keeps it the same from one import to the next.
func placeholderCode(name string) string {
	sum := sha256.Sum256([]byte(strings.Join(vntext.Tokens(name), " ")))
	return "TAM-" + strings.ToUpper(hex.EncodeToString(sum[:5]))
}

// parseCatalogLimit reads the limit with the rules of calendar.ParseLimit, so the catalog, the
// command line and the settings screen accept the same limits: working days in halves (½ day =
// 4 h), hours and calendar days whole. A decimal comma is accepted too, as Vietnamese
// spreadsheets write "0,5".
func parseCatalogLimit(row csvRow) (calendar.Limit, error) {
	value, unitText := row.get("time_limit_value"), row.get("time_limit_unit")
	var unit calendar.Unit
	switch u := calendar.Unit(strings.ToLower(unitText)); u {
	case calendar.WorkingDays, calendar.CalendarDays, calendar.WorkingHours:
		unit = u
	case calendar.NoLimit:
	default:
		return calendar.Limit{}, row.errorf("time_limit_unit", "đơn vị thời hạn phải là ngay_lam_viec, ngay hoặc gio (đã ghi %s)", quoteValue(unitText))
	}
	var v float64
	if value != "" {
		num := strings.Replace(value, ",", ".", 1)
		if len(num) > 12 || strings.Trim(num, "0123456789.") != "" || strings.Count(num, ".") > 1 ||
			num[0] == '.' || num[len(num)-1] == '.' {
			return calendar.Limit{}, row.errorf("time_limit_value", "thời hạn không hợp lệ %s: ghi một số, ví dụ 3 hoặc 0.5", quoteValue(value))
		}
		var err error
		if v, err = strconv.ParseFloat(num, 64); err != nil {
			return calendar.Limit{}, row.errorf("time_limit_value", "thời hạn không hợp lệ %s", quoteValue(value))
		}
	}
	if value == "" || unit == calendar.NoLimit {
		return calendar.Limit{Unit: calendar.NoLimit}, nil
	}
	switch {
	case unit == calendar.WorkingDays && v*2 != math.Trunc(v*2):
		return calendar.Limit{}, row.errorf("time_limit_value", "số ngày làm việc phải là bội của 0,5 (đã ghi %s)", quoteValue(value))
	case unit != calendar.WorkingDays && v != math.Trunc(v):
		return calendar.Limit{}, row.errorf("time_limit_value", "số giờ hoặc số ngày theo lịch phải là số nguyên (đã ghi %s)", quoteValue(value))
	}
	l := calendar.Limit{Value: v, Unit: unit}
	if err := l.Validate(); err != nil {
		return calendar.Limit{}, &LineError{Line: row.line, Column: "time_limit_value", Err: keyedError(KeyFile, err)}
	}
	return l, nil
}

// parseCatalogDocs splits the ";"-separated checklist. Whether a document is required, and whether
// an original or a copy is expected, is read from the wording the catalogs use: "(nếu có)",
// "(nếu ủy quyền)" mark optional documents; "Bản sao …" a copy; "Bản chính …", "Tờ khai …" and
// the rest an original.
func parseCatalogDocs(row csvRow) ([]ProcedureDoc, error) {
	var docs []ProcedureDoc
	for _, part := range splitDocs(row.get("required_docs")) {
		name := vntext.Clean(part)
		if name == "" {
			continue
		}
		if len(docs) == maxItems {
			return nil, row.errorf("required_docs", "quá nhiều giấy tờ (tối đa %d)", maxItems)
		}
		if n := utf8.RuneCountInString(name); n > 1000 {
			return nil, row.errorf("required_docs", "giấy tờ thứ %d quá dài (%d ký tự, tối đa 1000)", len(docs)+1, n)
		}
		lower := strings.ToLower(name)
		d := ProcedureDoc{Name: name, Required: !strings.Contains(lower, "(nếu"), Originals: 1}
		if strings.HasPrefix(lower, "bản sao") {
			d.Originals, d.Copies = 0, 1
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// splitDocs splits a checklist at the semicolons that are not inside brackets or quotes: "Tờ khai
// đăng ký kết hôn (theo mẫu; hai bên có mặt)" is one document (calendar.Enclosed).
func splitDocs(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ';' && !calendar.Enclosed(s[start:i], s[i+1:]) {
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// ImportCatalog reads a catalog file (ParseCatalogCSV) and stores every procedure in one
// transaction (PutProcedures): a procedure already in the catalog is updated, a new one added, and
// nothing is written when any line is wrong. It returns the number of procedures imported.
//
// What the file does not carry is kept for procedures already in the catalog — the default
// processing unit, the online time limit, liên thông and whether the procedure is in use — so that
// importing the province's updated list does not undo the administrator's settings.
func (s *Store) ImportCatalog(ctx context.Context, actor *User, r io.Reader) (int, error) {
	procs, err := ParseCatalogCSV(r)
	if err != nil {
		return 0, err
	}
	kept, err := s.storedProcedures(ctx)
	if err != nil {
		return 0, err
	}
	for i := range procs {
		if old, ok := kept[procs[i].Code]; ok {
			procs[i].Unit, procs[i].OnlineLimit, procs[i].Linked, procs[i].Active = old.Unit, old.OnlineLimit, old.Linked, old.Active
		}
	}
	if err := s.PutProcedures(ctx, actor, procs); err != nil {
		return 0, err
	}
	return len(procs), nil
}

// storedProcedures reads every procedure of the catalog, active or not, without documents and fees.
func (s *Store) storedProcedures(ctx context.Context) (map[string]Procedure, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+procedureColumns+procedureFrom)
	if err != nil {
		return nil, fmt.Errorf("đọc danh mục thủ tục: %w", err)
	}
	defer rows.Close()
	out := map[string]Procedure{}
	for rows.Next() {
		p, err := scanProcedure(rows)
		if err != nil {
			return nil, fmt.Errorf("đọc danh mục thủ tục: %w", err)
		}
		out[p.Code] = *p
	}
	return out, rows.Err()
}
