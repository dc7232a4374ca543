package app

import (
	"context"
	"image/color"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/reports"
)

// detailScreen is one dossier seen by the logged-in user (docs/HUONG-DAN.md §6): the header, the
// timeline of its events (the control sheet on screen), its documents, fees and people, the
// actions the user's roles allow in its status, and the forms it can print.
//
// Threading: the dossier is read, actions recorded and forms printed as the window's background
// work (screenDeps.work); results come back with fyne.Do. Every successful action reloads the whole screen from the store.
type detailScreen struct {
	deps screenDeps
	id   uuid.UUID
	back func()
	// open writes a printed form to path and shows it; tests capture the PDF instead.
	open   func(path string, write func(io.Writer) error) error
	outDir string // where printed forms are written

	root *fyne.Container

	// header
	code, applicant, procedure, received, unit, due, left, promised *widget.Label
	badge                                                           *canvas.Rectangle
	badgeText                                                       *widget.Label
	problem                                                         *widget.Label // a load or print failure
	rating                                                          *widget.Label // the applicant's rating, once rated
	header                                                          fyne.CanvasObject

	timeline, docs, fees, people *fyne.Container
	actions, prints              *fyne.Container
	tabs                         *container.AppTabs

	// the dossier as last loaded, and what the forms need (UI thread)
	d        *data.Dossier
	evs      []data.Event
	ref      *detailRef
	buttons  map[data.EventType]*widget.Button
	printBtn map[string]*widget.Button
	form     *detailForm // the action form open, if any (tests drive it)
	seq      int         // the latest load; older answers are dropped
	busy     bool        // a print is running
}

// detailRef is what the screen reads once besides the dossier: names for the timeline, the
// units and officers a dossier can go to, the procedure's checklist and how verdicts are judged.
type detailRef struct {
	names    reports.Names
	units    []data.Unit
	users    []data.User
	procDocs []data.ProcedureDoc
	feesBack []data.ProcedureFee // the procedure's fees collected when the result is returned
	mode     data.Mode
}

// newDetailScreen builds the screen and starts loading the dossier (UI thread).
func newDetailScreen(deps screenDeps, id uuid.UUID, back func()) *detailScreen {
	s := &detailScreen{deps: deps, id: id, back: back, open: reports.WriteAndOpen,
		outDir: deps.printFolder("")}
	s.build()
	s.load()
	return s
}

func (s *detailScreen) build() {
	label := func(bold bool) *widget.Label {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	s.code = widget.NewLabelWithStyle(lang.L("Loading…"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.code.SizeName = theme.SizeNameHeadingText
	s.badge = canvas.NewRectangle(color.Transparent)
	s.badge.CornerRadius = 6
	s.badgeText = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	s.applicant, s.procedure, s.received, s.unit = label(true), label(false), label(false), label(false)
	s.due, s.left, s.promised = label(true), label(true), label(false)
	s.problem = label(false)
	s.problem.Importance = widget.DangerImportance
	s.problem.Hide()
	// the rating closes the dossier's story: it sits on the title line, where it is seen first
	s.rating = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.rating.Truncation = fyne.TextTruncateEllipsis

	backBtn := widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), func() {
		if s.back != nil {
			s.back()
		}
	})
	// another station may have moved the dossier on since it was opened
	refresh := widget.NewButtonWithIcon(lang.L("Refresh"), theme.ViewRefreshIcon(), s.load)
	title := container.NewBorder(nil, nil, container.NewHBox(backBtn, s.code,
		container.NewCenter(container.NewStack(s.badge, s.badgeText))), refresh,
		container.NewVBox(layout.NewSpacer(), s.rating, layout.NewSpacer())) // centred in height, cut in width
	pair := func(key string, v fyne.CanvasObject) []fyne.CanvasObject {
		return []fyne.CanvasObject{widget.NewLabelWithStyle(key, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}), v}
	}
	var left, right []fyne.CanvasObject
	left = append(left, pair(lang.L("Applicant"), s.applicant)...)
	left = append(left, pair(lang.L("Procedure"), s.procedure)...)
	left = append(left, pair(lang.L("Received"), s.received)...)
	right = append(right, pair(lang.L("Handled by"), s.unit)...)
	right = append(right, pair(lang.L("Due date"), s.due)...)
	right = append(right, pair(lang.L("Progress against the due date"), container.NewVBox(s.left, s.promised))...)
	facts := container.NewGridWithColumns(2,
		container.New(layout.NewFormLayout(), left...), container.New(layout.NewFormLayout(), right...))
	bg := canvas.NewRectangle(colorHeader)
	bg.CornerRadius = 8
	header := container.NewStack(bg, container.NewPadded(container.NewVBox(title, facts, s.problem)))
	s.header = header

	s.timeline = container.NewVBox()
	s.docs = container.NewVBox()
	s.fees = container.NewVBox()
	s.people = container.NewVBox()
	scroll := func(o fyne.CanvasObject) fyne.CanvasObject { return container.NewVScroll(container.NewPadded(o)) }
	// titles without icons: with them the fourth tab went behind "…" in a 1100-pixel window
	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Timeline"), scroll(s.timeline)),
		container.NewTabItem(lang.L("Documents"), scroll(s.docs)),
		container.NewTabItem(lang.L("Fees and charges"), scroll(s.fees)),
		container.NewTabItem(lang.L("Applicant and representative"), scroll(s.people)),
	)

	s.actions = container.NewVBox()
	s.prints = container.NewVBox()
	heading := func(text string) *widget.Label {
		return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	side := container.NewVScroll(container.NewVBox(
		heading(lang.L("Actions")), s.actions, widget.NewSeparator(),
		heading(lang.L("Print a form")), s.prints))
	sideBox := container.NewBorder(nil, nil, widget.NewSeparator(), nil,
		container.NewStack(strut(250), container.NewPadded(side)))
	s.root = container.NewBorder(container.NewPadded(header), nil, nil, sideBox, s.tabs)
}

// load reads the dossier (and, the first time, what the forms need) and shows it (UI thread).
func (s *detailScreen) load() {
	st := s.deps.store
	if st == nil {
		return
	}
	s.seq++
	seq := s.seq
	ref := s.ref
	work := s.deps.work
	work.spawn(func() {
		d, evs, err := st.DossierByID(work.ctx, s.id)
		if err == nil && ref == nil {
			ref, err = loadDetailRef(work.ctx, st, d)
		}
		if work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			if seq != s.seq {
				return
			}
			if err != nil {
				s.code.SetText(lang.L("Dossier"))
				s.fail(message(errorf("Could not find the dossier", err)))
				return
			}
			s.ref = ref
			s.show(d, evs)
		})
	})
}

// loadDetailRef reads the names, units, officers, procedure checklist and judging mode.
func loadDetailRef(ctx context.Context, st *data.Store, d *data.Dossier) (*detailRef, error) {
	names, err := reports.LoadNames(ctx, st)
	if err != nil {
		return nil, err
	}
	units, err := st.Units(ctx)
	if err != nil {
		return nil, err
	}
	users, err := st.Users(ctx)
	if err != nil {
		return nil, err
	}
	ref := &detailRef{names: names, units: units, users: users, mode: data.ModeTimestamp}
	if p, err := st.Procedure(ctx, d.Procedure); err == nil {
		ref.procDocs = p.Documents
		for _, f := range p.Fees {
			if f.Stage == data.FeeAtReturn {
				ref.feesBack = append(ref.feesBack, f)
			}
		}
	} // a procedure gone from the catalog leaves the supplement form with free lines only
	if v, err := st.Setting(ctx, data.SettingDateMode); err == nil {
		if m, err := data.ParseMode(v); err == nil {
			ref.mode = m
		}
	}
	return ref, nil
}

// fail shows text under the header (empty hides it).
func (s *detailScreen) fail(text string) {
	s.problem.SetText(text)
	if text == "" {
		s.problem.Hide()
	} else {
		s.problem.Show()
	}
}

// show fills every part of the screen from d and its log (UI thread).
func (s *detailScreen) show(d *data.Dossier, evs []data.Event) {
	s.d, s.evs = d, evs
	s.fail("")
	s.showHeader(d)
	s.showTimeline(d, evs)
	s.showDocuments(d)
	s.showFees(d)
	s.showPeople(d)
	s.showActions(d)
	s.showPrints(d, evs)
	// a longer status line wraps: the header grows, which only a new layout of the screen shows
	s.root.Refresh()
}

// showHeader fills the header card.
func (s *detailScreen) showHeader(d *data.Dossier) {
	code := d.Code
	if code == "" {
		code = lang.L("No code (not received)")
	}
	s.code.SetText(code)
	s.badgeText.SetText(statusName(d.Status))
	s.badge.FillColor = statusColor(d.Status)
	s.badge.Refresh()
	s.applicant.SetText(d.Applicant.Name)
	s.procedure.SetText(d.Procedure + " — " + d.ProcedureName)
	switch {
	case !d.ReceivedAt.IsZero():
		s.received.SetText(lang.L("{{.Time}} by {{.Name}}", map[string]any{
			"Time": when(d.ReceivedAt), "Name": actorName(s.ref.names, d.ReceivedBy)}))
	case !d.SubmittedAt.IsZero():
		s.received.SetText(lang.L("Submitted online {{.Time}}", map[string]any{"Time": when(d.SubmittedAt)}))
	default:
		s.received.SetText("—")
	}
	who := s.ref.names.Unit(d.Unit)
	if d.Handler != "" {
		who += " — " + s.ref.names.User(d.Handler)
	}
	s.unit.SetText(who)
	if d.HasDue {
		s.due.SetText(when(d.Due))
	} else {
		s.due.SetText(lang.L("No time limit"))
	}
	text, imp := timeLeft(s.deps.store, d, s.deps.now(), s.ref.mode)
	s.left.SetText(text)
	s.left.Importance = imp
	s.left.Refresh()
	s.showRating(d)
	if d.Apologies > 0 && !d.ApologyDue.IsZero() {
		s.promised.SetText(lang.L("New date promised in the apology: {{.Time}}", map[string]any{"Time": when(d.ApologyDue)}))
		s.promised.Show()
	} else {
		s.promised.SetText("")
		s.promised.Hide()
	}
}

// showRating puts the applicant's rating on the title line once rated, with the reason of a
// dissatisfied one, in red: it is what a leader looks for first.
func (s *detailScreen) showRating(d *data.Dossier) {
	if d.Rating == data.RatingNone {
		s.rating.SetText("")
		return
	}
	text := lang.L("Satisfaction") + ": " + ratingName(d.Rating)
	s.rating.Importance = widget.MediumImportance
	if d.Rating == data.RatingDissatisfied {
		s.rating.Importance = widget.DangerImportance
		if d.RatingReason != "" {
			text += " — " + d.RatingReason
		}
	}
	s.rating.SetText(text)
}

// when writes an event time as dd/mm/yyyy HH:MM in the office's zone.
func when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vntext.Zone()).Format("02/01/2006 15:04")
}

// statusColor is the badge colour of a status: blue while handled, amber while waiting for the
// applicant, green when done, grey when closed without a result.
func statusColor(st data.Status) color.Color {
	switch st {
	case data.StatusSupplement, data.StatusObligation, data.StatusWithdrawing:
		return color.NRGBA{R: 0xFF, G: 0xD5, B: 0x80, A: 0xFF}
	case data.StatusProcessed, data.StatusReturned:
		return color.NRGBA{R: 0xB9, G: 0xE4, B: 0xC0, A: 0xFF}
	case data.StatusRefused, data.StatusStopped:
		return color.NRGBA{R: 0xDD, G: 0xDD, B: 0xDD, A: 0xFF}
	}
	return color.NRGBA{R: 0xC5, G: 0xDB, B: 0xF5, A: 0xFF}
}
