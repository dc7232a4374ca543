package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

// Person is an applicant or an authorised representative.
type Person struct {
	Type    ApplicantType `json:"type,omitempty"`
	Name    string        `json:"name"`
	IDNo    string        `json:"id_no,omitempty"` // CCCD (12 digits) or CMND (9)
	Phone   string        `json:"phone,omitempty"`
	Email   string        `json:"email,omitempty"`
	Address string        `json:"address,omitempty"`
}

// DocCount is one document handed in: N is its number in the procedure's checklist (0 = extra).
type DocCount struct {
	N         int    `json:"n,omitempty"`
	Name      string `json:"name"`
	Originals int    `json:"o,omitempty"`
	Copies    int    `json:"c,omitempty"`
}

// Fee is an amount collected, in VND.
type Fee struct {
	Name   string `json:"name"`
	Amount int64  `json:"amount"`
}

// Intake is what the applicant asks for, filled at the counter or online.
type Intake struct {
	Procedure      string         `json:"proc"` // national code, e.g. 1.001193
	ProcedureName  string         `json:"proc_name"`
	Field          string         `json:"field,omitempty"` // field code
	Unit           string         `json:"unit,omitempty"`  // processing unit code
	Applicant      Person         `json:"applicant"`
	Representative *Person        `json:"rep,omitempty"`
	Channel        Channel        `json:"channel"`
	Delivery       Delivery       `json:"delivery,omitempty"`
	Documents      []DocCount     `json:"docs,omitempty"`
	Sets           int            `json:"sets,omitempty"`
	Fees           []Fee          `json:"fees,omitempty"` // collected at reception
	Summary        string         `json:"summary,omitempty"`
	Limit          calendar.Limit `json:"limit"`
}

// Submitted: an online submission arrived (status 1).
type Submitted struct {
	Intake
	ExternalID string `json:"external_id,omitempty"`
}

// Received: accepted at the counter, receipt issued (status 2). From status 1 the intake may be
// left empty to keep what was submitted.
type Received struct {
	Intake
	Code    string     `json:"code"`
	Due     *time.Time `json:"due,omitempty"`     // nil: the procedure has no due date
	FormSet string     `json:"form_set"`          // legal form set in force, e.g. "2025"
	BookNo  int        `json:"book_no,omitempty"` // number in the tracking book's volume of the year (book.go); 0: none
}

// Refused: not accepted (form 03). At the counter it is the dossier's first event.
type Refused struct {
	Intake
	Reason string `json:"reason"`
}

// Transferred: a hand-over between units, one row of the control sheet.
type Transferred struct {
	FromUnit  string `json:"from_unit,omitempty"`
	ToUnit    string `json:"to_unit"`
	ToHandler string `json:"to_handler,omitempty"` // username of the receiving officer
	Note      string `json:"note,omitempty"`
}

// SupplementRequested: form 02, everything missing listed once; the clock pauses.
type SupplementRequested struct {
	Items  []DocCount `json:"items"`
	Reason string     `json:"reason"`
}

// SupplementReceived: the applicant completed the dossier; the due date moves by the paused
// working time. Both dates are kept so the record shows the change.
type SupplementReceived struct {
	Note      string     `json:"note,omitempty"`
	DueBefore *time.Time `json:"due_before,omitempty"`
	DueAfter  *time.Time `json:"due_after,omitempty"`
}

// ObligationRequested: waiting for the applicant's tax or fee obligation; the clock pauses.
type ObligationRequested struct {
	Description string `json:"description"`
	Amount      int64  `json:"amount,omitempty"`
}

// ObligationMet: obligation fulfilled; the due date moves like after a supplement.
type ObligationMet struct {
	Note      string     `json:"note,omitempty"`
	DueBefore *time.Time `json:"due_before,omitempty"`
	DueAfter  *time.Time `json:"due_after,omitempty"`
}

// WithdrawalRequested: the applicant asked to withdraw (status 7).
type WithdrawalRequested struct {
	Reason string `json:"reason"`
}

// Stopped: processing stopped (2025 form 05), terminal.
type Stopped struct {
	Reason      string `json:"reason"`
	Stage       string `json:"stage,omitempty"`
	Decision    string `json:"decision,omitempty"`
	FeeHandling string `json:"fee_handling,omitempty"`
}

// Processed: the result is ready at the one-stop office (status 9).
type Processed struct {
	ResultNo string `json:"result_no,omitempty"`
	Signer   string `json:"signer,omitempty"`
	SignedOn string `json:"signed_on,omitempty"` // YYYY-MM-DD
	Summary  string `json:"summary,omitempty"`
}

// ApologyIssued: form 04. The dossier still counts late against the legal due date.
type ApologyIssued struct {
	Reason string    `json:"reason"`
	NewDue time.Time `json:"new_due"`
	DocNo  string    `json:"doc_no,omitempty"`
}

// Returned: the result was handed over (status 10).
type Returned struct {
	ReceiverName string   `json:"receiver_name"`
	ReceiverIDNo string   `json:"receiver_id_no,omitempty"`
	Delivery     Delivery `json:"delivery,omitempty"`
	Fees         []Fee    `json:"fees,omitempty"` // collected at return
	Note         string   `json:"note,omitempty"`
}

// Rated: the applicant's satisfaction; a reason is required for "không hài lòng".
type Rated struct {
	Rating Rating `json:"rating"`
	Reason string `json:"reason,omitempty"`
}

// Note: free text on the record, allowed in every status.
type Note struct {
	Text string `json:"text"`
}

// EventType implementations.
func (*Submitted) EventType() EventType           { return EvSubmitted }
func (*Received) EventType() EventType            { return EvReceived }
func (*Refused) EventType() EventType             { return EvRefused }
func (*Transferred) EventType() EventType         { return EvTransferred }
func (*SupplementRequested) EventType() EventType { return EvSupplementRequested }
func (*SupplementReceived) EventType() EventType  { return EvSupplementReceived }
func (*ObligationRequested) EventType() EventType { return EvObligationRequested }
func (*ObligationMet) EventType() EventType       { return EvObligationMet }
func (*WithdrawalRequested) EventType() EventType { return EvWithdrawalRequested }
func (*Stopped) EventType() EventType             { return EvStopped }
func (*Processed) EventType() EventType           { return EvProcessed }
func (*ApologyIssued) EventType() EventType       { return EvApologyIssued }
func (*Returned) EventType() EventType            { return EvReturned }
func (*Rated) EventType() EventType               { return EvRated }
func (*Note) EventType() EventType                { return EvNote }

// Field size limits, in runes. Generous for real text, small enough that a 10 MB paste is refused.
// The exported ones are those a form also applies as the text is typed, so that what the field
// accepts is what the store accepts.
const (
	MaxName    = 200  // a person's name, a signer
	MaxShort   = 100  // a number, a code, a handler
	MaxText    = 2000 // a reason, a note, a summary
	MaxIDNo    = 40   // an identity document number
	MaxAddress = 500  // an address
	// MaxOfficeText is the office's name, governing body and place.
	MaxOfficeText = 300
	// MaxUsername is the longest user name usernamePattern takes.
	MaxUsername = 40

	maxName   = MaxName
	maxShort  = MaxShort
	maxText   = MaxText
	maxItems  = 100
	maxAmount = 1_000_000_000_000 // 1,000 billion VND: above any real fee
)

var (
	codePattern     = regexp.MustCompile(`^[A-Z0-9][A-Z0-9.]{0,39}-[0-9]{6}-[0-9]{4}$`)
	unitCodePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,40}$`)
	procPattern     = regexp.MustCompile(`^[A-Za-z0-9._-]{1,40}$`)
)

func checkText(key Key, s string, max int, required bool) error {
	if required && s == "" {
		return inputError(key, msgRequired)
	}
	if !utf8.ValidString(s) {
		return inputError(key, msgBadChars)
	}
	if s != vntext.Clean(s) && s != vntext.CleanMultiline(s) { // the second only for multi-line text
		return inputError(key, msgNotClean)
	}
	if utf8.RuneCountInString(s) > max {
		// the message names the field too, in its own language (as vntext.CheckLength does)
		return inputError(key, msgTooLong, labelOf(key), max)
	}
	return nil
}

func (p *Person) validate(k personKeys) error {
	if p.Type != 0 && !p.Type.Valid() {
		return inputError(k.kind, msgBadApplicantType)
	}
	if err := checkText(k.name, p.Name, maxName, true); err != nil {
		return err
	}
	if err := keyedError(k.idNumber, vntext.CheckCitizenID(p.IDNo)); err != nil && p.Type <= ApplicantCitizen {
		return err
	}
	if err := checkText(k.idNumber, p.IDNo, MaxIDNo, false); err != nil {
		return err
	}
	if p.Phone != "" {
		if _, err := vntext.CheckPhone(p.Phone); err != nil {
			return keyedError(k.phone, err)
		}
	}
	if err := keyedError(k.email, vntext.CheckEmail(p.Email)); err != nil {
		return err
	}
	return checkText(k.address, p.Address, MaxAddress, false)
}

// validateDocs checks the list of documents key; an error names the item at fault (key[i]).
func validateDocs(key Key, docs []DocCount) error {
	if len(docs) > maxItems {
		return inputError(key, msgTooManyLines)
	}
	for i, d := range docs {
		if err := checkText(key.Item(i), d.Name, 500, d.N == 0); err != nil {
			return err
		}
		if d.N < 0 || d.N > maxItems || d.Originals < 0 || d.Copies < 0 || d.Originals > 999 || d.Copies > 999 {
			return inputError(key.Item(i), msgBadCount)
		}
	}
	return nil
}

// validateFees checks fees; an error names the fee at fault (fees[i].name, fees[i].amount).
func validateFees(fees []Fee) error {
	if len(fees) > maxItems {
		return inputError(KeyFees, msgTooManyLines)
	}
	for i, f := range fees {
		if err := checkText(KeyFees.Item(i).Name(), f.Name, 300, true); err != nil {
			return err
		}
		if f.Amount < 0 || f.Amount > maxAmount {
			return inputError(KeyFees.Item(i).Amount(), msgBadAmount)
		}
	}
	return nil
}

func (in *Intake) validate() error {
	if !procPattern.MatchString(in.Procedure) {
		return inputError(KeyProcedure, msgBadProcCode)
	}
	if err := checkText(KeyProcedureName, in.ProcedureName, 1000, true); err != nil {
		return err
	}
	if in.Field != "" && !unitCodePattern.MatchString(in.Field) {
		return inputError(KeyField, msgBadFieldCode)
	}
	if in.Unit != "" && !unitCodePattern.MatchString(in.Unit) {
		return inputError(KeyUnit, msgBadUnitCode)
	}
	if err := in.Applicant.validate(applicantKeys); err != nil {
		return err
	}
	if in.Representative != nil {
		if err := in.Representative.validate(representativeKeys); err != nil {
			return err
		}
	}
	if !in.Channel.Valid() {
		return inputError(KeyChannel, msgBadChannel)
	}
	if in.Delivery != "" && !in.Delivery.Valid() {
		return inputError(KeyDelivery, msgInvalid)
	}
	if err := validateDocs(KeyDocuments, in.Documents); err != nil {
		return err
	}
	if in.Sets < 0 || in.Sets > 999 {
		return inputError(KeySets, msgInvalid)
	}
	if err := validateFees(in.Fees); err != nil {
		return err
	}
	if err := checkText(KeySummary, in.Summary, maxText, false); err != nil {
		return err
	}
	return validateLimit(in.Limit)
}

func validateLimit(l calendar.Limit) error {
	switch l.Unit {
	case calendar.WorkingDays, calendar.CalendarDays, calendar.WorkingHours, calendar.NoLimit:
	default:
		return inputError(KeyLimit, msgBadLimitUnit)
	}
	if l.Value < 0 || l.Value > 3650 {
		return inputError(KeyLimit, msgBadLimit)
	}
	return nil
}

func (p *Submitted) validate() error {
	if err := checkText(KeyExternalID, p.ExternalID, maxShort, false); err != nil {
		return err
	}
	return p.Intake.validate()
}

func (p *Received) validate() error {
	if !codePattern.MatchString(p.Code) {
		return inputError(KeyCode, msgBadCode)
	}
	if p.Procedure != "" {
		if err := p.Intake.validate(); err != nil {
			return err
		}
	}
	if p.BookNo < 0 || p.BookNo >= 10*bookBlock {
		return inputError(KeyBookNo, msgInvalid)
	}
	return checkText(KeyFormSet, p.FormSet, 20, false)
}

func (p *Refused) validate() error {
	if p.Procedure != "" {
		if err := p.Intake.validate(); err != nil {
			return err
		}
	}
	return checkText(KeyRefusalReason, p.Reason, maxText, true)
}

func (p *Transferred) validate() error {
	if !unitCodePattern.MatchString(p.ToUnit) {
		return inputError(KeyToUnit, msgBadUnitCode)
	}
	if p.FromUnit != "" && !unitCodePattern.MatchString(p.FromUnit) {
		return inputError(KeyFromUnit, msgBadUnitCode)
	}
	if err := checkText(KeyToHandler, p.ToHandler, maxShort, false); err != nil {
		return err
	}
	return checkText(KeyNote, p.Note, maxText, false)
}

func (p *SupplementRequested) validate() error {
	if len(p.Items) == 0 {
		return inputError(KeySupplementItems, msgNoSupplementItems)
	}
	if err := validateDocs(KeySupplementItems, p.Items); err != nil {
		return err
	}
	return checkText(KeySupplementReason, p.Reason, maxText, true)
}

func (p *SupplementReceived) validate() error { return checkText(KeyNote, p.Note, maxText, false) }

func (p *ObligationRequested) validate() error {
	if p.Amount < 0 || p.Amount > maxAmount {
		return inputError(KeyObligationAmount, msgInvalid)
	}
	return checkText(KeyObligation, p.Description, maxText, true)
}

func (p *ObligationMet) validate() error { return checkText(KeyNote, p.Note, maxText, false) }

func (p *WithdrawalRequested) validate() error {
	return checkText(KeyWithdrawalReason, p.Reason, maxText, true)
}

func (p *Stopped) validate() error {
	for _, f := range []struct {
		key Key
		v   string
	}{{KeyStopStage, p.Stage}, {KeyStopDecision, p.Decision}, {KeyStopFees, p.FeeHandling}} {
		if err := checkText(f.key, f.v, maxText, false); err != nil {
			return err
		}
	}
	return checkText(KeyStopReason, p.Reason, maxText, true)
}

func (p *Processed) validate() error {
	if p.SignedOn != "" {
		if _, err := calendar.ParseDate(p.SignedOn); err != nil {
			return keyedError(KeySignedOn, err)
		}
	}
	for _, f := range []struct {
		key Key
		v   string
		max int
	}{{KeyResultNo, p.ResultNo, maxShort}, {KeySigner, p.Signer, maxName}, {KeyResultSummary, p.Summary, maxText}} {
		if err := checkText(f.key, f.v, f.max, false); err != nil {
			return err
		}
	}
	return nil
}

func (p *ApologyIssued) validate() error {
	if p.NewDue.IsZero() {
		return inputError(KeyNewDue, msgRequired)
	}
	if err := checkText(KeyApologyDocNo, p.DocNo, maxShort, false); err != nil {
		return err
	}
	return checkText(KeyApologyReason, p.Reason, maxText, true)
}

func (p *Returned) validate() error {
	if p.Delivery != "" && !p.Delivery.Valid() {
		return inputError(KeyReturnDelivery, msgInvalid)
	}
	if err := checkText(KeyReceiverName, p.ReceiverName, maxName, true); err != nil {
		return err
	}
	if err := keyedError(KeyReceiverIDNumber, vntext.CheckCitizenID(p.ReceiverIDNo)); err != nil {
		return err
	}
	if err := validateFees(p.Fees); err != nil {
		return err
	}
	return checkText(KeyNote, p.Note, maxText, false)
}

func (p *Rated) validate() error {
	if !p.Rating.Valid() {
		return inputError(KeyRating, msgBadRating)
	}
	if p.Rating == RatingDissatisfied && len([]rune(p.Reason)) < 3 {
		return inputError(KeyRatingReason, msgNoReason)
	}
	return checkText(KeyRatingReason, p.Reason, maxText, false)
}

func (p *Note) validate() error { return checkText(KeyNote, p.Text, maxText, true) }

// decodePayloadStrict is the one decoder of payloads (DecodePayload), for events written here and
// events that arrived by sync alike: what one PC reads, every PC reads the same way
// (docs/sync-protocol.md, "What the hub checks"). encoding/json alone is lenient in ways a hostile
// station could use: it turns invalid UTF-8 into U+FFFD (so the raw bytes stored and forwarded
// differ from what was checked), ignores unknown fields (which are stored and forwarded with
// whatever they hold, e.g. a 5,000-deep object), matches names case-insensitively and lets a
// duplicated name win silently. So the raw bytes are checked first, in one pass (scanPayload):
//   - at most maxPayloadBytes, valid UTF-8, no escaped UTF-16 surrogate (which would decode to
//     U+FFFD as well: Go's encoder never writes one);
//   - one JSON object, nesting at most maxPayloadDepth deep;
//   - every name one of the fields of the struct at that place, exactly (case included), written
//     without escapes, and not twice in one object; an object or a list only where the struct
//     has one;
//
// then decoded (the grammar and the types of values are json.Unmarshal's), and validated
// (checkText: lengths, control characters, NFC).
func decodePayloadStrict(t EventType, raw []byte) (Payload, error) {
	p := newPayload(t)
	if p == nil {
		return nil, fmt.Errorf("loại sự kiện không hợp lệ %q", string(t))
	}
	if len(raw) > maxPayloadBytes {
		return nil, fmt.Errorf("nội dung sự kiện quá lớn (%d byte, tối đa %d)", len(raw), maxPayloadBytes)
	}
	if err := scanPayload(payloadShapes[t], raw); err != nil {
		return nil, fmt.Errorf("nội dung sự kiện %s không hợp lệ: %w", t, err)
	}
	if err := json.Unmarshal(raw, p); err != nil {
		return nil, fmt.Errorf("nội dung sự kiện %s không hợp lệ: %w", t, err)
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return p, nil
}

// maxPayloadDepth bounds the nesting of a payload: the deepest real one is an object holding a
// list of objects (a received dossier's documents), depth 3.
const maxPayloadDepth = 4

// shape is what a JSON value of a payload may be: an object with the named fields (fields not
// nil), a list of elem (elem not nil), or a scalar (both nil: a string, number, boolean or null).
type shape struct {
	fields map[string]*shape
	elem   *shape
}

// payloadShapes is the shape of each event type's payload, read from its struct's json tags.
var payloadShapes = func() map[EventType]*shape {
	timeType := reflect.TypeOf(time.Time{})
	var of func(reflect.Type) *shape
	var addFields func(*shape, reflect.Type)
	of = func(rt reflect.Type) *shape {
		for rt.Kind() == reflect.Pointer {
			rt = rt.Elem()
		}
		switch {
		case rt.Kind() == reflect.Slice:
			return &shape{elem: of(rt.Elem())}
		case rt.Kind() == reflect.Struct && rt != timeType:
			sh := &shape{fields: map[string]*shape{}}
			addFields(sh, rt)
			return sh
		}
		return &shape{}
	}
	addFields = func(sh *shape, rt reflect.Type) {
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.Anonymous && name == "" { // embedded (Intake): its fields are the outer object's
				addFields(sh, f.Type)
				continue
			}
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			sh.fields[name] = of(f.Type)
		}
	}
	out := map[EventType]*shape{}
	for _, t := range workflowOrder {
		out[t] = of(reflect.TypeOf(newPayload(t)))
	}
	return out
}()

// scanPayload checks raw's bytes against the shape top, as decodePayloadStrict says; the grammar
// itself is left to the decoder that follows.
func scanPayload(top *shape, raw []byte) error {
	if !utf8.Valid(raw) {
		return errors.New("không phải văn bản UTF-8 hợp lệ")
	}
	type level struct {
		sh    *shape
		field *shape // the shape of the value after the last name read (objects)
		keys  int    // where this object's names start in keys
	}
	var stackBuf [maxPayloadDepth]level
	stack := stackBuf[:0]
	var keyBuf [32][]byte
	keys := keyBuf[:0] // the names of the open objects, to refuse one given twice
	wantKey := false   // the next string of the innermost object is a name
	values := 0
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case '{', '[':
			var sh *shape
			if len(stack) == 0 {
				if values++; values > 1 {
					return errors.New("phải là đúng một đối tượng JSON")
				}
				sh = top
			} else if in := stack[len(stack)-1]; in.sh.fields != nil {
				sh = in.field
			} else {
				sh = in.sh.elem
			}
			if sh == nil || (c == '{') != (sh.fields != nil) || (c == '[') != (sh.elem != nil) {
				return errors.New("sai cấu trúc: đối tượng hoặc danh sách ở chỗ không có")
			}
			if len(stack) == maxPayloadDepth {
				return fmt.Errorf("lồng nhau quá %d cấp", maxPayloadDepth)
			}
			stack = append(stack, level{sh: sh, keys: len(keys)})
			wantKey = c == '{'
		case '}', ']':
			if len(stack) == 0 {
				return errors.New("JSON không cân đối")
			}
			keys = keys[:stack[len(stack)-1].keys]
			stack = stack[:len(stack)-1]
			wantKey = false
		case ',':
			wantKey = len(stack) > 0 && stack[len(stack)-1].sh.fields != nil
		case '"':
			start := i + 1
			escaped := false
			for i++; i < len(raw) && raw[i] != '"'; i++ {
				if raw[i] != '\\' {
					continue
				}
				escaped = true
				i++
				// \uD800–\uDFFF: half of a UTF-16 pair, which the decoder would replace.
				if i+4 < len(raw) && raw[i] == 'u' && raw[i+1]|0x20 == 'd' && strings.IndexByte("89abAB", raw[i+2]) >= 0 {
					return fmt.Errorf("chứa ký tự không hợp lệ (\\u%s)", raw[i+1:i+5])
				}
			}
			if i >= len(raw) {
				return errors.New("chuỗi không kết thúc")
			}
			if len(stack) == 0 {
				return errors.New("phải là đúng một đối tượng JSON")
			}
			if !wantKey {
				continue
			}
			in := &stack[len(stack)-1]
			key := raw[start:i]
			field, ok := in.sh.fields[string(key)]
			if escaped || !ok {
				return fmt.Errorf("trường không hợp lệ %q", key)
			}
			for _, k := range keys[in.keys:] {
				if bytes.Equal(k, key) {
					return fmt.Errorf("trường %q có hai lần", key)
				}
			}
			keys = append(keys, key)
			in.field = field
			wantKey = false
		default:
			if len(stack) == 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				return errors.New("phải là đúng một đối tượng JSON")
			}
		}
	}
	if values != 1 || len(stack) != 0 {
		return errors.New("phải là đúng một đối tượng JSON")
	}
	return nil
}
