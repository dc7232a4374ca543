package app

import (
	"encoding/pem"
	"os"

	"fyne.io/fyne/v2/lang"
)

// chooseCA asks for the hub's CA certificate file and hands its text and path to set; a file that
// is not a PEM certificate is reported and set is not called. The Sync screen and the enrolment
// form choose it the same way; a file that cannot be read is shown by showError (UI thread).
func chooseCA(files *fileChoosers, showError func(error), set func(pemText, file string)) {
	files.pickFile(lang.L("Choose the server's CA certificate"), []string{".pem", ".crt", ".cer"}, func(path string) {
		pemText, err := readCA(path)
		if err != nil {
			showError(err)
			return
		}
		set(pemText, path)
	})
}

// readCA reads a CA certificate file and checks that it holds a PEM certificate. The file is a
// few kilobytes on a local disk: read on the UI thread like the file chooser's listing.
func readCA(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", errorf("Could not read the certificate", err)
	}
	if blk, _ := pem.Decode(b); blk == nil || blk.Type != "CERTIFICATE" {
		return "", errorf("Could not read the certificate", textError("The file holds no PEM certificate."))
	}
	return string(b), nil
}
