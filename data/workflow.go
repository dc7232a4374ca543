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
	return mayRecord(roles, t) && statusIn(s, rules[t].from)
}

// mayRecord is the role half of Allowed: whether an actor holding roles may record t at all. The
// hub checks it for every event a station pushes (actorMay); the status half is the replay's.
func mayRecord(roles Roles, t EventType) bool {
	r, ok := rules[t]
	return ok && roles.Has(r.roles)
}

// importTypes are the event types the register import writes (writeRegisterRow) under the
// importing administrator's name, or the system's from the command line, and that the hub writes
// as the system for an online submission: every step of a dossier's history except those a
// register does not record (an apology, a met obligation, a note).
var importTypes = map[EventType]bool{
	EvSubmitted: true, EvReceived: true, EvRefused: true, EvTransferred: true, EvSupplementRequested: true,
	EvSupplementReceived: true, EvObligationRequested: true, EvWithdrawalRequested: true, EvStopped: true,
	EvProcessed: true, EvReturned: true, EvRated: true,
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
