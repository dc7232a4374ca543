package hub

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"motcua/data"
	"motcua/sync/protocol"
)

// snapshotVersion is the version of office code's snapshot on this hub (0: none yet).
func (h *Hub) snapshotVersion(ctx context.Context, code string) (int64, error) {
	var v int64
	err := h.db.QueryRowContext(ctx, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?", "snapshot:"+code).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return v, err
}

// PutSnapshot stores office code's details, settings, catalog and calendar as a station sent
// them, and returns the new version.
func (h *Hub) PutSnapshot(ctx context.Context, code string, snap *data.Snapshot) (int64, error) {
	o, err := h.office(ctx, code, false)
	if err != nil {
		return 0, err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if err := o.store.ApplySnapshot(ctx, data.System, snap); err != nil {
		return 0, err
	}
	var v int64
	err = h.db.QueryRowContext(ctx, `INSERT INTO meta(key, value) VALUES (?, '1')
		ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING CAST(value AS INTEGER)`, "snapshot:"+code).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("ghi phiên bản thông tin văn phòng: %w", err)
	}
	return v, nil
}

// Snapshot is office code's snapshot and version (nil, 0 when no station sent one yet).
func (h *Hub) Snapshot(ctx context.Context, code string) (*data.Snapshot, int64, error) {
	v, err := h.snapshotVersion(ctx, code)
	if err != nil || v == 0 {
		return nil, 0, err
	}
	o, err := h.office(ctx, code, false)
	if err != nil {
		return nil, 0, err
	}
	snap, err := o.store.Snapshot(ctx)
	return snap, v, err
}

func (s *Server) officeSnapshot(w http.ResponseWriter, r *http.Request, p *Principal) {
	if !s.station(w, p) {
		return
	}
	switch r.Method {
	case http.MethodGet:
		// have: the version the station holds. Only a newer one is sent: a catalog is large and
		// every station asks at every sync.
		var have int64
		if v := r.URL.Query().Get("have"); v != "" {
			var err error
			if have, err = strconv.ParseInt(v, 10, 64); err != nil || have < 0 {
				s.fail(w, http.StatusBadRequest, protocol.CodeMalformed, "have phải là số không âm")
				return
			}
		}
		v, err := s.h.snapshotVersion(r.Context(), p.Office)
		if err != nil {
			s.internal(w, err)
			return
		}
		resp := protocol.OfficeResponse{Header: s.header(), Version: v}
		if v > have {
			if resp.Snapshot, resp.Version, err = s.h.Snapshot(r.Context(), p.Office); err != nil {
				s.internal(w, err)
				return
			}
		}
		s.reply(w, resp)
	case http.MethodPut:
		req, err := protocol.DecodeOffice(http.MaxBytesReader(w, r.Body, protocol.MaxBodyBytes+1))
		if err != nil {
			s.decodeFailure(w, err)
			return
		}
		if req.Snapshot.Office.Code != p.Office {
			s.fail(w, http.StatusForbidden, protocol.CodeForbidden, "thông tin của văn phòng khác văn phòng của mã truy cập")
			return
		}
		v, err := s.h.PutSnapshot(r.Context(), p.Office, &req.Snapshot)
		var ie *data.InputError
		if errors.As(err, &ie) {
			s.fail(w, http.StatusBadRequest, protocol.CodeMalformed, err.Error())
			return
		}
		if err != nil {
			s.internal(w, err)
			return
		}
		snap, _, err := s.h.Snapshot(r.Context(), p.Office)
		if err != nil {
			s.internal(w, err)
			return
		}
		s.reply(w, protocol.OfficeResponse{Header: s.header(), Version: v, Snapshot: snap})
	default:
		w.Header().Set("Allow", "GET, PUT")
		s.fail(w, http.StatusMethodNotAllowed, protocol.CodeMalformed, "chỉ nhận GET hoặc PUT")
	}
}
