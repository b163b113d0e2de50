// The population store (issue 3).
