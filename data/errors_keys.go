package data

import "strconv"

// Key names an input the store checks, the same whatever the wording or the language of the
// interface: screens map a refusal to the widget at fault by it (InputError.Key). Keys of a list's
// items carry the item's index in the list the caller passed: "documents[2]", "fees[1].amount".
type Key string

// The keys of the inputs the store checks. Each has its label in labels.
const (
	// the input as a whole (no label: the message says it all)
	KeyFile    Key = "file"    // an imported file
	KeyEvent   Key = "event"   // an event or the step asked for
	KeyOffice  Key = "office"  // the office of a database or a snapshot
	KeyOptions Key = "options" // the options of a listing or a statistic (command-line words)
	KeyRoles   Key = "roles"   // roles written as words (tiep_nhan, xu_ly…)
	KeyHours   Key = "hours"   // working hours written as text

	// a reception or an online submission (the intake of a dossier)
	KeyProcedure              Key = "procedure"
	KeyProcedureName          Key = "procedure.name"
	KeyField                  Key = "field"
	KeyUnit                   Key = "unit"
	KeyApplicant              Key = "applicant"
	KeyApplicantName          Key = "applicant.name"
	KeyApplicantIDNumber      Key = "applicant.id_number"
	KeyApplicantPhone         Key = "applicant.phone"
	KeyApplicantEmail         Key = "applicant.email"
	KeyApplicantAddress       Key = "applicant.address"
	KeyRepresentative         Key = "representative"
	KeyRepresentativeName     Key = "representative.name"
	KeyRepresentativeIDNumber Key = "representative.id_number"
	KeyRepresentativePhone    Key = "representative.phone"
	KeyRepresentativeEmail    Key = "representative.email"
	KeyRepresentativeAddress  Key = "representative.address"
	KeyChannel                Key = "channel"
	KeyDelivery               Key = "delivery"
	KeyDocuments              Key = "documents" // the checklist; a required document missing
	KeySets                   Key = "sets"
	KeyFees                   Key = "fees"
	KeySummary                Key = "summary"
	KeyLimit                  Key = "limit"
	KeyExternalID             Key = "external_id"

	// the steps of a dossier
	KeyCode             Key = "code"
	KeyBookNo           Key = "book_no"
	KeyFormSet          Key = "form_set"
	KeyRefusalReason    Key = "refusal.reason"
	KeyToUnit           Key = "transfer.to_unit"
	KeyFromUnit         Key = "transfer.from_unit"
	KeyToHandler        Key = "transfer.to_handler"
	KeyNote             Key = "note"
	KeySupplementItems  Key = "supplement.items"
	KeySupplementReason Key = "supplement.reason"
	KeyObligationAmount Key = "obligation.amount"
	KeyObligation       Key = "obligation.description"
	KeyWithdrawalReason Key = "withdrawal.reason"
	KeyStopStage        Key = "stop.stage"
	KeyStopDecision     Key = "stop.decision"
	KeyStopFees         Key = "stop.fee_handling"
	KeyStopReason       Key = "stop.reason"
	KeySignedOn         Key = "result.signed_on"
	KeyResultNo         Key = "result.number"
	KeySigner           Key = "result.signer"
	KeyResultSummary    Key = "result.summary"
	KeyNewDue           Key = "apology.new_due"
	KeyApologyDocNo     Key = "apology.doc_no"
	KeyApologyReason    Key = "apology.reason"
	KeyReturnDelivery   Key = "return.delivery"
	KeyReceiverName     Key = "return.receiver_name"
	KeyReceiverIDNumber Key = "return.receiver_id_number"
	KeyRating           Key = "rating"
	KeyRatingReason     Key = "rating.reason"
	KeyEventTime        Key = "event.time"
	KeyEventActor       Key = "event.actor"
	KeyStation          Key = "station"

	// the catalog
	KeyCatalogFieldCode     Key = "catalog.field.code"
	KeyCatalogFieldName     Key = "catalog.field.name"
	KeyCatalogUnitCode      Key = "catalog.unit.code"
	KeyCatalogUnitName      Key = "catalog.unit.name"
	KeyCatalogProcedure     Key = "catalog.procedure"
	KeyCatalogCode          Key = "catalog.procedure.code"
	KeyCatalogName          Key = "catalog.procedure.name"
	KeyCatalogOnlineLevel   Key = "catalog.procedure.online_level"
	KeyCatalogLevel         Key = "catalog.procedure.level"
	KeyCatalogDocuments     Key = "catalog.procedure.documents"
	KeyCatalogFees          Key = "catalog.procedure.fees"
	KeyCatalogAgency        Key = "catalog.procedure.agency"
	KeyCatalogFeeNote       Key = "catalog.procedure.fee_note"
	KeyCatalogSource        Key = "catalog.procedure.source"
	KeyCatalogNote          Key = "catalog.procedure.note"
	KeyCalendarKind         Key = "calendar.kind"
	KeyCalendarLabel        Key = "calendar.label"
	KeyListOrder            Key = "list.order"
	KeyListCursor           Key = "list.cursor"
	KeyUserName             Key = "user.username"
	KeyUserPassword         Key = "user.password"
	KeyUserFullName         Key = "user.full_name"
	KeyUserTitle            Key = "user.title"
	KeyUserRoles            Key = "user.roles"
	KeyUserUnit             Key = "user.unit"
	KeyAccountUpdated       Key = "account.updated"
	KeyAccountInactiveSince Key = "account.inactive_since"

	// the office and its settings
	KeyOfficeCode          Key = "office.code"
	KeyOfficeLevel         Key = "office.level"
	KeyOfficeParent        Key = "office.parent_code"
	KeyOfficeName          Key = "office.name"
	KeyOfficeGoverning     Key = "office.governing_body"
	KeyOfficePlace         Key = "office.place"
	KeyOfficeHours         Key = "office.hours"
	KeySetting             Key = "setting"
	KeySettingDateMode     Key = "setting.date_mode"
	KeySettingLanguage     Key = "setting.language"
	KeySettingFormSet      Key = "setting.form_set"
	KeySettingReceiptPaper Key = "setting.receipt_layout"
	KeySettingBackupDir    Key = "setting.backup_dir"
	KeySettingPrintDir     Key = "setting.print_dir"
)

// Item is the key of the i-th item (from 0) of the list k: KeyDocuments.Item(2) is "documents[2]".
func (k Key) Item(i int) Key { return k + "[" + Key(strconv.Itoa(i)) + "]" }

// Amount is the key of the amount of a fee: KeyFees.Item(1).Amount() is "fees[1].amount".
func (k Key) Amount() Key { return k + ".amount" }

// Name is the key of the name of an item: KeyFees.Item(1).Name() is "fees[1].name".
func (k Key) Name() Key { return k + ".name" }

// personKeys are the keys of the fields of a person (the applicant, the representative).
type personKeys struct{ kind, name, idNumber, phone, email, address Key }

var (
	applicantKeys = personKeys{KeyApplicant, KeyApplicantName, KeyApplicantIDNumber, KeyApplicantPhone,
		KeyApplicantEmail, KeyApplicantAddress}
	representativeKeys = personKeys{KeyRepresentative, KeyRepresentativeName, KeyRepresentativeIDNumber,
		KeyRepresentativePhone, KeyRepresentativeEmail, KeyRepresentativeAddress}
)

// labels are the labels of the keys, as the user reads them before the message (Vietnamese, the
// words the forms use, and English); the key of a list's item has the label of the list. A key
// whose errors name no field has an empty label.
var labels = map[Key]text{
	KeyFile: {}, KeyEvent: {}, KeyOffice: {}, KeyOptions: {}, KeyRoles: {}, KeyHours: {},

	KeyProcedure:              {"Thủ tục", "Procedure"},
	KeyProcedureName:          {"Tên thủ tục", "Name of the procedure"},
	KeyField:                  {"Lĩnh vực", "Field"},
	KeyUnit:                   {"Đơn vị xử lý", "Handling unit"},
	KeyApplicant:              {"người nộp", "Applicant"},
	KeyApplicantName:          {"Họ tên người nộp", "Applicant's name"},
	KeyApplicantIDNumber:      {"Số giấy tờ người nộp", "Applicant's ID number"},
	KeyApplicantPhone:         {"Điện thoại người nộp", "Applicant's phone"},
	KeyApplicantEmail:         {"Email người nộp", "Applicant's email"},
	KeyApplicantAddress:       {"Địa chỉ người nộp", "Applicant's address"},
	KeyRepresentative:         {"người được ủy quyền", "Representative"},
	KeyRepresentativeName:     {"Họ tên người được ủy quyền", "Representative's name"},
	KeyRepresentativeIDNumber: {"Số giấy tờ người được ủy quyền", "Representative's ID number"},
	KeyRepresentativePhone:    {"Điện thoại người được ủy quyền", "Representative's phone"},
	KeyRepresentativeEmail:    {"Email người được ủy quyền", "Representative's email"},
	KeyRepresentativeAddress:  {"Địa chỉ người được ủy quyền", "Representative's address"},
	KeyChannel:                {"Kênh nộp", "Channel"},
	KeyDelivery:               {"Hình thức trả kết quả", "How the result is returned"},
	KeyDocuments:              {"Thành phần hồ sơ", "Documents"},
	KeySets:                   {"Số bộ hồ sơ", "Number of sets"},
	KeyFees:                   {"Phí, lệ phí", "Fees"},
	KeyFees + ".name":         {"Tên phí", "Name of the fee"},
	KeyFees + ".amount":       {"Phí, lệ phí", "Fees"},
	KeySummary:                {"Trích yếu", "Summary"},
	KeyLimit:                  {"Thời hạn", "Time limit"},
	KeyExternalID:             {"Mã hồ sơ trực tuyến", "Online dossier code"},

	KeyCode:             {"Mã hồ sơ", "Dossier code"},
	KeyBookNo:           {"Số thứ tự sổ theo dõi", "Register number"},
	KeyFormSet:          {"Bộ biểu mẫu", "Form set"},
	KeyRefusalReason:    {"Lý do từ chối", "Reason for refusal"},
	KeyToUnit:           {"Đơn vị nhận", "Receiving unit"},
	KeyFromUnit:         {"Đơn vị chuyển", "Sending unit"},
	KeyToHandler:        {"Người nhận", "Receiving officer"},
	KeyNote:             {"Ghi chú", "Note"},
	KeySupplementItems:  {"Nội dung bổ sung", "Documents to supplement"},
	KeySupplementReason: {"Lý do", "Reason"},
	KeyObligationAmount: {"Số tiền", "Amount"},
	KeyObligation:       {"Nghĩa vụ tài chính", "Financial obligation"},
	KeyWithdrawalReason: {"Lý do rút hồ sơ", "Reason for withdrawal"},
	KeyStopStage:        {"Giai đoạn", "Stage"},
	KeyStopDecision:     {"Quyết định", "Decision"},
	KeyStopFees:         {"Xử lý phí", "Handling of fees"},
	KeyStopReason:       {"Lý do dừng", "Reason for stopping"},
	KeySignedOn:         {"Ngày ký", "Date signed"},
	KeyResultNo:         {"Số kết quả", "Number of the result"},
	KeySigner:           {"Người ký", "Signed by"},
	KeyResultSummary:    {"Trích yếu kết quả", "Summary of the result"},
	KeyNewDue:           {"Ngày hẹn mới", "New due date"},
	KeyApologyDocNo:     {"Số văn bản", "Letter number"},
	KeyApologyReason:    {"Lý do chậm", "Reason for the delay"},
	KeyReturnDelivery:   {"Hình thức trả", "How the result was returned"},
	KeyReceiverName:     {"Người nhận kết quả", "Person collecting the result"},
	KeyReceiverIDNumber: {"Số giấy tờ người nhận", "ID number of the person collecting"},
	KeyRating:           {"Đánh giá", "Rating"},
	KeyRatingReason:     {"Lý do", "Reason"},
	KeyEventTime:        {"Thời điểm", "Time"},
	KeyEventActor:       {"Người thực hiện", "Officer"},
	KeyStation:          {"Số máy trạm", "Station number"},

	KeyCatalogFieldCode:        {"Mã lĩnh vực", "Field code"},
	KeyCatalogFieldName:        {"Tên lĩnh vực", "Name of the field"},
	KeyCatalogUnitCode:         {"Mã đơn vị", "Unit code"},
	KeyCatalogUnitName:         {"Tên đơn vị", "Name of the unit"},
	KeyCatalogProcedure:        {"Thủ tục", "Procedure"},
	KeyCatalogCode:             {"Mã thủ tục", "Procedure code"},
	KeyCatalogName:             {"Tên thủ tục", "Name of the procedure"},
	KeyCatalogOnlineLevel:      {"Mức độ trực tuyến", "Online level"},
	KeyCatalogLevel:            {"Cấp thực hiện", "Level of government"},
	KeyCatalogDocuments:        {"Thành phần hồ sơ", "Documents"},
	KeyCatalogFees:             {"Phí, lệ phí", "Fees"},
	KeyCatalogFees + ".name":   {"Tên phí", "Name of the fee"},
	KeyCatalogFees + ".amount": {"Phí, lệ phí", "Fees"},
	KeyCatalogAgency:           {"Cơ quan thực hiện", "Agency"},
	KeyCatalogFeeNote:          {"Ghi chú phí", "Note on the fees"},
	KeyCatalogSource:           {"Nguồn", "Source"},
	KeyCatalogNote:             {"Ghi chú", "Note"},
	KeyCalendarKind:            {"Loại ngày", "Kind of day"},
	KeyCalendarLabel:           {"Tên ngày", "Name of the day"},
	KeyListOrder:               {"Sắp xếp", "Order"},
	KeyListCursor:              {"Trang", "Page"},
	KeyUserName:                {"Tên đăng nhập", "User name"},
	KeyUserPassword:            {"Mật khẩu", "Password"},
	KeyUserFullName:            {"Họ tên", "Full name"},
	KeyUserTitle:               {"Chức danh", "Title"},
	KeyUserRoles:               {"Vai trò", "Roles"},
	KeyUserUnit:                {"Đơn vị", "Unit"},
	KeyAccountUpdated:          {"Thời điểm cập nhật tài khoản", "Time the account was updated"},
	KeyAccountInactiveSince:    {"Thời điểm khóa tài khoản", "Time the account was locked"},

	KeyOfficeCode:          {"Mã đơn vị", "Office code"},
	KeyOfficeLevel:         {"Cấp", "Level"},
	KeyOfficeParent:        {"Mã đơn vị cấp trên", "Code of the parent office"},
	KeyOfficeName:          {"Tên đơn vị", "Name of the office"},
	KeyOfficeGoverning:     {"Cơ quan chủ quản", "Governing body"},
	KeyOfficePlace:         {"Địa danh", "Place"},
	KeyOfficeHours:         {"Giờ làm việc", "Working hours"},
	KeySetting:             {"Cài đặt", "Setting"},
	KeySettingDateMode:     {"Cách so hạn", "How due dates are compared"},
	KeySettingLanguage:     {"Ngôn ngữ", "Language"},
	KeySettingFormSet:      {"Bộ biểu mẫu", "Form set"},
	KeySettingReceiptPaper: {"Khổ giấy hẹn", "Paper size of the receipt"},
	KeySettingBackupDir:    {"Thư mục sao lưu", "Backup folder"},
	KeySettingPrintDir:     {"Thư mục lưu phiếu in và báo cáo", "Folder of printed forms and reports"},
}
