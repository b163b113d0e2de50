// The data generator.
