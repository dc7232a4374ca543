package vntext

import (
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// now is the clock CheckCitizenID compares birth years with; tests pin it.
var now = time.Now

// provinceCodes are the first three digits of a CCCD: the province of birth
// registration (Phụ lục 1, Thông tư 07/2016/TT-BCA). The gaps are codes of
// provinces that were merged or never issued.
var provinceCodes = map[string]bool{
	"001": true, "002": true, "004": true, "006": true, "008": true,
	"010": true, "011": true, "012": true, "014": true, "015": true,
	"017": true, "019": true, "020": true, "022": true, "024": true,
	"025": true, "026": true, "027": true, "030": true, "031": true,
	"033": true, "034": true, "035": true, "036": true, "037": true,
	"038": true, "040": true, "042": true, "044": true, "045": true,
	"046": true, "048": true, "049": true, "051": true, "052": true,
	"054": true, "056": true, "058": true, "060": true, "062": true,
	"064": true, "066": true, "067": true, "068": true, "070": true,
	"072": true, "074": true, "075": true, "077": true, "079": true,
	"080": true, "082": true, "083": true, "084": true, "086": true,
	"087": true, "089": true, "091": true, "092": true, "093": true,
	"094": true, "095": true, "096": true,
}

// CheckCitizenID accepts a 12-digit CCCD or an old 9-digit CMND; "" is
// accepted (whether the field is required is the caller's business).
// Surrounding spaces are ignored, spaces inside are not: the number is stored
// as typed, and a stored "001 090..." would never be found by look-up.
//
// A CCCD is checked as far as its structure allows, to catch typos: digits
// 1–3 must be a province code, and digit 4 (century and sex: 0/1 for the
// 1900s, 2/3 for the 2000s, 4/5 for the 2100s, …) with digits 5–6 must give a
// birth year that is not in the future.
func CheckCitizenID(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return newError("citizen_id.digits", msgIDDigits, string(r))
		}
	}
	switch len(s) {
	case 9:
		return nil
	case 12:
	default:
		return newError("citizen_id.length", msgIDLength, len(s))
	}
	if !provinceCodes[s[:3]] {
		return newError("citizen_id.province", msgIDProvince, s[:3])
	}
	century := int(s[3] - '0')
	year := 1900 + 100*(century/2) + int(s[4]-'0')*10 + int(s[5]-'0')
	if year > now().In(Zone()).Year() {
		return newError("citizen_id.birth_year", msgIDBirthYear, s[3:6], year)
	}
	return nil
}

// CheckPhone validates a Vietnamese phone number and returns it in the one
// form that is stored and searched: digits only, starting with 0. It accepts
// +84/84/0084 for the leading 0 and spaces, dots, dashes and parentheses
// between digits. Mobiles have 10 digits (03, 05, 07, 08, 09); landlines start
// with 02 and have 10 or 11. "" is accepted and returned as "".
func CheckPhone(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	digits := make([]byte, 0, len(s))
	for i, r := range s {
		switch {
		case '0' <= r && r <= '9':
			digits = append(digits, byte(r))
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')':
		case r == '+' && i == 0:
		default:
			return "", newError("phone.digits", msgPhoneDigits, string(r))
		}
	}
	n := string(digits)
	international := s[0] == '+'
	switch {
	case strings.HasPrefix(n, "0084"):
		n, international = n[4:], true
	case strings.HasPrefix(n, "84") && (international || len(n) >= 11):
		n, international = n[2:], true
	case international:
		return "", newError("phone.foreign", msgPhoneForeign)
	}
	if international && !strings.HasPrefix(n, "0") {
		// "+84 (0)912…" is common; the 0 must not be doubled.
		n = "0" + n
	}
	if len(n) < 2 || n[0] != '0' {
		return "", newError("phone.start", msgPhoneStart)
	}
	switch n[1] {
	case '3', '5', '7', '8', '9':
		if len(n) != 10 {
			return "", newError("phone.mobile_length", msgMobileLength, len(n))
		}
	case '2':
		if len(n) != 10 && len(n) != 11 {
			return "", newError("phone.landline_length", msgLandLength, len(n))
		}
	default:
		return "", newError("phone.prefix", msgPhonePrefix, n[:2])
	}
	return n, nil
}

// MaxEmailLen is the longest address SMTP can carry (RFC 5321 path limit).
const MaxEmailLen = 254

// CheckEmail accepts a plain address (no display name) whose domain has a
// dot: it catches the usual typos without rejecting real addresses. "" is
// accepted.
func CheckEmail(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if len(s) > MaxEmailLen {
		return newError("email.too_long", msgEmailTooLong, MaxEmailLen)
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return newError("email.no_at", msgEmailNoAt)
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return newError("email.invalid", msgEmailInvalid, s)
	}
	domain := s[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") ||
		strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return newError("email.domain", msgEmailDomain, domain)
	}
	return nil
}

// CheckLength reports a field longer than max runes, naming the field by its
// label as the form shows it.
func CheckLength(label, s string, max int) error {
	if utf8.RuneCountInString(s) > max {
		return newError("too_long", msgTooLong, label, max)
	}
	return nil
}

// CheckName rejects a person's name containing digits or symbols, which are
// nearly always a slip into the neighbouring field. Letters of any script,
// combining marks, spaces and the . ' - of foreign names are accepted; ""
// is accepted.
func CheckName(s string) error {
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.IsMark(r), unicode.IsSpace(r):
		case r == '.' || r == '\'' || r == '-' || r == '’':
		default:
			return newError("name.character", msgNameCharacter, string(r))
		}
	}
	return nil
}
