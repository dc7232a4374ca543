package demo

import (
	"bytes"
	"context"
	"fmt"

	"motcua/data"
)

// The demo office: a commune-level one-stop office in Thanh Hóa.
var office = data.Office{
	Code:          "000.00.31.H56",
	Name:          "Bộ phận Một cửa UBND xã Đông Tiến",
	Level:         "xa",
	GoverningBody: "UBND XÃ ĐÔNG TIẾN",
	Place:         "Đông Tiến",
}

const (
	adminPassword = "admin123"
	staffPassword = "demo1234"
)

// staff is an official of the demo office, with the workstation their events are recorded on.
type staff struct {
	user    data.NewUser
	station int
}

var (
	admin = data.NewUser{Username: "admin", FullName: "Nguyễn Văn Hải", Title: "Quản trị hệ thống", Roles: data.RoleAdmin, Password: adminPassword}

	receptionists = []staff{
		{data.NewUser{Username: "tiepnhan1", FullName: "Nguyễn Thị Thu Hà", Title: "Công chức Bộ phận Một cửa", Roles: data.RoleReception}, 1},
		{data.NewUser{Username: "tiepnhan2", FullName: "Lê Thị Hồng Nhung", Title: "Công chức Bộ phận Một cửa", Roles: data.RoleReception}, 2},
		{data.NewUser{Username: "tiepnhan3", FullName: "Trần Văn Đức", Title: "Công chức Bộ phận Một cửa", Roles: data.RoleReception}, 3},
	}

	officers = []staff{
		{data.NewUser{Username: "tuphap1", FullName: "Phạm Thị Lan Anh", Title: "Công chức Tư pháp - Hộ tịch", Unit: "TPHT", Roles: data.RoleOfficer}, 4},
		{data.NewUser{Username: "tuphap2", FullName: "Hoàng Văn Dũng", Title: "Công chức Tư pháp - Hộ tịch", Unit: "TPHT", Roles: data.RoleOfficer}, 5},
		{data.NewUser{Username: "diachinh1", FullName: "Lê Đình Toàn", Title: "Công chức Địa chính - Xây dựng", Unit: "DCXD", Roles: data.RoleOfficer}, 6},
		{data.NewUser{Username: "diachinh2", FullName: "Đỗ Văn Thắng", Title: "Công chức Địa chính - Xây dựng", Unit: "DCXD", Roles: data.RoleOfficer}, 6},
		{data.NewUser{Username: "vanhoa1", FullName: "Bùi Thị Hương", Title: "Công chức Văn hóa - Xã hội", Unit: "VHXH", Roles: data.RoleOfficer}, 7},
		{data.NewUser{Username: "vanphong1", FullName: "Đặng Thị Minh Trang", Title: "Công chức Văn phòng - Thống kê", Unit: "VPTK", Roles: data.RoleOfficer}, 8},
		{data.NewUser{Username: "kinhte1", FullName: "Vũ Minh Tuấn", Title: "Công chức Kinh tế", Unit: "KT", Roles: data.RoleOfficer}, 9},
		{data.NewUser{Username: "congan1", FullName: "Trịnh Văn Hùng", Title: "Cán bộ Công an xã", Unit: "CAX", Roles: data.RoleOfficer}, 0},
		{data.NewUser{Username: "chuyenvientinh", FullName: "Lê Thị Mai", Title: "Chuyên viên Trung tâm Phục vụ hành chính công tỉnh", Unit: "TTPVHCC", Roles: data.RoleOfficer}, 0},
	}

	leaders = []staff{
		{data.NewUser{Username: "lanhdao1", FullName: "Lê Văn Bình", Title: "Chủ tịch UBND xã", Unit: "VPTK", Roles: data.RoleLeader}, 0},
		{data.NewUser{Username: "lanhdao2", FullName: "Nguyễn Hữu Thành", Title: "Phó Chủ tịch UBND xã", Unit: "VPTK", Roles: data.RoleLeader}, 0},
	}
)

// setUp writes everything but the dossiers: office, calendar, units, catalog, users, settings.
func setUp(ctx context.Context, s *data.Store) error {
	if err := s.Setup(ctx, office, 0, admin); err != nil {
		return fmt.Errorf("thiết lập văn phòng: %w", err)
	}
	// Setup has seeded the official calendar the program ships with.
	for _, u := range units {
		if err := s.PutUnit(ctx, data.System, u); err != nil {
			return fmt.Errorf("đơn vị %s: %w", u.Code, err)
		}
	}
	procs, err := data.ParseCatalogCSV(bytes.NewReader(data.OfficialCatalogCSV()))
	if err != nil {
		return fmt.Errorf("danh mục thủ tục: %w", err)
	}
	for i := range procs {
		procs[i].Unit = unitFor(&procs[i])
		for j := range procs[i].Fees {
			procs[i].Fees[j].Name = feeName(procs[i].FieldName)
		}
	}
	if err := s.PutProcedures(ctx, data.System, procs); err != nil {
		return fmt.Errorf("danh mục thủ tục: %w", err)
	}
	for _, group := range [][]staff{receptionists, officers, leaders} {
		for _, st := range group {
			u := st.user
			u.Password = staffPassword
			if _, err := s.CreateUser(ctx, data.System, u); err != nil {
				return fmt.Errorf("người dùng %s: %w", u.Username, err)
			}
		}
	}
	for k, v := range map[string]string{
		data.SettingSigner:      leaders[0].user.FullName,
		data.SettingSignerTitle: "CHỦ TỊCH",
		data.SettingFormSet:     "2025",
		data.SettingDateMode:    "timestamp",
	} {
		if err := s.SetSetting(ctx, data.System, k, v); err != nil {
			return fmt.Errorf("cài đặt %s: %w", k, err)
		}
	}
	return nil
}
