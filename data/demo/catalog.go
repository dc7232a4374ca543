package demo

import "motcua/data"

func feeName(field string) string {
	switch field {
	case "Chứng thực":
		return "Phí chứng thực"
	case "Lưu thông hàng hóa trong nước":
		return "Phí thẩm định cấp giấy phép"
	case "Thành lập và hoạt động của doanh nghiệp":
		return "Lệ phí đăng ký doanh nghiệp"
	case "Đường bộ":
		return "Lệ phí cấp đổi giấy phép lái xe"
	}
	return "Lệ phí"
}

// Processing units of a commune after the 2025 reform, plus the provincial centre that handles
// the provincial procedures received here.
var units = []data.Unit{
	{Code: "TPHT", Name: "Công chức Tư pháp - Hộ tịch", Active: true},
	{Code: "DCXD", Name: "Công chức Địa chính - Xây dựng", Active: true},
	{Code: "VHXH", Name: "Công chức Văn hóa - Xã hội", Active: true},
	{Code: "VPTK", Name: "Văn phòng - Thống kê", Active: true},
	{Code: "KT", Name: "Công chức Kinh tế", Active: true},
	{Code: "CAX", Name: "Công an xã Đông Tiến", Active: true},
	{Code: "TTPVHCC", Name: "Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa", Active: true},
}

// unitFor is a procedure's default processing unit, by its field and level.
func unitFor(p *data.Procedure) string {
	if p.Level == "tinh" {
		return "TTPVHCC"
	}
	switch p.FieldName {
	case "Hộ tịch", "Chứng thực":
		return "TPHT"
	case "Đất đai", "Hoạt động xây dựng", "Đăng ký biện pháp bảo đảm", "Môi trường":
		return "DCXD"
	case "Đăng ký, quản lý cư trú":
		return "CAX"
	case "Bảo trợ xã hội", "Người có công", "Giáo dục và Đào tạo", "Văn hóa":
		return "VHXH"
	case "Thành lập và hoạt động của hộ kinh doanh", "Lưu thông hàng hóa trong nước", "Nông nghiệp":
		return "KT"
	}
	return "VPTK"
}

// procedureWeight is how often a commune office receives a procedure in a year, relative to the
// others: certified copies, birth registrations and marital-status certificates dominate; land
// procedures are rare (and long).
var procedureWeight = map[string]float64{
	"2.000815": 30, // chứng thực bản sao
	"1.001193": 14, // khai sinh
	"1.004873": 12, // xác nhận tình trạng hôn nhân
	"2.000884": 6,  // chứng thực chữ ký
	"2.000635": 5,  // bản sao trích lục
	"1.000656": 4,  // khai tử
	"1.000894": 4,  // kết hôn
	"1.004222": 3,  // thường trú
	"1.004194": 2.5,
	"2.001035": 2.5,
	"1.013831": 1.5,
	"1.004859": 1.2,
	"1.001612": 1.2,
	"1.011441": 1.2,
	"1.002755": 0.8,
	"1.010038": 0.8,
	"1.013225": 0.8,
	"1.013978": 0.8,
	"1.012783": 0.8,
	"1.002804": 0.8,
	"1.000689": 0.6,
	"1.004884": 0.6,
	"2.000720": 0.6,
	"1.013833": 0.6,
	"1.012789": 0.6,
	"1.001699": 0.6,
	"1.012784": 0.5,
	"1.013992": 0.4,
	"1.001022": 0.3,
	"1.001570": 0.3,
	"1.001266": 0.3,
	"1.012753": 0.3,
	"1.012786": 0.3,
	"1.012790": 0.3,
	"1.013988": 0.3,
	"1.012785": 0.3,
	"2.000620": 0.3,
	"2.001583": 0.3,
	"1.005461": 0.2,
	"1.004837": 0.2,
	"1.012812": 0.2,
	"2.000181": 0.2,
	"2.001610": 0.15,
	"1.004746": 0.1,
	"2.000528": 0.1,
	"2.000806": 0.1,
	"2.000150": 0.05,
	"2.000648": 0.05,
	"1.010727": 0.05,
	"2.000645": 0.02,
}

// obligationProcedures are the land procedures after which the applicant may owe land-use fees
// or registration tax (status 6).
var obligationProcedures = map[string]bool{
	"1.013978": true, "1.012753": true, "1.013831": true, "1.012784": true, "1.013992": true, "1.012785": true,
}

// businessFields are fields whose applicants are mostly businesses.
var businessFields = map[string]float64{
	"Thành lập và hoạt động của doanh nghiệp": 1,
	"Lưu thông hàng hóa trong nước":           0.7,
	"Môi trường":                              1,
}
