package data

import (
	"errors"
	"fmt"
)

// Errors callers test with errors.Is; their text is Vietnamese because it reaches the user.
var (
	ErrNotFound  = errors.New("không tìm thấy")
	ErrForbidden = errors.New("không có quyền thực hiện thao tác này")
	ErrNotSetUp  = errors.New("cơ sở dữ liệu chưa được thiết lập văn phòng")
	ErrLocked    = errors.New("tài khoản đang bị khóa tạm thời")
	ErrBadLogin  = errors.New("sai tên đăng nhập hoặc mật khẩu")
)

// InputError is bad input from a person or a file: shown as is, and nothing was changed.
type InputError struct {
	Field string // the field or column at fault, when known
	Msg   string
}

func (e *InputError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

func inputErrorf(format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

func fieldError(field string, err error) error {
	if err == nil {
		return nil
	}
	return &InputError{Field: field, Msg: err.Error()}
}

// TransitionError says why an event does not fit the dossier's current state.
type TransitionError struct {
	Type   EventType
	Status Status
	Reason string
}

func (e *TransitionError) Error() string {
	if e.Reason != "" {
		return fmt.Sprintf("không thể %s: %s", e.Type.Verb(), e.Reason)
	}
	return fmt.Sprintf("không thể %s khi hồ sơ ở trạng thái %q", e.Type.Verb(), e.Status)
}
