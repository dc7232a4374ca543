package vntext

// The messages of the checks here, each in Vietnamese and English (the shape of data's table,
// errors_texts.go); the code each is returned with is next to its use.
var (
	msgIDDigits    = Text{"số CCCD chỉ gồm chữ số (có ký tự %q)", "an ID number has digits only (it has %q)"}
	msgIDLength    = Text{"số CCCD phải có 12 chữ số, hoặc CMND cũ 9 chữ số (đã nhập %d)", "a CCCD has 12 digits, an old CMND 9 (%d typed)"}
	msgIDProvince  = Text{"số CCCD không đúng: 3 chữ số đầu %q không phải mã tỉnh nào", "the CCCD is wrong: its first 3 digits %q are not a province code"}
	msgIDBirthYear = Text{"số CCCD không đúng: chữ số 4–6 %q cho năm sinh %d, chưa tới", "the CCCD is wrong: its digits 4–6 %q give the birth year %d, which has not come yet"}

	msgPhoneDigits   = Text{"số điện thoại chỉ gồm chữ số (có ký tự %q)", "a phone number has digits only (it has %q)"}
	msgPhoneForeign  = Text{"chỉ nhận số điện thoại Việt Nam (+84)", "only Vietnamese phone numbers (+84) are accepted"}
	msgPhoneStart    = Text{"số điện thoại phải bắt đầu bằng 0 hoặc +84", "a phone number starts with 0 or +84"}
	msgMobileLength  = Text{"số di động phải có 10 chữ số (đã nhập %d)", "a mobile number has 10 digits (%d typed)"}
	msgLandLength    = Text{"số máy bàn phải có 10 hoặc 11 chữ số (đã nhập %d)", "a landline number has 10 or 11 digits (%d typed)"}
	msgPhonePrefix   = Text{"đầu số %q không phải số điện thoại Việt Nam", "%q does not begin a Vietnamese phone number"}
	msgEmailTooLong  = Text{"email quá dài (tối đa %d ký tự)", "the email is too long (at most %d characters)"}
	msgEmailNoAt     = Text{"email thiếu dấu @", "the email has no @"}
	msgEmailInvalid  = Text{"email không hợp lệ %q", "the email %q is not valid"}
	msgEmailDomain   = Text{"tên miền email không hợp lệ %q", "the email's domain %q is not valid"}
	msgTooLong       = Text{"%q quá dài (tối đa %d ký tự)", "%q is too long (at most %d characters)"}
	msgNameCharacter = Text{"họ tên không được có ký tự %q", "a name cannot have the character %q"}

	msgDateTimeTooLong = Text{"ngày giờ quá dài, nhập dạng dd/mm/yyyy HH:MM", "the date and time are too long, type dd/mm/yyyy HH:MM"}
	msgDateTooLong     = Text{"ngày quá dài, nhập dạng dd/mm/yyyy", "the date is too long, type dd/mm/yyyy"}
	msgNoDate          = Text{"chưa nhập ngày", "no date typed"}
	msgDateOnly        = Text{"chỉ nhập ngày, không kèm giờ %q", "type a date only, without a time %q"}
	msgDateUnreadable  = Text{"không hiểu ngày %q, nhập dạng %s", "cannot read the date %q, type %s"}
	msgYearRange       = Text{"năm phải từ %d đến %d (đã nhập %d)", "the year must be from %d to %d (%d typed)"}
	msgBadMonth        = Text{"tháng không hợp lệ %q", "the month %q is not valid"}
	msgBadDay          = Text{"ngày không hợp lệ %q", "the day %q is not valid"}
	msgClockUnreadable = Text{"không hiểu giờ %q, nhập dạng HH:MM", "cannot read the time %q, type HH:MM"}
	msgBadClock        = Text{"giờ không hợp lệ %q", "the time %q is not valid"}
	msgDateForms       = Text{"dd/mm/yyyy hoặc yyyy-mm-dd", "dd/mm/yyyy or yyyy-mm-dd"}
	msgDateTimeForms   = Text{"dd/mm/yyyy HH:MM hoặc yyyy-mm-dd HH:MM", "dd/mm/yyyy HH:MM or yyyy-mm-dd HH:MM"}
)
