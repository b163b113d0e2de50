// The matching engine (issue 4).
