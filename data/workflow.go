package data

// rule says from which statuses an event may be recorded and by which roles. The same table
// serves commands (role and status checked) and replay (status only: the role was checked on the
// station that recorded the event, and the hub checks it again).
type rule struct {
	from  []Status
	roles Roles
}

var rules = map[EventType]rule{
	EvSubmitted:           {from: []Status{StatusNone}, roles: RoleReception},
	EvReceived:            {from: []Status{StatusNone, StatusSubmitted}, roles: RoleReception},
	EvRefused:             {from: []Status{StatusNone, StatusSubmitted}, roles: RoleReception},
	EvTransferred:         {from: []Status{StatusReceived, StatusProcessing}, roles: RoleReception | RoleOfficer | RoleLeader},
	EvSupplementRequested: {from: []Status{StatusReceived, StatusProcessing}, roles: RoleReception | RoleOfficer | RoleLeader},
	EvSupplementReceived:  {from: []Status{StatusSupplement}, roles: RoleReception},
	EvObligationRequested: {from: []Status{StatusProcessing}, roles: RoleOfficer | RoleLeader},
	EvObligationMet:       {from: []Status{StatusObligation}, roles: RoleReception | RoleOfficer},
	EvWithdrawalRequested: {from: []Status{StatusReceived, StatusProcessing, StatusSupplement, StatusObligation}, roles: RoleReception},
	EvStopped:             {from: []Status{StatusReceived, StatusProcessing, StatusSupplement, StatusObligation, StatusWithdrawing}, roles: RoleLeader},
	EvProcessed:           {from: []Status{StatusProcessing}, roles: RoleOfficer | RoleLeader},
	EvApologyIssued:       {from: []Status{StatusReceived, StatusProcessing, StatusSupplement, StatusObligation}, roles: RoleOfficer | RoleLeader},
	EvReturned:            {from: []Status{StatusProcessed}, roles: RoleReception},
	EvRated:               {from: []Status{StatusReturned}, roles: RoleReception},
	EvNote: {from: []Status{StatusSubmitted, StatusReceived, StatusRefused, StatusProcessing, StatusSupplement,
		StatusObligation, StatusWithdrawing, StatusStopped, StatusProcessed, StatusReturned}, roles: AllRoles},
}

// Allowed reports whether an actor holding roles may record t on a dossier in status s. The GUI
// asks this with its session's roles to decide which buttons to show; the store asks it again
// before writing, with the roles the users table holds at that moment (actorTx).
func Allowed(roles Roles, t EventType, s Status) bool {
	r, ok := rules[t]
	if !ok || !roles.Has(r.roles) {
		return false
	}
	return statusIn(s, r.from)
}

// Actions lists the event types an actor may record on a dossier in status s, in workflow order.
func Actions(roles Roles, s Status) []EventType {
	var out []EventType
	for _, t := range workflowOrder {
		if Allowed(roles, t, s) {
			out = append(out, t)
		}
	}
	return out
}

var workflowOrder = []EventType{
	EvSubmitted, EvReceived, EvRefused, EvTransferred, EvSupplementRequested, EvSupplementReceived,
	EvObligationRequested, EvObligationMet, EvProcessed, EvApologyIssued, EvWithdrawalRequested,
	EvStopped, EvReturned, EvRated, EvNote,
}

func statusIn(s Status, set []Status) bool {
	for _, x := range set {
		if x == s {
			return true
		}
	}
	return false
}
