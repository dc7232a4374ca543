package app

import (
	"embed"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// Translations: the keys are English source strings, as in Fyne itself; vi.json and en.json hold
// every key, including the Fyne strings our screens show (OK, Cancel, Error…).
//
//go:embed translations/*.json
var translations embed.FS

var langMu sync.Mutex

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
	if err := lang.AddTranslationsFS(translations, "translations"); err != nil {
		fyne.LogError("loading translations", err)
	}
	file := "translations/vi.json"
	if code == "en" {
		file = "translations/en.json"
	}
	content, err := translations.ReadFile(file)
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
}
