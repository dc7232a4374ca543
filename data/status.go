package data

import "fmt"

// Status is the national portal's TrangThaiHoSo code (docs/DOMAIN.md §4).
type Status int

// The portal's status codes; the numbers go over the wire and into exports, so they never change.
const (
	StatusNone        Status = 0  // no event yet: the dossier does not exist
	StatusSubmitted   Status = 1  // Mới đăng ký (online, not yet accepted)
	StatusReceived    Status = 2  // Được tiếp nhận
	StatusRefused     Status = 3  // Không được tiếp nhận (terminal)
	StatusProcessing  Status = 4  // Đang xử lý
	StatusSupplement  Status = 5  // Yêu cầu bổ sung (clock paused)
	StatusObligation  Status = 6  // Yêu cầu thực hiện nghĩa vụ tài chính (clock paused)
	StatusWithdrawing Status = 7  // Công dân yêu cầu rút hồ sơ
	StatusStopped     Status = 8  // Dừng xử lý (terminal)
	StatusProcessed   Status = 9  // Đã xử lý xong
	StatusReturned    Status = 10 // Đã trả kết quả (terminal)
)

// statusNames are the portal's names of the statuses, and the English the app shows for them.
var statusNames = [...]text{
	StatusNone:        {"Chưa có", "None yet"},
	StatusSubmitted:   {"Mới đăng ký", "Newly submitted"},
	StatusReceived:    {"Được tiếp nhận", "Received, not yet transferred"},
	StatusRefused:     {"Không được tiếp nhận", "Not accepted"},
	StatusProcessing:  {"Đang xử lý", "In processing"},
	StatusSupplement:  {"Yêu cầu bổ sung", "Waiting for a supplement"},
	StatusObligation:  {"Yêu cầu thực hiện nghĩa vụ tài chính", "Waiting for the financial obligation"},
	StatusWithdrawing: {"Công dân yêu cầu rút hồ sơ", "Withdrawal requested by the applicant"},
	StatusStopped:     {"Dừng xử lý", "Processing stopped"},
	StatusProcessed:   {"Đã xử lý xong", "Processed: result ready"},
	StatusReturned:    {"Đã trả kết quả", "Result returned"},
}

// Valid reports whether s is one of the portal's codes 1–10.
func (s Status) Valid() bool { return s >= StatusSubmitted && s <= StatusReturned }

// String is the Vietnamese name used on screens and forms.
func (s Status) String() string { return s.name().VI }

// name is the name in each language, for messages.
func (s Status) name() text {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return text{VI: fmt.Sprintf("Trạng thái %d", int(s)), EN: fmt.Sprintf("Status %d", int(s))}
}

// Terminal statuses accept no further workflow event (notes excepted).
func (s Status) Terminal() bool {
	return s == StatusRefused || s == StatusStopped || s == StatusReturned
}

// Open reports whether the dossier is still being handled: received and not yet finished.
func (s Status) Open() bool {
	switch s {
	case StatusReceived, StatusProcessing, StatusSupplement, StatusObligation, StatusWithdrawing:
		return true
	}
	return false
}

// Channel is the portal's KenhThucHien.
type Channel int

// Channels of submission.
const (
	ChannelDirect Channel = 1 // trực tiếp
	ChannelOnline Channel = 2 // trực tuyến
	ChannelPost   Channel = 3 // bưu chính
)

// Valid reports whether c is 1–3.
func (c Channel) Valid() bool { return c >= ChannelDirect && c <= ChannelPost }

func (c Channel) String() string {
	switch c {
	case ChannelDirect:
		return "Trực tiếp"
	case ChannelOnline:
		return "Trực tuyến"
	case ChannelPost:
		return "Bưu chính"
	}
	return fmt.Sprintf("Kênh %d", int(c))
}

// ApplicantType is the portal's LoaiDoiTuong.
type ApplicantType int

// Applicant types.
const (
	ApplicantCitizen  ApplicantType = 1
	ApplicantBusiness ApplicantType = 2
	ApplicantAgency   ApplicantType = 3
	ApplicantOther    ApplicantType = 4
)

// Valid reports whether t is 1–4.
func (t ApplicantType) Valid() bool { return t >= ApplicantCitizen && t <= ApplicantOther }

func (t ApplicantType) String() string {
	switch t {
	case ApplicantCitizen:
		return "Công dân"
	case ApplicantBusiness:
		return "Doanh nghiệp"
	case ApplicantAgency:
		return "Cơ quan nhà nước"
	case ApplicantOther:
		return "Tổ chức khác"
	}
	return fmt.Sprintf("Đối tượng %d", int(t))
}

// Delivery is how the result goes back to the applicant.
type Delivery string

// Result deliveries.
const (
	DeliveryCounter Delivery = "quay" // at the counter
	DeliveryPost    Delivery = "buu_chinh"
)

// Valid reports whether d is a known delivery.
func (d Delivery) Valid() bool { return d == DeliveryCounter || d == DeliveryPost }

// Rating is the applicant's satisfaction at result return (docs/DOMAIN.md §8).
type Rating int

// Ratings; 0 means not rated.
const (
	RatingNone          Rating = 0
	RatingVerySatisfied Rating = 1 // Rất hài lòng
	RatingSatisfied     Rating = 2 // Hài lòng
	RatingDissatisfied  Rating = 3 // Không hài lòng
)

// Valid reports whether r is one of the three levels.
func (r Rating) Valid() bool { return r >= RatingVerySatisfied && r <= RatingDissatisfied }

// Key is the stable ASCII name used in CSV files.
func (r Rating) Key() string {
	switch r {
	case RatingVerySatisfied:
		return "rat_hai_long"
	case RatingSatisfied:
		return "hai_long"
	case RatingDissatisfied:
		return "khong_hai_long"
	}
	return ""
}

// ParseRating reads a CSV key; "" is RatingNone.
func ParseRating(s string) (Rating, error) {
	switch s {
	case "":
		return RatingNone, nil
	case "rat_hai_long":
		return RatingVerySatisfied, nil
	case "hai_long":
		return RatingSatisfied, nil
	case "khong_hai_long":
		return RatingDissatisfied, nil
	}
	return 0, fmt.Errorf("mức đánh giá không hợp lệ %q (rat_hai_long, hai_long hoặc khong_hai_long)", s)
}

func (r Rating) String() string {
	switch r {
	case RatingVerySatisfied:
		return "Rất hài lòng"
	case RatingSatisfied:
		return "Hài lòng"
	case RatingDissatisfied:
		return "Không hài lòng"
	}
	return "Chưa đánh giá"
}
