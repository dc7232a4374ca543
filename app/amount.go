package app

import (
	"strconv"
	"strings"
)

// parseAmount reads an amount in VND: "50.000", "50,000", "50 000 đ" and "50000" are the same.
func parseAmount(v string) (int64, error) {
	v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "đ"))
	v = strings.NewReplacer(".", "", ",", "", " ", "").Replace(v)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > 1_000_000_000_000 {
		return 0, textError("An amount in đồng, e.g. 50.000")
	}
	return n, nil
}
