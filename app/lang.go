package app

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// Translations: the keys are English source strings, as in Fyne itself. translations/vi.json and
// en.json hold the shared strings (including the Fyne strings our screens show: OK, Cancel,
// Error…); a screen may keep its own strings in translations/<screen>/vi.json and en.json. All
// files of a language are merged into one table (a key given twice must have one text).
//
//go:embed translations
var translations embed.FS

var (
	langMu     sync.Mutex
	uiLanguage = "vi" // the language setLanguage chose last: "vi" or "en"
)

// currentLanguage is the language the interface speaks, "vi" or "en": the store's messages
// (data.InputError.Message) are rendered in it.
func currentLanguage() string {
	langMu.Lock()
	defer langMu.Unlock()
	return uiLanguage
}

// setLanguage makes the UI speak code ("en" for English, anything else Vietnamese). Call it on
// the UI thread (or before the UI exists): Fyne's localizer is a plain global.
//
// How Fyne picks a language (fyne v2.8.1, lang/lang.go): every AddTranslations* call re-runs the
// matcher over the OS locales against the languages that have translations, falling back to
// "en" (Fyne's first language and the go-i18n bundle's default); a key missing in the matched
// language is looked up in "en", then the key itself is shown. Fyne ships no Vietnamese, so on
// an en-US (or fr, de…) system the matcher picks "en" or that language. To make Vietnamese the
// default whatever the OS says, the chosen file is registered under "vi", under "en" and under
// the OS language, overriding the English strings Fyne has for those.
func setLanguage(code string) {
	langMu.Lock()
	defer langMu.Unlock()
	name := "vi.json"
	if code == "en" {
		name = "en.json"
	}
	table, err := translationTable(name)
	if err != nil {
		fyne.LogError("loading translations", err)
		return
	}
	content, err := json.Marshal(table)
	if err != nil {
		fyne.LogError("loading translations", err)
		return
	}
	locales := []fyne.Locale{"vi", "en"}
	if sys := fyne.Locale(lang.SystemLocale().LanguageString()); sys != "" && sys != "vi" && sys != "en" {
		locales = append(locales, sys)
	}
	for _, l := range locales {
		if err := lang.AddTranslationsForLocale(content, l); err != nil {
			fyne.LogError("loading translations for "+l.String(), err)
		}
	}
	uiLanguage = "vi"
	if code == "en" {
		uiLanguage = "en"
	}
}

// translationFiles are the files of one language (name is "vi.json" or "en.json"): the shared
// file first, then the screens' files in name order.
func translationFiles(name string) ([]string, error) {
	files := []string{path.Join("translations", name)}
	more, err := fs.Glob(translations, path.Join("translations", "*", name))
	if err != nil {
		return nil, err
	}
	return append(files, more...), nil
}

// translationTable merges the files of one language into one table.
func translationTable(name string) (map[string]any, error) {
	files, err := translationFiles(name)
	if err != nil {
		return nil, err
	}
	table := map[string]any{}
	from := map[string]string{}
	for _, f := range files {
		b, err := translations.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for k, v := range m {
			if old, ok := table[k]; ok && fmt.Sprint(old) != fmt.Sprint(v) {
				return nil, fmt.Errorf("%s and %s translate %q differently", from[k], f, k)
			}
			table[k] = v
			from[k] = f
		}
	}
	return table, nil
}
