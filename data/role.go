package data

import "strings"

// Roles is a set of roles; one official often holds several in a small commune office.
type Roles uint8

// The four roles of docs/DOMAIN.md §1.
const (
	RoleReception Roles = 1 << iota // tiếp nhận và trả kết quả
	RoleOfficer                     // chuyên viên xử lý
	RoleLeader                      // lãnh đạo duyệt, ký
	RoleAdmin                       // quản trị: danh mục, lịch, người dùng, sao lưu
)

// AllRoles is every role; only the built-in system actor and tests hold it.
const AllRoles = RoleReception | RoleOfficer | RoleLeader | RoleAdmin

var roleKeys = []struct {
	r    Roles
	key  string
	name string
}{
	{RoleReception, "tiep_nhan", "Tiếp nhận"},
	{RoleOfficer, "xu_ly", "Chuyên viên xử lý"},
	{RoleLeader, "lanh_dao", "Lãnh đạo"},
	{RoleAdmin, "quan_tri", "Quản trị"},
}

// Has reports whether any role of want is held.
func (r Roles) Has(want Roles) bool { return r&want != 0 }

// Valid reports whether r holds at least one role and nothing unknown.
func (r Roles) Valid() bool { return r != 0 && r&^AllRoles == 0 }

// Keys is the comma-separated ASCII form used in CSV and on the command line.
func (r Roles) Keys() string {
	var out []string
	for _, k := range roleKeys {
		if r.Has(k.r) {
			out = append(out, k.key)
		}
	}
	return strings.Join(out, ",")
}

// String lists the Vietnamese role names.
func (r Roles) String() string {
	var out []string
	for _, k := range roleKeys {
		if r.Has(k.r) {
			out = append(out, k.name)
		}
	}
	return strings.Join(out, ", ")
}

// ParseRoles reads the Keys form.
func ParseRoles(s string) (Roles, error) {
	var r Roles
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		found := false
		for _, k := range roleKeys {
			if k.key == part {
				r |= k.r
				found = true
			}
		}
		if !found {
			return 0, inputError(KeyRoles, msgBadRole, part)
		}
	}
	if r == 0 {
		return 0, inputError(KeyRoles, msgNoRole)
	}
	return r, nil
}
