package app

import (
	"fyne.io/fyne/v2/lang"

	"motcua/data"
)

// The data package names statuses, ratings, channels and applicant types in Vietnamese for the
// printed forms; on screen they follow the chosen language.

func statusName(s data.Status) string {
	switch s {
	case data.StatusSubmitted:
		return lang.L("Newly submitted")
	case data.StatusReceived:
		return lang.L("Received, not yet transferred")
	case data.StatusRefused:
		return lang.L("Not accepted")
	case data.StatusProcessing:
		return lang.L("In processing")
	case data.StatusSupplement:
		return lang.L("Waiting for a supplement")
	case data.StatusObligation:
		return lang.L("Waiting for the financial obligation")
	case data.StatusWithdrawing:
		return lang.L("Withdrawal requested by the applicant")
	case data.StatusStopped:
		return lang.L("Processing stopped")
	case data.StatusProcessed:
		return lang.L("Processed: result ready")
	case data.StatusReturned:
		return lang.L("Result returned")
	}
	return s.String()
}

func ratingName(r data.Rating) string {
	switch r {
	case data.RatingVerySatisfied:
		return lang.L("Very satisfied")
	case data.RatingSatisfied:
		return lang.L("Satisfied")
	case data.RatingDissatisfied:
		return lang.L("Not satisfied")
	}
	return lang.L("Not rated")
}

func channelName(c data.Channel) string {
	switch c {
	case data.ChannelDirect:
		return lang.L("In person")
	case data.ChannelOnline:
		return lang.L("Online")
	case data.ChannelPost:
		return lang.L("By post")
	}
	return c.String()
}

func applicantTypeName(t data.ApplicantType) string {
	switch t {
	case data.ApplicantCitizen:
		return lang.L("Citizen")
	case data.ApplicantBusiness:
		return lang.L("Business")
	case data.ApplicantAgency:
		return lang.L("Agency or organisation")
	case data.ApplicantOther:
		return lang.L("Other applicant")
	}
	return t.String()
}
