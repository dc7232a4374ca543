package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"motcua/data/vntext"
)

// dossierColumns is the header of a legacy register (sổ theo dõi hồ sơ) exported from the office's
// previous software or spreadsheet: one dossier per line.
var dossierColumns = []string{"code", "procedure_code", "applicant_name", "applicant_id", "phone", "address",
	"channel", "received_at", "due_at", "finished_at", "returned_at", "status", "unit", "fee", "rating", "supplements"}

const (
	// maxRegisterRows bounds one import: twenty years of a busy district office. Every row is held
	// in memory between validation and writing, a few hundred bytes each.
	maxRegisterRows = 2_000_000
	// maxSupplements is far above the one supplement request the rules allow (docs/DOMAIN.md §4).
	maxSupplements = 20
	// importReason fills the texts the workflow requires (refusal reason, supplement list, …) and
	// a register does not record; it also tells a reader of the record where the step came from.
	importReason = "Nhập từ sổ theo dõi"
	// importSupplementUnknown is the reason and note of a supplement round a register counts but
	// does not date: the times in the record are placeholders, and the due date was not moved.
	importSupplementUnknown = "Nhập từ sổ theo dõi: sổ không ghi thời điểm yêu cầu và nhận bổ sung; hạn giải quyết giữ nguyên"
	// progressEvery is how often ImportDossiers reports progress.
	progressEvery = 1000
)

// dossierRow is one validated line of a register.
type dossierRow struct {
	line        int
	code        string // normalised; "" when the import mints one
	procedure   string
	applicant   Person // cleaned; the phone in its stored form
	channel     Channel
	status      Status
	received    time.Time
	due         time.Time // zero: computed from the catalog limit, as at the counter
	finished    time.Time // status 8, 9, 10
	returned    time.Time // status 10
	unit        string    // processing unit: the file's, else the procedure's default
	unitGiven   bool
	fee         int64 // collected at reception
	rating      Rating
	supplements int // supplement requests, the pending one of status 5 included
}

// registerLookup is what validating a register needs from the store, as plain data so that the
// parser is tested and fuzzed without a database.
type registerLookup struct {
	now        time.Time                       // times after it are refused: a register records the past
	procedures map[string]string               // procedure code → its default unit code ("" when none)
	units      map[string]bool                 // processing unit codes
	codeExists func(code string) (bool, error) // whether a dossier code is already taken; nil: none is
}

// parseDossierRows reads and validates a whole register. It is all or nothing: the first problem
// stops it and comes back as a *LineError naming the line and the column, so the administrator
// fixes the file before anything is written.
func parseDossierRows(r io.Reader, lk *registerLookup) ([]dossierRow, error) {
	cr := newCSVReader(r)
	idx, err := cr.readHeader(dossierColumns, dossierColumns)
	if err != nil {
		return nil, err
	}
	var rows []dossierRow
	codes := map[string]int{} // code → line, for duplicates within the file
	for {
		row, err := cr.nextRow(idx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(rows) >= maxRegisterRows {
			return nil, row.errorf("", "quá nhiều hồ sơ trong một lần nhập (tối đa %d); hãy chia tệp", maxRegisterRows)
		}
		d, err := parseDossierRow(row, lk)
		if err != nil {
			return nil, err
		}
		if d.code != "" {
			if prev, dup := codes[d.code]; dup {
				return nil, row.errorf("code", "mã hồ sơ %s trùng với dòng %d", d.code, prev)
			}
			codes[d.code] = row.line
			if lk.codeExists != nil {
				taken, err := lk.codeExists(d.code)
				if err != nil {
					return nil, err
				}
				if taken {
					return nil, row.errorf("code", "mã hồ sơ %s đã có trong cơ sở dữ liệu", d.code)
				}
			}
		}
		rows = append(rows, d)
	}
	if len(rows) == 0 {
		return nil, inputError(KeyFile, msgNoDossiers)
	}
	return rows, nil
}

// parseDossierRow checks one line against the rules the workflow would enforce, so that a file
// that validates also writes: the events built from it must be accepted by the same fold as live
// commands.
func parseDossierRow(row csvRow, lk *registerLookup) (dossierRow, error) {
	d := dossierRow{line: row.line}
	// The status first: what the other columns may hold depends on it.
	st, ok := parseAmount(row.get("status"), int64(StatusReturned))
	if !ok || !Status(st).Valid() {
		return d, row.errorf("status", "trạng thái phải là số từ 1 đến 10 (đã ghi %s)", quoteValue(row.get("status")))
	}
	d.status = Status(st)
	notReceived := d.status == StatusSubmitted || d.status == StatusRefused
	if c := row.get("code"); c != "" {
		if notReceived {
			// Only a received dossier has a code (the receipt carries it); an online submission or
			// a refusal has none, and the code would be lost without a word.
			return d, row.errorf("code", "hồ sơ trạng thái %d (%s) chưa được tiếp nhận nên không có mã: để trống cột này", st, d.status)
		}
		d.code = normalizeCode(c)
		if !codePattern.MatchString(d.code) {
			return d, row.errorf("code", "mã hồ sơ không hợp lệ %s (dạng <mã đơn vị>-<yyMMdd>-<NNNN>, ví dụ 000.00.06.H56-260302-0001)", quoteValue(c))
		}
	}
	d.procedure = row.get("procedure_code")
	defaultUnit, ok := lk.procedures[d.procedure]
	switch {
	case d.procedure == "":
		return d, row.errorf("procedure_code", "không được để trống")
	case !ok:
		return d, row.errorf("procedure_code", "không có thủ tục mã %s trong danh mục (hãy nhập danh mục trước)", quoteValue(d.procedure))
	}
	if err := parseApplicant(row, &d.applicant); err != nil {
		return d, err
	}
	ch, ok := parseAmount(row.get("channel"), int64(ChannelPost))
	if !ok || !Channel(ch).Valid() {
		return d, row.errorf("channel", "kênh phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính) (đã ghi %s)", quoteValue(row.get("channel")))
	}
	d.channel = Channel(ch)
	if d.status == StatusSubmitted && d.channel != ChannelOnline {
		return d, row.errorf("channel", "hồ sơ trạng thái 1 (mới đăng ký) là hồ sơ nộp trực tuyến: kênh phải là 2")
	}
	if err := parseRegisterTimes(row, lk.now, &d); err != nil {
		return d, err
	}
	if u := row.get("unit"); u != "" {
		if !lk.units[u] {
			return d, row.errorf("unit", "không có đơn vị xử lý mã %s", quoteValue(u))
		}
		d.unit, d.unitGiven = u, true
	} else {
		d.unit = defaultUnit
	}
	if d.unit == "" && !notReceived && d.status != StatusReceived {
		return d, row.errorf("unit", "thủ tục %s chưa có đơn vị xử lý mặc định: hãy ghi mã đơn vị đã xử lý hồ sơ", d.procedure)
	}
	if v := row.get("fee"); v != "" {
		if d.fee, ok = parseAmount(v, maxAmount); !ok {
			return d, row.errorf("fee", "số tiền không hợp lệ %s: ghi số đồng, chỉ gồm chữ số (ví dụ 50000)", quoteValue(v))
		}
		if d.fee > 0 && notReceived {
			return d, row.errorf("fee", "hồ sơ chưa được tiếp nhận thì chưa thu phí, lệ phí")
		}
	}
	var err error
	if d.rating, err = ParseRating(strings.ToLower(row.get("rating"))); err != nil {
		return d, row.errorf("rating", "%v", err)
	}
	if d.rating != RatingNone && d.status != StatusReturned {
		return d, row.errorf("rating", "chỉ ghi đánh giá khi hồ sơ đã trả kết quả (trạng thái 10)")
	}
	if v := row.get("supplements"); v != "" {
		n, ok := parseAmount(v, maxSupplements)
		if !ok {
			return d, row.errorf("supplements", "số lần bổ sung phải là số từ 0 đến %d (đã ghi %s)", maxSupplements, quoteValue(v))
		}
		d.supplements = int(n)
	}
	switch {
	case d.supplements > 0 && notReceived:
		return d, row.errorf("supplements", "hồ sơ chưa được tiếp nhận thì không có yêu cầu bổ sung: để trống hoặc ghi 0")
	case d.supplements == 0 && d.status == StatusSupplement:
		return d, row.errorf("supplements", "hồ sơ trạng thái 5 (yêu cầu bổ sung) phải có ít nhất 1 lần bổ sung")
	}
	return d, nil
}

// parseApplicant reads the applicant the way the counter stores one (normalizePerson): text
// cleaned, the ID number without spaces, the phone as digits.
func parseApplicant(row csvRow, p *Person) error {
	var err error
	p.Type = ApplicantCitizen
	if p.Name, err = row.text("applicant_name", maxName, true); err != nil {
		return err
	}
	p.IDNo = strings.ToUpper(strings.ReplaceAll(vntext.Clean(row.get("applicant_id")), " ", ""))
	if err := vntext.CheckCitizenID(p.IDNo); err != nil {
		return row.errorf("applicant_id", "%v", err)
	}
	if p.Phone, err = vntext.CheckPhone(row.get("phone")); err != nil {
		return row.errorf("phone", "%v", err)
	}
	p.Address, err = row.text("address", 500, false)
	return err
}

// parseRegisterTimes reads the four times and checks which the status needs and their order:
// received ≤ finished ≤ returned, and the due date not before reception.
func parseRegisterTimes(row csvRow, now time.Time, d *dossierRow) error {
	read := func(col string, past bool) (time.Time, error) {
		v := row.get(col)
		if v == "" {
			return time.Time{}, nil
		}
		t, err := vntext.ParseDateTime(v, vntext.Zone())
		if err != nil {
			return t, row.errorf(col, "%v", err)
		}
		// The same range of times as every event (the hub would refuse the dossier for good); a
		// due date may lie ahead, but not before the range.
		if err := ValidEventTime(t, now); err != nil && (past || t.Before(minEventTime)) {
			msg := err.Error()
			if ie := (*InputError)(nil); errors.As(err, &ie) {
				msg = ie.Msg // the column names the field
			}
			return t, row.errorf(col, "%s", msg)
		}
		if past && t.After(now) {
			return t, row.errorf(col, "thời điểm %s chưa tới: sổ theo dõi chỉ ghi việc đã xảy ra", vntext.DateTime(t))
		}
		return t, nil
	}
	var err error
	if d.received, err = read("received_at", true); err != nil {
		return err
	}
	if d.received.IsZero() {
		return row.errorf("received_at", "không được để trống")
	}
	if d.due, err = read("due_at", false); err != nil { // an open dossier's due date is ahead
		return err
	}
	if d.finished, err = read("finished_at", true); err != nil {
		return err
	}
	if d.returned, err = read("returned_at", true); err != nil {
		return err
	}
	st := d.status
	switch {
	case !d.due.IsZero() && (st == StatusSubmitted || st == StatusRefused):
		return row.errorf("due_at", "hồ sơ chưa được tiếp nhận thì không có hạn giải quyết: để trống cột này")
	case !d.due.IsZero() && d.due.Before(d.received):
		return row.errorf("due_at", "hạn giải quyết %s trước lúc tiếp nhận %s", vntext.DateTime(d.due), vntext.DateTime(d.received))
	case d.finished.IsZero() && (st == StatusStopped || st == StatusProcessed || st == StatusReturned):
		return row.errorf("finished_at", "hồ sơ trạng thái %d (%s) phải có thời điểm kết thúc xử lý", st, st)
	case !d.finished.IsZero() && st != StatusStopped && st != StatusProcessed && st != StatusReturned:
		return row.errorf("finished_at", "chỉ ghi khi trạng thái là 8, 9 hoặc 10 (hồ sơ đang ở trạng thái %d)", st)
	case !d.finished.IsZero() && d.finished.Before(d.received):
		return row.errorf("finished_at", "kết thúc xử lý %s trước lúc tiếp nhận %s", vntext.DateTime(d.finished), vntext.DateTime(d.received))
	case d.returned.IsZero() && st == StatusReturned:
		return row.errorf("returned_at", "hồ sơ trạng thái 10 (đã trả kết quả) phải có thời điểm trả")
	case !d.returned.IsZero() && st != StatusReturned:
		return row.errorf("returned_at", "chỉ ghi khi trạng thái là 10 (hồ sơ đang ở trạng thái %d)", st)
	case !d.returned.IsZero() && d.returned.Before(d.finished):
		return row.errorf("returned_at", "trả kết quả %s trước lúc kết thúc xử lý %s", vntext.DateTime(d.returned), vntext.DateTime(d.finished))
	}
	return nil
}

// ImportDossiers imports a legacy register (sổ theo dõi hồ sơ). Every line is read and validated
// first; then all of them are written in one transaction (Batch), each dossier as the events that
// bring the log to the line's status and times, so that statistics, the control sheet and a
// later rebuild treat imported dossiers like any other. Any error writes nothing and names the
// line. progress, when not nil, is called with the number of dossiers written every 1,000 rows and
// at the end. It returns the number of dossiers imported.
//
// The events of a line, by status (all by actor, at this station):
//   - 1: submitted at received_at; 3: refused at received_at.
//   - otherwise received at received_at (code and due date from the file, or minted and computed as
//     at the counter); unless the status is 2, the transfer to the unit right after reception;
//     then `supplements` rounds of supplement request and receipt spread evenly between reception
//     and the end of processing (or now); then 5: a last supplement request (counted in
//     supplements); 6: a request for the financial obligation; 7: the withdrawal request; 8:
//     stopped at finished_at; 9: processed at finished_at; 10: processed, returned at returned_at
//     and rated.
//
// The transfer comes before the supplement rounds, not after them, because that is when it happens
// in an office: the control sheet then shows the unit holding the dossier from the day it arrived,
// and the rounds as the unit's requests, rather than the dossier waiting at the counter for weeks.
//
// A register counts supplement rounds but does not date them: their steps are placed at even
// intervals only to keep the log in order, they say that their times are unknown, and they never
// move the due date — the file's (the legal one, pauses included) or the one computed at reception.
//
// The transaction holds the database's write lock while it runs: a large register is best imported
// when the counter is closed.
func (s *Store) ImportDossiers(ctx context.Context, actor *User, r io.Reader, progress func(rows int)) (int, error) {
	actor, err := actorTx(ctx, s.db, actor, RoleAdmin) // the table's name goes into the events; Batch checks again
	if err != nil {
		return 0, err
	}
	if _, err := s.Office(); err != nil {
		return 0, err
	}
	lk, closeLookup, err := s.newRegisterLookup(ctx)
	if err != nil {
		return 0, err
	}
	rows, err := parseDossierRows(r, lk)
	closeLookup()
	if err != nil {
		return 0, err
	}
	intakes, err := s.registerIntakes(ctx, rows)
	if err != nil {
		return 0, err
	}
	// Lines with a code are written first: a code minted for an earlier line of the same day must
	// not take the number a later line brings (mintCode skips codes already in the table).
	order := make([]int, 0, len(rows))
	for pass := 0; pass < 2; pass++ {
		for i := range rows {
			if (rows[i].code != "") == (pass == 0) {
				order = append(order, i)
			}
		}
	}
	// The register is the office's history written at this PC: its events carry this PC's station,
	// whatever block the register's codes lie in, so that this PC's sync pushes them and the hub
	// takes them as its own (docs/sync-protocol.md, "Imported history").
	station := s.Station()
	err = s.Batch(ctx, actor, func(b *Batch) error {
		for n, i := range order {
			row := &rows[i]
			in := intakes[intakeKey{row.procedure, row.channel}]
			if err := writeRegisterRow(ctx, b, row, in, actor.Username, station, lk.now); err != nil {
				return &LineError{Line: row.line, Err: err}
			}
			if (n+1)%progressEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if progress != nil {
					progress(n + 1)
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if progress != nil && len(rows)%progressEvery != 0 {
		progress(len(rows))
	}
	return len(rows), nil
}

// newRegisterLookup loads the catalog codes a register is checked against. The returned function
// releases the prepared statement behind codeExists.
func (s *Store) newRegisterLookup(ctx context.Context) (*registerLookup, func(), error) {
	lk := &registerLookup{now: s.Now(), procedures: map[string]string{}, units: map[string]bool{}}
	// Inactive procedures and units count: a register is history, made before they were retired.
	rows, err := s.db.QueryContext(ctx, "SELECT p.code, COALESCE(u.code, '') FROM procedures p LEFT JOIN units u ON u.id = p.unit_id")
	if err != nil {
		return nil, nil, fmt.Errorf("đọc danh mục thủ tục: %w", err)
	}
	for rows.Next() {
		var code, unit string
		if err := rows.Scan(&code, &unit); err != nil {
			rows.Close()
			return nil, nil, err
		}
		lk.procedures[code] = unit
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	units, err := s.Units(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, u := range units {
		lk.units[u.Code] = true
	}
	stmt, err := s.db.PrepareContext(ctx, "SELECT 1 FROM dossiers WHERE code = ?")
	if err != nil {
		return nil, nil, fmt.Errorf("chuẩn bị kiểm tra mã hồ sơ: %w", err)
	}
	lk.codeExists = func(code string) (bool, error) {
		var one int
		err := stmt.QueryRowContext(ctx, code).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("kiểm tra mã hồ sơ: %w", err)
		}
		return true, nil
	}
	return lk, func() { stmt.Close() }, nil
}

type intakeKey struct {
	procedure string
	channel   Channel
}

// registerIntakes builds, before the write transaction opens, one intake per procedure and
// channel found in the register: the catalog is read once per pair rather than once per line, and
// no read waits on the transaction's connection (a bulk store has only one).
func (s *Store) registerIntakes(ctx context.Context, rows []dossierRow) (map[intakeKey]Intake, error) {
	out := map[intakeKey]Intake{}
	for i := range rows {
		k := intakeKey{rows[i].procedure, rows[i].channel}
		if _, ok := out[k]; ok {
			continue
		}
		in, err := s.Intake(ctx, Reception{Procedure: k.procedure, Channel: k.channel})
		if err != nil {
			return nil, &LineError{Line: rows[i].line, Column: "procedure_code", Err: err}
		}
		out[k] = in
	}
	return out, nil
}

// writeRegisterRow appends the events of one register line (see ImportDossiers) to a new dossier.
func writeRegisterRow(ctx context.Context, b *Batch, row *dossierRow, tmpl Intake, actor string, station int, now time.Time) error {
	in := tmpl
	in.Documents = slices.Clone(tmpl.Documents) // the intake is shared by the lines of a procedure
	in.Applicant = row.applicant
	in.Fees = nil // the register's fee replaces the catalog's: it is what was collected
	if row.fee > 0 {
		in.Fees = []Fee{{Name: "Lệ phí", Amount: row.fee}}
	}
	if row.unitGiven {
		in.Unit = row.unit
	}
	var d Dossier
	add := func(at time.Time, p Payload) error {
		// A register may give the same minute for reception and result; the steps between then
		// take a millisecond each (Append), and what follows must not go back before them.
		if at.Before(d.lastAt) {
			at = d.lastAt
		}
		return b.Append(ctx, &d, at, actor, station, p)
	}
	switch row.status {
	case StatusSubmitted:
		return add(row.received, &Submitted{Intake: in})
	case StatusRefused:
		return add(row.received, &Refused{Intake: in, Reason: importReason})
	}
	rec := &Received{Intake: in, Code: row.code}
	if !row.due.IsZero() {
		due := row.due
		rec.Due = &due
	}
	if err := add(row.received, rec); err != nil {
		return err
	}
	if row.status != StatusReceived {
		if err := add(row.received, &Transferred{ToUnit: row.unit}); err != nil {
			return err
		}
	}
	// The steps whose time the register does not give go at even intervals between reception and
	// the end of processing (now, for an open dossier), on whole minutes like the rest of the file;
	// they keep the log in order and count nothing (see ImportDossiers).
	var steps []Payload
	rounds := row.supplements
	if row.status == StatusSupplement {
		rounds-- // the last request is still pending
	}
	for range rounds {
		resumed := &SupplementReceived{Note: importSupplementUnknown}
		if d.HasDue {
			// The register gives how many rounds, not when: a pause between made-up times would
			// move the due date by time nobody recorded. The due date stays as the register gives
			// it (which already includes every pause) or as computed at reception.
			before, after := d.Due, d.Due
			resumed.DueBefore, resumed.DueAfter = &before, &after
		}
		steps = append(steps, supplementRequest(), resumed)
	}
	switch row.status {
	case StatusSupplement:
		steps = append(steps, supplementRequest())
	case StatusObligation:
		steps = append(steps, &ObligationRequested{Description: importReason})
	case StatusWithdrawing:
		steps = append(steps, &WithdrawalRequested{Reason: importReason})
	}
	end := row.finished
	if end.IsZero() {
		end = now
	}
	// Dividing first keeps the product in range for any span ParseDateTime accepts.
	gap := end.Sub(row.received) / time.Duration(len(steps)+1)
	for i, p := range steps {
		if err := add(row.received.Add(gap*time.Duration(i+1)).Truncate(time.Minute), p); err != nil {
			return err
		}
	}
	switch row.status {
	case StatusStopped:
		return add(row.finished, &Stopped{Reason: importReason})
	case StatusProcessed, StatusReturned:
		if err := add(row.finished, &Processed{}); err != nil {
			return err
		}
	}
	if row.status != StatusReturned {
		return nil
	}
	if err := add(row.returned, &Returned{ReceiverName: row.applicant.Name, ReceiverIDNo: row.applicant.IDNo}); err != nil {
		return err
	}
	if row.rating == RatingNone {
		return nil
	}
	rated := &Rated{Rating: row.rating}
	if row.rating == RatingDissatisfied {
		rated.Reason = importReason // required for "không hài lòng"; the register does not say why
	}
	return add(row.returned, rated)
}

func supplementRequest() *SupplementRequested {
	return &SupplementRequested{Items: []DocCount{{Name: "Giấy tờ bổ sung theo sổ theo dõi"}}, Reason: importSupplementUnknown}
}
