package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

// Office is a receiving unit: any level (province, commune, …) since the 2025 reform, identified
// by its agency code.
type Office struct {
	Code          string // mã định danh, e.g. 000.00.06.H56
	Name          string
	Level         string // tinh, huyen, xa
	ParentCode    string
	GoverningBody string
	Place         string
	Hours         calendar.Hours
}

var (
	officeCodePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9.]{0,39}$`)
	levels            = map[string]string{"tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "xa": "Cấp xã"}
)

// LevelName is the Vietnamese name of an office level.
func LevelName(level string) string { return levels[level] }

func (o *Office) normalize() {
	o.Code = strings.ToUpper(strings.TrimSpace(o.Code))
	o.Name = vntext.Clean(o.Name)
	o.Level = strings.TrimSpace(o.Level)
	o.ParentCode = strings.ToUpper(strings.TrimSpace(o.ParentCode))
	o.GoverningBody = vntext.Clean(o.GoverningBody)
	o.Place = vntext.Clean(o.Place)
}

func (o *Office) validate() error {
	if !officeCodePattern.MatchString(o.Code) {
		return inputError(KeyOfficeCode, msgOfficeCode)
	}
	if _, ok := levels[o.Level]; !ok {
		return inputError(KeyOfficeLevel, msgOfficeLevel)
	}
	if o.ParentCode != "" && !officeCodePattern.MatchString(o.ParentCode) {
		return inputError(KeyOfficeParent, msgInvalid)
	}
	for _, f := range []struct {
		key Key
		v   string
	}{{KeyOfficeName, o.Name}, {KeyOfficeGoverning, o.GoverningBody}, {KeyOfficePlace, o.Place}} {
		if err := checkText(f.key, f.v, MaxOfficeText, f.key == KeyOfficeName); err != nil {
			return err
		}
	}
	return keyedError(KeyOfficeHours, o.Hours.Validate())
}

// FormatHours writes working hours as "07:00-11:30,13:30-17:00,15:00" (the last is the cut-off
// after which same-day procedures are due the next working day).
func FormatHours(h calendar.Hours) string {
	c := func(m calendar.Clock) string { return fmt.Sprintf("%02d:%02d", int(m)/60, int(m)%60) }
	return c(h.Open) + "-" + c(h.LunchStart) + "," + c(h.LunchEnd) + "-" + c(h.Close) + "," + c(h.Cutoff)
}

// ParseHours reads the FormatHours form.
func ParseHours(s string) (calendar.Hours, error) {
	var h calendar.Hours
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '-' })
	if len(parts) != 5 {
		return h, inputError(KeyHours, msgHoursFormat)
	}
	var clocks [5]calendar.Clock
	for i, p := range parts {
		hh, mm, ok := strings.Cut(strings.TrimSpace(p), ":")
		hv, err1 := strconv.Atoi(hh)
		mv, err2 := strconv.Atoi(mm)
		if !ok || err1 != nil || err2 != nil || hv < 0 || hv > 23 || mv < 0 || mv > 59 {
			return h, inputError(KeyHours, msgBadClock, p)
		}
		clocks[i] = calendar.Clock(hv*60 + mv)
	}
	h = calendar.Hours{Open: clocks[0], LunchStart: clocks[1], LunchEnd: clocks[2], Close: clocks[3], Cutoff: clocks[4]}
	return h, h.Validate()
}

// Setup makes a fresh database the station of an office and creates its first administrator.
// It refuses a database that is already set up.
func (s *Store) Setup(ctx context.Context, o Office, station int, admin NewUser) error {
	o.normalize()
	if o.Hours == (calendar.Hours{}) {
		o.Hours = calendar.DefaultHours()
	}
	if err := o.validate(); err != nil {
		return err
	}
	if station < 0 || station > 9 {
		return inputError(KeyStation, msgStationRange)
	}
	admin.Roles |= RoleAdmin
	days, err := OfficialCalendar()
	if err != nil {
		return err
	}
	err = s.WithTx(ctx, func(tx *sql.Tx) error {
		if err := startOffice(ctx, tx, o, days); err != nil {
			return err
		}
		if err := setMeta(ctx, tx, "station", strconv.Itoa(station)); err != nil {
			return err
		}
		_, err := s.createUser(ctx, tx, systemName, admin)
		return err
	})
	if err != nil {
		return err
	}
	return s.reload(ctx)
}

// startOffice makes the empty database of tx office o's: it refuses a database already set up,
// writes the office and starts its calendar from the official days (the administrator edits it
// from there).
func startOffice(ctx context.Context, tx *sql.Tx, o Office, days []calendar.Day) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM offices").Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return inputError(KeyOffice, msgAlreadySetUp)
	}
	if err := insertOffice(ctx, tx, o); err != nil {
		return err
	}
	if err := setMeta(ctx, tx, "office", o.Code); err != nil {
		return err
	}
	for _, d := range days {
		if err := putDay(ctx, tx, d, "Lịch nghỉ chính thức (kèm phần mềm)"); err != nil {
			return err
		}
	}
	return nil
}

func insertOffice(ctx context.Context, tx *sql.Tx, o Office) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO offices(code, name, level, parent_code, governing_body, place, hours)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code,
			governing_body = excluded.governing_body, place = excluded.place, hours = excluded.hours`,
		o.Code, o.Name, o.Level, o.ParentCode, o.GoverningBody, o.Place, FormatHours(o.Hours))
	if err != nil {
		return fmt.Errorf("ghi thông tin văn phòng: %w", err)
	}
	return nil
}

// UpdateOffice changes the office's names, place and working hours (administrators only).
func (s *Store) UpdateOffice(ctx context.Context, actor *User, o Office) error {
	cur, err := s.Office()
	if err != nil {
		return err
	}
	o.Code = cur.Code // the code is the identity of every dossier already minted: never changed here
	o.normalize()
	if err := o.validate(); err != nil {
		return err
	}
	if err := s.withActorTx(ctx, actor, RoleAdmin, func(tx *sql.Tx) error { return insertOffice(ctx, tx, o) }); err != nil {
		return err
	}
	return s.reload(ctx)
}

// Office returns the office this database belongs to, or ErrNotSetUp.
func (s *Store) Office() (Office, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.office == nil {
		return Office{}, ErrNotSetUp
	}
	return *s.office, nil
}

// Station is this PC's station number (0–9), which fixes its block of dossier numbers.
func (s *Store) Station() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.station
}

// Calendar is the office's working calendar (official days merged with computed holidays).
func (s *Store) Calendar() *calendar.Calendar {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cal
}

// reload refreshes the cached office, station, calendar and catalog ids after a change.
func (s *Store) reload(ctx context.Context) error {
	var o Office
	var hours string
	code, err := s.Meta(ctx, "office")
	if err != nil {
		return err
	}
	haveOffice := false
	if code != "" {
		err = s.db.QueryRowContext(ctx, `SELECT code, name, level, parent_code, governing_body, place, hours
			FROM offices WHERE code = ?`, code).Scan(&o.Code, &o.Name, &o.Level, &o.ParentCode, &o.GoverningBody, &o.Place, &hours)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("đọc thông tin văn phòng: %w", err)
		}
		haveOffice = err == nil
	}
	if haveOffice {
		if o.Hours, err = ParseHours(hours); err != nil {
			return err
		}
	} else {
		o.Hours = calendar.DefaultHours()
	}
	station := 0
	if v, err := s.Meta(ctx, "station"); err != nil {
		return err
	} else if v != "" {
		station, _ = strconv.Atoi(v)
	}
	days, err := s.calendarDays(ctx)
	if err != nil {
		return err
	}
	ids, err := s.loadCatalogIDs(ctx)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if haveOffice {
		s.office = &o
	} else {
		s.office = nil
	}
	s.station = station
	s.cal = calendar.New(s.loc, o.Hours, days)
	s.ids = ids
	return nil
}

// Settings every form and report reads; kept as key/value so new ones need no migration.
const (
	SettingDateMode     = "date_mode"      // "timestamp" (national dashboard) or "date" (provincial systems)
	SettingFormSet      = "form_set"       // legal form set in force for new dossiers, e.g. "2025"
	SettingLookupURL    = "lookup_url"     // look-up page printed as a QR code on receipts
	SettingLanguage     = "language"       // "vi" or "en"
	SettingSigner       = "signer_name"    // who signs forms for the office
	SettingSignerTitle  = "signer_title"   // their title
	SettingCitationPref = "citation_form_" // + form number: the legal citation line of that form
)

// Setting reads an office setting ("" when unset).
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("đọc cài đặt: %w", err)
	}
	return v, nil
}

// SetSetting stores an office setting (administrators only).
func (s *Store) SetSetting(ctx context.Context, actor *User, key, value string) error {
	value = vntext.CleanMultiline(value)
	if err := checkSetting(key, value); err != nil {
		return err
	}
	return s.withActorTx(ctx, actor, RoleAdmin, func(tx *sql.Tx) error { return putSetting(ctx, tx, key, value) })
}

func putSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return err
}
