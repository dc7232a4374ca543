package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"motcua/data"
	"motcua/sync/station"
)

// The background sync of a logged-in session: station.Loop pushes and pulls every few minutes,
// and a watcher looks at the local log every few seconds so that a record written on any screen
// goes to the hub within seconds, without each screen having to say so. Reports reach the status
// bar and the Sync screen through syncTuning.do.

// syncTuning is how the background sync of a window paces itself and reports (ui.syncTune);
// tests make it quick and queue its reports.
type syncTuning struct {
	interval time.Duration // how often the loop syncs when nothing was written here
	watch    time.Duration // how often the watcher looks for records written here since the last look
	// do hands a report to the UI thread. Tests apply reports on the test's own goroutine
	// instead (Fyne's test driver runs fyne.Do on the calling goroutine).
	do func(func())
	// client is how the GUI's client talks to the hub.
	client func(data.SyncConfig) station.Config
}

// defaultSyncTuning syncs every 2 minutes and looks at the log every 3 seconds. The client
// retries less than the library's default, since the loop comes back anyway and a person is
// looking at the status bar.
func defaultSyncTuning() syncTuning {
	return syncTuning{interval: 2 * time.Minute, watch: 3 * time.Second, do: fyne.Do,
		client: func(c data.SyncConfig) station.Config {
			return station.Config{Hub: c.Hub, Token: c.Token, CA: c.CA, RetryMax: 3, RetryWaitMax: 10 * time.Second}
		}}
}

// syncState is what the status bar and the Sync screen show.
type syncState struct {
	loaded     bool   // the settings were read
	configured bool   // a hub is set
	hub        string // its address (never the token)
	err        error  // reading the settings or making the client failed
	status     station.Status
	pending    int // records written here that the hub has not acknowledged
}

// syncRunner is the sync of one session.
type syncRunner struct {
	show   func(*syncRunner) // shows the runner's state on the UI thread (ui.showSync)
	st     *data.Store
	tune   syncTuning
	cancel context.CancelFunc
	done   sync.WaitGroup

	mu      sync.Mutex
	stopped bool          // stopSync was called: start nothing more
	loop    *station.Loop // nil until started, and when no hub is set
	state   syncState
}

// syncOf is the running sync of u, nil when none.
func (u *ui) syncOf() *syncRunner {
	return u.syncRun.Load()
}

// startSync starts the background sync of st, replacing any running one: call it after a login
// and after the hub settings change (any thread). It reads the settings as background work
// (u.spawn); the loop itself is not counted in u.work, which tests and pictures wait on.
func (u *ui) startSync(st *data.Store) {
	if st == nil {
		return
	}
	u.stopSync()
	ctx, cancel := context.WithCancel(u.ctx)
	r := &syncRunner{show: u.showSync, st: st, tune: u.syncTune, cancel: cancel}
	u.syncRun.Store(r)
	u.spawn(func() { r.configure(ctx) })
}

// stopSync stops the background sync, if any (logout, shutdown; any thread). It does not wait
// for a sync under way to notice: that happens in the background, counted in u.work.
func (u *ui) stopSync() {
	r := u.syncOf()
	if r == nil {
		return
	}
	u.syncRun.CompareAndSwap(r, nil)
	r.mu.Lock()
	r.stopped = true // before the wait below: configure adds no goroutine after it
	r.mu.Unlock()
	r.cancel()
	u.spawn(r.done.Wait)
}

// kickSync asks for a sync now (the "Sync now" button); false when no loop runs.
func (u *ui) kickSync() bool {
	r := u.syncOf()
	if r == nil {
		return false
	}
	r.mu.Lock()
	loop := r.loop
	r.mu.Unlock()
	if loop == nil {
		return false
	}
	loop.Kick()
	return true
}

// syncSnapshot is the current state of u's sync (zero when none runs).
func (u *ui) syncSnapshot() syncState {
	r := u.syncOf()
	if r == nil {
		return syncState{}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.state
}

// configure reads the hub settings and starts the loop when a hub is set. It blocks.
func (r *syncRunner) configure(ctx context.Context) {
	cfg, err := r.st.SyncConfig(ctx)
	if ctx.Err() != nil {
		return
	}
	var c *station.Client
	if err == nil && cfg.Hub != "" {
		c, err = station.New(r.st, r.tune.client(cfg))
	}
	pending, perr := r.st.PendingPush(ctx)
	r.mu.Lock()
	r.state = syncState{loaded: true, configured: cfg.Hub != "", hub: cfg.Hub, err: err, pending: pending}
	if err == nil && perr != nil {
		r.state.err = perr
	}
	if c != nil {
		r.loop = station.NewLoop(c, r.tune.interval, r.changed)
	}
	loop := r.loop
	if loop != nil && !r.stopped {
		r.done.Add(2)
	} else {
		loop = nil
	}
	r.mu.Unlock()
	r.publish()
	if loop == nil {
		return
	}
	go func() { defer r.done.Done(); loop.Run(ctx) }()
	go func() { defer r.done.Done(); r.watch(ctx, loop) }()
}

// changed takes a status from the loop (its goroutine); after a sync it counts what still waits.
func (r *syncRunner) changed(s station.Status) {
	pending := -1
	if !s.Running {
		if n, err := r.st.PendingPush(context.Background()); err == nil {
			pending = n
		}
	}
	r.mu.Lock()
	r.state.status = s
	if pending >= 0 {
		r.state.pending = pending
	}
	r.mu.Unlock()
	r.publish()
}

// watch kicks the loop when records were written here since the last look, and keeps the count
// of waiting records current while the hub is out of reach. Reading the log's end is one index
// lookup; the count runs only when the log moved.
func (r *syncRunner) watch(ctx context.Context, loop *station.Loop) {
	t := time.NewTicker(r.tune.watch)
	defer t.Stop()
	last, _ := r.st.LogPosition(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		pos, err := r.st.LogPosition(ctx)
		if err != nil || pos == last {
			continue
		}
		last = pos
		n, err := r.st.PendingPush(ctx)
		if err != nil || ctx.Err() != nil {
			continue
		}
		r.mu.Lock()
		moved := n != r.state.pending
		r.state.pending = n
		r.mu.Unlock()
		if n > 0 {
			loop.Kick() // events pulled from other stations move the log too: those need no push
		}
		if moved {
			r.publish()
		}
	}
}

// publish shows the state on the UI thread.
func (r *syncRunner) publish() {
	r.tune.do(func() { r.show(r) })
}

// showSync shows r's state in the status bar and on the Sync screen, unless r was replaced or
// stopped (UI thread).
func (u *ui) showSync(r *syncRunner) {
	if u.syncOf() != r {
		return
	}
	state := u.syncSnapshot()
	if u.shell != nil && u.shell.status != nil {
		u.shell.status.showSync(u, state)
	}
	if s := syncScreenOf(u); s != nil {
		s.showState(state)
	}
}

// offline reports whether err means the hub could not be reached at all.
func offline(err error) bool { return errors.Is(err, station.ErrUnreachable) }
