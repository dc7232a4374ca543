package data

import (
	"context"
	"database/sql"
	"path/filepath"

	"motcua/data/vntext"
)

// Settings the administration screen writes beyond those of office.go.
const (
	SettingReceiptLayout = "receipt_layout" // "a4" or "a5"
	SettingBackupDir     = "backup_dir"     // folder of the automatic daily backup; "" is none
	// SettingPrintDir is the folder of printed forms, reports and exports; "" is the folder
	// "phieu-in" of the data folder (docs/HUONG-DAN.md §8).
	SettingPrintDir = "print_dir"
)

// settingChoices are the values a setting with a fixed set of choices may take.
var settingChoices = map[string]struct {
	key    Key
	values []string
}{
	SettingDateMode:      {KeySettingDateMode, []string{"timestamp", "date"}},
	SettingLanguage:      {KeySettingLanguage, []string{"vi", "en"}},
	SettingFormSet:       {KeySettingFormSet, []string{"", "2025", "2018"}},
	SettingReceiptLayout: {KeySettingReceiptPaper, []string{"", "a4", "a5"}},
}

// checkSetting refuses a value a reader of the setting would not understand. value is clean.
func checkSetting(key, value string) error {
	if err := checkText(KeySetting, value, maxText, false); err != nil {
		return err
	}
	if c, ok := settingChoices[key]; ok {
		for _, v := range c.values {
			if v == value {
				return nil
			}
		}
		return inputError(c.key, msgBadSetting, value)
	}
	if key == SettingBackupDir && value != "" && !filepath.IsAbs(value) {
		return inputError(KeySettingBackupDir, msgBackupDirAbs)
	}
	if key == SettingPrintDir && value != "" && !filepath.IsAbs(value) {
		return inputError(KeySettingPrintDir, msgPrintDirAbs)
	}
	return nil
}

// UpdateOfficeSettings changes the office record and settings together (administrators only):
// everything is checked first and written in one transaction, so a bad value changes nothing.
func (s *Store) UpdateOfficeSettings(ctx context.Context, actor *User, o Office, settings map[string]string) error {
	cur, err := s.Office()
	if err != nil {
		return err
	}
	o.Code = cur.Code // the code is the identity of every dossier already minted: never changed here
	o.normalize()
	if err := o.validate(); err != nil {
		return err
	}
	clean := make(map[string]string, len(settings))
	for k, v := range settings {
		v = vntext.CleanMultiline(v)
		if err := checkSetting(k, v); err != nil {
			return err
		}
		clean[k] = v
	}
	err = s.withActorTx(ctx, actor, RoleAdmin, func(tx *sql.Tx) error {
		if err := insertOffice(ctx, tx, o); err != nil {
			return err
		}
		for k, v := range clean {
			if err := putSetting(ctx, tx, k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.reload(ctx)
}
