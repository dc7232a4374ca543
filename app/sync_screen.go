package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/sync/station"
)

// sectionSync is the key of the Sync section of the navigation.
const sectionSync = "sync"

// syncListMax is how many quarantined or conflicting events the screen lists; more are counted.
const syncListMax = 200

// syncScreen is the Đồng bộ section: the state of the sync with the provincial hub, "Sync now",
// the events the hub refused and the conflicts of replays, and the hub settings (administrators
// change them; the store enforces it).
type syncScreen struct {
	deps    screenDeps
	sync    syncHost
	shell   *shell // the shell it was built for: a screen of an earlier login is not shown
	st      *data.Store
	user    *data.User
	content fyne.CanvasObject

	state    *widget.Label
	detail   *widget.Label // the last failure in full, for whoever sets the connection up
	clock    *widget.Label
	ahead    *widget.Label // records kept here because their time is after the hub's clock
	lastOK   *widget.Label
	pending  *widget.Label
	now      *widget.Button
	progress *widget.ProgressBarInfinite

	hub       *widget.Entry
	token     *widget.Entry // empty: keep the saved token, which never goes into a widget
	tokenNote *widget.Label
	caNote    *widget.Label
	caPick    *widget.Button
	caClear   *widget.Button
	save      *widget.Button
	saveNote  *widget.Label

	quarantineCard *widget.Card
	quarantine     *fyne.Container
	conflictCard   *widget.Card
	conflicts      *fyne.Container

	saved      data.SyncConfig // as read from the store
	ca         string          // the CA certificate to save (PEM), "" for the system's
	caFile     string          // the file it was just read from, "" when it is the saved one
	wasRunning bool
}

// syncHost is what the Sync screen needs of the window's background sync (sync_loop.go): its
// state, a sync now, a restart with new settings, and which Sync screen the sync reports to.
type syncHost interface {
	syncSnapshot() syncState
	kickSync() bool
	startSync(st *data.Store)
	shownSyncScreen() *syncScreen
}

// syncScreenOf is the Sync screen of u's current shell, nil when not built.
func syncScreenOf(u *ui) *syncScreen {
	if s := u.syncScreen.Load(); s != nil && s.shell == u.shell && u.shell != nil {
		return s
	}
	return nil
}

// shownSyncScreen is syncScreenOf(u): the ui is the Sync screen's syncHost.
func (u *ui) shownSyncScreen() *syncScreen { return syncScreenOf(u) }

func newSyncScreen(deps screenDeps, host syncHost, sh *shell) *syncScreen {
	s := &syncScreen{deps: deps, sync: host, shell: sh, st: deps.store, user: deps.user}
	title := widget.NewLabelWithStyle(lang.L("Sync with the provincial server"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText

	s.state = widget.NewLabel("")
	s.state.Wrapping = fyne.TextWrapWord
	s.detail = caption("")
	s.detail.Hide()
	s.clock = widget.NewLabel("")
	s.clock.Importance = widget.DangerImportance
	s.clock.Wrapping = fyne.TextWrapWord
	s.clock.Hide()
	s.ahead = widget.NewLabel("")
	s.ahead.Importance = widget.DangerImportance
	s.ahead.Wrapping = fyne.TextWrapWord
	s.ahead.Hide()
	s.lastOK = widget.NewLabel("")
	s.pending = widget.NewLabel("")
	s.now = widget.NewButtonWithIcon(lang.L("Sync now"), theme.ViewRefreshIcon(), s.syncNow)
	s.now.Importance = widget.HighImportance
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Stop()
	s.progress.Hide()
	stateBox := container.NewVBox(
		s.state, s.detail, s.clock, s.ahead,
		container.New(layout.NewFormLayout(),
			widget.NewLabelWithStyle(lang.L("Last successful sync"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.lastOK,
			widget.NewLabelWithStyle(lang.L("Records waiting to be sent"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.pending),
		container.NewHBox(s.now),
		s.progress,
	)

	s.hub = widget.NewEntry()
	s.hub.SetPlaceHolder("https://dongbo.example.gov.vn")
	s.token = widget.NewPasswordEntry()
	s.token.SetPlaceHolder(lang.L("Access token (printed by motcua-hub enroll)"))
	s.tokenNote = caption("")
	s.caNote = caption("")
	s.caPick = widget.NewButtonWithIcon(lang.L("Choose a file…"), theme.FolderOpenIcon(), func() { chooseCA(s.deps.files, s.deps.showError, s.setCA) })
	s.caClear = widget.NewButton(lang.L("Use the system's certificates"), func() { s.setCA("", "") })
	s.save = widget.NewButtonWithIcon(lang.L("Save the settings"), theme.DocumentSaveIcon(), s.saveSettings)
	s.saveNote = widget.NewLabel("")
	s.saveNote.Wrapping = fyne.TextWrapWord
	s.saveNote.Hide()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Server address"), s.hub),
		widget.NewFormItem(lang.L("Access token"), container.NewVBox(s.token, s.tokenNote)),
		widget.NewFormItem(lang.L("CA certificate"), container.NewVBox(
			container.NewHBox(s.caPick, s.caClear), s.caNote)),
	)
	settings := container.NewVBox(form, container.NewHBox(layout.NewSpacer(), s.save), s.saveNote)
	if s.user == nil || !s.user.Roles.Has(data.RoleAdmin) {
		for _, w := range []fyne.Disableable{s.hub, s.token, s.caPick, s.caClear, s.save} {
			w.Disable()
		}
		note := caption(lang.L("Only an administrator can change the sync settings."))
		settings.Add(note)
	}

	s.quarantine = container.NewVBox()
	s.quarantineCard = widget.NewCard("", "", s.quarantine)
	s.conflicts = container.NewVBox()
	s.conflictCard = widget.NewCard("", "", s.conflicts)

	left := container.NewVBox(
		widget.NewCard(lang.L("State"), "", stateBox),
		widget.NewCard(lang.L("Server settings"), "", settings),
	)
	right := container.NewVBox(s.quarantineCard, s.conflictCard)
	// the state and the settings at their width, the lists in the rest: two equal columns made
	// the screen wider than a 1366-pixel window
	body := container.NewBorder(nil, nil, left, nil, right)
	s.content = container.NewBorder(container.NewPadded(title), nil, nil, nil, container.NewVScroll(container.NewPadded(body)))
	s.showLists(nil, nil, nil)
	return s
}

// zone is the office's time zone, in which the times of sync are shown (syncZone).
func (s *syncScreen) zone() *time.Location {
	if s.st != nil {
		return s.st.Location()
	}
	return vntext.Zone()
}

// caption is a small wrapped label.
func caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// showState shows the state of the background sync (UI thread); the lists are read again after
// each sync.
func (s *syncScreen) showState(st syncState) {
	text, imp := syncLine(st, s.deps.now(), s.zone())
	s.state.Importance = imp
	s.state.SetText(text)
	if err := st.status.Err; err != nil && st.configured && offline(err) {
		s.detail.SetText(message(err))
		s.detail.Show()
	} else {
		s.detail.Hide()
	}
	if n := clockOff(st); n > 0 {
		s.clock.SetText(lang.L("The clock of this PC is {{.N}} minutes off the server's", map[string]any{"N": n}) + ". " +
			lang.L("Set the clock of this PC: deadlines and statistics depend on the date."))
		s.clock.Show()
	} else {
		s.clock.Hide()
	}
	// the station's own words, as the CLI prints them: the records kept back are not lost
	if note := clockAheadNotice(st); note != "" {
		s.ahead.SetText(note)
		s.ahead.Show()
	} else {
		s.ahead.Hide()
	}
	if st.status.LastOK.IsZero() {
		s.lastOK.SetText(lang.L("Never"))
	} else {
		s.lastOK.SetText(vntext.DateTime(st.status.LastOK.In(s.zone())))
	}
	s.pending.SetText(count(st.pending))
	if st.status.Running {
		s.progress.Show()
		s.progress.Start()
		s.now.Disable()
	} else {
		s.progress.Stop()
		s.progress.Hide()
		s.now.Enable()
	}
	if s.wasRunning && !st.status.Running {
		s.load()
	}
	s.wasRunning = st.status.Running
	s.content.Refresh() // lay out again around the lines shown or hidden
}

// syncNow asks the background loop for a sync at once (UI thread).
func (s *syncScreen) syncNow() {
	if !s.sync.kickSync() {
		s.deps.showMessage(theme.InfoIcon(), lang.L("Sync now"), lang.L("Sync server not configured"))
		return
	}
	s.progress.Show()
	s.progress.Start()
	s.now.Disable()
	s.content.Refresh()
}

// syncLists is what the screen reads from the store.
type syncLists struct {
	cfg        data.SyncConfig
	quarantine []data.Quarantined
	conflicts  []data.Event
	codes      map[uuid.UUID]string // dossier codes of the listed events
}

// load reads the settings, the quarantine and the conflicts in the background.
func (s *syncScreen) load() {
	st, d := s.st, s.deps
	if st == nil {
		return
	}
	d.work.spawn(func() {
		l, err := readSyncLists(d.work.ctx, st)
		if d.work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			if s.sync.shownSyncScreen() != s {
				return
			}
			if err != nil {
				d.showError(errorf("Could not read the sync state", err))
				return
			}
			s.showSettings(l.cfg)
			s.showLists(l.quarantine, l.conflicts, l.codes)
		})
	})
}

func readSyncLists(ctx context.Context, st *data.Store) (*syncLists, error) {
	l := &syncLists{codes: map[uuid.UUID]string{}}
	var err error
	if l.cfg, err = st.SyncConfig(ctx); err != nil {
		return nil, err
	}
	if l.quarantine, err = st.Quarantine(ctx); err != nil {
		return nil, err
	}
	if l.conflicts, err = st.ConflictEvents(ctx); err != nil {
		return nil, err
	}
	var ids []uuid.UUID
	for i := range l.quarantine[:min(len(l.quarantine), syncListMax)] {
		ids = append(ids, l.quarantine[i].Dossier)
	}
	for i := range l.conflicts[:min(len(l.conflicts), syncListMax)] {
		ids = append(ids, l.conflicts[i].Dossier)
	}
	for _, id := range ids {
		if _, ok := l.codes[id]; ok {
			continue
		}
		d, _, err := st.DossierByID(ctx, id)
		switch {
		case err == nil:
			l.codes[id] = d.Code
		case errors.Is(err, data.ErrNotFound):
			l.codes[id] = ""
		default:
			return nil, err
		}
	}
	return l, nil
}

// showSettings fills the settings from the store; what an administrator is typing stays (UI
// thread).
func (s *syncScreen) showSettings(cfg data.SyncConfig) {
	first := s.saved == (data.SyncConfig{}) && s.hub.Text == "" && s.caFile == ""
	s.saved = cfg
	if first {
		s.hub.SetText(cfg.Hub)
		s.ca = cfg.CA
	}
	if cfg.Token != "" {
		s.tokenNote.SetText(lang.L("A token is saved; leave this empty to keep it."))
	} else {
		s.tokenNote.SetText(lang.L("No token saved yet."))
	}
	s.showCA()
}

// showCA says which certificate will be used (UI thread).
func (s *syncScreen) showCA() {
	switch {
	case s.caFile != "":
		s.caNote.SetText(lang.L("From the file {{.Name}} (not saved yet)", map[string]any{"Name": filepath.Base(s.caFile)}))
	case s.ca != "":
		s.caNote.SetText(lang.L("The office's own certificate is saved."))
	default:
		s.caNote.SetText(lang.L("The system's certificates are used."))
	}
}

// setCA chooses the certificate to save: pemText from file, or "" for the system's (UI thread).
func (s *syncScreen) setCA(pemText, file string) {
	s.ca, s.caFile = pemText, file
	s.showCA()
}

// saveSettings saves the hub settings and restarts the sync with them (UI thread). Everything
// typed stays on an error; the store refuses anyone but an administrator.
func (s *syncScreen) saveSettings() {
	cfg := data.SyncConfig{Hub: strings.TrimSpace(vntext.Clean(s.hub.Text)), Token: strings.TrimSpace(s.token.Text), CA: s.ca}
	if cfg.Token == "" {
		cfg.Token = s.saved.Token
	}
	if msg := checkHub(cfg); msg != "" {
		s.say(msg, widget.DangerImportance)
		return
	}
	st, d, user := s.st, s.deps, s.user
	s.save.Disable()
	d.work.spawn(func() {
		err := st.SetSyncConfig(d.work.ctx, user, cfg)
		if d.work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			s.save.Enable()
			if err != nil {
				s.say(message(errorf("Could not save the sync settings", err)), widget.DangerImportance)
				return
			}
			s.saved, s.caFile = cfg, ""
			s.token.SetText("")
			s.showSettings(cfg)
			s.say(lang.L("The sync settings were saved."), widget.SuccessImportance)
			s.sync.startSync(st)
		})
	})
}

// checkHub is what is wrong with the settings typed, "" when nothing (UI thread).
func checkHub(cfg data.SyncConfig) string {
	if cfg.Hub == "" {
		return "" // no hub: this PC works alone
	}
	if station.CheckHub(cfg.Hub, cfg.CA) != nil {
		return lang.L("The server address must start with https://")
	}
	if cfg.Token == "" {
		return lang.L("Enter the access token of this station.")
	}
	return ""
}

// say shows the outcome of saving under the settings, "" hides it (UI thread).
func (s *syncScreen) say(text string, imp widget.Importance) {
	s.saveNote.Importance = imp
	s.saveNote.SetText(text)
	if text == "" {
		s.saveNote.Hide()
	} else {
		s.saveNote.Show()
	}
	s.content.Refresh()
}

// showLists lists the quarantine and the conflicts (UI thread).
func (s *syncScreen) showLists(q []data.Quarantined, c []data.Event, codes map[uuid.UUID]string) {
	s.quarantineCard.SetTitle(lang.L("Refused by the server ({{.N}})", map[string]any{"N": count(len(q))}))
	s.quarantine.RemoveAll()
	if len(q) == 0 {
		s.quarantine.Add(caption(lang.L("The server has refused no record of this PC.")))
	}
	loc := s.zone()
	for i := range q[:min(len(q), syncListMax)] {
		x := q[i]
		what := fmt.Sprintf("%s · %s", x.Type.Verb(), vntext.DateTime(x.At.In(loc)))
		s.quarantine.Add(s.eventRow(codes[x.Dossier], what, x.Reason, x.Dossier))
	}
	if len(q) > syncListMax {
		s.quarantine.Add(caption(lang.L("… and {{.N}} more", map[string]any{"N": count(len(q) - syncListMax)})))
	}

	s.conflictCard.SetTitle(lang.L("Conflicts ({{.N}})", map[string]any{"N": count(len(c))}))
	s.conflicts.RemoveAll()
	if len(c) == 0 {
		s.conflicts.Add(caption(lang.L("No conflict: the records of every station fit together.")))
	} else {
		s.conflicts.Add(caption(lang.L("Records made on two PCs that no longer fit the dossier: kept, not applied. Open the dossier to see what happened.")))
	}
	for i := range c[:min(len(c), syncListMax)] {
		e := c[i]
		what := fmt.Sprintf("%s · %s · %s", e.Type.Verb(), e.Actor, vntext.DateTime(e.At.In(loc)))
		s.conflicts.Add(s.eventRow(codes[e.Dossier], what, e.Conflict, e.Dossier))
	}
	if len(c) > syncListMax {
		s.conflicts.Add(caption(lang.L("… and {{.N}} more", map[string]any{"N": count(len(c) - syncListMax)})))
	}
	s.content.Refresh()
}

// eventRow is one listed event: its dossier's code ("" when the dossier is not here), what and
// when, the reason, and a button opening the dossier.
func (s *syncScreen) eventRow(code, what, reason string, dossier uuid.UUID) fyne.CanvasObject {
	h := widget.NewLabelWithStyle(code, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.Truncation = fyne.TextTruncateEllipsis
	sub := caption(what)
	why := widget.NewLabel(reason)
	why.Wrapping = fyne.TextWrapWord
	why.Importance = widget.DangerImportance
	open := widget.NewButtonWithIcon(lang.L("Open the dossier"), theme.FolderOpenIcon(), func() { s.deps.openDossier(dossier) })
	if code == "" {
		open.Disable()
	}
	return container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(open), container.NewVBox(h, sub)), why, widget.NewSeparator())
}

// clockAheadNotice is what the last sync says about records kept here because their time is
// after the hub's clock, "" when it kept none back.
func clockAheadNotice(s syncState) string {
	if !s.configured || s.status.Last == nil {
		return ""
	}
	return s.status.Last.ClockAheadNotice()
}
