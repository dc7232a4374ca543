package data

// The messages of the store's refusals of input (InputError), each in Vietnamese and English: one
// place per message, so that the language of the interface is a matter of choosing the column.
// Arguments are the same in both; one that is itself a text (a step's verb, a status) is rendered
// in the message's language. vntext's checks have their own table of the same shape
// (vntext/message_texts.go), as vntext cannot import this package.
var (
	// the fixed errors (Error) and their cases
	msgNotFound      = text{"không tìm thấy", "not found"}
	msgForbidden     = text{"không có quyền thực hiện thao tác này", "you are not allowed to do this"}
	msgNotSetUp      = text{"cơ sở dữ liệu chưa được thiết lập văn phòng", "the database has not been set up for an office"}
	msgAccountLocked = text{"tài khoản đang bị khóa tạm thời", "the account is locked for a while"}
	msgBadLogin      = text{"sai tên đăng nhập hoặc mật khẩu", "wrong user name or password"}
	msgInUse         = text{"cơ sở dữ liệu đang được một chương trình khác mở để ghi", "another program has the database open for writing"}
	msgStep          = text{"%s", "%s"} // the step that is forbidden

	// a database another program holds open (LockedError)
	msgLockedBy       = text{"Cơ sở dữ liệu đang được mở bởi %s: hãy đóng chương trình đó rồi thử lại", "The database is open in %s: close that program and try again"}
	msgAnotherProgram = text{"một chương trình khác", "another program"}
	msgOnHost         = text{", trên máy %s", ", on the computer %s"}
	msgSince          = text{", từ %s", ", since %s"}

	// a step that does not fit the dossier's state (TransitionError)
	msgCannotBecause     = text{"không thể %s: %s", "cannot %s: %s"}
	msgCannotInStatus    = text{"không thể %s khi hồ sơ ở trạng thái %q", "cannot %s while the dossier's status is %q"}
	msgTransitionBadType = text{"loại sự kiện không hợp lệ", "the event type is not valid"}
	msgTransitionOther   = text{"sự kiện thuộc hồ sơ khác", "the event belongs to another dossier"}
	msgTransitionNoProc  = text{"thiếu thông tin thủ tục", "the procedure's details are missing"}
	msgTransitionRated   = text{"hồ sơ đã được đánh giá", "the dossier has already been rated"}

	// text fields
	msgRequired = text{"không được để trống", "must not be empty"}
	msgBadChars = text{"chứa ký tự không hợp lệ", "contains characters that are not valid"}
	msgNotClean = text{"chứa ký tự điều khiển hoặc chưa chuẩn hóa Unicode",
		"contains control characters or is not in Unicode normal form"}
	msgTooLong      = text{"%q quá dài (tối đa %d ký tự)", "%q is too long (at most %d characters)"}
	msgInvalid      = text{"không hợp lệ", "is not valid"}
	msgInvalidValue = text{"không hợp lệ %q", "%q is not valid"}
	msgValueInvalid = text{"%q không hợp lệ", "%q is not valid"}

	// the intake of a dossier
	msgBadApplicantType = text{"loại đối tượng không hợp lệ", "the kind of applicant is not valid"}
	msgTooManyLines     = text{"quá nhiều dòng", "too many lines"}
	msgBadCount         = text{"số lượng không hợp lệ", "the number of originals or copies is not valid"}
	msgBadAmount        = text{"số tiền không hợp lệ", "the amount is not valid"}
	msgBadProcCode      = text{"mã thủ tục không hợp lệ", "the procedure code is not valid"}
	msgBadFieldCode     = text{"mã lĩnh vực không hợp lệ", "the field code is not valid"}
	msgBadUnitCode      = text{"mã đơn vị không hợp lệ", "the unit code is not valid"}
	msgBadChannel       = text{"phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính)",
		"must be 1 (in person), 2 (online) or 3 (by post)"}
	msgBadLimitUnit     = text{"đơn vị thời hạn không hợp lệ", "the unit of the time limit is not valid"}
	msgBadLimit         = text{"thời hạn không hợp lệ", "the time limit is not valid"}
	msgUnknownProcedure = text{"chưa chọn thủ tục hoặc mã thủ tục không có trong danh mục",
		"no procedure chosen, or its code is not in the catalogue"}
	msgMissingRequired = text{
		"thiếu giấy tờ bắt buộc (*): %s. Chưa tiếp nhận hồ sơ: hãy in phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ (mẫu 02)",
		"required documents (*) missing: %s. The dossier was not received: print the guidance to complete it (form 02)"}

	// the steps of a dossier
	msgBadCode           = text{"không đúng dạng <mã đơn vị>-<yyMMdd>-<NNNN>", "is not of the form <unit code>-<yyMMdd>-<NNNN>"}
	msgNoSupplementItems = text{"phải liệt kê đầy đủ giấy tờ cần bổ sung", "list every document to supplement"}
	msgBadRating         = text{"phải chọn một trong ba mức", "choose one of the three levels"}
	msgNoReason          = text{"phải ghi lý do khi công dân không hài lòng", "give the reason when the citizen is not satisfied"}
	msgNoSuchUnit        = text{"không có đơn vị mã %q", "there is no unit with the code %q"}
	msgNewDueNotLater    = text{"phải sau hạn giải quyết hiện tại", "must be after the current due date"}
	msgNoPayload         = text{"thiếu nội dung thao tác", "the step has no content"}
	msgUseReception      = text{"hãy dùng chức năng tiếp nhận cho hồ sơ mới", "use reception for a new dossier"}
	msgBadStep           = text{"thao tác không hợp lệ", "the step is not valid"}
	msgStationRange      = text{"phải từ 0 đến 9", "must be from 0 to 9"}
	msgBeforePrevious    = text{"sự kiện %s trước sự kiện trước đó của hồ sơ", "the step “%s” comes before the dossier's previous step"}
	msgTimeTooEarly      = text{"%s trước năm %d: kiểm tra lại ngày (hoặc đồng hồ của máy tính)",
		"%s is before the year %d: check the date (or the computer's clock)"}
	msgTimeAhead = text{"%s chưa tới (đồng hồ máy này chỉ %s): kiểm tra lại ngày (hoặc đồng hồ của máy tính)",
		"%s has not come yet (this computer's clock says %s): check the date (or the computer's clock)"}

	// events from another PC
	msgEventID         = text{"mã sự kiện phải là UUIDv7", "the event id must be a UUIDv7"}
	msgNoDossierID     = text{"thiếu mã hồ sơ", "the dossier id is missing"}
	msgEventStation    = text{"số máy trạm phải từ 0 đến 9", "the station number must be from 0 to 9"}
	msgEventOffice     = text{"mã văn phòng không hợp lệ", "the office code is not valid"}
	msgEventType       = text{"loại sự kiện không hợp lệ %q", "the event type %q is not valid"}
	msgSystemActor     = text{"người thực hiện %q (hệ thống) không ghi loại sự kiện %q", "the officer %q (the system) does not record events of type %q"}
	msgForeignActor    = text{"người thực hiện %q không phải tài khoản của văn phòng", "the officer %q is not an account of the office"}
	msgLockedActor     = text{"người thực hiện %q: tài khoản đã bị khóa lúc ghi sự kiện", "the officer %q: the account was locked when the event was recorded"}
	msgActorNoRight    = text{"người thực hiện %q (%s) không có quyền %s", "the officer %q (%s) may not %s"}
	msgSnapshotOffice  = text{"thông tin của văn phòng %s, không phải %s", "the details are of office %s, not %s"}
	msgAccountIsActive = text{"tài khoản đang hoạt động", "the account is active"}

	// the catalog and the calendar
	msgBadOnlineLevel = text{"phải là toan_trinh, mot_phan hoặc để trống", "must be toan_trinh, mot_phan or empty"}
	msgTooManyItems   = text{"quá nhiều giấy tờ hoặc khoản phí", "too many documents or fees"}
	msgBadFee         = text{"số tiền hoặc thời điểm thu không hợp lệ", "the amount or the time of collection is not valid"}
	msgNoProcedures   = text{"tệp chỉ có dòng tiêu đề, không có thủ tục nào", "the file has only its header line, no procedures"}
	msgNoDossiers     = text{"tệp chỉ có dòng tiêu đề, không có hồ sơ nào", "the file has only its header line, no dossiers"}
	msgNoDays         = text{"tệp không có ngày nào", "the file has no days"}

	// listings and statistics
	msgNoSuchOrder = text{"không có cách sắp xếp %q", "there is no order %q"}
	msgBadCursor   = text{"vị trí trang của danh sách không hợp lệ hoặc thuộc bộ lọc khác; hãy liệt kê lại từ đầu",
		"the position in the list is not valid or belongs to another filter; list again from the start"}
	msgBadMode      = text{"cách so hạn không hợp lệ %q (timestamp hoặc date)", "the way of comparing due dates %q is not valid (timestamp or date)"}
	msgPeriodBack   = text{"ngày kết thúc (%s) trước ngày bắt đầu (%s)", "the end date (%s) is before the start date (%s)"}
	msgBadGrouping  = text{"cách nhóm không hợp lệ %q (unit, field hoặc officer)", "the grouping %q is not valid (unit, field or officer)"}
	msgBadSelection = text{"cách chọn hồ sơ không hợp lệ %q", "the way of choosing dossiers %q is not valid"}

	// users
	msgPasswordShort = text{"phải có ít nhất %d ký tự", "must have at least %d characters"}
	msgPasswordLong  = text{"quá dài (tối đa 72 byte)", "is too long (at most 72 bytes)"}
	msgBadUsername   = text{"2–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch",
		"2–40 characters: lower-case letters without accents, digits, dots, dashes"}
	msgReservedName = text{"%q là tên dành riêng cho hệ thống", "%q is reserved for the system"}
	msgNoRole       = text{"chưa chọn vai trò", "no role chosen"}
	msgBadRole      = text{"vai trò không hợp lệ %q (tiep_nhan, xu_ly, lanh_dao, quan_tri)",
		"the role %q is not valid (tiep_nhan, xu_ly, lanh_dao, quan_tri)"}
	msgUserExists = text{"%q đã có người dùng", "%q is already taken"}
	msgSelfDemote = text{"không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản của mình",
		"you cannot take away your own administrator role or lock your own account"}
	msgLastAdmin = text{"văn phòng phải còn ít nhất một quản trị viên đang hoạt động",
		"the office must keep at least one active administrator"}

	// the office and its settings
	msgOfficeCode = text{"chỉ gồm chữ in hoa, chữ số và dấu chấm, ví dụ 000.00.06.H56",
		"only capital letters, digits and dots, e.g. 000.00.06.H56"}
	msgOfficeLevel  = text{"phải là tinh, huyen hoặc xa", "must be tinh, huyen or xa"}
	msgHoursFormat  = text{"giờ làm việc phải có dạng 07:00-11:30,13:30-17:00,15:00", "working hours are written 07:00-11:30,13:30-17:00,15:00"}
	msgBadClock     = text{"giờ không hợp lệ %q", "the time %q is not valid"}
	msgAlreadySetUp = text{"cơ sở dữ liệu này đã được thiết lập cho một văn phòng", "this database is already set up for an office"}
	msgBadSetting   = text{"giá trị không hợp lệ “%s”", "the value “%s” is not valid"}
	msgBackupDirAbs = text{`phải là đường dẫn đầy đủ, ví dụ D:\SaoLuu`, `must be a full path, e.g. D:\SaoLuu`}
	msgPrintDirAbs  = text{`phải là đường dẫn đầy đủ, ví dụ D:\PhieuIn`, `must be a full path, e.g. D:\PhieuIn`}
)
